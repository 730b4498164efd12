//! Web pages saved as one file (“网页，单个文件”): the `.mhtml` Chromium
//! writes (quoted-printable; `tests/fixtures/mhtml/`, saved by headless
//! Chromium's Page.captureSnapshot from a corpus page and from nianbao's
//! HTML rendering of the sample) and the `.mht` Internet Explorer writes
//! (base64, GBK; made here from every corpus page). Each reads as the page
//! itself: the same report, the same findings.
#![cfg(feature = "mhtml")]

use base64::Engine;
use nianbao::{CheckOptions, Finding, Imported};
use std::path::Path;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn import(bytes: &[u8], name: &str) -> Imported {
    nianbao::import(bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn findings(imported: &Imported) -> Vec<(String, String)> {
    let found: Vec<Finding> = nianbao::check_imported(imported, &CheckOptions::default());
    found.into_iter().map(|f| (f.rule.as_str().to_string(), f.message)).collect()
}

fn assert_same(what: &str, got: &Imported, want: &Imported) {
    assert_eq!(got.report, want.report, "{what}");
    assert_eq!(findings(got), findings(want), "{what}");
}

#[test]
fn pages_saved_by_chromium_read_as_the_page() {
    let page = import(&read("tests/corpus/pingtan-2024.html"), "pingtan-2024.html");
    let saved = import(&read("tests/fixtures/mhtml/pingtan-2024.mhtml"), "pingtan-2024.mhtml");
    assert_same("pingtan-2024.mhtml", &saved, &page);
    // nianbao's own rendering of the sample, saved: the sample's cells and errors.
    let sample = import(&read("tests/fixtures/hongsibao-2025.json"), "hongsibao-2025.json");
    let saved = import(&read("tests/fixtures/mhtml/hongsibao-2025.mhtml"), "x.bin");
    for id in nianbao::layout::all_cells() {
        assert_eq!(saved.report.value(id), sample.report.value(id), "{}", id.address());
    }
    let errors = |imported: &Imported| -> Vec<String> {
        let mut rules: Vec<String> = findings(imported)
            .into_iter()
            .filter(|(rule, _)| rule.starts_with('A') || rule.starts_with('X'))
            .map(|(rule, _)| rule)
            .collect();
        rules.sort();
        rules
    };
    assert_eq!(errors(&saved), errors(&sample));
}

/// Internet Explorer's `.mht`: the page in GBK, as base64 in lines of 76.
fn internet_explorer_mht(html: &str) -> Vec<u8> {
    let html = html.replace("charset=utf-8", "charset=gb2312").replace("charset=\"utf-8\"", "charset=\"gb2312\"");
    let (gbk, _, _) = encoding_rs::GBK.encode(&html);
    let encoded = base64::engine::general_purpose::STANDARD.encode(&gbk);
    let lines: Vec<&str> = encoded.as_bytes().chunks(76).map(|c| std::str::from_utf8(c).unwrap()).collect();
    format!(
        "From: <由 Windows Internet Explorer 8 保存>\r\nSubject: report\r\nDate: Tue, 1 Feb 2022 10:00:00 +0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----=_NextPart_000_0000_01D81A2B.4C1E9A10\"\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n------=_NextPart_000_0000_01D81A2B.4C1E9A10\r\nContent-Type: text/html;\r\n\tcharset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\nContent-Location: http://www.example.gov.cn/report.html\r\n\r\n{}\r\n\r\n------=_NextPart_000_0000_01D81A2B.4C1E9A10\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlhAQABAAAAACw=\r\n\r\n------=_NextPart_000_0000_01D81A2B.4C1E9A10--\r\n",
        lines.join("\r\n")
    )
    .into_bytes()
}

#[test]
fn pages_saved_by_internet_explorer_read_as_the_page() {
    for name in ["pingtan-2020", "pingtan-2021", "pingtan-2024"] {
        let html = String::from_utf8(read(&format!("tests/corpus/{name}.html"))).unwrap();
        let page = import(html.as_bytes(), &format!("{name}.html"));
        let saved = import(&internet_explorer_mht(&html), &format!("{name}.mht"));
        assert_same(name, &saved, &page);
    }
}

#[test]
fn a_damaged_saved_page_is_a_chinese_error() {
    let saved = read("tests/fixtures/mhtml/pingtan-2024.mhtml");
    // Cut short, and with its pages' type lost.
    let cut = &saved[..2000];
    let e = nianbao::import(cut, Some("p.mhtml")).map(|_| ()).unwrap_err();
    assert!(e.message.contains("单个文件网页") || e.message.contains("网页"), "{e}");
    let lost = String::from_utf8_lossy(&saved).replace("Content-Type: text/html", "Content-Type: text/plain");
    let e = nianbao::import(lost.as_bytes(), Some("p.mhtml")).map(|_| ()).unwrap_err();
    assert!(e.message.contains("没有找到网页内容"), "{e}");
}
