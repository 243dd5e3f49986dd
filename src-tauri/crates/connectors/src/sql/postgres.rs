//! PostgreSQL, opened with `default_transaction_read_only=on` and the session's transactions
//! set read-only.

use std::time::Duration;

use passerelle_vault::settings::{PostgresSettings, SslMode};
use passerelle_vault::Secret;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgSslMode};
use sqlx::{ConnectOptions, Connection, Row};

use super::{estimate, group, transport_failure};
use crate::failure::{Failure, FailureCode};
use crate::report::{Rows, SqlFound, TableFound};
use crate::TestOptions;

/// Open a read-only session on the database: every transaction is read-only
/// (`default_transaction_read_only` at startup, then `SET SESSION CHARACTERISTICS AS
/// TRANSACTION READ ONLY`), and statements stop after `timeout`.
///
/// Errors: the classified [`Failure`]: unreachable, TLS, wrong credentials (unknown user or
/// wrong password), missing permission (no right to connect), not found (no such database),
/// timeout.
pub async fn connect(
    settings: &PostgresSettings,
    secret: Option<&Secret>,
    timeout: Duration,
) -> Result<PgConnection, Failure> {
    let target = target(settings);
    let statement_timeout = timeout.as_millis().to_string();
    let mut options = PgConnectOptions::new_without_pgpass()
        .host(settings.host.trim())
        .port(settings.port)
        .database(settings.database.trim())
        .username(settings.user.trim())
        .ssl_mode(ssl_mode(settings.ssl_mode))
        .application_name("passerelle")
        .options([
            ("default_transaction_read_only", "on"),
            ("statement_timeout", statement_timeout.as_str()),
        ])
        .disable_statement_logging();
    if let Some(secret) = secret {
        options = options.password(secret.expose());
    }

    let mut conn = tokio::time::timeout(timeout, options.connect())
        .await
        .map_err(|_| Failure::timeout(&target, timeout))?
        .map_err(|e| classify(&e, settings, timeout))?;
    sqlx::query("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        .execute(&mut conn)
        .await
        .map_err(|e| classify(&e, settings, timeout))?;
    Ok(conn)
}

/// Connect, then report the server version, the schemas and their tables with the planner's
/// row estimates (`pg_class.reltuples`; unknown for a table never analysed).
pub(crate) async fn test(
    settings: &PostgresSettings,
    secret: Option<&Secret>,
    options: &TestOptions,
) -> Result<SqlFound, Failure> {
    let mut conn = connect(settings, secret, options.timeout).await?;
    let fail = |e: sqlx::Error| classify(&e, settings, options.timeout);

    let version: String = scalar(&mut conn, "SHOW server_version")
        .await
        .map_err(fail)?;
    let read_only: String = scalar(&mut conn, "SHOW transaction_read_only")
        .await
        .map_err(fail)?;
    let database: String = scalar(&mut conn, "SELECT current_database()")
        .await
        .map_err(fail)?;
    let schemas = schemas(&mut conn, settings).await?;

    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1)",
    )
    .bind(&schemas)
    .fetch_one(&mut conn)
    .await
    .map_err(fail)?;
    let rows = sqlx::query(
        "SELECT n.nspname, c.relname, c.relkind::text, c.reltuples::float8 \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY($1) \
         ORDER BY n.nspname, c.relname LIMIT $2",
    )
    .bind(&schemas)
    .bind(i64::try_from(options.max_tables).unwrap_or(i64::MAX))
    .fetch_all(&mut conn)
    .await
    .map_err(fail)?;

    let tables: Vec<(String, TableFound)> = rows
        .iter()
        .map(|row| {
            let view = row.get::<String, _>(2) == "v";
            let table = TableFound {
                name: row.get(1),
                view,
                rows: if view {
                    Rows::Unknown
                } else {
                    estimate(row.get(3))
                },
            };
            (row.get(0), table)
        })
        .collect();
    let _ = conn.close().await;

    let count = u64::try_from(count).unwrap_or(0);
    Ok(SqlFound {
        engine: "PostgreSQL".to_owned(),
        server_version: version,
        database,
        read_only: read_only == "on",
        truncated: count > tables.len() as u64,
        table_count: count,
        schemas: group(&schemas, tables),
    })
}

