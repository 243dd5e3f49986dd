//! What a plan row was computed against: a fingerprint of the Dastra record as it was read.
//!
//! When the record carries a `dateUpdate`, that date is its fingerprint: Dastra sets it on
//! every write, and it does not depend on which fields a list or a read chooses to send. A
//! record never updated (no `dateUpdate`, or `null`) is fingerprinted by the SHA-256 of its
//! canonical JSON: object members sorted by name, no whitespace, numbers and strings as
//! `serde_json` writes them. Either way, a record written after the plan was made no longer
//! matches, and applying its row is refused as stale.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::lean::Lean;

/// The fingerprint of one Dastra record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Fingerprint {
    /// The record's `dateUpdate`, as Dastra wrote it.
    DateUpdate(String),
    /// The SHA-256 of the record's canonical JSON, in lowercase hex.
    Sha256(String),
}

impl Fingerprint {
    /// The fingerprint of `record` (see the module docs).
    pub fn of(record: &Value) -> Fingerprint {
        if let Some(date) = record.get("dateUpdate").and_then(Value::as_str) {
            return Fingerprint::DateUpdate(date.to_owned());
        }
        let mut text = Vec::with_capacity(1024);
        write_canonical(record, &mut text);
        Fingerprint::sha256(&text)
    }

    /// [`Fingerprint::of`] a record decoded as a [`Lean`] tree: the same fingerprint.
    pub(crate) fn of_lean(record: &Lean) -> Fingerprint {
        if let Some(Lean::String(date)) = record.get("dateUpdate") {
            return Fingerprint::DateUpdate(date.clone());
        }
        let mut text = Vec::with_capacity(1024);
        record.write_canonical(&mut text);
        Fingerprint::sha256(&text)
    }

    fn sha256(text: &[u8]) -> Fingerprint {
        let digest = Sha256::digest(text);
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut hex = String::with_capacity(64);
        for byte in digest {
            hex.push(char::from(HEX[usize::from(byte >> 4)]));
            hex.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
        Fingerprint::Sha256(hex)
    }
}

/// `value` as canonical JSON: members sorted by name, no whitespace.
pub fn canonical_json(value: &Value, out: &mut String) {
    let mut bytes = Vec::new();
    write_canonical(value, &mut bytes);
    out.push_str(&String::from_utf8(bytes).expect("BUG: JSON is UTF-8"));
}

/// [`canonical_json`] into bytes, without a text per member name.
fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut members: Vec<_> = map.iter().collect();
            members.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (name, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                serde_json::to_writer(&mut *out, name).expect("BUG: writing to a Vec cannot fail");
                out.push(b':');
                write_canonical(member, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => {
            serde_json::to_writer(&mut *out, scalar).expect("BUG: writing to a Vec cannot fail")
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn member_order_does_not_change_the_hash_but_a_value_does() {
        let a = Fingerprint::of(&json!({"id": 1, "label": "CRM", "tags": [{"id": 2, "x": null}]}));
        let b = Fingerprint::of(&json!({"tags": [{"x": null, "id": 2}], "label": "CRM", "id": 1}));
        let c = Fingerprint::of(&json!({"id": 1, "label": "CRM ", "tags": [{"id": 2, "x": null}]}));
        assert_eq!(a, b, "canonical JSON sorts members");
        assert_ne!(a, c, "a changed label changes the fingerprint");
        assert!(
            matches!(a, Fingerprint::Sha256(ref h) if h.len() == 64),
            "{a:?}"
        );
    }

    #[test]
    fn the_hash_is_the_sha256_of_the_canonical_text() {
        let record = json!({"z": "é\"", "a": [1, 2.5, null, true], "m": {"b": 1, "a": -3}});
        let mut text = String::new();
        canonical_json(&record, &mut text);
        assert_eq!(
            text,
            r#"{"a":[1,2.5,null,true],"m":{"a":-3,"b":1},"z":"é\""}"#
        );
        let digest = Sha256::digest(text.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(Fingerprint::of(&record), Fingerprint::Sha256(hex));
    }

    #[test]
    fn a_date_update_is_the_fingerprint_when_present() {
        let record = json!({"id": 1, "dateUpdate": "2026-01-02T03:04:05Z"});
        assert_eq!(
            Fingerprint::of(&record),
            Fingerprint::DateUpdate("2026-01-02T03:04:05Z".into())
        );
        let never = json!({"id": 1, "dateUpdate": null});
        assert!(
            matches!(Fingerprint::of(&never), Fingerprint::Sha256(_)),
            "a null date falls back to the hash"
        );
    }
}
