//! Spreadsheets written for a test, as a spreadsheet program saves them: an Excel workbook
//! of one sheet whose text cells are inline strings and whose numbers are numeric cells, and
//! an OpenDocument spreadsheet (LibreOffice's `.ods`) of one sheet with string and float cells.

use std::io::Write;
use std::path::Path;

/// One cell of a sheet.
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        match text {
            "" => Cell::Empty,
            _ => Cell::Text(text.to_owned()),
        }
    }
}

/// The XML of one cell at column `col` (from 0) of row `row` (from 1); empty cells are left
/// out, as Excel does.
fn cell_xml(col: usize, row: usize, cell: &Cell) -> String {
    assert!(col < 26, "one-letter columns only");
    let at = format!("{}{row}", char::from(b'A' + col as u8));
    match cell {
        Cell::Empty => String::new(),
        Cell::Number(n) => format!("<c r=\"{at}\"><v>{n}</v></c>"),
        Cell::Text(t) => {
            let t = t
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{t}</t></is></c>")
        }
    }
}

/// Write `rows` (the header first) as the sheet `sheet` of a new workbook at `path`.
pub fn write_workbook(path: &Path, sheet: &str, rows: &[Vec<Cell>]) {
    let data: String = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let cells: String = cells
                .iter()
                .enumerate()
                .map(|(j, c)| cell_xml(j, i + 1, c))
                .collect();
            format!("<row r=\"{}\">{cells}</row>", i + 1)
        })
        .collect();
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    const DOC: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const SHEET_TYPE: &str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    const BOOK_TYPE: &str =
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" \
                 ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"{BOOK_TYPE}\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"{SHEET_TYPE}\"/>\
                 </Types>"
            ),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" \
                 Type=\"{DOC}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{MAIN}\" xmlns:r=\"{DOC}\"><sheets>\
                 <sheet name=\"{sheet}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{RELS}\"><Relationship Id=\"rId1\" \
                 Type=\"{DOC}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!("<worksheet xmlns=\"{MAIN}\"><sheetData>{data}</sheetData></worksheet>"),
        ),
    ];
    let file = std::fs::File::create(path).expect("the workbook is created");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in parts {
        zip.start_file(name, options)
            .expect("a part of the workbook");
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
        zip.write_all(head.as_bytes()).expect("written");
        zip.write_all(xml.as_bytes()).expect("written");
    }
    zip.finish().expect("the workbook is closed");
}

/// The XML of one OpenDocument table cell.
fn ods_cell(cell: &Cell) -> String {
    match cell {
        Cell::Empty => "<table:table-cell/>".to_owned(),
        Cell::Number(n) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{n}\">\
             <text:p>{n}</text:p></table:table-cell>"
        ),
        Cell::Text(t) => {
            let t = t
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{t}</text:p>\
                 </table:table-cell>"
            )
        }
    }
}

/// Write `rows` (the header first) as the sheet `sheet` of a new OpenDocument spreadsheet at
/// `path`: its `mimetype` first and stored, then its manifest and content.
pub fn write_opendocument(path: &Path, sheet: &str, rows: &[Vec<Cell>]) {
    const MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";
    const OASIS: &str = "urn:oasis:names:tc:opendocument:xmlns";
    let body: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells.iter().map(ods_cell).collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    let content = format!(
        "<office:document-content xmlns:office=\"{OASIS}:office:1.0\" \
         xmlns:table=\"{OASIS}:table:1.0\" xmlns:text=\"{OASIS}:text:1.0\" \
         office:version=\"1.2\"><office:body><office:spreadsheet>\
         <table:table table:name=\"{sheet}\">{body}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = format!(
        "<manifest:manifest xmlns:manifest=\"{OASIS}:manifest:1.0\" manifest:version=\"1.2\">\
         <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"{MIME}\"/>\
         <manifest:file-entry manifest:full-path=\"content.xml\" \
         manifest:media-type=\"text/xml\"/></manifest:manifest>"
    );
    let file = std::fs::File::create(path).expect("the spreadsheet is created");
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("its mimetype");
    zip.write_all(MIME.as_bytes()).expect("written");
    for (name, xml) in [
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a part of the spreadsheet");
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        zip.write_all(head.as_bytes()).expect("written");
        zip.write_all(xml.as_bytes()).expect("written");
    }
    zip.finish().expect("the spreadsheet is closed");
}
