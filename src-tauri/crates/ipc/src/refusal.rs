//! Why a source could not be read, in parts for the window to word in its language: the one
//! place where an import source's refusal ([`SourceError`]) becomes an [`IpcError`], for the
//! import preview (`import_plan`) and the mapping studio (`mapping_source_open`,
//! `mapping_suggest`, `mapping_preview`) alike.
//!
//! The error keeps the engine's English sentence as its `message` (for the command line and
//! the logs); its `refusal` says what went wrong and where (the file, its line or sheet; the
//! connection, its server or API; the table or column the database named) as a
//! [`SourceRefusal`], which the window words from its catalogues with what to do. A profile
//! reading columns the source lacks sends its `problems` instead, worded the same way.

use passerelle_connectors::files::{FileError, Format, TableError};
use passerelle_connectors::{Failure, FailureCode};
use passerelle_imports::{SourceError, SourceSpec};
use passerelle_vault::{Settings, Vault};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, IpcError};

/// A source's refusal, by kind, with what the window needs to word it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
#[ts(export)]
pub enum SourceRefusal {
    /// The profile reads a file and none was named.
    NoFile {
        /// The kind of file (`CSV`, `XLSX or ODS`, `JSON`).
        format: String,
    },
    /// No file is at the path.
    FileNotFound {
        /// The file.
        path: String,
    },
    /// The operating system does not let Passerelle read the file.
    FileDenied {
        /// The file.
        path: String,
    },
    /// Reading the file failed half-way (a share gone, a disk error).
    FileUnreadable {
        /// The file.
        path: String,
        /// What the operating system said (in English).
        detail: String,
    },
    /// The file is bigger than Passerelle reads.
    FileTooLarge {
        /// The file.
        path: String,
        /// Its size in bytes.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not a format Passerelle reads.
    FileFormat {
        /// The file.
        path: String,
    },
    /// The file does not parse as its format (a damaged workbook, a JSON document cut short).
    FileCorrupt {
        /// The file.
        path: String,
        /// The format it was read as (`XLSX`, `ODS`, `CSV`, `JSON`, `NDJSON`).
        format: String,
        /// The line the parser stumbled on, when it says.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        line: Option<u64>,
        /// What the parser said (in English, without the file's content).
        detail: String,
    },
    /// The file is protected by a password.
    FileEncrypted {
        /// The file.
        path: String,
        /// Its format.
        format: String,
    },
    /// The file is in an encoding Passerelle does not decode.
    FileEncoding {
        /// The file.
        path: String,
        /// The encoding, as far as it could be told.
        encoding: String,
    },
    /// Nothing to import: the file (or its sheet) is empty, or holds a header and no row.
    FileEmpty {
        /// The file.
        path: String,
        /// The sheet read, when the source names one.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<String>,
    },
    /// Binary content where text was expected (another format renamed).
    FileBinary {
        /// The file.
        path: String,
        /// The format expected.
        format: String,
    },
    /// A line is not in the encoding the source names.
    WrongEncoding {
        /// The file.
        path: String,
        /// The encoding asked for.
        encoding: String,
        /// The first line that does not decode.
        line: u64,
    },
    /// An encoding name Passerelle does not know.
    UnknownEncoding {
        /// The file.
        path: String,
        /// The name given.
        encoding: String,
    },
    /// Two columns with the same header.
    DuplicateHeader {
        /// The file.
        path: String,
        /// The header.
        header: String,
        /// The first column holding it (`B`).
        first: String,
        /// The other one.
        second: String,
    },
    /// A column with values but no header.
    UnnamedColumn {
        /// The file.
        path: String,
        /// The column (`F`).
        column: String,
        /// The first row with a value in it.
        row: u64,
    },
    /// Rows whose cell count differs from the header's.
    RaggedRows {
        /// The file.
        path: String,
        /// The header's cell count.
        width: u64,
        /// The first rows in error (at most 5).
        rows: Vec<RaggedRow>,
    },
    /// A workbook without the sheet the source names.
    NoSuchSheet {
        /// The file.
        path: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets it has.
        sheets: Vec<String>,
    },
    /// The JSON records are not where the source says, or are not objects.
    NoRecordsAt {
        /// The file.
        path: String,
        /// The dotted path of the records, when the source names one.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        records: Option<String>,
        /// What was found instead (in English).
        detail: String,
    },
    /// A CSV delimiter that is not a single-byte character.
    BadDelimiter {
        /// The file.
        path: String,
        /// The delimiter given.
        delimiter: String,
    },
    /// A format that is not a table (a PDF, a text file).
    NotATable {
        /// The file.
        path: String,
        /// Its format.
        format: String,
    },
    /// No saved connection has the id or name the source names.
    ConnectionNotFound {
        /// The connection, as the source names it.
        connection: String,
    },
    /// The connection is saved but cannot be opened (its secret cannot be read).
    ConnectionUnusable {
        /// The connection's name.
        connection: String,
        /// Why (in English).
        detail: String,
    },
    /// A REST recipe on a connection that is not an HTTP API.
    NotAnApi {
        /// The connection's name.
        connection: String,
    },
    /// An SQL query on a connection that is not a database.
    NotADatabase {
        /// The connection's name.
        connection: String,
    },
    /// The database refused or failed (unreachable, credentials, rights, the query itself).
    Database {
        /// What kind of failure.
        code: FailureCode,
        /// The connection's name.
        connection: String,
        /// `PostgreSQL`, `MySQL/MariaDB` or `SQLite`.
        engine: String,
        /// The server (`host:port`) or, for SQLite, the file.
        server: String,
        /// The database (empty for SQLite).
        database: String,
        /// The user (empty for SQLite).
        user: String,
        /// The table or column the database named.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        subject: Option<String>,
        /// The database's own words, or the English sentence when it alone says what went
        /// wrong.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// The API refused or failed (unreachable, 401, 403, 404, a timeout, an answer not JSON).
    Api {
        /// What kind of failure.
        code: FailureCode,
        /// The connection's name.
        connection: String,
        /// The connection's base URL.
        url: String,
        /// The recipe's file name.
        recipe: String,
        /// The technical detail, or the English sentence when it alone says what went wrong.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        detail: Option<String>,
    },
    /// Dastra's workspace could not be read while the plan was made: its look-ups (tags,
    /// areas, actors a profile names) or its current records.
    Workspace {
        /// What was being read.
        reading: WorkspaceReading,
        /// Why.
        refusal: passerelle_imports::DastraRefusal,
        /// The HTTP status Dastra answered, when it answered.
        #[ts(optional)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<u16>,
    },
    /// The recipe file cannot be read, or is not a valid recipe.
    RecipeFile {
        /// The recipe file.
        path: String,
        /// `notFound` or `invalidSettings`.
        code: FailureCode,
        /// What is wrong (in English, naming the field).
        detail: String,
    },
    /// The recipe stopped at its cap: the import would see part of the source.
    Capped {
        /// The recipe's name.
        recipe: String,
        /// Records read before the cap.
        records: u64,
    },
    /// The query gave no records.
    EmptyQuery {
        /// The connection's name.
        connection: String,
    },
    /// The recipe gave no records.
    EmptyRecipe {
        /// The recipe's file name.
        recipe: String,
        /// The connection's name.
        connection: String,
    },
}

/// A row whose cell count differs from the header's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RaggedRow {
    /// The row.
    pub row: u64,
    /// Its cells.
    pub cells: u64,
}

/// What of the workspace a plan was reading when Dastra failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum WorkspaceReading {
    /// The tags, areas or actors the profile's look-ups name.
    Lookups,
    /// The target register's current records.
    Records,
}

