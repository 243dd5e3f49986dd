//! The DPO's main workflow in the window: a request's requester is planted in a folder, the
//! folder is connected, discovery runs from the request, and the findings are reviewed.

use std::time::Duration;

use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_dastra::{Auth, ClientOptions, ListQuery};

use crate::driver::{artifacts_dir, settle_seal_key, App, Lang};

/// A seeded request in `locale` (`fr`, `en`) whose requester has names and an e-mail. The
/// sandbox's seed is deterministic, so the app's own sandbox holds the same request.
async fn seeded_request(locale: &str) -> DataSubjectRequestDto {
    let sandbox = passerelle_sandbox::start(Default::default(), 0)
        .await
        .expect("a sandbox starts");
    let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(passerelle_sandbox::MAIN_WORKSPACE))
        .build()
        .expect("a client");
    client
        .list::<DataSubjectRequestDto>(&ListQuery::new())
        .await
        .expect("requests listed")
        .items
        .into_iter()
        .find(|r| {
            r.email.is_some()
                && r.given_name.is_some()
                && r.family_name.is_some()
                && r.locale.starts_with(locale)
        })
        .unwrap_or_else(|| panic!("a request in {locale} with a named requester"))
}

/// Save a folder connection from the Connections screen; `count` connections are then listed.
async fn connect_folder(app: &App, name: &str, path: &std::path::Path, count: usize) {
    app.click("[data-testid=nav-connections]").await;
    app.click("[data-testid=connection-new]").await;
    app.select_option("[data-testid=connection-kind]", "folder")
        .await;
    app.type_into("[data-testid=field-name]", name).await;
    app.type_into("[data-testid=field-path]", &path.to_string_lossy())
        .await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", count)
        .await;
}

/// Open request `id` and its discovery launcher.
async fn open_launcher(app: &App, id: i32) {
    app.click("[data-testid=nav-inbox]").await;
    app.wait_for_count("[data-testid=dsar-row]", 10).await;
    app.js(&format!("location.hash = '#/inbox/{id}'; return true"))
        .await;
    app.wait_for("[data-testid=identity-email]").await;
    app.click("[data-testid=run-discovery]").await;
    app.wait_for_count("[data-testid=identifier-row]", 2).await;
}

/// The folder: the requester's row, a namesake with another e-mail, her e-mail in a note that
/// also names a third party.
fn plant(dir: &std::path::Path, request: &DataSubjectRequestDto) {
    let given = request.given_name.clone().unwrap_or_default();
    let family = request.family_name.clone().unwrap_or_default();
    let email = request.email.clone().unwrap_or_default();
    std::fs::write(
        dir.join("clients.csv"),
        format!(
            "nom;prenom;email;telephone\n{};{given};{email};\n{family};{given};\
             homonyme.{}@autre.example;07 11 22 33 44\nLefèvre;Marc;marc.lefevre@example.fr;\n",
            family.to_uppercase(),
            request.id.unwrap_or_default()
        ),
    )
    .expect("csv written");
    std::fs::write(
        dir.join("notes.txt"),
        format!("Rappel : écrire à {email} et à voisin.tiers@example.org\n"),
    )
    .expect("notes written");
}

