//! The generic engine: list, get, create, replace, patch, delete and their batch forms, for
//! every collection of [`crate::spec::COLLECTIONS`].

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::{empty, json_reply, resolve, Target};
use crate::error::ApiError;
use crate::query::{self, Params, Selection};
use crate::spec::{ListShape, Reply, ATTACHMENTS};
use crate::state::SandboxState;
use crate::store::{id_key, parse_id, strip_private, Store};
use crate::validate::{parse_json, validate_body};
use crate::views::{self, complete_new, keep_server_fields, present, strip_for_store};

pub(crate) type Ws = Path<(String, String)>;
pub(crate) type WsId = Path<(String, String, String)>;

/// The item as sent to clients.
pub(crate) fn show(store: &Store, t: &Target, item: &Value, now: DateTime<Utc>) -> Value {
    let mut v = present(store, t.ws, t.spec, item, now);
    strip_private(&mut v);
    v
}

/// The id of the sandbox's API user, the `creator` of what API calls create.
pub(crate) fn api_user(store: &Store) -> i32 {
    store
        .collection(None, "TenantUsers")
        .and_then(|c| c.values().find(|u| u["role"] == "API"))
        .and_then(|u| u["id"].as_i64())
        .map_or(1, |id| id as i32)
}

/// `GET /v1/ws/{ws}/{Collection}`
pub(crate) async fn list(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    list_in(&state, &t, q.as_deref())
}

/// `GET /v1/{Collection}`
pub(crate) async fn tenant_list(
    State(state): State<SandboxState>,
    Path(c): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let t = resolve(&state, None, &c)?;
    list_in(&state, &t, q.as_deref())
}

/// Sort a list as asked; `Tags` also sorts by label when only `asc` is given.
fn order<T: std::borrow::Borrow<Value>>(
    t: &Target,
    items: &mut Vec<T>,
    params: &Params,
) -> Result<(), ApiError> {
    query::sort(items, params)?;
    if t.spec.name == "Tags" && params.get("sortBy").is_none() {
        if let Some(asc) = params.bool("asc")? {
            query::sort_by(items, "label", asc);
        }
    }
    Ok(())
}

/// The page of a paged list; every item otherwise.
fn window<T>(t: &Target, items: Vec<T>, paging: query::Paging) -> Vec<T> {
    match t.spec.list {
        ListShape::Paged => items
            .into_iter()
            .skip(paging.offset)
            .take(paging.size as usize)
            .collect(),
        ListShape::BareArray | ListShape::WorkSpaceList => items,
    }
}

fn list_in(state: &SandboxState, t: &Target, raw: Option<&str>) -> Result<Response, ApiError> {
    let params = Params::parse(raw);
    // Bare arrays are not paged, so their lists ignore `page` and `size`.
    let paging = match t.spec.list {
        ListShape::Paged => query::paging(&params)?,
        _ => query::Paging {
            page: 1,
            size: query::MAX_SIZE,
            offset: 0,
        },
    };
    let now = state.now();
    let selection = Selection::parse(t.spec, &params, now)?;
    let relation = super::special::RelationQuery::parse(t.spec, &params);

    let (total, page) = state.read(|store| {
        let Some(coll) = store.collection(t.ws, t.spec.name) else {
            return Ok((0, Vec::new()));
        };
        let keep = |v: &Value| selection.matches(t.spec, v) && relation.matches(v);
        if t.spec.derived.is_empty() {
            // Filter and sort references; only the returned page is cloned.
            let mut found: Vec<&Value> = coll.values().filter(|v| keep(v)).collect();
            order(t, &mut found, &params)?;
            Ok((
                found.len(),
                window(t, found, paging).into_iter().cloned().collect(),
            ))
        } else {
            let mut found: Vec<Value> = coll
                .values()
                .map(|v| present(store, t.ws, t.spec, v, now))
                .filter(|v| keep(v))
                .collect();
            order(t, &mut found, &params)?;
            Ok::<_, ApiError>((found.len(), window(t, found, paging)))
        }
    })?;

    let page: Vec<Value> = page
        .into_iter()
        .map(|mut v| {
            if t.spec.name == "Teams" {
                return views::team_item(&v);
            }
            strip_private(&mut v);
            v
        })
        .collect();
    tracing::trace!(
        collection = t.spec.name,
        total,
        returned = page.len(),
        "list"
    );
    let body = match t.spec.list {
        ListShape::Paged => {
            json!({ "items": page, "total": total, "size": paging.size, "page": paging.page })
        }
        ListShape::BareArray => Value::Array(page),
        ListShape::WorkSpaceList => json!({ "workSpaces": page }),
    };
    Ok(json_reply(body))
}

/// `GET /v1/ws/{ws}/{Collection}/{id}`
pub(crate) async fn get(
    State(state): State<SandboxState>,
    Path((ws, c, id)): WsId,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    get_in(&state, &t, &id)
}

