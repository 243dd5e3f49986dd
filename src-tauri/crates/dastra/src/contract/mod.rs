//! The Dastra contract: Dastra's published OpenAPI document with Passerelle's overlay applied.
//!
//! `contract/openapi.json` is Dastra's own document (2023 state), copied unchanged.
//! `contract/overlay.json` holds every shape Passerelle assumes where that document is silent
//! (contracts, asset import, extra fields the live API sends); [`crate::assumptions`] explains
//! each entry. [`document`] merges the two once, and everything downstream reads the merged
//! document: request validation in the sandbox, the conformance test, the generated models and
//! the mapping targets. Correcting an assumption is an edit to `overlay.json`.
//!
//! [`validate`] checks a body against a component schema with a real JSON Schema validator
//! (the `jsonschema` crate) after converting OpenAPI 3.0 idioms, see [`schema`].

pub mod schema;

#[cfg(test)]
mod codegen;

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

pub use schema::{validate, validate_fragment, FieldError, FieldErrorKind};

const OPENAPI: &str = include_str!("../../contract/openapi.json");
const OVERLAY: &str = include_str!("../../contract/overlay.json");

/// Marker set on every operation and schema that comes from the overlay, not from Dastra.
pub const ASSUMED: &str = "x-passerelle-assumed";

/// The merged contract (OpenAPI 3.0 JSON), built on first use.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc: Value =
            serde_json::from_str(OPENAPI).expect("BUG: openapi.json is valid JSON");
        let overlay: Value =
            serde_json::from_str(OVERLAY).expect("BUG: overlay.json is valid JSON");
        apply_overlay(&mut doc, &overlay);
        doc
    })
}

/// The component schema `name` (`AssetDto`), in OpenAPI form.
pub fn component(name: &str) -> Option<&'static Value> {
    document()["components"]["schemas"].get(name)
}

/// The operation object for `method` (any case) on `path_template` (as written in the document,
/// matched case-insensitively).
pub fn operation(method: &str, path_template: &str) -> Option<&'static Value> {
    let paths = document()["paths"].as_object()?;
    let item = paths
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(path_template))
        .map(|(_, item)| item)?;
    item.get(method.to_ascii_lowercase())
}

/// The JSON request-body schema of an operation, when it has one.
pub fn request_schema(op: &Value) -> Option<&Value> {
    let content = op.get("requestBody")?.get("content")?.as_object()?;
    [
        "application/json",
        "application/json-patch+json",
        "multipart/form-data",
    ]
    .iter()
    .find_map(|ct| content.get(*ct))
    .or_else(|| content.values().next())?
    .get("schema")
}

/// The JSON schema of an operation's `200` response body, when the contract documents one.
pub fn response_schema(op: &Value) -> Option<&Value> {
    let content = op
        .get("responses")?
        .get("200")?
        .get("content")?
        .as_object()?;
    content
        .get("application/json")
        .or_else(|| content.values().next())?
        .get("schema")
}

fn apply_overlay(doc: &mut Value, overlay: &Value) {
    let schemas = doc["components"]["schemas"]
        .as_object_mut()
        .expect("BUG: document has schemas");

    for (name, extra) in overlay["extraProperties"].as_object().into_iter().flatten() {
        let props = schemas
            .get_mut(name)
            .and_then(|s| s.get_mut("properties"))
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("BUG: overlay extends unknown schema {name}"));
        for (field, spec) in extra.as_object().into_iter().flatten() {
            let mut spec = spec.clone();
            spec[ASSUMED] = Value::Bool(true);
            props.insert(field.clone(), spec);
        }
    }

    for (name, values) in overlay["enumExtensions"].as_object().into_iter().flatten() {
        let list = schemas
            .get_mut(name)
            .and_then(|s| s.get_mut("enum"))
            .and_then(Value::as_array_mut)
            .unwrap_or_else(|| panic!("BUG: overlay extends unknown enum {name}"));
        for v in values.as_array().into_iter().flatten() {
            if !list.contains(v) {
                list.push(v.clone());
            }
        }
    }

    for (name, schema) in overlay["schemas"].as_object().into_iter().flatten() {
        let mut schema = schema.clone();
        schema[ASSUMED] = Value::Bool(true);
        schemas.insert(name.clone(), schema);
    }

    let paths = doc["paths"]
        .as_object_mut()
        .expect("BUG: document has paths");
    for (path, methods) in overlay["operations"].as_object().into_iter().flatten() {
        let item = paths.entry(path.clone()).or_insert_with(|| json!({}));
        for (method, spec) in methods.as_object().into_iter().flatten() {
            let op = item
                .as_object_mut()
                .expect("BUG: path items are objects")
                .entry(method.clone())
                .or_insert_with(|| json!({ "responses": { "200": { "description": "Success" } } }));
            overlay_operation(op, spec);
        }
    }
}

fn overlay_operation(op: &mut Value, spec: &Value) {
    let schema_ref = |name: &Value| json!({ "$ref": format!("#/components/schemas/{}", name.as_str().unwrap_or_default()) });
    let request = spec
        .get("request")
        .map(schema_ref)
        .or_else(|| spec.get("requestInline").cloned());
    if let Some(schema) = request {
        op["requestBody"] = json!({ "content": { "application/json": { "schema": schema } } });
    }
    if let Some(name) = spec.get("multipart") {
        op["requestBody"] =
            json!({ "content": { "multipart/form-data": { "schema": schema_ref(name) } } });
    }
    let response = spec
        .get("response")
        .map(schema_ref)
        .or_else(|| spec.get("responseInline").cloned());
    if let Some(schema) = response {
        op["responses"]["200"]["content"] = json!({ "application/json": { "schema": schema } });
    }
    op[ASSUMED] = Value::Bool(true);
}

/// Names of every component schema the overlay adds or extends, for documentation and tests.
pub fn assumed_schemas() -> Vec<&'static str> {
    let schemas: &Map<String, Value> = document()["components"]["schemas"]
        .as_object()
        .expect("BUG: document has schemas");
    schemas
        .iter()
        .filter(|(_, s)| {
            s.get(ASSUMED).is_some()
                || s["properties"]
                    .as_object()
                    .is_some_and(|p| p.values().any(|f| f.get(ASSUMED).is_some()))
        })
        .map(|(n, _)| n.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overlay_adds_contracts_and_the_asset_ref() {
        assert!(
            component("ContractDto").is_some(),
            "contracts have an assumed schema"
        );
        let asset = component("AssetDto").expect("assets are in the document");
        assert_eq!(
            asset["properties"]["ref"][ASSUMED], true,
            "ref is marked as assumed"
        );
        assert_eq!(
            asset["properties"]["label"]["maxLength"], 655,
            "document fields are intact"
        );
    }

    #[test]
    fn operations_are_found_whatever_the_case() {
        let op = operation("GET", "/v1/workspaces").expect("the document lists WorkSpaces");
        assert!(
            response_schema(op).is_some(),
            "the workspace list has a response schema"
        );
        let contracts = operation("post", "/v1/ws/{workspaceId}/Contracts").expect("overlay op");
        assert_eq!(contracts[ASSUMED], true, "overlay operations are marked");
        assert!(
            request_schema(contracts).is_some(),
            "the assumed create has a body schema"
        );
    }

    #[test]
    fn enum_extensions_keep_the_documented_values() {
        let wf = component("WorkflowType").expect("WorkflowType exists");
        let values = wf["enum"].as_array().expect("an enum");
        assert!(
            values.contains(&json!("DataSubject")),
            "documented value kept"
        );
        assert!(
            values.contains(&json!("DataSubjectRequest")),
            "observed value added"
        );
    }
}
