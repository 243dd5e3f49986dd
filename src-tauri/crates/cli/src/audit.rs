//! `passerelle audit verify|list|export`: the audit log in `<data>/passerelle.db`, checked,
//! read and exported without the app.
//!
//! `verify` walks the hash chain and prints the head, which is worth keeping elsewhere: given
//! back with `--head SEQ:HASH`, it shows whether the log was cut back since. `export` writes
//! the whole log with its head (a temporary file, then a rename) and records that it did.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::Subcommand;
use passerelle_audit::{
    Actor, AuditAction, AuditEntry, AuditEvent, AuditFilter, AuditLog, BrokenReason, Count,
    ExportFormat, Head, GENESIS,
};

/// `passerelle audit …`
#[derive(clap::Args)]
pub struct AuditArgs {
    #[command(subcommand)]
    command: Command,
    /// Passerelle's data folder, holding passerelle.db [default: <data dir>/passerelle].
    #[arg(long, env = "PASSERELLE_DATA", value_name = "DIR", global = true)]
    data: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check the whole hash chain; exit 1 if it is broken.
    Verify {
        /// A head printed or exported earlier, as SEQ:HASH: also check that the log still
        /// holds it (entries removed from the end are found only this way).
        #[arg(long, value_name = "SEQ:HASH")]
        head: Option<String>,
    },
    /// Show entries, newest first.
    List {
        /// Only entries about this Dastra request.
        #[arg(long, value_name = "ID")]
        request: Option<i64>,
        /// Only entries of this action (findingsViewed, packageBuilt, …).
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
        /// At most this many entries.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Skip this many of the newest first.
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Print `{entries, total}` as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write every entry and the head to a file.
    Export {
        /// The file to write (replaced whole, never left half-written).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// json or csv.
        #[arg(long, default_value = "json")]
        format: String,
        /// Who exports, as recorded in the log [default: the OS user].
        #[arg(long, value_name = "NAME")]
        actor: Option<String>,
    },
}

/// Run an `audit` command: exit code 0 when it did what was asked and the chain (for
/// `verify`) holds, 1 otherwise. Errors are one line on standard error.
pub async fn run(args: AuditArgs) -> ExitCode {
    match execute(args).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn execute(args: AuditArgs) -> anyhow::Result<ExitCode> {
    let data = match args.data {
        Some(dir) => dir,
        None => dirs::data_dir()
            .context("no data folder is known for this user: use --data DIR")?
            .join("passerelle"),
    };
    let database = data.join("passerelle.db");
    match args.command {
        Command::Verify { head } => {
            let known = head.as_deref().map(parse_head).transpose()?;
            verify(&database, known).await
        }
        Command::List {
            request,
            action,
            limit,
            offset,
            json,
        } => {
            let filter = AuditFilter {
                request,
                action: action.as_deref().map(str::parse).transpose()?,
                limit: Some(limit),
                offset,
                ..Default::default()
            };
            list(&database, &filter, json).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { out, format, actor } => {
            let format: ExportFormat = format.parse()?;
            std::fs::create_dir_all(&data)
                .with_context(|| format!("the data folder {} cannot be made", data.display()))?;
            export(&database, &out, format, actor).await?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `SEQ:HASH`, as `verify` prints it (with a space) or as an export holds it.
fn parse_head(text: &str) -> anyhow::Result<Head> {
    let (seq, hash) = text
        .split_once([':', ' '])
        .context("--head takes SEQ:HASH, as `passerelle audit verify` prints it")?;
    let seq = seq.parse().context("--head: SEQ is the entry number")?;
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("--head: HASH is the 64 hex digits `passerelle audit verify` prints");
    }
    Ok(Head {
        seq,
        hash: hash.to_ascii_lowercase(),
    })
}

/// The log, or `None` when there is no database yet (reading does not create one).
async fn open_existing(database: &Path) -> anyhow::Result<Option<AuditLog>> {
    if !database.exists() {
        return Ok(None);
    }
    Ok(Some(AuditLog::open(database).await?))
}

async fn verify(database: &Path, known: Option<Head>) -> anyhow::Result<ExitCode> {
    let report = match (open_existing(database).await?, &known) {
        (Some(log), Some(known)) => log.verify_against(known).await?,
        (Some(log), None) => log.verify().await?,
        (None, Some(known)) if known.seq > 0 => bail!(
            "there is no audit log at {}, but entry {} was known: the database was removed or \
             another data folder was meant (--data DIR)",
            database.display(),
            known.seq
        ),
        (None, _) => {
            println!("{}, chain intact, head 0 {GENESIS}", entries(0));
            return Ok(ExitCode::SUCCESS);
        }
    };
    let head = report.head.clone().unwrap_or(Head {
        seq: 0,
        hash: GENESIS.to_string(),
    });
    match &report.first_broken {
        None => {
            println!("{}, chain intact, head {head}", entries(report.entries));
            Ok(ExitCode::SUCCESS)
        }
        Some(broken) => {
            println!(
                "{}, chain BROKEN at entry {}: {}",
                entries(report.entries),
                broken.seq,
                broken.reason.describe()
            );
            let what = match broken.reason {
                BrokenReason::HeadNotFound => "no longer holds the known head",
                _ => "was altered",
            };
            eprintln!(
                "error: the audit log {} {what} at entry {}. Keep the file as it is (copy it \
                 somewhere safe, with passerelle.db-wal beside it), compare it with your last \
                 export (`passerelle audit export`), and report it to whoever is responsible for \
                 security; entries added from now on still chain after the break",
                database.display(),
                broken.seq
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn list(database: &Path, filter: &AuditFilter, json: bool) -> anyhow::Result<()> {
    let page = match open_existing(database).await? {
        Some(log) => log.list(filter).await?,
        None => passerelle_audit::AuditPage {
            entries: Vec::new(),
            total: 0,
        },
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&page)?);
        return Ok(());
    }
    for entry in &page.entries {
        println!("{}", line(entry));
    }
    eprintln!("{} of {} shown", page.entries.len(), entries(page.total));
    Ok(())
}

/// "1 entry", "2 entries".
fn entries(n: u64) -> String {
    format!("{n} entr{}", if n == 1 { "y" } else { "ies" })
}

/// One entry on one line: number, time, actor, action, then what is set.
fn line(entry: &AuditEntry) -> String {
    let mut text = format!(
        "{:>6}  {}  {}  {}",
        entry.seq,
        entry.time.format("%Y-%m-%d %H:%M:%S"),
        entry.actor,
        entry.action
    );
    if let Some(request) = entry.request {
        text.push_str(&format!("  request #{request}"));
    }
    if let Some(job) = &entry.job {
        text.push_str(&format!("  job {job}"));
    }
    if let Some(target) = &entry.target {
        text.push_str(&format!("  target {target}"));
    }
    let counts: Vec<String> = entry
        .counts
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !counts.is_empty() {
        text.push_str(&format!("  {}", counts.join(" ")));
    }
    text
}

async fn export(
    database: &Path,
    out: &Path,
    format: ExportFormat,
    actor: Option<String>,
) -> anyhow::Result<()> {
    let actor = match actor {
        Some(name) => Actor::new(name)?,
        None => os_user()?,
    };
    let log = AuditLog::open(database).await?;

    let name = out
        .file_name()
        .context("--out names a file, not a folder")?
        .to_string_lossy();
    let partial = out.with_file_name(format!(".{name}.partial"));
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("{} cannot be written", partial.display()))?;
    let written = log.export(std::io::BufWriter::new(file), format).await;
    let summary = match written {
        Ok(summary) => summary,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e.into());
        }
    };
    std::fs::rename(&partial, out)
        .with_context(|| format!("{} cannot be written", out.display()))?;

    let event =
        AuditEvent::new(actor, AuditAction::AuditExported).count(Count::Entries, summary.entries);
    log.append(&event).await?;
    let head = summary
        .head
        .map_or_else(|| format!("0 {GENESIS}"), |h| h.to_string());
    println!(
        "{} exported to {}, head {head}",
        entries(summary.entries),
        out.display()
    );
    Ok(())
}

/// The OS user, as the actor of what this command records.
fn os_user() -> anyhow::Result<Actor> {
    let name = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .context("the OS user is not known (USER is not set): use --actor NAME")?;
    Ok(Actor::new(name)?)
}
