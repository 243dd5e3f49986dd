//! The connection commands: profiles kept by the vault, secrets in the OS keyring, connection
//! tests, and which Dastra workspace every screen is looking at.
//!
//! Secrets only ever come in: a request may carry one (save, test a draft, list a key's
//! workspaces), no response does, and none is logged. A secret in a request is handed to the
//! vault or to a connector at once and is not kept by the `Api`.

use std::fmt;

use chrono::{SecondsFormat, Utc};
use passerelle_connectors::{
    FailureCode, Found, Outcome, Rows, TestOptions, TestReport, WorkspaceChoice,
};
use passerelle_vault::settings::DastraSettings;
use passerelle_vault::{
    ConnectionKind, FieldError, Profile, ProfileDraft, ProfileId, Secret, SecretStatus,
    Settings as ConnectionSettings, Vault,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::{Api, WorkspaceTarget};
use crate::dto::{AppInfo, WorkspaceChangedEvent};
use crate::error::{ErrorCode, IpcError};

/// A secret typed by the person, on its way to the keyring or a connector. Its `Debug` never
/// shows it.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecretInput(String);

impl SecretInput {
    /// A secret input (tests build requests with it).
    pub fn new(value: impl Into<String>) -> Self {
        SecretInput(value.into())
    }

    fn into_secret(self) -> Option<Secret> {
        let secret = Secret::new(self.0);
        (!secret.is_empty()).then_some(secret)
    }
}

impl fmt::Debug for SecretInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretInput(***)")
    }
}

/// A connection as the Connections screen shows it: never its secret, only the secret's
/// status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionView {
    /// Its id (`sandbox` for the built-in workspace).
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it connects to.
    pub kind: ConnectionKind,
    /// Its non-secret settings, tagged by kind.
    pub settings: ConnectionSettings,
    /// Whether its secret is in the keyring.
    pub secret_status: SecretStatus,
    /// The built-in sandbox workspace: always there, neither edited nor deleted.
    pub builtin: bool,
    /// The Dastra workspace every screen is looking at now.
    pub current: bool,
    /// When it was last changed (RFC 3339).
    pub updated: String,
    /// The last test of the saved connection, if any since its settings last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_test: Option<LastTest>,
}

/// The outcome of the last test of a saved connection, kept with the preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LastTest {
    /// It passed.
    pub ok: bool,
    /// When it ran (RFC 3339).
    pub at: String,
    /// What it found or why it failed, in a sentence (no secret, no personal data).
    pub summary: String,
    /// The failure's class, when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub code: Option<FailureCode>,
}

impl LastTest {
    fn of(report: &TestReport) -> LastTest {
        let at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        match &report.outcome {
            Outcome::Passed { found } => LastTest {
                ok: true,
                at,
                summary: summary(found),
                code: None,
            },
            Outcome::Failed { failure } => LastTest {
                ok: false,
                at,
                summary: failure.message.clone(),
                code: Some(failure.code),
            },
        }
    }
}

/// What a passed test found, in one line.
fn summary(found: &Found) -> String {
    match found {
        Found::Dastra(d) => format!(
            "Dastra workspace \"{}\" (#{})",
            d.workspace_label, d.workspace_id
        ),
        Found::Sql(s) => {
            let counted = s
                .schemas
                .iter()
                .flat_map(|schema| &schema.tables)
                .filter(|t| !matches!(t.rows, Rows::Unknown))
                .count();
            format!(
                "{} {}, database {}: {} tables ({} with a row count)",
                s.engine, s.server_version, s.database, s.table_count, counted
            )
        }
        Found::Folder(f) => format!("{}: {} files, {} bytes", f.path, f.files, f.bytes),
        Found::Rest(r) => format!("{} answered {} in {} ms", r.url, r.status, r.response_ms),
    }
}

/// `connections_list` takes nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionsListRequest {}

/// Every connection, the built-in sandbox first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionListResponse {
    /// The connections.
    pub items: Vec<ConnectionView>,
}

/// A command about one connection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionIdRequest {
    /// The connection's id.
    pub id: String,
}

/// `connections_save`: create a connection (no `id`) or change one. A `secret` replaces the
/// stored one; without it the stored one stays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionSaveRequest {
    /// The connection to change; absent to create one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    /// Its name.
    pub name: String,
    /// Its settings, tagged by kind.
    pub settings: ConnectionSettings,
    /// A new secret, write-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<String>")]
    pub secret: Option<SecretInput>,
}