#[tokio::test(flavor = "multi_thread")]
async fn discovery_runs_from_a_request_and_its_findings_are_reviewed() {
    let Some(app) = App::launch("discovery", Lang::Fr).await else {
        return;
    };
    // A request in French: its report is written in French.
    let request = seeded_request("fr").await;
    let id = request.id.expect("an id");
    let folder = tempfile::tempdir().expect("a folder");
    plant(folder.path(), &request);
    app.wait_for_count("[data-testid=dsar-row]", 10).await;
    connect_folder(&app, "Partage clients", folder.path(), 2).await;

    // From the request: the launcher shows her identity, where each identifier comes from in
    // words, and the sources.
    open_launcher(&app, id).await;
    let identity = app.inner_text("body").await;
    assert!(
        identity.contains(request.email.as_deref().unwrap()),
        "her e-mail is in the identity set"
    );
    assert!(
        identity.contains("du formulaire : adresse e-mail"),
        "the provenance is worded: {identity:.600}"
    );
    app.wait_for("[data-testid=source-choice]").await;
    let source = app
        .js("return document.querySelector('[data-testid=source-choice]:not([disabled])').dataset.id")
        .await
        .as_str()
        .expect("a searchable source")
        .to_string();
    // Every searchable connection is chosen to begin with.
    app.wait_for(&format!(
        "[data-testid=source-choice][data-id='{source}']:checked"
    ))
    .await;
    app.screenshot("discovery-launcher-fr").await;
    app.click("[data-testid=discovery-start]").await;

    // The job: its source runs, then the review opens.
    app.wait_for("[data-testid=job-source]").await;
    app.screenshot("discovery-progress-fr").await;
    app.wait_for("[data-testid=job-source][data-state=done]")
        .await;
    app.click("[data-testid=open-review]").await;
    app.wait_for_count("[data-testid=review-finding]", 3).await;
    let certain = app
        .count("[data-testid=review-finding][data-confidence=certain]")
        .await;
    assert_eq!(certain, 2, "her row and her note");
    let possible = app
        .count("[data-testid=review-finding][data-confidence=possible]")
        .await;
    assert_eq!(possible, 1, "the namesake, to confirm or reject");
    app.screenshot("discovery-review-fr").await;

    // The namesake is rejected as someone else.
    let namesake = "[data-testid=review-finding][data-confidence=possible]";
    app.click(&format!("{namesake} [data-testid=finding-exclude]"))
        .await;
    app.wait_for("[data-testid=exclude-dialog]").await;
    app.select_option("[data-testid=exclude-reason]", "notThisPerson")
        .await;
    app.click("[data-testid=exclude-confirm]").await;
    app.wait_for(&format!("{namesake}[data-decision=exclude]"))
        .await;

    // The third party's address in her note is redacted, then every certain finding included.
    let note = "[...document.querySelectorAll('[data-testid=review-finding]')]\
        .find(c => c.innerText.includes('notes.txt'))";
    app.js(&format!(
        "{note}.querySelector('[data-testid=pii-span][data-kind=email]').click(); return true"
    ))
    .await;
    app.wait_for("[data-testid=finding-redacted]").await;
    app.click("[data-testid=include-certain]").await;
    app.wait_for_count("[data-testid=review-finding][data-decision=include]", 2)
        .await;
    app.wait_for("[data-testid=review-remaining][data-count='0']")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("discovery-reviewed-fr").await;

    // The package: built from what was included, its report read before sending.
    let sandbox_url = app
        .js("return document.querySelector('[data-testid=workspace-label]').parentElement.title")
        .await
        .as_str()
        .expect("the header's title is the workspace address")
        .to_string();
    app.click("[data-testid=package-build]").await;
    app.wait_for("[data-testid=package-result]").await;
    app.wait_for("[data-testid=package-included][data-count='2']")
        .await;
    app.click("[data-testid=package-report-open]").await;
    app.wait_for("[data-testid=package-report]").await;
    let report = app
        .js("return document.querySelector('[data-testid=package-report]').srcdoc")
        .await
        .as_str()
        .expect("the report's HTML")
        .to_string();
    assert!(
        report.contains("Partage clients"),
        "the source is in the report"
    );
    assert!(
        !report.contains("voisin.tiers@example.org"),
        "the redacted address is not"
    );
    assert!(
        report.contains("lang=\"fr\""),
        "the report of a French request is in French"
    );
    app.js("document.querySelector('[data-testid=package-report]').scrollIntoView(); return 1")
        .await;
    app.screenshot("discovery-report-fr").await;
    std::fs::write(artifacts_dir().join("discovery-report-fr.html"), &report)
        .expect("the report kept");

    // A reload of the window finds the package built, ready to attach.
    let file = app.text("[data-testid=package-file]").await;
    app.js("location.reload(); return 1").await;
    app.wait_for_count("[data-testid=review-finding]", 3).await;
    app.wait_for("[data-testid=package-result]").await;
    assert_eq!(app.text("[data-testid=package-file]").await, file);

    // Attached to the request, which is closed with a message.
    // (A JavaScript click: the review's sticky header covers the button once scrolled.)
    app.js("document.querySelector('[data-testid=package-attach-open]').click(); return 1")
        .await;
    app.wait_for("[data-testid=attach-dialog]").await;
    // The workflow's closing step, as the workspace defines it, and the state.
    let step_option = "[data-testid=attach-step] option[data-state=Closed]";
    app.wait_for(step_option).await;
    let step: i32 = app
        .js(&format!(
            "return document.querySelector('{step_option}').value"
        ))
        .await
        .as_str()
        .and_then(|v| v.parse().ok())
        .expect("a step id");
    app.select_option("[data-testid=attach-step]", &step.to_string())
        .await;
    app.select_option("[data-testid=attach-state]", "Closed")
        .await;
    app.type_into(
        "[data-testid=attach-message]",
        "Vos données sont dans le dossier joint.",
    )
    .await;
    app.screenshot("discovery-attach-fr").await;
    app.click("[data-testid=attach-confirm]").await;
    app.wait_for("[data-testid=attach-result][data-already=false]")
        .await;
    app.wait_for("[data-testid=attach-state-now][data-state=Closed]")
        .await;
    // The upload's progress reached the window: every byte sent.
    app.wait_for("[data-testid=attach-progress][data-percent='100']")
        .await;
    app.screenshot("discovery-attached-fr").await;

    // The sandbox lists the attachment, the request is closed, and the package downloaded
    // from Dastra matches its manifest.
    let client = ClientOptions::new(&sandbox_url, Auth::api_key("sandbox-secret"))
        .workspace(i64::from(passerelle_sandbox::MAIN_WORKSPACE))
        .build()
        .expect("a client of the app's sandbox");
    let attachments = client
        .list_attachments(id)
        .await
        .expect("attachments listed");
    let package = attachments
        .iter()
        .find(|a| {
            a.file_name
                .as_deref()
                .is_some_and(|n| n.starts_with("passerelle-dsar-"))
        })
        .expect("the package is attached");
    let after: DataSubjectRequestDto = client.get(&id).await.expect("the request");
    assert_eq!(
        serde_json::to_value(&after.state).expect("a state"),
        serde_json::json!("Closed")
    );
    assert_eq!(
        after.work_flow_step_id,
        Some(step),
        "moved to the chosen step"
    );
    let download = tempfile::tempdir().expect("a folder");
    let path = download
        .path()
        .join(package.file_name.clone().expect("a name"));
    client
        .download_attachment(id, package.id.expect("an id"), &path, |_, _| {})
        .await
        .expect("downloaded");
    let check = passerelle_discovery::verify_package(&path).expect("a package");
    assert!(check.is_intact(), "{:?}", check.problems);

    // The audit log holds every step, and its chain holds.
    app.click("[data-testid=attach-close]").await;
    app.click("[data-testid=nav-audit]").await;
    app.wait_for_count("[data-testid=audit-row]", 6).await;
    app.click("[data-testid=audit-verify]").await;
    app.wait_for("[data-testid=audit-verify-result][data-ok=true]")
        .await;
    // Exported to a new file in the Downloads folder, whose path the screen shows.
    app.click("[data-testid=audit-export-json]").await;
    let path = app.text("[data-testid=audit-export-path]").await;
    let path = std::path::PathBuf::from(path.trim());
    assert!(path.starts_with(app.downloads()), "{}", path.display());
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("the export")).expect("JSON");
    assert!(export["entries"].as_array().is_some_and(|e| e.len() >= 6));
    app.screenshot("audit-fr").await;

    // The same screens in English.
    app.select_option("[data-testid=language-switch]", "en")
        .await;
    app.wait_for_count("[data-testid=audit-row]", 6).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot("audit-en").await;
    app.js("history.back(); return 1").await;
    app.wait_for_count("[data-testid=review-finding]", 3).await;
    let labels = app.inner_text("body").await;
    assert!(
        labels.contains("Include"),
        "the review speaks English: {labels:.200}"
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.screenshot("discovery-review-en").await;

    app.finish().await;
}

