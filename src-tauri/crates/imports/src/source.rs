//! Reading an import's source through the connectors: a file (CSV, XLSX/ODS, JSON, NDJSON),
//! a query on an SQL connection, or a REST recipe on an HTTP API connection, each yielding the
//! [`SourceRow`]s the mapping reads, numbered, with the source's column names.
//!
//! A [`SourceSpec`] is the concrete source of one run: where a profile's
//! [`passerelle_mapping::SourceSpec`] says what kind of source it reads, the run says which
//! file ([`SourceSpec::from_profile`]). Files are read strictly
//! ([`passerelle_connectors::files::read_table`]: the first row is the header, duplicate
//! headers, ragged rows, binary content and wrong encodings are refused); databases through a
//! read-only session ([`passerelle_connectors::sql::search::SqlSession::query_rows`]); APIs
//! with the connection's authentication and the recipe's pagination
//! ([`passerelle_connectors::recipe::run_recipe`]), refusing a run stopped by a cap, since
//! an import of part of a source would report the rest as missing.
//!
//! [`SourceData::check_profile`] then refuses a profile reading columns the source lacks,
//! before anything is planned.
//!
//! [`read_source`] keeps every row; [`open_source`] opens the same sources for reading row by
//! row ([`SourceStream`]: its headers first, then each row handed over and dropped), which is
//! how [`crate::plan_source`] plans a big export without holding its rows.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use passerelle_connectors::files::{open_table, Format, TableError, TableOptions, TableReader};
use passerelle_connectors::recipe::{run_recipe, Recipe, RecipeOptions, RecipeValues};
use passerelle_connectors::sql::query::TextQuery;
use passerelle_connectors::sql::search::SqlSession;
use passerelle_connectors::Failure;
use passerelle_mapping::{Problem, Profile, SourceKind, SourceRow};
use passerelle_vault::{Settings, Vault};
use serde::{Deserialize, Serialize};

/// The source of one import run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum SourceSpec {
    /// A CSV (or TSV) file.
    Csv {
        /// The file.
        path: PathBuf,
        /// The delimiter; detected when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delimiter: Option<char>,
        /// The encoding (`windows-1252`); detected when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        encoding: Option<String>,
    },
    /// An XLSX or ODS workbook (told apart by the extension).
    Xlsx {
        /// The file.
        path: PathBuf,
        /// The sheet; the first one when not given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
    },
    /// A JSON document, or NDJSON lines (told apart by the content).
    Json {
        /// The file.
        path: PathBuf,
        /// The dotted path of the records (`result`); the document is the array when not
        /// given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        records: Option<String>,
    },
    /// A read-only query on a PostgreSQL, MySQL/MariaDB or SQLite connection.
    Sql {
        /// The connection, by id or name.
        connection: String,
        /// The query (`SELECT …`).
        query: String,
    },
    /// A REST recipe on an HTTP API connection: its first request, searched by `any` and
    /// without a `{value}` in its templates, lists the records; its pagination is followed.
    Rest {
        /// The connection, by id or name.
        connection: String,
        /// The recipe file (JSON, as for discovery).
        recipe: PathBuf,
    },
}

/// A source read: its column names and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceData {
    /// The column names (a header, a query's columns, or every field path of the records).
    pub headers: Vec<String>,
    /// The rows, each numbered as a person finds it in the source.
    pub rows: Vec<SourceRow>,
    /// How it was read (a file's format, encoding, delimiter and sheet; a query or a recipe
    /// on a connection).
    pub read_as: ReadAs,
}

/// How a source was read, in parts a window words in its own language. Displayed, it is the
/// English the CLI prints (`CSV, windows-1252, delimiter « ; »`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ReadAs {
    /// A file, read as a table.
    #[serde(rename_all = "camelCase")]
    File {
        /// Its format, as people name it (`CSV`, `XLSX`, `JSON`).
        format: String,
        /// The encoding it was decoded from, for a text file (`windows-1252`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        encoding: Option<String>,
        /// The delimiter of a CSV file, escaped where it is invisible (`\t`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        delimiter: Option<String>,
        /// The sheet of a workbook.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        sheet: Option<String>,
    },
    /// An SQL query on a saved connection.
    Query {
        /// The connection's name.
        connection: String,
    },
    /// A REST recipe's first request on a saved connection.
    Recipe {
        /// The recipe's name.
        recipe: String,
        /// The connection's name.
        connection: String,
    },
}

