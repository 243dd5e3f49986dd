//! The import commands against the embedded sandbox: plan from a file, an SQL query or with
//! Dastra look-ups, page and filter, choose, apply with progress, history, undo; the plan
//! folder and the journal sealed, the audit log told.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use passerelle_dastra::DastraClient;
use passerelle_ipc::*;
use passerelle_mapping::Profile;
use serde_json::{json, Value};

use crate::{api_and_client_in, psql, save_local_postgres, MemoryStore, Recorder};

/// An `Api` on a fresh sandbox in `dir`, with a client of the same workspace to look behind
/// its back; imports need the OS keyring (scripts/test.sh gives the tests one).
pub(crate) async fn api_and_client(dir: &Path, events: Arc<Recorder>) -> (Api, DastraClient) {
    api_and_client_in(dir, Arc::new(MemoryStore::default()), events).await
}

/// Start applying (or undoing) import `plan`, wait for the run to end, and check it ends
/// `state`; the import as the start left it.
async fn run_to(
    (api, events): (&Api, &Recorder),
    plan: &str,
    operation: ImportOperation,
    state: ImportState,
) -> ImportView {
    let req = ImportIdRequest {
        plan_id: plan.into(),
    };
    let started = match operation {
        ImportOperation::Apply => api.import_apply(req).await,
        ImportOperation::Undo => api.import_undo(req).await,
    }
    .unwrap_or_else(|e| panic!("the {operation:?} of {plan} starts: {e:?}"));
    let end = finished(events, plan, operation, 0).await;
    assert_eq!(end.state, state, "{end:?}");
    started
}

/// `import_plan` of the file at `path`, read as `profile` says.
pub(crate) async fn plan_file(
    api: &Api,
    profile: &str,
    path: &Path,
) -> Result<ImportView, IpcError> {
    let spec = Profile::from_json(profile).expect("a valid profile").source;
    api.import_plan(ImportPlanRequest {
        profile: profile.into(),
        source: SourceSpecDto {
            path: Some(path.display().to_string()),
            spec,
        },
    })
    .await
}

/// Every file under `dir` but the sandbox's own state (the workspace itself, not the app's).
fn app_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name() != Some("sandbox".as_ref()) {
                    stack.push(path);
                }
            } else {
                out.push(path);
            }
        }
    }
    out
}

