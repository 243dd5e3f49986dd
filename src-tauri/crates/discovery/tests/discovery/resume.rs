//! Stopping a job and taking it up again: cancelled by the person, killed with the process,
//! or cut off by a database that goes away. Each time the job resumes where it stopped and
//! ends with exactly the findings of an uninterrupted run, none twice.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use passerelle_discovery::{
    run_job, CancellationToken, FindingsStore, JobSource, JobSpec, NoProgress, RunOptions,
    RunState, SourceInput, UnitOutcome,
};
use passerelle_vault::settings::{FolderSettings, PostgresSettings, SslMode};
use passerelle_vault::Settings;

use crate::fixture;
use crate::support::*;

/// The planted folder plus `extra` plain files that hold nothing, so a job takes a while.
fn big_folder(root: &Path, extra: usize) {
    fixture::folder(root);
    let filler = std::fs::create_dir_all(root.join("archives")).map(|()| root.join("archives"));
    let filler = filler.expect("filler folder");
    for n in 0..extra {
        let text = format!("ticket {n}: rien à signaler pour le client {n}\n").repeat(40);
        std::fs::write(filler.join(format!("ticket-{n:04}.txt")), text).expect("filler");
    }
}

fn folder(root: &Path) -> SourceInput {
    SourceInput::Folder {
        id: "folder".into(),
        settings: FolderSettings {
            path: root.into(),
            include: vec![],
            exclude: vec![],
        },
    }
}

fn spec(id: &str) -> JobSpec {
    let source = JobSource {
        id: id.into(),
        name: id.into(),
    };
    JobSpec::new(1012, fixture::identity(), vec![source])
}

async fn findings(store: &FindingsStore, job: &str) -> Vec<String> {
    let stored = store.findings(job).await.expect("findings read");
    lines(&stored.into_iter().map(|s| s.finding).collect::<Vec<_>>())
}

/// The findings of the same job run once, start to end, in a store of its own.
async fn uninterrupted(dir: &Path, input: SourceInput) -> Vec<String> {
    let store = store(&dir.join("reference")).await;
    let spec = spec(input.id());
    store.create_job(&spec).await.expect("job recorded");
    let cancel = CancellationToken::new();
    let options = RunOptions::default();
    run_job(
        &store,
        &spec.id,
        vec![input],
        &options,
        Arc::new(NoProgress),
        cancel,
    )
    .await
    .expect("the job runs");
    findings(&store, &spec.id).await
}

#[tokio::test]
async fn a_cancelled_job_resumes_where_it_stopped_without_repeating_a_finding() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("partage");
    big_folder(&root, 200);
    std::fs::create_dir_all(dir.path().join("reference")).expect("folder");
    let reference = uninterrupted(dir.path(), folder(&root)).await;
    assert_eq!(reference.len(), 12, "{reference:#?}");

    let store = store(dir.path()).await;
    let spec = spec("folder");
    store.create_job(&spec).await.expect("job recorded");
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    let sink = Recorder::acting(move |event| {
        if event.progress.units_done >= 30 {
            stopper.cancel();
        }
    });
    let options = RunOptions::default();
    let job = run_job(
        &store,
        &spec.id,
        vec![folder(&root)],
        &options,
        sink.clone(),
        cancel,
    )
    .await
    .expect("the job runs");
    assert_eq!(job.state, RunState::Cancelled);
    let source = &job.sources[0];
    assert_eq!(source.state, RunState::Cancelled);
    let done = source.progress.units_done;
    assert!((30..211).contains(&done), "stopped part-way: {done} of 211");

    let events = sink.events.lock().expect("events").clone();
    assert!(
        events.iter().any(|e| e.eta_seconds.is_some()),
        "an ETA was given"
    );
    assert!(events
        .windows(2)
        .all(|w| w[0].progress.bytes <= w[1].progress.bytes));

    let resumed = Recorder::acting(|_| {});
    let job = run_job(
        &store,
        &spec.id,
        vec![folder(&root)],
        &options,
        resumed.clone(),
        CancellationToken::new(),
    )
    .await
    .expect("the job resumes");
    assert_eq!(job.state, RunState::Done);
    assert_eq!(job.sources[0].progress.units_done, 211);
    let first = resumed.events.lock().expect("events")[0]
        .progress
        .units_done;
    assert_eq!(first, done, "the resumed run starts from the checkpoint");
    assert_eq!(findings(&store, &spec.id).await, reference);
}

