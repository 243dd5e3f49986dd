//! `passerelle discover`: search the connected systems for the data subject of a Dastra
//! request, with progress on standard error and a summary on standard output.
//!
//! The request comes from a Dastra workspace connection (the built-in sandbox unless
//! `--workspace` names another; the sandbox then runs in this process, its state kept in the
//! data folder). Findings are kept, sealed, in `<data>/passerelle.db` with the key in the OS
//! keyring; `--out DIR` also writes them as `findings.json`. Ctrl+C stops the job at the next
//! piece; `--resume JOB` takes it up where it stopped, as after a crash.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use passerelle_audit::{AuditAction, Count};
use passerelle_connectors::recipe::Recipe;
use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_discovery::{
    run_job, CancellationToken, Finding, JobRecord, JobSource, JobSpec, NotSearchable,
    ProgressEvent, ProgressSink, RunOptions, RunState, SourceInput,
};
use passerelle_matching::{Identifier, IdentifierKind, IdentitySet};
use passerelle_vault::{Profile, Vault};
use serde::Serialize;

use crate::workspace;

/// `passerelle discover …`
#[derive(clap::Args)]
pub struct DiscoverArgs {
    /// The Dastra request (its id) whose data subject is searched for.
    #[arg(long, value_name = "ID", required_unless_present = "resume")]
    request: Option<i32>,
    /// A connection to search, by id or name; repeat for several.
    #[arg(
        long = "source",
        value_name = "CONNECTION",
        required_unless_present = "resume"
    )]
    sources: Vec<String>,
    /// The Dastra workspace connection holding the request [default: the built-in sandbox].
    #[arg(long, value_name = "CONNECTION", default_value = "sandbox")]
    workspace: String,
    /// Another identifier of the person, as KIND=VALUE: email, phone, customerNumber, iban,
    /// refId, userId, fullName, familyName, givenName, postalCode, city, dateOfBirth, or any
    /// other word as the label of an other identifier; repeat for several.
    #[arg(long = "add", value_name = "KIND=VALUE")]
    added: Vec<String>,
    /// How to search an HTTP API connection, as CONNECTION=RECIPE-FILE.
    #[arg(long = "recipe", value_name = "CONNECTION=FILE")]
    recipes: Vec<String>,
    /// Resume this job (after Ctrl+C, a crash or a failed source) instead of starting one.
    #[arg(long, value_name = "JOB", conflicts_with_all = ["request", "added", "sources"])]
    resume: Option<String>,
    /// Also write the findings as JSON (findings.json) in this folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Passerelle's data folder: the findings database, the sandbox's state
    /// [default: <data dir>/passerelle].
    #[arg(long, env = "PASSERELLE_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    /// The profiles file [default: <config dir>/passerelle/connections.json].
    #[arg(long, env = "PASSERELLE_PROFILES", value_name = "FILE")]
    profiles: Option<PathBuf>,
    /// Days a job's findings are kept; older jobs are purged when this command starts.
    #[arg(long, default_value_t = 30)]
    retention_days: u32,
    /// Sources searched at the same time.
    #[arg(long, default_value_t = 3)]
    concurrency: usize,
}

