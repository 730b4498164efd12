//! The region as a tree: when the list of units gives each unit's 上级单位,
//! every parent's own report is compared, cell by cell, with the sum of
//! its children's reports ([`super::aggregate`]); the children without a
//! report are listed under their parent, and every cell keeps each child's
//! share, so that a reviewer can see how a figure is made up
//! (`表三… 2147 = 1024 + 37 + 1086`).
//!
//! Only one level is added at a time: a child that is itself a parent
//! contributes its own report (which should already include its units),
//! and is compared with its own children in turn. Blank is not zero: a
//! cell every child left blank stays blank in the sum, and a child's blank
//! is shown as 空白, never added as 0.

use super::aggregate::{aggregate, left_out, LeftOut};
use super::coverage::{coverage_of_year, Handed};
use crate::layout::all_cells;
use crate::model::{Report, Value};
use serde::Serialize;

/// A unit of the list and its parent, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedUnit {
    pub name: String,
    pub parent: Option<String>,
}

/// The headers that name the parent column.
const PARENT_HEADERS: [&str; 4] = ["上级单位", "上级机关", "上级", "parent"];

/// The units of a list and their parents: the list is a CSV (or tab
/// separated) whose header row has a column 上级单位; the first column is
/// the unit. Without such a header no unit has a parent (and the list is
/// no tree). Blank lines and repeated units drop out.
pub fn parse_unit_tree(text: &str) -> Vec<ListedUnit> {
    let split = |line: &str| -> Vec<String> {
        line.split([',', '\t', '，']).map(|c| c.trim().trim_matches('"').trim().to_string()).collect()
    };
    let mut lines = text.trim_start_matches('\u{feff}').lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else { return Vec::new() };
    let header = split(header);
    let Some(parent_column) = header.iter().position(|h| PARENT_HEADERS.contains(&h.as_str())) else {
        return Vec::new();
    };
    let mut units: Vec<ListedUnit> = Vec::new();
    for line in lines {
        let cells = split(line);
        let name = cells.first().cloned().unwrap_or_default();
        if name.is_empty() || units.iter().any(|u| u.name == name) {
            continue;
        }
        let parent = cells.get(parent_column).filter(|p| !p.is_empty() && **p != name).cloned();
        units.push(ListedUnit { name, parent });
    }
    units
}

