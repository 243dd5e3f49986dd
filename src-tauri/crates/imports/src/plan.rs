//! Plans: every source row classified against the current Dastra records, before any write.
//!
//! # Matching
//!
//! A source row is matched with the Dastra records whose key field (the profile's
//! [`MatchKey::target`](passerelle_mapping::MatchKey), such as the asset `ref`) equals the
//! row's key once both are trimmed and lowercased ([`normalize_key`]): `CI01101 ` in a CMDB
//! export matches `ci01101` in Dastra. The key itself is never rewritten by an update, so a
//! record matched despite a different spelling keeps Dastra's. Dastra records without a key
//! value were not made by an import of this kind and are left out of the plan.
//!
//! # Classes
//!
//! - [`RowClass::Invalid`]: the mapped record has problems (they come from
//!   [`Profile::map_record`]); it stays in the plan so the DPO sees every row.
//! - [`RowClass::Conflict`]: the key is on several source rows (every one of them is a
//!   conflict: none is preferred silently), or on several Dastra records.
//! - [`RowClass::Create`]: no Dastra record has the key.
//! - [`RowClass::Update`]: one record has it, and some mapped field differs; each change is
//!   listed before → after. Only fields the profile maps are compared, and a field empty in the
//!   source is absent from the mapped body, so it never clears a value in Dastra.
//! - [`RowClass::Unchanged`]: one record has it, and every mapped field already holds.
//! - [`RowClass::Missing`]: a Dastra record whose key no source row has, with the action of the
//!   profile's [`MissingPolicy`].
//!
//! A mapped value "already holds" when it equals Dastra's, with two allowances for how Dastra
//! answers: an object (a tag, an area) holds when each of its members holds in Dastra's object,
//! which may carry more; numbers compare by value (`1` and `1.0`). Arrays hold when they have the
//! same length and each mapped element holds in some element of Dastra's.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{DateTime, Utc};
use passerelle_audit::{AuditEvent, Count};
use passerelle_dastra::DastraClient;
use passerelle_mapping::{Entity, LookupTable, MissingPolicy, Problem, Profile, SourceRow};
use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::fetch::for_each_lean_page;
use crate::fingerprint::Fingerprint;
use crate::lean::Lean;
use crate::{Error, Result};

/// The plan format this build writes, and the newest it reads.
pub const PLAN_VERSION: u32 = 1;

/// How a plan is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanOptions {
    /// Records read per list page (Dastra serves at most 500).
    pub page_size: u32,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions { page_size: 500 }
    }
}

/// A plan: what an import would do, row by row, and what each row was computed against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// The format version ([`PLAN_VERSION`] when written by this build).
    pub version: u32,
    /// The plan's id (a UUID), under which its rows are journaled when applied.
    pub id: String,
    /// The id of the profile the plan was made with.
    pub profile_id: String,
    /// The target entity.
    pub entity: Entity,
    /// The Dastra field matched on (`ref`).
    pub key_field: String,
    /// When the Dastra records were read.
    pub created_at: DateTime<Utc>,
    /// Rows per class.
    pub summary: PlanSummary,
    /// What the DPO must know before applying, beyond the rows' classes (absent from plans
    /// written before warnings existed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<PlanWarning>,
    /// Source rows in source order, then the Dastra records missing from the source.
    pub rows: Vec<PlanRow>,
}

/// Something a plan does not do although its profile asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum PlanWarning {
    /// The profile's policy for records missing from the source cannot be carried out on the
    /// plan's entity through Dastra's API (Dastra archives contracts only, and tags assets and
    /// actors only): the missing records are left as they are
    /// ([`MissingAction::Unsupported`]).
    MissingPolicyUnsupported {
        /// The policy asked for: `archive` or `tag`.
        policy: String,
        /// The target entity.
        entity: Entity,
        /// How many Dastra records are missing from the source.
        missing: u64,
    },
}

impl PlanWarning {
    /// What is wrong and what to do, for the screen.
    pub fn message(&self) -> String {
        match self {
            PlanWarning::MissingPolicyUnsupported {
                policy,
                entity,
                missing,
            } => {
                let can = match policy.as_str() {
                    "archive" => "Dastra archives contracts only",
                    _ => "Dastra tags assets and actors only",
                };
                let instead = match entity {
                    Entity::Asset | Entity::Actor => "choose « tag » to mark them for review",
                    _ => "choose « ignore »",
                };
                format!(
                    "the profile asks to {policy} the records missing from the source, and {can}: \
                     the {missing} {entity} record(s) missing from the source will be left as \
                     they are; {instead}, or deal with them in Dastra"
                )
            }
        }
    }
}

/// One row of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanRow {
    /// The source row it comes from; `None` for a record missing from the source.
    pub source_row: Option<u64>,
    /// The key: as the source gives it, or as Dastra spells it for a missing record.
    pub key: Option<String>,
    /// The Dastra record it was matched with, when exactly one was.
    pub target: Option<TargetRecord>,
    /// The mapped body (Dastra property names); empty for a missing record.
    pub values: Map<String, Value>,
    /// What applying the row would do.
    pub class: RowClass,
}

/// The Dastra record a row was computed against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetRecord {
    /// Its id, as Dastra writes it (a number, or a UUID string).
    pub id: Value,
    /// Its fingerprint when it was read.
    pub fingerprint: Fingerprint,
}

/// What applying a row would do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "class", rename_all = "camelCase")]
pub enum RowClass {
    /// Create a new record with the row's values.
    Create,
    /// Write the changed fields of the matched record.
    Update {
        /// The fields that differ, in profile order.
        changes: Vec<FieldChange>,
    },
    /// Nothing: the matched record already holds every mapped value.
    Unchanged,
    /// Nothing until the DPO resolves it.
    Conflict {
        /// Why the row cannot be matched with one record.
        reason: ConflictReason,
    },
    /// Nothing until the source is fixed.
    Invalid {
        /// What to fix, each naming the row and column.
        problems: Vec<Problem>,
    },
    /// A Dastra record the source does not have.
    Missing {
        /// What the profile's policy does with it.
        action: MissingAction,
    },
}

/// One field an update changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    /// The Dastra property.
    pub field: String,
    /// Its value in Dastra (`null` when absent).
    pub before: Value,
    /// The value the import writes.
    pub after: Value,
}

