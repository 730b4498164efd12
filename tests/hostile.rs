//! Issue #14's hostile inputs, each generated small here: a few KB that once
//! cost gigabytes or crashed, one bad file that sank a batch, data that
//! leaked between reports. Each must now give a Chinese error (or a report)
//! within the limits of `nianbao::limits`.
#![cfg(feature = "office")]

use nianbao::office::zip_write;

fn error_of(bytes: &[u8], name: &str) -> String {
    match nianbao::import(bytes, Some(name)) {
        Ok(_) => panic!("{name}: read as a report"),
        Err(e) => e.to_string(),
    }
}

/// An XLSX whose workbook lists `sheets` sheets that all point to one
/// worksheet holding a merged region of 5 000 × 200 cells (~1.3 KB).
fn merge_bomb_xlsx(sheets: usize) -> Vec<u8> {
    let list: String = (1..=sheets).map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId1"/>"#)).collect();
    zip_write(&[
        (
            "xl/workbook.xml",
            format!(
                r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{list}</sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#.into(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<worksheet><sheetData/><mergeCells><mergeCell ref="A1:GR5000"/></mergeCells></worksheet>"#.into(),
        ),
    ])
}

#[test]
fn item_1_xlsx_merges_times_sheets_are_bounded() {
    for sheets in [50, 200] {
        let bytes = merge_bomb_xlsx(sheets);
        assert!(bytes.len() < 8_000, "{}", bytes.len());
        let e = error_of(&bytes, "bomb.xlsx");
        assert!(e.contains("超过处理上限"), "{e}");
    }
    // One such sheet alone is within the limits (a big but honest sheet).
    let one = merge_bomb_xlsx(1);
    let sheets = nianbao::office::xlsx::read_workbook(&one).unwrap();
    assert_eq!(sheets.len(), 1);
}

/// A DOCX of `tables` tables, each one row of 200 empty cells then 4 999
/// empty rows (~1 KB for 10 tables).
fn empty_rows_docx(tables: usize) -> Vec<u8> {
    let table = format!("<w:tbl><w:tr>{}</w:tr>{}</w:tbl>", "<w:tc/>".repeat(200), "<w:tr/>".repeat(4_999));
    let body = table.repeat(tables);
    zip_write(&[(
        "word/document.xml",
        format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        ),
    )])
}

#[test]
fn item_2_docx_tables_times_cells_are_bounded() {
    for tables in [10, 100] {
        let bytes = empty_rows_docx(tables);
        assert!(bytes.len() < 8_000, "{}", bytes.len());
        let e = error_of(&bytes, "bomb.docx");
        assert!(e.contains("超过处理上限"), "{e}");
    }
}

#[test]
fn item_15_duplicate_zip_entries_are_input_errors() {
    use std::io::Write;
    // zip_write refuses duplicate names; write the archive by hand with two
    // entries of one name (the zip crate's writer refuses it too, so patch
    // the second name in the bytes).
    let first =
        r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>"#;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", options).unwrap();
    w.write_all(first.as_bytes()).unwrap();
    w.start_file("word/documenX.xml", options).unwrap();
    w.write_all(first.as_bytes()).unwrap();
    let mut bytes = w.finish().unwrap().into_inner();
    let patched = replace_all(&bytes, b"word/documenX.xml", b"word/document.xml");
    bytes = patched;
    let e = error_of(&bytes, "dup.docx");
    assert!(e.contains("同名") && e.contains("word/document.xml"), "{e}");
}

fn replace_all(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn item_15_duplicate_json_keys_are_input_errors_with_their_path() {
    let sample =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.json")).unwrap();
    for (what, json, path) in [
        ("a cell", r#"{"active":{"fees":1,"fees":2}}"#, "active.fees"),
        (
            "a row",
            r#"{"active":{"normative_documents":{"in_force":1},"normative_documents":{"in_force":2}}}"#,
            "active.normative_documents",
        ),
        (
            "a cell in a row",
            r#"{"active":{"normative_documents":{"in_force":1,"in_force":2}}}"#,
            "active.normative_documents.in_force",
        ),
        ("a table", r#"{"active":null,"active":{}}"#, "active"),
        ("a meta field", r#"{"meta":{"organ":"甲","organ":"乙"}}"#, "meta.organ"),
        ("a section", r#"{"sections":{"overview":"a","overview":"b"}}"#, "sections.overview"),
        ("the meta", r#"{"meta":{},"meta":{}}"#, "meta"),
    ] {
        let e = nianbao::import(json.as_bytes(), Some("r.json")).unwrap_err();
        assert_eq!(e.location.as_deref(), Some(path), "{what}: {e}");
        assert!(e.message.contains("两次"), "{what}: {e}");
    }
    // The sample itself has no duplicate.
    nianbao::import(sample.as_bytes(), Some("r.json")).unwrap();
}

#[test]
fn item_15_duplicate_entries_in_a_zip_of_reports_are_named() {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for name in ["甲/年报.json", "甲/年报.jsoX"] {
        w.start_file(name, options).unwrap();
        w.write_all(b"{}").unwrap();
    }
    let bytes = replace_all(&w.finish().unwrap().into_inner(), "甲/年报.jsoX".as_bytes(), "甲/年报.json".as_bytes());
    let e = nianbao::batch::unzip::files(&bytes).unwrap_err();
    assert_eq!(e.location.as_deref(), Some("甲/年报.json"), "{e}");
    assert!(e.message.contains("同名"), "{e}");
}

#[test]
fn item_17_an_empty_report_is_one_error_in_every_format() {
    use nianbao::CheckOptions;
    let findings = |bytes: &[u8], name: &str| {
        let imported = nianbao::import(bytes, Some(name)).unwrap();
        nianbao::check_imported(&imported, &CheckOptions::default())
    };
    let csv_header_only = b"address,value\nmeta.organ_kind,department\n";
    for (bytes, name) in
        [(&br#"{"schema":"gov-info-annual-report/2021"}"#[..], "r.json"), (&csv_header_only[..], "r.csv")]
    {
        let f = findings(bytes, name);
        assert_eq!(f.len(), 1, "{name}: {f:?}");
        assert_eq!((f[0].rule, f[0].severity), ("S7", nianbao::Severity::Error), "{name}");
    }
    // Organ and year only: no text (S1) and three blank tables (S2), no D1 on top.
    let f = findings(r#"{"meta":{"organ":"某局","year":2025}}"#.as_bytes(), "r.json");
    let rules: Vec<&str> = f.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["S1", "S2", "S2", "S2"], "{f:?}");
}
