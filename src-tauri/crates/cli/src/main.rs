//! `passerelle`: Passerelle's engine without a window.
//!
//! `passerelle sandbox` runs the local Dastra workspace on its own and prints its URL and API
//! key, for demos, for pointing other tools at it, and for the benchmarks.
//!
//! `passerelle connections list|add|test|remove|secret|export|import` manages connection
//! profiles (a JSON file) and their secrets (the OS keyring); see `connections`.
//!
//! `passerelle discover --request ID --source NAME…` searches those systems for the data
//! subject of a request, prints progress and a summary, and can write the findings as JSON;
//! see `discover`.
//!
//! `passerelle audit verify|list|export` checks, shows and exports the audit log kept in the
//! same database; see `audit`.
//! `passerelle package --job JOB --out DIR` builds the evidence package of a reviewed job, and
//! `passerelle attach --request ID --package FILE` attaches it to the request (once only) and
//! can update the request; see `evidence`.
//! `passerelle import plan|show|apply|undo|history` plans an import from a mapping profile and
//! a source (the plan file sealed), shows a plan file, applies it with a journal, undoes it,
//! and lists past imports; see `import`.
//! `workspace` holds what these commands share.

mod audit;
mod connections;
mod discover;
mod evidence;
mod import;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Parser, Subcommand};
use passerelle_sandbox::{Faults, SandboxOptions, SeedOptions};

#[derive(Parser)]
#[command(name = "passerelle", version, about = "Passerelle's engine, headless")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the sandbox workspace: a local server that speaks Dastra's API.
    Sandbox(SandboxArgs),
    /// Manage connections: Dastra workspaces, databases, folders, APIs (secrets in the keyring).
    Connections(connections::ConnectionsArgs),
    /// Search the connected systems for the data subject of a request (DSAR discovery).
    Discover(Box<discover::DiscoverArgs>),
    /// Check, show or export the audit log (who read personal data or wrote to Dastra, when).
    Audit(audit::AuditArgs),
    /// Build the evidence package of a reviewed discovery job (a zip to send to the person).
    Package(evidence::PackageArgs),
    /// Attach an evidence package to its request in Dastra, once only; optionally update it.
    Attach(evidence::AttachArgs),
    /// Import a CMDB export, a spreadsheet, a query or an API into Dastra: plan, show, apply,
    /// undo.
    Import(import::ImportArgs),
}

#[derive(clap::Args)]
struct SandboxArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8787)]
    port: u16,
    /// JSON file keeping the workspace across restarts (seeded when absent); memory only if
    /// not given.
    #[arg(long)]
    state: Option<PathBuf>,
    /// Milliseconds of latency added to every API request.
    #[arg(long, default_value_t = 0)]
    latency: u64,
    /// Fraction (0 to 1) of API requests answered 503.
    #[arg(long, default_value_t = 0.0)]
    error_rate: f64,
    /// Assets in the seeded workspace.
    #[arg(long, default_value_t = 150)]
    assets: usize,
    /// Access tokens from /connect/token expire after this many seconds.
    #[arg(long, default_value_t = 3600)]
    token_lifetime: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(std::env::var("LOG_LEVEL").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    match Cli::parse().command {
        Command::Sandbox(args) => sandbox(args).await.map(|()| ExitCode::SUCCESS),
        Command::Connections(args) => Ok(connections::run(args).await),
        Command::Audit(args) => Ok(audit::run(args).await),
        Command::Discover(args) => match discover::run(*args).await {
            Ok(code) => Ok(code),
            Err(e) => Ok(failed(e)),
        },
        Command::Package(args) => Ok(evidence::package(args).await.map_or_else(failed, ok)),
        Command::Attach(args) => Ok(evidence::attach(args).await.map_or_else(failed, ok)),
        Command::Import(args) => match import::run(args).await {
            Ok(code) => Ok(code),
            Err(e) => Ok(failed(e)),
        },
    }
}

fn ok((): ()) -> ExitCode {
    ExitCode::SUCCESS
}

fn failed(e: anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}

async fn sandbox(args: SandboxArgs) -> anyhow::Result<()> {
    if !(0.0..=1.0).contains(&args.error_rate) {
        anyhow::bail!(
            "--error-rate must be between 0 and 1, got {}",
            args.error_rate
        );
    }
    let options = SandboxOptions {
        state_file: args.state.clone(),
        token_lifetime: Duration::from_secs(args.token_lifetime),
        seed: SeedOptions {
            assets: args.assets,
            ..Default::default()
        },
        faults: Faults {
            latency_ms: args.latency,
            error_rate: args.error_rate,
            ..Default::default()
        },
        ..Default::default()
    };
    let public_key = options.public_key.clone();
    let running = passerelle_sandbox::start(options, args.port)
        .await
        .with_context(|| format!("the sandbox could not start on 127.0.0.1:{}", args.port))?;

    println!("Passerelle sandbox workspace");
    println!("  URL:          {}", running.url());
    println!("  workspace id: {}", passerelle_sandbox::MAIN_WORKSPACE);
    println!("  X-API-Key:    {}", running.api_key());
    println!(
        "  OAuth2:       client id {public_key}, token at {}/connect/token",
        running.url()
    );
    println!("  faults:       {}/_sandbox/faults", running.url());
    match &args.state {
        Some(path) => println!("  state file:   {}", path.display()),
        None => println!("  state:        in memory (lost on exit)"),
    }
    println!("Press Ctrl+C to stop.");

    tokio::signal::ctrl_c()
        .await
        .context("waiting for Ctrl+C")?;
    drop(running);
    Ok(())
}
