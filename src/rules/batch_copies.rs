//! R9, R10 in the catalogue: found by the batch (`crate::batch::copied`),
//! which alone sees the other reports; a single report never gives them.
//! The batch makes their findings with the constructors below.

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{CellId, TableId};

pub const R9: Rule = Rule {
    code: RuleCode::R9,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "批量检查：一张表与同年度另一机关的报告完全相同",
    doc: "批量检查时，一份报告的表二、表三或表四（至少 3 个非零数字、合计至少 10 位有效数字：数字太少的表在各单位之间难免巧合）与同年度另一机关报告的同一张表逐格相同，\
          多半是照抄了上级或兄弟单位的报告（如部门的表四照抄了区政府的）。发现中写明与哪份报告相同。\
          同一机关的两份报告（重复报送、修订版）不算，另行列出。",
    basis: "国办公开办函〔2021〕30号：发布内容不准确不全面的，追究责任",
    example: "区统计局的表四与区人民政府年报的表四一模一样。",
    check: only_in_a_batch,
};

pub const R10: Rule = Rule {
    code: RuleCode::R10,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "批量检查：一个数字与另一机关报告的数字只差两位顺序",
    doc: "批量检查时，一份报告中至少 5 位有效数字的数（多为收费金额、许可处罚件数）与同年度另一机关报告中的数\
          只有两位数字互换了位置，几乎不可能是巧合，多半是照抄时抄颠倒了。发现中写明与哪份报告的哪个数相近。\
          按数字组成建立索引，只比较组成相同的数，报告再多也不两两比较。",
    basis: "国办公开办函〔2021〕30号：发布内容不准确不全面的，追究责任",
    example: "某局行政事业性收费 4166.214619 万元，区人民政府年报为 4166.241619 万元。",
    check: only_in_a_batch,
};

fn only_in_a_batch(_: &Context, _: &mut Vec<Finding>) {}

/// R9 for a report whose `tables` (表二…) are those of `other` (another
/// organ's report of the year, as a message names it), one of `count`
/// such reports; it points at the first table's first cell.
pub fn same_tables(tables: &[&str], first: TableId, other: &str, count: usize) -> Finding {
    Finding::new(
        RuleCode::R9,
        Severity::Warning,
        format!(
            "{}的全部数字与同年度另一机关的报告{other}完全相同{}。不同机关的统计不应一模一样，可能照抄了上级或其他单位的报告；请按本机关的实际统计重新填写。",
            tables.join("、"),
            if count > 1 { format!("（共与 {count} 份报告相同）") } else { String::new() }
        ),
    )
    .cells(first.cells().next())
    .expected("本机关的统计")
    .actual(format!("与{other}相同"))
}

/// R10 for the figure `text` of `id`, two digits swapped from the figure
/// `theirs` of `their_cell` in `other` (another organ's report, as a
/// message names it).
pub fn swapped_digits(id: CellId, text: &str, other: &str, their_cell: CellId, theirs: &str) -> Finding {
    Finding::new(
        RuleCode::R10,
        Severity::Warning,
        format!(
            "{}为 {text}，与同年度{other}的{}（{theirs}）只差两位数字的顺序。这很可能是照抄时把数字抄颠倒了：请核对本机关的实际数字。",
            id.label(),
            if their_cell == id { "同一栏".to_string() } else { their_cell.label().to_string() }
        ),
    )
    .cells([id])
    .expected(format!("本机关的实际数字（{other}为 {theirs}）"))
    .actual(text)
}