/// Only run by [`a_job_killed_mid_way_resumes_where_it_stopped`], in a child process: runs
/// the job named by `PASSERELLE_CHILD_JOB` slowly, until it is killed.
#[tokio::test]
#[ignore = "run as a child process by a_job_killed_mid_way_resumes_where_it_stopped"]
async fn child_runs_a_job_until_killed() {
    let Ok(spec) = std::env::var("PASSERELLE_CHILD_JOB") else {
        return;
    };
    let (dir, job) = spec.split_once('|').expect("dir|job");
    let store = store(Path::new(dir)).await;
    let slow = Recorder::acting(|_| std::thread::sleep(Duration::from_millis(40)));
    let root = Path::new(dir).join("partage");
    let options = RunOptions::default();
    let cancel = CancellationToken::new();
    run_job(&store, job, vec![folder(&root)], &options, slow, cancel)
        .await
        .expect("the job runs");
    panic!("the child was meant to be killed before the job ended");
}

#[tokio::test]
async fn a_job_killed_mid_way_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("partage");
    big_folder(&root, 200);
    std::fs::create_dir_all(dir.path().join("reference")).expect("folder");
    let reference = uninterrupted(dir.path(), folder(&root)).await;

    let store = store(dir.path()).await;
    let spec = spec("folder");
    store.create_job(&spec).await.expect("job recorded");
    let mut child = Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "--exact",
            "resume::child_runs_a_job_until_killed",
            "--ignored",
        ])
        .env(
            "PASSERELLE_CHILD_JOB",
            format!("{}|{}", dir.path().display(), spec.id),
        )
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the child starts");

    let deadline = Instant::now() + Duration::from_secs(60);
    let done = loop {
        assert!(
            Instant::now() < deadline,
            "the child made no progress in 60 s"
        );
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the child ended by itself: {status}");
        }
        let job = store.job(&spec.id).await.expect("job read");
        if job.sources[0].progress.units_done >= 20 {
            break job.sources[0].progress.units_done;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    child.kill().expect("the child is killed");
    child.wait().expect("the child is gone");

    let job = store.job(&spec.id).await.expect("job read");
    assert_eq!(
        job.state,
        RunState::Running,
        "a killed job is left as it was"
    );
    let left = job.sources[0].progress.units_done;
    assert!(left >= done && left < 211, "{left} units done when killed");

    let job = run_quietly(&store, &spec.id, vec![folder(&root)]).await;
    assert_eq!(job.state, RunState::Done);
    assert_eq!(job.sources[0].progress.units_done, 211);
    assert_eq!(findings(&store, &spec.id).await, reference);
}

