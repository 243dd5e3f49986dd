//! How stored items are shown (derived fields computed on read) and completed on write
//! (server-managed fields and defaults).

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

use crate::spec::{CollectionSpec, Reply, ATTACHMENTS, WORKFLOWS};
use crate::store::{strip_private, Store};
use crate::text::{parse_date, stamp, stamp_dotnet};

/// Legal deadline of a data subject request, from its creation (GDPR art. 12.3: one month).
pub const DSR_DEADLINE_DAYS: i64 = 30;

/// Collections whose items carry `dateCreation` (and, but for relationships, `dateUpdate`).
const DATED: &[&str] = &[
    "DataSubjectRequests",
    "Assets",
    "Actors",
    "Contracts",
    "DataFields",
    "DataProcessings",
    "Tasks",
    "GenericRelationships",
    "TenantUsers",
];

/// Fields the server keeps from the stored item when a PUT or PATCH replaces it.
const SERVER_MANAGED: &[&str] = &["id", "dateCreation", "creator", "creatorUser"];

/// The item with its derived fields computed (private fields are kept, for list parameters
/// that filter on them; they are dropped just before sending).
pub fn present(
    store: &Store,
    ws: Option<i32>,
    spec: &CollectionSpec,
    item: &Value,
    now: DateTime<Utc>,
) -> Value {
    let mut out = item.clone();
    match spec.name {
        "DataSubjectRequests" => present_dsr(store, ws, &mut out, now),
        "Tasks" => present_task(store, ws, &mut out, now),
        "Actors" => {
            let name = display_name(&out);
            out["displayName"] = name;
        }
        _ => {}
    }
    out
}

/// The answer to a write, per the contract.
pub fn reply_body(reply: Reply, presented: Value) -> Option<Value> {
    match reply {
        Reply::Empty => None,
        Reply::Item => Some(presented),
        Reply::DsrLight => Some(dsr_light(presented)),
    }
}

/// `DataSubjectRequestLightDto`: a request without its nested objects.
pub fn dsr_light(mut dsr: Value) -> Value {
    const NESTED: &[&str] = &[
        "closedByUser",
        "area",
        "creator",
        "operator",
        "operatorId",
        "attachments",
        "tags",
        "messages",
        "subjectCategory",
        "nbMessagesIncoming",
        "lastMessageDate",
    ];
    if let Some(obj) = dsr.as_object_mut() {
        obj.retain(|k, _| !NESTED.contains(&k.as_str()));
    }
    dsr
}

/// `TeamItemDto`, the list row of a team.
pub fn team_item(team: &Value) -> Value {
    let users = team["users"].as_array().map_or(0, Vec::len);
    json!({
        "id": team["id"], "label": team["label"], "ref": team["ref"],
        "default": team.get("_default").and_then(Value::as_bool).unwrap_or(false),
        "nbUsers": users,
    })
}

/// `UserLightDto` of a tenant user, or `null`.
pub fn user_light(store: &Store, user_id: &Value) -> Value {
    let Some(id) = crate::store::id_key(user_id) else {
        return Value::Null;
    };
    let Some(u) = store.get(None, "TenantUsers", &id) else {
        return Value::Null;
    };
    json!({
        "id": u["id"], "displayName": u["displayName"], "familyName": u["familyName"],
        "givenName": u["givenName"], "email": u["email"], "color": u["color"],
        "avatarUrl": u["avatarUrl"], "tenantId": u["tenantId"],
    })
}

fn present_dsr(store: &Store, ws: Option<i32>, dsr: &mut Value, now: DateTime<Utc>) {
    let area = lookup(store, ws, "Areas", &dsr["areaId"]);
    let step = lookup(store, ws, WORKFLOWS, &dsr["workFlowStepId"]);
    let id = dsr["id"].clone();
    let attachments: Vec<Value> = store
        .collection(ws, ATTACHMENTS)
        .map(|c| {
            c.values()
                .filter(|a| a["userRequestId"] == id)
                .map(|a| present_attachment(a, now))
                .collect()
        })
        .unwrap_or_default();
    let closed = dsr["state"] == "Closed";
    let remaining = if closed {
        Value::Null
    } else {
        days_until(&dsr["expiryTime"], now)
    };
    let closing = days_between(&dsr["dateCreation"], &dsr["dateClosed"]);
    let validated = dsr["dateIdentityValidated"].is_string();
    let operator = user_light(store, &dsr["operatorId"]);

    dsr["area"] = area;
    dsr["workFlowStep"] = step;
    dsr["attachments"] = Value::Array(attachments);
    dsr["remainingDays"] = remaining;
    dsr["closingTime"] = closing;
    dsr["identityValidated"] = Value::Bool(validated);
    dsr["operator"] = operator;
}

