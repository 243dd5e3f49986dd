//! What the client needs to know about each Dastra collection: where it lives, how its ids look,
//! how its lists come back, and which contract schema its bodies follow.

use std::fmt::Display;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Where a collection's path starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `/v1/ws/{workspaceId}/{Collection}`
    Workspace,
    /// `/v1/{Collection}` (organisation-wide: WorkSpaces, TenantUsers…)
    Tenant,
}

/// How a collection's `GET` list answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListShape {
    /// `{items, total, size, page}`, paged with `page`/`size`.
    Paged,
    /// A bare JSON array, not paged (Tags, GenericRelationships, Workflows/{type}…).
    BareArray,
}

/// A Dastra entity that the client can list, get, create, update and delete.
///
/// Implementations live next to the models; the constants are taken from the contract
/// (`contract/openapi.json`, or the assumptions in [`crate::assumptions`] where it is silent).
pub trait Resource: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The id type: `i32` or `uuid::Uuid`, as the contract says.
    type Id: Display + Clone + Serialize + DeserializeOwned + Send + Sync + 'static;

    /// The path segment, spelled as the contract spells it (`Assets`, `DataSubjectRequests`).
    const COLLECTION: &'static str;
    /// Workspace- or organisation-scoped.
    const SCOPE: Scope;
    /// How lists come back.
    const LIST: ListShape;
    /// The contract schema that request and response bodies follow (`AssetDto`).
    const SCHEMA: &'static str;

    /// The entity's id, when it has one (a new entity has none).
    fn id(&self) -> Option<Self::Id>;
}

/// The path of a collection, relative to the API root, for a given workspace.
pub fn collection_path<R: Resource>(workspace_id: Option<i64>) -> String {
    match (R::SCOPE, workspace_id) {
        (Scope::Tenant, _) => format!("/v1/{}", R::COLLECTION),
        (Scope::Workspace, Some(ws)) => format!("/v1/ws/{ws}/{}", R::COLLECTION),
        (Scope::Workspace, None) => format!("/v1/ws/{{workspaceId}}/{}", R::COLLECTION),
    }
}
