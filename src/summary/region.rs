//! 体检摘要 of a region: the same card for a batch of reports (a district's
//! units) — how many handed in, how many have errors, the problems met in
//! the most reports, and the units to follow up (errors first, then the
//! units with no report, then files nobody could read).

use crate::finding::Severity;
use crate::output::{CheckedReport, Status};
use serde::Serialize;

/// At most this many rows of problems and of units on the card (the rest
/// are counted): it stays on one A4 page.
const COMMON_ROWS: usize = 5;
const FOLLOW_UP_ROWS: usize = 10;
/// Missing units named per year on the card (all are counted).
const MISSING_NAMES: usize = 8;

#[derive(Clone, Debug, Serialize)]
pub struct RegionSummary {
    /// 地区或批次名称, as the user gave it (or 本批报告).
    pub name: String,
    /// The years of the reports, ascending.
    pub years: Vec<i32>,
    pub reports: usize,
    /// Reports by status: 通过, 有警告, 有错误, 无法读取.
    pub passed: usize,
    pub warnings: usize,
    pub errors: usize,
    pub unreadable: usize,
    /// Per year, when a unit list was given.
    pub coverage: Vec<CoverageLine>,
    /// One sentence for a leader.
    pub verdict: String,
    pub common: Vec<CommonProblem>,
    pub follow_up: Vec<FollowUp>,
    /// Units to follow up not listed in `follow_up`.
    pub more_follow_up: usize,
}

/// 报送情况 of one year.
#[derive(Clone, Debug, Serialize)]
pub struct CoverageLine {
    pub year: Option<i32>,
    pub listed: usize,
    pub handed_in: usize,
    /// The missing units' names.
    pub missing: Vec<String>,
}

impl CoverageLine {
    /// The year as the card writes it: `2025 年`, or `年度不明`.
    pub fn year_text(&self) -> String {
        self.year.map_or("年度不明".to_string(), |y| format!("{y} 年"))
    }

    /// The 未报送 column: how many, and the first [`MISSING_NAMES`] names
    /// (`3（甲、乙 等 3 个）`). Text, to be escaped where it is written.
    pub fn missing_text(&self) -> String {
        let missing = self.listed - self.handed_in;
        if self.missing.is_empty() {
            return missing.to_string();
        }
        let more = if missing > MISSING_NAMES { format!(" 等 {missing} 个") } else { String::new() };
        let names: Vec<&str> = self.missing.iter().take(MISSING_NAMES).map(String::as_str).collect();
        format!("{missing}（{}{more}）", names.join("、"))
    }
}

/// A problem and in how many reports it was found.
#[derive(Clone, Debug, Serialize)]
pub struct CommonProblem {
    pub severity: Severity,
    /// The rule's title: what is wrong, without its code.
    pub what: String,
    pub reports: usize,
}

/// A unit to follow up and why.
#[derive(Clone, Debug, Serialize)]
pub struct FollowUp {
    pub unit: String,
    pub year: Option<i32>,
    pub reason: String,
}

/// The region's card from a checked batch (and its coverage per year, with
/// a unit list: the batch's coverage as [`CoverageLine`]s, so that this
/// module does not depend on the batch).
pub fn summarize(name: &str, reports: &[CheckedReport], coverage: &[CoverageLine]) -> RegionSummary {
    let count = |s: Status| reports.iter().filter(|r| r.status == s).count();
    let mut years: Vec<i32> = reports.iter().filter_map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let (errors, unreadable) = (count(Status::Errors), count(Status::Unreadable));
    // Missing in the latest year (earlier years' gaps are in the table).
    let latest = coverage.iter().max_by_key(|c| c.year);
    let missing = latest.map_or(0, |c| c.listed - c.handed_in);
    let missing_year = latest.and_then(|c| c.year);
    let mut follow_up = follow_up(reports, coverage);
    let total_follow_up = follow_up.len();
    follow_up.truncate(FOLLOW_UP_ROWS);
    let name = name.trim();
    RegionSummary {
        name: if name.is_empty() { "本批报告".to_string() } else { name.to_string() },
        years,
        reports: reports.len(),
        passed: count(Status::Passed),
        warnings: count(Status::Warnings),
        errors,
        unreadable,
        verdict: verdict(reports.len(), errors, unreadable, missing, missing_year),
        common: common(reports),
        more_follow_up: total_follow_up - follow_up.len(),
        follow_up,
        coverage: coverage.to_vec(),
    }
}

fn verdict(reports: usize, errors: usize, unreadable: usize, missing: usize, year: Option<i32>) -> String {
    let mut parts = vec![format!("共 {reports} 份报告")];
    parts.push(if errors == 0 {
        "均未发现错误".to_string()
    } else {
        format!("{errors} 份有错误须退回改正")
    });
    if unreadable > 0 {
        parts.push(format!("{unreadable} 份无法读取"));
    }
    if missing > 0 {
        let year = year.map_or(String::new(), |y| format!("{y} 年度有 "));
        parts.push(format!("{year}{missing} 个单位未报送"));
    }
    parts.join("，") + "。"
}

