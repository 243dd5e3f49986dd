//! Imports in the window: a ServiceNow-style export of business applications and a contracts
//! CSV, each planned from a pasted profile, reviewed (a conflict resolved), applied with its
//! progress, seen in the register, undone, and seen restored. The steps are shared with the
//! journeys that start in the mapping studio (`journeys.rs`).

use std::time::Duration;

use serde_json::{json, Value};

use crate::driver::{App, Lang};
use crate::workspace::Workspace;

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
pub async fn plan(app: &App, profile: &str, path: &std::path::Path) {
    app.click("[data-testid=nav-imports]").await;
    app.type_into("[data-testid=import-profile]", profile).await;
    app.type_into("[data-testid=source-path]", &path.display().to_string())
        .await;
    prepare_plan(app).await;
}

/// Press "prepare the plan" on the filled new-import form and wait for the preview's rows.
pub async fn prepare_plan(app: &App) {
    app.click("[data-testid=plan-import]").await;
    app.wait_long_for("[data-testid=plan-chart]", Duration::from_secs(90))
        .await;
    app.wait_for_count("[data-testid=plan-row]", 1).await;
}

/// The plan's rows per class, as its chart shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub create: u64,
    pub update: u64,
    pub unchanged: u64,
    pub conflict: u64,
    pub invalid: u64,
    pub missing: u64,
}

pub async fn plan_counts(app: &App) -> Counts {
    let n = async |kind: &str| {
        app.number_in(&format!("[data-testid=count-{kind}-value]"))
            .await
    };
    Counts {
        create: n("create").await,
        update: n("update").await,
        unchanged: n("unchanged").await,
        conflict: n("conflict").await,
        invalid: n("invalid").await,
        missing: n("missing").await,
    }
}

/// Among the conflicts, take the source's version of the `nth` one (a duplicate in the
/// source): one more row to write. Returns that row's text; the conflicts stay shown.
pub async fn take_source(app: &App, nth: usize) -> String {
    app.click("[data-testid=filter-conflict]").await;
    app.wait_for_count("[data-testid=conflict-choice]", nth + 1)
        .await;
    let to_write = app.number_in("[data-testid=to-write]").await;
    app.js(&format!(
        "const s = document.querySelectorAll('[data-testid=conflict-choice]')[{nth}]; \
         s.dataset.pick = '1'; return 1"
    ))
    .await;
    app.select_option("[data-testid=conflict-choice][data-pick='1']", "takeSource")
        .await;
    app.wait_for_number("[data-testid=to-write]", to_write + 1)
        .await;
    app.inner_text(&format!("[data-testid=plan-row]:nth-child({})", nth + 1))
        .await
}

/// Apply the plan and photograph its progress as `shot`, then wait until the import reads
/// `applied` (in the window's language). With `latency_ms`, the workspace answers that much
/// slower during the run, so that a short run can be watched.
pub async fn apply(app: &App, ws: &Workspace, latency_ms: u64, shot: &str, applied: &str) {
    if latency_ms > 0 {
        ws.set_latency(latency_ms).await;
    }
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=apply-confirm]").await;
    // The first writes are counted (« 3 sur 15 ») before the picture.
    let count = app
        .poll_js(
            "the progress to count a first write",
            "const t = document.querySelector('[data-testid=progress-count]')?.innerText ?? ''; \
             const d = t.replace(/(\\d)[\\s\\u00a0\\u202f,](?=\\d)/g, '$1'); \
             const n = (d.match(/\\d+/g) ?? []).map(Number); \
             return n.length === 2 && n[0] > 0 && n[0] < n[1] ? t : null",
        )
        .await;
    app.screenshot(shot).await;
    eprintln!("{shot}: progress {count}");
    app.poll_text(
        "[data-testid=import-state]",
        applied,
        Duration::from_secs(150),
    )
    .await;
    if latency_ms > 0 {
        ws.set_latency(0).await;
    }
}

/// Resume an import that stopped (interrupted, or with rows to write again), and wait until
/// it reads `applied`.
pub async fn resume(app: &App, applied: &str) {
    app.click("[data-testid=resume]").await;
    app.poll_text(
        "[data-testid=import-state]",
        applied,
        Duration::from_secs(120),
    )
    .await;
}

/// Undo the newest import from the history (photographed as `shot`), and wait until it
/// reads `undone`.
pub async fn undo_from_history(app: &App, shot: &str, undone: &str) {
    app.click("[data-testid=nav-imports]").await;
    app.wait_for("[data-testid=history-row]").await;
    app.wait_for("[data-testid=history-undo]").await;
    app.screenshot(shot).await;
    app.click("[data-testid=history-undo]").await;
    confirm_undo(app, "[data-testid=history-state]", undone).await;
}

