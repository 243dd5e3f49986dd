//! Each source mapped with its profile: exact bodies for the good rows, exact problems for the
//! bad ones.

use passerelle_mapping::{LookupKind, MemoryLookups, ProblemKind, Profile, SourceRow};
use serde_json::json;

use crate::{body, json_records, problems};

pub const SERVICENOW_PROFILE: &str = r#"{
  "version": 1,
  "id": "servicenow-apps",
  "name": "ServiceNow business applications",
  "source": { "name": "servicenow", "kind": "json", "records": "result" },
  "target": "asset",
  "key": { "column": "u_number", "transforms": [{ "op": "trim" }, { "op": "upper" }], "target": "ref" },
  "fields": [
    { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
    { "target": "description", "column": "short_description" },
    { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] },
    { "target": "applicationState", "column": "install_status",
      "transforms": [{ "op": "valueMap", "values": { "1": "InProduction", "2": "InDevelopment", "7": "Stopped" } }] },
    { "target": "hostingType", "column": "u_hosting",
      "transforms": [{ "op": "valueMap", "values": { "Cloud": "OutSourced", "On premise": "InHouse" } }] },
    { "target": "tags", "column": "u_tags",
      "transforms": [{ "op": "split", "separator": "," }, { "op": "lookup", "kind": "tag" }] }
  ],
  "missing": { "action": "tag" }
}"#;

pub fn servicenow_export() -> serde_json::Value {
    json!({ "result": [
        { "sys_id": "0c5a2f1e1b8a4d10a1c3d2e4f5a6b7c8", "u_number": "APM0001001", "name": "Paie ",
          "short_description": "Payroll for the French entities",
          "owned_by": { "display_value": "Claire Martin", "link": "https://acme.service-now.com/api/now/table/sys_user/1" },
          "install_status": "1", "u_criticality": "1 - most critical", "u_hosting": "Cloud",
          "u_tags": "RGPD, Cloud", "sys_class_name": "cmdb_ci_business_app" },
        { "sys_id": "1d6b3a2f2c9b5e21b2d4e3f5a6b7c8d9", "u_number": " apm0001002", "name": "CRM Ventes",
          "short_description": "", "owned_by": { "display_value": "Luc Bernard" },
          "install_status": "7", "u_criticality": "3 - less critical", "u_hosting": "On premise",
          "u_tags": "RGPD", "sys_class_name": "cmdb_ci_business_app" },
        { "u_number": "APM0001003", "name": "", "install_status": "9", "u_hosting": "cloud",
          "u_tags": "Inconnu" },
        { "name": "Sans numéro", "install_status": "1" }
    ]})
}

fn tags() -> MemoryLookups {
    let mut lookups = MemoryLookups::new();
    lookups
        .insert(LookupKind::Tag, 7, "RGPD")
        .insert(LookupKind::Tag, 8, "Cloud");
    lookups
}

