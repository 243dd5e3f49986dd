//! Files kept through tauri-plugin-store, written atomically.
//!
//! The plugin keeps each file's entries in memory and loads them at start; its own `save`
//! rewrites the file in place, which a crash can leave half-written. Passerelle turns the
//! plugin's auto-save off and writes the entries itself: to a temporary file beside the real
//! one, flushed to disk, then renamed over it. After a crash the file holds the old entries or
//! the new ones, never a mix.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_store::{Store, StoreBuilder};

/// A store file in the app data directory.
pub struct StoreFile {
    store: Arc<Store<Wry>>,
    path: PathBuf,
}

impl StoreFile {
    /// Open (or create) `file` in the app data directory.
    pub fn open(app: &AppHandle, file: &str) -> anyhow::Result<Self> {
        let path = app.path().app_data_dir()?.join(file);
        let store = StoreBuilder::new(app, path.clone())
            .disable_auto_save()
            .build()?;
        Ok(StoreFile { store, path })
    }

    /// Where it is on disk.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<serde_json::Value> {
        self.store.get(key)
    }

    /// Set `key` to `value` and write the whole file atomically.
    pub fn put(&self, key: &str, value: serde_json::Value) -> std::io::Result<()> {
        self.store.set(key, value);
        let entries: serde_json::Map<String, serde_json::Value> =
            self.store.entries().into_iter().collect();
        let bytes = serde_json::to_vec_pretty(&entries)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, &self.path)
    }
}
