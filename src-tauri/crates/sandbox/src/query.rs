//! List queries: the query string, paging, `q`, `filters`, typed shortcuts and sorting.

use std::borrow::Borrow;
use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use passerelle_dastra::filter::Filter;
use serde_json::Value;

use crate::error::ApiError;
use crate::rules;
use crate::spec::{CollectionSpec, ShortcutKind};
use crate::text::{fold, parse_date};

/// Largest page the contract allows.
pub const MAX_SIZE: u32 = 500;
/// Page size when `size` is absent.
pub const DEFAULT_SIZE: u32 = 20;

/// A query string as ordered key/value pairs (repeated keys kept).
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decode a raw query string.
    pub fn parse(raw: Option<&str>) -> Self {
        let pairs = raw
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .collect()
            })
            .unwrap_or_default();
        Self { pairs }
    }

    /// Every value of `name`, given as `name=`, `name[]=` or `name[0]=` (any case), as ASP.NET
    /// binds arrays.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _)| {
                let base = k.split('[').next().unwrap_or(k);
                base.eq_ignore_ascii_case(name)
            })
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.all(name).into_iter().next()
    }

    /// An integer parameter; a value that is not one is a 400 naming the parameter.
    pub fn int(&self, name: &str) -> Result<Option<i64>, ApiError> {
        self.get(name)
            .map(|v| {
                v.trim().parse().map_err(|_| {
                    ApiError::field(name, format!("The value '{v}' is not valid for {name}."))
                })
            })
            .transpose()
    }

    /// A boolean parameter (`true`/`false`, any case).
    pub fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        self.get(name)
            .map(|v| match v.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Ok(true),
                "false" | "0" => Ok(false),
                _ => Err(ApiError::field(
                    name,
                    format!("The value '{v}' is not valid for {name}."),
                )),
            })
            .transpose()
    }
}

/// Which slice of the result a list returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// 1-based page number, echoed in the envelope.
    pub page: u32,
    /// Page size, echoed in the envelope.
    pub size: u32,
    /// Items skipped: `skip` when given, else `(page - 1) * size`.
    pub offset: usize,
}

/// Read `page`, `size` and `skip`. A `size` above [`MAX_SIZE`] is refused with a 400 rather
/// than clamped, so a client that asks for more than the contract allows learns it at once.
pub fn paging(params: &Params) -> Result<Paging, ApiError> {
    let page = params.int("page")?.unwrap_or(1);
    let size = params.int("size")?.unwrap_or(i64::from(DEFAULT_SIZE));
    let skip = params.int("skip")?;
    if page < 1 {
        return Err(ApiError::field(
            "page",
            "page is 1-based and must be at least 1.",
        ));
    }
    if !(1..=i64::from(MAX_SIZE)).contains(&size) {
        return Err(ApiError::field(
            "size",
            format!("size must be between 1 and {MAX_SIZE} (it was {size})."),
        ));
    }
    if skip.is_some_and(|s| s < 0) {
        return Err(ApiError::field("skip", "skip must not be negative."));
    }
    let (page, size) = (page as u32, size as u32);
    let offset = match skip {
        Some(s) => s as usize,
        None => (page as usize - 1) * size as usize,
    };
    Ok(Paging { page, size, offset })
}

/// Everything a list request asks for except paging, parsed once.
#[derive(Debug)]
pub struct Selection {
    terms: Vec<String>,
    filter: Option<Filter>,
    shortcuts: Vec<(Vec<String>, Vec<String>, ShortcutKind)>,
    archived: Option<bool>,
    overtaking: Option<bool>,
    exclude_done: bool,
    now: DateTime<Utc>,
}

