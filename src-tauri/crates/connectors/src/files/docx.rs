//! DOCX documents: one text piece per paragraph of the body, table cells and text boxes
//! included, numbered in document order (the number goes in the location's `line`).
//!
//! Only `word/document.xml` is read: headers, footers, footnotes and comments are not (yet).
//! Deleted text that tracked changes still hold is read, since it is still in the file. Text
//! boxes saved twice for old readers (`mc:Fallback`) are read once.

use std::fs::File;
use std::io::BufReader;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use zip::result::ZipError;
use zip::ZipArchive;

use super::sheet::COMPOUND_FILE;
use super::{FileError, Format, Reading};

const BODY: &str = "word/document.xml";

pub(super) fn read(file: File, head: &[u8], reading: &mut Reading<'_>) -> Result<(), FileError> {
    let path = reading.path;
    if head.starts_with(COMPOUND_FILE) {
        return Err(FileError::Encrypted {
            path: path.to_owned(),
            format: Format::Docx,
        });
    }
    let mut archive = ZipArchive::new(BufReader::new(file)).map_err(|e| zip_error(e, reading))?;
    let body = archive.by_name(BODY).map_err(|e| match e {
        ZipError::FileNotFound => {
            FileError::corrupt(path, Format::Docx, format!("it has no {BODY} part"))
        }
        other => zip_error(other, reading),
    })?;
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(body));
    let malformed = |e: quick_xml::Error| {
        tracing::debug!(error = %e, "docx body does not parse");
        FileError::corrupt(path, Format::Docx, format!("{BODY} is not well-formed XML"))
    };

    let mut at = reading.location();
    // Paragraphs nest (a text box sits in a run of its paragraph): one buffer per level.
    let mut open: Vec<String> = Vec::new();
    let mut in_text = false;
    let mut number = 0;
    let mut fallback = 0;
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let event = xml.read_event_into(&mut buffer).map_err(malformed)?;
        match &event {
            Event::Start(e) if e.local_name().as_ref() == b"Fallback" => fallback += 1,
            Event::End(e) if e.local_name().as_ref() == b"Fallback" => fallback -= 1,
            Event::Eof => break,
            _ => {}
        }
        if fallback > 0 {
            continue;
        }
        let current = open.last_mut();
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => open.push(String::new()),
                b"t" | b"delText" => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" | b"delText" => in_text = false,
                b"p" => {
                    number += 1;
                    let text = open.pop().unwrap_or_default();
                    at.line = Some(number);
                    if reading.text(&at, &text).is_break() {
                        break;
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match (e.local_name().as_ref(), current) {
                (b"p", _) => number += 1,
                (b"tab", Some(text)) => text.push('\t'),
                (b"br" | b"cr", Some(text)) => text.push(' '),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let content = t.decode().map_err(|e| malformed(e.into()))?;
                current.into_iter().for_each(|text| text.push_str(&content));
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| malformed(e.into()))?;
                let resolved = match r.resolve_char_ref().map_err(malformed)? {
                    Some(c) => Some(c.to_string()),
                    None => resolve_predefined_entity(&name).map(str::to_owned),
                };
                if let (Some(text), Some(resolved)) = (current, resolved) {
                    text.push_str(&resolved);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn zip_error(error: ZipError, reading: &Reading<'_>) -> FileError {
    match error {
        ZipError::Io(e) => FileError::from_io(reading.path, e),
        other => {
            tracing::debug!(error = %other, "docx archive does not open");
            FileError::corrupt(reading.path, Format::Docx, "the zip archive is damaged")
        }
    }
}
