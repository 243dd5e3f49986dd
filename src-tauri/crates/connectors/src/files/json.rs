//! JSON and NDJSON: objects flattened into records of dotted paths.
//!
//! A document is split into records where it holds a table: a top-level array gives one
//! record per element, and a top-level object gives one per element of each of its arrays of
//! objects (`{"customers": [...]}`, the key becoming the location's sheet), plus one record of
//! its other members. Anything else is one record. In a record, nested objects become dotted
//! paths (`customer.email`), arrays of scalars are joined with `, `, and arrays holding objects
//! are indexed from 0 (`orders[0].id`).

use std::fs::File;
use std::io::{BufRead, Read};

use serde_json::{Map, Value};

use super::{decode, FileError, Format, Reading};

/// A whole JSON document.
pub(super) fn read_document(
    file: File,
    head: &[u8],
    reading: &mut Reading<'_>,
) -> Result<(), FileError> {
    let path = reading.path;
    let mut decoded = decode::open(file, head, reading)?;
    let mut bytes = Vec::new();
    decoded
        .reader
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::from_io(path, e))?;
    let document: Value = serde_json::from_slice(&bytes)
        .map_err(|e| FileError::corrupt_at(path, Format::Json, syntax(&e), e.line() as u64))?;
    drop(bytes);

    let mut at = reading.location();
    let mut fields = Vec::new();
    match document {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.row = Some(i as u64 + 1);
                fields.clear();
                flatten("", item, &mut fields);
                if reading.record(&at, &fields).is_break() {
                    return Ok(());
                }
            }
        }
        Value::Object(members) => read_object(&members, &mut at, reading),
        scalar => {
            flatten("", &scalar, &mut fields);
            let _ = reading.record(&at, &fields);
        }
    }
    Ok(())
}

/// The elements of a top-level array (`body`, in `encoding`) that hold one of `hits`, with the
/// rows [`read_document`] gives them. `Ok(false)`: the document is not an array, or not one
/// this can vouch for, and must be read in full (which reports what is wrong with it).
///
/// NOTE: the whole document is checked first, as the full reading would, so that a damaged
/// file is still reported as such rather than read in part.
pub(super) fn read_array_at(
    body: &[u8],
    encoding: &'static encoding_rs::Encoding,
    hits: &[std::ops::Range<usize>],
    reading: &mut Reading<'_>,
) -> Result<bool, FileError> {
    let utf8 = encoding == encoding_rs::UTF_8;
    if utf8 && std::str::from_utf8(body).is_err() {
        return Ok(false);
    }
    let checked = if utf8 {
        serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
    } else {
        let (text, _) = encoding.decode_without_bom_handling(body);
        serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok()
    };
    let Some(elements) = checked.then(|| array_elements(body)).flatten() else {
        return Ok(false);
    };

    // Parsed before any is sent, so that giving up leaves nothing sent twice.
    let mut items = Vec::new();
    let mut next_hit = 0;
    for (i, element) in elements.iter().enumerate() {
        while next_hit < hits.len() && hits[next_hit].end <= element.start {
            next_hit += 1;
        }
        if !(next_hit < hits.len() && hits[next_hit].start < element.end) {
            continue;
        }
        let text = super::screened::text(&body[element.clone()], encoding);
        let Ok(item) = serde_json::from_str::<Value>(&text) else {
            return Ok(false);
        };
        items.push((i, item));
    }
    let mut at = reading.location();
    let mut fields = Vec::new();
    for (i, item) in items {
        at.row = Some(i as u64 + 1);
        fields.clear();
        flatten("", &item, &mut fields);
        if reading.record(&at, &fields).is_break() {
            break;
        }
    }
    Ok(true)
}

