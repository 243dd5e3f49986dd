//! The crate's one error type: what can be wrong with a profile itself.
//!
//! Problems with the data (a row whose date does not parse, a value too long) are not errors:
//! they are [`crate::Problem`]s, collected per row so that a whole file can be reviewed at once.

use crate::Entity;

/// What is wrong with a mapping profile, found when it is read or checked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The profile is not JSON, or not shaped like a profile.
    #[error("mapping profile error: the file is not a valid profile: {0}")]
    Json(#[from] serde_json::Error),
    /// The profile has no `version` field.
    #[error(
        "mapping profile error: the profile has no \"version\" field; it was not written by \
         Passerelle"
    )]
    NoVersion,
    /// The profile was written by a newer Passerelle, in a format this one cannot read.
    #[error(
        "mapping profile error: the profile uses format version {found}, and this Passerelle \
         reads up to version {supported}: update Passerelle to open it"
    )]
    NewerVersion {
        /// The version in the file.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A mapping names a target field the entity does not have, or one Dastra sets itself.
    #[error(
        "mapping profile error: {entity} has no writable field \"{field}\"; writable fields are: \
         {known}"
    )]
    UnknownField {
        /// The target entity.
        entity: Entity,
        /// The field named by the profile.
        field: String,
        /// The writable fields, comma-separated.
        known: String,
    },
    /// Two mappings (or the match key and a mapping) write the same target field.
    #[error("mapping profile error: the field \"{field}\" is mapped twice; keep one mapping")]
    DuplicateField {
        /// The field mapped twice.
        field: String,
    },
    /// A `regexExtract` pattern does not compile, or has no such group.
    #[error(
        "mapping profile error: the pattern {pattern:?} for \"{field}\" is not usable: {reason}"
    )]
    Regex {
        /// The target field of the mapping.
        field: String,
        /// The pattern as written.
        pattern: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// A `date` transform has no format, or a format it cannot read.
    #[error(
        "mapping profile error: the date format {format:?} for \"{field}\" is not understood: \
         use tokens such as dd/MM/yyyy, yyyy-MM-dd, dd.MM.yyyy, HH:mm, or \"excel\""
    )]
    DateFormat {
        /// The target field of the mapping.
        field: String,
        /// The format as written (empty when none was given).
        format: String,
    },
    /// A value map sends a source value to a value the target enum does not allow.
    #[error(
        "mapping profile error: the value map for \"{field}\" sends {from:?} to {to:?}, which is \
         not one of {allowed}"
    )]
    EnumTarget {
        /// The target field of the mapping.
        field: String,
        /// The source value of the entry.
        from: String,
        /// The value it is sent to.
        to: String,
        /// The allowed values, comma-separated.
        allowed: String,
    },
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
