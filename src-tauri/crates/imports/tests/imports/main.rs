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

use passerelle_dastra::{Auth, ClientOptions, DastraClient};
use passerelle_mapping::Profile;
use passerelle_sandbox::{RunningSandbox, SandboxOptions, MAIN_WORKSPACE};

/// A seeded sandbox and a client on its main workspace.
async fn sandbox() -> (RunningSandbox, DastraClient) {
    sandbox_with(SandboxOptions::default()).await
}

/// A sandbox whose main workspace has only `assets` assets, for tests that write to each.
async fn small_sandbox(assets: usize) -> (RunningSandbox, DastraClient) {
    let mut options = SandboxOptions::default();
    options.seed.assets = assets;
    sandbox_with(options).await
}

async fn sandbox_with(options: SandboxOptions) -> (RunningSandbox, DastraClient) {
    let sandbox = passerelle_sandbox::start(options, 0)
        .await
        .expect("the sandbox starts");
    let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(MAIN_WORKSPACE))
        .build()
        .expect("a client for the sandbox");
    (sandbox, client)
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
