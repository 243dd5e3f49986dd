//! The connection commands against real parts: the vault's temp file, the OS keyring, the
//! local PostgreSQL and MariaDB, temp folders and the embedded sandbox over HTTP.
//!
//! Tests that store a secret need the keyring (run under `scripts/test.sh`); tests that reach
//! PostgreSQL or MariaDB need them on 127.0.0.1. Either missing skips the test with a message,
//! or fails it when `PASSERELLE_REQUIRE_SERVICES=1`.

use std::sync::Arc;
use std::time::Duration;

use passerelle_ipc::*;
use passerelle_vault::settings::{
    DastraAuth, DastraSettings, FolderSettings, MySqlSettings, PostgresSettings, SslMode,
};
use passerelle_vault::Settings as ConnectionSettings;

use super::{api_in, api_on_fresh_sandbox, inbox, MemoryStore, Recorder};

/// The embedded sandbox's API key (its default options).
const SANDBOX_KEY: &str = "sandbox-secret";

fn services_required() -> bool {
    std::env::var("PASSERELLE_REQUIRE_SERVICES").is_ok_and(|v| v == "1")
}

/// Whether the OS keyring can be used here; fails when services are required.
fn keyring_usable() -> bool {
    let reason =
        if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
            Some("DBUS_SESSION_BUS_ADDRESS is not set".to_owned())
        } else {
            passerelle_vault::KeyringStore::new()
                .with_timeout(Duration::from_secs(5))
                .probe()
                .err()
                .map(|e| e.to_string())
        };
    match reason {
        None => true,
        Some(reason) => {
            assert!(
                !services_required(),
                "PASSERELLE_REQUIRE_SERVICES=1 but the OS keyring is unusable: {reason}"
            );
            eprintln!("SKIPPED: no usable OS keyring ({reason})");
            false
        }
    }
}

/// Whether a test report says the server is not there; fails when services are required.
fn server_missing(report: &TestReport, name: &str) -> bool {
    let missing = report
        .failure()
        .is_some_and(|f| matches!(f.code, passerelle_connectors::FailureCode::Unreachable));
    if missing {
        assert!(
            !services_required(),
            "PASSERELLE_REQUIRE_SERVICES=1 but {name} is not reachable: {report:?}"
        );
        eprintln!("SKIPPED: {name} is not reachable");
    }
    missing
}

fn postgres() -> ConnectionSettings {
    ConnectionSettings::Postgres(PostgresSettings {
        host: "127.0.0.1".into(),
        port: 5432,
        database: "test".into(),
        user: "postgres".into(),
        ssl_mode: SslMode::Disable,
        schemas: vec![],
    })
}

fn mariadb() -> ConnectionSettings {
    ConnectionSettings::MySql(MySqlSettings {
        host: "127.0.0.1".into(),
        port: 3306,
        database: "test".into(),
        user: "root".into(),
    })
}

fn save(name: &str, settings: ConnectionSettings, secret: Option<&str>) -> ConnectionSaveRequest {
    ConnectionSaveRequest {
        id: None,
        name: name.into(),
        settings,
        secret: secret.map(SecretInput::new),
    }
}

fn id(id: &str) -> ConnectionIdRequest {
    ConnectionIdRequest { id: id.into() }
}

/// A Dastra workspace connection to the embedded sandbox's second workspace.
fn second_sandbox_workspace(api_info: &AppInfo) -> ConnectionSettings {
    ConnectionSettings::DastraWorkspace(DastraSettings {
        base_url: api_info.workspace.base_url.clone(),
        auth: DastraAuth::ApiKey,
        workspace_id: i64::from(passerelle_sandbox::HEALTH_WORKSPACE),
        workspace_label: None,
    })
}

