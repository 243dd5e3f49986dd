//! Sources that are not files: a query on a real PostgreSQL, MariaDB and SQLite database (a
//! table of applications the test creates, dropped after), and a REST recipe paging through a
//! local HTTP API; each read through the vault, planned against the sandbox, and a query that
//! would write refused before anything reaches the database.

use std::path::Path;

use passerelle_dastra::DastraClient;
use passerelle_imports::{
    apply_plan, read_source, Journal, RowOutcome, SourceData, SourceError, SourceSpec,
};
use passerelle_mapping::Profile;
use passerelle_sandbox::cmdb::{Cmdb, CmdbAccess, APPLICATIONS_RECIPE};
use passerelle_vault::settings::{
    MySqlSettings, PostgresSettings, RestAuth, RestSettings, SqliteSettings, SslMode,
};
use passerelle_vault::{JsonFileStore, KeyringStore, ProfileDraft, Settings, Vault};
use serde_json::{json, Value};
use sqlx::{Connection, Executor};
use tokio_util::sync::CancellationToken;

use crate::sources::{plan_rows, source_classes};
use crate::{applications_profile, post_asset, small_sandbox};

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";
const MYSQL_ADMIN: &str = "mysql://root@127.0.0.1:3306/test";

/// A unique lowercase table name, so that tests running at once never share a table.
fn unique(what: &str) -> String {
    format!(
        "passerelle_t_{what}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// Runs its statement as administrator when dropped, even when the test failed.
struct Scratch(&'static str, String);

impl Drop for Scratch {
    fn drop(&mut self) {
        let (url, sql) = (self.0, self.1.clone());
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let result = admin(url, &sql).await;
                if let Err(e) = result {
                    eprintln!("cleanup {sql:?} failed: {e}");
                }
            })
        })
        .join();
    }
}

async fn admin(url: &str, sql: &str) -> Result<(), sqlx::Error> {
    if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(url).await?;
        c.execute(sql).await.map(drop)
    } else {
        let mut c = sqlx::MySqlConnection::connect(url).await?;
        c.execute(sql).await.map(drop)
    }
}

async fn count(url: &str, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    if url.starts_with("postgres") {
        let mut c = sqlx::PgConnection::connect(url).await.expect("admin");
        sqlx::query_scalar(&sql)
            .fetch_one(&mut c)
            .await
            .expect("counted")
    } else {
        let mut c = sqlx::MySqlConnection::connect(url).await.expect("admin");
        sqlx::query_scalar(&sql)
            .fetch_one(&mut c)
            .await
            .expect("counted")
    }
}

/// The applications table, in each engine's words, and its five rows: three new applications,
/// one already in Dastra under an old label, one without a name.
fn applications(table: &str, text: &str) -> String {
    format!(
        "CREATE TABLE {table} (id INTEGER PRIMARY KEY, u_number {text} NOT NULL, \
         name {text}, sys_class_name {text}, users INTEGER);
         INSERT INTO {table} VALUES
           (1, 'APP-SQL-001', 'Paie', 'cmdb_ci_business_app', 120),
           (2, ' APP-SQL-002 ', 'CRM commercial', 'cmdb_ci_business_app', 45),
           (3, 'APP-SQL-003', 'GED', 'cmdb_ci_business_app', NULL),
           (4, 'APP-SQL-004', 'Messagerie', 'cmdb_ci_business_app', 800),
           (5, 'APP-SQL-005', NULL, 'cmdb_ci_business_app', 3)"
    )
}

fn query(table: &str) -> String {
    format!("SELECT u_number, name, sys_class_name, users FROM {table} ORDER BY id")
}

/// The test PostgreSQL, as a connection's settings.
fn postgres() -> Settings {
    Settings::Postgres(PostgresSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        database: "test".into(),
        user: "postgres".into(),
        ssl_mode: SslMode::Prefer,
        schemas: vec!["public".into()],
    })
}

/// A vault in `dir` holding one connection named `name`, without a secret.
fn vault(dir: &Path, name: &str, settings: Settings) -> Vault {
    let vault = Vault::new(
        JsonFileStore::new(dir.join("connections.json")),
        KeyringStore::new(),
    );
    vault
        .create(ProfileDraft::new(name, settings), None)
        .expect("the connection is saved");
    vault
}

