//! Finding the subject's names in a value: runs of consecutive words that are all tokens of
//! one of her names, classified as full name, given name or family name.

use std::ops::Range;

use crate::identity::{IdentifierKind, IdentitySet};
use crate::rule::NamePart;
use crate::scan::{words, Word};

/// One token of a declared name.
#[derive(Debug, Clone)]
struct Token {
    folded: String,
    plain: String,
}

/// One way the subject is named: given tokens, family tokens, and the identifiers they come
/// from (a hit on the full name points at the full-name identifier when there is one).
#[derive(Debug, Clone)]
pub(crate) struct NameProfile {
    full: Option<usize>,
    given_id: Option<usize>,
    family_id: Option<usize>,
    given: Vec<Token>,
    family: Vec<Token>,
}

impl NameProfile {
    /// The folded given and family tokens.
    pub(crate) fn tokens(&self) -> (Vec<String>, Vec<String>) {
        let folded = |part: &[Token]| part.iter().map(|t| t.folded.clone()).collect();
        (folded(&self.given), folded(&self.family))
    }
}

/// A name found in a value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NameHit {
    pub identifier: usize,
    pub kind: IdentifierKind,
    pub part: NamePart,
    pub complete: bool,
    pub order_swapped: bool,
    pub accents_folded: bool,
    pub span: Range<usize>,
}

/// Which name parts a column may hold, guessed from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnHint {
    Given,
    Family,
    Any,
}

impl ColumnHint {
    /// `prenom`, `first_name`, `givenName` hold given names; `nom`, `last_name`, `surname`,
    /// `nom_de_famille` family names; anything else (`name`, `client`, no column) any part.
    /// A hint only rules out a lone part in the wrong column: both names together match in
    /// any column.
    pub fn of(column: Option<&str>) -> ColumnHint {
        let Some(column) = column else {
            return ColumnHint::Any;
        };
        let c = crate::normalize::fold(column).replace(['_', '-', ' ', '.'], "");
        let has = |words: &[&str]| words.iter().any(|w| c.contains(w));
        if has(&["prenom", "firstname", "givenname", "forename"]) {
            ColumnHint::Given
        } else if c == "nom"
            || has(&[
                "lastname",
                "familyname",
                "surname",
                "nomdefamille",
                "nomusage",
            ])
        {
            ColumnHint::Family
        } else {
            ColumnHint::Any
        }
    }
}

fn tokens(value: &str) -> Vec<Token> {
    let all = words(value, &[]);
    let significant: Vec<&Word> = all.iter().filter(|w| !w.is_particle()).collect();
    let chosen: Vec<&Word> = if significant.is_empty() {
        all.iter().collect()
    } else {
        significant
    };
    chosen
        .into_iter()
        .map(|w| Token {
            folded: w.folded.clone(),
            plain: w.plain.clone(),
        })
        .collect()
}

/// The name profiles of a set: one per full name (split into given and family tokens with the
/// declared given names, or else by letter case: `DUPONT Élodie`), one per family name not
/// already in a full name (with the first given name), or a given name alone.
pub(crate) fn profiles(set: &IdentitySet) -> Vec<NameProfile> {
    let of_kind = |kind| {
        set.identifiers()
            .iter()
            .enumerate()
            .filter(move |(_, i)| i.kind == kind)
    };
    let givens: Vec<(usize, Vec<Token>)> = of_kind(IdentifierKind::GivenName)
        .map(|(n, i)| (n, tokens(&i.value)))
        .collect();
    let families: Vec<(usize, Vec<Token>)> = of_kind(IdentifierKind::FamilyName)
        .map(|(n, i)| (n, tokens(&i.value)))
        .collect();
    let shares =
        |a: &[Token], b: &[Token]| a.iter().any(|t| b.iter().any(|u| u.folded == t.folded));

    let mut out = Vec::new();
    for (n, full) in of_kind(IdentifierKind::FullName) {
        let all = tokens(&full.value);
        let given_id = givens.iter().find(|(_, g)| shares(g, &all));
        let (given, family): (Vec<Token>, Vec<Token>) = match given_id {
            Some((_, g)) => all
                .iter()
                .cloned()
                .partition(|t| g.iter().any(|u| u.folded == t.folded)),
            None => split_by_case(&full.value, all),
        };
        let family_id = families
            .iter()
            .find(|(_, f)| shares(f, &family))
            .map(|(n, _)| *n);
        out.push(NameProfile {
            full: Some(n),
            given_id: given_id.map(|(n, _)| *n),
            family_id,
            given,
            family,
        });
    }
    for (n, family) in &families {
        if out.iter().all(|p| p.family_id != Some(*n)) {
            let first = givens.first();
            out.push(NameProfile {
                full: None,
                given_id: first.map(|(n, _)| *n),
                family_id: Some(*n),
                given: first.map(|(_, g)| g.clone()).unwrap_or_default(),
                family: family.clone(),
            });
        }
    }
    for (n, given) in &givens {
        if out.iter().all(|p| p.given_id != Some(*n)) {
            out.push(NameProfile {
                full: None,
                given_id: Some(*n),
                family_id: None,
                given: given.clone(),
                family: Vec::new(),
            });
        }
    }
    out
}

