//! The mapping studio's commands against real files in a temp folder and the embedded sandbox:
//! targets from the contract, sources opened, suggestions, the preview cell by cell, and the
//! saved profiles.

use std::path::Path;

use passerelle_imports::ReadAs;
use passerelle_ipc::*;
use passerelle_mapping::{Entity, FieldType, ProblemKind, Profile, SourceKind, SourceSpec};
use serde_json::json;

use super::{api_on_fresh_sandbox, save_local_postgres};

/// States as a French ServiceNow instance displays them; `Pilote` has no close Dastra value.
const STATES: [&str; 3] = ["En production", "Retiré", "Pilote"];

/// A ServiceNow Table API export of `n` business applications, records under `result`.
fn write_servicenow_export(dir: &Path, n: usize) -> String {
    let result: Vec<_> = (1..=n)
        .map(|i| {
            json!({
                "sys_id": format!("{i:032x}"),
                "u_number": format!("APM{i:07}"),
                "name": format!(" Application {i} "),
                "short_description": format!("Business application number {i}"),
                "install_status": STATES[(i - 1) % 3],
                "u_hosting": if i % 2 == 0 { "Cloud" } else { "On premise" },
                "owned_by": { "display_value": "Claire Martin", "link": "https://x/api/1" },
                "sys_class_name": "cmdb_ci_business_app",
            })
        })
        .collect();
    let path = dir.join("servicenow-apps.json");
    std::fs::write(
        &path,
        serde_json::to_vec_pretty(&json!({ "result": result })).unwrap(),
    )
    .expect("write the export");
    path.display().to_string()
}

fn json_source(path: &str, records: Option<&str>) -> SourceSpecDto {
    SourceSpecDto {
        path: Some(path.to_owned()),
        spec: SourceSpec {
            name: "servicenow".into(),
            kind: SourceKind::Json {
                records: records.map(str::to_owned),
            },
        },
    }
}

/// The profile a DPO draws for the export; `pilote` says whether « Pilote » is mapped.
fn servicenow_profile(pilote: bool) -> Profile {
    let mut states = json!({ "En production": "InProduction", "Retiré": "Stopped" });
    if pilote {
        states["Pilote"] = json!("InDevelopment");
    }
    serde_json::from_value(json!({
        "version": 1, "id": "servicenow-apps", "name": "Applications ServiceNow",
        "source": { "name": "servicenow", "kind": "json", "records": "result" },
        "target": "asset",
        "key": { "column": "u_number", "target": "ref" },
        "fields": [
            { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
            { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] },
            { "target": "applicationState", "column": "install_status",
              "transforms": [{ "op": "valueMap", "values": states }] }
        ],
        "missing": { "action": "tag" }
    }))
    .expect("a profile")
}

#[tokio::test]
async fn targets_are_assets_contracts_and_actors_with_their_fields_from_the_contract() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let targets = api
        .mapping_targets(MappingTargetsRequest {})
        .await
        .expect("targets");

    let entities: Vec<Entity> = targets.targets.iter().map(|t| t.entity).collect();
    assert_eq!(entities, [Entity::Asset, Entity::Contract, Entity::Actor]);
    let asset = &targets.targets[0];
    let label = asset.field("label").expect("assets have a label");
    assert!(label.required, "the contract requires an asset's label");
    assert_eq!(label.max_length, Some(655), "the contract's maximum length");
    let state = asset.field("applicationState").expect("a state field");
    assert_eq!(
        state.ty,
        FieldType::Enum {
            values: vec![
                "InProduction".into(),
                "InDevelopment".into(),
                "Stopped".into()
            ]
        },
        "allowed values as Dastra spells them"
    );
    assert!(
        asset.field("dateCreation").is_none(),
        "server-set fields are not offered"
    );
    assert!(
        targets
            .default_keys
            .iter()
            .any(|k| k.entity == Entity::Asset && k.field == "ref"),
        "assets match on ref by default: {:?}",
        targets.default_keys
    );
    for t in &targets.targets {
        assert!(t.fields.len() >= 3, "{:?} has fields", t.entity);
    }
}

#[tokio::test]
async fn a_servicenow_export_opens_with_its_columns_samples_and_record_count() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let path = write_servicenow_export(dir.path(), 30);
    let view = api
        .mapping_source_open(MappingSourceOpenRequest {
            source: json_source(&path, Some("result")),
        })
        .await
        .expect("the export opens");

    assert_eq!(view.records, 30, "every record is counted");
    assert!(
        matches!(&view.read_as, ReadAs::File { format, sheet: None, .. } if format == "JSON"),
        "{:?}",
        view.read_as
    );
    let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    for expected in [
        "u_number",
        "name",
        "install_status",
        "owned_by.display_value",
    ] {
        assert!(names.contains(&expected), "{expected} in {names:?}");
    }
    let number = view.columns.iter().find(|c| c.name == "u_number").unwrap();
    assert_eq!(number.samples, ["APM0000001", "APM0000002", "APM0000003"]);
    assert_eq!(number.filled, 30, "every record has a number");
}