/// Why a row could not be matched with exactly one Dastra record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ConflictReason {
    /// Several source rows have the same key.
    DuplicateInSource {
        /// The source rows with this key, this one included.
        rows: Vec<u64>,
    },
    /// Several Dastra records have the key.
    SeveralInDastra {
        /// Their ids.
        ids: Vec<Value>,
    },
    /// A look-up found several Dastra records with the name (the row's only problems).
    AmbiguousLookup {
        /// One per ambiguous look-up, naming the column and the records.
        problems: Vec<Problem>,
    },
}

impl ConflictReason {
    /// What is wrong and how to fix it, for the screen.
    pub fn message(&self, key_field: &str) -> String {
        match self {
            ConflictReason::DuplicateInSource { rows } => format!(
                "source rows {} have the same key: keep one row per « {key_field} » in the source",
                join(rows.iter())
            ),
            ConflictReason::SeveralInDastra { ids } => format!(
                "Dastra records {} have this « {key_field} »: give them distinct values in \
                 Dastra, or archive the extra ones",
                join(ids.iter())
            ),
            ConflictReason::AmbiguousLookup { problems } => {
                let each: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                each.join("; ")
            }
        }
    }
}

fn join<T: std::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

/// What is done with a Dastra record the source does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum MissingAction {
    /// Nothing.
    Ignore,
    /// Add the tag with this label.
    Tag {
        /// The tag's label (`servicenow-todelete`).
        label: String,
    },
    /// Archive it.
    Archive,
    /// Nothing: the profile's policy cannot be carried out on this entity (see
    /// [`PlanWarning::MissingPolicyUnsupported`]).
    Unsupported {
        /// The policy asked for: `archive` or `tag`.
        policy: String,
    },
}

/// Rows per class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    /// Rows to create.
    pub create: u64,
    /// Rows to update.
    pub update: u64,
    /// Rows already up to date.
    pub unchanged: u64,
    /// Rows in conflict.
    pub conflict: u64,
    /// Invalid rows.
    pub invalid: u64,
    /// Dastra records missing from the source.
    pub missing: u64,
}

impl PlanSummary {
    /// `event` with the counts the audit log keeps of a plan: the source `records` read; the
    /// rows to create, to update and already up to date; the rows that cannot be written
    /// (invalid or in conflict), as failed. The command line and the window record the same
    /// counts.
    pub fn audit_counts(&self, event: AuditEvent, records: u64) -> AuditEvent {
        event
            .count(Count::Records, records)
            .count(Count::Created, self.create)
            .count(Count::Updated, self.update)
            .count(Count::Unchanged, self.unchanged)
            .count(Count::Failed, self.invalid + self.conflict)
    }

    /// The counts of `rows`.
    pub fn of(rows: &[PlanRow]) -> PlanSummary {
        let mut s = PlanSummary::default();
        for row in rows {
            let count = match row.class {
                RowClass::Create => &mut s.create,
                RowClass::Update { .. } => &mut s.update,
                RowClass::Unchanged => &mut s.unchanged,
                RowClass::Conflict { .. } => &mut s.conflict,
                RowClass::Invalid { .. } => &mut s.invalid,
                RowClass::Missing { .. } => &mut s.missing,
            };
            *count += 1;
        }
        s
    }
}

/// The first line of a sealed plan file.
const SEALED_HEADER: &[u8] = b"passerelle sealed import plan v1\n";

/// The plan's JSON bytes sealed per part, at most.
const SEALED_PART: usize = 1 << 20;

/// The bytes in front of each part's data, inside its seal: the file's id, the part's index,
/// and whether it is the last.
const PART_PREFIX: usize = 16 + 8 + 1;

/// Seals what is written to it part by part onto `out` (see [`Plan::write_sealed`]).
struct PartSealer<'a, W: std::io::Write> {
    out: W,
    key: &'a passerelle_discovery::SealKey,
    file: [u8; 16],
    index: u64,
    data: Vec<u8>,
}

