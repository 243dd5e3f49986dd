//! The discovery and review commands: prepare a job from a request, start, follow, cancel and
//! resume it, then review its findings.
//!
//! Jobs run as tasks of the `Api`; their state lives in the findings store, so a job survives
//! closing the app: reopened, a job left running shows as interrupted and can be resumed.
//! Progress reaches the window as `job_progress` events, the end as `job_finished`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_discovery::{
    run_job, CancellationToken, Decision, FindingsStore, Issue, JobRecord, JobSource, JobSpec,
    NotSearchable, ProgressEvent, ProgressSink, Redaction, Review, RunOptions, RunState,
    SourceInput, SourceProgress,
};
use passerelle_matching::{Identifier, IdentitySet};
use passerelle_vault::{ConnectionKind, FieldError, Profile, Settings as ConnectionSettings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use passerelle_audit::{AuditAction, AuditEvent, Count, Id};

use crate::api::{Api, EventSink};
use crate::error::{ErrorCode, IpcError};

/// The jobs running in this app, with the switch that stops each.
#[derive(Default, Clone)]
pub struct RunningJobs(Arc<Mutex<HashMap<String, CancellationToken>>>);

impl RunningJobs {
    fn insert(&self, id: &str, token: CancellationToken) {
        self.0
            .lock()
            .expect("BUG: jobs lock poisoned")
            .insert(id.to_string(), token);
    }

    fn remove(&self, id: &str) {
        self.0.lock().expect("BUG: jobs lock poisoned").remove(id);
    }

    fn get(&self, id: &str) -> Option<CancellationToken> {
        self.0
            .lock()
            .expect("BUG: jobs lock poisoned")
            .get(id)
            .cloned()
    }
}

/// `discovery_prepare`: a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DiscoveryPrepareRequest {
    /// Dastra's id of the request.
    pub request_id: i32,
}

/// A connection that can be searched, and what a search of it covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceChoice {
    /// The connection's id.
    pub connection_id: String,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ConnectionKind,
    /// What will be searched, in a few words (`test on 127.0.0.1:5432, every table`,
    /// `/srv/partage (*.pdf)`).
    pub scope: String,
    /// Whether it can be searched from the app now.
    pub searchable: bool,
}

/// What a discovery of a request starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DiscoveryPlan {
    /// The request.
    pub request_id: i32,
    /// The identifiers read from the request, each with where it came from.
    pub identifiers: Vec<Identifier>,
    /// The connections that can be searched.
    pub sources: Vec<SourceChoice>,
    /// Earlier jobs of this request, newest first.
    pub jobs: Vec<JobView>,
}

/// `discovery_recent`: no parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiscoveryRecentRequest {}

/// `discovery_recent`: the latest jobs of every request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JobList {
    /// Newest first, 50 at most.
    pub jobs: Vec<JobView>,
}

/// `discovery_start`: who to look for, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DiscoveryStartRequest {
    /// The request.
    pub request_id: i32,
    /// The identifiers, as the DPO edited them.
    pub identifiers: Vec<Identifier>,
    /// The connections to search.
    pub source_ids: Vec<String>,
}

/// A job, by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JobIdRequest {
    /// The job's id.
    pub job_id: String,
}

/// Why something failed: a stable code and a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FailureView {
    /// The code (`unreachable`, `wrongCredentials`…).
    pub code: String,
    /// What happened and what to do.
    pub message: String,
}

/// One source of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JobSourceView {
    /// The connection's id.
    pub id: String,
    /// Its name when the job was made.
    pub name: String,
    /// Where it stands.
    pub state: RunState,
    /// Its counts.
    pub progress: SourceProgress,
    /// Why it failed.
    #[ts(optional)]
    pub failure: Option<FailureView>,
}

/// A job as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JobView {
    /// Its id.
    pub id: String,
    /// The request it serves.
    pub request_id: i32,
    /// Where it stands, as stored.
    pub state: RunState,
    /// Whether it runs in this app now; a stored `running` job that does not was interrupted
    /// (the app closed, the computer slept) and can be resumed.
    pub live: bool,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// When it last changed (RFC 3339).
    pub updated_at: String,
    /// Its sources.
    pub sources: Vec<JobSourceView>,
}

/// `job_progress`: one source's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JobProgressEvent {
    /// The job.
    pub job_id: String,
    /// The source's connection id.
    pub source_id: String,
    /// Its state.
    pub state: RunState,
    /// Its counts.
    pub progress: SourceProgress,
    /// Seconds left, once they can be told.
    #[ts(optional)]
    pub eta_seconds: Option<u64>,
    /// Why it failed.
    #[ts(optional)]
    pub failure: Option<FailureView>,
}

