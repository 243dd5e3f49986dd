//! Grading a structured record (a row, a JSON object, a CSV line) as a whole.
//!
//! [`Matcher::match_record`] matches every field, then combines the hits into one score and a
//! [`Confidence`], with the reasons that led there:
//!
//! - an e-mail, phone, IBAN, customer number, `refId` or `userId` of hers: **certain**;
//! - her given and family names, in one field or in two: **likely**; with a postal code,
//!   city, address or date of birth of hers as well: **certain**;
//! - her given and family names each in the other's column (`nom = Élodie`,
//!   `prenom = Dupont-Martin`): **likely**, scored a little below the names in their own
//!   columns, and never more than likely without an identifier only she has, since the record
//!   may be of someone whose names are hers the other way round;
//! - her family name alone, or her names in part (`Élodie Dupont` for Élodie
//!   Dupont-Martin), or an address at her domain made of her names: **possible**;
//! - her given name alone, or a postal code or city alone: no match; nor one name of hers
//!   alone in the other part's column (her given name in `nom`, her family name in `prenom`);
//! - a namesake: names that match in a record holding *another* e-mail address or phone
//!   number (and none of hers) are downgraded to **possible**, with a reason saying so; a
//!   phone of hers in a record with another e-mail (a shared line) is at most **likely**.
//!
//! A neighbour's number (one digit off) is not a hit at all: numbers match whole or not.

use serde::{Deserialize, Serialize};

use crate::identity::IdentifierKind;
use crate::matcher::{name_score, Hit, Matcher, SWAP_DOUBT};
use crate::normalize;
use crate::rule::{Lang, NamePart, Rule};

/// How sure the matcher is that a record is about the subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Confidence {
    /// Worth a look; a person decides.
    Possible,
    /// Probably her; a person confirms.
    Likely,
    /// Her, by an identifier only she has (or her names confirmed by another identifier).
    Certain,
}

/// A hit and the field it was found in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldHit {
    /// The field (column) name.
    pub field: String,
    /// The hit, its span relative to that field's value.
    pub hit: Hit,
}

/// One step of the reasoning behind a [`RecordMatch`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "camelCase")]
pub enum Reason {
    /// A hit in a field.
    #[serde(rename_all = "camelCase")]
    Found {
        /// The field.
        field: String,
        /// What was found.
        kind: IdentifierKind,
        /// Why it matched.
        rule: Rule,
    },
    /// Given and family names found in two fields of the record.
    #[serde(rename_all = "camelCase")]
    NamesAcrossFields {
        /// The field holding the given name.
        given_field: String,
        /// The field holding the family name.
        family_field: String,
    },
    /// Her given and family names found each in a column named for the other part: a swap,
    /// most often made at data entry, that a person confirms.
    #[serde(rename_all = "camelCase")]
    NamesSwapped {
        /// The field holding her given name (named for family names).
        given_field: String,
        /// The field holding her family name (named for given names).
        family_field: String,
    },
    /// The names are confirmed by other identifiers of hers.
    #[serde(rename_all = "camelCase")]
    Corroborated {
        /// Their kinds (postal code, city, address, date of birth).
        kinds: Vec<IdentifierKind>,
    },
    /// The record holds an e-mail address that is not hers.
    #[serde(rename_all = "camelCase")]
    EmailDiffers {
        /// The field holding it.
        field: String,
    },
    /// The record holds a phone number that is not hers.
    #[serde(rename_all = "camelCase")]
    PhoneDiffers {
        /// The field holding it.
        field: String,
    },
    /// Only weak clues, nothing that identifies her: a person must decide.
    OnlyWeakClues,
}

