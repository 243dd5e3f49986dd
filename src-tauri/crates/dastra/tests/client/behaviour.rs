//! Retries, authentication, lists, single-record calls and the rate budget.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use futures::TryStreamExt;
use passerelle_dastra::client::{
    Auth, ClientOptions, ListQuery, RateBudget, RateLimits, RateWindow,
};
use passerelle_dastra::error::ErrorKind;
use passerelle_dastra::patch::PatchOp;
use passerelle_dastra::{Error, Filter};
use serde_json::{json, Value};

use crate::server::{serve, serve_raw, Raw};
use crate::{client, fast_retries, options, Label, Thing, KEY};

/// Counts calls; hands each handler its call number (from 0).
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Counter {
    fn next(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst)
    }

    fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

fn thing(id: i32) -> Value {
    json!({"id": id, "label": format!("thing {id}")})
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_and_then_succeeds() {
    let calls = Counter::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Things/{id}",
            get(
                |State(calls): State<Counter>, Path(id): Path<i32>| async move {
                    match calls.next() {
                        0 => {
                            (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")]).into_response()
                        }
                        _ => Json(thing(id)).into_response(),
                    }
                },
            ),
        )
        .with_state(calls.clone());
    let server = serve(app).await;

    let started = Instant::now();
    let got = client(&server.url)
        .get::<Thing>(&3)
        .await
        .expect("succeeds after the 429");
    assert_eq!(got.label, "thing 3");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured: {:?}",
        started.elapsed()
    );
    assert_eq!(calls.get(), 2, "one refusal, one success");
}

#[tokio::test]
async fn a_503_is_retried_even_for_a_post() {
    let calls = Counter::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Things",
            post(
                |State(calls): State<Counter>, Json(mut body): Json<Value>| async move {
                    if calls.next() < 2 {
                        return StatusCode::SERVICE_UNAVAILABLE.into_response();
                    }
                    body["id"] = json!(41);
                    Json(body).into_response()
                },
            ),
        )
        .with_state(calls.clone());
    let server = serve(app).await;

    let new = Thing {
        id: None,
        label: "new".into(),
    };
    let created = client(&server.url)
        .create(&new)
        .await
        .expect("created on the third try");
    assert_eq!(
        created.id,
        Some(41),
        "the created record comes back with its id"
    );
    assert_eq!(
        calls.get(),
        3,
        "a 503 means the server refused it, so a POST may be retried"
    );
}

#[tokio::test]
async fn a_persistent_503_gives_an_http_error_after_the_last_attempt() {
    let calls = Counter::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Things/{id}",
            get(|State(calls): State<Counter>| async move {
                calls.next();
                StatusCode::SERVICE_UNAVAILABLE
            }),
        )
        .with_state(calls.clone());
    let server = serve(app).await;

    let err = client(&server.url)
        .get::<Thing>(&1)
        .await
        .expect_err("never succeeds");
    assert_eq!(err.status(), Some(503), "{err}");
    assert!(err.is_retryable(), "a 503 may pass later");
    assert_eq!(
        calls.get(),
        fast_retries().max_attempts as usize,
        "every attempt was made"
    );
}

#[tokio::test]
async fn a_502_on_a_patch_gives_an_unknown_outcome_without_retrying() {
    let calls = Counter::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Things/{id}",
            axum::routing::patch(|State(calls): State<Counter>| async move {
                calls.next();
                StatusCode::BAD_GATEWAY
            }),
        )
        .with_state(calls.clone());
    let server = serve(app).await;

    let ops = [PatchOp::replace("/label", "x")];
    let err = client(&server.url)
        .patch::<Thing>(&1, &ops)
        .await
        .expect_err("unknown outcome");
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(
        calls.get(),
        1,
        "a PATCH that may have been applied is not repeated"
    );
}

#[tokio::test]
async fn a_post_whose_connection_drops_gives_an_unknown_outcome_and_is_not_retried() {
    let (server, connections) = serve_raw(|_| Raw::Drop).await;

    let new = Thing {
        id: None,
        label: "maybe".into(),
    };
    let err = client(&server.url)
        .create(&new)
        .await
        .expect_err("no answer");
    assert!(
        matches!(err, Error::OutcomeUnknown { .. }),
        "unknown outcome, got: {err}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("outcome unknown") && msg.contains("reconcile"),
        "{msg}"
    );
    assert!(
        msg.contains("POST /v1/ws/7/Things"),
        "the request is named: {msg}"
    );
    assert_eq!(
        connections.load(Ordering::SeqCst),
        1,
        "the POST was sent once only"
    );
}

