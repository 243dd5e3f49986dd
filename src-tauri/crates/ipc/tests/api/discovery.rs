//! The discovery and review commands over the sandbox: a request's requester planted in a
//! folder connection, searched by a job running in the `Api`, then reviewed.

use std::sync::Arc;
use std::time::{Duration, Instant};

use passerelle_discovery::{Decision, ExcludeReason, Redaction, RunState};
use passerelle_ipc::*;
use passerelle_vault::settings::FolderSettings;
use passerelle_vault::Settings as ConnectionSettings;

use super::*;

/// Wait for the job's `job_finished` event.
async fn finished(events: &Recorder, job: &str) -> JobFinishedEvent {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(e) = events.2.lock().unwrap().iter().find(|e| e.job_id == job) {
            return e.clone();
        }
        assert!(Instant::now() < deadline, "the job did not finish in 30 s");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_request_is_searched_in_a_folder_then_its_findings_are_reviewed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let events = Arc::new(Recorder::default());
    let api = api_in(dir.path(), Arc::new(MemoryStore::default()), events.clone()).await;
    if api
        .discovery_job(JobIdRequest { job_id: "x".into() })
        .await
        .err()
        .map(|e| e.code)
        == Some(ErrorCode::Keyring)
    {
        assert!(
            std::env::var("PASSERELLE_REQUIRE_SERVICES").as_deref() != Ok("1"),
            "PASSERELLE_REQUIRE_SERVICES=1 but the keyring is unusable"
        );
        eprintln!("SKIPPED: no usable OS keyring");
        return;
    }

    // A requester of the sandbox, planted in a folder with a namesake.
    let page = api.dsar_list(inbox("")).await.expect("inbox");
    let row = page
        .items
        .iter()
        .find(|r| r.email.is_some())
        .expect("a request with an e-mail");
    let email = row.email.clone().unwrap();
    let folder = dir.path().join("partage");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(
        folder.join("notes.txt"),
        format!("écrire à {email}\nrien\n"),
    )
    .expect("notes");
    let saved = api
        .connections_save(ConnectionSaveRequest {
            id: None,
            name: "Partage".into(),
            settings: ConnectionSettings::Folder(FolderSettings {
                path: folder.clone(),
                include: vec![],
                exclude: vec![],
            }),
            secret: None,
        })
        .await
        .expect("folder saved");

    let plan = api
        .discovery_prepare(DiscoveryPrepareRequest { request_id: row.id })
        .await
        .expect("prepared");
    assert!(
        plan.identifiers.iter().any(|i| i.value == email),
        "{plan:?}"
    );
    let source = plan
        .sources
        .iter()
        .find(|s| s.connection_id == saved.id)
        .expect("the folder is offered");
    assert!(source.searchable);
    assert_eq!(source.scope, folder.display().to_string());
    assert!(plan.jobs.is_empty());

    let refused = api
        .discovery_start(DiscoveryStartRequest {
            request_id: row.id,
            identifiers: vec![],
            source_ids: vec![saved.id.clone()],
        })
        .await
        .expect_err("nothing to search for");
    assert_eq!(refused.code, ErrorCode::Invalid);
    assert_eq!(refused.fields[0].field, "identifiers", "{refused:?}");
    let refused = api
        .discovery_start(DiscoveryStartRequest {
            request_id: row.id,
            identifiers: plan.identifiers.clone(),
            source_ids: vec![],
        })
        .await
        .expect_err("nowhere to search");
    assert_eq!(refused.code, ErrorCode::Invalid);
    assert_eq!(refused.fields[0].field, "sourceIds", "{refused:?}");

    let job = api
        .discovery_start(DiscoveryStartRequest {
            request_id: row.id,
            identifiers: plan.identifiers.clone(),
            source_ids: vec![saved.id.clone()],
        })
        .await
        .expect("started");
    let end = finished(&events, &job.id).await;
    assert_eq!(end.state, RunState::Done, "{end:?}");
    assert!(events.1.lock().unwrap().iter().any(|e| e.job_id == job.id));
    let view = api
        .discovery_job(JobIdRequest {
            job_id: job.id.clone(),
        })
        .await
        .expect("job");
    assert!(!view.live, "the task is over");
    assert_eq!(view.sources[0].state, RunState::Done);
    assert_eq!(view.sources[0].name, "Partage");

    let list = api
        .review_list(ReviewListRequest {
            job_id: job.id.clone(),
            offset: None,
            limit: None,
        })
        .await
        .expect("review list");
    assert_eq!(list.findings.len(), 1, "{:?}", list.findings);
    assert_eq!((list.offset, list.total), (0, 1));
    assert_eq!(list.remaining, 1);
    let past = api
        .review_list(ReviewListRequest {
            job_id: job.id.clone(),
            offset: Some(1),
            limit: Some(50),
        })
        .await
        .expect("a page past the end");
    assert!(past.findings.is_empty());
    assert_eq!((past.offset, past.total), (1, 1));
    let id = list.findings[0].id;

    let other = api
        .review_decide(ReviewDecideRequest {
            job_id: job.id.clone(),
            finding_ids: vec![id],
            decision: Some(Decision::Exclude {
                reason: ExcludeReason::Other,
                note: Some("  ".into()),
            }),
        })
        .await
        .expect_err("another reason needs a note");
    assert_eq!(other.code, ErrorCode::Invalid);

    let update = api
        .review_decide(ReviewDecideRequest {
            job_id: job.id.clone(),
            finding_ids: vec![id],
            decision: Some(Decision::Include),
        })
        .await
        .expect("decided");
    assert_eq!(update.remaining, 0);
    let update = api
        .review_redact(ReviewRedactRequest {
            job_id: job.id.clone(),
            finding_id: id,
            redactions: vec![Redaction {
                field: "text".into(),
                span: None,
            }],
        })
        .await
        .expect("redacted");
    assert!(
        update.reviews[0].review.is_included(),
        "a redaction keeps the decision"
    );

    let recent = api
        .discovery_recent(DiscoveryRecentRequest {})
        .await
        .expect("recent jobs");
    assert_eq!(
        recent
            .jobs
            .iter()
            .map(|j| j.id.as_str())
            .collect::<Vec<_>>(),
        vec![job.id.as_str()]
    );

    // The plan of the same request now lists the job.
    let plan = api
        .discovery_prepare(DiscoveryPrepareRequest { request_id: row.id })
        .await
        .expect("prepared");
    assert_eq!(plan.jobs.len(), 1);
    assert_eq!(plan.jobs[0].id, job.id);

    // Nothing built yet: nothing to find after a reload.
    let none = api
        .package_get(JobIdRequest {
            job_id: job.id.clone(),
        })
        .await
        .expect("no package yet");
    assert_eq!(none.package, None);

    // The package: the redacted line is blacked out in its report; attached once only.
    let package = api
        .package_build(JobIdRequest {
            job_id: job.id.clone(),
        })
        .await
        .expect("package built");
    assert_eq!(package.included, 1);
    assert_eq!(package.redactions, 1);
    assert!(package
        .file_name
        .starts_with(&format!("passerelle-dsar-{}-", row.id)));
    assert!(
        package.report_html.contains("Partage"),
        "the source is named"
    );
    assert!(
        !package.report_html.contains(&email),
        "the redacted value is gone"
    );
    assert!(package.files.iter().any(|f| f.name == "manifest.json"));
    // A reload of the window finds it again.
    let again = api
        .package_get(JobIdRequest {
            job_id: job.id.clone(),
        })
        .await
        .expect("the package remembered");
    assert_eq!(again.package.as_ref(), Some(&package));

    // The workflow's steps, in order, with the request's own; one is chosen below.
    let workflow = api
        .dsar_workflow(WorkflowRequest { request_id: row.id })
        .await
        .expect("the workflow");
    assert!(workflow.steps.len() >= 3, "{workflow:?}");
    assert!(workflow.steps.last().unwrap().final_step);
    let current = workflow.current.expect("the request is at a step");
    assert!(workflow.steps.iter().any(|s| s.id == current));
    // The closing step, or another one when the request is there already.
    let closing = workflow
        .steps
        .iter()
        .rev()
        .find(|s| s.id != current)
        .expect("another step")
        .id;
    let attach = |state: Option<&str>| PackageAttachRequest {
        request_id: row.id,
        file_name: package.file_name.clone(),
        state: state.map(str::to_string),
        workflow_step: None,
        resolution_message: Some("Réponse envoyée avec le dossier joint.".into()),
    };
    let first = api
        .package_attach(PackageAttachRequest {
            workflow_step: Some(closing),
            ..attach(Some("closed"))
        })
        .await
        .expect("attached");
    assert!(!first.already_attached);
    assert_eq!(first.state, "Closed");
    assert!(first.changes >= 2, "the state and the step: {first:?}");
    let moved = api
        .dsar_workflow(WorkflowRequest { request_id: row.id })
        .await
        .expect("the workflow");
    assert_eq!(
        moved.current,
        Some(closing),
        "the request moved to the chosen step"
    );
    // The upload's progress reached the window, ending with every byte sent.
    let sent = events.3.lock().unwrap().clone();
    let last = sent.last().expect("upload progress");
    assert_eq!(last.file_name, package.file_name);
    assert_eq!((last.sent, last.total), (package.bytes, package.bytes));
    assert!(sent.windows(2).all(|w| w[0].sent <= w[1].sent), "{sent:?}");
    let again = api
        .package_attach(attach(Some("Closed")))
        .await
        .expect("attached");
    assert!(again.already_attached, "a retry uploads nothing");
    assert_eq!(again.changes, 0);
    let bad = api
        .package_attach(attach(Some("Fini")))
        .await
        .expect_err("bad state");
    assert_eq!(bad.code, ErrorCode::Invalid);
    let outside = PackageAttachRequest {
        file_name: "../secret.zip".into(),
        ..attach(None)
    };
    let refused = api
        .package_attach(outside)
        .await
        .expect_err("not a package name");
    assert_eq!(refused.code, ErrorCode::Invalid);

    // Every step is in the audit log, without a value; the chain holds.
    let audit = api
        .audit_list(AuditListRequest {
            request_id: Some(i64::from(row.id)),
            limit: None,
            offset: 0,
        })
        .await
        .expect("audit");
    let actions: Vec<&str> = audit
        .entries
        .iter()
        .rev()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(
        actions,
        vec![
            "discoveryStarted",
            "findingsViewed",
            "findingReviewed",
            "findingReviewed",
            "packageBuilt",
            "attachmentUploaded",
            "requestUpdated",
        ]
    );
    let verify = api
        .audit_verify(AuditVerifyRequest {})
        .await
        .expect("verified");
    assert!(verify.ok, "{verify:?}");

    // The export: a new, whole file in the exports folder, each time another.
    let refused = api
        .audit_export(AuditExportRequest {
            format: "xml".into(),
            path: None,
        })
        .await
        .expect_err("no such format");
    assert_eq!(refused.code, ErrorCode::Invalid);
    let export = api
        .audit_export(AuditExportRequest {
            format: "json".into(),
            path: None,
        })
        .await
        .expect("exported");
    let exports = dir.path().join("Téléchargements");
    assert!(
        export.path.starts_with(&exports.display().to_string()),
        "{export:?}"
    );
    assert!(export.path.ends_with(".json"));
    assert_eq!(export.head, verify.head);
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&export.path).expect("the file")).expect("JSON");
    assert_eq!(
        written["entries"].as_array().map(Vec::len),
        Some(export.entries as usize)
    );
    let csv = api
        .audit_export(AuditExportRequest {
            format: "CSV".into(),
            path: None,
        })
        .await
        .expect("exported");
    assert_ne!(csv.path, export.path);
    assert_eq!(
        csv.entries,
        export.entries + 1,
        "the first export is itself logged"
    );
    let files = std::fs::read_dir(&exports).expect("the folder").count();
    assert_eq!(files, 2, "no temporary file left behind");

    // A file chosen in the save dialog: the format's extension added, a wrong one or a missing
    // folder refused with nothing written, an existing file replaced whole.
    let chosen_dir = dir.path().join("Bureau");
    std::fs::create_dir_all(&chosen_dir).expect("folder");
    let export_to = |path: std::path::PathBuf, format: &str| {
        api.audit_export(AuditExportRequest {
            format: format.into(),
            path: Some(path.display().to_string()),
        })
    };
    let chosen = export_to(chosen_dir.join("journal d'audit"), "csv")
        .await
        .expect("exported where chosen");
    let chosen_file = chosen_dir.join("journal d'audit.csv");
    assert_eq!(chosen.path, chosen_file.display().to_string());
    let text = std::fs::read_to_string(&chosen_file).expect("the chosen file");
    assert_eq!(
        text.lines().count() as u64,
        chosen.entries + 2,
        "a header, the entries and the chain's head"
    );
    assert!(
        text.lines().last().is_some_and(|l| l.starts_with("head,")),
        "{text}"
    );
    std::fs::write(chosen_dir.join("old.json"), "not an export").expect("old file");
    let replaced = export_to(chosen_dir.join("old.json"), "json")
        .await
        .expect("replaced");
    let written: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&replaced.path).expect("file")).expect("JSON");
    assert_eq!(
        written["entries"].as_array().map(Vec::len),
        Some(replaced.entries as usize)
    );
    for (path, format, says) in [
        (chosen_dir.join("audit.csv"), "json", "extension"),
        (
            dir.path().join("nowhere").join("audit.json"),
            "json",
            "does not exist",
        ),
        (chosen_dir.clone(), "json", "is a folder"),
        (
            std::path::PathBuf::from("audit.json"),
            "json",
            "not a full path",
        ),
    ] {
        let refused = export_to(path.clone(), format).await.expect_err("refused");
        assert_eq!(refused.code, ErrorCode::Invalid, "{path:?}");
        assert!(
            refused.message.contains(says),
            "{path:?}: {}",
            refused.message
        );
    }
    let mut left: Vec<_> = std::fs::read_dir(&chosen_dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().into_string().expect("name"))
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["journal d'audit.csv", "old.json"],
        "nothing else written"
    );
    let db = std::fs::read(dir.path().join("passerelle.db")).expect("db");
    assert!(
        !db.windows(email.len()).any(|w| w == email.as_bytes()),
        "no value in the db"
    );

    // The retention setting: refused out of range, then a job past it is purged.
    let refused = api
        .settings_update(SettingsUpdateRequest {
            language: None,
            retention_days: Some(0),
        })
        .await
        .expect_err("0 days is refused");
    assert_eq!(refused.code, ErrorCode::Invalid);
    assert_eq!(
        api.purge_expired_findings().await.expect("purged"),
        0,
        "the job is recent"
    );

    let missing = api
        .review_list(ReviewListRequest {
            job_id: "no-such-job".into(),
            offset: None,
            limit: None,
        })
        .await
        .expect_err("unknown job");
    assert_eq!(missing.code, ErrorCode::NotFound);
}
