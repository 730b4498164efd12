//! Office round trips (issue 4): DOCX and XLSX out and back in give the same
//! report; a filled-in template and a Word draft give the same findings as
//! the JSON; hostile text stays inert.
#![cfg(feature = "office")]

use nianbao::layout::{all_cells, CellKind, TableId};
use nianbao::layout::{official_slots, placed};
use nianbao::model::{Date, OrganKind, Report, SectionKey, Value};
use nianbao::office::{parse_xml, zip_read, zip_write};
use nianbao::render::{docx, xlsx};
use nianbao::{check_imported, import, CheckOptions, Finding};
use proptest::prelude::*;
use rust_decimal::Decimal;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.json");

fn fixture() -> Report {
    import(&std::fs::read(FIXTURE).unwrap(), Some("hongsibao-2025.json")).unwrap().report
}

fn findings_of(bytes: &[u8], name: &str) -> Vec<Finding> {
    let imported = import(bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    check_imported(&imported, &CheckOptions::default())
}

/// What the report says, without the 版式 of a Word file (F rules), which
/// only a Word file has: what a Word draft and the same report in JSON
/// must agree on.
fn content_findings(bytes: &[u8], name: &str) -> Vec<Finding> {
    findings_of(bytes, name).into_iter().filter(|f| !f.rule.is_typesetting()).collect()
}

fn json_findings() -> Vec<Finding> {
    findings_of(&std::fs::read(FIXTURE).unwrap(), "hongsibao-2025.json")
}

/// Replaces one part of a zip archive (the rest copied as is).
fn with_part(bytes: &[u8], name: &str, content: Option<String>) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut file, &mut text).unwrap();
        parts.push((file.name().to_string(), text));
    }
    parts.retain(|(n, _)| n != name);
    if let Some(content) = content {
        parts.push((name.to_string(), content));
    }
    let refs: Vec<(&str, String)> = parts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    zip_write(&refs)
}

fn part(bytes: &[u8], name: &str) -> String {
    zip_read(bytes, "t").unwrap().part(name).unwrap().unwrap_or_else(|| panic!("no {name}"))
}

// ---------------------------------------------------------------------------
// Done when: the sample report as a Word draft, and the filled-in template.

#[test]
fn docx_of_the_sample_gives_the_json_findings() {
    let bytes = docx::to_docx(&fixture());
    assert_eq!(import(&bytes, Some("draft.docx")).unwrap().report, as_in_word(fixture()));
    assert_eq!(content_findings(&bytes, "draft.docx"), json_findings());
    // Without nianbao's document properties (a draft edited elsewhere), the
    // meta comes from the title and the closing lines: same findings.
    let bare = with_part(&bytes, "docProps/custom.xml", None);
    assert_eq!(content_findings(&bare, "draft.docx"), json_findings());
    // Detection by content, whatever the name says.
    assert_eq!(content_findings(&bytes, "upload.bin"), json_findings());
}

