//! A discovery job over an HTTP API: the shipped example CRM recipe, run against a local CRM
//! that speaks it, with an API key checked by the server.

use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use passerelle_connectors::recipe::Recipe;
use passerelle_discovery::{JobSource, JobSpec, RunState, SourceInput};
use passerelle_vault::settings::{Probe, RestAuth, RestSettings};
use passerelle_vault::Secret;
use serde_json::{json, Value};
use std::collections::HashMap;

use crate::fixture;
use crate::support::*;

const KEY: &str = "crm-test-key";

fn contacts() -> Vec<Value> {
    vec![
        json!({"id": "c-1", "email": "elodie.dupont@example.fr",
               "name": {"first": "Élodie", "last": "Dupont-Martin"},
               "phones": [{"number": "+33 6 12 34 56 78"}], "company": {"name": "Lumen"}}),
        json!({"id": "c-2", "email": "elodie.dupont@autre.fr",
               "name": {"first": "Elodie", "last": "Dupont"},
               "phones": [{"number": "+33 7 11 22 33 44"}], "company": {"name": "Autre"}}),
        json!({"id": "c-3", "email": "marc.lefevre@example.fr",
               "name": {"first": "Marc", "last": "Lefèvre"},
               "phones": [{"number": "+33 6 12 34 56 79"}], "company": {"name": "Lumen"}}),
    ]
}

fn authorised(headers: &HeaderMap) -> bool {
    headers.get("x-api-key").is_some_and(|v| v == KEY)
}

async fn by_email(headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    // A loose search, as CRMs do: the first name part of the address.
    let wanted = q.get("email").cloned().unwrap_or_default();
    let prefix = wanted.split('@').next().unwrap_or_default().to_string();
    let items: Vec<Value> = contacts()
        .into_iter()
        .filter(|c| c["email"].as_str().is_some_and(|e| e.starts_with(&prefix)))
        .collect();
    Json(json!({"data": {"items": items, "total": items.len()}})).into_response()
}

async fn by_phone(headers: HeaderMap, Path(phone): Path<String>) -> Response {
    if !authorised(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let items: Vec<Value> = contacts()
        .into_iter()
        .filter(|c| digits(c["phones"][0]["number"].as_str().unwrap_or("")) == digits(&phone))
        .collect();
    if items.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    Json(json!({"data": {"items": items}})).into_response()
}

async fn crm() -> String {
    let app = Router::new()
        .route("/api/v1/contacts", get(by_email))
        .route("/api/v1/contacts/by-phone/{phone}", get(by_phone));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bound");
    let url = format!("http://{}/api", listener.local_addr().expect("bound"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("served") });
    url
}

fn settings(base_url: String) -> RestSettings {
    RestSettings {
        base_url,
        auth: RestAuth::ApiKeyHeader {
            header: "X-API-Key".into(),
        },
        headers: Default::default(),
        probe: Probe {
            method: "GET".into(),
            path: "/v1/contacts".into(),
            expect_status: None,
        },
    }
}

fn recipe() -> Recipe {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../connectors/recipes/example-crm.json"
    );
    Recipe::load(std::path::Path::new(path)).expect("the shipped recipe loads")
}

#[tokio::test]
async fn an_api_is_searched_through_its_recipe_and_each_record_is_matched() {
    let url = crm().await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = store(dir.path()).await;
    let source = JobSource {
        id: "crm".into(),
        name: "Relation Client".into(),
    };
    let spec = JobSpec::new(1012, fixture::identity(), vec![source]);
    store.create_job(&spec).await.expect("job recorded");
    let input = SourceInput::Rest {
        id: "crm".into(),
        settings: settings(url.clone()),
        secret: Some(Secret::new(KEY)),
        recipe: recipe(),
    };
    let job = run_quietly(&store, &spec.id, vec![input]).await;
    assert_eq!(job.state, RunState::Done);
    assert_eq!(job.sources[0].state, RunState::Done, "{:?}", job.sources[0]);

    let findings: Vec<_> = store
        .findings(&spec.id)
        .await
        .expect("read")
        .into_iter()
        .map(|s| s.finding)
        .collect();
    // Her contact, found by e-mail and by phone but one record, so one finding; the
    // namesake the loose e-mail search returned, as possible; the neighbour nowhere.
    assert_eq!(
        lines(&findings),
        vec![
            "crm | Relation Client Some(\"c-1\") | Certain".to_string(),
            "crm | Relation Client Some(\"c-2\") | Possible".to_string(),
        ]
    );
    for f in &findings {
        if let passerelle_discovery::FindingLocation::Api { endpoint, .. } = &f.location {
            assert!(endpoint.starts_with(&url), "{endpoint}");
            assert!(
                !endpoint.contains("elodie") && !endpoint.contains("612"),
                "{endpoint}"
            );
        }
    }
}

#[tokio::test]
async fn a_refused_key_fails_the_api_source_with_a_classified_reason() {
    let url = crm().await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = store(dir.path()).await;
    let source = JobSource {
        id: "crm".into(),
        name: "Relation Client".into(),
    };
    let spec = JobSpec::new(1012, fixture::identity(), vec![source]);
    store.create_job(&spec).await.expect("job recorded");
    let input = SourceInput::Rest {
        id: "crm".into(),
        settings: settings(url),
        secret: Some(Secret::new("wrong-key")),
        recipe: recipe(),
    };
    let job = run_quietly(&store, &spec.id, vec![input]).await;
    let source = &job.sources[0];
    assert_eq!(source.state, RunState::Failed);
    let (code, message) = source.failure.clone().expect("a reason");
    assert_eq!(code, "wrongCredentials");
    assert!(
        !message.contains("wrong-key"),
        "the key never shows: {message}"
    );
}
