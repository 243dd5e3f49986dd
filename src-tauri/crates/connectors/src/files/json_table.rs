//! JSON and NDJSON files read as tables (see [`super::table`]): every field path of the
//! records is a column, in the order the paths first appear, and each record is a row.
//!
//! A document's records are where the records path says (the document itself when none is
//! given); an NDJSON file has one per line. Every record must be an object. The text is held,
//! never the records: [`open_json`] reads the records once for the headers and to refuse what
//! is not a record, keeping none, and [`JsonBody::for_each_row`] reads them again as rows.
//!
//! Both readings flatten each record as it is parsed ([`json_flat`]), without building a
//! `serde_json::Value`: the header pass keeps only the names, the row pass each field's name
//! and text. A file with a record that the stream cannot read as a `Value` would (an object
//! holding a key twice; see [`json_flat`]) is read again, and then for its rows, as `Value`s
//! flattened by [`json::flatten`], so that the headers and rows are the same either way.

use std::collections::HashMap;
use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::json_flat::{self, KeyShapes, Kind, Leaves, Scalar};
use super::table::{TableError, TableRow};
use super::{json, FileError, Format};

/// What is left to read of a JSON table once its headers are known: the text and where its
/// records are.
pub(super) struct JsonBody {
    text: String,
    /// The records path, split at its dots; empty for the document itself.
    records: Vec<String>,
    /// One record per line.
    ndjson: bool,
    /// Whether the records are read as `Value`s (see the module docs).
    as_values: bool,
}

impl JsonBody {
    /// Hand each record of the file at `path` to `give` as a row, in file order, until the last
    /// or until `give` breaks.
    pub(super) fn for_each_row(
        self,
        path: &Path,
        give: &mut dyn FnMut(TableRow) -> ControlFlow<()>,
    ) -> Result<(), TableError> {
        if self.as_values {
            let mut values = ValueRecords(|row, record: Value| {
                let mut fields = Vec::new();
                json::flatten("", &record, &mut fields);
                give(TableRow { row, fields })
            });
            return self.read(path, &mut values, false);
        }
        let mut rows = RowRecords {
            give,
            path: String::new(),
            width: 0,
        };
        self.read(path, &mut rows, false)
    }

    /// Hand each record to `reader`: see [`document_records`] and [`ndjson_records`].
    fn read<R: RecordReader>(
        &self,
        path: &Path,
        reader: &mut R,
        check_rest: bool,
    ) -> Result<(), TableError> {
        if self.ndjson {
            ndjson_records(path, &self.text, reader, check_rest)
        } else {
            document_records(path, &self.text, &self.records, reader, check_rest)
        }
    }
}

/// Open the JSON document or NDJSON file at `path`, decoded as `text`: read every record once
/// for the headers (each field path, in the order they first appear) and to refuse a record
/// that is not an object, keeping none of them; the headers and what is left to read.
pub(super) fn open_json(
    path: &Path,
    text: String,
    format: Format,
    records: Option<&str>,
) -> Result<(Vec<String>, JsonBody), TableError> {
    JsonBody::new(text, format, records).open(path)
}

impl JsonBody {
    /// The records of `text`, where `records` says, to be read as a stream.
    fn new(text: String, format: Format, records: Option<&str>) -> JsonBody {
        let records = records
            .iter()
            .flat_map(|r| r.split('.'))
            .map(str::trim)
            .filter(|k| !k.is_empty() && *k != "$")
            .map(str::to_owned)
            .collect();
        JsonBody {
            text,
            records,
            ndjson: format == Format::Ndjson,
            as_values: false,
        }
    }

    /// The header pass of [`open_json`]: as a stream, or as `Value`s when the stream cannot
    /// read a record as a `Value` would (or when `as_values` is set already).
    fn open(mut self, path: &Path) -> Result<(Vec<String>, JsonBody), TableError> {
        let (headers, refused) = match self.scan(path)? {
            Some(found) => found,
            None => {
                tracing::debug!(
                    "json records read as values: a key twice, or serde_json's raw-value key"
                );
                self.as_values = true;
                headers_as_values(path, &self)?
            }
        };
        match refused {
            Some(what) => Err(TableError::Records {
                path: path.to_owned(),
                what,
            }),
            None => Ok((headers, self)),
        }
    }

