//! JSON and NDJSON files read as tables (see [`super::table`]): every field path of the
//! records is a column, in the order the paths first appear, and each record is a row.
//!
//! A document's records are where the records path says (the document itself when none is
//! given); an NDJSON file has one per line. Every record must be an object. The text is held,
//! never the records: [`open_json`] reads the records once for the headers and to refuse what
//! is not a record, keeping none, and [`JsonBody::for_each_row`] reads them again as rows.

use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

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
}

impl JsonBody {
    /// Hand each record of the file at `path` to `give` as a row, in file order, until the last
    /// or until `give` breaks.
    pub(super) fn for_each_row(
        self,
        path: &Path,
        give: &mut dyn FnMut(TableRow) -> ControlFlow<()>,
    ) -> Result<(), TableError> {
        let mut sink = |row, record: Value| {
            let mut fields = Vec::new();
            json::flatten("", &record, &mut fields);
            give(TableRow { row, fields })
        };
        if self.ndjson {
            ndjson_records(path, &self.text, &mut sink, false)
        } else {
            document_records(path, &self.text, &self.records, &mut sink, false)
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
    let records: Vec<String> = records
        .iter()
        .flat_map(|r| r.split('.'))
        .map(str::trim)
        .filter(|k| !k.is_empty() && *k != "$")
        .map(str::to_owned)
        .collect();
    let mut headers: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut refused: Option<String> = None;
    let mut collect = |row: u64, record: Value| {
        if !record.is_object() {
            refused = Some(format!(
                "record {row} is not an object but {}; each record must be an object of \
                 fields (check the records path)",
                kind_of(&record)
            ));
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
    };
    let ndjson = format == Format::Ndjson;
    if ndjson {
        ndjson_records(path, &text, &mut collect, true)?;
    } else {
        document_records(path, &text, &records, &mut collect, true)?;
    }
    if let Some(what) = refused {
        return Err(TableError::Records {
            path: path.to_owned(),
            what,
        });
    }
    let body = JsonBody {
        text,
        records,
        ndjson,
    };
    Ok((headers, body))
}

/// What receives the records of a JSON file: each with its rank (its line, for NDJSON).
type RecordSink<'a> = dyn FnMut(u64, Value) -> ControlFlow<()> + 'a;

/// Hand each line's record of an NDJSON text to `sink`. Once `sink` breaks, the other lines
/// are only checked when `check_rest`, so that a broken line is reported before what `sink`
/// refused.
fn ndjson_records(
    path: &Path,
    text: &str,
    sink: &mut RecordSink<'_>,
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
        let value: Value = serde_json::from_str(line).map_err(broken)?;
        if sink(i as u64 + 1, value).is_break() {
            if !check_rest {
                return Ok(());
            }
            stopped = true;
        }
    }
    Ok(())
}

/// Hand each record of a JSON document (the array at the dotted path `records`, the document
/// itself when empty) to `sink`, one at a time as it is parsed. The whole document is parsed
/// (a syntax error anywhere is reported first) unless `sink` breaks and not `check_rest`;
/// records not where the path says are refused, naming the arrays there are.
fn document_records(
    path: &Path,
    text: &str,
    records: &[String],
    sink: &mut RecordSink<'_>,
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
        sink,
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
    /// Whether the sink broke.
    stopped: bool,
    check_rest: bool,
}

/// The part of a document at `path[..depth]`, walked towards the records at `path`.
struct Walk<'a, 'f> {
    path: &'a [String],
    depth: usize,
    sink: &'a mut RecordSink<'f>,
    state: &'a mut Walked,
}

impl Walk<'_, '_> {
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

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
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
            let Some(record) = seq.next_element::<Value>()? else {
                return Ok(());
            };
            rank += 1;
            if (self.sink)(rank, record).is_break() {
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
                    sink: &mut *self.sink,
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
