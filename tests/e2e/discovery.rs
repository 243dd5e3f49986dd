//! The DPO's main workflow in the window: a request's requester is planted in a folder, the
//! folder is connected, discovery runs from the request, and the findings are reviewed.

use std::time::Duration;

use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_dastra::{Auth, ClientOptions, ListQuery};

use crate::driver::{App, Lang};

/// A seeded request whose requester has names and an e-mail. The sandbox's seed is
/// deterministic, so the app's own sandbox holds the same request.
async fn seeded_request() -> DataSubjectRequestDto {
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
        .find(|r| r.email.is_some() && r.given_name.is_some() && r.family_name.is_some())
        .expect("a request with a named requester")
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
    let request = seeded_request().await;
    let id = request.id.expect("an id");
    let folder = tempfile::tempdir().expect("a folder");
    plant(folder.path(), &request);
    app.wait_for_count("[data-testid=dsar-row]", 10).await;

    // Connect the folder.
    app.click("[data-testid=nav-connections]").await;
    app.click("[data-testid=connection-new]").await;
    app.select_option("[data-testid=connection-kind]", "folder")
        .await;
    app.type_into("[data-testid=field-name]", "Partage clients")
        .await;
    app.type_into("[data-testid=field-path]", &folder.path().to_string_lossy())
        .await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", 2).await;

    // From the request: the launcher shows her identity and the sources.
    app.click("[data-testid=nav-inbox]").await;
    app.wait_for_count("[data-testid=dsar-row]", 10).await;
    app.js(&format!("location.hash = '#/inbox/{id}'; return true"))
        .await;
    app.wait_for("[data-testid=identity-email]").await;
    app.click("[data-testid=run-discovery]").await;
    app.wait_for_count("[data-testid=identifier-row]", 2).await;
    let identity = app.inner_text("body").await;
    assert!(
        identity.contains(request.email.as_deref().unwrap()),
        "her e-mail is in the identity set"
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
    app.js("document.querySelector('[data-testid=package-report]').scrollIntoView(); return 1")
        .await;
    app.screenshot("discovery-report-fr").await;

    // Attached to the request, which is closed with a message.
    // (A JavaScript click: the review's sticky header covers the button once scrolled.)
    app.js("document.querySelector('[data-testid=package-attach-open]').click(); return 1")
        .await;
    app.wait_for("[data-testid=attach-dialog]").await;
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