impl std::fmt::Display for ReadAs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadAs::File {
                format,
                encoding,
                delimiter,
                sheet,
            } => {
                f.write_str(format)?;
                if let Some(encoding) = encoding {
                    write!(f, ", {encoding}")?;
                }
                if let Some(delimiter) = delimiter {
                    write!(f, ", delimiter « {delimiter} »")?;
                }
                if let Some(sheet) = sheet {
                    write!(f, ", sheet « {sheet} »")?;
                }
                Ok(())
            }
            ReadAs::Query { connection } => write!(f, "query on « {connection} »"),
            ReadAs::Recipe { recipe, connection } => {
                write!(f, "recipe « {recipe} » on « {connection} »")
            }
        }
    }
}

/// Why a source could not be read. Messages say what, where and how to fix it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SourceError {
    /// A file could not be read as a table.
    #[error(transparent)]
    Table(#[from] TableError),
    /// The profile reads a file and no file was given.
    #[error("the profile reads a {kind} file: name the file to import")]
    NoPath {
        /// The kind of file.
        kind: &'static str,
    },
    /// The connection could not be found or opened in the vault.
    #[error("connection « {name} »: {message}")]
    Connection {
        /// The connection asked for.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// The database or API refused or failed; the text ends with what it answered, when it did.
    #[error("{}", remote_text(.0))]
    Remote(Failure),
    /// The recipe file could not be read, or does not parse as a recipe.
    #[error("{}", remote_text(failure))]
    Recipe {
        /// The recipe file.
        path: PathBuf,
        /// What is wrong with it (`notFound`, or `invalidSettings` naming the field).
        failure: Failure,
    },
    /// A recipe stopped by its `maxPages` or `maxRecords` before the end of the records.
    #[error(
        "the recipe « {recipe} » stopped at its cap after {records} records, so the import \
         would see part of the source: raise maxPages and maxRecords in the recipe"
    )]
    Capped {
        /// The recipe's name.
        recipe: String,
        /// Records read before the cap.
        records: usize,
    },
    /// A query or API gave no row.
    #[error(
        "{what} gave no records: check it, an empty source would report every record as missing"
    )]
    NoRecords {
        /// The source.
        what: String,
    },
    /// The profile reads columns that the source does not have.
    #[error("{}", missing_columns(problems))]
    MissingColumns {
        /// One problem per column, with the closest header when there is one.
        problems: Vec<Problem>,
    },
}

fn missing_columns(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
    format!(
        "the profile reads {} column(s) the source does not have: {}",
        problems.len(),
        lines.join("; ")
    )
}

impl SourceSpec {
    /// The source of a run of `profile`'s kind of source: `path` is the file for file kinds
    /// (required), ignored for SQL and REST sources, whose profile says all.
    pub fn from_profile(
        source: &passerelle_mapping::SourceSpec,
        path: Option<&Path>,
    ) -> Result<SourceSpec, SourceError> {
        let file = |kind| {
            path.map(Path::to_path_buf)
                .ok_or(SourceError::NoPath { kind })
        };
        Ok(match &source.kind {
            SourceKind::Csv {
                delimiter,
                encoding,
            } => SourceSpec::Csv {
                path: file("CSV")?,
                delimiter: *delimiter,
                encoding: encoding.clone(),
            },
            SourceKind::Xlsx { sheet } => SourceSpec::Xlsx {
                path: file("XLSX or ODS")?,
                sheet: sheet.clone(),
            },
            SourceKind::Json { records } => SourceSpec::Json {
                path: file("JSON")?,
                records: records.clone(),
            },
            SourceKind::Sql { connection, query } => SourceSpec::Sql {
                connection: connection.clone(),
                query: query.clone(),
            },
            SourceKind::Rest { connection, recipe } => SourceSpec::Rest {
                connection: connection.clone(),
                recipe: PathBuf::from(recipe),
            },
        })
    }