#[tokio::test]
async fn a_wrong_records_path_names_the_keys_the_file_has() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let path = write_servicenow_export(dir.path(), 3);
    let err = api
        .mapping_source_open(MappingSourceOpenRequest {
            source: json_source(&path, Some("results")),
        })
        .await
        .expect_err("no records under results");
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(
        err.message.contains("« results »") && err.message.contains("under result"),
        "{}",
        err.message
    );

    let missing = dir.path().join("nowhere.json").display().to_string();
    let err = api
        .mapping_source_open(MappingSourceOpenRequest {
            source: json_source(&missing, None),
        })
        .await
        .expect_err("no such file");
    assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
}

#[tokio::test]
async fn a_french_vendor_csv_in_windows_1252_opens_with_its_delimiter_and_accents() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let text = "Raison sociale;Ville;Téléphone\nÉlectricité Générale;Orléans;0102030405\n\
                Brasserie Müller;Sélestat;0388000000\n";
    let bytes: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect(); // Latin-1 ⊂ 1252
    let path = dir.path().join("fournisseurs.csv");
    std::fs::write(&path, bytes).unwrap();

    let view = api
        .mapping_source_open(MappingSourceOpenRequest {
            source: SourceSpecDto {
                path: Some(path.display().to_string()),
                spec: SourceSpec {
                    name: "achats".into(),
                    kind: SourceKind::Csv {
                        delimiter: None,
                        encoding: None,
                    },
                },
            },
        })
        .await
        .expect("the CSV opens");
    assert_eq!(view.records, 2);
    assert_eq!(
        view.read_as,
        ReadAs::File {
            format: "CSV".into(),
            encoding: Some("windows-1252".into()),
            delimiter: Some(";".into()),
            sheet: None,
        }
    );
    let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Raison sociale", "Ville", "Téléphone"]);
    assert_eq!(view.columns[1].samples, ["Orléans", "Sélestat"]);

    let suggested = api
        .mapping_suggest(MappingSuggestRequest {
            source: SourceSpecDto {
                path: Some(path.display().to_string()),
                spec: SourceSpec {
                    name: "achats".into(),
                    kind: SourceKind::Csv {
                        delimiter: None,
                        encoding: None,
                    },
                },
            },
            target: Entity::Actor,
        })
        .await
        .expect("suggestions");
    let pairs: Vec<(&str, &str)> = suggested
        .fields
        .iter()
        .map(|s| (s.target_field.as_str(), s.source_column.as_str()))
        .collect();
    assert!(pairs.contains(&("city", "Ville")), "{pairs:?}");
    assert!(pairs.contains(&("phoneNumber", "Téléphone")), "{pairs:?}");
}

#[tokio::test]
async fn suggestions_map_the_servicenow_columns_and_pair_its_states() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let path = write_servicenow_export(dir.path(), 30);
    let suggested = api
        .mapping_suggest(MappingSuggestRequest {
            source: json_source(&path, Some("result")),
            target: Entity::Asset,
        })
        .await
        .expect("suggestions");

    let pairs: Vec<(&str, &str)> = suggested
        .fields
        .iter()
        .map(|s| (s.target_field.as_str(), s.source_column.as_str()))
        .collect();
    for pair in [
        ("ref", "u_number"),
        ("label", "name"),
        ("applicationState", "install_status"),
    ] {
        assert!(pairs.contains(&pair), "{pair:?} in {pairs:?}");
    }
    let states = suggested
        .enum_maps
        .iter()
        .find(|m| m.target_field == "applicationState")
        .expect("a value map for the states");
    let map: Vec<(&str, &str)> = states
        .values
        .iter()
        .map(|p| (p.from.as_str(), p.to.as_str()))
        .collect();
    assert!(map.contains(&("En production", "InProduction")), "{map:?}");
    assert!(map.contains(&("Retiré", "Stopped")), "{map:?}");
    assert_eq!(
        states.unmatched,
        ["Pilote"],
        "left for the DPO to map by hand"
    );
}

