//! The mapping studio's commands: the Dastra entities a profile can target, a source opened
//! with its columns and sample values, suggestions, a live preview of the first records after
//! transformation, and the saved profiles ([`crate::mapping_store`]).
//!
//! The profile document crosses the boundary as `passerelle_mapping::Profile` itself (its
//! bindings come from that crate's `ts` feature), so what the studio draws is exactly what the
//! import engine plans with.
//!
//! Sources are read by the import engine (`passerelle_imports::read_source`): files, and SQL
//! queries and REST recipes on the vault's connections, exactly as a plan will read them; the
//! preview's look-ups are filled from the current workspace.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use passerelle_imports::{ReadAs, SourceError};
use passerelle_mapping::{
    suggest, suggest_enum_map, ColumnSample, Entity, LookupKind, MemoryLookups, Problem, Profile,
    SourceRow, SourceSpec, Suggestion, TargetSchema,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::Api;
use crate::error::{ErrorCode, IpcError};
use crate::imports_rows::ids_in;

/// The entities the studio offers, in the order it lists them.
pub const STUDIO_ENTITIES: [Entity; 3] = [Entity::Asset, Entity::Contract, Entity::Actor];

/// Sample values kept per column for the canvas.
const SAMPLES_PER_COLUMN: usize = 3;

/// Distinct values read per column for enum value maps, at most.
const DISTINCT_VALUES: usize = 40;

/// Records read for suggestions and sample values, at most.
const SAMPLE_ROWS: usize = 500;

/// Records a preview shows, at most.
pub const MAX_PREVIEW: u32 = 200;

/// A source as the studio and the import preview name it: what kind it is and how to read it
/// (the profile's own [`SourceSpec`]), and the file to read for a file source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceSpecDto {
    /// The file (CSV, XLSX, ODS, JSON); `None` for an SQL query or a REST recipe, which name
    /// their connection in `spec`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
    /// The kind of source and its options, as the profile records them.
    pub spec: SourceSpec,
}

/// `mapping_targets` takes nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MappingTargetsRequest {}

/// `mapping_targets`: every entity the studio can map onto, with its writable fields (name,
/// type and allowed values, maximum length, required flag) from Dastra's contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingTargetsResponse {
    /// Assets, contracts and actors, in that order.
    pub targets: Vec<TargetSchema>,
    /// The Dastra field each entity's match key is compared with by default (`ref`, or the
    /// name when the entity has no reference field).
    pub default_keys: Vec<DefaultKey>,
}

/// The field an entity's records are matched on unless the DPO picks another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DefaultKey {
    /// The entity.
    pub entity: Entity,
    /// Its field.
    pub field: String,
}

/// `mapping_source_open`: read a source's columns, sample values and record count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingSourceOpenRequest {
    /// The source.
    pub source: SourceSpecDto,
}

/// A source as the canvas draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceView {
    /// Its columns (headers, or dotted JSON paths), in first-seen order.
    pub columns: Vec<SourceColumn>,
    /// How many records it holds.
    pub records: u64,
    /// How it was read, for the window to word (format, encoding, delimiter, sheet; a query or
    /// a recipe on a connection).
    pub read_as: ReadAs,
}

/// One column of a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SourceColumn {
    /// Its name.
    pub name: String,
    /// A few of its non-empty values, from the first records.
    pub samples: Vec<String>,
    /// In how many of the first records (up to 500) it has a value.
    pub filled: u32,
}

/// `mapping_suggest`: propose field mappings and enum value maps for a source and an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingSuggestRequest {
    /// The source.
    pub source: SourceSpecDto,
    /// The entity to map onto.
    pub target: Entity,
}

/// What `mapping_suggest` proposes, each to be accepted or rejected by the DPO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingSuggestions {
    /// Column → field pairs, best first, each field and column at most once.
    pub fields: Vec<Suggestion>,
    /// For each suggested pair onto an enum field, source values → allowed values.
    pub enum_maps: Vec<EnumMapSuggestion>,
}

