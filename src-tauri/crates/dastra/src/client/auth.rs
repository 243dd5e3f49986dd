//! Credentials and how they become request headers.
//!
//! An API key is sent as `X-API-Key`. Client credentials are exchanged at the token endpoint
//! (`POST {token_url}`, form `grant_type=client_credentials&scope=api1`, HTTP Basic with the
//! public and private keys) for a bearer token, which is cached and refreshed shortly before it
//! expires: one refresh at a time, concurrent callers wait for it and share the new token. Token
//! requests go to the account host and are not drawn from the API's rate budget.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};
use reqwest::Method;
use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;
use url::Url;

use crate::error::{Error, ErrorBody};

/// Dastra's token endpoint, used when [`Auth::client_credentials`] is given no other.
pub const DEFAULT_TOKEN_URL: &str = "https://account.dastra.eu/connect/token";

/// Refresh at most this long before a token expires…
const REFRESH_MARGIN: Duration = Duration::from_secs(60);
/// …or at 10% of its lifetime before, whichever is smaller.
const REFRESH_FRACTION: f64 = 0.10;
/// Lifetime assumed when the token endpoint does not say (`expires_in` missing).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);

/// A secret string: its `Debug` prints `***`, it has no `Display`, and reading it takes an
/// explicit [`Secret::expose`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wrap a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// How the client proves who it is.
#[derive(Debug, Clone)]
pub enum Auth {
    /// The private part of an API key, sent as `X-API-Key` on every request.
    ApiKey(Secret),
    /// OAuth2 client credentials, exchanged for a bearer token at `token_url`.
    ClientCredentials {
        /// The key's public part (not secret: Dastra's widgets embed it).
        public_key: String,
        /// The key's private part.
        private_key: Secret,
        /// The token endpoint; https, or http on a loopback host.
        token_url: String,
    },
}

impl Auth {
    /// `X-API-Key` authentication.
    pub fn api_key(private_key: impl Into<Secret>) -> Self {
        Auth::ApiKey(private_key.into())
    }

    /// Client-credentials authentication against [`DEFAULT_TOKEN_URL`].
    pub fn client_credentials(
        public_key: impl Into<String>,
        private_key: impl Into<Secret>,
    ) -> Self {
        Auth::ClientCredentials {
            public_key: public_key.into(),
            private_key: private_key.into(),
            token_url: DEFAULT_TOKEN_URL.to_owned(),
        }
    }

    /// The same credentials with another token endpoint (the sandbox's, in tests).
    pub fn with_token_url(self, url: impl Into<String>) -> Self {
        match self {
            Auth::ClientCredentials {
                public_key,
                private_key,
                ..
            } => Auth::ClientCredentials {
                public_key,
                private_key,
                token_url: url.into(),
            },
            other => other,
        }
    }

    /// What identifies the key for the shared rate budget: the API key, or the public key.
    pub(crate) fn budget_identity(&self) -> &str {
        match self {
            Auth::ApiKey(key) => key.expose(),
            Auth::ClientCredentials { public_key, .. } => public_key,
        }
    }
}

/// The credentials in their sending form.
pub(crate) enum Credentials {
    ApiKey(HeaderValue),
    Token(TokenSource),
}

/// The header to put on one API request, and the token it carries (to invalidate it on a 401).
pub(crate) struct AuthHeader {
    pub name: HeaderName,
    pub value: HeaderValue,
    pub token: Option<Arc<CachedToken>>,
}

/// Why no header could be produced.
pub(crate) enum AuthFailure {
    /// The token endpoint could not be reached or failed transiently: the API request was not
    /// sent, so the attempt may be retried.
    Transient {
        cause: String,
        retry_after: Option<Duration>,
    },
    /// The token endpoint refused the credentials, or answered nonsense.
    Fatal(Error),
}

impl Credentials {
    pub(crate) fn new(auth: &Auth, token_url: Option<Url>, http: reqwest::Client) -> Self {
        match (auth, token_url) {
            (
                Auth::ClientCredentials {
                    public_key,
                    private_key,
                    ..
                },
                Some(url),
            ) => {
                let pair = format!("{public_key}:{}", private_key.expose());
                let basic = base64::engine::general_purpose::STANDARD.encode(pair);
                Credentials::Token(TokenSource {
                    http,
                    url,
                    basic: sensitive(&format!("Basic {basic}")),
                    cache: Mutex::new(None),
                })
            }
            (Auth::ApiKey(key), _) => Credentials::ApiKey(sensitive(key.expose())),
            (Auth::ClientCredentials { .. }, None) => unreachable!("BUG: token url not validated"),
        }
    }

    pub(crate) async fn header(&self, timeout: Duration) -> Result<AuthHeader, AuthFailure> {
        match self {
            Credentials::ApiKey(value) => Ok(AuthHeader {
                name: HeaderName::from_static("x-api-key"),
                value: value.clone(),
                token: None,
            }),
            Credentials::Token(source) => {
                let token = source.current(timeout).await?;
                Ok(AuthHeader {
                    name: AUTHORIZATION,
                    value: token.header.clone(),
                    token: Some(token),
                })
            }
        }
    }