#[tokio::test]
async fn the_sandbox_is_listed_first_built_in_and_current() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .expect("list");
    let sandbox = &list.items[0];
    assert_eq!(sandbox.id, "sandbox");
    assert!(sandbox.builtin && sandbox.current, "{sandbox:?}");
    assert_eq!(
        sandbox.secret_status,
        passerelle_vault::SecretStatus::NotNeeded
    );

    let report = api.connections_test(id("sandbox")).await.expect("test");
    let found = report.found().expect("the sandbox answers");
    let passerelle_connectors::Found::Dastra(d) = found else {
        panic!("a Dastra report: {found:?}")
    };
    assert_eq!(d.workspace_id, 1, "the main sandbox workspace");
    assert!(d.workspaces.len() >= 2, "both seeded workspaces: {d:?}");

    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .unwrap();
    let last = list.items[0]
        .last_test
        .as_ref()
        .expect("the last test is kept");
    assert!(last.ok, "{last:?}");
}

#[tokio::test]
async fn invalid_settings_are_refused_field_by_field() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let bad = ConnectionSettings::Postgres(PostgresSettings {
        host: " ".into(),
        port: 0,
        database: "".into(),
        user: "dpo".into(),
        ssl_mode: SslMode::Prefer,
        schemas: vec![],
    });
    let err = api
        .connections_save(save("", bad.clone(), None))
        .await
        .expect_err("nothing to save");
    assert_eq!(err.code, ErrorCode::Invalid);
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    for expected in [
        "name",
        "settings.host",
        "settings.port",
        "settings.database",
    ] {
        assert!(fields.contains(&expected), "{expected} in {fields:?}");
    }
    assert!(
        err.fields.iter().all(|f| !f.fix.is_empty()),
        "each says how to fix it"
    );

    let err = api
        .connections_test_draft(ConnectionDraftTestRequest {
            id: None,
            settings: bad,
            secret: None,
        })
        .await
        .expect_err("a draft with holes is not tested");
    assert!(!err.fields.is_empty(), "{err:?}");

    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1, "nothing was saved");
}

#[tokio::test]
async fn a_postgres_connection_is_saved_tested_and_lists_its_tables() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let saved = api
        .connections_save(save("Clients (PostgreSQL)", postgres(), None))
        .await
        .expect("saved without a password: trust authentication");
    assert!(!saved.builtin && !saved.current);
    assert_eq!(saved.secret_status, passerelle_vault::SecretStatus::NotSet);

    let report = api.connections_test(id(&saved.id)).await.expect("test");
    if server_missing(&report, "PostgreSQL") {
        return;
    }
    let Some(passerelle_connectors::Found::Sql(sql)) = report.found() else {
        panic!("a SQL report: {report:?}")
    };
    assert_eq!(sql.engine, "PostgreSQL");
    assert!(sql.read_only, "opened read-only: {sql:?}");
    assert!(!sql.server_version.is_empty());

    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .unwrap();
    let view = list
        .items
        .iter()
        .find(|c| c.id == saved.id)
        .expect("listed");
    let last = view.last_test.as_ref().expect("tested");
    assert!(last.ok && last.summary.contains("PostgreSQL"), "{last:?}");

    // Changing the settings forgets the old result.
    let mut change = save("Clients (PostgreSQL)", postgres(), None);
    change.id = Some(saved.id.clone());
    let changed = api.connections_save(change).await.expect("updated");
    assert!(
        changed.last_test.is_none(),
        "an old test says nothing about new settings"
    );

    let rest = api
        .connections_delete(id(&saved.id))
        .await
        .expect("deleted");
    assert!(rest.items.iter().all(|c| c.id != saved.id));
}

