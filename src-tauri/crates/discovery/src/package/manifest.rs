//! `manifest.json`: every other file of a package with its SHA-256 and size, and
//! [`verify_package`], which holds a zip to it.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::content::date;
use super::{PASSERELLE_VERSION, SCHEMA_VERSION};
use crate::error::{Error, Result};

/// The manifest's name in the zip.
pub(crate) const MANIFEST: &str = "manifest.json";

/// The manifest as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    schema_version: u32,
    passerelle_version: String,
    created_at: String,
    files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ManifestFile {
    name: String,
    sha256: String,
    bytes: u64,
}

pub(crate) fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest of `files`, pretty-printed.
pub(crate) fn manifest(files: &[(String, Vec<u8>)], created_at: DateTime<Utc>) -> Vec<u8> {
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        passerelle_version: PASSERELLE_VERSION.to_string(),
        created_at: date(created_at),
        files: files
            .iter()
            .map(|(name, data)| ManifestFile {
                name: name.clone(),
                sha256: sha256_hex(data),
                bytes: data.len() as u64,
            })
            .collect(),
    };
    serde_json::to_vec_pretty(&manifest).expect("a manifest serialises")
}

/// What is wrong with one file of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    tag = "problem",
    rename_all_fields = "camelCase"
)]
pub enum ManifestProblem {
    /// The manifest lists it, the zip does not hold it.
    Missing {
        /// The file.
        name: String,
    },
    /// Its content is not what the manifest says.
    Altered {
        /// The file.
        name: String,
    },
    /// The zip holds it, the manifest does not list it.
    Unlisted {
        /// The file.
        name: String,
    },
}

/// The outcome of [`verify_package`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ManifestCheck {
    /// The package checked.
    pub path: PathBuf,
    /// When the manifest says it was made.
    pub created_at: String,
    /// The Passerelle version that made it.
    pub passerelle_version: String,
    /// Files whose hash and size match.
    pub verified: Vec<String>,
    /// Everything that does not match; empty for an intact package.
    pub problems: Vec<ManifestProblem>,
}

impl ManifestCheck {
    /// Whether every file matches and nothing is missing or added.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Re-read the zip at `path` and check every file against its `manifest.json`.
///
/// Errors: [`Error::Package`] when the file is not a readable zip, [`Error::NoManifest`] when
/// it holds no readable manifest. A file that does not match is not an error: it is listed in
/// [`ManifestCheck::problems`].
pub fn verify_package(path: &Path) -> Result<ManifestCheck> {
    let file = std::fs::File::open(path).map_err(|e| Error::package(path, "opening", e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| Error::package(path, "reading", e))?;
    let no_manifest = |detail: String| Error::NoManifest {
        path: path.to_path_buf(),
        detail,
    };
    let raw = read_entry(&mut zip, MANIFEST)
        .map_err(|e| no_manifest(e.to_string()))?
        .ok_or_else(|| no_manifest("the zip has no such file".into()))?;
    let manifest: Manifest =
        serde_json::from_slice(&raw).map_err(|e| no_manifest(e.to_string()))?;

    let mut check = ManifestCheck {
        path: path.to_path_buf(),
        created_at: manifest.created_at.clone(),
        passerelle_version: manifest.passerelle_version.clone(),
        verified: Vec::new(),
        problems: Vec::new(),
    };
    for listed in &manifest.files {
        // An entry that cannot be read back (a bad checksum) is as altered as one that reads
        // back different.
        match read_entry(&mut zip, &listed.name) {
            Err(_) => check.problems.push(ManifestProblem::Altered {
                name: listed.name.clone(),
            }),
            Ok(None) => check.problems.push(ManifestProblem::Missing {
                name: listed.name.clone(),
            }),
            Ok(Some(data))
                if data.len() as u64 == listed.bytes && sha256_hex(&data) == listed.sha256 =>
            {
                check.verified.push(listed.name.clone())
            }
            Ok(Some(_)) => check.problems.push(ManifestProblem::Altered {
                name: listed.name.clone(),
            }),
        }
    }
    let listed: BTreeSet<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
    for name in zip.file_names().map(str::to_string).collect::<Vec<_>>() {
        if name != MANIFEST && !name.ends_with('/') && !listed.contains(name.as_str()) {
            check.problems.push(ManifestProblem::Unlisted { name });
        }
    }
    Ok(check)
}

/// The readable report of the package at `path`: its file name in the zip and its HTML.
///
/// Errors: [`Error::Package`] when the file is not a readable zip or holds no report.
pub fn package_report(path: &Path) -> Result<(String, String)> {
    let file = std::fs::File::open(path).map_err(|e| Error::package(path, "opening", e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| Error::package(path, "reading", e))?;
    for name in ["rapport.html", "report.html"] {
        if let Some(data) =
            read_entry(&mut zip, name).map_err(|e| Error::package(path, "reading", e))?
        {
            let html = String::from_utf8(data).map_err(|e| Error::package(path, "reading", e))?;
            return Ok((name.to_string(), html));
        }
    }
    Err(Error::package(
        path,
        "reading",
        "the package holds no report",
    ))
}

/// The bytes of entry `name`, `None` when the zip has no such entry.
fn read_entry(
    zip: &mut zip::ZipArchive<std::fs::File>,
    name: &str,
) -> std::result::Result<Option<Vec<u8>>, zip::result::ZipError> {
    let mut entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut data = Vec::with_capacity(entry.size() as usize);
    entry.read_to_end(&mut data)?;
    Ok(Some(data))
}
