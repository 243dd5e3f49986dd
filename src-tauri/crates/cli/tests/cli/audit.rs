//! `passerelle audit verify|list|export` on logs written through the engine in the session's
//! data folder, intact, tampered with, and cut back.

use std::path::Path;

use passerelle_audit::{Actor, AuditAction, AuditEvent, AuditLog, Count, Head, Id};

use crate::support::*;

/// Run `work` on a runtime of its own (the binary runs in another process).
fn block_on<T>(work: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Runtime::new()
        .expect("a runtime")
        .block_on(work)
}

/// Record `n` entries in the database at `db`, the first two about request 1012, the rest
/// about 1013; return the head.
fn seed(db: &Path, n: u64) -> Head {
    std::fs::create_dir_all(db.parent().expect("a folder")).expect("data folder");
    block_on(async {
        let log = AuditLog::open(db).await.expect("the log opens");
        for i in 0..n {
            let (action, request) = if i < 2 {
                (AuditAction::FindingsViewed, 1012)
            } else {
                (AuditAction::PackageBuilt, 1013)
            };
            let event = AuditEvent::new(Actor::new("claire.martin").unwrap(), action)
                .request(request)
                .job(Id::job(format!("job-{i}")).unwrap())
                .count(Count::Findings, 10 + i);
            log.append(&event).await.expect("appended");
        }
        let head = log.head().await.expect("head").expect("a head");
        log.pool().close().await;
        head
    })
}

/// Run `sql` on the file directly, triggers dropped, as someone with the file could.
fn tamper(db: &Path, sql: &str) {
    block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .expect("the file opens");
        sqlx::raw_sql("DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete")
            .execute(&pool)
            .await
            .expect("triggers dropped");
        sqlx::raw_sql(sql).execute(&pool).await.expect("tampered");
        pool.close().await;
    })
}

#[test]
fn audit_verify_finds_an_empty_log_intact_without_creating_one() {
    let mut session = Session::new();
    let run = session.run(&["audit", "verify"], None, &[]).ok();
    assert!(
        run.stdout
            .starts_with("0 entries, chain intact, head 0 0000"),
        "an empty chain: {}",
        run.stdout
    );
    assert!(
        !session.path("data/passerelle/passerelle.db").exists(),
        "verifying creates nothing"
    );
}

#[test]
fn audit_lists_verifies_and_exports_entries_recorded_through_the_engine() {
    let mut session = Session::new();
    let head = seed(&session.path("data/passerelle/passerelle.db"), 3);

    let run = session.run(&["audit", "verify"], None, &[]).ok();
    assert_eq!(
        run.stdout.trim(),
        format!("3 entries, chain intact, head 3 {}", head.hash),
        "the default data folder is <data dir>/passerelle"
    );

    let run = session
        .run(&["audit", "list", "--request", "1012", "--json"], None, &[])
        .ok();
    let page: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(page["total"], 2, "two entries about request 1012");
    assert_eq!(page["entries"][0]["seq"], 2, "newest first");
    assert_eq!(
        page["entries"][0]["action"], "findingsViewed",
        "camelCase action"
    );
    let run = session
        .run(&["audit", "list", "--limit", "1"], None, &[])
        .ok();
    assert!(
        run.stdout.contains("packageBuilt") && run.stdout.contains("request #1013"),
        "one line for the newest entry: {}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 1, "the limit holds");
    assert!(
        run.stderr.contains("1 of 3 entries shown"),
        "{}",
        run.stderr
    );

    let out = session.path("audit.json");
    let out_arg = out.to_string_lossy().into_owned();
    let run = session
        .run(
            &["audit", "export", "--out", &out_arg],
            None,
            &[("USER", "auditor.one")],
        )
        .ok();
    assert!(run.stdout.contains("3 entries exported"), "{}", run.stdout);
    let export: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("the export")).expect("JSON");
    assert_eq!(
        export["entries"].as_array().map(Vec::len),
        Some(3),
        "every entry"
    );
    assert_eq!(
        export["head"]["hash"],
        head.hash.as_str(),
        "the head at export time"
    );
    let leftovers: Vec<_> = files_under(session.root.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(".partial"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left: {leftovers:?}"
    );

    let csv = session.path("audit.csv");
    let csv_arg = csv.to_string_lossy().into_owned();
    let args = [
        "audit", "export", "--out", &csv_arg, "--format", "csv", "--actor", "a.b",
    ];
    session.run(&args, None, &[]).ok();
    let text = std::fs::read_to_string(&csv).expect("the CSV export");
    assert!(
        text.starts_with("record,seq,time,actor,action"),
        "a header: {text}"
    );
    assert!(
        text.contains(",auditExported,"),
        "the first export is in the second: {text}"
    );
    assert!(
        text.lines().last().unwrap().starts_with("head,4,"),
        "ends with the head: {text}"
    );

    let run = session.run(&["audit", "verify"], None, &[]).ok();
    assert!(
        run.stdout.starts_with("5 entries, chain intact"),
        "exports are recorded"
    );
}

#[test]
fn audit_verify_exits_1_naming_the_first_altered_entry() {
    let mut session = Session::new();
    let data = session.path("elsewhere");
    let db = data.join("passerelle.db");
    seed(&db, 5);
    tamper(
        &db,
        "UPDATE audit_entries SET counts = '{\"findings\":99}' WHERE seq = 3",
    );

    let data_arg = data.to_string_lossy().into_owned();
    let run = session.run(
        &["audit", "verify"],
        None,
        &[("PASSERELLE_DATA", &data_arg)],
    );
    assert_eq!(run.code, Some(1), "a broken chain fails: {}", run.stdout);
    assert!(
        run.stdout.contains("chain BROKEN at entry 3"),
        "names the entry: {}",
        run.stdout
    );
    assert!(
        run.stderr.contains("Keep the file as it is"),
        "says what to do: {}",
        run.stderr
    );
}

#[test]
fn audit_verify_with_a_known_head_notices_a_log_cut_back() {
    let mut session = Session::new();
    let data = session.path("d");
    let head = seed(&data.join("passerelle.db"), 4);
    tamper(
        &data.join("passerelle.db"),
        "DELETE FROM audit_entries WHERE seq = 4",
    );

    let data_arg = data.to_string_lossy().into_owned();
    let run = session
        .run(&["audit", "verify", "--data", &data_arg], None, &[])
        .ok();
    assert!(
        run.stdout.starts_with("3 entries, chain intact"),
        "alone, it looks whole"
    );
    let known = format!("{}:{}", head.seq, head.hash);
    let run = session.run(
        &["audit", "verify", "--data", &data_arg, "--head", &known],
        None,
        &[],
    );
    assert_eq!(run.code, Some(1), "the known head is gone: {}", run.stdout);
    assert!(run.stdout.contains("entry 4"), "names it: {}", run.stdout);
}
