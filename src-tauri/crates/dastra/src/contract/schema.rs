//! Validation of JSON bodies against the contract, with a real JSON Schema validator.
//!
//! OpenAPI 3.0 schemas are not quite JSON Schema, so each is converted once before it is
//! compiled (draft 2020-12):
//! - `nullable: true` adds `null` to `type` (and to `enum`);
//! - a property that is a bare `$ref` also accepts `null`: OpenAPI 3.0 ignores siblings of
//!   `$ref`, so the document cannot say whether a nested object or enum may be null, and
//!   ASP.NET sends `null` for absent nested objects (a real 2023 payload has
//!   `"closedByUser": null`);
//! - `format: date-time` accepts timestamps with and without an offset (Dastra sends both),
//!   `format: uuid` is checked by pattern, `format: int32` bounds the integer.
//!
//! Compiled validators are cached per schema, so validating in a request handler is cheap.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::Validator;
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::document;

/// A timestamp with or without an offset, with up to 7 fractional digits or more.
pub const DATE_TIME_PATTERN: &str =
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$";
const UUID_PATTERN: &str =
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/// One reason a body breaks the contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// JSON pointer to the offending value (`/label`, `/tags/0/type`); empty for the whole body.
    pub path: String,
    /// What is wrong and what is allowed, in words (never the offending value itself, which may
    /// be personal data).
    pub message: String,
    /// The broken rule.
    pub kind: FieldErrorKind,
}

/// The rule a value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldErrorKind {
    /// A required property is missing.
    Required,
    /// A string is longer than the contract allows.
    MaxLength,
    /// A string is shorter than the contract allows.
    MinLength,
    /// A value is not one of the enum's members.
    Enum,
    /// A value has the wrong JSON type.
    Type,
    /// A string does not have the expected format (date-time, uuid).
    Format,
    /// A number is out of range.
    Range,
    /// A property the schema does not declare.
    UnknownField,
    /// Any other rule.
    Other,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.path.is_empty() {
            "body"
        } else {
            &self.path
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Check `body` against the component schema `name` (`AssetDto`) of the merged contract.
///
/// # Panics
/// When `name` is not a schema of the contract: that is a bug in the caller.
pub fn validate(name: &str, body: &Value) -> Result<(), Vec<FieldError>> {
    assert!(
        super::component(name).is_some(),
        "BUG: no contract schema named {name}"
    );
    validate_fragment(
        &json!({ "$ref": format!("#/components/schemas/{name}") }),
        body,
    )
}

/// Check `body` against an OpenAPI schema fragment, such as an operation's inline request or
/// response schema (`{"type": "array", "items": {"$ref": …}}`).
pub fn validate_fragment(fragment: &Value, body: &Value) -> Result<(), Vec<FieldError>> {
    let validator = compiled(fragment);
    let errors: Vec<FieldError> = validator
        .iter_errors(body)
        .map(|e| field_error(&e))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn compiled(fragment: &Value) -> Arc<Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Validator>>>> = OnceLock::new();
    let key = fragment.to_string();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(v) = cache
        .lock()
        .expect("BUG: validator cache poisoned")
        .get(&key)
    {
        return v.clone();
    }

    let mut root = to_json_schema(fragment, false);
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    root["components"] = json!({ "schemas": converted_components().clone() });
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|e| panic!("BUG: contract schema does not compile: {e}"));
    let validator = Arc::new(validator);
    cache
        .lock()
        .expect("BUG: validator cache poisoned")
        .insert(key, validator.clone());
    validator
}

fn converted_components() -> &'static Value {
    static CONVERTED: OnceLock<Value> = OnceLock::new();
    CONVERTED.get_or_init(|| {
        let schemas = document()["components"]["schemas"]
            .as_object()
            .expect("BUG: schemas");
        let out: Map<String, Value> = schemas
            .iter()
            .map(|(k, v)| (k.clone(), to_json_schema(v, false)))
            .collect();
        Value::Object(out)
    })
}

/// Convert one OpenAPI 3.0 schema into JSON Schema 2020-12 (see the module docs for the rules).
/// `in_property` is true for a schema that is the value of an object property.
pub fn to_json_schema(schema: &Value, in_property: bool) -> Value {
    let Some(obj) = schema.as_object() else {
        return schema.clone();
    };

    if let Some(reference) = obj.get("$ref") {
        let target = json!({ "$ref": reference });
        return if in_property {
            json!({ "if": { "type": "null" }, "then": true, "else": target })
        } else {
            target
        };
    }

    let mut out = Map::new();
    for (key, value) in obj {
        match key.as_str() {
            "nullable" | "example" | "x-passerelle-assumed" => {}
            "properties" => {
                let props = value.as_object().into_iter().flatten();
                let props = props
                    .map(|(k, v)| (k.clone(), to_json_schema(v, true)))
                    .collect();
                out.insert(key.clone(), Value::Object(props));
            }
            "items" | "additionalProperties" | "not" => {
                out.insert(key.clone(), to_json_schema(value, false));
            }
            "allOf" | "anyOf" | "oneOf" => {
                let list = value.as_array().into_iter().flatten();
                out.insert(
                    key.clone(),
                    list.map(|v| to_json_schema(v, false)).collect(),
                );
            }
            _ => {
                out.insert(key.clone(), value.clone());
            }
        }
    }

    match obj.get("format").and_then(Value::as_str) {
        Some("date-time") => {
            out.remove("format");
            out.insert("pattern".into(), json!(DATE_TIME_PATTERN));
        }
        Some("uuid") => {
            out.remove("format");
            out.insert("pattern".into(), json!(UUID_PATTERN));
        }
        Some("int32") => {
            out.insert("minimum".into(), json!(i32::MIN));
            out.insert("maximum".into(), json!(i32::MAX));
        }
        _ => {}
    }

    if obj.get("nullable").and_then(Value::as_bool) == Some(true) {
        // An untyped nullable schema (`{"nullable": true}`) accepts anything already.
        if let Some(Value::String(t)) = out.get("type") {
            let t = t.clone();
            out.insert("type".into(), json!([t, "null"]));
        }
        if let Some(Value::Array(values)) = out.get_mut("enum") {
            values.push(Value::Null);
        }
    }
    Value::Object(out)
}

