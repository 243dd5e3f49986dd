//! A REST source in the window: a CMDB-style API served by the test (paged, behind a bearer
//! token), its connection made in the Connections screen with the token kept in the keyring,
//! a plan prepared from its recipe on the Imports screen, counted, applied and undone; before
//! that, the same recipe on a connection whose token the API refuses, and on one whose API is
//! down, each refused in French with the connection, its address and what to do.

use passerelle_sandbox::cmdb::{closed_base_url, Cmdb, CmdbAccess, APPLICATIONS_RECIPE};
use serde_json::{json, Value};

use crate::driver::{App, Lang};
use crate::imports::{apply, plan_counts, prepare_plan, undo_from_report, Counts};
use crate::workspace::Workspace;

const TOKEN: &str = "jeton-cmdb-e2e";

/// The profile reading the recipe at `recipe` on the connection « CMDB ».
fn profile(recipe: &std::path::Path) -> String {
    json!({
        "version": 1, "id": "cmdb-apps", "name": "Applications de la CMDB",
        "source": { "name": "cmdb", "kind": "rest", "connection": "CMDB",
                    "recipe": recipe.display().to_string() },
        "target": "asset",
        "key": { "column": "u_number", "target": "ref" },
        "fields": [
            { "target": "label", "column": "name" },
            { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
        ]
    })
    .to_string()
}

/// Save an HTTP API connection with a bearer token from the Connections screen, the
/// `count`-th listed; its id.
async fn save_api(app: &App, name: &str, base_url: &str, token: &str, count: usize) -> String {
    app.click("[data-testid=nav-connections]").await;
    app.wait_for_count("[data-testid=connection-row]", count - 1)
        .await;
    app.click("[data-testid=connection-new]").await;
    app.select_option("[data-testid=connection-kind]", "restApi")
        .await;
    app.type_into("[data-testid=field-name]", name).await;
    app.type_into("[data-testid=field-base-url]", base_url)
        .await;
    app.select_option("[data-testid=field-auth]", "bearer")
        .await;
    app.type_into("[data-testid=field-secret]", token).await;
    app.click("[data-testid=connection-save]").await;
    app.wait_for_count("[data-testid=connection-row]", count)
        .await;
    app.js(&format!(
        "return [...document.querySelectorAll('[data-testid=connection-row]')] \
         .find((r) => r.innerText.includes({})).dataset.id",
        json!(name)
    ))
    .await
    .as_str()
    .unwrap_or_else(|| panic!("the row of {name}"))
    .to_owned()
}

/// On the Imports screen, the profile with its source on connection `id`.
async fn fill_import(app: &App, profile: &str, id: &str) {
    app.click("[data-testid=nav-imports]").await;
    app.clear("[data-testid=import-profile]").await;
    app.type_into("[data-testid=import-profile]", profile).await;
    app.select_option("[data-testid=source-connection]", id)
        .await;
}

/// Press « prepare the plan » and wait for the refusal to read `expected`.
async fn refused(app: &App, expected: &str) -> String {
    app.click("[data-testid=plan-import]").await;
    app.wait_for("[data-testid=plan-error]").await;
    app.poll_js(
        "the refusal in French",
        &format!(
            "const t = document.querySelector('[data-testid=plan-error]')?.innerText ?? ''; \
             return t.includes({}) ? t : null",
            json!(expected)
        ),
    )
    .await
    .as_str()
    .expect("the refusal's text")
    .to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rest_source_is_planned_from_the_window_and_its_refusals_are_worded_in_french() {
    let Some(app) = App::launch("imports-rest", Lang::Fr).await else {
        return;
    };
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    let ws = Workspace::of(&app).await;
    let assets = ws.records("Assets").await;
    let software: Vec<&Value> = assets
        .iter()
        .filter(|a| a["type"] == "Software" && a["ref"].is_string())
        .take(2)
        .collect();
    let field = |i: usize, f: &str| software[i][f].as_str().expect("a text").to_owned();
    let apps = vec![
        json!({ "number": field(0, "ref"), "name": "Paie (CMDB)" }),
        json!({ "number": field(1, "ref"), "name": field(1, "label") }),
        json!({ "number": "CMDB-0042", "name": "Atlas" }),
        json!({ "name": "Sans numéro" }),
        json!({ "number": "CMDB-0077", "name": "Badges" }),
    ];
    let access = CmdbAccess::Bearer {
        token: TOKEN.into(),
        read_only: None,
    };
    let cmdb = Cmdb::start(apps, access)
        .await
        .expect("the CMDB API started");
    let url = cmdb.base_url();
    let dir = tempfile::tempdir().expect("a temp folder");
    let recipe = dir.path().join("cmdb.json");
    std::fs::write(&recipe, APPLICATIONS_RECIPE).expect("the recipe written");
    let profile = profile(&recipe);

    // A token the API no longer takes: HTTP 401, worded in French, nothing served.
    let stale = save_api(&app, "CMDB (ancien jeton)", &url, "jeton-perime", 2).await;
    fill_import(&app, &profile, &stale).await;
    let text = refused(&app, "refuse les identifiants (HTTP 401)").await;
    let expected = format!(
        "L'API {url} (connexion « CMDB (ancien jeton) ») refuse les identifiants (HTTP 401) : \
         vérifiez le type d'authentification, et saisissez à nouveau le jeton ou la clé dans \
         Connexions."
    );
    assert!(text.contains(&expected), "{text:?}");
    assert!(!text.contains("refused"), "no English: {text:?}");
    assert!(cmdb.pages().is_empty(), "no page served to a bad token");
    app.screenshot("imports-rest-401-fr").await;

    // An API that is down: unreachable, with its address and what to check.
    let down_url = closed_base_url();
    let down = save_api(&app, "CMDB éteinte", &down_url, TOKEN, 3).await;
    fill_import(&app, &profile, &down).await;
    let text = refused(&app, "Passerelle n'arrive pas à joindre").await;
    let expected = format!(
        "Passerelle n'arrive pas à joindre l'API {down_url} (connexion « CMDB éteinte ») : \
         vérifiez l'adresse de base dans Connexions"
    );
    assert!(text.contains(&expected), "{text:?}");
    app.screenshot("imports-rest-down-fr").await;

    // The right token: the recipe reads every page and the plan is counted.
    let good = save_api(&app, "CMDB", &url, TOKEN, 4).await;
    fill_import(&app, &profile, &good).await;
    prepare_plan(&app).await;
    assert_eq!(
        cmdb.pages(),
        [
            "page=1&per_page=2",
            "page=2&per_page=2",
            "page=3&per_page=2"
        ],
        "three pages of two, with the token from the keyring"
    );
    let counts = plan_counts(&app).await;
    assert_eq!(
        counts,
        Counts {
            create: 2,
            update: 1,
            unchanged: 1,
            conflict: 0,
            invalid: 1,
            missing: assets.len() as u64 - 2,
        }
    );
    let subtitle = app.text("[data-testid=preview-subtitle]").await;
    assert!(
        subtitle.starts_with("recette « Applications de la CMDB » sur « CMDB » → Actifs"),
        "the source worded in French: {subtitle:?}"
    );
    app.screenshot("imports-rest-plan-fr").await;

    // Applied: the CMDB's new applications and its new name are in the workspace.
    apply(&app, &ws, 400, "imports-rest-progress-fr", "Appliqué").await;
    assert_eq!(
        app.number_in("[data-testid=outcome-count-created]").await,
        2
    );
    assert_eq!(
        app.number_in("[data-testid=outcome-count-updated]").await,
        1
    );
    let atlas = ws
        .find("Assets", "ref", "CMDB-0042")
        .await
        .expect("created");
    assert_eq!(atlas["label"], "Atlas");
    assert_eq!(atlas["type"], "Software");
    let renamed = ws
        .find("Assets", "ref", &field(0, "ref"))
        .await
        .expect("still there");
    assert_eq!(renamed["label"], "Paie (CMDB)");

    // Undone: the workspace is as it was.
    undo_from_report(&app, "Annulé").await;
    assert_eq!(
        ws.records("Assets").await,
        assets,
        "every asset of the workspace is back as it was"
    );

    app.finish().await;
}
