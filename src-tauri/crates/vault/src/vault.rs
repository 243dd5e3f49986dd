//! [`Vault`]: profiles and their secrets, kept consistent.

use std::sync::Mutex;

use chrono::Utc;

use crate::error::{Error, Result};
use crate::profile::{Profile, ProfileDraft, ProfileId};
use crate::secret::{Secret, SecretStore};
use crate::settings::SecretNeed;
use crate::store::ProfileStore;
use crate::validate::validate;

/// Connection profiles and their secrets.
///
/// Profiles go to a [`ProfileStore`], secrets to a [`SecretStore`] (the OS keyring), and the
/// vault keeps the two in step: a secret is stored before the profile that records it, a
/// removed profile takes its keyring entry with it, and the built-in sandbox profile is always
/// listed and never changes.
///
/// Every method blocks (file and keyring); call them off the async runtime. Changes within one
/// process are serialised; two processes writing the same store are not coordinated (the last
/// save wins).
pub struct Vault {
    profiles: Box<dyn ProfileStore>,
    secrets: Box<dyn SecretStore>,
    /// Serialises load-modify-save sequences.
    write: Mutex<()>,
}

/// A profile with its secret, to open the connection. Deliberately neither `Serialize` nor
/// `Clone`: it lives only between [`Vault::open`] and the connector that uses it.
#[derive(Debug)]
pub struct OpenProfile {
    /// The profile.
    pub profile: Profile,
    secret: Option<Secret>,
}

impl OpenProfile {
    /// The secret, when one is stored.
    pub fn secret(&self) -> Option<&Secret> {
        self.secret.as_ref()
    }
}

impl Vault {
    /// A vault over these stores.
    pub fn new(profiles: impl ProfileStore + 'static, secrets: impl SecretStore + 'static) -> Self {
        Vault {
            profiles: Box::new(profiles),
            secrets: Box::new(secrets),
            write: Mutex::new(()),
        }
    }