/// Splits a full name without a declared given name: words written in capitals are the family
/// name (`DUPONT Élodie`); otherwise the first word is the given name.
fn split_by_case(value: &str, all: Vec<Token>) -> (Vec<Token>, Vec<Token>) {
    let capitals: Vec<String> = value
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()))
        .map(crate::normalize::fold)
        .collect();
    if !capitals.is_empty() && capitals.len() < all.len() {
        let (family, given) = all.into_iter().partition(|t| capitals.contains(&t.folded));
        return (given, family);
    }
    let mut all = all;
    let family = all.split_off(1.min(all.len()));
    if family.is_empty() {
        (Vec::new(), all)
    } else {
        (all, family)
    }
}

/// The names of `profiles` found in `value`, outside `masked` ranges.
pub(crate) fn find_names(
    profiles: &[NameProfile],
    value: &str,
    masked: &[Range<usize>],
    hint: ColumnHint,
) -> Vec<NameHit> {
    let words = words(value, masked);
    let mut hits: Vec<NameHit> = Vec::new();
    for profile in profiles {
        let (given, family) = (&profile.given[..], &profile.family[..]);
        let known = |w: &Word| given.iter().chain(family).any(|t| t.folded == w.folded);

        let mut i = 0;
        while i < words.len() {
            if words[i].is_particle() || !known(&words[i]) {
                i += 1;
                continue;
            }
            let mut run = vec![i];
            let mut j = i + 1;
            while j < words.len() && !words[j].break_before {
                if known(&words[j]) {
                    run.push(j);
                } else if !words[j].is_particle() {
                    break;
                }
                j += 1;
            }
            let hit = classify(profile, given, family, &words, &run).filter(|h| {
                // A given name alone in a family-name column is someone else's family name.
                !matches!((hint, h.part), (ColumnHint::Family, NamePart::Given))
                    && !matches!((hint, h.part), (ColumnHint::Given, NamePart::Family))
            });
            if let Some(hit) = hit {
                if !hits
                    .iter()
                    .any(|h| h.span == hit.span && h.identifier == hit.identifier)
                {
                    hits.push(hit);
                }
            }
            i = j;
        }
    }
    hits.sort_by_key(|h| h.span.start);
    hits
}

