//! The import commands against the embedded sandbox: plan from a file, page and filter, choose,
//! apply with progress, history, undo.

use std::sync::Arc;
use std::time::Duration;

use passerelle_dastra::DastraClient;
use passerelle_ipc::*;
use serde_json::{json, Value};

use crate::{MemoryStore, Recorder};

/// An `Api` on a fresh sandbox, with a client of the same workspace to look behind its back.
async fn api_and_client(dir: &std::path::Path, events: Arc<Recorder>) -> (Api, DastraClient) {
    let state = dir.join("sandbox").join("workspace.json");
    let sandbox = WorkspaceTarget::embedded_sandbox(&state)
        .await
        .expect("sandbox starts");
    let client = sandbox.client.clone();
    let vault = passerelle_vault::Vault::new(
        passerelle_vault::JsonFileStore::new(dir.join("connections.json")),
        passerelle_vault::KeyringStore::new(),
    );
    let api = Api::new(ApiParts {
        sandbox,
        settings: Arc::new(MemoryStore::default()),
        vault: Arc::new(vault),
        events,
        system_language: Language::Fr,
        findings: None,
        audit: None,
        packages: None,
        imports: Some(dir.join("imports")),
        mapping_profiles: None,
        exports: None,
    });
    (api, client)
}

async fn all(client: &DastraClient, collection: &str) -> Vec<Value> {
    let path = client.workspace_path(collection).expect("a path");
    let page = client
        .get_json(&path, &[("page", "1"), ("size", "500")])
        .await
        .expect("listed");
    page["items"].as_array().expect("items").clone()
}

async fn label_of(client: &DastraClient, collection: &str, key: &str) -> Option<String> {
    all(client, collection)
        .await
        .into_iter()
        .find(|r| r["ref"] == key)
        .map(|r| r["label"].as_str().unwrap_or_default().to_owned())
}

