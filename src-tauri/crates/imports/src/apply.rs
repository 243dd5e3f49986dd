//! Applying a plan: row by row, through the Dastra client, with a journal.
//!
//! - A [`RowClass::Create`] row is `POST`ed with its mapped values, unless a record with its
//!   key was added to Dastra since the plan: the keys of the entity's records are read again
//!   (paged, once per run, when the first create row comes) and such a row is refused as
//!   [`RowOutcome::Stale`] rather than posted as a duplicate. A record given the key between
//!   that reading and the row's `POST` is not seen. When the answer is lost
//!   ([`passerelle_dastra::Error::OutcomeUnknown`], or no id in the answer), the record is
//!   looked for by its key instead of being posted again.
//! - A [`RowClass::Update`] row re-reads its record first: if its [`Fingerprint`] differs from
//!   the plan's, the record changed in Dastra since the plan and the row is refused as
//!   [`RowOutcome::Stale`]; otherwise the changed fields are sent as a JSON Patch of
//!   `replace` operations.
//! - A [`RowClass::Missing`] row with a [`MissingAction::Tag`] re-reads its record the same
//!   way, and adds the tag to its `tags` (the tag is looked for by label and type among the
//!   workspace's tags, and created once per run when absent); a record already tagged is left
//!   alone. A [`MissingAction::Archive`] row archives its record through
//!   `POST /{Collection}/archive/{id}`; Dastra archives contracts, not assets or actors, so for
//!   those the row is [`RowOutcome::Unsupported`]. Plans made since plans carry warnings say
//!   so already ([`MissingAction::Unsupported`], [`crate::PlanWarning`]), and their rows are
//!   [`RowOutcome::Unsupported`] too.
//! - Other rows write nothing.
//!
//! Each write is journaled before and after it is sent ([`Journal`]). A write whose answer is
//! lost is checked at once: the record is read again (looked for by its key for a create).
//! Applying the same plan again with the same journal skips rows already finished and
//! reconciles rows interrupted mid-call: a create is looked for by its key, an update whose
//! values already hold is done, a tag or an archive the record already shows is done.
//! Rows that failed are tried again. Cancellation is checked between rows.

use std::collections::{BTreeSet, HashMap};

use passerelle_audit::{AuditEvent, Count};
use passerelle_dastra::client::MAX_PAGE_SIZE;
use passerelle_dastra::{DastraClient, Error as DastraError};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::fetch::{collection, for_each_page, records_with_key};
use crate::fingerprint::Fingerprint;
use crate::journal::{Journal, JournalEntry, RowState};
use crate::plan::{
    holds, key_of, normalize_key, FieldChange, MissingAction, Plan, PlanRow, RowClass,
};
use crate::{Error, Result};

/// What happened to one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "camelCase")]
pub enum RowOutcome {
    /// The record was created with this id.
    Created {
        /// The new record's id.
        id: Value,
    },
    /// The record's changed fields were written.
    Updated {
        /// The record's id.
        id: Value,
    },
    /// Nothing to write for its class (unchanged, conflict, invalid).
    Skipped,
    /// The record changed in Dastra since the plan was made: plan the import again.
    Stale {
        /// The record's id.
        id: Value,
    },
    /// The tag of a [`MissingAction::Tag`] was added to the record.
    Tagged {
        /// The record's id.
        id: Value,
    },
    /// The record was archived.
    Archived {
        /// The record's id.
        id: Value,
    },
    /// What the import did to the record was undone ([`crate::undo_plan`]).
    Undone {
        /// The record's id.
        id: Value,
    },
    /// The write failed; applying the plan again tries it again.
    Failed {
        /// What went wrong and how to fix it, in English (the CLI, the logs).
        message: String,
        /// The same, as data for a window to word in its language. Journals and reports
        /// written before it existed have none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cause: Option<WriteFailure>,
    },
    /// The row asks for something this version does not apply.
    Unsupported {
        /// What is not supported.
        message: String,
    },
}

