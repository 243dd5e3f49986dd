//! Handing a package to Dastra: attach it to its request once and only once, then update the
//! request (state, workflow step, resolution message) with a JSON Patch.
//!
//! [`attach_package`] is safe to run again after any failure. A package's name embeds the
//! start of its SHA-256 (`passerelle-dsar-1012-<sha8>.zip`), so an attachment of the request
//! with the same name and size is this package: when one is listed, nothing is uploaded. An
//! upload whose outcome is unknown (the connection dropped after the server may have stored it:
//! [`passerelle_dastra::Error::OutcomeUnknown`]) is reconciled by listing again; only when the
//! package is then not listed is the error returned, and running again uploads it.
//!
//! [`update_request`] reads the request, applies the change, and sends the difference as an
//! RFC 6902 patch built by [`passerelle_dastra::patch::diff`]; nothing is sent when nothing
//! changes.
//!
//! # Assumptions about Dastra's fields
//!
//! The contract's `DataSubjectRequestDto` names `state` (`DataSubjectRequestState`: `Open`,
//! `IdentityValidation`, `Processing`, `Active`, `Closed`), `workFlowStepId` (an integer, a step
//! of the `DataSubject` workflow) and `resolutionMessage` (text), so those are patched. The
//! contract does not say what a patch of these does beyond storing them:
//!
//! - **[guess]** a patched `workFlowStepId` moves the request to that step as the web app
//!   does, without setting the state the step maps to; the documented
//!   `POST DataSubjectRequests/workflow` does that (the sandbox follows both readings), so a
//!   caller who wants both sends both `state` and `workflow_step`;
//! - **[guess]** patching `state` to `Closed` does not fill `dateClosed` or `closedReason`; the
//!   2024 list's `POST DataSubjectRequests/{id}/close` is meant for closing;
//! - **[guess]** an attachment's `fileName` is the name sent in the multipart part and `size`
//!   its length in bytes (the sandbox's reading; attachments over 2 GiB would not compare).

use std::path::Path;

use passerelle_dastra::models::{
    DataSubjectAttachmentDto, DataSubjectRequestDto, DataSubjectRequestState,
};
use passerelle_dastra::patch::{diff, PatchOp};
use passerelle_dastra::{DastraClient, ErrorKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::error::{Error, Result};

/// What [`attach_package`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AttachOutcome {
    /// The attachment's id in Dastra.
    pub attachment_id: Uuid,
    /// `true` when the package was already attached and nothing was uploaded.
    pub already_attached: bool,
}

/// Changes to a request; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestUpdate {
    /// The new `state`.
    pub state: Option<DataSubjectRequestState>,
    /// The new `workFlowStepId`.
    pub workflow_step: Option<i32>,
    /// The new `resolutionMessage`.
    pub resolution_message: Option<String>,
}

/// Attach the package at `package` to request `request_id`, unless it is already attached;
/// `progress(sent, total)` follows the upload. See the module docs.
///
/// Errors: [`Error::Package`] when the file cannot be read; [`Error::Dastra`] when a call
/// fails (an unknown outcome that listing could not settle included); [`Error::NotListed`]
/// when the request does not list the package after it was uploaded.
pub async fn attach_package(
    client: &DastraClient,
    request_id: i32,
    package: &Path,
    mut progress: impl FnMut(u64, u64) + Send,
) -> Result<AttachOutcome> {
    let size = std::fs::metadata(package)
        .map_err(|e| Error::package(package, "reading", e))?
        .len();
    let name = package
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::package(package, "reading", "the path names no file"))?;

    let listed = list(client, request_id).await?;
    if let Some(id) = find(&listed, &name, size) {
        tracing::debug!(request_id, %id, "package already attached");
        return Ok(AttachOutcome {
            attachment_id: id,
            already_attached: true,
        });
    }

    let uploaded = upload(client, request_id, package, &mut progress).await;
    let answered = match uploaded {
        Ok(attachment) => attachment.id,
        Err(e) if e.kind() == ErrorKind::OutcomeUnknown => {
            tracing::debug!(request_id, "upload outcome unknown: listing to find out");
            let listed = list(client, request_id).await?;
            match find(&listed, &name, size) {
                Some(id) => {
                    return Ok(AttachOutcome {
                        attachment_id: id,
                        already_attached: false,
                    })
                }
                None => return Err(Error::dastra(request_id, "attaching the package")(e)),
            }
        }
        Err(e) => return Err(Error::dastra(request_id, "attaching the package")(e)),
    };

    let listed = list(client, request_id).await?;
    let id = answered
        .filter(|id| listed.iter().any(|a| a.id == Some(*id)))
        .or_else(|| find(&listed, &name, size))
        .ok_or_else(|| Error::NotListed {
            request_id,
            file: name.clone(),
        })?;
    Ok(AttachOutcome {
        attachment_id: id,
        already_attached: false,
    })
}