#[tokio::test]
async fn a_wrong_mariadb_password_is_classified_and_never_shown() {
    if !keyring_usable() {
        return;
    }
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let secret = format!("wrong-{}", uuid::Uuid::new_v4().simple());
    let saved = api
        .connections_save(save("Boutique (MariaDB)", mariadb(), Some(&secret)))
        .await
        .expect("saved");
    assert_eq!(saved.secret_status, passerelle_vault::SecretStatus::Stored);

    let report = api.connections_test(id(&saved.id)).await.expect("test");
    if server_missing(&report, "MariaDB") {
        api.connections_delete(id(&saved.id)).await.unwrap();
        return;
    }
    let failure = report
        .failure()
        .expect("root has no password: a wrong one fails");
    assert_eq!(
        failure.code,
        passerelle_connectors::FailureCode::WrongCredentials,
        "{failure:?}"
    );
    assert!(
        failure.message.to_lowercase().contains("password"),
        "{failure:?}"
    );

    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .unwrap();
    let view = list.items.iter().find(|c| c.id == saved.id).unwrap();
    let last = view.last_test.as_ref().expect("kept");
    assert!(!last.ok);
    assert_eq!(
        last.code,
        Some(passerelle_connectors::FailureCode::WrongCredentials)
    );

    let everything = serde_json::to_string(&(&list, &report, &saved)).unwrap();
    assert!(
        !everything.contains(&secret),
        "no response carries the secret"
    );
    assert!(
        !format!("{:?}", save("x", mariadb(), Some(&secret))).contains(&secret),
        "nor Debug"
    );

    // The right (empty) password: remove the secret and the test passes.
    let view = api
        .connections_secret_delete(id(&saved.id))
        .await
        .expect("secret removed");
    assert_eq!(view.secret_status, passerelle_vault::SecretStatus::NotSet);
    let report = api.connections_test(id(&saved.id)).await.unwrap();
    assert!(report.is_ok(), "{report:?}");
    api.connections_delete(id(&saved.id)).await.unwrap();
}

#[tokio::test]
async fn a_folder_draft_is_tested_before_it_is_saved() {
    let (api, _, dir) = api_on_fresh_sandbox().await;
    let folder = dir.path().join("partage");
    std::fs::create_dir_all(folder.join("rh")).unwrap();
    std::fs::write(folder.join("rh").join("contrat.pdf"), b"%PDF-1.4 test").unwrap();
    std::fs::write(folder.join("notes.txt"), b"bonjour").unwrap();
    let report = api
        .connections_test_draft(ConnectionDraftTestRequest {
            id: None,
            settings: ConnectionSettings::Folder(FolderSettings {
                path: folder.clone(),
                include: vec!["**/*.pdf".into()],
                exclude: vec![],
            }),
            secret: None,
        })
        .await
        .expect("tested");
    let Some(passerelle_connectors::Found::Folder(found)) = report.found() else {
        panic!("a folder report: {report:?}")
    };
    assert_eq!(found.files, 1, "only the PDF is included: {found:?}");
    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .unwrap();
    assert_eq!(list.items.len(), 1, "a draft test saves nothing");
}

#[tokio::test]
async fn a_key_lists_its_workspaces_and_a_wrong_key_says_so() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let info = api.app_info(AppInfoRequest {}).await.unwrap();
    let ConnectionSettings::DastraWorkspace(settings) = second_sandbox_workspace(&info) else {
        unreachable!()
    };
    let found = api
        .dastra_workspaces(DastraWorkspacesRequest {
            id: None,
            settings: settings.clone(),
            secret: Some(SecretInput::new(SANDBOX_KEY)),
        })
        .await
        .expect("the sandbox key lists workspaces");
    let labels: Vec<&str> = found.items.iter().map(|w| w.label.as_str()).collect();
    assert!(labels.contains(&"Ormeaux Santé"), "{labels:?}");

    let err = api
        .dastra_workspaces(DastraWorkspacesRequest {
            id: None,
            settings: settings.clone(),
            secret: Some(SecretInput::new("not-the-key")),
        })
        .await
        .expect_err("a wrong key");
    assert_eq!(err.code, ErrorCode::Unauthorized, "{err:?}");
    assert!(!err.message.contains("not-the-key"), "{err:?}");

    let err = api
        .dastra_workspaces(DastraWorkspacesRequest {
            id: None,
            settings,
            secret: None,
        })
        .await
        .expect_err("no key at all");
    assert_eq!(err.fields[0].field, "secret", "{err:?}");
}

