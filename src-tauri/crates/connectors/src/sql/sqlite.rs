//! SQLite files, opened read-only (`mode=ro`) with `PRAGMA query_only` on; the file is never
//! created.

use std::io::ErrorKind;
use std::time::Duration;

use passerelle_vault::settings::SqliteSettings;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::{ConnectOptions, Connection, Row};

use super::transport_failure;
use crate::failure::{Failure, FailureCode};
use crate::report::{Rows, SqlFound, TableFound};
use crate::TestOptions;

/// Rows counted per table before a test settles for "at least this many".
const COUNT_CAP: u64 = 100_000;

/// Open the file read-only and check that it is an SQLite database.
///
/// Errors: not found (no file), missing permission (unreadable), invalid settings (a folder,
/// or a file that is not an SQLite database), timeout.
pub async fn connect(
    settings: &SqliteSettings,
    timeout: Duration,
) -> Result<SqliteConnection, Failure> {
    let path = &settings.path;
    let shown = path.display();
    match tokio::fs::metadata(path).await {
        Ok(meta) if meta.is_dir() => {
            return Err(Failure::new(
                FailureCode::InvalidSettings,
                format!("{shown} is a folder, not an SQLite file. Choose the database file."),
            ))
        }
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(Failure::new(
                FailureCode::NotFound,
                format!(
                    "There is no file at {shown}. Check the path, and that the drive or \
                         share holding it is connected."
                ),
            ))
        }
        Err(e) if e.kind() == ErrorKind::PermissionDenied => return Err(unreadable(settings)),
        Err(e) => return Err(Failure::unreachable(&target(settings)).with_detail(e)),
    }

    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .pragma("query_only", "ON")
        .disable_statement_logging();
    let mut conn = tokio::time::timeout(timeout, options.connect())
        .await
        .map_err(|_| Failure::timeout(&target(settings), timeout))?
        .map_err(|e| classify(&e, settings, timeout))?;
    // Opening is lazy about the header: this first read is what finds a non-database file.
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .execute(&mut conn)
        .await
        .map_err(|e| classify(&e, settings, timeout))?;
    Ok(conn)
}

/// Connect, then report the library version and the tables with their row counts: exact up
/// to 100,000 rows, "at least 100,000" beyond (a bounded count, never a full scan).
pub(crate) async fn test(
    settings: &SqliteSettings,
    options: &TestOptions,
) -> Result<SqlFound, Failure> {
    let mut conn = connect(settings, options.timeout).await?;
    let fail = |e: sqlx::Error| classify(&e, settings, options.timeout);

    let version: String = sqlx::query_scalar("SELECT sqlite_version()")
        .fetch_one(&mut conn)
        .await
        .map_err(fail)?;
    let query_only: i64 = sqlx::query_scalar("PRAGMA query_only")
        .fetch_one(&mut conn)
        .await
        .map_err(fail)?;
    let user_tables = "FROM sqlite_master WHERE type IN ('table', 'view') \
                       AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";
    let count: i64 = sqlx::query_scalar(&format!("SELECT count(*) {user_tables}"))
        .fetch_one(&mut conn)
        .await
        .map_err(fail)?;
    let listed = sqlx::query(&format!(
        "SELECT name, type {user_tables} ORDER BY name LIMIT ?"
    ))
    .bind(i64::try_from(options.max_tables).unwrap_or(i64::MAX))
    .fetch_all(&mut conn)
    .await
    .map_err(fail)?;

    let mut tables = Vec::with_capacity(listed.len());
    for row in &listed {
        let name: String = row.get(0);
        let view = row.get::<String, _>(1) == "view";
        let rows = if view {
            Rows::Unknown
        } else {
            count_rows(&mut conn, &name).await.map_err(fail)?
        };
        tables.push(("main".to_owned(), TableFound { name, view, rows }));
    }
    let _ = conn.close().await;

    let count = u64::try_from(count).unwrap_or(0);
    Ok(SqlFound {
        engine: "SQLite".to_owned(),
        server_version: version,
        database: settings.path.display().to_string(),
        read_only: query_only == 1,
        truncated: count > tables.len() as u64,
        table_count: count,
        schemas: super::group(&["main".to_owned()], tables),
    })
}

async fn count_rows(conn: &mut SqliteConnection, table: &str) -> Result<Rows, sqlx::Error> {
    let quoted = table.replace('"', "\"\"");
    let sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM \"{quoted}\" LIMIT {})",
        COUNT_CAP + 1
    );
    let count: i64 = sqlx::query_scalar(&sql).fetch_one(conn).await?;
    let count = u64::try_from(count).unwrap_or(0);
    Ok(if count > COUNT_CAP {
        Rows::AtLeast { count: COUNT_CAP }
    } else {
        Rows::Exact { count }
    })
}

fn target(settings: &SqliteSettings) -> String {
    format!("the SQLite file {}", settings.path.display())
}

fn unreadable(settings: &SqliteSettings) -> Failure {
    Failure::new(
        FailureCode::MissingPermission,
        format!(
            "Passerelle may not read {}. Ask for read access to the file (and its folder).",
            settings.path.display()
        ),
    )
}

/// Classify by SQLite's primary result code.
fn classify(err: &sqlx::Error, settings: &SqliteSettings, timeout: Duration) -> Failure {
    let Some(db) = err.as_database_error() else {
        return transport_failure(err, &target(settings), timeout);
    };
    let code: i64 = db.code().and_then(|c| c.parse().ok()).unwrap_or(0);
    let failure = match code & 0xff {
        // SQLITE_NOTADB, SQLITE_CORRUPT
        26 | 11 => Failure::new(
            FailureCode::InvalidSettings,
            format!(
                "{} is not an SQLite database (or is damaged). Choose the database file itself.",
                settings.path.display()
            ),
        ),
        // SQLITE_PERM, SQLITE_AUTH, SQLITE_CANTOPEN
        3 | 23 | 14 => unreadable(settings),
        // SQLITE_BUSY, SQLITE_LOCKED
        5 | 6 => Failure::new(
            FailureCode::Other,
            "The database file is locked by another program. Try again when it is done.",
        ),
        _ => Failure::new(
            FailureCode::Other,
            format!(
                "SQLite could not read {} (code {code}).",
                settings.path.display()
            ),
        ),
    };
    failure.with_detail(db.message())
}