impl Selection {
    /// Read `q`, `filters`, the collection's typed parameters, `archived`, `overtaking` and
    /// `excludeDone`. An unparsable `filters` is a 400 naming the parameter.
    pub fn parse(
        spec: &CollectionSpec,
        params: &Params,
        now: DateTime<Utc>,
    ) -> Result<Self, ApiError> {
        let terms = params
            .get("q")
            .map(|q| fold(q).split_whitespace().map(str::to_string).collect());
        let filter = match params.get("filters") {
            Some(raw) => Some(rules::parse(raw).map_err(|e| {
                ApiError::field("filters", format!("filters is not a valid rule: {e}"))
            })?),
            None => None,
        };

        let mut shortcuts = Vec::new();
        let mut archived = None;
        for s in spec.shortcuts {
            let values: Vec<String> = params
                .all(s.param)
                .into_iter()
                .map(str::to_string)
                .collect();
            match s.kind {
                ShortcutKind::Bool if s.param == "archived" => {
                    archived = params.bool("archived")?
                }
                ShortcutKind::Bool => {
                    if let Some(b) = params.bool(s.param)? {
                        shortcuts.push((paths(s.fields), vec![b.to_string()], s.kind));
                    }
                }
                ShortcutKind::AnyOf if !values.is_empty() => {
                    shortcuts.push((paths(s.fields), values, s.kind));
                }
                ShortcutKind::AnyOf => {}
            }
        }
        // An absent `archived` binds as `false` in ASP.NET: archived items stay hidden.
        let hides_archived = spec.shortcuts.iter().any(|s| s.param == "archived");
        let archived = if hides_archived {
            Some(archived.unwrap_or(false))
        } else {
            None
        };

        Ok(Self {
            terms: terms.unwrap_or_default(),
            filter,
            shortcuts,
            archived,
            overtaking: params.bool("overtaking")?,
            exclude_done: params.bool("excludeDone")?.unwrap_or(false),
            now,
        })
    }

    /// Whether `item` (as shown to the client) is selected.
    pub fn matches(&self, spec: &CollectionSpec, item: &Value) -> bool {
        if let Some(archived) = self.archived {
            if item["archived"].as_bool().unwrap_or(false) != archived {
                return false;
            }
        }
        for (fields, values, _) in &self.shortcuts {
            let hit = fields.iter().any(|f| {
                let path: Vec<&str> = f.split('.').collect();
                let mut found = Vec::new();
                rules::resolve(item, &path, &mut found);
                found.iter().flat_map(|v| elements(v)).any(|v| {
                    values
                        .iter()
                        .any(|want| rules::equal(v, &Value::from(want.as_str())))
                })
            });
            if !hit {
                return false;
            }
        }
        if let Some(overtaking) = self.overtaking {
            if is_overdue(spec, item, self.now) != overtaking {
                return false;
            }
        }
        if self.exclude_done && item["state"] == "Closed" {
            return false;
        }
        if !self.terms.is_empty() && !self.search(spec, item) {
            return false;
        }
        self.filter.as_ref().is_none_or(|f| rules::matches(f, item))
    }

    fn search(&self, spec: &CollectionSpec, item: &Value) -> bool {
        let mut text = String::new();
        for field in spec.search {
            let path: Vec<&str> = field.split('.').collect();
            let mut found = Vec::new();
            rules::resolve(item, &path, &mut found);
            for v in found.iter().flat_map(|v| elements(v)) {
                if let Some(s) = v.as_str() {
                    text.push_str(&fold(s));
                    text.push(' ');
                }
            }
        }
        self.terms.iter().all(|t| text.contains(t.as_str()))
    }
}

fn paths(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| f.to_string()).collect()
}

fn elements(v: &Value) -> Box<dyn Iterator<Item = &Value> + '_> {
    match v {
        Value::Array(items) => Box::new(items.iter()),
        other => Box::new(std::iter::once(other)),
    }
}

/// Past its legal deadline and not closed (requests: `expiryTime`; tasks: `deadline`).
pub fn is_overdue(spec: &CollectionSpec, item: &Value, now: DateTime<Utc>) -> bool {
    let due = if spec.name == "Tasks" {
        &item["deadline"]
    } else {
        &item["expiryTime"]
    };
    let closed = item["state"] == "Closed";
    !closed && due.as_str().and_then(parse_date).is_some_and(|d| d < now)
}

