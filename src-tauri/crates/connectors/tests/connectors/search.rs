//! Searching tables for a data subject: one scenario, run on PostgreSQL, MariaDB and SQLite.
//!
//! Each engine gets the same two tables (customers, and orders pointing at them), holding the
//! subject under several spellings, decoys, and 200 filler customers. The same expectations
//! hold on all three: the prefilter returns the subject's rows and no decoy, the cap holds,
//! wildcards in a needle are literal, bytes are never read, and links are followed one hop.

use std::path::Path;
use std::time::Duration;

use passerelle_connectors::sql::schema::{TableRef, TableSchema};
use passerelle_connectors::sql::search::{LinkDirection, Needle, SqlSession, TableSearch};
use passerelle_vault::settings::{MySqlSettings, PostgresSettings, SqliteSettings, SslMode};
use passerelle_vault::Settings;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Executor};

use crate::support::*;

/// The rows every engine holds (id, first name, last name, email, phone, city).
const PEOPLE: [(i64, &str, &str, &str, &str, &str); 6] = [
    (
        1,
        "Élodie",
        "Dupont-Martin",
        "elodie.dupont@example.fr",
        "06 12 34 56 78",
        "Lyon",
    ),
    (
        2,
        "ELODIE",
        "DUPONT MARTIN",
        "e.dupont+shop@example.fr",
        "+33\u{a0}6\u{a0}12\u{a0}34\u{a0}56\u{a0}78",
        "Lyon",
    ),
    (
        3,
        "Marc",
        "Lefèvre",
        "marc.lefevre@example.fr",
        "06 12 34 56 79",
        "Lyon",
    ),
    (
        4,
        "Jean",
        "Dupond",
        "jean.dupond@example.fr",
        "07 00 00 00 01",
        "Paris",
    ),
    (
        5,
        "Zoé",
        "Garnier",
        "zoe@example.fr",
        "0612.34.56.7",
        "Nantes",
    ),
    (
        6,
        "Ana",
        "Costa",
        "ana%costa@example.fr",
        "0145454545",
        "Paris",
    ),
];

fn inserts() -> String {
    let mut sql = String::new();
    for (id, first, last, email, phone, city) in PEOPLE {
        sql.push_str(&format!(
            "INSERT INTO customers (id, first_name, last_name, email, phone, city) \
             VALUES ({id}, '{first}', '{last}', '{email}', '{phone}', '{city}');"
        ));
    }
    for n in 100..300 {
        sql.push_str(&format!(
            "INSERT INTO customers (id, first_name, last_name, email, phone, city) \
             VALUES ({n}, 'Client', 'Numéro {n}', 'client{n}@example.org', '09 99 99 {n}', \
             'Rennes');"
        ));
    }
    sql.push_str(
        "INSERT INTO orders (id, customer_id, label) VALUES (10, 1, 'Vélo'), (11, 1, 'Casque'), \
         (12, 3, 'Pneu');",
    );
    sql
}

