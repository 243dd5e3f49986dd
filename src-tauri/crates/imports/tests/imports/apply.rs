//! Applying plans to the sandbox: writes, stale rows, lost answers and resumed runs.

use passerelle_dastra::DastraClient;
use passerelle_imports::{
    apply_plan, fetch_records, plan_import, Journal, JournalEntry, Plan, RowClass, RowOutcome,
};
use passerelle_mapping::{Entity, NoLookups, Profile, SourceRow};
use reqwest::Method;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::plan::{row, APP};
use crate::{sandbox, servicenow_profile, small_sandbox};

/// Assets seeded for the tests that write to every one of them.
pub const SMALL: usize = 24;

pub async fn assets(client: &DastraClient) -> Vec<Value> {
    fetch_records(client, Entity::Asset, 500)
        .await
        .expect("listed")
}

/// The first `n` software assets with a ref.
pub async fn software(client: &DastraClient, n: usize) -> Vec<Value> {
    let all = assets(client).await;
    let out: Vec<Value> = all
        .into_iter()
        .filter(|a| a["type"] == "Software" && a["ref"].as_str().is_some())
        .take(n)
        .collect();
    assert_eq!(out.len(), n, "the seed has enough software assets");
    out
}

pub async fn plan(client: &DastraClient, rows: &[SourceRow]) -> Plan {
    plan_import(
        client,
        &servicenow_profile(),
        rows,
        &NoLookups,
        &Default::default(),
    )
    .await
    .expect("planned")
}

/// Apply `plan` while the sandbox loses the answer of the next write `fault` names
/// (`failAfterCommit`: a POST, `failAfterPatch`: a PATCH), and check that one was lost.
async fn apply_losing_an_answer(
    client: &DastraClient,
    plan: &Plan,
    journal: &Journal,
    fault: &str,
) -> passerelle_imports::ApplyReport {
    client
        .send_json(Method::PUT, "/_sandbox/faults", Some(&json!({ fault: 1 })))
        .await
        .expect("faults set");
    let report = apply_plan(client, plan, journal, &mut (), &CancellationToken::new())
        .await
        .expect("applied");
    let left = client
        .get_json("/_sandbox/faults", &[])
        .await
        .expect("faults read");
    assert_eq!(left[fault], 0, "a write's answer was indeed lost ({fault})");
    report
}

pub fn text(asset: &Value, field: &str) -> String {
    asset[field].as_str().expect("a text field").to_owned()
}

pub async fn with_ref(client: &DastraClient, key: &str) -> Vec<Value> {
    let all = assets(client).await;
    all.into_iter().filter(|a| a["ref"] == key).collect()
}

