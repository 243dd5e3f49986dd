//! Writes: a JSON Patch computed from a typed edit, a PUT that drops nothing, Dastra's field
//! errors surfacing in the client's error, a POST whose answer is lost, and paths in any case.

use futures::TryStreamExt;
use passerelle_dastra::client::ListQuery;
use passerelle_dastra::models::{AssetDto, AssetType};
use passerelle_dastra::patch::{self, PatchOp};
use passerelle_dastra::{ErrorKind, Filter};
use passerelle_sandbox::Faults;
use passerelle_tests::{client, options, set_faults, start_sandbox, ws_path, Api, Payload};
use reqwest::Method;
use serde_json::{json, Map, Value};

/// Custom fields whose keys no model knows, nested and of several types.
fn custom_fields() -> Value {
    json!({
        "contratCadre": { "numero": "CC-2024-17", "renouvellements": [2025, 2026] },
        "criticite": "haute",
        "auditee": true
    })
}

/// Give a seeded asset custom fields, through a raw PUT of the record as the server shows it.
async fn asset_with_custom_fields(api: &Api) -> Value {
    let mut asset = api.get(&ws_path("Assets?size=1")).await["items"][0].clone();
    asset["customFields"] = custom_fields();
    let path = ws_path(&format!("Assets/{}", asset["id"]));
    let reply = api.send(Method::PUT, &path, Payload::Json(asset)).await;
    assert!(
        reply.status.is_success(),
        "custom fields are accepted: {}",
        reply.status
    );
    api.get(&path).await
}

