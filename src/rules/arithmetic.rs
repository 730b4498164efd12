//! A1–A4: the arithmetic identities of 表三 and 表四.
//!
//! All identities are judged together, once per report, into a
//! [`Diagnosis`] that each of the four rules reads its own findings from, so
//! that one wrong cell gives one finding: when every failing identity
//! through a cell is fixed by the same change of that cell (and no identity
//! through it holds), the cell is reported once, under the first rule of
//! those identities, naming the identities and cells involved.

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{
    request_cell, request_row as row, review_cell, CellId, TableId, REQUEST_COLUMNS, REQUEST_ROWS, REVIEW_COLUMNS,
    REVIEW_GROUPS, REVIEW_TOTAL_COLUMN,
};
use crate::model::{Report, Value};
use rust_decimal::Decimal;

pub const A1: Rule = Rule {
    code: RuleCode::A1,
    severity: Severity::Error,
    title: "表三勾稽关系：一 + 二 = 三（七）总计 + 四，逐列成立",
    doc: "表三左上角写明：本列数据的勾稽关系为第一项加第二项之和，等于第三项加第四项之和。\
          即本年新收 + 上年结转 = 本年度办理结果总计 + 结转下年度继续办理，七列各自成立。",
    basis: "国办公开办函〔2021〕30号附件表三（角注）",
    example: "新收 34 件、上年结转 0 件，但办理结果总计 32 件、结转下年度 0 件。",
    also: &[],
    from_year: None,
    check: check_a1,
};

pub const A2: Rule = Rule {
    code: RuleCode::A2,
    severity: Severity::Error,
    title: "表三（七）总计 = （一）至（六）各项办理结果之和，逐列成立",
    doc: "“（七）总计”是本年度全部办理结果的合计，应等于（一）予以公开、（二）部分公开、\
          （三）不予公开 8 项、（四）无法提供 3 项、（五）不予处理 5 项、（六）其他处理 3 项之和。",
    basis: "国办公开办函〔2021〕30号附件表三",
    example: "自然人列各项办理结果之和为 33，但（七）总计填了 30。",
    also: &[],
    from_year: None,
    check: check_a2,
};

pub const A3: Rule = Rule {
    code: RuleCode::A3,
    severity: Severity::Error,
    title: "表三每行：总计 = 自然人 + 法人或其他组织五类之和",
    doc: "表三每一行的“总计”列是六类申请人（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他）之和。",
    basis: "国办公开办函〔2021〕30号附件表三",
    example: "「一、本年新收」行自然人 33、商业企业 1，总计却填 33。",
    also: &[],
    from_year: None,
    check: check_a3,
};

pub const A4: Rule = Rule {
    code: RuleCode::A4,
    severity: Severity::Error,
    title: "表四各组：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    doc: "表四行政复议、未经复议直接起诉、复议后起诉三组，每组的“总计”等于前四列之和。",
    basis: "国办公开办函〔2021〕30号附件表四",
    example: "行政复议“其他结果”2 件，总计却填 0。",
    also: &[],
    from_year: None,
    check: check_a4,
};

fn check_a1(context: &Context, findings: &mut Vec<Finding>) {
    findings.extend(context.arithmetic().findings_of(RuleCode::A1));
}

fn check_a2(context: &Context, findings: &mut Vec<Finding>) {
    findings.extend(context.arithmetic().findings_of(RuleCode::A2));
}

fn check_a3(context: &Context, findings: &mut Vec<Finding>) {
    findings.extend(context.arithmetic().findings_of(RuleCode::A3));
}

fn check_a4(context: &Context, findings: &mut Vec<Finding>) {
    findings.extend(context.arithmetic().findings_of(RuleCode::A4));
}

/// What the identities of one report say, judged once for A1–A4 (and X1,
/// which compares the prose with the corrected figures): each finding with
/// the cell to change and its corrected value where there is one.
pub(crate) struct Diagnosis {
    found: Vec<(Finding, Option<(CellId, Decimal)>)>,
}

impl Diagnosis {
    pub(crate) fn of(report: &Report) -> Diagnosis {
        Diagnosis { found: diagnose(report) }
    }

