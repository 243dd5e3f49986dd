//! CSV and TSV: find the delimiter and the header, then one record per row.
//!
//! The delimiter is the candidate (`,` `;` tab `|`) whose count, outside quotes, is the same
//! on the most of the first rows, preferring commas on a tie. Rows may be ragged: a field
//! past the header's width is named by its column letter.

use std::fs::File;
use std::ops::{ControlFlow, Range};

use encoding_rs::Encoding;

use super::{
    decode, field_names, looks_like_header, screened, FileError, Format, Reading, HEAD_BYTES,
};

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many rows of the head the delimiter is judged on.
const SAMPLE_ROWS: usize = 20;

pub(super) fn read(file: File, head: &[u8], reading: &mut Reading<'_>) -> Result<(), FileError> {
    let decoded = decode::open(file, head, reading)?;
    let (head_text, _) = decoded.encoding.decode_with_bom_removal(head);
    let delimiter = detect_delimiter(&head_text, head.len() >= HEAD_BYTES);
    let mut csv = reader(delimiter, decoded.reader, reading);
    let path = reading.path;
    let mut table = Table::new(reading);
    let mut record = csv::ByteRecord::new();
    while csv
        .read_byte_record(&mut record)
        .map_err(|e| failed(path, e))?
    {
        let cells = record
            .iter()
            .map(|cell| decode::line_text(cell).into_owned());
        if table
            .row(cells.collect(), &record, true, reading)
            .is_break()
        {
            break;
        }
    }
    Ok(())
}

/// The records of an in-memory table (`body`, in `encoding`) that hold one of `hits`, and
/// its header: rows and lines as [`read`] gives them, since the same parser finds the
/// records over the raw bytes (see the `screened` module).
pub(super) fn read_at(
    body: &[u8],
    head: &[u8],
    encoding: &'static Encoding,
    hits: &[Range<usize>],
    reading: &mut Reading<'_>,
) -> Result<(), FileError> {
    reading.encoding = Some(encoding.name());
    let (head_text, _) = encoding.decode_with_bom_removal(head);
    let delimiter = detect_delimiter(&head_text, head.len() >= HEAD_BYTES);
    let mut csv = reader(delimiter, body, reading);
    let path = reading.path;
    let mut table = Table::new(reading);
    let mut record = csv::ByteRecord::new();
    let mut next_hit = 0;
    loop {
        let start = csv.position().byte() as usize;
        if !csv
            .read_byte_record(&mut record)
            .map_err(|e| failed(path, e))?
        {
            break;
        }
        let end = csv.position().byte() as usize;
        while next_hit < hits.len() && hits[next_hit].end <= start {
            next_hit += 1;
        }
        let holds_hit = next_hit < hits.len() && hits[next_hit].start < end;
        if table.row == 0 || holds_hit {
            let cells = record
                .iter()
                .map(|cell| screened::text(cell, encoding).into_owned());
            let send = holds_hit;
            if table
                .row(cells.collect(), &record, send, reading)
                .is_break()
            {
                break;
            }
        } else {
            table.row += 1;
        }
    }
    Ok(())
}

fn reader<R: std::io::Read>(delimiter: u8, input: R, reading: &mut Reading<'_>) -> csv::Reader<R> {
    reading.delimiter = Some(char::from(delimiter));
    tracing::debug!(delimiter = %char::from(delimiter).escape_default(), "csv delimiter");
    // NOTE: rows end at `\n` only, so that line numbers stay right after `\r\n` endings
    // (the reader counts `\n`); the `\r` left at the end of a row's last cell goes with the
    // trimming every cell gets. Files ending rows with a lone `\r` (classic Mac OS) read as
    // one row.
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::Any(b'\n'))
        .has_headers(false)
        .flexible(true)
        .from_reader(input)
}

fn failed(path: &std::path::Path, e: csv::Error) -> FileError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => FileError::from_io(path, e),
        other => FileError::corrupt(path, Format::Csv, format!("{other:?}")),
    }
}