/// Simulates a person filling in the downloaded template: the value cells
/// (found through the official layout, as a person finds them by their
/// labels) and the meta get values typed into the sheet XML, as Excel saves
/// them (numbers as `<v>`, text as shared strings).
fn fill_template(report: &Report) -> Vec<u8> {
    let template = xlsx::template();
    let mut bytes = template.clone();
    let mut shared: Vec<String> = Vec::new();
    let mut share = |text: &str| {
        shared.push(text.to_string());
        shared.len() - 1
    };
    for (n, table) in TableId::ALL.into_iter().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", n + 2);
        let mut xml = part(&bytes, &name);
        for p in placed(table) {
            let nianbao::layout::Role::Value(id) = p.cell.role else { continue };
            let at = nianbao::office::xlsx::cell_ref(xlsx::TABLE_ORIGIN_ROW + p.row as u32, p.col as u32);
            let empty = format!(r#"<c r="{at}" s="3"/>"#);
            assert!(xml.contains(&empty), "template has an empty input cell {at}");
            let filled = match report.value(id) {
                Value::Blank => continue,
                Value::Number(v) => format!(r#"<c r="{at}" s="3"><v>{v}</v></c>"#),
                Value::Text(t) => format!(r#"<c r="{at}" s="3" t="s"><v>{}</v></c>"#, share(t)),
            };
            xml = xml.replace(&empty, &filled);
        }
        bytes = with_part(&bytes, &name, Some(xml));
    }
    let mut meta = part(&bytes, "xl/worksheets/sheet1.xml");
    let kind = report.meta.organ_kind.map(|k| k.label()).unwrap_or_default();
    for (row, text) in [(4, report.meta.organ.as_str()), (5, kind)] {
        let empty = format!(r#"<c r="B{row}" s="7"/>"#);
        assert!(meta.contains(&empty), "meta input B{row}");
        meta = meta.replace(&empty, &format!(r#"<c r="B{row}" s="7" t="s"><v>{}</v></c>"#, share(text)));
    }
    let year = report.meta.year.unwrap();
    meta = meta.replace(r#"<c r="B6" s="7"/>"#, &format!(r#"<c r="B6" s="7"><v>{year}</v></c>"#));
    if let Some(title) = &report.meta.title {
        meta = meta.replace(r#"<c r="B7" s="7"/>"#, &format!(r#"<c r="B7" s="7" t="s"><v>{}</v></c>"#, share(title)));
    }
    bytes = with_part(&bytes, "xl/worksheets/sheet1.xml", Some(meta));
    let sst: String = shared.iter().map(|s| format!("<si><t>{}</t></si>", nianbao::office::esc(s))).collect();
    let sst = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{sst}</sst>"#,
        shared.len()
    );
    let rels = part(&bytes, "xl/_rels/workbook.xml.rels").replace(
        "</Relationships>",
        r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
    );
    bytes = with_part(&bytes, "xl/_rels/workbook.xml.rels", Some(rels));
    with_part(&bytes, "xl/sharedStrings.xml", Some(sst))
}

#[test]
fn filled_template_gives_the_json_findings() {
    let report = fixture();
    let filled = fill_template(&report);
    // The template holds no prose: compare with the JSON without its sections.
    let mut tables_only = report.clone();
    tables_only.sections = Default::default();
    let imported = import(&filled, Some("filled.xlsx")).unwrap();
    assert_eq!(imported.report, tables_only);
    let json = nianbao::render::to_json_string(&tables_only);
    assert_eq!(findings_of(&filled, "filled.xlsx"), findings_of(json.as_bytes(), "tables.json"));
}

#[test]
fn template_has_the_prose_and_a_report_without_it_is_an_error() {
    let t = xlsx::template();
    assert!(part(&t, "xl/workbook.xml").contains("正文"), "the template has a 正文 sheet");
    let prose = part(&t, "xl/worksheets/sheet5.xml");
    for label in ["开头段落", "一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项", "落款"]
    {
        assert!(prose.contains(label), "正文 sheet has {label}");
    }
    // Tables filled, prose boxes left empty: 一、五、六 missing is an error (S1).
    let filled = fill_template(&fixture());
    let findings = findings_of(&filled, "filled.xlsx");
    let missing: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "S1" && f.severity == nianbao::Severity::Error)
        .flat_map(|f| f.addresses())
        .collect();
    assert_eq!(missing, ["sections.overview", "sections.problems", "sections.other"]);
    // The same report written out with its prose has none.
    let whole = xlsx::to_xlsx(&fixture(), &[]);
    assert!(findings_of(&whole, "whole.xlsx").iter().all(|f| f.rule != "S1"));
}

#[test]
fn word_output_keeps_all_six_headings() {
    let mut report = fixture();
    report.sections = Default::default();
    let xml = part(&docx::to_docx(&report), "word/document.xml");
    for heading in [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ] {
        assert!(xml.contains(heading), "{heading}");
    }
    // A paragraph cut by a page break reaches the Word output whole.
    let x = part(&docx::to_docx(&fixture()), "word/document.xml");
    assert!(x.contains("其中区本级受理依申请公开事项"), "rejoined");
    assert!(x.contains("红寺堡区2025年政府信息公开工作年度报告"), "title without stray spaces");
}

#[test]
fn report_xlsx_marks_cells_with_findings_and_lists_them() {
    let report = fixture();
    let x = xlsx::to_xlsx(&report, &json_findings());
    // 表四 行政复议 总计 (A4 error) is red: sheet 4, grid origin row 4, value row 4 → E7.
    assert!(part(&x, "xl/worksheets/sheet4.xml").contains(r#"<c r="E7" s="10">"#));
    // 行政事业性收费 (D2 warning) is orange.
    assert!(part(&x, "xl/worksheets/sheet2.xml").contains(r#" s="11"><v>1271.38998</v>"#));
    let list = part(&x, "xl/worksheets/sheet6.xml");
    assert!(list.contains("表四「行政复议」的「总计」") && list.contains("A4"));
}

#[test]
fn template_is_protected_and_number_only() {
    let t = xlsx::template();
    let book = part(&t, "xl/workbook.xml");
    assert!(book.contains("表三 依申请公开"));
    for n in 2..=4 {
        let sheet = part(&t, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            sheet.contains("<sheetProtection") && !sheet.contains("password"),
            "sheet {n} protected without password"
        );
        assert!(sheet.contains(r#"type="whole""#), "sheet {n} counts are whole numbers");
        assert!(sheet.contains("<mergeCell "), "sheet {n} has merged cells");
    }
    let active = part(&t, "xl/worksheets/sheet2.xml");
    assert!(active.contains(r#"type="decimal""#), "fees are decimals");
    // Label cells use locked styles, value cells the unlocked input style.
    let styles = part(&t, "xl/styles.xml");
    assert!(styles.contains(r#"<protection locked="0"/>"#));
    let count_inputs = |xml: &str| xml.matches(r#" s="3"/>"#).count();
    let inputs: usize = (2..=4).map(|n| count_inputs(&part(&t, &format!("xl/worksheets/sheet{n}.xml")))).sum();
    // 200 value cells, plus the merged-away columns of 表二's one-column blocks (4 × 2).
    assert_eq!(inputs, 200 + 8);
    // The blank template reads back as a blank report.
    let blank = import(&t, Some("template.xlsx")).unwrap().report;
    assert!(blank.cells().all(|(_, v)| v.is_blank()));
}

#[test]
fn blank_official_word_template_reads_as_blank_tables() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blank-template-2021.docx")).unwrap();
    let imported = import(&bytes, Some("blank-template-2021.docx")).unwrap();
    assert_eq!(imported.format.key(), "docx");
    assert!(imported.report.cells().all(|(_, v)| v.is_blank()));
    assert_eq!(imported.report.sections.overview.as_deref(), Some("（文字描述）"));
    // The same template filled in with the sample's values reads them back.
    let mut xml = part(&bytes, "word/document.xml");
    let report = fixture();
    // Fill 表四's value row: the last row of the third table.
    let last_row_start = xml.rfind("<w:tr ").or_else(|| xml.rfind("<w:tr>")).unwrap();
    let (head, tail) = xml.split_at(last_row_start);
    let mut tail = tail.to_string();
    let mut values = nianbao::layout::TableId::ReviewLitigation.cells().map(|id| report.value(id).to_string());
    let mut out = String::new();
    while let Some(i) = tail.find("</w:p></w:tc>") {
        let Some(v) = values.next() else { break };
        out.push_str(&tail[..i]);
        out.push_str(&format!("<w:r><w:t>{v}</w:t></w:r></w:p></w:tc>"));
        tail = tail[i + "</w:p></w:tc>".len()..].to_string();
    }
    out.push_str(&tail);
    xml = format!("{head}{out}");
    let filled = with_part(&bytes, "word/document.xml", Some(xml));
    let read = import(&filled, Some("filled.docx")).unwrap().report;
    for id in TableId::ReviewLitigation.cells() {
        assert_eq!(read.value(id), report.value(id), "{id}");
    }
}

#[test]
fn gbk_csv_saved_from_a_sheet_reads_the_tables() {
    let report = fixture();
    let mut lines = vec!["填报单位：红寺堡区人民政府".to_string(), "年度,2025年".to_string(), String::new()];
    for table in TableId::ALL {
        lines.push(table.heading().to_string());
        // As Excel saves merged cells: text in the first cell, the others empty.
        for row in official_slots(table, &|id| report.value(id).to_string()) {
            let cells: Vec<String> = row
                .iter()
                .map(|s| {
                    if s.text.contains([',', '"']) {
                        format!("\"{}\"", s.text.replace('"', "\"\""))
                    } else {
                        s.text.clone()
                    }
                })
                .collect();
            lines.push(cells.join(","));
        }
        lines.push(String::new());
    }
    let text = lines.join("\r\n");
    let (gbk, _, bad) = encoding_rs::GBK.encode(&text);
    assert!(!bad);
    let imported = import(&gbk, Some("表格.csv")).unwrap();
    assert_eq!(imported.format.key(), "csv-grid");
    for id in all_cells() {
        assert_eq!(imported.report.value(id), report.value(id), "{id}");
    }
    assert_eq!(imported.report.meta.organ, "红寺堡区人民政府");
    assert_eq!(imported.report.meta.year, Some(2025));
}

// ---------------------------------------------------------------------------
// Hostile text

fn hostile_report() -> Report {
    let mut r = fixture();
    r.meta.organ = "=cmd|' /C calc'!A0".into();
    r.meta.title = Some("<script>alert(1)</script> & \"标题\" ]]> @SUM(A1)".into());
    r.sections.overview = Some("=HYPERLINK(\"http://evil.example/\",\"点我\")\n\n+1+1\n-2\n@x <w:p>&amp;".into());
    r.set(nianbao::layout::active::LICENSING, Value::Text("=1+1".into()));
    r.set(nianbao::layout::active::PENALTIES, Value::Text("@SUM(A1:A9)".into()));
    r.set(nianbao::layout::active::FEES, Value::Text("+5元".into()));
    r
}

#[test]
fn hostile_text_is_inert_and_round_trips() {
    let r = hostile_report();
    let x = xlsx::to_xlsx(&r, &nianbao::check(&r, &CheckOptions::default()));
    let d = docx::to_docx(&r);
    for (bytes, name) in [(&x, "x.xlsx"), (&d, "d.docx")] {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.as_slice())).unwrap();
        let names: Vec<String> = zip.file_names().map(String::from).collect();
        for part_name in &names {
            assert!(!part_name.contains("externalLink"), "{name}: {part_name}");
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(part_name).unwrap(), &mut text).unwrap();
            parse_xml(&text, part_name).unwrap_or_else(|e| panic!("{name} {part_name}: {e}"));
            assert!(!text.contains("<f>") && !text.contains("<f "), "{name} {part_name} has a formula");
            assert!(!text.contains("TargetMode=\"External\""), "{name} {part_name} links outside");
            assert!(!text.contains("<script>") && !text.contains("<w:p>&amp;"), "{name} {part_name} not escaped");
        }
        let back = import(bytes, Some(name)).unwrap().report;
        assert_eq!(back.meta, r.meta, "{name}");
        assert_eq!(back.value(nianbao::layout::active::LICENSING), &Value::Text("=1+1".into()));
    }
    // Formula-like text is an inline string in the sheet.
    let sheet = part(&x, "xl/worksheets/sheet2.xml");
    assert!(sheet.contains(r#"t="inlineStr"><is><t xml:space="preserve">=1+1</t>"#));
    assert_eq!(import(&d, Some("d.docx")).unwrap().report, r);
    assert_eq!(import(&x, Some("x.xlsx")).unwrap().report, r);
}

#[test]
fn broken_office_files_are_errors_not_panics() {
    let d = docx::to_docx(&fixture());
    for cut in [10, 100, d.len() / 2, d.len() - 10] {
        let _ = import(&d[..cut], Some("cut.docx"));
    }
    let e =
        import(&with_part(&d, "word/document.xml", Some("<w:document><w:body>".into())), Some("x.docx")).unwrap_err();
    assert!(e.to_string().contains("word/document.xml"), "{e}");
    // A Word file that is not a report says so.
    let letter = d.clone();
    let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>会议通知</w:t></w:r></w:p></w:body></w:document>"#;
    let e = import(&with_part(&letter, "word/document.xml", Some(xml.into())), Some("x.docx")).unwrap_err();
    assert!(e.message.contains("一、总体情况"), "{e}");
    let e = import(b"PK\x03\x04not really a zip", Some("x.xlsx")).unwrap_err();
    assert!(e.message.contains("损坏"), "{e}");
    // An altered label (a typo seen in real reports) is read, with an S3 warning naming the cell.
    let t = xlsx::template();
    let sheet = part(&t, "xl/worksheets/sheet3.xml").replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开");
    let imported = import(&with_part(&t, "xl/worksheets/sheet3.xml", Some(sheet)), Some("t.xlsx")).unwrap();
    let s3: Vec<&Finding> = imported.findings.iter().filter(|f| f.rule == "S3").collect();
    assert_eq!(s3.len(), 1);
    assert!(s3[0].message.contains("工作表“表三 依申请公开”C"), "{}", s3[0].message);
    assert_eq!(s3[0].expected.as_deref(), Some("2.其他法律行政法规禁止公开"));
    // Many altered labels: not the official layout, an error naming the first cell.
    let mut sheet = part(&t, "xl/worksheets/sheet3.xml");
    for label in ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "4.保护第三方合法权益", "2.重复申请"]
    {
        sheet = sheet.replace(label, "改动");
    }
    let e = import(&with_part(&t, "xl/worksheets/sheet3.xml", Some(sheet)), Some("t.xlsx")).unwrap_err();
    assert!(e.to_string().contains("工作表“表三 依申请公开”C"), "{e}");
    assert!(e.message.contains("1.属于国家秘密"), "{e}");
}

#[test]
fn the_word_template_filled_in_by_a_person_gives_its_meta() {
    let t = docx::template();
    let xml = part(&t, "word/document.xml")
        .replace("〔机关名称〕政府信息公开工作年度报告", "某某县人民政府2025年政府信息公开工作年度报告");
    let filled = import(&with_part(&t, "word/document.xml", Some(xml)), Some("t.docx")).unwrap().report;
    assert_eq!(filled.meta.organ, "某某县人民政府");
    assert_eq!(filled.meta.year, Some(2025));
    assert_eq!(filled.meta.organ_kind, Some(OrganKind::Government));
    // Untouched, the template reads as blank.
    let blank = import(&t, Some("t.docx")).unwrap().report;
    assert_eq!(blank.meta, Report::new().meta);
}

#[test]
fn the_2019_template_is_named_as_such() {
    let t = xlsx::template();
    let sheet = part(&t, "xl/worksheets/sheet2.xml")
        .replace("本年制发件数", "本年新制作数量")
        .replace("本年废止件数", "本年新公开数量")
        .replace("现行有效件数", "对外公开总数量")
        .replace("本年处理决定数量", "上一年项目数量");
    let e = import(&with_part(&t, "xl/worksheets/sheet2.xml", Some(sheet)), Some("old.xlsx")).unwrap_err();
    assert!(e.message.contains("2019 年试行格式") && e.message.contains("本年新制作数量"), "{e}");
}

#[test]
fn heading_aliases_are_read_and_reported() {
    let bytes = docx::to_docx(&fixture());
    let xml = part(&bytes, "word/document.xml").replace("五、存在的主要问题及改进情况", "五、存在问题及改进情况");
    let imported = import(&with_part(&bytes, "word/document.xml", Some(xml)), Some("a.docx")).unwrap();
    assert_eq!(imported.report, as_in_word(fixture()));
    let s1: Vec<&Finding> = imported.findings.iter().filter(|f| f.rule == "S1").collect();
    assert_eq!(s1.len(), 1);
    assert_eq!(s1[0].cells, vec!["sections.problems".to_string()]);
}

#[test]
fn hostile_sheets_are_bounded() {
    let t = xlsx::template();
    // Thousands of merges over the whole sheet: an error, not hours of work.
    let merges: String = (0..5000).map(|_| r#"<mergeCell ref="A1:GR5000"/>"#).collect();
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><mergeCells>{merges}</mergeCells></worksheet>"#
    );
    let e = import(&with_part(&t, "xl/worksheets/sheet2.xml", Some(sheet)), Some("m.xlsx")).unwrap_err();
    assert!(e.message.contains("合并单元格"), "{e}");
    // The anchor label of 表三 in every cell of a 300 × 100 sheet.
    let row: String = (0..100)
        .map(|c| {
            format!(r#"<c r="{}1" t="inlineStr"><is><t>申请人情况</t></is></c>"#, nianbao::office::xlsx::col_name(c))
        })
        .collect();
    let rows: String =
        (1..=300).map(|r| format!(r#"<row r="{r}">{}</row>"#, row.replace("1\" t=", &format!("{r}\" t=")))).collect();
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    let read = import(&with_part(&t, "xl/worksheets/sheet3.xml", Some(sheet)), Some("a.xlsx"));
    assert!(read.is_ok(), "the other tables are still there");
}

// ---------------------------------------------------------------------------
// Property test: model → DOCX → model and model → XLSX → model.

/// Words for generated prose: hostile and ordinary, none a heading.
const WORDS: &[&str] = &[
    "工作",
    "公开",
    "=SUM(A1)",
    "<b>",
    "&amp;",
    "\"引号\"",
    "'",
    "@x",
    "-1",
    "+2",
    "总计",
    "\t",
    " ",
    "2025年",
    "（一）",
    "主动公开。",
    "]]>",
    "行政复议",
    "表三",
    "—",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..6).prop_map(|w| w.concat())
}

/// Prose: paragraphs (lines joined by `\n`) joined by `\n\n`, starting and
/// ending with visible text (a draft's leading/trailing blank paragraphs are dropped).
fn prose() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(line(), 1..3).prop_map(|l| l.join("\n")), 1..4).prop_map(|ps| {
        let mut text = ps.join("\n\n");
        text.insert_str(0, "正文");
        text.push('。');
        text
    })
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Blank),
        (0i64..10_000_000, 0u32..6).prop_map(|(n, s)| Value::Number(Decimal::new(n, s))),
        (-99i64..0).prop_map(|n| Value::Number(Decimal::from(n))),
        line().prop_map(|t| Value::parse(&t)),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    let meta = (
        prop::sample::select(&["", "红寺堡区人民政府", "某市=HYPERLINK(\"x\")局", "<乡>&镇"][..]),
        prop::option::of(prop::sample::select(&OrganKind::ALL[..])),
        prop::option::of(2000i32..2100),
        prop::option::of(line().prop_map(|t| format!("标题{t}"))),
        prop::option::of((2000i32..2100, 1u32..13, 1u32..29)),
    );
    let sections = (
        prop::option::of(prose()),
        prop::option::of(prop_oneof![Just(String::new()), prose()]),
        prop::option::of(prop_oneof![Just(String::new()), prose()]),
        prop::option::of(prop_oneof![Just(String::new()), prose()]),
    );
    (meta, sections, prop::collection::vec(value(), 200)).prop_map(|(meta, sections, values)| {
        let mut r = Report::new();
        r.meta.organ = meta.0.to_string();
        r.meta.organ_kind = meta.1;
        r.meta.year = meta.2;
        r.meta.title = meta.3;
        r.meta.published_on = meta.4.and_then(|(y, m, d)| Date::new(y, m, d));
        r.sections.preamble = sections.0;
        r.sections.overview = sections.1;
        r.sections.problems = sections.2;
        r.sections.other = sections.3;
        for (id, v) in all_cells().zip(values) {
            let v = match (id.kind(), v) {
                (CellKind::Count, Value::Number(n)) => Value::Number(n.trunc()),
                (_, v) => v,
            };
            r.set(id, v);
        }
        r
    })
}

/// A part with no text is a missing part (S1) in every format: the Word
/// output keeps its heading and the Excel template its box, both empty.
fn without_empty_sections(mut r: Report) -> Report {
    for key in nianbao::model::SectionKey::ALL {
        let section = r.sections.get_mut(key);
        if section.as_deref().is_some_and(|t| t.trim().is_empty()) {
            *section = None;
        }
    }
    r
}

/// What the Word output tidies: paragraphs cut by a page break joined
/// again (the title as written is kept in the document's properties).
fn as_in_word(mut r: Report) -> Report {
    for key in nianbao::model::SectionKey::ALL {
        let section = r.sections.get_mut(key);
        *section = section.as_deref().map(|t| nianbao::render::rejoin_broken_paragraphs(t).into_owned());
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn docx_round_trip(r in report()) {
        let back = import(&docx::to_docx(&r), Some("r.docx")).unwrap().report;
        prop_assert_eq!(without_empty_sections(back), without_empty_sections(as_in_word(r)));
    }

    #[test]
    fn xlsx_round_trip(r in report()) {
        let back = import(&xlsx::to_xlsx(&r, &[]), Some("r.xlsx")).unwrap().report;
        prop_assert_eq!(without_empty_sections(back), without_empty_sections(r));
    }
}

#[test]
fn section_keys_cover_the_prose_sheet() {
    // Every section has a row label in the 正文 sheet.
    for key in SectionKey::ALL {
        assert!(!nianbao::formats::xlsx::section_label(key).is_empty());
    }
}

/// Word files made by LibreOffice from the published web pages (corpus
/// pingtan-2021.html, pingtan-2024.html): menus before the title, tables
/// whose columns do not line up. Expected values from corpus/INDEX.md.
#[test]
fn word_files_converted_from_published_pages() {
    use nianbao::layout::{active, request_cell, review_cell};
    let read = |name: &str| {
        let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
        import(&std::fs::read(path).unwrap(), Some(name)).unwrap()
    };
    let n = |v: &Value| v.to_string();
    let r2021 = read("pingtan-2021-from-html.docx");
    let r = &r2021.report;
    assert_eq!((r.meta.organ.as_str(), r.meta.year), ("平潭综合实验区", Some(2021)));
    assert_eq!(n(r.value(active::NORMATIVE_IN_FORCE)), "665");
    assert_eq!(n(r.value(active::FEES)), "24252.311082");
    let row = |r: &Report, i: usize| (0..7).map(|c| n(r.value(request_cell(i, c)))).collect::<Vec<_>>().join(",");
    assert_eq!(row(r, 0), "64,0,0,2,0,4,70");
    assert_eq!(row(r, 23), "63,0,0,2,0,4,69");
    assert_eq!(n(r.value(review_cell(1, 4))), "12");
    let r2024 = read("pingtan-2024-from-html.docx");
    let r = &r2024.report;
    assert_eq!(r.meta.year, Some(2024));
    assert_eq!(row(r, 0), "217,1,0,0,0,0,218");
    assert_eq!(n(r.value(review_cell(2, 4))), "19");
    // INDEX: every identity holds, no error.
    let findings = check_imported(&r2024, &CheckOptions::default());
    assert!(findings.iter().all(|f| f.severity != nianbao::Severity::Error), "{findings:?}");
}

/// Mutated Word and Excel parts (XML-significant pieces inserted, text cut
/// out, spans and merges blown up) are read or refused, never a panic.
#[test]
fn mutated_office_parts_never_panic() {
    let mut seed: u64 = 0x5eed_0ff1ce;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n.max(1) as u64) as usize
    };
    const PIECES: &[&str] = &[
        "<",
        ">",
        "\"",
        "&",
        "&#0;",
        "&#x110000;",
        "<w:tc>",
        "</w:tr>",
        "<w:tr>",
        r#"<w:gridSpan w:val="99999"/>"#,
        r#"<w:gridSpan w:val="0"/>"#,
        "<w:vMerge/>",
        r#"<w:gridBefore w:val="4000000000"/>"#,
        "<w:tbl>",
        "</w:tbl>",
        r#"<c r="XFD1048576" t="s"><v>99</v></c>"#,
        r#"<c r="A0"><v>1</v></c>"#,
        r#"<mergeCell ref="A1:XFD1048576"/>"#,
        r#"<row r="0">"#,
        "申请人情况",
        "第二十条第（一）项",
        "行政复议",
        "一、总体情况",
        "\u{FFFF}",
        "1E999",
    ];
    let docx_bytes = docx::to_docx(&fixture());
    let xlsx_bytes = xlsx::to_xlsx(&fixture(), &[]);
    let targets = [
        (&docx_bytes, "word/document.xml", "m.docx"),
        (&xlsx_bytes, "xl/worksheets/sheet3.xml", "m.xlsx"),
        (&xlsx_bytes, "xl/workbook.xml", "m.xlsx"),
        (&docx_bytes, "docProps/custom.xml", "m.docx"),
    ];
    for round in 0..160 {
        let (bytes, name, file) = targets[round % targets.len()];
        let mut xml: Vec<char> = part(bytes, name).chars().collect();
        for _ in 0..1 + next(6) {
            let at = next(xml.len());
            if next(2) == 0 {
                let piece = PIECES[next(PIECES.len())];
                xml.splice(at..at, piece.chars());
            } else {
                let end = (at + next(40)).min(xml.len());
                xml.drain(at..end);
            }
        }
        let mutated = with_part(bytes, name, Some(xml.into_iter().collect()));
        if let Ok(imported) = import(&mutated, Some(file)) {
            let _ = check_imported(&imported, &CheckOptions::default());
        }
    }
}

// ---------------------------------------------------------------------------
// 版式 of a Word draft (issue 19 point 3): F1–F9 at the right paragraph.

/// The sample report, dated, as nianbao writes it: 公文 format throughout.
fn dated_docx() -> Vec<u8> {
    let mut report = fixture();
    report.meta.published_on = Date::new(2026, 1, 20);
    docx::to_docx(&report)
}

fn typesetting_of(bytes: &[u8]) -> Vec<Finding> {
    findings_of(bytes, "draft.docx").into_iter().filter(|f| f.rule.is_typesetting()).collect()
}

/// `bytes` with `from` replaced by `to` in one part (which must hold it).
fn edited(bytes: &[u8], name: &str, from: &str, to: &str) -> Vec<u8> {
    let text = part(bytes, name);
    assert!(text.contains(from), "{name} has {from}");
    with_part(bytes, name, Some(text.replacen(from, to, 1)))
}

/// The number (from 1) of the first paragraph with text that starts with
/// `start`, counted as a reader goes through the document (tables too).
fn paragraph_number(bytes: &[u8], start: &str) -> u32 {
    fn walk(el: &nianbao::office::Element, texts: &mut Vec<String>) {
        for child in el.elements() {
            if child.name == "p" {
                let mut text = String::new();
                collect(child, &mut text);
                if !text.trim().is_empty() {
                    texts.push(text);
                }
            } else {
                walk(child, texts);
            }
        }
    }
    fn collect(el: &nianbao::office::Element, out: &mut String) {
        for child in el.elements() {
            if child.name == "t" {
                out.push_str(&child.text());
            } else {
                collect(child, out);
            }
        }
    }
    let root = parse_xml(&part(bytes, "word/document.xml"), "document").unwrap();
    let mut texts = Vec::new();
    walk(&root, &mut texts);
    1 + texts.iter().position(|t| t.starts_with(start)).unwrap_or_else(|| panic!("no paragraph {start}")) as u32
}

fn at(n: u32) -> nianbao::Location {
    nianbao::Location::Paragraph(n)
}

#[test]
fn nianbaos_own_word_output_is_in_the_official_format() {
    assert_eq!(typesetting_of(&dated_docx()), []);
    // Without a date, the closing lines lack one: F9 at the organ's line, only.
    let undated = typesetting_of(&docx::to_docx(&fixture()));
    let codes: Vec<&str> = undated.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(codes, ["F9"], "{undated:?}");
    assert_eq!(undated[0].cells, [at(paragraph_number(&docx::to_docx(&fixture()), "红寺堡区人民政府"))]);
    // A report from JSON, CSV or a web page has no 版式 to judge.
    assert!(json_findings().iter().all(|f| !f.rule.is_typesetting()));
}

#[test]
fn a_body_in_songti_is_one_finding_with_the_count_and_the_first_places() {
    let bytes = dated_docx();
    // The 正文 style in 宋体: every body paragraph, one finding.
    let body_style = r#"w:styleId="nbBody"><w:name w:val="正文段落"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>"#;
    let songti = edited(
        &bytes,
        "word/styles.xml",
        body_style,
        &body_style
            .replace(r#"w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/>"#, r#"w:eastAsia="宋体"/><w:sz w:val="32"/>"#),
    );
    let found = typesetting_of(&songti);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!((f.rule.as_str(), f.severity), ("F2", nianbao::Severity::Info));
    let first = paragraph_number(&bytes, "根据《中华人民共和国政府信息公开条例》");
    assert_eq!(f.cells[0], at(first));
    assert_eq!(f.actual.as_deref(), Some("宋体 三号（16 磅）"));
    assert!(
        f.message.starts_with("正文有 11 段")
            && f.message.contains(&format!("第 {first} 段“根据《中华人民共和国政府信息")),
        "{}",
        f.message
    );
    assert!(f.cells.len() <= 5);
    // One paragraph in 宋体 by direct formatting: that paragraph.
    let one = edited(
        &bytes,
        "word/document.xml",
        r#"<w:r><w:t xml:space="preserve">2025年，红寺堡区人民政府办公室在办理"#,
        r#"<w:r><w:rPr><w:rFonts w:eastAsia="宋体"/></w:rPr><w:t xml:space="preserve">2025年，红寺堡区人民政府办公室在办理"#,
    );
    let found = typesetting_of(&one);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].cells, [at(paragraph_number(&bytes, "2025年，红寺堡区人民政府办公室在办理"))]);
    assert_eq!(found[0].actual.as_deref(), Some("宋体 三号（16 磅）"));
    // A theme font is not a 公文 font.
    let theme = edited(
        &bytes,
        "word/styles.xml",
        r#"w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="nbTable""#,
        r#"w:eastAsiaTheme="minorEastAsia"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="nbTable""#,
    );
    assert_eq!(typesetting_of(&theme).iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["F2"]);
}

#[test]
fn title_headings_tables_spacing_page_and_page_numbers_each_have_their_rule() {
    let bytes = dated_docx();
    let only = |edited: &[u8]| -> Finding {
        let found = typesetting_of(edited);
        assert_eq!(found.len(), 1, "{found:?}");
        found.into_iter().next().unwrap()
    };
    // F1: the title in 黑体 小二.
    let f = only(&edited(
        &bytes,
        "word/styles.xml",
        r#"w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/>"#,
        r#"w:eastAsia="黑体"/><w:sz w:val="36"/>"#,
    ));
    assert_eq!((f.rule.as_str(), f.cells.as_slice()), ("F1", [at(1)].as_slice()));
    assert_eq!(f.actual.as_deref(), Some("黑体 小二（18 磅）"));
    // F3: 一级标题 in 仿宋, at the first heading.
    let heading_style = r#"<w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/>"#;
    let f = only(&edited(&bytes, "word/styles.xml", heading_style, &heading_style.replace("黑体", "仿宋_GB2312")));
    assert_eq!((f.rule.as_str(), f.cells[0]), ("F3", at(paragraph_number(&bytes, "一、总体情况"))));
    assert!(f.message.contains("一级标题有 6 段") || f.message.contains("一级标题有"), "{}", f.message);
    // F4: a （一） heading in 黑体 by direct formatting.
    let mut with_subheading = fixture();
    with_subheading.meta.published_on = Date::new(2026, 1, 20);
    let overview = with_subheading.sections.overview.clone().unwrap();
    with_subheading.sections.overview = Some(format!("（一）主动公开情况。本机关主动公开政府信息。\n\n{overview}"));
    let sub = docx::to_docx(&with_subheading);
    assert_eq!(typesetting_of(&sub), []);
    let f = only(&edited(&sub, "word/document.xml", r#"w:eastAsia="楷体_GB2312"/>"#, r#"w:eastAsia="黑体"/>"#));
    assert_eq!((f.rule.as_str(), f.cells[0]), ("F4", at(paragraph_number(&sub, "（一）主动公开情况。"))));
    // F5: the text at 1.5 lines.
    let f = only(&edited(
        &bytes,
        "word/styles.xml",
        r#"w:styleId="nbBody"><w:name w:val="正文段落"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="579" w:lineRule="exact"/>"#,
        r#"w:styleId="nbBody"><w:name w:val="正文段落"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="360" w:lineRule="auto"/>"#,
    ));
    assert_eq!(f.rule.as_str(), "F5");
    assert_eq!(f.actual.as_deref(), Some("1.5 倍行距（约 57.9 磅）"), "on the 28.95 pt grid, two lines");
    // F6: Word's default margins.
    let f = only(&edited(
        &bytes,
        "word/document.xml",
        r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#,
        r#"<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800""#,
    ));
    assert_eq!(f.rule.as_str(), "F6");
    assert_eq!(f.actual.as_deref(), Some("上边距 25 mm（应为 37 mm），下边距 25 mm（应为 35 mm），左边距 32 mm（应为 28 mm），右边距 32 mm（应为 26 mm）"));
    // Within 1 mm passes; Letter paper does not.
    assert_eq!(typesetting_of(&edited(&bytes, "word/document.xml", r#"w:top="2098""#, r#"w:top="2070""#)), []);
    let f = only(&edited(
        &bytes,
        "word/document.xml",
        r#"<w:pgSz w:w="11906" w:h="16838"/>"#,
        r#"<w:pgSz w:w="12240" w:h="15840"/>"#,
    ));
    assert_eq!(f.actual.as_deref(), Some("纸张 216 × 279 mm（不是 A4）"));
    // F7: no footer.
    let f = only(&edited(&bytes, "word/document.xml", r#"<w:footerReference w:type="default" r:id="rId4"/>"#, ""));
    assert_eq!(f.rule.as_str(), "F7");
    // F8: tables in 三号.
    let table_runs = part(&bytes, "word/document.xml").replace(r#"<w:sz w:val="18"/>"#, r#"<w:sz w:val="32"/>"#);
    let f = only(&with_part(&bytes, "word/document.xml", Some(table_runs)));
    assert_eq!((f.rule.as_str(), f.actual.as_deref()), ("F8", Some("三号（16 磅）")));
}
