//! `passerelle package` and `passerelle attach`: the evidence package of a reviewed discovery
//! job, and handing it to the request in Dastra.
//!
//! `package --job JOB --out DIR` reads the job, its findings and reviews from the findings
//! store and the request from the workspace connection (the built-in sandbox unless
//! `--workspace` names another), then writes `passerelle-dsar-<id>-<sha8>.zip` in `DIR`: only
//! included findings, redactions applied (see `passerelle_discovery::package`).
//!
//! `attach --request ID --package FILE` checks the package against its manifest, attaches it
//! to the request unless it is already there (running it again is safe), and with `--state`,
//! `--workflow-step` or `--message-file` updates the request.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::{bail, Context};
use passerelle_dastra::models::{DataSubjectRequestDto, DataSubjectRequestState};
use passerelle_discovery::package::{language_of, package_sources};
use passerelle_discovery::{
    attach_package, build_package, update_request, verify_package, PackageInput, RequestSummary,
    RequestUpdate, SourceKind,
};

use crate::workspace;

/// `passerelle package …`
#[derive(clap::Args)]
pub struct PackageArgs {
    /// The discovery job (its id, as `passerelle discover` printed it).
    #[arg(long, value_name = "JOB")]
    job: String,
    /// The folder the zip is written to (made if needed).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Who reviewed, as the report names them [default: the reviewers the review recorded].
    #[arg(long, value_name = "NAME")]
    reviewer: Option<String>,
    /// The report's language [default: the request's].
    #[arg(long, value_parser = ["fr", "en"])]
    lang: Option<String>,
    /// The Dastra workspace connection holding the request [default: the built-in sandbox].
    #[arg(long, value_name = "CONNECTION", default_value = "sandbox")]
    workspace: String,
    /// Passerelle's data folder [default: <data dir>/passerelle].
    #[arg(long, env = "PASSERELLE_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    /// The profiles file [default: <config dir>/passerelle/connections.json].
    #[arg(long, env = "PASSERELLE_PROFILES", value_name = "FILE")]
    profiles: Option<PathBuf>,
}

/// `passerelle attach …`
#[derive(clap::Args)]
pub struct AttachArgs {
    /// The Dastra request to attach the package to.
    #[arg(long, value_name = "ID")]
    request: i32,
    /// The package, as `passerelle package` wrote it.
    #[arg(long, value_name = "FILE")]
    package: PathBuf,
    /// The Dastra workspace connection holding the request [default: the built-in sandbox].
    #[arg(long, value_name = "CONNECTION", default_value = "sandbox")]
    workspace: String,
    /// Then set the request's state: Open, IdentityValidation, Processing, Active or Closed.
    #[arg(long, value_name = "STATE")]
    state: Option<String>,
    /// Then move the request to this workflow step (its id).
    #[arg(long, value_name = "ID")]
    workflow_step: Option<i32>,
    /// Then set the request's resolution message to this file's text (UTF-8).
    #[arg(long, value_name = "FILE")]
    message_file: Option<PathBuf>,
    /// Passerelle's data folder [default: <data dir>/passerelle].
    #[arg(long, env = "PASSERELLE_DATA", value_name = "DIR")]
    data: Option<PathBuf>,
    /// The profiles file [default: <config dir>/passerelle/connections.json].
    #[arg(long, env = "PASSERELLE_PROFILES", value_name = "FILE")]
    profiles: Option<PathBuf>,
}

