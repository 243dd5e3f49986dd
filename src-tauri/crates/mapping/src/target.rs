//! What a profile can write: the fields of a Dastra entity, read from the contract at run time.
//!
//! [`TargetSchema::for_entity`] walks the entity's component schema in the merged contract
//! ([`passerelle_dastra::contract::document`]: Dastra's OpenAPI document plus Passerelle's
//! overlay) and keeps each field a source row can set, with its JSON name, [`FieldType`],
//! maximum length, required flag and description. Correcting a field is an edit to the
//! contract, never to this file.
//!
//! # What is left out, and why
//!
//! A field is left out when the contract says it is `readOnly`, or when it is `id` (Dastra
//! assigns ids). Two rules are Passerelle's assumptions, because the contract does not mark
//! them:
//!
//! - [`SERVER_SET`] fields: `dateCreation`, `dateUpdate`, `creator`, `readonly`,
//!   `nbReferences`, set by Dastra on every write, and `archived`, changed through the archive
//!   endpoints (and by the profile's missing-from-source policy), not by a body.
//! - Nested documents: a property whose schema is an object, or an array of objects, is a
//!   relation with its own endpoints (`attachments`, `dataProcessings`, `recipients`,
//!   contract `versions`, area `teams`) or free-form (`customFields`), which a flat row cannot
//!   express. The one exception is `tags`, an array of `TagDto`, written as references.
//!
//! References by id are recognised by name in [`REFERENCES`] (`areaId` → an area, a
//! contract's `assets` and `signatories` → assets and actors): the contract types them as bare
//! integers. That table is an assumption too.

use std::fmt;
use std::sync::OnceLock;

use passerelle_dastra::contract::{self, ASSUMED};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The Dastra entities a profile can target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Entity {
    /// An asset of the asset register (`AssetDto`): applications, servers, buildings…
    Asset,
    /// A contract (`ContractDto`, an assumed schema, see `passerelle_dastra::assumptions`).
    Contract,
    /// An actor (`ActorDto`): vendors, subcontractors, partners.
    Actor,
    /// A data field of the data catalogue (`DataFieldDto`).
    DataField,
}

impl Entity {
    /// Every entity, in a stable order.
    pub const ALL: [Entity; 4] = [
        Entity::Asset,
        Entity::Contract,
        Entity::Actor,
        Entity::DataField,
    ];

    /// The contract schema its bodies follow (`AssetDto`).
    pub fn schema_name(self) -> &'static str {
        match self {
            Entity::Asset => "AssetDto",
            Entity::Contract => "ContractDto",
            Entity::Actor => "ActorDto",
            Entity::DataField => "DataFieldDto",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::Asset => "asset",
            Entity::Contract => "contract",
            Entity::Actor => "actor",
            Entity::DataField => "data field",
        })
    }
}

/// Fields Dastra sets itself (or through a dedicated endpoint); never written by a profile.
/// An assumption: the contract does not mark them `readOnly`.
pub const SERVER_SET: &[&str] = &[
    "dateCreation",
    "dateUpdate",
    "creator",
    "readonly",
    "nbReferences",
    "archived",
];

/// Properties the contract types as bare ids, and what they refer to. An assumption: the
/// contract says only "integer".
pub const REFERENCES: &[(&str, Referenced)] = &[
    ("areaId", Referenced::Area),
    ("assets", Referenced::Asset),
    ("signatories", Referenced::Actor),
];

/// What a reference field points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Referenced {
    /// An organisational unit (`AreaDto`).
    Area,
    /// An actor (`ActorDto`).
    Actor,
    /// An asset (`AssetDto`).
    Asset,
    /// A tag (`TagDto`).
    Tag,
}

/// How a reference is written in a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum RefShape {
    /// The bare id (`"areaId": 3`).
    Id,
    /// An object carrying the id and label (`{"id": 3, "label": "GDPR"}`), as `tags` are.
    Object,
}

