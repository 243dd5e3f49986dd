//! Tables for imports: a CSV, workbook or JSON file read strictly as a header and its rows.
//!
//! Discovery reads files leniently ([`super::read_file`]: a guessed header, ragged rows named
//! by letters, every sheet). An import must not guess: a column read under the wrong name
//! writes the wrong field in Dastra. So [`read_table`] takes the first row as the header,
//! reads one sheet, and refuses what it cannot read for sure, each refusal a
//! [`TableError`] naming the file, the row or column, and what to do:
//!
//! - an empty file, or a header without rows;
//! - a binary file, or text that is not in the encoding asked for;
//! - two columns with the same header, a column of values without a header;
//! - a row with more or fewer cells than the header (the first rows are quoted);
//! - a JSON document whose records are not where the options say, or are not objects.
//!
//! Rows are numbered as a person finds them: a CSV row by its line in a spreadsheet (the
//! header is row 1), a sheet row by the sheet's row number, a JSON record by its rank from 1.
//! Empty cells are left out of a row's fields, as the mapping expects.

use std::fmt;
use std::path::{Path, PathBuf};

use calamine::{Ods, Reader, Xlsx};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{column_letter, decode, delimited, detect_format, json, sheet, FileError, Format};

/// How [`read_table`] reads a file; every option is detected when not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableOptions {
    /// The format; from the extension (checked against the content) when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// A CSV file's delimiter (`;`); detected from the first rows when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<char>,
    /// A CSV file's encoding (`windows-1252`, `utf-8`); detected when not given: a byte order
    /// mark, else UTF-8 when the whole file is valid UTF-8, else Windows-1252.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The sheet of a workbook; the first one when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Where a JSON document's records are: a dotted path of keys (`result`, `data.items`);
    /// the document itself must be an array when not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<String>,
}

/// One row of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRow {
    /// The row's number, as a person finds it (see the module docs).
    pub row: u64,
    /// `(header, value)` for each non-empty cell, in column order.
    pub fields: Vec<(String, String)>,
}

/// A file read as a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// The format it was read as.
    pub format: Format,
    /// The column names: a CSV or sheet header, or every field path of the JSON records in
    /// the order they first appear.
    pub headers: Vec<String>,
    /// The rows, in file order; never empty.
    pub rows: Vec<TableRow>,
    /// The encoding a CSV file was read in (`UTF-8`, `windows-1252`).
    pub encoding: Option<String>,
    /// A CSV file's delimiter.
    pub delimiter: Option<char>,
    /// The sheet of a workbook that was read.
    pub sheet: Option<String>,
}

