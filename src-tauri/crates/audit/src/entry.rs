//! A recorded entry, its canonical text and its hash (the format is in the crate docs).

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::event::{Actor, AuditAction, Counts, Id};

/// The first line of every canonical text; it changes if the format ever does.
pub const FORMAT: &str = "passerelle-audit/1";

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the log, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    /// Its place in the chain: 1, 2, … with no gap.
    pub seq: u64,
    /// When it was recorded (UTC, to the microsecond).
    #[serde(with = "fixed_time")]
    pub time: DateTime<Utc>,
    /// Who acted.
    pub actor: Actor,
    /// What was done.
    pub action: AuditAction,
    /// The Dastra request concerned, if any.
    pub request: Option<i64>,
    /// The job or import concerned, if any.
    pub job: Option<Id>,
    /// The one thing acted on, if any.
    pub target: Option<Id>,
    /// How much.
    pub counts: Counts,
    /// The previous entry's hash ([`GENESIS`] for the first).
    pub prev_hash: String,
    /// SHA-256 of [`AuditEntry::canonical_text`], lowercase hex.
    pub hash: String,
}

impl AuditEntry {
    /// The text the hash is taken over, exactly as the crate docs describe it.
    pub fn canonical_text(&self) -> String {
        let mut text = String::with_capacity(256);
        let optional = |v: Option<String>| v.unwrap_or_default();
        // Writing to a String cannot fail.
        let _ = write!(
            text,
            "{FORMAT}\nseq:{}\ntime:{}\nactor:{}\naction:{}\nrequest:{}\njob:{}\ntarget:{}\n\
             counts:{}\nprev:{}\n",
            self.seq,
            time_text(self.time),
            self.actor,
            self.action,
            optional(self.request.map(|r| r.to_string())),
            optional(self.job.as_ref().map(Id::to_string)),
            optional(self.target.as_ref().map(Id::to_string)),
            counts_text(&self.counts),
            self.prev_hash,
        );
        text
    }

    /// The hash this entry should have: SHA-256 of its canonical text, lowercase hex.
    pub fn computed_hash(&self) -> String {
        hex(&Sha256::digest(self.canonical_text().as_bytes()))
    }

    /// This entry as the head of the chain.
    pub fn head(&self) -> Head {
        Head {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }
}

/// The last entry of the chain: its number and hash. Kept outside the database (shown,
/// exported, written down), it lets a truncated log be noticed, which the chain alone cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    /// The last entry's number.
    pub seq: u64,
    /// The last entry's hash.
    pub hash: String,
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.seq, self.hash)
    }
}

/// `name=value` pairs sorted by name, joined by commas; empty when there are none.
pub(crate) fn counts_text(counts: &Counts) -> String {
    let mut pairs: Vec<(&str, u64)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    pairs.sort_unstable();
    let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    pairs.join(",")
}

/// Fixed-width UTC text: `2026-01-02T03:04:05.678901Z`, 27 characters, sorts as it compares.
pub(crate) fn time_text(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(text: &str) -> Option<DateTime<Utc>> {
    let parsed = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    (time_text(parsed) == text).then_some(parsed)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Serde for entry times in their fixed-width form, so exports carry the hashed text.
mod fixed_time {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::time_text(*time))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_time(&text).ok_or_else(|| {
            serde::de::Error::custom("not a fixed-width UTC time (2026-01-02T03:04:05.678901Z)")
        })
    }
}