/// The type of a target field, as the contract gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum FieldType {
    /// Text.
    String,
    /// A UUID, as text.
    Uuid,
    /// A whole number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// A timestamp (`2024-03-31T00:00:00Z`).
    DateTime,
    /// One of a fixed list of values.
    Enum {
        /// The allowed values, as Dastra spells them.
        values: Vec<String>,
    },
    /// Another Dastra entity, by id.
    Reference {
        /// The entity referred to.
        to: Referenced,
        /// How the reference is written.
        shape: RefShape,
    },
    /// A list of values of one type.
    Array {
        /// The type of each element.
        items: Box<FieldType>,
    },
}

impl FieldType {
    /// The allowed values when this is an enum, or an array of one.
    pub fn enum_values(&self) -> Option<&[String]> {
        match self {
            FieldType::Enum { values } => Some(values),
            FieldType::Array { items } => items.enum_values(),
            _ => None,
        }
    }

    /// A short name for messages: "text", "a date", "one of Low, Medium, High"…
    pub fn describe(&self) -> String {
        match self {
            FieldType::String => "text".into(),
            FieldType::Uuid => "a UUID".into(),
            FieldType::Integer => "a whole number".into(),
            FieldType::Number => "a number".into(),
            FieldType::Boolean => "yes or no".into(),
            FieldType::DateTime => "a date".into(),
            FieldType::Enum { values } => format!("one of {}", values.join(", ")),
            FieldType::Reference { to, .. } => format!("a reference to a Dastra {to:?}"),
            FieldType::Array { items } => format!("a list of {}", items.describe()),
        }
    }
}

/// One field a profile can write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TargetField {
    /// The JSON property name (`label`, `areaId`).
    pub name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: FieldType,
    /// The maximum length in characters of a text value, when the contract sets one.
    pub max_length: Option<usize>,
    /// Whether every body must carry it.
    pub required: bool,
    /// The contract's description, when it has one.
    pub description: Option<String>,
    /// Whether the field comes from Passerelle's overlay rather than Dastra's document.
    pub assumed: bool,
}

/// The writable fields of one entity, in contract order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TargetSchema {
    /// The entity.
    pub entity: Entity,
    /// The contract schema the fields come from (`AssetDto`).
    pub schema: String,
    /// The writable fields.
    pub fields: Vec<TargetField>,
}

impl TargetSchema {
    /// The target schema of `entity`, built from the merged contract on first use.
    ///
    /// # Panics
    /// When the contract lacks the entity's schema: the contract ships inside the binary, so
    /// that is a build defect, not a run-time condition.
    pub fn for_entity(entity: Entity) -> &'static TargetSchema {
        static SCHEMAS: OnceLock<Vec<TargetSchema>> = OnceLock::new();
        let all = SCHEMAS.get_or_init(|| Entity::ALL.iter().map(|e| build(*e)).collect());
        all.iter()
            .find(|s| s.entity == entity)
            .expect("BUG: every entity has a schema")
    }

    /// The field named `name`, if it is writable.
    pub fn field(&self, name: &str) -> Option<&TargetField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The writable fields' names, comma-separated, for messages.
    pub fn field_names(&self) -> String {
        let names: Vec<&str> = self.fields.iter().map(|f| f.name.as_str()).collect();
        names.join(", ")
    }
}

fn build(entity: Entity) -> TargetSchema {
    let name = entity.schema_name();
    let schema = contract::component(name)
        .unwrap_or_else(|| panic!("BUG: the contract has no schema {name}"));
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();

    let properties = schema["properties"].as_object().into_iter().flatten();
    let fields = properties
        .filter(|(field, spec)| writable(field, spec))
        .filter_map(|(field, spec)| {
            let ty = field_type(field, spec)?;
            Some(TargetField {
                name: field.clone(),
                ty,
                max_length: spec["maxLength"].as_u64().map(|n| n as usize),
                required: required.contains(&field.as_str()),
                description: spec["description"].as_str().map(str::to_owned),
                assumed: spec.get(ASSUMED).is_some() || schema.get(ASSUMED).is_some(),
            })
        })
        .collect();
    TargetSchema {
        entity,
        schema: name.to_owned(),
        fields,
    }
}

