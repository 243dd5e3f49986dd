//! Low-level scans of a value for the matcher: words with their original spans, and character
//! streams (digits for phones, alphanumerics for identifiers) that remember where separators
//! were, so a match can be required to start and end on a group boundary.

use std::ops::Range;

use crate::normalize::{fold_char, Folded, PARTICLES};

/// A word of a value: a run of letters and digits.
pub(crate) struct Word {
    /// Folded (lowercase, no accents).
    pub folded: String,
    /// As written, lowercased (to tell whether accents differ).
    pub plain: String,
    /// Byte range in the original value.
    pub span: Range<usize>,
    /// A line break, tab, `;` or `|` (a cell or sentence boundary) or a masked range comes
    /// between the previous word and this one.
    pub break_before: bool,
}

impl Word {
    pub fn is_particle(&self) -> bool {
        PARTICLES.contains(&self.folded.as_str())
    }
}

/// The words of `value`, skipping those inside `masked` (e-mail addresses: a name inside an
/// address is not a name in the text).
pub(crate) fn words(value: &str, masked: &[Range<usize>]) -> Vec<Word> {
    let folded = Folded::new(value);
    let text = &folded.text;
    let mut out = Vec::new();
    let (mut start, mut pending_break) = (None, false);
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            let span = folded.original(s..i);
            if masked
                .iter()
                .any(|m| m.start < span.end && span.start < m.end)
            {
                pending_break = true;
            } else {
                out.push(Word {
                    folded: text[s..i].to_owned(),
                    plain: value[span.clone()].to_lowercase(),
                    span,
                    break_before: std::mem::take(&mut pending_break),
                });
            }
        }
        if "\n\r\t;|".contains(c) {
            pending_break = true;
        }
    }
    out
}

/// The significant characters of a value with, for each, where it came from and what
/// separated it from the previous one.
pub(crate) struct Stream {
    chars: Vec<char>,
    origin: Vec<Range<usize>>,
    /// A separator (soft or hard) comes before this character, or it is the first.
    sep_before: Vec<bool>,
    /// A hard separator (one that cannot sit inside an identifier) comes before it.
    hard_before: Vec<bool>,
    /// The byte offset of a `+` written just before this character (spaces allowed).
    plus_before: Vec<Option<usize>>,
}

impl Stream {
    /// The digits of `value`; spaces, dots, dashes, slashes, parentheses and `+` are soft
    /// separators, anything else is hard.
    pub fn digits(value: &str) -> Stream {
        Stream::build(value, |c| c.is_ascii_digit(), " .-/()+\u{a0}\u{202f}")
    }

    /// The alphanumerics of `value`, folded and uppercased; spaces, dots, dashes, slashes and
    /// underscores are soft separators, anything else is hard.
    pub fn alphanumerics(value: &str) -> Stream {
        Stream::build(value, |c| c.is_alphanumeric(), " .-/_\u{a0}\u{202f}")
    }

    fn build(value: &str, keep: impl Fn(char) -> bool, soft: &str) -> Stream {
        let mut s = Stream {
            chars: Vec::new(),
            origin: Vec::new(),
            sep_before: Vec::new(),
            hard_before: Vec::new(),
            plus_before: Vec::new(),
        };
        let (mut sep, mut hard, mut plus) = (true, true, None);
        let mut folded = String::new();
        for (at, c) in value.char_indices() {
            folded.clear();
            fold_char(c, &mut folded);
            let kept: Vec<char> = folded.chars().filter(|f| keep(*f)).collect();
            if kept.is_empty() {
                sep = true;
                hard |= !soft.contains(c);
                match c {
                    '+' => plus = Some(at),
                    c if c.is_whitespace() => {}
                    _ => plus = None,
                }
                continue;
            }
            for f in kept {
                s.chars.extend(f.to_uppercase());
                s.origin.push(at..at + c.len_utf8());
                s.sep_before.push(std::mem::take(&mut sep));
                s.hard_before.push(std::mem::take(&mut hard));
                s.plus_before.push(plus.take());
            }
        }
        s
    }

    /// The byte ranges where `pattern` occurs on group boundaries: starting after a separator
    /// (or at the start) and ending before one (or at the end), with no hard separator inside,
    /// and with no separator inside at all unless `inner_separators`. With `plus`, a `+` must
    /// be written just before, and the range includes it.
    pub fn find(&self, pattern: &str, inner_separators: bool, plus: bool) -> Vec<Range<usize>> {
        let pattern: Vec<char> = pattern.chars().collect();
        let n = pattern.len();
        if n == 0 || n > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - n)
            .filter(|&i| self.chars[i..i + n] == pattern[..])
            .filter(|&i| self.sep_before[i] && self.sep_before.get(i + n).is_none_or(|s| *s))
            .filter(|&i| {
                let inside = i + 1..i + n;
                !self.hard_before[inside.clone()].contains(&true)
                    && (inner_separators || !self.sep_before[inside].contains(&true))
            })
            .filter(|&i| !plus || self.plus_before[i].is_some())
            .map(|i| {
                let start = if plus {
                    self.plus_before[i].expect("checked")
                } else {
                    self.origin[i].start
                };
                start..self.origin[i + n - 1].end
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_original_spans_and_skip_masked_ranges() {
        let value = "Élodie DUPONT; a@b.fr Martin";
        let words = words(value, std::slice::from_ref(&(15..21)));
        let folded: Vec<&str> = words.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(folded, ["elodie", "dupont", "martin"]);
        assert_eq!(&value[words[0].span.clone()], "Élodie");
        assert_eq!(words[0].plain, "élodie");
        assert!(words[2].break_before, "after a ; and a masked address");
        assert!(!words[1].break_before);
    }

    #[test]
    fn digit_streams_match_whole_groups_only() {
        let value = "tel: 06 12 34 56 78, fax 106 12 34 56 78, +33 6 12 34 56 78";
        let stream = Stream::digits(value);
        let found = stream.find("0612345678", true, false);
        assert_eq!(
            found.len(),
            1,
            "the fax number has a 1 glued before: {found:?}"
        );
        assert_eq!(&value[found[0].clone()], "06 12 34 56 78");
        let plus = stream.find("33612345678", true, true);
        assert_eq!(
            plus.iter().map(|r| &value[r.clone()]).collect::<Vec<_>>(),
            ["+33 6 12 34 56 78"]
        );
    }

    #[test]
    fn identifier_streams_ignore_soft_separators_but_not_hard_ones() {
        let value = "client cl-004512, autre XCL004512, ou CL:004512";
        let stream = Stream::alphanumerics(value);
        let found = stream.find("CL004512", true, false);
        assert_eq!(
            found.iter().map(|r| &value[r.clone()]).collect::<Vec<_>>(),
            ["cl-004512"]
        );
        assert!(
            stream.find("CL004512", false, false).is_empty(),
            "no inner separator allowed"
        );
    }
}