#[tokio::test]
async fn a_database_that_goes_away_fails_its_source_and_the_job_resumes_when_it_is_back() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let mut sql = fixture::tables_sql().to_string();
    for n in 0..6 {
        sql.push_str(&format!(
            "; CREATE TABLE journal_{n} (id INTEGER PRIMARY KEY, note VARCHAR(80)); \
             INSERT INTO journal_{n} VALUES (1, 'rien')"
        ));
    }
    let (settings, _guard) = postgres(&sql).await;
    let proxy = Proxy::start(0, "127.0.0.1:5432").await;
    let through = |port: u16| match &settings {
        Settings::Postgres(pg) => Settings::Postgres(PostgresSettings {
            port,
            ssl_mode: SslMode::Disable,
            ..pg.clone()
        }),
        _ => unreachable!("a PostgreSQL fixture"),
    };
    let input = |port| SourceInput::Sql {
        id: "postgres".into(),
        settings: through(port),
        secret: None,
    };

    let dir = tempfile::tempdir().expect("a temp dir");
    let store = store(dir.path()).await;
    let spec = spec("postgres");
    store.create_job(&spec).await.expect("job recorded");
    let cut = Arc::new(AtomicBool::new(false));
    let (switch, flag) = (proxy.switch(), Arc::clone(&cut));
    let sink = Recorder::acting(move |event| {
        if event.progress.units_done >= 2 && !flag.swap(true, Ordering::SeqCst) {
            switch.cancel();
        }
    });
    let options = RunOptions::default();
    let job = run_job(
        &store,
        &spec.id,
        vec![input(proxy.port)],
        &options,
        sink,
        CancellationToken::new(),
    )
    .await
    .expect("the job runs");
    let source = &job.sources[0];
    assert_eq!(source.state, RunState::Failed, "{source:#?}");
    let (code, message) = source.failure.clone().expect("why it failed");
    assert_eq!(code, "unreachable", "{message}");
    assert!(
        message.contains("could not reach the database"),
        "{message}"
    );
    let done = source.progress.units_done;
    let tables = fixture::TABLE_COUNT + 6;
    assert!(
        (2..tables).contains(&done),
        "{done} of {tables} tables done"
    );

    let back = Proxy::start(proxy.port, "127.0.0.1:5432").await;
    let job = run_quietly(&store, &spec.id, vec![input(back.port)]).await;
    assert_eq!(job.state, RunState::Done);
    assert_eq!(job.sources[0].state, RunState::Done);
    assert_eq!(job.sources[0].progress.units_done, tables);
    assert_eq!(
        findings(&store, &spec.id).await,
        fixture::table_findings("postgres")
    );
}

#[tokio::test]
async fn findings_older_than_the_retention_are_purged() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("partage");
    fixture::folder(&root);
    let store = store(dir.path()).await;
    let spec = spec("folder");
    store.create_job(&spec).await.expect("job recorded");
    run_quietly(&store, &spec.id, vec![folder(&root)]).await;
    assert_eq!(findings(&store, &spec.id).await.len(), 12);

    let now = chrono::Utc::now();
    assert_eq!(store.purge_older_than(30, now).await.expect("purged"), 0);
    let later = now + chrono::Duration::days(31);
    assert_eq!(store.purge_older_than(30, later).await.expect("purged"), 1);
    assert!(matches!(
        store.job(&spec.id).await,
        Err(passerelle_discovery::Error::NoSuchJob { .. })
    ));
    assert!(store
        .jobs_of_request(1012)
        .await
        .expect("listed")
        .is_empty());
}

#[tokio::test]
async fn the_checkpoints_read_at_once_are_those_of_the_job_and_source_asked_for() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = store(dir.path()).await;
    let (first, second) = (spec("folder"), spec("folder"));
    store.create_job(&first).await.expect("job recorded");
    store.create_job(&second).await.expect("job recorded");
    let mut progress = passerelle_discovery::SourceProgress::default();
    for (job, source, unit) in [
        (&first.id, "folder", "a.txt"),
        (&second.id, "folder", "b.txt"),
        (&first.id, "other", "c.txt"),
        (&first.id, "folder", "dossier/e.txt"),
    ] {
        store
            .complete_unit(job, source, unit, &[], &[], &mut progress)
            .await
            .expect("unit stored");
    }

    let units: Vec<String> = ["a.txt", "b.txt", "c.txt", "d.txt", "dossier/e.txt", "e.txt"]
        .map(String::from)
        .into();
    let done = store
        .units_done(&first.id, "folder", &units)
        .await
        .expect("checkpoints read");
    assert_eq!(
        done,
        [true, false, false, false, true, false],
        "only the first job's folder units are done: {units:?}"
    );
    for (unit, done) in units.iter().zip(&done) {
        let one = store.unit_done(&first.id, "folder", unit).await;
        assert_eq!(
            one.expect("checkpoint read"),
            *done,
            "{unit}: the same as one at a time"
        );
    }
    let none = store.units_done(&first.id, "folder", &[]).await;
    assert!(
        none.expect("checkpoints read").is_empty(),
        "no unit asked, none told"
    );
}

