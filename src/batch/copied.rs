//! R9, R10: figures copied from another report of the batch — a table
//! identical to another organ's for the same year (a department's 表四
//! copied from the zone's report), a figure equal to another's but for two
//! swapped digits (4166.214619 for 4166.241619).
//!
//! Each report leaves a small [`Fingerprint`] (hashes of its tables and
//! its distinctive figures); the batch indexes them by value, so the work
//! grows with the number of reports, never with their pairs.

use crate::finding::Finding;
use crate::layout::{CellId, TableId};
use crate::model::Report;
use std::collections::HashMap;
use std::fmt::Write;
use std::hash::{Hash, Hasher};

/// A table counts as copied only with at least this many non-zero figures…
const MIN_NONZERO: usize = 3;

/// …and this many significant digits in all: small tables (1 case, 2
/// cases) coincide by chance between townships, and a unit with one case
/// may rightly show the zone's whole 表四.
const MIN_TABLE_DIGITS: usize = 10;

/// A figure is distinctive (a swap cannot be chance) from this many digits.
const MIN_DIGITS: usize = 5;

/// What the batch keeps of a report to find copies. Serialised where the
/// page's Web Workers hand it to the page's instance.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    organ: String,
    /// The organ as the report names it, for messages.
    name: String,
    year: i32,
    /// Per table (表二, 表三, 表四): the hash of its figures, when it has
    /// enough non-zero figures to tell a copy.
    tables: [Option<u64>; 3],
    /// The distinctive figures: cell and exact digits.
    #[serde(with = "by_address")]
    figures: Vec<(CellId, String)>,
}

/// Figures with their cells written as addresses (`requests.new_received.total`).
mod by_address {
    use crate::layout::CellId;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(figures: &[(CellId, String)], s: S) -> Result<S::Ok, S::Error> {
        let named: Vec<(&str, &str)> = figures.iter().map(|(id, text)| (id.address(), text.as_str())).collect();
        named.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(CellId, String)>, D::Error> {
        let named = Vec::<(String, String)>::deserialize(d)?;
        named
            .into_iter()
            .map(|(address, text)| {
                let id = CellId::from_address(&address)
                    .ok_or_else(|| serde::de::Error::custom(format!("未知的单元格 {address}")))?;
                Ok((id, text))
            })
            .collect()
    }
}

/// The fingerprint of a report with an organ and a year.
pub fn fingerprint(report: &Report) -> Option<Fingerprint> {
    let year = report.meta.year?;
    let organ = super::organ_key(&report.meta.organ);
    if organ.is_empty() {
        return None;
    }
    // Each table's figures in order, each written once into `text` (zero,
    // most cells, as "0" without formatting): the hash of the table's
    // texts, its non-zero figures and digits, its distinctive figures.
    let mut text = String::new();
    let mut figures = Vec::new();
    let tables = TableId::ALL.map(|table| {
        let (mut nonzero, mut digits) = (0, 0);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for id in table.cells() {
            let number = report.number(id);
            text.clear();
            if number.is_zero() {
                text.push('0');
            } else {
                let _ = write!(text, "{}", number.normalize());
                let significant = significant_digits(&text);
                nonzero += 1;
                digits += significant;
                if significant >= MIN_DIGITS {
                    figures.push((id, text.clone()));
                }
            }
            text.as_str().hash(&mut hasher);
        }
        (nonzero >= MIN_NONZERO && digits >= MIN_TABLE_DIGITS).then(|| hasher.finish())
    });
    let name = report.meta.organ.trim().to_string();
    Some(Fingerprint { organ, name, year, tables, figures })
}

fn significant_digits(text: &str) -> usize {
    text.trim_start_matches(['0', '.']).chars().filter(char::is_ascii_digit).count()
}

/// Where the point is and the sorted digits: equal for figures that differ
/// only in the order of their digits.
type AnagramKey = (usize, Vec<u8>);

/// A distinctive figure of the batch: report, cell, digits.
type Figure<'p> = (usize, CellId, &'p str);

/// The key of a figure up to the order of its digits (the point stays).
fn anagram_key(text: &str) -> AnagramKey {
    let point = text.find('.').unwrap_or(text.len());
    let mut digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
    digits.sort_unstable();
    (point, digits)
}

