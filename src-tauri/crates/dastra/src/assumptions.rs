//! Where the contract is silent: every shape Passerelle assumes, in one place.
//!
//! Dastra's published document (`contract/openapi.json`, 2023 state) is the contract. What it
//! does not say, Passerelle assumes, and every such assumption lives in two places only: the
//! machine-readable overlay `contract/overlay.json` (merged into the document by
//! [`crate::contract::document`], each entry marked `x-passerelle-assumed`) and this page, which
//! says why. The sandbox, the client, the generated models and the conformance test all read the
//! merged document, so correcting an assumption is an edit to `overlay.json` (then
//! `UPDATE_MODELS=1 cargo test -p passerelle-dastra models_are_current`) and to this page.
//!
//! Tags: **[doc]** the docs say so but the document does not; **[guess]** our inference.
//!
//! # Extra fields on documented schemas
//!
//! - `customFields` (object) on DSRs, assets, actors, data fields, processing activities and
//!   tasks. **[doc]** Dastra's custom-field docs and a real 2023 DSR payload carry it; the
//!   document closes those schemas with `additionalProperties: false` all the same.
//! - `ref` (string, at most 355 characters) on assets and actors. **[doc]** Dastra's ServiceNow
//!   and LeanIX connectors match assets on it. The length copies the DSR `refId`. **[guess]**
//! - On DSRs: `messages`, `subjectCategoryId`, `subjectCategory`, `dateDemand`,
//!   `nbMessagesIncoming`, `lastMessageDate`. **[doc]** seen in a real 2023 payload.
//! - On workflow steps: `authorizedRole`, `authorizedRoleId`; and `WorkflowType` also takes
//!   `DataSubjectRequest` (seen in the same payload) and `Asset`, `Actor`, `Contract`,
//!   `DataField` (the 2024 endpoint list gives those resources a `/workflow` route). **[doc]**
//!
//! # Contracts (`/v1/ws/{workspaceId}/Contracts`)
//!
//! Only methods and paths are known (the 2024 endpoint list). Assumed `ContractDto`: `id`
//! (uuid, because the list names a `BatchPatchDto(guid, ContractDto)`), `label` (required, at most
//! 655 like assets), `ref`, `description`, `areaId`, `state` (`Draft`, `Active`, `Expired`,
//! `Terminated`), `contractType` (`DataProcessingAgreement`, `ServiceAgreement`, `Licence`,
//! `NonDisclosure`, `JointControllerAgreement`, `Other`), `startDate`, `endDate`, `amount`,
//! `currency`, `assets` (asset ids), `signatories` (actor ids), `tags`, `versions` (number, dates,
//! description, one `active`), `archived`, `dateCreation`, `dateUpdate`, `customFields`. Lists are
//! paged like every other `…PagedList`. **[guess]** from the UI documentation of contracts
//! (title, organisational unit, linked assets, signatories as actors, versions).
//!
//! # Asset import (`Assets/import`, `Assets/import/json`)
//!
//! A multipart upload, like its documented siblings `DataProcessings/import/json` and
//! `Areas/import`: part `file` holds a CSV (`;`-separated, UTF-8, a header row of `AssetDto`
//! property names, as Dastra's own import template) or, for `/json`, a JSON array of `AssetDto`;
//! an optional part `update` (`true`/`false`) updates the assets whose `ref` matches instead of
//! creating new ones. The answer is one `AssetImportResult` (`success`, `id`, `label`, `message`)
//! per row: the documented `ReplicationResult` plus a message. **[guess]**
//!
//! # Utility endpoints
//!
//! - `GET /me` answers `MeDto`: the principal behind the key (`id`, `displayName`, `email`,
//!   `tenantId`, `role`, `workspaceIds`), open to more fields. **[guess]**: the document gives no
//!   body.
//! - `GET /rate-limiting-state` answers `RateLimitingStateDto`: one entry per window (`1m`,
//!   `10m`) with `limit`, `remaining` and `resetSeconds`. **[guess]**
//! - `GET /v1/WorkSpaces`: the document says `WorkSpaceListDto {workSpaces: […]}`, Dastra's
//!   authentication guide shows `{items, total}`. The sandbox follows the document; the client
//!   accepts both. **[doc]** (the two disagree)
//! - `GET DataSubjectAttachments/{requestId}` (2024 list only) answers a bare array of
//!   `DataSubjectAttachmentDto`; `GET Workflows` and `Workflows/{type}` answer bare arrays of
//!   `WorkFlowStepDto` (the older document's shape). **[guess]**
//!
//! # Other operations of the 2024 list
//!
//! The 2024 endpoint list names these without bodies; Passerelle assumes the shapes of their
//! documented siblings. **[guess]**
//! - Batch PATCH of assets and tasks (`Int32BatchPatchDto`) and of contracts and data fields
//!   (`GuidBatchPatchDto`): `{ids, patch: {operations}}`, like the documented
//!   `Int32ActorDtoBatchPatchDto`.
//! - `POST DataSubjectRequests/{id}/close`: an optional `DataSubjectRequestCloseDto`
//!   (`closedReason`, `closedReasonDescription`, `resolutionMessage`), the fields a closing sets.
//! - Archive and restore of contracts, one (`/archive/{id}`, no body) or many (`/archive` with a
//!   JSON array of ids), as for processing activities; `batch-delete` of data fields, processing
//!   activities and tasks with a JSON array of ids.
//! - `GET DataProcessingRelationships/count/{id}` answers a bare integer, like `Tasks/count`;
//!   `PUT Workflows` takes an array of `WorkFlowStepDto`, as the older document did.
//!
//! # Conventions
//!
//! - Errors: the document has no error schema. Passerelle expects ASP.NET Core's
//!   `ProblemDetails` (`type`, `title`, `status`, `traceId`) and, for 400,
//!   `ValidationProblemDetails` with `errors: {field: [message]}`, and reads any other body as
//!   text. **[guess]** (the backend is ASP.NET Core)
//! - Rate limiting answers 429 with `Retry-After` in seconds. **[guess]**; the budget itself
//!   (500 a minute, 10,000 per 10 minutes) is **[doc]**.
//! - Nullability: OpenAPI 3.0 cannot mark a `$ref` property nullable, and ASP.NET sends `null`
//!   for absent nested objects, so validation accepts `null` for every `$ref` property.
//!   Timestamps are accepted with and without an offset (Dastra sends both). **[doc]**
//! - Batch delete: the document's `DELETE /{Collection}` with a JSON array of ids; the 2024 list
//!   adds `POST /{Collection}/batch-delete` with, we assume, the same body. **[guess]**
//! - OAuth2 client credentials: the token request is form-encoded (standard OAuth2; the docs do
//!   not say). **[guess]**
