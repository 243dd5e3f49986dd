//! The planted subject: Élodie Dupont-Martin, hidden in a folder of every format Passerelle
//! reads and in the same tables on PostgreSQL, MariaDB and SQLite, under many spellings
//! (her given and family names in each other's column among them), beside decoys (namesakes
//! with another e-mail, a neighbour whose phone differs by one digit, a Jean Dupond, an
//! Élodie Girard entered with her names swapped).

use std::fs::File;
use std::io::Write;
use std::path::Path;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Document, Object, Stream};
use passerelle_dastra::models::DataSubjectRequestDto;
use passerelle_matching::{Identifier, IdentifierKind, IdentitySet};
use zip::write::SimpleFileOptions;
use zip::ZipWriter;

/// The identity set: the request's fields plus the customer number the DPO added.
pub fn identity() -> IdentitySet {
    let request = DataSubjectRequestDto {
        given_name: Some("Élodie".into()),
        family_name: Some("Dupont-Martin".into()),
        email: Some("elodie.dupont@example.fr".into()),
        phone_number: Some("06 12 34 56 78".into()),
        ..Default::default()
    };
    let mut set = IdentitySet::from_request(&request);
    set.add(Identifier::added(
        IdentifierKind::CustomerNumber,
        "CL-004512",
    ));
    set
}

fn zip(path: &Path, parts: &[(&str, String)]) {
    let mut archive = ZipWriter::new(File::create(path).expect("archive created"));
    for (name, content) in parts {
        archive
            .start_file(*name, SimpleFileOptions::default())
            .expect("part started");
        archive.write_all(content.as_bytes()).expect("part written");
    }
    archive.finish().expect("archive finished");
}

fn xlsx(path: &Path, rows: &[&[&str]]) {
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, value) in row.iter().enumerate() {
            let cell = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            data.push_str(&format!(
                "<c r=\"{cell}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"
            ));
        }
        data.push_str("</row>");
    }
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    zip(
        path,
        &[
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.\
                 openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" \
                 ContentType=\"application/xml\"/><Default Extension=\"rels\" ContentType=\
                 \"application/vnd.openxmlformats-package.relationships+xml\"/></Types>"
                    .into(),
            ),
            (
                "_rels/.rels",
                format!(
                    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.\
                     openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" \
                     Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
                ),
            ),
            (
                "xl/workbook.xml",
                format!(
                    "<?xml version=\"1.0\"?><workbook xmlns=\"{ns}\" xmlns:r=\"{rel}\"><sheets>\
                     <sheet name=\"Fidélité\" sheetId=\"1\" r:id=\"s1\"/></sheets></workbook>"
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.\
                     openxmlformats.org/package/2006/relationships\"><Relationship Id=\"s1\" \
                     Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
                ),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{ns}\"><sheetData>{data}</sheetData></worksheet>"),
            ),
        ],
    );
}

fn docx(path: &Path, paragraphs: &[&str]) {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    zip(
        path,
        &[
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/\
                 package/2006/content-types\"><Default Extension=\"xml\" ContentType=\
                 \"application/xml\"/></Types>"
                    .into(),
            ),
            (
                "word/document.xml",
                format!(
                    "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.\
                     openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body>\
                     </w:document>"
                ),
            ),
        ],
    );
}

