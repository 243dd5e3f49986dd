//! Detectors for personal data in free text, whoever it belongs to.
//!
//! A DSAR answer must not hand the subject other people's data, and a finding that contains
//! a bank account or a social security number needs more care than one with a city. [`detect`]
//! flags what looks like personal data in a text, with its byte range, so the review screen
//! can highlight and redact it.
//!
//! Shapes are found with regular expressions compiled once per process; everything with a
//! checksum is then verified, so a near-miss (one wrong digit) is not flagged:
//!
//! | kind | shape | verified by |
//! | --- | --- | --- |
//! | e-mail | `local@domain.tld` | shape only |
//! | phone | French (`06 12 34 56 78`, `+33 6…`, `0033 6…`) or any `+cc` | E.164 rules |
//! | IBAN | 2 letters, 2 check digits, 11–30 alphanumerics, spaces allowed | ISO 13616 mod 97 |
//! | NIR | 15 digits (or `2A`/`2B` for Corsica), spaces allowed | key = 97 − (first 13 mod 97) |
//! | SIREN / SIRET | 9 / 14 digits, spaces allowed | Luhn (La Poste's SIRETs: digit sum mod 5) |
//! | payment card | 13–19 digits, spaces or dashes allowed, a card network's first digit | Luhn |
//! | IPv4 / IPv6 | dotted quad / colon-hex | octets ≤ 255 / `std::net::Ipv6Addr` |
//! | date | `12/03/1985`, `1985-03-12`, `12 mars 1985`, `March 12, 1985` | exists, 1900–2099 |
//!
//! A date is a [`PiiKind::DateOfBirth`] when one of the words *né*, *née*, *naissance*,
//! *birth*, *born*, *DOB* or *DDN* appears in the 30 bytes before it (case and accents
//! ignored); otherwise it is a plain [`PiiKind::Date`], which the review screen may ignore.
//!
//! When shapes overlap, the most specific wins: e-mail, IBAN, NIR, card, SIRET, IPv6, phone,
//! SIREN, IPv4, date. Not detected: names and postal addresses (no reliable shape; the matcher
//! finds the subject's own), 14-digit Diners cards (indistinguishable from a SIRET).

use std::net::Ipv6Addr;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::normalize;

/// What kind of personal data a [`PiiHit`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum PiiKind {
    /// An e-mail address.
    Email,
    /// A bank account number with a valid IBAN checksum.
    Iban,
    /// A French social security number (NIR) with a valid key.
    Nir,
    /// A payment card number passing the Luhn check.
    PaymentCard,
    /// A French establishment number (SIRET, 14 digits).
    Siret,
    /// An IPv6 address.
    Ipv6,
    /// A phone number.
    Phone,
    /// A French company number (SIREN, 9 digits).
    Siren,
    /// An IPv4 address.
    Ipv4,
    /// A date with a birth keyword just before it.
    DateOfBirth,
    /// Any other plausible date.
    Date,
}

/// Personal data found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PiiHit {
    /// What it is.
    pub kind: PiiKind,
    /// Its byte range in the text.
    pub span: Range<usize>,
    /// The text of that range, as written.
    pub value: String,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("BUG: a PII pattern does not compile")
}

pub(crate) static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?:\+|00)\s?33\s?(?:\(0\)\s?)?[1-9](?:[\s.\-]?\d{2}){4}",
        r"|0[1-9](?:[\s.\-]?\d{2}){4}",
        r"|(?:\+|00)[1-9][\d\s.\-()]{6,20}\d",
    ))
});
static IBAN: LazyLock<Regex> = LazyLock::new(|| regex(r"(?i)\b[a-z]{2}\d{2}(?: ?[a-z0-9]){11,30}"));
static NIR: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b[1-478] ?\d{2} ?\d{2} ?(?:\d{2}|2[ab]) ?\d{3} ?\d{3} ?\d{2}\b"));
static SIRE: LazyLock<Regex> = LazyLock::new(|| regex(r"\b\d{3} ?\d{3} ?\d{3}(?: ?\d{5})?\b"));
static CARD: LazyLock<Regex> = LazyLock::new(|| regex(r"\b\d(?:[ \-]?\d){12,18}\b"));
static IPV4: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"));
static IPV6: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?")
});

