//! A write Dastra refuses reaches the window as a cause it can word, not only as English: the
//! sandbox answers 503 to everything, the rows fail with their cause, and applying again once
//! it is back writes them.

use std::sync::Arc;

use passerelle_dastra::DastraClient;
use passerelle_imports::{DastraRefusal, WriteFailure};
use passerelle_ipc::*;
use reqwest::Method;
use serde_json::{json, Value};

use crate::imports::{all, finished, plan_file, rows};
use crate::{api_and_client_in, MemoryStore, Recorder};

const PROFILE: &str = r#"{
  "version": 1, "id": "cmdb-apps", "name": "Applications CMDB",
  "source": { "name": "cmdb", "kind": "json", "records": "result" },
  "target": "asset",
  "key": { "column": "number", "target": "ref" },
  "fields": [
    { "target": "label", "column": "name" },
    { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
  ]
}"#;

/// Answer this share (0 to 1) of Dastra requests with 503: 1 is Dastra down. The faults left
/// out are reset to none.
async fn set_error_rate(client: &DastraClient, rate: f64) {
    let faults = json!({ "errorRate": rate, "seed": 7 });
    client
        .send_json(Method::PUT, "/_sandbox/faults", Some(&faults))
        .await
        .expect("the sandbox takes the faults");
}

/// `import_plan` of `export`, written to a JSON file outside the app's folder, with [`PROFILE`].
async fn plan_export(api: &Api, export: &Value) -> Result<ImportView, IpcError> {
    let src = tempfile::tempdir().expect("temp dir");
    let file = src.path().join("cmdb.json");
    std::fs::write(&file, export.to_string()).unwrap();
    plan_file(api, PROFILE, &file).await
}

/// The outcome of every row to create or update, by key.
async fn outcomes(api: &Api, plan: &str) -> Vec<(String, RowOutcomeView)> {
    let page = api
        .import_rows(rows(plan, vec![RowKind::Create, RowKind::Update], ""))
        .await
        .expect("rows");
    page.rows
        .into_iter()
        .map(|r| (r.key.unwrap_or_default(), r.outcome.expect("an outcome")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rows_dastra_refuses_carry_their_cause_and_are_written_when_applied_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let events = Arc::new(Recorder::default());
    let (api, client) =
        api_and_client_in(dir.path(), Arc::new(MemoryStore::default()), events.clone()).await;
    let assets = all(&client, "Assets").await;
    let existing = assets
        .iter()
        .find(|a| a["type"] == "Software" && a["ref"].is_string())
        .expect("a software asset with a ref");
    let key = existing["ref"].as_str().unwrap().to_owned();
    let export = json!({ "result": [
        { "number": key, "name": "Paie (renommée)" },
        { "number": "APM0077001", "name": "Archivage légal" }
    ]});
    let plan = plan_export(&api, &export).await.expect("planned");
    assert_eq!((plan.counts.create, plan.counts.update), (1, 1));
    let id = plan.plan_id.clone();

    // Dastra down: every call answers 503, beyond the client's retries.
    set_error_rate(&client, 1.0).await;
    api.import_apply(ImportIdRequest {
        plan_id: id.clone(),
    })
    .await
    .expect("the apply starts");
    let end = finished(&events, &id, ImportOperation::Apply, 0).await;
    set_error_rate(&client, 0.0).await;
    assert_eq!(
        end.state,
        ImportState::Failed,
        "nothing was written: the import is not applied, it can be applied again: {end:?}"
    );
    let view = api
        .import_get(ImportIdRequest {
            plan_id: id.clone(),
        })
        .await
        .expect("the import");
    assert_eq!(view.outcomes.failed, 2, "{view:?}");
    assert_eq!(
        view.stop,
        Some(ImportStop::RowsFailed { rows: 2 }),
        "{view:?}"
    );
    let failed = outcomes(&api, &id).await;
    assert_eq!(failed.len(), 2, "{failed:?}");
    for (key, outcome) in &failed {
        assert_eq!(outcome.kind, OutcomeKind::Failed, "{key}: {outcome:?}");
        assert_eq!(
            outcome.cause,
            Some(WriteFailure::Dastra {
                refusal: DastraRefusal::Unavailable,
                status: Some(503),
                detail: outcome.cause.as_ref().and_then(|c| match c {
                    WriteFailure::Dastra { detail, .. } => detail.clone(),
                    _ => None,
                }),
            }),
            "{key}: {outcome:?}"
        );
        assert!(
            outcome
                .message
                .as_deref()
                .is_some_and(|m| m.contains("503")),
            "the English message stays for the logs: {outcome:?}"
        );
    }

    // Dastra back: applying again writes both rows, and their causes are gone.
    api.import_apply(ImportIdRequest {
        plan_id: id.clone(),
    })
    .await
    .expect("the second apply starts");
    let end = finished(&events, &id, ImportOperation::Apply, 1).await;
    assert_eq!(end.state, ImportState::Applied, "{end:?}");
    let written = outcomes(&api, &id).await;
    let kinds: Vec<OutcomeKind> = written.iter().map(|(_, o)| o.kind).collect();
    assert!(
        kinds.contains(&OutcomeKind::Created) && kinds.contains(&OutcomeKind::Updated),
        "{written:?}"
    );
    assert!(
        written.iter().all(|(_, o)| o.cause.is_none()),
        "{written:?}"
    );
    let view = api
        .import_get(ImportIdRequest {
            plan_id: id.clone(),
        })
        .await
        .expect("the import");
    assert_eq!(view.stop, None, "{view:?}");

    // The updated record is changed in Dastra meanwhile: the undo leaves it, and says so.
    let path = format!(
        "{}/{}",
        client.workspace_path("Assets").unwrap(),
        existing["id"]
    );
    let edit = json!([{ "op": "replace", "path": "/label", "value": "Changé dans Dastra" }]);
    client
        .send_json(Method::PATCH, &path, Some(&edit))
        .await
        .expect("the record edited behind the app's back");
    api.import_undo(ImportIdRequest {
        plan_id: id.clone(),
    })
    .await
    .expect("the undo starts");
    let undone = finished(&events, &id, ImportOperation::Undo, 0).await;
    assert_eq!(undone.state, ImportState::Applied, "{undone:?}");
    let view = api
        .import_get(ImportIdRequest {
            plan_id: id.clone(),
        })
        .await
        .expect("the import");
    assert_eq!(
        view.stop,
        Some(ImportStop::RowsNotUndone { rows: 1 }),
        "{view:?}"
    );
    assert_eq!(
        view.outcomes.undone, 1,
        "the created record was taken back: {view:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_dastra_cannot_read_is_refused_with_what_it_was_reading() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, client) = api_and_client_in(
        dir.path(),
        Arc::new(MemoryStore::default()),
        Arc::new(Recorder::default()),
    )
    .await;
    let export = json!({ "result": [{ "number": "APM0077002", "name": "Courrier" }] });
    set_error_rate(&client, 1.0).await;
    let refused = plan_export(&api, &export)
        .await
        .expect_err("Dastra is down");
    set_error_rate(&client, 0.0).await;
    assert_eq!(refused.code, ErrorCode::Unreachable, "{refused:?}");
    assert_eq!(
        refused.refusal.as_deref(),
        Some(&SourceRefusal::Workspace {
            reading: WorkspaceReading::Records,
            refusal: DastraRefusal::Unavailable,
            status: Some(503),
        }),
        "{refused:?}"
    );
    assert!(
        refused
            .message
            .starts_with("the workspace's records could not be read"),
        "{}",
        refused.message
    );
}
