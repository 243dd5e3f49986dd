//! The HTTP client for Dastra's REST API.
//!
//! [`DastraClient`] is built from [`ClientOptions`] and is cheap to clone (one `Arc`): clones
//! share the connection pool, the cached token and the rate budget. Its operations are spread
//! over the submodules by concern:
//!
//! - [`auth`]: API key or client credentials, token caching;
//! - [`budget`]: the shared per-key rate budget;
//! - [`retry`]: which failures are retried, backoff, `Retry-After`;
//! - `send` (private): one request with retries, the core every operation goes through;
//! - `crud`: get, create, put, patch, delete, batch delete, workflow, raw JSON, utility routes;
//! - [`list`]: paged lists and the concurrent stream of all pages;
//! - [`transfer`]: attachment upload and download, asset imports.
//!
//! Every HTTP attempt waits for a slot of the rate budget, then is logged at debug level with its
//! method, path, attempt number, status and duration — never a body, a key or a token.

pub mod auth;
pub mod budget;
mod crud;
pub mod list;
pub mod retry;
mod send;
pub mod transfer;

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use url::{Host, Url};

pub use self::auth::{Auth, Secret, DEFAULT_TOKEN_URL};
pub use self::budget::{BudgetStats, RateBudget, RateLimits, RateWindow, WindowStats};
pub use self::list::{ListQuery, Page, MAX_PAGE_SIZE};
pub use self::retry::RetryPolicy;
use crate::error::{Error, Result};
use crate::resource::{Resource, Scope};

/// Dastra's API host, used by [`ClientOptions::dastra`].
pub const DEFAULT_BASE_URL: &str = "https://api.dastra.eu";

/// The `User-Agent` sent unless another is set: `passerelle/<crate version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("passerelle/", env!("CARGO_PKG_VERSION"));

/// How to reach Dastra and how hard to try. Build with [`ClientOptions::new`] and the setters,
/// then [`ClientOptions::build`].
#[derive(Debug, Clone)]
pub struct ClientOptions {
    base_url: String,
    auth: Auth,
    workspace_id: Option<i64>,
    connect_timeout: Duration,
    request_timeout: Duration,
    read_timeout: Duration,
    retry: RetryPolicy,
    max_concurrency: usize,
    rate_limits: RateLimits,
    rate_budget: Option<Arc<RateBudget>>,
    user_agent: String,
}

impl ClientOptions {
    /// Options for the API at `base_url` (https; http only on a loopback host), with defaults:
    /// connect timeout 10 s, request timeout 60 s, read timeout 60 s, 5 attempts, stream
    /// concurrency 4, Dastra's rate limits shared per key.
    pub fn new(base_url: impl Into<String>, auth: Auth) -> Self {
        ClientOptions {
            base_url: base_url.into(),
            auth,
            workspace_id: None,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            read_timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            max_concurrency: 4,
            rate_limits: RateLimits::dastra(),
            rate_budget: None,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
        }
    }

    /// Options for Dastra's own API host, [`DEFAULT_BASE_URL`].
    pub fn dastra(auth: Auth) -> Self {
        ClientOptions::new(DEFAULT_BASE_URL, auth)
    }

    /// The workspace that workspace-scoped calls address (`/v1/ws/{id}/…`).
    pub fn workspace(mut self, id: i64) -> Self {
        self.workspace_id = Some(id);
        self
    }

    /// How long establishing a connection may take.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one ordinary request may take, body included. Uploads and downloads are bounded
    /// by the read timeout only, so a large file is not cut by it.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// How long the server may stay silent while a response is being read.
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// The retry policy (see [`retry`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Attempts in all for one call, the first included (default 5).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.retry.max_attempts = attempts;
        self
    }

    /// Pages fetched at once by [`DastraClient::stream_all`] (default 4).
    pub fn max_concurrency(mut self, pages: usize) -> Self {
        self.max_concurrency = pages;
        self
    }

    /// The limits of the budget shared per key (default: Dastra's, 500/60 s and 10,000/600 s).
    pub fn rate_limits(mut self, limits: RateLimits) -> Self {
        self.rate_limits = limits;
        self
    }

    /// Use this budget instead of the shared one for the key.
    pub fn rate_budget(mut self, budget: Arc<RateBudget>) -> Self {
        self.rate_budget = Some(budget);
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Validate the options and build the client.
    ///
    /// Errors: [`Error::InvalidUrl`] or [`Error::InsecureUrl`] for the base or token URL,
    /// [`Error::InvalidOption`] for zero attempts or zero concurrency.
    pub fn build(self) -> Result<DastraClient> {
        DastraClient::new(self)
    }
}