/// Source values paired with a field's allowed values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EnumMapSuggestion {
    /// The Dastra enum field.
    pub target_field: String,
    /// The source column.
    pub source_column: String,
    /// The pairs found, in the order the values appear.
    pub values: Vec<ValuePair>,
    /// Distinct source values nothing close was found for: the DPO maps them by hand.
    pub unmatched: Vec<String>,
}

/// One source value and the allowed value it probably means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ValuePair {
    /// The value in the source.
    pub from: String,
    /// The allowed value, as Dastra spells it.
    pub to: String,
    /// How close, from 0.5 to 1.
    pub score: f64,
}

/// `mapping_preview`: the first records of a source after a (draft) profile's transforms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingPreviewRequest {
    /// The source.
    pub source: SourceSpecDto,
    /// The profile as drawn so far.
    pub profile: Profile,
    /// How many records to show (at most 200).
    pub limit: u32,
}

/// The preview table: one row per source record, one cell per mapped field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MappingPreview {
    /// The target fields shown, the match key's first.
    pub fields: Vec<String>,
    /// The records.
    pub rows: Vec<PreviewRow>,
    /// Problems of the whole source (a column the profile reads that the source lacks).
    pub source_problems: Vec<Problem>,
    /// Records in the source.
    pub records: u64,
    /// Shown records without a problem.
    pub valid: u32,
    /// Shown records with at least one problem.
    pub invalid: u32,
}

/// One record of the preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewRow {
    /// The source row's number.
    pub row: u64,
    /// Its match key, when not empty.
    #[ts(optional)]
    pub key: Option<String>,
    /// One cell per field of [`MappingPreview::fields`], in that order.
    pub cells: Vec<PreviewCell>,
    /// Problems tied to no mapped field.
    pub problems: Vec<Problem>,
}

/// One cell of the preview: the value written, or the problems that kept it out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewCell {
    /// The target field.
    pub field: String,
    /// The value as Dastra would receive it; `None` when empty or refused.
    #[ts(optional, type = "unknown")]
    pub value: Option<serde_json::Value>,
    /// What a look-up's id stands for, by name (the actor, area or tag found), for the DPO.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// What is wrong with it, and how to fix it.
    pub problems: Vec<Problem>,
}

impl Api {
    /// `mapping_targets`
    pub async fn mapping_targets(
        &self,
        _req: MappingTargetsRequest,
    ) -> Result<MappingTargetsResponse, IpcError> {
        let targets: Vec<TargetSchema> = STUDIO_ENTITIES
            .iter()
            .map(|e| TargetSchema::for_entity(*e).clone())
            .collect();
        let default_keys = targets
            .iter()
            .filter_map(|t| {
                let field = ["ref", "label", "companyName", "name"]
                    .into_iter()
                    .find(|f| t.field(f).is_some())?;
                Some(DefaultKey {
                    entity: t.entity,
                    field: field.to_owned(),
                })
            })
            .collect();
        Ok(MappingTargetsResponse {
            targets,
            default_keys,
        })
    }

    /// `mapping_source_open`
    pub async fn mapping_source_open(
        &self,
        req: MappingSourceOpenRequest,
    ) -> Result<SourceView, IpcError> {
        let read = self.read_source(req.source, SAMPLE_ROWS).await?;
        let mut samples = ColumnSample::from_rows(&read.rows, SAMPLES_PER_COLUMN);
        // Columns empty in the first records still belong to the source, in header order.
        samples.sort_by_key(|c| read.headers.iter().position(|h| *h == c.name));
        for (i, header) in read.headers.iter().enumerate() {
            if !samples.iter().any(|c| c.name == *header) {
                let empty = ColumnSample {
                    name: header.clone(),
                    samples: Vec::new(),
                };
                samples.insert(i.min(samples.len()), empty);
            }
        }
        let columns = samples
            .into_iter()
            .map(|c| SourceColumn {
                filled: read
                    .rows
                    .iter()
                    .filter(|r| r.get(&c.name).is_some())
                    .count() as u32,
                name: c.name,
                samples: c.samples,
            })
            .collect();
        Ok(SourceView {
            columns,
            records: read.total,
            read_as: read.read_as,
        })
    }

