//! Two more exports written as real files and taken through the whole cycle against the sandbox:
//! a LeanIX fact sheet export (CSV) onto assets, and a contracts register as an XLSX workbook and
//! its ODS twin onto contracts. Each is planned with exact classes and field diffs, applied,
//! planned again (nothing left to do) and undone (the register back exactly as it was).

use std::io::Write;
use std::path::Path;

use passerelle_dastra::DastraClient;
use passerelle_imports::{
    apply_plan, undo_plan, FieldChange, Journal, MissingAction, Plan, RowClass, RowOutcome,
    SourceData, SourceSpec,
};
use passerelle_mapping::{Entity, Profile};
use passerelle_sandbox::SandboxOptions;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::sandbox_with;
use crate::sources::{class_name, plan_rows, read, records_undated, write_xlsx};

/// The LeanIX application profile of the mapping tests, there read from a workbook.
const LEANIX: &str = include_str!("../../../mapping/tests/fixtures/leanix-apps.json");

/// [`LEANIX`] reading the export as a CSV.
fn leanix_csv_profile() -> Profile {
    let mut document: Value = serde_json::from_str(LEANIX).expect("JSON");
    document["source"] = json!({ "name": "leanix", "kind": "csv" });
    Profile::from_json(&document.to_string()).expect("a valid profile")
}

/// The contracts register profile of the mapping tests.
const CONTRACTS: &str = include_str!("../../../mapping/tests/fixtures/contracts.json");

/// `rows` as a UTF-8, comma-separated CSV, quoted where a cell needs it, as LeanIX exports it.
fn write_csv_utf8(path: &Path, rows: &[Vec<&str>]) {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c.contains([',', '"', '\n']) {
                true => format!("\"{}\"", c.replace('"', "\"\"")),
                false => (*c).to_owned(),
            })
            .collect();
        text.push_str(&cells.join(","));
        text.push('\n');
    }
    std::fs::write(path, text).expect("written");
}

/// An OpenDocument spreadsheet of one sheet, every cell a string (empty cells left empty).
fn write_ods(path: &Path, sheet: &str, rows: &[Vec<&str>]) {
    use zip::write::SimpleFileOptions;
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in row {
            match cell.is_empty() {
                true => table.push_str("<table:table-cell/>"),
                false => table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p>\
                     </table:table-cell>",
                    escape(cell)
                )),
            }
        }
        table.push_str("</table:table-row>");
    }
    let ns = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0""#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {ns} office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{sheet}">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut archive = zip::ZipWriter::new(std::fs::File::create(path).expect("created"));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    archive
        .start_file("mimetype", stored)
        .expect("part started");
    archive
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("part written");
    for (name, text) in [
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ] {
        archive
            .start_file(name, SimpleFileOptions::default())
            .expect("part started");
        archive.write_all(text.as_bytes()).expect("part written");
    }
    archive.finish().expect("archive finished");
}

/// The classes of a plan's rows, source rows by number and Dastra-only rows by key.
fn classes(plan: &Plan) -> Vec<(String, &'static str)> {
    plan.rows
        .iter()
        .map(|r| {
            let at = match r.source_row {
                Some(n) => format!("row {n}"),
                None => format!("dastra {}", r.key.as_deref().unwrap_or("?")),
            };
            (at, class_name(&r.class))
        })
        .collect()
}

/// The change of `field` from its value in `record` to `after`.
fn change(record: &Value, field: &str, after: Value) -> FieldChange {
    FieldChange {
        field: field.into(),
        before: record[field].clone(),
        after,
    }
}

async fn plan_source(client: &DastraClient, profile: &Profile, source: &SourceData) -> Plan {
    source
        .check_profile(profile)
        .expect("every column is there");
    plan_rows(client, profile, &source.rows).await
}

fn text<'a>(record: &'a Value, field: &str) -> &'a str {
    record[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {record}"))
}

