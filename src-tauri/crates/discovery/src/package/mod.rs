//! The evidence package: what a DPO sends back to the data subject, as one zip file.
//!
//! [`build_package`] takes a reviewed job ([`PackageInput`]) and writes
//! `passerelle-dsar-<request id>-<first 8 hex digits of its SHA-256>.zip` into a folder. Only
//! the findings the DPO *included* go in, each with its redactions applied
//! ([`Finding::redacted`]); excluded and undecided findings are counted in the report, never
//! written. The zip holds:
//!
//! | file | what |
//! | --- | --- |
//! | `findings.json` | machine-readable, grouped per source; `schemaVersion` ([`SCHEMA_VERSION`]) |
//! | `csv/<source>.csv` | one row per field of each finding: UTF-8 with a BOM, `;`-separated |
//! | `rapport.html` or `report.html` | the readable report, in the request's language |
//! | `manifest.json` | every other file with its SHA-256 and size, the creation time, the version |
//!
//! The CSV files open as they should in a French Excel (which expects `;` and reads UTF-8 only
//! with the BOM). A value starting with `=`, `+`, `-` or `@` is written with a leading `'` so
//! that a spreadsheet shows it as text instead of running it as a formula; `findings.json`
//! keeps every value exactly.
//!
//! The report is one self-contained HTML page: inline CSS, no script, nothing fetched from
//! elsewhere, readable printed. Every text that comes from a source or from Dastra is
//! HTML-escaped, and redacted parts show as blacked-out blocks.
//!
//! The zip is written atomically: into a hidden temporary file in the same folder, synced, then
//! renamed. An error at any step leaves nothing behind. Entries carry the build time, so the
//! same input gives the same bytes (and the same name). [`verify_package`] re-reads a zip
//! (after a download, say) and checks every file against the manifest.
//!
//! Deliberately left out: linked rows of SQL findings (shown to the DPO for context only), the
//! spans of what matched, and the text of issues (internal paths); issues are counted per
//! source.

mod content;
mod manifest;
mod report;
mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_matching::Lang;
use serde::{Deserialize, Serialize};

pub use manifest::{package_report, verify_package, ManifestCheck, ManifestProblem};

use crate::error::Result;
use crate::finding::Issue;
use crate::review::Review;
use crate::store::{JobRecord, StoredFinding};
#[cfg(doc)]
use crate::Finding;

/// The version of `findings.json`'s layout; raised when a field changes meaning or goes.
pub const SCHEMA_VERSION: u32 = 1;

/// The Passerelle version written in manifests.
pub const PASSERELLE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The request a package answers, in plain fields (see [`RequestSummary::from_dto`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestSummary {
    /// Dastra's id of the request.
    pub id: i32,
    /// Its title.
    pub title: String,
    /// The requester's name as shown to people.
    pub requester: String,
    /// Its purposes, as Dastra spells them (`Access`, `Erasure`…).
    pub purposes: Vec<String>,
    /// When it was received (`dateDemand`, else `dateCreation`).
    pub received: Option<DateTime<Utc>>,
    /// When the answer is due (`expiryTime`).
    pub due: Option<DateTime<Utc>>,
    /// The language of the answer (from the request's `locale`).
    pub language: Lang,
}

impl RequestSummary {
    /// The summary of a request read from Dastra: `en…` locales answer in English, every
    /// other in French; the requester is the given and family names, else the e-mail.
    pub fn from_dto(dto: &DataSubjectRequestDto) -> RequestSummary {
        let names: Vec<&str> = [dto.given_name.as_deref(), dto.family_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let requester = if names.is_empty() {
            dto.email.clone().unwrap_or_default()
        } else {
            names.join(" ")
        };
        let purposes = dto
            .purposes
            .iter()
            .map(|p| match serde_json::to_value(p) {
                Ok(serde_json::Value::String(s)) => s,
                _ => format!("{p:?}"),
            })
            .collect();
        RequestSummary {
            id: dto.id.unwrap_or_default(),
            title: dto.title.clone(),
            requester,
            purposes,
            received: dto.date_demand.or(dto.date_creation).map(|t| t.to_utc()),
            due: dto.expiry_time.map(|t| t.to_utc()),
            language: language_of(&dto.locale),
        }
    }
}

/// The package language for a Dastra `locale` (`fr-FR`, `en`, `en-GB`…).
pub fn language_of(locale: &str) -> Lang {
    if locale.trim().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Fr
    }
}

/// What kind of system a source is, as the report names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SourceKind {
    /// A PostgreSQL, MySQL/MariaDB or SQLite database.
    Database,
    /// A folder of files.
    Folder,
    /// An HTTP API searched through a recipe.
    Api,
}

impl SourceKind {
    /// The kind of a connection's settings; `None` for a Dastra workspace (never a source).
    pub fn of(settings: &passerelle_vault::Settings) -> Option<SourceKind> {
        use passerelle_vault::Settings;
        match settings {
            Settings::Postgres(_) | Settings::MySql(_) | Settings::Sqlite(_) => {
                Some(SourceKind::Database)
            }
            Settings::Folder(_) => Some(SourceKind::Folder),
            Settings::RestApi(_) => Some(SourceKind::Api),
            Settings::DastraWorkspace(_) => None,
        }
    }
}

/// The job's sources as the package names them, each kind given by `kind_of(source id)`.
pub fn package_sources(
    job: &JobRecord,
    kind_of: impl Fn(&str) -> Option<SourceKind>,
) -> Vec<PackageSource> {
    job.spec
        .sources
        .iter()
        .map(|s| PackageSource {
            id: s.id.clone(),
            name: s.name.clone(),
            kind: kind_of(&s.id),
        })
        .collect()
}

/// A source the job searched, as the package names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageSource {
    /// The connection profile's id, as the job lists it.
    pub id: String,
    /// The name shown to people.
    pub name: String,
    /// What kind of system it is; `None` when unknown (then told from the findings).
    pub kind: Option<SourceKind>,
}