fn present_task(store: &Store, ws: Option<i32>, task: &mut Value, now: DateTime<Utc>) {
    let closed = task["state"] == "Closed";
    let remaining = if closed {
        Value::Null
    } else {
        days_until(&task["deadline"], now)
    };
    let closing = days_between(&task["dateCreation"], &task["dateClosed"]);
    let area = lookup(store, ws, "Areas", &task["areaId"]);
    let area = if area.is_null() {
        Value::Null
    } else {
        json!({ "id": area["id"], "label": area["label"], "type": area["type"] })
    };

    task["remainingDays"] = remaining;
    task["closingTime"] = closing;
    task["owner"] = user_light(store, &task["ownerId"]);
    task["assignedToUser"] = user_light(store, &task["assignedToUserId"]);
    task["area"] = area;
    task["workFlowStep"] = lookup(store, ws, WORKFLOWS, &task["workFlowStepId"]);
}

/// An attachment as `DataSubjectAttachmentDto`.
pub fn present_attachment(a: &Value, now: DateTime<Utc>) -> Value {
    let mut out = a.clone();
    let expired = parse_date(a["expiration"].as_str().unwrap_or_default()).is_some_and(|e| e < now);
    out["expired"] = Value::Bool(expired);
    out["deleted"] = Value::Bool(a["dateFileRemoved"].is_string());
    out["label"] = a["fileName"].clone();
    strip_private(&mut out);
    out
}

fn display_name(actor: &Value) -> Value {
    if let Some(company) = actor["companyName"].as_str().filter(|s| !s.is_empty()) {
        return Value::from(company);
    }
    let parts: Vec<&str> = [&actor["givenName"], &actor["familyName"]]
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    if parts.is_empty() {
        Value::Null
    } else {
        Value::from(parts.join(" "))
    }
}

fn lookup(store: &Store, ws: Option<i32>, collection: &str, id: &Value) -> Value {
    crate::store::id_key(id)
        .and_then(|id| store.get(ws, collection, &id))
        .map(|v| {
            let mut v = v.clone();
            strip_private(&mut v);
            v
        })
        .unwrap_or(Value::Null)
}

/// Whole days from `now` to a date (negative once past), or `null`.
fn days_until(date: &Value, now: DateTime<Utc>) -> Value {
    match date.as_str().and_then(parse_date) {
        Some(d) => Value::from((d.date_naive() - now.date_naive()).num_days()),
        None => Value::Null,
    }
}

fn days_between(from: &Value, to: &Value) -> Value {
    match (
        from.as_str().and_then(parse_date),
        to.as_str().and_then(parse_date),
    ) {
        (Some(a), Some(b)) => Value::from((b.date_naive() - a.date_naive()).num_days()),
        _ => Value::Null,
    }
}

/// Drop what a client may not set: derived and private fields.
pub fn strip_for_store(spec: &CollectionSpec, body: &mut Value) {
    if let Some(obj) = body.as_object_mut() {
        obj.retain(|k, _| !k.starts_with('_') && !spec.derived.contains(&k.as_str()));
    }
}

/// A PUT or PATCH result keeps the server-managed fields of the stored item and gets a new
/// `dateUpdate`.
pub fn keep_server_fields(
    spec: &CollectionSpec,
    stored: &Value,
    next: &mut Value,
    now: DateTime<Utc>,
) {
    let (Some(stored), Some(next)) = (stored.as_object(), next.as_object_mut()) else {
        return;
    };
    for (k, v) in stored {
        if k.starts_with('_') || SERVER_MANAGED.contains(&k.as_str()) {
            next.insert(k.clone(), v.clone());
        }
    }
    if DATED.contains(&spec.name) && spec.name != "GenericRelationships" {
        next.insert("dateUpdate".into(), Value::from(date_for(spec, now)));
    }
}

/// How a collection writes a date: requests use the .NET form of the 2023 sample.
pub fn date_for(spec: &CollectionSpec, t: DateTime<Utc>) -> String {
    if spec.name == "DataSubjectRequests" {
        stamp_dotnet(t)
    } else {
        stamp(t)
    }
}

