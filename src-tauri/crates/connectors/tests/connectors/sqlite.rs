//! SQLite files made by the tests in temporary folders.

use std::path::Path;

use passerelle_connectors::sql::sqlite;
use passerelle_connectors::{test_settings, FailureCode, Found, Rows, SqlFound};
use passerelle_vault::settings::SqliteSettings;
use passerelle_vault::Settings;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor};

use crate::support::*;

fn settings(path: &Path) -> Settings {
    Settings::Sqlite(SqliteSettings { path: path.into() })
}

fn sql(found: Option<&Found>) -> &SqlFound {
    match found {
        Some(Found::Sql(sql)) => sql,
        other => panic!("a SQL report expected, got {other:?}"),
    }
}

/// A database with a 3-row table, a view and a table past the count cap.
async fn database(path: &Path) {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("a writable scratch database");
    conn.execute(
        "CREATE TABLE clients (id INTEGER PRIMARY KEY, email TEXT); \
         INSERT INTO clients (email) VALUES ('a@example.org'), ('b@example.org'), ('c@x.org'); \
         CREATE VIEW recent AS SELECT * FROM clients; \
         CREATE TABLE \"big \"\"log\"\"\" (n INTEGER); \
         WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 100005) \
           INSERT INTO \"big \"\"log\"\"\" SELECT n FROM s",
    )
    .await
    .expect("scratch tables");
    conn.close().await.expect("closed");
}

#[tokio::test]
async fn an_sqlite_test_counts_rows_exactly_up_to_a_cap() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crm.db");
    database(&path).await;

    let report = within(20, test_settings(&settings(&path), None, &options(10))).await;
    assert_passed(&report);
    let found = sql(report.found());
    assert_eq!(found.engine, "SQLite");
    assert!(found.read_only, "query_only is on");
    let tables = &found.schemas[0].tables;
    let rows: Vec<(&str, Rows)> = tables.iter().map(|t| (t.name.as_str(), t.rows)).collect();
    assert_eq!(
        rows,
        [
            ("big \"log\"", Rows::AtLeast { count: 100_000 }),
            ("clients", Rows::Exact { count: 3 }),
            ("recent", Rows::Unknown),
        ],
        "exact counts, a bound past the cap, nothing for a view; odd names are quoted"
    );
}

#[tokio::test]
async fn an_sqlite_connection_opened_by_the_connector_refuses_writes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crm.db");
    database(&path).await;
    let mut conn = sqlite::connect(&SqliteSettings { path: path.clone() }, options(10).timeout)
        .await
        .expect("opens");
    let err = conn
        .execute("DELETE FROM clients")
        .await
        .expect_err("read-only");
    assert!(
        err.to_string().contains("readonly")
            || err.to_string().contains("read-only")
            || err.to_string().contains("query_only"),
        "{err}"
    );
}

#[tokio::test]
async fn a_missing_sqlite_file_is_not_found_and_is_not_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("absent.db");
    let report = within(20, test_settings(&settings(&path), None, &options(10))).await;
    assert_failed(&report, FailureCode::NotFound);
    assert!(!path.exists(), "the test never creates the file");
}

#[tokio::test]
async fn a_file_that_is_not_an_sqlite_database_or_a_folder_is_invalid_settings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "Ceci n'est pas une base de données, mais un texte assez long. ".repeat(20),
    )
    .expect("written");
    let report = within(20, test_settings(&settings(&text), None, &options(10))).await;
    assert_failed(&report, FailureCode::InvalidSettings);

    let report = within(20, test_settings(&settings(dir.path()), None, &options(10))).await;
    assert_failed(&report, FailureCode::InvalidSettings);
    assert!(
        report
            .failure()
            .expect("failed")
            .message
            .contains("is a folder"),
        "{report:?}"
    );
}

#[tokio::test]
async fn a_query_sqlite_refuses_says_whether_it_is_the_sql_the_table_or_the_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("crm.db");
    database(&path).await;
    let mut session = passerelle_connectors::sql::search::SqlSession::open(
        &settings(&path),
        None,
        std::time::Duration::from_secs(20),
    )
    .await
    .expect("the file opens");
    let cases = [
        ("SELECT email, FROM clients", FailureCode::QuerySyntax, None),
        (
            "SELECT email FROM prospects",
            FailureCode::UnknownTable,
            Some("prospects"),
        ),
        (
            "SELECT courriel FROM clients",
            FailureCode::UnknownColumn,
            Some("courriel"),
        ),
    ];
    for (query, code, subject) in cases {
        let failure = session.text_query(query).await.expect_err(query);
        assert_eq!(
            (failure.code, failure.subject.as_deref()),
            (code, subject),
            "{query}: {failure:?}"
        );
        assert!(
            failure.detail.is_some(),
            "{query}: SQLite's own words are kept"
        );
    }
}
