//! A database source: each table searched with the matching pushed down, each candidate row
//! verified by the matcher, and linked rows shown one foreign-key hop away.
//!
//! The unit of work is a table. A table that cannot be read (no right to it) is an issue and
//! the others go on; a database that stops answering fails the source, and resuming the job
//! starts again at the first table not done.

use passerelle_connectors::sql::schema::TableSchema;
use passerelle_connectors::sql::search::{LinkDirection, Needle, SqlRow, SqlSession, TableSearch};
use passerelle_connectors::{Failure, FailureCode};
use passerelle_matching::{IdentifierKind, SearchTerm, TermMatch};
use passerelle_vault::{Secret, Settings};

use crate::columns::suggest_columns;
use crate::finding::{Finding, FindingLocation, Issue, LinkedRecords};
use crate::job::{failure_pair, SourceError, SourceRun};
use crate::record::finding_of;
use crate::store::RunState;

/// The needles a database can look for, from the matcher's search terms.
pub fn needles(terms: &[SearchTerm]) -> Vec<Needle> {
    ranked_needles(terms).0
}

/// [`needles`], strongest first, with how many are strong (see [`TableSearch::preferred`]):
/// identifiers (e-mails, phones, numbers) and family names, before given names, which are
/// shared by many people and could otherwise fill a table's row cap with namesakes.
pub fn ranked_needles(terms: &[SearchTerm]) -> (Vec<Needle>, usize) {
    let needle = |term: &SearchTerm| match term.how {
        TermMatch::Contains => Needle::Contains(term.text.clone()),
        TermMatch::Digits => Needle::Digits(term.text.clone()),
        TermMatch::Compact => Needle::Compact(term.text.clone()),
        TermMatch::Exact => Needle::Equals(term.text.clone()),
    };
    let weak = |term: &SearchTerm| {
        matches!(
            term.kind,
            IdentifierKind::GivenName | IdentifierKind::FullName
        )
    };
    let mut needles: Vec<Needle> = Vec::new();
    for term in terms.iter().filter(|t| !weak(t)) {
        if !needles.contains(&needle(term)) {
            needles.push(needle(term));
        }
    }
    let strong = needles.len();
    for term in terms.iter().filter(|t| weak(t)) {
        if !needles.contains(&needle(term)) {
            needles.push(needle(term));
        }
    }
    (needles, strong)
}

/// Whether a failure means the database is gone (the source stops) rather than a table
/// being out of reach (the table is an issue).
fn is_fatal(failure: &Failure) -> bool {
    matches!(
        failure.code,
        FailureCode::Unreachable | FailureCode::Tls | FailureCode::Timeout
    )
}

/// Scan the database; see the module's documentation.
pub(crate) async fn scan(
    run: &mut SourceRun,
    settings: &Settings,
    secret: Option<&Secret>,
) -> Result<RunState, SourceError> {
    let mut session = SqlSession::open(settings, secret, run.options.sql_timeout).await?;
    let tables = session.tables().await?;
    run.progress.units_total = Some(tables.len() as u64);
    let needles = ranked_needles(&run.matcher.search_terms());

    for table in &tables {
        if run.cancel.is_cancelled() {
            return Ok(RunState::Cancelled);
        }
        let unit = table.table.display();
        if run
            .store
            .unit_done(&run.job_id, &run.source_id, &unit)
            .await?
        {
            continue;
        }
        let mut issues = Vec::new();
        let findings = match search_table(run, &mut session, &tables, table, &needles).await {
            Ok((findings, capped)) => {
                if capped {
                    issues.push(Issue {
                        source_id: run.source_id.clone(),
                        unit: unit.clone(),
                        code: "capped".into(),
                        message: format!(
                            "More than {} rows of {unit} could be about the person: only the \
                             first {} were checked. Raise the row cap, or add identifiers that \
                             narrow the search.",
                            run.options.row_cap, run.options.row_cap
                        ),
                    });
                }
                findings
            }
            Err(failure) if is_fatal(&failure) => return Err(failure.into()),
            Err(failure) => {
                let (code, message) = failure_pair(&failure);
                issues.push(Issue {
                    source_id: run.source_id.clone(),
                    unit: unit.clone(),
                    code,
                    message,
                });
                Vec::new()
            }
        };
        let (store, job, source) = (run.store.clone(), run.job_id.clone(), run.source_id.clone());
        store
            .complete_unit(&job, &source, &unit, &findings, &issues, &mut run.progress)
            .await?;
        run.report(RunState::Running, None);
    }
    Ok(RunState::Done)
}