/// `job_finished`: a job stopped (done, cancelled, or the store failed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct JobFinishedEvent {
    /// The job.
    pub job_id: String,
    /// How it ended.
    pub state: RunState,
    /// What went wrong, when the job itself could not go on.
    #[ts(optional)]
    pub error: Option<String>,
}

/// A finding with its id and review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FindingView {
    /// Its id in the store.
    pub id: i64,
    /// The finding.
    pub finding: passerelle_discovery::Finding,
    /// The DPO's review so far.
    pub review: Review,
}

/// `review_list`: a job's findings to review, all of them or a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewListRequest {
    /// The job.
    pub job_id: String,
    /// Findings to skip, in the order they were found.
    #[serde(default)]
    #[ts(optional)]
    pub offset: Option<u32>,
    /// Findings on the page (every one after `offset` when absent; at most
    /// [`REVIEW_PAGE_MAX`]).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// The largest page `review_list` gives.
pub const REVIEW_PAGE_MAX: u32 = 2000;

/// `review_list`: everything to review a job, or a page of its findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewList {
    /// The job.
    pub job: JobView,
    /// Its findings on this page, in the order they were found.
    pub findings: Vec<FindingView>,
    /// Where the page starts among all of them.
    pub offset: u32,
    /// Findings of the job, all pages.
    pub total: u64,
    /// What could not be read.
    pub issues: Vec<Issue>,
    /// Findings without a decision yet.
    pub remaining: u64,
}

/// `review_decide`: a decision for some findings (`None` takes it back).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewDecideRequest {
    /// The job.
    pub job_id: String,
    /// The findings.
    pub finding_ids: Vec<i64>,
    /// The decision.
    #[ts(optional)]
    pub decision: Option<Decision>,
}

/// `review_redact`: the redactions of one finding, replacing the earlier ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewRedactRequest {
    /// The job.
    pub job_id: String,
    /// The finding.
    pub finding_id: i64,
    /// Its redactions.
    pub redactions: Vec<Redaction>,
}

/// A finding's review after a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FindingReview {
    /// The finding.
    pub id: i64,
    /// Its review now.
    pub review: Review,
}

/// What a review change left.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReviewUpdate {
    /// The reviews changed.
    pub reviews: Vec<FindingReview>,
    /// Findings without a decision yet.
    pub remaining: u64,
}

fn store_error(e: passerelle_discovery::Error) -> IpcError {
    let code = match &e {
        passerelle_discovery::Error::NoSuchJob { .. }
        | passerelle_discovery::Error::NoSuchFinding { .. } => ErrorCode::NotFound,
        passerelle_discovery::Error::Keyring { .. } | passerelle_discovery::Error::KeyDamaged => {
            ErrorCode::Keyring
        }
        passerelle_discovery::Error::SourceMismatch { .. } => ErrorCode::Invalid,
        _ => ErrorCode::Internal,
    };
    IpcError::new(code, e.to_string())
}

/// What a search of `profile` covers, in a few words.
fn scope(profile: &Profile) -> String {
    match &profile.settings {
        ConnectionSettings::Postgres(s) => {
            let schemas = if s.schemas.is_empty() {
                "every schema".to_string()
            } else {
                s.schemas.join(", ")
            };
            format!("{} on {}:{}, {schemas}", s.database, s.host, s.port)
        }
        ConnectionSettings::MySql(s) => {
            format!("{} on {}:{}, every table", s.database, s.host, s.port)
        }
        ConnectionSettings::Sqlite(s) => format!("{}, every table", s.path.display()),
        ConnectionSettings::Folder(s) => {
            let mut scope = s.path.display().to_string();
            if !s.include.is_empty() {
                scope.push_str(&format!(" ({})", s.include.join(", ")));
            }
            if !s.exclude.is_empty() {
                scope.push_str(&format!(", without {}", s.exclude.join(", ")));
            }
            scope
        }
        ConnectionSettings::RestApi(s) => s.base_url.clone(),
        ConnectionSettings::DastraWorkspace(s) => s.base_url.clone(),
    }
}

impl Api {
    pub(crate) fn findings_store(&self) -> Result<FindingsStore, IpcError> {
        self.findings.clone().ok_or_else(|| {
            IpcError::new(
                ErrorCode::Keyring,
                "findings cannot be kept: the system keyring, which holds their encryption key, \
                 could not be used; unlock it and restart Passerelle",
            )
        })
    }

