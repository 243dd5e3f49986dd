//! Evidence packages built from a real, reviewed job: included findings only, redactions
//! applied everywhere, every source listed, hashes that verify, escaping, atomic writing.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use passerelle_discovery::{
    build_package, run_job, verify_package, CancellationToken, Decision, ExcludeReason,
    FindingsStore, JobSource, JobSpec, ManifestProblem, NoProgress, PackageInput, PackageSource,
    Redaction, RequestSummary, RunOptions, SourceInput, SourceKind, Span, REDACTED,
};
use passerelle_matching::Lang;
use passerelle_vault::settings::FolderSettings;
use sha2::Digest;

use crate::fixture;
use crate::support::*;

/// A third party's words in a finding the DPO includes, redacted before it leaves.
pub const THIRD_PARTY: &str = "TIERS-SECRET-7731";
/// The e-mail of the namesake the DPO excludes.
pub const NAMESAKE: &str = "elodie.dupont@autre.fr";

/// A job over three folders (one with findings, one empty, one missing), reviewed: her row and
/// her note included (the note's third party redacted), the namesake excluded.
pub async fn reviewed_job(dir: &Path, request_id: i32) -> (FindingsStore, PackageInput) {
    let root = dir.join("partage");
    std::fs::create_dir_all(&root).expect("folder");
    std::fs::write(
        root.join("contacts.csv"),
        "Nom;Prénom;Courriel;Ville\n\
         Dupont-Martin;Élodie;elodie.dupont@example.fr;Lyon\n\
         Dupont;Élodie;elodie.dupont@autre.fr;Paris\n",
    )
    .expect("csv");
    std::fs::write(
        root.join("voisin.txt"),
        format!(
            "Message de elodie.dupont@example.fr : <script>alert('x')</script> voisin \
             {THIRD_PARTY}\n"
        ),
    )
    .expect("txt");
    let empty = dir.join("vide");
    std::fs::create_dir_all(&empty).expect("folder");

    let store = store(dir).await;
    let source = |id: &str, name: &str| JobSource {
        id: id.into(),
        name: name.into(),
    };
    let sources = vec![
        source("partage", "Partage RH"),
        source("vide", "Archives vides"),
        source("absent", "Disque absent"),
    ];
    let spec = JobSpec::new(i64::from(request_id), fixture::identity(), sources);
    store.create_job(&spec).await.expect("job recorded");
    let folder = |id: &str, path: PathBuf| SourceInput::Folder {
        id: id.into(),
        settings: FolderSettings {
            path,
            include: vec![],
            exclude: vec![],
        },
    };
    let inputs = vec![
        folder("partage", root),
        folder("vide", empty),
        folder("absent", dir.join("nulle-part")),
    ];
    let job = run_job(
        &store,
        &spec.id,
        inputs,
        &RunOptions::default(),
        Arc::new(NoProgress),
        CancellationToken::new(),
    )
    .await
    .expect("the job runs");

    let findings = store.findings(&spec.id).await.expect("findings");
    let holds = |id: i64, text: &str| {
        findings
            .iter()
            .find(|s| s.id == id)
            .is_some_and(|s| s.finding.fields.iter().any(|f| f.value.contains(text)))
    };
    let namesake: Vec<i64> = findings
        .iter()
        .map(|s| s.id)
        .filter(|id| holds(*id, NAMESAKE))
        .collect();
    let hers: Vec<i64> = findings
        .iter()
        .map(|s| s.id)
        .filter(|id| !namesake.contains(id))
        .collect();
    assert_eq!(
        (namesake.len(), hers.len()),
        (1, 2),
        "{:#?}",
        lines(
            &findings
                .iter()
                .map(|s| s.finding.clone())
                .collect::<Vec<_>>()
        )
    );
    let exclude = Decision::Exclude {
        reason: ExcludeReason::NotThisPerson,
        note: None,
    };
    store
        .decide(&spec.id, &namesake, Some(exclude), "Claire Martin")
        .await
        .expect("excluded");
    store
        .decide(&spec.id, &hers, Some(Decision::Include), "Claire Martin")
        .await
        .expect("included");
    let note = findings
        .iter()
        .find(|s| holds(s.id, THIRD_PARTY))
        .expect("the note");
    let field = note
        .finding
        .fields
        .iter()
        .find(|f| f.value.contains(THIRD_PARTY))
        .expect("its text");
    let start = field.value.find(THIRD_PARTY).expect("there");
    let redaction = Redaction {
        field: field.name.clone(),
        span: Some(Span {
            start,
            end: start + THIRD_PARTY.len(),
        }),
    };
    store
        .update_reviews(&spec.id, &[note.id], |r| {
            r.redactions.push(redaction.clone())
        })
        .await
        .expect("redacted");

    let input = PackageInput {
        job,
        request: RequestSummary {
            id: request_id,
            title: "Demande d'accès <urgent>".into(),
            requester: "Élodie Dupont-Martin".into(),
            purposes: vec!["Access".into()],
            received: Some(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()),
            due: Some(Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap()),
            language: Lang::Fr,
        },
        findings: store.findings(&spec.id).await.expect("findings"),
        reviews: store.reviews(&spec.id).await.expect("reviews"),
        issues: store.issues(&spec.id).await.expect("issues"),
        // "absent" is left out: it keeps the job's name and an unknown kind.
        sources: vec![
            PackageSource {
                id: "partage".into(),
                name: "Partage RH".into(),
                kind: Some(SourceKind::Folder),
            },
            PackageSource {
                id: "vide".into(),
                name: "Archives vides".into(),
                kind: Some(SourceKind::Folder),
            },
        ],
        reviewer: "Claire Martin".into(),
        built_at: Utc.with_ymd_and_hms(2026, 11, 20, 14, 30, 0).unwrap(),
    };
    (store, input)
}

