//! `passerelle package` then `passerelle attach` over the built-in sandbox: a discovered and
//! reviewed job becomes a zip, attached once however often the command runs.

use passerelle_discovery::{Decision, FindingsStore, SealKey};
use passerelle_vault::KeyringStore;
use serde_json::Value;

use crate::discover::seeded_request;
use crate::support::*;

/// Include every finding of `job` in the session's findings store, as the DPO would.
fn include_all(session: &Session, job: &str) -> usize {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async {
        let key = SealKey::load_or_create(&KeyringStore::new()).expect("the findings key");
        let store = FindingsStore::open(&session.path("data/passerelle/passerelle.db"), key)
            .await
            .expect("the store");
        let ids: Vec<i64> = store
            .findings(job)
            .await
            .expect("findings")
            .iter()
            .map(|s| s.id)
            .collect();
        store
            .decide(job, &ids, Some(Decision::Include), "Claire Martin")
            .await
            .expect("decided");
        ids.len()
    })
}

#[test]
fn a_reviewed_job_is_packaged_and_attached_once() {
    if !keyring_available() {
        return;
    }
    let request = seeded_request();
    let id = request.id.expect("an id").to_string();
    let email = request.email.clone().unwrap();
    let mut session = Session::new();
    let folder = session.path("partage");
    std::fs::create_dir_all(&folder).expect("folder");
    std::fs::write(folder.join("notes.txt"), format!("écrire à {email}\n")).expect("txt");
    let folder_arg = folder.to_string_lossy().into_owned();
    let add = [
        "connections",
        "add",
        "folder",
        "--name",
        "Partage",
        "--path",
        &folder_arg,
    ];
    session.run(&add, None, &[]).ok();
    let export = session.path("export");
    let export_arg = export.to_string_lossy().into_owned();
    let discover = [
        "discover",
        "--request",
        &id,
        "--source",
        "Partage",
        "--out",
        &export_arg,
    ];
    session.run(&discover, None, &[]).ok();
    let found: Value =
        serde_json::from_slice(&std::fs::read(export.join("findings.json")).expect("written"))
            .expect("JSON");
    let job = found["jobId"].as_str().expect("a job id").to_string();
    assert_eq!(include_all(&session, &job), 1);

    let out = session.path("paquet");
    let out_arg = out.to_string_lossy().into_owned();
    let packaged = session
        .run(&["package", "--job", &job, "--out", &out_arg], None, &[])
        .ok();
    assert!(
        packaged
            .stdout
            .contains("1 finding(s) included, 0 excluded, 0 not reviewed"),
        "{}",
        packaged.stdout
    );
    let zips = files_under(&out);
    assert_eq!(zips.len(), 1, "{zips:?}");
    let zip = zips[0].to_string_lossy().into_owned();
    let name = zips[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(&format!("passerelle-dsar-{id}-")),
        "{name}"
    );
    assert!(packaged.stdout.contains(&zip), "{}", packaged.stdout);

    let message = session.path("message.txt");
    std::fs::write(&message, "Vos données sont jointes.").expect("message");
    let message_arg = message.to_string_lossy().into_owned();
    let attach = [
        "attach",
        "--request",
        &id,
        "--package",
        &zip,
        "--state",
        "processing",
        "--message-file",
        &message_arg,
    ];
    let first = session.run(&attach, None, &[]).ok();
    assert!(
        first
            .stdout
            .contains(&format!("attached to request #{id} as attachment ")),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("updated (2 change(s))"),
        "{}",
        first.stdout
    );
    assert!(first.stderr.contains("uploading: 100%"), "{}", first.stderr);

    // The second run finds it (the sandbox kept its state in the data folder) and the request
    // already has its state and message.
    let second = session.run(&attach, None, &[]).ok();
    assert!(
        second
            .stdout
            .contains(&format!("already attached to request #{id}")),
        "{}",
        second.stdout
    );
    assert!(
        second.stdout.contains("nothing uploaded"),
        "{}",
        second.stdout
    );
    assert!(
        second.stdout.contains("updated (0 change(s))"),
        "{}",
        second.stdout
    );
    assert!(!second.stderr.contains("uploading"), "{}", second.stderr);
}

#[test]
fn package_and_attach_say_what_is_wrong() {
    if !keyring_available() {
        return;
    }
    let mut session = Session::new();
    let out = session.path("paquet").to_string_lossy().into_owned();
    let no_job = session
        .run(
            &["package", "--job", "pas-un-job", "--out", &out],
            None,
            &[],
        )
        .fails_with("no such job");
    assert_holds(&no_job.stderr, "pas-un-job");
    assert!(!session.path("paquet").exists(), "nothing written");

    let missing = session.path("absent.zip").to_string_lossy().into_owned();
    session
        .run(
            &["attach", "--request", "1", "--package", &missing],
            None,
            &[],
        )
        .fails_with("does not exist");

    let not_zip = session.path("faux.zip");
    std::fs::write(&not_zip, b"not a zip").expect("file");
    let not_zip = not_zip.to_string_lossy().into_owned();
    session
        .run(
            &["attach", "--request", "1", "--package", &not_zip],
            None,
            &[],
        )
        .fails_with("faux.zip");

    session
        .run(
            &[
                "attach",
                "--request",
                "1",
                "--package",
                &missing,
                "--state",
                "Fini",
            ],
            None,
            &[],
        )
        .fails_with("choose one of Open");
}
