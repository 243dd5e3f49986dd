//! What the commands that work on a job or a request share: Passerelle's data folder, the
//! findings store (key in the OS keyring), the profiles vault, and a client for a Dastra
//! workspace connection — the built-in sandbox running in this process, its state in the data
//! folder, unless another connection is named.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use passerelle_dastra::{Auth, ClientOptions, DastraClient};
use passerelle_discovery::{FindingsStore, SealKey};
use passerelle_sandbox::RunningSandbox;
use passerelle_vault::{JsonFileStore, KeyringStore, Settings, Vault};

/// The data folder (`--data`, else `<data dir>/passerelle`), made if needed.
pub fn data_folder(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    let data = match given {
        Some(dir) => dir.to_path_buf(),
        None => dirs::data_dir()
            .context("no data folder is known for this user: use --data DIR")?
            .join("passerelle"),
    };
    std::fs::create_dir_all(&data)
        .with_context(|| format!("the data folder {} cannot be made", data.display()))?;
    Ok(data)
}

/// The vault over the profiles file (`--profiles`, else the default one).
pub fn vault(profiles: Option<PathBuf>) -> anyhow::Result<Vault> {
    let profiles = crate::connections::profiles_path(profiles)?;
    Ok(Vault::new(
        JsonFileStore::new(&profiles),
        KeyringStore::new(),
    ))
}

/// The findings store in `data`, sealed with the key from the OS keyring.
pub async fn findings_store(data: &Path) -> anyhow::Result<FindingsStore> {
    let key = seal_key().await?;
    Ok(FindingsStore::open(&data.join("passerelle.db"), key).await?)
}

/// The key sealing personal data at rest (findings, import journals), from the OS keyring.
pub async fn seal_key() -> anyhow::Result<SealKey> {
    let key = tokio::task::spawn_blocking(|| SealKey::load_or_create(&KeyringStore::new()))
        .await
        .expect("the keyring call does not panic")?;
    Ok(key)
}

/// A client for the workspace connection `name`; for the built-in sandbox, the sandbox runs in
/// this process for as long as the returned guard lives (dropping it saves its state).
pub async fn workspace_client(
    name: &str,
    vault: &Vault,
    data: &Path,
) -> anyhow::Result<(DastraClient, Option<RunningSandbox>)> {
    let profile = vault.find(name)?;
    if profile.builtin {
        let options = passerelle_sandbox::SandboxOptions {
            state_file: Some(data.join("sandbox").join("workspace.json")),
            ..Default::default()
        };
        let sandbox = passerelle_sandbox::start(options, 0)
            .await
            .context("the sandbox workspace could not start")?;
        let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
            .workspace(i64::from(passerelle_sandbox::MAIN_WORKSPACE))
            .build()?;
        return Ok((client, Some(sandbox)));
    }
    let open = vault.open(&profile.id)?;
    let (Settings::DastraWorkspace(settings), Some(secret)) =
        (&open.profile.settings, open.secret())
    else {
        bail!(
            "{} is not a Dastra workspace connection with its key: choose one with --workspace",
            profile.name
        );
    };
    let client = passerelle_connectors::dastra::session_client(settings, secret)
        .map_err(|f| anyhow::anyhow!(f.message))?;
    Ok((client, None))
}

/// Append an entry to the audit log in `data` (who: the OS user). A log that cannot be
/// written is said on standard error; the action it reports has happened all the same.
pub async fn audit(
    data: &Path,
    action: passerelle_audit::AuditAction,
    build: impl FnOnce(passerelle_audit::AuditEvent) -> passerelle_audit::AuditEvent,
) {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "passerelle-cli".into());
    let actor = passerelle_audit::Actor::new(user)
        .or_else(|_| passerelle_audit::Actor::new("passerelle-cli"))
        .expect("a plain word is a valid actor");
    let written = match passerelle_audit::AuditLog::open(&data.join("passerelle.db")).await {
        Ok(log) => log
            .append(&build(passerelle_audit::AuditEvent::new(actor, action)))
            .await
            .map(drop),
        Err(e) => Err(e),
    };
    if let Err(e) = written {
        eprintln!("warning: the audit log could not be written: {e}");
    }
}

/// `event` with the job's id, when it is a valid audit id.
pub fn with_job(event: passerelle_audit::AuditEvent, job: &str) -> passerelle_audit::AuditEvent {
    match passerelle_audit::Id::job(job) {
        Ok(id) => event.job(id),
        Err(_) => event,
    }
}
