//! The log itself: the `audit_entries` table, appends, listing, the chain walk and the head.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use futures::TryStreamExt;
use serde::{Deserialize, Serialize};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use crate::entry::{parse_time, time_text, AuditEntry, Head, GENESIS};
use crate::error::{Error, Result};
use crate::event::{AuditAction, AuditEvent, Id};

// NOTE: the triggers keep honest code from editing the log; they do not stop someone with the
// file (a trigger can be dropped). The chain is what makes such an edit visible.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS audit_entries (
  seq INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  request_id INTEGER,
  job_id TEXT,
  target TEXT,
  counts TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_entries_by_request ON audit_entries (request_id, seq);
CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
";

type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// Which entries [`AuditLog::list`] returns. The default is every entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only entries about this Dastra request.
    pub request: Option<i64>,
    /// Only entries of this action.
    pub action: Option<AuditAction>,
    /// Only entries recorded at or after this time.
    pub since: Option<DateTime<Utc>>,
    /// Only entries recorded before this time.
    pub until: Option<DateTime<Utc>>,
    /// At most this many entries (all when `None`).
    pub limit: Option<u32>,
    /// Skip this many of the newest matching entries first.
    pub offset: u32,
}

/// A page of entries, newest first, and how many match the filter in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// The entries, newest first.
    pub entries: Vec<AuditEntry>,
    /// How many entries match, ignoring the limit and offset.
    pub total: u64,
}

/// Why the chain breaks at an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum BrokenReason {
    /// The entry's fields do not hash to its stored hash: it was edited.
    HashMismatch,
    /// The entry's `prev_hash` is not the previous entry's hash: an entry before it was
    /// replaced or rehashed, or entries were re-ordered.
    PrevMismatch,
    /// No entry has this number: an entry was deleted (or numbers were changed).
    MissingSeq,
    /// The stored row does not decode as an entry.
    Unreadable,
    /// The head given to [`AuditLog::verify_against`] is not in the log: entries after it,
    /// or the head itself, were removed or rewritten.
    HeadNotFound,
}

impl BrokenReason {
    /// What the reason means, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            BrokenReason::HashMismatch => "its content does not match its hash (it was edited)",
            BrokenReason::PrevMismatch => {
                "it does not follow the entry before it (an earlier entry was replaced or \
                 entries were re-ordered)"
            }
            BrokenReason::MissingSeq => "it is missing (an entry was deleted)",
            BrokenReason::Unreadable => "it cannot be read",
            BrokenReason::HeadNotFound => {
                "the known head is not in the log (the log was truncated or rewritten)"
            }
        }
    }
}

/// Where the chain first breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenLink {
    /// The entry number at which it breaks.
    pub seq: u64,
    /// Why.
    pub reason: BrokenReason,
}

/// What [`AuditLog::verify`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyReport {
    /// How many rows the log holds.
    pub entries: u64,
    /// Whether the whole chain holds.
    pub ok: bool,
    /// The first entry at which it does not, if any.
    pub first_broken: Option<BrokenLink>,
    /// The last stored entry's number and hash, when there is one and it is readable.
    pub head: Option<Head>,
}

/// The audit log; cheap to clone (clones share the pool).
#[derive(Clone)]
pub struct AuditLog {
    pool: SqlitePool,
    path: PathBuf,
    clock: Clock,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditLog")
            .field("path", &self.path)
            .finish()
    }
}

