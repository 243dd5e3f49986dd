//! `read_file_screened` against `read_file`: the same pieces, at the same rows and lines, for
//! the records and lines holding a hit, and nothing for a file without one.

use std::ops::{ControlFlow, Range};
use std::path::Path;

use passerelle_connectors::files::{read_file_screened, Piece, ReadOptions, Screen};

use crate::{file, read, temp, Got};

/// A screen that hits every `ZZ`.
struct Marker;

impl Screen for Marker {
    fn hits(&self, bytes: &[u8], _json: bool) -> Vec<Range<usize>> {
        bytes
            .windows(2)
            .enumerate()
            .filter(|(_, w)| *w == b"ZZ")
            .map(|(i, _)| i..i + 2)
            .collect()
    }
}

/// A screen that cannot narrow anything: the whole buffer is one range.
struct Whole;

impl Screen for Whole {
    fn hits(&self, bytes: &[u8], _json: bool) -> Vec<Range<usize>> {
        let whole = 0..bytes.len();
        vec![whole]
    }
}

fn screened(path: &Path) -> Vec<Got> {
    screened_with(path, &Marker)
}

fn screened_with(path: &Path, screen: &dyn Screen) -> Vec<Got> {
    let mut got = Vec::new();
    let mut sink = |piece: Piece<'_>| {
        got.push(match piece {
            Piece::Record { at, fields } => Got::Record(at.clone(), fields.to_vec()),
            Piece::Text { at, text } => Got::Text(at.clone(), text.to_owned()),
        });
        ControlFlow::Continue(())
    };
    read_file_screened(path, &ReadOptions::default(), screen, &mut sink).expect("reads");
    got
}

fn marked(got: &Got) -> bool {
    match got {
        Got::Record(_, fields) => fields.iter().any(|(_, v)| v.contains("ZZ")),
        Got::Text(_, text) => text.contains("ZZ"),
    }
}

/// The screened reading gives exactly the full reading's marked pieces.
fn same_as_full(path: &Path) {
    let (_, full) = read(path);
    let expected: Vec<Got> = full.into_iter().filter(marked).collect();
    assert!(
        !expected.is_empty(),
        "{} holds marked pieces",
        path.display()
    );
    assert_eq!(screened(path), expected, "{}", path.display());
}

#[test]
fn screened_files_give_the_marked_pieces_at_the_rows_and_lines_of_a_full_reading() {
    let dir = temp();
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(
        "Nom;Prénom;Note\r\nDUPONT;Élodie;\"deux\r\nlignes\"\r\nMARTIN;ZZ;ok\r\n\r\n\
         LEFÈVRE;Zoé;\"ZZ; encore\r\nune\"\r\nX;Y;Z;en trop ZZ\r\n",
    );
    let paths = [
        file(&dir, "export.csv", &cp1252),
        file(
            &dir,
            "bom.csv",
            "\u{feff}a,b\n1,\"x\ny\"\n2,ZZ\n3,\"ZZ\nz\"\n4,w\n",
        ),
        file(&dir, "data.csv", "e@x.fr,1\nZZ@x.fr,2\n"),
        file(
            &dir,
            "notes.txt",
            b"premi\xe8re\r\n\r\n  ZZ au d\xe9but\r\nrien\nfin ZZ",
        ),
        file(
            &dir,
            "events.ndjson",
            "{\"a\": 1}\n\n{broken ZZ\n{\"n\": \"ZZ\", \"o\": {\"p\": [1, 2]}}\n{\"n\": \"b\"}\n",
        ),
        file(
            &dir,
            "orders.json",
            "[\n {\"id\": 1, \"c\": {\"n\": \"a\"}},\n {\"id\": 2, \"c\": {\"n\": \"ZZ, \\\"q\\\" ]\"}},\n \
             \"ZZ\",\n {\"id\": 4, \"l\": [{\"x\": \"ZZ\"}]}\n]\n",
        ),
    ];
    for path in &paths {
        same_as_full(path);
        assert_eq!(
            screened_with(path, &Whole),
            read(path).1,
            "{}",
            path.display()
        );
    }

    let object = "{\"orders\": [{\"id\": 1}, {\"id\": \"ZZ\"}], \"owner\": \"ZZ\"}";
    let path = file(&dir, "table.json", object);
    assert_eq!(
        screened(&path),
        read(&path).1,
        "a JSON object with a hit is read in full"
    );
}

#[test]
fn a_file_without_a_hit_gives_no_piece() {
    let dir = temp();
    let path = file(&dir, "clients.csv", "nom,email\nDupont,e@x.fr\n");
    assert!(screened(&path).is_empty(), "nothing to parse");
    let (_, full) = read(&path);
    assert_eq!(full.len(), 1, "the full reading has the row");
}

/// A marked line of `len` bytes, `ZZ` at `at`.
fn marked_line(len: usize, at: usize) -> Vec<u8> {
    let mut line = vec![b'x'; len - 1];
    line[at..at + 2].copy_from_slice(b"ZZ");
    line.push(b'\n');
    line
}

