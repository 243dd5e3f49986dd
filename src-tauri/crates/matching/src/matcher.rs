//! Finding the subject's identifiers in values, and saying why each one matched.
//!
//! A [`Matcher`] is built once per identity set ([`Matcher::new`] normalises every identifier
//! up front) and is then immutable and cheap to share between threads. It answers three
//! questions:
//!
//! - [`Matcher::match_value`]: where in this text or cell are her identifiers? Each [`Hit`]
//!   carries the [`Rule`] that matched, a score and the byte span in the original value;
//! - [`Matcher::match_record`]: is this row about her, and how sure are we? See
//!   [`crate::RecordMatch`];
//! - [`Matcher::search_terms`]: what can a database be asked to prefilter on?
//!
//! # Scores
//!
//! Each hit scores what it proves on its own:
//!
//! | hit | score |
//! | --- | --- |
//! | e-mail (case aside); IBAN, customer number, `refId`, `userId` as written | 1.0 |
//! | phone, however written | 0.98 |
//! | e-mail alias (`+tag`, Gmail dots), identifier with other spacing or punctuation | 0.97 |
//! | other code-like identifier (`additionalDatas` with a digit) | 0.8 |
//! | given + family names, complete / in part | 0.8 / 0.5 |
//! | family name, complete / in part | 0.45 / 0.2 |
//! | e-mail at her domain made of her names (`e.dupont@…`) | 0.4 |
//! | postal address; other words | 0.3; 0.25 |
//! | given name, complete / in part; date of birth | 0.2 / 0.1; 0.2 |
//! | postal code, city | 0.1 |
//!
//! A name of hers in the column of the other part (her given name in `nom`, her family name
//! in `prenom`) is no hit of [`Matcher::match_value`]: alone it is most likely someone else's
//! name. A record counts such names only when both parts are swapped, at the score of the
//! names in their own columns less [`SWAP_DOUBT`].
//!
//! A free text should be matched in chunks of the size of a record (a line, a paragraph, a
//! message): names are only combined within one value, but a record combines all its fields.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::date::{find_dates, CalendarDate};
use crate::identity::{IdentifierKind, IdentitySet};
use crate::names::{find_names, profiles, ColumnHint, NameProfile};
use crate::normalize::{self, Phone, PARTICLES};
use crate::rule::{NamePart, Rule};
use crate::scan::{words, Stream, Word};

/// How a [`Matcher`] reads values and grades records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MatchOptions {
    /// Treat provider aliases as the same mailbox: `+tag` suffixes everywhere, dots in Gmail
    /// addresses. On by default: a DSAR answer must include what was sent to an alias.
    pub email_aliases: bool,
    /// The ISO 3166 region whose numbering national phone numbers follow (`"FR"`).
    pub region: String,
    /// The lowest record score reported at all, as [`crate::Confidence::Possible`] (0.3).
    pub possible_threshold: f32,
    /// The lowest record score graded [`crate::Confidence::Likely`] (0.7).
    pub likely_threshold: f32,
    /// The lowest record score graded [`crate::Confidence::Certain`] (0.95).
    pub certain_threshold: f32,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            email_aliases: true,
            region: "FR".into(),
            possible_threshold: 0.3,
            likely_threshold: 0.7,
            certain_threshold: 0.95,
        }
    }
}

/// One identifier found in a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hit {
    /// The identifier's index in the [`IdentitySet`].
    pub identifier: usize,
    /// What was found: the identifier's kind (for names, the part found: a full-name hit on
    /// a set without a full name points at the family name).
    pub kind: IdentifierKind,
    /// Why it matched.
    pub rule: Rule,
    /// How much this hit alone says the value is about the subject, 0 to 1 (see the table in
    /// the module documentation).
    pub score: f32,
    /// The byte range of the match in the original value.
    pub span: Range<usize>,
    /// The text of that range.
    pub matched: String,
}

/// How a [`SearchTerm`] is compared with a column value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TermMatch {
    /// The column value, lowercased and accent-folded, contains the text (`ILIKE '%…%'` over
    /// `lower(unaccent(col))` in PostgreSQL; without `unaccent`, `Élodie` is missed).
    Contains,
    /// The column value's digits contain the text: the national significant number, which
    /// every spelling of the phone ends with (`regexp_replace(col, '\D', '', 'g') LIKE '%…%'`).
    Digits,
    /// The column value without spacing or punctuation, uppercased, contains the text.
    Compact,
    /// The column value, trimmed, equals the text, ignoring case (account ids in key columns).
    Exact,
}

