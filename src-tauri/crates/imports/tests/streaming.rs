//! Planning a big export row by row holds the plan's rows, not the source's: the heap's peak
//! while planning, measured by a counting allocator (this test binary's own), for the same
//! NDJSON file planned from `open_source` + `plan_source`, then read whole (`read_source`)
//! and planned from its rows (`plan_import`), as a control that the measure tells them apart.
//!
//! Each row carries a large column the profile does not map, so that the source's rows weigh
//! about as much as the file and far more than the plan's rows.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use passerelle_imports::{open_source, plan_import, plan_source, read_source, SourceSpec};
use passerelle_mapping::{NoLookups, Profile};
use serde_json::json;

mod support;

/// The system allocator, counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The heap's peak above what was live when `work` started, while it ran.
async fn peak_during<T>(work: impl std::future::Future<Output = T>) -> (T, usize) {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = work.await;
    (out, PEAK.load(Ordering::Relaxed).saturating_sub(base))
}

const ROWS: usize = 4_000;
const NOTES: usize = 6_000;

#[tokio::test]
async fn a_big_export_planned_row_by_row_does_not_hold_its_rows() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("export.ndjson");
    let mut text = String::new();
    for i in 0..ROWS {
        let notes = format!("{i:06} ").repeat(NOTES / 7);
        let line = json!({ "u_number": format!("APP-B-{i:05}"), "name": format!("App {i}"),
                           "notes": notes });
        text.push_str(&line.to_string());
        text.push('\n');
    }
    std::fs::write(&path, &text).expect("the export written");
    let file = text.len();
    drop(text);

    let profile = Profile::from_json(
        r#"{
          "version": 1, "id": "big", "name": "Big export",
          "source": { "name": "big", "kind": "json" }, "target": "asset",
          "key": { "column": "u_number", "target": "ref" },
          "fields": [
            { "target": "label", "column": "name" },
            { "target": "type", "transforms": [{ "op": "constant", "value": "Software" }] }
          ]
        }"#,
    )
    .expect("a valid profile");
    let (_sandbox, client) = support::small_sandbox(2).await;
    let spec = SourceSpec::from_profile(&profile.source, Some(&path)).expect("a spec");

    let (streamed, streamed_peak) = peak_during(async {
        let source = open_source(&spec, None).await.expect("opened");
        source.check_profile(&profile).expect("its columns");
        plan_source(&client, &profile, source, &NoLookups, &Default::default())
            .await
            .expect("planned")
    })
    .await;
    assert_eq!(streamed.summary.create, ROWS as u64);

    let (kept, kept_peak) = peak_during(async {
        let source = read_source(&spec, None).await.expect("read");
        plan_import(
            &client,
            &profile,
            &source.rows,
            &NoLookups,
            &Default::default(),
        )
        .await
        .expect("planned")
    })
    .await;
    assert_eq!(kept.summary, streamed.summary);
    assert_eq!(kept.rows, streamed.rows, "the same plan either way");

    let mb = |n: usize| n as f64 / 1e6;
    eprintln!(
        "file {:.1} MB; heap peak planning row by row {:.1} MB, with every row kept {:.1} MB",
        mb(file),
        mb(streamed_peak),
        mb(kept_peak)
    );
    // Row by row: the file's text (held while it is read), the plan and a queue of rows.
    // Every row kept: the file's text and its rows, which weigh about as much again.
    assert!(
        streamed_peak < file + file / 3,
        "planning row by row peaked at {:.1} MB for a {:.1} MB file",
        mb(streamed_peak),
        mb(file)
    );
    assert!(
        kept_peak > streamed_peak + file * 2 / 3,
        "the control keeps every row: {:.1} MB against {:.1} MB",
        mb(kept_peak),
        mb(streamed_peak)
    );
}