/// The files of the data folder holding `text` in clear (as UTF-8 bytes).
fn files_holding(dir: &Path, text: &str) -> Vec<PathBuf> {
    let needle = text.as_bytes();
    app_files(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .collect()
}

/// The audit entries about import `plan`, oldest first, as `(action, counts)`.
async fn audit_of(api: &Api, plan: &str) -> Vec<(String, Vec<(String, u64)>)> {
    let page = api
        .audit_list(AuditListRequest {
            request_id: None,
            limit: Some(500),
            offset: 0,
        })
        .await
        .expect("the audit log lists");
    let mut entries: Vec<_> = page
        .entries
        .into_iter()
        .filter(|e| e.job.as_deref() == Some(plan))
        .collect();
    entries.sort_by_key(|e| e.seq);
    entries.into_iter().map(|e| (e.action, e.counts)).collect()
}

pub(crate) async fn all(client: &DastraClient, collection: &str) -> Vec<Value> {
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

/// Wait for the `nth` (from 0) `import_finished` of `plan` and `operation`.
pub(crate) async fn finished(
    events: &Recorder,
    plan: &str,
    operation: ImportOperation,
    nth: usize,
) -> ImportFinishedEvent {
    for _ in 0..1200 {
        let found = events
            .5
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e.plan_id == plan && e.operation == operation)
            .nth(nth)
            .cloned();
        if let Some(event) = found {
            return event;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "{operation:?} number {} of {plan} did not finish in 60 s",
        nth + 1
    );
}

pub(crate) fn rows(plan: &str, kinds: Vec<RowKind>, q: &str) -> ImportRowsRequest {
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
    // The export lies outside the data folder, whose files are searched for its values below.
    let src = tempfile::tempdir().expect("temp dir");
    let export_file = src.path().join("servicenow.json");
    std::fs::write(&export_file, export.to_string()).unwrap();

    let bad = plan_file(&api, SERVICENOW, &dir.path().join("nowhere.json"))
        .await
        .expect_err("a missing file");
    assert_eq!(bad.code, ErrorCode::NotFound, "{bad:?}");
    assert!(bad.message.contains("nowhere.json"), "{}", bad.message);
    let fields: Vec<&str> = bad.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["source.path"], "the window words it by its field");

    let plan = plan_file(&api, SERVICENOW, &export_file)
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

    let started = run_to(
        (&api, &events),
        &id,
        ImportOperation::Apply,
        ImportState::Applied,
    )
    .await;
    assert_eq!(started.state, ImportState::Applying);
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

    run_to(
        (&api, &events),
        &id,
        ImportOperation::Undo,
        ImportState::Undone,
    )
    .await;
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
    let mut report = rows(&id, vec![], "");
    report.outcomes = vec![OutcomeKind::Undone];
    let report = again.import_rows(report).await.expect("the report");
    assert_eq!(
        report.total, 2,
        "each row's outcome is read back from the sealed journal"
    );
    let history = again
        .import_history(ImportHistoryRequest {})
        .await
        .expect("history");
    assert_eq!(history.imports[0].state, ImportState::Undone);

    // Neither the source's values nor Dastra's former ones lie in clear in the data folder.
    for value in [
        "Paie (renommée)",
        "Doublon deux",
        "Atlas",
        label(0).as_str(),
    ] {
        assert_eq!(
            files_holding(dir.path(), value),
            Vec::<PathBuf>::new(),
            "« {value} » in clear"
        );
    }
    let folder = dir.path().join("imports").join(&id);
    let names: Vec<String> = std::fs::read_dir(&folder)
        .expect("the plan's folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in [
        "plan.sealed",
        "import.sealed",
        "applied.sealed",
        "profile.json",
    ] {
        assert!(names.contains(&name.to_owned()), "{name} in {names:?}");
    }
    assert_eq!(names.len(), 4, "nothing else: {names:?}");

    // The audit log tells each step, with its counts and never a value.
    let audit = audit_of(&again, &id).await;
    let actions: Vec<&str> = audit.iter().map(|(a, _)| a.as_str()).collect();
    assert_eq!(actions, ["importPlanned", "importApplied", "importUndone"]);
    let count = |i: usize, name: &str| audit[i].1.iter().find(|(n, _)| n == name).map(|(_, v)| *v);
    assert_eq!(count(0, "records"), Some(6), "{:?}", audit[0]);
    assert_eq!(
        (
            count(0, "created"),
            count(0, "updated"),
            count(0, "unchanged")
        ),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(
        count(0, "failed"),
        Some(3),
        "one invalid row and two conflicts"
    );
    assert_eq!(
        (count(1, "created"), count(1, "updated"), count(1, "failed")),
        (Some(0), Some(2), Some(0)),
        "{:?}",
        audit[1]
    );
    assert_eq!(count(2, "deleted"), Some(2), "{:?}", audit[2]);
}

/// Dastra archives contracts only: a profile archiving the assets missing from its source is
/// planned with a warning the window words (kind and params), its missing rows marked as
/// left alone, none of them written, and the warning kept with the import.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn archiving_missing_assets_is_planned_with_a_warning_and_writes_nothing_to_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let events = Arc::new(Recorder::default());
    let (api, client) = api_and_client(dir.path(), events.clone()).await;
    let before = all(&client, "Assets").await;
    let asset = before
        .iter()
        .find(|a| a["type"] == "Software" && a["ref"].is_string())
        .expect("a software asset");
    let src = tempfile::tempdir().expect("temp dir");
    let export_file = src.path().join("servicenow.json");
    let export = json!({ "result": [{ "u_number": asset["ref"], "name": "Paie (archivage)" }] });
    std::fs::write(&export_file, export.to_string()).unwrap();
    let profile = SERVICENOW.replace(
        r#""target": "asset","#,
        r#""target": "asset", "missing": { "action": "archive" },"#,
    );

    let plan = plan_file(&api, &profile, &export_file)
        .await
        .expect("planned");
    let missing = plan.counts.missing;
    assert!(
        missing > 10,
        "the other assets are missing: {:?}",
        plan.counts
    );
    assert_eq!(
        plan.to_write, 1,
        "the update only: no missing asset is written"
    );
    let [ImportWarning::MissingPolicyUnsupported {
        policy,
        entity,
        missing: warned,
        message,
    }] = plan.warnings.as_slice()
    else {
        panic!("one warning: {:?}", plan.warnings);
    };
    assert_eq!(
        (policy.as_str(), entity.as_str(), *warned),
        ("archive", "asset", missing)
    );
    assert!(message.contains("archives contracts only"), "{message}");
    let json = serde_json::to_value(&plan).expect("json");
    assert_eq!(
        json["warnings"][0]["kind"], "missingPolicyUnsupported",
        "the window words it by its kind: {json}"
    );

    let shown = api
        .import_rows(rows(&plan.plan_id, vec![RowKind::Missing], ""))
        .await
        .expect("rows");
    assert_eq!(shown.total, missing);
    for row in &shown.rows {
        let view = row.missing.as_ref().expect("what a missing record gets");
        assert_eq!(
            (view.action.as_str(), view.policy.as_deref()),
            ("unsupported", Some("archive")),
            "{row:?}"
        );
        assert!(!row.selected && !row.selectable, "never written: {row:?}");
    }

    run_to(
        (&api, &events),
        &plan.plan_id,
        ImportOperation::Apply,
        ImportState::Applied,
    )
    .await;
    let after = all(&client, "Assets").await;
    assert_eq!(
        after.len(),
        before.len(),
        "no asset archived away from the list"
    );
    assert_eq!(
        label_of(&client, "Assets", asset["ref"].as_str().unwrap())
            .await
            .as_deref(),
        Some("Paie (archivage)")
    );

    // The warning stays with the import when the app starts again.
    drop(api);
    let (again, _) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let history = again
        .import_history(ImportHistoryRequest {})
        .await
        .expect("history");
    assert_eq!(history.imports[0].warnings, plan.warnings);
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
    let src = tempfile::tempdir().expect("temp dir");
    let sheet = src.path().join("contrats.csv");
    std::fs::write(&sheet, csv).unwrap();
    let profile = r#"{ "version": 1, "id": "contrats", "name": "Contrats achats",
        "source": { "name": "achats", "kind": "csv" }, "target": "contract",
        "key": { "column": "Référence", "target": "ref" },
        "fields": [{ "target": "label", "column": "Libellé" }] }"#;

    let plan = plan_file(&api, profile, &sheet).await.expect("planned");
    assert_eq!(
        (plan.counts.update, plan.counts.unchanged),
        (1, 1),
        "{:?}",
        plan.counts
    );
    assert_eq!(plan.entity, "contract");
    assert_eq!(
        plan.source,
        Some(ImportSource::File {
            name: "contrats.csv".into()
        })
    );
    let id = plan.plan_id.clone();

    run_to(
        (&api, &events),
        &id,
        ImportOperation::Apply,
        ImportState::Applied,
    )
    .await;
    let now = label_of(&client, "Contracts", &key(0)).await;
    assert_eq!(now.as_deref(), Some("Contrat renégocié"));

    run_to(
        (&api, &events),
        &id,
        ImportOperation::Undo,
        ImportState::Undone,
    )
    .await;
    let restored = label_of(&client, "Contracts", &key(0)).await;
    assert_eq!(restored.as_deref(), contracts[0]["label"].as_str());
}