    fn job_view(&self, record: &JobRecord) -> JobView {
        let names: HashMap<&str, &str> = record
            .spec
            .sources
            .iter()
            .map(|s| (s.id.as_str(), s.name.as_str()))
            .collect();
        JobView {
            id: record.spec.id.clone(),
            request_id: record.spec.request_id as i32,
            state: record.state,
            live: self.jobs.get(&record.spec.id).is_some(),
            created_at: record.created_at.to_rfc3339(),
            updated_at: record.updated_at.to_rfc3339(),
            sources: record
                .sources
                .iter()
                .map(|s| JobSourceView {
                    id: s.source_id.clone(),
                    name: names.get(s.source_id.as_str()).unwrap_or(&"?").to_string(),
                    state: s.state,
                    progress: s.progress.clone(),
                    failure: s
                        .failure
                        .clone()
                        .map(|(code, message)| FailureView { code, message }),
                })
                .collect(),
        }
    }

    /// `discovery_prepare`
    pub async fn discovery_prepare(
        &self,
        req: DiscoveryPrepareRequest,
    ) -> Result<DiscoveryPlan, IpcError> {
        let dsar = self
            .current_client()
            .get::<DataSubjectRequestDto>(&req.request_id)
            .await?;
        let identity = IdentitySet::from_request(&dsar);
        let sources = self
            .vault
            .list()
            .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?
            .iter()
            .filter(|p| !matches!(p.settings, ConnectionSettings::DastraWorkspace(_)))
            .map(|p| SourceChoice {
                connection_id: p.id.as_str().to_string(),
                name: p.name.clone(),
                kind: p.kind(),
                scope: scope(p),
                // HTTP APIs are searched through recipes, from the command line for now.
                searchable: !matches!(p.settings, ConnectionSettings::RestApi(_)),
            })
            .collect();
        let mut jobs = Vec::new();
        if let Ok(store) = self.findings_store() {
            for id in store
                .jobs_of_request(i64::from(req.request_id))
                .await
                .map_err(store_error)?
            {
                jobs.push(self.job_view(&store.job(&id).await.map_err(store_error)?));
            }
        }
        Ok(DiscoveryPlan {
            request_id: req.request_id,
            identifiers: identity.identifiers().to_vec(),
            sources,
            jobs,
        })
    }

    /// `discovery_start`
    pub async fn discovery_start(&self, req: DiscoveryStartRequest) -> Result<JobView, IpcError> {
        let store = self.findings_store()?;
        let mut identity = IdentitySet::new();
        for identifier in req.identifiers {
            identity.add(identifier);
        }
        // The field named lets the window word the refusal in the DPO's language.
        if identity.is_empty() {
            return Err(IpcError::new(
                ErrorCode::Invalid,
                "there is nothing to search for: add at least one identifier of the person",
            )
            .with_fields(vec![FieldError::new(
                "identifiers",
                "is empty",
                "add at least one identifier of the person",
            )]));
        }
        if req.source_ids.is_empty() {
            return Err(IpcError::new(
                ErrorCode::Invalid,
                "no source is chosen: tick at least one connection to search",
            )
            .with_fields(vec![FieldError::new(
                "sourceIds",
                "is empty",
                "tick at least one connection to search",
            )]));
        }
        let mut sources = Vec::new();
        for id in &req.source_ids {
            let profile = self
                .vault
                .get(&id.as_str().into())
                .map_err(|e| IpcError::new(ErrorCode::NotFound, e.to_string()))?;
            sources.push(JobSource {
                id: id.clone(),
                name: profile.name,
            });
        }
        let inputs = self.inputs(&req.source_ids).await?;
        let spec = JobSpec::new(i64::from(req.request_id), identity, sources);
        store.create_job(&spec).await.map_err(store_error)?;
        self.spawn_job(&store, &spec.id, inputs);
        tracing::info!(job = %spec.id, request = req.request_id, "discovery started");
        self.audit_job(
            AuditAction::DiscoveryStarted,
            req.request_id,
            &spec.id,
            |e| e.count(Count::Sources, req.source_ids.len() as u64),
        )
        .await;
        Ok(self.job_view(&store.job(&spec.id).await.map_err(store_error)?))
    }

    /// The sources for connection ids, opened with their secrets from the keyring.
    async fn inputs(&self, ids: &[String]) -> Result<Vec<SourceInput>, IpcError> {
        let vault = Arc::clone(&self.vault);
        let ids = ids.to_vec();
        tokio::task::spawn_blocking(move || {
            ids.iter()
                .map(|id| {
                    let open = vault
                        .open(&id.as_str().into())
                        .map_err(|e| IpcError::new(ErrorCode::Keyring, e.to_string()))?;
                    SourceInput::from_profile(&open.profile, open.secret().cloned(), None).map_err(
                        |why| {
                            let what = match why {
                                NotSearchable::DastraWorkspace => "is a Dastra workspace",
                                NotSearchable::RecipeMissing => {
                                    "is an HTTP API, searched from the command line with a recipe"
                                }
                            };
                            let msg =
                                format!("{} {what}: leave it out of the search", open.profile.name);
                            IpcError::new(ErrorCode::Invalid, msg)
                        },
                    )
                })
                .collect()
        })
        .await
        .expect("BUG: opening sources panicked")
    }

