//! The audit log: an append-only, hash-chained record of every action that reads personal data
//! or writes to Dastra, kept in the app's SQLite database (`passerelle.db`, table
//! `audit_entries`) beside the findings.
//!
//! An entry says who acted ([`Actor`]: the OS user or the reviewer, as the caller names them),
//! what was done ([`AuditAction`]), when (UTC, to the microsecond), about which Dastra request
//! and which job or import, on which one thing ([`Id`]), and how much ([`Counts`]). It never
//! says *what* was seen: there is no free text field. Actions and count names are a fixed
//! vocabulary, and the job and target are ids, refused when they do not look like one.
//!
//! [`AuditLog::append`] numbers each entry (`seq` 1, 2, …) and chains it to the one before it by
//! hash, inside a `BEGIN IMMEDIATE` transaction so that two writers queue and never fork the
//! chain. [`AuditLog::verify`] walks the chain and names the first broken entry;
//! [`AuditLog::list`] filters and pages, newest first; [`AuditLog::export`] writes everything as
//! JSON or CSV with the [`Head`].
//!
//! # The hash, for an auditor
//!
//! Each entry's `hash` is the SHA-256, written as 64 lowercase hex digits, of this UTF-8 text:
//! ten lines, each ended by a line feed (`\n`, byte 0x0A) including the last, no other
//! whitespace:
//!
//! ```text
//! passerelle-audit/1
//! seq:<seq>
//! time:<time>
//! actor:<actor>
//! action:<action>
//! request:<request>
//! job:<job>
//! target:<target>
//! counts:<counts>
//! prev:<prev_hash>
//! ```
//!
//! - `<seq>` is the entry number in decimal (1, 2, …); `<request>` the Dastra request id in
//!   decimal; neither has leading zeros or a `+`;
//! - `<time>` is `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC, always 27 characters;
//! - `<actor>` is the actor exactly as stored (it holds no control characters);
//! - `<action>` is the camelCase action name, as stored (`findingReviewed`);
//! - `<request>`, `<job>` and `<target>` are empty when absent;
//! - `<counts>` is `name=value` for each count, sorted by name (byte order), joined by `,`, and
//!   empty when there are none: `findings=12,included=9`;
//! - `<prev_hash>` is the previous entry's `hash`, or 64 zeros for entry 1.
//!
//! The stored columns (and the exports) hold these values as they are hashed, except the counts,
//! which are stored as a JSON object (`{"findings":12,"included":9}`). For example, the entry
//!
//! ```text
//! passerelle-audit/1
//! seq:1
//! time:2026-01-02T03:04:05.678901Z
//! actor:dpo.martin
//! action:findingReviewed
//! request:1012
//! job:6f1c2a9e-0b7d-4c1e-9a55-3f0f8d2b1c77
//! target:42
//! counts:findings=12,included=9
//! prev:0000000000000000000000000000000000000000000000000000000000000000
//! ```
//!
//! has the hash `952da71136bcf1a17ec0718a198143587802f815c544db5bb8166e2a484b16e1`. In Python:
//!
//! ```text
//! import csv, hashlib
//! prev = "0" * 64
//! rows = csv.DictReader(open("audit.csv", encoding="utf-8", newline=""))
//! for r in (r for r in rows if r["record"] == "entry"):
//!     text = (f"passerelle-audit/1\nseq:{r['seq']}\ntime:{r['time']}\nactor:{r['actor']}\n"
//!             f"action:{r['action']}\nrequest:{r['request']}\njob:{r['job']}\n"
//!             f"target:{r['target']}\ncounts:{r['counts']}\nprev:{prev}\n")
//!     assert hashlib.sha256(text.encode()).hexdigest() == r["hash"], r["seq"]
//!     prev = r["hash"]
//! ```
//!
//! # What the chain does not show
//!
//! Removing entries from the end leaves a shorter chain that is still valid. The [`Head`] (the
//! last entry's number and hash, from [`AuditLog::head`], in every export and printed by
//! `passerelle audit verify`) is meant to be kept elsewhere; [`AuditLog::verify_against`] then
//! notices that the log was cut back. Times are recorded, not checked: a clock set back shows in
//! the times only. The `audit_entries` triggers refuse `UPDATE` and `DELETE` from honest code;
//! someone who has the file can drop them, and the chain is what shows their edit.
//!
//! # Example
//!
//! ```no_run
//! # async fn demo(data: &std::path::Path) -> passerelle_audit::Result<()> {
//! use passerelle_audit::*;
//!
//! let log = AuditLog::open(&data.join("passerelle.db")).await?;
//! let event = AuditEvent::new(Actor::new("dpo.martin")?, AuditAction::FindingReviewed)
//!     .request(1012)
//!     .job(Id::job("6f1c2a9e-0b7d-4c1e-9a55-3f0f8d2b1c77")?)
//!     .count(Count::Findings, 12)
//!     .count(Count::Included, 9);
//! let entry = log.append(&event).await?;
//! let report = log.verify().await?;
//! assert!(report.ok, "entry {} is chained", entry.seq);
//! # Ok(()) }
//! ```
//!
//! # Layout
//!
//! - `event`: [`AuditEvent`], [`AuditAction`], [`Count`], [`Actor`], [`Id`];
//! - `entry`: [`AuditEntry`], its canonical text and hash, [`Head`];
//! - `log`: [`AuditLog`], [`AuditFilter`], [`VerifyReport`];
//! - `export`: [`ExportFormat`].
//!
//! Logging is at debug level and holds entry numbers, actions and counts only.

#![deny(missing_docs)]

mod entry;
mod error;
mod event;
mod export;
mod log;

pub use entry::{AuditEntry, Head, FORMAT, GENESIS};
pub use error::{Error, Result};
pub use event::{Actor, AuditAction, AuditEvent, Count, Counts, Id};
pub use export::{ExportFormat, ExportSummary};
pub use log::{AuditFilter, AuditLog, AuditPage, BrokenLink, BrokenReason, VerifyReport};
