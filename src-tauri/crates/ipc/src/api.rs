//! [`Api`]: the body of every command, in plain async Rust.
//!
//! The shell holds one `Api` and calls the method named like the command; tests do the same
//! against the real sandbox. An `Api` has a current workspace (a [`WorkspaceTarget`]) and the
//! person's settings, kept through a [`SettingsStore`] the host provides.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use chrono::Utc;
use passerelle_dastra::models::{ActorDto, AssetDto, ContractDto, DataSubjectRequestDto};
use passerelle_dastra::Resource;
use passerelle_dastra::{Auth, ClientOptions, DastraClient, ListQuery};
use passerelle_vault::settings::DastraSettings;
use serde::{Deserialize, Serialize};

use crate::connections::LastTest;
use crate::convert;
use crate::dto::*;
use crate::error::{ErrorCode, IpcError};

/// Days findings are kept when the person has not said otherwise.
pub const DEFAULT_RETENTION_DAYS: u32 = 30;

/// The person's preferences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// UI language preference.
    pub language: LanguagePreference,
    /// Days a discovery job's findings are kept ([`DEFAULT_RETENTION_DAYS`] when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u32>,
    /// The connection id of the Dastra workspace chosen last (the sandbox when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_connection: Option<String>,
    /// The last test of each saved connection, by connection id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub last_tests: BTreeMap<String, LastTest>,
}

/// Where settings are kept: tauri-plugin-store in the app, a temp file in tests.
pub trait SettingsStore: Send + Sync {
    /// The saved settings, or the defaults.
    fn load(&self) -> Settings;
    /// Save; the error says why it failed, in words.
    fn save(&self, settings: &Settings) -> Result<(), String>;
}

/// A Dastra workspace to talk to, and the client that reaches it.
#[derive(Clone)]
pub struct WorkspaceTarget {
    /// What the UI shows about it.
    pub info: WorkspaceInfo,
    /// The client, authenticated for it.
    pub client: DastraClient,
    /// Keeps the embedded sandbox server running while the target lives.
    sandbox: Option<Arc<passerelle_sandbox::RunningSandbox>>,
}

impl WorkspaceTarget {
    /// Start the built-in sandbox on a free loopback port, its state kept in `state_file` (seeded
    /// on first start), and connect to its first workspace.
    pub async fn embedded_sandbox(state_file: &Path) -> Result<WorkspaceTarget, IpcError> {
        let options = passerelle_sandbox::SandboxOptions {
            state_file: Some(state_file.to_path_buf()),
            ..Default::default()
        };
        let sandbox = passerelle_sandbox::start(options, 0).await.map_err(|e| {
            let msg = format!("the sandbox workspace could not start: {e}");
            IpcError::new(ErrorCode::Internal, msg)
        })?;
        let workspace_id = i64::from(passerelle_sandbox::MAIN_WORKSPACE);
        let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
            .workspace(workspace_id)
            .build()?;
        let label = client
            .workspaces()
            .await?
            .into_iter()
            .find(|w| w.id == Some(passerelle_sandbox::MAIN_WORKSPACE))
            .map(|w| w.label)
            .unwrap_or_else(|| "Sandbox".into());
        let info = WorkspaceInfo {
            label,
            workspace_id,
            base_url: sandbox.url(),
            is_sandbox: true,
            connection_id: passerelle_vault::SANDBOX_PROFILE_ID.into(),
        };
        Ok(WorkspaceTarget {
            info,
            client,
            sandbox: Some(Arc::new(sandbox)),
        })
    }

