//! `passerelle import plan|apply|undo|history`: imports into a Dastra workspace from the
//! command line, over the engine of `passerelle-imports`.
//!
//! - `plan --profile FILE [--source FILE] [--out FILE]` reads the source the profile
//!   describes (the file given, or its SQL query or REST recipe on a saved connection),
//!   refuses a profile reading columns the source lacks, lists the records its look-ups need
//!   and the target's current records from the workspace, prints the summary counts and the
//!   rows to fix, and writes the plan file (to a temporary file renamed into place).
//! - `apply --plan FILE` copies the plan into the data folder (`imports/<id>/plan.json`),
//!   applies it row by row with its journal (`imports/<id>/journal.jsonl`), prints progress
//!   and a report per written row, and stops between rows on Ctrl-C: running it again
//!   resumes, without duplicates.
//! - `undo --import ID` reverts an applied import from its journal.
//! - `history` lists the imports applied from this data folder.
//!
//! The workspace is the built-in sandbox unless `--workspace` names a connection. Plans,
//! applies and undos are recorded in the audit log, with their counts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Args, Subcommand};
use passerelle_audit::{AuditAction, Count};
use passerelle_imports::{
    apply_plan, fetch_lookups, plan_import, read_source, undo_plan, ApplyReport, ApplySink,
    Journal, Plan, PlanOptions, RowClass, RowOutcome, RowReport, SourceSpec,
};
use passerelle_mapping::Profile;
use tokio_util::sync::CancellationToken;

use crate::workspace;

/// `passerelle import …`
#[derive(Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    command: ImportCommand,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Compare a source with the workspace and write the plan of what an import would change.
    Plan(PlanArgs),
    /// Apply a plan file, row by row, with a journal (Ctrl-C stops safely; run again to resume).
    Apply(ApplyArgs),
    /// Undo an applied import from its journal.
    Undo(UndoArgs),
    /// List the imports applied from this data folder.
    History(CommonArgs),
}

#[derive(Args)]
struct CommonArgs {
    /// Passerelle's data folder [default: the user's data folder].
    #[arg(long, env = "PASSERELLE_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    /// The connection profiles file [default: the user's one].
    #[arg(long, env = "PASSERELLE_PROFILES", value_name = "FILE")]
    profiles: Option<PathBuf>,
    /// The Dastra workspace connection [default: the built-in sandbox].
    #[arg(long, value_name = "CONNECTION", default_value = "sandbox")]
    workspace: String,
}

#[derive(Args)]
struct PlanArgs {
    /// The mapping profile (JSON).
    #[arg(long, value_name = "FILE")]
    profile: PathBuf,
    /// The file to import, for a CSV, XLSX/ODS or JSON profile.
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// Where to write the plan [default: import-plan-<id>.json in the current folder].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct ApplyArgs {
    /// The plan file written by `passerelle import plan`.
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    /// Print every row's outcome, not only the rows that wrote or failed.
    #[arg(long)]
    all_rows: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct UndoArgs {
    /// The import's id (the plan's id, as `history` lists it).
    #[arg(long = "import", value_name = "ID")]
    import: String,
    #[command(flatten)]
    common: CommonArgs,
}

/// Run `passerelle import …`; the exit code says whether everything went through.
pub async fn run(args: ImportArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        ImportCommand::Plan(args) => plan(args).await,
        ImportCommand::Apply(args) => apply(args).await,
        ImportCommand::Undo(args) => undo(args).await,
        ImportCommand::History(args) => history(args),
    }
}

