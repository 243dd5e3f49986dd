//! A query's rows as text, for imports: `SELECT …` on a read-only session, every column cast
//! to text by the database itself so that numbers, dates and booleans read as it shows them.
//!
//! The statement is described first (its column names, nothing executed), then sent wrapped:
//! `SELECT CAST(q."name" AS text), … FROM (<query>) AS q`. A statement that is not a single
//! query (an `UPDATE`, two statements) fails to describe or is refused by the read-only
//! session; nothing is ever written.

use sqlx::{Column, Executor, Row};

use super::search::{failure, SqlSession};
use crate::failure::{Failure, FailureCode};

/// The rows of a query: its column names and, for each row, a text or `NULL` per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRows {
    /// The column names, in the query's order.
    pub columns: Vec<String>,
    /// The rows, each with one value per column.
    pub rows: Vec<Vec<Option<String>>>,
}

impl SqlSession {
    /// Run the read-only `query` and read every row as text; see the module docs.
    ///
    /// Errors: a statement that is not one query ([`FailureCode::InvalidSettings`]), two
    /// columns with the same name (name them with `AS`), or the database's own refusal.
    pub async fn query_rows(&mut self, query: &str) -> Result<QueryRows, Failure> {
        let query = query.trim().trim_end_matches(';').trim();
        let lowered = query.to_ascii_lowercase();
        if !(lowered.starts_with("select") || lowered.starts_with("with")) || query.contains(';') {
            return Err(Failure::new(
                FailureCode::InvalidSettings,
                "An import reads one query starting with SELECT or WITH, without a `;` inside: \
                 Passerelle never writes to a database. Correct the query."
                    .to_owned(),
            ));
        }
        let what = "describing the query";
        let columns: Vec<String> = match self {
            SqlSession::Postgres(conn, _) => conn.describe(query).await.map(|d| names(d.columns())),
            SqlSession::MySql(conn) => conn.describe(query).await.map(|d| names(d.columns())),
            SqlSession::Sqlite(conn) => conn.describe(query).await.map(|d| names(d.columns())),
        }
        .map_err(|e| failure(&e, what))?;
        for (j, name) in columns.iter().enumerate() {
            if columns[..j].contains(name) {
                return Err(Failure::new(
                    FailureCode::InvalidSettings,
                    format!(
                        "The query returns two columns named « {name} »: name each with AS so \
                         that every column has its own name."
                    ),
                ));
            }
        }
        let cast = |name: &str| match self {
            SqlSession::MySql(_) => format!("CAST(q.`{}` AS CHAR)", name.replace('`', "``")),
            _ => format!("CAST(q.\"{}\" AS TEXT)", name.replace('"', "\"\"")),
        };
        let list: Vec<String> = columns.iter().map(|c| cast(c)).collect();
        let sql = format!("SELECT {} FROM ({query}) AS q", list.join(", "));
        let what = "reading the query's rows";
        let width = columns.len();
        let read = |row: &dyn Fn(usize) -> Result<Option<String>, sqlx::Error>| {
            (0..width).map(row).collect::<Result<Vec<_>, _>>()
        };
        let rows: Result<Vec<Vec<Option<String>>>, sqlx::Error> = match self {
            SqlSession::Postgres(conn, _) => {
                let rows = sqlx::query(&sql).fetch_all(&mut *conn).await;
                rows.and_then(|rows| rows.iter().map(|r| read(&|i| r.try_get(i))).collect())
            }
            SqlSession::MySql(conn) => {
                let rows = sqlx::query(&sql).fetch_all(&mut *conn).await;
                rows.and_then(|rows| rows.iter().map(|r| read(&|i| r.try_get(i))).collect())
            }
            SqlSession::Sqlite(conn) => {
                let rows = sqlx::query(&sql).fetch_all(&mut *conn).await;
                rows.and_then(|rows| rows.iter().map(|r| read(&|i| r.try_get(i))).collect())
            }
        };
        let rows = rows.map_err(|e| failure(&e, what))?;
        tracing::debug!(columns = width, rows = rows.len(), "query read");
        Ok(QueryRows { columns, rows })
    }
}

fn names<C: Column>(columns: &[C]) -> Vec<String> {
    columns.iter().map(|c| c.name().to_owned()).collect()
}