    /// The headers read as a stream, and why a record is refused; `None` when the records
    /// must be read as `Value`s.
    fn scan(&self, path: &Path) -> Result<Option<(Vec<String>, Option<String>)>, TableError> {
        if self.as_values {
            return Ok(None);
        }
        let mut scan = HeaderScan::default();
        let scanned = self.read(path, &mut scan, true);
        if scan.irregular {
            // The scan stopped there, on an error of its own.
            return Ok(None);
        }
        scanned?;
        Ok(Some((scan.names.headers, scan.refused)))
    }
}

/// Why record `rank` is refused, being `kind` (`a string`…).
fn not_an_object(rank: u64, kind: &str) -> String {
    format!(
        "record {rank} is not an object but {kind}; each record must be an object of fields \
         (check the records path)"
    )
}

/// The headers of `body`'s records read as `Value`s, and why a record is refused.
fn headers_as_values(
    path: &Path,
    body: &JsonBody,
) -> Result<(Vec<String>, Option<String>), TableError> {
    let mut headers: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut refused: Option<String> = None;
    let mut collect = ValueRecords(|row: u64, record: Value| {
        if !record.is_object() {
            refused = Some(not_an_object(row, kind_of(&record)));
            return ControlFlow::Break(());
        }
        let mut fields = Vec::new();
        json::flatten("", &record, &mut fields);
        for (name, _) in fields {
            if !seen.contains(&name) {
                seen.insert(name.clone());
                headers.push(name);
            }
        }
        ControlFlow::Continue(())
    });
    body.read(path, &mut collect, true)?;
    Ok((headers, refused))
}

/// What reads the records of a JSON file, each as it is parsed.
trait RecordReader {
    /// Read the record ranked `rank` (its line, for NDJSON) from `d`; whether to go on.
    fn record<'de, D: Deserializer<'de>>(
        &mut self,
        rank: u64,
        d: D,
    ) -> Result<ControlFlow<()>, D::Error>;
}

/// Each record decoded as a `Value`, handed to the function.
struct ValueRecords<F>(F);

impl<F: FnMut(u64, Value) -> ControlFlow<()>> RecordReader for ValueRecords<F> {
    fn record<'de, D: Deserializer<'de>>(
        &mut self,
        rank: u64,
        d: D,
    ) -> Result<ControlFlow<()>, D::Error> {
        let value = Value::deserialize(d)?;
        Ok((self.0)(rank, value))
    }
}

/// Each record flattened into a row as it is parsed, handed to `give`.
struct RowRecords<'a> {
    give: &'a mut dyn FnMut(TableRow) -> ControlFlow<()>,
    /// The path being walked, kept for its room.
    path: String,
    /// The last row's number of fields, to size the next one.
    width: usize,
}

impl RecordReader for RowRecords<'_> {
    fn record<'de, D: Deserializer<'de>>(
        &mut self,
        rank: u64,
        d: D,
    ) -> Result<ControlFlow<()>, D::Error> {
        let mut fields = Fields(Vec::with_capacity(self.width));
        self.path.clear();
        json_flat::walk(d, &mut self.path, &mut fields)?;
        self.width = fields.0.len();
        Ok((self.give)(TableRow {
            row: rank,
            fields: fields.0,
        }))
    }
}

/// The fields of a row.
struct Fields(Vec<(String, String)>);

impl Leaves for Fields {
    fn leaf(&mut self, name: &str, value: Scalar<'_>) {
        self.0.push((name.to_owned(), value.to_text()));
    }
}

/// The header pass: every field name of the records, in the order they first appear, without
/// their values. It stops at a record that is not an object (`refused`), or that the stream
/// cannot read as a `Value` would (`irregular`, with an error that ends the parse there: see
/// [`json_flat`]).
#[derive(Default)]
struct HeaderScan {
    names: Names,
    /// The path being walked, kept for its room.
    path: String,
    refused: Option<String>,
    irregular: bool,
}

