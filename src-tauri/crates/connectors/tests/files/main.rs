//! The file readers on real files, built here in a temporary folder by the same tools that
//! write them in the wild (zip archives of Office XML, a PDF written by lopdf, Windows-1252
//! bytes from encoding_rs), read by the real parsers.

mod build;
mod screened;

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use passerelle_connectors::files::{
    read_file, FileError, FileSummary, Format, Location, Piece, ReadOptions,
};
use passerelle_connectors::folder::{Selection, Walked};

/// An owned copy of a piece, to compare.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Got {
    Record(Location, Vec<(String, String)>),
    Text(Location, String),
}

/// Read a file whole, keeping every piece.
pub(crate) fn read(path: &Path) -> (FileSummary, Vec<Got>) {
    try_read(path).unwrap_or_else(|e| panic!("{} should read: {e}", path.display()))
}

fn try_read(path: &Path) -> Result<(FileSummary, Vec<Got>), FileError> {
    let mut got = Vec::new();
    let mut sink = |piece: Piece<'_>| {
        got.push(match piece {
            Piece::Record { at, fields } => Got::Record(at.clone(), fields.to_vec()),
            Piece::Text { at, text } => Got::Text(at.clone(), text.to_owned()),
        });
        ControlFlow::Continue(())
    };
    let summary = read_file(path, &ReadOptions::default(), &mut sink)?;
    Ok((summary, got))
}

/// A location in `path`, refined by the builder methods.
fn at(path: &Path) -> Location {
    Location::file(path)
}

trait Refine {
    fn sheet(self, sheet: &str) -> Self;
    fn row(self, row: u64) -> Self;
    fn page(self, page: u32) -> Self;
    fn line(self, line: u64) -> Self;
}

impl Refine for Location {
    fn sheet(mut self, sheet: &str) -> Self {
        self.sheet = Some(sheet.to_owned());
        self
    }
    fn row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }
    fn page(mut self, page: u32) -> Self {
        self.page = Some(page);
        self
    }
    fn line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }
}

fn record(at: Location, fields: &[(&str, &str)]) -> Got {
    let fields = fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Got::Record(at, fields)
}

fn text(at: Location, text: &str) -> Got {
    Got::Text(at, text.to_owned())
}

/// Write `bytes` as `name` in `dir`, with the folders it needs.
pub(crate) fn file(dir: &tempfile::TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().expect("in a folder")).expect("folder made");
    std::fs::write(&path, bytes).expect("fixture written");
    path
}

pub(crate) fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_windows_1252_semicolon_csv_is_decoded_with_its_header() {
    let dir = temp();
    let csv = "Nom;Prénom;E-mail;Ville\r\n\
               Martin;Élodie;elodie.martin@example.fr;Besançon\r\n\
               Durand;Loïc;;Orléans\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(csv);
    assert!(!unmappable, "the fixture is Windows-1252");
    let path = file(&dir, "export-clients.csv", &bytes);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Csv);
    assert_eq!(summary.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(summary.delimiter, Some(';'));
    assert_eq!(summary.pieces, 2, "the header is not a record");
    assert_eq!(
        got,
        [
            record(
                at(&path).row(2).line(2),
                &[
                    ("Nom", "Martin"),
                    ("Prénom", "Élodie"),
                    ("E-mail", "elodie.martin@example.fr"),
                    ("Ville", "Besançon"),
                ]
            ),
            record(
                at(&path).row(3).line(3),
                &[("Nom", "Durand"), ("Prénom", "Loïc"), ("Ville", "Orléans")]
            ),
        ],
        "empty cells are left out"
    );
}

