//! `passerelle import plan|show|apply|undo|history`: imports into a Dastra workspace from the
//! command line, over the engine of `passerelle-imports`.
//!
//! - `plan --profile FILE [--source FILE] [--out FILE] [--clear]` opens the source the
//!   profile describes (the file given, or its SQL query or REST recipe on a saved
//!   connection), refuses a profile reading columns the source lacks before reading any row,
//!   lists the records its look-ups need from the workspace, then plans from the source row by
//!   row (`plan_source`: each row mapped as it is read and dropped, the target's current
//!   records read page by page), prints the summary counts, the warnings (a missing-records
//!   policy Dastra cannot carry out on the entity) and the rows to fix, and writes the plan
//!   file (to a temporary file renamed into place). The plan file is sealed with the key of
//!   the journal (the findings key in the OS keyring), since it holds the mapped values of
//!   every row; `--clear` writes it as readable JSON instead, with a warning.
//! - `show --plan FILE [--json]` prints a plan file, sealed or in clear: its summary, its
//!   warnings and every row (or the plan as JSON).
//! - `apply --plan FILE` reads a plan file, sealed or in clear (a sealed one that this user's
//!   key cannot open, altered, truncated, or a file that is not a plan is refused before
//!   anything is written), keeps a sealed copy of the plan in the data folder
//!   (`imports/<id>/plan.sealed`), applies it row by row with its journal (the sealed
//!   `import_journal` table of `passerelle.db`, key in the OS keyring), prints progress and a
//!   report per written row, and stops between rows on Ctrl-C: running it again resumes,
//!   without duplicates.
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
use passerelle_audit::AuditAction;
use passerelle_imports::{
    apply_plan, fetch_lookups, open_source, plan_source, undo_plan, ApplyReport, ApplySink,
    Journal, MissingAction, Plan, PlanOptions, PlanRow, RowClass, RowOutcome, RowReport,
    SourceSpec,
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
    /// Print a plan file (sealed or in clear): its summary, warnings and rows.
    Show(ShowArgs),
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
    /// Where to write the plan [default: import-plan-<id>.sealed, or .json with --clear, in
    /// the current folder].
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write the plan as readable JSON instead of sealing it with the key in the OS keyring
    /// (it holds the mapped values of every row).
    #[arg(long)]
    clear: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct ShowArgs {
    /// The plan file written by `passerelle import plan`, sealed or in clear.
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    /// Print the plan as JSON (in clear, with every mapped value).
    #[arg(long)]
    json: bool,
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
        ImportCommand::Show(args) => show(args).await,
        ImportCommand::Apply(args) => apply(args).await,
        ImportCommand::Undo(args) => undo(args).await,
        ImportCommand::History(args) => history(args).await,
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
    let source = open_source(&spec, Some(&vault)).await?;
    source.check_profile(&profile)?;
    let described = source.read_as().to_string();
    let key = match args.clear {
        true => None,
        false => Some(workspace::seal_key().await.context(
            "the plan is sealed with the key in the OS keyring, which cannot be used (--clear \
             writes it unsealed)",
        )?),
    };

    let (client, sandbox) =
        workspace::workspace_client(&args.common.workspace, &vault, &data).await?;
    let options = PlanOptions::default();
    let lookups = fetch_lookups(&client, &profile, options.page_size)
        .await
        .context("the look-ups could not be read from the workspace")?;
    let plan = plan_source(&client, &profile, source, &lookups, &options)
        .await
        .map_err(|e| match e {
            passerelle_imports::Error::Source(e) => anyhow::Error::new(e),
            other => anyhow::Error::new(other).context("the workspace's records could not be read"),
        });
    drop(sandbox);
    let plan = plan?;
    let read = plan.rows.iter().filter(|r| r.source_row.is_some()).count() as u64;
    eprintln!("source: {read} rows ({described})");

    let sealed = if key.is_some() { "sealed" } else { "json" };
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("import-plan-{}.{sealed}", plan.id)));
    let shown = format!("{}{}", summary_text(&plan), fixes_text(&plan));
    let written = write_atomically(&out, |file| {
        let mut writer = std::io::BufWriter::new(file);
        match &key {
            Some(key) => plan.write_sealed(key, &mut writer)?,
            None => serde_json::to_writer_pretty(&mut writer, &plan)?,
        }
        writer.flush()
    });
    written.with_context(|| format!("the plan cannot be written to {}", out.display()))?;

    print!("{shown}");
    println!("plan written to {}", out.display());
    if key.is_none() {
        eprintln!(
            "warning: the plan is written in clear: it holds the mapped values of every row \
             (business and sometimes personal data); keep it where the source file is and \
             delete it once applied, or plan again without --clear to seal it"
        );
    }
    let s = plan.summary;
    workspace::audit(&data, AuditAction::ImportPlanned, |e| {
        s.audit_counts(workspace::with_job(e, &plan.id), read)
    })
    .await;
    Ok(ExitCode::SUCCESS)
}

