//! Searching SQL tables for a data subject with the matching pushed down to the database.
//!
//! A [`SqlSession`] is a read-only session on one of the three engines. [`SqlSession::search`]
//! sends one parametrised `SELECT … WHERE … LIMIT` per table: the predicate ORs every
//! [`Needle`] over every chosen column, so only candidate rows cross the wire, never a whole
//! table, and at most [`TableSearch::row_cap`] of them, those matching a strong needle
//! ([`TableSearch::preferred`]) first. Values are never spliced into SQL; only
//! identifiers (quoted) are.
//!
//! The predicate is a prefilter, deliberately generous: text is compared lower-cased with the
//! Latin accents folded (`translate` on PostgreSQL, an accent-insensitive collation on
//! MySQL/MariaDB, nested `replace` on SQLite), digits with every non-digit removed. The caller
//! verifies each candidate row with its own matcher, which decides what it is.
//!
//! [`SqlSession::linked_rows`] follows foreign keys one hop from a found row, both ways (the
//! rows it points at, and the rows pointing at it), a few rows per link.

use std::time::Duration;

use passerelle_vault::{Secret, Settings};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::mysql::MySqlConnection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;

use super::schema::{self, ColumnKind, ForeignKey, TableRef, TableSchema};
use super::{mysql, postgres, sqlite, transport_failure};
use crate::failure::{chain, Failure, FailureCode};

/// Accented Latin letters and what they fold to, one character for one (the SQL `translate`
/// and `replace` folds and the needle's own fold use this same table). An index meant to serve
/// the searches must be built on the same expression.
pub const FOLD_FROM: &str = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝ";
/// What each character of [`FOLD_FROM`] folds to.
pub const FOLD_TO: &str = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuy";

/// Characters removed before digits are compared on SQLite, which has no regular expressions:
/// every separator the matcher reads inside a phone number, the no-break spaces included
/// (French typography and spreadsheets write `06 12 34 56 78` with U+00A0 or U+202F).
const DIGIT_NOISE: [&str; 10] = [
    " ", "\u{a0}", "\u{202f}", ".", "-", "(", ")", "+", "/", "\t",
];

/// Lower-case and fold accents as the SQL side does.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match FOLD_FROM.chars().position(|f| f == c) {
            Some(i) => FOLD_TO
                .chars()
                .nth(i)
                .expect("the two fold tables have one length"),
            None => c,
        })
        .collect()
}

/// One thing to look for in the chosen columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "how", content = "text")]
pub enum Needle {
    /// The folded text appears in a text value (`elodie`, `dupont`, `e.dupont@example.fr`).
    Contains(String),
    /// These digits appear in the value once every non-digit is removed (`612345678`).
    Digits(String),
    /// The folded value is exactly this (a customer number).
    Equals(String),
    /// The text appears in the value once it is lower-cased and every character but ASCII
    /// letters and digits removed (`CL-004 512` holds `cl004512`).
    Compact(String),
}

/// What to search in one table.
#[derive(Debug, Clone)]
pub struct TableSearch<'a> {
    /// The table, as [`SqlSession::tables`] described it.
    pub table: &'a TableSchema,
    /// The columns to search (binary columns are ignored).
    pub columns: Vec<String>,
    /// What to look for; a row matching any needle in any column is a candidate.
    pub needles: Vec<Needle>,
    /// How many of `needles`, from the first, are strong: rows matching one of them come
    /// back before rows matched by the others only, so that a frequent weak needle (a common
    /// given name) cannot push the subject's own rows past the cap. `0` (or every needle):
    /// no order.
    pub preferred: usize,
    /// Most rows returned.
    pub row_cap: u32,
}

/// A row read from a table: every column but binary ones, as text (`None` for SQL `NULL`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqlRow {
    /// `(column, value)` in the table's column order.
    pub values: Vec<(String, Option<String>)>,
}

impl SqlRow {
    /// The value of `column`, if the row has it and it is not `NULL`.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(c, _)| c == column)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// What a table search returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOutcome {
    /// The candidate rows, at most the cap.
    pub rows: Vec<SqlRow>,
    /// More rows matched than the cap let through.
    pub capped: bool,
}

/// Which way a link was followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LinkDirection {
    /// The found row's foreign key points at these rows (an order's customer).
    References,
    /// These rows' foreign key points at the found row (a customer's orders).
    ReferencedBy,
}

/// Rows one foreign-key hop away from a found row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkedRows {
    /// The table the rows are in.
    pub table: TableRef,
    /// The key followed.
    pub via: ForeignKey,
    /// Which way.
    pub direction: LinkDirection,
    /// The rows, at most the cap.
    pub rows: Vec<SqlRow>,
}

