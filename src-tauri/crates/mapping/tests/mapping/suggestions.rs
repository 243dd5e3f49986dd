//! Suggestions for the headers of each source give the mapping a DPO would write.

use passerelle_mapping::{suggest, suggest_enum_map, ColumnSample, Entity, TargetSchema};

use crate::json_records;
use crate::sources::{contract_rows, servicenow_export, vendor_rows};

/// (field, column) of each suggestion.
fn pairs(columns: &[ColumnSample], entity: Entity) -> Vec<(String, String)> {
    let suggestions = suggest(columns, TargetSchema::for_entity(entity));
    suggestions
        .into_iter()
        .map(|s| (s.target_field, s.source_column))
        .collect()
}

fn has(pairs: &[(String, String)], field: &str, column: &str) -> bool {
    pairs.iter().any(|(f, c)| f == field && c == column)
}

#[test]
fn servicenow_headers_suggest_the_asset_mapping() {
    let columns = ColumnSample::from_rows(&json_records(&servicenow_export(), "result"), 5);
    let suggestions = suggest(&columns, TargetSchema::for_entity(Entity::Asset));
    let found = pairs(&columns, Entity::Asset);
    for (field, column) in [
        ("ref", "u_number"),
        ("label", "name"),
        ("description", "short_description"),
        ("applicationState", "install_status"),
    ] {
        assert!(
            has(&found, field, column),
            "{field} ← {column}: {suggestions:#?}"
        );
    }
    let reference = suggestions
        .iter()
        .find(|s| s.target_field == "ref")
        .expect("a ref");
    assert_eq!(reference.reason, "« u_number » is a usual name for « ref »");
    let top = &suggestions[0];
    assert!(top.score >= 0.9 && top.score <= 1.0, "{top:?}");
    assert!(
        !found.iter().any(|(f, _)| f == "dateCreation"),
        "server-set fields are never targets"
    );
}

#[test]
fn french_vendor_headers_suggest_the_actor_mapping() {
    let columns = ColumnSample::from_rows(&vendor_rows(), 5);
    let found = pairs(&columns, Entity::Actor);
    for (field, column) in [
        ("companyName", "Raison sociale"),
        ("immatriculationNumber", "SIRET"),
        ("address", "Adresse"),
        ("zipCode", "Code postal"),
        ("city", "Ville"),
        ("countryCode", "Pays"),
        ("contactName", "Contact"),
        ("email", "E-mail"),
        ("phoneNumber", "Téléphone"),
        ("dpaSignatureDate", "Date de signature du DPA"),
    ] {
        assert!(has(&found, field, column), "{field} ← {column}: {found:#?}");
    }
}

#[test]
fn contract_sheet_headers_suggest_the_contract_mapping() {
    let columns = ColumnSample::from_rows(&contract_rows(), 5);
    let found = pairs(&columns, Entity::Contract);
    for (field, column) in [
        ("ref", "N° contrat"),
        ("label", "Objet"),
        ("signatories", "Fournisseur"),
        ("areaId", "Entité"),
        ("contractType", "Type"),
        ("state", "Statut"),
        ("startDate", "Début"),
        ("endDate", "Fin"),
        ("amount", "Montant annuel"),
        ("currency", "Devise"),
        ("assets", "Applications"),
    ] {
        assert!(has(&found, field, column), "{field} ← {column}: {found:#?}");
    }
}

#[test]
fn sample_values_alone_can_suggest_a_field() {
    let columns = vec![ColumnSample {
        name: "col_7".into(),
        samples: vec!["a.b@example.fr".into(), "dpo@acme.fr".into()],
    }];
    let found = pairs(&columns, Entity::Actor);
    assert_eq!(found, vec![("email".to_owned(), "col_7".to_owned())]);
}

#[test]
fn enum_maps_are_suggested_from_french_words_and_similar_spellings() {
    let allowed: Vec<String> = ["Low", "Medium", "High"].map(String::from).to_vec();
    let map = suggest_enum_map(&["Haute", "moyenne", "Basse", "haute", "???"], &allowed);
    assert_eq!(
        map,
        vec![
            ("Haute".to_owned(), "High".to_owned(), 0.9),
            ("moyenne".to_owned(), "Medium".to_owned(), 0.9),
            ("Basse".to_owned(), "Low".to_owned(), 0.9),
        ],
        "each value once, nothing for ???"
    );
    let states: Vec<String> = ["InProduction", "InDevelopment", "Stopped"]
        .map(String::from)
        .to_vec();
    let map = suggest_enum_map(
        &["in production", "En développement", "Stoped", "Retired"],
        &states,
    );
    let to: Vec<(&str, &str)> = map
        .iter()
        .map(|(f, t, _)| (f.as_str(), t.as_str()))
        .collect();
    assert_eq!(
        to,
        vec![
            ("in production", "InProduction"),
            ("En développement", "InDevelopment"),
            ("Stoped", "Stopped"),
            ("Retired", "Stopped")
        ]
    );
    assert_eq!(
        map[0].2, 1.0,
        "same spelling once case and spaces are ignored"
    );
}
