//! `passerelle discover` over the built-in sandbox: a seeded request's requester is planted in
//! a folder, found, summed up and written as JSON; resuming a finished job adds nothing.

use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_dastra::{Auth, ClientOptions, ListQuery};
use serde_json::Value;

use crate::support::*;

/// A seeded request with a requester who has names and an e-mail. The sandbox's seed is
/// deterministic, so the binary's sandbox holds the same one.
pub fn seeded_request() -> DataSubjectRequestDto {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let sandbox = passerelle_sandbox::start(Default::default(), 0)
            .await
            .expect("the sandbox starts");
        let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
            .workspace(i64::from(passerelle_sandbox::MAIN_WORKSPACE))
            .build()
            .expect("a client");
        let page = client
            .list::<DataSubjectRequestDto>(&ListQuery::new())
            .await
            .expect("requests listed");
        page.items
            .into_iter()
            .find(|r| r.email.is_some() && r.given_name.is_some() && r.family_name.is_some())
            .expect("a request with a named requester")
    })
}

#[test]
fn discover_finds_the_requester_of_a_sandbox_request_in_a_folder() {
    if !keyring_available() {
        return;
    }
    let request = seeded_request();
    let (given, family) = (
        request.given_name.clone().unwrap(),
        request.family_name.clone().unwrap(),
    );
    let email = request.email.clone().unwrap();
    let id = request.id.expect("an id").to_string();

    let mut session = Session::new();
    let folder = session.path("partage");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(
        folder.join("contacts.csv"),
        format!(
            "nom;prenom;email\n{};{given};{}\nLefèvre;Marc;marc.lefevre@example.fr\n",
            family.to_uppercase(),
            email.to_uppercase()
        ),
    )
    .expect("csv");
    std::fs::write(
        folder.join("notes.txt"),
        format!("rappel: écrire à {email}\n"),
    )
    .expect("txt");
    let folder_arg = folder.to_string_lossy().into_owned();
    session
        .run(
            &[
                "connections",
                "add",
                "folder",
                "--name",
                "Partage",
                "--path",
                &folder_arg,
            ],
            None,
            &[],
        )
        .ok();

    let out = session.path("export");
    let out_arg = out.to_string_lossy().into_owned();
    let found = session
        .run(
            &[
                "discover",
                "--request",
                &id,
                "--source",
                "Partage",
                "--out",
                &out_arg,
            ],
            None,
            &[],
        )
        .ok();
    assert!(
        found
            .stdout
            .contains("Partage: Done, 2 findings (2 certain)"),
        "{}",
        found.stdout
    );
    assert!(
        found.stderr.contains("Partage: Running"),
        "progress is shown: {}",
        found.stderr
    );
    assert!(
        !found.stdout.contains(&email),
        "the summary holds no personal data"
    );

    let export: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("findings.json")).expect("findings.json written"),
    )
    .expect("JSON");
    assert_eq!(
        export["requestId"].as_i64().map(|n| n.to_string()),
        Some(id.clone())
    );
    assert_eq!(export["state"], "done");
    let findings = export["findings"].as_array().expect("findings");
    let mut files: Vec<&str> = findings
        .iter()
        .map(|f| f["location"]["path"].as_str().expect("a path"))
        .collect();
    files.sort();
    assert_eq!(files, vec!["contacts.csv", "notes.txt"]);
    assert!(findings.iter().all(|f| f["confidence"] == "certain"));
    assert!(findings
        .iter()
        .all(|f| !f["reasonFr"].as_str().unwrap().is_empty()));

    // The findings database holds no clear text of the requester.
    for file in files_under(&session.path("data/passerelle")) {
        if file
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("passerelle.db"))
        {
            let bytes = std::fs::read(&file).expect("read");
            let needle = email.as_bytes();
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{}",
                file.display()
            );
        }
    }

    // Resuming a finished job searches nothing again and adds nothing.
    let job = export["jobId"].as_str().expect("a job id");
    let again = session.run(&["discover", "--resume", job], None, &[]).ok();
    assert!(
        again.stdout.contains("2 findings, 0 issues in all"),
        "{}",
        again.stdout
    );
}

#[test]
fn discover_says_what_is_wrong_with_its_arguments() {
    if !keyring_available() {
        return;
    }
    let mut session = Session::new();
    session
        .run(
            &["discover", "--request", "1", "--source", "Nulle part"],
            None,
            &[],
        )
        .fails_with("Nulle part");

    session
        .run(
            &[
                "discover",
                "--request",
                "1",
                "--source",
                "x",
                "--add",
                "sans-egal",
            ],
            None,
            &[],
        )
        .fails_with("KIND=VALUE");

    session
        .run(&["discover", "--resume", "00000000-0000"], None, &[])
        .fails_with("no such job");
}
