//! The client over real HTTP, against small servers started on `127.0.0.1:0` in each test.
//!
//! Most tests use a tiny axum router written for the behaviour under test; the ones about dropped
//! connections and cut bodies use a raw TCP server, because a well-behaved HTTP server cannot be
//! made to misbehave on purpose. End-to-end tests against the sandbox live in the root `tests/`.

mod auth;
mod budget;
mod lists;
mod retries;
mod server;
mod transfers;
mod writes;

use std::time::Duration;

use passerelle_dastra::client::RetryPolicy;
use passerelle_dastra::client::{Auth, ClientOptions, DastraClient, RateBudget, RateLimits};
use passerelle_dastra::{ListShape, Resource, Scope};
use serde::{Deserialize, Serialize};

/// The API key every test server expects.
const KEY: &str = "test-key-5ecret";

/// The workspace the test clients address.
const WS: i64 = 7;

/// A paged, workspace-scoped test resource at `/v1/ws/7/Things`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Thing {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<i32>,
    label: String,
}

impl Resource for Thing {
    type Id = i32;
    const COLLECTION: &'static str = "Things";
    const SCOPE: Scope = Scope::Workspace;
    const LIST: ListShape = ListShape::Paged;
    const SCHEMA: &'static str = "ThingDto";

    fn id(&self) -> Option<i32> {
        self.id
    }
}

/// A bare-array test resource at `/v1/ws/7/Labels`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Label {
    id: i32,
}

impl Resource for Label {
    type Id = i32;
    const COLLECTION: &'static str = "Labels";
    const SCOPE: Scope = Scope::Workspace;
    const LIST: ListShape = ListShape::BareArray;
    const SCHEMA: &'static str = "LabelDto";

    fn id(&self) -> Option<i32> {
        Some(self.id)
    }
}

/// Retries that do not slow the suite down.
fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base: Duration::from_millis(5),
        cap: Duration::from_millis(20),
        max_wait: Duration::from_secs(5),
    }
}

/// Options for a server at `url`, with an API key, fast retries and a budget of its own.
fn options(url: &str) -> ClientOptions {
    ClientOptions::new(url, Auth::api_key(KEY))
        .workspace(WS)
        .retry(fast_retries())
        .rate_budget(RateBudget::new(RateLimits::dastra()))
}

fn client(url: &str) -> DastraClient {
    options(url).build().expect("valid test options")
}