/// The schemas to look at: those asked for (each must exist), else every non-system one.
async fn schemas(
    conn: &mut PgConnection,
    settings: &PostgresSettings,
) -> Result<Vec<String>, Failure> {
    let existing: Vec<String> = sqlx::query_scalar(
        "SELECT nspname::text FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', \
         'information_schema') AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE \
         'pg\\_temp\\_%' ORDER BY nspname",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(|e| classify(&e, settings, Duration::ZERO))?;
    if settings.schemas.is_empty() {
        return Ok(existing);
    }

    let wanted: Vec<String> = settings
        .schemas
        .iter()
        .map(|s| s.trim().to_owned())
        .collect();
    let missing: Vec<&String> = wanted.iter().filter(|s| !existing.contains(s)).collect();
    if missing.is_empty() {
        return Ok(wanted);
    }
    let names = |list: Vec<&String>| {
        list.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Err(Failure::new(
        FailureCode::NotFound,
        format!(
            "The database {} has no schema {}. It has: {}. Correct the schema list, or leave it \
             empty to look at every schema.",
            settings.database.trim(),
            names(missing),
            names(existing.iter().collect()),
        ),
    ))
}

async fn scalar(conn: &mut PgConnection, sql: &'static str) -> Result<String, sqlx::Error> {
    sqlx::query_scalar(sql).fetch_one(conn).await
}

fn ssl_mode(mode: SslMode) -> PgSslMode {
    match mode {
        SslMode::Disable => PgSslMode::Disable,
        SslMode::Prefer => PgSslMode::Prefer,
        SslMode::Require => PgSslMode::Require,
        SslMode::VerifyCa => PgSslMode::VerifyCa,
        SslMode::VerifyFull => PgSslMode::VerifyFull,
    }
}

fn target(settings: &PostgresSettings) -> String {
    format!(
        "the PostgreSQL server {}:{}",
        settings.host.trim(),
        settings.port
    )
}

/// Classify by SQLSTATE when the server answered, by the transport otherwise.
fn classify(err: &sqlx::Error, settings: &PostgresSettings, timeout: Duration) -> Failure {
    let Some(db) = err.as_database_error() else {
        return transport_failure(err, &target(settings), timeout);
    };
    let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
    let (user, database) = (settings.user.trim(), settings.database.trim());
    let failure = match code.as_str() {
        // invalid_authorization_specification (unknown user, pg_hba refusal), invalid_password
        "28000" | "28P01" => Failure::new(
            FailureCode::WrongCredentials,
            format!(
                "The PostgreSQL server refused the user \"{user}\" or its password. Check both; \
                 if the password changed, enter the new one."
            ),
        ),
        // insufficient_privilege
        "42501" => Failure::new(
            FailureCode::MissingPermission,
            format!(
                "The user \"{user}\" may not use the database \"{database}\". Ask the database \
                 administrator to grant it CONNECT (and SELECT on the tables to read)."
            ),
        ),
        // invalid_catalog_name
        "3D000" => Failure::new(
            FailureCode::NotFound,
            format!(
                "The PostgreSQL server has no database \"{database}\". Check its name (it is \
                 case-sensitive)."
            ),
        ),
        // query_canceled (statement_timeout)
        "57014" => Failure::timeout(&target(settings), timeout),
        // cannot_connect_now, too_many_connections
        "57P03" | "53300" => Failure::new(
            FailureCode::Unreachable,
            "The PostgreSQL server is not accepting connections right now (starting up, or \
             full). Try again in a moment.",
        ),
        _ => Failure::new(
            FailureCode::Other,
            format!("The PostgreSQL server refused the connection (SQLSTATE {code})."),
        ),
    };
    failure.with_detail(db.message())
}
