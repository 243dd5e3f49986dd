//! Keeping the store in a JSON file: loaded on start, rewritten after changes.
//!
//! Writes go to a temporary file beside the state file, which is then renamed over it, so the
//! file on disk is always a complete state. Changes are batched: the first change after a write
//! schedules the next write [`DEBOUNCE`] later, and [`Persistence::flush`] writes at once.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::store::Store;

/// Delay between the first unsaved change and its write.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// The state file of one sandbox, if it has one.
#[derive(Debug)]
pub struct Persistence {
    /// The state file; `None` for an in-memory sandbox.
    path: Option<PathBuf>,
    /// A write is scheduled and has not started yet.
    scheduled: AtomicBool,
    /// Serialises writers, so two writes never interleave on the temporary file.
    writing: Mutex<()>,
}

impl Persistence {
    /// Persistence to `path`, or none.
    pub fn new(path: Option<PathBuf>) -> Self {
        Self {
            path,
            scheduled: AtomicBool::new(false),
            writing: Mutex::new(()),
        }
    }

    /// Read a store from `path`, or `None` when the file does not exist.
    pub fn load(path: &Path) -> Result<Option<Store>> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    path: path.into(),
                    source,
                })
            }
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|source| Error::StateFile {
                path: path.into(),
                source,
            })
    }

    /// Note a change: schedule a write unless one is already pending. Outside a Tokio runtime
    /// the write happens at once.
    pub fn changed(self: &Arc<Self>, store: &Arc<RwLock<Store>>) {
        if self.path.is_none() || self.scheduled.swap(true, Ordering::AcqRel) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            self.scheduled.store(false, Ordering::Release);
            if let Err(e) = self.write(store) {
                tracing::debug!(?e, "sandbox state write failed");
            }
            return;
        };
        let this = Arc::clone(self);
        let store = Arc::clone(store);
        runtime.spawn(async move {
            tokio::time::sleep(DEBOUNCE).await;
            this.scheduled.store(false, Ordering::Release);
            let outcome = tokio::task::spawn_blocking(move || this.write(&store)).await;
            if let Ok(Err(e)) = outcome {
                tracing::debug!(?e, "sandbox state write failed");
            }
        });
    }

    /// Write the store now (no-op without a state file).
    pub fn flush(&self, store: &RwLock<Store>) -> Result<()> {
        self.write(store)
    }

    fn write(&self, store: &RwLock<Store>) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let _guard = self.writing.lock().expect("BUG: state writer poisoned");
        let bytes = {
            let store = store.read().expect("BUG: store lock poisoned");
            serde_json::to_vec(&*store).expect("BUG: the store is always serialisable")
        };
        write_atomically(path, &bytes)?;
        tracing::trace!(path = %path.display(), bytes = bytes.len(), "sandbox state written");
        Ok(())
    }
}

/// Replace `path` with `bytes` through a temporary file and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;

    let io = |source| Error::Io {
        path: path.into(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(".tmp");
    let tmp = PathBuf::from(tmp_name);
    let mut file = std::fs::File::create(&tmp).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_atomic_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomically(&path, b"{}").unwrap();
        write_atomically(&path, b"{\"a\":1}").unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"{\"a\":1}",
            "the last write wins"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the state file remains");
    }

    #[test]
    fn a_missing_state_file_loads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = Persistence::load(&dir.path().join("none.json")).unwrap();
        assert!(loaded.is_none(), "no file, no store");
    }
}
