//! Look-ups against Dastra: from a name in the source to the id of a Dastra record.
//!
//! The crate does no I/O, so the caller fills a [`LookupTable`] before mapping: the import
//! engine lists Dastra's tags, areas, actors and assets once, and [`MemoryLookups`] answers
//! from that list. A look-up that finds nothing, or more than one record, becomes a
//! [`crate::Problem`] on the row, never a guess.

use std::collections::HashMap;

use passerelle_matching::normalize::fold;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What a look-up searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum LookupKind {
    /// A tag, by label.
    Tag,
    /// An organisational unit (area), by name.
    Area,
    /// An actor (a vendor, a subcontractor), by name.
    Actor,
    /// An asset, by label.
    Asset,
}

impl LookupKind {
    /// The noun for messages ("tag", "area"…).
    pub fn noun(self) -> &'static str {
        match self {
            LookupKind::Tag => "tag",
            LookupKind::Area => "area",
            LookupKind::Actor => "actor",
            LookupKind::Asset => "asset",
        }
    }
}

/// One Dastra record a look-up found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Resolved {
    /// Its id, as Dastra writes it (a number, or a UUID string).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub id: Value,
    /// Its label as Dastra spells it.
    pub label: String,
}

/// The answer to one look-up.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Exactly one record.
    Found(Resolved),
    /// No record has that name.
    NotFound,
    /// Several records have that name; the DPO must pick.
    Ambiguous(Vec<Resolved>),
}

/// Answers look-ups. Implementations compare names as they see fit; [`MemoryLookups`] ignores
/// case, accents and surrounding spaces. A table is `Sync`, so that a plan holding one while it
/// awaits its source's rows can run on any thread of a runtime.
pub trait LookupTable: Sync {
    /// The record of `kind` named `name`.
    fn resolve(&self, kind: LookupKind, name: &str) -> Resolution;
}

/// A table with nothing in it, for profiles without look-ups: every look-up is not found.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLookups;

impl LookupTable for NoLookups {
    fn resolve(&self, _: LookupKind, _: &str) -> Resolution {
        Resolution::NotFound
    }
}

/// Look-ups answered from records loaded beforehand, by folded name.
#[derive(Debug, Clone, Default)]
pub struct MemoryLookups {
    entries: HashMap<(LookupKind, String), Vec<Resolved>>,
    /// Each record's first label, by kind and id (as text): what a person calls it.
    labels: HashMap<(LookupKind, String), String>,
}

impl MemoryLookups {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a record of `kind`: its id and its label. Two records whose labels fold the same
    /// make that name ambiguous.
    pub fn insert(&mut self, kind: LookupKind, id: impl Into<Value>, label: &str) -> &mut Self {
        let id: Value = id.into();
        self.labels
            .entry((kind, id_key(&id)))
            .or_insert_with(|| label.to_owned());
        let key = (kind, fold(label.trim()));
        self.entries.entry(key).or_default().push(Resolved {
            id,
            label: label.to_owned(),
        });
        self
    }

    /// The label of the record of `kind` whose id is `id`: the first one inserted for it (an
    /// actor's company name before its display name, as the workspace is listed).
    pub fn label_of(&self, kind: LookupKind, id: &Value) -> Option<&str> {
        self.labels.get(&(kind, id_key(id))).map(String::as_str)
    }
}

/// An id as text, whether Dastra wrote it as a number or a string.
fn id_key(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
}

impl LookupTable for MemoryLookups {
    fn resolve(&self, kind: LookupKind, name: &str) -> Resolution {
        match self
            .entries
            .get(&(kind, fold(name.trim())))
            .map(Vec::as_slice)
        {
            None | Some([]) => Resolution::NotFound,
            Some([one]) => Resolution::Found(one.clone()),
            Some(many) => Resolution::Ambiguous(many.to_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_named_by_its_first_label_whatever_its_id_is_written_as() {
        let mut table = MemoryLookups::new();
        table.insert(LookupKind::Actor, 12, "Acme SAS");
        table.insert(LookupKind::Actor, 12, "Acme");
        table.insert(LookupKind::Area, "a-7", "Siège");
        assert_eq!(
            table.label_of(LookupKind::Actor, &12.into()),
            Some("Acme SAS")
        );
        assert_eq!(
            table.label_of(LookupKind::Actor, &"12".into()),
            Some("Acme SAS")
        );
        assert_eq!(
            table.label_of(LookupKind::Area, &"a-7".into()),
            Some("Siège")
        );
        assert_eq!(
            table.label_of(LookupKind::Tag, &12.into()),
            None,
            "kinds apart"
        );
        assert_eq!(table.label_of(LookupKind::Actor, &13.into()), None);
    }

    #[test]
    fn names_match_whatever_their_case_and_accents() {
        let mut table = MemoryLookups::new();
        table.insert(LookupKind::Area, 3, "Direction Générale");
        table.insert(LookupKind::Tag, 7, "RGPD");
        table.insert(LookupKind::Tag, 8, "rgpd ");
        assert_eq!(
            table.resolve(LookupKind::Area, " direction generale"),
            Resolution::Found(Resolved {
                id: 3.into(),
                label: "Direction Générale".into()
            })
        );
        let rgpd = table.resolve(LookupKind::Tag, "RGPD");
        assert!(matches!(rgpd, Resolution::Ambiguous(v) if v.len() == 2));
        assert_eq!(
            table.resolve(LookupKind::Actor, "RGPD"),
            Resolution::NotFound,
            "kinds are apart"
        );
    }
}
