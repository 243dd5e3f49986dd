//! The collection table: what the generic CRUD engine needs to know about each Dastra resource.
//!
//! One [`CollectionSpec`] per collection, spelled as the contract spells it. The engine in
//! [`crate::routes::crud`] reads only this table; behaviour that does not fit a table row lives
//! in the special routes.

/// How ids of a collection look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// `int32`, allocated in increasing order.
    Int,
    /// A UUID.
    Uuid,
}

/// Where a collection lives: the client's own notion, shared.
pub use passerelle_dastra::resource::Scope;

/// How `GET /{Collection}` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListShape {
    /// `{items, total, size, page}`.
    Paged,
    /// A bare array of every matching item.
    BareArray,
    /// `WorkSpaceListDto`: `{workSpaces: [...]}`.
    WorkSpaceList,
}

/// What a write answers with (the contract documents some writes without a body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// `200` with an empty body.
    Empty,
    /// The stored item, as `GET /{id}` shows it.
    Item,
    /// `DataSubjectRequestLightDto`: the item without its nested objects.
    DsrLight,
}

/// A typed list parameter (`states`, `types`, `areaId`) and the output field it filters on.
#[derive(Debug, Clone, Copy)]
pub struct Shortcut {
    /// Query parameter name; repeated keys and `name[]` are both accepted.
    pub param: &'static str,
    /// Dotted field path(s) it compares with; an item matches when any of them does.
    pub fields: &'static [&'static str],
    /// How the parameter compares.
    pub kind: ShortcutKind,
}

/// The comparison behind a [`Shortcut`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortcutKind {
    /// The field (or any element of it, for arrays) is one of the given values.
    AnyOf,
    /// `true`/`false` compared with a boolean field; absent means `false` for `archived`.
    Bool,
}

/// One collection of the API.
#[derive(Debug, Clone, Copy)]
pub struct CollectionSpec {
    /// Name as in the contract (`DataSubjectRequests`).
    pub name: &'static str,
    /// Workspace or organisation.
    pub scope: Scope,
    /// Id type.
    pub id: IdKind,
    /// List envelope.
    pub list: ListShape,
    /// Contract schema of a stored item (`GET /{id}`).
    pub item_schema: &'static str,
    /// Schema a `POST` body must follow; `None` when the collection cannot be created.
    pub create_schema: Option<&'static str>,
    /// Schema a `PUT` body (and the result of a PATCH) must follow; `None` when read-only.
    pub update_schema: Option<&'static str>,
    /// Answer to `POST`.
    pub create_reply: Reply,
    /// Answer to `PUT`.
    pub update_reply: Reply,
    /// Answer to `DELETE /{id}`.
    pub delete_reply: Reply,
    /// String fields searched by `q`.
    pub search: &'static [&'static str],
    /// Typed list parameters.
    pub shortcuts: &'static [Shortcut],
    /// `PATCH /{Collection}` with `{ids, patch}` is available.
    pub batch_patch: bool,
    /// `POST /workflow {id, stepId}` is available, with steps of this workflow type.
    pub workflow: Option<&'static str>,
    /// `archive/{id}` and `restore/{id}` are available. (Lists hide archived items unless
    /// `archived=true` when the collection has the `archived` list parameter.)
    pub archivable: bool,
    /// Fields computed on every read; dropped from bodies before they are stored.
    pub derived: &'static [&'static str],
}