impl<W: std::io::Write> PartSealer<'_, W> {
    fn seal_part(&mut self, last: bool) -> std::io::Result<()> {
        let mut plain = Vec::with_capacity(PART_PREFIX + self.data.len());
        plain.extend_from_slice(&self.file);
        plain.extend_from_slice(&self.index.to_le_bytes());
        plain.push(u8::from(last));
        plain.append(&mut self.data);
        let sealed = self.key.seal(&plain);
        let length = u32::try_from(sealed.len()).expect("a part is far below 4 GiB");
        self.out.write_all(&length.to_le_bytes())?;
        self.out.write_all(&sealed)?;
        self.index += 1;
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for PartSealer<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.data.extend_from_slice(bytes);
        if self.data.len() >= SEALED_PART {
            self.seal_part(false)?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

impl Plan {
    /// Write the plan as a sealed plan file onto `out`: a first line saying what the file is
    /// (`passerelle sealed import plan v1`), then the plan's compact JSON in parts of at most
    /// 1 MiB, each encrypted and authenticated with `key` ([`SealKey::seal`], the findings key,
    /// as for the journal) as it is written, so that no sealed copy of the whole plan is held.
    /// Each part's seal also holds the file's random id, the part's index and whether it is
    /// the last one, so that parts dropped, reordered, cut off or taken from another plan
    /// file are refused when it is read ([`Plan::from_file_bytes`]).
    ///
    /// [`SealKey::seal`]: passerelle_discovery::SealKey::seal
    pub fn write_sealed(
        &self,
        key: &passerelle_discovery::SealKey,
        mut out: impl std::io::Write,
    ) -> std::io::Result<()> {
        out.write_all(SEALED_HEADER)?;
        let mut sealer = PartSealer {
            out,
            key,
            file: *uuid::Uuid::new_v4().as_bytes(),
            index: 0,
            data: Vec::with_capacity(SEALED_PART + 64 * 1024),
        };
        serde_json::to_writer(&mut sealer, self).map_err(std::io::Error::other)?;
        sealer.seal_part(true)?;
        sealer.out.flush()
    }

    /// [`Plan::write_sealed`] into memory.
    pub fn to_sealed(&self, key: &passerelle_discovery::SealKey) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_sealed(key, &mut out)
            .expect("BUG: writing into memory does not fail");
        out
    }

    /// Whether `bytes` are (the start of) a sealed plan file.
    pub fn is_sealed(bytes: &[u8]) -> bool {
        !bytes.is_empty() && (bytes.starts_with(SEALED_HEADER) || SEALED_HEADER.starts_with(bytes))
    }

    /// Read a plan file, sealed ([`Plan::write_sealed`], opened with `key`) or in clear
    /// ([`Plan::to_json`]).
    ///
    /// Errors: a sealed plan that `key` cannot open, or whose parts were altered, reordered
    /// or mixed with another file's ([`Error::PlanUnsealable`]), one cut short
    /// ([`Error::PlanTruncated`]), no key for a sealed plan, a file that is neither
    /// ([`Error::PlanNotAPlan`]), and the errors of [`Plan::from_json`].
    pub fn from_file_bytes(
        bytes: &[u8],
        key: Option<&passerelle_discovery::SealKey>,
    ) -> Result<Plan> {
        if !Plan::is_sealed(bytes) {
            let text = std::str::from_utf8(bytes).map_err(|_| Error::PlanNotAPlan)?;
            if !text.trim_start().starts_with('{') {
                return Err(Error::PlanNotAPlan);
            }
            return Plan::from_json(text);
        }
        let truncated = Error::PlanTruncated {
            found: bytes.len() as u64,
        };
        let Some(mut rest) = bytes.strip_prefix(SEALED_HEADER) else {
            return Err(truncated);
        };
        let key = key.ok_or(Error::PlanSealedNoKey)?;
        let mut json = Vec::new();
        let mut file: Option<[u8; 16]> = None;
        for index in 0u64.. {
            let Some((length, after)) = rest.split_first_chunk::<4>() else {
                return Err(truncated);
            };
            let length = u32::from_le_bytes(*length) as usize;
            if after.len() < length {
                return Err(truncated);
            }
            let (sealed, after) = after.split_at(length);
            let plain = key.open(sealed).map_err(|_| Error::PlanUnsealable)?;
            if plain.len() < PART_PREFIX {
                return Err(Error::PlanUnsealable);
            }
            let (prefix, data) = plain.split_at(PART_PREFIX);
            let id: [u8; 16] = prefix[..16].try_into().expect("16 bytes");
            let at = u64::from_le_bytes(prefix[16..24].try_into().expect("8 bytes"));
            if *file.get_or_insert(id) != id || at != index {
                return Err(Error::PlanUnsealable);
            }
            json.extend_from_slice(data);
            rest = after;
            match prefix[24] {
                0 => {}
                1 if rest.is_empty() => break,
                _ => return Err(Error::PlanUnsealable),
            }
        }
        let text = std::str::from_utf8(&json).map_err(|_| Error::PlanNotAPlan)?;
        Plan::from_json(text)
    }

    /// The plan as pretty-printed JSON, as written to a plan file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("BUG: a plan always serialises")
    }

    /// Read a plan file. Errors: not JSON, no `version`, a version newer than
    /// [`PLAN_VERSION`], or not shaped like a plan.
    pub fn from_json(text: &str) -> Result<Plan> {
        let raw: Value = serde_json::from_str(text)?;
        match raw.get("version").map(Value::as_u64) {
            None => return Err(Error::PlanNoVersion),
            Some(Some(v)) if v > u64::from(PLAN_VERSION) => {
                return Err(Error::PlanNewerVersion {
                    found: v,
                    supported: PLAN_VERSION,
                })
            }
            _ => {}
        }
        Ok(serde_json::from_value(raw)?)
    }
}

/// The form keys are compared in: trimmed, lowercased.
pub fn normalize_key(key: &str) -> String {
    key.trim().to_lowercase()
}

/// Map and validate every row, read the current records of the profile's target (paged), and
/// classify each row (see the module docs).
///
/// Each page of records is reduced to what the plan reads ([`CurrentRecords`]) as it arrives,
/// so that the whole of Dastra's records is never held in memory at once.
///
/// Errors: only Dastra failures while listing; every problem of a row is a class of the plan.
pub async fn plan_import(
    client: &DastraClient,
    profile: &Profile,
    rows: &[SourceRow],
    lookups: &dyn LookupTable,
    options: &PlanOptions,
) -> Result<Plan> {
    let mut current = CurrentRecords::new(profile);
    for_each_lean_page(client, profile.target, options.page_size, |page| {
        current.extend_lean(page)
    })
    .await?;
    let mut builder = PlanBuilder::new(profile, lookups);
    for row in rows {
        builder.push(row);
    }
    let plan = builder.finish(current, Utc::now());
    tracing::debug!(profile = %profile.id, summary = ?plan.summary, "planned");
    Ok(plan)
}

/// [`plan_import`] on a source read row by row ([`crate::open_source`]): each row is mapped
/// and validated as it is read, then dropped, so that only the plan's rows are held, never
/// the source's; then the current records are read page by page, each reduced as it arrives
/// ([`CurrentRecords`]), and every row classified.
///
/// Call [`SourceStream::check_profile`](crate::SourceStream::check_profile) first: a column
/// the source lacks would make every row invalid.
///
/// Errors: the source failing while its rows are read ([`Error::Source`]: nothing of it is
/// planned), or Dastra failures while listing.
pub async fn plan_source(
    client: &DastraClient,
    profile: &Profile,
    source: crate::SourceStream,
    lookups: &dyn LookupTable,
    options: &PlanOptions,
) -> Result<Plan> {
    let mut builder = PlanBuilder::new(profile, lookups);
    let read = source.for_each_row(|row| builder.push(&row)).await?;
    let mut current = CurrentRecords::new(profile);
    for_each_lean_page(client, profile.target, options.page_size, |page| {
        current.extend_lean(page)
    })
    .await?;
    let plan = builder.finish(current, Utc::now());
    tracing::debug!(profile = %profile.id, rows = read, summary = ?plan.summary, "planned");
    Ok(plan)
}

/// [`plan_import`] on records already read: the classification alone, without I/O.
pub fn plan_records(
    profile: &Profile,
    rows: &[SourceRow],
    lookups: &dyn LookupTable,
    current: &[Value],
    created_at: DateTime<Utc>,
) -> Plan {
    let mut reduced = CurrentRecords::new(profile);
    reduced.extend(current);
    let mut builder = PlanBuilder::new(profile, lookups);
    for row in rows {
        builder.push(row);
    }
    builder.finish(reduced, created_at)
}

/// The current Dastra records of a plan, each reduced to what a plan reads: its id, its key,
/// its [`Fingerprint`] and the fields the profile maps. Filled page by page with
/// [`CurrentRecords::extend`]; [`plan_current`] classifies rows against it.
#[derive(Debug, Clone)]
pub struct CurrentRecords {
    key_field: String,
    fields: Vec<String>,
    /// Per record: its key as Dastra spells it and normalised, when it has one.
    keys: Vec<Option<(String, String)>>,
    /// Per record: its id and fingerprint.
    targets: Vec<TargetRecord>,
    /// Per record: the mapped fields it has, by position in `fields`.
    values: Vec<Box<[(u16, Held)]>>,
}

