//! Undoing an applied plan, from its journal.
//!
//! Rows are undone last first, each from what the journal says was done to it:
//!
//! - a created record is deleted;
//! - an updated record gets back, for each field the plan changed, the value of its
//!   before-image (a field it did not have is removed);
//! - a tagged record loses the tag; an archived record is restored.
//!
//! A row is refused as [`RowOutcome::Stale`] when its record changed in Dastra since the
//! import: a field the import wrote no longer holds the value it wrote (or the tag is gone, or
//! the record is no longer archived), or a record the import created was changed at all (its
//! `dateUpdate` set), since deleting it would lose that change. Otherwise only what the import
//! wrote is compared: a change to another field of an updated record does not block the undo,
//! and survives it. Each undone row is journaled as
//! [`RowOutcome::Undone`], so undoing again skips it, and an undo interrupted mid-row resumes:
//! a record already deleted, or whose fields already hold their before-values, is undone.
//!
//! NOTE: a tag the apply created for records missing from the source is left in the
//! workspace's tags, unused.

use passerelle_dastra::{DastraClient, Error as DastraError};
use reqwest::Method;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::apply::{ApplyReport, ApplySink, RowOutcome, RowReport, WriteFailure};
use crate::fetch::collection;
use crate::journal::{Journal, JournalEntry, RowState};
use crate::plan::{holds, normalize_key, MissingAction, Plan, PlanRow, RowClass};
use crate::Result;

/// Undo what applying `plan` did, as its journal records it (see the module docs).
///
/// The report has one row per row the journal says was written, last first. Errors: only
/// journal failures; every Dastra failure is a row's outcome.
pub async fn undo_plan(
    client: &DastraClient,
    plan: &Plan,
    journal: &Journal,
    sink: &mut dyn ApplySink,
    cancel: &CancellationToken,
) -> Result<ApplyReport> {
    let states = journal.rows(&plan.id)?;
    let mut report = ApplyReport {
        plan_id: plan.id.clone(),
        ..ApplyReport::default()
    };
    for (index, row) in plan.rows.iter().enumerate().rev() {
        let Some(state) = states.get(&index) else {
            continue;
        };
        let Some(done) = &state.done else { continue };
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        let (outcome, resumed) = match done {
            RowOutcome::Undone { .. } => (done.clone(), true),
            RowOutcome::Created { id }
            | RowOutcome::Updated { id }
            | RowOutcome::Tagged { id }
            | RowOutcome::Archived { id } => {
                (undo_row(client, plan, row, done, id, state).await, false)
            }
            _ => continue,
        };
        if !resumed && matches!(outcome, RowOutcome::Undone { .. }) {
            journal.append(&JournalEntry::Done {
                plan: plan.id.clone(),
                row: index,
                outcome: outcome.clone(),
            })?;
        }
        let row_report = RowReport {
            index,
            source_row: row.source_row,
            outcome,
            resumed,
        };
        sink.row_applied(&row_report);
        report.rows.push(row_report);
    }
    tracing::debug!(plan = %plan.id, rows = report.rows.len(), "undone");
    Ok(report)
}

/// Whether a record the import created was changed in Dastra since, in any field: its
/// `dateUpdate` is set. Deleting it would lose that change.
///
/// ASSUMPTION: Dastra leaves `dateUpdate` empty when it creates a record and stamps it at every
/// change, as the sandbox does; the plan's fingerprints trust the same field
/// (`crate::fingerprint`). Were Dastra to stamp it at creation too, an undo would keep every
/// record it created (refused as changed since): nothing lost, the records to delete by hand.
/// Comparing it with `dateCreation` instead would miss a change made within the same second.
fn edited_since_created(record: &Value) -> bool {
    !record.get("dateUpdate").unwrap_or(&Value::Null).is_null()
}

async fn undo_row(
    client: &DastraClient,
    plan: &Plan,
    row: &PlanRow,
    done: &RowOutcome,
    id: &Value,
    state: &RowState,
) -> RowOutcome {
    let id_text = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
    let base = match client.workspace_path(collection(plan.entity)) {
        Ok(base) => base,
        Err(err) => return RowOutcome::failed_by(&err),
    };
    let path = format!("{base}/{id_text}");
    let current = match client.get_json(&path, &[]).await {
        Ok(current) => Some(current),
        Err(DastraError::NotFound { .. }) => None,
        Err(err) => return RowOutcome::failed_by(&err),
    };
    let undone = RowOutcome::Undone { id: id.clone() };
    let stale = RowOutcome::Stale { id: id.clone() };
    let before = state.begun.clone().flatten().unwrap_or(Value::Null);

    let answer = match (done, &row.class, current) {
        (RowOutcome::Created { .. }, _, None) => return undone,
        (_, _, None) => return stale,
        (RowOutcome::Created { .. }, _, Some(now)) => {
            let wrote = row
                .values
                .iter()
                .all(|(f, v)| holds(v, now.get(f).unwrap_or(&Value::Null)));
            if !wrote || edited_since_created(&now) {
                return stale;
            }
            client.send_json(Method::DELETE, &path, None).await
        }
        (RowOutcome::Updated { .. }, RowClass::Update { changes }, Some(now)) => {
            let field = |f: &str| now.get(f).unwrap_or(&Value::Null).clone();
            let restored = changes.iter().all(|c| field(&c.field) == before[&c.field]);
            if restored {
                return undone;
            }
            if !changes.iter().all(|c| holds(&c.after, &field(&c.field))) {
                return stale;
            }
            let ops: Vec<Value> = changes
                .iter()
                .map(|c| match before.get(&c.field) {
                    Some(value) => {
                        json!({ "op": "replace", "path": format!("/{}", c.field), "value": value })
                    }
                    None => json!({ "op": "remove", "path": format!("/{}", c.field) }),
                })
                .collect();
            client
                .send_json(Method::PATCH, &path, Some(&Value::Array(ops)))
                .await
        }
        (
            RowOutcome::Tagged { .. },
            RowClass::Missing {
                action: MissingAction::Tag { label },
            },
            Some(now),
        ) => {
            let folded = normalize_key(label);
            let tags = now["tags"].as_array().cloned().unwrap_or_default();
            let (removed, kept): (Vec<Value>, Vec<Value>) = tags
                .into_iter()
                .partition(|t| t["label"].as_str().map(normalize_key) == Some(folded.clone()));
            if removed.is_empty() {
                return stale;
            }
            let ops = json!([{ "op": "replace", "path": "/tags", "value": kept }]);
            client.send_json(Method::PATCH, &path, Some(&ops)).await
        }
        (RowOutcome::Archived { .. }, _, Some(now)) => {
            if now["archived"] != Value::Bool(true) {
                return stale;
            }
            let restore = format!("{base}/restore/{id_text}");
            client.send_json(Method::POST, &restore, None).await
        }
        _ => {
            return RowOutcome::failed(
                "BUG: the journal's outcome does not fit the plan's row",
                WriteFailure::Internal,
            )
        }
    };
    match answer {
        Ok(_) => undone,
        Err(err) => RowOutcome::failed_by(&err),
    }
}