impl Reason {
    /// The reason as a phrase, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Reason::Found { field, kind, rule } => {
                let (kind, rule) = (kind.describe(lang), rule.describe(lang));
                match lang {
                    Lang::Fr => format!("{field} ({kind}) : {rule}"),
                    Lang::En => format!("{field} ({kind}): {rule}"),
                }
            }
            Reason::NamesAcrossFields {
                given_field,
                family_field,
            } => match lang {
                Lang::Fr => format!("prénom dans {given_field} et nom dans {family_field}"),
                Lang::En => {
                    format!("given name in {given_field} and family name in {family_field}")
                }
            },
            Reason::NamesSwapped {
                given_field,
                family_field,
            } => match lang {
                Lang::Fr => format!(
                    "prénom et nom inversés (prénom dans {given_field}, nom dans \
                     {family_field}) : à confirmer"
                ),
                Lang::En => format!(
                    "given and family names swapped (given name in {given_field}, family name \
                     in {family_field}): to be confirmed"
                ),
            },
            Reason::Corroborated { kinds } => {
                let kinds: Vec<&str> = kinds.iter().map(|k| k.describe(lang)).collect();
                match lang {
                    Lang::Fr => format!("nom confirmé par : {}", kinds.join(", ")),
                    Lang::En => format!("name confirmed by: {}", kinds.join(", ")),
                }
            }
            Reason::EmailDiffers { field } => match lang {
                Lang::Fr => format!(
                    "la fiche porte une autre adresse e-mail ({field}) : peut-être un homonyme"
                ),
                Lang::En => {
                    let what = "the record holds a different e-mail address";
                    format!("{what} ({field}): maybe a namesake")
                }
            },
            Reason::PhoneDiffers { field } => match lang {
                Lang::Fr => format!(
                    "la fiche porte un autre numéro de téléphone ({field}) : peut-être un homonyme"
                ),
                Lang::En => {
                    format!("the record holds a different phone number ({field}): maybe a namesake")
                }
            },
            Reason::OnlyWeakClues => lang
                .pick(
                    "aucun identifiant propre à la personne : à vérifier",
                    "nothing that identifies her alone: check by hand",
                )
                .into(),
        }
    }
}

/// A record graded as being about the subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordMatch {
    /// The combined score, 0 to 1, consistent with `confidence` and the thresholds.
    pub score: f32,
    /// The grade.
    pub confidence: Confidence,
    /// Every hit, by field, in field order.
    pub hits: Vec<FieldHit>,
    /// Why, step by step: the hits first, then how they combine.
    pub reasons: Vec<Reason>,
}

impl RecordMatch {
    /// The reasons joined into one sentence, in `lang`.
    pub fn explain(&self, lang: Lang) -> String {
        let phrases: Vec<String> = self.reasons.iter().map(|r| r.describe(lang)).collect();
        phrases.join("; ")
    }
}

impl Matcher {
    /// Grades a record given as `(field name, value)` pairs; `None` when it scores below
    /// [`crate::MatchOptions::possible_threshold`] (see the module documentation for the
    /// rules). Field names are used as column hints (see [`Matcher::match_value`]) and in the
    /// reasons.
    pub fn match_record(&self, fields: &[(&str, &str)]) -> Option<RecordMatch> {
        let hits = self.record_hits(fields);
        if hits.is_empty() {
            return None;
        }
        let mut reasons: Vec<Reason> = hits
            .iter()
            .map(|h| Reason::Found {
                field: h.field.clone(),
                kind: h.hit.kind,
                rule: h.hit.rule.clone(),
            })
            .collect();

        let strong: Vec<&Hit> = hits
            .iter()
            .map(|h| &h.hit)
            .filter(|h| is_strong(h))
            .collect();
        let best_hit = hits.iter().map(|h| h.hit.score).fold(0.0, f32::max);
        let (names, swapped) = self.names_score(&hits, &mut reasons);
        let mut score = best_hit.max(names);

        let options = &self.options;
        let grade = |score: f32| {
            if score >= options.certain_threshold {
                Some(Confidence::Certain)
            } else if score >= options.likely_threshold {
                Some(Confidence::Likely)
            } else if score >= options.possible_threshold {
                Some(Confidence::Possible)
            } else {
                None
            }
        };
        let mut confidence = grade(score)?;

        let (other_email, other_phone) = self.conflicts(fields, &hits);
        if let Some(field) = &other_email {
            reasons.push(Reason::EmailDiffers {
                field: field.clone(),
            });
        }
        if let Some(field) = &other_phone {
            reasons.push(Reason::PhoneDiffers {
                field: field.clone(),
            });
        }
        let conflict = other_email.is_some() || other_phone.is_some();
        let only_phones =
            !strong.is_empty() && strong.iter().all(|h| h.kind == IdentifierKind::Phone);
        if conflict && strong.is_empty() && confidence > Confidence::Possible {
            confidence = Confidence::Possible;
            score = score.min((options.possible_threshold + options.likely_threshold) / 2.0);
        } else if other_email.is_some() && only_phones && confidence > Confidence::Likely {
            confidence = Confidence::Likely;
            score = score.min((options.likely_threshold + options.certain_threshold) / 2.0);
        } else if swapped && strong.is_empty() && confidence > Confidence::Likely {
            // Corroborated swapped names still leave the swap itself to be confirmed.
            confidence = Confidence::Likely;
            score = score.min((options.likely_threshold + options.certain_threshold) / 2.0);
        }
        if strong.is_empty() && confidence == Confidence::Possible {
            reasons.push(Reason::OnlyWeakClues);
        }
        Some(RecordMatch {
            score,
            confidence,
            hits,
            reasons,
        })
    }

