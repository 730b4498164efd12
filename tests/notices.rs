//! 整改通知 (`nianbao notices`) as a reviewer runs it: after the review on
//! the batch page (its 复核记录 JSON), one Word notice per unit with a
//! confirmed finding — in plain words with its place, what to correct, the
//! reviewer's note and the reply deadline — all in one zip with the list of
//! which units were notified; a unit with no confirmed finding gets none,
//! and the list says why. Names are made safe for file names.

mod common;

use common::nianbao;
use nianbao::batch::review::{mark_key, report_identity};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-notices-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seed report under another organ's name, written into `dir`.
fn unit_report(dir: &Path, file: &str, organ: &str) -> Vec<u8> {
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.json")).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&seed).unwrap();
    json["meta"]["organ"] = serde_json::Value::String(organ.to_string());
    json["meta"]["title"] = serde_json::Value::String(format!("{organ}2025年政府信息公开工作年度报告"));
    let bytes = serde_json::to_vec_pretty(&json).unwrap();
    std::fs::write(dir.join(file), &bytes).unwrap();
    bytes
}

/// The findings of one file as `nianbao check --json` gives them.
fn findings(path: &Path) -> Vec<nianbao::Finding> {
    let out = nianbao(&["check", "--json", path.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    serde_json::from_value(json["reports"][0]["findings"].clone()).unwrap()
}

/// One file of a zip, as text.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    let zip = temp("entry").join("x.zip");
    std::fs::write(&zip, bytes).unwrap();
    let out = Command::new("unzip").arg("-p").arg(&zip).arg(name).output().unwrap();
    assert!(out.status.success(), "no {name} in the zip");
    String::from_utf8(out.stdout).unwrap()
}

/// Unpacks a zip into (name, bytes).
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let dir = temp("unzip");
    let zip = dir.join("x.zip");
    std::fs::write(&zip, bytes).unwrap();
    let status = Command::new("unzip").arg("-q").arg(&zip).arg("-d").arg(dir.join("out")).status();
    assert!(status.is_ok_and(|s| s.success()), "unzip failed");
    std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The visible text of a Word document (runs' text joined).
fn docx_text(bytes: &[u8]) -> String {
    let xml = nianbao::office::zip_read(bytes, "Word").unwrap().part("word/document.xml").unwrap().unwrap();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

#[test]
fn one_notice_per_unit_with_confirmed_findings_and_the_list_of_who_was_notified() {
    let dir = temp("batch");
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let a = unit_report(&reports, "a.json", "甲县卫生健康委员会");
    let b = unit_report(&reports, "b.json", "乙县/教育局:<测试>");
    let _c = unit_report(&reports, "c.json", "丙县财政局");
    let found = findings(&reports.join("a.json"));
    let a4 = found.iter().find(|f| f.rule == "A4").expect("the seed's A4");
    let x11 = found.iter().find(|f| f.rule == "X11").expect("the seed's X11");
    let a_id = report_identity(&a, Some("甲县卫生健康委员会"), Some(2025));
    let b_id = report_identity(&b, Some("乙县/教育局:<测试>"), Some(2025));
    let marks = serde_json::json!({
        mark_key(&a_id, a4): {"status": "confirmed", "note": "请同时更新网站上的版本"},
        mark_key(&a_id, x11): {"status": "dismissed", "note": "该机关确有规章制定权"},
        mark_key(&b_id, a4): {"status": "confirmed", "note": ""},
    });
    let marks_path = dir.join("复核记录.json");
    std::fs::write(&marks_path, marks.to_string()).unwrap();
    let zip = dir.join("整改通知.zip");
    let out = nianbao(&[
        "notices",
        reports.to_str().unwrap(),
        "--marks",
        marks_path.to_str().unwrap(),
        "--reply-by",
        "2027-01-15",
        "--issuer",
        "某市人民政府办公室",
        "-o",
        zip.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("已生成 2 份整改通知（回复期限 2027-01-15）"), "{stdout}");
    assert!(stdout.contains("丙县财政局 2025 年度：没有已确认的问题，未发通知；另有 5 条问题未复核"), "{stdout}");

    let files = unzip(&std::fs::read(&zip).unwrap());
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "乙县_教育局__测试_-2025年度-整改通知.docx",
            "整改通知清单.csv",
            "整改通知清单.xlsx",
            "甲县卫生健康委员会-2025年度-整改通知.docx"
        ]
    );
    let text = docx_text(&files["甲县卫生健康委员会-2025年度-整改通知.docx"]);
    for expected in [
        "政府信息公开工作年度报告整改通知",
        "甲县卫生健康委员会：",
        "《甲县卫生健康委员会2025年政府信息公开工作年度报告》存在以下 1 个问题",
        // In plain words, with its place and what to correct.
        "表四各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        "表四「行政复议」的「总计」",
        "改为 2",
        "审核意见：请同时更新网站上的版本",
        "请于2027年1月15日前完成改正",
        "某市人民政府办公室",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    assert!(!text.contains("A4") && !text.contains("X11"), "a rule code in the notice:\n{text}");
    assert!(!text.contains("规章制定权"), "a dismissed finding is not in the notice:\n{text}");
    // The unit's name reaches the document as text, escaped.
    assert!(docx_text(&files["乙县_教育局__测试_-2025年度-整改通知.docx"]).contains("乙县/教育局:<测试>："));

    let list = String::from_utf8(files["整改通知清单.csv"].clone()).unwrap();
    assert!(list.starts_with('\u{feff}') && list.contains("单位,年度,文件,已确认,不采纳,未复核,是否发通知"), "{list}");
    assert!(list.contains("甲县卫生健康委员会,2025,") && list.contains(",1,1,3,是,"), "{list}");
    assert!(list.contains("丙县财政局,2025,") && list.contains(",0,0,5,否,,"), "{list}");
    // The same list in Excel, beside the CSV: numbers as numbers, the unit's name as text.
    let sheet = zip_entry(&files["整改通知清单.xlsx"], "xl/worksheets/sheet1.xml");
    for expected in ["是否发通知", "甲县卫生健康委员会", "乙县/教育局:&lt;测试&gt;", "<v>2025</v>", "没有已确认的问题"]
    {
        assert!(sheet.contains(expected), "missing {expected} in\n{sheet}");
    }
    assert!(!sheet.contains("<f>"), "no formula in the list");
}

#[test]
fn without_marks_or_output_the_cli_says_what_is_missing() {
    let out = nianbao(&["notices", "tests/fixtures/hongsibao-2025.json", "-o", "/tmp/x.zip"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--marks"));
    let dir = temp("bad");
    std::fs::write(dir.join("m.json"), "[1,2").unwrap();
    let out = nianbao(&[
        "notices",
        "tests/fixtures/hongsibao-2025.json",
        "--marks",
        dir.join("m.json").to_str().unwrap(),
        "-o",
        dir.join("o.zip").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("复核记录无法读取"));
    let out = nianbao(&["notices", "x", "--reply-by", "2027-13-40"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--reply-by 应为日期"));
}
