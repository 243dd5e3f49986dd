//! The import plan benchmark: 100,000 source rows against 100,000 sandbox assets, against a
//! pandas merge doing the same matching and comparison (`docs/benchmarks.md`).
//!
//! ```sh
//! pip install pandas            # once, for examples/plan_pandas.py
//! cargo run --release -p passerelle-imports --example plan_100k
//! cargo run --release -p passerelle-imports --example plan_100k -- --rows 20000 --runs 5
//! # keep the files, and run again on them without a new sandbox:
//! cargo run --release -p passerelle-imports --example plan_100k -- --dir /tmp/p100k
//! cargo run --release -p passerelle-imports --example plan_100k -- --dir /tmp/p100k --reuse
//! ```
//!
//! The parent process starts a sandbox seeded with `--rows` assets, gives a few of them the
//! key of another (duplicates in Dastra), fetches them all through the client (timed, reported
//! apart) and writes them to `records.jsonl`, a page of records per line. From the fetched
//! records and a seed it writes a ServiceNow-style export, `source.json`: most rows unchanged,
//! some with changed fields, some invalid, some keys twice, new rows, and records left out
//! (missing). Then, `--runs` times, it starts two child processes on the same two files and
//! compares what they find (and in the first run, also with the child reading the export
//! with the other reader, below):
//!
//! - this program with `--child <dir>`: reads the export through the engine's reader
//!   (`open_source`, as `passerelle import plan` opens it), handing each row to a
//!   `PlanBuilder` (mapped and validated) as it is read, then dropped; reads the records a page
//!   at a time into `CurrentRecords::extend_from_json` (each record reduced to its id, key,
//!   fingerprint and mapped fields, as `plan_import` does while it fetches); and finishes the
//!   plan (matching, diffs, missing records);
//! - `python3 examples/plan_pandas.py <dir>`: reads both files, applies the same transforms
//!   and checks, merges on the key and classifies every row, with per-field diffs.
//!
//! Each child times itself from reading the files to having the classification (Python's
//! start and `import pandas` are not counted) and reports its elapsed time, its CPU time (the
//! process's, every thread's: `CLOCK_PROCESS_CPUTIME_ID`, as Python's `time.process_time`;
//! the engine reads a file on a thread of its own) and its peak resident memory (`VmHWM`), so
//! the fetch and the sandbox are in neither. The counts of each class and of each changed
//! field, and the sums of row numbers per class, must be equal, or the program panics.
//!
//! Three switches of the child, for comparison: `PLAN_100K_VALUE_PAGES=1` decodes pages as
//! `serde_json::Value`s (`CurrentRecords::extend_owned`), `PLAN_100K_ALL_ROWS=1` reads every
//! source row before mapping any and keeps them all (read with this program's own reader),
//! `PLAN_100K_OWN_READER=1` reads the export with this program's own streaming reader of a
//! ServiceNow export (on the main thread, each member decoded as a `Value`) instead of the
//! engine's. Set on the parent, they reach its children.
//!
//! `--runs 0` only writes the files; with `--dir` it also writes the sandbox's state
//! (`sandbox.json`) and the profile (`profile.json`), so that `passerelle sandbox --state
//! DIR/sandbox.json` serves the same records to `passerelle import plan` (see
//! `docs/benchmarks.md`).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::Utc;
use passerelle_dastra::{Auth, ClientOptions};
use passerelle_imports::{
    for_each_page, open_source, CurrentRecords, PlanBuilder, RowClass, SourceSpec,
};
use passerelle_mapping::{Entity, NoLookups, Profile, SourceRow};
use passerelle_sandbox::{SandboxOptions, MAIN_WORKSPACE};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{json, Value};