    /// The file read, for file sources.
    pub fn path(&self) -> Option<&Path> {
        match self {
            SourceSpec::Csv { path, .. }
            | SourceSpec::Xlsx { path, .. }
            | SourceSpec::Json { path, .. } => Some(path),
            SourceSpec::Sql { .. } | SourceSpec::Rest { .. } => None,
        }
    }
}

/// The file and the table options of a file source; `None` for an SQL or REST source.
fn table_options(spec: &SourceSpec) -> Option<(PathBuf, TableOptions)> {
    Some(match spec {
        SourceSpec::Csv {
            path,
            delimiter,
            encoding,
        } => (
            path.clone(),
            TableOptions {
                format: Some(Format::Csv),
                delimiter: *delimiter,
                encoding: encoding.clone(),
                ..TableOptions::default()
            },
        ),
        SourceSpec::Xlsx { path, sheet } => {
            let ods = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
            let format = if ods { Format::Ods } else { Format::Xlsx };
            let options = TableOptions {
                format: Some(format),
                sheet: sheet.clone(),
                ..TableOptions::default()
            };
            (path.clone(), options)
        }
        SourceSpec::Json { path, records } => (
            path.clone(),
            TableOptions {
                records: records.clone(),
                ..TableOptions::default()
            },
        ),
        SourceSpec::Sql { .. } | SourceSpec::Rest { .. } => return None,
    })
}

/// How a table is read.
fn read_as(reader: &TableReader) -> ReadAs {
    ReadAs::File {
        format: reader.format().label().to_owned(),
        encoding: reader.encoding().map(str::to_owned),
        delimiter: reader.delimiter().map(|d| d.escape_default().to_string()),
        sheet: reader.sheet().map(str::to_owned),
    }
}

/// Read a file source (CSV, XLSX/ODS, JSON); `Ok(None)` for an SQL or REST source, which
/// needs [`read_source`]. Blocking: call it off the async runtime for big files.
pub fn read_file_source(spec: &SourceSpec) -> Result<Option<SourceData>, SourceError> {
    let Some((path, options)) = table_options(spec) else {
        return Ok(None);
    };
    let reader = open_table(&path, &options)?;
    let headers = reader.headers().to_vec();
    let read_as = read_as(&reader);
    let mut rows = Vec::new();
    reader.for_each_row(|r| {
        rows.push(SourceRow {
            row_number: r.row,
            fields: r.fields,
        });
        ControlFlow::Continue(())
    })?;
    Ok(Some(SourceData {
        headers,
        rows,
        read_as,
    }))
}

/// Read any source, every row kept: [`open_source`], then every row of
/// [`SourceStream::for_each_row`] collected. SQL and REST sources open their connection in
/// `vault` (by id or name); file sources need no vault.
pub async fn read_source(
    spec: &SourceSpec,
    vault: Option<&Vault>,
) -> Result<SourceData, SourceError> {
    let stream = open_source(spec, vault).await?;
    let headers = stream.headers.clone();
    let read_as = stream.read_as.clone();
    let mut rows = Vec::new();
    stream.for_each_row(|row| rows.push(row)).await?;
    Ok(SourceData {
        headers,
        rows,
        read_as,
    })
}

/// A source opened for reading row by row ([`open_source`]): its column names are known before
/// any row is read, so that [`SourceStream::check_profile`] refuses a profile reading columns
/// it lacks first; [`SourceStream::for_each_row`] then hands the rows over one at a time, and
/// keeps none of them.
///
/// What each kind holds meanwhile:
///
/// - a CSV, JSON or NDJSON file: its text (see [`TableReader`]; a JSON file is parsed once for
///   its headers, again for its rows), read on a blocking thread, the rows handed over through
///   a small queue of batches;
/// - an XLSX or ODS file: its sheet, as the workbook library reads it whole;
/// - an SQL query: nothing; rows are read from the database as it sends them;
/// - a REST recipe: every record, read whole by [`open_source`], since the recipe runner
///   collects its pages (and a capped run must be refused before any row is used).
pub struct SourceStream {
    headers: Vec<String>,
    read_as: ReadAs,
    rows: Rows,
}

impl std::fmt::Debug for SourceStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceStream")
            .field("headers", &self.headers)
            .field("read_as", &self.read_as)
            .finish_non_exhaustive()
    }
}

