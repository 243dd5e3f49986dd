//! The audit crate's errors: values refused before they reach the log, the database, exports.

use std::path::PathBuf;

/// An audit result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong recording, reading or exporting the audit log. Messages are lowercase,
/// name the failure and its subject, say how to fix it, and never repeat a refused value (it
/// may be the personal data the log must not hold).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A `target` or `job` is not an id-like token.
    #[error(
        "audit {what}: not an id ({len} characters); give an id (a number, a UUID, letters and \
         digits with . _ : -), never a name, an e-mail or a file name"
    )]
    NotAnId {
        /// Which field was refused.
        what: &'static str,
        /// How long the refused value was, in characters.
        len: usize,
    },
    /// The actor is empty, too long, or holds control characters.
    #[error("audit actor: {problem}; give the OS user or the reviewer's name on one line")]
    BadActor {
        /// What is wrong with it.
        problem: &'static str,
    },
    /// A word that is not in the log's vocabulary (an action or a count name).
    #[error("audit {what}: {word:?} is not a known name; use one of {known}")]
    UnknownName {
        /// Which vocabulary.
        what: &'static str,
        /// The word given.
        word: String,
        /// The known names, comma-separated.
        known: String,
    },
    /// The SQLite database could not be opened or used.
    #[error("audit log {path}: {op} failed: {source}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// What was being done.
        op: &'static str,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// A stored entry does not decode (written by a newer version, or edited by hand).
    #[error(
        "audit log: entry {seq} does not decode ({detail}); run `passerelle audit verify` and \
         keep the database as it is for the investigation"
    )]
    Corrupt {
        /// The entry's sequence number.
        seq: i64,
        /// The decoder's words.
        detail: String,
    },
    /// Writing an export failed.
    #[error("audit export: writing failed ({source}); check the destination's space and rights")]
    Export {
        /// The writer's error.
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn corrupt(seq: i64, detail: impl std::fmt::Display) -> Error {
        Error::Corrupt {
            seq,
            detail: detail.to_string(),
        }
    }
}