/// Something a data source can search for itself, to prefilter candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchTerm {
    /// The identifier's index in the [`IdentitySet`].
    pub identifier: usize,
    /// Its kind.
    pub kind: IdentifierKind,
    /// What to look for, already normalised for `how`.
    pub text: String,
    /// How to compare it.
    pub how: TermMatch,
}

/// An identifier prepared for matching.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    Email {
        id: usize,
        value: String,
        exact: String,
        canonical: Option<String>,
    },
    Phone {
        id: usize,
        phone: Phone,
        forms: Vec<(String, bool)>,
    },
    Compact {
        id: usize,
        kind: IdentifierKind,
        value: String,
        compact: String,
        spaced: bool,
    },
    Words {
        id: usize,
        kind: IdentifierKind,
        tokens: Vec<(String, String)>,
    },
    Date {
        id: usize,
        value: String,
        date: CalendarDate,
    },
}

/// Finds one subject's identifiers. Build it with [`Matcher::new`]; it holds normalised copies
/// of the identifiers and does not borrow the set.
#[derive(Debug, Clone)]
pub struct Matcher {
    pub(crate) options: MatchOptions,
    targets: Vec<Target>,
    names: Vec<NameProfile>,
    given_tokens: Vec<String>,
    family_tokens: Vec<String>,
    terms: Vec<SearchTerm>,
}

/// What a swap of given and family names across a record's columns costs a name score: the
/// swap is most often a slip at data entry, but may be a person whose names are hers the
/// other way round (a Martin Thomas for Thomas Martin). Both her full names swapped then
/// score 0.72 against 0.8 in their own columns: still likely, below it.
pub(crate) const SWAP_DOUBT: f32 = 0.08;

/// Mail providers whose addresses belong to anyone: a name-like address there is no clue.
pub(crate) const PUBLIC_MAIL_DOMAINS: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.fr",
    "outlook.com",
    "outlook.fr",
    "live.com",
    "live.fr",
    "yahoo.com",
    "yahoo.fr",
    "icloud.com",
    "me.com",
    "orange.fr",
    "wanadoo.fr",
    "free.fr",
    "sfr.fr",
    "laposte.net",
    "gmx.fr",
    "gmx.com",
    "aol.com",
    "protonmail.com",
    "proton.me",
    "bbox.fr",
    "neuf.fr",
];

impl Matcher {
    /// Prepares `set` for matching with `options`. Identifiers that cannot be read as their
    /// kind (an e-mail without `@`, a phone with letters) are left out; so are identifiers of
    /// three characters or fewer once compacted (they would match everywhere), except postal
    /// codes.
    pub fn new(set: &IdentitySet, options: &MatchOptions) -> Matcher {
        let mut targets = Vec::new();
        for (id, identifier) in set.identifiers().iter().enumerate() {
            if let Some(target) = target(id, identifier, options) {
                targets.push(target);
            }
        }
        let names = profiles(set);
        let tokens_of = |kind| -> Vec<String> {
            let ids = set.identifiers().iter().filter(|i| i.kind == kind);
            ids.flat_map(|i| normalize::name_tokens(&i.value)).collect()
        };
        let mut matcher = Matcher {
            options: options.clone(),
            targets,
            names,
            given_tokens: tokens_of(IdentifierKind::GivenName),
            family_tokens: tokens_of(IdentifierKind::FamilyName),
            terms: Vec::new(),
        };
        matcher.terms = search_terms(set, &matcher);
        matcher
    }

    /// Whether the set has a usable identifier of `kind` (other than names).
    pub(crate) fn has_target(&self, kind: IdentifierKind) -> bool {
        self.targets.iter().any(|t| match t {
            Target::Email { .. } => kind == IdentifierKind::Email,
            Target::Phone { .. } => kind == IdentifierKind::Phone,
            Target::Date { .. } => kind == IdentifierKind::DateOfBirth,
            Target::Compact { kind: k, .. } | Target::Words { kind: k, .. } => *k == kind,
        })
    }

    /// The options this matcher was built with.
    pub fn options(&self) -> &MatchOptions {
        &self.options
    }

    /// The identifiers other than names, prepared.
    pub(crate) fn targets(&self) -> &[Target] {
        &self.targets
    }

