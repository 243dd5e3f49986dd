//! Saved mapping profiles: one folder per profile id in the app's data folder, one JSON file
//! per saved revision (`<id>/3.json`), each a whole profile as `Profile::to_json` writes it.
//!
//! Saving never overwrites: it writes the next revision, through a temporary file renamed into
//! place, so an interrupted save leaves the previous revisions as they were. Exporting writes
//! the same way. Importing reads the file with `Profile::from_json`, which refuses a profile
//! written by a newer Passerelle, saying so, and saves it as the next revision of its id.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use passerelle_mapping::{Entity, Profile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::Api;
use crate::error::{ErrorCode, IpcError};
use crate::mapping::invalid;

/// A saved profile as the list shows it: its latest revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileSummary {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The entity it maps onto.
    pub target: Entity,
    /// The latest revision (1 for the first save).
    pub revision: u32,
    /// Every saved revision, oldest first.
    pub revisions: Vec<u32>,
    /// When the latest revision was saved (RFC 3339).
    pub saved: String,
}

/// `mapping_profile_save`: save the profile as the next revision of its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileSaveRequest {
    /// The profile.
    pub profile: Profile,
}

/// `mapping_profile_list` takes nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProfileListRequest {}

/// The saved profiles, by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileListResponse {
    /// One per id.
    pub profiles: Vec<ProfileSummary>,
}

/// `mapping_profile_get`: one revision of a saved profile (the latest when none is named).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileGetRequest {
    /// The profile's id.
    pub id: String,
    /// The revision.
    #[serde(default)]
    #[ts(optional)]
    pub revision: Option<u32>,
}

/// A saved profile and which revision it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StoredProfile {
    /// The profile as saved.
    pub summary: ProfileSummary,
    /// The revision returned.
    pub revision: u32,
    /// Its document.
    pub profile: Profile,
}

/// `mapping_profile_duplicate`: a copy of a saved profile under a new id and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileDuplicateRequest {
    /// The profile to copy (its latest revision).
    pub id: String,
    /// The copy's name.
    pub name: String,
}

/// `mapping_profile_export`: write a saved profile to a file of the person's choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileExportRequest {
    /// The profile.
    pub id: String,
    /// The revision (the latest when not given).
    #[serde(default)]
    #[ts(optional)]
    pub revision: Option<u32>,
    /// The file to write; replaced if it exists.
    pub path: String,
}

/// `mapping_profile_export`: where it went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileExportResponse {
    /// The file written.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// `mapping_profile_import`: read a profile file and save it as the next revision of its id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProfileImportRequest {
    /// The file to read.
    pub path: String,
}

impl Api {
    /// `mapping_profile_save`
    pub async fn mapping_profile_save(
        &self,
        req: ProfileSaveRequest,
    ) -> Result<ProfileSummary, IpcError> {
        let store = self.profile_store()?;
        req.profile.check().map_err(invalid)?;
        store.save(&req.profile)
    }

    /// `mapping_profile_list`
    pub async fn mapping_profile_list(
        &self,
        _req: ProfileListRequest,
    ) -> Result<ProfileListResponse, IpcError> {
        let profiles = self.profile_store()?.list()?;
        Ok(ProfileListResponse { profiles })
    }

    /// `mapping_profile_get`
    pub async fn mapping_profile_get(
        &self,
        req: ProfileGetRequest,
    ) -> Result<StoredProfile, IpcError> {
        self.profile_store()?.get(&req.id, req.revision)
    }

    /// `mapping_profile_duplicate`
    pub async fn mapping_profile_duplicate(
        &self,
        req: ProfileDuplicateRequest,
    ) -> Result<ProfileSummary, IpcError> {
        let store = self.profile_store()?;
        let mut profile = store.get(&req.id, None)?.profile;
        let name = req.name.trim();
        if name.is_empty() {
            return Err(IpcError::new(
                ErrorCode::Invalid,
                "the copy needs a name: type one",
            ));
        }
        profile.id = store.free_id(&slug(name))?;
        profile.name = name.to_owned();
        store.save(&profile)
    }

    /// `mapping_profile_export`
    pub async fn mapping_profile_export(
        &self,
        req: ProfileExportRequest,
    ) -> Result<ProfileExportResponse, IpcError> {
        let stored = self.profile_store()?.get(&req.id, req.revision)?;
        let text = stored.profile.to_json();
        let path = PathBuf::from(req.path.trim());
        write_atomically(&path, text.as_bytes())?;
        Ok(ProfileExportResponse {
            path: path.display().to_string(),
            bytes: text.len() as u64,
        })
    }

    /// `mapping_profile_import`
    pub async fn mapping_profile_import(
        &self,
        req: ProfileImportRequest,
    ) -> Result<ProfileSummary, IpcError> {
        let store = self.profile_store()?;
        let path = Path::new(req.path.trim());
        let text = fs::read_to_string(path).map_err(|e| {
            let code = match e.kind() {
                std::io::ErrorKind::NotFound => ErrorCode::NotFound,
                _ => ErrorCode::Invalid,
            };
            let msg = format!(
                "{} could not be read ({e}): choose a profile file",
                path.display()
            );
            IpcError::new(code, msg)
        })?;
        let profile = Profile::from_json(&text).map_err(|e| {
            let msg = format!("{} was not imported: {e}", path.display());
            IpcError::new(ErrorCode::Invalid, msg)
        })?;
        store.save(&profile)
    }

