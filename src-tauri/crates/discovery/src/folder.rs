//! A folder source: every selected file read into pieces, each piece matched.
//!
//! The unit of work is a file (its path relative to the folder). Files that Passerelle does
//! not read (images, archives) are counted as skipped; files it cannot read (damaged,
//! encrypted, unreadable) are issues and the job goes on.
//!
//! Text files are screened before they are parsed, with the subject's
//! [`Prefilter`]: a CSV, text, JSON or NDJSON file without one of her anchors is not parsed at
//! all, and in CSV, text and NDJSON files only the records and lines holding one are. Several
//! files are read at once ([`crate::RunOptions::file_workers`]). A file's items count the
//! pieces parsed.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::Arc;

use futures::future::{self, Either};
use futures::stream::{self, StreamExt};
use futures::SinkExt;
use passerelle_connectors::files::{
    read_file_screened, FileError, Location, Piece, ReadOptions, Screen,
};
use passerelle_connectors::folder::{Selection, Walked, WalkedFile};
use passerelle_connectors::{Failure, FailureCode};
use passerelle_matching::{Matcher, Prefilter, Syntax};
use passerelle_vault::settings::FolderSettings;

use crate::finding::{Finding, FindingLocation, Issue};
use crate::job::{CancellationToken, SourceError, SourceRun};
use crate::record::finding_of;
use crate::store::RunState;

/// The subject's prefilter, as the file readers' screen: files and lines without one of her
/// anchors are not parsed (see `passerelle_matching::Prefilter`).
struct Screened(Prefilter);

impl Screen for Screened {
    fn hits(&self, bytes: &[u8], json: bool) -> Vec<std::ops::Range<usize>> {
        let syntax = if json { Syntax::Json } else { Syntax::Text };
        self.0.hits(bytes, syntax)
    }
}

/// What reading one file gave.
struct FileScan {
    findings: Vec<Finding>,
    items: u64,
    error: Option<FileError>,
    cancelled: bool,
}

/// Scan the folder; see the module's documentation.
pub(crate) async fn scan(
    run: &mut SourceRun,
    settings: &FolderSettings,
) -> Result<RunState, SourceError> {
    let root = settings.path.clone();
    if !root.is_dir() {
        return Err(Failure::new(
            FailureCode::NotFound,
            format!(
                "The folder {} cannot be found. Check the path, and that the drive or share \
                 holding it is connected.",
                root.display()
            ),
        )
        .into());
    }
    // The prefilter is built while the folder is walked.
    let built = {
        let matcher = Arc::clone(&run.matcher);
        tokio::task::spawn_blocking(move || matcher.prefilter())
    };
    let walk_settings = settings.clone();
    let walked = tokio::task::spawn_blocking(move || -> Result<Vec<Walked>, Failure> {
        let selection = Selection::new(&walk_settings)?;
        Ok(selection.walk(&walk_settings.path).collect())
    })
    .await
    .expect("the folder walk does not panic")?;

    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for entry in walked {
        match entry {
            Walked::File(file) => files.push(file),
            Walked::Unreadable { path } => unreadable.push(path),
        }
    }
    run.progress.units_total = Some((files.len() + unreadable.len()) as u64);
    run.progress.bytes_total = Some(files.iter().map(|f| f.bytes).sum());

    for path in unreadable {
        let unit = match &path {
            Some(p) => relative(&root, p),
            None => "?".to_string(),
        };
        if run
            .store
            .unit_done(&run.job_id, &run.source_id, &unit)
            .await?
        {
            continue;
        }
        let issue = Issue {
            source_id: run.source_id.clone(),
            unit: unit.clone(),
            code: "unreadable".into(),
            message: format!(
                "{unit} could not be listed or read: the account running Passerelle lacks the \
                 right to it. Give it read access, or exclude it."
            ),
        };
        let (store, job, source) = (run.store.clone(), run.job_id.clone(), run.source_id.clone());
        store
            .complete_unit(&job, &source, &unit, &[], &[issue], &mut run.progress)
            .await?;
    }

    let mut pending = Vec::new();
    for file in files {
        if run.cancel.is_cancelled() {
            return Ok(RunState::Cancelled);
        }
        let unit = file.relative.to_string_lossy().into_owned();
        if !run
            .store
            .unit_done(&run.job_id, &run.source_id, &unit)
            .await?
        {
            pending.push((file, unit));
        }
    }
    let screen = Arc::new(Screened(
        built.await.expect("building the prefilter does not panic"),
    ));
    // The biggest files first, so that the workers finish together rather than one of them
    // reading a big file alone at the end.
    pending.sort_by_key(|(file, _)| std::cmp::Reverse(file.bytes));

    // Files are read `file_workers` at a time on blocking threads; their outcomes are stored
    // as they come, one transaction each (a big file does not hold the others up). Reading
    // and storing go on side by side: a file's outcome waits in the channel while the one
    // before is stored, and the next file is started meanwhile.
    let workers = run.options.file_workers.max(1);
    let (mut outcomes, mut read) = futures::channel::mpsc::channel(workers);
    let reading = {
        let (matcher, options) = (Arc::clone(&run.matcher), run.options.read.clone());
        let (cancel, source) = (run.cancel.clone(), run.source_id.clone());
        let scans = stream::iter(pending).map(move |(file, unit)| {
            let (path, relative) = (file.path.clone(), file.relative.clone());
            let (matcher, screen) = (Arc::clone(&matcher), Arc::clone(&screen));
            let (read, cancel, source) = (options.clone(), cancel.clone(), source.clone());
            async move {
                let scan = tokio::task::spawn_blocking(move || {
                    scan_file(&path, &relative, &matcher, &screen, &read, &cancel, &source)
                })
                .await
                .expect("reading a file does not panic");
                (file, unit, scan)
            }
        });
        async move {
            let mut scans = scans.buffer_unordered(workers);
            while let Some(outcome) = scans.next().await {
                if outcomes.send(outcome).await.is_err() {
                    break;
                }
            }
        }
    };
    let storing = async move {
        while let Some((file, unit, scan)) = read.next().await {
            if scan.cancelled || run.cancel.is_cancelled() {
                return Ok(RunState::Cancelled);
            }
            store_outcome(run, &file, &unit, &scan).await?;
        }
        Ok(RunState::Done)
    };
    // Once the storing stops (done, cancelled, failed), the reading is dropped with it.
    match future::select(std::pin::pin!(storing), std::pin::pin!(reading)).await {
        Either::Left((state, _)) => state,
        Either::Right(((), storing)) => storing.await,
    }
}

