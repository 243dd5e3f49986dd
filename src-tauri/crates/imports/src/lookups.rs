//! Look-ups filled from Dastra: the tags, areas, actors and assets a profile's `lookup` steps
//! resolve names against, listed once per plan, page by page.
//!
//! Only the kinds the profile uses are listed. Tags are kept when their `type` is the target
//! entity's (an asset is tagged with `Asset` tags) or when they have none. Names are compared
//! as [`MemoryLookups`] does (case, accents and surrounding spaces ignored); two records with
//! the same name make it ambiguous, which the mapping reports on the row rather than guessing.

use passerelle_dastra::DastraClient;
use passerelle_mapping::{Entity, LookupKind, MemoryLookups, Profile, Transform};
use serde_json::Value;

use crate::fetch::fetch_collection;
use crate::Result;

/// The look-up kinds `profile` uses, each once.
pub fn lookup_kinds(profile: &Profile) -> Vec<LookupKind> {
    let chains = std::iter::once(&profile.key.transforms)
        .chain(profile.fields.iter().map(|f| &f.transforms));
    let mut kinds = Vec::new();
    for transform in chains.flatten() {
        if let Transform::Lookup { kind } = transform {
            if !kinds.contains(kind) {
                kinds.push(*kind);
            }
        }
    }
    kinds
}

/// List from Dastra every record `profile`'s look-ups may resolve to (see the module docs).
///
/// Errors: Dastra failures while listing.
pub async fn fetch_lookups(
    client: &DastraClient,
    profile: &Profile,
    page_size: u32,
) -> Result<MemoryLookups> {
    let mut table = MemoryLookups::new();
    for kind in lookup_kinds(profile) {
        let (collection, label_fields): (&str, &[&str]) = match kind {
            LookupKind::Tag => ("Tags", &["label"]),
            LookupKind::Area => ("Areas", &["label", "name"]),
            // Dastra's ActorDto has no `name`: a company by its name, a person by theirs.
            LookupKind::Actor => ("Actors", &["companyName", "displayName", "name", "label"]),
            LookupKind::Asset => ("Assets", &["label"]),
        };
        let records = fetch_collection(client, collection, page_size).await?;
        let tag_type = tag_type(profile.target);
        let mut kept = 0usize;
        for record in &records {
            if kind == LookupKind::Tag {
                let ty = record.get("type").and_then(Value::as_str);
                if ty.is_some_and(|t| Some(t) != tag_type) {
                    continue;
                }
            }
            let label = label_fields
                .iter()
                .find_map(|f| record.get(*f).and_then(Value::as_str));
            let (Some(label), Some(id)) = (label, record.get("id")) else {
                continue;
            };
            table.insert(kind, id.clone(), label);
            kept += 1;
        }
        tracing::debug!(kind = kind.noun(), records = kept, "look-ups listed");
    }
    Ok(table)
}

/// The `type` of the tags an entity carries.
fn tag_type(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Asset => Some("Asset"),
        Entity::Actor => Some("Actor"),
        Entity::Contract => Some("Contract"),
        Entity::DataField => None,
    }
}
