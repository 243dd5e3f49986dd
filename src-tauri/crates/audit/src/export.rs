//! Exports: every entry, oldest first, and the head, as JSON or CSV.
//!
//! Both carry each entry's fields exactly as hashed (the time in its fixed-width form, the
//! counts by name), so an auditor can recompute the chain from the export alone.

use std::io::Write;
use std::str::FromStr;

use serde::Serialize;

use crate::entry::{counts_text, time_text, AuditEntry, Head, FORMAT};
use crate::error::{Error, Result};
use crate::log::AuditLog;

/// How to write an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// One JSON document: `{"format", "head", "entries": [...]}`.
    Json,
    /// A CSV table with a header; each row is an `entry`, and a last `head` row holds the
    /// head's number and hash.
    Csv,
}

impl FromStr for ExportFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<ExportFormat> {
        match s {
            "json" => Ok(ExportFormat::Json),
            "csv" => Ok(ExportFormat::Csv),
            other => Err(Error::UnknownName {
                what: "export format",
                word: other.to_string(),
                known: "json, csv".to_string(),
            }),
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    /// How many entries.
    pub entries: u64,
    /// The last one, if any.
    pub head: Option<Head>,
}

#[derive(Serialize)]
struct JsonExport<'a> {
    format: &'static str,
    head: Option<&'a Head>,
    entries: &'a [AuditEntry],
}

const CSV_HEADER: [&str; 11] = [
    "record",
    "seq",
    "time",
    "actor",
    "action",
    "request",
    "job",
    "target",
    "counts",
    "prev_hash",
    "hash",
];

impl AuditLog {
    /// Write every entry, oldest first, and the head to `writer` as `format`. The writer gets
    /// the whole export or an error; making the file appear whole is the caller's part (write
    /// to a temporary file, then rename).
    ///
    /// Errors: [`Error::Corrupt`] when an entry does not decode (run [`AuditLog::verify`]),
    /// [`Error::Export`] when the writer fails.
    pub async fn export<W: Write + Send>(
        &self,
        mut writer: W,
        format: ExportFormat,
    ) -> Result<ExportSummary> {
        let entries = self.entries().await?;
        let head = entries.last().map(AuditEntry::head);
        let io = |source| Error::Export { source };
        match format {
            ExportFormat::Json => {
                let document = JsonExport {
                    format: FORMAT,
                    head: head.as_ref(),
                    entries: &entries,
                };
                serde_json::to_writer_pretty(&mut writer, &document)
                    .map_err(|e| io(std::io::Error::other(e)))?;
                writer.write_all(b"\n").map_err(io)?;
            }
            ExportFormat::Csv => write_csv(&mut writer, &entries, head.as_ref())?,
        }
        writer.flush().map_err(io)?;
        Ok(ExportSummary {
            entries: entries.len() as u64,
            head,
        })
    }
}

fn write_csv(writer: &mut impl Write, entries: &[AuditEntry], head: Option<&Head>) -> Result<()> {
    let mut csv = csv::Writer::from_writer(writer);
    let failed = |e: csv::Error| Error::Export {
        source: std::io::Error::other(e),
    };
    csv.write_record(CSV_HEADER).map_err(failed)?;
    let optional = |v: Option<String>| v.unwrap_or_default();
    for entry in entries {
        csv.write_record([
            "entry".to_string(),
            entry.seq.to_string(),
            time_text(entry.time),
            entry.actor.to_string(),
            entry.action.to_string(),
            optional(entry.request.map(|r| r.to_string())),
            optional(entry.job.as_ref().map(ToString::to_string)),
            optional(entry.target.as_ref().map(ToString::to_string)),
            counts_text(&entry.counts),
            entry.prev_hash.clone(),
            entry.hash.clone(),
        ])
        .map_err(failed)?;
    }
    if let Some(head) = head {
        let seq = head.seq.to_string();
        let mut row = [""; 11];
        (row[0], row[1], row[10]) = ("head", &seq, &head.hash);
        csv.write_record(row).map_err(failed)?;
    }
    csv.flush().map_err(|source| Error::Export { source })
}