/// Run the command: exit code 0 when every source was searched, 1 otherwise.
pub async fn run(args: DiscoverArgs) -> anyhow::Result<std::process::ExitCode> {
    let data = workspace::data_folder(args.data.as_deref())?;
    let vault = workspace::vault(args.profiles.clone())?;
    let store = workspace::findings_store(&data).await?;
    let purged = store
        .purge_older_than(args.retention_days, chrono::Utc::now())
        .await?;
    if purged > 0 {
        eprintln!(
            "{purged} job(s) older than {} days purged",
            args.retention_days
        );
    }

    let spec = match &args.resume {
        Some(job) => store.job(job).await?.spec,
        None => {
            let request = args
                .request
                .expect("clap requires --request without --resume");
            let added = added(&args.added)?;
            let mut sources = Vec::new();
            for name in &args.sources {
                let profile = vault.find(name)?;
                sources.push(JobSource {
                    id: profile.id.as_str().to_string(),
                    name: profile.name.clone(),
                });
            }
            let mut identity = identity(&args.workspace, &vault, &data, request).await?;
            for identifier in added {
                identity.add(identifier);
            }
            let spec = JobSpec::new(i64::from(request), identity, sources);
            store.create_job(&spec).await?;
            spec
        }
    };
    let recipes = recipes(&args.recipes, &vault)?;
    let mut inputs = Vec::new();
    let record = store.job(&spec.id).await?;
    for source in record.sources.iter().filter(|s| s.state != RunState::Done) {
        let open = vault.open(&source.source_id.as_str().into())?;
        inputs.push(input(&open.profile, open.secret().cloned(), &recipes)?);
    }

    eprintln!(
        "job {} for request #{}: {} source(s), {} identifier(s)",
        spec.id,
        spec.request_id,
        spec.sources.len(),
        spec.identity.identifiers().len()
    );
    let cancel = CancellationToken::new();
    let on_interrupt = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            eprintln!("stopping at the next piece (Ctrl+C)…");
            on_interrupt.cancel();
        }
    });
    let names: BTreeMap<String, String> = spec
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let sink = Arc::new(Printer::new(names.clone()));
    let options = RunOptions {
        concurrency: args.concurrency,
        ..RunOptions::default()
    };
    let action = if args.resume.is_some() {
        AuditAction::DiscoveryResumed
    } else {
        AuditAction::DiscoveryStarted
    };
    let sources = inputs.len() as u64;
    crate::workspace::audit(&data, action, |e| {
        let e = e.request(spec.request_id).count(Count::Sources, sources);
        crate::workspace::with_job(e, &spec.id)
    })
    .await;
    let job = run_job(&store, &spec.id, inputs, &options, sink, cancel).await?;

    let findings: Vec<Finding> = store
        .findings(&spec.id)
        .await?
        .into_iter()
        .map(|s| s.finding)
        .collect();
    let issues = store.issues(&spec.id).await?;
    print_summary(&job, &names, &findings, issues.len());
    if let Some(dir) = &args.out {
        let path = write_json(dir, &job, &findings, &issues)?;
        println!("findings written to {}", path.display());
    }
    let failed = job.sources.iter().any(|s| s.state == RunState::Failed);
    if job.state == RunState::Cancelled {
        println!(
            "stopped: resume with  passerelle discover --resume {}",
            spec.id
        );
    } else if failed {
        println!(
            "some sources failed: fix them, then  passerelle discover --resume {}",
            spec.id
        );
    }
    Ok(if job.state == RunState::Done && !failed {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    })
}

/// The identity set of the request, read from the workspace connection `workspace`.
async fn identity(
    workspace: &str,
    vault: &Vault,
    data: &Path,
    request: i32,
) -> anyhow::Result<IdentitySet> {
    let (client, _sandbox) = workspace::workspace_client(workspace, vault, data).await?;
    let dsar = client
        .get::<DataSubjectRequestDto>(&request)
        .await
        .with_context(|| {
            format!(
                "request #{request} could not be read from the workspace (check its id in the \
                 inbox)"
            )
        })?;
    Ok(IdentitySet::from_request(&dsar))
}

/// The identifiers given with `--add KIND=VALUE`.
fn added(pairs: &[String]) -> anyhow::Result<Vec<Identifier>> {
    pairs
        .iter()
        .map(|pair| {
            let (kind, value) = pair.split_once('=').with_context(|| {
                format!("--add {pair:?}: write it KIND=VALUE, e.g. email=a@b.fr")
            })?;
            Ok(match kind_of(kind) {
                Some(kind) => Identifier::added(kind, value),
                None => Identifier::added(IdentifierKind::Other, value).with_label(kind),
            })
        })
        .collect()
}

fn kind_of(word: &str) -> Option<IdentifierKind> {
    serde_json::from_value(serde_json::Value::String(word.to_string())).ok()
}

/// `CONNECTION=FILE` pairs, loaded and validated, by profile id.
fn recipes(pairs: &[String], vault: &Vault) -> anyhow::Result<BTreeMap<String, Recipe>> {
    let mut recipes = BTreeMap::new();
    for pair in pairs {
        let (name, file) = pair
            .split_once('=')
            .with_context(|| format!("--recipe {pair:?}: write it CONNECTION=FILE"))?;
        let profile = vault.find(name)?;
        let recipe = Recipe::load(Path::new(file)).map_err(|f| anyhow::anyhow!(f.message))?;
        if let Some(problem) = recipe.validate().into_iter().next() {
            bail!("recipe {file}: {}: {}", problem.field, problem.message);
        }
        recipes.insert(profile.id.as_str().to_string(), recipe);
    }
    Ok(recipes)
}