    /// Connect to the Dastra workspace of connection `connection_id`, checking that the key
    /// opens it (which also gives its name).
    pub async fn dastra(
        connection_id: &str,
        settings: &DastraSettings,
        secret: &passerelle_vault::Secret,
    ) -> Result<WorkspaceTarget, IpcError> {
        let client = passerelle_connectors::dastra::session_client(settings, secret)
            .map_err(|f| IpcError::new(ErrorCode::Invalid, f.message))?;
        let workspaces = client.workspaces().await?;
        let Some(workspace) = workspaces
            .into_iter()
            .find(|w| w.id.map(i64::from) == Some(settings.workspace_id))
        else {
            let msg = format!(
                "the key of this connection cannot open workspace #{}: test the connection and \
                 pick one of the workspaces it lists",
                settings.workspace_id
            );
            return Err(IpcError::new(ErrorCode::NotFound, msg));
        };
        let info = WorkspaceInfo {
            label: workspace.label,
            workspace_id: settings.workspace_id,
            base_url: client.base_url().to_owned(),
            is_sandbox: false,
            connection_id: connection_id.to_owned(),
        };
        Ok(WorkspaceTarget {
            info,
            client,
            sandbox: None,
        })
    }

    /// Where the embedded sandbox listens and its key, for testing the built-in connection.
    pub fn sandbox_endpoint(&self) -> Option<passerelle_connectors::SandboxEndpoint> {
        self.sandbox
            .as_ref()
            .map(|s| passerelle_connectors::SandboxEndpoint {
                url: s.url(),
                api_key: passerelle_vault::Secret::new(s.api_key()),
            })
    }
}

/// Where the `Api` sends events for the window: Tauri events in the app, a recorder in tests.
pub trait EventSink: Send + Sync {
    /// The current workspace changed: every screen reloads.
    fn workspace_changed(&self, event: WorkspaceChangedEvent);
    /// A source of a discovery job moved on.
    fn job_progress(&self, event: crate::discovery::JobProgressEvent);
    /// A discovery job stopped.
    fn job_finished(&self, event: crate::discovery::JobFinishedEvent);
    /// An import's apply or undo moved on.
    fn import_progress(&self, _event: crate::imports::ImportProgressEvent) {}
    /// An import's apply or undo stopped.
    fn import_finished(&self, _event: crate::imports::ImportFinishedEvent) {}
    /// More of a package was sent to Dastra (nothing by default: a host without a window).
    fn attach_progress(&self, _event: crate::evidence::AttachProgressEvent) {}
}

/// What an [`Api`] is made of.
pub struct ApiParts {
    /// The embedded sandbox workspace, current until another is chosen.
    pub sandbox: WorkspaceTarget,
    /// Where preferences are kept.
    pub settings: Arc<dyn SettingsStore>,
    /// Connection profiles and their secrets.
    pub vault: Arc<passerelle_vault::Vault>,
    /// Where events go.
    pub events: Arc<dyn EventSink>,
    /// The operating system's language.
    pub system_language: Language,
    /// Where discovery jobs and findings are kept; `None` when the keyring, which holds their
    /// key, cannot be used (discovery then says so).
    pub findings: Option<passerelle_discovery::FindingsStore>,
    /// The audit log; `None` when it could not be opened (the Audit screen says so).
    pub audit: Option<passerelle_audit::AuditLog>,
    /// Where evidence packages are written.
    pub packages: Option<std::path::PathBuf>,
    /// Where import plans and their choices are kept (`imports/` in the app data folder);
    /// `None` and the import commands say they cannot keep plans.
    pub imports: Option<std::path::PathBuf>,
    /// The key sealing the import plans and the journal of their writes; `None` when the
    /// keyring, which holds the key, cannot be used (the import commands then say so).
    pub import_seal: Option<crate::ImportSeal>,
    /// Where mapping profiles are saved, one folder per profile.
    pub mapping_profiles: Option<std::path::PathBuf>,
    /// Where exports (the audit log's) are written: the person's Downloads folder.
    pub exports: Option<std::path::PathBuf>,
}

/// What a session has open: the current workspace.
pub struct Session {
    target: WorkspaceTarget,
}

