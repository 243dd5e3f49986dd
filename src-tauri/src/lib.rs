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

use passerelle_ipc::{
    Api, ApiParts, AttachProgressEvent, EventSink, ImportFinishedEvent, ImportProgressEvent,
    JobFinishedEvent, JobProgressEvent, Language, WorkspaceChangedEvent, WorkspaceTarget,
};
use passerelle_vault::{KeyringStore, Vault};
use tauri::{Emitter, Manager};

/// Start the application and block until its last window closes.
pub fn run() {
    paint_without_compositor();
    tauri::Builder::default()
        .plugin(tauri_plugin_store::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .setup(setup)
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("BUG: the Tauri runtime could not start");
}

/// On Linux, WebKitGTK paints the page itself instead of through its accelerated compositor.
///
/// On a machine without a GPU driver (a virtual machine, a remote desktop, Xvfb) the
/// compositor runs on software OpenGL and a scrolled table moves at about 17 frames a second;
/// painted directly, the same 10,000-row plan scrolls with no frame over 20 ms (measured in
/// docs/benchmarks.md). Passerelle draws tables and forms, nothing the compositor would speed
/// up. A user who wants the compositor back sets `WEBKIT_DISABLE_COMPOSITING_MODE=0`: a value
/// already set is left alone.
fn paint_without_compositor() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if cfg!(target_os = "linux") && std::env::var_os(VAR).is_none() {
        // Called first thing in `run`, before any thread of ours or of GTK exists.
        std::env::set_var(VAR, "1");
    }
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
    let database = data_dir.join("passerelle.db");
    let key = seal_key();
    let findings = tauri::async_runtime::block_on(open_findings(&database, key.clone()));
    let import_seal = key.and_then(|key| {
        passerelle_ipc::ImportSeal::open(&database, key)
            .inspect_err(|e| tracing::warn!(error = %e.message, "import journal unavailable"))
            .ok()
    });
    let audit = tauri::async_runtime::block_on(passerelle_audit::AuditLog::open(
        &data_dir.join("passerelle.db"),
    ))
    .inspect_err(|e| tracing::warn!(error = %e, "audit log unavailable"))
    .ok();
    let api = Api::new(ApiParts {
        sandbox: target,
        settings: Arc::new(store),
        vault: Arc::new(vault),
        events: Arc::new(WindowEvents(app.handle().clone())),
        system_language: system_language(),
        findings,
        audit,
        packages: Some(data_dir.join("packages")),
        imports: Some(data_dir.join("imports")),
        import_seal,
        mapping_profiles: Some(data_dir.join("mapping-profiles")),
        exports: exports_dir(app),
    });
    // The workspace chosen last time; when it cannot be opened (keyring locked, network
    // down), the app starts on the sandbox, which the header says plainly.
    if let Err(e) = tauri::async_runtime::block_on(api.restore_workspace()) {
        tracing::warn!(error = %e, "the last workspace could not be opened; on the sandbox");
    }
    if let Err(e) = tauri::async_runtime::block_on(api.purge_expired_findings()) {
        tracing::warn!(error = %e, "expired findings could not be purged");
    }
    app.manage(Arc::new(api));
    Ok(())
}

/// The key sealing personal data at rest (findings, import plans and journals), from the OS
/// keyring; `None` (and discovery and imports say why) when the keyring cannot be used.
fn seal_key() -> Option<passerelle_discovery::SealKey> {
    passerelle_discovery::SealKey::load_or_create(&KeyringStore::new())
        .inspect_err(|e| tracing::warn!(error = %e, "the keyring's seal key is unavailable"))
        .ok()
}

/// The findings store in the app data folder, sealed with `key`; `None` (and discovery says
/// why) without a key.
async fn open_findings(
    database: &std::path::Path,
    key: Option<passerelle_discovery::SealKey>,
) -> Option<passerelle_discovery::FindingsStore> {
    passerelle_discovery::FindingsStore::open(database, key?)
        .await
        .inspect_err(|e| tracing::warn!(error = %e, "findings store unavailable"))
        .ok()
}

/// Where exports go: the person's Downloads folder, else Documents, else the app's own folder.
fn exports_dir(app: &tauri::App) -> Option<std::path::PathBuf> {
    let paths = app.path();
    paths
        .download_dir()
        .or_else(|_| paths.document_dir())
        .or_else(|_| paths.app_data_dir().map(|d| d.join("exports")))
        .ok()
}

/// Events for the window, as Tauri events named like the IPC event list.
struct WindowEvents(tauri::AppHandle);

impl WindowEvents {
    fn emit<T: serde::Serialize + Clone>(&self, name: &str, event: T) {
        if let Err(e) = self.0.emit(name, event) {
            tracing::warn!(error = %e, event = name, "an event could not reach the window");
        }
    }
}

impl EventSink for WindowEvents {
    fn workspace_changed(&self, event: WorkspaceChangedEvent) {
        self.emit("workspace_changed", event);
    }
    fn job_progress(&self, event: JobProgressEvent) {
        self.emit("job_progress", event);
    }
    fn job_finished(&self, event: JobFinishedEvent) {
        self.emit("job_finished", event);
    }
    fn import_progress(&self, event: ImportProgressEvent) {
        self.emit("import_progress", event);
    }
    fn import_finished(&self, event: ImportFinishedEvent) {
        self.emit("import_finished", event);
    }
    fn attach_progress(&self, event: AttachProgressEvent) {
        self.emit("attach_progress", event);
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
