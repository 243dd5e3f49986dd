//! End to end: the built Passerelle app in a real window (WebKitGTK under Xvfb), driven over
//! WebDriver (tauri-driver → WebKitWebDriver), on its embedded sandbox workspace.
//!
//! Each test starts the app with a fresh data directory, so it opens on a newly seeded sandbox,
//! and saves a screenshot of every screen it reaches in `PASSERELLE_E2E_ARTIFACTS` (default
//! `tests/artifacts/`). The app must be built first with the UI embedded:
//! `cargo build --workspace --all-targets --features passerelle-app/custom-protocol` (the
//! README's test command does it).
//!
//! Without a display these tests fail when `PASSERELLE_REQUIRE_SERVICES=1` (CI) and are skipped
//! with a message otherwise.

mod big_plan;
mod choosers;
mod discovery;
mod driver;
mod imports;
mod journeys;
mod mapping;
mod rest;
mod sheets;
mod workspace;

use std::time::Duration;

use driver::{App, Lang};

#[tokio::test(flavor = "multi_thread")]
async fn the_inbox_lists_the_seeded_requests_on_the_sandbox() {
    let Some(app) = App::launch("inbox", Lang::Fr).await else {
        return;
    };

    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    let badge = app.text("[data-testid=sandbox-badge]").await;
    assert!(
        badge.to_lowercase().contains("sandbox"),
        "the header says sandbox: {badge:?}"
    );
    let total = app.number_in("[data-testid=inbox-total]").await;
    assert!(
        (30..=60).contains(&total),
        "about 40 seeded requests, the inbox says {total}"
    );
    app.screenshot("inbox-fr").await;

    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_and_the_overdue_filter_narrow_the_inbox() {
    let Some(app) = App::launch("filters", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    let total = app.number_in("[data-testid=inbox-total]").await;

    // Search for the family name of the first requester.
    let requester = app.inner_text("[data-testid=dsar-row] td").await;
    let family = requester
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    assert!(
        !family.is_empty(),
        "the first row shows a requester: {requester:?}"
    );
    app.type_into(
        "[data-testid=inbox-search] input, input[data-testid=inbox-search]",
        &family,
    )
    .await;
    let narrowed = app
        .wait_for_number_below("[data-testid=inbox-total]", total)
        .await;
    assert!(narrowed >= 1, "the searched requester is still listed");
    app.screenshot("inbox-search").await;
    app.clear("[data-testid=inbox-search] input, input[data-testid=inbox-search]")
        .await;
    app.wait_for_number("[data-testid=inbox-total]", total)
        .await;

    // Overdue only.
    app.click("[data-testid=filter-overdue]").await;
    let overdue = app
        .wait_for_number_below("[data-testid=inbox-total]", total)
        .await;
    assert!(overdue >= 1, "the seed has overdue requests");
    let rows = app.count("[data-testid=dsar-row]").await;
    let late = app
        .count("[data-testid=dsar-row] [data-testid=dsar-overdue]")
        .await;
    assert_eq!(rows, late, "every listed request is marked overdue");
    app.screenshot("inbox-overdue").await;

    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn opening_a_request_shows_its_identity_fields() {
    let Some(app) = App::launch("detail", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    let requester = app.inner_text("[data-testid=dsar-row] td").await;

    app.click("[data-testid=dsar-row] td span").await;
    app.wait_for("[data-testid=detail-title]").await;
    let family = app.text("[data-testid=identity-family-name]").await;
    assert!(
        !family.is_empty() && requester.contains(family.trim()),
        "the detail shows the requester's family name: {family:?} in {requester:?}"
    );
    let email = app.text("[data-testid=identity-email]").await;
    assert!(
        email.contains('@') || email.contains('—'),
        "the email field is shown: {email:?}"
    );
    app.screenshot("detail-fr").await;

    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn switching_to_english_changes_the_labels() {
    let Some(app) = App::launch("language", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    let french = app.text("[data-testid=nav-inbox]").await;

    app.select_option("[data-testid=language-switch]", "en")
        .await;
    let english = app
        .wait_for_text_change("[data-testid=nav-inbox]", &french)
        .await;
    assert_ne!(french, english, "the navigation label changed language");
    let title = app.text("[data-testid=screen-title]").await;
    assert!(
        title.to_lowercase().contains("request"),
        "an English title: {title:?}"
    );
    app.screenshot("inbox-en").await;

    // Every screen, in English, for a person to look at.
    for screen in [
        "assets",
        "actors",
        "contracts",
        "connections",
        "discovery",
        "audit",
    ] {
        app.click(&format!("[data-testid=nav-{screen}]")).await;
        app.wait_for("[data-testid=screen-title]").await;
        tokio::time::sleep(Duration::from_millis(600)).await;
        app.screenshot(&format!("{screen}-en")).await;
    }
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_registers_list_assets_actors_and_contracts() {
    let Some(app) = App::launch("registers", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;

    for (screen, row, at_least) in [
        ("assets", "asset-row", 20),
        ("actors", "actor-row", 20),
        ("contracts", "contract-row", 10),
    ] {
        app.click(&format!("[data-testid=nav-{screen}]")).await;
        app.wait_for_count(&format!("[data-testid={row}]"), at_least)
            .await;
        app.screenshot(&format!("{screen}-fr")).await;
    }
    app.click("[data-testid=nav-imports]").await;
    app.wait_for("[data-testid=import-profile]").await;
    app.screenshot("imports-fr").await;

    app.finish().await;
}

/// Run `sql` on the local PostgreSQL `test` database with `psql` (trust authentication on
/// loopback), stopping at its first error.
pub fn psql(sql: &str) {
    let status = std::process::Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "test",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
        ])
        .args(["-c", sql])
        .status()
        .expect("psql runs (PostgreSQL client tools are installed by scripts/setup.sh)");
    assert!(
        status.success(),
        "PostgreSQL at 127.0.0.1:5432 runs the test's SQL"
    );
}

/// A table in the local PostgreSQL `test` database for the connection test to find.
fn postgres_table(name: &str) {
    psql(&format!(
        "CREATE TABLE IF NOT EXISTS {name} (id serial primary key, email text); \
         INSERT INTO {name} (email) VALUES ('a@example.org'), ('b@example.org'); ANALYZE {name};"
    ));
}

/// In the Connections screen, open a new connection's form and fill it for the local
/// PostgreSQL `test` database (trust authentication: no password), named `name`.
pub async fn fill_local_postgres(app: &App, name: &str) {
    app.click("[data-testid=connection-new]").await;
    app.select_option("[data-testid=connection-kind]", "postgres")
        .await;
    app.type_into("[data-testid=field-name]", name).await;
    app.type_into("[data-testid=field-host]", "127.0.0.1").await;
    app.type_into("[data-testid=field-database]", "test").await;
    app.type_into("[data-testid=field-user]", "postgres").await;
}

/// Every file under `dir` that contains `needle`.
fn files_containing(dir: &std::path::Path, needle: &str) -> Vec<std::path::PathBuf> {
    let mut hits = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                hits.push(path);
            }
        }
    }
    hits
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_are_added_tested_and_the_workspace_switches() {
    let Some(app) = App::launch("connections", Lang::Fr).await else {
        return;
    };
    let table = "passerelle_e2e_clients";
    postgres_table(table);
    app.wait_for_count("[data-testid=dsar-row]", 20).await;
    let main_total = app.number_in("[data-testid=inbox-total]").await;
    let sandbox_url = app
        .js("return document.querySelector('[data-testid=workspace-label]').parentElement.title")
        .await
        .as_str()
        .expect("the header's title is the workspace address")
        .to_string();
    assert!(
        sandbox_url.starts_with("http://127.0.0.1:"),
        "{sandbox_url}"
    );

    app.click("[data-testid=nav-connections]").await;
    app.wait_for_count("[data-testid=connection-row]", 1).await;
    app.screenshot("connections-fr").await;

    // PostgreSQL: test before saving, and see its tables.
    fill_local_postgres(&app, "Clients (PostgreSQL)").await;
    app.click("[data-testid=connection-test]").await;
    app.wait_for("[data-testid=test-ok]").await;
    app.wait_for_count("[data-testid=found-table]", 1).await;
    let tables = app.inner_text("[data-testid=test-report]").await;
    assert!(tables.contains(table), "the report lists {table}: {tables}");
    app.screenshot("connection-postgres-fr").await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", 2).await;

    // MariaDB with a wrong password: a classified failure, and the password goes nowhere.
    let password = format!("e2e-wrong-{}", uuid::Uuid::new_v4().simple());
    app.click("[data-testid=connection-new]").await;
    app.select_option("[data-testid=connection-kind]", "mysql")
        .await;
    app.type_into("[data-testid=field-name]", "Boutique (MariaDB)")
        .await;
    app.type_into("[data-testid=field-host]", "127.0.0.1").await;
    app.type_into("[data-testid=field-database]", "test").await;
    app.type_into("[data-testid=field-user]", "root").await;
    app.type_into("[data-testid=field-secret]", &password).await;
    app.click("[data-testid=connection-test]").await;
    app.wait_for("[data-testid=test-failed]").await;
    app.wait_for("[data-testid=test-failure-code][data-code=wrongCredentials]")
        .await;
    app.screenshot("connection-wrong-password-fr").await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", 3).await;

    // A second sandbox workspace: the key lists the workspaces, pick the other one.
    app.click("[data-testid=connection-new]").await;
    app.select_option("[data-testid=connection-kind]", "dastraWorkspace")
        .await;
    app.clear("[data-testid=field-base-url]").await;
    app.type_into("[data-testid=field-base-url]", &sandbox_url)
        .await;
    app.type_into("[data-testid=field-secret]", "sandbox-secret")
        .await;
    app.click("[data-testid=workspace-load]").await;
    app.select_option("[data-testid=field-workspace-id]", "2")
        .await;
    app.screenshot("connection-dastra-fr").await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", 4).await;
    app.screenshot("connections-list-fr").await;

    // Switch from the header: every screen follows.
    let id = app
        .js(
            "return [...document.querySelectorAll('[data-testid=connection-row]')]
                .find(r => r.dataset.kind === 'dastraWorkspace' && r.dataset.id !== 'sandbox')
                .dataset.id",
        )
        .await
        .as_str()
        .expect("the new workspace's row")
        .to_string();
    let before = app.text("[data-testid=workspace-label]").await;
    app.select_option("[data-testid=workspace-switcher]", &id)
        .await;
    let after = app
        .wait_for_text_change("[data-testid=workspace-label]", &before)
        .await;
    assert!(
        after.contains("Santé"),
        "the header names the new workspace: {after}"
    );
    app.click("[data-testid=nav-inbox]").await;
    let health_total = app
        .wait_for_number_below("[data-testid=inbox-total]", main_total)
        .await;
    assert!(
        health_total > 0,
        "the second workspace has its own requests"
    );
    app.screenshot("inbox-second-workspace-fr").await;

    // The same screen in English.
    app.select_option("[data-testid=language-switch]", "en")
        .await;
    app.click("[data-testid=nav-connections]").await;
    app.wait_for_count("[data-testid=connection-row]", 4).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    app.screenshot("connections-list-en").await;
    app.click("[data-testid=connection-new]").await;
    app.wait_for("[data-testid=connection-form]").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("connection-new-en").await;

    let home = app.finish_keeping_home().await;

    // Nothing the app wrote (data, config, cache, logs) holds the password, although the
    // profiles, preferences and log it wrote are there.
    let written = files_containing(home.path(), "Boutique (MariaDB)");
    assert!(
        written.iter().any(|p| p.ends_with("connections.json")),
        "the profiles file is under the app's folders: {written:?}"
    );
    let hits = files_containing(home.path(), &password);
    assert!(hits.is_empty(), "the password leaked into {hits:?}");
}
