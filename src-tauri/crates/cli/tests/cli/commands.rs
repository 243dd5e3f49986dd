//! `passerelle connections` as a person or a script uses it.

use serde_json::Value;

use crate::support::*;

#[test]
fn no_flag_takes_a_secret_as_its_value() {
    let mut session = Session::new();
    let commands: [&[&str]; 8] = [
        &["connections", "add", "dastra", "--help"],
        &["connections", "add", "postgres", "--help"],
        &["connections", "add", "mysql", "--help"],
        &["connections", "add", "sqlite", "--help"],
        &["connections", "add", "folder", "--help"],
        &["connections", "add", "rest", "--help"],
        &["connections", "secret", "--help"],
        &["connections", "test", "--help"],
    ];
    for args in commands {
        let help = session.run(args, None, &[]).ok().stdout;
        for flag in [
            "--password",
            "--secret ",
            "--private-key",
            "--api-key",
            "--token ",
            "--client-secret",
        ] {
            assert!(
                !help.contains(flag),
                "{args:?} offers {flag}, a secret in `ps`: {help}"
            );
        }
        if args[1] != "test" {
            assert!(
                help.contains("--secret-stdin") || args[2] == "sqlite" || args[2] == "folder",
                "{args:?} takes secrets from stdin: {help}"
            );
        }
    }

    let refused = session.run(
        &[
            "connections",
            "add",
            "postgres",
            "--name",
            "x",
            "--host",
            "h",
            "--database",
            "d",
            "--user",
            "u",
            "--password",
            "hunter2",
        ],
        None,
        &[],
    );
    assert_eq!(
        refused.code,
        Some(2),
        "an unknown flag is a usage error: {}",
        refused.stderr
    );
    assert!(!session.profiles_file().exists(), "nothing was saved");
}

