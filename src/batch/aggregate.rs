//! Aggregation: the sum of several reports as one report in the official
//! format, and a cell-by-cell comparison with a report that states the
//! combined figures itself (a district's own report).

use crate::layout::all_cells;
use crate::model::{OrganKind, Report, Value};
use serde::Serialize;

/// Figures of different years added up mean nothing: when `reports` are
/// of more than one year, the refusal that names them
/// (“所汇总的报告分属不同年度（2024 年度、2025 年度）”), for the CLI and
/// the page to finish with their own advice.
pub fn mixed_years(reports: &[&Report]) -> Option<String> {
    let mut years: Vec<Option<i32>> = reports.iter().map(|r| r.meta.year).collect();
    years.sort();
    years.dedup();
    let named: Vec<String> =
        years.iter().map(|y| y.map_or_else(|| "年度不明".to_string(), |y| format!("{y} 年度"))).collect();
    (years.len() > 1).then(|| format!("所汇总的报告分属不同年度（{}）", named.join("、")))
}

/// The sum of `reports`, cell by cell (exact decimals). A cell blank in
/// every report stays blank; text (reported by D1/D2 on its own report)
/// cannot be added: the sum's preamble says it is incomplete and names
/// each value left out ([`left_out`] lists them). The year is kept when
/// all reports share it.
pub fn aggregate(reports: &[&Report], organ: &str) -> Report {
    let mut sum = Report::new();
    sum.meta.organ = organ.to_string();
    sum.meta.organ_kind = Some(OrganKind::Other);
    let mut years = reports.iter().map(|r| r.meta.year);
    let first = years.next().flatten();
    sum.meta.year = if years.all(|y| y == first) { first } else { None };
    for report in reports {
        add_into(&mut sum, report);
    }
    let units: Vec<&str> = reports.iter().map(|r| r.meta.organ.as_str()).filter(|o| !o.is_empty()).collect();
    let mut preamble = format!("本报告由 {} 份报告汇总而成：{}。", reports.len(), units.join("、"));
    let missing = left_out(reports);
    if !missing.is_empty() {
        preamble += &format!("{}。", incomplete_note(&missing));
    }
    sum.sections.preamble = Some(preamble);
    sum
}

/// A value the sum could not add: text where a number belongs.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct LeftOut {
    /// The unit (organ) whose report holds it.
    pub unit: String,
    /// The cell's address (for programs) and its Chinese place.
    pub cell: &'static str,
    pub place: &'static str,
    /// What was written there.
    pub value: String,
}

/// The values of `reports` that [`aggregate`] leaves out of the sum.
pub fn left_out(reports: &[&Report]) -> Vec<LeftOut> {
    let mut out = Vec::new();
    for report in reports {
        for id in all_cells() {
            if let Value::Text(text) = report.value(id) {
                let unit =
                    if report.meta.organ.is_empty() { "（未写机关名称的报告）" } else { &report.meta.organ };
                out.push(LeftOut {
                    unit: unit.to_string(),
                    cell: id.address(),
                    place: id.label(),
                    value: text.clone(),
                });
            }
        }
    }
    out
}

/// “汇总不完整：……没有计入” with every value left out, unit and place.
pub fn incomplete_note(missing: &[LeftOut]) -> String {
    let listed: Vec<String> =
        missing.iter().map(|m| format!("{}的{}（填写的是“{}”，不是数字）", m.unit, m.place, m.value)).collect();
    format!("注意：汇总不完整，以下 {} 个数值没有计入合计：{}", missing.len(), listed.join("；"))
}

/// Adds the numbers of `report` into `sum`, cell by cell: a cell blank in
/// both stays blank, text is left out.
fn add_into(sum: &mut Report, report: &Report) {
    for id in all_cells() {
        if let Value::Number(n) = report.value(id) {
            let total = match sum.value(id) {
                // Cells are capped far below Decimal's range, so this cannot
                // overflow for any realistic batch; saturate rather than panic.
                Value::Number(s) => s.checked_add(*n).unwrap_or(rust_decimal::Decimal::MAX),
                _ => *n,
            };
            sum.set(id, Value::Number(total));
        }
    }
}

/// One cell where a report's own figure differs from the sum of its units.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Difference {
    pub cell: &'static str,
    pub label: &'static str,
    pub stated: String,
    pub sum: String,
}

/// The cells where `stated` (e.g. a district's report) differs from `sum`.
pub fn compare(stated: &Report, sum: &Report) -> Vec<Difference> {
    all_cells()
        .filter(|&id| stated.value(id).number_or_zero() != sum.value(id).number_or_zero())
        .map(|id| Difference {
            cell: id.address(),
            label: id.label(),
            stated: stated.value(id).to_string(),
            sum: sum.value(id).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{active, request_cell};
    use rust_decimal::Decimal;

    #[test]
    fn reports_of_different_years_are_refused_by_name() {
        let mut a = Report::new();
        a.meta.year = Some(2025);
        let mut b = a.clone();
        assert_eq!(mixed_years(&[&a, &b]), None);
        b.meta.year = Some(2024);
        let c = Report::new();
        assert_eq!(
            mixed_years(&[&a, &b, &c]).as_deref(),
            Some("所汇总的报告分属不同年度（年度不明、2024 年度、2025 年度）")
        );
    }

    fn n(s: &str) -> Value {
        Value::Number(s.parse().unwrap())
    }

    #[test]
    fn sums_exactly_and_keeps_blanks() {
        let mut a = Report::new();
        a.meta.year = Some(2025);
        a.set(active::FEES, n("0.1"));
        a.set(request_cell(0, 6), n("3"));
        let mut b = Report::new();
        b.meta.year = Some(2025);
        b.set(active::FEES, n("0.2"));
        let sum = aggregate(&[&a, &b], "全区");
        assert_eq!(sum.value(active::FEES), &Value::Number(Decimal::new(3, 1)));
        assert_eq!(sum.value(request_cell(0, 6)), &n("3"));
        assert!(sum.value(request_cell(0, 0)).is_blank());
        assert_eq!(sum.meta.year, Some(2025));
        assert!(!sum.sections.preamble.as_deref().unwrap().contains("不完整"));
        let mut own = sum.clone();
        own.set(request_cell(0, 6), n("34"));
        let diff = compare(&own, &sum);
        assert_eq!(diff.len(), 1);
        assert_eq!((diff[0].stated.as_str(), diff[0].sum.as_str()), ("34", "3"));
    }

    #[test]
    fn a_value_left_out_is_named_and_the_sum_marked_incomplete() {
        let mut a = Report::new();
        a.meta.organ = "某某局".into();
        a.set(active::FEES, Value::parse("12.5万元"));
        let mut b = Report::new();
        b.meta.organ = "某某委".into();
        b.set(active::FEES, n("1"));
        let sum = aggregate(&[&a, &b], "全区");
        assert_eq!(sum.value(active::FEES), &n("1"));
        let missing = left_out(&[&a, &b]);
        assert_eq!(missing.len(), 1);
        assert_eq!((missing[0].unit.as_str(), missing[0].cell), ("某某局", "active.fees"));
        let preamble = sum.sections.preamble.unwrap();
        assert!(preamble.contains("汇总不完整") && preamble.contains("某某局的表二「行政事业性收费」"), "{preamble}");
        assert!(preamble.contains("“12.5万元”"), "{preamble}");
    }
}