/// A Dastra value kept for comparison: most are text, kept without the room of a `Value`.
#[derive(Debug, Clone)]
enum Held {
    Text(Box<str>),
    Other(Box<Value>),
}

impl Held {
    fn of(value: &Value) -> Held {
        match value {
            Value::String(s) => Held::Text(s.as_str().into()),
            other => Held::Other(Box::new(other.clone())),
        }
    }

    fn from(value: Value) -> Held {
        match value {
            Value::String(s) => Held::Text(s.into_boxed_str()),
            other => Held::Other(Box::new(other)),
        }
    }

    fn value(&self) -> Value {
        match self {
            Held::Text(s) => Value::String(s.to_string()),
            Held::Other(v) => (**v).clone(),
        }
    }

    /// [`holds`] against this value.
    fn holds(&self, mapped: &Value) -> bool {
        match self {
            Held::Text(s) => matches!(mapped, Value::String(m) if **m == **s),
            Held::Other(v) => holds(mapped, v),
        }
    }
}

impl CurrentRecords {
    /// No records yet, for `profile`'s key and mapped fields.
    pub fn new(profile: &Profile) -> CurrentRecords {
        CurrentRecords {
            key_field: profile.key.target.clone(),
            fields: profile.fields.iter().map(|m| m.target.clone()).collect(),
            keys: Vec::new(),
            targets: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Add `records`, in Dastra's order.
    pub fn extend<'a>(&mut self, records: impl IntoIterator<Item = &'a Value>) {
        for record in records {
            let key = key_of(record, &self.key_field).map(|k| {
                let normal = normalize_key(&k);
                (k, normal)
            });
            let values: Box<[(u16, Held)]> = self
                .fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((i as u16, Held::of(record.get(f)?))))
                .collect();
            self.keys.push(key);
            self.targets.push(target_of(record));
            self.values.push(values);
        }
    }

    /// [`CurrentRecords::extend`] with records given away, such as a page just read: what is
    /// kept is moved out of them rather than copied.
    pub fn extend_owned(&mut self, records: impl IntoIterator<Item = Value>) {
        for mut record in records {
            let fingerprint = Fingerprint::of(&record);
            let key = match record.get_mut(&self.key_field) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(std::mem::take(s)),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            }
            .map(|k| {
                let normal = normalize_key(&k);
                (k, normal)
            });
            let values: Box<[(u16, Held)]> = self
                .fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((i as u16, Held::from(record.get_mut(f)?.take()))))
                .collect();
            let id = record.get_mut("id").map_or(Value::Null, Value::take);
            self.keys.push(key);
            self.targets.push(TargetRecord { id, fingerprint });
            self.values.push(values);
        }
    }

    /// Add a page of records given as JSON text (an array of records, as a list's `items`),
    /// decoded into a lighter form than `Value`s and reduced at once. Errors: not a JSON array.
    pub fn extend_from_json(&mut self, page: &[u8]) -> serde_json::Result<usize> {
        /// Each record reduced as soon as it is read, without a list of the page's records.
        struct Page<'a>(&'a mut CurrentRecords);
        impl<'de> DeserializeSeed<'de> for Page<'_> {
            type Value = usize;
            fn deserialize<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> std::result::Result<usize, D::Error> {
                d.deserialize_seq(self)
            }
        }
        impl<'de> Visitor<'de> for Page<'_> {
            type Value = usize;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an array of records")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<usize, A::Error> {
                let mut n = 0;
                while let Some(record) = seq.next_element::<Lean>()? {
                    self.0.push_lean(record);
                    n += 1;
                }
                Ok(n)
            }
        }
        let mut de = serde_json::Deserializer::from_slice(page);
        let n = Page(self).deserialize(&mut de)?;
        de.end()?;
        Ok(n)
    }

    pub(crate) fn extend_lean(&mut self, records: Vec<Lean>) {
        for record in records {
            self.push_lean(record);
        }
    }

    fn push_lean(&mut self, mut record: Lean) {
        {
            let fingerprint = Fingerprint::of_lean(&record);
            let key = match record.take(&self.key_field) {
                Some(Lean::String(s)) if !s.trim().is_empty() => Some(s),
                Some(Lean::Number(n)) => Some(n.to_string()),
                _ => None,
            }
            .map(|k| {
                let normal = normalize_key(&k);
                (k, normal)
            });
            let values: Box<[(u16, Held)]> = self
                .fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| {
                    let held = match record.take(f)? {
                        Lean::String(s) => Held::Text(s.into_boxed_str()),
                        other => Held::Other(Box::new(other.into_value())),
                    };
                    Some((i as u16, held))
                })
                .collect();
            let id = record.take("id").map_or(Value::Null, Lean::into_value);
            self.keys.push(key);
            self.targets.push(TargetRecord { id, fingerprint });
            self.values.push(values);
        }
    }

    /// How many records were added.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether none was.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }
}

/// The positions at which a key was found: most keys once, so without a list.
enum Hits<T> {
    One(T),
    Many(Vec<T>),
}

impl<T: Copy> Hits<T> {
    fn add(&mut self, hit: T) {
        match self {
            Hits::One(first) => *self = Hits::Many(vec![*first, hit]),
            Hits::Many(all) => all.push(hit),
        }
    }

    fn as_slice(&self) -> &[T] {
        match self {
            Hits::One(one) => std::slice::from_ref(one),
            Hits::Many(all) => all,
        }
    }
}

/// A key → positions index, sized for `capacity` keys.
fn index<'a, T: Copy>(
    capacity: usize,
    pairs: impl Iterator<Item = (&'a str, T)>,
) -> KeyMap<'a, Hits<T>> {
    let mut map: KeyMap<'a, Hits<T>> =
        HashMap::with_capacity_and_hasher(capacity, Default::default());
    for (key, hit) in pairs {
        match map.entry(key) {
            Entry::Occupied(mut e) => e.get_mut().add(hit),
            Entry::Vacant(e) => {
                e.insert(Hits::One(hit));
            }
        }
    }
    map
}

/// A map on keys, with a hasher quicker than the default on short texts. Keys come from the
/// DPO's own source and Dastra records, not from an adversary, so flooding is not a concern.
type KeyMap<'a, T> = HashMap<&'a str, T, BuildHasherDefault<KeyHasher>>;