fn pdf(path: &Path, pages: &[&[&str]]) {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = Vec::new();
        for (i, text) in lines.iter().enumerate() {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
            operations.extend([
                Operation::new("BT", vec![]),
                Operation::new("Tf", vec!["F1".into(), 12.into()]),
                Operation::new("Td", vec![72.into(), (760 - 20 * i as i64).into()]),
                Operation::new("Tj", vec![Object::string_literal(bytes.into_owned())]),
                Operation::new("ET", vec![]),
            ]);
        }
        let content = Content { operations }.encode().expect("content encoded");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        kids.push(
            doc.add_object(dictionary! {
                "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            })
            .into(),
        );
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("pdf written");
    std::fs::write(path, bytes).expect("pdf saved");
}

const EML: &str = "From: =?UTF-8?Q?=C3=89lodie_Dupont-Martin?= <elodie.dupont+sav@example.fr>\r
To: service-client@example.com\r
Subject: =?UTF-8?Q?R=C3=A9clamation?=\r
Date: Tue, 14 May 2024 09:30:00 +0200\r
MIME-Version: 1.0\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: 8bit\r
\r
Bonjour,\r
Vous pouvez me rappeler au 06.12.34.56.78.\r
Ma voisine, au 06 12 34 56 79, a le même souci.\r
";

/// Write the folder: every format, the subject and the decoys, plus a damaged workbook and
/// an image that is not read. The client list ends with her names alone, each in the other's
/// column (row 6): likely, for a person to confirm.
pub fn folder(root: &Path) {
    for dir in ["crm", "web", "courrier", "logs"] {
        std::fs::create_dir_all(root.join(dir)).expect("folder made");
    }
    let write = |name: &str, bytes: &[u8]| {
        let path = root.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder made");
        std::fs::write(path, bytes).expect("fixture written");
    };
    let csv = "Nom;Prénom;Courriel;Téléphone;Ville\r\n\
               DUPONT-MARTIN;Élodie;elodie.dupont@example.fr;06 12 34 56 78;Lyon\r\n\
               Dupont;Élodie;elodie.dupont@autre.fr;07 11 22 33 44;Paris\r\n\
               Lefèvre;Marc;marc.lefevre@example.fr;06 12 34 56 79;Lyon\r\n\
               Dupond;Jean;jean.dupond@example.fr;01 45 45 45 45;Nantes\r\n\
               ELODIE;Dupont-Martin;;;Lyon\r\n";
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(csv);
    write("crm/clients.csv", &cp1252);
    xlsx(
        &root.join("crm/fidelite.xlsx"),
        &[
            &["Carte", "Nom complet", "Mobile"],
            &["CL004512", "Elodie Dupont Martin", "+33612345678"],
            &["CL009999", "Marc Lefèvre", "+33612345679"],
        ],
    );
    write(
        "web/commandes.json",
        br#"{"orders": [
            {"id": 501, "customer": {"email": "ELODIE.DUPONT@EXAMPLE.FR"}, "total": 89.9},
            {"id": 502, "customer": {"email": "paul.girard@example.fr"}, "total": 12}
        ]}"#,
    );
    write(
        "web/events.ndjson",
        b"{\"event\":\"signup\",\"phone\":\"0612345678\"}\n\
          {\"event\":\"signup\",\"phone\":\"0612345679\"}\n",
    );
    pdf(
        &root.join("courrier/lettre.pdf"),
        &[
            &["Objet : votre commande", "Service client"],
            &["Contact : elodie.dupont@example.fr"],
        ],
    );
    docx(
        &root.join("courrier/reclamation.docx"),
        &[
            "Réclamation",
            "Madame Élodie Dupont-Martin, cliente CL-004512, signale un colis perdu.",
            "Traitée par Jean Dupond.",
        ],
    );
    write("courrier/message.eml", EML.as_bytes());
    write(
        "logs/app.log",
        b"2026-11-02 10:00:01 login ok user=elodie.dupont@example.fr\n\
          2026-11-02 10:05:12 call from 06 12 34 56 79\n",
    );
    write(
        "notes.txt",
        "Rappeler Mme Dupont-Martin lundi.\n".as_bytes(),
    );
    write("crm/casse.xlsx", b"PK\x03\x04 this is not a workbook");
    write("photo.png", b"\x89PNG\r\n\x1a\n");
}

/// How many tables [`tables_sql`] creates: one unit of work each.
pub const TABLE_COUNT: u64 = 4;

