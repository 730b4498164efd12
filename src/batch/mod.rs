//! Many reports at once: checking a batch with automatic year-over-year
//! pairing, coverage against a list of units, aggregation and charts.
//!
//! Used alike by the CLI and the page: [`run`] is the one batch check of
//! `nianbao check 文件夹…`, the region's `nianbao summary` and the page's
//! batch (whose Web Workers share the check through [`Glance`], [`Plan`]
//! and [`check_entry`], then assemble with [`Batch::of`]); [`text`] writes
//! it for a terminal; [`inputs`] lists the files the CLI is given.

pub(crate) mod abbreviations;
pub mod aggregate;
pub mod charts;
pub(crate) mod copied;
pub mod coverage;
pub mod history;
#[cfg(not(target_arch = "wasm32"))]
pub mod inputs;
pub(crate) mod names;
pub mod notices;
pub mod parallel;
pub mod review;
mod run;
pub mod synthetic;
pub mod text;
pub mod tree;
#[cfg(feature = "office")]
pub mod unzip;

use crate::error::ImportError;
use crate::formats::csv::{escape_text, write_rows};
use crate::import::Imported;
use crate::output::{CheckedReport, Status};
use crate::rules::CheckOptions;
use names::NameIndex;
pub use run::{run, Batch, CoverageOf, LastLine, Options};
use serde::Serialize;
use std::collections::hash_map::{Entry as Slot, HashMap};

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
    let mut groups: Vec<Duplicate> = Vec::new();
    let mut group_of: HashMap<(String, i32), usize> = HashMap::new();
    for r in reports {
        let (Some(organ), Some(year)) = (r.organ.as_deref().filter(|o| !o.trim().is_empty()), r.year) else {
            continue;
        };
        match group_of.entry((organ_key(organ), year)) {
            Slot::Occupied(group) => groups[*group.get()].sources.push(r.source.clone()),
            Slot::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(Duplicate { organ: organ.to_string(), year, sources: vec![r.source.clone()] });
            }
        }
    }
    groups.retain(|group| group.sources.len() > 1);
    groups
}

