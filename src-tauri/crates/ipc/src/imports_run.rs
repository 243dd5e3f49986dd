//! The bodies of the import commands, and the folder their plans live in.
//!
//! Each plan gets a folder `imports/<plan id>/` in the app data folder:
//!
//! - `plan.json`: the plan as made (`passerelle_imports::Plan`), never rewritten;
//! - `profile.json`: the profile it was made with;
//! - `import.json`: what the window needs besides (names, state, the DPO's choices, the rows
//!   resolved by taking the source, counts), written to a temp file and renamed;
//! - `applied.json`: the plan as applied (choices folded in), which an undo reverts;
//! - `journal.jsonl`: the apply journal of before-images (see `passerelle_imports::journal`);
//!   each row's outcome is read back from it when the import is opened again.
//!
//! An open plan is kept in memory with a lowercased text of each row, so paging and
//! filtering 10,000 rows is a scan of strings, not a read of the file.
//!
//! NOTE: records are looked up with no Dastra look-ups (tags, areas, vendors by name) until the
//! engine reads them; a profile that uses them gets its rows marked invalid with the reason.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, Utc};
use passerelle_connectors::files::{read_file, Piece, ReadOptions};
use passerelle_imports::{
    apply_plan_except, fetch_records, plan_records, records_with_key, take_source, undo_plan,
    ApplySink, ConflictReason, Journal, MissingAction, Plan, PlanRow, RowClass, RowOutcome,
    RowReport,
};
use passerelle_mapping::{NoLookups, Profile, SourceKind, SourceRow};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::api::{Api, EventSink};
use crate::error::{ErrorCode, IpcError};
use crate::imports::*;

/// The plans open in this app and the runs going on.
pub(crate) struct Imports {
    /// `imports/` in the app data folder; `None` when the host gave none.
    pub(crate) dir: Option<PathBuf>,
    open: Mutex<HashMap<String, Arc<Mutex<Loaded>>>>,
    running: Arc<Mutex<HashMap<String, CancellationToken>>>,
}

impl Imports {
    pub(crate) fn new(dir: Option<PathBuf>) -> Imports {
        Imports {
            dir,
            open: Mutex::default(),
            running: Arc::default(),
        }
    }
}

/// An open plan.
struct Loaded {
    folder: PathBuf,
    plan: Plan,
    meta: Meta,
    /// Each row's text, lowercased, for the search box.
    text: Vec<String>,
    /// What applying or undoing did to each row, by index.
    outcomes: HashMap<usize, RowOutcome>,
}

/// `import.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    plan_id: String,
    profile_id: String,
    profile_name: String,
    entity: String,
    key_field: String,
    source_name: String,
    created_at: DateTime<Utc>,
    applied_at: Option<DateTime<Utc>>,
    undone_at: Option<DateTime<Utc>>,
    state: ImportState,
    error: Option<String>,
    deselected: BTreeSet<usize>,
    choices: BTreeMap<usize, ConflictChoice>,
    resolved: BTreeMap<usize, PlanRow>,
    counts: PlanCounts,
    rows: u64,
    to_write: u64,
    outcomes: OutcomeCounts,
}

fn internal(what: &str, e: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Internal, format!("{what}: {e}"))
}

/// Write `text` to `path` through a temp file renamed over it.
fn write_atomic(path: &Path, text: &str) -> Result<(), IpcError> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            internal(
                &format!("the import file {} cannot be written", path.display()),
                e,
            )
        })
}