#[test]
fn a_servicenow_export_becomes_assets_with_tags_and_states() {
    let profile = Profile::from_json(SERVICENOW_PROFILE).expect("a valid profile");
    let rows = json_records(&servicenow_export(), "result");
    let records: Vec<_> = rows
        .iter()
        .map(|r| profile.map_record(r, &tags()))
        .collect();

    assert_eq!(
        records[0].key.as_deref(),
        Some("APM0001001"),
        "the key is trimmed and uppercased"
    );
    assert_eq!(
        body(&records[0]),
        json!({ "ref": "APM0001001", "label": "Paie", "description": "Payroll for the French entities",
                "type": "Software", "applicationState": "InProduction", "hostingType": "OutSourced",
                "tags": [{ "id": 7, "label": "RGPD", "type": "Asset" },
                         { "id": 8, "label": "Cloud", "type": "Asset" }] }),
        "a complete row"
    );
    assert!(records[0].is_valid(), "{:?}", records[0].problems);
    assert_eq!(
        body(&records[1]),
        json!({ "ref": "APM0001002", "label": "CRM Ventes", "type": "Software",
                "applicationState": "Stopped", "hostingType": "InHouse",
                "tags": [{ "id": 7, "label": "RGPD", "type": "Asset" }] }),
        "an empty description is left out, not cleared"
    );
    assert!(records[1].is_valid(), "{:?}", records[1].problems);

    assert_eq!(
        body(&records[2]),
        json!({ "ref": "APM0001003", "type": "Software", "hostingType": "OutSourced" }),
        "the value map ignores case"
    );
    assert_eq!(
        problems(&records[2]),
        vec![
            (ProblemKind::NotInEnum, Some("install_status"), Some("applicationState"),
             "row 3, column « install_status »: « 9 » is not one of InProduction, InDevelopment, \
              Stopped: add it to the value map or correct the file"),
            (ProblemKind::UnresolvedLookup, Some("u_tags"), Some("tags"),
             "row 3, column « u_tags »: no Dastra tag is named « Inconnu »: create it in Dastra, \
              correct the file, or send the value to an existing name with a value map"),
            (ProblemKind::Required, Some("name"), Some("label"),
             "row 3, column « name »: Dastra requires « label » and the cell is empty: fill it, \
              or add a defaultWhenEmpty step to the mapping"),
        ]
    );
    assert_eq!(records[3].key, None);
    assert_eq!(
        problems(&records[3]),
        vec![(
            ProblemKind::MissingKey,
            Some("u_number"),
            Some("ref"),
            "row 4, column « u_number »: the match key is empty, so the row cannot be matched \
               with a Dastra asset: fill the column, or remove the row from the source"
        )]
    );
    assert_eq!(
        profile.missing_tag_label().as_deref(),
        Some("servicenow-todelete")
    );
}

pub const LEANIX_PROFILE: &str = include_str!("../fixtures/leanix-apps.json");

pub fn leanix_rows() -> Vec<SourceRow> {
    let long_name = "Portail ".repeat(90);
    vec![
        SourceRow::new(
            2,
            [
                ("id", "28fe4aa2-6e46-41a1-a131-72afb3acf256"),
                ("name", "Salesforce"),
                ("type", "SaaS"),
                ("lifecycle", "active"),
                ("description", "CRM"),
                ("Business Criticality", "businessCritical"),
            ],
        ),
        SourceRow::new(
            3,
            [
                ("id", "6f0e7b1c-2d3a-4b5c-9d8e-7f6a5b4c3d2e"),
                ("name", "Intranet"),
                ("type", "web app"),
                ("lifecycle", "endOfLife"),
            ],
        ),
        SourceRow::new(
            4,
            [
                ("id", "a1b2c3d4-0000-4000-8000-000000000004"),
                ("name", long_name.as_str()),
                ("type", "Desktop"),
                ("lifecycle", "phaseOut"),
            ],
        ),
    ]
}

#[test]
fn a_leanix_export_keeps_dastra_spellings_and_reports_lengths() {
    let profile = Profile::from_json(LEANIX_PROFILE).expect("a valid profile");
    let records: Vec<_> = leanix_rows()
        .iter()
        .map(|r| profile.map_record(r, &tags()))
        .collect();

    assert_eq!(
        body(&records[0]),
        json!({ "ref": "28fe4aa2-6e46-41a1-a131-72afb3acf256", "label": "Salesforce",
                "type": "Software", "applicationType": "Saas", "applicationState": "InProduction",
                "description": "CRM" }),
        "SaaS is written as Dastra spells it"
    );
    assert_eq!(
        body(&records[1]),
        json!({ "ref": "6f0e7b1c-2d3a-4b5c-9d8e-7f6a5b4c3d2e", "label": "Intranet",
                "type": "Software", "applicationType": "WebApp", "applicationState": "Stopped" }),
        "web app is WebApp once spaces and case are ignored"
    );
    assert_eq!(
        problems(&records[2]),
        vec![
            (ProblemKind::TooLong, Some("name"), Some("label"),
             "row 4, column « name »: « Portail Portail Portail Portail Portail Portail Portail \
              Port… » is 720 characters long and Dastra's « label » holds at most 655: shorten \
              it in the file, or cut it with a transform"),
            (ProblemKind::NotInEnum, Some("type"), Some("applicationType"),
             "row 4, column « type »: « Desktop » is not one of Software, WebApp, Saas, Module, \
              Other: add it to the value map or correct the file"),
        ],
        "a value too long is not also reported as missing"
    );
    // The window words each problem in its language from its params.
    let too_long = &records[2].problems[0].params;
    assert_eq!(
        (too_long["length"].as_str(), too_long["max"].as_str()),
        ("720", "655")
    );
    assert_eq!(
        too_long["value"].chars().count(),
        61,
        "shortened as in the message"
    );
    let not_in_enum = &records[2].problems[1].params;
    assert_eq!(not_in_enum["value"], "Desktop");
    assert_eq!(
        not_in_enum["allowed"],
        "Software, WebApp, Saas, Module, Other"
    );
}

