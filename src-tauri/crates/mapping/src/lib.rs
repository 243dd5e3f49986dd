//! Mapping profiles: how the records of a CMDB export, a vendor spreadsheet or a query become
//! bodies of Dastra assets, actors, contracts or data fields, checked against Dastra's contract
//! before anything is planned.
//!
//! # The pieces
//!
//! - [`TargetSchema::for_entity`]: the writable fields of an [`Entity`], read at run time from
//!   the merged contract (`passerelle_dastra::contract`), with type, enum values, maximum
//!   length, required flag and description. Which fields are left out, and which of those
//!   rules are assumptions, is written in [`target`].
//! - [`Profile`]: a versioned JSON document ([`PROFILE_VERSION`]) naming the [`SourceSpec`],
//!   the target entity, the [`MatchKey`] (`u_number` → `ref`), the [`FieldMapping`]s (a column
//!   and a chain of [`Transform`]s each), and the [`MissingPolicy`] for Dastra records the
//!   source no longer has.
//! - [`Profile::map_record`]: one [`SourceRow`] in, one [`MappedRecord`] out: the match key,
//!   the target body, and every [`Problem`] found on the way (bad dates, unknown enum values,
//!   unresolved look-ups, lengths, required fields), each naming the row and column and saying
//!   how to fix it. [`Profile::check_columns`] reports the columns a source lacks.
//! - [`LookupTable`]: names to Dastra ids (tags, areas, actors, assets), filled by the caller.
//! - [`suggest`] and [`suggest_enum_map`]: a first draft of a profile, from column names in
//!   French or English and from sample values.
//!
//! # Example
//!
//! ```
//! use passerelle_mapping::{MemoryLookups, Profile, SourceRow};
//! use serde_json::json;
//!
//! let profile = Profile::from_json(r#"{
//!   "version": 1, "id": "servicenow-apps", "name": "ServiceNow applications",
//!   "source": { "name": "servicenow", "kind": "json", "records": "result" },
//!   "target": "asset",
//!   "key": { "column": "u_number", "target": "ref" },
//!   "fields": [
//!     { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
//!     { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] },
//!     { "target": "applicationState", "column": "install_status",
//!       "transforms": [{ "op": "valueMap", "values": { "1": "InProduction", "7": "Stopped" } }] }
//!   ],
//!   "missing": { "action": "tag" }
//! }"#)?;
//!
//! let row = SourceRow::new(1, [("u_number", "APM0001"), ("name", " Paie "), ("install_status", "1")]);
//! let record = profile.map_record(&row, &MemoryLookups::new());
//! assert_eq!(record.key.as_deref(), Some("APM0001"));
//! assert_eq!(serde_json::Value::Object(record.values), json!({
//!     "ref": "APM0001", "label": "Paie", "type": "Software", "applicationState": "InProduction"
//! }));
//! assert!(record.problems.is_empty());
//! assert_eq!(profile.missing_tag_label().as_deref(), Some("servicenow-todelete"));
//! # Ok::<(), passerelle_mapping::Error>(())
//! ```
//!
//! # Left out
//!
//! No I/O: reading sources is the connectors' job, filling look-ups and planning, applying and
//! undoing imports are the imports crate's. Custom fields (`customFields`) and nested documents
//! (contract versions, attachments) cannot be targets yet. Nothing here logs: problems quote
//! source values for the DPO and are meant for the screen and the plan file only.

#![deny(missing_docs)]

mod error;
pub mod lookup;
pub mod parse;
mod problem;
pub mod profile;
mod record;
mod similar;
pub mod suggest;
pub mod target;
pub mod transform;

pub use error::{Error, Result};
pub use lookup::{LookupKind, LookupTable, MemoryLookups, NoLookups, Resolution, Resolved};
pub use parse::DecimalMark;
pub use problem::{Problem, ProblemKind};
pub use profile::{
    FieldMapping, MatchKey, MissingPolicy, Profile, SourceKind, SourceSpec, PROFILE_VERSION,
};
pub use record::{MappedRecord, SourceRow};
pub use suggest::{suggest, suggest_enum_map, ColumnSample, Suggestion};
pub use target::{Entity, FieldType, RefShape, Referenced, TargetField, TargetSchema};
pub use transform::{Cell, Transform};
