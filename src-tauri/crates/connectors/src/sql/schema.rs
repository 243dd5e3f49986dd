//! What a database holds, as discovery needs it: tables and views, their columns with a coarse
//! kind, primary keys and foreign keys (for the one hop to linked rows).
//!
//! Each engine is asked through its own catalogue: `pg_catalog` and `information_schema` on
//! PostgreSQL, `information_schema` on MySQL/MariaDB, `sqlite_master` and the table pragmas on
//! SQLite. System schemas are never listed.

use serde::{Deserialize, Serialize};
use sqlx::mysql::MySqlConnection;
use sqlx::postgres::PgConnection;
use sqlx::sqlite::SqliteConnection;

/// A table or view; `schema` is `None` where the engine has one namespace per connection
/// (MySQL/MariaDB: the connection's database; SQLite: `main`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRef {
    /// The schema (PostgreSQL only).
    pub schema: Option<String>,
    /// The table's name, as the catalogue spells it.
    pub name: String,
}

impl TableRef {
    /// `schema.name`, or `name` alone.
    pub fn display(&self) -> String {
        match &self.schema {
            Some(schema) => format!("{schema}.{}", self.name),
            None => self.name.clone(),
        }
    }
}

/// How a column's values can be searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ColumnKind {
    /// Characters: searched by folded substring.
    Text,
    /// Numbers: searched by digits (a phone or customer number stored as a number).
    Number,
    /// Dates and times: compared as text only.
    Temporal,
    /// Bytes: never searched, never read.
    Binary,
    /// Anything else (JSON, arrays, enums…): searched as text.
    Other,
}

impl ColumnKind {
    /// The kind of a catalogue type name, whatever the engine (`character varying`,
    /// `VARCHAR(80)`, `bigint`, `bytea`, `BLOB`…). SQLite's declared types follow its affinity
    /// rules: a column without a type holds anything and is searched as text.
    pub fn of(type_name: &str) -> ColumnKind {
        let t = type_name.to_ascii_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["bytea", "blob", "binary", "varbinary"]) {
            ColumnKind::Binary
        } else if has(&["char", "text", "clob", "string", "citext", "name", "uuid"]) {
            ColumnKind::Text
        } else if has(&["date", "time", "year", "interval"]) {
            ColumnKind::Temporal
        } else if has(&[
            "int", "numeric", "decimal", "real", "double", "float", "money",
        ]) {
            ColumnKind::Number
        } else if t.trim().is_empty() {
            ColumnKind::Text
        } else {
            ColumnKind::Other
        }
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnSchema {
    /// The column's name.
    pub name: String,
    /// The type as the catalogue names it.
    pub data_type: String,
    /// How it can be searched.
    pub kind: ColumnKind,
}

/// A foreign key: `columns` of the table hold values of `target_columns` of `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ForeignKey {
    /// The referencing columns, in the key's order.
    pub columns: Vec<String>,
    /// The referenced table.
    pub target: TableRef,
    /// The referenced columns, in the same order.
    pub target_columns: Vec<String>,
}

/// A table with what discovery needs to search it and follow its links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableSchema {
    /// Which table.
    pub table: TableRef,
    /// Its columns, in the table's order.
    pub columns: Vec<ColumnSchema>,
    /// The primary key's columns (empty for a view or a table without one).
    pub primary_key: Vec<String>,
    /// The foreign keys this table holds.
    pub foreign_keys: Vec<ForeignKey>,
}

impl TableSchema {
    /// The column named `name`, if the table has it.
    pub fn column(&self, name: &str) -> Option<&ColumnSchema> {
        self.columns.iter().find(|c| c.name == name)
    }
}

fn push_column(tables: &mut Vec<TableSchema>, table: TableRef, name: String, data_type: String) {
    let column = ColumnSchema {
        kind: ColumnKind::of(&data_type),
        name,
        data_type,
    };
    match tables.last_mut() {
        Some(last) if last.table == table => last.columns.push(column),
        _ => tables.push(TableSchema {
            table,
            columns: vec![column],
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
        }),
    }
}

