//! The findings store: jobs, their checkpoints, findings and issues, in the app's SQLite
//! database.
//!
//! Every value that holds personal data (the identity set, findings, issues, which files or
//! tables were done) is sealed with the [`SealKey`] from the keyring; what stays in clear is
//! ids, states, counts, confidences and dates. A finding's de-duplication key is a keyed tag of
//! its source and location, so scanning a unit again after a crash adds nothing twice.
//!
//! Writes that belong together happen in one transaction: a unit's findings, issues and its
//! checkpoint land together or not at all, so a job killed mid-unit resumes at that unit.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Duration as Age, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

use crate::error::{Error, Result};
use crate::finding::{Finding, Issue};
use crate::review::{Decision, Review};
use crate::seal::SealKey;
use passerelle_matching::{Confidence, IdentitySet};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS discovery_jobs (
  id TEXT PRIMARY KEY,
  request_id INTEGER NOT NULL,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  spec BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS discovery_sources (
  job_id TEXT NOT NULL REFERENCES discovery_jobs (id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  state TEXT NOT NULL,
  progress TEXT NOT NULL,
  failure BLOB,
  PRIMARY KEY (job_id, source_id)
);
CREATE TABLE IF NOT EXISTS discovery_units (
  job_id TEXT NOT NULL REFERENCES discovery_jobs (id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  unit BLOB NOT NULL,
  PRIMARY KEY (job_id, source_id, unit)
);
CREATE TABLE IF NOT EXISTS discovery_findings (
  id INTEGER PRIMARY KEY,
  job_id TEXT NOT NULL REFERENCES discovery_jobs (id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  dedup BLOB NOT NULL,
  confidence TEXT NOT NULL,
  score REAL NOT NULL,
  created_at TEXT NOT NULL,
  payload BLOB NOT NULL,
  UNIQUE (job_id, dedup)
);
CREATE TABLE IF NOT EXISTS discovery_reviews (
  finding_id INTEGER PRIMARY KEY REFERENCES discovery_findings (id) ON DELETE CASCADE,
  job_id TEXT NOT NULL REFERENCES discovery_jobs (id) ON DELETE CASCADE,
  decided INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  payload BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS discovery_issues (
  job_id TEXT NOT NULL REFERENCES discovery_jobs (id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  dedup BLOB NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (job_id, dedup)
);
";

/// Dates are stored as fixed-width UTC text, so that they compare as they sort.
fn date_text(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn now_text() -> String {
    date_text(Utc::now())
}

/// A source a job searches: a connection profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSource {
    /// The profile's id.
    pub id: String,
    /// The profile's name when the job was made.
    pub name: String,
}

/// What a job is: one request, one identity set, a set of sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSpec {
    /// The job's id (a UUID).
    pub id: String,
    /// The Dastra request it serves.
    pub request_id: i64,
    /// Who is searched for.
    pub identity: IdentitySet,
    /// Where.
    pub sources: Vec<JobSource>,
}

impl JobSpec {
    /// A new job with a fresh id.
    pub fn new(request_id: i64, identity: IdentitySet, sources: Vec<JobSource>) -> JobSpec {
        JobSpec {
            id: uuid::Uuid::new_v4().to_string(),
            request_id,
            identity,
            sources,
        }
    }
}

/// Where a job or a source stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RunState {
    /// Not started yet.
    Pending,
    /// Running now, or stopped by a crash (then it resumes as it was).
    Running,
    /// Stopped by the person; resumes where it stopped.
    Cancelled,
    /// Finished; for a job, every source is finished or failed.
    Done,
    /// Could not go on (for a source: unreachable, refused).
    Failed,
}

impl RunState {
    fn as_str(self) -> &'static str {
        match self {
            RunState::Pending => "pending",
            RunState::Running => "running",
            RunState::Cancelled => "cancelled",
            RunState::Done => "done",
            RunState::Failed => "failed",
        }
    }
}

impl FromStr for RunState {
    type Err = Error;
    fn from_str(s: &str) -> Result<RunState> {
        Ok(match s {
            "pending" => RunState::Pending,
            "running" => RunState::Running,
            "cancelled" => RunState::Cancelled,
            "done" => RunState::Done,
            "failed" => RunState::Failed,
            other => return Err(Error::corrupt("state", format!("unknown state {other:?}"))),
        })
    }
}

/// Counts for one source of a job: no personal data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SourceProgress {
    /// Units (files, tables, requests) finished.
    pub units_done: u64,
    /// Units to do in all, once known.
    pub units_total: Option<u64>,
    /// Records, rows, lines looked at.
    pub items: u64,
    /// Bytes read.
    pub bytes: u64,
    /// Bytes to read in all, once known (folders).
    pub bytes_total: Option<u64>,
    /// Findings stored.
    pub findings: u64,
    /// Issues met (files that could not be read…).
    pub issues: u64,
    /// Files left aside because Passerelle does not read their format (images, archives).
    pub skipped: u64,
}

/// A source's state and counts, with why it failed if it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceRecord {
    /// The profile's id.
    pub source_id: String,
    /// Where it stands.
    pub state: RunState,
    /// Its counts.
    pub progress: SourceProgress,
    /// Why it failed: a stable code and a sentence.
    pub failure: Option<(String, String)>,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobRecord {
    /// What it is.
    pub spec: JobSpec,
    /// Where it stands.
    pub state: RunState,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Each source, in the spec's order.
    pub sources: Vec<SourceRecord>,
}

/// A stored finding with its id in the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredFinding {
    /// The store's id, stable for the job's life.
    pub id: i64,
    /// The finding.
    pub finding: Finding,
}

/// What one unit of a source gave, to be stored with [`FindingsStore::complete_units`].
#[derive(Debug, Clone, Copy)]
pub struct UnitOutcome<'a> {
    /// The unit (a file's path in its folder, a table).
    pub unit: &'a str,
    /// Its findings.
    pub findings: &'a [Finding],
    /// Its issues.
    pub issues: &'a [Issue],
}