/// One table: the suggested columns searched, candidates verified, links followed.
async fn search_table(
    run: &mut SourceRun,
    session: &mut SqlSession,
    tables: &[TableSchema],
    table: &TableSchema,
    (needles, preferred): &(Vec<Needle>, usize),
) -> Result<(Vec<Finding>, bool), Failure> {
    let sample = session.sample(table, run.options.sample_rows).await?;
    let columns = suggest_columns(table, &sample)
        .into_iter()
        .map(|s| s.column)
        .collect();
    let mut search = TableSearch {
        table,
        columns,
        needles: needles.clone(),
        preferred: 0,
        row_cap: run.options.row_cap,
    };
    let mut outcome = session.search(&search).await?;
    // NOTE: unordered, the statement stops at the cap, which is fast. Only when the cap was
    // reached are the rows asked for again with those matching a strong needle first, so that
    // namesakes of a common given name cannot hide hers; ordered, the database must find every
    // candidate first (a full scan where no index serves the needles).
    if outcome.capped && *preferred > 0 && *preferred < needles.len() {
        search.preferred = *preferred;
        outcome = session.search(&search).await?;
    }
    run.progress.items += outcome.rows.len() as u64;

    let mut findings = Vec::new();
    for row in &outcome.rows {
        let fields = present(row);
        let Some(found) = run.matcher.match_record(&fields) else {
            continue;
        };
        let location = FindingLocation::Row {
            table: table.table.display(),
            key: key_of(table, row),
        };
        let mut finding = finding_of(&run.source_id, location, &fields, &found);
        for link in session
            .linked_rows(tables, table, row, run.options.link_cap)
            .await?
        {
            let (from, to) = match link.direction {
                LinkDirection::References => (table.table.display(), link.table.display()),
                LinkDirection::ReferencedBy => (link.table.display(), table.table.display()),
            };
            finding.linked.push(LinkedRecords {
                table: link.table.display(),
                via: format!(
                    "{from}.{} → {to}.{}",
                    link.via.columns.join(", "),
                    link.via.target_columns.join(", ")
                ),
                rows: link
                    .rows
                    .iter()
                    .map(|r| {
                        present(r)
                            .into_iter()
                            .map(|(c, v)| (c.to_string(), v.to_string()))
                            .collect()
                    })
                    .collect(),
            });
        }
        findings.push(finding);
    }
    Ok((findings, outcome.capped))
}

/// The row's non-null values.
fn present(row: &SqlRow) -> Vec<(&str, &str)> {
    row.values
        .iter()
        .filter_map(|(c, v)| v.as_deref().map(|v| (c.as_str(), v)))
        .collect()
}

/// The row's address: its primary key, or every value for a table without one.
fn key_of(table: &TableSchema, row: &SqlRow) -> Vec<(String, String)> {
    let columns: Vec<&String> = if table.primary_key.is_empty() {
        table.columns.iter().map(|c| &c.name).collect()
    } else {
        table.primary_key.iter().collect()
    };
    columns
        .into_iter()
        .filter_map(|c| row.get(c).map(|v| (c.clone(), v.to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use passerelle_matching::{Identifier, IdentitySet, MatchOptions, Matcher};

    use super::*;

    #[test]
    fn identifiers_and_family_names_are_searched_before_given_names() {
        let mut set = IdentitySet::new();
        for (kind, value) in [
            (IdentifierKind::GivenName, "Hélène"),
            (IdentifierKind::FamilyName, "Bérangier"),
            (IdentifierKind::FullName, "Hélène Bérangier"),
            (IdentifierKind::Email, "helene.berangier@entreprise.fr"),
            (IdentifierKind::Phone, "06 11 22 33 44"),
        ] {
            set.add(Identifier::added(kind, value));
        }
        let terms = Matcher::new(&set, &MatchOptions::default()).search_terms();
        let (needles, strong) = ranked_needles(&terms);
        let given = Needle::Contains("helene".into());
        let family = Needle::Contains("berangier".into());
        let at = |n: &Needle| needles.iter().position(|x| x == n).expect("searched");
        assert!(at(&given) >= strong, "the given name is weak: {needles:?}");
        assert!(
            at(&family) < strong,
            "the family name is strong: {needles:?}"
        );
        assert!(needles[..strong].contains(&Needle::Digits("611223344".into())));
        assert_eq!(needles.iter().filter(|n| **n == family).count(), 1, "once");
        for (i, n) in needles.iter().enumerate() {
            assert!(!needles[..i].contains(n), "{n:?} searched once");
        }
    }
}
