//! Benchmark: fetch every asset of a large workspace through `DastraClient::stream_all`, with
//! latency injected by the sandbox, and show that the rate budget was never exceeded.
//!
//! ```text
//! cargo run --release -p passerelle-tests --example fetch_assets            # 50,000 assets
//! cargo run --release -p passerelle-tests --example fetch_assets -- --assets 5000 --latency-ms 20
//! ```
//!
//! Each run streams the whole list at 500 items a page with a fresh client and its own rate
//! budget, and reports its time against the floor `ceil(pages / concurrency) × latency`. The
//! last run gives the client a budget far below Dastra's (50 requests per 2 s) so that the
//! budget, not the latency, sets the pace. Results are printed as a Markdown table, which
//! `docs/benchmarks.md` reproduces.
//!
//! The sandbox keeps Dastra's own limits (500 requests a minute per key) on its side, so a
//! client that overran its budget would meet 429s; the run counts its attempts to show it did
//! not. All runs together send about 400 requests, under the server's minute.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use passerelle_dastra::client::{ListQuery, RateBudget, RateLimits, RateWindow, MAX_PAGE_SIZE};
use passerelle_dastra::models::AssetDto;
use passerelle_sandbox::{Faults, SeedOptions};
use passerelle_tests::{client_options, options, start_sandbox, RunningSandbox};

/// What one run is asked to do.
struct Run {
    /// Latency injected by the sandbox it runs against.
    latency: Duration,
    concurrency: usize,
    limits: RateLimits,
    /// Shown in the table: `Dastra` or the custom windows.
    budget: &'static str,
}

/// What one run measured.
struct Outcome {
    elapsed: Duration,
    pages: u64,
    attempts: u64,
    waits: u64,
    /// `(max seen, limit, period)` per window of the budget.
    windows: Vec<(u32, u32, Duration)>,
}

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} takes a number"))
        })
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    let assets = arg("--assets", 50_000) as usize;
    let latency = Duration::from_millis(arg("--latency-ms", 50));

    let seeding = Instant::now();
    let sandbox = start_sandbox(seeded(assets, latency)).await;
    println!(
        "machine: {} logical CPUs ({}); sandbox seeded with {assets} assets in {:.1} s; \
         injected latency {} ms\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        cpu_model(),
        seeding.elapsed().as_secs_f64(),
        latency.as_millis()
    );

    let small = RateLimits::new([RateWindow {
        limit: 50,
        period: Duration::from_secs(2),
    }]);
    let runs = [
        run(latency, 1, RateLimits::dastra(), "Dastra"),
        run(latency, 4, RateLimits::dastra(), "Dastra"),
        run(latency, 8, RateLimits::dastra(), "Dastra"),
        run(latency, 4, small, "50 / 2 s"),
    ];

    println!(
        "| latency | concurrency | budget | pages | elapsed | floor | ratio | budget floor \
         | attempts | waits | max requests seen per window (limit) |"
    );
    println!("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for spec in runs {
        let outcome = fetch_all(&sandbox, &spec, assets).await;
        report(&spec, &outcome);
    }
    drop(sandbox);

    // The same walk without injected latency, on a sandbox of its own (the first one's
    // server-side minute is nearly spent): what the pages cost in CPU alone.
    let bare = start_sandbox(seeded(assets, Duration::ZERO)).await;
    let spec = run(Duration::ZERO, 4, RateLimits::dastra(), "Dastra");
    let outcome = fetch_all(&bare, &spec, assets).await;
    report(&spec, &outcome);
}

/// Sandbox options: `assets` assets in the main workspace, `latency` on every request.
fn seeded(assets: usize, latency: Duration) -> passerelle_sandbox::SandboxOptions {
    let mut opts = options();
    opts.seed = SeedOptions {
        assets,
        ..opts.seed
    };
    opts.faults = Faults {
        latency_ms: latency.as_millis() as u64,
        ..Faults::default()
    };
    opts
}

fn run(latency: Duration, concurrency: usize, limits: RateLimits, budget: &'static str) -> Run {
    Run {
        latency,
        concurrency,
        limits,
        budget,
    }
}

/// Stream every asset with a fresh client and budget; check that each came exactly once.
async fn fetch_all(sandbox: &RunningSandbox, spec: &Run, expected: usize) -> Outcome {
    let budget = RateBudget::new(spec.limits.clone());
    let client = client_options(sandbox)
        .max_concurrency(spec.concurrency)
        .rate_budget(Arc::clone(&budget))
        .build()
        .expect("a client for the sandbox");

    let started = Instant::now();
    let assets: Vec<AssetDto> = client
        .stream_all(ListQuery::new())
        .try_collect()
        .await
        .expect("every page arrives");
    let elapsed = started.elapsed();

    let ids: HashSet<i32> = assets.iter().filter_map(|a| a.id).collect();
    assert_eq!(assets.len(), expected, "every asset was fetched");
    assert_eq!(ids.len(), expected, "no asset was fetched twice");

    let stats = budget.stats();
    let windows = stats
        .windows
        .iter()
        .map(|w| (w.max_seen, w.window.limit, w.window.period))
        .collect();
    for w in &stats.windows {
        assert!(w.max_seen <= w.window.limit, "the budget held: {w:?}");
    }
    Outcome {
        elapsed,
        pages: (expected as u64).div_ceil(u64::from(MAX_PAGE_SIZE)).max(1),
        attempts: stats.requests,
        waits: stats.waits,
        windows,
    }
}

fn report(spec: &Run, outcome: &Outcome) {
    let (c, latency) = (spec.concurrency as u64, spec.latency);
    let floor = latency * outcome.pages.div_ceil(c) as u32;
    // With a budget of L requests per period P, request k·L + 1 cannot start before k·P.
    let budget_floor = spec
        .limits
        .windows()
        .iter()
        .map(|w| w.period * ((outcome.pages - 1) / u64::from(w.limit)) as u32 + latency)
        .max()
        .unwrap_or(latency);
    let windows: Vec<String> = outcome
        .windows
        .iter()
        .map(|(seen, limit, period)| format!("{seen} ({limit} / {} s)", period.as_secs()))
        .collect();
    let ratio = if floor.is_zero() {
        "–".to_owned()
    } else {
        format!("{:.2}", outcome.elapsed.as_secs_f64() / floor.as_secs_f64())
    };
    println!(
        "| {} ms | {c} | {} | {} | {:.2} s | {:.2} s | {ratio} | {:.2} s | {} | {} | {} |",
        latency.as_millis(),
        spec.budget,
        outcome.pages,
        outcome.elapsed.as_secs_f64(),
        floor.as_secs_f64(),
        budget_floor.as_secs_f64(),
        outcome.attempts,
        outcome.waits,
        windows.join(", ")
    );
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|v| v.trim_start_matches([' ', '\t', ':']).to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}