/// Wait for the `import_finished` of `plan` and `operation`.
async fn finished(
    events: &Recorder,
    plan: &str,
    operation: ImportOperation,
) -> ImportFinishedEvent {
    for _ in 0..300 {
        let found = events
            .5
            .lock()
            .unwrap()
            .iter()
            .find(|e| e.plan_id == plan && e.operation == operation)
            .cloned();
        if let Some(event) = found {
            return event;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the {operation:?} of {plan} did not finish in 15 s");
}

fn rows(plan: &str, kinds: Vec<RowKind>, q: &str) -> ImportRowsRequest {
    ImportRowsRequest {
        plan_id: plan.into(),
        offset: 0,
        limit: 100,
        kinds,
        outcomes: vec![],
        q: q.into(),
    }
}

const SERVICENOW: &str = r#"{
  "version": 1, "id": "servicenow-apps", "name": "Applications ServiceNow",
  "source": { "name": "servicenow", "kind": "json", "records": "result" },
  "target": "asset",
  "key": { "column": "u_number", "target": "ref", "transforms": [{ "op": "trim" }] },
  "fields": [
    { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
    { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
  ]
}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_servicenow_export_is_planned_chosen_applied_and_undone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let events = Arc::new(Recorder::default());
    let (api, client) = api_and_client(dir.path(), events.clone()).await;
    let software: Vec<Value> = all(&client, "Assets")
        .await
        .into_iter()
        .filter(|a| a["type"] == "Software" && a["ref"].is_string())
        .take(3)
        .collect();
    let key = |i: usize| software[i]["ref"].as_str().unwrap().to_owned();
    let label = |i: usize| software[i]["label"].as_str().unwrap().to_owned();
    let export = json!({ "result": [
        { "u_number": key(0), "name": "Paie (renommée)" },
        { "u_number": key(1), "name": "Doublon un" },
        { "u_number": key(1), "name": "Doublon deux" },
        { "u_number": key(2), "name": label(2) },
        { "u_number": "APM0099001", "name": "Atlas" },
        { "name": "Sans numéro" }
    ]});
    let file = dir.path().join("servicenow.json");
    std::fs::write(&file, export.to_string()).unwrap();

    let bad = api
        .import_plan(ImportPlanRequest {
            profile: SERVICENOW.into(),
            source: ImportSource {
                path: dir.path().join("nowhere.json").display().to_string(),
            },
        })
        .await
        .expect_err("a missing file");
    assert_eq!(bad.code, ErrorCode::Invalid, "{bad:?}");

    let plan = api
        .import_plan(ImportPlanRequest {
            profile: SERVICENOW.into(),
            source: ImportSource {
                path: file.display().to_string(),
            },
        })
        .await
        .expect("planned");
    let c = plan.counts;
    assert_eq!(
        (c.create, c.update, c.unchanged, c.conflict, c.invalid),
        (1, 1, 1, 2, 1),
        "{c:?}"
    );
    assert_eq!(
        c.missing,
        plan.rows - 6,
        "every other asset is missing from the export"
    );
    assert_eq!(
        plan.to_write, 2,
        "missing records are ignored by this profile"
    );

    let id = plan.plan_id.clone();
    let conflicts = api
        .import_rows(rows(&id, vec![RowKind::Conflict], ""))
        .await
        .expect("rows");
    assert_eq!(conflicts.total, 2);
    let cause = conflicts.rows[0].conflict.as_ref().expect("a cause");
    assert_eq!(cause.cause, ConflictCause::DuplicateInSource);
    assert_eq!(cause.rows, vec![2, 3], "JSON records are ranked from 1");
    let atlas = api
        .import_rows(rows(&id, vec![], "ATLAS"))
        .await
        .expect("rows");
    assert_eq!(atlas.total, 1);
    assert_eq!(atlas.rows[0].kind, RowKind::Create);
    let folded = api
        .import_rows(rows(&id, vec![], "RENOMMEE"))
        .await
        .expect("rows");
    assert_eq!(folded.total, 1, "the search ignores case and accents");
    let update = api
        .import_rows(rows(&id, vec![RowKind::Update], ""))
        .await
        .expect("rows");
    assert_eq!(update.rows[0].changes[0].before, label(0));
    assert_eq!(update.rows[0].changes[0].after, "Paie (renommée)");
    let mut page = rows(&id, vec![], "");
    (page.offset, page.limit) = (4, 2);
    let page = api.import_rows(page).await.expect("a page");
    assert_eq!((page.rows.len(), page.rows[0].index), (2, 4));

    // Take the second duplicate, keep Dastra for the first, leave the create out.
    let second = conflicts.rows[1].index;
    let chosen = api
        .import_choose(ImportChooseRequest {
            plan_id: id.clone(),
            indexes: vec![second],
            selected: None,
            choice: Some(ConflictChoice::TakeSource),
        })
        .await
        .expect("taken");
    assert_eq!((chosen.counts.conflict, chosen.counts.update), (1, 2));
    api.import_choose(ImportChooseRequest {
        plan_id: id.clone(),
        indexes: vec![conflicts.rows[0].index],
        selected: None,
        choice: Some(ConflictChoice::KeepDastra),
    })
    .await
    .expect("kept");
    let chosen = api
        .import_choose(ImportChooseRequest {
            plan_id: id.clone(),
            indexes: vec![atlas.rows[0].index],
            selected: Some(false),
            choice: None,
        })
        .await
        .expect("deselected");
    assert_eq!(chosen.to_write, 2, "two updates, the create left out");

    let started = api
        .import_apply(ImportIdRequest {
            plan_id: id.clone(),
        })
        .await
        .expect("started");
    assert_eq!(started.state, ImportState::Applying);
    let end = finished(&events, &id, ImportOperation::Apply).await;
    assert_eq!(end.state, ImportState::Applied, "{end:?}");
    let last = events.4.lock().unwrap().last().cloned().expect("progress");
    assert_eq!(
        (last.done, last.total, last.outcomes.updated),
        (2, 2, 2),
        "{last:?}"
    );

    assert_eq!(
        label_of(&client, "Assets", &key(0)).await.unwrap(),
        "Paie (renommée)"
    );
    assert_eq!(
        label_of(&client, "Assets", &key(1)).await.unwrap(),
        "Doublon deux"
    );
    assert_eq!(
        label_of(&client, "Assets", "APM0099001").await,
        None,
        "left out"
    );
    let mut updated = rows(&id, vec![], "");
    updated.outcomes = vec![OutcomeKind::Updated];
    assert_eq!(api.import_rows(updated).await.expect("report").total, 2);
    let refused = api
        .import_choose(ImportChooseRequest {
            plan_id: id.clone(),
            indexes: vec![0],
            selected: Some(false),
            choice: None,
        })
        .await
        .expect_err("applied");
    assert_eq!(refused.code, ErrorCode::Invalid);

    let history = api
        .import_history(ImportHistoryRequest {})
        .await
        .expect("history");
    assert_eq!(history.imports.len(), 1);
    assert_eq!(history.imports[0].state, ImportState::Applied);
    assert_eq!(history.imports[0].outcomes.updated, 2);

    api.import_undo(ImportIdRequest {
        plan_id: id.clone(),
    })
    .await
    .expect("undo started");
    let end = finished(&events, &id, ImportOperation::Undo).await;
    assert_eq!(end.state, ImportState::Undone, "{end:?}");
    assert_eq!(
        label_of(&client, "Assets", &key(0)).await.unwrap(),
        label(0)
    );
    assert_eq!(
        label_of(&client, "Assets", &key(1)).await.unwrap(),
        label(1)
    );

    // A new start of the app reads the import back from its folder.
    let (again, _) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let view = again
        .import_get(ImportIdRequest {
            plan_id: id.clone(),
        })
        .await
        .expect("read");
    assert_eq!((view.state, view.outcomes.undone), (ImportState::Undone, 2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contracts_spreadsheet_updates_contracts_and_undo_restores_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let events = Arc::new(Recorder::default());
    let (api, client) = api_and_client(dir.path(), events.clone()).await;
    let contracts: Vec<Value> = all(&client, "Contracts")
        .await
        .into_iter()
        .take(2)
        .collect();
    let key = |i: usize| contracts[i]["ref"].as_str().unwrap().to_owned();
    let csv = format!(
        "Référence;Libellé\n{};Contrat renégocié\n{};{}\n",
        key(0),
        key(1),
        contracts[1]["label"].as_str().unwrap()
    );
    let file = dir.path().join("contrats.csv");
    std::fs::write(&file, csv).unwrap();
    let profile = r#"{ "version": 1, "id": "contrats", "name": "Contrats achats",
        "source": { "name": "achats", "kind": "csv" }, "target": "contract",
        "key": { "column": "Référence", "target": "ref" },
        "fields": [{ "target": "label", "column": "Libellé" }] }"#;

    let plan = api
        .import_plan(ImportPlanRequest {
            profile: profile.into(),
            source: ImportSource {
                path: file.display().to_string(),
            },
        })
        .await
        .expect("planned");
    assert_eq!(
        (plan.counts.update, plan.counts.unchanged),
        (1, 1),
        "{:?}",
        plan.counts
    );
    assert_eq!(plan.entity, "contract");
    let id = plan.plan_id.clone();

    api.import_apply(ImportIdRequest {
        plan_id: id.clone(),
    })
    .await
    .expect("started");
    let end = finished(&events, &id, ImportOperation::Apply).await;
    assert_eq!(end.state, ImportState::Applied, "{end:?}");
    let now = label_of(&client, "Contracts", &key(0)).await;
    assert_eq!(now.as_deref(), Some("Contrat renégocié"));

    api.import_undo(ImportIdRequest {
        plan_id: id.clone(),
    })
    .await
    .expect("undo");
    let end = finished(&events, &id, ImportOperation::Undo).await;
    assert_eq!(end.state, ImportState::Undone, "{end:?}");
    let restored = label_of(&client, "Contracts", &key(0)).await;
    assert_eq!(restored.as_deref(), contracts[0]["label"].as_str());
}
