//! A byte-level screen that tells, before any parsing, whether a buffer may hold something
//! [`Matcher::match_record`] would report.
//!
//! [`Matcher::prefilter`] gathers the *anchors* of a subject: the identifiers one of which any
//! reported record must hold (see below), and compiles each into a byte pattern that accepts
//! every spelling the matcher accepts, written in UTF-8 or Windows-1252 (a mix of the two line
//! by line included), and for [`Syntax::Json`] also with `\uXXXX` and `\/` escapes. One
//! vectorised pass over the buffer finds where any anchor may start (see `lead.rs`); each
//! anchor's automaton is run only there. A buffer without a hit cannot hold a reported
//! record: a reader can skip it, and within a line-based file it can parse only the lines (or
//! records) holding a hit.
//!
//! # Which identifiers are anchors
//!
//! A record's score is its best hit, or the score its names reach with corroboration (postal
//! code, city, address, date of birth), so a reported record holds either a name of hers or
//! a hit that alone scores at least [`crate::MatchOptions::possible_threshold`]:
//!
//! - family-name tokens, always, as whole words, whatever the column (her names swapped
//!   across a record's columns hold one too); given-name tokens only when a given name with
//!   every corroborating identifier of the set could reach the threshold (with the defaults,
//!   only when the set has a postal code, city, address or date of birth);
//! - e-mails (the address, or with aliases its local part before any `+tag`, dots optional
//!   for Gmail, and at her non-public domain an address holding her family name, which is a
//!   clue), phones (the national significant number, soft separators between digits),
//!   customer numbers and other code-like identifiers, and words (address, city) when their
//!   own score reaches the threshold.
//!
//! A date of birth that could reach the threshold alone (a threshold of 0.2 or less) cannot be
//! screened, written as it may be in words: the prefilter then passes everything.
//!
//! # Spellings
//!
//! Each character of an anchor stands for every character the matcher folds to it (`é`, `É`,
//! `È`… for `e`; `ß` for `ss`), with the characters it ignores (combining accents) allowed in
//! between, and the separators it allows in numbers. The tables are derived from the
//! matcher's own fold over every Unicode character, so they cannot drift from it.
//!
//! Left out: UTF-16 text (a caller decodes it or reads the file in full) and formats whose
//! bytes are not the text (compressed workbooks, PDF streams, MIME bodies).

mod lead;

use std::collections::HashMap;
use std::ops::{ControlFlow, Range};
use std::sync::LazyLock;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, Input, MatchKind};

use self::lead::{ByteSet, Finder};
use crate::identity::IdentifierKind;
use crate::matcher::{name_score, Matcher, Target};
use crate::normalize::fold_char;
use crate::rule::NamePart;

/// How the bytes a [`Prefilter`] screens are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Plain text: CSV, text, logs.
    Text,
    /// JSON or NDJSON, whose strings may escape any character (`\u00e9`, `\/`).
    Json,
}

/// Tells whether bytes may hold a record the matcher would report; see the module
/// documentation. Cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// The screens for text and for JSON; `None` when the subject cannot be screened:
    /// everything passes.
    screens: Option<Box<(Screen, Screen)>>,
}

/// The anchors of a subject for one syntax, and the search for where they may start.
///
/// NOTE: one pass for every anchor, not one search per anchor: a vectorised [`Finder`] gives
/// the positions where one of the anchors' *leads* holds (its first byte and two rarer bytes
/// further on, as its automaton allows them), and only there does each anchor's automaton
/// run, anchored. A regular expression per anchor made one pass over the bytes per anchor;
/// one alternation of them all lost the literal search and was slower still.
#[derive(Debug, Clone)]
struct Screen {
    anchors: Vec<AnchorScreen>,
    finder: Finder,
    /// Tells this screen's automata caches apart from other screens' (see [`CACHES`]).
    id: u64,
}

thread_local! {
    /// Each thread's caches of the lazy automata of the screen it used last, with its id:
    /// kept from one buffer to the next (a file is screened a piece at a time), so that
    /// their states are not built again every time.
    static CACHES: std::cell::RefCell<(u64, Vec<Cache>)> =
        const { std::cell::RefCell::new((0, Vec::new())) };
}

/// Screen ids, from 1 (0: none).
static SCREEN_IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// One anchor: its automaton, anchored at the position tried, and the bytes it can start with.
///
/// NOTE: a lazy automaton (its states built as a search reaches them, in a cache each call
/// makes), not a full one: building the full automata of a subject's anchors, with every
/// character the fold ignores allowed between letters, took a third of a second, as long as
/// screening a gigabyte; a search reaches only a few of their states.
#[derive(Debug, Clone)]
struct AnchorScreen {
    dfa: DFA,
    first: ByteSet,
}

impl AnchorScreen {
    /// The end of the anchor's match starting at `at`, if there is one.
    fn match_at(&self, cache: &mut Cache, haystack: &[u8], at: usize) -> Option<usize> {
        let input = Input::new(haystack).range(at..).anchored(Anchored::Yes);
        match self.dfa.try_search_fwd(cache, &input) {
            Ok(found) => found.map(|m| m.offset()),
            // NOTE: a lazy DFA without quit bytes, never told to give up on its cache, does
            // not fail; were it to, the position passes (the safe answer).
            Err(_) => Some(at + 1),
        }
    }
}

