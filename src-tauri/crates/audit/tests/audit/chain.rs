//! The chain: intact on a long log, broken at the exact entry for each kind of tampering, one
//! chain from two writers, and hashes that match the documented format.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use passerelle_audit::*;
use sha2::{Digest, Sha256};

use crate::Fixture;

fn broken_at(report: &VerifyReport) -> Option<(u64, BrokenReason)> {
    report.first_broken.as_ref().map(|b| (b.seq, b.reason))
}

#[tokio::test]
async fn an_empty_log_verifies_and_has_no_head() {
    let fx = Fixture::new().await;
    let report = fx.log.verify().await.expect("verified");
    assert!(
        report.ok && report.entries == 0,
        "empty is intact: {report:?}"
    );
    assert_eq!(fx.log.head().await.expect("head"), None, "no head yet");
}

#[tokio::test]
async fn a_chain_of_a_thousand_entries_verifies() {
    let fx = Fixture::new().await;
    fx.fill(1000).await;

    let report = fx.log.verify().await.expect("verified");
    assert!(report.ok, "the chain holds: {report:?}");
    assert_eq!(report.entries, 1000, "every entry walked");
    let head = fx.log.head().await.expect("head").expect("a head");
    assert_eq!(head.seq, 1000, "the head is the last entry");
    assert_eq!(report.head, Some(head), "the report carries the head");
}

#[tokio::test]
async fn the_first_entry_chains_to_sixty_four_zeros_and_each_to_the_one_before() {
    let fx = Fixture::new().await;
    fx.fill(3).await;
    let entries = fx.log.entries().await.expect("entries");
    assert_eq!(entries[0].prev_hash, "0".repeat(64), "genesis");
    assert_eq!(entries[1].prev_hash, entries[0].hash, "2 follows 1");
    assert_eq!(entries[2].prev_hash, entries[1].hash, "3 follows 2");
    assert_eq!(
        entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3],
        "numbered from 1"
    );
}

/// Each case: ten entries, one edit made with plain SQL, and where `verify` must say the chain
/// first breaks.
async fn tampered(sql: &str) -> VerifyReport {
    let fx = Fixture::new().await;
    fx.fill(10).await;
    assert!(fx.log.verify().await.expect("verified").ok, "intact before");
    fx.tamper(sql).await;
    fx.log.verify().await.expect("verified")
}

#[tokio::test]
async fn an_edited_count_breaks_the_chain_at_that_entry() {
    let report = tampered(
        r#"UPDATE audit_entries SET counts = '{"bytes":7000,"findings":1}' WHERE seq = 7"#,
    )
    .await;
    assert!(!report.ok, "tampering is seen");
    assert_eq!(broken_at(&report), Some((7, BrokenReason::HashMismatch)));
}

#[tokio::test]
async fn an_edited_actor_breaks_the_chain_at_that_entry() {
    let report = tampered("UPDATE audit_entries SET actor = 'someone.else' WHERE seq = 3").await;
    assert_eq!(broken_at(&report), Some((3, BrokenReason::HashMismatch)));
}

#[tokio::test]
async fn a_deleted_entry_in_the_middle_is_reported_missing() {
    let report = tampered("DELETE FROM audit_entries WHERE seq = 5").await;
    assert_eq!(broken_at(&report), Some((5, BrokenReason::MissingSeq)));
    assert_eq!(report.entries, 9, "the remaining rows are counted");
}

#[tokio::test]
async fn a_gap_is_reported_before_a_damaged_row_after_it() {
    let report = tampered(
        "DELETE FROM audit_entries WHERE seq = 5;
         UPDATE audit_entries SET action = 'somethingElse' WHERE seq = 6;",
    )
    .await;
    assert_eq!(broken_at(&report), Some((5, BrokenReason::MissingSeq)));
}

#[tokio::test]
async fn two_entries_swapped_break_the_chain_at_the_first_of_them() {
    let report = tampered(
        "UPDATE audit_entries SET seq = -1 WHERE seq = 4;
         UPDATE audit_entries SET seq = 4 WHERE seq = 8;
         UPDATE audit_entries SET seq = 8 WHERE seq = -1;",
    )
    .await;
    assert_eq!(broken_at(&report), Some((4, BrokenReason::HashMismatch)));
}

#[tokio::test]
async fn a_rehashed_entry_breaks_the_chain_at_the_next_one() {
    let fx = Fixture::new().await;
    fx.fill(10).await;
    let mut sixth = fx.log.entries().await.expect("entries")[5].clone();
    sixth.actor = Actor::new("someone.else").expect("an actor");
    let rehashed = sixth.computed_hash();
    fx.tamper(&format!(
        "UPDATE audit_entries SET actor = 'someone.else', hash = '{rehashed}' WHERE seq = 6"
    ))
    .await;

    let report = fx.log.verify().await.expect("verified");
    assert_eq!(broken_at(&report), Some((7, BrokenReason::PrevMismatch)));
}

#[tokio::test]
async fn a_row_that_does_not_decode_is_unreadable() {
    let report = tampered("UPDATE audit_entries SET action = 'somethingElse' WHERE seq = 2").await;
    assert_eq!(broken_at(&report), Some((2, BrokenReason::Unreadable)));
}

