//! Whole imports as a DPO makes them in the window, from the mapping studio to the undo: a
//! ServiceNow export onto assets (in French), a contracts workbook onto contracts (in English)
//! and a purchasing department's vendor list onto actors. Each source is mapped in the studio
//! (suggestions accepted, a value paired by hand), handed to the Imports screen with "plan this
//! import", planned, a conflict resolved, applied with its progress in sight, checked in the
//! app's register and in the sandbox over HTTP, undone, and checked restored in both.
//!
//! The screenshots of the canvas, preview, plan, progress, report and history are taken in
//! both languages, at the window's 1280×800.
//!
//! NOTE: the window's `import_plan` resolves no Dastra look-ups yet (an actor or an asset
//! named in a cell), so the contracts workbook maps no signatory or linked application: see
//! `docs/known-gaps.md`.

use serde_json::Value;

use crate::driver::{App, Lang};
use crate::imports::{
    apply, plan_counts, register_rows, take_source, undo_from_history, undo_from_report, Counts,
};
use crate::mapping::{
    accept_suggestions, add_step, cell_after, map_value, open_in_studio, plan_from_studio,
    refused_cell, servicenow, servicenow_record, set_constant, show_canvas_top, write_servicenow,
    Source, STATES, SUGGESTED,
};
use crate::sheets::{write_workbook, Cell};
use crate::workspace::Workspace;

/// Milliseconds the sandbox waits before each request while an import is applied, so that
/// its progress is on screen for a few seconds.
const SLOW_MS: u64 = 400;

fn text(record: &Value, field: &str) -> String {
    record[field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} in {record}"))
        .to_owned()
}

/// Dastra records with a key, which a plan lists as missing when the source lacks them.
fn keyed(records: &[Value]) -> u64 {
    let keyed = records
        .iter()
        .filter(|r| r["ref"].as_str().is_some_and(|k| !k.is_empty()));
    keyed.count() as u64
}