const fn shortcut(param: &'static str, fields: &'static [&'static str]) -> Shortcut {
    Shortcut {
        param,
        fields,
        kind: ShortcutKind::AnyOf,
    }
}

const ARCHIVED: Shortcut = Shortcut {
    param: "archived",
    fields: &["archived"],
    kind: ShortcutKind::Bool,
};

const BASE: CollectionSpec = CollectionSpec {
    name: "",
    scope: Scope::Workspace,
    id: IdKind::Int,
    list: ListShape::Paged,
    item_schema: "",
    create_schema: None,
    update_schema: None,
    create_reply: Reply::Item,
    update_reply: Reply::Item,
    delete_reply: Reply::Empty,
    search: &["label"],
    shortcuts: &[],
    batch_patch: false,
    workflow: None,
    archivable: false,
    derived: &[],
};

/// Every collection the generic engine serves.
pub const COLLECTIONS: &[CollectionSpec] = &[
    CollectionSpec {
        name: "DataSubjectRequests",
        item_schema: "DataSubjectRequestDto",
        create_schema: Some("DataSubjectRequestDto"),
        update_schema: Some("DataSubjectRequestDto"),
        create_reply: Reply::DsrLight,
        search: &[
            "title",
            "givenName",
            "familyName",
            "email",
            "phoneNumber",
            "refId",
            "userId",
            "description",
            "message",
            "city",
            "demandId",
        ],
        shortcuts: &[
            shortcut("states", &["state"]),
            shortcut("purposes", &["purposes"]),
            shortcut("areaId", &["areaId"]),
            shortcut("ids", &["id"]),
            shortcut("tags", &["tags.id"]),
            shortcut("users", &["operatorId"]),
            shortcut("workflows", &["workFlowStepId"]),
            shortcut("widgetId", &["widgetId"]),
            ARCHIVED,
        ],
        workflow: Some("DataSubject"),
        archivable: true,
        derived: &[
            "area",
            "workFlowStep",
            "attachments",
            "remainingDays",
            "closingTime",
            "identityValidated",
            "operator",
        ],
        ..BASE
    },
    CollectionSpec {
        name: "Assets",
        item_schema: "AssetDto",
        create_schema: Some("AssetDto"),
        update_schema: Some("AssetDto"),
        search: &["label", "description", "ref", "city"],
        shortcuts: &[shortcut("types", &["type"]), shortcut("tags", &["tags.id"])],
        batch_patch: true,
        ..BASE
    },
    CollectionSpec {
        name: "Actors",
        item_schema: "ActorDto",
        create_schema: Some("ActorDto"),
        update_schema: Some("ActorDto"),
        update_reply: Reply::Empty,
        search: &[
            "displayName",
            "companyName",
            "givenName",
            "familyName",
            "email",
            "ref",
            "city",
            "contactName",
            "description",
        ],
        shortcuts: &[
            shortcut("types", &["actorType"]),
            shortcut("ids", &["id"]),
            shortcut("tags", &["tags.id"]),
            shortcut("countries", &["countryCode"]),
            shortcut("referencedAs", &["_referencedAs"]),
        ],
        batch_patch: true,
        derived: &["displayName"],
        ..BASE
    },
    CollectionSpec {
        name: "Contracts",
        id: IdKind::Uuid,
        item_schema: "ContractDto",
        create_schema: Some("ContractDto"),
        update_schema: Some("ContractDto"),
        search: &["label", "ref", "description"],
        shortcuts: &[
            shortcut("areaId", &["areaId"]),
            shortcut("assetId", &["assets"]),
            shortcut("stakeholderId", &["signatories"]),
            shortcut("states", &["state"]),
            shortcut("tags", &["tags.id"]),
            ARCHIVED,
        ],
        batch_patch: true,
        archivable: true,
        ..BASE
    },
    CollectionSpec {
        name: "DataFields",
        id: IdKind::Uuid,
        item_schema: "DataFieldDto",
        create_schema: Some("DataFieldDto"),
        update_schema: Some("DataFieldDto"),
        delete_reply: Reply::Item,
        search: &["label", "definition", "technicalDefinition"],
        shortcuts: &[
            shortcut("cats", &["personalDataCategory"]),
            shortcut("types", &["dataType"]),
        ],
        batch_patch: true,
        ..BASE
    },
    CollectionSpec {
        name: "DataProcessings",
        id: IdKind::Uuid,
        item_schema: "DataProcessingDto",
        create_schema: Some("DataProcessingCreationDto"),
        update_schema: Some("DataProcessingUpdateDto"),
        search: &["label", "description", "ref"],
        shortcuts: &[
            shortcut("areaId", &["areaId"]),
            shortcut("tags", &["tags.id"]),
            shortcut("workflows", &["workFlowStepId"]),
            shortcut("states", &["state"]),
            shortcut("type", &["processingType"]),
            shortcut("ids", &["id"]),
            ARCHIVED,
        ],
        batch_patch: true,
        workflow: Some("DataProcessing"),
        archivable: true,
        ..BASE
    },
    CollectionSpec {
        name: "Tasks",
        item_schema: "TaskDto",
        create_schema: Some("TaskCreateUpdateDto"),
        update_schema: Some("TaskCreateUpdateDto"),
        search: &["label", "descriptionHtml"],
        shortcuts: &[
            shortcut("states", &["state"]),
            shortcut("prios", &["priority"]),
            shortcut("tags", &["tags.id"]),
            shortcut("users", &["assignedToUserId"]),
            shortcut("objectType", &["objectType"]),
            shortcut("objectIds", &["objectId"]),
            shortcut("ids", &["id"]),
            shortcut("areaId", &["areaId"]),
            shortcut("workflows", &["workFlowStepId"]),
            shortcut("parentId", &["parentId"]),
            ARCHIVED,
        ],
        batch_patch: true,
        workflow: Some("Task"),
        derived: &[
            "remainingDays",
            "closingTime",
            "owner",
            "assignedToUser",
            "area",
            "workFlowStep",
        ],
        ..BASE
    },
    CollectionSpec {
        name: "Teams",
        item_schema: "TeamDto",
        create_schema: Some("TeamDto"),
        update_schema: Some("TeamDto"),
        create_reply: Reply::Empty,
        update_reply: Reply::Empty,
        search: &["label", "ref"],
        shortcuts: &[shortcut("ref", &["ref"])],
        ..BASE
    },
    CollectionSpec {
        name: "Areas",
        item_schema: "AreaDto",
        create_schema: Some("AreaBaseDto"),
        update_schema: Some("AreaBaseDto"),
        update_reply: Reply::Empty,
        search: &["label", "ref", "description", "city"],
        shortcuts: &[
            shortcut("type", &["type"]),
            shortcut("ref", &["ref"]),
            shortcut("parentId", &["parentId"]),
        ],
        ..BASE
    },
    CollectionSpec {
        name: "Tags",
        list: ListShape::BareArray,
        item_schema: "TagDto",
        create_schema: Some("TagDto"),
        update_schema: Some("TagDto"),
        shortcuts: &[shortcut("type", &["type"])],
        ..BASE
    },
    CollectionSpec {
        name: "GenericRelationships",
        id: IdKind::Uuid,
        list: ListShape::BareArray,
        item_schema: "GenericRelationShipLinkedObjectDto",
        create_schema: Some("GenericRelationShipCreationDto"),
        update_schema: Some("GenericRelationShipLinkedObjectDto"),
        create_reply: Reply::Empty,
        update_reply: Reply::Empty,
        search: &["label", "description", "target.label"],
        ..BASE
    },
    CollectionSpec {
        name: "WorkSpaces",
        scope: Scope::Tenant,
        list: ListShape::WorkSpaceList,
        item_schema: "WorkSpaceDto",
        search: &["label"],
        shortcuts: &[shortcut("state", &["state"])],
        ..BASE
    },
    CollectionSpec {
        name: "TenantUsers",
        scope: Scope::Tenant,
        item_schema: "UserDto",
        delete_reply: Reply::Item,
        search: &["displayName", "givenName", "familyName", "email"],
        shortcuts: &[shortcut("ids", &["id"])],
        ..BASE
    },
];

/// Collections kept in the store but served only by special routes.
pub const WORKFLOWS: &str = "Workflows";
/// Attachment metadata of data subject requests.
pub const ATTACHMENTS: &str = "DataSubjectAttachments";
/// Links between processing activities.
pub const PROCESSING_LINKS: &str = "DataProcessingRelationships";

/// The spec of a collection, whatever the case of `name`.
pub fn find(name: &str) -> Option<&'static CollectionSpec> {
    COLLECTIONS
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))
}
