//! Models generated from the merged contract by `contract::codegen`; do not edit.
//! Regenerate with `UPDATE_MODELS=1 cargo test -p passerelle-dastra models_are_current`.

#![allow(clippy::all)]

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::Timestamp;

/// `AccessLevel`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AccessLevel {
    #[default]
    None,
    Restricted,
    Full,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `AccessType`: one of 4 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AccessType {
    #[default]
    None,
    ManualOrOnDemand,
    Automatic,
    NonApplicable,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ActorDataProcessingLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorDataProcessingLightDto {
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `jobTitle`
    #[serde(rename = "jobTitle", default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<JobTitle>,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `processingType`
    #[serde(rename = "processingType", default, skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<ProcessingType>,
    /// `recipientType`
    #[serde(rename = "recipientType", default, skip_serializing_if = "Option::is_none")]
    pub recipient_type: Option<RecipientType>,
    /// `ref`
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `riskLevel`
    #[serde(rename = "riskLevel", default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<i32>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<DataProcessingActorType>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `ActorDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorDto {
    /// `accessLevel`
    #[serde(rename = "accessLevel", default, skip_serializing_if = "Option::is_none")]
    pub access_level: Option<AccessLevel>,
    /// `actorType`
    #[serde(rename = "actorType", default, skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<ActorType>,
    /// `address`
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `attachments`
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `city` (at most 300 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `companyName`
    #[serde(rename = "companyName", default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// `contactName` (at most 250 characters)
    #[serde(rename = "contactName", default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// `contactPosition` (at most 150 characters)
    #[serde(rename = "contactPosition", default, skip_serializing_if = "Option::is_none")]
    pub contact_position: Option<String>,
    /// `countryCode` (at most 2 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `displayName` (read-only)
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `dpaSignatureDate`
    #[serde(rename = "dpaSignatureDate", default, skip_serializing_if = "Option::is_none")]
    pub dpa_signature_date: Option<Timestamp>,
    /// `email` (at most 255 characters)
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `familyName`
    #[serde(rename = "familyName", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `givenName`
    #[serde(rename = "givenName", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `immatriculationNumber`
    #[serde(rename = "immatriculationNumber", default, skip_serializing_if = "Option::is_none")]
    pub immatriculation_number: Option<String>,
    /// `logoUrl`
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `nbReferences` (read-only)
    #[serde(rename = "nbReferences", default, skip_serializing_if = "Option::is_none")]
    pub nb_references: Option<i64>,
    /// `phoneNumber` (at most 20 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `recipients`
    #[serde(rename = "recipients", default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<ActorDataProcessingLightDto>>,
    /// `ref` (at most 355 characters, not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `tags`
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `vendorType`
    #[serde(rename = "vendorType", default, skip_serializing_if = "Option::is_none")]
    pub vendor_type: Option<VendorType>,
    /// `websiteUrl`
    #[serde(rename = "websiteUrl", default, skip_serializing_if = "Option::is_none")]
    pub website_url: Option<String>,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `ActorLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ActorLightDto {
    /// `accessLevel`
    #[serde(rename = "accessLevel", default, skip_serializing_if = "Option::is_none")]
    pub access_level: Option<AccessLevel>,
    /// `actorType`
    #[serde(rename = "actorType", default, skip_serializing_if = "Option::is_none")]
    pub actor_type: Option<ActorType>,
    /// `address`
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `city` (at most 300 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `companyName`
    #[serde(rename = "companyName", default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
    /// `contactName` (at most 250 characters)
    #[serde(rename = "contactName", default, skip_serializing_if = "Option::is_none")]
    pub contact_name: Option<String>,
    /// `contactPosition` (at most 150 characters)
    #[serde(rename = "contactPosition", default, skip_serializing_if = "Option::is_none")]
    pub contact_position: Option<String>,
    /// `countryCode` (at most 2 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `displayName` (read-only)
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `email` (at most 255 characters)
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `familyName`
    #[serde(rename = "familyName", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `givenName`
    #[serde(rename = "givenName", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `immatriculationNumber`
    #[serde(rename = "immatriculationNumber", default, skip_serializing_if = "Option::is_none")]
    pub immatriculation_number: Option<String>,
    /// `logoUrl`
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `phoneNumber` (at most 20 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `vendorType`
    #[serde(rename = "vendorType", default, skip_serializing_if = "Option::is_none")]
    pub vendor_type: Option<VendorType>,
    /// `websiteUrl`
    #[serde(rename = "websiteUrl", default, skip_serializing_if = "Option::is_none")]
    pub website_url: Option<String>,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `ActorType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ActorType {
    #[default]
    Physical,
    Morale,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `AdminPermission`: one of 11 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AdminPermission {
    #[default]
    Content,
    ConnectAs,
    RoleAssignation,
    Feedback,
    Contact,
    Tenant,
    User,
    Contribution,
    Log,
    Partner,
    PricingPlan,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ApplicationState`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ApplicationState {
    #[default]
    InProduction,
    InDevelopment,
    Stopped,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ApplicationType`: one of 5 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ApplicationType {
    #[default]
    Software,
    WebApp,
    Saas,
    Module,
    Other,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `AreaBaseDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AreaBaseDto {
    /// `address` (at most 500 characters)
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `city` (at most 300 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `countryCode` (at most 3 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `dataProtectionAuthority`
    #[serde(rename = "dataProtectionAuthority", default, skip_serializing_if = "Option::is_none")]
    pub data_protection_authority: Option<DataProtectionAuthorityDto>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `dpo`
    #[serde(rename = "dpo", default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<ActorLightDto>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `immatriculationNumber` (at most 20 characters)
    #[serde(rename = "immatriculationNumber", default, skip_serializing_if = "Option::is_none")]
    pub immatriculation_number: Option<String>,
    /// `label` (required, at most 80 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `logoUrl`
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `mailAddress` (at most 255 characters)
    #[serde(rename = "mailAddress", default, skip_serializing_if = "Option::is_none")]
    pub mail_address: Option<String>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i32>,
    /// `phoneNumber` (at most 14 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `ref` (at most 80 characters)
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `referent`
    #[serde(rename = "referent", default, skip_serializing_if = "Option::is_none")]
    pub referent: Option<ActorLightDto>,
    /// `representative`
    #[serde(rename = "representative", default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<ActorLightDto>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<AreaType>,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `AreaDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AreaDto {
    /// `address` (at most 500 characters)
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `children`
    #[serde(rename = "children", default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<AreaDto>>,
    /// `city` (at most 300 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `countryCode` (at most 3 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `dataProtectionAuthority`
    #[serde(rename = "dataProtectionAuthority", default, skip_serializing_if = "Option::is_none")]
    pub data_protection_authority: Option<DataProtectionAuthorityDto>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `dpo`
    #[serde(rename = "dpo", default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<ActorLightDto>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `immatriculationNumber` (at most 20 characters)
    #[serde(rename = "immatriculationNumber", default, skip_serializing_if = "Option::is_none")]
    pub immatriculation_number: Option<String>,
    /// `label` (required, at most 80 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `logoUrl`
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `mailAddress` (at most 255 characters)
    #[serde(rename = "mailAddress", default, skip_serializing_if = "Option::is_none")]
    pub mail_address: Option<String>,
    /// `order`
    #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i32>,
    /// `phoneNumber` (at most 14 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `ref` (at most 80 characters)
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `referent`
    #[serde(rename = "referent", default, skip_serializing_if = "Option::is_none")]
    pub referent: Option<ActorLightDto>,
    /// `representative`
    #[serde(rename = "representative", default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<ActorLightDto>,
    /// `teams`
    #[serde(rename = "teams", default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<TeamDto>>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<AreaType>,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `AreaLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AreaLightDto {
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<AreaType>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `AreaType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AreaType {
    #[default]
    Entity,
    Area,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `AssetDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AssetDto {
    /// `address` (at most 400 characters)
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `applicationState`
    #[serde(rename = "applicationState", default, skip_serializing_if = "Option::is_none")]
    pub application_state: Option<ApplicationState>,
    /// `applicationType`
    #[serde(rename = "applicationType", default, skip_serializing_if = "Option::is_none")]
    pub application_type: Option<ApplicationType>,
    /// `attachments`
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `city` (at most 155 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `countryCode` (at most 2 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dataProcessings`
    #[serde(rename = "dataProcessings", default, skip_serializing_if = "Option::is_none")]
    pub data_processings: Option<Vec<DataProcessingLightDto>>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `developmentType`
    #[serde(rename = "developmentType", default, skip_serializing_if = "Option::is_none")]
    pub development_type: Option<DevelopmentType>,
    /// `hostingType`
    #[serde(rename = "hostingType", default, skip_serializing_if = "Option::is_none")]
    pub hosting_type: Option<HostingType>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required, at most 655 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `logoUrl` (at most 255 characters)
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `maintenanceType`
    #[serde(rename = "maintenanceType", default, skip_serializing_if = "Option::is_none")]
    pub maintenance_type: Option<MaintenanceType>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<Uuid>>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `ref` (at most 355 characters, not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `supportType`
    #[serde(rename = "supportType", default, skip_serializing_if = "Option::is_none")]
    pub support_type: Option<SupportType>,
    /// `tags`
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `type` (required)
    #[serde(rename = "type")]
    pub r#type: AssetType,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `AssetImportResult` (assumed shape) of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AssetImportResult {
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `message`
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `success`
    #[serde(rename = "success", default, skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `AssetType`: one of 7 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AssetType {
    #[default]
    Software,
    Building,
    Network,
    Material,
    Data,
    People,
    Process,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `AttachmentDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AttachmentDto {
    /// `builtIn`
    #[serde(rename = "builtIn", default, skip_serializing_if = "Option::is_none")]
    pub built_in: Option<bool>,
    /// `children`
    #[serde(rename = "children", default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<AttachmentDto>>,
    /// `color`
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `containerId`
    #[serde(rename = "containerId", default, skip_serializing_if = "Option::is_none")]
    pub container_id: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `data`
    #[serde(rename = "data", default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateDeleted`
    #[serde(rename = "dateDeleted", default, skip_serializing_if = "Option::is_none")]
    pub date_deleted: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `deleted`
    #[serde(rename = "deleted", default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// `deletedBy`
    #[serde(rename = "deletedBy", default, skip_serializing_if = "Option::is_none")]
    pub deleted_by: Option<UserLightDto>,
    /// `documentContent`
    #[serde(rename = "documentContent", default, skip_serializing_if = "Option::is_none")]
    pub document_content: Option<String>,
    /// `extension`
    #[serde(rename = "extension", default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// `external`
    #[serde(rename = "external", default, skip_serializing_if = "Option::is_none")]
    pub external: Option<bool>,
    /// `fileName`
    #[serde(rename = "fileName", default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `iconUrl`
    #[serde(rename = "iconUrl", default, skip_serializing_if = "Option::is_none")]
    pub icon_url: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `isEditable` (read-only)
    #[serde(rename = "isEditable", default, skip_serializing_if = "Option::is_none")]
    pub is_editable: Option<bool>,
    /// `isFolder` (read-only)
    #[serde(rename = "isFolder", default, skip_serializing_if = "Option::is_none")]
    pub is_folder: Option<bool>,
    /// `label` (required, at most 255 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `nbDownload`
    #[serde(rename = "nbDownload", default, skip_serializing_if = "Option::is_none")]
    pub nb_download: Option<i32>,
    /// `nbFiles`
    #[serde(rename = "nbFiles", default, skip_serializing_if = "Option::is_none")]
    pub nb_files: Option<i32>,
    /// `order`
    #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i32>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i32>,
    /// `size`
    #[serde(rename = "size", default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// `slug`
    #[serde(rename = "slug", default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// `source`
    #[serde(rename = "source", default, skip_serializing_if = "Option::is_none")]
    pub source: Option<AttachmentSource>,
    /// `thumbnailUrl`
    #[serde(rename = "thumbnailUrl", default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<AttachmentType>,
    /// `url`
    #[serde(rename = "url", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `AttachmentSource`: one of 5 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AttachmentSource {
    #[default]
    Dastra,
    AzureBlobStorage,
    AmazonS3,
    GoogleDrive,
    OneDrive,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `AttachmentType`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum AttachmentType {
    #[default]
    File,
    Folder,
    ExternalFile,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `BaseRole`: one of 8 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum BaseRole {
    #[default]
    User,
    Admin,
    SuperAdmin,
    API,
    Author,
    Support,
    Marketing,
    Sales,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `BillingType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum BillingType {
    #[default]
    Year,
    Month,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ClosedReason`: one of 8 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ClosedReason {
    #[default]
    None,
    Accepted,
    Duplicate,
    WrongIdentity,
    NotAdmissible,
    Other,
    Cancelled,
    FiledAway,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ContractDto` (assumed shape) of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContractDto {
    /// `amount`
    #[serde(rename = "amount", default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `assets`
    #[serde(rename = "assets", default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<i32>>,
    /// `contractType`
    #[serde(rename = "contractType", default, skip_serializing_if = "Option::is_none")]
    pub contract_type: Option<ContractType>,
    /// `currency` (at most 3 characters)
    #[serde(rename = "currency", default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// `customFields`
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `endDate`
    #[serde(rename = "endDate", default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Timestamp>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label` (required, at most 655 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `ref` (at most 355 characters)
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `signatories`
    #[serde(rename = "signatories", default, skip_serializing_if = "Option::is_none")]
    pub signatories: Option<Vec<i32>>,
    /// `startDate`
    #[serde(rename = "startDate", default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Timestamp>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<ContractState>,
    /// `tags`
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `versions`
    #[serde(rename = "versions", default, skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<ContractVersionDto>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `ContractState`: one of 4 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ContractState {
    #[default]
    Draft,
    Active,
    Expired,
    Terminated,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ContractType`: one of 6 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ContractType {
    #[default]
    DataProcessingAgreement,
    ServiceAgreement,
    Licence,
    NonDisclosure,
    JointControllerAgreement,
    Other,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ContractVersionDto` (assumed shape) of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContractVersionDto {
    /// `active`
    #[serde(rename = "active", default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// `description` (at most 3000 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `endDate`
    #[serde(rename = "endDate", default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Timestamp>,
    /// `number` (required)
    #[serde(rename = "number")]
    pub number: i32,
    /// `startDate`
    #[serde(rename = "startDate", default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<Timestamp>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataFieldDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataFieldDto {
    /// `archivingPolicy`
    #[serde(rename = "archivingPolicy", default, skip_serializing_if = "Option::is_none")]
    pub archiving_policy: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dataType`
    #[serde(rename = "dataType", default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<GenericDataType>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `definition` (at most 2500 characters)
    #[serde(rename = "definition", default, skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label` (required, at most 150 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `personalDataCategory`
    #[serde(rename = "personalDataCategory", default, skip_serializing_if = "Option::is_none")]
    pub personal_data_category: Option<PersonalDataCategory>,
    /// `required`
    #[serde(rename = "required", default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// `sensitiveData`
    #[serde(rename = "sensitiveData", default, skip_serializing_if = "Option::is_none")]
    pub sensitive_data: Option<bool>,
    /// `sensitiveDataFieldLegalJustification`
    #[serde(rename = "sensitiveDataFieldLegalJustification", default, skip_serializing_if = "Option::is_none")]
    pub sensitive_data_field_legal_justification: Option<SensitiveDataFieldLegalJustification>,
    /// `sensitiveDataFieldLegalJustificationDescription` (at most 2500 characters)
    #[serde(rename = "sensitiveDataFieldLegalJustificationDescription", default, skip_serializing_if = "Option::is_none")]
    pub sensitive_data_field_legal_justification_description: Option<String>,
    /// `technicalDefinition` (at most 2500 characters)
    #[serde(rename = "technicalDefinition", default, skip_serializing_if = "Option::is_none")]
    pub technical_definition: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingActorDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingActorDto {
    /// `actor`
    #[serde(rename = "actor", default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorLightDto>,
    /// `actorId`
    #[serde(rename = "actorId", default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<i32>,
    /// `area`
    #[serde(rename = "area", default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaBaseDto>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `dataRetentionRules`
    #[serde(rename = "dataRetentionRules", default, skip_serializing_if = "Option::is_none")]
    pub data_retention_rules: Option<Vec<Uuid>>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `displayName` (read-only)
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `jobTitle`
    #[serde(rename = "jobTitle", default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<JobTitle>,
    /// `label` (at most 250 characters)
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<Uuid>>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `recipientType`
    #[serde(rename = "recipientType", default, skip_serializing_if = "Option::is_none")]
    pub recipient_type: Option<RecipientType>,
    /// `transfers`
    #[serde(rename = "transfers", default, skip_serializing_if = "Option::is_none")]
    pub transfers: Option<Vec<TransferDto>>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<DataProcessingActorType>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingActorType`: one of 4 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DataProcessingActorType {
    #[default]
    Recipient,
    DataController,
    Stakeholder,
    Referent,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `DataProcessingCreationDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingCreationDto {
    /// `areaId` (required)
    #[serde(rename = "areaId")]
    pub area_id: i32,
    /// `label` (required, at most 120 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `processingType`
    #[serde(rename = "processingType", default, skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<ProcessingType>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingDataControllerDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingDataControllerDto {
    /// `actor`
    #[serde(rename = "actor", default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorLightDto>,
    /// `actorId`
    #[serde(rename = "actorId", default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<i32>,
    /// `area`
    #[serde(rename = "area", default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaBaseDto>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `dataRetentionRules`
    #[serde(rename = "dataRetentionRules", default, skip_serializing_if = "Option::is_none")]
    pub data_retention_rules: Option<Vec<Uuid>>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `displayName` (read-only)
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<Uuid>>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingDto {
    /// `advanceDirectives`
    #[serde(rename = "advanceDirectives", default, skip_serializing_if = "Option::is_none")]
    pub advance_directives: Option<AccessType>,
    /// `advanceDirectivesDescription`
    #[serde(rename = "advanceDirectivesDescription", default, skip_serializing_if = "Option::is_none")]
    pub advance_directives_description: Option<String>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `area`
    #[serde(rename = "area", default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaBaseDto>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `assessmentScoring`
    #[serde(rename = "assessmentScoring", default, skip_serializing_if = "Option::is_none")]
    pub assessment_scoring: Option<bool>,
    /// `assets`: Listing des applications associées => Il peut y avoir plusieurs workspaces associés
    #[serde(rename = "assets", default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<AssetDto>>,
    /// `attachments`
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `automaticDecision`
    #[serde(rename = "automaticDecision", default, skip_serializing_if = "Option::is_none")]
    pub automatic_decision: Option<bool>,
    /// `creatorUser`
    #[serde(rename = "creatorUser", default, skip_serializing_if = "Option::is_none")]
    pub creator_user: Option<UserLightDto>,
    /// `crossReferencing`
    #[serde(rename = "crossReferencing", default, skip_serializing_if = "Option::is_none")]
    pub cross_referencing: Option<bool>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dataControllers`
    #[serde(rename = "dataControllers", default, skip_serializing_if = "Option::is_none")]
    pub data_controllers: Option<Vec<DataProcessingDataControllerDto>>,
    /// `dataRetentionRules`
    #[serde(rename = "dataRetentionRules", default, skip_serializing_if = "Option::is_none")]
    pub data_retention_rules: Option<Vec<DataRetentionRuleDto>>,
    /// `dateArchived`
    #[serde(rename = "dateArchived", default, skip_serializing_if = "Option::is_none")]
    pub date_archived: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateDeployment`: Deployment date
    #[serde(rename = "dateDeployment", default, skip_serializing_if = "Option::is_none")]
    pub date_deployment: Option<Timestamp>,
    /// `datePublication`
    #[serde(rename = "datePublication", default, skip_serializing_if = "Option::is_none")]
    pub date_publication: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description` (at most 3000 characters): Description longue du traitement (Peut aider pour la recherche full-text)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `descriptionHtml`
    #[serde(rename = "descriptionHtml", default, skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// `dpiaDate`
    #[serde(rename = "dpiaDate", default, skip_serializing_if = "Option::is_none")]
    pub dpia_date: Option<Timestamp>,
    /// `dpiaExemption`
    #[serde(rename = "dpiaExemption", default, skip_serializing_if = "Option::is_none")]
    pub dpia_exemption: Option<bool>,
    /// `dpiaExemptionJustification`
    #[serde(rename = "dpiaExemptionJustification", default, skip_serializing_if = "Option::is_none")]
    pub dpia_exemption_justification: Option<String>,
    /// `editable` (read-only)
    #[serde(rename = "editable", default, skip_serializing_if = "Option::is_none")]
    pub editable: Option<bool>,
    /// `entity`
    #[serde(rename = "entity", default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<AreaBaseDto>,
    /// `exclusionBenefitRightContract`
    #[serde(rename = "exclusionBenefitRightContract", default, skip_serializing_if = "Option::is_none")]
    pub exclusion_benefit_right_contract: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `innovativeUse`
    #[serde(rename = "innovativeUse", default, skip_serializing_if = "Option::is_none")]
    pub innovative_use: Option<bool>,
    /// `isDPIARequired`
    #[serde(rename = "isDPIARequired", default, skip_serializing_if = "Option::is_none")]
    pub is_dpia_required: Option<bool>,
    /// `label` (required, at most 120 characters): Label des données
    #[serde(rename = "label")]
    pub label: String,
    /// `largeScaleCollection`
    #[serde(rename = "largeScaleCollection", default, skip_serializing_if = "Option::is_none")]
    pub large_scale_collection: Option<bool>,
    /// `mergeType`
    #[serde(rename = "mergeType", default, skip_serializing_if = "Option::is_none")]
    pub merge_type: Option<RelationShipType>,
    /// `mergedFrom`
    #[serde(rename = "mergedFrom", default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<Box<DataProcessingDto>>,
    /// `nbReferences` (read-only)
    #[serde(rename = "nbReferences", default, skip_serializing_if = "Option::is_none")]
    pub nb_references: Option<i64>,
    /// `owner`
    #[serde(rename = "owner", default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserLightDto>,
    /// `ownerId`
    #[serde(rename = "ownerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i32>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Uuid>,
    /// `personCategories`
    #[serde(rename = "personCategories", default, skip_serializing_if = "Option::is_none")]
    pub person_categories: Option<Vec<DataProcessingPersonCategoryDto>>,
    /// `processingState`
    #[serde(rename = "processingState", default, skip_serializing_if = "Option::is_none")]
    pub processing_state: Option<ProcessingState>,
    /// `processingType`
    #[serde(rename = "processingType", default, skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<ProcessingType>,
    /// `progression`
    #[serde(rename = "progression", default, skip_serializing_if = "Option::is_none")]
    pub progression: Option<f64>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<PurposeDto>>,
    /// `quality`
    #[serde(rename = "quality", default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<f64>,
    /// `readonly` (read-only)
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `recipients`
    #[serde(rename = "recipients", default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<DataProcessingActorDto>>,
    /// `ref` (at most 50 characters): Client is able to write is own reference
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `referenceId` (read-only)
    #[serde(rename = "referenceId", default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<Uuid>,
    /// `rightOfAccess`
    #[serde(rename = "rightOfAccess", default, skip_serializing_if = "Option::is_none")]
    pub right_of_access: Option<AccessType>,
    /// `rightOfAccessDescription`
    #[serde(rename = "rightOfAccessDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_access_description: Option<String>,
    /// `rightOfDataPortability`
    #[serde(rename = "rightOfDataPortability", default, skip_serializing_if = "Option::is_none")]
    pub right_of_data_portability: Option<AccessType>,
    /// `rightOfDataPortabilityDescription`
    #[serde(rename = "rightOfDataPortabilityDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_data_portability_description: Option<String>,
    /// `rightOfErasure`
    #[serde(rename = "rightOfErasure", default, skip_serializing_if = "Option::is_none")]
    pub right_of_erasure: Option<AccessType>,
    /// `rightOfErasureDescription`
    #[serde(rename = "rightOfErasureDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_erasure_description: Option<String>,
    /// `rightOfInformation`
    #[serde(rename = "rightOfInformation", default, skip_serializing_if = "Option::is_none")]
    pub right_of_information: Option<AccessType>,
    /// `rightOfInformationDescription`
    #[serde(rename = "rightOfInformationDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_information_description: Option<String>,
    /// `rightOfOpposition`
    #[serde(rename = "rightOfOpposition", default, skip_serializing_if = "Option::is_none")]
    pub right_of_opposition: Option<AccessType>,
    /// `rightOfOppositionDescription`
    #[serde(rename = "rightOfOppositionDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_opposition_description: Option<String>,
    /// `rightOfRectification`
    #[serde(rename = "rightOfRectification", default, skip_serializing_if = "Option::is_none")]
    pub right_of_rectification: Option<AccessType>,
    /// `rightOfRectificationDescription`
    #[serde(rename = "rightOfRectificationDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_rectification_description: Option<String>,
    /// `rightOfRestriction`
    #[serde(rename = "rightOfRestriction", default, skip_serializing_if = "Option::is_none")]
    pub right_of_restriction: Option<AccessType>,
    /// `rightOfRestrictionDescription`
    #[serde(rename = "rightOfRestrictionDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_restriction_description: Option<String>,
    /// `riskLevel`
    #[serde(rename = "riskLevel", default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<f64>,
    /// `securityMeasures`: Mesure de sécurité techniques
    #[serde(rename = "securityMeasures", default, skip_serializing_if = "Option::is_none")]
    pub security_measures: Option<Vec<SecurityMeasureDataTreatmentDto>>,
    /// `sensitivity`
    #[serde(rename = "sensitivity", default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<f64>,
    /// `specialCategoryData`
    #[serde(rename = "specialCategoryData", default, skip_serializing_if = "Option::is_none")]
    pub special_category_data: Option<bool>,
    /// `stakeHolders`
    #[serde(rename = "stakeHolders", default, skip_serializing_if = "Option::is_none")]
    pub stake_holders: Option<Vec<DataProcessingActorDto>>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<DataProcessingState>,
    /// `subjectRightProcessDescription`
    #[serde(rename = "subjectRightProcessDescription", default, skip_serializing_if = "Option::is_none")]
    pub subject_right_process_description: Option<String>,
    /// `systematicMonitoring`
    #[serde(rename = "systematicMonitoring", default, skip_serializing_if = "Option::is_none")]
    pub systematic_monitoring: Option<bool>,
    /// `tags`: Les tags associés au traitement (Pour un éventuel moteur de recherche)
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `versionDescription` (at most 800 characters)
    #[serde(rename = "versionDescription", default, skip_serializing_if = "Option::is_none")]
    pub version_description: Option<String>,
    /// `visible` (read-only)
    #[serde(rename = "visible", default, skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// `vulnerablePeople`
    #[serde(rename = "vulnerablePeople", default, skip_serializing_if = "Option::is_none")]
    pub vulnerable_people: Option<bool>,
    /// `workFlowStepId`: Le status du workflow => état de l'avancée de la saisie du traitement, A voir comment on le gère
    #[serde(rename = "workFlowStepId", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step_id: Option<i32>,
    /// `workSpaceId`
    #[serde(rename = "workSpaceId", default, skip_serializing_if = "Option::is_none")]
    pub work_space_id: Option<i32>,
    /// `workflowStep`
    #[serde(rename = "workflowStep", default, skip_serializing_if = "Option::is_none")]
    pub workflow_step: Option<WorkFlowStepDto>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingLightDto {
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `processingType`
    #[serde(rename = "processingType", default, skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<ProcessingType>,
    /// `ref`
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `riskLevel`
    #[serde(rename = "riskLevel", default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<i32>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingPersonCategoryDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingPersonCategoryDto {
    /// `dataSubjectVolumeMax`
    #[serde(rename = "dataSubjectVolumeMax", default, skip_serializing_if = "Option::is_none")]
    pub data_subject_volume_max: Option<i32>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (at most 600 characters)
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `minorConcerned`
    #[serde(rename = "minorConcerned", default, skip_serializing_if = "Option::is_none")]
    pub minor_concerned: Option<bool>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<Uuid>>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `type` (required)
    #[serde(rename = "type")]
    pub r#type: PersonCategoryType,
    /// `typeText` (read-only)
    #[serde(rename = "typeText", default, skip_serializing_if = "Option::is_none")]
    pub type_text: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingRelationShipDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingRelationShipDto {
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `create`
    #[serde(rename = "create", default, skip_serializing_if = "Option::is_none")]
    pub create: Option<bool>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `element`
    #[serde(rename = "element", default, skip_serializing_if = "Option::is_none")]
    pub element: Option<DataProcessingLightDto>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `processingType`
    #[serde(rename = "processingType", default, skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<ProcessingType>,
    /// `relationShipType`
    #[serde(rename = "relationShipType", default, skip_serializing_if = "Option::is_none")]
    pub relation_ship_type: Option<RelationShipType>,
    /// `url`
    #[serde(rename = "url", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProcessingState`: one of 4 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DataProcessingState {
    #[default]
    Active,
    Draft,
    Archived,
    Deleted,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `DataProcessingUpdateDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProcessingUpdateDto {
    /// `advanceDirectives`
    #[serde(rename = "advanceDirectives", default, skip_serializing_if = "Option::is_none")]
    pub advance_directives: Option<AccessType>,
    /// `advanceDirectivesDescription`
    #[serde(rename = "advanceDirectivesDescription", default, skip_serializing_if = "Option::is_none")]
    pub advance_directives_description: Option<String>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `area`
    #[serde(rename = "area", default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaBaseDto>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `assessmentScoring`
    #[serde(rename = "assessmentScoring", default, skip_serializing_if = "Option::is_none")]
    pub assessment_scoring: Option<bool>,
    /// `assets`: Listing des applications associées => Il peut y avoir plusieurs workspaces associés
    #[serde(rename = "assets", default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<Vec<AssetDto>>,
    /// `attachments`
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `automaticDecision`
    #[serde(rename = "automaticDecision", default, skip_serializing_if = "Option::is_none")]
    pub automatic_decision: Option<bool>,
    /// `creatorUser`
    #[serde(rename = "creatorUser", default, skip_serializing_if = "Option::is_none")]
    pub creator_user: Option<UserLightDto>,
    /// `crossReferencing`
    #[serde(rename = "crossReferencing", default, skip_serializing_if = "Option::is_none")]
    pub cross_referencing: Option<bool>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dataControllers`
    #[serde(rename = "dataControllers", default, skip_serializing_if = "Option::is_none")]
    pub data_controllers: Option<Vec<DataProcessingDataControllerDto>>,
    /// `dataRetentionRules`
    #[serde(rename = "dataRetentionRules", default, skip_serializing_if = "Option::is_none")]
    pub data_retention_rules: Option<Vec<DataRetentionRuleDto>>,
    /// `dateArchived`
    #[serde(rename = "dateArchived", default, skip_serializing_if = "Option::is_none")]
    pub date_archived: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateDeployment`: Deployment date
    #[serde(rename = "dateDeployment", default, skip_serializing_if = "Option::is_none")]
    pub date_deployment: Option<Timestamp>,
    /// `datePublication`
    #[serde(rename = "datePublication", default, skip_serializing_if = "Option::is_none")]
    pub date_publication: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description` (at most 3000 characters): Description longue du traitement (Peut aider pour la recherche full-text)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `descriptionHtml`
    #[serde(rename = "descriptionHtml", default, skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// `dpiaDate`
    #[serde(rename = "dpiaDate", default, skip_serializing_if = "Option::is_none")]
    pub dpia_date: Option<Timestamp>,
    /// `dpiaExemption`
    #[serde(rename = "dpiaExemption", default, skip_serializing_if = "Option::is_none")]
    pub dpia_exemption: Option<bool>,
    /// `dpiaExemptionJustification`
    #[serde(rename = "dpiaExemptionJustification", default, skip_serializing_if = "Option::is_none")]
    pub dpia_exemption_justification: Option<String>,
    /// `editable` (read-only)
    #[serde(rename = "editable", default, skip_serializing_if = "Option::is_none")]
    pub editable: Option<bool>,
    /// `entity`
    #[serde(rename = "entity", default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<AreaBaseDto>,
    /// `exclusionBenefitRightContract`
    #[serde(rename = "exclusionBenefitRightContract", default, skip_serializing_if = "Option::is_none")]
    pub exclusion_benefit_right_contract: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `innovativeUse`
    #[serde(rename = "innovativeUse", default, skip_serializing_if = "Option::is_none")]
    pub innovative_use: Option<bool>,
    /// `isDPIARequired`
    #[serde(rename = "isDPIARequired", default, skip_serializing_if = "Option::is_none")]
    pub is_dpia_required: Option<bool>,
    /// `label` (required, at most 120 characters): Label des données
    #[serde(rename = "label")]
    pub label: String,
    /// `largeScaleCollection`
    #[serde(rename = "largeScaleCollection", default, skip_serializing_if = "Option::is_none")]
    pub large_scale_collection: Option<bool>,
    /// `mergeType`
    #[serde(rename = "mergeType", default, skip_serializing_if = "Option::is_none")]
    pub merge_type: Option<RelationShipType>,
    /// `mergedFrom`
    #[serde(rename = "mergedFrom", default, skip_serializing_if = "Option::is_none")]
    pub merged_from: Option<DataProcessingDto>,
    /// `nbReferences` (read-only)
    #[serde(rename = "nbReferences", default, skip_serializing_if = "Option::is_none")]
    pub nb_references: Option<i64>,
    /// `owner`
    #[serde(rename = "owner", default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserLightDto>,
    /// `ownerId`
    #[serde(rename = "ownerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i32>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Uuid>,
    /// `personCategories`
    #[serde(rename = "personCategories", default, skip_serializing_if = "Option::is_none")]
    pub person_categories: Option<Vec<DataProcessingPersonCategoryDto>>,
    /// `processingState`
    #[serde(rename = "processingState", default, skip_serializing_if = "Option::is_none")]
    pub processing_state: Option<ProcessingState>,
    /// `processingType`
    #[serde(rename = "processingType", default, skip_serializing_if = "Option::is_none")]
    pub processing_type: Option<ProcessingType>,
    /// `progression`
    #[serde(rename = "progression", default, skip_serializing_if = "Option::is_none")]
    pub progression: Option<f64>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<PurposeDto>>,
    /// `quality`
    #[serde(rename = "quality", default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<f64>,
    /// `readonly` (read-only)
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `recipients`
    #[serde(rename = "recipients", default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<DataProcessingActorDto>>,
    /// `ref` (at most 50 characters): Client is able to write is own reference
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `referenceId` (read-only)
    #[serde(rename = "referenceId", default, skip_serializing_if = "Option::is_none")]
    pub reference_id: Option<Uuid>,
    /// `rightOfAccess`
    #[serde(rename = "rightOfAccess", default, skip_serializing_if = "Option::is_none")]
    pub right_of_access: Option<AccessType>,
    /// `rightOfAccessDescription`
    #[serde(rename = "rightOfAccessDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_access_description: Option<String>,
    /// `rightOfDataPortability`
    #[serde(rename = "rightOfDataPortability", default, skip_serializing_if = "Option::is_none")]
    pub right_of_data_portability: Option<AccessType>,
    /// `rightOfDataPortabilityDescription`
    #[serde(rename = "rightOfDataPortabilityDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_data_portability_description: Option<String>,
    /// `rightOfErasure`
    #[serde(rename = "rightOfErasure", default, skip_serializing_if = "Option::is_none")]
    pub right_of_erasure: Option<AccessType>,
    /// `rightOfErasureDescription`
    #[serde(rename = "rightOfErasureDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_erasure_description: Option<String>,
    /// `rightOfInformation`
    #[serde(rename = "rightOfInformation", default, skip_serializing_if = "Option::is_none")]
    pub right_of_information: Option<AccessType>,
    /// `rightOfInformationDescription`
    #[serde(rename = "rightOfInformationDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_information_description: Option<String>,
    /// `rightOfOpposition`
    #[serde(rename = "rightOfOpposition", default, skip_serializing_if = "Option::is_none")]
    pub right_of_opposition: Option<AccessType>,
    /// `rightOfOppositionDescription`
    #[serde(rename = "rightOfOppositionDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_opposition_description: Option<String>,
    /// `rightOfRectification`
    #[serde(rename = "rightOfRectification", default, skip_serializing_if = "Option::is_none")]
    pub right_of_rectification: Option<AccessType>,
    /// `rightOfRectificationDescription`
    #[serde(rename = "rightOfRectificationDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_rectification_description: Option<String>,
    /// `rightOfRestriction`
    #[serde(rename = "rightOfRestriction", default, skip_serializing_if = "Option::is_none")]
    pub right_of_restriction: Option<AccessType>,
    /// `rightOfRestrictionDescription`
    #[serde(rename = "rightOfRestrictionDescription", default, skip_serializing_if = "Option::is_none")]
    pub right_of_restriction_description: Option<String>,
    /// `riskLevel`
    #[serde(rename = "riskLevel", default, skip_serializing_if = "Option::is_none")]
    pub risk_level: Option<f64>,
    /// `securityMeasures`: Mesure de sécurité techniques
    #[serde(rename = "securityMeasures", default, skip_serializing_if = "Option::is_none")]
    pub security_measures: Option<Vec<SecurityMeasureDataTreatmentDto>>,
    /// `sensitivity`
    #[serde(rename = "sensitivity", default, skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<f64>,
    /// `specialCategoryData`
    #[serde(rename = "specialCategoryData", default, skip_serializing_if = "Option::is_none")]
    pub special_category_data: Option<bool>,
    /// `stakeHolders`
    #[serde(rename = "stakeHolders", default, skip_serializing_if = "Option::is_none")]
    pub stake_holders: Option<Vec<DataProcessingActorDto>>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<DataProcessingState>,
    /// `subjectRightProcessDescription`
    #[serde(rename = "subjectRightProcessDescription", default, skip_serializing_if = "Option::is_none")]
    pub subject_right_process_description: Option<String>,
    /// `systematicMonitoring`
    #[serde(rename = "systematicMonitoring", default, skip_serializing_if = "Option::is_none")]
    pub systematic_monitoring: Option<bool>,
    /// `tags`: Les tags associés au traitement (Pour un éventuel moteur de recherche)
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `versionDescription` (at most 800 characters)
    #[serde(rename = "versionDescription", default, skip_serializing_if = "Option::is_none")]
    pub version_description: Option<String>,
    /// `visible` (read-only)
    #[serde(rename = "visible", default, skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// `vulnerablePeople`
    #[serde(rename = "vulnerablePeople", default, skip_serializing_if = "Option::is_none")]
    pub vulnerable_people: Option<bool>,
    /// `workFlowStepId`: Le status du workflow => état de l'avancée de la saisie du traitement, A voir comment on le gère
    #[serde(rename = "workFlowStepId", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step_id: Option<i32>,
    /// `workSpaceId`
    #[serde(rename = "workSpaceId", default, skip_serializing_if = "Option::is_none")]
    pub work_space_id: Option<i32>,
    /// `workflowStep`
    #[serde(rename = "workflowStep", default, skip_serializing_if = "Option::is_none")]
    pub workflow_step: Option<WorkFlowStepDto>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataProtectionAuthorityDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataProtectionAuthorityDto {
    /// `address` (at most 300 characters)
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `city` (at most 150 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `countryCode` (at most 3 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `email` (at most 255 characters)
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required, at most 150 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `phoneNumber` (at most 20 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `siteURL` (at most 255 characters)
    #[serde(rename = "siteURL", default, skip_serializing_if = "Option::is_none")]
    pub site_url: Option<String>,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataRetentionRuleDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataRetentionRuleDto {
    /// `baseActiveDescription`
    #[serde(rename = "baseActiveDescription", default, skip_serializing_if = "Option::is_none")]
    pub base_active_description: Option<String>,
    /// `baseActiveLegalBasis`
    #[serde(rename = "baseActiveLegalBasis", default, skip_serializing_if = "Option::is_none")]
    pub base_active_legal_basis: Option<String>,
    /// `baseActiveOverride`
    #[serde(rename = "baseActiveOverride", default, skip_serializing_if = "Option::is_none")]
    pub base_active_override: Option<bool>,
    /// `baseActiveRetentionDuration`
    #[serde(rename = "baseActiveRetentionDuration", default, skip_serializing_if = "Option::is_none")]
    pub base_active_retention_duration: Option<i64>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `dataFields`
    #[serde(rename = "dataFields", default, skip_serializing_if = "Option::is_none")]
    pub data_fields: Option<Vec<DataFieldDto>>,
    /// `dataProcessings` (read-only)
    #[serde(rename = "dataProcessings", default, skip_serializing_if = "Option::is_none")]
    pub data_processings: Option<Vec<DataProcessingLightDto>>,
    /// `dataSetSource`
    #[serde(rename = "dataSetSource", default, skip_serializing_if = "Option::is_none")]
    pub data_set_source: Option<DataSetSource>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description` (at most 3000 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `destructionDescription`
    #[serde(rename = "destructionDescription", default, skip_serializing_if = "Option::is_none")]
    pub destruction_description: Option<String>,
    /// `destructionLegalBasis`
    #[serde(rename = "destructionLegalBasis", default, skip_serializing_if = "Option::is_none")]
    pub destruction_legal_basis: Option<String>,
    /// `destructionOverride`
    #[serde(rename = "destructionOverride", default, skip_serializing_if = "Option::is_none")]
    pub destruction_override: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `intermediateArchivingDescription`: Description du processus d'archivage
    #[serde(rename = "intermediateArchivingDescription", default, skip_serializing_if = "Option::is_none")]
    pub intermediate_archiving_description: Option<String>,
    /// `intermediateArchivingLegalBasis`: Base légale
    #[serde(rename = "intermediateArchivingLegalBasis", default, skip_serializing_if = "Option::is_none")]
    pub intermediate_archiving_legal_basis: Option<String>,
    /// `intermediateArchivingOverride`
    #[serde(rename = "intermediateArchivingOverride", default, skip_serializing_if = "Option::is_none")]
    pub intermediate_archiving_override: Option<bool>,
    /// `intermediateArchivingRetentionDuration`
    #[serde(rename = "intermediateArchivingRetentionDuration", default, skip_serializing_if = "Option::is_none")]
    pub intermediate_archiving_retention_duration: Option<i64>,
    /// `label` (required, at most 400 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<Uuid>>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `sourceDescription`
    #[serde(rename = "sourceDescription", default, skip_serializing_if = "Option::is_none")]
    pub source_description: Option<String>,
    /// `tags`
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataSetSource`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DataSetSource {
    #[default]
    Direct,
    Indirect,
    DirectAndIndirect,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `DataSubjectAttachmentDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataSubjectAttachmentDto {
    /// `color` (at most 12 characters, read-only)
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateFileRemoved`
    #[serde(rename = "dateFileRemoved", default, skip_serializing_if = "Option::is_none")]
    pub date_file_removed: Option<Timestamp>,
    /// `dateLastDownload`
    #[serde(rename = "dateLastDownload", default, skip_serializing_if = "Option::is_none")]
    pub date_last_download: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `deleted` (read-only)
    #[serde(rename = "deleted", default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// `expiration`
    #[serde(rename = "expiration", default, skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Timestamp>,
    /// `expired` (read-only)
    #[serde(rename = "expired", default, skip_serializing_if = "Option::is_none")]
    pub expired: Option<bool>,
    /// `extension`
    #[serde(rename = "extension", default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// `fileName` (at most 355 characters)
    #[serde(rename = "fileName", default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label` (read-only)
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `nbDownload`
    #[serde(rename = "nbDownload", default, skip_serializing_if = "Option::is_none")]
    pub nb_download: Option<i32>,
    /// `size`
    #[serde(rename = "size", default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i32>,
    /// `transmitted`
    #[serde(rename = "transmitted", default, skip_serializing_if = "Option::is_none")]
    pub transmitted: Option<bool>,
    /// `userRequestId`
    #[serde(rename = "userRequestId", default, skip_serializing_if = "Option::is_none")]
    pub user_request_id: Option<i32>,
    /// `userRequestMessageId`
    #[serde(rename = "userRequestMessageId", default, skip_serializing_if = "Option::is_none")]
    pub user_request_message_id: Option<Uuid>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataSubjectPurposeType`: one of 10 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DataSubjectPurposeType {
    #[default]
    Unknown,
    Information,
    Access,
    Rectification,
    Erasure,
    Restriction,
    Opposition,
    Portability,
    AdvanceDirectives,
    AutomatedDecision,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `DataSubjectRequestDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataSubjectRequestDto {
    /// `additionalDatas`
    #[serde(rename = "additionalDatas", default)]
    pub additional_datas: Value,
    /// `address` (at most 350 characters)
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `archivedDate`
    #[serde(rename = "archivedDate", default, skip_serializing_if = "Option::is_none")]
    pub archived_date: Option<Timestamp>,
    /// `area`
    #[serde(rename = "area", default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaDto>,
    /// `areaId` (required)
    #[serde(rename = "areaId")]
    pub area_id: i32,
    /// `attachments`
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<DataSubjectAttachmentDto>>,
    /// `channel`
    #[serde(rename = "channel", default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<DataSubjectRequestSource>,
    /// `city` (at most 255 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `closedByUser`
    #[serde(rename = "closedByUser", default, skip_serializing_if = "Option::is_none")]
    pub closed_by_user: Option<UserLightDto>,
    /// `closedReason`
    #[serde(rename = "closedReason", default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<ClosedReason>,
    /// `closedReasonDescription`
    #[serde(rename = "closedReasonDescription", default, skip_serializing_if = "Option::is_none")]
    pub closed_reason_description: Option<String>,
    /// `closingTime` (read-only)
    #[serde(rename = "closingTime", default, skip_serializing_if = "Option::is_none")]
    pub closing_time: Option<i32>,
    /// `complex`: Wether it's a complex demand or not
    #[serde(rename = "complex", default, skip_serializing_if = "Option::is_none")]
    pub complex: Option<bool>,
    /// `countryCode` (at most 2 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dateClosed`
    #[serde(rename = "dateClosed", default, skip_serializing_if = "Option::is_none")]
    pub date_closed: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateDemand` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "dateDemand", default, skip_serializing_if = "Option::is_none")]
    pub date_demand: Option<Timestamp>,
    /// `dateIdentityValidated`
    #[serde(rename = "dateIdentityValidated", default, skip_serializing_if = "Option::is_none")]
    pub date_identity_validated: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `dateUserNotified`
    #[serde(rename = "dateUserNotified", default, skip_serializing_if = "Option::is_none")]
    pub date_user_notified: Option<Timestamp>,
    /// `demandId`
    #[serde(rename = "demandId", default, skip_serializing_if = "Option::is_none")]
    pub demand_id: Option<String>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `email` (at most 255 characters)
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `emailValidationDate`
    #[serde(rename = "emailValidationDate", default, skip_serializing_if = "Option::is_none")]
    pub email_validation_date: Option<Timestamp>,
    /// `expiryTime`
    #[serde(rename = "expiryTime", default, skip_serializing_if = "Option::is_none")]
    pub expiry_time: Option<Timestamp>,
    /// `familyName` (at most 180 characters)
    #[serde(rename = "familyName", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `givenName` (at most 180 characters)
    #[serde(rename = "givenName", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `identityValidated` (read-only)
    #[serde(rename = "identityValidated", default, skip_serializing_if = "Option::is_none")]
    pub identity_validated: Option<bool>,
    /// `lastMessageDate` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "lastMessageDate", default, skip_serializing_if = "Option::is_none")]
    pub last_message_date: Option<Timestamp>,
    /// `locale` (required, at most 10 characters)
    #[serde(rename = "locale")]
    pub locale: String,
    /// `mailValidated`
    #[serde(rename = "mailValidated", default, skip_serializing_if = "Option::is_none")]
    pub mail_validated: Option<bool>,
    /// `message`
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `messages` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "messages", default, skip_serializing_if = "Option::is_none")]
    pub messages: Option<Vec<Value>>,
    /// `nbMessages`
    #[serde(rename = "nbMessages", default, skip_serializing_if = "Option::is_none")]
    pub nb_messages: Option<i32>,
    /// `nbMessagesIncoming` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "nbMessagesIncoming", default, skip_serializing_if = "Option::is_none")]
    pub nb_messages_incoming: Option<i32>,
    /// `nbMessagesNotViewed`
    #[serde(rename = "nbMessagesNotViewed", default, skip_serializing_if = "Option::is_none")]
    pub nb_messages_not_viewed: Option<i32>,
    /// `operator`
    #[serde(rename = "operator", default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<UserLightDto>,
    /// `operatorId`
    #[serde(rename = "operatorId", default, skip_serializing_if = "Option::is_none")]
    pub operator_id: Option<i32>,
    /// `personCategory`
    #[serde(rename = "personCategory", default, skip_serializing_if = "Option::is_none")]
    pub person_category: Option<PersonCategoryType>,
    /// `phoneNumber` (at most 60 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `purposes` (required): Purposes
    #[serde(rename = "purposes")]
    pub purposes: Vec<DataSubjectPurposeType>,
    /// `refId` (at most 355 characters)
    #[serde(rename = "refId", default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// `referrerUrl`
    #[serde(rename = "referrerUrl", default, skip_serializing_if = "Option::is_none")]
    pub referrer_url: Option<String>,
    /// `remainingDays` (read-only)
    #[serde(rename = "remainingDays", default, skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<i32>,
    /// `resolutionMessage`
    #[serde(rename = "resolutionMessage", default, skip_serializing_if = "Option::is_none")]
    pub resolution_message: Option<String>,
    /// `sendNotification`
    #[serde(rename = "sendNotification", default, skip_serializing_if = "Option::is_none")]
    pub send_notification: Option<bool>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<DataSubjectRequestState>,
    /// `subjectCategory` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "subjectCategory", default, skip_serializing_if = "Option::is_none")]
    pub subject_category: Option<Map<String, Value>>,
    /// `subjectCategoryId` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "subjectCategoryId", default, skip_serializing_if = "Option::is_none")]
    pub subject_category_id: Option<i32>,
    /// `tags`
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `title` (required)
    #[serde(rename = "title")]
    pub title: String,
    /// `userId` (at most 355 characters)
    #[serde(rename = "userId", default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// `userNotified`
    #[serde(rename = "userNotified", default, skip_serializing_if = "Option::is_none")]
    pub user_notified: Option<bool>,
    /// `widgetId`
    #[serde(rename = "widgetId", default, skip_serializing_if = "Option::is_none")]
    pub widget_id: Option<i32>,
    /// `workFlowStep`
    #[serde(rename = "workFlowStep", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step: Option<WorkFlowStepDto>,
    /// `workFlowStepId`
    #[serde(rename = "workFlowStepId", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step_id: Option<i32>,
    /// `zipCode` (at most 8 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataSubjectRequestLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataSubjectRequestLightDto {
    /// `additionalDatas`
    #[serde(rename = "additionalDatas", default)]
    pub additional_datas: Value,
    /// `address` (at most 350 characters)
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `archivedDate`
    #[serde(rename = "archivedDate", default, skip_serializing_if = "Option::is_none")]
    pub archived_date: Option<Timestamp>,
    /// `areaId` (required)
    #[serde(rename = "areaId")]
    pub area_id: i32,
    /// `channel`
    #[serde(rename = "channel", default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<DataSubjectRequestSource>,
    /// `city` (at most 255 characters)
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `closedReason`
    #[serde(rename = "closedReason", default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<ClosedReason>,
    /// `closedReasonDescription`
    #[serde(rename = "closedReasonDescription", default, skip_serializing_if = "Option::is_none")]
    pub closed_reason_description: Option<String>,
    /// `closingTime` (read-only)
    #[serde(rename = "closingTime", default, skip_serializing_if = "Option::is_none")]
    pub closing_time: Option<i32>,
    /// `complex`: Wether it's a complex demand or not
    #[serde(rename = "complex", default, skip_serializing_if = "Option::is_none")]
    pub complex: Option<bool>,
    /// `countryCode` (at most 2 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dateClosed`
    #[serde(rename = "dateClosed", default, skip_serializing_if = "Option::is_none")]
    pub date_closed: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateDemand` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "dateDemand", default, skip_serializing_if = "Option::is_none")]
    pub date_demand: Option<Timestamp>,
    /// `dateIdentityValidated`
    #[serde(rename = "dateIdentityValidated", default, skip_serializing_if = "Option::is_none")]
    pub date_identity_validated: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `dateUserNotified`
    #[serde(rename = "dateUserNotified", default, skip_serializing_if = "Option::is_none")]
    pub date_user_notified: Option<Timestamp>,
    /// `demandId`
    #[serde(rename = "demandId", default, skip_serializing_if = "Option::is_none")]
    pub demand_id: Option<String>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `email` (at most 255 characters)
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `emailValidationDate`
    #[serde(rename = "emailValidationDate", default, skip_serializing_if = "Option::is_none")]
    pub email_validation_date: Option<Timestamp>,
    /// `expiryTime`
    #[serde(rename = "expiryTime", default, skip_serializing_if = "Option::is_none")]
    pub expiry_time: Option<Timestamp>,
    /// `familyName` (at most 180 characters)
    #[serde(rename = "familyName", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `givenName` (at most 180 characters)
    #[serde(rename = "givenName", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `identityValidated` (read-only)
    #[serde(rename = "identityValidated", default, skip_serializing_if = "Option::is_none")]
    pub identity_validated: Option<bool>,
    /// `locale` (required, at most 10 characters)
    #[serde(rename = "locale")]
    pub locale: String,
    /// `mailValidated`
    #[serde(rename = "mailValidated", default, skip_serializing_if = "Option::is_none")]
    pub mail_validated: Option<bool>,
    /// `message`
    #[serde(rename = "message", default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `nbMessages`
    #[serde(rename = "nbMessages", default, skip_serializing_if = "Option::is_none")]
    pub nb_messages: Option<i32>,
    /// `nbMessagesNotViewed`
    #[serde(rename = "nbMessagesNotViewed", default, skip_serializing_if = "Option::is_none")]
    pub nb_messages_not_viewed: Option<i32>,
    /// `personCategory`
    #[serde(rename = "personCategory", default, skip_serializing_if = "Option::is_none")]
    pub person_category: Option<PersonCategoryType>,
    /// `phoneNumber` (at most 60 characters)
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `purposes` (required): Purposes
    #[serde(rename = "purposes")]
    pub purposes: Vec<DataSubjectPurposeType>,
    /// `refId` (at most 355 characters)
    #[serde(rename = "refId", default, skip_serializing_if = "Option::is_none")]
    pub ref_id: Option<String>,
    /// `referrerUrl`
    #[serde(rename = "referrerUrl", default, skip_serializing_if = "Option::is_none")]
    pub referrer_url: Option<String>,
    /// `remainingDays` (read-only)
    #[serde(rename = "remainingDays", default, skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<i32>,
    /// `resolutionMessage`
    #[serde(rename = "resolutionMessage", default, skip_serializing_if = "Option::is_none")]
    pub resolution_message: Option<String>,
    /// `sendNotification`
    #[serde(rename = "sendNotification", default, skip_serializing_if = "Option::is_none")]
    pub send_notification: Option<bool>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<DataSubjectRequestState>,
    /// `subjectCategoryId` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "subjectCategoryId", default, skip_serializing_if = "Option::is_none")]
    pub subject_category_id: Option<i32>,
    /// `title` (required)
    #[serde(rename = "title")]
    pub title: String,
    /// `userId` (at most 355 characters)
    #[serde(rename = "userId", default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// `userNotified`
    #[serde(rename = "userNotified", default, skip_serializing_if = "Option::is_none")]
    pub user_notified: Option<bool>,
    /// `widgetId`
    #[serde(rename = "widgetId", default, skip_serializing_if = "Option::is_none")]
    pub widget_id: Option<i32>,
    /// `workFlowStep`
    #[serde(rename = "workFlowStep", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step: Option<WorkFlowStepDto>,
    /// `workFlowStepId`
    #[serde(rename = "workFlowStepId", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step_id: Option<i32>,
    /// `zipCode` (at most 8 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `DataSubjectRequestSource`: one of 8 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DataSubjectRequestSource {
    #[default]
    Internal,
    Form,
    Widget,
    POP3,
    IMAP,
    Import,
    Zapier,
    IncomingEmail,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `DataSubjectRequestState`: one of 5 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DataSubjectRequestState {
    #[default]
    Open,
    IdentityValidation,
    Processing,
    Active,
    Closed,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `DevelopmentType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum DevelopmentType {
    #[default]
    InHouse,
    OutSourced,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `Features` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Features {
    /// `advancedPersonalization`
    #[serde(rename = "advancedPersonalization", default, skip_serializing_if = "Option::is_none")]
    pub advanced_personalization: Option<bool>,
    /// `advancedSecurity`
    #[serde(rename = "advancedSecurity", default, skip_serializing_if = "Option::is_none")]
    pub advanced_security: Option<bool>,
    /// `audit`
    #[serde(rename = "audit", default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<bool>,
    /// `auditExport`
    #[serde(rename = "auditExport", default, skip_serializing_if = "Option::is_none")]
    pub audit_export: Option<bool>,
    /// `cartography`
    #[serde(rename = "cartography", default, skip_serializing_if = "Option::is_none")]
    pub cartography: Option<bool>,
    /// `cookieWidget`
    #[serde(rename = "cookieWidget", default, skip_serializing_if = "Option::is_none")]
    pub cookie_widget: Option<bool>,
    /// `cookieWidgetCredit`
    #[serde(rename = "cookieWidgetCredit", default, skip_serializing_if = "Option::is_none")]
    pub cookie_widget_credit: Option<i32>,
    /// `customField`
    #[serde(rename = "customField", default, skip_serializing_if = "Option::is_none")]
    pub custom_field: Option<bool>,
    /// `customFieldCredit`
    #[serde(rename = "customFieldCredit", default, skip_serializing_if = "Option::is_none")]
    pub custom_field_credit: Option<i32>,
    /// `dataBreach`
    #[serde(rename = "dataBreach", default, skip_serializing_if = "Option::is_none")]
    pub data_breach: Option<bool>,
    /// `dataProcessingCredit`
    #[serde(rename = "dataProcessingCredit", default, skip_serializing_if = "Option::is_none")]
    pub data_processing_credit: Option<i32>,
    /// `dataSubject`
    #[serde(rename = "dataSubject", default, skip_serializing_if = "Option::is_none")]
    pub data_subject: Option<bool>,
    /// `documentGeneration`
    #[serde(rename = "documentGeneration", default, skip_serializing_if = "Option::is_none")]
    pub document_generation: Option<bool>,
    /// `fileManagement`
    #[serde(rename = "fileManagement", default, skip_serializing_if = "Option::is_none")]
    pub file_management: Option<bool>,
    /// `legalClaimWidgetCredit`
    #[serde(rename = "legalClaimWidgetCredit", default, skip_serializing_if = "Option::is_none")]
    pub legal_claim_widget_credit: Option<i32>,
    /// `logCredit`
    #[serde(rename = "logCredit", default, skip_serializing_if = "Option::is_none")]
    pub log_credit: Option<i32>,
    /// `mbytesAttachmentCredit`
    #[serde(rename = "mbytesAttachmentCredit", default, skip_serializing_if = "Option::is_none")]
    pub mbytes_attachment_credit: Option<i32>,
    /// `record`
    #[serde(rename = "record", default, skip_serializing_if = "Option::is_none")]
    pub record: Option<bool>,
    /// `recordExport`
    #[serde(rename = "recordExport", default, skip_serializing_if = "Option::is_none")]
    pub record_export: Option<bool>,
    /// `riskManagement`
    #[serde(rename = "riskManagement", default, skip_serializing_if = "Option::is_none")]
    pub risk_management: Option<bool>,
    /// `sso`
    #[serde(rename = "sso", default, skip_serializing_if = "Option::is_none")]
    pub sso: Option<bool>,
    /// `taskManagement`
    #[serde(rename = "taskManagement", default, skip_serializing_if = "Option::is_none")]
    pub task_management: Option<bool>,
    /// `userCredit`
    #[serde(rename = "userCredit", default, skip_serializing_if = "Option::is_none")]
    pub user_credit: Option<i32>,
    /// `workflow`
    #[serde(rename = "workflow", default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<bool>,
    /// `workflowRuleCredit`
    #[serde(rename = "workflowRuleCredit", default, skip_serializing_if = "Option::is_none")]
    pub workflow_rule_credit: Option<i32>,
    /// `workspaceCredit`
    #[serde(rename = "workspaceCredit", default, skip_serializing_if = "Option::is_none")]
    pub workspace_credit: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GenericDataType`: one of 8 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum GenericDataType {
    #[default]
    String,
    Number,
    UniqueIdentifier,
    Date,
    Object,
    Document,
    Matrix,
    Geolocation,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `GenericRelationShipCreationDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GenericRelationShipCreationDto {
    /// `create`
    #[serde(rename = "create", default, skip_serializing_if = "Option::is_none")]
    pub create: Option<bool>,
    /// `description` (at most 3500 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `label` (at most 255 characters)
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `newLabel` (at most 255 characters)
    #[serde(rename = "newLabel", default, skip_serializing_if = "Option::is_none")]
    pub new_label: Option<String>,
    /// `originId` (required, at most 120 characters): Origin id
    #[serde(rename = "originId")]
    pub origin_id: String,
    /// `originType`
    #[serde(rename = "originType", default, skip_serializing_if = "Option::is_none")]
    pub origin_type: Option<RelationShipObjectType>,
    /// `reverse`
    #[serde(rename = "reverse", default, skip_serializing_if = "Option::is_none")]
    pub reverse: Option<bool>,
    /// `targetIds`
    #[serde(rename = "targetIds", default, skip_serializing_if = "Option::is_none")]
    pub target_ids: Option<Vec<String>>,
    /// `targetType`
    #[serde(rename = "targetType", default, skip_serializing_if = "Option::is_none")]
    pub target_type: Option<RelationShipObjectType>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GenericRelationShipLinkedObjectDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GenericRelationShipLinkedObjectDto {
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `description` (at most 3500 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label` (at most 255 characters)
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `originId` (required, at most 120 characters): Origin id
    #[serde(rename = "originId")]
    pub origin_id: String,
    /// `originType`
    #[serde(rename = "originType", default, skip_serializing_if = "Option::is_none")]
    pub origin_type: Option<RelationShipObjectType>,
    /// `reverse`
    #[serde(rename = "reverse", default, skip_serializing_if = "Option::is_none")]
    pub reverse: Option<bool>,
    /// `target`
    #[serde(rename = "target", default, skip_serializing_if = "Option::is_none")]
    pub target: Option<GenericRelationshipObject>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GenericRelationshipObject` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GenericRelationshipObject {
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `deleted`
    #[serde(rename = "deleted", default, skip_serializing_if = "Option::is_none")]
    pub deleted: Option<bool>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id` (required)
    #[serde(rename = "id")]
    pub id: String,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `logoUrl`
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `type` (required)
    #[serde(rename = "type")]
    pub r#type: RelationShipObjectType,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `GuidWorkflowUpdateDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GuidWorkflowUpdateDto {
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `stepId`
    #[serde(rename = "stepId", default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `HostingType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum HostingType {
    #[default]
    InHouse,
    OutSourced,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `Int32WorkflowUpdateDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Int32WorkflowUpdateDto {
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `stepId`
    #[serde(rename = "stepId", default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `InvitationDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct InvitationDto {
    /// `creatorUser`
    #[serde(rename = "creatorUser", default, skip_serializing_if = "Option::is_none")]
    pub creator_user: Option<UserLightDto>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateExpiration`
    #[serde(rename = "dateExpiration", default, skip_serializing_if = "Option::is_none")]
    pub date_expiration: Option<Timestamp>,
    /// `dateValidation`
    #[serde(rename = "dateValidation", default, skip_serializing_if = "Option::is_none")]
    pub date_validation: Option<Timestamp>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `invitedUser`
    #[serde(rename = "invitedUser", default, skip_serializing_if = "Option::is_none")]
    pub invited_user: Option<UserLightDto>,
    /// `isExpired` (read-only)
    #[serde(rename = "isExpired", default, skip_serializing_if = "Option::is_none")]
    pub is_expired: Option<bool>,
    /// `isValidated` (read-only)
    #[serde(rename = "isValidated", default, skip_serializing_if = "Option::is_none")]
    pub is_validated: Option<bool>,
    /// `welcomeMessage`: We perform html clean up here because the welcomeHtml is html rendered
    #[serde(rename = "welcomeMessage", default, skip_serializing_if = "Option::is_none")]
    pub welcome_message: Option<String>,
    /// `workspace`
    #[serde(rename = "workspace", default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<WorkSpaceDto>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `IterationDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IterationDto {
    /// `current` (read-only)
    #[serde(rename = "current", default, skip_serializing_if = "Option::is_none")]
    pub current: Option<bool>,
    /// `displayName` (read-only)
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `done` (read-only)
    #[serde(rename = "done", default, skip_serializing_if = "Option::is_none")]
    pub done: Option<bool>,
    /// `end` (required)
    #[serde(rename = "end")]
    pub end: Timestamp,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label` (required, at most 100 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `start` (required)
    #[serde(rename = "start")]
    pub start: Timestamp,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `JobTitle`: one of 10 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum JobTitle {
    #[default]
    Other,
    JointController,
    DataProtectionOfficerRepresentative,
    DataController,
    DataProtectionOfficer,
    ProcessImplementationManager,
    Processor,
    DataControllerRepresentative,
    Referent,
    ChiefInformationSecurityOfficer,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `LegalBasis`: one of 7 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum LegalBasis {
    #[default]
    Consent,
    Contract,
    LegalCommitment,
    SafeGuardVitalInterest,
    PublicInterest,
    LegitimateInterest,
    Other,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `LicenceType`: one of 5 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum LicenceType {
    #[default]
    PaidSubscription,
    Basic,
    Advanced,
    Custom,
    Trial,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `MaintenanceType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum MaintenanceType {
    #[default]
    InHouse,
    OutSourced,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `MeDto` (assumed shape) of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MeDto {
    /// `displayName`
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `email`
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `role`
    #[serde(rename = "role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<BaseRole>,
    /// `tenantId`
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<i32>,
    /// `workspaceIds`
    #[serde(rename = "workspaceIds", default, skip_serializing_if = "Option::is_none")]
    pub workspace_ids: Option<Vec<i32>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `PermissionWorkspaceDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PermissionWorkspaceDto {
    /// `name`
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `shortName`
    #[serde(rename = "shortName", default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<String>,
    /// `tenantId`
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<i32>,
    /// `workSpaceId`
    #[serde(rename = "workSpaceId", default, skip_serializing_if = "Option::is_none")]
    pub work_space_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `PersonCategoryType`: one of 25 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum PersonCategoryType {
    #[default]
    Prospect,
    Client,
    FormerClient,
    ParticularPerson,
    Employee,
    Candidate,
    ExternalProvider,
    ExternalServiceProvider,
    Other,
    TemporaryWorker,
    Agent,
    ElectedRepresentative,
    PublicServiceUser,
    Visitors,
    OldEmployee,
    EndUsers,
    Citizen,
    Patient,
    HealthProfessional,
    Students,
    AgedPeople,
    Member,
    Beneficiary,
    Child,
    InternetUsers,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `PersonalDataCategory`: one of 19 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum PersonalDataCategory {
    #[default]
    CivilStatus,
    PersonalLife,
    ProfessionalLife,
    EconomicFinancialData,
    ConnectionData,
    GeoLocationData,
    InternetData,
    EthnicalData,
    PoliticalOpinions,
    ReligiousBeliefs,
    TradeUnionMembership,
    GeneticData,
    BiometricData,
    HealthData,
    SexualOrientations,
    CriminalConvictions,
    CriminalData,
    Other,
    NIR,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `PricingPlan` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PricingPlan {
    /// `advancedPersonalization`
    #[serde(rename = "advancedPersonalization", default, skip_serializing_if = "Option::is_none")]
    pub advanced_personalization: Option<bool>,
    /// `advancedSecurity`: Ip Filtering + Authentification forte
    #[serde(rename = "advancedSecurity", default, skip_serializing_if = "Option::is_none")]
    pub advanced_security: Option<bool>,
    /// `audit`
    #[serde(rename = "audit", default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<bool>,
    /// `auditExport`
    #[serde(rename = "auditExport", default, skip_serializing_if = "Option::is_none")]
    pub audit_export: Option<bool>,
    /// `cartography`
    #[serde(rename = "cartography", default, skip_serializing_if = "Option::is_none")]
    pub cartography: Option<bool>,
    /// `cookieWidget`
    #[serde(rename = "cookieWidget", default, skip_serializing_if = "Option::is_none")]
    pub cookie_widget: Option<bool>,
    /// `cookieWidgetCredit`
    #[serde(rename = "cookieWidgetCredit", default, skip_serializing_if = "Option::is_none")]
    pub cookie_widget_credit: Option<i32>,
    /// `customField`
    #[serde(rename = "customField", default, skip_serializing_if = "Option::is_none")]
    pub custom_field: Option<bool>,
    /// `customFieldCredit`
    #[serde(rename = "customFieldCredit", default, skip_serializing_if = "Option::is_none")]
    pub custom_field_credit: Option<i32>,
    /// `dataBreach`
    #[serde(rename = "dataBreach", default, skip_serializing_if = "Option::is_none")]
    pub data_breach: Option<bool>,
    /// `dataProcessingCredit`
    #[serde(rename = "dataProcessingCredit", default, skip_serializing_if = "Option::is_none")]
    pub data_processing_credit: Option<i32>,
    /// `dataSubject`
    #[serde(rename = "dataSubject", default, skip_serializing_if = "Option::is_none")]
    pub data_subject: Option<bool>,
    /// `documentGeneration`
    #[serde(rename = "documentGeneration", default, skip_serializing_if = "Option::is_none")]
    pub document_generation: Option<bool>,
    /// `fileManagement`
    #[serde(rename = "fileManagement", default, skip_serializing_if = "Option::is_none")]
    pub file_management: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label`
    #[serde(rename = "label", default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `legalClaimWidgetCredit`
    #[serde(rename = "legalClaimWidgetCredit", default, skip_serializing_if = "Option::is_none")]
    pub legal_claim_widget_credit: Option<i32>,
    /// `licenceType`
    #[serde(rename = "licenceType", default, skip_serializing_if = "Option::is_none")]
    pub licence_type: Option<LicenceType>,
    /// `logCredit`
    #[serde(rename = "logCredit", default, skip_serializing_if = "Option::is_none")]
    pub log_credit: Option<i32>,
    /// `mbytesAttachmentCredit`
    #[serde(rename = "mbytesAttachmentCredit", default, skip_serializing_if = "Option::is_none")]
    pub mbytes_attachment_credit: Option<i32>,
    /// `mostPopular`
    #[serde(rename = "mostPopular", default, skip_serializing_if = "Option::is_none")]
    pub most_popular: Option<bool>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i32>,
    /// `priceForMonthBilling`
    #[serde(rename = "priceForMonthBilling", default, skip_serializing_if = "Option::is_none")]
    pub price_for_month_billing: Option<f64>,
    /// `priceForYearBilling`
    #[serde(rename = "priceForYearBilling", default, skip_serializing_if = "Option::is_none")]
    pub price_for_year_billing: Option<f64>,
    /// `record`
    #[serde(rename = "record", default, skip_serializing_if = "Option::is_none")]
    pub record: Option<bool>,
    /// `recordExport`
    #[serde(rename = "recordExport", default, skip_serializing_if = "Option::is_none")]
    pub record_export: Option<bool>,
    /// `requiresQuote`
    #[serde(rename = "requiresQuote", default, skip_serializing_if = "Option::is_none")]
    pub requires_quote: Option<bool>,
    /// `riskManagement`
    #[serde(rename = "riskManagement", default, skip_serializing_if = "Option::is_none")]
    pub risk_management: Option<bool>,
    /// `sso`
    #[serde(rename = "sso", default, skip_serializing_if = "Option::is_none")]
    pub sso: Option<bool>,
    /// `stripePlanId`
    #[serde(rename = "stripePlanId", default, skip_serializing_if = "Option::is_none")]
    pub stripe_plan_id: Option<String>,
    /// `taskManagement`
    #[serde(rename = "taskManagement", default, skip_serializing_if = "Option::is_none")]
    pub task_management: Option<bool>,
    /// `trialOfferDays`
    #[serde(rename = "trialOfferDays", default, skip_serializing_if = "Option::is_none")]
    pub trial_offer_days: Option<i32>,
    /// `userCredit`
    #[serde(rename = "userCredit", default, skip_serializing_if = "Option::is_none")]
    pub user_credit: Option<i32>,
    /// `workflow`
    #[serde(rename = "workflow", default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<bool>,
    /// `workflowRuleCredit`
    #[serde(rename = "workflowRuleCredit", default, skip_serializing_if = "Option::is_none")]
    pub workflow_rule_credit: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `Priority`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum Priority {
    #[default]
    High,
    Medium,
    Low,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ProcessingState`: one of 4 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ProcessingState {
    #[default]
    Study,
    BeingDeployed,
    InProduction,
    Stopped,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ProcessingType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum ProcessingType {
    #[default]
    Default,
    Vendor,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `ProjectDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProjectDto {
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description` (at most 3000 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `label` (required, at most 100 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `nbTasks`
    #[serde(rename = "nbTasks", default, skip_serializing_if = "Option::is_none")]
    pub nb_tasks: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `PurposeDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PurposeDto {
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `key`
    #[serde(rename = "key", default, skip_serializing_if = "Option::is_none")]
    pub key: Option<Uuid>,
    /// `label` (required)
    #[serde(rename = "label")]
    pub label: String,
    /// `legalBasis`
    #[serde(rename = "legalBasis", default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<LegalBasis>,
    /// `legalBasisDescription`
    #[serde(rename = "legalBasisDescription", default, skip_serializing_if = "Option::is_none")]
    pub legal_basis_description: Option<String>,
    /// `legalBasisText` (read-only)
    #[serde(rename = "legalBasisText", default, skip_serializing_if = "Option::is_none")]
    pub legal_basis_text: Option<String>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `RateLimitWindowDto` (assumed shape) of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RateLimitWindowDto {
    /// `limit`
    #[serde(rename = "limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i32>,
    /// `remaining`
    #[serde(rename = "remaining", default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<i32>,
    /// `resetSeconds`
    #[serde(rename = "resetSeconds", default, skip_serializing_if = "Option::is_none")]
    pub reset_seconds: Option<i32>,
    /// `window`
    #[serde(rename = "window", default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `RateLimitingStateDto` (assumed shape) of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RateLimitingStateDto {
    /// `limits`
    #[serde(rename = "limits", default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Vec<RateLimitWindowDto>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `RecipientType`: one of 8 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum RecipientType {
    #[default]
    InternalService,
    Vendor,
    ThirdParty,
    JointController,
    DataSubject,
    PublicOrganism,
    InstitutionalPartner,
    AuthorizedThirdParty,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `RelationShipObjectType`: one of 6 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum RelationShipObjectType {
    #[default]
    Actor,
    SecurityMeasure,
    DataBreach,
    Asset,
    DataRetentionRule,
    Risk,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `RelationShipType`: one of 9 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum RelationShipType {
    #[default]
    Child,
    Parent,
    Related,
    HasDuplicate,
    DuplicateOf,
    Master,
    Slave,
    Inheritor,
    Tutor,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `RoleDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RoleDto {
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `isLocked`
    #[serde(rename = "isLocked", default, skip_serializing_if = "Option::is_none")]
    pub is_locked: Option<bool>,
    /// `name` (required)
    #[serde(rename = "name")]
    pub name: String,
    /// `nbUsers` (read-only)
    #[serde(rename = "nbUsers", default, skip_serializing_if = "Option::is_none")]
    pub nb_users: Option<i32>,
    /// `permissions`: List of permissions
    #[serde(rename = "permissions", default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<i32>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SafeGuardType`: one of 8 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum SafeGuardType {
    #[default]
    EUStandardContractualClause,
    BindingCorporateRules,
    PrivacyShield,
    AdequatCountry,
    Derogation,
    None,
    Other,
    EUStandard,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `SecurityMeasureDataTreatmentDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SecurityMeasureDataTreatmentDto {
    /// `attachments`
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `creatorUser`
    #[serde(rename = "creatorUser", default, skip_serializing_if = "Option::is_none")]
    pub creator_user: Option<UserLightDto>,
    /// `date`
    #[serde(rename = "date", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `description` (at most 3000 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `descriptionHtml`
    #[serde(rename = "descriptionHtml", default, skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required, at most 150 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `moreDetailsUrl`
    #[serde(rename = "moreDetailsUrl", default, skip_serializing_if = "Option::is_none")]
    pub more_details_url: Option<String>,
    /// `purposes`
    #[serde(rename = "purposes", default, skip_serializing_if = "Option::is_none")]
    pub purposes: Option<Vec<Uuid>>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `relatedRisk` (at most 3000 characters)
    #[serde(rename = "relatedRisk", default, skip_serializing_if = "Option::is_none")]
    pub related_risk: Option<String>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<SecurityMeasureState>,
    /// `tags`
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `type` (required)
    #[serde(rename = "type")]
    pub r#type: SecurityMeasureType,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SecurityMeasureState`: one of 5 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum SecurityMeasureState {
    #[default]
    None,
    Todo,
    Planned,
    Deploying,
    Done,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `SecurityMeasureType`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum SecurityMeasureType {
    #[default]
    Technical,
    Organizational,
    Physical,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `SelectListGroup` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SelectListGroup {
    /// `disabled`
    #[serde(rename = "disabled", default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// `name`
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SelectListItemResource` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SelectListItemResource {
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `color`
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `date`
    #[serde(rename = "date", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Timestamp>,
    /// `description`
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `disabled`
    #[serde(rename = "disabled", default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// `group`
    #[serde(rename = "group", default, skip_serializing_if = "Option::is_none")]
    pub group: Option<SelectListGroup>,
    /// `headline`
    #[serde(rename = "headline", default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// `icon`
    #[serde(rename = "icon", default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// `imageUrl`
    #[serde(rename = "imageUrl", default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// `nbReferences`
    #[serde(rename = "nbReferences", default, skip_serializing_if = "Option::is_none")]
    pub nb_references: Option<i64>,
    /// `requireFeature`
    #[serde(rename = "requireFeature", default, skip_serializing_if = "Option::is_none")]
    pub require_feature: Option<String>,
    /// `selected`
    #[serde(rename = "selected", default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<bool>,
    /// `text`
    #[serde(rename = "text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// `value`
    #[serde(rename = "value", default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// `valueId`
    #[serde(rename = "valueId", default, skip_serializing_if = "Option::is_none")]
    pub value_id: Option<i32>,
    /// `valueText`
    #[serde(rename = "valueText", default, skip_serializing_if = "Option::is_none")]
    pub value_text: Option<String>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SensitiveDataFieldLegalJustification`: one of 11 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum SensitiveDataFieldLegalJustification {
    #[default]
    ExplicitConsent,
    NecessaryPurpose,
    VitalInterest,
    PoliticalLegitimateActivity,
    ManifestlyPublic,
    DefenseOfLegalClaims,
    SubstantialPublicInterest,
    Medicine,
    PublicHealth,
    StatisticResearch,
    Other,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `Subscription` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Subscription {
    /// `advancedPersonalization`
    #[serde(rename = "advancedPersonalization", default, skip_serializing_if = "Option::is_none")]
    pub advanced_personalization: Option<bool>,
    /// `advancedSecurity`: Ip Filtering + Authentification forte
    #[serde(rename = "advancedSecurity", default, skip_serializing_if = "Option::is_none")]
    pub advanced_security: Option<bool>,
    /// `audit`
    #[serde(rename = "audit", default, skip_serializing_if = "Option::is_none")]
    pub audit: Option<bool>,
    /// `auditExport`
    #[serde(rename = "auditExport", default, skip_serializing_if = "Option::is_none")]
    pub audit_export: Option<bool>,
    /// `billingType`
    #[serde(rename = "billingType", default, skip_serializing_if = "Option::is_none")]
    pub billing_type: Option<BillingType>,
    /// `cartography`
    #[serde(rename = "cartography", default, skip_serializing_if = "Option::is_none")]
    pub cartography: Option<bool>,
    /// `cookieWidget`
    #[serde(rename = "cookieWidget", default, skip_serializing_if = "Option::is_none")]
    pub cookie_widget: Option<bool>,
    /// `cookieWidgetCredit`
    #[serde(rename = "cookieWidgetCredit", default, skip_serializing_if = "Option::is_none")]
    pub cookie_widget_credit: Option<i32>,
    /// `customField`
    #[serde(rename = "customField", default, skip_serializing_if = "Option::is_none")]
    pub custom_field: Option<bool>,
    /// `customFieldCredit`
    #[serde(rename = "customFieldCredit", default, skip_serializing_if = "Option::is_none")]
    pub custom_field_credit: Option<i32>,
    /// `dataBreach`
    #[serde(rename = "dataBreach", default, skip_serializing_if = "Option::is_none")]
    pub data_breach: Option<bool>,
    /// `dataProcessingCredit`
    #[serde(rename = "dataProcessingCredit", default, skip_serializing_if = "Option::is_none")]
    pub data_processing_credit: Option<i32>,
    /// `dataSubject`
    #[serde(rename = "dataSubject", default, skip_serializing_if = "Option::is_none")]
    pub data_subject: Option<bool>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `documentGeneration`
    #[serde(rename = "documentGeneration", default, skip_serializing_if = "Option::is_none")]
    pub document_generation: Option<bool>,
    /// `fileManagement`
    #[serde(rename = "fileManagement", default, skip_serializing_if = "Option::is_none")]
    pub file_management: Option<bool>,
    /// `hasPaidSubscription` (read-only)
    #[serde(rename = "hasPaidSubscription", default, skip_serializing_if = "Option::is_none")]
    pub has_paid_subscription: Option<bool>,
    /// `hasTrial` (read-only)
    #[serde(rename = "hasTrial", default, skip_serializing_if = "Option::is_none")]
    pub has_trial: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `isInTrial` (read-only)
    #[serde(rename = "isInTrial", default, skip_serializing_if = "Option::is_none")]
    pub is_in_trial: Option<bool>,
    /// `legalClaimWidgetCredit`
    #[serde(rename = "legalClaimWidgetCredit", default, skip_serializing_if = "Option::is_none")]
    pub legal_claim_widget_credit: Option<i32>,
    /// `logCredit`
    #[serde(rename = "logCredit", default, skip_serializing_if = "Option::is_none")]
    pub log_credit: Option<i32>,
    /// `mbytesAttachmentCredit`
    #[serde(rename = "mbytesAttachmentCredit", default, skip_serializing_if = "Option::is_none")]
    pub mbytes_attachment_credit: Option<i32>,
    /// `monthlyPrice`
    #[serde(rename = "monthlyPrice", default, skip_serializing_if = "Option::is_none")]
    pub monthly_price: Option<f64>,
    /// `pricingPlan`
    #[serde(rename = "pricingPlan", default, skip_serializing_if = "Option::is_none")]
    pub pricing_plan: Option<PricingPlan>,
    /// `pricingPlanId`
    #[serde(rename = "pricingPlanId", default, skip_serializing_if = "Option::is_none")]
    pub pricing_plan_id: Option<i32>,
    /// `record`
    #[serde(rename = "record", default, skip_serializing_if = "Option::is_none")]
    pub record: Option<bool>,
    /// `recordExport`
    #[serde(rename = "recordExport", default, skip_serializing_if = "Option::is_none")]
    pub record_export: Option<bool>,
    /// `riskManagement`
    #[serde(rename = "riskManagement", default, skip_serializing_if = "Option::is_none")]
    pub risk_management: Option<bool>,
    /// `sso`
    #[serde(rename = "sso", default, skip_serializing_if = "Option::is_none")]
    pub sso: Option<bool>,
    /// `stripeCustomerId`
    #[serde(rename = "stripeCustomerId", default, skip_serializing_if = "Option::is_none")]
    pub stripe_customer_id: Option<String>,
    /// `stripePaymentId`: Stripe payment id
    #[serde(rename = "stripePaymentId", default, skip_serializing_if = "Option::is_none")]
    pub stripe_payment_id: Option<String>,
    /// `stripeSubscriptionId`
    #[serde(rename = "stripeSubscriptionId", default, skip_serializing_if = "Option::is_none")]
    pub stripe_subscription_id: Option<String>,
    /// `subscriptionEnd`: End date of the paid subscription
    #[serde(rename = "subscriptionEnd", default, skip_serializing_if = "Option::is_none")]
    pub subscription_end: Option<Timestamp>,
    /// `subscriptionRemainingDays` (read-only)
    #[serde(rename = "subscriptionRemainingDays", default, skip_serializing_if = "Option::is_none")]
    pub subscription_remaining_days: Option<i32>,
    /// `subscriptionStart`: Start date of the paid subscription
    #[serde(rename = "subscriptionStart", default, skip_serializing_if = "Option::is_none")]
    pub subscription_start: Option<Timestamp>,
    /// `subscriptionValid` (read-only)
    #[serde(rename = "subscriptionValid", default, skip_serializing_if = "Option::is_none")]
    pub subscription_valid: Option<bool>,
    /// `taskManagement`
    #[serde(rename = "taskManagement", default, skip_serializing_if = "Option::is_none")]
    pub task_management: Option<bool>,
    /// `tenantId`
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<i32>,
    /// `trialEnd`: End of the trial period
    #[serde(rename = "trialEnd", default, skip_serializing_if = "Option::is_none")]
    pub trial_end: Option<Timestamp>,
    /// `trialRemainingDays` (read-only)
    #[serde(rename = "trialRemainingDays", default, skip_serializing_if = "Option::is_none")]
    pub trial_remaining_days: Option<i32>,
    /// `trialStart`: Start of free trial period
    #[serde(rename = "trialStart", default, skip_serializing_if = "Option::is_none")]
    pub trial_start: Option<Timestamp>,
    /// `unsubscriptionDate`
    #[serde(rename = "unsubscriptionDate", default, skip_serializing_if = "Option::is_none")]
    pub unsubscription_date: Option<Timestamp>,
    /// `userCredit`
    #[serde(rename = "userCredit", default, skip_serializing_if = "Option::is_none")]
    pub user_credit: Option<i32>,
    /// `workflow`
    #[serde(rename = "workflow", default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<bool>,
    /// `workflowRuleCredit`
    #[serde(rename = "workflowRuleCredit", default, skip_serializing_if = "Option::is_none")]
    pub workflow_rule_credit: Option<i32>,
    /// `workspaceCredit`: Number of entity
    #[serde(rename = "workspaceCredit", default, skip_serializing_if = "Option::is_none")]
    pub workspace_credit: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `SupportType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum SupportType {
    #[default]
    InHouse,
    OutSourced,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `TagDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TagDto {
    /// `color` (at most 10 characters)
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required, at most 360 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `type` (required)
    #[serde(rename = "type")]
    pub r#type: TagType,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TagType`: one of 10 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum TagType {
    #[default]
    DataProcessing,
    DataSubject,
    DataBreach,
    Task,
    Actor,
    SecurityMeasure,
    Asset,
    Risk,
    DataRetentionRule,
    AuditTemplate,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `TaskCreateUpdateDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TaskCreateUpdateDto {
    /// `additionalDatas`: AdditionalData props
    #[serde(rename = "additionalDatas", default, skip_serializing_if = "Option::is_none")]
    pub additional_datas: Option<Map<String, Value>>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `assignedToUserId`
    #[serde(rename = "assignedToUserId", default, skip_serializing_if = "Option::is_none")]
    pub assigned_to_user_id: Option<i32>,
    /// `attachments`: Associated tags with colors
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `color`
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dateActivated`
    #[serde(rename = "dateActivated", default, skip_serializing_if = "Option::is_none")]
    pub date_activated: Option<Timestamp>,
    /// `dateClosed`
    #[serde(rename = "dateClosed", default, skip_serializing_if = "Option::is_none")]
    pub date_closed: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `deadline`: Dead line
    #[serde(rename = "deadline", default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Timestamp>,
    /// `descriptionHtml`: Description
    #[serde(rename = "descriptionHtml", default, skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `iterationId`
    #[serde(rename = "iterationId", default, skip_serializing_if = "Option::is_none")]
    pub iteration_id: Option<Uuid>,
    /// `label` (required, at most 120 characters): Action label
    #[serde(rename = "label")]
    pub label: String,
    /// `objectId`: Object id
    #[serde(rename = "objectId", default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// `objectType`
    #[serde(rename = "objectType", default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<TaskObjectType>,
    /// `ownerId`
    #[serde(rename = "ownerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i32>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i32>,
    /// `priority`
    #[serde(rename = "priority", default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// `projectId`
    #[serde(rename = "projectId", default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Uuid>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TaskState>,
    /// `tags`: Associated tags with colors
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `workFlowStepId`
    #[serde(rename = "workFlowStepId", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step_id: Option<i32>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TaskDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TaskDto {
    /// `additionalDatas`: AdditionalData props
    #[serde(rename = "additionalDatas", default, skip_serializing_if = "Option::is_none")]
    pub additional_datas: Option<Map<String, Value>>,
    /// `archived`
    #[serde(rename = "archived", default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    /// `area`
    #[serde(rename = "area", default, skip_serializing_if = "Option::is_none")]
    pub area: Option<AreaLightDto>,
    /// `areaId`
    #[serde(rename = "areaId", default, skip_serializing_if = "Option::is_none")]
    pub area_id: Option<i32>,
    /// `assignedToUser`
    #[serde(rename = "assignedToUser", default, skip_serializing_if = "Option::is_none")]
    pub assigned_to_user: Option<UserLightDto>,
    /// `assignedToUserId`
    #[serde(rename = "assignedToUserId", default, skip_serializing_if = "Option::is_none")]
    pub assigned_to_user_id: Option<i32>,
    /// `attachments`: Associated tags with colors
    #[serde(rename = "attachments", default, skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<AttachmentDto>>,
    /// `children`
    #[serde(rename = "children", default, skip_serializing_if = "Option::is_none")]
    pub children: Option<Vec<TaskDto>>,
    /// `closingTime` (read-only): Action label
    #[serde(rename = "closingTime", default, skip_serializing_if = "Option::is_none")]
    pub closing_time: Option<i32>,
    /// `color`
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `creator`
    #[serde(rename = "creator", default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<UserLightDto>,
    /// `customFields` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "customFields", default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Map<String, Value>>,
    /// `dateActivated`
    #[serde(rename = "dateActivated", default, skip_serializing_if = "Option::is_none")]
    pub date_activated: Option<Timestamp>,
    /// `dateClosed`
    #[serde(rename = "dateClosed", default, skip_serializing_if = "Option::is_none")]
    pub date_closed: Option<Timestamp>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `deadline`: Dead line
    #[serde(rename = "deadline", default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Timestamp>,
    /// `descriptionHtml`: Description
    #[serde(rename = "descriptionHtml", default, skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// `descriptionPlainText` (read-only)
    #[serde(rename = "descriptionPlainText", default, skip_serializing_if = "Option::is_none")]
    pub description_plain_text: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `iteration`
    #[serde(rename = "iteration", default, skip_serializing_if = "Option::is_none")]
    pub iteration: Option<IterationDto>,
    /// `iterationId`
    #[serde(rename = "iterationId", default, skip_serializing_if = "Option::is_none")]
    pub iteration_id: Option<Uuid>,
    /// `label` (required, at most 120 characters): Action label
    #[serde(rename = "label")]
    pub label: String,
    /// `nbSubTasks` (read-only)
    #[serde(rename = "nbSubTasks", default, skip_serializing_if = "Option::is_none")]
    pub nb_sub_tasks: Option<i32>,
    /// `nbSubTasksClosed` (read-only)
    #[serde(rename = "nbSubTasksClosed", default, skip_serializing_if = "Option::is_none")]
    pub nb_sub_tasks_closed: Option<i32>,
    /// `objectId`: Object id
    #[serde(rename = "objectId", default, skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// `objectType`
    #[serde(rename = "objectType", default, skip_serializing_if = "Option::is_none")]
    pub object_type: Option<TaskObjectType>,
    /// `objectTypeDetails`
    #[serde(rename = "objectTypeDetails", default, skip_serializing_if = "Option::is_none")]
    pub object_type_details: Option<SelectListItemResource>,
    /// `order`
    #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// `owner`
    #[serde(rename = "owner", default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<UserLightDto>,
    /// `ownerId`
    #[serde(rename = "ownerId", default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<i32>,
    /// `parentId`
    #[serde(rename = "parentId", default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<i32>,
    /// `priority`
    #[serde(rename = "priority", default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// `project`
    #[serde(rename = "project", default, skip_serializing_if = "Option::is_none")]
    pub project: Option<ProjectDto>,
    /// `projectId`
    #[serde(rename = "projectId", default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<Uuid>,
    /// `remainingDays` (read-only)
    #[serde(rename = "remainingDays", default, skip_serializing_if = "Option::is_none")]
    pub remaining_days: Option<i32>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TaskState>,
    /// `tags`: Associated tags with colors
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagDto>>,
    /// `workFlowStep`
    #[serde(rename = "workFlowStep", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step: Option<WorkFlowStepDto>,
    /// `workFlowStepId`
    #[serde(rename = "workFlowStepId", default, skip_serializing_if = "Option::is_none")]
    pub work_flow_step_id: Option<i32>,
    /// `workSpace`
    #[serde(rename = "workSpace", default, skip_serializing_if = "Option::is_none")]
    pub work_space: Option<WorkSpaceDto>,
    /// `workspaceId`
    #[serde(rename = "workspaceId", default, skip_serializing_if = "Option::is_none")]
    pub workspace_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TaskObjectType`: one of 10 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum TaskObjectType {
    #[default]
    DataProcessing,
    DataSubject,
    DataBreach,
    AuditResponse,
    Actor,
    Asset,
    DataRetentionRule,
    RiskEvaluation,
    ControlPoint,
    SecurityMeasure,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `TaskState`: one of 4 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum TaskState {
    #[default]
    Open,
    Active,
    Closed,
    Archived,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `TeamDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TeamDto {
    /// `areas`: Areas in Team
    #[serde(rename = "areas", default, skip_serializing_if = "Option::is_none")]
    pub areas: Option<Vec<i32>>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required)
    #[serde(rename = "label")]
    pub label: String,
    /// `ref` (at most 80 characters): Internal reference id (you can use it to
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// `users`: Users in team (list of id)
    #[serde(rename = "users", default, skip_serializing_if = "Option::is_none")]
    pub users: Option<Vec<i32>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TeamItemDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TeamItemDto {
    /// `default`
    #[serde(rename = "default", default, skip_serializing_if = "Option::is_none")]
    pub r#default: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required)
    #[serde(rename = "label")]
    pub label: String,
    /// `nbUsers`: Users in team (list of id)
    #[serde(rename = "nbUsers", default, skip_serializing_if = "Option::is_none")]
    pub nb_users: Option<i32>,
    /// `ref` (at most 80 characters): Internal reference id (you can use it to
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub r#ref: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TenantLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TenantLightDto {
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `name` (required, at most 100 characters)
    #[serde(rename = "name")]
    pub name: String,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TransferDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TransferDto {
    /// `countryCode` (at most 6 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `description` (at most 1000 characters)
    #[serde(rename = "description", default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// `otherLabel` (at most 800 characters)
    #[serde(rename = "otherLabel", default, skip_serializing_if = "Option::is_none")]
    pub other_label: Option<String>,
    /// `readonly`
    #[serde(rename = "readonly", default, skip_serializing_if = "Option::is_none")]
    pub readonly: Option<bool>,
    /// `safeGuardType` (required)
    #[serde(rename = "safeGuardType")]
    pub safe_guard_type: SafeGuardType,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `TutorialState`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum TutorialState {
    #[default]
    InProgress,
    Done,
    Initial,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `TutorialStateItem` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TutorialStateItem {
    /// `date`
    #[serde(rename = "date", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Timestamp>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TutorialState>,
    /// `stepId`
    #[serde(rename = "stepId", default, skip_serializing_if = "Option::is_none")]
    pub step_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `UserDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UserDto {
    /// `active`
    #[serde(rename = "active", default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// `address`
    #[serde(rename = "address", default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// `adminPermissions`: Permissions for administrators
    #[serde(rename = "adminPermissions", default, skip_serializing_if = "Option::is_none")]
    pub admin_permissions: Option<Vec<AdminPermission>>,
    /// `avatarUrl`
    #[serde(rename = "avatarUrl", default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// `bio` (at most 4000 characters)
    #[serde(rename = "bio", default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// `blogUrl`
    #[serde(rename = "blogUrl", default, skip_serializing_if = "Option::is_none")]
    pub blog_url: Option<String>,
    /// `canReceiveNotification`
    #[serde(rename = "canReceiveNotification", default, skip_serializing_if = "Option::is_none")]
    pub can_receive_notification: Option<bool>,
    /// `city`
    #[serde(rename = "city", default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `color` (read-only)
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `configuration`
    #[serde(rename = "configuration", default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<UserSettingsDto>,
    /// `countryCode` (at most 3 characters)
    #[serde(rename = "countryCode", default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// `dateCreation`
    #[serde(rename = "dateCreation", default, skip_serializing_if = "Option::is_none")]
    pub date_creation: Option<Timestamp>,
    /// `dateUpdate`
    #[serde(rename = "dateUpdate", default, skip_serializing_if = "Option::is_none")]
    pub date_update: Option<Timestamp>,
    /// `displayName`
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `email`
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `emailVerified`
    #[serde(rename = "emailVerified", default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
    /// `familyName`
    #[serde(rename = "familyName", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `givenName`
    #[serde(rename = "givenName", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `invitations`
    #[serde(rename = "invitations", default, skip_serializing_if = "Option::is_none")]
    pub invitations: Option<Vec<InvitationDto>>,
    /// `isInvited` (read-only)
    #[serde(rename = "isInvited", default, skip_serializing_if = "Option::is_none")]
    pub is_invited: Option<bool>,
    /// `isOwner`
    #[serde(rename = "isOwner", default, skip_serializing_if = "Option::is_none")]
    pub is_owner: Option<bool>,
    /// `language`
    #[serde(rename = "language", default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// `phoneNumber`
    #[serde(rename = "phoneNumber", default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// `role`
    #[serde(rename = "role", default, skip_serializing_if = "Option::is_none")]
    pub role: Option<BaseRole>,
    /// `roles`
    #[serde(rename = "roles", default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<RoleDto>>,
    /// `ssoConfigurationId`
    #[serde(rename = "ssoConfigurationId", default, skip_serializing_if = "Option::is_none")]
    pub sso_configuration_id: Option<String>,
    /// `teams`
    #[serde(rename = "teams", default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<TeamDto>>,
    /// `tenantId`
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<i32>,
    /// `tenantOwner`
    #[serde(rename = "tenantOwner", default, skip_serializing_if = "Option::is_none")]
    pub tenant_owner: Option<TenantLightDto>,
    /// `tenantOwnerId`
    #[serde(rename = "tenantOwnerId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_owner_id: Option<i32>,
    /// `timeZone`
    #[serde(rename = "timeZone", default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// `twoFactorAuthEnabled`
    #[serde(rename = "twoFactorAuthEnabled", default, skip_serializing_if = "Option::is_none")]
    pub two_factor_auth_enabled: Option<bool>,
    /// `username` (at most 150 characters)
    #[serde(rename = "username", default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// `zipCode` (at most 10 characters)
    #[serde(rename = "zipCode", default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<String>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `UserLightDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UserLightDto {
    /// `avatarUrl`
    #[serde(rename = "avatarUrl", default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// `color` (read-only)
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `displayName`
    #[serde(rename = "displayName", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// `email`
    #[serde(rename = "email", default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `familyName`
    #[serde(rename = "familyName", default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `givenName`
    #[serde(rename = "givenName", default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `tenantId`
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `UserSettingsDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UserSettingsDto {
    /// `columnsConfiguration`
    #[serde(rename = "columnsConfiguration", default, skip_serializing_if = "Option::is_none")]
    pub columns_configuration: Option<Map<String, Value>>,
    /// `dateFormat` (required, at most 150 characters)
    #[serde(rename = "dateFormat")]
    pub date_format: String,
    /// `tutorialStates`
    #[serde(rename = "tutorialStates", default, skip_serializing_if = "Option::is_none")]
    pub tutorial_states: Option<Map<String, Value>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `VendorType`: one of 2 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum VendorType {
    #[default]
    B2B,
    B2C,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `WorkFlowStepDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WorkFlowStepDto {
    /// `authorizedRole` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "authorizedRole", default, skip_serializing_if = "Option::is_none")]
    pub authorized_role: Option<Map<String, Value>>,
    /// `authorizedRoleId` (not in Dastra's document: see `crate::assumptions`)
    #[serde(rename = "authorizedRoleId", default, skip_serializing_if = "Option::is_none")]
    pub authorized_role_id: Option<i32>,
    /// `color` (at most 9 characters)
    #[serde(rename = "color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `descriptionHtml` (at most 3000 characters): Notice
    #[serde(rename = "descriptionHtml", default, skip_serializing_if = "Option::is_none")]
    pub description_html: Option<String>,
    /// `finalStep`
    #[serde(rename = "finalStep", default, skip_serializing_if = "Option::is_none")]
    pub final_step: Option<bool>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `initialStep` (read-only)
    #[serde(rename = "initialStep", default, skip_serializing_if = "Option::is_none")]
    pub initial_step: Option<bool>,
    /// `itemLimit`
    #[serde(rename = "itemLimit", default, skip_serializing_if = "Option::is_none")]
    pub item_limit: Option<i32>,
    /// `label` (required, at most 120 characters)
    #[serde(rename = "label")]
    pub label: String,
    /// `mappedState` (at most 50 characters): The underlying state mapped e.g. New, Active...
    #[serde(rename = "mappedState", default, skip_serializing_if = "Option::is_none")]
    pub mapped_state: Option<String>,
    /// `order`
    #[serde(rename = "order", default, skip_serializing_if = "Option::is_none")]
    pub order: Option<i32>,
    /// `type`
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<WorkflowType>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `WorkSpaceDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WorkSpaceDto {
    /// `dataSubjectArchivedRetentionDays`
    #[serde(rename = "dataSubjectArchivedRetentionDays", default, skip_serializing_if = "Option::is_none")]
    pub data_subject_archived_retention_days: Option<i32>,
    /// `id`
    #[serde(rename = "id", default, skip_serializing_if = "Option::is_none")]
    pub id: Option<i32>,
    /// `label` (required)
    #[serde(rename = "label")]
    pub label: String,
    /// `logoUrl`
    #[serde(rename = "logoUrl", default, skip_serializing_if = "Option::is_none")]
    pub logo_url: Option<String>,
    /// `nbEntities`
    #[serde(rename = "nbEntities", default, skip_serializing_if = "Option::is_none")]
    pub nb_entities: Option<i32>,
    /// `permissions`
    #[serde(rename = "permissions", default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<PermissionWorkspaceDto>>,
    /// `primaryColor`
    #[serde(rename = "primaryColor", default, skip_serializing_if = "Option::is_none")]
    pub primary_color: Option<String>,
    /// `secondaryColor`
    #[serde(rename = "secondaryColor", default, skip_serializing_if = "Option::is_none")]
    pub secondary_color: Option<String>,
    /// `state`
    #[serde(rename = "state", default, skip_serializing_if = "Option::is_none")]
    pub state: Option<WorkSpaceState>,
    /// `tenantId`
    #[serde(rename = "tenantId", default, skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<i32>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `WorkSpaceListDto` of the contract.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct WorkSpaceListDto {
    /// `features`
    #[serde(rename = "features", default, skip_serializing_if = "Option::is_none")]
    pub features: Option<Features>,
    /// `pricingPlan`
    #[serde(rename = "pricingPlan", default, skip_serializing_if = "Option::is_none")]
    pub pricing_plan: Option<PricingPlan>,
    /// `subscription`
    #[serde(rename = "subscription", default, skip_serializing_if = "Option::is_none")]
    pub subscription: Option<Subscription>,
    /// `workSpaces`
    #[serde(rename = "workSpaces", default, skip_serializing_if = "Option::is_none")]
    pub work_spaces: Option<Vec<WorkSpaceDto>>,
    /// Fields this model does not know, kept as received and sent back untouched.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// `WorkSpaceState`: one of 3 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum WorkSpaceState {
    #[default]
    Active,
    Archived,
    Deleted,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

/// `WorkflowType`: one of 9 (enum of the contract).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[allow(non_camel_case_types, missing_docs)]
pub enum WorkflowType {
    #[default]
    DataSubject,
    DataBreach,
    Task,
    DataProcessing,
    DataSubjectRequest,
    Asset,
    Actor,
    Contract,
    DataField,
    /// A value this copy of the contract does not know, kept as sent.
    #[serde(untagged)]
    Unrecognized(String),
}

