//! The desktop's own file choosers (tauri-plugin-dialog), answered as a DPO would: the GTK
//! chooser is a real window beside the app's, found by its title and typed into with `xdotool`
//! (XTEST key events, as a keyboard gives them).
//!
//! Each test runs the app on an X display of its own, so that no other test's window takes
//! the keyboard focus and no other test's keys reach its chooser.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::driver::{artifacts_dir, App, Lang};

/// An Xvfb server of the test's own, stopped when dropped.
struct Screen {
    display: String,
    server: Child,
}

impl Screen {
    fn start() -> Screen {
        let mut server = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts (scripts/setup.sh installs it)");
        let mut number = String::new();
        BufReader::new(server.stdout.take().expect("its output"))
            .read_line(&mut number)
            .expect("Xvfb names its display");
        Screen {
            display: format!(":{}", number.trim()),
            server,
        }
    }

    fn xdotool(&self, args: &[&str]) -> std::process::Output {
        Command::new("xdotool")
            .env("DISPLAY", &self.display)
            .args(args)
            .output()
            .expect("xdotool runs (scripts/setup.sh installs it)")
    }

    fn run(&self, args: &[&str]) {
        let done = self.xdotool(args);
        assert!(done.status.success(), "xdotool {args:?}: {done:?}");
    }

    /// Every window with a title. (`xdotool search --name` matches a regular expression,
    /// which does not take a title's non-ASCII letters reliably: titles are compared here.)
    fn windows(&self) -> Vec<(String, String)> {
        let ids = self.xdotool(&["search", "--name", ""]);
        String::from_utf8_lossy(&ids.stdout)
            .lines()
            .filter_map(|id| {
                let name = self.xdotool(&["getwindowname", id]);
                let name = String::from_utf8_lossy(&name.stdout).trim().to_string();
                (!name.is_empty()).then(|| (id.to_string(), name))
            })
            .collect()
    }

    /// The chooser's window, by its exact title, once it is on the screen.
    fn chooser(&self, title: &str) -> String {
        let started = Instant::now();
        loop {
            if let Some((id, _)) = self.windows().into_iter().find(|(_, name)| name == title) {
                return id;
            }
            if started.elapsed() > Duration::from_secs(20) {
                self.shot("chooser-missing");
                let names: Vec<String> = self
                    .windows()
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

    /// Focus the chooser titled `title`, then type `path` into its field (its name field in a
    /// save chooser, whose title starts « Enregistrer »; its location field, opened by Ctrl+L,
    /// in an open one) and press Enter.
    fn answer(&self, title: &str, path: &Path, shot: &str) {
        let window = self.chooser(title);
        self.run(&["windowfocus", "--sync", &window]);
        std::thread::sleep(Duration::from_millis(300));
        if !title.starts_with("Enregistrer") {
            self.run(&["key", "--clearmodifiers", "ctrl+l"]);
            std::thread::sleep(Duration::from_millis(300));
        }
        self.run(&["key", "--clearmodifiers", "ctrl+a"]);
        self.run(&["type", "--delay", "20", &path.display().to_string()]);
        std::thread::sleep(Duration::from_millis(300));
        self.shot(shot);
        self.run(&["key", "Return"]);
    }

    /// The whole screen, choosers included (WebDriver sees only the page), in the artifacts.
    fn shot(&self, name: &str) {
        let _ = Command::new("import")
            .env("DISPLAY", &self.display)
            .args(["-window", "root"])
            .arg(artifacts_dir().join(format!("{name}.png")))
            .status();
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = self.server.kill();
        let _ = self.server.wait();
    }
}

/// Answer the chooser from a blocking thread while the app waits for it.
async fn answer(screen: &std::sync::Arc<Screen>, title: &str, path: &Path, shot: &str) {
    let (screen, title, path, shot) = (
        screen.clone(),
        title.to_string(),
        path.to_path_buf(),
        shot.to_string(),
    );
    tokio::task::spawn_blocking(move || screen.answer(&title, &path, &shot))
        .await
        .expect("the chooser answered");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_source_file_is_picked_in_the_desktop_chooser_and_opens_in_the_studio() {
    let screen = std::sync::Arc::new(Screen::start());
    let Some(app) = App::launch_on_display("chooser-open", Lang::Fr, &screen.display).await else {
        return;
    };
    let folder = tempfile::tempdir().expect("a folder");
    let export = folder.path().join("applications-cmdb.json");
    // A Table API export: the studio reads its records under `result` by default.
    let rows = serde_json::json!({ "result": [
        { "numero": "APP-1", "nom": "Paie" },
        { "numero": "APP-2", "nom": "CRM" }
    ]});
    std::fs::write(&export, rows.to_string()).expect("the export");

    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    app.click("[data-testid=nav-mapping]").await;
    app.click("[data-testid=source-path-browse]").await;
    answer(&screen, "Chemin du fichier", &export, "chooser-open-fr").await;

    let wanted = export.display().to_string();
    let started = Instant::now();
    loop {
        let value = app
            .js("return document.querySelector('[data-testid=source-path]').value")
            .await;
        if value.as_str() == Some(wanted.as_str()) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the chosen file is not in the field: {value}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.click("[data-testid=source-open]").await;
    app.wait_for("[data-testid=source-numero]").await;
    let summary = app.text("[data-testid=source-summary]").await;
    assert!(summary.contains("2 enregistrements"), "{summary:?}");
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_audit_log_is_saved_where_the_dpo_chooses_in_the_desktop_chooser() {
    let screen = std::sync::Arc::new(Screen::start());
    let Some(app) = App::launch_on_display("chooser-save", Lang::Fr, &screen.display).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    app.click("[data-testid=nav-audit]").await;
    app.wait_for("[data-testid=audit-export-save-as]").await;

    let folder = tempfile::tempdir().expect("a folder to save in");
    let target = folder.path().join("journal-audit-dpo.csv");
    app.click("[data-testid=audit-export-save-as]").await;
    answer(
        &screen,
        "Enregistrer le journal d’audit",
        &target,
        "chooser-save-fr",
    )
    .await;

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
