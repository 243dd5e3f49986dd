//! The crate's one error type.
//!
//! Every variant says which request failed (method and path, never the query string, a key or a
//! token) and carries what Dastra answered when it answered something. Messages are lowercase and
//! start with `dastra:`. [`Error::kind`] gives a coarse classification for callers that branch
//! (the UI's error codes); nobody should match on message text.
//!
//! Values that come from response bodies can be personal data (a requester's e-mail in a DSAR), so
//! decode errors redact the quoted values serde would otherwise echo.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::Method;
use serde_json::Value;

/// `std::result::Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Longest raw (non-JSON) error body kept, in bytes.
const RAW_BODY_LIMIT: usize = 512;

/// Everything that can go wrong talking to Dastra.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A base or token URL that does not parse, has no host, or carries credentials.
    #[error("dastra: invalid url {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given, without credentials or query string.
        url: String,
        /// Why it was refused.
        reason: &'static str,
    },

    /// Plain `http://` to a host that is not loopback.
    #[error(
        "dastra: refusing plain http to {host}: use https (http is allowed for loopback only)"
    )]
    InsecureUrl {
        /// The offending host.
        host: String,
    },

    /// A client option with an unusable value (zero attempts, zero concurrency…).
    #[error("dastra: invalid option {option}: {reason}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// A page size outside `1..=500`, refused before any request is sent.
    #[error("dastra: page size {size} is out of range: a page holds 1 to 500 items")]
    PageSize {
        /// The requested size.
        size: u32,
    },

    /// Page 0: Dastra pages are numbered from 1.
    #[error("dastra: page {page} is out of range: pages are numbered from 1")]
    PageNumber {
        /// The requested page.
        page: u32,
    },

    /// A workspace-scoped call on a client that has no workspace id.
    #[error("dastra: {collection} lives in a workspace, but the client has no workspace id")]
    NoWorkspace {
        /// The collection that needed one.
        collection: &'static str,
    },

    /// 401 from the API, or the token endpoint refusing the client credentials.
    #[error(
        "dastra: {method} {path}: unauthorized (http {status}): check the API key / client \
         credentials{}",
        suffix(body)
    )]
    Unauthorized {
        /// 401 from the API; usually 400 or 401 from the token endpoint.
        status: u16,
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// What the server said.
        body: Option<Box<ErrorBody>>,
    },

    /// 403: the key is valid but may not do this.
    #[error(
        "dastra: {method} {path}: forbidden (http 403): the key has no right to do this{}",
        suffix(body)
    )]
    Forbidden {
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// What the server said.
        body: Option<Box<ErrorBody>>,
    },

    /// 404: no such record (or no such route).
    #[error("dastra: {method} {path}: not found (http 404){}", suffix(body))]
    NotFound {
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// What the server said.
        body: Option<Box<ErrorBody>>,
    },

    /// Any other non-success status, after retries when the status is retryable.
    #[error("dastra: {method} {path}: http {status}{}", suffix(body))]
    Http {
        /// The HTTP status.
        status: u16,
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// What the server said (validation details for a 400).
        body: Option<Box<ErrorBody>>,
    },

    /// 429 on every attempt, or a `Retry-After` longer than the client is willing to wait.
    #[error(
        "dastra: {method} {path}: rate limited (http 429) after {attempts} attempt(s){}",
        retry_hint(retry_after)
    )]
    RateLimited {
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// Attempts made.
        attempts: u32,
        /// The server's last `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },

    /// A non-idempotent request (POST, PATCH) failed after it may have reached the server: it may
    /// or may not have been applied. It is never retried blindly.
    #[error(
        "dastra: {method} {path}: outcome unknown ({cause}): the request may or may not have been \
         applied; reconcile (e.g. list and look for the record) before trying again"
    )]
    OutcomeUnknown {
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// What happened (timeout, connection reset, http 502…).
        cause: String,
    },

    /// The request could not be carried out at the network level, after retries when allowed.
    #[error("dastra: {method} {path}: transport error after {attempts} attempt(s): {cause}")]
    Transport {
        /// Method of the failed request.
        method: Method,
        /// Path of the failed request.
        path: String,
        /// Attempts made.
        attempts: u32,
        /// The network error and its causes, without the URL.
        cause: String,
    },

    /// A success response whose body is not what was expected. For a POST or PATCH the request
    /// itself succeeded: only its answer could not be read.
    #[error("dastra: {method} {path}: unexpected response body at {at}: {detail}")]
    Decode {
        /// Method of the request.
        method: Method,
        /// Path of the request.
        path: String,
        /// Where in the body (`items[3].state`, `.` for the root).
        at: String,
        /// What did not fit, with quoted values redacted.
        detail: String,
    },

    /// A request body that cannot be serialised as JSON (a map with non-string keys…).
    #[error("dastra: {method} {path}: cannot serialise the request body: {detail}")]
    Encode {
        /// Method of the request.
        method: Method,
        /// Path of the request.
        path: String,
        /// Serde's explanation.
        detail: String,
    },

    /// Reading or writing a local file (upload source, download destination) failed.
    #[error("dastra: file {}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system error.
        error: std::io::Error,
    },
}

