//! X4, X5: this year's report against last year's; X11: 规章 for organs
//! without rule-making power.

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{active, request_cell, request_row as row, CellId, REQUEST_COLUMNS};
use crate::model::{MetaField, OrganKind, Report};

pub const X4: Rule = Rule {
    code: RuleCode::X4,
    severity: Severity::Warning,
    title: "本年“上年结转”= 上年报告的“结转下年度继续办理”",
    doc: "给出上一年度的报告时，本年表三“二、上年结转政府信息公开申请数量”应逐列等于上年表三“四、结转下年度继续办理”。\
          不一致时应在正文说明原因。",
    basis: "国办公开办函〔2021〕30号附件表三（跨年度衔接）",
    example: "2024 年报告结转下年度 3 件，2025 年报告上年结转却填 0。",
    also: &[],
    from_year: None,
    check: check_x4,
};

pub const X5: Rule = Rule {
    code: RuleCode::X5,
    severity: Severity::Warning,
    title: "现行有效件数与上年报告前后衔接",
    doc: "给出上一年度的报告时，表二第二十条第（一）项的规章和行政规范性文件：\
          本年现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数（修订等情况可能打破，故只作警告）。",
    basis: "国办公开办函〔2021〕30号附件表二（跨年度衔接）",
    example: "上年现行有效 5 件，本年制发 3 件、废止 0 件，本年现行有效却填 10 件。",
    also: &[],
    from_year: None,
    check: check_x5,
};

/// Split from X5 (which checked both): one finding, one title.
pub const X11: Rule = Rule {
    code: RuleCode::X11,
    severity: Severity::Warning,
    title: "无规章制定权的机关“规章”栏应为 0",
    doc: "规章只有国务院部门、省级和设区的市级人民政府可以制定，县级及以下人民政府、乡镇街道和地方政府部门的表二“规章”栏应为 0；\
          它们发布的文件应计入“行政规范性文件”。",
    basis: "《中华人民共和国立法法》关于规章制定权的规定；国办公开办函〔2021〕30号附件表二",
    example: "某区人民政府表二“规章”本年制发 2 件。",
    also: &[],
    from_year: None,
    check: check_x11,
};

fn check_x4(context: &Context, findings: &mut Vec<Finding>) {
    let (report, Some(previous)) = (context.report, context.previous) else { return };
    if let (Some(year), Some(last)) = (report.meta.year, previous.meta.year) {
        if last + 1 != year {
            findings.push(
                Finding::new(
                    RuleCode::X4,
                    Severity::Warning,
                    format!("作为上年报告给出的是 {last} 年度的报告，而本报告是 {year} 年度，不能做跨年度核对。请给出 {} 年度的报告。", year - 1),
                )
                .cells([MetaField::Year])
                .expected(year - 1)
                .actual(last),
            );
            return;
        }
    }
    let differing: Vec<usize> = (0..REQUEST_COLUMNS.len())
        .filter(|&c| {
            let now = report.value(request_cell(row::CARRIED_OVER, c));
            let then = previous.value(request_cell(row::CARRIED_FORWARD, c));
            !(now.is_blank() && then.is_blank()) && now.number_or_zero() != then.number_or_zero()
        })
        .collect();
    if differing.is_empty() {
        return;
    }
    let total = REQUEST_COLUMNS.len() - 1;
    let shown = if differing.contains(&total) { total } else { differing[0] };
    let now = report.number(request_cell(row::CARRIED_OVER, shown));
    let then = previous.number(request_cell(row::CARRIED_FORWARD, shown));
    let columns: Vec<&str> = differing.iter().map(|&c| REQUEST_COLUMNS[c].1).collect();
    findings.push(
        Finding::new(
            RuleCode::X4,
            Severity::Warning,
            format!(
                "本年“上年结转”与上年报告的“结转下年度继续办理”不一致（{}列）：如「{}」列本年为 {}，上年结转下年度为 {}。请核对，或在正文说明原因。",
                columns.join("、"),
                REQUEST_COLUMNS[shown].1,
                now,
                then
            ),
        )
        .cells(differing.iter().map(|&c| request_cell(row::CARRIED_OVER, c)))
        .expected(then)
        .actual(now),
    );
}

fn check_x5(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    if let Some(previous) = context.previous {
        for (issued, repealed, in_force, name) in [
            (active::RULES_ISSUED, active::RULES_REPEALED, active::RULES_IN_FORCE, "规章"),
            (active::NORMATIVE_ISSUED, active::NORMATIVE_REPEALED, active::NORMATIVE_IN_FORCE, "行政规范性文件"),
        ] {
            continuity(report, previous, [issued, repealed, in_force], name, findings);
        }
    }
}

fn check_x11(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let rules: Vec<CellId> = [active::RULES_ISSUED, active::RULES_IN_FORCE]
        .into_iter()
        .filter(|&id| report.number(id) > Default::default())
        .collect();
    if !rules.is_empty() && lacks_rule_making_power(report) {
        findings.push(
            Finding::new(
                RuleCode::X11,
                Severity::Warning,
                format!(
                    "{}是{}，一般没有规章制定权，但表二“规章”栏填了数字（{}）。规章只能由国务院部门、省级和设区的市级人民政府制定；本机关发布的文件应计入“行政规范性文件”。请核对。",
                    display_organ(report),
                    report.meta.organ_kind.map(OrganKind::label).unwrap_or("县级或以下机关"),
                    rules.iter().map(|&id| format!("{}为 {}", id.label(), report.number(id))).collect::<Vec<_>>().join("，")
                ),
            )
            .cells(rules.iter().copied())
            .expected(0)
            .actual(report.number(rules[0])),
        );
    }
}

