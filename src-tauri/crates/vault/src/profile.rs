//! Connection profiles: what a connection is called, what kind it is and its non-secret
//! settings, plus whether its secret is stored.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::settings::{DastraAuth, DastraSettings, SecretNeed, Settings};

/// The id of the built-in sandbox workspace profile, always present.
pub const SANDBOX_PROFILE_ID: &str = "sandbox";

/// The sandbox's main workspace (the seed's "Ormeaux — Siège").
const SANDBOX_WORKSPACE: i64 = 1;

/// A profile's id: a random UUID, or [`SANDBOX_PROFILE_ID`]. It names the keyring entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProfileId(String);

impl ProfileId {
    /// A fresh random id.
    pub fn random() -> Self {
        ProfileId(uuid::Uuid::new_v4().to_string())
    }

    /// The id of the built-in sandbox profile.
    pub fn sandbox() -> Self {
        ProfileId(SANDBOX_PROFILE_ID.to_owned())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is the built-in sandbox profile's id.
    pub fn is_sandbox(&self) -> bool {
        self.0 == SANDBOX_PROFILE_ID
    }
}

impl From<&str> for ProfileId {
    fn from(id: &str) -> Self {
        ProfileId(id.to_owned())
    }
}

impl From<String> for ProfileId {
    fn from(id: String) -> Self {
        ProfileId(id)
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kinds of connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ConnectionKind {
    /// A Dastra workspace.
    DastraWorkspace,
    /// PostgreSQL.
    Postgres,
    /// MySQL or MariaDB.
    #[serde(rename = "mysql")]
    MySql,
    /// An SQLite file.
    Sqlite,
    /// A folder.
    Folder,
    /// An HTTP API.
    RestApi,
}

impl ConnectionKind {
    /// The stable name used in JSON and on the command line (`postgres`, `restApi`).
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionKind::DastraWorkspace => "dastraWorkspace",
            ConnectionKind::Postgres => "postgres",
            ConnectionKind::MySql => "mysql",
            ConnectionKind::Sqlite => "sqlite",
            ConnectionKind::Folder => "folder",
            ConnectionKind::RestApi => "restApi",
        }
    }
}

impl fmt::Display for ConnectionKind {
    /// The kind as people call it ("PostgreSQL", "MySQL/MariaDB").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConnectionKind::DastraWorkspace => "Dastra workspace",
            ConnectionKind::Postgres => "PostgreSQL",
            ConnectionKind::MySql => "MySQL/MariaDB",
            ConnectionKind::Sqlite => "SQLite",
            ConnectionKind::Folder => "folder",
            ConnectionKind::RestApi => "REST API",
        })
    }
}

/// A saved connection. Holds no secret: [`Profile::secret_stored`] only says whether the
/// keyring has one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Stable id; names the keyring entry.
    pub id: ProfileId,
    /// What the person called it ("CRM", "RH — SIRH").
    pub name: String,
    /// The kind and its settings (`"kind": …, "settings": {…}` in JSON).
    #[serde(flatten)]
    pub settings: Settings,
    /// Whether the vault stored a secret for it in the keyring. Local state: not exported.
    #[serde(default)]
    pub secret_stored: bool,
    /// Whether this is the built-in sandbox (never stored, never deletable).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub builtin: bool,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When its name, settings or secret last changed.
    pub updated: DateTime<Utc>,
}

/// Where a profile stands with its secret, for the list's status column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum SecretStatus {
    /// A secret is stored in the keyring.
    Stored,
    /// The connection needs a secret and none is stored (an imported profile, say).
    Missing,
    /// The secret is optional (a database password) and none is stored.
    NotSet,
    /// The connection uses no secret.
    NotNeeded,
}

impl Profile {
    /// The kind of connection.
    pub fn kind(&self) -> crate::ConnectionKind {
        self.settings.kind()
    }

    /// Where the profile stands with its secret.
    pub fn secret_status(&self) -> SecretStatus {
        if self.builtin {
            return SecretStatus::NotNeeded;
        }
        match (self.settings.secret_need(), self.secret_stored) {
            (SecretNeed::None, _) => SecretStatus::NotNeeded,
            (_, true) => SecretStatus::Stored,
            (SecretNeed::Required { .. }, false) => SecretStatus::Missing,
            (SecretNeed::Optional { .. }, false) => SecretStatus::NotSet,
        }
    }

    /// The built-in sandbox workspace. Its base URL is a placeholder: the sandbox listens on
    /// a port chosen when it starts, which whoever runs it supplies when connecting.
    pub fn builtin_sandbox() -> Profile {
        let epoch = DateTime::<Utc>::UNIX_EPOCH;
        Profile {
            id: ProfileId::sandbox(),
            name: "Sandbox".to_owned(),
            settings: Settings::DastraWorkspace(DastraSettings {
                base_url: "http://127.0.0.1".to_owned(),
                auth: DastraAuth::ApiKey,
                workspace_id: SANDBOX_WORKSPACE,
                workspace_label: None,
            }),
            secret_stored: false,
            builtin: true,
            created: epoch,
            updated: epoch,
        }
    }
}

/// What a person fills in to create or edit a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDraft {
    /// The profile's name.
    pub name: String,
    /// Its kind and settings.
    #[serde(flatten)]
    pub settings: Settings,
}

impl ProfileDraft {
    /// A draft with this name and these settings.
    pub fn new(name: impl Into<String>, settings: Settings) -> Self {
        ProfileDraft {
            name: name.into(),
            settings,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::settings::SqliteSettings;

    #[test]
    fn a_profile_serialises_kind_and_settings_side_by_side() {
        let profile = Profile {
            id: ProfileId::from("p1"),
            name: "Ventes".into(),
            settings: Settings::Sqlite(SqliteSettings {
                path: "/data/ventes.db".into(),
            }),
            secret_stored: false,
            builtin: false,
            created: DateTime::<Utc>::UNIX_EPOCH,
            updated: DateTime::<Utc>::UNIX_EPOCH,
        };
        let value = serde_json::to_value(&profile).expect("serialisable");
        // The UI and the profiles file read this shape; `builtin` is left out when false.
        assert_eq!(
            value,
            json!({"id": "p1", "name": "Ventes", "kind": "sqlite",
                   "settings": {"path": "/data/ventes.db"}, "secretStored": false,
                   "created": "1970-01-01T00:00:00Z", "updated": "1970-01-01T00:00:00Z"}),
            "flat kind and settings"
        );
        let back: Profile = serde_json::from_value(value).expect("readable again");
        assert_eq!(back, profile, "the round trip keeps everything");
    }

    #[test]
    fn the_builtin_sandbox_needs_no_secret() {
        let sandbox = Profile::builtin_sandbox();
        assert!(sandbox.id.is_sandbox(), "its id is the sandbox id");
        assert_eq!(
            sandbox.secret_status(),
            SecretStatus::NotNeeded,
            "no key to enter"
        );
        assert_eq!(sandbox.kind(), ConnectionKind::DastraWorkspace);
    }

    #[test]
    fn random_ids_differ() {
        assert_ne!(ProfileId::random(), ProfileId::random(), "two fresh ids");
    }
}