/// The profile both sides apply (the pandas script spells the same steps out).
const PROFILE: &str = r#"{
  "version": 1, "id": "servicenow-apps", "name": "ServiceNow applications",
  "source": { "name": "servicenow", "kind": "json", "records": "result" },
  "target": "asset",
  "key": { "column": "u_number", "target": "ref", "transforms": [{ "op": "trim" }] },
  "fields": [
    { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
    { "target": "type", "column": "sys_class_name", "transforms": [{ "op": "valueMap", "values": {
        "cmdb_ci_business_app": "Software", "cmn_building": "Building",
        "cmdb_ci_netgear": "Network", "cmdb_ci_hardware": "Material",
        "cmdb_ci_database": "Data", "sys_user_group": "People",
        "cmdb_ci_business_process": "Process" } }] },
    { "target": "description", "column": "short_description", "transforms": [{ "op": "trim" }] },
    { "target": "applicationState", "column": "install_status", "transforms": [{ "op": "valueMap",
        "values": { "1": "InProduction", "2": "InDevelopment", "7": "Stopped" } }] },
    { "target": "hostingType", "column": "u_hosting", "transforms": [{ "op": "valueMap",
        "values": { "on_premise": "InHouse", "cloud": "OutSourced" } }] },
    { "target": "countryCode", "column": "u_country",
      "transforms": [{ "op": "trim" }, { "op": "upper" }] }
  ],
  "missing": { "action": "tag" }
}"#;

struct Args {
    rows: usize,
    runs: usize,
    dir: Option<PathBuf>,
    reuse: bool,
    child: Option<PathBuf>,
}

fn args() -> Args {
    let mut out = Args {
        rows: 100_000,
        runs: 3,
        dir: None,
        reuse: false,
        child: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--rows" => out.rows = value().parse().expect("--rows N"),
            "--runs" => out.runs = value().parse().expect("--runs N"),
            "--dir" => out.dir = Some(value().into()),
            "--reuse" => out.reuse = true,
            "--child" => out.child = Some(value().into()),
            other => panic!("unknown argument {other}: --rows N --runs N --dir DIR [--reuse]"),
        }
    }
    out
}

