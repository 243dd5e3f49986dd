//! Preferences kept with tauri-plugin-store (`settings.json` in the app data directory).

use passerelle_ipc::{Settings, SettingsStore};
use tauri::AppHandle;

use crate::store_file::StoreFile;

const FILE: &str = "settings.json";
const KEY: &str = "preferences";

/// [`SettingsStore`] over the store plugin.
pub struct PluginStore(StoreFile);

impl PluginStore {
    /// Open (or create) the settings file.
    pub fn open(app: &AppHandle) -> anyhow::Result<Self> {
        Ok(PluginStore(StoreFile::open(app, FILE)?))
    }
}

impl SettingsStore for PluginStore {
    fn load(&self) -> Settings {
        match self.0.get(KEY).map(serde_json::from_value::<Settings>) {
            Some(Ok(settings)) => settings,
            Some(Err(e)) => {
                tracing::warn!(error = %e, "unreadable preferences, defaults used");
                Settings::default()
            }
            None => Settings::default(),
        }
    }

    fn save(&self, settings: &Settings) -> Result<(), String> {
        let value = serde_json::to_value(settings).map_err(|e| e.to_string())?;
        self.0.put(KEY, value).map_err(|e| {
            format!(
                "preferences could not be saved to {}: {e}; check the disk has space and the \
                 folder is writable",
                self.0.path().display()
            )
        })
    }
}