/// A finding at a row of a file of the folder source.
fn file_finding(path: &str, row: u64) -> passerelle_discovery::Finding {
    passerelle_discovery::Finding {
        source_id: "folder".into(),
        location: passerelle_discovery::FindingLocation::File {
            path: path.into(),
            sheet: None,
            row: Some(row),
            page: None,
            line: None,
        },
        confidence: passerelle_matching::Confidence::Likely,
        score: 0.8,
        reason_fr: "nom".into(),
        reason_en: "name".into(),
        fields: vec![],
        linked: vec![],
    }
}

#[tokio::test]
async fn units_stored_at_once_are_each_checkpointed_with_their_findings_and_none_twice() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = store(dir.path()).await;
    let spec = spec("folder");
    store.create_job(&spec).await.expect("job recorded");
    let mut progress = passerelle_discovery::SourceProgress::default();
    let a = [file_finding("a.csv", 2), file_finding("a.csv", 7)];
    let issue = passerelle_discovery::Issue {
        source_id: "folder".into(),
        unit: "b.txt".into(),
        code: "corrupt".into(),
        message: "b.txt is damaged".into(),
    };
    let outcome = |unit, findings, issues| UnitOutcome {
        unit,
        findings,
        issues,
    };
    let first = [
        outcome("a.csv", &a[..], &[][..]),
        outcome("b.txt", &[][..], std::slice::from_ref(&issue)),
        outcome("c.txt", &[][..], &[][..]),
    ];
    let added = store
        .complete_units(&spec.id, "folder", &first, &mut progress)
        .await
        .expect("units stored");
    assert_eq!(added, 2, "both findings of a.csv are new");
    assert_eq!(
        (progress.units_done, progress.findings, progress.issues),
        (3, 2, 1),
        "the counts cover every unit of the batch"
    );

    // a.csv again (a unit read twice, as after a crash) with a new unit.
    let d = [file_finding("d.csv", 1)];
    let second = [
        outcome("a.csv", &a[..], &[][..]),
        outcome("d.csv", &d[..], &[][..]),
    ];
    let added = store
        .complete_units(&spec.id, "folder", &second, &mut progress)
        .await
        .expect("units stored");
    assert_eq!(added, 1, "a.csv's findings are not stored twice");
    let stored = store.findings(&spec.id).await.expect("findings read");
    assert_eq!(stored.len(), 3, "{stored:#?}");
    let issues = store.issues(&spec.id).await.expect("issues read");
    assert_eq!(issues, vec![issue.clone()]);

    // More units than one statement inserts.
    let names: Vec<String> = (0..600).map(|n| format!("archives/{n:04}.txt")).collect();
    let many: Vec<UnitOutcome<'_>> = names
        .iter()
        .map(|name| outcome(name, &[][..], &[][..]))
        .collect();
    store
        .complete_units(&spec.id, "folder", &many, &mut progress)
        .await
        .expect("units stored");
    let mut asked = names.clone();
    asked.extend(["a.csv", "b.txt", "c.txt", "d.csv", "e.csv"].map(String::from));
    let done = store
        .units_done(&spec.id, "folder", &asked)
        .await
        .expect("checkpoints read");
    let missing: Vec<&String> = asked
        .iter()
        .zip(&done)
        .filter(|(_, d)| !**d)
        .map(|(u, _)| u)
        .collect();
    assert_eq!(
        missing,
        ["e.csv"],
        "every unit stored is checkpointed, e.csv was not"
    );
    let job = store.job(&spec.id).await.expect("job read");
    assert_eq!(
        job.sources[0].progress.units_done, 605,
        "the source's counts are saved with the units"
    );
}
