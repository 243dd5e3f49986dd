//! `passerelle import plan|apply|undo|history`, run as a separate process: against the
//! built-in sandbox (its state kept in the session's data folder), with bad inputs that must
//! write nothing, and killed with SIGKILL mid-apply then resumed against a sandbox served
//! over HTTP by the test.

use std::process::Stdio;
use std::time::{Duration, Instant};

use passerelle_dastra::{Auth, ClientOptions, DastraClient};
use passerelle_sandbox::{RunningSandbox, SandboxOptions, MAIN_WORKSPACE};
use serde_json::{json, Value};

use crate::support::*;

const PROFILE: &str = r#"{
  "version": 1, "id": "servicenow-apps", "name": "ServiceNow applications",
  "source": { "name": "servicenow", "kind": "json", "records": "result" },
  "target": "asset",
  "key": { "column": "u_number", "target": "ref", "transforms": [{ "op": "trim" }] },
  "fields": [
    { "target": "label", "column": "name", "transforms": [{ "op": "trim" }] },
    { "target": "type", "column": "sys_class_name",
      "transforms": [{ "op": "valueMap", "values": { "cmdb_ci_business_app": "Software" } }] },
    { "target": "tags", "column": "u_tags",
      "transforms": [{ "op": "split", "separator": "," }, { "op": "lookup", "kind": "tag" }] }
  ]
}"#;

/// A CSV inventory of applications (`Numéro;Nom`) onto assets.
const INVENTORY: &str = r#"{
  "version": 1, "id": "inventaire", "name": "Inventaire des applications",
  "source": { "name": "inventaire", "kind": "csv" }, "target": "asset",
  "key": { "column": "Numéro", "target": "ref" },
  "fields": [
    { "target": "label", "column": "Nom" },
    { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
  ]
}"#;

fn write(session: &Session, name: &str, bytes: &[u8]) -> String {
    let path = session.path(name);
    std::fs::write(&path, bytes).expect("written");
    path.display().to_string()
}

fn export() -> Vec<u8> {
    let app = "cmdb_ci_business_app";
    let document = json!({ "result": [
        { "u_number": "APM0060001", "name": "Paie ", "sys_class_name": app, "u_tags": "Legacy" },
        { "u_number": "APM0060002", "name": "CRM", "sys_class_name": app },
        { "u_number": "APM0060003", "name": "GED", "sys_class_name": app, "u_tags": "Inconnu" },
    ]});
    serde_json::to_vec_pretty(&document).expect("json")
}

/// The plan in the file at `path`, as `import show --json` prints it.
fn shown(session: &mut Session, path: &str) -> Value {
    let run = session
        .run(&["import", "show", "--plan", path, "--json"], None, &[])
        .ok();
    serde_json::from_str(&run.stdout).expect("show --json prints the plan")
}

fn plan_id(session: &mut Session, path: &str) -> String {
    shown(session, path)["id"]
        .as_str()
        .expect("an id")
        .to_owned()
}

/// `import plan` of `source` with `profile` into `out`, then `extra` arguments.
fn plan(session: &mut Session, profile: &str, source: &str, out: &str, extra: &[&str]) -> Run {
    let args = [
        "import",
        "plan",
        "--profile",
        profile,
        "--source",
        source,
        "--out",
        out,
    ];
    session.run(&[&args, extra].concat(), None, &[])
}

/// `import apply --plan FILE`, then `extra` arguments.
fn apply_args<'a>(file: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    [&["import", "apply", "--plan", file], extra].concat()
}

fn apply(session: &mut Session, file: &str, extra: &[&str]) -> Run {
    session.run(&apply_args(file, extra), None, &[])
}

fn show(session: &mut Session, file: &str) -> Run {
    session.run(&["import", "show", "--plan", file], None, &[])
}

/// The session's workspace connection to a sandbox served by the test.
const CIBLE: [&str; 2] = ["--workspace", "cible"];

// NOTE: the two scenarios that seal (apply, undo, history) run one after the other in one
// test. They were joined when two processes creating the seal key at once could each keep
// their own; its creation now takes a lock file (`discovery/src/seal.rs`), so they could be
// split again.
#[test]
fn imports_are_applied_undone_listed_and_resumed_after_a_kill() {
    if !keyring_available() {
        return;
    }
    an_import_is_planned_applied_listed_planned_again_and_undone();
    an_apply_killed_mid_way_then_resumed_ends_as_a_clean_run_does();
    a_plan_file_sealed_with_another_key_altered_truncated_or_not_a_plan_is_refused();
}

