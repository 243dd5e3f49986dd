//! Building one valid request for each operation the sandbox implements.
//!
//! Path parameters come from the sandbox's own data: seeded ids for reads, records created for
//! the occasion for anything that deletes, archives or moves a record, so that no step depends
//! on the order of `OPERATIONS`. JSON bodies are seeded records projected onto the operation's
//! documented request schema (only the properties the schema declares are kept), or, where the
//! request shape has nothing in common with a stored record, small objects written here.

use std::collections::HashMap;

use passerelle_dastra::contract;
use passerelle_sandbox::MAIN_WORKSPACE;
use passerelle_tests::{ws_path, Api, Payload};
use reqwest::Method;
use serde_json::{json, Map, Value};

/// What a walked operation must answer, beyond a 2xx.
#[derive(Debug)]
pub enum Expect {
    /// A body valid against the documented 200 schema; empty or JSON when none is documented.
    Documented,
    /// Exactly these bytes (an attachment download: a file, not JSON).
    Bytes(Vec<u8>),
}

/// One request to send.
#[derive(Debug)]
pub struct Step {
    pub method: Method,
    pub path: String,
    pub payload: Payload,
    pub expect: Expect,
}

/// A workspace collection served by the generic engine, and how the walk edits it.
struct Collection {
    name: &'static str,
    /// A string property every record has, changed by PUTs and PATCHes.
    text_field: &'static str,
    /// The workflow type whose steps `POST /{name}/workflow` accepts.
    workflow: Option<&'static str>,
}

const COLLECTIONS: &[Collection] = &[
    coll("DataSubjectRequests", "title", Some("DataSubject")),
    coll("Assets", "label", None),
    coll("Actors", "companyName", None),
    coll("Contracts", "label", None),
    coll("DataFields", "label", None),
    coll("DataProcessings", "label", Some("DataProcessing")),
    coll("Tasks", "label", Some("Task")),
    coll("Teams", "label", None),
    coll("Areas", "label", None),
    coll("Tags", "label", None),
    coll("GenericRelationships", "label", None),
];

const fn coll(
    name: &'static str,
    text_field: &'static str,
    workflow: Option<&'static str>,
) -> Collection {
    Collection {
        name,
        text_field,
        workflow,
    }
}

fn collection(name: &str) -> &'static Collection {
    COLLECTIONS
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))
        .unwrap_or_else(|| panic!("the walk knows no collection {name}"))
}

/// The sandbox as the walk sees it: a raw caller and the ids it has found or made.
pub struct Walk {
    api: Api,
    counter: u32,
    /// Per collection, a record kept for archive/restore pairs, by operation family.
    scratch: HashMap<String, Value>,
}

impl Walk {
    pub fn new(api: Api) -> Self {
        Walk {
            api,
            counter: 0,
            scratch: HashMap::new(),
        }
    }

    pub fn api(&self) -> &Api {
        &self.api
    }

    fn label(&mut self, what: &str) -> String {
        self.counter += 1;
        format!("Conformance {what} {}", self.counter)
    }

    /// The id of a seeded record of `name` (the first of its list).
    async fn seeded(&self, name: &str) -> Value {
        let list = self.api.get(&ws_path(name)).await;
        let items = list.get("items").unwrap_or(&list);
        items[0]["id"].clone()
    }

    /// A full seeded record of `name`, as `GET /{name}/{id}` shows it.
    async fn seeded_record(&self, name: &str) -> Value {
        let id = self.seeded(name).await;
        self.api
            .get(&ws_path(&format!("{name}/{}", plain(&id))))
            .await
    }

    /// A valid body for `POST /{name}`: a seeded record projected onto the create schema, its
    /// id dropped and its text field made unique.
    async fn create_body(&mut self, name: &str) -> Value {
        let c = collection(name);
        if c.name == "GenericRelationships" {
            return self.link_body().await;
        }
        let schema = request_schema("POST", &format!("/v1/ws/{{workspaceId}}/{}", c.name));
        let mut body = project(&self.seeded_record(c.name).await, &schema);
        let object = body.as_object_mut().expect("a record is an object");
        object.remove("id");
        let label = self.label(c.name);
        object.insert(c.text_field.into(), Value::from(label));
        body
    }

    /// `GenericRelationShipCreationDto`: link a seeded asset to a seeded actor.
    async fn link_body(&mut self) -> Value {
        let asset = self.seeded("Assets").await;
        let actor = self.seeded("Actors").await;
        json!({
            "originType": "Asset", "originId": plain(&asset),
            "targetType": "Actor", "targetIds": [plain(&actor)],
            "reverse": false, "label": self.label("link"), "create": false,
        })
    }

