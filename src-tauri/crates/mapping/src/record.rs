//! Applying a profile to one source row: the target body, its match key, and its problems.
//!
//! Each mapping's chain gives a [`Cell`], which is then written into the body as the target
//! field's type asks, and validated against the contract on the way: lengths, enums, types,
//! required fields. An enum value that differs from an allowed one only by case, accents or
//! punctuation (`in production` for `InProduction`) is written as Dastra spells it.
//!
//! An empty result leaves the field out of the body rather than writing `null`: an import never
//! clears a field in Dastra because a cell is empty. A column absent from a row reads as empty,
//! because the file readers leave empty cells out of a record; a column absent from the whole
//! source is reported once by [`crate::Profile::check_columns`].

use passerelle_dastra::contract::{component, schema::DATE_TIME_PATTERN};
use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

use crate::lookup::LookupTable;
use crate::problem::{quote, shorten, Problem, ProblemKind};
use crate::similar::compact_fold;
use crate::target::{FieldType, RefShape, Referenced, TargetField, TargetSchema};
use crate::transform::{Cell, Step, Transform};
use crate::Profile;

/// One record of a source, as the connectors read it: `(field, value)` pairs in source order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SourceRow {
    /// The row's number in the source (a CSV line's row, a JSON record's rank), for messages.
    pub row_number: u64,
    /// The fields: a column header, or a dotted JSON path (`owned_by.display_value`), and its
    /// value as text.
    pub fields: Vec<(String, String)>,
}

impl SourceRow {
    /// A row from `(field, value)` pairs.
    pub fn new<K: Into<String>, V: Into<String>>(
        row_number: u64,
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> SourceRow {
        let fields = fields
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        SourceRow { row_number, fields }
    }

    /// The value of `column`: the first field of that name, or else the first whose name
    /// matches once trimmed.
    pub fn get(&self, column: &str) -> Option<&str> {
        let exact = self.fields.iter().find(|(k, _)| k == column);
        exact
            .or_else(|| self.fields.iter().find(|(k, _)| k.trim() == column.trim()))
            .map(|(_, v)| v.as_str())
    }
}

/// What one row becomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MappedRecord {
    /// The source row it comes from.
    pub row: u64,
    /// The match key's value, or `None` when it is empty (a [`ProblemKind::MissingKey`]).
    pub key: Option<String>,
    /// The target body: Dastra's JSON property names and values; empty results left out.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub values: Map<String, Value>,
    /// What must be fixed before this record can be imported; empty when it is valid.
    pub problems: Vec<Problem>,
}

impl MappedRecord {
    /// Whether the record has no problem.
    pub fn is_valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The body of [`Profile::map_record`].
pub(crate) fn map_record(
    profile: &Profile,
    row: &SourceRow,
    lookups: &dyn LookupTable,
) -> MappedRecord {
    let schema = TargetSchema::for_entity(profile.target);
    let mut out = MappedRecord {
        row: row.row_number,
        key: None,
        values: Map::with_capacity(profile.fields.len() + 1),
        problems: Vec::new(),
    };
    let tag_type = tag_type(schema);
    let mut failed: Vec<&str> = Vec::new();

    let key = &profile.key;
    let chains = std::iter::once((
        key.target.as_str(),
        Some(key.column.as_str()),
        &key.transforms,
    ));
    let fields = profile
        .fields
        .iter()
        .map(|m| (m.target.as_str(), m.column(), &m.transforms));
    for (i, (target, column, transforms)) in chains.chain(fields).enumerate() {
        let field = schema
            .field(target)
            .expect("BUG: targets are checked with the profile");
        let mut step = Step {
            row,
            lookups,
            column,
            field: target,
            problems: &mut out.problems,
        };
        let cell = run_chain(column, transforms, &mut step);
        let written = cell.and_then(|c| write(c, field, tag_type, &mut step));
        match written {
            Ok(Some(value)) => {
                if i == 0 {
                    out.key = value_text(&value);
                }
                out.values.insert(target.to_owned(), value);
            }
            Ok(None) if i == 0 => {
                let what = format!(
                    "the match key is empty, so the row cannot be matched with a Dastra {}: \
                     fill the column, or remove the row from the source",
                    profile.target
                );
                let problem = Problem::new(
                    Some(row.row_number),
                    column,
                    Some(target),
                    ProblemKind::MissingKey,
                    what,
                );
                step.problems.push(problem.with("entity", profile.target));
                failed.push(target);
            }
            Ok(None) => {}
            Err(()) => failed.push(target),
        }
    }

    for field in schema.fields.iter().filter(|f| f.required) {
        if out.values.contains_key(&field.name) || failed.contains(&field.name.as_str()) {
            continue;
        }
        let column = profile.column_for(&field.name);
        let what = match column {
            Some(_) => format!(
                "Dastra requires « {} » and the cell is empty: fill it, or add a \
                 defaultWhenEmpty step to the mapping",
                field.name
            ),
            None => format!(
                "Dastra requires « {} » and the profile maps nothing to it: add a mapping (a \
                 constant will do)",
                field.name
            ),
        };
        let problem = Problem::new(
            Some(row.row_number),
            column,
            Some(&field.name),
            ProblemKind::Required,
            what,
        );
        out.problems.push(problem);
    }
    out
}

fn run_chain(
    column: Option<&str>,
    transforms: &[Transform],
    step: &mut Step<'_>,
) -> Result<Cell, ()> {
    let mut cell = Cell::from_source(column.and_then(|c| step.row.get(c)));
    for transform in transforms {
        cell = transform.apply(cell, step)?;
    }
    Ok(cell)
}

fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// The `type` a tag of this entity carries (`Asset`, `Actor`), when `TagType` has one.
fn tag_type(schema: &TargetSchema) -> Option<&'static str> {
    let base = schema.schema.trim_end_matches("Dto");
    let tag_types = component("TagType")?["enum"].as_array()?;
    tag_types
        .iter()
        .filter_map(Value::as_str)
        .find(|t| *t == base)
}

