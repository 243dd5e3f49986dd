//! Conflicts resolved by the DPO before applying: "take the source" turns a conflict row back
//! into the write it stands for.
//!
//! A row in conflict because several source rows share its key
//! ([`ConflictReason::DuplicateInSource`]) can be taken: the DPO says this row is the right
//! one, and [`take_source`] classifies it again against the Dastra records that have its key
//! (read just now by the caller, with [`records_with_key`](crate::fetch::records_with_key)):
//! a create when none has it, an update (or unchanged) of the one that does. Its siblings stay
//! conflicts, which apply skips, and only one row of a key can be taken.
//!
//! A row in conflict because several Dastra records have its key
//! ([`ConflictReason::SeveralInDastra`]) cannot: which record it would update is the DPO's
//! call, made in Dastra. Keeping Dastra's record, or skipping the row, needs nothing here:
//! conflict rows write nothing, and [`apply_plan_except`](crate::apply_plan_except) leaves out
//! any other row.

use serde_json::Value;

use crate::plan::{changes, normalize_key, target_of, ConflictReason, Plan, PlanRow};
use crate::plan::{PlanSummary, RowClass};

/// Why a conflict row cannot be taken from the source.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ResolveError {
    /// There is no such row.
    #[error("import error: the plan has no row {index}")]
    NoSuchRow {
        /// The index asked for.
        index: usize,
    },
    /// The row is not a conflict.
    #[error("import error: row {index} is not a conflict; only conflicts are resolved")]
    NotAConflict {
        /// The row's index.
        index: usize,
    },
    /// Several Dastra records have the key.
    #[error(
        "import error: {count} Dastra records have this « {key_field} »: Passerelle cannot \
         tell which one the source row stands for; give them distinct values in Dastra (or \
         archive the extra ones), then plan the import again"
    )]
    SeveralInDastra {
        /// How many records have it.
        count: usize,
        /// The Dastra field matched on.
        key_field: String,
    },
    /// A name the row looks up matches several Dastra records.
    #[error(
        "import error: a name in this row matches several Dastra records: rename them in \
         Dastra (or map the value to one of them), then plan the import again"
    )]
    AmbiguousLookup,
    /// Another row with the same key was taken already.
    #[error(
        "import error: source row {taken} with the same key is already taken: keep Dastra's \
         record or skip it first, then take this one"
    )]
    SiblingTaken {
        /// The source row taken.
        taken: u64,
    },
}

/// Resolve conflict row `index` of `plan` by taking the source: reclassify it against
/// `current`, the Dastra records read now that have its key (see the module docs), and count
/// the plan again. The row returned is the one now in the plan.
pub fn take_source(
    plan: &mut Plan,
    index: usize,
    current: &[Value],
) -> Result<PlanRow, ResolveError> {
    let row = plan
        .rows
        .get(index)
        .ok_or(ResolveError::NoSuchRow { index })?;
    let siblings = match &row.class {
        RowClass::Conflict {
            reason: ConflictReason::DuplicateInSource { rows },
        } => rows.clone(),
        RowClass::Conflict {
            reason: ConflictReason::SeveralInDastra { ids },
        } => {
            return Err(ResolveError::SeveralInDastra {
                count: ids.len(),
                key_field: plan.key_field.clone(),
            })
        }
        RowClass::Conflict {
            reason: ConflictReason::AmbiguousLookup { .. },
        } => return Err(ResolveError::AmbiguousLookup),
        _ => return Err(ResolveError::NotAConflict { index }),
    };
    let taken = plan.rows.iter().enumerate().find(|(i, r)| {
        *i != index
            && r.source_row.is_some_and(|s| siblings.contains(&s))
            && !matches!(r.class, RowClass::Conflict { .. })
    });
    if let Some((_, taken)) = taken {
        return Err(ResolveError::SiblingTaken {
            taken: taken.source_row.unwrap_or_default(),
        });
    }

    let wanted = row.key.as_deref().map(normalize_key);
    let same: Vec<&Value> = current
        .iter()
        .filter(|r| r[&plan.key_field].as_str().map(normalize_key) == wanted)
        .collect();
    let mut row = row.clone();
    row.class = match same.as_slice() {
        [] => RowClass::Create,
        [one] => {
            row.target = Some(target_of(one));
            let changes = changes(&row.values, one, &plan.key_field);
            if changes.is_empty() {
                RowClass::Unchanged
            } else {
                RowClass::Update { changes }
            }
        }
        many => {
            return Err(ResolveError::SeveralInDastra {
                count: many.len(),
                key_field: plan.key_field.clone(),
            })
        }
    };
    plan.rows[index] = row.clone();
    plan.summary = PlanSummary::of(&plan.rows);
    Ok(row)
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use passerelle_mapping::{NoLookups, Profile, SourceRow};
    use serde_json::json;

    use super::*;
    use crate::plan_records;

    fn duplicated(current: &[Value]) -> Plan {
        let profile = Profile::from_json(
            r#"{
              "version": 1, "id": "cmdb", "name": "CMDB",
              "source": { "name": "cmdb", "kind": "csv" }, "target": "asset",
              "key": { "column": "number", "target": "ref" },
              "fields": [
                { "target": "label", "column": "name" },
                { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
              ]
            }"#,
        )
        .expect("a valid profile");
        let rows = [
            SourceRow::new(1, [("number", "A"), ("name", "Paie")]),
            SourceRow::new(2, [("number", "a "), ("name", "Paie v2")]),
            SourceRow::new(3, [("number", "B"), ("name", "CRM")]),
        ];
        plan_records(&profile, &rows, &NoLookups, current, Utc::now())
    }

    #[test]
    fn a_duplicate_taken_becomes_an_update_of_the_one_record_and_its_sibling_stays_blocked() {
        let current = [json!({"id": 9, "ref": "A", "label": "Paie", "type": "Software"})];
        let mut plan = duplicated(&current);
        assert_eq!(plan.summary.conflict, 2);

        let row = take_source(&mut plan, 1, &current).expect("taken");
        let RowClass::Update { changes } = &row.class else {
            panic!("{row:?}")
        };
        assert_eq!(changes[0].after, json!("Paie v2"));
        assert_eq!(row.target.as_ref().map(|t| &t.id), Some(&json!(9)));
        assert_eq!((plan.summary.conflict, plan.summary.update), (1, 1));

        let err = take_source(&mut plan, 0, &current).expect_err("one row per key");
        assert_eq!(err, ResolveError::SiblingTaken { taken: 2 });
    }

    #[test]
    fn a_duplicate_without_a_record_becomes_a_create_and_other_rows_are_refused() {
        let mut plan = duplicated(&[]);
        let row = take_source(&mut plan, 0, &[]).expect("taken");
        assert_eq!(row.class, RowClass::Create);
        let err = take_source(&mut plan, 2, &[]).expect_err("B is a create, not a conflict");
        assert_eq!(err, ResolveError::NotAConflict { index: 2 });
        assert!(take_source(&mut plan, 7, &[]).is_err());
    }

    #[test]
    fn several_records_in_dastra_cannot_be_taken() {
        let current = [json!({"id": 1, "ref": "B"}), json!({"id": 2, "ref": "b"})];
        let mut plan = duplicated(&current);
        let err = take_source(&mut plan, 2, &current).expect_err("ambiguous");
        assert!(err.to_string().contains("2 Dastra records"), "{err}");
    }
}
