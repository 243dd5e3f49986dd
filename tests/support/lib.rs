//! Shared helpers for the system tests and the benchmark: a real sandbox on `127.0.0.1:0`, real
//! clients pointed at it, a raw HTTP caller for the conformance walk, and process measurements.
//!
//! Every helper here talks to the sandbox the way a user's machine would: over TCP, through
//! `passerelle_sandbox::start`, with the credentials the sandbox prints. Nothing reaches into
//! the sandbox's store except [`RunningSandbox::state`] for reading options.
//!
//! Not here: assertions. Tests own their expectations; these helpers only set up and measure.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use passerelle_dastra::client::{Auth, ClientOptions, DastraClient};
pub use passerelle_sandbox::RunningSandbox;
use passerelle_sandbox::{Faults, RateWindow, SandboxOptions, SeedOptions, MAIN_WORKSPACE};
use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tokio::io::AsyncReadExt;

/// The date every test sandbox believes it is, so seeded dates and computed fields
/// (`remainingDays`, overdue requests) do not move from one run to the next.
pub fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 9, 0, 0)
        .single()
        .expect("a valid date")
}

/// Sandbox options for tests: the standard seed at the pinned date, Dastra's rate limits.
pub fn options() -> SandboxOptions {
    SandboxOptions {
        seed: SeedOptions {
            today: Some(today()),
            ..SeedOptions::default()
        },
        ..SandboxOptions::default()
    }
}

/// Sandbox options whose server-side budget never bites, for tests that send many requests
/// and are not about rate limiting.
pub fn roomy_options() -> SandboxOptions {
    SandboxOptions {
        rate_limits: vec![RateWindow {
            limit: 1_000_000,
            period: Duration::from_secs(60),
        }],
        ..options()
    }
}

/// Start a sandbox with `options` on a free loopback port, in the current Tokio runtime. It
/// stops when the returned value is dropped.
pub async fn start_sandbox(options: SandboxOptions) -> RunningSandbox {
    passerelle_sandbox::start(options, 0)
        .await
        .expect("the sandbox starts on 127.0.0.1:0")
}

/// Client options for `sandbox`: its URL and API key, the main workspace.
pub fn client_options(sandbox: &RunningSandbox) -> ClientOptions {
    ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(MAIN_WORKSPACE))
}

/// A client for the main workspace of `sandbox`, with the default options.
pub fn client(sandbox: &RunningSandbox) -> DastraClient {
    client_options(sandbox)
        .build()
        .expect("the sandbox URL is a valid loopback URL")
}

/// Replace the faults the sandbox injects, through its admin route `PUT /_sandbox/faults`.
pub async fn set_faults(sandbox: &RunningSandbox, faults: &Faults) {
    let url = format!("{}/_sandbox/faults", sandbox.url());
    let response = reqwest::Client::new()
        .put(url)
        .json(faults)
        .send()
        .await
        .expect("the admin route answers");
    assert!(
        response.status().is_success(),
        "the sandbox accepted the faults: {}",
        response.status()
    );
}

/// `/v1/ws/{main workspace}/{rest}`.
pub fn ws_path(rest: &str) -> String {
    format!("/v1/ws/{MAIN_WORKSPACE}/{}", rest.trim_start_matches('/'))
}

/// A request body for [`Api::send`].
#[derive(Debug, Clone)]
pub enum Payload {
    /// No body.
    None,
    /// A JSON body (`application/json-patch+json` for PATCH, as the contract lists it).
    Json(Value),
    /// A multipart form: one file part `(part name, file name, bytes)` and text parts.
    Multipart {
        /// Name of the file part (`File`, `file`).
        part: &'static str,
        /// File name sent with the part.
        file_name: String,
        /// The file's content.
        bytes: Vec<u8>,
        /// Text parts, in order.
        fields: Vec<(&'static str, String)>,
    },
}

/// An answer, with the body kept raw and, when it parses, as JSON.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body as received.
    pub bytes: Vec<u8>,
}

impl Reply {
    /// The body as JSON: `Ok(None)` when it is empty, `Err` when it is not JSON.
    pub fn json(&self) -> Result<Option<Value>, serde_json::Error> {
        if self.bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(&self.bytes).map(Some)
    }

