//! Text and date helpers shared by search, filters and sorting.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// Lowercase `s` and drop the accents of Latin letters, so `Élodie` matches `elodie`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match base_letter(c) {
            Some(base) => out.push_str(base),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The unaccented lowercase form of an accented Latin letter.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā' | 'Ā' => {
            "a"
        }
        'ç' | 'Ç' | 'ć' | 'Ć' | 'č' | 'Č' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'Ē' | 'ę' | 'Ę' | 'ě' | 'Ě' => {
            "e"
        }
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'Ī' => "i",
        'ñ' | 'Ñ' | 'ń' | 'Ń' | 'ň' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ō' | 'Ō' => {
            "o"
        }
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'Ū' | 'ů' | 'Ů' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ś' | 'Ś' | 'š' | 'Š' | 'ş' | 'Ş' => "s",
        'ź' | 'Ź' | 'ż' | 'Ż' | 'ž' | 'Ž' => "z",
        'ł' | 'Ł' => "l",
        'ř' | 'Ř' => "r",
        'ğ' | 'Ğ' => "g",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' => "ss",
        // Typographic apostrophes and dashes search like their ASCII forms.
        '\u{2019}' | '\u{2018}' => "'",
        '\u{2013}' | '\u{2014}' => "-",
        _ => return None,
    })
}

/// Parse the date forms Dastra sends: RFC 3339 with an offset, a timestamp without offset
/// (taken as UTC, any number of fractional digits), or a bare date.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return Some(d.and_utc());
    }
    if let Ok(d) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M") {
        return Some(d.and_utc());
    }
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc())
}

/// `2024-03-31T09:00:00Z`: how the sandbox writes most dates.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `2024-03-31T09:00:00.1234567`: no offset and seven fractional digits, as in the 2023
/// sample of a data subject request (the client must read both forms).
pub fn stamp_dotnet(t: DateTime<Utc>) -> String {
    let ticks = t.timestamp_subsec_nanos() / 100;
    format!("{}.{ticks:07}", t.format("%Y-%m-%dT%H:%M:%S"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(
            fold("Élodie Lefèvre-Saint-Maëlle"),
            "elodie lefevre-saint-maelle"
        );
        assert_eq!(fold("Cœur d’Orléans"), "coeur d'orleans");
    }

    #[test]
    fn dates_parse_with_and_without_offset() {
        let with = parse_date("2023-09-18T10:31:30Z").unwrap();
        let without = parse_date("2023-09-18T10:31:30.6882299").unwrap();
        assert_eq!(
            (without - with).num_milliseconds(),
            688,
            "same instant, fraction kept"
        );
        assert!(
            parse_date("2023-09-18").is_some(),
            "a bare date is midnight UTC"
        );
        assert!(parse_date("Open").is_none(), "not a date");
    }

    #[test]
    fn dotnet_stamps_have_seven_digits_and_no_offset() {
        let t = parse_date("2024-01-02T03:04:05.5Z").unwrap();
        assert_eq!(stamp_dotnet(t), "2024-01-02T03:04:05.5000000");
        assert_eq!(stamp(t), "2024-01-02T03:04:05Z");
    }
}
