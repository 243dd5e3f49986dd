//! The import preview commands: plan an import from a profile and a source, page through the
//! plan's rows, choose what to write, apply with progress, cancel, read the report, list past
//! imports and undo one.
//!
//! A plan lives in the app data folder (`imports/<plan id>/`, see [`crate::imports_run`]), so
//! a 10,000-row plan never crosses the bridge at once: the window asks for pages of rows,
//! filtered by class and text. Applying runs as a task of the `Api`; its progress reaches the
//! window as `import_progress` events, its end as `import_finished`.

use passerelle_mapping::Problem;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::mapping::SourceSpecDto;

/// `import_plan`: a mapping profile and a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPlanRequest {
    /// The profile document (the JSON of a saved mapping profile).
    pub profile: String,
    /// The records to import, named as the studio names them: a file (CSV, XLSX/ODS, JSON),
    /// an SQL query or a REST recipe on a saved connection. The source is read as `source`
    /// says; the profile maps what it reads.
    pub source: SourceSpecDto,
}

/// A plan, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportIdRequest {
    /// The plan's id.
    pub plan_id: String,
}

/// `import_history`: no parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportHistoryRequest {}

/// The class of a plan row, as the window filters and counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum RowKind {
    /// A record to create.
    Create,
    /// A record to update.
    Update,
    /// Nothing to write.
    Unchanged,
    /// A conflict for the DPO to resolve.
    Conflict,
    /// A source row with problems.
    Invalid,
    /// A Dastra record missing from the source.
    Missing,
}

/// Rows per class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlanCounts {
    /// Rows to create.
    pub create: u64,
    /// Rows to update.
    pub update: u64,
    /// Rows already up to date.
    pub unchanged: u64,
    /// Rows in conflict (after the DPO's choices).
    pub conflict: u64,
    /// Invalid rows.
    pub invalid: u64,
    /// Dastra records missing from the source.
    pub missing: u64,
}

/// What happened to rows, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutcomeCounts {
    /// Records created.
    pub created: u64,
    /// Records updated.
    pub updated: u64,
    /// Records tagged as missing from the source.
    pub tagged: u64,
    /// Records archived.
    pub archived: u64,
    /// Rows with nothing written.
    pub skipped: u64,
    /// Rows refused: their record changed in Dastra since the plan.
    pub stale: u64,
    /// Rows that failed.
    pub failed: u64,
    /// Rows asking for what Dastra does not do.
    pub unsupported: u64,
    /// Rows undone.
    pub undone: u64,
}

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ImportState {
    /// Planned, nothing written.
    Planned,
    /// Being applied.
    Applying,
    /// Applied to its last row.
    Applied,
    /// Stopped by the DPO before its last row; applying again goes on.
    Cancelled,
    /// Stopped by a failure; applying again goes on.
    Failed,
    /// Being undone.
    Undoing,
    /// Undone.
    Undone,
}

/// An import as the window shows it: what it was made from, its counts, where it stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportView {
    /// The plan's id.
    pub plan_id: String,
    /// The profile's id.
    pub profile_id: String,
    /// The profile's name.
    pub profile_name: String,
    /// The target entity (`asset`, `contract`, `actor`).
    pub entity: String,
    /// The Dastra field matched on (`ref`).
    pub key_field: String,
    /// The source: the file's name, or how it was read (`query on « CMDB »`, in English).
    pub source_name: String,
    /// The source in parts, for the window to word (absent from imports planned before).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ImportSource>,
    /// When the plan was made (RFC 3339).
    pub created_at: String,
    /// When it was last applied (RFC 3339).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applied_at: Option<String>,
    /// When it was undone (RFC 3339).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undone_at: Option<String>,
    /// Where it stands.
    pub state: ImportState,
    /// Rows per class, after the DPO's choices.
    pub counts: PlanCounts,
    /// Rows in the plan.
    pub rows: u64,
    /// Rows that applying will write (selected creates, updates and missing records).
    pub to_write: u64,
    /// What applying (and undoing) did so far.
    pub outcomes: OutcomeCounts,
    /// Why the last run stopped, when it failed.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Why the last run ended short of its goal, for the window to word (the `error` is its
    /// English).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop: Option<ImportStop>,
    /// What the plan does not do although its profile asks for it, for the window to word
    /// before the DPO applies it.
    pub warnings: Vec<ImportWarning>,
}

