//! Moving items through their life: workflow steps, archiving and restoring.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::Value;

use super::batch::id_list;
use super::crud::{item_id, not_found, unsupported, Ws, WsId};
use super::{empty, json_reply, resolve, Target};
use crate::error::ApiError;
use crate::spec::{IdKind, WORKFLOWS};
use crate::state::SandboxState;
use crate::store::id_key;
use crate::validate::{parse_json, validate_body};
use crate::views;

/// `POST /v1/ws/{ws}/{Collection}/workflow` with `{id, stepId}`: move an item to a workflow
/// step; a step with a `mappedState` also sets the item's state.
pub(crate) async fn workflow(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    let kind = t.spec.workflow.ok_or_else(|| unsupported(&t, "workflow"))?;
    let body = parse_json(&body)?;
    let schema = if t.spec.id == IdKind::Int {
        "Int32WorkflowUpdateDto"
    } else {
        "GuidWorkflowUpdateDto"
    };
    validate_body(schema, &body)?;
    let raw_id = match &body["id"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let id = item_id(&t, &raw_id)?;
    let step_id = body["stepId"].clone();

    let now = state.now();
    state.mutate(|store| {
        let step = id_key(&step_id)
            .and_then(|s| store.get(t.ws, WORKFLOWS, &s))
            .filter(|s| {
                s["type"] == kind || (kind == "DataSubject" && s["type"] == "DataSubjectRequest")
            })
            .cloned()
            .ok_or_else(|| {
                ApiError::field(
                    "stepId",
                    format!("The step {step_id} is not a {kind} workflow step."),
                )
            })?;
        let date = views::date_for(t.spec, now);
        let item = store
            .collection_mut(t.ws, t.spec.name)
            .get_mut(&id)
            .ok_or_else(|| not_found(&t, &raw_id))?;
        item["workFlowStepId"] = step_id.clone();
        if let Some(mapped) = step["mappedState"].as_str().filter(|s| !s.is_empty()) {
            if t.spec.name != "DataProcessings" {
                item["state"] = Value::from(mapped);
                if mapped == "Closed" && item["dateClosed"].is_null() {
                    item["dateClosed"] = Value::from(date.clone());
                }
            }
        }
        item["dateUpdate"] = Value::from(date);
        Ok::<_, ApiError>(())
    })?;
    if t.spec.id == IdKind::Uuid {
        return Ok(json_reply(body));
    }
    Ok(empty())
}

/// `POST /v1/ws/{ws}/{Collection}/archive/{id}`
pub(crate) async fn archive(
    State(state): State<SandboxState>,
    Path((ws, c, id)): WsId,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    set_archived(&state, &t, &[id], true)
}

/// `POST /v1/ws/{ws}/{Collection}/restore/{id}`
pub(crate) async fn restore(
    State(state): State<SandboxState>,
    Path((ws, c, id)): WsId,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    set_archived(&state, &t, &[id], false)
}

/// `POST /v1/ws/{ws}/{Collection}/archive` with a JSON array of ids.
pub(crate) async fn archive_many(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    let ids = id_list(&t, &parse_json(&body)?)?;
    set_archived(&state, &t, &ids, true)
}

/// `POST /v1/ws/{ws}/{Collection}/restore` with a JSON array of ids.
pub(crate) async fn restore_many(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    let ids = id_list(&t, &parse_json(&body)?)?;
    set_archived(&state, &t, &ids, false)
}

fn set_archived(
    state: &SandboxState,
    t: &Target,
    raw_ids: &[String],
    archived: bool,
) -> Result<Response, ApiError> {
    if !t.spec.archivable {
        return Err(unsupported(t, if archived { "archive" } else { "restore" }));
    }
    let ids = raw_ids
        .iter()
        .map(|r| item_id(t, r))
        .collect::<Result<Vec<_>, _>>()?;
    let now = state.now();
    let date = views::date_for(t.spec, now);
    state.mutate(|store| {
        for (id, raw) in ids.iter().zip(raw_ids) {
            if store.get(t.ws, t.spec.name, id).is_none() {
                return Err(not_found(t, raw));
            }
        }
        let coll = store.collection_mut(t.ws, t.spec.name);
        for id in &ids {
            let item = coll.get_mut(id).expect("BUG: checked above");
            item["archived"] = Value::Bool(archived);
            let stamp = if archived {
                Value::from(date.clone())
            } else {
                Value::Null
            };
            match t.spec.name {
                "DataSubjectRequests" => item["archivedDate"] = stamp,
                "DataProcessings" => {
                    item["dateArchived"] = stamp;
                    item["state"] = Value::from(if archived { "Archived" } else { "Active" });
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok(empty())
}
