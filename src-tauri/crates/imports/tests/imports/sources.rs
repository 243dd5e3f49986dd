//! Sources read from real files the tests write (an XLSX vendor list and its `;`-separated
//! Windows-1252 CSV twin, a ServiceNow JSON export with its records under `result`), planned
//! against the sandbox, applied, planned again and undone; and the bad files an import must
//! refuse, each with a message saying what, where and how to fix it.

use std::io::Write;
use std::path::Path;

use passerelle_dastra::DastraClient;
use passerelle_imports::{
    apply_plan, fetch_lookups, fetch_records, plan_import, read_file_source, undo_plan,
    ConflictReason, Journal, RowClass, RowOutcome, SourceData, SourceError, SourceSpec,
};
use passerelle_mapping::{Entity, ProblemKind, Profile, SourceRow};
use reqwest::Method;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::small_sandbox;

/// The profile of a French purchasing department's vendor list.
const VENDORS: &str = r#"{
  "version": 1, "id": "fournisseurs", "name": "Liste des fournisseurs (achats)",
  "source": { "name": "achats", "kind": "csv", "delimiter": ";", "encoding": "windows-1252" },
  "target": "actor",
  "key": { "column": "SIRET", "transforms": [{ "op": "replace", "from": " ", "to": "" }], "target": "ref" },
  "fields": [
    { "target": "companyName", "column": "Raison sociale", "transforms": [{ "op": "trim" }] },
    { "target": "city", "column": "Ville", "transforms": [{ "op": "title" }] },
    { "target": "countryCode", "column": "Pays", "transforms": [{ "op": "valueMap", "values": { "France": "FR", "Belgique": "BE" } }] },
    { "target": "email", "column": "E-mail", "transforms": [{ "op": "trim" }, { "op": "lower" }] },
    { "target": "dpaSignatureDate", "column": "Date de signature du DPA",
      "transforms": [{ "op": "date", "formats": ["dd/MM/yyyy"] }] },
    { "target": "actorType", "transforms": [{ "op": "constant", "value": "Morale" }] }
  ],
  "missing": { "action": "ignore" }
}"#;

const VENDOR_HEADER: [&str; 6] = [
    "Raison sociale",
    "SIRET",
    "Ville",
    "Pays",
    "E-mail",
    "Date de signature du DPA",
];

fn vendor_cells() -> Vec<[&'static str; 6]> {
    vec![
        [
            "Hébergement Durand SARL",
            "512 345 678 00012",
            "LYON",
            "France",
            " Contact@Durand-Hebergement.fr ",
            "15/03/2023",
        ],
        [
            "Société Générale de Paie",
            "40412345600027",
            "saint-étienne",
            "Belgique",
            "",
            "01/01/2023",
        ],
        [
            "Müller Logistik GmbH",
            "33345678900011",
            "Köln",
            "Allemagne",
            "",
            "31/13/2023",
        ],
    ]
}

/// A workbook of one sheet, every cell an inline string (empty cells left out).
pub fn write_xlsx(path: &Path, sheet: &str, rows: &[Vec<&str>]) {
    use zip::write::SimpleFileOptions;
    let column = |j: usize| char::from(b'A' + j as u8);
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut data = String::new();
    for (i, row) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", i + 1));
        for (j, cell) in row.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            data.push_str(&format!(
                "<c r=\"{}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                column(j),
                i + 1,
                escape(cell)
            ));
        }
        data.push_str("</row>");
    }
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"#.to_owned()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"#.to_owned()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>"#)),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"#.to_owned()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#)),
    ];
    let mut archive = zip::ZipWriter::new(std::fs::File::create(path).expect("created"));
    for (name, content) in parts {
        archive
            .start_file(name, SimpleFileOptions::default())
            .expect("part started");
        archive.write_all(content.as_bytes()).expect("part written");
    }
    archive.finish().expect("archive finished");
}

/// `rows` as a `;`-separated CSV in Windows-1252 with CRLF line ends, as Excel saves it.
pub fn write_csv_1252(path: &Path, rows: &[Vec<&str>]) {
    let mut text = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c.contains(';') || c.contains('"') {
                true => format!("\"{}\"", c.replace('"', "\"\"")),
                false => (*c).to_owned(),
            })
            .collect();
        text.push_str(&cells.join(";"));
        text.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "the fixture is Windows-1252 text");
    std::fs::write(path, bytes).expect("written");
}

fn vendor_table() -> Vec<Vec<&'static str>> {
    let mut rows = vec![VENDOR_HEADER.to_vec()];
    rows.extend(vendor_cells().into_iter().map(|r| r.to_vec()));
    rows
}

pub(crate) fn read(spec: &SourceSpec) -> SourceData {
    read_file_source(spec)
        .expect("the source reads")
        .expect("a file source")
}