/// Why an apply or an undo ended short of its goal, row by row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum ImportStop {
    /// Rows Dastra refused or could not take: applying again tries them again.
    RowsFailed {
        /// How many.
        #[ts(type = "number")]
        rows: u64,
    },
    /// Rows an undo left as they are: changed in Dastra since the import, or Dastra failed.
    RowsNotUndone {
        /// How many.
        #[ts(type = "number")]
        rows: u64,
    },
}

/// Something a plan does not do although its profile asks for it: its kind and params, for
/// the window to word in its language (and the engine's English sentence, for the logs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum ImportWarning {
    /// Dastra cannot carry out the profile's policy for records missing from the source on
    /// the plan's entity (it archives contracts only, and tags assets and actors only): those
    /// records are left as they are.
    #[serde(rename_all = "camelCase")]
    MissingPolicyUnsupported {
        /// The policy asked for: `archive` or `tag`.
        policy: String,
        /// The target entity (`asset`, `contract`, `actor`).
        entity: String,
        /// How many Dastra records are missing from the source.
        missing: u64,
        /// What is wrong and what to do (in English, from the engine).
        message: String,
    },
}

/// Where an import's records came from, in parts for the window to word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum ImportSource {
    /// A file.
    File {
        /// The file's name.
        name: String,
    },
    /// An SQL query on a saved connection.
    Query {
        /// The connection's name.
        connection: String,
    },
    /// A REST recipe's first request on a saved connection.
    Recipe {
        /// The recipe's name.
        recipe: String,
        /// The connection's name.
        connection: String,
    },
}

/// `import_history`: past imports, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportHistory {
    /// The imports.
    pub imports: Vec<ImportView>,
}

/// An outcome kind, as the report filters them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum OutcomeKind {
    /// Created.
    Created,
    /// Updated.
    Updated,
    /// Tagged.
    Tagged,
    /// Archived.
    Archived,
    /// Nothing written.
    Skipped,
    /// Refused: changed in Dastra since the plan.
    Stale,
    /// Failed.
    Failed,
    /// Not supported.
    Unsupported,
    /// Undone.
    Undone,
}

/// `import_rows`: one page of a plan's rows, filtered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportRowsRequest {
    /// The plan.
    pub plan_id: String,
    /// The first matching row to send, from 0.
    pub offset: u32,
    /// How many rows to send (1 to 1,000).
    pub limit: u32,
    /// Only rows of these classes; every class when empty. A conflict the DPO resolved stays
    /// among the conflicts, so that its choice can be seen and changed.
    #[serde(default)]
    pub kinds: Vec<RowKind>,
    /// Only rows with these outcomes; every row when empty.
    #[serde(default)]
    pub outcomes: Vec<OutcomeKind>,
    /// Only rows whose key, values or changes hold this text (case-insensitive).
    #[serde(default)]
    pub q: String,
}

/// One field an update changes, as text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FieldChangeView {
    /// The Dastra field.
    pub field: String,
    /// Its value in Dastra, as text (empty when it has none).
    pub before: String,
    /// The value the import writes, as text.
    pub after: String,
}

/// Why a row is in conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ConflictCause {
    /// Several source rows have its key.
    DuplicateInSource,
    /// Several Dastra records have its key.
    SeveralInDastra,
    /// A name looked up in Dastra (a tag, an area, a vendor) matches several records.
    AmbiguousLookup,
}

