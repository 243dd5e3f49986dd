//! The discovery crate's errors: the findings store, its key, jobs, evidence packages and
//! attaching them in Dastra.

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
    /// Writing or reading an evidence package failed.
    #[error("evidence package {path}: {op} failed: {detail}")]
    Package {
        /// The package (or the folder it was being written to).
        path: PathBuf,
        /// What was being done.
        op: &'static str,
        /// The system's or the zip library's words.
        detail: String,
    },
    /// A package has no readable manifest: it was not made by Passerelle, or is damaged.
    #[error("evidence package {path}: no readable manifest.json ({detail})")]
    NoManifest {
        /// The package.
        path: PathBuf,
        /// Why it could not be read.
        detail: String,
    },
    /// A call to Dastra failed while attaching a package or updating its request.
    #[error("request #{request_id}: {op}: {source}")]
    Dastra {
        /// The request.
        request_id: i32,
        /// What was being done.
        op: &'static str,
        /// The client's error, which says which call failed.
        #[source]
        source: passerelle_dastra::Error,
    },
    /// An upload was answered, or its outcome reconciled, but the request does not list it.
    #[error(
        "request #{request_id}: {file} was uploaded but the request does not list it; list the \
         request's attachments in Dastra before trying again"
    )]
    NotListed {
        /// The request.
        request_id: i32,
        /// The package's file name.
        file: String,
    },
}

impl Error {
    pub(crate) fn package(
        path: &std::path::Path,
        op: &'static str,
        err: impl std::fmt::Display,
    ) -> Error {
        Error::Package {
            path: path.to_path_buf(),
            op,
            detail: err.to_string(),
        }
    }

    pub(crate) fn dastra(
        request_id: i32,
        op: &'static str,
    ) -> impl FnOnce(passerelle_dastra::Error) -> Error {
        move |source| Error::Dastra {
            request_id,
            op,
            source,
        }
    }

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
