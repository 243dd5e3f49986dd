//! Dastra's timestamps: ISO 8601, sometimes with an offset (`2024-03-31T09:00:00Z`), sometimes
//! without (`2023-09-18T10:31:30.6882299`, read as UTC). The form received is the form sent back.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time as Dastra writes it (the default is the Unix epoch, without offset).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Timestamp {
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
    /// Fractional-second digits as received (Dastra writes 7), so the text round-trips.
    digits: u8,
}

impl Timestamp {
    /// Parse either form; `None` when the text is neither.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let digits = fraction_digits(text);
        if let Ok(t) = DateTime::parse_from_rfc3339(text) {
            let offset = Some(*t.offset());
            return Some(Timestamp {
                local: t.naive_local(),
                offset,
                digits,
            });
        }
        ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .map(|local| Timestamp {
                local,
                offset: None,
                digits,
            })
    }

    /// A UTC timestamp, written with `Z`.
    pub fn from_utc(t: DateTime<Utc>) -> Timestamp {
        let offset = Some(FixedOffset::east_opt(0).expect("zero is a valid offset"));
        Timestamp {
            local: t.naive_utc(),
            offset,
            digits: 0,
        }
    }

    /// The instant, reading an offsetless timestamp as UTC.
    pub fn to_utc(self) -> DateTime<Utc> {
        match self.offset {
            Some(off) => (self.local - off).and_utc(),
            None => self.local.and_utc(),
        }
    }

    /// Whether the text carried an offset.
    pub fn has_offset(self) -> bool {
        self.offset.is_some()
    }
}

fn fraction_digits(text: &str) -> u8 {
    let Some((_, rest)) = text.split_once('.') else {
        return 0;
    };
    rest.chars().take_while(char::is_ascii_digit).count().min(9) as u8
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.local.format("%Y-%m-%dT%H:%M:%S"))?;
        if self.digits > 0 {
            let nanos = format!("{:09}", self.local.and_utc().timestamp_subsec_nanos());
            write!(f, ".{}", &nanos[..self.digits as usize])?;
        }
        match self.offset {
            Some(off) if off.local_minus_utc() == 0 => f.write_str("Z"),
            Some(off) => write!(f, "{off}"),
            None => Ok(()),
        }
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a Dastra date-time: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_parse_and_keep_their_form() {
        let texts = [
            "2023-09-18T10:31:30.6882299",
            "2024-03-31T09:00:00Z",
            "2024-03-31T11:00:00+02:00",
        ];
        for text in texts {
            let t = Timestamp::parse(text).expect("parses");
            assert_eq!(t.to_string(), text, "written back as received");
        }
    }

    #[test]
    fn an_offsetless_time_is_read_as_utc() {
        let a = Timestamp::parse("2024-03-31T09:00:00").unwrap().to_utc();
        let b = Timestamp::parse("2024-03-31T11:00:00+02:00")
            .unwrap()
            .to_utc();
        assert_eq!(a, b, "same instant");
    }
}
