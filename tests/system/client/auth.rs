//! Credentials: a wrong API key, and OAuth2 client credentials across token expiry.

use std::time::{Duration, Instant};

use passerelle_dastra::client::{Auth, ClientOptions, ListQuery};
use passerelle_dastra::models::AssetDto;
use passerelle_dastra::ErrorKind;
use passerelle_sandbox::MAIN_WORKSPACE;
use passerelle_tests::{options, start_sandbox, RunningSandbox};

fn with_auth(sandbox: &RunningSandbox, auth: Auth) -> passerelle_dastra::DastraClient {
    ClientOptions::new(sandbox.url(), auth)
        .workspace(i64::from(MAIN_WORKSPACE))
        .build()
        .expect("a client")
}

fn client_credentials(sandbox: &RunningSandbox, private_key: &str) -> Auth {
    let public_key = sandbox.state().options().public_key.clone();
    Auth::client_credentials(public_key, private_key.to_owned())
        .with_token_url(format!("{}/connect/token", sandbox.url()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_api_key_gives_a_clear_401_that_never_shows_the_key() {
    let sandbox = start_sandbox(options()).await;
    let key = "pk_live_4f7d1c9e0b2a";
    let client = with_auth(&sandbox, Auth::api_key(key));

    let err = client
        .list::<AssetDto>(&ListQuery::new())
        .await
        .expect_err("the key is refused");
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err}");
    assert_eq!(err.status(), Some(401), "{err}");
    assert!(
        !err.is_retryable(),
        "a wrong key does not get better by waiting"
    );

    let shown = err.to_string();
    assert!(
        shown.contains("check the API key"),
        "the message says what to do: {shown}"
    );
    assert!(
        shown.contains("/Assets"),
        "and which request failed: {shown}"
    );
    for text in [shown, format!("{err:?}"), format!("{client:?}")] {
        assert!(!text.contains(key), "the key never appears: {text}");
    }
    assert_eq!(
        client.rate_budget().stats().requests,
        1,
        "a 401 is not retried"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_client_secret_is_refused_at_the_token_endpoint_without_showing_it() {
    let sandbox = start_sandbox(options()).await;
    let secret = "cs_9a8b7c6d5e4f";
    let client = with_auth(&sandbox, client_credentials(&sandbox, secret));

    let err = client.me().await.expect_err("no token for a wrong secret");
    assert_eq!(err.kind(), ErrorKind::Unauthorized, "{err}");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(secret), "the secret never appears: {shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_keep_working_across_token_expiry() {
    let mut opts = options();
    opts.token_lifetime = Duration::from_secs(2);
    let sandbox = start_sandbox(opts).await;
    let private_key = sandbox.api_key().to_owned();
    let client = with_auth(&sandbox, client_credentials(&sandbox, &private_key));

    let started = Instant::now();
    let mut calls = 0;
    while started.elapsed() < Duration::from_millis(5_500) {
        let page = client
            .list::<AssetDto>(&ListQuery::new().size(3))
            .await
            .unwrap_or_else(|e| panic!("call {calls} at {:?} succeeds: {e}", started.elapsed()));
        assert_eq!(page.items.len(), 3, "call {calls} got its page");
        calls += 1;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "the calls spanned at least two token lifetimes ({calls} calls)"
    );
    assert!(
        client.me().await.is_ok(),
        "and the client is still signed in at the end"
    );
}
