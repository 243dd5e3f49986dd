//! Transforms: the steps that turn a source cell into a target value.
//!
//! A mapping reads one column (or none) and runs its chain of [`Transform`]s in order. The
//! value travels as a [`Cell`]: empty, text, a number, a boolean, a resolved reference, a list
//! (after a split), or a JSON constant. Text steps apply to each element of a list, and leave
//! numbers, booleans and references alone. A cell that is empty or blank is
//! [`Cell::Empty`], and most steps pass it through untouched, so that `defaultWhenEmpty` can
//! fill it at the end of a chain.
//!
//! A step that cannot do its job (a date in none of the formats, a name no Dastra record has)
//! records a [`Problem`] and stops the chain: the field is then left out of the body, and no
//! second problem is reported for it.
//!
//! In JSON a transform is an object tagged by `op`: `{"op": "trim"}`,
//! `{"op": "date", "formats": ["dd/MM/yyyy", "excel"]}`, `{"op": "lookup", "kind": "area"}`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use passerelle_matching::normalize::fold;
use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::lookup::{LookupKind, LookupTable, Resolution, Resolved};
use crate::parse::{self, DateFormat, DecimalMark};
use crate::problem::{quote, shorten, Problem, ProblemKind};
use crate::record::SourceRow;
use crate::{Error, Result};

/// One step of a mapping's chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "op", rename_all = "camelCase", deny_unknown_fields)]
pub enum Transform {
    /// Remove leading and trailing white space.
    Trim,
    /// Lowercase.
    Lower,
    /// Uppercase.
    Upper,
    /// Capitalise each word, lowercase the rest: `jean-pierre DUPONT` → `Jean-Pierre Dupont`.
    Title,
    /// Replace every occurrence of `from` (literal text) with `to`.
    Replace {
        /// The text to find.
        from: String,
        /// What to put instead.
        to: String,
    },
    /// Keep the part a regular expression captures; a value it does not match becomes empty.
    RegexExtract {
        /// The pattern (Rust `regex` syntax).
        pattern: String,
        /// The capture group to keep: 0 for the whole match, 1 (the default) for the first.
        #[serde(default = "first_group")]
        group: usize,
    },
    /// Cut at each `separator`, trimming each part. With an `index` (from 0), keep that part
    /// (empty when there are fewer); without, keep the list of non-empty parts.
    Split {
        /// The separator (literal text).
        separator: String,
        /// Which part to keep.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        index: Option<usize>,
    },
    /// Join a list into one text.
    Join {
        /// Put between elements.
        separator: String,
    },
    /// The value so far (when not empty) followed by the non-empty values of `columns`,
    /// joined by `separator`.
    Concat {
        /// The other columns to read.
        columns: Vec<String>,
        /// Put between the parts (a space by default).
        #[serde(default = "space")]
        separator: String,
    },
    /// Always this value, whatever the source holds.
    Constant {
        /// The value (text, number, boolean or list).
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        value: Value,
    },
    /// This value when the value so far is empty.
    DefaultWhenEmpty {
        /// The value (text, number, boolean or list).
        #[cfg_attr(feature = "ts", ts(type = "unknown"))]
        value: Value,
    },
    /// Read a date in one of `formats` (tried in order) and write it as RFC 3339, as UTC.
    Date {
        /// Formats such as `dd/MM/yyyy`, `yyyy-MM-dd`, `dd.MM.yyyy HH:mm`, or `excel`.
        formats: Vec<String>,
    },
    /// Read a number, French style by default detection (`1 234,50`).
    Number {
        /// The decimal mark.
        #[serde(default)]
        decimal: DecimalMark,
    },
    /// Read a yes/no word (oui/non, vrai/faux, yes/no, true/false, 1/0, x).
    Boolean,
    /// Replace source values by target values, ignoring case, accents and surrounding spaces
    /// (a key written exactly as the trimmed value wins over one that differs only by case or
    /// accents); a value not in the map passes unchanged (and validation says so for an enum).
    ValueMap {
        /// Source value → target value.
        values: BTreeMap<String, String>,
    },
    /// Replace a name by the id of the Dastra record of that name.
    Lookup {
        /// What to look up.
        kind: LookupKind,
    },
}

fn first_group() -> usize {
    1
}

fn space() -> String {
    " ".to_owned()
}

