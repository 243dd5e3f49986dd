//! [`Api`]: the body of every command, in plain async Rust.
//!
//! The shell holds one `Api` and calls the method named like the command; tests do the same
//! against the real sandbox. An `Api` has a current workspace (a [`WorkspaceTarget`]) and the
//! person's settings, kept through a [`SettingsStore`] the host provides.

use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use chrono::Utc;
use passerelle_dastra::models::{ActorDto, AssetDto, ContractDto, DataSubjectRequestDto};
use passerelle_dastra::Resource;
use passerelle_dastra::{Auth, ClientOptions, DastraClient, ListQuery};
use serde::{Deserialize, Serialize};

use crate::convert;
use crate::dto::*;
use crate::error::{ErrorCode, IpcError};

/// The person's preferences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// UI language preference.
    pub language: LanguagePreference,
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
    _sandbox: Option<Arc<passerelle_sandbox::RunningSandbox>>,
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
        };
        Ok(WorkspaceTarget {
            info,
            client,
            _sandbox: Some(Arc::new(sandbox)),
        })
    }
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
}

impl Api {
    /// An API on `target`, with settings from `store`.
    pub fn new(target: WorkspaceTarget, store: Arc<dyn SettingsStore>, system: Language) -> Self {
        let settings = store.load();
        Api {
            session: RwLock::new(Session { target }),
            settings: Mutex::new(settings),
            store,
            system_language: system,
        }
    }

    fn target(&self) -> WorkspaceTarget {
        self.session
            .read()
            .expect("BUG: session lock poisoned")
            .target
            .clone()
    }

    fn info(&self) -> AppInfo {
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
        let updated = {
            let mut settings = self.settings.lock().expect("BUG: settings lock poisoned");
            if let Some(language) = req.language {
                settings.language = language;
            }
            settings.clone()
        };
        self.store
            .save(&updated)
            .map_err(|e| IpcError::new(ErrorCode::Internal, e))?;
        Ok(self.info())
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