pub const VENDORS_PROFILE: &str = r#"{
  "version": 1, "id": "fournisseurs", "name": "Liste des fournisseurs (achats)",
  "source": { "name": "achats", "kind": "csv", "delimiter": ";", "encoding": "windows-1252" },
  "target": "actor",
  "key": { "column": "SIRET", "transforms": [{ "op": "replace", "from": " ", "to": "" }], "target": "ref" },
  "fields": [
    { "target": "companyName", "column": "Raison sociale", "transforms": [{ "op": "trim" }] },
    { "target": "immatriculationNumber", "column": "SIRET", "transforms": [{ "op": "replace", "from": " ", "to": "" }] },
    { "target": "address", "column": "Adresse" },
    { "target": "zipCode", "column": "Code postal" },
    { "target": "city", "column": "Ville", "transforms": [{ "op": "title" }] },
    { "target": "countryCode", "column": "Pays", "transforms": [{ "op": "valueMap", "values": { "France": "FR", "Belgique": "BE", "Suisse": "CH" } }] },
    { "target": "contactName", "column": "Contact" },
    { "target": "email", "column": "E-mail", "transforms": [{ "op": "trim" }, { "op": "lower" }] },
    { "target": "phoneNumber", "column": "Téléphone" },
    { "target": "dpaSignatureDate", "column": "Date de signature du DPA",
      "transforms": [{ "op": "date", "formats": ["dd/MM/yyyy", "dd.MM.yyyy", "excel"] }] },
    { "target": "actorType", "transforms": [{ "op": "constant", "value": "Morale" }] },
    { "target": "vendorType", "column": "Type de client" }
  ],
  "missing": { "action": "tag", "label": "achats-a-supprimer" }
}"#;

pub fn vendor_rows() -> Vec<SourceRow> {
    vec![
        SourceRow::new(
            2,
            [
                ("Raison sociale", "Hébergement Durand SARL"),
                ("SIRET", "512 345 678 00012"),
                ("Adresse", "12 rue des Lilas"),
                ("Code postal", "69003"),
                ("Ville", "LYON"),
                ("Pays", "France"),
                ("Contact", "Mme Élise Durand"),
                ("E-mail", " Contact@Durand-Hebergement.fr "),
                ("Téléphone", "04 78 00 00 00"),
                ("Date de signature du DPA", "15/03/2023"),
                ("Type de client", "B2B"),
            ],
        ),
        SourceRow::new(
            3,
            [
                ("Raison sociale", "Société Générale de Paie"),
                ("SIRET", "40412345600027"),
                ("Ville", "saint-étienne"),
                ("Pays", "belgique"),
                ("Téléphone", "+33 (0)4 77 00 00 00 poste 1234"),
                ("Date de signature du DPA", "44927"),
                ("Type de client", "b2c"),
            ],
        ),
        SourceRow::new(
            4,
            [
                ("Raison sociale", "Müller Logistik GmbH"),
                ("SIRET", "33345678900011"),
                ("Pays", "Allemagne"),
                ("Date de signature du DPA", "31/13/2023"),
            ],
        ),
    ]
}

