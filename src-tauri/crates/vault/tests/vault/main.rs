//! The vault against the real OS keyring (Secret Service on Linux), never a mock.
//!
//! Run under a session bus with an unlocked keyring, as `scripts/test.sh` does:
//! `dbus-run-session -- bash -c 'echo "" | gnome-keyring-daemon --unlock
//! --components=secrets >/dev/null; cargo nextest run -p passerelle-vault'`.
//! Without a reachable keyring these tests skip with a message, or fail when
//! `PASSERELLE_REQUIRE_SERVICES=1`.

use std::path::Path;
use std::time::Duration;

use passerelle_vault::settings::{PostgresSettings, RestAuth, RestSettings, SslMode};
use passerelle_vault::{
    Error, ErrorKind, JsonFileStore, KeyringStore, ProfileDraft, ProfileId, SecretStatus, Settings,
    Vault, KEYRING_SERVICE,
};

/// The real keyring, or `None` (after saying why) when it cannot be reached and the services
/// are not required.
fn keyring() -> Option<KeyringStore> {
    let required = std::env::var("PASSERELLE_REQUIRE_SERVICES").is_ok_and(|v| v == "1");
    let unavailable = |reason: String| {
        assert!(
            !required,
            "PASSERELLE_REQUIRE_SERVICES=1 but the OS keyring is unusable: {reason}; run the \
             tests under dbus-run-session with gnome-keyring unlocked (see scripts/test.sh)"
        );
        eprintln!("SKIPPED: no usable OS keyring ({reason})");
        None
    };
    // NOTE: without a session bus, libdbus may autolaunch one and hang on a locked keyring.
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return unavailable("DBUS_SESSION_BUS_ADDRESS is not set".into());
    }
    let store = KeyringStore::new().with_timeout(Duration::from_secs(5));
    match store.probe() {
        Ok(()) => Some(store),
        Err(e) => unavailable(e.to_string()),
    }
}

/// What the keyring holds for `id`, read with the keyring crate itself, under the service and
/// user name the vault promises.
fn keyring_entry(id: &ProfileId) -> Option<String> {
    let entry = keyring::Entry::new(KEYRING_SERVICE, id.as_str()).expect("a keyring entry");
    match entry.get_password() {
        Ok(value) => Some(value),
        Err(keyring::Error::NoEntry) => None,
        Err(e) => panic!("the keyring could not be read: {e}"),
    }
}

