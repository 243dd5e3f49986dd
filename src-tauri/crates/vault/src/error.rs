//! The crate's one error type.
//!
//! Messages are lowercase, start with `vault:`, say what failed and how to fix it, and never
//! hold a secret: keyring failures carry the platform's explanation, never a stored value.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::profile::{ConnectionKind, ProfileId};

/// `std::result::Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong with profiles and their secrets.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Settings that cannot be saved; each entry names the field, the problem and the fix.
    #[error("vault: invalid connection settings: {}", FieldErrors(.0))]
    Invalid(Vec<FieldError>),

    /// No profile has this id (or name).
    #[error("vault: no connection {0:?}: list the connections to see their ids")]
    NotFound(String),

    /// More than one profile has this name; the caller must use an id.
    #[error("vault: {count} connections are named {name:?}: use the id instead ({ids})")]
    AmbiguousName {
        /// The name asked for.
        name: String,
        /// How many profiles have it.
        count: usize,
        /// Their ids, comma-separated.
        ids: String,
    },

    /// The built-in sandbox profile cannot be changed or removed.
    #[error("vault: the built-in sandbox connection cannot be {action}")]
    Builtin {
        /// What was refused ("removed", "edited", "given a secret").
        action: &'static str,
    },

    /// An update tried to change a profile's kind.
    #[error(
        "vault: connection {id} is a {from} connection and cannot become a {to} one: create a \
         new connection instead"
    )]
    KindChange {
        /// The profile.
        id: ProfileId,
        /// Its kind.
        from: ConnectionKind,
        /// The kind asked for.
        to: ConnectionKind,
    },

    /// A secret was given to a connection that uses none.
    #[error("vault: connection {id} ({kind}) uses no password or key, so none can be stored")]
    NoSecretNeeded {
        /// The profile.
        id: ProfileId,
        /// Its kind.
        kind: ConnectionKind,
    },

    /// The OS keyring could not be reached or refused the operation.
    #[error(
        "vault: the system keyring could not {op}: {detail}; on Linux a Secret Service (GNOME \
         Keyring or KWallet) must be running and unlocked"
    )]
    Keyring {
        /// What was being done ("store the secret", "read the secret", "delete the secret").
        op: &'static str,
        /// The platform's explanation (never a secret).
        detail: String,
    },

    /// The OS keyring did not answer in time (typically locked, waiting for an unlock prompt
    /// that cannot appear).
    #[error(
        "vault: the system keyring did not answer within {}s while trying to {op}: it may be \
         locked; unlock it and try again",
        .after.as_secs()
    )]
    KeyringTimeout {
        /// What was being done.
        op: &'static str,
        /// How long the vault waited.
        after: Duration,
    },

    /// The profiles file could not be read or written.
    #[error("vault: profiles file {}: {error}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The system error.
        error: std::io::Error,
    },

    /// The profiles file exists but is not a profiles file this version can read.
    #[error(
        "vault: profiles file {} cannot be read ({detail}); fix it or move it away, it is never \
         overwritten while unreadable",
        path.display()
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong, with line and column when known.
        detail: String,
    },

    /// An import document that is not a Passerelle connections export.
    #[error("vault: cannot import: {0}")]
    Import(String),
}

/// A coarse classification of [`Error`], for callers that branch (the UI's error codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Settings, name or import document refused; the message says which field.
    Invalid,
    /// No such profile.
    NotFound,
    /// The operation is not allowed on this profile (built-in, kind change, no secret used).
    NotAllowed,
    /// The keyring is unreachable, locked or refused.
    Keyring,
    /// The profiles file could not be read or written.
    Storage,
}

impl Error {
    /// The coarse classification of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) | Error::AmbiguousName { .. } | Error::Import(_) => {
                ErrorKind::Invalid
            }
            Error::NotFound(_) => ErrorKind::NotFound,
            Error::Builtin { .. } | Error::KindChange { .. } | Error::NoSecretNeeded { .. } => {
                ErrorKind::NotAllowed
            }
            Error::Keyring { .. } | Error::KeyringTimeout { .. } => ErrorKind::Keyring,
            Error::Io { .. } | Error::Corrupt { .. } => ErrorKind::Storage,
        }
    }

    /// The field-level problems of an [`Error::Invalid`]; empty for other errors.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

/// One field that cannot be saved as it is: where, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldError {
    /// The field as a JSON path in the profile: `name`, `settings.port`,
    /// `settings.auth.publicKey`, `settings.include[2]`.
    pub field: String,
    /// What is wrong ("is empty", "is not a valid glob pattern").
    pub problem: String,
    /// What to do about it, for the person filling the form.
    pub fix: String,
}

impl FieldError {
    /// A field error.
    pub fn new(
        field: impl Into<String>,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        FieldError {
            field: field.into(),
            problem: problem.into(),
            fix: fix.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.field, self.problem, self.fix)
    }
}

/// Displays a list of field errors joined by `; `.
struct FieldErrors<'a>(&'a [FieldError]);

impl fmt::Display for FieldErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}
