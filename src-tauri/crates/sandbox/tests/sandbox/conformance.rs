//! The sandbox against the contract: seeded data follows the response schemas, and every
//! operation in `OPERATIONS` is in the contract and routed.

use axum::http::Method;
use passerelle_dastra::contract;
use passerelle_sandbox::OPERATIONS;
use serde_json::Value;

use crate::support::Api;

/// (list path, item schema) of every collection.
const COLLECTIONS: &[(&str, &str)] = &[
    ("DataSubjectRequests", "DataSubjectRequestDto"),
    ("DataSubjectRequests?archived=true", "DataSubjectRequestDto"),
    ("Assets", "AssetDto"),
    ("Actors", "ActorDto"),
    ("Contracts", "ContractDto"),
    ("Contracts?archived=true", "ContractDto"),
    ("DataFields", "DataFieldDto"),
    ("DataProcessings", "DataProcessingDto"),
    ("Tasks", "TaskDto"),
    ("Teams", "TeamItemDto"),
    ("Areas", "AreaDto"),
];

fn check(schema: &str, item: &Value, failures: &mut Vec<String>) {
    if let Err(errors) = contract::validate(schema, item) {
        let first: Vec<String> = errors.iter().take(3).map(|e| e.to_string()).collect();
        failures.push(format!("{schema} {}: {}", item["id"], first.join("; ")));
    }
}

#[tokio::test]
async fn every_seeded_object_follows_its_contract_schema() {
    let api = Api::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for ws in [1, 2] {
        for (path, schema) in COLLECTIONS {
            for item in api.all(&format!("/v1/ws/{ws}/{path}")).await {
                check(schema, &item, &mut failures);
                checked += 1;
            }
        }
        let bare: &[(&str, &str)] = &[
            ("Tags", "TagDto"),
            ("GenericRelationships", "GenericRelationShipLinkedObjectDto"),
            ("Workflows", "WorkFlowStepDto"),
        ];
        for (path, schema) in bare {
            for item in api
                .get(&format!("/v1/ws/{ws}/{path}"))
                .await
                .body
                .as_array()
                .expect("an array")
            {
                check(schema, item, &mut failures);
                checked += 1;
            }
        }
    }
    for team in api.all("/v1/ws/1/Teams").await {
        let full = api
            .get(&format!("/v1/ws/1/Teams/{}", team["id"]))
            .await
            .body;
        check("TeamDto", &full, &mut failures);
    }
    for user in api.all("/v1/TenantUsers").await {
        check("UserDto", &user, &mut failures);
    }
    check(
        "WorkSpaceListDto",
        &api.get("/v1/WorkSpaces").await.body,
        &mut failures,
    );
    let processing = api.all("/v1/ws/1/DataProcessings").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for link in api
        .get(&format!(
            "/v1/ws/1/DataProcessingRelationships/{processing}"
        ))
        .await
        .body
        .as_array()
        .unwrap()
    {
        check("DataProcessingRelationShipDto", link, &mut failures);
    }
    assert!(checked > 300, "the walk covered the seed ({checked} items)");
    assert!(
        failures.is_empty(),
        "{} items break the contract:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn list_and_write_responses_follow_the_documented_response_schemas() {
    let api = Api::new();
    let cases: Vec<(Method, &str, &str, Option<Value>)> = vec![
        (
            Method::GET,
            "/v1/ws/{workspaceId}/DataSubjectRequests",
            "/v1/ws/1/DataSubjectRequests?size=50",
            None,
        ),
        (
            Method::GET,
            "/v1/ws/{workspaceId}/Assets",
            "/v1/ws/1/Assets?size=500",
            None,
        ),
        (
            Method::GET,
            "/v1/ws/{workspaceId}/Actors",
            "/v1/ws/1/Actors?size=100",
            None,
        ),
        (
            Method::GET,
            "/v1/ws/{workspaceId}/Teams",
            "/v1/ws/1/Teams",
            None,
        ),
        (
            Method::GET,
            "/v1/ws/{workspaceId}/Tags",
            "/v1/ws/1/Tags",
            None,
        ),
        (
            Method::GET,
            "/v1/ws/{workspaceId}/Contracts",
            "/v1/ws/1/Contracts?size=100",
            None,
        ),
        (Method::GET, "/v1/TenantUsers", "/v1/TenantUsers", None),
        (Method::GET, "/me", "/me", None),
        (
            Method::GET,
            "/rate-limiting-state",
            "/rate-limiting-state",
            None,
        ),
        (
            Method::GET,
            "/v1/ws/{workspaceId}/Workflows/{type}",
            "/v1/ws/1/Workflows/DataSubject",
            None,
        ),
        (
            Method::POST,
            "/v1/ws/{workspaceId}/DataSubjectRequests",
            "/v1/ws/1/DataSubjectRequests",
            Some(serde_json::json!({
                "title": "t", "locale": "fr", "areaId": 1, "purposes": ["Access"]
            })),
        ),
        (
            Method::POST,
            "/v1/ws/{workspaceId}/DataProcessings",
            "/v1/ws/1/DataProcessings",
            Some(serde_json::json!({ "label": "Nouveau traitement", "areaId": 1 })),
        ),
        (
            Method::POST,
            "/v1/ws/{workspaceId}/Tasks",
            "/v1/ws/1/Tasks",
            Some(serde_json::json!({ "label": "Nouvelle tâche" })),
        ),
    ];
    for (method, template, path, body) in cases {
        let op = contract::operation(method.as_str(), template)
            .unwrap_or_else(|| panic!("{template} is in the contract"));
        let schema = contract::response_schema(op)
            .unwrap_or_else(|| panic!("{template} documents a response"));
        let r = api.call(method.clone(), path, body).await;
        assert_eq!(r.status, 200, "{method} {path}: {}", r.body);
        if let Err(errors) = contract::validate_fragment(schema, &r.body) {
            let first: Vec<String> = errors.iter().take(5).map(|e| e.to_string()).collect();
            panic!(
                "{method} {path} breaks its response schema: {}",
                first.join("; ")
            );
        }
    }
}

#[test]
fn every_listed_operation_is_in_the_contract_or_the_2024_list() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("../dastra/contract/openapi.json"))
            .expect("the contract"),
    )
    .unwrap();
    let tsv =
        std::fs::read_to_string(root.join("../../../../shared/dastra/endpoints-2024.tsv")).ok();
    let mut missing = Vec::new();
    for (method, path) in OPERATIONS {
        let documented = doc["paths"]
            .get(*path)
            .and_then(|p| p.get(method.to_lowercase()))
            .is_some();
        let listed = tsv
            .as_deref()
            .is_some_and(|t| t.lines().any(|l| l == format!("{method}\t{path}")));
        let overlay =
            contract::operation(method, path).is_some_and(|op| op.get(contract::ASSUMED).is_some());
        if !documented && !listed && !overlay {
            missing.push(format!("{method} {path}"));
        }
    }
    assert!(
        missing.is_empty(),
        "operations not spelled as in the contract: {missing:?}"
    );
}

