//! A database's refusal of a statement, classified: not valid SQL, a table or a column it does
//! not have, or a right the account lacks, with the table or column it named when it did.
//!
//! Each engine says so its own way: PostgreSQL by SQLSTATE, MySQL/MariaDB by error number,
//! SQLite only in words (its result code is the generic `SQLITE_ERROR`). The name is read from
//! the server's English sentence, so a server set to another language gives the class without
//! the name; the server's own words stay in the failure's detail either way.

use sqlx::error::DatabaseError;
use sqlx::mysql::MySqlDatabaseError;
use sqlx::sqlite::SqliteError;

use crate::failure::FailureCode;

/// The class of `db`'s refusal and what it named, when it is one of the classes above.
pub(super) fn classify(db: &dyn DatabaseError) -> Option<(FailureCode, Option<String>)> {
    let message = db.message();
    let mysql = db
        .try_downcast_ref::<MySqlDatabaseError>()
        .map(MySqlDatabaseError::number);
    let sqlite = db.try_downcast_ref::<SqliteError>().is_some();
    let state = db.code().map(|c| c.into_owned()).unwrap_or_default();
    let code = match (mysql, state.as_str()) {
        (Some(1064 | 1149), _) => FailureCode::QuerySyntax,
        (Some(1146), _) => FailureCode::UnknownTable,
        (Some(1054), _) => FailureCode::UnknownColumn,
        (Some(1142 | 1143 | 1044), _) => FailureCode::MissingPermission,
        (Some(_), _) => return None,
        (None, "42601") => FailureCode::QuerySyntax,
        (None, "42P01") => FailureCode::UnknownTable,
        (None, "42703") => FailureCode::UnknownColumn,
        (None, "42501") => FailureCode::MissingPermission,
        // SQLite: every refusal here is SQLITE_ERROR; its words tell them apart.
        _ if !sqlite => return None,
        _ if message.contains("syntax error") || message.starts_with("incomplete input") => {
            FailureCode::QuerySyntax
        }
        _ if message.starts_with("no such table") => FailureCode::UnknownTable,
        _ if message.starts_with("no such column") => FailureCode::UnknownColumn,
        _ => return None,
    };
    let named = match code {
        FailureCode::QuerySyntax => None,
        _ => subject(message),
    };
    Some((code, named))
}

/// The table or column a refusal names: `relation "apps" does not exist`, `Unknown column
/// 'nom' in 'field list'`, `no such table: apps`, `permission denied for table apps`,
/// `SELECT command denied to user 'u'@'h' for table 'apps'`.
fn subject(message: &str) -> Option<String> {
    // Where each engine's sentence puts the name, and what ends it.
    const MARKERS: [(&str, char); 8] = [
        ("for table '", '\''),
        ("for table ", ' '),
        ("no such table: ", ' '),
        ("no such column: ", ' '),
        ("relation \"", '"'),
        ("column \"", '"'),
        ("Table '", '\''),
        ("Unknown column '", '\''),
    ];
    MARKERS.iter().find_map(|(marker, end)| {
        let at = message.find(marker)? + marker.len();
        let name = message[at..].split(*end).next()?.trim();
        (!name.is_empty()).then(|| name.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_or_column_is_read_from_each_engines_words() {
        let cases = [
            ("relation \"apps\" does not exist", Some("apps")),
            ("column \"libelle\" does not exist", Some("libelle")),
            ("Table 'test.apps' doesn't exist", Some("test.apps")),
            ("Unknown column 'nom' in 'field list'", Some("nom")),
            ("no such table: apps", Some("apps")),
            ("no such column: nom", Some("nom")),
            ("permission denied for table secrets", Some("secrets")),
            (
                "SELECT command denied to user 'ro'@'localhost' for table 'paie'",
                Some("paie"),
            ),
            ("la relation « apps » n'existe pas", None),
        ];
        for (message, expected) in cases {
            assert_eq!(subject(message).as_deref(), expected, "{message}");
        }
    }
}
