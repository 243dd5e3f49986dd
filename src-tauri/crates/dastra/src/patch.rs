//! RFC 6902 JSON Patch: the operation type Dastra's `PATCH` takes, and [`diff`], which turns
//! "before → after" into operations.
//!
//! Dastra's `PATCH /{Collection}/{id}` takes an array of `Operation` (`{op, path, value, from}`)
//! and applies it with ASP.NET Core's `JsonPatchDocument` to the stored DTO. The diff is
//! deliberately plain so that the server's typed application gives the same result as RFC 6902:
//!
//! - object members are compared recursively: a member only in `after` is `add`ed, one only in
//!   `before` is `remove`d, one that changed is `replace`d (or descended into when both sides are
//!   objects);
//! - arrays that differ are replaced whole, never patched index by index: element positions in
//!   Dastra's collections (tags, purposes, attachments) are not stable identities, and a whole
//!   replacement is what a PUT would have sent for that field;
//! - `null` is a value: `"x": "a"` → `"x": null` is a `replace`, not a `remove`.
//!
//! [`diff_checked`] also emits `test` operations carrying the old value before every `replace`
//! and `remove`, for optimistic checks. NOTE: whether Dastra's server honours `test` is not
//! documented; the sandbox does.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One RFC 6902 operation, serialised as the contract's `Operation` schema
/// (`{"op": "replace", "path": "/label", "value": "CRM"}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum PatchOp {
    /// Add a member or array element (replaces an existing member).
    Add {
        /// JSON Pointer to the target.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Remove the target.
    Remove {
        /// JSON Pointer to the target.
        path: String,
    },
    /// Replace the target's value; the target must exist.
    Replace {
        /// JSON Pointer to the target.
        path: String,
        /// The new value.
        value: Value,
    },
    /// Move a value from `from` to `path`.
    Move {
        /// JSON Pointer to the source.
        from: String,
        /// JSON Pointer to the target.
        path: String,
    },
    /// Copy a value from `from` to `path`.
    Copy {
        /// JSON Pointer to the source.
        from: String,
        /// JSON Pointer to the target.
        path: String,
    },
    /// Fail the whole patch unless the target equals `value`.
    Test {
        /// JSON Pointer to the target.
        path: String,
        /// The expected value.
        value: Value,
    },
}

impl PatchOp {
    /// `replace` at `path` (a JSON Pointer such as `/label`).
    pub fn replace(path: impl Into<String>, value: impl Into<Value>) -> Self {
        PatchOp::Replace {
            path: path.into(),
            value: value.into(),
        }
    }

    /// `add` at `path`.
    pub fn add(path: impl Into<String>, value: impl Into<Value>) -> Self {
        PatchOp::Add {
            path: path.into(),
            value: value.into(),
        }
    }

    /// `remove` at `path`.
    pub fn remove(path: impl Into<String>) -> Self {
        PatchOp::Remove { path: path.into() }
    }

    /// `test` at `path`.
    pub fn test(path: impl Into<String>, value: impl Into<Value>) -> Self {
        PatchOp::Test {
            path: path.into(),
            value: value.into(),
        }
    }

    /// The JSON Pointer this operation targets.
    pub fn path(&self) -> &str {
        match self {
            PatchOp::Add { path, .. }
            | PatchOp::Remove { path }
            | PatchOp::Replace { path, .. }
            | PatchOp::Move { path, .. }
            | PatchOp::Copy { path, .. }
            | PatchOp::Test { path, .. } => path,
        }
    }
}

/// Escape one reference token for a JSON Pointer: `~` → `~0`, `/` → `~1` (RFC 6901 §3).
pub fn escape_token(token: &str) -> Cow<'_, str> {
    if token.contains(['~', '/']) {
        Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        Cow::Borrowed(token)
    }
}

/// A JSON Pointer from unescaped tokens: `pointer(["customFields", "a/b"])` is
/// `/customFields/a~1b`.
pub fn pointer<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    tokens.into_iter().fold(String::new(), |mut out, token| {
        out.push('/');
        out.push_str(&escape_token(token));
        out
    })
}

/// The operations that turn `before` into `after` (see the module docs for the rules).
///
/// Applying the result to `before` with any RFC 6902 implementation gives `after`; equal inputs
/// give no operations.
pub fn diff(before: &Value, after: &Value) -> Vec<PatchOp> {
    let mut ops = Vec::new();
    diff_into(&mut ops, String::new(), before, after, false);
    ops
}

/// Like [`diff`], with a `test` of the old value before every `replace` and `remove`, so that
/// the patch fails instead of overwriting a concurrent change.
pub fn diff_checked(before: &Value, after: &Value) -> Vec<PatchOp> {
    let mut ops = Vec::new();
    diff_into(&mut ops, String::new(), before, after, true);
    ops
}

