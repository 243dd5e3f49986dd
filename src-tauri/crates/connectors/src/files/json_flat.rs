//! JSON records flattened as they are parsed: the fields that [`super::json::flatten`] gives of
//! a parsed `serde_json::Value`, without building the `Value`.
//!
//! A JSON table is read twice, once for its headers and once for its rows (see
//! [`super::json_table`]). Decoding each record into a `Value` (a map whose keys are all
//! hashed) and then flattening it cost several times the parse itself, so [`walk`] hands each
//! non-empty scalar of a record to a [`Leaves`] under the name `flatten` gives it, as the
//! parser meets it: dotted paths, arrays of scalars joined with `, `, arrays holding an object
//! or an array indexed from 0, blank strings and nulls left out, numbers written as
//! `serde_json` writes them.
//!
//! Two things cannot be followed while streaming. A key twice in one object: a `Value` keeps
//! the last value, in the place of the first key, which decides both the fields and their
//! order; [`KeyShapes`] tells such records once they are walked. And serde_json's private
//! raw-value key first in an object, which a `Value` reads otherwise (as the JSON text of its
//! value): the walk stops there with an error, after telling [`Leaves::raw_value`]. In both
//! cases the caller reads the file as `Value`s instead.

use std::fmt::{self, Write as _};
use std::ops::Range;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

/// A non-empty scalar of a record, as [`walk`] meets it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Scalar<'a> {
    /// A string, trimmed; never empty.
    Text(&'a str),
    Bool(bool),
    Number(&'a Number),
}

impl Scalar<'_> {
    /// The text `flatten` gives it.
    pub(super) fn to_text(self) -> String {
        match self {
            Scalar::Text(text) => text.to_owned(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Number(n) => n.to_string(),
        }
    }
}

/// What a [`walk`] through a record reports, in document order.
pub(super) trait Leaves {
    /// A field: its name (as `flatten` names it) and its value.
    fn leaf(&mut self, name: &str, value: Scalar<'_>);

    /// An object starts; its keys follow until [`Leaves::close`].
    fn open(&mut self) {}

    /// A key of the object last opened.
    fn key(&mut self, _key: &str) {}

    /// The object last opened ends.
    fn close(&mut self) {}

    /// The object last opened starts with [`RAW_VALUE_KEY`]; the walk stops with an error.
    fn raw_value(&mut self) {}
}

/// The kind of a JSON value, as a refusal names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// `null`, `a boolean`…, as for a `Value`.
    pub(super) fn label(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Parse one JSON value from `d`, handing its fields to `leaves` named from `path` (empty for
/// a record; left as it was given), and tell what kind of value it was.
///
/// The value is parsed as a `Value` would be (`deserialize_any` all the way down), so that a
/// broken value fails with the same error at the same place.
pub(super) fn walk<'de, D: Deserializer<'de>, L: Leaves>(
    d: D,
    path: &mut String,
    leaves: &mut L,
) -> Result<Kind, D::Error> {
    d.deserialize_any(Flat { path, leaves })
}

/// A value at `path`.
struct Flat<'a, L> {
    path: &'a mut String,
    leaves: &'a mut L,
}

impl<L: Leaves> Flat<'_, L> {
    fn leaf(&mut self, value: Scalar<'_>) {
        // NOTE: `flatten` names a scalar with no path (a record that is a scalar, or a key
        // `""` at the top) `value`.
        let name = if self.path.is_empty() {
            "value"
        } else {
            self.path.as_str()
        };
        self.leaves.leaf(name, value);
    }
}

impl<'de, L: Leaves> DeserializeSeed<'de> for Flat<'_, L> {
    type Value = Kind;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, L: Leaves> Visitor<'de> for Flat<'_, L> {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, b: bool) -> Result<Kind, E> {
        self.leaf(Scalar::Bool(b));
        Ok(Kind::Bool)
    }

    fn visit_i64<E: de::Error>(mut self, n: i64) -> Result<Kind, E> {
        self.leaf(Scalar::Number(&Number::from(n)));
        Ok(Kind::Number)
    }

    fn visit_u64<E: de::Error>(mut self, n: u64) -> Result<Kind, E> {
        self.leaf(Scalar::Number(&Number::from(n)));
        Ok(Kind::Number)
    }

    fn visit_f64<E: de::Error>(mut self, n: f64) -> Result<Kind, E> {
        // A `Value` holds a number that is not finite as null.
        match Number::from_f64(n) {
            Some(n) => {
                self.leaf(Scalar::Number(&n));
                Ok(Kind::Number)
            }
            None => Ok(Kind::Null),
        }
    }

    fn visit_str<E: de::Error>(mut self, s: &str) -> Result<Kind, E> {
        let text = s.trim();
        if !text.is_empty() {
            self.leaf(Scalar::Text(text));
        }
        Ok(Kind::String)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Kind, A::Error> {
        object(map, self.path, self.leaves)?;
        Ok(Kind::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Kind, A::Error> {
        array(seq, self.path, self.leaves)?;
        Ok(Kind::Array)
    }
}

/// The members of an object at `path`: each at `path.key` (`key` when `path` is empty).
fn object<'de, A: MapAccess<'de>, L: Leaves>(
    mut map: A,
    path: &mut String,
    leaves: &mut L,
) -> Result<(), A::Error> {
    let base = path.len();
    leaves.open();
    let mut first = true;
    while map
        .next_key_seed(Key {
            path: &mut *path,
            leaves: &mut *leaves,
            first,
        })?
        .is_some()
    {
        first = false;
        map.next_value_seed(Flat {
            path: &mut *path,
            leaves: &mut *leaves,
        })?;
        path.truncate(base);
    }
    leaves.close();
    Ok(())
}

/// A member's key, added to the path.
struct Key<'a, L> {
    path: &'a mut String,
    leaves: &'a mut L,
    /// Whether it is the object's first.
    first: bool,
}

impl<'de, L: Leaves> DeserializeSeed<'de> for Key<'_, L> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, L: Leaves> Visitor<'de> for Key<'_, L> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if self.first && key.as_bytes() == RAW_VALUE_KEY {
            self.leaves.raw_value();
            return Err(E::custom("serde_json's raw-value key, read as a value"));
        }
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(key);
        self.leaves.key(key);
        Ok(())
    }
}