/// Why a row's write failed ([`RowOutcome::Failed`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum WriteFailure {
    /// Dastra refused the call, or could not be reached, after the client's retries.
    #[serde(rename_all = "camelCase")]
    Dastra {
        /// What kind of refusal or failure.
        refusal: DastraRefusal,
        /// The HTTP status Dastra answered, when it answered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        status: Option<u16>,
        /// Dastra's own explanation, as it gave it (its language, not ours).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        detail: Option<String>,
    },
    /// A create's answer was lost and no record has the row's key: nothing was created.
    CreateLost,
    /// An update's answer was lost and its values do not hold: it was not applied.
    UpdateLost,
    /// Several records now hold the row's key: one must be kept in Dastra first.
    #[serde(rename_all = "camelCase")]
    KeyHeldBySeveral {
        /// How many.
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        count: usize,
        /// The key's field.
        field: String,
    },
    /// The journal does not fit the plan: a defect of Passerelle, to report.
    Internal,
}

/// The classes of [`passerelle_dastra::ErrorKind`] a row's write can meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum DastraRefusal {
    /// The key was refused (401).
    Unauthorized,
    /// The key lacks the right (403).
    Forbidden,
    /// No such record or route (404).
    NotFound,
    /// Dastra refused the values (400, 409, 422…).
    Rejected,
    /// Rate limited beyond the retries.
    RateLimited,
    /// Dastra or the network failed (5xx, connection, timeout) beyond the retries.
    Unavailable,
    /// An answer Passerelle cannot read.
    Protocol,
    /// Anything else: a local refusal, a local file.
    Other,
}

impl DastraRefusal {
    /// The class of a Dastra client error.
    pub fn of(err: &DastraError) -> DastraRefusal {
        use passerelle_dastra::ErrorKind as K;
        match err.kind() {
            K::Unauthorized => DastraRefusal::Unauthorized,
            K::Forbidden => DastraRefusal::Forbidden,
            K::NotFound => DastraRefusal::NotFound,
            K::Rejected => DastraRefusal::Rejected,
            K::RateLimited => DastraRefusal::RateLimited,
            K::Unavailable | K::OutcomeUnknown => DastraRefusal::Unavailable,
            K::Protocol => DastraRefusal::Protocol,
            _ => DastraRefusal::Other,
        }
    }
}

impl WriteFailure {
    /// The cause of a Dastra client error.
    pub fn of(err: &DastraError) -> WriteFailure {
        WriteFailure::Dastra {
            refusal: DastraRefusal::of(err),
            status: err.status(),
            detail: err.body().map(|b| b.to_string()).filter(|d| !d.is_empty()),
        }
    }
}

impl RowOutcome {
    /// A failed row, its English message and its cause.
    pub fn failed(message: impl Into<String>, cause: WriteFailure) -> RowOutcome {
        RowOutcome::Failed {
            message: message.into(),
            cause: Some(cause),
        }
    }

    /// A row whose call to Dastra failed with `err`.
    pub(crate) fn failed_by(err: &DastraError) -> RowOutcome {
        RowOutcome::failed(err.to_string(), WriteFailure::of(err))
    }

    /// Whether applying the row is finished: everything but [`RowOutcome::Failed`] and
    /// [`RowOutcome::Undone`] (a row undone is applied again, if its record has not changed).
    pub fn is_final(&self) -> bool {
        !matches!(self, RowOutcome::Failed { .. } | RowOutcome::Undone { .. })
    }
}

/// One row of an [`ApplyReport`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RowReport {
    /// The row's index in the plan.
    pub index: usize,
    /// The source row, when it came from the source.
    pub source_row: Option<u64>,
    /// What happened.
    pub outcome: RowOutcome,
    /// Whether the outcome was read from the journal of an earlier run.
    pub resumed: bool,
}

/// What applying a plan did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApplyReport {
    /// The plan's id.
    pub plan_id: String,
    /// One report per row reached, in plan order.
    pub rows: Vec<RowReport>,
    /// Whether the run was cancelled before its last row.
    pub cancelled: bool,
}

impl ApplyReport {
    /// How many rows ended with an outcome for which `f` holds.
    pub fn count(&self, f: impl Fn(&RowOutcome) -> bool) -> usize {
        self.rows.iter().filter(|r| f(&r.outcome)).count()
    }