#[tokio::test]
async fn a_truncated_tail_is_seen_only_against_a_known_head() {
    let fx = Fixture::new().await;
    fx.fill(10).await;
    let known = fx.log.head().await.expect("head").expect("a head");
    fx.tamper("DELETE FROM audit_entries WHERE seq >= 9").await;

    let alone = fx.log.verify().await.expect("verified");
    assert!(alone.ok, "a shorter chain is still a chain: {alone:?}");
    let against = fx.log.verify_against(&known).await.expect("verified");
    assert_eq!(broken_at(&against), Some((10, BrokenReason::HeadNotFound)));
    let intact = Fixture::new().await;
    intact.fill(2).await;
    let head = intact.log.head().await.expect("head").expect("a head");
    assert!(
        intact.log.verify_against(&head).await.expect("verified").ok,
        "own head holds"
    );
}

#[tokio::test]
async fn the_triggers_refuse_edits_from_honest_code() {
    let fx = Fixture::new().await;
    fx.fill(2).await;
    let update = sqlx::query("UPDATE audit_entries SET actor = 'x1' WHERE seq = 1")
        .execute(fx.log.pool())
        .await;
    let delete = sqlx::query("DELETE FROM audit_entries")
        .execute(fx.log.pool())
        .await;
    assert!(update.is_err() && delete.is_err(), "append-only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_pools_appending_at_once_make_one_unbroken_chain() {
    let fx = Fixture::new().await;
    let other = AuditLog::open(&fx.db()).await.expect("a second pool");
    let mut tasks = Vec::new();
    for (name, log) in [("writer.one", fx.log.clone()), ("writer.two", other)] {
        let log = Arc::new(log);
        for i in 0..200 {
            let log = log.clone();
            tasks.push(tokio::spawn(async move {
                let event = AuditEvent::new(
                    Actor::new(name).expect("actor"),
                    AuditAction::FindingsViewed,
                )
                .count(Count::Findings, i);
                log.append(&event).await.expect("appended")
            }));
        }
    }
    for task in tasks {
        task.await.expect("the task ran");
    }

    let report = fx.log.verify().await.expect("verified");
    assert!(report.ok, "one chain: {report:?}");
    assert_eq!(report.entries, 400, "every append landed");
    let entries = fx.log.entries().await.expect("entries");
    let ones = entries
        .iter()
        .filter(|e| e.actor.as_str() == "writer.one")
        .count();
    assert_eq!(ones, 200, "both writers got through");
}

/// The canonical text of the crate docs, written out by hand.
const KNOWN_TEXT: &str = "passerelle-audit/1\nseq:1\ntime:2026-01-02T03:04:05.678901Z\n\
    actor:dpo.martin\naction:findingReviewed\nrequest:1012\n\
    job:6f1c2a9e-0b7d-4c1e-9a55-3f0f8d2b1c77\ntarget:42\ncounts:findings=12,included=9\n\
    prev:0000000000000000000000000000000000000000000000000000000000000000\n";

#[tokio::test]
async fn a_known_entry_hashes_as_the_documented_format_says() {
    let time = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
        + chrono::Duration::nanoseconds(678_901_234);
    let fx = Fixture::new().await;
    let log = fx.log.clone().with_clock(move || time);

    let event = AuditEvent::new(
        Actor::new("dpo.martin").unwrap(),
        AuditAction::FindingReviewed,
    )
    .request(1012)
    .job(Id::job("6f1c2a9e-0b7d-4c1e-9a55-3f0f8d2b1c77").unwrap())
    .target(Id::from(42))
    .count(Count::Included, 9)
    .count(Count::Findings, 12);
    let first = log.append(&event).await.expect("appended");
    let by_hand = format!("{:x}", Sha256::digest(KNOWN_TEXT.as_bytes()));
    // Computed once with Python's hashlib over KNOWN_TEXT; it is in the crate docs too.
    let literal = "952da71136bcf1a17ec0718a198143587802f815c544db5bb8166e2a484b16e1";
    assert_eq!(
        by_hand, literal,
        "the documented example hashes as documented"
    );
    assert_eq!(
        first.canonical_text(),
        KNOWN_TEXT,
        "the text is the documented one"
    );
    assert_eq!(first.hash, literal, "the stored hash is the documented one");

    // Absent fields are empty, and the next entry chains to this one.
    let bare =
        AuditEvent::new(Actor::new("dpo.martin").unwrap(), AuditAction::PackageBuilt).request(1012);
    let second = log.append(&bare).await.expect("appended");
    let text = format!(
        "passerelle-audit/1\nseq:2\ntime:2026-01-02T03:04:05.678901Z\nactor:dpo.martin\n\
         action:packageBuilt\nrequest:1012\njob:\ntarget:\ncounts:\nprev:{literal}\n"
    );
    assert_eq!(
        second.hash,
        format!("{:x}", Sha256::digest(text.as_bytes())),
        "second entry"
    );
    assert_eq!(
        second.hash, "14b451b98133848de46963f663327f812743d806f61f5a9beeeb32dc7941db22",
        "as Python has it"
    );
}