/// The key that pairs reports of the same organ across years.
pub fn organ_key(organ: &str) -> String {
    organ.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks every entry; a report whose organ also has a report for the year
/// before in the batch is checked against it (X4, X5, X9).
pub fn check(entries: &[Entry], copy_threshold: u8) -> Checked {
    let keys: Vec<Option<Key>> = entries.iter().map(|e| e.imported.as_ref().ok().and_then(key_of)).collect();
    let first_of = first_of(&keys);
    let reports = entries
        .iter()
        .zip(&keys)
        .map(|(entry, key)| match &entry.imported {
            Err(e) => CheckedReport::unreadable(&entry.source, e),
            Ok(imported) => {
                let previous_index =
                    key.as_ref().and_then(|(organ, year)| first_of.get(&(organ.as_str(), year - 1))).copied();
                let previous =
                    previous_index.and_then(|i| Some((&entries[i].source, entries[i].imported.as_ref().ok()?)));
                let options = CheckOptions { previous: previous.map(|(_, p)| &p.report), copy_threshold };
                let findings = crate::check_imported(imported, &options);
                let mut checked =
                    CheckedReport::checked(&entry.source, imported.format.key(), &imported.report, findings);
                checked.previous = previous.map(|(source, _)| source.to_string());
                checked.previous_index = previous_index;
                checked
            }
        })
        .collect::<Vec<_>>();
    let prints: Vec<_> =
        entries.iter().map(|e| e.imported.as_ref().ok().and_then(|i| copied::fingerprint(&i.report))).collect();
    let mut reports = reports;
    add_copied(&mut reports, &prints);
    Checked { reports }
}

/// Adds the batch's findings of copied figures (R9, R10) to the reports
/// they concern, updating their counts and status.
fn add_copied(reports: &mut [CheckedReport], prints: &[Option<copied::Fingerprint>]) {
    let sources: Vec<String> = reports.iter().map(|r| r.source.clone()).collect();
    for (i, finding) in copied::copied(prints, &sources) {
        let report = &mut reports[i];
        let Some(findings) = report.findings.as_mut() else { continue };
        findings.push(finding);
        let tally = crate::finding::Tally::of(findings);
        report.status = Status::of(tally);
        report.counts = Some(tally);
    }
}

/// [`check_each`] keeping every report (the tests' whole batch).
#[cfg(test)]
fn check_streaming(count: usize, load: impl Load, copy_threshold: u8, mut progress: impl FnMut(usize)) -> Checked {
    let mut reports = Vec::with_capacity(count);
    check_each(count, load, copy_threshold, |report| {
        reports.push(report);
        progress(reports.len());
    });
    Checked { reports }
}

/// How many reports are checked (in parallel) before they are handed on in
/// order: bounds what waits in memory.
const CHUNK: usize = 2048;

/// Checks `count` inputs that `load` can read again at will, handing each
/// report to `each` in input order as soon as it and those before it are
/// checked and keeping nothing ([`run`] keeps what its caller asks; `check
/// --jsonl` writes each as a line): a first pass notes each report's organ
/// and year, a second checks each report, re-reading last year's report
/// when the batch has one. Natively both passes use every core.
pub fn check_each(count: usize, load: impl Load, copy_threshold: u8, each: impl FnMut(CheckedReport)) {
    check_in_chunks(count, CHUNK, load, copy_threshold, each)
}

/// A batch's inputs, read (again) at will: whole when a report is checked,
/// and first for what the batch's first pass keeps ([`Glance`]). Any
/// `Fn(usize) -> Entry` is one, whose glance is of the whole entry; the
/// command line's files ([`inputs::Files`]) glance without keeping the
/// prose, so that each report is read whole only once.
pub trait Load: parallel::Shared {
    fn entry(&self, i: usize) -> Entry;

    fn glance(&self, i: usize) -> Glance {
        Glance::of(&self.entry(i))
    }
}

impl<F: Fn(usize) -> Entry + parallel::Shared> Load for F {
    fn entry(&self, i: usize) -> Entry {
        self(i)
    }
}

fn check_in_chunks(
    count: usize,
    chunk: usize,
    load: impl Load,
    copy_threshold: u8,
    mut each: impl FnMut(CheckedReport),
) {
    let glances = parallel::map(0..count, |i| load.glance(i));
    let plan = Plan::of(glances);
    for start in (0..count).step_by(chunk.max(1)) {
        let members = start..count.min(start + chunk);
        // Each report of the chunk and each last-year report they are
        // checked against is read once (an organ's years often lie side by
        // side), not once more per report that needs it.
        let mut read: Vec<usize> = members.clone().collect();
        let mut outside: Vec<usize> =
            members.clone().filter_map(|i| plan.previous[i]).filter(|p| !members.contains(p)).collect();
        outside.sort_unstable();
        outside.dedup();
        read.extend(outside);
        let entries = parallel::map(0..read.len(), |k| load.entry(read[k]));
        let entry_of = |i: usize| {
            let k = if members.contains(&i) {
                i - start
            } else {
                members.len() + read[members.len()..].binary_search(&i).ok()?
            };
            entries.get(k)
        };
        let checked = parallel::map(members.clone(), |i| {
            let previous = plan.previous[i].and_then(|p| Some((p, entry_of(p)?)));
            check_entry(&entries[i - start], previous, plan.copies_of(i), copy_threshold)
        });
        drop(entries);
        checked.into_iter().for_each(&mut each);
    }
}

/// What a batch's first pass keeps of one input: what pairs it across
/// years and what finds copies between reports. Small, and serialised
/// where the page's Web Workers hand it on.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct Glance {
    pub source: String,
    key: Option<Key>,
    print: Option<copied::Fingerprint>,
}

impl Glance {
    pub fn of(entry: &Entry) -> Glance {
        let imported = entry.imported.as_ref().ok();
        Glance {
            source: entry.source.clone(),
            key: imported.and_then(key_of),
            print: imported.and_then(|imported| copied::fingerprint(&imported.report)),
        }
    }
}

