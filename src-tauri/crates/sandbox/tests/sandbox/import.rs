//! `Assets/import` (CSV) and `Assets/import/json` under the assumed shape.

use axum::body::Body;
use axum::http::Method;
use serde_json::{json, Value};

use crate::support::{multipart, Api};

async fn import(api: &Api, path: &str, content: &[u8], update: Option<&str>) -> Value {
    let fields: Vec<(&str, &str)> = update.map(|u| vec![("update", u)]).unwrap_or_default();
    let (content_type, body) = multipart("file", "assets.csv", content, &fields);
    let req = api
        .request(Method::POST, path)
        .header("content-type", content_type)
        .body(Body::from(body))
        .unwrap();
    let r = api.send(req).await;
    assert_eq!(r.status, 200, "import answers per row: {}", r.body);
    r.body
}

#[tokio::test]
async fn a_csv_import_creates_valid_rows_and_reports_invalid_ones() {
    let api = Api::new();
    let csv = "\u{feff}label;type;ref;description;applicationState\r\n\
               Outil de caisse;Software;CI09001;\"Caisse; boutiques\";InProduction\r\n\
               ;Software;CI09002;sans nom;InProduction\r\n\
               Robot;Spaceship;CI09003;;\r\n";
    let results = import(&api, "/v1/ws/1/Assets/import", csv.as_bytes(), None).await;
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 3, "one result per row");
    assert_eq!(results[0]["success"], true);
    assert_eq!(results[0]["message"], "created");
    let id = results[0]["id"].as_i64().unwrap();
    let created = api.get(&format!("/v1/ws/1/Assets/{id}")).await.body;
    assert_eq!(
        created["description"], "Caisse; boutiques",
        "quoted cells keep separators"
    );
    assert_eq!(created["ref"], "CI09001");
    assert_eq!(results[1]["success"], false, "a row without label fails");
    assert!(
        results[1]["message"].as_str().unwrap().contains("label"),
        "{}",
        results[1]
    );
    assert_eq!(results[2]["success"], false, "an unknown type fails");
    assert!(results[2]["id"].is_null());
}

#[tokio::test]
async fn with_update_a_row_matching_a_ref_updates_that_asset() {
    let api = Api::new();
    let existing = api.get("/v1/ws/1/Assets/2").await.body;
    let reference = existing["ref"].as_str().unwrap();
    let csv = format!(
        "label;ref;type\nSalesforce (renommé);{reference};Software\nNouveau;CI09100;Software\n"
    );
    let results = import(&api, "/v1/ws/1/Assets/import", csv.as_bytes(), Some("true")).await;
    assert_eq!(results[0]["message"], "updated");
    assert_eq!(results[0]["id"], 2, "matched on ref");
    assert_eq!(results[1]["message"], "created", "no match, so a new asset");
    let updated = api.get("/v1/ws/1/Assets/2").await.body;
    assert_eq!(updated["label"], "Salesforce (renommé)");
    assert_eq!(
        updated["dateCreation"], existing["dateCreation"],
        "server fields kept"
    );

    let again = import(&api, "/v1/ws/1/Assets/import", csv.as_bytes(), None).await;
    assert_eq!(
        again[0]["message"], "created",
        "without update every row creates"
    );
}

#[tokio::test]
async fn a_json_import_takes_an_array_of_assets() {
    let api = Api::new();
    let file = json!([
        { "label": "Outil BI", "type": "Software", "ref": "CI09200", "hostingType": "OutSourced" },
        { "label": "Entrepôt de Lille", "type": "Building", "city": "Lille" },
        { "type": "Data" }
    ]);
    let results = import(
        &api,
        "/v1/ws/1/Assets/import/json",
        file.to_string().as_bytes(),
        None,
    )
    .await;
    let ok: Vec<bool> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["success"].as_bool().unwrap())
        .collect();
    assert_eq!(ok, [true, true, false], "the third has no label");
    assert_eq!(results[1]["label"], "Entrepôt de Lille");

    let (content_type, body) = multipart("file", "a.json", b"{\"not\": \"an array\"}", &[]);
    let req = api
        .request(Method::POST, "/v1/ws/1/Assets/import/json")
        .header("content-type", content_type);
    let r = api.send(req.body(Body::from(body)).unwrap()).await;
    assert_eq!(r.status, 400, "the file must be an array");
}
