//! D1, D2: what each cell may hold.

use super::{arithmetic, Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{active, CellId, CellKind, TableId};
use crate::model::Value;
use rust_decimal::Decimal;

/// How many blank cells a message names before it says "等".
const NAMED_BLANKS: usize = 5;

pub const D1: Rule = Rule {
    code: RuleCode::D1,
    severity: Severity::Error,
    title: "件数单元格须为不小于 0 的整数，空白应填 0",
    doc: "表二（收费金额除外）、表三、表四的每个单元格都是件数，只能是不小于 0 的整数。\
          负数、小数或文字是错误；空白、“—”或“/”不等于 0，按 0 参与计算，但提示填报人补填 0，\
          每张表合并为一条提示，并说明按 0 计算时表内勾稽关系是否成立。",
    basis: "国办公开办函〔2021〕30号附件格式：各项统计数据均为件数",
    example: "表三「自然人」列某格填了“3件”或“-1”；或表四整行留空。",
    also: &[Severity::Warning],
    from_year: None,
    check: check_d1,
};

pub const D2: Rule = Rule {
    code: RuleCode::D2,
    severity: Severity::Error,
    title: "行政事业性收费金额须为不小于 0 的数，单位万元，最多 4 位小数",
    doc: "表二第二十条第（八）项“本年收费金额（单位：万元）”是以万元为单位的金额，可有小数。\
          负数或非数字是错误；单元格里写了“元”“万元”等单位，或小数超过 4 位（精确到元以下），\
          多半是单位填错，给出警告。",
    basis: "国办公开办函〔2021〕30号附件格式表二",
    example: "“251000元”填在万元栏里；或 12.345678（超过 4 位小数）。",
    also: &[Severity::Warning],
    from_year: None,
    check: check_d2,
};

fn check_d1(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    for table in TableId::ALL {
        let mut blanks = Vec::new();
        for id in table.cells() {
            if id.kind() != CellKind::Count {
                continue;
            }
            match report.value(id) {
                Value::Blank => blanks.push(id),
                // The common case, a whole number as written: only its sign matters.
                Value::Number(n) if n.scale() == 0 && !n.is_sign_negative() => {}
                Value::Text(text) => findings.push(
                    Finding::new(
                        RuleCode::D1,
                        Severity::Error,
                        if text.chars().all(|c| c.is_ascii_digit()) {
                            format!(
                                "{}的数值 {} 过大（超过 10 的 15 次方），不可能是真实件数。请核对。",
                                id.label(),
                                text
                            )
                        } else {
                            format!("{}填的是“{}”，不是数字。请只填阿拉伯数字（没有的填 0）。", id.label(), text)
                        },
                    )
                    .cells([id])
                    .expected("不小于 0 的整数")
                    .actual(text),
                ),
                Value::Number(n) if n.is_sign_negative() && !n.is_zero() => findings.push(
                    Finding::new(
                        RuleCode::D1,
                        Severity::Error,
                        format!("{}为负数 {}。件数不能为负，请改正。", id.label(), n),
                    )
                    .cells([id])
                    .expected("不小于 0 的整数")
                    .actual(n),
                ),
                Value::Number(n) if !n.fract().is_zero() => findings.push(
                    Finding::new(
                        RuleCode::D1,
                        Severity::Error,
                        format!("{}为小数 {}。件数应为整数，请改正。", id.label(), n),
                    )
                    .cells([id])
                    .expected("整数")
                    .actual(n),
                ),
                Value::Number(_) => {}
            }
        }
        // A table left entirely blank is missing (S2), not a table with blanks.
        let entirely = blanks.len() == table.cells().filter(|id| id.kind() == CellKind::Count).count()
            && context.report.table_is_blank(table)
            && blanks.iter().all(|&id| context.report.blank_mark(id).is_none());
        if !blanks.is_empty() && !entirely {
            findings.push(blank_finding(context, table, &blanks));
        }
    }
}

/// One warning per table for its blank cells, saying whether the table's
/// identities hold with them read as 0.
fn blank_finding(context: &Context, table: TableId, blanks: &[CellId]) -> Finding {
    let total = table.cells().filter(|id| id.kind() == CellKind::Count).count();
    let holds = if arithmetic::table_holds(context.report, table) {
        "按 0 计算时本表勾稽关系成立"
    } else {
        "按 0 计算时本表勾稽关系仍不成立，见相关错误"
    };
    let message = if blanks.len() == total {
        format!("{}整张表未填写（{} 个单元格全部空白）。没有发生的事项请填 0，不要留空。", table.short_name(), total)
    } else {
        let mut named: Vec<&str> = blanks.iter().take(NAMED_BLANKS).map(|id| id.label()).collect();
        if blanks.len() > NAMED_BLANKS {
            named.push("等");
        }
        format!(
            "{}有 {} 个单元格空白：{}。空白不等于 0，请填 0；{}。",
            table.short_name(),
            blanks.len(),
            named.join("、"),
            holds
        )
    };
    let report = context.report;
    let marks: Vec<&str> = blanks.iter().filter_map(|&id| report.blank_mark(id)).collect();
    let mut shown: Vec<&str> = marks.clone();
    shown.sort_unstable();
    shown.dedup();
    let held = shown.iter().map(|m| format!("“{m}”")).collect::<Vec<_>>().join("、");
    // Say what the cells hold: “—” typed is not an empty cell.
    let (message, actual) = match (marks.len(), blanks.len()) {
        (0, _) => (message, "空白".to_string()),
        (1, 1) if blanks.len() < total => {
            (format!("{}填写的是{held}，不是数字，应填 0；{holds}。", blanks[0].label()), held)
        }
        (m, n) if m == n => (format!("{message}这些单元格填写的是{held}，不是数字，应填 0。"), held),
        (m, _) => (format!("{message}其中 {m} 个单元格填写的是{held}，不是数字，应填 0。"), format!("空白或{held}")),
    };
    Finding::new(RuleCode::D1, Severity::Warning, message).cells(blanks.iter().copied()).expected("0").actual(actual)
}

fn check_d2(context: &Context, findings: &mut Vec<Finding>) {
    let id = active::FEES;
    match context.report.value(id) {
        Value::Blank => {} // D1 reports blanks only for counts; a blank fee is named here.
        Value::Text(text) if text.contains('元') => {
            let hint = match unit_amount(text) {
                Some((amount, true)) => format!("如指 {amount} 万元，请只填 {amount}"),
                Some((amount, false)) => format!("如指 {amount} 元，应填 {}（万元）", amount / Decimal::from(10_000)),
                None => "请换算为万元后只填数字".to_string(),
            };
            findings.push(
                Finding::new(
                    RuleCode::D2,
                    Severity::Warning,
                    format!("{}写了单位：“{}”。本栏单位已是万元，只填数字；{}。", id.label(), text, hint),
                )
                .cells([id])
                .expected("以万元计的数字")
                .actual(text),
            );
        }
        Value::Text(text) => findings.push(
            Finding::new(
                RuleCode::D2,
                Severity::Error,
                format!("{}填的是“{}”，不是金额。请填以万元计的数字（没有的填 0）。", id.label(), text),
            )
            .cells([id])
            .expected("不小于 0 的数")
            .actual(text),
        ),
        Value::Number(n) if n.is_sign_negative() && !n.is_zero() => findings.push(
            Finding::new(
                RuleCode::D2,
                Severity::Error,
                format!("{}为负数 {}。收费金额不能为负，请改正。", id.label(), n),
            )
            .cells([id])
            .expected("不小于 0 的数")
            .actual(n),
        ),
        Value::Number(n) if n.normalize().scale() > 4 => findings.push(
            Finding::new(
                RuleCode::D2,
                Severity::Warning,
                format!(
                    "{}为 {}，小数超过 4 位（已精确到元以下）。请确认单位是万元、不是元，并保留至多 4 位小数。",
                    id.label(),
                    n
                ),
            )
            .cells([id])
            .expected("至多 4 位小数")
            .actual(n),
        ),
        Value::Number(_) => {}
    }
}

/// `251000元` → (251000, false); `12.5万元` → (12.5, true).
fn unit_amount(text: &str) -> Option<(Decimal, bool)> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(number) = compact.strip_suffix("万元") {
        return crate::model::parse_decimal(number).map(|n| (n, true));
    }
    let number = compact.strip_suffix('元')?;
    crate::model::parse_decimal(number).map(|n| (n, false))
}