fn writable(field: &str, spec: &Value) -> bool {
    field != "id" && !SERVER_SET.contains(&field) && spec["readOnly"] != Value::Bool(true)
}

/// The type of one property, or `None` when a row cannot write it (a nested document).
fn field_type(field: &str, spec: &Value) -> Option<FieldType> {
    if let Some((_, to)) = REFERENCES.iter().find(|(name, _)| *name == field) {
        let reference = FieldType::Reference {
            to: *to,
            shape: RefShape::Id,
        };
        return Some(match spec["type"].as_str() {
            Some("array") => FieldType::Array {
                items: Box::new(reference),
            },
            _ => reference,
        });
    }
    scalar_type(spec)
}

fn scalar_type(spec: &Value) -> Option<FieldType> {
    if let Some(reference) = spec["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or_default();
        if name == "TagDto" {
            return Some(FieldType::Reference {
                to: Referenced::Tag,
                shape: RefShape::Object,
            });
        }
        return scalar_type(contract::component(name)?);
    }
    if let Some(values) = spec["enum"].as_array() {
        let values = values.iter().filter_map(Value::as_str).map(str::to_owned);
        return Some(FieldType::Enum {
            values: values.collect(),
        });
    }
    match (spec["type"].as_str()?, spec["format"].as_str()) {
        ("string", Some("date-time" | "date")) => Some(FieldType::DateTime),
        ("string", Some("uuid")) => Some(FieldType::Uuid),
        ("string", _) => Some(FieldType::String),
        ("integer", _) => Some(FieldType::Integer),
        ("number", _) => Some(FieldType::Number),
        ("boolean", _) => Some(FieldType::Boolean),
        ("array", _) => Some(FieldType::Array {
            items: Box::new(scalar_type(&spec["items"])?),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_fields_come_from_the_contract_without_server_set_ones() {
        let asset = TargetSchema::for_entity(Entity::Asset);
        let label = asset.field("label").expect("label is writable");
        assert!(label.required, "the contract requires label");
        assert_eq!(label.max_length, Some(655), "the contract's length");
        let kind = asset.field("type").expect("type is writable");
        assert_eq!(
            kind.ty.enum_values().map(<[String]>::len),
            Some(7),
            "AssetType has seven values"
        );
        assert!(
            asset
                .field("ref")
                .expect("ref comes from the overlay")
                .assumed
        );
        for gone in [
            "id",
            "dateCreation",
            "creator",
            "attachments",
            "dataProcessings",
            "readonly",
        ] {
            assert!(asset.field(gone).is_none(), "{gone} is not writable");
        }
        let tags = asset.field("tags").expect("tags are references");
        assert!(
            matches!(&tags.ty, FieldType::Array { items } if matches!(**items,
                FieldType::Reference { to: Referenced::Tag, shape: RefShape::Object })),
            "{:?}",
            tags.ty
        );
    }

    #[test]
    fn contract_references_and_dates_are_typed() {
        let contract = TargetSchema::for_entity(Entity::Contract);
        assert_eq!(
            contract.field("startDate").map(|f| &f.ty),
            Some(&FieldType::DateTime)
        );
        assert_eq!(
            contract.field("amount").map(|f| &f.ty),
            Some(&FieldType::Number)
        );
        assert_eq!(
            contract.field("areaId").map(|f| &f.ty),
            Some(&FieldType::Reference {
                to: Referenced::Area,
                shape: RefShape::Id
            })
        );
        assert!(
            contract.field("versions").is_none(),
            "nested documents are left out"
        );
        assert!(
            contract.field("archived").is_none(),
            "archiving is the policy's job"
        );
        let actor = TargetSchema::for_entity(Entity::Actor);
        assert!(
            actor.field("displayName").is_none(),
            "readOnly in the contract"
        );
        assert_eq!(actor.field("email").and_then(|f| f.max_length), Some(255));
    }
}