fn main() {
    let args = args();
    if let Some(dir) = &args.child {
        let report = child(dir);
        println!("{}", serde_json::to_string(&report).expect("JSON"));
        return;
    }
    let temp = tempfile::tempdir().expect("a temp dir");
    let dir = args.dir.clone().unwrap_or_else(|| temp.path().to_owned());
    std::fs::create_dir_all(&dir).expect("the data dir");
    let ready = dir.join("source.json").exists() && dir.join("records.jsonl").exists();
    if args.reuse && ready {
        println!("reusing the files in {}", dir.display());
    } else {
        prepare(&dir, args.rows, args.dir.is_some());
    }
    if args.runs == 0 {
        return;
    }

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/plan_pandas.py");
    let pandas_ok = Command::new("python3")
        .args(["-c", "import pandas"])
        .status()
        .is_ok_and(|s| s.success());
    if !pandas_ok {
        eprintln!("pandas is missing: `pip install pandas` (or `python3 -m pip install pandas`)");
        std::process::exit(2);
    }
    let me = std::env::current_exe().expect("this program's path");
    let reader = match std::env::var_os("PLAN_100K_OWN_READER") {
        Some(_) => "this program's own (PLAN_100K_OWN_READER)",
        None => "the engine's (open_source)",
    };
    println!("the export is read with {reader} reader");
    let mut ratios = Vec::new();
    println!(
        "{:>3} | {:>22} | {:>15} | {:>9} | {:>15} | {:>9} | {:>8} | {:>11} | load",
        "run",
        "ours, elapsed (read)",
        "ours, CPU",
        "ours peak",
        "pandas, elapsed",
        "pandas, CPU",
        "pd peak",
        "ratio (CPU)"
    );
    let mut elapsed_ratios = Vec::new();
    for run in 1..=args.runs {
        let ours = run_child(Command::new(&me).arg("--child").arg(&dir));
        let pandas = run_child(Command::new("python3").arg(&script).arg(&dir));
        assert_eq!(ours["summary"], pandas["summary"], "the same classes");
        assert_eq!(
            ours["changes"], pandas["changes"],
            "the same changed fields"
        );
        assert_eq!(
            ours["rowSums"], pandas["rowSums"],
            "the same rows in each class"
        );
        let (o, p) = (secs(&ours, "total"), secs(&pandas, "total"));
        let (oc, pc) = (secs(&ours, "cpu"), secs(&pandas, "cpu"));
        ratios.push(oc / pc);
        elapsed_ratios.push(o / p);
        println!(
            "{run:>3} | {:>8.3} s ({:>6.3} s) | {:>13.3} s | {:>6} MB | {:>13.3} s | \
             {:>7.3} s | {:>5} MB | {:>5.3} ({:.3}) | {}",
            o,
            secs(&ours, "read"),
            oc,
            mb(&ours, "peakKb"),
            p,
            pc,
            mb(&pandas, "peakKb"),
            oc / pc,
            o / p,
            load()
        );
        if run == 1 {
            println!("    summary {}", ours["summary"]);
            println!("    changed fields {}", ours["changes"]);
            println!("    ours, phases {}", ours["phases"]);
            println!(
                "    pandas, phases {} (after import: {} MB)",
                pandas["phases"],
                mb(&pandas, "baseKb")
            );
            // The other reader of the export, untimed: the same plan.
            let mut other = Command::new(&me);
            match std::env::var_os("PLAN_100K_OWN_READER") {
                Some(_) => other.env_remove("PLAN_100K_OWN_READER"),
                None => other.env("PLAN_100K_OWN_READER", "1"),
            };
            let other = run_child(other.arg("--child").arg(&dir));
            for what in ["summary", "changes", "rowSums"] {
                assert_eq!(ours[what], other[what], "both readers give the same {what}");
            }
            println!("    the other reader gives the same plan");
        }
    }
    elapsed_ratios.sort_by(f64::total_cmp);
    println!(
        "median ratio of elapsed times (ours / pandas): {:.3}",
        elapsed_ratios[elapsed_ratios.len() / 2]
    );
    ratios.sort_by(f64::total_cmp);
    println!(
        "median ratio of CPU times (ours / pandas): {:.3} (goal ≤ 0.5)",
        ratios[ratios.len() / 2]
    );
}

fn secs(report: &Value, what: &str) -> f64 {
    report["phases"][what].as_f64().expect("a time")
}

fn mb(report: &Value, what: &str) -> u64 {
    report[what].as_u64().expect("a size") / 1024
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().next().unwrap_or("?").to_owned())
        .unwrap_or_default()
}

