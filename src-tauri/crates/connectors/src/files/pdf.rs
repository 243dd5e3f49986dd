//! PDF documents: the text of each page, one text piece per non-blank line.
//!
//! Text comes from the page's content stream through `lopdf` (fonts with a standard or
//! `ToUnicode` encoding). A scanned page has no text and yields nothing: OCR is out of scope.
//! A page whose text cannot be decoded is skipped and counted in the summary, not fatal. A
//! PDF that opens with the empty user password (restrictions only) is read.

use std::fs::File;
use std::io::Read;

use lopdf::{Document, Error as PdfError};

use super::{FileError, Format, Reading};

pub(super) fn read(file: File, bytes: u64, reading: &mut Reading<'_>) -> Result<(), FileError> {
    let path = reading.path;
    let mut raw = Vec::with_capacity(usize::try_from(bytes).unwrap_or(0));
    file.take(bytes)
        .read_to_end(&mut raw)
        .map_err(|e| FileError::from_io(path, e))?;
    let document = Document::load_mem(&raw).map_err(|e| pdf_error(e, reading))?;
    drop(raw);
    // lopdf tries the empty user password and, when it is refused, loads the document still
    // encrypted (its trailer keeps `/Encrypt`).
    if document.trailer.has(b"Encrypt") {
        return Err(FileError::Encrypted {
            path: path.to_owned(),
            format: Format::Pdf,
        });
    }
    let pages = document.get_pages();
    tracing::debug!(pages = pages.len(), "pdf opened");

    let mut at = reading.location();
    for &number in pages.keys() {
        let mut text = String::new();
        for chunk in document.extract_text_chunks(&[number]) {
            match chunk {
                Ok(chunk) => text.push_str(&chunk),
                Err(e) => {
                    tracing::debug!(page = number, error = %e, "pdf text not decoded");
                    reading.skipped += 1;
                }
            }
        }
        at.page = Some(number);
        for (i, line) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
            at.line = Some(i as u64 + 1);
            if reading.text(&at, line).is_break() {
                return Ok(());
            }
        }
    }
    Ok(())
}

fn pdf_error(error: PdfError, reading: &Reading<'_>) -> FileError {
    let path = reading.path;
    match error {
        PdfError::InvalidPassword | PdfError::Decryption(_) | PdfError::AlreadyEncrypted => {
            FileError::Encrypted {
                path: path.to_owned(),
                format: Format::Pdf,
            }
        }
        PdfError::IO(e) => FileError::from_io(path, e),
        other => {
            tracing::debug!(error = %other, "pdf does not open");
            let reason = match other {
                PdfError::Xref(_) | PdfError::InvalidOffset(_) => {
                    "its cross-reference table is broken, the file may be truncated"
                }
                _ => "its structure cannot be parsed",
            };
            FileError::corrupt(path, Format::Pdf, reason)
        }
    }
}