#[test]
fn hits_cut_by_the_end_of_a_read_or_in_lines_longer_than_the_buffer_are_found() {
    // NOTE: the screening buffer's size is a power of two between 64 KiB and 2 MiB: one of
    // these files has its `ZZ` cut by the end of the first read, whichever it is.
    let dir = temp();
    let mut paths = Vec::new();
    for k in 16..=21 {
        let boundary = 1usize << k;
        // One long line whose `ZZ` straddles the boundary, between two short ones.
        let mut long = b"a\n".to_vec();
        long.extend(marked_line(boundary + 8 - 2, boundary - 1 - 2));
        long.extend(b"b\n");
        paths.push(file(&dir, &format!("long-{k}.txt"), long));
    }
    // Lines of 64 bytes after a first one of 32; each boundary cuts the `ZZ` of the line
    // that starts 32 bytes before it, and only those lines are marked.
    let cut_lines = |first: &[u8]| {
        assert_eq!(first.len(), 32);
        let mut lines = first.to_vec();
        while lines.len() < (1 << 21) + 4096 {
            let start = lines.len();
            match (16..=21).find(|k| start + 32 == 1 << k) {
                Some(_) => lines.extend(marked_line(64, 31)),
                None => lines.extend(b"y".repeat(63).into_iter().chain([b'\n'])),
            }
        }
        lines
    };
    let first = [b"n".repeat(31), b"\n".to_vec()].concat();
    paths.push(file(&dir, "short.txt", cut_lines(&first)));
    let header = [b"id,note".to_vec(), b"e".repeat(24), b"\n".to_vec()].concat();
    paths.push(file(&dir, "short.csv", cut_lines(&header)));

    // Lines of every length up to 600 kB, marked here and there, one of them 3 MB long.
    let mut mixed = Vec::new();
    let mut seed = 2026u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    for i in 0..400 {
        let len = match i {
            200 => 3 << 20,
            _ if i % 37 == 0 => 300_000 + next() % 300_000,
            _ => 1 + next() % 20_000,
        };
        if len > 3 && next() % 4 == 0 {
            mixed.extend(marked_line(len, next() % (len - 2)));
        } else {
            mixed.extend(std::iter::repeat_n(b'w', len - 1));
            mixed.push(b'\n');
        }
    }
    paths.push(file(&dir, "mixed.txt", &mixed));

    for path in &paths {
        same_as_full(path);
    }
}

/// A screen that hits every `ZZ` and, the first time it finds one, changes the file: writes
/// `to` over it (keeping its time of last change if `keep_time`), or removes it.
struct Changing<'p> {
    path: &'p Path,
    to: Option<Vec<u8>>,
    keep_time: bool,
    done: std::sync::atomic::AtomicBool,
}

impl Changing<'_> {
    fn new(path: &Path, to: Option<Vec<u8>>, keep_time: bool) -> Changing<'_> {
        Changing {
            path,
            to,
            keep_time,
            done: false.into(),
        }
    }
}

impl Screen for Changing<'_> {
    fn hits(&self, bytes: &[u8], json: bool) -> Vec<Range<usize>> {
        let hits = Marker.hits(bytes, json);
        if !hits.is_empty() && !self.done.swap(true, std::sync::atomic::Ordering::SeqCst) {
            let changed = std::fs::metadata(self.path).and_then(|m| m.modified());
            match &self.to {
                Some(bytes) => std::fs::write(self.path, bytes).expect("file rewritten"),
                None => std::fs::remove_file(self.path).expect("file removed"),
            }
            if self.keep_time {
                let file = std::fs::File::options().write(true).open(self.path);
                file.and_then(|f| f.set_modified(changed?))
                    .expect("time of last change put back");
            }
        }
        hits
    }
}

#[test]
fn a_file_changed_between_its_screen_and_its_reading_gives_the_rows_of_its_new_bytes() {
    let dir = temp();
    let before = "id,note\n1,a\n2,ZZ\n3,b\n4,c\n";
    let cases = [
        // Same length and time of last change, the hit moved two rows down.
        ("moved.csv", "id,note\n1,a\n2,b\n3,c\n4,ZZ\n", true),
        // Rows added before the hit.
        (
            "longer.csv",
            "id,note\n0,z\n0,y\n1,a\n2,ZZ\n3,b\n4,c\n",
            false,
        ),
        // A second hit, the length kept, the time not.
        ("more.csv", "id,note\n1,ZZ\n2,ZZ\n3,b\n4\n", false),
        // Emptied.
        ("emptied.csv", "", false),
    ];
    for (name, after, keep_time) in cases {
        let path = file(&dir, name, before);
        let expected: Vec<Got> = {
            let twin = file(&dir, &format!("twin-{name}"), after);
            read(&twin).1.into_iter().filter(marked).collect()
        };
        let got = screened_with(&path, &Changing::new(&path, Some(after.into()), keep_time));
        let fixed = |got: Vec<Got>| -> Vec<Got> {
            // The twin's name in its locations, for the comparison.
            got.into_iter()
                .map(|g| match g {
                    Got::Record(mut at, f) => {
                        at.path = at.path.with_file_name(format!("twin-{name}"));
                        Got::Record(at, f)
                    }
                    Got::Text(mut at, t) => {
                        at.path = at.path.with_file_name(format!("twin-{name}"));
                        Got::Text(at, t)
                    }
                })
                .collect()
        };
        assert_eq!(fixed(got), expected, "{name}: the rows of the bytes read");
    }
}