/// Why a file cannot be imported as a table. Messages name the file and say what to do; they
/// quote headers and counts, never a cell.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// The file could not be read at all (see [`FileError`]).
    #[error(transparent)]
    File(#[from] FileError),
    /// Nothing in the file, or a header and no row.
    #[error("file {}: {what}; export the data again, with its header row and at least one row", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
        /// `it is empty`, `it holds a header but no rows`…
        what: String,
    },
    /// Bytes no text file holds.
    #[error(
        "file {}: binary content, not a {} file (it may be another format renamed); export \
         the data again as {}",
        path.display(), format.label(), format.label()
    )]
    Binary {
        /// The file.
        path: PathBuf,
        /// The format it was expected in.
        format: Format,
    },
    /// The text is not in the encoding the options name.
    #[error(
        "file {}: line {line} is not valid {encoding}; give the file's real encoding (such as \
         windows-1252 for an Excel CSV saved on Windows), or save it again as UTF-8",
        path.display()
    )]
    WrongEncoding {
        /// The file.
        path: PathBuf,
        /// The encoding asked for.
        encoding: String,
        /// The first line that does not decode.
        line: u64,
    },
    /// An encoding name that Passerelle does not know.
    #[error(
        "file {}: unknown encoding « {encoding} »; use a name such as utf-8, windows-1252 or \
         iso-8859-15",
        path.display()
    )]
    UnknownEncoding {
        /// The file.
        path: PathBuf,
        /// The name given.
        encoding: String,
    },
    /// Two columns with the same header.
    #[error(
        "file {}: the header « {header} » names both column {first} and column {second}; \
         rename one of them so that each column has its own name",
        path.display()
    )]
    DuplicateHeader {
        /// The file.
        path: PathBuf,
        /// The header.
        header: String,
        /// The first column holding it (`B`).
        first: String,
        /// The other one.
        second: String,
    },
    /// A column with values but no header.
    #[error(
        "file {}: column {column} holds values (row {row} first) but has no header; give it a \
         name in the header row, or delete the column",
        path.display()
    )]
    UnnamedColumn {
        /// The file.
        path: PathBuf,
        /// The column (`F`).
        column: String,
        /// The first row with a value in it.
        row: u64,
    },
    /// Rows whose cell count differs from the header's.
    #[error(
        "file {}: {} row(s) do not have the header's {width} cells ({}); a delimiter inside a \
         value must be quoted: export the file again, or fix these rows",
        path.display(), rows.len(), ragged_list(rows)
    )]
    Ragged {
        /// The file.
        path: PathBuf,
        /// The header's width.
        width: usize,
        /// The first rows in error (at most 5) as (row, cells).
        rows: Vec<(u64, usize)>,
    },
    /// A workbook without that sheet.
    #[error(
        "file {}: no sheet « {sheet} » (its sheets: {}); name one of them",
        path.display(), sheets.join(", ")
    )]
    NoSuchSheet {
        /// The file.
        path: PathBuf,
        /// The sheet asked for.
        sheet: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// The JSON records are not where they were expected, or are not objects.
    #[error("file {}: {what}", path.display())]
    Records {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        what: String,
    },
    /// A format that is not a table (a PDF, a text file).
    #[error(
        "file {}: a {} file is not a table; import a CSV, XLSX, ODS, JSON or NDJSON file",
        path.display(), format.label()
    )]
    NotATable {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: Format,
    },
}

fn ragged_list(rows: &[(u64, usize)]) -> String {
    let shown: Vec<String> = rows
        .iter()
        .map(|(row, cells)| format!("row {row} has {cells}"))
        .collect();
    shown.join(", ")
}

/// Read the file at `path` as a table; see the module docs.
///
/// Files are read whole into memory, up to 512 MiB.
pub fn read_table(path: &Path, options: &TableOptions) -> Result<Table, TableError> {
    const LIMIT: u64 = 512 * 1024 * 1024;
    let io_error = |e: std::io::Error| TableError::File(FileError::from_io(path, e));
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(FileError::Unsupported {
            path: path.to_owned(),
        }
        .into());
    }
    if metadata.len() > LIMIT {
        return Err(FileError::TooLarge {
            path: path.to_owned(),
            bytes: metadata.len(),
            limit: LIMIT,
        }
        .into());
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(empty(path, "it is empty"));
    }
    let head = &bytes[..bytes.len().min(super::HEAD_BYTES)];
    let format = match options.format {
        Some(format) => format,
        None => detect_format(path, head).ok_or_else(|| unsupported_or_binary(path, head))?,
    };
    let table = match format {
        Format::Csv => read_csv(path, &bytes, options)?,
        Format::Xlsx | Format::Ods => read_sheet(path, bytes, format, options)?,
        Format::Json | Format::Ndjson => read_json(path, &bytes, format, options)?,
        other => {
            return Err(TableError::NotATable {
                path: path.to_owned(),
                format: other,
            })
        }
    };
    if table.rows.is_empty() {
        return Err(empty(path, "it holds a header but no rows"));
    }
    tracing::debug!(?format, rows = table.rows.len(), "table read");
    Ok(table)
}

fn empty(path: &Path, what: &str) -> TableError {
    TableError::Empty {
        path: path.to_owned(),
        what: what.to_owned(),
    }
}