    /// Every profile: the built-in sandbox first, then the others by name.
    pub fn list(&self) -> Result<Vec<Profile>> {
        let mut profiles = self.stored()?;
        profiles.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id.clone()));
        profiles.insert(0, Profile::builtin_sandbox());
        Ok(profiles)
    }

    /// The profile with this id.
    ///
    /// Errors: [`Error::NotFound`].
    pub fn get(&self, id: &ProfileId) -> Result<Profile> {
        if id.is_sandbox() {
            return Ok(Profile::builtin_sandbox());
        }
        self.stored()?
            .into_iter()
            .find(|p| &p.id == id)
            .ok_or_else(|| Error::NotFound(id.to_string()))
    }

    /// The profile whose id is `id_or_name`, or else the one named so (ignoring case).
    ///
    /// Errors: [`Error::NotFound`], [`Error::AmbiguousName`] when several share the name.
    pub fn find(&self, id_or_name: &str) -> Result<Profile> {
        let all = self.list()?;
        if let Some(p) = all.iter().find(|p| p.id.as_str() == id_or_name) {
            return Ok(p.clone());
        }
        let wanted = id_or_name.trim().to_lowercase();
        let named: Vec<&Profile> = all
            .iter()
            .filter(|p| p.name.to_lowercase() == wanted)
            .collect();
        match named.as_slice() {
            [] => Err(Error::NotFound(id_or_name.to_owned())),
            [one] => Ok((*one).clone()),
            many => Err(Error::AmbiguousName {
                name: id_or_name.to_owned(),
                count: many.len(),
                ids: many
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }

    /// Save a new profile, with its secret when one is given.
    ///
    /// Errors: [`Error::Invalid`] with every field problem; [`Error::NoSecretNeeded`] for a
    /// secret given to a kind that uses none; keyring and file errors (nothing is saved then).
    pub fn create(&self, draft: ProfileDraft, secret: Option<Secret>) -> Result<Profile> {
        check(&draft)?;
        let _write = self.lock();
        let mut profiles = self.stored()?;
        let now = Utc::now();
        let mut profile = Profile {
            id: ProfileId::random(),
            name: draft.name.trim().to_owned(),
            settings: draft.settings,
            secret_stored: false,
            builtin: false,
            created: now,
            updated: now,
        };

        if let Some(secret) = &secret {
            self.store_secret(&profile, secret)?;
            profile.secret_stored = true;
        }
        profiles.push(profile.clone());
        if let Err(e) = self.profiles.save(&profiles) {
            if profile.secret_stored {
                self.forget_secret(&profile.id);
            }
            return Err(e);
        }
        tracing::debug!(id = %profile.id, kind = profile.kind().as_str(), "profile created");
        Ok(profile)
    }

    /// Change a profile's name and settings; its kind cannot change. A secret stays stored
    /// unless the new settings use none, in which case its keyring entry is deleted.
    ///
    /// Errors: [`Error::Builtin`], [`Error::NotFound`], [`Error::KindChange`],
    /// [`Error::Invalid`], keyring and file errors.
    pub fn update(&self, id: &ProfileId, draft: ProfileDraft) -> Result<Profile> {
        refuse_builtin(id, "edited")?;
        check(&draft)?;
        let _write = self.lock();
        let mut profiles = self.stored()?;
        let profile = find_mut(&mut profiles, id)?;
        if profile.kind() != draft.settings.kind() {
            return Err(Error::KindChange {
                id: id.clone(),
                from: profile.kind(),
                to: draft.settings.kind(),
            });
        }

        profile.name = draft.name.trim().to_owned();
        profile.settings = draft.settings;
        profile.updated = Utc::now();
        if profile.settings.secret_need() == SecretNeed::None && profile.secret_stored {
            self.secrets.delete(id)?;
            profile.secret_stored = false;
        }
        let updated = profile.clone();
        self.profiles.save(&profiles)?;
        tracing::debug!(id = %id, "profile updated");
        Ok(updated)
    }

    /// Remove a profile and delete its keyring entry.
    ///
    /// Errors: [`Error::Builtin`], [`Error::NotFound`]; a keyring failure while the profile
    /// has a stored secret keeps the profile, so no secret is left behind unseen.
    pub fn remove(&self, id: &ProfileId) -> Result<()> {
        refuse_builtin(id, "removed")?;
        let _write = self.lock();
        let mut profiles = self.stored()?;
        let profile = find_mut(&mut profiles, id)?.clone();

        if profile.secret_stored {
            self.secrets.delete(id)?;
        } else if profile.settings.secret_need() != SecretNeed::None {
            // No secret is recorded: sweep for a stray entry, but never fail the removal on it.
            if let Err(e) = self.secrets.delete(id) {
                tracing::debug!(id = %id, err = %e, "no keyring sweep on remove");
            }
        }
        profiles.retain(|p| &p.id != id);
        self.profiles.save(&profiles)?;
        tracing::debug!(id = %id, "profile removed");
        Ok(())
    }

    /// Store or replace a profile's secret.
    ///
    /// Errors: [`Error::Builtin`], [`Error::NotFound`], [`Error::NoSecretNeeded`],
    /// [`Error::Invalid`] for an empty secret, keyring and file errors.
    pub fn set_secret(&self, id: &ProfileId, secret: Secret) -> Result<Profile> {
        refuse_builtin(id, "given a secret")?;
        let _write = self.lock();
        let mut profiles = self.stored()?;
        let profile = find_mut(&mut profiles, id)?;
        self.store_secret(profile, &secret)?;
        profile.secret_stored = true;
        profile.updated = Utc::now();
        let updated = profile.clone();
        self.profiles.save(&profiles)?;
        Ok(updated)
    }

    /// Delete a profile's secret (the profile stays, its status becomes missing or not set).
    ///
    /// Errors: [`Error::Builtin`], [`Error::NotFound`], keyring and file errors.
    pub fn delete_secret(&self, id: &ProfileId) -> Result<Profile> {
        refuse_builtin(id, "given a secret")?;
        let _write = self.lock();
        let mut profiles = self.stored()?;
        let profile = find_mut(&mut profiles, id)?;
        self.secrets.delete(id)?;
        profile.secret_stored = false;
        profile.updated = Utc::now();
        let updated = profile.clone();
        self.profiles.save(&profiles)?;
        Ok(updated)
    }

    /// The profile with its secret, to open the connection. This is the only way a secret
    /// leaves the keyring; its result cannot be serialised. The secret is `None` when none is
    /// recorded, or when the keyring lost it (its status then reads stored, and the
    /// connection test says the secret is missing).
    ///
    /// Errors: [`Error::NotFound`], keyring errors.
    pub fn open(&self, id: &ProfileId) -> Result<OpenProfile> {
        let profile = self.get(id)?;
        // The keyring is asked only when a secret was stored: a connection without one opens
        // even where no keyring is reachable.
        let needs = !profile.builtin && profile.settings.secret_need() != SecretNeed::None;
        let secret = if needs && profile.secret_stored {
            self.secrets.get(id)?
        } else {
            None
        };
        Ok(OpenProfile { profile, secret })
    }

    /// The stored profiles, without the built-in one.
    pub(crate) fn stored(&self) -> Result<Vec<Profile>> {
        let mut profiles = self.profiles.load()?;
        profiles.retain(|p| !p.id.is_sandbox() && !p.builtin);
        Ok(profiles)
    }

    /// Add profiles as they are (ids and timestamps already set), then save.
    pub(crate) fn append(&self, new: Vec<Profile>) -> Result<()> {
        let _write = self.lock();
        let mut profiles = self.stored()?;
        profiles.extend(new);
        self.profiles.save(&profiles)
    }

    fn store_secret(&self, profile: &Profile, secret: &Secret) -> Result<()> {
        if profile.settings.secret_need() == SecretNeed::None {
            return Err(Error::NoSecretNeeded {
                id: profile.id.clone(),
                kind: profile.kind(),
            });
        }
        if secret.is_empty() {
            return Err(Error::Invalid(vec![crate::FieldError::new(
                "secret",
                "is empty",
                "enter the password or key, or leave the secret out",
            )]));
        }
        self.secrets.set(&profile.id, secret)
    }

    /// Best-effort deletion after a failed save; the save's error is the one reported.
    fn forget_secret(&self, id: &ProfileId) {
        if let Err(e) = self.secrets.delete(id) {
            tracing::debug!(id = %id, err = %e, "secret left after a failed save");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ()> {
        // A panic while holding the lock leaves no half-written state (saves are atomic).
        self.write
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn check(draft: &ProfileDraft) -> Result<()> {
    let errors = validate(draft);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(errors))
    }
}

fn refuse_builtin(id: &ProfileId, action: &'static str) -> Result<()> {
    if id.is_sandbox() {
        Err(Error::Builtin { action })
    } else {
        Ok(())
    }
}

fn find_mut<'a>(profiles: &'a mut [Profile], id: &ProfileId) -> Result<&'a mut Profile> {
    profiles
        .iter_mut()
        .find(|p| &p.id == id)
        .ok_or_else(|| Error::NotFound(id.to_string()))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::profile::SecretStatus;
    use crate::secret::MemorySecretStore;
    use crate::settings::{PostgresSettings, Settings, SqliteSettings, SslMode};
    use crate::store::JsonFileStore;

    /// A vault over a temp file and shared in-memory secrets the test can inspect.
    struct Fixture {
        _dir: tempfile::TempDir,
        secrets: Arc<MemorySecretStore>,
        vault: Vault,
    }

    fn fixture() -> Fixture {
        let dir = tempfile::tempdir().expect("temp dir");
        let secrets = Arc::new(MemorySecretStore::default());
        let vault = Vault::new(
            JsonFileStore::new(dir.path().join("c.json")),
            secrets.clone(),
        );
        Fixture {
            _dir: dir,
            secrets,
            vault,
        }
    }

    fn postgres(name: &str) -> ProfileDraft {
        ProfileDraft::new(
            name,
            Settings::Postgres(PostgresSettings {
                host: "127.0.0.1".into(),
                port: 5432,
                database: "test".into(),
                user: "root".into(),
                ssl_mode: SslMode::Prefer,
                schemas: vec![],
            }),
        )
    }

    fn sqlite(name: &str) -> ProfileDraft {
        ProfileDraft::new(
            name,
            Settings::Sqlite(SqliteSettings {
                path: "/tmp/x.db".into(),
            }),
        )
    }

    #[test]
    fn the_builtin_sandbox_is_always_listed_first_and_cannot_be_removed_or_edited() {
        let f = fixture();
        let list = f.vault.list().expect("listed");
        assert_eq!(list.len(), 1, "only the sandbox in a new vault");
        assert!(list[0].builtin, "the sandbox is built in");
        let sandbox = ProfileId::sandbox();
        let err = f.vault.remove(&sandbox).expect_err("not removable");
        assert!(matches!(err, Error::Builtin { .. }), "{err}");
        let err = f
            .vault
            .update(&sandbox, sqlite("x"))
            .expect_err("not editable");
        assert!(matches!(err, Error::Builtin { .. }), "{err}");
        let err = f
            .vault
            .set_secret(&sandbox, "k".into())
            .expect_err("no secret");
        assert!(matches!(err, Error::Builtin { .. }), "{err}");
    }

    #[test]
    fn creating_with_a_secret_stores_it_outside_the_profile() {
        let f = fixture();
        let profile = f
            .vault
            .create(postgres("CRM"), Some("pw-marker".into()))
            .expect("created");
        assert_eq!(
            profile.secret_status(),
            SecretStatus::Stored,
            "the status says stored"
        );
        let open = f.vault.open(&profile.id).expect("opens");
        assert_eq!(
            open.secret().map(Secret::expose),
            Some("pw-marker"),
            "the secret comes back"
        );
        let json = serde_json::to_string(&f.vault.list().expect("listed")).expect("json");
        assert!(
            !json.contains("pw-marker"),
            "profiles never hold the secret: {json}"
        );
    }

    #[test]
    fn an_invalid_draft_stores_neither_profile_nor_secret() {
        let f = fixture();
        let mut draft = postgres("CRM");
        draft.name = "".into();
        let err = f
            .vault
            .create(draft, Some("pw".into()))
            .expect_err("invalid");
        assert_eq!(err.field_errors()[0].field, "name", "{err}");
        assert_eq!(f.vault.list().expect("listed").len(), 1, "nothing saved");
        assert_eq!(f.secrets.len(), 0, "no secret stored");
    }

    #[test]
    fn a_secret_for_a_kind_that_needs_none_is_refused() {
        let f = fixture();
        let err = f
            .vault
            .create(sqlite("local"), Some("x".into()))
            .expect_err("refused");
        assert!(matches!(err, Error::NoSecretNeeded { .. }), "{err}");
        assert_eq!(f.secrets.len(), 0, "nothing stored");
    }

    #[test]
    fn removing_a_profile_deletes_its_secret() {
        let f = fixture();
        let profile = f
            .vault
            .create(postgres("CRM"), Some("pw".into()))
            .expect("created");
        f.vault.remove(&profile.id).expect("removed");
        assert_eq!(f.secrets.len(), 0, "the keyring entry went with it");
        let err = f.vault.get(&profile.id).expect_err("gone");
        assert!(matches!(err, Error::NotFound(_)), "{err}");
    }

    #[test]
    fn a_secret_can_be_set_replaced_and_deleted_but_never_read_from_the_profile() {
        let f = fixture();
        let id = f.vault.create(postgres("CRM"), None).expect("created").id;
        assert_eq!(
            f.vault.get(&id).expect("get").secret_status(),
            SecretStatus::NotSet
        );
        f.vault.set_secret(&id, "one".into()).expect("set");
        f.vault.set_secret(&id, "two".into()).expect("replaced");
        assert_eq!(
            f.vault
                .open(&id)
                .expect("open")
                .secret()
                .map(Secret::expose),
            Some("two")
        );
        let profile = f.vault.delete_secret(&id).expect("deleted");
        assert_eq!(
            profile.secret_status(),
            SecretStatus::NotSet,
            "optional password unset"
        );
        assert!(
            f.vault.open(&id).expect("open").secret().is_none(),
            "no secret left"
        );
        let err = f
            .vault
            .set_secret(&id, "".into())
            .expect_err("empty refused");
        assert_eq!(err.field_errors()[0].field, "secret");
    }

    #[test]
    fn the_kind_of_a_profile_cannot_change() {
        let f = fixture();
        let id = f.vault.create(postgres("CRM"), None).expect("created").id;
        let err = f.vault.update(&id, sqlite("CRM")).expect_err("kind change");
        assert!(matches!(err, Error::KindChange { .. }), "{err}");
        let renamed = f.vault.update(&id, postgres("CRM prod")).expect("renamed");
        assert_eq!(renamed.name, "CRM prod");
    }

    /// A keyring that cannot be reached.
    struct NoKeyring;

    impl SecretStore for NoKeyring {
        fn set(&self, _: &ProfileId, _: &Secret) -> Result<()> {
            Err(unreachable_keyring())
        }
        fn get(&self, _: &ProfileId) -> Result<Option<Secret>> {
            Err(unreachable_keyring())
        }
        fn delete(&self, _: &ProfileId) -> Result<bool> {
            Err(unreachable_keyring())
        }
    }

    fn unreachable_keyring() -> Error {
        Error::Keyring {
            op: "answer",
            detail: "no bus".into(),
        }
    }

    #[test]
    fn connections_without_a_stored_secret_work_where_no_keyring_is_reachable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = Vault::new(JsonFileStore::new(dir.path().join("c.json")), NoKeyring);
        for draft in [sqlite("local"), postgres("trusted")] {
            let profile = vault.create(draft, None).expect("created without a secret");
            let open = vault
                .open(&profile.id)
                .expect("opens without asking the keyring");
            assert!(open.secret().is_none(), "no secret");
            vault
                .remove(&profile.id)
                .expect("removed without the keyring");
        }
        let err = vault
            .create(postgres("x"), Some("pw".into()))
            .expect_err("needs the keyring");
        assert_eq!(err.kind(), crate::ErrorKind::Keyring, "{err}");
    }

    #[test]
    fn profiles_are_found_by_id_or_unique_name() {
        let f = fixture();
        let a = f.vault.create(sqlite("Ventes"), None).expect("created");
        f.vault.create(sqlite("Stock"), None).expect("created");
        f.vault.create(sqlite("Stock"), None).expect("created");
        assert_eq!(f.vault.find(a.id.as_str()).expect("by id").id, a.id);
        assert_eq!(
            f.vault.find("ventes").expect("by name").id,
            a.id,
            "case is ignored"
        );
        let err = f.vault.find("Stock").expect_err("two of them");
        assert!(
            matches!(err, Error::AmbiguousName { count: 2, .. }),
            "{err}"
        );
        assert!(f.vault.find("sandbox").expect("the builtin").builtin);
    }
}