#[test]
fn a_utf8_csv_with_a_bom_keeps_quoted_multiline_fields_whole() {
    let dir = temp();
    let csv = "\u{FEFF}id,name,note\n\
               1,Élodie Martin,\"Appelée le 3 mars, \"\"urgent\"\"\nrappeler\"\n\
               2,Jean Dupont,ok\n";
    let path = file(&dir, "notes.csv", csv);

    let (summary, got) = read(&path);
    assert_eq!(summary.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(summary.delimiter, Some(','));
    assert_eq!(
        got,
        [
            record(
                at(&path).row(2).line(2),
                &[
                    ("id", "1"),
                    ("name", "Élodie Martin"),
                    ("note", "Appelée le 3 mars, \"urgent\"\nrappeler"),
                ]
            ),
            record(
                at(&path).row(3).line(4),
                &[("id", "2"), ("name", "Jean Dupont"), ("note", "ok")]
            ),
        ],
        "the BOM is not part of the first header, and the record spans two lines"
    );
}

#[test]
fn a_table_whose_first_row_is_data_gets_column_letters() {
    let dir = temp();
    let tsv = "Martin\telodie.martin@example.fr\t0612345678\nDupont\tjean@example.fr\n";
    let path = file(&dir, "sans-entete.tsv", tsv);

    let (summary, got) = read(&path);
    assert_eq!(summary.delimiter, Some('\t'));
    assert_eq!(
        got,
        [
            record(
                at(&path).row(1).line(1),
                &[
                    ("A", "Martin"),
                    ("B", "elodie.martin@example.fr"),
                    ("C", "0612345678"),
                ]
            ),
            record(
                at(&path).row(2).line(2),
                &[("A", "Dupont"), ("B", "jean@example.fr")]
            ),
        ]
    );
}

#[test]
fn a_csv_larger_than_the_sniffed_head_is_read_to_its_end() {
    let dir = temp();
    let mut csv = String::from("id;email\n");
    for i in 1..=20_000 {
        csv.push_str(&format!("{i};personne{i}@example.fr\n"));
    }
    assert!(csv.len() > 64 * 1024, "past the head");
    let path = file(&dir, "grand.csv", &csv);

    let (summary, got) = read(&path);
    assert_eq!(summary.pieces, 20_000);
    assert_eq!(
        got.last(),
        Some(&record(
            at(&path).row(20_001).line(20_001),
            &[("id", "20000"), ("email", "personne20000@example.fr")]
        ))
    );
}

#[test]
fn a_utf16_csv_with_a_bom_is_decoded() {
    let dir = temp();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "Nom|Ville\nÉlodie|Besançon\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let path = file(&dir, "utf16.csv", bytes);

    let (summary, got) = read(&path);
    assert_eq!(summary.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(summary.delimiter, Some('|'));
    assert_eq!(
        got,
        [record(
            at(&path).row(2).line(2),
            &[("Nom", "Élodie"), ("Ville", "Besançon")]
        )]
    );
}

#[test]
fn every_sheet_of_an_xlsx_workbook_is_read_with_iso_dates_and_plain_numbers() {
    let dir = temp();
    let path = dir.path().join("rh.xlsx");
    build::xlsx(&path);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Xlsx);
    assert_eq!(
        summary.encoding, None,
        "a workbook has no text encoding to guess"
    );
    assert_eq!(
        got,
        [
            record(
                at(&path).sheet("Clients").row(2),
                &[
                    ("Nom", "Martin"),
                    ("Prénom", "Élodie"),
                    ("E-mail", "elodie.martin@example.fr"),
                    ("Naissance", "1985-03-15"),
                    ("Score", "42"),
                ]
            ),
            record(
                at(&path).sheet("Clients").row(3),
                &[("Nom", "Dupont"), ("Score", "12.5")]
            ),
            record(
                at(&path).sheet("Sans en-tête").row(3),
                &[("B", "Dupont"), ("C", "jean.dupont@example.fr")]
            ),
        ],
        "sheet 2 starts at B3 and has no header"
    );
}

#[test]
fn an_ods_spreadsheet_is_read_like_a_workbook() {
    let dir = temp();
    let path = dir.path().join("contacts.ods");
    build::ods(&path);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Ods);
    assert_eq!(
        got,
        [record(
            at(&path).sheet("Contacts").row(2),
            &[
                ("Nom", "Martin"),
                ("Naissance", "1985-03-15"),
                ("Enfants", "3"),
            ]
        )]
    );
}

#[test]
fn a_json_export_gives_a_record_per_element_with_dotted_paths() {
    let dir = temp();
    let json = r#"{
      "exportedAt": "2024-05-01",
      "customers": [
        {"id": 1, "name": "Élodie Martin",
         "contact": {"email": "elodie.martin@example.fr",
                     "phones": ["06 12 34 56 78", "01 23 45 67 89"]}},
        {"id": 2, "name": "Jean Dupont", "contact": {"email": null}}
      ]
    }"#;
    let path = file(&dir, "crm.json", json);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Json);
    assert_eq!(
        got,
        [
            record(at(&path), &[("exportedAt", "2024-05-01")]),
            record(
                at(&path).sheet("customers").row(1),
                &[
                    ("id", "1"),
                    ("name", "Élodie Martin"),
                    ("contact.email", "elodie.martin@example.fr"),
                    ("contact.phones", "06 12 34 56 78, 01 23 45 67 89"),
                ]
            ),
            record(
                at(&path).sheet("customers").row(2),
                &[("id", "2"), ("name", "Jean Dupont")]
            ),
        ],
        "the other members first, then one record per customer; nulls are left out"
    );
}