/// The tables, as one SQL script for any of the three engines: `clients` with her orders in
/// `commandes`, a catalogue without personal data, and `prospects`, a marketing list keyed by
/// text with one column for the whole name.
///
/// She is stored as a DPO meets her: exactly as the request spells her (client 1), in capitals
/// without accents with her e-mail in capitals and her phone with dots (5), in lower case with
/// a `+tag` on her e-mail (6), with given and family names in each other's column and her
/// phone (7, certain by the phone), by her names alone (8), by her names alone but each in the
/// other's column (12, likely: a person confirms the swap), family name first in one column
/// (P-0001), with `+33 (0)` (P-0002), with non-breaking spaces in the phone and nothing else
/// of hers (P-0003), by her customer number alone (P-0004), and as `Name <address>` (P-0005).
/// The decoys: a namesake Élodie Dupont with another e-mail (2), her neighbour one digit off
/// (3, and 11 written with dots), Jean Dupond (4), an Élodie sharing only her given name (9),
/// a Paul sharing only her family name (10), an Élodie Girard entered with her names swapped,
/// so that only her given name stands in `nom` (13: one name of hers in the wrong column is
/// someone else's), an Élodie Dupont-Martin at another address (P-0006), and a Martin Dupond
/// whose Belgian number has her national digits (P-0007). [`table_findings`] says what each
/// must give.
pub fn tables_sql() -> &'static str {
    "CREATE TABLE clients (id INTEGER PRIMARY KEY, nom VARCHAR(80), prenom VARCHAR(80), \
       email VARCHAR(120), telephone VARCHAR(40), code_postal VARCHAR(10));
     CREATE TABLE commandes (id INTEGER PRIMARY KEY, client_id INTEGER REFERENCES clients (id), \
       article VARCHAR(80));
     CREATE TABLE produits (id INTEGER PRIMARY KEY, libelle VARCHAR(80));
     CREATE TABLE prospects (ref VARCHAR(20) PRIMARY KEY, nom_complet VARCHAR(120), \
       courriel VARCHAR(120), portable VARCHAR(40), num_client VARCHAR(20));
     INSERT INTO clients VALUES (1, 'Dupont-Martin', 'Élodie', 'elodie.dupont@example.fr', \
       '06 12 34 56 78', '69003');
     INSERT INTO clients VALUES (2, 'DUPONT', 'Elodie', 'elodie.dupont@autre.fr', \
       '07 11 22 33 44', '75011');
     INSERT INTO clients VALUES (3, 'Lefèvre', 'Marc', 'marc.lefevre@example.fr', \
       '06 12 34 56 79', '69003');
     INSERT INTO clients VALUES (4, 'Dupond', 'Jean', 'jean.dupond@example.fr', \
       '01 45 45 45 45', '44000');
     INSERT INTO clients VALUES (5, 'DUPONT MARTIN', 'ELODIE', 'ELODIE.DUPONT@EXAMPLE.FR', \
       '06.12.34.56.78', '69003');
     INSERT INTO clients VALUES (6, 'dupont-martin', 'elodie', \
       'elodie.dupont+boutique@example.fr', NULL, '69003');
     INSERT INTO clients VALUES (7, 'Élodie', 'DUPONT-MARTIN', NULL, '+33 6 12 34 56 78', \
       '69003');
     INSERT INTO clients VALUES (8, 'Dupont-Martin', 'Elodie', NULL, NULL, NULL);
     INSERT INTO clients VALUES (9, 'Moreau', 'Élodie', 'elodie.moreau@example.fr', \
       '06 98 76 54 32', '69003');
     INSERT INTO clients VALUES (10, 'Dupont-Martin', 'Paul', 'paul.dupont-martin@example.fr', \
       '06 55 44 33 22', '69003');
     INSERT INTO clients VALUES (11, 'Girard', 'Sophie', 'sophie.girard@example.fr', \
       '06.12.34.56.79', '69003');
     INSERT INTO clients VALUES (12, 'Elodie', 'Dupont Martin', NULL, NULL, NULL);
     INSERT INTO clients VALUES (13, 'Élodie', 'Girard', NULL, NULL, '69003');
     INSERT INTO commandes VALUES (10, 1, 'Vélo'), (11, 1, 'Casque'), (12, 3, 'Pneu');
     INSERT INTO produits VALUES (1, 'Vélo'), (2, 'Casque');
     INSERT INTO prospects VALUES ('P-0001', 'DUPONT-MARTIN Élodie', NULL, NULL, NULL);
     INSERT INTO prospects VALUES ('P-0002', 'Mme E. Dupont-Martin', NULL, \
       '+33 (0)6 12 34 56 78', NULL);
     INSERT INTO prospects VALUES ('P-0003', 'Mme D.', NULL, \
       '06\u{a0}12\u{a0}34\u{a0}56\u{a0}78', NULL);
     INSERT INTO prospects VALUES ('P-0004', NULL, NULL, NULL, 'cl 004 512');
     INSERT INTO prospects VALUES ('P-0005', 'Élodie Dupont-Martin', \
       'Élodie Dupont-Martin <Elodie.Dupont@Example.FR>', NULL, NULL);
     INSERT INTO prospects VALUES ('P-0006', 'Élodie Dupont-Martin', 'elodie.dm@gmail.com', \
       NULL, NULL);
     INSERT INTO prospects VALUES ('P-0007', 'Martin Dupond', 'martin.dupond@example.fr', \
       '+32 6 12 34 56 78', NULL)"
}

/// What a job over [`tables_sql`] in `source` must find, as [`crate::support::lines`] writes
/// it, sorted: every row of hers, at least likely when an identifier of hers or both her names
/// are there; the namesakes as possible at most; nothing for the other decoys.
pub fn table_findings(source: &str) -> Vec<String> {
    let mut lines: Vec<String> = [
        ("clients id=1", "Certain"),
        ("clients id=2", "Possible"),
        ("clients id=5", "Certain"),
        ("clients id=6", "Certain"),
        ("clients id=7", "Certain"),
        ("clients id=8", "Likely"),
        ("clients id=10", "Possible"),
        ("clients id=12", "Likely"),
        ("prospects ref=P-0001", "Likely"),
        ("prospects ref=P-0002", "Certain"),
        ("prospects ref=P-0003", "Certain"),
        ("prospects ref=P-0004", "Certain"),
        ("prospects ref=P-0005", "Certain"),
        ("prospects ref=P-0006", "Possible"),
    ]
    .iter()
    .map(|(row, confidence)| format!("{source} | {row} | {confidence}"))
    .collect();
    lines.sort();
    lines
}