/// The items of an array at `path`, as `flatten` reads them: while every item is a scalar,
/// their texts are joined into one field at `path`; once an item is an object or an array,
/// each item is a field (or fields) of its own at `path[i]`, the scalars before it included.
struct Items<'a, L> {
    path: &'a mut String,
    leaves: &'a mut L,
    /// The texts of the non-empty scalars so far, joined with `, `, while no item is an
    /// object or an array.
    joined: String,
    /// Where each of them is in `joined`, with its index.
    scalars: Vec<(usize, Range<usize>)>,
    /// Whether an item was an object or an array.
    indexed: bool,
    /// The index of the next item.
    next: usize,
}

fn array<'de, A: SeqAccess<'de>, L: Leaves>(
    mut seq: A,
    path: &mut String,
    leaves: &mut L,
) -> Result<(), A::Error> {
    let mut items = Items {
        path,
        leaves,
        joined: String::new(),
        scalars: Vec::new(),
        indexed: false,
        next: 0,
    };
    while seq.next_element_seed(Item(&mut items))?.is_some() {
        items.next += 1;
    }
    if !items.indexed && !items.scalars.is_empty() {
        let name = if items.path.is_empty() {
            "value"
        } else {
            items.path.as_str()
        };
        items.leaves.leaf(name, Scalar::Text(&items.joined));
    }
    Ok(())
}