/// A handle on Dastra's API (see the module docs). Clones share everything but the workspace.
#[derive(Clone)]
pub struct DastraClient {
    inner: Arc<Inner>,
    workspace_id: Option<i64>,
}

/// What every clone shares; lives as long as the last clone.
struct Inner {
    /// The connection pool.
    http: reqwest::Client,
    /// The base URL without a trailing slash; paths are appended to it.
    base: String,
    credentials: auth::Credentials,
    budget: Arc<RateBudget>,
    retry: RetryPolicy,
    max_concurrency: usize,
    request_timeout: Duration,
}

impl fmt::Debug for DastraClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DastraClient")
            .field("base_url", &self.inner.base)
            .field("workspace_id", &self.workspace_id)
            .finish_non_exhaustive()
    }
}

impl DastraClient {
    /// Build a client; see [`ClientOptions::build`].
    pub fn new(options: ClientOptions) -> Result<Self> {
        let base = validate_url(&options.base_url)?;
        let token_url = match &options.auth {
            Auth::ClientCredentials { token_url, .. } => Some(validate_url(token_url)?),
            Auth::ApiKey(_) => None,
        };
        if options.retry.max_attempts == 0 {
            return Err(Error::InvalidOption {
                option: "max_attempts",
                reason: "must be at least 1",
            });
        }
        if options.max_concurrency == 0 {
            return Err(Error::InvalidOption {
                option: "max_concurrency",
                reason: "must be at least 1",
            });
        }

        let http = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .connect_timeout(options.connect_timeout)
            .read_timeout(options.read_timeout)
            .build()
            .map_err(|_| Error::InvalidOption {
                option: "user_agent",
                reason: "the HTTP client could not be built with it",
            })?;
        let base = base.as_str().trim_end_matches('/').to_owned();
        let budget = options.rate_budget.clone().unwrap_or_else(|| {
            RateBudget::shared(&base, options.auth.budget_identity(), &options.rate_limits)
        });

        let inner = Inner {
            credentials: auth::Credentials::new(&options.auth, token_url, http.clone()),
            http,
            base,
            budget,
            retry: options.retry,
            max_concurrency: options.max_concurrency,
            request_timeout: options.request_timeout,
        };
        Ok(DastraClient {
            inner: Arc::new(inner),
            workspace_id: options.workspace_id,
        })
    }

    /// The same client addressing another workspace (shares pool, token and budget).
    pub fn with_workspace(&self, workspace_id: i64) -> Self {
        DastraClient {
            inner: self.inner.clone(),
            workspace_id: Some(workspace_id),
        }
    }

    /// The workspace addressed by workspace-scoped calls.
    pub fn workspace_id(&self) -> Option<i64> {
        self.workspace_id
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The rate budget every request of this client draws from.
    pub fn rate_budget(&self) -> &Arc<RateBudget> {
        &self.inner.budget
    }

    /// How many pages [`DastraClient::stream_all`] fetches at once.
    pub fn max_concurrency(&self) -> usize {
        self.inner.max_concurrency
    }

    /// `/v1/ws/{workspaceId}/{rest}` for this client's workspace.
    ///
    /// Errors: [`Error::NoWorkspace`] when the client has none.
    pub fn workspace_path(&self, rest: &str) -> Result<String> {
        let ws = self.workspace_id.ok_or(Error::NoWorkspace {
            collection: "this route",
        })?;
        Ok(format!("/v1/ws/{ws}/{}", rest.trim_start_matches('/')))
    }

    /// The path of `R`'s collection (`/v1/ws/12/Assets`, `/v1/WorkSpaces`).
    ///
    /// Errors: [`Error::NoWorkspace`] for a workspace-scoped collection without a workspace.
    pub fn collection_path<R: Resource>(&self) -> Result<String> {
        if R::SCOPE == Scope::Workspace && self.workspace_id.is_none() {
            return Err(Error::NoWorkspace {
                collection: R::COLLECTION,
            });
        }
        Ok(crate::resource::collection_path::<R>(self.workspace_id))
    }

    /// The path of one record of `R`.
    pub fn item_path<R: Resource>(&self, id: &R::Id) -> Result<String> {
        Ok(format!("{}/{id}", self.collection_path::<R>()?))
    }
}

/// Check a base or token URL: absolute, with a host, no credentials, no query or fragment, and
/// https unless the host is loopback (127.0.0.0/8, ::1, localhost).
pub fn validate_url(raw: &str) -> Result<Url> {
    let invalid = |url: String, reason| Error::InvalidUrl { url, reason };
    let url = Url::parse(raw.trim()).map_err(|_| invalid(shorten(raw), "not an absolute url"))?;
    let shown = || {
        format!(
            "{}://{}{}",
            url.scheme(),
            url.host_str().unwrap_or(""),
            url.path()
        )
    };

    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            shown(),
            "credentials do not belong in the url; use the auth options",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            shown(),
            "a query string or fragment is not allowed here",
        ));
    }
    let host = url
        .host()
        .ok_or_else(|| invalid(shown(), "the url has no host"))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback(&host) => Ok(url),
        "http" => Err(Error::InsecureUrl {
            host: host.to_string(),
        }),
        _ => Err(invalid(shown(), "the scheme must be https")),
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => {
            ip.is_loopback()
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| IpAddr::V4(v4).is_loopback())
        }
    }
}

