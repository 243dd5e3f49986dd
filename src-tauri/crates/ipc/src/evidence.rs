//! The evidence commands: build a reviewed job's package, show its report, attach it to the
//! request in Dastra (once only) and update the request; and the audit log's commands.
//!
//! Every action that reads personal data or writes to Dastra is appended to the audit log
//! (who, what, when, which request, counts — never values) by [`Api::audit`].

use std::path::PathBuf;

use chrono::Utc;
use passerelle_audit::{Actor, AuditAction, AuditEvent, AuditFilter, AuditLog, Count, Id};
use passerelle_dastra::models::{DataSubjectRequestDto, DataSubjectRequestState};
use passerelle_discovery::package::{RequestSummary, SourceKind};
use passerelle_discovery::{PackageInput, RequestUpdate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::Api;
use crate::discovery::JobIdRequest;
use crate::error::{ErrorCode, IpcError};

/// A file of a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackageFile {
    /// Its name in the zip.
    pub name: String,
    /// Its SHA-256, in hex.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// `package_build`: the package written, and its report to read before sending.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackageView {
    /// The job it was built from.
    pub job_id: String,
    /// The request it answers.
    pub request_id: i32,
    /// The zip's file name (`passerelle-dsar-1012-1a2b3c4d.zip`).
    pub file_name: String,
    /// Where it is on this computer.
    pub path: String,
    /// Its size.
    pub bytes: u64,
    /// Its SHA-256, in hex.
    pub sha256: String,
    /// Its files, manifest included.
    pub files: Vec<PackageFile>,
    /// Findings included.
    pub included: u64,
    /// Findings excluded by the DPO.
    pub excluded: u64,
    /// Findings left undecided (not in the package).
    pub undecided: u64,
    /// Redactions applied.
    pub redactions: u64,
    /// The report's file name in the zip.
    pub report_name: String,
    /// The report, self-contained HTML (no scripts, no remote content).
    pub report_html: String,
}

/// `package_attach`: send a built package and, as the DPO chooses, update the request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackageAttachRequest {
    /// The request.
    pub request_id: i32,
    /// The package's file name, as `package_build` gave it.
    pub file_name: String,
    /// The request's new state (`Open`, `IdentityValidation`, `Processing`, `Active`,
    /// `Closed`).
    #[ts(optional)]
    pub state: Option<String>,
    /// The request's new workflow step id.
    #[ts(optional)]
    pub workflow_step: Option<i32>,
    /// The resolution message.
    #[ts(optional)]
    pub resolution_message: Option<String>,
}

/// What attaching did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachView {
    /// The attachment's id in Dastra.
    pub attachment_id: String,
    /// It was there already: nothing was uploaded again.
    pub already_attached: bool,
    /// Changes sent to the request.
    pub changes: u32,
    /// The request's state now.
    pub state: String,
}

/// `audit_list`: a page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditListRequest {
    /// Only this request's entries.
    #[ts(optional)]
    pub request_id: Option<i64>,
    /// Entries per page (50 by default).
    #[ts(optional)]
    pub limit: Option<u32>,
    /// Entries to skip.
    #[serde(default)]
    pub offset: u32,
}

/// An entry of the audit log, as the Audit screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditEntryView {
    /// Its number in the chain.
    pub seq: u64,
    /// When (RFC 3339, UTC).
    pub time: String,
    /// Who.
    pub actor: String,
    /// What (`discoveryStarted`, `attachmentUploaded`…).
    pub action: String,
    /// Which request.
    #[ts(optional)]
    pub request_id: Option<i64>,
    /// Which job or import.
    #[ts(optional)]
    pub job: Option<String>,
    /// How much: `(count name, number)`.
    pub counts: Vec<(String, u64)>,
    /// Its hash.
    pub hash: String,
}

/// A page of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditPageView {
    /// The entries.
    pub entries: Vec<AuditEntryView>,
    /// Entries matching, all pages.
    pub total: u64,
}

/// `audit_verify`: no parameters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditVerifyRequest {}

/// Whether the chain holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditVerifyView {
    /// Entries checked.
    pub entries: u64,
    /// Every link holds.
    pub ok: bool,
    /// The first entry that does not.
    #[ts(optional)]
    pub broken_at: Option<u64>,
    /// Why, in words.
    #[ts(optional)]
    pub reason: Option<String>,
    /// The last entry's number and hash as `SEQ:HASH` (the form `passerelle audit verify
    /// --head` takes), to note down and compare later.
    #[ts(optional)]
    pub head: Option<String>,
}

