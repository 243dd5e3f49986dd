//! Files: turn one file of a folder into located pieces of text, read-only, for discovery.
//!
//! A discovery job walks a folder with [`crate::folder::Selection::walk`] and calls
//! [`read_file`] on each file. The reader picks the [`Format`] from the extension (checked
//! against the first bytes where a name can lie), parses the file and pushes every piece of
//! text it holds into a [`PieceSink`]: a [`Piece::Record`] for each record of a structured
//! file, a [`Piece::Text`] for each line or paragraph of free text. Every piece carries its
//! [`Location`], so a finding can say "row 12 of sheet Clients" or "page 3, line 14".
//!
//! | format | pieces | location |
//! | --- | --- | --- |
//! | CSV, TSV | a record per row, fields named by the header (or column letters) | row, line |
//! | XLSX, ODS | a record per row of every sheet, same naming | sheet, row |
//! | JSON | a record per element of the top-level array, or of an array under a key | sheet, row |
//! | NDJSON, JSONL | a record per line holding an object | line |
//! | text, log | a text piece per non-blank line | line |
//! | PDF | a text piece per non-blank line of each page's text | page, line |
//! | DOCX | a text piece per paragraph, tables included | line (the paragraph) |
//! | EML | a record of the headers, then a text piece per line of the body | line |
//!
//! Text files and CSV are decoded from UTF-8 (with or without a byte order mark), UTF-16 with
//! a byte order mark, or else Windows-1252, the usual encoding of French exports; the summary
//! says which. Empty cells and blank lines make no piece.
//!
//! The sink decides when to stop: returning [`ControlFlow::Break`] ends the file at once and
//! the summary says `stopped`. A file larger than [`ReadOptions::max_file_bytes`] is not read.
//! Failures are [`FileError`]s naming the file, what is wrong and what to do.
//!
//! # Example
//!
//! ```no_run
//! use std::ops::ControlFlow;
//!
//! use passerelle_connectors::files::{read_file, Piece, ReadOptions};
//! use passerelle_connectors::folder::{Selection, Walked};
//!
//! # fn demo(selection: &Selection, root: &std::path::Path) {
//! let options = ReadOptions::default();
//! for walked in selection.walk(root) {
//!     let Walked::File(file) = walked else { continue };
//!     let mut sink = |piece: Piece<'_>| {
//!         println!("something at {:?}", piece.at());
//!         ControlFlow::Continue(())
//!     };
//!     match read_file(&file.path, &options, &mut sink) {
//!         Ok(summary) => println!("{} pieces", summary.pieces),
//!         Err(error) => println!("{error}"),
//!     }
//! }
//! # }
//! ```
//!
//! Deliberately left out: OCR of scanned PDFs (they yield no text), legacy `.xls` and `.doc`,
//! archives (`.zip`), DOCX headers, footers and comments, and e-mail attachments' contents
//! (their names are listed). Logging is at debug level: formats, byte and piece counts, never
//! a file's content.

mod decode;
mod delimited;
mod docx;
mod eml;
mod error;
mod json;
mod json_flat;
mod json_table;
mod pdf;
mod screened;
mod sheet;
mod table;
mod text;

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use error::FileError;
pub use table::{open_table, read_table, Table, TableError, TableOptions, TableReader, TableRow};

/// Where a piece of text sits in a file; every finding carries it. Numbers are 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// The file.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    /// The sheet of a workbook, or the key of the JSON array a record comes from.
    pub sheet: Option<String>,
    /// The row of a CSV file or sheet (the header is row 1), or the record's rank in a JSON
    /// array.
    pub row: Option<u64>,
    /// The column of a single cell. The readers leave it empty, since a record spans its
    /// row; a consumer that narrows a finding to one field of a record sets it (to the field's
    /// name, which is the column letter when the table has no header).
    pub column: Option<String>,
    /// The page of a PDF.
    pub page: Option<u32>,
    /// The line of a text file, CSV record, NDJSON record, PDF page or e-mail body; the
    /// paragraph of a DOCX document.
    pub line: Option<u64>,
}

