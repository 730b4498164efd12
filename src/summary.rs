//! 体检摘要: what a reviewing office hands on about one checked report, on
//! one page — who and which year, whether the publication deadline was met,
//! how many problems of each severity, the few that matter most in plain
//! words with their place, the core figures beside last year's, and what
//! must be fixed before publishing.
//!
//! Plain data built from a report and its findings (the same findings as
//! `nianbao check`), so the CLI and the page render the same card
//! ([`crate::render::summary`] as HTML, `render::summary_docx` as Word).
//! No rule codes: the card is for people who do not read them.

pub mod notice;
pub mod region;

use crate::finding::{Finding, Severity, Tally};
use crate::layout::CellId;
use crate::model::{Date, OrganKind, Report, Value};
use rust_decimal::Decimal;
use serde::Serialize;

/// At most this many findings are picked as the ones that matter most.
const TOP_FINDINGS: usize = 5;
/// At most this many rows in “发布前须改正” (the rest are counted): the card
/// stays on one A4 page.
const FIX_ROWS: usize = 6;

/// The card's content.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub title: String,
    /// 机关名称, or `〔未写明机关〕`.
    pub organ: String,
    pub year: Option<i32>,
    /// 机关类型 in words, when known.
    pub organ_kind: Option<&'static str>,
    pub deadline: Deadline,
    pub counts: Tally,
    /// One sentence: may it be published as it is?
    pub verdict: String,
    pub top: Vec<KeyFinding>,
    pub figures: Vec<Figure>,
    /// Whether a last year's report was given (the figures' second column).
    pub has_previous: bool,
    pub previous_year: Option<i32>,
    pub to_fix: Vec<FixItem>,
    /// Error findings not listed in `to_fix`.
    pub more_to_fix: usize,
    /// What to check before publishing that no cell shows.
    pub checklist: Vec<crate::authoring::checklist::Item>,
}

/// The publication deadline (条例第四十九条) and whether it was met.
#[derive(Clone, Debug, Serialize)]
pub struct Deadline {
    /// The last day, when the organ's kind and the year are known.
    pub due: Option<String>,
    pub published_on: Option<String>,
    /// `met`, `late`, `unpublished` (no publication date) or `unknown`.
    pub status: &'static str,
    /// The status in words.
    pub text: String,
}

/// One of the findings that matter most, in plain words.
#[derive(Clone, Debug, Serialize)]
pub struct KeyFinding {
    pub severity: Severity,
    /// What is wrong, in a few words (the rule's title).
    pub what: String,
    /// Where, in Chinese (表三「…」的「总计」, 一、总体情况).
    pub place: String,
    /// The first finding's message: what exactly and how to fix it.
    pub detail: String,
    /// How many findings of this kind the report has.
    pub count: usize,
}

/// One core figure, this year and last.
#[derive(Clone, Debug, Serialize)]
pub struct Figure {
    pub label: &'static str,
    pub unit: &'static str,
    pub this_year: Option<String>,
    pub last_year: Option<String>,
    /// `+12（+35.3%）`, `-1.5 个百分点`, `持平`; none without both years.
    pub change: Option<String>,
}

/// A row of “发布前须改正”: one kind of error and where it is.
#[derive(Clone, Debug, Serialize)]
pub struct FixItem {
    pub what: String,
    pub places: Vec<String>,
    pub count: usize,
}

/// Checks an imported report (with last year's for the cross-year rules,
/// as `nianbao check --previous` does) and makes its card: the CLI and the
/// page both call this, so they show the same card.
pub fn of_imported(imported: &crate::Imported, previous: Option<&Report>) -> Summary {
    let findings = crate::check_imported(imported, &crate::CheckOptions::with_previous(previous));
    summarize(&imported.report, &findings, previous)
}

