//! Which failures are retried, how long the client waits, and what it reports.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use passerelle_dastra::error::ErrorKind;
use passerelle_dastra::patch::PatchOp;
use passerelle_dastra::Error;
use serde_json::{json, Value};

use crate::server::{serve, serve_raw, thing, Counter, Raw};
use crate::{client, fast_retries, Thing, KEY};

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