/// Checkpoints inserted per statement, at most (three parameters each, well under SQLite's
/// limit on parameters).
const CHECKPOINTS_PER_STATEMENT: usize = 256;

/// The findings store; cheap to clone.
#[derive(Debug, Clone)]
pub struct FindingsStore {
    pool: SqlitePool,
    key: Arc<SealKey>,
    path: PathBuf,
}

impl FindingsStore {
    /// Open (creating it if needed) the database at `path`, sealing with `key`.
    pub async fn open(path: &Path, key: SealKey) -> Result<FindingsStore> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // NOTE: in WAL mode, NORMAL syncs at checkpoints rather than at every commit (a
            // folder job commits once per file, or per batch of files when the storing falls
            // behind the reading). A power cut can then lose the last units
            // committed, never corrupt the store: a resumed job scans them again, and the
            // store's de-duplication keeps their findings from counting twice.
            .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(std::time::Duration::from_secs(10))
            // Deleted findings are overwritten, not left in free pages.
            .pragma("secure_delete", "on");
        let store_err = |op| {
            move |source| Error::Store {
                path: path.to_path_buf(),
                op,
                source,
            }
        };
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(store_err("opening"))?;
        sqlx::raw_sql(SCHEMA)
            .execute(&pool)
            .await
            .map_err(store_err("creating the tables"))?;
        Ok(FindingsStore {
            pool,
            key: Arc::new(key),
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, op: &'static str) -> impl FnOnce(sqlx::Error) -> Error + '_ {
        move |source| Error::Store {
            path: self.path.clone(),
            op,
            source,
        }
    }

    fn seal_json<T: Serialize>(&self, value: &T) -> Vec<u8> {
        self.key
            .seal(&serde_json::to_vec(value).expect("store values serialise"))
    }

    fn open_json<T: for<'de> Deserialize<'de>>(
        &self,
        what: &'static str,
        sealed: &[u8],
    ) -> Result<T> {
        let plain = self.key.open(sealed)?;
        serde_json::from_slice(&plain).map_err(|e| Error::corrupt(what, e))
    }

    /// Record a new job, every source pending.
    pub async fn create_job(&self, spec: &JobSpec) -> Result<()> {
        let now = now_text();
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(self.err("starting a job"))?;
        sqlx::query(
            "INSERT INTO discovery_jobs (id, request_id, state, created_at, updated_at, spec) \
             VALUES (?, ?, 'pending', ?, ?, ?)",
        )
        .bind(&spec.id)
        .bind(spec.request_id)
        .bind(&now)
        .bind(&now)
        .bind(self.seal_json(spec))
        .execute(&mut *tx)
        .await
        .map_err(self.err("recording a job"))?;
        for source in &spec.sources {
            sqlx::query(
                "INSERT INTO discovery_sources (job_id, source_id, state, progress) \
                 VALUES (?, ?, 'pending', ?)",
            )
            .bind(&spec.id)
            .bind(&source.id)
            .bind(serde_json::to_string(&SourceProgress::default()).expect("counts serialise"))
            .execute(&mut *tx)
            .await
            .map_err(self.err("recording a job's sources"))?;
        }
        tx.commit().await.map_err(self.err("recording a job"))
    }

    /// The job with this id.
    ///
    /// Errors: [`Error::NoSuchJob`].
    pub async fn job(&self, id: &str) -> Result<JobRecord> {
        let row = sqlx::query(
            "SELECT state, created_at, updated_at, spec FROM discovery_jobs WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(self.err("reading a job"))?
        .ok_or_else(|| Error::NoSuchJob { id: id.to_string() })?;
        let spec: JobSpec = self.open_json("job", row.get::<&[u8], _>("spec"))?;
        let state = row.get::<&str, _>("state").parse()?;
        let date = |column: &str| -> Result<DateTime<Utc>> {
            DateTime::parse_from_rfc3339(row.get::<&str, _>(column))
                .map(|d| d.with_timezone(&Utc))
                .map_err(|e| Error::corrupt("date", e))
        };
        let (created_at, updated_at) = (date("created_at")?, date("updated_at")?);

        let mut sources = Vec::new();
        for source in &spec.sources {
            sources.push(self.source(id, &source.id).await?);
        }
        Ok(JobRecord {
            spec,
            state,
            created_at,
            updated_at,
            sources,
        })
    }

    /// The ids of every job of `request_id`, newest first.
    pub async fn jobs_of_request(&self, request_id: i64) -> Result<Vec<String>> {
        sqlx::query_scalar(
            "SELECT id FROM discovery_jobs WHERE request_id = ? ORDER BY created_at DESC",
        )
        .bind(request_id)
        .fetch_all(&self.pool)
        .await
        .map_err(self.err("listing jobs"))
    }

    /// The ids of the latest `limit` jobs, newest first.
    pub async fn recent_jobs(&self, limit: u32) -> Result<Vec<String>> {
        sqlx::query_scalar("SELECT id FROM discovery_jobs ORDER BY created_at DESC LIMIT ?")
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(self.err("listing jobs"))
    }

    async fn source(&self, job: &str, source_id: &str) -> Result<SourceRecord> {
        let row = sqlx::query(
            "SELECT state, progress, failure FROM discovery_sources \
             WHERE job_id = ? AND source_id = ?",
        )
        .bind(job)
        .bind(source_id)
        .fetch_one(&self.pool)
        .await
        .map_err(self.err("reading a job's source"))?;
        let progress = serde_json::from_str(row.get::<&str, _>("progress"))
            .map_err(|e| Error::corrupt("progress", e))?;
        let failure = match row.get::<Option<&[u8]>, _>("failure") {
            Some(sealed) => Some(self.open_json("failure", sealed)?),
            None => None,
        };
        Ok(SourceRecord {
            source_id: source_id.to_string(),
            state: row.get::<&str, _>("state").parse()?,
            progress,
            failure,
        })
    }

    /// Set the job's state.
    pub async fn set_job_state(&self, job: &str, state: RunState) -> Result<()> {
        sqlx::query("UPDATE discovery_jobs SET state = ?, updated_at = ? WHERE id = ?")
            .bind(state.as_str())
            .bind(now_text())
            .bind(job)
            .execute(&self.pool)
            .await
            .map_err(self.err("updating a job"))?;
        Ok(())
    }

    /// Set a source's state and counts, and why it failed (`None` clears it).
    pub async fn set_source(
        &self,
        job: &str,
        source_id: &str,
        state: RunState,
        progress: &SourceProgress,
        failure: Option<(String, String)>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE discovery_sources SET state = ?, progress = ?, failure = ? \
             WHERE job_id = ? AND source_id = ?",
        )
        .bind(state.as_str())
        .bind(serde_json::to_string(progress).expect("counts serialise"))
        .bind(failure.map(|f| self.seal_json(&f)))
        .bind(job)
        .bind(source_id)
        .execute(&self.pool)
        .await
        .map_err(self.err("updating a job's source"))?;
        Ok(())
    }

    fn unit_tag(&self, source_id: &str, unit: &str) -> Vec<u8> {
        self.key
            .tag(&[b"unit", source_id.as_bytes(), unit.as_bytes()])
            .to_vec()
    }

    /// Whether `unit` of the source is already done (a resumed job skips it).
    pub async fn unit_done(&self, job: &str, source_id: &str, unit: &str) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT 1 FROM discovery_units WHERE job_id = ? AND source_id = ? AND unit = ?",
        )
        .bind(job)
        .bind(source_id)
        .bind(self.unit_tag(source_id, unit))
        .fetch_optional(&self.pool)
        .await
        .map_err(self.err("reading a checkpoint"))?;
        Ok(found.is_some())
    }

