//! Authentication and rate budgets.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request};
use base64::Engine as _;
use passerelle_sandbox::{RateWindow, SandboxOptions};

use crate::support::{options, Api};

fn token_request(credentials: &str, form: &str) -> Request<Body> {
    let basic = base64::engine::general_purpose::STANDARD.encode(credentials);
    Request::post("/connect/token")
        .header("authorization", format!("Basic {basic}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(form.to_string()))
        .unwrap()
}

#[tokio::test]
async fn a_request_without_credentials_gets_401_saying_what_is_missing() {
    let api = Api::new();
    let r = api
        .send(Request::get("/v1/ws/1/Assets").body(Body::empty()).unwrap())
        .await;
    assert_eq!(r.status, 401, "no credentials");
    let detail = r.body["detail"].as_str().unwrap();
    assert!(
        detail.contains("X-API-Key"),
        "says how to authenticate: {detail}"
    );
    assert_eq!(r.headers["www-authenticate"], "Bearer");
}

#[tokio::test]
async fn a_wrong_key_gets_401_without_echoing_it() {
    let api = Api::new();
    let req = Request::get("/v1/ws/1/Assets")
        .header("x-api-key", "guess-me-42")
        .body(Body::empty())
        .unwrap();
    let r = api.send(req).await;
    assert_eq!(r.status, 401);
    let text = String::from_utf8_lossy(&r.bytes);
    assert!(
        !text.contains("guess-me-42"),
        "the key is never echoed: {text}"
    );
}

#[tokio::test]
async fn client_credentials_give_a_bearer_token_that_works() {
    let api = Api::new();
    let r = api
        .send(token_request(
            "sandbox-public:sandbox-secret",
            "grant_type=client_credentials&scope=api1",
        ))
        .await;
    assert_eq!(r.status, 200, "token issued: {}", r.body);
    assert_eq!(r.body["token_type"], "Bearer");
    assert_eq!(r.body["scope"], "api1");
    assert_eq!(r.body["expires_in"], 3600, "default lifetime");
    let token = r.body["access_token"].as_str().unwrap();

    let req = Request::get("/v1/ws/1/Tags")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(api.send(req).await.status, 200, "the token authenticates");
}

#[tokio::test]
async fn the_token_endpoint_refuses_bad_clients_and_grants() {
    let api = Api::new();
    let r = api
        .send(token_request(
            "sandbox-public:wrong",
            "grant_type=client_credentials",
        ))
        .await;
    assert_eq!(r.status, 401, "wrong secret");
    assert_eq!(r.body["error"], "invalid_client");
    let r = api
        .send(token_request(
            "sandbox-public:sandbox-secret",
            "grant_type=password",
        ))
        .await;
    assert_eq!(r.status, 400, "only client credentials");
    assert_eq!(r.body["error"], "unsupported_grant_type");
    let r = api
        .send(token_request(
            "sandbox-public:sandbox-secret",
            "grant_type=client_credentials&scope=admin",
        ))
        .await;
    assert_eq!(r.body["error"], "invalid_scope");
}

#[tokio::test]
async fn an_expired_token_gets_401() {
    let api = Api::with(SandboxOptions {
        token_lifetime: Duration::from_millis(300),
        ..options()
    });
    let r = api
        .send(token_request(
            "sandbox-public:sandbox-secret",
            "grant_type=client_credentials",
        ))
        .await;
    let token = r.body["access_token"].as_str().unwrap().to_string();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let req = Request::get("/v1/ws/1/Tags")
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    let r = api.send(req).await;
    assert_eq!(r.status, 401, "the token has expired");
    assert!(
        r.body["detail"].as_str().unwrap().contains("expired"),
        "says why: {}",
        r.body
    );
}

#[tokio::test]
async fn requests_over_budget_get_429_with_retry_after() {
    let limits = vec![RateWindow {
        limit: 3,
        period: Duration::from_secs(60),
    }];
    let api = Api::with(SandboxOptions {
        rate_limits: limits,
        ..options()
    });
    for i in 0..3 {
        assert_eq!(
            api.get("/v1/ws/1/Tags").await.status,
            200,
            "request {i} is within budget"
        );
    }
    let r = api.get("/v1/ws/1/Tags").await;
    assert_eq!(r.status, 429, "the fourth request is over budget");
    let retry: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(
        (1..=60).contains(&retry),
        "Retry-After in seconds, got {retry}"
    );
}

#[tokio::test]
async fn the_rate_limiting_state_reports_both_windows() {
    let api = Api::new();
    api.get("/v1/ws/1/Tags").await;
    let r = api.get("/rate-limiting-state").await;
    let limits = r.body["limits"].as_array().expect("limits");
    assert_eq!(limits[0]["window"], "1m");
    assert_eq!(limits[0]["limit"], 500);
    assert_eq!(
        limits[0]["remaining"], 498,
        "two requests counted, this one included"
    );
    assert_eq!(limits[1]["window"], "10m");
    assert_eq!(limits[1]["limit"], 10_000);
}

#[tokio::test]
async fn basic_credentials_also_authenticate_api_calls() {
    let api = Api::new();
    let basic = base64::engine::general_purpose::STANDARD.encode("sandbox-public:sandbox-secret");
    let req = Request::builder()
        .method(Method::GET)
        .uri("/v1/ws/1/Tags")
        .header("authorization", format!("Basic {basic}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        api.send(req).await.status,
        200,
        "the spec's basic scheme works"
    );
}
