//! Coverage: which expected units handed in no report for a year, and
//! which reports belong to no listed unit.
//!
//! Names are matched exactly after removing spaces and punctuation, or
//! nearly: the shorter name is the longer one with characters left out and
//! the same last character (`区统计局` / `红寺堡区统计局`, `区人社局` /
//! `红寺堡区人力资源和社会保障局`). A changed character is never a near
//! match: `统计局` and `审计局`, `教育局` and `体育局` are different organs,
//! and a near match that hid a missing unit would be worse than a typo shown
//! as one unit missing and one report unlisted.

use super::names::{normalized, normalized_match, NameIndex};
use serde::Serialize;
use std::collections::BTreeMap;

/// Coverage of one year.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct YearCoverage {
    pub year: Option<i32>,
    /// Listed units with no report for this year.
    pub missing: Vec<String>,
    /// Listed units with a report: (unit, report source, organ as written, exact match).
    pub found: Vec<Found>,
    /// Reports of this year that match no listed unit.
    pub unlisted: Vec<Unlisted>,
    /// Listed units whose short name fits several reports (`区统计局` with
    /// two districts' 统计局): counted as missing, with the candidates, so
    /// that the list can give the full name.
    pub ambiguous: Vec<Ambiguous>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Ambiguous {
    pub unit: String,
    pub organs: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Found {
    pub unit: String,
    pub source: String,
    pub organ: String,
    /// False when the names only nearly match; the page shows both.
    pub exact: bool,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Unlisted {
    pub source: String,
    pub organ: String,
}

/// A report as coverage sees it.
#[derive(Clone, Copy)]
pub struct Handed<'a> {
    pub source: &'a str,
    pub organ: &'a str,
    pub year: Option<i32>,
}

/// The list of units: one name a line, or the first column of a CSV (a
/// header such as `单位名称` is skipped). Blank lines and duplicates drop out.
pub fn parse_units(text: &str) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for line in text.trim_start_matches('\u{feff}').lines() {
        let first = line.split([',', '\t', '，']).next().unwrap_or("").trim().trim_matches('"').trim();
        if first.is_empty() || ["单位", "单位名称", "机关", "机关名称", "名称", "name", "unit"].contains(&first)
        {
            continue;
        }
        if !units.iter().any(|u| u == first) {
            units.push(first.to_string());
        }
    }
    units
}

/// `Some(true)` for the same name, `Some(false)` for a near match.
pub fn name_match(unit: &str, organ: &str) -> Option<bool> {
    normalized_match(&normalized(unit), &normalized(organ))
}

/// Coverage per year of the reports (years in ascending order). Each
/// year's organs are indexed once, so a unit is looked up, not compared
/// with every report.
pub fn coverage(units: &[String], reports: &[Handed]) -> Vec<YearCoverage> {
    let mut years: BTreeMap<Option<i32>, Vec<&Handed>> = BTreeMap::new();
    for r in reports {
        years.entry(r.year).or_default().push(r);
    }
    let units: Vec<(&String, Vec<char>)> = units.iter().map(|u| (u, normalized(u))).collect();
    years
        .into_iter()
        .map(|(year, handed)| {
            let index = NameIndex::new(handed.iter().map(|r| r.organ));
            year_coverage(year, &handed, &units, |_, normalized_unit| index.matches_normalized(normalized_unit))
        })
        .collect()
}

/// One year's coverage: each unit takes the report its candidates name
/// (`(report, exact)`; reports already taken are passed over): the exact
/// match, else the only near one. Several near ones are ambiguous; the
/// reports no unit took are unlisted.
fn year_coverage(
    year: Option<i32>,
    handed: &[&Handed],
    units: &[(&String, Vec<char>)],
    candidates_of: impl Fn(&str, &[char]) -> Vec<(usize, bool)>,
) -> YearCoverage {
    let mut found = Vec::new();
    let mut used = vec![false; handed.len()];
    let mut missing = Vec::new();
    let mut ambiguous = Vec::new();
    for (unit, normalized_unit) in units {
        let unit = *unit;
        let candidates: Vec<(usize, bool)> =
            candidates_of(unit, normalized_unit).into_iter().filter(|&(i, _)| !used[i]).collect();
        let best = match candidates.iter().find(|(_, exact)| *exact) {
            Some(&exact) => Some(exact),
            None if candidates.len() == 1 => Some(candidates[0]),
            None => {
                if !candidates.is_empty() {
                    let organs = candidates.iter().map(|&(i, _)| handed[i].organ.to_string()).collect();
                    ambiguous.push(Ambiguous { unit: unit.clone(), organs });
                }
                None
            }
        };
        match best {
            Some((i, exact)) => {
                used[i] = true;
                let r = handed[i];
                found.push(Found { unit: unit.clone(), source: r.source.into(), organ: r.organ.into(), exact });
            }
            None => missing.push(unit.clone()),
        }
    }
    let unlisted = handed
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|(r, _)| Unlisted { source: r.source.into(), organ: r.organ.into() })
        .collect();
    YearCoverage { year, missing, found, unlisted, ambiguous }
}

/// The year under review: the one asked for, else the latest year of the
/// reports (`None` when no report says its year). The batch page shows it
/// by default and `nianbao check --units` reports it.
pub fn year_under_review(reports: &[Handed], asked: Option<i32>) -> Option<i32> {
    asked.or_else(|| reports.iter().filter_map(|r| r.year).max())
}

