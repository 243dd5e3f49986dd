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
//!
//! [`open_table`] reads the header and checks what can be checked before any row;
//! [`TableReader::for_each_row`] then hands the rows over one at a time, so that an import of
//! a big file holds its text, not every row of it as well ([`read_table`] is the two, the rows
//! collected).

use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use calamine::{Ods, Reader, Xlsx};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
    #[error(
        "file {}: {what}; export the data again, with its header row and at least one row",
        path.display()
    )]
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

/// Read the file at `path` as a table; see the module docs. [`open_table`] and
/// [`TableReader::for_each_row`] read the same rows without holding them all.
///
/// Files are read whole into memory, up to 512 MiB.
pub fn read_table(path: &Path, options: &TableOptions) -> Result<Table, TableError> {
    let reader = open_table(path, options)?;
    let mut table = Table {
        format: reader.format,
        headers: reader.headers.clone(),
        rows: Vec::new(),
        encoding: reader.encoding.clone(),
        delimiter: reader.delimiter,
        sheet: reader.sheet.clone(),
    };
    reader.for_each_row(|row| {
        table.rows.push(row);
        ControlFlow::Continue(())
    })?;
    Ok(table)
}

/// A file opened as a table: its format and header are known, its rows not read yet. Made by
/// [`open_table`]; [`TableReader::for_each_row`] hands the rows over one at a time, so that a
/// caller need not hold them all.
///
/// What is held meanwhile is the file's text (a CSV's, a JSON document's), or the sheet as
/// the workbook library reads it, never the rows. The headers of a JSON document are every
/// field path of its records, so [`open_table`] parses it once for them (and for its shape),
/// each record dropped once seen, and [`TableReader::for_each_row`] parses it again.
///
/// Refusals are the same as [`read_table`]'s, but some come only once the rows are read: a
/// CSV's ragged rows (every row is read, to name the first ones), a column without a header,
/// and a header without rows. The caller must then discard what it was given.
pub struct TableReader {
    path: PathBuf,
    format: Format,
    headers: Vec<String>,
    encoding: Option<String>,
    delimiter: Option<char>,
    sheet: Option<String>,
    body: Body,
}

impl fmt::Debug for TableReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TableReader")
            .field("path", &self.path)
            .field("format", &self.format)
            .field("headers", &self.headers)
            .finish_non_exhaustive()
    }
}

/// What is left to read of a table.
enum Body {
    /// The reader past the header, the header's cells (empty ones included), and the number
    /// of records read so far.
    Csv {
        reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
        names: Vec<String>,
        read: u64,
    },
    /// The sheet, its header cells, and where it starts.
    Sheet {
        range: calamine::Range<calamine::Data>,
        names: Vec<String>,
        top: u32,
        left: u32,
    },
    /// A document and the path of its records.
    Json { text: String, records: Vec<String> },
    /// One record per line.
    Ndjson { text: String },
}

impl TableReader {
    /// The format it is read as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The column names, as [`Table::headers`].
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The encoding a CSV file is read in.
    pub fn encoding(&self) -> Option<&str> {
        self.encoding.as_deref()
    }

    /// A CSV file's delimiter.
    pub fn delimiter(&self) -> Option<char> {
        self.delimiter
    }

    /// The sheet of a workbook being read.
    pub fn sheet(&self) -> Option<&str> {
        self.sheet.as_deref()
    }

    /// Hand each row to `each`, in file order, until the last or until `each` breaks; the
    /// number of rows handed over. Errors: see the type's docs.
    pub fn for_each_row(
        self,
        mut each: impl FnMut(TableRow) -> ControlFlow<()>,
    ) -> Result<u64, TableError> {
        let TableReader {
            path, format, body, ..
        } = self;
        let mut count = 0u64;
        let mut give = |row: TableRow| {
            count += 1;
            each(row)
        };
        match body {
            Body::Csv {
                reader,
                names,
                read,
            } => csv_rows(&path, reader, &names, read, &mut give)?,
            Body::Sheet {
                range,
                names,
                top,
                left,
            } => sheet_rows(&path, &range, &names, top, left, &mut give)?,
            Body::Json { text, records } => {
                let mut sink = |row, record: Value| {
                    let mut fields = Vec::new();
                    json::flatten("", &record, &mut fields);
                    give(TableRow { row, fields })
                };
                document_records(&path, &text, &records, &mut sink, false)?;
            }
            Body::Ndjson { text } => {
                let mut sink = |row, record: Value| {
                    let mut fields = Vec::new();
                    json::flatten("", &record, &mut fields);
                    give(TableRow { row, fields })
                };
                ndjson_records(&path, &text, &mut sink, false)?;
            }
        }
        if count == 0 {
            return Err(empty(&path, "it holds a header but no rows"));
        }
        tracing::debug!(?format, rows = count, "table read");
        Ok(count)
    }
}