async fn plan(args: PlanArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.profile)
        .with_context(|| format!("the profile {} cannot be read", args.profile.display()))?;
    let profile = Profile::from_json(&text)
        .with_context(|| format!("the profile {} cannot be used", args.profile.display()))?;
    let spec = SourceSpec::from_profile(&profile.source, args.source.as_deref())?;
    let vault = workspace::vault(args.common.profiles.clone())?;
    let data = workspace::data_folder(args.common.data.as_deref())?;
    let source = read_source(&spec, Some(&vault)).await?;
    source.check_profile(&profile)?;
    eprintln!("source: {} rows ({})", source.rows.len(), source.described);

    let (client, sandbox) =
        workspace::workspace_client(&args.common.workspace, &vault, &data).await?;
    let options = PlanOptions::default();
    let lookups = fetch_lookups(&client, &profile, options.page_size)
        .await
        .context("the look-ups could not be read from the workspace")?;
    let plan = plan_import(&client, &profile, &source.rows, &lookups, &options)
        .await
        .context("the workspace's records could not be read")?;
    drop(sandbox);

    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("import-plan-{}.json", plan.id)));
    write_atomically(&out, plan.to_json().as_bytes())
        .with_context(|| format!("the plan cannot be written to {}", out.display()))?;

    print_plan(&plan);
    println!("plan written to {}", out.display());
    let s = plan.summary;
    workspace::audit(&data, AuditAction::ImportPlanned, |e| {
        workspace::with_job(e, &plan.id)
            .count(Count::Records, source.rows.len() as u64)
            .count(Count::Created, s.create)
            .count(Count::Updated, s.update)
            .count(Count::Unchanged, s.unchanged)
            .count(Count::Failed, s.invalid + s.conflict)
    })
    .await;
    Ok(ExitCode::SUCCESS)
}

fn print_plan(plan: &Plan) {
    let s = plan.summary;
    println!(
        "plan {} ({} of {}, matched on « {} »)",
        plan.id, plan.profile_id, plan.entity, plan.key_field
    );
    println!("  create:    {}", s.create);
    println!("  update:    {}", s.update);
    println!("  unchanged: {}", s.unchanged);
    println!("  conflict:  {}", s.conflict);
    println!("  invalid:   {}", s.invalid);
    println!("  missing:   {}", s.missing);
    const SHOWN: usize = 20;
    let mut shown = 0;
    for row in &plan.rows {
        let at = match row.source_row {
            Some(n) => format!("row {n}"),
            None => format!("Dastra « {} »", row.key.as_deref().unwrap_or("?")),
        };
        let lines: Vec<String> = match &row.class {
            RowClass::Invalid { problems } => problems
                .iter()
                .map(|p| format!("invalid: {}", problem_text(p)))
                .collect(),
            RowClass::Conflict { reason } => {
                vec![format!("conflict: {}", reason.message(&plan.key_field))]
            }
            _ => continue,
        };
        for line in lines {
            if shown == SHOWN {
                println!("  … see the plan file for the other rows to fix");
                return;
            }
            println!("  {at}: {line}");
            shown += 1;
        }
    }
}

/// A problem's message without the row, which the line already names.
fn problem_text(problem: &passerelle_mapping::Problem) -> String {
    let row = problem.row.map(|n| format!("row {n}, "));
    let text = problem.message.as_str();
    row.and_then(|r| text.strip_prefix(r.as_str()))
        .unwrap_or(text)
        .to_owned()
}

/// Write `bytes` to `path` through a temporary file in the same folder, renamed into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// The folder of import `id` in the data folder.
fn import_folder(data: &Path, id: &str) -> anyhow::Result<PathBuf> {
    let plain = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain {
        bail!("« {id} » is not an import id: copy one from `passerelle import history`");
    }
    Ok(data.join("imports").join(id))
}

/// Prints progress on standard error and the rows that wrote or failed on standard output.
struct Progress {
    total: usize,
    seen: usize,
    all_rows: bool,
    verb: &'static str,
}

impl ApplySink for Progress {
    fn row_applied(&mut self, report: &RowReport) {
        self.seen += 1;
        let at = match report.source_row {
            Some(n) => format!("row {n}"),
            None => format!("plan row {}", report.index + 1),
        };
        let line = match &report.outcome {
            RowOutcome::Skipped if !self.all_rows => None,
            _ if report.resumed && !self.all_rows => None,
            outcome => Some(outcome_text(outcome)),
        };
        if let Some(line) = line {
            println!("  {at}: {line}");
        }
        if self.seen % 100 == 0 || self.seen == self.total {
            eprintln!("{} {}/{} rows", self.verb, self.seen, self.total);
        }
    }
}

fn outcome_text(outcome: &RowOutcome) -> String {
    match outcome {
        RowOutcome::Created { id } => format!("created #{}", id_text(id)),
        RowOutcome::Updated { id } => format!("updated #{}", id_text(id)),
        RowOutcome::Skipped => "nothing to write".into(),
        RowOutcome::Stale { id } => format!(
            "refused: #{} changed in Dastra since the plan; plan the import again",
            id_text(id)
        ),
        RowOutcome::Tagged { id } => format!("tagged #{}", id_text(id)),
        RowOutcome::Archived { id } => format!("archived #{}", id_text(id)),
        RowOutcome::Undone { id } => format!("undone #{}", id_text(id)),
        RowOutcome::Failed { message } => format!("failed: {message}"),
        RowOutcome::Unsupported { message } => format!("not applied: {message}"),
    }
}

