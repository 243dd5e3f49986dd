//! Shared helpers: the real services (or a skip), scratch databases, a store with its key in
//! the keyring, and findings summed up as lines a test can compare.

use std::path::Path;
use std::sync::{Arc, Mutex};

use passerelle_discovery::{
    Finding, FindingLocation, FindingsStore, ProgressEvent, ProgressSink, SealKey,
};
use passerelle_vault::settings::{MySqlSettings, PostgresSettings, SqliteSettings, SslMode};
use passerelle_vault::{KeyringStore, Settings};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Executor};

pub const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";
pub const MYSQL_ADMIN: &str = "mysql://root@127.0.0.1:3306/test";

/// The keyring service the tests keep their findings key under.
pub const TEST_SERVICE: &str = "passerelle-discovery-tests";

/// Whether the service at `url` answers; when it does not, fail if services are required,
/// else print why the test is skipped.
pub async fn service_available(url: &str, name: &str) -> bool {
    let result = if url.starts_with("postgres") {
        sqlx::PgConnection::connect(url).await.map(drop)
    } else {
        sqlx::MySqlConnection::connect(url).await.map(drop)
    };
    match result {
        Ok(()) => true,
        Err(e) => {
            let required = std::env::var("PASSERELLE_REQUIRE_SERVICES").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "PASSERELLE_REQUIRE_SERVICES=1 but {name} is not reachable: {e}"
            );
            eprintln!("SKIPPED: {name} is not reachable at {url} ({e})");
            false
        }
    }
}

pub fn unique(what: &str) -> String {
    format!(
        "passerelle_t_{what}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// A store in `dir` sealed with the tests' key from the OS keyring.
pub async fn store(dir: &Path) -> FindingsStore {
    let secrets = KeyringStore::new().with_service(TEST_SERVICE);
    let key = SealKey::load_or_create(&secrets).expect("the keyring holds the findings key");
    FindingsStore::open(&dir.join("passerelle.db"), key)
        .await
        .expect("the store opens")
}

/// A scratch PostgreSQL schema holding the fixture's tables; dropped by the returned guard.
pub async fn postgres(sql: &str) -> (Settings, Guard) {
    let schema = unique("disc");
    let mut conn = sqlx::PgConnection::connect(PG_ADMIN).await.expect("admin");
    conn.execute(format!("CREATE SCHEMA {schema}; SET search_path TO {schema}; {sql}").as_str())
        .await
        .expect("the scratch schema");
    let settings = Settings::Postgres(PostgresSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        database: "test".into(),
        user: "postgres".into(),
        ssl_mode: SslMode::Prefer,
        schemas: vec![schema.clone()],
    });
    (
        settings,
        Guard(PG_ADMIN, format!("DROP SCHEMA IF EXISTS {schema} CASCADE")),
    )
}

/// A scratch MariaDB database holding the fixture's tables; dropped by the returned guard.
pub async fn mariadb(sql: &str) -> (Settings, Guard) {
    let database = unique("disc");
    let mut conn = sqlx::MySqlConnection::connect(MYSQL_ADMIN)
        .await
        .expect("admin");
    conn.execute(
        format!("CREATE DATABASE {database} CHARACTER SET utf8mb4; USE {database}; {sql}").as_str(),
    )
    .await
    .expect("the scratch database");
    let settings = Settings::MySql(MySqlSettings {
        host: "127.0.0.1".into(),
        port: 3306,
        database: database.clone(),
        user: "root".into(),
    });
    (
        settings,
        Guard(MYSQL_ADMIN, format!("DROP DATABASE IF EXISTS {database}")),
    )
}

/// An SQLite file at `path` holding the fixture's tables.
pub async fn sqlite(path: &Path, sql: &str) -> Settings {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .connect()
        .await
        .expect("a writable scratch database");
    conn.execute(sql).await.expect("the scratch tables");
    Settings::Sqlite(SqliteSettings { path: path.into() })
}

/// Runs its statement as administrator when dropped, even when the test failed.
pub struct Guard(&'static str, String);

impl Drop for Guard {
    fn drop(&mut self) {
        let (url, sql) = (self.0, self.1.clone());
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let result = if url.starts_with("postgres") {
                    match sqlx::PgConnection::connect(url).await {
                        Ok(mut c) => c.execute(sql.as_str()).await.map(drop),
                        Err(e) => Err(e),
                    }
                } else {
                    match sqlx::MySqlConnection::connect(url).await {
                        Ok(mut c) => c.execute(sql.as_str()).await.map(drop),
                        Err(e) => Err(e),
                    }
                };
                if let Err(e) = result {
                    eprintln!("cleanup {sql:?} failed: {e}");
                }
            })
        })
        .join();
    }
}

