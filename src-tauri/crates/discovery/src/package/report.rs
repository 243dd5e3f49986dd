//! The readable report (`rapport.html` or `report.html`): one self-contained page in the
//! request's language, for the DPO to send to the data subject. Inline CSS only, no script, no
//! remote content; every text from a source or from Dastra goes through [`escape`].

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use passerelle_matching::Lang;

use super::content::{confidence_label, location_parts, pick, Content, SourceContent};
use super::SourceKind;
use crate::review::{ExcludeReason, REDACTED};
use crate::store::RunState;

/// The report's name in the zip.
pub(crate) fn file_name(lang: Lang) -> &'static str {
    pick(lang, "rapport.html", "report.html")
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1b1b;
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:2px solid #1b1b1b}h3{font-size:1.05rem;margin-top:1.4rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.value{white-space:pre-wrap;word-break:break-word}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
.muted{color:#555}.failed{color:#a40000;font-weight:600}
.redacted{background:#000;color:#000;border-radius:2px;padding:0 .15em}
.finding{break-inside:avoid;page-break-inside:avoid;margin-bottom:1rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}a{color:inherit}}
";

/// Escape text for HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value escaped, its redacted parts shown as blacked-out blocks.
fn value_html(value: &str, lang: Lang) -> String {
    let label = pick(lang, "masqué", "redacted");
    let block = format!(
        "<span class=\"redacted\" title=\"{label}\" aria-label=\"{label}\">{REDACTED}</span>"
    );
    value
        .split(REDACTED)
        .map(escape)
        .collect::<Vec<_>>()
        .join(&block)
}

fn day(at: Option<DateTime<Utc>>, lang: Lang) -> String {
    match at {
        Some(at) => at.format(pick(lang, "%d/%m/%Y", "%Y-%m-%d")).to_string(),
        None => "—".to_string(),
    }
}

fn purpose(p: &str, lang: Lang) -> String {
    let known = match p {
        "Access" => Some(("Droit d'accès", "Right of access")),
        "Rectification" => Some(("Droit de rectification", "Right to rectification")),
        "Erasure" => Some(("Droit à l'effacement", "Right to erasure")),
        "Restriction" => Some(("Droit à la limitation", "Right to restriction")),
        "Opposition" => Some(("Droit d'opposition", "Right to object")),
        "Portability" => Some(("Droit à la portabilité", "Right to data portability")),
        "Information" => Some(("Demande d'information", "Request for information")),
        "AutomatedDecision" => Some(("Décision automatisée", "Automated decision-making")),
        "AdvanceDirectives" => Some(("Directives post-mortem", "Post-mortem directives")),
        _ => None,
    };
    match known {
        Some((fr, en)) => pick(lang, fr, en).to_string(),
        None => p.to_string(),
    }
}

fn reason_label(reason: ExcludeReason, lang: Lang) -> &'static str {
    match reason {
        ExcludeReason::NotThisPerson => {
            pick(lang, "concerne une autre personne", "about someone else")
        }
        ExcludeReason::ThirdPartyRights => pick(
            lang,
            "droits et libertés d'autrui (art. 15.4 RGPD)",
            "rights and freedoms of others (GDPR art. 15(4))",
        ),
        ExcludeReason::LegalPrivilege => pick(lang, "secret professionnel", "legal privilege"),
        ExcludeReason::Duplicate => pick(lang, "doublon", "duplicate"),
        ExcludeReason::Other => pick(lang, "autre motif", "other reason"),
    }
}

fn kind_label(kind: Option<SourceKind>, lang: Lang) -> &'static str {
    match kind {
        Some(SourceKind::Database) => pick(lang, "base de données", "database"),
        Some(SourceKind::Folder) => pick(lang, "dossier de fichiers", "folder of files"),
        Some(SourceKind::Api) => pick(lang, "application (API)", "application (API)"),
        None => "—",
    }
}

fn outcome(source: &SourceContent, lang: Lang) -> String {
    match (source.state, &source.failure) {
        (RunState::Failed, failure) => {
            let why = failure.as_ref().map(|(_, m)| escape(m)).unwrap_or_default();
            format!(
                "<span class=\"failed\">{}</span> {why}",
                pick(lang, "Échec :", "Failed:")
            )
        }
        (RunState::Done, _) if source.findings.is_empty() => pick(
            lang,
            "Recherché : aucune donnée retenue",
            "Searched: no data retained",
        )
        .into(),
        (RunState::Done, _) => pick(lang, "Recherché", "Searched").into(),
        (RunState::Cancelled, _) => pick(lang, "Recherche interrompue", "Search stopped").into(),
        (RunState::Pending | RunState::Running, _) => {
            pick(lang, "Recherche non terminée", "Search not finished").into()
        }
    }
}