/// Every command's implementation.
pub struct Api {
    session: RwLock<Session>,
    settings: Mutex<Settings>,
    store: Arc<dyn SettingsStore>,
    system_language: Language,
    pub(crate) vault: Arc<passerelle_vault::Vault>,
    pub(crate) sandbox: WorkspaceTarget,
    pub(crate) events: Arc<dyn EventSink>,
    /// Serialises workspace switches.
    pub(crate) switching: tokio::sync::Mutex<()>,
    /// Discovery jobs and findings.
    pub(crate) findings: Option<passerelle_discovery::FindingsStore>,
    /// The discovery jobs running in this app.
    pub(crate) jobs: crate::discovery::RunningJobs,
    /// The audit log.
    pub(crate) audit: Option<passerelle_audit::AuditLog>,
    /// Where evidence packages are written.
    pub(crate) packages: Option<std::path::PathBuf>,
    /// Import plans open and runs going on.
    pub(crate) imports: crate::imports_run::Imports,
    /// Where mapping profiles are saved.
    pub(crate) mapping_profiles: Option<std::path::PathBuf>,
    /// Where exports are written.
    pub(crate) exports: Option<std::path::PathBuf>,
}

impl Api {
    /// An API on the sandbox workspace; [`Api::restore_workspace`] then opens the one chosen
    /// last time.
    pub fn new(parts: ApiParts) -> Self {
        let settings = parts.settings.load();
        Api {
            session: RwLock::new(Session {
                target: parts.sandbox.clone(),
            }),
            settings: Mutex::new(settings),
            store: parts.settings,
            system_language: parts.system_language,
            vault: parts.vault,
            sandbox: parts.sandbox,
            events: parts.events,
            switching: tokio::sync::Mutex::new(()),
            findings: parts.findings,
            jobs: Default::default(),
            audit: parts.audit,
            packages: parts.packages,
            imports: crate::imports_run::Imports::new(parts.imports, parts.import_seal),
            mapping_profiles: parts.mapping_profiles,
            exports: parts.exports,
        }
    }

    pub(crate) fn set_target(&self, target: WorkspaceTarget) {
        self.session
            .write()
            .expect("BUG: session lock poisoned")
            .target = target;
    }

    pub(crate) fn current_connection(&self) -> String {
        self.session
            .read()
            .expect("BUG: session lock poisoned")
            .target
            .info
            .connection_id
            .clone()
    }

    pub(crate) fn settings_snapshot(&self) -> Settings {
        self.settings
            .lock()
            .expect("BUG: settings lock poisoned")
            .clone()
    }

    /// Change the preferences and save them.
    pub(crate) fn update_settings(
        &self,
        change: impl FnOnce(&mut Settings),
    ) -> Result<(), IpcError> {
        let updated = {
            let mut settings = self.settings.lock().expect("BUG: settings lock poisoned");
            change(&mut settings);
            settings.clone()
        };
        self.store
            .save(&updated)
            .map_err(|e| IpcError::new(ErrorCode::Internal, e))
    }

    /// The client of the current workspace.
    pub(crate) fn current_client(&self) -> passerelle_dastra::DastraClient {
        self.target().client
    }

    fn target(&self) -> WorkspaceTarget {
        self.session
            .read()
            .expect("BUG: session lock poisoned")
            .target
            .clone()
    }

