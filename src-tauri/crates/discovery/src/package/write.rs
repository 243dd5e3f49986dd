//! Writing a package's zip atomically: a hidden temporary file in the destination folder,
//! synced, renamed to its final name (which embeds its hash), the folder synced. A temporary
//! file is removed whatever goes wrong, so an error never leaves a half-written zip.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Timelike, Utc};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::manifest::hex;
use crate::error::{Error, Result};

/// A zip written to its final place.
pub(crate) struct Written {
    pub path: PathBuf,
    pub bytes: u64,
    pub sha256: String,
}

/// Write `files` as `<prefix>-<sha8>.zip` in `dir`, each entry dated `at`.
pub(crate) fn write_zip(
    dir: &Path,
    prefix: &str,
    files: &[(String, Vec<u8>)],
    at: DateTime<Utc>,
) -> Result<Written> {
    std::fs::create_dir_all(dir).map_err(|e| Error::package(dir, "making the folder", e))?;
    let temp =
        Temporary::new(dir.join(format!(".{prefix}.{}.part", uuid::Uuid::new_v4().simple())));
    let fail = |op| move |e: std::io::Error| Error::package(&temp_path(dir, prefix), op, e);

    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&temp.path)
        .map_err(fail("creating"))?;
    let mut file = zip_into(file, files, at).map_err(|e| Error::package(dir, "writing", e))?;
    file.sync_all().map_err(fail("syncing"))?;
    file.rewind().map_err(fail("reading back"))?;
    let (sha256, bytes) = hash(&mut file).map_err(fail("reading back"))?;
    drop(file);

    let path = dir.join(format!("{prefix}-{}.zip", &sha256[..8]));
    std::fs::rename(&temp.path, &path)
        .map_err(|e| Error::package(&path, "renaming into place", e))?;
    temp.kept();
    sync_dir(dir);
    Ok(Written {
        path,
        bytes,
        sha256,
    })
}

/// The name errors show for the file being written (the temporary name means nothing).
fn temp_path(dir: &Path, prefix: &str) -> PathBuf {
    dir.join(format!("{prefix}.zip"))
}

/// The zip of `files` written into `out`, returned once finished.
pub(crate) fn zip_into<W: Write + Seek>(
    out: W,
    files: &[(String, Vec<u8>)],
    at: DateTime<Utc>,
) -> zip::result::ZipResult<W> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip_date(at))
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(out);
    for (name, data) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(data)?;
    }
    zip.finish()
}

/// `at` as a zip (MS-DOS) date, clamped to the range it can hold.
fn zip_date(at: DateTime<Utc>) -> zip::DateTime {
    let year = at.year().clamp(1980, 2107) as u16;
    zip::DateTime::from_date_and_time(
        year,
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second().min(58) as u8,
    )
    .unwrap_or_default()
}

fn hash(file: &mut File) -> std::io::Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0; 64 * 1024];
    let mut total = 0;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    Ok((hex(&hasher.finalize()), total))
}

/// Make the rename durable. A folder that cannot be synced (some file systems) is not an
/// error: the file itself is.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Err(e) = File::open(dir).and_then(|d| d.sync_all()) {
        tracing::debug!(?e, "package folder not synced");
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// A temporary file removed when dropped, unless kept.
struct Temporary {
    path: PathBuf,
    kept: bool,
}

impl Temporary {
    fn new(path: PathBuf) -> Temporary {
        Temporary { path, kept: false }
    }

    fn kept(mut self) {
        self.kept = true;
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.kept {
            // Nothing to remove when the file was never created.
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    /// A writer that fails once `limit` bytes are written.
    struct Full {
        inner: Cursor<Vec<u8>>,
        limit: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.inner.get_ref().len() + buf.len() > self.limit {
                return Err(std::io::Error::other("disk full"));
            }
            self.inner.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Seek for Full {
        fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
            self.inner.seek(pos)
        }
    }

    #[test]
    fn a_failing_writer_fails_the_zip() {
        let files = vec![("a.txt".to_string(), vec![b'x'; 10_000])];
        let full = Full {
            inner: Cursor::new(Vec::new()),
            limit: 100,
        };
        assert!(zip_into(full, &files, Utc::now()).is_err());
    }

    #[test]
    fn dates_outside_the_zip_range_are_clamped() {
        let old = DateTime::parse_from_rfc3339("1970-01-01T00:00:00Z").unwrap();
        assert_eq!(zip_date(old.with_timezone(&Utc)).year(), 1980);
    }
}