/// The card of a checked report; `previous` is last year's report of the
/// same organ, for the figures' comparison.
pub fn summarize(report: &Report, findings: &[Finding], previous: Option<&Report>) -> Summary {
    let counts = Tally::of(findings);
    let organ = report.meta.organ.trim();
    let (to_fix, more_to_fix) = to_fix(findings);
    Summary {
        title: crate::model::title(report),
        organ: if organ.is_empty() { "〔未写明机关〕".to_string() } else { organ.to_string() },
        year: report.meta.year,
        organ_kind: report.meta.organ_kind.map(OrganKind::label),
        deadline: deadline(report),
        counts,
        verdict: verdict(counts),
        top: top_findings(findings),
        figures: figures(report, previous),
        has_previous: previous.is_some(),
        previous_year: previous.and_then(|p| p.meta.year),
        to_fix,
        more_to_fix,
        checklist: crate::authoring::checklist::checklist(report),
    }
}

fn verdict(counts: Tally) -> String {
    match (counts.error, counts.warning) {
        (0, 0) => "未发现问题，可以发布。".to_string(),
        (0, w) => format!("未发现必须改正的错误；有 {w} 处警告，请逐一核实后发布。"),
        (e, 0) => format!("有 {e} 处错误，改正后才能发布。"),
        (e, w) => format!("有 {e} 处错误，改正后才能发布；另有 {w} 处警告请核实。"),
    }
}

/// 政府部门 by 1月31日, 人民政府 by 3月31日 of the next year (the rule X10
/// knows the same, [`crate::rules::deadline`]); other kinds are not judged.
fn deadline(report: &Report) -> Deadline {
    let government = match report.meta.organ_kind {
        Some(OrganKind::Government) => Some(true),
        Some(OrganKind::Department) => Some(false),
        _ => None,
    };
    let due = match (report.meta.year, government) {
        (Some(year), Some(g)) => crate::rules::deadline(year, g),
        _ => None,
    };
    let published = report.meta.published_on;
    let (status, text) = match (due, published) {
        (Some(due), Some(p)) if p <= due => {
            ("met", format!("按时公布（{} 公布，期限 {}）", p.chinese(), due.chinese()))
        }
        (Some(due), Some(p)) => ("late", format!("逾期公布（{} 公布，晚于期限 {}）", p.chinese(), due.chinese())),
        (Some(due), None) => ("unpublished", format!("未写明公布日期；应于 {} 前公布", due.chinese())),
        (None, _) => (
            "unknown",
            "期限：政府部门次年 1 月 31 日前，人民政府次年 3 月 31 日前（机关类型或年度不明，未判断）".to_string(),
        ),
    };
    Deadline { due: due.map(Date::chinese), published_on: published.map(Date::chinese), status, text }
}

/// The findings that matter most: one per kind (rule), errors before
/// warnings before infos, the kind with more findings first; at most
/// [`TOP_FINDINGS`]. Infos only when there are fewer than three others.
fn top_findings(findings: &[Finding]) -> Vec<KeyFinding> {
    let mut kinds: Vec<(Severity, usize, &Finding)> = Vec::new();
    for f in findings {
        match kinds.iter_mut().find(|(s, _, first)| first.rule == f.rule && *s == f.severity) {
            Some(kind) => kind.1 += 1,
            None => kinds.push((f.severity, 1, f)),
        }
    }
    // Stable: within a severity and count, in the report's order.
    kinds.sort_by_key(|(severity, count, _)| (*severity, std::cmp::Reverse(*count)));
    let serious = kinds.iter().filter(|(s, _, _)| *s != Severity::Info).count();
    kinds
        .into_iter()
        .filter(|(s, _, _)| *s != Severity::Info || serious < 3)
        .take(TOP_FINDINGS)
        .map(|(severity, count, first)| KeyFinding {
            severity,
            what: what(first),
            place: place_with_more(first, count),
            detail: first.message.clone(),
            count,
        })
        .collect()
}

/// The rule's title: what is wrong, without its code.
fn what(finding: &Finding) -> String {
    crate::rules::rule(finding.rule.as_str()).map_or_else(|| finding.message.clone(), |r| r.title.to_string())
}

fn place_with_more(finding: &Finding, count: usize) -> String {
    let place = crate::output::place(finding);
    let place = if place.is_empty() { "全文".to_string() } else { place };
    if count > 1 {
        format!("{place} 等 {count} 处")
    } else {
        place
    }
}