fn input(
    profile: &Profile,
    secret: Option<passerelle_vault::Secret>,
    recipes: &BTreeMap<String, Recipe>,
) -> anyhow::Result<SourceInput> {
    let recipe = recipes.get(profile.id.as_str()).cloned();
    SourceInput::from_profile(profile, secret, recipe).map_err(|why| match why {
        NotSearchable::RecipeMissing => anyhow::anyhow!(
            "{} is an HTTP API: say how to search it with --recipe \"{}=FILE\" (see \
             src-tauri/crates/connectors/recipes/ for examples)",
            profile.name,
            profile.name
        ),
        NotSearchable::DastraWorkspace => anyhow::anyhow!(
            "{} is a Dastra workspace, not a system to search: give databases, folders or APIs \
             with --source",
            profile.name
        ),
    })
}

/// Prints one line per source at most every half second, and every change of state.
struct Printer {
    names: BTreeMap<String, String>,
    last: Mutex<BTreeMap<String, (Instant, RunState)>>,
}

impl Printer {
    fn new(names: BTreeMap<String, String>) -> Self {
        Printer {
            names,
            last: Mutex::new(BTreeMap::new()),
        }
    }
}

impl ProgressSink for Printer {
    fn progress(&self, event: &ProgressEvent) {
        let mut last = self.last.lock().expect("printer lock");
        let changed = last.get(&event.source_id).is_none_or(|(at, state)| {
            *state != event.state || at.elapsed() >= Duration::from_millis(500)
        });
        if !changed {
            return;
        }
        last.insert(event.source_id.clone(), (Instant::now(), event.state));
        let name = self.names.get(&event.source_id).unwrap_or(&event.source_id);
        let p = &event.progress;
        let total = p.units_total.map(|t| format!("/{t}")).unwrap_or_default();
        let eta = event
            .eta_seconds
            .map(|s| format!(", about {s} s left"))
            .unwrap_or_default();
        let why = event
            .failure
            .as_ref()
            .map(|(code, message)| format!(" [{code}] {message}"))
            .unwrap_or_default();
        eprintln!(
            "{name}: {:?}, {}{total} done, {} items, {} bytes, {} findings, {} issues{eta}{why}",
            event.state, p.units_done, p.items, p.bytes, p.findings, p.issues
        );
    }
}

fn print_summary(
    job: &JobRecord,
    names: &BTreeMap<String, String>,
    findings: &[Finding],
    issues: usize,
) {
    println!(
        "request #{}: job {} {:?}",
        job.spec.request_id, job.spec.id, job.state
    );
    for source in &job.sources {
        let name = names.get(&source.source_id).unwrap_or(&source.source_id);
        let mut by = BTreeMap::new();
        for f in findings.iter().filter(|f| f.source_id == source.source_id) {
            *by.entry(format!("{:?}", f.confidence).to_lowercase())
                .or_insert(0) += 1;
        }
        let counts: Vec<String> = by.iter().map(|(c, n)| format!("{n} {c}")).collect();
        println!(
            "  {name}: {:?}, {} findings ({}), {} issues",
            source.state,
            source.progress.findings,
            if counts.is_empty() {
                "none".to_string()
            } else {
                counts.join(", ")
            },
            source.progress.issues
        );
        if let Some((code, message)) = &source.failure {
            println!("    failed [{code}]: {message}");
        }
    }
    println!("{} findings, {issues} issues in all", findings.len());
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Export<'a> {
    job_id: &'a str,
    request_id: i64,
    state: RunState,
    sources: &'a [passerelle_discovery::SourceRecord],
    findings: &'a [Finding],
    issues: &'a [passerelle_discovery::Issue],
}

/// Write `findings.json` in `dir` whole or not at all (a temporary file, then a rename).
fn write_json(
    dir: &Path,
    job: &JobRecord,
    findings: &[Finding],
    issues: &[passerelle_discovery::Issue],
) -> anyhow::Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("{} cannot be made", dir.display()))?;
    let export = Export {
        job_id: &job.spec.id,
        request_id: job.spec.request_id,
        state: job.state,
        sources: &job.sources,
        findings,
        issues,
    };
    let path = dir.join("findings.json");
    let partial = dir.join(".findings.json.partial");
    let text = serde_json::to_vec_pretty(&export).expect("findings serialise");
    std::fs::write(&partial, text)
        .with_context(|| format!("{} cannot be written", partial.display()))?;
    std::fs::rename(&partial, &path)
        .with_context(|| format!("{} cannot be written", path.display()))?;
    Ok(path)
}
