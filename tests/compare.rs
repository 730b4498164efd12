//! 对照 (`nianbao compare`) as a user runs it: the corpus's 洪泽 2023 and
//! 2024 reports year over year (in either order), the sample and its
//! corrected draft as two versions, the Word document, and the reports
//! that cannot be compared (another organ, years apart) as a Chinese error.

use std::path::PathBuf;
use std::process::{Command, Output};

const SAMPLE: &str = "tests/fixtures/hongsibao-2025.json";
const CORRECTED: &str = "tests/fixtures/hongsibao-2025-corrected.json";
const HONGZE_2023: &str = "tests/corpus/hongze-2023.pdf";
const HONGZE_2024: &str = "tests/corpus/hongze-2024.pdf";

fn nianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("runs the CLI")
}

fn stdout(args: &[&str]) -> String {
    let out = nianbao(args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

fn cell<'a>(c: &'a serde_json::Value, address: &str) -> &'a serde_json::Value {
    c["cells"].as_array().unwrap().iter().find(|x| x["address"] == address).unwrap()
}

#[test]
fn hongze_year_over_year_in_either_order() {
    let c = json(&["compare", HONGZE_2023, HONGZE_2024, "--format", "json"]);
    assert_eq!(c["mode"], "year_over_year");
    assert_eq!((c["year_a"].as_i64(), c["year_b"].as_i64()), (Some(2023), Some(2024)));
    // 行政许可 550 → 9487, 收费 7730.28 → 7545: exact decimals.
    let licensing = cell(&c, "active.licensing");
    assert_eq!((licensing["a"].as_str(), licensing["b"].as_str()), (Some("550"), Some("9487")));
    assert_eq!(licensing["change"], "+8937");
    assert_eq!(cell(&c, "active.fees")["change"], "−185.28");
    // The two organs are named differently (洪泽区 / 淮安市洪泽区): said so.
    assert!(c["organ_note"].as_str().unwrap().contains("写法不同"));
    // Some sentences repeat last year's, most are new.
    let sentences: Vec<&serde_json::Value> = c["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["paragraphs"].as_array().unwrap().iter().flat_map(|p| p.as_array().unwrap()))
        .collect();
    let count = |status: &str| sentences.iter().filter(|s| s["status"] == status).count();
    assert!(count("same") > 0 && count("new") > count("same"), "{sentences:?}");
    // Given the other way round, the same comparison.
    assert_eq!(c, json(&["compare", HONGZE_2024, HONGZE_2023, "--format", "json"]));
}

#[test]
fn the_html_view_marks_changes_and_repeated_sentences() {
    let html = stdout(&["compare", HONGZE_2023, HONGZE_2024]);
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<article class=\"nb-cmp\" data-mode=\"year_over_year\">")
    );
    assert!(html.contains("与上年对照") && html.contains("2023 年（上年）") && html.contains("2024 年（本年）"));
    assert_eq!(html.matches("class=\"nb-cmp-v\"").count(), 200, "every value cell of the layout");
    assert!(html.contains("<span class=\"nb-cmp-same\" title=\"与上年相同\">"));
    assert!(html.contains("@page { size: A4"), "printable on A4");
}

#[test]
fn two_versions_list_every_changed_cell() {
    let c = json(&["compare", SAMPLE, CORRECTED, "--format", "json"]);
    assert_eq!(c["mode"], "versions");
    assert!(c["verdict"].as_str().unwrap().starts_with("报告发布后被修改"), "{}", c["verdict"]);
    let changed: Vec<&str> = c["cells"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["changed"] == true)
        .map(|x| x["address"].as_str().unwrap())
        .collect();
    assert_eq!(
        changed,
        [
            "active.rules.issued",
            "active.rules.in_force",
            "active.normative_documents.issued",
            "active.normative_documents.in_force",
            "review_litigation.review.total"
        ]
    );
    assert_eq!(c["meta_changes"][0]["label"], "公布日期");
    let html = stdout(&["compare", SAMPLE, CORRECTED, "--format", "html"]);
    assert!(html.contains("改动清单") && html.contains("原版中删去的句子"));
    assert!(html.contains("（原为：") && html.contains("新公开发布行政规范性文件 8 件"), "the old figures shown");
    // The same version twice: nothing changed.
    let same = json(&["compare", SAMPLE, SAMPLE, "--format", "json"]);
    assert_eq!(same["verdict"], "两个版本内容相同：表格数据和正文均未改动。");
}

#[cfg(feature = "office")]
#[test]
fn the_word_document_is_a_docx_with_the_tables() {
    use std::io::Read;
    let dir = std::env::temp_dir().join(format!("nianbao-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("对照.docx");
    let out = nianbao(&["compare", SAMPLE, CORRECTED, "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    for expected in ["版本对照", "改动清单", "收到和处理政府信息公开申请情况", "法律服务机构", "未经复议直接起诉"]
    {
        assert!(xml.contains(expected), "{expected}");
    }
    // docx goes to a file, never to the terminal.
    let out = nianbao(&["compare", SAMPLE, CORRECTED, "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn reports_that_cannot_be_compared_say_why() {
    for (a, b, says) in [
        (SAMPLE, HONGZE_2024, "不是同一机关"),
        ("tests/corpus/pingtan-2021.html", "tests/corpus/pingtan-2024.html", "既不相同也不相邻"),
    ] {
        let out = nianbao(&["compare", a, b]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(says), "{err}");
    }
    let out = nianbao(&["compare", SAMPLE]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("需要两个输入文件"));
    let out = nianbao(&["compare", SAMPLE, CORRECTED, "--format", "pdf"]);
    assert!(String::from_utf8(out.stderr).unwrap().contains("不支持的对照格式"));
}
