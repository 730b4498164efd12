//! R9, R10 in the catalogue: found by the batch (`crate::batch::copied`),
//! which alone sees the other reports; a single report never gives them.

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};

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
