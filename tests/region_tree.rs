//! The region as a tree (`nianbao tree`) as a reviewer runs it: a unit
//! list with a column 上级单位; each parent's report compared with the sum
//! of its children's, the cells that differ with every child's share, the
//! children with no report listed under their parent; money exact, blank
//! not 0. The JSON carries every cell's shares for the page.

mod common;

use common::nianbao;
use std::path::{Path, PathBuf};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nianbao-tree-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The seed report as `organ`'s, with its 新收申请 and 收费 set (`None`: blank).
fn unit(dir: &Path, organ: &str, received: i64, fees: Option<&str>) {
    let seed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hongsibao-2025.json")).unwrap();
    let mut r: serde_json::Value = serde_json::from_str(&seed).unwrap();
    r["meta"]["organ"] = organ.into();
    r["meta"]["title"] = format!("{organ}2025年政府信息公开工作年度报告").into();
    r["requests"]["new_received"]["natural_person"] = received.into();
    r["requests"]["new_received"]["commercial"] = 0.into();
    r["requests"]["new_received"]["total"] = received.into();
    r["active"]["fees"] = match fees {
        Some(f) => serde_json::Value::String(f.into()),
        None => serde_json::Value::Null,
    };
    std::fs::write(dir.join(format!("{organ}.json")), serde_json::to_vec(&r).unwrap()).unwrap();
}

/// A district's reports and its unit list, in a folder of their own per test.
fn district(test: &str) -> (PathBuf, PathBuf) {
    let dir = temp(test);
    let reports = dir.join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    unit(&reports, "某某区人民政府", 2147, Some("1.5"));
    unit(&reports, "某某区统计局", 1024, Some("0.1"));
    unit(&reports, "某某区财政局", 37, None);
    unit(&reports, "某某镇人民政府", 1086, Some("1.3"));
    let units = dir.join("名单.csv");
    std::fs::write(
        &units,
        "\u{feff}单位名称,上级单位\n某某区人民政府,\n区统计局,某某区人民政府\n某某区财政局,某某区人民政府\n某某区教育局,某某区人民政府\n某某镇人民政府,某某区人民政府\n某某村,某某镇人民政府\n",
    )
    .unwrap();
    (reports, units)
}

#[test]
fn each_parent_is_compared_with_its_children_and_the_shares_are_given() {
    let (reports, units) = district("shares");
    let out = nianbao(&["tree", reports.to_str().unwrap(), "--units", units.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "differences found: exit 1\n{text}{}", String::from_utf8_lossy(&out.stderr));
    for expected in [
        "2025 年度区域层级：名单 6 个单位，其中 2 个有下级单位。",
        "某某区人民政府（报告：",
        // Near names matched as coverage matches them.
        "  区统计局（报告：",
        "  某某区教育局（未报送）",
        "    某某村（未报送）",
        "下级未报送（未计入合计）：某某区教育局",
        // Money exact; the blank share named, not added as 0.
        "表二「行政事业性收费」行「本年收费金额（单位：万元）」列：本级 1.5，下级合计 1.4 = 0.1 + 1.3（未填：某某区财政局）",
    ] {
        assert!(text.contains(expected), "missing {expected} in\n{text}");
    }
    // 2147 = 1024 + 37 + 1086: equal, so not listed as a difference …
    assert!(!text.contains("下级合计 2147"), "{text}");
    // … but its shares are in the JSON, for the page's drill-down.
    let out = nianbao(&["tree", reports.to_str().unwrap(), "--units", units.to_str().unwrap(), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let check = &json["nodes"][0]["check"];
    let cell = check["cells"].as_array().unwrap().iter().find(|c| c["cell"] == "requests.new_received.total").unwrap();
    assert_eq!(
        (cell["stated"].as_str(), cell["sum"].as_str(), cell["differs"].as_bool()),
        (Some("2147"), Some("2147"), Some(false))
    );
    let parts: Vec<(&str, &str)> = cell["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["unit"].as_str().unwrap(), p["value"].as_str().unwrap()))
        .collect();
    assert_eq!(parts, [("区统计局", "1024"), ("某某区财政局", "37"), ("某某镇人民政府", "1086")]);
    assert_eq!(json["nodes"][4]["check"]["missing"][0], "某某村");
}

#[test]
fn a_list_without_parents_or_no_list_is_a_clear_error() {
    let (reports, _) = district("errors");
    let out = nianbao(&["tree", reports.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("上级单位"));
    let flat = temp("flat").join("名单.txt");
    std::fs::write(&flat, "某某区人民政府\n某某区统计局\n").unwrap();
    let out = nianbao(&["tree", reports.to_str().unwrap(), "--units", flat.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有“上级单位”列"));
}