    /// The folded tokens of her declared family names.
    pub(crate) fn family_tokens(&self) -> &[String] {
        &self.family_tokens
    }

    /// The folded name tokens the matcher looks for, as `(given, family)` pairs: one per name
    /// profile, and one for the tokens of the declared names (used by e-mail name patterns).
    pub(crate) fn name_tokens(&self) -> Vec<(Vec<String>, Vec<String>)> {
        let mut out: Vec<(Vec<String>, Vec<String>)> =
            self.names.iter().map(NameProfile::tokens).collect();
        out.push((self.given_tokens.clone(), self.family_tokens.clone()));
        out
    }

    /// Every identifier found in `value`, ordered by position. `column`, when given, is the
    /// name of the column or field the value comes from: a lone family name is not looked for
    /// in a column named like a given name (`prenom`, `first_name`), nor a lone given name in
    /// one named like a family name (`nom`, `last_name`, `surname`). Hits may overlap when two
    /// identifiers share text (an e-mail and a customer number inside it).
    pub fn match_value(&self, column: Option<&str>, value: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let emails: Vec<Range<usize>> = crate::pii::EMAIL
            .find_iter(value)
            .map(|m| m.range())
            .collect();
        for range in &emails {
            self.match_email(value, range.clone(), &mut hits);
        }

        let (mut digits, mut alnums, mut word_list, mut dates) = (None, None, None, None);
        for target in &self.targets {
            match target {
                Target::Email { .. } => {}
                Target::Phone { id, phone, forms } => {
                    let stream = digits.get_or_insert_with(|| Stream::digits(value));
                    for (form, plus) in forms {
                        for span in stream.find(form, true, *plus) {
                            let written = value[span.clone()].to_owned();
                            let rule = Rule::PhoneE164 {
                                written,
                                e164: phone.e164.clone(),
                            };
                            push(
                                &mut hits,
                                value,
                                *id,
                                IdentifierKind::Phone,
                                rule,
                                0.98,
                                span,
                            );
                        }
                    }
                }
                Target::Compact {
                    id,
                    kind,
                    value: declared,
                    compact,
                    spaced,
                } => {
                    let stream = alnums.get_or_insert_with(|| Stream::alphanumerics(value));
                    for span in stream.find(compact, *spaced, false) {
                        let exact = value[span.clone()] == *declared;
                        let score = compact_score(*kind, exact);
                        let rule = Rule::IdentifierCompact {
                            exact,
                            compact: compact.clone(),
                        };
                        push(&mut hits, value, *id, *kind, rule, score, span);
                    }
                }
                Target::Words { id, kind, tokens } => {
                    let list = word_list.get_or_insert_with(|| words(value, &emails));
                    for (span, accents_folded) in find_words(list, tokens) {
                        let score = if *kind == IdentifierKind::Address {
                            0.3
                        } else {
                            words_score(*kind)
                        };
                        let rule = Rule::TextFolded { accents_folded };
                        push(&mut hits, value, *id, *kind, rule, score, span);
                    }
                }
                Target::Date {
                    id,
                    value: declared,
                    date,
                } => {
                    let found = dates.get_or_insert_with(|| find_dates(value));
                    for (span, _) in found.iter().filter(|(_, d)| d == date) {
                        let written_differently = value[span.clone()] != *declared;
                        let rule = Rule::SameDate {
                            date: *date,
                            written_differently,
                        };
                        let kind = IdentifierKind::DateOfBirth;
                        push(&mut hits, value, *id, kind, rule, 0.2, span.clone());
                    }
                }
            }
        }

        for name in find_names(&self.names, value, &emails, ColumnHint::of(column)) {
            let score = name_score(name.part, name.complete);
            let rule = Rule::NameTokens {
                part: name.part,
                complete: name.complete,
                order_swapped: name.order_swapped,
                accents_folded: name.accents_folded,
            };
            push(
                &mut hits,
                value,
                name.identifier,
                name.kind,
                rule,
                score,
                name.span,
            );
        }
        // "+33 (0)6 12…" also holds "(0)6 12…": keep the widest reading of one identifier.
        let inside = |h: &Hit, o: &Hit| {
            o.identifier == h.identifier
                && o.span != h.span
                && o.span.start <= h.span.start
                && h.span.end <= o.span.end
        };
        let widest: Vec<bool> = hits
            .iter()
            .map(|h| !hits.iter().any(|o| inside(h, o)))
            .collect();
        let mut widest = widest.into_iter();
        hits.retain(|_| widest.next().expect("one flag per hit"));
        hits.sort_by_key(|h| (h.span.start, h.identifier));
        hits
    }