fn run_child(command: &mut Command) -> Value {
    let out = command.output().expect("the child starts");
    assert!(
        out.status.success(),
        "child failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    serde_json::from_str(text.lines().last().expect("a report")).expect("a JSON report")
}

/// The sandbox, the fetch, and the two files; with `keep`, also the sandbox's state
/// (`sandbox.json`, for `passerelle sandbox --state`) and the profile (`profile.json`), to plan
/// the same export with `passerelle import plan`.
fn prepare(dir: &Path, rows: usize, keep: bool) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let pages = runtime.block_on(async {
        let mut options = SandboxOptions::default();
        options.seed.seed = 2026;
        options.seed.assets = rows;
        if keep {
            options.state_file = Some(dir.join("sandbox.json"));
        }
        let started = Instant::now();
        let sandbox = passerelle_sandbox::start(options, 0)
            .await
            .expect("the sandbox starts");
        // One record in a thousand takes the key of its neighbour, in capitals.
        sandbox.state().mutate(|store| {
            let assets = store.collection_mut(Some(MAIN_WORKSPACE), "Assets");
            for i in (500..assets.len().saturating_sub(1)).step_by(1000) {
                let next = assets[i + 1]["ref"]
                    .as_str()
                    .unwrap_or_default()
                    .to_uppercase();
                assets[i]["ref"] = json!(next);
            }
        });
        sandbox
            .state()
            .flush()
            .expect("the sandbox's state written");
        println!(
            "seeded {rows} assets in {:.2} s",
            started.elapsed().as_secs_f64()
        );
        let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
            .workspace(i64::from(MAIN_WORKSPACE))
            .build()
            .expect("a client");
        let started = Instant::now();
        let mut pages: Vec<Vec<Value>> = Vec::new();
        for_each_page(&client, Entity::Asset, 500, |page| pages.push(page))
            .await
            .expect("fetched");
        println!(
            "fetch (not counted below): {} records in {:.2} s, pages of 500",
            pages.iter().map(Vec::len).sum::<usize>(),
            started.elapsed().as_secs_f64()
        );
        pages
    });
    let mut text = String::new();
    for page in &pages {
        text.push_str(&serde_json::to_string(page).expect("JSON"));
        text.push('\n');
    }
    std::fs::write(dir.join("records.jsonl"), &text).expect("records.jsonl written");
    let records: Vec<Value> = pages.into_iter().flatten().collect();
    assert_eq!(records.len(), rows, "every asset was fetched");
    let source = source(&records, rows);
    let text = serde_json::to_string(&json!({ "result": source })).expect("JSON");
    std::fs::write(dir.join("source.json"), &text).expect("source.json written");
    if keep {
        std::fs::write(dir.join("profile.json"), PROFILE).expect("profile.json written");
    }
    println!("wrote {} source rows to {}", source.len(), dir.display());
}

/// The ServiceNow class of a Dastra asset type.
fn class_of(asset_type: &str) -> &'static str {
    match asset_type {
        "Software" => "cmdb_ci_business_app",
        "Building" => "cmn_building",
        "Network" => "cmdb_ci_netgear",
        "Material" => "cmdb_ci_hardware",
        "Data" => "cmdb_ci_database",
        "People" => "sys_user_group",
        _ => "cmdb_ci_business_process",
    }
}

/// A ServiceNow export of `rows` rows made from the fetched records and a seed.
fn source(records: &[Value], rows: usize) -> Vec<Value> {
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let text = |r: &Value, f: &str| r[f].as_str().unwrap_or_default().to_owned();
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<Value> = Vec::with_capacity(rows);
    for record in records {
        let reference = text(record, "ref");
        if !seen.insert(reference.trim().to_lowercase()) || rng.gen_bool(0.02) {
            continue; // the second of a duplicate pair, or left out: missing from the source
        }
        let mut number = reference.clone();
        match rng.gen_range(0..100) {
            0..=4 => number = number.to_lowercase(),
            5..=9 => number = format!("  {number} "),
            _ => {}
        }
        let mut name = text(record, "label");
        if rng.gen_bool(0.03) {
            name = format!(" {name}  ");
        }
        let state = match record["applicationState"].as_str() {
            Some("InProduction") => "1",
            Some("InDevelopment") => "2",
            Some("Stopped") => "7",
            _ => "",
        };
        let hosting = match record["hostingType"].as_str() {
            Some("InHouse") => "on_premise",
            Some("OutSourced") => "cloud",
            _ => "",
        };
        let mut row = json!({
            "sys_id": format!("{:032x}", rng.gen::<u128>()),
            "u_number": number,
            "name": name,
            "sys_class_name": class_of(record["type"].as_str().unwrap_or_default()),
            "short_description": text(record, "description"),
            "install_status": state,
            "u_hosting": hosting,
            "u_country": text(record, "countryCode").to_lowercase(),
            "sys_updated_on": "2026-12-01 09:00:00",
        });
        let roll = rng.gen_range(0..1000);
        match roll {
            0..=29 => row["name"] = json!(format!("{} (v2)", text(record, "label"))),
            30..=49 => row["short_description"] = json!("Application mise à jour."),
            50..=64 if !state.is_empty() => {
                row["install_status"] = json!(if state == "7" { "1" } else { "7" })
            }
            65..=79 if !hosting.is_empty() => {
                row["u_hosting"] = json!(if hosting == "cloud" {
                    "on_premise"
                } else {
                    "cloud"
                })
            }
            80..=84 => {
                row["name"] = json!(format!("{} (v3)", text(record, "label")));
                row["u_country"] = json!("be");
            }
            85..=88 => row["install_status"] = json!("99"), // not a state: invalid
            89 => row["name"] = json!("x".repeat(700)),     // too long: invalid
            90 => row["name"] = json!(""),                  // required: invalid
            91 => row["u_number"] = json!(" "),             // no key: invalid
            _ => {}
        }
        let twice = rng.gen_bool(0.003);
        if twice {
            let mut copy = row.clone();
            copy["u_number"] = json!(reference.to_lowercase());
            out.push(copy);
        }
        out.push(row);
    }
    out.truncate(rows * 96 / 100);
    let mut n = 0;
    while out.len() < rows {
        n += 1;
        let hosted = rng.gen_bool(0.5);
        out.push(json!({
            "sys_id": format!("{:032x}", rng.gen::<u128>()),
            "u_number": format!("APM{n:07}"),
            "name": format!("Application {n}"),
            "sys_class_name": "cmdb_ci_business_app",
            "short_description": format!("Nouvelle application n° {n}."),
            "install_status": if rng.gen_bool(0.9) { "1" } else { "2" },
            "u_hosting": if hosted { "cloud" } else { "on_premise" },
            "u_country": "fr",
            "sys_updated_on": "2026-12-01 09:00:00",
        }));
    }
    out.shuffle(&mut rng);
    out
}