impl Prefilter {
    /// A prefilter that passes everything.
    pub fn everything() -> Prefilter {
        Prefilter { screens: None }
    }

    /// Whether this prefilter passes every buffer (it cannot narrow anything down).
    pub fn passes_everything(&self) -> bool {
        self.screens.is_none()
    }

    fn screen(&self, syntax: Syntax) -> Option<&Screen> {
        self.screens.as_deref().map(|(text, json)| match syntax {
            Syntax::Text => text,
            Syntax::Json => json,
        })
    }

    /// Whether `haystack` may hold a reported record. `false` is a guarantee: no piece of text
    /// taken from these bytes (decoded as UTF-8, or Windows-1252) makes
    /// [`Matcher::match_record`] return a match.
    pub fn may_match(&self, haystack: &[u8], syntax: Syntax) -> bool {
        match self.screen(syntax) {
            None => true,
            Some(screen) => screen.each_hit(haystack, syntax, &mut |_| ControlFlow::Break(())),
        }
    }

    /// Where anchors occur in `haystack`, in order. Every line of the buffer that may hold a
    /// reported record holds one of these ranges (anchors never span a line break). A
    /// prefilter that passes everything gives the whole buffer as one range, touching every line.
    pub fn hits(&self, haystack: &[u8], syntax: Syntax) -> Vec<Range<usize>> {
        let Some(screen) = self.screen(syntax) else {
            let whole = 0..haystack.len();
            return vec![whole];
        };
        let mut hits = Vec::new();
        screen.each_hit(haystack, syntax, &mut |hit| {
            hits.push(hit);
            ControlFlow::Continue(())
        });
        hits.sort_by_key(|h| (h.start, h.end));
        hits
    }
}

impl Prefilter {
    /// For benchmarks: how many positions of `haystack` the vectorised search gives the
    /// anchors' automata to try.
    #[doc(hidden)]
    pub fn candidates(&self, haystack: &[u8], syntax: Syntax) -> usize {
        let mut n = 0;
        if let Some(screen) = self.screen(syntax) {
            let _ = screen.finder.find(haystack, 0, &mut |_| {
                n += 1;
                ControlFlow::Continue(())
            });
        }
        n
    }

    /// For benchmarks: the leads searched for, by syntax.
    #[doc(hidden)]
    pub fn describe(&self) -> String {
        match self.screens.as_deref() {
            None => "everything".into(),
            Some((text, json)) => format!("text: {:?}\njson: {:?}", text.finder, json.finder),
        }
    }
}

impl Screen {
    /// Calls `found` with each anchor's hits (for each anchor in order, the same hits a
    /// search from the start of the buffer, resumed after each hit, would give), until it
    /// breaks; returns whether it did.
    fn each_hit(
        &self,
        haystack: &[u8],
        syntax: Syntax,
        found: &mut dyn FnMut(Range<usize>) -> ControlFlow<()>,
    ) -> bool {
        CACHES.with_borrow_mut(|(id, caches)| {
            if *id != self.id {
                *caches = self.anchors.iter().map(|a| a.dfa.create_cache()).collect();
                *id = self.id;
            }
            self.each_hit_with(caches, haystack, syntax, found)
        })
    }

    fn each_hit_with(
        &self,
        caches: &mut [Cache],
        haystack: &[u8],
        syntax: Syntax,
        found: &mut dyn FnMut(Range<usize>) -> ControlFlow<()>,
    ) -> bool {
        // Where each anchor's next hit may start: after its last one.
        let mut next = vec![0usize; self.anchors.len()];
        let flow = self.finder.find(haystack, 0, &mut |at| {
            let anchors = self
                .anchors
                .iter()
                .zip(next.iter_mut())
                .zip(caches.iter_mut());
            for ((anchor, next), cache) in anchors {
                if at < *next || !anchor.first.contains(haystack[at]) {
                    continue;
                }
                if let Some(end) = anchor.match_at(cache, haystack, at) {
                    if keeps(haystack, at..end, syntax) {
                        *next = end;
                        found(at..end)?;
                    }
                }
            }
            ControlFlow::Continue(())
        });
        flow.is_break()
    }
}

/// Whether the match at `hit` starts on a word boundary where it must.
///
/// A word or an e-mail address that follows a letter or digit is part of a longer word or
/// address, which the matcher would not take for hers: such a match is dropped (and the search
/// goes on from its next byte). Phones (a suffix of `0033…`) and addresses made of her names
/// (`edupont@…`) may follow one; they are told apart by a leading digit and an `@`. In JSON, a
/// letter just before may end an escape (`\n`, `\u0020`).
fn keeps(haystack: &[u8], hit: Range<usize>, syntax: Syntax) -> bool {
    let start = hit.start;
    let bytes = &haystack[hit];
    let exempt = bytes.contains(&b'@') || bytes[0].is_ascii_digit() || bytes[0] == b'\\';
    let glued = start > 0 && haystack[start - 1].is_ascii_alphanumeric();
    exempt || !glued || (syntax == Syntax::Json && after_escape(&haystack[..start]))
}

