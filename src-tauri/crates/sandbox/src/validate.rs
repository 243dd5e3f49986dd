//! Request bodies against the contract: the one place the sandbox calls
//! [`passerelle_dastra::contract::validate`], and the ASP.NET-style error it turns failures into.

use std::collections::BTreeMap;

use passerelle_dastra::contract::{self, FieldError};
use serde_json::Value;

use crate::error::ApiError;

/// Check `body` against the contract schema `schema` (`AssetDto`); on failure, a 400 whose
/// `errors` are keyed by field path (`label`, `tags[0].type`, `$` for the whole body).
pub fn validate_body(schema: &str, body: &Value) -> Result<(), ApiError> {
    match contract::validate(schema, body) {
        Ok(()) => Ok(()),
        Err(errors) => {
            tracing::debug!(schema, errors = errors.len(), "request body rejected");
            Err(problem(&errors))
        }
    }
}

/// Field errors as a validation problem.
pub fn problem(errors: &[FieldError]) -> ApiError {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in errors {
        let key = field_key(&e.path);
        map.entry(key.clone())
            .or_default()
            .push(format!("The field {key} {}.", e.message));
    }
    ApiError::Validation(map)
}

/// Parse a JSON body; malformed JSON is a 400 keyed `$`, as ASP.NET reports it.
pub fn parse_json(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::field(
            "$",
            "A non-empty request body is required.",
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::field(
            "$",
            format!(
                "The JSON value could not be read: {e} (line {}, column {}).",
                e.line(),
                e.column()
            ),
        )
    })
}

/// `/tags/0/type` → `tags[0].type`; the empty pointer → `$`.
pub fn field_key(pointer: &str) -> String {
    let mut key = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            key.push_str(&format!("[{segment}]"));
        } else {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(&segment);
        }
    }
    if key.is_empty() {
        "$".into()
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_aspnet_field_keys() {
        assert_eq!(field_key("/label"), "label");
        assert_eq!(field_key("/tags/0/type"), "tags[0].type");
        assert_eq!(field_key(""), "$");
    }

    #[test]
    fn malformed_json_is_a_400_on_the_body() {
        let err = parse_json(b"{\"label\": ").unwrap_err();
        let ApiError::Validation(errors) = err else {
            panic!("a validation problem")
        };
        assert!(errors.contains_key("$"), "keyed on the whole body");
    }
}
