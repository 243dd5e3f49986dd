//! Reading the values spreadsheets hold: dates in explicit formats, numbers written the
//! French way, and yes/no words. Each function is pure and answers `None` when the text is not
//! what was asked for; the caller turns that into a [`crate::Problem`].

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use passerelle_matching::normalize::fold;
use serde::{Deserialize, Serialize};

/// The format name that reads Excel serial day numbers (`45382` is 2024-03-31).
pub const EXCEL: &str = "excel";

/// One piece of a date format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Year4,
    Year2,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Literal(char),
}

/// A date format, compiled from its written form (`dd/MM/yyyy`), or Excel's serial numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    tokens: Vec<Token>,
    excel: bool,
}

impl DateFormat {
    /// Compile a format: `yyyy`, `yy`, `MM`/`M`, `dd`/`d`, `HH`/`H`, `mm`, `ss`, any other
    /// character literally, or [`EXCEL`]. `None` when the format has no year, month and day.
    pub fn parse(written: &str) -> Option<DateFormat> {
        if written.eq_ignore_ascii_case(EXCEL) {
            return Some(DateFormat {
                tokens: Vec::new(),
                excel: true,
            });
        }
        let mut tokens = Vec::new();
        let mut rest = written;
        while let Some(c) = rest.chars().next() {
            let run = rest.chars().take_while(|&d| d == c).count();
            let token = match (c, run) {
                ('y', 4) => Token::Year4,
                ('y', 2) => Token::Year2,
                ('M', 1 | 2) => Token::Month,
                ('d', 1 | 2) => Token::Day,
                ('H', 1 | 2) => Token::Hour,
                ('m', 1 | 2) => Token::Minute,
                ('s', 1 | 2) => Token::Second,
                ('y' | 'M' | 'd' | 'H' | 'm' | 's', _) => return None,
                _ => {
                    tokens.push(Token::Literal(c));
                    rest = &rest[c.len_utf8()..];
                    continue;
                }
            };
            tokens.push(token);
            rest = &rest[run..];
        }
        let has = |t: &[Token]| t.iter().any(|t| tokens.contains(t));
        let complete =
            has(&[Token::Year4, Token::Year2]) && has(&[Token::Month]) && has(&[Token::Day]);
        complete.then_some(DateFormat {
            tokens,
            excel: false,
        })
    }

    /// Read `text` (trimmed) in this format.
    pub fn read(&self, text: &str) -> Option<NaiveDateTime> {
        let text = text.trim();
        if self.excel {
            return excel_serial(text);
        }
        let (mut y, mut mo, mut d, mut h, mut mi, mut s) = (None, None, None, 0, 0, 0);
        let mut rest = text;
        for token in &self.tokens {
            let width = match token {
                Token::Literal(c) => {
                    rest = rest.strip_prefix(*c)?;
                    continue;
                }
                Token::Year4 => 4,
                _ => 2,
            };
            let digits = rest
                .chars()
                .take(width)
                .take_while(char::is_ascii_digit)
                .count();
            if digits == 0 || (*token == Token::Year4 && digits != 4) {
                return None;
            }
            let n: u32 = rest[..digits].parse().ok()?;
            rest = &rest[digits..];
            match token {
                Token::Year4 => y = Some(n as i32),
                Token::Year2 => y = Some(if n < 70 { 2000 + n } else { 1900 + n } as i32),
                Token::Month => mo = Some(n),
                Token::Day => d = Some(n),
                Token::Hour => h = n,
                Token::Minute => mi = n,
                Token::Second => s = n,
                Token::Literal(_) => unreachable!("literals are matched above"),
            }
        }
        if !rest.is_empty() {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y?, mo?, d?)?;
        Some(date.and_time(NaiveTime::from_hms_opt(h, mi, s)?))
    }
}

/// An Excel serial day number (days since 1899-12-30, a fraction being the time of day).
fn excel_serial(text: &str) -> Option<NaiveDateTime> {
    let serial: f64 = text.replace(',', ".").parse().ok()?;
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // NOTE: Excel counts a 29 February 1900 that never was; serials before it start a day later.
    let epoch = if serial < 61.0 {
        NaiveDate::from_ymd_opt(1899, 12, 31)
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)
    }?;
    let days = serial.trunc() as i64;
    let seconds = ((serial - serial.trunc()) * 86_400.0).round() as i64;
    let start = epoch.and_time(NaiveTime::MIN);
    Some(start + Duration::days(days) + Duration::seconds(seconds))
}