/// Whether `before` ends with a JSON escape (`\n`, `\uXXXX`…).
fn after_escape(before: &[u8]) -> bool {
    let n = before.len();
    let short = n >= 2 && before[n - 2] == b'\\';
    let unicode = n >= 6
        && before[n - 6] == b'\\'
        && before[n - 5] == b'u'
        && before[n - 4..].iter().all(u8::is_ascii_hexdigit);
    short || unicode
}

/// One thing a reported record must hold, before spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Anchor {
    /// A folded word (a name token, a word of an address).
    Word(String),
    /// Digits with soft separators between them (a phone's national significant number).
    Digits(String),
    /// A compacted identifier, uppercased; `spaced` lets separators in.
    Compact { text: String, spaced: bool },
    /// An e-mail address or local part, lowercased; `dots` makes dots optional everywhere
    /// (Gmail ignores them).
    Email { text: String, dots: bool },
    /// An address at `domain` whose local part holds `family` (folded).
    NamedAddress { family: String, domain: String },
}

impl Matcher {
    /// A byte-level screen for this subject: see [`Prefilter`]. Building it compiles an
    /// automaton per anchor (some milliseconds, plus once per process the fold tables);
    /// build it once per job. The screens for text and for JSON are built side by side, the
    /// second on a thread of its own.
    pub fn prefilter(&self) -> Prefilter {
        let Some(anchors) = anchors(self) else {
            return Prefilter::everything();
        };
        // NOTE: a job cannot read a file before its prefilter is built; on two threads, the
        // build keeps a job's workers waiting half as long.
        let (text, json) = std::thread::scope(|scope| {
            let json = scope.spawn(|| Screen::new(&anchors, Syntax::Json));
            let text = Screen::new(&anchors, Syntax::Text);
            (text, json.join().expect("building a screen does not panic"))
        });
        match (text, json) {
            (Some(text), Some(json)) => Prefilter {
                // A subject with no anchor at all cannot be reported: nothing passes.
                screens: Some(Box::new((text, json))),
            },
            // NOTE: an automaton too big to build screens nothing: passing everything is the
            // safe answer.
            _ => Prefilter::everything(),
        }
    }
}

impl Screen {
    /// The screen for `anchors` written in `syntax`, or `None` when an automaton is too big
    /// or an anchor could match nothing at all (which would leave no byte to look for).
    fn new(anchors: &[Anchor], syntax: Syntax) -> Option<Screen> {
        let mut built = Vec::new();
        // Leads by first byte: ASCII letters in either case together, merged over the
        // anchors (their sets offset by offset joined), as are JSON escapes; every byte from
        // 0x80 together, for each anchor apart (merged, such leads would let through most of
        // the non-ASCII text).
        let mut leads: Vec<((u16, usize), Vec<ByteSet>)> = Vec::new();
        for (index, anchor) in anchors.iter().enumerate() {
            let dfa = automaton(&spell(anchor, syntax))?;
            let mut cache = dfa.create_cache();
            let starts = start_states(&dfa, &mut cache)?;
            let classes = classes(&dfa);
            let mut first = ByteSet::default();
            for (byte, members) in &classes {
                for &s in &starts {
                    if !dfa.next_state(&mut cache, s, *byte).ok()?.is_dead() {
                        first.union(members);
                    }
                }
            }
            let mut groups: Vec<((u16, usize), ByteSet)> = Vec::new();
            for b in first.bytes() {
                let key = match b {
                    0x80.. => (256, index),
                    _ if b.is_ascii_alphabetic() => (u16::from(b.to_ascii_lowercase()), 0),
                    _ => (u16::from(b), 0),
                };
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, set)) => set.insert(b),
                    None => groups.push((key, [b].into_iter().collect())),
                }
            }
            for (key, group) in groups {
                let sets = lead_sets(&dfa, &mut cache, &classes, &starts, group)?;
                match leads.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, merged)) => {
                        merged.truncate(sets.len());
                        merged.iter_mut().zip(&sets).for_each(|(m, s)| m.union(s));
                    }
                    None => leads.push((key, sets)),
                }
            }
            built.push(AnchorScreen { dfa, first });
        }
        let leads: Vec<Vec<ByteSet>> = leads.into_iter().map(|(_, sets)| sets).collect();
        Some(Screen {
            anchors: built,
            finder: Finder::new(&leads),
            id: SCREEN_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }
}

/// The lazy automaton of a pattern, leftmost-first as the `regex` crate reads it.
fn automaton(pattern: &str) -> Option<DFA> {
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::LeftmostFirst)
                .cache_capacity(4 << 20),
        )
        .syntax(syntax::Config::new().unicode(true).utf8(false))
        .thompson(regex_automata::nfa::thompson::Config::new().utf8(false))
        .build(pattern)
        .ok()
}

