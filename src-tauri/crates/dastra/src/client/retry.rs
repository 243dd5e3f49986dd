//! When a failed attempt is tried again, and after how long.
//!
//! | failure | GET, PUT, DELETE, HEAD | POST, PATCH |
//! | --- | --- | --- |
//! | connection not established (request never sent) | retry | retry |
//! | 429, 503 (the server refused the request) | retry | retry |
//! | 502, 504, timeout, reset, body cut mid-response | retry | outcome unknown |
//! | any other status | fail | fail |
//!
//! Delays grow exponentially with full jitter (a uniform draw between zero and
//! `min(cap, base · 2^(retry − 1))`); a `Retry-After` (seconds or HTTP date) is a floor, never
//! shortened. A `Retry-After` longer than [`RetryPolicy::max_wait`] is not waited out: the call
//! fails with [`crate::Error::RateLimited`] at once, so an interactive caller is not frozen.

use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::Method;

/// How failed attempts are retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (at least 1; default 5).
    pub max_attempts: u32,
    /// Ceiling of the first retry's delay (default 200 ms).
    pub base: Duration,
    /// Largest ceiling of any delay (default 10 s).
    pub cap: Duration,
    /// Longest `Retry-After` the client waits out (default 120 s).
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            base: Duration::from_millis(200),
            cap: Duration::from_secs(10),
            max_wait: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The upper bound of the delay before retry number `retry` (1 for the first retry).
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.base.saturating_mul(factor).min(self.cap)
    }

    /// A random delay before retry number `retry`, uniformly drawn in `0..=ceiling(retry)`.
    pub fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self.ceiling(retry).as_millis() as u64;
        Duration::from_millis(rand::thread_rng().gen_range(0..=ceiling))
    }

    /// The delay before retry number `retry`, never shorter than the server's `Retry-After`.
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        let jitter = self.backoff(retry);
        retry_after.map_or(jitter, |floor| floor.max(jitter))
    }
}

/// What went wrong with one attempt, as far as retrying cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The connection was never established: the server cannot have seen the request.
    NotSent,
    /// The server answered this status.
    Status(u16),
    /// The request may have reached the server (timeout, reset, body cut).
    InFlight,
}

/// What to do about a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Try again (if attempts remain).
    Retry,
    /// A write may have happened: stop and report an unknown outcome.
    OutcomeUnknown,
    /// Stop and report the failure.
    Fail,
}

/// GET, HEAD, PUT, DELETE (and OPTIONS, TRACE): repeating them changes nothing more.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE
    ) || matches!(*method, Method::OPTIONS | Method::TRACE)
}

/// The table in the module docs.
pub(crate) fn decide(method: &Method, failure: Failure) -> Decision {
    let idempotent = is_idempotent(method);
    match failure {
        Failure::NotSent | Failure::Status(429 | 503) => Decision::Retry,
        Failure::Status(502 | 504) | Failure::InFlight if idempotent => Decision::Retry,
        Failure::Status(502 | 504) | Failure::InFlight => Decision::OutcomeUnknown,
        Failure::Status(_) => Decision::Fail,
    }
}

/// The `Retry-After` of a response, as a delay from now.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

/// Parse a `Retry-After` value: delta seconds, or an HTTP date (past dates give zero).
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_http_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after(" 3 ", now),
            Some(Duration::from_secs(3)),
            "trimmed"
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30)),
            "an IMF date 30 s ahead"
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO),
            "a past date means now"
        );
        assert_eq!(parse_retry_after("soon", now), None, "garbage is ignored");
        assert_eq!(
            parse_retry_after("-1", now),
            None,
            "negative seconds are garbage"
        );
    }

    #[test]
    fn backoff_ceilings_double_from_the_base_up_to_the_cap() {
        let policy = RetryPolicy::default();
        let ceilings: Vec<_> = (1..=8).map(|r| policy.ceiling(r).as_millis()).collect();
        assert_eq!(
            ceilings,
            vec![200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]
        );
        assert_eq!(
            policy.ceiling(u32::MAX),
            policy.cap,
            "no overflow on absurd retry counts"
        );
    }

    #[test]
    fn backoff_draws_stay_within_their_ceiling_and_spread() {
        let policy = RetryPolicy::default();
        let draws: Vec<_> = (0..500).map(|_| policy.backoff(3)).collect();
        assert!(
            draws.iter().all(|d| *d <= Duration::from_millis(800)),
            "bounded by the ceiling"
        );
        let low = draws
            .iter()
            .filter(|d| **d < Duration::from_millis(400))
            .count();
        assert!(
            (100..400).contains(&low),
            "full jitter spreads the draws: {low} below half"
        );
    }

    #[test]
    fn a_retry_after_is_a_floor_for_the_delay() {
        let policy = RetryPolicy::default();
        for retry in 1..6 {
            let delay = policy.delay(retry, Some(Duration::from_secs(2)));
            assert!(
                delay >= Duration::from_secs(2),
                "never sooner than asked: {delay:?}"
            );
            let bound = policy.ceiling(retry).max(Duration::from_secs(2));
            assert!(
                delay <= bound,
                "and no later than the backoff would be: {delay:?}"
            );
        }
    }

    #[test]
    fn only_idempotent_methods_are_retried_after_the_request_may_have_arrived() {
        use Decision::*;
        for (method, failure, expected) in [
            (Method::GET, Failure::InFlight, Retry),
            (Method::PUT, Failure::Status(502), Retry),
            (Method::DELETE, Failure::Status(504), Retry),
            (Method::POST, Failure::InFlight, OutcomeUnknown),
            (Method::PATCH, Failure::Status(504), OutcomeUnknown),
            (Method::POST, Failure::NotSent, Retry),
            (Method::POST, Failure::Status(429), Retry),
            (Method::PATCH, Failure::Status(503), Retry),
            (Method::GET, Failure::Status(500), Fail),
            (Method::GET, Failure::Status(404), Fail),
        ] {
            assert_eq!(
                decide(&method, failure),
                expected,
                "{method} after {failure:?}"
            );
        }
    }
}
