//! API keys and client credentials: headers, token caching, refresh and renewal.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use passerelle_dastra::client::{Auth, ClientOptions, RateBudget, RateLimits};
use passerelle_dastra::error::ErrorKind;
use serde_json::json;

use crate::server::{serve, thing, Counter};
use crate::{client, fast_retries, Thing, KEY};

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
