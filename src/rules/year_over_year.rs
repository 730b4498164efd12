//! R5: this year's tables are last year's, figure for figure; R6: a
//! figure far from last year's (a hint for the reviewer to confirm or
//! dismiss). Both need last year's report of the same organ (as X4).

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{active, all_cells, request_cell, request_row as row, review_cell, CellId, TableId};
use crate::layout::{REQUEST_TOTAL_COLUMN, REVIEW_TOTAL_COLUMN};
use crate::model::Report;
use rust_decimal::Decimal;

pub const R5: Rule = Rule {
    code: RuleCode::R5,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "表二至表四与上年报告完全相同",
    doc: "给出上一年度的报告时，本年表二、表三、表四的全部数字与上年报告一模一样（且不全为 0），\
          几乎不可能是真实统计：多半是沿用了上年的表格。请按本年度的实际情况重新统计。正文雷同由 X9 检查。",
    basis: "国办公开办函〔2021〕30号：发布内容不准确不全面的，追究责任",
    example: "某统计局连续三年的年报，表二至表四的每个数字都相同。",
    check: check_r5,
};

pub const R6: Rule = Rule {
    code: RuleCode::R6,
    severity: Severity::Info,
    also: &[],
    from_year: None,
    title: "数字与上年相比变化异常，请核实",
    doc: "给出上一年度的报告时，提示明显不合常理的变化，由审核人员确认或排除（只是提示，不是错误）：\
          关键数字是上年的 5 倍以上或不到 1/5（两年都不少于 30 时才比，1 件变 6 件不算）；\
          现行有效件数从上百件降为 0；行政许可、行政处罚从上千件降为 0。常见原因是统计口径变了\
          （只统计本级、漏了下属单位）或填错了行。阈值见下方“依据”。",
    basis: "阈值：倍数 5、两年均不少于 30（同类系统的年度比对规则，避免小数字的噪声）；现行有效“上百件”即不少于 100；\
            行政许可、处罚“上千件”即不少于 1000。",
    example: "上年行政许可 550 件，本年 9487 件（约 17 倍）。",
    check: check_r6,
};

/// The thresholds of R6, with their basis in [`R6`]'s documentation.
pub mod thresholds {
    /// A figure this many times last year's (or less than its reciprocal)…
    pub(super) const FACTOR: i64 = 5;
    /// …when both years' figures are at least this.
    pub(super) const FLOOR: i64 = 30;
    /// 现行有效 falling to 0 from at least this.
    pub(super) const IN_FORCE_FROM: i64 = 100;
    /// 行政许可 / 行政处罚 falling to 0 from at least this.
    pub(super) const DECISIONS_FROM: i64 = 1000;
}

/// Whether `previous` is last year's report (or the years are unknown).
fn is_last_year(report: &Report, previous: &Report) -> bool {
    match (report.meta.year, previous.meta.year) {
        (Some(y), Some(p)) => p + 1 == y,
        _ => true,
    }
}

fn check_r5(context: &Context, findings: &mut Vec<Finding>) {
    let (report, Some(previous)) = (context.report, context.previous) else { return };
    if !is_last_year(report, previous) || TableId::ALL.iter().any(|&t| report.table_is_blank(t)) {
        return;
    }
    if all_cells().any(|id| report.number(id) != previous.number(id)) {
        return;
    }
    // 现行有效 may rightly stay the same; the year's own figures may not.
    let in_force = [active::RULES_IN_FORCE, active::NORMATIVE_IN_FORCE];
    let moving: Vec<CellId> =
        all_cells().filter(|id| !in_force.contains(id) && !report.number(*id).is_zero()).collect();
    if moving.len() < 3 {
        return; // an organ with (almost) nothing to report may rightly report the same nothing
    }
    let last = previous.meta.year.map_or_else(|| "上年".to_string(), |y| format!("{y} 年度"));
    findings.push(
        Finding::new(
            RuleCode::R5,
            Severity::Warning,
            format!(
                "表二、表三、表四的全部数字与{last}报告完全相同（如{}均为 {}）。每年的统计不可能完全一样，多半是沿用了上年的表格，请按本年度实际重新统计。",
                moving[0].label(),
                report.number(moving[0])
            ),
        )
        .cells(moving.iter().copied().take(3))
        .expected("本年度的统计")
        .actual(format!("与{last}相同")),
    );
}

/// The figures R6 compares: the year's key figures, one per root cause
/// (表三 only 新收: its other rows follow it; 表四 the group totals).
fn compared() -> Vec<CellId> {
    let mut cells = vec![
        active::NORMATIVE_ISSUED,
        active::NORMATIVE_IN_FORCE,
        active::RULES_IN_FORCE,
        active::LICENSING,
        active::PENALTIES,
        active::COERCIVE_MEASURES,
        active::FEES,
        request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN),
    ];
    cells.extend((0..3).map(|g| review_cell(g, REVIEW_TOTAL_COLUMN)));
    cells
}