    fn profile_store(&self) -> Result<ProfileStore, IpcError> {
        match &self.mapping_profiles {
            Some(dir) => Ok(ProfileStore { dir: dir.clone() }),
            None => Err(IpcError::new(
                ErrorCode::Unsupported,
                "this window has no folder to keep mapping profiles in",
            )),
        }
    }
}

/// The profiles folder.
struct ProfileStore {
    dir: PathBuf,
}

impl ProfileStore {
    fn save(&self, profile: &Profile) -> Result<ProfileSummary, IpcError> {
        check_id(&profile.id)?;
        let folder = self.dir.join(&profile.id);
        fs::create_dir_all(&folder).map_err(|e| io(&folder, e))?;
        let next = self.revisions(&profile.id)?.last().copied().unwrap_or(0) + 1;
        write_atomically(
            &folder.join(format!("{next}.json")),
            profile.to_json().as_bytes(),
        )?;
        self.summary(&profile.id)
    }

    fn list(&self) -> Result<Vec<ProfileSummary>, IpcError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&self.dir, e)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let Some(id) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if check_id(&id).is_ok() && !self.revisions(&id)?.is_empty() {
                out.push(self.summary(&id)?);
            }
        }
        out.sort_by_key(|p| p.name.to_lowercase());
        Ok(out)
    }

    fn get(&self, id: &str, revision: Option<u32>) -> Result<StoredProfile, IpcError> {
        check_id(id)?;
        let summary = self.summary(id)?;
        let revision = revision.unwrap_or(summary.revision);
        if !summary.revisions.contains(&revision) {
            let msg = format!(
                "the profile « {} » has no revision {revision}; it has {}",
                summary.name,
                join(&summary.revisions)
            );
            return Err(IpcError::new(ErrorCode::NotFound, msg));
        }
        let path = self.dir.join(id).join(format!("{revision}.json"));
        let text = fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let profile = Profile::from_json(&text).map_err(|e| {
            let msg = format!("the saved file {} is damaged: {e}", path.display());
            IpcError::new(ErrorCode::Invalid, msg)
        })?;
        Ok(StoredProfile {
            summary,
            revision,
            profile,
        })
    }

    /// `base`, or `base-2`, `base-3`… whichever no saved profile has.
    fn free_id(&self, base: &str) -> Result<String, IpcError> {
        for n in 1u32.. {
            let id = if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            };
            if self.revisions(&id)?.is_empty() {
                return Ok(id);
            }
        }
        unreachable!("BUG: ids run out")
    }

    fn revisions(&self, id: &str) -> Result<Vec<u32>, IpcError> {
        let folder = self.dir.join(id);
        let entries = match fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io(&folder, e)),
        };
        let mut out: Vec<u32> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".json")?.parse().ok())
            .collect();
        out.sort_unstable();
        Ok(out)
    }

    fn summary(&self, id: &str) -> Result<ProfileSummary, IpcError> {
        let revisions = self.revisions(id)?;
        let Some(&latest) = revisions.last() else {
            let msg = format!("no saved profile has the id « {id} »: it may have been deleted");
            return Err(IpcError::new(ErrorCode::NotFound, msg));
        };
        let path = self.dir.join(id).join(format!("{latest}.json"));
        let text = fs::read_to_string(&path).map_err(|e| io(&path, e))?;
        let profile = Profile::from_json(&text).map_err(|e| {
            let msg = format!("the saved file {} is damaged: {e}", path.display());
            IpcError::new(ErrorCode::Invalid, msg)
        })?;
        let saved: DateTime<Utc> = fs::metadata(&path)
            .and_then(|m| m.modified())
            .map(DateTime::from)
            .unwrap_or_else(|_| Utc::now());
        Ok(ProfileSummary {
            id: id.to_owned(),
            name: profile.name,
            target: profile.target,
            revision: latest,
            revisions,
            saved: saved.to_rfc3339_opts(SecondsFormat::Secs, true),
        })
    }
}

/// Ids name folders: lowercase letters, digits, `-` and `_`, 1 to 64 of them.
fn check_id(id: &str) -> Result<(), IpcError> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if ok {
        return Ok(());
    }
    let msg = format!(
        "the profile id « {id} » is not usable: use 1 to 64 lowercase letters, digits, - or _ \
         (such as servicenow-apps)"
    );
    Err(IpcError::new(ErrorCode::Invalid, msg))
}

/// An id made from a name: `Applications ServiceNow (copie)` → `applications-servicenow-copie`.
pub fn slug(name: &str) -> String {
    let folded = passerelle_matching::normalize::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(56).collect();
    if out.is_empty() {
        "profile".to_owned()
    } else {
        out
    }
}

fn join(revisions: &[u32]) -> String {
    let parts: Vec<String> = revisions.iter().map(u32::to_string).collect();
    parts.join(", ")
}

fn io(path: &Path, e: std::io::Error) -> IpcError {
    IpcError::new(ErrorCode::Internal, format!("{}: {e}", path.display()))
}

/// Write `bytes` to `path` through a temporary file beside it, renamed into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), IpcError> {
    let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
        let msg = format!(
            "{} is not a file path: choose a folder and a name",
            path.display()
        );
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    };
    if !folder.is_dir() {
        let msg = format!(
            "the folder {} does not exist: choose another",
            folder.display()
        );
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("profile");
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = fs::File::create(&temp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| fs::rename(&temp, path));
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        let msg = format!(
            "{} could not be written ({e}): choose another place",
            path.display()
        );
        IpcError::new(ErrorCode::Invalid, msg)
    })
}