/// Whether `a` is `b` with exactly two of its digits swapped.
fn two_swapped(a: &str, b: &str) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> =
        a.bytes().zip(b.bytes()).enumerate().filter(|(_, (x, y))| x != y).map(|(i, _)| i).collect();
    matches!(differ[..], [i, j] if a.as_bytes()[i] == b.as_bytes()[j] && a.as_bytes()[j] == b.as_bytes()[i])
}

/// The findings of the whole batch: (index of the report, finding), for
/// `prints[i]` the fingerprint of report `i` and `sources[i]` its name.
pub fn copied(prints: &[Option<Fingerprint>], sources: &[String]) -> Vec<(usize, Finding)> {
    let mut findings = Vec::new();
    identical_tables(prints, sources, &mut findings);
    swapped_figures(prints, sources, &mut findings);
    // Stable output whatever the hash order: by report, rule (R9 before R10), cell.
    findings.sort_by(|(i, a), (j, b)| {
        (i, a.rule.as_str().len(), a.rule.as_str())
            .cmp(&(j, b.rule.as_str().len(), b.rule.as_str()))
            .then_with(|| a.addresses().cmp(b.addresses()))
    });
    findings
}

fn identical_tables(prints: &[Option<Fingerprint>], sources: &[String], findings: &mut Vec<(usize, Finding)>) {
    let mut by_table: HashMap<(i32, usize, u64), Vec<usize>> = HashMap::new();
    for (i, print) in prints.iter().enumerate() {
        let Some(p) = print else { continue };
        for (t, hash) in p.tables.iter().enumerate() {
            if let Some(h) = hash {
                by_table.entry((p.year, t, *h)).or_default().push(i);
            }
        }
    }
    // Per report, the tables it shares with other organs' reports: one
    // finding per report (a copied report is one root cause).
    let mut shared: HashMap<usize, Vec<(usize, Vec<usize>)>> = HashMap::new();
    for ((_, t, _), members) in by_table.iter().filter(|(_, v)| v.len() > 1) {
        for &i in members {
            let me = prints[i].as_ref().expect("indexed");
            let others: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&j| j != i && prints[j].as_ref().is_some_and(|o| o.organ != me.organ))
                .collect();
            if !others.is_empty() {
                shared.entry(i).or_default().push((*t, others));
            }
        }
    }
    for (i, mut tables) in shared {
        tables.sort();
        let tables_named: Vec<&str> = tables.iter().map(|(t, _)| TableId::ALL[*t].short_name()).collect();
        let other = tables[0].1.iter().min().copied().expect("non-empty");
        let count = tables.iter().flat_map(|(_, o)| o.iter()).collect::<std::collections::BTreeSet<_>>().len();
        let first = TableId::ALL[tables[0].0];
        let finding =
            crate::rules::batch_copies::same_tables(&tables_named, first, &which(prints, sources, other), count);
        findings.push((i, finding));
    }
}

/// “某某区人民政府”的报告（file）: which report, for a message.
fn which(prints: &[Option<Fingerprint>], sources: &[String], i: usize) -> String {
    match prints[i].as_ref() {
        Some(p) if !p.name.is_empty() => format!("“{}”（{}）", p.name, sources[i]),
        Some(_) => format!("“{}”", sources[i]),
        None => format!("“{}”", sources[i]),
    }
}

