//! Fault injection: latency, an error rate, bursts of 429, bodies cut mid-way and POSTs whose
//! outcome the caller never learns. Applied to `/v1` requests only; steered through
//! `GET/PUT /_sandbox/faults` (loopback only, no API key).

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use axum::body::Body;
use axum::body::HttpBody as _;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures::StreamExt;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use crate::error::ApiError;
use crate::options::Faults;
use crate::state::SandboxState;

/// Response extension asking the server to close the connection instead of answering
/// (see [`crate::serve`]).
#[derive(Debug, Clone, Copy)]
pub struct AbortConnection;

impl std::fmt::Display for AbortConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sandbox fault: connection dropped after the request was carried out")
    }
}

impl std::error::Error for AbortConnection {}

/// The faults in force and the generator behind the error rate.
#[derive(Debug)]
pub(crate) struct FaultState {
    pub faults: Faults,
    rng: ChaCha8Rng,
}

/// What happens to one request.
#[derive(Debug, Default)]
struct Plan {
    latency: Duration,
    reply: Option<ApiError>,
    cut_body: bool,
    abort_after: bool,
}

impl FaultState {
    pub fn new(faults: Faults) -> Self {
        let rng = ChaCha8Rng::seed_from_u64(faults.seed);
        Self { faults, rng }
    }

    /// Decide the fate of one request, consuming counters.
    fn plan(&mut self, method: &Method) -> Plan {
        let f = &mut self.faults;
        let mut plan = Plan {
            latency: Duration::from_millis(f.latency_ms),
            ..Plan::default()
        };
        if f.burst429 > 0 {
            f.burst429 -= 1;
            let retry_after = f.retry_after_seconds.max(1);
            plan.reply = Some(ApiError::TooManyRequests { retry_after });
            return plan;
        }
        if f.error_rate > 0.0 && self.rng.gen::<f64>() < f.error_rate {
            plan.reply = Some(ApiError::Unavailable);
            return plan;
        }
        if *method == Method::POST && f.fail_after_commit > 0 {
            f.fail_after_commit -= 1;
            plan.abort_after = true;
        } else if *method == Method::PATCH && f.fail_after_patch > 0 {
            f.fail_after_patch -= 1;
            plan.abort_after = true;
        } else if f.drop_mid_body > 0 {
            f.drop_mid_body -= 1;
            plan.cut_body = true;
        }
        plan
    }
}

/// Middleware on `/v1`: apply the faults in force to one request.
pub(crate) async fn inject(
    State(state): State<SandboxState>,
    req: Request,
    next: Next,
) -> Response {
    let plan = state.with_faults(|f| f.plan(req.method()));
    if !plan.latency.is_zero() {
        tokio::time::sleep(plan.latency).await;
    }
    if let Some(reply) = plan.reply {
        tracing::debug!(status = %reply.status(), "sandbox fault injected");
        return reply.into_response();
    }

    let mut response = next.run(req).await;
    if plan.abort_after {
        tracing::debug!("sandbox fault: dropping the connection after the write");
        response.extensions_mut().insert(AbortConnection);
    } else if plan.cut_body {
        tracing::debug!("sandbox fault: cutting the body");
        response = cut_body(response);
    }
    response
}

/// Keep the status and headers, send half of the body (16 KiB when its size is unknown), then
/// fail the body stream so the server aborts the connection.
fn cut_body(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let exact = body.size_hint().exact();
    let keep = exact.map_or(16 * 1024, |n| (n / 2) as usize);
    if exact == Some(0) {
        parts.headers.remove(header::CONTENT_LENGTH);
    }
    let aborted = || io::Error::new(io::ErrorKind::ConnectionAborted, "sandbox fault: body cut");
    let stream = futures::stream::unfold(
        (body.into_data_stream(), keep, false),
        move |(mut data, left, done)| async move {
            if done {
                return None;
            }
            if left == 0 {
                // Let the server flush what was sent before the connection goes.
                tokio::time::sleep(Duration::from_millis(50)).await;
                return Some((Err(aborted()), (data, 0, true)));
            }
            match data.next().await {
                Some(Ok(mut chunk)) => {
                    chunk.truncate(left);
                    let left = left - chunk.len();
                    Some((Ok(chunk), (data, left, false)))
                }
                Some(Err(e)) => Some((Err(io::Error::other(e)), (data, 0, true))),
                None => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Some((Err(aborted()), (data, 0, true)))
                }
            }
        },
    );
    Response::from_parts(parts, Body::from_stream(stream))
}

