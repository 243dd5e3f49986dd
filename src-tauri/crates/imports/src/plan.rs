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

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use passerelle_dastra::DastraClient;
use passerelle_mapping::{
    Entity, LookupTable, MappedRecord, MissingPolicy, Problem, Profile, SourceRow,
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::fetch::fetch_records;
use crate::fingerprint::Fingerprint;
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
    /// Source rows in source order, then the Dastra records missing from the source.
    pub rows: Vec<PlanRow>,
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

impl Plan {
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
/// Errors: only Dastra failures while listing; every problem of a row is a class of the plan.
pub async fn plan_import(
    client: &DastraClient,
    profile: &Profile,
    rows: &[SourceRow],
    lookups: &dyn LookupTable,
    options: &PlanOptions,
) -> Result<Plan> {
    let current = fetch_records(client, profile.target, options.page_size).await?;
    let plan = plan_records(profile, rows, lookups, &current, Utc::now());
    tracing::debug!(profile = %profile.id, summary = ?plan.summary, "planned");
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
    let key_field = profile.key.target.as_str();
    let mapped: Vec<MappedRecord> = rows
        .iter()
        .map(|r| profile.map_record(r, lookups))
        .collect();

    let mut in_source: HashMap<String, Vec<u64>> = HashMap::new();
    for record in &mapped {
        if let Some(key) = &record.key {
            in_source
                .entry(normalize_key(key))
                .or_default()
                .push(record.row);
        }
    }
    let mut in_dastra: HashMap<String, Vec<&Value>> = HashMap::new();
    for record in current {
        if let Some(key) = key_of(record, key_field) {
            in_dastra
                .entry(normalize_key(&key))
                .or_default()
                .push(record);
        }
    }

    let mut out: Vec<PlanRow> = mapped
        .into_iter()
        .map(|record| classify(record, key_field, &in_source, &in_dastra))
        .collect();
    for record in current {
        let Some(key) = key_of(record, key_field) else {
            continue;
        };
        if in_source.contains_key(&normalize_key(&key)) {
            continue;
        }
        out.push(PlanRow {
            source_row: None,
            key: Some(key),
            target: Some(target_of(record)),
            values: Map::new(),
            class: RowClass::Missing {
                action: missing_action(profile),
            },
        });
    }

    Plan {
        version: PLAN_VERSION,
        id: uuid::Uuid::new_v4().to_string(),
        profile_id: profile.id.clone(),
        entity: profile.target,
        key_field: key_field.to_owned(),
        created_at,
        summary: PlanSummary::of(&out),
        rows: out,
    }
}

fn classify(
    record: MappedRecord,
    key_field: &str,
    in_source: &HashMap<String, Vec<u64>>,
    in_dastra: &HashMap<String, Vec<&Value>>,
) -> PlanRow {
    let mut row = PlanRow {
        source_row: Some(record.row),
        key: record.key.clone(),
        target: None,
        values: record.values,
        class: RowClass::Unchanged,
    };
    let ambiguous = !record.problems.is_empty()
        && record
            .problems
            .iter()
            .all(|p| p.kind == passerelle_mapping::ProblemKind::AmbiguousLookup);
    if ambiguous && record.key.is_some() {
        let reason = ConflictReason::AmbiguousLookup {
            problems: record.problems,
        };
        row.class = RowClass::Conflict { reason };
        return row;
    }
    let key = match &record.key {
        Some(key) if record.problems.is_empty() => normalize_key(key),
        _ => {
            row.class = RowClass::Invalid {
                problems: record.problems,
            };
            return row;
        }
    };
    let rows = &in_source[&key];
    if rows.len() > 1 {
        let reason = ConflictReason::DuplicateInSource { rows: rows.clone() };
        row.class = RowClass::Conflict { reason };
        return row;
    }

    row.class = match in_dastra.get(&key).map(Vec::as_slice) {
        None | Some([]) => RowClass::Create,
        Some([one]) => {
            row.target = Some(target_of(one));
            let changes = changes(&row.values, one, key_field);
            if changes.is_empty() {
                RowClass::Unchanged
            } else {
                RowClass::Update { changes }
            }
        }
        Some(many) => RowClass::Conflict {
            reason: ConflictReason::SeveralInDastra {
                ids: many.iter().map(|r| r["id"].clone()).collect(),
            },
        },
    };
    row
}

/// The mapped fields whose value does not already hold in `current`, the key left out.
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
fn key_of(record: &Value, key_field: &str) -> Option<String> {
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

fn missing_action(profile: &Profile) -> MissingAction {
    match (&profile.missing, profile.missing_tag_label()) {
        (MissingPolicy::Tag { .. }, Some(label)) => MissingAction::Tag { label },
        (MissingPolicy::Archive, _) => MissingAction::Archive,
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
        let archived = plan(&profile(r#"{"action": "archive"}"#), &rows, &current);
        assert_eq!(
            archived.rows[1].class,
            RowClass::Missing {
                action: MissingAction::Archive
            }
        );
        assert_eq!(archived.summary.missing, 1);
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
    fn a_plan_from_a_newer_passerelle_is_refused() {
        let err = Plan::from_json(r#"{"version": 99}"#).expect_err("newer");
        assert!(err.to_string().contains("version 99"), "{err}");
        assert!(matches!(Plan::from_json("{}"), Err(Error::PlanNoVersion)));
    }
}
