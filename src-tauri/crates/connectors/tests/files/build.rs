//! Fixture builders: the smallest files each real writer would produce, made at test time.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use lopdf::content::{Content, Operation};
use lopdf::{
    dictionary, Document, EncryptionState, EncryptionVersion, Object, Permissions, Stream,
};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A zip archive of `(name, content)` parts, the first one stored (as ODF wants its
/// `mimetype`), the others deflated.
fn zip(path: &Path, parts: &[(&str, &str)]) {
    let mut archive = ZipWriter::new(File::create(path).expect("archive created"));
    for (i, (name, content)) in parts.iter().enumerate() {
        let method = if i == 0 {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let options = SimpleFileOptions::default().compression_method(method);
        archive.start_file(*name, options).expect("part started");
        archive.write_all(content.as_bytes()).expect("part written");
    }
    archive.finish().expect("archive finished");
}

/// A workbook with a "Clients" sheet (header, a date cell, numbers) and a "Sans en-tête"
/// sheet whose only row is data starting at B3.
pub fn xlsx(path: &Path) {
    let s = |r: &str, v: &str| format!(r#"<c r="{r}" t="inlineStr"><is><t>{v}</t></is></c>"#);
    let clients = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1">{}{}{}{}{}</row>
<row r="2">{}{}{}<c r="D2" s="1"><v>31121</v></c><c r="E2"><v>42</v></c></row>
<row r="3">{}<c r="E3"><v>12.5</v></c></row>
</sheetData></worksheet>"#,
        s("A1", "Nom"),
        s("B1", "Prénom"),
        s("C1", "E-mail"),
        s("D1", "Naissance"),
        s("E1", "Score"),
        s("A2", "Martin"),
        s("B2", "Élodie"),
        s("C2", "elodie.martin@example.fr"),
        s("A3", "Dupont"),
    );
    let loose = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="3">{}{}</row>
</sheetData></worksheet>"#,
        s("B3", "Dupont"),
        s("C3", "jean.dupont@example.fr"),
    );
    zip(
        path,
        &[
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Clients" sheetId="1" r:id="rId1"/><sheet name="Sans en-tête" sheetId="2" r:id="rId2"/></sheets>
</workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"#,
            ),
            (
                "xl/styles.xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>
</styleSheet>"#,
            ),
            ("xl/worksheets/sheet1.xml", &clients),
            ("xl/worksheets/sheet2.xml", &loose),
        ],
    );
}

/// A spreadsheet with a "Contacts" table: a header, then a string, a date and a number.
pub fn ods(path: &Path) {
    let cell = |v: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="Contacts">
<table:table-row>{}{}{}</table:table-row>
<table:table-row>{}<table:table-cell office:value-type="date" office:date-value="1985-03-15"><text:p>15/03/1985</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#,
        cell("Nom"),
        cell("Naissance"),
        cell("Enfants"),
        cell("Martin"),
    );
    zip(
        path,
        &[
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "META-INF/manifest.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#,
            ),
            ("content.xml", &content),
        ],
    );
}

/// A letter: a paragraph, an empty one, one of three runs with an entity, a table of two
/// cells, one with a tab, and one holding a text box saved with its fallback copy.
pub fn docx(path: &Path) {
    zip(
        path,
        &[
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"#,
            ),
            (
                "word/document.xml",
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml"><w:body>
<w:p><w:r><w:t>Objet : demande d’accès</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">Madame </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Élodie Martin</w:t></w:r><w:r><w:t xml:space="preserve"> &amp; M. Dupont</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>E-mail</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>elodie.martin@example.fr</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>Fin</w:t><w:tab/><w:t>du courrier</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
<w:p><w:r><w:t>Note : Élodie</w:t></w:r></w:p>
</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>
<w:p><w:r><w:t>Note : Élodie</w:t></w:r></w:p>
</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
</w:body></w:document>"#,
            ),
        ],
    );
}

/// A two-page PDF in Helvetica with the Windows (WinAnsi) encoding, written by lopdf.
pub fn pdf() -> Vec<u8> {
    save(&mut pdf_document())
}

/// The same PDF encrypted by lopdf (RC4, 128 bits), with an owner password and the given
/// user password (empty: anyone may open it, only the rights are restricted).
pub fn encrypted_pdf(user_password: &str) -> Vec<u8> {
    let mut doc = pdf_document();
    let id = Object::string_literal(b"passerelle-fixture".to_vec());
    doc.trailer.set("ID", vec![id.clone(), id]);
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "proprietaire",
        user_password,
        key_length: 128,
        permissions: Permissions::default(),
    };
    let state = EncryptionState::try_from(version).expect("encryption set up");
    doc.encrypt(&state).expect("pdf encrypted");
    save(&mut doc)
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("pdf written");
    bytes
}

fn pdf_document() -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let line = |y: i64, text: &str| {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), y.into()]),
            Operation::new("Tj", vec![Object::string_literal(bytes.into_owned())]),
            Operation::new("ET", vec![]),
        ]
    };
    let pages = [
        [
            line(760, "Objet : demande d'accès"),
            line(740, "Madame Élodie Martin"),
        ]
        .concat(),
        line(760, "elodie.martin@example.fr"),
    ];
    let mut kids = Vec::new();
    for operations in pages {
        let content = Content { operations };
        let stream = Stream::new(dictionary! {}, content.encode().expect("content encoded"));
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    doc
}

/// A request by e-mail: encoded sender name, several recipients, a text part and an
/// attachment.
pub const EML: &str = "From: =?UTF-8?Q?=C3=89lodie_Martin?= <elodie.martin@example.fr>\r
To: dpo@example.com, \"Service RH\" <rh@example.com>\r
Cc: jean.dupont@example.fr\r
Reply-To: elodie.perso@example.org\r
Subject: Demande d'accès\r
Date: Tue, 14 May 2024 09:30:00 +0200\r
MIME-Version: 1.0\r
Content-Type: multipart/mixed; boundary=\"limite\"\r
\r
--limite\r
Content-Type: text/plain; charset=utf-8\r
Content-Transfer-Encoding: 8bit\r
\r
Bonjour,\r
\r
Je souhaite accéder à mes données.\r
Élodie\r
--limite\r
Content-Type: application/pdf; name=\"piece-identite.pdf\"\r
Content-Disposition: attachment; filename=\"piece-identite.pdf\"\r
Content-Transfer-Encoding: base64\r
\r
JVBERi0xLjQK\r
--limite--\r
";

/// A message with an HTML body only.
pub const HTML_EML: &str = "From: rh@example.com\r
To: dpo@example.com\r
Subject: Transfert\r
MIME-Version: 1.0\r
Content-Type: text/html; charset=utf-8\r
\r
<html><body><p>Bonjour <b>&Eacute;lodie</b> Martin</p></body></html>\r
";
