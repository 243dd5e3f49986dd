//! The OS keyring as a [`SecretStore`]: Secret Service (GNOME Keyring, KWallet) on Linux,
//! Keychain on macOS, Credential Manager on Windows, through the `keyring` crate.
//!
//! One entry per profile: service `passerelle`, user the profile id. Every call runs on its own
//! thread and is abandoned after a timeout, because a locked keyring on a headless Linux can
//! wait forever for an unlock prompt that never appears; the caller gets
//! [`Error::KeyringTimeout`] instead of a frozen window.

use std::sync::mpsc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::profile::ProfileId;
use crate::secret::{Secret, SecretStore};

/// The keyring service name of every Passerelle entry.
pub const KEYRING_SERVICE: &str = "passerelle";

/// How long one keyring call may take before it is abandoned.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Secrets in the OS keyring.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
    timeout: Duration,
}

impl Default for KeyringStore {
    fn default() -> Self {
        KeyringStore::new()
    }
}

impl KeyringStore {
    /// The store under [`KEYRING_SERVICE`], waiting at most 10 s per call.
    pub fn new() -> Self {
        KeyringStore {
            service: KEYRING_SERVICE.to_owned(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The same store under another service name (to keep test entries apart).
    pub fn with_service(mut self, service: impl Into<String>) -> Self {
        self.service = service.into();
        self
    }

    /// The same store with another per-call timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Check that the keyring answers and keeps what it is given: store, read back and delete
    /// a throwaway entry.
    ///
    /// Errors: [`Error::Keyring`] or [`Error::KeyringTimeout`] when it cannot be used.
    pub fn probe(&self) -> Result<()> {
        let id = ProfileId::from(format!("probe-{}", uuid::Uuid::new_v4()));
        let value = Secret::new(uuid::Uuid::new_v4().to_string());
        self.set(&id, &value)?;
        let read = self.get(&id);
        let deleted = self.delete(&id);
        match read? {
            Some(back) if back == value => {}
            _ => {
                return Err(Error::Keyring {
                    op: "read back a secret",
                    detail: "it accepted a secret but did not return it (a store that keeps \
                             nothing)"
                        .to_owned(),
                })
            }
        }
        deleted.map(drop)
    }

    /// Run `call` on an entry, on a thread of its own, for at most the timeout.
    fn run<T: Send + 'static>(
        &self,
        op: &'static str,
        id: &ProfileId,
        call: impl FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
    ) -> Result<T> {
        let (service, user) = (self.service.clone(), id.as_str().to_owned());
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("keyring".into())
            .spawn(move || {
                let result = keyring::Entry::new(&service, &user).and_then(|e| call(&e));
                // The receiver is gone when the call timed out; nothing is left to tell.
                let _ = tx.send(result);
            })
            .map_err(|e| Error::Keyring {
                op,
                detail: format!("no thread could be started ({e})"),
            })?;

        match rx.recv_timeout(self.timeout) {
            Ok(result) => result.map_err(|e| keyring_error(op, e)),
            Err(_) => {
                tracing::debug!(op, id = %id, "keyring call timed out");
                Err(Error::KeyringTimeout {
                    op,
                    after: self.timeout,
                })
            }
        }
    }
}

impl SecretStore for KeyringStore {
    fn set(&self, id: &ProfileId, secret: &Secret) -> Result<()> {
        let secret = secret.clone();
        self.run("store the secret", id, move |entry| {
            entry.set_password(secret.expose())
        })?;
        tracing::debug!(id = %id, "secret stored in the keyring");
        Ok(())
    }

    fn get(&self, id: &ProfileId) -> Result<Option<Secret>> {
        self.run("read the secret", id, |entry| match entry.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(e),
        })
    }

    fn delete(&self, id: &ProfileId) -> Result<bool> {
        let deleted = self.run("delete the secret", id, |entry| {
            match entry.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring::Error::NoEntry) => Ok(false),
                Err(e) => Err(e),
            }
        })?;
        tracing::debug!(id = %id, deleted, "keyring entry deleted");
        Ok(deleted)
    }
}

/// Our error for a keyring failure. Only the platform failures' own text is kept: other
/// variants can hold stored bytes or credentials (`BadEncoding`, `Ambiguous`).
fn keyring_error(op: &'static str, e: keyring::Error) -> Error {
    let detail = match &e {
        keyring::Error::PlatformFailure(inner) => format!("platform failure: {inner}"),
        keyring::Error::NoStorageAccess(inner) => format!("no access to the store: {inner}"),
        keyring::Error::NoEntry => "no such entry".to_owned(),
        keyring::Error::BadEncoding(_) => "the stored value is not text".to_owned(),
        keyring::Error::TooLong(attribute, limit) => {
            format!("{attribute} is longer than the platform's limit of {limit}")
        }
        keyring::Error::Invalid(attribute, _) => format!("{attribute} is not acceptable"),
        keyring::Error::Ambiguous(items) => format!("{} entries match", items.len()),
        _ => "unexpected keyring failure".to_owned(),
    };
    Error::Keyring { op, detail }
}
