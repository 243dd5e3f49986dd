//! The rate budget: Dastra allows 500 requests a minute and 10,000 per ten minutes per key.
//!
//! A [`RateBudget`] keeps, for each sliding window, the instants of the requests made within it.
//! [`RateBudget::acquire`] takes a slot in every window at once, or sleeps until the oldest
//! request of each full window leaves it. Every HTTP attempt to the API draws a slot, retries
//! included; token requests (to the account host) do not.
//!
//! Budgets are shared: [`RateBudget::shared`] hands every client of the same key and server the
//! same budget, through a process-wide registry keyed by a keyed hash of the key (the key itself
//! is not kept). Once the last client of a key is dropped, its budget goes too.
//!
//! Counters ([`RateBudget::stats`]) record how many requests were made and the most ever seen
//! inside each window, so a benchmark can show the limits were never exceeded.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use tokio::time::Instant;

/// One sliding-window limit: at most `limit` requests in any `period`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateWindow {
    /// Requests allowed in the window.
    pub limit: u32,
    /// The window's length.
    pub period: Duration,
}

/// The limits a budget enforces, all at once.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RateLimits {
    windows: Vec<RateWindow>,
}

impl RateLimits {
    /// Dastra's published limits: 500 requests per 60 s and 10,000 per 600 s.
    pub fn dastra() -> Self {
        RateLimits::new([
            RateWindow {
                limit: 500,
                period: Duration::from_secs(60),
            },
            RateWindow {
                limit: 10_000,
                period: Duration::from_secs(600),
            },
        ])
    }

    /// Custom windows (for tests, or a server with other limits). Windows with a zero limit or
    /// period are ignored; no windows means no limit.
    pub fn new(windows: impl IntoIterator<Item = RateWindow>) -> Self {
        let windows = windows
            .into_iter()
            .filter(|w| w.limit > 0 && !w.period.is_zero())
            .collect();
        RateLimits { windows }
    }

    /// The windows, as given.
    pub fn windows(&self) -> &[RateWindow] {
        &self.windows
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits::dastra()
    }
}

/// What a budget has seen so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetStats {
    /// Slots handed out (one per HTTP attempt) since the budget was created.
    pub requests: u64,
    /// How many acquisitions had to wait for a slot.
    pub waits: u64,
    /// One entry per window, in the order of [`RateLimits::windows`].
    pub windows: Vec<WindowStats>,
}

/// What one window has seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowStats {
    /// The window's limit.
    pub window: RateWindow,
    /// The most requests ever inside one window of this length; never above the limit.
    pub max_seen: u32,
    /// Requests inside the window ending now.
    pub current: u32,
}

/// The budgets by keyed hash of (server, key, limits); the random hasher keys make the hashes
/// useless outside this process.
type Registry = (RandomState, Mutex<HashMap<u64, Weak<RateBudget>>>);

/// A shared allowance of requests (see the module docs).
#[derive(Debug)]
pub struct RateBudget {
    limits: RateLimits,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Per window, the instants of the requests still inside it, oldest first.
    stamps: Vec<VecDeque<Instant>>,
    /// Per window, the largest length `stamps` ever reached.
    max_seen: Vec<u32>,
    requests: u64,
    waits: u64,
}

impl RateBudget {
    /// A budget of its own, shared with nobody unless the `Arc` is.
    pub fn new(limits: RateLimits) -> Arc<Self> {
        let n = limits.windows.len();
        let state = State {
            stamps: vec![VecDeque::new(); n],
            max_seen: vec![0; n],
            ..State::default()
        };
        Arc::new(RateBudget {
            limits,
            state: Mutex::new(state),
        })
    }

    /// The process-wide budget for this key on this server: every caller passing the same
    /// `origin` and `key` (and limits) gets the same budget while any of them holds it.
    pub fn shared(origin: &str, key: &str, limits: &RateLimits) -> Arc<Self> {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        let (hasher, map) = REGISTRY.get_or_init(|| (RandomState::new(), Mutex::default()));

        let id = hasher.hash_one((origin, key, limits));

        let mut map = map.lock().expect("BUG: rate budget registry poisoned");
        if let Some(budget) = map.get(&id).and_then(Weak::upgrade) {
            return budget;
        }
        map.retain(|_, weak| weak.strong_count() > 0);
        let budget = RateBudget::new(limits.clone());
        map.insert(id, Arc::downgrade(&budget));
        budget
    }

    /// The limits this budget enforces.
    pub fn limits(&self) -> &RateLimits {
        &self.limits
    }

