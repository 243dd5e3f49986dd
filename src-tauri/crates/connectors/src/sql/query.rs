//! A query's rows as text, for imports: `SELECT …` on a read-only session, every column cast
//! to text by the database itself so that numbers, dates and booleans read as it shows them.
//!
//! The statement is described first (its column names, nothing executed), then sent wrapped:
//! `SELECT CAST(q."name" AS text), … FROM (<query>) AS q`. A statement that is not a single
//! query (an `UPDATE`, two statements) fails to describe or is refused by the read-only
//! session; nothing is ever written.
//!
//! [`SqlSession::text_query`] checks and describes a query before anything runs, so that its
//! columns are known first; [`SqlSession::for_each_text_row`] then hands the rows over one at
//! a time as the database sends them, keeping none ([`SqlSession::query_rows`] is the two, the
//! rows collected).

use std::ops::ControlFlow;

use futures::TryStreamExt;
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

/// A read-only query checked and described, ready to be run by
/// [`SqlSession::for_each_text_row`]: its column names are known before any row is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuery {
    /// The column names, in the query's order.
    pub columns: Vec<String>,
    /// The statement sent: the query wrapped, each column cast to text.
    sql: String,
}

impl SqlSession {
    /// Run the read-only `query` and read every row as text; see the module docs.
    ///
    /// Errors: a statement that is not one query ([`FailureCode::InvalidSettings`]), two
    /// columns with the same name (name them with `AS`), or the database's own refusal.
    pub async fn query_rows(&mut self, query: &str) -> Result<QueryRows, Failure> {
        let prepared = self.text_query(query).await?;
        let mut rows = Vec::new();
        self.for_each_text_row(&prepared, |row| {
            rows.push(row);
            ControlFlow::Continue(())
        })
        .await?;
        Ok(QueryRows {
            columns: prepared.columns,
            rows,
        })
    }

    /// Check the read-only `query` and describe its columns, without running it. Errors: as
    /// [`SqlSession::query_rows`]'s, but for the database refusing to run it.
    pub async fn text_query(&mut self, query: &str) -> Result<TextQuery, Failure> {
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
        Ok(TextQuery { columns, sql })
    }

    /// Run `query` and hand each row (a text or `NULL` per column) to `each` as the database
    /// sends it, until the last or until `each` breaks; the number of rows handed over. The
    /// rows are not kept. Errors: the database's refusal, before or between rows.
    pub async fn for_each_text_row(
        &mut self,
        query: &TextQuery,
        mut each: impl FnMut(Vec<Option<String>>) -> ControlFlow<()>,
    ) -> Result<u64, Failure> {
        let what = "reading the query's rows";
        let width = query.columns.len();
        let mut count = 0u64;
        macro_rules! each_row {
            ($conn:expr) => {
                async {
                    let mut rows = sqlx::query(&query.sql).fetch($conn);
                    while let Some(row) = rows.try_next().await? {
                        let values = (0..width)
                            .map(|i| row.try_get::<Option<String>, _>(i))
                            .collect::<Result<Vec<_>, sqlx::Error>>()?;
                        count += 1;
                        if each(values).is_break() {
                            break;
                        }
                    }
                    Ok::<(), sqlx::Error>(())
                }
                .await
            };
        }
        let read = match self {
            SqlSession::Postgres(conn, _) => each_row!(&mut *conn),
            SqlSession::MySql(conn) => each_row!(&mut *conn),
            SqlSession::Sqlite(conn) => each_row!(&mut *conn),
        };
        read.map_err(|e| failure(&e, what))?;
        tracing::debug!(columns = width, rows = count, "query read");
        Ok(count)
    }
}

fn names<C: Column>(columns: &[C]) -> Vec<String> {
    columns.iter().map(|c| c.name().to_owned()).collect()
}
