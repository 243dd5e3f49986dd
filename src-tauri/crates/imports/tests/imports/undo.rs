//! Undoing applied plans on the sandbox.

use passerelle_imports::{apply_plan, undo_plan, Journal, RowOutcome};
use reqwest::Method;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::apply::{assets, plan, software, text, with_ref, SMALL};
use crate::plan::{row, APP};
use crate::small_sandbox;

/// Every asset, without the `dateUpdate` that any write moves.
async fn assets_undated(client: &passerelle_dastra::DastraClient) -> Vec<Value> {
    let mut all = assets(client).await;
    for asset in &mut all {
        asset
            .as_object_mut()
            .expect("an object")
            .remove("dateUpdate");
    }
    all
}

/// Change `field` of the record at `path` by hand, as a DPO does in Dastra.
async fn edit_by_hand(
    client: &passerelle_dastra::DastraClient,
    path: &str,
    field: &str,
    value: &str,
) {
    let edit = json!([{ "op": "replace", "path": format!("/{field}"), "value": value }]);
    client
        .send_json(Method::PATCH, path, Some(&edit))
        .await
        .expect("edited by hand");
}

/// The outcome the report gives the plan's row `index`.
fn outcome_of(report: &passerelle_imports::ApplyReport, index: usize) -> &RowOutcome {
    &report
        .rows
        .iter()
        .find(|r| r.index == index)
        .expect("a row")
        .outcome
}

#[tokio::test]
async fn undoing_an_import_gives_back_the_assets_as_they_were() {
    let (_sandbox, client) = small_sandbox(SMALL).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let before = assets_undated(&client).await;
    let picked = software(&client, 3).await;
    let rows = vec![
        row(1, &text(&picked[0], "ref"), "Paie (renommée)", APP),
        row(2, &text(&picked[1], "ref"), "Portail (renommé)", APP),
        row(3, &text(&picked[2], "ref"), &text(&picked[2], "label"), APP),
        row(4, "APM0090001", "Atlas", APP),
        row(5, "APM0090002", "Boussole", APP),
    ];
    let plan = plan(&client, &rows).await;
    let cancel = CancellationToken::new();
    apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");
    assert_ne!(
        assets_undated(&client).await,
        before,
        "the import changed the register"
    );

    let report = undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("undone");
    let undone = report.count(|o| matches!(o, RowOutcome::Undone { .. }));
    assert_eq!(
        undone,
        4 + SMALL - 3,
        "two updates, two creates and every tag: {report:?}"
    );
    assert_eq!(report.rows.len(), undone, "only written rows are undone");
    assert_eq!(
        assets_undated(&client).await,
        before,
        "every asset is back as it was, the created ones gone"
    );

    let again = undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("again");
    assert!(
        again.rows.iter().all(|r| r.resumed),
        "a second undo writes nothing"
    );
}

#[tokio::test]
async fn an_undo_refuses_a_record_changed_since_the_import() {
    let (_sandbox, client) = small_sandbox(SMALL).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let picked = software(&client, 1).await;
    let rows = vec![
        row(1, &text(&picked[0], "ref"), "Paie (renommée)", APP),
        row(2, "APM0090001", "Atlas", APP),
    ];
    let plan = plan(&client, &rows).await;
    let cancel = CancellationToken::new();
    apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");

    let id = &picked[0]["id"];
    let path = format!("/v1/ws/1/Assets/{id}");
    edit_by_hand(&client, &path, "label", "Renommée à la main").await;
    let created = with_ref(&client, "APM0090001").await;
    let created_path = format!("/v1/ws/1/Assets/{}", created[0]["id"]);
    edit_by_hand(&client, &created_path, "label", "Atlas (à garder)").await;

    let report = undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("ran");
    let outcome = |index: usize| outcome_of(&report, index);
    assert_eq!(
        outcome(0),
        &RowOutcome::Stale { id: id.clone() },
        "the hand edit is kept"
    );
    assert_eq!(
        outcome(1),
        &RowOutcome::Stale {
            id: created[0]["id"].clone()
        }
    );
    let now = client.get_json(&path, &[]).await.expect("read");
    assert_eq!(now["label"], "Renommée à la main");
    assert_eq!(
        with_ref(&client, "APM0090001").await.len(),
        1,
        "an edited create is not deleted"
    );
}

#[tokio::test]
async fn an_undo_keeps_a_created_record_completed_by_hand_in_another_field() {
    let (_sandbox, client) = small_sandbox(SMALL).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let rows = vec![
        row(1, "APM0090001", "Atlas", APP),
        row(2, "APM0090002", "Boussole", APP),
    ];
    let plan = plan(&client, &rows).await;
    let cancel = CancellationToken::new();
    apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");

    // The DPO completes the first new record in Dastra, in a field the import does not map.
    let atlas = with_ref(&client, "APM0090001").await;
    let path = format!("/v1/ws/1/Assets/{}", atlas[0]["id"]);
    edit_by_hand(&client, &path, "description", "Hébergé à Lyon").await;

    let report = undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("ran");
    let outcome = |index: usize| outcome_of(&report, index);
    assert_eq!(
        outcome(0),
        &RowOutcome::Stale {
            id: atlas[0]["id"].clone()
        },
        "the completed record is kept, with what the DPO wrote"
    );
    assert!(matches!(outcome(1), RowOutcome::Undone { .. }));
    let now = client.get_json(&path, &[]).await.expect("still there");
    assert_eq!(now["description"], "Hébergé à Lyon");
    assert!(
        with_ref(&client, "APM0090002").await.is_empty(),
        "the untouched create is deleted"
    );
}
