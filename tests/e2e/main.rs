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

mod driver;

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
    app.click("[data-testid=nav-mapping]").await;
    app.wait_for("[data-testid=not-built]").await;
    app.screenshot("mapping-fr").await;

    app.finish().await;
}