fn kind_of(class: &RowClass) -> RowKind {
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
fn writes(row: &PlanRow) -> bool {
    match &row.class {
        RowClass::Create | RowClass::Update { .. } => true,
        RowClass::Missing { action } => *action != MissingAction::Ignore,
        _ => false,
    }
}

fn outcome_kind(outcome: &RowOutcome) -> OutcomeKind {
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

fn count_outcome(counts: &mut OutcomeCounts, outcome: &RowOutcome) {
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
fn value_text(value: &Value) -> String {
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

fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

fn label_of(row: &PlanRow) -> Option<String> {
    ["label", "name", "title"]
        .iter()
        .find_map(|k| row.values.get(*k))
        .map(value_text)
        .filter(|s| !s.is_empty())
}

fn row_text(row: &PlanRow) -> String {
    let mut text = row.key.clone().unwrap_or_default();
    for value in row.values.values() {
        text.push('\u{1f}');
        text.push_str(&value_text(value));
    }
    if let RowClass::Update { changes } = &row.class {
        for c in changes {
            text.push('\u{1f}');
            text.push_str(&c.field);
            text.push('\u{1f}');
            text.push_str(&value_text(&c.before));
        }
    }
    if let Some(n) = row.source_row {
        text.push_str(&format!("\u{1f}{n}"));
    }
    text.to_lowercase()
}

impl Loaded {
    fn row(&self, index: usize) -> &PlanRow {
        self.meta
            .resolved
            .get(&index)
            .unwrap_or(&self.plan.rows[index])
    }

    fn selected(&self, index: usize) -> bool {
        writes(self.row(index)) && !self.meta.deselected.contains(&index)
    }

    /// The counts of `meta` from the rows, choices and outcomes.
    fn recount(&mut self) {
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

    fn save(&self) -> Result<(), IpcError> {
        let text = serde_json::to_string_pretty(&self.meta).expect("BUG: meta serialises");
        write_atomic(&self.folder.join("import.json"), &text)
    }

    /// The plan as it is applied: resolved rows in place of their conflicts.
    fn effective_plan(&self) -> Plan {
        let mut plan = self.plan.clone();
        for (index, row) in &self.meta.resolved {
            plan.rows[*index] = row.clone();
        }
        plan.summary = passerelle_imports::PlanSummary::of(&plan.rows);
        plan
    }

    fn row_view(&self, index: usize) -> ImportRowView {
        let row = self.row(index);
        let planned = &self.plan.rows[index];
        let conflict = match &planned.class {
            RowClass::Conflict { reason } => Some(conflict_view(reason, &self.plan.key_field)),
            _ => None,
        };
        let changes = match &row.class {
            RowClass::Update { changes } => changes
                .iter()
                .map(|c| FieldChangeView {
                    field: c.field.clone(),
                    before: value_text(&c.before),
                    after: value_text(&c.after),
                })
                .collect(),
            _ => Vec::new(),
        };
        let problems = match &row.class {
            RowClass::Invalid { problems } => problems.iter().map(|p| p.message.clone()).collect(),
            _ => Vec::new(),
        };
        let missing = match &row.class {
            RowClass::Missing { action } => Some(match action {
                MissingAction::Ignore => MissingView {
                    action: "ignore".into(),
                    label: None,
                },
                MissingAction::Tag { label } => MissingView {
                    action: "tag".into(),
                    label: Some(label.clone()),
                },
                MissingAction::Archive => MissingView {
                    action: "archive".into(),
                    label: None,
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

    fn view(&self) -> ImportView {
        let m = &self.meta;
        ImportView {
            plan_id: m.plan_id.clone(),
            profile_id: m.profile_id.clone(),
            profile_name: m.profile_name.clone(),
            entity: m.entity.clone(),
            key_field: m.key_field.clone(),
            source_name: m.source_name.clone(),
            created_at: m.created_at.to_rfc3339(),
            applied_at: m.applied_at.map(|t| t.to_rfc3339()),
            undone_at: m.undone_at.map(|t| t.to_rfc3339()),
            state: m.state,
            counts: m.counts,
            rows: m.rows,
            to_write: m.to_write,
            outcomes: m.outcomes,
            error: m.error.clone(),
        }
    }
}

fn meta_view(m: Meta) -> ImportView {
    ImportView {
        plan_id: m.plan_id,
        profile_id: m.profile_id,
        profile_name: m.profile_name,
        entity: m.entity,
        key_field: m.key_field,
        source_name: m.source_name,
        created_at: m.created_at.to_rfc3339(),
        applied_at: m.applied_at.map(|t| t.to_rfc3339()),
        undone_at: m.undone_at.map(|t| t.to_rfc3339()),
        state: m.state,
        counts: m.counts,
        rows: m.rows,
        to_write: m.to_write,
        outcomes: m.outcomes,
        error: m.error,
    }
}

fn conflict_view(reason: &ConflictReason, key_field: &str) -> ConflictView {
    let message = reason.message(key_field);
    match reason {
        ConflictReason::DuplicateInSource { rows } => ConflictView {
            cause: ConflictCause::DuplicateInSource,
            rows: rows.clone(),
            ids: Vec::new(),
            message,
        },
        ConflictReason::SeveralInDastra { ids } => ConflictView {
            cause: ConflictCause::SeveralInDastra,
            rows: Vec::new(),
            ids: ids.iter().map(id_text).collect(),
            message,
        },
    }
}

fn outcome_view(outcome: &RowOutcome) -> RowOutcomeView {
    let (id, message) = match outcome {
        RowOutcome::Created { id }
        | RowOutcome::Updated { id }
        | RowOutcome::Stale { id }
        | RowOutcome::Tagged { id }
        | RowOutcome::Archived { id }
        | RowOutcome::Undone { id } => (Some(id_text(id)), None),
        RowOutcome::Failed { message } | RowOutcome::Unsupported { message } => {
            (None, Some(message.clone()))
        }
        RowOutcome::Skipped => (None, None),
    };
    RowOutcomeView {
        kind: outcome_kind(outcome),
        id,
        message,
    }
}

/// The records of `path` as source rows, the way `profile` says to read them.
fn read_source(path: &Path, profile: &Profile) -> Result<Vec<SourceRow>, IpcError> {
    let wanted = match &profile.source.kind {
        SourceKind::Json { records } => records.clone(),
        SourceKind::Xlsx { sheet } => sheet.clone(),
        _ => None,
    };
    let first_sheet_only = matches!(profile.source.kind, SourceKind::Xlsx { sheet: None });
    let mut rows: Vec<SourceRow> = Vec::new();
    let mut first_sheet: Option<Option<String>> = None;
    let mut sink = |piece: Piece<'_>| {
        if let Piece::Record { at, fields } = piece {
            let sheet = first_sheet.get_or_insert_with(|| at.sheet.clone());
            let keep = match &wanted {
                Some(name) => at.sheet.as_deref() == Some(name.as_str()),
                None => !first_sheet_only || at.sheet == *sheet,
            };
            if keep {
                let n = at.row.or(at.line).unwrap_or(rows.len() as u64 + 1);
                rows.push(SourceRow::new(n, fields.iter().cloned()));
            }
        }
        ControlFlow::Continue(())
    };
    read_file(path, &ReadOptions::default(), &mut sink)
        .map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
    if rows.is_empty() {
        let under = wanted
            .map(|w| format!(" under « {w} »"))
            .unwrap_or_default();
        let msg = format!(
            "{} holds no records{under}: choose the export itself, or correct the profile's \
             source",
            path.display()
        );
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    }
    let headers: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| r.fields.iter().map(|(k, _)| k.as_str()))
        .collect();
    let headers: Vec<&str> = headers.into_iter().collect();
    let problems = profile.check_columns(&headers);
    if !problems.is_empty() {
        let msg = problems
            .iter()
            .map(|p| p.message.clone())
            .collect::<Vec<_>>()
            .join("; ");
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    }
    Ok(rows)
}

/// The sink of one run: outcomes into the open plan, progress to the window.
struct RunSink {
    loaded: Arc<Mutex<Loaded>>,
    events: Arc<dyn EventSink>,
    plan_id: String,
    operation: ImportOperation,
    total: u64,
    done: u64,
    counts: OutcomeCounts,
    started: Instant,
    last_event: Option<Instant>,
}

impl RunSink {
    fn emit(&mut self, force: bool) {
        let due = self
            .last_event
            .is_none_or(|t| t.elapsed().as_millis() >= 100);
        if !force && !due {
            return;
        }
        self.last_event = Some(Instant::now());
        let eta_seconds = (self.done >= 3 && self.done < self.total).then(|| {
            let per_row = self.started.elapsed().as_secs_f64() / self.done as f64;
            (per_row * (self.total - self.done) as f64).ceil() as u64
        });
        self.events.import_progress(ImportProgressEvent {
            plan_id: self.plan_id.clone(),
            operation: self.operation,
            done: self.done,
            total: self.total,
            outcomes: self.counts,
            eta_seconds,
        });
    }
}

impl ApplySink for RunSink {
    fn row_applied(&mut self, report: &RowReport) {
        let mut loaded = self.loaded.lock().expect("BUG: import lock poisoned");
        let writing = !report.resumed
            && (self.operation == ImportOperation::Undo || loaded.selected(report.index));
        if report.outcome == RowOutcome::Skipped && loaded.outcomes.contains_key(&report.index) {
            // A row left out now keeps what an earlier run did to it.
        } else {
            loaded.outcomes.insert(report.index, report.outcome.clone());
        }
        drop(loaded);
        if writing {
            self.done += 1;
            count_outcome(&mut self.counts, &report.outcome);
            let last = self.done == self.total;
            self.emit(last);
        }
    }
}

impl Api {
    fn imports_dir(&self) -> Result<PathBuf, IpcError> {
        self.imports.dir.clone().ok_or_else(|| {
            IpcError::new(
                ErrorCode::Unsupported,
                "imports cannot be kept: this Passerelle has no data folder for them",
            )
        })
    }

    /// The open plan `plan_id`, read from its folder when not open yet.
    fn loaded(&self, plan_id: &str) -> Result<Arc<Mutex<Loaded>>, IpcError> {
        if let Some(found) = self.imports.open.lock().expect("BUG: lock").get(plan_id) {
            return Ok(Arc::clone(found));
        }
        let valid = !plan_id.is_empty()
            && plan_id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-');
        let folder = self.imports_dir()?.join(plan_id);
        if !valid || !folder.join("import.json").is_file() {
            let msg = format!("there is no import {plan_id}: open one from the import history");
            return Err(IpcError::new(ErrorCode::NotFound, msg));
        }
        let read = |name: &str| {
            std::fs::read_to_string(folder.join(name))
                .map_err(|e| internal(&format!("the import file {name} cannot be read"), e))
        };
        let plan = Plan::from_json(&read("plan.json")?)
            .map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
        let mut meta: Meta = serde_json::from_str(&read("import.json")?)
            .map_err(|e| internal("the import file import.json is damaged", e))?;
        let mut outcomes = HashMap::new();
        let journal = folder.join("journal.jsonl");
        if journal.is_file() {
            let journal = Journal::open(&journal).map_err(|e| internal("journal", e))?;
            for (index, state) in journal.rows(&plan.id).map_err(|e| internal("journal", e))? {
                if let Some(done) = state.done {
                    outcomes.insert(index, done);
                }
            }
        }
        // A run going on when the app closed stopped there: applying again goes on.
        if matches!(meta.state, ImportState::Applying | ImportState::Undoing) {
            meta.state = ImportState::Cancelled;
        }
        let text = plan.rows.iter().map(row_text).collect();
        let mut loaded = Loaded {
            folder,
            plan,
            meta,
            text,
            outcomes,
        };
        loaded.recount();
        let loaded = Arc::new(Mutex::new(loaded));
        self.imports
            .open
            .lock()
            .expect("BUG: lock")
            .insert(plan_id.to_owned(), Arc::clone(&loaded));
        Ok(loaded)
    }

    /// `import_plan`
    pub async fn import_plan(&self, req: ImportPlanRequest) -> Result<ImportView, IpcError> {
        let dir = self.imports_dir()?;
        let profile = Profile::from_json(&req.profile)
            .map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
        let path = PathBuf::from(req.source.path.trim());
        let rows = {
            let (path, profile) = (path.clone(), profile.clone());
            tokio::task::spawn_blocking(move || read_source(&path, &profile))
                .await
                .map_err(|e| internal("the source could not be read", e))??
        };
        let client = self.current_client();
        // `plan_import` holds its look-ups across the fetch, which a command's future cannot
        // (a `dyn LookupTable` is not `Sync`): fetch, then classify.
        let current = fetch_records(&client, profile.target, 500)
            .await
            .map_err(|e| IpcError::new(ErrorCode::Unreachable, e.to_string()))?;
        let plan = plan_records(&profile, &rows, &NoLookups, &current, Utc::now());

        let folder = dir.join(&plan.id);
        std::fs::create_dir_all(&folder)
            .map_err(|e| internal(&format!("{} cannot be made", folder.display()), e))?;
        write_atomic(&folder.join("plan.json"), &plan.to_json())?;
        write_atomic(&folder.join("profile.json"), &profile.to_json())?;
        let source_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| req.source.path.clone());
        let meta = Meta {
            plan_id: plan.id.clone(),
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            entity: plan.entity.to_string(),
            key_field: plan.key_field.clone(),
            source_name,
            created_at: plan.created_at,
            applied_at: None,
            undone_at: None,
            state: ImportState::Planned,
            error: None,
            deselected: BTreeSet::new(),
            choices: BTreeMap::new(),
            resolved: BTreeMap::new(),
            counts: PlanCounts::default(),
            rows: 0,
            to_write: 0,
            outcomes: OutcomeCounts::default(),
        };
        let text = plan.rows.iter().map(row_text).collect();
        let mut loaded = Loaded {
            folder,
            plan,
            meta,
            text,
            outcomes: HashMap::new(),
        };
        loaded.recount();
        loaded.save()?;
        let view = loaded.view();
        tracing::info!(plan = %view.plan_id, rows = view.rows, "import planned");
        self.imports
            .open
            .lock()
            .expect("BUG: lock")
            .insert(view.plan_id.clone(), Arc::new(Mutex::new(loaded)));
        Ok(view)
    }

    /// `import_get`
    pub async fn import_get(&self, req: ImportIdRequest) -> Result<ImportView, IpcError> {
        let loaded = self.loaded(&req.plan_id)?;
        let view = loaded.lock().expect("BUG: import lock poisoned").view();
        Ok(view)
    }

    /// `import_rows`
    pub async fn import_rows(
        &self,
        req: ImportRowsRequest,
    ) -> Result<ImportRowsResponse, IpcError> {
        if req.limit == 0 || req.limit > 1000 {
            let msg = format!("a page holds 1 to 1,000 rows, not {}", req.limit);
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        }
        let loaded = self.loaded(&req.plan_id)?;
        let loaded = loaded.lock().expect("BUG: import lock poisoned");
        let q = req.q.trim().to_lowercase();
        let matching = (0..loaded.plan.rows.len()).filter(|&i| {
            (req.kinds.is_empty()
                || req.kinds.contains(&kind_of(&loaded.row(i).class))
                || (req.kinds.contains(&RowKind::Conflict)
                    && kind_of(&loaded.plan.rows[i].class) == RowKind::Conflict))
                && (req.outcomes.is_empty()
                    || loaded
                        .outcomes
                        .get(&i)
                        .is_some_and(|o| req.outcomes.contains(&outcome_kind(o))))
                && (q.is_empty() || loaded.text[i].contains(&q))
        });
        let mut total = 0u64;
        let mut rows = Vec::new();
        for i in matching {
            if total >= u64::from(req.offset) && rows.len() < req.limit as usize {
                rows.push(loaded.row_view(i));
            }
            total += 1;
        }
        Ok(ImportRowsResponse {
            rows,
            total,
            offset: req.offset,
        })
    }

    /// `import_choose`
    pub async fn import_choose(&self, req: ImportChooseRequest) -> Result<ImportView, IpcError> {
        let loaded = self.loaded(&req.plan_id)?;
        let state = loaded.lock().expect("BUG: import lock poisoned").meta.state;
        if state != ImportState::Planned {
            let msg = "this import was applied already: choices are made before applying; plan \
                       the import again to choose otherwise";
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        }
        let rows = loaded
            .lock()
            .expect("BUG: import lock poisoned")
            .plan
            .rows
            .len();
        if let Some(bad) = req.indexes.iter().find(|&&i| i as usize >= rows) {
            let msg = format!("the plan has {rows} rows, and no row {bad}");
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        }
        if let Some(choice) = req.choice {
            for &index in &req.indexes {
                self.choose(&loaded, index as usize, choice).await?;
            }
        }
        let mut l = loaded.lock().expect("BUG: import lock poisoned");
        if let Some(selected) = req.selected {
            for &index in &req.indexes {
                let index = index as usize;
                if !writes(l.row(index)) {
                    continue;
                }
                if selected {
                    l.meta.deselected.remove(&index);
                } else {
                    l.meta.deselected.insert(index);
                }
            }
        }
        l.recount();
        l.save()?;
        Ok(l.view())
    }

    async fn choose(
        &self,
        loaded: &Arc<Mutex<Loaded>>,
        index: usize,
        choice: ConflictChoice,
    ) -> Result<(), IpcError> {
        let (row, entity, key_field) = {
            let l = loaded.lock().expect("BUG: import lock poisoned");
            let row = l.plan.rows[index].clone();
            (row, l.plan.entity, l.plan.key_field.clone())
        };
        if !matches!(row.class, RowClass::Conflict { .. }) {
            let msg = format!("row {index} is not a conflict: only conflicts are resolved");
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        }
        let resolved = if choice == ConflictChoice::TakeSource {
            let key = row.key.clone().unwrap_or_default();
            let current = records_with_key(&self.current_client(), entity, &key_field, &key)
                .await
                .map_err(IpcError::from)?;
            let l = loaded.lock().expect("BUG: import lock poisoned");
            let mut plan = l.effective_plan();
            // Taking it again reads Dastra again.
            plan.rows[index] = l.plan.rows[index].clone();
            let taken = take_source(&mut plan, index, &current)
                .map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
            Some(taken)
        } else {
            None
        };
        let mut l = loaded.lock().expect("BUG: import lock poisoned");
        match resolved {
            Some(row) => l.meta.resolved.insert(index, row),
            None => l.meta.resolved.remove(&index),
        };
        l.meta.choices.insert(index, choice);
        l.meta.deselected.remove(&index);
        Ok(())
    }

    /// `import_apply`: starts applying the plan; `import_progress` and `import_finished`
    /// follow.
    pub async fn import_apply(&self, req: ImportIdRequest) -> Result<ImportView, IpcError> {
        let loaded = self.loaded(&req.plan_id)?;
        let (plan, left_out, total, folder) = {
            let mut l = loaded.lock().expect("BUG: import lock poisoned");
            if !matches!(
                l.meta.state,
                ImportState::Planned | ImportState::Cancelled | ImportState::Failed
            ) {
                let msg = "this import is being applied, was applied or was undone: plan it \
                           again to apply it anew";
                return Err(IpcError::new(ErrorCode::Invalid, msg));
            }
            let plan = l.effective_plan();
            write_atomic(&l.folder.join("applied.json"), &plan.to_json())?;
            let left_out: BTreeSet<usize> = l.meta.deselected.clone();
            let total = (0..plan.rows.len())
                .filter(|&i| l.selected(i) && !l.outcomes.get(&i).is_some_and(|o| o.is_final()))
                .count() as u64;
            l.meta.state = ImportState::Applying;
            l.meta.error = None;
            l.save()?;
            (plan, left_out, total, l.folder.clone())
        };
        self.spawn_run(
            loaded,
            plan,
            folder,
            ImportOperation::Apply,
            total,
            left_out,
        )?;
        self.import_get(req).await
    }

    /// `import_undo`: starts undoing what the plan wrote; `import_progress` and
    /// `import_finished` follow.
    pub async fn import_undo(&self, req: ImportIdRequest) -> Result<ImportView, IpcError> {
        let loaded = self.loaded(&req.plan_id)?;
        let (plan, total, folder) = {
            let mut l = loaded.lock().expect("BUG: import lock poisoned");
            if !matches!(
                l.meta.state,
                ImportState::Applied | ImportState::Cancelled | ImportState::Failed
            ) || l.meta.applied_at.is_none()
            {
                let msg = "only an applied import can be undone: this one is not applied, or is \
                           being applied or undone";
                return Err(IpcError::new(ErrorCode::Invalid, msg));
            }
            let text = std::fs::read_to_string(l.folder.join("applied.json"))
                .map_err(|e| internal("the applied plan cannot be read", e))?;
            let plan = Plan::from_json(&text).map_err(|e| internal("the applied plan", e))?;
            let total = l
                .outcomes
                .values()
                .filter(|o| {
                    matches!(
                        o,
                        RowOutcome::Created { .. }
                            | RowOutcome::Updated { .. }
                            | RowOutcome::Tagged { .. }
                            | RowOutcome::Archived { .. }
                    )
                })
                .count() as u64;
            l.meta.state = ImportState::Undoing;
            l.meta.error = None;
            l.save()?;
            (plan, total, l.folder.clone())
        };
        self.spawn_run(
            loaded,
            plan,
            folder,
            ImportOperation::Undo,
            total,
            BTreeSet::new(),
        )?;
        self.import_get(req).await
    }

    /// `import_cancel`: stops the run at the next row; `import_finished` follows.
    pub async fn import_cancel(&self, req: ImportIdRequest) -> Result<ImportView, IpcError> {
        if let Some(token) = self
            .imports
            .running
            .lock()
            .expect("BUG: lock")
            .get(&req.plan_id)
        {
            token.cancel();
        }
        self.import_get(req).await
    }

    /// `import_history`
    pub async fn import_history(
        &self,
        _req: ImportHistoryRequest,
    ) -> Result<ImportHistory, IpcError> {
        let dir = self.imports_dir()?;
        let mut imports = Vec::new();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ImportHistory { imports })
            }
            Err(e) => return Err(internal(&format!("{} cannot be read", dir.display()), e)),
        };
        for entry in entries.flatten() {
            let id = entry.file_name().to_string_lossy().into_owned();
            let open = self
                .imports
                .open
                .lock()
                .expect("BUG: lock")
                .get(&id)
                .cloned();
            if let Some(loaded) = open {
                imports.push(loaded.lock().expect("BUG: import lock poisoned").view());
                continue;
            }
            let Ok(text) = std::fs::read_to_string(entry.path().join("import.json")) else {
                continue;
            };
            match serde_json::from_str::<Meta>(&text) {
                Ok(mut meta) => {
                    if matches!(meta.state, ImportState::Applying | ImportState::Undoing) {
                        meta.state = ImportState::Cancelled;
                    }
                    imports.push(meta_view(meta));
                }
                Err(e) => tracing::warn!(import = %id, error = %e, "damaged import left out"),
            }
        }
        imports.sort_by(|a, b| b.created_at.cmp(&a.created_at));
        Ok(ImportHistory { imports })
    }

    fn spawn_run(
        &self,
        loaded: Arc<Mutex<Loaded>>,
        plan: Plan,
        folder: PathBuf,
        operation: ImportOperation,
        total: u64,
        left_out: BTreeSet<usize>,
    ) -> Result<(), IpcError> {
        let journal = Journal::open(folder.join("journal.jsonl"))
            .map_err(|e| internal("the import journal cannot be opened", e))?;
        let token = CancellationToken::new();
        let running = Arc::clone(&self.imports.running);
        running
            .lock()
            .expect("BUG: lock")
            .insert(plan.id.clone(), token.clone());
        let (client, events) = (self.current_client(), Arc::clone(&self.events));
        let handle = tokio::runtime::Handle::current();
        let mut sink = RunSink {
            loaded: Arc::clone(&loaded),
            events: Arc::clone(&events),
            plan_id: plan.id.clone(),
            operation,
            total,
            done: 0,
            counts: OutcomeCounts::default(),
            started: Instant::now(),
            last_event: None,
        };
        sink.emit(true);
        // The engine's sink is not `Send`, so the run is driven on a blocking thread.
        tokio::task::spawn_blocking(move || {
            let result = handle.block_on(async {
                match operation {
                    ImportOperation::Apply => {
                        apply_plan_except(&client, &plan, &journal, &mut sink, &token, &left_out)
                            .await
                    }
                    ImportOperation::Undo => {
                        undo_plan(&client, &plan, &journal, &mut sink, &token).await
                    }
                }
            });
            sink.emit(true);
            running.lock().expect("BUG: lock").remove(&plan.id);
            let mut l = loaded.lock().expect("BUG: import lock poisoned");
            let now = Utc::now();
            let (state, error) = match (&result, operation) {
                (Err(e), _) => (ImportState::Failed, Some(e.to_string())),
                (Ok(r), _) if r.cancelled => (ImportState::Cancelled, None),
                (Ok(_), ImportOperation::Apply) => (ImportState::Applied, None),
                (Ok(r), ImportOperation::Undo) => {
                    let left = r.count(|o| !matches!(o, RowOutcome::Undone { .. }));
                    if left == 0 {
                        (ImportState::Undone, None)
                    } else {
                        let msg = format!(
                            "{left} rows could not be undone: their records changed in Dastra \
                             since the import, or Dastra failed; see the report"
                        );
                        (ImportState::Applied, Some(msg))
                    }
                }
            };
            match operation {
                ImportOperation::Apply => l.meta.applied_at = Some(now),
                ImportOperation::Undo if state == ImportState::Undone => {
                    l.meta.undone_at = Some(now)
                }
                ImportOperation::Undo => {}
            }
            l.meta.state = state;
            l.meta.error = error.clone();
            l.recount();
            let saved = l.save();
            drop(l);
            if let Err(e) = &saved {
                tracing::error!(error = %e, "the import's state could not be saved");
            }
            tracing::info!(plan = %plan.id, ?operation, ?state, "import run stopped");
            events.import_finished(ImportFinishedEvent {
                plan_id: plan.id.clone(),
                operation,
                state,
                error: error.or(saved.err().map(|e| e.message)),
            });
        });
        Ok(())
    }
}
