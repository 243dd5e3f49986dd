//! What both test binaries of the engine start from: a sandbox on `127.0.0.1:0` and a client
//! on its main workspace.

use passerelle_dastra::{Auth, ClientOptions, DastraClient};
use passerelle_sandbox::{RunningSandbox, SandboxOptions, MAIN_WORKSPACE};

/// A sandbox whose main workspace has only `assets` assets, for tests that write to each.
pub async fn small_sandbox(assets: usize) -> (RunningSandbox, DastraClient) {
    let mut options = SandboxOptions::default();
    options.seed.assets = assets;
    sandbox_with(options).await
}

pub async fn sandbox_with(options: SandboxOptions) -> (RunningSandbox, DastraClient) {
    let sandbox = passerelle_sandbox::start(options, 0)
        .await
        .expect("the sandbox starts");
    let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(MAIN_WORKSPACE))
        .build()
        .expect("a client for the sandbox");
    (sandbox, client)
}
