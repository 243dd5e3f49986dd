//! Serving the router over TCP, with the one fault axum's own `serve` cannot inject: closing a
//! connection without answering (see [`crate::faults::AbortConnection`]).

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tower::ServiceExt;

use crate::error::Result;
use crate::faults::AbortConnection;
use crate::options::SandboxOptions;
use crate::routes::app;
use crate::state::SandboxState;

/// Serve the sandbox on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, state: SandboxState) -> std::io::Result<()> {
    serve_with_shutdown(listener, state, std::future::pending()).await
}

/// Serve the sandbox on `listener` until `shutdown` completes. Connections in flight finish on
/// their own.
pub async fn serve_with_shutdown(
    listener: TcpListener,
    state: SandboxState,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let router = app(state);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    tracing::debug!(?e, "sandbox accept failed");
                    continue;
                }
            },
            () = &mut shutdown => return Ok(()),
        };
        tokio::spawn(serve_connection(router.clone(), stream, peer));
    }
}

async fn serve_connection(router: Router, stream: tokio::net::TcpStream, peer: SocketAddr) {
    let service = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let router = router.clone();
        async move {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            let response = router
                .oneshot(req)
                .await
                .unwrap_or_else(|e: Infallible| match e {});
            if response.extensions().get::<AbortConnection>().is_some() {
                // Returning an error makes hyper close the connection without a response.
                return Err(AbortConnection);
            }
            Ok(response)
        }
    });
    let outcome = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
    if let Err(e) = outcome {
        tracing::trace!(?e, %peer, "sandbox connection ended with an error");
    }
}

/// A sandbox serving on a local port; stops (and saves its state) when dropped.
#[derive(Debug)]
pub struct RunningSandbox {
    addr: SocketAddr,
    state: SandboxState,
    stop: Option<oneshot::Sender<()>>,
}

impl RunningSandbox {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`, the base URL for a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The `X-API-Key` value.
    pub fn api_key(&self) -> &str {
        self.state.api_key()
    }

    /// The sandbox's state (faults, store, flush).
    pub fn state(&self) -> &SandboxState {
        &self.state
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Err(e) = self.state.flush() {
            tracing::debug!(?e, "sandbox state not saved on stop");
        }
    }
}

/// Start a sandbox with `options` on `127.0.0.1:port` (`0` for any free port), in the current
/// Tokio runtime.
pub async fn start(options: SandboxOptions, port: u16) -> Result<RunningSandbox> {
    let state = SandboxState::new(options)?;
    start_with_state(state, SocketAddr::from(([127, 0, 0, 1], port))).await
}

/// Serve an existing state on `addr`.
pub async fn start_with_state(state: SandboxState, addr: SocketAddr) -> Result<RunningSandbox> {
    let io = |source| crate::error::Error::Io {
        path: addr.to_string().into(),
        source,
    };
    let listener = TcpListener::bind(addr).await.map_err(io)?;
    let addr = listener.local_addr().map_err(io)?;
    let (stop, stopped) = oneshot::channel::<()>();
    let served = state.clone();
    tokio::spawn(async move {
        let shutdown = async {
            let _ = stopped.await;
        };
        if let Err(e) = serve_with_shutdown(listener, served, shutdown).await {
            tracing::debug!(?e, "sandbox server stopped");
        }
    });
    tracing::debug!(%addr, "sandbox listening");
    Ok(RunningSandbox {
        addr,
        state,
        stop: Some(stop),
    })
}
