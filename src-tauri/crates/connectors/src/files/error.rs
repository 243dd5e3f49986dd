//! Why a file could not be read, said for the person who has to do something about it.

use std::io;
use std::path::{Path, PathBuf};

use super::Format;

/// A file that could not be read. Every message names the file, says what is wrong and what
/// to do; none holds the file's content.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FileError {
    /// The operating system refused to open the file.
    #[error(
        "file {}: passerelle may not read it (permission denied); ask for read access to it",
        path.display()
    )]
    PermissionDenied {
        /// The file.
        path: PathBuf,
    },
    /// There is no file at the path (any more).
    #[error(
        "file {}: not found; it may have been moved or deleted since the folder was listed",
        path.display()
    )]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// Reading failed half-way (a share that went away, a disk error).
    #[error(
        "file {}: could not be read ({source}); check that its drive or share is connected",
        path.display()
    )]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The file is bigger than [`super::ReadOptions::max_file_bytes`].
    #[error(
        "file {}: too large to search ({bytes} bytes, the limit is {limit}); split it, or raise \
         the limit",
        path.display()
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// Not a format Passerelle reads.
    #[error(
        "file {}: not a format passerelle reads (csv, tsv, xlsx, ods, json, ndjson, txt, log, \
         pdf, docx, eml)",
        path.display()
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The file does not parse as its format.
    #[error(
        "file {}: not a valid {} file ({reason}); {}",
        path.display(),
        format.label(),
        repair(*format)
    )]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// The format it was read as.
        format: Format,
        /// What the parser stumbled on, without any of the file's content.
        reason: String,
        /// The line it stumbled on, when the parser says (a JSON document cut short).
        line: Option<u64>,
    },
    /// The file is protected by a password.
    #[error(
        "file {}: the {} file is protected by a password; ask its owner for a copy without \
         password, or search it by hand",
        path.display(),
        format.label()
    )]
    Encrypted {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: Format,
    },
    /// The text is in an encoding Passerelle does not decode.
    #[error(
        "file {}: written in an encoding passerelle does not read ({encoding}); save it again \
         as UTF-8",
        path.display()
    )]
    UnsupportedEncoding {
        /// The file.
        path: PathBuf,
        /// The encoding, as far as it could be told.
        encoding: String,
    },
}

impl FileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::PermissionDenied { path }
            | FileError::NotFound { path }
            | FileError::Io { path, .. }
            | FileError::TooLarge { path, .. }
            | FileError::Unsupported { path }
            | FileError::Corrupt { path, .. }
            | FileError::Encrypted { path, .. }
            | FileError::UnsupportedEncoding { path, .. } => path,
        }
    }

    /// Classify an error of the operating system.
    pub(crate) fn from_io(path: &Path, source: io::Error) -> Self {
        let path = path.to_owned();
        match source.kind() {
            io::ErrorKind::PermissionDenied => FileError::PermissionDenied { path },
            io::ErrorKind::NotFound => FileError::NotFound { path },
            _ => FileError::Io { path, source },
        }
    }

    /// A file that does not parse as `format`.
    pub(crate) fn corrupt(path: &Path, format: Format, reason: impl ToString) -> Self {
        FileError::Corrupt {
            path: path.to_owned(),
            format,
            reason: reason.to_string(),
            line: None,
        }
    }

    /// A file that does not parse as `format`, from line `line` on.
    pub(crate) fn corrupt_at(
        path: &Path,
        format: Format,
        reason: impl ToString,
        line: u64,
    ) -> Self {
        FileError::Corrupt {
            path: path.to_owned(),
            format,
            reason: reason.to_string(),
            line: Some(line),
        }
    }
}

/// What a person can do about a damaged file of this format.
fn repair(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "open it in Excel and save it again",
        Format::Ods => "open it in LibreOffice Calc and save it again",
        Format::Docx => "open it in Word and save it again",
        Format::Pdf => "open it in a PDF reader and print it to a new PDF",
        Format::Eml => "export the message again from the mail client",
        Format::Csv | Format::Json | Format::Ndjson | Format::Text => {
            "export the file again from the system it comes from"
        }
    }
}