fn field_error(e: &jsonschema::ValidationError<'_>) -> FieldError {
    let path = e.instance_path.to_string();
    let (kind, path, message) = match &e.kind {
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            (
                FieldErrorKind::Required,
                format!("{path}/{name}"),
                "is required".to_string(),
            )
        }
        ValidationErrorKind::MaxLength { limit } => {
            let len = e.instance.as_str().map_or(0, |s| s.chars().count());
            let msg = format!("must be at most {limit} characters long (it has {len})");
            (FieldErrorKind::MaxLength, path, msg)
        }
        ValidationErrorKind::MinLength { limit } => (
            FieldErrorKind::MinLength,
            path,
            format!("must be at least {limit} characters long"),
        ),
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<String> = options
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            (
                FieldErrorKind::Enum,
                path,
                format!("must be one of: {}", allowed.join(", ")),
            )
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => t.to_string(),
                TypeKind::Multiple(ts) => {
                    let names: Vec<String> = ts.iter().map(|t| t.to_string()).collect();
                    names.join(" or ")
                }
            };
            (
                FieldErrorKind::Type,
                path,
                format!("must be of type {expected}"),
            )
        }
        ValidationErrorKind::Pattern { pattern } if pattern == DATE_TIME_PATTERN => {
            let msg = "must be a date-time such as 2024-03-31T09:00:00Z or 2024-03-31T09:00:00";
            (FieldErrorKind::Format, path, msg.to_string())
        }
        ValidationErrorKind::Pattern { pattern } if pattern == UUID_PATTERN => {
            let msg = "must be a UUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301";
            (FieldErrorKind::Format, path, msg.to_string())
        }
        ValidationErrorKind::Minimum { limit } | ValidationErrorKind::Maximum { limit } => (
            FieldErrorKind::Range,
            path,
            format!("is out of range (limit {limit})"),
        ),
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let names = unexpected.join(", ");
            let msg = format!("has fields the contract does not know: {names}");
            (FieldErrorKind::UnknownField, path, msg)
        }
        other => (FieldErrorKind::Other, path, format!("{other:?}")),
    };
    FieldError {
        path,
        message,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(r: Result<(), Vec<FieldError>>) -> Vec<(String, FieldErrorKind)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.path, e.kind))
            .collect()
    }

    #[test]
    fn a_valid_asset_passes() {
        let asset = json!({ "label": "SAP S/4HANA", "type": "Software", "ref": "CI00042",
                            "description": null, "tags": [], "dateCreation": "2023-09-18T10:31:30.6882299" });
        assert_eq!(
            validate("AssetDto", &asset),
            Ok(()),
            "offsetless dates and nulls are fine"
        );
    }

    #[test]
    fn required_length_and_enum_errors_name_the_field() {
        let asset = json!({ "type": "Spaceship", "countryCode": "FRA" });
        let errors = kinds(validate("AssetDto", &asset));
        assert!(
            errors.contains(&("/label".into(), FieldErrorKind::Required)),
            "{errors:?}"
        );
        assert!(
            errors.contains(&("/type".into(), FieldErrorKind::Enum)),
            "{errors:?}"
        );
        assert!(
            errors.contains(&("/countryCode".into(), FieldErrorKind::MaxLength)),
            "{errors:?}"
        );
    }

    #[test]
    fn unknown_fields_are_refused_where_the_document_closes_the_schema() {
        let errors = kinds(validate(
            "TagDto",
            &json!({ "label": "x", "type": "Asset", "foo": 1 }),
        ));
        assert_eq!(errors, vec![(String::new(), FieldErrorKind::UnknownField)]);
    }

    #[test]
    fn nested_objects_may_be_null_but_not_malformed() {
        let dsr = json!({ "title": "Accès", "locale": "fr", "areaId": 1, "purposes": ["Access"],
                          "closedByUser": null, "area": { "id": 1 } });
        let errors = kinds(validate("DataSubjectRequestDto", &dsr));
        assert_eq!(
            errors,
            vec![("/area/label".into(), FieldErrorKind::Required)]
        );
    }

    #[test]
    fn messages_never_repeat_the_offending_value() {
        let long = "Jean-Édouard".repeat(30);
        let dsr = json!({ "title": "t", "locale": "fr", "areaId": 1, "purposes": ["Access"],
                          "givenName": long });
        let errors = validate("DataSubjectRequestDto", &dsr).unwrap_err();
        assert!(
            errors.iter().all(|e| !e.message.contains("Jean")),
            "{errors:?}"
        );
        assert!(errors[0].message.contains("at most 180"), "{errors:?}");
    }
}