    /// `mapping_suggest`
    pub async fn mapping_suggest(
        &self,
        req: MappingSuggestRequest,
    ) -> Result<MappingSuggestions, IpcError> {
        if !STUDIO_ENTITIES.contains(&req.target) {
            let msg = format!(
                "the studio maps assets, contracts and actors, not {}",
                req.target
            );
            return Err(IpcError::new(ErrorCode::Unsupported, msg));
        }
        let read = self.read_source(req.source, SAMPLE_ROWS).await?;
        let schema = TargetSchema::for_entity(req.target);
        let samples = ColumnSample::from_rows(&read.rows, DISTINCT_VALUES);
        let fields = suggest(&samples, schema);

        let mut enum_maps = Vec::new();
        for s in &fields {
            let allowed = schema
                .field(&s.target_field)
                .and_then(|f| f.ty.enum_values());
            let Some(allowed) = allowed else { continue };
            let distinct = distinct_values(&read.rows, &s.source_column);
            let values: Vec<ValuePair> = suggest_enum_map(&distinct, allowed)
                .into_iter()
                .map(|(from, to, score)| ValuePair { from, to, score })
                .collect();
            let unmatched = distinct
                .into_iter()
                .filter(|v| !values.iter().any(|p| p.from == *v))
                .collect();
            enum_maps.push(EnumMapSuggestion {
                target_field: s.target_field.clone(),
                source_column: s.source_column.clone(),
                values,
                unmatched,
            });
        }
        Ok(MappingSuggestions { fields, enum_maps })
    }

    /// `mapping_preview`
    pub async fn mapping_preview(
        &self,
        req: MappingPreviewRequest,
    ) -> Result<MappingPreview, IpcError> {
        req.profile.check().map_err(invalid)?;
        let limit = req.limit.clamp(1, MAX_PREVIEW) as usize;
        let read = self.read_source(req.source, limit).await?;
        let lookups = self.lookups_for(&req.profile).await?;
        Ok(preview(
            &req.profile,
            &read.rows,
            &read.headers,
            read.total,
            &lookups,
        ))
    }
}

/// Map `rows` with `profile` and lay the result out cell by cell.
fn preview(
    profile: &Profile,
    rows: &[SourceRow],
    headers: &[String],
    total: u64,
    lookups: &MemoryLookups,
) -> MappingPreview {
    let mut fields = vec![profile.key.target.clone()];
    fields.extend(profile.fields.iter().map(|m| m.target.clone()));
    // The look-up kind of each field that ends on one, to name the ids it gives.
    let kinds: HashMap<&str, LookupKind> = profile
        .fields
        .iter()
        .filter_map(|m| Some((m.target.as_str(), m.lookup_kind()?)))
        .collect();
    let label = |field: &str, value: Option<&serde_json::Value>| {
        let kind = *kinds.get(field)?;
        let names: Option<Vec<&str>> = ids_in(value?)
            .iter()
            .map(|id| lookups.label_of(kind, id))
            .collect();
        names.filter(|n| !n.is_empty()).map(|n| n.join(", "))
    };
    let source_problems = profile.check_columns(headers);

    let mut valid = 0;
    let mut out_rows = Vec::with_capacity(rows.len());
    for row in rows {
        let mut record = profile.map_record(row, lookups);
        if record.is_valid() {
            valid += 1;
        }
        let cells = fields
            .iter()
            .map(|f| {
                let value = record.values.remove(f);
                PreviewCell {
                    field: f.clone(),
                    label: label(f, value.as_ref()),
                    value,
                    problems: Vec::new(),
                }
            })
            .collect::<Vec<_>>();
        let mut out = PreviewRow {
            row: record.row,
            key: record.key,
            cells,
            problems: Vec::new(),
        };
        for problem in record.problems {
            let cell = problem
                .field
                .as_ref()
                .and_then(|f| out.cells.iter_mut().find(|c| c.field == *f));
            match cell {
                Some(cell) => cell.problems.push(problem),
                None => out.problems.push(problem),
            }
        }
        out_rows.push(out);
    }
    let invalid = out_rows.len() as u32 - valid;
    MappingPreview {
        fields,
        rows: out_rows,
        source_problems,
        records: total,
        valid,
        invalid,
    }
}

