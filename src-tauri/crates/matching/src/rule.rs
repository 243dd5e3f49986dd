//! Why a value matched, in words a DPO can put in an evidence package.
//!
//! A [`Rule`] is structured (the UI can branch on it, the store can keep it) and describes
//! itself in French or English with [`Rule::describe`]. Descriptions are short phrases without
//! a final period, lowercase, so they can be joined into a sentence.

use serde::{Deserialize, Serialize};

use crate::date::CalendarDate;
use crate::identity::IdentifierKind;

/// The language of an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French (the default: the DPOs Passerelle serves write in French first).
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// `fr` or `en` text, by language.
    pub(crate) fn pick<'a>(self, fr: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

impl IdentifierKind {
    /// The kind's name in a sentence ("e-mail address" / "adresse e-mail").
    pub fn describe(self, lang: Lang) -> &'static str {
        use IdentifierKind::*;
        let (fr, en) = match self {
            Email => ("adresse e-mail", "e-mail address"),
            Phone => ("numéro de téléphone", "phone number"),
            GivenName => ("prénom", "given name"),
            FamilyName => ("nom de famille", "family name"),
            FullName => ("nom complet", "full name"),
            Address => ("adresse postale", "postal address"),
            PostalCode => ("code postal", "postal code"),
            City => ("ville", "city"),
            RefId => ("référence", "reference"),
            UserId => ("identifiant de compte", "account id"),
            CustomerNumber => ("numéro de client", "customer number"),
            Iban => ("IBAN", "IBAN"),
            DateOfBirth => ("date de naissance", "date of birth"),
            Other => ("autre identifiant", "other identifier"),
        };
        lang.pick(fr, en)
    }
}

/// Which part of a name a [`Rule::NameTokens`] (or [`Rule::NameInOtherColumn`]) matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum NamePart {
    /// Given and family names together.
    Full,
    /// The given name(s) only.
    Given,
    /// The family name(s) only.
    Family,
}

/// How a value matched an identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "camelCase")]
pub enum Rule {
    /// The same e-mail address, possibly in other letter case.
    #[serde(rename_all = "camelCase")]
    EmailExact {
        /// The letter case differs.
        case_differs: bool,
    },
    /// The same mailbox through a provider alias (with
    /// [`crate::MatchOptions::email_aliases`] only).
    #[serde(rename_all = "camelCase")]
    EmailAlias {
        /// A `+tag` was ignored.
        tag_removed: bool,
        /// Dots of a Gmail address were ignored.
        dots_ignored: bool,
    },
    /// Another address at the subject's domain, made of her names or initials
    /// (`e.dupont@…` for Élodie Dupont): a clue, not a proof.
    EmailNamePattern,
    /// The same phone number once both are written in E.164.
    #[serde(rename_all = "camelCase")]
    PhoneE164 {
        /// The number as written in the value.
        written: String,
        /// Its E.164 form.
        e164: String,
    },
    /// The same identifier once spacing, punctuation and case are ignored.
    #[serde(rename_all = "camelCase")]
    IdentifierCompact {
        /// Written exactly as declared.
        exact: bool,
        /// The compact form both share (`CL004512`).
        compact: String,
    },
    /// The same name tokens, after case, accents, particles and separators are folded.
    #[serde(rename_all = "camelCase")]
    NameTokens {
        /// Which part of the name.
        part: NamePart,
        /// Every token of that part was found (a compound name may be found in part).
        complete: bool,
        /// The family name came before the given name.
        order_swapped: bool,
        /// Accents (or ß, æ, œ…) differ.
        accents_folded: bool,
    },
    /// Her given name in a column named for family names (`nom = Élodie`), or her family name
    /// in one named for given names (`prenom = Dupont-Martin`). Alone, such a name is more
    /// likely someone else's (a Mr Élodie, a Martin Moreau); a record counts it only when both
    /// parts are so swapped, a common slip at data entry (see [`crate::RecordMatch`]).
    #[serde(rename_all = "camelCase")]
    NameInOtherColumn {
        /// Which part of her name was found ([`NamePart::Given`] or [`NamePart::Family`]).
        part: NamePart,
        /// Every token of that part was found.
        complete: bool,
        /// Accents (or ß, æ, œ…) differ.
        accents_folded: bool,
    },
    /// The same words (city, address, other text), ignoring case, accents and particles.
    #[serde(rename_all = "camelCase")]
    TextFolded {
        /// Accents differ.
        accents_folded: bool,
    },
    /// The same calendar date.
    #[serde(rename_all = "camelCase")]
    SameDate {
        /// The date.
        date: CalendarDate,
        /// Written another way than declared (`12 mars 1985` for `12/03/1985`).
        written_differently: bool,
    },
}

