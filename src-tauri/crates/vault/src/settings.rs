//! The non-secret settings of each kind of connection.
//!
//! Everything here is plain, shareable metadata: it is written to the profiles file and to
//! exports. Passwords, keys and tokens never appear in these types; each kind says which secret
//! it needs through [`Settings::secret_need`], and the vault keeps that secret in the keyring.
//!
//! JSON is camelCase; a profile carries its kind and settings as
//! `"kind": "postgres", "settings": {"host": …}`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::profile::ConnectionKind;

/// Dastra's public API, the default base URL of a Dastra workspace connection.
pub const DASTRA_API_URL: &str = "https://api.dastra.eu";

/// The settings of a connection, one variant per kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "settings", rename_all = "camelCase")]
pub enum Settings {
    /// A Dastra workspace (or a sandbox that speaks Dastra's API).
    DastraWorkspace(DastraSettings),
    /// A PostgreSQL database.
    Postgres(PostgresSettings),
    /// A MySQL or MariaDB database.
    #[serde(rename = "mysql")]
    MySql(MySqlSettings),
    /// An SQLite database file.
    Sqlite(SqliteSettings),
    /// A local folder or mounted share.
    Folder(FolderSettings),
    /// An HTTP API.
    RestApi(RestSettings),
}

/// Which secret a kind of connection uses, for forms and prompts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretNeed {
    /// The connection cannot work without it; `what` names it ("API key").
    Required {
        /// What the secret is, in the words of the form.
        what: &'static str,
    },
    /// The connection may work without it (a database that trusts local connections).
    Optional {
        /// What the secret is.
        what: &'static str,
    },
    /// The connection uses no secret.
    None,
}

impl Settings {
    /// The kind of connection these settings describe.
    pub fn kind(&self) -> ConnectionKind {
        match self {
            Settings::DastraWorkspace(_) => ConnectionKind::DastraWorkspace,
            Settings::Postgres(_) => ConnectionKind::Postgres,
            Settings::MySql(_) => ConnectionKind::MySql,
            Settings::Sqlite(_) => ConnectionKind::Sqlite,
            Settings::Folder(_) => ConnectionKind::Folder,
            Settings::RestApi(_) => ConnectionKind::RestApi,
        }
    }

    /// Which secret these settings use.
    pub fn secret_need(&self) -> SecretNeed {
        match self {
            Settings::DastraWorkspace(s) => match s.auth {
                DastraAuth::ApiKey => SecretNeed::Required { what: "API key" },
                DastraAuth::ClientCredentials { .. } => SecretNeed::Required {
                    what: "private key",
                },
            },
            Settings::Postgres(_) | Settings::MySql(_) => SecretNeed::Optional { what: "password" },
            Settings::Sqlite(_) | Settings::Folder(_) => SecretNeed::None,
            Settings::RestApi(s) => match s.auth {
                RestAuth::None => SecretNeed::None,
                RestAuth::ApiKeyHeader { .. } => SecretNeed::Required { what: "API key" },
                RestAuth::Bearer => SecretNeed::Required { what: "token" },
                RestAuth::Basic { .. } => SecretNeed::Required { what: "password" },
                RestAuth::OAuth2ClientCredentials { .. } => SecretNeed::Required {
                    what: "client secret",
                },
            },
        }
    }
}

/// A Dastra workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct DastraSettings {
    /// The API's base URL; https, or http on a loopback host (a local sandbox).
    #[serde(default = "dastra_api_url")]
    pub base_url: String,
    /// How Passerelle authenticates; the private part is the profile's secret.
    pub auth: DastraAuth,
    /// The workspace every screen works in, picked from `GET /v1/WorkSpaces`.
    pub workspace_id: i64,
    /// The workspace's label when it was picked, shown until a test refreshes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub workspace_label: Option<String>,
}

fn dastra_api_url() -> String {
    DASTRA_API_URL.to_owned()
}

/// How a Dastra workspace connection authenticates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum DastraAuth {
    /// `X-API-Key`: the secret is the key's private part.
    ApiKey,
    /// OAuth2 client credentials: the public key here, the private key as the secret.
    ClientCredentials {
        /// The key's public part (not secret: Dastra's widgets embed it).
        public_key: String,
        /// The token endpoint; Dastra's account host when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        token_url: Option<String>,
    },
}

/// A PostgreSQL database, opened read-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PostgresSettings {
    /// Host name or IP address.
    pub host: String,
    /// TCP port.
    #[serde(default = "postgres_port")]
    pub port: u16,
    /// Database name.
    pub database: String,
    /// User name; the password is the profile's secret.
    pub user: String,
    /// Whether and how TLS is used.
    #[serde(default)]
    pub ssl_mode: SslMode,
    /// Schemas to look at; every non-system schema when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub schemas: Vec<String>,
}

fn postgres_port() -> u16 {
    5432
}

/// PostgreSQL's `sslmode`, as libpq spells its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum SslMode {
    /// Never use TLS.
    Disable,
    /// Use TLS when the server offers it, without checking its certificate.
    #[default]
    Prefer,
    /// Always use TLS, without checking the certificate.
    Require,
    /// Always use TLS and check the certificate's authority.
    VerifyCa,
    /// Always use TLS, check the authority and that the certificate names the host.
    VerifyFull,
}

/// A MySQL or MariaDB database, opened read-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MySqlSettings {
    /// Host name or IP address.
    pub host: String,
    /// TCP port.
    #[serde(default = "mysql_port")]
    pub port: u16,
    /// Database (schema) name.
    pub database: String,
    /// User name; the password is the profile's secret.
    pub user: String,
}