/// Where the rows of a [`SourceStream`] come from.
enum Rows {
    File(TableReader),
    Sql {
        session: SqlSession,
        query: TextQuery,
        what: String,
    },
    Read(Vec<SourceRow>),
}

/// Rows of a file handed from the reading thread to the planner at a time.
///
/// NOTE: one row at a time, the two threads woke each other for every row, which cost more
/// than reading the row (a JSON export of 100,000 rows: about a third of the reading time).
const ROWS_PER_BATCH: usize = 64;

/// Batches read from a file ahead of the planner, at most (256 rows, with one batch being
/// filled and one being planned besides).
const BATCHES_IN_FLIGHT: usize = 4;

/// Open any source for reading row by row (see [`SourceStream`]): a file is read and checked
/// up to its header (a JSON file's records all checked), a query checked and described on its
/// connection, a recipe run. SQL and REST sources open their connection in `vault` (by id or
/// name); file sources need no vault.
///
/// Errors: as [`read_source`]'s; some refusals of a file come only with its rows (see
/// [`TableReader`]).
pub async fn open_source(
    spec: &SourceSpec,
    vault: Option<&Vault>,
) -> Result<SourceStream, SourceError> {
    if let Some((path, options)) = table_options(spec) {
        let reader = tokio::task::spawn_blocking(move || open_table(&path, &options))
            .await
            .expect("BUG: reading a file does not panic")?;
        return Ok(SourceStream {
            headers: reader.headers().to_vec(),
            read_as: read_as(&reader),
            rows: Rows::File(reader),
        });
    }
    let name = match spec {
        SourceSpec::Sql { connection, .. } | SourceSpec::Rest { connection, .. } => connection,
        _ => unreachable!("file sources are read above"),
    };
    let connection_error = |message: String| SourceError::Connection {
        name: name.clone(),
        message,
    };
    let vault = vault.ok_or_else(|| {
        connection_error("no connections are available here to read it from".to_owned())
    })?;
    let profile = vault.find(name).map_err(|e| {
        connection_error(format!("{e}; list them with `passerelle connections list`"))
    })?;
    let open = vault
        .open(&profile.id)
        .map_err(|e| connection_error(e.to_string()))?;
    match spec {
        SourceSpec::Sql { query, .. } => {
            let timeout = Duration::from_secs(30);
            let mut session = SqlSession::open(&open.profile.settings, open.secret(), timeout)
                .await
                .map_err(SourceError::Remote)?;
            let query = session
                .text_query(query)
                .await
                .map_err(SourceError::Remote)?;
            Ok(SourceStream {
                headers: query.columns.clone(),
                read_as: ReadAs::Query {
                    connection: profile.name.clone(),
                },
                rows: Rows::Sql {
                    session,
                    query,
                    what: format!("the query on « {} »", profile.name),
                },
            })
        }
        SourceSpec::Rest { recipe, .. } => {
            let Settings::RestApi(settings) = &open.profile.settings else {
                return Err(connection_error(
                    "it is not an HTTP API connection; a recipe runs on one".to_owned(),
                ));
            };
            let recipe = Recipe::load(recipe).map_err(|failure| SourceError::Recipe {
                path: recipe.clone(),
                failure,
            })?;
            let values = RecipeValues::new().with("any", "all");
            let mut listing = recipe.clone();
            listing.requests.truncate(1);
            let outcome = run_recipe(
                settings,
                open.secret(),
                &listing,
                &values,
                &RecipeOptions::default(),
            )
            .await
            .map_err(SourceError::Remote)?;
            if let Some(issue) = outcome.issues.into_iter().next() {
                return Err(SourceError::Remote(issue.failure));
            }
            if outcome.capped {
                return Err(SourceError::Capped {
                    recipe: recipe.name,
                    records: outcome.records.len(),
                });
            }
            if outcome.records.is_empty() {
                return Err(SourceError::NoRecords {
                    what: format!("the recipe « {} »", recipe.name),
                });
            }
            let mut headers: Vec<String> = Vec::new();
            let rows = outcome
                .records
                .into_iter()
                .enumerate()
                .map(|(i, record)| {
                    for (label, _) in &record.fields {
                        if !headers.contains(label) {
                            headers.push(label.clone());
                        }
                    }
                    SourceRow {
                        row_number: i as u64 + 1,
                        fields: record.fields,
                    }
                })
                .collect();
            Ok(SourceStream {
                headers,
                read_as: ReadAs::Recipe {
                    recipe: recipe.name,
                    connection: profile.name.clone(),
                },
                rows: Rows::Read(rows),
            })
        }
        _ => unreachable!("file sources are read above"),
    }
}

