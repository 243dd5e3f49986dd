//! The DPO's choices before applying, against the sandbox: rows left out, a duplicate taken.

use std::collections::BTreeSet;

use passerelle_imports::{
    apply_plan_except, records_with_key, take_source, Journal, RowClass, RowOutcome,
};
use passerelle_mapping::Entity;
use tokio_util::sync::CancellationToken;

use crate::apply::{plan, software, text, with_ref, SMALL};
use crate::plan::{row, APP};
use crate::small_sandbox;

#[tokio::test]
async fn rows_left_out_write_nothing_and_a_duplicate_taken_updates_its_record() {
    let (_sandbox, client) = small_sandbox(SMALL).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let picked = software(&client, 2).await;
    let (a, b) = (text(&picked[0], "ref"), text(&picked[1], "ref"));
    let rows = vec![
        row(1, &a, "Paie (doublon 1)", APP),
        row(2, &a, "Paie (doublon 2)", APP),
        row(3, &b, "Portail (renommé)", APP),
        row(4, "APM0095001", "Atlas", APP),
    ];
    let mut plan = plan(&client, &rows).await;
    assert_eq!(plan.summary.conflict, 2, "{:?}", plan.summary);

    let current = records_with_key(&client, Entity::Asset, "ref", &a)
        .await
        .expect("read by key");
    assert_eq!(current.len(), 1);
    let taken = take_source(&mut plan, 1, &current).expect("taken");
    assert!(matches!(taken.class, RowClass::Update { .. }), "{taken:?}");

    // The DPO deselects the rename of `b` and the create.
    let left_out = BTreeSet::from([2, 3]);
    let cancel = CancellationToken::new();
    let report = apply_plan_except(&client, &plan, &journal, &mut (), &cancel, &left_out)
        .await
        .expect("applied");
    let outcome = |i: usize| report.rows[i].outcome.clone();
    assert!(
        matches!(outcome(1), RowOutcome::Updated { .. }),
        "{:?}",
        outcome(1)
    );
    assert_eq!(
        outcome(0),
        RowOutcome::Skipped,
        "the sibling stays a conflict"
    );
    assert_eq!(outcome(2), RowOutcome::Skipped);
    assert_eq!(outcome(3), RowOutcome::Skipped);

    assert_eq!(
        text(&with_ref(&client, &a).await[0], "label"),
        "Paie (doublon 2)"
    );
    assert_eq!(
        text(&with_ref(&client, &b).await[0], "label"),
        text(&picked[1], "label"),
        "a row left out is not written"
    );
    assert!(with_ref(&client, "APM0095001").await.is_empty());
}
