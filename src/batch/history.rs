//! One organ's figures across the years (the batch page's history of an
//! organ): each figure per year, and its change from the year before.

use super::charts;
use crate::layout::{
    active, request_cell, request_row as row, review_cell, CellId, REQUEST_TOTAL_COLUMN, REVIEW_TOTAL_COLUMN,
};
use crate::model::Report;
use serde::Serialize;

/// The figures a per-organ history shows, in order.
fn history_figures() -> Vec<(&'static str, Vec<CellId>)> {
    let total = |r| request_cell(r, REQUEST_TOTAL_COLUMN);
    vec![
        ("本年新收申请", vec![total(row::NEW_RECEIVED)]),
        ("上年结转申请", vec![total(row::CARRIED_OVER)]),
        ("办理结果总计", vec![total(row::RESULTS_TOTAL)]),
        ("结转下年度", vec![total(row::CARRIED_FORWARD)]),
        ("予以公开", vec![total(row::FIRST_RESULT)]),
        ("行政复议", vec![review_cell(0, REVIEW_TOTAL_COLUMN)]),
        ("行政诉讼", vec![review_cell(1, REVIEW_TOTAL_COLUMN), review_cell(2, REVIEW_TOTAL_COLUMN)]),
        ("新制发行政规范性文件", vec![active::NORMATIVE_ISSUED]),
        ("现行有效行政规范性文件", vec![active::NORMATIVE_IN_FORCE]),
        ("行政许可", vec![active::LICENSING]),
        ("行政处罚", vec![active::PENALTIES]),
        ("行政强制", vec![active::COERCIVE_MEASURES]),
        ("行政事业性收费（万元）", vec![active::FEES]),
    ]
}

#[derive(Debug, Serialize)]
pub struct History {
    pub organ: String,
    pub years: Vec<i32>,
    /// Per figure: its label and, per year, the value and the change from the year before.
    pub rows: Vec<HistoryRow>,
    pub trend_chart: String,
}

#[derive(Debug, Serialize)]
pub struct HistoryRow {
    pub label: &'static str,
    pub values: Vec<String>,
    pub changes: Vec<String>,
}

/// The history of one organ's reports (those without a year are left out;
/// of two reports of one year, the first).
pub fn history(mut reports: Vec<Report>) -> History {
    reports.retain(|r| r.meta.year.is_some());
    reports.sort_by_key(|r| r.meta.year);
    reports.dedup_by_key(|r| r.meta.year);
    let rows = history_figures()
        .into_iter()
        .map(|(label, cells)| {
            // `None` where the report left the figure blank (or its table
            // could not be read): shown empty, not as 0, and no change.
            let values: Vec<Option<rust_decimal::Decimal>> = reports
                .iter()
                .map(|r| {
                    // Text (“12.5万元”) is not a figure: shown empty, not as 0.
                    let numbers = cells.iter().all(|&id| !matches!(r.value(id), crate::model::Value::Text(_)));
                    let filled = numbers && cells.iter().any(|&id| !r.value(id).is_blank());
                    filled.then(|| cells.iter().map(|&id| r.number(id)).sum())
                })
                .collect();
            let changes = (0..values.len())
                .map(|i| {
                    let (Some(p), Some(v)) = (i.checked_sub(1), values[i]) else { return String::new() };
                    let Some(before) = values[p] else { return String::new() };
                    let d = v - before;
                    let sign = if d.is_sign_positive() && !d.is_zero() { "+" } else { "" };
                    // Years apart (a report missing in between): say from which year.
                    let (year, previous_year) = (reports[i].meta.year, reports[p].meta.year);
                    match (year, previous_year) {
                        (Some(y), Some(py)) if y - py > 1 => format!("{sign}{d}（较 {py} 年）"),
                        _ => format!("{sign}{d}"),
                    }
                })
                .collect();
            let values = values.iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default()).collect();
            HistoryRow { label, values, changes }
        })
        .collect();
    let refs: Vec<&Report> = reports.iter().collect();
    let organ = reports.last().map(|r| r.meta.organ.clone()).unwrap_or_default();
    History {
        trend_chart: charts::trend(&refs, &organ),
        organ,
        years: reports.iter().filter_map(|r| r.meta.year).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::synthetic;
    use crate::model::Value;

    fn row<'a>(history: &'a History, label: &str) -> &'a HistoryRow {
        history.rows.iter().find(|r| r.label == label).unwrap()
    }

    #[test]
    fn figures_per_year_with_their_changes() {
        let mut reports: Vec<Report> = (2021..=2023).map(|y| synthetic::report(4, 1, y)).collect();
        let received = request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN);
        for (r, n) in reports.iter_mut().zip([10, 15, 12]) {
            r.set(received, Value::Number(n.into()));
        }
        reports.reverse(); // any order in, years in order out
        let history = history(reports);
        assert_eq!(history.years, [2021, 2022, 2023]);
        let new = row(&history, "本年新收申请");
        assert_eq!(new.values, ["10", "15", "12"]);
        assert_eq!(new.changes, ["", "+5", "-3"]);
        assert!(
            history.trend_chart.starts_with("<svg"),
            "{}",
            &history.trend_chart[..40.min(history.trend_chart.len())]
        );
    }

    #[test]
    fn a_blank_figure_is_empty_and_a_gap_says_from_which_year() {
        let mut reports: Vec<Report> = [2021, 2023].map(|y| synthetic::report(4, 1, y)).into();
        let received = request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN);
        reports[0].set(received, Value::Number(7.into()));
        reports[1].set(received, Value::Number(9.into()));
        reports[0].set(active::FEES, Value::Blank);
        let mut undated = synthetic::report(4, 1, 2022);
        undated.meta.year = None;
        reports.push(undated);
        let history = history(reports);
        assert_eq!(history.years, [2021, 2023], "a report without a year is left out");
        assert_eq!(row(&history, "本年新收申请").changes, ["", "+2（较 2021 年）"]);
        let fees = row(&history, "行政事业性收费（万元）");
        assert_eq!((fees.values[0].as_str(), fees.changes[1].as_str()), ("", ""), "blank is not 0");
    }
}