#[tokio::test]
async fn applying_a_plan_writes_it_and_planning_again_finds_every_row_unchanged() {
    let (_sandbox, client) = small_sandbox(SMALL).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let picked = software(&client, 3).await;
    let rows = vec![
        row(1, &text(&picked[0], "ref"), "Paie (renommée)", APP),
        row(2, &text(&picked[1], "ref"), "Portail (renommé)", APP),
        row(3, &text(&picked[2], "ref"), &text(&picked[2], "label"), APP),
        row(4, "APM0090001", "Atlas", APP),
        row(5, "APM0090002", "Boussole", APP),
    ];
    let first = plan(&client, &rows).await;
    let report = apply_plan(
        &client,
        &first,
        &journal,
        &mut (),
        &CancellationToken::new(),
    )
    .await
    .expect("applied");

    let outcomes: Vec<&RowOutcome> = report.rows.iter().take(5).map(|r| &r.outcome).collect();
    assert_eq!(
        outcomes[0],
        &RowOutcome::Updated {
            id: picked[0]["id"].clone()
        }
    );
    assert_eq!(
        outcomes[1],
        &RowOutcome::Updated {
            id: picked[1]["id"].clone()
        }
    );
    assert_eq!(
        outcomes[2],
        &RowOutcome::Skipped,
        "unchanged rows write nothing"
    );
    assert!(
        matches!(outcomes[3], RowOutcome::Created { .. }),
        "{:?}",
        outcomes[3]
    );
    assert!(
        matches!(outcomes[4], RowOutcome::Created { .. }),
        "{:?}",
        outcomes[4]
    );
    assert_eq!(
        report.count(|o| matches!(o, RowOutcome::Tagged { .. })),
        SMALL - 3,
        "every asset missing from the export is tagged"
    );
    let created = with_ref(&client, "APM0090001").await;
    assert_eq!(created.len(), 1, "one record per create");
    assert_eq!(created[0]["label"], "Atlas");
    assert_eq!(created[0]["type"], "Software");

    let again = plan(&client, &rows).await;
    let classes: Vec<&RowClass> = again.rows.iter().take(5).map(|r| &r.class).collect();
    assert!(
        classes.iter().all(|c| **c == RowClass::Unchanged),
        "after apply, nothing is left to do: {classes:?}"
    );
    assert_eq!((again.summary.create, again.summary.update), (0, 0));
    let todelete: Vec<Value> = assets(&client)
        .await
        .into_iter()
        .filter(|a| {
            a["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["label"] == "servicenow-todelete")
        })
        .collect();
    assert_eq!(
        todelete.len(),
        SMALL - 3,
        "the tag is on the missing assets only"
    );
    let tags = client.get_json("/v1/ws/1/Tags", &[]).await.expect("tags");
    let made: Vec<&Value> = tags
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["label"] == "servicenow-todelete")
        .collect();
    assert_eq!(
        made.len(),
        1,
        "the tag was created once, as an asset tag: {made:?}"
    );
    assert_eq!(made[0]["type"], "Asset");

    let second = apply_plan(
        &client,
        &again,
        &journal,
        &mut (),
        &CancellationToken::new(),
    )
    .await
    .expect("applied again");
    assert!(
        second.rows.iter().all(|r| r.outcome == RowOutcome::Skipped),
        "a second import of the same source writes nothing: {:?}",
        second
            .rows
            .iter()
            .find(|r| r.outcome != RowOutcome::Skipped)
    );

    // The journal holds a before and an after for each write, the before-image first.
    let entries = journal.entries().expect("readable");
    assert_eq!(
        entries.len(),
        2 * (4 + SMALL - 3),
        "a begin and a done per write"
    );
    let JournalEntry::Begin {
        row: 0,
        before: Some(before),
        ..
    } = &entries[0]
    else {
        panic!(
            "the first write begins with the record's before-image: {:?}",
            entries[0]
        );
    };
    assert_eq!(before["label"], picked[0]["label"]);
}