#[tokio::test]
async fn a_post_whose_answer_is_cut_gives_an_unknown_outcome() {
    let (server, connections) = serve_raw(|_| Raw::CutBody).await;

    let new = Thing {
        id: None,
        label: "maybe".into(),
    };
    let err = client(&server.url)
        .create(&new)
        .await
        .expect_err("cut answer");
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert_eq!(connections.load(Ordering::SeqCst), 1, "not retried");
}

#[tokio::test]
async fn a_get_whose_connection_drops_or_body_is_cut_is_retried() {
    let (server, connections) = serve_raw(|n| match n {
        0 => Raw::Drop,
        1 => Raw::CutBody,
        _ => Raw::Json(r#"{"id": 5, "label": "thing 5"}"#),
    })
    .await;

    let got = client(&server.url)
        .get::<Thing>(&5)
        .await
        .expect("third time lucky");
    assert_eq!(got.id, Some(5));
    assert_eq!(connections.load(Ordering::SeqCst), 3, "drop, cut, success");
}

#[tokio::test]
async fn a_post_that_cannot_connect_is_retried_and_reported_as_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");

    let new = Thing {
        id: None,
        label: "x".into(),
    };
    let err = client(&url).create(&new).await.expect_err("nobody listens");
    match &err {
        Error::Transport { attempts, .. } => {
            assert_eq!(
                *attempts,
                fast_retries().max_attempts,
                "never sent, so retried: {err}"
            )
        }
        other => panic!("a refused connection is a transport error, got: {other}"),
    }
    assert!(!err.to_string().contains(KEY), "no key in the message");
}

#[tokio::test]
async fn a_bad_api_key_gives_a_clear_error_without_the_key() {
    let app = Router::new().route(
        "/v1/ws/7/Things/{id}",
        get(|headers: HeaderMap| async move {
            match headers.get("x-api-key").and_then(|v| v.to_str().ok()) {
                Some(KEY) => Json(thing(1)).into_response(),
                _ => StatusCode::UNAUTHORIZED.into_response(),
            }
        }),
    );
    let server = serve(app).await;

    let bad = ClientOptions::new(&server.url, Auth::api_key("wrong-key-zz9"))
        .workspace(7)
        .build()
        .unwrap();
    let err = bad.get::<Thing>(&1).await.expect_err("refused");
    let msg = err.to_string();
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{msg}");
    assert!(
        msg.contains("check the API key / client credentials"),
        "says what to do: {msg}"
    );
    assert!(
        !msg.contains("wrong-key-zz9"),
        "the key is not echoed: {msg}"
    );
    assert!(
        !format!("{err:?}").contains("wrong-key-zz9"),
        "not even in Debug"
    );

    let good = client(&server.url)
        .get::<Thing>(&1)
        .await
        .expect("the right key passes");
    assert_eq!(good.id, Some(1), "X-API-Key carries the key");
}

#[tokio::test]
async fn validation_errors_carry_dastra_field_details() {
    let app = Router::new().route(
        "/v1/ws/7/Things",
        post(|| async {
            let problem = json!({
                "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
                "title": "One or more validation errors occurred.", "status": 400,
                "errors": {"Label": ["The Label field is required."]}
            });
            (StatusCode::BAD_REQUEST, Json(problem))
        }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .create(&Thing {
            id: None,
            label: String::new(),
        })
        .await
        .expect_err("invalid");
    let body = err.body().expect("the problem document is kept");
    assert_eq!(
        body.errors["Label"],
        ["The Label field is required."],
        "field details"
    );
    assert!(
        err.to_string()
            .contains("Label: The Label field is required."),
        "{err}"
    );
    assert_eq!(err.kind(), ErrorKind::Rejected);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_maximum_wait_fails_at_once() {
    let app = Router::new().route(
        "/v1/ws/7/Things/{id}",
        get(|| async { (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "3600")]) }),
    );
    let server = serve(app).await;

    let started = Instant::now();
    let err = client(&server.url)
        .get::<Thing>(&1)
        .await
        .expect_err("rate limited");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "no hour-long wait"
    );
    match err {
        Error::RateLimited {
            retry_after,
            attempts,
            ..
        } => {
            assert_eq!(
                retry_after,
                Some(Duration::from_secs(3600)),
                "the server's wish is kept"
            );
            assert_eq!(attempts, 1);
        }
        other => panic!("expected RateLimited, got {other}"),
    }
}

