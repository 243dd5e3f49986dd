//! The journal kept sealed in the app database: an apply journaled there resumes and undoes
//! from a journal opened again, and the database file holds no before-image in clear.

use std::collections::HashMap;
use std::sync::Mutex;

use passerelle_discovery::SealKey;
use passerelle_imports::{apply_plan, undo_plan, Journal, RowOutcome};
use passerelle_vault::{ProfileId, Secret, SecretStore};
use tokio_util::sync::CancellationToken;

use crate::apply::{assets, plan, software, text, SMALL};
use crate::plan::{row, APP};
use crate::small_sandbox;

/// A keyring in memory, so that the same key can be loaded twice.
#[derive(Default)]
struct Keyring(Mutex<HashMap<String, Secret>>);

impl SecretStore for Keyring {
    fn set(&self, id: &ProfileId, secret: &Secret) -> passerelle_vault::Result<()> {
        let mut entries = self.0.lock().expect("lock");
        entries.insert(id.as_str().to_owned(), Secret::new(secret.expose()));
        Ok(())
    }
    fn get(&self, id: &ProfileId) -> passerelle_vault::Result<Option<Secret>> {
        let entries = self.0.lock().expect("lock");
        Ok(entries.get(id.as_str()).map(|s| Secret::new(s.expose())))
    }
    fn delete(&self, id: &ProfileId) -> passerelle_vault::Result<bool> {
        Ok(self.0.lock().expect("lock").remove(id.as_str()).is_some())
    }
}

fn database_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for name in ["passerelle.db", "passerelle.db-wal"] {
        if let Ok(b) = std::fs::read(dir.join(name)) {
            bytes.extend(b);
        }
    }
    bytes
}

#[tokio::test]
async fn a_sealed_journal_resumes_and_undoes_and_shows_nothing_in_clear() {
    let (_sandbox, client) = small_sandbox(SMALL).await;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let database = dir.path().join("passerelle.db");
    let keyring = Keyring::default();
    let key = || SealKey::load_or_create(&keyring).expect("the key");
    let picked = software(&client, 2).await;
    let old_label = text(&picked[0], "label");
    let rows = vec![
        row(1, &text(&picked[0], "ref"), "Renommée par l'import", APP),
        row(2, "APM0095001", "Créée par l'import", APP),
    ];
    let plan = plan(&client, &rows).await;
    let before = assets(&client).await;

    let cancel = CancellationToken::new();
    {
        let journal = Journal::open_sealed(&database, key()).expect("a sealed journal");
        let report = apply_plan(&client, &plan, &journal, &mut (), &cancel)
            .await
            .expect("applied");
        assert!(matches!(report.rows[0].outcome, RowOutcome::Updated { .. }));
        assert!(matches!(report.rows[1].outcome, RowOutcome::Created { .. }));
    }

    let bytes = database_bytes(dir.path());
    assert!(!bytes.is_empty(), "the database was written");
    for clear in [old_label.as_str(), "Créée par l'import", "before"] {
        let found = bytes.windows(clear.len()).any(|w| w == clear.as_bytes());
        assert!(!found, "« {clear} » is in the database in clear");
    }

    let reopened = Journal::open_sealed(&database, key()).expect("opened again");
    let again = apply_plan(&client, &plan, &reopened, &mut (), &cancel)
        .await
        .expect("applied again");
    assert!(
        again.rows.iter().all(|r| r.resumed),
        "a second run reads every outcome from the journal and writes nothing"
    );
    let undone = undo_plan(&client, &plan, &reopened, &mut (), &cancel)
        .await
        .expect("undone");
    assert_eq!(
        undone.count(|o| matches!(o, RowOutcome::Undone { .. })),
        2 + SMALL - 1,
        "the update, the create and the missing records' tags: {undone:?}"
    );
    let mut after = assets(&client).await;
    let mut expected = before.clone();
    for list in [&mut after, &mut expected] {
        for asset in list.iter_mut() {
            asset
                .as_object_mut()
                .expect("an object")
                .remove("dateUpdate");
        }
    }
    assert_eq!(after, expected, "the register is back as it was");

    let stranger = Journal::open_sealed(&database, SealKey::random()).expect("opened");
    let refused = stranger
        .rows(&plan.id)
        .expect_err("another key cannot read it");
    assert!(
        refused
            .to_string()
            .contains("the key in the OS keyring is not the one it was sealed with"),
        "{refused}"
    );
}