/// Fill what the server sets on creation: id, dates, creator and per-collection defaults.
/// Values the client sent win over defaults (except the id and creation date).
pub fn complete_new(
    store: &mut Store,
    ws: Option<i32>,
    spec: &CollectionSpec,
    body: Value,
    api_user: i32,
    now: DateTime<Utc>,
) -> Value {
    let mut item = Map::new();
    item.insert("id".into(), store.new_id(spec.name, spec.id));
    let mut defaults = defaults(store, ws, spec, api_user, now);
    if let Value::Object(body) = body {
        for (k, v) in body {
            if k != "id" {
                defaults.insert(k, v);
            }
        }
    }
    item.extend(defaults);
    let created = date_for(spec, now);
    if DATED.contains(&spec.name) {
        item.insert("dateCreation".into(), Value::from(created));
    }
    Value::Object(item)
}

fn defaults(
    store: &Store,
    ws: Option<i32>,
    spec: &CollectionSpec,
    api_user: i32,
    now: DateTime<Utc>,
) -> Map<String, Value> {
    let creator = user_light(store, &Value::from(api_user));
    let first_area = store
        .collection(ws, "Areas")
        .and_then(|c| c.values().next())
        .map_or(Value::Null, |a| a["id"].clone());
    let initial_step = |kind: &str| {
        store
            .collection(ws, WORKFLOWS)
            .and_then(|c| {
                c.values()
                    .find(|s| s["type"] == kind && s["initialStep"] == true)
            })
            .map_or(Value::Null, |s| s["id"].clone())
    };
    let v = match spec.name {
        "DataSubjectRequests" => json!({
            "archived": false, "archivedDate": null, "state": "Open", "complex": false,
            "channel": "Internal", "closedReason": "None", "personCategory": "Client",
            "nbMessages": 0, "nbMessagesNotViewed": 0, "userNotified": false,
            "sendNotification": false, "mailValidated": false,
            "emailValidationDate": "0001-01-01T00:00:00",
            "workFlowStepId": initial_step("DataSubject"),
            "expiryTime": stamp_dotnet(now + Duration::days(DSR_DEADLINE_DAYS)),
            "dateUpdate": null, "creator": creator, "tags": [],
        }),
        "Assets" => json!({
            "readonly": false, "purposes": [], "tags": [], "attachments": [],
            "dataProcessings": [], "dateUpdate": null, "creator": creator,
        }),
        "Actors" => json!({
            "actorType": "Morale", "vendorType": "B2B", "accessLevel": "None", "readonly": false,
            "nbReferences": 0, "tags": [], "attachments": [], "recipients": [],
            "dateUpdate": null, "creator": creator, "_referencedAs": "Vendor",
        }),
        "Contracts" => json!({
            "state": "Draft", "contractType": "Other", "archived": false, "assets": [],
            "signatories": [], "tags": [], "dateUpdate": null, "customFields": {},
            "versions": [{ "number": 1, "startDate": stamp(now), "endDate": null,
                           "description": null, "active": true }],
        }),
        "DataFields" => json!({
            "required": false, "sensitiveData": false, "dataType": "String",
            "personalDataCategory": "Other", "dateUpdate": null, "creator": creator,
        }),
        "DataProcessings" => json!({
            "state": "Draft", "processingState": "Study", "processingType": "Default",
            "archived": false, "workFlowStepId": initial_step("DataProcessing"),
            "workSpaceId": ws, "progression": 0.0, "quality": 0.0, "dpiaExemption": false,
            "tags": [], "assets": [], "attachments": [], "purposes": [], "recipients": [],
            "stakeHolders": [], "dataControllers": [], "dataRetentionRules": [],
            "securityMeasures": [], "personCategories": [], "dateUpdate": null,
            "creatorUser": creator,
        }),
        "Tasks" => json!({
            "state": "Open", "priority": "Medium", "archived": false, "areaId": first_area,
            "workspaceId": ws, "workFlowStepId": initial_step("Task"), "tags": [],
            "attachments": [], "order": 0, "dateUpdate": null, "creator": creator,
        }),
        "Teams" => json!({ "areas": [], "users": [] }),
        "Areas" => json!({ "type": "Area", "order": 0, "children": [], "teams": [] }),
        _ => json!({}),
    };
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}