/// Store what reading one file gave: its findings and issues, its unit checkpointed.
async fn store_outcome(
    run: &mut SourceRun,
    file: &WalkedFile,
    unit: &str,
    scan: &FileScan,
) -> Result<(), SourceError> {
    let mut issues = Vec::new();
    match &scan.error {
        None => {}
        Some(FileError::Unsupported { .. }) => run.progress.skipped += 1,
        Some(err) => issues.push(Issue {
            source_id: run.source_id.clone(),
            unit: unit.to_owned(),
            code: issue_code(err).into(),
            message: err.to_string(),
        }),
    }
    run.progress.items += scan.items;
    run.progress.bytes += file.bytes;
    let (store, job, source) = (run.store.clone(), run.job_id.clone(), run.source_id.clone());
    store
        .complete_unit(
            &job,
            &source,
            unit,
            &scan.findings,
            &issues,
            &mut run.progress,
        )
        .await?;
    run.report(RunState::Running, None);
    Ok(())
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

fn issue_code(err: &FileError) -> &'static str {
    match err {
        FileError::PermissionDenied { .. } | FileError::Io { .. } => "unreadable",
        FileError::NotFound { .. } => "vanished",
        FileError::TooLarge { .. } => "tooLarge",
        FileError::Corrupt { .. } => "corrupt",
        FileError::Encrypted { .. } => "encrypted",
        FileError::UnsupportedEncoding { .. } => "encoding",
        _ => "unreadable",
    }
}

/// Read one file, matching every piece (runs on a blocking thread).
fn scan_file(
    path: &Path,
    relative: &Path,
    matcher: &Matcher,
    screen: &Screened,
    read: &ReadOptions,
    cancel: &CancellationToken,
    source_id: &str,
) -> FileScan {
    let mut findings = Vec::new();
    let mut items = 0u64;
    let mut cancelled = false;
    let mut sink = |piece: Piece<'_>| {
        if cancel.is_cancelled() {
            cancelled = true;
            return ControlFlow::Break(());
        }
        items += 1;
        let (at, fields): (&Location, Vec<(&str, &str)>) = match piece {
            Piece::Record { at, fields } => (
                at,
                fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
            ),
            Piece::Text { at, text } => (at, vec![("text", text)]),
        };
        if let Some(found) = matcher.match_record(&fields) {
            let location = FindingLocation::File {
                path: relative.to_string_lossy().into_owned(),
                sheet: at.sheet.clone(),
                row: at.row,
                page: at.page,
                line: at.line,
            };
            findings.push(finding_of(source_id, location, &fields, &found));
        }
        ControlFlow::Continue(())
    };
    let error = read_file_screened(path, read, screen, &mut sink).err();
    FileScan {
        findings,
        items,
        error,
        cancelled,
    }
}
