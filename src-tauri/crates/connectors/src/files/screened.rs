//! Reading a text file screened first: a [`Screen`] asked where the file may hold something,
//! a piece at a time as it is read, and only those lines or records parsed, located as the
//! streaming readers locate them. A file with a hit is read a second time, whole, to be
//! parsed; from its first piece with a hit on, it is screened over the bytes read then (see
//! [`read`]).
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
///
/// The file is screened a piece at a time through a small buffer kept on the thread (it stays
/// in the processor's cache); most files have no hit and are done then. A file with one is
/// read again, whole, as soon as a piece holds a hit, and screened over the bytes read the
/// second time from that piece on, before anything is parsed (see [`hits_from`]), so the rows
/// and lines given are those of the bytes parsed even when the file changed in between.
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
    let json = matches!(format, Format::Json | Format::Ndjson);
    let before = Stamp::of(file);
    file.seek(SeekFrom::Start(bom_len(head, encoding) as u64))
        .map_err(io_error)?;
    let first = PIECES
        .with_borrow_mut(|buffer| first_hit(file, buffer, screen, json))
        .map_err(io_error)?;
    tracing::debug!(hit = first.is_some(), ?format, "file screened");
    let Some(first) = first else {
        reading.encoding = Some(encoding.name());
        return Ok(true);
    };

    file.seek(SeekFrom::Start(0)).map_err(io_error)?;
    WHOLE.with_borrow_mut(|data| {
        data.clear();
        if let Ok(meta) = file.metadata() {
            data.reserve(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
        }
        file.read_to_end(data).map_err(io_error)?;
        let unchanged = before.is_some() && before == Stamp::of(file);
        let body = &data[bom_len(data, encoding)..];
        let hits = hits_from(body, first, unchanged, screen, json);
        let result = parse(data, file, format, encoding, &hits, head, reading);
        if data.capacity() > KEPT_BYTES {
            *data = Vec::new();
        }
        result
    })
}

thread_local! {
    /// The screening buffer, kept from one file to the next on this thread.
    static PIECES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    /// A file with a hit, whole; kept too, so that its pages are not faulted in every time.
    static WHOLE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The biggest buffer kept between files.
const KEPT_BYTES: usize = 64 << 20;

/// The screening buffer's size: small enough to stay in a core's cache between the kernel's
/// copy and the screen. It grows only for a line longer than itself.
const PIECE_BYTES: usize = 256 << 10;

/// What a file's length and last change were, to tell whether it changed between two reads.
#[derive(PartialEq, Eq)]
struct Stamp(u64, Option<std::time::SystemTime>);

impl Stamp {
    fn of(file: &File) -> Option<Stamp> {
        let meta = file.metadata().ok()?;
        Some(Stamp(meta.len(), meta.modified().ok()))
    }
}

/// The first piece of a file's body that holds a hit: its bytes (whole lines, in body
/// offsets, the bytes after any byte order mark) and its hits, in body offsets.
struct FirstHit {
    piece: Range<usize>,
    hits: Vec<Range<usize>>,
}

/// The length of a UTF-8 byte order mark at the start of `data`, if it has one.
fn bom_len(data: &[u8], encoding: &'static Encoding) -> usize {
    if encoding == UTF_8 && data.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

/// Reads the rest of `file` (its body, from the current position) through `buffer` and
/// screens it, whole lines at a time, up to the first piece that holds a hit (`None` when no
/// piece does): a line cut by the end of a read is carried to the buffer's start and screened
/// with the next.
///
/// NOTE: the same hits as screening the whole body at once: anchors never span a line, and
/// a piece that starts a line has no byte before it that a screen looks at. The rest of a file
/// with a hit is not read through the buffer: it is screened over the second reading, which
/// the file needs anyway to be parsed.
fn first_hit(
    file: &mut File,
    buffer: &mut Vec<u8>,
    screen: &dyn Screen,
    json: bool,
) -> std::io::Result<Option<FirstHit>> {
    if buffer.len() < PIECE_BYTES {
        buffer.resize(PIECE_BYTES, 0);
    }
    // The body offset of `buffer[0]`, and how many bytes the buffer holds, a partial line
    // (no `\n`) before `carried`.
    let (mut base, mut filled, mut carried) = (0usize, 0usize, 0usize);
    let found = loop {
        if buffer.len() - filled < buffer.len() / 2 {
            // A line longer than half the buffer: room for the next read to find its end.
            buffer.resize(buffer.len() * 2, 0);
        }
        let read = match file.read(&mut buffer[filled..]) {
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filled += read;
        let upto = if read == 0 {
            filled
        } else {
            match memchr::memrchr(b'\n', &buffer[carried..filled]) {
                Some(i) => carried + i + 1,
                None => {
                    carried = filled;
                    continue;
                }
            }
        };
        if upto > 0 {
            let hits = screen.hits(&buffer[..upto], json);
            if !hits.is_empty() {
                let hits = hits.into_iter().map(|h| h.start + base..h.end + base);
                break Some(FirstHit {
                    piece: base..base + upto,
                    hits: hits.collect(),
                });
            }
        }
        buffer.copy_within(upto..filled, 0);
        (base, filled, carried) = (base + upto, filled - upto, filled - upto);
        if read == 0 {
            break None;
        }
    };
    if buffer.len() > KEPT_BYTES {
        *buffer = Vec::new();
    }
    Ok(found)
}

/// The hits to parse `body` (the file read again) at: when the file kept its length and last
/// change and its first piece with a hit gives the screen the same hits again, the hits of
/// the body from that piece on (the bytes before it had none); otherwise the file changed in
/// between, and its new body is screened in full. Either way the hits are those of the bytes
/// that will be parsed.
///
/// NOTE: a change that keeps the length, the time of last change (file systems keep it to a
/// few milliseconds at worst) and the first piece with a hit goes unseen before that piece:
/// it is then as if it had come just after the reading.
fn hits_from(
    body: &[u8],
    first: FirstHit,
    unchanged: bool,
    screen: &dyn Screen,
    json: bool,
) -> Vec<Range<usize>> {
    let FirstHit { piece, hits } = first;
    let at_line = |at: usize| at == 0 || body.get(at - 1) == Some(&b'\n');
    if unchanged && piece.end <= body.len() && at_line(piece.start) {
        let from = piece.start;
        let again: Vec<Range<usize>> = screen
            .hits(&body[from..], json)
            .into_iter()
            .map(|h| h.start + from..h.end + from)
            .collect();
        let in_piece = again.iter().take_while(|h| h.start < piece.end);
        if in_piece.eq(hits.iter()) {
            return again;
        }
    }
    tracing::debug!("file changed while it was read; screened again");
    screen.hits(body, json)
}

/// Parse the pieces of `data` (the whole file) that hold `hits`.
fn parse(
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