    /// For each of `units` of the source, whether it is already done: [`Self::unit_done`] for
    /// many units in one query (a folder's files, before any is read).
    pub async fn units_done(
        &self,
        job: &str,
        source_id: &str,
        units: &[String],
    ) -> Result<Vec<bool>> {
        let done: Vec<Vec<u8>> = sqlx::query_scalar(
            "SELECT unit FROM discovery_units WHERE job_id = ? AND source_id = ?",
        )
        .bind(job)
        .bind(source_id)
        .fetch_all(&self.pool)
        .await
        .map_err(self.err("reading the checkpoints"))?;
        let done: std::collections::HashSet<Vec<u8>> = done.into_iter().collect();
        Ok(units
            .iter()
            .map(|unit| done.contains(&self.unit_tag(source_id, unit)))
            .collect())
    }

    /// Store a unit's findings and issues and mark it done, in one transaction, with the
    /// source's counts. Findings and issues already stored (same source and location) are
    /// skipped. Returns how many findings were new.
    pub async fn complete_unit(
        &self,
        job: &str,
        source_id: &str,
        unit: &str,
        findings: &[Finding],
        issues: &[Issue],
        progress: &mut SourceProgress,
    ) -> Result<u64> {
        let outcome = UnitOutcome {
            unit,
            findings,
            issues,
        };
        self.complete_units(job, source_id, &[outcome], progress)
            .await
    }

