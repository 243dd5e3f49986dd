//! PostgreSQL on 127.0.0.1:5432 (trust authentication, database `test`).

use passerelle_connectors::sql::postgres;
use passerelle_connectors::{test_settings, FailureCode, Found, Rows, SqlFound};
use passerelle_vault::settings::{PostgresSettings, SslMode};
use passerelle_vault::{Secret, Settings};

use crate::support::*;

fn settings(user: &str, database: &str) -> PostgresSettings {
    PostgresSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        database: database.into(),
        user: user.into(),
        ssl_mode: SslMode::Prefer,
        schemas: vec![],
    }
}

fn sql(found: Option<&Found>) -> &SqlFound {
    match found {
        Some(Found::Sql(sql)) => sql,
        other => panic!("a SQL report expected, got {other:?}"),
    }
}

/// A scratch schema with a 25-row table (analysed) and a view, dropped on drop.
async fn scratch() -> (String, Cleanup) {
    let schema = unique("pg");
    let mut cleanup = Cleanup::new(PG_ADMIN);
    cleanup.then(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    admin(
        PG_ADMIN,
        &format!(
            "CREATE SCHEMA {schema}; \
             CREATE TABLE {schema}.clients (id int PRIMARY KEY, email text); \
             INSERT INTO {schema}.clients SELECT g, 'c' || g || '@example.org' \
               FROM generate_series(1, 25) g; \
             ANALYZE {schema}.clients; \
             CREATE TABLE {schema}.never_analysed (id int); \
             CREATE VIEW {schema}.active_clients AS SELECT * FROM {schema}.clients"
        ),
    )
    .await;
    (schema, cleanup)
}

#[tokio::test]
async fn a_postgres_test_reports_version_schemas_and_tables_with_estimates() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let (schema, _cleanup) = scratch().await;
    let mut pg = settings("postgres", "test");
    pg.schemas = vec![schema.clone()];

    let report = within(
        20,
        test_settings(&Settings::Postgres(pg), None, &options(10)),
    )
    .await;
    assert_passed(&report);
    let found = sql(report.found());
    assert_eq!(found.engine, "PostgreSQL");
    assert!(
        found.server_version.starts_with(char::is_numeric),
        "{}",
        found.server_version
    );
    assert!(found.read_only, "the server confirms a read-only session");
    assert_eq!(found.database, "test");
    assert_eq!(
        found.schemas.len(),
        1,
        "only the schema asked for: {:?}",
        found.schemas
    );
    let tables = &found.schemas[0].tables;
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["active_clients", "clients", "never_analysed"],
        "by name"
    );
    assert_eq!(
        tables[1].rows,
        Rows::Estimated { count: 25 },
        "reltuples after ANALYZE"
    );
    assert_eq!(
        tables[2].rows,
        Rows::Unknown,
        "a table never analysed has no estimate"
    );
    assert!(
        tables[0].view && tables[0].rows == Rows::Unknown,
        "a view has no rows of its own"
    );
    assert_eq!(found.table_count, 3, "every table counted");
}

#[tokio::test]
async fn a_postgres_test_without_schemas_looks_at_every_schema_and_caps_the_list() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let (schema, _cleanup) = scratch().await;
    let mut options = options(10);
    options.max_tables = 2;
    let pg = Settings::Postgres(settings("postgres", "test"));

    let report = within(20, test_settings(&pg, None, &options)).await;
    assert_passed(&report);
    let found = sql(report.found());
    let listed: usize = found.schemas.iter().map(|s| s.tables.len()).sum();
    assert_eq!(listed, 2, "the list stops at the cap");
    assert!(
        found.table_count >= 3,
        "the count covers our scratch schema too"
    );
    assert!(found.truncated, "and says that some were left out");
    assert!(
        found.schemas.iter().any(|s| s.name == schema),
        "every schema is listed"
    );
}

