//! Benchmark: a discovery job over a folder of about a gigabyte, against ripgrep looking for
//! the same person's identifiers as literals.
//!
//! ```text
//! cargo run --release -p passerelle-discovery --example discover_files
//! cargo run --release -p passerelle-discovery --example discover_files -- \
//!     --dir /tmp/corpus --mb 1000 --person 1 --runs 3
//! # the screen alone; the prefilter's build alone, N times
//! cargo run --release -p passerelle-discovery --example discover_files -- --screen-only
//! cargo run --release -p passerelle-discovery --example discover_files -- --build-only 20
//! ```
//!
//! The corpus (see `corpus/mod.rs`) is written once per seed and size and reused. Each run
//! times `rg -F -i -f patterns.txt --count-matches` with the person's two e-mails, her phone
//! as the corpus writes it most often and her two names, then a discovery job over the same
//! folder with her identity set, both from a warm page cache. The job must find every planted
//! occurrence of her, at its exact row and line; the program panics otherwise.

mod corpus;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use passerelle_connectors::files::{read_file_screened, Piece, ReadOptions, Screen};
use passerelle_discovery::{
    run_job, CancellationToken, FindingLocation, FindingsStore, JobSource, JobSpec, NoProgress,
    RunOptions, SealKey, SourceInput,
};
use passerelle_matching::{
    Identifier, IdentifierKind, IdentitySet, MatchOptions, Matcher, Prefilter, Syntax,
};
use passerelle_vault::settings::FolderSettings;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn number(name: &str, default: u64) -> u64 {
    arg(name).map_or(default, |v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} takes a number"))
    })
}