/// Flags the personal data in `text`, in order of position and without overlaps.
pub fn detect(text: &str) -> Vec<PiiHit> {
    let mut hits: Vec<(PiiKind, Range<usize>)> = Vec::new();
    let mut push = |kind, range| hits.push((kind, range));

    for m in EMAIL.find_iter(text) {
        push(PiiKind::Email, m.range());
    }
    for m in IBAN.find_iter(text) {
        if let Some(range) =
            longest_valid(text, m.range(), |s| is_valid_iban(&normalize::compact(s)))
        {
            push(PiiKind::Iban, range);
        }
    }
    for m in NIR
        .find_iter(text)
        .filter(|m| is_valid_nir(&normalize::compact(m.as_str())))
    {
        push(PiiKind::Nir, m.range());
    }
    for m in CARD
        .find_iter(text)
        .filter(|m| is_card_number(&normalize::digits(m.as_str())))
    {
        push(PiiKind::PaymentCard, m.range());
    }
    for m in SIRE.find_iter(text) {
        let digits = normalize::digits(m.as_str());
        match digits.len() {
            14 if is_valid_siret(&digits) => push(PiiKind::Siret, m.range()),
            9 if is_valid_siren(&digits) => push(PiiKind::Siren, m.range()),
            _ => {}
        }
    }
    for m in IPV6.find_iter(text).filter(|m| is_ipv6(text, m.range())) {
        push(PiiKind::Ipv6, m.range());
    }
    for m in PHONE
        .find_iter(text)
        .filter(|m| standalone(text, m.range()))
    {
        if let Some(range) = longest_valid(text, m.range(), |s| normalize::phone(s, "FR").is_some())
        {
            push(PiiKind::Phone, range);
        }
    }
    for m in IPV4.find_iter(text).filter(|m| is_ipv4(text, m.range())) {
        push(PiiKind::Ipv4, m.range());
    }
    for (range, _) in crate::date::find_dates(text) {
        let kind = if birth_keyword_before(text, range.start) {
            PiiKind::DateOfBirth
        } else {
            PiiKind::Date
        };
        push(kind, range);
    }

    // The most specific kind wins an overlap (the enum is declared in that order).
    hits.sort_by_key(|(kind, range)| (*kind, range.start));
    let mut kept: Vec<(PiiKind, Range<usize>)> = Vec::with_capacity(hits.len());
    for (kind, range) in hits {
        if !kept
            .iter()
            .any(|(_, k)| k.start < range.end && range.start < k.end)
        {
            kept.push((kind, range));
        }
    }
    kept.sort_by_key(|(_, range)| range.start);
    kept.into_iter()
        .map(|(kind, span)| PiiHit {
            kind,
            value: text[span.clone()].to_owned(),
            span,
        })
        .collect()
}

/// The longest prefix of `range`, cut after an alphanumeric run, that `valid` accepts: a
/// greedy shape may have swallowed the next word or number.
fn longest_valid(
    text: &str,
    range: Range<usize>,
    valid: impl Fn(&str) -> bool,
) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let bytes = s.as_bytes();
    let ends = (1..=s.len())
        .rev()
        .filter(|&end| bytes[end - 1].is_ascii_alphanumeric())
        .filter(|&end| end == s.len() || !bytes[end].is_ascii_alphanumeric());
    ends.map(|end| range.start..range.start + end)
        .find(|r| valid(&text[r.clone()]))
}

/// No digit or letter glued to either side of `range` (a phone inside a longer number).
fn standalone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_ascii_digit())
}

fn is_ipv4(text: &str, range: Range<usize>) -> bool {
    // "1.2.3.4.5" is a version number, not an address.
    let after = &text[range.end..];
    let glued = text[..range.start].ends_with('.')
        || (after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()));
    !glued
        && text[range]
            .split('.')
            .all(|octet| octet.parse::<u8>().is_ok())
}

fn is_ipv6(text: &str, range: Range<usize>) -> bool {
    let s = &text[range.clone()];
    let hex_before = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_hexdigit());
    let hex_digits = s.chars().filter(char::is_ascii_hexdigit).count();
    !hex_before && hex_digits >= 2 && s.matches(':').count() >= 2 && s.parse::<Ipv6Addr>().is_ok()
}

fn birth_keyword_before(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(30);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text[from..start].to_lowercase();
    let words: Vec<&str> = window.split(|c: char| !c.is_alphanumeric()).collect();
    let folded = normalize::fold(&window);
    words.iter().any(|w| ["né", "née"].contains(w))
        || folded.split(|c: char| !c.is_alphanumeric()).any(|w| {
            [
                "nee",
                "naissance",
                "birth",
                "birthday",
                "born",
                "dob",
                "ddn",
            ]
            .contains(&w)
        })
}

/// Whether `compact` (uppercase, no spaces: see [`normalize::compact`]) is an IBAN with a
/// valid ISO 13616 checksum.
pub fn is_valid_iban(compact: &str) -> bool {
    let b = compact.as_bytes();
    let shaped = (15..=34).contains(&b.len())
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b.iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    shaped && mod97(compact[4..].bytes().chain(compact[..4].bytes())) == 1
}

