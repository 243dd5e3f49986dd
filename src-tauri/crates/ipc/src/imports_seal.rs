//! What keeps an import's mapped values and before-images out of clear text: the sealed
//! journal of `passerelle.db` and the one helper that seals the plan folder's files.
//!
//! A plan, the plan as applied and the import's state (with the rows the DPO resolved by
//! taking the source) hold the source's values, and the journal holds Dastra's records as they
//! were before each write: all are sealed with the key the findings store uses, kept in the OS
//! keyring ([`passerelle_discovery::SealKey`]). The profile is configuration, not data, and
//! stays in clear beside them. Without the keyring there is no key, and the import commands
//! say so rather than write clear text.

use std::path::Path;
use std::sync::Arc;

use passerelle_discovery::SealKey;
use passerelle_imports::Journal;

use crate::error::{ErrorCode, IpcError};

/// The sealing of the window's imports: the key, and the journal table it seals.
pub struct ImportSeal {
    key: SealKey,
    /// The apply and undo journal (`import_journal` in `passerelle.db`), shared by every run.
    pub(crate) journal: Arc<Journal>,
}

impl std::fmt::Debug for ImportSeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportSeal")
            .field("journal", &self.journal.path())
            .finish_non_exhaustive()
    }
}

impl ImportSeal {
    /// Open the journal table of `database` (`passerelle.db`, made if absent), sealing the
    /// journal and the plan files with `key`. Blocks until the database is open.
    pub fn open(database: &Path, key: SealKey) -> Result<ImportSeal, IpcError> {
        let journal = Journal::open_sealed(database, key.clone()).map_err(|e| {
            let msg = format!("the import journal cannot be opened: {e}");
            IpcError::new(ErrorCode::Internal, msg)
        })?;
        Ok(ImportSeal {
            key,
            journal: Arc::new(journal),
        })
    }

    /// Seal `text` into `path`, through a temp file renamed over it.
    pub(crate) fn write(&self, path: &Path, text: &str) -> Result<(), IpcError> {
        let sealed = self.key.seal(text.as_bytes());
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, sealed)
            .and_then(|()| std::fs::rename(&tmp, path))
            .map_err(|e| {
                let msg = format!("the import file {} cannot be written: {e}", path.display());
                IpcError::new(ErrorCode::Internal, msg)
            })
    }

    /// The text sealed in `path` by [`ImportSeal::write`].
    pub(crate) fn read(&self, path: &Path) -> Result<String, IpcError> {
        let internal = |what: String| IpcError::new(ErrorCode::Internal, what);
        let sealed = std::fs::read(path).map_err(|e| {
            internal(format!(
                "the import file {} cannot be read: {e}",
                path.display()
            ))
        })?;
        let text = self.key.open(&sealed).map_err(|_| {
            internal(format!(
                "the import file {} cannot be unsealed: it was sealed with another key than the \
                 one in the OS keyring, or it is damaged",
                path.display()
            ))
        })?;
        String::from_utf8(text)
            .map_err(|_| internal(format!("the import file {} is damaged", path.display())))
    }
}
