//! Problems with the data: one per thing to fix, each naming where it is and how to fix it.
//!
//! A message quotes the source value (shortened to [`QUOTE_CHARS`] characters) so that the DPO
//! can find it in the file. Problems are meant for the screen and the plan file, where the DPO
//! already sees the data; they are never logged.
//!
//! Besides its English message, a problem carries its particulars by name ([`Problem::params`])
//! so that a window can word it in its own language: which names each kind fills is written on
//! [`ProblemKind`]'s variants. `value` is always the source value shortened as in the message,
//! without the quotes.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Characters of a value quoted in a message, at most.
pub const QUOTE_CHARS: usize = 60;

/// What kind of fix a problem asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ProblemKind {
    /// The profile reads a column the source does not have. Params: `closest`, the header
    /// that looks like it, when one does.
    MissingColumn,
    /// The match key is empty for this row, so it can be matched with nothing. Params:
    /// `entity` (`asset`).
    MissingKey,
    /// A field the contract requires has no value. No params: the problem's `column` is set
    /// when a column feeds the field (its cell is empty), unset when nothing is mapped to it.
    Required,
    /// A text is longer than the contract allows. Params: `value`, `length`, `max`.
    TooLong,
    /// A value is not one of the enum's allowed values. Params: `value`, `allowed` (the
    /// allowed values, joined by `, `).
    NotInEnum,
    /// A value is not of the field's type (text in a number field…). Params: `expected`, one
    /// of `one` (a list given to a field of one value), `uuid`, `integer`, `number`,
    /// `boolean`, `dateTime`, `reference` (then `target`, the entity referred to, such as
    /// `Tag`); and `value`, except for `one`.
    WrongType,
    /// A date does not read in any of the profile's formats. Params: `value`, `formats`
    /// (joined by `, `).
    BadDate,
    /// A number does not read as one. Params: `value`.
    BadNumber,
    /// A yes/no value is not a known yes or no word. Params: `value`.
    BadBoolean,
    /// A look-up found no Dastra record. Params: `value`, `lookup` (`tag`, `area`, `actor`,
    /// `asset`).
    UnresolvedLookup,
    /// A look-up found several Dastra records. Params: `value`, `lookup`, `count`, `ids`
    /// (joined by `, `).
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
    /// The particulars of the problem by name, as [`ProblemKind`] lists them for each kind.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
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
            params: BTreeMap::new(),
        }
    }

    /// The problem with one more particular.
    pub(crate) fn with(mut self, name: &str, value: impl ToString) -> Problem {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A value quoted for a message: `« Haute+ »`, shortened with `…` when long.
pub(crate) fn quote(value: &str) -> String {
    format!("« {} »", shorten(value))
}

/// A value shortened to [`QUOTE_CHARS`] characters, with `…` when it was longer.
pub(crate) fn shorten(value: &str) -> String {
    let mut chars = value.chars();
    let mut head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        head.push('…');
    }
    head
}
