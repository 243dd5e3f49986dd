//! Running a discovery job: every source searched, concurrently within a bound, with
//! progress, cancellation, and resumption from checkpoints.
//!
//! [`run_job`] takes a job already recorded in the [`FindingsStore`] and the sources to search
//! (opened by the caller from the vault: the store never sees a secret). Each source is cut
//! into units (a file, a table) and each unit's findings are stored with its checkpoint in one
//! transaction. Running the same job again — after [`CancellationToken::cancel`], a crash or
//! a closed laptop — skips the units already done and retries the sources that failed; the
//! store's de-duplication keeps a unit scanned twice from adding anything twice.

use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::stream::{self, StreamExt};
use passerelle_connectors::files::ReadOptions;
use passerelle_connectors::recipe::Recipe;
use passerelle_connectors::Failure;
use passerelle_matching::IdentitySet;
use passerelle_matching::{MatchOptions, Matcher};
use passerelle_vault::settings::{FolderSettings, RestSettings};
use passerelle_vault::{Secret, Settings};
use serde::{Deserialize, Serialize};
pub use tokio_util::sync::CancellationToken;

use crate::error::{Error, Result};
use crate::store::{FindingsStore, JobRecord, RunState, SourceProgress};
use crate::{folder, rest, sql};

/// A source to search, opened by the caller.
#[derive(Debug, Clone)]
pub enum SourceInput {
    /// A PostgreSQL, MySQL/MariaDB or SQLite connection, with its secret.
    Sql {
        /// The connection profile's id, as the job lists it.
        id: String,
        /// Its settings.
        settings: Settings,
        /// Its secret, when it has one.
        secret: Option<Secret>,
    },
    /// A folder.
    Folder {
        /// The connection profile's id, as the job lists it.
        id: String,
        /// Its settings.
        settings: FolderSettings,
    },
    /// An HTTP API searched through a recipe.
    Rest {
        /// The connection profile's id, as the job lists it.
        id: String,
        /// Its settings (base URL, authentication, headers).
        settings: RestSettings,
        /// Its secret, when its authentication needs one.
        secret: Option<Secret>,
        /// How to search it.
        recipe: Recipe,
    },
}

impl SourceInput {
    /// The profile id.
    pub fn id(&self) -> &str {
        match self {
            SourceInput::Sql { id, .. }
            | SourceInput::Folder { id, .. }
            | SourceInput::Rest { id, .. } => id,
        }
    }
}

/// How a job runs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Sources searched at the same time (3 by default).
    pub concurrency: usize,
    /// Most candidate rows read per table (1,000 by default); more are reported as an issue.
    pub row_cap: u32,
    /// Most linked rows shown per foreign key of a found row (5 by default).
    pub link_cap: u32,
    /// Rows sampled per table to suggest its columns (50 by default).
    pub sample_rows: u32,
    /// Time limit for connecting to a database and for each statement (5 minutes).
    pub sql_timeout: Duration,
    /// Files of a folder read at the same time (the machine's cores, at most 4, by default).
    pub file_workers: usize,
    /// How files are read.
    pub read: ReadOptions,
    /// How values are matched.
    pub matching: MatchOptions,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            concurrency: 3,
            row_cap: 1_000,
            link_cap: 5,
            sample_rows: 50,
            sql_timeout: Duration::from_secs(300),
            file_workers: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
            read: ReadOptions::default(),
            matching: MatchOptions::default(),
        }
    }
}

/// Where one source of a job stands: sent after each unit and at each change of state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgressEvent {
    /// The job.
    pub job_id: String,
    /// The source's profile id.
    pub source_id: String,
    /// Its state.
    pub state: RunState,
    /// Its counts.
    pub progress: SourceProgress,
    /// Seconds left at the pace of this run, once it can be told.
    pub eta_seconds: Option<u64>,
    /// Why it failed: a stable code and a sentence.
    pub failure: Option<(String, String)>,
}

