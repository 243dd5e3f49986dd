//! Test servers: an axum router on a real socket, and a raw TCP server that misbehaves.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::Router;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A server running until dropped.
pub struct TestServer {
    pub url: String,
    task: JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Serve `router` on `127.0.0.1:0`.
pub async fn serve(router: Router) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .await
            .expect("test server runs");
    });
    TestServer { url, task }
}

/// What the raw server does with one connection.
#[derive(Debug, Clone, Copy)]
pub enum Raw {
    /// Read the request, then close without answering.
    Drop,
    /// Answer 200 with headers promising 100 bytes, send 10, close.
    CutBody,
    /// Answer 200 with this JSON body.
    Json(&'static str),
}

/// A raw TCP server: connection number `n` (from 0) gets `script(n)`. Returns the server and
/// the number of connections accepted.
pub async fn serve_raw(script: fn(usize) -> Raw) -> (TestServer, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let accepted = count.clone();
    let task = tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = accepted.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                read_request(&mut socket).await;
                let reply = match script(n) {
                    Raw::Drop => return,
                    Raw::CutBody => "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                         content-length: 100\r\n\r\n{\"id\": 1, "
                        .to_owned(),
                    Raw::Json(body) => format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                         content-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    ),
                };
                let _ = socket.write_all(reply.as_bytes()).await;
                let _ = socket.flush().await;
            });
        }
    });
    (TestServer { url, task }, count)
}

/// Read one request: headers, then as much body as `content-length` announces.
async fn read_request(socket: &mut tokio::net::TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let Ok(n) = socket.read(&mut chunk).await else {
            return;
        };
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok())
            .unwrap_or(0);
        if buf.len() >= end + 4 + length {
            return;
        }
    }
}

/// Counts calls; hands each handler its call number (from 0).
#[derive(Clone, Default)]
pub struct Counter(Arc<AtomicUsize>);

impl Counter {
    pub fn next(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst)
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }

    /// Count one call as finished (for in-flight counting).
    pub fn done(&self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The JSON of test thing `id`.
pub fn thing(id: i32) -> Value {
    json!({"id": id, "label": format!("thing {id}")})
}