/// Files the reopening test searches: enough that the job is still running when the app is
/// killed. Every `PLANT_EVERY`th one holds the requester's e-mail, once.
const BIG_FOLDER_FILES: usize = 12_000;
const PLANT_EVERY: usize = 600;

/// A big folder of notes, a few of them naming the requester.
fn plant_many(dir: &std::path::Path, email: &str) -> usize {
    let filler = "Compte rendu de réunion : budget, calendrier, prochaines étapes.\n".repeat(6);
    let mut planted = 0;
    for i in 0..BIG_FOLDER_FILES {
        let sub = dir.join(format!("lot-{:02}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("a sub-folder");
        }
        let mut text = filler.clone();
        if i % PLANT_EVERY == 0 {
            text.push_str(&format!("Contact : {email}\n"));
            planted += 1;
        }
        std::fs::write(sub.join(format!("note-{i:05}.txt")), text).expect("a note written");
    }
    planted
}

/// The units done and to do of the job's only source, as its row shows them.
async fn units(app: &App) -> (u64, u64) {
    let read = app
        .js(
            "const s = document.querySelector('[data-testid=job-source]'); \
             return s ? [s.dataset.unitsDone, s.dataset.unitsTotal] : null",
        )
        .await;
    let n = |i: usize| {
        read.get(i)
            .and_then(|v| v.as_str())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (n(0), n(1))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_survives_the_app_being_killed_and_is_resumed_without_duplicates() {
    settle_seal_key().await;
    let Some(app) = App::launch("discovery-reopen", Lang::Fr).await else {
        return;
    };
    // A request in English this time: its report is checked in English.
    let request = seeded_request("en").await;
    let id = request.id.expect("an id");
    let folder = tempfile::tempdir().expect("a folder");
    let planted = plant_many(folder.path(), request.email.as_deref().expect("an e-mail"));
    app.wait_for_count("[data-testid=dsar-row]", 10).await;
    connect_folder(&app, "Archives", folder.path(), 2).await;
    open_launcher(&app, id).await;
    app.wait_for("[data-testid=source-choice]:checked").await;
    app.click("[data-testid=discovery-start]").await;

    // Mid-job: some files done, not all; then the app is killed.
    app.wait_for("[data-testid=job-source][data-state=running]")
        .await;
    let job = app
        .js("return decodeURIComponent(location.hash.split('/')[2] ?? '')")
        .await
        .as_str()
        .expect("the job's id in the address")
        .to_string();
    assert!(!job.is_empty());
    let mut before = (0, 0);
    for _ in 0..1200 {
        before = units(&app).await;
        if before.0 > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.screenshot("discovery-before-kill-fr").await;
    assert!(
        before.0 > 0 && before.0 < before.1,
        "the job must be mid-way when the app is killed, at {before:?}: plant more files"
    );
    let home = app.kill_keeping_home().await;

    // Reopened on the same data: the job is there, interrupted, its progress kept.
    let app = App::relaunch("discovery-reopened", Lang::Fr, home).await;
    app.wait_for_count("[data-testid=dsar-row]", 10).await;
    app.js(&format!("location.hash = '#/discovery/{job}'; return true"))
        .await;
    app.wait_for("[data-testid=job-state][data-status=interrupted]")
        .await;
    let kept = units(&app).await;
    assert!(kept.0 > 0 && kept.0 < kept.1, "progress kept: {kept:?}");
    app.screenshot("discovery-interrupted-fr").await;

    // Resumed, it finishes, and each planted file is found once.
    app.click("[data-testid=job-resume]").await;
    app.wait_long_for(
        "[data-testid=job-source][data-state=done]",
        Duration::from_secs(300),
    )
    .await;
    let done = units(&app).await;
    assert_eq!(done.0, done.1, "every file done: {done:?}");
    app.click("[data-testid=open-review]").await;
    app.wait_for_count("[data-testid=review-finding]", planted)
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(
        app.count("[data-testid=review-finding]").await,
        planted,
        "no finding twice after the resume"
    );
    let ids: Vec<String> = app
        .js(
            "return [...document.querySelectorAll('[data-testid=review-finding]')]\
             .map(c => c.innerText.split('\\n').find(l => l.includes('note-')) ?? '')",
        )
        .await
        .as_array()
        .expect("the cards' places")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "each file once: {ids:?}");
    app.wait_for(&format!(
        "[data-testid=review-remaining][data-count='{planted}']"
    ))
    .await;

    // Everything included, the package built: the report of an English request is in English.
    app.click("[data-testid=include-certain]").await;
    app.wait_for("[data-testid=review-remaining][data-count='0']")
        .await;
    app.click("[data-testid=package-build]").await;
    app.wait_for("[data-testid=package-result]").await;
    app.click("[data-testid=package-report-open]").await;
    app.wait_for("[data-testid=package-report]").await;
    let report = app
        .js("return document.querySelector('[data-testid=package-report]').srcdoc")
        .await
        .as_str()
        .expect("the report's HTML")
        .to_string();
    assert!(report.contains("lang=\"en\""), "an English report");
    std::fs::write(artifacts_dir().join("discovery-report-en.html"), &report)
        .expect("the report kept");
    app.js("document.querySelector('[data-testid=package-report]').scrollIntoView(); return 1")
        .await;
    app.screenshot("discovery-report-en").await;
    app.finish().await;
}