fn classify(
    profile: &NameProfile,
    given: &[Token],
    family: &[Token],
    words: &[Word],
    run: &[usize],
) -> Option<NameHit> {
    let found = |t: &&Token| run.iter().any(|&k| words[k].folded == t.folded);
    let in_part = |part: &[Token], w: &Word| part.iter().any(|t| t.folded == w.folded);
    let given_found = given.iter().filter(found).count();
    let family_found = family.iter().filter(found).count();
    let (part, complete) = match (given_found > 0, family_found > 0) {
        (true, true) => (
            NamePart::Full,
            given_found == given.len() && family_found == family.len(),
        ),
        (false, true) => (NamePart::Family, family_found == family.len()),
        (true, false) => (NamePart::Given, given_found == given.len()),
        (false, false) => return None,
    };
    let first = &words[run[0]];
    let order_swapped = part == NamePart::Full && in_part(family, first) && !in_part(given, first);
    let accents_folded = run.iter().any(|&k| {
        let w = &words[k];
        given
            .iter()
            .chain(family)
            .any(|t| t.folded == w.folded && t.plain != w.plain)
    });
    use IdentifierKind::*;
    let (identifier, kind) = match part {
        NamePart::Full => profile
            .full
            .map(|n| (n, FullName))
            .or(profile.family_id.map(|n| (n, FamilyName))),
        NamePart::Family => profile
            .family_id
            .map(|n| (n, FamilyName))
            .or(profile.full.map(|n| (n, FullName))),
        NamePart::Given => profile
            .given_id
            .map(|n| (n, GivenName))
            .or(profile.full.map(|n| (n, FullName))),
    }?;
    Some(NameHit {
        identifier,
        kind,
        part,
        complete,
        order_swapped,
        accents_folded,
        span: first.span.start..words[*run.last().expect("a run has a word")].span.end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Identifier;

    fn set(values: &[(IdentifierKind, &str)]) -> IdentitySet {
        let mut set = IdentitySet::new();
        for (kind, value) in values {
            set.add(Identifier::added(*kind, *value));
        }
        set
    }

    fn found(set: &IdentitySet, value: &str, hint: ColumnHint) -> Vec<(NamePart, bool, String)> {
        find_names(&profiles(set), value, &[], hint)
            .into_iter()
            .map(|h| (h.part, h.complete, value[h.span].to_owned()))
            .collect()
    }

    #[test]
    fn full_names_split_with_the_declared_given_name_or_by_capitals() {
        use IdentifierKind::*;
        let declared = set(&[(GivenName, "Élodie"), (FullName, "Élodie Dupont-Martin")]);
        let p = &profiles(&declared)[0];
        assert_eq!(p.given.len(), 1);
        assert_eq!(
            p.family
                .iter()
                .map(|t| t.folded.as_str())
                .collect::<Vec<_>>(),
            ["dupont", "martin"]
        );
        let capitals = set(&[(FullName, "DUPONT MARTIN Élodie")]);
        let p = &profiles(&capitals)[0];
        assert_eq!(
            p.given
                .iter()
                .map(|t| t.folded.as_str())
                .collect::<Vec<_>>(),
            ["elodie"]
        );
    }

    #[test]
    fn runs_of_name_words_are_full_given_or_family_names() {
        use IdentifierKind::*;
        let s = set(&[
            (GivenName, "Élodie"),
            (FamilyName, "Dupont-Martin"),
            (FullName, "Élodie Dupont-Martin"),
        ]);
        let full = |v: &str| (NamePart::Full, true, v.to_owned());
        assert_eq!(
            found(&s, "Mme ELODIE DUPONT MARTIN, cliente", ColumnHint::Any),
            [full("ELODIE DUPONT MARTIN")]
        );
        assert_eq!(
            found(&s, "Dupont Martin, Elodie", ColumnHint::Any),
            [full("Dupont Martin, Elodie")]
        );
        assert_eq!(
            found(&s, "Élodie de Dupont-Martin", ColumnHint::Any),
            [full("Élodie de Dupont-Martin")]
        );
        assert_eq!(
            found(&s, "Élodie Dupont", ColumnHint::Any),
            [(NamePart::Full, false, "Élodie Dupont".into())]
        );
        assert_eq!(
            found(&s, "Martin Dupond", ColumnHint::Any),
            [(NamePart::Family, false, "Martin".into())]
        );
        assert_eq!(
            found(&s, "Elodie", ColumnHint::Given),
            [(NamePart::Given, true, "Elodie".into())]
        );
        assert!(
            found(&s, "Elodie", ColumnHint::Family).is_empty(),
            "not a family name"
        );
        assert_eq!(
            found(&s, "Élodie\nDupont-Martin", ColumnHint::Any).len(),
            2,
            "a line break ends a run"
        );
    }

    #[test]
    fn column_names_hint_at_the_name_part() {
        assert_eq!(ColumnHint::of(Some("Prénom")), ColumnHint::Given);
        assert_eq!(ColumnHint::of(Some("first_name")), ColumnHint::Given);
        assert_eq!(ColumnHint::of(Some("NOM")), ColumnHint::Family);
        assert_eq!(ColumnHint::of(Some("last-name")), ColumnHint::Family);
        assert_eq!(ColumnHint::of(Some("nom_complet")), ColumnHint::Any);
        assert_eq!(ColumnHint::of(None), ColumnHint::Any);
    }
}
