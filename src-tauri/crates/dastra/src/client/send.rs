//! One call with its retries: the core every operation goes through.
//!
//! A call is attempted until it succeeds, fails for good, or runs out of attempts (see
//! [`super::retry`] for which failures are retried). Each attempt gets its auth header (fetching
//! a token if needed), builds its body (reopening the file of an upload), takes a slot of the
//! rate budget, sends, and hands a success response to the caller's reader. A 401 on a cached
//! bearer token drops the token and tries once more with a fresh one.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tokio::time::Instant;
use url::Url;

use super::auth::{describe, AuthFailure, CachedToken};
use super::retry::{decide, retry_after, Decision, Failure};
use super::transfer::Upload;
use super::DastraClient;
use crate::error::{Error, ErrorBody, Result};

/// The most of an error body that is read.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// `application/json`.
pub(crate) const JSON: &str = "application/json";
/// The content type of an RFC 6902 patch.
pub(crate) const JSON_PATCH: &str = "application/json-patch+json";

/// A request body that can be produced again for each attempt.
pub(crate) enum Payload {
    Empty,
    Json {
        bytes: Bytes,
        content_type: &'static str,
    },
    Multipart(Arc<Upload>),
}

/// What to send.
pub(crate) struct Call<'a> {
    pub method: Method,
    /// Path below the base URL, starting with `/`; never carries the query.
    pub path: &'a str,
    pub query: &'a [(String, String)],
    pub payload: Payload,
    /// An upload or download: no total timeout, only the client's read timeout, so that a large
    /// file is not cut.
    pub transfer: bool,
}

impl<'a> Call<'a> {
    /// A bodiless call bounded by the client's request timeout.
    pub fn new(method: Method, path: &'a str) -> Self {
        Call {
            method,
            path,
            query: &[],
            payload: Payload::Empty,
            transfer: false,
        }
    }

    pub fn query(mut self, query: &'a [(String, String)]) -> Self {
        self.query = query;
        self
    }

    pub fn payload(mut self, payload: Payload) -> Self {
        self.payload = payload;
        self
    }

    pub fn transfer(mut self) -> Self {
        self.transfer = true;
        self
    }

    /// Serialise `body` as JSON (`application/json-patch+json` for a PATCH).
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Encode {
            method: self.method.clone(),
            path: self.path.to_owned(),
            detail: e.to_string(),
        })?;
        let content_type = if self.method == Method::PATCH {
            JSON_PATCH
        } else {
            JSON
        };
        Ok(self.payload(Payload::Json {
            bytes: bytes.into(),
            content_type,
        }))
    }
}

/// Why a caller's reader could not consume a success response.
pub(crate) enum ReadError {
    /// The body broke off: treated like any failure after the request may have arrived.
    Body(reqwest::Error),
    /// Anything else (decode, local file): final.
    Fatal(Error),
}

/// The outcome of one attempt.
enum Outcome<T> {
    Done(T),
    Fatal(Error),
    /// 401 while sending a bearer token: the token may just have been revoked or expired.
    TokenRefused {
        token: Arc<CachedToken>,
        body: Option<ErrorBody>,
    },
    Failed(Failed),
}

/// A failed attempt that the retry policy judges.
struct Failed {
    failure: Failure,
    /// The server's `Retry-After`, if any.
    retry_after: Option<Duration>,
    /// What happened, for the final error (`http 503`, the network error).
    cause: String,
    /// The error body, for a status failure.
    body: Option<ErrorBody>,
}

impl Failed {
    /// The error reported when this failure is not (or no longer) retried.
    fn into_error(self, method: &Method, path: &str, attempts: u32) -> Error {
        let (method, path) = (method.clone(), path.to_owned());
        match self.failure {
            Failure::Status(429) => Error::RateLimited {
                method,
                path,
                attempts,
                retry_after: self.retry_after,
            },
            Failure::Status(status) => Error::from_status(status, method, path, self.body),
            Failure::NotSent | Failure::InFlight => Error::Transport {
                method,
                path,
                attempts,
                cause: self.cause,
            },
        }
    }
}

