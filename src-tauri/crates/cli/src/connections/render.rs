//! How `passerelle connections` prints: short tables and reports for people, JSON for tools.

use passerelle_connectors::{Found, Rows, TestReport};
use passerelle_vault::{ImportReport, Profile, SecretStatus};
use serde::Serialize;

/// A profile as listed: the profile and where it stands with its secret.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Listed<'a> {
    #[serde(flatten)]
    profile: &'a Profile,
    secret_status: SecretStatus,
}

fn listed(profile: &Profile) -> Listed<'_> {
    Listed {
        profile,
        secret_status: profile.secret_status(),
    }
}

fn status_text(status: SecretStatus) -> &'static str {
    match status {
        SecretStatus::Stored => "stored",
        SecretStatus::Missing => "MISSING",
        SecretStatus::NotSet => "not set",
        SecretStatus::NotNeeded => "not needed",
    }
}

/// `list`: a table, or a JSON array.
pub fn list(profiles: &[Profile], json: bool) -> anyhow::Result<()> {
    if json {
        let rows: Vec<Listed> = profiles.iter().map(listed).collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    let rows: Vec<[String; 4]> = profiles
        .iter()
        .map(|p| {
            [
                p.id.to_string(),
                p.kind().as_str().to_owned(),
                p.name.clone(),
                status_text(p.secret_status()).to_owned(),
            ]
        })
        .collect();
    let header = ["ID", "KIND", "NAME", "SECRET"].map(str::to_owned);
    let widths: Vec<usize> = (0..4)
        .map(|i| {
            rows.iter()
                .chain([&header])
                .map(|r| r[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in [&header].into_iter().chain(&rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
    Ok(())
}

/// `add`: what was saved and what is left to do.
pub fn added(profile: &Profile, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(&listed(profile))?);
        return Ok(());
    }
    println!(
        "Added \"{}\" ({}), id {}.",
        profile.name,
        profile.kind(),
        profile.id
    );
    if profile.secret_status() == SecretStatus::Missing {
        println!(
            "Its secret is missing: passerelle connections secret {} --secret-stdin",
            profile.id
        );
    }
    println!("Test it: passerelle connections test {}", profile.id);
    Ok(())
}

/// `import`: the new ids, and that every secret is still to be entered.
pub fn imported(report: &ImportReport, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(report)?);
        return Ok(());
    }
    println!(
        "Imported {} connection(s), each under a new id:",
        report.imported.len()
    );
    for p in &report.imported {
        let status = status_text(p.secret_status);
        println!(
            "  {}  {}  {}  secret {}",
            p.id,
            p.kind.as_str(),
            p.name,
            status
        );
    }
    if report
        .imported
        .iter()
        .any(|p| p.secret_status == SecretStatus::Missing)
    {
        println!("Enter each missing secret: passerelle connections secret ID --secret-stdin");
    }
    Ok(())
}

/// `test`: the outcome first, then what was found or what to fix.
pub fn report(profile: &Profile, report: &TestReport, json: bool) -> anyhow::Result<()> {
    if json {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Tested<'a> {
            id: &'a str,
            name: &'a str,
            #[serde(flatten)]
            report: &'a TestReport,
        }
        let tested = Tested {
            id: profile.id.as_str(),
            name: &profile.name,
            report,
        };
        println!("{}", serde_json::to_string_pretty(&tested)?);
        return Ok(());
    }

    let verdict = if report.is_ok() { "OK" } else { "FAILED" };
    println!(
        "{verdict}  {} ({}) in {} ms",
        profile.name,
        profile.kind(),
        report.duration_ms
    );
    if let Some(failure) = report.failure() {
        println!("  [{}] {}", failure.code, failure.message);
        if let Some(detail) = &failure.detail {
            println!("  detail: {detail}");
        }
    }
    match report.found() {
        Some(Found::Dastra(d)) => {
            println!(
                "  workspace: {} (#{}) at {}",
                d.workspace_label, d.workspace_id, d.base_url
            );
            if let Some(user) = &d.user {
                println!("  key of: {user}");
            }
            if let Some(organisation) = &d.organisation {
                println!("  organisation: {organisation}");
            }
            println!("  workspaces the key sees: {}", d.workspaces.len());
        }
        Some(Found::Sql(s)) => {
            let session = if s.read_only {
                "read-only session"
            } else {
                "session"
            };
            println!(
                "  {} {}, database {}, {session}",
                s.engine, s.server_version, s.database
            );
            let more = if s.truncated {
                " (first ones listed)"
            } else {
                ""
            };
            println!("  {} table(s){more}", s.table_count);
            for schema in &s.schemas {
                println!("    {}", schema.name);
                for table in &schema.tables {
                    let rows = match (table.view, table.rows) {
                        (true, _) => "view".to_owned(),
                        (_, Rows::Exact { count }) => format!("{count} rows"),
                        (_, Rows::Estimated { count }) => format!("~{count} rows"),
                        (_, Rows::AtLeast { count }) => format!("more than {count} rows"),
                        (_, Rows::Unknown) => "rows unknown".to_owned(),
                    };
                    println!("      {:<32} {rows}", table.name);
                }
            }
        }
        Some(Found::Folder(f)) => {
            let more = if f.truncated { "more than " } else { "" };
            println!(
                "  {more}{} file(s), {} bytes in {}",
                f.files, f.bytes, f.path
            );
            if f.unreadable > 0 {
                println!("  {} entries could not be read", f.unreadable);
            }
        }
        Some(Found::Rest(r)) => {
            println!("  HTTP {} from {} in {} ms", r.status, r.url, r.response_ms);
        }
        None => {}
    }
    Ok(())
}
