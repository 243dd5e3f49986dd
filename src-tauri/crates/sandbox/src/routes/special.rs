//! Routes that do not fit the generic engine: request identity validation and closing, task
//! archiving and counting, workflows, links between processing activities, and the creation
//! and listing of generic relationships.

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde_json::{json, Value};

use super::crud::{api_user, item_id, not_found};
use super::{empty, json_reply, resolve, workspace, Target};
use crate::error::ApiError;
use crate::query::Params;
use crate::spec::{CollectionSpec, IdKind, PROCESSING_LINKS, WORKFLOWS};
use crate::state::SandboxState;
use crate::store::{id_key, parse_id, strip_private, Store};
use crate::validate::{parse_json, validate_body};
use crate::views::{self, user_light};

type WsId = Path<(String, String)>;

/// `PUT /v1/ws/{ws}/DataSubjectRequests/set-identity-validation/{id}` with `{validation}`.
pub(crate) async fn identity_validation(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), "DataSubjectRequests")?;
    let body = parse_json(&body)?;
    validate_body("SetIdentityValidationDto", &body)?;
    let validated = body["validation"].as_bool().unwrap_or(false);
    let date = views::date_for(t.spec, state.now());
    edit(&state, &t, &raw, |dsr| {
        dsr["dateIdentityValidated"] = if validated {
            Value::from(date.clone())
        } else {
            Value::Null
        };
        dsr["dateUpdate"] = Value::from(date);
    })
}

/// `POST /v1/ws/{ws}/DataSubjectRequests/{id}/close`: close the request. The body is not
/// documented; an optional `{closedReason, closedReasonDescription, resolutionMessage}` is read.
pub(crate) async fn close_request(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), "DataSubjectRequests")?;
    let body = if body.is_empty() {
        json!({})
    } else {
        parse_json(&body)?
    };
    let date = views::date_for(t.spec, state.now());
    let final_step =
        state.read(|s| step_where(s, t.ws, "DataSubject", |st| st["finalStep"] == true));
    edit(&state, &t, &raw, |dsr| {
        dsr["state"] = Value::from("Closed");
        dsr["dateClosed"] = Value::from(date.clone());
        dsr["dateUpdate"] = Value::from(date);
        dsr["closedReason"] = body
            .get("closedReason")
            .cloned()
            .unwrap_or_else(|| "Accepted".into());
        for key in ["closedReasonDescription", "resolutionMessage"] {
            if let Some(v) = body.get(key) {
                dsr[key] = v.clone();
            }
        }
        if let Some(step) = &final_step {
            dsr["workFlowStepId"] = step.clone();
        }
    })
}

/// `POST /v1/ws/{ws}/Tasks/{id}/archive` with `ArchivePayload {archived}`.
pub(crate) async fn archive_task(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), "Tasks")?;
    let body = parse_json(&body)?;
    validate_body("ArchivePayload", &body)?;
    let archived = body["archived"].as_bool().unwrap_or(true);
    let date = views::date_for(t.spec, state.now());
    edit(&state, &t, &raw, |task| {
        task["archived"] = Value::Bool(archived);
        task["dateUpdate"] = Value::from(date);
    })
}

/// `GET /v1/ws/{ws}/Tasks/count?objectType=&objectId=`: a bare integer.
pub(crate) async fn count_tasks(
    State(state): State<SandboxState>,
    Path(ws): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let t = resolve(&state, Some(&ws), "Tasks")?;
    let params = Params::parse(q.as_deref());
    let object_type = params.get("objectType").map(str::to_string);
    let object_id = params.get("objectId").map(str::to_string);
    let count = state.read(|s| {
        s.collection(t.ws, "Tasks").map_or(0, |c| {
            c.values()
                .filter(|task| task["archived"] != true)
                .filter(|task| {
                    object_type.as_deref().is_none_or(|o| {
                        task["objectType"]
                            .as_str()
                            .is_some_and(|v| v.eq_ignore_ascii_case(o))
                    })
                })
                .filter(|task| {
                    object_id
                        .as_deref()
                        .is_none_or(|o| task["objectId"].as_str() == Some(o))
                })
                .count()
        })
    });
    Ok(json_reply(Value::from(count)))
}