/// The remainder modulo 97 of the number spelled by `chars`, letters counting A = 10 … Z = 35.
fn mod97(chars: impl Iterator<Item = u8>) -> u32 {
    chars.fold(0, |acc, c| match c {
        b'0'..=b'9' => (acc * 10 + u32::from(c - b'0')) % 97,
        _ => (acc * 100 + u32::from(c - b'A' + 10)) % 97,
    })
}

/// Whether `compact` is a French NIR (15 characters, `2A`/`2B` allowed for Corsica) whose key
/// is 97 − (the first 13 digits mod 97). Corsica counts as 19 (2A) and 18 (2B).
pub fn is_valid_nir(compact: &str) -> bool {
    if compact.len() != 15 || !compact.is_ascii() {
        return false;
    }
    let department = match &compact[5..7] {
        "2A" => "19",
        "2B" => "18",
        d => d,
    };
    let body = format!("{}{}{}", &compact[..5], department, &compact[7..13]);
    match (body.parse::<u64>(), compact[13..].parse::<u64>()) {
        (Ok(n), Ok(key)) if body.bytes().all(|c| c.is_ascii_digit()) => key == 97 - n % 97,
        _ => false,
    }
}

/// Whether the ASCII digits `digits` pass the Luhn check.
pub fn luhn(digits: &str) -> bool {
    let sum = digits
        .bytes()
        .rev()
        .enumerate()
        .try_fold(0u32, |sum, (i, c)| {
            let d = u32::from(c.checked_sub(b'0').filter(|d| *d <= 9)?);
            Some(
                sum + if i % 2 == 1 {
                    (d * 2) % 10 + (d * 2) / 10
                } else {
                    d
                },
            )
        });
    !digits.is_empty() && sum.is_some_and(|s| s % 10 == 0)
}

/// Whether `digits` is a SIREN: 9 digits passing Luhn.
pub fn is_valid_siren(digits: &str) -> bool {
    digits.len() == 9 && luhn(digits)
}

/// Whether `digits` is a SIRET: 14 digits passing Luhn, or for La Poste's establishments
/// (SIREN 356000000) a digit sum divisible by 5.
pub fn is_valid_siret(digits: &str) -> bool {
    if digits.len() != 14 || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if digits.starts_with("356000000") {
        return digits.bytes().map(|c| u32::from(c - b'0')).sum::<u32>() % 5 == 0;
    }
    luhn(digits)
}

