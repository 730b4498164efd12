//! R1: a year other than the report's in what the text says about this
//! year's work — the trace of a report copied from another year.

use super::wording::{excerpt, texts, years, YearAt, READ};
use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::model::SectionKey;

pub const R1: Rule = Rule {
    code: RuleCode::R1,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "正文写本年度工作时年份有误",
    doc: "正文讲本年度工作的句子（如“2023年，共收到政府信息公开申请…”“编制完成2023年度政府信息公开工作年度报告”）\
          应写报告年度。写成别的年份，多半是照搬了上一年或别的年度的报告。\
          回顾上年（上年、上一年度、整改）、比较（较、同比）、起止（以来、截至）、文件名和日期（《…》、2023年12月）、\
          统计期限（由 X6 检查）和第五部分的计划（2026年将…）不算。",
    basis: "国办公开办函〔2021〕30号：发布内容不准确不全面的，追究责任",
    example: "2022 年度报告的导语写“编制完成2023年度政府信息公开工作年度报告”。",
    check: check_r1,
};

/// Words that make a sentence a look-back, a comparison, a span, a period
/// or an evaluation of another year: its years are not this year's work.
const OTHER_YEAR_CONTEXT: &[&str] = &[
    "上年",
    "上一年",
    "去年",
    "前年",
    "整改",
    "以来",
    "截至",
    "截止",
    "同比",
    "相比",
    "较",
    "比上",
    "统计期限",
    "统计时限",
    "统计数据",
    "1月1日",
    "考核",
    "评估",
    "评议",
    "测评",
    "排名",
    "获评",
    "获得",
    "荣获",
    "被评为",
];

/// Words of a plan (a next year's year is then right).
const PLAN: &[&str] = &["将", "计划", "拟", "下一步", "明年", "下年", "下一年", "要点", "打算"];

/// Who may stand before the year at the start of a clause.
const SUBJECTS: &[&str] = &[
    "本单位",
    "我单位",
    "本机关",
    "本局",
    "我局",
    "我委",
    "本委",
    "我办",
    "本办",
    "我区",
    "全区",
    "我县",
    "全县",
    "我市",
    "全市",
    "我镇",
    "全镇",
    "我乡",
    "全乡",
    "本街道",
    "我街道",
    "在",
    "于",
    "今年",
];

/// Verbs of the year's statistics: a clause that opens with a year and
/// goes on with one of these states this year's figures.
const WORK: &[&str] = &[
    "收到",
    "受理",
    "办理",
    "办结",
    "答复",
    "主动公开",
    "公开",
    "发布",
    "制发",
    "印发",
    "新增",
    "收取",
    "共",
    "累计",
    "全年",
    "编制",
    "制作",
    "获取",
];

/// The report's own kind of title, naming the year it covers.
const REPORT_NAME: &[&str] = &["年度报告", "工作报告"];

/// One phrase in the wrong year.
struct WrongYear<'t> {
    section: SectionKey,
    year: i32,
    clause: &'t str,
}

fn check_r1(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let Some(year) = report.meta.year else { return };
    let mut wrong: Vec<WrongYear> = Vec::new();
    for (section, text) in texts(report, &READ) {
        // Most texts name no other year at all: one pass decides.
        if years(text).iter().all(|y| y.year == year) {
            continue;
        }
        for sentence in context.ends(section).sentences(text) {
            if OTHER_YEAR_CONTEXT.iter().any(|w| sentence.contains(w)) {
                continue;
            }
            for at in years(sentence).into_iter().filter(|y| y.year != year) {
                if states_this_years_work(section, sentence, at, year) {
                    wrong.push(WrongYear { section, year: at.year, clause: sentence });
                }
            }
        }
    }
    let Some(first) = wrong.first() else { return };
    let mut sections: Vec<SectionKey> = wrong.iter().map(|w| w.section).collect();
    sections.dedup();
    let quoted: Vec<String> = wrong.iter().take(3).map(|w| format!("“{}”", excerpt(w.clause))).collect();
    let more = if wrong.len() > 3 { format!("等 {} 处", wrong.len()) } else { String::new() };
    findings.push(
        Finding::new(
            RuleCode::R1,
            Severity::Warning,
            format!(
                "本报告是 {year} 年度的，正文讲本年度工作时却写了 {} 年：{}{more}（{}）。可能照搬了其他年度的报告，请改为 {year} 年并核对相关数字。",
                first.year,
                quoted.join("、"),
                first.section.label()
            ),
        )
        .cells(sections)
        .expected(format!("{year}年"))
        .actual(format!("{}年", first.year)),
    );
}

