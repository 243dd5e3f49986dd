//! Per-key request budgets over sliding windows (500 a minute and 10,000 per 10 minutes by
//! default, as Dastra publishes).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::options::RateWindow;

/// The budgets of every key, and the time of each accepted request still inside a window.
#[derive(Debug)]
pub struct RateLimiter {
    windows: Vec<RateWindow>,
    /// Key → instants of accepted requests, oldest first, trimmed to the longest window.
    hits: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// How one window of one key stands (`/rate-limiting-state`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WindowState {
    /// `1m`, `10m`…
    pub window: String,
    /// Requests allowed in the window.
    pub limit: u32,
    /// Requests still allowed now.
    pub remaining: u32,
    /// Seconds until the oldest counted request leaves the window (0 when none is counted).
    pub reset_seconds: u64,
}

impl RateLimiter {
    /// A limiter enforcing every window in `windows`.
    pub fn new(windows: Vec<RateWindow>) -> Self {
        Self {
            windows,
            hits: Mutex::new(HashMap::new()),
        }
    }

    /// Count a request for `key` if every window has room; otherwise the seconds to wait.
    pub fn acquire(&self, key: &str) -> Result<(), u64> {
        self.acquire_at(key, Instant::now())
    }

    fn acquire_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        let mut hits = self.hits.lock().expect("BUG: rate limiter poisoned");
        let queue = hits.entry(key.to_string()).or_default();
        self.trim(queue, now);

        let mut wait = Duration::ZERO;
        for w in &self.windows {
            let inside = in_window(queue, now, w.period);
            if inside.len() >= w.limit as usize {
                // The request that frees a slot is the one `limit` places from the newest.
                let freeing = inside[inside.len() - w.limit as usize];
                wait = wait.max((freeing + w.period).saturating_duration_since(now));
            }
        }
        if wait > Duration::ZERO {
            return Err(ceil_secs(wait).max(1));
        }
        queue.push_back(now);
        Ok(())
    }

    /// The state of every window for `key`.
    pub fn state(&self, key: &str) -> Vec<WindowState> {
        let now = Instant::now();
        let mut hits = self.hits.lock().expect("BUG: rate limiter poisoned");
        let queue = hits.entry(key.to_string()).or_default();
        self.trim(queue, now);
        self.windows
            .iter()
            .map(|w| {
                let inside = in_window(queue, now, w.period);
                let reset = inside
                    .first()
                    .map_or(0, |t| ceil_secs((*t + w.period) - now));
                WindowState {
                    window: w.label(),
                    limit: w.limit,
                    remaining: w.limit.saturating_sub(inside.len() as u32),
                    reset_seconds: reset,
                }
            })
            .collect()
    }

    fn trim(&self, queue: &mut VecDeque<Instant>, now: Instant) {
        let longest = self
            .windows
            .iter()
            .map(|w| w.period)
            .max()
            .unwrap_or_default();
        while queue
            .front()
            .is_some_and(|t| now.duration_since(*t) >= longest)
        {
            queue.pop_front();
        }
    }
}

/// The hits of `queue` that are less than `period` old.
fn in_window(queue: &mut VecDeque<Instant>, now: Instant, period: Duration) -> &[Instant] {
    let all = queue.make_contiguous();
    let start = all.partition_point(|t| now.duration_since(*t) >= period);
    &all[start..]
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(limit: u32, secs: u64) -> RateLimiter {
        RateLimiter::new(vec![RateWindow {
            limit,
            period: Duration::from_secs(secs),
        }])
    }

    #[test]
    fn requests_over_the_budget_are_refused_until_the_window_slides() {
        let rl = limiter(3, 60);
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(
                rl.acquire_at("k", t0 + Duration::from_secs(i)).is_ok(),
                "request {i} fits"
            );
        }
        let wait = rl
            .acquire_at("k", t0 + Duration::from_secs(10))
            .unwrap_err();
        assert_eq!(
            wait, 50,
            "the first request leaves the window 60 s after it was made"
        );
        assert!(
            rl.acquire_at("k", t0 + Duration::from_secs(60)).is_ok(),
            "slot freed"
        );
    }

    #[test]
    fn keys_have_separate_budgets() {
        let rl = limiter(1, 60);
        assert!(rl.acquire("a").is_ok());
        assert!(rl.acquire("b").is_ok(), "another key is not affected");
        assert!(rl.acquire("a").is_err(), "the first key is over budget");
    }

    #[test]
    fn the_state_reports_what_remains() {
        let rl = RateLimiter::new(RateWindow::dastra_defaults());
        rl.acquire("k").unwrap();
        let state = rl.state("k");
        assert_eq!(state[0].window, "1m");
        assert_eq!(state[0].remaining, 499, "one request counted");
        assert_eq!(state[1].window, "10m");
        assert_eq!(state[1].remaining, 9_999);
        assert!(
            state[0].reset_seconds <= 60 && state[0].reset_seconds >= 59,
            "reset in ~60 s"
        );
    }
}
