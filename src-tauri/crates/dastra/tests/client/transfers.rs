//! Attachment upload and download, and asset imports, over real HTTP.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use passerelle_dastra::error::ErrorKind;
use passerelle_dastra::Error;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::client;
use crate::server::{serve, serve_raw, Raw};

/// What the server saw of each multipart part: name, file name, content type, size.
type Parts = Arc<Mutex<Vec<(String, Option<String>, Option<String>, usize, String)>>>;

async fn receive(State(parts): State<Parts>, mut form: Multipart) -> Json<Value> {
    let mut size = 0;
    while let Some(mut field) = form.next_field().await.expect("a well-formed form") {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(str::to_owned);
        let mut n = 0;
        let mut text = Vec::new();
        while let Some(chunk) = field.chunk().await.expect("a complete part") {
            n += chunk.len();
            if text.len() < 64 {
                text.extend_from_slice(&chunk[..chunk.len().min(64)]);
            }
        }
        size += n;
        let text = String::from_utf8_lossy(&text).into_owned();
        parts
            .lock()
            .unwrap()
            .push((name, file_name, content_type, n, text));
    }
    Json(json!({"id": Uuid::nil(), "fileName": "report.pdf", "size": size, "userRequestId": 12}))
}

fn temp_file(bytes: usize, name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let mut file = std::fs::File::create(&path).unwrap();
    let block: Vec<u8> = (0..=255u8).cycle().take(64 * 1024).collect();
    let mut left = bytes;
    while left > 0 {
        let n = left.min(block.len());
        file.write_all(&block[..n]).unwrap();
        left -= n;
    }
    (dir, path)
}

#[tokio::test]
async fn an_upload_streams_the_file_as_part_file_and_reports_progress() {
    let parts = Parts::default();
    let app = Router::new()
        .route("/v1/ws/7/DataSubjectAttachments/{id}", post(receive))
        .layer(DefaultBodyLimit::disable())
        .with_state(parts.clone());
    let server = serve(app).await;
    let size = 5 * 1024 * 1024 + 123;
    let (_dir, path) = temp_file(size, "report.pdf");

    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = seen.clone();
    let stored = client(&server.url)
        .upload_attachment(12, &path, move |sent, total| {
            progress.lock().unwrap().push((sent, total))
        })
        .await
        .expect("uploaded");
    assert_eq!(stored.size, Some(size as i32), "the server got every byte");
    assert_eq!(
        stored.user_request_id,
        Some(12),
        "the answer is the attachment DTO"
    );

    let parts = parts.lock().unwrap().clone();
    assert_eq!(parts.len(), 1, "a single part");
    let (name, file_name, content_type, n, _) = &parts[0];
    assert_eq!(name, "File", "the part is named as the contract says");
    assert_eq!(
        file_name.as_deref(),
        Some("report.pdf"),
        "the file name is set"
    );
    assert_eq!(
        content_type.as_deref(),
        Some("application/pdf"),
        "the content type is guessed"
    );
    assert_eq!(*n, size);

    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.len() > 10,
        "progress is reported chunk by chunk, got {} calls",
        seen.len()
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back"
    );
    assert!(
        seen.iter().all(|(_, total)| *total == size as u64),
        "the total is the file size"
    );
    assert_eq!(
        seen.last().unwrap().0,
        size as u64,
        "progress ends at the total"
    );
}