    /// `event` with the counts the audit log keeps of an apply or an undo: created; updated
    /// (tags and archives included); deleted (undone); skipped (nothing to write, stale or
    /// unsupported); failed. The command line and the window record the same counts.
    pub fn audit_counts(&self, event: AuditEvent) -> AuditEvent {
        let n = |f: fn(&RowOutcome) -> bool| self.count(f) as u64;
        event
            .count(
                Count::Created,
                n(|o| matches!(o, RowOutcome::Created { .. })),
            )
            .count(
                Count::Updated,
                n(|o| {
                    matches!(
                        o,
                        RowOutcome::Updated { .. }
                            | RowOutcome::Tagged { .. }
                            | RowOutcome::Archived { .. }
                    )
                }),
            )
            .count(
                Count::Deleted,
                n(|o| matches!(o, RowOutcome::Undone { .. })),
            )
            .count(
                Count::Skipped,
                n(|o| {
                    matches!(
                        o,
                        RowOutcome::Skipped
                            | RowOutcome::Stale { .. }
                            | RowOutcome::Unsupported { .. }
                    )
                }),
            )
            .count(Count::Failed, n(|o| matches!(o, RowOutcome::Failed { .. })))
    }
}

/// Receives each row's report as soon as it is known. Every hook does nothing by default.
pub trait ApplySink {
    /// A row is finished (or failed).
    fn row_applied(&mut self, _report: &RowReport) {}
}

impl ApplySink for () {}

/// Apply `plan` (see the module docs), journaling into `journal`.
///
/// Errors: only journal failures, which stop the run at once since a write could no longer be
/// recovered; every Dastra failure is a row's [`RowOutcome`].
pub async fn apply_plan(
    client: &DastraClient,
    plan: &Plan,
    journal: &Journal,
    sink: &mut dyn ApplySink,
    cancel: &CancellationToken,
) -> Result<ApplyReport> {
    apply_plan_except(client, plan, journal, sink, cancel, &BTreeSet::new()).await
}

/// [`apply_plan`], leaving out the rows whose indexes are in `left_out` (rows the DPO
/// deselected, conflicts resolved by keeping Dastra's record): each is reported
/// [`RowOutcome::Skipped`] and nothing is written for it. A row finished by an earlier run is
/// reported as it ended, whether left out now or not.
pub async fn apply_plan_except(
    client: &DastraClient,
    plan: &Plan,
    journal: &Journal,
    sink: &mut dyn ApplySink,
    cancel: &CancellationToken,
    left_out: &BTreeSet<usize>,
) -> Result<ApplyReport> {
    let earlier = journal.rows(&plan.id)?;
    let mut tag = None;
    let run = Run {
        client,
        plan,
        journal,
        keys: tokio::sync::OnceCell::new(),
    };
    let mut report = ApplyReport {
        plan_id: plan.id.clone(),
        ..ApplyReport::default()
    };
    for (index, row) in plan.rows.iter().enumerate() {
        if cancel.is_cancelled() {
            report.cancelled = true;
            break;
        }
        let state = earlier.get(&index).cloned().unwrap_or_default();
        let (outcome, resumed) = match &state.done {
            Some(done) if done.is_final() => (done.clone(), true),
            _ if left_out.contains(&index) => (RowOutcome::Skipped, false),
            _ => (run.row(index, row, &state, &mut tag).await?, false),
        };
        let row_report = RowReport {
            index,
            source_row: row.source_row,
            outcome,
            resumed,
        };
        sink.row_applied(&row_report);
        report.rows.push(row_report);
    }
    tracing::debug!(plan = %plan.id, rows = report.rows.len(), "applied");
    Ok(report)
}

/// What every row of one run shares.
struct Run<'a> {
    client: &'a DastraClient,
    plan: &'a Plan,
    journal: &'a Journal,
    /// The keys Dastra's records hold now (normalised, each with its record's id), read when
    /// the first create row needs them.
    keys: tokio::sync::OnceCell<HashMap<String, Value>>,
}

