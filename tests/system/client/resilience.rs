//! Retries against injected faults: 429 with `Retry-After`, 503, bodies cut mid-way.
//!
//! The only timing assertions are lower bounds the protocol requires (a `Retry-After` is
//! never shortened); attempt counts come from the client's rate budget, which draws one slot
//! per HTTP attempt.

use std::time::{Duration, Instant};

use futures::TryStreamExt;
use passerelle_dastra::client::{ListQuery, RetryPolicy};
use passerelle_dastra::models::{AssetDto, AssetType};
use passerelle_dastra::{ErrorKind, Filter, Operator};
use passerelle_sandbox::Faults;
use passerelle_tests::{client, client_options, options, set_faults, start_sandbox};

fn first_assets() -> ListQuery {
    ListQuery::new().size(5)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_429_is_waited_out_as_retry_after_asks_and_the_call_succeeds() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    let faults = Faults {
        burst429: 2,
        retry_after_seconds: 1,
        ..Faults::default()
    };
    set_faults(&sandbox, &faults).await;

    let started = Instant::now();
    let page = client
        .list::<AssetDto>(&first_assets())
        .await
        .expect("the call succeeds once the burst is over");
    let waited = started.elapsed();

    assert_eq!(page.items.len(), 5, "the real answer came through");
    assert!(
        waited >= Duration::from_secs(2),
        "two 429s with Retry-After: 1 mean at least 2 s of waiting, got {waited:?}"
    );
    let stats = client.rate_budget().stats();
    assert_eq!(
        stats.requests, 3,
        "two refused attempts and the one that succeeded"
    );
    assert_eq!(
        sandbox.state().faults().burst429,
        0,
        "the burst was consumed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_longer_than_the_client_will_wait_fails_at_once_as_rate_limited() {
    let sandbox = start_sandbox(options()).await;
    let policy = RetryPolicy {
        max_wait: Duration::from_secs(5),
        ..RetryPolicy::default()
    };
    let client = client_options(&sandbox)
        .retry(policy)
        .build()
        .expect("a client");
    let faults = Faults {
        burst429: 1,
        retry_after_seconds: 600,
        ..Faults::default()
    };
    set_faults(&sandbox, &faults).await;

    let err = client
        .list::<AssetDto>(&first_assets())
        .await
        .expect_err("ten minutes is too long to wait");
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert!(err.is_retryable(), "the caller may try again later");
    assert!(
        err.to_string().contains("600"),
        "the message says how long: {err}"
    );
    assert_eq!(
        client.rate_budget().stats().requests,
        1,
        "no retry was attempted"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_and_creates_refused_with_503_are_retried_until_they_succeed_once() {
    let sandbox = start_sandbox(options()).await;
    // Short backoffs: this test is about what is retried, not how long it waits.
    let policy = RetryPolicy {
        max_attempts: 10,
        base: Duration::from_millis(20),
        cap: Duration::from_millis(200),
        ..RetryPolicy::default()
    };
    let client = client_options(&sandbox)
        .retry(policy)
        .build()
        .expect("a client");
    // Half of all requests fail, in an order fixed by the seed: every call below meets some.
    let faults = Faults {
        error_rate: 0.5,
        seed: 11,
        ..Faults::default()
    };
    set_faults(&sandbox, &faults).await;

    const CALLS: u64 = 12;
    for n in 0..CALLS / 2 {
        client
            .list::<AssetDto>(&first_assets())
            .await
            .unwrap_or_else(|e| panic!("read {n} succeeds after its 503s: {e}"));
        let asset = AssetDto {
            label: format!("Poste de travail {n} (reprise après 503)"),
            r#type: AssetType::Material,
            ..AssetDto::default()
        };
        client
            .create(&asset)
            .await
            .unwrap_or_else(|e| panic!("create {n} succeeds after its 503s: {e}"));
    }
    let attempts = client.rate_budget().stats().requests;
    assert!(
        attempts > CALLS,
        "some attempts met a 503 and were retried: {attempts} attempts for {CALLS} calls"
    );

    set_faults(&sandbox, &Faults::default()).await;
    let created: Vec<AssetDto> = client
        .stream_all(ListQuery::new().filter(Filter::rule("label", Operator::Contains, "après 503")))
        .try_collect()
        .await
        .expect("the list answers");
    assert_eq!(
        created.len() as u64,
        CALLS / 2,
        "a 503 is a refusal, so retrying a create made each asset exactly once"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_whose_body_is_cut_mid_way_is_fetched_again() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    let faults = Faults {
        drop_mid_body: 1,
        ..Faults::default()
    };
    set_faults(&sandbox, &faults).await;

    let page = client
        .list::<AssetDto>(&ListQuery::new().size(200))
        .await
        .expect("the second attempt reads the whole body");
    assert_eq!(
        page.items.len(),
        150,
        "every seeded asset, none lost to the cut"
    );
    assert_eq!(
        client.rate_budget().stats().requests,
        2,
        "one cut attempt, one retry"
    );
}