impl<L: Leaves> Items<'_, L> {
    /// Add `[i]` to the path; the length to truncate it back to.
    fn enter(&mut self, i: usize) -> usize {
        let base = self.path.len();
        write!(self.path, "[{i}]").expect("writing to a String does not fail");
        base
    }

    /// A scalar item: a field of its own once indexed, else a part of the joined text.
    fn scalar(&mut self, value: Scalar<'_>) {
        if self.indexed {
            let base = self.enter(self.next);
            self.leaves.leaf(self.path, value);
            self.path.truncate(base);
            return;
        }
        if !self.scalars.is_empty() {
            self.joined.push_str(", ");
        }
        let start = self.joined.len();
        match value {
            Scalar::Text(text) => self.joined.push_str(text),
            Scalar::Bool(b) => self.joined.push_str(if b { "true" } else { "false" }),
            Scalar::Number(n) => write!(self.joined, "{n}").expect("writing to a String"),
        }
        self.scalars.push((self.next, start..self.joined.len()));
    }

    /// An object or an array item: the scalars before it become fields of their own, then
    /// this one is read at `path[i]`.
    fn index(&mut self) -> usize {
        if !self.indexed {
            self.indexed = true;
            for (i, range) in std::mem::take(&mut self.scalars) {
                let base = self.enter(i);
                self.leaves
                    .leaf(self.path, Scalar::Text(&self.joined[range]));
                self.path.truncate(base);
            }
        }
        self.enter(self.next)
    }
}

/// One item of an array.
struct Item<'a, 'b, L>(&'a mut Items<'b, L>);

