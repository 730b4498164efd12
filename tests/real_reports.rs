//! The rules over the real published reports of tests/corpus: what a
//! careful colleague would not object to is not flagged (issue 15).

use nianbao::{check_imported, import, CheckOptions, Finding};

fn findings(name: &str) -> Vec<Finding> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(name);
    let bytes = std::fs::read(&path).unwrap();
    let imported = import(&bytes, Some(name)).unwrap();
    check_imported(&imported, &CheckOptions::default())
}

const REAL: &[&str] = &[
    "hongze-2023.pdf",
    "hongze-2024.pdf",
    "huaian-2024.pdf",
    "pingtan-2020.html",
    "pingtan-2021.html",
    "pingtan-2024.html",
];

#[test]
fn x8_fires_on_no_real_report() {
    // Every one of them writes its 改进 (下一步、改进措施、针对存在问题…).
    for name in REAL {
        assert!(findings(name).iter().all(|f| f.rule != "X8"), "{name}");
    }
}

#[test]
fn no_real_report_lacks_its_prose_sections() {
    for name in REAL {
        let s1: Vec<String> = findings(name)
            .into_iter()
            .filter(|f| f.rule == "S1" && f.message.contains("缺少"))
            .map(|f| f.message)
            .collect();
        assert!(s1.is_empty(), "{name}: {s1:?}");
    }
}

#[test]
fn a_2020_report_is_not_asked_for_information_fees() {
    assert!(findings("pingtan-2020.html").iter().all(|f| f.rule != "X3" && f.rule != "X2"));
}