fn diff_into(ops: &mut Vec<PatchOp>, path: String, before: &Value, after: &Value, check: bool) {
    if before == after {
        return;
    }
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => diff_objects(ops, &path, b, a, check),
        _ => {
            if check {
                ops.push(PatchOp::Test {
                    path: path.clone(),
                    value: before.clone(),
                });
            }
            ops.push(PatchOp::Replace {
                path,
                value: after.clone(),
            });
        }
    }
}

fn diff_objects(
    ops: &mut Vec<PatchOp>,
    path: &str,
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    check: bool,
) {
    let member = |key: &str| format!("{path}/{}", escape_token(key));

    for (key, old) in before.iter().filter(|(k, _)| !after.contains_key(*k)) {
        if check {
            ops.push(PatchOp::Test {
                path: member(key),
                value: old.clone(),
            });
        }
        ops.push(PatchOp::Remove { path: member(key) });
    }

    for (key, new) in after {
        match before.get(key) {
            None => ops.push(PatchOp::Add {
                path: member(key),
                value: new.clone(),
            }),
            Some(old) => diff_into(ops, member(key), old, new, check),
        }
    }
}

#[cfg(test)]
mod tests {
    use rand::rngs::StdRng;
    use rand::{Rng, SeedableRng};
    use serde_json::json;

    use super::*;

    fn apply(before: &Value, ops: &[PatchOp]) -> Value {
        let patch: json_patch::Patch =
            serde_json::from_value(serde_json::to_value(ops).unwrap()).expect("valid RFC 6902");
        let mut doc = before.clone();
        json_patch::patch(&mut doc, &patch).expect("the patch applies");
        doc
    }

    #[test]
    fn operations_serialise_as_the_contract_operation_schema() {
        let ops = vec![PatchOp::replace("/label", "CRM"), PatchOp::remove("/ref")];
        assert_eq!(
            serde_json::to_value(&ops).unwrap(),
            json!([{"op": "replace", "path": "/label", "value": "CRM"},
                   {"op": "remove", "path": "/ref"}]),
            "op first, then path and value"
        );
        let back: Vec<PatchOp> = serde_json::from_value(json!([
            {"op": "move", "from": "/a", "path": "/b"}
        ]))
        .unwrap();
        assert_eq!(
            back[0],
            PatchOp::Move {
                from: "/a".into(),
                path: "/b".into()
            }
        );
    }

    #[test]
    fn equal_documents_give_no_operations() {
        let doc = json!({"a": [1, 2], "b": {"c": null}});
        assert!(diff(&doc, &doc).is_empty(), "nothing to change");
    }

    #[test]
    fn members_are_added_removed_and_replaced_recursively() {
        let before = json!({"label": "CRM", "ref": "CI1", "owner": {"id": 3, "name": "Ana"}});
        let after = json!({"label": "CRM v2", "owner": {"id": 3, "name": "Ana", "team": 7},
                           "description": "sales"});
        assert_eq!(
            diff(&before, &after),
            vec![
                PatchOp::remove("/ref"),
                PatchOp::replace("/label", "CRM v2"),
                PatchOp::add("/owner/team", 7),
                PatchOp::add("/description", "sales"),
            ],
            "removals first, then changes in the order of `after`"
        );
    }

    #[test]
    fn arrays_that_differ_are_replaced_whole() {
        let before = json!({"tags": [{"id": 1}, {"id": 2}], "ids": [1, 2, 3]});
        let after = json!({"tags": [{"id": 2}], "ids": [1, 2, 3]});
        assert_eq!(
            diff(&before, &after),
            vec![PatchOp::replace("/tags", json!([{"id": 2}]))],
            "one replacement for the changed array, nothing for the equal one"
        );
    }

    #[test]
    fn null_is_a_value_not_an_absence() {
        let ops = diff(&json!({"x": "a"}), &json!({"x": null}));
        assert_eq!(
            ops,
            vec![PatchOp::replace("/x", Value::Null)],
            "null replaces"
        );
    }

    #[test]
    fn member_names_are_escaped_as_json_pointer_tokens() {
        let before = json!({"customFields": {"a/b": 1, "c~d": 1}});
        let after = json!({"customFields": {"a/b": 2, "c~d": 2}});
        let paths: Vec<_> = diff(&before, &after)
            .iter()
            .map(|op| op.path().to_owned())
            .collect();
        assert_eq!(paths, vec!["/customFields/a~1b", "/customFields/c~0d"]);
        assert_eq!(
            pointer(["x", "~/"]),
            "/x/~0~1",
            "pointer escapes every token"
        );
        assert_eq!(
            apply(&before, &diff(&before, &after)),
            after,
            "escaped paths apply"
        );
    }