#[cfg(test)]
mod tests {
    use crate::layout::{active, request_cell, review_cell};
    use crate::model::{Report, Value};
    use crate::rules::testing::{codes, filled};
    use rust_decimal::Decimal;

    #[test]
    fn d1_passes_on_zeros() {
        assert!(!codes(&filled()).contains(&"D1"));
    }

    #[test]
    fn d1_reports_negative_fraction_and_text_per_cell() {
        let mut r = filled();
        r.set(request_cell(0, 0), Value::Number(Decimal::from(-1)));
        r.set(request_cell(0, 1), Value::Number(Decimal::new(15, 1)));
        r.set(review_cell(0, 0), Value::Text("3件".into()));
        let f: Vec<_> =
            crate::rules::run(&r, &Default::default()).into_iter().filter(|f| f.rule == crate::RuleCode::D1).collect();
        assert_eq!(f.len(), 3);
        assert_eq!(f[2].cells, ["review_litigation.review.upheld"]);
    }

    #[test]
    fn d1_gathers_blanks_of_a_table_in_one_warning() {
        let mut r = filled();
        r.set(review_cell(0, 0), Value::Blank);
        r.set(review_cell(1, 0), Value::Blank);
        let f: Vec<_> =
            crate::rules::run(&r, &Default::default()).into_iter().filter(|f| f.rule == crate::RuleCode::D1).collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].cells.len(), 2);
        assert!(f[0].message.contains("勾稽关系成立"), "{}", f[0].message);
        // A table left entirely blank is missing: S2's, not D1's.
        let empty = Report::new();
        let f: Vec<_> = crate::rules::run(&empty, &Default::default())
            .into_iter()
            .filter(|f| f.rule == crate::RuleCode::D1)
            .collect();
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn d1_says_what_a_blank_cell_holds() {
        let d1 = |r: &Report| {
            crate::rules::run(r, &Default::default())
                .into_iter()
                .filter(|f| f.rule == crate::RuleCode::D1)
                .collect::<Vec<_>>()
        };
        let mut r = filled();
        r.set_parsed(review_cell(0, 0), " — ");
        let f = d1(&r);
        assert!(f[0].message.contains("填写的是“—”，不是数字，应填 0"), "{}", f[0].message);
        assert_eq!(f[0].actual.as_deref(), Some("“—”"));
        r.set_parsed(review_cell(1, 0), "／");
        r.set_parsed(review_cell(2, 0), "");
        let f = d1(&r);
        assert!(f[0].message.contains("其中 2 个单元格填写的是“—”、“／”"), "{}", f[0].message);
        // A number typed over it forgets the mark.
        r.set_parsed(review_cell(0, 0), "0");
        r.set_parsed(review_cell(1, 0), "0");
        assert_eq!(d1(&r)[0].actual.as_deref(), Some("空白"));
    }

    #[test]
    fn d2_money_units_and_precision() {
        let mut r = filled();
        r.set(active::FEES, Value::Number("1271.3899".parse().unwrap()));
        assert!(!codes(&r).contains(&"D2"));
        r.set(active::FEES, Value::Number("12.50000".parse().unwrap()));
        assert!(!codes(&r).contains(&"D2"), "trailing zeros are not precision");
        r.set(active::FEES, Value::Number("1271.38998".parse().unwrap()));
        assert!(codes(&r).contains(&"D2"));
    }

    #[test]
    fn d2_flags_unit_text_and_negative() {
        let mut r = filled();
        r.set(active::FEES, Value::Text("251000元".into()));
        let f = crate::rules::run(&r, &Default::default());
        let d2 = f.iter().find(|f| f.rule == crate::RuleCode::D2).unwrap();
        assert!(d2.message.contains("25.1"), "{}", d2.message);
        r.set(active::FEES, Value::Number(Decimal::from(-3)));
        assert!(codes(&r).contains(&"D2"));
    }
}
