//! Text and log files: one text piece per non-blank line, with its line number.

use std::fs::File;
use std::io::BufRead;

use super::{decode, FileError, Reading};

pub(super) fn read(file: File, head: &[u8], reading: &mut Reading<'_>) -> Result<(), FileError> {
    let mut decoded = decode::open(file, head, reading)?;
    let mut at = reading.location();
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        let read = decoded
            .reader
            .read_until(b'\n', &mut line)
            .map_err(|e| FileError::from_io(reading.path, e))?;
        if read == 0 {
            break;
        }
        at.line = Some(number);
        let text = decode::line_text(decode::without_newline(&line));
        if reading.text(&at, &text).is_break() {
            break;
        }
    }
    Ok(())
}
