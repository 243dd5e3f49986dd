//! MySQL and MariaDB, with the session's transactions set read-only.

use std::time::Duration;

use passerelle_vault::settings::MySqlSettings;
use passerelle_vault::Secret;
use sqlx::mysql::{MySqlConnectOptions, MySqlConnection, MySqlDatabaseError, MySqlSslMode};
use sqlx::{ConnectOptions, Connection, Row};

use super::{estimate, group, transport_failure};
use crate::failure::{Failure, FailureCode};
use crate::report::{Rows, SqlFound, TableFound};
use crate::TestOptions;

/// Open a session on the database whose transactions are read-only (`SET SESSION
/// TRANSACTION READ ONLY`). TLS is used when the server offers it.
///
/// Errors: the classified [`Failure`]: unreachable, wrong credentials, missing permission (no
/// right on the database, or this computer not allowed), not found (no such database),
/// timeout.
pub async fn connect(
    settings: &MySqlSettings,
    secret: Option<&Secret>,
    timeout: Duration,
) -> Result<MySqlConnection, Failure> {
    let target = target(settings);
    let mut options = MySqlConnectOptions::new()
        .host(settings.host.trim())
        .port(settings.port)
        .database(settings.database.trim())
        .username(settings.user.trim())
        .ssl_mode(MySqlSslMode::Preferred)
        .disable_statement_logging();
    if let Some(secret) = secret {
        options = options.password(secret.expose());
    }

    let mut conn = tokio::time::timeout(timeout, options.connect())
        .await
        .map_err(|_| Failure::timeout(&target, timeout))?
        .map_err(|e| classify(&e, settings, timeout))?;
    sqlx::query("SET SESSION TRANSACTION READ ONLY")
        .execute(&mut conn)
        .await
        .map_err(|e| classify(&e, settings, timeout))?;
    Ok(conn)
}

/// Connect, then report the server (MySQL or MariaDB) and version, and the database's tables
/// with `information_schema.tables.table_rows` as estimates.
pub(crate) async fn test(
    settings: &MySqlSettings,
    secret: Option<&Secret>,
    options: &TestOptions,
) -> Result<SqlFound, Failure> {
    let mut conn = connect(settings, secret, options.timeout).await?;
    let fail = |e: sqlx::Error| classify(&e, settings, options.timeout);

    let version: String = sqlx::query_scalar("SELECT CAST(VERSION() AS CHAR)")
        .fetch_one(&mut conn)
        .await
        .map_err(fail)?;
    let read_only = read_only(&mut conn).await;
    let database: String = sqlx::query_scalar("SELECT CAST(DATABASE() AS CHAR)")
        .fetch_one(&mut conn)
        .await
        .map_err(fail)?;

    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = ?")
            .bind(&database)
            .fetch_one(&mut conn)
            .await
            .map_err(fail)?;
    let rows = sqlx::query(
        "SELECT CAST(table_name AS CHAR), CAST(table_type AS CHAR), \
         CAST(table_rows AS DOUBLE) FROM information_schema.tables WHERE table_schema = ? \
         ORDER BY table_name LIMIT ?",
    )
    .bind(&database)
    .bind(u64::try_from(options.max_tables).unwrap_or(u64::MAX))
    .fetch_all(&mut conn)
    .await
    .map_err(fail)?;

    let tables: Vec<(String, TableFound)> = rows
        .iter()
        .map(|row| {
            let view = row.get::<String, _>(1).contains("VIEW");
            let table = TableFound {
                name: row.get(0),
                view,
                rows: if view {
                    Rows::Unknown
                } else {
                    estimate(row.get(2))
                },
            };
            (database.clone(), table)
        })
        .collect();
    let _ = conn.close().await;

    let (engine, version) = engine_and_version(&version);
    let count = u64::try_from(count).unwrap_or(0);
    Ok(SqlFound {
        engine,
        server_version: version,
        truncated: count > tables.len() as u64,
        table_count: count,
        schemas: group(std::slice::from_ref(&database), tables),
        database,
        read_only,
    })
}