fn identity(p: &corpus::Person) -> IdentitySet {
    let request = passerelle_dastra::models::DataSubjectRequestDto {
        given_name: Some(p.given.into()),
        family_name: Some(p.family.into()),
        email: Some(p.email.clone()),
        phone_number: Some(corpus::phone_as(&p.phone, 0)),
        ..Default::default()
    };
    let mut set = IdentitySet::from_request(&request);
    set.add(Identifier::added(
        IdentifierKind::Email,
        p.personal_email.clone(),
    ));
    set
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn median_of(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

#[tokio::main]
async fn main() {
    let seed = number("--seed", 2026);
    let mb = number("--mb", 1000);
    let person = number("--person", 1) as usize;
    let runs = number("--runs", 3) as usize;
    let root = arg("--dir").map_or_else(
        || std::env::temp_dir().join("passerelle-discover-files"),
        PathBuf::from,
    );

    let started = Instant::now();
    let corpus = corpus::build(&root, seed, mb * 1_000_000);
    println!(
        "corpus: {} files, {:.0} MB in {} ({} in {:.1} s); {} planted occurrences of 20 people",
        corpus.files,
        corpus.bytes as f64 / 1e6,
        corpus.root.display(),
        if corpus.reused { "reused" } else { "written" },
        started.elapsed().as_secs_f64(),
        corpus.planted.len()
    );
    let p = &corpus.people[person];
    let expected: BTreeSet<(String, Option<u64>, Option<u64>)> = corpus
        .planted
        .iter()
        .filter(|x| x.person == person)
        .map(|x| (x.path.clone(), x.row, x.line))
        .collect();
    println!(
        "person {person}: {} {}, {} planted occurrences",
        p.given,
        p.family,
        expected.len()
    );

    let patterns = std::env::temp_dir().join(format!("passerelle-patterns-{person}.txt"));
    let literals = [
        p.email.clone(),
        p.personal_email.clone(),
        corpus::phone_as(&p.phone, 0),
        p.given.to_string(),
        p.family.to_string(),
    ];
    std::fs::write(&patterns, literals.join("\n") + "\n").expect("patterns written");

    if let Some(n) = arg("--build-only") {
        let set = identity(p);
        let matcher = Matcher::new(&set, &MatchOptions::default());
        let _ = matcher.prefilter();
        let started = Instant::now();
        let n: u32 = n.parse().expect("a number");
        for _ in 0..n {
            std::hint::black_box(matcher.prefilter());
        }
        println!(
            "prefilter built in {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3 / f64::from(n)
        );
        return;
    }
    if std::env::args().any(|a| a == "--screen-only") {
        let set = identity(p);
        screen_only(&set, &corpus.root);
        return;
    }
    let dir = tempfile::tempdir().expect("a temp dir for the store");
    let store = FindingsStore::open(&dir.path().join("passerelle.db"), SealKey::random())
        .await
        .expect("the store opens");
    let set = identity(p);
    // Warm the page cache: one untimed pass of each.
    let _ = ripgrep(&patterns, &corpus.root);
    let _ = discover(&store, &set, &corpus.root, 0).await;

    let (mut rg_times, mut job_times) = (Vec::new(), Vec::new());
    let mut rg_count = 0;
    let mut found = Vec::new();
    let mut cpu_ratios = Vec::new();
    // Cores kept busy (processor time over wall time), rg's and the job's.
    let (mut rg_cores, mut job_cores) = (Vec::new(), Vec::new());
    for run in 1..=runs {
        let (_, children) = cpu_times();
        let (elapsed, count) = ripgrep(&patterns, &corpus.root);
        let rg_cpu = cpu_times().1 - children;
        rg_count = count;
        rg_times.push(elapsed);
        let (own, _) = cpu_times();
        let (elapsed, locations) = discover(&store, &set, &corpus.root, run).await;
        let job_cpu = cpu_times().0 - own;
        job_times.push(elapsed);
        cpu_ratios.push(job_cpu / rg_cpu.max(0.01));
        rg_cores.push(rg_cpu / rg_times[run - 1].as_secs_f64());
        job_cores.push(job_cpu / elapsed.as_secs_f64());
        println!(
            "run {run}: rg {} ({count} matches, {rg_cpu:.2} s of processor), discovery {} ({} \
             findings, {job_cpu:.2} s of processor)",
            secs(rg_times[run - 1]),
            secs(elapsed),
            locations.len()
        );
        found = locations;
    }

    screen_only(&set, &corpus.root);

    let got: BTreeSet<(String, Option<u64>, Option<u64>)> = found
        .iter()
        .map(|(path, row, line, _)| (path.clone(), *row, *line))
        .collect();
    let missed: Vec<_> = expected.difference(&got).collect();
    let certain = found.iter().filter(|f| f.3 != "Possible").count();
    let (rg, job) = (median(rg_times.clone()), median(job_times.clone()));
    println!(
        "\n| tool | runs | median | findings / matches |\n|---|---:|---:|---:|\n\
         | rg -F -i | {} | {} | {rg_count} matches |\n\
         | discovery | {} | {} | {} findings ({certain} likely or certain) |\n\
         ratio discovery / rg: {:.2} (goal ≤ 1.5); processor time ratio (median): {:.2}; \
         recall: {}/{} planted occurrences found; cores kept busy (median): rg {:.2}, \
         discovery {:.2}",
        rg_times
            .iter()
            .map(|t| secs(*t))
            .collect::<Vec<_>>()
            .join(" / "),
        secs(rg),
        job_times
            .iter()
            .map(|t| secs(*t))
            .collect::<Vec<_>>()
            .join(" / "),
        secs(job),
        found.len(),
        job.as_secs_f64() / rg.as_secs_f64(),
        median_of(cpu_ratios),
        expected.len() - missed.len(),
        expected.len(),
        median_of(rg_cores),
        median_of(job_cores)
    );
    assert!(
        missed.is_empty(),
        "discovery missed planted occurrences: {missed:?}"
    );
}

/// Processor time (user and system) used so far by this process and by its waited-for
/// children, from `/proc/self/stat`, in seconds: unlike wall time, it hardly moves with the
/// load others put on the machine.
fn cpu_times() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<f64> = rest
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(0.0))
        .collect();
    // utime, stime, cutime, cstime are fields 14 to 17, 12 to 15 after the name.
    let tick = 100.0; // USER_HZ on Linux
    let at = |i: usize| fields.get(i).copied().unwrap_or(0.0) / tick;
    (at(11) + at(12), at(13) + at(14))
}

fn ripgrep(patterns: &std::path::Path, root: &std::path::Path) -> (Duration, u64) {
    let started = Instant::now();
    let output = Command::new("rg")
        .args(["-F", "-i", "-f"])
        .arg(patterns)
        .arg("--count-matches")
        .arg(root)
        .output()
        .expect("rg runs (apt-get install -y ripgrep)");
    let elapsed = started.elapsed();
    let text = String::from_utf8_lossy(&output.stdout);
    let count = text
        .lines()
        .filter_map(|l| l.rsplit(':').next()?.parse::<u64>().ok())
        .sum();
    (elapsed, count)
}