impl RecordReader for HeaderScan {
    fn record<'de, D: Deserializer<'de>>(
        &mut self,
        rank: u64,
        d: D,
    ) -> Result<ControlFlow<()>, D::Error> {
        self.path.clear();
        self.names.next = 0;
        let kind = match json_flat::walk(d, &mut self.path, &mut self.names) {
            Ok(kind) => kind,
            Err(e) => {
                self.irregular = self.names.raw_value;
                return Err(e);
            }
        };
        if kind != Kind::Object {
            self.refused = Some(not_an_object(rank, kind.label()));
            return Ok(ControlFlow::Break(()));
        }
        if !self.names.shapes.end_record() {
            self.irregular = true;
            return Err(de::Error::custom("a record to read as a value"));
        }
        Ok(ControlFlow::Continue(()))
    }
}

/// The headers found so far.
#[derive(Default)]
struct Names {
    headers: Vec<String>,
    /// Each header's place in `headers`.
    places: HashMap<String, usize>,
    /// Where in `headers` the record's next field is expected: the records of a table mostly
    /// have the same fields in the same order, and a name equal to the one expected needs no
    /// look-up.
    next: usize,
    shapes: KeyShapes,
    /// Whether an object started with serde_json's raw-value key (see [`json_flat`]).
    raw_value: bool,
}

impl Leaves for Names {
    fn leaf(&mut self, name: &str, _: Scalar<'_>) {
        if self.headers.get(self.next).is_some_and(|h| h == name) {
            self.next += 1;
        } else if let Some(&place) = self.places.get(name) {
            self.next = place + 1;
        } else {
            self.places.insert(name.to_owned(), self.headers.len());
            self.headers.push(name.to_owned());
            self.next = self.headers.len();
        }
    }

    fn open(&mut self) {
        self.shapes.open();
    }

    fn key(&mut self, key: &str) {
        self.shapes.key(key);
    }

    fn close(&mut self) {
        self.shapes.close();
    }

    fn raw_value(&mut self) {
        self.raw_value = true;
    }
}

/// Hand each line's record of an NDJSON text to `reader`. Once `reader` breaks, the other
/// lines are only checked when `check_rest`, so that a broken line is reported before what
/// `reader` refused.
fn ndjson_records<R: RecordReader>(
    path: &Path,
    text: &str,
    reader: &mut R,
    check_rest: bool,
) -> Result<(), TableError> {
    let mut stopped = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let broken = |e: serde_json::Error| {
            FileError::corrupt_at(
                path,
                Format::Ndjson,
                format!("line {}: {}", i + 1, json::syntax(&e)),
                i as u64 + 1,
            )
        };
        if stopped {
            serde_json::from_str::<IgnoredAny>(line).map_err(broken)?;
            continue;
        }
        // As `serde_json::from_str` parses a line: the value, then nothing but blanks after it.
        let mut de = serde_json::Deserializer::from_str(line);
        let flow = reader
            .record(i as u64 + 1, &mut de)
            .and_then(|flow| de.end().map(|()| flow))
            .map_err(broken)?;
        if flow.is_break() {
            if !check_rest {
                return Ok(());
            }
            stopped = true;
        }
    }
    Ok(())
}

/// Hand each record of a JSON document (the array at the dotted path `records`, the document
/// itself when empty) to `reader`, one at a time as it is parsed. The whole document is parsed
/// (a syntax error anywhere is reported first) unless `reader` breaks and not `check_rest`;
/// records not where the path says are refused, naming the arrays there are.
fn document_records<R: RecordReader>(
    path: &Path,
    text: &str,
    records: &[String],
    reader: &mut R,
    check_rest: bool,
) -> Result<(), TableError> {
    let mut state = Walked {
        refused: None,
        stopped: false,
        check_rest,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let walk = Walk {
        path: records,
        depth: 0,
        reader,
        state: &mut state,
    };
    let parsed = walk.deserialize(&mut de).and_then(|()| de.end());
    match parsed {
        Err(_) if state.stopped && !check_rest => return Ok(()),
        Err(e) => {
            return Err(FileError::corrupt_at(
                path,
                Format::Json,
                json::syntax(&e),
                e.line() as u64,
            )
            .into())
        }
        Ok(()) => {}
    }
    match state.refused {
        Some(what) => Err(TableError::Records {
            path: path.to_owned(),
            what,
        }),
        None => Ok(()),
    }
}

/// What a walk through a document found.
struct Walked {
    /// Why the records are not where the path says.
    refused: Option<String>,
    /// Whether the reader broke.
    stopped: bool,
    check_rest: bool,
}

/// The part of a document at `path[..depth]`, walked towards the records at `path`.
struct Walk<'a, R> {
    path: &'a [String],
    depth: usize,
    reader: &'a mut R,
    state: &'a mut Walked,
}