fn continuity(
    report: &Report,
    previous: &Report,
    [issued, repealed, in_force]: [CellId; 3],
    name: &str,
    findings: &mut Vec<Finding>,
) {
    if [issued, repealed, in_force].iter().any(|&id| report.value(id).is_blank()) || previous.value(in_force).is_blank()
    {
        return;
    }
    let expected = previous.number(in_force) + report.number(issued) - report.number(repealed);
    let actual = report.number(in_force);
    if expected != actual {
        findings.push(
            Finding::new(
                RuleCode::X5,
                Severity::Warning,
                format!(
                    "{name}现行有效件数不衔接：上年现行有效 {} + 本年制发 {} − 本年废止 {} = {}，本年现行有效却为 {}。如有修订、清理等原因，请在正文说明；否则请核对。",
                    previous.number(in_force),
                    report.number(issued),
                    report.number(repealed),
                    expected,
                    actual
                ),
            )
            .cells([in_force, issued, repealed])
            .expected(expected)
            .actual(actual),
        );
    }
}

/// Townships, county-level governments and local departments: only
/// 国务院部门, provincial governments and those of 设区的市 make 规章.
fn lacks_rule_making_power(report: &Report) -> bool {
    let organ = report.meta.organ.replace("自治区", "省").replace("自治州", "州");
    match report.meta.organ_kind {
        Some(OrganKind::Township) => true,
        Some(OrganKind::Government) => ["县", "旗", "乡", "镇", "街道", "区人民政府"].iter().any(|w| organ.contains(w)),
        Some(OrganKind::Department) => {
            let national = ["国家", "中华人民共和国", "国务院"].iter().any(|p| organ.starts_with(p))
                || !["省", "市", "县", "区", "州", "盟", "旗"].iter().any(|w| organ.contains(w));
            !national
        }
        _ => false,
    }
}

fn display_organ(report: &Report) -> String {
    if report.meta.organ.is_empty() {
        "本机关".to_string()
    } else {
        format!("“{}”", report.meta.organ)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::rules::testing::filled;
    use crate::rules::{run, CheckOptions};
    use rust_decimal::Decimal;

    fn n(v: i64) -> Value {
        Value::Number(Decimal::from(v))
    }

    fn x(report: &Report, previous: &Report) -> Vec<crate::Finding> {
        run(report, &CheckOptions::with_previous(Some(previous)))
            .into_iter()
            .filter(|f| f.rule.as_str().starts_with('X'))
            .collect()
    }

    #[test]
    fn x4_carried_over_against_last_year() {
        let mut last = filled();
        last.meta.year = Some(2024);
        let mut this = filled();
        this.meta.year = Some(2025);
        assert!(x(&this, &last).is_empty());
        last.set(request_cell(row::CARRIED_FORWARD, 0), n(3));
        last.set(request_cell(row::CARRIED_FORWARD, 6), n(3));
        let f = x(&this, &last);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "X4");
        assert_eq!(f[0].cells, ["requests.carried_over.natural_person", "requests.carried_over.total"]);
        assert_eq!(f[0].expected.as_deref(), Some("3"));
        last.meta.year = Some(2022);
        assert!(x(&this, &last)[0].message.contains("不能做跨年度核对"));
    }

    #[test]
    fn x5_in_force_continuity() {
        let mut last = filled();
        last.set(active::NORMATIVE_IN_FORCE, n(5));
        let mut this = filled();
        this.set(active::NORMATIVE_ISSUED, n(3));
        this.set(active::NORMATIVE_IN_FORCE, n(8));
        assert!(x(&this, &last).is_empty());
        this.set(active::NORMATIVE_IN_FORCE, n(10));
        let f = x(&this, &last);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("8"));
    }

    #[test]
    fn x11_rules_need_rule_making_power() {
        let mut r = filled();
        r.meta.organ = "红寺堡区人民政府".into();
        r.meta.organ_kind = Some(OrganKind::Government);
        r.set(active::RULES_ISSUED, n(2));
        let f: Vec<_> = run(&r, &Default::default()).into_iter().filter(|f| f.rule == RuleCode::X11).collect();
        assert_eq!(f.len(), 1);
        r.meta.organ = "淮安市人民政府".into();
        assert!(run(&r, &Default::default()).iter().all(|f| f.rule != RuleCode::X11));
        r.meta.organ = "宁夏回族自治区人民政府".into();
        assert!(run(&r, &Default::default()).iter().all(|f| f.rule != RuleCode::X11));
        r.meta.organ_kind = Some(OrganKind::Department);
        r.meta.organ = "淮安市住房和城乡建设局".into();
        assert!(run(&r, &Default::default()).iter().any(|f| f.rule == RuleCode::X11));
        r.meta.organ = "教育部".into();
        assert!(run(&r, &Default::default()).iter().all(|f| f.rule != RuleCode::X11));
    }
}