/// A `.csv` (or `.json`) file that [`detect_format`] refused is binary; anything else is not
/// a format Passerelle reads.
fn unsupported_or_binary(path: &Path, head: &[u8]) -> TableError {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv" | "tsv") if decode::is_binary(head) => TableError::Binary {
            path: path.to_owned(),
            format: Format::Csv,
        },
        _ => FileError::Unsupported {
            path: path.to_owned(),
        }
        .into(),
    }
}

fn read_csv(path: &Path, bytes: &[u8], options: &TableOptions) -> Result<Table, TableError> {
    if decode::is_binary(&bytes[..bytes.len().min(super::HEAD_BYTES)]) {
        return Err(TableError::Binary {
            path: path.to_owned(),
            format: Format::Csv,
        });
    }
    let (encoding, text) = decode_text(path, bytes, options.encoding.as_deref())?;
    let delimiter = match options.delimiter {
        Some(c) if c.is_ascii() => c as u8,
        Some(c) => {
            return Err(TableError::Records {
                path: path.to_owned(),
                what: format!(
                    "the delimiter « {c} » is not a single-byte character; use ; , | or a tab"
                ),
            })
        }
        None => delimited::detect_delimiter(&text, false),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut ragged = Vec::new();
    let mut ragged_count = 0usize;
    let mut record = csv::StringRecord::new();
    let mut read = 0u64;
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| TableError::File(FileError::corrupt(path, Format::Csv, csv_reason(&e))))?;
        if !more {
            break;
        }
        // NOTE: a row's number is its rank among the records (blank lines count, as the
        // rows of a spreadsheet would), not a line: a quoted value may span lines.
        read += 1;
        let line = read;
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let Some(names) = &headers else {
            let names: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
            check_headers(path, &names)?;
            headers = Some(names);
            continue;
        };
        let unnamed = cells
            .iter()
            .zip(names)
            .position(|(cell, name)| name.is_empty() && !cell.is_empty());
        if let Some(j) = unnamed {
            return Err(TableError::UnnamedColumn {
                path: path.to_owned(),
                column: column_letter(j),
                row: line,
            });
        }
        if cells.len() != names.len() {
            // NOTE: trailing empty cells past the header (a spreadsheet's stray `;;`) are
            // harmless; anything else means a value moved to another column.
            let trailing_empty =
                cells.len() > names.len() && cells[names.len()..].iter().all(|c| c.is_empty());
            if !trailing_empty {
                ragged_count += 1;
                if ragged.len() < 5 {
                    ragged.push((line, cells.len()));
                }
                continue;
            }
        }
        let fields = names
            .iter()
            .zip(&cells)
            .filter(|(name, cell)| !cell.is_empty() && !name.is_empty())
            .map(|(name, cell)| (name.clone(), (*cell).to_owned()))
            .collect();
        rows.push(TableRow { row: line, fields });
    }
    let headers = headers.ok_or_else(|| empty(path, "it holds only blank lines"))?;
    if !ragged.is_empty() {
        tracing::debug!(rows = ragged_count, "ragged csv rows");
        return Err(TableError::Ragged {
            path: path.to_owned(),
            width: headers.len(),
            rows: ragged,
        });
    }
    Ok(Table {
        format: Format::Csv,
        headers: headers.into_iter().filter(|h| !h.is_empty()).collect(),
        rows,
        encoding: Some(encoding.name().to_owned()),
        delimiter: Some(char::from(delimiter)),
        sheet: None,
    })
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => match pos {
            Some(p) => format!("line {} is not text", p.line()),
            None => "a line is not text".to_owned(),
        },
        _ => e.to_string(),
    }
}

