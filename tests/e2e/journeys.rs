//! Whole imports as a DPO makes them in the window, from the mapping studio to the undo: a
//! ServiceNow export onto assets (in French), a contracts workbook onto contracts (in English)
//! and a purchasing department's vendor list, saved from LibreOffice, onto actors. Each source
//! is mapped in the studio (suggestions accepted, a value paired by hand), handed to the Imports
//! screen with "plan this import", planned, a conflict resolved, applied with its progress in
//! sight, checked in the app's register and in the sandbox over HTTP, undone, and checked
//! restored in both.
//!
//! The contracts workbook names each contract's vendor, mapped onto its signatories through a
//! look-up of Dastra's actors (a step added on the canvas): the studio's preview and the plan
//! resolve the names to actor ids, which the sandbox is checked to hold.
//!
//! The screenshots of the canvas, preview, plan, progress, report and history are taken in
//! both languages, at the window's 1280×800.

use serde_json::Value;

use crate::driver::{App, Lang};
use crate::imports::{
    apply, plan_counts, register_rows, take_source, text, undo_from_history, undo_from_report,
    Counts,
};
use crate::mapping::{
    accept_suggestions, add_step, assert_all_valid, cell_after, open_in_studio, pair_refused_value,
    photograph_studio, plan_from_studio, refused_cell, servicenow, servicenow_record, set_constant,
    write_servicenow, Source, STATES, SUGGESTED,
};
use crate::sheets::{write_opendocument, write_workbook, Cell};
use crate::workspace::Workspace;

/// Milliseconds the sandbox waits before each request while an import is applied, so that
/// its progress is on screen for a few seconds.
const SLOW_MS: u64 = 400;

