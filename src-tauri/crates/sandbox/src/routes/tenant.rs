//! Organisation-level routes outside the generic engine: `/me`, `/status`,
//! `/rate-limiting-state`, and the `TenantUsers` count and owners.

use axum::extract::State;
use axum::response::Response;
use axum::Extension;
use serde_json::{json, Value};

use super::crud::api_user;
use super::json_reply;
use crate::auth::Principal;
use crate::error::ApiError;
use crate::state::SandboxState;
use crate::store::strip_private;

/// `GET /me`: the key's principal, the organisation's API user, with the workspaces it sees.
pub(crate) async fn me(
    State(state): State<SandboxState>,
    Extension(p): Extension<Principal>,
) -> Result<Response, ApiError> {
    let body = state.read(|s| {
        let id = api_user(s);
        let mut user = s
            .get(None, "TenantUsers", &id.to_string())
            .cloned()
            .unwrap_or_else(|| json!({ "id": id }));
        strip_private(&mut user);
        let workspaces: Vec<Value> = s
            .collection(None, "WorkSpaces")
            .map(|c| {
                c.values()
                    .map(|w| json!({ "id": w["id"], "label": w["label"] }))
                    .collect()
            })
            .unwrap_or_default();
        user["workspaceIds"] = workspaces.iter().map(|w| w["id"].clone()).collect();
        user["workSpaces"] = Value::Array(workspaces);
        user["tenant"] = json!({ "id": s.tenant_id, "label": s.tenant_label });
        user["apiKey"] = json!({ "publicKey": p.public_key, "scope": "Organisation" });
        user
    });
    Ok(json_reply(body))
}

/// `GET /status`: liveness, no authentication.
pub(crate) async fn status() -> Response {
    json_reply(
        json!({ "status": "Healthy", "sandbox": true, "version": env!("CARGO_PKG_VERSION") }),
    )
}

/// `GET /rate-limiting-state`: what is left of each budget of the caller's key.
pub(crate) async fn rate_limiting_state(
    State(state): State<SandboxState>,
    Extension(p): Extension<Principal>,
) -> Response {
    let limits = state.rate().state(&p.public_key);
    json_reply(json!({ "limits": limits }))
}

/// `GET /v1/TenantUsers/count`: a bare integer.
pub(crate) async fn count_users(State(state): State<SandboxState>) -> Response {
    let n = state.read(|s| s.collection(None, "TenantUsers").map_or(0, |c| c.len()));
    json_reply(Value::from(n))
}

/// `GET /v1/TenantUsers/owners`: the organisation's owners, as a bare array of `UserDto`.
pub(crate) async fn owners(State(state): State<SandboxState>) -> Response {
    let owners: Vec<Value> = state.read(|s| {
        s.collection(None, "TenantUsers")
            .map(|c| {
                c.values()
                    .filter(|u| u["isOwner"] == true)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default()
    });
    let owners = owners
        .into_iter()
        .map(|mut u| {
            strip_private(&mut u);
            u
        })
        .collect();
    json_reply(Value::Array(owners))
}
