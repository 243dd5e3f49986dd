//! The command bodies against the real embedded sandbox, over HTTP, without a window.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use passerelle_ipc::*;

/// Settings kept in memory, standing in for tauri-plugin-store.
#[derive(Default)]
struct MemoryStore(Mutex<Settings>);

impl SettingsStore for MemoryStore {
    fn load(&self) -> Settings {
        self.0.lock().unwrap().clone()
    }
    fn save(&self, settings: &Settings) -> Result<(), String> {
        *self.0.lock().unwrap() = settings.clone();
        Ok(())
    }
}

/// Events the `Api` sent, in order: workspace changes, job progress, job ends, upload
/// progress.
#[derive(Default)]
struct Recorder(
    Mutex<Vec<WorkspaceChangedEvent>>,
    Mutex<Vec<JobProgressEvent>>,
    Mutex<Vec<JobFinishedEvent>>,
    Mutex<Vec<AttachProgressEvent>>,
    Mutex<Vec<ImportProgressEvent>>,
    Mutex<Vec<ImportFinishedEvent>>,
);

impl EventSink for Recorder {
    fn workspace_changed(&self, event: WorkspaceChangedEvent) {
        self.0.lock().unwrap().push(event);
    }
    fn job_progress(&self, event: JobProgressEvent) {
        self.1.lock().unwrap().push(event);
    }
    fn job_finished(&self, event: JobFinishedEvent) {
        self.2.lock().unwrap().push(event);
    }
    fn attach_progress(&self, event: AttachProgressEvent) {
        self.3.lock().unwrap().push(event);
    }
    fn import_progress(&self, event: ImportProgressEvent) {
        self.4.lock().unwrap().push(event);
    }
    fn import_finished(&self, event: ImportFinishedEvent) {
        self.5.lock().unwrap().push(event);
    }
}

/// An `Api` over the embedded sandbox, profiles in a temp file and secrets in the real OS
/// keyring (asked only by tests that store a secret).
async fn api_on_fresh_sandbox() -> (Api, Arc<MemoryStore>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(MemoryStore::default());
    let api = api_in(dir.path(), store.clone(), Arc::new(Recorder::default())).await;
    (api, store, dir)
}

/// An `Api` whose state lives in `dir` and `store`, as one app start.
async fn api_in(dir: &std::path::Path, store: Arc<MemoryStore>, events: Arc<Recorder>) -> Api {
    api_and_client_in(dir, store, events).await.0
}

/// [`api_in`], with a client of the same sandbox workspace to look behind the `Api`'s back.
/// Plans, journals and findings are sealed with a key of the OS keyring when it can be used,
/// as in the app.
async fn api_and_client_in(
    dir: &std::path::Path,
    store: Arc<MemoryStore>,
    events: Arc<Recorder>,
) -> (Api, passerelle_dastra::DastraClient) {
    let state: PathBuf = dir.join("sandbox").join("workspace.json");
    let sandbox = WorkspaceTarget::embedded_sandbox(&state)
        .await
        .expect("sandbox starts");
    let client = sandbox.client.clone();
    let vault = passerelle_vault::Vault::new(
        passerelle_vault::JsonFileStore::new(dir.join("connections.json")),
        passerelle_vault::KeyringStore::new(),
    );
    let secrets = passerelle_vault::KeyringStore::new().with_service("passerelle-ipc-tests");
    let key = passerelle_discovery::SealKey::load_or_create(&secrets).ok();
    let findings = match key.clone() {
        Some(key) => Some(
            passerelle_discovery::FindingsStore::open(&dir.join("passerelle.db"), key)
                .await
                .expect("the findings store opens"),
        ),
        // Tests that need findings say so; the others run without a keyring.
        None => None,
    };
    let import_seal = key.map(|key| {
        ImportSeal::open(&dir.join("passerelle.db"), key).expect("the import journal opens")
    });
    let api = Api::new(ApiParts {
        sandbox,
        settings: store,
        vault: Arc::new(vault),
        events,
        system_language: Language::Fr,
        findings,
        audit: Some(
            passerelle_audit::AuditLog::open(&dir.join("passerelle.db"))
                .await
                .expect("the audit log opens"),
        ),
        packages: Some(dir.join("packages")),
        imports: Some(dir.join("imports")),
        import_seal,
        mapping_profiles: Some(dir.join("mapping-profiles")),
        exports: Some(dir.join("Téléchargements")),
    });
    (api, client)
}

/// A connection named `name` saved in `api`'s vault, to the local PostgreSQL `test` database
/// (trust authentication on loopback: no secret).
async fn save_local_postgres(api: &Api, name: &str) -> ConnectionView {
    api.connections_save(ConnectionSaveRequest {
        id: None,
        name: name.into(),
        settings: passerelle_vault::Settings::Postgres(
            passerelle_vault::settings::PostgresSettings {
                host: "127.0.0.1".into(),
                port: 5432,
                database: "test".into(),
                user: "postgres".into(),
                ssl_mode: passerelle_vault::settings::SslMode::Disable,
                schemas: vec![],
            },
        ),
        secret: None,
    })
    .await
    .expect("the connection is saved")
}

