//! A 50 MiB attachment up and down with flat memory.
//!
//! Memory is measured in a process of its own: the parent test re-runs this test binary on
//! the one ignored test below, so no other test's allocations (tests share a process under
//! `cargo test`) blur the peak. The child resets the kernel's peak-RSS mark, transfers, and
//! compares the new peak with the resident size it started from.

use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use passerelle_dastra::client::ListQuery;
use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_tests::{
    client, options, peak_rss_bytes, rss_bytes, sha256_file, start_sandbox, write_pattern_file,
};

const FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Growth allowed while 50 MiB goes up and comes back: well under the file's size.
const MAX_GROWTH: u64 = 20 * 1024 * 1024;
const CHILD: &str = "client::transfers::child_uploads_and_downloads_50_mib_with_flat_memory";

#[test]
fn a_50_mib_attachment_goes_up_and_comes_back_identical_with_flat_memory() {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let out = Command::new(exe)
        .args([
            CHILD,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the transfer failed in its own process:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("1 passed"),
        "the child ran the transfer test:\n{stdout}"
    );
}

/// Progress reports: the last `(done, total)` seen and how many there were.
#[derive(Default)]
struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    calls: AtomicU64,
}

impl Progress {
    fn callback(self: &Arc<Self>) -> impl Fn(u64, u64) + Send + Sync + 'static {
        let me = self.clone();
        move |done, total| {
            me.done.fetch_max(done, Ordering::Relaxed);
            me.total.store(total, Ordering::Relaxed);
            me.calls.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn last(&self) -> (u64, u64, u64) {
        let read = |a: &AtomicU64| a.load(Ordering::Relaxed);
        (read(&self.done), read(&self.total), read(&self.calls))
    }
}

/// Reset the kernel's peak-RSS mark (`VmHWM`) to the current RSS; false where unsupported.
fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run in a fresh process by a_50_mib_attachment_goes_up_and_comes_back_identical…"]
async fn child_uploads_and_downloads_50_mib_with_flat_memory() {
    let sandbox = start_sandbox(options()).await;
    let client = client(&sandbox);
    let dir = tempfile::tempdir().expect("a temp dir");
    let request = client
        .list::<DataSubjectRequestDto>(&ListQuery::new().size(1))
        .await
        .expect("a request to attach to")
        .items[0]
        .id
        .expect("an id");

    // Warm up connection pool, blocking threads and buffers with a small round trip.
    let small = dir.path().join("warm-up.txt");
    write_pattern_file(&small, 100_000).await;
    let warm = client
        .upload_attachment(request, &small, |_, _| {})
        .await
        .expect("warm up");
    let warm_id = warm.id.expect("an attachment id");
    let back = dir.path().join("warm-up.back");
    client
        .download_attachment(request, warm_id, &back, |_, _| {})
        .await
        .expect("warm up download");

    let source = dir.path().join("releve-bancaire-2024.pdf");
    write_pattern_file(&source, FILE_BYTES).await;
    let source_hash = sha256_file(&source).await;

    let baseline = rss_bytes();
    let reset = reset_peak_rss();
    let up = Arc::new(Progress::default());
    let stored = client
        .upload_attachment(request, &source, up.callback())
        .await
        .expect("the upload succeeds");
    let down = Arc::new(Progress::default());
    let dest = dir.path().join("copie.pdf");
    let written = client
        .download_attachment(request, stored.id.expect("an id"), &dest, down.callback())
        .await
        .expect("the download succeeds");
    let peak = peak_rss_bytes();

    let growth = peak.saturating_sub(baseline);
    println!(
        "50 MiB up and down: peak RSS {} MiB over a baseline of {} MiB (+{} MiB; peak reset: \
         {reset})",
        peak >> 20,
        baseline >> 20,
        growth >> 20
    );
    assert_eq!(
        stored.size,
        Some(FILE_BYTES as i32),
        "the server stored every byte"
    );
    assert_eq!(written, FILE_BYTES, "every byte came back");
    assert_eq!(
        sha256_file(&dest).await,
        source_hash,
        "the copy is identical"
    );

    let (sent, total, calls) = up.last();
    assert_eq!(
        (sent, total),
        (FILE_BYTES, FILE_BYTES),
        "upload progress reached the total"
    );
    assert!(
        calls > 100,
        "upload progress was reported chunk by chunk ({calls} calls)"
    );
    let (received, total, _) = down.last();
    assert_eq!(
        (received, total),
        (FILE_BYTES, FILE_BYTES),
        "download progress reached the total"
    );

    assert!(
        growth < MAX_GROWTH,
        "memory stays flat: {} MiB more resident at the peak for a {} MiB round trip",
        growth >> 20,
        FILE_BYTES >> 20
    );
}