#[tokio::test]
async fn the_preview_shows_each_transformed_cell_with_its_errors_where_they_occur() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let path = write_servicenow_export(dir.path(), 30);
    let request = |profile: Profile| MappingPreviewRequest {
        source: json_source(&path, Some("result")),
        profile,
        limit: 6,
    };

    let preview = api
        .mapping_preview(request(servicenow_profile(false)))
        .await
        .expect("a preview");
    assert_eq!(preview.fields, ["ref", "label", "type", "applicationState"]);
    assert_eq!(preview.rows.len(), 6, "the first six records");
    assert_eq!(preview.records, 30);
    let first = &preview.rows[0];
    assert_eq!(first.key.as_deref(), Some("APM0000001"));
    assert_eq!(
        first.cells[1].value,
        Some(json!("Application 1")),
        "trimmed"
    );
    assert_eq!(
        first.cells[2].value,
        Some(json!("Software")),
        "the constant"
    );
    // Record 3 is « Pilote » (3 % 3 == 0), which the map does not know.
    let third = &preview.rows[2];
    let state = &third.cells[3];
    assert_eq!(state.value, None, "a refused value is not written");
    assert_eq!(state.problems.len(), 1, "{:?}", state.problems);
    assert_eq!(state.problems[0].kind, ProblemKind::NotInEnum);
    assert!(
        state.problems[0].message.contains("« Pilote »"),
        "{}",
        state.problems[0].message
    );
    assert!(
        third.cells[..3].iter().all(|c| c.problems.is_empty()),
        "only that cell"
    );
    assert_eq!(
        (preview.valid, preview.invalid),
        (4, 2),
        "rows 3 and 6 are Pilote"
    );

    let fixed = api
        .mapping_preview(request(servicenow_profile(true)))
        .await
        .expect("a preview");
    assert_eq!(fixed.rows[2].cells[3].value, Some(json!("InDevelopment")));
    assert_eq!((fixed.valid, fixed.invalid), (6, 0));

    let mut missing_column = servicenow_profile(true);
    missing_column.fields[0].column = Some("nom".into());
    let preview = api
        .mapping_preview(request(missing_column))
        .await
        .expect("a preview");
    assert_eq!(
        preview.source_problems.len(),
        1,
        "{:?}",
        preview.source_problems
    );
    assert_eq!(preview.source_problems[0].kind, ProblemKind::MissingColumn);
}

#[tokio::test]
async fn a_query_on_a_saved_postgres_connection_is_a_source_and_an_unknown_one_is_named() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let sql = |connection: &str| SourceSpecDto {
        path: None,
        spec: SourceSpec {
            name: "erp".into(),
            kind: SourceKind::Sql {
                connection: connection.into(),
                query: "select 'APM1' as u_number, 'Paie' as name \
                        union all select 'APM2', 'CRM Ventes'"
                    .into(),
            },
        },
    };
    let err = api
        .mapping_source_open(MappingSourceOpenRequest {
            source: sql("nowhere"),
        })
        .await
        .expect_err("no such connection");
    assert_eq!(err.code, ErrorCode::NotFound, "{}", err.message);
    assert!(err.message.contains("« nowhere »"), "{}", err.message);

    let saved = save_local_postgres(&api, "ERP local").await;
    let view = api
        .mapping_source_open(MappingSourceOpenRequest {
            source: sql(&saved.id),
        })
        .await
        .expect("the query runs on PostgreSQL");
    assert_eq!(view.records, 2);
    let names: Vec<&str> = view.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["u_number", "name"]);
    assert_eq!(view.columns[1].samples, ["Paie", "CRM Ventes"]);
}

