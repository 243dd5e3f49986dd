//! Single-record calls, raw JSON calls, utility routes and their errors.

use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use passerelle_dastra::client::{Auth, ClientOptions, ListQuery};
use passerelle_dastra::error::ErrorKind;
use passerelle_dastra::patch::PatchOp;
use passerelle_dastra::Error;
use serde_json::{json, Value};

use crate::server::{serve, thing};
use crate::{client, Thing, KEY};

#[tokio::test]
async fn validation_errors_carry_dastra_field_details() {
    let app = Router::new().route(
        "/v1/ws/7/Things",
        post(|| async {
            let problem = json!({
                "type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
                "title": "One or more validation errors occurred.", "status": 400,
                "errors": {"Label": ["The Label field is required."]}
            });
            (StatusCode::BAD_REQUEST, Json(problem))
        }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .create(&Thing {
            id: None,
            label: String::new(),
        })
        .await
        .expect_err("invalid");
    let body = err.body().expect("the problem document is kept");
    assert_eq!(
        body.errors["Label"],
        ["The Label field is required."],
        "field details"
    );
    assert!(
        err.to_string()
            .contains("Label: The Label field is required."),
        "{err}"
    );
    assert_eq!(err.kind(), ErrorKind::Rejected);
}

/// Records method, path, content type and body of every write.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Recorded>>>);

/// Method, path, content type, JSON body (`null` when none).
type Recorded = (String, String, String, Value);

async fn record(
    State(rec): State<Recorder>,
    method: axum::http::Method,
    uri: axum::http::Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let content_type = headers
        .get("content-type")
        .map_or("", |v| v.to_str().unwrap())
        .to_owned();
    let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
    rec.0.lock().unwrap().push((
        method.to_string(),
        uri.path().to_owned(),
        content_type,
        body,
    ));
    StatusCode::OK.into_response()
}

#[tokio::test]
async fn writes_send_the_contract_shapes() {
    let rec = Recorder::default();
    let app = Router::new()
        .route("/v1/ws/7/Things", axum::routing::any(record))
        .route("/v1/ws/7/Things/{id}", axum::routing::any(record))
        .route("/v1/ws/7/Things/workflow", axum::routing::any(record))
        .with_state(rec.clone());
    let server = serve(app).await;
    let client = client(&server.url);

    let ops = [
        PatchOp::replace("/label", "renamed"),
        PatchOp::remove("/ref"),
    ];
    client.patch::<Thing>(&4, &ops).await.expect("patch");
    client
        .put::<Thing>(
            &4,
            &Thing {
                id: Some(4),
                label: "whole".into(),
            },
        )
        .await
        .expect("put");
    client.delete::<Thing>(&4).await.expect("delete");
    client
        .delete_many::<Thing>(&[1, 2, 3])
        .await
        .expect("batch delete");
    client
        .delete_many::<Thing>(&[])
        .await
        .expect("an empty batch sends nothing");
    client
        .move_workflow::<Thing>(&4, 12)
        .await
        .expect("workflow");

    let seen = rec.0.lock().unwrap().clone();
    let expected = [
        (
            "PATCH",
            "/v1/ws/7/Things/4",
            "application/json-patch+json",
            json!([{"op": "replace", "path": "/label", "value": "renamed"},
                {"op": "remove", "path": "/ref"}]),
        ),
        (
            "PUT",
            "/v1/ws/7/Things/4",
            "application/json",
            json!({"id": 4, "label": "whole"}),
        ),
        ("DELETE", "/v1/ws/7/Things/4", "", Value::Null),
        (
            "DELETE",
            "/v1/ws/7/Things",
            "application/json",
            json!([1, 2, 3]),
        ),
        (
            "POST",
            "/v1/ws/7/Things/workflow",
            "application/json",
            json!({"id": 4, "stepId": 12}),
        ),
    ];
    assert_eq!(
        seen.len(),
        expected.len(),
        "one request per write: {seen:?}"
    );
    for (got, (method, path, content_type, body)) in seen.iter().zip(expected) {
        assert_eq!(
            (got.0.as_str(), got.1.as_str()),
            (method, path),
            "request line"
        );
        assert_eq!(got.2, content_type, "{method} {path} content type");
        assert_eq!(got.3, body, "{method} {path} body");
    }
}

#[tokio::test]
async fn a_missing_record_is_not_found_and_a_workspace_is_required() {
    let app = Router::new().route(
        "/v1/ws/7/Things/{id}",
        get(|| async { StatusCode::NOT_FOUND }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .get::<Thing>(&99)
        .await
        .expect_err("missing");
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert!(err.to_string().contains("GET /v1/ws/7/Things/99"), "{err}");

    let no_ws = ClientOptions::new(&server.url, Auth::api_key(KEY))
        .build()
        .unwrap();
    let err = no_ws.get::<Thing>(&1).await.expect_err("no workspace");
    assert!(matches!(err, Error::NoWorkspace { .. }), "{err}");
}

#[tokio::test]
async fn an_answer_of_the_wrong_shape_is_a_decode_error_that_locates_the_field() {
    let app = Router::new().route(
        "/v1/ws/7/Things",
        get(|| async {
            Json(json!({"items": [thing(1), {"id": "jane@example.org"}], "total": 2}))
        }),
    );
    let server = serve(app).await;

    let err = client(&server.url)
        .list::<Thing>(&ListQuery::new())
        .await
        .expect_err("bad shape");
    let msg = err.to_string();
    assert_eq!(err.kind(), ErrorKind::Protocol, "{msg}");
    assert!(msg.contains("items[1].id"), "the field is located: {msg}");
    assert!(
        !msg.contains("jane@example.org"),
        "values are not echoed: {msg}"
    );
}

#[tokio::test]
async fn workspaces_accepts_both_documented_envelopes() {
    let ws = json!({"id": 7, "label": "Passerelle SAS", "state": "Active"});
    let (a, b) = (
        json!({"items": [ws.clone()], "total": 1}),
        json!({"workSpaces": [ws.clone()]}),
    );
    let app = Router::new()
        .route("/a/v1/WorkSpaces", get(move || async move { Json(a) }))
        .route("/b/v1/WorkSpaces", get(move || async move { Json(b) }))
        .route(
            "/a/me",
            get(|| async { Json(json!({"displayName": "Ana"})) }),
        );
    let server = serve(app).await;

    for prefix in ["a", "b"] {
        let client = client(&format!("{}/{prefix}", server.url));
        let list = client.workspaces().await.expect("a list");
        assert_eq!(list.len(), 1, "{prefix}: one workspace");
        assert_eq!(list[0].label, "Passerelle SAS", "{prefix}: decoded");
    }
    let me = client(&format!("{}/a", server.url)).me().await.expect("me");
    assert_eq!(
        me["displayName"], "Ana",
        "a base url with a path prefix works"
    );
}

#[tokio::test]
async fn raw_json_calls_reach_any_route_by_the_same_rules() {
    let rec = Recorder::default();
    let app = Router::new()
        .route(
            "/v1/ws/7/Assets/stats",
            get(|RawQuery(q): RawQuery| async move { Json(json!({"query": q})) }),
        )
        .route(
            "/rate-limiting-state",
            get(|| async { Json(json!({"limits": []})) }),
        )
        .route("/v1/ws/7/Assets/{id}", axum::routing::any(record))
        .with_state(rec.clone());
    let server = serve(app).await;
    let client = client(&server.url);

    let path = client.workspace_path("Assets/stats").unwrap();
    let stats = client
        .get_json(&path, &[("areaId", "3")])
        .await
        .expect("raw get");
    assert_eq!(stats["query"], "areaId=3", "the query is passed through");

    let ops = json!([{"op": "replace", "path": "/label", "value": "x"}]);
    let path = client.workspace_path("/Assets/9").unwrap();
    let answer = client
        .send_json(Method::PATCH, &path, Some(&ops))
        .await
        .expect("raw patch");
    assert_eq!(answer, Value::Null, "an empty answer reads as null");
    let seen = rec.0.lock().unwrap()[0].clone();
    assert_eq!(
        seen.2, "application/json-patch+json",
        "a raw PATCH is a JSON Patch"
    );
    assert_eq!(seen.3, ops);

    let state = client.rate_limiting_state().await.expect("state");
    assert_eq!(state, json!({"limits": []}));
}
