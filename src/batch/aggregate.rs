//! Aggregation: the sum of several reports as one report in the official
//! format, and a cell-by-cell comparison with a report that states the
//! combined figures itself (a district's own report).

use crate::layout::all_cells;
use crate::model::{OrganKind, Report, Value};
use serde::Serialize;

/// The sum of `reports`, cell by cell (exact decimals). A cell blank in
/// every report stays blank; text (reported by D1 on its own report) is
/// left out of the sum. The year is kept when all reports share it.
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
    sum.sections.preamble = Some(format!("本报告由 {} 份报告汇总而成：{}。", reports.len(), units.join("、")));
    sum
}

/// Adds the numbers of `report` into `sum`, cell by cell: a cell blank in
/// both stays blank, text is left out.
pub fn add_into(sum: &mut Report, report: &Report) {
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

/// Reports summed per year (for the batch's charts): one report per year
/// in memory, however many are added.
#[derive(Default)]
pub struct PerYear(std::collections::BTreeMap<i32, Report>);

impl PerYear {
    /// Adds a report to its year's sum; a report without a year is left out.
    pub fn add(&mut self, report: &Report) {
        let Some(year) = report.meta.year else { return };
        let sum = self.0.entry(year).or_insert_with(|| {
            let mut sum = Report::new();
            sum.meta.year = Some(year);
            sum
        });
        add_into(sum, report);
    }

    /// The sums, oldest year first.
    pub fn years(&self) -> Vec<&Report> {
        self.0.values().collect()
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
        let mut own = sum.clone();
        own.set(request_cell(0, 6), n("34"));
        let diff = compare(&own, &sum);
        assert_eq!(diff.len(), 1);
        assert_eq!((diff[0].stated.as_str(), diff[0].sum.as_str()), ("34", "3"));
    }
}
