//! DSAR discovery: every connected system searched for one data subject, by a job that can be
//! cancelled and resumed, with its findings kept encrypted on this computer.
//!
//! A job serves one Dastra request. Its [`JobSpec`] holds the subject's identity set (from
//! `passerelle-matching`) and the connection profiles to search. [`run_job`] searches them
//! concurrently within a bound:
//!
//! - **PostgreSQL, MySQL/MariaDB, SQLite**: the unit is a table; its columns are suggested
//!   ([`suggest_columns`]), the matching pushed down, candidates verified, and linked rows shown
//!   one hop away;
//! - **folder**: the unit is a file, read into records and snippets by
//!   `passerelle_connectors::files`, each matched;
//! - **HTTP API**: the unit is a request of its recipe, run with the subject's identifiers, each
//!   record matched.
//!
//! Every finding says where it is ([`FindingLocation`]), how sure the match is and why, in
//! French and English, and which other personal data its values hold. Progress goes to a
//! [`ProgressSink`] after each unit; a [`CancellationToken`] stops the job between pieces.
//!
//! # Storage
//!
//! [`FindingsStore`] keeps jobs, checkpoints, findings and issues in an SQLite database.
//! Everything that holds personal data is sealed with a key that lives in the OS keyring
//! ([`SealKey::load_or_create`]); a unit's findings and its checkpoint are written in one
//! transaction, so a job killed at any moment resumes without losing or repeating a finding.
//! [`FindingsStore::purge_older_than`] applies the retention setting.
//!
//! # Example
//!
//! ```no_run
//! # async fn demo(
//! #     store: &passerelle_discovery::FindingsStore,
//! #     identity: passerelle_matching::IdentitySet,
//! #     folder: passerelle_vault::settings::FolderSettings,
//! # ) -> passerelle_discovery::Result<()> {
//! use std::sync::Arc;
//! use passerelle_discovery::*;
//!
//! let source = JobSource { id: "shared-drive".into(), name: "Partage RH".into() };
//! let spec = JobSpec::new(1012, identity, vec![source]);
//! store.create_job(&spec).await?;
//! let inputs = vec![SourceInput::Folder { id: "shared-drive".into(), settings: folder }];
//! let job = run_job(store, &spec.id, inputs, &RunOptions::default(), Arc::new(NoProgress),
//!     CancellationToken::new()).await?;
//! println!("{} findings", store.findings(&job.spec.id).await?.len());
//! # Ok(()) }
//! ```
//!
//! # Layout
//!
//! - `job`: [`run_job`], [`SourceInput`], [`RunOptions`], [`ProgressEvent`];
//! - `folder`, `sql`, `rest`: one scanner per kind of source; `record`: a match made a [`Finding`];
//! - `columns`: [`suggest_columns`]; `finding`: [`Finding`] and [`Issue`];
//! - `review`: the DPO's [`Decision`]s and [`Redaction`]s, [`Finding::redacted`];
//! - `store`: [`FindingsStore`]; `seal`: [`SealKey`];
//! - [`package`]: the evidence package ([`build_package`], [`verify_package`]): included
//!   findings only, redacted, as JSON, CSV and a readable report, with a manifest of hashes;
//! - [`attach`]: [`attach_package`] to the request in Dastra, once only, and
//!   [`update_request`] with a JSON Patch.
//!
//! Logging is at debug level and holds ids, states and counts only.

#![deny(missing_docs)]

pub mod attach;
mod columns;
mod error;
mod finding;
mod folder;
mod job;
pub mod package;
mod record;
mod rest;
mod review;
mod seal;
mod sql;
mod store;

pub use attach::{attach_package, update_request, AttachOutcome, RequestUpdate};
pub use columns::{suggest_columns, ColumnSuggestion, SuggestReason};
pub use error::{Error, Result};
pub use finding::{Finding, FindingField, FindingLocation, Issue, LinkedRecords, PiiSpan, Span};
pub use job::{
    run_job, CancellationToken, NoProgress, NotSearchable, ProgressEvent, ProgressSink, RunOptions,
    SourceInput,
};
pub use package::{
    build_package, package_report, verify_package, ManifestCheck, ManifestProblem, PackageInput,
    PackageReport, PackageSource, RequestSummary, SourceKind,
};
pub use rest::recipe_values;
pub use review::{Decision, ExcludeReason, Redaction, Review, REDACTED};
pub use seal::{SealKey, KEY_ENTRY};
pub use sql::{needles, ranked_needles};
pub use store::{
    FindingsStore, JobRecord, JobSource, JobSpec, RunState, SourceProgress, SourceRecord,
    StoredFinding, UnitOutcome,
};