    /// Her names in `value` that [`Matcher::match_value`] leaves out because `column` is named
    /// for the other part of a name: a given name of hers in `nom`, a family name in `prenom`
    /// ([`Rule::NameInOtherColumn`], scored [`SWAP_DOUBT`] below the same part in place).
    /// Nothing for a column named for neither part, nor for both names together (which
    /// [`Matcher::match_value`] finds in any column). [`Matcher::match_record`] keeps these
    /// hits only when both parts turn up swapped.
    pub(crate) fn match_swapped_names(&self, column: &str, value: &str) -> Vec<Hit> {
        let wanted = match ColumnHint::of(Some(column)) {
            ColumnHint::Family => NamePart::Given,
            ColumnHint::Given => NamePart::Family,
            ColumnHint::Any => return Vec::new(),
        };
        let emails: Vec<Range<usize>> = crate::pii::EMAIL
            .find_iter(value)
            .map(|m| m.range())
            .collect();
        let mut hits = Vec::new();
        for name in find_names(&self.names, value, &emails, ColumnHint::Any) {
            if name.part != wanted {
                continue;
            }
            let score = (name_score(name.part, name.complete) - SWAP_DOUBT).max(0.0);
            let rule = Rule::NameInOtherColumn {
                part: name.part,
                complete: name.complete,
                accents_folded: name.accents_folded,
            };
            push(
                &mut hits,
                value,
                name.identifier,
                name.kind,
                rule,
                score,
                name.span,
            );
        }
        hits
    }

    fn match_email(&self, value: &str, range: Range<usize>, hits: &mut Vec<Hit>) {
        let written = &value[range.clone()];
        let Some(found) = normalize::email(written) else {
            return;
        };
        for target in &self.targets {
            let Target::Email {
                id,
                value: declared,
                exact,
                canonical,
            } = target
            else {
                continue;
            };
            let rule = if found == *exact {
                Rule::EmailExact {
                    case_differs: written != declared,
                }
            } else if self.options.email_aliases
                && canonical.is_some()
                && normalize::email_canonical(&found) == *canonical
            {
                let local = |e: &str| e.split('@').next().unwrap_or_default().to_owned();
                let untagged = |e: &str| local(e).split('+').next().unwrap_or_default().to_owned();
                Rule::EmailAlias {
                    tag_removed: local(&found).contains('+') || local(exact).contains('+'),
                    dots_ignored: untagged(&found) != untagged(exact),
                }
            } else if self.is_name_pattern(&found, exact) {
                Rule::EmailNamePattern
            } else {
                continue;
            };
            let score = match rule {
                Rule::EmailExact { .. } => 1.0,
                Rule::EmailAlias { .. } => 0.97,
                _ => 0.4,
            };
            push(
                hits,
                value,
                *id,
                IdentifierKind::Email,
                rule,
                score,
                range.clone(),
            );
        }
    }

    /// `e.dupont@corp.fr` for Élodie Dupont at `elodie.dupont@corp.fr`: same non-public domain,
    /// a local part made of her family name with her given name or its initial.
    fn is_name_pattern(&self, found: &str, declared: &str) -> bool {
        let (Some((local, domain)), Some((_, own_domain))) =
            (found.split_once('@'), declared.split_once('@'))
        else {
            return false;
        };
        if domain != own_domain || PUBLIC_MAIL_DOMAINS.contains(&domain) {
            return false;
        }
        let local = local.split('+').next().unwrap_or_default();
        let parts: Vec<String> = local.split(['.', '_', '-']).map(normalize::fold).collect();
        let family = |p: &str| self.family_tokens.iter().any(|f| f == p);
        let given = |p: &str| {
            self.given_tokens
                .iter()
                .any(|g| g == p || (p.chars().count() == 1 && g.starts_with(p)))
        };
        let glued = |p: &str| {
            self.family_tokens.iter().any(|f| {
                p == f.as_str()
                    || self.given_tokens.iter().any(|g| {
                        let initial = &g[..g.chars().next().map_or(0, char::len_utf8)];
                        [
                            format!("{initial}{f}"),
                            format!("{g}{f}"),
                            format!("{f}{g}"),
                        ]
                        .iter()
                        .any(|x| x == p)
                    })
            })
        };
        !parts.is_empty()
            && parts.iter().all(|p| family(p) || given(p) || glued(p))
            && parts.iter().any(|p| family(p) || glued(p))
    }