/// A token request as received: the form and the Authorization header.
type TokenRequest = (HashMap<String, String>, String);

/// A token endpoint and an API that accepts only the latest token it issued.
#[derive(Clone, Default)]
struct TokenServer {
    issued: Counter,
    api_calls: Counter,
    /// Forms and Authorization headers the token endpoint received.
    requests: Arc<Mutex<Vec<TokenRequest>>>,
    /// Token lifetime in seconds.
    lifetime: u64,
    /// Reject the first API call whatever its token (a revoked token).
    revoke_first: bool,
    /// Delay of the token endpoint.
    slow: bool,
}

fn token_app(state: TokenServer) -> Router {
    Router::new()
        .route(
            "/connect/token",
            post(
                |State(s): State<TokenServer>,
                 headers: HeaderMap,
                 Form(form): Form<HashMap<String, String>>| async move {
                    if s.slow {
                        tokio::time::sleep(Duration::from_millis(200)).await;
                    }
                    let auth = headers["authorization"].to_str().unwrap().to_owned();
                    s.requests.lock().unwrap().push((form, auth));
                    let n = s.issued.next() + 1;
                    Json(
                        json!({"access_token": format!("tok-{n}"), "expires_in": s.lifetime,
                            "token_type": "Bearer", "scope": "api1"}),
                    )
                },
            ),
        )
        .route(
            "/v1/ws/7/Things/{id}",
            get(
                |State(s): State<TokenServer>, headers: HeaderMap| async move {
                    let call = s.api_calls.next();
                    let expected = format!("Bearer tok-{}", s.issued.get());
                    let sent = headers.get("authorization").and_then(|v| v.to_str().ok());
                    if (s.revoke_first && call == 0) || sent != Some(expected.as_str()) {
                        return StatusCode::UNAUTHORIZED.into_response();
                    }
                    Json(thing(1)).into_response()
                },
            ),
        )
        .with_state(state)
}

fn credentials_client(url: &str) -> passerelle_dastra::client::DastraClient {
    let auth = Auth::client_credentials("pub-1", "priv-s3cret")
        .with_token_url(format!("{url}/connect/token"));
    ClientOptions::new(url, auth)
        .workspace(7)
        .retry(fast_retries())
        .rate_budget(RateBudget::new(RateLimits::dastra()))
        .build()
        .unwrap()
}

#[tokio::test]
async fn client_credentials_are_exchanged_once_and_the_token_refreshed_before_expiry() {
    let state = TokenServer {
        lifetime: 1,
        ..TokenServer::default()
    };
    let server = serve(token_app(state.clone())).await;
    let client = credentials_client(&server.url);

    client.get::<Thing>(&1).await.expect("first call");
    client.get::<Thing>(&1).await.expect("second call");
    assert_eq!(state.issued.get(), 1, "the token is cached between calls");

    let (form, auth) = state.requests.lock().unwrap()[0].clone();
    assert_eq!(form["grant_type"], "client_credentials");
    assert_eq!(form["scope"], "api1");
    let basic = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        "pub-1:priv-s3cret",
    );
    assert_eq!(
        auth,
        format!("Basic {basic}"),
        "HTTP Basic with public:private"
    );

    // A 1 s token is replaced 0.1 s before it expires.
    tokio::time::sleep(Duration::from_millis(950)).await;
    client
        .get::<Thing>(&1)
        .await
        .expect("third call, after refresh");
    assert_eq!(
        state.issued.get(),
        2,
        "refreshed before expiry, without a 401 first"
    );
    assert_eq!(state.api_calls.get(), 3, "no call was refused");
}

