//! Export and import of profiles as JSON, without secrets, so a team can share a set-up.
//!
//! An export is `{"format": "passerelle-connections", "version": 1, "exported": …,
//! "profiles": [{id, name, kind, settings, created, updated}]}`. It never holds a secret nor
//! whether one was stored (local state), and never the built-in sandbox.
//!
//! **Import always gives new ids.** The keyring is shared by every vault of the same OS user
//! (the app, the CLI), and entries are named by profile id; an id from elsewhere may already
//! name another vault's secret. A fresh id guarantees that an import never reads, replaces or
//! deletes a secret it did not set, and that every imported profile truly has no secret: its
//! status is "missing" (or "not set" for an optional password) until one is entered. Importing
//! the same file twice gives two copies. The original ids are reported, so a caller can match
//! them up.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldError, Result};
use crate::profile::{ConnectionKind, Profile, ProfileDraft, ProfileId, SecretStatus};
use crate::settings::Settings;
use crate::validate::validate;
use crate::vault::Vault;

/// The `format` field of an export.
pub const EXPORT_FORMAT: &str = "passerelle-connections";

/// The export format version this crate writes and the newest it reads.
const EXPORT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportFile {
    format: String,
    version: u32,
    exported: DateTime<Utc>,
    profiles: Vec<ExportedProfile>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportedProfile {
    id: ProfileId,
    name: String,
    #[serde(flatten)]
    settings: Settings,
    created: DateTime<Utc>,
    updated: DateTime<Utc>,
}

/// What an import added.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    /// One entry per imported profile, in the file's order.
    pub imported: Vec<ImportedProfile>,
}

/// One imported profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedProfile {
    /// Its new id in this vault.
    pub id: ProfileId,
    /// Its id in the exported file.
    pub original_id: ProfileId,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: ConnectionKind,
    /// Where it stands with its secret: never stored after an import.
    pub secret_status: SecretStatus,
}

impl Vault {
    /// Export the profiles with these ids (all but the built-in one when `None`) as pretty
    /// JSON, without secrets.
    ///
    /// Errors: [`Error::NotFound`] for an unknown id, file errors.
    pub fn export(&self, ids: Option<&[ProfileId]>) -> Result<String> {
        let stored = self.stored()?;
        let chosen: Vec<&Profile> = match ids {
            None => stored.iter().collect(),
            Some(ids) => ids
                .iter()
                .map(|id| {
                    stored
                        .iter()
                        .find(|p| &p.id == id)
                        .ok_or_else(|| Error::NotFound(id.to_string()))
                })
                .collect::<Result<_>>()?,
        };
        let file = ExportFile {
            format: EXPORT_FORMAT.to_owned(),
            version: EXPORT_VERSION,
            exported: Utc::now(),
            profiles: chosen
                .into_iter()
                .map(|p| ExportedProfile {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    settings: p.settings.clone(),
                    created: p.created,
                    updated: p.updated,
                })
                .collect(),
        };
        Ok(serde_json::to_string_pretty(&file).expect("BUG: an export always serialises"))
    }

    /// Import the profiles of an export, each under a new id and without a secret. All or
    /// nothing: one invalid profile and none is imported.
    ///
    /// Errors: [`Error::Import`] for a document that is not an export (or a newer one),
    /// [`Error::Invalid`] with fields prefixed `profiles[i]`, file errors.
    pub fn import(&self, json: &str) -> Result<ImportReport> {
        let file = parse(json)?;
        let mut errors = Vec::new();
        for (i, p) in file.profiles.iter().enumerate() {
            let draft = ProfileDraft::new(p.name.clone(), p.settings.clone());
            errors.extend(validate(&draft).into_iter().map(|e| FieldError {
                field: format!("profiles[{i}].{}", e.field),
                ..e
            }));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }

        let now = Utc::now();
        let mut report = ImportReport {
            imported: Vec::new(),
        };
        let profiles: Vec<Profile> = file
            .profiles
            .into_iter()
            .map(|p| {
                let profile = Profile {
                    id: ProfileId::random(),
                    name: p.name.trim().to_owned(),
                    settings: p.settings,
                    secret_stored: false,
                    builtin: false,
                    created: p.created,
                    updated: now,
                };
                report.imported.push(ImportedProfile {
                    id: profile.id.clone(),
                    original_id: p.id,
                    name: profile.name.clone(),
                    kind: profile.kind(),
                    secret_status: profile.secret_status(),
                });
                profile
            })
            .collect();
        self.append(profiles)?;
        tracing::debug!(profiles = report.imported.len(), "profiles imported");
        Ok(report)
    }
}