/// A contracts sheet naming its vendor and its entity: the look-ups are listed from the
/// workspace, so the rows resolve (no row invalid for want of them) and Dastra gets the ids.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_contracts_sheet_with_actor_and_area_look_ups_resolves_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let events = Arc::new(Recorder::default());
    let (api, client) = api_and_client(dir.path(), events.clone()).await;
    let actors = all(&client, "Actors").await;
    let company = |id: &Value| {
        actors
            .iter()
            .find(|a| a["id"] == *id)
            .and_then(|a| a["companyName"].as_str())
            .map(str::to_owned)
    };
    // Contracts with one signatory that has a company name.
    let contracts: Vec<Value> = all(&client, "Contracts")
        .await
        .into_iter()
        .filter(|c| {
            let signatories = c["signatories"].as_array().map(Vec::as_slice);
            matches!(signatories, Some([one]) if company(one).is_some())
                && c["ref"].is_string()
                && c["areaId"].is_number()
        })
        .take(2)
        .collect();
    assert_eq!(contracts.len(), 2, "the seed has contracts with one vendor");
    let areas = all(&client, "Areas").await;
    let area_label = |id: &Value| {
        areas
            .iter()
            .find(|a| a["id"] == *id)
            .and_then(|a| a["label"].as_str())
            .map(str::to_owned)
            .expect("the contract's area is listed")
    };
    let other_area = areas
        .iter()
        .find(|a| a["id"] != contracts[0]["areaId"] && a["label"].is_string())
        .expect("a second area")
        .clone();
    let vendor = |i: usize| company(&contracts[i]["signatories"][0]).expect("a company");
    let text = |v: &Value| v.as_str().expect("text").to_owned();
    let csv = format!(
        "Référence;Libellé;Fournisseur;Entité\n\
         {};Contrat renégocié témoin-7731;{};{}\n\
         {};{};{};{}\n\
         CTR-WINDOW-7731;Nouveau contrat témoin-7731;{};{}\n",
        text(&contracts[0]["ref"]),
        vendor(0).to_uppercase(),
        text(&other_area["label"]),
        text(&contracts[1]["ref"]),
        text(&contracts[1]["label"]),
        vendor(1),
        area_label(&contracts[1]["areaId"]),
        vendor(0),
        text(&other_area["label"]).to_lowercase(),
    );
    let src = tempfile::tempdir().expect("temp dir");
    let sheet = src.path().join("contrats.csv");
    std::fs::write(&sheet, csv).unwrap();
    let profile = r#"{ "version": 1, "id": "contrats-2", "name": "Contrats et fournisseurs",
        "source": { "name": "achats", "kind": "csv" }, "target": "contract",
        "key": { "column": "Référence", "target": "ref" },
        "fields": [
          { "target": "label", "column": "Libellé" },
          { "target": "signatories", "column": "Fournisseur",
            "transforms": [{ "op": "lookup", "kind": "actor" }] },
          { "target": "areaId", "column": "Entité",
            "transforms": [{ "op": "lookup", "kind": "area" }] }
        ] }"#;

    let plan = plan_file(&api, profile, &sheet).await.expect("planned");
    let c = plan.counts;
    assert_eq!(
        (c.create, c.update, c.unchanged, c.conflict, c.invalid),
        (1, 1, 1, 0, 0),
        "{c:?}"
    );
    let id = plan.plan_id.clone();
    let update = api
        .import_rows(rows(&id, vec![RowKind::Update], ""))
        .await
        .expect("rows");
    let area = update.rows[0]
        .changes
        .iter()
        .find(|c| c.field == "areaId")
        .expect("the area changes");
    assert_eq!(
        (area.before.as_str(), area.after.as_str()),
        (
            area_label(&contracts[0]["areaId"]).as_str(),
            text(&other_area["label"]).as_str()
        ),
        "the areas by their names, not their ids"
    );
    // The search finds the rows by the vendor's name, which they hold as an id.
    let by_vendor = api
        .import_rows(rows(&id, vec![], &vendor(0).to_lowercase()))
        .await
        .expect("rows");
    let mut keys: Vec<String> = by_vendor
        .rows
        .iter()
        .filter_map(|r| r.key.clone())
        .collect();
    keys.sort();
    let mut expected = vec![text(&contracts[0]["ref"]), "CTR-WINDOW-7731".to_owned()];
    expected.sort();
    assert_eq!(keys, expected, "{by_vendor:?}");

    run_to(
        (&api, &events),
        &id,
        ImportOperation::Apply,
        ImportState::Applied,
    )
    .await;
    let created = all(&client, "Contracts")
        .await
        .into_iter()
        .find(|c| c["ref"] == "CTR-WINDOW-7731")
        .expect("the new contract");
    assert_eq!(
        created["signatories"],
        json!([contracts[0]["signatories"][0]])
    );
    assert_eq!(created["areaId"], other_area["id"]);
    let updated = all(&client, "Contracts")
        .await
        .into_iter()
        .find(|c| c["ref"] == contracts[0]["ref"])
        .expect("the updated contract");
    assert_eq!(updated["label"], "Contrat renégocié témoin-7731");
    assert_eq!(updated["areaId"], other_area["id"]);

    run_to(
        (&api, &events),
        &id,
        ImportOperation::Undo,
        ImportState::Undone,
    )
    .await;
    let restored = label_of(&client, "Contracts", contracts[0]["ref"].as_str().unwrap()).await;
    assert_eq!(restored.as_deref(), contracts[0]["label"].as_str());
    assert_eq!(
        label_of(&client, "Contracts", "CTR-WINDOW-7731").await,
        None
    );
    assert_eq!(
        files_holding(dir.path(), "témoin-7731"),
        Vec::<PathBuf>::new(),
        "no mapped value in clear"
    );
    let actions: Vec<String> = audit_of(&api, &id)
        .await
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    assert_eq!(actions, ["importPlanned", "importApplied", "importUndone"]);
}