    /// The findings reported under `rule`, in the order diagnosed.
    fn findings_of(&self, rule: RuleCode) -> impl Iterator<Item = Finding> + '_ {
        self.found.iter().filter(move |(f, _)| f.rule == rule).map(|(f, _)| f.clone())
    }

    /// The cells the arithmetic rules say to change, with the value that
    /// makes their identities hold: a cell that alone explains several
    /// failures, or the total of a single failing identity. X1 compares
    /// the prose with these corrected values (one root cause, one finding).
    pub(crate) fn corrections(&self) -> impl Iterator<Item = (CellId, Decimal)> + '_ {
        self.found.iter().filter_map(|(_, fix)| *fix)
    }
}

/// `Σ left = Σ right`, one instance of a rule.
struct Identity {
    rule: RuleCode,
    left: Vec<CellId>,
    right: Vec<CellId>,
    /// Where the identity lives, for messages: `表三「自然人」列`.
    place: String,
}

impl Identity {
    fn sum(report: &Report, cells: &[CellId]) -> Decimal {
        cells.iter().map(|&id| report.number(id)).sum()
    }

    fn residual(&self, report: &Report) -> Decimal {
        Self::sum(report, &self.left) - Self::sum(report, &self.right)
    }

    fn cells(&self) -> impl Iterator<Item = CellId> + '_ {
        self.left.iter().chain(&self.right).copied()
    }

    /// +1 for a cell on the left, -1 on the right.
    fn sign(&self, id: CellId) -> Option<Decimal> {
        if self.left.contains(&id) {
            Some(Decimal::ONE)
        } else if self.right.contains(&id) {
            Some(Decimal::NEGATIVE_ONE)
        } else {
            None
        }
    }

    /// Whether the identity can be judged: every operand is blank or a
    /// valid count (D1 reports text, negative and fractional values: one
    /// root cause, one finding) and not every operand is blank (the table
    /// is not filled in).
    fn applies(&self, report: &Report) -> bool {
        let valid = |id: CellId| match report.value(id) {
            Value::Blank => true,
            Value::Number(n) => !n.is_sign_negative() && n.fract().is_zero(),
            Value::Text(_) => false,
        };
        self.cells().all(valid) && !self.cells().all(|id| report.value(id).is_blank())
    }
}

/// Every identity instance, built once.
static IDENTITIES: std::sync::LazyLock<Vec<Identity>> = std::sync::LazyLock::new(build_identities);

fn identities() -> &'static [Identity] {
    &IDENTITIES
}

fn build_identities() -> Vec<Identity> {
    let mut all = Vec::new();
    for (c, (_, column)) in REQUEST_COLUMNS.iter().enumerate() {
        all.push(Identity {
            rule: RuleCode::A1,
            left: vec![request_cell(row::NEW_RECEIVED, c), request_cell(row::CARRIED_OVER, c)],
            right: vec![request_cell(row::RESULTS_TOTAL, c), request_cell(row::CARRIED_FORWARD, c)],
            place: format!("表三「{column}」列"),
        });
        all.push(Identity {
            rule: RuleCode::A2,
            left: vec![request_cell(row::RESULTS_TOTAL, c)],
            right: (row::FIRST_RESULT..=row::LAST_RESULT).map(|r| request_cell(r, c)).collect(),
            place: format!("表三「{column}」列"),
        });
    }
    for (r, request_row) in REQUEST_ROWS.iter().enumerate() {
        all.push(Identity {
            rule: RuleCode::A3,
            left: vec![request_cell(r, 6)],
            right: (0..6).map(|c| request_cell(r, c)).collect(),
            place: format!("表三「{}」行", request_row.path.last().copied().unwrap_or_default()),
        });
    }
    for (g, (_, path)) in REVIEW_GROUPS.iter().enumerate() {
        all.push(Identity {
            rule: RuleCode::A4,
            left: vec![review_cell(g, REVIEW_TOTAL_COLUMN)],
            right: (0..REVIEW_TOTAL_COLUMN).map(|c| review_cell(g, c)).collect(),
            place: format!("表四「{}」", path.join("·")),
        });
    }
    all
}

