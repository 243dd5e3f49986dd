//! Logs: a daily rolling file in the app's log directory, plus stdout in debug builds. The level
//! comes from `LOG_LEVEL` (`info` by default). Ids and counts only, never personal data.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{fmt, EnvFilter, Layer};

/// Install the subscriber. Keep the guard alive for the whole run, or buffered lines are lost.
pub fn init(log_dir: &Path) -> anyhow::Result<WorkerGuard> {
    std::fs::create_dir_all(log_dir)?;
    let appender = tracing_appender::rolling::daily(log_dir, "passerelle.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let level = std::env::var("LOG_LEVEL").unwrap_or_else(|_| "info".into());

    let file = fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_filter(EnvFilter::new(&level));
    let stdout = cfg!(debug_assertions).then(|| fmt::layer().with_filter(EnvFilter::new(&level)));
    tracing_subscriber::registry()
        .with(file)
        .with(stdout)
        .try_init()?;
    Ok(guard)
}