/// Reading `reading` from the workspace failed while a plan was made: the English sentence
/// for the logs, and, when Dastra itself failed, the refusal for the window.
pub(crate) fn workspace_error(reading: WorkspaceReading, e: passerelle_imports::Error) -> IpcError {
    let what = match reading {
        WorkspaceReading::Lookups => "the look-ups could not be read from the workspace",
        WorkspaceReading::Records => "the workspace's records could not be read",
    };
    let passerelle_imports::Error::Dastra(e) = e else {
        return IpcError::new(ErrorCode::Unreachable, format!("{what}: {e}"));
    };
    let mut error = IpcError::new(crate::error::dastra_code(&e), format!("{what}: {e}"));
    error.refusal = Some(Box::new(SourceRefusal::Workspace {
        reading,
        refusal: passerelle_imports::DastraRefusal::of(&e),
        status: e.status(),
    }));
    error
}

/// `e` for the window: its code, its English sentence, and the refusal (or the problems, or
/// the file field) for the window to word. `spec` is the source read, when known; `vault` the
/// connections it was read from.
pub(crate) fn source_error(e: SourceError, spec: Option<&SourceSpec>, vault: &Vault) -> IpcError {
    let message = e.to_string();
    let code = match &e {
        SourceError::Table(TableError::File(FileError::NotFound { .. })) => ErrorCode::NotFound,
        SourceError::Connection { .. } => ErrorCode::NotFound,
        SourceError::Remote(failure) => remote_code(failure),
        _ => ErrorCode::Invalid,
    };
    let mut error = IpcError::new(code, message);
    match e {
        SourceError::MissingColumns { problems } => return error.with_problems(problems),
        SourceError::Table(TableError::File(FileError::NotFound { .. })) => {
            let field = passerelle_vault::FieldError::new(
                "source.path",
                "no file is there",
                "check the path, or pick the file with « Browse… »",
            );
            error = error.with_fields(vec![field]);
        }
        _ => {}
    }
    error.refusal = refusal(e, spec, vault).map(Box::new);
    error
}

