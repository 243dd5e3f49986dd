//! Lists: the paged envelope, the size cap, `filters`, `q`, sorting and typed parameters.

use serde_json::{json, Value};

use crate::support::{filters, Api};

fn ids(r: &Value) -> Vec<i64> {
    let items = r.get("items").unwrap_or(r);
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect()
}

async fn assets_where(api: &Api, rule: Value) -> Vec<Value> {
    api.all(&format!("/v1/ws/1/Assets?filters={}", filters(rule)))
        .await
}

#[tokio::test]
async fn a_paged_list_answers_items_total_size_and_page() {
    let api = Api::new();
    let r = api.get("/v1/ws/1/Assets?page=2&size=7").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["total"], 150, "total counts every asset");
    assert_eq!(r.body["size"], 7, "size is echoed");
    assert_eq!(r.body["page"], 2, "page is echoed");
    assert_eq!(
        ids(&r.body),
        (8..=14).collect::<Vec<_>>(),
        "page 2 of 7 holds the 8th to 14th"
    );
    let default = api.get("/v1/ws/1/Assets").await;
    assert_eq!(
        default.body["items"].as_array().unwrap().len(),
        20,
        "default size is 20"
    );
    let skipped = api.get("/v1/ws/1/Assets?skip=3&size=2").await;
    assert_eq!(ids(&skipped.body), [4, 5], "skip is a raw offset");
}

#[tokio::test]
async fn a_size_above_500_is_refused_and_500_is_allowed() {
    let api = Api::new();
    let r = api.get("/v1/ws/1/Assets?size=501").await;
    assert_eq!(r.status, 400, "over the documented maximum");
    let msg = r.body["errors"]["size"][0].as_str().unwrap();
    assert!(msg.contains("500"), "the message names the limit: {msg}");
    let r = api.get("/v1/ws/1/Assets?size=500").await;
    assert_eq!(
        r.body["items"].as_array().unwrap().len(),
        150,
        "500 fits all"
    );
}

#[tokio::test]
async fn equal_and_not_equal_filter_on_enums() {
    let api = Api::new();
    let software = assets_where(
        &api,
        json!({"field": "type", "operator": "equal", "value": "Software"}),
    )
    .await;
    assert!(
        !software.is_empty() && software.iter().all(|a| a["type"] == "Software"),
        "only software"
    );
    let others = assets_where(
        &api,
        json!({"field": "type", "operator": "notEqual", "value": "Software"}),
    )
    .await;
    assert_eq!(
        software.len() + others.len(),
        150,
        "the two partition the assets"
    );
}

#[tokio::test]
async fn in_and_not_in_filter_on_lists_of_values() {
    let api = Api::new();
    let rule = json!({"field": "type", "operator": "in", "value": ["Building", "Network"]});
    let found = assets_where(&api, rule).await;
    assert_eq!(found.len(), 7, "4 buildings and 3 networks");
    let rule = json!({"field": "type", "operator": "notIn", "value": ["Software"]});
    assert!(assets_where(&api, rule)
        .await
        .iter()
        .all(|a| a["type"] != "Software"));
}

#[tokio::test]
async fn contains_and_does_not_contain_search_text_and_arrays() {
    let api = Api::new();
    let found = assets_where(
        &api,
        json!({"field": "label", "operator": "contains", "value": "salesforce"}),
    )
    .await;
    assert!(found.len() >= 3, "Salesforce assets, case-insensitively");
    assert!(found
        .iter()
        .all(|a| a["label"].as_str().unwrap().contains("Salesforce")));
    let none = assets_where(
        &api,
        json!({"field": "label", "operator": "doesNotContains", "value": "a"}),
    )
    .await;
    assert!(none
        .iter()
        .all(|a| !a["label"].as_str().unwrap().to_lowercase().contains('a')));

    let rule = json!({"field": "purposes", "operator": "contains", "value": "Erasure"});
    let dsrs = api
        .all(&format!(
            "/v1/ws/1/DataSubjectRequests?filters={}",
            filters(rule)
        ))
        .await;
    assert!(!dsrs.is_empty(), "some erasure requests");
    assert!(dsrs.iter().all(|d| d["purposes"]
        .as_array()
        .unwrap()
        .contains(&json!("Erasure"))));
}