/// An id as the preview writes it (a number as is, text without quotes).
fn id_text(id: &Value) -> String {
    id.as_str().map_or_else(|| id.to_string(), str::to_owned)
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

/// Plan the studio's import, check its classes and photograph it (`journey-plan-{lang}`),
/// then take the source's side of the second duplicate in the source, whose row must hold
/// `taken` (photographed as `journey-conflict-{lang}`); the conflicts filter is left off.
async fn plan_and_take_second(app: &App, expected: Counts, lang: &str, taken: &str) {
    plan_from_studio(app).await;
    assert_eq!(plan_counts(app).await, expected, "the plan's classes");
    app.screenshot(&format!("journey-plan-{lang}")).await;
    let row = take_source(app, 1).await;
    assert!(row.contains(taken), "the second duplicate is taken: {row}");
    app.screenshot(&format!("journey-conflict-{lang}")).await;
    app.click("[data-testid=filter-conflict]").await;
}

/// Apply with its progress photographed (`{name}-progress-{lang}`) until the import reads
/// `applied`, check the report's count of each outcome of `outcomes`, and photograph the
/// report (`{name}-report-{lang}`).
async fn apply_and_report(
    app: &App,
    ws: &Workspace,
    (name, lang): (&str, &str),
    applied: &str,
    outcomes: &[(&str, u64)],
) {
    let progress = format!("{name}-progress-{lang}");
    apply(app, ws, SLOW_MS, &progress, applied).await;
    for (outcome, n) in outcomes {
        let css = format!("[data-testid=outcome-count-{outcome}]");
        assert_eq!(app.number_in(&css).await, *n, "{outcome}");
    }
    app.screenshot(&format!("{name}-report-{lang}")).await;
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
    pair_refused_value(&app, 3, "applicationState", "Pilote", "InDevelopment").await;
    assert_all_valid(&app, "16 valides").await;
    photograph_studio(&app, "journey-canvas-fr", "journey-preview-fr").await;

    // The plan, handed over from the studio.
    let expected = Counts {
        create: 12,
        update: 2,
        unchanged: 0,
        conflict: 2,
        invalid: 0,
        missing: keyed(&before) - 3,
    };
    plan_and_take_second(&app, expected, "fr", "Doublon B retenu").await;

    // Apply, watching the progress; then the report.
    let outcomes = [("created", 12), ("updated", 3)];
    apply_and_report(&app, &ws, ("journey", "fr"), "Appliqué", &outcomes).await;

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
const CONTRACT_HEADER: [&str; 8] = [
    "Contract number",
    "Title",
    "Type",
    "Status",
    "Start date",
    "Annual amount",
    "Currency",
    "Vendor",
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
/// cells are empty), a new one has them; each names its vendor (an actor's company name).
fn contract_row(
    (reference, title, kind): (&str, &str, &str),
    extra: Option<(&str, f64)>,
    vendor: &str,
) -> Vec<Cell> {
    let mut row: Vec<Cell> = vec![reference.into(), title.into(), kind.into(), "Active".into()];
    match extra {
        Some((start, amount)) => {
            row.extend([start.into(), Cell::Number(amount), "EUR".into()]);
        }
        None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
    }
    row.push(vendor.into());
    row
}

/// Actors whose company name no other actor shares (case aside), so that a look-up by that
/// name finds one record: `(id, company name)`.
fn unique_vendors(actors: &[Value]) -> Vec<(Value, String)> {
    let name = |a: &Value| a["companyName"].as_str().map(str::to_lowercase);
    actors
        .iter()
        .filter(|a| name(a).is_some_and(|n| !n.trim().is_empty()))
        .filter(|a| actors.iter().filter(|b| name(b) == name(a)).count() == 1)
        .map(|a| (a["id"].clone(), text(a, "companyName")))
        .collect()
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
    let vendors = unique_vendors(&ws.records("Actors").await);
    let vendor_of = |c: &Value| match c["signatories"].as_array().map(Vec::as_slice) {
        Some([one]) => vendors
            .iter()
            .find(|(id, _)| id == one)
            .map(|(_, n)| n.clone()),
        _ => None,
    };
    // Active contracts signed by one vendor a look-up finds by its name.
    let active: Vec<&Value> = before
        .iter()
        .filter(|c| c["state"] == "Active" && c["ref"].is_string() && vendor_of(c).is_some())
        .take(3)
        .collect();
    assert_eq!(
        active.len(),
        3,
        "the seed has active contracts with one vendor"
    );
    let (c0, c1, c2) = (active[0], active[1], active[2]);
    let kind = |c: &Value| contract_type(c["contractType"].as_str().unwrap_or_default());
    let vendor = |c: &Value| vendor_of(c).expect("its vendor");
    // The first contract changes vendor; the new ones are signed by another vendor.
    let (new_id, new_vendor) = vendors
        .iter()
        .find(|(_, n)| ![c0, c1, c2].iter().any(|c| vendor(c) == *n))
        .cloned()
        .expect("a vendor signing none of them");

    let mut rows = vec![CONTRACT_HEADER.iter().map(|h| Cell::from(*h)).collect()];
    let (r0, r1, r2) = (text(c0, "ref"), text(c1, "ref"), text(c2, "ref"));
    let label2 = text(c2, "label");
    for (row, vendor) in [
        (
            (r0.as_str(), "Payroll software maintenance 2027", kind(c0)),
            new_vendor.clone(),
        ),
        (
            (r1.as_str(), "CRM hosting (first draft)", kind(c1)),
            vendor(c1),
        ),
        (
            (r1.as_str(), "CRM hosting, renegotiated", kind(c1)),
            vendor(c1),
        ),
        ((r2.as_str(), label2.as_str(), kind(c2)), vendor(c2)),
    ] {
        rows.push(contract_row(row, None, &vendor));
    }
    let new = [
        (
            ("CTR-2027-901", "Cloud backup service", "Service agreement"),
            ("01/02/2027", 18000.0),
        ),
        (
            (
                "CTR-2027-902",
                "Travel booking DPA",
                "Data processing agreement",
            ),
            ("15/03/2027", 0.0),
        ),
        (
            ("CTR-2027-903", "Regional partnership", "Partnership"),
            ("01/04/2027", 4500.5),
        ),
        (
            ("CTR-2027-904", "E-signature licence", "Licence"),
            ("30/06/2027", 7200.0),
        ),
    ];
    for (row, extra) in new {
        rows.push(contract_row(row, Some(extra), &new_vendor.to_uppercase()));
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
    assert!(
        summary.contains("8 records") && summary.contains("(XLSX, sheet “Contracts”)"),
        "the studio says in English how it read the workbook: {summary:?}"
    );
    let fields = [
        "ref",
        "label",
        "contractType",
        "state",
        "startDate",
        "amount",
        "currency",
        "signatories",
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
    pair_refused_value(&app, 6, "contractType", "Partnership", "Other").await;
    // The vendor is a name, not an actor's id: the cell says so until a look-up of Dastra's
    // actors (upper case in the new rows) resolves it.
    let name = refused_cell(&app, 4, "signatories").await;
    assert!(
        name.contains("is a name, not the id of an actor"),
        "the cell says how to fix it: {name}"
    );
    add_step(&app, "signatories", "lookup").await;
    app.select_option("[data-testid=lookup-kind]", "actor")
        .await;
    // The step starts as a look-up of tags: wait for the actor, named as Dastra spells it,
    // with the id Dastra receives behind it.
    let id = id_text(&new_id);
    let cell = "[data-testid=cell-4-signatories]";
    app.poll_text(cell, &new_vendor, std::time::Duration::from_secs(20))
        .await;
    let behind = app
        .js("return document.querySelector('[data-testid=cell-label-4-signatories]')?.title")
        .await;
    assert_eq!(
        behind.as_str(),
        Some(id.as_str()),
        "the actor's id on hover"
    );
    assert_all_valid(&app, "8 valid").await;
    photograph_studio(&app, "journey-canvas-en", "journey-preview-en").await;

    let expected = Counts {
        create: 4,
        update: 1,
        unchanged: 1,
        conflict: 2,
        invalid: 0,
        missing: keyed(&before) - 3,
    };
    plan_and_take_second(&app, expected, "en", "renegotiated").await;
    let outcomes = [("created", 4), ("updated", 2)];
    apply_and_report(&app, &ws, ("journey", "en"), "Applied", &outcomes).await;

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
    assert_eq!(
        by_ref(&r0)["signatories"],
        serde_json::json!([new_id]),
        "the first contract's new vendor, looked up by name"
    );
    assert_eq!(by_ref(&r2)["signatories"], c2["signatories"], "unchanged");
    for created in ["CTR-2027-901", "CTR-2027-904"] {
        assert_eq!(
            by_ref(created)["signatories"],
            serde_json::json!([new_id]),
            "{created} is signed by the vendor the workbook names"
        );
    }
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
    // The purchasing department's list, saved from LibreOffice.
    let row = |cells: [&str; 5]| cells.map(Cell::from).into_iter().collect::<Vec<Cell>>();
    let contact = "rgpd@nouveau-contact.example";
    let rows = vec![
        row([
            "Code fournisseur",
            "Raison sociale",
            "Ville",
            "Pays",
            "E-mail",
        ]),
        row([
            &text(vendors[0], "ref"),
            &text(vendors[0], "companyName"),
            "Lyon",
            "FR",
            contact,
        ]),
        row([
            &text(vendors[1], "ref"),
            &text(vendors[1], "companyName"),
            "Lille",
            "FR",
            &text(vendors[1], "email"),
        ]),
        row([
            "FRN-90001",
            "Imprimerie des Quais",
            "Nantes",
            "FR",
            "contact@imprimerie-quais.example",
        ]),
    ];
    let dir = tempfile::tempdir().expect("a temp folder");
    let list = dir.path().join("fournisseurs-achats.ods");
    write_opendocument(&list, "Fournisseurs", &rows);

    let source = Source {
        kind: "xlsx",
        path: &list,
        within: None,
        system: "achats",
        target: "actor",
    };
    open_in_studio(&app, &source).await;
    let summary = app.text("[data-testid=source-summary]").await;
    assert!(
        summary.contains("(ODS, feuille «\u{a0}Fournisseurs\u{a0}»)"),
        "read as an OpenDocument sheet: {summary:?}"
    );
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
    let outcomes = [("created", 1), ("updated", 2)];
    apply_and_report(&app, &ws, ("journey-actors", "fr"), "Appliqué", &outcomes).await;
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