/// The text of a CSV file, decoded as asked or as detected.
fn decode_text(
    path: &Path,
    bytes: &[u8],
    asked: Option<&str>,
) -> Result<(&'static Encoding, String), TableError> {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) if asked.is_none() => (encoding, &bytes[bom..]),
        _ => {
            let encoding = match asked {
                Some(name) => Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| {
                    TableError::UnknownEncoding {
                        path: path.to_owned(),
                        encoding: name.to_owned(),
                    }
                })?,
                None if std::str::from_utf8(bytes).is_ok() => UTF_8,
                None => WINDOWS_1252,
            };
            let bom = Encoding::for_bom(bytes)
                .filter(|(e, _)| *e == encoding)
                .map_or(0, |(_, n)| n);
            (encoding, &bytes[bom..])
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let valid = match encoding == UTF_8 {
            true => std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to()),
            false => 0,
        };
        let line = body[..valid].iter().filter(|b| **b == b'\n').count() as u64 + 1;
        return Err(TableError::WrongEncoding {
            path: path.to_owned(),
            encoding: encoding.name().to_owned(),
            line,
        });
    }
    Ok((encoding, text.into_owned()))
}

/// Refuse duplicate headers (compared trimmed).
fn check_headers(path: &Path, names: &[String]) -> Result<(), TableError> {
    for (j, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if let Some(i) = names[..j].iter().position(|n| n == name) {
            return Err(TableError::DuplicateHeader {
                path: path.to_owned(),
                header: name.clone(),
                first: column_letter(i),
                second: column_letter(j),
            });
        }
    }
    Ok(())
}

fn read_sheet(
    path: &Path,
    bytes: Vec<u8>,
    format: Format,
    options: &TableOptions,
) -> Result<Table, TableError> {
    if bytes.starts_with(sheet::COMPOUND_FILE) {
        return Err(FileError::Encrypted {
            path: path.to_owned(),
            format,
        }
        .into());
    }
    if !bytes.starts_with(b"PK") {
        return Err(TableError::Binary {
            path: path.to_owned(),
            format,
        });
    }
    let corrupt = |e: &dyn fmt::Display| FileError::corrupt(path, format, e.to_string());
    let cursor = std::io::Cursor::new(bytes);
    let (names, range) = match format {
        Format::Ods => {
            let mut book: Ods<_> = Ods::new(cursor).map_err(|e| corrupt(&e))?;
            let names = book.sheet_names();
            let name = pick_sheet(path, &names, options.sheet.as_deref())?;
            let range = book.worksheet_range(&name).map_err(|e| corrupt(&e))?;
            (name, range)
        }
        _ => {
            let mut book: Xlsx<_> = Xlsx::new(cursor).map_err(|e| corrupt(&e))?;
            let names = book.sheet_names();
            let name = pick_sheet(path, &names, options.sheet.as_deref())?;
            let range = book.worksheet_range(&name).map_err(|e| corrupt(&e))?;
            (name, range)
        }
    };
    let sheet_name = names;
    let Some((top, left)) = range.start() else {
        return Err(empty(path, &format!("its sheet « {sheet_name} » is empty")));
    };
    let mut lines = range.rows().enumerate();
    let Some((_, header_cells)) = lines.next() else {
        return Err(empty(path, &format!("its sheet « {sheet_name} » is empty")));
    };
    let headers: Vec<String> = header_cells
        .iter()
        .map(|c| sheet::cell_text(c).unwrap_or_default())
        .collect();
    check_headers(path, &headers)?;
    let mut rows = Vec::new();
    for (i, cells) in lines {
        let row = u64::from(top) + i as u64 + 1;
        let mut fields = Vec::new();
        for (j, cell) in cells.iter().enumerate() {
            let Some(text) = sheet::cell_text(cell) else {
                continue;
            };
            if headers[j].is_empty() {
                return Err(TableError::UnnamedColumn {
                    path: path.to_owned(),
                    column: column_letter(left as usize + j),
                    row,
                });
            }
            fields.push((headers[j].clone(), text));
        }
        if !fields.is_empty() {
            rows.push(TableRow { row, fields });
        }
    }
    Ok(Table {
        format,
        headers: headers.into_iter().filter(|h| !h.is_empty()).collect(),
        rows,
        encoding: None,
        delimiter: None,
        sheet: Some(sheet_name),
    })
}