    /// [`Self::complete_unit`] for several units of the source at once, in one transaction:
    /// all of them are stored and marked done, or none. Returns how many findings were new.
    pub async fn complete_units(
        &self,
        job: &str,
        source_id: &str,
        units: &[UnitOutcome<'_>],
        progress: &mut SourceProgress,
    ) -> Result<u64> {
        if units.is_empty() {
            return Ok(0);
        }
        let now = now_text();
        let mut tx = self
            .pool
            .begin()
            .await
            .map_err(self.err("saving findings"))?;
        let mut added = 0;
        for finding in units.iter().flat_map(|u| u.findings) {
            let dedup = self.key.tag(&[b"finding", &finding.identity_bytes()]);
            let done = sqlx::query(
                "INSERT OR IGNORE INTO discovery_findings \
                 (job_id, source_id, dedup, confidence, score, created_at, payload) \
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(job)
            .bind(source_id)
            .bind(dedup.to_vec())
            .bind(confidence_text(finding.confidence))
            .bind(finding.score)
            .bind(&now)
            .bind(self.seal_json(finding))
            .execute(&mut *tx)
            .await
            .map_err(self.err("saving a finding"))?;
            added += done.rows_affected();
        }
        let mut new_issues = 0;
        for issue in units.iter().flat_map(|u| u.issues) {
            let dedup = self
                .key
                .tag(&[b"issue", issue.unit.as_bytes(), issue.code.as_bytes()]);
            let done = sqlx::query(
                "INSERT OR IGNORE INTO discovery_issues (job_id, source_id, dedup, payload) \
                 VALUES (?, ?, ?, ?)",
            )
            .bind(job)
            .bind(source_id)
            .bind(dedup.to_vec())
            .bind(self.seal_json(issue))
            .execute(&mut *tx)
            .await
            .map_err(self.err("saving an issue"))?;
            new_issues += done.rows_affected();
        }
        // NOTE: the checkpoints in as few statements as can be: each statement is a round
        // trip to the connection's thread, which waits for a core when the file workers
        // keep them busy.
        for chunk in units.chunks(CHECKPOINTS_PER_STATEMENT) {
            let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
                "INSERT OR IGNORE INTO discovery_units (job_id, source_id, unit) ",
            );
            insert.push_values(chunk, |mut row, outcome| {
                row.push_bind(job)
                    .push_bind(source_id)
                    .push_bind(self.unit_tag(source_id, outcome.unit));
            });
            insert
                .build()
                .execute(&mut *tx)
                .await
                .map_err(self.err("saving a checkpoint"))?;
        }

        progress.findings += added;
        progress.issues += new_issues;
        progress.units_done += units.len() as u64;
        sqlx::query("UPDATE discovery_sources SET progress = ? WHERE job_id = ? AND source_id = ?")
            .bind(serde_json::to_string(progress).expect("counts serialise"))
            .bind(job)
            .bind(source_id)
            .execute(&mut *tx)
            .await
            .map_err(self.err("saving progress"))?;
        tx.commit().await.map_err(self.err("saving findings"))?;
        Ok(added)
    }

    /// Every finding of the job, in the order they were stored.
    pub async fn findings(&self, job: &str) -> Result<Vec<StoredFinding>> {
        let rows =
            sqlx::query("SELECT id, payload FROM discovery_findings WHERE job_id = ? ORDER BY id")
                .bind(job)
                .fetch_all(&self.pool)
                .await
                .map_err(self.err("reading findings"))?;
        rows.iter()
            .map(|row| {
                Ok(StoredFinding {
                    id: row.get("id"),
                    finding: self.open_json("finding", row.get::<&[u8], _>("payload"))?,
                })
            })
            .collect()
    }

    /// A page of the job's findings, in the order they were stored: `limit` of them after the
    /// first `offset`.
    pub async fn findings_page(
        &self,
        job: &str,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<StoredFinding>> {
        let rows = sqlx::query(
            "SELECT id, payload FROM discovery_findings WHERE job_id = ? ORDER BY id \
             LIMIT ? OFFSET ?",
        )
        .bind(job)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(&self.pool)
        .await
        .map_err(self.err("reading findings"))?;
        rows.iter()
            .map(|row| {
                Ok(StoredFinding {
                    id: row.get("id"),
                    finding: self.open_json("finding", row.get::<&[u8], _>("payload"))?,
                })
            })
            .collect()
    }

    /// How many findings the job has.
    pub async fn finding_count(&self, job: &str) -> Result<u64> {
        let count: i64 =
            sqlx::query_scalar("SELECT count(*) FROM discovery_findings WHERE job_id = ?")
                .bind(job)
                .fetch_one(&self.pool)
                .await
                .map_err(self.err("counting findings"))?;
        Ok(count as u64)
    }

    /// Every issue of the job.
    pub async fn issues(&self, job: &str) -> Result<Vec<Issue>> {
        let rows: Vec<Vec<u8>> = sqlx::query_scalar(
            "SELECT payload FROM discovery_issues WHERE job_id = ? ORDER BY rowid",
        )
        .bind(job)
        .fetch_all(&self.pool)
        .await
        .map_err(self.err("reading issues"))?;
        rows.iter()
            .map(|sealed| self.open_json("issue", sealed))
            .collect()
    }

    /// The review of every finding of the job that has one, by finding id.
    pub async fn reviews(&self, job: &str) -> Result<BTreeMap<i64, Review>> {
        let rows =
            sqlx::query("SELECT finding_id, payload FROM discovery_reviews WHERE job_id = ?")
                .bind(job)
                .fetch_all(&self.pool)
                .await
                .map_err(self.err("reading reviews"))?;
        rows.iter()
            .map(|row| {
                let review = self.open_json("review", row.get::<&[u8], _>("payload"))?;
                Ok((row.get::<i64, _>("finding_id"), review))
            })
            .collect()
    }

    /// Save the review of findings `ids` of the job, each made by `change` from its current
    /// review, in one transaction (a bulk decision lands whole or not at all).
    ///
    /// Errors: [`Error::NoSuchFinding`] when an id is not a finding of this job.
    pub async fn update_reviews(
        &self,
        job: &str,
        ids: &[i64],
        change: impl Fn(&mut Review),
    ) -> Result<BTreeMap<i64, Review>> {
        // IMMEDIATE: two changes at once (a redaction and a bulk decision on the same finding)
        // queue for the write lock instead of one failing on a stale read, or losing the other.
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(self.err("saving a review"))?;
        let mut saved = BTreeMap::new();
        for &id in ids {
            let known: Option<i64> =
                sqlx::query_scalar("SELECT id FROM discovery_findings WHERE id = ? AND job_id = ?")
                    .bind(id)
                    .bind(job)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(self.err("reading a finding"))?;
            if known.is_none() {
                return Err(Error::NoSuchFinding {
                    job: job.to_string(),
                    id,
                });
            }
            let current: Option<Vec<u8>> =
                sqlx::query_scalar("SELECT payload FROM discovery_reviews WHERE finding_id = ?")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(self.err("reading a review"))?;
            let mut review: Review = match current {
                Some(sealed) => self.open_json("review", &sealed)?,
                None => Review::default(),
            };
            change(&mut review);
            sqlx::query(
                "INSERT INTO discovery_reviews (finding_id, job_id, decided, updated_at, payload) \
                 VALUES (?, ?, ?, ?, ?) ON CONFLICT (finding_id) DO UPDATE SET \
                 decided = excluded.decided, updated_at = excluded.updated_at, \
                 payload = excluded.payload",
            )
            .bind(id)
            .bind(job)
            .bind(review.decision.is_some())
            .bind(now_text())
            .bind(self.seal_json(&review))
            .execute(&mut *tx)
            .await
            .map_err(self.err("saving a review"))?;
            saved.insert(id, review);
        }
        tx.commit().await.map_err(self.err("saving a review"))?;
        Ok(saved)
    }

    /// Decide findings `ids` (or take the decision back with `None`), as `reviewer`.
    pub async fn decide(
        &self,
        job: &str,
        ids: &[i64],
        decision: Option<Decision>,
        reviewer: &str,
    ) -> Result<BTreeMap<i64, Review>> {
        self.update_reviews(job, ids, |review| {
            review.decision = decision.clone();
            review.reviewer = Some(reviewer.to_string());
        })
        .await
    }

    /// How many findings of the job wait for a decision.
    pub async fn remaining(&self, job: &str) -> Result<u64> {
        let count: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM discovery_findings f WHERE f.job_id = ? AND NOT EXISTS \
             (SELECT 1 FROM discovery_reviews r WHERE r.finding_id = f.id AND r.decided = 1)",
        )
        .bind(job)
        .fetch_one(&self.pool)
        .await
        .map_err(self.err("counting findings to review"))?;
        Ok(count as u64)
    }

    /// Delete every job (with its findings, issues and checkpoints) last changed more than
    /// `days` days before `now`. Returns how many jobs went.
    pub async fn purge_older_than(&self, days: u32, now: DateTime<Utc>) -> Result<u64> {
        let limit = date_text(now - Age::days(i64::from(days)));
        let done = sqlx::query("DELETE FROM discovery_jobs WHERE updated_at < ?")
            .bind(limit)
            .execute(&self.pool)
            .await
            .map_err(self.err("purging old findings"))?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await
            .map_err(self.err("purging old findings"))?;
        Ok(done.rows_affected())
    }
}

fn confidence_text(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Possible => "possible",
        Confidence::Likely => "likely",
        Confidence::Certain => "certain",
    }
}
