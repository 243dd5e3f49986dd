//! Opens the systems a data protection officer connects Passerelle to, read-only, and tells
//! in plain words what it found or why it could not.
//!
//! It searches systems for a data subject during discovery ([`sql`] tables, [`files`],
//! HTTP APIs through [`recipe`]s), and answers "does this connection work?":
//! [`test_connection`] (a saved profile) and [`test_settings`] (a form not saved yet) do a real
//! check for every kind of connection and return a [`TestReport`]:
//!
//! | kind | check | found |
//! | --- | --- | --- |
//! | Dastra workspace | `GET /me`, `GET /v1/WorkSpaces` | user, organisation, workspace label |
//! | PostgreSQL | read-only session | version, schemas, tables, `reltuples` estimates |
//! | MySQL/MariaDB | read-only session | engine, version, tables, `table_rows` estimates |
//! | SQLite | `mode=ro`, `query_only` | version, tables, bounded `count(*)` |
//! | folder | bounded walk with the globs | file count, total size, "more than" flag |
//! | REST API | the probe request, authenticated | status, response time |
//!
//! A failure is a [`Failure`] with a stable [`FailureCode`] (unreachable, TLS, wrong
//! credentials, missing permission, timeout, not found, invalid settings, secret missing,
//! other) and a sentence saying what to fix. Every test is bounded by
//! [`TestOptions::timeout`] (10 s by default) and its report never holds the secret.
//!
//! And "what text does this file hold, and where?": [`files::read_file`] turns a CSV, XLSX,
//! ODS, JSON, NDJSON, text, PDF, DOCX or EML file into located pieces (records and lines)
//! pushed into a [`files::PieceSink`], for discovery to match against a data subject; the
//! folder's files come from [`folder::Selection::walk`].
//!
//! # Layout
//!
//! - `check`: [`test_connection`], [`test_settings`], [`TestOptions`];
//! - `report`: [`TestReport`] and what each kind finds; `failure`: [`Failure`];
//! - [`dastra`]: the workspace check and [`dastra::list_workspaces`] for the picker;
//! - [`sql`]: one module per engine, each with a `connect` that opens the read-only session
//!   discovery and imports will build on;
//! - [`folder`]: the file selection ([`folder::Selection`]), the bounded walk of the test and
//!   the discovery walk;
//! - [`files`]: one reader per format, the [`files::Location`] of every piece, and
//!   [`files::FileError`];
//! - `rest`: the probe, with API-key, bearer, basic or OAuth2 client-credentials auth (the
//!   signing is shared with the recipes);
//! - [`recipe`]: declarative searches of HTTP APIs for discovery ([`recipe::Recipe`],
//!   [`recipe::run_recipe`]), paged, capped and read-only.
//!
//! # Example
//!
//! ```no_run
//! # async fn demo(vault: &passerelle_vault::Vault, id: &passerelle_vault::ProfileId)
//! # -> passerelle_vault::Result<()> {
//! use passerelle_connectors::{test_connection, TestOptions};
//!
//! let open = vault.open(id)?;
//! let report = test_connection(&open.profile, open.secret(), &TestOptions::default()).await;
//! match report.failure() {
//!     None => println!("works: {:?}", report.found()),
//!     Some(failure) => println!("{}: {}", failure.code, failure.message),
//! }
//! # Ok(()) }
//! ```
//!
//! And "what rows does this table hold?" for imports: [`files::read_table`] reads a CSV,
//! workbook or JSON file strictly as a header and rows ([`files::open_table`] hands them over
//! one at a time), and [`sql::search::SqlSession::query_rows`] a read-only query's rows as text
//! ([`sql::search::SqlSession::text_query`] and
//! [`sql::search::SqlSession::for_each_text_row`], one at a time).
//!
//! Not here ever: matching (the
//! `passerelle-matching` crate), jobs (`passerelle-discovery`), Tauri, and where secrets are
//! kept (the vault crate). Logging is at debug level: kinds, durations, formats, counts and
//! failure codes, never a secret, a row, a cell or a file name.

#![deny(missing_docs)]

mod check;
pub mod dastra;
mod failure;
pub mod files;
pub mod folder;
pub mod recipe;
mod report;
mod rest;
pub mod sql;

pub use check::{test_connection, test_settings, SandboxEndpoint, TestOptions};
pub use failure::{Failure, FailureCode};
pub use report::{
    DastraFound, FolderFound, Found, Outcome, RestFound, Rows, SchemaFound, SqlFound, TableFound,
    TestReport, WorkspaceChoice,
};
