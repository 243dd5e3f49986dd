//! Connection profiles and their secrets: everything about a connection is plain, shareable
//! metadata, except its password or key, which lives only in the operating system's keyring.
//!
//! # Layout
//!
//! - `profile`: [`Profile`] (id, name, kind and [`Settings`], whether a secret is stored,
//!   timestamps), [`ProfileDraft`] (what a form fills in), [`ConnectionKind`],
//!   [`SecretStatus`], and the built-in sandbox ([`Profile::builtin_sandbox`]).
//! - `settings`: the non-secret [`Settings`] of each kind: Dastra workspace, PostgreSQL,
//!   MySQL/MariaDB, SQLite, folder, REST API; [`Settings::secret_need`] says which secret a
//!   kind uses.
//! - `validate`: every problem of a draft at once, as [`FieldError`]s (field, problem, fix).
//! - `store`: [`ProfileStore`] (load all, save all, atomically) and [`JsonFileStore`].
//! - `secret`: [`Secret`] (prints `***`, cannot be serialised, wiped on drop) and
//!   [`SecretStore`]; `keyring_store`: [`KeyringStore`], the OS keyring, one entry per profile
//!   (service `passerelle`, user the profile id).
//! - `vault`: [`Vault`], which keeps the two stores in step; `exchange`: export and import
//!   without secrets ([`Vault::export`], [`Vault::import`]; imports always get new ids).
//!
//! # Secrets are write-only from outside
//!
//! A secret goes in through [`Vault::create`] or [`Vault::set_secret`] and is deleted by
//! [`Vault::delete_secret`] or [`Vault::remove`]. The only way back out is [`Vault::open`],
//! whose [`OpenProfile`] is neither `Serialize` nor `Clone`, for the connector that opens the
//! connection; no IPC response, export or file can carry a [`Secret`], because none of them can
//! serialise one.
//!
//! # Example
//!
//! ```no_run
//! # fn demo() -> passerelle_vault::Result<()> {
//! use passerelle_vault::settings::{PostgresSettings, SslMode};
//! use passerelle_vault::{JsonFileStore, KeyringStore, ProfileDraft, Settings, Vault};
//!
//! let vault = Vault::new(JsonFileStore::new("/tmp/connections.json"), KeyringStore::new());
//! let settings = Settings::Postgres(PostgresSettings {
//!     host: "db.example.org".into(),
//!     port: 5432,
//!     database: "crm".into(),
//!     user: "dpo".into(),
//!     ssl_mode: SslMode::Require,
//!     schemas: vec![],
//! });
//! let crm = vault.create(ProfileDraft::new("CRM", settings), Some("s3cret".into()))?;
//! let open = vault.open(&crm.id)?; // profile + secret, for a connector
//! # let _ = open; Ok(()) }
//! ```
//!
//! Not here: Tauri (the app implements [`ProfileStore`] over its store plugin), opening or
//! testing connections (the connectors crate), and coordination between two processes writing
//! the same profiles file. Logging is at debug level, ids and counts only.

#![deny(missing_docs)]

mod error;
mod exchange;
mod keyring_store;
mod profile;
mod secret;
pub mod settings;
mod store;
mod validate;
mod vault;

pub use error::{Error, ErrorKind, FieldError, Result};
pub use exchange::{ImportReport, ImportedProfile, EXPORT_FORMAT};
pub use keyring_store::{KeyringStore, KEYRING_SERVICE};
pub use profile::{
    ConnectionKind, Profile, ProfileDraft, ProfileId, SecretStatus, SANDBOX_PROFILE_ID,
};
pub use secret::{Secret, SecretStore};
pub use settings::{SecretNeed, Settings};
pub use store::{JsonFileStore, ProfileStore};
pub use validate::validate;
pub use vault::{OpenProfile, Vault};