#[tokio::test]
async fn switching_workspace_changes_every_list_and_survives_a_restart() {
    if !keyring_usable() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(MemoryStore::default());
    let events = Arc::new(Recorder::default());
    let api = api_in(dir.path(), store.clone(), events.clone()).await;
    let info = api.app_info(AppInfoRequest {}).await.unwrap();
    let main_inbox = api.dsar_list(inbox("")).await.unwrap().total;

    let saved = api
        .connections_save(save(
            "Ormeaux Santé",
            second_sandbox_workspace(&info),
            Some(SANDBOX_KEY),
        ))
        .await
        .expect("saved");
    let info = api.workspace_switch(id(&saved.id)).await.expect("switched");
    assert_eq!(info.workspace.label, "Ormeaux Santé");
    assert_eq!(info.workspace.connection_id, saved.id);
    assert!(!info.workspace.is_sandbox, "a configured workspace");
    let health_inbox = api.dsar_list(inbox("")).await.unwrap().total;
    assert!(
        health_inbox > 0 && health_inbox < main_inbox,
        "{health_inbox} vs {main_inbox}"
    );
    assert_eq!(
        events
            .0
            .lock()
            .unwrap()
            .last()
            .map(|e| e.workspace.label.clone()),
        Some("Ormeaux Santé".into()),
        "the window is told"
    );
    let list = api
        .connections_list(ConnectionsListRequest {})
        .await
        .unwrap();
    assert!(
        list.items
            .iter()
            .find(|c| c.id == saved.id)
            .unwrap()
            .current
    );

    // The next start opens it again (the first app still serves its sandbox).
    let again = api_in(dir.path(), store.clone(), Arc::new(Recorder::default())).await;
    again.restore_workspace().await.expect("restored");
    let info = again.app_info(AppInfoRequest {}).await.unwrap();
    assert_eq!(info.workspace.connection_id, saved.id);
    assert_eq!(
        again.dsar_list(inbox("")).await.unwrap().total,
        health_inbox
    );

    // A non-Dastra connection cannot become the workspace.
    let pg = api
        .connections_save(save("PG", postgres(), None))
        .await
        .unwrap();
    let err = api
        .workspace_switch(id(&pg.id))
        .await
        .expect_err("not a workspace");
    assert_eq!(err.code, ErrorCode::Invalid);

    // Deleting the current workspace goes back to the sandbox.
    api.connections_delete(id(&saved.id))
        .await
        .expect("deleted");
    let info = api.app_info(AppInfoRequest {}).await.unwrap();
    assert!(info.workspace.is_sandbox, "{info:?}");
    assert_eq!(api.dsar_list(inbox("")).await.unwrap().total, main_inbox);
    api.connections_delete(id(&pg.id)).await.unwrap();
}

#[tokio::test]
async fn export_and_import_carry_settings_but_no_secret() {
    if !keyring_usable() {
        return;
    }
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let secret = format!("s3cret-{}", uuid::Uuid::new_v4().simple());
    let saved = api
        .connections_save(save("Boutique", mariadb(), Some(&secret)))
        .await
        .unwrap();
    let export = api
        .connections_export(ConnectionsExportRequest { ids: vec![] })
        .await
        .expect("exported");
    assert_eq!(export.count, 1, "the sandbox is not exported");
    assert!(!export.json.contains(&secret), "no secret in the export");
    assert!(export.json.contains("Boutique"));

    let imported = api
        .connections_import(ConnectionsImportRequest {
            json: export.json.clone(),
        })
        .await
        .expect("imported");
    assert_eq!(imported.imported.len(), 1);
    let copy = &imported.imported[0];
    assert_ne!(copy.id, saved.id, "a new id");
    assert_eq!(copy.name, "Boutique");
    assert_ne!(
        copy.secret_status,
        passerelle_vault::SecretStatus::Stored,
        "its secret must be entered again"
    );

    let err = api
        .connections_import(ConnectionsImportRequest {
            json: "{\"not\": \"an export\"}".into(),
        })
        .await
        .expect_err("not an export");
    assert_eq!(err.code, ErrorCode::Invalid, "{err:?}");

    for c in [&saved.id, &copy.id] {
        api.connections_delete(id(c)).await.unwrap();
    }
}