#[tokio::test]
async fn a_record_changed_in_dastra_since_the_plan_is_refused_as_stale() {
    let (_sandbox, client) = sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let picked = software(&client, 1).await;
    let id = picked[0]["id"].clone();
    let plan = plan(
        &client,
        &[row(1, &text(&picked[0], "ref"), "Nouveau nom", APP)],
    )
    .await;

    let path = format!("/v1/ws/1/Assets/{id}");
    let edit = json!([{ "op": "replace", "path": "/description", "value": "edited by hand" }]);
    client
        .send_json(Method::PATCH, &path, Some(&edit))
        .await
        .expect("edited meanwhile");
    let report = apply_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
        .await
        .expect("applied");

    assert_eq!(report.rows[0].outcome, RowOutcome::Stale { id: id.clone() });
    let now = client.get_json(&path, &[]).await.expect("read");
    assert_eq!(
        now["label"], picked[0]["label"],
        "a stale row writes nothing"
    );
    assert_eq!(now["description"], "edited by hand");
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_found_by_its_key_not_posted_twice() {
    let (_sandbox, client) = sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let plan = plan(&client, &[row(1, "APM0090001", "Atlas", APP)]).await;

    let report = apply_losing_an_answer(&client, &plan, &journal, "failAfterCommit").await;
    let created = with_ref(&client, "APM0090001").await;
    assert_eq!(
        created.len(),
        1,
        "the POST went through once, and was not repeated"
    );
    assert_eq!(
        report.rows[0].outcome,
        RowOutcome::Created {
            id: created[0]["id"].clone()
        }
    );
}

#[tokio::test]
async fn an_apply_interrupted_mid_create_resumes_without_a_duplicate() {
    let (_sandbox, client) = sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let plan = plan(&client, &[row(1, "APM0090001", "Atlas", APP)]).await;

    // A run that journaled its create, reached Dastra, and died before the answer.
    let begin = JournalEntry::Begin {
        plan: plan.id.clone(),
        row: 0,
        before: None,
    };
    journal.append(&begin).expect("journaled");
    let body = Value::Object(plan.rows[0].values.clone());
    let posted = client
        .send_json(Method::POST, "/v1/ws/1/Assets", Some(&body))
        .await
        .expect("created by the dead run");

    let cancel = CancellationToken::new();
    let resumed = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("resumed");
    assert_eq!(
        resumed.rows[0].outcome,
        RowOutcome::Created {
            id: posted["id"].clone()
        }
    );
    assert!(
        !resumed.rows[0].resumed,
        "reconciled now, not read from the journal"
    );
    assert_eq!(
        with_ref(&client, "APM0090001").await.len(),
        1,
        "no duplicate"
    );

    let third = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("again");
    assert!(
        third.rows[0].resumed,
        "a finished row is read from the journal"
    );
    assert_eq!(third.rows[0].outcome, resumed.rows[0].outcome);
    assert_eq!(
        with_ref(&client, "APM0090001").await.len(),
        1,
        "still no duplicate"
    );
}

#[tokio::test]
async fn a_cancelled_apply_stops_before_the_next_row() {
    let (_sandbox, client) = sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let plan = plan(&client, &[row(1, "APM0090001", "Atlas", APP)]).await;
    let cancel = CancellationToken::new();
    cancel.cancel();
    let report = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("ran");
    assert!(report.cancelled && report.rows.is_empty(), "{report:?}");
    assert!(
        with_ref(&client, "APM0090001").await.is_empty(),
        "nothing written"
    );
}

#[tokio::test]
async fn contracts_missing_from_the_source_are_archived_and_assets_cannot_be() {
    let (_sandbox, client) = sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let profile = |target: &str| {
        Profile::from_json(&format!(
            r#"{{ "version": 1, "id": "{target}s", "name": "{target}s",
                 "source": {{ "name": "sheet", "kind": "csv" }}, "target": "{target}",
                 "key": {{ "column": "Référence", "target": "ref" }},
                 "missing": {{ "action": "archive" }} }}"#
        ))
        .expect("a valid profile")
    };
    let cancel = CancellationToken::new();

    let contracts = plan_import(
        &client,
        &profile("contract"),
        &[],
        &NoLookups,
        &Default::default(),
    )
    .await
    .expect("planned");
    let listed = fetch_records(&client, Entity::Contract, 500)
        .await
        .expect("listed")
        .len();
    assert!(
        listed > 20,
        "the seed lists its unarchived contracts: {listed}"
    );
    assert_eq!(
        contracts.summary.missing, listed as u64,
        "every listed contract is missing from the empty sheet"
    );
    assert!(contracts.warnings.is_empty(), "{:?}", contracts.warnings);
    assert!(contracts.rows.iter().all(|r| r.class
        == passerelle_imports::RowClass::Missing {
            action: passerelle_imports::MissingAction::Archive
        }));
    let report = apply_plan(&client, &contracts, &journal, &mut (), &cancel)
        .await
        .expect("applied");
    assert_eq!(
        report.count(|o| matches!(o, RowOutcome::Archived { .. })),
        listed,
        "{:?}",
        report.rows[0]
    );
    let left = fetch_records(&client, Entity::Contract, 500)
        .await
        .expect("listed");
    assert!(
        left.is_empty(),
        "archived contracts are no longer listed: {}",
        left.len()
    );

    let assets_plan = plan_import(
        &client,
        &profile("asset"),
        &[],
        &NoLookups,
        &Default::default(),
    )
    .await
    .expect("planned");
    assert_eq!(
        assets_plan.warnings,
        [passerelle_imports::PlanWarning::MissingPolicyUnsupported {
            policy: "archive".into(),
            entity: Entity::Asset,
            missing: assets_plan.summary.missing,
        }],
        "the plan says it will not archive the assets"
    );
    let report = apply_plan(&client, &assets_plan, &journal, &mut (), &cancel)
        .await
        .expect("ran");
    let RowOutcome::Unsupported { message } = &report.rows[0].outcome else {
        panic!("assets cannot be archived: {:?}", report.rows[0]);
    };
    assert!(message.contains("cannot archive an asset"), "{message}");
}