/// Whether every identity of `table` holds with blanks read as 0.
pub fn table_holds(report: &Report, table: TableId) -> bool {
    identities()
        .iter()
        .filter(|i| i.left[0].table() == table && i.applies(report))
        .all(|i| i.residual(report).is_zero())
}

/// For each cell, the identities (indices into [`identities`]) it is an
/// operand of, built once: finding the cell behind several failures then
/// needs no map per report.
static THROUGH_CELL: std::sync::LazyLock<Vec<Vec<usize>>> = std::sync::LazyLock::new(|| {
    let mut through = vec![Vec::new(); crate::layout::CELL_COUNT];
    for (i, identity) in identities().iter().enumerate() {
        for id in identity.cells() {
            through[id.index()].push(i);
        }
    }
    through
});

/// The cells as integers, computed once per report so that judging the 42
/// identities is plain integer sums: `None` for a cell D1 reports (text,
/// negative, fractional), blank reads 0. Cells are at most 10^15, so sums
/// of a few dozen fit an `i64`.
struct Counts {
    value: Vec<Option<i64>>,
    blank: Vec<bool>,
}

impl Counts {
    fn of(report: &Report) -> Counts {
        let mut value = Vec::with_capacity(crate::layout::CELL_COUNT);
        let mut blank = Vec::with_capacity(crate::layout::CELL_COUNT);
        for (_, v) in report.cells() {
            let count = match v {
                Value::Blank => Some(0),
                Value::Number(n) if n.scale() == 0 => i64::try_from(n.mantissa()).ok().filter(|m| *m >= 0),
                Value::Number(n) if !n.is_sign_negative() && n.fract().is_zero() => i64::try_from(n.trunc()).ok(),
                _ => None,
            };
            value.push(count);
            blank.push(v.is_blank());
        }
        Counts { value, blank }
    }

    /// `Some(residual)` when the identity can be judged (see [`Identity::applies`]).
    fn residual(&self, identity: &Identity) -> Option<i64> {
        let sum = |cells: &[CellId]| cells.iter().try_fold(0i64, |acc, id| Some(acc + self.value[id.index()]?));
        let judged = identity.cells().any(|id| !self.blank[id.index()]);
        Some(sum(&identity.left)? - sum(&identity.right)?).filter(|_| judged)
    }
}

/// The A1–A4 findings, each with the cell to change and its corrected value
/// where there is one.
fn diagnose(report: &Report) -> Vec<(Finding, Option<(CellId, Decimal)>)> {
    let counts = Counts::of(report);
    // Per identity: `None` when it cannot be judged, else its residual.
    let residuals: Vec<Option<i64>> = identities().iter().map(|i| counts.residual(i)).collect();
    if residuals.iter().all(|r| r.unwrap_or(0) == 0) {
        return Vec::new();
    }
    debug_assert!(identities().iter().zip(&residuals).all(|(i, r)| r.is_none() || i.applies(report)));
    let mut found = Vec::new();
    let mut explained = vec![false; residuals.len()];
    for (cell, through) in single_cell_explanations(report, &residuals) {
        if through.iter().any(|&i| explained[i]) {
            continue;
        }
        for &i in &through {
            explained[i] = true;
        }
        let finding = cell_finding(report, cell, &through.iter().map(|&i| &identities()[i]).collect::<Vec<_>>());
        let fix = finding.expected.as_deref().and_then(|e| e.parse().ok()).map(|e| (cell, e));
        found.push((finding, fix));
    }
    for (i, residual) in residuals.iter().enumerate() {
        if residual.is_some_and(|r| r != 0) && !explained[i] {
            let identity = &identities()[i];
            let fix = match identity.left[..] {
                [total] => Some((total, Identity::sum(report, &identity.right))),
                _ => None,
            };
            found.push((identity_finding(report, identity), fix));
        }
    }
    // In catalogue order (A1 before A4), stable within a rule.
    found.sort_by_key(|(f, _)| f.rule);
    found
}