fn find<'a>(tables: &'a mut [TableSchema], table: &TableRef) -> Option<&'a mut TableSchema> {
    tables.iter_mut().find(|t| &t.table == table)
}

/// PostgreSQL: every table, view and materialised view of `schemas` (every non-system schema
/// when empty), with primary and foreign keys from `pg_constraint`.
pub(crate) async fn postgres(
    conn: &mut PgConnection,
    schemas: &[String],
) -> Result<Vec<TableSchema>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT n.nspname::text, c.relname::text, a.attname::text, \
                format_type(a.atttypid, a.atttypmod) \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped \
         WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') \
           AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
           AND n.nspname NOT LIKE 'pg\\_%' \
           AND (cardinality($1::text[]) = 0 OR n.nspname = ANY($1)) \
         ORDER BY 1, 2, a.attnum",
    )
    .bind(schemas)
    .fetch_all(&mut *conn)
    .await?;
    let mut tables = Vec::new();
    for (schema, table, column, data_type) in rows {
        let table = TableRef {
            schema: Some(schema),
            name: table,
        };
        push_column(&mut tables, table, column, data_type);
    }

    type KeyRow = (
        String,
        String,
        String,
        Vec<String>,
        Option<String>,
        Option<String>,
        Vec<String>,
    );
    let keys: Vec<KeyRow> = sqlx::query_as(
        "SELECT n.nspname::text, cl.relname::text, k.contype::text, \
           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(num, ord) \
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num \
                 ORDER BY u.ord), \
           rn.nspname::text, rc.relname::text, \
           ARRAY(SELECT a.attname::text FROM unnest(coalesce(k.confkey, '{}')) \
                   WITH ORDINALITY u(num, ord) \
                 JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num \
                 ORDER BY u.ord) \
         FROM pg_constraint k JOIN pg_class cl ON cl.oid = k.conrelid \
         JOIN pg_namespace n ON n.oid = cl.relnamespace \
         LEFT JOIN pg_class rc ON rc.oid = k.confrelid \
         LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace \
         WHERE k.contype IN ('p', 'f') ORDER BY 1, 2, k.conname",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (schema, name, kind, columns, target_schema, target_name, target_columns) in keys {
        let table = TableRef {
            schema: Some(schema),
            name,
        };
        let Some(found) = find(&mut tables, &table) else {
            continue;
        };
        match (kind.as_str(), target_name) {
            ("p", _) => found.primary_key = columns,
            ("f", Some(target_name)) => found.foreign_keys.push(ForeignKey {
                columns,
                target: TableRef {
                    schema: target_schema,
                    name: target_name,
                },
                target_columns,
            }),
            _ => {}
        }
    }
    Ok(tables)
}

/// MySQL/MariaDB: every table and view of the connection's database.
pub(crate) async fn mysql(conn: &mut MySqlConnection) -> Result<Vec<TableSchema>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(COLUMN_NAME AS CHAR), \
                CAST(COLUMN_TYPE AS CHAR), CAST(COLUMN_KEY AS CHAR) \
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
         ORDER BY TABLE_NAME, ORDINAL_POSITION",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut tables = Vec::new();
    for (table, column, data_type, key) in rows {
        let table = TableRef {
            schema: None,
            name: table,
        };
        push_column(&mut tables, table.clone(), column.clone(), data_type);
        if key == "PRI" {
            if let Some(found) = find(&mut tables, &table) {
                found.primary_key.push(column);
            }
        }
    }

    let keys: Vec<(String, String, String, String, String)> = sqlx::query_as(
        "SELECT CAST(TABLE_NAME AS CHAR), CAST(CONSTRAINT_NAME AS CHAR), \
                CAST(COLUMN_NAME AS CHAR), CAST(REFERENCED_TABLE_NAME AS CHAR), \
                CAST(REFERENCED_COLUMN_NAME AS CHAR) \
         FROM information_schema.KEY_COLUMN_USAGE \
         WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL \
           AND REFERENCED_TABLE_SCHEMA = DATABASE() \
         ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut last: Option<(String, String)> = None;
    for (table, constraint, column, target, target_column) in keys {
        let table_ref = TableRef {
            schema: None,
            name: table.clone(),
        };
        let Some(found) = find(&mut tables, &table_ref) else {
            continue;
        };
        let same = last.as_ref() == Some(&(table.clone(), constraint.clone()));
        match found.foreign_keys.last_mut() {
            Some(fk) if same => {
                fk.columns.push(column);
                fk.target_columns.push(target_column);
            }
            _ => found.foreign_keys.push(ForeignKey {
                columns: vec![column],
                target: TableRef {
                    schema: None,
                    name: target,
                },
                target_columns: vec![target_column],
            }),
        }
        last = Some((table, constraint));
    }
    Ok(tables)
}

