//! A stand-in for two SaaS tools on 127.0.0.1:0: the CRM "Relation Client" under `/crm/api`
//! (API key `crm-key` in `X-API-Key`) and the helpdesk "Guichet Support" under `/hd` (bearer
//! `hd-token`), plus a few endpoints that misbehave. Every request is recorded as
//! `METHOD path?query` so tests can check what went over the wire.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde_json::{json, Value};

pub const CRM_KEY: &str = "crm-key";
pub const HD_TOKEN: &str = "hd-token";
pub const HD_CLIENT_SECRET: &str = "hd-client-secret";
pub const ELODIE: &str = "elodie.dupont@example.fr";
pub const ELODIE_PHONE: &str = "+33612345678";

#[derive(Clone)]
pub struct Api {
    port: u16,
    seen: Arc<Mutex<Vec<String>>>,
    flaky_calls: Arc<AtomicU32>,
    /// The bodies the POST search received.
    bodies: Arc<Mutex<Vec<Value>>>,
}

impl Api {
    /// Its base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every request received so far, as `METHOD path?query`.
    pub fn seen(&self) -> Vec<String> {
        self.seen.lock().expect("not poisoned").clone()
    }

    pub fn bodies(&self) -> Vec<Value> {
        self.bodies.lock().expect("not poisoned").clone()
    }
}