/// Build the package of a job.
pub async fn package(args: PackageArgs) -> anyhow::Result<()> {
    let data = workspace::data_folder(args.data.as_deref())?;
    let vault = workspace::vault(args.profiles.clone())?;
    let store = workspace::findings_store(&data).await?;
    let job = store.job(&args.job).await?;
    let request_id = i32::try_from(job.spec.request_id).context("the job's request id")?;

    let (client, sandbox) = workspace::workspace_client(&args.workspace, &vault, &data).await?;
    let dto: DataSubjectRequestDto = client.get(&request_id).await.with_context(|| {
        format!(
            "request #{request_id} could not be read from the workspace {}",
            args.workspace
        )
    })?;
    drop(sandbox);
    let mut request = RequestSummary::from_dto(&dto);
    if let Some(lang) = &args.lang {
        request.language = language_of(lang);
    }

    let sources = package_sources(&job, |id| {
        vault
            .find(id)
            .ok()
            .and_then(|p| SourceKind::of(&p.settings))
    });
    let findings = store.findings(&job.spec.id).await?;
    let reviews = store.reviews(&job.spec.id).await?;
    let reviewer = match args.reviewer {
        Some(name) => name,
        None => {
            let names: BTreeSet<&str> = reviews
                .values()
                .filter_map(|r| r.reviewer.as_deref())
                .collect();
            names.into_iter().collect::<Vec<_>>().join(", ")
        }
    };
    let input = PackageInput {
        issues: store.issues(&job.spec.id).await?,
        job,
        request,
        findings,
        reviews,
        sources,
        reviewer,
        built_at: chrono::Utc::now(),
    };
    let report = build_package(&input, &args.out)?;
    let request = i64::from(input.request.id);
    workspace::audit(&data, passerelle_audit::AuditAction::PackageBuilt, |e| {
        use passerelle_audit::Count;
        let e = e
            .request(request)
            .count(Count::Included, report.included)
            .count(Count::Excluded, report.excluded)
            .count(Count::Redacted, report.redactions)
            .count(Count::Bytes, report.bytes);
        workspace::with_job(e, &input.job.spec.id)
    })
    .await;

    println!("package written to {}", report.path.display());
    println!("  {} bytes, sha256 {}", report.bytes, report.sha256);
    println!(
        "  {} finding(s) included, {} excluded, {} not reviewed, {} value(s) redacted",
        report.included, report.excluded, report.undecided, report.redactions
    );
    if report.undecided > 0 {
        eprintln!(
            "note: {} finding(s) nobody reviewed are left out of the package",
            report.undecided
        );
    }
    Ok(())
}

/// Attach a package to its request, then update the request if asked.
pub async fn attach(args: AttachArgs) -> anyhow::Result<()> {
    let update =
        RequestUpdate {
            state: args.state.as_deref().map(state).transpose()?,
            workflow_step: args.workflow_step,
            resolution_message: match &args.message_file {
                Some(file) => Some(std::fs::read_to_string(file).with_context(|| {
                    format!("the message file {} cannot be read", file.display())
                })?),
                None => None,
            },
        };
    if !args.package.is_file() {
        bail!(
            "the package {} does not exist or is not a file",
            args.package.display()
        );
    }
    let check = verify_package(&args.package)?;
    if !check.is_intact() {
        bail!(
            "the package {} does not match its manifest ({:?}): build it again",
            args.package.display(),
            check.problems
        );
    }

    let data = workspace::data_folder(args.data.as_deref())?;
    let vault = workspace::vault(args.profiles.clone())?;
    let (client, _sandbox) = workspace::workspace_client(&args.workspace, &vault, &data).await?;
    let mut shown = 0;
    let outcome = attach_package(&client, args.request, &args.package, |sent, total| {
        let percent = (sent * 100).checked_div(total).unwrap_or(100);
        if percent >= shown + 10 || (percent == 100 && shown < 100) {
            shown = percent;
            eprintln!("uploading: {percent}% of {total} bytes");
        }
    })
    .await?;
    if !outcome.already_attached {
        let bytes = std::fs::metadata(&args.package)
            .map(|m| m.len())
            .unwrap_or(0);
        workspace::audit(
            &data,
            passerelle_audit::AuditAction::AttachmentUploaded,
            |e| {
                e.request(i64::from(args.request))
                    .count(passerelle_audit::Count::Bytes, bytes)
            },
        )
        .await;
    }
    if outcome.already_attached {
        println!(
            "already attached to request #{} (attachment {}): nothing uploaded",
            args.request, outcome.attachment_id
        );
    } else {
        println!(
            "attached to request #{} as attachment {}",
            args.request, outcome.attachment_id
        );
    }

    if update != RequestUpdate::default() {
        let ops = update_request(&client, args.request, update).await?;
        if !ops.is_empty() {
            workspace::audit(&data, passerelle_audit::AuditAction::RequestUpdated, |e| {
                e.request(i64::from(args.request))
                    .count(passerelle_audit::Count::Updated, ops.len() as u64)
            })
            .await;
        }
        println!(
            "request #{} updated ({} change(s))",
            args.request,
            ops.len()
        );
    }
    Ok(())
}

fn state(word: &str) -> anyhow::Result<DataSubjectRequestState> {
    const STATES: [&str; 5] = [
        "Open",
        "IdentityValidation",
        "Processing",
        "Active",
        "Closed",
    ];
    let Some(name) = STATES.iter().find(|s| s.eq_ignore_ascii_case(word)) else {
        bail!("--state {word:?}: choose one of {}", STATES.join(", "));
    };
    Ok(serde_json::from_value(serde_json::Value::from(*name)).expect("a state of the contract"))
}
