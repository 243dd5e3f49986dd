//! Secrets: the [`Secret`] type and the [`SecretStore`] trait the vault keeps them behind.
//!
//! A [`Secret`] cannot leave the process by accident: it is neither `Serialize` nor
//! `Deserialize` (so no IPC response, export or profile file can hold one, the compiler
//! refuses), its `Debug` and `Display` print `***`, and its memory is wiped when it is dropped.

use std::fmt;

use zeroize::Zeroizing;

use crate::error::Result;
use crate::profile::ProfileId;

/// A password, API key, token or client secret.
///
/// Reading it takes an explicit [`Secret::expose`], meant for the one place that sends it to
/// the system it opens (a connector).
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    /// Wrap a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Zeroizing::new(value.into()))
    }

    /// The value itself, for the connector that must send it; never log or display it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty (an empty secret is refused by the vault).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

/// Where the vault keeps secrets: one entry per profile, keyed by the profile id.
///
/// The real implementation is [`crate::KeyringStore`] (the OS keyring). Implementations block
/// (the keyring talks to a system service); call them off the async runtime.
pub trait SecretStore: Send + Sync {
    /// Store `secret` for `id`, replacing any previous one.
    fn set(&self, id: &ProfileId, secret: &Secret) -> Result<()>;

    /// The secret stored for `id`, `None` when there is none.
    fn get(&self, id: &ProfileId) -> Result<Option<Secret>>;

    /// Delete the secret of `id`; `false` when there was none.
    fn delete(&self, id: &ProfileId) -> Result<bool>;
}

impl<T: SecretStore + ?Sized> SecretStore for std::sync::Arc<T> {
    fn set(&self, id: &ProfileId, secret: &Secret) -> Result<()> {
        (**self).set(id, secret)
    }

    fn get(&self, id: &ProfileId) -> Result<Option<Secret>> {
        (**self).get(id)
    }

    fn delete(&self, id: &ProfileId) -> Result<bool> {
        (**self).delete(id)
    }
}

/// A [`SecretStore`] in memory, for this crate's unit tests only: integration tests and every
/// binary use the real keyring.
#[cfg(test)]
#[derive(Default)]
pub(crate) struct MemorySecretStore {
    entries: std::sync::Mutex<std::collections::HashMap<String, Secret>>,
}

#[cfg(test)]
impl MemorySecretStore {
    pub(crate) fn len(&self) -> usize {
        self.entries.lock().expect("test lock").len()
    }
}

#[cfg(test)]
impl SecretStore for MemorySecretStore {
    fn set(&self, id: &ProfileId, secret: &Secret) -> Result<()> {
        let mut entries = self.entries.lock().expect("test lock");
        entries.insert(id.as_str().to_owned(), secret.clone());
        Ok(())
    }

    fn get(&self, id: &ProfileId) -> Result<Option<Secret>> {
        Ok(self
            .entries
            .lock()
            .expect("test lock")
            .get(id.as_str())
            .cloned())
    }

    fn delete(&self, id: &ProfileId) -> Result<bool> {
        Ok(self
            .entries
            .lock()
            .expect("test lock")
            .remove(id.as_str())
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_prints_as_stars_in_debug_and_display() {
        let secret = Secret::new("hunter2-marker");
        let printed = format!("{secret:?} {secret} {:?}", Some(&secret));
        assert!(
            !printed.contains("hunter2"),
            "the value never prints: {printed}"
        );
        assert_eq!(printed, "*** *** Some(***)", "every form prints the mask");
    }

    #[test]
    fn a_secret_is_read_only_through_expose() {
        let secret = Secret::from("s3cret");
        assert_eq!(secret.expose(), "s3cret", "expose gives the value back");
        assert!(!secret.is_empty(), "a non-empty secret");
        assert!(Secret::new("").is_empty(), "an empty secret says so");
    }
}