fn an_import_is_planned_applied_listed_planned_again_and_undone() {
    let mut session = Session::new();
    let profile = write(&session, "profile.json", PROFILE.as_bytes());
    let source = write(&session, "export.json", &export());
    let plan_file = session.path("plan.json").display().to_string();

    let planned = plan(&mut session, &profile, &source, &plan_file, &[]).ok();
    let summary = "  create:    2\n  update:    0\n  unchanged: 0\n  conflict:  0\n  \
                   invalid:   1\n  missing:   150\n";
    assert_holds(&planned.stdout, summary);
    assert_holds(
        &planned.stdout,
        "  row 3: invalid: column « u_tags »: no Dastra tag is named « Inconnu »: create it in \
         Dastra, correct the file, or send the value to an existing name with a value map",
    );
    assert_holds(&planned.stderr, "source: 3 rows (JSON)");
    assert!(
        !planned.stderr.contains("warning"),
        "a sealed plan needs no warning: {}",
        planned.stderr
    );
    let sealed = std::fs::read(&plan_file).expect("the plan file");
    assert!(
        sealed.starts_with(b"passerelle sealed import plan v1\n"),
        "{:?}",
        String::from_utf8_lossy(&sealed[..40.min(sealed.len())])
    );
    for value in ["APM0060001", "APM0060002", "Paie", "CRM", "GED", "Software"] {
        assert!(
            !sealed.windows(value.len()).any(|w| w == value.as_bytes()),
            "the plan file holds « {value} » in clear"
        );
    }
    let id = plan_id(&mut session, &plan_file);
    let shown_plan = show(&mut session, &plan_file).ok();
    assert_holds(&shown_plan.stdout, summary);
    assert_holds(
        &shown_plan.stdout,
        &format!("plan {id} (servicenow-apps of asset, matched on « ref »)\n"),
    );
    assert_holds(
        &shown_plan.stdout,
        "  row 2 « APM0060002 »: create: ref = \"APM0060002\", label = \"CRM\", type = \
         \"Software\"\n",
    );
    assert_holds(
        &shown_plan.stdout,
        "  row 3 « APM0060003 »: invalid: column « u_tags »: no Dastra tag",
    );
    let missing = shown_plan
        .stdout
        .lines()
        .filter(|l| l.contains(": missing from the source #") && l.ends_with(": left as it is"))
        .count();
    assert_eq!(missing, 150, "{}", shown_plan.stdout);

    let applied = apply(&mut session, &plan_file, &[]).ok();
    for part in ["  row 1: created #", "  row 2: created #", "  created: 2\n"] {
        assert_holds(&applied.stdout, part);
    }
    assert_holds(&applied.stderr, "applied 153/153 rows");

    let history = session.run(&["import", "history"], None, &[]).ok();
    assert!(
        history.stdout.contains(&format!("{id}  "))
            && history
                .stdout
                .contains("servicenow-apps of asset  created 2, updated 0"),
        "{}",
        history.stdout
    );

    let again_file = session.path("again.json").display().to_string();
    let replanned = plan(&mut session, &profile, &source, &again_file, &[]).ok();
    assert!(
        replanned
            .stdout
            .contains("  create:    0\n  update:    0\n  unchanged: 2\n"),
        "applied, then planned again: nothing left to do\n{}",
        replanned.stdout
    );

    let undone = session
        .run(&["import", "undo", "--import", &id], None, &[])
        .ok();
    assert_holds(&undone.stdout, "  undone: 2\n");
    let after_undo = plan(&mut session, &profile, &source, &again_file, &[]).ok();
    assert!(
        after_undo.stdout.contains("  create:    2\n"),
        "the created assets are gone\n{}",
        after_undo.stdout
    );
    let history = session.run(&["import", "history"], None, &[]).ok();
    assert_holds(&history.stdout, "undone 2");

    let audit = session.run(&["audit", "list", "--json"], None, &[]).ok();
    let page: Value = serde_json::from_str(&audit.stdout).expect("JSON");
    let entries = page["entries"].as_array().expect("entries");
    let of = |action: &str| entries.iter().filter(|e| e["action"] == action).count();
    assert_eq!(
        (of("importPlanned"), of("importApplied"), of("importUndone")),
        (3, 1, 1),
        "every plan, apply and undo is in the audit log: {}",
        audit.stdout
    );
    let applied = entries
        .iter()
        .find(|e| e["action"] == "importApplied")
        .expect("the apply's entry");
    assert_eq!(applied["counts"]["created"], 2, "{applied}");

    session
        .run(&["import", "undo", "--import", "no-such-import"], None, &[])
        .fails_with("list them with `passerelle import history`");
}

