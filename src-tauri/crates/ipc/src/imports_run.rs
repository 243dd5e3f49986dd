//! The bodies of the import commands, and the folder their plans live in.
//!
//! `import_plan` opens its source through the engine (`passerelle_imports::open_source`: a
//! file, an SQL query or a REST recipe on a connection of the vault), refuses a profile
//! reading columns the source lacks, lists the Dastra records the profile's look-ups resolve
//! against, then plans row by row (`plan_source`): each source row is mapped as it is read
//! and dropped, so that only the plan's rows are held (what each kind of source holds while
//! it is read: `passerelle_imports::SourceStream`).
//!
//! Each plan gets a folder `imports/<plan id>/` in the app data folder, its files sealed
//! ([`crate::imports_seal`]) but for the profile:
//!
//! - `plan.sealed`: the plan as made (`passerelle_imports::Plan`), never rewritten;
//! - `profile.json`: the profile it was made with;
//! - `import.sealed`: what the window needs besides (names, state, the DPO's choices, the rows
//!   resolved by taking the source, counts), written to a temp file and renamed;
//! - `applied.sealed`: the plan as applied (choices folded in), which an undo reverts.
//!
//! The apply and undo journal of before-images is the sealed table `import_journal` of
//! `passerelle.db` (`passerelle_imports::Journal::open_sealed`, as the command line keeps its
//! own); each row's outcome is read back from it when the import is opened again. Plans,
//! applies and undos are written to the audit log with their counts.
//!
//! An open plan is kept in memory with a lowercased text of each row, so paging and
//! filtering 10,000 rows is a scan of strings, not a read of the file.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, Utc};
use passerelle_audit::{AuditAction, AuditEvent};
use passerelle_imports::{
    apply_plan_except, plan_source, records_with_key, take_source, undo_plan, ApplySink, Plan,
    PlanOptions, PlanRow, PlanWarning, ReadAs, RowClass, RowOutcome, RowReport, SourceSpec,
};
use passerelle_mapping::{MemoryLookups, Profile};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use crate::api::{Api, EventSink};
use crate::error::{ErrorCode, IpcError};
use crate::evidence::append_audit;
use crate::imports::*;
use crate::imports_rows::{
    count_outcome, id_text, ids_in, kind_of, meta_view, outcome_kind, row_text, writes,
};
use crate::imports_seal::ImportSeal;
use crate::refusal::{workspace_error, WorkspaceReading};

/// Dastra records read per page, for plans and look-ups.
pub(crate) const PAGE_SIZE: u32 = 500;

/// The plans open in this app and the runs going on.
pub(crate) struct Imports {
    /// `imports/` in the app data folder; `None` when the host gave none.
    pub(crate) dir: Option<PathBuf>,
    /// The key and journal sealing them; `None` when the keyring could not be used.
    seal: Option<Arc<ImportSeal>>,
    open: Mutex<HashMap<String, Arc<Mutex<Loaded>>>>,
    running: Arc<Mutex<HashMap<String, CancellationToken>>>,
}

impl Imports {
    pub(crate) fn new(dir: Option<PathBuf>, seal: Option<ImportSeal>) -> Imports {
        Imports {
            dir,
            seal: seal.map(Arc::new),
            open: Mutex::default(),
            running: Arc::default(),
        }
    }
}

/// An open plan.
pub(crate) struct Loaded {
    pub(crate) folder: PathBuf,
    pub(crate) seal: Arc<ImportSeal>,
    pub(crate) plan: Plan,
    pub(crate) meta: Meta,
    /// Each row's text, lowercased, for the search box.
    pub(crate) text: Vec<String>,
    /// What applying or undoing did to each row, by index.
    pub(crate) outcomes: HashMap<usize, RowOutcome>,
}

