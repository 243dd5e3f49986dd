//! The import engine over real HTTP, against a sandbox started on `127.0.0.1:0` per test.

mod apply;
mod choices;
mod exports;
mod faults;
mod plan;
mod sealed;
mod sources;
mod sql_rest;
mod stream;
mod undo;

#[path = "../support/mod.rs"]
mod support;

use passerelle_dastra::DastraClient;
use passerelle_mapping::Profile;
use passerelle_sandbox::{RunningSandbox, SandboxOptions};
use reqwest::Method;
use serde_json::{json, Value};
use support::{sandbox_with, small_sandbox};

/// A seeded sandbox and a client on its main workspace.
async fn sandbox() -> (RunningSandbox, DastraClient) {
    sandbox_with(SandboxOptions::default()).await
}

/// Create `asset` in the client's workspace.
async fn post_asset(client: &DastraClient, asset: Value) {
    let assets = client.workspace_path("Assets").expect("a path");
    client
        .send_json(Method::POST, &assets, Some(&asset))
        .await
        .expect("an asset created");
}

/// Serve `router` on `127.0.0.1:0`, in the background; its base URL.
async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a free port");
    let url = format!(
        "http://127.0.0.1:{}",
        listener.local_addr().expect("bound").port()
    );
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serves") });
    url
}

/// Applications read from `source` onto assets: `u_number` → `ref`, `name` → `label`, the CI
/// class → `type`, and records missing from the source dealt with by `missing`.
fn applications_profile(source: Value, missing: &str) -> Profile {
    let document = json!({
        "version": 1, "id": "applications", "name": "Applications",
        "source": source,
        "target": "asset",
        "key": { "column": "u_number", "target": "ref", "transforms": [{ "op": "trim" }] },
        "fields": [
            { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
            { "target": "type", "column": "sys_class_name",
              "transforms": [{ "op": "valueMap",
                               "values": { "cmdb_ci_business_app": "Software" } }] }
        ],
        "missing": { "action": missing }
    });
    Profile::from_json(&document.to_string()).expect("the profile is valid")
}

/// A ServiceNow business-application profile: `u_number` → `ref`, `name` → `label`, the CI
/// class → `type`, and records missing from the export tagged.
fn servicenow_profile() -> Profile {
    Profile::from_json(
        r#"{
          "version": 1, "id": "servicenow-apps", "name": "ServiceNow applications",
          "source": { "name": "servicenow", "kind": "json", "records": "result" },
          "target": "asset",
          "key": { "column": "u_number", "target": "ref", "transforms": [{ "op": "trim" }] },
          "fields": [
            { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
            { "target": "type", "column": "sys_class_name",
              "transforms": [{ "op": "valueMap", "values": { "cmdb_ci_business_app": "Software" } }] }
          ],
          "missing": { "action": "tag" }
        }"#,
    )
    .expect("the profile is valid")
}
