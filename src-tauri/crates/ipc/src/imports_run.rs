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
    ApplySink, Journal, Plan, PlanRow, RowClass, RowOutcome, RowReport,
};
use passerelle_mapping::{NoLookups, Profile, SourceKind, SourceRow};
use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::api::{Api, EventSink};
use crate::error::{ErrorCode, IpcError};
use crate::imports::*;
use crate::imports_rows::{count_outcome, kind_of, meta_view, outcome_kind, row_text, writes};

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
pub(crate) struct Loaded {
    pub(crate) folder: PathBuf,
    pub(crate) plan: Plan,
    pub(crate) meta: Meta,
    /// Each row's text, lowercased, for the search box.
    pub(crate) text: Vec<String>,
    /// What applying or undoing did to each row, by index.
    pub(crate) outcomes: HashMap<usize, RowOutcome>,
}

/// `import.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Meta {
    pub(crate) plan_id: String,
    pub(crate) profile_id: String,
    pub(crate) profile_name: String,
    pub(crate) entity: String,
    pub(crate) key_field: String,
    pub(crate) source_name: String,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) applied_at: Option<DateTime<Utc>>,
    pub(crate) undone_at: Option<DateTime<Utc>>,
    pub(crate) state: ImportState,
    pub(crate) error: Option<String>,
    pub(crate) deselected: BTreeSet<usize>,
    pub(crate) choices: BTreeMap<usize, ConflictChoice>,
    pub(crate) resolved: BTreeMap<usize, PlanRow>,
    pub(crate) counts: PlanCounts,
    pub(crate) rows: u64,
    pub(crate) to_write: u64,
    pub(crate) outcomes: OutcomeCounts,
}

fn internal(what: &str, e: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Internal, format!("{what}: {e}"))
}

/// Write `text` to `path` through a temp file renamed over it.
pub(crate) fn write_atomic(path: &Path, text: &str) -> Result<(), IpcError> {
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
        let q = passerelle_matching::normalize::fold(req.q.trim());
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
