//! Turning a record that matched into a [`Finding`]: its fields with what matched in each,
//! and the other personal data they hold.

use passerelle_matching::{pii, Lang, RecordMatch};

use crate::finding::{Finding, FindingField, FindingLocation, PiiSpan, Span};

/// The finding for `fields` of a record at `location`, graded by `found`.
///
/// Personal data detected inside a span that matched the subject is hers, and is not listed
/// again as other personal data.
pub(crate) fn finding_of(
    source_id: &str,
    location: FindingLocation,
    fields: &[(&str, &str)],
    found: &RecordMatch,
) -> Finding {
    let fields = fields
        .iter()
        .map(|(name, value)| {
            let matched: Vec<Span> = found
                .hits
                .iter()
                .filter(|h| h.field == *name)
                .map(|h| Span {
                    start: h.hit.span.start,
                    end: h.hit.span.end,
                })
                .collect();
            let pii = pii::detect(value)
                .into_iter()
                .filter(|p| {
                    !matched
                        .iter()
                        .any(|m| p.span.start < m.end && m.start < p.span.end)
                })
                .map(|p| PiiSpan {
                    kind: p.kind,
                    span: Span {
                        start: p.span.start,
                        end: p.span.end,
                    },
                })
                .collect();
            FindingField {
                name: name.to_string(),
                value: value.to_string(),
                matched,
                pii,
            }
        })
        .collect();
    Finding {
        source_id: source_id.to_string(),
        location,
        confidence: found.confidence,
        score: found.score,
        reason_fr: found.explain(Lang::Fr),
        reason_en: found.explain(Lang::En),
        fields,
        linked: Vec::new(),
    }
}