    pub(crate) fn info(&self) -> AppInfo {
        let preference = self
            .settings
            .lock()
            .expect("BUG: settings lock poisoned")
            .language;
        let language = match preference {
            LanguagePreference::System => self.system_language,
            LanguagePreference::Fr => Language::Fr,
            LanguagePreference::En => Language::En,
        };
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            language,
            language_preference: preference,
            workspace: self.target().info,
        }
    }

    /// `app_info`
    pub async fn app_info(&self, _req: AppInfoRequest) -> Result<AppInfo, IpcError> {
        Ok(self.info())
    }

    /// `settings_update`
    pub async fn settings_update(&self, req: SettingsUpdateRequest) -> Result<AppInfo, IpcError> {
        if let Some(days) = req.retention_days {
            if !(1..=3650).contains(&days) {
                let msg = format!(
                    "findings are kept from 1 to 3650 days, not {days}: choose a number of days \
                     in that range"
                );
                return Err(IpcError::new(ErrorCode::Invalid, msg));
            }
        }
        self.update_settings(|settings| {
            if let Some(language) = req.language {
                settings.language = language;
            }
            if let Some(days) = req.retention_days {
                settings.retention_days = Some(days);
            }
        })?;
        Ok(self.info())
    }

    /// Purge the discovery jobs older than the retention setting; how many went. The shell
    /// calls it at start.
    pub async fn purge_expired_findings(&self) -> Result<u64, IpcError> {
        let Some(store) = &self.findings else {
            return Ok(0);
        };
        let days = self
            .settings_snapshot()
            .retention_days
            .unwrap_or(DEFAULT_RETENTION_DAYS);
        let purged = store
            .purge_older_than(days, Utc::now())
            .await
            .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?;
        tracing::info!(purged, days, "expired discovery jobs purged");
        Ok(purged)
    }

    /// `dsar_list`
    pub async fn dsar_list(&self, req: DsarListRequest) -> Result<DsarListResponse, IpcError> {
        let mut query = page_query(req.page, req.size, &req.q, req.sort_by.as_deref(), req.asc)?;
        for state in &req.states {
            query = query.param("states", state);
        }
        for purpose in &req.purposes {
            query = query.param("purposes", purpose);
        }
        if req.overdue_only {
            query = query.param("overtaking", "true");
        }
        let page = self
            .target()
            .client
            .list::<DataSubjectRequestDto>(&query)
            .await?;
        let today = Utc::now().date_naive();
        let items = page
            .items
            .iter()
            .map(|d| convert::dsar_row(d, today))
            .collect();
        Ok(DsarListResponse {
            items,
            total: page.total,
            page: req.page,
            size: req.size,
        })
    }

    /// `dsar_get`
    pub async fn dsar_get(&self, req: DsarGetRequest) -> Result<DsarDetail, IpcError> {
        let dsar = self
            .target()
            .client
            .get::<DataSubjectRequestDto>(&req.id)
            .await?;
        Ok(convert::dsar_detail(&dsar, Utc::now().date_naive()))
    }

    /// `asset_list`
    pub async fn asset_list(
        &self,
        req: RegistryListRequest,
    ) -> Result<AssetListResponse, IpcError> {
        let (items, total) = self
            .registry_page::<AssetDto, _>(&req, convert::asset_row)
            .await?;
        Ok(AssetListResponse {
            items,
            total,
            page: req.page,
            size: req.size,
        })
    }

    /// `actor_list`
    pub async fn actor_list(
        &self,
        req: RegistryListRequest,
    ) -> Result<ActorListResponse, IpcError> {
        let (items, total) = self
            .registry_page::<ActorDto, _>(&req, convert::actor_row)
            .await?;
        Ok(ActorListResponse {
            items,
            total,
            page: req.page,
            size: req.size,
        })
    }

    /// `contract_list`
    pub async fn contract_list(
        &self,
        req: RegistryListRequest,
    ) -> Result<ContractListResponse, IpcError> {
        let (items, total) = self
            .registry_page::<ContractDto, _>(&req, convert::contract_row)
            .await?;
        Ok(ContractListResponse {
            items,
            total,
            page: req.page,
            size: req.size,
        })
    }

    async fn registry_page<R: Resource, Row>(
        &self,
        req: &RegistryListRequest,
        row: impl Fn(&R) -> Row,
    ) -> Result<(Vec<Row>, u64), IpcError> {
        let query = page_query(req.page, req.size, &req.q, req.sort_by.as_deref(), req.asc)?;
        let page = self.target().client.list::<R>(&query).await?;
        Ok((page.items.iter().map(row).collect(), page.total))
    }
}

fn page_query(
    page: u32,
    size: u32,
    q: &str,
    sort_by: Option<&str>,
    asc: bool,
) -> Result<ListQuery, IpcError> {
    if page == 0 || size == 0 || size > 500 {
        let msg =
            format!("page {page} of size {size} is out of range: pages start at 1, sizes 1 to 500");
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    }
    let mut query = ListQuery::new().page(page).size(size);
    if !q.trim().is_empty() {
        query = query.q(q.trim());
    }
    if let Some(field) = sort_by {
        query = query.sort_by(field).asc(asc);
    }
    Ok(query)
}