/// The errors by kind, with their places: what must change before the
/// report is published. Rows beyond [`FIX_ROWS`] are counted.
fn to_fix(findings: &[Finding]) -> (Vec<FixItem>, usize) {
    let mut items: Vec<(crate::RuleCode, FixItem)> = Vec::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Error) {
        let place = crate::output::place(f);
        let place = if place.is_empty() { "全文".to_string() } else { place };
        match items.iter_mut().find(|(rule, _)| *rule == f.rule) {
            Some((_, item)) => {
                item.count += 1;
                if item.places.len() < 3 && !item.places.contains(&place) {
                    item.places.push(place);
                }
            }
            None => items.push((f.rule, FixItem { what: what(f), places: vec![place], count: 1 })),
        }
    }
    let more: usize = items.iter().skip(FIX_ROWS).map(|(_, i)| i.count).sum();
    (items.into_iter().take(FIX_ROWS).map(|(_, i)| i).collect(), more)
}

/// A core figure: the sum of the cells, or none when every one is blank
/// or not a number.
fn sum(report: &Report, addresses: &[&str]) -> Option<Decimal> {
    let mut total = None;
    for a in addresses {
        let Some(id) = CellId::from_address(a) else { continue };
        if let Value::Number(n) = report.value(id) {
            total = Some(total.unwrap_or(Decimal::ZERO) + n);
        }
    }
    total
}

/// 予以公开率: （一）予以公开 over （七）总计, in percent to one place.
fn grant_rate(report: &Report) -> Option<Decimal> {
    let granted = sum(report, &["requests.results.granted.total"])?;
    let total = sum(report, &["requests.results.total.total"])?;
    if total.is_zero() {
        return None;
    }
    granted.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(total).map(|r| r.round_dp(1))
}

const COUNTS: &[(&str, &str, &[&str])] = &[
    ("新收政府信息公开申请", "件", &["requests.new_received.total"]),
    ("本年度办结（办理结果总计）", "件", &["requests.results.total.total"]),
    ("行政复议", "件", &["review_litigation.review.total"]),
    ("其中被纠错", "件", &["review_litigation.review.corrected"]),
    (
        "行政诉讼",
        "件",
        &["review_litigation.litigation_direct.total", "review_litigation.litigation_after_review.total"],
    ),
    (
        "其中被纠错",
        "件",
        &["review_litigation.litigation_direct.corrected", "review_litigation.litigation_after_review.corrected"],
    ),
    ("主动公开：本年制发规章和规范性文件", "件", &["active.rules.issued", "active.normative_documents.issued"]),
    ("现行有效规章和规范性文件", "件", &["active.rules.in_force", "active.normative_documents.in_force"]),
];

fn figures(report: &Report, previous: Option<&Report>) -> Vec<Figure> {
    let mut out = Vec::new();
    for (i, (label, unit, cells)) in COUNTS.iter().enumerate() {
        let this = sum(report, cells);
        let last = previous.and_then(|p| sum(p, cells));
        out.push(Figure {
            label,
            unit,
            this_year: this.map(|n| n.normalize().to_string()),
            last_year: last.map(|n| n.normalize().to_string()),
            change: change(this, last, false),
        });
        if i == 1 {
            let (this, last) = (grant_rate(report), previous.and_then(grant_rate));
            out.push(Figure {
                label: "予以公开率（予以公开 ÷ 办理结果总计）",
                unit: "%",
                this_year: this.map(|r| format!("{r:.1}")),
                last_year: last.map(|r| format!("{r:.1}")),
                change: change(this, last, true),
            });
        }
    }
    out
}

