//! One batch check, the same for `nianbao check` over many files, the
//! region's `nianbao summary` and the page's batch: the reports checked
//! (paired across years, or each against one given last-year report), the
//! organs with two reports for a year, and the coverage of a list of units.
//!
//! The page's Web Workers check the reports in shares (see [`super::Plan`]);
//! what follows the check is [`Batch::of`] for them too.

use super::coverage::{self, Handed, YearCoverage};
use super::{check_each, check_entry, Checked, CheckedReport, Duplicate, Entry};
use crate::model::Report;
use crate::output::Status;
use crate::summary::region::{CoverageLine, RegionSummary};
use serde::Serialize;

/// Which coverage of the list of units a batch gives.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum CoverageOf {
    /// Every year of the reports (the page lets the reviewer pick one).
    #[default]
    EveryYear,
    /// The year under review only: the one given, else the latest year of
    /// the reports (`nianbao check --units [--year]`).
    YearUnderReview(Option<i32>),
}

/// What a batch check is asked.
#[derive(Clone, Debug)]
pub struct Options<'a> {
    /// X9's threshold: how much of a text may be last year's.
    pub copy_threshold: u8,
    /// One last-year report (its source and report) every input is checked
    /// against, instead of pairing the batch's own reports by organ and year.
    pub previous: Option<(&'a str, &'a Report)>,
    /// The units expected to hand in a report (`None`: no coverage).
    pub units: Option<&'a [String]>,
    pub coverage_of: CoverageOf,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            copy_threshold: crate::rules::copying::DEFAULT_THRESHOLD,
            previous: None,
            units: None,
            coverage_of: CoverageOf::EveryYear,
        }
    }
}

impl<'a> Options<'a> {
    /// The page's batch: pairing within the batch, X9's `copy_threshold`,
    /// and every year's coverage of `units` (none when the list is empty).
    pub fn page(units: &'a [String], copy_threshold: u8) -> Options<'a> {
        let units = (!units.is_empty()).then_some(units);
        Options { copy_threshold, units, ..Options::default() }
    }
}

/// A checked batch and what is said of it as a whole.
#[derive(Clone, Debug)]
pub struct Batch {
    pub checked: Checked,
    /// Organs with more than one report for a year.
    pub duplicates: Vec<Duplicate>,
    /// Per year, which listed units handed in a report (with units).
    pub coverage: Option<Vec<YearCoverage>>,
    /// With [`CoverageOf::YearUnderReview`]: the other years of the
    /// reports, whose coverage is not given (a reader may ask for it).
    pub other_years: Vec<i32>,
}

/// Checks `count` inputs that `load` reads (again, at will: only summaries
/// stay in memory), handing each report to `keep` in input order as soon
/// as it is checked; the batch holds what `keep` returns (all of it, or a
/// report without its findings once `check --jsonl` has written them).
pub fn run(
    count: usize,
    load: impl super::Load,
    options: &Options,
    mut keep: impl FnMut(CheckedReport) -> CheckedReport,
) -> Batch {
    let mut reports = Vec::with_capacity(count);
    match options.previous {
        Some((source, previous)) => {
            let previous = Entry { source: source.to_string(), imported: Ok(whole(previous)) };
            for i in 0..count {
                let mut report = check_entry(&load.entry(i), Some((0, &previous)), &[], options.copy_threshold);
                // One report given for all: no position in the batch.
                report.previous_index = None;
                reports.push(keep(report));
            }
        }
        None => check_each(count, load, options.copy_threshold, |report| reports.push(keep(report))),
    }
    Batch::of(Checked { reports }, options)
}

/// A last-year report given as such, for [`check_entry`].
fn whole(report: &Report) -> crate::Imported {
    crate::Imported::whole(report.clone(), crate::import::Format::Json)
}

impl Batch {
    /// What is said of the batch as a whole, once its reports are checked.
    pub fn of(checked: Checked, options: &Options) -> Batch {
        let duplicates = super::duplicates(&checked.reports);
        let mut other_years = Vec::new();
        let coverage = options.units.map(|units| {
            let handed = handed(&checked.reports);
            match options.coverage_of {
                CoverageOf::EveryYear => coverage::coverage(units, &handed),
                CoverageOf::YearUnderReview(asked) => {
                    let year = coverage::year_under_review(&handed, asked);
                    other_years = handed.iter().filter_map(|r| r.year).filter(|&y| Some(y) != year).collect();
                    other_years.sort_unstable();
                    other_years.dedup();
                    vec![coverage::coverage_of_year(units, &handed, year)]
                }
            }
        });
        Batch { checked, duplicates, coverage, other_years }
    }

