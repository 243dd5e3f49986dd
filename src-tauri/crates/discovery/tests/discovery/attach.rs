//! Attaching a package to its request in the sandbox over real HTTP: once only, also when the
//! server drops the connection after storing the upload; and updating the request.

use std::sync::{Arc, Mutex};

use passerelle_dastra::models::{DataSubjectRequestDto, DataSubjectRequestState};
use passerelle_dastra::{Auth, ClientOptions, DastraClient, ListQuery};
use passerelle_discovery::{
    attach_package, build_package, update_request, verify_package, RequestUpdate,
};
use passerelle_sandbox::{Faults, RunningSandbox};

use crate::package::reviewed_job;

async fn sandbox() -> (RunningSandbox, DastraClient, i32) {
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
    let id = page.items[0].id.expect("an id");
    (sandbox, client, id)
}

async fn named(client: &DastraClient, request: i32, name: &str) -> usize {
    let listed = client.list_attachments(request).await.expect("listed");
    listed
        .iter()
        .filter(|a| a.file_name.as_deref() == Some(name))
        .count()
}

#[tokio::test]
async fn attaching_twice_uploads_once_and_the_download_verifies() {
    let (_sandbox, client, request) = sandbox().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, input) = reviewed_job(dir.path(), request).await;
    let package = build_package(&input, &dir.path().join("out")).expect("built");
    let name = package
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();

    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let first = attach_package(&client, request, &package.path, move |sent, total| {
        record.lock().unwrap().push((sent, total))
    })
    .await
    .expect("attached");
    assert!(!first.already_attached);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen.last(),
        Some(&(package.bytes, package.bytes)),
        "{seen:?}"
    );

    let second = attach_package(&client, request, &package.path, |_, _| {
        panic!("nothing is uploaded the second time")
    })
    .await
    .expect("checked");
    assert!(second.already_attached);
    assert_eq!(second.attachment_id, first.attachment_id);
    assert_eq!(named(&client, request, &name).await, 1);

    let back = dir.path().join("back.zip");
    client
        .download_attachment(request, first.attachment_id, &back, |_, _| {})
        .await
        .expect("downloaded");
    let check = verify_package(&back).expect("a package");
    assert!(check.is_intact(), "{:?}", check.problems);
}

#[tokio::test]
async fn an_upload_whose_answer_is_lost_is_reconciled_and_a_retry_attaches_nothing_more() {
    let (sandbox, client, request) = sandbox().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, input) = reviewed_job(dir.path(), request).await;
    let package = build_package(&input, &dir.path().join("out")).expect("built");
    let name = package
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();

    // The sandbox stores the upload, then drops the connection without answering.
    sandbox.state().set_faults(Faults {
        fail_after_commit: 1,
        ..Faults::default()
    });
    let first = attach_package(&client, request, &package.path, |_, _| {})
        .await
        .expect("reconciled by listing");
    assert!(!first.already_attached);
    assert_eq!(
        sandbox.state().faults().fail_after_commit,
        0,
        "the fault fired"
    );
    assert_eq!(named(&client, request, &name).await, 1);

    let retry = attach_package(&client, request, &package.path, |_, _| {})
        .await
        .expect("retried");
    assert!(retry.already_attached);
    assert_eq!(retry.attachment_id, first.attachment_id);
    assert_eq!(
        named(&client, request, &name).await,
        1,
        "not attached twice"
    );
}

#[tokio::test]
async fn update_request_is_visible_when_the_request_is_read_again() {
    let (_sandbox, client, request) = sandbox().await;
    let path = client
        .workspace_path("Workflows/DataSubject")
        .expect("a path");
    let steps = client.get_json(&path, &[]).await.expect("workflow steps");
    let step = steps
        .as_array()
        .and_then(|s| s.last())
        .and_then(|s| s["id"].as_i64())
        .expect("a step") as i32;

    let update = RequestUpdate {
        state: Some(DataSubjectRequestState::Processing),
        workflow_step: Some(step),
        resolution_message: Some("Vous trouverez ci-joint vos données « complètes ».".into()),
    };
    let ops = update_request(&client, request, update.clone())
        .await
        .expect("updated");
    assert!(!ops.is_empty());

    let read: DataSubjectRequestDto = client.get(&request).await.expect("read again");
    assert_eq!(read.state, Some(DataSubjectRequestState::Processing));
    assert_eq!(read.work_flow_step_id, Some(step));
    assert_eq!(read.resolution_message, update.resolution_message);

    let none = update_request(&client, request, update)
        .await
        .expect("no change");
    assert!(
        none.is_empty(),
        "nothing is sent when nothing changes: {none:?}"
    );

    let err = update_request(&client, 999_999, RequestUpdate::default())
        .await
        .expect_err("no such request");
    assert!(err.to_string().contains("999999"), "{err}");
}