/// Run `sql` as the local PostgreSQL's administrator (trust authentication on loopback),
/// stopping at its first error.
fn psql(sql: &str) {
    let status = std::process::Command::new("psql")
        .args(["-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-q"])
        .args(["-v", "ON_ERROR_STOP=1", "-c", sql])
        .status()
        .expect("psql runs");
    assert!(status.success(), "{sql}");
}

mod connections;
mod discovery;
mod import_failures;
mod imports;
mod mapping;
mod refusals;

fn inbox(q: &str) -> DsarListRequest {
    DsarListRequest {
        page: 1,
        size: 100,
        q: q.into(),
        states: vec![],
        purposes: vec![],
        overdue_only: false,
        sort_by: Some("expiryTime".into()),
        asc: true,
    }
}

#[tokio::test]
async fn the_app_opens_on_the_sandbox_workspace() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let info = api.app_info(AppInfoRequest {}).await.expect("app info");
    assert!(
        info.workspace.is_sandbox,
        "the first start is on the sandbox"
    );
    assert!(
        info.workspace.base_url.starts_with("http://127.0.0.1:"),
        "{info:?}"
    );
    assert!(
        !info.workspace.label.is_empty(),
        "the workspace has its seeded name"
    );
    assert_eq!(
        info.language,
        Language::Fr,
        "the OS language is followed by default"
    );
}

#[tokio::test]
async fn the_inbox_lists_the_seeded_requests_and_search_narrows_it() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let all = api.dsar_list(inbox("")).await.expect("inbox");
    assert!(
        (30..=60).contains(&all.total),
        "about 40 seeded requests, got {}",
        all.total
    );
    assert_eq!(all.items.len() as u64, all.total, "one page holds them all");

    let someone = &all.items[0];
    let family = someone
        .requester
        .split(' ')
        .next_back()
        .expect("a requester name")
        .to_string();
    let found = api.dsar_list(inbox(&family)).await.expect("search");
    assert!(
        found.total >= 1 && found.total < all.total,
        "search narrows: {}",
        found.total
    );
    assert!(
        found.items.iter().any(|r| r.id == someone.id),
        "the searched request is found"
    );
}

#[tokio::test]
async fn the_overdue_filter_keeps_only_late_requests() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let all = api.dsar_list(inbox("")).await.expect("inbox");
    let late = api
        .dsar_list(DsarListRequest {
            overdue_only: true,
            ..inbox("")
        })
        .await
        .expect("overdue");
    let expected = all.items.iter().filter(|r| r.overdue).count() as u64;
    assert!(expected > 0, "the seed has overdue requests");
    assert_eq!(
        late.total, expected,
        "the API's overtaking filter agrees with the rows"
    );
    assert!(late.items.iter().all(|r| r.overdue), "every row is overdue");
}

#[tokio::test]
async fn a_request_opens_with_its_identity_fields() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let first = api
        .dsar_list(inbox(""))
        .await
        .expect("inbox")
        .items
        .remove(0);
    let detail = api
        .dsar_get(DsarGetRequest { id: first.id })
        .await
        .expect("detail");
    assert_eq!(detail.summary.id, first.id);
    assert!(
        detail.identity.family_name.is_some(),
        "identity is shown: {:?}",
        detail.identity
    );
    assert!(!detail.locale.is_empty(), "the request language is known");

    let missing = api
        .dsar_get(DsarGetRequest { id: 999_999 })
        .await
        .expect_err("no such id");
    assert_eq!(missing.code, ErrorCode::NotFound, "{missing:?}");
}

#[tokio::test]
async fn registers_list_assets_actors_and_contracts() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let req = RegistryListRequest {
        page: 1,
        size: 100,
        q: String::new(),
        sort_by: None,
        asc: true,
    };
    let assets = api.asset_list(req.clone()).await.expect("assets");
    assert!(
        assets.total >= 100,
        "about 150 seeded assets, got {}",
        assets.total
    );
    assert_eq!(assets.items.len(), 100, "a page of 100");
    assert!(
        assets.items.iter().all(|a| a.reference.is_some()),
        "seeded assets carry a ref"
    );

    let actors = api.actor_list(req.clone()).await.expect("actors");
    assert!(actors.total >= 40, "about 60 actors, got {}", actors.total);
    let contracts = api.contract_list(req).await.expect("contracts");
    assert!(
        contracts.total >= 20,
        "about 25 contracts, got {}",
        contracts.total
    );
    assert!(
        contracts.items.iter().any(|c| c.signatories > 0),
        "contracts link actors"
    );
}

#[tokio::test]
async fn a_language_choice_is_saved_and_applied() {
    let (api, store, _dir) = api_on_fresh_sandbox().await;
    let req = SettingsUpdateRequest {
        language: Some(LanguagePreference::En),
        retention_days: None,
    };
    let info = api.settings_update(req).await.expect("update");
    assert_eq!(info.language, Language::En, "English now");
    assert_eq!(
        store.load().language,
        LanguagePreference::En,
        "the choice is saved"
    );
}

#[tokio::test]
async fn a_bad_page_size_is_refused_with_a_clear_message() {
    let (api, _, _dir) = api_on_fresh_sandbox().await;
    let err = api
        .dsar_list(DsarListRequest {
            size: 501,
            ..inbox("")
        })
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert!(err.message.contains("1 to 500"), "{}", err.message);
}
