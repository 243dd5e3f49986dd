//! The desktop's own file choosers (tauri-plugin-dialog), answered as a DPO would: the GTK
//! chooser is a real window beside the app's, found by its title and typed into with `xdotool`
//! (XTEST key events, as a keyboard gives them).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::driver::{App, Lang};

/// The chooser's window, by its exact title, once it is on the screen.
fn chooser_window(title: &str) -> String {
    let started = Instant::now();
    loop {
        if let Some((id, _)) = windows().into_iter().find(|(_, name)| name == title) {
            return id;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = Command::new("import")
                .args(["-window", "root"])
                .arg(crate::driver::artifacts_dir().join("chooser-missing.png"))
                .status();
            let names: Vec<String> = windows()
                .into_iter()
                .map(|(_, n)| format!("« {n} »"))
                .collect();
            panic!(
                "no file chooser titled « {title} » appeared; windows: {}",
                names.join(", ")
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Every window with its title. (`xdotool search --name` matches a regular expression, which
/// does not take a title's non-ASCII letters reliably: titles are compared here instead.)
fn windows() -> Vec<(String, String)> {
    let ids = Command::new("xdotool")
        .args(["search", "--name", ""])
        .output()
        .expect("xdotool runs (scripts/setup.sh installs it)");
    String::from_utf8_lossy(&ids.stdout)
        .lines()
        .filter_map(|id| {
            let name = Command::new("xdotool")
                .args(["getwindowname", id])
                .output()
                .ok()?;
            let name = String::from_utf8_lossy(&name.stdout).trim().to_string();
            (!name.is_empty()).then(|| (id.to_string(), name))
        })
        .collect()
}

/// Give the chooser `path` as a person would: focus it, type the path, press Enter.
fn answer_chooser(title: &str, path: &Path) {
    let window = chooser_window(title);
    let run = |args: &[&str]| {
        let status = Command::new("xdotool")
            .args(args)
            .status()
            .expect("xdotool");
        assert!(status.success(), "xdotool {args:?}");
    };
    run(&["windowfocus", "--sync", &window]);
    // The name field has the focus and its suggested name selected: typing replaces it, and a
    // whole path is taken as the folder and the name.
    std::thread::sleep(Duration::from_millis(300));
    run(&["key", "--clearmodifiers", "ctrl+a"]);
    run(&["type", "--delay", "20", &path.display().to_string()]);
    run(&["key", "Return"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_log_is_saved_where_the_dpo_chooses_in_the_desktop_chooser() {
    let Some(app) = App::launch("choosers", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    app.click("[data-testid=nav-audit]").await;
    app.wait_for("[data-testid=audit-export-save-as]").await;

    let folder = tempfile::tempdir().expect("a folder to save in");
    let target = folder.path().join("journal-audit-dpo.csv");
    app.click("[data-testid=audit-export-save-as]").await;
    let answer = {
        let target = target.clone();
        tokio::task::spawn_blocking(move || {
            answer_chooser("Enregistrer le journal d’audit", &target)
        })
    };
    answer.await.expect("the chooser answered");

    let shown = app.text("[data-testid=audit-export-path]").await;
    assert_eq!(shown.trim(), target.display().to_string());
    let text = std::fs::read_to_string(&target).expect("the log saved where chosen");
    let mut lines = text.lines();
    assert!(
        lines.next().is_some_and(|h| h.starts_with("record,seq,")),
        "a CSV header: {text}"
    );
    assert!(
        lines.all(|l| l.starts_with("entry,") || l.starts_with("head,")),
        "only entries and the chain's head: {text}"
    );
    app.screenshot("audit-saved-as-fr").await;
    app.finish().await;
}
