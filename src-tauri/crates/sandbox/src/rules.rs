//! Evaluating `filters` (JsonRuleEngine rules, [`passerelle_dastra::filter::Filter`]) on JSON
//! items.
//!
//! Semantics, where the rule engine's documentation is silent, follow what an SQL Server
//! backend does: string comparisons ignore case (`contains` also ignores accents); dates
//! compare as instants whatever their offset form; a path that crosses an array (`tags.id`)
//! matches when any element does, and negated operators (`notEqual`, `notIn`,
//! `doesNotContains`) hold when no element matches. A field missing from an item is `null`.
//! Property names match whatever their case (`ProcessingType` finds `processingType`).

use std::cmp::Ordering;

use passerelle_dastra::filter::{Filter, Operator, Separator};
use serde_json::{Map, Value};

use crate::text::{fold, parse_date};

/// Parse the `filters` parameter. Keys, separators and operators are read whatever their
/// case; a top-level array is an `And` group.
pub fn parse(raw: &str) -> Result<Filter, String> {
    let json: Value = serde_json::from_str(raw).map_err(|e| format!("not valid JSON: {e}"))?;
    let json = normalise(json)?;
    serde_json::from_value(json).map_err(|e| format!("not a rule or group of rules: {e}"))
}

fn normalise(v: Value) -> Result<Value, String> {
    match v {
        Value::Array(rules) => {
            let rules = rules
                .into_iter()
                .map(normalise)
                .collect::<Result<Vec<_>, _>>()?;
            Ok(serde_json::json!({ "separator": "And", "rules": rules }))
        }
        Value::Object(obj) => {
            let mut out = Map::new();
            for (k, v) in obj {
                let key = k.to_ascii_lowercase();
                let v = match key.as_str() {
                    "rules" => match v {
                        Value::Array(rs) => Value::Array(
                            rs.into_iter()
                                .map(normalise)
                                .collect::<Result<Vec<_>, _>>()?,
                        ),
                        other => other,
                    },
                    "separator" => canonical(&v, &["And", "Or"], "separator")?,
                    "operator" => canonical(&v, OPERATORS, "operator")?,
                    _ => v,
                };
                out.insert(key, v);
            }
            Ok(Value::Object(out))
        }
        other => Err(format!("expected a rule object, found {other}")),
    }
}

const OPERATORS: &[&str] = &[
    "equal",
    "notEqual",
    "lessThan",
    "lessThanInclusive",
    "greaterThan",
    "greaterThanInclusive",
    "in",
    "notIn",
    "contains",
    "doesNotContains",
    "isNull",
    "isNotNull",
    "isEmpty",
    "isNotEmpty",
];

fn canonical(v: &Value, names: &[&str], what: &str) -> Result<Value, String> {
    let s = v
        .as_str()
        .ok_or_else(|| format!("{what} must be a string"))?;
    names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(s))
        .map(|n| Value::from(*n))
        .ok_or_else(|| format!("unknown {what} {s:?}; expected one of {}", names.join(", ")))
}

/// Whether `item` satisfies `filter`.
pub fn matches(filter: &Filter, item: &Value) -> bool {
    match filter {
        Filter::Group {
            separator: Separator::And,
            rules,
        } => rules.iter().all(|r| matches(r, item)),
        Filter::Group {
            separator: Separator::Or,
            rules,
        } => rules.iter().any(|r| matches(r, item)),
        Filter::Rule {
            field,
            operator,
            value,
        } => {
            let path: Vec<&str> = field.split('.').filter(|s| !s.is_empty()).collect();
            let mut found = Vec::new();
            resolve(item, &path, &mut found);
            test(*operator, &found, value)
        }
    }
}

/// Collect the values at `path`, crossing arrays element by element.
pub fn resolve<'a>(v: &'a Value, path: &[&str], out: &mut Vec<&'a Value>) {
    let Some((head, rest)) = path.split_first() else {
        out.push(v);
        return;
    };
    match v {
        Value::Array(items) => items.iter().for_each(|i| resolve(i, path, out)),
        Value::Object(obj) => {
            let child = obj.get(*head).or_else(|| {
                obj.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(head))
                    .map(|(_, v)| v)
            });
            if let Some(child) = child {
                resolve(child, rest, out);
            }
        }
        _ => {}
    }
}

fn test(op: Operator, found: &[&Value], value: &Value) -> bool {
    use Operator::*;
    // Scalars to compare: array values count element by element.
    let scalars = || found.iter().flat_map(|v| elements(v));
    match op {
        Equal => scalars().any(|c| equal(c, value)),
        NotEqual => !test(Equal, found, value),
        In => {
            let list: Vec<&Value> = elements(value).collect();
            scalars().any(|c| list.iter().any(|v| equal(c, v)))
        }
        NotIn => !test(In, found, value),
        Contains => found.iter().any(|c| contains(c, value)),
        DoesNotContains => !test(Contains, found, value),
        IsNull => found.iter().all(|v| v.is_null()),
        IsNotNull => !test(IsNull, found, value),
        IsEmpty => found.iter().all(|v| is_empty(v)),
        IsNotEmpty => !test(IsEmpty, found, value),
        LessThan => scalars().any(|c| compare(c, value) == Some(Ordering::Less)),
        LessThanInclusive => scalars().any(|c| compare(c, value).is_some_and(Ordering::is_le)),
        GreaterThan => scalars().any(|c| compare(c, value) == Some(Ordering::Greater)),
        GreaterThanInclusive => scalars().any(|c| compare(c, value).is_some_and(Ordering::is_ge)),
    }
}