#[tokio::test]
async fn a_create_whose_key_was_added_in_dastra_since_the_plan_is_refused_not_duplicated() {
    let (_sandbox, client) = sandbox().await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let plan = plan(
        &client,
        &[
            row(1, "APM0090001", "Atlas", APP),
            row(2, "APM0090002", "Boussole", APP),
        ],
    )
    .await;
    assert!(plan.rows[..2].iter().all(|r| r.class == RowClass::Create));

    // Someone enters the first application in Dastra by hand between the plan and its apply,
    // its key spelled in other capitals.
    let mut by_hand = plan.rows[0].values.clone();
    by_hand.insert("ref".into(), json!("apm0090001 "));
    by_hand.insert("label".into(), json!("Atlas (saisi à la main)"));
    let posted = client
        .send_json(
            Method::POST,
            "/v1/ws/1/Assets",
            Some(&Value::Object(by_hand)),
        )
        .await
        .expect("entered by hand");

    let report = apply_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
        .await
        .expect("applied");
    assert_eq!(
        report.rows[0].outcome,
        RowOutcome::Stale {
            id: posted["id"].clone()
        },
        "the row is refused, naming the record that now holds its key"
    );
    assert!(
        matches!(report.rows[1].outcome, RowOutcome::Created { .. }),
        "{:?}",
        report.rows[1].outcome
    );
    let holders: Vec<Value> = assets(&client)
        .await
        .into_iter()
        .filter(|a| a["ref"].as_str().map(|r| r.trim().to_lowercase()) == Some("apm0090001".into()))
        .collect();
    assert_eq!(holders.len(), 1, "no duplicate: {holders:?}");
    assert_eq!(holders[0]["label"], "Atlas (saisi à la main)");
    assert_eq!(with_ref(&client, "APM0090002").await.len(), 1);

    let again = apply_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
        .await
        .expect("applied again");
    assert!(
        again.rows[0].resumed,
        "a refused row stays refused: plan again"
    );
    assert_eq!(again.rows[0].outcome, report.rows[0].outcome);
}

/// Whether `asset` carries the tag labelled `label`.
fn has_tag(asset: &Value, label: &str) -> bool {
    asset["tags"]
        .as_array()
        .is_some_and(|tags| tags.iter().any(|t| t["label"] == label))
}