/// What the whole batch decides before any report is checked: for each
/// report, last year's report it is checked against, and the findings of
/// copies between reports (R9, R10), which need every report's glance.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct Plan {
    pub previous: Vec<Option<usize>>,
    copies: HashMap<usize, Vec<crate::finding::Finding>>,
}

impl Plan {
    pub fn of(glances: Vec<Glance>) -> Plan {
        let (mut sources, mut keys, mut prints) = (Vec::new(), Vec::new(), Vec::new());
        for glance in glances {
            sources.push(glance.source);
            keys.push(glance.key);
            prints.push(glance.print);
        }
        let mut copies: HashMap<usize, Vec<crate::finding::Finding>> = HashMap::new();
        for (i, finding) in copied::copied(&prints, &sources) {
            copies.entry(i).or_default().push(finding);
        }
        Plan { previous: pairing(&keys), copies }
    }

    /// The batch's findings of copies in report `i`.
    pub fn copies_of(&self, i: usize) -> &[crate::finding::Finding] {
        self.copies.get(&i).map_or(&[], Vec::as_slice)
    }

    /// What checking the reports at `positions` needs of the plan.
    pub fn for_reports(&self, positions: impl IntoIterator<Item = usize>) -> SharePlan {
        let (previous, copies) = positions
            .into_iter()
            .map(|i| (self.previous.get(i).copied().flatten(), self.copies_of(i).to_vec()))
            .unzip();
        SharePlan { previous, copies }
    }
}

/// The [`Plan`] of some of the batch's reports (the page's Web Workers
/// check the batch in shares): for each, in order, the position of last
/// year's report and the findings of copies. (Each share once took the
/// whole plan: copied and read again for every hundred files.)
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
pub struct SharePlan {
    pub previous: Vec<Option<usize>>,
    pub copies: Vec<Vec<crate::finding::Finding>>,
}

/// Checks one entry of a batch against last year's, `previous` (its
/// position and entry), adding the batch's findings of copies in it.
pub fn check_entry(
    entry: &Entry,
    previous: Option<(usize, &Entry)>,
    copies: &[crate::finding::Finding],
    copy_threshold: u8,
) -> CheckedReport {
    let imported = match &entry.imported {
        Err(e) => return CheckedReport::unreadable(&entry.source, e),
        Ok(imported) => imported,
    };
    let previous_report = previous.and_then(|(_, p)| p.imported.as_ref().ok()).map(|p| &p.report);
    let options = CheckOptions { previous: previous_report, copy_threshold };
    let mut findings = crate::check_imported(imported, &options);
    findings.extend(copies.iter().cloned());
    let mut checked = CheckedReport::checked(&entry.source, imported.format.key(), &imported.report, findings);
    checked.previous = previous.map(|(_, p)| p.source.clone());
    checked.previous_index = previous.map(|(i, _)| i);
    checked
}

/// A report's organ (as [`organ_key`]) and year: what pairs it.
type Key = (String, i32);

fn key_of(imported: &Imported) -> Option<Key> {
    let meta = &imported.report.meta;
    Some((organ_key(&meta.organ), meta.year?)).filter(|(k, _)| !k.is_empty())
}

/// The first report of each organ and year.
fn first_of(keys: &[Option<Key>]) -> HashMap<(&str, i32), usize> {
    let mut first = HashMap::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        if let Some((organ, year)) = key {
            first.entry((organ.as_str(), *year)).or_insert(i);
        }
    }
    first
}

/// [`pairing`] of reports known only by organ and year (the single-report
/// page, which has checked them already): the page pairs two years of one
/// organ exactly as a batch does.
pub fn pairing_of<'a>(reports: impl IntoIterator<Item = (&'a str, Option<i32>)>) -> Vec<Option<usize>> {
    let keys: Vec<Option<Key>> = reports
        .into_iter()
        .map(|(organ, year)| Some((organ_key(organ), year?)).filter(|(k, _)| !k.is_empty()))
        .collect();
    pairing(&keys)
}