/// A value on its way through a chain.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing (an empty or blank cell, a regex that did not match…).
    Empty,
    /// Text, never blank.
    Text(String),
    /// A number.
    Number(serde_json::Number),
    /// A boolean.
    Bool(bool),
    /// A Dastra record found by a look-up.
    Ref(Resolved),
    /// A list (after a split, or a list constant).
    List(Vec<Cell>),
    /// Any other JSON constant (an object).
    Json(Value),
}

impl Cell {
    /// A source value: empty when blank, else the text as it is.
    pub fn from_source(value: Option<&str>) -> Cell {
        match value {
            Some(v) if !v.trim().is_empty() => Cell::Text(v.to_owned()),
            _ => Cell::Empty,
        }
    }

    /// A JSON constant as a cell.
    pub fn from_json(value: &Value) -> Cell {
        match value {
            Value::Null => Cell::Empty,
            Value::String(s) => Cell::from_source(Some(s)),
            Value::Bool(b) => Cell::Bool(*b),
            Value::Number(n) => Cell::Number(n.clone()),
            Value::Array(items) => Cell::List(items.iter().map(Cell::from_json).collect()),
            Value::Object(_) => Cell::Json(value.clone()),
        }
    }

    /// Whether there is nothing here (an empty list counts as nothing).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::List(items) => items.iter().all(Cell::is_empty),
            _ => false,
        }
    }

    /// The cell as text, for joining and messages (`None` for lists and objects).
    pub fn as_text(&self) -> Option<String> {
        match self {
            Cell::Empty => Some(String::new()),
            Cell::Text(s) => Some(s.clone()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Bool(b) => Some(b.to_string()),
            Cell::Ref(r) => Some(r.label.clone()),
            Cell::List(_) | Cell::Json(_) => None,
        }
    }

    fn map_text(self, f: &dyn Fn(&str) -> String) -> Cell {
        match self {
            Cell::Text(s) => {
                let out = f(&s);
                if out.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(out)
                }
            }
            Cell::List(items) => Cell::List(items.into_iter().map(|c| c.map_text(f)).collect()),
            other => other,
        }
    }
}

/// What a chain needs besides its value: the row, the look-ups, where to report problems.
pub(crate) struct Step<'a> {
    pub row: &'a SourceRow,
    pub lookups: &'a dyn LookupTable,
    pub column: Option<&'a str>,
    pub field: &'a str,
    pub problems: &'a mut Vec<Problem>,
}

impl Step<'_> {
    /// Record a problem of this step, with its params ([`ProblemKind`] lists them).
    fn problem(&mut self, kind: ProblemKind, what: String, params: &[(&str, &str)]) {
        let mut problem = Problem::new(
            Some(self.row.row_number),
            self.column,
            Some(self.field),
            kind,
            what,
        );
        for (name, value) in params {
            problem = problem.with(name, value);
        }
        self.problems.push(problem);
    }
}

/// `Err(())` means the step recorded a problem and the chain stops.
pub(crate) type StepResult = std::result::Result<Cell, ()>;

