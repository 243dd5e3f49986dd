//! Passerelle's IPC contract: every command the UI may call, every event it may hear, and the
//! types they carry.
//!
//! The list is declared once, in [`with_commands!`] and [`with_events!`]. From it:
//! - the shell (`src-tauri`) generates one `#[tauri::command]` adapter per command, each calling
//!   the method of the same name on [`Api`]: a command without an implementation does not
//!   compile;
//! - [`bindings`] writes `ui/src/bindings/commands.ts`, the `name → {request, response}` map
//!   behind the UI's typed `call()` and `listen()`; the types themselves are exported by ts-rs.
//!
//! Types are `…Request`/`…Response` per command, rows and details are plain DTOs converted from
//! the Dastra models in [`convert`]. Errors cross the boundary as [`IpcError`] `{code, message}`;
//! the UI branches on the code, never on the message.
//!
//! Not here: anything that knows about Tauri. [`Api`] is plain async Rust, tested against the
//! real sandbox without a window.

#![deny(missing_docs)]

mod api;
pub mod bindings;
mod connections;
pub mod convert;
mod discovery;
mod dto;
mod error;
mod evidence;
mod imports;
mod imports_rows;
mod imports_run;
mod imports_seal;
mod mapping;
mod mapping_store;
mod refusal;

pub use api::{Api, ApiParts, EventSink, Session, Settings, SettingsStore, WorkspaceTarget};
pub use connections::*;
pub use discovery::*;
pub use dto::*;
pub use error::{ErrorCode, IpcError};
pub use evidence::*;
pub use imports::*;
pub use imports_seal::ImportSeal;
pub use mapping::*;
pub use mapping_store::*;
pub use passerelle_connectors::TestReport;
pub use refusal::{RaggedRow, SourceRefusal, WorkspaceReading};

/// Calls `$callback! { name: Request => Response, … }` with the whole command list.
#[macro_export]
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            app_info: AppInfoRequest => AppInfo,
            settings_update: SettingsUpdateRequest => AppInfo,
            dsar_list: DsarListRequest => DsarListResponse,
            dsar_get: DsarGetRequest => DsarDetail,
            asset_list: RegistryListRequest => AssetListResponse,
            actor_list: RegistryListRequest => ActorListResponse,
            contract_list: RegistryListRequest => ContractListResponse,
            connections_list: ConnectionsListRequest => ConnectionListResponse,
            connections_save: ConnectionSaveRequest => ConnectionView,
            connections_delete: ConnectionIdRequest => ConnectionListResponse,
            connections_test: ConnectionIdRequest => TestReport,
            connections_test_draft: ConnectionDraftTestRequest => TestReport,
            connections_secret_delete: ConnectionIdRequest => ConnectionView,
            connections_export: ConnectionsExportRequest => ConnectionsExportResponse,
            connections_import: ConnectionsImportRequest => ConnectionsImportResponse,
            dastra_workspaces: DastraWorkspacesRequest => DastraWorkspacesResponse,
            workspace_switch: ConnectionIdRequest => AppInfo,
            discovery_prepare: DiscoveryPrepareRequest => DiscoveryPlan,
            discovery_start: DiscoveryStartRequest => JobView,
            discovery_recent: DiscoveryRecentRequest => JobList,
            discovery_job: JobIdRequest => JobView,
            discovery_cancel: JobIdRequest => JobView,
            discovery_resume: JobIdRequest => JobView,
            review_list: ReviewListRequest => ReviewList,
            review_decide: ReviewDecideRequest => ReviewUpdate,
            review_redact: ReviewRedactRequest => ReviewUpdate,
            package_build: JobIdRequest => PackageView,
            package_attach: PackageAttachRequest => AttachView,
            package_get: JobIdRequest => PackageLatest,
            dsar_workflow: WorkflowRequest => WorkflowView,
            audit_list: AuditListRequest => AuditPageView,
            audit_verify: AuditVerifyRequest => AuditVerifyView,
            import_plan: ImportPlanRequest => ImportView,
            import_get: ImportIdRequest => ImportView,
            import_rows: ImportRowsRequest => ImportRowsResponse,
            import_choose: ImportChooseRequest => ImportView,
            import_apply: ImportIdRequest => ImportView,
            import_cancel: ImportIdRequest => ImportView,
            import_undo: ImportIdRequest => ImportView,
            import_history: ImportHistoryRequest => ImportHistory,
            mapping_targets: MappingTargetsRequest => MappingTargetsResponse,
            mapping_source_open: MappingSourceOpenRequest => SourceView,
            mapping_suggest: MappingSuggestRequest => MappingSuggestions,
            mapping_preview: MappingPreviewRequest => MappingPreview,
            mapping_profile_save: ProfileSaveRequest => ProfileSummary,
            mapping_profile_list: ProfileListRequest => ProfileListResponse,
            mapping_profile_get: ProfileGetRequest => StoredProfile,
            mapping_profile_duplicate: ProfileDuplicateRequest => ProfileSummary,
            mapping_profile_export: ProfileExportRequest => ProfileExportResponse,
            mapping_profile_import: ProfileImportRequest => ProfileSummary,
            audit_export: AuditExportRequest => AuditExportView,
        }
    };
}

/// Calls `$callback! { name: Payload, … }` with the whole event list.
#[macro_export]
macro_rules! with_events {
    ($callback:ident) => {
        $callback! {
            workspace_changed: WorkspaceChangedEvent,
            job_progress: JobProgressEvent,
            job_finished: JobFinishedEvent,
            import_progress: ImportProgressEvent,
            import_finished: ImportFinishedEvent,
            attach_progress: AttachProgressEvent,
        }
    };
}