/// The Rust side, in a process of its own: read both files, plan, report.
fn child(dir: &Path) -> Value {
    let profile = Profile::from_json(PROFILE).expect("the profile is valid");
    let cpu_start = cpu_secs();
    let start = Instant::now();
    // The export's rows are mapped as they are read, and dropped; with PLAN_100K_ALL_ROWS set,
    // they are all read first and kept until the plan is made, as `plan_current` takes them.
    let mut builder = PlanBuilder::new(&profile, &NoLookups);
    let mut kept: Vec<SourceRow> = Vec::new();
    let own_reader = std::env::var_os("PLAN_100K_OWN_READER").is_some();
    if std::env::var_os("PLAN_100K_ALL_ROWS").is_some() {
        read_source(&dir.join("source.json"), |row| kept.push(row));
        for row in &kept {
            builder.push(row);
        }
    } else if own_reader {
        read_source(&dir.join("source.json"), |row| builder.push(&row));
    } else {
        // The connectors' reader, as `passerelle import plan` opens the export.
        let spec = SourceSpec::Json {
            path: dir.join("source.json"),
            records: Some("result".into()),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let source = open_source(&spec, None).await.expect("the export opens");
            source.check_profile(&profile).expect("its columns");
            source
                .for_each_row(|row| builder.push(&row))
                .await
                .expect("the export read");
        });
    }
    let source = start.elapsed().as_secs_f64();
    // The records as the fetch hands them over, a page at a time, each reduced as it comes.
    let mut current = CurrentRecords::new(&profile);
    let file = std::fs::File::open(dir.join("records.jsonl")).expect("records.jsonl");
    let mut pages = std::io::BufReader::new(file);
    let mut line = Vec::new();
    loop {
        line.clear();
        if pages
            .read_until(b'\n', &mut line)
            .expect("records.jsonl read")
            == 0
        {
            break;
        }
        if std::env::var_os("PLAN_100K_VALUE_PAGES").is_some() {
            let page: Vec<Value> = serde_json::from_slice(&line).expect("a page of records");
            current.extend_owned(page);
        } else {
            current.extend_from_json(&line).expect("a page of records");
        }
    }
    let read = start.elapsed().as_secs_f64();
    let plan = builder.finish(current, Utc::now());
    let total = start.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu_start;
    let peak = peak_kb();
    drop(kept);

    let mut changes: BTreeMap<String, u64> = BTreeMap::new();
    let mut sums: BTreeMap<&str, u64> = BTreeMap::new();
    for row in &plan.rows {
        let class = match &row.class {
            RowClass::Create => "create",
            RowClass::Update { changes: c } => {
                for change in c {
                    *changes.entry(change.field.clone()).or_default() += 1;
                }
                "update"
            }
            RowClass::Unchanged => "unchanged",
            RowClass::Conflict { .. } => "conflict",
            RowClass::Invalid { .. } => "invalid",
            RowClass::Missing { .. } => "missing",
        };
        *sums.entry(class).or_default() += row.source_row.unwrap_or(0);
    }
    json!({
        "summary": plan.summary,
        "changes": changes,
        "rowSums": sums,
        "phases": {
            "source": source,
            "records": read - source,
            "read": read,
            "plan": total - read,
            "total": total,
            "cpu": cpu,
        },
        "peakKb": peak,
    })
}