/// Check what the applications query reads: the query's columns as headers, rows numbered
/// from 1 in the query's order, values as text, `NULL`s left out, spaces trimmed.
fn check_read(source: &SourceData) {
    assert_eq!(
        source.headers,
        ["u_number", "name", "sys_class_name", "users"]
    );
    assert_eq!(
        source.rows.iter().map(|r| r.row_number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    let field = |s: &str, t: &str| (s.to_owned(), t.to_owned());
    assert_eq!(
        source.rows[0].fields,
        [
            field("u_number", "APP-SQL-001"),
            field("name", "Paie"),
            field("sys_class_name", "cmdb_ci_business_app"),
            field("users", "120"),
        ],
        "an integer reads as the database shows it"
    );
    assert_eq!(source.rows[1].fields[0], field("u_number", "APP-SQL-002"));
    let third: Vec<&str> = source.rows[2]
        .fields
        .iter()
        .map(|(c, _)| c.as_str())
        .collect();
    assert_eq!(
        third,
        ["u_number", "name", "sys_class_name"],
        "a NULL is no value"
    );
    assert!(
        !source.rows[4].fields.iter().any(|(c, _)| c == "name"),
        "{:?}",
        source.rows[4]
    );
}

/// Put « Messagerie » in Dastra under an old label, so that its row is an update.
async fn seed_existing(client: &DastraClient) {
    let asset =
        json!({ "ref": "APP-SQL-004", "label": "Messagerie (ancienne)", "type": "Software" });
    post_asset(client, asset).await;
}

async fn plan_classes(
    client: &DastraClient,
    profile: &Profile,
    source: &SourceData,
) -> (passerelle_imports::Plan, Vec<(Option<u64>, &'static str)>) {
    let plan = plan_rows(client, profile, &source.rows).await;
    let classes = source_classes(&plan);
    (plan, classes)
}

const EXPECTED: [(Option<u64>, &str); 5] = [
    (Some(1), "create"),
    (Some(2), "create"),
    (Some(3), "create"),
    (Some(4), "update"),
    (Some(5), "invalid"),
];

/// Read the applications of `settings` through the profile's SQL source and plan them.
async fn read_and_plan(
    dir: &Path,
    settings: Settings,
    table: &str,
) -> (
    Profile,
    SourceData,
    DastraClient,
    passerelle_sandbox::RunningSandbox,
) {
    let vault = vault(dir, "CMDB", settings);
    let profile = applications_profile(
        json!({
            "name": "cmdb", "kind": "sql", "connection": "CMDB", "query": query(table)
        }),
        "ignore",
    );
    let spec = SourceSpec::from_profile(&profile.source, None).expect("a spec");
    assert_eq!(
        spec,
        SourceSpec::Sql {
            connection: "CMDB".into(),
            query: query(table)
        }
    );
    let source = read_source(&spec, Some(&vault))
        .await
        .expect("the query reads");
    assert_eq!(source.read_as.to_string(), "query on « CMDB »");
    check_read(&source);
    source
        .check_profile(&profile)
        .expect("every column is there");

    let (sandbox, client) = small_sandbox(3).await;
    seed_existing(&client).await;
    let (plan, classes) = plan_classes(&client, &profile, &source).await;
    assert_eq!(classes, EXPECTED);
    assert_eq!(
        Value::Object(plan.rows[1].values.clone()),
        json!({ "ref": "APP-SQL-002", "label": "CRM commercial", "type": "Software" }),
        "the key trimmed, the class mapped"
    );
    (profile, source, client, sandbox)
}

#[tokio::test]
async fn a_postgresql_query_reads_applications_plans_them_applies_and_replans_unchanged() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let table = unique("apps");
    admin(PG_ADMIN, &applications(&table, "TEXT"))
        .await
        .expect("the scratch table");
    let _drop = Scratch(PG_ADMIN, format!("DROP TABLE IF EXISTS {table}"));
    let settings = postgres();
    let (profile, source, client, _sandbox) = read_and_plan(dir.path(), settings, &table).await;

    let (plan, _) = plan_classes(&client, &profile, &source).await;
    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let report = apply_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
        .await
        .expect("applied");
    assert_eq!(
        report.count(|o| matches!(o, RowOutcome::Created { .. })),
        3,
        "{report:?}"
    );
    assert_eq!(
        report.count(|o| matches!(o, RowOutcome::Updated { .. })),
        1,
        "{report:?}"
    );
    let (_, again) = plan_classes(&client, &profile, &source).await;
    assert_eq!(
        again,
        [
            (Some(1), "unchanged"),
            (Some(2), "unchanged"),
            (Some(3), "unchanged"),
            (Some(4), "unchanged"),
            (Some(5), "invalid"),
        ],
        "once applied, the same query has nothing left to do"
    );
}

#[tokio::test]
async fn a_mariadb_query_reads_applications_and_plans_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let table = unique("apps");
    admin(MYSQL_ADMIN, &applications(&table, "VARCHAR(100)"))
        .await
        .expect("the scratch table");
    let _drop = Scratch(MYSQL_ADMIN, format!("DROP TABLE IF EXISTS {table}"));
    let settings = Settings::MySql(MySqlSettings {
        host: "127.0.0.1".into(),
        port: 3306,
        database: "test".into(),
        user: "root".into(),
    });
    read_and_plan(dir.path(), settings, &table).await;
}

#[tokio::test]
async fn an_sqlite_query_reads_applications_and_plans_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("cmdb.sqlite");
    let table = unique("apps");
    {
        use sqlx::ConnectOptions;
        let mut conn = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&path)
            .create_if_missing(true)
            .connect()
            .await
            .expect("a scratch database");
        conn.execute(applications(&table, "TEXT").as_str())
            .await
            .expect("the scratch table");
    }
    let settings = Settings::Sqlite(SqliteSettings { path: path.clone() });
    read_and_plan(dir.path(), settings, &table).await;
}

