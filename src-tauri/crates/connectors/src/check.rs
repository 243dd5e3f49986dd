//! [`test_connection`]: one real check per kind of connection, bounded in time.

use std::time::{Duration, Instant};

use passerelle_vault::settings::DastraSettings;
use passerelle_vault::{Profile, Secret, SecretNeed, Settings};

use crate::failure::{Failure, FailureCode};
use crate::report::{Found, Outcome, TestReport};
use crate::{dastra, folder, rest, sql};

/// How a connection test runs.
#[derive(Debug, Clone)]
pub struct TestOptions {
    /// The whole test's time limit (10 s by default); past it the test fails with
    /// [`FailureCode::Timeout`].
    pub timeout: Duration,
    /// Most tables listed by a SQL test (200 by default); the count covers them all.
    pub max_tables: usize,
    /// Most files a folder test counts before it reports "more than" (100,000 by default).
    pub max_files: u64,
    /// Where the built-in sandbox listens, when it runs; the built-in profile cannot be tested
    /// without it.
    pub sandbox: Option<SandboxEndpoint>,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            timeout: Duration::from_secs(10),
            max_tables: 200,
            max_files: 100_000,
            sandbox: None,
        }
    }
}

/// A running sandbox: its URL and API key.
#[derive(Debug, Clone)]
pub struct SandboxEndpoint {
    /// Its base URL (`http://127.0.0.1:PORT`).
    pub url: String,
    /// Its API key (the private part).
    pub api_key: Secret,
}

/// Test a saved profile with its secret: the built-in sandbox is tested at
/// [`TestOptions::sandbox`], every other profile as [`test_settings`] does.
///
/// Never fails: a failure is a [`TestReport`] with [`Outcome::Failed`].
pub async fn test_connection(
    profile: &Profile,
    secret: Option<&Secret>,
    options: &TestOptions,
) -> TestReport {
    if !profile.builtin {
        return test_settings(&profile.settings, secret, options).await;
    }
    let (Settings::DastraWorkspace(builtin), Some(sandbox)) = (&profile.settings, &options.sandbox)
    else {
        let failure = Failure::new(
            FailureCode::InvalidSettings,
            "The built-in sandbox is not running, so it cannot be tested. Restart Passerelle.",
        );
        return report(&profile.settings, Instant::now(), Err(failure));
    };
    let settings = Settings::DastraWorkspace(DastraSettings {
        base_url: sandbox.url.clone(),
        ..builtin.clone()
    });
    test_settings(&settings, Some(&sandbox.api_key), options).await
}

/// Test settings that may not be saved yet (a form's "test" button), with the secret typed
/// in. Does a real check for every kind, read-only, within [`TestOptions::timeout`]; the
/// report's failure never holds `secret`.
pub async fn test_settings(
    settings: &Settings,
    secret: Option<&Secret>,
    options: &TestOptions,
) -> TestReport {
    let started = Instant::now();
    let target = target(settings);
    let result = match (settings.secret_need(), secret) {
        (SecretNeed::Required { what }, None) => Err(Failure::secret_missing(what)),
        _ => match tokio::time::timeout(options.timeout, run(settings, secret, options)).await {
            Ok(result) => result,
            Err(_) => Err(Failure::timeout(&target, options.timeout)),
        },
    };
    let result = result.map_err(|mut failure| {
        if let Some(secret) = secret {
            failure.scrub(secret.expose());
        }
        failure
    });
    report(settings, started, result)
}

async fn run(
    settings: &Settings,
    secret: Option<&Secret>,
    options: &TestOptions,
) -> Result<Found, Failure> {
    match settings {
        Settings::DastraWorkspace(s) => {
            let secret = secret.expect("BUG: a Dastra workspace always has its secret here");
            dastra::test(s, secret, options).await.map(Found::Dastra)
        }
        Settings::Postgres(s) => sql::postgres::test(s, secret, options)
            .await
            .map(Found::Sql),
        Settings::MySql(s) => sql::mysql::test(s, secret, options).await.map(Found::Sql),
        Settings::Sqlite(s) => sql::sqlite::test(s, options).await.map(Found::Sql),
        Settings::Folder(s) => folder::test(s, options).await.map(Found::Folder),
        Settings::RestApi(s) => rest::test(s, secret, options).await.map(Found::Rest),
    }
}

fn report(settings: &Settings, started: Instant, result: Result<Found, Failure>) -> TestReport {
    let duration_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    let kind = settings.kind();
    let outcome = match result {
        Ok(found) => Outcome::Passed { found },
        Err(failure) => {
            tracing::debug!(kind = kind.as_str(), code = %failure.code, "connection test failed");
            Outcome::Failed { failure }
        }
    };
    tracing::debug!(kind = kind.as_str(), duration_ms, "connection test done");
    TestReport {
        kind,
        duration_ms,
        outcome,
    }
}

/// The system the settings point at, as a sentence names it ("the PostgreSQL server
/// db:5432").
pub(crate) fn target(settings: &Settings) -> String {
    match settings {
        Settings::DastraWorkspace(s) => format!("Dastra at {}", s.base_url),
        Settings::Postgres(s) => format!("the PostgreSQL server {}:{}", s.host.trim(), s.port),
        Settings::MySql(s) => format!("the MySQL/MariaDB server {}:{}", s.host.trim(), s.port),
        Settings::Sqlite(s) => format!("the SQLite file {}", s.path.display()),
        Settings::Folder(s) => format!("the folder {}", s.path.display()),
        Settings::RestApi(s) => format!("the API at {}", s.base_url),
    }
}
