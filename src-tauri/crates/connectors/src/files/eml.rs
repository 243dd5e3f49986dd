//! E-mail messages (`.eml`): a record of the headers that name people, then a text piece per
//! line of the body.
//!
//! The record holds `From`, `To`, `Cc`, `Reply-To` (as `Name <address>`, comma-separated),
//! `Subject`, `Date` (RFC 3339) and `Attachments` (the file names). The body is the text
//! parts, or the HTML parts stripped of their tags when there is no text part; lines are
//! numbered across parts. Attachments' contents are not read.

use std::fs::File;
use std::io::Read;

use mail_parser::{Address, MessageParser, MimeHeaders};

use super::{FileError, Format, Reading};

pub(super) fn read(file: File, bytes: u64, reading: &mut Reading<'_>) -> Result<(), FileError> {
    let path = reading.path;
    let mut raw = Vec::with_capacity(usize::try_from(bytes).unwrap_or(0));
    file.take(bytes)
        .read_to_end(&mut raw)
        .map_err(|e| FileError::from_io(path, e))?;
    let message = MessageParser::default()
        .parse(&raw)
        .filter(|m| m.from().is_some() || m.subject().is_some() || m.date().is_some())
        .ok_or_else(|| FileError::corrupt(path, Format::Eml, "it has no message headers"))?;

    let mut fields = Vec::new();
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            fields.push((name.to_owned(), value.trim().to_owned()));
        }
    };
    field("From", message.from().map(addresses));
    field("To", message.to().map(addresses));
    field("Cc", message.cc().map(addresses));
    field("Reply-To", message.reply_to().map(addresses));
    field("Subject", message.subject().map(str::to_owned));
    field("Date", message.date().map(|d| d.to_rfc3339()));
    let names: Vec<&str> = message
        .attachments()
        .filter_map(|part| part.attachment_name())
        .collect();
    field("Attachments", Some(names.join(", ")));
    let mut at = reading.location();
    if reading.record(&at, &fields).is_break() {
        return Ok(());
    }

    let mut number = 0;
    for part in 0..message.text_body_count() {
        let Some(body) = message.body_text(part) else {
            continue;
        };
        for line in body.lines() {
            number += 1;
            at.line = Some(number);
            if reading.text(&at, line).is_break() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// `Name <address>, …` for every address of a header.
fn addresses(list: &Address<'_>) -> String {
    let shown: Vec<String> = list
        .iter()
        .map(|addr| match (addr.name(), addr.address()) {
            (Some(name), Some(address)) => format!("{name} <{address}>"),
            (Some(only), None) | (None, Some(only)) => only.to_owned(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect();
    shown.join(", ")
}
