//! [`SandboxState`]: the shared state behind every route.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::faults::FaultState;
use crate::options::{Faults, SandboxOptions};
use crate::persist::Persistence;
use crate::rate::RateLimiter;
use crate::seed;
use crate::store::Store;

/// The sandbox: its store, credentials, budgets and faults. Cheap to clone (one `Arc`); every
/// clone is the same sandbox.
#[derive(Clone, Debug)]
pub struct SandboxState {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The options it started with (faults change later; see `faults`).
    options: SandboxOptions,
    /// All data. Never held across an `.await`.
    store: Arc<RwLock<Store>>,
    /// The state file, written after changes.
    persistence: Arc<Persistence>,
    /// Issued access tokens and when each expires. Grows with issued tokens; expired ones are
    /// pruned on every issue.
    tokens: Mutex<HashMap<String, Instant>>,
    /// Request budgets per key.
    rate: RateLimiter,
    /// Injected faults and the generator behind the error rate.
    faults: Mutex<FaultState>,
    /// Where attachment files live; a temporary directory (removed on drop) without a state file.
    files: FilesDir,
}

#[derive(Debug)]
struct FilesDir {
    path: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

/// What an access token is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenCheck {
    /// Issued and not expired.
    Valid,
    /// Issued, but past its lifetime.
    Expired,
    /// Never issued here.
    Unknown,
}

impl SandboxState {
    /// Start a sandbox: load the state file when there is one, otherwise seed (and write the
    /// state file, if a path is given).
    pub fn new(options: SandboxOptions) -> Result<Self> {
        let files = match &options.state_file {
            Some(path) => {
                let dir = files_dir_for(path);
                std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
                    path: dir.clone(),
                    source,
                })?;
                FilesDir {
                    path: dir,
                    _temp: None,
                }
            }
            None => {
                let temp = tempfile::Builder::new()
                    .prefix("passerelle-sandbox-")
                    .tempdir()
                    .map_err(|source| Error::Io {
                        path: std::env::temp_dir(),
                        source,
                    })?;
                FilesDir {
                    path: temp.path().to_path_buf(),
                    _temp: Some(temp),
                }
            }
        };

        let persistence = Arc::new(Persistence::new(options.state_file.clone()));
        let loaded = match &options.state_file {
            Some(path) => Persistence::load(path)?,
            None => None,
        };
        let fresh = loaded.is_none();
        let store = loaded.unwrap_or_else(|| seed::seed(&options.seed));
        let store = Arc::new(RwLock::new(store));
        if fresh {
            persistence.flush(&store)?;
        }
        tracing::debug!(fresh, state_file = ?options.state_file, "sandbox state ready");

        let inner = Inner {
            rate: RateLimiter::new(options.rate_limits.clone()),
            faults: Mutex::new(FaultState::new(options.faults.clone())),
            tokens: Mutex::new(HashMap::new()),
            store,
            persistence,
            files,
            options,
        };
        Ok(Self {
            inner: Arc::new(inner),
        })
    }

    /// An in-memory sandbox with the default options.
    pub fn in_memory() -> Self {
        Self::new(SandboxOptions::default()).expect("an in-memory sandbox needs only a temp dir")
    }

    /// The options it started with.
    pub fn options(&self) -> &SandboxOptions {
        &self.inner.options
    }

    /// The `X-API-Key` value (the private key).
    pub fn api_key(&self) -> &str {
        &self.inner.options.private_key
    }

    /// What the sandbox believes the time is (the seed's `today`, or the system clock).
    pub fn now(&self) -> DateTime<Utc> {
        self.inner.options.seed.today.unwrap_or_else(Utc::now)
    }

    /// Read the store.
    pub fn read<R>(&self, f: impl FnOnce(&Store) -> R) -> R {
        f(&self.inner.store.read().expect("BUG: store lock poisoned"))
    }

    /// Change the store; the state file is rewritten shortly after.
    pub fn mutate<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let out = f(&mut self.inner.store.write().expect("BUG: store lock poisoned"));
        self.inner.persistence.changed(&self.inner.store);
        out
    }

    /// A copy of the whole store.
    pub fn snapshot(&self) -> Store {
        self.read(Store::clone)
    }

    /// Write the state file now (no-op in memory).
    pub fn flush(&self) -> Result<()> {
        self.inner.persistence.flush(&self.inner.store)
    }

    /// Throw everything away and seed again from the start options; attachment files go too.
    pub fn reset(&self) -> Result<()> {
        let fresh = seed::seed(&self.inner.options.seed);
        *self.inner.store.write().expect("BUG: store lock poisoned") = fresh;
        let dir = &self.inner.files.path;
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries.flatten() {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        self.flush()
    }

    /// The directory holding attachment files.
    pub fn files_dir(&self) -> &Path {
        &self.inner.files.path
    }

    /// Issue an access token valid for the configured lifetime.
    pub fn issue_token(&self) -> (String, Duration) {
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let lifetime = self.inner.options.token_lifetime;
        let now = Instant::now();
        let mut tokens = self.inner.tokens.lock().expect("BUG: token table poisoned");
        tokens.retain(|_, expires| *expires > now);
        tokens.insert(token.clone(), now + lifetime);
        (token, lifetime)
    }

    /// Whether `token` was issued here and is still valid.
    pub fn check_token(&self, token: &str) -> TokenCheck {
        let tokens = self.inner.tokens.lock().expect("BUG: token table poisoned");
        match tokens.get(token) {
            Some(expires) if *expires > Instant::now() => TokenCheck::Valid,
            Some(_) => TokenCheck::Expired,
            None => TokenCheck::Unknown,
        }
    }

    /// The request budgets.
    pub fn rate(&self) -> &RateLimiter {
        &self.inner.rate
    }

    /// The faults in force (counters show what is left).
    pub fn faults(&self) -> Faults {
        self.inner
            .faults
            .lock()
            .expect("BUG: faults poisoned")
            .faults
            .clone()
    }

    /// Replace the faults (and reseed the error-rate generator).
    pub fn set_faults(&self, faults: Faults) {
        *self.inner.faults.lock().expect("BUG: faults poisoned") = FaultState::new(faults);
    }

    /// Run `f` on the fault state.
    pub(crate) fn with_faults<R>(&self, f: impl FnOnce(&mut FaultState) -> R) -> R {
        f(&mut self.inner.faults.lock().expect("BUG: faults poisoned"))
    }
}

/// `state.json` → `state.files/` beside it.
fn files_dir_for(state_file: &Path) -> PathBuf {
    let stem = state_file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    let name = format!("{}.files", stem.unwrap_or_else(|| "sandbox".into()));
    state_file.with_file_name(name)
}
