//! The audit log on real SQLite files in temporary folders: appending and listing, the chain
//! walk on a long log and on logs tampered with by hand, concurrent writers, the documented
//! hash format, and exports.

mod chain;
mod export;
mod list;

use std::path::PathBuf;

use passerelle_audit::{Actor, AuditAction, AuditEvent, AuditLog, Count};

/// A log in a fresh `passerelle.db` of its own folder.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub log: AuditLog,
}

impl Fixture {
    pub async fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = AuditLog::open(&dir.path().join("passerelle.db"))
            .await
            .expect("the log opens");
        Fixture { dir, log }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("passerelle.db")
    }

    /// Append `n` entries alternating over a few actions and requests.
    pub async fn fill(&self, n: u64) {
        for i in 0..n {
            self.log.append(&sample(i)).await.expect("appended");
        }
    }

    /// Run `sql` on the file as someone with the file would: triggers dropped first.
    pub async fn tamper(&self, sql: &str) {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", self.db().display()))
            .await
            .expect("the file opens");
        sqlx::raw_sql(
            "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;",
        )
        .execute(&pool)
        .await
        .expect("triggers dropped");
        sqlx::raw_sql(sql).execute(&pool).await.expect("tampered");
        pool.close().await;
    }
}

/// The `i`-th sample event: requests 1000–1002, a few actions, counts growing with `i`.
pub fn sample(i: u64) -> AuditEvent {
    let actions = [
        AuditAction::DiscoveryStarted,
        AuditAction::FindingsViewed,
        AuditAction::FindingReviewed,
        AuditAction::PackageBuilt,
    ];
    AuditEvent::new(
        Actor::new("claire.martin").expect("an actor"),
        actions[(i % 4) as usize],
    )
    .request(1000 + (i % 3) as i64)
    .count(Count::Findings, i)
    .count(Count::Bytes, i * 1000)
}