/// `connections_test_draft`: test settings before saving them, with the typed secret or, for
/// a saved connection (`id`), the stored one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConnectionDraftTestRequest {
    /// The saved connection whose secret to use when none is typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    /// The settings to test.
    pub settings: ConnectionSettings,
    /// A typed secret, write-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<String>")]
    pub secret: Option<SecretInput>,
}

/// `dastra_workspaces`: the workspaces a key can open, to pick one in the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DastraWorkspacesRequest {
    /// The saved connection whose key to use when none is typed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<String>,
    /// The address and kind of authentication (the workspace id is ignored).
    pub settings: DastraSettings,
    /// A typed key, write-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, as = "Option<String>")]
    pub secret: Option<SecretInput>,
}

/// The workspaces a key can open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DastraWorkspacesResponse {
    /// The workspaces, as Dastra lists them.
    pub items: Vec<WorkspaceChoice>,
}

/// `connections_export`: these connections (every one but the sandbox when empty) as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionsExportRequest {
    /// The connections to export; empty for all.
    pub ids: Vec<String>,
}

/// An export, without any secret.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionsExportResponse {
    /// The JSON document to share.
    pub json: String,
    /// How many connections it holds.
    pub count: u32,
}

/// `connections_import`: add the connections of an export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionsImportRequest {
    /// The export's JSON.
    pub json: String,
}

/// What an import added: new connections whose secrets must be entered again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ConnectionsImportResponse {
    /// The new connections, in the file's order.
    pub imported: Vec<ConnectionView>,
}

impl From<passerelle_vault::Error> for IpcError {
    fn from(e: passerelle_vault::Error) -> Self {
        use passerelle_vault::ErrorKind;
        let code = match e.kind() {
            ErrorKind::Invalid | ErrorKind::NotAllowed => ErrorCode::Invalid,
            ErrorKind::NotFound => ErrorCode::NotFound,
            ErrorKind::Keyring => ErrorCode::Keyring,
            _ => ErrorCode::Internal,
        };
        let fields = e.field_errors().to_vec();
        IpcError::new(code, e.to_string()).with_fields(fields)
    }
}

fn failure_error(failure: passerelle_connectors::Failure) -> IpcError {
    let code = match failure.code {
        FailureCode::WrongCredentials | FailureCode::MissingPermission => ErrorCode::Unauthorized,
        FailureCode::Unreachable | FailureCode::Tls | FailureCode::Timeout => {
            ErrorCode::Unreachable
        }
        FailureCode::NotFound => ErrorCode::NotFound,
        FailureCode::InvalidSettings | FailureCode::SecretMissing => ErrorCode::Invalid,
        _ => ErrorCode::Internal,
    };
    IpcError::new(code, failure.message)
}

