//! Sources planned row by row (`open_source`, then `plan_source`): an NDJSON export with
//! every class, whose profile asks to archive missing assets (which Dastra cannot do: the plan
//! says so), and a REST API that answers 401 without the credential the vault holds, with a
//! bearer token, an API key header and a password, against a local HTTP server.

use std::path::Path;

use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use passerelle_imports::{
    apply_plan, fetch_records, open_source, plan_source, Journal, MissingAction, PlanWarning,
    RowClass, RowOutcome, SourceError, SourceSpec,
};
use passerelle_mapping::{Entity, NoLookups};
use passerelle_vault::settings::{RestAuth, RestSettings};
use passerelle_vault::{JsonFileStore, KeyringStore, ProfileDraft, Secret, Settings, Vault};
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use crate::sources::class_name;
use crate::{applications_profile, post_asset, serve, small_sandbox};

/// The source rows of a plan as (row, class).
fn classes(plan: &passerelle_imports::Plan) -> Vec<(u64, &'static str)> {
    plan.rows
        .iter()
        .filter_map(|r| Some((r.source_row?, class_name(&r.class))))
        .collect()
}

#[tokio::test]
async fn an_ndjson_export_is_planned_row_by_row_with_exact_classes_and_the_archive_warning() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let app = "cmdb_ci_business_app";
    let lines = [
        json!({ "u_number": "APP-N-001", "name": "Paie", "sys_class_name": app }).to_string(),
        String::new(),
        json!({ "u_number": " app-n-003 ", "name": "Messagerie", "sys_class_name": app })
            .to_string(),
        json!({ "u_number": "APP-N-004", "name": " Intranet ", "sys_class_name": app }).to_string(),
        json!({ "u_number": "APP-N-005", "sys_class_name": app }).to_string(),
        json!({ "u_number": "app-n-001", "name": "Paie bis", "sys_class_name": app }).to_string(),
        json!({ "u_number": "APP-N-007", "name": "GED", "sys_class_name": app,
                "owner": { "name": "Claire Martin" } })
        .to_string(),
    ];
    let path = dir.path().join("export.ndjson");
    std::fs::write(&path, lines.join("\n")).expect("the export written");

    let (_sandbox, client) = small_sandbox(3).await;
    let seeded = fetch_records(&client, Entity::Asset, 500)
        .await
        .expect("listed");
    let seeded_with_key = seeded
        .iter()
        .filter(|r| r["ref"].as_str().is_some_and(|k| !k.trim().is_empty()))
        .count() as u64;
    post_asset(
        &client,
        json!({ "ref": "APP-N-003", "label": "Messagerie", "type": "Software" }),
    )
    .await;
    post_asset(
        &client,
        json!({ "ref": "APP-N-004", "label": "Intranet (ancien)", "type": "Software" }),
    )
    .await;

    let profile = applications_profile(json!({ "name": "cmdb", "kind": "json" }), "archive");
    let spec = SourceSpec::from_profile(&profile.source, Some(&path)).expect("a spec");
    let source = open_source(&spec, None).await.expect("the export opens");
    assert_eq!(
        source.headers(),
        ["u_number", "name", "sys_class_name", "owner.name"],
        "every field path of every record, known before any row is planned"
    );
    assert_eq!(source.read_as().to_string(), "NDJSON");
    source
        .check_profile(&profile)
        .expect("every column is there");
    let plan = plan_source(&client, &profile, source, &NoLookups, &Default::default())
        .await
        .expect("planned");

    assert_eq!(
        classes(&plan),
        [
            (1, "conflict"),
            (3, "unchanged"),
            (4, "update"),
            (5, "invalid"),
            (6, "conflict"),
            (7, "create"),
        ],
        "rows numbered by their line, the blank line skipped"
    );
    let update = &plan.rows[2];
    assert_eq!(
        update.class,
        RowClass::Update {
            changes: vec![passerelle_imports::FieldChange {
                field: "label".into(),
                before: json!("Intranet (ancien)"),
                after: json!("Intranet"),
            }]
        }
    );
    assert_eq!(
        Value::Object(plan.rows[5].values.clone()),
        json!({ "ref": "APP-N-007", "label": "GED", "type": "Software" })
    );
    let missing: Vec<&MissingAction> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.class {
            RowClass::Missing { action } => Some(action),
            _ => None,
        })
        .collect();
    assert_eq!(missing.len() as u64, seeded_with_key);
    assert!(
        missing.iter().all(|a| **a
            == MissingAction::Unsupported {
                policy: "archive".into()
            }),
        "no missing asset is promised an archive: {missing:?}"
    );
    assert_eq!(
        plan.warnings,
        [PlanWarning::MissingPolicyUnsupported {
            policy: "archive".into(),
            entity: Entity::Asset,
            missing: seeded_with_key,
        }]
    );
    assert_eq!(
        plan.warnings[0].message(),
        format!(
            "the profile asks to archive the records missing from the source, and Dastra \
             archives contracts only: the {seeded_with_key} asset record(s) missing from the \
             source will be left as they are; choose « tag » to mark them for review, or deal \
             with them in Dastra"
        )
    );
    let s = plan.summary;
    assert_eq!(
        (
            s.create,
            s.update,
            s.unchanged,
            s.conflict,
            s.invalid,
            s.missing
        ),
        (1, 1, 1, 2, 1, seeded_with_key)
    );

    let journal = Journal::open(dir.path().join("journal.jsonl")).expect("a journal");
    let report = apply_plan(&client, &plan, &journal, &mut (), &CancellationToken::new())
        .await
        .expect("applied");
    let count = |f: fn(&RowOutcome) -> bool| report.count(f) as u64;
    assert_eq!(count(|o| matches!(o, RowOutcome::Created { .. })), 1);
    assert_eq!(count(|o| matches!(o, RowOutcome::Updated { .. })), 1);
    assert_eq!(
        count(|o| matches!(o, RowOutcome::Unsupported { .. })),
        seeded_with_key
    );
    assert_eq!(count(|o| matches!(o, RowOutcome::Archived { .. })), 0);
    let after = fetch_records(&client, Entity::Asset, 500)
        .await
        .expect("listed");
    assert_eq!(
        after.len(),
        seeded.len() + 3,
        "nothing was archived: every seeded asset is still listed"
    );
}

