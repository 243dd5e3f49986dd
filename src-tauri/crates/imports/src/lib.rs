//! Imports into Dastra: a source mapped by a profile, compared with what Dastra holds, and
//! shown as a plan before anything is written.
//!
//! # The pieces
//!
//! - [`plan_import`]: maps and validates every [`SourceRow`](passerelle_mapping::SourceRow)
//!   with a [`Profile`](passerelle_mapping::Profile), reads the current records of the target
//!   entity page by page ([`fetch_records`]), matches them on the profile's key (trimmed,
//!   case-insensitive: [`normalize_key`]) and classifies each row as a [`RowClass`]: create,
//!   update (with each [`FieldChange`] before → after), unchanged, conflict, invalid, or a
//!   Dastra record missing from the source with the profile's [`MissingAction`].
//!   [`plan_records`] is the same classification on records already read, without I/O, and
//!   [`plan_current`] on records reduced page by page to what a plan reads ([`CurrentRecords`]);
//!   [`PlanBuilder`] takes the source rows one at a time, so a reader need not keep them all.
//! - [`plan_source`]: [`plan_import`] on a source opened with [`open_source`] and read row by
//!   row ([`SourceStream`]), each row mapped as it is read and dropped: what a big export
//!   needs (`docs/benchmarks.md`).
//! - [`Plan`]: the result, with its [`PlanSummary`] and its [`PlanWarning`]s (a
//!   missing-records policy Dastra cannot carry out on the entity); a versioned JSON file
//!   ([`PLAN_VERSION`]), or the same sealed with the findings key ([`Plan::write_sealed`],
//!   read back by [`Plan::from_file_bytes`]), in which every matched row keeps the id and the
//!   [`Fingerprint`] of the Dastra record it was computed against, so that applying a row
//!   whose record changed since can be refused.
//! - [`apply_plan`]: writes a plan row by row (`POST` for creates, JSON Patch for updates,
//!   stale rows refused) with a [`Journal`] of before-images written before and after each
//!   call, so that a run interrupted mid-row resumes without a duplicate; records missing from
//!   the source tagged or archived as the profile says; an [`ApplySink`]
//!   hears of each row, a cancellation token stops between rows, and an [`ApplyReport`] says
//!   what happened to each (and gives the counts the audit log keeps of a run:
//!   [`ApplyReport::audit_counts`]).
//! - [`take_source`] and [`apply_plan_except`]: the DPO's choices before applying: a
//!   conflict resolved by taking the source row, rows left out.
//! - [`undo_plan`]: reverts what the journal says was applied, last row first (created records
//!   deleted, updated fields given back their before-images, tags removed, archives restored),
//!   refusing a row whose record changed in Dastra since the import.
//!
//! # Example
//!
//! ```
//! use chrono::Utc;
//! use passerelle_imports::{plan_records, RowClass};
//! use passerelle_mapping::{NoLookups, Profile, SourceRow};
//! use serde_json::json;
//!
//! let profile = Profile::from_json(r#"{
//!   "version": 1, "id": "cmdb", "name": "CMDB",
//!   "source": { "name": "cmdb", "kind": "csv" }, "target": "asset",
//!   "key": { "column": "number", "target": "ref" },
//!   "fields": [
//!     { "target": "label", "column": "name" },
//!     { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
//!   ]
//! }"#)?;
//! let dastra = [json!({ "id": 4, "ref": "ci001", "label": "Paie", "type": "Software" })];
//! let rows = [
//!     SourceRow::new(1, [("number", "CI001 "), ("name", "Paie v2")]),
//!     SourceRow::new(2, [("number", "CI002"), ("name", "CRM")]),
//! ];
//! let plan = plan_records(&profile, &rows, &NoLookups, &dastra, Utc::now());
//! let RowClass::Update { changes } = &plan.rows[0].class else { panic!("an update") };
//! assert_eq!(changes[0].after, "Paie v2");
//! assert_eq!(plan.rows[1].class, RowClass::Create);
//! assert_eq!((plan.summary.update, plan.summary.create), (1, 1));
//! # Ok::<(), passerelle_mapping::Error>(())
//! ```
//!
//! - [`read_source`]: the source of a run ([`SourceSpec`]: a CSV, XLSX/ODS, JSON or NDJSON
//!   file, an SQL query or a REST recipe on a saved connection) read through the connectors
//!   into numbered rows with their headers ([`open_source`]: the same, row by row);
//!   [`fetch_lookups`] lists the tags, areas, actors and assets a profile's look-ups resolve
//!   against.
//! - [`Journal::open_sealed`]: the journal as a sealed table of the app database.
//!
//! # Left out, for now
//!
//! Records missing from the source are tagged (assets, actors) or archived (contracts); other
//! combinations are planned as [`MissingAction::Unsupported`], with a [`PlanWarning`], and
//! reported unsupported when applied. Nothing here logs a value: only counts and ids, at
//! debug level. The CLI is `passerelle import` (crate `passerelle-cli`).

#![deny(missing_docs)]

pub mod apply;
mod error;
pub mod fetch;
pub mod fingerprint;
pub mod journal;
mod lean;
pub mod lookups;
pub mod plan;
pub mod resolve;
mod sealed;
pub mod source;
pub mod undo;

pub use apply::{
    apply_plan, apply_plan_except, ApplyReport, ApplySink, DastraRefusal, RowOutcome, RowReport,
    WriteFailure,
};
pub use error::{Error, Result};
pub use fetch::{collection, fetch_collection, fetch_records, for_each_page, records_with_key};
pub use fingerprint::Fingerprint;
pub use journal::{Journal, JournalEntry, RowState};
pub use lookups::{fetch_lookups, lookup_kinds};
pub use plan::{
    normalize_key, plan_current, plan_import, plan_records, plan_source, ConflictReason,
    CurrentRecords, FieldChange, MissingAction, Plan, PlanBuilder, PlanOptions, PlanRow,
    PlanSummary, PlanWarning, RowClass, TargetRecord, PLAN_VERSION,
};
pub use resolve::{take_source, ResolveError};
pub use source::{
    open_source, read_file_source, read_source, ReadAs, SourceData, SourceError, SourceSpec,
    SourceStream,
};
pub use undo::undo_plan;