/// A coarse classification of [`Error`], stable enough for UI error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Refused locally before sending: bad URL, option, page size, missing workspace.
    InvalidInput,
    /// The credentials were refused (401, or the token endpoint said no).
    Unauthorized,
    /// The credentials are valid but lack the right (403).
    Forbidden,
    /// No such record or route (404).
    NotFound,
    /// The server refused the request as invalid (400, 409, 422 and other 4xx).
    Rejected,
    /// Rate limited beyond the retries.
    RateLimited,
    /// A write may or may not have been applied; reconcile.
    OutcomeUnknown,
    /// The server or the network failed (5xx, connection, timeout) beyond the retries.
    Unavailable,
    /// The server answered something the client cannot read, or the body could not be encoded.
    Protocol,
    /// A local file could not be read or written.
    Io,
}

impl Error {
    /// The HTTP status the server answered, when the failure is an HTTP answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized { status, .. } | Error::Http { status, .. } => Some(*status),
            Error::Forbidden { .. } => Some(403),
            Error::NotFound { .. } => Some(404),
            Error::RateLimited { .. } => Some(429),
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed without changing anything: rate
    /// limits, 5xx and network failures. [`Error::OutcomeUnknown`] is *not* retryable: the caller
    /// must first find out whether the write happened.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::Transport { .. } => true,
            Error::Http { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// The coarse classification of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidUrl { .. }
            | Error::InsecureUrl { .. }
            | Error::InvalidOption { .. }
            | Error::PageSize { .. }
            | Error::PageNumber { .. }
            | Error::NoWorkspace { .. } => ErrorKind::InvalidInput,
            Error::Unauthorized { .. } => ErrorKind::Unauthorized,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Http { status, .. } if *status >= 500 => ErrorKind::Unavailable,
            Error::Http { .. } => ErrorKind::Rejected,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::OutcomeUnknown { .. } => ErrorKind::OutcomeUnknown,
            Error::Transport { .. } => ErrorKind::Unavailable,
            Error::Decode { .. } | Error::Encode { .. } => ErrorKind::Protocol,
            Error::Io { .. } => ErrorKind::Io,
        }
    }

    /// Dastra's error body, when the failure is an HTTP answer that had one.
    pub fn body(&self) -> Option<&ErrorBody> {
        match self {
            Error::Unauthorized { body, .. }
            | Error::Forbidden { body, .. }
            | Error::NotFound { body, .. }
            | Error::Http { body, .. } => body.as_deref(),
            _ => None,
        }
    }

    /// The error for a non-success status that is not retried (or no longer).
    pub(crate) fn from_status(
        status: u16,
        method: Method,
        path: String,
        body: Option<ErrorBody>,
    ) -> Error {
        let body = body.map(Box::new);
        match status {
            401 => Error::Unauthorized {
                status,
                method,
                path,
                body,
            },
            403 => Error::Forbidden { method, path, body },
            404 => Error::NotFound { method, path, body },
            _ => Error::Http {
                status,
                method,
                path,
                body,
            },
        }
    }

    /// A decode failure, located by `serde_path_to_error`.
    pub(crate) fn decode(
        method: Method,
        path: String,
        err: serde_path_to_error::Error<serde_json::Error>,
    ) -> Error {
        let at = err.path().to_string();
        let detail = redact_quoted(&err.into_inner().to_string());
        Error::Decode {
            method,
            path,
            at,
            detail,
        }
    }

    /// A local file failure.
    pub(crate) fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            error,
        }
    }
}

