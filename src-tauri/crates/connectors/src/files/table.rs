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
use serde::{Deserialize, Serialize};

use super::json_table::{open_json, JsonBody};
use super::{column_letter, decode, delimited, detect_format, sheet, FileError, Format};

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
/// keeping only the names, and [`TableReader::for_each_row`] parses it again; neither builds
/// a `serde_json::Value` of a record, each is flattened as it is parsed.
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
    /// A JSON document or NDJSON file.
    Json(JsonBody),
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
            Body::Json(json) => json.for_each_row(&path, &mut give)?,
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
        Format::Json | Format::Ndjson => {
            let (_, text) = decode_owned(path, bytes, None)?;
            let (headers, body) = open_json(path, text, format, options.records.as_deref())?;
            Ok(TableReader {
                path: path.to_owned(),
                format,
                headers,
                encoding: None,
                delimiter: None,
                sheet: None,
                body: Body::Json(body),
            })
        }
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