/// A read-only session on one database.
#[derive(Debug)]
pub enum SqlSession {
    /// PostgreSQL, with the schemas to look at (all when empty).
    Postgres(PgConnection, Vec<String>),
    /// MySQL or MariaDB.
    MySql(MySqlConnection),
    /// An SQLite file.
    Sqlite(SqliteConnection),
}

impl SqlSession {
    /// Open a read-only session for SQL `settings`; `timeout` bounds the connection and, on
    /// PostgreSQL, every statement.
    ///
    /// Errors: the classified [`Failure`] of the engine's `connect`, or invalid settings for a
    /// connection that is not a database.
    pub async fn open(
        settings: &Settings,
        secret: Option<&Secret>,
        timeout: Duration,
    ) -> Result<SqlSession, Failure> {
        match settings {
            Settings::Postgres(s) => Ok(SqlSession::Postgres(
                postgres::connect(s, secret, timeout).await?,
                s.schemas.clone(),
            )),
            Settings::MySql(s) => Ok(SqlSession::MySql(mysql::connect(s, secret, timeout).await?)),
            Settings::Sqlite(s) => Ok(SqlSession::Sqlite(sqlite::connect(s, timeout).await?)),
            _ => Err(Failure::new(
                FailureCode::InvalidSettings,
                "This connection is not a database: only PostgreSQL, MySQL/MariaDB and SQLite \
                 connections can be searched with SQL."
                    .to_string(),
            )),
        }
    }

    /// Every table and view with its columns and keys.
    pub async fn tables(&mut self) -> Result<Vec<TableSchema>, Failure> {
        let listed = match self {
            SqlSession::Postgres(conn, schemas) => schema::postgres(conn, schemas).await,
            SqlSession::MySql(conn) => schema::mysql(conn).await,
            SqlSession::Sqlite(conn) => schema::sqlite(conn).await,
        };
        listed.map_err(|e| failure(&e, "listing the tables"))
    }

    /// Up to `limit` rows of `table`, for a look at what its columns hold.
    pub async fn sample(
        &mut self,
        table: &TableSchema,
        limit: u32,
    ) -> Result<Vec<SqlRow>, Failure> {
        let sql = format!(
            "SELECT {} FROM {} LIMIT {limit}",
            self.row_json(table),
            self.table_name(&table.table)
        );
        self.fetch(table, &sql, &[]).await
    }

    /// The statement [`SqlSession::search`] sends for `search`, with its parameters in order
    /// (bound as text to `$1`, `$2`… on PostgreSQL, to each `?` elsewhere); `None` when there
    /// is nothing to search (no searchable column or needle), and no statement is sent. For
    /// benchmarks and diagnostics: the text holds no value, the parameters hold the needles.
    pub fn statement(&self, search: &TableSearch<'_>) -> Option<(String, Vec<String>)> {
        let mut params = Vec::new();
        let predicate = self.predicate(search, &search.needles, &mut params);
        if predicate.is_empty() {
            return None;
        }
        // The strong needles again, with parameters of their own (`?` cannot be reused).
        let strong = search.needles.get(..search.preferred).unwrap_or_default();
        let mut order = String::new();
        if !strong.is_empty() && strong.len() < search.needles.len() {
            let first = self.predicate(search, strong, &mut params);
            if !first.is_empty() {
                order = format!(" ORDER BY CASE WHEN {first} THEN 0 ELSE 1 END");
            }
        }
        let sql = format!(
            "SELECT {} FROM {} WHERE {predicate}{order} LIMIT {}",
            self.row_json(search.table),
            self.table_name(&search.table.table),
            u64::from(search.row_cap) + 1
        );
        Some((sql, params))
    }

    /// The candidate rows of one table: see the module's documentation.
    pub async fn search(&mut self, search: &TableSearch<'_>) -> Result<SearchOutcome, Failure> {
        let Some((sql, params)) = self.statement(search) else {
            return Ok(SearchOutcome {
                rows: Vec::new(),
                capped: false,
            });
        };
        let mut rows = self.fetch(search.table, &sql, &params).await?;
        let capped = rows.len() > search.row_cap as usize;
        rows.truncate(search.row_cap as usize);
        Ok(SearchOutcome { rows, capped })
    }

