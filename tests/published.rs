//! Published reports: the sample text, the real web pages of the corpus
//! (`tests/corpus/`, readings from the corpus INDEX.md), pasted clipboard
//! content, and inputs that are not reports.

use nianbao::layout::{active, request_cell, review_cell, CellId, TableId};
use nianbao::{CheckOptions, Finding, Report, Severity, Value};
use std::path::Path;

fn file(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

fn checked(path: &str) -> (nianbao::Imported, Vec<Finding>) {
    let bytes = file(path);
    let imported = nianbao::import(&bytes, Path::new(path).file_name().and_then(|n| n.to_str())).unwrap();
    let findings = nianbao::check_imported(&imported, &CheckOptions::default());
    (imported, findings)
}

fn keys(findings: &[Finding]) -> Vec<(&'static str, Severity, Option<String>)> {
    let mut k: Vec<_> =
        findings.iter().map(|f| (f.rule.as_str(), f.severity, f.first().map(|l| l.to_string()))).collect();
    k.sort();
    k
}

/// Expected cells: every request and review cell 0 unless set, as INDEX.md
/// notes ("rows not listed are all 0").
struct Reading {
    cells: Vec<(CellId, &'static str)>,
}

impl Reading {
    fn new(active_cells: [&'static str; 10]) -> Reading {
        let mut cells: Vec<(CellId, &'static str)> = TableId::Active.cells().zip(active_cells).collect();
        cells.extend(TableId::Requests.cells().map(|id| (id, "0")));
        cells.extend(TableId::ReviewLitigation.cells().map(|id| (id, "0")));
        Reading { cells }
    }

    fn set(&mut self, id: CellId, v: &'static str) {
        self.cells.iter_mut().find(|(c, _)| *c == id).unwrap().1 = v;
    }

    /// A 表三 row: seven columns.
    fn row(mut self, r: usize, values: [&'static str; 7]) -> Reading {
        for (c, v) in values.into_iter().enumerate() {
            self.set(request_cell(r, c), v);
        }
        self
    }

    /// A 表三 row given by one number: 自然人 and 总计 hold it.
    fn single(self, r: usize, v: &'static str) -> Reading {
        self.row(r, [v, "0", "0", "0", "0", "0", v])
    }

    /// A 表三 row of which INDEX.md gives only the total: the other columns
    /// are not asserted one by one (the rules check that they add up).
    fn total_only(mut self, r: usize, total: &'static str) -> Reading {
        self.cells.retain(|(id, _)| (0..6).all(|c| *id != request_cell(r, c)));
        self.set(request_cell(r, 6), total);
        self
    }

    fn blank_row(self, r: usize) -> Reading {
        self.row(r, [""; 7])
    }

    fn review(mut self, values: [&'static str; 15]) -> Reading {
        for (i, v) in values.into_iter().enumerate() {
            self.set(review_cell(i / 5, i % 5), v);
        }
        self
    }

    fn assert_in(&self, report: &Report, what: &str) {
        let mut wrong = Vec::new();
        for (id, want) in &self.cells {
            let want = if want.is_empty() { Value::Blank } else { Value::parse(want) };
            if report.value(*id) != &want {
                wrong.push(format!("{} = {:?}, expected {want:?}", id.address(), report.value(*id)));
            }
        }
        assert!(wrong.is_empty(), "{what}: {} cells wrong:\n{}", wrong.len(), wrong.join("\n"));
    }
}

#[test]
fn the_sample_text_reads_like_its_json_fixture() {
    let (text, text_findings) = checked("tests/fixtures/hongsibao-2025.md");
    let (json, json_findings) = checked("tests/fixtures/hongsibao-2025.json");
    assert_eq!(text.format.key(), "text");
    assert_eq!(text.report, json.report);
    assert_eq!(keys(&text_findings), keys(&json_findings));
    let summary = nianbao::import::summary(&text);
    assert!(summary.complete, "{summary:?}");
    assert!(summary.blank_cells.is_empty());
}

#[test]
fn the_sample_pasted_as_text_gives_the_same_findings() {
    let md = String::from_utf8(file("tests/fixtures/hongsibao-2025.md")).unwrap();
    let pasted = nianbao::import_pasted(Some(&md), None).unwrap();
    let (_, json_findings) = checked("tests/fixtures/hongsibao-2025.json");
    assert_eq!(keys(&nianbao::check_imported(&pasted, &CheckOptions::default())), keys(&json_findings));
}

fn pingtan_2021() -> Reading {
    Reading::new(["0", "0", "0", "69", "3", "665", "2293", "1282", "42", "24252.311082"])
        .row(0, ["64", "0", "0", "2", "0", "4", "70"])
        .row(2, ["27", "0", "0", "2", "0", "1", "30"])
        .single(3, "5")
        .single(8, "1")
        .single(10, "6")
        .single(11, "1")
        .row(12, ["22", "0", "0", "0", "0", "3", "25"])
        .single(22, "1")
        .row(23, ["63", "0", "0", "2", "0", "4", "69"])
        .single(24, "1")
        .review(["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"])
}

fn pingtan_2024() -> Reading {
    Reading::new(["0", "0", "0", "62", "33", "440", "4529", "1100", "65", "18651.06"])
        .row(0, ["217", "1", "0", "0", "0", "0", "218"])
        .single(2, "71")
        .single(3, "29")
        .single(4, "4")
        .single(7, "3")
        .single(8, "32")
        .single(12, "75")
        .single(16, "1")
        .single(20, "1")
        .row(22, ["1", "1", "0", "0", "0", "0", "2"])
        .row(23, ["217", "1", "0", "0", "0", "0", "218"])
        .review(["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"])
}

#[test]
fn pingtan_2021_web_page_reads_as_indexed_without_error() {
    let (imported, findings) = checked("tests/corpus/pingtan-2021.html");
    assert_eq!(imported.format.key(), "html");
    pingtan_2021().assert_in(&imported.report, "pingtan-2021");
    assert_eq!(imported.report.meta.year, Some(2021));
    assert!(imported.report.meta.organ.contains("平潭综合实验区"), "{:?}", imported.report.meta);
    let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The prose ("收到70件…办结69件，1件结转") agrees: no X1.
    assert!(!findings.iter().any(|f| f.rule == "X1"), "{findings:#?}");
    // The site's menus and footer are not part of §6.
    let other = imported.report.sections.other.as_deref().unwrap();
    assert!(!other.contains("友情链接") && !other.contains("扫一扫"), "{other}");
    assert!(nianbao::import::summary(&imported).complete);
}

#[test]
fn pingtan_2024_web_page_reads_as_indexed_without_error() {
    let (imported, findings) = checked("tests/corpus/pingtan-2024.html");
    pingtan_2024().assert_in(&imported.report, "pingtan-2024");
    assert_eq!(imported.report.meta.year, Some(2024));
    let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let preamble = imported.report.sections.preamble.as_deref().unwrap_or("");
    assert!(!preamble.contains("省政府"), "menus leaked into the preamble: {preamble}");
}

#[test]
fn pingtan_2020_is_recognised_as_the_2019_format_and_its_totals_checked() {
    let (imported, findings) = checked("tests/corpus/pingtan-2020.html");
    assert_eq!(imported.report.meta.year, Some(2020));
    // 表二 (old columns) is not mapped onto the 2021 rows: left unread, said so.
    assert!(imported.report.table_is_blank(TableId::Active));
    let s2: Vec<_> = findings.iter().filter(|f| f.rule == "S2").collect();
    assert_eq!(s2.len(), 1, "{s2:#?}");
    assert_eq!(s2[0].severity, Severity::Info);
    assert!(s2[0].message.contains("表二") && s2[0].message.contains("2019"));
    // Recognised as the 2019 format of its time: S5 infos, no S5 error.
    assert!(findings.iter().any(|f| f.rule == "S5" && f.message.contains("第二十条第（九）项")));
    assert!(findings.iter().filter(|f| f.rule == "S5").all(|f| f.severity == Severity::Info));
    // Said once for the tables' words and once for the single （六） row, not
    // again in general for its year.
    assert_eq!(findings.iter().filter(|f| f.rule == "S5").count(), 2, "{findings:#?}");
    // No "表二 left blank" warning for a table that was not read.
    assert!(!findings.iter().any(|f| f.rule == "D1" && f.cells.iter().any(|c| c.address().starts_with("active."))));
    // 表三 as published (numbers split across spans joined), its single
    // （六）其他处理 row kept in the last sub-row.
    let r = &imported.report;
    let expect = |row: usize, values: [&str; 7]| {
        for (c, v) in values.iter().enumerate() {
            assert_eq!(r.value(request_cell(row, c)), &Value::parse(v), "row {row} col {c}");
        }
    };
    expect(0, ["20", "0", "0", "0", "0", "1", "21"]);
    expect(1, ["0"; 7]);
    expect(2, ["6", "0", "0", "0", "0", "1", "7"]);
    expect(3, ["6", "0", "0", "0", "0", "0", "6"]);
    expect(12, ["4", "0", "0", "0", "0", "0", "4"]);
    expect(14, ["3", "0", "0", "0", "0", "0", "3"]);
    expect(16, ["3", "0", "0", "0", "0", "0", "3"]);
    expect(22, ["4", "0", "0", "0", "0", "0", "4"]);
    expect(20, [""; 7]);
    expect(23, ["20", "0", "0", "0", "0", "1", "21"]);
    expect(24, ["0"; 7]);
    for id in TableId::ReviewLitigation.cells() {
        assert_eq!(r.value(id), &Value::parse("0"));
    }
    // The known defect: results add up to 27 (自然人 26) against 21 (20).
    let totals: Vec<_> = findings.iter().filter(|f| f.rule == "A2" && f.severity == Severity::Error).collect();
    assert!(
        totals.iter().any(|f| f.expected.as_deref() == Some("27") && f.actual.as_deref() == Some("21")),
        "{totals:#?}"
    );
    assert!(
        totals.iter().any(|f| f.expected.as_deref() == Some("26") && f.actual.as_deref() == Some("20")),
        "{totals:#?}"
    );
}

#[test]
fn a_pasted_html_table_is_read() {
    // What the clipboard carries when a user copies 表四 from a web page.
    let page = String::from_utf8(file("tests/corpus/pingtan-2024.html")).unwrap();
    let start = page.rfind("<table").unwrap(); // 表四, the last table of the page
    let end = page[start..].find("</table>").unwrap() + start + "</table>".len();
    let html = format!(
        "<meta charset='utf-8'><html><body><!--StartFragment-->{}<!--EndFragment--></body></html>",
        &page[start..end]
    );
    let pasted = nianbao::import_pasted(Some("行政复议 …"), Some(&html)).unwrap();
    // The same with the header Windows' CF_HTML puts before the markup.
    let cf_html = format!("Version:0.9\r\nStartHTML:00000097\r\nEndHTML:00000999\r\n{html}");
    assert_eq!(nianbao::import_pasted(None, Some(&cf_html)).unwrap().report, pasted.report);
    assert_eq!(pasted.format.key(), "html");
    for (i, v) in ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"].into_iter().enumerate()
    {
        assert_eq!(pasted.report.value(review_cell(i / 5, i % 5)), &Value::parse(v));
    }
    let summary = nianbao::import::summary(&pasted);
    assert_eq!(summary.tables_found, ["review_litigation"]);
    assert!(!summary.complete);
    // The other tables are reported missing (S2), not presented as read.
    let findings = nianbao::check_imported(&pasted, &CheckOptions::default());
    assert_eq!(findings.iter().filter(|f| f.rule == "S2" && f.severity == Severity::Error).count(), 2);
}

#[test]
fn word_exported_html_with_spans_and_nbsp() {
    let html = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center style='text-align:center'><span style='font-family:方正小标宋简体'>某某县人民政府<span lang=EN-US>2025</span>年政府信息公开工作年度报告</span></p>
<p class=MsoNormal><b><span>四、政府信息公开行政复议、行政诉讼情况<o:p></o:p></span></b></p>
<table class=MsoNormalTable border=1>
<tr><td colspan=5><p class=MsoNormal align=center>行政复议</p></td><td colspan=10><p>行政诉讼</p></td></tr>
<tr><td rowspan=2><p>结果<br>维持</p></td><td rowspan=2><p>结果<br>纠正</p></td><td rowspan=2><p>其他<br>结果</p></td><td rowspan=2><p>尚未<br>审结</p></td><td rowspan=2><p>总计</p></td>
<td colspan=5><p>未经复议直接起诉</p></td><td colspan=5><p>复议后起诉</p></td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>
<tr><td><p><span lang=EN-US>1</span><span lang=EN-US>2</span></p></td><td>&nbsp;<span style='font-family:宋体'>0</span></td><td>0</td><td>0</td><td>12</td>
<td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table></div></body></html>"#;
    let imported = nianbao::import(html.as_bytes(), None).unwrap();
    assert_eq!(imported.report.value(review_cell(0, 0)), &Value::parse("12"));
    assert_eq!(imported.report.value(review_cell(0, 1)), &Value::parse("0"));
    assert_eq!(imported.report.meta.year, Some(2025));
    assert_eq!(imported.report.meta.organ, "某某县人民政府");
}

#[test]
fn a_non_canonical_label_in_text_is_read_with_s3_and_an_alias_heading_with_s1() {
    let md = String::from_utf8(file("tests/fixtures/hongsibao-2025.md")).unwrap();
    let md =
        md.replace("2. 其他法律行政法规禁止公开", "2.其他法律行政止公开").replace("## 一、总体情况", "## 一、概述");
    let imported = nianbao::import(md.as_bytes(), Some("x.md")).unwrap();
    let s3: Vec<_> = imported.findings.iter().filter(|f| f.rule == "S3").collect();
    assert_eq!(s3.len(), 1, "{s3:#?}");
    assert_eq!(s3[0].severity, Severity::Warning);
    assert_eq!(s3[0].actual.as_deref(), Some("2.其他法律行政止公开"));
    assert!(imported.findings.iter().any(|f| f.rule == "S1" && f.severity == Severity::Info));
    let summary = nianbao::import::summary(&imported);
    assert_eq!(summary.nonstandard_labels.len(), 2);
    assert_eq!(imported.report.value(active::LICENSING), &Value::parse("4666"));
}

#[test]
fn a_table_with_an_extra_column_is_reported_missing_not_guessed() {
    let md = String::from_utf8(file("tests/fixtures/hongsibao-2025.md")).unwrap();
    // A subtotal column added to 表四 (FORMAT.md S4): not the official layout.
    let md = md.replace("行政复议\t\t\t\t\t行政诉讼", "行政复议\t\t\t\t\t\t行政诉讼").replace(
        "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经",
        "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t小计\t总计\t未经",
    );
    let md = md.replace("\n0\t0\t2\t0\t0\t", "\n0\t0\t2\t0\t2\t0\t");
    let imported = nianbao::import(md.as_bytes(), Some("x.md")).unwrap();
    assert!(imported.report.table_is_blank(TableId::ReviewLitigation));
    let s2: Vec<_> = imported.findings.iter().filter(|f| f.rule == "S2").collect();
    assert_eq!(s2.len(), 1);
    assert_eq!(s2[0].severity, Severity::Error);
    assert!(s2[0].message.contains("表四"));
}

#[test]
fn garbage_truncated_and_unrelated_inputs_are_clear_errors() {
    let unrelated = "<html><body><h1>关于开展植树活动的通知</h1><p>各单位：请于3月12日参加。</p></body></html>";
    let e = nianbao::import(unrelated.as_bytes(), Some("x.html")).unwrap_err();
    assert!(e.message.contains("没有找到年度报告"), "{e}");
    let e = nianbao::import("今天天气很好。".as_bytes(), Some("x.txt")).unwrap_err();
    assert!(e.message.contains("没有找到年度报告"), "{e}");
    let e = nianbao::import(&[0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3], Some("x.txt")).unwrap_err();
    assert!(!e.message.is_empty());
    let e = nianbao::import_pasted(None, None).unwrap_err();
    assert!(e.message.contains("粘贴板是空的"), "{e}");
    // A page cut off in 表三: what was read is not presented as complete.
    let page = file("tests/corpus/pingtan-2024.html");
    let cut = String::from_utf8_lossy(&page[..page.len() * 2 / 3]).to_string();
    let cut = &cut[..cut.find("不予处理").unwrap_or(cut.len())];
    match nianbao::import(cut.as_bytes(), Some("x.html")) {
        Ok(imported) => {
            let summary = nianbao::import::summary(&imported);
            assert!(!summary.complete, "{summary:?}");
            assert!(imported.findings.iter().any(|f| f.rule == "S2" && f.severity == Severity::Error));
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
    // Hostile markup: deep nesting, huge spans, unclosed tags — no panic.
    let hostile = format!(
        "{}<table><tr><td rowspan=999999 colspan=99999>一、总体情况</td></tr></table>{}",
        "<div>".repeat(10_000),
        "<td>".repeat(10_000)
    );
    let _ = nianbao::import(hostile.as_bytes(), Some("x.html"));
}

#[cfg(feature = "pdf")]
mod pdf {
    use super::*;

    fn huaian_2024() -> Reading {
        let mut r = Reading::new(["1", "0", "11", "8", "26", "66", "447228", "3985758", "88283", "96171.6"])
            .row(0, ["3001", "53", "0", "0", "61", "4", "3119"])
            .row(1, ["34", "0", "0", "0", "0", "0", "34"])
            .row(2, ["1288", "21", "0", "0", "50", "3", "1362"])
            .row(3, ["447", "7", "0", "0", "0", "0", "454"])
            .row(23, ["2932", "53", "0", "0", "61", "4", "3050"])
            .single(24, "103")
            .review(["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]);
        let totals =
            ["2", "31", "5", "6", "8", "12", "9", "105", "769", "11", "1", "62", "25", "0", "0", "1", "71", "6", "110"];
        for (i, t) in totals.into_iter().enumerate() {
            r = r.total_only(4 + i, t);
        }
        r
    }

    fn hongze_2023() -> Reading {
        Reading::new(["0", "0", "0", "0", "5", "5", "550", "4119", "195", "7730.28"])
            .single(0, "21")
            .single(3, "4")
            .single(4, "1")
            .single(9, "1")
            .single(10, "1")
            .single(12, "10")
            .single(13, "3")
            .single(15, "1")
            .blank_row(20)
            .blank_row(21)
            .single(23, "21")
            .review(["10", "1", "0", "0", "0", "0", "0", "0", "0", "0", "5", "0", "0", "0", "0"])
    }

    fn hongze_2024() -> Reading {
        Reading::new(["0", "0", "0", "3", "0", "8", "9487", "2776", "84", "7545"])
            .single(0, "95")
            .single(2, "50")
            .single(3, "9")
            .single(6, "1")
            .single(9, "1")
            .single(10, "1")
            .single(12, "31")
            .single(13, "1")
            .single(15, "1")
            .blank_row(20)
            .blank_row(21)
            .single(23, "95")
            .review(["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"])
    }

    #[test]
    fn huaian_2024_pdf_reads_as_indexed_without_error() {
        let (imported, findings) = checked("tests/corpus/huaian-2024.pdf");
        assert_eq!(imported.format.key(), "pdf");
        huaian_2024().assert_in(&imported.report, "huaian-2024");
        assert_eq!(imported.report.meta.year, Some(2024));
        assert!(imported.report.meta.organ.contains("淮安市"), "{:?}", imported.report.meta);
        // No error; the one warning is X7 (the text indeed never speaks of
        // 考核/社会评议/责任追究).
        let noted: Vec<_> = findings.iter().filter(|f| f.severity != Severity::Info && f.rule != "X7").collect();
        assert!(noted.is_empty(), "{noted:#?}");
        assert!(nianbao::import::summary(&imported).complete);
        // Page numbers are not prose.
        for key in nianbao::model::SectionKey::ALL {
            let text = imported.report.sections.get(key).unwrap_or("");
            assert!(!text.contains("-4-") && !text.contains("- 4 -"), "{key:?}: {text}");
        }
    }

    #[test]
    fn hongze_2023_pdf_reads_as_indexed_and_its_defects_are_found() {
        let (imported, findings) = checked("tests/corpus/hongze-2023.pdf");
        hongze_2023().assert_in(&imported.report, "hongze-2023");
        assert_eq!(imported.report.meta.year, Some(2023));
        // 行政复议 总计 0 against parts 11; 复议后起诉 总计 0 against 5.
        let a4: Vec<_> = findings.iter().filter(|f| f.rule == "A4" && f.severity == Severity::Error).collect();
        assert!(
            a4.iter().any(|f| f.cells[0] == review_cell(0, 4).address() && f.expected.as_deref() == Some("11")),
            "{a4:#?}"
        );
        assert!(
            a4.iter().any(|f| f.cells[0] == review_cell(2, 4).address() && f.expected.as_deref() == Some("5")),
            "{a4:#?}"
        );
        // The label typo: read, with a warning.
        let s3: Vec<_> = findings.iter().filter(|f| f.rule == "S3").collect();
        assert_eq!(s3.len(), 1, "{s3:#?}");
        assert_eq!(s3[0].actual.as_deref(), Some("2.其他法律行政止公开"));
        // （六）其他处理 in one row: the 2019 layout, named.
        assert!(findings.iter().any(|f| f.rule == "S5" && f.message.contains("（六）其他处理")));
    }

    #[test]
    fn hongze_2024_pdf_reads_as_indexed_and_the_prose_mismatch_is_a_warning() {
        let (imported, findings) = checked("tests/corpus/hongze-2024.pdf");
        hongze_2024().assert_in(&imported.report, "hongze-2024");
        let x1: Vec<_> = findings.iter().filter(|f| f.rule == "X1").collect();
        assert_eq!(x1.len(), 1, "{x1:#?}");
        assert_eq!(x1[0].severity, Severity::Warning);
        assert_eq!((x1[0].expected.as_deref(), x1[0].actual.as_deref()), (Some("95"), Some("17")));
        // The tables are consistent: no arithmetic error.
        assert!(!findings.iter().any(|f| f.rule.as_str().starts_with('A')), "{findings:#?}");
        // With the 2023 report: 现行有效 5 + 3 − 0 = 8 holds (no X4/X5 error).
        let (previous, _) = checked("tests/corpus/hongze-2023.pdf");
        let with_previous = nianbao::check_imported(&imported, &CheckOptions::with_previous(Some(&previous.report)));
        assert!(!with_previous.iter().any(|f| f.rule == "X4" && f.severity == Severity::Error), "{with_previous:#?}");
    }

    #[test]
    fn extraction_of_every_corpus_pdf_is_deterministic() {
        for f in ["huaian-2024", "hongze-2023", "hongze-2024"] {
            let path = format!("tests/corpus/{f}.pdf");
            let (a, _) = checked(&path);
            let (b, _) = checked(&path);
            assert_eq!(a.report, b.report, "{f}");
        }
    }

    #[test]
    fn a_truncated_pdf_is_a_clear_error_or_an_incomplete_read() {
        let bytes = file("tests/corpus/hongze-2024.pdf");
        for cut in [bytes.len() / 10, bytes.len() / 2, bytes.len() - 100] {
            match nianbao::import(&bytes[..cut], Some("x.pdf")) {
                Ok(imported) => {
                    let s = nianbao::import::summary(&imported);
                    assert!(
                        !s.complete || imported.report == checked("tests/corpus/hongze-2024.pdf").0.report,
                        "{cut}"
                    );
                }
                Err(e) => assert!(e.message.contains("PDF"), "{cut}: {e}"),
            }
        }
    }
}

/// Seeded byte mutations of corpus files: an error or a report, never a
/// crash or a hang. (lopdf can panic on a damaged PDF:
/// the importer catches that natively; in the browser the engine restarts.)
#[test]
fn mutated_corpus_files_give_an_error_or_a_report() {
    let files = ["tests/corpus/pingtan-2021.html", "tests/fixtures/hongsibao-2025.md"];
    #[cfg(feature = "pdf")]
    let files = [&files[..], &["tests/corpus/hongze-2024.pdf"]].concat();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for path in files {
        let original = file(path);
        for _ in 0..30 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() as usize) % bytes.len();
                bytes[at] = next() as u8;
            }
            if next() % 3 == 0 {
                let cut = (next() as usize) % bytes.len();
                bytes.truncate(cut.max(1));
            }
            if let Ok(imported) = nianbao::import(&bytes, Some(path)) {
                let _ = nianbao::check_imported(&imported, &CheckOptions::default());
            }
        }
    }
}

/// A table copied from a browser and pasted as plain text: one line per
/// row, cells separated by tabs, nothing where a merged cell continues
/// (rowspan), one cell for a colspan. Also the Markdown form with `|`.
#[test]
fn tables_copied_as_plain_text_read_back() {
    use nianbao::layout::official_slots;
    let value = |id: CellId| (id.index() % 97).to_string();
    for sep in ["\t", " | "] {
        let mut text =
            String::from("# 某某县人民政府2025年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作有序开展。\n\n");
        for table in TableId::ALL {
            text.push_str(table.heading());
            text.push_str("\n\n");
            for row in official_slots(table, &value) {
                let cells: Vec<&str> = row.iter().filter(|s| !s.covered).map(|s| s.text.as_str()).collect();
                let line = cells.join(sep);
                if sep == "\t" {
                    text.push_str(&line);
                } else {
                    text.push_str(&format!("| {line} |"));
                }
                text.push('\n');
            }
            text.push('\n');
        }
        let imported = nianbao::import_pasted(Some(&text), None).unwrap();
        for table in TableId::ALL {
            for id in table.cells() {
                assert_eq!(imported.report.value(id), &Value::parse(&value(id)), "{sep:?} {}", id.address());
            }
        }
        assert!(!imported.findings.iter().any(|f| f.rule == "S2" || f.rule == "S3"), "{:#?}", imported.findings);
        assert_eq!(imported.report.meta.organ, "某某县人民政府");
    }
}