#[tokio::test]
async fn profiles_are_saved_as_revisions_listed_duplicated_exported_and_imported() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let list = || api.mapping_profile_list(ProfileListRequest {});
    assert!(
        list().await.unwrap().profiles.is_empty(),
        "nothing saved yet"
    );

    let first = api
        .mapping_profile_save(ProfileSaveRequest {
            profile: servicenow_profile(false),
        })
        .await
        .expect("saved");
    assert_eq!((first.revision, first.revisions.clone()), (1, vec![1]));
    let second = api
        .mapping_profile_save(ProfileSaveRequest {
            profile: servicenow_profile(true),
        })
        .await
        .expect("saved again");
    assert_eq!(second.revisions, [1, 2], "a save never overwrites");

    let old = api
        .mapping_profile_get(ProfileGetRequest {
            id: "servicenow-apps".into(),
            revision: Some(1),
        })
        .await
        .expect("revision 1");
    assert_eq!(old.profile, servicenow_profile(false));
    let latest = api
        .mapping_profile_get(ProfileGetRequest {
            id: "servicenow-apps".into(),
            revision: None,
        })
        .await
        .expect("the latest");
    assert_eq!(
        (latest.revision, &latest.profile),
        (2, &servicenow_profile(true))
    );

    let copy = api
        .mapping_profile_duplicate(ProfileDuplicateRequest {
            id: "servicenow-apps".into(),
            name: "Applications ServiceNow (copie)".into(),
        })
        .await
        .expect("duplicated");
    assert_eq!(copy.id, "applications-servicenow-copie");
    assert_eq!(copy.revisions, [1]);
    let names: Vec<String> = list()
        .await
        .unwrap()
        .profiles
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(
        names,
        ["Applications ServiceNow", "Applications ServiceNow (copie)"]
    );

    let file = dir.path().join("export.json");
    let exported = api
        .mapping_profile_export(ProfileExportRequest {
            id: "servicenow-apps".into(),
            revision: None,
            path: file.display().to_string(),
        })
        .await
        .expect("exported");
    let text = std::fs::read_to_string(&file).expect("the file is there");
    assert_eq!(exported.bytes, text.len() as u64);
    assert_eq!(Profile::from_json(&text).unwrap(), servicenow_profile(true));

    let imported = api
        .mapping_profile_import(ProfileImportRequest {
            path: file.display().to_string(),
        })
        .await
        .expect("imported");
    assert_eq!(
        imported.revisions,
        [1, 2, 3],
        "an import is the next revision of its id"
    );

    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, text.replacen("\"version\": 1", "\"version\": 7", 1)).unwrap();
    let err = api
        .mapping_profile_import(ProfileImportRequest {
            path: newer.display().to_string(),
        })
        .await
        .expect_err("a newer format is refused");
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(
        err.message.contains("format version 7") && err.message.contains("update Passerelle"),
        "{}",
        err.message
    );
    let after = api
        .mapping_profile_get(ProfileGetRequest {
            id: "servicenow-apps".into(),
            revision: None,
        })
        .await
        .unwrap();
    assert_eq!(
        after.summary.revisions,
        [1, 2, 3],
        "nothing saved by a refused import"
    );

    let mut bad = servicenow_profile(true);
    bad.id = "../escape".into();
    let err = api
        .mapping_profile_save(ProfileSaveRequest { profile: bad })
        .await
        .expect_err("an id is a folder name");
    assert_eq!(err.code, ErrorCode::Invalid, "{}", err.message);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_names_what_a_look_up_found_beside_its_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, client) = super::api_and_client_in(
        dir.path(),
        std::sync::Arc::new(super::MemoryStore::default()),
        std::sync::Arc::new(super::Recorder::default()),
    )
    .await;
    let path = client.workspace_path("Actors").unwrap();
    let actors = client
        .get_json(&path, &[("pageSize", "500")])
        .await
        .expect("actors")["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let vendor = actors
        .iter()
        .find(|a| a["companyName"].is_string())
        .expect("an actor with a company name");
    let name = vendor["companyName"].as_str().unwrap();
    let src = tempfile::tempdir().expect("temp dir");
    let file = src.path().join("contrats.json");
    let export = json!([
        { "ref": "CTR-PREVIEW-1", "titre": "Maintenance", "fournisseur": name.to_uppercase() },
        { "ref": "CTR-PREVIEW-2", "titre": "Hébergement", "fournisseur": "Personne de ce nom" }
    ]);
    std::fs::write(&file, export.to_string()).unwrap();
    let profile = Profile::from_json(
        r#"{ "version": 1, "id": "contrats-apercu", "name": "Contrats",
        "source": { "name": "achats", "kind": "json" }, "target": "contract",
        "key": { "column": "ref", "target": "ref" },
        "fields": [
          { "target": "label", "column": "titre" },
          { "target": "signatories", "column": "fournisseur",
            "transforms": [{ "op": "lookup", "kind": "actor" }] }
        ] }"#,
    )
    .unwrap();

    let preview = api
        .mapping_preview(MappingPreviewRequest {
            source: SourceSpecDto {
                path: Some(file.display().to_string()),
                spec: profile.source.clone(),
            },
            profile,
            limit: 10,
        })
        .await
        .expect("a preview");
    let cell = |row: usize| {
        preview.rows[row]
            .cells
            .iter()
            .find(|c| c.field == "signatories")
            .expect("the signatories cell")
            .clone()
    };
    let found = cell(0);
    assert_eq!(found.value, Some(json!([vendor["id"]])), "{found:?}");
    assert_eq!(
        found.label.as_deref(),
        Some(name),
        "named as Dastra spells it"
    );
    let missing = cell(1);
    assert_eq!((missing.value, missing.label), (None, None));
    assert!(
        !missing.problems.is_empty(),
        "the unknown vendor is refused at its cell"
    );
    let title = preview.rows[0]
        .cells
        .iter()
        .find(|c| c.field == "label")
        .unwrap();
    assert_eq!(title.label, None, "only look-ups are named");
}