/// Everything a package is built from.
#[derive(Debug, Clone)]
pub struct PackageInput {
    /// The job, with each source's state and failure.
    pub job: JobRecord,
    /// The request it answers.
    pub request: RequestSummary,
    /// Every stored finding of the job (decided or not).
    pub findings: Vec<StoredFinding>,
    /// The reviews, by finding id.
    pub reviews: BTreeMap<i64, Review>,
    /// The job's issues.
    pub issues: Vec<Issue>,
    /// Names and kinds of the sources; a job source not listed here keeps the name the job
    /// recorded.
    pub sources: Vec<PackageSource>,
    /// Who reviewed, as the report names them.
    pub reviewer: String,
    /// When the package is built (also the date of every zip entry).
    pub built_at: DateTime<Utc>,
}

/// A package written to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageReport {
    /// The zip file.
    pub path: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
    /// Each file in it (manifest included): name, SHA-256 in hex, size.
    pub files: Vec<(String, String, u64)>,
    /// Findings in the package.
    pub included: u64,
    /// Findings the DPO excluded (left out).
    pub excluded: u64,
    /// Findings nobody decided (left out too).
    pub undecided: u64,
    /// Redactions applied to the included findings.
    pub redactions: u64,
}

/// Build the package for `input` in the folder `out` (made if needed); see the module docs.
///
/// Errors: [`crate::Error::Package`] when the folder or the file cannot be written; nothing is
/// left in `out` then.
pub fn build_package(input: &PackageInput, out: &Path) -> Result<PackageReport> {
    let content = content::Content::of(input);
    let mut files = vec![
        ("findings.json".to_string(), content.findings_json()),
        (
            report::file_name(input.request.language).to_string(),
            report::html(&content),
        ),
    ];
    files.extend(content.csv_files());
    let manifest = manifest::manifest(&files, input.built_at);
    files.push((manifest::MANIFEST.to_string(), manifest));

    let prefix = format!("passerelle-dsar-{}", input.request.id);
    let written = write::write_zip(out, &prefix, &files, input.built_at)?;
    tracing::debug!(
        request = input.request.id,
        included = content.counts.included,
        bytes = written.bytes,
        "evidence package written"
    );
    Ok(PackageReport {
        path: written.path,
        bytes: written.bytes,
        sha256: written.sha256,
        files: files
            .iter()
            .map(|(name, data)| (name.clone(), manifest::sha256_hex(data), data.len() as u64))
            .collect(),
        included: content.counts.included,
        excluded: content.counts.excluded(),
        undecided: content.counts.undecided,
        redactions: content.counts.redactions,
    })
}
