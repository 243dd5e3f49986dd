//! The rows of an open import as the window sees them: classes, outcomes, counts and views,
//! converted from the engine's plan and the DPO's choices.

use std::collections::BTreeMap;

use passerelle_imports::{
    ConflictReason, MissingAction, Plan, PlanRow, PlanWarning, RowClass, RowOutcome,
};
use serde_json::Value;

use crate::error::IpcError;
use crate::imports::*;
use crate::imports_run::{Loaded, Meta, META_FILE};

pub(crate) fn kind_of(class: &RowClass) -> RowKind {
    match class {
        RowClass::Create => RowKind::Create,
        RowClass::Update { .. } => RowKind::Update,
        RowClass::Unchanged => RowKind::Unchanged,
        RowClass::Conflict { .. } => RowKind::Conflict,
        RowClass::Invalid { .. } => RowKind::Invalid,
        RowClass::Missing { .. } => RowKind::Missing,
    }
}

/// Whether applying the row writes something.
pub(crate) fn writes(row: &PlanRow) -> bool {
    match &row.class {
        RowClass::Create | RowClass::Update { .. } => true,
        RowClass::Missing { action } => {
            matches!(action, MissingAction::Tag { .. } | MissingAction::Archive)
        }
        _ => false,
    }
}

pub(crate) fn outcome_kind(outcome: &RowOutcome) -> OutcomeKind {
    match outcome {
        RowOutcome::Created { .. } => OutcomeKind::Created,
        RowOutcome::Updated { .. } => OutcomeKind::Updated,
        RowOutcome::Skipped => OutcomeKind::Skipped,
        RowOutcome::Stale { .. } => OutcomeKind::Stale,
        RowOutcome::Tagged { .. } => OutcomeKind::Tagged,
        RowOutcome::Archived { .. } => OutcomeKind::Archived,
        RowOutcome::Undone { .. } => OutcomeKind::Undone,
        RowOutcome::Failed { .. } => OutcomeKind::Failed,
        RowOutcome::Unsupported { .. } => OutcomeKind::Unsupported,
    }
}

pub(crate) fn count_outcome(counts: &mut OutcomeCounts, outcome: &RowOutcome) {
    let n = match outcome_kind(outcome) {
        OutcomeKind::Created => &mut counts.created,
        OutcomeKind::Updated => &mut counts.updated,
        OutcomeKind::Tagged => &mut counts.tagged,
        OutcomeKind::Archived => &mut counts.archived,
        OutcomeKind::Skipped => &mut counts.skipped,
        OutcomeKind::Stale => &mut counts.stale,
        OutcomeKind::Failed => &mut counts.failed,
        OutcomeKind::Unsupported => &mut counts.unsupported,
        OutcomeKind::Undone => &mut counts.undone,
    };
    *n += 1;
}

/// A value as the DPO reads it: text as is, a tag or an area by its label, nothing as empty.
pub(crate) fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Object(o) => ["label", "name", "id"]
            .iter()
            .find_map(|k| o.get(*k).filter(|v| !v.is_null()).map(value_text))
            .unwrap_or_else(|| value.to_string()),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// [`value_text`], with the ids of a look-up field by their names where they are known (an
/// actor's company name rather than `12`).
pub(crate) fn named_text(value: &Value, names: Option<&BTreeMap<String, String>>) -> String {
    let Some(names) = names else {
        return value_text(value);
    };
    let name = |v: &Value| {
        names
            .get(&id_text(v))
            .cloned()
            .unwrap_or_else(|| value_text(v))
    };
    match value {
        Value::Array(_) | Value::Number(_) | Value::String(_) => ids_in(value)
            .iter()
            .map(name)
            .collect::<Vec<_>>()
            .join(", "),
        other => value_text(other),
    }
}

/// The ids a look-up field's value holds: each element of a list, else the value itself.
pub(crate) fn ids_in(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items,
        one => std::slice::from_ref(one),
    }
}

pub(crate) fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