#[tokio::test]
async fn a_refused_token_is_renewed_once_and_the_call_retried() {
    let state = TokenServer {
        lifetime: 3600,
        revoke_first: true,
        ..TokenServer::default()
    };
    let server = serve(token_app(state.clone())).await;

    credentials_client(&server.url)
        .get::<Thing>(&1)
        .await
        .expect("succeeds with a new token");
    assert_eq!(state.issued.get(), 2, "the refused token was replaced");
    assert_eq!(state.api_calls.get(), 2, "the call was retried once");
}

#[tokio::test]
async fn concurrent_calls_share_one_token_request() {
    let state = TokenServer {
        lifetime: 3600,
        slow: true,
        ..TokenServer::default()
    };
    let server = serve(token_app(state.clone())).await;
    let client = credentials_client(&server.url);

    let calls = (0..8).map(|_| client.get::<Thing>(&1));
    for result in futures::future::join_all(calls).await {
        result.expect("every call succeeds");
    }
    assert_eq!(
        state.issued.get(),
        1,
        "one refresh at a time, shared by all waiters"
    );
}

#[tokio::test]
async fn rejected_client_credentials_give_an_unauthorized_error_without_the_secret() {
    let app = Router::new().route(
        "/connect/token",
        post(|| async {
            (
                StatusCode::BAD_REQUEST,
                Json(json!({"error": "invalid_client"})),
            )
        }),
    );
    let server = serve(app).await;

    let err = credentials_client(&server.url)
        .get::<Thing>(&1)
        .await
        .expect_err("refused");
    let msg = err.to_string();
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{msg}");
    assert!(
        msg.contains("/connect/token"),
        "names the token endpoint: {msg}"
    );
    assert!(!msg.contains("priv-s3cret"), "{msg}");
}

/// A paged collection of `total` things with a delay per page; records the most pages served
/// at once and the page numbers asked for.
#[derive(Clone, Default)]
struct PagedServer {
    total: usize,
    in_flight: Counter,
    most_in_flight: Arc<AtomicUsize>,
    pages: Arc<Mutex<Vec<u32>>>,
    queries: Arc<Mutex<Vec<String>>>,
}