fn shorten(raw: &str) -> String {
    raw.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_are_accepted_anywhere() {
        assert!(validate_url("https://api.dastra.eu").is_ok());
        assert!(
            validate_url("https://10.0.0.8:8443/dastra/").is_ok(),
            "https on any host"
        );
    }

    #[test]
    fn plain_http_is_accepted_only_for_loopback_hosts() {
        for url in [
            "http://127.0.0.1:8080",
            "http://127.8.9.10",
            "http://localhost:3000/",
            "http://LOCALHOST",
            "http://[::1]:9000",
            "http://[::ffff:127.0.0.1]",
        ] {
            assert!(validate_url(url).is_ok(), "{url} is loopback");
        }
        for url in [
            "http://api.dastra.eu",
            "http://192.168.1.2",
            "http://localhost.evil.com",
        ] {
            let err = validate_url(url).expect_err(url);
            assert!(matches!(err, Error::InsecureUrl { .. }), "{url}: {err}");
            assert!(
                err.to_string().contains("use https"),
                "the message says what to do: {err}"
            );
        }
    }

    #[test]
    fn malformed_urls_are_refused_with_a_reason() {
        let cases = [
            ("api.dastra.eu", "not an absolute url"),
            ("ftp://api.dastra.eu", "scheme must be https"),
            ("https://api.dastra.eu?key=1", "query"),
        ];
        for (url, reason) in cases {
            let err = validate_url(url).expect_err(url).to_string();
            assert!(err.contains(reason), "{url}: {err}");
        }
    }

    #[test]
    fn credentials_in_a_url_are_refused_without_echoing_them() {
        let err = validate_url("https://user:hunter2@api.dastra.eu").expect_err("refused");
        let msg = err.to_string();
        assert!(!msg.contains("hunter2"), "no secret in the message: {msg}");
        assert!(msg.contains("auth options"), "{msg}");
    }

    #[test]
    fn options_with_zero_attempts_or_concurrency_are_refused() {
        let opts = || ClientOptions::new("http://127.0.0.1:1", Auth::api_key("k"));
        let err = opts().max_attempts(0).build().expect_err("zero attempts");
        assert!(err.to_string().contains("max_attempts"), "{err}");
        let err = opts()
            .max_concurrency(0)
            .build()
            .expect_err("zero concurrency");
        assert!(err.to_string().contains("max_concurrency"), "{err}");
    }

    #[test]
    fn the_token_url_is_held_to_the_same_rule() {
        let auth = Auth::client_credentials("p", "s").with_token_url("http://account.example");
        let err = ClientOptions::new("https://api.dastra.eu", auth)
            .build()
            .expect_err("refused");
        assert!(matches!(err, Error::InsecureUrl { .. }), "{err}");
    }

    #[test]
    fn the_client_debug_output_shows_no_secret() {
        let client = ClientOptions::new("http://127.0.0.1:1", Auth::api_key("very-secret"))
            .workspace(3)
            .build()
            .expect("valid");
        let printed = format!("{client:?}");
        assert!(!printed.contains("very-secret"), "{printed}");
        assert!(printed.contains("workspace_id: Some(3)"), "{printed}");
    }
}
