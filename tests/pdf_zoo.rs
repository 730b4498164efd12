//! PDFs from the producers staff use, read cell for cell: reports nianbao
//! generated (random figures, some breaking their identities) and the
//! corpus web pages, printed by headless Chromium and converted from
//! nianbao's Word export by LibreOffice — narrow columns (labels wrapped in
//! their cells), 表三 across a page break, header rows repeated — and web
//! pages as LibreOffice lays them out itself (no CSS borders, 表三's header
//! row cut by the page break). Made by
//! `scripts/pdf-zoo --fixtures tests/fixtures/pdf-zoo` (which checks a
//! larger random set the same way); each `NAME.PRODUCER.pdf` is read
//! against its source, `NAME.json` beside it or `tests/corpus/NAME.html`.
#![cfg(feature = "pdf")]

use nianbao::layout::TableId;
use nianbao::{CheckOptions, Finding, Severity};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read(path: &Path) -> (nianbao::Imported, Vec<Finding>) {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().and_then(|n| n.to_str());
    let imported = nianbao::import(&bytes, name).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let findings = nianbao::check_imported(&imported, &CheckOptions::default());
    (imported, findings)
}

/// The arithmetic and data findings: the same in the PDF as in its source.
fn arithmetic(findings: &[Finding]) -> Vec<(&'static str, Severity, Vec<String>)> {
    let mut k: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.as_str().starts_with('A') || f.rule.as_str().starts_with('D'))
        .map(|f| (f.rule.as_str(), f.severity, f.addresses().map(String::from).collect()))
        .collect();
    k.sort();
    k
}

#[test]
fn every_producer_gives_the_source_cell_for_cell() {
    let dir = root().join("tests/fixtures/pdf-zoo");
    let mut pdfs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let producers = ["chromium", "libreoffice"];
    for producer in producers {
        assert!(
            pdfs.iter().any(|p| p.to_string_lossy().contains(&format!(".{producer}"))),
            "no {producer} PDF in the zoo"
        );
    }
    let mut failures = Vec::new();
    for pdf in &pdfs {
        let file = pdf.file_name().unwrap().to_string_lossy().to_string();
        let name = file.split('.').next().unwrap();
        let json = dir.join(format!("{name}.json"));
        let source = if json.exists() { json } else { root().join(format!("tests/corpus/{name}.html")) };
        let (want, want_findings) = read(&source);
        let (got, got_findings) = read(pdf);
        let wrong: Vec<String> = TableId::ALL
            .into_iter()
            .flat_map(|t| t.cells())
            .filter(|id| got.report.value(*id) != want.report.value(*id))
            .map(|id| format!("{} = {:?}, source {:?}", id.address(), got.report.value(id), want.report.value(id)))
            .collect();
        let said: Vec<&str> = want_findings.iter().map(|f| f.message.as_str()).collect();
        let unread: Vec<&str> = got_findings
            .iter()
            .filter(|f| matches!(f.rule.as_str(), "S2" | "S3") && !said.contains(&f.message.as_str()))
            .map(|f| f.message.as_str())
            .collect();
        let new_errors: Vec<&str> = got_findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .filter(|f| !want_findings.iter().any(|w| w.rule == f.rule && w.severity == Severity::Error))
            .map(|f| f.rule.as_str())
            .collect();
        if !wrong.is_empty() || !unread.is_empty() || !new_errors.is_empty() {
            failures.push(format!("{file}: {wrong:?} {unread:?} new errors {new_errors:?}"));
        } else if arithmetic(&got_findings) != arithmetic(&want_findings) {
            failures.push(format!(
                "{file}: arithmetic findings differ:\n  pdf    {:?}\n  source {:?}",
                arithmetic(&got_findings),
                arithmetic(&want_findings)
            ));
        }
        if (&got.report.meta.organ, got.report.meta.year) != (&want.report.meta.organ, want.report.meta.year) {
            failures.push(format!("{file}: organ and year {:?}, source {:?}", got.report.meta, want.report.meta));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} PDFs differ from their source:\n{}",
        failures.len(),
        pdfs.len(),
        failures.join("\n")
    );
}
