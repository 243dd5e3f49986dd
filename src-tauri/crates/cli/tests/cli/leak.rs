//! The leak test: a scripted session creates connections with known secret values, tests them
//! (with every log level on), restarts between every step (each command is a new process over
//! the same vault), exports and imports; then every file under the session's config, data,
//! cache, state and log folders, the export, every output and every argument list are searched
//! for those values. The keyring, and only the keyring, must hold them.

use passerelle_sandbox::{RunningSandbox, SandboxOptions};
use sqlx::{Connection, Executor};

use crate::support::*;

const PG_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/test";
const MYSQL_ADMIN: &str = "mysql://root@127.0.0.1:3306/test";

async fn sandbox_with_key(public: &str, private: &str) -> RunningSandbox {
    let options = SandboxOptions {
        public_key: public.to_owned(),
        private_key: private.to_owned(),
        ..SandboxOptions::default()
    };
    passerelle_sandbox::start(options, 0)
        .await
        .expect("a sandbox starts")
}

/// Whether the database answers; a failure when services are required, else a note.
async fn database(url: &str, name: &str) -> bool {
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
                "PASSERELLE_REQUIRE_SERVICES=1 but {name}: {e}"
            );
            eprintln!("NOTE: the leak session runs without {name} ({e})");
            false
        }
    }
}

async fn mysql_admin(sql: &str) {
    let mut conn = sqlx::MySqlConnection::connect(MYSQL_ADMIN)
        .await
        .expect("MariaDB admin");
    conn.execute(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Where any of `values` appears: in a file, or in an argument list.
fn search(files: &[std::path::PathBuf], args: &[Vec<String>], values: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).expect("readable");
        let text = String::from_utf8_lossy(&bytes);
        hits.extend(
            values
                .iter()
                .filter(|v| text.contains(*v))
                .map(|v| format!("{} holds {v}", file.display())),
        );
    }
    for list in args {
        hits.extend(
            values
                .iter()
                .filter(|v| list.iter().any(|a| a.contains(*v)))
                .map(|v| format!("the arguments {list:?} hold {v}")),
        );
    }
    hits
}

#[test]
fn the_search_finds_a_planted_secret_in_a_nested_file_or_an_argument() {
    let session = Session::new();
    let planted = marker("planted");
    let nested = session.path("state/deep/down.log");
    std::fs::create_dir_all(nested.parent().expect("parent")).expect("folders");
    std::fs::write(&nested, format!("noise {planted} noise")).expect("written");
    let args = vec![vec!["connections".to_owned(), format!("--x={planted}")]];

    let hits = search(&files_under(session.root.path()), &args, &[&planted]);
    assert_eq!(
        hits.len(),
        2,
        "one hit in the file, one in the arguments: {hits:?}"
    );
}

