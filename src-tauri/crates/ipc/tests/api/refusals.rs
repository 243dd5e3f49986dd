//! A REST source through `import_plan` against a live local API (paged, behind a bearer token
//! kept in the vault), planned row for row; and sources that cannot be read (the API refusing
//! the token or the right, answering a page that is not JSON, or down; a database refusing the
//! query; damaged files) refused with their cause in parts (`IpcError.refusal`) for the window
//! to word, through the import preview and the mapping studio alike.

use std::path::Path;
use std::sync::Arc;

use passerelle_connectors::FailureCode;
use passerelle_ipc::*;
use passerelle_mapping::Profile;
use passerelle_sandbox::cmdb::{closed_base_url, Cmdb, CmdbAccess, APPLICATIONS_RECIPE};
use passerelle_vault::settings::{RestAuth, RestSettings};
use serde_json::{json, Value};

use crate::imports::{all, api_and_client, plan_file, rows};
use crate::{psql, save_local_postgres, Recorder};

const TOKEN: &str = "jeton-cmdb-de-test";
/// A token the API knows but that may not read the applications (HTTP 403).
const READ_ONLY: &str = "jeton-sans-droit";

/// The CMDB API serving `apps` to [`TOKEN`], refusing [`READ_ONLY`] the right.
async fn start_cmdb(apps: Vec<Value>) -> Cmdb {
    let access = CmdbAccess::Bearer {
        token: TOKEN.into(),
        read_only: Some(READ_ONLY.into()),
    };
    Cmdb::start(apps, access)
        .await
        .expect("the CMDB API started")
}