/// The problems found in the most reports (a report counts once per
/// problem), errors before warnings; infos are left out.
fn common(reports: &[CheckedReport]) -> Vec<CommonProblem> {
    let mut kinds: Vec<(crate::RuleCode, Severity, usize)> = Vec::new();
    for r in reports {
        let Some(findings) = &r.findings else { continue };
        let mut seen: Vec<(crate::RuleCode, Severity)> = Vec::new();
        for f in findings.iter().filter(|f| f.severity != Severity::Info) {
            if seen.contains(&(f.rule, f.severity)) {
                continue;
            }
            seen.push((f.rule, f.severity));
            match kinds.iter_mut().find(|(rule, s, _)| *rule == f.rule && *s == f.severity) {
                Some(k) => k.2 += 1,
                None => kinds.push((f.rule, f.severity, 1)),
            }
        }
    }
    kinds.sort_by_key(|(rule, severity, n)| (std::cmp::Reverse(*n), *severity, *rule));
    kinds
        .into_iter()
        .take(COMMON_ROWS)
        .map(|(rule, severity, reports)| CommonProblem {
            severity,
            what: crate::rules::rule(rule.as_str()).map_or_else(|| rule.to_string(), |r| r.title.to_string()),
            reports,
        })
        .collect()
}

/// Reports with errors (most errors first), then units with no report in
/// the latest year, then files that could not be read.
fn follow_up(reports: &[CheckedReport], coverage: &[CoverageLine]) -> Vec<FollowUp> {
    let mut with_errors: Vec<&CheckedReport> =
        reports.iter().filter(|r| r.counts.is_some_and(|c| c.error > 0)).collect();
    with_errors.sort_by_key(|r| std::cmp::Reverse(r.counts.map_or(0, |c| c.error)));
    let mut out: Vec<FollowUp> = with_errors
        .into_iter()
        .map(|r| {
            let first = r.findings.as_ref().and_then(|f| f.iter().find(|f| f.severity == Severity::Error));
            let what = first
                .and_then(|f| crate::rules::rule(f.rule.as_str()))
                .map_or(String::new(), |rule| format!("，首要：{}", rule.title));
            FollowUp {
                unit: unit_name(r),
                year: r.year,
                reason: format!("{} 处错误{what}", r.counts.map_or(0, |c| c.error)),
            }
        })
        .collect();
    // Units missing in the latest year: earlier years' gaps are history.
    if let Some(latest) = coverage.iter().max_by_key(|c| c.year) {
        for unit in &latest.missing {
            out.push(FollowUp { unit: unit.clone(), year: latest.year, reason: "未报送".to_string() });
        }
    }
    for r in reports.iter().filter(|r| r.status == Status::Unreadable) {
        out.push(FollowUp {
            unit: r.source.clone(), year: None, reason: "文件无法读取，请重新报送".to_string()
        });
    }
    out
}

fn unit_name(r: &CheckedReport) -> String {
    r.organ.as_deref().map(str::trim).filter(|o| !o.is_empty()).map_or_else(|| r.source.clone(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, RuleCode};
    use crate::model::Report;

    fn checked(organ: &str, findings: Vec<Finding>) -> CheckedReport {
        let mut report = Report::new();
        report.meta.organ = organ.into();
        report.meta.year = Some(2025);
        CheckedReport::checked(format!("{organ}.json"), "json", &report, findings)
    }

    #[test]
    fn a_region_card_counts_reports_problems_and_units_to_follow_up() {
        let a4 = || Finding::new(RuleCode::A4, Severity::Error, "m");
        let x1 = || Finding::new(RuleCode::X1, Severity::Warning, "m");
        let reports = vec![
            checked("甲局", vec![a4(), a4(), x1()]),
            checked("乙局", vec![a4()]),
            checked("丙局", vec![x1()]),
            checked("丁局", vec![]),
            CheckedReport::unreadable("坏.pdf", "无法读取"),
        ];
        let coverage = CoverageLine { year: Some(2025), listed: 5, handed_in: 4, missing: vec!["戊局".into()] };
        let s = summarize(" 某区 ", &reports, &[coverage]);
        assert_eq!(s.name, "某区");
        assert_eq!((s.reports, s.passed, s.warnings, s.errors, s.unreadable), (5, 1, 1, 2, 1));
        // A report counts once per problem.
        assert_eq!(s.common[0].reports, 2);
        assert_eq!(s.common[0].severity, Severity::Error);
        assert_eq!(s.common.len(), 2);
        let units: Vec<&str> = s.follow_up.iter().map(|f| f.unit.as_str()).collect();
        assert_eq!(units, ["甲局", "乙局", "戊局", "坏.pdf"]);
        assert!(s.follow_up[0].reason.starts_with("2 处错误，首要：表四各组"), "{}", s.follow_up[0].reason);
        assert_eq!(s.verdict, "共 5 份报告，2 份有错误须退回改正，1 份无法读取，2025 年度有 1 个单位未报送。");
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("A4") && !json.contains("X1"), "{json}");
    }
}
