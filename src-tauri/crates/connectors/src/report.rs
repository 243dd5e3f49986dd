//! What a connection test found, per kind of connection.

use serde::{Deserialize, Serialize};

use passerelle_vault::ConnectionKind;

use crate::failure::Failure;

/// The result of one connection test: how long it took, then what was found or why it failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TestReport {
    /// The kind of connection tested.
    pub kind: ConnectionKind,
    /// How long the whole test took, in milliseconds.
    pub duration_ms: u64,
    /// What was found, or the classified failure.
    pub outcome: Outcome,
}

impl TestReport {
    /// Whether the connection works.
    pub fn is_ok(&self) -> bool {
        matches!(self.outcome, Outcome::Passed { .. })
    }

    /// What was found, when the test passed.
    pub fn found(&self) -> Option<&Found> {
        match &self.outcome {
            Outcome::Passed { found } => Some(found),
            Outcome::Failed { .. } => None,
        }
    }

    /// The failure, when the test failed.
    pub fn failure(&self) -> Option<&Failure> {
        match &self.outcome {
            Outcome::Failed { failure } => Some(failure),
            Outcome::Passed { .. } => None,
        }
    }
}

/// Passed with findings, or failed with a reason (`"status": "passed" | "failed"` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", rename_all = "camelCase")]
pub enum Outcome {
    /// The connection works.
    Passed {
        /// What the test saw.
        found: Found,
    },
    /// The connection does not work.
    Failed {
        /// Why, classified.
        failure: Failure,
    },
}

/// What a passing test saw, by kind (`"type": "dastra" | "sql" | "folder" | "rest"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Found {
    /// A Dastra workspace.
    Dastra(DastraFound),
    /// A SQL database.
    Sql(SqlFound),
    /// A folder.
    Folder(FolderFound),
    /// An HTTP API.
    Rest(RestFound),
}

/// Who the key belongs to and which workspace it opens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DastraFound {
    /// The API's base URL.
    pub base_url: String,
    /// The key's user as Dastra names it (`/me`'s display name, else its e-mail).
    pub user: Option<String>,
    /// The organisation (tenant) the key belongs to.
    pub organisation: Option<String>,
    /// The profile's workspace id.
    pub workspace_id: i64,
    /// That workspace's label, as Dastra has it now.
    pub workspace_label: String,
    /// Every workspace the key can see, to pick another one.
    pub workspaces: Vec<WorkspaceChoice>,
}

/// One workspace from `GET /v1/WorkSpaces`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceChoice {
    /// Its id.
    pub id: i64,
    /// Its label.
    pub label: String,
}

/// A database's server, session and tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SqlFound {
    /// `PostgreSQL`, `MySQL`, `MariaDB` or `SQLite`.
    pub engine: String,
    /// The server's (or library's) version.
    pub server_version: String,
    /// The database name (the file path for SQLite).
    pub database: String,
    /// Whether the session was confirmed read-only by the server itself.
    pub read_only: bool,
    /// The schemas looked at, with their tables; at most [`crate::TestOptions::max_tables`]
    /// tables in all.
    pub schemas: Vec<SchemaFound>,
    /// How many tables and views there are in those schemas, listed or not.
    pub table_count: u64,
    /// Whether some tables were left out of the list because of the cap.
    pub truncated: bool,
}

/// One schema and its tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SchemaFound {
    /// The schema's name (`public`; the database name for MySQL; `main` for SQLite).
    pub name: String,
    /// Its tables and views, by name.
    pub tables: Vec<TableFound>,
}

/// One table or view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TableFound {
    /// The table's name.
    pub name: String,
    /// Whether it is a view (no rows of its own).
    pub view: bool,
    /// How many rows it holds, as far as the test could tell cheaply.
    pub rows: Rows,
}

/// A row count, exact or not (`{"kind": "estimated", "count": 1200}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Rows {
    /// Counted.
    Exact {
        /// The count.
        count: u64,
    },
    /// The server's statistics (PostgreSQL `reltuples`, MySQL `table_rows`).
    Estimated {
        /// The estimate.
        count: u64,
    },
    /// Counting stopped at this many.
    AtLeast {
        /// The lower bound.
        count: u64,
    },
    /// No cheap way to know (a view, a table never analysed).
    Unknown,
}

/// A folder's files, as the include and exclude patterns select them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FolderFound {
    /// The folder.
    pub path: String,
    /// Files selected (a lower bound when `truncated`).
    pub files: u64,
    /// Their total size in bytes (a lower bound when `truncated`).
    pub bytes: u64,
    /// Whether the walk stopped at the cap ([`crate::TestOptions::max_files`] files or the
    /// time limit): there are more than `files`.
    pub truncated: bool,
    /// Files or folders that could not be read (permissions), skipped.
    pub unreadable: u64,
}

/// The probe's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RestFound {
    /// The URL probed, without query string.
    pub url: String,
    /// The HTTP status.
    pub status: u16,
    /// The time to the response's headers, in milliseconds.
    pub response_ms: u64,
    /// The response's content type, when it had one.
    pub content_type: Option<String>,
}