fn marker() -> String {
    format!("marker-{}", uuid::Uuid::new_v4().simple())
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

fn vault_in(dir: &Path, keyring: &KeyringStore) -> Vault {
    Vault::new(
        JsonFileStore::new(dir.join("connections.json")),
        keyring.clone(),
    )
}

#[test]
fn a_secret_is_stored_in_the_os_keyring_under_the_profile_id_and_nowhere_else() {
    let Some(keyring) = keyring() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = vault_in(dir.path(), &keyring);
    let secret = marker();

    let profile = vault
        .create(postgres("CRM"), Some(secret.clone().into()))
        .expect("created");
    assert_eq!(
        keyring_entry(&profile.id).as_deref(),
        Some(secret.as_str()),
        "service {KEYRING_SERVICE:?}, user = profile id"
    );
    let file = std::fs::read_to_string(dir.path().join("connections.json")).expect("file");
    assert!(
        !file.contains(&secret),
        "the profiles file holds no secret: {file}"
    );
    assert!(
        file.contains("\"secretStored\": true"),
        "only that one is stored: {file}"
    );

    vault.remove(&profile.id).expect("removed");
}

#[test]
fn removing_a_profile_deletes_its_keyring_entry() {
    let Some(keyring) = keyring() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = vault_in(dir.path(), &keyring);
    let profile = vault
        .create(postgres("CRM"), Some(marker().into()))
        .expect("created");
    assert!(keyring_entry(&profile.id).is_some(), "stored first");

    vault.remove(&profile.id).expect("removed");
    assert_eq!(
        keyring_entry(&profile.id),
        None,
        "the entry went with the profile"
    );
}

#[test]
fn a_secret_survives_reopening_the_vault() {
    let Some(keyring) = keyring() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let secret = marker();
    let id = vault_in(dir.path(), &keyring)
        .create(postgres("CRM"), Some(secret.clone().into()))
        .expect("created")
        .id;

    let reopened = vault_in(dir.path(), &KeyringStore::new());
    let open = reopened.open(&id).expect("opens after a restart");
    assert_eq!(
        open.secret().map(|s| s.expose()),
        Some(secret.as_str()),
        "read from the keyring"
    );
    assert_eq!(open.profile.secret_status(), SecretStatus::Stored);
    reopened.remove(&id).expect("removed");
}

#[test]
fn a_secret_can_be_replaced_and_deleted_in_the_keyring() {
    let Some(keyring) = keyring() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = vault_in(dir.path(), &keyring);
    let rest = Settings::RestApi(RestSettings {
        base_url: "https://api.example.com".into(),
        auth: RestAuth::Bearer,
        headers: Default::default(),
        probe: Default::default(),
    });
    let id = vault
        .create(ProfileDraft::new("API", rest), None)
        .expect("created")
        .id;
    assert_eq!(
        vault.get(&id).expect("get").secret_status(),
        SecretStatus::Missing
    );

    let (first, second) = (marker(), marker());
    vault.set_secret(&id, first.into()).expect("set");
    vault
        .set_secret(&id, second.clone().into())
        .expect("replaced");
    assert_eq!(
        keyring_entry(&id),
        Some(second),
        "the replacement is in the keyring"
    );

    let profile = vault.delete_secret(&id).expect("deleted");
    assert_eq!(keyring_entry(&id), None, "nothing left in the keyring");
    assert_eq!(
        profile.secret_status(),
        SecretStatus::Missing,
        "the token is missing again"
    );
    vault.remove(&id).expect("removed");
}

#[test]
fn an_imported_profile_has_no_keyring_entry_even_when_its_source_had_one() {
    let Some(keyring) = keyring() else { return };
    let dir = tempfile::tempdir().expect("temp dir");
    let source = vault_in(dir.path(), &keyring);
    let original = source
        .create(postgres("CRM"), Some(marker().into()))
        .expect("created");
    let export = source.export(None).expect("exported");

    let other = tempfile::tempdir().expect("temp dir");
    let target = vault_in(other.path(), &keyring);
    let report = target.import(&export).expect("imported");
    let imported = &report.imported[0];
    assert_eq!(
        imported.secret_status,
        SecretStatus::NotSet,
        "no password after import"
    );
    assert_eq!(keyring_entry(&imported.id), None, "the new id has no entry");
    assert!(
        keyring_entry(&original.id).is_some(),
        "the source's secret is untouched"
    );

    target.remove(&imported.id).expect("removed");
    assert!(
        keyring_entry(&original.id).is_some(),
        "still untouched after the removal"
    );
    source.remove(&original.id).expect("removed");
}

#[test]
fn an_unreachable_keyring_is_reported_with_what_to_start_and_nothing_is_saved() {
    // A bus address that leads nowhere: the keyring fails at once, wherever the test runs.
    // NOTE: nextest runs each test in its own process, so the variable touches no other test.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/passerelle-bus",
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let vault = vault_in(
        dir.path(),
        &KeyringStore::new().with_timeout(Duration::from_secs(5)),
    );

    let secret = marker();
    let err = vault
        .create(postgres("CRM"), Some(secret.clone().into()))
        .expect_err("no keyring");
    assert_eq!(err.kind(), ErrorKind::Keyring, "{err}");
    let message = err.to_string();
    assert!(
        message.contains("Secret Service"),
        "says what must run: {message}"
    );
    assert!(!message.contains(&secret), "never the secret: {message}");
    assert!(
        matches!(err, Error::Keyring { .. } | Error::KeyringTimeout { .. }),
        "{err:?}"
    );
    assert_eq!(
        vault.list().expect("listed").len(),
        1,
        "no profile was saved without its secret"
    );
}
