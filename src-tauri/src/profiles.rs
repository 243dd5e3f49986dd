//! Connection profiles kept with tauri-plugin-store (`connections.json` in the app data
//! directory): names, kinds and settings only. Secrets are in the OS keyring, never here.

use passerelle_vault::{Error, Profile, ProfileStore};
use tauri::AppHandle;

use crate::store_file::StoreFile;

const FILE: &str = "connections.json";
const KEY: &str = "profiles";

/// [`ProfileStore`] over the store plugin.
pub struct PluginProfiles(StoreFile);

impl PluginProfiles {
    /// Open (or create) the profiles file.
    pub fn open(app: &AppHandle) -> anyhow::Result<Self> {
        Ok(PluginProfiles(StoreFile::open(app, FILE)?))
    }
}

impl ProfileStore for PluginProfiles {
    fn load(&self) -> passerelle_vault::Result<Vec<Profile>> {
        match self.0.get(KEY) {
            None => Ok(Vec::new()),
            Some(value) => serde_json::from_value(value).map_err(|e| Error::Corrupt {
                path: self.0.path().to_path_buf(),
                detail: e.to_string(),
            }),
        }
    }

    fn save(&self, profiles: &[Profile]) -> passerelle_vault::Result<()> {
        let value = serde_json::to_value(profiles).map_err(|e| Error::Corrupt {
            path: self.0.path().to_path_buf(),
            detail: e.to_string(),
        })?;
        self.0.put(KEY, value).map_err(|error| Error::Io {
            path: self.0.path().to_path_buf(),
            error,
        })
    }
}