/// Receives progress; called from the job's tasks, so it must not block for long.
pub trait ProgressSink: Send + Sync {
    /// One source's progress.
    fn progress(&self, event: &ProgressEvent);
}

/// A sink that drops every event.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl ProgressSink for NoProgress {
    fn progress(&self, _event: &ProgressEvent) {}
}

/// One source's run: what every unit of work needs, and the counts so far.
pub(crate) struct SourceRun {
    pub store: FindingsStore,
    pub job_id: String,
    pub source_id: String,
    pub matcher: Arc<Matcher>,
    pub options: RunOptions,
    pub sink: Arc<dyn ProgressSink>,
    pub cancel: CancellationToken,
    pub progress: SourceProgress,
    started: Instant,
    start_bytes: u64,
    start_units: u64,
}

impl SourceRun {
    /// Tell the sink where the source stands.
    pub fn report(&self, state: RunState, failure: Option<(String, String)>) {
        self.sink.progress(&ProgressEvent {
            job_id: self.job_id.clone(),
            source_id: self.source_id.clone(),
            state,
            progress: self.progress.clone(),
            eta_seconds: self.eta(),
            failure,
        });
    }

    /// Seconds left, from the bytes (folders) or the units (tables) done in this run.
    fn eta(&self) -> Option<u64> {
        let elapsed = self.started.elapsed().as_secs_f64();
        let p = &self.progress;
        let (done, left) = match (p.bytes_total, p.units_total) {
            (Some(total), _) if p.bytes > self.start_bytes => {
                (p.bytes - self.start_bytes, total.saturating_sub(p.bytes))
            }
            (_, Some(total)) if p.units_done > self.start_units => (
                p.units_done - self.start_units,
                total.saturating_sub(p.units_done),
            ),
            _ => return None,
        };
        Some((elapsed * left as f64 / done as f64).ceil() as u64)
    }
}

/// A connector's failure as the store keeps it: its code and its sentence.
pub(crate) fn failure_pair(failure: &Failure) -> (String, String) {
    (failure.code.as_str().to_string(), failure.message.clone())
}

/// Run (or resume) the job `job_id` over `sources`, which must be the job's sources not yet
/// done. Returns the job as it stands at the end: done (each source done or failed) or
/// cancelled.
///
/// Errors: the store's ([`Error::NoSuchJob`], [`Error::Store`]…), and
/// [`Error::SourceMismatch`] for a source the job does not list or a listed, unfinished
/// source missing from `sources`. A source that cannot be searched is not an error of the
/// job: it ends failed, with its reason, and the others go on.
pub async fn run_job(
    store: &FindingsStore,
    job_id: &str,
    sources: Vec<SourceInput>,
    options: &RunOptions,
    sink: Arc<dyn ProgressSink>,
    cancel: CancellationToken,
) -> Result<JobRecord> {
    let record = store.job(job_id).await?;
    for input in &sources {
        if !record.sources.iter().any(|s| s.source_id == input.id()) {
            return Err(Error::SourceMismatch {
                job: job_id.to_string(),
                source_id: input.id().to_string(),
                problem: "is not one of the job's sources",
            });
        }
    }
    let mut runs = Vec::new();
    for source in record.sources.iter().filter(|s| s.state != RunState::Done) {
        let input = sources
            .iter()
            .find(|i| i.id() == source.source_id)
            .ok_or_else(|| Error::SourceMismatch {
                job: job_id.to_string(),
                source_id: source.source_id.clone(),
                problem: "is missing: the job cannot finish without it",
            })?;
        runs.push((input.clone(), source.progress.clone()));
    }

    let matcher = Arc::new(Matcher::new(&record.spec.identity, &options.matching));
    let identity = Arc::new(record.spec.identity.clone());
    store.set_job_state(job_id, RunState::Running).await?;
    let tasks = runs.into_iter().map(|(input, progress)| {
        let run = SourceRun {
            store: store.clone(),
            job_id: job_id.to_string(),
            source_id: input.id().to_string(),
            matcher: Arc::clone(&matcher),
            options: options.clone(),
            sink: Arc::clone(&sink),
            cancel: cancel.clone(),
            start_bytes: progress.bytes,
            start_units: progress.units_done,
            progress,
            started: Instant::now(),
        };
        run_source(run, input, Arc::clone(&identity))
    });
    let outcomes: Vec<Result<()>> = stream::iter(tasks)
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await;
    outcomes.into_iter().collect::<Result<()>>()?;

    let state = if cancel.is_cancelled() {
        RunState::Cancelled
    } else {
        RunState::Done
    };
    store.set_job_state(job_id, state).await?;
    store.job(job_id).await
}

