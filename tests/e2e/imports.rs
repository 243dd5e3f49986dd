//! Imports in the window: a ServiceNow-style export of business applications and a contracts
//! spreadsheet, each planned from a saved profile, reviewed (a conflict resolved), applied with
//! its progress, seen in the register, undone, and seen restored.
//!
//! NOTE: the mapping studio is not merged into this branch yet, so the test reaches the
//! preview the way a DPO does without it: the saved profile pasted in the Imports screen's
//! "new import" form, with the path of the export.

use std::time::Duration;

use passerelle_dastra::{Auth, ClientOptions, DastraClient};
use serde_json::{json, Value};

use crate::driver::{App, Lang};

/// A client of a sandbox seeded like the app's own (the seed is deterministic).
async fn seeded() -> (passerelle_sandbox::RunningSandbox, DastraClient) {
    let sandbox = passerelle_sandbox::start(Default::default(), 0)
        .await
        .expect("a sandbox starts");
    let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(passerelle_sandbox::MAIN_WORKSPACE))
        .build()
        .expect("a client");
    (sandbox, client)
}

async fn records(client: &DastraClient, collection: &str) -> Vec<Value> {
    let path = client.workspace_path(collection).expect("a path");
    let page = client
        .get_json(&path, &[("page", "1"), ("size", "500")])
        .await
        .expect("listed");
    page["items"].as_array().expect("items").clone()
}

const SERVICENOW: &str = r#"{"version": 1, "id": "servicenow-apps",
"name": "Applications ServiceNow",
"source": {"name": "servicenow", "kind": "json", "records": "result"}, "target": "asset",
"key": {"column": "u_number", "target": "ref", "transforms": [{"op": "trim"}]},
"fields": [{"target": "label", "column": "name", "transforms": [{"op": "trim"}]},
{"target": "type", "transforms": [{"op": "constant", "value": "Software"}]}],
"missing": {"action": "tag"}}"#;

const CONTRACTS: &str = r#"{"version": 1, "id": "contrats-achats", "name": "Contrats achats",
"source": {"name": "achats", "kind": "csv"}, "target": "contract",
"key": {"column": "Référence", "target": "ref"},
"fields": [{"target": "label", "column": "Libellé"}]}"#;

/// Type the profile and the file into the new-import form and plan it; the preview opens.
/// The source fields follow the profile's kind (a file here), so the path goes in
/// `source-path`.
async fn plan(app: &App, profile: &str, path: &std::path::Path) {
    app.click("[data-testid=nav-imports]").await;
    app.type_into("[data-testid=import-profile]", profile).await;
    app.type_into("[data-testid=source-path]", &path.display().to_string())
        .await;
    app.click("[data-testid=plan-import]").await;
    app.wait_for("[data-testid=plan-chart]").await;
    app.wait_for_count("[data-testid=plan-row]", 1).await;
}