impl Location {
    /// The whole file, nothing more precise yet.
    pub fn file(path: &Path) -> Self {
        Location {
            path: path.to_owned(),
            sheet: None,
            row: None,
            column: None,
            page: None,
            line: None,
        }
    }
}

/// One piece of text found in a file, lent to the sink for the time of the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// One record of a structured file (CSV row, sheet row, JSON object, NDJSON line, e-mail
    /// headers) as `(field, value)` pairs. A field is the header's name, a JSON path such as
    /// `customer.email`, or a column letter (`A`, `B`…) when a table has no header. Empty
    /// values are left out.
    Record {
        /// Where the record is.
        at: &'a Location,
        /// Its non-empty fields, in file order.
        fields: &'a [(String, String)],
    },
    /// A located snippet of free text: a line of a text file, PDF page or e-mail body, or a
    /// DOCX paragraph; trimmed, never blank.
    Text {
        /// Where the text is.
        at: &'a Location,
        /// The text.
        text: &'a str,
    },
}

impl Piece<'_> {
    /// Where the piece is.
    pub fn at(&self) -> &Location {
        match self {
            Piece::Record { at, .. } | Piece::Text { at, .. } => at,
        }
    }
}

/// Receives the pieces of a file, in file order.
pub trait PieceSink {
    /// Take one piece. [`ControlFlow::Break`] stops reading the file (to cancel a job or when
    /// enough was seen); the summary then says `stopped`.
    fn piece(&mut self, piece: Piece<'_>) -> ControlFlow<()>;
}

impl<F> PieceSink for F
where
    F: FnMut(Piece<'_>) -> ControlFlow<()>,
{
    fn piece(&mut self, piece: Piece<'_>) -> ControlFlow<()> {
        self(piece)
    }
}

/// The kinds of file Passerelle reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Format {
    /// Comma-, semicolon-, tab- or pipe-separated values (`.csv`, `.tsv`).
    Csv,
    /// An Excel workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// An OpenDocument spreadsheet (`.ods`).
    Ods,
    /// A JSON document (`.json`).
    Json,
    /// One JSON value per line (`.ndjson`, `.jsonl`, or a `.json` written that way).
    Ndjson,
    /// Plain text or a log (`.txt`, `.log`).
    Text,
    /// A PDF document.
    Pdf,
    /// A Word document (`.docx`).
    Docx,
    /// An e-mail message (`.eml`).
    Eml,
}

impl Format {
    /// The name a person knows the format by, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Xlsx => "XLSX",
            Format::Ods => "ODS",
            Format::Json => "JSON",
            Format::Ndjson => "NDJSON",
            Format::Text => "text",
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
            Format::Eml => "e-mail",
        }
    }
}

/// How many bytes of a file [`detect_format`] wants to see, at most.
pub const HEAD_BYTES: usize = 64 * 1024;

/// The format of a file, from its extension, checked against its first bytes (`head`, up to
/// [`HEAD_BYTES`]) where that matters: a `.json` holding one object per line is NDJSON, and a
/// text or CSV file holding bytes no text has is binary. A PDF is also recognised by its
/// signature whatever its name. `None`: not a file Passerelle reads (the caller skips and
/// counts it).
pub fn detect_format(path: &Path, head: &[u8]) -> Option<Format> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = match extension.as_deref() {
        Some("csv" | "tsv") => Format::Csv,
        Some("txt" | "log" | "text") => Format::Text,
        Some("json") if looks_like_ndjson(head) => Format::Ndjson,
        Some("json") => Format::Json,
        Some("ndjson" | "jsonl") => Format::Ndjson,
        Some("xlsx" | "xlsm") => Format::Xlsx,
        Some("ods") => Format::Ods,
        Some("pdf") => Format::Pdf,
        Some("docx") => Format::Docx,
        Some("eml") => Format::Eml,
        _ if is_pdf(head) => Format::Pdf,
        _ => return None,
    };
    // NOTE: a NUL byte in a text file is binary, unless the file is UTF-16 (or UTF-32, which
    // the reader rejects with a clear message); the reader decides on encodings.
    let textual = matches!(format, Format::Csv | Format::Text);
    if textual && decode::is_binary(head) {
        return None;
    }
    Some(format)
}

