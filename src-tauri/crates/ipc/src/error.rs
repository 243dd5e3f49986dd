//! Errors as the UI receives them: `{code, message}`.

use passerelle_dastra::error::ErrorKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the UI can branch on. A code is added only when a screen reacts to it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ErrorCode {
    /// The request was refused as invalid; the message says which field and why.
    Invalid,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// Dastra refused the credentials: the workspace settings need a new key.
    Unauthorized,
    /// Dastra (or the sandbox) could not be reached, or kept failing; trying later may work.
    Unreachable,
    /// Dastra may or may not have applied a write: check before doing it again.
    OutcomeUnknown,
    /// The operating system's keyring is locked or missing: secrets cannot be read or stored.
    Keyring,
    /// This build or workspace does not support the operation.
    Unsupported,
    /// A fault in Passerelle itself; the log has the details.
    Internal,
}

/// An error that crossed the IPC boundary. The message is for people: it says what failed and
/// what to do, and never holds a secret or personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[ts(export)]
#[error("{message}")]
pub struct IpcError {
    /// What the UI branches on.
    pub code: ErrorCode,
    /// What happened and how to fix it.
    pub message: String,
    /// For settings refused field by field: which fields, what is wrong, how to fix each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<passerelle_vault::FieldError>>")]
    pub fields: Vec<passerelle_vault::FieldError>,
    /// For a source refused problem by problem (a profile reading columns the source lacks):
    /// each problem with its kind and params, for the window to word in its language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(optional, as = "Option<Vec<passerelle_mapping::Problem>>")]
    pub problems: Vec<passerelle_mapping::Problem>,
    /// For a source that could not be read (a file, a database, an API): what went wrong
    /// and where, for the window to word in its language with what to do.
    // Boxed: it is rare, and keeps every `Result<_, IpcError>` small.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<crate::refusal::SourceRefusal>")]
    pub refusal: Option<Box<crate::refusal::SourceRefusal>>,
}

impl IpcError {
    /// An error with a code and a message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError {
            code,
            message: message.into(),
            fields: Vec::new(),
            problems: Vec::new(),
            refusal: None,
        }
    }

    /// The same error, naming the fields at fault.
    pub fn with_fields(mut self, fields: Vec<passerelle_vault::FieldError>) -> Self {
        self.fields = fields;
        self
    }

    /// The same error, with the problems that make it (each worded by the window).
    pub fn with_problems(mut self, problems: Vec<passerelle_mapping::Problem>) -> Self {
        self.problems = problems;
        self
    }
}

impl From<passerelle_dastra::Error> for IpcError {
    fn from(e: passerelle_dastra::Error) -> Self {
        IpcError::new(dastra_code(&e), e.to_string())
    }
}

/// The code the window branches on for a Dastra client error.
pub(crate) fn dastra_code(e: &passerelle_dastra::Error) -> ErrorCode {
    match e.kind() {
        ErrorKind::InvalidInput | ErrorKind::Rejected => ErrorCode::Invalid,
        ErrorKind::NotFound => ErrorCode::NotFound,
        ErrorKind::Unauthorized | ErrorKind::Forbidden => ErrorCode::Unauthorized,
        ErrorKind::Unavailable | ErrorKind::RateLimited => ErrorCode::Unreachable,
        ErrorKind::OutcomeUnknown => ErrorCode::OutcomeUnknown,
        _ => ErrorCode::Internal,
    }
}