/// Dastra's answer to a failed request.
///
/// The API runs on ASP.NET Core, whose failures are `ProblemDetails`
/// (`{type, title, status, detail}`) or `ValidationProblemDetails` (the same plus
/// `errors: {field: [message]}`); those are parsed. Anything else is kept as raw text, truncated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorBody {
    /// `title` of a problem document ("One or more validation errors occurred.").
    pub title: Option<String>,
    /// `detail` of a problem document, or `message` of a `{message}` body.
    pub detail: Option<String>,
    /// Field-level messages of a validation problem, by field name as the server spells it.
    pub errors: BTreeMap<String, Vec<String>>,
    /// The body as text when it is not a problem document, truncated to 512 bytes.
    pub raw: Option<String>,
}

impl ErrorBody {
    /// Parse a response body; `None` when it is empty.
    pub fn parse(bytes: &[u8]) -> Option<ErrorBody> {
        let text = String::from_utf8_lossy(bytes);
        let text = text.trim();
        if text.is_empty() {
            return None;
        }

        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) if is_problem(&map) => Some(Self::from_problem(&map)),
            Ok(Value::String(s)) => Some(ErrorBody {
                raw: Some(truncate(&s)),
                ..Self::default()
            }),
            _ => Some(ErrorBody {
                raw: Some(truncate(text)),
                ..Self::default()
            }),
        }
    }

    fn from_problem(map: &serde_json::Map<String, Value>) -> ErrorBody {
        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
        let mut errors = BTreeMap::new();
        if let Some(Value::Object(fields)) = map.get("errors") {
            for (field, messages) in fields {
                let messages = match messages {
                    Value::Array(list) => list.iter().map(value_text).collect(),
                    other => vec![value_text(other)],
                };
                errors.insert(field.clone(), messages);
            }
        }

        ErrorBody {
            title: text("title"),
            detail: text("detail").or_else(|| text("message")),
            errors,
            raw: None,
        }
    }
}

impl fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.title.iter().cloned());
        parts.extend(self.detail.iter().cloned());
        for (field, messages) in &self.errors {
            parts.push(format!("{field}: {}", messages.join(", ")));
        }
        parts.extend(self.raw.iter().cloned());
        f.write_str(&parts.join("; "))
    }
}

