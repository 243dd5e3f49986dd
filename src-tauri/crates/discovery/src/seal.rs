//! Encryption at rest for findings: one random 256-bit key per installation, kept in the OS
//! keyring, never on disk.
//!
//! [`SealKey::seal`] encrypts with XChaCha20-Poly1305 under a fresh random 192-bit nonce
//! (stored in front of the ciphertext), so equal plaintexts never give equal ciphertexts.
//! [`SealKey::tag`] is a keyed HMAC-SHA-256, for the store's de-duplication and checkpoint keys:
//! equal inputs give equal tags, and a tag says nothing about its input without the key.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use passerelle_vault::{ProfileId, Secret, SecretStore};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The keyring entry (under the vault's service) holding the findings key.
pub const KEY_ENTRY: &str = "discovery-findings-key";

const NONCE_LEN: usize = 24;

/// An exclusive lock on a file of the user's runtime folder (the temp folder without one),
/// held while the key is created; `None` when the file cannot be opened or locked, in which
/// case creation goes on unserialised, as it did before the lock existed.
fn creation_lock() -> Option<std::fs::File> {
    let dir = std::env::var_os("XDG_RUNTIME_DIR")
        .map(std::path::PathBuf::from)
        .filter(|d| d.is_dir())
        .unwrap_or_else(std::env::temp_dir);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("passerelle-findings-key.lock"))
        .ok()?;
    file.lock().ok()?;
    Some(file)
}

/// The key that encrypts personal data in the findings store (and the import journal and
/// plans); a clone is zeroed on drop as the original is.
#[derive(Clone)]
pub struct SealKey {
    key: Zeroizing<[u8; 32]>,
}

impl std::fmt::Debug for SealKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SealKey(…)")
    }
}

impl SealKey {
    /// The installation's key from the keyring, made and stored there on first use.
    ///
    /// Errors: [`Error::Keyring`] when the keyring cannot be read or written (findings are
    /// then not stored at all: there is no fallback to clear text), [`Error::KeyDamaged`]
    /// when the entry does not hold a key.
    pub fn load_or_create(secrets: &dyn SecretStore) -> Result<SealKey> {
        let id = ProfileId::from(KEY_ENTRY);
        if let Some(key) = SealKey::load(secrets, &id)? {
            return Ok(key);
        }
        // The first sealed write of this user: two processes (the app and the CLI, or two
        // windows) may get here at once and each store a key of its own, one of which would
        // then seal what it can never open again. A lock file serialises the creation; the
        // second process finds the first one's key once it holds the lock.
        let _creating = creation_lock();
        if let Some(key) = SealKey::load(secrets, &id)? {
            return Ok(key);
        }
        let key = SealKey::random();
        let encoded = Secret::new(BASE64.encode(key.key.as_slice()));
        secrets.set(&id, &encoded).map_err(Error::keyring)?;
        Ok(key)
    }

    fn load(secrets: &dyn SecretStore, id: &ProfileId) -> Result<Option<SealKey>> {
        let Some(secret) = secrets.get(id).map_err(Error::keyring)? else {
            return Ok(None);
        };
        let bytes = Zeroizing::new(
            BASE64
                .decode(secret.expose())
                .map_err(|_| Error::KeyDamaged)?,
        );
        let key: [u8; 32] = bytes.as_slice().try_into().map_err(|_| Error::KeyDamaged)?;
        Ok(Some(SealKey {
            key: Zeroizing::new(key),
        }))
    }

    /// A fresh random key (kept nowhere: for tests of the sealing itself).
    pub fn random() -> SealKey {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        SealKey {
            key: Zeroizing::new(key.into()),
        }
    }

    /// `plaintext` encrypted and authenticated: nonce, then ciphertext and tag.
    pub fn seal(&self, plaintext: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new(self.key.as_slice().into());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let mut out = nonce.to_vec();
        let sealed = cipher
            .encrypt(&nonce, plaintext)
            .expect("XChaCha20-Poly1305 encrypts any length a process can hold");
        out.extend_from_slice(&sealed);
        out
    }

