//! Errors: the crate's own [`Error`] (starting a sandbox) and [`ApiError`], what a request gets
//! back when it fails, in ASP.NET Core's ProblemDetails shape.

use std::collections::BTreeMap;
use std::path::PathBuf;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// Why a sandbox could not start or save its state.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("sandbox io: {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The state file is not a sandbox state.
    #[error("sandbox state: {path} is not a valid state file: {source}")]
    StateFile {
        /// The state file.
        path: PathBuf,
        /// What the parser said.
        source: serde_json::Error,
    },
}

/// Result alias for the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A failed request, rendered as `application/problem+json`.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// 400 with a plain explanation (bad query parameter, unknown step…).
    BadRequest(String),
    /// 400 with field-level errors, keyed by field path (`label`, `tags[0].type`, `$`).
    Validation(BTreeMap<String, Vec<String>>),
    /// 401: credentials missing, unknown or expired. Never carries the credential itself.
    Unauthorized(&'static str),
    /// 403: the admin routes outside loopback.
    Forbidden(&'static str),
    /// 404: unknown path, workspace or id.
    NotFound(String),
    /// 429 with `Retry-After` in seconds.
    TooManyRequests {
        /// Seconds until a request would be accepted again.
        retry_after: u64,
    },
    /// 503 (injected fault).
    Unavailable,
    /// 500: the sandbox itself failed (disk full…).
    Internal(String),
}

impl ApiError {
    /// A 404 naming what was looked for.
    pub fn not_found(what: impl std::fmt::Display) -> Self {
        ApiError::NotFound(format!("{what} was not found"))
    }

    /// A validation error on one field.
    pub fn field(key: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(BTreeMap::from([(key.into(), vec![message.into()])]))
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest(_) | ApiError::Validation(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem body.
    pub fn body(&self) -> Value {
        let status = self.status();
        let (kind, title) = match status.as_u16() {
            400 => ("rfc9110#section-15.5.1", "Bad Request"),
            401 => ("rfc9110#section-15.5.2", "Unauthorized"),
            403 => ("rfc9110#section-15.5.4", "Forbidden"),
            404 => ("rfc9110#section-15.5.5", "Not Found"),
            429 => ("rfc6585#section-4", "Too Many Requests"),
            503 => ("rfc9110#section-15.6.4", "Service Unavailable"),
            _ => (
                "rfc9110#section-15.6.1",
                "An error occurred while processing your request.",
            ),
        };
        let mut body = json!({
            "type": format!("https://tools.ietf.org/html/{kind}"),
            "title": title,
            "status": status.as_u16(),
        });
        match self {
            ApiError::Validation(errors) => {
                body["title"] = json!("One or more validation errors occurred.");
                body["errors"] = json!(errors);
            }
            ApiError::BadRequest(d) | ApiError::NotFound(d) | ApiError::Internal(d) => {
                body["detail"] = json!(d)
            }
            ApiError::Unauthorized(d) | ApiError::Forbidden(d) => body["detail"] = json!(d),
            ApiError::TooManyRequests { retry_after } => {
                body["detail"] = json!(format!(
                    "rate limit exceeded; retry after {retry_after} seconds"
                ));
            }
            ApiError::Unavailable => {
                body["detail"] = json!("the service is temporarily unavailable")
            }
        }
        body["traceId"] = json!(trace_id());
        body
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status().as_u16(), self.body()["detail"])
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status(), axum::Json(self.body())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json; charset=utf-8"),
        );
        match &self {
            ApiError::TooManyRequests { retry_after } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
            ApiError::Unauthorized(_) => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            _ => {}
        }
        response
    }
}

/// A W3C trace id, as ASP.NET Core puts in its problem bodies.
fn trace_id() -> String {
    let a = uuid::Uuid::new_v4().simple().to_string();
    let b = &uuid::Uuid::new_v4().simple().to_string()[..16];
    format!("00-{a}-{b}-00")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_validation_error_has_the_aspnet_shape() {
        let body = ApiError::field("label", "The field label is required.").body();
        assert_eq!(body["status"], 400, "status is repeated in the body");
        assert_eq!(body["title"], "One or more validation errors occurred.");
        assert_eq!(body["errors"]["label"][0], "The field label is required.");
        assert!(
            body["traceId"]
                .as_str()
                .is_some_and(|t| t.starts_with("00-")),
            "trace id"
        );
    }

    #[test]
    fn a_429_carries_retry_after() {
        let response = ApiError::TooManyRequests { retry_after: 7 }.into_response();
        assert_eq!(response.status(), 429);
        assert_eq!(
            response.headers()[header::RETRY_AFTER],
            "7",
            "Retry-After in seconds"
        );
    }
}
