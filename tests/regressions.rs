//! Inputs that once crashed a fuzz target (tests/fuzz/regressions/), and
//! other hostile inputs: each must give a report or a Chinese error, never
//! a panic, through the whole check-and-render path.

use nianbao::render::{html, markdown, to_csv, to_json_string};
use nianbao::CheckOptions;

fn whole_path(bytes: &[u8], name: Option<&str>) {
    if let Ok(imported) = nianbao::import(bytes, name) {
        let findings = nianbao::check_imported(&imported, &CheckOptions::with_previous(Some(&imported.report)));
        let _ = html::document(&imported.report, &findings);
        let _ = markdown::to_markdown(&imported.report);
        // The exports read back as the same report (what the fuzz target
        // check_and_render asserts).
        for (name, text) in [("r.json", to_json_string(&imported.report)), ("r.csv", to_csv(&imported.report))] {
            let again = nianbao::import(text.as_bytes(), Some(name)).expect("an export re-imports");
            assert_eq!(again.report, imported.report, "{name} round trip of an input read as {:?}", imported.format);
        }
    }
}

/// Found by fuzzing check_and_render: a cell of a page holding “/” is a
/// blank that remembers its mark (the findings say “填了‘/’”); the JSON and
/// CSV exports wrote it as an empty blank, so the report read back was not
/// the same (and a table of “/” became a missing table). They write the
/// mark.
#[test]
fn a_blank_written_as_a_slash_keeps_its_mark_through_the_exports() {
    let mut sample = nianbao::import(include_bytes!("fixtures/hongsibao-2025.json"), Some("r.json")).unwrap().report;
    let cell = nianbao::layout::CellId::from_address("active.licensing").unwrap();
    sample.set_parsed(cell, "/");
    assert_eq!(sample.blank_mark(cell), Some("/"));
    for (name, text) in [("r.json", to_json_string(&sample)), ("r.csv", to_csv(&sample))] {
        assert_eq!(nianbao::import(text.as_bytes(), Some(name)).unwrap().report, sample, "{name}");
        whole_path(text.as_bytes(), Some(name));
    }
    let workbook = nianbao::render::xlsx::to_xlsx(&sample, &[]);
    assert_eq!(nianbao::import(&workbook, Some("r.xlsx")).unwrap().report.blank_mark(cell), Some("/"), "r.xlsx");
}

/// Found by fuzzing check_and_render: a page whose title names the year
/// 4050 gave a report of that year, which its own JSON export then refused
/// (a report year is 2000 to 2100 in every importer). Such a title names
/// no report year.
#[test]
fn a_title_year_out_of_range_is_no_year_and_the_exports_read_back() {
    let mut sample = nianbao::import(include_bytes!("fixtures/hongsibao-2025.json"), Some("r.json")).unwrap().report;
    sample.meta.title = Some("红寺堡区4050年政府信息公开工作年度报告".to_string());
    sample.meta.year = None;
    let page = html::document(&sample, &[]);
    let imported = nianbao::import(page.as_bytes(), Some("r.html")).unwrap();
    assert_eq!(imported.report.meta.year, None);
    whole_path(page.as_bytes(), Some("r.html"));
}

/// Found by fuzzing check_and_render: NUL characters in a page's text (a
/// browser shows nothing for them) reached the CSV export, which then did
/// not read back ("文件包含二进制数据"). They are dropped on reading, in
/// prose and in cells alike.
#[test]
fn nul_characters_in_a_page_are_dropped_and_the_exports_read_back() {
    let sample = nianbao::import(include_bytes!("fixtures/hongsibao-2025.json"), Some("r.json")).unwrap();
    let page = html::document(&sample.report, &[]);
    let salted = page.replacen("。", "\0\0。", 3).replacen(">2<", ">\x002<", 1);
    assert!(salted.contains('\0'));
    let imported = nianbao::import(salted.as_bytes(), Some("r.html")).unwrap();
    assert!(to_json_string(&imported.report).find("\\u0000").is_none());
    whole_path(salted.as_bytes(), Some("r.html"));
}

#[test]
fn fuzz_regressions_do_not_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for name in [None, Some("r.json"), Some("r.csv"), Some("r.md"), Some("r.html"), Some("r.pdf")] {
            whole_path(&bytes, name);
        }
    }
}

#[test]
fn limits_are_refused_quickly_with_a_chinese_message() {
    // Deep nesting (serde_json stops at depth 128 rather than overflow the stack).
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = nianbao::import(format!("{{\"meta\":{deep}}}").as_bytes(), Some("r.json")).unwrap_err();
    assert!(!e.message.is_empty());
    // Too large.
    let big = vec![b' '; nianbao::import::MAX_INPUT_BYTES + 1];
    assert!(nianbao::import(&big, None).unwrap_err().message.contains("过大"));
    // A number beyond the model is an error finding, not a wrap.
    let huge = br#"{"active":{"licensing":123456789012345678901234567890}}"#;
    let imported = nianbao::import(huge, Some("r.json")).unwrap();
    let findings = nianbao::check_imported(&imported, &CheckOptions::default());
    assert!(findings.iter().any(|f| f.rule == "D1" && f.cells == ["active.licensing"]));
}

#[test]
fn garbage_gives_an_error_not_a_report() {
    for bytes in
        [&b"\x00\x01\x02\xff\xfe"[..], b"PK\x03\x04garbage", b"%PDF-1.7\ntruncated", b"<html><body>hello</body></html>"]
    {
        whole_path(bytes, None);
        assert!(nianbao::import(bytes, Some("r.bin")).is_err(), "{bytes:?}");
    }
}
