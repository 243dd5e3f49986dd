//! The evidence commands: build a reviewed job's package, show its report, attach it to the
//! request in Dastra (once only) and update the request; and the audit log's commands.
//!
//! Every action that reads personal data or writes to Dastra is appended to the audit log
//! (who, what, when, which request, counts — never values) by [`Api::audit`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Utc;
use passerelle_audit::{
    Actor, AuditAction, AuditEvent, AuditFilter, AuditLog, Count, ExportFormat, Id,
};
use passerelle_dastra::models::{DataSubjectRequestDto, DataSubjectRequestState, WorkFlowStepDto};
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The request's new workflow step id.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow_step: Option<i32>,
    /// The resolution message.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// `attach_progress`: how much of a package has been sent to Dastra.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachProgressEvent {
    /// The request.
    pub request_id: i32,
    /// The package's file name.
    pub file_name: String,
    /// Bytes sent so far.
    pub sent: u64,
    /// Bytes to send.
    pub total: u64,
}

/// `package_get`: the package built last from a job, if it is still on this computer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PackageLatest {
    /// The package, as `package_build` described it.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageView>,
}

/// `dsar_workflow`: the steps a request can be moved to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkflowRequest {
    /// The request.
    pub request_id: i32,
}

/// A step of the requests' workflow, as the workspace defines it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkflowStepView {
    /// Its id.
    pub id: i32,
    /// Its name, as the workspace wrote it.
    pub label: String,
    /// The state a request at this step is in (`Open`, `Processing`, `Closed`…).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapped_state: Option<String>,
    /// The workflow's last step.
    pub final_step: bool,
}

/// The steps of the requests' workflow, in order, and where the request is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WorkflowView {
    /// The steps, in their order.
    pub steps: Vec<WorkflowStepView>,
    /// The request's step now.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<i32>,
}

/// `audit_export`: write the whole log to a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditExportRequest {
    /// `json` or `csv`.
    pub format: String,
    /// The file the DPO chose in the save dialog; absent, a new file in the exports folder.
    /// Its extension, if any, must be the format's; without one, the format's is added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
}

/// What `audit_export` wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditExportView {
    /// The file written, whole.
    pub path: String,
    /// Entries in it.
    pub entries: u64,
    /// The last entry's number and hash as `SEQ:HASH`.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
}

/// `audit_list`: a page of the audit log, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AuditListRequest {
    /// Only this request's entries.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<i64>,
    /// Entries per page (50 by default).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<i64>,
    /// Which job or import.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken_at: Option<u64>,
    /// Why, in words.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The last entry's number and hash as `SEQ:HASH` (the form `passerelle audit verify
    /// --head` takes), to note down and compare later.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// [`Api::audit`] on a log taken along (by a task that outlives the command).
pub(crate) async fn append_audit(
    log: Option<&AuditLog>,
    action: AuditAction,
    build: impl FnOnce(AuditEvent) -> AuditEvent,
) {
    let Some(log) = log else {
        return;
    };
    let actor = Actor::new(crate::discovery::reviewer())
        .unwrap_or_else(|_| Actor::new("DPO").expect("a plain word is a valid actor"));
    if let Err(e) = log.append(&build(AuditEvent::new(actor, action))).await {
        tracing::error!(error = %e, action = action.as_str(), "audit entry not written");
    }
}

impl Api {
    /// Append an entry to the audit log; a log that cannot be written is logged, not fatal
    /// to the action (the action happened: refusing to report it would lose it twice).
    pub(crate) async fn audit(
        &self,
        action: AuditAction,
        build: impl FnOnce(AuditEvent) -> AuditEvent,
    ) {
        append_audit(self.audit.as_ref(), action, build).await;
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
        let view = PackageView {
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
        };
        remember_package(&self.packages_dir()?, &view).map_err(|e| {
            let msg = format!(
                "the package {} was built, but the note that lets this window find it after a \
                 reload could not be written ({e}): check the free space of the app's folder",
                view.file_name
            );
            IpcError::new(ErrorCode::Internal, msg)
        })?;
        Ok(view)
    }

    /// `package_get`
    pub async fn package_get(&self, req: JobIdRequest) -> Result<PackageLatest, IpcError> {
        let dir = self.packages_dir()?;
        Ok(PackageLatest {
            package: recall_package(&dir, &req.job_id),
        })
    }

