//! The router: every path the sandbox answers, matched case-insensitively.
//!
//! ASP.NET Core matches routes ignoring case (`/v1/workspaces` and `/v1/WorkSpaces` are the same
//! route), so [`app`] lowercases the request path before routing and the routes below are
//! written in lowercase. Ids and other path values are compared case-insensitively too.

pub(crate) mod attachments;
pub(crate) mod batch;
pub(crate) mod crud;
pub(crate) mod import;
pub(crate) mod lifecycle;
pub(crate) mod special;
pub(crate) mod tenant;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, StatusCode, Uri};
use axum::middleware::{from_fn_with_state, map_request};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::Router;
use serde_json::Value;

use crate::auth;
use crate::error::ApiError;
use crate::faults;
use crate::spec::{self, CollectionSpec, Scope};
use crate::state::SandboxState;

/// Largest JSON body accepted (imports and batch requests can be large).
const JSON_LIMIT: usize = 64 * 1024 * 1024;
/// Largest upload (attachments, import files); files are streamed to disk, never held whole.
const FILE_LIMIT: usize = 4 * 1024 * 1024 * 1024;

/// The sandbox as an axum router: `/v1/…`, `/me`, `/status`, `/rate-limiting-state`,
/// `/connect/token` and the admin routes under `/_sandbox`.
pub fn app(state: SandboxState) -> Router {
    Router::new()
        .fallback_service(routes(state))
        .layer(map_request(lowercase_path))
}

fn routes(state: SandboxState) -> Router {
    let ws = "/v1/ws/{ws}";
    let v1 = Router::new()
        .route(
            &format!("{ws}/datasubjectattachments/{{id}}"),
            get(attachments::list)
                .post(attachments::upload)
                .layer(DefaultBodyLimit::max(FILE_LIMIT)),
        )
        .route(
            &format!("{ws}/datasubjectattachments/{{id}}/{{file}}"),
            axum::routing::delete(attachments::delete),
        )
        .route(
            &format!("{ws}/datasubjectattachments/{{id}}/purge"),
            post(attachments::purge),
        )
        .route(
            &format!("{ws}/datasubjectattachments/{{id}}/download/{{file}}"),
            get(attachments::download),
        )
        .route(
            &format!("{ws}/assets/import"),
            post(import::csv).layer(DefaultBodyLimit::max(FILE_LIMIT)),
        )
        .route(
            &format!("{ws}/assets/import/json"),
            post(import::json).layer(DefaultBodyLimit::max(FILE_LIMIT)),
        )
        .route(
            &format!("{ws}/datasubjectrequests/set-identity-validation/{{id}}"),
            put(special::identity_validation),
        )
        .route(
            &format!("{ws}/datasubjectrequests/{{id}}/close"),
            post(special::close_request),
        )
        .route(
            &format!("{ws}/tasks/{{id}}/archive"),
            post(special::archive_task),
        )
        .route(&format!("{ws}/tasks/count"), get(special::count_tasks))
        .route(
            &format!("{ws}/workflows"),
            get(special::workflows).put(special::save_workflows),
        )
        .route(
            &format!("{ws}/workflows/{{id}}"),
            get(special::workflow_steps),
        )
        .route(
            &format!("{ws}/dataprocessingrelationships/{{id}}"),
            get(special::processing_links)
                .post(special::link_processing)
                .delete(special::unlink_processing),
        )
        .route(
            &format!("{ws}/dataprocessingrelationships/count/{{id}}"),
            get(special::count_processing_links),
        )
        .route("/v1/tenantusers/count", get(tenant::count_users))
        .route("/v1/tenantusers/owners", get(tenant::owners))
        .route(
            &format!("{ws}/{{c}}"),
            get(crud::list)
                .post(crud::create)
                .patch(batch::batch_patch)
                .delete(batch::batch_delete),
        )
        .route(
            &format!("{ws}/{{c}}/batch-delete"),
            post(batch::batch_delete_post),
        )
        .route(&format!("{ws}/{{c}}/workflow"), post(lifecycle::workflow))
        .route(
            &format!("{ws}/{{c}}/archive"),
            post(lifecycle::archive_many),
        )
        .route(
            &format!("{ws}/{{c}}/restore"),
            post(lifecycle::restore_many),
        )
        .route(
            &format!("{ws}/{{c}}/archive/{{id}}"),
            post(lifecycle::archive),
        )
        .route(
            &format!("{ws}/{{c}}/restore/{{id}}"),
            post(lifecycle::restore),
        )
        .route(
            &format!("{ws}/{{c}}/{{id}}"),
            get(crud::get)
                .put(crud::update)
                .patch(crud::patch)
                .delete(crud::delete),
        )
        .route("/v1/{c}", get(crud::tenant_list))
        .route(
            "/v1/{c}/{id}",
            get(crud::tenant_get).delete(crud::tenant_delete),
        )
        .layer(DefaultBodyLimit::max(JSON_LIMIT))
        .layer(from_fn_with_state(state.clone(), auth::authenticate))
        .layer(from_fn_with_state(state.clone(), faults::inject));

    let principal = Router::new()
        .route("/me", get(tenant::me))
        .route("/rate-limiting-state", get(tenant::rate_limiting_state))
        .layer(from_fn_with_state(state.clone(), auth::authenticate));

    let public = Router::new()
        .route("/status", get(tenant::status))
        .route("/connect/token", post(auth::token));

    v1.merge(principal)
        .merge(public)
        .merge(faults::admin_routes())
        .fallback(unknown_path)
        .with_state(state)
}

