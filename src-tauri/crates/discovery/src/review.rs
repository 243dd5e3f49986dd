//! The DPO's review of a job's findings: each finding included or excluded (with a reason),
//! and values redacted where they are a third party's.
//!
//! A "possible" match is confirmed by including it and rejected by excluding it as
//! [`ExcludeReason::NotThisPerson`]. Nothing leaves the computer before a person decided: the
//! evidence package holds included findings only, with their redactions applied
//! ([`Finding::redacted`]).

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Span};

/// Why a finding is left out of the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum ExcludeReason {
    /// The record is about someone else (a namesake, a shared phone).
    NotThisPerson,
    /// Giving it would harm the rights of others (GDPR art. 15(4)).
    ThirdPartyRights,
    /// It is covered by legal privilege.
    LegalPrivilege,
    /// It repeats another finding.
    Duplicate,
    /// Another reason, said in the note.
    Other,
}

/// What the DPO decided for one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(
    rename_all = "camelCase",
    tag = "decision",
    rename_all_fields = "camelCase"
)]
pub enum Decision {
    /// Part of the answer.
    Include,
    /// Left out, for this reason.
    Exclude {
        /// Why.
        reason: ExcludeReason,
        /// The DPO's words, required for [`ExcludeReason::Other`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

/// A part of a field's value blacked out in the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    /// The field (`Courriel`, `text`…).
    pub field: String,
    /// The bytes of its value to black out; the whole value when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The review of one finding: the decision (none yet while it waits) and the redactions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// The decision, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// The redactions, in the order they were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub redactions: Vec<Redaction>,
    /// Who decided last (the reviewer's name as the app knows it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
}

impl Review {
    /// Whether the finding goes into the package.
    pub fn is_included(&self) -> bool {
        self.decision == Some(Decision::Include)
    }
}

/// What replaces a redacted value or part of one.
pub const REDACTED: &str = "█████";

impl Finding {
    /// The finding with `redactions` applied: each redacted part of a value replaced by
    /// [`REDACTED`], the spans of what matched and of detected data moved or dropped to fit,
    /// and linked rows kept as they are (they are shown for context and left out of packages
    /// unless included by a later version).
    pub fn redacted(&self, redactions: &[Redaction]) -> Finding {
        let mut out = self.clone();
        for field in &mut out.fields {
            let mut parts: Vec<Span> = redactions
                .iter()
                .filter(|r| r.field == field.name)
                .map(|r| match r.span {
                    Some(span) if span.end <= field.value.len() && span.start < span.end => span,
                    _ => Span {
                        start: 0,
                        end: field.value.len(),
                    },
                })
                .filter(|s| {
                    field.value.is_char_boundary(s.start) && field.value.is_char_boundary(s.end)
                })
                .collect();
            if parts.is_empty() {
                continue;
            }
            parts.sort_by_key(|s| s.start);
            let merged = merge(parts);
            let mut value = String::new();
            let mut at = 0;
            for span in &merged {
                value.push_str(&field.value[at..span.start]);
                value.push_str(REDACTED);
                at = span.end;
            }
            value.push_str(&field.value[at..]);

            let shift = |pos: usize| -> usize {
                let mut delta: isize = 0;
                for s in &merged {
                    if s.end <= pos {
                        delta += REDACTED.len() as isize - (s.end - s.start) as isize;
                    }
                }
                (pos as isize + delta) as usize
            };
            let hidden = |s: &Span| merged.iter().any(|m| s.start < m.end && m.start < s.end);
            field.matched = field
                .matched
                .iter()
                .filter(|s| !hidden(s))
                .map(|s| Span {
                    start: shift(s.start),
                    end: shift(s.end),
                })
                .collect();
            field.pii = field
                .pii
                .iter()
                .filter(|p| !hidden(&p.span))
                .map(|p| crate::finding::PiiSpan {
                    kind: p.kind,
                    span: Span {
                        start: shift(p.span.start),
                        end: shift(p.span.end),
                    },
                })
                .collect();
            field.value = value;
        }
        out
    }
}

fn merge(sorted: Vec<Span>) -> Vec<Span> {
    let mut merged: Vec<Span> = Vec::new();
    for span in sorted {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use passerelle_matching::pii::PiiKind;
    use passerelle_matching::Confidence;

    use super::*;
    use crate::finding::{FindingField, FindingLocation, PiiSpan};

    fn finding() -> Finding {
        let value = "Élodie, voisine: marc@example.fr, tél 06 12 34 56 79";
        let other = value.find("marc").unwrap();
        let phone = value.find("06").unwrap();
        Finding {
            source_id: "s".into(),
            location: FindingLocation::File {
                path: "a.txt".into(),
                sheet: None,
                row: None,
                page: None,
                line: Some(1),
            },
            confidence: Confidence::Likely,
            score: 0.8,
            reason_fr: "r".into(),
            reason_en: "r".into(),
            fields: vec![
                FindingField {
                    name: "text".into(),
                    value: value.into(),
                    matched: vec![Span {
                        start: 0,
                        end: "Élodie".len(),
                    }],
                    pii: vec![
                        PiiSpan {
                            kind: PiiKind::Email,
                            span: Span {
                                start: other,
                                end: other + "marc@example.fr".len(),
                            },
                        },
                        PiiSpan {
                            kind: PiiKind::Phone,
                            span: Span {
                                start: phone,
                                end: value.len(),
                            },
                        },
                    ],
                },
                FindingField {
                    name: "other".into(),
                    value: "tiers".into(),
                    matched: vec![],
                    pii: vec![],
                },
            ],
            linked: vec![],
        }
    }

    #[test]
    fn redacted_parts_are_replaced_and_spans_follow() {
        let f = finding();
        let text = &f.fields[0];
        let email = text.pii[0].span;
        let out = f.redacted(&[
            Redaction {
                field: "text".into(),
                span: Some(email),
            },
            Redaction {
                field: "other".into(),
                span: None,
            },
        ]);
        let text = &out.fields[0];
        assert_eq!(
            text.value,
            format!("Élodie, voisine: {REDACTED}, tél 06 12 34 56 79")
        );
        assert!(!text.value.contains("marc"));
        assert_eq!(
            text.matched, f.fields[0].matched,
            "a span before the redaction stays"
        );
        assert_eq!(text.pii.len(), 1, "the redacted e-mail is no longer listed");
        let phone = text.pii[0].span;
        assert_eq!(&text.value[phone.start..phone.end], "06 12 34 56 79");
        assert_eq!(out.fields[1].value, REDACTED);
    }

    #[test]
    fn overlapping_redactions_merge_and_bad_spans_redact_the_whole_value() {
        let f = finding();
        let out = f.redacted(&[
            Redaction {
                field: "text".into(),
                span: Some(Span { start: 0, end: 3 }),
            },
            Redaction {
                field: "text".into(),
                span: Some(Span { start: 2, end: 8 }),
            },
        ]);
        assert!(out.fields[0].value.starts_with(REDACTED));
        assert!(out.fields[0].matched.is_empty());
        let whole = f.redacted(&[Redaction {
            field: "other".into(),
            span: Some(Span { start: 3, end: 99 }),
        }]);
        assert_eq!(whole.fields[1].value, REDACTED);
    }
}