/// A plan file, sealed (opened with the key from the OS keyring) or in clear.
async fn read_plan_file(
    path: &Path,
) -> anyhow::Result<(Plan, Option<passerelle_discovery::SealKey>)> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("the plan {} cannot be read", path.display()))?;
    let key = match Plan::is_sealed(&bytes) {
        true => Some(workspace::seal_key().await?),
        false => None,
    };
    let plan = Plan::from_file_bytes(&bytes, key.as_ref())
        .with_context(|| format!("the plan {} cannot be used", path.display()))?;
    Ok((plan, key))
}

async fn show(args: ShowArgs) -> anyhow::Result<ExitCode> {
    let (plan, _) = read_plan_file(&args.plan).await?;
    if args.json {
        println!("{}", plan.to_json());
        return Ok(ExitCode::SUCCESS);
    }
    print!("{}", summary_text(&plan));
    for row in &plan.rows {
        println!("  {}", row_text(&plan, row));
    }
    Ok(ExitCode::SUCCESS)
}

/// The plan's id, counts and warnings.
fn summary_text(plan: &Plan) -> String {
    let s = plan.summary;
    let mut out = format!(
        "plan {} ({} of {}, matched on « {} »)\n",
        plan.id, plan.profile_id, plan.entity, plan.key_field
    );
    out.push_str(&format!("  create:    {}\n", s.create));
    out.push_str(&format!("  update:    {}\n", s.update));
    out.push_str(&format!("  unchanged: {}\n", s.unchanged));
    out.push_str(&format!("  conflict:  {}\n", s.conflict));
    out.push_str(&format!("  invalid:   {}\n", s.invalid));
    out.push_str(&format!("  missing:   {}\n", s.missing));
    for warning in &plan.warnings {
        out.push_str(&format!("warning: {}\n", warning.message()));
    }
    out
}

/// The first rows to fix (invalid, in conflict).
fn fixes_text(plan: &Plan) -> String {
    const SHOWN: usize = 20;
    let mut out = String::new();
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
                out.push_str("  … see `passerelle import show` for the other rows to fix\n");
                return out;
            }
            out.push_str(&format!("  {at}: {line}\n"));
            shown += 1;
        }
    }
    out
}

/// One row of a plan, for `show`: where it comes from, its class and what it would write.
fn row_text(plan: &Plan, row: &PlanRow) -> String {
    let key = row.key.as_deref().unwrap_or("no key");
    let at = match row.source_row {
        Some(n) => format!("row {n} « {key} »"),
        None => format!("Dastra « {key} »"),
    };
    let id = row
        .target
        .as_ref()
        .map(|t| format!(" #{}", id_text(&t.id)))
        .unwrap_or_default();
    let what = match &row.class {
        RowClass::Create => {
            let values: Vec<String> = row
                .values
                .iter()
                .map(|(field, value)| format!("{field} = {value}"))
                .collect();
            format!("create: {}", values.join(", "))
        }
        RowClass::Update { changes } => {
            let changes: Vec<String> = changes
                .iter()
                .map(|c| format!("{} {} → {}", c.field, c.before, c.after))
                .collect();
            format!("update{id}: {}", changes.join("; "))
        }
        RowClass::Unchanged => format!("unchanged{id}"),
        RowClass::Conflict { reason } => format!("conflict: {}", reason.message(&plan.key_field)),
        RowClass::Invalid { problems } => {
            let problems: Vec<String> = problems.iter().map(problem_text).collect();
            format!("invalid: {}", problems.join("; "))
        }
        RowClass::Missing { action } => {
            let action = match action {
                MissingAction::Ignore => "left as it is".to_owned(),
                MissingAction::Tag { label } => format!("tag « {label} »"),
                MissingAction::Archive => "archive".to_owned(),
                MissingAction::Unsupported { policy } => {
                    let entity = plan.entity.to_string();
                    let article = match entity.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        true => "an",
                        false => "a",
                    };
                    format!("left as it is (Dastra cannot {policy} {article} {entity})")
                }
            };
            format!("missing from the source{id}: {action}")
        }
    };
    format!("{at}: {what}")
}

