//! Paths: case-insensitive matching, unknown workspaces and ids, utility endpoints.

use axum::body::Body;
use axum::http::{Method, Request};

use crate::support::Api;

#[tokio::test]
async fn paths_match_whatever_their_case() {
    let api = Api::new();
    for path in [
        "/v1/workspaces",
        "/V1/WorkSpaces",
        "/v1/ws/1/assets",
        "/V1/WS/1/ASSETS",
        "/v1/ws/1/DataSubjectRequests",
    ] {
        let r = api.get(path).await;
        assert_eq!(
            r.status, 200,
            "{path} answers like the canonical spelling: {}",
            r.body
        );
    }
    let canonical = api.get("/v1/ws/1/Assets?sortBy=label").await;
    let shouting = api.get("/V1/WS/1/ASSETS?sortBy=label").await;
    assert_eq!(
        canonical.body, shouting.body,
        "the same route answers both spellings"
    );
}

#[tokio::test]
async fn an_unknown_workspace_is_a_404_problem() {
    let api = Api::new();
    let r = api.get("/v1/ws/99/Assets").await;
    assert_eq!(r.status, 404, "workspace 99 does not exist");
    assert_eq!(r.body["status"], 404, "ProblemDetails carries the status");
    assert!(
        r.body["detail"].as_str().unwrap().contains("workspace 99"),
        "names the workspace: {}",
        r.body
    );
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/problem+json"),
        "problem bodies say so"
    );
}

#[tokio::test]
async fn unknown_ids_and_collections_are_404() {
    let api = Api::new();
    assert_eq!(
        api.get("/v1/ws/1/Assets/999999").await.status,
        404,
        "unknown int id"
    );
    assert_eq!(
        api.get("/v1/ws/1/Assets/not-a-number").await.status,
        404,
        "malformed int id"
    );
    let uuid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
    assert_eq!(
        api.get(&format!("/v1/ws/1/Contracts/{uuid}")).await.status,
        404,
        "unknown uuid"
    );
    assert_eq!(
        api.get("/v1/ws/1/Spaceships").await.status,
        404,
        "unknown collection"
    );
    assert_eq!(
        api.get("/v1/nowhere/at/all/really").await.status,
        404,
        "unknown path"
    );
}

#[tokio::test]
async fn workspaces_list_in_the_documented_envelope() {
    let api = Api::new();
    let r = api.get("/v1/WorkSpaces").await;
    let list = r.body["workSpaces"]
        .as_array()
        .expect("WorkSpaceListDto.workSpaces");
    assert_eq!(list.len(), 2, "two workspaces");
    assert_eq!(list[0]["label"], "Ormeaux — Siège");
    assert_eq!(
        api.get("/v1/WorkSpaces/2").await.body["label"],
        "Ormeaux Santé"
    );
}

#[tokio::test]
async fn status_needs_no_key_and_me_describes_the_principal() {
    let api = Api::new();
    let status = api
        .send(Request::get("/status").body(Body::empty()).unwrap())
        .await;
    assert_eq!(status.status, 200, "status is public");
    let me = api.get("/me").await;
    assert_eq!(me.status, 200);
    assert_eq!(
        me.body["role"], "API",
        "the key's principal is the API user"
    );
    assert_eq!(
        me.body["workspaceIds"],
        serde_json::json!([1, 2]),
        "it sees both workspaces"
    );
    assert_eq!(me.body["tenant"]["label"], "Groupe Ormeaux");
}

#[tokio::test]
async fn a_method_the_route_does_not_have_is_refused() {
    let api = Api::new();
    let r = api.call(Method::PUT, "/v1/ws/1/Assets", None).await;
    assert_eq!(r.status, 405, "PUT on a collection is not a route");
}