/// What every engine must answer.
async fn expectations(session: &mut SqlSession, schema: Option<&str>) {
    let tables = within(20, session.tables())
        .await
        .expect("tables are listed");
    let table = |name: &str| -> TableSchema {
        let wanted = TableRef {
            schema: schema.map(str::to_string),
            name: name.to_string(),
        };
        tables
            .iter()
            .find(|t| t.table == wanted)
            .unwrap_or_else(|| panic!("{name} is listed: {tables:#?}"))
            .clone()
    };
    let customers = table("customers");
    let orders = table("orders");
    assert_eq!(customers.primary_key, vec!["id"]);
    assert_eq!(orders.foreign_keys.len(), 1, "{orders:#?}");
    assert_eq!(orders.foreign_keys[0].columns, vec!["customer_id"]);
    assert_eq!(orders.foreign_keys[0].target, customers.table);
    assert_eq!(orders.foreign_keys[0].target_columns, vec!["id"]);

    let searched = ["first_name", "last_name", "email", "phone", "photo"]
        .map(str::to_string)
        .to_vec();
    let search = |needles: Vec<Needle>, row_cap| TableSearch {
        table: &customers,
        columns: searched.clone(),
        needles,
        preferred: 0,
        row_cap,
    };
    let ids = |rows: &[passerelle_connectors::sql::search::SqlRow]| -> Vec<String> {
        let mut ids: Vec<String> = rows
            .iter()
            .map(|r| r.get("id").unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };

    // The subject: a folded name token, the phone's digits, the email.
    let subject = vec![
        Needle::Contains("élodie".into()),
        Needle::Digits("612345678".into()),
        Needle::Contains("elodie.dupont@example.fr".into()),
    ];
    let found = within(20, session.search(&search(subject, 50)))
        .await
        .expect("searched");
    assert_eq!(
        ids(&found.rows),
        vec!["1", "2"],
        "the subject's two rows, no decoy"
    );
    assert!(!found.capped);
    let first = found
        .rows
        .iter()
        .find(|r| r.get("id") == Some("1"))
        .unwrap();
    assert_eq!(
        first.get("first_name"),
        Some("Élodie"),
        "values come back untouched"
    );
    assert_eq!(first.get("phone"), Some("06 12 34 56 78"));
    assert!(
        first.values.iter().all(|(c, _)| c != "photo"),
        "bytes are never read: {first:?}"
    );

    // The phone's digits alone reach both spellings of her number, no-break spaces included,
    // and not the neighbour's or a number one digit short.
    let phone = vec![Needle::Digits("612345678".into())];
    let found = session.search(&search(phone, 50)).await.expect("searched");
    assert_eq!(ids(&found.rows), vec!["1", "2"]);

    // A family-name token reaches the namesake spellings and nothing else.
    let by_name = vec![Needle::Contains("DUPONT".into())];
    let found = session
        .search(&search(by_name, 50))
        .await
        .expect("searched");
    assert_eq!(ids(&found.rows), vec!["1", "2"]);

    // The cap: every filler matches, ten come back, and the outcome says so.
    let filler = vec![Needle::Contains("@example.org".into())];
    let found = session.search(&search(filler, 10)).await.expect("searched");
    assert_eq!(found.rows.len(), 10);
    assert!(found.capped);

    // Strong needles first: two hundred rows match the weak needle, the cap is ten, and the
    // one row holding the strong needle, the last one written (a table scan meets it last),
    // still comes back, first.
    let mut ranked = search(
        vec![
            Needle::Contains("client299@example.org".into()),
            Needle::Contains("client".into()),
        ],
        10,
    );
    ranked.preferred = 1;
    let found = session.search(&ranked).await.expect("searched");
    assert_eq!(found.rows.len(), 10);
    assert!(found.capped);
    assert_eq!(
        found.rows[0].get("id"),
        Some("299"),
        "the strong needle's row before the namesakes"
    );

    // Wildcards in a needle are literal characters.
    let literal = vec![Needle::Contains("a%c".into()), Needle::Contains("_".into())];
    let found = session
        .search(&search(literal, 50))
        .await
        .expect("searched");
    assert_eq!(ids(&found.rows), vec!["6"], "only the email holding a%c");

    // An exact customer number, whatever the case.
    let exact = vec![Needle::Equals("ZOE@EXAMPLE.FR".into())];
    let found = session.search(&search(exact, 50)).await.expect("searched");
    assert_eq!(ids(&found.rows), vec!["5"]);

    // A compact identifier ignores spacing and punctuation on both sides.
    let compact = vec![Needle::Compact("06-12-34-56-7".into())];
    let found = session
        .search(&search(compact, 50))
        .await
        .expect("searched");
    assert_eq!(ids(&found.rows), vec!["1", "3", "5"]);

    // One hop: the subject's orders, and an order's customer.
    let subject_row = session
        .search(&search(
            vec![Needle::Equals("elodie.dupont@example.fr".into())],
            5,
        ))
        .await
        .expect("searched")
        .rows
        .remove(0);
    let links = session
        .linked_rows(&tables, &customers, &subject_row, 10)
        .await
        .expect("links followed");
    assert_eq!(links.len(), 1, "{links:#?}");
    assert_eq!(links[0].direction, LinkDirection::ReferencedBy);
    assert_eq!(links[0].table, orders.table);
    let mut labels: Vec<&str> = links[0]
        .rows
        .iter()
        .map(|r| r.get("label").unwrap())
        .collect();
    labels.sort();
    assert_eq!(labels, vec!["Casque", "Vélo"]);

    let order = links[0].rows[0].clone();
    let back = session
        .linked_rows(&tables, &orders, &order, 10)
        .await
        .expect("links followed");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].direction, LinkDirection::References);
    assert_eq!(back[0].rows.len(), 1);
    assert_eq!(
        back[0].rows[0].get("email"),
        Some("elodie.dupont@example.fr")
    );
}