fn fail(spec: &SourceSpec) -> String {
    match read_file_source(spec) {
        Ok(_) => panic!("{spec:?} should be refused"),
        Err(e) => e.to_string(),
    }
}

fn csv(path: &Path) -> SourceSpec {
    SourceSpec::Csv {
        path: path.to_owned(),
        delimiter: None,
        encoding: None,
    }
}

async fn actors_undated(client: &DastraClient) -> Vec<Value> {
    records_undated(client, Entity::Actor).await
}

/// Every record of `entity`, without the `dateUpdate` a write and its undo both move.
pub(crate) async fn records_undated(client: &DastraClient, entity: Entity) -> Vec<Value> {
    let mut all = fetch_records(client, entity, 500).await.expect("listed");
    for record in &mut all {
        record
            .as_object_mut()
            .expect("an object")
            .remove("dateUpdate");
    }
    all
}

#[tokio::test]
async fn a_vendor_workbook_and_its_windows_1252_csv_twin_plan_apply_and_undo_exactly() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let xlsx = dir.path().join("Fournisseurs.xlsx");
    let twin = dir.path().join("Fournisseurs.csv");
    write_xlsx(&xlsx, "Fournisseurs", &vendor_table());
    write_csv_1252(&twin, &vendor_table());
    let profile = Profile::from_json(VENDORS).expect("a valid profile");

    let from_csv = read(&SourceSpec::from_profile(&profile.source, Some(&twin)).expect("a spec"));
    let detected = read(&csv(&twin));
    assert_eq!(
        detected.read_as.to_string(),
        "CSV, windows-1252, delimiter « ; »",
        "encoding and delimiter are detected when the profile says nothing"
    );
    assert_eq!(detected.rows, from_csv.rows);
    let from_xlsx = read(&SourceSpec::Xlsx {
        path: xlsx.clone(),
        sheet: Some("Fournisseurs".into()),
    });
    assert_eq!(from_xlsx.headers, VENDOR_HEADER, "the sheet's header");
    assert_eq!(from_csv.headers, VENDOR_HEADER, "the CSV's header");
    assert_eq!(
        from_xlsx.rows, from_csv.rows,
        "the twins read alike, row numbers included"
    );
    assert_eq!(
        from_csv.rows[1].fields,
        [
            (
                "Raison sociale".to_owned(),
                "Société Générale de Paie".to_owned()
            ),
            ("SIRET".to_owned(), "40412345600027".to_owned()),
            ("Ville".to_owned(), "saint-étienne".to_owned()),
            ("Pays".to_owned(), "Belgique".to_owned()),
            (
                "Date de signature du DPA".to_owned(),
                "01/01/2023".to_owned()
            ),
        ],
        "accents decoded from Windows-1252, the empty e-mail left out"
    );
    assert_eq!(
        from_csv
            .rows
            .iter()
            .map(|r| r.row_number)
            .collect::<Vec<_>>(),
        [2, 3, 4],
        "rows numbered as a spreadsheet shows them, the header being row 1"
    );
    from_xlsx
        .check_profile(&profile)
        .expect("every column is there");

    let (_sandbox, client) = small_sandbox(4).await;
    let before = actors_undated(&client).await;
    let plan = plan_rows(&client, &profile, &from_xlsx.rows).await;
    assert_eq!(
        source_classes(&plan),
        [
            (Some(2), "create"),
            (Some(3), "create"),
            (Some(4), "invalid")
        ]
    );
    assert_eq!(
        Value::Object(plan.rows[0].values.clone()),
        json!({ "ref": "51234567800012",
                "companyName": "Hébergement Durand SARL", "city": "Lyon", "countryCode": "FR",
                "email": "contact@durand-hebergement.fr",
                "dpaSignatureDate": "2023-03-15T00:00:00Z", "actorType": "Morale" })
    );
    let RowClass::Invalid { problems } = &plan.rows[2].class else {
        unreachable!("checked above")
    };
    let kinds: Vec<(ProblemKind, Option<&str>)> = problems
        .iter()
        .map(|p| (p.kind, p.column.as_deref()))
        .collect();
    assert_eq!(kinds.len(), 2, "{problems:?}");
    assert!(
        kinds.contains(&(ProblemKind::TooLong, Some("Pays"))),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.column.as_deref() == Some("Date de signature du DPA")
                && p.message
                    .starts_with("row 4, column « Date de signature du DPA »")),
        "{problems:?}"
    );

    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let cancel = CancellationToken::new();
    let report = apply_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("applied");
    assert_eq!(
        report.count(|o| matches!(o, RowOutcome::Created { .. })),
        2,
        "{report:?}"
    );

    // The CSV twin, planned after the workbook was applied: nothing left to do.
    let again = plan_rows(&client, &profile, &from_csv.rows).await;
    assert_eq!(
        source_classes(&again),
        [
            (Some(2), "unchanged"),
            (Some(3), "unchanged"),
            (Some(4), "invalid")
        ]
    );

    undo_plan(&client, &plan, &journal, &mut (), &cancel)
        .await
        .expect("undone");
    assert_eq!(
        actors_undated(&client).await,
        before,
        "the register of actors is back as it was"
    );
}

