//! Folders: count the files the include and exclude patterns select, and their size.
//!
//! Patterns are globs matched against each entry's path relative to the folder (with `/`
//! separators) and against its bare name, so `*.pdf` selects PDFs at any depth and `tmp`
//! leaves out every entry named `tmp`. An excluded folder is not descended into. Symbolic
//! links are not followed. The walk is bounded: it stops at [`TestOptions::max_files`] files
//! or near the time limit, and says there are more.
//!
//! Discovery walks the same way, unbounded, with [`Selection::walk`]: it yields every selected
//! file (and every entry that could not be read) for the caller to hand to
//! [`crate::files::read_file`].

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Instant;

use globset::{Glob, GlobSet, GlobSetBuilder};
use passerelle_vault::settings::FolderSettings;
use walkdir::{DirEntry, WalkDir};

use crate::failure::{Failure, FailureCode};
use crate::report::FolderFound;
use crate::TestOptions;

/// The selection rules of a folder, compiled.
#[derive(Debug, Clone)]
pub struct Selection {
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Selection {
    /// Compile the folder's patterns.
    ///
    /// Errors: [`FailureCode::InvalidSettings`] naming the pattern that does not compile.
    pub fn new(settings: &FolderSettings) -> Result<Self, Failure> {
        let include = if settings.include.is_empty() {
            None
        } else {
            Some(globs(&settings.include)?)
        };
        Ok(Selection {
            include,
            exclude: globs(&settings.exclude)?,
        })
    }

    /// Whether a file at `relative` (to the folder) is selected.
    pub fn selects(&self, relative: &Path) -> bool {
        let included = match &self.include {
            None => true,
            Some(set) => matches(set, relative),
        };
        included && !matches(&self.exclude, relative)
    }

    /// Whether a folder at `relative` is left out, with everything in it.
    pub fn prunes(&self, relative: &Path) -> bool {
        matches(&self.exclude, relative)
    }

    /// Every file under `root` that the patterns select, in a stable order (names sorted
    /// within each folder), without descending into excluded folders or following symbolic
    /// links. Entries that cannot be read (a folder without permission) come out as
    /// [`Walked::Unreadable`] and the walk goes on. The walk is lazy: stop iterating to stop
    /// it.
    pub fn walk<'a>(&'a self, root: &'a Path) -> impl Iterator<Item = Walked> + 'a {
        self.entries(root).filter_map(move |entry| {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(Path::to_owned);
                    return Some(Walked::Unreadable { path });
                }
            };
            if !entry.file_type().is_file() {
                return None;
            }
            let relative = entry.path().strip_prefix(root).ok()?;
            if !self.selects(relative) {
                return None;
            }
            let walked = match entry.metadata() {
                Ok(meta) => Walked::File(WalkedFile {
                    relative: relative.to_owned(),
                    path: entry.into_path(),
                    bytes: meta.len(),
                }),
                Err(_) => Walked::Unreadable {
                    path: Some(entry.into_path()),
                },
            };
            Some(walked)
        })
    }

    /// The entries under `root`, excluded folders pruned.
    fn entries<'a>(
        &'a self,
        root: &'a Path,
    ) -> impl Iterator<Item = walkdir::Result<DirEntry>> + 'a {
        let relative = move |entry: &DirEntry| entry.path().strip_prefix(root).map(Path::to_owned);
        WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |entry| {
                entry.depth() == 0
                    || !entry.file_type().is_dir()
                    || relative(entry).map_or(true, |rel| !self.prunes(&rel))
            })
    }
}

/// What [`Selection::walk`] meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Walked {
    /// A selected file.
    File(WalkedFile),
    /// An entry that could not be read: a folder that may not be listed, a file whose
    /// metadata cannot be read. The path is missing when the error has none.
    Unreadable {
        /// The entry.
        path: Option<PathBuf>,
    },
}

/// A file selected by [`Selection::walk`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkedFile {
    /// Its full path (the root joined with `relative`).
    pub path: PathBuf,
    /// Its path relative to the walked folder.
    pub relative: PathBuf,
    /// Its size in bytes, when listed.
    pub bytes: u64,
}

fn globs(patterns: &[String]) -> Result<GlobSet, Failure> {
    let mut set = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern.trim()).map_err(|e| {
            Failure::new(
                FailureCode::InvalidSettings,
                format!(
                    "The pattern \"{pattern}\" is not valid. Use * for any name and ** for \
                         any folders, e.g. **/*.pdf."
                ),
            )
            .with_detail(e)
        })?;
        set.add(glob);
    }
    set.build().map_err(|e| {
        Failure::new(FailureCode::InvalidSettings, "The patterns cannot be used.").with_detail(e)
    })
}

fn matches(set: &GlobSet, relative: &Path) -> bool {
    set.is_match(relative) || relative.file_name().is_some_and(|name| set.is_match(name))
}