    fn spawn_job(&self, store: &FindingsStore, job_id: &str, inputs: Vec<SourceInput>) {
        let token = CancellationToken::new();
        self.jobs.insert(job_id, token.clone());
        let (store, jobs, events) = (store.clone(), self.jobs.clone(), Arc::clone(&self.events));
        let job_id = job_id.to_string();
        tokio::spawn(async move {
            let sink = Arc::new(WindowProgress(Arc::clone(&events)));
            let options = RunOptions::default();
            let outcome = run_job(&store, &job_id, inputs, &options, sink, token).await;
            jobs.remove(&job_id);
            let event = match outcome {
                Ok(job) => JobFinishedEvent {
                    job_id: job_id.clone(),
                    state: job.state,
                    error: None,
                },
                Err(e) => {
                    tracing::error!(job = %job_id, error = %e, "discovery job stopped");
                    JobFinishedEvent {
                        job_id: job_id.clone(),
                        state: RunState::Failed,
                        error: Some(e.to_string()),
                    }
                }
            };
            events.job_finished(event);
        });
    }

    /// `discovery_recent`
    pub async fn discovery_recent(
        &self,
        _req: DiscoveryRecentRequest,
    ) -> Result<JobList, IpcError> {
        let store = self.findings_store()?;
        let mut jobs = Vec::new();
        for id in store.recent_jobs(50).await.map_err(store_error)? {
            jobs.push(self.job_view(&store.job(&id).await.map_err(store_error)?));
        }
        Ok(JobList { jobs })
    }

    /// `discovery_job`
    pub async fn discovery_job(&self, req: JobIdRequest) -> Result<JobView, IpcError> {
        let store = self.findings_store()?;
        Ok(self.job_view(&store.job(&req.job_id).await.map_err(store_error)?))
    }

    /// `discovery_cancel`: stops the job at the next piece; `job_finished` follows.
    pub async fn discovery_cancel(&self, req: JobIdRequest) -> Result<JobView, IpcError> {
        if let Some(token) = self.jobs.get(&req.job_id) {
            token.cancel();
            let job = self.discovery_job(req.clone()).await?;
            self.audit_job(
                AuditAction::DiscoveryCancelled,
                job.request_id,
                &job.id,
                |e| e,
            )
            .await;
        }
        self.discovery_job(req).await
    }

    /// `discovery_resume`: runs the sources not done yet (a cancelled, interrupted or
    /// partly failed job).
    pub async fn discovery_resume(&self, req: JobIdRequest) -> Result<JobView, IpcError> {
        let store = self.findings_store()?;
        if self.jobs.get(&req.job_id).is_some() {
            return self.discovery_job(req).await;
        }
        let record = store.job(&req.job_id).await.map_err(store_error)?;
        let ids: Vec<String> = record
            .sources
            .iter()
            .filter(|s| s.state != RunState::Done)
            .map(|s| s.source_id.clone())
            .collect();
        let inputs = self.inputs(&ids).await?;
        self.spawn_job(&store, &req.job_id, inputs);
        tracing::info!(job = %req.job_id, sources = ids.len(), "discovery resumed");
        let request = record.spec.request_id as i32;
        self.audit_job(AuditAction::DiscoveryResumed, request, &req.job_id, |e| {
            e.count(Count::Sources, ids.len() as u64)
        })
        .await;
        self.discovery_job(req).await
    }