/// Run one source to its end, recording its final state.
async fn run_source(
    mut run: SourceRun,
    input: SourceInput,
    identity: Arc<IdentitySet>,
) -> Result<()> {
    run.store
        .set_source(
            &run.job_id,
            &run.source_id,
            RunState::Running,
            &run.progress,
            None,
        )
        .await?;
    run.report(RunState::Running, None);
    let outcome = match &input {
        SourceInput::Folder { settings, .. } => folder::scan(&mut run, settings).await,
        SourceInput::Sql {
            settings, secret, ..
        } => sql::scan(&mut run, settings, secret.as_ref()).await,
        SourceInput::Rest {
            settings,
            secret,
            recipe,
            ..
        } => rest::scan(&mut run, settings, secret.as_ref(), recipe, &identity).await,
    };
    let (state, failure) = match outcome {
        Ok(state) => (state, None),
        Err(SourceError::Failed(code, message)) => (RunState::Failed, Some((code, message))),
        Err(SourceError::Store(err)) => return Err(err),
    };
    tracing::debug!(job = %run.job_id, source = %run.source_id, ?state, "source finished");
    run.store
        .set_source(
            &run.job_id,
            &run.source_id,
            state,
            &run.progress,
            failure.clone(),
        )
        .await?;
    run.report(state, failure);
    Ok(())
}

/// Why a source stopped early: it cannot be searched (a classified reason), or the store
/// failed (which stops the job).
pub(crate) enum SourceError {
    Failed(String, String),
    Store(Error),
}

impl From<Error> for SourceError {
    fn from(err: Error) -> Self {
        SourceError::Store(err)
    }
}

impl From<Failure> for SourceError {
    fn from(failure: Failure) -> Self {
        let (code, message) = failure_pair(&failure);
        SourceError::Failed(code, message)
    }
}

/// Why a connection cannot be a source of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSearchable {
    /// It is a Dastra workspace: requests come from it, nothing is searched in it.
    DastraWorkspace,
    /// It is an HTTP API and no recipe says how to search it.
    RecipeMissing,
}

impl SourceInput {
    /// The source for a connection profile, opened with its secret (and, for an HTTP API,
    /// the recipe that says how to search it).
    pub fn from_profile(
        profile: &passerelle_vault::Profile,
        secret: Option<Secret>,
        recipe: Option<Recipe>,
    ) -> std::result::Result<SourceInput, NotSearchable> {
        let id = profile.id.as_str().to_string();
        Ok(match &profile.settings {
            Settings::Postgres(_) | Settings::MySql(_) | Settings::Sqlite(_) => SourceInput::Sql {
                id,
                settings: profile.settings.clone(),
                secret,
            },
            Settings::Folder(settings) => SourceInput::Folder {
                id,
                settings: settings.clone(),
            },
            Settings::RestApi(settings) => SourceInput::Rest {
                id,
                settings: settings.clone(),
                secret,
                recipe: recipe.ok_or(NotSearchable::RecipeMissing)?,
            },
            Settings::DastraWorkspace(_) => return Err(NotSearchable::DastraWorkspace),
        })
    }
}