#[tokio::test]
async fn every_listed_operation_is_routed() {
    let api = Api::new();
    let mut unrouted = Vec::new();
    for (method, template) in OPERATIONS {
        let path = template
            .replace("{workspaceId}", "1")
            .replace("{type}", "DataSubject")
            .replace("{fileId}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
            .replace("{dataProcessingId}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
            .replace("{contractId}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301")
            .replace("{dataSubjectRequestId}", "1")
            .replace("{id}", "1");
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let r = api
            .call(method.clone(), &path, Some(serde_json::json!({})))
            .await;
        let fallback = r.body["detail"]
            .as_str()
            .is_some_and(|d| d.starts_with("no route for"));
        if r.status == 405 || fallback {
            unrouted.push(format!("{method} {template} -> {}", r.status));
        }
    }
    assert!(
        unrouted.is_empty(),
        "operations without a route: {unrouted:#?}"
    );
}

#[tokio::test]
async fn two_sandboxes_with_the_same_seed_answer_the_same() {
    let (a, b) = (Api::new(), Api::new());
    for path in [
        "/v1/ws/1/DataSubjectRequests?size=100",
        "/v1/ws/1/Contracts?size=100",
        "/v1/ws/1/Assets?size=500",
    ] {
        assert_eq!(
            a.get(path).await.body,
            b.get(path).await.body,
            "{path} is deterministic"
        );
    }
}