/// Cells that alone explain two or more failing identities: every judged
/// identity through the cell fails, and all of them are fixed by the same
/// change to it. Most explanatory first.
fn single_cell_explanations(report: &Report, residuals: &[Option<i64>]) -> Vec<(CellId, Vec<usize>)> {
    let mut found = Vec::new();
    for cell in crate::layout::all_cells() {
        let judged = || THROUGH_CELL[cell.index()].iter().copied().filter(|&i| residuals[i].is_some());
        if judged().count() < 2 || judged().any(|i| residuals[i] == Some(0)) {
            continue;
        }
        // The change of this cell that makes identity `i` hold.
        let fix = |i: usize| {
            let residual = residuals[i].unwrap_or_default();
            if identities()[i].left.contains(&cell) {
                -residual
            } else {
                residual
            }
        };
        let first = judged().map(fix).next().unwrap_or_default();
        let fixed = report.number(cell) + Decimal::from(first);
        if judged().all(|i| fix(i) == first) && !fixed.is_sign_negative() {
            found.push((cell, judged().collect::<Vec<_>>()));
        }
    }
    found.sort_by_key(|(cell, list)| (std::cmp::Reverse(list.len()), *cell));
    found
}

fn cell_finding(report: &Report, cell: CellId, through: &[&Identity]) -> Finding {
    let actual = report.number(cell);
    let delta = -through[0].residual(report) * through[0].sign(cell).unwrap_or_default();
    let expected = actual + delta;
    let rule = through.iter().map(|i| i.rule).min().unwrap_or(RuleCode::A1);
    let what: Vec<String> = through.iter().map(|i| describe(report, i)).collect();
    let message = format!(
        "{}{}，与 {} 处勾稽关系都不符：{}。这些不符都由此格引起：改为 {} 后全部成立。请核对此格。{}",
        cell.label(),
        is_shown(report.value(cell)),
        through.len(),
        what.join("；"),
        expected,
        blank_note(report, through.iter().flat_map(|i| i.cells()))
    );
    let mut cells = vec![cell];
    for id in through.iter().flat_map(|i| i.cells()) {
        if !cells.contains(&id) {
            cells.push(id);
        }
    }
    Finding::new(rule, Severity::Error, message.trim_end().to_string()).cells(cells).expected(expected).actual(actual)
}

fn identity_finding(report: &Report, identity: &Identity) -> Finding {
    let left = Identity::sum(report, &identity.left);
    let right = Identity::sum(report, &identity.right);
    let hint = if identity.left.len() == 1 {
        format!("请核对各项明细，或把{}改为 {}。", identity.left[0].label(), right)
    } else {
        "请核对这几个单元格。".to_string()
    };
    let message = format!("{}。{}{}", describe(report, identity), hint, blank_note(report, identity.cells()));
    Finding::new(identity.rule, Severity::Error, message.trim_end().to_string())
        .cells(identity.cells())
        .expected(right)
        .actual(left)
}

/// What an identity says and how it fails, in words.
fn describe(report: &Report, identity: &Identity) -> String {
    let left = Identity::sum(report, &identity.left);
    let right = Identity::sum(report, &identity.right);
    match identity.rule {
        RuleCode::A1 => format!(
            "{}：一（本年新收）+ 二（上年结转）= {}，而（七）总计 + 四（结转下年度）= {}，两者应相等",
            identity.place, left, right
        ),
        RuleCode::A2 => {
            format!("{}：（七）总计为 {}，但（一）至（六）各项办理结果之和为 {}", identity.place, left, right)
        }
        RuleCode::A3 => format!("{}：总计为 {}，但六类申请人之和为 {}", identity.place, left, right),
        _ => format!(
            "{}：总计为 {}，但{}之和为 {}",
            identity.place,
            left,
            REVIEW_COLUMNS[..REVIEW_TOTAL_COLUMN].iter().map(|(_, l)| *l).collect::<Vec<_>>().join("、"),
            right
        ),
    }
}