fn is_pdf(head: &[u8]) -> bool {
    // Readers accept the signature anywhere in the first kilobyte.
    let window = &head[..head.len().min(1024)];
    window.windows(5).any(|w| w == b"%PDF-")
}

/// Two lines that each hold a whole JSON object or array: JSON Lines saved as `.json`.
fn looks_like_ndjson(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let whole = |line: &str| {
        (line.starts_with('{') && line.ends_with('}'))
            && serde_json::from_str::<serde_json::Value>(line).is_ok()
    };
    matches!((lines.next(), lines.next()), (Some(a), Some(b)) if whole(a) && b.starts_with('{'))
}

/// How [`read_file`] reads.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReadOptions {
    /// Files bigger than this are not read but reported as [`FileError::TooLarge`]
    /// (512 MiB by default).
    pub max_file_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_bytes: 512 * 1024 * 1024,
        }
    }
}

impl ReadOptions {
    /// These options with another size limit.
    pub fn with_max_file_bytes(mut self, bytes: u64) -> Self {
        self.max_file_bytes = bytes;
        self
    }
}

/// What reading one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct FileSummary {
    /// The format the file was read as.
    pub format: Format,
    /// Its size in bytes.
    pub bytes: u64,
    /// How many pieces went to the sink.
    pub pieces: u64,
    /// The text encoding, for formats that have to guess it (`UTF-8`, `UTF-16LE`,
    /// `UTF-16BE`, `windows-1252`).
    pub encoding: Option<String>,
    /// The field delimiter found in a CSV file.
    pub delimiter: Option<char>,
    /// Lines or records that could not be read and were skipped (a broken NDJSON line).
    pub skipped: u64,
    /// Whether the sink stopped the reading before the end of the file.
    pub stopped: bool,
}

/// Read one file and push its pieces into `sink`, in file order.
///
/// The file is only read, never written or locked. The sink is the only way to stop early: a
/// file that yields no piece (a PDF of scanned pages) is read to its end. A sink's `Break` is
/// not an error: the summary comes back with `stopped: true`.
///
/// Errors: the file is not a regular file or not a supported format
/// ([`FileError::Unsupported`]), cannot be opened ([`FileError::PermissionDenied`],
/// [`FileError::NotFound`], [`FileError::Io`]), is over the size limit, is damaged, encrypted,
/// or in an unknown text encoding. Pieces sent before an error stay sent.
pub fn read_file(
    path: &Path,
    options: &ReadOptions,
    sink: &mut dyn PieceSink,
) -> Result<FileSummary, FileError> {
    read_file_with(path, options, None, sink)
}

/// [`read_file`], with a [`Screen`] that rules out text before it is parsed.
///
/// For CSV, text, JSON and NDJSON files in UTF-8 or Windows-1252, the file is screened first,
/// a piece at a time as it is read: a file without a hit yields no piece. A file with one is
/// read again into memory (screened again if it changed in between), and in CSV, text and
/// NDJSON files only the records and lines holding a hit are parsed and sent, with the same
/// locations (rows and lines) as [`read_file`] gives them. Other formats and encodings are
/// read in full. The summary's `pieces` and `skipped` count only what was parsed.
///
/// Errors: those of [`read_file`].
pub fn read_file_screened(
    path: &Path,
    options: &ReadOptions,
    screen: &dyn Screen,
    sink: &mut dyn PieceSink,
) -> Result<FileSummary, FileError> {
    read_file_with(path, options, Some(screen), sink)
}