impl Api {
    /// Run `f` on the vault off the async runtime (the vault blocks on files and the keyring).
    async fn with_vault<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Vault) -> passerelle_vault::Result<T> + Send + 'static,
    ) -> Result<T, IpcError> {
        let vault = self.vault.clone();
        tokio::task::spawn_blocking(move || f(&vault))
            .await
            .map_err(|e| {
                IpcError::new(
                    ErrorCode::Internal,
                    format!("the connection store stopped: {e}"),
                )
            })?
            .map_err(IpcError::from)
    }

    fn view(&self, profile: &Profile) -> ConnectionView {
        let current = self.current_connection();
        let last_test = self
            .settings_snapshot()
            .last_tests
            .get(profile.id.as_str())
            .cloned();
        ConnectionView {
            id: profile.id.to_string(),
            name: profile.name.clone(),
            kind: profile.kind(),
            settings: profile.settings.clone(),
            secret_status: profile.secret_status(),
            builtin: profile.builtin,
            current: profile.id.as_str() == current,
            updated: profile.updated.to_rfc3339_opts(SecondsFormat::Secs, true),
            last_test,
        }
    }

    fn test_options(&self) -> TestOptions {
        TestOptions {
            sandbox: self.sandbox.sandbox_endpoint(),
            ..TestOptions::default()
        }
    }

    /// The secret typed in a request, else the one stored for `id`.
    async fn typed_or_stored(
        &self,
        typed: Option<SecretInput>,
        id: Option<&str>,
    ) -> Result<Option<Secret>, IpcError> {
        if let Some(secret) = typed.and_then(SecretInput::into_secret) {
            return Ok(Some(secret));
        }
        let Some(id) = id.map(ProfileId::from) else {
            return Ok(None);
        };
        let open = self.with_vault(move |v| v.open(&id)).await?;
        Ok(open.secret().cloned())
    }

    /// `connections_list`
    pub async fn connections_list(
        &self,
        _req: ConnectionsListRequest,
    ) -> Result<ConnectionListResponse, IpcError> {
        let profiles = self.with_vault(|v| v.list()).await?;
        Ok(ConnectionListResponse {
            items: profiles.iter().map(|p| self.view(p)).collect(),
        })
    }

    /// `connections_save`
    pub async fn connections_save(
        &self,
        req: ConnectionSaveRequest,
    ) -> Result<ConnectionView, IpcError> {
        let draft = ProfileDraft::new(req.name, req.settings);
        let secret = req.secret.and_then(SecretInput::into_secret);
        let saved = match req.id {
            None => self.with_vault(move |v| v.create(draft, secret)).await?,
            Some(id) => {
                let id = ProfileId::from(id);
                self.with_vault(move |v| {
                    let updated = v.update(&id, draft)?;
                    match secret {
                        Some(secret) => v.set_secret(&id, secret),
                        None => Ok(updated),
                    }
                })
                .await?
            }
        };
        tracing::info!(kind = %saved.kind().as_str(), "connection saved");
        // Its settings changed: an earlier test says nothing about them.
        self.update_settings(|s| {
            s.last_tests.remove(saved.id.as_str());
        })?;
        if saved.id.as_str() == self.current_connection() {
            if let Err(e) = self.switch_to(saved.id.as_str()).await {
                tracing::warn!(error = %e, "the changed current workspace could not be reopened");
            }
        }
        Ok(self.view(&saved))
    }

    /// `connections_delete`: the profile and its keyring entry. Deleting the current
    /// workspace goes back to the sandbox first.
    pub async fn connections_delete(
        &self,
        req: ConnectionIdRequest,
    ) -> Result<ConnectionListResponse, IpcError> {
        if req.id == self.current_connection() {
            self.switch_to(passerelle_vault::SANDBOX_PROFILE_ID).await?;
        }
        let id = ProfileId::from(req.id.clone());
        self.with_vault(move |v| v.remove(&id)).await?;
        tracing::info!("connection deleted");
        self.update_settings(|s| {
            s.last_tests.remove(&req.id);
        })?;
        self.connections_list(ConnectionsListRequest {}).await
    }

    /// `connections_test`: test a saved connection with its stored secret and keep the result.
    pub async fn connections_test(&self, req: ConnectionIdRequest) -> Result<TestReport, IpcError> {
        let id = ProfileId::from(req.id.clone());
        let open = self.with_vault(move |v| v.open(&id)).await?;
        let report = passerelle_connectors::test_connection(
            &open.profile,
            open.secret(),
            &self.test_options(),
        )
        .await;
        tracing::info!(
            kind = %open.profile.kind().as_str(),
            ok = report.is_ok(),
            code = report.failure().map(|f| f.code.as_str()),
            "connection tested"
        );
        let last = LastTest::of(&report);
        self.update_settings(|s| {
            s.last_tests.insert(req.id, last);
        })?;
        Ok(report)
    }

    /// `connections_test_draft`: test settings that may not be saved yet.
    pub async fn connections_test_draft(
        &self,
        req: ConnectionDraftTestRequest,
    ) -> Result<TestReport, IpcError> {
        if req.id.as_deref() == Some(passerelle_vault::SANDBOX_PROFILE_ID) {
            return self
                .connections_test(ConnectionIdRequest {
                    id: req.id.unwrap_or_default(),
                })
                .await;
        }
        let problems =
            passerelle_vault::validate(&ProfileDraft::new("draft", req.settings.clone()));
        if !problems.is_empty() {
            return Err(invalid_fields(problems));
        }
        let secret = self.typed_or_stored(req.secret, req.id.as_deref()).await?;
        let report = passerelle_connectors::test_settings(
            &req.settings,
            secret.as_ref(),
            &self.test_options(),
        )
        .await;
        tracing::info!(
            kind = %req.settings.kind().as_str(),
            ok = report.is_ok(),
            code = report.failure().map(|f| f.code.as_str()),
            "connection draft tested"
        );
        Ok(report)
    }

    /// `dastra_workspaces`
    pub async fn dastra_workspaces(
        &self,
        req: DastraWorkspacesRequest,
    ) -> Result<DastraWorkspacesResponse, IpcError> {
        let Some(secret) = self.typed_or_stored(req.secret, req.id.as_deref()).await? else {
            let what = match req.settings.auth {
                passerelle_vault::settings::DastraAuth::ApiKey => "API key",
                _ => "private key",
            };
            return Err(invalid_fields(vec![FieldError::new(
                "secret",
                "is empty",
                format!("enter the {what} given by Dastra, then list the workspaces again"),
            )]));
        };
        let items = passerelle_connectors::dastra::list_workspaces(
            &req.settings,
            &secret,
            &self.test_options(),
        )
        .await
        .map_err(failure_error)?;
        Ok(DastraWorkspacesResponse { items })
    }

    /// `connections_secret_delete`
    pub async fn connections_secret_delete(
        &self,
        req: ConnectionIdRequest,
    ) -> Result<ConnectionView, IpcError> {
        let id = ProfileId::from(req.id);
        let profile = self.with_vault(move |v| v.delete_secret(&id)).await?;
        tracing::info!(kind = %profile.kind().as_str(), "connection secret deleted");
        Ok(self.view(&profile))
    }

    /// `connections_export`
    pub async fn connections_export(
        &self,
        req: ConnectionsExportRequest,
    ) -> Result<ConnectionsExportResponse, IpcError> {
        let ids: Vec<ProfileId> = req.ids.into_iter().map(ProfileId::from).collect();
        let json = self
            .with_vault(move |v| v.export((!ids.is_empty()).then_some(ids.as_slice())))
            .await?;
        let count = serde_json::from_str::<serde_json::Value>(&json)
            .ok()
            .and_then(|doc| doc["profiles"].as_array().map(Vec::len))
            .unwrap_or_default();
        tracing::info!(count, "connections exported");
        Ok(ConnectionsExportResponse {
            json,
            count: u32::try_from(count).unwrap_or(u32::MAX),
        })
    }

    /// `connections_import`
    pub async fn connections_import(
        &self,
        req: ConnectionsImportRequest,
    ) -> Result<ConnectionsImportResponse, IpcError> {
        let (report, profiles) = self
            .with_vault(move |v| Ok((v.import(&req.json)?, v.list()?)))
            .await?;
        tracing::info!(count = report.imported.len(), "connections imported");
        let imported = report
            .imported
            .iter()
            .filter_map(|i| profiles.iter().find(|p| p.id == i.id))
            .map(|p| self.view(p))
            .collect();
        Ok(ConnectionsImportResponse { imported })
    }

    /// `workspace_switch`: make a Dastra workspace connection the current one. Every screen
    /// follows it (`workspace_changed`), and it is opened again at the next start.
    pub async fn workspace_switch(&self, req: ConnectionIdRequest) -> Result<AppInfo, IpcError> {
        self.switch_to(&req.id).await?;
        Ok(self.info())
    }

    /// Open the workspace chosen last time, if it is not the sandbox. Called once at start;
    /// when it fails the app stays on the sandbox and the choice is kept for the next start.
    pub async fn restore_workspace(&self) -> Result<(), IpcError> {
        let Some(id) = self.settings_snapshot().current_connection else {
            return Ok(());
        };
        if id == passerelle_vault::SANDBOX_PROFILE_ID {
            return Ok(());
        }
        let target = self.open_target(&id).await?;
        self.set_target(target);
        Ok(())
    }

    async fn switch_to(&self, id: &str) -> Result<(), IpcError> {
        let _switching = self.switching.lock().await;
        let target = self.open_target(id).await?;
        let workspace = target.info.clone();
        self.set_target(target);
        let id = id.to_owned();
        self.update_settings(|s| s.current_connection = Some(id))?;
        tracing::info!(
            workspace_id = workspace.workspace_id,
            sandbox = workspace.is_sandbox,
            "workspace switched"
        );
        self.events
            .workspace_changed(WorkspaceChangedEvent { workspace });
        Ok(())
    }

    async fn open_target(&self, id: &str) -> Result<WorkspaceTarget, IpcError> {
        if id == passerelle_vault::SANDBOX_PROFILE_ID {
            return Ok(self.sandbox.clone());
        }
        let profile_id = ProfileId::from(id);
        let open = self.with_vault(move |v| v.open(&profile_id)).await?;
        let ConnectionSettings::DastraWorkspace(settings) = &open.profile.settings else {
            let msg = format!(
                "\"{}\" is a {} connection, not a Dastra workspace: pick a Dastra workspace",
                open.profile.name,
                open.profile.kind()
            );
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        };
        let Some(secret) = open.secret() else {
            let msg = format!(
                "no key is stored for \"{}\": open the connection, enter its key and save",
                open.profile.name
            );
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        };
        WorkspaceTarget::dastra(id, settings, secret).await
    }
}

fn invalid_fields(fields: Vec<FieldError>) -> IpcError {
    let list: Vec<String> = fields.iter().map(ToString::to_string).collect();
    IpcError::new(
        ErrorCode::Invalid,
        format!("the connection settings need fixing: {}", list.join("; ")),
    )
    .with_fields(fields)
}