#[test]
fn a_failed_test_exits_with_1_and_names_the_classified_failure() {
    let mut session = Session::new();
    let missing = session.path("data/absent.db");
    let add = session
        .run(
            &[
                "connections",
                "add",
                "sqlite",
                "--name",
                "Ventes",
                "--path",
                missing.to_str().expect("utf-8"),
                "--json",
            ],
            None,
            &[],
        )
        .ok();
    let id = added_id(&add);

    let text = session.run(&["connections", "test", "Ventes"], None, &[]);
    assert_eq!(
        text.code,
        Some(1),
        "a failed test exits with 1: {}",
        text.stdout
    );
    assert!(
        text.stdout.starts_with("FAILED  Ventes (SQLite)"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.contains("[notFound] There is no file at"),
        "{}",
        text.stdout
    );

    let json = session.run(&["connections", "test", &id, "--json"], None, &[]);
    let report: Value = serde_json::from_str(&json.stdout).expect("the report as JSON");
    assert_eq!(report["id"], id.as_str());
    assert_eq!(report["outcome"]["status"], "failed");
    assert_eq!(
        report["outcome"]["failure"]["code"], "notFound",
        "{report:#}"
    );
}

#[test]
fn a_folder_connection_reports_its_files() {
    let mut session = Session::new();
    let share = session.path("data/share");
    std::fs::create_dir_all(share.join("rh")).expect("folder");
    std::fs::write(share.join("rh/contrat.pdf"), [0u8; 40]).expect("file");
    std::fs::write(share.join("notes.txt"), b"x").expect("file");
    session
        .run(
            &[
                "connections",
                "add",
                "folder",
                "--name",
                "Partage RH",
                "--path",
                share.to_str().expect("utf-8"),
                "--include",
                "*.pdf",
            ],
            None,
            &[],
        )
        .ok();
    let run = session
        .run(&["connections", "test", "partage rh"], None, &[])
        .ok();
    assert!(run.stdout.contains("1 file(s), 40 bytes"), "{}", run.stdout);
}

#[test]
fn the_builtin_sandbox_is_listed_tested_and_never_removed() {
    let mut session = Session::new();
    let list = session.run(&["connections", "list"], None, &[]).ok();
    assert!(
        list.stdout
            .contains("sandbox  dastraWorkspace  Sandbox  not needed"),
        "{}",
        list.stdout
    );

    let test = session
        .run(&["connections", "test", "sandbox"], None, &[])
        .ok();
    assert!(
        test.stdout.contains("workspace: Ormeaux — Siège (#1)"),
        "{}",
        test.stdout
    );

    let remove = session.run(&["connections", "remove", "sandbox"], None, &[]);
    assert_eq!(remove.code, Some(1), "refused");
    assert!(
        remove.stderr.contains("cannot be removed"),
        "{}",
        remove.stderr
    );
    assert!(
        !remove.stderr.contains("backtrace"),
        "one line, no backtrace: {}",
        remove.stderr
    );
}

#[test]
fn an_export_imported_elsewhere_gets_new_ids_and_no_secrets() {
    let mut session = Session::new();
    let db = session.path("data/crm.db");
    let add = session
        .run(
            &[
                "connections",
                "add",
                "sqlite",
                "--name",
                "CRM",
                "--path",
                db.to_str().expect("utf-8"),
                "--json",
            ],
            None,
            &[],
        )
        .ok();
    let original = added_id(&add);
    let export = session.path("data/export.json");
    session
        .run(
            &[
                "connections",
                "export",
                "-o",
                export.to_str().expect("utf-8"),
            ],
            None,
            &[],
        )
        .ok();

    let other = session.path("config/other.json");
    let import = session
        .run(
            &[
                "connections",
                "--profiles",
                other.to_str().expect("utf-8"),
                "import",
                export.to_str().expect("utf-8"),
                "--json",
            ],
            None,
            &[],
        )
        .ok();
    let report: Value = serde_json::from_str(&import.stdout).expect("json");
    let imported = &report["imported"][0];
    assert_eq!(imported["originalId"], original.as_str());
    assert_ne!(imported["id"], original.as_str(), "a new id");
    assert_eq!(imported["name"], "CRM");
}

#[test]
fn invalid_settings_are_refused_with_the_field_and_the_fix() {
    let mut session = Session::new();
    let run = session.run(
        &[
            "connections",
            "add",
            "mysql",
            "--name",
            "RH",
            "--host",
            "db:3306",
            "--database",
            "rh",
            "--user",
            "dpo",
        ],
        None,
        &[],
    );
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("settings.host holds a port: put the port in the port field"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_secret_from_stdin_or_an_environment_variable_lands_in_the_keyring_only() {
    if !keyring_available() {
        return;
    }
    let mut session = Session::new();
    let (piped, from_env) = (marker("stdin"), marker("env"));
    let rest = |name: &'static str| {
        vec![
            "connections",
            "add",
            "rest",
            "--name",
            name,
            "--base-url",
            "https://api.example.com",
            "--auth",
            "bearer",
            "--json",
        ]
    };

    let mut args = rest("Piped");
    args.push("--secret-stdin");
    let first = added_id(&session.run(&args, Some(&format!("{piped}\n")), &[]).ok());
    let mut args = rest("Env");
    args.extend(["--secret-env", "PASSERELLE_TEST_TOKEN"]);
    let second = added_id(
        &session
            .run(&args, None, &[("PASSERELLE_TEST_TOKEN", &from_env)])
            .ok(),
    );

    assert_eq!(
        keyring_entry(&first),
        Some(piped.clone()),
        "stdin, without its newline"
    );
    assert_eq!(
        keyring_entry(&second),
        Some(from_env.clone()),
        "the environment variable"
    );
    let file = std::fs::read_to_string(session.profiles_file()).expect("profiles file");
    assert!(
        !file.contains(&piped) && !file.contains(&from_env),
        "not in the file: {file}"
    );

    let unset = session.run(
        &[
            "connections",
            "secret",
            &first,
            "--secret-env",
            "NOPE_UNSET",
        ],
        None,
        &[],
    );
    assert!(
        unset.stderr.contains("NOPE_UNSET is not set"),
        "{}",
        unset.stderr
    );
    session
        .run(&["connections", "secret", &first, "--delete"], None, &[])
        .ok();
    assert_eq!(keyring_entry(&first), None, "deleted from the keyring");
    let list = session.run(&["connections", "list"], None, &[]).ok();
    let missing = list
        .stdout
        .lines()
        .any(|l| l.contains("Piped") && l.ends_with("MISSING"));
    assert!(
        missing,
        "the list says the token is missing: {}",
        list.stdout
    );

    session
        .run(&["connections", "remove", &first], None, &[])
        .ok();
    session
        .run(&["connections", "remove", &second], None, &[])
        .ok();
    assert_eq!(
        keyring_entry(&second),
        None,
        "removing the connection removed its entry"
    );
}