/// A multiply-rotate hash, eight bytes at a time (as in rustc's `FxHasher`), mixed at the end.
#[derive(Default, Clone, Copy)]
struct KeyHasher(u64);

impl KeyHasher {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 56));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        // A multiply only carries bits upwards, and the table picks buckets with the low bits:
        // mix the high bits down (MurmurHash3's finaliser), or keys differing only in their
        // last characters (`CI00101`, `CI00102`) would all share a bucket.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// [`plan_records`] on records already reduced.
pub fn plan_current(
    profile: &Profile,
    rows: &[SourceRow],
    lookups: &dyn LookupTable,
    current: CurrentRecords,
    created_at: DateTime<Utc>,
) -> Plan {
    let mut builder = PlanBuilder::new(profile, lookups);
    for row in rows {
        builder.push(row);
    }
    builder.finish(current, created_at)
}

/// A plan made one source row at a time, so that a reader can hand rows over as it reads them
/// and drop each one: each row is mapped and validated by [`PlanBuilder::push`], and matched
/// and classified against the current records by [`PlanBuilder::finish`] (matching needs every
/// key of the source first). [`plan_current`] is the same on rows already read.
pub struct PlanBuilder<'a> {
    profile: &'a Profile,
    lookups: &'a dyn LookupTable,
    /// The rows so far, the invalid ones already classified.
    rows: Vec<PlanRow>,
    /// Each row's normalised key, when it has one (invalid rows included: they are in the
    /// source, so their key is neither a create elsewhere nor missing).
    keys: Vec<Option<String>>,
}

impl<'a> PlanBuilder<'a> {
    /// No rows yet.
    pub fn new(profile: &'a Profile, lookups: &'a dyn LookupTable) -> PlanBuilder<'a> {
        PlanBuilder {
            profile,
            lookups,
            rows: Vec::new(),
            keys: Vec::new(),
        }
    }

    /// Map and validate one more row.
    pub fn push(&mut self, row: &SourceRow) {
        let record = self.profile.map_record(row, self.lookups);
        let key = record.key.as_deref().map(normalize_key);
        let ambiguous = !record.problems.is_empty()
            && record
                .problems
                .iter()
                .all(|p| p.kind == passerelle_mapping::ProblemKind::AmbiguousLookup);
        let class = if key.is_some() && record.problems.is_empty() {
            RowClass::Unchanged // for now: classified by `finish`
        } else if key.is_some() && ambiguous {
            let reason = ConflictReason::AmbiguousLookup {
                problems: record.problems,
            };
            RowClass::Conflict { reason }
        } else {
            RowClass::Invalid {
                problems: record.problems,
            }
        };
        self.rows.push(PlanRow {
            source_row: Some(record.row),
            key: record.key,
            target: None,
            values: record.values,
            class,
        });
        self.keys.push(key);
    }

    /// Classify every row against `current`, and add the records missing from the source.
    pub fn finish(self, current: CurrentRecords, created_at: DateTime<Utc>) -> Plan {
        let PlanBuilder {
            profile,
            mut rows,
            keys,
            ..
        } = self;
        let key_field = profile.key.target.as_str();
        let in_source = index(
            rows.len(),
            rows.iter()
                .zip(&keys)
                .filter_map(|(r, k)| Some((k.as_deref()?, r.source_row.unwrap_or_default()))),
        );
        let CurrentRecords {
            fields: names,
            keys: dastra_keys,
            targets,
            values,
            ..
        } = current;
        let in_dastra = index(
            dastra_keys.len(),
            dastra_keys
                .iter()
                .enumerate()
                .filter_map(|(i, k)| Some((k.as_ref()?.1.as_str(), i))),
        );
        let fields: Vec<usize> = names
            .iter()
            .enumerate()
            .filter(|(_, f)| f.as_str() != key_field)
            .map(|(i, _)| i)
            .collect();
        let mut targets: Vec<Option<TargetRecord>> = targets.into_iter().map(Some).collect();
        let mut context = Context {
            names: &names,
            fields: &fields,
            targets: &mut targets,
            values: &values,
            in_source: &in_source,
            in_dastra: &in_dastra,
        };
        for (row, key) in rows.iter_mut().zip(&keys) {
            if let (Some(key), RowClass::Unchanged) = (key, &row.class) {
                context.classify(row, key);
            }
        }
        let action = missing_action(profile);
        let before = rows.len();
        for (i, key) in dastra_keys.iter().enumerate() {
            let Some((key, normal)) = key else {
                continue;
            };
            if in_source.contains_key(normal.as_str()) {
                continue;
            }
            rows.push(PlanRow {
                source_row: None,
                key: Some(key.clone()),
                target: targets[i].take(),
                values: Map::new(),
                class: RowClass::Missing {
                    action: action.clone(),
                },
            });
        }

        let mut warnings = Vec::new();
        if let MissingAction::Unsupported { policy } = &action {
            warnings.push(PlanWarning::MissingPolicyUnsupported {
                policy: policy.clone(),
                entity: profile.target,
                missing: (rows.len() - before) as u64,
            });
        }
        Plan {
            version: PLAN_VERSION,
            id: uuid::Uuid::new_v4().to_string(),
            profile_id: profile.id.clone(),
            entity: profile.target,
            key_field: key_field.to_owned(),
            created_at,
            summary: PlanSummary::of(&rows),
            warnings,
            rows,
        }
    }
}

/// What classifying a row looks at.
struct Context<'a> {
    /// The mapped fields' names.
    names: &'a [String],
    /// The positions of the mapped fields compared (the key left out).
    fields: &'a [usize],
    /// Each Dastra record's id and fingerprint, taken by the one row matched with it.
    targets: &'a mut [Option<TargetRecord>],
    values: &'a [Box<[(u16, Held)]>],
    in_source: &'a KeyMap<'a, Hits<u64>>,
    in_dastra: &'a KeyMap<'a, Hits<usize>>,
}