#[tokio::test]
async fn a_leanix_fact_sheet_export_plans_applies_and_undoes_onto_assets_exactly() {
    let mut options = SandboxOptions::default();
    options.seed.assets = 4;
    let (_sandbox, client) = sandbox_with(options).await;
    let before = records_undated(&client, Entity::Asset).await;
    let mut software = before
        .iter()
        .filter(|a| a["type"] == "Software" && a["applicationState"] == "InProduction");
    let (renamed, kept) = match (software.next(), software.next()) {
        (Some(a), Some(b)) => (a, b),
        _ => panic!("two seeded software assets in production: {before:#?}"),
    };

    let dir = tempfile::tempdir().expect("a temporary folder");
    let export = dir.path().join("leanix-applications.csv");
    let long_name = "Portail ".repeat(90);
    let header = [
        "id",
        "name",
        "type",
        "lifecycle",
        "description",
        "externalId",
        "Business Criticality",
    ];
    write_csv_utf8(
        &export,
        &[
            header.to_vec(),
            vec![
                text(renamed, "ref"),
                "Salesforce, Service Cloud",
                "web app",
                "endOfLife",
                "CRM du support, migré en 2026",
                "SN-0001",
                "businessCritical",
            ],
            vec![
                text(kept, "ref"),
                text(kept, "label"),
                text(kept, "applicationType"),
                "active",
                text(kept, "description"),
                "",
                "missionCritical",
            ],
            vec![
                "28fe4aa2-6e46-41a1-a131-72afb3acf256",
                "Miro",
                "SaaS",
                "phaseIn",
                "",
                "",
                "administrativeService",
            ],
            vec![
                "a1b2c3d4-0000-4000-8000-000000000004",
                &long_name,
                "Desktop",
                "phaseOut",
                "",
                "",
                "",
            ],
        ],
    );
    let profile = leanix_csv_profile();
    let source = read(&SourceSpec::from_profile(&profile.source, Some(&export)).expect("a spec"));
    assert_eq!(source.headers, header, "the export's header");
    assert_eq!(
        source.read_as.to_string(),
        "CSV, UTF-8, delimiter « , »",
        "detected"
    );

    let plan = plan_source(&client, &profile, &source).await;
    let others: Vec<&Value> = before
        .iter()
        .filter(|a| a["id"] != renamed["id"] && a["id"] != kept["id"])
        .collect();
    // Rows 2 to 5 of the export with their classes, then every other asset, missing.
    let expected = |rows: [&'static str; 4]| {
        let rows = (2..)
            .zip(rows)
            .map(|(n, class)| (format!("row {n}"), class));
        let missing = others
            .iter()
            .map(|a| (format!("dastra {}", text(a, "ref")), "missing"));
        rows.chain(missing).collect::<Vec<_>>()
    };
    assert_eq!(
        classes(&plan),
        expected(["update", "unchanged", "create", "invalid"])
    );
    assert_eq!(
        plan.rows[0].class,
        RowClass::Update {
            changes: vec![
                change(renamed, "label", json!("Salesforce, Service Cloud")),
                change(renamed, "applicationType", json!("WebApp")),
                change(renamed, "applicationState", json!("Stopped")),
                change(
                    renamed,
                    "description",
                    json!("CRM du support, migré en 2026")
                ),
            ]
        },
        "the quoted comma is part of the name; the type is Dastra's spelling"
    );
    assert_eq!(
        Value::Object(plan.rows[2].values.clone()),
        json!({ "ref": "28fe4aa2-6e46-41a1-a131-72afb3acf256", "label": "Miro",
                "type": "Software", "applicationType": "Saas",
                "applicationState": "InDevelopment" }),
        "an empty description is left out"
    );
    for row in &plan.rows[4..] {
        assert_eq!(
            row.class,
            RowClass::Missing {
                action: MissingAction::Unsupported {
                    policy: "archive".into()
                }
            },
            "Dastra archives contracts only: the plan promises no archive of an asset"
        );
    }
    assert_eq!(
        plan.warnings,
        [passerelle_imports::PlanWarning::MissingPolicyUnsupported {
            policy: "archive".into(),
            entity: passerelle_mapping::Entity::Asset,
            missing: others.len() as u64,
        }]
    );

    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let cancel = CancellationToken::new();
    let report = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");
    let outcomes = (
        report.count(|o| matches!(o, RowOutcome::Created { .. })),
        report.count(|o| matches!(o, RowOutcome::Updated { .. })),
        report.count(|o| matches!(o, RowOutcome::Skipped)),
    );
    assert_eq!(outcomes, (1, 1, 2), "{report:?}");
    // Dastra's contract has no way to archive an asset: the missing rows are reported, not lost.
    for row in &report.rows[4..] {
        let RowOutcome::Unsupported { message } = &row.outcome else {
            panic!("an asset cannot be archived: {row:?}");
        };
        assert!(message.contains("cannot archive"), "{message}");
    }
    assert_eq!(report.rows.len(), 4 + others.len());

    let again = classes(&plan_source(&client, &profile, &source).await);
    assert_eq!(
        again,
        expected(["unchanged", "unchanged", "unchanged", "invalid"]),
        "nothing left to do once applied but the missing records"
    );

    undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("undone");
    assert_eq!(
        records_undated(&client, Entity::Asset).await,
        before,
        "the register of assets is back as it was"
    );
}

/// The contracts register: header and rows, built on the seeded contract `renewed`.
fn contract_table<'a>(renewed: &'a Value, vendor: &'a str, apps: &'a str) -> Vec<Vec<&'a str>> {
    vec![
        vec![
            "N° contrat",
            "Objet",
            "Fournisseur",
            "Entité",
            "Type",
            "Statut",
            "Début",
            "Fin",
            "Montant annuel",
            "Devise",
            "Applications",
        ],
        vec![
            text(renewed, "ref"),
            "Sous-traitance du CRM (résilié)",
            vendor,
            "Siège",
            "DPA",
            "Résilié",
            "",
            "",
            "8 400,00",
            "",
            apps,
        ],
        vec![
            "CT-2026-010",
            "Sauvegardes externalisées",
            "Sage SAS",
            "siège",
            "Prestation",
            "En cours",
            "01/01/2026",
            "31/12/2027",
            "1 200,50",
            "CHF",
            "Sage Paie",
        ],
        vec![
            "CT-2026-011",
            "Maintenance",
            "Sage SAS",
            "Siège",
            "Prestation",
            "Suspendu",
            "",
            "",
            "",
            "",
            "",
        ],
    ]
}