fn edit(
    state: &SandboxState,
    t: &Target,
    raw: &str,
    f: impl FnOnce(&mut Value),
) -> Result<Response, ApiError> {
    let id = item_id(t, raw)?;
    state.mutate(|store| {
        let item = store
            .collection_mut(t.ws, t.spec.name)
            .get_mut(&id)
            .ok_or_else(|| not_found(t, raw))?;
        f(item);
        Ok::<_, ApiError>(())
    })?;
    Ok(empty())
}

fn step_where(
    store: &Store,
    ws: Option<i32>,
    kind: &str,
    pred: impl Fn(&Value) -> bool,
) -> Option<Value> {
    store
        .collection(ws, WORKFLOWS)?
        .values()
        .find(|s| s["type"] == kind && pred(s))
        .map(|s| s["id"].clone())
}

/// `GET /v1/ws/{ws}/Workflows`: every workflow step of the workspace, as a bare array.
pub(crate) async fn workflows(
    State(state): State<SandboxState>,
    Path(ws): Path<String>,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    Ok(json_reply(Value::Array(steps(&state, ws, None))))
}

/// `GET /v1/ws/{ws}/Workflows/{type}`: the steps of one workflow type (`DataSubject`,
/// `Task`…; `DataSubjectRequest` is read as `DataSubject`), ordered.
pub(crate) async fn workflow_steps(
    State(state): State<SandboxState>,
    Path((ws, kind)): WsId,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    let kind = if kind.eq_ignore_ascii_case("DataSubjectRequest") {
        "datasubject".into()
    } else {
        kind
    };
    Ok(json_reply(Value::Array(steps(&state, ws, Some(&kind)))))
}

fn steps(state: &SandboxState, ws: i32, kind: Option<&str>) -> Vec<Value> {
    let mut steps: Vec<Value> = state.read(|s| {
        s.collection(Some(ws), WORKFLOWS)
            .map(|c| {
                c.values()
                    .filter(|st| {
                        kind.is_none_or(|k| {
                            st["type"]
                                .as_str()
                                .is_some_and(|t| t.eq_ignore_ascii_case(k))
                        })
                    })
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    });
    steps.sort_by_key(|s| {
        (
            s["type"].as_str().unwrap_or_default().to_string(),
            s["order"].as_i64(),
        )
    });
    steps
}

/// `PUT /v1/ws/{ws}/Workflows` with `WorkFlowStepDto[]`: steps with a known id are replaced,
/// others are added; for every workflow type present in the body, steps missing from it are
/// removed.
pub(crate) async fn save_workflows(
    State(state): State<SandboxState>,
    Path(ws): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    let body = parse_json(&body)?;
    let Some(list) = body.as_array() else {
        return Err(ApiError::field(
            "$",
            "An array of workflow steps is expected.",
        ));
    };
    let mut errors = Vec::new();
    for (i, step) in list.iter().enumerate() {
        if let Err(ApiError::Validation(e)) = validate_body("WorkFlowStepDto", step) {
            errors.extend(e.into_iter().map(|(k, v)| (format!("[{i}].{k}"), v)));
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors.into_iter().collect()));
    }

    state.mutate(|store| {
        let types: Vec<Value> = list.iter().map(|s| s["type"].clone()).collect();
        let mut kept = Vec::new();
        for step in list {
            let mut step = step.clone();
            let known = id_key(&step["id"]).filter(|k| store.get(Some(ws), WORKFLOWS, k).is_some());
            if known.is_none() {
                step["id"] = Value::from(store.next_int_id(WORKFLOWS));
            }
            kept.push(id_key(&step["id"]).expect("BUG: a step has an id"));
            store.insert(Some(ws), WORKFLOWS, step);
        }
        store
            .collection_mut(Some(ws), WORKFLOWS)
            .retain(|k, s| !types.contains(&s["type"]) || kept.contains(k));
    });
    Ok(empty())
}

/// Query of `GET /GenericRelationships`: `objectIds[]`, `objectType` and `targetType`, matched
/// in both directions of a link. Matches everything for other collections.
#[derive(Debug, Default)]
pub(crate) struct RelationQuery {
    object_ids: Vec<String>,
    object_type: Option<String>,
    target_type: Option<String>,
}

impl RelationQuery {
    pub fn parse(spec: &CollectionSpec, params: &Params) -> Self {
        if spec.name != "GenericRelationships" {
            return Self::default();
        }
        Self {
            object_ids: params
                .all("objectIds")
                .into_iter()
                .map(str::to_string)
                .collect(),
            object_type: params.get("objectType").map(str::to_string),
            target_type: params.get("targetType").map(str::to_string),
        }
    }

    pub fn matches(&self, link: &Value) -> bool {
        if self.object_ids.is_empty() && self.object_type.is_none() && self.target_type.is_none() {
            return true;
        }
        let origin = (&link["originId"], &link["originType"]);
        let target = (&link["target"]["id"], &link["target"]["type"]);
        [(origin, target), (target, origin)]
            .iter()
            .any(|((id, kind), (_, other))| {
                let same = |v: &Value, want: &str| {
                    v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(want))
                };
                let id_ok =
                    self.object_ids.is_empty() || self.object_ids.iter().any(|o| same(id, o));
                let kind_ok = self.object_type.as_deref().is_none_or(|o| same(kind, o));
                let other_ok = self.target_type.as_deref().is_none_or(|o| same(other, o));
                id_ok && kind_ok && other_ok
            })
    }
}