fn swapped_figures(prints: &[Option<Fingerprint>], sources: &[String], findings: &mut Vec<(usize, Finding)>) {
    let mut by_digits: HashMap<(i32, AnagramKey), Vec<Figure>> = HashMap::new();
    for (i, print) in prints.iter().enumerate() {
        let Some(p) = print else { continue };
        for (id, text) in &p.figures {
            by_digits.entry((p.year, anagram_key(text))).or_default().push((i, *id, text));
        }
    }
    let mut reported: Vec<(usize, CellId)> = Vec::new();
    for members in by_digits.values().filter(|m| m.len() > 1) {
        for &(i, id, text) in members {
            let me = prints[i].as_ref().expect("indexed");
            let Some(&(j, other_id, other)) = members.iter().find(|(j, _, other)| {
                prints[*j].as_ref().is_some_and(|o| o.organ != me.organ) && two_swapped(text, other)
            }) else {
                continue;
            };
            if reported.contains(&(i, id)) {
                continue;
            }
            reported.push((i, id));
            let finding =
                crate::rules::batch_copies::swapped_digits(id, text, &which(prints, sources, j), other_id, other);
            findings.push((i, finding));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{active, review_cell};
    use crate::model::Value;
    use crate::rules::testing::filled;

    fn report(organ: &str) -> Report {
        let mut r = filled();
        r.meta.organ = organ.into();
        r.meta.year = Some(2024);
        r
    }

    fn set(r: &mut Report, id: CellId, v: &str) {
        r.set(id, Value::parse(v));
    }

    #[test]
    fn swaps() {
        assert!(two_swapped("4166.214619", "4166.241619"));
        assert!(!two_swapped("4166.214619", "4166.214619"));
        assert!(!two_swapped("12345", "12354.0"));
        assert!(!two_swapped("12345", "13254"));
        assert_eq!(significant_digits("0.0123"), 3);
    }

    /// The fingerprint as it was first written: every cell's text, then
    /// each table's hash and the distinctive figures in cell order.
    fn fingerprint_cell_by_cell(report: &Report) -> ([Option<u64>; 3], Vec<(CellId, String)>) {
        let texts: Vec<Option<String>> = crate::layout::all_cells()
            .map(|id| {
                let number = report.number(id);
                (!number.is_zero()).then(|| number.normalize().to_string())
            })
            .collect();
        let text = |id: CellId| texts[id.index()].as_deref();
        let tables = TableId::ALL.map(|table| {
            let nonzero = table.cells().filter(|&id| text(id).is_some()).count();
            let digits: usize = table.cells().filter_map(text).map(significant_digits).sum();
            (nonzero >= MIN_NONZERO && digits >= MIN_TABLE_DIGITS).then(|| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                for id in table.cells() {
                    text(id).unwrap_or("0").hash(&mut hasher);
                }
                hasher.finish()
            })
        });
        let figures = crate::layout::all_cells()
            .filter_map(|id| Some((id, text(id)?)))
            .filter(|(_, text)| significant_digits(text) >= MIN_DIGITS)
            .map(|(id, text)| (id, text.to_string()))
            .collect();
        (tables, figures)
    }

    #[test]
    fn fingerprint_table_by_table_is_the_cell_by_cell_one() {
        assert!(TableId::ALL.iter().flat_map(|t| t.cells()).eq(crate::layout::all_cells()));
        for i in 0..200 {
            let report = crate::batch::synthetic::report(7, i, 2021 + (i % 5) as i32);
            let print = fingerprint(&report).unwrap();
            assert_eq!((print.tables, print.figures), fingerprint_cell_by_cell(&report), "report {i}");
        }
    }

    #[test]
    fn finds_copied_tables_and_swapped_figures() {
        let mut zone = report("某区人民政府");
        let mut unit = report("某区某某局");
        for (g, n) in [(0, "31"), (1, "26"), (2, "12")] {
            set(&mut zone, review_cell(g, 0), n);
            set(&mut zone, review_cell(g, 4), n);
            set(&mut unit, review_cell(g, 0), n);
            set(&mut unit, review_cell(g, 4), n);
        }
        set(&mut zone, active::FEES, "4166.241619");
        set(&mut unit, active::FEES, "4166.214619");
        let other = report("某区另一局");
        let prints: Vec<_> = [&zone, &unit, &other].iter().map(|r| fingerprint(r)).collect();
        let sources: Vec<String> = ["zone.json", "unit.json", "other.json"].map(String::from).to_vec();
        let found = copied(&prints, &sources);
        let rules: Vec<(usize, &str)> = found.iter().map(|(i, f)| (*i, f.rule.as_str())).collect();
        assert_eq!(rules, [(0, "R9"), (0, "R10"), (1, "R9"), (1, "R10")], "{found:#?}");
        assert!(found[2].1.message.contains("zone.json"));
        assert!(found[3].1.message.contains("4166.241619"));
        // The same organ twice (a revised report) is no copy.
        let prints: Vec<_> = [&zone, &zone].iter().map(|r| fingerprint(r)).collect();
        assert!(copied(&prints, &sources[..2]).is_empty());
    }
}
