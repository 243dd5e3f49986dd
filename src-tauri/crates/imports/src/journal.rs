//! The apply journal: one JSON line per step, appended and flushed to disk before the next
//! call to Dastra.
//!
//! Each row that writes gets a `begin` line (with the record's before-image, read just before
//! the write) before the request is sent, and a `done` line (with its [`RowOutcome`]) after the
//! answer. A row with a `begin` and no `done` was interrupted mid-call: applying the plan again
//! reconciles it with what Dastra holds instead of writing blindly. The before-images are what
//! an undo restores.
//!
//! A crash while a line is being written leaves a torn last line, which reading skips.
//!
//! Two places can hold a journal: a JSON-lines file ([`Journal::open`], in clear, for tests
//! and tools), or the app database ([`Journal::open_sealed`]): a table `import_journal` of
//! `passerelle.db` whose entries are sealed with the key the findings store uses (from the OS
//! keyring), since before-images are business and sometimes personal data. Only the plan id
//! and the row index are in clear, to find a plan's entries. Each entry is committed before
//! [`Journal::append`] returns, so a process killed at any point leaves every entry it
//! appended.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::apply::RowOutcome;
use crate::{Error, Result};

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "phase", rename_all = "camelCase")]
pub enum JournalEntry {
    /// A write is about to be sent.
    Begin {
        /// The plan's id.
        plan: String,
        /// The row's index in the plan.
        row: usize,
        /// The record as it was just before the write; `None` for a create.
        before: Option<Value>,
    },
    /// A row is finished.
    Done {
        /// The plan's id.
        plan: String,
        /// The row's index in the plan.
        row: usize,
        /// What happened.
        outcome: RowOutcome,
    },
}

/// What the journal says of one row.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowState {
    /// The before-image of the last `begin`, when one was written (`Some(None)` for a create).
    pub begun: Option<Option<Value>>,
    /// The outcome of the last `done`, when one was written.
    pub done: Option<RowOutcome>,
}

/// An append-only journal: a file, or a sealed table of the app database.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    backend: Backend,
}

#[derive(Debug)]
enum Backend {
    File(Mutex<File>),
    Database(Mutex<crate::sealed::SealedJournal>),
}

impl Journal {
    /// Open (or create) the journal at `path`, appending to what it holds.
    pub fn open(path: impl AsRef<Path>) -> Result<Journal> {
        let path = path.as_ref().to_path_buf();
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|source| Error::Journal {
                path: path.clone(),
                source,
            })?;
        Ok(Journal {
            path,
            backend: Backend::File(Mutex::new(file)),
        })
    }

    /// Open (or create) the journal table of the app database at `database`
    /// (`passerelle.db`), its entries sealed with `key`; see the module docs.
    pub fn open_sealed(
        database: impl AsRef<Path>,
        key: passerelle_discovery::SealKey,
    ) -> Result<Journal> {
        let path = database.as_ref().to_path_buf();
        let sealed =
            crate::sealed::SealedJournal::open(&path, key).map_err(|source| Error::Journal {
                path: path.clone(),
                source,
            })?;
        Ok(Journal {
            path,
            backend: Backend::Database(Mutex::new(sealed)),
        })
    }

    /// The file's path (the database's, for a sealed journal).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append `entry` and flush it to disk before returning.
    pub fn append(&self, entry: &JournalEntry) -> Result<()> {
        let mut line = serde_json::to_string(entry).expect("BUG: an entry always serialises");
        match &self.backend {
            Backend::File(file) => {
                line.push('\n');
                let mut file = file.lock().expect("BUG: a journal writer panicked");
                file.write_all(line.as_bytes())
                    .and_then(|()| file.sync_data())
                    .map_err(|source| self.error(source))
            }
            Backend::Database(db) => {
                let (plan, row) = match entry {
                    JournalEntry::Begin { plan, row, .. }
                    | JournalEntry::Done { plan, row, .. } => (plan.as_str(), *row),
                };
                let db = db.lock().expect("BUG: a journal writer panicked");
                db.append(plan, row, line.as_bytes())
                    .map_err(|source| self.error(source))
            }
        }
    }

    /// Every entry, in order; a torn or unreadable line is skipped.
    pub fn entries(&self) -> Result<Vec<JournalEntry>> {
        self.entries_of(None)
    }

    /// Every entry of `plan` (all when `None`), in order.
    fn entries_of(&self, plan: Option<&str>) -> Result<Vec<JournalEntry>> {
        if let Backend::Database(db) = &self.backend {
            let db = db.lock().expect("BUG: a journal writer panicked");
            let texts = db.entries(plan).map_err(|source| self.error(source))?;
            return Ok(texts
                .iter()
                .filter_map(|t| serde_json::from_slice(t).ok())
                .collect());
        }
        let file = File::open(&self.path).map_err(|source| self.error(source))?;
        let mut out = Vec::new();
        for line in BufReader::new(file).lines() {
            let line = line.map_err(|source| self.error(source))?;
            if let Ok(entry) = serde_json::from_str(&line) {
                out.push(entry);
            }
        }
        Ok(out)
    }

    /// The state of each row of plan `plan` that the journal mentions, by row index.
    pub fn rows(&self, plan: &str) -> Result<HashMap<usize, RowState>> {
        let mut out: HashMap<usize, RowState> = HashMap::new();
        for entry in self.entries_of(Some(plan))? {
            match entry {
                JournalEntry::Begin {
                    plan: p,
                    row,
                    before,
                } if p == plan => {
                    let state = out.entry(row).or_default();
                    state.begun = Some(before);
                    state.done = None;
                }
                JournalEntry::Done {
                    plan: p,
                    row,
                    outcome,
                } if p == plan => {
                    out.entry(row).or_default().done = Some(outcome);
                }
                _ => {}
            }
        }
        Ok(out)
    }

    fn error(&self, source: std::io::Error) -> Error {
        Error::Journal {
            path: self.path.clone(),
            source,
        }
    }
}