fn remote_code(failure: &Failure) -> ErrorCode {
    match failure.code {
        FailureCode::WrongCredentials | FailureCode::MissingPermission => ErrorCode::Unauthorized,
        FailureCode::NotFound => ErrorCode::NotFound,
        FailureCode::InvalidSettings
        | FailureCode::SecretMissing
        | FailureCode::QuerySyntax
        | FailureCode::UnknownTable
        | FailureCode::UnknownColumn => ErrorCode::Invalid,
        _ => ErrorCode::Unreachable,
    }
}

fn refusal(e: SourceError, spec: Option<&SourceSpec>, vault: &Vault) -> Option<SourceRefusal> {
    Some(match e {
        SourceError::Table(e) => table_refusal(e, spec)?,
        SourceError::NoPath { kind } => SourceRefusal::NoFile {
            format: kind.to_owned(),
        },
        SourceError::Connection { name, message } => connection_refusal(name, message, spec, vault),
        SourceError::Remote(failure) => remote_refusal(failure, spec?, vault)?,
        SourceError::Recipe { path, failure } => SourceRefusal::RecipeFile {
            path: path.display().to_string(),
            code: failure.code,
            detail: failure.message,
        },
        SourceError::Capped { recipe, records } => SourceRefusal::Capped {
            recipe,
            records: records as u64,
        },
        SourceError::NoRecords { .. } => match spec? {
            SourceSpec::Sql { connection, .. } => SourceRefusal::EmptyQuery {
                connection: named(vault, connection),
            },
            SourceSpec::Rest { connection, recipe } => SourceRefusal::EmptyRecipe {
                recipe: file_name(recipe),
                connection: named(vault, connection),
            },
            _ => return None,
        },
        _ => return None,
    })
}

/// The file name of `path` (the whole path when it has none).
fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// A connection's name as the vault gives it, else as the source names it.
fn named(vault: &Vault, connection: &str) -> String {
    vault
        .find(connection)
        .map_or_else(|_| connection.to_owned(), |p| p.name)
}

fn connection_refusal(
    name: String,
    message: String,
    spec: Option<&SourceSpec>,
    vault: &Vault,
) -> SourceRefusal {
    let Ok(profile) = vault.find(&name) else {
        return SourceRefusal::ConnectionNotFound { connection: name };
    };
    let rest = matches!(spec, Some(SourceSpec::Rest { .. }));
    if rest && !matches!(profile.settings, Settings::RestApi(_)) {
        return SourceRefusal::NotAnApi {
            connection: profile.name,
        };
    }
    SourceRefusal::ConnectionUnusable {
        connection: profile.name,
        detail: message,
    }
}

