//! Which columns of a table to search: a suggestion from the column's name, its type, and a
//! sample of its values run through the PII detectors.
//!
//! A column is suggested when its name says it holds personal data (`email`, `nom`, `tel`,
//! `adresse`, `client_id`, `commentaire`…, in French and English) or when a value of the
//! sample holds some (an e-mail in a `contact` column, a phone in `infos`). Binary columns are
//! never searched. A table where nothing is suggested is searched on all its text columns:
//! missing a record is worse, for a subject access request, than reading a few more rows.

use passerelle_connectors::sql::schema::{ColumnKind, TableSchema};
use passerelle_connectors::sql::search::SqlRow;
use passerelle_matching::pii::{self, PiiKind};
use serde::{Deserialize, Serialize};

/// Why a column is suggested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum SuggestReason {
    /// Its name says it (the word that did).
    Name {
        /// The word of the name, lowercased.
        word: String,
    },
    /// A value of the sample holds personal data of this kind.
    Detected {
        /// The kind detected.
        kind: PiiKind,
    },
    /// Nothing in the table was suggested, so every text column is searched.
    AllText,
}

/// A column to search, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnSuggestion {
    /// The column.
    pub column: String,
    /// Why.
    pub reason: SuggestReason,
}

/// Words (whole words of a column name, split at `_`, `-`, spaces and case changes) that
/// say a column holds personal data or a person's identifier.
const NAME_WORDS: &[&str] = &[
    "email",
    "mail",
    "courriel",
    "emails",
    "nom",
    "name",
    "names",
    "prenom",
    "prénom",
    "firstname",
    "lastname",
    "first",
    "last",
    "given",
    "family",
    "surname",
    "fullname",
    "phone",
    "telephone",
    "téléphone",
    "tel",
    "tél",
    "mobile",
    "portable",
    "gsm",
    "fax",
    "adresse",
    "address",
    "addr",
    "street",
    "rue",
    "voie",
    "city",
    "ville",
    "commune",
    "zip",
    "postal",
    "postcode",
    "cp",
    "iban",
    "bic",
    "rib",
    "client",
    "customer",
    "contact",
    "account",
    "compte",
    "ref",
    "reference",
    "référence",
    "matricule",
    "nir",
    "ssn",
    "secu",
    "birth",
    "birthdate",
    "naissance",
    "dob",
    "user",
    "username",
    "login",
    "identifiant",
    "comment",
    "comments",
    "commentaire",
    "commentaires",
    "note",
    "notes",
    "message",
    "body",
    "subject",
    "objet",
    "description",
    "remarque",
    "remarques",
    "titulaire",
    "holder",
    "beneficiaire",
    "bénéficiaire",
    "patient",
    "employee",
    "salarie",
    "salarié",
    "person",
    "personne",
    "author",
    "auteur",
    "sender",
    "recipient",
    "destinataire",
    "ip",
];

/// The words of a column name: `customerEmail` → `customer`, `email`; `date_naissance` →
/// `date`, `naissance`.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for c in name.chars() {
        let boundary = !c.is_alphanumeric() || (c.is_uppercase() && previous_lower);
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The suggestion for `table`, given a sample of its rows (see the module's documentation).
pub fn suggest_columns(table: &TableSchema, sample: &[SqlRow]) -> Vec<ColumnSuggestion> {
    let mut suggested = Vec::new();
    for column in &table.columns {
        if column.kind == ColumnKind::Binary {
            continue;
        }
        let by_name = words(&column.name)
            .into_iter()
            .find(|w| NAME_WORDS.contains(&w.as_str()));
        if let Some(word) = by_name {
            suggested.push(ColumnSuggestion {
                column: column.name.clone(),
                reason: SuggestReason::Name { word },
            });
            continue;
        }
        let detected = sample
            .iter()
            .filter_map(|row| row.get(&column.name))
            .flat_map(pii::detect)
            .map(|hit| hit.kind)
            // A bare date says little about a person on its own.
            .find(|kind| *kind != PiiKind::Date);
        if let Some(kind) = detected {
            suggested.push(ColumnSuggestion {
                column: column.name.clone(),
                reason: SuggestReason::Detected { kind },
            });
        }
    }
    if suggested.is_empty() {
        suggested = table
            .columns
            .iter()
            .filter(|c| matches!(c.kind, ColumnKind::Text | ColumnKind::Other))
            .map(|c| ColumnSuggestion {
                column: c.name.clone(),
                reason: SuggestReason::AllText,
            })
            .collect();
    }
    suggested
}

#[cfg(test)]
mod tests {
    use passerelle_connectors::sql::schema::{ColumnSchema, TableRef};

    use super::*;

    fn table(columns: &[(&str, &str)]) -> TableSchema {
        TableSchema {
            table: TableRef {
                schema: None,
                name: "t".into(),
            },
            columns: columns
                .iter()
                .map(|(name, ty)| ColumnSchema {
                    name: name.to_string(),
                    data_type: ty.to_string(),
                    kind: ColumnKind::of(ty),
                })
                .collect(),
            primary_key: vec![],
            foreign_keys: vec![],
        }
    }

    fn row(values: &[(&str, &str)]) -> SqlRow {
        SqlRow {
            values: values
                .iter()
                .map(|(c, v)| (c.to_string(), Some(v.to_string())))
                .collect(),
        }
    }

    #[test]
    fn names_split_at_case_and_separators() {
        assert_eq!(words("customerEmail"), vec!["customer", "email"]);
        assert_eq!(words("DATE_NAISSANCE"), vec!["date", "naissance"]);
        assert_eq!(words("tel-portable 2"), vec!["tel", "portable", "2"]);
    }

    #[test]
    fn columns_are_suggested_by_name_or_by_what_the_sample_holds() {
        let t = table(&[
            ("id", "integer"),
            ("nom_client", "varchar(80)"),
            ("telephone", "text"),
            ("infos", "text"),
            ("label", "text"),
            ("photo", "bytea"),
            ("created", "timestamp"),
        ]);
        let sample = [
            row(&[("infos", "rappeler au 06 12 34 56 78"), ("label", "Vélo")]),
            row(&[("label", "commande du 12/03/2024")]),
        ];
        let got = suggest_columns(&t, &sample);
        let columns: Vec<&str> = got.iter().map(|s| s.column.as_str()).collect();
        assert_eq!(columns, vec!["nom_client", "telephone", "infos"]);
        assert_eq!(got[0].reason, SuggestReason::Name { word: "nom".into() });
        assert_eq!(
            got[2].reason,
            SuggestReason::Detected {
                kind: PiiKind::Phone
            }
        );
    }

    #[test]
    fn a_table_with_nothing_suggested_is_searched_on_every_text_column() {
        let t = table(&[
            ("id", "int"),
            ("a", "text"),
            ("b", "varchar(9)"),
            ("c", "blob"),
        ]);
        let got = suggest_columns(&t, &[]);
        let columns: Vec<&str> = got.iter().map(|s| s.column.as_str()).collect();
        assert_eq!(columns, vec!["a", "b"]);
        assert!(got.iter().all(|s| s.reason == SuggestReason::AllText));
    }
}
