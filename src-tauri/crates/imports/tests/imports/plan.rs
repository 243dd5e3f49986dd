//! Plans of a ServiceNow-style export against the seeded sandbox assets.

use passerelle_imports::{
    fetch_records, plan_import, ConflictReason, FieldChange, MissingAction, Plan, PlanOptions,
    PlanSummary, RowClass,
};
use passerelle_mapping::{Entity, NoLookups, ProblemKind, SourceRow};
use serde_json::{json, Value};

use crate::{sandbox, servicenow_profile};

/// A ServiceNow row: number, name and CI class.
pub fn row(n: u64, number: &str, name: &str, class: &str) -> SourceRow {
    SourceRow::new(
        n,
        [
            ("u_number", number),
            ("name", name),
            ("sys_class_name", class),
        ],
    )
}

pub const APP: &str = "cmdb_ci_business_app";

#[tokio::test]
async fn every_record_is_read_across_pages_of_any_size() {
    let (_sandbox, client) = sandbox().await;
    let by_40 = fetch_records(&client, Entity::Asset, 40)
        .await
        .expect("listed");
    let by_500 = fetch_records(&client, Entity::Asset, 500)
        .await
        .expect("listed");
    assert_eq!(
        by_40.len(),
        150,
        "the seed has 150 assets, over four pages of 40"
    );
    assert_eq!(by_40, by_500, "the page size changes nothing");
}

#[tokio::test]
async fn a_servicenow_export_is_classified_row_by_row_with_exact_diffs() {
    let (_sandbox, client) = sandbox().await;
    let assets = fetch_records(&client, Entity::Asset, 500)
        .await
        .expect("listed");
    let software: Vec<&Value> = assets
        .iter()
        .filter(|a| a["type"] == "Software" && a["ref"].as_str().is_some())
        .take(4)
        .collect();
    assert_eq!(software.len(), 4, "the seed has software assets with refs");
    let text = |a: &Value, f: &str| a[f].as_str().expect("a text field").to_owned();

    // Two renamed (one with its ref in another case and padded), two identical, two new, a
    // new ref twice, and one row whose class maps to no asset type.
    let renamed = format!("{} (v2)", text(software[0], "label"));
    let odd_ref = format!(" {} ", text(software[1], "ref").to_lowercase());
    let rows = vec![
        row(1, &text(software[0], "ref"), &renamed, APP),
        row(2, &odd_ref, "Portail RH (renommé)", APP),
        row(
            3,
            &text(software[2], "ref"),
            &text(software[2], "label"),
            APP,
        ),
        row(
            4,
            &text(software[3], "ref"),
            &format!("  {}", text(software[3], "label")),
            APP,
        ),
        row(5, "APM0090001", "Atlas", APP),
        row(6, "APM0090002", "Boussole", APP),
        row(7, "APM0090003", "Cadran", APP),
        row(8, "apm0090003", "Cadran bis", APP),
        row(9, "APM0090004", "Dédale", "cmdb_ci_spaceship"),
    ];
    let profile = servicenow_profile();
    let plan = plan_import(
        &client,
        &profile,
        &rows,
        &NoLookups,
        &PlanOptions::default(),
    )
    .await
    .expect("planned");

    let change = |asset: &Value, after: &str| {
        vec![FieldChange {
            field: "label".into(),
            before: asset["label"].clone(),
            after: json!(after),
        }]
    };
    let classes: Vec<&RowClass> = plan.rows.iter().take(9).map(|r| &r.class).collect();
    assert_eq!(
        classes[0],
        &RowClass::Update {
            changes: change(software[0], &renamed)
        }
    );
    assert_eq!(
        classes[1],
        &RowClass::Update {
            changes: change(software[1], "Portail RH (renommé)")
        }
    );
    assert_eq!(classes[2], &RowClass::Unchanged, "identical");
    assert_eq!(
        classes[3],
        &RowClass::Unchanged,
        "the label is trimmed by the profile"
    );
    assert_eq!(classes[4], &RowClass::Create);
    assert_eq!(classes[5], &RowClass::Create);
    let duplicate = ConflictReason::DuplicateInSource { rows: vec![7, 8] };
    assert_eq!(
        classes[6],
        &RowClass::Conflict {
            reason: duplicate.clone()
        }
    );
    assert_eq!(classes[7], &RowClass::Conflict { reason: duplicate });
    let RowClass::Invalid { problems } = classes[8] else {
        panic!("row 9 is invalid: {:?}", classes[8]);
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::NotInEnum);
    assert_eq!(problems[0].row, Some(9));

    // Each matched row keeps the record it was computed against; new ones have none.
    for (row, asset) in plan.rows.iter().zip(&software) {
        let target = row.target.as_ref().expect("a matched row has its record");
        assert_eq!(target.id, asset["id"], "row {:?}", row.source_row);
    }
    assert!(plan.rows[4].target.is_none(), "a create has no record yet");

    // Every other seeded asset is missing from the export, to be tagged.
    let missing = &plan.rows[9..];
    assert_eq!(missing.len(), 150 - 4);
    let tag = MissingAction::Tag {
        label: "servicenow-todelete".into(),
    };
    assert!(
        missing.iter().all(|r| r.class
            == RowClass::Missing {
                action: tag.clone()
            }
            && r.source_row.is_none()
            && r.target.is_some()),
        "missing rows carry the policy's action and their record"
    );
    let expected = PlanSummary {
        create: 2,
        update: 2,
        unchanged: 2,
        conflict: 2,
        invalid: 1,
        missing: 146,
    };
    assert_eq!(plan.summary, expected);
}

#[tokio::test]
async fn a_plan_round_trips_through_its_json_file() {
    let (_sandbox, client) = sandbox().await;
    let rows = vec![
        row(1, "APM0090001", "Atlas", APP),
        row(2, "APM0090001", "Atlas", APP),
        row(3, "APM0090004", "Dédale", "cmdb_ci_spaceship"),
    ];
    let plan = plan_import(
        &client,
        &servicenow_profile(),
        &rows,
        &NoLookups,
        &Default::default(),
    )
    .await
    .expect("planned");
    let text = plan.to_json();
    let read = Plan::from_json(&text).expect("the file reads back");
    assert_eq!(read, plan, "nothing is lost through the file");
    let file: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(file["version"], 1, "the file is versioned");
    assert_eq!(file["rows"][0]["class"]["class"], "conflict");
    assert!(
        file["rows"][3]["target"]["fingerprint"]["kind"].is_string(),
        "a missing row records its fingerprint: {}",
        file["rows"][3]
    );
}