    /// `review_list`
    pub async fn review_list(&self, req: ReviewListRequest) -> Result<ReviewList, IpcError> {
        let store = self.findings_store()?;
        let record = store.job(&req.job_id).await.map_err(store_error)?;
        let mut reviews = store.reviews(&req.job_id).await.map_err(store_error)?;
        let offset = req.offset.unwrap_or(0);
        let total = store
            .finding_count(&req.job_id)
            .await
            .map_err(store_error)?;
        let page = match req.limit {
            None if offset == 0 => store.findings(&req.job_id).await,
            limit => {
                let limit = limit.unwrap_or(REVIEW_PAGE_MAX).clamp(1, REVIEW_PAGE_MAX);
                store
                    .findings_page(&req.job_id, u64::from(offset), u64::from(limit))
                    .await
            }
        };
        let findings: Vec<FindingView> = page
            .map_err(store_error)?
            .into_iter()
            .map(|s| FindingView {
                id: s.id,
                review: reviews.remove(&s.id).unwrap_or_default(),
                finding: s.finding,
            })
            .collect();
        // The window reads a running job's findings again and again: its viewing is recorded
        // once the job has stopped, once per reading (its first page), with the whole count.
        if self.jobs.get(&req.job_id).is_none() && offset == 0 {
            let request = record.spec.request_id as i32;
            self.audit_job(AuditAction::FindingsViewed, request, &req.job_id, |e| {
                e.count(Count::Findings, total)
            })
            .await;
        }
        Ok(ReviewList {
            job: self.job_view(&record),
            findings,
            offset,
            total,
            issues: store.issues(&req.job_id).await.map_err(store_error)?,
            remaining: store.remaining(&req.job_id).await.map_err(store_error)?,
        })
    }

    /// `review_decide`
    pub async fn review_decide(&self, req: ReviewDecideRequest) -> Result<ReviewUpdate, IpcError> {
        if let Some(Decision::Exclude { reason, note }) = &req.decision {
            let blank = note.as_deref().is_none_or(|n| n.trim().is_empty());
            if *reason == passerelle_discovery::ExcludeReason::Other && blank {
                return Err(IpcError::new(
                    ErrorCode::Invalid,
                    "excluding for another reason needs a note saying which",
                ));
            }
        }
        let store = self.findings_store()?;
        let reviewer = reviewer();
        let (count, n) = match &req.decision {
            Some(Decision::Include) => (Count::Included, req.finding_ids.len() as u64),
            Some(Decision::Exclude { .. }) => (Count::Excluded, req.finding_ids.len() as u64),
            None => (Count::Findings, req.finding_ids.len() as u64),
        };
        let reviews = store
            .decide(&req.job_id, &req.finding_ids, req.decision, &reviewer)
            .await
            .map_err(store_error)?;
        self.audit_review(&store, &req.job_id, count, n).await;
        self.review_update(&store, &req.job_id, reviews).await
    }

    /// `review_redact`
    pub async fn review_redact(&self, req: ReviewRedactRequest) -> Result<ReviewUpdate, IpcError> {
        let store = self.findings_store()?;
        let reviewer = reviewer();
        let redactions = req.redactions.clone();
        let redacted = redactions.len() as u64;
        let reviews = store
            .update_reviews(&req.job_id, &[req.finding_id], move |review| {
                review.redactions = redactions.clone();
                review.reviewer = Some(reviewer.clone());
            })
            .await
            .map_err(store_error)?;
        self.audit_review(&store, &req.job_id, Count::Redacted, redacted)
            .await;
        self.review_update(&store, &req.job_id, reviews).await
    }

    async fn audit_review(&self, store: &FindingsStore, job: &str, count: Count, n: u64) {
        if let Ok(record) = store.job(job).await {
            let request = record.spec.request_id as i32;
            self.audit_job(AuditAction::FindingReviewed, request, job, |e| {
                e.count(count, n)
            })
            .await;
        }
    }

    async fn audit_job(
        &self,
        action: AuditAction,
        request: i32,
        job: &str,
        build: impl FnOnce(AuditEvent) -> AuditEvent,
    ) {
        let id = Id::job(job).ok();
        self.audit(action, |e| {
            let e = build(e.request(i64::from(request)));
            match id {
                Some(id) => e.job(id),
                None => e,
            }
        })
        .await;
    }

    async fn review_update(
        &self,
        store: &FindingsStore,
        job: &str,
        reviews: std::collections::BTreeMap<i64, Review>,
    ) -> Result<ReviewUpdate, IpcError> {
        Ok(ReviewUpdate {
            reviews: reviews
                .into_iter()
                .map(|(id, review)| FindingReview { id, review })
                .collect(),
            remaining: store.remaining(job).await.map_err(store_error)?,
        })
    }
}

/// Who is reviewing: the operating system's user name.
pub(crate) fn reviewer() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "DPO".into())
}

/// Job progress forwarded to the window.
struct WindowProgress(Arc<dyn EventSink>);

impl ProgressSink for WindowProgress {
    fn progress(&self, event: &ProgressEvent) {
        self.0.job_progress(JobProgressEvent {
            job_id: event.job_id.clone(),
            source_id: event.source_id.clone(),
            state: event.state,
            progress: event.progress.clone(),
            eta_seconds: event.eta_seconds,
            failure: event
                .failure
                .clone()
                .map(|(code, message)| FailureView { code, message }),
        });
    }
}
