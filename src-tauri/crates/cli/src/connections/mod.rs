//! `passerelle connections`: the connection profiles and their secrets, without a window.
//!
//! Profiles live in a JSON file (`<config dir>/passerelle/connections.json` unless
//! `--profiles` or `PASSERELLE_PROFILES` names another), secrets in the OS keyring. A secret is
//! only ever read from standard input (`--secret-stdin`, without echo on a terminal) or from an
//! environment variable (`--secret-env VAR`): there is no flag that takes one as a value, so
//! none can show in `ps` or the shell history, and none is ever printed.

mod add;
mod render;

use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context};
use passerelle_connectors::{test_connection, SandboxEndpoint, TestOptions};
use passerelle_vault::{JsonFileStore, KeyringStore, ProfileId, Secret, Vault};

/// `passerelle connections …`
#[derive(clap::Args)]
pub struct ConnectionsArgs {
    /// The profiles file [default: <config dir>/passerelle/connections.json].
    #[arg(long, global = true, env = "PASSERELLE_PROFILES", value_name = "FILE")]
    profiles: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// List the connections and where each stands with its secret.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Add a connection (the secret from standard input or an environment variable).
    Add(Box<add::AddArgs>),
    /// Test a connection for real (read-only) and say what was found or what to fix.
    Test {
        /// The connection's id or name.
        connection: String,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Seconds the test may take.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Remove a connection and delete its secret from the keyring.
    Remove {
        /// The connection's id or name.
        connection: String,
    },
    /// Set or replace a connection's secret, or delete it with --delete.
    Secret {
        /// The connection's id or name.
        connection: String,
        #[command(flatten)]
        source: SecretSource,
        /// Delete the stored secret instead.
        #[arg(long, conflicts_with_all = ["secret_stdin", "secret_env"])]
        delete: bool,
    },
    /// Export connections as JSON, without their secrets, to share a set-up.
    Export {
        /// Ids or names to export; every connection when none is given.
        connections: Vec<String>,
        /// Write to this file instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Import connections from an export; each gets a new id and needs its secret entered.
    Import {
        /// The export file.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// Where a secret comes from. Never from a flag's value.
#[derive(clap::Args, Default)]
pub struct SecretSource {
    /// Read the secret from standard input (typed without echo on a terminal; piped input is
    /// read whole, without its final newline).
    #[arg(long, conflicts_with = "secret_env")]
    secret_stdin: bool,
    /// Read the secret from this environment variable.
    #[arg(long, value_name = "VAR")]
    secret_env: Option<String>,
}

impl SecretSource {
    /// The secret, when a source was given.
    pub fn read(&self) -> anyhow::Result<Option<Secret>> {
        if let Some(var) = &self.secret_env {
            let value = std::env::var(var).map_err(|e| match e {
                std::env::VarError::NotPresent => {
                    anyhow::anyhow!("the environment variable {var} is not set")
                }
                std::env::VarError::NotUnicode(_) => {
                    anyhow::anyhow!("the environment variable {var} does not hold text")
                }
            })?;
            if value.is_empty() {
                bail!("the environment variable {var} is empty");
            }
            return Ok(Some(Secret::new(value)));
        }
        if !self.secret_stdin {
            return Ok(None);
        }

        let value = if std::io::stdin().is_terminal() {
            rpassword::prompt_password("Secret (not shown): ").context("reading the secret")?
        } else {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading the secret from standard input")?;
            let trimmed = text.strip_suffix('\n').unwrap_or(&text);
            trimmed.strip_suffix('\r').unwrap_or(trimmed).to_owned()
        };
        if value.is_empty() {
            bail!("no secret was read from standard input");
        }
        Ok(Some(Secret::new(value)))
    }
}

/// The profiles file: `given`, or `<config dir>/passerelle/connections.json`.
pub fn profiles_path(given: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    Ok(match given {
        Some(path) => path,
        None => dirs::config_dir()
            .context("no configuration folder is known for this user: use --profiles FILE")?
            .join("passerelle")
            .join("connections.json"),
    })
}

/// Run a `connections` command. Errors are printed as one line on standard error; the exit
/// code is 1 when the command fails or a test does not pass.
pub async fn run(args: ConnectionsArgs) -> ExitCode {
    match execute(args).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(args: ConnectionsArgs) -> anyhow::Result<ExitCode> {
    let path = profiles_path(args.profiles)?;
    let vault = Vault::new(JsonFileStore::new(&path), KeyringStore::new());

    match args.command {
        Command::List { json } => render::list(&vault.list()?, json)?,
        Command::Add(add) => add::run(&vault, *add).await?,
        Command::Test {
            connection,
            json,
            timeout,
        } => return test(&vault, &connection, json, timeout).await,
        Command::Remove { connection } => {
            let profile = vault.find(&connection)?;
            vault.remove(&profile.id)?;
            let secret = if profile.secret_stored {
                " and deleted its secret from the keyring"
            } else {
                ""
            };
            println!("Removed the connection \"{}\"{secret}.", profile.name);
        }
        Command::Secret {
            connection,
            source,
            delete,
        } => secret(&vault, &connection, &source, delete)?,
        Command::Export {
            connections,
            output,
        } => export(&vault, &connections, output)?,
        Command::Import { file, json } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            render::imported(&vault.import(&text)?, json)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn test(
    vault: &Vault,
    connection: &str,
    json: bool,
    timeout: u64,
) -> anyhow::Result<ExitCode> {
    let profile = vault.find(connection)?;
    let open = vault.open(&profile.id)?;
    let mut options = TestOptions {
        timeout: Duration::from_secs(timeout.max(1)),
        ..TestOptions::default()
    };

    // The built-in sandbox has no fixed address: run a fresh one for the test.
    let sandbox = if profile.builtin {
        let running = passerelle_sandbox::start(Default::default(), 0)
            .await
            .context("starting the sandbox")?;
        options.sandbox = Some(SandboxEndpoint {
            url: running.url(),
            api_key: Secret::new(running.api_key()),
        });
        Some(running)
    } else {
        None
    };
    let report = test_connection(&open.profile, open.secret(), &options).await;
    drop(sandbox);

    render::report(&profile, &report, json)?;
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn secret(
    vault: &Vault,
    connection: &str,
    source: &SecretSource,
    delete: bool,
) -> anyhow::Result<()> {
    let profile = vault.find(connection)?;
    if delete {
        vault.delete_secret(&profile.id)?;
        println!(
            "Deleted the secret of \"{}\" from the keyring.",
            profile.name
        );
        return Ok(());
    }
    let Some(secret) = source.read()? else {
        bail!("give the secret with --secret-stdin or --secret-env VAR (or use --delete)");
    };
    vault.set_secret(&profile.id, secret)?;
    println!("Stored the secret of \"{}\" in the keyring.", profile.name);
    Ok(())
}

fn export(vault: &Vault, connections: &[String], output: Option<PathBuf>) -> anyhow::Result<()> {
    let ids: Vec<ProfileId> = connections
        .iter()
        .map(|c| vault.find(c).map(|p| p.id))
        .collect::<Result<_, _>>()?;
    let json = vault.export((!ids.is_empty()).then_some(ids.as_slice()))?;
    match output {
        Some(path) => {
            std::fs::write(&path, json + "\n")
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("Exported to {} (without secrets).", path.display());
        }
        None => println!("{json}"),
    }
    Ok(())
}