/// A date and time as RFC 3339, read as UTC: `2024-03-31T00:00:00Z`.
pub fn rfc3339(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Which character separates the decimals of a number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum DecimalMark {
    /// French: `1 234,5`; dots are thousands separators.
    Comma,
    /// English: `1,234.5`; commas are thousands separators.
    Point,
    /// Whichever of `,` and `.` comes last when both appear; a lone one that appears once is
    /// the decimal mark, one that appears several times separates thousands.
    #[default]
    Auto,
}

/// A number written with spaces (ordinary, non-breaking or thin) as thousands separators, a
/// currency sign before or after, and the given decimal mark: `"1 234,50 €"` → 1234.5.
/// Integers come back as integers.
pub fn number(text: &str, mark: DecimalMark) -> Option<serde_json::Number> {
    let cleaned: String = text
        .trim()
        .trim_matches(|c: char| "€$£".contains(c) || c.is_whitespace())
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{202f}')
        .collect();
    let commas = cleaned.matches(',').count();
    let points = cleaned.matches('.').count();
    let decimal = match mark {
        DecimalMark::Comma => Some(','),
        DecimalMark::Point => Some('.'),
        DecimalMark::Auto if commas > 0 && points > 0 => {
            Some(if cleaned.rfind(',') > cleaned.rfind('.') {
                ','
            } else {
                '.'
            })
        }
        DecimalMark::Auto if commas == 1 => Some(','),
        DecimalMark::Auto if points == 1 => Some('.'),
        DecimalMark::Auto => None,
    };
    let plain: String = cleaned
        .chars()
        .filter_map(|c| match c {
            ',' | '.' if Some(c) == decimal => Some('.'),
            ',' | '.' => None,
            c => Some(c),
        })
        .collect();
    let valid = !plain.is_empty()
        && plain.matches('.').count() <= 1
        && plain
            .trim_start_matches(['-', '+'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
        && plain.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    match plain.trim_start_matches('+').parse::<i64>() {
        Ok(n) => Some(n.into()),
        Err(_) => serde_json::Number::from_f64(plain.parse().ok()?),
    }
}

/// Words read as `true`: French and English, plus `1` and a checked box (`x`).
pub const TRUE_WORDS: &[&str] = &["oui", "o", "vrai", "yes", "y", "true", "1", "x"];
/// Words read as `false`.
pub const FALSE_WORDS: &[&str] = &["non", "n", "faux", "no", "false", "0"];

/// A yes/no word, whatever its case and accents: `Oui`, `FAUX`, `yes`, `0`, `x`…
pub fn boolean(text: &str) -> Option<bool> {
    let word = fold(text.trim());
    if TRUE_WORDS.contains(&word.as_str()) {
        Some(true)
    } else if FALSE_WORDS.contains(&word.as_str()) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(format: &str, text: &str) -> Option<String> {
        DateFormat::parse(format)
            .expect("a valid format")
            .read(text)
            .map(rfc3339)
    }

    #[test]
    fn dates_are_read_in_their_explicit_format_only() {
        assert_eq!(
            date("dd/MM/yyyy", "31/03/2024").as_deref(),
            Some("2024-03-31T00:00:00Z")
        );
        assert_eq!(
            date("dd/MM/yyyy", " 1/3/2024 ").as_deref(),
            Some("2024-03-01T00:00:00Z")
        );
        assert_eq!(
            date("yyyy-MM-dd", "2024-03-31").as_deref(),
            Some("2024-03-31T00:00:00Z")
        );
        assert_eq!(
            date("dd.MM.yyyy", "31.03.2024").as_deref(),
            Some("2024-03-31T00:00:00Z")
        );
        assert_eq!(
            date("dd/MM/yyyy HH:mm", "31/03/2024 14:05").as_deref(),
            Some("2024-03-31T14:05:00Z")
        );
        assert_eq!(
            date("dd/MM/yy", "31/03/24").as_deref(),
            Some("2024-03-31T00:00:00Z")
        );
        assert_eq!(date("dd/MM/yyyy", "2024-03-31"), None, "another format");
        assert_eq!(date("dd/MM/yyyy", "31/02/2024"), None, "no such day");
        assert_eq!(
            date("dd/MM/yyyy", "31/03/2024 trailing"),
            None,
            "left-over text"
        );
    }

    #[test]
    fn excel_serial_numbers_are_days_since_1899() {
        assert_eq!(
            date("excel", "45382").as_deref(),
            Some("2024-03-31T00:00:00Z")
        );
        assert_eq!(
            date("excel", "45382.5").as_deref(),
            Some("2024-03-31T12:00:00Z")
        );
        assert_eq!(date("excel", "1").as_deref(), Some("1900-01-01T00:00:00Z"));
        assert_eq!(date("excel", "soon"), None);
    }

    #[test]
    fn formats_without_a_full_date_are_refused() {
        for bad in ["", "MM/yyyy", "dd/MMM/yyyy", "hello"] {
            assert_eq!(DateFormat::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn numbers_take_french_commas_and_spaced_thousands() {
        let n = |t: &str, m| number(t, m).map(|n| n.to_string());
        assert_eq!(
            n("1 234,50 €", DecimalMark::Auto).as_deref(),
            Some("1234.5")
        );
        assert_eq!(
            n("1\u{a0}234\u{202f}567", DecimalMark::Auto).as_deref(),
            Some("1234567")
        );
        assert_eq!(n("12,5", DecimalMark::Comma).as_deref(), Some("12.5"));
        assert_eq!(n("1.234,5", DecimalMark::Auto).as_deref(), Some("1234.5"));
        assert_eq!(n("1,234.5", DecimalMark::Auto).as_deref(), Some("1234.5"));
        assert_eq!(n("1.234", DecimalMark::Comma).as_deref(), Some("1234"));
        assert_eq!(n("-42", DecimalMark::Auto).as_deref(), Some("-42"));
        assert_eq!(n("douze", DecimalMark::Auto), None);
        assert_eq!(n("1,2,3.4.5", DecimalMark::Auto), None);
    }

    #[test]
    fn yes_and_no_words_in_french_and_english() {
        for yes in ["oui", "Oui", "VRAI", "yes", "True", "1", "x", "X"] {
            assert_eq!(boolean(yes), Some(true), "{yes}");
        }
        for no in ["non", "Faux", "no", "FALSE", "0"] {
            assert_eq!(boolean(no), Some(false), "{no}");
        }
        assert_eq!(boolean("peut-être"), None);
    }
}
