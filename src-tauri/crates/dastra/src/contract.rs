//! The Dastra contract: the published OpenAPI document plus Passerelle's overlay (being written).

use serde_json::Value;

/// One reason a body breaks the contract.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct FieldError {
    /// JSON pointer to the offending value (`/label`, `/tags/0/type`); empty for the whole body.
    pub path: String,
    /// What is wrong, in words.
    pub message: String,
    /// The broken rule.
    pub kind: FieldErrorKind,
}

/// The rule a value broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[allow(missing_docs)]
pub enum FieldErrorKind { Required, MaxLength, Enum, Type, Format, UnknownField, Other }

/// Check `body` against the named component schema (`AssetDto`) of the merged contract.
pub fn validate(schema: &str, body: &Value) -> Result<(), Vec<FieldError>> {
    let _ = (schema, body);
    unimplemented!("contract validation is being written")
}