/// Whether the year `at` in `clause` dates this year's work: a clause that
/// opens with it and states figures, or the name of this very report.
fn states_this_years_work(section: SectionKey, sentence: &str, at: YearAt, year: i32) -> bool {
    let after = &sentence[at.end..];
    let after = after.trim_start_matches([' ', '\u{3000}']).trim_start_matches('年').trim_start_matches('度');
    // A date (2023年12月…) or a span (2019年起、以来) dates something else.
    if after.starts_with(|c: char| super::wording::is_digit(c) || "一二三四五六七八九十".contains(c))
        || ["起", "以来", "至", "开始", "底", "末"].iter().any(|w| after.starts_with(w))
    {
        return false;
    }
    // A name in quotes or book-title marks (a document, a campaign).
    let before = &sentence[..at.start];
    if before.matches(['《', '“', '「']).count() > before.matches(['》', '”', '」']).count() {
        return false;
    }
    if at.year == year + 1 && (section == SectionKey::Problems || PLAN.iter().any(|w| sentence.contains(w))) {
        return false;
    }
    let names_report = REPORT_NAME.iter().any(|n| after.chars().take(24).collect::<String>().contains(n));
    if names_report {
        return section != SectionKey::Problems;
    }
    // The clause's words before the year.
    let lead = before.rsplit(['，', ',', '：', ':']).next().unwrap_or("");
    let lead = lead.trim_matches([' ', '\u{3000}', '*', '（', '）']);
    let opens = lead.is_empty() || SUBJECTS.iter().any(|s| lead.ends_with(s) && lead.chars().count() <= 6);
    let window: String = after.chars().take(30).collect();
    opens && section != SectionKey::Problems && WORK.iter().any(|w| window.contains(w))
}

#[cfg(test)]
mod tests {
    use crate::model::Report;
    use crate::rules::testing::{filled, findings_of};

    fn report(year: i32, overview: &str) -> Report {
        let mut r = filled();
        r.meta.year = Some(year);
        r.sections.overview = Some(overview.into());
        r
    }

    #[test]
    fn flags_this_years_work_in_another_year() {
        let f = findings_of(&report(2024, "（二）依申请公开情况。2023年，共收到政府信息公开申请3件。"), "R1");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].expected.as_deref(), f[0].actual.as_deref()), (Some("2024年"), Some("2023年")));
        let mut r = report(2022, "工作有序。");
        r.sections.preamble = Some("我局编制完成2023年度政府信息公开工作年度报告。".into());
        assert_eq!(findings_of(&r, "R1")[0].cells, ["sections.preamble"]);
        let mut r = report(2023, "工作有序。");
        r.sections.requests_note = Some("本单位2022年度共收到申请0件。".into());
        assert_eq!(findings_of(&r, "R1").len(), 1);
        let mut r = report(2025, "工作有序。");
        r.sections.active_note = Some("2024年制作、获取政府信息总数467条。".into());
        assert_eq!(findings_of(&r, "R1").len(), 1, "the year of an old statistic too");
    }

    #[test]
    fn other_years_that_belong_there() {
        for text in [
            "2024年，共收到政府信息公开申请3件。",
            "较2023年增长10%。2023年以来，累计公开信息5000条。",
            "印发《2023年政务公开工作要点》，2023年12月发布公告。",
            "在2023年度政务公开考核中获评优秀。",
            "上年度年报所列问题已整改，2023年共收到的意见均已办结。",
            "本报告统计期限为2024年1月1日至12月31日。",
            "2025年，将继续深化公开。",
        ] {
            assert!(findings_of(&report(2024, text), "R1").is_empty(), "{text}");
        }
        let mut r = report(2024, "工作有序。");
        r.sections.problems = Some("2025年我们将切实抓好以下工作。2023年，工作取得成效。".into());
        assert!(findings_of(&r, "R1").is_empty());
    }
}
