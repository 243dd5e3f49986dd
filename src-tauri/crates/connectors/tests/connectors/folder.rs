//! Folders made by the tests.

use std::fs;
use std::path::Path;

use passerelle_connectors::{test_settings, FailureCode, FolderFound, Found, TestOptions};
use passerelle_vault::settings::FolderSettings;
use passerelle_vault::Settings;

use crate::support::*;

fn folder(path: &Path, include: &[&str], exclude: &[&str]) -> Settings {
    Settings::Folder(FolderSettings {
        path: path.into(),
        include: include.iter().map(|s| s.to_string()).collect(),
        exclude: exclude.iter().map(|s| s.to_string()).collect(),
    })
}

fn found(report: &passerelle_connectors::TestReport) -> &FolderFound {
    match report.found() {
        Some(Found::Folder(found)) => found,
        _ => panic!("a folder report expected, got {report:#?}"),
    }
}

/// `rh/contrat.pdf` (100 bytes), `rh/archive/old.pdf` (50), `notes.txt` (7), `a.pdf` (10).
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    fs::create_dir_all(root.join("rh/archive")).expect("folders");
    fs::write(root.join("rh/contrat.pdf"), [0u8; 100]).expect("file");
    fs::write(root.join("rh/archive/old.pdf"), [0u8; 50]).expect("file");
    fs::write(root.join("notes.txt"), b"bonjour").expect("file");
    fs::write(root.join("a.pdf"), [0u8; 10]).expect("file");
    dir
}

#[tokio::test]
async fn a_folder_test_counts_every_file_and_its_size() {
    let dir = tree();
    let report = test_settings(&folder(dir.path(), &[], &[]), None, &options(10)).await;
    assert_passed(&report);
    let found = found(&report);
    assert_eq!(
        (found.files, found.bytes),
        (4, 167),
        "all four files: {found:?}"
    );
    assert!(!found.truncated, "a small folder is walked whole");
}

#[tokio::test]
async fn include_and_exclude_patterns_select_the_files_counted() {
    let dir = tree();
    let report = test_settings(
        &folder(dir.path(), &["*.pdf"], &["archive"]),
        None,
        &options(10),
    )
    .await;
    assert_passed(&report);
    let found = found(&report);
    assert_eq!(
        (found.files, found.bytes),
        (2, 110),
        "PDFs outside archive/: {found:?}"
    );
}

#[tokio::test]
async fn a_folder_with_more_files_than_the_cap_says_there_are_more() {
    let dir = tree();
    let options = TestOptions {
        max_files: 3,
        ..options(10)
    };
    let report = test_settings(&folder(dir.path(), &[], &[]), None, &options).await;
    let found = found(&report);
    assert_eq!(found.files, 3, "counting stops at the cap");
    assert!(found.truncated, "and says there are more");
}

#[tokio::test]
async fn a_missing_folder_is_not_found_and_a_file_is_invalid_settings() {
    let dir = tree();
    let report = test_settings(
        &folder(&dir.path().join("absent"), &[], &[]),
        None,
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::NotFound);
    let report = test_settings(
        &folder(&dir.path().join("a.pdf"), &[], &[]),
        None,
        &options(10),
    )
    .await;
    assert_failed(&report, FailureCode::InvalidSettings);
}
