//! Shared helpers: the real services (or a skip), scratch objects that clean up after
//! themselves, ports that refuse or never answer.

use std::future::Future;
use std::net::TcpListener;
use std::time::Duration;

use passerelle_connectors::{FailureCode, TestOptions, TestReport};
use sqlx::{Connection, Executor};

/// PostgreSQL on loopback: trust authentication, database `test`.
pub const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";
/// MariaDB on loopback: root without password, database `test`.
pub const MYSQL_ADMIN: &str = "mysql://root@127.0.0.1:3306/test";

/// Whether a missing service must fail the test instead of skipping it.
pub fn services_required() -> bool {
    std::env::var("PASSERELLE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

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
            assert!(
                !services_required(),
                "PASSERELLE_REQUIRE_SERVICES=1 but {name} is not reachable at {url}: {e}"
            );
            eprintln!("SKIPPED: {name} is not reachable at {url} ({e})");
            false
        }
    }
}

/// A unique lowercase name with our prefix, for tables, schemas, users and databases.
pub fn unique(what: &str) -> String {
    format!(
        "passerelle_t_{what}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..10]
    )
}

/// Test options with a short time limit.
pub fn options(timeout_secs: u64) -> TestOptions {
    TestOptions {
        timeout: Duration::from_secs(timeout_secs),
        ..TestOptions::default()
    }
}

/// A loopback port nothing listens on.
pub fn refused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("bound").port()
}

/// A loopback port that accepts connections and never says a word; closed on drop.
pub struct SilentServer {
    pub port: u16,
    task: tokio::task::JoinHandle<()>,
}

impl SilentServer {
    pub async fn start() -> SilentServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bound");
        let port = listener.local_addr().expect("bound").port();
        let task = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        SilentServer { port, task }
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Assert that the report failed with `code`, showing the whole report otherwise.
pub fn assert_failed(report: &TestReport, code: FailureCode) {
    let failure = report
        .failure()
        .unwrap_or_else(|| panic!("expected {code}, got {report:#?}"));
    assert_eq!(failure.code, code, "the failure's class: {failure:#?}");
    assert!(
        failure.message.ends_with('.'),
        "a whole sentence: {}",
        failure.message
    );
}

/// Assert that the report passed, showing the failure otherwise.
pub fn assert_passed(report: &TestReport) {
    assert!(
        report.is_ok(),
        "expected the connection to work: {report:#?}"
    );
}

/// Statements run as the administrator when dropped (on a thread of its own, since drop
/// cannot await): scratch tables, users and databases go away even when a test fails.
pub struct Cleanup {
    url: &'static str,
    statements: Vec<String>,
}

impl Cleanup {
    pub fn new(url: &'static str) -> Cleanup {
        Cleanup {
            url,
            statements: Vec::new(),
        }
    }

    pub fn then(&mut self, statement: impl Into<String>) {
        self.statements.push(statement.into());
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        let (url, statements) = (self.url, std::mem::take(&mut self.statements));
        let run = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime for the cleanup");
            runtime.block_on(async move {
                let Ok(mut conn) = connect_admin(url).await else {
                    return;
                };
                for sql in statements.iter().rev() {
                    if let Err(e) = conn.execute(sql.as_str()).await {
                        eprintln!("cleanup {sql:?} failed: {e}");
                    }
                }
            })
        });
        let _ = run.join();
    }
}

/// An administrator connection to PostgreSQL or MariaDB, as `AnyAdmin`.
pub async fn connect_admin(url: &str) -> Result<AnyAdmin, sqlx::Error> {
    if url.starts_with("postgres") {
        Ok(AnyAdmin::Pg(sqlx::PgConnection::connect(url).await?))
    } else {
        Ok(AnyAdmin::My(sqlx::MySqlConnection::connect(url).await?))
    }
}

/// An administrator connection, for setting up and tearing down.
pub enum AnyAdmin {
    Pg(sqlx::PgConnection),
    My(sqlx::MySqlConnection),
}

impl AnyAdmin {
    /// Run statements separated by `;` (simple protocol, no parameters).
    pub async fn execute(&mut self, sql: &str) -> Result<(), sqlx::Error> {
        match self {
            AnyAdmin::Pg(c) => c.execute(sql).await.map(drop),
            AnyAdmin::My(c) => c.execute(sql).await.map(drop),
        }
    }
}

/// Run `setup` as administrator, panicking with the statement on failure.
pub async fn admin(url: &str, sql: &str) {
    let mut conn = connect_admin(url)
        .await
        .expect("the administrator connects");
    conn.execute(sql)
        .await
        .unwrap_or_else(|e| panic!("setup {sql:?} failed: {e}"));
}

/// Run `f` with a time limit, so a hanging connector fails the test instead of the run.
pub async fn within<T>(secs: u64, f: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(secs), f)
        .await
        .unwrap_or_else(|_| panic!("the test did not finish within {secs}s"))
}