/// The byte ranges of a top-level array's elements, or `None` when `body` is not an array.
///
/// NOTE: a string is crossed from one quote or backslash to the next (`memchr2`), not byte by
/// byte: most of a JSON export's bytes are in its strings.
fn array_elements(body: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    let open = body.iter().position(|b| !b.is_ascii_whitespace())?;
    if body[open] != b'[' {
        return None;
    }
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut start = open + 1;
    let mut i = open;
    while i < body.len() {
        match body[i] {
            b'"' => {
                // To the string's closing quote, past its escapes.
                i += 1;
                loop {
                    let at = i + memchr::memchr2(b'"', b'\\', body.get(i..)?)?;
                    if body[at] == b'"' {
                        i = at;
                        break;
                    }
                    i = at + 2; // the escaped byte, whatever it is
                }
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    if body[start..i].iter().any(|b| !b.is_ascii_whitespace()) {
                        elements.push(start..i);
                    }
                    return Some(elements);
                }
            }
            b',' if depth == 1 => {
                elements.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A top-level object: its arrays of objects as tables, the rest as one record.
fn read_object(members: &Map<String, Value>, at: &mut super::Location, reading: &mut Reading<'_>) {
    let is_table = |value: &Value| {
        value
            .as_array()
            .is_some_and(|items| items.iter().any(Value::is_object))
    };
    let mut fields = Vec::new();
    for (key, value) in members.iter().filter(|(_, v)| !is_table(v)) {
        flatten(key, value, &mut fields);
    }
    if reading.record(at, &fields).is_break() {
        return;
    }

    for (key, value) in members.iter().filter(|(_, v)| is_table(v)) {
        at.sheet = Some(key.clone());
        for (i, item) in value.as_array().into_iter().flatten().enumerate() {
            at.row = Some(i as u64 + 1);
            fields.clear();
            flatten("", item, &mut fields);
            if reading.record(at, &fields).is_break() {
                return;
            }
        }
    }
}

/// JSON Lines: one record per line; a line that does not parse is skipped and counted.
pub(super) fn read_lines(
    file: File,
    head: &[u8],
    reading: &mut Reading<'_>,
) -> Result<(), FileError> {
    let path = reading.path;
    let mut decoded = decode::open(file, head, reading)?;
    let mut at = reading.location();
    let mut line = Vec::new();
    let mut fields = Vec::new();
    for number in 1.. {
        line.clear();
        let read = decoded
            .reader
            .read_until(b'\n', &mut line)
            .map_err(|e| FileError::from_io(path, e))?;
        if read == 0 {
            break;
        }
        let text = decode::line_text(decode::without_newline(&line));
        if text.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(e) => {
                tracing::debug!(line = number, error = %syntax(&e), "json line skipped");
                reading.skipped += 1;
                continue;
            }
        };
        at.line = Some(number);
        fields.clear();
        flatten("", &value, &mut fields);
        if reading.record(&at, &fields).is_break() {
            break;
        }
    }
    Ok(())
}

/// Where a JSON document breaks, without quoting it.
pub(super) fn syntax(error: &serde_json::Error) -> String {
    format!(
        "{:?} error at line {}, column {}",
        error.classify(),
        error.line(),
        error.column()
    )
    .to_lowercase()
}

/// Add the non-empty scalars under `value` to `fields`, named by their path from `prefix`.
pub(super) fn flatten(prefix: &str, value: &Value, fields: &mut Vec<(String, String)>) {
    let name = || {
        if prefix.is_empty() {
            "value".to_owned()
        } else {
            prefix.to_owned()
        }
    };
    match value {
        Value::Null => {}
        Value::Object(members) => {
            for (key, member) in members {
                let path = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&path, member, fields);
            }
        }
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let joined: Vec<String> = items.iter().filter_map(scalar).collect();
            if !joined.is_empty() {
                fields.push((name(), joined.join(", ")));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), item, fields);
            }
        }
        other => fields.extend(scalar(other).map(|text| (name(), text))),
    }
}

/// A scalar as text; `None` for null and blank strings.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn nested_objects_become_paths_and_scalar_arrays_are_joined() {
        let value = json!({
            "id": 7,
            "customer": {"email": "e@x.fr", "phone": null, "tags": ["vip", "", 3]},
            "orders": [{"ref": "A1"}, "loose"],
        });
        let mut fields = Vec::new();
        flatten("", &value, &mut fields);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("id", "7"),
                ("customer.email", "e@x.fr"),
                ("customer.tags", "vip, 3"),
                ("orders[0].ref", "A1"),
                ("orders[1]", "loose"),
            ]
        );
    }

    /// The element scan as it was, a byte at a time: the reference.
    fn array_elements_byte_by_byte(body: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
        let open = body.iter().position(|b| !b.is_ascii_whitespace())?;
        if body[open] != b'[' {
            return None;
        }
        let mut elements = Vec::new();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let mut start = open + 1;
        for (i, &b) in body.iter().enumerate().skip(open) {
            if in_string {
                match b {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'[' | b'{' => depth += 1,
                b']' | b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        if body[start..i].iter().any(|b| !b.is_ascii_whitespace()) {
                            elements.push(start..i);
                        }
                        return Some(elements);
                    }
                }
                b',' if depth == 1 => {
                    elements.push(start..i);
                    start = i + 1;
                }
                _ => {}
            }
        }
        None
    }

    #[test]
    fn array_elements_are_cut_as_a_byte_by_byte_scan_cuts_them() {
        let mut cases: Vec<Vec<u8>> = [
            r#"[]"#,
            r#"  [ ]  "#,
            r#"[1, "a", {"b": [2, 3]}, [4, {"c": "]"}]]"#,
            r#"[{"note": "un \"guillemet\", une virgule, un ]"}, {"x": "\\"}]"#,
            r#"[{"e": "\u00e9\\\"]"}, "fin \\"]"#,
            r#"{"not": "an array"}"#,
            r#"[{"unterminated": "abc]"#,
            r#"["ends on a backslash \"#,
            r#"["ends on an escaped byte \""#,
            r#"[1, 2"#,
            "",
        ]
        .iter()
        .map(|c| c.as_bytes().to_vec())
        .collect();
        // Random arrays of strings full of quotes, backslashes and brackets, cut anywhere.
        let mut seed = 2026u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let alphabet = br#"ab ,[]{}:"\"#;
        for _ in 0..300 {
            let mut body = b"[".to_vec();
            for k in 0..next(8) {
                if k > 0 {
                    body.push(b',');
                }
                body.extend(b"{\"k\": \"");
                for _ in 0..next(12) {
                    match alphabet[next(alphabet.len() as u64) as usize] {
                        b'"' => body.extend(br#"\""#),
                        b'\\' => body.extend(br#"\\"#),
                        b => body.push(b),
                    }
                }
                body.extend(b"\"}");
            }
            body.push(b']');
            let cut = next(body.len() as u64 + 1) as usize;
            cases.push(body.clone());
            cases.push(body[..cut].to_vec());
        }
        for body in &cases {
            assert_eq!(
                array_elements(body),
                array_elements_byte_by_byte(body),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
        let whole = cases.iter().filter(|c| array_elements(c).is_some()).count();
        assert!(whole > 300, "most cases are whole arrays: {whole}");
    }
}
