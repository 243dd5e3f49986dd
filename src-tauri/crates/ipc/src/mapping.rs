//! The mapping studio's commands: the Dastra entities a profile can target, a source opened
//! with its columns and sample values, suggestions, a live preview of the first records after
//! transformation, and the saved profiles ([`crate::mapping_store`]).
//!
//! The profile document crosses the boundary as `passerelle_mapping::Profile` itself (its
//! bindings come from that crate's `ts` feature), so what the studio draws is exactly what the
//! import engine plans with.
//!
//! NOTE: sources are read here through the connectors' file readers (CSV, XLSX, ODS, JSON and
//! NDJSON) until the import engine reads every source kind itself; SQL queries and REST recipes
//! are refused as unsupported until then.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use passerelle_connectors::files::{read_file, FileError, Piece, ReadOptions};
use passerelle_mapping::{
    suggest, suggest_enum_map, ColumnSample, Entity, NoLookups, Problem, Profile, SourceKind,
    SourceRow, SourceSpec, Suggestion, TargetSchema,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::api::Api;
use crate::error::{ErrorCode, IpcError};

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
    /// The format it was read as (`JSON`, `CSV`…).
    pub format: String,
    /// The text encoding found, for text formats.
    #[ts(optional)]
    pub encoding: Option<String>,
    /// The delimiter found in a CSV file.
    #[ts(optional, as = "Option<String>")]
    pub delimiter: Option<char>,
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
        let read = read_source(req.source, SAMPLE_ROWS).await?;
        let columns = ColumnSample::from_rows(&read.rows, SAMPLES_PER_COLUMN)
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
            format: read.format,
            encoding: read.encoding,
            delimiter: read.delimiter,
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
        let read = read_source(req.source, SAMPLE_ROWS).await?;
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
        let read = read_source(req.source, limit).await?;
        let headers = read.headers();
        Ok(preview(&req.profile, &read.rows, &headers, read.total))
    }
}

/// Map `rows` with `profile` and lay the result out cell by cell.
fn preview(
    profile: &Profile,
    rows: &[SourceRow],
    headers: &[String],
    total: u64,
) -> MappingPreview {
    let mut fields = vec![profile.key.target.clone()];
    fields.extend(profile.fields.iter().map(|m| m.target.clone()));
    let source_problems = profile.check_columns(headers);

    let mut valid = 0;
    let mut out_rows = Vec::with_capacity(rows.len());
    for row in rows {
        // TODO(imports): look-ups against the workspace once the engine fills them.
        let mut record = profile.map_record(row, &NoLookups);
        if record.is_valid() {
            valid += 1;
        }
        let cells = fields
            .iter()
            .map(|f| PreviewCell {
                field: f.clone(),
                value: record.values.remove(f),
                problems: Vec::new(),
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

/// What reading a source gave: its first records, and how many it holds.
pub(crate) struct ReadSource {
    pub rows: Vec<SourceRow>,
    pub total: u64,
    pub format: String,
    pub encoding: Option<String>,
    pub delimiter: Option<char>,
}

impl ReadSource {
    /// Every field name of the rows read, in first-seen order.
    fn headers(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (name, _) in self.rows.iter().flat_map(|r| &r.fields) {
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
        out
    }
}

/// Read the first `keep` records of a file source, counting them all.
pub(crate) async fn read_source(
    source: SourceSpecDto,
    keep: usize,
) -> Result<ReadSource, IpcError> {
    let (path, filter) = file_of(&source)?;
    tokio::task::spawn_blocking(move || read_file_source(&path, filter, keep))
        .await
        .map_err(|e| IpcError::new(ErrorCode::Internal, format!("BUG: source reader died: {e}")))?
}

/// Which records of a file belong to the source: those under a JSON key, or of one sheet.
enum Filter {
    All,
    Sheet(String),
    FirstSheet,
}

fn file_of(source: &SourceSpecDto) -> Result<(PathBuf, Filter), IpcError> {
    let filter = match &source.spec.kind {
        SourceKind::Json { records: Some(key) } => Filter::Sheet(key.clone()),
        SourceKind::Json { records: None } | SourceKind::Csv { .. } => Filter::All,
        SourceKind::Xlsx { sheet: Some(sheet) } => Filter::Sheet(sheet.clone()),
        SourceKind::Xlsx { sheet: None } => Filter::FirstSheet,
        SourceKind::Sql { .. } | SourceKind::Rest { .. } => {
            let msg = "the studio reads files for now (CSV, Excel, OpenDocument, JSON): SQL \
                       queries and REST recipes come with the import engine's sources";
            return Err(IpcError::new(ErrorCode::Unsupported, msg));
        }
    };
    match source.path.as_deref().map(str::trim) {
        Some(path) if !path.is_empty() => Ok((PathBuf::from(path), filter)),
        _ => Err(IpcError::new(
            ErrorCode::Invalid,
            "no file chosen: choose the file to read",
        )),
    }
}

fn read_file_source(path: &Path, filter: Filter, keep: usize) -> Result<ReadSource, IpcError> {
    let mut rows = Vec::new();
    let mut total = 0u64;
    let mut first_sheet: Option<String> = None;
    let mut keys = BTreeSet::new();
    let mut sink = |piece: Piece<'_>| {
        let Piece::Record { at, fields } = piece else {
            return ControlFlow::Continue(());
        };
        if let Some(sheet) = &at.sheet {
            keys.insert(sheet.clone());
        }
        let wanted = match &filter {
            Filter::All => true,
            Filter::Sheet(name) => at.sheet.as_deref() == Some(name.as_str()),
            Filter::FirstSheet => {
                let first = first_sheet.get_or_insert_with(|| at.sheet.clone().unwrap_or_default());
                at.sheet.clone().unwrap_or_default() == *first
            }
        };
        if wanted {
            total += 1;
            if rows.len() < keep {
                let number = at.row.or(at.line).unwrap_or(total);
                rows.push(SourceRow::new(number, fields.iter().cloned()));
            }
        }
        ControlFlow::Continue(())
    };
    let summary = read_file(path, &ReadOptions::default(), &mut sink).map_err(file_error)?;

    if total == 0 {
        let msg = match &filter {
            Filter::Sheet(name) if !keys.is_empty() => format!(
                "{} has no records under « {name} »; it has: {}. Correct the records path \
                 or the sheet name",
                path.display(),
                keys.into_iter().collect::<Vec<_>>().join(", ")
            ),
            _ => format!(
                "{} holds no records: check that it is the export you meant, with a header row",
                path.display()
            ),
        };
        return Err(IpcError::new(ErrorCode::Invalid, msg));
    }
    Ok(ReadSource {
        rows,
        total,
        format: summary.format.label().to_owned(),
        encoding: summary.encoding,
        delimiter: summary.delimiter,
    })
}

fn file_error(e: FileError) -> IpcError {
    let code = match &e {
        FileError::NotFound { .. } => ErrorCode::NotFound,
        _ => ErrorCode::Invalid,
    };
    IpcError::new(code, e.to_string())
}

/// A mapping error, for the DPO to correct.
pub(crate) fn invalid(e: passerelle_mapping::Error) -> IpcError {
    IpcError::new(ErrorCode::Invalid, e.to_string())
}
