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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

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
use crate::store::{RunState, UnitOutcome};

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

    if run.cancel.is_cancelled() {
        return Ok(RunState::Cancelled);
    }
    let mut pending = pending_files(run, files).await?;
    let screen = Arc::new(Screened(
        built.await.expect("building the prefilter does not panic"),
    ));
    // The biggest files first, so that the workers finish together rather than one of them
    // reading a big file alone at the end.
    pending.sort_by_key(|(file, _)| std::cmp::Reverse(file.bytes));

    read_and_store(run, pending.into(), screen).await
}

/// The files not done yet (all of them, unless the job is resumed), with their units.
async fn pending_files(
    run: &SourceRun,
    files: Vec<WalkedFile>,
) -> Result<Vec<(WalkedFile, String)>, SourceError> {
    let units: Vec<String> = files
        .iter()
        .map(|file| file.relative.to_string_lossy().into_owned())
        .collect();
    let done = run
        .store
        .units_done(&run.job_id, &run.source_id, &units)
        .await?;
    Ok(files
        .into_iter()
        .zip(units)
        .zip(done)
        .filter_map(|(file, done)| (!done).then_some(file))
        .collect())
}

/// Read `pending` (the files not yet done, in their order) and store each file's outcome.
///
/// Files are read on `file_workers` blocking threads, each taking the next file as soon as it
/// is done with one; their outcomes are stored as they come while the workers go on (a big
/// file does not hold the others up), those that came while the last ones were being stored
/// together, in one transaction (at most [`STORED_AT_ONCE`]). Once the storing stops (done,
/// cancelled, failed), the workers stop after the file they are reading.
///
/// NOTE: a worker that went to sleep between two files (a blocking task per file, started once
/// the last one's outcome was handed over) often waited a millisecond or more for a core when
/// woken, another process's or the storing's, on every file; these workers stay awake until
/// the files run out, the storing falls [`OUTCOMES_QUEUED`] files behind, or it stops.
async fn read_and_store(
    run: &mut SourceRun,
    pending: Arc<[(WalkedFile, String)]>,
    screen: Arc<Screened>,
) -> Result<RunState, SourceError> {
    let next = Arc::new(NextFile::default());
    let _stop = StopOnDrop(Arc::clone(&next));
    let (sent, mut outcomes) = tokio::sync::mpsc::channel(OUTCOMES_QUEUED);
    let workers = run.options.file_workers.max(1).min(pending.len());
    let mut handles = Vec::with_capacity(workers);
    for _ in 0..workers {
        let (pending, next, sent) = (Arc::clone(&pending), Arc::clone(&next), sent.clone());
        let (matcher, screen) = (Arc::clone(&run.matcher), Arc::clone(&screen));
        let (read, cancel) = (run.options.read.clone(), run.cancel.clone());
        let source = run.source_id.clone();
        handles.push(tokio::task::spawn_blocking(move || {
            while let Some(index) = next.take(pending.len(), &cancel) {
                let file = &pending[index].0;
                let scan = scan_file(
                    &file.path,
                    &file.relative,
                    &matcher,
                    &screen,
                    &read,
                    &cancel,
                    &source,
                );
                if sent.blocking_send((index, scan)).is_err() {
                    break; // the storing stopped
                }
            }
        }));
    }
    drop(sent);

    let (mut stored, mut batch) = (0, Vec::with_capacity(STORED_AT_ONCE));
    while outcomes.recv_many(&mut batch, STORED_AT_ONCE).await > 0 {
        if run.cancel.is_cancelled() || batch.iter().any(|(_, scan)| scan.cancelled) {
            return Ok(RunState::Cancelled);
        }
        store_outcomes(run, &pending, &batch).await?;
        stored += batch.len();
        batch.clear();
    }
    // Every worker is done (the channel closed with their senders): a panic shows here.
    for handle in handles {
        handle.await.expect("reading a file does not panic");
    }
    // Workers stop early only when the job is cancelled.
    Ok(if stored < pending.len() {
        RunState::Cancelled
    } else {
        RunState::Done
    })
}

/// Outcomes read and not yet stored, at most: the workers wait beyond (an outcome holds a
/// file's findings, not its bytes).
const OUTCOMES_QUEUED: usize = 64;

/// Outcomes stored in one transaction, at most, when the storing has fallen behind.
const STORED_AT_ONCE: usize = 16;

/// The next file for a worker to read, shared by the workers, and whether to stop.
#[derive(Default)]
struct NextFile {
    index: AtomicUsize,
    stop: AtomicBool,
}

impl NextFile {
    /// The index of the next file to read, among `count`; `None` once they are all taken, the
    /// job is cancelled or the storing stopped.
    fn take(&self, count: usize, cancel: &CancellationToken) -> Option<usize> {
        if self.stop.load(Ordering::Relaxed) || cancel.is_cancelled() {
            return None;
        }
        let index = self.index.fetch_add(1, Ordering::Relaxed);
        (index < count).then_some(index)
    }
}

/// Tells the workers to stop after their file when the scan ends, whichever way it ends.
struct StopOnDrop(Arc<NextFile>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.stop.store(true, Ordering::Relaxed);
    }
}

/// Store what reading some files gave (`batch`: their indexes in `pending`, and what each
/// gave), in one transaction: their findings and issues, their units checkpointed.
async fn store_outcomes(
    run: &mut SourceRun,
    pending: &[(WalkedFile, String)],
    batch: &[(usize, FileScan)],
) -> Result<(), SourceError> {
    let mut issues = Vec::with_capacity(batch.len());
    for (index, scan) in batch {
        let (file, unit) = &pending[*index];
        issues.push(match &scan.error {
            None => None,
            Some(FileError::Unsupported { .. }) => {
                run.progress.skipped += 1;
                None
            }
            Some(err) => Some(Issue {
                source_id: run.source_id.clone(),
                unit: unit.clone(),
                code: issue_code(err).into(),
                message: err.to_string(),
            }),
        });
        run.progress.items += scan.items;
        run.progress.bytes += file.bytes;
    }
    let outcomes: Vec<UnitOutcome<'_>> = batch
        .iter()
        .zip(&issues)
        .map(|((index, scan), issue)| UnitOutcome {
            unit: &pending[*index].1,
            findings: &scan.findings,
            issues: issue.as_slice(),
        })
        .collect();
    let (store, job, source) = (run.store.clone(), run.job_id.clone(), run.source_id.clone());
    store
        .complete_units(&job, &source, &outcomes, &mut run.progress)
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