/// `GET /v1/{Collection}/{id}`
pub(crate) async fn tenant_get(
    State(state): State<SandboxState>,
    Path((c, id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let t = resolve(&state, None, &c)?;
    get_in(&state, &t, &id)
}

fn get_in(state: &SandboxState, t: &Target, raw_id: &str) -> Result<Response, ApiError> {
    let id = item_id(t, raw_id)?;
    let now = state.now();
    let item = state.read(|store| {
        store
            .get(t.ws, t.spec.name, &id)
            .map(|v| show(store, t, v, now))
    });
    item.map(json_reply).ok_or_else(|| not_found(t, raw_id))
}

/// `POST /v1/ws/{ws}/{Collection}`
pub(crate) async fn create(
    State(state): State<SandboxState>,
    Path((ws, c)): Ws,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    let schema = t
        .spec
        .create_schema
        .ok_or_else(|| unsupported(&t, "POST"))?;
    let mut body = parse_json(&body)?;
    validate_body(schema, &body)?;
    if t.spec.name == "GenericRelationships" {
        return super::special::create_links(&state, &t, body);
    }
    strip_for_store(t.spec, &mut body);

    let now = state.now();
    let shown = state.mutate(|store| {
        check_references(store, &t, &body)?;
        let item = complete_new(store, t.ws, t.spec, body, api_user(store), now);
        store.insert(t.ws, t.spec.name, item.clone());
        Ok::<_, ApiError>(show(store, &t, &item, now))
    })?;
    tracing::debug!(collection = t.spec.name, id = %shown["id"], "created");
    Ok(reply(t.spec.create_reply, shown))
}

/// `PUT /v1/ws/{ws}/{Collection}/{id}`: full replacement; server-managed fields are kept.
pub(crate) async fn update(
    State(state): State<SandboxState>,
    Path((ws, c, raw_id)): WsId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    let schema = t.spec.update_schema.ok_or_else(|| unsupported(&t, "PUT"))?;
    let id = item_id(&t, &raw_id)?;
    let mut body = parse_json(&body)?;
    validate_body(schema, &body)?;
    if !body.is_object() {
        return Err(ApiError::field("$", "The body must be a JSON object."));
    }
    strip_for_store(t.spec, &mut body);

    let now = state.now();
    let shown = state.mutate(|store| {
        let stored = store
            .get(t.ws, t.spec.name, &id)
            .cloned()
            .ok_or_else(|| not_found(&t, &raw_id))?;
        check_references(store, &t, &body)?;
        keep_server_fields(t.spec, &stored, &mut body, now);
        store
            .collection_mut(t.ws, t.spec.name)
            .insert(id.clone(), body.clone());
        Ok::<_, ApiError>(show(store, &t, &body, now))
    })?;
    Ok(reply(t.spec.update_reply, shown))
}

/// `PATCH /v1/ws/{ws}/{Collection}/{id}`: RFC 6902 JSON Patch; the result must still follow
/// the item schema.
pub(crate) async fn patch(
    State(state): State<SandboxState>,
    Path((ws, c, raw_id)): WsId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    t.spec
        .update_schema
        .ok_or_else(|| unsupported(&t, "PATCH"))?;
    let id = item_id(&t, &raw_id)?;
    let ops = parse_json(&body)?;

    let now = state.now();
    state.mutate(|store| {
        let stored = store
            .get(t.ws, t.spec.name, &id)
            .cloned()
            .ok_or_else(|| not_found(&t, &raw_id))?;
        let next = apply_patch(&t, &stored, &ops, now)?;
        check_references(store, &t, &next)?;
        store
            .collection_mut(t.ws, t.spec.name)
            .insert(id.clone(), next);
        Ok::<_, ApiError>(())
    })?;
    Ok(empty())
}

/// Apply JSON Patch operations to a stored item, ASP.NET-style: property names match whatever
/// their case, `replace` of an absent property adds it, `remove` of an absent one does nothing.
pub(crate) fn apply_patch(
    t: &Target,
    stored: &Value,
    ops: &Value,
    now: DateTime<Utc>,
) -> Result<Value, ApiError> {
    let Some(raw_ops) = ops.as_array() else {
        return Err(ApiError::field(
            "$",
            "A JSON Patch document (an array of operations) is expected.",
        ));
    };
    let mut doc = stored.clone();
    strip_private(&mut doc);
    let mut normalised = Vec::new();
    for (i, op) in raw_ops.iter().enumerate() {
        let mut op = op.clone();
        let Some(obj) = op.as_object_mut() else {
            return Err(ApiError::field(
                format!("[{i}]"),
                "An operation must be an object.",
            ));
        };
        let name = obj
            .get("op")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_ascii_lowercase();
        for key in ["path", "from"] {
            if let Some(p) = obj.get(key).and_then(Value::as_str) {
                let fixed = match_case(&doc, p);
                obj.insert(key.into(), Value::from(fixed));
            }
        }
        let path = obj
            .get("path")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let exists = doc.pointer(&path).is_some();
        match name.as_str() {
            "remove" if !exists => continue,
            "replace" if !exists => obj.insert("op".into(), Value::from("add")),
            _ => obj.insert("op".into(), Value::from(name)),
        };
        normalised.push(op);
    }
    let patch: json_patch::Patch = serde_json::from_value(Value::Array(normalised))
        .map_err(|e| ApiError::field("$", format!("The JSON Patch document is not valid: {e}.")))?;
    json_patch::patch(&mut doc, &patch)
        .map_err(|e| ApiError::field("$", format!("The JSON Patch could not be applied: {e}.")))?;

    strip_for_store(t.spec, &mut doc);
    keep_server_fields(t.spec, stored, &mut doc, now);
    let mut visible = doc.clone();
    strip_private(&mut visible);
    validate_body(t.spec.item_schema, &visible)?;
    Ok(doc)
}

/// Rewrite each segment of a JSON pointer to the spelling of an existing key that matches it
/// ignoring case.
fn match_case(doc: &Value, pointer: &str) -> String {
    let mut out = String::new();
    let mut cur = Some(doc);
    for seg in pointer.split('/').skip(1) {
        let fixed = match cur.and_then(Value::as_object) {
            Some(obj) if !obj.contains_key(seg) => obj
                .keys()
                .find(|k| k.eq_ignore_ascii_case(seg))
                .cloned()
                .unwrap_or_else(|| seg.to_string()),
            _ => seg.to_string(),
        };
        cur = cur.and_then(|v| match v {
            Value::Object(o) => o.get(&fixed),
            Value::Array(a) => fixed.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        });
        out.push('/');
        out.push_str(&fixed);
    }
    out
}

/// `DELETE /v1/ws/{ws}/{Collection}/{id}`
pub(crate) async fn delete(
    State(state): State<SandboxState>,
    Path((ws, c, raw_id)): WsId,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), &c)?;
    delete_in(&state, &t, &raw_id)
}