impl AuditLog {
    /// Open (creating it if needed) the database at `path` with its own pool, set up as the
    /// findings store sets up its own (WAL, a 10 s busy timeout).
    pub async fn open(path: &Path) -> Result<AuditLog> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| Error::Store {
                path: path.to_path_buf(),
                op: "opening",
                source,
            })?;
        AuditLog::from_pool(pool).await
    }

    /// Use an open pool (the one the rest of the app uses), creating the table if needed.
    ///
    /// The pool should have a busy timeout: an append waits for another writer's transaction
    /// to end, and fails at once without one.
    pub async fn from_pool(pool: SqlitePool) -> Result<AuditLog> {
        let path = pool.connect_options().get_filename().to_path_buf();
        let log = AuditLog {
            pool,
            path,
            clock: Arc::new(Utc::now),
        };
        sqlx::raw_sql(SCHEMA)
            .execute(&log.pool)
            .await
            .map_err(log.err("creating the audit table"))?;
        Ok(log)
    }

    /// Take entry times from `clock` instead of the system clock (for tests and replays). The
    /// chain does not check that times grow; a clock set back shows in the times only.
    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The pool, to share with the other stores of the same database.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
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

    /// Record `event` as the next entry and return it.
    ///
    /// The last entry is read and the new one written in one `BEGIN IMMEDIATE` transaction, so
    /// two writers (two pools, two processes) queue rather than both extending the same entry;
    /// `seq` being the table's key makes a fork impossible even so.
    pub async fn append(&self, event: &AuditEvent) -> Result<AuditEntry> {
        let mut tx = self
            .pool
            .begin_with("BEGIN IMMEDIATE")
            .await
            .map_err(self.err("starting an append"))?;
        let last: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&mut *tx)
                .await
                .map_err(self.err("reading the last entry"))?;
        let (seq, prev_hash) = match last {
            Some((seq, hash)) => (seq as u64 + 1, hash),
            None => (1, GENESIS.to_string()),
        };

        let mut entry = AuditEntry {
            seq,
            time: (self.clock)().trunc_subsecs(6),
            actor: event.actor.clone(),
            action: event.action,
            request: event.request,
            job: event.job.clone(),
            target: event.target.clone(),
            counts: event.counts.clone(),
            prev_hash,
            hash: String::new(),
        };
        entry.hash = entry.computed_hash();

        sqlx::query(
            "INSERT INTO audit_entries (seq, time, actor, action, request_id, job_id, target, \
             counts, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(entry.seq as i64)
        .bind(time_text(entry.time))
        .bind(entry.actor.as_str())
        .bind(entry.action.as_str())
        .bind(entry.request)
        .bind(entry.job.as_ref().map(|j| j.as_str()))
        .bind(entry.target.as_ref().map(|t| t.as_str()))
        .bind(serde_json::to_string(&entry.counts).expect("counts serialise"))
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .execute(&mut *tx)
        .await
        .map_err(self.err("writing an entry"))?;
        tx.commit().await.map_err(self.err("writing an entry"))?;
        tracing::debug!(seq, action = %entry.action, "audit entry appended");
        Ok(entry)
    }

    /// The entries matching `filter`, newest first, and how many match in all.
    pub async fn list(&self, filter: &AuditFilter) -> Result<AuditPage> {
        let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM audit_entries");
        push_filter(&mut count, filter);
        let total: i64 = count
            .build_query_scalar()
            .fetch_one(&self.pool)
            .await
            .map_err(self.err("counting entries"))?;

        let mut select = QueryBuilder::<Sqlite>::new("SELECT * FROM audit_entries");
        push_filter(&mut select, filter);
        select.push(" ORDER BY seq DESC LIMIT ");
        select.push_bind(filter.limit.map_or(-1, i64::from));
        select.push(" OFFSET ");
        select.push_bind(i64::from(filter.offset));
        let rows = select
            .build()
            .fetch_all(&self.pool)
            .await
            .map_err(self.err("listing entries"))?;
        let entries = rows.iter().map(decode).collect::<Result<_>>()?;
        Ok(AuditPage {
            entries,
            total: total as u64,
        })
    }

    /// Every entry, oldest first.
    pub async fn entries(&self) -> Result<Vec<AuditEntry>> {
        let rows = sqlx::query("SELECT * FROM audit_entries ORDER BY seq")
            .fetch_all(&self.pool)
            .await
            .map_err(self.err("reading entries"))?;
        rows.iter().map(decode).collect()
    }

    /// The last entry's number and hash, or `None` while the log is empty.
    pub async fn head(&self) -> Result<Option<Head>> {
        let last: Option<(i64, String)> =
            sqlx::query_as("SELECT seq, hash FROM audit_entries ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await
                .map_err(self.err("reading the last entry"))?;
        Ok(last.map(|(seq, hash)| Head {
            seq: seq as u64,
            hash,
        }))
    }

    /// Walk the whole chain in order, from one consistent read, and say where it first breaks.
    ///
    /// An edited field, a deleted entry, re-ordered entries and a rehashed entry are all
    /// found. Entries removed from the end are not: the shorter chain is a valid chain. Keep
    /// a [`Head`] outside the database and use [`AuditLog::verify_against`] for that.
    pub async fn verify(&self) -> Result<VerifyReport> {
        let mut rows = sqlx::query("SELECT * FROM audit_entries ORDER BY seq").fetch(&self.pool);
        let mut report = VerifyReport {
            entries: 0,
            ok: true,
            first_broken: None,
            head: None,
        };
        let (mut expected, mut prev) = (1u64, GENESIS.to_string());
        while let Some(row) = rows.try_next().await.map_err(self.err("reading entries"))? {
            report.entries += 1;
            report.head = stored_head(&row);
            if report.first_broken.is_some() {
                continue;
            }
            let broken = |seq, reason| Some(BrokenLink { seq, reason });
            // The number first: a gap is reported as such even when the next row is damaged.
            let seq = row.try_get::<i64, _>("seq").ok();
            report.first_broken = match decode(&row) {
                _ if seq != Some(expected as i64) => broken(expected, BrokenReason::MissingSeq),
                Err(_) => broken(expected, BrokenReason::Unreadable),
                Ok(entry) if entry.computed_hash() != entry.hash => {
                    broken(entry.seq, BrokenReason::HashMismatch)
                }
                Ok(entry) if entry.prev_hash != prev => {
                    broken(entry.seq, BrokenReason::PrevMismatch)
                }
                Ok(entry) => {
                    (expected, prev) = (expected + 1, entry.hash);
                    None
                }
            };
        }
        report.ok = report.first_broken.is_none();
        tracing::debug!(
            entries = report.entries,
            ok = report.ok,
            "audit chain walked"
        );
        Ok(report)
    }

    /// [`AuditLog::verify`], and also check that `known` (a head exported or written down
    /// earlier) is still in the chain: this is what notices a truncated log.
    pub async fn verify_against(&self, known: &Head) -> Result<VerifyReport> {
        let mut report = self.verify().await?;
        if report.ok {
            let stored: Option<String> =
                sqlx::query_scalar("SELECT hash FROM audit_entries WHERE seq = ?")
                    .bind(known.seq as i64)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(self.err("reading an entry"))?;
            if stored.as_deref() != Some(known.hash.as_str()) {
                report.ok = false;
                report.first_broken = Some(BrokenLink {
                    seq: known.seq,
                    reason: BrokenReason::HeadNotFound,
                });
            }
        }
        Ok(report)
    }
}