/// `POST /GenericRelationships` with `GenericRelationShipCreationDto`: one link per target id
/// (`create` + `newLabel` first creates the target, an actor or an asset).
pub(crate) fn create_links(
    state: &SandboxState,
    t: &Target,
    body: Value,
) -> Result<Response, ApiError> {
    let now = state.now();
    state.mutate(|store| {
        let origin_type = body["originType"].as_str().unwrap_or("Asset").to_string();
        let target_type = body["targetType"].as_str().unwrap_or("Actor").to_string();
        let mut targets: Vec<String> = body["targetIds"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if body["create"] == true {
            if let Some(label) = body["newLabel"].as_str().filter(|l| !l.is_empty()) {
                targets.push(create_target(store, t.ws, &target_type, label, now)?);
            }
        }
        if targets.is_empty() {
            return Err(ApiError::field(
                "targetIds",
                "At least one target id is required.",
            ));
        }
        let creator = user_light(store, &Value::from(api_user(store)));
        for target in targets {
            let object = relationship_object(store, t.ws, &target_type, &target);
            let link = json!({
                "id": uuid::Uuid::new_v4().to_string(),
                "target": object,
                "reverse": body["reverse"].as_bool().unwrap_or(false),
                "originType": origin_type,
                "originId": body["originId"],
                "label": body["label"],
                "description": body["description"],
                "dateCreation": crate::text::stamp(now),
                "creator": creator,
            });
            store.insert(t.ws, "GenericRelationships", link);
        }
        Ok(())
    })?;
    Ok(empty())
}

fn create_target(
    store: &mut Store,
    ws: Option<i32>,
    kind: &str,
    label: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String, ApiError> {
    let (collection, body) = match kind {
        "Actor" => (
            "Actors",
            json!({ "companyName": label, "_referencedAs": "Vendor" }),
        ),
        "Asset" => ("Assets", json!({ "label": label, "type": "Software" })),
        other => {
            return Err(ApiError::field(
                "targetType",
                format!("The sandbox cannot create a {other} on the fly."),
            ))
        }
    };
    let spec = crate::spec::find(collection).expect("BUG: a known collection");
    let creator = api_user(store);
    let item = views::complete_new(store, ws, spec, body, creator, now);
    let id = id_key(&item["id"]).expect("BUG: new items have ids");
    store.insert(ws, collection, item);
    Ok(id)
}

/// `GenericRelationshipObject` for a target, filled from the store when it is known.
fn relationship_object(store: &Store, ws: Option<i32>, kind: &str, id: &str) -> Value {
    let (collection, label_key) = match kind {
        "Actor" => ("Actors", "companyName"),
        "Asset" => ("Assets", "label"),
        _ => ("", ""),
    };
    let found = store.get(ws, collection, &id.to_ascii_lowercase());
    json!({
        "id": id,
        "label": found.map_or(Value::Null, |v| v[label_key].clone()),
        "logoUrl": found.map_or(Value::Null, |v| v["logoUrl"].clone()),
        "description": found.map_or(Value::Null, |v| v["description"].clone()),
        "type": kind,
        "deleted": false,
        "archived": false,
    })
}

/// `GET /v1/ws/{ws}/DataProcessingRelationships/{dataProcessingId}`: the links of one
/// processing activity, as a bare array.
pub(crate) async fn processing_links(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    let source = processing_id(&state, ws, &raw)?;
    let links: Vec<Value> = state.read(|s| {
        s.collection(Some(ws), PROCESSING_LINKS)
            .map(|c| {
                c.values()
                    .filter(|l| l["_sourceId"] == source.as_str())
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    });
    let links = links
        .into_iter()
        .map(|mut l| {
            strip_private(&mut l);
            l
        })
        .collect();
    Ok(json_reply(Value::Array(links)))
}

/// `GET /v1/ws/{ws}/DataProcessingRelationships/count/{dataProcessingId}`
pub(crate) async fn count_processing_links(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    let source = processing_id(&state, ws, &raw)?;
    let n = state.read(|s| {
        s.collection(Some(ws), PROCESSING_LINKS).map_or(0, |c| {
            c.values()
                .filter(|l| l["_sourceId"] == source.as_str())
                .count()
        })
    });
    Ok(json_reply(Value::from(n)))
}

/// `POST /v1/ws/{ws}/DataProcessingRelationships/{id}`: link processing `{id}` to
/// `element.id` (or, with `create` and `label`, to a new processing of that name).
pub(crate) async fn link_processing(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
    body: Bytes,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    let source = processing_id(&state, ws, &raw)?;
    let body = parse_json(&body)?;
    validate_body("DataProcessingRelationShipDto", &body)?;
    let now = state.now();
    let spec = crate::spec::find("DataProcessings").expect("BUG: a known collection");

    let link = state.mutate(|store| {
        let target = match id_key(&body["element"]["id"]) {
            Some(id) => store
                .get(Some(ws), spec.name, &id)
                .cloned()
                .ok_or_else(|| {
                    let msg = format!("The processing activity {id} does not exist.");
                    ApiError::field("element.id", msg)
                })?,
            None if body["create"] == true && body["label"].is_string() => {
                let new = json!({ "label": body["label"], "areaId": body["areaId"] });
                let item = views::complete_new(store, Some(ws), spec, new, api_user(store), now);
                store.insert(Some(ws), spec.name, item.clone());
                item
            }
            None => {
                let msg = "element.id (or create with a label) is required.";
                return Err(ApiError::field("element", msg));
            }
        };
        let kind = body
            .get("relationShipType")
            .cloned()
            .unwrap_or_else(|| "Related".into());
        let link = json!({
            "id": uuid::Uuid::new_v4().to_string(),
            "areaId": target["areaId"],
            "element": processing_light(&target),
            "dateCreation": crate::text::stamp(now),
            "relationShipType": kind,
            "create": false,
            "label": body["label"],
            "url": body["url"],
            "processingType": target["processingType"],
            "workspaceId": ws,
            "_sourceId": source,
        });
        store.insert(Some(ws), PROCESSING_LINKS, link.clone());
        Ok::<_, ApiError>(link)
    })?;
    let mut link = link;
    strip_private(&mut link);
    Ok(json_reply(link))
}

/// `DELETE /v1/ws/{ws}/DataProcessingRelationships/{id}` (the link's id).
pub(crate) async fn unlink_processing(
    State(state): State<SandboxState>,
    Path((ws, raw)): WsId,
) -> Result<Response, ApiError> {
    let ws = workspace(&state, &ws)?;
    let id = parse_id(IdKind::Uuid, &raw)
        .ok_or_else(|| ApiError::not_found(format!("{PROCESSING_LINKS} {raw}")))?;
    let removed = state.mutate(|s| {
        s.collection_mut(Some(ws), PROCESSING_LINKS)
            .shift_remove(&id)
    });
    removed
        .map(|_| empty())
        .ok_or_else(|| ApiError::not_found(format!("{PROCESSING_LINKS} {raw}")))
}

fn processing_id(state: &SandboxState, ws: i32, raw: &str) -> Result<String, ApiError> {
    parse_id(IdKind::Uuid, raw)
        .filter(|id| state.read(|s| s.get(Some(ws), "DataProcessings", id).is_some()))
        .ok_or_else(|| ApiError::not_found(format!("DataProcessings {raw}")))
}

/// `DataProcessingLightDto` of a processing activity.
pub(crate) fn processing_light(p: &Value) -> Value {
    json!({
        "id": p["id"], "label": p["label"], "ref": p["ref"], "description": p["description"],
        "riskLevel": p["riskLevel"].as_f64().map(|r| r.round() as i64),
        "workspaceId": p["workSpaceId"], "archived": p["archived"],
        "dateUpdate": p["dateUpdate"].as_str().map_or(p["dateCreation"].clone(), Value::from),
        "dateCreation": p["dateCreation"], "areaId": p["areaId"],
        "processingType": p["processingType"],
    })
}