impl Context<'_> {
    /// Classify a valid row whose normalised key is `key`.
    fn classify(&mut self, row: &mut PlanRow, key: &str) {
        let rows = self.in_source[key].as_slice();
        if rows.len() > 1 {
            let reason = ConflictReason::DuplicateInSource {
                rows: rows.to_vec(),
            };
            row.class = RowClass::Conflict { reason };
            return;
        }
        row.class = match self.in_dastra.get(key).map(Hits::as_slice) {
            None | Some([]) => RowClass::Create,
            Some([one]) => {
                // A key once in the source and once in Dastra: this row is the record's only
                // match, so it takes its target.
                let changes = self.changes(&row.values, &self.values[*one]);
                row.target = self.targets[*one].take();
                if changes.is_empty() {
                    RowClass::Unchanged
                } else {
                    RowClass::Update { changes }
                }
            }
            Some(many) => RowClass::Conflict {
                reason: ConflictReason::SeveralInDastra {
                    ids: many
                        .iter()
                        .map(|i| {
                            self.targets[*i]
                                .as_ref()
                                .map_or(Value::Null, |t| t.id.clone())
                        })
                        .collect(),
                },
            },
        };
    }

    /// The mapped fields whose value does not already hold in Dastra's, in profile order.
    fn changes(&self, values: &Map<String, Value>, current: &[(u16, Held)]) -> Vec<FieldChange> {
        self.fields
            .iter()
            .filter_map(|i| {
                let field = &self.names[*i];
                let after = values.get(field)?;
                let before = current.iter().find(|(j, _)| usize::from(*j) == *i);
                let holds = match before {
                    Some((_, held)) => held.holds(after),
                    None => holds(after, &Value::Null),
                };
                (!holds).then(|| FieldChange {
                    field: field.clone(),
                    before: before.map_or(Value::Null, |(_, held)| held.value()),
                    after: after.clone(),
                })
            })
            .collect()
    }
}

/// The mapped fields whose value does not already hold in `current`, the key left out (for a
/// row classified again against records read later, as [`crate::resolve`] does).
pub(crate) fn changes(
    values: &Map<String, Value>,
    current: &Value,
    key_field: &str,
) -> Vec<FieldChange> {
    values
        .iter()
        .filter(|(field, _)| field.as_str() != key_field)
        .filter_map(|(field, after)| {
            let before = current.get(field).cloned().unwrap_or(Value::Null);
            (!holds(after, &before)).then(|| FieldChange {
                field: field.clone(),
                before,
                after: after.clone(),
            })
        })
        .collect()
}

/// Whether the mapped value `mapped` already holds in Dastra's `current` (module docs).
pub(crate) fn holds(mapped: &Value, current: &Value) -> bool {
    match (mapped, current) {
        (Value::Object(m), Value::Object(c)) => m
            .iter()
            .all(|(k, v)| holds(v, c.get(k).unwrap_or(&Value::Null))),
        (Value::Array(m), Value::Array(c)) => {
            m.len() == c.len() && m.iter().all(|v| c.iter().any(|w| holds(v, w)))
        }
        (Value::Number(m), Value::Number(c)) => m == c || m.as_f64() == c.as_f64(),
        _ => mapped == current,
    }
}

