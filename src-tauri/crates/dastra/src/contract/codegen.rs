//! Generates `src/models/generated.rs` from the merged contract.
//!
//! The models are derived from the document, not written by hand, so field names, types,
//! enums, maximum lengths and required flags follow it exactly. The test below fails when the
//! committed file differs from what the contract gives; run it with `UPDATE_MODELS=1` to
//! rewrite the file after changing `openapi.json` or `overlay.json`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_json::Value;

use super::document;

/// The schemas Passerelle models; everything they reference is generated too.
const ROOTS: &[&str] = &[
    "WorkSpaceDto",
    "WorkSpaceListDto",
    "AreaDto",
    "TagDto",
    "DataSubjectRequestDto",
    "DataSubjectRequestLightDto",
    "DataSubjectAttachmentDto",
    "AssetDto",
    "ActorDto",
    "ContractDto",
    "DataFieldDto",
    "DataProcessingDto",
    "DataProcessingCreationDto",
    "DataProcessingUpdateDto",
    "DataProcessingRelationShipDto",
    "GenericRelationShipLinkedObjectDto",
    "GenericRelationShipCreationDto",
    "TaskDto",
    "TaskCreateUpdateDto",
    "UserDto",
    "TeamDto",
    "TeamItemDto",
    "WorkFlowStepDto",
    "Int32WorkflowUpdateDto",
    "GuidWorkflowUpdateDto",
    "AssetImportResult",
    "MeDto",
    "RateLimitingStateDto",
];

const KEYWORDS: &[&str] = &[
    "type", "ref", "default", "override", "final", "where", "use",
];

fn schemas() -> &'static serde_json::Map<String, Value> {
    document()["components"]["schemas"]
        .as_object()
        .expect("BUG: schemas")
}

fn ref_name(v: &Value) -> Option<&str> {
    v.get("$ref")?.as_str()?.rsplit('/').next()
}