    /// The reports, as `nianbao check` reports them.
    pub fn reports(&self) -> &[CheckedReport] {
        &self.checked.reports
    }

    /// Some report was read (else there was nothing to check).
    pub fn any_read(&self) -> bool {
        self.reports().iter().any(|r| r.error.is_none())
    }

    /// Some file could not be read, or some report has an error finding.
    pub fn any_error_or_unreadable(&self) -> bool {
        self.reports().iter().any(|r| r.error.is_some() || r.counts.is_some_and(|c| c.error > 0))
    }

    /// The `--json` document of `nianbao check`.
    pub fn to_json(&self) -> String {
        let output = Output { reports: self.reports(), coverage: &self.coverage, duplicates: &self.duplicates };
        serde_json::to_string_pretty(&output).unwrap_or_else(|_| "{\"reports\":[]}".to_string())
    }

    /// The region's 体检摘要 (`nianbao summary 文件夹…`), named `name`; with
    /// the coverage of every year when the units were given.
    pub fn region_summary(&self, name: &str) -> RegionSummary {
        let lines: Vec<CoverageLine> = self
            .coverage
            .iter()
            .flatten()
            .map(|year| CoverageLine {
                year: year.year,
                listed: year.found.len() + year.missing.len(),
                handed_in: year.found.len(),
                missing: year.missing.clone(),
            })
            .collect();
        crate::summary::region::summarize(name, self.reports(), &lines)
    }

    /// The last line of `nianbao check --jsonl`: what needs the whole batch.
    pub fn last_line(&self) -> LastLine<'_> {
        let statuses = [Status::Passed, Status::Warnings, Status::Errors, Status::Unreadable]
            .into_iter()
            .map(|status| (status, self.reports().iter().filter(|r| r.status == status).count()))
            .collect();
        LastLine { statuses, duplicates: &self.duplicates, coverage: &self.coverage }
    }
}

/// The readable reports as coverage sees them.
fn handed(reports: &[CheckedReport]) -> Vec<Handed<'_>> {
    reports
        .iter()
        .filter(|r| r.error.is_none())
        .map(|r| Handed { source: &r.source, organ: r.organ.as_deref().unwrap_or_default(), year: r.year })
        .collect()
}

/// The `--json` document of `nianbao check`: `{"reports": [...]}`.
#[derive(Serialize)]
struct Output<'a> {
    reports: &'a [CheckedReport],
    /// Per year, which listed units handed in a report (with `--units`).
    #[serde(skip_serializing_if = "is_none")]
    coverage: &'a Option<Vec<YearCoverage>>,
    /// Organs with more than one report for a year.
    #[serde(skip_serializing_if = "is_empty")]
    duplicates: &'a [Duplicate],
}

fn is_none<T>(value: &&Option<T>) -> bool {
    value.is_none()
}

fn is_empty<T>(value: &&[T]) -> bool {
    value.is_empty()
}

/// The last line of `check --jsonl`. Report lines have a `source`; this
/// one has `statuses` instead.
#[derive(Serialize)]
pub struct LastLine<'a> {
    /// How many reports have each status (`passed`, `warnings`, `errors`, `unreadable`).
    statuses: std::collections::BTreeMap<Status, usize>,
    duplicates: &'a [Duplicate],
    #[serde(skip_serializing_if = "is_none")]
    coverage: &'a Option<Vec<YearCoverage>>,
}