fn id_text(id: &serde_json::Value) -> String {
    match id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A token cancelled on the first Ctrl-C; the second one ends the process.
fn cancel_on_ctrl_c() -> CancellationToken {
    let cancel = CancellationToken::new();
    let token = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("stopping after the current row (Ctrl-C again to quit at once)…");
            token.cancel();
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(130);
            }
        }
    });
    cancel
}

async fn apply(args: ApplyArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.plan)
        .with_context(|| format!("the plan {} cannot be read", args.plan.display()))?;
    let plan = Plan::from_json(&text)
        .with_context(|| format!("the plan {} cannot be used", args.plan.display()))?;
    let data = workspace::data_folder(args.common.data.as_deref())?;
    let folder = import_folder(&data, &plan.id)?;
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("the folder {} cannot be made", folder.display()))?;
    let kept = folder.join("plan.json");
    match std::fs::read_to_string(&kept) {
        Ok(earlier) if Plan::from_json(&earlier).ok().as_ref() != Some(&plan) => bail!(
            "an import with the id {} was applied from another plan; plan the import again",
            plan.id
        ),
        Ok(_) => eprintln!("resuming import {}", plan.id),
        Err(_) => write_atomically(&kept, text.as_bytes())
            .with_context(|| format!("the plan cannot be kept in {}", kept.display()))?,
    }
    let journal = Journal::open(folder.join("journal.jsonl"))?;
    let vault = workspace::vault(args.common.profiles.clone())?;
    let (client, sandbox) =
        workspace::workspace_client(&args.common.workspace, &vault, &data).await?;
    let cancel = cancel_on_ctrl_c();
    let mut progress = Progress {
        total: plan.rows.len(),
        seen: 0,
        all_rows: args.all_rows,
        verb: "applied",
    };
    let report = apply_plan(&client, &plan, &journal, &mut progress, &cancel).await;
    drop(sandbox);
    let report = report?;
    let code = print_report(&report, plan.rows.len());
    workspace::audit(&data, AuditAction::ImportApplied, |e| {
        counts(workspace::with_job(e, &plan.id), &report)
    })
    .await;
    Ok(code)
}

fn counts(
    event: passerelle_audit::AuditEvent,
    report: &ApplyReport,
) -> passerelle_audit::AuditEvent {
    let n = |f: fn(&RowOutcome) -> bool| report.count(f) as u64;
    event
        .count(
            Count::Created,
            n(|o| matches!(o, RowOutcome::Created { .. })),
        )
        .count(
            Count::Updated,
            n(|o| {
                matches!(
                    o,
                    RowOutcome::Updated { .. }
                        | RowOutcome::Tagged { .. }
                        | RowOutcome::Archived { .. }
                )
            }),
        )
        .count(
            Count::Deleted,
            n(|o| matches!(o, RowOutcome::Undone { .. })),
        )
        .count(
            Count::Skipped,
            n(|o| {
                matches!(
                    o,
                    RowOutcome::Skipped | RowOutcome::Stale { .. } | RowOutcome::Unsupported { .. }
                )
            }),
        )
        .count(Count::Failed, n(|o| matches!(o, RowOutcome::Failed { .. })))
}