    /// What a data source can search for itself, one term per thing to look for (see
    /// [`TermMatch`] for how to compare each).
    ///
    /// Terms are a prefilter, not a verdict: a source returns the rows or lines where any term
    /// matches, and the caller passes each candidate to [`Matcher::match_record`] or
    /// [`Matcher::match_value`], which decide. Terms cast a wide net on purpose (`dupont`
    /// finds every Dupont). Postal codes, cities, addresses and dates give no term: they only
    /// corroborate a name and would select too much.
    ///
    /// - e-mail: [`TermMatch::Contains`] of the address, and with aliases of its local part
    ///   (which also finds `+tag` variants);
    /// - phone: [`TermMatch::Digits`] of the national significant number;
    /// - names: [`TermMatch::Contains`] of each folded token of three letters or more,
    ///   particles skipped;
    /// - IBAN, customer number, `refId`, code-like other identifiers: [`TermMatch::Compact`];
    /// - `userId`: [`TermMatch::Exact`].
    pub fn search_terms(&self) -> Vec<SearchTerm> {
        self.terms.clone()
    }
}

fn push(
    hits: &mut Vec<Hit>,
    value: &str,
    identifier: usize,
    kind: IdentifierKind,
    rule: Rule,
    score: f32,
    span: Range<usize>,
) {
    if hits
        .iter()
        .any(|h| h.identifier == identifier && h.span == span)
    {
        return;
    }
    let matched = value[span.clone()].to_owned();
    hits.push(Hit {
        identifier,
        kind,
        rule,
        score,
        span,
        matched,
    });
}

pub(crate) fn compact_score(kind: IdentifierKind, exact: bool) -> f32 {
    match kind {
        IdentifierKind::PostalCode => 0.1,
        IdentifierKind::Other => {
            if exact {
                0.8
            } else {
                0.78
            }
        }
        _ if exact => 1.0,
        _ => 0.97,
    }
}

pub(crate) fn words_score(kind: IdentifierKind) -> f32 {
    match kind {
        IdentifierKind::City => 0.1,
        IdentifierKind::Address => 0.3,
        _ => 0.25,
    }
}

pub(crate) fn name_score(part: NamePart, complete: bool) -> f32 {
    match (part, complete) {
        (NamePart::Full, true) => 0.8,
        (NamePart::Full, false) => 0.5,
        (NamePart::Family, true) => 0.45,
        (NamePart::Family, false) | (NamePart::Given, true) => 0.2,
        (NamePart::Given, false) => 0.1,
    }
}

impl Target {
    /// The kind of identifier this is.
    pub(crate) fn kind(&self) -> IdentifierKind {
        match self {
            Target::Email { .. } => IdentifierKind::Email,
            Target::Phone { .. } => IdentifierKind::Phone,
            Target::Date { .. } => IdentifierKind::DateOfBirth,
            Target::Compact { kind, .. } | Target::Words { kind, .. } => *kind,
        }
    }
}

fn target(id: usize, identifier: &crate::Identifier, options: &MatchOptions) -> Option<Target> {
    use IdentifierKind::*;
    let value = identifier.value.trim();
    let kind = identifier.kind;
    match kind {
        Email => {
            let exact = normalize::email(value)?;
            let canonical = normalize::email_canonical(value);
            Some(Target::Email {
                id,
                value: value.to_owned(),
                exact,
                canonical,
            })
        }
        Phone => {
            let phone = normalize::phone(value, &options.region)?;
            let (cc, nsn) = (&phone.country_code, &phone.national);
            let mut forms: Vec<(String, bool)> = normalize::national_forms(&phone, &options.region)
                .into_iter()
                .map(|f| (f, false))
                .collect();
            forms.extend([
                (format!("{cc}{nsn}"), true),
                (format!("00{cc}{nsn}"), false),
            ]);
            if normalize::has_trunk_zero(cc) {
                forms.extend([
                    (format!("{cc}0{nsn}"), true),
                    (format!("00{cc}0{nsn}"), false),
                ]);
            }
            Some(Target::Phone { id, phone, forms })
        }
        GivenName | FamilyName | FullName => None,
        DateOfBirth => {
            let date = normalize::date(value)?;
            Some(Target::Date {
                id,
                value: value.to_owned(),
                date,
            })
        }
        Address | City => word_target(id, kind, value),
        Other if !value.chars().any(|c| c.is_ascii_digit()) => word_target(id, kind, value),
        PostalCode | RefId | UserId | CustomerNumber | Iban | Other => {
            let compact = normalize::compact(value);
            let long_enough =
                compact.chars().count() > 3 || (kind == PostalCode && !compact.is_empty());
            long_enough.then(|| Target::Compact {
                id,
                kind,
                value: value.to_owned(),
                compact,
                spaced: kind != PostalCode,
            })
        }
    }
}

