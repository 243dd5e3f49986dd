//! A local Dastra: the same REST API as Dastra's, answering from a seeded, realistic French
//! organisation. The app's sandbox mode runs it for people without a Dastra account, and every
//! client and system test runs against it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), passerelle_sandbox::Error> {
//! use passerelle_sandbox::{start, SandboxOptions};
//!
//! // A real server on a free port of 127.0.0.1, in memory, with the demo key pair.
//! let sandbox = start(SandboxOptions::default(), 0).await?;
//! println!("{} (X-API-Key: {})", sandbox.url(), sandbox.api_key());
//!
//! // Or in-process: an axum Router, to call with `tower::ServiceExt::oneshot`.
//! let router = passerelle_sandbox::app(passerelle_sandbox::SandboxState::in_memory());
//! # let _ = router; Ok(()) }
//! ```
//!
//! Main types: [`SandboxOptions`] (keys, token lifetime, rate windows, state file, seed, faults),
//! [`SandboxState`] (the running sandbox: store, tokens, budgets, faults), [`app`] (the router),
//! [`serve`]/[`start`] (TCP, with the connection-level faults), [`OPERATIONS`] (what is
//! implemented, spelled as in the contract) and [`Faults`].
//!
//! # Layout
//!
//! - `options` — [`SandboxOptions`], [`SeedOptions`], [`RateWindow`], [`Faults`].
//! - `state` — [`SandboxState`]; `store` — the JSON store (collections of `serde_json::Value` per
//!   workspace, keyed by id); `persist` — the state file, written atomically and debounced.
//! - `spec` — the collection table: for each collection its id kind, list shape, request and
//!   response schemas, replies, `q` fields and typed list parameters. One generic engine,
//!   `routes::crud` (with `routes::batch` and `routes::lifecycle` for batch operations,
//!   workflow moves and archiving), serves every row; `routes::special` adds what does not
//!   fit a row
//!   (identity validation, closing, workflows, relationships), `routes::tenant` the organisation
//!   routes (`/me`, `/status`, `/rate-limiting-state`), `routes::attachments` and
//!   `routes::import` the file routes.
//! - `cmdb` (feature `cmdb`) — a CMDB-style API beside the sandbox, for REST recipes to read.
//! - `routes` — the router; paths are lowercased before routing, so matching ignores case as
//!   ASP.NET's does.
//! - `query` (paging, `q`, typed parameters, sorting) and `rules` (evaluation of `filters` with
//!   [`passerelle_dastra::filter::Filter`]).
//! - `views` — derived fields computed on read, server fields kept on write, per-collection
//!   defaults on create.
//! - `validate` — the one call to [`passerelle_dastra::contract::validate`], and its
//!   ValidationProblemDetails; `error` — [`ApiError`] (every failed request) and [`Error`].
//! - `auth` (API key, `/connect/token`, bearer tokens), `rate` (budgets), `faults` (injection
//!   and the `/_sandbox` admin routes), `server` (TCP serving).
//! - `seed` — the deterministic organisation: "Groupe Ormeaux", workspace 1 "Ormeaux — Siège"
//!   (areas Siège, Boutique en ligne, Service client, Ressources humaines, Filiale Lyon; five
//!   teams; 13 tags; workflows for requests, tasks and processings; 40 requests, 150 assets,
//!   60 actors, 25 contracts, 19 data fields, 15 processing activities, 20 tasks, links) and
//!   workspace 2 "Ormeaux Santé" (smaller); 8 tenant users, one of them the API user.
//!
//! # Faults
//!
//! Set at start ([`SandboxOptions::faults`]) or at run time with `PUT /_sandbox/faults` (a
//! [`Faults`] as camelCase JSON: `latencyMs`, `errorRate`, `seed`, `burst429`,
//! `retryAfterSeconds`, `dropMidBody`, `failAfterCommit`, `failAfterPatch`; omitted fields reset
//! to 0), read with
//! `GET /_sandbox/faults` (counters show what is left); `POST /_sandbox/reset` reseeds. The admin
//! routes need no key and answer on loopback only. Faults apply to `/v1` requests, in this
//! order: latency, then a 429 of the burst, then a 503 drawn at the error rate (seeded, so
//! repeatable), then the request is authenticated and served; a cut body sends the status,
//! headers and half of the body, then aborts the connection; "fail after commit" carries out a
//! POST (and "fail after patch" a PATCH) and closes the connection without answering. Those
//! need [`serve`]/[`start`]: under `oneshot` the response is whole and only carries
//! [`AbortConnection`].
//!
//! # Assumptions where the contract is silent
//!
//! The contract is `passerelle_dastra`'s merged document (Dastra's 2023 OpenAPI plus the
//! overlay); request bodies are validated against it, so unknown properties are refused where a
//! schema says `additionalProperties: false`. Beyond it, the sandbox assumes:
//!
//! 1. **Errors** are ASP.NET Core problem documents (`application/problem+json`): `type`,
//!    `title`, `status`, `detail`, `traceId`. Invalid bodies are ValidationProblemDetails:
//!    `{"title": "One or more validation errors occurred.", "status": 400, "errors":
//!    {"label": ["The field label is required."]}}`, keyed by field path (`tags[0].type`; `$`
//!    for the whole body, and for malformed JSON). Messages never repeat the offending value.
//! 2. **Status codes**: 200 for every success, creates included (the contract documents no
//!    other). 400 bad body or query; 401 missing, unknown or expired credentials (with
//!    `WWW-Authenticate: Bearer`); 404 unknown path, workspace, collection or id (an id of the
//!    wrong form too); 405 a method the path does not have; 429 over budget with `Retry-After`
//!    in seconds; 503 only when injected.
//! 3. **Paging**: on paged lists, `size` above 500 or below 1 and `page` below 1 are refused
//!    with a 400 naming the parameter, not clamped, so a client asking for more than the
//!    contract allows learns it at once. `skip` wins over `page`; the envelope echoes `page` and
//!    `size`. Bare-array lists are not paged and ignore these parameters.
//! 4. **Sorting**: `sortBy` is a property path, any case; `asc` defaults to `true`; nulls first
//!    when ascending (SQL Server's order); ties and unsorted lists keep insertion (id) order.
//!    `Tags` with only `asc` sorts by label.
//! 5. **`filters`** (see `rules`): string equality ignores case (SQL Server collation),
//!    `contains` ignores case and accents, dates compare as instants whatever their offset form,
//!    a path crossing an array matches when any element does and negations hold when none does,
//!    a missing property is `null`, property names, separators and operators match any case, a
//!    top-level array is an `And` group. `isNotEmpty` is supported; `regex`, `includeAll`,
//!    `excludeAll` are not (400).
//! 6. **`q`**: every whitespace-separated term must occur, ignoring case and accents, in the
//!    collection's main text fields (listed per collection in `spec`).
//! 7. **Typed list parameters** bind from repeated keys, `name[]` and `name[N]`. An absent
//!    `archived` means `false` (ASP.NET's default): archived requests, processings, contracts
//!    and tasks are listed only with `archived=true`. `overtaking` means past `expiryTime`
//!    (tasks: `deadline`) and not closed. Actors' `referencedAs` has no property in `ActorDto`:
//!    the sandbox keeps it privately (seeded; `Vendor` for new actors) and never sends it.
//!    GenericRelationships' `objectIds`/`objectType`/`targetType` match either end of a link.
//!    Contracts take `areaId`, `states`, `tags`, `assetId` and `stakeholderId` (from
//!    `Contracts/count`). `select` is ignored: items are always whole.
//! 8. **Lists**: `/v1/WorkSpaces` answers the contract's `WorkSpaceListDto`
//!    (`{"workSpaces": [...]}`), not the `{items, total}` of the docs' example; Tags,
//!    GenericRelationships, Workflows, attachments and processing links are bare arrays; Teams
//!    lists `TeamItemDto` rows (`nbUsers`, `default`).
//! 9. **Creates**: integer ids increase and are unique across workspaces (database identities);
//!    UUIDs are v4. The server sets `dateCreation`, `creator` (the organisation's API user) and
//!    per-collection defaults (a request starts `Open` at the initial workflow step, channel
//!    `Internal`, `expiryTime` = now + 30 days; a processing starts `Draft`; a contract `Draft`
//!    with version 1 active). An `areaId` must name an area of the workspace (400 otherwise).
//!    `POST DataSubjectRequests` answers `DataSubjectRequestLightDto`: the request without
//!    `closedByUser`, `area`, `creator`, `operator`, `operatorId`, `attachments`, `tags`,
//!    `messages`, `subjectCategory`, `nbMessagesIncoming`, `lastMessageDate`.
//! 10. **Reads compute**: a request's `area`, `workFlowStep`, `operator`, `attachments`,
//!     `identityValidated`, `remainingDays` (whole days from today to `expiryTime`, negative
//!     once overdue, `null` when closed) and `closingTime` (days from creation to closing); a
//!     task's `owner`, `assignedToUser`, `area`, `workFlowStep`, `remainingDays`; an actor's
//!     `displayName`. Sent values of computed fields are ignored. Request dates are written like
//!     the 2023 sample (no offset, seven fractional digits), other dates as RFC 3339 with `Z`.
//! 11. **PUT** replaces the whole item; the id comes from the path; `dateCreation`, `creator`,
//!     `creatorUser` and private fields are kept; `dateUpdate` is set. The body follows the
//!     operation's request schema, which for tasks and areas is not the read schema
//!     (`TaskCreateUpdateDto`, `AreaBaseDto`). Replies follow the contract: Actors, Areas,
//!     Teams and GenericRelationships answer no body, the others the item.
//! 12. **PATCH** applies RFC 6902 as ASP.NET's JsonPatch does: path segments match properties
//!     whatever their case, `replace` of an absent property adds it, `remove` of an absent one
//!     does nothing; the result must follow the read schema; 200 without body. Batch PATCH
//!     `{ids, patch: {operations}}` (or `patch: [...]`) is all-or-nothing, on Actors and
//!     DataProcessings (documented) and Assets, DataFields, Tasks, Contracts (2024 list).
//! 13. **DELETE** answers no body (DataFields and TenantUsers answer the removed item, as
//!     documented). Batch delete takes a JSON array of ids (or `{ids}`) as `DELETE
//!     /{Collection}` or `POST /{Collection}/batch-delete`; unknown ids are ignored. Deleting a
//!     request deletes its attachments and their files.
//! 14. **Workflow moves** (`POST /workflow {id, stepId}`) set `workFlowStepId`; for requests
//!     and tasks the step's `mappedState` becomes the state (`Closed` sets `dateClosed`). A step
//!     of another workflow type is a 400. Processings answer the `GuidWorkflowUpdateDto` sent.
//!     `Workflows/{type}` accepts `DataSubjectRequest` for `DataSubject`. `PUT Workflows` saves
//!     `WorkFlowStepDto[]`: known ids replaced, others added, missing steps of the types present
//!     removed. Archiving sets `archived` and `archivedDate` (processings: `dateArchived` and
//!     state `Archived`). `POST DataSubjectRequests/{id}/close` reads an optional
//!     `{closedReason (default Accepted), closedReasonDescription, resolutionMessage}` and
//!     moves the request to the final step.
//! 15. **Relationships**: `POST GenericRelationships` creates one link per target id
//!     (`create` + `newLabel` first creates an actor or an asset) and answers no body.
//!     `POST DataProcessingRelationships/{id}` links processing `{id}` to `element.id` (or to a
//!     new processing named `label` with `create`); `GET …/{dataProcessingId}` lists the links
//!     from that processing; `DELETE …/{id}` takes the link's id.
//! 16. **Attachments**: the first part named `File` (any case) is streamed to disk (4 GiB at
//!     most), in `<state file stem>.files/` beside the state file or a temporary directory.
//!     The answer is `DataSubjectAttachmentDto` (`label` = file name, `deleted` once purged,
//!     `expired` past `expiration`). Downloads stream with `Content-Type` from the extension
//!     and `Content-Disposition: attachment`, count `nbDownload`, ignore `saveAs`; a purged
//!     file is a 404.
//! 17. **Assets/import** (the shape the lead fixed, also in the contract overlay): multipart
//!     part `file`, optional part `update` (`true`/`false`, default false). `Assets/import`
//!     reads a `;`-separated UTF-8 CSV (BOM allowed, quotes honoured) whose header row names
//!     AssetDto properties (any case, e.g. `label;type;ref;description;applicationState`);
//!     empty cells are absent. `Assets/import/json` reads a JSON array of AssetDto. `id`, dates
//!     and `creator` in rows are ignored. Each row is validated against AssetDto; with `update`,
//!     a row whose `ref` equals an existing asset's updates the fields it gives, otherwise every
//!     row creates. The answer is one `{"success", "id", "label", "message"}` per row
//!     (ReplicationResult plus `message`: `created`, `updated` or the validation errors).
//! 18. **Contracts** follow the overlay's `ContractDto` (uuid ids, paged, archivable, batch
//!     patch and delete). Versions and signatures routes are not implemented.
//! 19. **Auth**: `X-API-Key: <private key>`; `POST /connect/token` with a form body
//!     (`grant_type=client_credentials`, `scope` containing `api1` when given) and the client as
//!     `Authorization: Basic base64(public:private)` or `client_id`/`client_secret` fields,
//!     answering `{access_token, expires_in, token_type: "Bearer", scope: "api1"}` with an
//!     opaque token (lifetime [`SandboxOptions::token_lifetime`], 3600 s by default); OAuth
//!     errors have RFC 6749's shape (`invalid_client` 401, `unsupported_grant_type` and
//!     `invalid_scope` 400). API calls also accept `Authorization: Basic public:private` (the
//!     document's `basic` scheme). One organisation, one organisation-wide key pair; the demo
//!     credentials are `sandbox-public` / `sandbox-secret`.
//! 20. **Budgets** are per key (its public part): sliding windows of 500 requests a minute and
//!     10,000 per ten minutes; only authenticated requests count, refused ones do not; a 429's
//!     `Retry-After` is the time until a slot frees. `/rate-limiting-state` answers
//!     `{"limits": [{"window": "1m", "limit": 500, "remaining": 499, "resetSeconds": 60}, …]}`.
//! 21. **`/me`** answers the API user's `UserDto` plus `workspaceIds`, `workSpaces`
//!     (`[{id, label}]`), `tenant` (`{id, label}`) and `apiKey` (`{publicKey, scope}`).
//!     **`/status`** needs no key: `{"status": "Healthy", "sandbox": true, "version": …}`.
//! 22. **Time**: "now" is [`SeedOptions::today`] when set (tests pin it), else the system clock.
//!
//! # Left out
//!
//! Picker (`/query`), stats, dashboard, columns, export and clone endpoints; DSR messages and
//! per-processing handling; webhooks; CloudStorage; workspace `Users` and roles; contract
//! versions and signatures; area import and hierarchy; custom-field definitions (any
//! `customFields` object the overlay allows is kept as sent); keys scoped to one workspace (the
//! sandbox key sees every workspace, so there is no 403).
//!
//! Logging is at debug and trace only; counts and ids, never values.

#![deny(missing_docs)]
#![recursion_limit = "256"]

mod auth;
#[cfg(any(test, feature = "cmdb"))]
pub mod cmdb;
mod error;
mod faults;
mod operations;
mod options;
mod persist;
mod query;
mod rate;
mod routes;
mod rules;
mod seed;
mod server;
mod spec;
mod state;
mod store;
mod text;
mod validate;
mod views;

pub use error::{ApiError, Error, Result};
pub use faults::AbortConnection;
pub use operations::OPERATIONS;
pub use options::{Faults, RateWindow, SandboxOptions, SeedOptions};
pub use rate::{RateLimiter, WindowState};
pub use routes::app;
pub use seed::{HEALTH_WORKSPACE, MAIN_WORKSPACE};
pub use server::{serve, serve_with_shutdown, start, start_with_state, RunningSandbox};
pub use state::{SandboxState, TokenCheck};
pub use store::Store;