fn audit_error(e: passerelle_audit::Error) -> IpcError {
    IpcError::new(ErrorCode::Internal, e.to_string())
}

fn discovery_error(e: passerelle_discovery::Error) -> IpcError {
    let code = match &e {
        passerelle_discovery::Error::NoSuchJob { .. } => ErrorCode::NotFound,
        passerelle_discovery::Error::Dastra { .. } => ErrorCode::Unreachable,
        _ => ErrorCode::Internal,
    };
    IpcError::new(code, e.to_string())
}

impl Api {
    /// Append an entry to the audit log; a log that cannot be written is logged, not fatal
    /// to the action (the action happened: refusing to report it would lose it twice).
    pub(crate) async fn audit(
        &self,
        action: AuditAction,
        build: impl FnOnce(AuditEvent) -> AuditEvent,
    ) {
        let Some(log) = &self.audit else {
            return;
        };
        let actor = Actor::new(crate::discovery::reviewer())
            .unwrap_or_else(|_| Actor::new("DPO").expect("a plain word is a valid actor"));
        if let Err(e) = log.append(&build(AuditEvent::new(actor, action))).await {
            tracing::error!(error = %e, action = action.as_str(), "audit entry not written");
        }
    }

    fn packages_dir(&self) -> Result<PathBuf, IpcError> {
        self.packages.clone().ok_or_else(|| {
            IpcError::new(
                ErrorCode::Unsupported,
                "this build keeps no folder for packages",
            )
        })
    }

    /// `package_build`
    pub async fn package_build(&self, req: JobIdRequest) -> Result<PackageView, IpcError> {
        let store = self.findings_store()?;
        let job = store.job(&req.job_id).await.map_err(discovery_error)?;
        let request_id = job.spec.request_id as i32;
        let dsar = self
            .current_client()
            .get::<DataSubjectRequestDto>(&request_id)
            .await?;
        let sources = passerelle_discovery::package::package_sources(&job, |id| {
            let profile = self.vault.get(&id.into()).ok()?;
            SourceKind::of(&profile.settings)
        });
        let input = PackageInput {
            findings: store.findings(&req.job_id).await.map_err(discovery_error)?,
            reviews: store.reviews(&req.job_id).await.map_err(discovery_error)?,
            issues: store.issues(&req.job_id).await.map_err(discovery_error)?,
            request: RequestSummary::from_dto(&dsar),
            job,
            sources,
            reviewer: crate::discovery::reviewer(),
            built_at: Utc::now(),
        };
        let out = self.packages_dir()?;
        let report = tokio::task::spawn_blocking(move || {
            let report = passerelle_discovery::build_package(&input, &out)?;
            let (name, html) = passerelle_discovery::package_report(&report.path)?;
            Ok::<_, passerelle_discovery::Error>((report, name, html))
        })
        .await
        .expect("BUG: building a package panicked");
        let (report, report_name, report_html) = report.map_err(discovery_error)?;

        let job_id = Id::job(&req.job_id).ok();
        self.audit(AuditAction::PackageBuilt, |e| {
            let e = e
                .request(i64::from(request_id))
                .count(Count::Included, report.included)
                .count(Count::Excluded, report.excluded)
                .count(Count::Redacted, report.redactions)
                .count(Count::Bytes, report.bytes);
            match job_id {
                Some(id) => e.job(id),
                None => e,
            }
        })
        .await;
        Ok(PackageView {
            job_id: req.job_id,
            request_id,
            file_name: file_name(&report.path),
            path: report.path.display().to_string(),
            bytes: report.bytes,
            sha256: report.sha256.clone(),
            files: report
                .files
                .iter()
                .map(|(name, sha256, bytes)| PackageFile {
                    name: name.clone(),
                    sha256: sha256.clone(),
                    bytes: *bytes,
                })
                .collect(),
            included: report.included,
            excluded: report.excluded,
            undecided: report.undecided,
            redactions: report.redactions,
            report_name,
            report_html,
        })
    }