/// The applications profile on a REST recipe of connection `connection`.
fn cmdb_profile(connection: &str, recipe: &Path) -> String {
    json!({
        "version": 1, "id": "cmdb-apps", "name": "Applications de la CMDB",
        "source": { "name": "cmdb", "kind": "rest", "connection": connection,
                    "recipe": recipe.to_str().expect("a UTF-8 path") },
        "target": "asset",
        "key": { "column": "u_number", "target": "ref" },
        "fields": [
            { "target": "label", "column": "name" },
            { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
        ]
    })
    .to_string()
}

/// An HTTP API connection to `base_url` with a bearer token, saved in `api`'s vault.
async fn save_api(api: &Api, name: &str, base_url: &str, token: &str) -> ConnectionView {
    api.connections_save(ConnectionSaveRequest {
        id: None,
        name: name.into(),
        settings: passerelle_vault::Settings::RestApi(RestSettings {
            base_url: base_url.into(),
            auth: RestAuth::Bearer,
            headers: Default::default(),
            probe: Default::default(),
        }),
        secret: Some(SecretInput::new(token)),
    })
    .await
    .expect("the connection is saved")
}

async fn plan(api: &Api, profile: &str) -> Result<ImportView, IpcError> {
    let spec = Profile::from_json(profile).expect("a profile").source;
    api.import_plan(ImportPlanRequest {
        profile: profile.into(),
        source: SourceSpecDto { path: None, spec },
    })
    .await
}

async fn open_in_studio(api: &Api, profile: &str, path: Option<&Path>) -> IpcError {
    let spec = Profile::from_json(profile).expect("a profile").source;
    let source = SourceSpecDto {
        path: path.map(|p| p.display().to_string()),
        spec,
    };
    api.mapping_source_open(MappingSourceOpenRequest { source })
        .await
        .expect_err("the studio refuses the source too")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rest_source_behind_a_token_is_planned_row_for_row_through_import_plan() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let software: Vec<Value> = all(&client, "Assets")
        .await
        .into_iter()
        .filter(|a| a["type"] == "Software" && a["ref"].is_string())
        .take(2)
        .collect();
    let key = |i: usize| software[i]["ref"].as_str().unwrap().to_owned();
    let label = |i: usize| software[i]["label"].as_str().unwrap().to_owned();
    let assets = all(&client, "Assets").await.len() as u64;
    let cmdb = start_cmdb(vec![
        json!({ "number": key(0), "name": "Paie (CMDB)" }),
        json!({ "number": key(1), "name": label(1) }),
        json!({ "number": "CMDB-0042", "name": "Atlas" }),
        json!({ "name": "Sans numéro" }),
        json!({ "number": "CMDB-0077", "name": "Badges" }),
    ])
    .await;
    let recipe = dir.path().join("cmdb.json");
    std::fs::write(&recipe, APPLICATIONS_RECIPE).expect("the recipe written");
    let saved = save_api(&api, "CMDB", &cmdb.base_url(), TOKEN).await;

    let view = plan(&api, &cmdb_profile(&saved.id, &recipe))
        .await
        .expect("planned from the API");
    assert_eq!(
        cmdb.pages(),
        [
            "page=1&per_page=2",
            "page=2&per_page=2",
            "page=3&per_page=2"
        ],
        "three pages of two, with the vault's token"
    );
    let c = view.counts;
    assert_eq!(
        (
            c.create,
            c.update,
            c.unchanged,
            c.conflict,
            c.invalid,
            c.missing
        ),
        (2, 1, 1, 0, 1, assets - 2),
        "{c:?}"
    );
    assert_eq!(
        view.source,
        Some(ImportSource::Recipe {
            recipe: "Applications de la CMDB".into(),
            connection: "CMDB".into()
        })
    );
    let page = api
        .import_rows(rows(&view.plan_id, vec![], ""))
        .await
        .expect("rows");
    let from_source: Vec<(u64, RowKind, Option<&str>, Option<&str>)> = page
        .rows
        .iter()
        .filter_map(|r| {
            let row = r.source_row?;
            Some((row, r.kind, r.key.as_deref(), r.label.as_deref()))
        })
        .collect();
    let (k0, k1, l1) = (key(0), key(1), label(1));
    assert_eq!(
        from_source,
        [
            (1, RowKind::Update, Some(k0.as_str()), Some("Paie (CMDB)")),
            (2, RowKind::Unchanged, Some(k1.as_str()), Some(l1.as_str())),
            (3, RowKind::Create, Some("CMDB-0042"), Some("Atlas")),
            (4, RowKind::Invalid, None, Some("Sans numéro")),
            (5, RowKind::Create, Some("CMDB-0077"), Some("Badges")),
        ],
        "every record of every page, in the API's order"
    );
    let update = page
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Update)
        .unwrap();
    let changes: Vec<(&str, &str, &str)> = update
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
        .collect();
    assert_eq!(changes, [("label", label(0).as_str(), "Paie (CMDB)")]);
    let invalid = page
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Invalid)
        .unwrap();
    assert_eq!(
        invalid.problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
        [passerelle_mapping::ProblemKind::MissingKey],
        "{:?}",
        invalid.problems
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rest_source_refused_by_the_api_or_down_is_refused_with_its_cause_in_parts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, _client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let cmdb = start_cmdb(vec![json!({ "number": "CMDB-1", "name": "Atlas" })]).await;
    let recipe = dir.path().join("cmdb.json");
    std::fs::write(&recipe, APPLICATIONS_RECIPE).expect("the recipe written");
    let base = cmdb.base_url();

    // The API refuses the token: HTTP 401, the connection named, its URL and the recipe.
    let wrong = save_api(&api, "CMDB (ancien jeton)", &base, "un-jeton-perime").await;
    let profile = cmdb_profile(&wrong.id, &recipe);
    let err = plan(&api, &profile).await.expect_err("a refused token");
    assert_eq!(err.code, ErrorCode::Unauthorized, "{err:?}");
    assert!(
        err.message.contains("HTTP 401"),
        "the English sentence stays: {}",
        err.message
    );
    assert!(!err.message.contains("un-jeton-perime"), "{}", err.message);
    let expected = SourceRefusal::Api {
        code: FailureCode::WrongCredentials,
        connection: "CMDB (ancien jeton)".into(),
        url: base.clone(),
        recipe: "cmdb.json".into(),
        detail: None,
    };
    assert_eq!(err.refusal.as_deref(), Some(&expected), "{err:?}");
    assert!(cmdb.pages().is_empty(), "no page was served");
    let studio = open_in_studio(&api, &profile, None).await;
    assert_eq!(
        studio.refusal.as_deref(),
        Some(&expected),
        "the studio gets the same cause"
    );

    // A token without the right: HTTP 403.
    let read_only = save_api(&api, "CMDB (lecture seule)", &base, READ_ONLY).await;
    let err = plan(&api, &cmdb_profile(&read_only.id, &recipe))
        .await
        .expect_err("a token without the right");
    assert_eq!(err.code, ErrorCode::Unauthorized, "{err:?}");
    assert!(
        matches!(
            err.refusal.as_deref(),
            Some(SourceRefusal::Api { code: FailureCode::MissingPermission, connection, .. })
                if connection == "CMDB (lecture seule)"
        ),
        "{err:?}"
    );

    // A recipe pointing at a page for people: the answer is not JSON.
    let portal = dir.path().join("portail.json");
    std::fs::write(
        &portal,
        APPLICATIONS_RECIPE.replace("/v2/applications", "/v2/portail"),
    )
    .unwrap();
    let good = save_api(&api, "CMDB", &base, TOKEN).await;
    let err = plan(&api, &cmdb_profile(&good.id, &portal))
        .await
        .expect_err("an answer that is not JSON");
    assert!(
        matches!(
            err.refusal.as_deref(),
            Some(SourceRefusal::Api { code: FailureCode::NotJson, recipe, .. })
                if recipe == "portail.json"
        ),
        "{err:?}"
    );

    // Nothing listens on the port any more: the API is unreachable.
    let down_url = closed_base_url();
    let down = save_api(&api, "CMDB éteinte", &down_url, TOKEN).await;
    let err = plan(&api, &cmdb_profile(&down.id, &recipe))
        .await
        .expect_err("a server down");
    assert_eq!(err.code, ErrorCode::Unreachable, "{err:?}");
    let Some(SourceRefusal::Api {
        code,
        connection,
        url,
        recipe,
        ..
    }) = err.refusal.as_deref()
    else {
        panic!("the API's failure in parts: {err:?}");
    };
    assert_eq!(
        (*code, connection.as_str(), url.as_str(), recipe.as_str()),
        (
            FailureCode::Unreachable,
            "CMDB éteinte",
            down_url.as_str(),
            "cmdb.json"
        )
    );

    // A query on the API's connection, which is no database.
    let err = plan(
        &api,
        &query_profile(&wrong.id, "SELECT numero, nom FROM apps"),
    )
    .await
    .expect_err("a query on an API");
    assert_eq!(
        err.refusal.as_deref(),
        Some(&SourceRefusal::NotADatabase {
            connection: "CMDB (ancien jeton)".into()
        })
    );

    // A connection that is not there, by the name the profile gives.
    let err = plan(
        &api,
        &cmdb_profile("CMDB supprimée", dir.path().join("cmdb.json").as_path()),
    )
    .await
    .expect_err("no such connection");
    assert_eq!(
        err.refusal.as_deref(),
        Some(&SourceRefusal::ConnectionNotFound {
            connection: "CMDB supprimée".into()
        })
    );
}