#[tokio::test]
async fn null_and_empty_tests_filter_optional_fields() {
    let api = Api::new();
    let path = |rule: Value| format!("/v1/ws/1/DataSubjectRequests?filters={}", filters(rule));
    let no_phone = api
        .all(&path(json!({"field": "phoneNumber", "operator": "isNull"})))
        .await;
    let phone = api
        .all(&path(
            json!({"field": "phoneNumber", "operator": "isNotNull"}),
        ))
        .await;
    assert!(
        !no_phone.is_empty() && !phone.is_empty(),
        "both kinds exist"
    );
    let listed = api.all("/v1/ws/1/DataSubjectRequests").await.len();
    assert_eq!(
        no_phone.len() + phone.len(),
        listed,
        "they partition the listed requests"
    );
    let tagged = api
        .all(&path(json!({"field": "tags", "operator": "isNotEmpty"})))
        .await;
    let untagged = api
        .all(&path(json!({"field": "tags", "operator": "isEmpty"})))
        .await;
    assert_eq!(tagged.len() + untagged.len(), listed);
    assert!(tagged
        .iter()
        .all(|d| !d["tags"].as_array().unwrap().is_empty()));
}

#[tokio::test]
async fn ordering_operators_compare_numbers_and_dates() {
    let api = Api::new();
    let found = assets_where(
        &api,
        json!({"field": "id", "operator": "lessThanInclusive", "value": 10}),
    )
    .await;
    assert_eq!(found.len(), 10, "ids 1 to 10");
    let found = assets_where(
        &api,
        json!({"field": "id", "operator": "greaterThan", "value": 140}),
    )
    .await;
    assert_eq!(found.len(), 10, "ids 141 to 150");
    let rule =
        json!({"field": "expiryTime", "operator": "lessThan", "value": "2025-03-10T09:00:00Z"});
    let past = api
        .all(&format!(
            "/v1/ws/1/DataSubjectRequests?filters={}",
            filters(rule)
        ))
        .await;
    assert!(
        past.iter()
            .all(|d| d["remainingDays"].as_i64().is_none_or(|r| r <= 0)),
        "deadline passed"
    );
}