/// Every entry of a zip, decompressed.
pub fn entries(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("entry");
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("readable");
        out.insert(entry.name().to_string(), data);
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn a_package_holds_included_findings_only_with_redactions_applied() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, input) = reviewed_job(dir.path(), 1012).await;
    let out = dir.path().join("out");
    let report = build_package(&input, &out).expect("built");

    let bytes = std::fs::read(&report.path).expect("the zip");
    let sha = hex(&sha2::Sha256::digest(&bytes));
    assert_eq!(report.sha256, sha);
    assert_eq!(report.bytes, bytes.len() as u64);
    let name = report
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(name, format!("passerelle-dsar-1012-{}.zip", &sha[..8]));
    assert_eq!(
        (
            report.included,
            report.excluded,
            report.undecided,
            report.redactions
        ),
        (2, 1, 0, 1)
    );

    let files = entries(&report.path);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "csv/archives-vides.csv",
            "csv/disque-absent.csv",
            "csv/partage-rh.csv",
            "findings.json",
            "manifest.json",
            "rapport.html"
        ]
    );
    for (name, data) in files
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .chain([("zip", &bytes[..])])
    {
        assert!(
            !contains(data, THIRD_PARTY),
            "the redacted text is in {name}"
        );
        assert!(
            !contains(data, NAMESAKE),
            "the excluded finding is in {name}"
        );
    }

    let json: serde_json::Value = serde_json::from_slice(&files["findings.json"]).expect("JSON");
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["counts"]["excludedByReason"]["notThisPerson"], 1);
    let sources = json["sources"].as_array().expect("sources");
    let summary: Vec<(&str, &str, usize)> = sources
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap(),
                s["state"].as_str().unwrap(),
                s["findings"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Partage RH", "done", 2),
            ("Archives vides", "done", 0),
            ("Disque absent", "failed", 0)
        ]
    );
    assert_eq!(sources[0]["kind"], "folder");
    assert!(sources[2]["failure"]["message"].is_string());
    let text = String::from_utf8(files["findings.json"].clone()).unwrap();
    assert!(
        text.contains(REDACTED),
        "the redaction shows in findings.json"
    );
    assert!(!sources[0]["findings"][0]["reason"]
        .as_str()
        .unwrap()
        .is_empty());

    let csv = String::from_utf8(files["csv/partage-rh.csv"].clone()).expect("UTF-8");
    assert!(
        csv.starts_with("\u{feff}n°;type;emplacement;position;champ;valeur\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(";Courriel;elodie.dupont@example.fr\r\n"),
        "{csv}"
    );
    let empty = String::from_utf8(files["csv/archives-vides.csv"].clone()).unwrap();
    assert_eq!(empty.lines().count(), 1, "a header only");

    let html = String::from_utf8(files["rapport.html"].clone()).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
    assert!(
        !html.contains("<script"),
        "no script, and the found one is escaped"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(html.contains("Demande d&#39;accès &lt;urgent&gt;"));
    for remote in ["src=", "href=", "http://", "https://", "@import"] {
        assert!(!html.contains(remote), "remote content: {remote}");
    }
    assert!(html.contains("class=\"redacted\""));
    for shown in [
        "Archives vides</td><td>dossier de fichiers</td><td>Recherché : aucune donnée retenue",
        "Disque absent</td><td>—</td>",
        "<span class=\"failed\">Échec :</span>",
        "<tr><th>Éléments trouvés</th><td>3</td></tr>",
        "<tr><th>Écartés : concerne une autre personne</th><td>1</td></tr>",
        "<tr><th>Valeurs masquées</th><td>1</td></tr>",
        "<dt>Revue par</dt><dd>Claire Martin</dd>",
        "<dt>Échéance</dt><dd>02/12/2026</dd>",
        "Droit d&#39;accès",
    ] {
        assert!(html.contains(shown), "{shown} in\n{html}");
    }

    let check = verify_package(&report.path).expect("verifiable");
    assert!(check.is_intact(), "{:?}", check.problems);
    assert_eq!(check.verified.len(), 5, "every file but the manifest");
    assert_eq!(report.files.len(), 6);

    // The same input gives the same bytes, so a package built again has the same name.
    let again = build_package(&input, &dir.path().join("again")).expect("built again");
    assert_eq!(again.sha256, report.sha256);
}

#[tokio::test]
async fn an_english_request_gets_an_english_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, mut input) = reviewed_job(dir.path(), 7).await;
    input.request.language = Lang::En;
    let report = build_package(&input, dir.path()).expect("built");
    let files = entries(&report.path);
    let html = String::from_utf8(files["report.html"].clone()).expect("a report.html");
    assert!(html.contains("<html lang=\"en\">") && html.contains("Systems searched"));
    assert!(
        html.contains("<dt>Due on</dt><dd>2026-12-02</dd>"),
        "{html}"
    );
    // English punctuation and numbering: no space before a colon, no "n°".
    assert!(html.contains("<strong>no. "), "{html}");
    assert!(html.contains("file: "), "{html}");
    assert!(!html.contains("file : ") && !html.contains("n° "), "{html}");
    let csv = String::from_utf8(files["csv/partage-rh.csv"].clone()).unwrap();
    assert!(csv.starts_with("\u{feff}no;type;location;position;field;value\r\n"));
}