#[tokio::test]
async fn a_query_that_is_not_a_select_is_refused_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let table = unique("apps");
    admin(PG_ADMIN, &applications(&table, "TEXT"))
        .await
        .expect("the scratch table");
    admin(PG_ADMIN, &format!("CREATE SEQUENCE {table}_seq"))
        .await
        .expect("the scratch sequence");
    let _drop = Scratch(
        PG_ADMIN,
        format!("DROP TABLE IF EXISTS {table}; DROP SEQUENCE IF EXISTS {table}_seq"),
    );
    let settings = postgres();
    let vault = vault(dir.path(), "CMDB", settings);
    let refused = |query: String| SourceSpec::Sql {
        connection: "CMDB".into(),
        query,
    };
    let writes = [
        format!("DELETE FROM {table}"),
        format!("UPDATE {table} SET name = 'x'"),
        format!("SELECT * FROM {table}; DELETE FROM {table}"),
        format!("DROP TABLE {table}"),
    ];
    for query in writes {
        let error = read_source(&refused(query.clone()), Some(&vault))
            .await
            .expect_err("a statement that writes is refused");
        assert!(
            matches!(error, SourceError::Remote(_)),
            "{query}: {error:?}"
        );
        assert_eq!(
            error.to_string(),
            "An import reads one query starting with SELECT or WITH, without a `;` inside: \
             Passerelle never writes to a database. Correct the query.",
            "{query}"
        );
    }
    // A WITH that hides a DELETE gets past the first check; PostgreSQL refuses it once it is
    // wrapped to cast the columns to text.
    let hidden =
        format!("WITH gone AS (DELETE FROM {table} RETURNING u_number) SELECT * FROM gone");
    let error = read_source(&refused(hidden), Some(&vault))
        .await
        .expect_err("a hidden DELETE is refused");
    let SourceError::Remote(failure) = &error else {
        panic!("the database refuses it: {error:?}")
    };
    let detail = failure.detail.as_deref().unwrap_or_default();
    assert!(
        detail.contains("data-modifying statement"),
        "the database says why: {failure:?}"
    );
    // A SELECT that writes (a sequence moved on) is refused by the read-only session.
    let moving = format!("SELECT nextval('{table}_seq') AS n, u_number FROM {table}");
    let error = read_source(&refused(moving), Some(&vault))
        .await
        .expect_err("a SELECT that writes is refused");
    let SourceError::Remote(failure) = &error else {
        panic!("the database refuses it: {error:?}")
    };
    let detail = failure.detail.as_deref().unwrap_or_default();
    assert!(
        detail.contains("read-only transaction"),
        "the database says why: {failure:?}"
    );
    assert!(
        error.to_string().contains("read-only transaction"),
        "the message shown to the DPO carries the database's reason: {error}"
    );
    let mut conn = sqlx::PgConnection::connect(PG_ADMIN).await.expect("admin");
    let last: i64 = sqlx::query_scalar(&format!("SELECT last_value FROM {table}_seq"))
        .fetch_one(&mut conn)
        .await
        .expect("the sequence read");
    assert_eq!(last, 1, "the sequence never moved");
    let called: bool = sqlx::query_scalar(&format!("SELECT is_called FROM {table}_seq"))
        .fetch_one(&mut conn)
        .await
        .expect("the sequence read");
    assert!(!called, "nextval never ran");
    assert_eq!(count(PG_ADMIN, &table).await, 5, "every row is still there");

    let none = read_source(
        &refused(format!("SELECT * FROM {table} WHERE id > 99")),
        Some(&vault),
    )
    .await
    .expect_err("an empty query is refused");
    assert!(
        none.to_string()
            .starts_with("the query on « CMDB » gave no records"),
        "{none}"
    );
}