pub async fn start_server() -> Api {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let api = Api {
        port: listener.local_addr().expect("bound").port(),
        seen: Arc::default(),
        flaky_calls: Arc::default(),
        bodies: Arc::default(),
    };
    let router = app(api.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serves") });
    api
}

pub fn app(api: Api) -> Router {
    Router::new()
        .route("/crm/api/v1/contacts", get(contacts))
        .route("/crm/api/v1/contacts/by-phone/{phone}", get(by_phone))
        .route("/oauth/token", post(token))
        .route("/hd/tickets", get(tickets))
        .route("/hd/search/users", post(search_users))
        .route("/hd/flaky", get(flaky))
        .route("/hd/linked", get(linked))
        .route("/hd/slow", get(slow))
        .layer(middleware::from_fn_with_state(api.clone(), record))
        .with_state(api)
}

async fn record(State(api): State<Api>, request: Request, next: Next) -> Response {
    let line = format!("{} {}", request.method(), request.uri());
    api.seen.lock().expect("not poisoned").push(line);
    next.run(request).await
}

fn contact(id: u32, email: &str, first: &str, phone: Option<&str>) -> Value {
    let phones: Vec<Value> = phone.iter().map(|p| json!({"number": p})).collect();
    json!({
        "id": format!("C-{id}"),
        "email": email,
        "name": {"first": first, "last": "Dupont"},
        "phones": phones,
        "company": {"name": "Dupont SARL"},
        "note": null
    })
}

/// Five records for Élodie (a contact, leads, duplicates), one for someone else.
fn crm_contacts() -> Vec<Value> {
    vec![
        contact(101, ELODIE, "Élodie", None),
        contact(102, ELODIE, "Elodie", Some(ELODIE_PHONE)),
        contact(103, "marc.petit@example.fr", "Marc", Some("+33699999999")),
        contact(104, ELODIE, "É.", None),
        contact(105, ELODIE, "Elo", Some("+33 6 12 34 56 78")),
        contact(106, ELODIE, "Élodie", None),
    ]
}

fn crm_key(headers: &HeaderMap) -> Result<(), StatusCode> {
    match headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
        Some(CRM_KEY) => Ok(()),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

fn bearer(headers: &HeaderMap) -> Result<(), StatusCode> {
    let expected = format!("Bearer {HD_TOKEN}");
    match headers.get("authorization").and_then(|v| v.to_str().ok()) {
        Some(value) if value == expected => Ok(()),
        _ => Err(StatusCode::UNAUTHORIZED),
    }
}

/// An OAuth2 client-credentials grant for the client `passerelle`, answering the helpdesk's
/// bearer token.
async fn token(Form(form): Form<HashMap<String, String>>) -> Result<Json<Value>, StatusCode> {
    let ours = form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("client_id").map(String::as_str) == Some("passerelle")
        && form.get("client_secret").map(String::as_str) == Some(HD_CLIENT_SECRET);
    if !ours {
        return Err(StatusCode::UNAUTHORIZED);
    }
    Ok(Json(
        json!({"access_token": HD_TOKEN, "token_type": "Bearer", "expires_in": 3600}),
    ))
}

fn number(query: &HashMap<String, String>, name: &str, default: usize) -> usize {
    query
        .get(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn contacts(
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, StatusCode> {
    crm_key(&headers)?;
    let email = query.get("email").ok_or(StatusCode::BAD_REQUEST)?;
    let (page, size) = (number(&query, "page", 1), number(&query, "per_page", 50));
    let found: Vec<Value> = crm_contacts()
        .into_iter()
        .filter(|c| c["email"] == email.as_str())
        .collect();
    let items: Vec<&Value> = found.iter().skip((page - 1) * size).take(size).collect();
    Ok(Json(
        json!({"data": {"items": items, "total": found.len(), "page": page}}),
    ))
}

async fn by_phone(
    headers: HeaderMap,
    Path(phone): Path<String>,
) -> Result<Json<Value>, StatusCode> {
    crm_key(&headers)?;
    let items: Vec<Value> = crm_contacts()
        .into_iter()
        .filter(|c| {
            c["phones"]
                .as_array()
                .is_some_and(|p| p.iter().any(|n| n["number"] == phone))
        })
        .collect();
    if items.is_empty() {
        return Err(StatusCode::NOT_FOUND);
    }
    Ok(Json(json!({"data": {"items": items}})))
}

/// Five tickets by Élodie, two a page, the cursor being the index of the next one.
async fn tickets(
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, StatusCode> {
    bearer(&headers)?;
    let requester = query.get("requester").ok_or(StatusCode::BAD_REQUEST)?;
    let all: Vec<Value> = (1..=5)
        .map(|n| {
            json!({"id": 500 + n, "subject": format!("Ticket {n}"),
                   "requester": {"email": ELODIE}, "created_at": format!("2024-03-0{n}")})
        })
        .filter(|t| t["requester"]["email"] == requester.as_str())
        .collect();
    let from = match query.get("cursor") {
        None => 0,
        Some(cursor) => cursor
            .strip_prefix("after-")
            .and_then(|n| n.parse().ok())
            .ok_or(StatusCode::BAD_REQUEST)?,
    };
    let limit = number(&query, "limit", 2);
    let page: Vec<&Value> = all.iter().skip(from).take(limit).collect();
    let next = (from + limit < all.len()).then(|| format!("after-{}", from + limit));
    Ok(Json(
        json!({"tickets": page, "meta": {"next_cursor": next}}),
    ))
}

async fn search_users(
    State(api): State<Api>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Result<Json<Value>, StatusCode> {
    bearer(&headers)?;
    api.bodies.lock().expect("not poisoned").push(body.clone());
    let users = [
        json!({"user": {"id": 900, "name": "Jean \"JJ\" Dupont", "email": "jj@example.fr"}}),
        json!({"user": {"id": 901, "name": "Élodie Dupont", "email": ELODIE}}),
    ];
    let results: Vec<&Value> = users
        .iter()
        .filter(|u| u["user"]["name"] == body["query"]["name"])
        .collect();
    Ok(Json(json!({"results": results})))
}

/// HTTP 429 with `Retry-After: 1` on the first call, then one ticket.
async fn flaky(State(api): State<Api>, headers: HeaderMap) -> Result<Response, StatusCode> {
    bearer(&headers)?;
    if api.flaky_calls.fetch_add(1, Ordering::SeqCst) == 0 {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1")],
            "slow down",
        )
            .into_response());
    }
    Ok(Json(json!({"tickets": [{"id": 777, "subject": "Rate limited"}]})).into_response())
}

/// One item, and a next-page link to another host (the same server, named `localhost`).
async fn linked(
    State(api): State<Api>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, StatusCode> {
    bearer(&headers)?;
    let page = number(&query, "page", 1);
    let next = format!("http://localhost:{}/hd/linked?page={}", api.port, page + 1);
    Ok(Json(
        json!({"items": [{"id": format!("L{page}")}], "links": {"next": next}}),
    ))
}

/// An answer that comes after three seconds.
async fn slow() -> Json<Value> {
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    Json(json!({"tickets": []}))
}