    /// `package_attach`
    pub async fn package_attach(&self, req: PackageAttachRequest) -> Result<AttachView, IpcError> {
        let name = req.file_name.trim();
        let plain = !name.is_empty()
            && !name.contains(['/', '\\'])
            && !name.starts_with('.')
            && name.ends_with(".zip");
        if !plain {
            let msg = format!("{name:?} is not a package name: build the package first");
            return Err(IpcError::new(ErrorCode::Invalid, msg));
        }
        let path = self.packages_dir()?.join(name);
        if !path.is_file() {
            let msg =
                format!("the package {name} is not on this computer any more: build it again");
            return Err(IpcError::new(ErrorCode::NotFound, msg));
        }
        let state = match req.state.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(state) => Some(parse_state(state)?),
        };

        let client = self.current_client();
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let outcome =
            passerelle_discovery::attach_package(&client, req.request_id, &path, |_, _| {})
                .await
                .map_err(discovery_error)?;
        if !outcome.already_attached {
            self.audit(AuditAction::AttachmentUploaded, |e| {
                e.request(i64::from(req.request_id))
                    .count(Count::Bytes, bytes)
            })
            .await;
        }
        let update = RequestUpdate {
            state,
            workflow_step: req.workflow_step,
            resolution_message: req.resolution_message.filter(|m| !m.trim().is_empty()),
        };
        let ops = passerelle_discovery::update_request(&client, req.request_id, update)
            .await
            .map_err(discovery_error)?;
        if !ops.is_empty() {
            self.audit(AuditAction::RequestUpdated, |e| {
                e.request(i64::from(req.request_id))
                    .count(Count::Updated, ops.len() as u64)
            })
            .await;
        }
        let now: DataSubjectRequestDto = client.get(&req.request_id).await?;
        Ok(AttachView {
            attachment_id: outcome.attachment_id.to_string(),
            already_attached: outcome.already_attached,
            changes: ops.len() as u32,
            state: serde_json::to_value(now.state)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        })
    }

    fn audit_log(&self) -> Result<&AuditLog, IpcError> {
        self.audit.as_ref().ok_or_else(|| {
            IpcError::new(
                ErrorCode::Unsupported,
                "the audit log could not be opened at start",
            )
        })
    }

    /// `audit_list`
    pub async fn audit_list(&self, req: AuditListRequest) -> Result<AuditPageView, IpcError> {
        let filter = AuditFilter {
            request: req.request_id,
            limit: Some(req.limit.unwrap_or(50).clamp(1, 500)),
            offset: req.offset,
            ..Default::default()
        };
        let page = self.audit_log()?.list(&filter).await.map_err(audit_error)?;
        Ok(AuditPageView {
            total: page.total,
            entries: page
                .entries
                .into_iter()
                .map(|e| AuditEntryView {
                    seq: e.seq,
                    time: e.time.to_rfc3339(),
                    actor: e.actor.as_str().to_string(),
                    action: e.action.as_str().to_string(),
                    request_id: e.request,
                    job: e.job.map(|j| j.as_str().to_string()),
                    counts: e
                        .counts
                        .iter()
                        .map(|(c, n)| (c.as_str().to_string(), *n))
                        .collect(),
                    hash: e.hash,
                })
                .collect(),
        })
    }

    /// `audit_verify`
    pub async fn audit_verify(
        &self,
        _req: AuditVerifyRequest,
    ) -> Result<AuditVerifyView, IpcError> {
        let report = self.audit_log()?.verify().await.map_err(audit_error)?;
        Ok(AuditVerifyView {
            entries: report.entries,
            ok: report.ok,
            broken_at: report.first_broken.as_ref().map(|b| b.seq),
            reason: report
                .first_broken
                .as_ref()
                .map(|b| b.reason.describe().to_string()),
            head: report.head.map(|h| format!("{}:{}", h.seq, h.hash)),
        })
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn parse_state(state: &str) -> Result<DataSubjectRequestState, IpcError> {
    let known = [
        "Open",
        "IdentityValidation",
        "Processing",
        "Active",
        "Closed",
    ];
    let Some(found) = known.iter().find(|k| k.eq_ignore_ascii_case(state)) else {
        let msg = format!(
            "{state:?} is not a request state: use one of {}",
            known.join(", ")
        );
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    };
    serde_json::from_value(serde_json::Value::String(found.to_string()))
        .map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))
}
