//! The crate's one error type: why a plan could not be made, read or applied.
//!
//! Problems with single rows (an invalid value, a duplicate key, a stale record) are not
//! errors: they are classes of rows in the plan, so that a whole import can be reviewed at once.

/// Why an import operation failed as a whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Dastra could not be read (or written); the message says which request and why.
    #[error("import error: {0}")]
    Dastra(#[from] passerelle_dastra::Error),
    /// A list page of the target collection is not shaped like Dastra's `{items, total}`.
    #[error(
        "import error: the {collection} list page {page} is not a Dastra list ({reason}): check \
         that the connection points at a Dastra API"
    )]
    ListShape {
        /// The collection being listed (`Assets`).
        collection: String,
        /// The page number, from 1.
        page: u32,
        /// What was wrong with it.
        reason: String,
    },
    /// The journal file could not be opened, read or written.
    #[error(
        "import error: the journal {path} cannot be used ({source}): check that its folder \
         exists and is writable, and that no other Passerelle is applying into it"
    )]
    Journal {
        /// The journal file.
        path: std::path::PathBuf,
        /// The I/O failure.
        source: std::io::Error,
    },
    /// The source could not be read while it was being planned.
    #[error(transparent)]
    Source(#[from] crate::source::SourceError),
    /// The plan file is not JSON, or not shaped like a plan.
    #[error("import error: the file is not a valid import plan: {0}")]
    PlanJson(#[from] serde_json::Error),
    /// The plan file has no `version` field.
    #[error("import error: the plan has no \"version\" field; it was not written by Passerelle")]
    PlanNoVersion,
    /// The file is neither a sealed plan nor a plan in JSON.
    #[error(
        "import error: the file is not an import plan (neither a sealed plan nor a plan in \
         JSON): give the file that `passerelle import plan` wrote"
    )]
    PlanNotAPlan,
    /// A sealed plan that the key cannot open: another key, or altered, reordered or mixed
    /// parts.
    #[error(
        "import error: the sealed plan cannot be opened with the key in this user's OS keyring: \
         it was sealed by another user or on another computer, or altered since it was \
         written; plan the import again here"
    )]
    PlanUnsealable,
    /// A sealed plan cut short: it ends before its last part.
    #[error(
        "import error: the sealed plan is truncated (it ends after {found} bytes, before its \
         last part): it was cut short while being copied or written; copy it again, or plan \
         the import again"
    )]
    PlanTruncated {
        /// The bytes there are.
        found: u64,
    },
    /// A sealed plan read without a key.
    #[error(
        "import error: the plan is sealed: it can only be read with the findings key from the \
         OS keyring"
    )]
    PlanSealedNoKey,
    /// The plan was written by a newer Passerelle.
    #[error(
        "import error: the plan uses format version {found}, and this Passerelle reads up to \
         version {supported}: update Passerelle, or plan the import again"
    )]
    PlanNewerVersion {
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