fn closure() -> BTreeSet<String> {
    fn visit(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                if let Some(name) = ref_name(v) {
                    if out.insert(name.to_string()) {
                        visit(&schemas()[name], out);
                    }
                }
                map.values().for_each(|x| visit(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| visit(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    for root in ROOTS {
        out.insert(root.to_string());
        visit(&schemas()[*root], &mut out);
    }
    out
}

fn is_enum(name: &str) -> bool {
    schemas()[name].get("enum").is_some()
}

/// Direct (non-collection) edges between structs, to box fields that would make a type
/// infinitely large.
fn direct_refs(name: &str) -> Vec<String> {
    let props = schemas()[name]["properties"]
        .as_object()
        .into_iter()
        .flatten();
    props
        .filter_map(|(_, p)| ref_name(p))
        .filter(|n| !is_enum(n))
        .map(str::to_string)
        .collect()
}

fn reaches(from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
    direct_refs(from)
        .iter()
        .any(|n| n == to || (seen.insert(n.clone()) && reaches(n, to, seen)))
}

fn rust_type(owner: &str, p: &Value) -> String {
    if let Some(name) = ref_name(p) {
        let boxed = !is_enum(name) && reaches(name, owner, &mut BTreeSet::new()) || name == owner;
        return if boxed {
            format!("Box<{name}>")
        } else {
            name.to_string()
        };
    }
    match (p["type"].as_str(), p["format"].as_str()) {
        (Some("string"), Some("date-time")) => "Timestamp".into(),
        (Some("string"), Some("uuid")) => "Uuid".into(),
        (Some("string"), _) => "String".into(),
        (Some("integer"), Some("int64")) => "i64".into(),
        (Some("integer"), _) => "i32".into(),
        (Some("number"), _) => "f64".into(),
        (Some("boolean"), _) => "bool".into(),
        (Some("array"), _) => match ref_name(&p["items"]) {
            Some(name) => format!("Vec<{name}>"),
            None if p["items"].get("type").is_some() => {
                format!("Vec<{}>", rust_type(owner, &p["items"]))
            }
            None => "Vec<Value>".into(),
        },
        (Some("object"), _) => "Map<String, Value>".into(),
        _ => "Value".into(),
    }
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
        let prev_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
        if c.is_uppercase() && i > 0 && (prev_lower || next_lower) {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    if KEYWORDS.contains(&out.as_str()) {
        format!("r#{out}")
    } else {
        out
    }
}

fn doc_line(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('<', "&lt;")
}

fn field_doc(prop: &str, p: &Value, required: bool) -> String {
    let mut facts = Vec::new();
    if required {
        facts.push("required".to_string());
    }
    if let Some(max) = p["maxLength"].as_u64() {
        facts.push(format!("at most {max} characters"));
    }
    if p["readOnly"].as_bool() == Some(true) {
        facts.push("read-only".to_string());
    }
    if p.get(super::ASSUMED).is_some() {
        facts.push("not in Dastra's document: see `crate::assumptions`".to_string());
    }
    let mut line = format!("`{prop}`");
    if !facts.is_empty() {
        line += &format!(" ({})", facts.join(", "));
    }
    if let Some(d) = p["description"].as_str() {
        line += &format!(": {}", doc_line(d));
    }
    line
}

fn write_enum(out: &mut String, name: &str, schema: &Value) {
    let values: Vec<&str> = schema["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let _ = writeln!(
        out,
        "/// `{name}`: one of {} (enum of the contract).",
        values.len()
    );
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]"
    );
    let _ = writeln!(out, "#[allow(non_camel_case_types, missing_docs)]");
    let _ = writeln!(out, "pub enum {name} {{");
    for (i, v) in values.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(out, "    #[default]");
        }
        let _ = writeln!(out, "    {v},");
    }
    let _ = writeln!(
        out,
        "    /// A value this copy of the contract does not know, kept as sent."
    );
    let _ = writeln!(out, "    #[serde(untagged)]");
    let _ = writeln!(out, "    Unrecognized(String),");
    let _ = writeln!(out, "}}\n");
}

fn write_struct(out: &mut String, name: &str, schema: &Value) {
    let required: BTreeSet<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let props: BTreeMap<&String, &Value> = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .collect();

    let origin = if schema.get(super::ASSUMED).is_some() {
        " (assumed shape)"
    } else {
        ""
    };
    let _ = writeln!(out, "/// `{name}`{origin} of the contract.");
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]"
    );
    let _ = writeln!(out, "pub struct {name} {{");
    for (prop, p) in props {
        let is_required = required.contains(prop.as_str());
        let nullable = p["nullable"].as_bool() == Some(true);
        let ty = rust_type(name, p);
        let _ = writeln!(out, "    /// {}", field_doc(prop, p, is_required));
        let _ = write!(out, "    #[serde(rename = \"{prop}\"");
        let field_ty = if is_required && !nullable {
            let _ = writeln!(out, ")]");
            ty
        } else if is_required || ty == "Value" {
            let _ = writeln!(out, ", default)]");
            if ty == "Value" {
                ty
            } else {
                format!("Option<{ty}>")
            }
        } else {
            let _ = writeln!(
                out,
                ", default, skip_serializing_if = \"Option::is_none\")]"
            );
            format!("Option<{ty}>")
        };
        let _ = writeln!(out, "    pub {}: {field_ty},", snake(prop));
    }
    let _ = writeln!(
        out,
        "    /// Fields this model does not know, kept as received and sent back untouched."
    );
    let _ = writeln!(out, "    #[serde(flatten)]");
    let _ = writeln!(out, "    pub extra: Map<String, Value>,");
    let _ = writeln!(out, "}}\n");
}

/// The generated source of `src/models/generated.rs`.
pub fn generate() -> String {
    let mut out = String::new();
    out += "//! Models generated from the merged contract by `contract::codegen`; do not edit.\n";
    out += "//! Regenerate with `UPDATE_MODELS=1 cargo test -p passerelle-dastra models_are_current`.\n\n";
    out += "#![allow(clippy::all)]\n\n";
    out +=
        "use serde::{Deserialize, Serialize};\nuse serde_json::{Map, Value};\nuse uuid::Uuid;\n\n";
    out += "use super::Timestamp;\n\n";
    for name in closure() {
        let schema = &schemas()[&name];
        if is_enum(&name) {
            write_enum(&mut out, &name, schema);
        } else {
            write_struct(&mut out, &name, schema);
        }
    }
    out
}

#[test]
fn models_are_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/models/generated.rs");
    let fresh = generate();
    if std::env::var_os("UPDATE_MODELS").is_some() {
        std::fs::write(path, &fresh).expect("write generated models");
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == fresh,
        "src/models/generated.rs is stale: run UPDATE_MODELS=1 cargo test -p passerelle-dastra \
         models_are_current"
    );
}
