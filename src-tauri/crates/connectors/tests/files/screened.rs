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
        vec![0..bytes.len()]
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
        file(&dir, "export.csv", cp1252.into_owned()),
        file(
            &dir,
            "bom.csv",
            "\u{feff}a,b\n1,\"x\ny\"\n2,ZZ\n3,\"ZZ\nz\"\n4,w\n",
        ),
        file(&dir, "data.csv", "e@x.fr,1\nZZ@x.fr,2\n"),
        file(
            &dir,
            "notes.txt",
            b"premi\xe8re\r\n\r\n  ZZ au d\xe9but\r\nrien\nfin ZZ".to_vec(),
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
