//! The mapping studio in the window: a ServiceNow-style export is opened, the suggestions are
//! accepted, one enum value is mapped by hand, the preview shows the transformed records, and
//! the profile is saved to the app's data folder; the canvas and the preview are photographed
//! in French and in English. The studio's steps are shared with the journeys that go on to
//! plan, apply and undo the import (`journeys.rs`). A JSON export cut short is refused in
//! French, with its file and the line it breaks at.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::driver::{App, Lang};

/// A source as the DPO describes it in the studio's form.
pub struct Source<'a> {
    /// `json`, `csv` or `xlsx`.
    pub kind: &'a str,
    pub path: &'a Path,
    /// Where a JSON export keeps its records (`result`), or the sheet of a workbook.
    pub within: Option<&'a str>,
    /// The system it comes from (the profile's source name).
    pub system: &'a str,
    /// The Dastra entity it goes to (`asset`, `contract`, `actor`).
    pub target: &'a str,
}

/// Open `source` in the studio, onto its target entity, and wait for its columns.
pub async fn open_in_studio(app: &App, source: &Source<'_>) {
    app.click("[data-testid=nav-mapping]").await;
    app.wait_for("[data-testid=source-open]").await;
    app.select_option("[data-testid=source-kind]", source.kind)
        .await;
    if let Some(within) = source.within {
        let field = match source.kind {
            "json" => "[data-testid=source-records]",
            _ => "[data-testid=source-sheet]",
        };
        app.clear(field).await;
        app.type_into(field, within).await;
    }
    app.clear("[data-testid=source-system]").await;
    app.type_into("[data-testid=source-system]", source.system)
        .await;
    app.select_option("[data-testid=target-entity]", source.target)
        .await;
    app.type_into(
        "[data-testid=source-path]",
        &source.path.display().to_string(),
    )
    .await;
    app.click("[data-testid=source-open]").await;
    app.wait_for("[data-testid=source-summary]").await;
}

/// Ask for suggestions, wait for one per field of `expected` (each drawn dashed), photograph
/// them as `shot`, accept them all and wait for their connections. Returns the text of the
/// suggestions, as the DPO read them before accepting.
pub async fn accept_suggestions(app: &App, expected: &[&str], shot: &str) -> String {
    app.click("[data-testid=suggest]").await;
    app.wait_for("[data-testid=suggestions]").await;
    for field in expected {
        app.wait_for(&format!("[data-testid=suggestion-{field}]"))
            .await;
    }
    let text = app.inner_text("[data-testid=suggestions]").await;
    // NOTE: WebKitGTK may paint a busy window late; give it a moment before the picture.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    app.screenshot(shot).await;
    app.click("[data-testid=suggest-accept-all]").await;
    for field in expected {
        app.wait_for(&format!("[data-testid=link-{field}]")).await;
    }
    text
}

/// Add a step `op` (with its defaults) to the end of `field`'s chain, on the canvas.
pub async fn add_step(app: &App, field: &str, op: &str) {
    app.click(&format!("[data-testid=target-{field}]")).await;
    app.select_option("[data-testid=step-kind]", op).await;
    app.click("[data-testid=step-add]").await;
}

/// Give `field` a constant `value` (one of its allowed values), on the canvas.
pub async fn set_constant(app: &App, field: &str, value: &str) {
    add_step(app, field, "constant").await;
    app.select_option("[data-testid=constant-value]", value)
        .await;
}

/// Pair the source value `from` of `field`'s value map with the allowed value `to`, by hand.
pub async fn map_value(app: &App, field: &str, from: &str, to: &str) {
    app.click(&format!("[data-testid=target-{field}]")).await;
    app.wait_for("[data-testid=transform-editor]").await;
    app.select_option(&format!("[data-testid=\"map-to-{from}\"]"), to)
        .await;
}

/// The preview cell of `field` in the `row`th record shown, once it reads other than
/// `before` (the preview is recomputed a moment after a change).
pub async fn cell_after(app: &App, row: usize, field: &str, before: &str) -> String {
    let css = format!("[data-testid=cell-{row}-{field}]");
    app.wait_for_text_change(&css, before).await
}

/// The text of the preview cell of `field` in the `row`th record shown, once the cell shows a
/// problem.
pub async fn refused_cell(app: &App, row: usize, field: &str) -> String {
    let css = format!("[data-testid=cell-{row}-{field}][data-invalid=true]");
    app.wait_for(&css).await;
    app.text(&css).await
}

/// Where the preview's `row`th record refuses the source value `from` of `field`, pair it
/// with the allowed value `to` by hand and check the cell reads `to` then. Returns what the
/// cell said before.
pub async fn pair_refused_value(
    app: &App,
    row: usize,
    field: &str,
    from: &str,
    to: &str,
) -> String {
    let refused = refused_cell(app, row, field).await;
    map_value(app, field, from, to).await;
    let fixed = cell_after(app, row, field, &refused).await;
    assert_eq!(fixed, to, "the pair made by hand is applied");
    refused
}

