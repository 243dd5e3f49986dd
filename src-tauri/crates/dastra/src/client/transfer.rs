//! Files: DSAR attachments (upload, list, download, delete) and asset imports.
//!
//! Uploads are streamed from disk in 64 KiB chunks — a file is never read whole into memory —
//! as `multipart/form-data` with the file name and a content type guessed from the extension.
//! The file is reopened for each attempt. An upload is a POST: once it may have reached the
//! server it is not retried, and a failure is [`crate::Error::OutcomeUnknown`].
//!
//! Downloads are streamed into a temporary file beside the destination, which is renamed over
//! the destination only once complete: a reader never sees a half-written file, and a failed
//! download leaves nothing behind. A download broken mid-body is retried from the start.
//!
//! Assumed shapes (the contract is silent; see [`crate::assumptions`]): listing a request's
//! attachments answers a bare array (a paged envelope is accepted too); `Assets/import` and
//! `Assets/import/json` take a multipart part `file` and a part `update` (`true`/`false`) and
//! answer one [`AssetImportResult`] per record.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures::StreamExt;
use reqwest::multipart::{Form, Part};
use reqwest::{Body, Method, Response};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio_util::io::ReaderStream;
use uuid::Uuid;

use super::send::{Call, Payload, ReadError};
use super::DastraClient;
use crate::error::{Error, Result};
use crate::models::{AssetImportResult, DataSubjectAttachmentDto};

/// Read size for streamed uploads.
const CHUNK: usize = 64 * 1024;

/// A progress callback: `(bytes so far, total bytes)`; the total is 0 when unknown.
type Progress = Arc<dyn Fn(u64, u64) + Send + Sync>;

/// A multipart upload, rebuilt from the file for each attempt.
pub(crate) struct Upload {
    file: PathBuf,
    part: &'static str,
    fields: Vec<(&'static str, String)>,
    progress: Option<Progress>,
}

impl Upload {
    /// The form for one attempt: the text fields, then the file part streamed from disk.
    pub(crate) async fn form(&self) -> Result<Form> {
        let io = |e| Error::io(&self.file, e);
        let file = tokio::fs::File::open(&self.file).await.map_err(io)?;
        let total = file.metadata().await.map_err(io)?.len();

        let progress = self.progress.clone();
        if let Some(report) = &progress {
            report(0, total);
        }
        let mut sent = 0;
        let chunks = ReaderStream::with_capacity(file, CHUNK).map(move |chunk| {
            if let (Ok(bytes), Some(report)) = (&chunk, &progress) {
                sent += bytes.len() as u64;
                report(sent, total);
            }
            chunk
        });

        let name = self
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned());
        let mime = mime_guess::from_path(&self.file).first_or_octet_stream();
        let part = Part::stream_with_length(Body::wrap_stream(chunks), total)
            .file_name(name.unwrap_or_else(|| "file".to_owned()))
            .mime_str(mime.essence_str())
            .expect("a guessed mime type is always valid");
        let form = self
            .fields
            .iter()
            .fold(Form::new(), |form, (k, v)| form.text(*k, v.clone()));
        Ok(form.part(self.part, part))
    }
}

