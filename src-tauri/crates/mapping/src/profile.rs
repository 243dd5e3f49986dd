//! Mapping profiles: how one source becomes records of one Dastra entity, saved as JSON.
//!
//! A profile is versioned ([`PROFILE_VERSION`]): [`Profile::from_json`] reads the version
//! before anything else and refuses a profile from a newer Passerelle with a message that says
//! so, instead of failing on a field it does not know. Unknown fields are refused too, so that
//! a typo in a hand-edited profile is an error rather than a mapping silently dropped.
//!
//! Reading a profile also checks it against the target's schema ([`Profile::check`]): every
//! target field exists and is writable, none is mapped twice, patterns compile, date formats
//! read, and value maps send values to allowed enum values.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lookup::LookupTable;
use crate::problem::{Problem, ProblemKind};
use crate::record::{allowed_spelling, map_record, MappedRecord, SourceRow};
use crate::similar::similarity;
use crate::target::{Entity, TargetSchema};
use crate::transform::Transform;
use crate::{Error, Result};

/// The profile format this build writes, and the newest it reads.
pub const PROFILE_VERSION: u32 = 1;

/// A mapping profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// The format version ([`PROFILE_VERSION`] when written by this build).
    pub version: u32,
    /// A stable identifier (`servicenow-apps`), chosen by whoever saves the profile.
    pub id: String,
    /// A name for people (`ServiceNow business applications`).
    pub name: String,
    /// Where the records come from.
    pub source: SourceSpec,
    /// The Dastra entity they become.
    pub target: Entity,
    /// How a source record is matched with a Dastra record.
    pub key: MatchKey,
    /// The other fields, in order.
    #[serde(default)]
    pub fields: Vec<FieldMapping>,
    /// What to do with Dastra records that the source no longer has.
    #[serde(default)]
    pub missing: MissingPolicy,
}

/// Where a profile's records come from. The profile only describes the source; reading it is
/// the connectors' job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SourceSpec {
    /// A short name for the source system (`servicenow`), used in the default tag of
    /// [`MissingPolicy::Tag`].
    pub name: String,
    /// The kind of source and its options.
    #[serde(flatten)]
    pub kind: SourceKind,
}

/// The kinds of source, each with its options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum SourceKind {
    /// A CSV file; delimiter and encoding are detected unless given.
    Csv {
        /// The field delimiter (`;`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delimiter: Option<char>,
        /// The text encoding (`windows-1252`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        encoding: Option<String>,
    },
    /// A workbook (XLSX or ODS).
    Xlsx {
        /// The sheet to read; the first one when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
    },
    /// A JSON document: an array of records, or records under a key.
    Json {
        /// The key holding the records (`result` in a ServiceNow Table API export).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        records: Option<String>,
    },
    /// A query on an SQL connection.
    Sql {
        /// The connection's id in the vault.
        connection: String,
        /// The query (read-only).
        query: String,
    },
    /// A REST recipe on an HTTP connection.
    Rest {
        /// The connection's id in the vault.
        connection: String,
        /// The recipe's name.
        recipe: String,
    },
}

/// The match key: a source expression compared with a Dastra field (`u_number` → `ref`).
/// Its value is also written to that field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MatchKey {
    /// The source column.
    pub column: String,
    /// Steps applied to it (a trim, an uppercase…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transforms: Vec<Transform>,
    /// The Dastra field it is compared with.
    pub target: String,
}

/// One target field and how its value is computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FieldMapping {
    /// The Dastra field.
    pub target: String,
    /// The source column read first; none for a constant or a `concat` of other columns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Steps applied to it, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transforms: Vec<Transform>,
}

impl FieldMapping {
    /// The column named in messages: the one read first, else the first one concatenated.
    pub fn column(&self) -> Option<&str> {
        self.column.as_deref().or_else(|| {
            self.transforms.iter().find_map(|t| match t {
                Transform::Concat { columns, .. } => columns.first().map(String::as_str),
                _ => None,
            })
        })
    }

    /// The kind of record the field's last look-up finds: its value is then that record's id,
    /// which a person knows by the record's name.
    pub fn lookup_kind(&self) -> Option<crate::LookupKind> {
        self.transforms.iter().rev().find_map(|t| match t {
            Transform::Lookup { kind } => Some(*kind),
            _ => None,
        })
    }
}

/// What the import does with Dastra records that the source does not have (any more).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "camelCase", deny_unknown_fields)]
pub enum MissingPolicy {
    /// Leave them alone.
    #[default]
    Ignore,
    /// Add a tag to them, as Dastra's own connectors do, for the DPO to review.
    Tag {
        /// The tag's label; `<source>-todelete` when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// Archive them.
    Archive,
}

impl Profile {
    /// Read a profile from JSON and check it ([`Profile::check`]).
    ///
    /// Errors: not JSON, no `version`, a version newer than [`PROFILE_VERSION`], a field this
    /// version does not know, or a profile that does not fit its target.
    pub fn from_json(text: &str) -> Result<Profile> {
        let raw: Value = serde_json::from_str(text)?;
        match raw.get("version").map(Value::as_u64) {
            None => return Err(Error::NoVersion),
            Some(Some(v)) if v > u64::from(PROFILE_VERSION) => {
                return Err(Error::NewerVersion {
                    found: v,
                    supported: PROFILE_VERSION,
                })
            }
            _ => {}
        }
        let profile: Profile = serde_json::from_value(raw)?;
        profile.check()?;
        Ok(profile)
    }