/// The record without null members at any depth (the typed models send `None` as absent)
/// and without `dateUpdate`, which the server sets on every write.
fn comparable(value: &Value) -> Value {
    fn strip(value: &Value) -> Value {
        match value {
            Value::Object(map) => {
                let kept: Map<String, Value> = map
                    .iter()
                    .filter(|(_, v)| !v.is_null())
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .collect();
                Value::Object(kept)
            }
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    let mut record = strip(value);
    record
        .as_object_mut()
        .expect("a record is an object")
        .remove("dateUpdate");
    record
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_patch_from_a_typed_edit_changes_only_the_edited_fields() {
    let sandbox = start_sandbox(options()).await;
    let (api, client) = (Api::new(&sandbox), client(&sandbox));
    let raw_before = asset_with_custom_fields(&api).await;
    let id = raw_before["id"].as_i64().expect("an id") as i32;

    let before: AssetDto = client.get(&id).await.expect("the typed asset");
    let typed = serde_json::to_value(&before).expect("serialisable");
    assert_eq!(
        comparable(&typed),
        comparable(&raw_before),
        "the typed model holds everything the server sent, custom fields included"
    );

    let mut after = before.clone();
    after.label = format!("{} (révisé)", before.label);
    let custom = after.custom_fields.get_or_insert_with(Map::new);
    custom.insert("criticite".into(), json!("moyenne"));

    let ops = patch::diff(&typed, &serde_json::to_value(&after).expect("serialisable"));
    let expected_ops = vec![
        PatchOp::replace("/customFields/criticite", "moyenne"),
        PatchOp::replace("/label", after.label.clone()),
    ];
    let mut sorted = ops.clone();
    sorted.sort_by(|a, b| a.path().cmp(b.path()));
    assert_eq!(
        sorted, expected_ops,
        "the patch names the two edits and nothing else"
    );
    client
        .patch::<AssetDto>(&id, &ops)
        .await
        .expect("the patch is accepted");

    let raw_after = api.get(&ws_path(&format!("Assets/{id}"))).await;
    let mut expected = raw_before.clone();
    expected["label"] = json!(after.label);
    expected["customFields"]["criticite"] = json!("moyenne");
    assert_eq!(
        comparable(&raw_after),
        comparable(&expected),
        "untouched fields and the other custom fields are exactly as before"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fields_the_model_does_not_know_are_never_in_a_computed_patch() {
    let sandbox = start_sandbox(options()).await;
    let (api, client) = (Api::new(&sandbox), client(&sandbox));
    let raw = asset_with_custom_fields(&api).await;
    let id = raw["id"].as_i64().expect("an id") as i32;

    // What a newer Dastra might send: a member this copy of the contract has never heard of.
    let mut newer = raw.clone();
    newer["riskScore"] = json!({ "value": 12, "scale": "ISO 27005" });
    let before: AssetDto = serde_json::from_value(newer).expect("unknown members decode");
    assert_eq!(
        before.extra["riskScore"]["value"], 12,
        "kept in the model's extra"
    );

    let mut after = before.clone();
    after.description = Some("Reprise de l'inventaire 2025.".into());
    let typed_before = serde_json::to_value(&before).expect("serialisable");
    let ops = patch::diff(
        &typed_before,
        &serde_json::to_value(&after).expect("serialisable"),
    );
    assert_eq!(
        ops,
        vec![PatchOp::replace(
            "/description",
            "Reprise de l'inventaire 2025."
        )],
        "the unknown member is carried, never patched or removed"
    );
    assert_eq!(
        serde_json::to_value(&after).expect("serialisable")["riskScore"],
        json!({ "value": 12, "scale": "ISO 27005" }),
        "and it would be sent back as received by a PUT"
    );

    client
        .patch::<AssetDto>(&id, &ops)
        .await
        .expect("the patch is accepted");
    let stored = api.get(&ws_path(&format!("Assets/{id}"))).await;
    assert_eq!(
        stored["description"], "Reprise de l'inventaire 2025.",
        "edited"
    );
    assert_eq!(
        stored["customFields"],
        custom_fields(),
        "custom fields untouched"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_read_modify_put_keeps_every_field_it_did_not_edit() {
    let sandbox = start_sandbox(options()).await;
    let (api, client) = (Api::new(&sandbox), client(&sandbox));
    let raw_before = asset_with_custom_fields(&api).await;
    let id = raw_before["id"].as_i64().expect("an id") as i32;

    let mut asset: AssetDto = client.get(&id).await.expect("the typed asset");
    asset.city = Some("Nantes".into());
    client.put(&id, &asset).await.expect("the PUT is accepted");

    let raw_after = api.get(&ws_path(&format!("Assets/{id}"))).await;
    let mut expected = raw_before.clone();
    expected["city"] = json!("Nantes");
    assert_eq!(
        comparable(&raw_after),
        comparable(&expected),
        "a whole-record PUT from the typed model loses nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_create_carries_dastras_field_errors() {
    let sandbox = start_sandbox(options()).await;
    let asset = AssetDto {
        label: "x".repeat(700),
        r#type: AssetType::Software,
        country_code: Some("FRA".into()),
        ..AssetDto::default()
    };
    let err = client(&sandbox)
        .create(&asset)
        .await
        .expect_err("the sandbox refuses the asset");

    assert_eq!(err.status(), Some(400), "{err}");
    assert_eq!(err.kind(), ErrorKind::Rejected, "{err}");
    assert!(
        !err.is_retryable(),
        "a refused body does not get better by waiting"
    );
    let body = err.body().expect("Dastra's error body is kept");
    for field in ["label", "countryCode"] {
        let messages = body
            .errors
            .get(field)
            .map(Vec::as_slice)
            .unwrap_or_default();
        assert!(
            messages.iter().any(|m| m.contains("at most")),
            "{field} is named with its rule: {:?}",
            body.errors
        );
    }
    let shown = err.to_string();
    assert!(
        shown.contains("POST") && shown.contains("/Assets") && shown.contains("label"),
        "the message says which request failed and why: {shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_whose_answer_is_lost_is_reported_unknown_and_never_repeated() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    set_faults(
        &sandbox,
        &Faults {
            fail_after_commit: 1,
            ..Faults::default()
        },
    )
    .await;

    let label = "Coffre-fort numérique (création interrompue)";
    let asset = AssetDto {
        label: label.into(),
        r#type: AssetType::Software,
        ..AssetDto::default()
    };
    let err = client
        .create(&asset)
        .await
        .expect_err("the connection is cut");
    assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
    assert!(!err.is_retryable(), "the caller must reconcile first");
    assert!(
        err.to_string().contains("reconcile"),
        "the message says what to do: {err}"
    );
    assert_eq!(
        client.rate_budget().stats().requests,
        1,
        "the POST was sent once, not retried"
    );

    // Reconcile: the write happened, exactly once.
    let found: Vec<AssetDto> = client
        .stream_all(ListQuery::new().filter(Filter::equal("label", label)))
        .try_collect()
        .await
        .expect("the list answers");
    assert_eq!(found.len(), 1, "the asset was created once: {found:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paths_are_matched_whatever_their_case() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    let query = [("size", "7"), ("sortBy", "label")];

    let canonical = client
        .get_json(&ws_path("Assets"), &query)
        .await
        .expect("the canonical spelling");
    for spelling in ["/v1/ws/1/assets", "/V1/WS/1/ASSETS", "/v1/Ws/1/aSSets"] {
        let got = client.get_json(spelling, &query).await.expect(spelling);
        assert_eq!(got, canonical, "{spelling} is the same route");
    }
    let workspaces = client.workspaces().await.expect("/v1/WorkSpaces");
    let lower = client
        .get_json("/v1/workspaces", &[])
        .await
        .expect("lowercase");
    assert_eq!(
        lower["workSpaces"].as_array().map(Vec::len),
        Some(workspaces.len()),
        "/v1/workspaces as the docs spell it"
    );
    assert_eq!(
        client.get_json("/ME", &[]).await.expect("/ME"),
        client.me().await.expect("/me"),
        "utility routes too"
    );
}