#[tokio::test]
async fn a_rest_recipe_reads_every_page_in_order_and_plans_the_records() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = |n: u32, name: &str, owner: Option<&str>| {
        let mut a = json!({ "number": format!("APP-API-{n:03}"), "name": name,
                            "class": "cmdb_ci_business_app" });
        if let Some(owner) = owner {
            a["owner"] = json!({ "name": owner });
        }
        a
    };
    let apps = vec![
        app(1, "Paie", Some("Claire Martin")),
        app(2, "CRM", None),
        app(3, "GED", Some("Karim Benali")),
        app(4, "Intranet", None),
        app(5, "Badges", Some("Claire Martin")),
    ];
    let cmdb = Cmdb::start(apps, CmdbAccess::Open)
        .await
        .expect("the CMDB API started");
    let recipe = dir.path().join("catalogue.json");
    std::fs::write(&recipe, APPLICATIONS_RECIPE).expect("the recipe written");
    let settings = Settings::RestApi(RestSettings {
        base_url: cmdb.base_url(),
        auth: RestAuth::None,
        headers: Default::default(),
        probe: Default::default(),
    });
    let vault = vault(dir.path(), "Catalogue", settings);
    let profile = applications_profile(
        json!({
            "name": "catalogue", "kind": "rest", "connection": "Catalogue",
            "recipe": recipe.to_str().expect("a UTF-8 path")
        }),
        "ignore",
    );
    let spec = SourceSpec::from_profile(&profile.source, None).expect("a spec");
    assert_eq!(
        spec,
        SourceSpec::Rest {
            connection: "Catalogue".into(),
            recipe: recipe.clone()
        }
    );
    let source = read_source(&spec, Some(&vault))
        .await
        .expect("the recipe reads");

    assert_eq!(
        cmdb.pages(),
        [
            "page=1&per_page=2",
            "page=2&per_page=2",
            "page=3&per_page=2"
        ],
        "three pages of two, stopping at the total"
    );
    assert_eq!(
        source.read_as.to_string(),
        "recipe « Applications de la CMDB » on « Catalogue »"
    );
    assert_eq!(
        source.headers,
        ["u_number", "name", "sys_class_name", "owner"],
        "the recipe's fields, in its order"
    );
    let read: Vec<(u64, &str)> = source
        .rows
        .iter()
        .map(|r| (r.row_number, r.fields[0].1.as_str()))
        .collect();
    assert_eq!(
        read,
        [
            (1, "APP-API-001"),
            (2, "APP-API-002"),
            (3, "APP-API-003"),
            (4, "APP-API-004"),
            (5, "APP-API-005"),
        ],
        "every record across the pages, in order"
    );
    assert!(
        !source.rows[1].fields.iter().any(|(c, _)| c == "owner"),
        "a record without the field has no value: {:?}",
        source.rows[1]
    );
    source
        .check_profile(&profile)
        .expect("every column is there");

    let (_sandbox, client) = small_sandbox(3).await;
    let (plan, classes) = plan_classes(&client, &profile, &source).await;
    assert_eq!(
        classes,
        [
            (Some(1), "create"),
            (Some(2), "create"),
            (Some(3), "create"),
            (Some(4), "create"),
            (Some(5), "create"),
        ]
    );
    assert_eq!(
        Value::Object(plan.rows[4].values.clone()),
        json!({ "ref": "APP-API-005", "label": "Badges", "type": "Software" })
    );
}
