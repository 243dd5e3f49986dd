//! What a discovery job finds: a record or snippet about the data subject, where it is, why it
//! matched, and which other personal data it holds.

use serde::{Deserialize, Serialize};

use passerelle_matching::pii::PiiKind;
use passerelle_matching::Confidence;

/// Where a finding is, precisely enough for a person to go and look.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    rename_all = "camelCase",
    tag = "type",
    rename_all_fields = "camelCase"
)]
pub enum FindingLocation {
    /// A row of a database table or view.
    Row {
        /// `schema.table`, or `table`.
        table: String,
        /// The primary key's columns and values (every column's value for a table without
        /// one, as the row's only address).
        key: Vec<(String, String)>,
    },
    /// A record or a snippet of a file.
    File {
        /// The file, relative to the searched folder.
        path: String,
        /// The sheet of a workbook.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
        /// The row of a CSV file or sheet (1-based, the header being row 1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        row: Option<u64>,
        /// The page of a PDF (1-based).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<u32>,
        /// The line of a text file, PDF page or e-mail body, or the paragraph of a document.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u64>,
    },
    /// A record returned by an HTTP API through a recipe.
    Api {
        /// The recipe's name.
        recipe: String,
        /// The endpoint, without the searched values.
        endpoint: String,
        /// The record's id in the API, when the recipe names it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
    },
}

/// A span of a value, in bytes of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// One field of a found record (a column, a JSON path, an e-mail header) or the text of a
/// snippet, with what matched in it and what other personal data it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FindingField {
    /// The field's name (`email`, `customer.phone`, `Subject`), `text` for a snippet.
    pub name: String,
    /// The value as found.
    pub value: String,
    /// Where identifiers of the data subject are in the value.
    pub matched: Vec<Span>,
    /// Other personal data detected in the value (possibly a third party's).
    pub pii: Vec<PiiSpan>,
}

/// Personal data detected in a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PiiSpan {
    /// What it is.
    pub kind: PiiKind,
    /// Where.
    pub span: Span,
}

/// Rows one foreign-key hop away from a found row, shown beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct LinkedRecords {
    /// The table they are in.
    pub table: String,
    /// `orders.customer_id → customers.id`, in words a person can follow.
    pub via: String,
    /// The rows: `(column, value)` pairs.
    pub rows: Vec<Vec<(String, String)>>,
}

/// A record or snippet about the data subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The connection profile searched.
    pub source_id: String,
    /// Where in it.
    pub location: FindingLocation,
    /// How sure the match is; [`Confidence::Possible`] waits for a person to confirm it.
    pub confidence: Confidence,
    /// The match's score, 0 to 1.
    pub score: f32,
    /// Why it matched, in French.
    pub reason_fr: String,
    /// Why it matched, in English.
    pub reason_en: String,
    /// The record's fields (or the snippet's text).
    pub fields: Vec<FindingField>,
    /// Linked rows (SQL sources only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linked: Vec<LinkedRecords>,
}

impl Finding {
    /// The canonical form the store de-duplicates on: the source and the location; for an
    /// API record with an id, the recipe and the id (one record found by two searches is one
    /// finding).
    pub(crate) fn identity_bytes(&self) -> Vec<u8> {
        let location = match &self.location {
            FindingLocation::Api {
                recipe,
                id: Some(id),
                ..
            } => serde_json::to_vec(&("api", recipe, id)),
            other => serde_json::to_vec(other),
        };
        let location = location.expect("a location serialises");
        [self.source_id.as_bytes(), b"\0", &location].concat()
    }
}

/// A problem met in one unit of a source (a file, a table, a request) that did not stop the
/// job: a corrupt file, an unreadable table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    /// The connection profile.
    pub source_id: String,
    /// The unit: a file's relative path, a table, a recipe request.
    pub unit: String,
    /// A stable code (`corruptFile`, `unreadable`, `tooLarge`, `missingPermission`…).
    pub code: String,
    /// What happened and what to do, in plain words.
    pub message: String,
}
