//! Text encodings: tell UTF-8, UTF-16 and Windows-1252 apart from a file's first bytes, and
//! read the file as UTF-8 whatever it was written in.
//!
//! The guess is made once, on the head: a byte order mark wins; else valid UTF-8 is UTF-8;
//! else the file is Windows-1252 (a superset of Latin-1 that every byte decodes in). A UTF-8
//! file with a stray Windows-1252 line further down is decoded line by line
//! ([`line_text`]), so one bad line costs nothing.

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufRead, BufReader, Seek, SeekFrom};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

use super::{FileError, Reading};

/// A file opened as UTF-8 text.
pub(super) struct Decoded {
    /// The text, as UTF-8 bytes (with possible Windows-1252 lines when the head was UTF-8).
    pub reader: Box<dyn BufRead>,
    /// The encoding the file was written in.
    pub encoding: &'static Encoding,
}

/// Whether bytes that should be text are binary: a NUL byte with no UTF-16 byte order mark.
pub(super) fn is_binary(head: &[u8]) -> bool {
    let utf16 = head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]);
    !utf16 && head.contains(&0)
}

/// Guess the encoding of a file from its head (see the module doc).
pub(super) fn sniff(head: &[u8]) -> Result<&'static Encoding, &'static str> {
    if head.starts_with(&[0xFF, 0xFE, 0, 0]) {
        return Err("UTF-32LE");
    }
    if head.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err("UTF-32BE");
    }
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return Ok(encoding);
    }
    if head.contains(&0) {
        return Err("UTF-16 without a byte order mark, or not text");
    }
    match std::str::from_utf8(head) {
        Ok(_) => Ok(UTF_8),
        // The head may end in the middle of a character.
        Err(e) if e.error_len().is_none() => Ok(UTF_8),
        Err(_) => Ok(WINDOWS_1252),
    }
}

/// Open `file` (at its start) as UTF-8 text, noting the encoding in the summary.
pub(super) fn open(
    mut file: File,
    head: &[u8],
    reading: &mut Reading<'_>,
) -> Result<Decoded, FileError> {
    let path = reading.path;
    let encoding = sniff(head).map_err(|name| FileError::UnsupportedEncoding {
        path: path.to_owned(),
        encoding: name.to_owned(),
    })?;
    reading.encoding = Some(encoding.name());
    tracing::debug!(encoding = encoding.name(), "text encoding");

    let reader: Box<dyn BufRead> = if encoding == UTF_8 {
        if head.starts_with(b"\xEF\xBB\xBF") {
            file.seek(SeekFrom::Start(3))
                .map_err(|e| FileError::from_io(path, e))?;
        }
        Box::new(BufReader::with_capacity(64 * 1024, file))
    } else {
        debug_assert!([UTF_16LE, UTF_16BE, WINDOWS_1252].contains(&encoding));
        let decoder = DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(true)
            .build(file);
        Box::new(BufReader::with_capacity(64 * 1024, decoder))
    };
    Ok(Decoded { reader, encoding })
}

/// A line (or field) of a decoded file as text: UTF-8, else Windows-1252.
pub(super) fn line_text(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(bytes).0,
    }
}

/// Drop a line's ending (`\n` or `\r\n`).
pub(super) fn without_newline(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_order_marks_win_then_utf8_then_windows_1252() {
        assert_eq!(sniff(b"\xEF\xBB\xBFa;b"), Ok(UTF_8));
        assert_eq!(sniff(b"\xFF\xFEa\x00"), Ok(UTF_16LE));
        assert_eq!(sniff(b"\xFE\xFF\x00a"), Ok(UTF_16BE));
        assert_eq!(sniff("Élodie".as_bytes()), Ok(UTF_8));
        assert_eq!(sniff(b"\xC9lodie"), Ok(WINDOWS_1252), "É in Windows-1252");
        assert!(sniff(b"\xFF\xFE\x00\x00a\x00\x00\x00").is_err(), "UTF-32");
    }

    #[test]
    fn a_head_cut_inside_a_character_is_still_utf8() {
        let cut = &"é".as_bytes()[..1];
        assert_eq!(sniff(&[b"abc", cut].concat()), Ok(UTF_8));
    }

    #[test]
    fn a_stray_windows_1252_line_is_decoded_as_such() {
        assert_eq!(line_text(b"Fran\xE7ois"), "François");
        assert_eq!(line_text("François".as_bytes()), "François");
    }
}
