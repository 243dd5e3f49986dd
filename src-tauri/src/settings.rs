//! Preferences kept with tauri-plugin-store (`settings.json` in the app data directory).

use std::sync::Arc;

use passerelle_ipc::{Settings, SettingsStore};
use tauri::{AppHandle, Wry};
use tauri_plugin_store::{Store, StoreExt};

const FILE: &str = "settings.json";
const KEY: &str = "preferences";

/// [`SettingsStore`] over the store plugin.
pub struct PluginStore(Arc<Store<Wry>>);

impl PluginStore {
    /// Open (or create) the settings file.
    pub fn open(app: &AppHandle) -> anyhow::Result<Self> {
        Ok(PluginStore(app.store(FILE)?))
    }
}

impl SettingsStore for PluginStore {
    fn load(&self) -> Settings {
        self.0
            .get(KEY)
            .and_then(|v| serde_json::from_value(v).ok())
            .unwrap_or_default()
    }

    fn save(&self, settings: &Settings) -> Result<(), String> {
        let value = serde_json::to_value(settings).map_err(|e| e.to_string())?;
        self.0.set(KEY, value);
        self.0
            .save()
            .map_err(|e| format!("settings could not be saved: {e}"))
    }
}
