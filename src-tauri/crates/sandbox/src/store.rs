//! The store: JSON objects per collection per workspace, plus the organisation's collections.
//!
//! The sandbox is JSON-native: items are kept as the `serde_json::Value`s the API sends, keyed
//! by their id in insertion order. Keys starting with `_` are the sandbox's own bookkeeping
//! (an attachment's file name, an actor's `referencedAs`); they are never sent.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::spec::{CollectionSpec, IdKind, Scope};

/// Items of one collection, keyed by id (`"42"`, or a lowercase UUID), in insertion order.
pub type Collection = IndexMap<String, Value>;

/// Everything the sandbox knows; what the state file holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    /// Format version of the state file.
    pub version: u32,
    /// The organisation's id (`tenantId` everywhere).
    pub tenant_id: i32,
    /// The organisation's name.
    pub tenant_label: String,
    /// Organisation-wide collections: `WorkSpaces`, `TenantUsers`.
    pub tenant: BTreeMap<String, Collection>,
    /// Workspace id → collection name → items.
    pub workspaces: BTreeMap<i32, BTreeMap<String, Collection>>,
    /// Last id handed out, per collection with integer ids (ids are unique across workspaces,
    /// as in Dastra).
    pub last_ids: BTreeMap<String, i32>,
}

/// The current state file format.
pub const STORE_VERSION: u32 = 1;

impl Store {
    /// Whether workspace `ws` exists.
    pub fn has_workspace(&self, ws: i32) -> bool {
        self.workspaces.contains_key(&ws)
    }

    /// The collection `name` of workspace `ws` (or of the organisation when `ws` is `None`).
    pub fn collection(&self, ws: Option<i32>, name: &str) -> Option<&Collection> {
        match ws {
            Some(ws) => self.workspaces.get(&ws)?.get(name),
            None => self.tenant.get(name),
        }
    }

    /// The collection, created empty when missing. The workspace must exist.
    pub fn collection_mut(&mut self, ws: Option<i32>, name: &str) -> &mut Collection {
        let map = match ws {
            Some(ws) => self.workspaces.entry(ws).or_default(),
            None => &mut self.tenant,
        };
        map.entry(name.to_string()).or_default()
    }

    /// Where a spec's items live for a request on workspace `ws`.
    pub fn scope_of(spec: &CollectionSpec, ws: Option<i32>) -> Option<i32> {
        match spec.scope {
            Scope::Workspace => ws,
            Scope::Tenant => None,
        }
    }

    /// One item by id.
    pub fn get(&self, ws: Option<i32>, name: &str, id: &str) -> Option<&Value> {
        self.collection(ws, name)?.get(id)
    }

    /// A new integer id for `name`.
    pub fn next_int_id(&mut self, name: &str) -> i32 {
        let last = self.last_ids.entry(name.to_string()).or_insert(0);
        *last += 1;
        *last
    }

    /// Insert `item` (which must carry its id) into a collection.
    pub fn insert(&mut self, ws: Option<i32>, name: &str, item: Value) {
        let key = id_key(&item["id"]).expect("BUG: stored items carry an id");
        self.collection_mut(ws, name).insert(key, item);
    }

    /// A fresh id of the right kind, as JSON.
    pub fn new_id(&mut self, name: &str, kind: IdKind) -> Value {
        match kind {
            IdKind::Int => Value::from(self.next_int_id(name)),
            IdKind::Uuid => Value::from(uuid::Uuid::new_v4().to_string()),
        }
    }
}

/// The store key of an id value: the integer as text, or the UUID in lowercase.
pub fn id_key(id: &Value) -> Option<String> {
    match id {
        Value::Number(n) => n.as_i64().map(|n| n.to_string()),
        Value::String(s) if !s.is_empty() => Some(s.to_ascii_lowercase()),
        _ => None,
    }
}

/// Parse an id from a path segment for a collection with ids of `kind`.
pub fn parse_id(kind: IdKind, raw: &str) -> Option<String> {
    match kind {
        IdKind::Int => raw.parse::<i32>().ok().map(|n| n.to_string()),
        IdKind::Uuid => uuid::Uuid::parse_str(raw).ok().map(|u| u.to_string()),
    }
}

/// Drop the sandbox's own `_` fields from an item about to be sent.
pub fn strip_private(item: &mut Value) {
    if let Some(obj) = item.as_object_mut() {
        obj.retain(|k, _| !k.starts_with('_'));
    }
}