/// Search a register for `text` and return how many records it says match, once the count
/// has settled (the list reloads as the search is typed).
async fn register_rows(app: &App, screen: &str, row: &str, text: &str) -> u64 {
    app.click(&format!("[data-testid=nav-{screen}]")).await;
    app.wait_for("[data-testid=register-search]").await;
    app.wait_for(&format!("[data-testid={row}]")).await;
    app.type_into("[data-testid=register-search]", text).await;
    let mut last = None;
    loop {
        tokio::time::sleep(Duration::from_millis(700)).await;
        let rows = app.count(&format!("[data-testid={row}]")).await as u64;
        let now = if rows == 0 {
            0
        } else {
            app.number_in("[data-testid=register-total]").await
        };
        if last == Some(now) {
            app.clear("[data-testid=register-search]").await;
            return now;
        }
        last = Some(now);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_servicenow_export_is_previewed_resolved_applied_and_undone_in_the_window() {
    let (_sandbox, client) = seeded().await;
    let software: Vec<Value> = records(&client, "Assets")
        .await
        .into_iter()
        .filter(|a| a["type"] == "Software" && a["ref"].is_string())
        .take(3)
        .collect();
    let key = |i: usize| software[i]["ref"].as_str().unwrap().to_owned();
    let label = |i: usize| software[i]["label"].as_str().unwrap().to_owned();
    // How many seeded assets the register's search for the first label finds (namesakes too).
    let folded = label(0).to_lowercase();
    let named = records(&client, "Assets")
        .await
        .iter()
        .filter(|a| {
            a["label"]
                .as_str()
                .is_some_and(|l| l.to_lowercase().contains(&folded))
        })
        .count() as u64;
    let dir = tempfile::tempdir().expect("a temp folder");
    let export = json!({ "result": [
        { "u_number": key(0), "name": "Portail RH (renommé)" },
        { "u_number": key(1), "name": "Doublon A" },
        { "u_number": key(1), "name": "Doublon B retenu" },
        { "u_number": key(2), "name": label(2) },
        { "u_number": "APM0099001", "name": "Atlas cartographie" },
        { "name": "Sans numéro" }
    ]});
    let file = dir.path().join("servicenow-apps.json");
    std::fs::write(&file, serde_json::to_string_pretty(&export).unwrap()).unwrap();

    let Some(app) = App::launch("imports", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    plan(&app, SERVICENOW, &file).await;
    assert_eq!(app.number_in("[data-testid=count-create-value]").await, 1);
    assert_eq!(app.number_in("[data-testid=count-update-value]").await, 1);
    assert_eq!(app.number_in("[data-testid=count-conflict-value]").await, 2);
    assert_eq!(app.number_in("[data-testid=count-invalid-value]").await, 1);
    let missing = app.number_in("[data-testid=count-missing-value]").await;
    assert!(
        missing > 100,
        "the other seeded assets are missing: {missing}"
    );
    app.screenshot("imports-preview-fr").await;

    // Resolve the duplicate: the second row is the right one.
    app.click("[data-testid=filter-conflict]").await;
    app.wait_for_count("[data-testid=conflict-choice]", 2).await;
    let to_write = app.number_in("[data-testid=to-write]").await;
    app.js(
        "const s = document.querySelectorAll('[data-testid=conflict-choice]')[1]; \
         s.dataset.pick = '1'; return 1",
    )
    .await;
    app.select_option("[data-testid=conflict-choice][data-pick='1']", "takeSource")
        .await;
    app.wait_for_number("[data-testid=to-write]", to_write + 1)
        .await;
    let row = app.inner_text("[data-testid=plan-row]:nth-child(2)").await;
    assert!(row.contains("Doublon B retenu"), "{row}");
    app.screenshot("imports-conflict-fr").await;
    app.click("[data-testid=filter-conflict]").await;

    // Apply: more than a hundred writes (the missing records are tagged), with progress.
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=apply-confirm]").await;
    app.wait_for("[data-testid=progress]").await;
    app.screenshot("imports-progress-fr").await;
    app.poll_text(
        "[data-testid=import-state]",
        "Appliqué",
        Duration::from_secs(150),
    )
    .await;
    assert_eq!(
        app.number_in("[data-testid=outcome-count-updated]").await,
        2
    );
    assert_eq!(
        app.number_in("[data-testid=outcome-count-created]").await,
        1
    );
    assert_eq!(
        app.number_in("[data-testid=outcome-count-tagged]").await,
        missing
    );
    app.click("[data-testid=outcome-updated]").await;
    app.wait_for_count("[data-testid=row-outcome]", 2).await;
    app.screenshot("imports-report-fr").await;

    // The assets register holds the import.
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "renommé").await,
        1
    );
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "Atlas cartographie").await,
        1
    );
    app.screenshot("imports-assets-after-fr").await;

    // Undo it from the history.
    app.click("[data-testid=nav-imports]").await;
    app.wait_for("[data-testid=history-row]").await;
    app.screenshot("imports-history-fr").await;
    app.click("[data-testid=history-undo]").await;
    app.click("[data-testid=undo-confirm]").await;
    // About 300 requests: undoing waits on the rate budget (500 a minute) left by the apply.
    app.poll_text(
        "[data-testid=history-state]",
        "Annulé",
        Duration::from_secs(150),
    )
    .await;
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "renommé").await,
        0
    );
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "Atlas cartographie").await,
        0
    );
    assert_eq!(
        register_rows(&app, "assets", "asset-row", &label(0)).await,
        named,
        "the renamed asset has its name back, beside its namesakes"
    );
    app.click("[data-testid=nav-assets]").await;
    app.type_into("[data-testid=register-search]", &label(0))
        .await;
    app.screenshot("imports-assets-restored-fr").await;

    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contracts_spreadsheet_is_imported_and_undone_in_english() {
    let (_sandbox, client) = seeded().await;
    let contracts: Vec<Value> = records(&client, "Contracts")
        .await
        .into_iter()
        .take(3)
        .collect();
    let key = |i: usize| contracts[i]["ref"].as_str().unwrap().to_owned();
    let dir = tempfile::tempdir().expect("a temp folder");
    let csv = format!(
        "Référence;Libellé\n{};Maintenance logiciel paie 2027\n{};Hébergement CRM renégocié\n\
         {};{}\n",
        key(0),
        key(1),
        key(2),
        contracts[2]["label"].as_str().unwrap()
    );
    let file = dir.path().join("contrats-achats.csv");
    std::fs::write(&file, csv).unwrap();

    let Some(app) = App::launch("imports-contracts", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    app.select_option("[data-testid=language-switch]", "en")
        .await;
    plan(&app, CONTRACTS, &file).await;
    assert_eq!(app.number_in("[data-testid=count-update-value]").await, 2);
    assert_eq!(
        app.number_in("[data-testid=count-unchanged-value]").await,
        1
    );
    app.click("[data-testid=filter-update]").await;
    app.wait_for_count("[data-testid=row-changes]", 2).await;
    let changes = app.inner_text("[data-testid=row-changes]").await;
    assert!(
        changes.contains("→ Maintenance logiciel paie 2027"),
        "{changes}"
    );
    app.screenshot("imports-preview-en").await;

    app.click("[data-testid=apply]").await;
    app.click("[data-testid=apply-confirm]").await;
    app.wait_for("[data-testid=report]").await;
    assert_eq!(app.text("[data-testid=import-state]").await, "Applied");
    app.screenshot("imports-report-en").await;
    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "renégocié").await,
        1
    );

    app.click("[data-testid=nav-imports]").await;
    app.click("[data-testid=history-open]").await;
    app.click("[data-testid=undo]").await;
    app.click("[data-testid=undo-confirm]").await;
    app.poll_text(
        "[data-testid=import-state]",
        "Undone",
        Duration::from_secs(60),
    )
    .await;
    app.screenshot("imports-undone-en").await;
    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "renégocié").await,
        0
    );
    let original = contracts[0]["label"].as_str().unwrap();
    assert!(
        register_rows(&app, "contracts", "contract-row", original).await >= 1,
        "the contract has its label back"
    );

    app.finish().await;
}