impl<R> Walk<'_, R> {
    fn at_records(&self) -> bool {
        self.depth == self.path.len()
    }

    fn walked(&self) -> String {
        self.path[..self.depth].join(".")
    }

    /// The value here is `kind` (not an object, or not an array), its array members `arrays`.
    fn refuse(self, kind: &str, arrays: &[String]) {
        let arrays = match arrays {
            [] => "it holds no array of records".to_owned(),
            keys => format!("its arrays are under {}", keys.join(", ")),
        };
        let what = if !self.at_records() {
            let place = match self.depth {
                0 => "the document".to_owned(),
                _ => format!("« {} »", self.walked()),
            };
            format!(
                "{place} has no key « {} » ({arrays}); correct the records path",
                self.path[self.depth]
            )
        } else if self.depth == 0 {
            format!(
                "the document is {kind}, not an array of records ({arrays}); give the records \
                 path, such as « result » for a ServiceNow export"
            )
        } else {
            format!(
                "« {} » is {kind}, not an array of records; correct the records path",
                self.walked()
            )
        };
        self.state.refused.get_or_insert(what);
    }
}

impl<'de, R: RecordReader> DeserializeSeed<'de> for Walk<'_, R> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, R: RecordReader> Visitor<'de> for Walk<'_, R> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.refuse("a boolean", &[]);
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.refuse("a number", &[]);
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.refuse("a number", &[]);
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.refuse("a number", &[]);
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.refuse("a string", &[]);
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.refuse("null", &[]);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if !self.at_records() {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            self.refuse("an array", &[]);
            return Ok(());
        }
        let mut rank = 0u64;
        loop {
            if self.state.stopped {
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
                continue;
            }
            let record = Record {
                rank: rank + 1,
                reader: &mut *self.reader,
            };
            let Some(flow) = seq.next_element_seed(record)? else {
                return Ok(());
            };
            rank += 1;
            if flow.is_break() {
                self.state.stopped = true;
                if !self.state.check_rest {
                    return Err(de::Error::custom("the reader stopped"));
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut arrays = Vec::new();
        if self.at_records() {
            while let Some(key) = map.next_key::<String>()? {
                if map.next_value_seed(IsArray)? {
                    arrays.push(key);
                }
            }
            self.refuse("an object", &arrays);
            return Ok(());
        }
        let wanted = self.path[self.depth].as_str();
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if !found && key == wanted {
                found = true;
                map.next_value_seed(Walk {
                    path: self.path,
                    depth: self.depth + 1,
                    reader: &mut *self.reader,
                    state: &mut *self.state,
                })?;
            } else if map.next_value_seed(IsArray)? {
                arrays.push(key);
            }
        }
        if !found {
            self.refuse("an object", &arrays);
        }
        Ok(())
    }
}

/// The record ranked `rank`, handed to `reader`.
struct Record<'a, R> {
    rank: u64,
    reader: &'a mut R,
}

impl<'de, R: RecordReader> DeserializeSeed<'de> for Record<'_, R> {
    type Value = ControlFlow<()>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ControlFlow<()>, D::Error> {
        self.reader.record(self.rank, d)
    }
}

/// Whether a value is an array, its contents skipped.
struct IsArray;

impl<'de> DeserializeSeed<'de> for IsArray {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IsArray {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        Ok(false)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::super::json_flat::tests::Texts;
    use super::*;

    /// What reading `text` gives: its headers and rows (the first `stop` rows when given), or
    /// the message of its error; and whether its rows were read as `Value`s.
    type Outcome = (Result<(Vec<String>, Vec<TableRow>), String>, bool);