fn is_problem(map: &serde_json::Map<String, Value>) -> bool {
    ["title", "errors", "detail", "message"]
        .iter()
        .any(|k| map.contains_key(*k))
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn truncate(text: &str) -> String {
    if text.len() <= RAW_BODY_LIMIT {
        return text.to_owned();
    }
    let mut end = RAW_BODY_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

fn suffix(body: &Option<Box<ErrorBody>>) -> String {
    match body {
        Some(body) if !body.to_string().is_empty() => format!(": {body}"),
        _ => String::new(),
    }
}

fn retry_hint(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(d) => format!(" (server asked to wait {}s)", d.as_secs()),
        None => String::new(),
    }
}

/// Replace every `"…"` in a serde message by `"***"`: serde quotes the offending value
/// (`invalid type: string "jane@example.org", expected i32`), which may be personal data.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut in_quote = false;
    for c in message.chars() {
        match (c, in_quote) {
            ('"', false) => {
                out.push_str("\"***");
                in_quote = true;
            }
            ('"', true) => {
                out.push('"');
                in_quote = false;
            }
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_problem_is_parsed_into_field_errors() {
        let raw = br#"{"type":"https://tools.ietf.org/html/rfc7231#section-6.5.1",
            "title":"One or more validation errors occurred.","status":400,
            "errors":{"Label":["The Label field is required."],"Type":["Unknown value"]}}"#;
        let body = ErrorBody::parse(raw).expect("a body");
        assert_eq!(
            body.title.as_deref(),
            Some("One or more validation errors occurred.")
        );
        assert_eq!(body.errors["Label"], vec!["The Label field is required."]);
        assert!(body.raw.is_none(), "a problem document is not kept raw");

        let err = Error::from_status(400, Method::POST, "/v1/ws/1/Assets".into(), Some(body));
        let msg = err.to_string();
        assert!(
            msg.starts_with("dastra: POST /v1/ws/1/Assets: http 400: One or more"),
            "{msg}"
        );
        assert!(
            msg.contains("Label: The Label field is required."),
            "fields listed: {msg}"
        );
        assert_eq!(err.kind(), ErrorKind::Rejected, "a 400 is a rejection");
    }

    #[test]
    fn a_non_json_body_is_kept_raw_and_truncated() {
        let long = "x".repeat(2000);
        let body = ErrorBody::parse(long.as_bytes()).expect("a body");
        let raw = body.raw.expect("raw text");
        assert!(
            raw.len() <= RAW_BODY_LIMIT + 3,
            "truncated to the limit, got {}",
            raw.len()
        );
        assert!(
            ErrorBody::parse(b"  ").is_none(),
            "an empty body is no body"
        );
    }

    #[test]
    fn truncation_respects_character_boundaries() {
        let text = "é".repeat(400);
        let cut = truncate(&text);
        assert!(cut.ends_with('…'), "marked as cut");
    }

    #[test]
    fn unauthorized_points_at_the_credentials() {
        let err = Error::from_status(401, Method::GET, "/v1/WorkSpaces".into(), None);
        assert_eq!(
            err.to_string(),
            "dastra: GET /v1/WorkSpaces: unauthorized (http 401): check the API key / client \
             credentials"
        );
        assert_eq!(err.kind(), ErrorKind::Unauthorized);
        assert_eq!(err.status(), Some(401));
        assert!(
            !err.is_retryable(),
            "bad credentials do not get better by waiting"
        );
    }

    #[test]
    fn outcome_unknown_tells_the_caller_to_reconcile_and_is_not_retryable() {
        let err = Error::OutcomeUnknown {
            method: Method::POST,
            path: "/v1/ws/1/DataSubjectRequests".into(),
            cause: "connection reset".into(),
        };
        let msg = err.to_string();
        assert!(msg.contains("outcome unknown"), "{msg}");
        assert!(msg.contains("reconcile"), "{msg}");
        assert!(
            !err.is_retryable(),
            "an unknown outcome must be reconciled first"
        );
    }

    #[test]
    fn decode_errors_redact_the_values_serde_quotes() {
        let json = br#"{"items":[{"n":"jane@example.org"}]}"#;
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Item {
            n: i32,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Env {
            items: Vec<Item>,
        }
        let mut de = serde_json::Deserializer::from_slice(json);
        let err = serde_path_to_error::deserialize::<_, Env>(&mut de).expect_err("mismatch");
        let err = Error::decode(Method::GET, "/x".into(), err);
        let msg = err.to_string();
        assert!(
            !msg.contains("jane"),
            "no value leaks into the message: {msg}"
        );
        assert!(msg.contains("items[0].n"), "the location is given: {msg}");
    }

    #[test]
    fn retryable_errors_are_the_transient_ones() {
        let http = |status| Error::Http {
            status,
            method: Method::GET,
            path: "/".into(),
            body: None,
        };
        assert!(http(503).is_retryable(), "5xx is transient");
        assert!(!http(400).is_retryable(), "4xx is not");
        assert_eq!(http(502).kind(), ErrorKind::Unavailable);
    }
}