impl Run<'_> {
    /// Apply one row; `tag` caches the tag of a [`MissingAction::Tag`] once resolved.
    async fn row(
        &self,
        index: usize,
        row: &PlanRow,
        state: &RowState,
        tag: &mut Option<Value>,
    ) -> Result<RowOutcome> {
        let (client, plan, journal) = (self.client, self.plan, self.journal);
        let interrupted = state.begun.is_some();
        let outcome = match &row.class {
            RowClass::Create if !interrupted => match self.key_taken(row).await {
                Some(outcome) => outcome,
                None => create(client, plan, index, row, false, journal).await?,
            },
            RowClass::Create => create(client, plan, index, row, true, journal).await?,
            RowClass::Update { changes } => {
                update(client, plan, index, row, changes, interrupted, journal).await?
            }
            RowClass::Missing {
                action: MissingAction::Tag { label },
            } => match tag_type(plan) {
                None => return Ok(unsupported(plan, "tag")),
                Some(kind) => self.tag(index, row, label, kind, tag, interrupted).await?,
            },
            RowClass::Missing {
                action: MissingAction::Archive,
            } if archivable(plan) => self.archive(index, row, interrupted).await?,
            RowClass::Missing {
                action: MissingAction::Archive,
            } => return Ok(unsupported(plan, "archive")),
            RowClass::Missing {
                action: MissingAction::Unsupported { policy },
            } => return Ok(unsupported(plan, policy)),
            _ => return Ok(RowOutcome::Skipped),
        };
        if outcome != RowOutcome::Skipped {
            journal.append(&JournalEntry::Done {
                plan: plan.id.clone(),
                row: index,
                outcome: outcome.clone(),
            })?;
        }
        Ok(outcome)
    }

    /// `Some` with the create row's outcome when it must not be posted: a record holding its
    /// key was added to Dastra since the plan ([`RowOutcome::Stale`], with that record's id),
    /// or Dastra's keys cannot be read now ([`RowOutcome::Failed`], tried again with the next
    /// create row and the next run).
    async fn key_taken(&self, row: &PlanRow) -> Option<RowOutcome> {
        let key = normalize_key(row.key.as_deref()?);
        let keys = self
            .keys
            .get_or_try_init(|| current_keys(self.client, self.plan))
            .await;
        match keys {
            Ok(keys) => keys
                .get(&key)
                .map(|id| RowOutcome::Stale { id: id.clone() }),
            Err(outcome) => Some(outcome),
        }
    }

    /// Add the tag `label` to a missing row's record.
    async fn tag(
        &self,
        index: usize,
        row: &PlanRow,
        label: &str,
        kind: &str,
        cache: &mut Option<Value>,
        interrupted: bool,
    ) -> Result<RowOutcome> {
        let (id, path) = item(self.client, self.plan, row)?;
        let folded = normalize_key(label);
        let tagged = |record: &Value| {
            record["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|t| t["label"].as_str().map(normalize_key).as_deref() == Some(&folded))
        };
        let finished = RowOutcome::Tagged { id: id.clone() };
        let current = match self
            .read_unchanged(&path, row, interrupted, tagged, finished)
            .await
        {
            Ok(current) => current,
            Err(outcome) => return Ok(outcome),
        };
        if tagged(&current) {
            return Ok(RowOutcome::Skipped);
        }
        let mut tags = current["tags"].as_array().cloned().unwrap_or_default();
        let tag = match cache {
            Some(tag) => tag.clone(),
            None => match resolve_tag(self.client, label, kind).await {
                Ok(tag) => cache.insert(tag).clone(),
                Err(err) => return Ok(RowOutcome::failed_by(&err)),
            },
        };
        tags.push(tag);

        self.begin(index, Some(current))?;
        let ops = json!([{ "op": "replace", "path": "/tags", "value": tags }]);
        Ok(
            match self
                .client
                .send_json(Method::PATCH, &path, Some(&ops))
                .await
            {
                Ok(_) => RowOutcome::Tagged { id },
                Err(err @ DastraError::OutcomeUnknown { .. }) => {
                    let finished = RowOutcome::Tagged { id };
                    self.after_lost(&path, tagged, finished, &err).await
                }
                Err(err) => RowOutcome::failed_by(&err),
            },
        )
    }

    /// Archive a missing row's record.
    async fn archive(&self, index: usize, row: &PlanRow, interrupted: bool) -> Result<RowOutcome> {
        let (id, path) = item(self.client, self.plan, row)?;
        let archived = |record: &Value| record["archived"] == Value::Bool(true);
        let finished = RowOutcome::Archived { id: id.clone() };
        let current = match self
            .read_unchanged(&path, row, interrupted, archived, finished)
            .await
        {
            Ok(current) => current,
            Err(outcome) => return Ok(outcome),
        };
        if archived(&current) {
            return Ok(RowOutcome::Skipped);
        }
        self.begin(index, Some(current))?;
        let collection = self.client.workspace_path(collection(self.plan.entity))?;
        let id_text = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
        let archive = format!("{collection}/archive/{id_text}");
        Ok(
            match self.client.send_json(Method::POST, &archive, None).await {
                Ok(_) => RowOutcome::Archived { id },
                Err(err @ DastraError::OutcomeUnknown { .. }) => {
                    let finished = RowOutcome::Archived { id };
                    self.after_lost(&path, archived, finished, &err).await
                }
                Err(err) => RowOutcome::failed_by(&err),
            },
        )
    }

    /// The row's record, read again; `Err` with the row's outcome when it changed since the
    /// plan ([`RowOutcome::Stale`]) or cannot be read. A row `interrupted` mid-call (by a
    /// crash, a kill or a lost answer) whose record shows the write as `done` is `Err` with
    /// `finished`: the write reached Dastra, and changed the record's fingerprint with it.
    async fn read_unchanged(
        &self,
        path: &str,
        row: &PlanRow,
        interrupted: bool,
        done: impl Fn(&Value) -> bool,
        finished: RowOutcome,
    ) -> std::result::Result<Value, RowOutcome> {
        let target = row
            .target
            .as_ref()
            .expect("BUG: a matched row always has its record");
        match self.client.get_json(path, &[]).await {
            Ok(current) if interrupted && done(&current) => Err(finished),
            Ok(current) if Fingerprint::of(&current) == target.fingerprint => Ok(current),
            Ok(_) | Err(DastraError::NotFound { .. }) => Err(RowOutcome::Stale {
                id: target.id.clone(),
            }),
            Err(err) => Err(RowOutcome::failed_by(&err)),
        }
    }

    /// After a write to the record at `path` whose answer was lost (`err`): the record read
    /// again shows it `done` (the row is `finished`), or the row failed, and the next run
    /// reconciles it as an interrupted one.
    async fn after_lost(
        &self,
        path: &str,
        done: impl Fn(&Value) -> bool,
        finished: RowOutcome,
        err: &DastraError,
    ) -> RowOutcome {
        match self.client.get_json(path, &[]).await {
            Ok(now) if done(&now) => finished,
            _ => RowOutcome::failed_by(err),
        }
    }

    fn begin(&self, row: usize, before: Option<Value>) -> Result<()> {
        self.journal.append(&JournalEntry::Begin {
            plan: self.plan.id.clone(),
            row,
            before,
        })
    }
}

