//! The discovery crate's errors: the findings store, its key, and jobs.

use std::path::PathBuf;

/// A discovery result.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong storing findings or running a job. Messages are lowercase, name the
/// failure and its subject, and never hold personal data or a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The OS keyring, which holds the findings key, could not be used.
    #[error("findings key: the system keyring could not be used ({detail}); unlock it and retry")]
    Keyring {
        /// The keyring's own words.
        detail: String,
    },
    /// The keyring entry exists but holds no usable key.
    #[error(
        "findings key: the keyring entry \"discovery-findings-key\" is damaged; findings sealed \
         with it cannot be read: delete the entry to start afresh (stored findings are lost)"
    )]
    KeyDamaged,
    /// A sealed value was altered or sealed with another key.
    #[error("findings store: a stored value cannot be decrypted with this computer's key")]
    Unsealable,
    /// The SQLite database could not be opened or used.
    #[error("findings store {path}: {op} failed: {source}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// What was being done.
        op: &'static str,
        /// The database's error.
        #[source]
        source: sqlx::Error,
    },
    /// A stored value does not decode (written by a newer version, or damaged).
    #[error("findings store: a stored {what} does not decode: {detail}")]
    Corrupt {
        /// Which kind of value.
        what: &'static str,
        /// The decoder's words.
        detail: String,
    },
    /// No job has this id.
    #[error("discovery job {id}: there is no such job in the findings store")]
    NoSuchJob {
        /// The id asked for.
        id: String,
    },
    /// A review named a finding the job does not have.
    #[error("discovery job {job}: there is no finding {id}")]
    NoSuchFinding {
        /// The job.
        job: String,
        /// The finding id given.
        id: i64,
    },
    /// A job was started with a source it does not list, or without one it lists.
    #[error("discovery job {job}: source {source_id} {problem}")]
    SourceMismatch {
        /// The job.
        job: String,
        /// The source's profile id.
        source_id: String,
        /// What is wrong with it.
        problem: &'static str,
    },
}

impl Error {
    pub(crate) fn keyring(err: passerelle_vault::Error) -> Error {
        Error::Keyring {
            detail: err.to_string(),
        }
    }

    pub(crate) fn corrupt(what: &'static str, err: impl std::fmt::Display) -> Error {
        Error::Corrupt {
            what,
            detail: err.to_string(),
        }
    }
}