impl SourceStream {
    /// The column names (a header, a query's columns, or every field path of the records).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// How it is read.
    pub fn read_as(&self) -> &ReadAs {
        &self.read_as
    }

    /// Refuse `profile` when it reads a column this source lacks
    /// ([`Profile::check_columns`]).
    pub fn check_profile(&self, profile: &Profile) -> Result<(), SourceError> {
        check_columns(&self.headers, profile)
    }

    /// Hand every row to `each`, in source order, each numbered as a person finds it in the
    /// source; the number of rows. A row is dropped once `each` returns unless `each` keeps it.
    ///
    /// Errors: a file refused on its rows (ragged rows, a column without a header, a header
    /// without rows), the database failing mid-way, or a query giving no row. Rows handed
    /// over before the error must then be discarded: the source as a whole was not read.
    pub async fn for_each_row(self, mut each: impl FnMut(SourceRow)) -> Result<u64, SourceError> {
        match self.rows {
            Rows::File(reader) => {
                let (batches, mut received) = tokio::sync::mpsc::channel(BATCHES_IN_FLIGHT);
                let reading = tokio::task::spawn_blocking(move || {
                    let mut batch = Vec::with_capacity(ROWS_PER_BATCH);
                    let read = reader.for_each_row(|r| {
                        batch.push(SourceRow {
                            row_number: r.row,
                            fields: r.fields,
                        });
                        if batch.len() < ROWS_PER_BATCH {
                            return ControlFlow::Continue(());
                        }
                        let full =
                            std::mem::replace(&mut batch, Vec::with_capacity(ROWS_PER_BATCH));
                        match batches.blocking_send(full) {
                            Ok(()) => ControlFlow::Continue(()),
                            Err(_) => ControlFlow::Break(()),
                        }
                    });
                    // The rows read before the end, or before an error, as one at a time gave
                    // them; nobody may be listening any more.
                    if !batch.is_empty() {
                        let _ = batches.blocking_send(batch);
                    }
                    read
                });
                let mut count = 0u64;
                while let Some(batch) = received.recv().await {
                    for row in batch {
                        count += 1;
                        each(row);
                    }
                }
                reading.await.expect("BUG: reading a file does not panic")?;
                Ok(count)
            }
            Rows::Sql {
                mut session,
                query,
                what,
            } => {
                let columns = &query.columns;
                let mut count = 0u64;
                session
                    .for_each_text_row(&query, |values| {
                        count += 1;
                        each(SourceRow {
                            row_number: count,
                            fields: columns
                                .iter()
                                .zip(values)
                                .filter_map(|(c, v)| {
                                    let v = v?.trim().to_owned();
                                    (!v.is_empty()).then(|| (c.clone(), v))
                                })
                                .collect(),
                        });
                        ControlFlow::Continue(())
                    })
                    .await
                    .map_err(SourceError::Remote)?;
                if count == 0 {
                    return Err(SourceError::NoRecords { what });
                }
                Ok(count)
            }
            Rows::Read(rows) => {
                let count = rows.len() as u64;
                rows.into_iter().for_each(each);
                Ok(count)
            }
        }
    }
}

fn check_columns(headers: &[String], profile: &Profile) -> Result<(), SourceError> {
    let problems = profile.check_columns(headers);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(SourceError::MissingColumns { problems })
    }
}

impl SourceData {
    /// Refuse `profile` when it reads a column this source lacks
    /// ([`Profile::check_columns`]).
    pub fn check_profile(&self, profile: &Profile) -> Result<(), SourceError> {
        check_columns(&self.headers, profile)
    }
}

/// A failure's message followed by the database's or API's own words, which say why.
fn remote_text(failure: &Failure) -> String {
    match failure.detail.as_deref().map(str::trim) {
        Some(detail) if !detail.is_empty() => format!("{} Detail: {detail}", failure.message),
        _ => failure.message.clone(),
    }
}