/// The keys of the plan's entity's records in Dastra now, normalised, each with the id of the
/// first record holding it; `Err` with a create row's outcome when they cannot be read.
async fn current_keys(
    client: &DastraClient,
    plan: &Plan,
) -> std::result::Result<HashMap<String, Value>, RowOutcome> {
    let mut keys = HashMap::new();
    let read = for_each_page(client, plan.entity, MAX_PAGE_SIZE, |page| {
        for record in page {
            if let Some(key) = key_of(&record, &plan.key_field) {
                let id = record.get("id").cloned().unwrap_or(Value::Null);
                keys.entry(normalize_key(&key)).or_insert(id);
            }
        }
    })
    .await;
    match read {
        Ok(()) => Ok(keys),
        Err(Error::Dastra(err)) => Err(RowOutcome::failed_by(&err)),
        Err(other) => Err(RowOutcome::failed(
            other.to_string(),
            WriteFailure::Dastra {
                refusal: DastraRefusal::Protocol,
                status: None,
                detail: None,
            },
        )),
    }
}

/// The id and item path of a matched row's record.
fn item(client: &DastraClient, plan: &Plan, row: &PlanRow) -> Result<(Value, String)> {
    let target = row
        .target
        .as_ref()
        .expect("BUG: a matched row always has its record");
    let id = target.id.clone();
    let id_text = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
    let path = format!(
        "{}/{id_text}",
        client.workspace_path(collection(plan.entity))?
    );
    Ok((id, path))
}