    /// Rows one hop away from `row` of `table` along every foreign key, both ways, at most
    /// `cap` per key. `tables` is the whole list from [`SqlSession::tables`].
    pub async fn linked_rows(
        &mut self,
        tables: &[TableSchema],
        table: &TableSchema,
        row: &SqlRow,
        cap: u32,
    ) -> Result<Vec<LinkedRows>, Failure> {
        let mut links = Vec::new();
        for fk in &table.foreign_keys {
            let Some(target) = tables.iter().find(|t| t.table == fk.target) else {
                continue;
            };
            let Some(values) = key_values(row, &fk.columns) else {
                continue;
            };
            let rows = self
                .rows_where(target, &fk.target_columns, &values, cap)
                .await?;
            links.push(LinkedRows {
                table: target.table.clone(),
                via: fk.clone(),
                direction: LinkDirection::References,
                rows,
            });
        }
        for other in tables {
            for fk in other
                .foreign_keys
                .iter()
                .filter(|fk| fk.target == table.table)
            {
                let Some(values) = key_values(row, &fk.target_columns) else {
                    continue;
                };
                let rows = self.rows_where(other, &fk.columns, &values, cap).await?;
                if rows.is_empty() {
                    continue;
                }
                links.push(LinkedRows {
                    table: other.table.clone(),
                    via: fk.clone(),
                    direction: LinkDirection::ReferencedBy,
                    rows,
                });
            }
        }
        Ok(links)
    }