/// Write `cell` as `field`'s type asks; `Ok(None)` when there is nothing to write.
fn write(
    cell: Cell,
    field: &TargetField,
    tag_type: Option<&str>,
    step: &mut Step<'_>,
) -> Result<Option<Value>, ()> {
    if cell.is_empty() {
        return Ok(None);
    }
    if let FieldType::Array { items } = &field.ty {
        let cells = match cell {
            Cell::List(cells) => cells,
            one => vec![one],
        };
        let element = TargetField {
            ty: (**items).clone(),
            ..field.clone()
        };
        let written: Vec<Result<Option<Value>, ()>> = cells
            .into_iter()
            .map(|c| write(c, &element, tag_type, step))
            .collect();
        let values: Vec<Option<Value>> = written.into_iter().collect::<Result<_, _>>()?;
        return Ok(Some(Value::Array(values.into_iter().flatten().collect())));
    }
    scalar(cell, field, tag_type, step).map(Some)
}

fn scalar(
    cell: Cell,
    field: &TargetField,
    tag_type: Option<&str>,
    step: &mut Step<'_>,
) -> Result<Value, ()> {
    let text = cell.as_text();
    let shown = Shown(&cell);
    let value = shorten(text.as_deref().unwrap_or_default());
    // A refusal, with its params (`value` added for all but a list given to one value).
    let mut refuse = |kind: ProblemKind, what: String, params: &[(&str, &str)]| {
        let mut problem = Problem::new(
            Some(step.row.row_number),
            step.column,
            Some(step.field),
            kind,
            what,
        );
        if params.first() != Some(&("expected", "one")) {
            problem = problem.with("value", &value);
        }
        for (name, v) in params {
            problem = problem.with(name, v);
        }
        step.problems.push(problem);
        Err(())
    };
    if matches!(cell, Cell::List(_) | Cell::Json(_)) {
        let what = format!(
            "« {} » holds one value, not a list: add a join step, or a split step with an index",
            field.name
        );
        return refuse(ProblemKind::WrongType, what, &[("expected", "one")]);
    }
    let text = text.expect("BUG: only lists and objects have no text");

    match &field.ty {
        FieldType::String | FieldType::Uuid => {
            let len = text.chars().count();
            if let Some(max) = field.max_length.filter(|max| len > *max) {
                let what = format!(
                    "{shown} is {len} characters long and Dastra's « {} » holds at most {max}: \
                     shorten it in the file, or cut it with a transform",
                    field.name
                );
                let (len, max) = (len.to_string(), max.to_string());
                return refuse(
                    ProblemKind::TooLong,
                    what,
                    &[("length", &len), ("max", &max)],
                );
            }
            if field.ty == FieldType::Uuid && !uuid_like(&text) {
                let what = format!("{shown} is not a UUID, which « {} » holds", field.name);
                return refuse(ProblemKind::WrongType, what, &[("expected", "uuid")]);
            }
            Ok(Value::String(text))
        }
        FieldType::Integer => {
            let whole = match &cell {
                Cell::Number(n) if n.is_i64() => Some(Value::Number(n.clone())),
                Cell::Text(t) => t.trim().parse::<i64>().ok().map(Value::from),
                _ => None,
            };
            match whole {
                Some(value) => Ok(value),
                None => refuse(
                    ProblemKind::WrongType,
                    format!(
                        "{shown} is not a whole number, which « {} » holds: correct the file",
                        field.name
                    ),
                    &[("expected", "integer")],
                ),
            }
        }
        FieldType::Number => match &cell {
            Cell::Number(n) => Ok(Value::Number(n.clone())),
            _ => match crate::parse::number(&text, Default::default()) {
                Some(n) => Ok(Value::Number(n)),
                None => refuse(
                    ProblemKind::WrongType,
                    format!(
                        "{shown} is not a number, which « {} » holds: correct the file, or add a \
                         number step",
                        field.name
                    ),
                    &[("expected", "number")],
                ),
            },
        },
        FieldType::Boolean => match (&cell, crate::parse::boolean(&text)) {
            (Cell::Bool(b), _) => Ok(Value::Bool(*b)),
            (_, Some(b)) => Ok(Value::Bool(b)),
            _ => refuse(
                ProblemKind::WrongType,
                format!(
                    "{shown} is not yes or no, which « {} » holds: correct the file, or add a \
                     yes/no step",
                    field.name
                ),
                &[("expected", "boolean")],
            ),
        },
        FieldType::DateTime if date_time_pattern().is_match(&text) => Ok(Value::String(text)),
        FieldType::DateTime => refuse(
            ProblemKind::WrongType,
            format!(
                "{shown} is not a date Dastra reads, which « {} » holds: add a date step with the \
                 file's format (such as dd/MM/yyyy)",
                field.name
            ),
            &[("expected", "dateTime")],
        ),
        FieldType::Enum { values } => match allowed_spelling(&text, values) {
            Some(v) => Ok(Value::String(v.to_owned())),
            None => refuse(
                ProblemKind::NotInEnum,
                format!(
                    "{shown} is not one of {}: add it to the value map or correct the file",
                    values.join(", ")
                ),
                &[("allowed", &values.join(", "))],
            ),
        },
        FieldType::Reference { to, shape } => {
            let (id, label) = match &cell {
                Cell::Ref(r) => (r.id.clone(), Some(r.label.clone())),
                Cell::Number(n) if n.is_i64() => (Value::Number(n.clone()), None),
                Cell::Text(t) if t.trim().parse::<i64>().is_ok() => {
                    (json!(t.trim().parse::<i64>().expect("checked")), None)
                }
                _ => {
                    let what = format!(
                        "{shown} is a name, not the id of a Dastra {to:?}: add a look-up step \
                         to « {} »",
                        field.name
                    );
                    let target = format!("{to:?}");
                    let params = [("expected", "reference"), ("target", target.as_str())];
                    return refuse(ProblemKind::WrongType, what, &params);
                }
            };
            Ok(match shape {
                RefShape::Id => id,
                RefShape::Object => {
                    let mut object = Map::new();
                    object.insert("id".into(), id);
                    if let Some(label) = label {
                        object.insert("label".into(), Value::String(label));
                    }
                    if let (Referenced::Tag, Some(t)) = (to, tag_type) {
                        object.insert("type".into(), Value::String(t.to_owned()));
                    }
                    Value::Object(object)
                }
            })
        }
        FieldType::Array { .. } => unreachable!("arrays are written element by element"),
    }
}

/// A cell quoted for a message, made only when a message is.
struct Shown<'a>(&'a Cell);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&quote(self.0.as_text().as_deref().unwrap_or("a list")))
    }
}

/// The allowed value `text` stands for: itself, or the one it equals once case, accents and
/// punctuation are ignored.
pub(crate) fn allowed_spelling<'a>(text: &str, allowed: &'a [String]) -> Option<&'a str> {
    if let Some(exact) = allowed.iter().find(|a| *a == text) {
        return Some(exact);
    }
    let folded = compact_fold(text);
    allowed
        .iter()
        .find(|a| compact_fold(a) == folded)
        .map(String::as_str)
}

fn date_time_pattern() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(DATE_TIME_PATTERN).expect("BUG: the contract's pattern compiles")
    })
}

fn uuid_like(text: &str) -> bool {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    hex.len() == 32 && hex.chars().all(|c| c.is_ascii_hexdigit()) && text.matches('-').count() == 4
}
