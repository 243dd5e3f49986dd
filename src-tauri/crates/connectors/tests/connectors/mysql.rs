//! MariaDB on 127.0.0.1:3306 (root without password, database `test`).

use passerelle_connectors::sql::mysql;
use passerelle_connectors::{test_settings, FailureCode, Found, Rows, SqlFound};
use passerelle_vault::settings::MySqlSettings;
use passerelle_vault::{Secret, Settings};

use crate::support::*;

fn settings(user: &str, database: &str) -> MySqlSettings {
    MySqlSettings {
        host: "127.0.0.1".into(),
        port: 3306,
        database: database.into(),
        user: user.into(),
    }
}

fn sql(found: Option<&Found>) -> &SqlFound {
    match found {
        Some(Found::Sql(sql)) => sql,
        other => panic!("a SQL report expected, got {other:?}"),
    }
}

/// A user with a password and no right on `test`, dropped on drop.
async fn scratch_user(password: &str) -> (String, Cleanup) {
    let user = unique("my");
    let mut cleanup = Cleanup::new(MYSQL_ADMIN);
    cleanup.then(format!("DROP USER IF EXISTS '{user}'@'%'"));
    cleanup.then(format!("DROP USER IF EXISTS '{user}'@'localhost'"));
    // Both hosts: MariaDB may see a loopback client as localhost or as 127.0.0.1.
    admin(
        MYSQL_ADMIN,
        &format!(
            "CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'; \
             CREATE USER '{user}'@'localhost' IDENTIFIED BY '{password}'"
        ),
    )
    .await;
    (user, cleanup)
}

#[tokio::test]
async fn a_mariadb_test_reports_engine_version_and_tables_with_estimates() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let table = unique("clients");
    let mut cleanup = Cleanup::new(MYSQL_ADMIN);
    cleanup.then(format!("DROP TABLE IF EXISTS test.{table}"));
    admin(
        MYSQL_ADMIN,
        &format!(
            "CREATE TABLE test.{table} (id INT PRIMARY KEY, email VARCHAR(100)) ENGINE=InnoDB; \
             INSERT INTO test.{table} VALUES (1, 'a@example.org'), (2, 'b@example.org'), \
               (3, 'c@example.org'); \
             ANALYZE TABLE test.{table}"
        ),
    )
    .await;

    let mut options = options(10);
    options.max_tables = 10_000;
    let report = within(
        20,
        test_settings(&Settings::MySql(settings("root", "test")), None, &options),
    )
    .await;
    assert_passed(&report);
    let found = sql(report.found());
    assert_eq!(found.engine, "MariaDB", "told apart from MySQL");
    assert!(
        found.server_version.starts_with(char::is_numeric),
        "{}",
        found.server_version
    );
    assert!(found.read_only, "the server confirms a read-only session");
    assert_eq!(found.database, "test");
    let ours = found.schemas[0]
        .tables
        .iter()
        .find(|t| t.name == table)
        .unwrap_or_else(|| panic!("{table} listed in {:?}", found.schemas));
    assert_eq!(
        ours.rows,
        Rows::Estimated { count: 3 },
        "table_rows after ANALYZE"
    );
    drop(cleanup);
}

#[tokio::test]
async fn a_mariadb_session_opened_by_the_connector_refuses_writes() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let table = unique("ro");
    let mut cleanup = Cleanup::new(MYSQL_ADMIN);
    cleanup.then(format!("DROP TABLE IF EXISTS test.{table}"));
    admin(MYSQL_ADMIN, &format!("CREATE TABLE test.{table} (id INT)")).await;

    let mut conn = mysql::connect(&settings("root", "test"), None, options(10).timeout)
        .await
        .expect("connects");
    let err = sqlx::query(&format!("INSERT INTO test.{table} VALUES (1)"))
        .execute(&mut conn)
        .await
        .expect_err("a read-only session");
    let db = err.as_database_error().expect("the server refused");
    let number = db
        .try_downcast_ref::<sqlx::mysql::MySqlDatabaseError>()
        .map(|e| e.number());
    assert_eq!(
        number,
        Some(1792),
        "ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION: {err}"
    );
    drop(cleanup);
}

#[tokio::test]
async fn a_mariadb_user_with_its_password_and_the_select_right_connects() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let password = unique("pw");
    let (user, cleanup) = scratch_user(&password).await;
    admin(
        MYSQL_ADMIN,
        &format!(
            "GRANT SELECT ON test.* TO '{user}'@'%'; \
             GRANT SELECT ON test.* TO '{user}'@'localhost'"
        ),
    )
    .await;

    let secret = Secret::new(password);
    let my = Settings::MySql(settings(&user, "test"));
    let report = within(20, test_settings(&my, Some(&secret), &options(10))).await;
    assert_passed(&report);
    drop(cleanup);
}

#[tokio::test]
async fn a_wrong_mariadb_password_is_wrong_credentials_and_never_echoed() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let (user, cleanup) = scratch_user(&unique("right")).await;
    let wrong = Secret::new(unique("wrong"));
    let my = Settings::MySql(settings(&user, "test"));
    let report = within(20, test_settings(&my, Some(&wrong), &options(10))).await;
    assert_failed(&report, FailureCode::WrongCredentials);
    let json = serde_json::to_string(&report).expect("serialisable");
    assert!(
        !json.contains(wrong.expose()),
        "no password in the report: {json}"
    );
    drop(cleanup);
}

#[tokio::test]
async fn a_mariadb_user_without_rights_on_the_database_is_missing_permission() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let password = unique("pw");
    let (user, cleanup) = scratch_user(&password).await;
    let my = Settings::MySql(settings(&user, "test"));
    let report = within(
        20,
        test_settings(&my, Some(&Secret::new(password)), &options(10)),
    )
    .await;
    assert_failed(&report, FailureCode::MissingPermission);
    drop(cleanup);
}

#[tokio::test]
async fn an_unknown_mariadb_database_is_not_found() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let my = Settings::MySql(settings("root", &unique("nodb")));
    let report = within(20, test_settings(&my, None, &options(10))).await;
    assert_failed(&report, FailureCode::NotFound);
}

#[tokio::test]
async fn a_refused_mariadb_port_is_unreachable() {
    let mut my = settings("root", "test");
    my.port = refused_port();
    let report = within(20, test_settings(&Settings::MySql(my), None, &options(10))).await;
    assert_failed(&report, FailureCode::Unreachable);
}

#[tokio::test]
async fn a_mariadb_server_that_never_answers_times_out() {
    let silent = SilentServer::start().await;
    let mut my = settings("root", "test");
    my.port = silent.port;
    let report = within(20, test_settings(&Settings::MySql(my), None, &options(1))).await;
    assert_failed(&report, FailureCode::Timeout);
}