    /// Every hit of every field, in field order and by position within a field. Names found
    /// in the other part's column ([`Matcher::match_swapped_names`]) are kept only when both
    /// her given and her family name are so found: one alone is someone else's name.
    fn record_hits(&self, fields: &[(&str, &str)]) -> Vec<FieldHit> {
        let found: Vec<(&str, Vec<Hit>, Vec<Hit>)> = fields
            .iter()
            .map(|(field, value)| {
                let hits = self.match_value(Some(field), value);
                (*field, hits, self.match_swapped_names(field, value))
            })
            .collect();
        let swapped = |part: NamePart| {
            found
                .iter()
                .flat_map(|(_, _, s)| s)
                .any(|h| matches!(h.rule, Rule::NameInOtherColumn { part: p, .. } if p == part))
        };
        let keep_swapped = swapped(NamePart::Given) && swapped(NamePart::Family);

        let mut hits = Vec::new();
        for (field, mut in_field, swapped) in found {
            if keep_swapped {
                in_field.extend(swapped);
                in_field.sort_by_key(|h| (h.span.start, h.identifier));
            }
            hits.extend(in_field.into_iter().map(|hit| FieldHit {
                field: field.to_owned(),
                hit,
            }));
        }
        hits
    }

    /// The score the names of a record reach, with the corroborating identifiers, and whether
    /// that score rests on names swapped across columns; pushes the reasons for combining.
    fn names_score(&self, hits: &[FieldHit], reasons: &mut Vec<Reason>) -> (f32, bool) {
        let name = |h: &&FieldHit| match h.hit.rule {
            Rule::NameTokens { part, complete, .. } => Some((part, complete)),
            _ => None,
        };
        let best = |part: NamePart| {
            hits.iter()
                .filter_map(|h| name(&h).filter(|(p, _)| *p == part).map(|(_, c)| (h, c)))
                .max_by_key(|(_, complete)| *complete)
        };
        let mut score = hits
            .iter()
            .filter_map(|h| name(&h))
            .map(|(part, complete)| name_score(part, complete))
            .fold(0.0, f32::max);
        if let (Some((given, g)), Some((family, f))) =
            (best(NamePart::Given), best(NamePart::Family))
        {
            if given.field != family.field {
                score = score.max(name_score(NamePart::Full, g && f));
                reasons.push(Reason::NamesAcrossFields {
                    given_field: given.field.clone(),
                    family_field: family.field.clone(),
                });
            }
        }
        let mut both_complete = score >= name_score(NamePart::Full, true);

        // Hits in the other part's column are only here when both parts are (`record_hits`).
        let swapped_part = |part: NamePart| {
            hits.iter()
                .filter_map(|h| match h.hit.rule {
                    Rule::NameInOtherColumn {
                        part: p, complete, ..
                    } if p == part => Some((h, complete)),
                    _ => None,
                })
                .max_by_key(|(_, complete)| *complete)
        };
        let mut swapped = false;
        if let (Some((given, g)), Some((family, f))) = (
            swapped_part(NamePart::Given),
            swapped_part(NamePart::Family),
        ) {
            reasons.push(Reason::NamesSwapped {
                given_field: given.field.clone(),
                family_field: family.field.clone(),
            });
            let swap_score = name_score(NamePart::Full, g && f) - SWAP_DOUBT;
            if swap_score > score {
                (score, swapped, both_complete) = (swap_score, true, g && f);
            }
        }
        if score == 0.0 {
            return (0.0, false);
        }

        let mut kinds: Vec<IdentifierKind> = Vec::new();
        for h in hits.iter().filter(|h| h.hit.kind.is_corroborating()) {
            if !kinds.contains(&h.hit.kind) {
                kinds.push(h.hit.kind);
            }
        }
        if kinds.is_empty() {
            return (score, swapped);
        }
        let n = kinds.len();
        reasons.push(Reason::Corroborated { kinds });
        let corroborated = if both_complete {
            score + [0.15, 0.17, 0.19][n.min(3) - 1]
        } else {
            (score + 0.1 * n as f32).min(0.65)
        };
        (corroborated, swapped)
    }