/// A database's or API's failure, with where it happened from the connection's settings.
fn remote_refusal(failure: Failure, spec: &SourceSpec, vault: &Vault) -> Option<SourceRefusal> {
    let (connection, recipe) = match spec {
        SourceSpec::Sql { connection, .. } => (connection, None),
        SourceSpec::Rest { connection, recipe } => (connection, Some(recipe)),
        // Files fail with a table error, never a remote one.
        _ => return None,
    };
    // The sentence is the only word on what went wrong for these classes: it is the detail.
    let vague = matches!(
        failure.code,
        FailureCode::Other | FailureCode::InvalidSettings
    );
    let detail = match failure.detail {
        Some(detail) => Some(detail),
        None if vague => Some(failure.message),
        None => None,
    };
    let profile = vault.find(connection).ok();
    let name = profile
        .as_ref()
        .map_or_else(|| connection.clone(), |p| p.name.clone());
    if let Some(recipe) = recipe {
        let url = match profile.map(|p| p.settings) {
            Some(Settings::RestApi(s)) => s.base_url.trim().to_owned(),
            _ => String::new(),
        };
        return Some(SourceRefusal::Api {
            code: failure.code,
            connection: name,
            url,
            recipe: file_name(recipe),
            detail,
        });
    }
    let (engine, server, database, user) = match profile.map(|p| p.settings) {
        Some(Settings::Postgres(s)) => (
            "PostgreSQL",
            format!("{}:{}", s.host.trim(), s.port),
            s.database,
            s.user,
        ),
        Some(Settings::MySql(s)) => (
            "MySQL/MariaDB",
            format!("{}:{}", s.host.trim(), s.port),
            s.database,
            s.user,
        ),
        Some(Settings::Sqlite(s)) => (
            "SQLite",
            s.path.display().to_string(),
            String::new(),
            String::new(),
        ),
        Some(_) => return Some(SourceRefusal::NotADatabase { connection: name }),
        None => return Some(SourceRefusal::ConnectionNotFound { connection: name }),
    };
    Some(SourceRefusal::Database {
        code: failure.code,
        connection: name,
        engine: engine.to_owned(),
        server,
        database: database.trim().to_owned(),
        user: user.trim().to_owned(),
        subject: failure.subject,
        detail,
    })
}

fn table_refusal(e: TableError, spec: Option<&SourceSpec>) -> Option<SourceRefusal> {
    let shown = |p: &std::path::Path| p.display().to_string();
    let label = |f: Format| f.label().to_owned();
    Some(match e {
        TableError::File(e) => file_refusal(e),
        TableError::Empty { path, .. } => SourceRefusal::FileEmpty {
            path: shown(&path),
            sheet: match spec {
                Some(SourceSpec::Xlsx { sheet, .. }) => sheet.clone(),
                _ => None,
            },
        },
        TableError::Binary { path, format } => SourceRefusal::FileBinary {
            path: shown(&path),
            format: label(format),
        },
        TableError::WrongEncoding {
            path,
            encoding,
            line,
        } => SourceRefusal::WrongEncoding {
            path: shown(&path),
            encoding,
            line,
        },
        TableError::UnknownEncoding { path, encoding } => SourceRefusal::UnknownEncoding {
            path: shown(&path),
            encoding,
        },
        TableError::DuplicateHeader {
            path,
            header,
            first,
            second,
        } => SourceRefusal::DuplicateHeader {
            path: shown(&path),
            header,
            first,
            second,
        },
        TableError::UnnamedColumn { path, column, row } => SourceRefusal::UnnamedColumn {
            path: shown(&path),
            column,
            row,
        },
        TableError::Ragged { path, width, rows } => SourceRefusal::RaggedRows {
            path: shown(&path),
            width: width as u64,
            rows: rows
                .into_iter()
                .map(|(row, cells)| RaggedRow {
                    row,
                    cells: cells as u64,
                })
                .collect(),
        },
        TableError::NoSuchSheet {
            path,
            sheet,
            sheets,
        } => SourceRefusal::NoSuchSheet {
            path: shown(&path),
            sheet,
            sheets,
        },
        TableError::Records { path, what } => match spec {
            Some(SourceSpec::Csv {
                delimiter: Some(d), ..
            }) => SourceRefusal::BadDelimiter {
                path: shown(&path),
                delimiter: d.to_string(),
            },
            _ => SourceRefusal::NoRecordsAt {
                path: shown(&path),
                records: match spec {
                    Some(SourceSpec::Json { records, .. }) => records.clone(),
                    _ => None,
                },
                detail: what,
            },
        },
        TableError::NotATable { path, format } => SourceRefusal::NotATable {
            path: shown(&path),
            format: label(format),
        },
        _ => return None,
    })
}

