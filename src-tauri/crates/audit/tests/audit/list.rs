//! Appending and listing: newest first, filters, paging, the total, a shared pool, and values
//! refused before they reach the log.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use passerelle_audit::*;

use crate::{sample, Fixture};

#[tokio::test]
async fn append_returns_the_stored_entry_and_list_returns_newest_first() {
    let fx = Fixture::new().await;
    let first = fx.log.append(&sample(0)).await.expect("appended");
    let second = fx.log.append(&sample(1)).await.expect("appended");
    assert_eq!((first.seq, second.seq), (1, 2), "numbered in order");

    let page = fx.log.list(&AuditFilter::default()).await.expect("listed");
    assert_eq!(page.total, 2, "two entries");
    assert_eq!(
        page.entries,
        vec![second, first],
        "newest first, as appended"
    );
}

#[tokio::test]
async fn list_filters_by_request_action_and_time_and_pages() {
    let fx = Fixture::new().await;
    let base = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
    let tick = Arc::new(AtomicI64::new(0));
    let clock = tick.clone();
    let log = fx
        .log
        .clone()
        .with_clock(move || base + Duration::minutes(clock.fetch_add(1, Ordering::SeqCst)));
    for i in 0..12 {
        log.append(&sample(i)).await.expect("appended");
    }

    let by_request = log
        .list(&AuditFilter {
            request: Some(1001),
            ..Default::default()
        })
        .await
        .expect("listed");
    let seqs: Vec<u64> = by_request.entries.iter().map(|e| e.seq).collect();
    assert_eq!(
        seqs,
        [11, 8, 5, 2],
        "request 1001 is every third entry from the second"
    );

    let by_action = log
        .list(&AuditFilter {
            action: Some(AuditAction::PackageBuilt),
            ..Default::default()
        })
        .await
        .expect("listed");
    assert_eq!(by_action.total, 3, "entries 4, 8 and 12 built packages");
    assert!(
        by_action
            .entries
            .iter()
            .all(|e| e.action == AuditAction::PackageBuilt),
        "only that action"
    );

    let window = log
        .list(&AuditFilter {
            since: Some(base + Duration::minutes(3)),
            until: Some(base + Duration::minutes(6)),
            ..Default::default()
        })
        .await
        .expect("listed");
    let seqs: Vec<u64> = window.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [6, 5, 4], "since is inclusive, until exclusive");

    let page = log
        .list(&AuditFilter {
            limit: Some(5),
            offset: 5,
            ..Default::default()
        })
        .await
        .expect("listed");
    let seqs: Vec<u64> = page.entries.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [7, 6, 5, 4, 3], "the second page of five");
    assert_eq!(page.total, 12, "the total ignores paging");
}

#[tokio::test]
async fn the_log_shares_a_pool_with_other_tables_of_the_same_database() {
    let fx = Fixture::new().await;
    let pool = fx.log.pool().clone();
    sqlx::raw_sql("CREATE TABLE other_store (id INTEGER PRIMARY KEY)")
        .execute(&pool)
        .await
        .expect("another store's table");
    let shared = AuditLog::from_pool(pool).await.expect("from the pool");
    assert_eq!(shared.path(), fx.db(), "the same file");
    shared.append(&sample(0)).await.expect("appended");
    assert_eq!(
        fx.log.head().await.expect("head").map(|h| h.seq),
        Some(1),
        "seen through either"
    );
}

#[tokio::test]
async fn entries_survive_reopening_the_file() {
    let fx = Fixture::new().await;
    fx.fill(3).await;
    let reopened = AuditLog::open(&fx.db()).await.expect("reopened");
    reopened.append(&sample(3)).await.expect("appended");
    let report = reopened.verify().await.expect("verified");
    assert!(
        report.ok && report.entries == 4,
        "one chain across opens: {report:?}"
    );
}

#[test]
fn refused_values_are_not_repeated_in_the_error() {
    let email = "jean.dupont@example.fr";
    let err = Id::new(email).expect_err("an e-mail is not an id");
    assert!(!err.to_string().contains("dupont"), "no value in: {err}");
    let err = Actor::new("jean\ndupont").expect_err("two lines");
    assert!(!err.to_string().contains("dupont"), "no value in: {err}");
}

#[test]
fn actions_serialise_as_their_stored_camel_case_names() {
    for action in AuditAction::ALL {
        let json = serde_json::to_string(action).expect("serialises");
        assert_eq!(json, format!("\"{}\"", action.as_str()), "{action:?}");
    }
}

#[tokio::test]
async fn a_damaged_row_is_named_by_its_column_not_its_value() {
    let fx = Fixture::new().await;
    fx.fill(2).await;
    fx.tamper("UPDATE audit_entries SET actor = 'Jean Dupont' || char(10) WHERE seq = 2")
        .await;
    let err = fx
        .log
        .list(&AuditFilter::default())
        .await
        .expect_err("the row does not decode");
    let message = err.to_string();
    assert!(
        message.contains("entry 2") && message.contains("actor"),
        "{message}"
    );
    assert!(!message.contains("Dupont"), "no value in: {message}");
}
