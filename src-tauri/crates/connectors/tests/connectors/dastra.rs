//! Dastra workspaces, with the sandbox over real HTTP as Dastra.

use chrono::Utc;
use passerelle_connectors::dastra::list_workspaces;
use passerelle_connectors::{
    test_connection, test_settings, DastraFound, FailureCode, Found, SandboxEndpoint, TestReport,
};
use passerelle_sandbox::{RunningSandbox, SandboxOptions};
use passerelle_vault::settings::{DastraAuth, DastraSettings};
use passerelle_vault::{Profile, ProfileId, Secret, Settings};

use crate::support::*;

async fn sandbox() -> RunningSandbox {
    passerelle_sandbox::start(SandboxOptions::default(), 0)
        .await
        .expect("the sandbox starts")
}

fn workspace(base_url: &str, auth: DastraAuth, id: i64) -> DastraSettings {
    DastraSettings {
        base_url: base_url.into(),
        auth,
        workspace_id: id,
        workspace_label: None,
    }
}

fn found(report: &TestReport) -> &DastraFound {
    match report.found() {
        Some(Found::Dastra(found)) => found,
        _ => panic!("a Dastra report expected, got {report:#?}"),
    }
}

#[tokio::test]
async fn the_builtin_sandbox_reports_its_user_organisation_and_workspace() {
    let sandbox = sandbox().await;
    let options = passerelle_connectors::TestOptions {
        sandbox: Some(SandboxEndpoint {
            url: sandbox.url(),
            api_key: Secret::new(sandbox.api_key()),
        }),
        ..options(10)
    };
    let report = test_connection(&Profile::builtin_sandbox(), None, &options).await;
    assert_passed(&report);
    let found = found(&report);
    assert_eq!(
        found.workspace_id,
        i64::from(passerelle_sandbox::MAIN_WORKSPACE)
    );
    assert_eq!(
        found.workspace_label, "Ormeaux — Siège",
        "the label from /v1/WorkSpaces"
    );
    assert_eq!(
        found.organisation.as_deref(),
        Some("Groupe Ormeaux"),
        "the tenant from /me"
    );
    assert!(found.user.is_some(), "who the key belongs to");
    assert_eq!(found.workspaces.len(), 2, "every workspace the key sees");
}

#[tokio::test]
async fn the_builtin_sandbox_cannot_be_tested_when_it_is_not_running() {
    let report = test_connection(&Profile::builtin_sandbox(), None, &options(10)).await;
    assert_failed(&report, FailureCode::InvalidSettings);
}

#[tokio::test]
async fn an_api_key_profile_opens_its_workspace() {
    let sandbox = sandbox().await;
    let profile = Profile {
        id: ProfileId::random(),
        name: "Santé".into(),
        settings: Settings::DastraWorkspace(workspace(&sandbox.url(), DastraAuth::ApiKey, 2)),
        secret_stored: true,
        builtin: false,
        created: Utc::now(),
        updated: Utc::now(),
    };
    let secret = Secret::new(sandbox.api_key());
    let report = test_connection(&profile, Some(&secret), &options(10)).await;
    assert_passed(&report);
    assert_eq!(found(&report).workspace_label, "Ormeaux Santé");
}

#[tokio::test]
async fn client_credentials_open_the_workspace_through_the_token_endpoint() {
    let sandbox = sandbox().await;
    let auth = DastraAuth::ClientCredentials {
        public_key: "sandbox-public".into(),
        token_url: Some(format!("{}/connect/token", sandbox.url())),
    };
    let settings = Settings::DastraWorkspace(workspace(&sandbox.url(), auth, 1));
    let report = test_settings(
        &settings,
        Some(&Secret::new("sandbox-secret")),
        &options(10),
    )
    .await;
    assert_passed(&report);

    let report = test_settings(&settings, Some(&Secret::new("wrong-private")), &options(10)).await;
    assert_failed(&report, FailureCode::WrongCredentials);
    assert!(
        report
            .failure()
            .expect("failed")
            .message
            .contains("key pair"),
        "{report:?}"
    );
}

