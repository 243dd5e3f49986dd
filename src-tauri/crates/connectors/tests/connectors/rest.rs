//! HTTP APIs, with the sandbox (started in-process) as the API: its `/status` needs no key,
//! its `/v1` routes take an `X-API-Key`, Basic credentials or a bearer token from its OAuth2
//! token endpoint.

use passerelle_connectors::{test_settings, FailureCode, Found, RestFound, TestReport};
use passerelle_sandbox::{RunningSandbox, SandboxOptions};
use passerelle_vault::settings::{Probe, RestAuth, RestSettings};
use passerelle_vault::{Secret, Settings};

use crate::support::*;

async fn sandbox() -> RunningSandbox {
    passerelle_sandbox::start(SandboxOptions::default(), 0)
        .await
        .expect("the sandbox starts")
}

fn api(base_url: &str, auth: RestAuth, path: &str) -> Settings {
    Settings::RestApi(RestSettings {
        base_url: base_url.into(),
        auth,
        headers: [("Accept-Language".to_owned(), "fr".to_owned())].into(),
        probe: Probe {
            method: "GET".into(),
            path: path.into(),
            expect_status: None,
        },
    })
}

fn found(report: &TestReport) -> &RestFound {
    match report.found() {
        Some(Found::Rest(found)) => found,
        _ => panic!("a REST report expected, got {report:#?}"),
    }
}

fn key(value: &str) -> Secret {
    Secret::new(value)
}

#[tokio::test]
async fn an_open_endpoint_answers_its_status_and_response_time() {
    let sandbox = sandbox().await;
    let report = test_settings(
        &api(&sandbox.url(), RestAuth::None, "/status"),
        None,
        &options(10),
    )
    .await;
    assert_passed(&report);
    let found = found(&report);
    assert_eq!(found.status, 200);
    assert!(found.url.ends_with("/status"), "{}", found.url);
    assert!(
        found
            .content_type
            .as_deref()
            .is_some_and(|c| c.contains("json")),
        "{found:?}"
    );
}

#[tokio::test]
async fn an_api_key_header_opens_the_api_and_a_wrong_key_is_wrong_credentials() {
    let sandbox = sandbox().await;
    let auth = RestAuth::ApiKeyHeader {
        header: "X-API-Key".into(),
    };
    let settings = api(&sandbox.url(), auth, "/v1/WorkSpaces");
    let report = test_settings(&settings, Some(&key(sandbox.api_key())), &options(10)).await;
    assert_passed(&report);

    let wrong = key("wrong-key-marker");
    let report = test_settings(&settings, Some(&wrong), &options(10)).await;
    assert_failed(&report, FailureCode::WrongCredentials);
    let json = serde_json::to_string(&report).expect("serialisable");
    assert!(
        !json.contains("wrong-key-marker"),
        "no key in the report: {json}"
    );
}

#[tokio::test]
async fn basic_credentials_open_the_api() {
    let sandbox = sandbox().await;
    let auth = RestAuth::Basic {
        user: "sandbox-public".into(),
    };
    let settings = api(&sandbox.url(), auth, "/v1/WorkSpaces");
    let report = test_settings(&settings, Some(&key("sandbox-secret")), &options(10)).await;
    assert_passed(&report);
}

#[tokio::test]
async fn an_oauth2_client_credentials_token_opens_the_api_and_a_wrong_secret_is_refused() {
    let sandbox = sandbox().await;
    let auth = RestAuth::OAuth2ClientCredentials {
        token_url: format!("{}/connect/token", sandbox.url()),
        client_id: "sandbox-public".into(),
        scope: Some("api1".into()),
    };
    let settings = api(&sandbox.url(), auth, "/v1/WorkSpaces");
    let report = test_settings(&settings, Some(&key("sandbox-secret")), &options(10)).await;
    assert_passed(&report);

    let report = test_settings(&settings, Some(&key("not-the-secret")), &options(10)).await;
    assert_failed(&report, FailureCode::WrongCredentials);
    assert!(
        report
            .failure()
            .expect("failed")
            .message
            .contains("token endpoint"),
        "{report:?}"
    );
}

#[tokio::test]
async fn a_bearer_token_opens_the_api() {
    let sandbox = sandbox().await;
    let token: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/connect/token", sandbox.url()))
        .basic_auth("sandbox-public", Some("sandbox-secret"))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .expect("token endpoint")
        .json()
        .await
        .expect("token json");
    let token = token["access_token"].as_str().expect("an access token");
    let settings = api(&sandbox.url(), RestAuth::Bearer, "/v1/WorkSpaces");
    let report = test_settings(&settings, Some(&key(token)), &options(10)).await;
    assert_passed(&report);
}

#[tokio::test]
async fn a_missing_path_is_not_found_and_an_unexpected_status_is_reported() {
    let sandbox = sandbox().await;
    let report = test_settings(
        &api(&sandbox.url(), RestAuth::None, "/nothing-here"),
        None,
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::NotFound);

    let Settings::RestApi(mut settings) = api(&sandbox.url(), RestAuth::None, "/status") else {
        unreachable!()
    };
    settings.probe.expect_status = Some(204);
    let report = test_settings(&Settings::RestApi(settings), None, &options(10)).await;
    assert_failed(&report, FailureCode::Other);
    assert!(
        report
            .failure()
            .expect("failed")
            .message
            .contains("HTTP 204"),
        "{report:?}"
    );
}

#[tokio::test]
async fn an_api_wanting_credentials_without_any_configured_says_so() {
    let sandbox = sandbox().await;
    let report = test_settings(
        &api(&sandbox.url(), RestAuth::None, "/v1/WorkSpaces"),
        None,
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::WrongCredentials);
    assert!(report
        .failure()
        .expect("failed")
        .message
        .contains("wants credentials"));
}

#[tokio::test]
async fn a_secret_required_but_not_given_is_secret_missing_without_any_request() {
    let report = test_settings(
        &api("http://127.0.0.1:1", RestAuth::Bearer, "/"),
        None,
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::SecretMissing);
}

#[tokio::test]
async fn a_refused_port_is_unreachable() {
    let url = format!("http://127.0.0.1:{}", refused_port());
    let report = test_settings(&api(&url, RestAuth::None, "/"), None, &options(10)).await;
    assert_failed(&report, FailureCode::Unreachable);
}

#[tokio::test]
async fn an_api_that_never_answers_times_out() {
    let silent = SilentServer::start().await;
    let url = format!("http://127.0.0.1:{}", silent.port);
    let report = within(
        10,
        test_settings(&api(&url, RestAuth::None, "/"), None, &options(1)),
    )
    .await;
    assert_failed(&report, FailureCode::Timeout);
}

#[tokio::test]
async fn https_to_a_server_that_speaks_plain_http_is_a_tls_failure() {
    let sandbox = sandbox().await;
    let url = sandbox.url().replace("http://", "https://");
    let report = test_settings(&api(&url, RestAuth::None, "/status"), None, &options(10)).await;
    assert_failed(&report, FailureCode::Tls);
}