    fn read(body: JsonBody, stop: Option<usize>) -> Outcome {
        let path = Path::new("export.json");
        let (headers, body) = match body.open(path) {
            Ok(opened) => opened,
            Err(e) => return (Err(e.to_string()), true),
        };
        let as_values = body.as_values;
        let mut rows = Vec::new();
        let read = body.for_each_row(path, &mut |row| {
            rows.push(row);
            match stop {
                Some(n) if rows.len() >= n => ControlFlow::Break(()),
                _ => ControlFlow::Continue(()),
            }
        });
        let outcome = read.map(|()| (headers, rows)).map_err(|e| e.to_string());
        (outcome, as_values)
    }

    /// How a text was read: as a stream, as `Value`s, or refused.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum Read {
        Stream,
        Values,
        Refused,
    }

    /// Read `text` as a stream and as `Value`s (the reading before streams), which must give
    /// the same; how the first read it.
    fn compare(text: &str, format: Format, records: Option<&str>, stop: Option<usize>) -> Read {
        let streamed = read(JsonBody::new(text.to_owned(), format, records), stop);
        let mut as_values = JsonBody::new(text.to_owned(), format, records);
        as_values.as_values = true;
        let reference = read(as_values, stop);
        assert_eq!(streamed.0, reference.0, "{format:?} {records:?}: {text}");
        match streamed {
            (Err(_), _) => Read::Refused,
            (Ok(_), true) => Read::Values,
            (Ok(_), false) => Read::Stream,
        }
    }

    /// A text of `n` records, now and then one that is not an object, or a broken text.
    fn records(texts: &mut Texts, n: u64, ndjson: bool) -> String {
        let records: Vec<String> = (0..n)
            .map(|_| match texts.below(60) {
                0 => texts.value(2),
                _ => texts.object(2, 6),
            })
            .collect();
        let mut text = if ndjson {
            records.join(if texts.below(5) == 0 { "\n\n" } else { "\n" })
        } else {
            format!("[{}]", records.join(",\n"))
        };
        match texts.below(12) {
            0 => text.truncate(texts.below(text.len() as u64 + 1) as usize),
            1 => text.push_str(" x"),
            _ => {}
        }
        text
    }

    #[test]
    fn records_read_as_a_stream_give_the_headers_rows_and_errors_of_values() {
        let mut texts = Texts::new(2026);
        let mut how = std::collections::HashMap::new();
        for case in 0..1500 {
            let ndjson = case % 3 == 0;
            let n = texts.below(12);
            let body = records(&mut texts, n, ndjson);
            let stop = (texts.below(4) == 0).then(|| texts.below(4) as usize + 1);
            let read = if ndjson {
                compare(&body, Format::Ndjson, None, stop)
            } else {
                let (text, path) = match texts.below(4) {
                    0 => (body, None),
                    1 => (format!("{{\"result\": {body}, \"n\": 1}}"), Some("result")),
                    2 => (
                        format!("{{\"data\": {{\"items\": {body}}}}}"),
                        Some("data.items"),
                    ),
                    _ => (format!("{{\"result\": {body}}}"), Some("rows")),
                };
                compare(&text, Format::Json, path, stop)
            };
            *how.entry(read).or_insert(0) += 1;
        }
        let count = |read| how.get(&read).copied().unwrap_or(0);
        let (stream, values) = (count(Read::Stream), count(Read::Values));
        assert!(stream > 4 * values, "most are read as a stream: {how:?}");
        assert!(values > 10, "some as values: {how:?}");
        assert!(count(Read::Refused) > 100, "some are refused: {how:?}");
    }

    #[test]
    fn a_key_twice_has_the_last_value_in_the_first_key_s_place() {
        let text = r#"[{"a": {"x": 1}, "b": 2, "a": {"y": 3}}, {"c": null, "d": 4, "c": 5}]"#;
        let (Ok((headers, rows)), as_values) =
            read(JsonBody::new(text.into(), Format::Json, None), None)
        else {
            panic!("a valid document");
        };
        assert!(as_values, "read as values");
        assert_eq!(headers, ["a.y", "b", "c", "d"], "as a Value reads it");
        assert_eq!(
            rows[1].fields[0],
            ("c".to_owned(), "5".to_owned()),
            "the last value"
        );
    }
}