/// `import.sealed`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Meta {
    pub(crate) plan_id: String,
    pub(crate) profile_id: String,
    pub(crate) profile_name: String,
    pub(crate) entity: String,
    pub(crate) key_field: String,
    pub(crate) source_name: String,
    /// The source in parts (absent from imports planned before the window worded it).
    #[serde(default)]
    pub(crate) source: Option<ImportSource>,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) applied_at: Option<DateTime<Utc>>,
    pub(crate) undone_at: Option<DateTime<Utc>>,
    pub(crate) state: ImportState,
    pub(crate) error: Option<String>,
    /// Why the last run ended short of its goal, in parts (absent before the window worded
    /// it, and from imports whose last run went through).
    #[serde(default)]
    pub(crate) stop: Option<ImportStop>,
    pub(crate) deselected: BTreeSet<usize>,
    pub(crate) choices: BTreeMap<usize, ConflictChoice>,
    pub(crate) resolved: BTreeMap<usize, PlanRow>,
    pub(crate) counts: PlanCounts,
    pub(crate) rows: u64,
    pub(crate) to_write: u64,
    pub(crate) outcomes: OutcomeCounts,
    /// The plan's warnings (absent from imports planned before the window showed them).
    #[serde(default)]
    pub(crate) warnings: Vec<PlanWarning>,
    /// What the ids of look-up fields stand for, by field then id (as text): the actor, area
    /// or tag a DPO knows by its name (absent from imports planned before the window named
    /// them).
    #[serde(default)]
    pub(crate) names: BTreeMap<String, BTreeMap<String, String>>,
}

/// The names of the ids `plan` holds in its look-up fields (its values and its changes'
/// before and after), from the look-ups fetched for it.
fn lookup_names(
    profile: &Profile,
    lookups: &MemoryLookups,
    plan: &Plan,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut names: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for field in &profile.fields {
        let Some(kind) = field.lookup_kind() else {
            continue;
        };
        let mut named = BTreeMap::new();
        let mut name = |value: &Value| {
            for id in ids_in(value)
                .iter()
                .filter(|v| v.is_number() || v.is_string())
            {
                if let Some(label) = lookups.label_of(kind, id) {
                    named.insert(id_text(id), label.to_owned());
                }
            }
        };
        for row in &plan.rows {
            if let Some(value) = row.values.get(&field.target) {
                name(value);
            }
            if let RowClass::Update { changes } = &row.class {
                for c in changes.iter().filter(|c| c.field == field.target) {
                    name(&c.before);
                    name(&c.after);
                }
            }
        }
        if !named.is_empty() {
            names.insert(field.target.clone(), named);
        }
    }
    names
}

/// The plan as made, in its folder.
pub(crate) const PLAN_FILE: &str = "plan.sealed";
/// The import's state ([`Meta`]), in its folder.
pub(crate) const META_FILE: &str = "import.sealed";
/// The plan as applied, in its folder.
pub(crate) const APPLIED_FILE: &str = "applied.sealed";

fn internal(what: &str, e: impl std::fmt::Display) -> IpcError {
    IpcError::new(ErrorCode::Internal, format!("{what}: {e}"))
}