/// Confirm the undo asked for, and wait until `state` reads `undone`.
async fn confirm_undo(app: &App, state: &str, undone: &str) {
    app.click("[data-testid=undo-confirm]").await;
    // Hundreds of requests: undoing waits on the rate budget (500 a minute) left by the apply.
    app.poll_text(state, undone, Duration::from_secs(150)).await;
}

/// Open the newest import from the history, undo it from its report, and wait until it reads
/// `undone`.
pub async fn undo_from_report(app: &App, undone: &str) {
    app.click("[data-testid=nav-imports]").await;
    app.click("[data-testid=history-open]").await;
    app.click("[data-testid=undo]").await;
    confirm_undo(app, "[data-testid=import-state]", undone).await;
}

/// Search a register for `text` and return how many records it says match, once the count
/// has settled (the list reloads as the search is typed).
pub async fn register_rows(app: &App, screen: &str, row: &str, text: &str) -> u64 {
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

/// The text of `record`'s `field`, which it must have.
pub fn text(record: &Value, field: &str) -> String {
    record[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {record}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_servicenow_export_is_previewed_resolved_applied_and_undone_in_the_window() {
    let Some(app) = App::launch("imports", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    let ws = Workspace::of(&app).await;
    let before = ws.records("Assets").await;
    let software: Vec<&Value> = before
        .iter()
        .filter(|a| a["type"] == "Software" && a["ref"].is_string())
        .take(3)
        .collect();
    let key = |i: usize| text(software[i], "ref");
    let label = |i: usize| text(software[i], "label");
    // How many assets the register's search for the first label finds (namesakes too).
    let folded = label(0).to_lowercase();
    let named = before
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

    plan(&app, SERVICENOW, &file).await;
    let counts = plan_counts(&app).await;
    assert_eq!(
        (
            counts.create,
            counts.update,
            counts.conflict,
            counts.invalid
        ),
        (1, 1, 2, 1),
        "{counts:?}"
    );
    assert!(
        counts.missing > 100,
        "the other seeded assets are missing: {counts:?}"
    );
    app.screenshot("imports-preview-fr").await;

    // Resolve the duplicate: the second row is the right one.
    let row = take_source(&app, 1).await;
    assert!(row.contains("Doublon B retenu"), "{row}");
    app.screenshot("imports-conflict-fr").await;
    app.click("[data-testid=filter-conflict]").await;

    // Apply: more than a hundred writes (the missing records are tagged), with progress.
    apply(&app, &ws, 30, "imports-progress-fr", "Appliqué").await;
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
        counts.missing
    );
    app.click("[data-testid=outcome-updated]").await;
    app.wait_for_count("[data-testid=row-outcome]", 2).await;
    app.screenshot("imports-report-fr").await;

    // The assets register holds the import, in the window and in the workspace.
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "renommé").await,
        1
    );
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "Atlas cartographie").await,
        1
    );
    app.screenshot("imports-assets-after-fr").await;
    let renamed = ws
        .find("Assets", "ref", &key(0))
        .await
        .expect("still there");
    assert_eq!(renamed["label"], "Portail RH (renommé)");

    undo_from_history(&app, "imports-history-fr", "Annulé").await;
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
    assert_eq!(
        ws.records("Assets").await,
        before,
        "every asset of the workspace is back as it was"
    );

    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contracts_spreadsheet_is_imported_and_undone_in_english() {
    let Some(app) = App::launch("imports-contracts", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    let ws = Workspace::of(&app).await;
    let before = ws.records("Contracts").await;
    let key = |i: usize| text(&before[i], "ref");
    let dir = tempfile::tempdir().expect("a temp folder");
    let csv = format!(
        "Référence;Libellé\n{};Maintenance logiciel paie 2027\n{};Hébergement CRM renégocié\n\
         {};{}\n",
        key(0),
        key(1),
        key(2),
        text(&before[2], "label")
    );
    let file = dir.path().join("contrats-achats.csv");
    std::fs::write(&file, csv).unwrap();

    app.select_option("[data-testid=language-switch]", "en")
        .await;
    plan(&app, CONTRACTS, &file).await;
    let counts = plan_counts(&app).await;
    assert_eq!((counts.update, counts.unchanged), (2, 1), "{counts:?}");
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
    app.poll_text(
        "[data-testid=import-state]",
        "Applied",
        Duration::from_secs(60),
    )
    .await;
    app.screenshot("imports-report-en").await;
    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "renégocié").await,
        1
    );

    undo_from_report(&app, "Undone").await;
    app.screenshot("imports-undone-en").await;
    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "renégocié").await,
        0
    );
    let original = text(&before[0], "label");
    assert!(
        register_rows(&app, "contracts", "contract-row", &original).await >= 1,
        "the contract has its label back"
    );
    assert_eq!(
        ws.records("Contracts").await,
        before,
        "every contract is back as it was"
    );

    app.finish().await;
}

