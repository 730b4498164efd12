//! Many reports at once: checking a batch with automatic year-over-year
//! pairing, coverage against a list of units, aggregation and charts.
//!
//! Used alike by `nianbao check DIR…` / `nianbao aggregate` and the page.

pub mod aggregate;
pub mod charts;
pub mod coverage;
pub mod review;
pub mod synthetic;
#[cfg(feature = "office")]
pub mod unzip;

use crate::error::ImportError;
use crate::import::Imported;
use crate::output::{CheckedReport, Status};
use crate::render::csv::{escape_text, write_rows};
use crate::rules::CheckOptions;
use serde::Serialize;

/// One input of a batch: where it came from and what reading it gave.
pub struct Entry {
    pub source: String,
    pub imported: Result<Imported, ImportError>,
}

/// The checked batch: one [`CheckedReport`] per entry, in input order.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    pub reports: Vec<CheckedReport>,
}

/// Several reports of one organ for one year (handed in twice, or a
/// revised version beside the first): the reviewer has to say which counts,
/// and year pairing and aggregation would otherwise use both.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Duplicate {
    pub organ: String,
    pub year: i32,
    pub sources: Vec<String>,
}

/// The organs with more than one readable report for a year, in order of
/// first appearance.
pub fn duplicates(reports: &[CheckedReport]) -> Vec<Duplicate> {
    let mut groups: Vec<((String, i32), Duplicate)> = Vec::new();
    for r in reports {
        let (Some(organ), Some(year)) = (r.organ.as_deref().filter(|o| !o.trim().is_empty()), r.year) else {
            continue;
        };
        let key = (organ_key(organ), year);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.sources.push(r.source.clone()),
            None => groups.push((key, Duplicate { organ: organ.to_string(), year, sources: vec![r.source.clone()] })),
        }
    }
    groups.into_iter().map(|(_, group)| group).filter(|group| group.sources.len() > 1).collect()
}

/// The key that pairs reports of the same organ across years.
pub fn organ_key(organ: &str) -> String {
    organ.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks every entry; a report whose organ also has a report for the year
/// before in the batch is checked against it (X4, X5, X9).
pub fn check(entries: &[Entry], copy_threshold: u8) -> Checked {
    let reports = entries
        .iter()
        .map(|entry| match &entry.imported {
            Err(e) => CheckedReport::unreadable(&entry.source, e),
            Ok(imported) => {
                let previous = previous_of(entries, imported);
                let options = CheckOptions { previous: previous.map(|(_, p)| &p.report), copy_threshold };
                let findings = crate::check_imported(imported, &options);
                let mut checked =
                    CheckedReport::checked(&entry.source, imported.format.key(), &imported.report, findings);
                checked.previous = previous.map(|(source, _)| source.to_string());
                checked
            }
        })
        .collect();
    Checked { reports }
}

/// Checks `count` inputs that `load` can read again at will, keeping only
/// summaries in memory: a first pass notes each report's organ and year, a
/// second checks each report, re-reading last year's report when the batch
/// has one. Memory grows with the number of reports only by their summaries.
pub fn check_streaming(
    count: usize,
    mut load: impl FnMut(usize) -> Entry,
    copy_threshold: u8,
    mut progress: impl FnMut(usize),
) -> Checked {
    let mut keys: Vec<Option<(String, i32)>> = Vec::with_capacity(count);
    for i in 0..count {
        let entry = load(i);
        keys.push(entry.imported.ok().and_then(|imported| {
            let meta = imported.report.meta;
            let key = organ_key(&meta.organ);
            Some((key, meta.year?)).filter(|(k, _)| !k.is_empty())
        }));
    }
    let mut first_of: std::collections::HashMap<(&str, i32), usize> = std::collections::HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some((organ, year)) = key {
            first_of.entry((organ.as_str(), *year)).or_insert(i);
        }
    }
    let mut reports = Vec::with_capacity(count);
    for (i, key) in keys.iter().enumerate() {
        let entry = load(i);
        reports.push(match &entry.imported {
            Err(e) => CheckedReport::unreadable(&entry.source, e),
            Ok(imported) => {
                let previous_index = key.as_ref().and_then(|(key, year)| {
                    first_of.get(&(key.as_str(), year - 1)).copied().or_else(|| near_previous(&keys, key, *year))
                });
                let previous = previous_index.map(&mut load);
                let previous_report = previous.as_ref().and_then(|p| p.imported.as_ref().ok()).map(|p| &p.report);
                let options = CheckOptions { previous: previous_report, copy_threshold };
                let findings = crate::check_imported(imported, &options);
                let mut checked =
                    CheckedReport::checked(&entry.source, imported.format.key(), &imported.report, findings);
                checked.previous = previous.map(|p| p.source);
                checked
            }
        });
        progress(i + 1);
    }
    Checked { reports }
}

/// Last year's report of an organ named a little differently (洪泽区人民政府
/// vs 淮安市洪泽区人民政府), when exactly one report of that year matches.
fn near_previous(keys: &[Option<(String, i32)>], organ: &str, year: i32) -> Option<usize> {
    let mut near = keys.iter().enumerate().filter(|(_, k)| {
        k.as_ref().is_some_and(|(other, y)| *y == year - 1 && coverage::name_match(organ, other).is_some())
    });
    let (index, _) = near.next()?;
    near.next().is_none().then_some(index)
}

