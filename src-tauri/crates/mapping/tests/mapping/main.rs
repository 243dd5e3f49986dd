//! Profiles applied to the exports DPOs actually receive: a ServiceNow business application
//! export, a LeanIX application export, a French vendor list and a contracts sheet.
//!
//! The rows are given as the connectors' readers produce them (`(field, value)` pairs, dotted
//! paths for nested JSON, empty cells left out), so that these tests need no file and no I/O.

mod profiles;
mod sources;
mod suggestions;

use passerelle_mapping::{MappedRecord, Problem, ProblemKind};
use serde_json::Value;

/// The body of a record as one JSON value, for exact comparisons.
pub fn body(record: &MappedRecord) -> Value {
    Value::Object(record.values.clone())
}

/// The problems of a record as (kind, column, field, message), for exact comparisons.
pub fn problems(record: &MappedRecord) -> Vec<(ProblemKind, Option<&str>, Option<&str>, &str)> {
    record.problems.iter().map(problem).collect()
}

/// One problem as (kind, column, field, message).
pub fn problem(p: &Problem) -> (ProblemKind, Option<&str>, Option<&str>, &str) {
    (
        p.kind,
        p.column.as_deref(),
        p.field.as_deref(),
        p.message.as_str(),
    )
}

/// Records of a JSON document flattened as the connectors' JSON reader does: one record per
/// element of the array under `key`, nested objects as dotted paths, numbered from 1.
pub fn json_records(document: &Value, key: &str) -> Vec<passerelle_mapping::SourceRow> {
    fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(members) => {
                for (k, v) in members {
                    let path = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&path, v, out);
                }
            }
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            Value::String(s) => out.push((prefix.to_owned(), s.clone())),
            other => out.push((prefix.to_owned(), other.to_string())),
        }
    }
    let items = document[key].as_array().expect("an array of records");
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut fields = Vec::new();
            flatten("", item, &mut fields);
            passerelle_mapping::SourceRow {
                row_number: i as u64 + 1,
                fields,
            }
        })
        .collect()
}