    /// Create a record of `name` for the occasion and return its id (as the JSON value the
    /// contract types it: a number or a UUID string).
    async fn fresh(&mut self, name: &str) -> Value {
        let c = collection(name);
        let body = self.create_body(c.name).await;
        let label = body[c.text_field].clone();
        let reply = self
            .api
            .send(Method::POST, &ws_path(c.name), Payload::Json(body))
            .await;
        assert!(
            reply.status.is_success(),
            "creating a {} for the walk failed: {} {}",
            c.name,
            reply.status,
            String::from_utf8_lossy(&reply.bytes)
        );
        if let Some(id) = reply.json().ok().flatten().map(|v| v["id"].clone()) {
            if !id.is_null() {
                return id;
            }
        }
        // Teams and links answer nothing: find the new record by its unique text.
        let list = self.api.get(&ws_path(c.name)).await;
        let items = list.get("items").unwrap_or(&list).as_array().cloned();
        let found = items
            .into_iter()
            .flatten()
            .find(|item| item[c.text_field] == label);
        let id = found.map(|item| item["id"].clone());
        id.unwrap_or_else(|| panic!("the new {} is listed", c.name))
    }

    /// A record kept for an archive/restore pair (`family` tells the pairs apart).
    async fn scratch(&mut self, name: &str, family: &str) -> Value {
        let key = format!("{name}/{family}");
        if let Some(id) = self.scratch.get(&key) {
            return id.clone();
        }
        let id = self.fresh(name).await;
        self.scratch.insert(key, id.clone());
        id
    }

    /// The id of a workflow step of `kind`.
    async fn step(&self, kind: &str) -> Value {
        let steps = self.api.get(&ws_path(&format!("Workflows/{kind}"))).await;
        steps[0]["id"].clone()
    }

    /// A JSON Patch replacing the text field of `name`.
    fn patch_ops(&mut self, name: &str) -> Value {
        let c = collection(name);
        let value = self.label("patched");
        json!([{ "op": "replace", "path": format!("/{}", c.text_field), "value": value }])
    }

    /// The step that exercises `method template`.
    pub async fn plan(&mut self, method: &str, template: &str) -> Step {
        let m = Method::from_bytes(method.as_bytes()).expect("a valid method");
        let step = |path: String, payload: Payload| Step {
            method: m.clone(),
            path,
            payload,
            expect: Expect::Documented,
        };
        let Some(rest) = template.strip_prefix("/v1/ws/{workspaceId}/") else {
            return step(self.tenant_path(method, template).await, Payload::None);
        };
        let ws = |rest: &str| ws_path(rest);
        let segments: Vec<&str> = rest.split('/').collect();

        match (method, segments.as_slice()) {
            ("POST", ["DataSubjectAttachments", _]) => {
                let dsr = self.seeded("DataSubjectRequests").await;
                let path = ws(&format!("DataSubjectAttachments/{}", plain(&dsr)));
                step(path, attachment(b"conformance walk attachment\n".to_vec()))
            }
            ("GET", ["DataSubjectAttachments", _]) => {
                let dsr = self.seeded("DataSubjectRequests").await;
                step(
                    ws(&format!("DataSubjectAttachments/{}", plain(&dsr))),
                    Payload::None,
                )
            }
            ("DELETE", ["DataSubjectAttachments", _, _]) => {
                let (dsr, file) = self.upload(b"to be deleted".to_vec()).await;
                step(
                    ws(&format!("DataSubjectAttachments/{dsr}/{file}")),
                    Payload::None,
                )
            }
            ("POST", ["DataSubjectAttachments", _, "purge"]) => {
                let (dsr, _) = self.upload(b"to be purged".to_vec()).await;
                step(
                    ws(&format!("DataSubjectAttachments/{dsr}/purge")),
                    Payload::None,
                )
            }
            ("GET", ["DataSubjectAttachments", _, "download", _]) => {
                let bytes = b"%PDF-1.4 conformance walk download\n".to_vec();
                let (dsr, file) = self.upload(bytes.clone()).await;
                let path = ws(&format!("DataSubjectAttachments/{dsr}/download/{file}"));
                Step {
                    expect: Expect::Bytes(bytes),
                    ..step(path, Payload::None)
                }
            }
            ("POST", ["Assets", "import"]) => {
                let csv = format!(
                    "label;type;ref\n{};Software;CONF-CSV-1\n",
                    self.label("csv")
                );
                step(
                    ws("Assets/import"),
                    import_form("assets.csv", csv.into_bytes()),
                )
            }
            ("POST", ["Assets", "import", "json"]) => {
                let rows =
                    json!([{ "label": self.label("json"), "type": "Data", "ref": "CONF-J-1" }]);
                let bytes = serde_json::to_vec(&rows).expect("serialisable");
                step(ws("Assets/import/json"), import_form("assets.json", bytes))
            }
            ("PUT", ["DataSubjectRequests", "set-identity-validation", _]) => {
                let id = self.seeded("DataSubjectRequests").await;
                let path = ws(&format!("DataSubjectRequests/set-identity-validation/{id}"));
                step(path, Payload::Json(json!({ "validation": true })))
            }
            ("POST", ["DataSubjectRequests", _, "close"]) => {
                let id = self.fresh("DataSubjectRequests").await;
                step(
                    ws(&format!("DataSubjectRequests/{id}/close")),
                    Payload::None,
                )
            }
            ("GET", ["DataProcessingRelationships", ..]) => {
                let id = plain(&self.seeded("DataProcessings").await);
                let path = template
                    .replace("{workspaceId}", &MAIN_WORKSPACE.to_string())
                    .replace("{dataProcessingId}", &id);
                step(path, Payload::None)
            }
            ("POST", ["DataProcessingRelationships", _]) => {
                let (source, body) = self.processing_link_body().await;
                step(
                    ws(&format!("DataProcessingRelationships/{source}")),
                    Payload::Json(body),
                )
            }
            ("DELETE", ["DataProcessingRelationships", _]) => {
                let link = self.processing_link().await;
                step(
                    ws(&format!("DataProcessingRelationships/{link}")),
                    Payload::None,
                )
            }
            ("GET", ["Tasks", "count"]) => step(ws("Tasks/count"), Payload::None),
            ("POST", ["Tasks", _, "archive"]) => {
                let id = self.fresh("Tasks").await;
                step(
                    ws(&format!("Tasks/{id}/archive")),
                    Payload::Json(json!({ "archived": true })),
                )
            }
            ("GET", ["Workflows"]) => step(ws("Workflows"), Payload::None),
            ("PUT", ["Workflows"]) => {
                let steps = self.api.get(&ws("Workflows")).await;
                step(ws("Workflows"), Payload::Json(steps))
            }
            ("GET", ["Workflows", _]) => step(ws("Workflows/DataSubject"), Payload::None),
            (_, [name, ..]) => {
                let (path, payload) = self.generic(method, template, name, &segments[1..]).await;
                step(path, payload)
            }
            _ => panic!("the walk has no plan for {method} {template}"),
        }
    }

