//! Attachments of data subject requests: multipart upload streamed to disk, list, download,
//! delete and purge. Files live in the sandbox's files directory under their attachment id;
//! the metadata lives in the store (`DataSubjectAttachments`).

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

use super::crud::api_user;
use super::{empty, json_reply, resolve, Target};
use crate::error::ApiError;
use crate::spec::IdKind;
use crate::spec::ATTACHMENTS;
use crate::state::SandboxState;
use crate::store::parse_id;
use crate::text::stamp;
use crate::views::{present_attachment, user_light};

type WsId = Path<(String, String)>;
type WsIdFile = Path<(String, String, String)>;

/// `POST /v1/ws/{ws}/DataSubjectAttachments/{requestId}`: multipart, part `File` (any case).
/// The file is written to disk chunk by chunk; memory use does not grow with its size.
pub(crate) async fn upload(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
    mut form: Multipart,
) -> Result<Response, ApiError> {
    let (t, request) = request(&state, &ws, &raw)?;
    let id = uuid::Uuid::new_v4().to_string();
    let path = state.files_dir().join(&id);

    let mut stored = None;
    while let Some(mut field) = form.next_field().await.map_err(bad_multipart)? {
        if !field.name().is_some_and(|n| n.eq_ignore_ascii_case("file")) {
            continue;
        }
        let name = field
            .file_name()
            .map(base_name)
            .unwrap_or_else(|| "file".into());
        let mut file = tokio::fs::File::create(&path).await.map_err(io_error)?;
        let mut size: u64 = 0;
        while let Some(chunk) = field.chunk().await.map_err(bad_multipart)? {
            size += chunk.len() as u64;
            file.write_all(&chunk).await.map_err(io_error)?;
        }
        file.flush().await.map_err(io_error)?;
        stored = Some((name, size));
        break;
    }
    let Some((name, size)) = stored else {
        return Err(ApiError::field(
            "File",
            "A multipart part named File is required.",
        ));
    };
    tracing::debug!(request, bytes = size, "attachment stored");

    let now = state.now();
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let shown = state.mutate(|store| {
        let attachment = json!({
            "id": id,
            "extension": extension,
            "size": size.min(i32::MAX as u64),
            "nbDownload": 0,
            "transmitted": false,
            "fileName": name,
            "userRequestMessageId": null,
            "userRequestId": request,
            "dateCreation": stamp(now),
            "dateUpdate": null,
            "creator": user_light(store, &Value::from(api_user(store))),
            "expiration": null,
            "dateLastDownload": null,
            "dateFileRemoved": null,
            "_file": id,
        });
        store.insert(t.ws, ATTACHMENTS, attachment.clone());
        present_attachment(&attachment, now)
    });
    Ok(json_reply(shown))
}

/// `GET /v1/ws/{ws}/DataSubjectAttachments/{requestId}`: a bare array.
pub(crate) async fn list(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
) -> Result<Response, ApiError> {
    let (t, request) = request(&state, &ws, &raw)?;
    let now = state.now();
    let items: Vec<Value> = state.read(|s| {
        s.collection(t.ws, ATTACHMENTS)
            .map(|c| {
                c.values()
                    .filter(|a| a["userRequestId"] == request)
                    .map(|a| present_attachment(a, now))
                    .collect()
            })
            .unwrap_or_default()
    });
    Ok(json_reply(Value::Array(items)))
}

/// `GET /v1/ws/{ws}/DataSubjectAttachments/{requestId}/download/{fileId}`: the file, streamed.
pub(crate) async fn download(
    State(state): State<SandboxState>,
    Path((ws, raw, file)): WsIdFile,
) -> Result<Response, ApiError> {
    let (t, request) = request(&state, &ws, &raw)?;
    let key = attachment_key(&file)?;
    let now = state.now();
    let meta = state.mutate(|s| {
        let a = s
            .collection_mut(t.ws, ATTACHMENTS)
            .get_mut(&key)
            .filter(|a| a["userRequestId"] == request)?;
        if a["dateFileRemoved"].is_string() {
            return Some(Err(a.clone()));
        }
        a["nbDownload"] = Value::from(a["nbDownload"].as_i64().unwrap_or(0) + 1);
        a["dateLastDownload"] = Value::from(stamp(now));
        Some(Ok(a.clone()))
    });
    let meta = match meta {
        None => return Err(ApiError::not_found(format!("attachment {file}"))),
        Some(Err(_)) => {
            return Err(ApiError::NotFound(format!(
                "the file of attachment {file} was purged"
            )))
        }
        Some(Ok(m)) => m,
    };

    let path = file_path(&state, &meta);
    let handle = tokio::fs::File::open(&path)
        .await
        .map_err(|_| ApiError::not_found(format!("the file of attachment {file}")))?;
    let len = handle.metadata().await.map_err(io_error)?.len();
    let name = meta["fileName"].as_str().unwrap_or("file").replace('"', "");
    let body = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(
        handle,
        64 * 1024,
    ));
    let headers = [
        (
            header::CONTENT_TYPE,
            content_type(meta["extension"].as_str()).to_string(),
        ),
        (header::CONTENT_LENGTH, len.to_string()),
        (
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ),
    ];
    Ok((headers, body).into_response())
}