    /// The first field whose whole value is an e-mail address (or phone number) that is not
    /// hers, when the subject has one and the field gave no hit of that kind.
    fn conflicts(
        &self,
        fields: &[(&str, &str)],
        hits: &[FieldHit],
    ) -> (Option<String>, Option<String>) {
        let hit_in =
            |field: &str, kind| hits.iter().any(|h| h.field == field && h.hit.kind == kind);
        let has = |kind| self.has_target(kind);
        let region = &self.options.region;
        let email = fields
            .iter()
            .find(|(f, v)| {
                has(IdentifierKind::Email)
                    && normalize::email(v).is_some()
                    && !hit_in(f, IdentifierKind::Email)
            })
            .map(|(f, _)| (*f).to_owned());
        let phone = fields
            .iter()
            .find(|(f, v)| {
                has(IdentifierKind::Phone)
                    && normalize::phone(v, region).is_some()
                    && !hit_in(f, IdentifierKind::Phone)
            })
            .map(|(f, _)| (*f).to_owned());
        (email, phone)
    }
}

fn is_strong(hit: &Hit) -> bool {
    hit.kind.is_strong() && !matches!(hit.rule, Rule::EmailNamePattern)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Identifier, IdentitySet, MatchOptions};

    fn matcher() -> Matcher {
        matcher_with(&MatchOptions::default())
    }

    fn matcher_with(options: &MatchOptions) -> Matcher {
        let mut set = IdentitySet::new();
        for (kind, value) in [
            (IdentifierKind::GivenName, "Jean-Pierre"),
            (IdentifierKind::FamilyName, "Lefèvre"),
            (IdentifierKind::Email, "jp.lefevre@example.fr"),
            (IdentifierKind::DateOfBirth, "1970-05-04"),
            (IdentifierKind::PostalCode, "13001"),
        ] {
            set.add(Identifier::added(kind, value));
        }
        Matcher::new(&set, options)
    }

    #[test]
    fn names_in_two_columns_are_likely_and_certain_once_corroborated() {
        let m = matcher();
        let likely = m.match_record(&[("first_name", "Jean Pierre"), ("last_name", "LEFEVRE")]);
        let likely = likely.expect("her names");
        assert_eq!(likely.confidence, Confidence::Likely);
        assert!(likely
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::NamesAcrossFields { .. })));
        let certain = m
            .match_record(&[
                ("prenom", "jean-pierre"),
                ("nom", "Lefèvre"),
                ("naissance", "04/05/1970"),
            ])
            .expect("her names and birth date");
        assert_eq!(certain.confidence, Confidence::Certain);
        assert!(certain
            .explain(Lang::Fr)
            .contains("nom confirmé par : date de naissance"));
    }

    #[test]
    fn weak_clues_alone_are_possible_or_nothing() {
        let m = matcher();
        let family = m
            .match_record(&[("nom", "Lefevre")])
            .expect("a family name");
        assert_eq!(family.confidence, Confidence::Possible);
        assert_eq!(family.reasons.last(), Some(&Reason::OnlyWeakClues));
        assert!(
            m.match_record(&[("prenom", "Jean-Pierre")]).is_none(),
            "a given name alone"
        );
        assert!(
            m.match_record(&[("cp", "13001")]).is_none(),
            "a postal code alone"
        );
        assert!(m.match_record(&[("x", "nothing here")]).is_none());
    }

    #[test]
    fn names_swapped_across_columns_are_likely_below_names_in_place() {
        let m = matcher();
        let in_place = m
            .match_record(&[("nom", "Lefèvre"), ("prenom", "Jean-Pierre")])
            .expect("her names");
        let swapped = m
            .match_record(&[("nom", "JEAN PIERRE"), ("prenom", "Lefevre")])
            .expect("her names, swapped");
        assert_eq!(swapped.confidence, Confidence::Likely);
        assert!(
            swapped.score < in_place.score,
            "the swap costs: {} against {}",
            swapped.score,
            in_place.score
        );
        let fields: Vec<&str> = swapped.hits.iter().map(|h| h.field.as_str()).collect();
        assert_eq!(
            fields,
            ["nom", "prenom"],
            "both names are marked where they are"
        );
        assert!(swapped.reasons.contains(&Reason::NamesSwapped {
            given_field: "nom".into(),
            family_field: "prenom".into(),
        }));
        assert_eq!(
            swapped.explain(Lang::En),
            "nom (given name): same given name, in a family-name column; \
             prenom (family name): same family name, in a given-name column, apart from accents; \
             given and family names swapped (given name in nom, family name in prenom): \
             to be confirmed"
        );
        assert!(swapped
            .explain(Lang::Fr)
            .ends_with("prénom et nom inversés (prénom dans nom, nom dans prenom) : à confirmer"));

        // Corroborated, the swap is still for a person to confirm; her e-mail settles it.
        let born = m
            .match_record(&[
                ("last_name", "Jean-Pierre"),
                ("first_name", "Lefèvre"),
                ("naissance", "04/05/1970"),
                ("cp", "13001"),
            ])
            .expect("swapped names and her birth date");
        assert_eq!(born.confidence, Confidence::Likely, "score {}", born.score);
        let lenient = matcher_with(&MatchOptions {
            certain_threshold: 0.85,
            ..MatchOptions::default()
        });
        let capped = lenient
            .match_record(&[
                ("nom", "Jean-Pierre"),
                ("prenom", "Lefèvre"),
                ("naissance", "04/05/1970"),
            ])
            .expect("swapped names and her birth date");
        assert_eq!(
            capped.confidence,
            Confidence::Likely,
            "not certain even when the score would reach it: {}",
            capped.score
        );
        assert!(capped.score < 0.85, "the score stays in its band");
        let mailed = m
            .match_record(&[
                ("nom", "Jean-Pierre"),
                ("prenom", "Lefèvre"),
                ("mail", "jp.lefevre@example.fr"),
            ])
            .expect("swapped names and her e-mail");
        assert_eq!(mailed.confidence, Confidence::Certain);
    }

    #[test]
    fn one_name_swapped_is_no_match_and_a_swapped_namesake_is_possible_at_most() {
        let m = matcher();
        assert!(
            m.match_record(&[("nom", "Jean-Pierre"), ("prenom", "Martin")])
                .is_none(),
            "a Mr Jean-Pierre named Martin"
        );
        assert!(
            m.match_record(&[("nom", "Moreau"), ("prenom", "Lefèvre")])
                .is_none(),
            "a Lefèvre Moreau"
        );
        assert!(
            m.match_value(Some("nom"), "Jean-Pierre").is_empty(),
            "a value alone knows nothing of the other column"
        );

        let partly = m
            .match_record(&[("nom", "Jean"), ("prenom", "Lefèvre")])
            .expect("one of her given names and her family name, swapped");
        assert_eq!(partly.confidence, Confidence::Possible);
        assert_eq!(partly.reasons.last(), Some(&Reason::OnlyWeakClues));

        let namesake = m
            .match_record(&[
                ("nom", "Jean-Pierre"),
                ("prenom", "Lefèvre"),
                ("email", "jpl@ailleurs.fr"),
            ])
            .expect("swapped names with another e-mail");
        assert_eq!(namesake.confidence, Confidence::Possible);
        assert!(namesake
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::EmailDiffers { .. })));
    }

    #[test]
    fn scores_stay_inside_their_confidence_band() {
        let m = matcher();
        let options = MatchOptions::default();
        for record in [
            &[("email", "jp.lefevre@example.fr")][..],
            &[
                ("nom", "Jean-Pierre Lefèvre"),
                ("email", "autre@example.fr"),
            ][..],
            &[("nom", "Lefevre")][..],
            &[("nom", "Jean-Pierre"), ("prenom", "Lefèvre")][..],
            &[
                ("nom", "Jean-Pierre"),
                ("prenom", "Lefèvre"),
                ("naissance", "1970-05-04"),
            ][..],
            &[("nom", "Jean"), ("prenom", "Lefèvre")][..],
        ] {
            let found = m.match_record(record).expect("a match");
            let band = match found.confidence {
                Confidence::Certain => options.certain_threshold..=1.0,
                Confidence::Likely => options.likely_threshold..=options.certain_threshold,
                Confidence::Possible => options.possible_threshold..=options.likely_threshold,
            };
            assert!(band.contains(&found.score), "{record:?}: {}", found.score);
        }
    }
}