/// The table the SQL source test reads, in the local PostgreSQL `test` database.
const ERP_TABLE: &str = "window_finish_e2e_erp_apps";

#[tokio::test(flavor = "multi_thread")]
async fn an_sql_query_on_a_connection_made_in_the_window_is_planned_applied_and_undone() {
    let Some(app) = App::launch("imports-sql", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    let ws = Workspace::of(&app).await;
    let before = ws.records("Assets").await;
    let asset = before
        .iter()
        .find(|a| a["type"] == "Software" && a["ref"].is_string())
        .expect("a software asset");
    let key = text(asset, "ref");
    crate::psql(&format!(
        "DROP TABLE IF EXISTS {ERP_TABLE}; CREATE TABLE {ERP_TABLE} (numero text, nom text); \
         INSERT INTO {ERP_TABLE} VALUES ('{}', 'Paie (depuis l''ERP)'), \
         ('ERP-7731', 'Portail fournisseurs'), ('ERP-7732', 'Gestion des achats'), \
         ('ERP-7733', 'Hors périmètre');",
        key.replace('\'', "''")
    ));

    // The connection, made and tested in the window.
    app.click("[data-testid=nav-connections]").await;
    app.wait_for_count("[data-testid=connection-row]", 1).await;
    crate::fill_local_postgres(&app, "ERP local").await;
    app.click("[data-testid=connection-test]").await;
    app.wait_for("[data-testid=test-ok]").await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", 2).await;
    let id = app
        .js(
            "return [...document.querySelectorAll('[data-testid=connection-row]')] \
             .find((r) => r.dataset.kind === 'postgres').dataset.id",
        )
        .await
        .as_str()
        .expect("the PostgreSQL connection's row")
        .to_owned();

    // The new import: the profile, then « Requête SQL » on that connection.
    app.click("[data-testid=nav-imports]").await;
    app.type_into("[data-testid=import-profile]", ERP).await;
    app.select_option("[data-testid=source-kind]", "sql").await;
    let kind = app
        .js(
            "const s = document.querySelector('[data-testid=source-kind]'); \
             return s.options[s.selectedIndex].text",
        )
        .await;
    assert_eq!(kind, "Requête SQL");
    app.select_option("[data-testid=source-connection]", &id)
        .await;
    app.clear("[data-testid=source-query]").await;
    let query = format!("SELECT numero, nom FROM {ERP_TABLE} WHERE nom <> 'Hors périmètre'");
    app.type_into("[data-testid=source-query]", &query).await;
    prepare_plan(&app).await;
    let counts = plan_counts(&app).await;
    assert_eq!(
        (
            counts.create,
            counts.update,
            counts.invalid,
            counts.conflict
        ),
        (2, 1, 0, 0),
        "{counts:?}"
    );
    // Dastra does not archive assets: the preview says so before anything is applied, and
    // the missing assets are not written.
    let warning = app.text("[data-testid=plan-warning]").await;
    let expected = format!(
        "mais Dastra n’archive que les contrats : les {} actifs absents de la source resteront \
         tels quels",
        counts.missing
    );
    assert!(warning.contains(&expected), "{warning:?}");
    assert_eq!(app.number_in("[data-testid=to-write]").await, 3);
    app.click("[data-testid=filter-missing]").await;
    app.wait_for("[data-testid=missing-unsupported]").await;
    let left = app.text("[data-testid=missing-unsupported]").await;
    assert_eq!(left, "Rien ne sera fait : Dastra ne peut pas l’archiver");
    app.click("[data-testid=filter-missing]").await;
    let subtitle = app.text("[data-testid=preview-subtitle]").await;
    assert!(
        subtitle.starts_with("requête sur « ERP local » → Actifs"),
        "the source worded in French: {subtitle:?}"
    );
    app.screenshot("imports-sql-plan-fr").await;

    apply(&app, &ws, 400, "imports-sql-progress-fr", "Appliqué").await;
    let updated = ws.find("Assets", "ref", &key).await.expect("still there");
    assert_eq!(updated["label"], "Paie (depuis l'ERP)");
    let created = ws.find("Assets", "ref", "ERP-7732").await.expect("created");
    assert_eq!(
        (&created["label"], &created["type"]),
        (&json!("Gestion des achats"), &json!("Software"))
    );
    assert!(
        ws.find("Assets", "ref", "ERP-7733").await.is_none(),
        "the query's WHERE is applied"
    );
    let after = ws.records("Assets").await;
    assert_eq!(after.len(), before.len() + 2, "two assets created");

    undo_from_report(&app, "Annulé").await;
    app.screenshot("imports-sql-undone-fr").await;
    assert_eq!(
        ws.records("Assets").await,
        before,
        "every asset is back as it was"
    );
    crate::psql(&format!("DROP TABLE IF EXISTS {ERP_TABLE};"));

    app.finish().await;
}

/// Applications of an ERP, read by an SQL query on the connection « ERP local »; the assets
/// missing from it are to be archived, which Dastra does not do.
const ERP: &str = r#"{"version": 1, "id": "erp-apps", "name": "Applications de l'ERP",
"source": {"name": "erp", "kind": "sql", "connection": "ERP local",
"query": "SELECT numero, nom FROM applications"}, "target": "asset",
"key": {"column": "numero", "target": "ref"},
"fields": [{"target": "label", "column": "nom"},
{"target": "type", "transforms": [{"op": "constant", "value": "Software"}]}],
"missing": {"action": "archive"}}"#;

