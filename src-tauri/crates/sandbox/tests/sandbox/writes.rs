//! Writes: create, replace, JSON Patch, delete (single and batch), workflow moves, archiving,
//! and the validation of bodies against the contract.

use axum::body::Body;
use axum::http::Method;
use serde_json::{json, Value};

use crate::support::Api;

fn asset(label: &str) -> Value {
    json!({
        "label": label, "type": "Software", "ref": format!("CI-{label}"),
        "applicationState": "InProduction"
    })
}

#[tokio::test]
async fn creating_an_asset_answers_it_with_server_fields() {
    let api = Api::new();
    let r = api.post("/v1/ws/1/Assets", asset("Nouvel ERP")).await;
    assert_eq!(r.status, 200, "created: {}", r.body);
    assert_eq!(
        r.body["id"], 159,
        "ids continue after the seed (both workspaces)"
    );
    assert_eq!(
        r.body["dateCreation"], "2025-03-10T09:00:00Z",
        "creation date is the sandbox's now"
    );
    assert_eq!(
        r.body["creator"]["displayName"], "Intégration Passerelle",
        "created by the API user"
    );
    assert_eq!(r.body["ref"], "CI-Nouvel ERP");
    let read = api.get("/v1/ws/1/Assets/159").await;
    assert_eq!(read.body, r.body, "GET shows what POST answered");
}