fn file_refusal(e: FileError) -> SourceRefusal {
    let path = e.path().display().to_string();
    match e {
        FileError::NotFound { .. } => SourceRefusal::FileNotFound { path },
        FileError::PermissionDenied { .. } => SourceRefusal::FileDenied { path },
        FileError::TooLarge { bytes, limit, .. } => {
            SourceRefusal::FileTooLarge { path, bytes, limit }
        }
        FileError::Unsupported { .. } => SourceRefusal::FileFormat { path },
        FileError::Corrupt {
            format,
            reason,
            line,
            ..
        } => SourceRefusal::FileCorrupt {
            path,
            format: format.label().to_owned(),
            line,
            detail: reason,
        },
        FileError::Encrypted { format, .. } => SourceRefusal::FileEncrypted {
            path,
            format: format.label().to_owned(),
        },
        FileError::UnsupportedEncoding { encoding, .. } => {
            SourceRefusal::FileEncoding { path, encoding }
        }
        FileError::Io { ref source, .. } => SourceRefusal::FileUnreadable {
            detail: source.to_string(),
            path,
        },
        other => SourceRefusal::FileUnreadable {
            detail: other.to_string(),
            path,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn vault(dir: &std::path::Path) -> Vault {
        Vault::new(
            passerelle_vault::JsonFileStore::new(dir.join("connections.json")),
            passerelle_vault::KeyringStore::new(),
        )
    }

    #[test]
    fn each_file_refusal_keeps_its_file_and_where_in_it() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = PathBuf::from("/exports/apps.xlsx");
        let shown = path.display().to_string();
        let xlsx = SourceSpec::Xlsx {
            path: path.clone(),
            sheet: Some("Apps".into()),
        };
        let table = |e: TableError| SourceError::Table(e);
        let file = |e: FileError| SourceError::Table(TableError::File(e));
        let cases = [
            (
                file(FileError::PermissionDenied { path: path.clone() }),
                SourceRefusal::FileDenied {
                    path: shown.clone(),
                },
            ),
            (
                file(FileError::TooLarge {
                    path: path.clone(),
                    bytes: 9,
                    limit: 5,
                }),
                SourceRefusal::FileTooLarge {
                    path: shown.clone(),
                    bytes: 9,
                    limit: 5,
                },
            ),
            (
                file(FileError::Encrypted {
                    path: path.clone(),
                    format: Format::Xlsx,
                }),
                SourceRefusal::FileEncrypted {
                    path: shown.clone(),
                    format: "XLSX".into(),
                },
            ),
            (
                table(TableError::Empty {
                    path: path.clone(),
                    what: "its sheet « Apps » is empty".into(),
                }),
                SourceRefusal::FileEmpty {
                    path: shown.clone(),
                    sheet: Some("Apps".into()),
                },
            ),
            (
                table(TableError::Ragged {
                    path: path.clone(),
                    width: 4,
                    rows: vec![(3, 5)],
                }),
                SourceRefusal::RaggedRows {
                    path: shown.clone(),
                    width: 4,
                    rows: vec![RaggedRow { row: 3, cells: 5 }],
                },
            ),
            (
                table(TableError::NoSuchSheet {
                    path: path.clone(),
                    sheet: "Apps".into(),
                    sheets: vec!["Feuil1".into()],
                }),
                SourceRefusal::NoSuchSheet {
                    path: shown.clone(),
                    sheet: "Apps".into(),
                    sheets: vec!["Feuil1".into()],
                },
            ),
            (
                table(TableError::DuplicateHeader {
                    path: path.clone(),
                    header: "Nom".into(),
                    first: "B".into(),
                    second: "E".into(),
                }),
                SourceRefusal::DuplicateHeader {
                    path: shown.clone(),
                    header: "Nom".into(),
                    first: "B".into(),
                    second: "E".into(),
                },
            ),
        ];
        let vault = vault(dir.path());
        for (error, expected) in cases {
            let text = error.to_string();
            let got = source_error(error, Some(&xlsx), &vault);
            assert_eq!(got.refusal.as_deref(), Some(&expected), "{text}");
            assert_eq!(got.message, text, "the English sentence stays for the logs");
        }
    }

    #[test]
    fn a_query_or_recipe_giving_nothing_names_its_connection() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let vault = vault(dir.path());
        let empty = || SourceError::NoRecords {
            what: "the query".into(),
        };
        let sql = SourceSpec::Sql {
            connection: "ERP".into(),
            query: "SELECT 1".into(),
        };
        let rest = SourceSpec::Rest {
            connection: "CMDB".into(),
            recipe: PathBuf::from("/recettes/cmdb.json"),
        };
        let refused = |spec| source_error(empty(), Some(spec), &vault).refusal;
        assert_eq!(
            refused(&sql).as_deref(),
            Some(&SourceRefusal::EmptyQuery {
                connection: "ERP".into()
            })
        );
        assert_eq!(
            refused(&rest).as_deref(),
            Some(&SourceRefusal::EmptyRecipe {
                recipe: "cmdb.json".into(),
                connection: "CMDB".into()
            })
        );
    }
}