#[tokio::test]
async fn nested_groups_and_dotted_paths_combine() {
    let api = Api::new();
    let rule = json!({"separator": "Or", "rules": [
        {"field": "type", "operator": "equal", "value": "Building"},
        {"separator": "And", "rules": [
            {"field": "tags.label", "operator": "equal", "value": "Cloud"},
            {"field": "label", "operator": "contains", "value": "Microsoft"}
        ]}
    ]});
    let found = assets_where(&api, rule).await;
    assert!(
        found.iter().any(|a| a["type"] == "Building"),
        "the first branch"
    );
    assert!(
        found
            .iter()
            .any(|a| a["label"].as_str().unwrap().contains("Microsoft")),
        "the second branch"
    );
    for a in &found {
        let cloud = a["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["label"] == "Cloud");
        let ok = a["type"] == "Building"
            || (cloud && a["label"].as_str().unwrap().contains("Microsoft"));
        assert!(ok, "every item satisfies the rule: {}", a["label"]);
    }
}

#[tokio::test]
async fn an_invalid_filter_is_a_400_naming_the_parameter() {
    let api = Api::new();
    let r = api.get("/v1/ws/1/Assets?filters=%7Bnot-json").await;
    assert_eq!(r.status, 400);
    assert!(
        r.body["errors"]["filters"].is_array(),
        "keyed on filters: {}",
        r.body
    );
    let bad_op = filters(json!({"field": "type", "operator": "like", "value": "x"}));
    let r = api.get(&format!("/v1/ws/1/Assets?filters={bad_op}")).await;
    assert!(
        r.body["errors"]["filters"][0]
            .as_str()
            .unwrap()
            .contains("like"),
        "names the operator"
    );
}

#[tokio::test]
async fn q_searches_ignoring_case_and_accents() {
    let api = Api::new();
    let created = api
        .post(
            "/v1/ws/1/DataSubjectRequests",
            json!({
                "title": "Demande d'accès", "locale": "fr", "areaId": 2, "purposes": ["Access"],
                "givenName": "Hélène", "familyName": "Lefèvre-Saint-Éloi"
            }),
        )
        .await;
    assert_eq!(created.status, 200, "created: {}", created.body);
    let id = created.body["id"].as_i64().unwrap();
    for q in ["helene%20lefevre", "H%C3%89L%C3%88NE", "saint-eloi"] {
        let r = api
            .get(&format!("/v1/ws/1/DataSubjectRequests?q={q}"))
            .await;
        assert!(ids(&r.body).contains(&id), "q={q} finds the request");
    }
    let r = api.get("/v1/ws/1/Assets?q=sap%20hana").await;
    assert!(
        r.body["total"].as_i64().unwrap() >= 1,
        "all terms must match, in any order"
    );
}

#[tokio::test]
async fn lists_sort_by_any_field_in_both_directions() {
    let api = Api::new();
    let asc = api.all("/v1/ws/1/Assets?sortBy=label&asc=true").await;
    let labels: Vec<String> = asc
        .iter()
        .map(|a| a["label"].as_str().unwrap().to_lowercase())
        .collect();
    let mut sorted = labels.clone();
    sorted.sort();
    assert_eq!(
        labels.first(),
        sorted.first(),
        "ascending starts with the smallest label"
    );
    let desc = api
        .get("/v1/ws/1/Assets?sortBy=Label&asc=false&size=1")
        .await;
    assert_eq!(
        desc.body["items"][0]["label"],
        asc.last().unwrap()["label"],
        "descending starts with the largest"
    );
    let by_date = api
        .all("/v1/ws/1/DataSubjectRequests?sortBy=dateCreation&asc=false")
        .await;
    let first = by_date.first().unwrap()["dateCreation"]
        .as_str()
        .unwrap()
        .to_string();
    let last = by_date.last().unwrap()["dateCreation"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(first > last, "newest first: {first} vs {last}");
}

#[tokio::test]
async fn typed_parameters_filter_requests() {
    let api = Api::new();
    let open_closed = api
        .all("/v1/ws/1/DataSubjectRequests?states=Open&states=Closed")
        .await;
    assert!(
        open_closed
            .iter()
            .all(|d| d["state"] == "Open" || d["state"] == "Closed"),
        "repeated keys"
    );
    let bracketed = api
        .all("/v1/ws/1/DataSubjectRequests?states[]=Open&states[]=Closed")
        .await;
    assert_eq!(
        open_closed.len(),
        bracketed.len(),
        "states[]= binds the same"
    );
    let erasure = api
        .all("/v1/ws/1/DataSubjectRequests?purposes=Erasure")
        .await;
    assert!(erasure.iter().all(|d| d["purposes"]
        .as_array()
        .unwrap()
        .contains(&json!("Erasure"))));
    let area = api.all("/v1/ws/1/DataSubjectRequests?areaId=4").await;
    assert!(area.iter().all(|d| d["areaId"] == 4), "areaId");
    let listed = api.all("/v1/ws/1/DataSubjectRequests").await;
    let (a, b) = (
        listed[1]["id"].as_i64().unwrap(),
        listed[4]["id"].as_i64().unwrap(),
    );
    let two = api
        .get(&format!("/v1/ws/1/DataSubjectRequests?ids={a}&ids[]={b}"))
        .await;
    assert_eq!(ids(&two.body), [a, b], "ids");
}

#[tokio::test]
async fn overtaking_lists_the_overdue_requests() {
    let api = Api::new();
    let overdue = api
        .all("/v1/ws/1/DataSubjectRequests?overtaking=true")
        .await;
    assert!(
        overdue.len() >= 5,
        "several requests are overdue, got {}",
        overdue.len()
    );
    for d in &overdue {
        assert_ne!(d["state"], "Closed", "closed requests are never overdue");
        assert!(
            d["remainingDays"].as_i64().unwrap() < 0,
            "negative remaining days: {}",
            d["remainingDays"]
        );
    }
    let on_time = api
        .all("/v1/ws/1/DataSubjectRequests?overtaking=false")
        .await;
    assert!(on_time
        .iter()
        .all(|d| d["remainingDays"].as_i64().is_none_or(|r| r >= 0)));
}

#[tokio::test]
async fn archived_requests_are_listed_only_when_asked() {
    let api = Api::new();
    let archived = api.all("/v1/ws/1/DataSubjectRequests?archived=true").await;
    let active = api.all("/v1/ws/1/DataSubjectRequests").await;
    assert!(
        !archived.is_empty(),
        "the seed archives old closed requests"
    );
    assert!(archived.iter().all(|d| d["archived"] == true));
    assert!(
        active.iter().all(|d| d["archived"] == false),
        "hidden by default"
    );
}

#[tokio::test]
async fn typed_parameters_filter_assets_actors_and_tasks() {
    let api = Api::new();
    let buildings = api
        .all("/v1/ws/1/Assets?types=Building&types[]=Network")
        .await;
    assert_eq!(buildings.len(), 7);
    let cloud_tag = api
        .get("/v1/ws/1/Tags?type=Asset")
        .await
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["label"] == "Cloud")
        .unwrap()["id"]
        .clone();
    let cloud = api.all(&format!("/v1/ws/1/Assets?tags={cloud_tag}")).await;
    assert!(
        !cloud.is_empty()
            && cloud.iter().all(|a| a["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["id"] == cloud_tag))
    );
    let authorities = api.all("/v1/ws/1/Actors?referencedAs=PublicOrganism").await;
    assert!(
        authorities
            .iter()
            .any(|a| a["companyName"].as_str().unwrap().contains("CNIL")
                || a["companyName"].as_str().unwrap().contains("informatique")),
        "the CNIL is a public organism"
    );
    assert!(
        authorities.iter().all(|a| a.get("_referencedAs").is_none()),
        "bookkeeping is never sent"
    );
    let irish = api.all("/v1/ws/1/Actors?countries=IE").await;
    assert!(!irish.is_empty() && irish.iter().all(|a| a["countryCode"] == "IE"));
    let open = api.all("/v1/ws/1/Tasks?states=Open").await;
    assert!(!open.is_empty() && open.iter().all(|t| t["state"] == "Open"));
}

#[tokio::test]
async fn tags_and_relationships_answer_bare_arrays() {
    let api = Api::new();
    let tags = api.get("/v1/ws/1/Tags").await;
    assert!(tags.body.is_array(), "Tags is a bare array");
    let by_type = api.get("/v1/ws/1/Tags?type=Actor").await;
    assert!(by_type
        .body
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["type"] == "Actor"));
    let links = api
        .get("/v1/ws/1/GenericRelationships?objectIds=1&objectType=Asset")
        .await;
    let links = links.body.as_array().expect("a bare array");
    assert!(!links.is_empty(), "asset 1 (SAP) links to its vendor");
    assert!(links
        .iter()
        .all(|l| l["originId"] == "1" || l["target"]["id"] == "1"));
    let reverse = api
        .get(&format!(
            "/v1/ws/1/GenericRelationships?objectIds={}&objectType=Actor",
            links[0]["target"]["id"].as_str().unwrap()
        ))
        .await;
    assert!(
        !reverse.body.as_array().unwrap().is_empty(),
        "links are found from either end"
    );
}

#[tokio::test]
async fn team_lists_show_team_items() {
    let api = Api::new();
    let r = api.get("/v1/ws/1/Teams").await;
    let first = &r.body["items"][0];
    assert_eq!(first["label"], "Équipe DPO");
    assert_eq!(first["nbUsers"], 3, "TeamItemDto counts users");
    assert_eq!(first["default"], true);
    assert!(
        first.get("users").is_none(),
        "the list row has no member ids"
    );
    assert!(
        api.get("/v1/ws/1/Teams/1").await.body["users"].is_array(),
        "the item has them"
    );
}
