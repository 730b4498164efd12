//! The rule catalogue of FORMAT.md §8 that applies to structured data.
//!
//! A rule is one small unit: a stable code (never reused), the highest
//! severity it reports, a title, its documentation and a check function.
//! The catalogue (`nianbao rules`, the page's rule explanations) is
//! generated from [`RULES`].

mod arithmetic;
mod batch_copies;
pub mod copying;
mod cross_year;
mod domain;
mod happened;
mod meta;
mod outdated;
mod outline;
mod prose;
mod scan;
pub mod structure;
pub mod template;
mod wording;
mod year_over_year;
mod years;

use crate::finding::{Finding, RuleCode, Severity};
use crate::model::{Date, Report};
use serde::Serialize;

/// What the rules need besides the report itself.
#[derive(Clone, Copy, Debug)]
pub struct CheckOptions<'a> {
    /// Last year's report of the same organ, for X4, X5 and X9.
    pub previous: Option<&'a Report>,
    /// X9 warns above this share (percent) of prose repeated from last year.
    pub copy_threshold: u8,
}

impl Default for CheckOptions<'_> {
    fn default() -> Self {
        CheckOptions { previous: None, copy_threshold: copying::DEFAULT_THRESHOLD }
    }
}

impl<'a> CheckOptions<'a> {
    /// The default options with last year's report.
    pub fn with_previous(previous: Option<&'a Report>) -> Self {
        CheckOptions { previous, ..CheckOptions::default() }
    }
}

/// The report (and options) a rule looks at.
pub struct Context<'a> {
    pub report: &'a Report,
    pub previous: Option<&'a Report>,
    pub copy_threshold: u8,
}

/// One rule of the catalogue.
#[derive(Serialize)]
pub struct Rule {
    /// Stable code, e.g. `A1`; never reused for another check.
    pub code: RuleCode,
    /// The most serious severity the rule reports.
    pub severity: Severity,
    /// The lesser severities it may also report (e.g. D2: a fee with too
    /// many decimals is a warning). The README's table and the page's rule
    /// explanation both show [`Rule::levels_label`] of these.
    pub also: &'static [Severity],
    /// The first report year the rule applies to (`None`: every year):
    /// e.g. 信息处理费 exist from 2021 reports on (国办函〔2020〕109号).
    pub from_year: Option<i32>,
    /// One line: what the rule checks.
    pub title: &'static str,
    /// What the format requires and why it matters.
    pub doc: &'static str,
    /// On what basis: the 条例 article or the notice.
    pub basis: &'static str,
    /// A typical case that triggers it.
    pub example: &'static str,
    #[serde(skip)]
    check: fn(&Context, &mut Vec<Finding>),
}

impl Rule {
    /// Every severity the rule reports, most serious first.
    pub fn levels(&self) -> impl Iterator<Item = Severity> + '_ {
        std::iter::once(self.severity).chain(self.also.iter().copied())
    }

    /// 错误 / 错误或警告 …: what the rule can report, in the user's words.
    pub fn levels_label(&self) -> String {
        self.levels().map(Severity::label).collect::<Vec<_>>().join("或")
    }

    /// The title, with the first year it applies to when it does not apply
    /// to every year (the README's table, `nianbao rules`).
    pub fn scoped_title(&self) -> String {
        match self.from_year {
            Some(year) => format!("{}（{year} 年度起的报告）", self.title),
            None => self.title.to_string(),
        }
    }

    /// Whether the rule applies to a report of `year` (unknown: it does).
    pub fn applies_to(&self, year: Option<i32>) -> bool {
        match (self.from_year, year) {
            (Some(from), Some(year)) => year >= from,
            _ => true,
        }
    }
}

/// Every rule, in catalogue order.
pub static RULES: &[Rule] = &[
    domain::D1,
    domain::D2,
    arithmetic::A1,
    arithmetic::A2,
    arithmetic::A3,
    arithmetic::A4,
    structure::S1,
    structure::S2,
    structure::S3,
    template::S5,
    structure::S6,
    structure::S7,
    structure::S8,
    prose::X1,
    prose::X2,
    prose::X3,
    cross_year::X4,
    cross_year::X5,
    cross_year::X11,
    meta::X6,
    prose::X7,
    prose::X8,
    copying::X9,
    meta::X10,
    years::R1,
    happened::R2,
    outdated::R3,
    outdated::R4,
    year_over_year::R5,
    year_over_year::R6,
    outline::R7,
    outline::R8,
    batch_copies::R9,
    batch_copies::R10,
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// Runs every rule on a report, in catalogue order.
pub fn run(report: &Report, options: &CheckOptions) -> Vec<Finding> {
    let context = Context { report, previous: options.previous, copy_threshold: options.copy_threshold };
    let mut findings = Vec::new();
    for rule in RULES.iter().filter(|r| r.applies_to(report.meta.year)) {
        let start = findings.len();
        (rule.check)(&context, &mut findings);
        debug_assert!(findings[start..].iter().all(|f| rule.levels().any(|l| l == f.severity)), "{}", rule.code);
    }
    findings
}

/// A fixed "today" is never assumed: X10 compares the publication date with
/// the deadline of the report year, both from the report.
pub fn deadline(report_year: i32, government: bool) -> Option<Date> {
    let next = report_year.checked_add(1)?;
    if government {
        Date::new(next, 3, 31)
    } else {
        Date::new(next, 1, 31)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::Finding;
    use crate::layout::all_cells;
    use crate::model::{Report, Value};

    /// A report with every cell 0 and no prose: passes every table rule.
    pub fn filled() -> Report {
        let mut r = Report::new();
        for id in all_cells() {
            r.set(id, Value::Number(Default::default()));
        }
        r
    }

    /// The findings whose code starts with `prefix`.
    pub fn findings_of(report: &Report, prefix: &str) -> Vec<Finding> {
        super::run(report, &Default::default()).into_iter().filter(|f| f.rule.as_str().starts_with(prefix)).collect()
    }

    pub fn codes(report: &Report) -> Vec<&'static str> {
        super::run(report, &Default::default()).into_iter().map(|f| f.rule.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_documented() {
        let mut codes: Vec<_> = RULES.iter().map(|r| r.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), RULES.len());
        for r in RULES {
            assert!(!r.title.is_empty() && !r.doc.is_empty() && !r.example.is_empty(), "{}", r.code);
        }
    }
}
