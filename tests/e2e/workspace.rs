//! The app's own sandbox workspace, reached over HTTP beside the window: what an import test
//! checks the window against, and where it slows Dastra down to watch an apply's progress.
//!
//! The app starts its embedded sandbox on a free loopback port and shows the address as the
//! header's tooltip; the sandbox's key is the fixed `sandbox-secret`
//! (`passerelle_sandbox::SandboxOptions::default`). The requests made here count against the
//! same rate budget (500 a minute) as the app's, so a test reads a collection once per check.

use passerelle_dastra::{Auth, ClientOptions, DastraClient};
use serde_json::{json, Value};

use crate::driver::App;

/// The sandbox the app runs on.
pub struct Workspace {
    url: String,
    client: DastraClient,
}

impl Workspace {
    /// The sandbox behind the app's header (the app must show its inbox or any screen).
    pub async fn of(app: &App) -> Workspace {
        let url = app
            .js(
                "return document.querySelector('[data-testid=workspace-label]') \
                 .parentElement.title",
            )
            .await
            .as_str()
            .expect("the header's tooltip is the workspace's address")
            .to_owned();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "the app runs on its sandbox: {url}"
        );
        let key = passerelle_sandbox::SandboxOptions::default().private_key;
        let client = ClientOptions::new(url.clone(), Auth::api_key(key))
            .workspace(i64::from(passerelle_sandbox::MAIN_WORKSPACE))
            .build()
            .expect("a client of the app's sandbox");
        Workspace { url, client }
    }

    /// Every record of `collection` (`Assets`, `Contracts`, `Actors`), without the
    /// `dateUpdate` that both a write and its undo move.
    pub async fn records(&self, collection: &str) -> Vec<Value> {
        let path = self.client.workspace_path(collection).expect("a path");
        let mut all = Vec::new();
        for page in 1.. {
            let page = page.to_string();
            let body = self
                .client
                .get_json(&path, &[("page", &page), ("size", "500")])
                .await
                .unwrap_or_else(|e| panic!("{collection} listed from the sandbox: {e}"));
            let items = body["items"].as_array().expect("a page of items").clone();
            let done = items.len() < 500;
            all.extend(items.into_iter().map(|mut record| {
                record
                    .as_object_mut()
                    .expect("a record")
                    .remove("dateUpdate");
                record
            }));
            if done {
                break;
            }
        }
        all
    }

    /// The record of `collection` whose `field` is `value`, if one is there.
    pub async fn find(&self, collection: &str, field: &str, value: &str) -> Option<Value> {
        let all = self.records(collection).await;
        let mut hits = all.into_iter().filter(|r| r[field] == value);
        let hit = hits.next();
        assert!(
            hits.next().is_none(),
            "one {collection} record has {field} {value}"
        );
        hit
    }

    /// Change `field` of record `id` of `collection` behind the app's back, as a colleague
    /// editing it in Dastra would.
    pub async fn edit(&self, collection: &str, id: &Value, field: &str, value: &str) {
        let id = id.as_str().map_or_else(|| id.to_string(), str::to_owned);
        let path = format!(
            "{}/{id}",
            self.client.workspace_path(collection).expect("a path")
        );
        let ops = json!([{ "op": "replace", "path": format!("/{field}"), "value": value }]);
        self.client
            .send_json(reqwest::Method::PATCH, &path, Some(&ops))
            .await
            .expect("the record edited in the sandbox");
    }

    /// Make every Dastra request take `ms` more milliseconds (0: none), so that an apply of a
    /// few dozen rows lasts long enough for its progress to be seen.
    pub async fn set_latency(&self, ms: u64) {
        self.set_faults(json!({ "latencyMs": ms })).await;
    }

    /// Answer this share (0 to 1) of Dastra requests with 503: 1 is Dastra down.
    pub async fn set_error_rate(&self, rate: f64) {
        self.set_faults(json!({ "errorRate": rate, "seed": 7 }))
            .await;
    }

    async fn set_faults(&self, faults: Value) {
        let status = reqwest::Client::new()
            .put(format!("{}/_sandbox/faults", self.url))
            .json(&faults)
            .send()
            .await
            .expect("the sandbox's fault route answers")
            .status();
        assert!(status.is_success(), "faults {faults} set: {status}");
    }
}