#[test]
fn bad_inputs_are_refused_with_a_clear_error_and_nothing_written() {
    let mut session = Session::new();
    let profile = write(&session, "profile.json", PROFILE.as_bytes());
    let newer = PROFILE.replacen("\"version\": 1", "\"version\": 7", 1);
    let newer = write(&session, "newer.json", newer.as_bytes());
    let good = write(&session, "export.json", &export());
    let renamed = String::from_utf8(export())
        .expect("text")
        .replace("\"name\"", "\"display_name\"");
    let renamed = write(&session, "renamed.json", renamed.as_bytes());
    let empty = write(&session, "empty.json", b"");
    let binary = write(
        &session,
        "binary.json",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    let out = session.path("plan.json");
    let out_text = out.display().to_string();

    let cases: [(&str, &str, String); 5] = [
        (
            newer.as_str(),
            good.as_str(),
            "uses format version 7".to_owned(),
        ),
        (
            profile.as_str(),
            renamed.as_str(),
            "column « name »: the source has no such column".to_owned(),
        ),
        (
            profile.as_str(),
            empty.as_str(),
            format!("file {empty}: it is empty"),
        ),
        (
            profile.as_str(),
            binary.as_str(),
            format!("file {binary}: not a valid JSON file"),
        ),
        (
            profile.as_str(),
            "/nonexistent/export.json",
            "file /nonexistent/export.json: not found".to_owned(),
        ),
    ];
    for (profile, source, expected) in cases {
        plan(&mut session, profile, source, &out_text, &[]).fails_with(&expected);
        assert!(!out.exists(), "no plan file is written");
    }
    let stray: Vec<_> = files_under(session.root.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("plan"))
        .collect();
    assert!(stray.is_empty(), "no temporary plan is left: {stray:?}");
    assert!(
        !session.path("data/passerelle/imports").exists(),
        "nothing was applied"
    );
}

/// A sandbox served by the test, with no rate limit and some latency, and a client on it.
fn served(runtime: &tokio::runtime::Runtime) -> (RunningSandbox, DastraClient) {
    let mut options = SandboxOptions::default();
    options.seed.assets = 5;
    options.rate_limits = Vec::new();
    options.faults.latency_ms = 4;
    let sandbox = runtime
        .block_on(passerelle_sandbox::start(options, 0))
        .expect("the sandbox starts");
    let client = ClientOptions::new(sandbox.url(), Auth::api_key(sandbox.api_key()))
        .workspace(i64::from(MAIN_WORKSPACE))
        .build()
        .expect("a client");
    (sandbox, client)
}

/// A session with a workspace connection `cible` to `sandbox`, a CSV of `rows` applications
/// and its profile, planned against `cible`; returns the plan file.
fn prepared(session: &mut Session, sandbox: &RunningSandbox, rows: usize) -> String {
    let url = sandbox.url().to_string();
    let workspace = MAIN_WORKSPACE.to_string();
    session
        .run(
            &[
                "connections",
                "add",
                "dastra",
                "--name",
                "cible",
                "--base-url",
                &url,
                "--workspace-id",
                &workspace,
                "--secret-env",
                "CIBLE_KEY",
            ],
            None,
            &[("CIBLE_KEY", sandbox.api_key())],
        )
        .ok();
    let mut csv = String::from("Numéro;Nom\n");
    for i in 0..rows {
        csv.push_str(&format!("INV{i:05};Application n°{i}\n"));
    }
    let profile = write(session, "profile.json", INVENTORY.as_bytes());
    let source = write(session, "inventaire.csv", csv.as_bytes());
    let plan_file = session.path("plan.json").display().to_string();
    plan(session, &profile, &source, &plan_file, &CIBLE).ok();
    plan_file
}

/// Every asset, without the dates a write sets.
fn register(runtime: &tokio::runtime::Runtime, client: &DastraClient) -> Vec<Value> {
    let mut all = runtime
        .block_on(passerelle_imports::fetch_records(
            client,
            passerelle_mapping::Entity::Asset,
            500,
        ))
        .expect("listed");
    for asset in &mut all {
        let object = asset.as_object_mut().expect("an object");
        object.remove("dateUpdate");
        object.remove("dateCreation");
    }
    all
}

fn an_apply_killed_mid_way_then_resumed_ends_as_a_clean_run_does() {
    const ROWS: usize = 150;
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");

    // The clean run.
    let (clean_sandbox, clean_client) = served(&runtime);
    let mut clean = Session::new();
    let plan_file = prepared(&mut clean, &clean_sandbox, ROWS);
    apply(&mut clean, &plan_file, &CIBLE).ok();
    let expected = register(&runtime, &clean_client);
    assert_eq!(expected.len(), 5 + ROWS);

    // The killed run.
    let (sandbox, client) = served(&runtime);
    let mut killed = Session::new();
    let plan_file = prepared(&mut killed, &sandbox, ROWS);
    let id = plan_id(&mut killed, &plan_file);
    let mut child = killed
        .command(&apply_args(&plan_file, &CIBLE))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let started = Instant::now();
    while register(&runtime, &client).len() < 5 + ROWS / 3 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the apply did not progress"
        );
        assert!(
            child.try_wait().expect("waitable").is_none(),
            "the apply ended too soon"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().expect("SIGKILL sent");
    child.wait().expect("reaped");
    let partial = register(&runtime, &client).len();
    assert!(
        partial > 5 && partial < 5 + ROWS,
        "killed mid-apply: {partial} assets"
    );

    let resumed = apply(&mut killed, &plan_file, &CIBLE).ok();
    assert_holds(&resumed.stderr, &format!("resuming import {id}"));
    assert_holds(&resumed.stdout, "nothing to write: 5\n");
    assert_eq!(
        register(&runtime, &client),
        expected,
        "the same register as the clean run: no duplicate, nothing lost"
    );
}

/// `import apply --plan FILE` in `session`, expecting a refusal that says `expected`, with
/// nothing applied.
fn refused(session: &mut Session, file: &str, expected: &str) {
    let run = apply(session, file, &[]).fails_with(expected);
    assert_holds(
        &run.stderr,
        &format!("error: the plan {file} cannot be used: import error: "),
    );
    assert!(
        !session.path("data/passerelle/imports").exists(),
        "nothing was applied"
    );
}

fn a_plan_file_sealed_with_another_key_altered_truncated_or_not_a_plan_is_refused() {
    let mut session = Session::new();
    let profile = write(&session, "profile.json", PROFILE.as_bytes());
    let source = write(&session, "export.json", &export());
    let plan_file = session.path("plan.sealed").display().to_string();
    plan(&mut session, &profile, &source, &plan_file, &[]).ok();
    let sealed = std::fs::read(&plan_file).expect("the plan file");

    let mut altered = sealed.clone();
    let last = altered.len() - 1;
    altered[last] ^= 0x01;
    let altered_file = write(&session, "altered.sealed", &altered);
    let opened_by_another =
        "the sealed plan cannot be opened with the key in this user's OS keyring: it was sealed \
         by another user or on another computer, or altered since it was written; plan the \
         import again here";
    refused(&mut session, &altered_file, opened_by_another);

    let plan_value: passerelle_imports::Plan =
        serde_json::from_value(shown(&mut session, &plan_file)).expect("a plan");
    let other = plan_value.to_sealed(&passerelle_discovery::SealKey::random());
    let other_file = write(&session, "other-key.sealed", &other);
    refused(&mut session, &other_file, opened_by_another);

    let truncated_file = write(&session, "truncated.sealed", &sealed[..sealed.len() - 100]);
    refused(
        &mut session,
        &truncated_file,
        &format!(
            "the sealed plan is truncated (it ends after {} bytes, before its last part): it \
             was cut short while being copied or written; copy it again, or plan the import \
             again",
            sealed.len() - 100
        ),
    );
    let cut_file = write(&session, "cut.sealed", &sealed[..20]);
    refused(
        &mut session,
        &cut_file,
        "the sealed plan is truncated (it ends after 20 bytes, before its last part)",
    );

    let not_a_plan = write(
        &session,
        "notes.txt",
        "Réunion du 3 mars : revoir l'import.".as_bytes(),
    );
    refused(
        &mut session,
        &not_a_plan,
        "the file is not an import plan (neither a sealed plan nor a plan in JSON): give the \
         file that `passerelle import plan` wrote",
    );
    for file in [&altered_file, &truncated_file, &not_a_plan] {
        let run = show(&mut session, file);
        assert_eq!(run.code, Some(1), "show refuses {file} too: {}", run.stdout);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }

    // A source refused on a row read late (after the key and the workspace): no plan file.
    let csv_profile = write(&session, "inventaire.json", INVENTORY.as_bytes());
    let ragged = write(
        &session,
        "inventaire.csv",
        "Numéro;Nom\nINV1;Paie\nINV2;CRM\nINV3;GED;en trop\nINV4;Badges\n".as_bytes(),
    );
    let ragged_out = session.path("ragged.sealed");
    let run = plan(
        &mut session,
        &csv_profile,
        &ragged,
        &ragged_out.display().to_string(),
        &[],
    )
    .fails_with(&format!(
        "error: file {ragged}: 1 row(s) do not have the header's 2 cells (row 4 has 3)"
    ));
    assert!(
        run.stdout.is_empty(),
        "no summary of a source read in part: {}",
        run.stdout
    );
    assert!(!ragged_out.exists(), "no plan file");

    // In clear, on request: readable, with a warning; `show` and `apply` read it too.
    let clear_file = session.path("plan.json").display().to_string();
    let planned = plan(&mut session, &profile, &source, &clear_file, &["--clear"]).ok();
    assert_holds(
        &planned.stderr,
        "warning: the plan is written in clear: it holds the mapped values of every row \
         (business and sometimes personal data)",
    );
    let text = std::fs::read_to_string(&clear_file).expect("a plan in clear");
    assert!(text.contains("\"label\": \"CRM\""), "{text}");
    let id = plan_id(&mut session, &clear_file);
    let applied = apply(&mut session, &clear_file, &[]).ok();
    assert_holds(&applied.stdout, "  created: 2\n");
    assert!(
        session
            .path(&format!("data/passerelle/imports/{id}/plan.sealed"))
            .exists(),
        "the kept copy is sealed"
    );
}

#[test]
fn a_plan_warns_that_missing_assets_cannot_be_archived() {
    if !keyring_available() {
        return;
    }
    let mut session = Session::new();
    let archiving = PROFILE.replacen(
        "\"target\": \"asset\",",
        "\"target\": \"asset\", \"missing\": { \"action\": \"archive\" },",
        1,
    );
    let profile = write(&session, "profile.json", archiving.as_bytes());
    let source = write(&session, "export.json", &export());
    let plan_file = session.path("plan.sealed").display().to_string();
    let planned = plan(&mut session, &profile, &source, &plan_file, &[]).ok();
    let warning = "warning: the profile asks to archive the records missing from the source, \
                   and Dastra archives contracts only: the 150 asset record(s) missing from the \
                   source will be left as they are; choose « tag » to mark them for review, or \
                   deal with them in Dastra\n";
    assert_holds(&planned.stdout, warning);
    let shown_plan = show(&mut session, &plan_file).ok();
    assert_holds(&shown_plan.stdout, warning);
    let unsupported = shown_plan
        .stdout
        .lines()
        .filter(|l| l.ends_with(": left as it is (Dastra cannot archive an asset)"))
        .count();
    assert_eq!(unsupported, 150, "{}", shown_plan.stdout);
    let plan = shown(&mut session, &plan_file);
    assert_eq!(
        plan["warnings"],
        json!([{ "kind": "missingPolicyUnsupported", "policy": "archive", "entity": "asset",
                 "missing": 150 }])
    );
    let applied = apply(&mut session, &plan_file, &[]).ok();
    assert!(
        applied.stdout.contains("  not supported: 150\n") && !applied.stdout.contains("archived"),
        "{}",
        applied.stdout
    );
}
