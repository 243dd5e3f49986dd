//! 10,000 creates applied through the sandbox's injected faults (503s, bursts of 429, answers
//! cut mid-body, connections closed after the write, latency), then the seed's assets tagged as
//! missing, half of whose tags lose their answer: every row ends applied or reported, a second
//! run finishes the reported ones (a tag that landed is found done, not refused as changed),
//! and no record is created twice.

use std::collections::HashMap;
use std::time::Duration;

use passerelle_dastra::client::{RateLimits, RateWindow};
use passerelle_dastra::{Auth, ClientOptions};

use passerelle_imports::{apply_plan, fetch_records, plan_import, Journal, RowOutcome};
use passerelle_mapping::{Entity, NoLookups, SourceRow};
use passerelle_sandbox::{SandboxOptions, MAIN_WORKSPACE};
use reqwest::Method;
use serde_json::json;
use tokio_util::sync::CancellationToken;

use crate::plan::APP;
use crate::{sandbox_with, servicenow_profile};

const ROWS: usize = 10_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_rows_through_faults_end_applied_or_reported_without_duplicates() {
    let mut options = SandboxOptions::default();
    options.seed.assets = 10;
    options.rate_limits = Vec::new();
    let (sandbox, _) = sandbox_with(options).await;
    // NOTE: the client's own budget is Dastra's (500 requests a minute), which would make this
    // run last half an hour; the sandbox enforces none here either.
    let limits = RateLimits::new([RateWindow {
        limit: 1_000_000,
        period: Duration::from_secs(60),
    }]);
    let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(MAIN_WORKSPACE))
        .rate_limits(limits)
        .build()
        .expect("a client");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let rows: Vec<SourceRow> = (0..ROWS)
        .map(|i| {
            let number = format!("APM8{i:06}");
            let name = format!("Application {i}");
            SourceRow::new(
                i as u64 + 1,
                [
                    ("u_number", number.as_str()),
                    ("name", name.as_str()),
                    ("sys_class_name", APP),
                ],
            )
        })
        .collect();
    let profile = servicenow_profile();
    let plan = plan_import(&client, &profile, &rows, &NoLookups, &Default::default())
        .await
        .expect("planned");
    assert_eq!(plan.summary.create, ROWS as u64);

    let faults = json!({
        "latencyMs": 1, "errorRate": 0.03, "seed": 7, "burst429": 20, "retryAfterSeconds": 1,
        "dropMidBody": 40, "failAfterCommit": 40, "failAfterPatch": 5
    });
    client
        .send_json(Method::PUT, "/_sandbox/faults", Some(&faults))
        .await
        .expect("faults set");
    let cancel = CancellationToken::new();
    let first = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");
    assert_eq!(first.rows.len(), plan.rows.len(), "every row is reported");
    let of_source = |f: fn(&RowOutcome) -> bool| {
        first
            .rows
            .iter()
            .filter(|r| r.source_row.is_some() && f(&r.outcome))
            .count()
    };
    let created = of_source(|o| matches!(o, RowOutcome::Created { .. }));
    let failed = of_source(|o| matches!(o, RowOutcome::Failed { .. }));
    assert_eq!(
        created + failed,
        ROWS,
        "each source row is created or reported failed: {:?}",
        first
            .rows
            .iter()
            .find(|r| !matches!(r.outcome, RowOutcome::Created { .. }))
    );
    let missing = first.rows.iter().filter(|r| r.source_row.is_none());
    assert!(
        missing.clone().count() == 10
            && missing.into_iter().all(|r| matches!(
                r.outcome,
                RowOutcome::Tagged { .. } | RowOutcome::Failed { .. }
            )),
        "the seed's assets, missing from the source, are tagged or reported"
    );
    let left = client
        .get_json("/_sandbox/faults", &[])
        .await
        .expect("faults read");
    assert_eq!(
        (
            &left["burst429"],
            &left["dropMidBody"],
            &left["failAfterCommit"],
            &left["failAfterPatch"]
        ),
        (&json!(0), &json!(0), &json!(0), &json!(0)),
        "every counted fault was met"
    );
    eprintln!("first run: {created} created, {failed} reported failed");

    let clear = json!({});
    client
        .send_json(Method::PUT, "/_sandbox/faults", Some(&clear))
        .await
        .expect("faults cleared");
    let second = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied again");
    assert_eq!(
        second.count(|o| matches!(o, RowOutcome::Created { .. })),
        ROWS,
        "the second run finished the reported rows"
    );
    assert_eq!(second.count(|o| matches!(o, RowOutcome::Tagged { .. })), 10);
    assert_eq!(second.count(|o| matches!(o, RowOutcome::Failed { .. })), 0);

    let assets = fetch_records(&client, Entity::Asset, 500)
        .await
        .expect("listed");
    let mut per_ref: HashMap<&str, usize> = HashMap::new();
    for asset in &assets {
        if let Some(r) = asset["ref"].as_str().filter(|r| r.starts_with("APM8")) {
            *per_ref.entry(r).or_default() += 1;
        }
    }
    assert_eq!(
        per_ref.len(),
        ROWS,
        "every row's record exists: nothing lost"
    );
    let twice: Vec<_> = per_ref.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "records created twice: {twice:?}");
    for report in &second.rows {
        if let RowOutcome::Created { id } = &report.outcome {
            let ref_ = format!("APM8{:06}", report.index);
            let asset = assets.iter().find(|a| a["ref"] == ref_.as_str());
            assert_eq!(
                asset.map(|a| &a["id"]),
                Some(id),
                "row {} is its record",
                report.index
            );
        }
    }
}