impl<'de, L: Leaves> DeserializeSeed<'de> for Item<'_, '_, L> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, L: Leaves> Visitor<'de> for Item<'_, '_, L> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<(), E> {
        self.0.scalar(Scalar::Bool(b));
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<(), E> {
        self.0.scalar(Scalar::Number(&Number::from(n)));
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<(), E> {
        self.0.scalar(Scalar::Number(&Number::from(n)));
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<(), E> {
        if let Some(n) = Number::from_f64(n) {
            self.0.scalar(Scalar::Number(&n));
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        let text = s.trim();
        if !text.is_empty() {
            self.0.scalar(Scalar::Text(text));
        }
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let base = self.0.index();
        object(map, self.0.path, self.0.leaves)?;
        self.0.path.truncate(base);
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let base = self.0.index();
        array(seq, self.0.path, self.0.leaves)?;
        self.0.path.truncate(base);
        Ok(())
    }
}

/// serde_json's private key for a raw value: a `Value` reads an object whose first key it is
/// as the JSON text of its value, and stops reading the object there (when the `raw_value`
/// feature is on anywhere in the build, as it is here).
pub(super) const RAW_VALUE_KEY: &[u8] = b"$serde_json::private::RawValue";

/// Tells the records that [`walk`] cannot read as a `Value` would: an object holding a key
/// twice. Fed by the [`Leaves`] hooks, it keeps each record's shape (the keys of each object,
/// in order) and checks a shape only when it differs from the last one found regular, which
/// in a table is rare.
#[derive(Debug, Default)]
pub(super) struct KeyShapes {
    /// The record being walked: `{`, then each key as `k`, its length and its bytes, then `}`.
    current: Vec<u8>,
    /// The last shape found regular.
    regular: Vec<u8>,
}

impl KeyShapes {
    /// An object starts.
    pub(super) fn open(&mut self) {
        self.current.push(b'{');
    }

    /// A key of the object last opened.
    pub(super) fn key(&mut self, key: &str) {
        self.current.push(b'k');
        self.current.extend_from_slice(&key.len().to_le_bytes());
        self.current.extend_from_slice(key.as_bytes());
    }

    /// The object last opened ends.
    pub(super) fn close(&mut self) {
        self.current.push(b'}');
    }

    /// Whether the record walked since the last call is regular; starts the next record.
    pub(super) fn end_record(&mut self) -> bool {
        let regular = self.current == self.regular || is_regular(&self.current);
        if regular {
            std::mem::swap(&mut self.current, &mut self.regular);
        }
        self.current.clear();
        regular
    }
}

/// Whether no object of `shape` holds a key twice.
fn is_regular(shape: &[u8]) -> bool {
    const LEN: usize = std::mem::size_of::<usize>();
    let mut open: Vec<Vec<&[u8]>> = Vec::new();
    let mut at = 0;
    while at < shape.len() {
        match shape[at] {
            b'{' => {
                open.push(Vec::new());
                at += 1;
            }
            b'}' => {
                let mut keys = open.pop().expect("BUG: a shape closes what it opened");
                keys.sort_unstable();
                if keys.windows(2).any(|pair| pair[0] == pair[1]) {
                    return false;
                }
                at += 1;
            }
            _ => {
                let len = usize::from_le_bytes(
                    shape[at + 1..at + 1 + LEN]
                        .try_into()
                        .expect("BUG: a key's length is written whole"),
                );
                let key = &shape[at + 1 + LEN..at + 1 + LEN + len];
                open.last_mut()
                    .expect("BUG: a key is inside an object")
                    .push(key);
                at += 1 + LEN + len;
            }
        }
    }
    true
}

#[cfg(test)]
pub(super) mod tests {
    use serde_json::Value;

    use super::*;

    /// Random JSON texts for the tests that compare a stream with a `Value`, written by hand so
    /// that they can hold what a `Value` cannot show: a key twice, escapes, numbers as written.
    pub(in crate::files) struct Texts(u64);

    impl Texts {
        pub(in crate::files) fn new(seed: u64) -> Texts {
            Texts(seed)
        }

        /// A number below `n`.
        pub(in crate::files) fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }

        fn pick(&mut self, items: &[&'static str]) -> &'static str {
            items[self.below(items.len() as u64) as usize]
        }

        /// Any value, objects and arrays at most `depth` deep.
        pub(in crate::files) fn value(&mut self, depth: u32) -> String {
            const NUMBERS: &[&str] = &[
                "0",
                "-0",
                "7",
                "-12",
                "18446744073709551615",
                "-9223372036854775808",
                "1.0",
                "-0.0",
                "1.5",
                "1e5",
                "1E-7",
                "0.1",
                "123456789.123456789",
                "1.7976931348623157e308",
                "5e-324",
                "12345678901234567890123",
                "2.5e+3",
            ];
            const STRINGS: &[&str] = &[
                r#""""#,
                r#""   ""#,
                r#""\t\n""#,
                r#"" padded ""#,
                r#""text""#,
                r#""caf\u00e9""#,
                r#""a \"quote\", a comma""#,
                r#""ligne\nsuivante""#,
                r#""\ud83d\ude00""#,
            ];
            let kinds = if depth == 0 { 6 } else { 9 };
            match self.below(kinds) {
                0 => "null".to_owned(),
                1 => self.pick(&["true", "false"]).to_owned(),
                2 => self.pick(NUMBERS).to_owned(),
                3 | 4 => self.pick(STRINGS).to_owned(),
                5 => self.below(1000).to_string(),
                6 => {
                    let items: Vec<String> =
                        (0..self.below(4)).map(|_| self.value(depth - 1)).collect();
                    format!("[{}]", items.join(", "))
                }
                _ => self.object(depth - 1, 5),
            }
        }

        /// An object of at most `width` members; now and then one key twice.
        pub(in crate::files) fn object(&mut self, depth: u32, width: u64) -> String {
            const KEYS: &[&str] = &[
                "id",
                "name",
                "a",
                "b",
                "a.b",
                "",
                "tags",
                "x y",
                "caf\\u00e9",
                "q\\\"",
                "orders",
            ];
            let mut keys: Vec<&str> = Vec::new();
            let mut members = Vec::new();
            for _ in 0..self.below(width + 1) {
                let key = self.pick(KEYS);
                let twice = keys.contains(&key);
                if twice && self.below(80) != 0 {
                    continue;
                }
                keys.push(key);
                members.push(format!("\"{key}\": {}", self.value(depth)));
            }
            if self.below(300) == 0 {
                let raw = "\"$serde_json::private::RawValue\": \"[1]\"";
                let at = if self.below(2) == 0 { 0 } else { members.len() };
                members.insert(at, raw.to_owned());
            }
            format!("{{{}}}", members.join(", "))
        }
    }

    /// The fields `walk` gives of `text`, and its kind.
    fn walked(text: &str) -> (Vec<(String, String)>, Kind) {
        struct Fields(Vec<(String, String)>);
        impl Leaves for Fields {
            fn leaf(&mut self, name: &str, value: Scalar<'_>) {
                self.0.push((name.to_owned(), value.to_text()));
            }
        }
        let mut fields = Fields(Vec::new());
        let mut path = String::new();
        let mut de = serde_json::Deserializer::from_str(text);
        let kind = walk(&mut de, &mut path, &mut fields).expect("a valid text");
        de.end().expect("nothing after it");
        assert!(path.is_empty(), "the path is left as given");
        (fields.0, kind)
    }

    /// Whether `text` has an object with a key twice, or the raw-value key first.
    fn irregular(text: &str) -> bool {
        struct Shapes(KeyShapes, bool);
        impl Leaves for Shapes {
            fn leaf(&mut self, _: &str, _: Scalar<'_>) {}
            fn open(&mut self) {
                self.0.open();
            }
            fn key(&mut self, key: &str) {
                self.0.key(key);
            }
            fn close(&mut self) {
                self.0.close();
            }
            fn raw_value(&mut self) {
                self.1 = true;
            }
        }
        let mut shapes = Shapes(KeyShapes::default(), false);
        let mut de = serde_json::Deserializer::from_str(text);
        let walked = walk(&mut de, &mut String::new(), &mut shapes);
        if shapes.1 {
            assert!(walked.is_err(), "the walk stops at the raw-value key");
            return true;
        }
        walked.expect("a valid text");
        !shapes.0.end_record()
    }

    #[test]
    fn a_walk_gives_the_fields_flatten_gives_of_the_value() {
        let mut texts = Texts::new(7);
        let mut compared = 0;
        for _ in 0..3000 {
            let text = texts.value(4);
            if irregular(&text) {
                continue;
            }
            let value: Value = serde_json::from_str(&text).expect("a valid text");
            let mut expected = Vec::new();
            super::super::json::flatten("", &value, &mut expected);
            let (fields, kind) = walked(&text);
            assert_eq!(fields, expected, "{text}");
            let label = match value {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                Value::Array(_) => "an array",
                Value::Object(_) => "an object",
            };
            assert_eq!(kind.label(), label, "{text}");
            compared += 1;
        }
        assert!(compared > 2500, "most texts are compared: {compared}");
    }

    #[test]
    fn arrays_are_joined_until_an_item_is_an_object_or_an_array() {
        let (fields, _) =
            walked(r#"{"t": [" a ", null, "", 2, true], "m": [1, " x ", {"k": 2}, 3, []]}"#);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("t", "a, 2, true"),
                ("m[0]", "1"),
                ("m[1]", "x"),
                ("m[2].k", "2"),
                ("m[3]", "3"),
            ]
        );
    }

    #[test]
    fn a_key_twice_anywhere_makes_a_record_irregular_and_a_repeated_shape_stays_regular() {
        assert!(irregular(r#"{"a": 1, "b": 2, "a": 3}"#), "at the top");
        assert!(irregular(r#"{"a": {"x": 1, "x": null}}"#), "nested");
        assert!(
            irregular(r#"{"a": [{"x": 1}, {"y": 1, "y": 2}]}"#),
            "in an array"
        );
        let raw_first = r#"{"$serde_json::private::RawValue": "1", "a": 2}"#;
        assert!(irregular(raw_first), "serde_json's raw-value key, first");
        let raw_later = r#"{"a": 2, "$serde_json::private::RawValue": "1"}"#;
        assert!(
            !irregular(raw_later),
            "the raw-value key, not first: a key as any other"
        );
        assert!(
            !irregular(r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#),
            "in other objects"
        );
        assert!(
            !irregular(r#"{"a.b": 1, "a": {"b": 2}}"#),
            "the same path, not the same key"
        );

        let mut shapes = KeyShapes::default();
        for _ in 0..3 {
            shapes.open();
            shapes.key("id");
            shapes.key("name");
            shapes.close();
            assert!(shapes.end_record(), "the same shape again");
        }
        shapes.open();
        shapes.key("id");
        shapes.key("id");
        shapes.close();
        assert!(!shapes.end_record(), "a new shape is checked");
        shapes.open();
        shapes.key("id");
        shapes.key("name");
        shapes.close();
        assert!(shapes.end_record(), "and the regular one is still known");
    }
}