fn pick_sheet(path: &Path, names: &[String], asked: Option<&str>) -> Result<String, TableError> {
    match asked {
        Some(asked) => names
            .iter()
            .find(|n| n.trim() == asked.trim())
            .cloned()
            .ok_or_else(|| TableError::NoSuchSheet {
                path: path.to_owned(),
                sheet: asked.to_owned(),
                sheets: names.to_vec(),
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| empty(path, "the workbook has no sheet")),
    }
}

fn read_json(
    path: &Path,
    bytes: &[u8],
    format: Format,
    options: &TableOptions,
) -> Result<Table, TableError> {
    let (_, text) = decode_text(path, bytes, None)?;
    let records: Vec<(u64, Value)> = if format == Format::Ndjson {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let value: Value = serde_json::from_str(line).map_err(|e| {
                FileError::corrupt(
                    path,
                    format,
                    format!("line {}: {}", i + 1, json::syntax(&e)),
                )
            })?;
            out.push((i as u64 + 1, value));
        }
        out
    } else {
        let document: Value = serde_json::from_str(&text)
            .map_err(|e| FileError::corrupt(path, format, json::syntax(&e)))?;
        let found = records_at(path, document, options.records.as_deref())?;
        found
            .into_iter()
            .enumerate()
            .map(|(i, v)| (i as u64 + 1, v))
            .collect()
    };
    let mut headers: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::with_capacity(records.len());
    for (row, record) in records {
        if !record.is_object() {
            return Err(TableError::Records {
                path: path.to_owned(),
                what: format!(
                    "record {row} is not an object but {}; each record must be an object of \
                     fields (check the records path)",
                    kind_of(&record)
                ),
            });
        }
        let mut fields = Vec::new();
        json::flatten("", &record, &mut fields);
        for (name, _) in &fields {
            if seen.insert(name.clone()) {
                headers.push(name.clone());
            }
        }
        rows.push(TableRow { row, fields });
    }
    Ok(Table {
        format,
        headers,
        rows,
        encoding: None,
        delimiter: None,
        sheet: None,
    })
}

/// The array of records under the dotted `records` path of `document`.
fn records_at(
    path: &Path,
    document: Value,
    records: Option<&str>,
) -> Result<Vec<Value>, TableError> {
    let refuse = |what: String| TableError::Records {
        path: path.to_owned(),
        what,
    };
    let arrays_in = |value: &Value| -> String {
        let keys: Vec<&str> = value
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(_, v)| v.is_array())
                    .map(|(k, _)| k.as_str())
                    .collect()
            })
            .unwrap_or_default();
        match keys.as_slice() {
            [] => "it holds no array of records".to_owned(),
            keys => format!("its arrays are under {}", keys.join(", ")),
        }
    };
    let mut at = document;
    let mut walked = Vec::new();
    for key in records
        .into_iter()
        .flat_map(|r| r.split('.'))
        .map(str::trim)
    {
        if key.is_empty() || key == "$" {
            continue;
        }
        let next = match &mut at {
            Value::Object(members) => members.remove(key),
            _ => None,
        };
        match next {
            Some(value) => at = value,
            None => {
                let place = match walked.is_empty() {
                    true => "the document".to_owned(),
                    false => format!("« {} »", walked.join(".")),
                };
                return Err(refuse(format!(
                    "{place} has no key « {key} » ({}); correct the records path",
                    arrays_in(&at)
                )));
            }
        }
        walked.push(key);
    }
    match at {
        Value::Array(items) => Ok(items),
        other if walked.is_empty() => Err(refuse(format!(
            "the document is {}, not an array of records ({}); give the records path, such as \
             « result » for a ServiceNow export",
            kind_of(&other),
            arrays_in(&other)
        ))),
        other => Err(refuse(format!(
            "« {} » is {}, not an array of records; correct the records path",
            walked.join("."),
            kind_of(&other)
        ))),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