/// `rows` planned with `profile` against the client's workspace, its look-ups fetched first.
pub(crate) async fn plan_rows(
    client: &DastraClient,
    profile: &Profile,
    rows: &[SourceRow],
) -> passerelle_imports::Plan {
    let lookups = fetch_lookups(client, profile, 500).await.expect("look-ups");
    plan_import(client, profile, rows, &lookups, &Default::default())
        .await
        .expect("planned")
}

/// The rows of `plan` that came from the source, with their classes.
pub(crate) fn source_classes(plan: &passerelle_imports::Plan) -> Vec<(Option<u64>, &'static str)> {
    plan.rows
        .iter()
        .filter(|r| r.source_row.is_some())
        .map(|r| (r.source_row, class_name(&r.class)))
        .collect()
}

pub(crate) fn class_name(class: &RowClass) -> &'static str {
    match class {
        RowClass::Create => "create",
        RowClass::Update { .. } => "update",
        RowClass::Unchanged => "unchanged",
        RowClass::Conflict { .. } => "conflict",
        RowClass::Invalid { .. } => "invalid",
        RowClass::Missing { .. } => "missing",
    }
}

const SERVICENOW: &str = r#"{
  "version": 1, "id": "servicenow-apps", "name": "ServiceNow applications",
  "source": { "name": "servicenow", "kind": "json", "records": "result" },
  "target": "asset",
  "key": { "column": "u_number", "target": "ref", "transforms": [{ "op": "trim" }] },
  "fields": [
    { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
    { "target": "type", "column": "sys_class_name",
      "transforms": [{ "op": "valueMap", "values": { "cmdb_ci_business_app": "Software" } }] },
    { "target": "tags", "column": "u_tags",
      "transforms": [{ "op": "split", "separator": "," }, { "op": "lookup", "kind": "tag" }] }
  ]
}"#;

#[tokio::test]
async fn a_servicenow_export_s_tags_are_looked_up_in_dastra_and_ambiguous_ones_are_conflicts() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let export = dir.path().join("cmdb_ci_business_app.json");
    let app = "cmdb_ci_business_app";
    let document = json!({ "result": [
        { "u_number": "APM0070001", "name": "Paie", "sys_class_name": app, "u_tags": "Legacy",
          "owned_by": { "display_value": "Claire Martin", "link": "https://x/api/now/1" } },
        { "u_number": "APM0070002", "name": "CRM", "sys_class_name": app, "u_tags": "Cloud" },
        { "u_number": "APM0070003", "name": "GED", "sys_class_name": app,
          "u_tags": "Sous-traitant" },
    ]});
    std::fs::write(&export, serde_json::to_vec_pretty(&document).expect("json")).expect("written");
    let profile = Profile::from_json(SERVICENOW).expect("a valid profile");
    let spec = SourceSpec::from_profile(&profile.source, Some(&export)).expect("a spec");
    let source = read(&spec);
    assert_eq!(
        source.headers,
        [
            "u_number",
            "name",
            "sys_class_name",
            "u_tags",
            "owned_by.display_value",
            "owned_by.link"
        ],
        "nested objects become dotted paths"
    );
    assert_eq!(
        source.rows.iter().map(|r| r.row_number).collect::<Vec<_>>(),
        [1, 2, 3]
    );

    let (_sandbox, client) = small_sandbox(4).await;
    let tags = client.workspace_path("Tags").expect("a path");
    // The seed has an asset tag « Cloud » already: a second one makes the name ambiguous.
    let tag = json!({ "label": "cloud ", "type": "Asset", "color": "#000000" });
    client
        .send_json(Method::POST, &tags, Some(&tag))
        .await
        .expect("a tag created");
    let plan = plan_rows(&client, &profile, &source.rows).await;

    assert_eq!(plan.rows[0].class, RowClass::Create);
    let legacy = &plan.rows[0].values["tags"][0];
    assert_eq!(
        (legacy["label"].as_str(), legacy["type"].as_str()),
        (Some("Legacy"), Some("Asset")),
        "the seed's asset tag, found by label"
    );
    assert!(legacy["id"].is_i64(), "with its Dastra id: {legacy}");
    let RowClass::Conflict {
        reason: ConflictReason::AmbiguousLookup { problems },
    } = &plan.rows[1].class
    else {
        panic!("two asset tags named Cloud: {:?}", plan.rows[1].class);
    };
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0]
            .message
            .contains("2 Dastra tags are named « Cloud »"),
        "{}",
        problems[0].message
    );
    let RowClass::Invalid { problems } = &plan.rows[2].class else {
        panic!("an actor tag is no asset tag: {:?}", plan.rows[2].class);
    };
    assert_eq!(problems[0].kind, ProblemKind::UnresolvedLookup);
}

