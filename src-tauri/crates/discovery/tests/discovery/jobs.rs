//! Whole jobs over the planted subject.

use std::sync::Arc;

use passerelle_discovery::{
    run_job, CancellationToken, FindingsStore, JobSource, JobSpec, NoProgress, RunOptions,
    RunState, SourceInput,
};
use passerelle_vault::settings::FolderSettings;

use crate::fixture;
use crate::support::*;

fn folder_input(root: &std::path::Path) -> SourceInput {
    SourceInput::Folder {
        id: "folder".into(),
        settings: FolderSettings {
            path: root.into(),
            include: vec![],
            exclude: vec![],
        },
    }
}

fn spec_for(inputs: &[SourceInput]) -> JobSpec {
    let sources = inputs
        .iter()
        .map(|i| JobSource {
            id: i.id().to_string(),
            name: i.id().to_string(),
        })
        .collect();
    JobSpec::new(1012, fixture::identity(), sources)
}

async fn run(store: &FindingsStore, spec: &JobSpec, inputs: Vec<SourceInput>) -> RunState {
    let job = run_job(
        store,
        &spec.id,
        inputs,
        &RunOptions::default(),
        Arc::new(NoProgress),
        CancellationToken::new(),
    )
    .await
    .expect("the job runs");
    job.state
}

#[tokio::test]
async fn the_planted_subject_is_found_in_every_source_and_no_decoy_rises_above_possible() {
    let pg_up = service_available(PG_ADMIN, "PostgreSQL").await;
    let my_up = service_available(MYSQL_ADMIN, "MariaDB").await;
    let dir = tempfile::tempdir().expect("a temp dir");
    let root = dir.path().join("partage");
    fixture::folder(&root);

    let mut inputs = vec![folder_input(&root)];
    let mut guards = Vec::new();
    let sqlite = sqlite(&dir.path().join("boutique.db"), fixture::tables_sql()).await;
    inputs.push(SourceInput::Sql {
        id: "sqlite".into(),
        settings: sqlite,
        secret: None,
    });
    if pg_up {
        let (settings, guard) = postgres(fixture::tables_sql()).await;
        guards.push(guard);
        inputs.push(SourceInput::Sql {
            id: "postgres".into(),
            settings,
            secret: None,
        });
    }
    if my_up {
        let (settings, guard) = mariadb(fixture::tables_sql()).await;
        guards.push(guard);
        inputs.push(SourceInput::Sql {
            id: "mariadb".into(),
            settings,
            secret: None,
        });
    }

    let store = store(dir.path()).await;
    let spec = spec_for(&inputs);
    store.create_job(&spec).await.expect("job recorded");
    assert_eq!(run(&store, &spec, inputs.clone()).await, RunState::Done);

    let findings: Vec<_> = store
        .findings(&spec.id)
        .await
        .expect("findings read")
        .into_iter()
        .map(|s| s.finding)
        .collect();
    let got = lines(&findings);
    for l in &got {
        eprintln!("{l}");
    }
    let mut expected = vec![
        "folder | courrier/lettre.pdf page=2 line=1 | Certain".to_string(),
        "folder | courrier/message.eml | Certain".to_string(),
        "folder | courrier/message.eml line=2 | Certain".to_string(),
        "folder | courrier/reclamation.docx line=2 | Certain".to_string(),
        "folder | crm/clients.csv row=2 line=2 | Certain".to_string(),
        "folder | crm/clients.csv row=3 line=3 | Possible".to_string(),
        "folder | crm/clients.csv row=6 line=6 | Likely".to_string(),
        "folder | crm/fidelite.xlsx sheet=Fidélité row=2 | Certain".to_string(),
        "folder | logs/app.log line=1 | Certain".to_string(),
        "folder | notes.txt line=1 | Possible".to_string(),
        "folder | web/commandes.json sheet=orders row=1 | Certain".to_string(),
        "folder | web/events.ndjson line=1 | Certain".to_string(),
    ];
    expected.extend(fixture::table_findings("sqlite"));
    if pg_up {
        expected.extend(fixture::table_findings("postgres"));
    }
    if my_up {
        expected.extend(fixture::table_findings("mariadb"));
    }
    expected.sort();
    assert_eq!(got, expected);

    // The subject's row carries her orders, one hop away.
    let row = findings
        .iter()
        .find(|f| f.source_id == "sqlite" && line(f).contains("clients id=1 "))
        .expect("her row");
    assert_eq!(row.linked.len(), 1, "{:?}", row.linked);
    assert_eq!(row.linked[0].via, "commandes.client_id → clients.id");
    let mut articles: Vec<&str> = row.linked[0]
        .rows
        .iter()
        .flat_map(|r| {
            r.iter()
                .filter(|(c, _)| c == "article")
                .map(|(_, v)| v.as_str())
        })
        .collect();
    articles.sort();
    assert_eq!(articles, vec!["Casque", "Vélo"]);
    let email = row
        .fields
        .iter()
        .find(|f| f.name == "email")
        .expect("her email");
    assert_eq!(email.matched.len(), 1, "the e-mail is marked as hers");
    assert!(
        email.pii.is_empty(),
        "her own e-mail is not someone else's data"
    );

    // In every database, the field that made a row hers is marked: the phone written with
    // no-break spaces, the customer number with other spacing, her names in each other's
    // column (fetched though `nom` holds her given name, and explained as a swap); and the man
    // sharing only her family name is explained as a possible namesake.
    for source in inputs
        .iter()
        .map(SourceInput::id)
        .filter(|id| *id != "folder")
    {
        let at = |place: &str| {
            findings
                .iter()
                .find(|f| f.source_id == source && line(f).contains(place))
                .unwrap_or_else(|| panic!("{source}: {place}"))
        };
        let marked = |place: &str, field: &str| {
            at(place)
                .fields
                .iter()
                .any(|f| f.name == field && !f.matched.is_empty())
        };
        assert!(marked("ref=P-0003 ", "portable"), "{source}: her phone");
        assert!(marked("ref=P-0004 ", "num_client"), "{source}: her number");
        assert!(
            marked("clients id=12 ", "nom") && marked("clients id=12 ", "prenom"),
            "{source}: her swapped names"
        );
        let swapped = at("clients id=12 ");
        assert!(
            swapped.reason_en.contains("given and family names swapped")
                && swapped.reason_fr.contains("prénom et nom inversés"),
            "{source}: {}",
            swapped.reason_en
        );
        let paul = at("clients id=10 ");
        assert!(
            paul.reason_en.contains("maybe a namesake"),
            "{source}: {}",
            paul.reason_en
        );
    }

    // Her names swapped in the client list are explained as such, in both languages.
    let swapped = findings
        .iter()
        .find(|f| line(f).contains("clients.csv row=6"))
        .expect("her swapped names");
    assert!(
        swapped
            .reason_fr
            .contains("prénom dans Nom, nom dans Prénom"),
        "{}",
        swapped.reason_fr
    );

    // The namesake is explained: the e-mail differs.
    let namesake = findings
        .iter()
        .find(|f| line(f).contains("clients.csv row=3"))
        .expect("the namesake");
    assert!(!namesake.reason_en.is_empty() && !namesake.reason_fr.is_empty());
    let other_email = namesake
        .fields
        .iter()
        .find(|f| f.name == "Courriel")
        .expect("email");
    assert!(other_email.matched.is_empty());
    assert_eq!(
        other_email.pii.len(),
        1,
        "the other e-mail is flagged as personal data"
    );

    // The damaged workbook is an issue of its own; the image is skipped; nothing stopped.
    let issues = store.issues(&spec.id).await.expect("issues read");
    let codes: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.unit.as_str(), i.code.as_str()))
        .collect();
    assert_eq!(codes, vec![("crm/casse.xlsx", "corrupt")]);
    assert!(
        issues[0].message.contains("casse.xlsx"),
        "{}",
        issues[0].message
    );
    let job = store.job(&spec.id).await.expect("job read");
    let folder = &job.sources[0];
    assert_eq!(folder.state, RunState::Done);
    assert_eq!(folder.progress.skipped, 1);
    assert_eq!(folder.progress.issues, 1);
    assert_eq!(folder.progress.units_done, 11);
    assert_eq!(folder.progress.units_total, Some(11));
    assert_eq!(folder.progress.findings, 12);

    // At rest, nothing of hers is readable in the store's files.
    drop(store);
    for entry in std::fs::read_dir(dir.path()).expect("listed").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("passerelle.db") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).expect("read");
        for needle in [
            "elodie",
            "Dupont",
            "612345678",
            "clients.csv",
            "CL004512",
            "casse",
        ] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} is readable in {name}"
            );
        }
    }
}

