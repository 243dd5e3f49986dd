//! Endpoints that misbehave: rate limits, links off the host, unknown paths.

use std::time::{Duration, Instant};

use passerelle_connectors::recipe::{run_recipe, Recipe, RecipeOptions, RecipeValues};
use passerelle_connectors::FailureCode;
use passerelle_vault::Secret;
use serde_json::json;

use crate::helpdesk::helpdesk;
use crate::places;
use crate::server::{start_server, ELODIE, HD_TOKEN};

fn recipe(requests: serde_json::Value) -> Recipe {
    let recipe: Recipe = serde_json::from_value(json!({"name": "Faults", "requests": requests}))
        .expect("a readable recipe");
    assert_eq!(recipe.validate(), vec![], "a valid recipe");
    recipe
}

fn values() -> RecipeValues {
    RecipeValues::new().with("email", ELODIE)
}

#[tokio::test]
async fn too_many_requests_waits_for_retry_after_then_reads_the_answer() {
    let api = start_server().await;
    let recipe = recipe(json!([{"searchBy": "email", "path": "/flaky",
        "query": {"q": "{value}"}, "records": "tickets", "id": "id"}]));
    let started = Instant::now();
    let outcome = run_recipe(
        &helpdesk(&api),
        Some(&Secret::new(HD_TOKEN)),
        &recipe,
        &values(),
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
    assert_eq!(
        places(&outcome),
        [(0, Some("777"), 1, 0)],
        "the answer after the retry"
    );
    assert_eq!(outcome.requests_sent, 2, "one refused, one answered");
    assert!(outcome.issues.is_empty(), "{:#?}", outcome.issues);
}

#[tokio::test]
async fn a_next_link_to_another_host_is_refused_as_an_issue() {
    let api = start_server().await;
    let recipe = recipe(json!([{"searchBy": "email", "path": "/linked",
        "query": {"q": "{value}"}, "records": "items", "id": "id",
        "pagination": {"type": "nextLink", "next": "links.next"}}]));
    let outcome = run_recipe(
        &helpdesk(&api),
        Some(&Secret::new(HD_TOKEN)),
        &recipe,
        &values(),
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    assert_eq!(
        places(&outcome),
        [(0, Some("L1"), 1, 0)],
        "the first page is kept"
    );
    assert_eq!(outcome.issues.len(), 1, "{:#?}", outcome.issues);
    let failure = &outcome.issues[0].failure;
    assert_eq!(failure.code, FailureCode::InvalidSettings);
    assert!(
        failure
            .message
            .contains(&format!("http://localhost:{}", api.port()))
            && failure.message.contains("requests[0].pagination.next"),
        "names the host and the field: {failure}"
    );
    assert_eq!(
        api.seen().len(),
        1,
        "the other host was never asked: {:#?}",
        api.seen()
    );
}

#[tokio::test]
async fn an_unknown_path_is_an_issue_and_the_other_requests_still_run() {
    let api = start_server().await;
    let recipe = recipe(json!([
        {"searchBy": "email", "path": "/nothing/{email}", "records": "$"},
        {"searchBy": "email", "path": "/tickets", "query": {"requester": "{email}"},
         "records": "tickets", "id": "id", "fields": {"subject": "subject"}}
    ]));
    let outcome = run_recipe(
        &helpdesk(&api),
        Some(&Secret::new(HD_TOKEN)),
        &recipe,
        &values(),
        &RecipeOptions::default(),
    )
    .await
    .expect("the recipe runs");

    let issues: Vec<_> = outcome
        .issues
        .iter()
        .map(|i| (i.request, i.failure.code))
        .collect();
    assert_eq!(issues, [(0, FailureCode::NotFound)]);
    let message = &outcome.issues[0].failure.message;
    assert!(
        message.contains("requests[0].path"),
        "names the field: {message}"
    );
    assert!(!message.contains("elodie"), "no value searched: {message}");
    assert_eq!(
        places(&outcome),
        [(1, Some("501"), 1, 0), (1, Some("502"), 1, 1)],
        "the second request ran (one page: no pagination)"
    );
}

#[tokio::test]
async fn an_invalid_recipe_does_not_run_and_names_the_field() {
    let api = start_server().await;
    let recipe: Recipe = serde_json::from_value(json!({"name": "Bad", "requests": [
        {"searchBy": "email", "method": "DELETE", "path": "/tickets", "records": "tickets"}]}))
    .expect("readable");
    let failure = run_recipe(
        &helpdesk(&api),
        Some(&Secret::new(HD_TOKEN)),
        &recipe,
        &values(),
        &RecipeOptions::default(),
    )
    .await
    .expect_err("refused");
    assert_eq!(failure.code, FailureCode::InvalidSettings);
    assert!(failure.message.contains("requests[0].method"), "{failure}");
    assert!(api.seen().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_slow_endpoint_is_a_timeout_issue_and_the_other_requests_still_run() {
    let api = start_server().await;
    let recipe = recipe(json!([
        {"searchBy": "email", "path": "/slow", "query": {"q": "{value}"}, "records": "tickets"},
        {"searchBy": "email", "path": "/tickets", "query": {"requester": "{email}"},
         "records": "tickets", "id": "id", "maxRecords": 1}
    ]));
    let options = RecipeOptions {
        timeout: Duration::from_secs(1),
        ..RecipeOptions::default()
    };
    let outcome = run_recipe(
        &helpdesk(&api),
        Some(&Secret::new(HD_TOKEN)),
        &recipe,
        &values(),
        &options,
    )
    .await
    .expect("the recipe runs");

    let issues: Vec<_> = outcome
        .issues
        .iter()
        .map(|i| (i.request, i.failure.code))
        .collect();
    assert_eq!(issues, [(0, FailureCode::Timeout)], "{:#?}", outcome.issues);
    assert_eq!(
        places(&outcome),
        [(1, Some("501"), 1, 0)],
        "the second request ran"
    );
    assert!(outcome.capped, "maxRecords 1 left a ticket unread");
}
