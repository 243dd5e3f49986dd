//! The types commands and events carry. Each is exported to `ui/src/bindings/` by ts-rs.
//!
//! Timestamps travel as ISO 8601 strings as Dastra wrote them; enum values travel as Dastra's
//! own names (`Access`, `Processing`), which the UI translates.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The UI language the person chose, or the operating system's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum LanguagePreference {
    /// Follow the operating system (French when it is French, English otherwise).
    #[default]
    System,
    /// Français.
    Fr,
    /// English.
    En,
}

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Language {
    /// Français.
    Fr,
    /// English.
    En,
}

/// The Dastra workspace every screen is looking at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceInfo {
    /// The workspace's name in Dastra.
    pub label: String,
    /// Dastra's workspace id.
    pub workspace_id: i64,
    /// The API root (`https://api.dastra.eu`, or the local sandbox's address).
    pub base_url: String,
    /// True for the built-in sandbox workspace: nothing done here reaches a real Dastra.
    pub is_sandbox: bool,
    /// The connection it was opened from (`sandbox` for the built-in one).
    pub connection_id: String,
}

/// `app_info` takes nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfoRequest {}

/// What the shell shows in its header and settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    /// Passerelle's version.
    pub version: String,
    /// The language the UI should use now.
    pub language: Language,
    /// What the person chose.
    pub language_preference: LanguagePreference,
    /// The current workspace.
    pub workspace: WorkspaceInfo,
}

/// `settings_update`: change preferences; absent fields stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SettingsUpdateRequest {
    /// A new language preference.
    #[ts(optional)]
    pub language: Option<LanguagePreference>,
    /// Days a discovery job's findings are kept, 1 to 3650.
    #[serde(default)]
    #[ts(optional)]
    pub retention_days: Option<u32>,
}

/// `dsar_list`: one page of the DSAR inbox, filtered and sorted by Dastra.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DsarListRequest {
    /// 1-based page number.
    pub page: u32,
    /// Rows per page (at most 500).
    pub size: u32,
    /// Free-text search (requester, title, email…), empty for none.
    pub q: String,
    /// Keep requests in these states (`Open`, `Processing`…); empty for all.
    pub states: Vec<String>,
    /// Keep requests asking for these rights (`Access`, `Erasure`…); empty for all.
    pub purposes: Vec<String>,
    /// Only requests past their legal deadline.
    pub overdue_only: bool,
    /// Dastra property to sort on (`expiryTime`, `dateCreation`, `familyName`…).
    #[ts(optional)]
    pub sort_by: Option<String>,
    /// Ascending when true.
    pub asc: bool,
}

/// One row of the DSAR inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DsarRow {
    /// Dastra's id of the request.
    pub id: i32,
    /// The request's title.
    pub title: String,
    /// Given and family name of the requester, as entered.
    pub requester: String,
    /// The requester's email, when given.
    pub email: Option<String>,
    /// The rights requested (`Access`, `Erasure`…).
    pub purposes: Vec<String>,
    /// Dastra state (`Open`, `IdentityValidation`, `Processing`, `Active`, `Closed`).
    pub state: String,
    /// The workflow column the request sits in, when the workspace uses workflows.
    pub workflow_step: Option<String>,
    /// The legal deadline.
    pub due_date: Option<String>,
    /// Whole days until the deadline (negative once past), for open requests.
    pub days_left: Option<i32>,
    /// Past its deadline and not closed.
    pub overdue: bool,
    /// When the request was created.
    pub created: Option<String>,
}

/// A page of the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DsarListResponse {
    /// The rows of this page.
    pub items: Vec<DsarRow>,
    /// How many requests match in all.
    pub total: u64,
    /// This page's number.
    pub page: u32,
    /// The page size used.
    pub size: u32,
}

/// `dsar_get`: one request in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DsarGetRequest {
    /// Dastra's id of the request.
    pub id: i32,
}