/// A problem's message without the row, which the line already names.
fn problem_text(problem: &passerelle_mapping::Problem) -> String {
    let row = problem.row.map(|n| format!("row {n}, "));
    let text = problem.message.as_str();
    row.and_then(|r| text.strip_prefix(r.as_str()))
        .unwrap_or(text)
        .to_owned()
}

/// Write `path` through a temporary file in the same folder (filled by `fill`), renamed into
/// place; the temporary file is removed when anything fails.
fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
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
        fill(&mut file)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// The plan kept (sealed) in an import's folder.
fn read_kept(path: &Path, key: &passerelle_discovery::SealKey) -> anyhow::Result<Plan> {
    let sealed = std::fs::read(path)?;
    let text = key
        .open(&sealed)
        .map_err(|_| anyhow::anyhow!("{} was sealed with another key", path.display()))?;
    Ok(Plan::from_json(std::str::from_utf8(&text)?)?)
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
        if self.seen.is_multiple_of(100) || self.seen == self.total {
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
        RowOutcome::Failed { message, .. } => format!("failed: {message}"),
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
    let (plan, key) = read_plan_file(&args.plan).await?;
    let key = match key {
        Some(key) => key,
        None => workspace::seal_key().await?,
    };
    let data = workspace::data_folder(args.common.data.as_deref())?;
    let folder = import_folder(&data, &plan.id)?;
    std::fs::create_dir_all(&folder)
        .with_context(|| format!("the folder {} cannot be made", folder.display()))?;
    let kept = folder.join("plan.sealed");
    match read_kept(&kept, &key) {
        Ok(earlier) if earlier != plan => bail!(
            "an import with the id {} was applied from another plan; plan the import again",
            plan.id
        ),
        Ok(_) => eprintln!("resuming import {}", plan.id),
        Err(_) if kept.exists() => bail!(
            "the copy of import {} kept in {} cannot be read: it was sealed with another key",
            plan.id,
            kept.display()
        ),
        Err(_) => {
            let sealed = key.seal(plan.to_json().as_bytes());
            write_atomically(&kept, |file| file.write_all(&sealed))
                .with_context(|| format!("the plan cannot be kept in {}", kept.display()))?
        }
    }
    let journal = Journal::open_sealed(data.join("passerelle.db"), key)?;
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
        report.audit_counts(workspace::with_job(e, &plan.id))
    })
    .await;
    Ok(code)
}

/// Whether an outcome is of one kind.
type OutcomeTest = fn(&RowOutcome) -> bool;

/// Print the counts of `report`; failure when a row failed or the run was cancelled.
fn print_report(report: &ApplyReport, total: usize) -> ExitCode {
    let count = |f: fn(&RowOutcome) -> bool| report.count(f);
    println!("import {}:", report.plan_id);
    let lines: [(&str, OutcomeTest); 9] = [
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
    let kept = folder.join("plan.sealed");
    if !kept.exists() {
        bail!(
            "no import {} was applied from {}: list them with `passerelle import history`",
            args.import,
            data.display()
        );
    }
    let key = workspace::seal_key().await?;
    let plan = read_kept(&kept, &key)?;
    let journal = Journal::open_sealed(data.join("passerelle.db"), key)?;
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
        report.audit_counts(workspace::with_job(e, &plan.id))
    })
    .await;
    Ok(code)
}

async fn history(args: CommonArgs) -> anyhow::Result<ExitCode> {
    let data = workspace::data_folder(args.data.as_deref())?;
    let root = data.join("imports");
    let mut imports = Vec::new();
    let folders: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path().join("plan.sealed"))
            .filter(|p| p.exists())
            .collect(),
        Err(_) => Vec::new(),
    };
    if !folders.is_empty() {
        let key = workspace::seal_key().await?;
        let mut kept = Vec::new();
        for path in folders {
            match read_kept(&path, &key) {
                Ok(plan) => kept.push(plan),
                Err(e) => eprintln!("warning: {} is skipped: {e}", path.display()),
            }
        }
        let journal = Journal::open_sealed(data.join("passerelle.db"), key)?;
        for plan in kept {
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