    /// Rows of `table` whose `columns` equal `values` (compared as text).
    async fn rows_where(
        &mut self,
        table: &TableSchema,
        columns: &[String],
        values: &[String],
        cap: u32,
    ) -> Result<Vec<SqlRow>, Failure> {
        let mut clauses = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            let placeholder = self.placeholder(i + 1);
            clauses.push(format!(
                "{} = {placeholder}",
                self.as_text(&self.quote(column))
            ));
        }
        let sql = format!(
            "SELECT {} FROM {} WHERE {} LIMIT {cap}",
            self.row_json(table),
            self.table_name(&table.table),
            clauses.join(" AND ")
        );
        self.fetch(table, &sql, values).await
    }

    /// The condition that a row matches one of `needles` in the searched columns (empty when
    /// there is nothing to search), its parameters appended to `params`.
    fn predicate(
        &self,
        search: &TableSearch<'_>,
        needles: &[Needle],
        params: &mut Vec<String>,
    ) -> String {
        let mut clauses = Vec::new();
        for name in &search.columns {
            let Some(column) = search.table.column(name) else {
                continue;
            };
            let quoted = self.quote(&column.name);
            for needle in needles {
                let (expr, param) = match (needle, column.kind) {
                    (_, ColumnKind::Binary) => continue,
                    (Needle::Digits(d), _) => {
                        let digits: String = d.chars().filter(char::is_ascii_digit).collect();
                        if digits.is_empty() {
                            continue;
                        }
                        (self.digits(&quoted), format!("%{digits}%"))
                    }
                    (Needle::Contains(_), ColumnKind::Number) => continue,
                    (Needle::Contains(text), _) => (
                        self.folded(&quoted),
                        format!("%{}%", escape_like(&fold(text))),
                    ),
                    (Needle::Equals(text), _) => (self.folded(&quoted), escape_like(&fold(text))),
                    (Needle::Compact(text), _) => {
                        let compact: String = fold(text)
                            .chars()
                            .filter(char::is_ascii_alphanumeric)
                            .collect();
                        (self.compact(&quoted), format!("%{compact}%"))
                    }
                };
                if param.trim_matches('%').is_empty() {
                    continue;
                }
                params.push(param);
                let placeholder = self.placeholder(params.len());
                clauses.push(format!("{expr} LIKE {placeholder}{}", self.escape_clause()));
            }
        }
        if clauses.is_empty() {
            String::new()
        } else {
            format!("({})", clauses.join(" OR "))
        }
    }

    async fn fetch(
        &mut self,
        table: &TableSchema,
        sql: &str,
        params: &[String],
    ) -> Result<Vec<SqlRow>, Failure> {
        let texts: Result<Vec<String>, sqlx::Error> = match self {
            SqlSession::Postgres(conn, _) => {
                let mut query = sqlx::query_scalar(sql);
                for p in params {
                    query = query.bind(p);
                }
                query.fetch_all(conn).await
            }
            SqlSession::MySql(conn) => {
                let mut query = sqlx::query_scalar(sql);
                for p in params {
                    query = query.bind(p);
                }
                query.fetch_all(conn).await
            }
            SqlSession::Sqlite(conn) => {
                let mut query = sqlx::query_scalar(sql);
                for p in params {
                    query = query.bind(p);
                }
                query.fetch_all(conn).await
            }
        };
        let what = format!("reading {}", table.table.display());
        let texts = texts.map_err(|e| failure(&e, &what))?;
        texts
            .iter()
            .map(|text| row_of(table, text, &what))
            .collect()
    }

    fn quote(&self, name: &str) -> String {
        match self {
            SqlSession::MySql(_) => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    fn table_name(&self, table: &TableRef) -> String {
        match &table.schema {
            Some(schema) => format!("{}.{}", self.quote(schema), self.quote(&table.name)),
            None => self.quote(&table.name),
        }
    }

    fn placeholder(&self, n: usize) -> String {
        match self {
            SqlSession::Postgres(..) => format!("${n}"),
            _ => "?".to_string(),
        }
    }

    fn escape_clause(&self) -> &'static str {
        match self {
            // MySQL's LIKE escapes with a backslash already, and its string literals would
            // need the backslash doubled.
            SqlSession::MySql(_) => "",
            _ => " ESCAPE '\\'",
        }
    }

    fn as_text(&self, quoted: &str) -> String {
        match self {
            SqlSession::Postgres(..) => format!("CAST({quoted} AS text)"),
            SqlSession::MySql(_) => format!("CAST({quoted} AS CHAR)"),
            SqlSession::Sqlite(_) => format!("CAST({quoted} AS TEXT)"),
        }
    }

    /// The column lower-cased with accents folded.
    fn folded(&self, quoted: &str) -> String {
        match self {
            SqlSession::Postgres(..) => {
                format!("translate(lower(CAST({quoted} AS text)), '{FOLD_FROM}', '{FOLD_TO}')")
            }
            SqlSession::MySql(_) => {
                format!("CONVERT(CAST({quoted} AS CHAR) USING utf8mb4) COLLATE utf8mb4_general_ci")
            }
            SqlSession::Sqlite(_) => {
                let mut expr = format!("lower(CAST({quoted} AS TEXT))");
                for (from, to) in FOLD_FROM.chars().zip(FOLD_TO.chars()) {
                    expr = format!("replace({expr}, '{from}', '{to}')");
                }
                expr
            }
        }
    }

    /// The column lower-cased with every character but ASCII letters and digits removed.
    fn compact(&self, quoted: &str) -> String {
        match self {
            SqlSession::Postgres(..) => {
                format!("regexp_replace(lower(CAST({quoted} AS text)), '[^a-z0-9]', '', 'g')")
            }
            SqlSession::MySql(_) => {
                format!("REGEXP_REPLACE(LOWER(CAST({quoted} AS CHAR)), '[^a-z0-9]', '')")
            }
            SqlSession::Sqlite(_) => {
                let mut expr = format!("lower(CAST({quoted} AS TEXT))");
                for noise in DIGIT_NOISE.iter().chain(&["_", ",", ";", ":", "#", "'"]) {
                    expr = format!("replace({expr}, '{}', '')", noise.replace('\'', "''"));
                }
                expr
            }
        }
    }

    /// The column with every non-digit removed.
    fn digits(&self, quoted: &str) -> String {
        match self {
            SqlSession::Postgres(..) => {
                format!("regexp_replace(CAST({quoted} AS text), '[^0-9]', '', 'g')")
            }
            SqlSession::MySql(_) => format!("REGEXP_REPLACE(CAST({quoted} AS CHAR), '[^0-9]', '')"),
            SqlSession::Sqlite(_) => {
                let mut expr = format!("CAST({quoted} AS TEXT)");
                for noise in DIGIT_NOISE {
                    expr = format!("replace({expr}, '{noise}', '')");
                }
                expr
            }
        }
    }

    /// One JSON object per row holding every non-binary column.
    fn row_json(&self, table: &TableSchema) -> String {
        let readable: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| c.kind != ColumnKind::Binary)
            .map(|c| c.name.as_str())
            .collect();
        if readable.is_empty() {
            return "'{}'".to_string();
        }
        // Functions take a bounded number of arguments: objects of 40 columns, merged.
        let parts: Vec<String> = readable
            .chunks(40)
            .map(|chunk| {
                let pairs: Vec<String> = chunk
                    .iter()
                    .map(|name| {
                        let key = name.replace('\'', "''");
                        let value = self.quote(name);
                        match self {
                            // SQLite cannot put a blob in JSON: hex it should a column without
                            // a declared type hold one.
                            SqlSession::Sqlite(_) => format!(
                                "'{key}', CASE WHEN typeof({value}) = 'blob' THEN hex({value}) \
                                 ELSE {value} END"
                            ),
                            _ => format!("'{key}', {value}"),
                        }
                    })
                    .collect();
                match self {
                    SqlSession::Postgres(..) => format!("jsonb_build_object({})", pairs.join(", ")),
                    SqlSession::MySql(_) => format!("JSON_OBJECT({})", pairs.join(", ")),
                    SqlSession::Sqlite(_) => format!("json_object({})", pairs.join(", ")),
                }
            })
            .collect();
        let merged = parts
            .into_iter()
            .reduce(|a, b| match self {
                SqlSession::Postgres(..) => format!("({a} || {b})"),
                SqlSession::MySql(_) => format!("JSON_MERGE_PATCH({a}, {b})"),
                SqlSession::Sqlite(_) => format!("json_patch({a}, {b})"),
            })
            .expect("at least one column");
        match self {
            SqlSession::Postgres(..) => format!("CAST({merged} AS text)"),
            SqlSession::MySql(_) => format!("CAST({merged} AS CHAR)"),
            SqlSession::Sqlite(_) => merged,
        }
    }
}