/// Coverage of one year only: last year's reports, loaded for the
/// cross-year checks, do not list every unit as 未报送 for last year. A
/// year no report is of has every unit missing.
pub fn coverage_of_year(units: &[String], reports: &[Handed], year: Option<i32>) -> YearCoverage {
    let of_year: Vec<Handed> = reports.iter().filter(|r| r.year == year).copied().collect();
    coverage(units, &of_year).pop().unwrap_or_else(|| YearCoverage {
        year,
        missing: units.to_vec(),
        found: Vec::new(),
        unlisted: Vec::new(),
        ambiguous: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::names::tests::near_names;

    #[test]
    fn the_year_under_review_is_the_latest_or_the_one_asked() {
        let units = vec!["县卫健委".to_string(), "县发改委".to_string()];
        let handed = |organ, year| Handed { source: "a.json", organ, year };
        let reports = [handed("青山县卫生健康委员会", Some(2024)), handed("青山县卫生健康委员会", Some(2025))];
        assert_eq!(year_under_review(&reports, None), Some(2025));
        assert_eq!(year_under_review(&reports, Some(2024)), Some(2024));
        let latest = coverage_of_year(&units, &reports, Some(2025));
        assert_eq!(
            (latest.year, latest.found.len(), latest.missing.clone()),
            (Some(2025), 1, vec!["县发改委".to_string()])
        );
        let none_handed = coverage_of_year(&units, &reports, Some(2023));
        assert_eq!((none_handed.year, none_handed.missing), (Some(2023), units.clone()));
        assert_eq!(year_under_review(&[handed("某局", None)], None), None);
    }

    /// Coverage as it was computed before the index: every unit compared
    /// with every report of the year (the choice among candidates is the same).
    fn coverage_by_comparing(units: &[String], reports: &[Handed]) -> Vec<YearCoverage> {
        let units: Vec<(&String, Vec<char>)> = units.iter().map(|u| (u, Vec::new())).collect();
        let mut years: BTreeMap<Option<i32>, Vec<&Handed>> = BTreeMap::new();
        for r in reports {
            years.entry(r.year).or_default().push(r);
        }
        years
            .into_iter()
            .map(|(year, handed)| {
                let candidates_of = |unit: &str, _: &[char]| -> Vec<(usize, bool)> {
                    handed.iter().enumerate().filter_map(|(i, r)| name_match(unit, r.organ).map(|e| (i, e))).collect()
                };
                year_coverage(year, &handed, &units, candidates_of)
            })
            .collect()
    }

    #[test]
    fn indexed_coverage_equals_comparing_every_pair() {
        for seed in 0..10 {
            let organs = near_names(seed, 400);
            let sources: Vec<String> = (0..organs.len()).map(|i| format!("{i}.json")).collect();
            let reports: Vec<Handed> = organs
                .iter()
                .zip(&sources)
                .enumerate()
                .map(|(i, (organ, source))| Handed { source, organ, year: [Some(2024), Some(2025), None][i % 3] })
                .collect();
            let mut units = near_names(seed + 500, 150);
            units.sort();
            units.dedup();
            assert_eq!(coverage(&units, &reports), coverage_by_comparing(&units, &reports), "seed {seed}");
        }
    }

    #[test]
    fn parses_lists_and_csv() {
        assert_eq!(parse_units("单位名称,联系人\n区统计局,张三\n\n区财政局\n区统计局\n"), ["区统计局", "区财政局"]);
    }

    #[test]
    fn matches_names_exactly_or_nearly() {
        assert_eq!(name_match("区统计局", "红寺堡区统计局"), Some(false));
        assert_eq!(name_match("红寺堡区 统计局", "红寺堡区统计局"), Some(true));
        assert_eq!(name_match("区人社局", "红寺堡区人力资源和社会保障局"), Some(false));
        assert_eq!(name_match("区统计局", "区财政局"), None);
        assert_eq!(name_match("局", "统计局"), None);
        // One changed character is another organ (or a typo, shown as such).
        assert_eq!(name_match("红寺堡区统计局", "红寺堡区审计局"), None);
        assert_eq!(name_match("盐池县审计局", "盐池县统计局"), None);
        assert_eq!(name_match("教育局", "体育局"), None);
        assert_eq!(name_match("红寺堡区统计局", "红寺堡区统记局"), None);
        assert_eq!(name_match("区统计局", "红寺堡区统计局办公室"), None);
    }

    #[test]
    fn finds_missing_and_unlisted_per_year() {
        let units = parse_units("区统计局\n区财政局\n");
        let reports = [
            Handed { source: "a.json", organ: "红寺堡区统计局", year: Some(2025) },
            Handed { source: "b.json", organ: "某某镇人民政府", year: Some(2025) },
            Handed { source: "c.json", organ: "区财政局", year: Some(2024) },
        ];
        let years = coverage(&units, &reports);
        assert_eq!(years.len(), 2);
        let y2025 = &years[1];
        assert_eq!(y2025.missing, ["区财政局"]);
        assert!(!y2025.found[0].exact);
        assert_eq!(y2025.unlisted[0].organ, "某某镇人民政府");
        assert_eq!(years[0].missing, ["区统计局"]);
    }

    #[test]
    fn a_short_name_fitting_several_reports_is_not_a_match() {
        let units = parse_units("区统计局\n利通区财政局\n");
        let reports = [
            Handed { source: "a.json", organ: "利通区统计局", year: Some(2025) },
            Handed { source: "b.json", organ: "红寺堡区统计局", year: Some(2025) },
            Handed { source: "c.json", organ: "利通区财政局", year: Some(2025) },
        ];
        let year = &coverage(&units, &reports)[0];
        assert_eq!(year.missing, ["区统计局"]);
        assert_eq!(year.ambiguous[0].organs, ["利通区统计局", "红寺堡区统计局"]);
        assert_eq!(year.found.len(), 1);
        assert_eq!(year.unlisted.len(), 2);
    }
}