/// What a row's record is called: an asset's or contract's label, an actor's company name.
pub(crate) fn label_of(row: &PlanRow) -> Option<String> {
    ["label", "name", "title", "companyName", "displayName"]
        .iter()
        .find_map(|k| row.values.get(*k))
        .map(value_text)
        .filter(|s| !s.is_empty())
}

pub(crate) fn row_text(
    row: &PlanRow,
    names: &BTreeMap<String, BTreeMap<String, String>>,
) -> String {
    let mut text = row.key.clone().unwrap_or_default();
    for (field, value) in &row.values {
        text.push('\u{1f}');
        text.push_str(&named_text(value, names.get(field)));
    }
    if let RowClass::Update { changes } = &row.class {
        for c in changes {
            text.push('\u{1f}');
            text.push_str(&c.field);
            text.push('\u{1f}');
            text.push_str(&named_text(&c.before, names.get(&c.field)));
        }
    }
    if let Some(n) = row.source_row {
        text.push_str(&format!("\u{1f}{n}"));
    }
    // Folded as the search is (`import_rows`), so that « renommee » finds « renommée ».
    passerelle_matching::normalize::fold(&text)
}

impl Loaded {
    pub(crate) fn row(&self, index: usize) -> &PlanRow {
        self.meta
            .resolved
            .get(&index)
            .unwrap_or(&self.plan.rows[index])
    }

    pub(crate) fn selected(&self, index: usize) -> bool {
        writes(self.row(index)) && !self.meta.deselected.contains(&index)
    }

    /// The counts of `meta` from the rows, choices and outcomes.
    pub(crate) fn recount(&mut self) {
        let mut counts = PlanCounts::default();
        let mut to_write = 0;
        for index in 0..self.plan.rows.len() {
            let n = match kind_of(&self.row(index).class) {
                RowKind::Create => &mut counts.create,
                RowKind::Update => &mut counts.update,
                RowKind::Unchanged => &mut counts.unchanged,
                RowKind::Conflict => &mut counts.conflict,
                RowKind::Invalid => &mut counts.invalid,
                RowKind::Missing => &mut counts.missing,
            };
            *n += 1;
            to_write += u64::from(self.selected(index));
        }
        let mut outcomes = OutcomeCounts::default();
        for outcome in self.outcomes.values() {
            count_outcome(&mut outcomes, outcome);
        }
        self.meta.counts = counts;
        self.meta.to_write = to_write;
        self.meta.rows = self.plan.rows.len() as u64;
        self.meta.outcomes = outcomes;
    }

    pub(crate) fn save(&self) -> Result<(), IpcError> {
        let text = serde_json::to_string(&self.meta).expect("BUG: meta serialises");
        self.seal.write(&self.folder.join(META_FILE), &text)
    }

    /// The plan as it is applied: resolved rows in place of their conflicts.
    pub(crate) fn effective_plan(&self) -> Plan {
        let mut plan = self.plan.clone();
        for (index, row) in &self.meta.resolved {
            plan.rows[*index] = row.clone();
        }
        plan.summary = passerelle_imports::PlanSummary::of(&plan.rows);
        plan
    }