/// Tells where raw file bytes may hold something worth parsing; see [`read_file_screened`].
pub trait Screen: Sync {
    /// The ranges of `bytes` worth a look, in order of their starts. Empty: nothing in these
    /// bytes is. A record or line that no range touches is not parsed, so a screen must never
    /// leave out one that matters; a range over several lines has them all read. `json`: the
    /// bytes are JSON, whose strings may escape characters.
    fn hits(&self, bytes: &[u8], json: bool) -> Vec<std::ops::Range<usize>>;
}

fn read_file_with(
    path: &Path,
    options: &ReadOptions,
    screen: Option<&dyn Screen>,
    sink: &mut dyn PieceSink,
) -> Result<FileSummary, FileError> {
    let io_error = |e: io::Error| FileError::from_io(path, e);
    // NOTE: asked before opening, since opening a named pipe for reading would block.
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if !metadata.is_file() {
        return Err(FileError::Unsupported {
            path: path.to_owned(),
        });
    }
    let bytes = metadata.len();
    if bytes > options.max_file_bytes {
        return Err(FileError::TooLarge {
            path: path.to_owned(),
            bytes,
            limit: options.max_file_bytes,
        });
    }
    let mut file = File::open(path).map_err(io_error)?;
    let head = read_head(&mut file).map_err(io_error)?;
    let format = detect_format(path, &head).ok_or_else(|| FileError::Unsupported {
        path: path.to_owned(),
    })?;
    file.seek(SeekFrom::Start(0)).map_err(io_error)?;

    let mut reading = Reading::new(path, sink);
    let screened = match screen {
        Some(screen) => screened::read(&mut file, format, &head, screen, &mut reading)?,
        None => false,
    };
    if !screened {
        read_format(file, format, bytes, &head, &mut reading)?;
    }

    let summary = FileSummary {
        format,
        bytes,
        pieces: reading.pieces,
        encoding: reading.encoding.map(str::to_owned),
        delimiter: reading.delimiter,
        skipped: reading.skipped,
        stopped: reading.stopped,
    };
    tracing::debug!(
        ?format,
        bytes,
        pieces = summary.pieces,
        skipped = summary.skipped,
        stopped = summary.stopped,
        "file read"
    );
    Ok(summary)
}

fn read_format(
    file: File,
    format: Format,
    bytes: u64,
    head: &[u8],
    reading: &mut Reading<'_>,
) -> Result<(), FileError> {
    match format {
        Format::Csv => delimited::read(file, head, reading)?,
        Format::Text => text::read(file, head, reading)?,
        Format::Json => json::read_document(file, head, reading)?,
        Format::Ndjson => json::read_lines(file, head, reading)?,
        Format::Xlsx | Format::Ods => sheet::read(file, format, head, reading)?,
        Format::Pdf => pdf::read(file, bytes, reading)?,
        Format::Docx => docx::read(file, head, reading)?,
        Format::Eml => eml::read(file, bytes, reading)?,
    }
    Ok(())
}

fn read_head(file: &mut File) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    file.by_ref()
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// One file being read: the sink, what was sent, and what the summary will tell.
struct Reading<'s> {
    path: &'s Path,
    sink: &'s mut dyn PieceSink,
    pieces: u64,
    stopped: bool,
    skipped: u64,
    encoding: Option<&'static str>,
    delimiter: Option<char>,
}

impl<'s> Reading<'s> {
    fn new(path: &'s Path, sink: &'s mut dyn PieceSink) -> Self {
        Reading {
            path,
            sink,
            pieces: 0,
            stopped: false,
            skipped: 0,
            encoding: None,
            delimiter: None,
        }
    }

    /// A location in this file, to be refined.
    fn location(&self) -> Location {
        Location::file(self.path)
    }