    /// The profile as pretty-printed JSON, as saved and exported.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("BUG: a profile always serialises")
    }

    /// Check the profile against its target's schema: see the module docs.
    pub fn check(&self) -> Result<()> {
        let schema = TargetSchema::for_entity(self.target);
        let mut seen = HashSet::new();
        let key = (&self.key.target, &self.key.transforms);
        let mappings = self.fields.iter().map(|m| (&m.target, &m.transforms));
        for (target, transforms) in std::iter::once(key).chain(mappings) {
            let Some(field) = schema.field(target) else {
                return Err(Error::UnknownField {
                    entity: self.target,
                    field: target.clone(),
                    known: schema.field_names(),
                });
            };
            if !seen.insert(target.as_str()) {
                return Err(Error::DuplicateField {
                    field: target.clone(),
                });
            }
            for transform in transforms {
                transform.check(target)?;
                let (Transform::ValueMap { values }, Some(allowed)) =
                    (transform, field.ty.enum_values())
                else {
                    continue;
                };
                if let Some((from, to)) = values
                    .iter()
                    .find(|(_, to)| allowed_spelling(to, allowed).is_none())
                {
                    return Err(Error::EnumTarget {
                        field: target.clone(),
                        from: from.clone(),
                        to: to.clone(),
                        allowed: allowed.join(", "),
                    });
                }
            }
        }
        Ok(())
    }

    /// Every source column the profile reads, each once, in profile order.
    pub fn columns(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let key = (Some(self.key.column.as_str()), &self.key.transforms);
        let mappings = self
            .fields
            .iter()
            .map(|m| (m.column.as_deref(), &m.transforms));
        for (column, transforms) in std::iter::once(key).chain(mappings) {
            let concatenated = transforms.iter().flat_map(|t| match t {
                Transform::Concat { columns, .. } => columns.as_slice(),
                _ => &[],
            });
            for c in column.into_iter().chain(concatenated.map(String::as_str)) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// One [`ProblemKind::MissingColumn`] for each column the profile reads that `headers`
    /// (a source's column names) lacks, suggesting the closest header.
    pub fn check_columns<S: AsRef<str>>(&self, headers: &[S]) -> Vec<Problem> {
        let headers: Vec<&str> = headers.iter().map(AsRef::as_ref).collect();
        self.columns()
            .into_iter()
            .filter(|c| !headers.iter().any(|h| h.trim() == c.trim()))
            .map(|column| {
                let closest = headers
                    .iter()
                    .map(|h| (similarity(h, column), *h))
                    .filter(|(score, _)| *score >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let hint = match closest {
                    Some((_, h)) => format!("did you mean « {h} »? Rename the column or edit"),
                    None => "add the column to the source, or edit".to_owned(),
                };
                let field = self.field_for(column);
                let what = format!("the source has no such column: {hint} the mapping");
                let problem =
                    Problem::new(None, Some(column), field, ProblemKind::MissingColumn, what);
                match closest {
                    Some((_, h)) => problem.with("closest", h),
                    None => problem,
                }
            })
            .collect()
    }

    /// Map one source row: its match key, its target body, and its problems. The schema is the
    /// target's ([`TargetSchema::for_entity`]); look-ups go to `lookups`.
    pub fn map_record(&self, row: &SourceRow, lookups: &dyn LookupTable) -> MappedRecord {
        map_record(self, row, lookups)
    }

    /// The tag label of a [`MissingPolicy::Tag`] policy (`servicenow-todelete` by default).
    pub fn missing_tag_label(&self) -> Option<String> {
        match &self.missing {
            MissingPolicy::Tag { label: Some(label) } => Some(label.clone()),
            MissingPolicy::Tag { label: None } => Some(format!("{}-todelete", self.source.name)),
            _ => None,
        }
    }

    /// The column that feeds `target`, for messages.
    pub(crate) fn column_for(&self, target: &str) -> Option<&str> {
        if self.key.target == target {
            return Some(&self.key.column);
        }
        self.fields
            .iter()
            .find(|m| m.target == target)
            .and_then(FieldMapping::column)
    }

    /// The first target fed by `column`, for messages.
    fn field_for(&self, column: &str) -> Option<&str> {
        if self.key.column == column {
            return Some(&self.key.target);
        }
        let concatenates = |t: &Transform| match t {
            Transform::Concat { columns, .. } => columns.iter().any(|c| c == column),
            _ => false,
        };
        let reads = |m: &&FieldMapping| {
            m.column.as_deref() == Some(column) || m.transforms.iter().any(concatenates)
        };
        self.fields.iter().find(reads).map(|m| m.target.as_str())
    }
}