#[tokio::test]
async fn verify_package_catches_a_file_changed_inside_a_rezipped_package() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, input) = reviewed_job(dir.path(), 1012).await;
    let report = build_package(&input, &dir.path().join("out")).expect("built");

    let mut files = entries(&report.path);
    let json = files.get_mut("findings.json").expect("findings.json");
    let text = String::from_utf8(json.clone())
        .unwrap()
        .replace("Lyon", "Nice");
    *json = text.into_bytes();
    files.insert("extra.txt".into(), b"added later".to_vec());
    let tampered = dir.path().join("tampered.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&tampered).expect("file"));
    for (name, data) in &files {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("entry");
        zip.write_all(data).expect("written");
    }
    zip.finish().expect("zipped");

    let check = verify_package(&tampered).expect("still a package");
    assert_eq!(
        check.problems,
        vec![
            ManifestProblem::Altered {
                name: "findings.json".into()
            },
            ManifestProblem::Unlisted {
                name: "extra.txt".into()
            },
        ]
    );
    assert!(!check.is_intact());

    let not_a_zip = dir.path().join("not.zip");
    std::fs::write(&not_a_zip, b"plain text").unwrap();
    let err = verify_package(&not_a_zip).expect_err("not a zip");
    assert!(err.to_string().contains("not.zip"), "{err}");
}

#[tokio::test]
async fn a_failing_write_leaves_no_file_behind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_store, input) = reviewed_job(dir.path(), 1012).await;
    let first = build_package(&input, &dir.path().join("probe")).expect("built");
    let name = first.path.file_name().unwrap().to_owned();

    // The final name is taken by a folder that is not empty: the zip is written whole, then
    // cannot be renamed into place.
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join(&name).join("inside")).unwrap();
    let err = build_package(&input, &out).expect_err("the rename fails");
    assert!(err.to_string().contains("renaming into place"), "{err}");
    let left: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![name], "no temporary file is left");

    // A folder that cannot be made (a file is in the way): nothing is written.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, b"a file").unwrap();
    assert!(build_package(&input, &blocked.join("sub")).is_err());
    assert_eq!(std::fs::read(&blocked).unwrap(), b"a file");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