/// SQLite: every table and view of the `main` database. A foreign key that names no target
/// column refers to the target's primary key.
pub(crate) async fn sqlite(conn: &mut SqliteConnection) -> Result<Vec<TableSchema>, sqlx::Error> {
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut tables = Vec::new();
    for name in names {
        let columns: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid")
                .bind(&name)
                .fetch_all(&mut *conn)
                .await?;
        let mut primary: Vec<(i64, String)> = Vec::new();
        let table = TableRef {
            schema: None,
            name: name.clone(),
        };
        for (column, data_type, pk) in columns {
            if pk > 0 {
                primary.push((pk, column.clone()));
            }
            push_column(&mut tables, table.clone(), column, data_type);
        }
        primary.sort();
        if let Some(found) = find(&mut tables, &table) {
            found.primary_key = primary.into_iter().map(|(_, c)| c).collect();
        }

        let keys: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) \
             ORDER BY id, seq",
        )
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?;
        let mut fks: Vec<(i64, ForeignKey)> = Vec::new();
        for (id, target, from, to) in keys {
            match fks.last_mut() {
                Some((last, fk)) if *last == id => {
                    fk.columns.push(from);
                    fk.target_columns.extend(to);
                }
                _ => fks.push((
                    id,
                    ForeignKey {
                        columns: vec![from],
                        target: TableRef {
                            schema: None,
                            name: target,
                        },
                        target_columns: to.into_iter().collect(),
                    },
                )),
            }
        }
        if let Some(found) = find(&mut tables, &table) {
            found.foreign_keys = fks.into_iter().map(|(_, fk)| fk).collect();
        }
    }

    // Keys that name no target column point at the target's primary key.
    let primary_keys: Vec<(TableRef, Vec<String>)> = tables
        .iter()
        .map(|t| (t.table.clone(), t.primary_key.clone()))
        .collect();
    for table in &mut tables {
        for fk in &mut table.foreign_keys {
            if fk.target_columns.is_empty() {
                if let Some((_, pk)) = primary_keys.iter().find(|(t, _)| t == &fk.target) {
                    fk.target_columns = pk.clone();
                }
            }
        }
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_types_fall_into_searchable_kinds() {
        assert_eq!(ColumnKind::of("character varying(120)"), ColumnKind::Text);
        assert_eq!(ColumnKind::of("VARCHAR(80)"), ColumnKind::Text);
        assert_eq!(ColumnKind::of("uuid"), ColumnKind::Text);
        assert_eq!(ColumnKind::of("bigint"), ColumnKind::Number);
        assert_eq!(ColumnKind::of("int(11) unsigned"), ColumnKind::Number);
        assert_eq!(
            ColumnKind::of("timestamp with time zone"),
            ColumnKind::Temporal
        );
        assert_eq!(ColumnKind::of("bytea"), ColumnKind::Binary);
        assert_eq!(ColumnKind::of("BLOB"), ColumnKind::Binary);
        assert_eq!(ColumnKind::of("jsonb"), ColumnKind::Other);
        assert_eq!(ColumnKind::of(""), ColumnKind::Text);
    }
}