/// Whether the server says the session is read-only. MySQL 8 and MariaDB 11.1+ call the
/// variable `transaction_read_only`; older servers only know `tx_read_only`.
async fn read_only(conn: &mut MySqlConnection) -> bool {
    for sql in [
        "SELECT CAST(@@session.transaction_read_only AS SIGNED)",
        "SELECT CAST(@@session.tx_read_only AS SIGNED)",
    ] {
        if let Ok(flag) = sqlx::query_scalar::<_, i64>(sql)
            .fetch_one(&mut *conn)
            .await
        {
            return flag == 1;
        }
    }
    false
}

/// `("MariaDB", "10.11.19")` from `10.11.19-MariaDB-0+deb12u1`; `("MySQL", "8.0.36")` from
/// `8.0.36`.
fn engine_and_version(raw: &str) -> (String, String) {
    let engine = if raw.to_ascii_lowercase().contains("mariadb") {
        "MariaDB"
    } else {
        "MySQL"
    };
    let version = raw.split('-').next().unwrap_or(raw);
    (engine.to_owned(), version.to_owned())
}

fn target(settings: &MySqlSettings) -> String {
    format!(
        "the MySQL/MariaDB server {}:{}",
        settings.host.trim(),
        settings.port
    )
}

/// Classify by the server's error number when it answered, by the transport otherwise.
fn classify(err: &sqlx::Error, settings: &MySqlSettings, timeout: Duration) -> Failure {
    let Some(db) = err.as_database_error() else {
        return transport_failure(err, &target(settings), timeout);
    };
    let number = db
        .try_downcast_ref::<MySqlDatabaseError>()
        .map(MySqlDatabaseError::number);
    let (user, database) = (settings.user.trim(), settings.database.trim());
    let failure = match number {
        // ER_ACCESS_DENIED_ERROR, ER_ACCESS_DENIED_NO_PASSWORD_ERROR
        Some(1045 | 1698) => Failure::new(
            FailureCode::WrongCredentials,
            format!(
                "The server refused the user \"{user}\" or its password. Check both; if the \
                 password changed, enter the new one."
            ),
        ),
        // ER_DBACCESS_DENIED_ERROR, table/column access denied, specific access denied
        Some(1044 | 1142 | 1143 | 1227) => Failure::new(
            FailureCode::MissingPermission,
            format!(
                "The user \"{user}\" may not read the database \"{database}\". Ask the database \
                 administrator to grant it SELECT on that database."
            ),
        ),
        // ER_HOST_NOT_PRIVILEGED
        Some(1130) => Failure::new(
            FailureCode::MissingPermission,
            "The server does not accept connections from this computer. Ask the database \
             administrator to allow it.",
        ),
        // ER_BAD_DB_ERROR
        Some(1049) => Failure::new(
            FailureCode::NotFound,
            format!("The server has no database \"{database}\". Check its name."),
        ),
        // ER_STATEMENT_TIMEOUT (MariaDB), ER_QUERY_TIMEOUT (MySQL)
        Some(1969 | 3024) => Failure::timeout(&target(settings), timeout),
        // ER_CON_COUNT_ERROR
        Some(1040) => Failure::new(
            FailureCode::Unreachable,
            "The server has too many connections right now. Try again in a moment.",
        ),
        _ => Failure::new(
            FailureCode::Other,
            format!(
                "The MySQL/MariaDB server refused the connection (error {}).",
                number.map_or_else(|| "unknown".to_owned(), |n| n.to_string())
            ),
        ),
    };
    failure.with_detail(db.message())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mariadb_is_told_apart_from_mysql_by_its_version_string() {
        assert_eq!(
            engine_and_version("10.11.19-MariaDB-0+deb12u1"),
            ("MariaDB".to_owned(), "10.11.19".to_owned())
        );
        assert_eq!(
            engine_and_version("8.0.36"),
            ("MySQL".to_owned(), "8.0.36".to_owned())
        );
    }
}
