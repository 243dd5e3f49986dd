//! The mapping studio in the window: a ServiceNow-style export is opened, the suggestions are
//! accepted, one enum value is mapped by hand, the preview shows the transformed records, and
//! the profile is saved to the app's data folder; the canvas and the preview are photographed
//! in French and in English.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::driver::{App, Lang};

/// States as a French ServiceNow instance displays them; « Pilote » has no close Dastra value.
const STATES: [&str; 3] = ["En production", "Retiré", "Pilote"];

/// A ServiceNow Table API export of 30 business applications, records under `result`.
fn write_export(dir: &Path) -> PathBuf {
    let result: Vec<Value> = (1..=30)
        .map(|i| {
            json!({
                "sys_id": format!("{i:032x}"),
                "u_number": format!("APM{i:07}"),
                "name": format!(" Application métier {i} "),
                "short_description": format!("Application de gestion n° {i}"),
                "install_status": STATES[(i - 1) % 3],
                "owned_by": { "display_value": "Claire Martin", "link": "https://acme/api/1" },
            })
        })
        .collect();
    let path = dir.join("servicenow-business-apps.json");
    let body = serde_json::to_vec_pretty(&json!({ "result": result })).expect("json");
    std::fs::write(&path, body).expect("the export is written");
    path
}

/// Every file named `name` under `dir`.
fn find_files(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            find_files(&path, name, out);
        } else if path.file_name().is_some_and(|n| n == name) {
            out.push(path);
        }
    }
}

/// Close any open drop-down (WebKitGTK does not repaint the page while its list is open) and
/// scroll the canvas back to its first rows (the key and the required fields) for the picture.
async fn show_canvas_top(app: &App) {
    app.click("[data-testid=transform-editor] h2").await;
    app.js("document.querySelector('[data-testid=mapping-canvas]').scrollTop = 0; return 0")
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_servicenow_export_is_mapped_previewed_and_saved_in_the_studio() {
    let Some(app) = App::launch("mapping", Lang::Fr).await else {
        return;
    };
    let files = tempfile::tempdir().expect("a temp folder");
    let export = write_export(files.path());

    app.click("[data-testid=nav-mapping]").await;
    app.type_into("[data-testid=source-path]", &export.display().to_string())
        .await;
    app.click("[data-testid=source-open]").await;
    app.wait_for("[data-testid=source-u_number]").await;
    let summary = app.text("[data-testid=source-summary]").await;
    assert!(summary.contains("30 enregistrements"), "{summary:?}");
    let required = app.text("[data-testid=target-label]").await;
    assert!(
        required.contains("obligatoire"),
        "label is marked required: {required:?}"
    );

    // Suggestions: a dashed curve each, then all accepted.
    app.click("[data-testid=suggest]").await;
    app.wait_for("[data-testid=suggestions]").await;
    for field in ["ref", "label", "applicationState"] {
        app.wait_for(&format!("[data-testid=suggestion-{field}]"))
            .await;
    }
    let states = app.text("[data-testid=suggestion-applicationState]").await;
    assert!(
        states.contains("Pilote"),
        "Pilote is left to map by hand: {states:?}"
    );
    // NOTE: WebKitGTK may paint a busy window late; give it a moment before the picture.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    app.screenshot("mapping-suggestions-fr").await;
    app.click("[data-testid=suggest-accept-all]").await;
    app.wait_for("[data-testid=link-applicationState]").await;

    // Assets need a type: a constant, set on the canvas.
    app.click("[data-testid=target-type]").await;
    app.select_option("[data-testid=step-kind]", "constant")
        .await;
    app.click("[data-testid=step-add]").await;
    app.select_option("[data-testid=constant-value]", "Software")
        .await;

    // « Pilote » is refused at its cell until it is mapped by hand.
    let refused = app.text("[data-testid=cell-2-applicationState]").await;
    let refused = if refused.contains("Valeur non prévue") {
        refused
    } else {
        app.wait_for_text_change("[data-testid=cell-2-applicationState]", &refused)
            .await
    };
    assert!(refused.contains("Valeur non prévue"), "{refused:?}");
    assert_eq!(
        app.text("[data-testid=cell-0-applicationState]").await,
        "InProduction"
    );
    assert_eq!(
        app.text("[data-testid=cell-0-label]").await,
        "Application métier 1"
    );
    app.click("[data-testid=target-applicationState]").await;
    app.select_option("[data-testid=map-to-Pilote]", "InDevelopment")
        .await;
    let fixed = app
        .wait_for_text_change("[data-testid=cell-2-applicationState]", &refused)
        .await;
    assert_eq!(fixed, "InDevelopment", "the hand-made pair is applied");
    let valid = app.text("[data-testid=preview-valid]").await;
    assert!(
        valid.contains("20 valides"),
        "every shown record is valid: {valid:?}"
    );
    assert_eq!(app.count("[data-testid=preview-invalid]").await, 0);
    show_canvas_top(&app).await;
    app.screenshot("mapping-canvas-fr").await;

    app.click("[data-testid=editor-close]").await;
    app.screenshot("mapping-preview-fr").await;

    // Saved as version 1 of its profile.
    app.type_into("[data-testid=profile-name]", "Applications ServiceNow")
        .await;
    app.click("[data-testid=profile-save]").await;
    let notice = app.text("[data-testid=mapping-notice]").await;
    assert!(notice.contains("version 1"), "{notice:?}");

    // The same canvas in English.
    app.select_option("[data-testid=language-switch]", "en")
        .await;
    app.wait_for_text_change("[data-testid=screen-title]", "Studio de correspondance")
        .await;
    app.click("[data-testid=target-applicationState]").await;
    app.wait_for("[data-testid=transform-editor]").await;
    let valid = app.text("[data-testid=preview-valid]").await;
    assert!(valid.contains("20 valid"), "{valid:?}");
    show_canvas_top(&app).await;
    app.screenshot("mapping-canvas-en").await;
    app.click("[data-testid=editor-close]").await;
    app.screenshot("mapping-preview-en").await;

    let home = app.finish_keeping_home().await;
    let mut saved = Vec::new();
    find_files(home.path(), "1.json", &mut saved);
    let saved: Vec<_> = saved
        .into_iter()
        .filter(|p| {
            p.to_string_lossy()
                .contains("mapping-profiles/applications-servicenow")
        })
        .collect();
    assert_eq!(saved.len(), 1, "one saved revision: {saved:?}");
    let text = std::fs::read_to_string(&saved[0]).expect("the saved profile");
    let profile = passerelle_mapping::Profile::from_json(&text).expect("a valid profile");
    assert_eq!(profile.key.column, "u_number");
    assert_eq!(profile.key.target, "ref");
    let state = profile
        .fields
        .iter()
        .find(|f| f.target == "applicationState")
        .expect("the state is mapped");
    let map = serde_json::to_value(&state.transforms).expect("json");
    assert_eq!(
        map,
        json!([{ "op": "valueMap", "values": {
            "En production": "InProduction", "Pilote": "InDevelopment", "Retiré": "Stopped"
        } }]),
        "the suggested pairs and the one made by hand"
    );
}
