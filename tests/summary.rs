//! 体检摘要 (`nianbao summary`) as a user runs it: the seed report's card
//! names its deadline, its error in plain words with its place, the core
//! figures and what to fix; with last year's report the figures compare;
//! the Word card is a 公文 document LibreOffice can open; bad input is a
//! Chinese error, never a panic.

mod common;
use common::{nianbao, temp, SAMPLE};
use std::io::Read;

/// The card's visible text (tags dropped).
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_seed_reports_card_says_what_a_reviewer_needs() {
    let out = nianbao(&["summary", SAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("class=\"nb-card\""));
    let text = text_of(&html[html.find("<article").unwrap()..]);
    for expected in [
        "红寺堡区人民政府",
        "统计年度：2025 年",
        "公布期限",
        "最需要关注的问题",
        // A4 in plain words with its place, no code.
        "表四各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "表四「行政复议」的「总计」",
        "核心数据",
        "新收政府信息公开申请",
        "予以公开率",
        "发布前须改正",
        "改正后才能发布",
        // 发布前核对: what no cell shows (issue 19 point 4).
        "发布前核对",
        "☑六个部分齐全",
        "□在本机关门户网站“政府信息公开年报”栏目发布",
        "☑报告信息处理费的收取情况",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    assert!(!text.contains("A4") && !text.contains("X1"), "a rule code is shown:\n{text}");
    assert!(text.contains("未载入上年报告"));
}

#[test]
fn with_last_year_the_figures_compare() {
    let out = nianbao(&[
        "summary",
        "tests/fixtures/pingtan-2024-from-html.docx",
        "--previous",
        "tests/fixtures/pingtan-2021-from-html.docx",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let text = text_of(&html[html.find("<article").unwrap()..]);
    assert!(text.contains("2024 年") && text.contains("2021 年") && text.contains("变化"), "{text}");
    assert!(text.contains("个百分点") || text.contains("持平"), "{text}");
}

#[test]
fn the_word_card_is_a_gongwen_docx() {
    let path = temp("摘要.docx");
    let out = nianbao(&["summary", SAMPLE, "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    let mut styles = String::new();
    zip.by_name("word/styles.xml").unwrap().read_to_string(&mut styles).unwrap();
    // The report export's styles: title, 黑体 headings, 仿宋 body.
    assert!(styles.contains("方正小标宋简体") && styles.contains("仿宋_GB2312"));
    assert!(document.contains("体检摘要") && document.contains("发布前须改正") && document.contains("发布前核对"));
    assert!(document.contains("表四「行政复议」的「总计」"));
    // Not read back as a report (no report properties).
    assert!(zip.by_name("docProps/custom.xml").is_err());
}

#[test]
fn bad_input_and_bad_options_are_chinese_errors() {
    let out = nianbao(&["summary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("summary 需要一个输入文件"));
    let out = nianbao(&["summary", SAMPLE, "-o", temp("x.pdf").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".html 或 .docx"));
    let garbage = temp("garbage.json");
    std::fs::write(&garbage, b"{\"schema\": 5, <script>").unwrap();
    let out = nianbao(&["summary", garbage.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn a_folder_gives_the_regions_card() {
    let dir = temp("地区");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(SAMPLE, dir.join("红寺堡.json")).unwrap();
    std::fs::copy("tests/fixtures/pingtan-2024-from-html.docx", dir.join("平潭.docx")).unwrap();
    std::fs::write(dir.join("坏.json"), b"{ not json").unwrap();
    let units = temp("名单.txt");
    std::fs::write(&units, "红寺堡区人民政府\n平潭综合实验区\n某某县人民政府\n").unwrap();
    let out = nianbao(&["summary", dir.to_str().unwrap(), "--units", units.to_str().unwrap(), "--organ", "示例地区"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let text = text_of(&html[html.find("<article").unwrap()..]);
    for expected in [
        "示例地区",
        "共 3 份报告",
        "报送情况",
        "最常见的问题",
        "需跟进的单位",
        "某某县人民政府",
        "未报送",
        "坏.json",
        "文件无法读取",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    let docx = temp("地区.docx");
    let out = nianbao(&["summary", dir.to_str().unwrap(), "-o", docx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    assert!(document.contains("需跟进的单位") && document.contains("本批报告"), "{document}");
}