/// The report of the same organ for the year before, if the batch has one.
fn previous_of<'a>(entries: &'a [Entry], imported: &Imported) -> Option<(&'a str, &'a Imported)> {
    let meta = &imported.report.meta;
    let (year, key) = (meta.year?, organ_key(&meta.organ));
    if key.is_empty() {
        return None;
    }
    entries.iter().find_map(|e| {
        let other = e.imported.as_ref().ok()?;
        (other.report.meta.year == Some(year - 1) && organ_key(&other.report.meta.organ) == key)
            .then_some((e.source.as_str(), other))
    })
}

impl Checked {
    /// The summary table as CSV (one row per input), formula-safe.
    pub fn summary_csv(&self) -> String {
        let header =
            ["文件", "机关", "类型", "年度", "状态", "错误", "警告", "提示", "对比的上年报告", "无法读取的原因"];
        let rows: Vec<[String; 10]> = self
            .reports
            .iter()
            .map(|r| {
                let count = |n: fn(&crate::finding::Tally) -> usize| r.counts.as_ref().map(n).map(|n| n.to_string());
                let kind = r.organ_kind.and_then(crate::model::OrganKind::from_key).map(|k| k.label());
                [
                    escape_text(&r.source),
                    escape_text(r.organ.as_deref().unwrap_or_default()),
                    kind.unwrap_or_default().to_string(),
                    r.year.map(|y| y.to_string()).unwrap_or_default(),
                    r.status.label().to_string(),
                    count(|c| c.error).unwrap_or_default(),
                    count(|c| c.warning).unwrap_or_default(),
                    count(|c| c.info).unwrap_or_default(),
                    escape_text(r.previous.as_deref().unwrap_or_default()),
                    escape_text(r.error.as_deref().unwrap_or_default()),
                ]
            })
            .collect();
        write_rows(&header, rows.iter().map(|r| r.each_ref().map(String::as_str)))
    }

    /// Every finding of every report as one CSV.
    pub fn findings_csv(&self) -> String {
        let mut all = String::new();
        for (i, r) in self.reports.iter().enumerate() {
            let csv = crate::output::findings_csv(&r.source, r.findings.as_deref().unwrap_or_default());
            // Keep the BOM and header of the first block only.
            let body = if i == 0 { csv.as_str() } else { csv.split_once('\n').map_or("", |(_, rest)| rest) };
            all.push_str(body);
        }
        if all.is_empty() {
            all = crate::output::findings_csv("", &[]);
        }
        all
    }

    /// How many reports have each status.
    pub fn by_status(&self) -> Vec<(Status, usize)> {
        let mut counts = Vec::new();
        for status in [Status::Passed, Status::Warnings, Status::Errors, Status::Unreadable] {
            counts.push((status, self.reports.iter().filter(|r| r.status == status).count()));
        }
        counts
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::import::Format;
    use crate::layout::{request_cell, request_row};
    use crate::model::{Report, Value};
    use rust_decimal::Decimal;

    pub(crate) fn entry(source: &str, organ: &str, year: i32, carried: i64) -> Entry {
        let mut report = Report::new();
        report.meta.organ = organ.into();
        report.meta.year = Some(year);
        for c in 0..7 {
            report.set(request_cell(request_row::CARRIED_FORWARD, c), Value::Number(Decimal::from(carried)));
        }
        Entry { source: source.into(), imported: Ok(Imported { report, findings: vec![], format: Format::Json }) }
    }

    #[test]
    fn streaming_check_gives_the_same_result() {
        let make = || {
            vec![
                entry("a-2025.json", "某某局", 2025, 0),
                entry("a-2024.json", "某某局", 2024, 3),
                entry("b.json", "另一局", 2024, 0),
            ]
        };
        let all = check(&make(), 50);
        let mut loads = 0;
        let streamed = check_streaming(
            3,
            |i| {
                loads += 1;
                make().swap_remove(i)
            },
            50,
            |_| {},
        );
        assert_eq!(format!("{:?}", all.reports), format!("{:?}", streamed.reports));
        assert_eq!(loads, 7, "two passes and one previous report");
    }

    #[test]
    fn pairs_an_organ_named_a_little_differently() {
        let entries =
            vec![entry("2024.json", "洪泽区人民政府", 2024, 3), entry("2025.json", "淮安市洪泽区人民政府", 2025, 0)];
        let checked = check_streaming(2, |i| entries_clone(&entries, i), 50, |_| {});
        assert_eq!(checked.reports[1].previous.as_deref(), Some("2024.json"));
    }

    fn entries_clone(entries: &[Entry], i: usize) -> Entry {
        let e = &entries[i];
        Entry { source: e.source.clone(), imported: e.imported.clone() }
    }

    #[test]
    fn pairs_consecutive_years_of_the_same_organ() {
        let entries = vec![
            entry("a-2025.json", "某某局", 2025, 0),
            entry("a-2024.json", "某 某局", 2024, 3),
            entry("b-2024.json", "另一局", 2024, 0),
            Entry { source: "bad.json".into(), imported: Err(ImportError::new("坏文件")) },
        ];
        let checked = check(&entries, 50);
        assert_eq!(checked.reports[0].previous.as_deref(), Some("a-2024.json"));
        assert!(checked.reports[0].findings.as_ref().unwrap().iter().any(|f| f.rule == "X4"));
        assert_eq!(checked.reports[1].previous, None);
        assert_eq!(checked.reports[3].status, Status::Unreadable);
        let summary = checked.summary_csv();
        assert_eq!(summary.lines().count(), 5);
        assert!(summary.contains("无法读取") && summary.contains("坏文件"));
        assert!(checked.findings_csv().starts_with('\u{feff}'));
    }
}