    /// Send a record, unless it has no field left.
    fn record(&mut self, at: &Location, fields: &[(String, String)]) -> ControlFlow<()> {
        if fields.is_empty() {
            return ControlFlow::Continue(());
        }
        self.send(Piece::Record { at, fields })
    }

    /// Send a text, trimmed, unless it is blank.
    fn text(&mut self, at: &Location, text: &str) -> ControlFlow<()> {
        let text = text.trim();
        if text.is_empty() {
            return ControlFlow::Continue(());
        }
        self.send(Piece::Text { at, text })
    }

    fn send(&mut self, piece: Piece<'_>) -> ControlFlow<()> {
        self.pieces += 1;
        let flow = self.sink.piece(piece);
        if flow.is_break() {
            self.stopped = true;
        }
        flow
    }
}

/// The spreadsheet name of a 0-based column: `A`…`Z`, `AA`…
fn column_letter(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

/// Whether the first row of a table reads as its header: some text, and no cell that looks
/// like data (an e-mail address, a number, a date, a phone number).
fn looks_like_header<'a>(cells: impl IntoIterator<Item = &'a str>) -> bool {
    let mut any = false;
    for cell in cells.into_iter().map(str::trim).filter(|c| !c.is_empty()) {
        any = true;
        let email = cell.contains('@') && !cell.contains(' ');
        let numeric = cell.chars().any(|c| c.is_ascii_digit())
            && cell
                .chars()
                .all(|c| c.is_ascii_digit() || " +-./:,()".contains(c));
        if email || numeric {
            return false;
        }
    }
    any
}

/// Field names for a table: the header's cells (a letter where a cell is empty) or letters.
fn field_names(header: Option<&[String]>, width: usize) -> Vec<String> {
    (0..width)
        .map(|i| match header.and_then(|h| h.get(i)).map(|h| h.trim()) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ => column_letter(i),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        let letters: Vec<_> = [0, 1, 25, 26, 27, 701, 702].map(column_letter).into();
        assert_eq!(letters, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    }

    #[test]
    fn a_first_row_with_an_email_or_numbers_is_data() {
        assert!(looks_like_header(["Nom", "Prénom", "E-mail"]));
        assert!(
            !looks_like_header(["Martin", "elodie@example.fr"]),
            "e-mail"
        );
        assert!(!looks_like_header(["Martin", "12/03/1985"]), "a date");
        assert!(!looks_like_header(["", " "]), "nothing in it");
    }

    #[test]
    fn locations_and_summaries_serialise_in_camel_case() {
        let mut at = Location::file(Path::new("/partage/rh.xlsx"));
        at.sheet = Some("Clients".into());
        at.row = Some(2);
        let json = serde_json::to_value(&at).expect("serialises");
        let expected = serde_json::json!({
            "path": "/partage/rh.xlsx", "sheet": "Clients", "row": 2,
            "column": null, "page": null, "line": null,
        });
        assert_eq!(json, expected);
        assert_eq!(
            serde_json::to_value(Format::Ndjson).expect("serialises"),
            "ndjson"
        );
    }

    #[test]
    fn formats_come_from_the_extension_checked_against_the_content() {
        let at = |name: &str, head: &[u8]| detect_format(Path::new(name), head);
        assert_eq!(at("a.CSV", b"a;b\n"), Some(Format::Csv));
        assert_eq!(at("a.json", b"[{\"a\":1}]"), Some(Format::Json));
        assert_eq!(
            at("a.json", b"{\"a\":1}\n{\"a\":2}\n"),
            Some(Format::Ndjson)
        );
        assert_eq!(at("a.json", b"{\n  \"a\": 1\n}\n"), Some(Format::Json));
        assert_eq!(at("scan", b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(at("a.txt", b"\x7fELF\x00\x00\x01"), None, "binary");
        assert_eq!(at("a.txt", b"\xff\xfeh\x00i\x00"), Some(Format::Text));
        assert_eq!(at("a.exe", b"MZ"), None);
    }
}