#[cfg(test)]
mod tests {
    use super::super::tests::entry;
    use super::*;

    fn batch() -> Vec<Entry> {
        vec![
            entry("a-2025.json", "青山县某某局", 2025, 0),
            entry("a-2024.json", "青山县某某局", 2024, 3),
            entry("b-2025.json", "青山县另一局", 2025, 0),
            entry("b-2025-修订.json", "青山县另一局", 2025, 0),
            Entry { source: "bad.json".into(), imported: Err(crate::ImportError::new("坏文件")) },
        ]
    }

    fn load(i: usize) -> Entry {
        batch().swap_remove(i)
    }

    #[test]
    fn pairs_finds_duplicates_and_keeps_what_it_is_handed() {
        let mut seen = Vec::new();
        let options = Options::default();
        let run = run(5, load, &options, |report| {
            seen.push(report.source.clone());
            CheckedReport { findings: None, ..report }
        });
        assert_eq!(seen, ["a-2025.json", "a-2024.json", "b-2025.json", "b-2025-修订.json", "bad.json"]);
        assert!(run.reports().iter().all(|r| r.findings.is_none()), "what keep returned is kept");
        assert_eq!(run.reports()[0].previous.as_deref(), Some("a-2024.json"));
        assert_eq!(run.reports()[0].previous_index, Some(1));
        assert_eq!(run.duplicates.len(), 1);
        assert_eq!(run.duplicates[0].sources, ["b-2025.json", "b-2025-修订.json"]);
        assert_eq!(run.coverage, None);
        assert!(run.any_read() && run.any_error_or_unreadable());
        let json: serde_json::Value = serde_json::from_str(&run.to_json()).unwrap();
        assert_eq!(json["reports"].as_array().unwrap().len(), 5);
        assert!(json.get("coverage").is_none() && json["duplicates"].is_array());
        let last = serde_json::to_value(run.last_line()).unwrap();
        assert_eq!(last["statuses"]["unreadable"], 1);
    }

    #[test]
    fn coverage_of_every_year_or_of_the_year_under_review() {
        let units = vec!["县某某局".to_string(), "县另一局".to_string(), "县第三局".to_string()];
        let every = Options { units: Some(&units), ..Options::default() };
        let run_every = run(5, load, &every, |r| r);
        let years: Vec<Option<i32>> = run_every.coverage.as_ref().unwrap().iter().map(|c| c.year).collect();
        assert_eq!(years, [Some(2024), Some(2025)]);
        assert!(run_every.other_years.is_empty());

        let latest = Options { coverage_of: CoverageOf::YearUnderReview(None), ..every.clone() };
        let run_latest = run(5, load, &latest, |r| r);
        let coverage = &run_latest.coverage.as_ref().unwrap()[0];
        // 2025 only: 县某某局 found, 县第三局 missing (县另一局's two
        // reports of one year are coverage's own business).
        assert_eq!((coverage.year, coverage.found.len()), (Some(2025), 1));
        assert!(coverage.missing.contains(&"县第三局".to_string()), "{coverage:?}");
        assert_eq!(run_latest.other_years, [2024]);

        let asked = Options { coverage_of: CoverageOf::YearUnderReview(Some(2023)), ..every };
        let run_asked = run(5, load, &asked, |r| r);
        assert_eq!(run_asked.coverage.as_ref().unwrap()[0].missing, units);
        assert_eq!(run_asked.other_years, [2024, 2025]);
    }

    #[test]
    fn one_given_last_year_report_for_every_input() {
        let last_year = entry("上年.json", "青山县某某局", 2024, 3).imported.unwrap().report;
        let options = Options { previous: Some(("上年.json", &last_year)), ..Options::default() };
        let run = run(5, load, &options, |r| r);
        let first = &run.reports()[0];
        assert_eq!((first.previous.as_deref(), first.previous_index), (Some("上年.json"), None));
        assert!(first.findings.as_ref().unwrap().iter().any(|f| f.rule == crate::RuleCode::X4));
        assert_eq!(run.reports()[4].status, Status::Unreadable);
    }
}