    /// `dsar_workflow`
    pub async fn dsar_workflow(&self, req: WorkflowRequest) -> Result<WorkflowView, IpcError> {
        let client = self.current_client();
        let dsar: DataSubjectRequestDto = client.get(&req.request_id).await?;
        let path = client.workspace_path("Workflows/DataSubject")?;
        let answer = client.get_json(&path, &[]).await?;
        // A bare array of `WorkFlowStepDto` (see `passerelle_dastra::assumptions`); `{items}`
        // is read too.
        let items = answer
            .get("items")
            .cloned()
            .unwrap_or(answer)
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut steps: Vec<WorkFlowStepDto> = items
            .into_iter()
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect();
        steps.sort_by_key(|s| s.order.unwrap_or(i32::MAX));
        Ok(WorkflowView {
            steps: steps
                .into_iter()
                .filter_map(|s| {
                    Some(WorkflowStepView {
                        id: s.id?,
                        label: s.label,
                        mapped_state: s.mapped_state,
                        final_step: s.final_step.unwrap_or(false),
                    })
                })
                .collect(),
            current: dsar.work_flow_step_id,
        })
    }

    /// `audit_export`: the whole log, oldest first, in a new file of the exports folder
    /// (`passerelle-audit-20261204-101500.json`), written whole or not at all.
    pub async fn audit_export(&self, req: AuditExportRequest) -> Result<AuditExportView, IpcError> {
        let word = req.format.trim().to_ascii_lowercase();
        let format: ExportFormat = word.parse().map_err(|_| {
            let msg = format!(
                "{:?} is not an export format: choose json or csv",
                req.format
            );
            IpcError::new(ErrorCode::Invalid, msg)
        })?;
        let log = self.audit_log()?;
        let chosen = match req.path.as_deref().map(str::trim) {
            Some(path) if !path.is_empty() => Some(chosen_export_file(path, &word)?),
            _ => None,
        };
        let dir = match &chosen {
            Some(file) => file.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => self.exports.clone().ok_or_else(|| {
                IpcError::new(
                    ErrorCode::Unsupported,
                    "this build has no folder to export to",
                )
            })?,
        };
        let cannot = |what: &str, e: &dyn std::fmt::Display| {
            let msg = format!(
                "the audit export could not be {what} in {} ({e}): check that the folder \
                 exists and can be written to",
                dir.display()
            );
            IpcError::new(ErrorCode::Invalid, msg)
        };
        if chosen.is_none() {
            std::fs::create_dir_all(&dir).map_err(|e| cannot("written", &e))?;
        }
        let file = tempfile::NamedTempFile::new_in(&dir).map_err(|e| cannot("written", &e))?;
        let summary = log
            .export(std::io::BufWriter::new(file.as_file()), format)
            .await
            .map_err(|e| cannot("written", &e))?;
        file.as_file()
            .sync_all()
            .map_err(|e| cannot("written", &e))?;
        let target = match chosen {
            // The save dialog has asked before replacing a file: the rename replaces it whole.
            Some(target) => {
                file.persist(&target)
                    .map_err(|e| cannot("saved", &e.error))?;
                target
            }
            None => {
                let stamp = Utc::now().format("%Y%m%d-%H%M%S");
                let mut target = dir.join(format!("passerelle-audit-{stamp}.{word}"));
                let mut n = 1;
                while target.exists() {
                    n += 1;
                    target = dir.join(format!("passerelle-audit-{stamp}-{n}.{word}"));
                }
                file.persist_noclobber(&target)
                    .map_err(|e| cannot("saved", &e.error))?;
                target
            }
        };
        self.audit(AuditAction::AuditExported, |e| {
            e.count(Count::Entries, summary.entries)
        })
        .await;
        Ok(AuditExportView {
            path: target.display().to_string(),
            entries: summary.entries,
            head: summary.head.map(|h| format!("{}:{}", h.seq, h.hash)),
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
        let events = Arc::clone(&self.events);
        let mut step = ProgressStep::default();
        let progress = |sent: u64, total: u64| {
            if step.worth_telling(sent, total) {
                events.attach_progress(AttachProgressEvent {
                    request_id: req.request_id,
                    file_name: name.to_string(),
                    sent,
                    total,
                });
            }
        };
        let outcome =
            passerelle_discovery::attach_package(&client, req.request_id, &path, progress)
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

/// Throttles upload progress to one event per percent (and the last one).
#[derive(Default)]
struct ProgressStep {
    told: Option<u64>,
}

impl ProgressStep {
    fn worth_telling(&mut self, sent: u64, total: u64) -> bool {
        let percent = sent.saturating_mul(100).checked_div(total).unwrap_or(100);
        let worth = sent >= total || self.told.is_none_or(|told| percent > told);
        if worth {
            self.told = Some(percent);
        }
        worth
    }
}

/// Where the package built last from `job` is described: `jobs/<job>.json` in the packages
/// folder. Job ids are UUIDs; anything else names no file.
fn package_note(dir: &Path, job: &str) -> Option<PathBuf> {
    let plain = !job.is_empty() && job.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    plain.then(|| dir.join("jobs").join(format!("{job}.json")))
}

/// Note the package built from its job, written to a temporary file then renamed.
fn remember_package(dir: &Path, view: &PackageView) -> std::io::Result<()> {
    let Some(note) = package_note(dir, &view.job_id) else {
        return Ok(());
    };
    let folder = note.parent().expect("a note is in the jobs folder");
    std::fs::create_dir_all(folder)?;
    let mut file = tempfile::NamedTempFile::new_in(folder)?;
    serde_json::to_writer(&mut file, view).map_err(std::io::Error::other)?;
    file.as_file().sync_all()?;
    file.persist(&note).map_err(|e| e.error)?;
    Ok(())
}

/// The package noted for `job`, if its zip is still there, the same size.
fn recall_package(dir: &Path, job: &str) -> Option<PackageView> {
    let note = package_note(dir, job)?;
    let view: PackageView = serde_json::from_slice(&std::fs::read(note).ok()?).ok()?;
    let zip = dir.join(&view.file_name);
    let same = std::fs::metadata(&zip).is_ok_and(|m| m.len() == view.bytes);
    (same && view.job_id == job && !view.file_name.contains(['/', '\\'])).then_some(view)
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

/// The file an audit export was asked to go to: an absolute path in a folder that exists, with
/// the format's extension (added when it has none).
fn chosen_export_file(path: &str, format: &str) -> Result<PathBuf, IpcError> {
    let invalid = |msg: String| IpcError::new(ErrorCode::Invalid, msg);
    let mut file = PathBuf::from(path);
    if !file.is_absolute() {
        return Err(invalid(format!(
            "{path:?} is not a full path: choose the file with « Browse… » or type its whole path"
        )));
    }
    if file.is_dir() {
        return Err(invalid(format!(
            "{} is a folder: choose a file name in it",
            file.display()
        )));
    }
    match file.extension().and_then(|e| e.to_str()) {
        None => {
            file.set_extension(format);
        }
        Some(ext) if ext.eq_ignore_ascii_case(format) => {}
        Some(ext) => {
            return Err(invalid(format!(
                "{path:?} ends in .{ext}, but the export is in {format}: give the file the \
                 .{format} extension"
            )));
        }
    }
    match file.parent() {
        Some(dir) if dir.is_dir() => Ok(file),
        _ => Err(invalid(format!(
            "the folder of {} does not exist: choose a folder that does",
            file.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_progress_is_told_once_per_percent_and_at_the_end() {
        let mut step = ProgressStep::default();
        let told: Vec<u64> = [0, 5, 9, 10, 15, 20, 999, 1000]
            .into_iter()
            .filter(|&sent| step.worth_telling(sent, 1000))
            .collect();
        assert_eq!(told, vec![0, 10, 20, 999, 1000]);
        assert!(
            ProgressStep::default().worth_telling(0, 0),
            "an empty file is sent at once"
        );
    }

    #[test]
    fn a_package_note_is_named_by_a_plain_job_id_only() {
        let dir = Path::new("/data/packages");
        assert_eq!(
            package_note(dir, "0b5c-41d2"),
            Some(dir.join("jobs").join("0b5c-41d2.json"))
        );
        for bad in ["", "../x", "a/b", "a.json", "é"] {
            assert_eq!(package_note(dir, bad), None, "{bad:?}");
        }
    }
}