/// The region's tree for one year.
#[derive(Clone, Debug, Serialize)]
pub struct RegionTree {
    pub year: Option<i32>,
    /// Every listed unit, in the list's order.
    pub nodes: Vec<Node>,
    /// The units with no parent (or whose parent is not in the list).
    pub roots: Vec<usize>,
    /// What the list got wrong: a parent not listed, a loop of parents.
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Node {
    pub unit: String,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The unit's report for the year: its file and the organ it names.
    pub source: Option<String>,
    pub organ: Option<String>,
    /// For a unit with children: its report against their sum.
    pub check: Option<ParentCheck>,
}

/// A parent's report against the sum of its children's.
#[derive(Clone, Debug, Serialize)]
pub struct ParentCheck {
    /// Whether the parent handed in a report to compare.
    pub has_own: bool,
    /// The children whose reports were added.
    pub summed: Vec<String>,
    /// The children with no report for the year (the sum lacks them).
    pub missing: Vec<String>,
    /// Every cell where the parent's report or the sum has a value.
    pub cells: Vec<CellSum>,
    /// How many of them differ.
    pub differences: usize,
    /// Children's values that are text, not numbers: not in the sum.
    pub left_out: Vec<LeftOut>,
}

/// One cell: the parent's figure, the children's sum and each share.
#[derive(Clone, Debug, Serialize)]
pub struct CellSum {
    pub cell: &'static str,
    pub label: &'static str,
    /// The parent's figure ("" for blank).
    pub stated: String,
    /// The sum of the children's ("" when every one is blank).
    pub sum: String,
    pub differs: bool,
    /// Each summed child's value, in the list's order ("" for blank).
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub unit: String,
    pub value: String,
}

impl CellSum {
    /// `2147 = 1024 + 37 + 1086`, the blank shares named after it
    /// (`（未填：乙局）`): how the sum is made up.
    pub fn formula(&self) -> String {
        let numbers: Vec<&str> = self.parts.iter().map(|p| p.value.as_str()).filter(|v| !v.is_empty()).collect();
        let blank: Vec<&str> = self.parts.iter().filter(|p| p.value.is_empty()).map(|p| p.unit.as_str()).collect();
        let sum = if self.sum.is_empty() { "空白" } else { &self.sum };
        let mut text = if numbers.is_empty() { sum.to_string() } else { format!("{sum} = {}", numbers.join(" + ")) };
        if !blank.is_empty() {
            text += &format!("（未填：{}）", blank.join("、"));
        }
        text
    }
}

/// The tree for the year under review: `year`, else the latest year of the
/// reports (`nianbao tree`, the batch page's 区域层级).
pub fn tree_under_review(units: &[ListedUnit], reports: &[(&str, &Report)], year: Option<i32>) -> RegionTree {
    let handed: Vec<Handed> =
        reports.iter().map(|(source, r)| Handed { source, organ: &r.meta.organ, year: r.meta.year }).collect();
    region_tree(units, reports, super::coverage::year_under_review(&handed, year))
}

/// The tree of `units` for `year`: each unit matched to its report among
/// `reports` (source and report, as coverage matches names), each parent
/// compared with its children's sum.
pub fn region_tree(units: &[ListedUnit], reports: &[(&str, &Report)], year: Option<i32>) -> RegionTree {
    let names: Vec<String> = units.iter().map(|u| u.name.clone()).collect();
    let handed: Vec<Handed> =
        reports.iter().map(|(source, r)| Handed { source, organ: &r.meta.organ, year: r.meta.year }).collect();
    let coverage = coverage_of_year(&names, &handed, year);
    // The report of each unit: the first of the year with the source and
    // organ coverage found (sources may repeat across folders).
    let report_of = |unit: &str| -> Option<(&str, &Report)> {
        let found = coverage.found.iter().find(|f| f.unit == unit)?;
        reports.iter().find(|(s, r)| *s == found.source && r.meta.organ == found.organ && r.meta.year == year).copied()
    };
    let mut notes = Vec::new();
    let mut nodes: Vec<Node> = units
        .iter()
        .map(|u| {
            let report = report_of(&u.name);
            Node {
                unit: u.name.clone(),
                parent: None,
                children: Vec::new(),
                source: report.map(|(s, _)| s.to_string()),
                organ: report.map(|(_, r)| r.meta.organ.clone()),
                check: None,
            }
        })
        .collect();
    for (i, u) in units.iter().enumerate() {
        let Some(parent) = &u.parent else { continue };
        match units.iter().position(|p| &p.name == parent) {
            Some(p) if !leads_back(&nodes, p, i) => nodes[i].parent = Some(p),
            Some(_) => notes.push(format!("{} 的上级单位 {parent} 又以它为上级（循环），按顶层单位处理", u.name)),
            None => notes.push(format!("{} 的上级单位 {parent} 不在名单中，按顶层单位处理", u.name)),
        }
    }
    for i in 0..nodes.len() {
        if let Some(p) = nodes[i].parent {
            nodes[p].children.push(i);
        }
    }
    for p in 0..nodes.len() {
        if nodes[p].children.is_empty() {
            continue;
        }
        let children: Vec<(String, Option<&Report>)> = nodes[p]
            .children
            .iter()
            .map(|&c| (nodes[c].unit.clone(), report_of(&nodes[c].unit).map(|(_, r)| r)))
            .collect();
        let own = report_of(&nodes[p].unit).map(|(_, r)| r);
        nodes[p].check = Some(compare_with_children(own, &children));
    }
    let roots = (0..nodes.len()).filter(|&i| nodes[i].parent.is_none()).collect();
    RegionTree { year: coverage.year, nodes, roots, notes }
}

/// The tree as text for the terminal: each unit indented under its
/// parent, with its report; under each parent, the children missing and
/// the cells that differ with their shares.
pub fn text(tree: &RegionTree) -> String {
    let mut out = String::new();
    let year = tree.year.map_or("年度不明".to_string(), |y| format!("{y} 年度"));
    let parents = tree.nodes.iter().filter(|n| n.check.is_some()).count();
    out += &format!("{year}区域层级：名单 {} 个单位，其中 {parents} 个有下级单位。\n", tree.nodes.len());
    for note in &tree.notes {
        out += &format!("注意：{note}\n");
    }
    let mut stack: Vec<(usize, usize)> = tree.roots.iter().rev().map(|&r| (r, 0)).collect();
    while let Some((i, depth)) = stack.pop() {
        let node = &tree.nodes[i];
        let indent = "  ".repeat(depth);
        let report = node.source.as_deref().map_or("未报送".to_string(), |s| format!("报告：{s}"));
        out += &format!("{indent}{}（{report}）\n", node.unit);
        if let Some(check) = &node.check {
            let inner = "  ".repeat(depth + 1);
            let head = if !check.has_own {
                format!("本级未报送，无法比较（下级 {} 份报告已合计）", check.summed.len())
            } else if check.differences == 0 {
                format!("本级报告与 {} 个下级单位的合计一致", check.summed.len())
            } else {
                format!("本级报告与 {} 个下级单位的合计有 {} 格不一致：", check.summed.len(), check.differences)
            };
            out += &format!("{inner}▸ {head}\n");
            for cell in check.cells.iter().filter(|c| c.differs) {
                let stated = if cell.stated.is_empty() { "空白" } else { &cell.stated };
                out += &format!("{inner}    {}：本级 {stated}，下级合计 {}\n", cell.label, cell.formula());
            }
            if !check.missing.is_empty() {
                out += &format!("{inner}▸ 下级未报送（未计入合计）：{}\n", check.missing.join("、"));
            }
            if !check.left_out.is_empty() {
                out += &format!("{inner}▸ {}\n", super::aggregate::incomplete_note(&check.left_out));
            }
        }
        stack.extend(node.children.iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

/// Whether following the parents set so far up from `start` reaches
/// `unit` (making it `unit`'s parent would close a loop).
fn leads_back(nodes: &[Node], start: usize, unit: usize) -> bool {
    let mut at = start;
    for _ in 0..=nodes.len() {
        if at == unit {
            return true;
        }
        match nodes[at].parent {
            Some(next) => at = next,
            None => return false,
        }
    }
    true
}

fn compare_with_children(own: Option<&Report>, children: &[(String, Option<&Report>)]) -> ParentCheck {
    let summed: Vec<(&str, &Report)> = children.iter().filter_map(|(u, r)| Some((u.as_str(), (*r)?))).collect();
    let missing = children.iter().filter(|(_, r)| r.is_none()).map(|(u, _)| u.clone()).collect();
    let reports: Vec<&Report> = summed.iter().map(|(_, r)| *r).collect();
    let sum = aggregate(&reports, "");
    let blank = Report::new();
    let stated = own.unwrap_or(&blank);
    let cells: Vec<CellSum> = all_cells()
        .filter(|&id| !stated.value(id).is_blank() || !sum.value(id).is_blank())
        .map(|id| {
            let (s, t) = (stated.value(id), sum.value(id));
            CellSum {
                cell: id.address(),
                label: id.label(),
                stated: s.to_string(),
                sum: t.to_string(),
                // With no child's report there is nothing to compare with.
                differs: own.is_some() && !summed.is_empty() && differs(s, t),
                parts: summed
                    .iter()
                    .map(|(unit, r)| Part { unit: unit.to_string(), value: r.value(id).to_string() })
                    .collect(),
            }
        })
        .collect();
    ParentCheck {
        has_own: own.is_some(),
        summed: summed.iter().map(|(u, _)| u.to_string()).collect(),
        missing,
        differences: cells.iter().filter(|c| c.differs).count(),
        cells,
        left_out: left_out(&reports),
    }
}

/// A parent's figure differs from the sum when the amounts differ (a
/// blank against a 0 is no difference in amount; text is never equal to
/// a number).
fn differs(stated: &Value, sum: &Value) -> bool {
    match (stated, sum) {
        (Value::Text(a), Value::Text(b)) => a != b,
        (Value::Text(_), _) | (_, Value::Text(_)) => true,
        _ => stated.number_or_zero() != sum.number_or_zero(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::CellId;

    fn report(organ: &str, year: i32, cells: &[(&str, &str)]) -> Report {
        let mut r = Report::new();
        r.meta.organ = organ.into();
        r.meta.year = Some(year);
        for (address, value) in cells {
            r.set(CellId::from_address(address).unwrap(), Value::parse(value));
        }
        r
    }

    const NEW: &str = "requests.new_received.total";
    const FEES: &str = "active.fees";

    #[test]
    fn parses_the_parent_column_by_its_header() {
        let units = parse_unit_tree("\u{feff}单位名称,上级单位\n某区人民政府,\n区统计局,某区人民政府\n\n区统计局,x\n");
        assert_eq!(
            units,
            [
                ListedUnit { name: "某区人民政府".into(), parent: None },
                ListedUnit { name: "区统计局".into(), parent: Some("某区人民政府".into()) },
            ]
        );
        assert!(parse_unit_tree("区统计局\n区财政局\n").is_empty(), "no header, no tree");
    }

    #[test]
    fn a_parent_is_compared_with_the_sum_of_its_children_share_by_share() {
        let units = parse_unit_tree("单位,上级单位\n某区人民政府,\n区统计局,某区人民政府\n区财政局,某区人民政府\n区教育局,某区人民政府\n某镇,某区人民政府\n某村,某镇\n");
        let reports = [
            report("某区人民政府", 2025, &[(NEW, "2147"), (FEES, "1.5")]),
            report("红寺堡区统计局", 2025, &[(NEW, "1024"), (FEES, "0.1")]),
            report("区财政局", 2025, &[(NEW, "37")]),
            report("某镇", 2025, &[(NEW, "1086"), (FEES, "1.3")]),
            report("区教育局", 2024, &[(NEW, "5")]),
        ];
        let sources = ["a.json", "b.json", "c.json", "d.json", "e.json"];
        let pairs: Vec<(&str, &Report)> = sources.iter().copied().zip(reports.iter()).collect();
        let tree = region_tree(&units, &pairs, Some(2025));
        assert_eq!(tree.roots, [0]);
        assert_eq!(tree.nodes[0].children, [1, 2, 3, 4]);
        assert_eq!(tree.nodes[1].source.as_deref(), Some("b.json"), "matched by a near name");
        let check = tree.nodes[0].check.as_ref().unwrap();
        assert_eq!(check.missing, ["区教育局"], "last year's report does not count");
        assert_eq!(check.summed, ["区统计局", "区财政局", "某镇"]);
        let new = check.cells.iter().find(|c| c.cell == NEW).unwrap();
        assert!(!new.differs);
        assert_eq!(new.formula(), "2147 = 1024 + 37 + 1086");
        // Money adds exactly; a blank share is named, not added as 0.
        let fees = check.cells.iter().find(|c| c.cell == FEES).unwrap();
        assert_eq!((fees.stated.as_str(), fees.sum.as_str(), fees.differs), ("1.5", "1.4", true));
        assert_eq!(fees.formula(), "1.4 = 0.1 + 1.3（未填：区财政局）");
        assert_eq!(check.differences, 1);
        // The town is a parent too; its village handed nothing in.
        let town = tree.nodes[4].check.as_ref().unwrap();
        assert_eq!((town.has_own, town.missing.clone(), town.cells.len()), (true, vec!["某村".to_string()], 2));
        assert_eq!(town.differences, 0, "no child's report: nothing to compare");
        assert!(tree.nodes[1].check.is_none());
    }

    #[test]
    fn a_loop_or_an_unknown_parent_makes_a_root_and_a_note() {
        let units = parse_unit_tree("单位,上级单位\n甲,乙\n乙,甲\n丙,丁\n");
        let tree = region_tree(&units, &[], Some(2025));
        assert_eq!(tree.notes.len(), 2, "{:?}", tree.notes);
        assert_eq!(tree.roots, [1, 2]);
        assert!(tree.notes.iter().any(|n| n.contains("不在名单中")));
        // Every node is reachable from a root: nothing is lost.
        let mut seen = 0;
        let mut stack = tree.roots.clone();
        while let Some(i) = stack.pop() {
            seen += 1;
            stack.extend(tree.nodes[i].children.iter().copied());
        }
        assert_eq!(seen, 3);
    }
}
