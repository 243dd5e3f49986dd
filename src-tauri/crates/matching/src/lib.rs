//! The matching core of DSAR discovery: who the data subject is, how her identifiers are
//! spelled elsewhere, whether a value or a record is about her, and what other personal data
//! a finding contains.
//!
//! When a subject access request arrives, the DPO must find everything the organisation holds
//! about the person, across databases, files and SaaS tools. Exact search misses most of it:
//! `Élodie` is stored as `ELODIE`, the phone as `06.12.34.56.78`, the customer number as
//! `cl004512`. This crate turns the request into an [`IdentitySet`], normalises every
//! identifier ([`normalize`]), and matches values against them with a [`Matcher`] that says
//! *why* each match holds, in French or English, so the DPO can defend every finding.
//!
//! # Main types
//!
//! - [`IdentitySet`] of [`Identifier`]s (kind, value, label, [`Provenance`]), built with
//!   [`IdentitySet::from_request`] from a Dastra `DataSubjectRequestDto` and grown with
//!   [`IdentitySet::add`];
//! - [`Matcher`], built once per set with [`MatchOptions`]:
//!   - [`Matcher::match_value`] finds identifiers in a text or cell: [`Hit`]s with a [`Rule`],
//!     a score and the byte span in the original value;
//!   - [`Matcher::match_record`] grades a row: a [`RecordMatch`] with a [`Confidence`]
//!     (certain, likely, possible) and the [`Reason`]s, [`RecordMatch::explain`] in a [`Lang`];
//!   - [`Matcher::search_terms`] gives the [`SearchTerm`]s a source can prefilter on;
//!   - [`Matcher::prefilter`] gives a [`Prefilter`], a byte-level screen that rules out
//!     files (or lines) that cannot hold a match, before they are parsed;
//! - [`pii::detect`] flags other personal data in a text (e-mails, phones, IBANs, NIRs,
//!   SIREN/SIRET, payment cards, IP addresses, dates of birth), checksums verified.
//!
//! # Example
//!
//! ```
//! use passerelle_dastra::models::DataSubjectRequestDto;
//! use passerelle_matching::{Confidence, IdentitySet, Lang, MatchOptions, Matcher};
//!
//! let request = DataSubjectRequestDto {
//!     given_name: Some("Élodie".into()),
//!     family_name: Some("Dupont-Martin".into()),
//!     phone_number: Some("06 12 34 56 78".into()),
//!     ..Default::default()
//! };
//! let matcher = Matcher::new(&IdentitySet::from_request(&request), &MatchOptions::default());
//!
//! let row = [("nom", "DUPONT MARTIN"), ("prenom", "elodie"), ("tel", "+33 6 12 34 56 78")];
//! let found = matcher.match_record(&row).expect("her row");
//! assert_eq!(found.confidence, Confidence::Certain);
//! println!("{}", found.explain(Lang::En));
//! ```
//!
//! # What it leaves out
//!
//! Reading sources (files, SQL, SaaS APIs), running jobs, storing findings and building the
//! evidence package belong to `passerelle-discovery`, built on this crate. This one does no
//! I/O, holds no state between calls, and has no errors: a value that cannot be read as what
//! was asked gives `None` or no hit. It never logs, so personal data cannot leak through it
//! into logs.

#![deny(missing_docs)]

mod date;
pub mod identity;
mod matcher;
mod names;
pub mod normalize;
pub mod pii;
mod prefilter;
mod record;
mod rule;
mod scan;

pub use identity::{Identifier, IdentifierKind, IdentitySet, Provenance};
pub use matcher::{Hit, MatchOptions, Matcher, SearchTerm, TermMatch};
pub use prefilter::{Prefilter, Syntax};
pub use record::{Confidence, FieldHit, Reason, RecordMatch};
pub use rule::{Lang, NamePart, Rule};
