//! XLSX and ODS workbooks: every sheet, one record per row.
//!
//! A sheet's first used row is its header when all its cells are text that does not look like
//! data; otherwise fields are named by column letters. Cells read as a spreadsheet shows them:
//! numbers without a trailing `.0`, dates as ISO dates (`2024-03-05`, with the time when there
//! is one), booleans as `true`/`false`; error cells are left out.

use std::fs::File;
use std::io::BufReader;

use calamine::{Data, DataType, Ods, OdsError, Range, Reader, Xlsx, XlsxError};

use super::{column_letter, looks_like_header, FileError, Format, Location, Reading};

/// The first bytes of a compound file: what Office writes for a password-protected workbook.
pub(super) const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(super) fn read(
    file: File,
    format: Format,
    head: &[u8],
    reading: &mut Reading<'_>,
) -> Result<(), FileError> {
    let path = reading.path;
    let encrypted = || FileError::Encrypted {
        path: path.to_owned(),
        format,
    };
    if head.starts_with(COMPOUND_FILE) {
        return Err(encrypted());
    }
    if !head.starts_with(b"PK") {
        return Err(FileError::corrupt(path, format, "it is not a zip archive"));
    }

    let source = BufReader::new(file);
    match format {
        Format::Ods => {
            let book: Ods<_> = Ods::new(source).map_err(|e| ods_error(e, reading))?;
            read_book(book, reading, ods_error)
        }
        _ => {
            let book: Xlsx<_> = Xlsx::new(source).map_err(|e| xlsx_error(e, reading))?;
            read_book(book, reading, xlsx_error)
        }
    }
}

/// Every sheet in workbook order, one loaded at a time.
fn read_book<R, E>(
    mut book: R,
    reading: &mut Reading<'_>,
    failed: fn(E, &Reading<'_>) -> FileError,
) -> Result<(), FileError>
where
    R: Reader<BufReader<File>, Error = E>,
{
    let names = book.sheet_names();
    tracing::debug!(sheets = names.len(), "workbook opened");
    let mut at = reading.location();
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| failed(e, reading))?;
        at.sheet = Some(name);
        if read_sheet(&range, &mut at, reading).is_break() {
            break;
        }
    }
    Ok(())
}

fn read_sheet(
    range: &Range<Data>,
    at: &mut Location,
    reading: &mut Reading<'_>,
) -> std::ops::ControlFlow<()> {
    let Some((top, left)) = range.start() else {
        return std::ops::ControlFlow::Continue(());
    };
    let mut rows = range.rows().enumerate().peekable();
    let header = rows.peek().filter(|(_, cells)| {
        let texts = cells
            .iter()
            .all(|c| matches!(c, Data::String(_) | Data::Empty));
        texts && looks_like_header(cells.iter().filter_map(|c| c.get_string()))
    });
    let names: Vec<String> = (0..range.width())
        .map(|j| {
            let named = header.and_then(|(_, cells)| cells[j].get_string());
            match named.map(str::trim) {
                Some(name) if !name.is_empty() => name.to_owned(),
                _ => column_letter(left as usize + j),
            }
        })
        .collect();
    if header.is_some() {
        rows.next();
    }

    let mut fields = Vec::new();
    for (i, cells) in rows {
        fields.clear();
        for (name, cell) in names.iter().zip(cells) {
            if let Some(text) = cell_text(cell) {
                fields.push((name.clone(), text));
            }
        }
        at.row = Some(u64::from(top) + i as u64 + 1);
        reading.record(at, &fields)?;
    }
    std::ops::ControlFlow::Continue(())
}

/// A cell as the spreadsheet shows it; `None` when it shows nothing useful.
pub(super) fn cell_text(cell: &Data) -> Option<String> {
    let text = match cell {
        Data::Empty | Data::Error(_) => return None,
        Data::String(s) => s.trim().to_owned(),
        Data::Int(n) => n.to_string(),
        // Display prints 42.0 as "42" and keeps the digits a value has.
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(date) if date.is_datetime() => match date.as_datetime() {
            Some(when) if when.time() == chrono::NaiveTime::MIN => {
                when.date().format("%Y-%m-%d").to_string()
            }
            Some(when) => when.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => date.as_f64().to_string(),
        },
        Data::DateTime(duration) => duration.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
    };
    (!text.is_empty()).then_some(text)
}

fn xlsx_error(error: XlsxError, reading: &Reading<'_>) -> FileError {
    let path = reading.path;
    match error {
        XlsxError::Password => FileError::Encrypted {
            path: path.to_owned(),
            format: Format::Xlsx,
        },
        XlsxError::Io(e) => FileError::from_io(path, e),
        XlsxError::Zip(_) => FileError::corrupt(path, Format::Xlsx, "the zip archive is damaged"),
        other => FileError::corrupt(path, Format::Xlsx, other),
    }
}

fn ods_error(error: OdsError, reading: &Reading<'_>) -> FileError {
    let path = reading.path;
    match error {
        OdsError::Password => FileError::Encrypted {
            path: path.to_owned(),
            format: Format::Ods,
        },
        OdsError::Io(e) => FileError::from_io(path, e),
        OdsError::Zip(_) => FileError::corrupt(path, Format::Ods, "the zip archive is damaged"),
        other => FileError::corrupt(path, Format::Ods, other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lose_their_trailing_zero_but_keep_their_digits() {
        assert_eq!(cell_text(&Data::Float(42.0)).as_deref(), Some("42"));
        assert_eq!(cell_text(&Data::Float(0.25)).as_deref(), Some("0.25"));
        assert_eq!(cell_text(&Data::Int(-3)).as_deref(), Some("-3"));
        assert_eq!(cell_text(&Data::String("  ".into())), None);
    }
}