/// The `TagType` of the plan's entity, when Dastra has one.
fn tag_type(plan: &Plan) -> Option<&'static str> {
    match plan.entity {
        passerelle_mapping::Entity::Asset => Some("Asset"),
        passerelle_mapping::Entity::Actor => Some("Actor"),
        _ => None,
    }
}

/// Whether Dastra archives records of the plan's entity.
fn archivable(plan: &Plan) -> bool {
    plan.entity == passerelle_mapping::Entity::Contract
}

fn unsupported(plan: &Plan, action: &str) -> RowOutcome {
    let entity = plan.entity.to_string();
    let article = if entity.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    RowOutcome::Unsupported {
        message: format!(
            "Dastra cannot {action} {article} {entity} through its API: choose another policy \
             for records missing from the source, or do it in Dastra"
        ),
    }
}

/// The workspace's tag labelled `label` of type `kind`, created when there is none.
async fn resolve_tag(
    client: &DastraClient,
    label: &str,
    kind: &str,
) -> passerelle_dastra::Result<Value> {
    let path = client.workspace_path("Tags")?;
    let folded = normalize_key(label);
    let same = |t: &&Value| {
        t["type"] == kind && t["label"].as_str().map(normalize_key) == Some(folded.clone())
    };
    let tags = client.get_json(&path, &[]).await?;
    if let Some(tag) = tags.as_array().into_iter().flatten().find(same) {
        return Ok(tag.clone());
    }
    let body = json!({ "label": label, "type": kind });
    let created = client.send_json(Method::POST, &path, Some(&body)).await?;
    tracing::debug!(id = %created["id"], "created the missing-records tag");
    Ok(created)
}

async fn create(
    client: &DastraClient,
    plan: &Plan,
    index: usize,
    row: &PlanRow,
    interrupted: bool,
    journal: &Journal,
) -> Result<RowOutcome> {
    let key = row.key.as_deref().unwrap_or_default();
    if interrupted {
        match find_by_key(client, plan, key).await {
            Ok(Some(id)) => return Ok(RowOutcome::Created { id }),
            Ok(None) => {}
            Err(outcome) => return Ok(outcome),
        }
    }
    let begin = JournalEntry::Begin {
        plan: plan.id.clone(),
        row: index,
        before: None,
    };
    journal.append(&begin)?;

    let path = client.workspace_path(collection(plan.entity))?;
    let body = Value::Object(row.values.clone());
    let answer = client.send_json(Method::POST, &path, Some(&body)).await;
    Ok(match answer {
        Ok(created) if !created["id"].is_null() => RowOutcome::Created {
            id: created["id"].clone(),
        },
        Ok(_) | Err(DastraError::OutcomeUnknown { .. }) => {
            match find_by_key(client, plan, key).await {
                Ok(Some(id)) => RowOutcome::Created { id },
                Ok(None) => RowOutcome::failed(
                    "the create's answer was lost and no record has its key: apply the plan \
                     again",
                    WriteFailure::CreateLost,
                ),
                Err(outcome) => outcome,
            }
        }
        Err(err) => RowOutcome::failed_by(&err),
    })
}