    /// The plaintext of what [`SealKey::seal`] made with this key.
    ///
    /// Errors: [`Error::Unsealable`] for a value that was altered, truncated or sealed with
    /// another key.
    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return Err(Error::Unsealable);
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let cipher = XChaCha20Poly1305::new(self.key.as_slice().into());
        cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| Error::Unsealable)
    }

    /// A keyed digest of `parts` (each length-prefixed, so `["ab", "c"]` and `["a", "bc"]`
    /// differ).
    pub fn tag(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(self.key.as_slice())
            .expect("HMAC takes a key of any length");
        for part in parts {
            mac.update(&(part.len() as u64).to_le_bytes());
            mac.update(part);
        }
        mac.finalize().into_bytes().into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A keyring as slow as a D-Bus round trip, so that concurrent first uses overlap.
    #[derive(Default)]
    struct SlowKeyring(std::sync::Mutex<Option<String>>);

    impl SecretStore for SlowKeyring {
        fn set(&self, _: &ProfileId, secret: &Secret) -> passerelle_vault::Result<()> {
            std::thread::sleep(std::time::Duration::from_millis(30));
            *self.0.lock().expect("test lock") = Some(secret.expose().to_owned());
            Ok(())
        }
        fn get(&self, _: &ProfileId) -> passerelle_vault::Result<Option<Secret>> {
            std::thread::sleep(std::time::Duration::from_millis(30));
            Ok(self.0.lock().expect("test lock").clone().map(Secret::new))
        }
        fn delete(&self, _: &ProfileId) -> passerelle_vault::Result<bool> {
            Ok(self.0.lock().expect("test lock").take().is_some())
        }
    }

    #[test]
    fn first_uses_at_once_all_end_with_the_one_stored_key() {
        let keyring = std::sync::Arc::new(SlowKeyring::default());
        let tags: Vec<[u8; 32]> = std::thread::scope(|scope| {
            let runs: Vec<_> = (0..6)
                .map(|_| {
                    let keyring = keyring.clone();
                    scope.spawn(move || {
                        let key = SealKey::load_or_create(keyring.as_ref()).expect("a key");
                        key.tag(&[b"probe".as_slice()])
                    })
                })
                .collect();
            runs.into_iter()
                .map(|r| r.join().expect("no panic"))
                .collect()
        });
        let stored = SealKey::load_or_create(keyring.as_ref()).expect("the stored key");
        let expected = stored.tag(&[b"probe".as_slice()]);
        assert!(
            tags.iter().all(|t| *t == expected),
            "every process uses the stored key"
        );
    }

    #[test]
    fn what_is_sealed_opens_with_the_same_key_only() {
        let key = SealKey::random();
        let sealed = key.seal(b"elodie.dupont@example.fr");
        assert!(
            !sealed.windows(6).any(|w| w == b"elodie"),
            "no clear text in the sealed bytes"
        );
        assert_eq!(key.open(&sealed).unwrap(), b"elodie.dupont@example.fr");
        assert_ne!(
            key.seal(b"same"),
            key.seal(b"same"),
            "a fresh nonce every time"
        );

        let other = SealKey::random();
        assert!(matches!(other.open(&sealed), Err(Error::Unsealable)));
        let mut altered = sealed.clone();
        *altered.last_mut().unwrap() ^= 1;
        assert!(matches!(key.open(&altered), Err(Error::Unsealable)));
        assert!(matches!(key.open(&sealed[..10]), Err(Error::Unsealable)));
    }

    #[test]
    fn tags_are_stable_per_key_and_keep_parts_apart() {
        let key = SealKey::random();
        assert_eq!(key.tag(&[b"ab", b"c"]), key.tag(&[b"ab", b"c"]));
        assert_ne!(key.tag(&[b"ab", b"c"]), key.tag(&[b"a", b"bc"]));
        assert_ne!(key.tag(&[b"x"]), SealKey::random().tag(&[b"x"]));
    }
}