/// A query profile on connection `id`.
fn query_profile(id: &str, query: &str) -> String {
    json!({
        "version": 1, "id": "erp-apps", "name": "Applications de l'ERP",
        "source": { "name": "erp", "kind": "sql", "connection": id, "query": query },
        "target": "asset",
        "key": { "column": "numero", "target": "ref" },
        "fields": [{ "target": "label", "column": "nom" }]
    })
    .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_query_the_database_refuses_says_why_and_on_which_table_or_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, _client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let saved = save_local_postgres(&api, "ERP local").await;
    let refused = |code, subject: Option<&str>| SourceRefusal::Database {
        code,
        connection: "ERP local".into(),
        engine: "PostgreSQL".into(),
        server: "127.0.0.1:5432".into(),
        database: "test".into(),
        user: "postgres".into(),
        subject: subject.map(str::to_owned),
        detail: None,
    };
    let cases = [
        (
            "SELECT numero, FROM passerelle_nulle_part",
            refused(FailureCode::QuerySyntax, None),
        ),
        (
            "SELECT numero, nom FROM passerelle_table_absente",
            refused(FailureCode::UnknownTable, Some("passerelle_table_absente")),
        ),
        (
            "SELECT numero, libelle AS nom FROM (SELECT 'A' AS numero) AS t",
            refused(FailureCode::UnknownColumn, Some("libelle")),
        ),
    ];
    for (query, expected) in cases {
        let profile = query_profile(&saved.id, query);
        let err = plan(&api, &profile).await.expect_err(query);
        assert_eq!(err.code, ErrorCode::Invalid, "{query}: {err:?}");
        let mut got = *err.refusal.clone().expect("a refusal in parts");
        let SourceRefusal::Database { detail, .. } = &mut got else {
            panic!("{query}: {got:?}");
        };
        assert!(
            detail.take().is_some(),
            "{query}: the database's own words are kept"
        );
        assert_eq!(got, expected, "{query}");
        let studio = open_in_studio(&api, &profile, None).await;
        assert_eq!(
            studio.refusal, err.refusal,
            "{query}: the studio gets the same cause"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_the_account_may_not_read_is_named_in_the_refusal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, _client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let (role, table) = ("passerelle_ipc_lecteur", "passerelle_ipc_paie");
    psql(&format!(
        "DO $$ BEGIN CREATE ROLE {role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$; \
         DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (numero text, nom text); \
         INSERT INTO {table} VALUES ('A-1', 'Paie'); REVOKE ALL ON {table} FROM PUBLIC;"
    ));
    let saved = api
        .connections_save(ConnectionSaveRequest {
            id: None,
            name: "Paie (lecture)".into(),
            settings: passerelle_vault::Settings::Postgres(
                passerelle_vault::settings::PostgresSettings {
                    host: "127.0.0.1".into(),
                    port: 5432,
                    database: "test".into(),
                    user: role.into(),
                    ssl_mode: passerelle_vault::settings::SslMode::Disable,
                    schemas: vec![],
                },
            ),
            secret: None,
        })
        .await
        .expect("the connection is saved");
    let query = format!("SELECT numero, nom FROM {table}");
    let err = plan(&api, &query_profile(&saved.id, &query))
        .await
        .expect_err("a table the role may not read");
    psql(&format!("DROP TABLE IF EXISTS {table};"));
    assert_eq!(err.code, ErrorCode::Unauthorized, "{err:?}");
    let Some(SourceRefusal::Database {
        code,
        user,
        subject,
        ..
    }) = err.refusal.as_deref()
    else {
        panic!("the database's refusal in parts: {err:?}");
    };
    assert_eq!(
        (*code, user.as_str(), subject.as_deref()),
        (FailureCode::MissingPermission, role, Some(table))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mariadb_syntax_error_is_a_syntax_error_not_a_missing_right() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, _client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let saved = api
        .connections_save(ConnectionSaveRequest {
            id: None,
            name: "Boutique".into(),
            settings: passerelle_vault::Settings::MySql(
                passerelle_vault::settings::MySqlSettings {
                    host: "127.0.0.1".into(),
                    port: 3306,
                    database: "test".into(),
                    user: "root".into(),
                },
            ),
            secret: None,
        })
        .await
        .expect("the connection is saved");
    let cases = [
        (
            "SELECT numero, FROM nulle_part",
            FailureCode::QuerySyntax,
            None,
        ),
        (
            "SELECT numero, nom FROM passerelle_ipc_absente",
            FailureCode::UnknownTable,
            Some("test.passerelle_ipc_absente"),
        ),
        (
            "SELECT numero, libelle AS nom FROM (SELECT 'A' AS numero) AS t",
            FailureCode::UnknownColumn,
            Some("libelle"),
        ),
    ];
    for (query, expected, named) in cases {
        let err = plan(&api, &query_profile(&saved.id, query))
            .await
            .expect_err(query);
        let Some(SourceRefusal::Database {
            code,
            engine,
            server,
            subject,
            ..
        }) = err.refusal.as_deref()
        else {
            panic!("{query}: the database's refusal in parts: {err:?}");
        };
        assert_eq!(
            (*code, engine.as_str(), server.as_str(), subject.as_deref()),
            (expected, "MySQL/MariaDB", "127.0.0.1:3306", named),
            "{query}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn damaged_files_are_refused_with_the_file_and_the_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (api, _client) = api_and_client(dir.path(), Arc::new(Recorder::default())).await;
    let profile = |kind: Value| {
        json!({
            "version": 1, "id": "apps", "name": "Applications",
            "source": kind,
            "target": "asset",
            "key": { "column": "u_number", "target": "ref" },
            "fields": [{ "target": "label", "column": "name" }]
        })
        .to_string()
    };
    let json_profile = profile(json!({ "name": "now", "kind": "json", "records": "result" }));
    let cut = dir.path().join("export-coupe.json");
    std::fs::write(
        &cut,
        "{ \"result\": [\n  { \"u_number\": \"A-1\", \"name\": \"Paie\" },\n  {",
    )
    .unwrap();
    let err = plan_file(&api, &json_profile, &cut)
        .await
        .expect_err("a cut document");
    let Some(SourceRefusal::FileCorrupt {
        path, format, line, ..
    }) = err.refusal.as_deref()
    else {
        panic!("a damaged file in parts: {err:?}");
    };
    assert_eq!(
        (path.as_str(), format.as_str(), *line),
        (cut.display().to_string().as_str(), "JSON", Some(3))
    );

    let xlsx_profile = profile(json!({ "name": "now", "kind": "xlsx" }));
    let xlsx = dir.path().join("inventaire.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04 not really a workbook").unwrap();
    let err = plan_file(&api, &xlsx_profile, &xlsx)
        .await
        .expect_err("a broken workbook");
    assert!(
        matches!(
            err.refusal.as_deref(),
            Some(SourceRefusal::FileCorrupt { format, .. }) if format == "XLSX"
        ),
        "{err:?}"
    );

    let csv_profile = profile(json!({ "name": "now", "kind": "csv", "encoding": "utf-8" }));
    let csv = dir.path().join("applications.csv");
    std::fs::write(&csv, b"u_number;name\nA-1;Paie\nA-2;Mat\xe9riel\n").unwrap();
    let err = plan_file(&api, &csv_profile, &csv)
        .await
        .expect_err("not UTF-8");
    assert_eq!(
        err.refusal.as_deref(),
        Some(&SourceRefusal::WrongEncoding {
            path: csv.display().to_string(),
            encoding: "UTF-8".into(),
            line: 3
        }),
        "{err:?}"
    );
    let studio = open_in_studio(&api, &csv_profile, Some(&csv)).await;
    assert_eq!(
        studio.refusal, err.refusal,
        "the studio gets the same cause"
    );
}
