//! Authentication: `X-API-Key`, OAuth2 client credentials at `/connect/token`, and the rate
//! budget of the authenticated key.

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use base64::Engine as _;
use serde_json::json;

use crate::error::ApiError;
use crate::state::{SandboxState, TokenCheck};

/// Who is calling: the organisation's API key (the only principal of the sandbox).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// Public part of the key; budgets are counted per key.
    pub public_key: String,
}

/// Middleware: reject unauthenticated requests with 401 and requests over budget with 429,
/// then hand the [`Principal`] to the handler.
pub(crate) async fn authenticate(
    State(state): State<SandboxState>,
    mut req: Request,
    next: Next,
) -> Response {
    let principal = match principal(&state, req.headers()) {
        Ok(p) => p,
        Err(e) => return e.into_response(),
    };
    if let Err(retry_after) = state.rate().acquire(&principal.public_key) {
        tracing::debug!(retry_after, "sandbox rate budget exhausted");
        return ApiError::TooManyRequests { retry_after }.into_response();
    }
    req.extensions_mut().insert(principal);
    next.run(req).await
}

fn principal(state: &SandboxState, headers: &HeaderMap) -> Result<Principal, ApiError> {
    let options = state.options();
    let me = || Principal {
        public_key: options.public_key.clone(),
    };

    if let Some(key) = headers.get("x-api-key") {
        return if key.as_bytes() == options.private_key.as_bytes() {
            Ok(me())
        } else {
            Err(ApiError::Unauthorized(
                "the X-API-Key header does not hold a valid private key",
            ))
        };
    }
    let Some(auth) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return Err(ApiError::Unauthorized(
            "missing credentials: send X-API-Key: <private key> or Authorization: Bearer <token>",
        ));
    };
    let (scheme, value) = auth.trim().split_once(' ').unwrap_or((auth, ""));
    if scheme.eq_ignore_ascii_case("bearer") {
        return match state.check_token(value.trim()) {
            TokenCheck::Valid => Ok(me()),
            TokenCheck::Expired => Err(ApiError::Unauthorized("the access token has expired")),
            TokenCheck::Unknown => Err(ApiError::Unauthorized("the access token is not valid")),
        };
    }
    if scheme.eq_ignore_ascii_case("basic") {
        return match basic_credentials(value) {
            Some((public, private)) if is_client(state, &public, &private) => Ok(me()),
            _ => Err(ApiError::Unauthorized(
                "the Basic credentials are not a valid key pair",
            )),
        };
    }
    Err(ApiError::Unauthorized(
        "unsupported Authorization scheme: use Bearer or X-API-Key",
    ))
}

fn is_client(state: &SandboxState, public: &str, private: &str) -> bool {
    let o = state.options();
    public == o.public_key && private == o.private_key
}

/// `base64(public:private)` → the pair.
fn basic_credentials(value: &str) -> Option<(String, String)> {
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(value.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (public, private) = text.split_once(':')?;
    Some((public.to_string(), private.to_string()))
}

/// `POST /connect/token`: OAuth2 client credentials (RFC 6749 §4.4). The client authenticates
/// with HTTP Basic (`public:private`) or with `client_id`/`client_secret` in the form.
pub(crate) async fn token(
    State(state): State<SandboxState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let oauth_error = |status: StatusCode, error: &str, description: &str| {
        let body = json!({ "error": error, "error_description": description });
        (status, Json(body)).into_response()
    };

    let client = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.trim()
                .strip_prefix("Basic ")
                .or_else(|| v.trim().strip_prefix("basic "))
        })
        .and_then(basic_credentials)
        .or_else(|| {
            Some((
                field("client_id")?.to_string(),
                field("client_secret")?.to_string(),
            ))
        });
    let Some((public, private)) = client else {
        let msg =
            "client authentication is missing: send Authorization: Basic base64(public:private)";
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", msg);
    };
    if !is_client(&state, &public, &private) {
        let msg = "the client credentials are not a valid key pair";
        return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client", msg);
    }
    if field("grant_type") != Some("client_credentials") {
        let msg = "grant_type must be client_credentials";
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", msg);
    }
    if let Some(scope) = field("scope") {
        if !scope.split_whitespace().any(|s| s == "api1") {
            return oauth_error(
                StatusCode::BAD_REQUEST,
                "invalid_scope",
                "the only scope is api1",
            );
        }
    }

    let (token, lifetime) = state.issue_token();
    tracing::debug!(
        lifetime_s = lifetime.as_secs(),
        "sandbox access token issued"
    );
    let body = json!({
        "access_token": token,
        "expires_in": lifetime.as_secs(),
        "token_type": "Bearer",
        "scope": "api1",
    });
    (
        StatusCode::OK,
        [(header::CACHE_CONTROL, "no-store")],
        Json(body),
    )
        .into_response()
}