/// Write `text` to `path` in clear, through a temp file renamed over it (the profile only).
fn write_clear(path: &Path, text: &str) -> Result<(), IpcError> {
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

/// `event` about import `plan_id`, when it is a valid audit id.
fn about(event: AuditEvent, plan_id: &str) -> AuditEvent {
    match passerelle_audit::Id::job(plan_id) {
        Ok(id) => event.job(id),
        Err(_) => event,
    }
}

/// The name an import's source goes by in the history: the file's name, else how it was read.
fn source_name(spec: &SourceSpec, read_as: &ReadAs) -> String {
    match spec.path().and_then(Path::file_name) {
        Some(name) => name.to_string_lossy().into_owned(),
        None => read_as.to_string(),
    }
}

/// An import's source in parts, for the window to word: the file's name, or the query or the
/// recipe on its connection, named as the engine read them.
fn source_parts(spec: &SourceSpec, read_as: &ReadAs) -> ImportSource {
    match read_as {
        ReadAs::Query { connection } => ImportSource::Query {
            connection: connection.clone(),
        },
        ReadAs::Recipe { recipe, connection } => ImportSource::Recipe {
            recipe: recipe.clone(),
            connection: connection.clone(),
        },
        ReadAs::File { .. } => ImportSource::File {
            name: source_name(spec, read_as),
        },
    }
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
    /// The imports folder and the seal of its files, or why imports cannot be kept.
    fn imports_dir(&self) -> Result<(PathBuf, Arc<ImportSeal>), IpcError> {
        let Some(dir) = self.imports.dir.clone() else {
            return Err(IpcError::new(
                ErrorCode::Unsupported,
                "imports cannot be kept: this Passerelle has no data folder for them",
            ));
        };
        let Some(seal) = self.imports.seal.clone() else {
            return Err(IpcError::new(
                ErrorCode::Unsupported,
                "imports cannot be kept: the OS keyring, which holds the key that seals plans \
                 and their journal, could not be used; unlock it (or install a Secret Service \
                 such as GNOME Keyring or KWallet) and restart Passerelle",
            ));
        };
        Ok((dir, seal))
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
        let (dir, seal) = self.imports_dir()?;
        let folder = dir.join(plan_id);
        if !valid || !folder.join(META_FILE).is_file() {
            let msg = format!("there is no import {plan_id}: open one from the import history");
            return Err(IpcError::new(ErrorCode::NotFound, msg));
        }
        let plan = Plan::from_json(&seal.read(&folder.join(PLAN_FILE))?)
            .map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
        let mut meta: Meta = serde_json::from_str(&seal.read(&folder.join(META_FILE))?)
            .map_err(|e| internal("the import's state is damaged", e))?;
        let mut outcomes = HashMap::new();
        let rows = seal
            .journal
            .rows(&plan.id)
            .map_err(|e| internal("the import journal cannot be read", e))?;
        for (index, state) in rows {
            if let Some(done) = state.done {
                outcomes.insert(index, done);
            }
        }
        // A run going on when the app closed stopped there: applying again goes on.
        if matches!(meta.state, ImportState::Applying | ImportState::Undoing) {
            meta.state = ImportState::Cancelled;
        }
        let text = plan.rows.iter().map(|r| row_text(r, &meta.names)).collect();
        let mut loaded = Loaded {
            folder,
            seal,
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

    /// `import_plan`: open the source, refuse a profile reading columns it lacks, list the
    /// look-ups from the workspace, then map the rows as they are read (none kept), list the
    /// current records and classify the rows.
    pub async fn import_plan(&self, req: ImportPlanRequest) -> Result<ImportView, IpcError> {
        let (dir, seal) = self.imports_dir()?;
        let profile = Profile::from_json(&req.profile)
            .map_err(|e| IpcError::new(ErrorCode::Invalid, e.to_string()))?;
        let (spec, source) = self.open_source(req.source).await?;
        source
            .check_profile(&profile)
            .map_err(|e| self.source_error(e, Some(&spec)))?;
        let read_as = source.read_as().clone();

        let client = self.current_client();
        let lookups = self.lookups_for(&profile).await?;
        let options = PlanOptions {
            page_size: PAGE_SIZE,
        };
        let plan = plan_source(&client, &profile, source, &lookups, &options)
            .await
            .map_err(|e| match e {
                passerelle_imports::Error::Source(e) => self.source_error(e, Some(&spec)),
                e => workspace_error(WorkspaceReading::Records, e),
            })?;
        let records = plan.rows.iter().filter(|r| r.source_row.is_some()).count() as u64;

        let folder = dir.join(&plan.id);
        std::fs::create_dir_all(&folder)
            .map_err(|e| internal(&format!("{} cannot be made", folder.display()), e))?;
        seal.write(&folder.join(PLAN_FILE), &plan.to_json())?;
        write_clear(&folder.join("profile.json"), &profile.to_json())?;
        let meta = Meta {
            plan_id: plan.id.clone(),
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            entity: plan.entity.to_string(),
            key_field: plan.key_field.clone(),
            source_name: source_name(&spec, &read_as),
            source: Some(source_parts(&spec, &read_as)),
            created_at: plan.created_at,
            applied_at: None,
            undone_at: None,
            state: ImportState::Planned,
            error: None,
            stop: None,
            deselected: BTreeSet::new(),
            choices: BTreeMap::new(),
            resolved: BTreeMap::new(),
            counts: PlanCounts::default(),
            rows: 0,
            to_write: 0,
            outcomes: OutcomeCounts::default(),
            warnings: plan.warnings.clone(),
            names: lookup_names(&profile, &lookups, &plan),
        };
        let s = plan.summary;
        let text = plan.rows.iter().map(|r| row_text(r, &meta.names)).collect();
        let mut loaded = Loaded {
            folder,
            seal,
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
        self.audit(AuditAction::ImportPlanned, |e| {
            s.audit_counts(about(e, &view.plan_id), records)
        })
        .await;
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
        let (plan, left_out, total) = {
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
            l.seal
                .write(&l.folder.join(APPLIED_FILE), &plan.to_json())?;
            let left_out: BTreeSet<usize> = l.meta.deselected.clone();
            let total = (0..plan.rows.len())
                .filter(|&i| l.selected(i) && !l.outcomes.get(&i).is_some_and(|o| o.is_final()))
                .count() as u64;
            l.meta.state = ImportState::Applying;
            l.meta.error = None;
            l.meta.stop = None;
            l.save()?;
            (plan, left_out, total)
        };
        self.spawn_run(loaded, plan, ImportOperation::Apply, total, left_out)?;
        self.import_get(req).await
    }

    /// `import_undo`: starts undoing what the plan wrote; `import_progress` and
    /// `import_finished` follow.
    pub async fn import_undo(&self, req: ImportIdRequest) -> Result<ImportView, IpcError> {
        let loaded = self.loaded(&req.plan_id)?;
        let (plan, total) = {
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
            let text = l.seal.read(&l.folder.join(APPLIED_FILE))?;
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
            l.meta.stop = None;
            l.save()?;
            (plan, total)
        };
        self.spawn_run(loaded, plan, ImportOperation::Undo, total, BTreeSet::new())?;
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
        let (dir, seal) = self.imports_dir()?;
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
            let file = entry.path().join(META_FILE);
            if !file.is_file() {
                continue;
            }
            let text = match seal.read(&file) {
                Ok(text) => text,
                Err(e) => {
                    tracing::warn!(import = %id, error = %e.message, "unreadable import left out");
                    continue;
                }
            };
            match serde_json::from_str::<Meta>(&text) {
                Ok(mut meta) => {
                    if matches!(meta.state, ImportState::Applying | ImportState::Undoing) {
                        meta.state = ImportState::Cancelled;
                    }
                    imports.push(meta_view(&meta));
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
        operation: ImportOperation,
        total: u64,
        left_out: BTreeSet<usize>,
    ) -> Result<(), IpcError> {
        let journal = Arc::clone(
            &loaded
                .lock()
                .expect("BUG: import lock poisoned")
                .seal
                .journal,
        );
        let audit = self.audit.clone();
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
            if let Ok(report) = &result {
                let action = match operation {
                    ImportOperation::Apply => AuditAction::ImportApplied,
                    ImportOperation::Undo => AuditAction::ImportUndone,
                };
                handle.block_on(append_audit(audit.as_ref(), action, |e| {
                    report.audit_counts(about(e, &plan.id))
                }));
            }
            running.lock().expect("BUG: lock").remove(&plan.id);
            let mut l = loaded.lock().expect("BUG: import lock poisoned");
            let now = Utc::now();
            let (state, error, stop) = match (&result, operation) {
                (Err(e), _) => (ImportState::Failed, Some(e.to_string()), None),
                (Ok(r), _) if r.cancelled => (ImportState::Cancelled, None, None),
                (Ok(r), ImportOperation::Apply) => {
                    let failed = r.count(|o| matches!(o, RowOutcome::Failed { .. }));
                    if failed == 0 {
                        (ImportState::Applied, None, None)
                    } else {
                        // Not "applied": the DPO applies again once Dastra is back, and the
                        // rows already written are skipped.
                        let msg = format!(
                            "{failed} rows could not be written: see why in the report, then \
                             apply again"
                        );
                        let stop = ImportStop::RowsFailed {
                            rows: failed as u64,
                        };
                        (ImportState::Failed, Some(msg), Some(stop))
                    }
                }
                (Ok(r), ImportOperation::Undo) => {
                    let left = r.count(|o| !matches!(o, RowOutcome::Undone { .. }));
                    if left == 0 {
                        (ImportState::Undone, None, None)
                    } else {
                        let msg = format!(
                            "{left} rows could not be undone: their records changed in Dastra \
                             since the import, or Dastra failed; see the report"
                        );
                        let stop = ImportStop::RowsNotUndone { rows: left as u64 };
                        (ImportState::Applied, Some(msg), Some(stop))
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
            l.meta.stop = stop;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The shell's command adapters await `import_plan` on Tauri's multi-threaded runtime: its
    /// future, which plans while the source is read, must be `Send` (this fails to compile
    /// otherwise).
    #[allow(dead_code)]
    fn import_plan_is_send(api: &Api, req: ImportPlanRequest) {
        fn send<T: Send>(_: T) {}
        send(api.import_plan(req));
    }
}