const CMDB: &str = r#"{"version": 1, "id": "cmdb-apps", "name": "Applications CMDB",
"source": {"name": "cmdb", "kind": "json", "records": "result"}, "target": "asset",
"key": {"column": "number", "target": "ref"},
"fields": [{"target": "label", "column": "name"},
{"target": "type", "transforms": [{"op": "constant", "value": "Software"}]}]}"#;

#[tokio::test(flavor = "multi_thread")]
async fn rows_dastra_refuses_are_explained_in_french_and_written_when_resumed() {
    let Some(app) = App::launch("imports-down", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    let ws = Workspace::of(&app).await;
    let dir = tempfile::tempdir().expect("a temp folder");
    let export = json!({ "result": [
        { "number": "APM0088001", "name": "Registre des visiteurs" },
        { "number": "APM0088002", "name": "Badgeuse du siège" }
    ]});
    let file = dir.path().join("cmdb.json");
    std::fs::write(&file, export.to_string()).unwrap();
    plan(&app, CMDB, &file).await;
    assert_eq!(plan_counts(&app).await.create, 2);

    // Dastra down during the apply: nothing is written, and the window says why, in French.
    ws.set_error_rate(1.0).await;
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=apply-confirm]").await;
    app.poll_text(
        "[data-testid=import-state]",
        "En échec",
        Duration::from_secs(120),
    )
    .await;
    ws.set_error_rate(0.0).await;
    let summary = app.text("[data-testid=rows-failed]").await;
    assert!(
        summary.starts_with("2 lignes n'ont pas pu être écrites dans Dastra."),
        "{summary}"
    );
    app.click("[data-testid=outcome-failed]").await;
    app.wait_for_count("[data-testid=row-outcome-why]", 2).await;
    let why = app.text("[data-testid=row-outcome-why]").await;
    assert_eq!(
        why,
        "Dastra injoignable (HTTP 503). Reprenez l’application quand il répond de nouveau."
    );
    app.screenshot("imports-dastra-down-fr").await;
    assert_eq!(
        app.count("[data-testid=undo]").await,
        0,
        "nothing was written: nothing to undo"
    );
    assert!(
        ws.find("Assets", "ref", "APM0088001").await.is_none(),
        "nothing was created while Dastra was down"
    );

    // Dastra back: resuming writes both rows.
    resume(&app, "Appliqué").await;
    let mut created = Vec::new();
    for key in ["APM0088001", "APM0088002"] {
        let found = ws.find("Assets", "ref", key).await;
        created.push(found.unwrap_or_else(|| panic!("{key} created on resume")));
    }
    assert_eq!(app.count("[data-testid=rows-failed]").await, 0);

    // A colleague edits one of them in Dastra: the undo leaves it, and says so in French.
    ws.edit(
        "Assets",
        &created[0]["id"],
        "label",
        "Registre (revu par l'accueil)",
    )
    .await;
    app.click("[data-testid=undo]").await;
    app.click("[data-testid=undo-confirm]").await;
    let left = app.text("[data-testid=rows-not-undone]").await;
    assert!(
        left.starts_with("1 ligne n'a pas été annulée : sa fiche a changé dans Dastra"),
        "{left}"
    );
    assert_eq!(
        app.text("[data-testid=import-state]").await.trim(),
        "Appliqué"
    );
    assert!(
        ws.find("Assets", "ref", "APM0088001").await.is_some(),
        "the edited record is kept"
    );
    assert!(
        ws.find("Assets", "ref", "APM0088002").await.is_none(),
        "the other one is taken back"
    );
}