/// The automaton's anchored start states, whatever byte comes before.
fn start_states(dfa: &DFA, cache: &mut Cache) -> Option<Vec<LazyStateID>> {
    let mut states = Vec::new();
    for before in [
        None,
        Some(b'\n'),
        Some(b'\r'),
        Some(b'a'),
        Some(b' '),
        Some(0xFF),
    ] {
        let config = start::Config::new()
            .anchored(Anchored::Yes)
            .look_behind(before);
        let state = dfa.start_state(cache, &config).ok()?;
        if !states.contains(&state) {
            states.push(state);
        }
    }
    Some(states)
}

/// The automaton's byte classes (bytes no transition tells apart): one byte of each, and all
/// of its bytes. Walking the automaton one byte of each class sees every transition.
fn classes(dfa: &DFA) -> Vec<(u8, ByteSet)> {
    let mut classes: Vec<(u8, ByteSet)> = Vec::new();
    let mut at = [usize::MAX; 256];
    for b in 0..=255u8 {
        let class = usize::from(dfa.byte_classes().get(b));
        if at[class] == usize::MAX {
            at[class] = classes.len();
            classes.push((b, ByteSet::default()));
        }
        classes[at[class]].1.insert(b);
    }
    classes
}

/// The bytes each offset of a match starting with a byte of `first` can hold, from offset 0,
/// as far as every such match reaches and the lead looks (see [`lead::reach`]): a superset,
/// since the states
/// reached at an offset are merged over every path. `None` when a match could be empty, or
/// the automaton's cache filled up on the way (its states would no longer be the same).
fn lead_sets(
    dfa: &DFA,
    cache: &mut Cache,
    classes: &[(u8, ByteSet)],
    starts: &[LazyStateID],
    first: ByteSet,
) -> Option<Vec<ByteSet>> {
    let clears = cache.clear_count();
    // Whether a match can end in one of these states (a match state is entered one byte
    // after the match ends).
    let ends = |cache: &mut Cache, states: &[LazyStateID]| -> Option<bool> {
        for &s in states {
            if dfa.next_eoi_state(cache, s).ok()?.is_match() {
                return Some(true);
            }
            for (b, _) in classes {
                if dfa.next_state(cache, s, *b).ok()?.is_match() {
                    return Some(true);
                }
            }
        }
        Some(false)
    };
    if ends(cache, starts)? {
        return None;
    }
    let mut sets = Vec::new();
    let mut states = starts.to_vec();
    for depth in 0..lead::reach(&first) {
        if depth > 0 && ends(cache, &states)? {
            break;
        }
        let mut set = ByteSet::default();
        let mut reached = Vec::new();
        for &s in &states {
            for (b, members) in classes {
                let mut members = *members;
                if depth == 0 {
                    members.intersect(&first);
                    if members.is_empty() {
                        continue;
                    }
                }
                let next = dfa.next_state(cache, s, *b).ok()?;
                if !next.is_dead() {
                    set.union(&members);
                    reached.push(next);
                }
            }
        }
        reached.sort_unstable();
        reached.dedup();
        if set.is_empty() {
            break;
        }
        sets.push(set);
        states = reached;
    }
    (cache.clear_count() == clears).then_some(sets)
}