/// `/_sandbox/…`: the admin routes (faults, reset), answering on loopback only.
pub(crate) fn admin_routes() -> Router<SandboxState> {
    Router::new()
        .route("/_sandbox/faults", get(get_faults).put(put_faults))
        .route("/_sandbox/reset", post(reset))
        .layer(axum::middleware::from_fn(loopback_only))
}

async fn loopback_only(req: Request, next: Next) -> Response {
    // In-process calls (tests calling the router directly) carry no peer address.
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    if peer.is_some_and(|p| !p.ip().is_loopback()) {
        return ApiError::Forbidden("the sandbox admin routes answer on loopback only")
            .into_response();
    }
    next.run(req).await
}

async fn get_faults(State(state): State<SandboxState>) -> Json<Faults> {
    Json(state.faults())
}

async fn put_faults(
    State(state): State<SandboxState>,
    body: axum::body::Bytes,
) -> Result<Json<Faults>, ApiError> {
    let faults: Faults = serde_json::from_slice(&body)
        .map_err(|e| ApiError::field("$", format!("not a fault description: {e}")))?;
    if !(0.0..=1.0).contains(&faults.error_rate) {
        return Err(ApiError::field(
            "errorRate",
            "errorRate must be between 0 and 1",
        ));
    }
    tracing::debug!(?faults, "sandbox faults set");
    state.set_faults(faults);
    Ok(Json(state.faults()))
}

async fn reset(State(state): State<SandboxState>) -> Result<Json<serde_json::Value>, ApiError> {
    state
        .reset()
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Json(json!({ "reset": true })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_of_429_is_consumed_request_by_request() {
        let mut fs = FaultState::new(Faults {
            burst429: 2,
            ..Faults::default()
        });
        assert!(matches!(
            fs.plan(&Method::GET).reply,
            Some(ApiError::TooManyRequests { .. })
        ));
        assert!(
            fs.plan(&Method::GET).reply.is_some(),
            "second request of the burst"
        );
        assert!(fs.plan(&Method::GET).reply.is_none(), "the burst is over");
    }

    #[test]
    fn the_error_rate_is_repeatable_for_a_seed() {
        let faults = Faults {
            error_rate: 0.3,
            seed: 7,
            ..Faults::default()
        };
        let draw = |f: &Faults| {
            let mut fs = FaultState::new(f.clone());
            (0..200)
                .map(|_| fs.plan(&Method::GET).reply.is_some())
                .collect::<Vec<_>>()
        };
        let first = draw(&faults);
        assert_eq!(first, draw(&faults), "same seed, same failures");
        let failed = first.iter().filter(|f| **f).count();
        assert!(
            (30..90).contains(&failed),
            "about 30% of 200 fail, got {failed}"
        );
    }

    #[test]
    fn fail_after_commit_applies_to_posts_only() {
        let mut fs = FaultState::new(Faults {
            fail_after_commit: 1,
            ..Faults::default()
        });
        assert!(!fs.plan(&Method::GET).abort_after, "a GET is not a commit");
        assert!(
            fs.plan(&Method::POST).abort_after,
            "the POST is dropped after commit"
        );
        assert!(!fs.plan(&Method::POST).abort_after, "counter used up");
    }

    #[test]
    fn fail_after_patch_applies_to_patches_only() {
        let mut fs = FaultState::new(Faults {
            fail_after_patch: 1,
            ..Faults::default()
        });
        assert!(!fs.plan(&Method::POST).abort_after, "a POST is not a PATCH");
        assert!(!fs.plan(&Method::GET).abort_after, "a GET is not a PATCH");
        assert!(
            fs.plan(&Method::PATCH).abort_after,
            "the PATCH is dropped after commit"
        );
        assert!(!fs.plan(&Method::PATCH).abort_after, "counter used up");
    }
}