#[test]
fn bad_files_are_refused_with_what_where_and_how_to_fix() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("written");
        path
    };

    let empty = file("vide.csv", b"");
    assert_eq!(
        fail(&csv(&empty)),
        format!(
            "file {}: it is empty; export the data again, with its header row and at least \
             one row",
            empty.display()
        )
    );
    let header_only = file("entete.csv", b"Nom;SIRET\r\n");
    assert!(fail(&csv(&header_only)).contains("it holds a header but no rows"));

    let latin = file("latin.csv", b"Nom;Ville\nDurand;Lyon\nM\xfcller;K\xf6ln\n");
    let declared_utf8 = SourceSpec::Csv {
        path: latin.clone(),
        delimiter: None,
        encoding: Some("utf-8".into()),
    };
    assert_eq!(
        fail(&declared_utf8),
        format!(
            "file {}: line 3 is not valid UTF-8; give the file's real encoding (such as \
             windows-1252 for an Excel CSV saved on Windows), or save it again as UTF-8",
            latin.display()
        ),
        "the first line that does not decode is named"
    );
    let unknown = SourceSpec::Csv {
        path: latin.clone(),
        delimiter: None,
        encoding: Some("klingon".into()),
    };
    assert!(fail(&unknown).contains("unknown encoding « klingon »"));

    let ragged = file(
        "decale.csv",
        b"Nom;SIRET;Ville\nDurand;512;Lyon\nMartin;Dupont;404;Paris\nBernard;333\n",
    );
    assert_eq!(
        fail(&csv(&ragged)),
        format!(
            "file {}: 2 row(s) do not have the header's 3 cells (row 3 has 4, row 4 has 2); a \
             delimiter inside a value must be quoted: export the file again, or fix these rows",
            ragged.display()
        )
    );

    let duplicate = file("doublon.csv", b"Nom;Ville;Nom\nDurand;Lyon;X\n");
    assert_eq!(
        fail(&csv(&duplicate)),
        format!(
            "file {}: the header « Nom » names both column A and column C; rename one of them \
             so that each column has its own name",
            duplicate.display()
        )
    );
    let unnamed = file(
        "sans-nom.csv",
        b"Nom;;Ville\nDurand;;Lyon\nMartin;x;Paris\n",
    );
    assert!(
        fail(&csv(&unnamed)).contains("column B holds values (row 3 first) but has no header"),
        "{}",
        fail(&csv(&unnamed))
    );

    let binary = file("export.csv", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary");
    assert_eq!(
        fail(&csv(&binary)),
        format!(
            "file {}: binary content, not a CSV file (it may be another format renamed); \
             export the data again as CSV",
            binary.display()
        )
    );
    let fake_xlsx = file("liste.xlsx", b"Nom;Ville\nDurand;Lyon\n");
    let spec = SourceSpec::Xlsx {
        path: fake_xlsx,
        sheet: None,
    };
    assert!(
        fail(&spec).contains("binary content, not a XLSX file"),
        "{}",
        fail(&spec)
    );

    let object = file("export.json", br#"{"result": [{"a": 1}], "meta": {}}"#);
    let no_path = SourceSpec::Json {
        path: object.clone(),
        records: None,
    };
    assert!(
        fail(&no_path).contains(
            "the document is an object, not an array of records (its arrays are under \
             result); give the records path, such as « result » for a ServiceNow export"
        ),
        "{}",
        fail(&no_path)
    );
    let wrong_path = SourceSpec::Json {
        path: object,
        records: Some("records".into()),
    };
    assert!(fail(&wrong_path).contains("the document has no key « records »"));

    let profile = Profile::from_json(VENDORS).expect("a valid profile");
    let renamed = file(
        "renomme.csv",
        "Raison sociale;N° SIRET;Ville;Pays;Mail;Date de signature du DPA\nA;1;B;France;x;01/01/2023\n"
            .as_bytes(),
    );
    let source = read(&csv(&renamed));
    let Err(error @ SourceError::MissingColumns { .. }) = source.check_profile(&profile) else {
        panic!("the profile reads SIRET and E-mail");
    };
    assert_eq!(
        error.to_string(),
        "the profile reads 2 column(s) the source does not have: column « SIRET »: the source \
         has no such column: did you mean « N° SIRET »? Rename the column or edit the mapping; \
         column « E-mail »: the source has no such column: did you mean « Mail »? Rename the \
         column or edit the mapping"
    );
}