/// Lowercase the path (not the query) so routing ignores case.
async fn lowercase_path(mut req: Request) -> Request {
    let uri = req.uri();
    let path = uri.path();
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        let lowered = match uri.query() {
            Some(q) => format!("{}?{q}", path.to_ascii_lowercase()),
            None => path.to_ascii_lowercase(),
        };
        let mut parts = uri.clone().into_parts();
        parts.path_and_query = lowered.parse().ok();
        if let Ok(new) = Uri::from_parts(parts) {
            *req.uri_mut() = new;
        }
    }
    req
}

async fn unknown_path(uri: Uri) -> ApiError {
    ApiError::NotFound(format!("no route for {}", uri.path()))
}

/// The collection and workspace a request is about.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    /// The workspace, for workspace collections.
    pub ws: Option<i32>,
    /// The collection.
    pub spec: &'static CollectionSpec,
}

/// Resolve `{ws}` and `{c}`: an unknown collection or workspace is a 404.
pub(crate) fn resolve(state: &SandboxState, ws: Option<&str>, c: &str) -> Result<Target, ApiError> {
    let wanted = if ws.is_some() {
        Scope::Workspace
    } else {
        Scope::Tenant
    };
    let spec = spec::find(c)
        .filter(|s| s.scope == wanted)
        .ok_or_else(|| ApiError::NotFound(format!("no resource named {c}")))?;
    let ws = ws.map(|raw| workspace(state, raw)).transpose()?;
    Ok(Target { ws, spec })
}

/// The id of an existing workspace, or 404.
pub(crate) fn workspace(state: &SandboxState, raw: &str) -> Result<i32, ApiError> {
    raw.parse::<i32>()
        .ok()
        .filter(|id| state.read(|s| s.has_workspace(*id)))
        .ok_or_else(|| ApiError::not_found(format!("workspace {raw}")))
}

/// `200` with a JSON body.
pub(crate) fn json_reply(body: Value) -> Response {
    axum::Json(body).into_response()
}

/// `200` with no body, as the contract documents many writes.
pub(crate) fn empty() -> Response {
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_LENGTH, 0)
        .body(Body::empty())
        .expect("BUG: a static response is valid")
}