/// The whole page.
pub(crate) fn html(content: &Content) -> Vec<u8> {
    let lang = content.lang;
    let input = content.input;
    let request = &input.request;
    let mut out = String::new();
    let title = format!(
        "{} #{}",
        pick(lang, "Réponse à la demande", "Answer to request"),
        request.id
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n\
         <p class=\"muted\">{}</p>\n",
        pick(lang, "fr", "en"),
        escape(&title),
        escape(&title),
        escape(&request.title),
    );

    let purposes: Vec<String> = request
        .purposes
        .iter()
        .map(|p| escape(&purpose(p, lang)))
        .collect();
    let rows = [
        (pick(lang, "Demande", "Request"), format!("#{}", request.id)),
        (pick(lang, "Objet", "Title"), escape(&request.title)),
        (
            pick(lang, "Personne concernée", "Data subject"),
            escape(&request.requester),
        ),
        (
            pick(lang, "Droits exercés", "Rights exercised"),
            purposes.join(", "),
        ),
        (
            pick(lang, "Reçue le", "Received on"),
            day(request.received, lang),
        ),
        (pick(lang, "Échéance", "Due on"), day(request.due, lang)),
        (
            pick(lang, "Recherche effectuée le", "Searched on"),
            day(Some(input.job.created_at), lang),
        ),
        (
            pick(lang, "Revue par", "Reviewed by"),
            escape(&input.reviewer),
        ),
        (
            pick(lang, "Document établi le", "Prepared on"),
            day(Some(input.built_at), lang),
        ),
    ];
    out.push_str("<dl>\n");
    for (term, value) in rows {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    }
    out.push_str("</dl>\n");

    sources_table(&mut out, content);
    counts_table(&mut out, content);
    findings_sections(&mut out, content);

    let _ = write!(
        out,
        "<p class=\"muted\">{} Passerelle {}.</p>\n</body>\n</html>\n",
        pick(lang, "Document produit par", "Produced by"),
        super::PASSERELLE_VERSION
    );
    out.into_bytes()
}

fn sources_table(out: &mut String, content: &Content) {
    let lang = content.lang;
    let _ = write!(
        out,
        "<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        pick(lang, "Systèmes consultés", "Systems searched"),
        pick(lang, "Système", "System"),
        pick(lang, "Type", "Kind"),
        pick(lang, "Résultat", "Outcome"),
        pick(lang, "Éléments communiqués", "Items given"),
    );
    for source in &content.sources {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&source.name),
            kind_label(source.kind, lang),
            outcome(source, lang),
            source.findings.len()
        );
    }
    out.push_str("</table>\n");
}

fn counts_table(out: &mut String, content: &Content) {
    let lang = content.lang;
    let counts = &content.counts;
    let _ = write!(
        out,
        "<h2>{}</h2>\n<table>\n",
        pick(lang, "En chiffres", "In figures")
    );
    let mut row = |label: &str, n: u64| {
        let _ = writeln!(out, "<tr><th>{label}</th><td>{n}</td></tr>");
    };
    row(pick(lang, "Éléments trouvés", "Items found"), counts.found);
    row(
        pick(lang, "Éléments communiqués", "Items given"),
        counts.included,
    );
    for (reason, n) in &counts.excluded_by_reason {
        let label = format!(
            "{}{}{}",
            pick(lang, "Écartés", "Left out"),
            pick(lang, " : ", ": "),
            reason_label(*reason, lang)
        );
        row(&label, *n);
    }
    if counts.undecided > 0 {
        row(
            pick(
                lang,
                "Non examinés (non communiqués)",
                "Not reviewed (not given)",
            ),
            counts.undecided,
        );
    }
    row(
        pick(lang, "Valeurs masquées", "Values redacted"),
        counts.redactions,
    );
    out.push_str("</table>\n");
}

fn findings_sections(out: &mut String, content: &Content) {
    let lang = content.lang;
    let _ = writeln!(
        out,
        "<h2>{}</h2>",
        pick(lang, "Données trouvées", "Data found")
    );
    if content.sources.iter().all(|s| s.findings.is_empty()) {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            pick(
                lang,
                "Aucune donnée n'est communiquée.",
                "No data is given."
            )
        );
    }
    for source in content.sources.iter().filter(|s| !s.findings.is_empty()) {
        let _ = writeln!(out, "<h3>{}</h3>", escape(&source.name));
        for (id, finding) in &source.findings {
            let (kind, place, position) = location_parts(&finding.location, lang);
            let at = if position.is_empty() {
                escape(&place)
            } else {
                format!("{}, {}", escape(&place), escape(&position))
            };
            let reason = match lang {
                Lang::Fr => &finding.reason_fr,
                Lang::En => &finding.reason_en,
            };
            let _ = write!(
                out,
                "<div class=\"finding\">\n<p><strong>{number} {id}</strong> — {kind}{colon}{at}<br>\
                 <span class=\"muted\">{} {} — {}</span></p>\n<table>\n\
                 <tr><th>{}</th><th>{}</th></tr>\n",
                pick(lang, "Correspondance", "Match"),
                confidence_label(finding.confidence, lang),
                escape(reason),
                pick(lang, "Champ", "Field"),
                pick(lang, "Valeur", "Value"),
                number = pick(lang, "n°", "no."),
                colon = pick(lang, " : ", ": "),
            );
            for field in &finding.fields {
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"value\">{}</td></tr>",
                    escape(&field.name),
                    value_html(&field.value, lang)
                );
            }
            out.push_str("</table>\n</div>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_redactions_blacked_out() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        let shown = value_html(&format!("<b>{REDACTED}</b>"), Lang::Fr);
        assert!(
            shown.starts_with("&lt;b&gt;<span class=\"redacted\""),
            "{shown}"
        );
        assert!(shown.ends_with("</span>&lt;/b&gt;"), "{shown}");
    }
}