impl Rule {
    /// A short phrase saying why the value matched, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Rule::EmailExact {
                case_differs: false,
            } => lang
                .pick("adresse e-mail identique", "identical e-mail address")
                .into(),
            Rule::EmailExact { case_differs: true } => lang
                .pick(
                    "adresse e-mail identique à la casse près",
                    "e-mail identical apart from case",
                )
                .into(),
            Rule::EmailAlias {
                tag_removed,
                dots_ignored,
            } => {
                let what = match (tag_removed, dots_ignored) {
                    (true, true) => lang.pick("le +suffixe et les points", "the +tag and the dots"),
                    (false, true) => lang.pick("les points", "the dots"),
                    _ => lang.pick("le +suffixe", "the +tag"),
                };
                match lang {
                    Lang::Fr => {
                        format!("même boîte aux lettres : {what} de l'adresse sont ignorés")
                    }
                    Lang::En => format!("same mailbox: {what} of the address are ignored"),
                }
            }
            Rule::EmailNamePattern => lang
                .pick(
                    "autre adresse du même domaine formée de ses nom et prénom ou initiales",
                    "another address at the same domain made of her names or initials",
                )
                .into(),
            Rule::PhoneE164 { written, e164 } => {
                if written
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .eq(e164.chars())
                {
                    lang.pick("numéro de téléphone identique", "identical phone number")
                        .into()
                } else {
                    match lang {
                        Lang::Fr => format!("même numéro écrit autrement ({written} → {e164})"),
                        Lang::En => {
                            format!("same phone number written differently ({written} → {e164})")
                        }
                    }
                }
            }
            Rule::IdentifierCompact { exact: true, .. } => lang
                .pick("identifiant identique", "identical identifier")
                .into(),
            Rule::IdentifierCompact {
                exact: false,
                compact,
            } => match lang {
                Lang::Fr => format!("même identifiant aux espaces et ponctuation près ({compact})"),
                Lang::En => {
                    format!("same identifier apart from spacing and punctuation ({compact})")
                }
            },
            Rule::NameTokens {
                part,
                complete,
                order_swapped,
                accents_folded,
            } => {
                let mut phrase = describe_name(lang, *part, *complete);
                if *order_swapped {
                    phrase.push_str(lang.pick(", nom avant prénom", ", family name first"));
                }
                push_accents(&mut phrase, lang, *accents_folded);
                phrase
            }
            Rule::NameInOtherColumn {
                part,
                complete,
                accents_folded,
            } => {
                let mut phrase = describe_name(lang, *part, *complete);
                phrase.push_str(match part {
                    NamePart::Given => lang.pick(
                        ", dans une colonne de nom de famille",
                        ", in a family-name column",
                    ),
                    NamePart::Family => {
                        lang.pick(", dans une colonne de prénom", ", in a given-name column")
                    }
                    NamePart::Full => "",
                });
                push_accents(&mut phrase, lang, *accents_folded);
                phrase
            }
            Rule::TextFolded {
                accents_folded: false,
            } => lang.pick("mêmes mots", "same words").into(),
            Rule::TextFolded {
                accents_folded: true,
            } => lang
                .pick(
                    "mêmes mots aux accents près",
                    "same words apart from accents",
                )
                .into(),
            Rule::SameDate {
                date,
                written_differently: false,
            } => match lang {
                Lang::Fr => format!("même date ({date})"),
                Lang::En => format!("same date ({date})"),
            },
            Rule::SameDate {
                date,
                written_differently: true,
            } => match lang {
                Lang::Fr => format!("même date écrite autrement ({date})"),
                Lang::En => format!("same date written differently ({date})"),
            },
        }
    }
}

/// The name part found, complete or not, as a phrase that qualifiers can follow.
fn describe_name(lang: Lang, part: NamePart, complete: bool) -> String {
    let base = match (part, complete) {
        (NamePart::Full, true) => lang.pick("mêmes prénom et nom", "same given and family names"),
        (NamePart::Full, false) => lang.pick(
            "prénom et nom en partie identiques",
            "given and family names partly the same",
        ),
        (NamePart::Family, true) => lang.pick("même nom de famille", "same family name"),
        (NamePart::Family, false) => lang.pick(
            "une partie du nom de famille composé",
            "part of the compound family name",
        ),
        (NamePart::Given, true) => lang.pick("même prénom", "same given name"),
        (NamePart::Given, false) => lang.pick("l'un des prénoms", "one of the given names"),
    };
    base.to_owned()
}

fn push_accents(phrase: &mut String, lang: Lang, accents: bool) {
    if accents {
        phrase.push_str(lang.pick(", aux accents près", ", apart from accents"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_plain_words_in_both_languages() {
        let case = Rule::EmailExact { case_differs: true };
        assert_eq!(case.describe(Lang::En), "e-mail identical apart from case");
        assert_eq!(
            case.describe(Lang::Fr),
            "adresse e-mail identique à la casse près"
        );
        let phone = Rule::PhoneE164 {
            written: "06 12 34 56 78".into(),
            e164: "+33612345678".into(),
        };
        assert_eq!(
            phone.describe(Lang::En),
            "same phone number written differently (06 12 34 56 78 → +33612345678)"
        );
        let same = Rule::PhoneE164 {
            written: "+33 612345678".into(),
            e164: "+33612345678".into(),
        };
        assert_eq!(same.describe(Lang::Fr), "numéro de téléphone identique");
        let name = Rule::NameTokens {
            part: NamePart::Full,
            complete: true,
            order_swapped: true,
            accents_folded: true,
        };
        assert_eq!(
            name.describe(Lang::En),
            "same given and family names, family name first, apart from accents"
        );
        let misplaced = Rule::NameInOtherColumn {
            part: NamePart::Given,
            complete: true,
            accents_folded: true,
        };
        assert_eq!(
            misplaced.describe(Lang::Fr),
            "même prénom, dans une colonne de nom de famille, aux accents près"
        );
        let misplaced = Rule::NameInOtherColumn {
            part: NamePart::Family,
            complete: false,
            accents_folded: false,
        };
        assert_eq!(
            misplaced.describe(Lang::En),
            "part of the compound family name, in a given-name column"
        );
    }

    #[test]
    fn rules_serialise_with_a_tag() {
        let rule = Rule::EmailAlias {
            tag_removed: true,
            dots_ignored: false,
        };
        let json = serde_json::to_value(&rule).expect("serialises");
        assert_eq!(
            json,
            serde_json::json!({"rule": "emailAlias", "tagRemoved": true, "dotsIgnored": false})
        );
        assert_eq!(
            serde_json::from_value::<Rule>(json).expect("deserialises"),
            rule
        );
    }
}