/// `DELETE /v1/ws/{ws}/DataSubjectAttachments/{requestId}/{fileId}`
pub(crate) async fn delete(
    State(state): State<SandboxState>,
    Path((ws, raw, file)): WsIdFile,
) -> Result<Response, ApiError> {
    let (t, request) = request(&state, &ws, &raw)?;
    let key = attachment_key(&file)?;
    let removed = state.mutate(|s| {
        let coll = s.collection_mut(t.ws, ATTACHMENTS);
        if coll
            .get(&key)
            .is_some_and(|a| a["userRequestId"] == request)
        {
            coll.shift_remove(&key)
        } else {
            None
        }
    });
    let removed = removed.ok_or_else(|| ApiError::not_found(format!("attachment {file}")))?;
    remove_file(&state, &removed);
    Ok(empty())
}

/// `POST /v1/ws/{ws}/DataSubjectAttachments/{requestId}/purge`: delete every file of the
/// request but keep the references (listed, no longer downloadable).
pub(crate) async fn purge(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
) -> Result<Response, ApiError> {
    let (t, request) = request(&state, &ws, &raw)?;
    let now = state.now();
    let purged: Vec<Value> = state.mutate(|s| {
        let mut purged = Vec::new();
        for a in s.collection_mut(t.ws, ATTACHMENTS).values_mut() {
            if a["userRequestId"] == request && !a["dateFileRemoved"].is_string() {
                a["dateFileRemoved"] = Value::from(stamp(now));
                purged.push(a.clone());
            }
        }
        purged
    });
    for a in &purged {
        remove_file(&state, a);
    }
    tracing::debug!(request, files = purged.len(), "attachments purged");
    Ok(empty())
}

/// Delete an attachment's file, if it is still there.
pub(crate) fn remove_file(state: &SandboxState, attachment: &Value) {
    let path = file_path(state, attachment);
    if let Err(e) = std::fs::remove_file(&path) {
        tracing::trace!(?e, "attachment file already gone");
    }
}

fn file_path(state: &SandboxState, attachment: &Value) -> PathBuf {
    let name = attachment["_file"]
        .as_str()
        .or(attachment["id"].as_str())
        .unwrap_or_default();
    state.files_dir().join(base_name(name))
}

/// The request a route is about: it must exist in the workspace.
fn request(state: &SandboxState, ws: &str, raw: &str) -> Result<(Target, i64), ApiError> {
    let t = resolve(state, Some(ws), "DataSubjectRequests")?;
    let id = parse_id(IdKind::Int, raw)
        .filter(|id| state.read(|s| s.get(t.ws, t.spec.name, id).is_some()))
        .ok_or_else(|| ApiError::not_found(format!("DataSubjectRequests {raw}")))?;
    Ok((t, id.parse().expect("BUG: int ids parse")))
}

fn attachment_key(raw: &str) -> Result<String, ApiError> {
    parse_id(IdKind::Uuid, raw).ok_or_else(|| ApiError::not_found(format!("attachment {raw}")))
}

/// The last path component of an uploaded name (`C:\docs\a.pdf` → `a.pdf`).
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_string()
}

fn content_type(extension: Option<&str>) -> &'static str {
    match extension.unwrap_or_default() {
        "pdf" => "application/pdf",
        "json" => "application/json",
        "csv" => "text/csv",
        "txt" => "text/plain; charset=utf-8",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

fn bad_multipart(e: axum::extract::multipart::MultipartError) -> ApiError {
    ApiError::field(
        "File",
        format!("The multipart body could not be read: {}", e.body_text()),
    )
}

fn io_error(e: std::io::Error) -> ApiError {
    tracing::debug!(?e, "attachment file io failed");
    ApiError::Internal("the sandbox could not store the file".into())
}