/// "（其中 N 个单元格空白，已按 0 计算）" when operands were blank.
fn blank_note(report: &Report, cells: impl Iterator<Item = CellId>) -> String {
    let mut blanks: Vec<CellId> = cells.filter(|&id| report.value(id).is_blank()).collect();
    blanks.sort();
    blanks.dedup();
    if blanks.is_empty() {
        String::new()
    } else {
        format!("（其中 {} 个单元格空白，已按 0 计算；即使按 0 计算也不成立。）", blanks.len())
    }
}

/// "为 34", or "为空白" (a figure is set off by a space, a word is not).
fn is_shown(value: &Value) -> String {
    match value {
        Value::Blank => "为空白".to_string(),
        other => format!("为 {other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{request_cell, review_cell};
    use crate::rules::testing::{filled, findings_of};

    fn set(r: &mut Report, id: CellId, n: i64) {
        r.set(id, Value::Number(Decimal::from(n)));
    }

    #[test]
    fn consistent_report_passes() {
        assert!(findings_of(&filled(), "A").is_empty());
    }

    #[test]
    fn a4_total_not_sum_of_parts() {
        let mut r = filled();
        set(&mut r, review_cell(0, 2), 2);
        let f = findings_of(&r, "A");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "A4");
        assert_eq!(f[0].cells[0], "review_litigation.review.total");
        assert_eq!((f[0].expected.as_deref(), f[0].actual.as_deref()), (Some("2"), Some("0")));
    }

    #[test]
    fn a4_says_each_group_one_way() {
        // 行政诉讼·复议后起诉 throughout the message, never 行政诉讼—复议后起诉.
        let mut r = filled();
        set(&mut r, review_cell(2, 2), 5);
        let f = findings_of(&r, "A");
        assert!(f[0].message.contains("表四「行政诉讼·复议后起诉」："), "{}", f[0].message);
        assert!(!f[0].message.contains('—'), "{}", f[0].message);
    }

    #[test]
    fn one_wrong_part_gives_one_finding_not_a_cascade() {
        // 自然人 of 8.属于行政查询事项 off by one: A2 (column) and A3 (row) fail.
        let mut r = filled();
        set(&mut r, request_cell(11, 0), 1);
        let f = findings_of(&r, "A");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].cells[0], "requests.results.withheld.query_matter.natural_person");
        assert_eq!(f[0].expected.as_deref(), Some("0"));
    }

    #[test]
    fn one_wrong_total_in_three_identities() {
        // （七）总计 of 自然人: A1, A2 and A3 all fail.
        let mut r = filled();
        set(&mut r, request_cell(23, 0), 5);
        let f = findings_of(&r, "A");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].rule, "A1");
        assert_eq!(f[0].cells[0], "requests.results.total.natural_person");
    }

    #[test]
    fn a1_alone_when_the_balance_is_off() {
        let mut r = filled();
        for c in [0, 6] {
            set(&mut r, request_cell(0, c), 3);
            set(&mut r, request_cell(2, c), 3);
            set(&mut r, request_cell(23, c), 3);
        }
        assert!(findings_of(&r, "A").is_empty());
        // Carried forward 1 in 自然人 and 总计: row still adds up, column balance fails.
        set(&mut r, request_cell(24, 0), 1);
        set(&mut r, request_cell(24, 6), 1);
        let f = findings_of(&r, "A");
        assert_eq!(f.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["A1", "A1"], "{f:#?}");
    }

    #[test]
    fn a3_row_total() {
        let mut r = filled();
        set(&mut r, request_cell(0, 1), 1);
        set(&mut r, request_cell(2, 1), 1);
        set(&mut r, request_cell(23, 1), 1);
        // 总计 column not updated: the three rows' totals are each off by one,
        // but each total is also in column identities that then pass… so A3 ×3.
        let f = findings_of(&r, "A");
        assert!(f.iter().all(|f| f.rule == RuleCode::A3), "{f:#?}");
        assert_eq!(f.len(), 3);
    }

    #[test]
    fn blanks_are_named_and_all_blank_tables_skipped() {
        let r = Report::new();
        assert!(findings_of(&r, "A").is_empty());
        let mut r = Report::new();
        set(&mut r, review_cell(0, 4), 3);
        let f = findings_of(&r, "A");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("空白"), "{}", f[0].message);
    }
}
