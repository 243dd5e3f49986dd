//! Attachments: upload, list, download, delete and purge; a large upload over a real socket.

use axum::body::Body;
use axum::http::Method;
use serde_json::json;

use crate::support::{multipart, options, Api};

async fn upload(
    api: &Api,
    request: i64,
    part: &str,
    name: &str,
    content: &[u8],
) -> crate::support::Reply {
    let (content_type, body) = multipart(part, name, content, &[]);
    let req = api
        .request(
            Method::POST,
            &format!("/v1/ws/1/DataSubjectAttachments/{request}"),
        )
        .header("content-type", content_type)
        .body(Body::from(body))
        .unwrap();
    api.send(req).await
}

#[tokio::test]
async fn an_attachment_round_trips_and_shows_on_its_request() {
    let api = Api::new();
    let r = upload(&api, 3, "File", "réponse.pdf", b"%PDF-1.7 hello").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["fileName"], "réponse.pdf");
    assert_eq!(r.body["extension"], "pdf");
    assert_eq!(r.body["size"], 14);
    assert_eq!(r.body["userRequestId"], 3);
    let file = r.body["id"].as_str().unwrap().to_string();

    let list = api.get("/v1/ws/1/DataSubjectAttachments/3").await;
    assert_eq!(
        list.body.as_array().unwrap().len(),
        1,
        "listed as a bare array"
    );
    let dsr = api.get("/v1/ws/1/DataSubjectRequests/3").await;
    assert_eq!(
        dsr.body["attachments"][0]["id"],
        file.as_str(),
        "and on the request"
    );

    let down = api
        .get(&format!(
            "/v1/ws/1/DataSubjectAttachments/3/download/{file}"
        ))
        .await;
    assert_eq!(down.status, 200);
    assert_eq!(down.bytes, b"%PDF-1.7 hello", "the same bytes come back");
    assert_eq!(down.headers["content-type"], "application/pdf");
    let after = api.get("/v1/ws/1/DataSubjectAttachments/3").await;
    assert_eq!(after.body[0]["nbDownload"], 1, "downloads are counted");

    assert_eq!(
        api.delete(&format!("/v1/ws/1/DataSubjectAttachments/3/{file}"))
            .await
            .status,
        200
    );
    assert_eq!(
        api.get("/v1/ws/1/DataSubjectAttachments/3").await.body,
        json!([]),
        "deleted"
    );
}

#[tokio::test]
async fn the_file_part_name_is_matched_ignoring_case_and_is_required() {
    let api = Api::new();
    assert_eq!(
        upload(&api, 4, "file", "a.txt", b"x").await.status,
        200,
        "lowercase part"
    );
    let r = upload(&api, 4, "document", "a.txt", b"x").await;
    assert_eq!(r.status, 400, "no File part");
    assert!(r.body["errors"]["File"].is_array(), "{}", r.body);
    assert_eq!(
        upload(&api, 999_999, "File", "a.txt", b"x").await.status,
        404,
        "unknown request"
    );
}

#[tokio::test]
async fn purging_removes_files_but_keeps_references() {
    let api = Api::new();
    let file = upload(&api, 5, "File", "a.txt", b"abc").await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        api.post("/v1/ws/1/DataSubjectAttachments/5/purge", json!(null))
            .await
            .status,
        200
    );
    let list = api.get("/v1/ws/1/DataSubjectAttachments/5").await.body;
    assert_eq!(list[0]["deleted"], true, "still listed, marked deleted");
    assert!(list[0]["dateFileRemoved"].is_string());
    let down = api
        .get(&format!(
            "/v1/ws/1/DataSubjectAttachments/5/download/{file}"
        ))
        .await;
    assert_eq!(down.status, 404, "no longer downloadable");
}

#[tokio::test]
async fn deleting_a_request_deletes_its_files() {
    let api = Api::new();
    let file = upload(&api, 6, "File", "a.txt", b"abc").await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(api.state.files_dir().join(&file).exists(), "stored on disk");
    api.delete("/v1/ws/1/DataSubjectRequests/6").await;
    assert!(
        !api.state.files_dir().join(&file).exists(),
        "removed with its request"
    );
}

/// Peak resident memory of this process (Linux), in bytes.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_50_mb_upload_streams_to_disk_and_back_with_flat_memory() {
    use futures::StreamExt;
    use tokio::io::AsyncWriteExt;

    let server = passerelle_sandbox::start(options(), 0)
        .await
        .expect("server starts");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    let size: u64 = 50 * 1024 * 1024;
    {
        let mut f = tokio::fs::File::create(&path).await.unwrap();
        let block: Vec<u8> = (0..1024 * 1024).map(|i| (i % 251) as u8).collect();
        for _ in 0..50 {
            f.write_all(&block).await.unwrap();
        }
    }
    let before = peak_rss();

    let file = tokio::fs::File::open(&path).await.unwrap();
    let stream = tokio_util::io::ReaderStream::new(file);
    let part =
        reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), size)
            .file_name("big.bin");
    let form = reqwest::multipart::Form::new().part("File", part);
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{}/v1/ws/1/DataSubjectAttachments/2", server.url()))
        .header("x-api-key", server.api_key())
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "uploaded");
    let meta: serde_json::Value = r.json().await.unwrap();
    assert_eq!(meta["size"], size, "every byte arrived");

    let url = format!(
        "{}/v1/ws/1/DataSubjectAttachments/2/download/{}",
        server.url(),
        meta["id"].as_str().unwrap()
    );
    let r = client
        .get(url)
        .header("x-api-key", server.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.content_length(),
        Some(size),
        "the download announces its length"
    );
    let (mut total, mut sum) = (0u64, 0u64);
    let mut body = r.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap();
        total += chunk.len() as u64;
        sum = chunk.iter().fold(sum, |s, b| s.wrapping_add(u64::from(*b)));
    }
    assert_eq!(total, size, "every byte comes back");
    let expected: u64 = (0..1024 * 1024u64).map(|i| i % 251).sum::<u64>() * 50;
    assert_eq!(sum, expected, "the same bytes come back");

    if let (Some(before), Some(after)) = (before, peak_rss()) {
        let grown = after.saturating_sub(before);
        assert!(
            grown < 30 * 1024 * 1024,
            "memory stays flat: peak grew by {} MB",
            grown / (1024 * 1024)
        );
    }
}