/// Whether X5 already reports this 现行有效 cell (one root cause, one finding).
fn x5_reports(report: &Report, previous: &Report, in_force: CellId) -> bool {
    let (issued, repealed) = if in_force == active::RULES_IN_FORCE {
        (active::RULES_ISSUED, active::RULES_REPEALED)
    } else {
        (active::NORMATIVE_ISSUED, active::NORMATIVE_REPEALED)
    };
    let complete = [issued, repealed, in_force].iter().all(|&id| !report.value(id).is_blank())
        && !previous.value(in_force).is_blank();
    complete && previous.number(in_force) + report.number(issued) - report.number(repealed) != report.number(in_force)
}

fn check_r6(context: &Context, findings: &mut Vec<Finding>) {
    use thresholds::*;
    let (report, Some(previous)) = (context.report, context.previous) else { return };
    if !is_last_year(report, previous) {
        return;
    }
    let last_year = previous.meta.year.map_or_else(|| "上年".to_string(), |y| format!("{y} 年"));
    let this_year = report.meta.year.map_or_else(|| "本年".to_string(), |y| format!("{y} 年"));
    for id in compared() {
        if report.value(id).is_blank() || previous.value(id).is_blank() {
            continue;
        }
        let in_force = id == active::RULES_IN_FORCE || id == active::NORMATIVE_IN_FORCE;
        if in_force && x5_reports(report, previous, id) {
            continue;
        }
        let (now, then) = (report.number(id), previous.number(id));
        let floor = Decimal::from(FLOOR);
        let factor = Decimal::from(FACTOR);
        let why = if now >= floor && then >= floor && (now >= then * factor || then >= now * factor) {
            let times = if now > then { now / then } else { then / now };
            let times = times.round_dp(1).normalize();
            Some(if now > then { format!("是上年的 {times} 倍") } else { format!("只有上年的 1/{times}") })
        } else if now.is_zero() && in_force && then >= Decimal::from(IN_FORCE_FROM) {
            Some("从上百件降为 0".to_string())
        } else if now.is_zero()
            && (id == active::LICENSING || id == active::PENALTIES)
            && then >= Decimal::from(DECISIONS_FROM)
        {
            Some("从上千件降为 0".to_string())
        } else {
            None
        };
        let Some(why) = why else { continue };
        let unit = if id == active::FEES { " 万元" } else { "" };
        findings.push(
            Finding::new(
                RuleCode::R6,
                Severity::Info,
                format!(
                    "{}：{this_year}为 {now}{unit}，{last_year}为 {then}{unit}，{why}。请核实统计口径（是否漏了或多算了下属单位、是否填错了行），确有其事的可在正文说明原因。",
                    id.label()
                ),
            )
            .cells([id])
            .expected(format!("与上年 {then}{unit} 相近，或在正文说明"))
            .actual(format!("{now}{unit}")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::rules::testing::filled;
    use crate::rules::{run, CheckOptions};

    fn pair() -> (Report, Report) {
        let mut last = filled();
        last.meta.year = Some(2023);
        for (id, n) in [(active::LICENSING, 550), (active::PENALTIES, 4119), (active::COERCIVE_MEASURES, 195)] {
            last.set(id, Value::Number(n.into()));
        }
        let mut this = last.clone();
        this.meta.year = Some(2024);
        (this, last)
    }

    fn codes(this: &Report, last: &Report, code: &str) -> Vec<Finding> {
        run(this, &CheckOptions::with_previous(Some(last))).into_iter().filter(|f| f.rule == code).collect()
    }

    #[test]
    fn r5_identical_tables() {
        let (mut this, last) = pair();
        assert_eq!(codes(&this, &last, "R5").len(), 1);
        this.set(active::COERCIVE_MEASURES, Value::Number(196.into()));
        assert!(codes(&this, &last, "R5").is_empty());
        // Nothing to report two years running is no copy.
        assert!(codes(&filled(), &filled(), "R5").is_empty());
    }

    #[test]
    fn r6_jumps_and_drops() {
        let (mut this, last) = pair();
        this.set(active::LICENSING, Value::Number(9487.into()));
        this.set(active::PENALTIES, Value::Number(0.into()));
        this.set(active::COERCIVE_MEASURES, Value::Number(40.into()));
        let f = codes(&this, &last, "R6");
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f[0].message.contains("9487") && f[0].message.contains("550") && f[0].message.contains("17.2 倍"));
        assert!(f[1].message.contains("从上千件降为 0"));
        // 1 → 6 is noise.
        let (mut small, mut last) = pair();
        last.set(active::NORMATIVE_ISSUED, Value::Number(1.into()));
        small.set(active::NORMATIVE_ISSUED, Value::Number(6.into()));
        assert!(codes(&small, &last, "R6").is_empty());
    }
}