/// The anchors of a matcher, or `None` when one identifier that could be reported alone
/// cannot be screened.
fn anchors(m: &Matcher) -> Option<Vec<Anchor>> {
    let threshold = m.options.possible_threshold;
    let reaches = |score: f32| score >= threshold;
    let mut out: Vec<Anchor> = Vec::new();
    let mut add = |a: Anchor| {
        if !out.contains(&a) {
            out.push(a);
        }
    };

    let corroborating: Vec<IdentifierKind> = {
        let mut kinds = Vec::new();
        for target in m.targets() {
            let kind = target.kind();
            if kind.is_corroborating() && !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
    };
    // Mirrors `names_score`: a given name alone, corroborated by every kind the set has.
    let given = name_score(NamePart::Given, true);
    let given_alone = if corroborating.is_empty() {
        given
    } else {
        (given + 0.1 * corroborating.len() as f32).min(0.65)
    };
    for (given_tokens, family_tokens) in m.name_tokens() {
        family_tokens
            .iter()
            .for_each(|t| add(Anchor::Word(t.clone())));
        if reaches(given_alone) {
            given_tokens
                .iter()
                .for_each(|t| add(Anchor::Word(t.clone())));
        }
    }

    for target in m.targets() {
        match target {
            Target::Email {
                exact, canonical, ..
            } => {
                // An address made of her names counts only at her own, non-public domain, and
                // its local part holds a family name (alone, or glued to a given name).
                let domain = exact.rsplit('@').next().unwrap_or_default();
                if !crate::matcher::PUBLIC_MAIL_DOMAINS.contains(&domain) {
                    for family in m.family_tokens() {
                        add(Anchor::NamedAddress {
                            family: family.clone(),
                            domain: domain.to_owned(),
                        });
                    }
                }
                let local = exact.split('@').next().unwrap_or_default();
                let untagged = local.split('+').next().unwrap_or_default();
                match canonical {
                    Some(canonical) if m.options.email_aliases => {
                        let gmail = canonical.ends_with("@gmail.com");
                        let text = if gmail {
                            untagged.replace('.', "")
                        } else {
                            untagged.to_owned()
                        };
                        if text.is_empty() {
                            return None;
                        }
                        add(Anchor::Email { text, dots: gmail });
                    }
                    _ => add(Anchor::Email {
                        text: exact.clone(),
                        dots: false,
                    }),
                }
            }
            Target::Phone { phone, .. } => add(Anchor::Digits(phone.national.clone())),
            Target::Compact {
                kind,
                compact,
                spaced,
                ..
            } => {
                let best = crate::matcher::compact_score(*kind, true);
                if reaches(best) {
                    add(Anchor::Compact {
                        text: compact.clone(),
                        spaced: *spaced,
                    });
                }
            }
            Target::Words { kind, tokens, .. } => {
                if reaches(words_target_score(*kind)) {
                    // Every token is needed; the longest is the most selective.
                    let longest = tokens.iter().map(|(f, _)| f).max_by_key(|f| f.len());
                    add(Anchor::Word(longest?.clone()));
                }
            }
            Target::Date { .. } => {
                if reaches(0.2) {
                    return None;
                }
            }
        }
    }
    Some(out)
}

/// The score of a words hit (addresses score 0.3 whatever the helper says).
fn words_target_score(kind: IdentifierKind) -> f32 {
    if kind == IdentifierKind::Address {
        0.3
    } else {
        crate::matcher::words_score(kind)
    }
}

/// What the matcher's fold does to every character that it changes: the characters it
/// removes (combining marks), and the others with their folded form.
struct Folds {
    ignored: Vec<(char, char)>,
    changed: Vec<(char, String)>,
}

static FOLDS: LazyLock<Folds> = LazyLock::new(|| {
    let mut ignored: Vec<(char, char)> = Vec::new();
    let mut changed = Vec::new();
    let mut folded = String::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        folded.clear();
        fold_char(c, &mut folded);
        if folded.is_empty() {
            match ignored.last_mut() {
                Some((_, end)) if *end as u32 + 1 == c as u32 => *end = c,
                _ => ignored.push((c, c)),
            }
        } else if folded.chars().ne(std::iter::once(c)) {
            changed.push((c, folded.clone()));
        }
    }
    Folds { ignored, changed }
});

/// How an anchor's characters are compared, as the matcher's scans compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Words: the fold.
    Fold,
    /// Phones: the ASCII digits of the fold.
    Digits,
    /// Identifiers: the alphanumerics of the fold, uppercased.
    Compact,
}

impl Mode {
    fn key(self, folded: &str) -> String {
        match self {
            Mode::Fold => folded.to_owned(),
            Mode::Digits => folded.chars().filter(char::is_ascii_digit).collect(),
            Mode::Compact => folded
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_uppercase)
                .collect(),
        }
    }
}

/// The characters the fold changes, by their key under each mode (in the order of
/// [`Mode`]'s variants), in the order of [`Folds::changed`].
static KEYED: LazyLock<[HashMap<String, Vec<char>>; 3]> = LazyLock::new(|| {
    let mut keyed: [HashMap<String, Vec<char>>; 3] = Default::default();
    for (c, folded) in &FOLDS.changed {
        for (mode, map) in [Mode::Fold, Mode::Digits, Mode::Compact]
            .into_iter()
            .zip(&mut keyed)
        {
            map.entry(mode.key(folded)).or_default().push(*c);
        }
    }
    keyed
});

/// Every character whose key under `mode` is `key`.
fn preimage(key: &str, mode: Mode) -> Vec<char> {
    let mut chars: Vec<char> = KEYED[mode as usize].get(key).cloned().unwrap_or_default();
    // Characters the fold leaves alone are their own fold; they can only be spelled by the
    // key's own characters in either case.
    let candidates = key
        .chars()
        .flat_map(|c| c.to_lowercase().chain(c.to_uppercase()).chain([c]));
    for c in candidates {
        let unchanged = FOLDS.changed.binary_search_by_key(&c, |(c, _)| *c).is_err()
            && !FOLDS.ignored.iter().any(|(a, b)| (*a..=*b).contains(&c));
        if unchanged && mode.key(&c.to_string()) == key && !chars.contains(&c) {
            chars.push(c);
        }
    }
    chars
}

/// Windows-1252 bytes 0x80–0x9F and the characters they stand for (0xA0–0xFF are Latin-1).
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '\u{2018}'),
    (0x92, '\u{2019}'),
    (0x93, '\u{201C}'),
    (0x94, '\u{201D}'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        0xA0..=0xFF => Some(c as u32 as u8),
        _ => CP1252_HIGH.iter().find(|(_, x)| *x == c).map(|(b, _)| *b),
    }
}

/// Any one JSON escape: `\uXXXX`, where a character the fold ignores or a separator may stand
/// (a surrogate pair is two of them; allowing any escape there keeps this a superset). A
/// character of the anchor itself is spelled by its own escape (see [`spell_chars`]).
const JSON_ESCAPE: &str = r"(?-u:\\u[0-9A-Fa-f]{4})";