#[tokio::test]
async fn a_wrong_api_key_is_wrong_credentials_and_never_echoed() {
    let sandbox = sandbox().await;
    let settings = Settings::DastraWorkspace(workspace(&sandbox.url(), DastraAuth::ApiKey, 1));
    let wrong = Secret::new("wrong-api-key-marker");
    let report = test_settings(&settings, Some(&wrong), &options(10)).await;
    assert_failed(&report, FailureCode::WrongCredentials);
    let json = serde_json::to_string(&report).expect("serialisable");
    assert!(
        !json.contains("wrong-api-key-marker"),
        "no key in the report: {json}"
    );
}

#[tokio::test]
async fn a_workspace_the_key_cannot_see_is_not_found_and_the_visible_ones_are_named() {
    let sandbox = sandbox().await;
    let settings = Settings::DastraWorkspace(workspace(&sandbox.url(), DastraAuth::ApiKey, 999));
    let report = test_settings(
        &settings,
        Some(&Secret::new(sandbox.api_key())),
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::NotFound);
    let message = &report.failure().expect("failed").message;
    assert!(
        message.contains("#999") && message.contains("Ormeaux Santé (#2)"),
        "{message}"
    );
}

#[tokio::test]
async fn a_base_url_where_dastra_is_not_is_not_found() {
    let sandbox = sandbox().await;
    let url = format!("{}/not-dastra", sandbox.url());
    let settings = Settings::DastraWorkspace(workspace(&url, DastraAuth::ApiKey, 1));
    let report = test_settings(
        &settings,
        Some(&Secret::new(sandbox.api_key())),
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::NotFound);
}

#[tokio::test]
async fn a_refused_dastra_port_is_unreachable_and_a_silent_one_times_out() {
    let url = format!("http://127.0.0.1:{}", refused_port());
    let settings = Settings::DastraWorkspace(workspace(&url, DastraAuth::ApiKey, 1));
    let report = test_settings(&settings, Some(&Secret::new("k")), &options(10)).await;
    assert_failed(&report, FailureCode::Unreachable);

    let silent = SilentServer::start().await;
    let url = format!("http://127.0.0.1:{}", silent.port);
    let settings = Settings::DastraWorkspace(workspace(&url, DastraAuth::ApiKey, 1));
    let report = within(
        10,
        test_settings(&settings, Some(&Secret::new("k")), &options(1)),
    )
    .await;
    assert_failed(&report, FailureCode::Timeout);
}

#[tokio::test]
async fn a_dastra_profile_without_its_key_is_secret_missing() {
    let settings =
        Settings::DastraWorkspace(workspace("https://api.dastra.eu", DastraAuth::ApiKey, 1));
    let report = test_settings(&settings, None, &options(10)).await;
    assert_failed(&report, FailureCode::SecretMissing);
    assert!(
        report
            .failure()
            .expect("failed")
            .message
            .contains("API key"),
        "{report:?}"
    );
}

#[tokio::test]
async fn the_workspace_picker_lists_what_the_key_can_see() {
    let sandbox = sandbox().await;
    let settings = workspace(&sandbox.url(), DastraAuth::ApiKey, 0);
    let list = list_workspaces(&settings, &Secret::new(sandbox.api_key()), &options(10))
        .await
        .expect("listed");
    let labels: Vec<(i64, &str)> = list.iter().map(|w| (w.id, w.label.as_str())).collect();
    assert_eq!(labels, [(1, "Ormeaux — Siège"), (2, "Ormeaux Santé")]);

    let err = list_workspaces(&settings, &Secret::new("nope"), &options(10))
        .await
        .expect_err("wrong key");
    assert_eq!(err.code, FailureCode::WrongCredentials, "{err}");
}

#[test]
fn the_builtin_profile_points_at_the_sandbox_main_workspace() {
    let Settings::DastraWorkspace(settings) = Profile::builtin_sandbox().settings else {
        panic!("the builtin is a Dastra workspace")
    };
    assert_eq!(
        settings.workspace_id,
        i64::from(passerelle_sandbox::MAIN_WORKSPACE)
    );
}