#[tokio::test]
async fn a_contracts_workbook_and_its_ods_twin_plan_apply_and_undo_onto_contracts_exactly() {
    let mut options = SandboxOptions::default();
    options.seed.assets = 4;
    options.seed.actors = 3;
    options.seed.contracts = 2;
    let (_sandbox, client) = sandbox_with(options).await;
    let before = records_undated(&client, Entity::Contract).await;
    let assets = records_undated(&client, Entity::Asset).await;
    let actors = records_undated(&client, Entity::Actor).await;
    let renewed = before
        .iter()
        .find(|c| c["contractType"] == "DataProcessingAgreement" && c["state"] == "Active")
        .unwrap_or_else(|| panic!("a seeded active DPA: {before:#?}"));
    let vendor = actors
        .iter()
        .find(|a| a["id"] == renewed["signatories"][0])
        .map(|a| text(a, "companyName"))
        .expect("its signatory");
    let labels: Vec<&str> = renewed["assets"]
        .as_array()
        .expect("linked assets")
        .iter()
        .map(|id| {
            text(
                assets.iter().find(|a| &a["id"] == id).expect("seeded"),
                "label",
            )
        })
        .collect();
    let apps = labels.join("; ");

    let dir = tempfile::tempdir().expect("a temporary folder");
    let xlsx = dir.path().join("Contrats.xlsx");
    let ods = dir.path().join("Contrats.ods");
    let table = contract_table(renewed, vendor, &apps);
    write_xlsx(&xlsx, "Contrats", &table);
    write_ods(&ods, "Contrats", &table);
    let profile = Profile::from_json(CONTRACTS).expect("a valid profile");
    let from_xlsx = read(&SourceSpec::from_profile(&profile.source, Some(&xlsx)).expect("a spec"));
    let from_ods = read(&SourceSpec::from_profile(&profile.source, Some(&ods)).expect("a spec"));
    assert_eq!(from_xlsx.headers, table[0], "the sheet's header");
    assert_eq!(from_ods.headers, table[0], "the ODS sheet's header");
    assert_eq!(
        from_ods.rows, from_xlsx.rows,
        "the twins read alike, row numbers included"
    );

    let plan = plan_source(&client, &profile, &from_xlsx).await;
    let sourced: Vec<(String, &str)> = classes(&plan)
        .into_iter()
        .filter(|(at, _)| at.starts_with("row"))
        .collect();
    assert_eq!(
        sourced,
        [
            ("row 2".to_owned(), "update"),
            ("row 3".to_owned(), "create"),
            ("row 4".to_owned(), "invalid"),
        ]
    );
    assert_eq!(
        plan.rows[0].class,
        RowClass::Update {
            changes: vec![
                change(renewed, "label", json!("Sous-traitance du CRM (résilié)")),
                change(renewed, "state", json!("Terminated")),
                change(renewed, "amount", json!(8400.0)),
                change(renewed, "currency", json!("EUR")),
            ]
        },
        "the signatory, area, type and assets looked up are those Dastra has"
    );
    let sage = actors
        .iter()
        .find(|a| a["companyName"] == "Sage SAS")
        .expect("a seeded vendor");
    let paie = assets
        .iter()
        .find(|a| a["label"] == "Sage Paie")
        .expect("a seeded asset");
    assert_eq!(
        Value::Object(plan.rows[1].values.clone()),
        json!({ "ref": "CT-2026-010", "label": "Sauvegardes externalisées",
                "signatories": [sage["id"]], "areaId": renewed["areaId"],
                "contractType": "ServiceAgreement", "state": "Active",
                "startDate": "2026-01-01T00:00:00Z", "endDate": "2027-12-31T00:00:00Z",
                "amount": 1200.5, "currency": "CHF", "assets": [paie["id"]] })
    );

    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let cancel = CancellationToken::new();
    let report = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");
    let outcomes = (
        report.count(|o| matches!(o, RowOutcome::Created { .. })),
        report.count(|o| matches!(o, RowOutcome::Updated { .. })),
    );
    assert_eq!(outcomes, (1, 1), "{report:?}");

    // The ODS twin, planned after the workbook was applied: nothing left to do.
    let again: Vec<(String, &str)> = classes(&plan_source(&client, &profile, &from_ods).await)
        .into_iter()
        .filter(|(at, _)| at.starts_with("row"))
        .collect();
    assert_eq!(
        again,
        [
            ("row 2".to_owned(), "unchanged"),
            ("row 3".to_owned(), "unchanged"),
            ("row 4".to_owned(), "invalid"),
        ]
    );

    undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("undone");
    assert_eq!(
        records_undated(&client, Entity::Contract).await,
        before,
        "the register of contracts is back as it was"
    );
}
