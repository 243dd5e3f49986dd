//! The state file: what a sandbox saves survives a restart.

use passerelle_sandbox::{Error, SandboxOptions, SandboxState};
use serde_json::json;

use crate::support::{options, Api};

#[tokio::test]
async fn the_state_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sandbox.json");
    let with_file = || SandboxOptions {
        state_file: Some(file.clone()),
        ..options()
    };

    let api = Api::with(with_file());
    assert!(file.exists(), "a fresh sandbox writes its seed at once");
    let r = api
        .post(
            "/v1/ws/1/Assets",
            json!({ "label": "Persisté", "type": "Data" }),
        )
        .await;
    let id = r.body["id"].as_i64().unwrap();
    api.delete("/v1/ws/1/Assets/1").await;
    api.state.flush().unwrap();
    drop(api);

    let again = Api::with(with_file());
    assert_eq!(
        again.get(&format!("/v1/ws/1/Assets/{id}")).await.body["label"],
        "Persisté",
        "the created asset is back"
    );
    assert_eq!(
        again.get("/v1/ws/1/Assets/1").await.status,
        404,
        "the deleted one stays deleted"
    );
    let next = again
        .post(
            "/v1/ws/1/Assets",
            json!({ "label": "Suivant", "type": "Data" }),
        )
        .await;
    assert_eq!(
        next.body["id"].as_i64().unwrap(),
        id + 1,
        "ids continue where they stopped"
    );
}

#[tokio::test]
async fn changes_are_written_shortly_after_without_a_flush() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.json");
    let api = Api::with(SandboxOptions {
        state_file: Some(file.clone()),
        ..options()
    });
    api.post(
        "/v1/ws/1/Tags",
        json!({ "label": "Écrit tout seul", "type": "Asset" }),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("Écrit tout seul"),
        "the debounced write happened"
    );
    assert!(
        !dir.path().join("s.json.tmp").exists(),
        "no temporary file is left"
    );
}

#[test]
fn a_corrupt_state_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "{ not json").unwrap();
    let err = SandboxState::new(SandboxOptions {
        state_file: Some(file),
        ..options()
    })
    .unwrap_err();
    assert!(
        matches!(err, Error::StateFile { .. }),
        "a state file error: {err}"
    );
}