#[tokio::test]
async fn an_upload_of_a_missing_file_fails_with_its_path_before_sending() {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = Router::new().route(
        "/v1/ws/7/DataSubjectAttachments/{id}",
        post(move || async move {
            counter.fetch_add(1, Ordering::SeqCst);
            StatusCode::OK
        }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .upload_attachment(12, "/nonexistent/evidence.zip", |_, _| {})
        .await
        .expect_err("no such file");
    assert_eq!(err.kind(), ErrorKind::Io, "{err}");
    assert!(
        err.to_string().contains("/nonexistent/evidence.zip"),
        "names the file: {err}"
    );
    assert_eq!(hits.load(Ordering::SeqCst), 0, "nothing was sent");
}

#[tokio::test]
async fn an_upload_cut_off_by_the_server_has_an_unknown_outcome() {
    let (server, connections) = serve_raw(|_| Raw::Drop).await;
    let (_dir, path) = temp_file(300 * 1024, "scan.png");

    let err = client(&server.url)
        .upload_attachment(12, &path, |_, _| {})
        .await
        .expect_err("dropped");
    assert!(
        matches!(err, Error::OutcomeUnknown { .. }),
        "an upload is a POST: {err}"
    );
    assert_eq!(connections.load(Ordering::SeqCst), 1, "not retried");
}

fn payload(size: usize) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

#[tokio::test]
async fn a_download_is_streamed_to_a_temporary_file_then_renamed() {
    let size = 3 * 1024 * 1024 + 7;
    let app = Router::new().route(
        "/v1/ws/7/DataSubjectAttachments/{id}/download/{file}",
        get(move |Path((id, _file)): Path<(i32, Uuid)>| async move {
            assert_eq!(id, 12, "the request id is in the path");
            Body::from(payload(size))
        }),
    );
    let server = serve(app).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("evidence.bin");
    std::fs::write(&dest, b"old content").unwrap();

    let seen = Arc::new(Mutex::new(Vec::new()));
    let progress = seen.clone();
    let written = client(&server.url)
        .download_attachment(12, Uuid::new_v4(), &dest, move |got, total| {
            progress.lock().unwrap().push((got, total))
        })
        .await
        .expect("downloaded");
    assert_eq!(written, size as u64, "every byte written");
    assert!(
        std::fs::read(&dest).unwrap() == payload(size),
        "the content is intact"
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["evidence.bin"], "no temporary file left behind");
    let last = *seen.lock().unwrap().last().unwrap();
    assert_eq!(
        last,
        (size as u64, size as u64),
        "progress ends at the total"
    );
}

#[tokio::test]
async fn a_failed_download_leaves_the_destination_untouched_and_no_partial_file() {
    let (server, connections) = serve_raw(|_| Raw::CutBody).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("evidence.bin");
    std::fs::write(&dest, b"old content").unwrap();

    let err = client(&server.url)
        .download_attachment(12, Uuid::new_v4(), &dest, |_, _| {})
        .await
        .expect_err("every attempt is cut");
    assert_eq!(err.kind(), ErrorKind::Unavailable, "{err}");
    assert_eq!(
        connections.load(Ordering::SeqCst),
        4,
        "a GET is retried from the start"
    );
    assert_eq!(
        std::fs::read(&dest).unwrap(),
        b"old content",
        "the old file is untouched"
    );
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, ["evidence.bin"], "no partial file left");
}

#[tokio::test]
async fn attachments_are_listed_and_deleted_by_request_and_file_id() {
    let file = Uuid::new_v4();
    let deleted = Arc::new(Mutex::new(None));
    let record = deleted.clone();
    let app = Router::new()
        .route(
            "/v1/ws/7/DataSubjectAttachments/{id}",
            get(move || async move {
                Json(json!([{"id": file, "fileName": "a.pdf", "size": 3, "userRequestId": 12}]))
            }),
        )
        .route(
            "/v1/ws/7/DataSubjectAttachments/{id}/{file}",
            axum::routing::delete(move |Path((id, file)): Path<(i32, Uuid)>| async move {
                *record.lock().unwrap() = Some((id, file));
                StatusCode::OK
            }),
        );
    let server = serve(app).await;
    let client = client(&server.url);

    let list = client.list_attachments(12).await.expect("listed");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, Some(file), "decoded as attachment DTOs");
    client.delete_attachment(12, file).await.expect("deleted");
    assert_eq!(
        *deleted.lock().unwrap(),
        Some((12, file)),
        "the right file was deleted"
    );
}

#[tokio::test]
async fn asset_imports_send_the_file_and_the_update_flag() {
    let parts = Parts::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Assets/import",
            post(|state: State<Parts>, form: Multipart| async move {
                let _stored = receive(state, form).await;
                Json(json!([{"success": true, "id": 3, "label": "CRM"},
                            {"success": false, "label": "ERP", "message": "duplicate ref"}]))
                .into_response()
            }),
        )
        .with_state(parts.clone());
    let server = serve(app).await;
    let (_dir, path) = temp_file(0, "assets.csv");
    std::fs::write(&path, "label;ref\nCRM;CI1\nERP;CI1\n").unwrap();

    let rows = client(&server.url)
        .import_assets_csv(&path, true)
        .await
        .expect("imported");
    assert_eq!(rows.len(), 2, "one row per record");
    assert_eq!(
        rows[1].message.as_deref(),
        Some("duplicate ref"),
        "messages are kept"
    );

    let parts = parts.lock().unwrap().clone();
    let names: Vec<_> = parts.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(names, ["update", "file"], "a flag part and a file part");
    assert_eq!(parts[0].4, "true", "update is sent as text");
    assert_eq!(parts[1].1.as_deref(), Some("assets.csv"));
    assert_eq!(parts[1].2.as_deref(), Some("text/csv"), "csv content type");
}