fn word_target(id: usize, kind: IdentifierKind, value: &str) -> Option<Target> {
    let tokens: Vec<(String, String)> = words(value, &[])
        .into_iter()
        .filter(|w| !w.is_particle())
        .map(|w| (w.folded, w.plain))
        .collect();
    (!tokens.is_empty()).then_some(Target::Words { id, kind, tokens })
}

/// Where the `tokens` sequence occurs among `list` (particles skipped, no break inside), with
/// whether accents differ.
fn find_words(list: &[Word], tokens: &[(String, String)]) -> Vec<(Range<usize>, bool)> {
    let significant: Vec<&Word> = list.iter().filter(|w| !w.is_particle()).collect();
    let n = tokens.len();
    if n == 0 || n > significant.len() {
        return Vec::new();
    }
    (0..=significant.len() - n)
        .filter_map(|i| {
            let window = &significant[i..i + n];
            let same = window
                .iter()
                .zip(tokens)
                .all(|(w, (folded, _))| w.folded == *folded);
            let unbroken = window[1..].iter().all(|w| !w.break_before);
            let accents = window
                .iter()
                .zip(tokens)
                .any(|(w, (_, plain))| w.plain != *plain);
            (same && unbroken).then(|| (window[0].span.start..window[n - 1].span.end, accents))
        })
        .collect()
}