fn mysql_port() -> u16 {
    3306
}

/// An SQLite database file, opened read-only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SqliteSettings {
    /// The database file's absolute path.
    pub path: PathBuf,
}

/// A local folder or a mounted share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FolderSettings {
    /// The folder's absolute path.
    pub path: PathBuf,
    /// Glob patterns of files to take, relative to the folder (`*.pdf`, `rh/**`); all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub include: Vec<String>,
    /// Glob patterns of files or folders to leave out, applied after `include`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub exclude: Vec<String>,
}

/// An HTTP API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RestSettings {
    /// The API's base URL (`https://crm.example.com/api`).
    pub base_url: String,
    /// How requests authenticate; the secret part is the profile's secret.
    #[serde(default)]
    pub auth: RestAuth,
    /// Extra headers sent with every request; stored in clear, so never a credential.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<BTreeMap<String, String>>"))]
    pub headers: BTreeMap<String, String>,
    /// The request a connection test sends.
    #[serde(default)]
    pub probe: Probe,
}

/// How an HTTP API authenticates.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum RestAuth {
    /// No authentication.
    #[default]
    None,
    /// The secret sent in a header of this name (`X-API-Key`).
    ApiKeyHeader {
        /// The header's name.
        header: String,
    },
    /// `Authorization: Bearer <secret>`.
    Bearer,
    /// `Authorization: Basic` with this user and the secret as password.
    Basic {
        /// The user name.
        user: String,
    },
    /// A token from an OAuth2 client-credentials grant, the secret being the client secret.
    #[serde(rename = "oauth2ClientCredentials")]
    OAuth2ClientCredentials {
        /// The token endpoint.
        token_url: String,
        /// The client id.
        client_id: String,
        /// The scope asked for, when the server wants one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        scope: Option<String>,
    },
}

/// The request a connection test sends to an HTTP API. Only reading methods are allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    /// `GET` or `HEAD`.
    #[serde(default = "probe_method")]
    pub method: String,
    /// Path appended to the base URL (`/health`); the base URL itself when empty.
    #[serde(default)]
    pub path: String,
    /// The status the API must answer; any 2xx or 3xx when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub expect_status: Option<u16>,
}

fn probe_method() -> String {
    "GET".to_owned()
}

impl Default for Probe {
    fn default() -> Self {
        Probe {
            method: probe_method(),
            path: String::new(),
            expect_status: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn settings_read_with_defaults_for_optional_fields() {
        let settings: Settings = serde_json::from_value(json!({
            "kind": "postgres",
            "settings": {"host": "db", "database": "crm", "user": "dpo"}
        }))
        .expect("postgres settings with defaults");
        let Settings::Postgres(pg) = &settings else {
            panic!("a postgres profile: {settings:?}")
        };
        assert_eq!(pg.port, 5432, "the default port");
        assert_eq!(pg.ssl_mode, SslMode::Prefer, "the default ssl mode");

        let dastra: DastraSettings =
            serde_json::from_value(json!({"auth": {"type": "apiKey"}, "workspaceId": 3}))
                .expect("dastra settings with the default url");
        assert_eq!(dastra.base_url, DASTRA_API_URL, "the public API by default");
    }

    #[test]
    fn every_kind_names_itself_in_camel_case() {
        let names = [
            (
                json!({"kind": "mysql", "settings": {"host": "h", "database": "d", "user": "u"}}),
                ConnectionKind::MySql,
            ),
            (
                json!({"kind": "sqlite", "settings": {"path": "/x.db"}}),
                ConnectionKind::Sqlite,
            ),
            (
                json!({"kind": "folder", "settings": {"path": "/x"}}),
                ConnectionKind::Folder,
            ),
            (
                json!({"kind": "restApi", "settings": {"baseUrl": "https://x"}}),
                ConnectionKind::RestApi,
            ),
        ];
        for (value, kind) in names {
            let settings: Settings = serde_json::from_value(value.clone()).expect("readable");
            assert_eq!(settings.kind(), kind, "{value}");
            assert_eq!(
                serde_json::to_value(&settings).expect("writable")["kind"],
                value["kind"]
            );
        }
    }

    #[test]
    fn rest_auth_variants_are_tagged_by_type_with_camel_case_fields() {
        let auth = RestAuth::OAuth2ClientCredentials {
            token_url: "https://auth/token".into(),
            client_id: "app".into(),
            scope: None,
        };
        assert_eq!(
            serde_json::to_value(&auth).expect("serialisable"),
            json!({"type": "oauth2ClientCredentials", "tokenUrl": "https://auth/token",
                   "clientId": "app"}),
            "the wire shape the UI reads"
        );
        let back: RestAuth = serde_json::from_value(json!({"type": "apiKeyHeader",
            "header": "X-Key"}))
        .expect("api key header");
        assert_eq!(
            back,
            RestAuth::ApiKeyHeader {
                header: "X-Key".into()
            }
        );
    }

    #[test]
    fn each_kind_says_which_secret_it_needs() {
        let pg = Settings::Postgres(PostgresSettings {
            host: "h".into(),
            port: 5432,
            database: "d".into(),
            user: "u".into(),
            ssl_mode: SslMode::Prefer,
            schemas: vec![],
        });
        assert_eq!(pg.secret_need(), SecretNeed::Optional { what: "password" });
        let folder = Settings::Folder(FolderSettings {
            path: "/srv".into(),
            include: vec![],
            exclude: vec![],
        });
        assert_eq!(
            folder.secret_need(),
            SecretNeed::None,
            "a folder needs no secret"
        );
    }
}