/// The window's inbox is up, and the sandbox behind it answers.
async fn start(app: &App) -> Workspace {
    app.wait_for_count("[data-testid=dsar-row]", 1).await;
    Workspace::of(app).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_servicenow_export_goes_from_the_studio_to_an_applied_then_undone_import() {
    let Some(app) = App::launch("journey-servicenow", Lang::Fr).await else {
        return;
    };
    let ws = start(&app).await;
    let before = ws.records("Assets").await;
    let software: Vec<&Value> = before
        .iter()
        .filter(|a| a["type"] == "Software" && a["applicationState"] == "InProduction")
        .filter(|a| a["ref"].is_string())
        .take(3)
        .collect();
    let key = |i: usize| text(software[i], "ref");

    // Two updates, a key twice (a conflict), twelve new applications; « Pilote » is a state
    // Dastra does not know.
    let mut records = vec![
        servicenow_record(1, &key(0), "Portail RH (renommé)", STATES[0]),
        servicenow_record(2, &key(1), "Doublon A", STATES[0]),
        servicenow_record(3, &key(1), "Doublon B retenu", STATES[1]),
        servicenow_record(4, &key(2), &text(software[2], "label"), STATES[2]),
    ];
    for n in 1..=12 {
        let name = format!("Atlas cartographie {n}");
        records.push(servicenow_record(
            4 + n,
            &format!("APM00990{n:02}"),
            &name,
            STATES[n % 3],
        ));
    }
    let dir = tempfile::tempdir().expect("a temp folder");
    let export = write_servicenow(dir.path(), records);

    // The studio: suggestions, a constant, « Pilote » paired by hand.
    open_in_studio(&app, &servicenow(&export)).await;
    let suggested = accept_suggestions(&app, &SUGGESTED, "journey-suggestions-fr").await;
    assert!(
        suggested.contains("Pilote"),
        "Pilote is left unmatched: {suggested}"
    );
    set_constant(&app, "type", "Software").await;
    let refused = refused_cell(&app, 3, "applicationState").await;
    map_value(&app, "applicationState", "Pilote", "InDevelopment").await;
    let fixed = cell_after(&app, 3, "applicationState", &refused).await;
    assert_eq!(fixed, "InDevelopment", "the pair made by hand is applied");
    let valid = app.text("[data-testid=preview-valid]").await;
    assert!(
        valid.contains("16 valides"),
        "all 16 records are valid: {valid:?}"
    );
    assert_eq!(app.count("[data-testid=preview-invalid]").await, 0);
    show_canvas_top(&app).await;
    app.screenshot("journey-canvas-fr").await;
    app.click("[data-testid=editor-close]").await;
    app.screenshot("journey-preview-fr").await;

    // The plan, handed over from the studio.
    plan_from_studio(&app).await;
    let counts = plan_counts(&app).await;
    let expected = Counts {
        create: 12,
        update: 2,
        unchanged: 0,
        conflict: 2,
        invalid: 0,
        missing: keyed(&before) - 3,
    };
    assert_eq!(counts, expected, "the plan's classes");
    app.screenshot("journey-plan-fr").await;
    let row = take_source(&app, 1).await;
    assert!(
        row.contains("Doublon B retenu"),
        "the second duplicate is taken: {row}"
    );
    app.screenshot("journey-conflict-fr").await;
    app.click("[data-testid=filter-conflict]").await;

    // Apply, watching the progress; then the report.
    apply(&app, &ws, SLOW_MS, "journey-progress-fr", "Appliqué").await;
    for (outcome, n) in [("created", 12), ("updated", 3)] {
        let css = format!("[data-testid=outcome-count-{outcome}]");
        assert_eq!(app.number_in(&css).await, n, "{outcome}");
    }
    app.screenshot("journey-report-fr").await;

    // The register, in the window and over HTTP.
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "renommé").await,
        1
    );
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "Atlas cartographie").await,
        12
    );
    let after = ws.records("Assets").await;
    assert_eq!(after.len(), before.len() + 12, "twelve assets created");
    let by_ref = |r: &str| after.iter().find(|a| a["ref"] == r).cloned().expect(r);
    assert_eq!(by_ref(&key(0))["label"], "Portail RH (renommé)");
    assert_eq!(
        by_ref(&key(1))["label"],
        "Doublon B retenu",
        "the source's row is taken"
    );
    assert_eq!(by_ref(&key(1))["applicationState"], "Stopped");
    assert_eq!(
        by_ref(&key(2))["applicationState"],
        "InDevelopment",
        "Pilote, paired by hand"
    );
    let created = by_ref("APM0099003");
    assert_eq!(
        (
            &created["label"],
            &created["type"],
            &created["applicationState"]
        ),
        (
            &"Atlas cartographie 3".into(),
            &"Software".into(),
            &"InProduction".into()
        ),
    );

    undo_from_history(&app, "journey-history-fr", "Annulé").await;
    app.screenshot("journey-undone-fr").await;
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "renommé").await,
        0
    );
    assert_eq!(
        register_rows(&app, "assets", "asset-row", "Atlas cartographie").await,
        0
    );
    assert_eq!(
        ws.records("Assets").await,
        before,
        "every asset is back as it was"
    );

    app.finish().await;
}

/// The columns of the purchasing department's contracts workbook.
const CONTRACT_HEADER: [&str; 7] = [
    "Contract number",
    "Title",
    "Type",
    "Status",
    "Start date",
    "Annual amount",
    "Currency",
];

/// How the workbook words Dastra's contract types; « Partnership » has no Dastra equivalent.
fn contract_type(dastra: &str) -> &'static str {
    match dastra {
        "DataProcessingAgreement" => "Data processing agreement",
        "ServiceAgreement" => "Service agreement",
        "Licence" => "Licence",
        "NonDisclosure" => "Non disclosure",
        "JointControllerAgreement" => "Joint controller agreement",
        _ => "Other",
    }
}

/// A row of the contracts workbook: an existing contract keeps its dates and amount (the
/// cells are empty), a new one has them.
fn contract_row(reference: &str, title: &str, kind: &str, extra: Option<(&str, f64)>) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![reference.into(), title.into(), kind.into(), "Active".into()];
    match extra {
        Some((start, amount)) => {
            row.extend([start.into(), Cell::Number(amount), "EUR".into()]);
        }
        None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    row
}