/// A conflict: its cause, who is involved, and the engine's sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConflictView {
    /// The cause.
    pub cause: ConflictCause,
    /// The source rows sharing the key (duplicate in the source).
    pub rows: Vec<u64>,
    /// The Dastra ids sharing the key (several in Dastra).
    pub ids: Vec<String>,
    /// The ambiguous look-ups, each with its kind and params for the window to word.
    pub problems: Vec<Problem>,
    /// What is wrong and how to fix it (in English, from the engine).
    pub message: String,
}

/// What the DPO chose for a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ConflictChoice {
    /// Leave Dastra's record as it is.
    KeepDastra,
    /// Write the source row (a duplicate in the source only).
    TakeSource,
    /// Leave the row out of this import, undecided.
    Skip,
}

/// What a missing record gets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MissingView {
    /// `ignore`, `tag`, `archive`, or `unsupported` (nothing is done: Dastra cannot carry the
    /// profile's policy out on this entity; the import's `warnings` say so).
    pub action: String,
    /// The tag's label, for `tag`.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The policy asked for (`archive` or `tag`), for `unsupported`.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

/// What happened to a row when applied (or undone).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RowOutcomeView {
    /// The kind.
    pub kind: OutcomeKind,
    /// The record's id in Dastra, when it has one.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What went wrong, for a failed or unsupported row (from the engine, in English).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Why a failed row failed, for the window to word in its language.
    #[ts(optional, as = "Option<passerelle_imports::WriteFailure>")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<passerelle_imports::WriteFailure>,
}

/// One plan row as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportRowView {
    /// Its index in the plan.
    pub index: u32,
    /// The source row (line or rank), for a row from the source.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_row: Option<u64>,
    /// The match key.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The record's label or name, when mapped.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Its class now, after the DPO's choices.
    pub kind: RowKind,
    /// Its class in the plan as made (differs once a conflict is taken from the source).
    pub planned: RowKind,
    /// An update's changes, before → after.
    pub changes: Vec<FieldChangeView>,
    /// A conflict's cause (kept when it was resolved).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<ConflictView>,
    /// The DPO's choice for a conflict.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<ConflictChoice>,
    /// An invalid row's problems, each with its kind and params for the window to word (and
    /// the engine's English message).
    pub problems: Vec<Problem>,
    /// What a missing record gets.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<MissingView>,
    /// Whether applying writes it.
    pub selected: bool,
    /// Whether the DPO may select or deselect it (a write).
    pub selectable: bool,
    /// What applying (or undoing) did to it.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<RowOutcomeView>,
}

/// `import_rows`: the page and how many rows match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportRowsResponse {
    /// The rows of the page.
    pub rows: Vec<ImportRowView>,
    /// Rows matching the filter.
    pub total: u64,
    /// The page's offset.
    pub offset: u32,
}

/// `import_choose`: the DPO's choice for some rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportChooseRequest {
    /// The plan.
    pub plan_id: String,
    /// The rows (indexes in the plan).
    pub indexes: Vec<u32>,
    /// Select or deselect them (rows that write nothing are left as they are).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected: Option<bool>,
    /// Resolve them (conflicts only).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choice: Option<ConflictChoice>,
}

/// An apply or an undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum ImportOperation {
    /// Applying the plan.
    Apply,
    /// Undoing it.
    Undo,
}

/// `import_progress`: an apply or undo moved on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportProgressEvent {
    /// The plan.
    pub plan_id: String,
    /// Apply or undo.
    pub operation: ImportOperation,
    /// Writes done (rows written, refused or failed).
    pub done: u64,
    /// Writes in the run.
    pub total: u64,
    /// Outcomes so far in this run.
    pub outcomes: OutcomeCounts,
    /// Seconds left, once they can be told.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eta_seconds: Option<u64>,
}

/// `import_finished`: an apply or undo stopped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportFinishedEvent {
    /// The plan.
    pub plan_id: String,
    /// Apply or undo.
    pub operation: ImportOperation,
    /// Where the import stands now.
    pub state: ImportState,
    /// What went wrong, when the run could not go on.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}
