//! Fault injection over a real socket, and the admin routes that steer it.

use std::time::{Duration, Instant};

use passerelle_sandbox::{start, Faults, RunningSandbox, SandboxOptions};
use serde_json::{json, Value};

use crate::support::options;

async fn server(faults: Faults) -> RunningSandbox {
    start(
        SandboxOptions {
            faults,
            ..options()
        },
        0,
    )
    .await
    .expect("server starts")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

async fn get(s: &RunningSandbox, path: &str) -> reqwest::Result<reqwest::Response> {
    client()
        .get(format!("{}{path}", s.url()))
        .header("x-api-key", s.api_key())
        .send()
        .await
}

#[tokio::test]
async fn latency_is_added_to_every_v1_request() {
    let s = server(Faults {
        latency_ms: 150,
        ..Faults::default()
    })
    .await;
    let t = Instant::now();
    assert_eq!(get(&s, "/v1/ws/1/Tags").await.unwrap().status(), 200);
    assert!(
        t.elapsed() >= Duration::from_millis(150),
        "delayed by at least the latency"
    );
    let t = Instant::now();
    get(&s, "/status").await.unwrap();
    assert!(
        t.elapsed() < Duration::from_millis(150),
        "outside /v1 there is no delay"
    );
}

#[tokio::test]
async fn a_burst_of_429_comes_with_retry_after_then_ends() {
    let s = server(Faults {
        burst429: 2,
        retry_after_seconds: 3,
        ..Faults::default()
    })
    .await;
    for i in 0..2 {
        let r = get(&s, "/v1/ws/1/Tags").await.unwrap();
        assert_eq!(r.status(), 429, "request {i} is in the burst");
        assert_eq!(r.headers()["retry-after"], "3");
    }
    assert_eq!(
        get(&s, "/v1/ws/1/Tags").await.unwrap().status(),
        200,
        "the burst is over"
    );
}

#[tokio::test]
async fn an_error_rate_of_one_answers_503() {
    let s = server(Faults {
        error_rate: 1.0,
        ..Faults::default()
    })
    .await;
    assert_eq!(get(&s, "/v1/ws/1/Tags").await.unwrap().status(), 503);
}

#[tokio::test]
async fn a_dropped_connection_cuts_the_body_after_the_headers() {
    let s = server(Faults {
        drop_mid_body: 1,
        ..Faults::default()
    })
    .await;
    let r = get(&s, "/v1/ws/1/Assets?size=100")
        .await
        .expect("status and headers arrive");
    assert_eq!(r.status(), 200, "the status line was sent");
    assert!(r.bytes().await.is_err(), "reading the body fails mid-way");
    let again = get(&s, "/v1/ws/1/Assets?size=100").await.unwrap();
    assert!(
        again.json::<Value>().await.is_ok(),
        "the next response is whole"
    );
}

#[tokio::test]
async fn fail_after_commit_applies_the_post_then_drops_the_connection() {
    let s = server(Faults {
        fail_after_commit: 1,
        ..Faults::default()
    })
    .await;
    let before = get(&s, "/v1/ws/1/Assets?size=1")
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["total"]
        .clone();
    let outcome = client()
        .post(format!("{}/v1/ws/1/Assets", s.url()))
        .header("x-api-key", s.api_key())
        .json(&json!({ "label": "Créé sans réponse", "type": "Software" }))
        .send()
        .await;
    assert!(
        outcome.is_err(),
        "no response reaches the client: {outcome:?}"
    );
    let after = get(&s, "/v1/ws/1/Assets?size=1")
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap()["total"]
        .clone();
    assert_eq!(
        after.as_i64().unwrap(),
        before.as_i64().unwrap() + 1,
        "but the asset was created"
    );
}

#[tokio::test]
async fn faults_are_read_and_set_through_the_admin_route() {
    let s = server(Faults::default()).await;
    let c = client();
    let put = c
        .put(format!("{}/_sandbox/faults", s.url()))
        .json(&json!({ "burst429": 1, "latencyMs": 10 }))
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), 200, "no API key needed on loopback");
    let now: Value = c
        .get(format!("{}/_sandbox/faults", s.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(now["burst429"], 1);
    assert_eq!(now["latencyMs"], 10);
    assert_eq!(
        get(&s, "/v1/ws/1/Tags").await.unwrap().status(),
        429,
        "the fault applies"
    );
    let now: Value = c
        .get(format!("{}/_sandbox/faults", s.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(now["burst429"], 0, "the counter shows what is left");
    let bad = c
        .put(format!("{}/_sandbox/faults", s.url()))
        .json(&json!({ "errorRate": 2.0 }))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400, "an error rate is a fraction");
}

#[tokio::test]
async fn reset_reseeds_the_sandbox() {
    let s = server(Faults::default()).await;
    let c = client();
    c.delete(format!("{}/v1/ws/1/Assets/1", s.url()))
        .header("x-api-key", s.api_key())
        .send()
        .await
        .unwrap();
    assert_eq!(
        get(&s, "/v1/ws/1/Assets/1").await.unwrap().status(),
        404,
        "deleted"
    );
    let r = c
        .post(format!("{}/_sandbox/reset", s.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        get(&s, "/v1/ws/1/Assets/1").await.unwrap().status(),
        200,
        "back after a reset"
    );
}