/// One line per finding: source, location, confidence; sorted.
pub fn lines(findings: &[Finding]) -> Vec<String> {
    let mut lines: Vec<String> = findings.iter().map(line).collect();
    lines.sort();
    lines
}

pub fn line(f: &Finding) -> String {
    let at = match &f.location {
        FindingLocation::Row { table, key } => {
            let key: Vec<String> = key.iter().map(|(c, v)| format!("{c}={v}")).collect();
            format!(
                "{} {}",
                table.rsplit('.').next().unwrap_or(table),
                key.join(",")
            )
        }
        FindingLocation::File {
            path,
            sheet,
            row,
            page,
            line,
        } => {
            let mut at = path.clone();
            if let Some(s) = sheet {
                at.push_str(&format!(" sheet={s}"));
            }
            if let Some(r) = row {
                at.push_str(&format!(" row={r}"));
            }
            if let Some(p) = page {
                at.push_str(&format!(" page={p}"));
            }
            if let Some(l) = line {
                at.push_str(&format!(" line={l}"));
            }
            at
        }
        FindingLocation::Api { recipe, id, .. } => format!("{recipe} {id:?}"),
    };
    format!("{} | {at} | {:?}", f.source_id, f.confidence)
}

/// What a [`Recorder`] does on each event.
pub type OnEvent = Box<dyn Fn(&ProgressEvent) + Send + Sync>;

/// A progress sink that keeps every event and can act on them.
#[derive(Default)]
pub struct Recorder {
    pub events: Mutex<Vec<ProgressEvent>>,
    pub on_event: Option<OnEvent>,
}

impl ProgressSink for Recorder {
    fn progress(&self, event: &ProgressEvent) {
        self.events.lock().expect("events").push(event.clone());
        if let Some(act) = &self.on_event {
            act(event);
        }
    }
}

impl Recorder {
    pub fn acting(act: impl Fn(&ProgressEvent) + Send + Sync + 'static) -> Arc<Recorder> {
        Arc::new(Recorder {
            events: Mutex::new(Vec::new()),
            on_event: Some(Box::new(act)),
        })
    }
}

/// A TCP relay to a real server that can be cut: [`Proxy::switch`] cancelled closes the
/// listener and every relayed connection at once, as a server going away would.
pub struct Proxy {
    pub port: u16,
    stop: tokio_util::sync::CancellationToken,
}

impl Proxy {
    /// Listen on `port` (0 for any free one) and relay to `target`.
    pub async fn start(port: u16, target: &'static str) -> Proxy {
        let mut tries = 0;
        let listener = loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
                Ok(listener) => break listener,
                Err(e) if tries < 50 => {
                    tries += 1;
                    eprintln!("port {port} not free yet: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("the proxy cannot listen on {port}: {e}"),
            }
        };
        let port = listener.local_addr().expect("bound").port();
        let stop = tokio_util::sync::CancellationToken::new();
        let token = stop.clone();
        tokio::spawn(async move {
            loop {
                let accepted = tokio::select! {
                    _ = token.cancelled() => return,
                    accepted = listener.accept() => accepted,
                };
                let Ok((mut inbound, _)) = accepted else {
                    return;
                };
                let token = token.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = token.cancelled() => {}
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                    }
                });
            }
        });
        Proxy { port, stop }
    }

    /// The switch that cuts it.
    pub fn switch(&self) -> tokio_util::sync::CancellationToken {
        self.stop.clone()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.cancel();
    }
}

/// Run the job to its end with the default options, no progress and no cancel.
pub async fn run_quietly(
    store: &FindingsStore,
    job: &str,
    inputs: Vec<passerelle_discovery::SourceInput>,
) -> passerelle_discovery::JobRecord {
    let options = passerelle_discovery::RunOptions::default();
    let cancel = passerelle_discovery::CancellationToken::new();
    passerelle_discovery::run_job(
        store,
        job,
        inputs,
        &options,
        Arc::new(passerelle_discovery::NoProgress),
        cancel,
    )
    .await
    .expect("the job runs")
}