/// Whether `digits` looks like a payment card number: 13 to 19 digits, a network's first
/// digit (2–6: Mastercard, Amex/Diners, Visa, Mastercard, Discover), Luhn; 14 digits are
/// left to SIRET and 15 need the Amex prefix 34 or 37 (else they are more likely a NIR).
fn is_card_number(digits: &str) -> bool {
    let network = matches!(digits.as_bytes().first(), Some(b'2'..=b'6'));
    let length = match digits.len() {
        14 => false,
        15 => digits.starts_with("34") || digits.starts_with("37"),
        n => (13..=19).contains(&n),
    };
    network && length && luhn(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digit that makes `payload` pass Luhn.
    fn luhn_digit(payload: &str) -> char {
        (b'0'..=b'9')
            .map(char::from)
            .find(|d| luhn(&format!("{payload}{d}")))
            .expect("one fits")
    }

    /// Replaces the digit at `at` with the next one (mod 10): a one-digit typo.
    fn typo(s: &str, at: usize) -> String {
        let mut b = s.as_bytes().to_vec();
        b[at] = b'0' + (b[at] - b'0' + 1) % 10;
        String::from_utf8(b).expect("ascii")
    }

    fn kinds(text: &str) -> Vec<(PiiKind, String)> {
        detect(text)
            .into_iter()
            .map(|h| (h.kind, h.value))
            .collect()
    }

    #[test]
    fn ibans_are_checked_with_mod_97() {
        let bban = "30006000011234567890189";
        let check = 98 - mod97(format!("{bban}FR00").bytes());
        let iban = format!("FR{check:02}{bban}");
        assert!(is_valid_iban(&iban), "{iban}");
        assert!(!is_valid_iban(&typo(&iban, 10)), "a one-digit typo");
        assert!(
            !is_valid_iban(&format!("FR{:02}{bban}", (check + 1) % 100)),
            "wrong check digits"
        );
        let spaced = "Virement FR76 3000 6000 0112 3456 7890 189 reçu";
        assert_eq!(
            kinds(spaced),
            [(PiiKind::Iban, "FR76 3000 6000 0112 3456 7890 189".into())]
        );
        assert!(kinds("FR76 3000 6000 0112 3456 7890 188")
            .iter()
            .all(|(k, _)| *k != PiiKind::Iban));
    }

    #[test]
    fn nirs_need_their_key_and_handle_corsica() {
        let key = |body: &str, n: u64| format!("{body}{:02}", 97 - n % 97);
        let mainland = key("1850375116238", 1_850_375_116_238);
        assert!(is_valid_nir(&mainland), "{mainland}");
        assert!(!is_valid_nir(&typo(&mainland, 12)));
        let south = format!("290042A123456{:02}", 97 - 2_900_419_123_456u64 % 97);
        assert!(is_valid_nir(&south), "{south}");
        assert!(
            !is_valid_nir(&south.replace("2A", "2B")),
            "2B counts as 18, not 19"
        );
        let spaced = format!(
            "NIR : {} {} {} {} {} {} {}",
            &mainland[..1],
            &mainland[1..3],
            &mainland[3..5],
            &mainland[5..7],
            &mainland[7..10],
            &mainland[10..13],
            &mainland[13..]
        );
        assert_eq!(
            kinds(&spaced).first().map(|(k, _)| *k),
            Some(PiiKind::Nir),
            "{spaced}"
        );
    }

    #[test]
    fn siren_and_siret_pass_luhn() {
        let siren = format!("12345678{}", luhn_digit("12345678"));
        assert!(is_valid_siren(&siren));
        assert!(!is_valid_siren(&typo(&siren, 3)));
        let siret = format!("{siren}0007{}", luhn_digit(&format!("{siren}0007")));
        assert!(is_valid_siret(&siret));
        assert!(!is_valid_siret(&typo(&siret, 11)));
        assert!(is_valid_siret("35600000000047"), "La Poste: digit sum 25");
        assert!(!is_valid_siret("35600000000048"));
        let text = format!(
            "SIREN {} {} {}, SIRET {siret}",
            &siren[..3],
            &siren[3..6],
            &siren[6..]
        );
        let found = kinds(&text);
        assert_eq!(
            found.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [PiiKind::Siren, PiiKind::Siret]
        );
    }

    #[test]
    fn payment_cards_pass_luhn_with_spaces_or_dashes() {
        let card = format!("497010123456789{}", luhn_digit("497010123456789"));
        assert!(is_card_number(&card));
        assert!(!is_card_number(&typo(&card, 7)));
        let spaced = format!(
            "{} {} {} {}",
            &card[..4],
            &card[4..8],
            &card[8..12],
            &card[12..]
        );
        let dashed = spaced.replace(' ', "-");
        for text in [&card, &spaced, &dashed] {
            assert_eq!(
                kinds(&format!("carte {text} ok")),
                [(PiiKind::PaymentCard, text.clone())]
            );
        }
        let typoed = kinds(&format!("carte {} ok", typo(&spaced, 0)));
        assert!(
            typoed.iter().all(|(k, _)| *k != PiiKind::PaymentCard),
            "bad Luhn"
        );
    }

    #[test]
    fn phones_emails_and_addresses_are_found_in_text() {
        let text = "Appeler 06 12 34 56 78 ou +33 (0)1 23 45 67 89, écrire à jean.x@exemple.org \
                    depuis 192.168.1.20 ou 2001:db8::8a2e:370:7334 ; +44 20 7946 0958.";
        assert_eq!(
            kinds(text),
            [
                (PiiKind::Phone, "06 12 34 56 78".into()),
                (PiiKind::Phone, "+33 (0)1 23 45 67 89".into()),
                (PiiKind::Email, "jean.x@exemple.org".into()),
                (PiiKind::Ipv4, "192.168.1.20".into()),
                (PiiKind::Ipv6, "2001:db8::8a2e:370:7334".into()),
                (PiiKind::Phone, "+44 20 7946 0958".into()),
            ]
        );
        assert!(kinds("version 1.2.3.4.5, 999.1.1.1, à 12:30:45").is_empty());
        assert!(
            kinds("commande 10612345678").is_empty(),
            "a phone glued inside a longer number"
        );
    }

    #[test]
    fn dates_are_of_birth_only_after_a_birth_keyword() {
        assert_eq!(
            kinds("Née le 12 mars 1985 à Lyon, inscrite le 03/04/2020. DOB: 1990-01-31"),
            [
                (PiiKind::DateOfBirth, "12 mars 1985".into()),
                (PiiKind::Date, "03/04/2020".into()),
                (PiiKind::DateOfBirth, "1990-01-31".into()),
            ]
        );
        assert_eq!(
            kinds("date de naissance : 31/12/1970")[0].0,
            PiiKind::DateOfBirth
        );
        assert!(kinds("le 31/02/1970").is_empty(), "no such date");
    }
}