/// Sort by `sortBy` (a dotted path, any case), ascending unless `asc=false`. Nulls sort first
/// ascending, as SQL Server orders them; ties keep insertion order.
pub fn sort<T: Borrow<Value>>(items: &mut Vec<T>, params: &Params) -> Result<(), ApiError> {
    let Some(by) = params.get("sortBy") else {
        return Ok(());
    };
    let asc = params.bool("asc")?.unwrap_or(true);
    sort_by(items, by, asc);
    Ok(())
}

/// Sort by the dotted path `by` (stable: ties keep insertion order in both directions).
pub fn sort_by<T: Borrow<Value>>(items: &mut Vec<T>, by: &str, asc: bool) {
    let path: Vec<&str> = by.split('.').filter(|s| !s.is_empty()).collect();
    let mut keyed: Vec<(SortKey, T)> = std::mem::take(items)
        .into_iter()
        .map(|v| {
            let mut found = Vec::new();
            rules::resolve(v.borrow(), &path, &mut found);
            let key = SortKey::of(found.first().copied());
            (key, v)
        })
        .collect();
    if asc {
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
    } else {
        keyed.sort_by(|a, b| b.0.cmp(&a.0));
    }
    *items = keyed.into_iter().map(|(_, v)| v).collect();
}

/// A JSON value reduced once to what sorting compares: numbers, instants, folded text.
/// Nulls sort first, then booleans, numbers, dates and text.
#[derive(Debug, Clone, PartialEq, PartialOrd)]
enum SortKey {
    Null,
    Bool(bool),
    Number(f64),
    Date(DateTime<Utc>),
    Text(String),
}

impl SortKey {
    fn of(v: Option<&Value>) -> Self {
        match v {
            None | Some(Value::Null) => SortKey::Null,
            Some(Value::Bool(b)) => SortKey::Bool(*b),
            Some(Value::Number(n)) => SortKey::Number(n.as_f64().unwrap_or_default()),
            Some(Value::String(s)) => match parse_date(s) {
                Some(d) => SortKey::Date(d),
                None => SortKey::Text(fold(s)),
            },
            Some(other) => SortKey::Text(other.to_string()),
        }
    }

    fn cmp(&self, other: &Self) -> Ordering {
        self.partial_cmp(other).unwrap_or(Ordering::Equal)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn arrays_bind_from_repeated_keys_and_brackets() {
        let p = Params::parse(Some("states=Open&states%5B%5D=Closed&STATES[2]=Active&q="));
        assert_eq!(
            p.all("states"),
            ["Open", "Closed", "Active"],
            "all three forms bind"
        );
        assert_eq!(p.get("q"), None, "an empty value is absent");
    }

    #[test]
    fn paging_defaults_and_limits() {
        let d = paging(&Params::parse(None)).unwrap();
        assert_eq!(
            d,
            Paging {
                page: 1,
                size: 20,
                offset: 0
            },
            "defaults"
        );
        let p = paging(&Params::parse(Some("page=3&size=50"))).unwrap();
        assert_eq!(p.offset, 100, "page 3 of 50 starts at 100");
        let s = paging(&Params::parse(Some("page=3&size=50&skip=7"))).unwrap();
        assert_eq!(s.offset, 7, "skip wins over page");
        assert!(
            paging(&Params::parse(Some("size=501"))).is_err(),
            "over the cap is refused"
        );
        assert!(
            paging(&Params::parse(Some("page=0"))).is_err(),
            "pages are 1-based"
        );
        assert!(
            paging(&Params::parse(Some("size=abc"))).is_err(),
            "not a number"
        );
    }

    #[test]
    fn sorting_is_stable_in_both_directions() {
        let mut items = vec![
            json!({"id": 1, "l": "b"}),
            json!({"id": 2, "l": "a"}),
            json!({"id": 3, "l": "b"}),
        ];
        sort(&mut items, &Params::parse(Some("sortBy=L&asc=false"))).unwrap();
        let ids: Vec<_> = items.iter().map(|v| v["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [1, 3, 2], "descending, ties in insertion order");
        sort(&mut items, &Params::parse(Some("sortBy=l"))).unwrap();
        let ids: Vec<_> = items.iter().map(|v| v["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, [2, 1, 3], "ascending by default");
    }
}