fn parse(json: &str) -> Result<ExportFile> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| {
        Error::Import(format!(
            "the file is not JSON (line {}, column {})",
            e.line(),
            e.column()
        ))
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(Error::Import(format!(
            "the file is not a Passerelle connections export (its \"format\" is not \
             \"{EXPORT_FORMAT}\")"
        )));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(EXPORT_VERSION) {
        return Err(Error::Import(format!(
            "the export was made by a newer Passerelle (version {version}); update Passerelle"
        )));
    }
    serde_json::from_value(value).map_err(|e| Error::Import(format!("the export is damaged: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::MemorySecretStore;
    use crate::settings::{FolderSettings, RestAuth, RestSettings};
    use crate::store::JsonFileStore;

    fn vault(dir: &tempfile::TempDir, file: &str) -> Vault {
        Vault::new(
            JsonFileStore::new(dir.path().join(file)),
            MemorySecretStore::default(),
        )
    }

    fn rest(name: &str) -> ProfileDraft {
        ProfileDraft::new(
            name,
            Settings::RestApi(RestSettings {
                base_url: "https://crm.example.com/api".into(),
                auth: RestAuth::Bearer,
                headers: Default::default(),
                probe: Default::default(),
            }),
        )
    }

    #[test]
    fn an_export_holds_settings_but_no_secret_and_no_sandbox() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = vault(&dir, "a.json");
        vault
            .create(rest("CRM"), Some("token-marker".into()))
            .expect("created");
        let export = vault.export(None).expect("exported");
        assert!(!export.contains("token-marker"), "no secret: {export}");
        assert!(!export.contains("secretStored"), "no local state: {export}");
        assert!(!export.contains("\"sandbox\""), "no builtin: {export}");
        assert!(
            export.contains("crm.example.com"),
            "the settings are there: {export}"
        );
    }

    #[test]
    fn an_import_gives_new_ids_and_marks_every_secret_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let alice = vault(&dir, "alice.json");
        let original = alice
            .create(rest("CRM"), Some("t".into()))
            .expect("created");
        let export = alice.export(None).expect("exported");

        let bob = vault(&dir, "bob.json");
        let report = bob.import(&export).expect("imported");
        let imported = &report.imported[0];
        assert_eq!(
            imported.original_id, original.id,
            "the original id is reported"
        );
        assert_ne!(imported.id, original.id, "but the profile gets a new one");
        assert_eq!(
            imported.secret_status,
            SecretStatus::Missing,
            "the token must be entered"
        );
        assert!(
            bob.open(&imported.id).expect("opens").secret().is_none(),
            "no secret"
        );

        let again = bob.import(&export).expect("imported twice");
        assert_ne!(
            again.imported[0].id, imported.id,
            "a second import is a second copy"
        );
        assert_eq!(
            bob.list().expect("listed").len(),
            3,
            "sandbox and two copies"
        );
    }

    #[test]
    fn an_import_with_one_invalid_profile_imports_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = vault(&dir, "a.json");
        source.create(rest("CRM"), None).expect("created");
        let folder = FolderSettings {
            path: "/srv".into(),
            include: vec![],
            exclude: vec![],
        };
        source
            .create(ProfileDraft::new("Share", Settings::Folder(folder)), None)
            .expect("ok");
        let export = source
            .export(None)
            .expect("exported")
            .replace("/srv", "srv");

        let target = vault(&dir, "b.json");
        let err = target.import(&export).expect_err("invalid path");
        let fields: Vec<&str> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["profiles[1].settings.path"], "{err}");
        assert_eq!(target.list().expect("listed").len(), 1, "only the sandbox");
    }

    #[test]
    fn documents_that_are_not_exports_are_refused_with_a_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = vault(&dir, "a.json");
        for (doc, reason) in [
            ("not json", "not JSON"),
            (r#"{"profiles": []}"#, "not a Passerelle connections export"),
            (
                r#"{"format": "passerelle-connections", "version": 7, "profiles": []}"#,
                "newer",
            ),
        ] {
            let err = vault.import(doc).expect_err(doc);
            assert!(err.to_string().contains(reason), "{doc}: {err}");
        }
    }
}