async fn list_things(State(s): State<PagedServer>, RawQuery(raw): RawQuery) -> Json<Value> {
    let raw = raw.unwrap_or_default();
    s.queries.lock().unwrap().push(raw.clone());
    let params: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let param = |k: &str| {
        params
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let page: u32 = param("page").map_or(1, |p| p.parse().unwrap());
    let size: usize = param("size").map_or(20, |s| s.parse().unwrap());

    let now = s.in_flight.next() + 1;
    s.most_in_flight.fetch_max(now, Ordering::SeqCst);
    s.pages.lock().unwrap().push(page);
    tokio::time::sleep(Duration::from_millis(40)).await;
    s.in_flight.0.fetch_sub(1, Ordering::SeqCst);

    let start = (page as usize - 1) * size;
    let items: Vec<_> = (start..(start + size).min(s.total))
        .map(|i| thing(i as i32))
        .collect();
    Json(json!({"items": items, "total": s.total, "size": size, "page": page}))
}

#[tokio::test]
async fn stream_all_fetches_pages_concurrently_within_the_bound_and_yields_them_in_order() {
    let state = PagedServer {
        total: 2345,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;
    let client = options(&server.url).max_concurrency(3).build().unwrap();

    let things: Vec<Thing> = client
        .stream_all(ListQuery::new().size(100))
        .try_collect()
        .await
        .expect("all pages");
    let ids: Vec<i32> = things.iter().map(|t| t.id.unwrap()).collect();
    assert_eq!(
        ids,
        (0..2345).collect::<Vec<_>>(),
        "every item once, in page order"
    );

    let mut pages = state.pages.lock().unwrap().clone();
    pages.sort_unstable();
    assert_eq!(
        pages,
        (1..=24).collect::<Vec<_>>(),
        "each of the 24 pages fetched once"
    );
    let most = state.most_in_flight.load(Ordering::SeqCst);
    assert!(
        most <= 3,
        "never more than max_concurrency pages at once, saw {most}"
    );
    assert!(
        most >= 2,
        "pages after the first are fetched concurrently, saw {most}"
    );
}

#[tokio::test]
async fn stream_all_pages_past_500_items_with_the_largest_page_by_default() {
    let state = PagedServer {
        total: 1201,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;

    let count = client(&server.url)
        .stream_all::<Thing>(ListQuery::new())
        .try_fold(0, |n, _| async move { Ok(n + 1) })
        .await
        .expect("all pages");
    assert_eq!(count, 1201, "every item");
    assert!(
        state
            .queries
            .lock()
            .unwrap()
            .iter()
            .all(|q| q.contains("size=500")),
        "pages of 500"
    );
}

#[tokio::test]
async fn a_list_query_sends_paging_sorting_search_filters_and_repeated_keys() {
    let state = PagedServer {
        total: 3,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;

    let filter = Filter::or([
        Filter::equal("state", "Open"),
        Filter::equal("label", "a&b=c"),
    ]);
    let query = ListQuery::new()
        .page(1)
        .size(50)
        .sort_by("label")
        .asc(true)
        .q("dupont & fils")
        .filter(filter.clone())
        .param("states", "Open")
        .param("states", "Closed");
    let page = client(&server.url)
        .list::<Thing>(&query)
        .await
        .expect("a page");
    assert_eq!(
        (page.total, page.items.len(), page.page),
        (3, 3, 1),
        "the envelope is read"
    );

    let raw = state.queries.lock().unwrap()[0].clone();
    let params: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
        .into_owned()
        .collect();
    let get = |k: &str| {
        params
            .iter()
            .filter(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(get("sortBy"), ["label"]);
    assert_eq!(get("asc"), ["true"]);
    assert_eq!(
        get("q"),
        ["dupont & fils"],
        "special characters survive encoding"
    );
    assert_eq!(
        get("states"),
        ["Open", "Closed"],
        "typed lists are repeated keys"
    );
    let sent: Filter = serde_json::from_str(get("filters")[0]).expect("filters is JSON");
    assert_eq!(sent, filter, "the filter arrives intact");
}

#[tokio::test]
async fn a_page_size_over_500_is_refused_before_anything_is_sent() {
    let state = PagedServer {
        total: 3,
        ..PagedServer::default()
    };
    let app = Router::new()
        .route("/v1/ws/7/Things", get(list_things))
        .with_state(state.clone());
    let server = serve(app).await;

    let err = client(&server.url)
        .list::<Thing>(&ListQuery::new().size(501))
        .await
        .expect_err("too big");
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(
        state.queries.lock().unwrap().is_empty(),
        "no request was made"
    );
}

#[tokio::test]
async fn a_bare_array_collection_lists_and_streams_every_item() {
    let app = Router::new().route(
        "/v1/ws/7/Labels",
        get(|| async { Json(json!([{"id": 1}, {"id": 2}, {"id": 3}])) }),
    );
    let server = serve(app).await;
    let client = client(&server.url);

    let page = client
        .list::<Label>(&ListQuery::new())
        .await
        .expect("a list");
    assert_eq!(
        (page.total, page.items.len()),
        (3, 3),
        "all items in one page"
    );
    let all: Vec<Label> = client
        .stream_all(ListQuery::new())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, page.items, "the stream yields the same items");
}

/// Records method, path, content type and body of every write.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Recorded>>>);

/// Method, path, content type, JSON body (`null` when none).
type Recorded = (String, String, String, Value);

async fn record(
    State(rec): State<Recorder>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get("content-type")
        .map_or("", |v| v.to_str().unwrap())
        .to_owned();
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    rec.0.lock().unwrap().push((
        method.to_string(),
        uri.path().to_owned(),
        content_type,
        body,
    ));
    StatusCode::OK.into_response()
}

#[tokio::test]
async fn writes_send_the_contract_shapes() {
    let rec = Recorder::default();
    let app = Router::new()
        .route("/v1/ws/7/Things", axum::routing::any(record))
        .route("/v1/ws/7/Things/{id}", axum::routing::any(record))
        .route("/v1/ws/7/Things/workflow", axum::routing::any(record))
        .with_state(rec.clone());
    let server = serve(app).await;
    let client = client(&server.url);

    let ops = [
        PatchOp::replace("/label", "renamed"),
        PatchOp::remove("/ref"),
    ];
    client.patch::<Thing>(&4, &ops).await.expect("patch");
    client
        .put::<Thing>(
            &4,
            &Thing {
                id: Some(4),
                label: "whole".into(),
            },
        )
        .await
        .expect("put");
    client.delete::<Thing>(&4).await.expect("delete");
    client
        .delete_many::<Thing>(&[1, 2, 3])
        .await
        .expect("batch delete");
    client
        .delete_many::<Thing>(&[])
        .await
        .expect("an empty batch sends nothing");
    client
        .move_workflow::<Thing>(&4, 12)
        .await
        .expect("workflow");

    let seen = rec.0.lock().unwrap().clone();
    let expected = [
        (
            "PATCH",
            "/v1/ws/7/Things/4",
            "application/json-patch+json",
            json!([{"op": "replace", "path": "/label", "value": "renamed"},
                {"op": "remove", "path": "/ref"}]),
        ),
        (
            "PUT",
            "/v1/ws/7/Things/4",
            "application/json",
            json!({"id": 4, "label": "whole"}),
        ),
        ("DELETE", "/v1/ws/7/Things/4", "", Value::Null),
        (
            "DELETE",
            "/v1/ws/7/Things",
            "application/json",
            json!([1, 2, 3]),
        ),
        (
            "POST",
            "/v1/ws/7/Things/workflow",
            "application/json",
            json!({"id": 4, "stepId": 12}),
        ),
    ];
    assert_eq!(
        seen.len(),
        expected.len(),
        "one request per write: {seen:?}"
    );
    for (got, (method, path, content_type, body)) in seen.iter().zip(expected) {
        assert_eq!(
            (got.0.as_str(), got.1.as_str()),
            (method, path),
            "request line"
        );
        assert_eq!(got.2, content_type, "{method} {path} content type");
        assert_eq!(got.3, body, "{method} {path} body");
    }
}

#[tokio::test]
async fn a_missing_record_is_not_found_and_a_workspace_is_required() {
    let app = Router::new().route(
        "/v1/ws/7/Things/{id}",
        get(|| async { StatusCode::NOT_FOUND }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .get::<Thing>(&99)
        .await
        .expect_err("missing");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(err.to_string().contains("GET /v1/ws/7/Things/99"), "{err}");

    let no_ws = ClientOptions::new(&server.url, Auth::api_key(KEY))
        .build()
        .unwrap();
    let err = no_ws.get::<Thing>(&1).await.expect_err("no workspace");
    assert!(matches!(err, Error::NoWorkspace { .. }), "{err}");
}

#[tokio::test]
async fn an_answer_of_the_wrong_shape_is_a_decode_error_that_locates_the_field() {
    let app = Router::new().route(
        "/v1/ws/7/Things",
        get(|| async {
            Json(json!({"items": [thing(1), {"id": "jane@example.org"}], "total": 2}))
        }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .list::<Thing>(&ListQuery::new())
        .await
        .expect_err("bad shape");
    let msg = err.to_string();
    assert_eq!(err.kind(), ErrorKind::Protocol, "{msg}");
    assert!(msg.contains("items[1].id"), "the field is located: {msg}");
    assert!(
        !msg.contains("jane@example.org"),
        "values are not echoed: {msg}"
    );
}

#[tokio::test]
async fn workspaces_accepts_both_documented_envelopes() {
    let ws = json!({"id": 7, "label": "Passerelle SAS", "state": "Active"});
    let (a, b) = (
        json!({"items": [ws.clone()], "total": 1}),
        json!({"workSpaces": [ws.clone()]}),
    );
    let app = Router::new()
        .route("/a/v1/WorkSpaces", get(move || async move { Json(a) }))
        .route("/b/v1/WorkSpaces", get(move || async move { Json(b) }))
        .route(
            "/a/me",
            get(|| async { Json(json!({"displayName": "Ana"})) }),
        );
    let server = serve(app).await;

    for prefix in ["a", "b"] {
        let client = client(&format!("{}/{prefix}", server.url));
        let list = client.workspaces().await.expect("a list");
        assert_eq!(list.len(), 1, "{prefix}: one workspace");
        assert_eq!(list[0].label, "Passerelle SAS", "{prefix}: decoded");
    }
    let me = client(&format!("{}/a", server.url)).me().await.expect("me");
    assert_eq!(
        me["displayName"], "Ana",
        "a base url with a path prefix works"
    );
}

#[tokio::test]
async fn every_attempt_draws_from_the_shared_budget_and_never_exceeds_it() {
    let calls = Counter::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Things/{id}",
            get(|State(calls): State<Counter>| async move {
                match calls.next() {
                    0 => StatusCode::SERVICE_UNAVAILABLE.into_response(),
                    _ => Json(thing(1)).into_response(),
                }
            }),
        )
        .with_state(calls.clone());
    let server = serve(app).await;
    let limits = RateLimits::new([RateWindow {
        limit: 3,
        period: Duration::from_millis(500),
    }]);
    let first = options(&server.url).rate_limits(limits.clone());
    let budget = RateBudget::new(limits);
    let (a, b) = (
        first.clone().rate_budget(budget.clone()).build().unwrap(),
        first.rate_budget(budget.clone()).build().unwrap(),
    );

    let started = Instant::now();
    let calls_a = (0..3).map(|_| a.get::<Thing>(&1));
    let calls_b = (0..3).map(|_| b.get::<Thing>(&1));
    let results = futures::future::join_all(calls_a.chain(calls_b)).await;
    assert!(results.iter().all(Result::is_ok), "all calls succeed");

    let stats = budget.stats();
    assert_eq!(stats.requests, 7, "six calls plus one retry, all counted");
    assert!(
        stats.windows[0].max_seen <= 3,
        "never over 3 per 500 ms: {stats:?}"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(1000),
        "7 requests need 3 windows"
    );
    assert_eq!(
        calls.get(),
        7,
        "the server saw exactly the counted requests"
    );
}

#[tokio::test]
async fn clients_of_the_same_key_and_server_share_a_budget_by_default() {
    let url = "http://127.0.0.1:9";
    let a = ClientOptions::new(url, Auth::api_key("shared-key"))
        .build()
        .unwrap();
    let b = ClientOptions::new(url, Auth::api_key("shared-key"))
        .workspace(2)
        .build()
        .unwrap();
    let c = ClientOptions::new(url, Auth::api_key("other-key"))
        .build()
        .unwrap();
    assert!(
        Arc::ptr_eq(a.rate_budget(), b.rate_budget()),
        "same key, one budget"
    );
    assert!(
        !Arc::ptr_eq(a.rate_budget(), c.rate_budget()),
        "another key, another budget"
    );
}

#[tokio::test]
async fn raw_json_calls_reach_any_route_by_the_same_rules() {
    let rec = Recorder::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Assets/stats",
            get(|RawQuery(q): RawQuery| async move { Json(json!({"query": q})) }),
        )
        .route(
            "/rate-limiting-state",
            get(|| async { Json(json!({"limits": []})) }),
        )
        .route("/v1/ws/7/Assets/{id}", axum::routing::any(record))
        .with_state(rec.clone());
    let server = serve(app).await;
    let client = client(&server.url);

    let path = client.workspace_path("Assets/stats").unwrap();
    let stats = client
        .get_json(&path, &[("areaId", "3")])
        .await
        .expect("raw get");
    assert_eq!(stats["query"], "areaId=3", "the query is passed through");

    let ops = json!([{"op": "replace", "path": "/label", "value": "x"}]);
    let path = client.workspace_path("/Assets/9").unwrap();
    let answer = client
        .send_json(Method::PATCH, &path, Some(&ops))
        .await
        .expect("raw patch");
    assert_eq!(answer, Value::Null, "an empty answer reads as null");
    let seen = rec.0.lock().unwrap()[0].clone();
    assert_eq!(
        seen.2, "application/json-patch+json",
        "a raw PATCH is a JSON Patch"
    );
    assert_eq!(seen.3, ops);

    let state = client.rate_limiting_state().await.expect("state");
    assert_eq!(state, json!({"limits": []}));
}

#[test]
fn the_stream_of_all_pages_can_be_moved_to_another_task() {
    fn assert_spawnable<T: Send + 'static>(_: &T) {}
    let client = ClientOptions::new("http://127.0.0.1:9", Auth::api_key(KEY)).workspace(7);
    let stream = client
        .build()
        .unwrap()
        .stream_all::<Thing>(ListQuery::new());
    assert_spawnable(&stream);
}