/// `DELETE /v1/{Collection}/{id}` (TenantUsers: detaches the user from the organisation).
pub(crate) async fn tenant_delete(
    State(state): State<SandboxState>,
    Path((c, raw_id)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let t = resolve(&state, None, &c)?;
    if t.spec.name != "TenantUsers" {
        return Err(unsupported(&t, "DELETE"));
    }
    delete_in(&state, &t, &raw_id)
}

fn delete_in(state: &SandboxState, t: &Target, raw_id: &str) -> Result<Response, ApiError> {
    let id = item_id(t, raw_id)?;
    let now = state.now();
    let shown = state.mutate(|store| {
        let shown = store
            .get(t.ws, t.spec.name, &id)
            .map(|v| show(store, t, v, now));
        remove_items(state, store, t, std::slice::from_ref(&id));
        shown
    });
    let shown = shown.ok_or_else(|| not_found(t, raw_id))?;
    Ok(reply(t.spec.delete_reply, shown))
}

/// Remove items (and what hangs on them: a request's attachments and their files).
pub(crate) fn remove_items(
    state: &SandboxState,
    store: &mut Store,
    t: &Target,
    ids: &[String],
) -> usize {
    let mut removed = 0;
    for id in ids {
        if store
            .collection_mut(t.ws, t.spec.name)
            .shift_remove(id)
            .is_some()
        {
            removed += 1;
        }
        if t.spec.name == "DataSubjectRequests" {
            let request = Value::from(id.parse::<i64>().unwrap_or_default());
            let files = store.collection_mut(t.ws, ATTACHMENTS);
            let gone: Vec<String> = files
                .iter()
                .filter(|(_, a)| a["userRequestId"] == request)
                .map(|(k, _)| k.clone())
                .collect();
            for key in gone {
                if let Some(a) = files.shift_remove(&key) {
                    super::attachments::remove_file(state, &a);
                }
            }
        }
    }
    removed
}

/// References a body makes that must exist in the workspace (`areaId`).
fn check_references(store: &Store, t: &Target, body: &Value) -> Result<(), ApiError> {
    if matches!(
        t.spec.name,
        "DataSubjectRequests" | "DataProcessings" | "Tasks" | "Contracts"
    ) {
        if let Some(area) = id_key(&body["areaId"]) {
            if store.get(t.ws, "Areas", &area).is_none() {
                return Err(ApiError::field(
                    "areaId",
                    format!("The area {area} does not exist in this workspace."),
                ));
            }
        }
    }
    Ok(())
}

/// The store key of an id in a path, or 404 when it cannot be one.
pub(crate) fn item_id(t: &Target, raw: &str) -> Result<String, ApiError> {
    parse_id(t.spec.id, raw).ok_or_else(|| not_found(t, raw))
}

pub(crate) fn not_found(t: &Target, raw: &str) -> ApiError {
    ApiError::not_found(format!("{} {raw}", t.spec.name))
}

pub(crate) fn unsupported(t: &Target, what: &str) -> ApiError {
    ApiError::NotFound(format!("{what} is not available on {}", t.spec.name))
}

fn reply(reply: Reply, shown: Value) -> Response {
    match views::reply_body(reply, shown) {
        Some(body) => json_reply(body),
        None => empty(),
    }
}
