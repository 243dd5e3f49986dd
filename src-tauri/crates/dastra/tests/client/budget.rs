//! The shared rate budget as seen over HTTP.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use passerelle_dastra::client::{Auth, ClientOptions, RateBudget, RateLimits, RateWindow};

use crate::server::{serve, thing, Counter};
use crate::{options, Thing};

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