/// Run the binary off the runtime's worker, so the in-process sandboxes keep serving.
fn run(session: &mut Session, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    tokio::task::block_in_place(|| session.run(args, stdin, env))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scripted_session_leaves_no_secret_in_files_logs_outputs_or_exports() {
    if !keyring_available() {
        return;
    }
    let with_pg = database(PG_ADMIN, "PostgreSQL").await;
    let with_mysql = database(MYSQL_ADMIN, "MariaDB").await;
    let mut session = Session::new();
    let mut secrets: Vec<(String, String)> = Vec::new(); // (profile id, secret)

    // Dastra: a sandbox whose API key is the marker, the key given through the environment.
    let dastra_key = marker("dastra");
    let dastra = sandbox_with_key("leak-public", &dastra_key).await;
    let url = dastra.url();
    let add = run(
        &mut session,
        &[
            "connections",
            "add",
            "dastra",
            "--name",
            "Santé",
            "--base-url",
            &url,
            "--workspace-id",
            "2",
            "--secret-env",
            "PASSERELLE_SECRET",
            "--json",
        ],
        None,
        &[("PASSERELLE_SECRET", &dastra_key)],
    );
    secrets.push((added_id(&add.ok()), dastra_key.clone()));

    // A REST API behind OAuth2 client credentials, the client secret from stdin.
    let client_secret = marker("oauth");
    let api = sandbox_with_key("leak-client", &client_secret).await;
    let (api_url, token_url) = (api.url(), format!("{}/connect/token", api.url()));
    let add = run(
        &mut session,
        &[
            "connections",
            "add",
            "rest",
            "--name",
            "API",
            "--base-url",
            &api_url,
            "--auth",
            "oauth2",
            "--token-url",
            &token_url,
            "--client-id",
            "leak-client",
            "--probe-path",
            "/v1/WorkSpaces",
            "--secret-stdin",
            "--json",
        ],
        Some(&format!("{client_secret}\n")),
        &[],
    );
    secrets.push((added_id(&add.ok()), client_secret.clone()));

    // A key Dastra refuses: its failure must not echo it either.
    let wrong_key = marker("wrong");
    let add = run(
        &mut session,
        &[
            "connections",
            "add",
            "dastra",
            "--name",
            "Refusée",
            "--base-url",
            &url,
            "--workspace-id",
            "1",
            "--secret-stdin",
            "--json",
        ],
        Some(&wrong_key),
        &[],
    );
    secrets.push((added_id(&add.ok()), wrong_key.clone()));

    // PostgreSQL (trust authentication ignores the password, which must still stay secret).
    if with_pg {
        let password = marker("pg");
        let add = run(
            &mut session,
            &[
                "connections",
                "add",
                "postgres",
                "--name",
                "CRM",
                "--host",
                "127.0.0.1",
                "--database",
                "test",
                "--user",
                "postgres",
                "--secret-env",
                "PGPASS_TEST",
                "--json",
            ],
            None,
            &[("PGPASS_TEST", &password)],
        );
        secrets.push((added_id(&add.ok()), password));
    }

    // MariaDB with a user whose password is the marker: the secret is really used.
    let mysql_user = format!(
        "passerelle_t_leak_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    if with_mysql {
        let password = marker("mysql");
        mysql_admin(&format!(
            "CREATE USER '{mysql_user}'@'%' IDENTIFIED BY '{password}'; \
             CREATE USER '{mysql_user}'@'localhost' IDENTIFIED BY '{password}'; \
             GRANT SELECT ON test.* TO '{mysql_user}'@'%'; \
             GRANT SELECT ON test.* TO '{mysql_user}'@'localhost'"
        ))
        .await;
        let add = run(
            &mut session,
            &[
                "connections",
                "add",
                "mysql",
                "--name",
                "RH",
                "--host",
                "127.0.0.1",
                "--database",
                "test",
                "--user",
                &mysql_user,
                "--secret-stdin",
                "--json",
            ],
            Some(&password),
            &[],
        );
        let id = added_id(&add.ok());
        // Replace it with itself, through the other command.
        run(
            &mut session,
            &["connections", "secret", &id, "--secret-stdin"],
            Some(&password),
            &[],
        )
        .ok();
        secrets.push((id, password));
    }

    // Test everything, as text and as JSON, with tracing at its most verbose.
    run(&mut session, &["connections", "list"], None, &[]).ok();
    run(&mut session, &["connections", "list", "--json"], None, &[]).ok();
    for (id, _) in &secrets {
        for json in [false, true] {
            let mut args = vec!["connections", "test", id.as_str()];
            if json {
                args.push("--json");
            }
            let tested = run(&mut session, &args, None, &[]);
            let refused = id == &secrets[2].0;
            let expected = if refused { Some(1) } else { Some(0) };
            assert_eq!(
                tested.code, expected,
                "{}\n{}",
                tested.stdout, tested.stderr
            );
            if refused && !json {
                assert!(
                    tested.stdout.contains("[wrongCredentials]"),
                    "{}",
                    tested.stdout
                );
            }
        }
    }

    // Export (to a file and to stdout), then import elsewhere.
    let export = session.path("data/export.json");
    let export = export.to_str().expect("utf-8");
    run(
        &mut session,
        &["connections", "export", "--output", export],
        None,
        &[],
    )
    .ok();
    run(&mut session, &["connections", "export"], None, &[]).ok();
    let other = session.path("config/imported.json");
    run(
        &mut session,
        &[
            "connections",
            "--profiles",
            other.to_str().expect("utf-8"),
            "import",
            export,
        ],
        None,
        &[],
    )
    .ok();

    // The keyring holds every secret, under its profile's id: the search below is not empty
    // handed.
    for (id, secret) in &secrets {
        assert_eq!(
            keyring_entry(id).as_deref(),
            Some(secret.as_str()),
            "{id} in the keyring"
        );
    }

    // Search every file, every output and every argument list.
    let files = files_under(session.root.path());
    assert!(
        files.contains(&session.profiles_file()),
        "the profiles file was written"
    );
    assert!(files.len() >= 20, "outputs were logged: {files:?}");
    let values: Vec<&str> = secrets.iter().map(|(_, secret)| secret.as_str()).collect();
    let hits = search(&files, &session.args, &values);
    assert!(hits.is_empty(), "secrets leaked:\n{}", hits.join("\n"));

    // Removing each connection empties the keyring again.
    for (id, _) in &secrets {
        run(&mut session, &["connections", "remove", id], None, &[]).ok();
        assert_eq!(keyring_entry(id), None, "{id} left the keyring");
    }
    if with_mysql {
        mysql_admin(&format!(
            "DROP USER IF EXISTS '{mysql_user}'@'%'; DROP USER IF EXISTS '{mysql_user}'@'localhost'"
        ))
        .await;
    }
    drop((dastra, api));
}