#[test]
fn a_file_removed_or_made_unreadable_after_its_screen_is_read_through_the_open_file() {
    let dir = temp();
    let text = "premier\nZZ au milieu\ndernier ZZ\n";
    let path = file(&dir, "notes.txt", text);
    let expected: Vec<Got> = read(&path).1.into_iter().filter(marked).collect();
    assert_eq!(expected.len(), 2);
    assert_eq!(
        screened_with(&path, &Changing::new(&path, None, false)),
        expected,
        "the removed file is read whole from the handle that screened it"
    );
    assert!(!path.exists());

    use std::os::unix::fs::PermissionsExt;
    let path = file(&dir, "locked.txt", text);
    struct Locking<'p>(&'p Path);
    impl Screen for Locking<'_> {
        fn hits(&self, bytes: &[u8], json: bool) -> Vec<Range<usize>> {
            let perms = std::fs::Permissions::from_mode(0o000);
            std::fs::set_permissions(self.0, perms).expect("read right taken away");
            Marker.hits(bytes, json)
        }
    }
    let got = screened_with(&path, &Locking(&path));
    let perms = std::fs::metadata(&path).expect("still there").permissions();
    assert_eq!(perms.mode() & 0o777, 0, "the read right is gone");
    assert_eq!(
        got.len(),
        2,
        "the file opened before its right was taken away is read in full"
    );
}

/// Text lines of about `bytes` in all (a few megabytes: many pieces of the screening
/// buffer), none marked, and where line `n` starts.
fn plain_lines(bytes: usize) -> (Vec<u8>, Vec<usize>) {
    let (mut text, mut starts) = (Vec::new(), Vec::new());
    while text.len() < bytes {
        starts.push(text.len());
        text.extend(format!("ligne {} sans rien de notable\n", starts.len()).bytes());
    }
    (text, starts)
}

/// `text` with `ZZ` written over the start of each line given.
fn marked_at(text: &[u8], starts: &[usize], lines: &[usize]) -> Vec<u8> {
    let mut text = text.to_vec();
    for &line in lines {
        text[starts[line]..starts[line] + 2].copy_from_slice(b"ZZ");
    }
    text
}

#[test]
fn a_hit_moved_before_the_first_piece_with_a_hit_is_found_where_it_went() {
    // NOTE: same length, same time of last change: only the first piece with a hit, screened
    // again over the second reading, tells that the file changed.
    let dir = temp();
    let (text, starts) = plain_lines(3 << 20);
    let late = starts.len() * 5 / 6;
    let early = starts.len() / 30;
    let before = marked_at(&text, &starts, &[late]);
    let after = marked_at(&text, &starts, &[early]);
    let path = file(&dir, "moved.txt", &before);
    let twin = file(&dir, "twin-moved.txt", &after);
    let expected: Vec<Got> = read(&twin).1.into_iter().filter(marked).collect();
    assert_eq!(expected.len(), 1, "the twin has one marked line");

    let got = screened_with(&path, &Changing::new(&path, Some(after), true));
    let lines = |got: &[Got]| -> Vec<Option<u64>> {
        got.iter()
            .map(|g| match g {
                Got::Text(at, _) | Got::Record(at, _) => at.line,
            })
            .collect()
    };
    assert_eq!(
        lines(&got),
        lines(&expected),
        "the hit is read at its new line, {} (it was at {})",
        early + 1,
        late + 1
    );
}

#[test]
fn hits_past_the_first_piece_with_a_hit_are_those_of_the_second_reading() {
    let dir = temp();
    let (text, starts) = plain_lines(3 << 20);
    let n = starts.len();
    // Unchanged: hits in the first piece, in the middle, in the last line.
    let several = marked_at(&text, &starts, &[3, n / 2, n / 2 + 1, n - 1]);
    let path = file(&dir, "several.txt", &several);
    same_as_full(&path);
    assert_eq!(
        screened(&path).len(),
        4,
        "every marked line, past the first piece too"
    );

    // A hit written far past the first one while the file is screened (same length and
    // time): read, at its line.
    let before = marked_at(&text, &starts, &[3]);
    let after = marked_at(&text, &starts, &[3, n * 2 / 3]);
    let path = file(&dir, "added.txt", &before);
    let twin = file(&dir, "twin-added.txt", &after);
    let expected: Vec<Got> = read(&twin).1.into_iter().filter(marked).collect();
    let got = screened_with(&path, &Changing::new(&path, Some(after), true));
    let texts = |got: &[Got]| -> Vec<String> {
        got.iter()
            .map(|g| match g {
                Got::Text(at, text) => format!("{:?}: {text}", at.line),
                Got::Record(at, _) => format!("{:?}: a record", at.line),
            })
            .collect()
    };
    assert_eq!(texts(&got), texts(&expected), "both hits, at their lines");
    assert_eq!(got.len(), 2, "both hits");
}