    /// Forget `token` after the API refused it, unless it was already replaced. Returns whether
    /// a retry with a fresh token makes sense.
    pub(crate) async fn invalidate(&self, token: &Arc<CachedToken>) -> bool {
        match self {
            Credentials::ApiKey(_) => false,
            Credentials::Token(source) => {
                let mut cache = source.cache.lock().await;
                if cache
                    .as_ref()
                    .is_some_and(|current| Arc::ptr_eq(current, token))
                {
                    *cache = None;
                }
                true
            }
        }
    }
}

/// A bearer token and when to stop using it.
pub(crate) struct CachedToken {
    /// `Bearer …`, marked sensitive so that no HTTP-level logging prints it.
    header: HeaderValue,
    /// When to fetch the next one (before the server's expiry, by the refresh margin).
    refresh_at: Instant,
}

/// The token endpoint and its one cached token.
pub(crate) struct TokenSource {
    http: reqwest::Client,
    url: Url,
    basic: HeaderValue,
    /// The cached token; the lock is held during a refresh so only one happens at a time.
    cache: Mutex<Option<Arc<CachedToken>>>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: Option<u64>,
}

impl TokenSource {
    async fn current(&self, timeout: Duration) -> Result<Arc<CachedToken>, AuthFailure> {
        let mut cache = self.cache.lock().await;
        if let Some(token) = cache.as_ref().filter(|t| Instant::now() < t.refresh_at) {
            return Ok(token.clone());
        }

        let token = Arc::new(self.fetch(timeout).await?);
        *cache = Some(token.clone());
        Ok(token)
    }

    async fn fetch(&self, timeout: Duration) -> Result<CachedToken, AuthFailure> {
        let path = self.url.path().to_owned();
        let started = Instant::now();
        let response = self
            .http
            .post(self.url.clone())
            .header(AUTHORIZATION, self.basic.clone())
            .form(&[("grant_type", "client_credentials"), ("scope", "api1")])
            .timeout(timeout)
            .send()
            .await
            .map_err(|e| AuthFailure::Transient {
                cause: describe(e),
                retry_after: None,
            })?;

        let status = response.status().as_u16();
        tracing::debug!(
            path,
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "token"
        );
        let retry_after = super::retry::retry_after(response.headers());
        let bytes = response.bytes().await.map_err(|e| AuthFailure::Transient {
            cause: format!("token response cut: {}", describe(e)),
            retry_after: None,
        })?;

        match status {
            200..=299 => {}
            429 | 500..=599 => {
                let cause = format!("token endpoint answered http {status}");
                return Err(AuthFailure::Transient { cause, retry_after });
            }
            _ => {
                let body = ErrorBody::parse(&bytes);
                return Err(AuthFailure::Fatal(Error::Unauthorized {
                    status,
                    method: Method::POST,
                    path,
                    body: body.map(Box::new),
                }));
            }
        }

        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let token: TokenResponse = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| AuthFailure::Fatal(Error::decode(Method::POST, path, e)))?;
        let lifetime = token
            .expires_in
            .map(Duration::from_secs)
            .unwrap_or(DEFAULT_LIFETIME);
        Ok(CachedToken {
            header: sensitive(&format!("Bearer {}", token.access_token)),
            refresh_at: started + lifetime.saturating_sub(refresh_margin(lifetime)),
        })
    }
}

/// How long before expiry a token is replaced: 60 s, or 10% of its lifetime if that is less.
pub(crate) fn refresh_margin(lifetime: Duration) -> Duration {
    REFRESH_MARGIN.min(lifetime.mul_f64(REFRESH_FRACTION))
}

fn sensitive(value: &str) -> HeaderValue {
    // NOTE: a key with bytes a header cannot carry would be refused by Dastra anyway; sending
    // an empty value gives the server's 401 and its clear message instead of a panic.
    let mut value = HeaderValue::from_str(value).unwrap_or_else(|_| HeaderValue::from_static(""));
    value.set_sensitive(true);
    value
}

/// A reqwest error and its causes as one line, without the URL.
pub(crate) fn describe(err: reqwest::Error) -> String {
    let err = err.without_url();
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug_output() {
        let auth = Auth::client_credentials("pub-123", "priv-very-secret");
        let printed = format!("{auth:?} {:?}", Auth::api_key("key-very-secret"));
        assert!(
            !printed.contains("very-secret"),
            "secrets are masked: {printed}"
        );
        assert!(printed.contains("***"), "the mask is visible: {printed}");
    }

    #[test]
    fn tokens_are_refreshed_a_minute_or_a_tenth_of_their_life_early() {
        assert_eq!(
            refresh_margin(Duration::from_secs(3600)),
            Duration::from_secs(60)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(100)),
            Duration::from_secs(10)
        );
        assert_eq!(
            refresh_margin(Duration::ZERO),
            Duration::ZERO,
            "no negative margin"
        );
    }

    #[test]
    fn a_custom_token_url_replaces_the_default() {
        let auth = Auth::client_credentials("p", "s").with_token_url("http://127.0.0.1:9/t");
        match auth {
            Auth::ClientCredentials { token_url, .. } => {
                assert_eq!(token_url, "http://127.0.0.1:9/t")
            }
            Auth::ApiKey(_) => panic!("still client credentials"),
        }
    }
}
