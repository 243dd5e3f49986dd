//! What goes into a package, worked out once from the input: the sources in the job's order,
//! each with its included findings (redactions applied), and the counts. `findings.json` and
//! the CSV files are written from it here; the report in `report`.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use passerelle_matching::{Confidence, Lang};
use serde::Serialize;

use super::{PackageInput, RequestSummary, SourceKind, SCHEMA_VERSION};
use crate::finding::{Finding, FindingLocation};
use crate::review::{Decision, ExcludeReason};
use crate::store::RunState;

/// Every reason to exclude, in the order the report lists them.
pub(crate) const REASONS: [ExcludeReason; 5] = [
    ExcludeReason::NotThisPerson,
    ExcludeReason::ThirdPartyRights,
    ExcludeReason::LegalPrivilege,
    ExcludeReason::Duplicate,
    ExcludeReason::Other,
];

/// `fr` or `en`, by language.
pub(crate) fn pick(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// How many findings went where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Findings the job stored.
    pub found: u64,
    /// In the package.
    pub included: u64,
    /// Excluded, per reason (in [`REASONS`] order, zeros kept).
    pub excluded_by_reason: Vec<(ExcludeReason, u64)>,
    /// Not decided.
    pub undecided: u64,
    /// Redactions applied to included findings.
    pub redactions: u64,
}

impl Counts {
    pub fn excluded(&self) -> u64 {
        self.excluded_by_reason.iter().map(|(_, n)| n).sum()
    }
}

/// One source as the package shows it.
#[derive(Debug, Clone)]
pub(crate) struct SourceContent {
    pub id: String,
    pub name: String,
    pub kind: Option<SourceKind>,
    /// The CSV file's name, unique in the package (`csv/<slug>.csv`).
    pub slug: String,
    pub state: RunState,
    pub failure: Option<(String, String)>,
    pub issues: u64,
    /// Found in all, included or not.
    pub found: u64,
    /// The included findings with their store ids, redactions applied.
    pub findings: Vec<(i64, Finding)>,
}

/// The package's contents before they are written.
#[derive(Debug, Clone)]
pub(crate) struct Content<'a> {
    pub input: &'a PackageInput,
    pub lang: Lang,
    pub sources: Vec<SourceContent>,
    pub counts: Counts,
}

