//! Issue #14's hostile inputs, each generated small here: a few KB that once
//! cost gigabytes or crashed, one bad file that sank a batch, data that
//! leaked between reports. Each must now give a Chinese error (or a report)
//! within the limits of `nianbao::limits`.
#![cfg(feature = "office")]

use nianbao::office::zip_write;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts the bytes this thread holds, to assert what an input costs (the
/// tests run on several threads: each counts its own).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn account(delta: isize) {
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + delta);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        account(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        account(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        account(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory `f` held at once above what was held before, in MB.
fn peak_mb(f: impl FnOnce()) -> isize {
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    f();
    (PEAK.with(Cell::get) - before) / (1024 * 1024)
}

/// The budget of a fuzzed input (scripts/fuzz): 256 MB.
const BUDGET_MB: isize = 256;

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
        let mut e = String::new();
        let mb = peak_mb(|| e = error_of(&bytes, "bomb.xlsx"));
        assert!(e.contains("超过处理上限"), "{e}");
        assert!(mb < BUDGET_MB, "{sheets} sheets held {mb} MB");
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
        let mut e = String::new();
        let mb = peak_mb(|| e = error_of(&bytes, "bomb.docx"));
        assert!(e.contains("超过处理上限"), "{e}");
        assert!(mb < BUDGET_MB, "{tables} tables held {mb} MB");
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
        assert_eq!((f[0].rule.as_str(), f[0].severity), ("S7", nianbao::Severity::Error), "{name}");
    }
    // Organ and year only: no text (S1) and three blank tables (S2), no D1 on top.
    let f = findings(r#"{"meta":{"organ":"某局","year":2025}}"#.as_bytes(), "r.json");
    let rules: Vec<&str> = f.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["S1", "S2", "S2", "S2"], "{f:?}");
}

#[test]
fn item_5_nested_spans_and_line_breaks_and_pipes_are_bounded() {
    // 250 nested spans, then `a<br>` 490 000 times (2.4 MB): once 1.15 GB.
    let page = format!("<html><body>{}{}</body></html>", "<span>".repeat(250), "a<br>".repeat(490_000));
    let mb = peak_mb(|| {
        let _ = nianbao::import(page.as_bytes(), Some("r.html"));
    });
    assert!(mb < BUDGET_MB, "held {mb} MB");
    // 20 MB of `|` in Markdown: once 1.3 GB.
    let pipes = "|".repeat(20 * 1024 * 1024);
    let mut e = String::new();
    let mb = peak_mb(|| e = error_of(pipes.as_bytes(), "r.md"));
    assert!(mb < BUDGET_MB, "held {mb} MB");
    assert!(e.contains("上限") || e.contains("没有找到"), "{e}");
    // Many rows of 200 cells: the cells of all tables together are bounded.
    let rows = format!("{}\n", "|".repeat(200)).repeat(8_000);
    let mut e = String::new();
    let mb = peak_mb(|| e = error_of(rows.as_bytes(), "r.md"));
    assert!(mb < BUDGET_MB, "held {mb} MB");
    assert!(e.contains("超过处理上限"), "{e}");
}

/// The sample as a web page with 表四's 行政复议 总计 written as a hidden
/// “2” and a visible “0” (the sample's A4 error: 总计 0, parts 2).
fn sample_page_with_total(cell: &str) -> String {
    let sample = nianbao::import(&std::fs::read(SAMPLE).unwrap(), Some("s.json")).unwrap().report;
    let page = nianbao::render::html::document(&sample, &[]);
    let at = page.find(r#"data-cell="review_litigation.review.total""#).expect("the total's cell");
    let open = at + page[at..].find('>').unwrap() + 1;
    let close = open + page[open..].find('<').unwrap();
    format!("{}{cell}{}", &page[..open], &page[close..])
}

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.json");

#[test]
fn item_16_hidden_text_is_not_read_as_data() {
    use nianbao::layout::CellId;
    let total = CellId::from_address("review_litigation.review.total").unwrap();
    let read = |page: String| nianbao::import(page.as_bytes(), Some("r.html")).unwrap();
    let visible = read(sample_page_with_total("0"));
    assert_eq!(visible.report.value(total).to_string(), "0");
    let s8 = |imported: &nianbao::Imported| -> Vec<nianbao::Finding> {
        nianbao::check_imported(imported, &Default::default()).into_iter().filter(|f| f.rule == "S8").collect()
    };
    assert!(s8(&visible).is_empty(), "nothing hidden, no S8: {:?}", s8(&visible));
    for hidden in [
        r#"<span style="font-size:0">2</span>0"#,
        r#"<span style="display: none">2</span>0"#,
        r#"<span style="visibility:hidden">2</span>0"#,
        r#"<span hidden>2</span>0"#,
    ] {
        let imported = read(sample_page_with_total(hidden));
        assert_eq!(imported.report.value(total).to_string(), "0", "{hidden}");
        let findings = nianbao::check_imported(&imported, &Default::default());
        assert!(findings.iter().any(|f| f.rule == "A4"), "A4's error stays: {hidden}");
        // …and the reviewer is told the cell's figure may not be what shows.
        let flagged = s8(&imported);
        assert_eq!(flagged.len(), 1, "{hidden}: {flagged:?}");
        assert_eq!(flagged[0].cells, ["review_litigation.review.total"], "{hidden}");
        assert_eq!(flagged[0].actual.as_deref(), Some("0"), "{hidden}");
    }
    // CSS-generated content is not the page's text: the hidden 2 is not read
    // and the ::before 0 is not either; the cell is blank, not 2.
    let css = sample_page_with_total(r#"<span class="z" style="font-size:0">2</span>"#)
        .replace("</head>", "<style>.z::before{content:\"0\";font-size:16px}</style></head>");
    let imported = read(css);
    assert!(imported.report.value(total).is_blank());
    let flagged = s8(&imported);
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(flagged[0].cells, ["review_litigation.review.total"]);
    assert!(flagged[0].message.contains("读作空白"), "{}", flagged[0].message);
    // Generated content alone (the cell's own text visible) is flagged too.
    let css = sample_page_with_total(r#"<span class="z">2</span>"#)
        .replace("</head>", "<style>@media screen { td .z:after { content: '0' } }</style></head>");
    let flagged = s8(&read(css));
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(flagged[0].actual.as_deref(), Some("2"));
    // A style sheet adding text to whole rows names no cell: one warning
    // on the report.
    let css = sample_page_with_total("0").replace("</head>", "<style>tr::before { content: \"1\" }</style></head>");
    let flagged = s8(&read(css));
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert!(flagged[0].cells.is_empty());
    // Neither a clearfix's hidden “.” nor Word's hidden empty row is text.
    let harmless = sample_page_with_total("0").replace(
        "</head>",
        "<style>.clearfix:after { content: \".\"; display: block; visibility: hidden } td::before { content: '' }</style></head>",
    );
    let harmless = harmless.replacen("<tr", "<tr style='display:none'><td width=40></td><td>&nbsp;</td></tr><tr", 1);
    assert!(s8(&read(harmless)).is_empty());
    // A figure in a hidden row is not read, and flagged.
    let row_hidden = sample_page_with_total("0");
    let at = row_hidden.find(r#"data-cell="review_litigation.review.total""#).unwrap();
    let tr = row_hidden[..at].rfind("<tr").unwrap();
    let row_hidden = format!("{}<tr style=\"display:none\"{}", &row_hidden[..tr], &row_hidden[tr + 3..]);
    let imported = read(row_hidden);
    let flagged = s8(&imported);
    assert!(
        !flagged.is_empty() && flagged[0].cells.iter().any(|c| c == "review_litigation.review.total"),
        "{flagged:?}"
    );

    // Word: a hidden run “2” before a visible “0” is 0, not 20.
    let docx = nianbao::render::docx::to_docx(
        &nianbao::import(&std::fs::read(SAMPLE).unwrap(), Some("s.json")).unwrap().report,
    );
    let mut zip = nianbao::office::zip_read(&docx, "Word").unwrap();
    let mut parts: Vec<(String, String)> = Vec::new();
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "docProps/custom.xml",
    ] {
        if let Some(text) = zip.part(name).unwrap() {
            parts.push((name.to_string(), text));
        }
    }
    let xml = &mut parts.iter_mut().find(|(n, _)| n == "word/document.xml").unwrap().1;
    // 表四 is the last table; its first figure is a 0 in a run of its own.
    let table_at = xml.rfind("<w:tbl>").unwrap();
    let zero = table_at + xml[table_at..].find(">0</w:t>").unwrap();
    let run_start = xml[..zero].rfind("<w:r>").or_else(|| xml[..zero].rfind("<w:r ")).unwrap();
    xml.insert_str(run_start, r#"<w:r><w:rPr><w:vanish/></w:rPr><w:t>2</w:t></w:r>"#);
    let refs: Vec<(&str, String)> = parts.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let edited = zip_write(&refs);
    let imported = nianbao::import(&edited, Some("r.docx")).unwrap();
    let values: Vec<String> =
        nianbao::layout::TableId::ReviewLitigation.cells().map(|id| imported.report.value(id).to_string()).collect();
    assert!(values.iter().all(|v| !v.starts_with("20")), "the hidden 2 was read: {values:?}");
    let flagged = s8(&imported);
    assert_eq!(flagged.len(), 1, "{flagged:?}");
    assert_eq!(flagged[0].cells.len(), 1);
    assert!(flagged[0].cells[0].address().starts_with("review_litigation."), "{flagged:?}");
    let unedited = nianbao::import(&docx, Some("r.docx")).unwrap();
    assert!(s8(&unedited).is_empty());
}

#[test]
fn item_7_a_huge_organ_name_costs_no_more_than_a_real_one() {
    use nianbao::batch::coverage::{coverage, Handed};
    let organ = "某".repeat(5_000_000);
    let units: Vec<String> = (0..2_000).map(|i| format!("某某区第{i}局")).collect();
    let reports = [Handed { source: "a.json", organ: &organ, year: Some(2025) }];
    let years = coverage(&units, &reports);
    assert_eq!(years[0].missing.len(), units.len());
}

/// Issue 14 item 18: every export re-imports to the same report. Reports
/// generated from the sample: every figure drawn at random, the organ, year
/// and prose drawn from real wordings (spaces between Chinese and figures,
/// as in “红寺堡区 2025 年”).
#[test]
fn item_18_every_export_reimports_to_the_same_report() {
    use nianbao::model::{SectionKey, Value};
    use nianbao::render::{docx::to_docx, html, markdown, to_csv, to_json_string, xlsx::to_xlsx};
    let sample = nianbao::import(&std::fs::read(SAMPLE).unwrap(), Some("s.json")).unwrap().report;
    use nianbao::model::OrganKind;
    let organs = [
        ("红寺堡区人民政府", OrganKind::Government),
        ("某市某某局", OrganKind::Department),
        ("北京市东城区财政局", OrganKind::Department),
        ("某某县人民政府", OrganKind::Government),
    ];
    let sentences = [
        "2025 年，本机关坚持以习近平新时代中国特色社会主义思想为指导。",
        "全年主动公开政府信息 6767 条，政务新媒体公开信息 9842 条。",
        "收到政府信息公开申请 34 件，全部按时答复。",
        "无因依申请公开引发的行政复议案件、行政诉讼案件。",
        "存在的主要问题：公开的及时性有待提高。下一步将加强培训。",
        "本年度未收取信息处理费。",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for case in 0..24 {
        let mut report = sample.clone();
        let (organ, kind) = organs[next(organs.len() as u64) as usize];
        report.meta.organ = organ.to_string();
        report.meta.organ_kind = Some(kind);
        report.meta.year = Some(2021 + next(5) as i32);
        report.meta.title = None;
        report.meta.title = Some(nianbao::model::title(&report));
        report.sections.preamble = Some(format!(
            "根据《中华人民共和国政府信息公开条例》要求，现发布《{}》，本报告统计数据从 {} 年 1 月 1 日至 12 月 31 日。",
            report.meta.title.as_deref().unwrap_or_default(),
            report.meta.year.unwrap_or_default()
        ));
        for key in SectionKey::ALL.into_iter().filter(|k| *k != SectionKey::Preamble) {
            let text: Vec<&str> = (0..1 + next(3)).map(|_| sentences[next(sentences.len() as u64) as usize]).collect();
            *report.sections.get_mut(key) = Some(text.join("\n\n"));
        }
        for id in nianbao::layout::all_cells() {
            let value = match id.kind() {
                nianbao::layout::CellKind::Count => Value::Number(next(500).into()),
                nianbao::layout::CellKind::Money => {
                    Value::Number(rust_decimal::Decimal::new(next(1_000_000) as i64, 2))
                }
            };
            report.set(id, value);
        }
        let exports: Vec<(&str, Vec<u8>)> = vec![
            ("r.json", to_json_string(&report).into_bytes()),
            ("r.csv", to_csv(&report).into_bytes()),
            ("r.html", html::document(&report, &[]).into_bytes()),
            ("r.md", markdown::to_markdown(&report).into_bytes()),
            ("r.docx", to_docx(&report)),
            ("r.xlsx", to_xlsx(&report, &[])),
        ];
        for (name, bytes) in exports {
            let again = nianbao::import(&bytes, Some(name)).unwrap_or_else(|e| panic!("case {case} {name}: {e}"));
            let (a, b) = (nianbao::render::to_json_string(&again.report), nianbao::render::to_json_string(&report));
            assert!(a == b, "case {case}: {name} does not re-import unchanged:\n{}", first_difference(&b, &a));
        }
    }
}

fn first_difference(a: &str, b: &str) -> String {
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let around = |s: &str| s.chars().skip(at.saturating_sub(60)).take(140).collect::<String>();
    format!("expected …{}…\n     got …{}…", around(a), around(b))
}