#[tokio::test]
async fn creating_a_request_answers_the_light_dto_and_computes_the_deadline() {
    let api = Api::new();
    let body = json!({
        "title": "Accès", "locale": "fr", "areaId": 2, "purposes": ["Access"], "email": "a@b.fr"
    });
    let r = api.post("/v1/ws/1/DataSubjectRequests", body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for nested in ["area", "attachments", "tags", "creator", "operator"] {
        assert!(
            r.body.get(nested).is_none(),
            "DataSubjectRequestLightDto has no {nested}"
        );
    }
    assert_eq!(r.body["state"], "Open");
    let id = r.body["id"].as_i64().unwrap();
    let full = api.get(&format!("/v1/ws/1/DataSubjectRequests/{id}")).await;
    assert_eq!(
        full.body["area"]["label"], "Boutique en ligne",
        "GET embeds the area"
    );
    assert_eq!(full.body["remainingDays"], 30, "a month to answer");
    assert_eq!(
        full.body["workFlowStep"]["label"], "Nouvelle demande",
        "starts at the initial step"
    );
    assert_eq!(full.body["attachments"], json!([]));
}

#[tokio::test]
async fn a_team_is_created_without_a_response_body() {
    let api = Api::new();
    let r = api
        .post(
            "/v1/ws/1/Teams",
            json!({ "label": "Juridique", "users": [3] }),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.bytes.is_empty(), "the contract documents no body");
    let teams = api.get("/v1/ws/1/Teams?q=juridique").await;
    assert_eq!(teams.body["total"], 1, "but the team exists");
}

#[tokio::test]
async fn put_replaces_the_item_but_keeps_server_fields() {
    let api = Api::new();
    let before = api.get("/v1/ws/1/Assets/3").await.body;
    let r = api
        .put(
            "/v1/ws/1/Assets/3",
            json!({ "id": 999, "label": "Sage Paie v2", "type": "Software" }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["id"], 3, "the id comes from the path");
    assert_eq!(
        r.body["dateCreation"], before["dateCreation"],
        "creation date kept"
    );
    assert_eq!(r.body["creator"], before["creator"], "creator kept");
    assert_eq!(
        r.body["dateUpdate"], "2025-03-10T09:00:00Z",
        "update date set"
    );
    assert!(
        r.body.get("ref").is_none(),
        "a full replace drops what was not sent"
    );

    let actor = api.get("/v1/ws/1/Actors/1").await.body;
    let r = api.put("/v1/ws/1/Actors/1", actor).await;
    assert_eq!(
        r.status, 200,
        "a read-modify-write round trip is accepted: {}",
        r.body
    );
    assert!(
        r.bytes.is_empty(),
        "PUT Actors answers no body, as documented"
    );
}

#[tokio::test]
async fn invalid_bodies_get_field_level_validation_problems() {
    let api = Api::new();
    let r = api
        .post("/v1/ws/1/Assets", json!({ "type": "Software" }))
        .await;
    assert_eq!(r.status, 400, "label is required");
    assert_eq!(r.body["title"], "One or more validation errors occurred.");
    assert!(
        r.body["errors"]["label"].is_array(),
        "keyed by field: {}",
        r.body
    );

    let long = "x".repeat(700);
    let r = api
        .post(
            "/v1/ws/1/Assets",
            json!({ "label": long, "type": "Software" }),
        )
        .await;
    let msg = r.body["errors"]["label"][0].as_str().unwrap();
    assert!(msg.contains("655"), "names the maximum length: {msg}");
    assert!(!msg.contains("xxxx"), "never echoes the value");

    let r = api
        .post(
            "/v1/ws/1/Assets",
            json!({ "label": "A", "type": "Spaceship" }),
        )
        .await;
    assert!(
        r.body["errors"]["type"][0]
            .as_str()
            .unwrap()
            .contains("Software"),
        "lists the enum"
    );

    let r = api
        .post(
            "/v1/ws/1/DataSubjectRequests",
            json!({ "title": "t", "locale": "fr", "areaId": 99, "purposes": [] }),
        )
        .await;
    assert!(
        r.body["errors"]["areaId"].is_array(),
        "an unknown area is refused: {}",
        r.body
    );
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let api = Api::new();
    let req = api
        .request(Method::POST, "/v1/ws/1/Assets")
        .header("content-type", "application/json");
    let r = api
        .send(req.body(Body::from("{\"label\": ")).unwrap())
        .await;
    assert_eq!(r.status, 400);
    assert!(
        r.body["errors"]["$"].is_array(),
        "keyed on the body: {}",
        r.body
    );
}

#[tokio::test]
async fn json_patch_changes_only_what_it_names() {
    let api = Api::new();
    let before = api.get("/v1/ws/1/DataSubjectRequests/2").await.body;
    let ops = json!([
        { "op": "replace", "path": "/Description", "value": "Pièces reçues" },
        { "op": "add", "path": "/customFields", "value": { "numeroClient": "C-42" } },
        { "op": "replace", "path": "/closedReasonDescription", "value": "n/a" }
    ]);
    let r = api.patch("/v1/ws/1/DataSubjectRequests/2", ops).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let after = api.get("/v1/ws/1/DataSubjectRequests/2").await.body;
    assert_eq!(
        after["description"], "Pièces reçues",
        "paths match properties whatever their case"
    );
    assert_eq!(
        after["customFields"]["numeroClient"], "C-42",
        "an overlay field can be added"
    );
    assert_eq!(
        after["title"], before["title"],
        "other fields are untouched"
    );
    assert_eq!(after["dateCreation"], before["dateCreation"]);
    assert_ne!(
        after["dateUpdate"], before["dateUpdate"],
        "the update date moves"
    );
}

#[tokio::test]
async fn a_patch_that_breaks_the_schema_is_refused_and_changes_nothing() {
    let api = Api::new();
    let before = api.get("/v1/ws/1/Assets/5").await.body;
    let r = api
        .patch(
            "/v1/ws/1/Assets/5",
            json!([{ "op": "replace", "path": "/type", "value": "Spaceship" }]),
        )
        .await;
    assert_eq!(r.status, 400, "the result must follow AssetDto");
    let r = api
        .patch(
            "/v1/ws/1/Assets/5",
            json!([{ "op": "move", "from": "/nothing/here", "path": "/x" }]),
        )
        .await;
    assert_eq!(r.status, 400, "a patch that cannot apply");
    let r = api
        .patch("/v1/ws/1/Assets/5", json!({ "op": "replace" }))
        .await;
    assert_eq!(r.status, 400, "a patch is an array");
    assert_eq!(
        api.get("/v1/ws/1/Assets/5").await.body,
        before,
        "nothing changed"
    );
}

#[tokio::test]
async fn batch_patch_applies_to_every_id_or_none() {
    let api = Api::new();
    let op = |value: &str| json!([{ "op": "replace", "path": "/accessLevel", "value": value }]);
    let body = json!({ "ids": [1, 2], "patch": { "operations": op("Full") } });
    let r = api.patch("/v1/ws/1/Actors", body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    for id in [1, 2] {
        assert_eq!(
            api.get(&format!("/v1/ws/1/Actors/{id}")).await.body["accessLevel"],
            "Full"
        );
    }
    let body = json!({ "ids": [3, 99999], "patch": { "operations": op("None") } });
    assert_eq!(
        api.patch("/v1/ws/1/Actors", body).await.status,
        404,
        "one unknown id fails all"
    );
}

#[tokio::test]
async fn delete_removes_and_a_second_delete_is_404() {
    let api = Api::new();
    assert_eq!(api.delete("/v1/ws/1/Assets/7").await.status, 200);
    assert_eq!(api.get("/v1/ws/1/Assets/7").await.status, 404, "gone");
    assert_eq!(
        api.delete("/v1/ws/1/Assets/7").await.status,
        404,
        "already gone"
    );
    let field = api.get("/v1/ws/1/DataFields?size=1").await.body["items"][0].clone();
    let r = api
        .delete(&format!(
            "/v1/ws/1/DataFields/{}",
            field["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        r.body["label"], field["label"],
        "DELETE DataFields answers the deleted field"
    );
}

#[tokio::test]
async fn batch_delete_works_as_delete_with_a_body_and_as_post() {
    let api = Api::new();
    let r = api
        .call(Method::DELETE, "/v1/ws/1/Assets", Some(json!([10, 11])))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = api
        .post("/v1/ws/1/Assets/batch-delete", json!([12, 13, 424242]))
        .await;
    assert_eq!(r.status, 200, "unknown ids are ignored: {}", r.body);
    assert_eq!(
        api.get("/v1/ws/1/Assets").await.body["total"],
        146,
        "four assets deleted"
    );
    let r = api.post("/v1/ws/1/Assets/batch-delete", json!(["x"])).await;
    assert_eq!(r.status, 400, "ids must be int32");
}

#[tokio::test]
async fn the_workflow_move_sets_the_step_and_its_mapped_state() {
    let api = Api::new();
    let steps = api.get("/v1/ws/1/Workflows/DataSubject").await.body;
    let closed = steps
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["mappedState"] == "Closed")
        .unwrap()["id"]
        .clone();
    let open = api.all("/v1/ws/1/DataSubjectRequests?states=Open").await[0]["id"].clone();
    let r = api
        .post(
            "/v1/ws/1/DataSubjectRequests/workflow",
            json!({ "id": open, "stepId": closed }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let dsr = api
        .get(&format!("/v1/ws/1/DataSubjectRequests/{open}"))
        .await
        .body;
    assert_eq!(dsr["state"], "Closed", "the step's mapped state applies");
    assert_eq!(dsr["workFlowStepId"], closed);
    assert!(
        dsr["dateClosed"].is_string(),
        "closing sets the closing date"
    );
    let task_step = api.get("/v1/ws/1/Workflows/Task").await.body[0]["id"].clone();
    let r = api
        .post(
            "/v1/ws/1/DataSubjectRequests/workflow",
            json!({ "id": open, "stepId": task_step }),
        )
        .await;
    assert_eq!(r.status, 400, "a task step is not a request step");
}

#[tokio::test]
async fn archiving_hides_a_request_until_it_is_restored() {
    let api = Api::new();
    let id = api.all("/v1/ws/1/DataSubjectRequests").await[0]["id"].clone();
    assert_eq!(
        api.post(
            &format!("/v1/ws/1/DataSubjectRequests/archive/{id}"),
            json!(null)
        )
        .await
        .status,
        200
    );
    let listed = |items: Vec<Value>| items.iter().any(|d| d["id"] == id);
    assert!(
        !listed(api.all("/v1/ws/1/DataSubjectRequests").await),
        "hidden once archived"
    );
    assert!(
        listed(api.all("/v1/ws/1/DataSubjectRequests?archived=true").await),
        "listed as archived"
    );
    assert!(api
        .get(&format!("/v1/ws/1/DataSubjectRequests/{id}"))
        .await
        .body["archivedDate"]
        .is_string());
    api.post(
        &format!("/v1/ws/1/DataSubjectRequests/restore/{id}"),
        json!(null),
    )
    .await;
    assert!(
        listed(api.all("/v1/ws/1/DataSubjectRequests").await),
        "back after restore"
    );
}

#[tokio::test]
async fn identity_validation_and_closing_update_the_request() {
    let api = Api::new();
    let id = api
        .all("/v1/ws/1/DataSubjectRequests?states=IdentityValidation")
        .await[0]["id"]
        .clone();
    let r = api
        .put(
            &format!("/v1/ws/1/DataSubjectRequests/set-identity-validation/{id}"),
            json!({ "validation": true }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let dsr = api
        .get(&format!("/v1/ws/1/DataSubjectRequests/{id}"))
        .await
        .body;
    assert_eq!(dsr["identityValidated"], true);
    api.post(
        &format!("/v1/ws/1/DataSubjectRequests/{id}/close"),
        json!({ "closedReason": "Duplicate" }),
    )
    .await;
    let dsr = api
        .get(&format!("/v1/ws/1/DataSubjectRequests/{id}"))
        .await
        .body;
    assert_eq!(dsr["state"], "Closed");
    assert_eq!(dsr["closedReason"], "Duplicate");
    assert!(
        dsr["remainingDays"].is_null(),
        "a closed request has no remaining days"
    );
}

#[tokio::test]
async fn processings_are_created_from_the_creation_dto_and_linked() {
    let api = Api::new();
    let r = api
        .post(
            "/v1/ws/1/DataProcessings",
            json!({ "label": "Jeu concours", "areaId": 2 }),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "Draft", "a new processing is a draft");
    let new_id = r.body["id"].as_str().unwrap().to_string();
    let source = api.all("/v1/ws/1/DataProcessings").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let link = api
        .post(
            &format!("/v1/ws/1/DataProcessingRelationships/{source}"),
            json!({ "element": { "id": new_id }, "relationShipType": "Related" }),
        )
        .await;
    assert_eq!(link.status, 200, "{}", link.body);
    assert_eq!(link.body["element"]["label"], "Jeu concours");
    let links = api
        .get(&format!("/v1/ws/1/DataProcessingRelationships/{source}"))
        .await
        .body;
    assert!(
        links
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == link.body["id"]),
        "listed under the source"
    );
    let id = link.body["id"].as_str().unwrap();
    assert_eq!(
        api.delete(&format!("/v1/ws/1/DataProcessingRelationships/{id}"))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn generic_relationships_are_created_one_per_target() {
    let api = Api::new();
    let body = json!({
        "originType": "Asset", "originId": "20", "targetType": "Actor", "targetIds": ["1", "2"],
        "label": "Support"
    });
    let r = api.post("/v1/ws/1/GenericRelationships", body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let links = api
        .get("/v1/ws/1/GenericRelationships?objectIds=20&objectType=Asset")
        .await
        .body;
    let support: Vec<&Value> = links
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["label"] == "Support")
        .collect();
    assert_eq!(support.len(), 2, "one link per target");
    assert!(
        support[0]["target"]["label"].is_string(),
        "the target is described"
    );
}

#[tokio::test]
async fn workflows_can_be_saved() {
    let api = Api::new();
    let mut steps = api.get("/v1/ws/1/Workflows/Task").await.body;
    steps[0]["label"] = json!("Backlog");
    let mut extra = steps[0].clone();
    extra["id"] = json!(0);
    extra["label"] = json!("En attente");
    extra["order"] = json!(9);
    steps.as_array_mut().unwrap().push(extra);
    let r = api.put("/v1/ws/1/Workflows", steps).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let saved = api.get("/v1/ws/1/Workflows/task").await.body;
    let labels: Vec<&str> = saved
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Backlog") && labels.contains(&"En attente"),
        "got {labels:?}"
    );
}

#[tokio::test]
async fn an_archived_task_leaves_the_default_list() {
    let api = Api::new();
    let r = api
        .post("/v1/ws/1/Tasks/1/archive", json!({ "archived": true }))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let listed = |items: Vec<Value>| items.iter().any(|t| t["id"] == 1);
    assert!(
        !listed(api.all("/v1/ws/1/Tasks").await),
        "hidden by default"
    );
    assert!(
        listed(api.all("/v1/ws/1/Tasks?archived=true").await),
        "listed when asked"
    );
    assert_eq!(
        api.get("/v1/ws/1/Tasks/count").await.body,
        json!(19),
        "counts skip it too"
    );
}