fn push_filter(query: &mut QueryBuilder<'_, Sqlite>, filter: &AuditFilter) {
    query.push(" WHERE 1 = 1");
    if let Some(request) = filter.request {
        query.push(" AND request_id = ").push_bind(request);
    }
    if let Some(action) = filter.action {
        query.push(" AND action = ").push_bind(action.as_str());
    }
    // Times are fixed-width text, so they compare as they sort.
    if let Some(since) = filter.since {
        query.push(" AND time >= ").push_bind(time_text(since));
    }
    if let Some(until) = filter.until {
        query.push(" AND time < ").push_bind(time_text(until));
    }
}

fn stored_head(row: &SqliteRow) -> Option<Head> {
    let seq: i64 = row.try_get("seq").ok()?;
    let hash: String = row.try_get("hash").ok()?;
    Some(Head {
        seq: u64::try_from(seq).ok()?,
        hash,
    })
}

/// Decode a stored row. The error names the column at fault, never its value: an edited row
/// may hold anything.
fn decode(row: &SqliteRow) -> Result<AuditEntry> {
    let seq: i64 = row
        .try_get("seq")
        .map_err(|_| Error::corrupt(-1, "seq is not an integer"))?;
    let bad = |column: &str| Error::corrupt(seq, format!("{column} is not valid"));
    let text = |column: &'static str| row.try_get::<String, _>(column).map_err(|_| bad(column));
    let optional = |column: &'static str| {
        row.try_get::<Option<String>, _>(column)
            .map_err(|_| bad(column))
    };
    let id = |column: &'static str, check: fn(String) -> Result<Id>| {
        optional(column)?
            .map(check)
            .transpose()
            .map_err(|_| bad(column))
    };

    Ok(AuditEntry {
        seq: u64::try_from(seq).map_err(|_| bad("seq"))?,
        time: parse_time(&text("time")?).ok_or_else(|| bad("time"))?,
        actor: text("actor")?.try_into().map_err(|_| bad("actor"))?,
        action: text("action")?.parse().map_err(|_| bad("action"))?,
        request: row.try_get("request_id").map_err(|_| bad("request_id"))?,
        job: id("job_id", Id::job)?,
        target: id("target", Id::new)?,
        counts: serde_json::from_str(&text("counts")?).map_err(|_| bad("counts"))?,
        prev_hash: text("prev_hash")?,
        hash: text("hash")?,
    })
}
