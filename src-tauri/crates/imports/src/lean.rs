//! A lighter JSON tree for the records a plan reads: objects as lists of members rather than
//! hash maps, so that decoding a page of records and dropping it costs less.
//!
//! A record decoded this way gives the same [`Fingerprint`](crate::Fingerprint) as the same
//! record decoded as a `serde_json::Value`: members are sorted by name the same way, a name given
//! twice keeps its last value (as `Value` does), and numbers and strings are written by
//! `serde_json` in both cases.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// One JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lean {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Lean>),
    /// Members in document order; a name may come twice, the last one counts.
    Object(Vec<(String, Lean)>),
}

impl Lean {
    /// The member `name` of an object (its last occurrence).
    pub fn get(&self, name: &str) -> Option<&Lean> {
        match self {
            Lean::Object(members) => members.iter().rev().find(|(k, _)| k == name).map(|m| &m.1),
            _ => None,
        }
    }

    /// The member `name` of an object, taken out (left `Null`).
    pub fn take(&mut self, name: &str) -> Option<Lean> {
        match self {
            Lean::Object(members) => members
                .iter_mut()
                .rev()
                .find(|(k, _)| k == name)
                .map(|m| std::mem::replace(&mut m.1, Lean::Null)),
            _ => None,
        }
    }

    /// The same value as a `serde_json::Value`.
    pub fn into_value(self) -> Value {
        match self {
            Lean::Null => Value::Null,
            Lean::Bool(b) => Value::Bool(b),
            Lean::Number(n) => Value::Number(n),
            Lean::String(s) => Value::String(s),
            Lean::Array(items) => Value::Array(items.into_iter().map(Lean::into_value).collect()),
            Lean::Object(members) => {
                let mut map = Map::with_capacity(members.len());
                for (k, v) in members {
                    map.insert(k, v.into_value());
                }
                Value::Object(map)
            }
        }
    }

    /// Canonical JSON (members sorted by name, no whitespace), as `fingerprint` writes a
    /// `Value`.
    pub fn write_canonical(&self, out: &mut Vec<u8>) {
        match self {
            Lean::Object(members) => {
                // A stable sort keeps a repeated name's occurrences in order: the last one wins.
                let mut sorted: Vec<&(String, Lean)> = members.iter().collect();
                sorted.sort_by(|a, b| a.0.cmp(&b.0));
                out.push(b'{');
                let mut first = true;
                for (i, (name, member)) in sorted.iter().map(|m| (&m.0, &m.1)).enumerate() {
                    if sorted.get(i + 1).is_some_and(|next| next.0 == *name) {
                        continue;
                    }
                    if !first {
                        out.push(b',');
                    }
                    first = false;
                    serde_json::to_writer(&mut *out, name).expect("BUG: writing to a Vec");
                    out.push(b':');
                    member.write_canonical(out);
                }
                out.push(b'}');
            }
            Lean::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write_canonical(out);
                }
                out.push(b']');
            }
            Lean::Null => out.extend_from_slice(b"null"),
            Lean::Bool(true) => out.extend_from_slice(b"true"),
            Lean::Bool(false) => out.extend_from_slice(b"false"),
            Lean::Number(n) => serde_json::to_writer(&mut *out, n).expect("BUG: writing to a Vec"),
            Lean::String(s) => serde_json::to_writer(&mut *out, s).expect("BUG: writing to a Vec"),
        }
    }
}

impl<'de> Deserialize<'de> for Lean {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Lean, D::Error> {
        deserializer.deserialize_any(LeanVisitor)
    }
}

struct LeanVisitor;

type Members = Vec<(String, Lean)>;

thread_local! {
    static SCRATCH: std::cell::RefCell<Members> = const { std::cell::RefCell::new(Vec::new()) };
}

impl<'de> Visitor<'de> for LeanVisitor {
    type Value = Lean;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Lean, E> {
        Ok(Lean::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Lean, E> {
        Ok(Lean::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Lean, E> {
        Ok(Lean::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Lean, E> {
        // As `Value` does: a float JSON cannot write (never produced by a parser) is null.
        Ok(Number::from_f64(n).map_or(Lean::Null, Lean::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Lean, E> {
        Ok(Lean::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Lean, E> {
        Ok(Lean::String(s))
    }

    fn visit_none<E>(self) -> Result<Lean, E> {
        Ok(Lean::Null)
    }

    fn visit_unit<E>(self) -> Result<Lean, E> {
        Ok(Lean::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lean, D::Error> {
        Lean::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lean, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Lean::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lean, A::Error> {
        // Members gather on a stack shared by every object being read (a nested object takes
        // its own members off before its parent adds the next one), so that each object's list
        // is allocated once, at its size, instead of growing member by member.
        let start = SCRATCH.with(|s| s.borrow().len());
        loop {
            match map.next_entry::<String, Lean>() {
                Ok(Some(member)) => SCRATCH.with(|s| s.borrow_mut().push(member)),
                Ok(None) => break,
                Err(e) => {
                    SCRATCH.with(|s| s.borrow_mut().truncate(start));
                    return Err(e);
                }
            }
        }
        let members = SCRATCH.with(|s| s.borrow_mut().drain(start..).collect());
        Ok(Lean::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::Fingerprint;

    #[test]
    fn a_record_read_lean_has_the_fingerprint_of_the_same_record_read_as_a_value() {
        let texts = [
            r#"{"id": 7, "ref": "CI0001", "label": "Paie \"v2\" é \u00e9 \ud83d\ude00", "n": -3,
                "f": 2.50, "big": 18446744073709551615, "e": 1e3, "none": null, "yes": true,
                "tags": [{"type": "Asset", "id": 2, "label": "Cloud"}, {"id": 1}],
                "creator": {"z": [], "a": {}}, "label": "twice, the last wins"}"#,
            r#"{"id": 8, "dateUpdate": "2026-01-02T03:04:05Z", "label": "x"}"#,
            r#"{"id": 9, "dateUpdate": null}"#,
            r#"{}"#,
        ];
        for text in texts {
            let value: Value = serde_json::from_str(text).expect("JSON");
            let lean: Lean = serde_json::from_str(text).expect("JSON");
            assert_eq!(
                Fingerprint::of_lean(&lean),
                Fingerprint::of(&value),
                "{text}"
            );
            assert_eq!(lean.clone().into_value(), value, "{text}");
            assert_eq!(
                lean.get("label").cloned().map(Lean::into_value),
                value.get("label").cloned()
            );
        }
        let mut lean: Lean = serde_json::from_str(r#"{"a": 1, "a": 2}"#).expect("JSON");
        assert_eq!(lean.take("a"), Some(Lean::Number(2.into())));
        assert_eq!(lean.get("a"), Some(&Lean::Null));
        assert_eq!(
            json!({"a": 1}),
            Lean::Object(vec![("a".into(), Lean::Number(1.into()))]).into_value()
        );
    }
}
