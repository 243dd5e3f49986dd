//! Benchmark: one table search as a discovery job sends it, against `psql` running the very
//! same statement, on a table of a million rows.
//!
//! ```text
//! cargo run --release -p passerelle-discovery --example discover_sql            # 3 runs
//! cargo run --release -p passerelle-discovery --example discover_sql -- --runs 5 --rebuild
//! ```
//!
//! Needs PostgreSQL at 127.0.0.1:5432 (user `postgres` without a password, database `test`),
//! `psql` on the path, and the `pg_trgm` extension. The schema `passerelle_bench` is created
//! once and reused: `clients` (1,000,000 rows, no index but its key) and `clients_idx` (the
//! same rows, with an index on `lower(email)` and a trigram index on the folded e-mail our
//! statement compares). One subject is planted in both, at id 424242.
//!
//! The statement comes from `SqlSession::statement`, which `SqlSession::search` itself uses,
//! so `psql` runs exactly what we send (`PREPARE` with our text, `EXECUTE` with our
//! parameters). Each case is timed three ways: `psql` as a process (connection included),
//! `psql`'s own `\timing` of the `EXECUTE`, and ours: opening a session, then the search and
//! the matcher's verification of every candidate row.

use std::process::Command;
use std::time::{Duration, Instant};

use passerelle_connectors::sql::search::{Needle, SqlSession, TableSearch};
use passerelle_discovery::{needles, ranked_needles};
use passerelle_matching::{Identifier, IdentifierKind, IdentitySet, MatchOptions, Matcher};
use passerelle_vault::settings::{PostgresSettings, SslMode};
use passerelle_vault::Settings;
use sqlx::{Connection, Executor};

const ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";
const ROWS: i64 = 1_000_000;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Milliseconds, with a tenth under 100 ms, where a whole millisecond is a large share.
fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 100.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.0} ms")
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(3usize);
    let started = Instant::now();
    let built = prepare(args.iter().any(|a| a == "--rebuild")).await;
    println!(
        "tables: {} in {:.1} s",
        if built { "created" } else { "reused" },
        started.elapsed().as_secs_f64()
    );

    let mut set = IdentitySet::new();
    for (kind, value) in [
        (IdentifierKind::GivenName, "Hélène"),
        (IdentifierKind::FamilyName, "Bérangier"),
        (IdentifierKind::FullName, "Hélène Bérangier"),
        (IdentifierKind::Email, "helene.berangier@entreprise.fr"),
        (IdentifierKind::Email, "hberangier42@laposte.net"),
        (IdentifierKind::Phone, "06 11 22 33 44"),
    ] {
        set.add(Identifier::added(kind, value));
    }
    let matcher = Matcher::new(&set, &MatchOptions::default());
    let (all, _) = ranked_needles(&matcher.search_terms());
    let email_terms: Vec<_> = matcher
        .search_terms()
        .into_iter()
        .filter(|t| t.kind == IdentifierKind::Email)
        .collect();
    let emails: Vec<Needle> = needles(&email_terms);
    let text_columns = ["nom", "prenom", "email", "telephone", "ville", "notes"];
    let cases: [(&str, &str, &[&str], &[Needle]); 4] = [
        (
            "e-mail needles, email column",
            "clients",
            &["email"],
            &emails,
        ),
        (
            "e-mail needles, email column",
            "clients_idx",
            &["email"],
            &emails,
        ),
        (
            "every needle, every text column",
            "clients",
            &text_columns,
            &all,
        ),
        (
            "every needle, every text column",
            "clients_idx",
            &text_columns,
            &all,
        ),
    ];

    println!(
        "\n| case | table | psql process | psql EXECUTE | ours: open + search + verify | \
         ours: search + verify | rows | found | ratio (process) | ratio (query) |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (label, table, columns, needles) in cases {
        let (mut p_wall, mut p_exec, mut o_wall, mut o_query) = (vec![], vec![], vec![], vec![]);
        let (mut rows, mut found, mut capped) = (0, 0, false);
        for run in 0..=runs {
            let opened = Instant::now();
            let mut session = SqlSession::open(&settings(), None, Duration::from_secs(300))
                .await
                .expect("session opens");
            let tables = session.tables().await.expect("tables listed");
            let schema = tables
                .iter()
                .find(|t| t.table.name == table)
                .expect("the bench table");
            let open = opened.elapsed();
            let search = TableSearch {
                table: schema,
                columns: columns.iter().map(|c| c.to_string()).collect(),
                needles: needles.to_vec(),
                // Unordered, as a job's first statement (it orders the rows, strong needles
                // first, only when this one reaches the cap).
                preferred: 0,
                row_cap: 1_000,
            };
            let (sql, params) = session.statement(&search).expect("a statement");

            let (wall, exec) = psql(&sql, &params);
            let searched = Instant::now();
            let outcome = session.search(&search).await.expect("search runs");
            let verified = outcome
                .rows
                .iter()
                .filter(|row| {
                    let fields: Vec<(&str, &str)> = row
                        .values
                        .iter()
                        .filter_map(|(c, v)| v.as_deref().map(|v| (c.as_str(), v)))
                        .collect();
                    matcher.match_record(&fields).is_some()
                })
                .count();
            let query = searched.elapsed();
            if run == 0 {
                continue; // warm-up
            }
            (rows, found, capped) = (outcome.rows.len(), verified, outcome.capped);
            p_wall.push(wall);
            p_exec.push(exec);
            o_query.push(query);
            o_wall.push(open + query);
        }
        let join = |t: &[Duration]| t.iter().map(|d| ms(*d)).collect::<Vec<_>>().join(" / ");
        let (pw, pe, ow, oq) = (
            median(p_wall.clone()),
            median(p_exec.clone()),
            median(o_wall.clone()),
            median(o_query.clone()),
        );
        println!(
            "| {label} | {table} | {} (median {}) | {} (median {}) | {} (median {}) | {} (median {}) | \
             {rows}{} | {found} | {:.2} | {:.2} |",
            join(&p_wall),
            ms(pw),
            join(&p_exec),
            ms(pe),
            join(&o_wall),
            ms(ow),
            join(&o_query),
            ms(oq),
            if capped { " (capped)" } else { "" },
            ow.as_secs_f64() / pw.as_secs_f64(),
            oq.as_secs_f64() / pe.as_secs_f64()
        );
        // A capped search stops at the row cap: the subject may lie beyond it (the job reports
        // the table as capped, asking for narrower identifiers).
        assert!(
            capped || found >= 1,
            "the planted subject is found in {table}"
        );
    }
}