#[tokio::test]
async fn tags_whose_answer_was_lost_or_whose_run_died_are_found_done_and_undone() {
    let (_sandbox, client) = small_sandbox(4).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let picked = software(&client, 1).await;
    let plan = plan(
        &client,
        &[row(
            1,
            &text(&picked[0], "ref"),
            &text(&picked[0], "label"),
            APP,
        )],
    )
    .await;
    let tagged_rows: Vec<usize> = plan
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.class, RowClass::Missing { .. }))
        .map(|(i, _)| i)
        .collect();
    assert!(
        !tagged_rows.is_empty(),
        "the seed's other assets are missing"
    );

    assert!(tagged_rows.len() >= 2, "two missing assets at least");
    let target = |i: usize| plan.rows[i].target.as_ref().expect("matched").id.clone();
    let path = |id: &Value| format!("/v1/ws/1/Assets/{id}");

    // A run died after tagging the second missing asset, before journaling it done.
    let died = tagged_rows[1];
    let died_path = path(&target(died));
    let before = client.get_json(&died_path, &[]).await.expect("read");
    let begin = JournalEntry::Begin {
        plan: plan.id.clone(),
        row: died,
        before: Some(before.clone()),
    };
    journal.append(&begin).expect("journaled");
    let tags = client.get_json("/v1/ws/1/Tags", &[]).await.expect("tags");
    let made = json!({ "label": "servicenow-todelete", "type": "Asset" });
    let tag = match tags
        .as_array()
        .and_then(|t| t.iter().find(|t| t["label"] == made["label"]))
    {
        Some(tag) => tag.clone(),
        None => client
            .send_json(Method::POST, "/v1/ws/1/Tags", Some(&made))
            .await
            .expect("the tag made by the dead run"),
    };
    let mut with_tag = before["tags"].as_array().cloned().unwrap_or_default();
    with_tag.push(tag);
    let ops = json!([{ "op": "replace", "path": "/tags", "value": with_tag }]);
    client
        .send_json(Method::PATCH, &died_path, Some(&ops))
        .await
        .expect("tagged by the dead run");

    // This run's first tag is carried out, and its answer lost.
    let report = apply_losing_an_answer(&client, &plan, &journal, "failAfterPatch").await;
    let lost = tagged_rows[0];
    assert_eq!(
        report.rows[lost].outcome,
        RowOutcome::Tagged { id: target(lost) },
        "the tag whose answer was lost is read again and found done"
    );
    assert_eq!(
        report.rows[died].outcome,
        RowOutcome::Tagged { id: target(died) },
        "the dead run's tag is found done, not refused as changed in Dastra"
    );
    assert!(
        tagged_rows
            .iter()
            .all(|i| matches!(report.rows[*i].outcome, RowOutcome::Tagged { .. })),
        "every missing record is tagged"
    );
    for i in [lost, died] {
        let record = client.get_json(&path(&target(i)), &[]).await.expect("read");
        let labels = record["tags"]
            .as_array()
            .expect("tags")
            .iter()
            .filter(|t| t["label"] == "servicenow-todelete")
            .count();
        assert_eq!(labels, 1, "tagged once");
    }

    let undone =
        passerelle_imports::undo_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
            .await
            .expect("undone");
    assert_eq!(
        undone.count(|o| matches!(o, RowOutcome::Undone { .. })),
        tagged_rows.len(),
        "every tag is taken off, those two too: {:?}",
        undone.rows
    );
    for i in [lost, died] {
        let record = client.get_json(&path(&target(i)), &[]).await.expect("read");
        assert!(!has_tag(&record, "servicenow-todelete"));
    }
}

#[tokio::test]
async fn an_update_whose_answer_was_lost_is_found_done_and_is_undone() {
    let (_sandbox, client) = small_sandbox(4).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let picked = software(&client, 1).await;
    let id = picked[0]["id"].clone();
    let plan = plan(
        &client,
        &[row(1, &text(&picked[0], "ref"), "Paie (renommée)", APP)],
    )
    .await;
    assert!(matches!(plan.rows[0].class, RowClass::Update { .. }));

    // The update's PATCH is carried out, and its answer lost: the record is read again.
    let first = apply_losing_an_answer(&client, &plan, &journal, "failAfterPatch").await;
    assert_eq!(
        first.rows[0].outcome,
        RowOutcome::Updated { id: id.clone() },
        "the update is found done in Dastra, not reported failed nor sent twice"
    );
    let path = format!("/v1/ws/1/Assets/{id}");
    let record = client.get_json(&path, &[]).await.expect("read");
    assert_eq!(record["label"], "Paie (renommée)");

    let undone =
        passerelle_imports::undo_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
            .await
            .expect("undone");
    let update = undone.rows.iter().find(|r| r.index == 0).expect("undone");
    assert!(
        matches!(update.outcome, RowOutcome::Undone { .. }),
        "{:?}",
        update.outcome
    );
    let record = client.get_json(&path, &[]).await.expect("read");
    assert_eq!(
        record["label"], picked[0]["label"],
        "the name is given back"
    );
}