impl Transform {
    /// Check what can be checked before any row: patterns compile, date formats read.
    pub fn check(&self, field: &str) -> Result<()> {
        match self {
            Transform::RegexExtract { pattern, group } => {
                let regex = compiled(pattern).map_err(|reason| Error::Regex {
                    field: field.to_owned(),
                    pattern: pattern.clone(),
                    reason,
                })?;
                if *group >= regex.captures_len() {
                    return Err(Error::Regex {
                        field: field.to_owned(),
                        pattern: pattern.clone(),
                        reason: format!("it has no group {group}"),
                    });
                }
            }
            Transform::Date { formats } => {
                let bad = formats.iter().find(|f| DateFormat::parse(f).is_none());
                if formats.is_empty() || bad.is_some() {
                    return Err(Error::DateFormat {
                        field: field.to_owned(),
                        format: bad.cloned().unwrap_or_default(),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Apply this step to `cell`.
    pub(crate) fn apply(&self, cell: Cell, step: &mut Step<'_>) -> StepResult {
        Ok(match self {
            Transform::Trim => match cell {
                // Most cells have nothing to trim: keep them as they are.
                Cell::Text(s) if !s.trim().is_empty() && s.trim().len() == s.len() => Cell::Text(s),
                other => other.map_text(&|s| s.trim().to_owned()),
            },
            Transform::Lower => cell.map_text(&str::to_lowercase),
            Transform::Upper => cell.map_text(&str::to_uppercase),
            Transform::Title => cell.map_text(&title_case),
            Transform::Replace { from, to } => cell.map_text(&|s| s.replace(from.as_str(), to)),
            Transform::RegexExtract { pattern, group } => {
                let regex = compiled(pattern).expect("BUG: patterns are checked with the profile");
                cell.map_text(&|s| {
                    let found = regex.captures(s).and_then(|c| c.get(*group));
                    found.map_or_else(String::new, |m| m.as_str().to_owned())
                })
            }
            Transform::Split { separator, index } => split(cell, separator, *index),
            Transform::Join { separator } => join(cell, separator),
            Transform::Concat { columns, separator } => {
                let mut parts: Vec<String> = cell.as_text().into_iter().collect();
                parts.extend(
                    columns
                        .iter()
                        .map(|c| step.row.get(c).unwrap_or("").trim().into()),
                );
                parts.retain(|p| !p.trim().is_empty());
                Cell::from_source(Some(&parts.join(separator)))
            }
            Transform::Constant { value } => Cell::from_json(value),
            Transform::DefaultWhenEmpty { value } if cell.is_empty() => Cell::from_json(value),
            Transform::DefaultWhenEmpty { .. } => cell,
            Transform::Date { formats } => each(cell, step, &|c, step| date(c, formats, step))?,
            Transform::Number { decimal } => {
                each(cell, step, &|c, step| number(c, *decimal, step))?
            }
            Transform::Boolean => each(cell, step, &boolean)?,
            Transform::ValueMap { values } => {
                // A value written as a key is mapped at once; the folded keys are only made
                // for the others, once per cell.
                let folded: std::cell::OnceCell<HashMap<String, &String>> = Default::default();
                cell.map_text(&|s| {
                    if let Some(hit) = values.get(s.trim()) {
                        return hit.clone();
                    }
                    let folded = folded
                        .get_or_init(|| values.iter().map(|(k, v)| (fold(k.trim()), v)).collect());
                    let hit = folded.get(&fold(s.trim()));
                    hit.map_or_else(|| s.to_owned(), |v| (*v).clone())
                })
            }
            Transform::Lookup { kind } => each(cell, step, &|c, step| lookup(c, *kind, step))?,
        })
    }
}

/// Apply `f` to a cell, or to each element of a list, reporting every failing element.
fn each(
    cell: Cell,
    step: &mut Step<'_>,
    f: &dyn Fn(Cell, &mut Step<'_>) -> StepResult,
) -> StepResult {
    match cell {
        Cell::Empty => Ok(Cell::Empty),
        Cell::List(items) => {
            let results: Vec<StepResult> = items.into_iter().map(|c| f(c, step)).collect();
            results
                .into_iter()
                .collect::<std::result::Result<Vec<_>, _>>()
                .map(Cell::List)
        }
        one => f(one, step),
    }
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c.is_whitespace() || c == '-' || c == '\'' || c == '’';
    }
    out
}

fn split(cell: Cell, separator: &str, index: Option<usize>) -> Cell {
    let Cell::Text(text) = cell else { return cell };
    let mut parts = text.split(separator).map(str::trim);
    match index {
        Some(i) => Cell::from_source(parts.nth(i)),
        None => Cell::List(
            parts
                .filter(|p| !p.is_empty())
                .map(|p| Cell::Text(p.to_owned()))
                .collect(),
        ),
    }
}

fn join(cell: Cell, separator: &str) -> Cell {
    let Cell::List(items) = cell else { return cell };
    let texts: Vec<String> = items
        .iter()
        .filter(|c| !c.is_empty())
        .filter_map(Cell::as_text)
        .collect();
    Cell::from_source(Some(&texts.join(separator)))
}

fn date(cell: Cell, formats: &[String], step: &mut Step<'_>) -> StepResult {
    let text = cell.as_text().unwrap_or_default();
    let read = formats
        .iter()
        .filter_map(|f| DateFormat::parse(f))
        .find_map(|f| f.read(&text));
    match read {
        Some(at) => Ok(Cell::Text(parse::rfc3339(at))),
        None => {
            let what = format!(
                "{} is not a date written {}: correct the file, or add its format to the \
                 mapping's date formats",
                quote(&text),
                formats.join(" or ")
            );
            let (value, formats) = (shorten(&text), formats.join(", "));
            let params = [("value", value.as_str()), ("formats", formats.as_str())];
            step.problem(ProblemKind::BadDate, what, &params);
            Err(())
        }
    }
}

fn number(cell: Cell, decimal: DecimalMark, step: &mut Step<'_>) -> StepResult {
    let text = match cell {
        Cell::Number(_) => return Ok(cell),
        other => other.as_text().unwrap_or_default(),
    };
    match parse::number(&text, decimal) {
        Some(n) => Ok(Cell::Number(n)),
        None => {
            let what = format!(
                "{} is not a number: write it with digits, such as 1 234,50, or clear the cell",
                quote(&text)
            );
            step.problem(ProblemKind::BadNumber, what, &[("value", &shorten(&text))]);
            Err(())
        }
    }
}

fn boolean(cell: Cell, step: &mut Step<'_>) -> StepResult {
    let text = match cell {
        Cell::Bool(_) => return Ok(cell),
        other => other.as_text().unwrap_or_default(),
    };
    match parse::boolean(&text) {
        Some(b) => Ok(Cell::Bool(b)),
        None => {
            let what = format!(
                "{} is not a yes/no word (oui/non, vrai/faux, yes/no, true/false, 1/0, x): \
                 correct the file, or add a value map before the yes/no step",
                quote(&text)
            );
            step.problem(ProblemKind::BadBoolean, what, &[("value", &shorten(&text))]);
            Err(())
        }
    }
}

fn lookup(cell: Cell, kind: LookupKind, step: &mut Step<'_>) -> StepResult {
    let name = match cell {
        Cell::Ref(_) => return Ok(cell),
        other => other.as_text().unwrap_or_default(),
    };
    let noun = kind.noun();
    match step.lookups.resolve(kind, name.trim()) {
        Resolution::Found(found) => Ok(Cell::Ref(found)),
        Resolution::NotFound => {
            let what = format!(
                "no Dastra {noun} is named {}: create it in Dastra, correct the file, or send \
                 the value to an existing name with a value map",
                quote(name.trim())
            );
            let value = shorten(name.trim());
            let params = [("value", value.as_str()), ("lookup", noun)];
            step.problem(ProblemKind::UnresolvedLookup, what, &params);
            Err(())
        }
        Resolution::Ambiguous(many) => {
            let ids: Vec<String> = many.iter().map(|r| r.id.to_string()).collect();
            let what = format!(
                "{} Dastra {noun}s are named {} (ids {}): rename all but one in Dastra",
                many.len(),
                quote(name.trim()),
                ids.join(", ")
            );
            let (value, count, ids) =
                (shorten(name.trim()), many.len().to_string(), ids.join(", "));
            let params = [
                ("value", value.as_str()),
                ("lookup", noun),
                ("count", count.as_str()),
                ("ids", ids.as_str()),
            ];
            step.problem(ProblemKind::AmbiguousLookup, what, &params);
            Err(())
        }
    }
}

/// A compiled pattern, from a process-wide cache.
fn compiled(pattern: &str) -> std::result::Result<Arc<Regex>, String> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().expect("BUG: regex cache poisoned");
    if let Some(regex) = cache.get(pattern) {
        return Ok(regex.clone());
    }
    let regex = Arc::new(Regex::new(pattern).map_err(|e| e.to_string())?);
    cache.insert(pattern.to_owned(), regex.clone());
    Ok(regex)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::lookup::MemoryLookups;

    /// Run `chain` on the column `v` of a one-row source; the cell, or the problems.
    fn run(chain: Value, row: &[(&str, &str)]) -> std::result::Result<Cell, Vec<Problem>> {
        let chain: Vec<Transform> = serde_json::from_value(chain).expect("a valid chain");
        let row = SourceRow::new(4, row.iter().copied());
        let mut lookups = MemoryLookups::new();
        lookups.insert(LookupKind::Area, 3, "Direction Générale");
        lookups.insert(LookupKind::Tag, 7, "Cloud");
        lookups.insert(LookupKind::Tag, 8, "cloud");
        let mut problems = Vec::new();
        let mut step = Step {
            row: &row,
            lookups: &lookups,
            column: Some("v"),
            field: "label",
            problems: &mut problems,
        };
        let mut cell = Cell::from_source(row.get("v"));
        for t in &chain {
            t.check("label").expect("a valid transform");
            match t.apply(cell, &mut step) {
                Ok(next) => cell = next,
                Err(()) => return Err(problems),
            }
        }
        Ok(cell)
    }

    fn text(s: &str) -> std::result::Result<Cell, Vec<Problem>> {
        Ok(Cell::Text(s.into()))
    }

    #[test]
    fn text_steps_trim_case_and_replace() {
        assert_eq!(
            run(json!([{"op": "trim"}]), &[("v", "  Paie  ")]),
            text("Paie")
        );
        assert_eq!(
            run(json!([{"op": "lower"}]), &[("v", "PAIE")]),
            text("paie")
        );
        assert_eq!(
            run(json!([{"op": "upper"}]), &[("v", "é-paie")]),
            text("É-PAIE")
        );
        assert_eq!(
            run(
                json!([{"op": "title"}]),
                &[("v", "jean-pierre DUPONT d'arc")]
            ),
            text("Jean-Pierre Dupont D'Arc")
        );
        assert_eq!(
            run(
                json!([{"op": "replace", "from": "_", "to": " "}]),
                &[("v", "a_b_c")]
            ),
            text("a b c")
        );
        assert_eq!(
            run(json!([{"op": "trim"}]), &[("v", "   ")]),
            Ok(Cell::Empty),
            "blank is empty"
        );
    }

    #[test]
    fn regex_extract_keeps_a_group_or_empties() {
        let chain = json!([{"op": "regexExtract", "pattern": "^([A-Z]+)-\\d+$"}]);
        assert_eq!(run(chain.clone(), &[("v", "APM-0042")]), text("APM"));
        assert_eq!(run(chain, &[("v", "no match")]), Ok(Cell::Empty));
        let whole = json!([{"op": "regexExtract", "pattern": "\\d+", "group": 0}]);
        assert_eq!(run(whole, &[("v", "APM-0042")]), text("0042"));
        let bad: Transform =
            serde_json::from_value(json!({"op": "regexExtract", "pattern": "(", "group": 1}))
                .expect("parses");
        assert!(
            matches!(bad.check("label"), Err(Error::Regex { .. })),
            "a broken pattern is refused"
        );
        let no_group: Transform =
            serde_json::from_value(json!({"op": "regexExtract", "pattern": "a", "group": 1}))
                .expect("parses");
        assert!(
            matches!(no_group.check("label"), Err(Error::Regex { .. })),
            "group 1 does not exist"
        );
    }

    #[test]
    fn split_join_and_concat() {
        let list = Cell::List(vec![Cell::Text("a".into()), Cell::Text("b".into())]);
        assert_eq!(
            run(
                json!([{"op": "split", "separator": ";"}]),
                &[("v", "a ; b;")]
            ),
            Ok(list)
        );
        assert_eq!(
            run(
                json!([{"op": "split", "separator": " - ", "index": 1}]),
                &[("v", "SAP - Finance")]
            ),
            text("Finance")
        );
        assert_eq!(
            run(
                json!([{"op": "split", "separator": "-", "index": 5}]),
                &[("v", "a-b")]
            ),
            Ok(Cell::Empty)
        );
        let chain = json!([
            {"op": "split", "separator": ","},
            {"op": "upper"},
            {"op": "join", "separator": " / "}
        ]);
        assert_eq!(run(chain, &[("v", "fr, be")]), text("FR / BE"));
        let concat = json!([{"op": "concat", "columns": ["city", "zip"], "separator": ", "}]);
        assert_eq!(
            run(
                concat.clone(),
                &[("v", "1 rue X"), ("city", "Lyon"), ("zip", "69001")]
            ),
            text("1 rue X, Lyon, 69001")
        );
        assert_eq!(
            run(concat, &[("city", "Lyon")]),
            text("Lyon"),
            "empty parts are skipped"
        );
    }

    #[test]
    fn constants_and_defaults() {
        assert_eq!(
            run(
                json!([{"op": "constant", "value": "Software"}]),
                &[("v", "x")]
            ),
            text("Software")
        );
        let default = json!([{"op": "trim"}, {"op": "defaultWhenEmpty", "value": "Other"}]);
        assert_eq!(run(default.clone(), &[("v", " ")]), text("Other"));
        assert_eq!(run(default, &[("v", "Saas")]), text("Saas"));
        assert_eq!(
            run(json!([{"op": "constant", "value": true}]), &[]),
            Ok(Cell::Bool(true))
        );
    }

    #[test]
    fn dates_numbers_and_booleans_read_or_explain() {
        let date = json!([{"op": "date", "formats": ["dd/MM/yyyy", "excel"]}]);
        assert_eq!(
            run(date.clone(), &[("v", "31/03/2024")]),
            text("2024-03-31T00:00:00Z")
        );
        assert_eq!(
            run(date.clone(), &[("v", "45382")]),
            text("2024-03-31T00:00:00Z")
        );
        let problems = run(date, &[("v", "2024-31-03")]).expect_err("not a date");
        assert_eq!(problems[0].kind, ProblemKind::BadDate);
        assert_eq!(
            problems[0].message,
            "row 4, column « v »: « 2024-31-03 » is not a date written dd/MM/yyyy or excel: \
             correct the file, or add its format to the mapping's date formats"
        );
        let params = |p: &Problem| {
            p.params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            params(&problems[0]),
            ["formats=dd/MM/yyyy, excel", "value=2024-31-03"],
            "the window words the problem from its params"
        );

        let number = json!([{"op": "number"}]);
        assert_eq!(
            run(number.clone(), &[("v", "1 234,50")]),
            Ok(Cell::Number(
                serde_json::Number::from_f64(1234.5).expect("finite")
            ))
        );
        assert_eq!(
            run(number.clone(), &[("v", "12")]),
            Ok(Cell::Number(12.into()))
        );
        assert_eq!(
            run(number, &[("v", "douze")]).expect_err("words")[0].kind,
            ProblemKind::BadNumber
        );

        let yes = json!([{"op": "boolean"}]);
        assert_eq!(run(yes.clone(), &[("v", "Oui")]), Ok(Cell::Bool(true)));
        assert_eq!(run(yes.clone(), &[("v", "x")]), Ok(Cell::Bool(true)));
        assert_eq!(run(yes.clone(), &[("v", "FAUX")]), Ok(Cell::Bool(false)));
        assert_eq!(
            run(yes.clone(), &[]),
            Ok(Cell::Empty),
            "an empty cell stays empty"
        );
        assert_eq!(
            run(yes, &[("v", "bof")]).expect_err("not yes/no")[0].kind,
            ProblemKind::BadBoolean
        );
    }

    #[test]
    fn value_maps_ignore_case_and_accents() {
        let map = json!([{"op": "valueMap", "values": {"Élevée": "High", "moyenne": "Medium"}}]);
        assert_eq!(run(map.clone(), &[("v", "ELEVEE ")]), text("High"));
        assert_eq!(run(map.clone(), &[("v", "Moyenne")]), text("Medium"));
        assert_eq!(
            run(map, &[("v", "Haute+")]),
            text("Haute+"),
            "unknown values pass unchanged"
        );
    }

    #[test]
    fn lookups_resolve_report_missing_and_ambiguous_names() {
        let area = json!([{"op": "lookup", "kind": "area"}]);
        let found = run(area.clone(), &[("v", "direction generale")]).expect("found");
        assert_eq!(
            found,
            Cell::Ref(Resolved {
                id: 3.into(),
                label: "Direction Générale".into()
            })
        );
        let missing = run(area, &[("v", "Achats")]).expect_err("no such area");
        assert_eq!(missing[0].kind, ProblemKind::UnresolvedLookup);
        assert_eq!(
            missing[0].message,
            "row 4, column « v »: no Dastra area is named « Achats »: create it in Dastra, \
             correct the file, or send the value to an existing name with a value map"
        );
        let tags = json!([{"op": "split", "separator": ","}, {"op": "lookup", "kind": "tag"}]);
        let ambiguous = run(tags, &[("v", "Cloud")]).expect_err("two tags");
        assert_eq!(ambiguous[0].kind, ProblemKind::AmbiguousLookup);
        assert!(
            ambiguous[0].message.contains("(ids 7, 8)"),
            "{}",
            ambiguous[0].message
        );
        let p = &ambiguous[0].params;
        assert_eq!(
            (
                p["value"].as_str(),
                p["lookup"].as_str(),
                p["count"].as_str()
            ),
            ("Cloud", "tag", "2")
        );
        assert_eq!(p["ids"], "7, 8");
        assert_eq!(missing[0].params["lookup"], "area");
    }
}