#[test]
fn a_french_vendor_list_becomes_actors() {
    let profile = Profile::from_json(VENDORS_PROFILE).expect("a valid profile");
    let records: Vec<_> = vendor_rows()
        .iter()
        .map(|r| profile.map_record(r, &tags()))
        .collect();

    assert_eq!(
        body(&records[0]),
        json!({ "ref": "51234567800012", "companyName": "Hébergement Durand SARL",
                "immatriculationNumber": "51234567800012", "address": "12 rue des Lilas",
                "zipCode": "69003", "city": "Lyon", "countryCode": "FR",
                "contactName": "Mme Élise Durand", "email": "contact@durand-hebergement.fr",
                "phoneNumber": "04 78 00 00 00", "dpaSignatureDate": "2023-03-15T00:00:00Z",
                "actorType": "Morale", "vendorType": "B2B" })
    );
    assert!(records[0].is_valid(), "{:?}", records[0].problems);
    assert_eq!(
        body(&records[1]),
        json!({ "ref": "40412345600027", "companyName": "Société Générale de Paie",
                "immatriculationNumber": "40412345600027", "city": "Saint-Étienne",
                "countryCode": "BE", "dpaSignatureDate": "2023-01-01T00:00:00Z",
                "actorType": "Morale", "vendorType": "B2C" }),
        "an Excel serial date and a lowercase enum value"
    );
    assert_eq!(
        problems(&records[1]),
        vec![(
            ProblemKind::TooLong,
            Some("Téléphone"),
            Some("phoneNumber"),
            "row 3, column « Téléphone »: « +33 (0)4 77 00 00 00 poste 1234 » is 31 characters \
               long and Dastra's « phoneNumber » holds at most 20: shorten it in the file, or cut \
               it with a transform"
        )]
    );
    assert_eq!(
        problems(&records[2]),
        vec![
            (
                ProblemKind::TooLong,
                Some("Pays"),
                Some("countryCode"),
                "row 4, column « Pays »: « Allemagne » is 9 characters long and Dastra's \
              « countryCode » holds at most 2: shorten it in the file, or cut it with a transform"
            ),
            (
                ProblemKind::BadDate,
                Some("Date de signature du DPA"),
                Some("dpaSignatureDate"),
                "row 4, column « Date de signature du DPA »: « 31/13/2023 » is not a date written \
              dd/MM/yyyy or dd.MM.yyyy or excel: correct the file, or add its format to the \
              mapping's date formats"
            ),
        ]
    );
    assert_eq!(
        profile.missing_tag_label().as_deref(),
        Some("achats-a-supprimer")
    );
}

pub const CONTRACTS_PROFILE: &str = include_str!("../fixtures/contracts.json");

pub fn contract_rows() -> Vec<SourceRow> {
    vec![
        SourceRow::new(
            2,
            [
                ("N° contrat", "CT-2023-001"),
                ("Objet", "Hébergement de la paie"),
                ("Fournisseur", "hebergement durand sarl"),
                ("Entité", "Direction générale"),
                ("Type", "DPA"),
                ("Statut", "En cours"),
                ("Début", "01/01/2023"),
                ("Fin", "31/12/2025"),
                ("Montant annuel", "12 000,00"),
                ("Applications", "Paie; CRM Ventes"),
            ],
        ),
        SourceRow::new(
            3,
            [
                ("N° contrat", "CT-2023-002"),
                ("Objet", "Maintenance"),
                ("Fournisseur", "Inconnu SA"),
                ("Entité", "Direction Générale"),
                ("Type", "Prestation"),
                ("Statut", "Suspendu"),
                ("Début", "45292"),
                ("Montant annuel", "n/a"),
                ("Devise", "CHF"),
            ],
        ),
        SourceRow::new(4, [("Fournisseur", "Hébergement Durand SARL")]),
    ]
}