    pub(crate) fn row_view(&self, index: usize) -> ImportRowView {
        let row = self.row(index);
        let planned = &self.plan.rows[index];
        let conflict = match &planned.class {
            RowClass::Conflict { reason } => Some(conflict_view(reason, &self.plan.key_field)),
            _ => None,
        };
        let changes = match &row.class {
            RowClass::Update { changes } => changes
                .iter()
                .map(|c| {
                    let names = self.meta.names.get(&c.field);
                    FieldChangeView {
                        field: c.field.clone(),
                        before: named_text(&c.before, names),
                        after: named_text(&c.after, names),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let problems = match &row.class {
            RowClass::Invalid { problems } => problems.clone(),
            _ => Vec::new(),
        };
        let missing = match &row.class {
            RowClass::Missing { action } => Some(match action {
                MissingAction::Ignore => MissingView {
                    action: "ignore".into(),
                    label: None,
                    policy: None,
                },
                MissingAction::Tag { label } => MissingView {
                    action: "tag".into(),
                    label: Some(label.clone()),
                    policy: None,
                },
                MissingAction::Archive => MissingView {
                    action: "archive".into(),
                    label: None,
                    policy: None,
                },
                // Dastra cannot carry the policy out on this entity: nothing is done (the
                // plan's `warnings` say why).
                MissingAction::Unsupported { policy } => MissingView {
                    action: "unsupported".into(),
                    label: None,
                    policy: Some(policy.clone()),
                },
            }),
            _ => None,
        };
        ImportRowView {
            index: index as u32,
            source_row: row.source_row,
            key: row.key.clone(),
            label: label_of(row),
            kind: kind_of(&row.class),
            planned: kind_of(&planned.class),
            changes,
            conflict,
            choice: self.meta.choices.get(&index).copied(),
            problems,
            missing,
            selected: self.selected(index),
            selectable: writes(row) && self.meta.state == ImportState::Planned,
            outcome: self.outcomes.get(&index).map(outcome_view),
        }
    }

    pub(crate) fn view(&self) -> ImportView {
        meta_view(&self.meta)
    }
}

/// What the window shows of an import: its names, state, counts and warnings.
pub(crate) fn meta_view(m: &Meta) -> ImportView {
    ImportView {
        plan_id: m.plan_id.clone(),
        profile_id: m.profile_id.clone(),
        profile_name: m.profile_name.clone(),
        entity: m.entity.clone(),
        key_field: m.key_field.clone(),
        source_name: m.source_name.clone(),
        source: m.source.clone(),
        created_at: m.created_at.to_rfc3339(),
        applied_at: m.applied_at.map(|t| t.to_rfc3339()),
        undone_at: m.undone_at.map(|t| t.to_rfc3339()),
        state: m.state,
        counts: m.counts,
        rows: m.rows,
        to_write: m.to_write,
        outcomes: m.outcomes,
        error: m.error.clone(),
        stop: m.stop,
        warnings: m.warnings.iter().map(warning_view).collect(),
    }
}

pub(crate) fn warning_view(warning: &PlanWarning) -> ImportWarning {
    match warning {
        PlanWarning::MissingPolicyUnsupported {
            policy,
            entity,
            missing,
        } => ImportWarning::MissingPolicyUnsupported {
            policy: policy.clone(),
            entity: entity.to_string(),
            missing: *missing,
            message: warning.message(),
        },
    }
}

pub(crate) fn conflict_view(reason: &ConflictReason, key_field: &str) -> ConflictView {
    let message = reason.message(key_field);
    match reason {
        ConflictReason::DuplicateInSource { rows } => ConflictView {
            cause: ConflictCause::DuplicateInSource,
            rows: rows.clone(),
            ids: Vec::new(),
            problems: Vec::new(),
            message,
        },
        ConflictReason::SeveralInDastra { ids } => ConflictView {
            cause: ConflictCause::SeveralInDastra,
            rows: Vec::new(),
            ids: ids.iter().map(id_text).collect(),
            problems: Vec::new(),
            message,
        },
        ConflictReason::AmbiguousLookup { problems } => ConflictView {
            cause: ConflictCause::AmbiguousLookup,
            rows: Vec::new(),
            ids: Vec::new(),
            problems: problems.clone(),
            message,
        },
    }
}

pub(crate) fn outcome_view(outcome: &RowOutcome) -> RowOutcomeView {
    let (id, message) = match outcome {
        RowOutcome::Created { id }
        | RowOutcome::Updated { id }
        | RowOutcome::Stale { id }
        | RowOutcome::Tagged { id }
        | RowOutcome::Archived { id }
        | RowOutcome::Undone { id } => (Some(id_text(id)), None),
        RowOutcome::Failed { message, .. } | RowOutcome::Unsupported { message } => {
            (None, Some(message.clone()))
        }
        RowOutcome::Skipped => (None, None),
    };
    let cause = match outcome {
        RowOutcome::Failed { cause, .. } => cause.clone(),
        _ => None,
    };
    RowOutcomeView {
        kind: outcome_kind(outcome),
        id,
        message,
        cause,
    }
}
