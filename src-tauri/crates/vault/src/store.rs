//! Where profiles are kept: the [`ProfileStore`] trait and its JSON-file implementation.
//!
//! The desktop app implements the trait over tauri-plugin-store; the CLI and the tests use
//! [`JsonFileStore`]. Either way only metadata is stored: a [`crate::Profile`] holds no secret.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::profile::Profile;

/// Version of the profiles file format written by [`JsonFileStore`].
const FILE_VERSION: u32 = 1;

/// Loads and saves the whole list of profiles (the built-in sandbox is never stored).
///
/// Implementations block; call them off the async runtime. `save` must be atomic: after a
/// crash the store holds the old list or the new one, never a mix.
pub trait ProfileStore: Send + Sync {
    /// Every stored profile; empty when nothing was ever saved.
    fn load(&self) -> Result<Vec<Profile>>;

    /// Replace the stored list with `profiles`.
    fn save(&self, profiles: &[Profile]) -> Result<()>;
}

impl<T: ProfileStore + ?Sized> ProfileStore for std::sync::Arc<T> {
    fn load(&self) -> Result<Vec<Profile>> {
        (**self).load()
    }

    fn save(&self, profiles: &[Profile]) -> Result<()> {
        (**self).save(profiles)
    }
}

/// Profiles in one JSON file (`{"version": 1, "profiles": [...]}`), replaced atomically on
/// every save (written beside it, flushed, then renamed over it) and readable by its owner
/// only on Unix.
#[derive(Debug, Clone)]
pub struct JsonFileStore {
    path: PathBuf,
}

#[derive(Serialize, Deserialize)]
struct ProfilesFile {
    version: u32,
    profiles: Vec<Profile>,
}

impl JsonFileStore {
    /// A store in the file at `path`; the file and its folder are created on the first save.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        JsonFileStore { path: path.into() }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn io(&self, error: std::io::Error) -> Error {
        Error::Io {
            path: self.path.clone(),
            error,
        }
    }
}

impl ProfileStore for JsonFileStore {
    fn load(&self) -> Result<Vec<Profile>> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(self.io(e)),
        };
        let corrupt = |detail: String| Error::Corrupt {
            path: self.path.clone(),
            detail,
        };
        let file: ProfilesFile = serde_json::from_slice(&bytes).map_err(|e| {
            corrupt(format!(
                "{} at line {} column {}",
                e.classify_kind(),
                e.line(),
                e.column()
            ))
        })?;
        if file.version > FILE_VERSION {
            return Err(corrupt(format!(
                "it was written by a newer Passerelle (format {})",
                file.version
            )));
        }
        tracing::debug!(profiles = file.profiles.len(), "profiles file loaded");
        Ok(file.profiles)
    }

    fn save(&self, profiles: &[Profile]) -> Result<()> {
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&dir).map_err(|e| self.io(e))?;
        let file = ProfilesFile {
            version: FILE_VERSION,
            profiles: profiles.to_vec(),
        };
        let json = serde_json::to_vec_pretty(&file).expect("BUG: profiles always serialise");

        let mut temp = tempfile::Builder::new()
            .prefix(".connections")
            .tempfile_in(&dir)
            .map_err(|e| self.io(e))?;
        temp.write_all(&json).map_err(|e| self.io(e))?;
        temp.as_file().sync_all().map_err(|e| self.io(e))?;
        // NOTE: tempfile creates the file with mode 0600 on Unix, which the rename keeps.
        temp.persist(&self.path).map_err(|e| self.io(e.error))?;
        tracing::debug!(profiles = profiles.len(), "profiles file saved");
        Ok(())
    }
}

/// A serde_json error category in words.
trait ClassifyKind {
    fn classify_kind(&self) -> &'static str;
}

impl ClassifyKind for serde_json::Error {
    fn classify_kind(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Syntax => "not valid JSON",
            serde_json::error::Category::Eof => "the file ends too early",
            serde_json::error::Category::Data => "an entry has an unexpected shape",
            serde_json::error::Category::Io => "it could not be read",
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::profile::ProfileId;
    use crate::settings::{Settings, SqliteSettings};

    fn profile(name: &str) -> Profile {
        Profile {
            id: ProfileId::random(),
            name: name.into(),
            settings: Settings::Sqlite(SqliteSettings {
                path: "/data/x.db".into(),
            }),
            secret_stored: false,
            builtin: false,
            created: Utc::now(),
            updated: Utc::now(),
        }
    }

    #[test]
    fn a_missing_file_is_an_empty_list() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = JsonFileStore::new(dir.path().join("none.json"));
        assert!(store.load().expect("loads").is_empty(), "nothing saved yet");
    }

    #[test]
    fn saved_profiles_load_back_and_the_folder_is_created() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = JsonFileStore::new(dir.path().join("nested/conf/connections.json"));
        let profiles = vec![profile("a"), profile("b")];
        store.save(&profiles).expect("saved");
        assert_eq!(
            store.load().expect("loads"),
            profiles,
            "the same list comes back"
        );
        let names: Vec<_> = fs::read_dir(store.path().parent().expect("folder"))
            .expect("listable")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            names,
            ["connections.json"],
            "no temporary file is left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = JsonFileStore::new(dir.path().join("connections.json"));
        store.save(&[profile("a")]).expect("saved");
        let mode = fs::metadata(store.path())
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "owner read/write only, got {mode:o}");
    }

    #[test]
    fn a_corrupt_file_is_reported_with_its_position_and_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("connections.json");
        fs::write(&path, "{\"version\": 1, \"profiles\": [\n  {oops}\n]}").expect("written");
        let err = JsonFileStore::new(&path).load().expect_err("corrupt");
        let message = err.to_string();
        assert!(message.contains("not valid JSON at line 2"), "{message}");
        assert!(
            message.contains("never overwritten"),
            "says the file is safe: {message}"
        );
    }

    #[test]
    fn a_file_from_a_newer_version_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("connections.json");
        fs::write(&path, r#"{"version": 9, "profiles": []}"#).expect("written");
        let err = JsonFileStore::new(&path).load().expect_err("too new");
        assert!(err.to_string().contains("newer Passerelle"), "{err}");
    }
}
