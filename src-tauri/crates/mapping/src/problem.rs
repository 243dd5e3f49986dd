//! Problems with the data: one per thing to fix, each naming where it is and how to fix it.
//!
//! A message quotes the source value (shortened to [`QUOTE_CHARS`] characters) so that the DPO
//! can find it in the file. Problems are meant for the screen and the plan file, where the DPO
//! already sees the data; they are never logged.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Characters of a value quoted in a message, at most.
pub const QUOTE_CHARS: usize = 60;

/// What kind of fix a problem asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ProblemKind {
    /// The profile reads a column the source does not have.
    MissingColumn,
    /// The match key is empty for this row, so it can be matched with nothing.
    MissingKey,
    /// A field the contract requires has no value.
    Required,
    /// A text is longer than the contract allows.
    TooLong,
    /// A value is not one of the enum's allowed values.
    NotInEnum,
    /// A value is not of the field's type (text in a number field…).
    WrongType,
    /// A date does not read in any of the profile's formats.
    BadDate,
    /// A number does not read as one.
    BadNumber,
    /// A yes/no value is not a known yes or no word.
    BadBoolean,
    /// A look-up found no Dastra record.
    UnresolvedLookup,
    /// A look-up found several Dastra records.
    AmbiguousLookup,
}

/// One thing to fix before a record can be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    /// The source row (as the reader numbers it), or `None` for a problem of the whole source.
    pub row: Option<u64>,
    /// The source column the value came from, when one did.
    pub column: Option<String>,
    /// The target field, when the problem is about one.
    pub field: Option<String>,
    /// What kind of problem.
    pub kind: ProblemKind,
    /// What is wrong and how to fix it, starting with where: "row 12, column « Criticité »: …".
    pub message: String,
}

impl Problem {
    /// A problem whose message is `where: what`.
    pub(crate) fn new(
        row: Option<u64>,
        column: Option<&str>,
        field: Option<&str>,
        kind: ProblemKind,
        what: impl fmt::Display,
    ) -> Problem {
        let place = match (row, column) {
            (Some(r), Some(c)) => format!("row {r}, column « {c} »"),
            (Some(r), None) => format!("row {r}"),
            (None, Some(c)) => format!("column « {c} »"),
            (None, None) => "source".to_owned(),
        };
        Problem {
            row,
            column: column.map(str::to_owned),
            field: field.map(str::to_owned),
            kind,
            message: format!("{place}: {what}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A value quoted for a message: `« Haute+ »`, shortened with `…` when long.
pub(crate) fn quote(value: &str) -> String {
    let mut chars = value.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("« {head}{more} »")
}