/// The row's values for `columns`, or `None` when one is `NULL` (no link to follow).
fn key_values(row: &SqlRow, columns: &[String]) -> Option<Vec<String>> {
    columns
        .iter()
        .map(|c| row.get(c).map(str::to_string))
        .collect()
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Decode one row's JSON object into values in the table's column order.
fn row_of(table: &TableSchema, text: &str, what: &str) -> Result<SqlRow, Failure> {
    let object: serde_json::Map<String, Value> = serde_json::from_str(text).map_err(|e| {
        Failure::new(
            FailureCode::Other,
            format!("The database sent a row Passerelle could not read while {what}."),
        )
        .with_detail(e)
    })?;
    let values = table
        .columns
        .iter()
        .filter(|c| c.kind != ColumnKind::Binary)
        .map(|c| {
            let value = match object.get(&c.name) {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.clone()),
                Some(other) => Some(other.to_string()),
            };
            (c.name.clone(), value)
        })
        .collect();
    Ok(SqlRow { values })
}

/// A failure of a statement: a refusal by the server is a missing permission when it says
/// so, the transport's classification otherwise (a server gone mid-search is unreachable).
pub(super) fn failure(err: &sqlx::Error, what: &str) -> Failure {
    let Some(db) = err.as_database_error() else {
        let failure = transport_failure(err, &format!("the database ({what})"), Duration::ZERO);
        if failure.code != FailureCode::Other {
            return failure;
        }
        // A session cut mid-answer shows as a protocol error: the database is gone.
        return Failure::new(
            FailureCode::Unreachable,
            format!(
                "The connection to the database was lost while {what}. Check that the server \
                 is running and reachable, then resume the search."
            ),
        )
        .with_detail(chain(err));
    };
    if let Some((code, subject)) = super::refusal::classify(db) {
        let message = match code {
            FailureCode::QuerySyntax => format!(
                "The database refused the SQL while {what}: it is not valid SQL. Correct the \
                 query where the detail below says."
            ),
            FailureCode::UnknownTable => format!(
                "The database has no such table or view ({what}). Check its name and schema \
                 in the query."
            ),
            FailureCode::UnknownColumn => format!(
                "The database has no such column ({what}). Check the column names in the \
                 query."
            ),
            _ => format!(
                "The database refused {what}: the account lacks the right to read it. Grant it \
                 read access (SELECT), or leave this table out."
            ),
        };
        return Failure::new(code, message)
            .with_subject(subject)
            .with_detail(chain(err));
    }
    let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
    if matches!(code.as_str(), "57014" | "3024" | "1969") {
        return Failure::new(
            FailureCode::Timeout,
            format!("The database took too long while {what} and the statement was stopped."),
        )
        .with_detail(chain(err));
    }
    let denied = matches!(code.as_str(), "42501" | "1142" | "1143" | "42000")
        || db.message().to_ascii_lowercase().contains("denied");
    if denied {
        return Failure::new(
            FailureCode::MissingPermission,
            format!(
                "The database refused {what}: the account lacks the right to read it. Grant it \
                 read access (SELECT), or leave this table out."
            ),
        )
        .with_detail(chain(err));
    }
    Failure::new(
        FailureCode::Other,
        format!("The database could not complete {what}. The detail below says why."),
    )
    .with_detail(chain(err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fold_lowers_and_strips_latin_accents() {
        assert_eq!(fold("ÉLODIE Dupont-Mañé"), "elodie dupont-mane");
        assert_eq!(fold("Ça où"), "ca ou");
        assert_eq!(FOLD_FROM.chars().count(), FOLD_TO.chars().count());
    }

    #[test]
    fn like_wildcards_in_a_needle_are_taken_literally() {
        assert_eq!(escape_like("50%_off\\"), "50\\%\\_off\\\\");
    }
}
