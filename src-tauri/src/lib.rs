//! Passerelle's desktop shell: the only crate that knows about Tauri.
//!
//! It sets up logging, the store plugin and the current workspace (the embedded sandbox until
//! a real workspace is configured), then routes every IPC command to [`passerelle_ipc::Api`].
//! Everything else lives in the engine crates under `crates/`.

mod commands;
mod logging;
mod profiles;
mod settings;
mod store_file;

use std::error::Error;
use std::sync::Arc;

use passerelle_ipc::{Api, ApiParts, EventSink, Language, WorkspaceChangedEvent, WorkspaceTarget};
use passerelle_vault::{KeyringStore, Vault};
use tauri::{Emitter, Manager};

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
    let vault = Vault::new(
        profiles::PluginProfiles::open(app.handle())?,
        KeyringStore::new(),
    );
    let api = Api::new(ApiParts {
        sandbox: target,
        settings: Arc::new(store),
        vault: Arc::new(vault),
        events: Arc::new(WindowEvents(app.handle().clone())),
        system_language: system_language(),
    });
    // The workspace chosen last time; when it cannot be opened (keyring locked, network
    // down), the app starts on the sandbox, which the header says plainly.
    if let Err(e) = tauri::async_runtime::block_on(api.restore_workspace()) {
        tracing::warn!(error = %e, "the last workspace could not be opened; on the sandbox");
    }
    app.manage(Arc::new(api));
    Ok(())
}

/// Events for the window, as Tauri events named like the IPC event list.
struct WindowEvents(tauri::AppHandle);

impl EventSink for WindowEvents {
    fn workspace_changed(&self, event: WorkspaceChangedEvent) {
        if let Err(e) = self.0.emit("workspace_changed", event) {
            tracing::warn!(error = %e, "workspace_changed could not reach the window");
        }
    }
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
