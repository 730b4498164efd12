//! The false-alarm check of the reviewer's rules (R1–R8): every rule runs
//! over every real report the repository has (tests/corpus, the sample, the
//! Word files made from real pages and the pages as copied or crawled text
//! in tests/text-shapes), with last year's report where
//! there is one, and fires exactly where the defect really is — read by
//! hand from each report (tests/corpus/README.md, INDEX of the corpus).
//! The README's table of rules reports the rates this test prints.

use nianbao::{check_imported, import, CheckOptions, Imported};

const NEW_RULES: [&str; 8] = ["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"];

/// Every real report: (file, last year's report of the same organ if any).
const REAL: &[(&str, Option<&str>)] = &[
    ("tests/corpus/hongze-2023.pdf", None),
    ("tests/corpus/hongze-2024.pdf", Some("tests/corpus/hongze-2023.pdf")),
    ("tests/corpus/huaian-2024.pdf", None),
    ("tests/corpus/pingtan-2020.html", None),
    ("tests/corpus/pingtan-2021.html", Some("tests/corpus/pingtan-2020.html")),
    ("tests/corpus/pingtan-2024.html", None),
    ("tests/fixtures/hongsibao-2025.md", None),
    ("tests/fixtures/hongsibao-2025.json", None),
    ("tests/fixtures/pingtan-2021-from-html.docx", Some("tests/corpus/pingtan-2020.html")),
    ("tests/fixtures/pingtan-2024-from-html.docx", None),
    ("tests/corpus/pingtan-2024-crawler.txt", None),
    ("tests/text-shapes/pingtan-2020.innertext.txt", None),
    ("tests/text-shapes/pingtan-2020.textcontent.txt", None),
    ("tests/text-shapes/pingtan-2021.innertext.txt", Some("tests/text-shapes/pingtan-2020.innertext.txt")),
    ("tests/text-shapes/pingtan-2021.textcontent.txt", None),
    ("tests/text-shapes/pingtan-2024.innertext.txt", None),
    ("tests/text-shapes/pingtan-2024.textcontent.txt", None),
];

/// The defects these reports really have that a new rule is for, read by
/// hand: (file, rule, why).
const REAL_DEFECTS: &[(&str, &str, &str)] = &[(
    "tests/corpus/hongze-2024.pdf",
    "R6",
    "表二行政许可 2023 年 550 件、2024 年 9487 件（17 倍）：两年口径显然不同，正文未作说明，值得审核人员核实",
)];

fn read(path: &str) -> Imported {
    let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    import(&bytes, Some(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn new_rules_fire_on_real_reports_only_where_the_defect_is() {
    let mut fired_without_defect = [0usize; NEW_RULES.len()];
    let mut unexpected = Vec::new();
    for &(path, previous) in REAL {
        let imported = read(path);
        let last = previous.map(read);
        let options = CheckOptions::with_previous(last.as_ref().map(|l| &l.report));
        let findings = check_imported(&imported, &options);
        for (i, rule) in NEW_RULES.iter().enumerate() {
            let fired: Vec<_> = findings.iter().filter(|f| f.rule == *rule).collect();
            let defect = REAL_DEFECTS.iter().any(|(p, r, _)| *p == path && r == rule);
            if fired.is_empty() == defect {
                unexpected.push(format!(
                    "{path} {rule}: fired {:?}, defect {defect}",
                    fired.iter().map(|f| &f.message).collect::<Vec<_>>()
                ));
            }
            if !defect && !fired.is_empty() {
                fired_without_defect[i] += 1;
            }
        }
    }
    for (rule, n) in NEW_RULES.iter().zip(fired_without_defect) {
        let without = REAL.len() - REAL_DEFECTS.iter().filter(|(_, r, _)| r == rule).count();
        println!("{rule}: fired on {n} of {without} real reports without its defect");
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

/// The synthetic reports of the benchmark are consistent by construction
/// (each prose figure from its table), so only what they inject may fire:
/// a new rule must stay silent on them whatever their figures.
#[test]
fn new_rules_are_silent_on_consistent_synthetic_reports() {
    for index in 0..400 {
        let mut report = nianbao::batch::synthetic::report(11, index, 2025);
        // The synthetic prose says 未收取信息处理费 whatever the table: state the notices.
        report.sections.other = Some("本年度发出收费通知的申请人均未缴费，未收取信息处理费。".into());
        let last = nianbao::batch::synthetic::report(12, index, 2024); // other figures: seeded apart
        let findings = nianbao::check(&report, &CheckOptions::with_previous(Some(&last)));
        let fired: Vec<_> =
            findings.iter().filter(|f| NEW_RULES.contains(&f.rule.as_str()) && f.rule != "R6").collect();
        assert!(fired.is_empty(), "synthetic report {index}: {fired:#?}");
    }
}

/// R9, R10 over the real reports as one batch: no two organs share a table
/// or a figure with two digits swapped, so nothing fires (the same report
/// in two formats is the same organ, not a copy).
#[test]
fn batch_rules_are_silent_on_the_real_reports() {
    let entries: Vec<nianbao::batch::Entry> = REAL
        .iter()
        .map(|&(path, _)| nianbao::batch::Entry { source: path.to_string(), imported: Ok(read(path)) })
        .collect();
    let checked = nianbao::batch::check(&entries, 50);
    for report in &checked.reports {
        let fired: Vec<_> = report
            .findings
            .iter()
            .flatten()
            .filter(|f| f.rule == "R9" || f.rule == "R10")
            .map(|f| &f.message)
            .collect();
        assert!(fired.is_empty(), "{}: {fired:?}", report.source);
    }
}

/// Independent synthetic reports (random small figures) of one year as one
/// batch: chance alone must not make two of them look copied.
#[test]
fn batch_rules_are_silent_on_independent_synthetic_reports() {
    let entries: Vec<nianbao::batch::Entry> = (0..2000)
        .map(|i| {
            let report = nianbao::batch::synthetic::report(5, i, 2025);
            let imported = Imported::whole(report, nianbao::import::Format::Json);
            nianbao::batch::Entry { source: format!("{i}.json"), imported: Ok(imported) }
        })
        .collect();
    let checked = nianbao::batch::check(&entries, 50);
    let fired: Vec<String> = checked
        .reports
        .iter()
        .flat_map(|r| {
            r.findings
                .iter()
                .flatten()
                .filter(|f| f.rule == "R9" || f.rule == "R10")
                .map(|f| format!("{}: {}", r.source, f.message))
        })
        .collect();
    assert!(fired.is_empty(), "{} findings, e.g. {:?}", fired.len(), fired.first());
}