impl DastraClient {
    /// `POST /v1/ws/{ws}/DataSubjectAttachments/{requestId}`: attach the file at `path` to a
    /// DSAR, as the multipart part `File`. `progress(sent, total)` is called as chunks leave.
    /// Answers the stored attachment.
    ///
    /// Errors: [`Error::Io`] if the file cannot be read; [`Error::OutcomeUnknown`] if the upload
    /// failed after it may have reached the server (list the attachments to find out).
    pub async fn upload_attachment(
        &self,
        request_id: i32,
        path: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<DataSubjectAttachmentDto> {
        let route = self.workspace_path(&format!("DataSubjectAttachments/{request_id}"))?;
        let upload = Upload {
            file: path.as_ref().to_owned(),
            part: "File",
            fields: Vec::new(),
            progress: Some(Arc::new(progress)),
        };
        let call = Call::new(Method::POST, &route).payload(Payload::Multipart(Arc::new(upload)));
        self.call_json(call.transfer()).await
    }

    /// `GET /v1/ws/{ws}/DataSubjectAttachments/{requestId}`: the request's attachments.
    pub async fn list_attachments(&self, request_id: i32) -> Result<Vec<DataSubjectAttachmentDto>> {
        let route = self.workspace_path(&format!("DataSubjectAttachments/{request_id}"))?;
        let items = match self
            .call_json::<Value>(Call::new(Method::GET, &route))
            .await?
        {
            Value::Array(items) => items,
            Value::Object(mut envelope) => match envelope.remove("items") {
                Some(Value::Array(items)) => items,
                _ => return Err(unexpected(&route, "neither an array nor {items}")),
            },
            Value::Null => Vec::new(),
            _ => return Err(unexpected(&route, "neither an array nor {items}")),
        };
        super::send::decode_value(Value::Array(items), Method::GET, route)
    }

    /// `GET /v1/ws/{ws}/DataSubjectAttachments/{requestId}/download/{fileId}?saveAs=false`,
    /// streamed to `dest` (replaced if it exists) through a temporary file in the same
    /// directory. `progress(received, total)` follows the body; `total` is 0 when the server
    /// sends no length. Returns the bytes written.
    ///
    /// Errors: [`Error::Io`] for the destination; on any failure nothing is left at `dest`'s
    /// temporary name and an existing `dest` is untouched.
    pub async fn download_attachment(
        &self,
        request_id: i32,
        file_id: Uuid,
        dest: impl AsRef<Path>,
        progress: impl Fn(u64, u64) + Send + Sync + 'static,
    ) -> Result<u64> {
        let route = self.workspace_path(&format!(
            "DataSubjectAttachments/{request_id}/download/{file_id}"
        ))?;
        let query = [("saveAs".to_owned(), "false".to_owned())];
        let dest = dest.as_ref().to_owned();
        let progress: Progress = Arc::new(progress);

        let call = Call::new(Method::GET, &route).query(&query).transfer();
        self.execute(call, |response| {
            let (dest, progress) = (dest.clone(), progress.clone());
            async move { save(response, &dest, &*progress).await }
        })
        .await
    }

    /// `DELETE /v1/ws/{ws}/DataSubjectAttachments/{requestId}/{fileId}`.
    pub async fn delete_attachment(&self, request_id: i32, file_id: Uuid) -> Result<()> {
        let route =
            self.workspace_path(&format!("DataSubjectAttachments/{request_id}/{file_id}"))?;
        self.call_unit(Call::new(Method::DELETE, &route)).await
    }

    /// `POST /v1/ws/{ws}/Assets/import`: import assets from Dastra's CSV (`;`-separated) or
    /// XLSX template; with `update`, assets whose `ref` matches are updated instead of created.
    /// Shape assumed (module docs). Not retried once sent: a failure then is
    /// [`Error::OutcomeUnknown`].
    pub async fn import_assets_csv(
        &self,
        path: impl AsRef<Path>,
        update: bool,
    ) -> Result<Vec<AssetImportResult>> {
        self.import_assets("Assets/import", path.as_ref(), update)
            .await
    }

    /// `POST /v1/ws/{ws}/Assets/import/json`: import assets from a JSON file. Shape assumed
    /// (module docs).
    pub async fn import_assets_json(
        &self,
        path: impl AsRef<Path>,
        update: bool,
    ) -> Result<Vec<AssetImportResult>> {
        self.import_assets("Assets/import/json", path.as_ref(), update)
            .await
    }

    async fn import_assets(
        &self,
        rest: &str,
        path: &Path,
        update: bool,
    ) -> Result<Vec<AssetImportResult>> {
        let route = self.workspace_path(rest)?;
        let upload = Upload {
            file: path.to_owned(),
            part: "file",
            fields: vec![("update", update.to_string())],
            progress: None,
        };
        let call = Call::new(Method::POST, &route).payload(Payload::Multipart(Arc::new(upload)));
        self.call_json(call.transfer()).await
    }
}

fn unexpected(route: &str, detail: &str) -> Error {
    Error::Decode {
        method: Method::GET,
        path: route.to_owned(),
        at: ".".into(),
        detail: detail.into(),
    }
}

/// Stream a download into a temporary file beside `dest`, then rename it over `dest`.
async fn save(
    mut response: Response,
    dest: &Path,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> std::result::Result<u64, ReadError> {
    let total = response.content_length().unwrap_or(0);
    let partial = Partial::beside(dest);
    let io = |path: &Path| {
        let path = path.to_owned();
        move |e| ReadError::Fatal(Error::io(path, e))
    };
    let mut file = tokio::fs::File::create(&partial.path)
        .await
        .map_err(io(dest))?;

    progress(0, total);
    let mut received = 0;
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Body)? {
        file.write_all(&chunk).await.map_err(io(dest))?;
        received += chunk.len() as u64;
        progress(received, total);
    }
    file.sync_all().await.map_err(io(dest))?;
    drop(file);

    tokio::fs::rename(&partial.path, dest)
        .await
        .map_err(io(dest))?;
    partial.keep();
    Ok(received)
}

/// A temporary file that is removed unless kept.
struct Partial {
    path: PathBuf,
    kept: bool,
}

impl Partial {
    /// `.{name}.{random}.part` in `dest`'s directory, so that the final rename stays on one
    /// file system and is atomic.
    fn beside(dest: &Path) -> Self {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let path = dir.join(format!(".{name}.{}.part", Uuid::new_v4().simple()));
        Partial { path, kept: false }
    }

    fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.kept {
            // A file that was never created is fine to "fail" removing.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_file_lives_beside_its_destination_and_is_hidden() {
        let partial = Partial::beside(Path::new("/tmp/out/report.pdf"));
        assert_eq!(
            partial.path.parent(),
            Some(Path::new("/tmp/out")),
            "same directory"
        );
        let name = partial
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name.starts_with(".report.pdf.") && name.ends_with(".part"),
            "{name}"
        );
        let bare = Partial::beside(Path::new("report.pdf"));
        assert_eq!(
            bare.path.parent(),
            Some(Path::new(".")),
            "a bare name lands in ."
        );
    }
}