pub fn contract_lookups() -> MemoryLookups {
    let mut lookups = MemoryLookups::new();
    lookups
        .insert(LookupKind::Actor, 101, "Hébergement Durand SARL")
        .insert(LookupKind::Area, 3, "Direction Générale")
        .insert(LookupKind::Asset, 1, "Paie")
        .insert(LookupKind::Asset, 2, "CRM Ventes");
    lookups
}

#[test]
fn a_contracts_sheet_becomes_contracts_with_look_ups() {
    let profile = Profile::from_json(CONTRACTS_PROFILE).expect("a valid profile");
    let lookups = contract_lookups();
    let records: Vec<_> = contract_rows()
        .iter()
        .map(|r| profile.map_record(r, &lookups))
        .collect();

    assert_eq!(
        body(&records[0]),
        json!({ "ref": "CT-2023-001", "label": "Hébergement de la paie", "signatories": [101],
                "areaId": 3, "contractType": "DataProcessingAgreement", "state": "Active",
                "startDate": "2023-01-01T00:00:00Z", "endDate": "2025-12-31T00:00:00Z",
                "amount": 12000.0, "currency": "EUR", "assets": [1, 2] })
    );
    assert!(records[0].is_valid(), "{:?}", records[0].problems);
    assert_eq!(
        body(&records[1]),
        json!({ "ref": "CT-2023-002", "label": "Maintenance", "areaId": 3,
                "contractType": "ServiceAgreement", "startDate": "2024-01-01T00:00:00Z",
                "currency": "CHF" })
    );
    assert_eq!(
        problems(&records[1]),
        vec![
            (ProblemKind::UnresolvedLookup, Some("Fournisseur"), Some("signatories"),
             "row 3, column « Fournisseur »: no Dastra actor is named « Inconnu SA »: create it \
              in Dastra, correct the file, or send the value to an existing name with a value map"),
            (ProblemKind::NotInEnum, Some("Statut"), Some("state"),
             "row 3, column « Statut »: « Suspendu » is not one of Draft, Active, Expired, \
              Terminated: add it to the value map or correct the file"),
            (ProblemKind::BadNumber, Some("Montant annuel"), Some("amount"),
             "row 3, column « Montant annuel »: « n/a » is not a number: write it with digits, \
              such as 1 234,50, or clear the cell"),
        ]
    );
    assert_eq!(
        body(&records[2]),
        json!({ "signatories": [101], "currency": "EUR" })
    );
    assert_eq!(
        problems(&records[2]),
        vec![
            (ProblemKind::MissingKey, Some("N° contrat"), Some("ref"),
             "row 4, column « N° contrat »: the match key is empty, so the row cannot be matched \
              with a Dastra contract: fill the column, or remove the row from the source"),
            (ProblemKind::Required, Some("Objet"), Some("label"),
             "row 4, column « Objet »: Dastra requires « label » and the cell is empty: fill it, \
              or add a defaultWhenEmpty step to the mapping"),
        ]
    );
}

#[test]
fn every_valid_body_passes_the_contract_validator() {
    let servicenow = Profile::from_json(SERVICENOW_PROFILE).expect("valid");
    let vendors = Profile::from_json(VENDORS_PROFILE).expect("valid");
    let contracts = Profile::from_json(CONTRACTS_PROFILE).expect("valid");
    let mut bodies = Vec::new();
    for row in json_records(&servicenow_export(), "result") {
        bodies.push(("AssetDto", servicenow.map_record(&row, &tags())));
    }
    for row in vendor_rows() {
        bodies.push(("ActorDto", vendors.map_record(&row, &tags())));
    }
    for row in contract_rows() {
        bodies.push((
            "ContractDto",
            contracts.map_record(&row, &contract_lookups()),
        ));
    }
    for (schema, record) in bodies.iter().filter(|(_, r)| r.is_valid()) {
        let result = passerelle_dastra::contract::validate(schema, &body(record));
        assert_eq!(result, Ok(()), "row {} as {schema}", record.row);
    }
}