/// The regex alternatives spelling one of `chars`: each in UTF-8 and, where it has one, its
/// Windows-1252 byte; in JSON, any escape too.
fn spell_chars(chars: &[char], syntax: Syntax) -> String {
    let mut single: Vec<u8> = Vec::new();
    let mut multi: Vec<String> = Vec::new();
    for &c in chars {
        let mut buf = [0u8; 4];
        let utf8 = c.encode_utf8(&mut buf).as_bytes();
        if utf8.len() == 1 {
            single.push(utf8[0]);
        } else {
            multi.push(utf8.iter().map(|b| format!("\\x{b:02X}")).collect());
        }
        if !c.is_ascii() {
            single.extend(cp1252_byte(c));
        }
    }
    single.sort_unstable();
    single.dedup();
    let mut bytes = multi;
    if !single.is_empty() {
        let class: String = single.iter().map(|b| format!("\\x{b:02X}")).collect();
        bytes.push(format!("[{class}]"));
    }
    // Raw bytes, not code points: Unicode mode is off inside.
    let mut alternatives = vec![format!("(?-u:{})", bytes.join("|"))];
    if syntax == Syntax::Json {
        // Each character escaped (in two halves beyond the first plane), its hex digits in
        // either case: precise, so that the screen does not stop at every escape of a JSON
        // file written in ASCII.
        for &c in chars {
            let mut units = [0u16; 2];
            let escaped: String = c
                .encode_utf16(&mut units)
                .iter()
                .map(|unit| {
                    let digits: String = format!("{unit:04x}")
                        .chars()
                        .map(|d| match d {
                            'a'..='f' => format!("[{d}{}]", d.to_ascii_uppercase()),
                            _ => d.to_string(),
                        })
                        .collect();
                    format!("\\\\u{digits}")
                })
                .collect();
            alternatives.push(format!("(?-u:{escaped})"));
        }
    }
    format!("(?:{})", alternatives.join("|"))
}

/// What may come between two characters of an anchor.
fn between(anchor: &Anchor, syntax: Syntax) -> String {
    let json = syntax == Syntax::Json;
    let mut parts: Vec<String> = Vec::new();
    match anchor {
        Anchor::Word(_) => {
            let ranges: String = FOLDS
                .ignored
                .iter()
                .map(|(a, b)| format!("\\x{{{:X}}}-\\x{{{:X}}}", *a as u32, *b as u32))
                .collect();
            parts.push(format!("[{ranges}]"));
        }
        Anchor::Digits(_) => {
            parts.push(r"(?-u:[ .\-/()+\xA0])|\x{A0}|\x{202F}".into());
            if json {
                parts.push(r"(?-u:\\/)".into());
            }
        }
        Anchor::Compact { spaced: true, .. } => {
            parts.push(r"(?-u:[ .\-/_\xA0])|\x{A0}|\x{202F}".into());
            if json {
                parts.push(r"(?-u:\\/)".into());
            }
        }
        Anchor::Compact { spaced: false, .. } => {}
        Anchor::Email { dots: true, .. } => parts.push(r"\.".into()),
        Anchor::Email { dots: false, .. } | Anchor::NamedAddress { .. } => {}
    }
    if json && !parts.is_empty() {
        parts.push(JSON_ESCAPE.into());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("(?:{})*", parts.join("|"))
    }
}

/// The regex for every spelling of one anchor.
fn spell(anchor: &Anchor, syntax: Syntax) -> String {
    let sep = between(anchor, syntax);
    match anchor {
        Anchor::Email { text, .. } => format!("(?:{})", address_chars(text, syntax).join(&sep)),
        Anchor::NamedAddress { family, domain } => {
            // The e-mail scan reads ASCII only (and the Kelvin sign), so a family name that
            // folds to anything else cannot be in an address: its anchor matches nothing.
            if !family.is_ascii() {
                return r"(?-u:[^\x00-\xFF])".into();
            }
            let mut local = r"(?-u:[A-Za-z0-9._%+\-])|\x{212A}|\x{17F}".to_string();
            if syntax == Syntax::Json {
                local = format!("{local}|{JSON_ESCAPE}");
            }
            format!(
                "(?:{})(?:{local})*(?:{})",
                address_chars(family, syntax).concat(),
                address_chars(&format!("@{domain}"), syntax).concat()
            )
        }
        // A word is whole: no letter or digit right after it (nor before it, which
        // `Prefilter::next_hit` checks: in the regex it would defeat its literal prefilter).
        // The boundary never takes a line break in, so that every line holding an anchor
        // holds a hit of its own.
        Anchor::Word(text) => {
            let after = r"(?:(?m:$)|(?-u:[^0-9A-Za-z\n]))";
            format!("{}{after}", positions(text, Mode::Fold, &sep, syntax))
        }
        // A number ends where its digits end: the matcher's groups end before a separator.
        Anchor::Digits(text) => {
            let after = r"(?:(?m:$)|(?-u:[^0-9\n]))";
            format!("{}{after}", positions(text, Mode::Digits, &sep, syntax))
        }
        Anchor::Compact { text, .. } => positions(text, Mode::Compact, &sep, syntax),
    }
}

