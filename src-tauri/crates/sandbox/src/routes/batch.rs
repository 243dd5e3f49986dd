//! Batch operations: delete and JSON Patch on many ids at once.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::Value;

use super::crud::{apply_patch, not_found, remove_items, unsupported, Ws};
use super::{empty, resolve, Target};
use crate::error::ApiError;
use crate::spec::IdKind;
use crate::state::SandboxState;
use crate::store::parse_id;
use crate::validate::{parse_json, validate_body};

/// `DELETE /v1/ws/{ws}/{Collection}` with a JSON array of ids. Unknown ids are ignored.
pub(crate) async fn batch_delete(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    let ids = id_list(&t, &parse_json(&body)?)?;
    let removed = state.mutate(|store| remove_items(&state, store, &t, &ids));
    tracing::debug!(
        collection = t.spec.name,
        asked = ids.len(),
        removed,
        "batch delete"
    );
    Ok(empty())
}

/// `POST /v1/ws/{ws}/{Collection}/batch-delete`: the 2024 spelling of the batch delete.
pub(crate) async fn batch_delete_post(
    state: State<SandboxState>,
    path: Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    batch_delete(state, path, body).await
}

/// Read a list of ids (`[1, 2]`, or `{"ids": [...]}`).
pub(crate) fn id_list(t: &Target, body: &Value) -> Result<Vec<String>, ApiError> {
    let list = body.get("ids").unwrap_or(body);
    let Some(items) = list.as_array() else {
        return Err(ApiError::field("$", "A JSON array of ids is expected."));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let raw = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            parse_id(t.spec.id, &raw).ok_or_else(|| {
                let kind = if t.spec.id == IdKind::Int {
                    "an int32"
                } else {
                    "a UUID"
                };
                ApiError::field(format!("[{i}]"), format!("The id must be {kind}."))
            })
        })
        .collect()
}

/// `PATCH /v1/ws/{ws}/{Collection}` with `{ids, patch: {operations}}` (or `patch: [ops]`).
/// All items are patched or none.
pub(crate) async fn batch_patch(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    if !t.spec.batch_patch {
        return Err(unsupported(&t, "PATCH"));
    }
    let body = parse_json(&body)?;
    match t.spec.name {
        "Actors" => validate_body("Int32ActorDtoBatchPatchDto", &body)?,
        "DataProcessings" => validate_body("GuidDataProcessingUpdateDtoBatchPatchDto", &body)?,
        _ => {}
    }
    let ids = id_list(&t, &body["ids"])?;
    let ops = match &body["patch"] {
        Value::Array(_) => body["patch"].clone(),
        other => other["operations"].clone(),
    };

    let now = state.now();
    state.mutate(|store| {
        let mut next = Vec::new();
        for id in &ids {
            let stored = store
                .get(t.ws, t.spec.name, id)
                .ok_or_else(|| not_found(&t, id))?;
            next.push((id.clone(), apply_patch(&t, stored, &ops, now)?));
        }
        let coll = store.collection_mut(t.ws, t.spec.name);
        for (id, item) in next {
            coll.insert(id, item);
        }
        Ok::<_, ApiError>(())
    })?;
    Ok(empty())
}