impl DastraClient {
    /// Carry out `call`, retrying as the policy allows, and give the success response to `read`.
    pub(crate) async fn execute<T, F, Fut>(&self, call: Call<'_>, mut read: F) -> Result<T>
    where
        F: FnMut(Response) -> Fut,
        Fut: Future<Output = std::result::Result<T, ReadError>>,
    {
        let url = self.url(call.path, call.query)?;
        let policy = &self.inner.retry;
        let (method, path) = (&call.method, call.path);
        let mut attempts = 0;
        let mut token_renewed = false;

        loop {
            attempts += 1;
            let failed = match self.attempt(&call, &url, attempts, &mut read).await {
                Outcome::Done(value) => return Ok(value),
                Outcome::Fatal(err) => return Err(err),
                Outcome::Failed(failed) => failed,
                Outcome::TokenRefused { token, body } => {
                    if !token_renewed && self.inner.credentials.invalidate(&token).await {
                        tracing::debug!(%method, path, "bearer token refused, renewing it");
                        token_renewed = true;
                        attempts -= 1;
                        continue;
                    }
                    return Err(Error::from_status(401, method.clone(), path.into(), body));
                }
            };

            let patient = failed.retry_after.is_none_or(|d| d <= policy.max_wait);
            match decide(method, failed.failure) {
                Decision::Retry if attempts < policy.max_attempts && patient => {
                    let delay = policy.delay(attempts, failed.retry_after);
                    tracing::debug!(
                        %method, path, attempt = attempts, failure = ?failed.failure,
                        delay_ms = delay.as_millis() as u64, "retrying"
                    );
                    tokio::time::sleep(delay).await;
                }
                Decision::OutcomeUnknown => {
                    let (method, path, cause) = (method.clone(), path.into(), failed.cause);
                    return Err(Error::OutcomeUnknown {
                        method,
                        path,
                        cause,
                    });
                }
                Decision::Retry | Decision::Fail => {
                    return Err(failed.into_error(method, path, attempts));
                }
            }
        }
    }

    async fn attempt<T, F, Fut>(
        &self,
        call: &Call<'_>,
        url: &Url,
        attempt: u32,
        read: &mut F,
    ) -> Outcome<T>
    where
        F: FnMut(Response) -> Fut,
        Fut: Future<Output = std::result::Result<T, ReadError>>,
    {
        let inner = &self.inner;
        let auth = match inner.credentials.header(inner.request_timeout).await {
            Ok(auth) => auth,
            Err(AuthFailure::Fatal(err)) => return Outcome::Fatal(err),
            Err(AuthFailure::Transient { cause, retry_after }) => {
                let failure = Failure::NotSent;
                return Outcome::Failed(Failed {
                    failure,
                    retry_after,
                    cause,
                    body: None,
                });
            }
        };

        let mut request = inner.http.request(call.method.clone(), url.clone());
        request = request.header(auth.name, auth.value);
        request = match &call.payload {
            Payload::Empty => request,
            Payload::Json {
                bytes,
                content_type,
            } => request
                .header(CONTENT_TYPE, *content_type)
                .body(bytes.clone()),
            Payload::Multipart(upload) => match upload.form().await {
                Ok(form) => request.multipart(form),
                Err(err) => return Outcome::Fatal(err),
            },
        };
        if !call.transfer {
            request = request.timeout(inner.request_timeout);
        }

        inner.budget.acquire().await;
        let started = Instant::now();
        let result = request.send().await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let (method, path) = (&call.method, call.path);

        let response = match result {
            Ok(response) => response,
            Err(err) => {
                let failure = if err.is_connect() {
                    Failure::NotSent
                } else {
                    Failure::InFlight
                };
                tracing::debug!(%method, path, attempt, elapsed_ms, ?failure, "request failed");
                let cause = describe(err);
                return Outcome::Failed(Failed {
                    failure,
                    retry_after: None,
                    cause,
                    body: None,
                });
            }
        };
        let status = response.status().as_u16();
        tracing::debug!(%method, path, attempt, status, elapsed_ms, "response");

        if response.status().is_success() {
            return match read(response).await {
                Ok(value) => Outcome::Done(value),
                Err(ReadError::Fatal(err)) => Outcome::Fatal(err),
                Err(ReadError::Body(err)) => Outcome::Failed(Failed {
                    failure: Failure::InFlight,
                    retry_after: None,
                    cause: format!("response body cut: {}", describe(err)),
                    body: None,
                }),
            };
        }

        let retry_after = retry_after(response.headers());
        let body = error_body(response).await;
        match (status, auth.token) {
            (401, Some(token)) => Outcome::TokenRefused { token, body },
            _ => Outcome::Failed(Failed {
                failure: Failure::Status(status),
                retry_after,
                cause: format!("http {status}"),
                body,
            }),
        }
    }

    /// A JSON call whose answer is decoded as `T` (an empty answer decodes as `null`).
    pub(crate) async fn call_json<T: DeserializeOwned>(&self, call: Call<'_>) -> Result<T> {
        let (method, path) = (call.method.clone(), call.path.to_owned());
        self.execute(call, |response| {
            let (method, path) = (method.clone(), path.clone());
            async move {
                let bytes = response.bytes().await.map_err(ReadError::Body)?;
                decode(&bytes, method, path).map_err(ReadError::Fatal)
            }
        })
        .await
    }

    /// A call whose answer is read to the end and dropped.
    pub(crate) async fn call_unit(&self, call: Call<'_>) -> Result<()> {
        self.execute(call, |response| async move {
            response.bytes().await.map(drop).map_err(ReadError::Body)
        })
        .await
    }

    /// The full URL of `path` with `query` (form-encoded, keys repeated as given).
    pub(crate) fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url> {
        let raw = format!("{}/{}", self.inner.base, path.trim_start_matches('/'));
        let mut url = Url::parse(&raw).map_err(|_| Error::InvalidUrl {
            url: path.chars().take(80).collect(),
            reason: "the path does not form a valid url",
        })?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        Ok(url)
    }
}

/// Decode a success body, locating any mismatch; an empty body reads as `null`.
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8], method: Method, path: String) -> Result<T> {
    let bytes = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| Error::decode(method, path, e))
}

/// Decode an already parsed JSON value, locating any mismatch.
pub(crate) fn decode_value<T: DeserializeOwned>(
    value: serde_json::Value,
    method: Method,
    path: String,
) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| Error::decode(method, path, e))
}

/// Read at most [`ERROR_BODY_LIMIT`] bytes of an error response; a broken body is no body.
async fn error_body(mut response: Response) -> Option<ErrorBody> {
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        bytes.extend_from_slice(&chunk);
        if bytes.len() >= ERROR_BODY_LIMIT {
            break;
        }
    }
    ErrorBody::parse(&bytes)
}
