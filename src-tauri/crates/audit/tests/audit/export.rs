//! Exports carry every entry and the head, and the chain can be recomputed from them alone.

use passerelle_audit::*;
use sha2::{Digest, Sha256};

use crate::Fixture;

#[tokio::test]
async fn a_json_export_holds_every_entry_oldest_first_and_the_head() {
    let fx = Fixture::new().await;
    fx.fill(5).await;
    let mut out = Vec::new();
    let summary = fx
        .log
        .export(&mut out, ExportFormat::Json)
        .await
        .expect("exported");
    let head = fx.log.head().await.expect("head").expect("a head");
    assert_eq!(
        summary,
        ExportSummary {
            entries: 5,
            head: Some(head.clone())
        }
    );

    let json: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(json["format"], "passerelle-audit/1", "the format is named");
    assert_eq!(json["head"]["seq"], 5, "the head's number");
    assert_eq!(json["head"]["hash"], head.hash.as_str(), "the head's hash");
    let entries: Vec<AuditEntry> =
        serde_json::from_value(json["entries"].clone()).expect("entries decode back");
    assert_eq!(
        entries,
        fx.log.entries().await.expect("entries"),
        "the same entries"
    );
    assert!(
        entries.iter().all(|e| e.computed_hash() == e.hash),
        "each hash recomputes from the exported fields"
    );
}

#[tokio::test]
async fn the_chain_recomputes_from_a_csv_export_as_the_docs_say() {
    let fx = Fixture::new().await;
    fx.fill(3).await;
    // Quoting in the CSV must not change what is hashed.
    let event = AuditEvent::new(
        Actor::new("Élodie Bérard, DPO \"siège\"").unwrap(),
        AuditAction::AttachmentUploaded,
    )
    .request(1012)
    .job(Id::job("6f1c2a9e-0b7d-4c1e-9a55-3f0f8d2b1c77").unwrap())
    .target(Id::from(5501))
    .count(Count::Bytes, 48211);
    fx.log.append(&event).await.expect("appended");
    let mut out = Vec::new();
    fx.log
        .export(&mut out, ExportFormat::Csv)
        .await
        .expect("exported");

    let mut reader = csv::Reader::from_reader(out.as_slice());
    let headers = reader.headers().expect("a header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let field = |row: &csv::StringRecord, name: &str| {
        let at = headers.iter().position(|h| h == name).expect("a column");
        row[at].to_string()
    };
    let mut prev = "0".repeat(64);
    for row in rows.iter().filter(|r| &r[0] == "entry") {
        let text = format!(
            "passerelle-audit/1\nseq:{}\ntime:{}\nactor:{}\naction:{}\nrequest:{}\njob:{}\n\
             target:{}\ncounts:{}\nprev:{prev}\n",
            field(row, "seq"),
            field(row, "time"),
            field(row, "actor"),
            field(row, "action"),
            field(row, "request"),
            field(row, "job"),
            field(row, "target"),
            field(row, "counts"),
        );
        let hash = format!("{:x}", Sha256::digest(text.as_bytes()));
        assert_eq!(
            hash,
            field(row, "hash"),
            "entry {} recomputes",
            field(row, "seq")
        );
        assert_eq!(
            field(row, "prev_hash"),
            prev,
            "entry {} chains",
            field(row, "seq")
        );
        prev = hash;
    }
    let last = rows.last().expect("rows");
    assert_eq!(&last[0], "head", "the head closes the export");
    assert_eq!(
        (field(last, "seq"), field(last, "hash")),
        ("4".to_string(), prev)
    );
}

#[tokio::test]
async fn an_empty_log_exports_no_entries_and_no_head() {
    let fx = Fixture::new().await;
    let mut out = Vec::new();
    let summary = fx
        .log
        .export(&mut out, ExportFormat::Csv)
        .await
        .expect("exported");
    assert_eq!(
        summary,
        ExportSummary {
            entries: 0,
            head: None
        },
        "nothing"
    );
    assert_eq!(
        String::from_utf8(out).unwrap().lines().count(),
        1,
        "the header only"
    );
}
