//! The sealed journal table in the app database (see [`crate::journal`]).
//!
//! The journal's API is synchronous (an append must be durable before the write it announces
//! is sent), so the table is served by a thread of its own, with its own SQLite connection
//! and a small runtime: an append sends the sealed entry and waits until it is committed.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use passerelle_discovery::SealKey;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

type Reply<T> = mpsc::Sender<io::Result<T>>;

enum Op {
    Append {
        plan: String,
        row: i64,
        sealed: Vec<u8>,
        reply: Reply<()>,
    },
    Entries {
        plan: Option<String>,
        reply: Reply<Vec<Vec<u8>>>,
    },
}

/// The journal table, served by its thread; dropping it ends the thread.
pub(crate) struct SealedJournal {
    ops: mpsc::Sender<Op>,
    key: SealKey,
    path: PathBuf,
}

impl std::fmt::Debug for SealedJournal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SealedJournal")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

impl SealedJournal {
    /// Open the database at `path` (made if absent) and its journal table.
    pub(crate) fn open(path: &Path, key: SealKey) -> io::Result<SealedJournal> {
        let (ops, requests) = mpsc::channel::<Op>();
        let (ready, opened) = mpsc::channel::<io::Result<()>>();
        let file = path.to_owned();
        std::thread::Builder::new()
            .name("import-journal".into())
            .spawn(move || serve(&file, &ready, &requests))?;
        opened
            .recv()
            .map_err(|_| other("the journal's thread ended before opening the database"))??;
        Ok(SealedJournal {
            ops,
            key,
            path: path.to_owned(),
        })
    }

    /// Seal `entry` and commit it.
    pub(crate) fn append(&self, plan: &str, row: usize, entry: &[u8]) -> io::Result<()> {
        let (reply, answer) = mpsc::channel();
        let op = Op::Append {
            plan: plan.to_owned(),
            row: i64::try_from(row).map_err(other)?,
            sealed: self.key.seal(entry),
            reply,
        };
        self.call(op, answer)
    }

    /// Every entry of `plan` (all when `None`), unsealed, in order.
    pub(crate) fn entries(&self, plan: Option<&str>) -> io::Result<Vec<Vec<u8>>> {
        let (reply, answer) = mpsc::channel();
        let op = Op::Entries {
            plan: plan.map(str::to_owned),
            reply,
        };
        let sealed = self.call(op, answer)?;
        sealed
            .iter()
            .map(|s| {
                self.key.open(s).map_err(|_| {
                    other(
                        "a journal entry cannot be unsealed: the key in the OS keyring is not \
                         the one it was sealed with",
                    )
                })
            })
            .collect()
    }

    fn call<T>(&self, op: Op, answer: mpsc::Receiver<io::Result<T>>) -> io::Result<T> {
        self.ops
            .send(op)
            .map_err(|_| other("the journal's thread has stopped"))?;
        answer
            .recv()
            .map_err(|_| other("the journal's thread stopped before answering"))?
    }
}

fn serve(path: &Path, ready: &mpsc::Sender<io::Result<()>>, requests: &mpsc::Receiver<Op>) {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    runtime.block_on(async {
        let mut conn = match connect(path).await {
            Ok(conn) => conn,
            Err(e) => {
                let _ = ready.send(Err(other(e)));
                return;
            }
        };
        let _ = ready.send(Ok(()));
        while let Ok(op) = requests.recv() {
            match op {
                Op::Append {
                    plan,
                    row,
                    sealed,
                    reply,
                } => {
                    let done = sqlx::query(
                        "INSERT INTO import_journal (plan, row, sealed) VALUES (?1, ?2, ?3)",
                    )
                    .bind(plan)
                    .bind(row)
                    .bind(sealed)
                    .execute(&mut conn)
                    .await;
                    let _ = reply.send(done.map(drop).map_err(other));
                }
                Op::Entries { plan, reply } => {
                    let rows: Result<Vec<Vec<u8>>, sqlx::Error> = sqlx::query_scalar(
                        "SELECT sealed FROM import_journal WHERE ?1 IS NULL OR plan = ?1 \
                         ORDER BY seq",
                    )
                    .bind(plan)
                    .fetch_all(&mut conn)
                    .await;
                    let _ = reply.send(rows.map_err(other));
                }
            }
        }
        let _ = conn.close().await;
    });
}

async fn connect(path: &Path) -> Result<SqliteConnection, sqlx::Error> {
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(10))
        .connect()
        .await?;
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS import_journal (
           seq INTEGER PRIMARY KEY AUTOINCREMENT,
           plan TEXT NOT NULL,
           row INTEGER NOT NULL,
           sealed BLOB NOT NULL
         )",
    )
    .execute(&mut conn)
    .await?;
    sqlx::query("CREATE INDEX IF NOT EXISTS import_journal_plan ON import_journal (plan, seq)")
        .execute(&mut conn)
        .await?;
    Ok(conn)
}
