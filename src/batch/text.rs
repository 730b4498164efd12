//! A checked batch as text for people (`nianbao check` without `--json`):
//! a block per file with its findings, then the organs with two reports for
//! a year, then the coverage of the list of units.

use super::coverage::YearCoverage;
use super::{Batch, Duplicate};
use crate::finding::Finding;
use crate::output::CheckedReport;

/// The whole batch: reports, duplicates, coverage.
pub fn batch(batch: &Batch) -> String {
    let coverage = batch.coverage.as_ref().map(|c| coverage(c, &batch.other_years)).unwrap_or_default();
    reports(batch.reports()) + &duplicates(&batch.duplicates) + &coverage
}

/// One block per file: who it is by, its findings, its counts.
pub fn reports(reports: &[CheckedReport]) -> String {
    let mut out = String::new();
    for report in reports {
        let who = match (&report.organ, report.year) {
            (Some(organ), Some(year)) if !organ.is_empty() => format!("{organ} {year} 年度"),
            (Some(organ), None) if !organ.is_empty() => organ.clone(),
            (_, Some(year)) => format!("{year} 年度"),
            _ => String::new(),
        };
        out.push_str(&format!(
            "== {}{} ==\n",
            report.source,
            if who.is_empty() { String::new() } else { format!("（{who}）") }
        ));
        if let Some(error) = &report.error {
            out.push_str(&format!("  无法读取：{error}\n\n"));
            continue;
        }
        let findings = report.findings.as_deref().unwrap_or_default();
        // The 版式 of a Word draft after what the report says, apart.
        for f in findings.iter().filter(|f| !f.rule.is_typesetting()) {
            out.push_str(&finding(f));
        }
        if findings.iter().any(|f| f.rule.is_typesetting()) {
            out.push_str("  —— 版式（Word 文档的公文格式）——\n");
            for f in findings.iter().filter(|f| f.rule.is_typesetting()) {
                out.push_str(&finding(f));
            }
        }
        let counts = report.counts.unwrap_or_default();
        if findings.is_empty() {
            out.push_str("  未发现问题。\n");
        }
        out.push_str(&format!("  合计：错误 {}，警告 {}，提示 {}\n\n", counts.error, counts.warning, counts.info));
    }
    out
}

/// A finding: severity, rule and message, then its cells and what was
/// expected and found.
pub fn finding(f: &Finding) -> String {
    let mut s = format!("  {} {} [{}] {}\n", f.severity.icon(), f.severity.label(), f.rule, f.message);
    if f.rule.is_typesetting() {
        // A paragraph of the Word file, in words: 第 12 段.
        let places: Vec<String> = f.cells.iter().map(|l| crate::output::place_of(*l)).collect();
        if !places.is_empty() {
            s.push_str(&format!("      位置：{}\n", places.join("、")));
        }
    } else if !f.cells.is_empty() {
        s.push_str(&format!("      单元格：{}\n", f.addresses().collect::<Vec<_>>().join("、")));
    }
    match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => s.push_str(&format!("      应为：{e}；实际：{a}\n")),
        (Some(e), None) => s.push_str(&format!("      应为：{e}\n")),
        (None, Some(a)) => s.push_str(&format!("      实际：{a}\n")),
        (None, None) => {}
    }
    s
}

/// A line per organ with two reports or more for a year.
pub fn duplicates(duplicates: &[Duplicate]) -> String {
    let mut out = String::new();
    for d in duplicates {
        out.push_str(&format!(
            "！ {} {} 年度有 {} 份报告：{}。请确认以哪一份为准。\n",
            d.organ,
            d.year,
            d.sources.len(),
            d.sources.join("、")
        ));
    }
    out
}

/// The coverage of the years given; `other_years`: the other years of the
/// reports, whose coverage `--year` shows.
pub fn coverage(years: &[YearCoverage], other_years: &[i32]) -> String {
    let mut out = String::from("== 报送情况 ==\n");
    for y in years {
        let year = y.year.map(|y| format!("{y} 年度")).unwrap_or_else(|| "年度不明".to_string());
        out.push_str(&format!("  {year}：已报送 {} 个单位，缺 {} 个\n", y.found.len(), y.missing.len()));
        if !y.missing.is_empty() {
            out.push_str(&format!("    未报送：{}\n", y.missing.join("、")));
        }
        for f in y.found.iter().filter(|f| !f.exact) {
            out.push_str(&format!("    名称相近：名单“{}”↔ 报告“{}”（{}）\n", f.unit, f.organ, f.source));
        }
        for a in &y.ambiguous {
            out.push_str(&format!(
                "    名称不确定：名单“{}”可能是 {}，请在名单中写全称\n",
                a.unit,
                a.organs.join("、")
            ));
        }
        for u in &y.unlisted {
            out.push_str(&format!("    不在名单中：{}（{}）\n", u.organ, u.source));
        }
    }
    if let Some(&last) = other_years.last() {
        let named: Vec<String> = other_years.iter().map(|y| y.to_string()).collect();
        out.push_str(&format!(
            "  （另有 {} 年度的报告，未列其报送情况；要看时加 --year，如 --year {last}）\n",
            named.join("、")
        ));
    }
    out
}
