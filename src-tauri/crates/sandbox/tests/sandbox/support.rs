//! An in-process client for the router, with a pinned date.

use axum::body::{to_bytes, Body};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{DateTime, TimeZone, Utc};
use passerelle_sandbox::{app, SandboxOptions, SandboxState, SeedOptions};
use serde_json::Value;
use tower::ServiceExt;

/// The date every test sandbox believes it is.
pub fn today() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 10, 9, 0, 0).unwrap()
}

/// Options with the pinned date.
pub fn options() -> SandboxOptions {
    SandboxOptions {
        seed: SeedOptions {
            today: Some(today()),
            ..SeedOptions::default()
        },
        ..SandboxOptions::default()
    }
}

/// A response, body parsed as JSON when it is JSON.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

/// The router and its state.
pub struct Api {
    pub state: SandboxState,
    router: Router,
}

impl Api {
    pub fn new() -> Self {
        Self::with(options())
    }

    pub fn with(options: SandboxOptions) -> Self {
        let state = SandboxState::new(options).expect("sandbox starts");
        Self {
            router: app(state.clone()),
            state,
        }
    }

    /// A request builder carrying the API key.
    pub fn request(&self, method: Method, path: &str) -> axum::http::request::Builder {
        Request::builder()
            .method(method)
            .uri(path)
            .header("x-api-key", self.state.api_key())
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(req).await.expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body")
            .to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            bytes,
        }
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let builder = self
            .request(method, path)
            .header("content-type", "application/json");
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        self.send(builder.body(body).unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None).await
    }

    /// Every item of a paged list (size 500).
    pub async fn all(&self, path: &str) -> Vec<Value> {
        let sep = if path.contains('?') { '&' } else { '?' };
        let mut out = Vec::new();
        for page in 1.. {
            let r = self.get(&format!("{path}{sep}size=500&page={page}")).await;
            assert_eq!(r.status, 200, "listing {path}: {}", r.body);
            let items = r.body["items"].as_array().expect("a paged list").clone();
            let done = items.len() < 500;
            out.extend(items);
            if done {
                break;
            }
        }
        out
    }
}

/// A multipart body with one file part and optional text parts.
pub fn multipart(
    file_part: &str,
    file_name: &str,
    content: &[u8],
    fields: &[(&str, &str)],
) -> (String, Vec<u8>) {
    let boundary = "sandbox-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        let head = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"");
        body.extend(format!("{head}\r\n\r\n{value}\r\n").as_bytes());
    }
    let disposition = format!("form-data; name=\"{file_part}\"; filename=\"{file_name}\"");
    body.extend(format!("--{boundary}\r\nContent-Disposition: {disposition}\r\n").as_bytes());
    body.extend(b"Content-Type: application/octet-stream\r\n\r\n");
    body.extend(content);
    body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// `filters` as a query value.
pub fn filters(rule: Value) -> String {
    url::form_urlencoded::byte_serialize(rule.to_string().as_bytes()).collect()
}