/// Open the file at `path` as a table: read it, check what can be checked before its rows,
/// and read its header (see [`TableReader`]). Files are read whole into memory, up to
/// 512 MiB.
pub fn open_table(path: &Path, options: &TableOptions) -> Result<TableReader, TableError> {
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
    match format {
        Format::Csv => open_csv(path, bytes, options),
        Format::Xlsx | Format::Ods => open_sheet(path, bytes, format, options),
        Format::Json | Format::Ndjson => open_json(path, bytes, format, options),
        other => Err(TableError::NotATable {
            path: path.to_owned(),
            format: other,
        }),
    }
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

fn open_csv(
    path: &Path,
    bytes: Vec<u8>,
    options: &TableOptions,
) -> Result<TableReader, TableError> {
    if decode::is_binary(&bytes[..bytes.len().min(super::HEAD_BYTES)]) {
        return Err(TableError::Binary {
            path: path.to_owned(),
            format: Format::Csv,
        });
    }
    let (encoding, text) = decode_owned(path, bytes, options.encoding.as_deref())?;
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
        .from_reader(std::io::Cursor::new(text.into_bytes()));
    let mut record = csv::StringRecord::new();
    let mut read = 0u64;
    let names = loop {
        if !next_record(path, &mut reader, &mut record)? {
            return Err(empty(path, "it holds only blank lines"));
        }
        // NOTE: a row's number is its rank among the records (blank lines count, as the
        // rows of a spreadsheet would), not a line: a quoted value may span lines.
        read += 1;
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let names: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
        check_headers(path, &names)?;
        break names;
    };
    Ok(TableReader {
        path: path.to_owned(),
        format: Format::Csv,
        headers: names.iter().filter(|h| !h.is_empty()).cloned().collect(),
        encoding: Some(encoding.name().to_owned()),
        delimiter: Some(char::from(delimiter)),
        sheet: None,
        body: Body::Csv {
            reader,
            names,
            read,
        },
    })
}

fn next_record(
    path: &Path,
    reader: &mut csv::Reader<std::io::Cursor<Vec<u8>>>,
    record: &mut csv::StringRecord,
) -> Result<bool, TableError> {
    reader
        .read_record(record)
        .map_err(|e| TableError::File(FileError::corrupt(path, Format::Csv, csv_reason(&e))))
}

/// The rows of a CSV past its header; once a row is ragged, the others are only counted.
fn csv_rows(
    path: &Path,
    mut reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
    names: &[String],
    mut read: u64,
    give: &mut dyn FnMut(TableRow) -> ControlFlow<()>,
) -> Result<(), TableError> {
    let mut ragged = Vec::new();
    let mut ragged_count = 0usize;
    let mut record = csv::StringRecord::new();
    while next_record(path, &mut reader, &mut record)? {
        read += 1;
        let line = read;
        let cells: Vec<&str> = record.iter().map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
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
        if !ragged.is_empty() {
            continue;
        }
        let fields = names
            .iter()
            .zip(&cells)
            .filter(|(name, cell)| !cell.is_empty() && !name.is_empty())
            .map(|(name, cell)| (name.clone(), (*cell).to_owned()))
            .collect();
        if give(TableRow { row: line, fields }).is_break() {
            return Ok(());
        }
    }
    if !ragged.is_empty() {
        tracing::debug!(rows = ragged_count, "ragged csv rows");
        return Err(TableError::Ragged {
            path: path.to_owned(),
            width: names.len(),
            rows: ragged,
        });
    }
    Ok(())
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

/// The text of a file, decoded as asked or as detected: a byte order mark, else UTF-8 when
/// the whole file is valid UTF-8, else Windows-1252. UTF-8 text keeps the file's bytes.
fn decode_owned(
    path: &Path,
    mut bytes: Vec<u8>,
    asked: Option<&str>,
) -> Result<(&'static Encoding, String), TableError> {
    let (encoding, bom) = match Encoding::for_bom(&bytes) {
        Some((encoding, bom)) if asked.is_none() => (encoding, bom),
        _ => {
            let encoding = match asked {
                Some(name) => Encoding::for_label(name.trim().as_bytes()).ok_or_else(|| {
                    TableError::UnknownEncoding {
                        path: path.to_owned(),
                        encoding: name.to_owned(),
                    }
                })?,
                None if std::str::from_utf8(&bytes).is_ok() => UTF_8,
                None => WINDOWS_1252,
            };
            let bom = Encoding::for_bom(&bytes)
                .filter(|(e, _)| *e == encoding)
                .map_or(0, |(_, n)| n);
            (encoding, bom)
        }
    };
    let wrong = |line: u64| TableError::WrongEncoding {
        path: path.to_owned(),
        encoding: encoding.name().to_owned(),
        line,
    };
    if encoding == UTF_8 {
        bytes.drain(..bom);
        return match String::from_utf8(bytes) {
            Ok(text) => Ok((encoding, text)),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let body = e.as_bytes();
                Err(wrong(
                    body[..valid].iter().filter(|b| **b == b'\n').count() as u64 + 1,
                ))
            }
        };
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if had_errors {
        return Err(wrong(1));
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

fn open_sheet(
    path: &Path,
    bytes: Vec<u8>,
    format: Format,
    options: &TableOptions,
) -> Result<TableReader, TableError> {
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
    let (sheet_name, range) = match format {
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
    let Some((top, left)) = range.start() else {
        return Err(empty(path, &format!("its sheet « {sheet_name} » is empty")));
    };
    let Some(header_cells) = range.rows().next() else {
        return Err(empty(path, &format!("its sheet « {sheet_name} » is empty")));
    };
    let names: Vec<String> = header_cells
        .iter()
        .map(|c| sheet::cell_text(c).unwrap_or_default())
        .collect();
    check_headers(path, &names)?;
    Ok(TableReader {
        path: path.to_owned(),
        format,
        headers: names.iter().filter(|h| !h.is_empty()).cloned().collect(),
        encoding: None,
        delimiter: None,
        sheet: Some(sheet_name),
        body: Body::Sheet {
            range,
            names,
            top,
            left,
        },
    })
}

fn sheet_rows(
    path: &Path,
    range: &calamine::Range<calamine::Data>,
    names: &[String],
    top: u32,
    left: u32,
    give: &mut dyn FnMut(TableRow) -> ControlFlow<()>,
) -> Result<(), TableError> {
    for (i, cells) in range.rows().enumerate().skip(1) {
        let row = u64::from(top) + i as u64 + 1;
        let mut fields = Vec::new();
        for (j, cell) in cells.iter().enumerate() {
            let Some(text) = sheet::cell_text(cell) else {
                continue;
            };
            if names[j].is_empty() {
                return Err(TableError::UnnamedColumn {
                    path: path.to_owned(),
                    column: column_letter(left as usize + j),
                    row,
                });
            }
            fields.push((names[j].clone(), text));
        }
        if !fields.is_empty() && give(TableRow { row, fields }).is_break() {
            return Ok(());
        }
    }
    Ok(())
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

/// Open a JSON document or NDJSON file: decode it, and read every record once for the
/// headers (each field path, in the order they first appear) and to refuse a record that is
/// not an object, keeping none of them.
fn open_json(
    path: &Path,
    bytes: Vec<u8>,
    format: Format,
    options: &TableOptions,
) -> Result<TableReader, TableError> {
    let (_, text) = decode_owned(path, bytes, None)?;
    let records: Vec<String> = options
        .records
        .iter()
        .flat_map(|r| r.split('.'))
        .map(str::trim)
        .filter(|k| !k.is_empty() && *k != "$")
        .map(str::to_owned)
        .collect();
    let mut headers: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut refused: Option<String> = None;
    let mut collect = |row: u64, record: Value| {
        if !record.is_object() {
            refused = Some(format!(
                "record {row} is not an object but {}; each record must be an object of \
                 fields (check the records path)",
                kind_of(&record)
            ));
            return ControlFlow::Break(());
        }
        let mut fields = Vec::new();
        json::flatten("", &record, &mut fields);
        for (name, _) in fields {
            if !seen.contains(&name) {
                seen.insert(name.clone());
                headers.push(name);
            }
        }
        ControlFlow::Continue(())
    };
    let body = if format == Format::Ndjson {
        ndjson_records(path, &text, &mut collect, true)?;
        Body::Ndjson { text }
    } else {
        document_records(path, &text, &records, &mut collect, true)?;
        Body::Json { text, records }
    };
    if let Some(what) = refused {
        return Err(TableError::Records {
            path: path.to_owned(),
            what,
        });
    }
    Ok(TableReader {
        path: path.to_owned(),
        format,
        headers,
        encoding: None,
        delimiter: None,
        sheet: None,
        body,
    })
}

/// What receives the records of a JSON file: each with its rank (its line, for NDJSON).
type RecordSink<'a> = dyn FnMut(u64, Value) -> ControlFlow<()> + 'a;

/// Hand each line's record of an NDJSON text to `sink`. Once `sink` breaks, the other lines
/// are only checked when `check_rest`, so that a broken line is reported before what `sink`
/// refused.
fn ndjson_records(
    path: &Path,
    text: &str,
    sink: &mut RecordSink<'_>,
    check_rest: bool,
) -> Result<(), TableError> {
    let mut stopped = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let broken = |e: serde_json::Error| {
            FileError::corrupt_at(
                path,
                Format::Ndjson,
                format!("line {}: {}", i + 1, json::syntax(&e)),
                i as u64 + 1,
            )
        };
        if stopped {
            serde_json::from_str::<IgnoredAny>(line).map_err(broken)?;
            continue;
        }
        let value: Value = serde_json::from_str(line).map_err(broken)?;
        if sink(i as u64 + 1, value).is_break() {
            if !check_rest {
                return Ok(());
            }
            stopped = true;
        }
    }
    Ok(())
}

/// Hand each record of a JSON document (the array at the dotted path `records`, the document
/// itself when empty) to `sink`, one at a time as it is parsed. The whole document is parsed
/// (a syntax error anywhere is reported first) unless `sink` breaks and not `check_rest`;
/// records not where the path says are refused, naming the arrays there are.
fn document_records(
    path: &Path,
    text: &str,
    records: &[String],
    sink: &mut RecordSink<'_>,
    check_rest: bool,
) -> Result<(), TableError> {
    let mut state = Walked {
        refused: None,
        stopped: false,
        check_rest,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let walk = Walk {
        path: records,
        depth: 0,
        sink,
        state: &mut state,
    };
    let parsed = walk.deserialize(&mut de).and_then(|()| de.end());
    match parsed {
        Err(_) if state.stopped && !check_rest => return Ok(()),
        Err(e) => {
            return Err(FileError::corrupt_at(
                path,
                Format::Json,
                json::syntax(&e),
                e.line() as u64,
            )
            .into())
        }
        Ok(()) => {}
    }
    match state.refused {
        Some(what) => Err(TableError::Records {
            path: path.to_owned(),
            what,
        }),
        None => Ok(()),
    }
}

/// What a walk through a document found.
struct Walked {
    /// Why the records are not where the path says.
    refused: Option<String>,
    /// Whether the sink broke.
    stopped: bool,
    check_rest: bool,
}

/// The part of a document at `path[..depth]`, walked towards the records at `path`.
struct Walk<'a, 'f> {
    path: &'a [String],
    depth: usize,
    sink: &'a mut RecordSink<'f>,
    state: &'a mut Walked,
}

impl Walk<'_, '_> {
    fn at_records(&self) -> bool {
        self.depth == self.path.len()
    }

    fn walked(&self) -> String {
        self.path[..self.depth].join(".")
    }

    /// The value here is `kind` (not an object, or not an array), its array members `arrays`.
    fn refuse(self, kind: &str, arrays: &[String]) {
        let arrays = match arrays {
            [] => "it holds no array of records".to_owned(),
            keys => format!("its arrays are under {}", keys.join(", ")),
        };
        let what = if !self.at_records() {
            let place = match self.depth {
                0 => "the document".to_owned(),
                _ => format!("« {} »", self.walked()),
            };
            format!(
                "{place} has no key « {} » ({arrays}); correct the records path",
                self.path[self.depth]
            )
        } else if self.depth == 0 {
            format!(
                "the document is {kind}, not an array of records ({arrays}); give the records \
                 path, such as « result » for a ServiceNow export"
            )
        } else {
            format!(
                "« {} » is {kind}, not an array of records; correct the records path",
                self.walked()
            )
        };
        self.state.refused.get_or_insert(what);
    }
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.refuse("a boolean", &[]);
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.refuse("a number", &[]);
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.refuse("a number", &[]);
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.refuse("a number", &[]);
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.refuse("a string", &[]);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.refuse("null", &[]);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if !self.at_records() {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            self.refuse("an array", &[]);
            return Ok(());
        }
        let mut rank = 0u64;
        loop {
            if self.state.stopped {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
                continue;
            }
            let Some(record) = seq.next_element::<Value>()? else {
                return Ok(());
            };
            rank += 1;
            if (self.sink)(rank, record).is_break() {
                self.state.stopped = true;
                if !self.state.check_rest {
                    return Err(de::Error::custom("the reader stopped"));
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut arrays = Vec::new();
        if self.at_records() {
            while let Some(key) = map.next_key::<String>()? {
                if map.next_value_seed(IsArray)? {
                    arrays.push(key);
                }
            }
            self.refuse("an object", &arrays);
            return Ok(());
        }
        let wanted = self.path[self.depth].as_str();
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if !found && key == wanted {
                found = true;
                map.next_value_seed(Walk {
                    path: self.path,
                    depth: self.depth + 1,
                    sink: &mut *self.sink,
                    state: &mut *self.state,
                })?;
            } else if map.next_value_seed(IsArray)? {
                arrays.push(key);
            }
        }
        if !found {
            self.refuse("an object", &arrays);
        }
        Ok(())
    }
}

/// Whether a value is an array, its contents skipped.
struct IsArray;

impl<'de> DeserializeSeed<'de> for IsArray {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IsArray {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
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
