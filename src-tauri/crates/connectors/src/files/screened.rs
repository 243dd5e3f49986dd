//! Reading a text file screened first: the whole file in memory, a [`Screen`] asked where it
//! may hold something, and only those lines or records parsed, located as the streaming
//! readers locate them.
//!
//! Line numbers are counted over the raw bytes: converting Windows-1252 to UTF-8 changes no
//! `\n`, so they are the streaming readers' numbers. CSV records are found by the same CSV
//! parser over the raw bytes (quotes, delimiters and line ends are ASCII in both encodings),
//! so rows that span lines keep their row and line; only the records holding a hit have their
//! cells decoded and sent. A JSON document holding a hit is checked in full; when it is an
//! array, only its elements holding a hit are parsed (rows are their ranks), otherwise it is
//! read in full.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::{decode, delimited, json, FileError, Format, Reading, Screen};

/// Screen and read `file` if its format and encoding allow; `Ok(false)` when they do not and
/// the caller must read it in full (the file is then back at its start).
pub(super) fn read(
    file: &mut File,
    format: Format,
    head: &[u8],
    screen: &dyn Screen,
    reading: &mut Reading<'_>,
) -> Result<bool, FileError> {
    let path = reading.path;
    let io_error = |e| FileError::from_io(path, e);
    if !matches!(
        format,
        Format::Csv | Format::Text | Format::Json | Format::Ndjson
    ) {
        return Ok(false);
    }
    let encoding = match decode::sniff(head) {
        Ok(e) if e == UTF_8 || e == WINDOWS_1252 => e,
        // UTF-16 (or no known encoding: the streaming reader says so).
        _ => return Ok(false),
    };
    // The buffer is kept from one file to the next on this thread: its pages are not
    // faulted in again for every file.
    BUFFER.with_borrow_mut(|data| {
        data.clear();
        if let Ok(meta) = file.metadata() {
            data.reserve(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
        }
        let json = matches!(format, Format::Json | Format::Ndjson);
        let hits = read_screening(file, data, encoding, screen, json).map_err(io_error)?;
        let result = screen_buffer(data, file, format, encoding, &hits, head, reading);
        if data.capacity() > KEPT_BYTES {
            *data = Vec::new();
        }
        result
    })
}

thread_local! {
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The biggest buffer kept between files.
const KEPT_BYTES: usize = 64 << 20;

/// How much is read at a time, and screened just after, while it is still in the
/// processor's cache.
const CHUNK: u64 = 1 << 20;

/// The length of a UTF-8 byte order mark at the start of `data`, if it has one.
fn bom_len(data: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 && data.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

/// Reads the rest of `file` into `data`, screening it as it comes, whole lines at a time;
/// returns the screen's hits in the body (the bytes after any byte order mark).
///
/// NOTE: the same hits as screening the whole body at once: anchors never span a line, and
/// a piece that starts a line has no byte before it that a screen looks at.
fn read_screening(
    file: &mut File,
    data: &mut Vec<u8>,
    encoding: &'static Encoding,
    screen: &dyn Screen,
    json: bool,
) -> std::io::Result<Vec<Range<usize>>> {
    let mut hits = Vec::new();
    // The body's bytes before this are screened; it is the start of a line.
    let mut screened = 0usize;
    loop {
        let read = file.by_ref().take(CHUNK).read_to_end(data)?;
        let body = &data[bom_len(data, encoding)..];
        let upto = if read == 0 {
            body.len()
        } else {
            match memchr::memrchr(b'\n', &body[screened..]) {
                Some(i) => screened + i + 1,
                None => continue,
            }
        };
        if upto > screened {
            let piece = screen.hits(&body[screened..upto], json);
            hits.extend(
                piece
                    .into_iter()
                    .map(|h| h.start + screened..h.end + screened),
            );
            screened = upto;
        }
        if read == 0 {
            break;
        }
    }
    Ok(hits)
}

fn screen_buffer(
    data: &[u8],
    file: &mut File,
    format: Format,
    encoding: &'static Encoding,
    hits: &[Range<usize>],
    head: &[u8],
    reading: &mut Reading<'_>,
) -> Result<bool, FileError> {
    let path = reading.path;
    let io_error = |e| FileError::from_io(path, e);
    let body = &data[bom_len(data, encoding)..];
    tracing::debug!(hits = hits.len(), ?format, "file screened");
    if hits.is_empty() {
        reading.encoding = Some(encoding.name());
        return Ok(true);
    }
    match format {
        Format::Text | Format::Ndjson => {
            reading.encoding = Some(encoding.name());
            read_lines(body, encoding, hits, format, reading);
            Ok(true)
        }
        Format::Csv => {
            delimited::read_at(body, head, encoding, hits, reading)?;
            Ok(true)
        }
        Format::Json if json::read_array_at(body, encoding, hits, reading)? => {
            reading.encoding = Some(encoding.name());
            Ok(true)
        }
        _ => {
            file.seek(SeekFrom::Start(0)).map_err(io_error)?;
            Ok(false)
        }
    }
}

/// A line or a cell as text, as the streaming readers decode it.
pub(super) fn text<'a>(bytes: &'a [u8], encoding: &'static Encoding) -> std::borrow::Cow<'a, str> {
    if encoding == WINDOWS_1252 {
        WINDOWS_1252.decode_without_bom_handling(bytes).0
    } else {
        decode::line_text(bytes)
    }
}

/// The lines holding a hit, as text pieces (text) or records (NDJSON).
fn read_lines(
    body: &[u8],
    encoding: &'static Encoding,
    hits: &[Range<usize>],
    format: Format,
    reading: &mut Reading<'_>,
) {
    let mut at = reading.location();
    let mut fields = Vec::new();
    let (mut counted_to, mut number) = (0usize, 1u64);
    let mut next_line = 0usize;
    // Every line a hit touches, each once (a screen may give a range over several lines).
    let lines = hits.iter().flat_map(|hit| {
        let first = memchr::memrchr(b'\n', &body[..hit.start]).map_or(0, |i| i + 1);
        std::iter::successors(Some(first), move |&start| {
            let end = memchr::memchr(b'\n', &body[start..]).map(|i| start + i)?;
            (end + 1 < hit.end.max(first + 1)).then_some(end + 1)
        })
    });
    for start in lines {
        if start < next_line {
            continue; // a line already read
        }
        let end = memchr::memchr(b'\n', &body[start..]).map_or(body.len(), |i| start + i);
        number += memchr::memchr_iter(b'\n', &body[counted_to..start]).count() as u64;
        counted_to = start;
        next_line = end + 1;

        let line = &body[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let line = text(line, encoding);
        at.line = Some(number);
        let flow = if format == Format::Text {
            reading.text(&at, &line)
        } else {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str(&line) {
                Ok(value) => {
                    fields.clear();
                    json::flatten("", &value, &mut fields);
                    reading.record(&at, &fields)
                }
                Err(e) => {
                    tracing::debug!(line = number, error = %json::syntax(&e), "json line skipped");
                    reading.skipped += 1;
                    continue;
                }
            }
        };
        if flow.is_break() {
            return;
        }
    }
}