/// The user and secrets the API wants, per authentication kind.
const TOKEN: &str = "jeton-du-catalogue-7f3a";
const API_KEY: &str = "cle-du-catalogue-91c2";
const PASSWORD: &str = "mot-de-passe-4d8e";
/// `Basic` of `catalogue:mot-de-passe-4d8e`.
const BASIC: &str = "Basic Y2F0YWxvZ3VlOm1vdC1kZS1wYXNzZS00ZDhl";

/// An API listing three applications to whoever sends one of the credentials above, and
/// answering 401 to anyone else.
async fn start_locked_api() -> String {
    async fn list(headers: HeaderMap) -> Result<Json<Value>, StatusCode> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let bearer = format!("Bearer {TOKEN}");
        let allowed = header("authorization") == Some(bearer.as_str())
            || header("authorization") == Some(BASIC)
            || header("x-api-key") == Some(API_KEY);
        if !allowed {
            return Err(StatusCode::UNAUTHORIZED);
        }
        let app = |n: u32, name: &str| {
            json!({ "number": format!("APP-R-{n:03}"), "name": name,
                    "class": "cmdb_ci_business_app" })
        };
        Ok(Json(json!({
            "items": [app(1, "Paie"), app(2, "CRM"), app(3, "GED")]
        })))
    }
    serve(Router::new().route("/api/apps", get(list))).await
}

const RECIPE: &str = r#"{
  "name": "Catalogue protégé",
  "description": "The applications of a catalogue that wants credentials.",
  "requests": [
    {
      "searchBy": "any",
      "method": "GET",
      "path": "/apps",
      "records": "items",
      "id": "number",
      "fields": { "u_number": "number", "name": "name", "sys_class_name": "class" }
    }
  ]
}"#;

/// A vault in `dir` with the connection `name` to `url`, its secret in the OS keyring; the
/// connection is remembered in `made`, to be removed (with its secret) at the end.
fn vault_with(
    dir: &Path,
    name: &str,
    url: &str,
    auth: RestAuth,
    secret: Option<&str>,
    made: &mut Vec<(Vault, passerelle_vault::ProfileId)>,
) -> Vault {
    let vault = Vault::new(
        JsonFileStore::new(dir.join("connections.json")),
        KeyringStore::new(),
    );
    let settings = Settings::RestApi(RestSettings {
        base_url: format!("{url}/api"),
        auth,
        headers: Default::default(),
        probe: Default::default(),
    });
    let profile = vault
        .create(
            ProfileDraft::new(name, settings),
            secret.map(|s| Secret::new(s.to_owned())),
        )
        .expect("the connection is saved");
    let again = Vault::new(
        JsonFileStore::new(dir.join("connections.json")),
        KeyringStore::new(),
    );
    made.push((again, profile.id));
    vault
}