    /// Paths outside a workspace: utility routes, WorkSpaces, TenantUsers.
    async fn tenant_path(&mut self, method: &str, template: &str) -> String {
        if !template.contains("{id}") {
            return template.to_owned();
        }
        let id = match (method, template) {
            (_, "/v1/WorkSpaces/{id}") => MAIN_WORKSPACE.to_string(),
            ("GET", "/v1/TenantUsers/{id}") => {
                let users = self.api.get("/v1/TenantUsers").await;
                plain(&users["items"][0]["id"])
            }
            ("DELETE", "/v1/TenantUsers/{id}") => self.removable_user().await,
            _ => panic!("the walk has no id for {method} {template}"),
        };
        template.replace("{id}", &id)
    }

    /// A user that can leave the organisation without breaking the walk: neither an owner nor
    /// the API key's own user.
    async fn removable_user(&self) -> String {
        let users = self.api.get("/v1/TenantUsers?size=500").await;
        let items = users["items"].as_array().cloned().unwrap_or_default();
        let user = items
            .iter()
            .rev()
            .find(|u| u["isOwner"] != true && u["role"] != "API")
            .expect("the seed has an ordinary user");
        plain(&user["id"])
    }

    /// The generic engine's routes: `{C}`, `{C}/{id}`, `{C}/batch-delete`, `{C}/workflow`,
    /// `{C}/archive[/{id}]`, `{C}/restore[/{id}]`.
    async fn generic(
        &mut self,
        method: &str,
        template: &str,
        name: &str,
        rest: &[&str],
    ) -> (String, Payload) {
        let c = collection(name);
        let base = ws_path(c.name);
        match (method, rest) {
            ("GET", []) => (base, Payload::None),
            ("POST", []) => (base, Payload::Json(self.create_body(c.name).await)),
            ("PATCH", []) => {
                let ids = json!([self.fresh(c.name).await]);
                let operations = self.patch_ops(c.name);
                let body = json!({ "ids": ids, "patch": { "operations": operations } });
                (base, Payload::Json(body))
            }
            ("DELETE", []) | ("POST", ["batch-delete"]) => {
                let body = json!([self.fresh(c.name).await]);
                let path = if rest.is_empty() {
                    base
                } else {
                    format!("{base}/batch-delete")
                };
                (path, Payload::Json(body))
            }
            ("GET", [_]) => (
                format!("{base}/{}", plain(&self.seeded(c.name).await)),
                Payload::None,
            ),
            ("PUT", [_]) => {
                let record = self.seeded_record(c.name).await;
                let schema = request_schema(method, template);
                let mut body = project(&record, &schema);
                body[c.text_field] = Value::from(self.label("put"));
                (
                    format!("{base}/{}", plain(&record["id"])),
                    Payload::Json(body),
                )
            }
            ("PATCH", [_]) => {
                let id = plain(&self.seeded(c.name).await);
                (
                    format!("{base}/{id}"),
                    Payload::Json(self.patch_ops(c.name)),
                )
            }
            ("DELETE", [_]) => (
                format!("{base}/{}", plain(&self.fresh(c.name).await)),
                Payload::None,
            ),
            ("POST", ["workflow"]) => {
                let kind = c.workflow.expect("a collection with a workflow route");
                let body =
                    json!({ "id": self.fresh(c.name).await, "stepId": self.step(kind).await });
                (format!("{base}/workflow"), Payload::Json(body))
            }
            ("POST", [verb @ ("archive" | "restore"), _]) => {
                let id = plain(&self.scratch(c.name, "one").await);
                (format!("{base}/{verb}/{id}"), Payload::None)
            }
            ("POST", [verb @ ("archive" | "restore")]) => {
                let body = json!([self.scratch(c.name, "many").await]);
                (format!("{base}/{verb}"), Payload::Json(body))
            }
            _ => panic!("the walk has no plan for {method} {template}"),
        }
    }