/// Walk the folder off the async runtime, stopping a little before the time limit.
pub(crate) async fn test(
    settings: &FolderSettings,
    options: &TestOptions,
) -> Result<FolderFound, Failure> {
    let selection = Selection::new(settings)?;
    let root = settings.path.clone();
    let max_files = options.max_files;
    // Leave a fifth of the time limit to report, so a long walk ends as "more than", not as
    // a timeout.
    let deadline = Instant::now() + options.timeout.mul_f32(0.8);
    tokio::task::spawn_blocking(move || walk(&root, &selection, max_files, deadline))
        .await
        .map_err(|e| Failure::new(FailureCode::Other, "The folder walk stopped.").with_detail(e))?
}

fn walk(
    root: &Path,
    selection: &Selection,
    max_files: u64,
    deadline: Instant,
) -> Result<FolderFound, Failure> {
    check_root(root)?;
    let mut found = FolderFound {
        path: root.display().to_string(),
        files: 0,
        bytes: 0,
        truncated: false,
        unreadable: 0,
    };
    let relative = |entry: &DirEntry| entry.path().strip_prefix(root).map(Path::to_owned);
    for (seen, entry) in selection.entries(root).enumerate() {
        if seen % 256 == 0 && Instant::now() >= deadline {
            found.truncated = true;
            break;
        }
        let Ok(entry) = entry else {
            found.unreadable += 1;
            continue;
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = relative(&entry) else { continue };
        if !selection.selects(&rel) {
            continue;
        }
        if found.files >= max_files {
            found.truncated = true;
            break;
        }
        match entry.metadata() {
            Ok(meta) => {
                found.files += 1;
                found.bytes += meta.len();
            }
            Err(_) => found.unreadable += 1,
        }
    }
    tracing::debug!(
        files = found.files,
        truncated = found.truncated,
        "folder walked"
    );
    Ok(found)
}

/// The folder must exist, be a folder, and be listable.
fn check_root(root: &Path) -> Result<(), Failure> {
    let shown = root.display();
    let not_readable = || {
        Failure::new(
            FailureCode::MissingPermission,
            format!("Passerelle may not read the folder {shown}. Ask for read access to it."),
        )
    };
    match std::fs::metadata(root) {
        Ok(meta) if !meta.is_dir() => Err(Failure::new(
            FailureCode::InvalidSettings,
            format!("{shown} is a file, not a folder. Choose the folder that holds the files."),
        )),
        Ok(_) => std::fs::read_dir(root)
            .map(drop)
            .map_err(|e| match e.kind() {
                ErrorKind::PermissionDenied => not_readable(),
                _ => Failure::new(
                    FailureCode::Other,
                    format!("The folder {shown} cannot be listed."),
                )
                .with_detail(e),
            }),
        Err(e) if e.kind() == ErrorKind::NotFound => Err(Failure::new(
            FailureCode::NotFound,
            format!(
                "There is no folder at {shown}. Check the path, and that the drive or share \
                 holding it is connected."
            ),
        )),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Err(not_readable()),
        Err(e) => Err(Failure::new(
            FailureCode::Unreachable,
            format!("The folder {shown} cannot be reached. Check that its share is connected."),
        )
        .with_detail(e)),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn selection(include: &[&str], exclude: &[&str]) -> Selection {
        let settings = FolderSettings {
            path: PathBuf::from("/srv"),
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        };
        Selection::new(&settings).expect("valid patterns")
    }

    #[test]
    fn a_name_pattern_selects_files_at_any_depth() {
        let pdfs = selection(&["*.pdf"], &[]);
        assert!(pdfs.selects(Path::new("a.pdf")), "at the top");
        assert!(pdfs.selects(Path::new("rh/2024/contrat.pdf")), "deep down");
        assert!(
            !pdfs.selects(Path::new("rh/notes.txt")),
            "other extensions are not selected"
        );
    }

    #[test]
    fn exclusions_win_over_inclusions_and_prune_folders() {
        let rules = selection(&["**/*.csv"], &["archive", "*.tmp.csv"]);
        assert!(rules.selects(Path::new("export/clients.csv")));
        assert!(
            !rules.selects(Path::new("export/clients.tmp.csv")),
            "excluded by name"
        );
        assert!(
            rules.prunes(Path::new("export/archive")),
            "a folder named archive anywhere"
        );
        assert!(
            !rules.prunes(Path::new("export")),
            "other folders are walked"
        );
    }

    #[test]
    fn a_walk_yields_the_selected_files_in_name_order_and_skips_pruned_folders() {
        let root = tempfile::tempdir().expect("temp dir");
        for file in ["b.csv", "a.csv", "notes.txt", "archive/old.csv", "rh/c.csv"] {
            let path = root.path().join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
            std::fs::write(&path, "x;y\n").expect("file");
        }
        let rules = selection(&["*.csv"], &["archive"]);
        let walked: Vec<_> = rules
            .walk(root.path())
            .map(|w| match w {
                Walked::File(file) => (file.relative.display().to_string(), file.bytes),
                Walked::Unreadable { path } => panic!("unreadable {path:?}"),
            })
            .collect();
        let expected = [("a.csv", 4), ("b.csv", 4), ("rh/c.csv", 4)];
        let expected: Vec<_> = expected.map(|(p, b)| (p.to_owned(), b)).into();
        assert_eq!(walked, expected, "csv files only, archive left out");
    }

    #[test]
    fn no_include_pattern_selects_everything() {
        assert!(selection(&[], &[]).selects(Path::new("any/file.bin")));
    }
}