#[tokio::test]
async fn a_rest_source_behind_authentication_is_planned_with_the_vault_s_secret() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let url = start_locked_api().await;
    let recipe = dir.path().join("catalogue.json");
    std::fs::write(&recipe, RECIPE).expect("the recipe written");
    let (_sandbox, client) = small_sandbox(2).await;
    post_asset(
        &client,
        json!({ "ref": "APP-R-002", "label": "CRM (ancien)", "type": "Software" }),
    )
    .await;
    let source = |name: &str| {
        json!({ "name": "catalogue", "kind": "rest", "connection": name,
                "recipe": recipe.to_str().expect("a UTF-8 path") })
    };
    let header = || RestAuth::ApiKeyHeader {
        header: "X-Api-Key".into(),
    };
    let basic = || RestAuth::Basic {
        user: "catalogue".into(),
    };
    let kinds: [(&str, RestAuth, &str); 3] = [
        ("bearer", RestAuth::Bearer, TOKEN),
        ("api-key", header(), API_KEY),
        ("basic", basic(), PASSWORD),
    ];
    let mut made = Vec::new();
    for (name, auth, secret) in kinds {
        let folder = dir.path().join(name);
        std::fs::create_dir_all(&folder).expect("a folder");
        let vault = vault_with(&folder, name, &url, auth.clone(), Some(secret), &mut made);
        let profile = applications_profile(source(name), "ignore");
        let spec = SourceSpec::from_profile(&profile.source, None).expect("a spec");
        let opened = open_source(&spec, Some(&vault))
            .await
            .unwrap_or_else(|e| panic!("{name}: the API lets the credential in: {e}"));
        assert_eq!(opened.headers(), ["u_number", "name", "sys_class_name"]);
        opened
            .check_profile(&profile)
            .expect("every column is there");
        let plan = plan_source(&client, &profile, opened, &NoLookups, &Default::default())
            .await
            .expect("planned");
        assert_eq!(
            classes(&plan),
            [(1, "create"), (2, "update"), (3, "create")],
            "{name}"
        );
        assert_eq!(
            plan.rows[1].class,
            RowClass::Update {
                changes: vec![passerelle_imports::FieldChange {
                    field: "label".into(),
                    before: json!("CRM (ancien)"),
                    after: json!("CRM"),
                }]
            },
            "{name}"
        );
        assert!(plan.warnings.is_empty(), "{:?}", plan.warnings);

        // The same connection with a wrong secret: the API's 401, said plainly.
        let wrong = dir.path().join(format!("{name}-wrong"));
        std::fs::create_dir_all(&wrong).expect("a folder");
        let vault = vault_with(
            &wrong,
            name,
            &url,
            auth,
            Some("pas-le-bon-secret"),
            &mut made,
        );
        let error = open_source(&spec, Some(&vault))
            .await
            .expect_err("a wrong secret is refused");
        assert!(matches!(error, SourceError::Remote(_)), "{name}: {error:?}");
        let text = error.to_string();
        assert!(
            text.starts_with("The API refused the credentials at ")
                && text.contains(
                    "(HTTP 401). Check the connection's secret and authentication \
                                  type."
                ),
            "{name}: {text}"
        );
        assert!(!text.contains("pas-le-bon-secret"), "{text}");
    }

    // No secret stored at all: refused before any request, saying what to enter.
    let vault = vault_with(dir.path(), "bare", &url, RestAuth::Bearer, None, &mut made);
    let spec =
        SourceSpec::from_profile(&applications_profile(source("bare"), "ignore").source, None)
            .expect("a spec");
    let error = open_source(&spec, Some(&vault))
        .await
        .expect_err("no secret");
    assert_eq!(
        error.to_string(),
        "No token is stored for this connection. Enter it, then test again."
    );
    for (vault, id) in made {
        vault
            .remove(&id)
            .expect("the test's secrets leave the keyring");
    }
}