/// The ServiceNow profile with records missing from the source left alone, so that a run
/// writes the source's rows only.
const SERVICENOW_NEW_ONLY: &str = r#"{"version": 1, "id": "servicenow-new",
"name": "Nouvelles applications ServiceNow",
"source": {"name": "servicenow", "kind": "json", "records": "result"}, "target": "asset",
"key": {"column": "u_number", "target": "ref", "transforms": [{"op": "trim"}]},
"fields": [{"target": "label", "column": "name", "transforms": [{"op": "trim"}]},
{"target": "type", "transforms": [{"op": "constant", "value": "Software"}]}],
"missing": {"action": "ignore"}}"#;

/// How many of the test's new applications (`APM0098…`) the workspace holds, and whether any
/// of them twice.
async fn new_applications(ws: &Workspace) -> (usize, bool) {
    let mut refs: Vec<String> = ws
        .records("Assets")
        .await
        .iter()
        .filter_map(|a| a["ref"].as_str().map(str::to_owned))
        .filter(|r| r.starts_with("APM0098"))
        .collect();
    let all = refs.len();
    refs.sort();
    refs.dedup();
    (all, refs.len() != all)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_apply_interrupted_midway_tells_its_time_left_and_resumes_without_a_duplicate() {
    const NEW: usize = 40;
    let Some(app) = App::launch("imports-cancel", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    let ws = Workspace::of(&app).await;
    let before = ws.records("Assets").await;
    let dir = tempfile::tempdir().expect("a temp folder");
    let records: Vec<Value> = (1..=NEW)
        .map(|i| json!({ "u_number": format!("APM0098{i:03}"), "name": format!("Outil {i}") }))
        .collect();
    let file = dir.path().join("servicenow-nouvelles.json");
    let body = serde_json::to_string_pretty(&json!({ "result": records })).expect("json");
    std::fs::write(&file, body).expect("written");

    app.select_option("[data-testid=language-switch]", "en")
        .await;
    plan(&app, SERVICENOW_NEW_ONLY, &file).await;
    assert_eq!(plan_counts(&app).await.create, NEW as u64);

    // A slow workspace: the run is watched, its time left estimated, then interrupted.
    ws.set_latency(300).await;
    app.click("[data-testid=apply]").await;
    app.click("[data-testid=apply-confirm]").await;
    let eta = app
        .poll_js(
            "an estimate of the time left",
            "const t = document.querySelector('[data-testid=progress-eta]')?.innerText ?? ''; \
             return /^about \\d+ (s|second|min)/.test(t) ? t : null",
        )
        .await;
    app.screenshot("imports-progress-en").await;
    eprintln!("time left: {eta}");
    app.click("[data-testid=cancel]").await;
    app.poll_text(
        "[data-testid=import-state]",
        "Interrupted",
        Duration::from_secs(60),
    )
    .await;
    ws.set_latency(0).await;
    app.wait_for("[data-testid=resume]").await;
    app.screenshot("imports-interrupted-en").await;
    let created = app.number_in("[data-testid=outcome-count-created]").await as usize;
    assert!(
        (3..NEW).contains(&created),
        "the run stopped part way: {created} of {NEW} created"
    );
    let note = app.text("[data-testid=interrupted-note]").await;
    assert!(
        note.starts_with(&format!("Stopped after {created} of {NEW} rows written")),
        "{note:?}"
    );
    assert_eq!(
        new_applications(&ws).await,
        (created, false),
        "the workspace holds exactly what the report says was created"
    );

    // Resumed: the rest is written, nothing twice.
    resume(&app, "Applied").await;
    assert_eq!(
        app.number_in("[data-testid=outcome-count-created]").await,
        NEW as u64
    );
    assert_eq!(new_applications(&ws).await, (NEW, false));

    undo_from_report(&app, "Undone").await;
    assert_eq!(
        ws.records("Assets").await,
        before,
        "every asset of the workspace is back as it was"
    );
    app.finish().await;
}