/// The change from last year: `+12（+35.3%）`, `-3`, `持平`; a rate changes
/// by percentage points.
fn change(this: Option<Decimal>, last: Option<Decimal>, rate: bool) -> Option<String> {
    let (this, last) = (this?, last?);
    let delta = this.checked_sub(last)?;
    if delta.is_zero() {
        return Some("持平".to_string());
    }
    let sign = if delta.is_sign_positive() { "+" } else { "" };
    if rate {
        return Some(format!("{sign}{:.1} 个百分点", delta.round_dp(1)));
    }
    let delta_text = format!("{sign}{}", delta.normalize());
    if last.is_zero() {
        return Some(delta_text);
    }
    let percent = delta.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(last)?.round_dp(1);
    Some(format!("{delta_text}（{sign}{percent:.1}%）"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::RuleCode;
    use crate::rules::testing::filled;

    fn set(report: &mut Report, address: &str, value: i64) {
        report.set(CellId::from_address(address).unwrap(), Value::Number(value.into()));
    }

    #[test]
    fn figures_compare_with_last_year_exactly() {
        let mut now = filled();
        set(&mut now, "requests.new_received.total", 46);
        set(&mut now, "requests.results.total.total", 40);
        set(&mut now, "requests.results.granted.total", 30);
        let mut last = filled();
        set(&mut last, "requests.new_received.total", 34);
        set(&mut last, "requests.results.total.total", 30);
        set(&mut last, "requests.results.granted.total", 21);
        let s = summarize(&now, &[], Some(&last));
        let new = &s.figures[0];
        assert_eq!((new.this_year.as_deref(), new.last_year.as_deref()), (Some("46"), Some("34")));
        assert_eq!(new.change.as_deref(), Some("+12（+35.3%）"));
        let rate = &s.figures[2];
        assert_eq!(rate.this_year.as_deref(), Some("75.0"));
        assert_eq!(rate.change.as_deref(), Some("+5.0 个百分点"));
        assert_eq!(s.figures[3].change.as_deref(), Some("持平"));
        // Without last year: no change column.
        let alone = summarize(&now, &[], None);
        assert!(alone.figures.iter().all(|f| f.last_year.is_none() && f.change.is_none()));
        // Blank cells are not zeros.
        assert_eq!(summarize(&Report::new(), &[], None).figures[0].this_year, None);
    }

    #[test]
    fn deadline_by_kind() {
        let mut r = filled();
        r.meta.year = Some(2025);
        r.meta.organ_kind = Some(OrganKind::Department);
        r.meta.published_on = Date::new(2026, 1, 30);
        assert_eq!(deadline(&r).status, "met");
        r.meta.published_on = Date::new(2026, 2, 1);
        let d = deadline(&r);
        assert_eq!((d.status, d.due.as_deref()), ("late", Some("2026年1月31日")));
        r.meta.organ_kind = Some(OrganKind::Government);
        assert_eq!(deadline(&r).status, "met");
        r.meta.published_on = None;
        assert_eq!(deadline(&r).status, "unpublished");
        r.meta.organ_kind = None;
        assert_eq!(deadline(&r).status, "unknown");
    }

    #[test]
    fn top_findings_are_one_per_kind_errors_first_in_plain_words() {
        let f = |rule, severity, cell: &str| {
            Finding::new(rule, severity, "消息").cells(crate::finding::Location::from_address(cell))
        };
        let findings = vec![
            f(RuleCode::A1, Severity::Error, "requests.results.total.total"),
            f(RuleCode::A1, Severity::Error, "requests.results.total.natural_person"),
            f(RuleCode::A4, Severity::Error, "review_litigation.review.total"),
            f(RuleCode::X1, Severity::Warning, "sections.overview"),
            f(RuleCode::X2, Severity::Info, "sections.other"),
        ];
        let s = summarize(&filled(), &findings, None);
        let whats: Vec<&str> = s.top.iter().map(|k| k.what.as_str()).collect();
        assert_eq!(whats.len(), 3, "{whats:?}");
        assert_eq!(s.top[0].count, 2);
        assert!(s.top[0].place.ends_with("等 2 处"), "{}", s.top[0].place);
        assert_eq!(s.top[2].severity, Severity::Warning);
        // No codes anywhere a person reads.
        let text = serde_json::to_string(&s).unwrap();
        for code in ["\"A1", "A4", "X1"] {
            assert!(!text.contains(code), "{code} in {text}");
        }
        assert_eq!(s.to_fix.len(), 2);
        assert_eq!(s.to_fix[0].count, 2);
        assert_eq!(s.to_fix[0].places.len(), 2);
        assert!(s.verdict.starts_with("有 3 处错误"), "{}", s.verdict);
    }
}
