//! The text real reports write under 二、三、四 beside the tables
//! (`sections.active_note`, `requests_note`, `review_note`): read from a
//! published text, kept by every export and read back unchanged.

use nianbao::import;
use nianbao::model::{Report, SectionKey};
use nianbao::render::{html, markdown, to_csv, to_json_string};

const ACTIVE: &str = "2024年制作、获取政府信息总数467条。";
const REQUESTS: &str = "2025年，共收到政府信息公开申请34件，均已按时答复。";
const REVIEW: &str = "本年度未发生行政复议、行政诉讼。";

/// The sample as published text, with a paragraph under each table heading.
fn sample_with_notes() -> String {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.md")).unwrap();
    text.replace("## 二、主动公开政府信息情况\n", &format!("## 二、主动公开政府信息情况\n\n{ACTIVE}\n"))
        .replace(
            "### 三、收到和处理政府信息公开申请情况\n",
            &format!("### 三、收到和处理政府信息公开申请情况\n\n{REQUESTS}\n"),
        )
        .replace(
            "#### 四、政府信息公开行政复议、行政诉讼情况\n",
            &format!("#### 四、政府信息公开行政复议、行政诉讼情况\n\n{REVIEW}\n"),
        )
}

fn notes(report: &Report) -> [Option<&str>; 3] {
    [SectionKey::ActiveNote, SectionKey::RequestsNote, SectionKey::ReviewNote].map(|k| report.sections.get(k))
}

#[test]
fn text_under_the_table_headings_is_read_as_notes() {
    let imported = import(sample_with_notes().as_bytes(), Some("report.md")).unwrap();
    assert_eq!(notes(&imported.report), [Some(ACTIVE), Some(REQUESTS), Some(REVIEW)]);
    // The notes do not leak into the sections around them.
    assert!(!imported.report.sections.overview.as_deref().unwrap().contains(ACTIVE));
    assert!(!imported.report.sections.problems.as_deref().unwrap().contains(REVIEW));
}

#[test]
fn a_report_without_notes_has_none() {
    let text = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.md")).unwrap();
    let imported = import(&text, Some("report.md")).unwrap();
    assert_eq!(notes(&imported.report), [None, None, None]);
    // …and its JSON has no note keys (older readers see what they always saw).
    assert!(!to_json_string(&imported.report).contains("_note"));
}

#[test]
fn every_export_keeps_the_notes() {
    let report = import(sample_with_notes().as_bytes(), Some("report.md")).unwrap().report;
    let mut exports: Vec<(&str, Vec<u8>)> = vec![
        ("r.json", to_json_string(&report).into_bytes()),
        ("r.csv", to_csv(&report).into_bytes()),
        ("r.md", markdown::to_markdown(&report).into_bytes()),
        ("r.html", html::document(&report, &[]).into_bytes()),
    ];
    #[cfg(feature = "office")]
    {
        exports.push(("r.docx", nianbao::render::docx::to_docx(&report)));
        exports.push(("r.xlsx", nianbao::render::xlsx::to_xlsx(&report, &[])));
    }
    for (name, bytes) in exports {
        let again = import(&bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(notes(&again.report), notes(&report), "{name}");
    }
}

#[test]
fn json_without_notes_stays_valid_and_notes_are_read() {
    let json = r#"{"schema":"gov-info-annual-report/2021","meta":{"organ":"某局","organ_kind":"department","year":2025},
        "sections":{"overview":"总体。","problems":null,"other":null,"requests_note":"共收到申请 3 件。"}}"#;
    let report = import(json.as_bytes(), Some("r.json")).unwrap().report;
    assert_eq!(notes(&report), [None, Some("共收到申请 3 件。"), None]);
}