/// The preview counts its records as valid (`valid`, in the window's words, such as
/// « 20 valides ») and marks no cell refused.
pub async fn assert_all_valid(app: &App, valid: &str) {
    let text = app.text("[data-testid=preview-valid]").await;
    let refused = app
        .js(
            "return [...document.querySelectorAll('td[data-invalid=true]')] \
             .map((c) => `${c.dataset.testid}: ${c.title}`)",
        )
        .await;
    assert!(
        text.contains(valid),
        "every shown record is valid: {text:?}, refused: {refused}"
    );
    assert_eq!(app.count("[data-testid=preview-invalid]").await, 0);
}

/// Photograph the canvas from its first rows as `canvas`, then the preview alone (the
/// transform editor closed) as `preview`.
pub async fn photograph_studio(app: &App, canvas: &str, preview: &str) {
    show_canvas_top(app).await;
    app.screenshot(canvas).await;
    app.click("[data-testid=editor-close]").await;
    app.screenshot(preview).await;
}

/// Leave the studio for the Imports screen with its profile and source ("plan this import"),
/// and prepare the plan there.
pub async fn plan_from_studio(app: &App) {
    app.click("[data-testid=plan-import]").await;
    app.wait_for("[data-testid=import-from-studio]").await;
    let profile = app
        .js("return document.querySelector('[data-testid=import-profile]').value")
        .await;
    assert!(
        profile.as_str().is_some_and(|p| p.contains("\"fields\"")),
        "the studio's profile is in the form: {profile}"
    );
    crate::imports::prepare_plan(app).await;
}

/// States as a French ServiceNow instance displays them; « Pilote » has no close Dastra value.
pub const STATES: [&str; 3] = ["En production", "Retiré", "Pilote"];

/// The fields the studio suggests for a ServiceNow export of business applications.
pub const SUGGESTED: [&str; 3] = ["ref", "label", "applicationState"];

/// One business application as ServiceNow's Table API exports it.
pub fn servicenow_record(i: usize, number: &str, name: &str, state: &str) -> Value {
    json!({
        "sys_id": format!("{i:032x}"),
        "u_number": number,
        "name": format!(" {name} "),
        "short_description": format!("Application de gestion n° {i}"),
        "install_status": state,
        "owned_by": { "display_value": "Claire Martin", "link": "https://acme/api/1" },
    })
}

/// A ServiceNow export of `records`, under `result`, written in `dir`.
pub fn write_servicenow(dir: &Path, records: Vec<Value>) -> PathBuf {
    let path = dir.join("servicenow-business-apps.json");
    let body = serde_json::to_vec_pretty(&json!({ "result": records })).expect("json");
    std::fs::write(&path, body).expect("the export is written");
    path
}

/// The studio's form for a ServiceNow export.
pub fn servicenow(path: &Path) -> Source<'_> {
    Source {
        kind: "json",
        path,
        within: Some("result"),
        system: "servicenow",
        target: "asset",
    }
}

/// A ServiceNow Table API export of 30 business applications.
fn write_export(dir: &Path) -> PathBuf {
    let records = (1..=30)
        .map(|i| {
            let name = format!("Application métier {i}");
            servicenow_record(i, &format!("APM{i:07}"), &name, STATES[(i - 1) % 3])
        })
        .collect();
    write_servicenow(dir, records)
}

/// Every file named `name` under `dir`.
fn find_files(dir: &Path, name: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            find_files(&path, name, out);
        } else if path.file_name().is_some_and(|n| n == name) {
            out.push(path);
        }
    }
}