#[test]
fn a_top_level_json_array_gives_a_record_per_element() {
    let dir = temp();
    let path = file(
        &dir,
        "liste.json",
        r#"[{"email": "a@example.fr"}, {"email": "b@example.fr"}]"#,
    );
    let (_, got) = read(&path);
    assert_eq!(
        got,
        [
            record(at(&path).row(1), &[("email", "a@example.fr")]),
            record(at(&path).row(2), &[("email", "b@example.fr")]),
        ]
    );
}

#[test]
fn a_broken_ndjson_line_is_skipped_and_counted() {
    let dir = temp();
    let lines = "{\"user\": {\"email\": \"elodie.martin@example.fr\"}, \"event\": \"login\"}\n\
                 {\"user\": {\"email\": \"jean@example.fr\", \n\
                 \n\
                 {\"user\": {\"email\": \"jean.dupont@example.fr\"}, \"tags\": [\"a\", \"b\"]}\n";
    let path = file(&dir, "events.jsonl", lines);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Ndjson);
    assert_eq!(summary.skipped, 1, "the broken line");
    assert_eq!(
        got,
        [
            record(
                at(&path).line(1),
                &[
                    ("user.email", "elodie.martin@example.fr"),
                    ("event", "login")
                ]
            ),
            record(
                at(&path).line(4),
                &[("user.email", "jean.dupont@example.fr"), ("tags", "a, b")]
            ),
        ]
    );
}

#[test]
fn a_json_file_written_one_object_per_line_is_read_as_ndjson() {
    let dir = temp();
    let path = file(&dir, "events.json", "{\"a\": 1}\n{\"a\": 2}\n");
    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Ndjson);
    assert_eq!(got.len(), 2);
}

#[test]
fn a_log_gives_a_text_piece_per_non_blank_line() {
    let dir = temp();
    let log = "2024-05-01 10:00:02 login elodie.martin@example.fr\n\
               \n   \n\
               2024-05-01 10:05:40 logout\r\n";
    let path = file(&dir, "app.log", log);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Text);
    assert_eq!(summary.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(
        got,
        [
            text(
                at(&path).line(1),
                "2024-05-01 10:00:02 login elodie.martin@example.fr"
            ),
            text(at(&path).line(4), "2024-05-01 10:05:40 logout"),
        ]
    );
}

#[test]
fn a_windows_1252_text_file_is_decoded() {
    let dir = temp();
    let path = file(&dir, "note.txt", b"Rappeler Fran\xE7ois \xC9mile\n");
    let (summary, got) = read(&path);
    assert_eq!(summary.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(got, [text(at(&path).line(1), "Rappeler François Émile")]);
}

#[test]
fn a_pdf_gives_its_lines_page_by_page() {
    let dir = temp();
    let path = file(&dir, "courrier.pdf", build::pdf());

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Pdf);
    assert_eq!(summary.skipped, 0, "every page decodes");
    assert_eq!(
        got,
        [
            text(at(&path).page(1).line(1), "Objet : demande d'accès"),
            text(at(&path).page(1).line(2), "Madame Élodie Martin"),
            text(at(&path).page(2).line(1), "elodie.martin@example.fr"),
        ]
    );
}

#[test]
fn a_docx_gives_a_text_piece_per_paragraph_tables_included() {
    let dir = temp();
    let path = dir.path().join("courrier.docx");
    build::docx(&path);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Docx);
    assert_eq!(
        got,
        [
            text(at(&path).line(1), "Objet : demande d’accès"),
            text(at(&path).line(3), "Madame Élodie Martin & M. Dupont"),
            text(at(&path).line(4), "E-mail"),
            text(at(&path).line(5), "elodie.martin@example.fr"),
            text(at(&path).line(6), "Fin\tdu courrier"),
            text(at(&path).line(7), "Note : Élodie"),
        ],
        "paragraph 2 is empty; runs join, entities resolve, tabs stay; the text box (paragraph \
         7, inside paragraph 8) is read once"
    );
}