impl<'a> Content<'a> {
    pub fn of(input: &'a PackageInput) -> Content<'a> {
        let mut counts = Counts {
            found: input.findings.len() as u64,
            excluded_by_reason: REASONS.iter().map(|r| (*r, 0)).collect(),
            ..Counts::default()
        };
        let mut sources = sources_of(input);
        for stored in &input.findings {
            let review = input.reviews.get(&stored.id);
            let source = match sources
                .iter()
                .position(|s| s.id == stored.finding.source_id)
            {
                Some(at) => &mut sources[at],
                None => {
                    sources.push(unlisted(&stored.finding.source_id));
                    sources.last_mut().expect("just pushed")
                }
            };
            source.found += 1;
            match review.and_then(|r| r.decision.as_ref()) {
                Some(Decision::Include) => {
                    let redactions = &review.expect("decided").redactions;
                    counts.included += 1;
                    counts.redactions += redactions.len() as u64;
                    source
                        .findings
                        .push((stored.id, stored.finding.redacted(redactions)));
                }
                Some(Decision::Exclude { reason, .. }) => {
                    let slot = counts
                        .excluded_by_reason
                        .iter_mut()
                        .find(|(r, _)| r == reason);
                    slot.expect("every reason is counted").1 += 1;
                }
                None => counts.undecided += 1,
            }
        }
        for source in &mut sources {
            source.issues = input
                .issues
                .iter()
                .filter(|i| i.source_id == source.id)
                .count() as u64;
            if source.kind.is_none() {
                source.kind = source.findings.first().map(|(_, f)| kind_of(&f.location));
            }
        }
        slugs(&mut sources);
        Content {
            input,
            lang: input.request.language,
            sources,
            counts,
        }
    }

    /// `findings.json`, pretty-printed.
    pub fn findings_json(&self) -> Vec<u8> {
        let doc = FindingsDoc {
            schema_version: SCHEMA_VERSION,
            language: self.lang,
            request: &self.input.request,
            job_id: &self.input.job.spec.id,
            built_at: date(self.input.built_at),
            reviewer: &self.input.reviewer,
            counts: CountsDoc {
                found: self.counts.found,
                included: self.counts.included,
                excluded: self.counts.excluded(),
                excluded_by_reason: self.counts.excluded_by_reason.iter().copied().collect(),
                undecided: self.counts.undecided,
                redactions: self.counts.redactions,
            },
            sources: self.sources.iter().map(|s| self.source_doc(s)).collect(),
        };
        serde_json::to_vec_pretty(&doc).expect("the package document serialises")
    }

    fn source_doc<'s>(&self, source: &'s SourceContent) -> SourceDoc<'s> {
        SourceDoc {
            id: &source.id,
            name: &source.name,
            kind: source.kind,
            state: source.state,
            failure: source
                .failure
                .as_ref()
                .map(|(code, message)| FailureDoc { code, message }),
            issues: source.issues,
            csv: format!("csv/{}.csv", source.slug),
            findings: source
                .findings
                .iter()
                .map(|(id, f)| FindingDoc {
                    id: *id,
                    location: &f.location,
                    confidence: f.confidence,
                    reason: match self.lang {
                        Lang::Fr => &f.reason_fr,
                        Lang::En => &f.reason_en,
                    },
                    fields: f
                        .fields
                        .iter()
                        .map(|field| FieldDoc {
                            name: &field.name,
                            value: &field.value,
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// `csv/<slug>.csv` for every source, those without findings included (a header only).
    pub fn csv_files(&self) -> Vec<(String, Vec<u8>)> {
        let header = match self.lang {
            Lang::Fr => ["n°", "type", "emplacement", "position", "champ", "valeur"],
            Lang::En => ["no", "type", "location", "position", "field", "value"],
        };
        self.sources
            .iter()
            .map(|source| {
                let mut text = String::from('\u{feff}');
                push_row(&mut text, header.iter().map(|h| h.to_string()));
                for (id, finding) in &source.findings {
                    let (kind, place, position) = location_parts(&finding.location, self.lang);
                    for field in &finding.fields {
                        push_row(
                            &mut text,
                            [
                                id.to_string(),
                                kind.to_string(),
                                place.clone(),
                                position.clone(),
                                field.name.clone(),
                                field.value.clone(),
                            ],
                        );
                    }
                }
                (format!("csv/{}.csv", source.slug), text.into_bytes())
            })
            .collect()
    }
}

/// The job's sources, in its order, with the names and kinds the caller gave.
fn sources_of(input: &PackageInput) -> Vec<SourceContent> {
    input
        .job
        .spec
        .sources
        .iter()
        .map(|job_source| {
            let given = input.sources.iter().find(|s| s.id == job_source.id);
            let record = input
                .job
                .sources
                .iter()
                .find(|r| r.source_id == job_source.id);
            SourceContent {
                id: job_source.id.clone(),
                name: given.map_or(job_source.name.clone(), |s| s.name.clone()),
                kind: given.and_then(|s| s.kind),
                slug: String::new(),
                state: record.map_or(RunState::Pending, |r| r.state),
                failure: record.and_then(|r| r.failure.clone()),
                issues: 0,
                found: 0,
                findings: Vec::new(),
            }
        })
        .collect()
}

/// A source a finding names but the job does not list (not expected; kept rather than lost).
fn unlisted(id: &str) -> SourceContent {
    SourceContent {
        id: id.to_string(),
        name: id.to_string(),
        kind: None,
        slug: String::new(),
        state: RunState::Done,
        failure: None,
        issues: 0,
        found: 0,
        findings: Vec::new(),
    }
}

pub(crate) fn kind_of(location: &FindingLocation) -> SourceKind {
    match location {
        FindingLocation::Row { .. } => SourceKind::Database,
        FindingLocation::File { .. } => SourceKind::Folder,
        FindingLocation::Api { .. } => SourceKind::Api,
    }
}

/// Give every source a file-name-safe slug of its name, unique in the package.
fn slugs(sources: &mut [SourceContent]) {
    let mut taken: BTreeMap<String, u32> = BTreeMap::new();
    for source in sources {
        let base = slug(&source.name);
        let n = taken.entry(base.clone()).or_insert(0);
        *n += 1;
        source.slug = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// `Partage RH (Lyon)` → `partage-rh-lyon`; accents dropped, at most 60 characters.
pub(crate) fn slug(name: &str) -> String {
    let folded = passerelle_matching::normalize::fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "source".to_string()
    } else {
        out.to_string()
    }
}

/// A location as three columns: the kind of place, the place, the position in it.
pub(crate) fn location_parts(
    location: &FindingLocation,
    lang: Lang,
) -> (&'static str, String, String) {
    match location {
        FindingLocation::Row { table, key } => {
            let key: Vec<String> = key.iter().map(|(c, v)| format!("{c} = {v}")).collect();
            (
                pick(lang, "ligne de table", "table row"),
                table.clone(),
                key.join(", "),
            )
        }
        FindingLocation::File {
            path,
            sheet,
            row,
            page,
            line,
        } => {
            let mut at = Vec::new();
            if let Some(sheet) = sheet {
                at.push(format!("{} {sheet}", pick(lang, "feuille", "sheet")));
            }
            if let Some(row) = row {
                at.push(format!("{} {row}", pick(lang, "ligne", "row")));
            }
            if let Some(page) = page {
                at.push(format!("page {page}"));
            }
            // A CSV record's line is its row, said once; a record spanning lines says both.
            match (row, line) {
                (Some(row), Some(line)) if row == line => {}
                (Some(_), Some(line)) => at.push(format!(
                    "{} {line}",
                    pick(lang, "ligne du fichier", "file line")
                )),
                (None, Some(line)) => at.push(format!("{} {line}", pick(lang, "ligne", "line"))),
                _ => {}
            }
            (pick(lang, "fichier", "file"), path.clone(), at.join(", "))
        }
        FindingLocation::Api {
            recipe,
            endpoint,
            id,
        } => {
            let at = match id {
                Some(id) => format!("{endpoint} (id {id})"),
                None => endpoint.clone(),
            };
            ("API", recipe.clone(), at)
        }
    }
}

pub(crate) fn confidence_label(confidence: Confidence, lang: Lang) -> &'static str {
    match confidence {
        Confidence::Certain => pick(lang, "certaine", "certain"),
        Confidence::Likely => pick(lang, "probable", "likely"),
        Confidence::Possible => pick(lang, "possible", "possible"),
    }
}

/// One `;`-separated row: a cell is quoted when it holds `;`, a quote or a line break, and
/// starts with `'` when a spreadsheet would take it for a formula.
fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        let cell = if cell.starts_with(['=', '+', '-', '@']) {
            format!("'{cell}")
        } else {
            cell
        };
        if cell.contains([';', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

pub(crate) fn date(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingsDoc<'a> {
    schema_version: u32,
    language: Lang,
    request: &'a RequestSummary,
    job_id: &'a str,
    built_at: String,
    reviewer: &'a str,
    counts: CountsDoc,
    sources: Vec<SourceDoc<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CountsDoc {
    found: u64,
    included: u64,
    excluded: u64,
    excluded_by_reason: BTreeMap<ExcludeReason, u64>,
    undecided: u64,
    redactions: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SourceDoc<'a> {
    id: &'a str,
    name: &'a str,
    kind: Option<SourceKind>,
    state: RunState,
    #[serde(skip_serializing_if = "Option::is_none")]
    failure: Option<FailureDoc<'a>>,
    issues: u64,
    csv: String,
    findings: Vec<FindingDoc<'a>>,
}

#[derive(Serialize)]
struct FailureDoc<'a> {
    code: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingDoc<'a> {
    id: i64,
    location: &'a FindingLocation,
    confidence: Confidence,
    reason: &'a str,
    fields: Vec<FieldDoc<'a>>,
}

#[derive(Serialize)]
struct FieldDoc<'a> {
    name: &'a str,
    value: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_record_says_its_line_once() {
        let at = |row: Option<u64>, line: Option<u64>, lang| {
            let location = FindingLocation::File {
                path: "clients.csv".into(),
                sheet: None,
                row,
                page: None,
                line,
            };
            location_parts(&location, lang).2
        };
        assert_eq!(at(Some(2), Some(2), Lang::Fr), "ligne 2");
        assert_eq!(
            at(Some(2), Some(3), Lang::Fr),
            "ligne 2, ligne du fichier 3"
        );
        assert_eq!(at(None, Some(7), Lang::En), "line 7");
        assert_eq!(at(Some(4), None, Lang::En), "row 4");
    }

    #[test]
    fn slugs_are_ascii_and_never_empty() {
        assert_eq!(slug("Partage RH (Lyon)"), "partage-rh-lyon");
        assert_eq!(slug("Élèves — 2024"), "eleves-2024");
        assert_eq!(slug("***"), "source");
    }

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "a;b".into(),
                "dit \"oui\"".into(),
                "=1+1".into(),
                "x".into(),
            ],
        );
        assert_eq!(out, "\"a;b\";\"dit \"\"oui\"\"\";'=1+1;x\r\n");
    }
}
