//! A CMDB-style HTTP API, served beside the sandbox for REST recipes to read from (feature
//! `cmdb`; the import, IPC and end-to-end tests use it).
//!
//! - `GET /api/v2/applications?page=&per_page=` answers one page of the applications with
//!   their total, as `{"data": {"items": [...], "total": N}}`; `page` starts at 1 and
//!   `per_page` defaults to 10. Every page asked for is recorded ([`Cmdb::pages`]).
//! - `GET /api/v2/portail` answers an HTML page for people, where a recipe pointing at the
//!   wrong path lands.
//!
//! [`APPLICATIONS_RECIPE`] is a REST recipe that reads every application, two a page.
//!
//! With a [`CmdbAccess::Bearer`] token, a request without it gets HTTP 401, and one with the
//! read-only token (known, but not allowed to list applications) gets HTTP 403. Neither is
//! recorded as a page.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

/// A REST recipe reading the applications of a [`Cmdb`] two a page, to its total: columns
/// `u_number` (the application's `number`, also the record's id), `name`, `sys_class_name`
/// (`class`) and `owner` (`owner.name`). Run on a connection whose base URL is
/// [`Cmdb::base_url`].
pub const APPLICATIONS_RECIPE: &str = r#"{
  "name": "Applications de la CMDB",
  "description": "The applications of the CMDB, two a page.",
  "requests": [
    {
      "searchBy": "any",
      "method": "GET",
      "path": "/v2/applications",
      "records": "data.items",
      "id": "number",
      "fields": {
        "u_number": "number",
        "name": "name",
        "sys_class_name": "class",
        "owner": "owner.name"
      },
      "pagination": {
        "type": "pageNumber", "param": "page", "start": 1,
        "sizeParam": "per_page", "size": 2, "total": "data.total"
      },
      "maxPages": 10,
      "maxRecords": 100
    }
  ]
}"#;

/// Who may read the applications.
#[derive(Debug, Clone, Default)]
pub enum CmdbAccess {
    /// Anyone.
    #[default]
    Open,
    /// Requests bearing a token.
    Bearer {
        /// The token that may list the applications.
        token: String,
        /// A token the API knows but refuses the right to (HTTP 403).
        read_only: Option<String>,
    },
}

/// A running CMDB API on a free port of 127.0.0.1, served until the runtime ends.
#[derive(Debug, Clone)]
pub struct Cmdb {
    origin: String,
    pages: Arc<Mutex<Vec<String>>>,
}

struct Shared {
    apps: Vec<Value>,
    access: CmdbAccess,
    pages: Arc<Mutex<Vec<String>>>,
}

impl Cmdb {
    /// Serve `apps` with `access`.
    pub async fn start(apps: Vec<Value>, access: CmdbAccess) -> std::io::Result<Cmdb> {
        let pages = Arc::<Mutex<Vec<String>>>::default();
        let shared = Arc::new(Shared {
            apps,
            access,
            pages: pages.clone(),
        });
        let router = Router::new()
            .route("/api/v2/applications", get(list))
            .route(
                "/api/v2/portail",
                get(|| async { Html("<html><body>Portail CMDB</body></html>") }),
            )
            .with_state(shared);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let origin = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
        tokio::spawn(async move {
            if let Err(error) = axum::serve(listener, router).await {
                tracing::error!(%error, "the CMDB API stopped");
            }
        });
        Ok(Cmdb { origin, pages })
    }

    /// The API's base URL, `http://127.0.0.1:PORT/api`, to which a recipe's paths
    /// (`/v2/applications`) are added.
    pub fn base_url(&self) -> String {
        format!("{}/api", self.origin)
    }

    /// The pages served so far, in order, each as `page=N&per_page=M`.
    pub fn pages(&self) -> Vec<String> {
        self.pages.lock().expect("not poisoned").clone()
    }
}

/// A base URL like [`Cmdb::base_url`]'s on a port of 127.0.0.1 that nothing listens on (it
/// was free a moment ago): an API that is down.
pub fn closed_base_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port of 127.0.0.1")
        .port();
    format!("http://127.0.0.1:{port}/api")
}

async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    if let CmdbAccess::Bearer { token, read_only } = &shared.access {
        let given = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match given {
            Some(given) if given == token => {}
            Some(given) if Some(given) == read_only.as_deref() => {
                return (StatusCode::FORBIDDEN, "not for you").into_response();
            }
            _ => return (StatusCode::UNAUTHORIZED, "bad token").into_response(),
        }
    }
    let number = |key: &str, default: usize| {
        query
            .get(key)
            .and_then(|v| v.parse().ok())
            .filter(|n| *n > 0)
            .unwrap_or(default)
    };
    let (page, size) = (number("page", 1), number("per_page", 10));
    shared
        .pages
        .lock()
        .expect("not poisoned")
        .push(format!("page={page}&per_page={size}"));
    let items: Vec<Value> = shared
        .apps
        .iter()
        .skip((page - 1) * size)
        .take(size)
        .cloned()
        .collect();
    Json(json!({ "data": { "items": items, "total": shared.apps.len() } })).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apps(n: usize) -> Vec<Value> {
        (1..=n)
            .map(|i| json!({ "number": format!("CMDB-{i}"), "name": format!("App {i}") }))
            .collect()
    }

    async fn get(url: &str, token: Option<&str>) -> (u16, String) {
        let mut request = reqwest::Client::new().get(url);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("answered");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    #[tokio::test]
    async fn pages_are_served_with_their_total_and_recorded() {
        let cmdb = Cmdb::start(apps(5), CmdbAccess::Open).await.unwrap();
        let url = format!("{}/v2/applications?page=3&per_page=2", cmdb.base_url());
        let (status, body) = get(&url, None).await;
        assert_eq!(status, 200);
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(
            body,
            json!({ "data": { "items": [{ "number": "CMDB-5", "name": "App 5" }], "total": 5 } })
        );
        let (_, beyond) = get(
            &format!("{}/v2/applications?page=4&per_page=2", cmdb.base_url()),
            None,
        )
        .await;
        assert_eq!(beyond, r#"{"data":{"items":[],"total":5}}"#);
        assert_eq!(cmdb.pages(), ["page=3&per_page=2", "page=4&per_page=2"]);
    }

    #[tokio::test]
    async fn a_bearer_api_refuses_other_tokens_and_records_no_page() {
        let access = CmdbAccess::Bearer {
            token: "right".into(),
            read_only: Some("reader".into()),
        };
        let cmdb = Cmdb::start(apps(1), access).await.unwrap();
        let url = format!("{}/v2/applications", cmdb.base_url());
        assert_eq!(get(&url, None).await.0, 401);
        assert_eq!(get(&url, Some("wrong")).await.0, 401);
        assert_eq!(get(&url, Some("reader")).await.0, 403);
        assert!(cmdb.pages().is_empty());
        assert_eq!(get(&url, Some("right")).await.0, 200);
        assert_eq!(cmdb.pages(), ["page=1&per_page=10"]);
        let (status, page) = get(&format!("{}/v2/portail", cmdb.base_url()), None).await;
        assert_eq!((status, page.contains("Portail CMDB")), (200, true));
    }

    #[tokio::test]
    async fn a_closed_base_url_refuses_connections() {
        let url = format!("{}/v2/applications", closed_base_url());
        let error = reqwest::get(&url).await.expect_err("nothing listens");
        assert!(error.is_connect(), "{error}");
    }
}