#[test]
fn an_eml_gives_its_headers_then_its_body_lines() {
    let dir = temp();
    let path = file(&dir, "demande.eml", build::EML);

    let (summary, got) = read(&path);
    assert_eq!(summary.format, Format::Eml);
    assert_eq!(
        got,
        [
            record(
                at(&path),
                &[
                    ("From", "Élodie Martin <elodie.martin@example.fr>"),
                    ("To", "dpo@example.com, Service RH <rh@example.com>"),
                    ("Cc", "jean.dupont@example.fr"),
                    ("Reply-To", "elodie.perso@example.org"),
                    ("Subject", "Demande d'accès"),
                    ("Date", "2024-05-14T09:30:00+02:00"),
                    ("Attachments", "piece-identite.pdf"),
                ]
            ),
            text(at(&path).line(1), "Bonjour,"),
            text(at(&path).line(3), "Je souhaite accéder à mes données."),
            text(at(&path).line(4), "Élodie"),
        ]
    );
}

#[test]
fn an_html_only_eml_is_read_without_its_tags() {
    let dir = temp();
    let path = file(&dir, "html.eml", build::HTML_EML);
    let (_, got) = read(&path);
    let texts: Vec<&str> = got
        .iter()
        .filter_map(|g| match g {
            Got::Text(_, t) => Some(t.as_str()),
            Got::Record(..) => None,
        })
        .collect();
    assert_eq!(texts, ["Bonjour Élodie Martin"], "no tag is left");
}

#[test]
fn a_sink_that_breaks_stops_the_file() {
    let dir = temp();
    let log: String = (1..=100).map(|i| format!("ligne {i}\n")).collect();
    let path = file(&dir, "long.log", log);

    let mut seen = 0;
    let mut sink = |_: Piece<'_>| {
        seen += 1;
        if seen == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    };
    let summary = read_file(&path, &ReadOptions::default(), &mut sink).expect("read");
    assert!(summary.stopped, "the summary says the sink stopped it");
    assert_eq!(summary.pieces, 3);
    assert_eq!(seen, 3, "no piece after the break");
}

#[test]
fn a_sink_that_breaks_stops_a_workbook_between_sheets_too() {
    let dir = temp();
    let path = dir.path().join("rh.xlsx");
    build::xlsx(&path);
    let mut sink = |_: Piece<'_>| ControlFlow::Break(());
    let summary = read_file(&path, &ReadOptions::default(), &mut sink).expect("read");
    assert_eq!((summary.pieces, summary.stopped), (1, true));
}

