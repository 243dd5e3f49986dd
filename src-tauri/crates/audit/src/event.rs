//! What an entry may say: a fixed vocabulary of actions and count names, an actor, and ids.
//!
//! Nothing here holds free text about a data subject. Actions and count names are enums; a
//! target or a job is an [`Id`], refused unless it looks like one; counts are integers.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Declares a camelCase vocabulary: the enum, its stored names, and parsing.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])* $name:ident, $what:literal,
        { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every name, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stored (and serialised) name, camelCase.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name> {
                match s {
                    $($text => Ok($name::$variant),)*
                    other => Err(Error::UnknownName {
                        what: $what,
                        word: other.to_string(),
                        known: $name::ALL.iter().map(|n| n.as_str()).collect::<Vec<_>>().join(", "),
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// What was done. New actions are added at the end; a stored name never changes.
    AuditAction, "action", {
        /// A discovery job started.
        DiscoveryStarted => "discoveryStarted",
        /// A stopped discovery job was taken up again.
        DiscoveryResumed => "discoveryResumed",
        /// A discovery job was stopped by the person.
        DiscoveryCancelled => "discoveryCancelled",
        /// A job's findings were shown or read.
        FindingsViewed => "findingsViewed",
        /// Findings were included, excluded or redacted.
        FindingReviewed => "findingReviewed",
        /// An evidence package was built.
        PackageBuilt => "packageBuilt",
        /// An evidence package was opened.
        PackageOpened => "packageOpened",
        /// A file was uploaded to a Dastra request.
        AttachmentUploaded => "attachmentUploaded",
        /// A Dastra request was changed.
        RequestUpdated => "requestUpdated",
        /// Findings were deleted (retention or by hand).
        FindingsPurged => "findingsPurged",
        /// A connection was tried.
        ConnectionTested => "connectionTested",
        /// An import plan was computed against Dastra's records.
        ImportPlanned => "importPlanned",
        /// An import plan was written to Dastra.
        ImportApplied => "importApplied",
        /// An applied import was taken back.
        ImportUndone => "importUndone",
        /// The audit log itself was exported.
        AuditExported => "auditExported",
    }
}

vocabulary! {
    /// The name of a count. Counts say how much, never what.
    Count, "count", {
        /// Findings concerned.
        Findings => "findings",
        /// Findings included in a package.
        Included => "included",
        /// Findings excluded.
        Excluded => "excluded",
        /// Redactions made.
        Redacted => "redacted",
        /// Sources (connections) concerned.
        Sources => "sources",
        /// Files concerned.
        Files => "files",
        /// Records, rows or items concerned.
        Records => "records",
        /// Bytes read, written or sent.
        Bytes => "bytes",
        /// Records created.
        Created => "created",
        /// Records updated.
        Updated => "updated",
        /// Records deleted.
        Deleted => "deleted",
        /// Records left as they were.
        Unchanged => "unchanged",
        /// Items skipped.
        Skipped => "skipped",
        /// Items that failed.
        Failed => "failed",
        /// Jobs concerned.
        Jobs => "jobs",
        /// Audit entries concerned.
        Entries => "entries",
    }
}

// Counts are ordered by name, so that a map of them iterates (and serialises) in the order of
// the canonical text.
impl Ord for Count {
    fn cmp(&self, other: &Count) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Count {
    fn partial_cmp(&self, other: &Count) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// Count name → how many, iterated by name.
pub type Counts = BTreeMap<Count, u64>;

/// Who acted: the OS user or the reviewer's name, as the caller gives it. One line of at most
/// [`Actor::MAX_CHARS`] characters, no control characters, no surrounding spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Actor(String);

impl Actor {
    /// The longest actor accepted, in characters.
    pub const MAX_CHARS: usize = 128;

    /// Check `name` and wrap it.
    ///
    /// Errors: [`Error::BadActor`] when it is empty, too long, has control characters (a line
    /// break, a tab) or spaces at either end.
    pub fn new(name: impl Into<String>) -> Result<Actor> {
        let name = name.into();
        let problem = if name.is_empty() {
            Some("it is empty")
        } else if name.chars().count() > Actor::MAX_CHARS {
            Some("it is longer than 128 characters")
        } else if name.chars().any(char::is_control) {
            Some("it holds a control character (a line break, a tab)")
        } else if name.trim() != name {
            Some("it starts or ends with a space")
        } else {
            None
        };
        match problem {
            Some(problem) => Err(Error::BadActor { problem }),
            None => Ok(Actor(name)),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Actor {
    type Error = Error;
    fn try_from(name: String) -> Result<Actor> {
        Actor::new(name)
    }
}

impl From<Actor> for String {
    fn from(actor: Actor) -> String {
        actor.0
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An id-like token: a job's UUID, a finding's or an attachment's number, a profile id.
///
/// 1 to [`Id::MAX_CHARS`] ASCII letters, digits and `.` `_` `:` `-`, starting with a letter or
/// a digit, with at least one digit. The last rule keeps a bare word (a surname, a file name
/// without digits) out by mistake; it does not stop a caller set on writing one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Id(String);

impl Id {
    /// The longest id accepted, in characters.
    pub const MAX_CHARS: usize = 64;

    /// Check `token` and wrap it.
    ///
    /// Errors: [`Error::NotAnId`] when it breaks one of the rules above.
    pub fn new(token: impl Into<String>) -> Result<Id> {
        Id::checked("target", token.into())
    }

    fn checked(what: &'static str, token: String) -> Result<Id> {
        let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-');
        let ok = !token.is_empty()
            && token.len() <= Id::MAX_CHARS
            && token.chars().all(allowed)
            && token.starts_with(|c: char| c.is_ascii_alphanumeric())
            && token.chars().any(|c| c.is_ascii_digit());
        if ok {
            Ok(Id(token))
        } else {
            let len = token.chars().count();
            Err(Error::NotAnId { what, len })
        }
    }

    /// Check a job's or an import's id; as [`Id::new`], naming the job in the error.
    pub fn job(token: impl Into<String>) -> Result<Id> {
        Id::checked("job", token.into())
    }

    /// The token.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<u64> for Id {
    fn from(number: u64) -> Id {
        Id(number.to_string())
    }
}

impl TryFrom<String> for Id {
    type Error = Error;
    fn try_from(token: String) -> Result<Id> {
        Id::new(token)
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One action to record, before the log gives it a number, a time and a hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    /// Who acted.
    pub actor: Actor,
    /// What was done.
    pub action: AuditAction,
    /// The Dastra request concerned, if any.
    pub request: Option<i64>,
    /// The discovery job or import concerned, if any.
    pub job: Option<Id>,
    /// The one thing acted on, if any (a finding, a package, an attachment, a connection).
    pub target: Option<Id>,
    /// How much.
    pub counts: Counts,
}

impl AuditEvent {
    /// `actor` did `action`; nothing else said yet.
    pub fn new(actor: Actor, action: AuditAction) -> AuditEvent {
        AuditEvent {
            actor,
            action,
            request: None,
            job: None,
            target: None,
            counts: Counts::new(),
        }
    }

    /// About Dastra request `id`.
    pub fn request(mut self, id: i64) -> AuditEvent {
        self.request = Some(id);
        self
    }

    /// About job or import `id`.
    pub fn job(mut self, id: Id) -> AuditEvent {
        self.job = Some(id);
        self
    }

    /// Acting on `id`.
    pub fn target(mut self, id: Id) -> AuditEvent {
        self.target = Some(id);
        self
    }

    /// With `count` = `n` (replacing an earlier value of the same count).
    pub fn count(mut self, count: Count, n: u64) -> AuditEvent {
        self.counts.insert(count, n);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_refuse_names_e_mails_and_file_names() {
        for bad in [
            "Dupont",
            "jean.dupont@example.fr",
            "contrat.pdf",
            "",
            "a b 1",
            "-1",
        ] {
            assert!(Id::new(bad).is_err(), "{bad:?} is not an id");
        }
        for good in ["42", "6f1c2a9e-0b7d-4c1e-9a55-3f0f8d2b1c77", "job_2026:03"] {
            assert!(Id::new(good).is_ok(), "{good:?} is an id");
        }
    }

    #[test]
    fn actors_are_one_clean_line() {
        assert!(Actor::new("Claire Martin").is_ok(), "a name with a space");
        for bad in ["", " claire", "claire\nmartin", "a\tb"] {
            assert!(Actor::new(bad).is_err(), "{bad:?} is refused");
        }
    }

    #[test]
    fn every_name_parses_back() {
        for action in AuditAction::ALL {
            assert_eq!(
                action.as_str().parse::<AuditAction>().ok(),
                Some(*action),
                "{action}"
            );
        }
        for count in Count::ALL {
            assert_eq!(
                count.as_str().parse::<Count>().ok(),
                Some(*count),
                "{count}"
            );
        }
    }
}