fn settings() -> Settings {
    Settings::Postgres(PostgresSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        database: "test".into(),
        user: "postgres".into(),
        ssl_mode: SslMode::Prefer,
        schemas: vec!["passerelle_bench".into()],
    })
}

/// Run `sql` with `params` in `psql`: its wall time as a process, and its own `\timing` of
/// the `EXECUTE`.
fn psql(sql: &str, params: &[String]) -> (Duration, Duration) {
    let quote = |p: &String| format!("'{}'", p.replace('\'', "''"));
    let types = vec!["text"; params.len()].join(", ");
    let values: Vec<String> = params.iter().map(quote).collect();
    let script = format!(
        "PREPARE bench({types}) AS {sql};\n\\timing on\nEXECUTE bench({});\n",
        values.join(", ")
    );
    let path = std::env::temp_dir().join("passerelle-bench.sql");
    std::fs::write(&path, script).expect("script written");
    let started = Instant::now();
    let output = Command::new("psql")
        .args([
            "-X",
            "-q",
            "-A",
            "-t",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "test",
        ])
        .arg("-f")
        .arg(&path)
        .output()
        .expect("psql runs");
    let wall = started.elapsed();
    assert!(
        output.status.success(),
        "psql: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let exec = text
        .lines()
        .filter_map(|l| l.strip_prefix("Time: "))
        .filter_map(|l| l.split(' ').next()?.parse::<f64>().ok())
        .next_back()
        .expect("psql timed the EXECUTE");
    (wall, Duration::from_secs_f64(exec / 1000.0))
}

/// Create the two tables unless they are already there with their rows; `true` when made.
async fn prepare(rebuild: bool) -> bool {
    let mut conn = sqlx::PgConnection::connect(ADMIN)
        .await
        .expect("PostgreSQL at 127.0.0.1");
    let present: Option<i64> = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM passerelle_bench.clients) + \
         (SELECT count(*) FROM passerelle_bench.clients_idx)",
    )
    .fetch_one(&mut conn)
    .await
    .ok();
    if !rebuild && present == Some(2 * ROWS) {
        return false;
    }
    let nom = "'{Martin,Bernard,Thomas,Petit,Robert,Richard,Durand,Dubois,Moreau,Laurent,Simon,\
               Michel,Lefebvre,Leroy,Roux,David,Bertrand,Morel,Fournier,Girard,Bonnet,Dupont,\
               Lambert,Fontaine,Rousseau,Vincent,Muller,Lefèvre,Faure,André,Mercier,Blanc,\
               Guérin,Boyer,Garnier,Chevalier,François,Legrand,Gauthier,Garcia}'::text[]";
    let prenom = "'{Marie,Jean,Pierre,Nathalie,Isabelle,Sophie,Philippe,Michel,Alain,Nicolas,\
                  Christophe,Sandrine,Julien,Camille,Léa,Manon,Chloé,Lucas,Hugo,Louis,Gabriel,\
                  Emma,Jade,Louise,Thomas,Antoine,Hélène,Élodie,Cécile,Jérôme}'::text[]";
    let ville = "'{Paris,Lyon,Marseille,Toulouse,Nice,Nantes,Strasbourg,Montpellier,Bordeaux,\
                 Lille,Rennes,Reims,Saint-Étienne,Grenoble,Dijon,Angers,Nîmes,Orléans,Sète,\
                 Créteil}'::text[]";
    let note = "'{commande livrée,réclamation traitée,relance faite,rappeler le soir,\
                changement d''adresse,résiliation demandée}'::text[]";
    let fill = format!(
        "DROP SCHEMA IF EXISTS passerelle_bench CASCADE;
         CREATE SCHEMA passerelle_bench;
         CREATE EXTENSION IF NOT EXISTS pg_trgm;
         CREATE TABLE passerelle_bench.clients (id integer PRIMARY KEY, nom text, prenom text,
             email text, telephone text, ville text, notes text);
         INSERT INTO passerelle_bench.clients
         SELECT i, upper(nom), prenom,
             translate(lower(prenom || '.' || nom), 'éèêëàâîïôöùûüçÉ', 'eeeeaaiioouuuce')
                 || (i % 997) || '@' || ({domains})[1 + i % 5],
             '0' || (6 + i % 2) || ' ' || to_char((i::bigint * 7919) % 100000000, 'FM00 00 00 00'),
             ({ville})[1 + (i * 11) % 20],
             'client depuis ' || (2000 + i % 24) || ', ' || ({note})[1 + i % 6]
         FROM (SELECT i, ({nom})[1 + (i * 7) % 40] AS nom, ({prenom})[1 + (i * 13) % 30] AS prenom
               FROM generate_series(1, {ROWS}) AS i) AS s;
         UPDATE passerelle_bench.clients SET nom = 'BÉRANGIER', prenom = 'Hélène',
             email = 'Helene.Berangier@entreprise.fr', telephone = '06.11.22.33.44',
             ville = 'Lyon', notes = 'cliente depuis 2019' WHERE id = 424242;
         CREATE TABLE passerelle_bench.clients_idx AS TABLE passerelle_bench.clients;
         ALTER TABLE passerelle_bench.clients_idx ADD PRIMARY KEY (id);
         CREATE INDEX ON passerelle_bench.clients_idx (lower(email));
         CREATE INDEX ON passerelle_bench.clients_idx USING gin
             (translate(lower(CAST(email AS text)), '{from}', '{to}') gin_trgm_ops);
         ANALYZE passerelle_bench.clients;
         ANALYZE passerelle_bench.clients_idx;",
        domains = "'{gmail.com,orange.fr,free.fr,laposte.net,wanadoo.fr}'::text[]",
        from = passerelle_connectors::sql::search::FOLD_FROM,
        to = passerelle_connectors::sql::search::FOLD_TO,
    );
    conn.execute(fill.as_str())
        .await
        .expect("bench tables created");
    true
}