fn search_terms(set: &IdentitySet, matcher: &Matcher) -> Vec<SearchTerm> {
    use IdentifierKind::*;
    let mut terms: Vec<SearchTerm> = Vec::new();
    let mut add = |identifier, kind, text: String, how| {
        if !text.is_empty() && !terms.iter().any(|t| t.text == text && t.how == how) {
            terms.push(SearchTerm {
                identifier,
                kind,
                text,
                how,
            });
        }
    };
    for target in &matcher.targets {
        match target {
            Target::Email {
                id,
                exact,
                canonical,
                ..
            } => {
                add(*id, Email, exact.clone(), TermMatch::Contains);
                if matcher.options.email_aliases && canonical.is_some() {
                    let local = exact.split('@').next().unwrap_or_default();
                    let local = local.split('+').next().unwrap_or_default();
                    if local.chars().count() >= 3 {
                        add(*id, Email, local.to_owned(), TermMatch::Contains);
                    }
                }
            }
            Target::Phone { id, phone, .. } => {
                add(*id, Phone, phone.national.clone(), TermMatch::Digits)
            }
            Target::Compact {
                id,
                kind: UserId,
                value,
                ..
            } => add(*id, UserId, value.to_lowercase(), TermMatch::Exact),
            Target::Compact {
                id, kind, compact, ..
            } if *kind != PostalCode => add(*id, *kind, compact.clone(), TermMatch::Compact),
            Target::Words {
                id,
                kind: Other,
                tokens,
            } => {
                let phrase: Vec<&str> = tokens.iter().map(|(f, _)| f.as_str()).collect();
                add(*id, Other, phrase.join(" "), TermMatch::Contains)
            }
            _ => {}
        }
    }
    for (id, identifier) in set.identifiers().iter().enumerate() {
        if matches!(identifier.kind, GivenName | FamilyName | FullName) {
            for token in normalize::name_tokens(&identifier.value) {
                if token.chars().count() >= 3 && !PARTICLES.contains(&token.as_str()) {
                    add(id, identifier.kind, token, TermMatch::Contains);
                }
            }
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Identifier;

    fn matcher(values: &[(IdentifierKind, &str)], options: &MatchOptions) -> Matcher {
        let mut set = IdentitySet::new();
        for (kind, value) in values {
            set.add(Identifier::added(*kind, *value));
        }
        Matcher::new(&set, options)
    }

    fn rules(m: &Matcher, value: &str) -> Vec<Rule> {
        m.match_value(None, value)
            .into_iter()
            .map(|h| h.rule)
            .collect()
    }

    #[test]
    fn email_aliases_count_only_when_the_option_is_on() {
        let on = matcher(
            &[(IdentifierKind::Email, "elodie.dupont@gmail.com")],
            &MatchOptions::default(),
        );
        let alias = Rule::EmailAlias {
            tag_removed: true,
            dots_ignored: true,
        };
        assert_eq!(
            rules(&on, "from e.lodiedupont+news@googlemail.com"),
            [alias]
        );
        let off = MatchOptions {
            email_aliases: false,
            ..MatchOptions::default()
        };
        let off = matcher(&[(IdentifierKind::Email, "elodie.dupont@gmail.com")], &off);
        assert!(rules(&off, "e.lodiedupont+news@googlemail.com").is_empty());
        assert_eq!(
            rules(&off, "ELODIE.DUPONT@GMAIL.COM"),
            [Rule::EmailExact { case_differs: true }]
        );
    }

    #[test]
    fn name_like_addresses_are_clues_only_at_her_own_non_public_domain() {
        let m = matcher(
            &[
                (IdentifierKind::Email, "elodie.dupont@corp.example"),
                (IdentifierKind::GivenName, "Élodie"),
                (IdentifierKind::FamilyName, "Dupont"),
            ],
            &MatchOptions::default(),
        );
        assert_eq!(rules(&m, "e.dupont@corp.example"), [Rule::EmailNamePattern]);
        assert_eq!(rules(&m, "edupont@corp.example"), [Rule::EmailNamePattern]);
        assert!(rules(&m, "e.dupont@other.example").is_empty());
        assert!(
            rules(&m, "marc.dupont@corp.example").is_empty(),
            "marc is not her name"
        );
        let public = matcher(
            &[
                (IdentifierKind::Email, "elodie.dupont@gmail.com"),
                (IdentifierKind::FamilyName, "Dupont"),
            ],
            &MatchOptions::default(),
        );
        assert!(
            rules(&public, "dupont@gmail.com").is_empty(),
            "anyone can be dupont@gmail.com"
        );
    }

    #[test]
    fn phones_match_whole_in_any_spelling_and_never_by_similar_digits() {
        let m = matcher(
            &[(IdentifierKind::Phone, "+33 6 12 34 56 78")],
            &MatchOptions::default(),
        );
        for written in [
            "06 12 34 56 78",
            "0612345678",
            "+33 (0)6 12 34 56 78",
            "0033 6 12 34 56 78",
        ] {
            let hits = m.match_value(Some("notes"), &format!("tel. {written} le soir"));
            assert_eq!(hits.len(), 1, "{written}");
            assert_eq!(hits[0].matched, written);
        }
        for other in [
            "06 12 34 56 79",
            "06 12 34 56 7",
            "106 12 34 56 78",
            "+32 6 12 34 56 78",
        ] {
            assert!(m.match_value(None, other).is_empty(), "{other}");
        }
    }

    #[test]
    fn identifiers_dates_and_words_are_found_inside_text() {
        let m = matcher(
            &[
                (IdentifierKind::Iban, "FR76 3000 6000 0112 3456 7890 189"),
                (IdentifierKind::DateOfBirth, "12/03/1985"),
                (IdentifierKind::City, "Saint-Étienne"),
                (IdentifierKind::Other, "12"),
            ],
            &MatchOptions::default(),
        );
        let value = "virement FR7630006000011234567890189, née le 12 mars 1985 à saint etienne";
        let kinds: Vec<IdentifierKind> =
            m.match_value(None, value).iter().map(|h| h.kind).collect();
        assert_eq!(
            kinds,
            [
                IdentifierKind::Iban,
                IdentifierKind::DateOfBirth,
                IdentifierKind::City
            ]
        );
        assert!(
            m.match_value(None, "12 rue des 12 apôtres").is_empty(),
            "too short to look for"
        );
    }

    #[test]
    fn options_have_documented_defaults_and_partial_json() {
        let options: MatchOptions = serde_json::from_str(r#"{"region": "BE"}"#).expect("partial");
        assert_eq!(options.region, "BE");
        assert!(options.email_aliases);
        assert_eq!(
            (options.possible_threshold, options.likely_threshold),
            (0.3, 0.7)
        );
    }
}