#[tokio::test]
async fn postgres_tables_are_searched_with_the_matching_pushed_down() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let schema = unique("search");
    let mut cleanup = Cleanup::new(PG_ADMIN);
    cleanup.then(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    admin(
        PG_ADMIN,
        &format!(
            "CREATE SCHEMA {schema}; SET search_path TO {schema}; \
             CREATE TABLE customers (id int PRIMARY KEY, first_name text, \
               last_name varchar(80), email text, phone text, city text, photo bytea); \
             CREATE TABLE orders (id int PRIMARY KEY, \
               customer_id int REFERENCES customers (id), label text); {}",
            inserts()
        ),
    )
    .await;
    let settings = Settings::Postgres(PostgresSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        database: "test".into(),
        user: "postgres".into(),
        ssl_mode: SslMode::Prefer,
        schemas: vec![schema.clone()],
    });
    let mut session = within(
        20,
        SqlSession::open(&settings, None, Duration::from_secs(20)),
    )
    .await
    .expect("a read-only session");
    expectations(&mut session, Some(&schema)).await;
}

#[tokio::test]
async fn mariadb_tables_are_searched_with_the_matching_pushed_down() {
    if !service_available(MYSQL_ADMIN, "MariaDB").await {
        return;
    }
    let database = unique("search");
    let mut cleanup = Cleanup::new(MYSQL_ADMIN);
    cleanup.then(format!("DROP DATABASE IF EXISTS {database}"));
    admin(
        MYSQL_ADMIN,
        &format!(
            "CREATE DATABASE {database} CHARACTER SET utf8mb4; USE {database}; \
             CREATE TABLE customers (id int PRIMARY KEY, first_name varchar(80), \
               last_name varchar(80), email varchar(120), phone varchar(40), \
               city varchar(80), photo blob) ENGINE=InnoDB; \
             CREATE TABLE orders (id int PRIMARY KEY, customer_id int, label varchar(80), \
               FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB; {}",
            inserts()
        ),
    )
    .await;
    let settings = Settings::MySql(MySqlSettings {
        host: "127.0.0.1".into(),
        port: 3306,
        database,
        user: "root".into(),
    });
    let mut session = within(
        20,
        SqlSession::open(&settings, None, Duration::from_secs(20)),
    )
    .await
    .expect("a read-only session");
    expectations(&mut session, None).await;
}

async fn sqlite_file(path: &Path) {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("a writable scratch database");
    conn.execute(
        format!(
            "CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, \
               email TEXT, phone, city TEXT, photo BLOB); \
             CREATE TABLE orders (id INTEGER PRIMARY KEY, \
               customer_id INTEGER REFERENCES customers, label TEXT); {}",
            inserts()
        )
        .as_str(),
    )
    .await
    .expect("the scratch tables");
    conn.execute("UPDATE customers SET photo = x'00ff10' WHERE id = 1")
        .await
        .expect("a blob");
}

#[tokio::test]
async fn sqlite_tables_are_searched_with_the_matching_pushed_down() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("boutique.db");
    sqlite_file(&path).await;
    let settings = Settings::Sqlite(SqliteSettings { path });
    let mut session = within(
        20,
        SqlSession::open(&settings, None, Duration::from_secs(20)),
    )
    .await
    .expect("a read-only session");
    expectations(&mut session, None).await;
}

#[tokio::test]
async fn a_folder_is_not_a_database_to_search() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let settings = Settings::Folder(passerelle_vault::settings::FolderSettings {
        path: dir.path().into(),
        include: vec![],
        exclude: vec![],
    });
    let err = SqlSession::open(&settings, None, Duration::from_secs(5))
        .await
        .expect_err("refused");
    assert_eq!(
        err.code,
        passerelle_connectors::FailureCode::InvalidSettings
    );
}