/// For each report, the one of the year before it is checked against: the
/// first of the same organ, else the only one of an organ named a little
/// differently (洪泽区人民政府 vs 淮安市洪泽区人民政府). Looked up in
/// indexes (one per year, built when first needed), never by comparing
/// every pair.
pub fn pairing(keys: &[Option<Key>]) -> Vec<Option<usize>> {
    let first_of = first_of(keys);
    let mut near: HashMap<i32, (NameIndex, Vec<usize>)> = HashMap::new();
    keys.iter()
        .map(|key| {
            let (organ, year) = key.as_ref()?;
            let last_year = year.checked_sub(1)?;
            if let Some(&i) = first_of.get(&(organ.as_str(), last_year)) {
                return Some(i);
            }
            let (index, items) = near.entry(last_year).or_insert_with(|| {
                let items: Vec<usize> = keys
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| k.as_ref().is_some_and(|k| k.1 == last_year))
                    .map(|(i, _)| i)
                    .collect();
                let index = NameIndex::new(items.iter().map(|&i| keys[i].as_ref().map_or("", |k| k.0.as_str())));
                (index, items)
            });
            match index.matches(organ).as_slice() {
                [(only, _)] => Some(items[*only]),
                _ => None,
            }
        })
        .collect()
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
        crate::output::findings_csv_of(
            self.reports.iter().map(|r| (r.source.as_str(), r.findings.as_deref().unwrap_or_default())),
        )
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
        Entry { source: source.into(), imported: Ok(Imported::whole(report, Format::Json)) }
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
        let loads = std::sync::atomic::AtomicUsize::new(0);
        let streamed = check_streaming(
            3,
            |i| {
                loads.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                make().swap_remove(i)
            },
            50,
            |_| {},
        );
        assert_eq!(format!("{:?}", all.reports), format!("{:?}", streamed.reports));
        assert_eq!(loads.into_inner(), 6, "two passes; last year's report, in the same chunk, is read once");
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
        assert!(checked.reports[0].findings.as_ref().unwrap().iter().any(|f| f.rule == crate::RuleCode::X4));
        assert_eq!(checked.reports[1].previous, None);
        assert_eq!(checked.reports[3].status, Status::Unreadable);
        let summary = checked.summary_csv();
        assert_eq!(summary.lines().count(), 5);
        assert!(summary.contains("无法读取") && summary.contains("坏文件"));
        assert!(checked.findings_csv().starts_with('\u{feff}'));
        // One table: each report's own table, its header (and BOM) once.
        let each: Vec<String> = checked
            .reports
            .iter()
            .map(|r| crate::output::findings_csv(&r.source, r.findings.as_deref().unwrap_or_default()))
            .collect();
        let bodies: String = each[1..].iter().map(|csv| csv.split_once('\n').unwrap().1).collect();
        assert_eq!(checked.findings_csv(), format!("{}{bodies}", each[0]));
        assert_eq!(Checked { reports: Vec::new() }.findings_csv(), crate::output::findings_csv("", &[]));
    }

    /// Pairing as it was before the indexes: every report of the year
    /// before compared with the organ.
    fn pairing_by_comparing(keys: &[Option<Key>]) -> Vec<Option<usize>> {
        keys.iter()
            .map(|key| {
                let (organ, year) = key.as_ref()?;
                let same = keys.iter().position(|k| k.as_ref().is_some_and(|(o, y)| o == organ && *y == year - 1));
                same.or_else(|| {
                    let mut near = keys.iter().enumerate().filter(|(_, k)| {
                        k.as_ref()
                            .is_some_and(|(other, y)| *y == year - 1 && coverage::name_match(organ, other).is_some())
                    });
                    let (index, _) = near.next()?;
                    near.next().is_none().then_some(index)
                })
            })
            .collect()
    }

    #[test]
    fn pairing_by_organ_and_year_pairs_near_names_as_a_batch() {
        let reports = [
            ("淮安市洪泽区人民政府", Some(2024)),
            ("洪泽区人民政府", Some(2023)),
            ("", Some(2022)),
            ("洪泽区人民政府", None),
            ("平潭综合实验区管委会", Some(2021)),
            ("平潭综合实验区管理委员会", Some(2020)),
        ];
        assert_eq!(pairing_of(reports), vec![Some(1), None, None, None, Some(5), None]);
    }

    #[test]
    fn indexed_pairing_equals_comparing_every_pair() {
        let (mut paired, mut near) = (0, 0);
        for seed in 0..10 {
            let organs = names::tests::near_names(seed, 600);
            let keys: Vec<Option<Key>> = organs
                .iter()
                .enumerate()
                .map(|(i, organ)| Some((organ_key(organ), 2021 + (i % 5) as i32)).filter(|(k, _)| !k.is_empty()))
                .collect();
            let indexed = pairing(&keys);
            assert_eq!(indexed, pairing_by_comparing(&keys), "seed {seed}");
            for (key, previous) in keys.iter().zip(&indexed) {
                if let (Some((organ, _)), Some(p)) = (key, previous) {
                    paired += 1;
                    near += usize::from(keys[*p].as_ref().is_some_and(|(other, _)| other != organ));
                }
            }
        }
        assert!(paired > 1000 && near > 200, "the generated batches pair {paired} reports, {near} by near names");
    }

    /// The page's way: glances and the plan through JSON (from the Web
    /// Workers to the page's instance and back), each report checked on
    /// its own with last year's, as the one-pass check does.
    #[test]
    fn glances_and_plan_through_json_check_as_one_pass() {
        let make = |i: usize| {
            let mut report = synthetic::report(2026, i / 3, 2023 + (i % 3) as i32);
            if i == 10 {
                // A copy of another organ's tables (R9).
                report = synthetic::report(2026, 2, 2025);
                report.meta.organ = "另一个局".into();
            }
            let imported =
                Imported { report, findings: vec![], format: Format::Json, tables: Vec::new(), unread: Vec::new() };
            Entry {
                source: format!("{i}.json"),
                imported: if i == 7 { Err(ImportError::new("坏文件")) } else { Ok(imported) },
            }
        };
        let count = 30;
        let whole = check_streaming(count, make, 50, |_| {}).reports;
        assert!(whole.iter().any(|r| r.findings.iter().flatten().any(|f| f.rule == "R9")), "a copy found");
        assert!(whole.iter().filter(|r| r.previous.is_some()).count() > 10, "reports paired");
        let glances: Vec<Glance> = (0..count).map(|i| Glance::of(&make(i))).collect();
        let glances: Vec<Glance> = serde_json::from_str(&serde_json::to_string(&glances).unwrap()).unwrap();
        let plan: Plan = serde_json::from_str(&serde_json::to_string(&Plan::of(glances)).unwrap()).unwrap();
        let shares: Vec<CheckedReport> = (0..count)
            .map(|i| {
                let previous = plan.previous[i].map(|p| (p, make(p)));
                check_entry(&make(i), previous.as_ref().map(|(p, e)| (*p, e)), plan.copies_of(i), 50)
            })
            .collect();
        assert_eq!(format!("{shares:?}"), format!("{whole:?}"));
    }

    #[test]
    fn reports_keep_the_input_order_whatever_the_threads_do() {
        let make = |i: usize| {
            let year = 2021 + (i % 5) as i32;
            let mut e = entry(&format!("{i}.json"), &format!("单位{}局", i / 5), year, (i % 3) as i64);
            if i % 97 == 0 {
                e.imported = Err(ImportError::new("坏文件"));
            }
            e
        };
        let count = 300;
        let in_chunks = |chunk| {
            let mut reports = Vec::new();
            check_in_chunks(count, chunk, make, 50, |r| reports.push(r));
            reports
        };
        let first = Checked { reports: in_chunks(64) };
        let sources: Vec<String> = (0..count).map(|i| format!("{i}.json")).collect();
        assert_eq!(first.reports.iter().map(|r| r.source.clone()).collect::<Vec<_>>(), sources);
        assert_eq!(first.reports[6].previous.as_deref(), Some("5.json"));
        for chunk in [1, 7, 64, 1000] {
            assert_eq!(format!("{:?}", in_chunks(chunk)), format!("{:?}", first.reports));
        }
    }
}
