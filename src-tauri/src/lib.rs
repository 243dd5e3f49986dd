//! Passerelle's desktop shell: the only crate that knows about Tauri.
//!
//! It sets up logging, the store plugin and the current workspace (the embedded sandbox until
//! a real workspace is configured), then routes every IPC command to [`passerelle_ipc::Api`].
//! Everything else lives in the engine crates under `crates/`.

mod commands;
mod logging;
mod settings;

use std::error::Error;
use std::sync::Arc;

use passerelle_ipc::{Api, Language, WorkspaceTarget};
use tauri::Manager;

/// Start the application and block until its last window closes.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .setup(setup)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("BUG: the Tauri runtime could not start");
}

fn setup(app: &mut tauri::App) -> Result<(), Box<dyn Error>> {
    let log_guard = logging::init(&app.path().app_log_dir()?)?;
    app.manage(log_guard);

    let data_dir = app.path().app_data_dir()?;
    let sandbox_state = data_dir.join("sandbox").join("workspace.json");
    let target = tauri::async_runtime::block_on(WorkspaceTarget::embedded_sandbox(&sandbox_state))?;
    tracing::info!(
        workspace_id = target.info.workspace_id,
        sandbox = true,
        "workspace opened"
    );

    let store = settings::PluginStore::open(app.handle())?;
    let api = Api::new(target, Arc::new(store), system_language());
    app.manage(Arc::new(api));
    Ok(())
}

fn system_language() -> Language {
    let locale = sys_locale::get_locale()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if locale.starts_with("fr") {
        Language::Fr
    } else {
        Language::En
    }
}