#[test]
fn a_damaged_xlsx_is_reported_as_corrupt_with_what_to_do() {
    let dir = temp();
    let path = file(
        &dir,
        "abime.xlsx",
        b"PK\x03\x04 this is not the rest of a zip archive",
    );
    let error = try_read(&path).expect_err("a damaged workbook");
    assert!(
        matches!(
            error,
            FileError::Corrupt {
                format: Format::Xlsx,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "file {}: not a valid XLSX file (the zip archive is damaged); open it in Excel and \
             save it again",
            path.display()
        )
    );
}

#[test]
fn a_password_protected_xlsx_is_reported_as_encrypted() {
    let dir = temp();
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(4096, 0);
    let path = file(&dir, "salaires.xlsx", bytes);
    let error = try_read(&path).expect_err("an encrypted workbook");
    assert!(
        matches!(
            error,
            FileError::Encrypted {
                format: Format::Xlsx,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("protected by a password"),
        "{error}"
    );
}

#[test]
fn a_truncated_pdf_is_reported_as_corrupt() {
    let dir = temp();
    let whole = build::pdf();
    let path = file(&dir, "tronque.pdf", &whole[..whole.len() / 2]);
    let error = try_read(&path).expect_err("half a PDF");
    assert!(
        matches!(
            error,
            FileError::Corrupt {
                format: Format::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().ends_with("print it to a new PDF"),
        "says what to do: {error}"
    );
}

#[test]
fn a_pdf_locked_by_a_user_password_is_reported_as_encrypted() {
    let dir = temp();
    let path = file(&dir, "verrouille.pdf", build::encrypted_pdf("secret"));
    let error = try_read(&path).expect_err("a locked PDF");
    assert!(
        matches!(
            error,
            FileError::Encrypted {
                format: Format::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_pdf_with_only_an_owner_password_is_read() {
    let dir = temp();
    let path = file(&dir, "restreint.pdf", build::encrypted_pdf(""));
    let (_, got) = read(&path);
    let texts: Vec<&str> = got
        .iter()
        .filter_map(|g| match g {
            Got::Text(_, t) => Some(t.as_str()),
            Got::Record(..) => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "Objet : demande d'accès",
            "Madame Élodie Martin",
            "elodie.martin@example.fr"
        ],
        "opened with the empty user password, decrypted"
    );
}

#[test]
fn a_password_protected_docx_is_reported_as_encrypted() {
    let dir = temp();
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(4096, 0);
    let path = file(&dir, "contrat.docx", bytes);
    let error = try_read(&path).expect_err("an encrypted document");
    assert!(
        matches!(
            error,
            FileError::Encrypted {
                format: Format::Docx,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_named_pipe_is_not_opened() {
    let dir = temp();
    let pipe = dir.path().join("tube.txt");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let error = try_read(&pipe).expect_err("not a regular file");
    assert!(matches!(error, FileError::Unsupported { .. }), "{error:?}");
}

#[test]
fn a_file_that_may_not_be_read_is_reported_as_such() {
    use std::os::unix::fs::PermissionsExt;

    let dir = temp();
    let path = file(&dir, "prive.csv", "a;b\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // NOTE: root reads a file whatever its mode. A write-only sysfs attribute refuses root
    // too (opening it for reading is refused before anything happens), so use one when the
    // mode did not keep us out.
    let refused = if std::fs::File::open(&path).is_err() {
        path.clone()
    } else {
        match write_only_system_file() {
            Some(path) => path,
            None => {
                eprintln!("skipped: running as root and no write-only system file to try");
                return;
            }
        }
    };
    let error = try_read(&refused).expect_err("no read permission");
    assert!(
        matches!(&error, FileError::PermissionDenied { path } if *path == refused),
        "{error:?}"
    );
    assert!(error.to_string().contains("ask for read access"), "{error}");
}

fn write_only_system_file() -> Option<PathBuf> {
    let buses = std::fs::read_dir("/sys/bus").ok()?;
    let candidates = buses
        .filter_map(Result::ok)
        .map(|bus| bus.path().join("drivers_probe"))
        .chain([PathBuf::from("/sys/bus/pci/rescan")]);
    candidates
        .into_iter()
        .find(|p| p.exists() && std::fs::File::open(p).is_err())
}

#[test]
fn a_file_over_the_limit_is_not_read() {
    let dir = temp();
    let path = file(&dir, "gros.csv", "a;b\n1;2\n");
    let options = ReadOptions::default().with_max_file_bytes(4);
    let mut sink = |_: Piece<'_>| panic!("nothing is read");
    let error = read_file(&path, &options, &mut sink).expect_err("too large");
    assert!(
        matches!(
            error,
            FileError::TooLarge {
                bytes: 8,
                limit: 4,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn unsupported_files_and_encodings_are_told_apart() {
    let dir = temp();
    let program = file(&dir, "outil.exe", b"MZ\x90\x00");
    assert!(matches!(
        try_read(&program),
        Err(FileError::Unsupported { .. })
    ));

    let utf32 = file(&dir, "utf32.txt", b"\xFF\xFE\x00\x00a\x00\x00\x00");
    let error = try_read(&utf32).expect_err("UTF-32");
    assert!(
        matches!(&error, FileError::UnsupportedEncoding { encoding, .. } if encoding == "UTF-32LE"),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("save it again as UTF-8"),
        "{error}"
    );
}

#[test]
fn a_missing_file_is_not_found() {
    let dir = temp();
    let error = try_read(&dir.path().join("parti.csv")).expect_err("missing");
    assert!(matches!(error, FileError::NotFound { .. }), "{error:?}");
}

#[test]
fn a_folder_walk_hands_every_selected_file_to_the_reader() {
    let dir = temp();
    file(
        &dir,
        "clients.csv",
        "nom;email\nMartin;elodie.martin@example.fr\n",
    );
    file(&dir, "notes/appel.txt", "Rappeler Élodie Martin\n");
    file(&dir, "notes/photo.jpg", b"\xFF\xD8\xFF");
    file(&dir, "tmp/brouillon.txt", "Élodie\n");
    let settings = passerelle_vault::settings::FolderSettings {
        path: dir.path().to_owned(),
        include: vec![],
        exclude: vec!["tmp".into()],
    };
    let selection = Selection::new(&settings).expect("patterns compile");

    let mut read_ok = Vec::new();
    let mut unsupported = Vec::new();
    for walked in selection.walk(dir.path()) {
        let Walked::File(walked) = walked else {
            panic!("everything is readable")
        };
        match try_read(&walked.path) {
            Ok((summary, _)) => read_ok.push((walked.relative, summary.format, summary.pieces)),
            Err(FileError::Unsupported { .. }) => unsupported.push(walked.relative),
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(
        read_ok,
        [
            (PathBuf::from("clients.csv"), Format::Csv, 1),
            (PathBuf::from("notes/appel.txt"), Format::Text, 1),
        ],
        "in name order, tmp left out"
    );
    assert_eq!(unsupported, [PathBuf::from("notes/photo.jpg")]);
}