fn elements(v: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn contains(candidate: &Value, needle: &Value) -> bool {
    match candidate {
        Value::String(s) => match needle {
            Value::String(n) => fold(s).contains(&fold(n)),
            Value::Null => false,
            other => fold(s).contains(&fold(&other.to_string())),
        },
        Value::Array(items) => items.iter().any(|i| equal(i, needle)),
        _ => false,
    }
}

/// Equality across the representations a query string produces (`"5"` equals `5`).
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Bool(x), Value::String(s)) | (Value::String(s), Value::Bool(x)) => {
            s.eq_ignore_ascii_case(if *x { "true" } else { "false" })
        }
        _ => compare(a, b) == Some(Ordering::Equal),
    }
}

/// Order two values: numbers numerically, dates as instants, other strings ignoring case
/// and accents. `None` when they do not compare (an object, a bool against a number…).
pub fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64()?.partial_cmp(&y.as_f64()?),
        (Value::Number(x), Value::String(s)) => x.as_f64()?.partial_cmp(&s.trim().parse().ok()?),
        (Value::String(s), Value::Number(y)) => {
            s.trim().parse::<f64>().ok()?.partial_cmp(&y.as_f64()?)
        }
        (Value::String(x), Value::String(y)) => Some(match (parse_date(x), parse_date(y)) {
            (Some(dx), Some(dy)) => dx.cmp(&dy),
            _ => fold(x).cmp(&fold(y)),
        }),
        (Value::Bool(x), Value::Bool(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn item() -> Value {
        json!({
            "id": 7, "state": "Open", "label": "Élodie Lefèvre", "email": null, "ref": "",
            "purposes": ["Access", "Erasure"], "dateCreation": "2024-03-01T10:00:00Z",
            "tags": [{ "id": 1, "label": "Urgent" }, { "id": 2, "label": "VIP" }],
            "area": { "id": 3, "label": "Siège" }
        })
    }

    fn check(rule: Value) -> bool {
        let filter = parse(&rule.to_string()).expect("rule parses");
        matches(&filter, &item())
    }

    #[test]
    fn equality_ignores_case_and_numbers_match_their_text() {
        assert!(check(
            json!({"field": "state", "operator": "equal", "value": "open"})
        ));
        assert!(check(
            json!({"field": "id", "operator": "equal", "value": "7"})
        ));
        assert!(check(
            json!({"field": "State", "operator": "notEqual", "value": "Closed"})
        ));
    }

    #[test]
    fn in_and_not_in_take_lists() {
        assert!(check(
            json!({"field": "state", "operator": "in", "value": ["Open", "Closed"]})
        ));
        assert!(check(
            json!({"field": "state", "operator": "notIn", "value": ["Closed"]})
        ));
        assert!(!check(
            json!({"field": "tags.id", "operator": "notIn", "value": [2, 9]})
        ));
    }

    #[test]
    fn contains_searches_strings_and_arrays() {
        assert!(check(
            json!({"field": "label", "operator": "contains", "value": "lefevre"})
        ));
        assert!(check(
            json!({"field": "purposes", "operator": "contains", "value": "Erasure"})
        ));
        assert!(check(
            json!({"field": "label", "operator": "doesNotContains", "value": "xyz"})
        ));
    }

    #[test]
    fn null_and_empty_tests_treat_missing_fields_as_null() {
        assert!(check(json!({"field": "email", "operator": "isNull"})));
        assert!(check(json!({"field": "missing", "operator": "isNull"})));
        assert!(check(json!({"field": "label", "operator": "isNotNull"})));
        assert!(check(json!({"field": "ref", "operator": "isEmpty"})));
        assert!(check(json!({"field": "tags", "operator": "isNotEmpty"})));
    }

    #[test]
    fn ordering_operators_compare_numbers_and_dates() {
        assert!(check(
            json!({"field": "id", "operator": "greaterThan", "value": 6})
        ));
        assert!(check(
            json!({"field": "id", "operator": "lessThanInclusive", "value": 7})
        ));
        let later = json!({"field": "dateCreation", "operator": "lessThan",
                           "value": "2024-03-01T11:00:00+00:00"});
        assert!(
            check(later),
            "dates compare as instants across offset forms"
        );
        let gte = json!({"field": "dateCreation", "operator": "greaterThanInclusive",
                         "value": "2024-03-01T10:00:00"});
        assert!(check(gte));
    }

    #[test]
    fn dotted_paths_reach_nested_objects_and_arrays() {
        assert!(check(
            json!({"field": "area.label", "operator": "equal", "value": "siège"})
        ));
        assert!(check(
            json!({"field": "tags.label", "operator": "equal", "value": "VIP"})
        ));
    }

    #[test]
    fn groups_nest_and_or() {
        let rule = json!({"separator": "or", "rules": [
            {"field": "state", "operator": "equal", "value": "Closed"},
            {"Separator": "And", "Rules": [
                {"Field": "id", "Operator": "GreaterThan", "Value": 1},
                {"field": "tags.id", "operator": "in", "value": [2]}
            ]}
        ]});
        assert!(check(rule), "the nested And group matches");
        let none = json!([{"field": "state", "operator": "equal", "value": "Open"},
                          {"field": "id", "operator": "equal", "value": 8}]);
        assert!(!check(none), "a top-level array is an And group");
    }

    #[test]
    fn an_unknown_operator_is_reported() {
        let err = parse(r#"{"field":"a","operator":"like","value":1}"#).unwrap_err();
        assert!(err.contains("unknown operator"), "got {err}");
        assert!(parse("{not json").unwrap_err().contains("not valid JSON"));
    }
}