/// Rows made with `psql` in a table of the local PostgreSQL `test` database (trust
/// authentication on loopback), named for this test alone.
fn postgres_rows(table: &str, rows: &[(&str, &str)]) {
    let values: Vec<String> = rows
        .iter()
        .map(|(k, v)| format!("('{}', '{}')", k.replace('\'', "''"), v.replace('\'', "''")))
        .collect();
    let sql = format!(
        "DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (numero text, nom text); \
         INSERT INTO {table} VALUES {};",
        values.join(", ")
    );
    psql(&sql);
}

/// A source that is a query on a saved PostgreSQL connection, planned through `import_plan`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_on_a_saved_postgres_connection_is_planned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let asset = all(&client, "Assets")
        .await
        .into_iter()
        .find(|a| a["type"] == "Software" && a["ref"].is_string())
        .expect("a software asset");
    let key = asset["ref"].as_str().unwrap();
    let table = "window_spec_import_apps";
    postgres_rows(
        table,
        &[
            (key, "Paie (depuis l'ERP)"),
            ("ERP-7731", "Portail fournisseurs"),
        ],
    );
    let saved = save_local_postgres(&api, "ERP local").await;
    let profile = format!(
        r#"{{ "version": 1, "id": "erp-apps", "name": "Applications de l'ERP",
        "source": {{ "name": "erp", "kind": "sql", "connection": "{}",
                     "query": "SELECT numero, nom FROM {table} ORDER BY numero" }},
        "target": "asset",
        "key": {{ "column": "numero", "target": "ref" }},
        "fields": [
          {{ "target": "label", "column": "nom" }},
          {{ "target": "type", "transforms": [{{ "op": "constant", "value": "Software" }}] }}
        ] }}"#,
        saved.id
    );
    let spec = Profile::from_json(&profile).expect("a profile").source;

    let plan = api
        .import_plan(ImportPlanRequest {
            profile: profile.clone(),
            source: SourceSpecDto {
                path: None,
                spec: spec.clone(),
            },
        })
        .await
        .expect("planned from PostgreSQL");
    let c = plan.counts;
    assert_eq!(
        (c.create, c.update, c.conflict, c.invalid),
        (1, 1, 0, 0),
        "{c:?}"
    );
    assert_eq!(plan.source_name, "query on « ERP local »");
    assert_eq!(
        plan.source,
        Some(ImportSource::Query {
            connection: "ERP local".into()
        }),
        "the connection by its name, although the profile names its id"
    );
    let update = api
        .import_rows(rows(&plan.plan_id, vec![RowKind::Update], ""))
        .await
        .expect("rows");
    assert_eq!(update.rows[0].changes[0].after, "Paie (depuis l'ERP)");

    // A profile reading a column the query does not give is refused before any plan.
    let wrong = profile.replace(r#""column": "nom""#, r#""column": "libelle""#);
    let err = api
        .import_plan(ImportPlanRequest {
            profile: wrong,
            source: SourceSpecDto { path: None, spec },
        })
        .await
        .expect_err("a missing column");
    assert_eq!(err.code, ErrorCode::Invalid, "{}", err.message);
    assert!(err.message.contains("« libelle »"), "{}", err.message);
    let [problem] = err.problems.as_slice() else {
        panic!("one problem for the window to word: {err:?}");
    };
    assert_eq!(
        (problem.kind, problem.column.as_deref()),
        (
            passerelle_mapping::ProblemKind::MissingColumn,
            Some("libelle")
        ),
        "{problem:?}"
    );
}