/// Upload with progress: the client's callback must be `'static`, the caller's need not be,
/// so progress crosses a channel and is reported here, on the caller's task.
async fn upload(
    client: &DastraClient,
    request_id: i32,
    package: &Path,
    progress: &mut (impl FnMut(u64, u64) + Send),
) -> passerelle_dastra::Result<DataSubjectAttachmentDto> {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let upload = client.upload_attachment(request_id, package, move |sent, total| {
        let _ = tx.send((sent, total));
    });
    tokio::pin!(upload);
    let result = loop {
        tokio::select! {
            Some((sent, total)) = rx.recv() => progress(sent, total),
            result = &mut upload => break result,
        }
    };
    while let Ok((sent, total)) = rx.try_recv() {
        progress(sent, total);
    }
    result
}

async fn list(client: &DastraClient, request_id: i32) -> Result<Vec<DataSubjectAttachmentDto>> {
    client
        .list_attachments(request_id)
        .await
        .map_err(Error::dastra(
            request_id,
            "listing the request's attachments",
        ))
}

/// The attachment that is this package: same name, same size, its file still there.
fn find(listed: &[DataSubjectAttachmentDto], name: &str, size: u64) -> Option<Uuid> {
    listed
        .iter()
        .filter(|a| a.deleted != Some(true) && a.date_file_removed.is_none())
        .filter(|a| a.file_name.as_deref() == Some(name))
        .find(|a| a.size.and_then(|s| u64::try_from(s).ok()) == Some(size))
        .and_then(|a| a.id)
}

/// Apply `update` to request `request_id` with a JSON Patch; returns the operations sent
/// (none when nothing changes).
///
/// Errors: [`Error::Dastra`] when reading or patching the request fails (a 400 names the
/// field Dastra refused).
pub async fn update_request(
    client: &DastraClient,
    request_id: i32,
    update: RequestUpdate,
) -> Result<Vec<PatchOp>> {
    let request: DataSubjectRequestDto = client
        .get(&request_id)
        .await
        .map_err(Error::dastra(request_id, "reading the request"))?;
    let before = serde_json::to_value(&request).expect("a request serialises");
    let mut after = before.clone();
    let fields = after.as_object_mut().expect("a request is an object");
    if let Some(state) = update.state {
        fields.insert(
            "state".into(),
            serde_json::to_value(state).expect("a state serialises"),
        );
    }
    if let Some(step) = update.workflow_step {
        fields.insert("workFlowStepId".into(), Value::from(step));
    }
    if let Some(message) = update.resolution_message {
        fields.insert("resolutionMessage".into(), Value::from(message));
    }

    let ops = diff(&before, &after);
    if ops.is_empty() {
        return Ok(ops);
    }
    client
        .patch::<DataSubjectRequestDto>(&request_id, &ops)
        .await
        .map_err(Error::dastra(request_id, "updating the request"))?;
    tracing::debug!(request_id, ops = ops.len(), "request updated");
    Ok(ops)
}