    /// Upload `bytes` to a request made for the occasion; `(request id, file id)`.
    async fn upload(&mut self, bytes: Vec<u8>) -> (String, String) {
        let dsr = plain(&self.fresh("DataSubjectRequests").await);
        let path = ws_path(&format!("DataSubjectAttachments/{dsr}"));
        let reply = self.api.send(Method::POST, &path, attachment(bytes)).await;
        assert!(
            reply.status.is_success(),
            "upload for the walk: {}",
            reply.status
        );
        (dsr, plain(&reply.value()["id"]))
    }

    /// `(source processing id, DataProcessingRelationShipDto)` linking two seeded activities.
    async fn processing_link_body(&mut self) -> (String, Value) {
        let list = self.api.get(&ws_path("DataProcessings")).await;
        let source = plain(&list["items"][0]["id"]);
        let target = list["items"][1]["id"].clone();
        let body = json!({ "element": { "id": target }, "relationShipType": "Related" });
        (source, body)
    }

    /// A link between processing activities made for the occasion; its id.
    async fn processing_link(&mut self) -> String {
        let (source, body) = self.processing_link_body().await;
        let path = ws_path(&format!("DataProcessingRelationships/{source}"));
        let reply = self
            .api
            .send(Method::POST, &path, Payload::Json(body))
            .await;
        assert!(
            reply.status.is_success(),
            "link for the walk: {}",
            reply.status
        );
        plain(&reply.value()["id"])
    }
}

/// An id as it appears in a path: numbers as digits, strings unquoted.
pub fn plain(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        Value::Null => panic!("BUG: the walk needed an id and found none"),
        other => other.to_string(),
    }
}

/// The documented JSON request schema of an operation (panics when there is none: the walk
/// only projects onto documented schemas).
fn request_schema(method: &str, template: &str) -> Value {
    let op = contract::operation(method, template)
        .unwrap_or_else(|| panic!("{method} {template} is in the contract"));
    contract::request_schema(op)
        .unwrap_or_else(|| panic!("{method} {template} documents a request body"))
        .clone()
}

/// Keep only the top-level properties `schema` declares (following one `$ref`).
pub fn project(record: &Value, schema: &Value) -> Value {
    let resolved = match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.rsplit('/').next().expect("a $ref has a name");
            contract::component(name).unwrap_or_else(|| panic!("schema {name} exists"))
        }
        None => schema,
    };
    let Some(declared) = resolved.get("properties").and_then(Value::as_object) else {
        return record.clone();
    };
    let kept: Map<String, Value> = record
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| declared.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Value::Object(kept)
}

/// A multipart attachment upload: part `File`, as the contract names it.
fn attachment(bytes: Vec<u8>) -> Payload {
    Payload::Multipart {
        part: "File",
        file_name: "walk.pdf".into(),
        bytes,
        fields: Vec::new(),
    }
}

/// An asset import upload: part `file` and `update=false` (the assumed shape).
fn import_form(file_name: &str, bytes: Vec<u8>) -> Payload {
    Payload::Multipart {
        part: "file",
        file_name: file_name.into(),
        bytes,
        fields: vec![("update", "false".into())],
    }
}
