//! How a sandbox is configured when it starts.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Everything a sandbox needs to start; [`SandboxOptions::default`] is an in-memory sandbox
/// with the demo credentials, Dastra's published rate limits and the standard seed.
#[derive(Debug, Clone)]
pub struct SandboxOptions {
    /// Public part of the organisation's API key (the OAuth2 client id).
    pub public_key: String,
    /// Private part of the API key: the `X-API-Key` value and the OAuth2 client secret.
    pub private_key: String,
    /// How long an access token from `/connect/token` stays valid.
    pub token_lifetime: Duration,
    /// Request budgets per key, each a sliding window; all must have room for a request.
    pub rate_limits: Vec<RateWindow>,
    /// JSON file that keeps the state across restarts; `None` keeps it in memory only.
    pub state_file: Option<PathBuf>,
    /// What the seeded workspace looks like.
    pub seed: SeedOptions,
    /// Faults injected from the first request on (changeable later through `/_sandbox/faults`).
    pub faults: Faults,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            public_key: "sandbox-public".into(),
            private_key: "sandbox-secret".into(),
            token_lifetime: Duration::from_secs(3600),
            rate_limits: RateWindow::dastra_defaults(),
            state_file: None,
            seed: SeedOptions::default(),
            faults: Faults::default(),
        }
    }
}

/// One sliding-window budget: at most `limit` requests in any `period`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateWindow {
    /// Requests allowed in the window.
    pub limit: u32,
    /// Length of the window.
    pub period: Duration,
}

impl RateWindow {
    /// Dastra's published budget: 500 requests a minute and 10,000 per 10 minutes.
    pub fn dastra_defaults() -> Vec<RateWindow> {
        vec![
            RateWindow {
                limit: 500,
                period: Duration::from_secs(60),
            },
            RateWindow {
                limit: 10_000,
                period: Duration::from_secs(600),
            },
        ]
    }

    /// The window's name in `/rate-limiting-state` (`1m`, `10m`, `30s`).
    pub fn label(&self) -> String {
        let secs = self.period.as_secs();
        if secs >= 60 && secs % 60 == 0 {
            format!("{}m", secs / 60)
        } else {
            format!("{}s", secs.max(1))
        }
    }
}

/// The seeded organisation. The same options always give the same data.
#[derive(Debug, Clone)]
pub struct SeedOptions {
    /// Seed of the random generator behind every choice.
    pub seed: u64,
    /// The date the sandbox believes it is, for seeding and for every computed date
    /// (`remainingDays`, `overtaking`, `dateUpdate`); `None` follows the system clock.
    pub today: Option<DateTime<Utc>>,
    /// Data subject requests in the main workspace.
    pub requests: usize,
    /// Assets in the main workspace.
    pub assets: usize,
    /// Actors (mostly vendors) in the main workspace.
    pub actors: usize,
    /// Contracts in the main workspace.
    pub contracts: usize,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            seed: 2024,
            today: None,
            requests: 40,
            assets: 150,
            actors: 60,
            contracts: 25,
        }
    }
}

/// Faults the sandbox injects into `/v1` requests, for tests and demos.
///
/// Counters (`burst429`, `dropMidBody`, `failAfterCommit`, `failAfterPatch`) count down as
/// requests consume them; `GET /_sandbox/faults` shows what is left.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Faults {
    /// Delay added before every `/v1` request is handled.
    pub latency_ms: u64,
    /// Fraction (0.0–1.0) of `/v1` requests answered 503, drawn from a generator seeded
    /// with `seed`, so a run is repeatable.
    pub error_rate: f64,
    /// Seed of the error-rate generator.
    pub seed: u64,
    /// The next N `/v1` requests get 429 with `Retry-After`.
    pub burst429: u32,
    /// `Retry-After` seconds sent with injected 429s (at least 1).
    pub retry_after_seconds: u64,
    /// The next N `/v1` responses send their status, headers and part of the body, then the
    /// connection is cut.
    pub drop_mid_body: u32,
    /// The next N `/v1` POSTs are carried out, then the connection is closed before any
    /// response is sent: the caller cannot know whether the write happened.
    pub fail_after_commit: u32,
    /// The next N `/v1` PATCHes are carried out, then the connection is closed before any
    /// response is sent, as `fail_after_commit` does for POSTs.
    pub fail_after_patch: u32,
}