    #[test]
    fn a_root_that_is_not_an_object_is_replaced_whole() {
        let ops = diff(&json!([1]), &json!({"a": 1}));
        assert_eq!(
            ops,
            vec![PatchOp::replace("", json!({"a": 1}))],
            "the root pointer is empty"
        );
        assert_eq!(apply(&json!([1]), &ops), json!({"a": 1}));
    }

    #[test]
    fn checked_diffs_test_the_old_value_before_each_change() {
        let before = json!({"label": "CRM", "ref": "CI1"});
        let after = json!({"label": "ERP"});
        let ops = diff_checked(&before, &after);
        assert_eq!(
            ops,
            vec![
                PatchOp::test("/ref", "CI1"),
                PatchOp::remove("/ref"),
                PatchOp::test("/label", "CRM"),
                PatchOp::replace("/label", "ERP"),
            ]
        );
        assert_eq!(
            apply(&before, &ops),
            after,
            "tests pass on the unchanged document"
        );

        let concurrent = json!({"label": "Changed meanwhile", "ref": "CI1"});
        let patch: json_patch::Patch =
            serde_json::from_value(serde_json::to_value(&ops).unwrap()).unwrap();
        let mut doc = concurrent.clone();
        assert!(
            json_patch::patch(&mut doc, &patch).is_err(),
            "a concurrent change is detected"
        );
    }

    #[test]
    fn a_dastra_like_record_round_trips_through_json_patch() {
        let before = json!({
            "id": 42, "label": "Salesforce", "type": "Software", "ref": "CI0042",
            "tags": [{"id": 1, "label": "CRM"}], "customFields": {"criticity": "high"},
            "futureField": {"nested": [1, 2]}, "description": null
        });
        let after = json!({
            "id": 42, "label": "Salesforce EU", "type": "Software", "ref": "CI0042",
            "tags": [{"id": 1, "label": "CRM"}, {"id": 9, "label": "EU"}],
            "customFields": {"criticity": "low", "owner": "DSI"},
            "futureField": {"nested": [1, 2]}, "description": "Sales CRM"
        });
        assert_eq!(
            apply(&before, &diff(&before, &after)),
            after,
            "the diff reproduces after"
        );
    }

    #[test]
    fn random_documents_round_trip_through_json_patch() {
        let mut rng = StdRng::seed_from_u64(6902);
        for case in 0..500 {
            let before = random_value(&mut rng, 3);
            let after = mutate(&mut rng, &before, 3);
            let ops = diff(&before, &after);
            assert_eq!(
                apply(&before, &ops),
                after,
                "case {case}: {before} → {after}"
            );
            let checked = diff_checked(&before, &after);
            assert_eq!(apply(&before, &checked), after, "case {case} with tests");
        }
    }

    fn random_value(rng: &mut StdRng, depth: u32) -> Value {
        let kind = if depth == 0 {
            rng.gen_range(0..4)
        } else {
            rng.gen_range(0..6)
        };
        match kind {
            0 => Value::Null,
            1 => json!(rng.gen_bool(0.5)),
            2 => json!(rng.gen_range(-5..5)),
            3 => json!(["a", "b/c", "d~e", ""][rng.gen_range(0..4)]),
            4 => (0..rng.gen_range(0..4))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
            _ => Value::Object(
                (0..rng.gen_range(0..5))
                    .map(|_| (random_key(rng), random_value(rng, depth - 1)))
                    .collect(),
            ),
        }
    }

    fn random_key(rng: &mut StdRng) -> String {
        ["id", "label", "a/b", "c~d", "~1", "", "tags"][rng.gen_range(0..7)].to_owned()
    }

    fn mutate(rng: &mut StdRng, value: &Value, depth: u32) -> Value {
        match value {
            Value::Object(map) if depth > 0 && rng.gen_bool(0.8) => {
                let mut out = Map::new();
                for (k, v) in map {
                    match rng.gen_range(0..4) {
                        0 => {}
                        1 => {
                            out.insert(k.clone(), mutate(rng, v, depth - 1));
                        }
                        _ => {
                            out.insert(k.clone(), v.clone());
                        }
                    }
                }
                if rng.gen_bool(0.4) {
                    out.insert(random_key(rng), random_value(rng, depth - 1));
                }
                Value::Object(out)
            }
            _ if rng.gen_bool(0.5) => value.clone(),
            _ => random_value(rng, depth),
        }
    }
}