/// Print the counts of `report`; failure when a row failed or the run was cancelled.
fn print_report(report: &ApplyReport, total: usize) -> ExitCode {
    let count = |f: fn(&RowOutcome) -> bool| report.count(f);
    println!("import {}:", report.plan_id);
    let lines: [(&str, fn(&RowOutcome) -> bool); 9] = [
        ("created", |o| matches!(o, RowOutcome::Created { .. })),
        ("updated", |o| matches!(o, RowOutcome::Updated { .. })),
        ("tagged", |o| matches!(o, RowOutcome::Tagged { .. })),
        ("archived", |o| matches!(o, RowOutcome::Archived { .. })),
        ("undone", |o| matches!(o, RowOutcome::Undone { .. })),
        ("nothing to write", |o| matches!(o, RowOutcome::Skipped)),
        ("refused, changed since", |o| {
            matches!(o, RowOutcome::Stale { .. })
        }),
        ("not supported", |o| {
            matches!(o, RowOutcome::Unsupported { .. })
        }),
        ("failed", |o| matches!(o, RowOutcome::Failed { .. })),
    ];
    for (label, f) in lines {
        let n = count(f);
        if n > 0 {
            println!("  {label}: {n}");
        }
    }
    let failed = count(|o| matches!(o, RowOutcome::Failed { .. }));
    if report.cancelled {
        println!(
            "  stopped after {} of {total} rows: run the same command again to resume",
            report.rows.len()
        );
        return ExitCode::from(2);
    }
    if failed > 0 {
        println!("  {failed} row(s) failed: run the same command again to retry them");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

async fn undo(args: UndoArgs) -> anyhow::Result<ExitCode> {
    let data = workspace::data_folder(args.common.data.as_deref())?;
    let folder = import_folder(&data, &args.import)?;
    let kept = folder.join("plan.json");
    let text = std::fs::read_to_string(&kept).with_context(|| {
        format!(
            "no import {} was applied from {}: list them with `passerelle import history`",
            args.import,
            data.display()
        )
    })?;
    let plan = Plan::from_json(&text)?;
    let journal = Journal::open(folder.join("journal.jsonl"))?;
    let vault = workspace::vault(args.common.profiles.clone())?;
    let (client, sandbox) =
        workspace::workspace_client(&args.common.workspace, &vault, &data).await?;
    let cancel = cancel_on_ctrl_c();
    let mut progress = Progress {
        total: journal.rows(&plan.id)?.len(),
        seen: 0,
        all_rows: false,
        verb: "undone",
    };
    let report = undo_plan(&client, &plan, &journal, &mut progress, &cancel).await;
    drop(sandbox);
    let report = report?;
    let total = report.rows.len();
    let code = print_report(&report, total);
    let stale = report.count(|o| matches!(o, RowOutcome::Stale { .. }));
    if stale > 0 {
        println!("  {stale} row(s) changed in Dastra since the import were left as they are");
    }
    workspace::audit(&data, AuditAction::ImportUndone, |e| {
        counts(workspace::with_job(e, &plan.id), &report)
    })
    .await;
    Ok(code)
}

fn history(args: CommonArgs) -> anyhow::Result<ExitCode> {
    let data = workspace::data_folder(args.data.as_deref())?;
    let root = data.join("imports");
    let mut imports = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let folder = entry.path();
            let Ok(text) = std::fs::read_to_string(folder.join("plan.json")) else {
                continue;
            };
            let plan = match Plan::from_json(&text) {
                Ok(plan) => plan,
                Err(e) => {
                    eprintln!("warning: {} is skipped: {e}", folder.display());
                    continue;
                }
            };
            let journal = Journal::open(folder.join("journal.jsonl"))?;
            let states = journal.rows(&plan.id)?;
            imports.push((plan, states));
        }
    }
    if imports.is_empty() {
        println!("no import applied from {}", data.display());
        return Ok(ExitCode::SUCCESS);
    }
    imports.sort_by_key(|(plan, _)| plan.created_at);
    for (plan, states) in imports.iter().rev() {
        let done = |f: fn(&RowOutcome) -> bool| {
            states
                .values()
                .filter(|s| s.done.as_ref().is_some_and(f))
                .count()
        };
        let created = done(|o| matches!(o, RowOutcome::Created { .. }));
        let updated = done(|o| matches!(o, RowOutcome::Updated { .. }));
        let others = done(|o| matches!(o, RowOutcome::Tagged { .. } | RowOutcome::Archived { .. }));
        let undone = done(|o| matches!(o, RowOutcome::Undone { .. }));
        let failed = done(|o| matches!(o, RowOutcome::Failed { .. }));
        let pending = states.values().filter(|s| s.done.is_none()).count();
        let mut line = format!(
            "{}  {}  {} of {}  created {created}, updated {updated}, tagged or archived \
             {others}",
            plan.id,
            plan.created_at.format("%Y-%m-%d %H:%M"),
            plan.profile_id,
            plan.entity
        );
        if undone > 0 {
            line.push_str(&format!(", undone {undone}"));
        }
        if failed > 0 || pending > 0 {
            line.push_str(&format!(", failed {failed}, interrupted {pending}"));
        }
        println!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}
