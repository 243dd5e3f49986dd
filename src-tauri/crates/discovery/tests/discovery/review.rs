//! Reviewing a job's findings: decisions and redactions saved as they are made, in bulk or
//! one by one, and still there when the store is opened again.

use passerelle_discovery::{
    Decision, ExcludeReason, JobSource, JobSpec, Redaction, SealKey, SourceInput, REDACTED,
};
use passerelle_matching::Confidence;
use passerelle_vault::settings::FolderSettings;

use crate::fixture;
use crate::support::*;

#[tokio::test]
async fn decisions_and_redactions_are_saved_as_they_are_made() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("partage");
    fixture::folder(&root);
    let store = store(dir.path()).await;
    let source = JobSource {
        id: "folder".into(),
        name: "Partage".into(),
    };
    let spec = JobSpec::new(1012, fixture::identity(), vec![source]);
    store.create_job(&spec).await.expect("job recorded");
    let input = SourceInput::Folder {
        id: "folder".into(),
        settings: FolderSettings {
            path: root,
            include: vec![],
            exclude: vec![],
        },
    };
    run_quietly(&store, &spec.id, vec![input]).await;
    let findings = store.findings(&spec.id).await.expect("findings");
    assert_eq!(store.remaining(&spec.id).await.expect("counted"), 12);

    // Pages of 5 give the same findings in the same order, the last one short.
    assert_eq!(store.finding_count(&spec.id).await.expect("counted"), 12);
    let mut paged = Vec::new();
    for offset in (0..12).step_by(5) {
        let page = store
            .findings_page(&spec.id, offset, 5)
            .await
            .expect("a page");
        assert_eq!(
            page.len(),
            if offset == 10 { 2 } else { 5 },
            "page at {offset}"
        );
        paged.extend(page.into_iter().map(|s| s.id));
    }
    let all: Vec<i64> = findings.iter().map(|s| s.id).collect();
    assert_eq!(paged, all);
    assert!(store
        .findings_page(&spec.id, 12, 5)
        .await
        .expect("past the end")
        .is_empty());

    // Every certain finding included at once.
    let certain: Vec<i64> = findings
        .iter()
        .filter(|s| s.finding.confidence == Confidence::Certain)
        .map(|s| s.id)
        .collect();
    store
        .decide(&spec.id, &certain, Some(Decision::Include), "DPO")
        .await
        .expect("decided");
    // Left: the namesake, the note naming only Mme Dupont-Martin, her names swapped.
    assert_eq!(store.remaining(&spec.id).await.expect("counted"), 3);

    // The namesake rejected; the note of the e-mail that mentions the neighbour redacted.
    let namesake = findings
        .iter()
        .find(|s| line(&s.finding).contains("clients.csv row=3"))
        .expect("namesake");
    let exclude = Decision::Exclude {
        reason: ExcludeReason::NotThisPerson,
        note: None,
    };
    store
        .decide(&spec.id, &[namesake.id], Some(exclude.clone()), "DPO")
        .await
        .expect("decided");
    let csv = findings
        .iter()
        .find(|s| line(&s.finding).contains("clients.csv row=2"))
        .expect("her row");
    store
        .update_reviews(&spec.id, &[csv.id], |review| {
            review.redactions.push(Redaction {
                field: "Ville".into(),
                span: None,
            })
        })
        .await
        .expect("redacted");
    assert_eq!(store.remaining(&spec.id).await.expect("counted"), 2);

    // An id from nowhere is refused and changes nothing.
    let err = store
        .decide(&spec.id, &[csv.id, 999_999], Some(Decision::Include), "DPO")
        .await
        .expect_err("refused");
    assert!(err.to_string().contains("999999"), "{err}");

    // Opened again, the store gives the same reviews, and the redaction applies.
    drop(store);
    let store = store_again(dir.path()).await;
    let reviews = store.reviews(&spec.id).await.expect("reviews");
    assert_eq!(reviews.len(), 10);
    assert_eq!(reviews[&namesake.id].decision, Some(exclude));
    let review = &reviews[&csv.id];
    assert!(review.is_included());
    assert_eq!(review.reviewer.as_deref(), Some("DPO"));
    let redacted = csv.finding.redacted(&review.redactions);
    let city = redacted
        .fields
        .iter()
        .find(|f| f.name == "Ville")
        .expect("city");
    assert_eq!(city.value, REDACTED);
}

async fn store_again(dir: &std::path::Path) -> passerelle_discovery::FindingsStore {
    store(dir).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_redaction_and_a_decision_made_at_once_both_land() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("partage");
    fixture::folder(&root);
    // A key of its own: the store is not opened again, and the keyring's key, created by the
    // first test to ask for it, is left to the tests that reopen theirs.
    let store = passerelle_discovery::FindingsStore::open(
        &dir.path().join("passerelle.db"),
        SealKey::random(),
    )
    .await
    .expect("the store opens");
    let source = JobSource {
        id: "folder".into(),
        name: "Partage".into(),
    };
    let spec = JobSpec::new(1012, fixture::identity(), vec![source]);
    store.create_job(&spec).await.expect("job recorded");
    let input = SourceInput::Folder {
        id: "folder".into(),
        settings: FolderSettings {
            path: root,
            include: vec![],
            exclude: vec![],
        },
    };
    run_quietly(&store, &spec.id, vec![input]).await;
    let ids: Vec<i64> = store
        .findings(&spec.id)
        .await
        .expect("findings")
        .iter()
        .map(|s| s.id)
        .collect();

    // As the window sends them: a redaction of one finding while every one is included.
    for (round, &id) in ids.iter().enumerate() {
        let (a, b) = (store.clone(), store.clone());
        let (job, all) = (spec.id.clone(), ids.clone());
        let redact = tokio::spawn(async move {
            a.update_reviews(&job, &[id], |review| {
                review.redactions.push(Redaction {
                    field: format!("f{round}"),
                    span: None,
                })
            })
            .await
        });
        let job = spec.id.clone();
        let decide =
            tokio::spawn(async move { b.decide(&job, &all, Some(Decision::Include), "DPO").await });
        redact.await.expect("task").expect("the redaction saved");
        decide.await.expect("task").expect("the decision saved");
        let review = store.reviews(&spec.id).await.expect("reviews")[&id].clone();
        assert!(review.is_included(), "round {round}: {review:?}");
        assert_eq!(review.redactions.len(), 1, "round {round}: {review:?}");
    }
}