/// The distinct non-empty values of `column`, in first-seen order, up to [`DISTINCT_VALUES`].
fn distinct_values(rows: &[SourceRow], column: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for value in rows.iter().filter_map(|r| r.get(column)) {
        let value = value.trim();
        if !value.is_empty() && seen.insert(value.to_owned()) {
            out.push(value.to_owned());
            if out.len() == DISTINCT_VALUES {
                break;
            }
        }
    }
    out
}

/// What reading a source gave: its first records, its headers, and how many records it holds.
pub(crate) struct ReadSource {
    pub rows: Vec<SourceRow>,
    pub headers: Vec<String>,
    pub total: u64,
    pub read_as: ReadAs,
}

impl Api {
    /// Read a source through the import engine (files, SQL queries and REST recipes on the
    /// vault's connections), keeping its first `keep` records.
    pub(crate) async fn read_source(
        &self,
        source: SourceSpecDto,
        keep: usize,
    ) -> Result<ReadSource, IpcError> {
        let mut data = self.read_whole_source(source).await?;
        let total = data.rows.len() as u64;
        data.rows.truncate(keep);
        Ok(ReadSource {
            rows: data.rows,
            headers: data.headers,
            total,
            read_as: data.read_as,
        })
    }

    /// Read the whole of a source through the import engine.
    async fn read_whole_source(
        &self,
        source: SourceSpecDto,
    ) -> Result<passerelle_imports::SourceData, IpcError> {
        let spec = self.run_spec(source)?;
        passerelle_imports::read_source(&spec, Some(&self.vault))
            .await
            .map_err(|e| self.source_error(e, Some(&spec)))
    }

    /// Open a source through the import engine for reading row by row, with the run's spec.
    pub(crate) async fn open_source(
        &self,
        source: SourceSpecDto,
    ) -> Result<
        (
            passerelle_imports::SourceSpec,
            passerelle_imports::SourceStream,
        ),
        IpcError,
    > {
        let spec = self.run_spec(source)?;
        let stream = passerelle_imports::open_source(&spec, Some(&self.vault))
            .await
            .map_err(|e| self.source_error(e, Some(&spec)))?;
        Ok((spec, stream))
    }

    /// The look-up table `profile` needs, filled from the current workspace (for the studio's
    /// preview and for a plan).
    pub(crate) async fn lookups_for(&self, profile: &Profile) -> Result<MemoryLookups, IpcError> {
        let client = self.current_client();
        passerelle_imports::fetch_lookups(&client, profile, crate::imports_run::PAGE_SIZE)
            .await
            .map_err(|e| {
                crate::refusal::workspace_error(crate::refusal::WorkspaceReading::Lookups, e)
            })
    }
}

impl Api {
    /// The engine's source spec of a source named in the window (its file path trimmed).
    fn run_spec(&self, source: SourceSpecDto) -> Result<passerelle_imports::SourceSpec, IpcError> {
        let path = source
            .path
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(PathBuf::from);
        passerelle_imports::SourceSpec::from_profile(&source.spec, path.as_deref())
            .map_err(|e| self.source_error(e, None))
    }

    /// A source's refusal for the window (see [`crate::refusal`]).
    pub(crate) fn source_error(
        &self,
        e: SourceError,
        spec: Option<&passerelle_imports::SourceSpec>,
    ) -> IpcError {
        crate::refusal::source_error(e, spec, &self.vault)
    }
}

/// A mapping error, for the DPO to correct.
pub(crate) fn invalid(e: passerelle_mapping::Error) -> IpcError {
    IpcError::new(ErrorCode::Invalid, e.to_string())
}