#[tokio::test(flavor = "multi_thread")]
async fn a_contracts_workbook_goes_from_the_studio_to_an_applied_then_undone_import_in_english() {
    let Some(app) = App::launch("journey-contracts", Lang::Fr).await else {
        return;
    };
    let ws = start(&app).await;
    app.select_option("[data-testid=language-switch]", "en")
        .await;
    let before = ws.records("Contracts").await;
    let active: Vec<&Value> = before
        .iter()
        .filter(|c| c["state"] == "Active")
        .take(3)
        .collect();
    let (c0, c1, c2) = (active[0], active[1], active[2]);
    let kind = |c: &Value| contract_type(c["contractType"].as_str().unwrap_or_default());

    let mut rows = vec![CONTRACT_HEADER.iter().map(|h| Cell::from(*h)).collect()];
    rows.push(contract_row(
        &text(c0, "ref"),
        "Payroll software maintenance 2027",
        kind(c0),
        None,
    ));
    rows.push(contract_row(
        &text(c1, "ref"),
        "CRM hosting (first draft)",
        kind(c1),
        None,
    ));
    rows.push(contract_row(
        &text(c1, "ref"),
        "CRM hosting, renegotiated",
        kind(c1),
        None,
    ));
    rows.push(contract_row(
        &text(c2, "ref"),
        &text(c2, "label"),
        kind(c2),
        None,
    ));
    let new = [
        (
            "CTR-2027-901",
            "Cloud backup service",
            "Service agreement",
            "01/02/2027",
            18000.0,
        ),
        (
            "CTR-2027-902",
            "Travel booking DPA",
            "Data processing agreement",
            "15/03/2027",
            0.0,
        ),
        (
            "CTR-2027-903",
            "Regional partnership",
            "Partnership",
            "01/04/2027",
            4500.5,
        ),
        (
            "CTR-2027-904",
            "E-signature licence",
            "Licence",
            "30/06/2027",
            7200.0,
        ),
    ];
    for (reference, title, kind, start, amount) in new {
        rows.push(contract_row(reference, title, kind, Some((start, amount))));
    }
    let dir = tempfile::tempdir().expect("a temp folder");
    let workbook = dir.path().join("Purchasing contracts.xlsx");
    write_workbook(&workbook, "Contracts", &rows);

    let source = Source {
        kind: "xlsx",
        path: &workbook,
        within: Some("Contracts"),
        system: "purchasing",
        target: "contract",
    };
    open_in_studio(&app, &source).await;
    let summary = app.text("[data-testid=source-summary]").await;
    assert!(summary.contains("8 records"), "{summary:?}");
    let fields = [
        "ref",
        "label",
        "contractType",
        "state",
        "startDate",
        "amount",
        "currency",
    ];
    let suggested = accept_suggestions(&app, &fields, "journey-suggestions-en").await;
    assert!(
        suggested.contains("Partnership"),
        "Partnership is left unmatched: {suggested}"
    );
    // The dates are day/month/year: the preview says so at their cells, and a date step
    // (whose first format is that one) reads them.
    let date = refused_cell(&app, 4, "startDate").await;
    assert!(
        date.contains("dd/MM/yyyy"),
        "the cell says how to fix it: {date}"
    );
    add_step(&app, "startDate", "date").await;
    let read = cell_after(&app, 4, "startDate", &date).await;
    assert!(read.starts_with("2027-02-01"), "1 February 2027: {read}");
    let refused = refused_cell(&app, 6, "contractType").await;
    map_value(&app, "contractType", "Partnership", "Other").await;
    let fixed = cell_after(&app, 6, "contractType", &refused).await;
    assert_eq!(fixed, "Other", "the pair made by hand is applied");
    let valid = app.text("[data-testid=preview-valid]").await;
    let refused = app
        .js(
            "return [...document.querySelectorAll('td[data-invalid=true]')] \
             .map((c) => `${c.dataset.testid}: ${c.title}`)",
        )
        .await;
    assert!(
        valid.contains("8 valid"),
        "every record is valid: {valid:?}, {refused}"
    );
    show_canvas_top(&app).await;
    app.screenshot("journey-canvas-en").await;
    app.click("[data-testid=editor-close]").await;
    app.screenshot("journey-preview-en").await;

    plan_from_studio(&app).await;
    let counts = plan_counts(&app).await;
    let expected = Counts {
        create: 4,
        update: 1,
        unchanged: 1,
        conflict: 2,
        invalid: 0,
        missing: keyed(&before) - 3,
    };
    assert_eq!(counts, expected, "the plan's classes");
    app.screenshot("journey-plan-en").await;
    let row = take_source(&app, 1).await;
    assert!(
        row.contains("renegotiated"),
        "the second duplicate is taken: {row}"
    );
    app.click("[data-testid=filter-conflict]").await;

    apply(&app, &ws, SLOW_MS, "journey-progress-en", "Applied").await;
    for (outcome, n) in [("created", 4), ("updated", 2)] {
        let css = format!("[data-testid=outcome-count-{outcome}]");
        assert_eq!(app.number_in(&css).await, n, "{outcome}");
    }
    app.screenshot("journey-report-en").await;

    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "renegotiated").await,
        1
    );
    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "E-signature").await,
        1
    );
    let after = ws.records("Contracts").await;
    let by_ref = |r: &str| after.iter().find(|c| c["ref"] == r).cloned().expect(r);
    assert_eq!(
        by_ref(&text(c1, "ref"))["label"],
        "CRM hosting, renegotiated"
    );
    let partnership = by_ref("CTR-2027-903");
    assert_eq!(
        partnership["contractType"], "Other",
        "Partnership, paired by hand"
    );
    assert_eq!(partnership["amount"], 4500.5);
    assert!(
        partnership["startDate"]
            .as_str()
            .is_some_and(|d| d.starts_with("2027-04-01")),
        "the date read as day/month/year: {partnership}"
    );

    // Undone from the history's list in English, for its picture; then checked from the report.
    undo_from_history(&app, "journey-history-en", "Undone").await;
    assert_eq!(
        register_rows(&app, "contracts", "contract-row", "renegotiated").await,
        0
    );
    assert_eq!(
        ws.records("Contracts").await,
        before,
        "every contract is back as it was"
    );
    app.click("[data-testid=nav-imports]").await;
    app.click("[data-testid=history-open]").await;
    app.wait_for("[data-testid=report]").await;
    app.screenshot("journey-undone-en").await;

    app.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vendor_list_is_imported_onto_actors_and_undone() {
    let Some(app) = App::launch("journey-actors", Lang::Fr).await else {
        return;
    };
    let ws = start(&app).await;
    let before = ws.records("Actors").await;
    let vendors: Vec<&Value> = before
        .iter()
        .filter(|a| a["ref"].is_string() && a["countryCode"] == "FR")
        .take(2)
        .collect();
    let csv = format!(
        "Code fournisseur;Raison sociale;Ville;Pays;E-mail\n\
         {};{};Lyon;FR;rgpd@{}.example\n\
         {};{};{};FR;{}\n\
         FRN-90001;Imprimerie des Quais;Nantes;FR;contact@imprimerie-quais.example\n",
        text(vendors[0], "ref"),
        text(vendors[0], "companyName"),
        "nouveau-contact",
        text(vendors[1], "ref"),
        text(vendors[1], "companyName"),
        "Lille",
        text(vendors[1], "email"),
    );
    let dir = tempfile::tempdir().expect("a temp folder");
    let list = dir.path().join("fournisseurs-achats.csv");
    std::fs::write(&list, csv).expect("the vendor list is written");

    let source = Source {
        kind: "csv",
        path: &list,
        within: None,
        system: "achats",
        target: "actor",
    };
    open_in_studio(&app, &source).await;
    let fields = ["ref", "companyName", "city", "countryCode", "email"];
    accept_suggestions(&app, &fields, "journey-actors-suggestions-fr").await;
    app.wait_for("[data-testid=preview-valid]").await;
    assert_eq!(
        app.count("[data-testid=preview-invalid]").await,
        0,
        "no invalid vendor"
    );

    plan_from_studio(&app).await;
    let counts = plan_counts(&app).await;
    assert_eq!(
        (counts.create, counts.update, counts.invalid),
        (1, 2, 0),
        "{counts:?}"
    );
    app.screenshot("journey-actors-plan-fr").await;
    apply(&app, &ws, SLOW_MS, "journey-actors-progress-fr", "Appliqué").await;
    app.screenshot("journey-actors-report-fr").await;
    assert_eq!(
        register_rows(&app, "actors", "actor-row", "Imprimerie des Quais").await,
        1
    );
    let city = |records: &[Value], r: &str| {
        let found = records.iter().find(|a| a["ref"] == r).expect(r);
        found["city"].clone()
    };
    let after = ws.records("Actors").await;
    assert_eq!(city(&after, &text(vendors[0], "ref")), "Lyon");
    assert_eq!(city(&after, "FRN-90001"), "Nantes");

    undo_from_report(&app, "Annulé").await;
    assert_eq!(
        register_rows(&app, "actors", "actor-row", "Imprimerie des Quais").await,
        0
    );
    assert_eq!(
        ws.records("Actors").await,
        before,
        "every actor is back as it was"
    );

    app.finish().await;
}