type Found = (String, Option<u64>, Option<u64>, String);

async fn discover(
    store: &FindingsStore,
    set: &IdentitySet,
    root: &std::path::Path,
    run: usize,
) -> (Duration, Vec<Found>) {
    let source = JobSource {
        id: "corpus".into(),
        name: "Corpus".into(),
    };
    let spec = JobSpec::new(9000 + run as i64, set.clone(), vec![source]);
    store.create_job(&spec).await.expect("job recorded");
    let settings = FolderSettings {
        path: root.into(),
        include: vec![],
        exclude: vec!["corpus.*".into()],
    };
    let inputs = vec![SourceInput::Folder {
        id: "corpus".into(),
        settings,
    }];
    let started = Instant::now();
    let job = run_job(
        store,
        &spec.id,
        inputs,
        &RunOptions::default(),
        Arc::new(NoProgress),
        CancellationToken::new(),
    )
    .await
    .expect("the job runs");
    let elapsed = started.elapsed();
    assert!(
        job.sources.iter().all(|s| s.failure.is_none()),
        "the folder was searched: {:?}",
        job.sources
    );
    let found = store
        .findings(&spec.id)
        .await
        .expect("findings read")
        .into_iter()
        .filter_map(|s| match s.finding.location {
            FindingLocation::File {
                path, row, line, ..
            } => Some((path, row, line, format!("{:?}", s.finding.confidence))),
            _ => None,
        })
        .collect();
    (elapsed, found)
}

/// The prefilter as the connector's screen, noting whether it found anything.
struct Counting<'p>(&'p Prefilter, std::sync::atomic::AtomicBool);

impl Screen for Counting<'_> {
    fn hits(&self, bytes: &[u8], json: bool) -> Vec<std::ops::Range<usize>> {
        let syntax = if json { Syntax::Json } else { Syntax::Text };
        let hits = self.0.hits(bytes, syntax);
        if !hits.is_empty() {
            self.1.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        hits
    }
}

/// The screen alone, for the interpretation: build the prefilter, then read and screen every
/// file on two threads as the job does (a file with a hit read again and its records with a
/// hit parsed), without matching or storing anything.
fn screen_only(set: &IdentitySet, root: &std::path::Path) {
    let started = Instant::now();
    let prefilter = Matcher::new(set, &MatchOptions::default()).prefilter();
    let built = started.elapsed();
    if std::env::var_os("SCREEN_STATS").is_some() {
        println!("{}", prefilter.describe());
    }
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !entry.file_name().to_string_lossy().starts_with("corpus.") {
                files.push(path);
            }
        }
    }
    let started = Instant::now();
    let cpu_before = cpu_times().0;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let passed = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                let screen = Counting(&prefilter, false.into());
                let mut sink = |_: Piece<'_>| std::ops::ControlFlow::Continue(());
                read_file_screened(path, &ReadOptions::default(), &screen, &mut sink)
                    .expect("readable");
                if screen.1.into_inner() {
                    passed.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                if std::env::var_os("SCREEN_STATS").is_some() {
                    let bytes = std::fs::read(path).expect("readable");
                    let json = path
                        .extension()
                        .is_some_and(|e| e != "csv" && e != "txt" && e != "log");
                    let syntax = if json { Syntax::Json } else { Syntax::Text };
                    let t = Instant::now();
                    let hits = prefilter.hits(&bytes, syntax).len();
                    let hits_time = t.elapsed();
                    let candidates = prefilter.candidates(&bytes, syntax);
                    println!(
                        "{}: {:.1} MB, {candidates} candidates, {hits} hits, {:.1} ms ({:.2} GB/s)",
                        path.display(),
                        bytes.len() as f64 / 1e6,
                        hits_time.as_secs_f64() * 1e3,
                        bytes.len() as f64 / hits_time.as_secs_f64() / 1e9
                    );
                }
            });
        }
    });
    println!(
        "screen only: prefilter built in {:.0} ms, {} files read and screened in {} on 2 \
         threads ({:.2} s of processor; those with a hit read again and parsed), {} may match",
        built.as_secs_f64() * 1000.0,
        files.len(),
        secs(started.elapsed()),
        cpu_times().0 - cpu_before,
        passed.into_inner()
    );
}