/// The id of the one record of the plan's entity whose key is `key`; `Err` with the row's
/// outcome when the list fails or finds several.
async fn find_by_key(
    client: &DastraClient,
    plan: &Plan,
    key: &str,
) -> std::result::Result<Option<Value>, RowOutcome> {
    let found = records_with_key(client, plan.entity, &plan.key_field, key)
        .await
        .map_err(|e| RowOutcome::failed_by(&e))?;
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one["id"].clone())),
        many => Err(RowOutcome::failed(
            format!(
                "{} records now have this « {} »: keep one in Dastra, then plan again",
                many.len(),
                plan.key_field
            ),
            WriteFailure::KeyHeldBySeveral {
                count: many.len(),
                field: plan.key_field.clone(),
            },
        )),
    }
}

async fn update(
    client: &DastraClient,
    plan: &Plan,
    index: usize,
    row: &PlanRow,
    changes: &[FieldChange],
    interrupted: bool,
    journal: &Journal,
) -> Result<RowOutcome> {
    let target = row
        .target
        .as_ref()
        .expect("BUG: an update row always has its record");
    let id = target.id.clone();
    let id_text = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
    let path = format!(
        "{}/{id_text}",
        client.workspace_path(collection(plan.entity))?
    );

    let current = match client.get_json(&path, &[]).await {
        Ok(current) => current,
        Err(DastraError::NotFound { .. }) => return Ok(RowOutcome::Stale { id }),
        Err(err) => return Ok(RowOutcome::failed_by(&err)),
    };
    let applied = |record: &Value| {
        changes
            .iter()
            .all(|c| holds(&c.after, record.get(&c.field).unwrap_or(&Value::Null)))
    };
    if interrupted && applied(&current) {
        return Ok(RowOutcome::Updated { id });
    }
    if Fingerprint::of(&current) != target.fingerprint {
        return Ok(RowOutcome::Stale { id });
    }
    let begin = JournalEntry::Begin {
        plan: plan.id.clone(),
        row: index,
        before: Some(current),
    };
    journal.append(&begin)?;

    let ops: Vec<Value> = changes
        .iter()
        .map(|c| json!({ "op": "replace", "path": format!("/{}", c.field), "value": c.after }))
        .collect();
    let answer = client
        .send_json(Method::PATCH, &path, Some(&Value::Array(ops)))
        .await;
    Ok(match answer {
        Ok(_) => RowOutcome::Updated { id },
        Err(DastraError::OutcomeUnknown { .. }) => match client.get_json(&path, &[]).await {
            Ok(now) if applied(&now) => RowOutcome::Updated { id },
            Ok(_) => RowOutcome::failed(
                "the update's answer was lost and it was not applied: apply the plan again",
                WriteFailure::UpdateLost,
            ),
            Err(err) => RowOutcome::failed_by(&err),
        },
        Err(err) => RowOutcome::failed_by(&err),
    })
}

#[cfg(test)]
mod tests {
    use passerelle_audit::{Actor, AuditAction};

    use super::*;

    #[test]
    fn the_audit_counts_group_every_outcome_once() {
        let id = || json!(7);
        let outcomes = [
            RowOutcome::Created { id: id() },
            RowOutcome::Created { id: id() },
            RowOutcome::Updated { id: id() },
            RowOutcome::Tagged { id: id() },
            RowOutcome::Archived { id: id() },
            RowOutcome::Undone { id: id() },
            RowOutcome::Skipped,
            RowOutcome::Stale { id: id() },
            RowOutcome::Unsupported {
                message: "no".into(),
            },
            RowOutcome::failed("down", WriteFailure::UpdateLost),
        ];
        let rows = outcomes.into_iter().enumerate();
        let report = ApplyReport {
            plan_id: "p1".into(),
            rows: rows
                .map(|(index, outcome)| RowReport {
                    index,
                    source_row: None,
                    outcome,
                    resumed: false,
                })
                .collect(),
            cancelled: false,
        };
        let actor = Actor::new("dpo").expect("an actor");
        let event = report.audit_counts(AuditEvent::new(actor, AuditAction::ImportApplied));
        let counts: Vec<(Count, u64)> = event.counts.into_iter().collect();
        let mut expected = vec![
            (Count::Created, 2),
            (Count::Updated, 3),
            (Count::Deleted, 1),
            (Count::Skipped, 3),
            (Count::Failed, 1),
        ];
        expected.sort();
        assert_eq!(counts, expected);
    }
}