/// Who the requester says they are.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
#[allow(missing_docs)]
pub struct DsarIdentity {
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub address: Option<String>,
    pub zip_code: Option<String>,
    pub city: Option<String>,
    pub country_code: Option<String>,
    /// Your organisation's id for the person (hidden from the requester).
    pub ref_id: Option<String>,
    /// The person's user id in your systems.
    pub user_id: Option<String>,
}

/// A file attached to a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachmentRow {
    /// Dastra's file id.
    pub id: String,
    /// The file's name.
    pub file_name: Option<String>,
    /// Size in bytes.
    pub size: i32,
    /// When it was attached.
    pub created: Option<String>,
}

/// The history of a request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
#[allow(missing_docs)]
pub struct DsarDates {
    pub created: Option<String>,
    pub updated: Option<String>,
    pub email_validated: Option<String>,
    pub identity_validated: Option<String>,
    pub user_notified: Option<String>,
    pub closed: Option<String>,
}

/// A request as the detail screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DsarDetail {
    /// The inbox row (title, state, deadline…).
    pub summary: DsarRow,
    /// The requester's identity fields.
    pub identity: DsarIdentity,
    /// The request as written by the requester.
    pub description: Option<String>,
    /// The organisation's reply, once written.
    pub resolution_message: Option<String>,
    /// How the request arrived (`Form`, `Widget`, `IncomingEmail`…).
    pub channel: Option<String>,
    /// Category of requester (`Client`, `Employee`…).
    pub person_category: Option<String>,
    /// The request's language (`fr`, `en`).
    pub locale: String,
    /// The organisational unit in charge.
    pub area: Option<String>,
    /// Whether the requester's identity has been checked.
    pub identity_validated: bool,
    /// Files attached to the request.
    pub attachments: Vec<AttachmentRow>,
    /// Messages exchanged with the requester.
    pub messages: i32,
    /// Messages not read yet.
    pub unread_messages: i32,
    /// Key dates.
    pub dates: DsarDates,
}

/// `asset_list`, `actor_list`, `contract_list`: one page of a register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RegistryListRequest {
    /// 1-based page number.
    pub page: u32,
    /// Rows per page (at most 500).
    pub size: u32,
    /// Free-text search, empty for none.
    pub q: String,
    /// Dastra property to sort on.
    #[ts(optional)]
    pub sort_by: Option<String>,
    /// Ascending when true.
    pub asc: bool,
}

/// One asset (application, server, building…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
#[allow(missing_docs)]
pub struct AssetRow {
    pub id: i32,
    pub label: String,
    /// External reference (CMDB id) used to match imports.
    pub reference: Option<String>,
    pub kind: String,
    pub application_type: Option<String>,
    pub application_state: Option<String>,
    pub hosting: Option<String>,
    pub tags: Vec<String>,
    pub updated: Option<String>,
}

/// One actor (vendor, controller, third party…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
#[allow(missing_docs)]
pub struct ActorRow {
    pub id: i32,
    pub name: String,
    pub reference: Option<String>,
    pub kind: Option<String>,
    pub country_code: Option<String>,
    pub email: Option<String>,
    pub dpa_signed: Option<String>,
    pub tags: Vec<String>,
}

/// One contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
#[allow(missing_docs)]
pub struct ContractRow {
    pub id: String,
    pub label: String,
    pub reference: Option<String>,
    pub state: Option<String>,
    pub contract_type: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub assets: u32,
    pub signatories: u32,
}

macro_rules! page {
    ($name:ident, $row:ty) => {
        /// A page of a register.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub struct $name {
            /// The rows of this page.
            pub items: Vec<$row>,
            /// How many rows match in all.
            pub total: u64,
            /// This page's number.
            pub page: u32,
            /// The page size used.
            pub size: u32,
        }
    };
}

page!(AssetListResponse, AssetRow);
page!(ActorListResponse, ActorRow);
page!(ContractListResponse, ContractRow);

/// `workspace_changed`: every screen reloads its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkspaceChangedEvent {
    /// The new current workspace.
    pub workspace: WorkspaceInfo,
}