#[tokio::test]
async fn a_postgres_session_opened_by_the_connector_refuses_writes() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let (schema, _cleanup) = scratch().await;
    let mut conn = postgres::connect(&settings("postgres", "test"), None, options(10).timeout)
        .await
        .expect("connects");
    let err = sqlx::query(&format!("INSERT INTO {schema}.clients VALUES (999, 'x')"))
        .execute(&mut conn)
        .await
        .expect_err("a read-only session");
    let code = err
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned());
    assert_eq!(
        code.as_deref(),
        Some("25006"),
        "read_only_sql_transaction: {err}"
    );
}

#[tokio::test]
async fn an_unknown_postgres_database_is_not_found() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let pg = Settings::Postgres(settings("postgres", &unique("nodb")));
    let report = within(20, test_settings(&pg, None, &options(10))).await;
    assert_failed(&report, FailureCode::NotFound);
    assert!(
        report
            .failure()
            .expect("failed")
            .message
            .contains("no database"),
        "{report:?}"
    );
}

#[tokio::test]
async fn an_unknown_postgres_user_is_refused_as_wrong_credentials_without_echoing_the_password() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let pg = Settings::Postgres(settings(&unique("nouser"), "test"));
    let secret = Secret::new(unique("pw"));
    let report = within(20, test_settings(&pg, Some(&secret), &options(10))).await;
    assert_failed(&report, FailureCode::WrongCredentials);
    let json = serde_json::to_string(&report).expect("serialisable");
    assert!(
        !json.contains(secret.expose()),
        "no password in the report: {json}"
    );
}

#[tokio::test]
async fn a_postgres_role_without_connect_right_is_missing_permission() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let (database, role) = (unique("db"), unique("role"));
    let mut cleanup = Cleanup::new(PG_ADMIN);
    cleanup.then(format!("DROP ROLE IF EXISTS {role}"));
    cleanup.then(format!("DROP DATABASE IF EXISTS {database}"));
    admin(PG_ADMIN, &format!("CREATE DATABASE {database}")).await;
    admin(
        PG_ADMIN,
        &format!("REVOKE CONNECT ON DATABASE {database} FROM PUBLIC; CREATE ROLE {role} LOGIN"),
    )
    .await;

    let pg = Settings::Postgres(settings(&role, &database));
    let report = within(20, test_settings(&pg, None, &options(10))).await;
    assert_failed(&report, FailureCode::MissingPermission);
    drop(cleanup);
}

#[tokio::test]
async fn an_unknown_postgres_schema_is_not_found_and_the_existing_ones_are_named() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let mut pg = settings("postgres", "test");
    pg.schemas = vec!["public".into(), "no_such_schema".into()];
    let report = within(
        20,
        test_settings(&Settings::Postgres(pg), None, &options(10)),
    )
    .await;
    assert_failed(&report, FailureCode::NotFound);
    let message = &report.failure().expect("failed").message;
    assert!(
        message.contains("\"no_such_schema\"") && message.contains("\"public\""),
        "{message}"
    );
}

#[tokio::test]
async fn a_postgres_certificate_that_cannot_be_verified_is_a_tls_failure() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    // The local server's certificate (a self-signed one, or none) cannot pass verify-full.
    let mut pg = settings("postgres", "test");
    pg.ssl_mode = SslMode::VerifyFull;
    let report = within(
        20,
        test_settings(&Settings::Postgres(pg), None, &options(10)),
    )
    .await;
    assert_failed(&report, FailureCode::Tls);
}

#[tokio::test]
async fn a_refused_postgres_port_is_unreachable() {
    let mut pg = settings("postgres", "test");
    pg.port = refused_port();
    let report = within(
        20,
        test_settings(&Settings::Postgres(pg), None, &options(10)),
    )
    .await;
    assert_failed(&report, FailureCode::Unreachable);
}

#[tokio::test]
async fn a_postgres_server_that_never_answers_times_out() {
    let silent = SilentServer::start().await;
    let mut pg = settings("postgres", "test");
    pg.port = silent.port;
    let report = within(
        20,
        test_settings(&Settings::Postgres(pg), None, &options(1)),
    )
    .await;
    assert_failed(&report, FailureCode::Timeout);
    assert!(
        report.duration_ms < 5_000,
        "bounded by the time limit: {} ms",
        report.duration_ms
    );
}