/// Close any open drop-down (WebKitGTK does not repaint the page while its list is open) and
/// scroll the canvas back to its first rows (the key and the required fields) for the picture.
pub async fn show_canvas_top(app: &App) {
    app.click("[data-testid=transform-editor] h2").await;
    app.js("document.querySelector('[data-testid=mapping-canvas]').scrollTop = 0; return 0")
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_servicenow_export_is_mapped_previewed_and_saved_in_the_studio() {
    let Some(app) = App::launch("mapping", Lang::Fr).await else {
        return;
    };
    let files = tempfile::tempdir().expect("a temp folder");
    let export = write_export(files.path());

    open_in_studio(&app, &servicenow(&export)).await;
    app.wait_for("[data-testid=source-u_number]").await;
    let summary = app.text("[data-testid=source-summary]").await;
    assert!(summary.contains("30 enregistrements"), "{summary:?}");
    let required = app.text("[data-testid=target-label]").await;
    assert!(
        required.contains("obligatoire"),
        "label is marked required: {required:?}"
    );

    // Suggestions: a dashed curve each, then all accepted.
    let suggested = accept_suggestions(&app, &SUGGESTED, "mapping-suggestions-fr").await;
    assert!(
        suggested.contains("Pilote"),
        "Pilote is left to map by hand: {suggested:?}"
    );

    // Assets need a type: a constant, set on the canvas.
    set_constant(&app, "type", "Software").await;

    // The description is not suggested: the DPO draws it, from the column onto the field.
    app.drag(
        "[data-testid=source-short_description]",
        "[data-testid=target-description]",
    )
    .await;
    let described = app
        .poll_js(
            "the dragged connection in the preview",
            "const c = document.querySelector('[data-testid=cell-0-description]'); \
             return c && c.innerText.includes('n° 1') ? c.innerText : null",
        )
        .await;
    assert_eq!(described, "Application de gestion n° 1");
    assert_eq!(
        app.js("return String(window.getSelection())").await,
        "",
        "the drag selected no text on its way"
    );
    // The drag scrolled the canvas to the column: back to its first rows, as before it.
    show_canvas_top(&app).await;

    // « Pilote » is refused at its cell until it is mapped by hand.
    let refused = refused_cell(&app, 2, "applicationState").await;
    assert!(refused.contains("Valeur non prévue"), "{refused:?}");
    assert_eq!(
        app.text("[data-testid=cell-0-applicationState]").await,
        "InProduction"
    );
    assert_eq!(
        app.text("[data-testid=cell-0-label]").await,
        "Application métier 1"
    );
    pair_refused_value(&app, 2, "applicationState", "Pilote", "InDevelopment").await;
    assert_all_valid(&app, "20 valides").await;
    photograph_studio(&app, "mapping-canvas-fr", "mapping-preview-fr").await;

    // Saved as version 1 of its profile.
    app.type_into("[data-testid=profile-name]", "Applications ServiceNow")
        .await;
    app.click("[data-testid=profile-save]").await;
    let notice = app.text("[data-testid=mapping-notice]").await;
    assert!(notice.contains("version 1"), "{notice:?}");

    // The same canvas in English.
    app.select_option("[data-testid=language-switch]", "en")
        .await;
    app.wait_for_text_change("[data-testid=screen-title]", "Studio de correspondance")
        .await;
    app.click("[data-testid=target-applicationState]").await;
    app.wait_for("[data-testid=transform-editor]").await;
    assert_all_valid(&app, "20 valid").await;
    photograph_studio(&app, "mapping-canvas-en", "mapping-preview-en").await;

    let home = app.finish_keeping_home().await;
    let mut saved = Vec::new();
    find_files(home.path(), "1.json", &mut saved);
    let saved: Vec<_> = saved
        .into_iter()
        .filter(|p| {
            p.to_string_lossy()
                .contains("mapping-profiles/applications-servicenow")
        })
        .collect();
    assert_eq!(saved.len(), 1, "one saved revision: {saved:?}");
    let text = std::fs::read_to_string(&saved[0]).expect("the saved profile");
    let profile = passerelle_mapping::Profile::from_json(&text).expect("a valid profile");
    assert_eq!(profile.key.column, "u_number");
    assert_eq!(profile.key.target, "ref");
    let described = profile
        .fields
        .iter()
        .find(|f| f.target == "description")
        .expect("the description is mapped, as it was drawn");
    assert_eq!(described.column.as_deref(), Some("short_description"));
    let state = profile
        .fields
        .iter()
        .find(|f| f.target == "applicationState")
        .expect("the state is mapped");
    let map = serde_json::to_value(&state.transforms).expect("json");
    assert_eq!(
        map,
        json!([{ "op": "valueMap", "values": {
            "En production": "InProduction", "Pilote": "InDevelopment", "Retiré": "Stopped"
        } }]),
        "the suggested pairs and the one made by hand"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_export_is_refused_in_the_studio_in_french_with_its_line() {
    let Some(app) = App::launch("mapping-refusal", Lang::Fr).await else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temp folder");
    let cut = dir.path().join("export-coupe.json");
    std::fs::write(
        &cut,
        "{ \"result\": [\n  { \"u_number\": \"A-1\", \"name\": \"Paie\" },\n  {",
    )
    .expect("the export written");
    app.click("[data-testid=nav-mapping]").await;
    app.wait_for("[data-testid=source-open]").await;
    app.select_option("[data-testid=source-kind]", "json").await;
    app.type_into("[data-testid=source-path]", &cut.display().to_string())
        .await;
    app.click("[data-testid=source-open]").await;
    let text = app.text("[data-testid=mapping-error]").await;
    let expected = format!(
        "Le fichier « {} » n'est pas un fichier JSON valide : il devient illisible à la ligne 3 \
         (il est peut-être tronqué). Exportez-le à nouveau depuis le système d'où il vient.",
        cut.display()
    );
    assert_eq!(
        text, expected,
        "worded in French, with the file and the line"
    );
    app.screenshot("mapping-refusal-fr").await;

    app.finish().await;
}