    /// The body as JSON, `Value::Null` when empty or not JSON.
    pub fn value(&self) -> Value {
        self.json().ok().flatten().unwrap_or(Value::Null)
    }

    /// The `Content-Type` header, empty when there is none.
    pub fn content_type(&self) -> &str {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// A raw HTTP caller with the sandbox's API key: for requests the typed client does not make
/// (invalid bodies, the conformance walk) and for reading what the server really answered.
#[derive(Debug, Clone)]
pub struct Api {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Api {
    /// A caller for `sandbox`.
    pub fn new(sandbox: &RunningSandbox) -> Self {
        Api {
            http: reqwest::Client::new(),
            base: sandbox.url(),
            key: sandbox.api_key().to_owned(),
        }
    }

    /// Send `method path` (path below the base URL, query included) with `payload`.
    pub async fn send(&self, method: Method, path: &str, payload: Payload) -> Reply {
        let url = format!("{}{path}", self.base);
        let mut request = self
            .http
            .request(method.clone(), url)
            .header("X-API-Key", &self.key);
        request = match payload {
            Payload::None => request,
            Payload::Json(body) => {
                let content_type = if method == Method::PATCH {
                    "application/json-patch+json"
                } else {
                    "application/json"
                };
                let bytes = serde_json::to_vec(&body).expect("a JSON value serialises");
                request.header(CONTENT_TYPE, content_type).body(bytes)
            }
            Payload::Multipart {
                part,
                file_name,
                bytes,
                fields,
            } => {
                let file = reqwest::multipart::Part::bytes(bytes).file_name(file_name);
                let form = fields
                    .into_iter()
                    .fold(reqwest::multipart::Form::new(), |f, (k, v)| f.text(k, v));
                request.multipart(form.part(part, file))
            }
        };
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: no answer from the sandbox: {e}"));
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response
            .bytes()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: body cut: {e}"))
            .to_vec();
        Reply {
            status,
            headers,
            bytes,
        }
    }

    /// `GET path`, asserting a 2xx; the body as JSON.
    pub async fn get(&self, path: &str) -> Value {
        let reply = self.send(Method::GET, path, Payload::None).await;
        assert!(
            reply.status.is_success(),
            "GET {path} answered {}: {}",
            reply.status,
            String::from_utf8_lossy(&reply.bytes)
        );
        reply.value()
    }

    /// Every item of a paged list (`{items, total}`), page by page at the largest size.
    pub async fn all_pages(&self, path: &str) -> Vec<Value> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        for page in 1.. {
            let body = self.get(&format!("{path}{sep}page={page}&size=500")).await;
            let batch = body["items"].as_array().cloned().unwrap_or_default();
            let total = body["total"].as_u64().unwrap_or(0) as usize;
            let empty = batch.is_empty();
            items.extend(batch);
            if empty || items.len() >= total {
                break;
            }
        }
        items
    }
}

/// The process's peak resident set size so far (`VmHWM` in `/proc/self/status`), in bytes.
pub fn peak_rss_bytes() -> u64 {
    proc_status_kib("VmHWM:") * 1024
}

/// The process's current resident set size (`VmRSS`), in bytes.
pub fn rss_bytes() -> u64 {
    proc_status_kib("VmRSS:") * 1024
}

fn proc_status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux /proc is readable");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("/proc/self/status has {field}"))
}

/// Write `len` bytes of deterministic, incompressible-looking content to `path`, 1 MiB at a
/// time (the whole file is never in memory).
pub async fn write_pattern_file(path: &Path, len: u64) {
    use tokio::io::AsyncWriteExt;

    let mut file = tokio::fs::File::create(path)
        .await
        .expect("create the file");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut chunk = vec![0u8; 1 << 20];
    let mut left = len;
    while left > 0 {
        for byte in chunk.iter_mut() {
            // xorshift64: cheap, deterministic, and not a run of zeros.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *byte = state as u8;
        }
        let n = left.min(chunk.len() as u64) as usize;
        file.write_all(&chunk[..n]).await.expect("write the file");
        left -= n as u64;
    }
    file.sync_all().await.expect("flush the file");
}

/// SHA-256 of a file, read 1 MiB at a time; lowercase hex.
pub async fn sha256_file(path: &Path) -> String {
    let mut file = tokio::fs::File::open(path).await.expect("open the file");
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).await.expect("read the file");
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