/// One record of a ServiceNow export, each member as text; empty and null members left out,
/// as the file readers do.
struct Row(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Row, D::Error> {
        struct Members;
        impl<'de> Visitor<'de> for Members {
            type Value = Row;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a record (an object)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
                let mut fields = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some(name) = map.next_key::<String>()? {
                    match map.next_value::<Value>()? {
                        Value::String(s) if !s.is_empty() => fields.push((name, s)),
                        Value::Null | Value::String(_) => {}
                        other => fields.push((name, other.to_string())),
                    }
                }
                Ok(Row(fields))
            }
        }
        deserializer.deserialize_map(Members)
    }
}

/// The records of a ServiceNow export (`{"result": [...]}`), handed to `each` one at a time as
/// they are parsed, numbered from 1.
fn read_source(path: &Path, each: impl FnMut(SourceRow)) {
    struct Export<F>(F);
    struct Records<F>(F);
    impl<'de, F: FnMut(SourceRow)> DeserializeSeed<'de> for Export<F> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }
    impl<'de, F: FnMut(SourceRow)> Visitor<'de> for Export<F> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object with the records under `result`")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut each = Some(self.0);
            while let Some(name) = map.next_key::<String>()? {
                match (name.as_str(), each.take()) {
                    ("result", Some(f)) => map.next_value_seed(Records(f))?,
                    (_, f) => {
                        each = f;
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }
    impl<'de, F: FnMut(SourceRow)> DeserializeSeed<'de> for Records<F> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }
    impl<'de, F: FnMut(SourceRow)> Visitor<'de> for Records<F> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of records")
        }
        fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
            let mut n = 0;
            while let Some(Row(fields)) = seq.next_element::<Row>()? {
                n += 1;
                (self.0)(SourceRow {
                    row_number: n,
                    fields,
                });
            }
            Ok(())
        }
    }
    let bytes = std::fs::read(path).expect("source.json");
    let mut de = serde_json::Deserializer::from_slice(&bytes);
    Export(each)
        .deserialize(&mut de)
        .expect("a ServiceNow export");
}

/// The CPU time this process has had so far, every thread counted (those ended too), in
/// seconds: `CLOCK_PROCESS_CPUTIME_ID`, the clock of Python's `time.process_time`. On a shared
/// machine it moves far less than the elapsed time, which counts the time spent waiting for a
/// core.
fn cpu_secs() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to write into.
    let failed = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(failed, 0, "the process's CPU clock is readable");
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

/// This process's peak resident memory, in KiB (`VmHWM`).
fn peak_kb() -> u64 {
    status_kb("VmHWM:")
}

fn status_kb(what: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(what))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {what} in /proc/self/status"))
}
