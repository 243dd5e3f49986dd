//! Calendar dates in the spellings French and English records use, shared by the matcher (a
//! date of birth written another way) and the PII detectors.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// A calendar date, checked to exist (30 February does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CalendarDate {
    /// The year, 1900 to 2099.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month, 1 to 31.
    pub day: u8,
}

impl CalendarDate {
    /// The date if it exists and its year is between 1900 and 2099 (the plausible range for a
    /// person's dates; anything else is more likely a number that looks like a date).
    pub fn new(year: u16, month: u8, day: u8) -> Option<CalendarDate> {
        let leap =
            year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1900..=2099).contains(&year) && (1..=days).contains(&day)).then_some(CalendarDate {
            year,
            month,
            day,
        })
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: &str = "janvier|janv|jan|january|février|fevrier|févr|fevr|fév|fev|february|feb|\
    mars|march|mar|avril|avr|april|apr|mai|may|juin|june|jun|juillet|juil|july|jul|août|aout|\
    august|aug|septembre|september|sept|sep|octobre|october|oct|novembre|november|nov|\
    décembre|decembre|déc|dec|december";

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([/.\-])(\d{1,2})[/.\-](\d{4})\b").expect("valid date regex")
});
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{2})-(\d{2})\b").expect("valid date regex"));
static DAY_NAME_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:er)?\s+({MONTHS})\.?\s+(\d{{4}})\b"
    ))
    .expect("valid date regex")
});
static NAME_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .expect("valid date regex")
});

fn month_number(name: &str) -> Option<u8> {
    let name = crate::normalize::fold(name);
    let prefixes = [
        "jan", "fe", "mar", "a", "mai", "juin", "juil", "aou", "sep", "oct", "nov", "dec",
    ];
    let number = match name.as_str() {
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "apr" | "april" | "avr" | "avril" => 4,
        "aug" | "august" | "aout" => 8,
        n => prefixes.iter().position(|p| n.starts_with(p))? + 1,
    };
    Some(number as u8)
}

/// Every plausible date in `text`, with its byte range, in order and without overlaps.
pub(crate) fn find_dates(text: &str) -> Vec<(Range<usize>, CalendarDate)> {
    let mut found = Vec::new();
    let num = |s: &str| s.parse::<u16>().ok();
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let (d, m, y) = (num(&c[1]), num(&c[3]), num(&c[4]));
        if let (Some(d), Some(m), Some(y)) = (d, m, y) {
            if let Some(date) = CalendarDate::new(y, m as u8, d as u8) {
                found.push((c.get(0).expect("group 0").range(), date));
            }
        }
    }
    for c in ISO.captures_iter(text) {
        if let (Some(y), Some(m), Some(d)) = (num(&c[1]), num(&c[2]), num(&c[3])) {
            if let Some(date) = CalendarDate::new(y, m as u8, d as u8) {
                found.push((c.get(0).expect("group 0").range(), date));
            }
        }
    }
    for (re, day, month) in [(&*DAY_NAME_YEAR, 1, 2), (&*NAME_DAY_YEAR, 2, 1)] {
        for c in re.captures_iter(text) {
            let m = month_number(&c[month]);
            if let (Some(d), Some(m), Some(y)) = (num(&c[day]), m, num(&c[3])) {
                if let Some(date) = CalendarDate::new(y, m, d as u8) {
                    found.push((c.get(0).expect("group 0").range(), date));
                }
            }
        }
    }

    found.sort_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut kept: Vec<(Range<usize>, CalendarDate)> = Vec::with_capacity(found.len());
    for (range, date) in found {
        if kept.last().is_none_or(|(last, _)| range.start >= last.end) {
            kept.push((range, date));
        }
    }
    kept
}

/// The date a whole value spells (`"12/03/1985"`, `"1985-03-12"`, `"12 mars 1985"`,
/// `"March 12, 1985"`), or `None`. Day-first is assumed for numeric dates, as in France.
pub fn date(raw: &str) -> Option<CalendarDate> {
    let raw = raw.trim();
    match find_dates(raw).as_slice() {
        [(range, date)] if *range == (0..raw.len()) => Some(*date),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_spellings_give_the_same_date() {
        let expected = CalendarDate::new(1985, 3, 12);
        for raw in [
            "12/03/1985",
            "12.03.1985",
            "12-03-1985",
            "1985-03-12",
            "12 mars 1985",
            "12 Mars 1985",
            "12 March 1985",
            "March 12, 1985",
            "12 mar. 1985",
        ] {
            assert_eq!(date(raw), expected, "{raw:?}");
        }
        assert_eq!(date("1er août 1990"), CalendarDate::new(1990, 8, 1));
        assert_eq!(date("3 février 2001"), CalendarDate::new(2001, 2, 3));
    }

    #[test]
    fn impossible_or_implausible_dates_are_refused() {
        for raw in [
            "30/02/1985",
            "29/02/1985",
            "12/13/1985",
            "12/03/1812",
            "00/01/1990",
            "1985",
            "12 brumaire 1985",
            "le 12/03/1985",
        ] {
            assert_eq!(date(raw), None, "{raw:?}");
        }
        assert_eq!(
            date("29/02/2000"),
            CalendarDate::new(2000, 2, 29),
            "2000 is a leap year"
        );
    }

    #[test]
    fn dates_are_found_inside_text() {
        let text = "né le 12/03/1985, arrivé 2020-01-31.";
        let found = find_dates(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].0.clone()], "12/03/1985");
        assert_eq!(found[1].1.to_string(), "2020-01-31");
    }
}