/// Thirty namesakes sharing her given name fill a row cap of ten before her own row, the last
/// written; the table is searched again with rows holding a strong identifier first, and her
/// row is found (certain), while the table is still reported as capped.
#[tokio::test]
async fn a_common_given_name_does_not_push_her_row_past_the_row_cap() {
    if !service_available(PG_ADMIN, "PostgreSQL").await {
        return;
    }
    let mut sql = "CREATE TABLE clients (id INTEGER PRIMARY KEY, nom VARCHAR(80), \
                   prenom VARCHAR(80), email VARCHAR(120));"
        .to_string();
    for n in 100..130 {
        sql.push_str(&format!(
            "INSERT INTO clients VALUES ({n}, 'Homonyme{n}', 'Élodie', 'elodie{n}@ailleurs.fr');"
        ));
    }
    sql.push_str(
        "INSERT INTO clients VALUES (999, 'Dupont-Martin', 'Élodie', 'elodie.dupont@example.fr');",
    );
    let (settings, _guard) = postgres(&sql).await;
    let inputs = vec![SourceInput::Sql {
        id: "postgres".into(),
        settings,
        secret: None,
    }];
    let dir = tempfile::tempdir().expect("a temp dir");
    let store = store(dir.path()).await;
    let spec = spec_for(&inputs);
    store.create_job(&spec).await.expect("job recorded");
    let options = RunOptions {
        row_cap: 10,
        ..RunOptions::default()
    };
    let job = run_job(
        &store,
        &spec.id,
        inputs,
        &options,
        Arc::new(NoProgress),
        CancellationToken::new(),
    )
    .await
    .expect("the job runs");
    assert_eq!(job.state, RunState::Done);

    let findings: Vec<_> = store
        .findings(&spec.id)
        .await
        .expect("findings read")
        .into_iter()
        .map(|s| s.finding)
        .collect();
    let got = lines(&findings);
    assert!(
        got.contains(&"postgres | clients id=999 | Certain".to_string()),
        "her row: {got:?}"
    );
    let issues = store.issues(&spec.id).await.expect("issues read");
    assert!(
        issues.iter().any(|i| i.code == "capped"),
        "still capped: {issues:?}"
    );
}