/// The characters of an address as the e-mail scan reads them: ASCII in either case (the
/// Kelvin sign is a `K` to it).
fn address_chars(text: &str, syntax: Syntax) -> Vec<String> {
    text.chars()
        .map(|c| {
            let mut chars = vec![c, c.to_ascii_uppercase()];
            if c == 'k' {
                chars.push('\u{212A}');
            }
            chars.dedup();
            spell_chars(&chars, syntax)
        })
        .collect()
}

/// The regex spelling `key` one character (or a few, for `ß` → `ss`) at a time.
fn positions(key: &str, mode: Mode, sep: &str, syntax: Syntax) -> String {
    let chars: Vec<char> = key.chars().collect();
    fn from(i: usize, chars: &[char], mode: Mode, sep: &str, syntax: Syntax) -> String {
        if i == chars.len() {
            return String::new();
        }
        let mut branches = Vec::new();
        for len in 1..=3.min(chars.len() - i) {
            let part: String = chars[i..i + len].iter().collect();
            let spelled_by = preimage(&part, mode);
            if spelled_by.is_empty() {
                continue;
            }
            let rest = from(i + len, chars, mode, sep, syntax);
            let joint = if rest.is_empty() { "" } else { sep };
            branches.push(format!("{}{joint}{rest}", spell_chars(&spelled_by, syntax)));
        }
        format!("(?:{})", branches.join("|"))
    }
    from(0, &chars, mode, sep, syntax)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::{Identifier, IdentitySet};
    use crate::MatchOptions;

    fn subject(extra: &[(IdentifierKind, &str)], options: &MatchOptions) -> Matcher {
        let mut set = IdentitySet::new();
        let declared = [
            (IdentifierKind::GivenName, "Élodie"),
            (IdentifierKind::FamilyName, "Dupont-Martin"),
            (IdentifierKind::FullName, "Élodie Dupont-Martin"),
            (IdentifierKind::Email, "elodie.dupont@example.fr"),
            (IdentifierKind::Email, "e.lodie.dm+news@gmail.com"),
            (IdentifierKind::Phone, "06 12 34 56 78"),
            (IdentifierKind::CustomerNumber, "CL-004512"),
        ];
        for (kind, value) in declared.iter().chain(extra) {
            set.add(Identifier::added(*kind, *value));
        }
        Matcher::new(&set, options)
    }

    fn cp1252(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable, "{text} is not Windows-1252");
        bytes.into_owned()
    }

    /// What a JSON writer with `ensure_ascii` makes of a text: every non-ASCII character
    /// escaped.
    fn json_ascii(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
        out
    }

    /// `text` is reported by the matcher, and the prefilter lets its bytes through in every
    /// encoding it can be written in.
    fn passes(m: &Matcher, p: &Prefilter, field: &str, text: &str) {
        assert!(
            m.match_record(&[(field, text)]).is_some(),
            "the matcher reports {text:?}"
        );
        let line = format!("2024-03-01;{text};fin\n");
        assert!(p.may_match(line.as_bytes(), Syntax::Text), "UTF-8 {text:?}");
        assert!(
            p.may_match(line.as_bytes(), Syntax::Json),
            "UTF-8 in JSON {text:?}"
        );
        let (encoded, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&line);
        if !unmappable {
            assert!(p.may_match(&encoded, Syntax::Text), "Windows-1252 {text:?}");
        }
        let escaped = json_ascii(&line).replace('/', "\\/");
        assert!(
            p.may_match(escaped.as_bytes(), Syntax::Json),
            "escaped {escaped:?}"
        );
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(line.as_str()).collect();
        if m.match_record(&[(field, nfd.as_str())]).is_some() {
            assert!(
                p.may_match(nfd.as_bytes(), Syntax::Text),
                "decomposed {text:?}"
            );
        }
    }

    #[test]
    fn names_pass_accented_unaccented_in_any_case_and_encoding() {
        let m = subject(&[], &MatchOptions::default());
        let p = m.prefilter();
        assert!(!p.passes_everything());
        for text in [
            "Élodie Dupont-Martin",
            "ELODIE DUPONT MARTIN",
            "elodie dupont martin",
            "DUPONT-MARTIN Élodie",
            "Mme Dupont-Martin",
            "Élodie Dupont",
            "DÙPONT MARTIN",
            "DUPÔNT-MÄRTIN",
        ] {
            passes(&m, &p, "client", text);
        }
        assert!(p.may_match(&cp1252("Nom;DUPONT;Élodie"), Syntax::Text));
        assert!(
            p.may_match(b"\"nom\": \"Dupon\\u0074-Martin\"", Syntax::Json),
            "any escape"
        );
    }

    #[test]
    fn phones_pass_in_every_format_the_matcher_reads() {
        let m = subject(&[], &MatchOptions::default());
        let p = m.prefilter();
        for text in [
            "06 12 34 56 78",
            "0612345678",
            "06.12.34.56.78",
            "06-12-34-56-78",
            "06/12/34/56/78",
            "+33 6 12 34 56 78",
            "+33612345678",
            "+33 (0)6 12 34 56 78",
            "0033 6 12 34 56 78",
            "(06) 12 34 56 78",
            "06\u{a0}12\u{a0}34\u{a0}56\u{a0}78",
            "06\u{202f}12\u{202f}34\u{202f}56\u{202f}78",
            "tel:+33-6-12-34-56-78",
        ] {
            passes(&m, &p, "telephone", text);
        }
        assert!(
            !p.may_match(b"06 12 34 56 79;07 12 34 56 78", Syntax::Text),
            "other numbers"
        );
    }

    #[test]
    fn emails_pass_in_any_case_with_tags_and_gmail_dots() {
        let m = subject(&[], &MatchOptions::default());
        let p = m.prefilter();
        for text in [
            "elodie.dupont@example.fr",
            "ELODIE.DUPONT@EXAMPLE.FR",
            "mailto:Elodie.Dupont@Example.fr",
            "elodie.dupont+rh@example.fr",
            "elodiedm@gmail.com",
            "e.l.o.d.i.e.d.m@googlemail.com",
            "ELODIEDM+promo@gmail.com",
            "e.dupont@example.fr",
            "edupont@example.fr",
        ] {
            passes(&m, &p, "email", text);
        }
        let off = MatchOptions {
            email_aliases: false,
            ..MatchOptions::default()
        };
        let strict = subject(&[], &off);
        assert!(strict
            .prefilter()
            .may_match(b"X;ELODIE.DUPONT@EXAMPLE.FR", Syntax::Text));
    }

    #[test]
    fn identifiers_pass_with_their_separators() {
        let m = subject(&[], &MatchOptions::default());
        let p = m.prefilter();
        for text in ["CL-004512", "cl004512", "CL 004 512", "réf. cl.004.512"] {
            passes(&m, &p, "ref", text);
        }
    }

    #[test]
    fn every_character_the_matcher_reads_as_a_letter_of_her_name_passes() {
        // Independent of the prefilter's tables: every character of the first planes put in
        // place of the `o` of Dupont, and kept wherever the matcher still reports the record.
        let m = subject(&[], &MatchOptions::default());
        let p = m.prefilter();
        let mut reported = 0;
        for c in (0..0x3000u32)
            .chain(0xFB00..0xFF00)
            .filter_map(char::from_u32)
        {
            let text = format!("Dup{c}nt-Martin");
            if m.match_record(&[("nom", text.as_str())]).is_none() {
                continue;
            }
            reported += 1;
            assert!(
                p.may_match(text.as_bytes(), Syntax::Text),
                "U+{:04X}",
                c as u32
            );
            if let Some(b) = cp1252_byte(c) {
                let bytes = [b"Dup", &[b][..], b"nt-Martin"].concat();
                assert!(p.may_match(&bytes, Syntax::Text), "byte {b:02X}");
            }
        }
        assert!(
            reported > 10,
            "ò, ó, ô, õ, ö, Ò… are all read as o ({reported})"
        );
    }

    #[test]
    fn records_without_her_identifiers_do_not_pass() {
        let m = subject(&[], &MatchOptions::default());
        let p = m.prefilter();
        let filler = "DURAND;Élodie;marie.durand@orange.fr;07 98 76 54 32;Lyon;client fidèle\n\
                      2024-01-02T10:00:00Z INFO login ok user=jean.martinez@free.fr\n";
        assert!(
            !p.may_match(filler.as_bytes(), Syntax::Text),
            "a lone Élodie is not her"
        );
        assert!(!p.may_match(filler.as_bytes(), Syntax::Json));
        let hits = p.hits(b"rien\nMme DUPONT\nrien\n", Syntax::Text);
        assert_eq!(
            hits,
            vec![Range { start: 9, end: 15 }],
            "the hit is on her name's line"
        );
        assert!(
            !p.may_match(b"Lamartine;Dupontel", Syntax::Text),
            "inside other words"
        );
        let escaped = b"{\"note\": \"vu\\nDupont-Martin\\u00a0Martin\"}";
        assert!(p.may_match(escaped, Syntax::Json), "after a JSON escape");
    }

    #[test]
    fn given_names_are_anchors_once_a_corroborating_identifier_can_lift_them() {
        let m = subject(
            &[(IdentifierKind::City, "Saint-Étienne")],
            &MatchOptions::default(),
        );
        let p = m.prefilter();
        passes(&m, &p, "client", "Élodie, Saint-Étienne");
        assert!(p.may_match(b"ELODIE", Syntax::Text));
        let dated = MatchOptions {
            possible_threshold: 0.2,
            ..MatchOptions::default()
        };
        let m = subject(&[(IdentifierKind::DateOfBirth, "12/03/1985")], &dated);
        assert!(
            m.prefilter().passes_everything(),
            "a date in words cannot be screened"
        );
    }
}