/// A table being read: its field names (from the header, or letters) and where it is.
struct Table {
    at: super::Location,
    names: Vec<String>,
    fields: Vec<(String, String)>,
    /// The rows seen so far, sent or not.
    row: u64,
}

impl Table {
    fn new(reading: &Reading<'_>) -> Table {
        Table {
            at: reading.location(),
            names: Vec::new(),
            fields: Vec::new(),
            row: 0,
        }
    }

    /// The next row, its `cells` decoded: the header is kept as names, any other row sent
    /// when `send` (the first row is always looked at, to tell whether it is the header).
    fn row(
        &mut self,
        cells: Vec<String>,
        record: &csv::ByteRecord,
        send: bool,
        reading: &mut Reading<'_>,
    ) -> ControlFlow<()> {
        self.row += 1;
        if self.row == 1 {
            let header = looks_like_header(cells.iter().map(String::as_str));
            self.names = field_names(header.then_some(cells.as_slice()), cells.len());
            if header || !send {
                return ControlFlow::Continue(());
            }
        }
        // NOTE: names only grow, with letters past the header, so a row's names do not
        // depend on which rows before it were read.
        if self.names.len() < cells.len() {
            self.names = field_names(Some(&self.names), cells.len());
        }
        self.fields.clear();
        for (name, cell) in self.names.iter().zip(cells) {
            let value = cell.trim();
            if !value.is_empty() {
                self.fields.push((name.clone(), value.to_owned()));
            }
        }
        self.at.row = Some(self.row);
        self.at.line = record.position().map(|p| p.line());
        reading.record(&self.at, &self.fields)
    }
}

/// The delimiter of a table whose first bytes are `head`; `truncated` when the head does not
/// end at the end of a row.
pub(super) fn detect_delimiter(head: &str, truncated: bool) -> u8 {
    let mut rows = count_per_row(head);
    if truncated && rows.len() > 1 {
        rows.pop();
    }
    let mut best = (b',', 0, 0);
    for (c, &candidate) in CANDIDATES.iter().enumerate() {
        let Some(first) = rows.first().map(|r| r[c]).filter(|&n| n > 0) else {
            continue;
        };
        let consistent = rows.iter().filter(|r| r[c] == first).count();
        if (consistent, first) > (best.1, best.2) {
            best = (candidate, consistent, first);
        }
    }
    best.0
}

/// For each of the first rows, how many of each candidate it holds outside quotes.
fn count_per_row(head: &str) -> Vec<[usize; 4]> {
    let mut rows = Vec::new();
    let mut counts = [0; 4];
    let mut quoted = false;
    let mut blank = true;
    for byte in head.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                if !blank {
                    rows.push(counts);
                    if rows.len() == SAMPLE_ROWS {
                        return rows;
                    }
                }
                counts = [0; 4];
                blank = true;
                continue;
            }
            _ if !quoted => {
                if let Some(c) = CANDIDATES.iter().position(|&d| d == byte) {
                    counts[c] += 1;
                }
            }
            _ => {}
        }
        if !byte.is_ascii_whitespace() {
            blank = false;
        }
    }
    if !blank {
        rows.push(counts);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_counted_alike_on_every_row() {
        assert_eq!(detect_delimiter("a;b;c\n1;2,5;3\n4;5;6\n", false), b';');
        assert_eq!(detect_delimiter("a,b\n1,2\n", false), b',');
        assert_eq!(detect_delimiter("a\tb|c\n1\t2|x\n3\t4\n", false), b'\t');
        assert_eq!(
            detect_delimiter("alone\n", false),
            b',',
            "no delimiter at all"
        );
    }

    #[test]
    fn delimiters_inside_quotes_do_not_count() {
        let head = "nom,note\n\"Martin; Élodie\",\"a;b\nc;d\"\nDupont,x\n";
        assert_eq!(detect_delimiter(head, false), b',');
    }

    #[test]
    fn a_cut_last_row_is_not_judged() {
        assert_eq!(detect_delimiter("a|b|c\n1|2|3\n4|5", true), b'|');
    }
}
