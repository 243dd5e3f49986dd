//! SQL databases through sqlx, always read-only: PostgreSQL and MySQL/MariaDB sessions are
//! switched to read-only transactions as they open, SQLite files are opened `mode=ro` with
//! `query_only` on.
//!
//! Each engine has a `connect` that gives the read-only connection (for discovery and imports
//! to build on) and a `test` that reports the server, its schemas and tables with row
//! estimates. Statement logging is off: queries carry personal data (discovery's needles).
//!
//! For discovery, [`search::SqlSession`] opens any of the three, describes its tables
//! ([`schema`]) and searches them with the matching pushed down to the database.

pub mod mysql;
pub mod postgres;
pub mod query;
mod refusal;
pub mod schema;
pub mod search;
pub mod sqlite;

use std::time::Duration;

use crate::failure::{chain, classify_network, Failure, FailureCode};
use crate::report::{Rows, SchemaFound, TableFound};

/// A failure for an sqlx error that is not a database answer: network, TLS, protocol.
fn transport_failure(err: &sqlx::Error, target: &str, timeout: Duration) -> Failure {
    let failure = match err {
        sqlx::Error::Tls(_) => Failure::tls(target),
        sqlx::Error::Io(io) => match classify_network(io) {
            FailureCode::Timeout => Failure::timeout(target, timeout),
            FailureCode::Tls => Failure::tls(target),
            _ => Failure::unreachable(target),
        },
        sqlx::Error::Configuration(_) | sqlx::Error::InvalidArgument(_) => Failure::new(
            FailureCode::InvalidSettings,
            format!("The settings of {target} cannot be used as they are. Check each field."),
        ),
        sqlx::Error::PoolTimedOut => Failure::timeout(target, timeout),
        _ => Failure::new(
            FailureCode::Other,
            format!("{target} answered in an unexpected way. The detail below says more."),
        ),
    };
    failure.with_detail(chain(err))
}

/// Group `(schema, table)` rows, already sorted, into schemas; `wanted` schemas without
/// tables are kept so the report shows them empty.
fn group(wanted: &[String], tables: Vec<(String, TableFound)>) -> Vec<SchemaFound> {
    let mut schemas: Vec<SchemaFound> = wanted
        .iter()
        .map(|name| SchemaFound {
            name: name.clone(),
            tables: Vec::new(),
        })
        .collect();
    for (schema, table) in tables {
        match schemas.iter_mut().find(|s| s.name == schema) {
            Some(found) => found.tables.push(table),
            None => schemas.push(SchemaFound {
                name: schema,
                tables: vec![table],
            }),
        }
    }
    schemas
}

/// A statistics estimate: unknown when negative (PostgreSQL's "never analysed") or absent.
fn estimate(count: Option<f64>) -> Rows {
    match count {
        Some(n) if n >= 0.0 => Rows::Estimated {
            count: n.round() as u64,
        },
        _ => Rows::Unknown,
    }
}
