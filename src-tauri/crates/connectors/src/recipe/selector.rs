//! Dotted paths into a JSON answer (`data.items`, `a.b[0].c`, `items[*].id`, `$`), and the
//! flattening of a record into label/text pairs.

use serde_json::Value;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// An object's member.
    Key(String),
    /// An array's element.
    Index(usize),
    /// Every element of an array (or member of an object): `*` or `[*]`.
    All,
}

/// A parsed path; `$` (or an empty path after `$.`) is the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Selector(Vec<Step>);

impl Selector {
    /// Parse a path, or say what is wrong with it.
    pub(crate) fn parse(path: &str) -> Result<Selector, String> {
        let path = path.trim();
        if path.is_empty() {
            return Err("the path is empty; write $ for the answer itself".to_owned());
        }
        let rest = path.strip_prefix('$').unwrap_or(path);
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let mut steps = Vec::new();
        if rest.is_empty() {
            return Ok(Selector(steps));
        }
        for segment in rest.split('.') {
            parse_segment(segment, &mut steps)
                .map_err(|why| format!("\"{path}\" cannot be read: {why}"))?;
        }
        Ok(Selector(steps))
    }

    /// Every value the path reaches; empty when it reaches nothing.
    pub(crate) fn select<'v>(&self, value: &'v Value) -> Vec<&'v Value> {
        let mut current = vec![value];
        for step in &self.0 {
            let mut next = Vec::new();
            for value in current {
                match (step, value) {
                    (Step::Key(key), Value::Object(map)) => next.extend(map.get(key)),
                    (Step::Index(i), Value::Array(items)) => next.extend(items.get(*i)),
                    (Step::All, Value::Array(items)) => next.extend(items.iter()),
                    (Step::All, Value::Object(map)) => next.extend(map.values()),
                    _ => {}
                }
            }
            current = next;
        }
        current
    }

    /// The first scalar the path reaches, as text (`null` and empty strings are none).
    pub(crate) fn text(&self, value: &Value) -> Option<String> {
        self.select(value)
            .into_iter()
            .find_map(scalar_text)
            .filter(|text| !text.is_empty())
    }
}

fn parse_segment(segment: &str, steps: &mut Vec<Step>) -> Result<(), String> {
    let (name, mut brackets) = match segment.find('[') {
        Some(at) => (&segment[..at], &segment[at..]),
        None => (segment, ""),
    };
    match name {
        "" if brackets.is_empty() => return Err("a segment is empty (two dots?)".to_owned()),
        "" => {}
        "*" => steps.push(Step::All),
        _ if name.contains(']') => return Err(format!("\"{name}\" has a stray \"]\"")),
        _ => steps.push(Step::Key(name.to_owned())),
    }
    while !brackets.is_empty() {
        let Some(inner) = brackets.strip_prefix('[') else {
            return Err(format!("text after \"]\" in \"{segment}\""));
        };
        let Some(end) = inner.find(']') else {
            return Err(format!("a \"[\" is never closed in \"{segment}\""));
        };
        let index = &inner[..end];
        if index == "*" {
            steps.push(Step::All);
        } else {
            let i = index
                .parse()
                .map_err(|_| format!("[{index}] is not an index (a number or *)"))?;
            steps.push(Step::Index(i));
        }
        brackets = &inner[end + 1..];
    }
    Ok(())
}

/// A string, number or boolean as text; none for `null`, arrays and objects.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// Push every scalar under `value` as (`prefix.key[i]…`, text); `null`s are left out.
pub(crate) fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                let label = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                flatten(&label, member, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                flatten(&format!("{prefix}[{i}]"), item, out);
            }
        }
        scalar => {
            if let Some(text) = scalar_text(scalar) {
                let label = if prefix.is_empty() { "value" } else { prefix };
                out.push((label.to_owned(), text));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn select(path: &str, value: &Value) -> Vec<Value> {
        let selector = Selector::parse(path).expect("a valid path");
        selector.select(value).into_iter().cloned().collect()
    }

    #[test]
    fn paths_reach_members_elements_and_every_element() {
        let answer = json!({"data": {"items": [{"id": 1, "tags": ["a", "b"]}, {"id": 2}]}});
        assert_eq!(select("data.items[1].id", &answer), vec![json!(2)]);
        assert_eq!(
            select("$.data.items[*].id", &answer),
            vec![json!(1), json!(2)]
        );
        assert_eq!(select("data.items.*.tags[0]", &answer), vec![json!("a")]);
        assert_eq!(
            select("$", &answer),
            vec![answer.clone()],
            "$ is the answer"
        );
        assert!(
            select("data.nothing", &answer).is_empty(),
            "a missing key reaches nothing"
        );
    }

    #[test]
    fn malformed_paths_are_refused() {
        for path in ["", "a..b", "a[x]", "a[0", "a[0]b"] {
            assert!(Selector::parse(path).is_err(), "{path:?} is refused");
        }
    }

    #[test]
    fn records_flatten_to_dotted_labels_without_nulls() {
        let record = json!({"id": 7, "name": {"given": "Élodie"}, "tags": ["vip"], "x": null});
        let mut out = Vec::new();
        flatten("", &record, &mut out);
        let labels: Vec<_> = out.iter().map(|(l, v)| format!("{l}={v}")).collect();
        assert_eq!(labels, ["id=7", "name.given=Élodie", "tags[0]=vip"]);
    }
}