    /// Take one slot, waiting as long as needed for every window to have room.
    ///
    /// Cancel-safe: a slot is taken only when the call returns.
    pub async fn acquire(&self) {
        let mut waited = false;
        loop {
            let wait = match self.try_acquire(Instant::now()) {
                None => return,
                Some(wait) => wait,
            };
            if !waited {
                waited = true;
                self.lock().waits += 1;
            }
            tracing::trace!(
                wait_ms = wait.as_millis() as u64,
                "rate budget full, waiting"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// Take a slot if every window has room; otherwise how long until one frees.
    fn try_acquire(&self, now: Instant) -> Option<Duration> {
        let mut state = self.lock();
        let mut wait = Duration::ZERO;
        for (window, stamps) in self.limits.windows.iter().zip(&mut state.stamps) {
            while stamps
                .front()
                .is_some_and(|t| now.duration_since(*t) >= window.period)
            {
                stamps.pop_front();
            }
            if stamps.len() >= window.limit as usize {
                let oldest = *stamps.front().expect("a full window has a first stamp");
                wait = wait.max(window.period - now.duration_since(oldest));
            }
        }
        if !wait.is_zero() {
            return Some(wait);
        }

        let state = &mut *state;
        for (stamps, max) in state.stamps.iter_mut().zip(&mut state.max_seen) {
            stamps.push_back(now);
            *max = (*max).max(stamps.len() as u32);
        }
        state.requests += 1;
        None
    }

    /// The counters so far.
    pub fn stats(&self) -> BudgetStats {
        let now = Instant::now();
        let state = self.lock();
        let windows = self
            .limits
            .windows
            .iter()
            .zip(state.stamps.iter().zip(&state.max_seen))
            .map(|(window, (stamps, max))| WindowStats {
                window: *window,
                max_seen: *max,
                current: stamps
                    .iter()
                    .filter(|t| now.duration_since(**t) < window.period)
                    .count() as u32,
            })
            .collect();
        BudgetStats {
            requests: state.requests,
            waits: state.waits,
            windows,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("BUG: rate budget state poisoned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> RateLimits {
        RateLimits::new([
            RateWindow {
                limit: 3,
                period: Duration::from_secs(10),
            },
            RateWindow {
                limit: 5,
                period: Duration::from_secs(100),
            },
        ])
    }

    #[tokio::test(start_paused = true)]
    async fn a_full_window_makes_the_next_request_wait_for_its_oldest_slot() {
        let budget = RateBudget::new(small());
        let start = Instant::now();
        for _ in 0..3 {
            budget.acquire().await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "three slots are free at once"
        );

        budget.acquire().await;
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(10),
            "the fourth waits a full window"
        );
        assert_eq!(budget.stats().waits, 1, "one acquisition waited");
    }

    #[tokio::test(start_paused = true)]
    async fn the_long_window_binds_once_the_short_one_has_room() {
        let budget = RateBudget::new(small());
        let start = Instant::now();
        for _ in 0..6 {
            budget.acquire().await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(100),
            "the sixth waits for the 100 s window"
        );

        let stats = budget.stats();
        assert_eq!(stats.requests, 6);
        assert_eq!(stats.windows[0].max_seen, 3, "never more than 3 in 10 s");
        assert_eq!(stats.windows[1].max_seen, 5, "never more than 5 in 100 s");
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_tasks_never_exceed_the_limit_in_any_window() {
        let limits = RateLimits::new([RateWindow {
            limit: 10,
            period: Duration::from_secs(1),
        }]);
        let budget = RateBudget::new(limits);
        let stamps = Arc::new(Mutex::new(Vec::new()));
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (budget, stamps) = (budget.clone(), stamps.clone());
                tokio::spawn(async move {
                    for _ in 0..10 {
                        budget.acquire().await;
                        stamps.lock().unwrap().push(Instant::now());
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }

        let stamps = stamps.lock().unwrap();
        for (i, t) in stamps.iter().enumerate() {
            let in_window = stamps[i..]
                .iter()
                .filter(|s| s.duration_since(*t) < Duration::from_secs(1));
            assert!(
                in_window.count() <= 10,
                "at most 10 requests in the second after #{i}"
            );
        }
        assert_eq!(budget.stats().windows[0].max_seen, 10, "the counter agrees");
    }

    #[test]
    fn the_same_key_and_server_share_one_budget_and_others_do_not() {
        let limits = RateLimits::dastra();
        let a = RateBudget::shared("https://api.dastra.eu", "key-1", &limits);
        let b = RateBudget::shared("https://api.dastra.eu", "key-1", &limits);
        let c = RateBudget::shared("https://api.dastra.eu", "key-2", &limits);
        let d = RateBudget::shared("http://127.0.0.1:8080", "key-1", &limits);
        assert!(Arc::ptr_eq(&a, &b), "same key, same budget");
        assert!(!Arc::ptr_eq(&a, &c), "another key has its own budget");
        assert!(!Arc::ptr_eq(&a, &d), "another server has its own budget");
    }

    #[test]
    fn degenerate_windows_are_ignored() {
        let limits = RateLimits::new([RateWindow {
            limit: 0,
            period: Duration::from_secs(1),
        }]);
        assert!(
            limits.windows().is_empty(),
            "a zero limit is no limit, not a deadlock"
        );
    }
}