/// A Dastra record's key, as text: a string trimmed non-empty, or a number written out.
pub(crate) fn key_of(record: &Value, key_field: &str) -> Option<String> {
    match record.get(key_field)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

pub(crate) fn target_of(record: &Value) -> TargetRecord {
    TargetRecord {
        id: record.get("id").cloned().unwrap_or(Value::Null),
        fingerprint: Fingerprint::of(record),
    }
}

/// The action of the profile's policy on its entity: Dastra archives contracts only, and tags
/// assets and actors only (see [`crate::apply`]).
fn missing_action(profile: &Profile) -> MissingAction {
    let taggable = matches!(profile.target, Entity::Asset | Entity::Actor);
    let archivable = profile.target == Entity::Contract;
    let unsupported = |policy: &str| MissingAction::Unsupported {
        policy: policy.to_owned(),
    };
    match (&profile.missing, profile.missing_tag_label()) {
        (MissingPolicy::Tag { .. }, Some(label)) if taggable => MissingAction::Tag { label },
        (MissingPolicy::Tag { .. }, _) => unsupported("tag"),
        (MissingPolicy::Archive, _) if archivable => MissingAction::Archive,
        (MissingPolicy::Archive, _) => unsupported("archive"),
        _ => MissingAction::Ignore,
    }
}

#[cfg(test)]
mod tests {
    use passerelle_mapping::NoLookups;
    use serde_json::json;

    use super::*;

    fn profile(missing: &str) -> Profile {
        Profile::from_json(&format!(
            r#"{{
              "version": 1, "id": "cmdb", "name": "CMDB",
              "source": {{ "name": "cmdb", "kind": "csv" }}, "target": "asset",
              "key": {{ "column": "number", "target": "ref" }},
              "fields": [
                {{ "target": "label", "column": "name" }},
                {{ "target": "description", "column": "notes" }},
                {{ "target": "type", "transforms": [{{ "op": "constant", "value": "Software" }}] }}
              ],
              "missing": {missing}
            }}"#
        ))
        .expect("a valid profile")
    }

    /// The plan of `rows` against `current`, each record a `Software` asset.
    fn plan(profile: &Profile, rows: &[SourceRow], current: &[Value]) -> Plan {
        let mut current = current.to_vec();
        for record in &mut current {
            record["type"] = json!("Software");
        }
        plan_records(profile, rows, &NoLookups, &current, Utc::now())
    }

    #[test]
    fn keys_match_trimmed_and_whatever_their_case_and_the_key_is_not_rewritten() {
        let current = [json!({"id": 1, "ref": "Ci-7", "label": "Paie"})];
        let rows = [SourceRow::new(1, [("number", "  cI-7 "), ("name", "Paie")])];
        let plan = plan(&profile(r#"{"action": "ignore"}"#), &rows, &current);
        assert_eq!(
            plan.rows[0].class,
            RowClass::Unchanged,
            "{:?}",
            plan.rows[0]
        );
        assert_eq!(plan.rows[0].target.as_ref().map(|t| &t.id), Some(&json!(1)));
    }

    #[test]
    fn an_empty_source_field_never_clears_dastra() {
        let current = [json!({"id": 1, "ref": "A", "label": "Paie", "description": "kept"})];
        let rows = [SourceRow::new(
            1,
            [("number", "A"), ("name", "Paie"), ("notes", "")],
        )];
        let plan = plan(&profile(r#"{"action": "ignore"}"#), &rows, &current);
        assert_eq!(
            plan.rows[0].class,
            RowClass::Unchanged,
            "{:?}",
            plan.rows[0]
        );
    }

    #[test]
    fn an_update_lists_only_the_mapped_fields_that_differ() {
        let current = [json!({"id": 1, "ref": "A", "label": "Paie", "city": "Lyon"})];
        let rows = [SourceRow::new(
            1,
            [("number", "A"), ("name", "Paie"), ("notes", "new")],
        )];
        let plan = plan(&profile(r#"{"action": "ignore"}"#), &rows, &current);
        let expected = vec![FieldChange {
            field: "description".into(),
            before: Value::Null,
            after: json!("new"),
        }];
        assert_eq!(plan.rows[0].class, RowClass::Update { changes: expected });
    }

    #[test]
    fn duplicate_keys_on_either_side_are_conflicts() {
        let current = [
            json!({"id": 1, "ref": "B", "label": "x"}),
            json!({"id": 2, "ref": "b ", "label": "y"}),
        ];
        let rows = [
            SourceRow::new(1, [("number", "A"), ("name", "One")]),
            SourceRow::new(2, [("number", "a"), ("name", "Two")]),
            SourceRow::new(3, [("number", "B"), ("name", "Three")]),
        ];
        let plan = plan(&profile(r#"{"action": "ignore"}"#), &rows, &current);
        let duplicate = ConflictReason::DuplicateInSource { rows: vec![1, 2] };
        for row in &plan.rows[..2] {
            assert_eq!(
                row.class,
                RowClass::Conflict {
                    reason: duplicate.clone()
                }
            );
        }
        let several = ConflictReason::SeveralInDastra {
            ids: vec![json!(1), json!(2)],
        };
        assert_eq!(
            plan.rows[2].class,
            RowClass::Conflict {
                reason: several.clone()
            }
        );
        assert_eq!(
            several.message("ref"),
            "Dastra records 1, 2 have this « ref »: give them distinct values in Dastra, or \
             archive the extra ones"
        );
        assert_eq!(
            plan.rows.len(),
            3,
            "no record is missing: both B records are matched"
        );
    }

    #[test]
    fn records_missing_from_the_source_carry_the_policy_action_and_keyless_ones_are_left_out() {
        let current = [
            json!({"id": 1, "ref": "A", "label": "Paie"}),
            json!({"id": 2, "ref": "GONE", "label": "Old"}),
            json!({"id": 3, "ref": null, "label": "Manual"}),
        ];
        let rows = [SourceRow::new(1, [("number", "A"), ("name", "Paie")])];
        let tagged = plan(&profile(r#"{"action": "tag"}"#), &rows, &current);
        assert_eq!(tagged.rows.len(), 2, "{:?}", tagged.rows);
        assert_eq!(tagged.rows[1].key.as_deref(), Some("GONE"));
        assert_eq!(
            tagged.rows[1].class,
            RowClass::Missing {
                action: MissingAction::Tag {
                    label: "cmdb-todelete".into()
                }
            }
        );
        assert!(tagged.warnings.is_empty(), "{:?}", tagged.warnings);
        let archived = plan(&profile(r#"{"action": "archive"}"#), &rows, &current);
        assert_eq!(
            archived.rows[1].class,
            RowClass::Missing {
                action: MissingAction::Unsupported {
                    policy: "archive".into()
                }
            },
            "Dastra archives contracts only"
        );
        assert_eq!(archived.summary.missing, 1);
        assert_eq!(
            archived.warnings,
            [PlanWarning::MissingPolicyUnsupported {
                policy: "archive".into(),
                entity: Entity::Asset,
                missing: 1,
            }]
        );
    }

    #[test]
    fn an_invalid_row_keeps_its_problems_and_still_counts_as_present() {
        let current = [json!({"id": 1, "ref": "A", "label": "Paie"})];
        let long = "x".repeat(5000);
        let rows = [
            SourceRow::new(1, [("number", "A"), ("name", long.as_str())]),
            SourceRow::new(2, [("name", "no key")]),
        ];
        let plan = plan(&profile(r#"{"action": "archive"}"#), &rows, &current);
        assert_eq!(
            plan.rows.len(),
            2,
            "A is in the source, so not missing: {:?}",
            plan.rows
        );
        for row in &plan.rows {
            assert!(
                matches!(&row.class, RowClass::Invalid { problems } if !problems.is_empty()),
                "{row:?}"
            );
        }
        assert_eq!(plan.summary.invalid, 2);
    }

    #[test]
    fn objects_hold_when_their_members_do_and_numbers_by_value() {
        assert!(holds(&json!({"id": 3}), &json!({"id": 3, "label": "RGPD"})));
        assert!(!holds(&json!({"id": 3}), &json!({"id": 4})));
        assert!(holds(
            &json!([{"id": 1}, {"id": 2}]),
            &json!([{"id": 2}, {"id": 1, "x": 0}])
        ));
        assert!(!holds(&json!([{"id": 1}]), &json!([{"id": 1}, {"id": 2}])));
        assert!(holds(&json!(1), &json!(1.0)));
    }

    #[test]
    fn rows_pushed_one_by_one_against_records_given_away_make_the_same_plan() {
        let profile = profile(r#"{"action": "tag"}"#);
        let mut current = vec![
            json!({"id": 1, "ref": "A", "label": "Paie", "description": "kept"}),
            json!({"id": 2, "ref": "B", "label": "CRM", "dateUpdate": "2026-01-02T03:04:05Z"}),
            json!({"id": 3, "ref": "c", "label": "x"}),
            json!({"id": 4, "ref": " C", "label": "y"}),
            json!({"id": 5, "ref": "GONE", "label": "Old", "tags": [{"id": 9}]}),
            json!({"id": 6, "ref": 42, "label": "Numbered"}),
            json!({"id": 7, "label": "No key"}),
        ];
        for record in &mut current {
            record["type"] = json!("Software");
        }
        let rows = [
            SourceRow::new(1, [("number", "a "), ("name", "Paie"), ("notes", "new")]),
            SourceRow::new(2, [("number", "B"), ("name", "CRM")]),
            SourceRow::new(3, [("number", "C"), ("name", "Three")]),
            SourceRow::new(4, [("number", "D"), ("name", "Four")]),
            SourceRow::new(5, [("number", "d"), ("name", "Five")]),
            SourceRow::new(6, [("number", "42"), ("name", "Numbered")]),
            SourceRow::new(7, [("number", "E")]),
            SourceRow::new(8, [("number", "F"), ("name", "New")]),
        ];
        let expected = plan_records(&profile, &rows, &NoLookups, &current, Utc::now());
        let mut builder = PlanBuilder::new(&profile, &NoLookups);
        for row in &rows {
            builder.push(row);
        }
        let mut reduced = CurrentRecords::new(&profile);
        reduced.extend_owned(current.clone());
        assert_eq!(reduced.len(), 7);
        let plan = builder.finish(reduced, expected.created_at);
        assert_eq!(plan.rows, expected.rows);
        assert_eq!(plan.summary, expected.summary);
        let expected_summary = PlanSummary {
            create: 1,
            update: 1,
            unchanged: 2,
            conflict: 3,
            invalid: 1,
            missing: 1,
        };
        assert_eq!(plan.summary, expected_summary, "{:#?}", plan.rows);
        assert_eq!(
            plan.rows[0].class,
            RowClass::Update {
                changes: vec![FieldChange {
                    field: "description".into(),
                    before: json!("kept"),
                    after: json!("new"),
                }]
            }
        );
        assert_eq!(
            plan.rows[1].target.as_ref().map(|t| &t.fingerprint),
            Some(&Fingerprint::DateUpdate("2026-01-02T03:04:05Z".into()))
        );
        assert_eq!(
            plan.rows[0].target.as_ref().map(|t| &t.fingerprint),
            Some(&Fingerprint::of(&current[0])),
            "records given away are fingerprinted before anything is taken from them"
        );
        assert_eq!(plan.rows[8].key.as_deref(), Some("GONE"));
    }

    #[test]
    fn keys_differing_only_at_the_end_spread_over_the_table() {
        let keys: Vec<String> = (0..4096).map(|i| format!("ci{i:05}")).collect();
        let buckets: std::collections::HashSet<u64> = keys
            .iter()
            .map(|k| {
                let mut h = KeyHasher::default();
                h.write(k.as_bytes());
                h.finish() & 4095
            })
            .collect();
        assert!(buckets.len() > 2000, "{} buckets of 4096", buckets.len());
    }

    #[test]
    fn a_sealed_plan_reads_back_with_its_key_only_and_a_plan_without_warnings_still_reads() {
        let profile = profile(r#"{"action": "archive"}"#);
        let rows = [SourceRow::new(1, [("number", "A"), ("name", "Paie")])];
        let made = plan(
            &profile,
            &rows,
            &[json!({"id": 2, "ref": "GONE", "label": "x"})],
        );
        assert_eq!(made.warnings.len(), 1);
        let key = passerelle_discovery::SealKey::random();
        let sealed = made.to_sealed(&key);
        assert!(Plan::is_sealed(&sealed));
        assert!(
            !sealed.windows(4).any(|w| w == b"Paie"),
            "no value in clear"
        );
        let back = Plan::from_file_bytes(&sealed, Some(&key)).expect("opened");
        assert_eq!(back, made);

        let other = passerelle_discovery::SealKey::random();
        let err = Plan::from_file_bytes(&sealed, Some(&other)).expect_err("another key");
        assert!(matches!(err, Error::PlanUnsealable), "{err}");
        let mut altered = sealed.clone();
        let middle = altered.len() / 2;
        altered[middle] ^= 0x40;
        let err = Plan::from_file_bytes(&altered, Some(&key)).expect_err("altered");
        assert!(matches!(err, Error::PlanUnsealable), "{err}");
        let err = Plan::from_file_bytes(&sealed[..sealed.len() - 1], Some(&key)).expect_err("cut");
        assert!(matches!(err, Error::PlanTruncated { .. }), "{err}");
        let err = Plan::from_file_bytes(&sealed[..10], Some(&key)).expect_err("cut short");
        assert!(matches!(err, Error::PlanTruncated { found: 10 }), "{err}");

        // A plan of several parts: a part dropped, two swapped, or the last one cut off.
        let mut big = made.clone();
        let row = big.rows[0].clone();
        big.rows = vec![row; 40_000];
        let sealed_big = big.to_sealed(&key);
        let parts = split_parts(&sealed_big);
        assert!(parts.len() >= 3, "{} parts", parts.len());
        assert_eq!(
            Plan::from_file_bytes(&sealed_big, Some(&key)).expect("opened"),
            big
        );
        let join = |parts: &[&[u8]]| {
            let mut out = SEALED_HEADER.to_vec();
            parts.iter().for_each(|p| out.extend_from_slice(p));
            out
        };
        let dropped = join(&[parts[0], parts[2]]);
        let swapped = join(&[parts[1], parts[0], parts[2]]);
        let mixed = join(&[split_parts(&made.to_sealed(&key))[0], parts[1]]);
        for bytes in [dropped, swapped, mixed] {
            let err = Plan::from_file_bytes(&bytes, Some(&key)).expect_err("refused");
            assert!(matches!(err, Error::PlanUnsealable), "{err}");
        }
        let cut = join(&parts[..parts.len() - 1]);
        let err = Plan::from_file_bytes(&cut, Some(&key)).expect_err("no last part");
        assert!(matches!(err, Error::PlanTruncated { .. }), "{err}");
        let err = Plan::from_file_bytes(&sealed, None).expect_err("no key");
        assert!(matches!(err, Error::PlanSealedNoKey), "{err}");
        for junk in [&b"PK\x03\x04"[..], b"", b"[1, 2]", b"\xff\xfe"] {
            let err = Plan::from_file_bytes(junk, Some(&key)).expect_err("not a plan");
            assert!(matches!(err, Error::PlanNotAPlan), "{junk:?}: {err}");
        }

        let clear = made.to_json();
        assert_eq!(
            Plan::from_file_bytes(clear.as_bytes(), None).expect("in clear"),
            made
        );
        let mut old: Value = serde_json::from_str(&clear).expect("JSON");
        old.as_object_mut().expect("an object").remove("warnings");
        let old = Plan::from_json(&old.to_string()).expect("a plan written before warnings");
        assert!(old.warnings.is_empty());
    }

    /// The framed parts of a sealed plan file, each with its length.
    fn split_parts(bytes: &[u8]) -> Vec<&[u8]> {
        let mut rest = &bytes[SEALED_HEADER.len()..];
        let mut parts = Vec::new();
        while !rest.is_empty() {
            let length = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes")) as usize;
            let (part, after) = rest.split_at(4 + length);
            parts.push(part);
            rest = after;
        }
        parts
    }

    #[test]
    fn a_plan_from_a_newer_passerelle_is_refused() {
        let err = Plan::from_json(r#"{"version": 99}"#).expect_err("newer");
        assert!(err.to_string().contains("version 99"), "{err}");
        assert!(matches!(Plan::from_json("{}"), Err(Error::PlanNoVersion)));
    }
}
