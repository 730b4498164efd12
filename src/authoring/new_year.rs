//! This year's report started from last year's (issue 19 point 1).
//!
//! Staff write a report by copying last year's Word file and editing it;
//! what they miss makes the cross-year defects: a preamble naming last
//! year, 上年结转 that is not last year's 结转下年度 (X4), 现行有效 that
//! does not follow from last year's (X5), last year's prose left in place
//! (X9). Here the new draft takes from last year only what carries over by
//! definition; every other figure is left empty (not 0: a 0 would look
//! filled in), and last year's text is kept beside the draft as a
//! reference, with the sentences that must change marked, never inside it.

use crate::layout::{active, request_cell, request_row as row, CellId, REQUEST_COLUMNS};
use crate::model::{Report, SectionKey, Value};
use rust_decimal::Decimal;

/// The new year's draft, and what the author needs beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct NewYear {
    /// The draft: the next year, the carried-over requests, empty elsewhere.
    pub report: Report,
    /// The year of last year's report, when it said.
    pub last_year: Option<i32>,
    /// 现行有效 of 规章 and 行政规范性文件: last year's figure, the base of
    /// this year's (上年 + 本年制发 − 本年废止).
    pub in_force: Vec<InForceBase>,
    /// Last year's text, section by section, cut into sentences.
    pub references: Vec<Reference>,
}

impl NewYear {
    /// `nianbao new-year`'s notes beside the draft: the years, what carried
    /// over, how 现行有效 follows on, and last year's sentences to rewrite.
    pub fn notes(&self) -> String {
        let mut notes = match (self.last_year, self.report.meta.year) {
            (Some(last), Some(year)) => {
                format!("上年报告为 {last} 年度；草稿为 {year} 年度，统计期限 {year}年1月1日至12月31日。\n")
            }
            _ => "上年报告没有写明年度：请在草稿中填写统计年度。\n".to_string(),
        };
        notes += "上年结转 = 上年报告的结转下年度继续办理（逐列）；其余数字留空待填。\n";
        for base in &self.in_force {
            notes += &format!("{}：上年 {} + 本年制发 − 本年废止\n", base.in_force.label(), base.last_year);
        }
        for reference in &self.references {
            let marked: Vec<_> = reference.sentences.iter().filter(|s| !s.changes.is_empty()).collect();
            if marked.is_empty() {
                continue;
            }
            notes += &format!("【{}】上年正文中须改写的句子 {} 句：\n", reference.section.label(), marked.len());
            for sentence in marked {
                let why: Vec<String> = sentence.changes.iter().map(|c| c.label()).collect();
                notes += &format!("  · {}（{}）\n", sentence.text.trim(), why.join("；"));
            }
        }
        notes
    }
}

/// Last year's 现行有效 and the cells this year's follows from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InForceBase {
    pub in_force: CellId,
    pub issued: CellId,
    pub repealed: CellId,
    pub last_year: Decimal,
}

impl InForceBase {
    /// This year's 现行有效 when both of this year's figures are filled.
    pub fn expected(&self, report: &Report) -> Option<Decimal> {
        match (report.value(self.issued), report.value(self.repealed)) {
            (Value::Number(issued), Value::Number(repealed)) => Some(self.last_year + issued - repealed),
            _ => None,
        }
    }
}

/// One section of last year's report, for reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub section: SectionKey,
    /// The sentences in order; together they are the section's text.
    pub sentences: Vec<Marked>,
}

/// A sentence of last year's text and why it must change this year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marked {
    pub text: String,
    pub changes: Vec<Change>,
}

/// Why a sentence of last year's cannot stand in this year's report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// It names a year (“2024年”): this year's report is of the next.
    Year(i32),
    /// It quotes figures of last year (the first one found).
    Figure(String),
    /// 五: last year's problems and plans; this year's report must say how
    /// they were addressed (上年度问题整改情况).
    LastYearsProblems,
}

impl Change {
    /// `year`, `figure` or `problems`, for programs (the page's marks).
    pub fn key(&self) -> &'static str {
        match self {
            Change::Year(_) => "year",
            Change::Figure(_) => "figure",
            Change::LastYearsProblems => "problems",
        }
    }

    /// What the author reads beside the sentence.
    pub fn label(&self) -> String {
        match self {
            Change::Year(y) => format!("写有年份 {y}：今年的报告应写本年度"),
            Change::Figure(f) => format!("写有上年的数字（{f}）：按今年的表格和实际重写"),
            Change::LastYearsProblems => "上年的问题和改进措施：今年应写明这些问题的整改情况".to_string(),
        }
    }
}

/// The draft of the year after `last`'s.
pub fn new_year(last: &Report) -> NewYear {
    let mut report = Report::new();
    let meta = &mut report.meta;
    meta.organ = last.meta.organ.clone();
    meta.organ_kind = last.meta.organ_kind;
    meta.year = last.meta.year.map(|y| y + 1).filter(|y| crate::model::REPORT_YEARS.contains(y));
    // A title naming last year becomes this year's; any other is left for
    // the author (the check supplies the standard one).
    meta.title = match (last.meta.title.as_deref(), last.meta.year) {
        (Some(title), Some(year)) if title.contains(&year.to_string()) => {
            Some(title.replace(&year.to_string(), &(year + 1).to_string()))
        }
        _ => None,
    };
    if let Some(year) = report.meta.year {
        report.sections.preamble = Some(preamble(year));
    }
    // Blank or text reads as 0, as in last year's arithmetic (and X4).
    for column in 0..REQUEST_COLUMNS.len() {
        let carried = last.value(request_cell(row::CARRIED_FORWARD, column)).number_or_zero();
        report.set(request_cell(row::CARRIED_OVER, column), Value::Number(carried));
    }
    let in_force = [
        (active::RULES_IN_FORCE, active::RULES_ISSUED, active::RULES_REPEALED),
        (active::NORMATIVE_IN_FORCE, active::NORMATIVE_ISSUED, active::NORMATIVE_REPEALED),
    ]
    .into_iter()
    .filter_map(|(in_force, issued, repealed)| match last.value(in_force) {
        Value::Number(n) => Some(InForceBase { in_force, issued, repealed, last_year: *n }),
        _ => None,
    })
    .collect();
    let references = SectionKey::ALL
        .into_iter()
        .filter_map(|section| {
            let text = last.sections.get(section)?;
            (!text.trim().is_empty()).then(|| Reference { section, sentences: marked(section, text) })
        })
        .collect();
    NewYear { report, last_year: last.meta.year, in_force, references }
}

/// The standard preamble with the year's 统计期限.
fn preamble(year: i32) -> String {
    format!(
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室\
         关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。\
         本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    )
}

/// Where a sentence ends: its mark, or a line break.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n')
}

/// Words of 五 that state a problem or a plan to address it.
const PROBLEMS_AND_PLANS: [&str; 8] = ["问题", "不足", "下一步", "计划", "将进一步", "改进", "整改", "加强"];

/// `text` cut into sentences (the pieces together are `text`), each with
/// the changes it needs.
fn marked(section: SectionKey, text: &str) -> Vec<Marked> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        if ends_sentence(c) {
            let end = at + c.len_utf8();
            sentences.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        sentences.push(&text[start..]);
    }
    sentences
        .into_iter()
        .map(|s| {
            let mut changes = changes(s);
            if section == SectionKey::Problems && PROBLEMS_AND_PLANS.iter().any(|w| s.contains(w)) {
                changes.push(Change::LastYearsProblems);
            }
            Marked { text: s.to_string(), changes }
        })
        .collect()
}

/// The years and figures a sentence states. A number followed by 年 is a
/// year; one in 〔〕, followed by 号 or after 第 names a document or an
/// article, which does not change from year to year.
fn changes(sentence: &str) -> Vec<Change> {
    let chars: Vec<char> = sentence.chars().collect();
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut years = Vec::new();
    let mut figure = None;
    let mut i = 0;
    while i < chars.len() {
        if !digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (digit(chars[i]) || (chars[i] == '.' && i + 1 < chars.len() && digit(chars[i + 1]))) {
            i += 1;
        }
        let number: String = chars[start..i]
            .iter()
            .map(|&c| if c.is_ascii() { c } else { char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c) })
            .collect();
        let after = chars[i..].iter().find(|c| **c != ' ').copied();
        let before = start.checked_sub(1).map(|b| chars[b]);
        // A month or day goes with its year, marked already.
        if matches!(before, Some('〔' | '第')) || matches!(after, Some('〕' | '号' | '月' | '日')) {
            continue;
        }
        // 12345: the national 政务服务便民热线, not a figure.
        if number == "12345" {
            continue;
        }
        let year = number.parse::<i32>().ok().filter(|y| after == Some('年') && (1990..=2100).contains(y));
        match year {
            Some(year) if !years.contains(&year) => years.push(year),
            Some(_) => {}
            None if figure.is_none() => figure = Some(chars[start..i].iter().collect::<String>()),
            None => {}
        }
    }
    let mut out: Vec<Change> = years.into_iter().map(Change::Year).collect();
    out.extend(figure.map(Change::Figure));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::synthetic;
    use crate::finding::RuleCode;
    use crate::layout::REQUEST_TOTAL_COLUMN;
    use crate::rules::CheckOptions;

    fn sample() -> Report {
        crate::import(include_bytes!("../../tests/fixtures/hongsibao-2025.json"), Some("a.json")).unwrap().report
    }

    #[test]
    fn the_next_year_with_what_carries_over_and_nothing_else() {
        let mut last = sample();
        last.set(request_cell(row::CARRIED_FORWARD, 0), Value::Number(3.into()));
        last.set(request_cell(row::CARRIED_FORWARD, REQUEST_TOTAL_COLUMN), Value::Number(3.into()));
        let next = new_year(&last);
        let r = &next.report;
        assert_eq!(r.meta.year, Some(2026));
        assert_eq!(r.meta.organ, "红寺堡区人民政府");
        assert_eq!(r.meta.title.as_deref(), Some("红寺堡区 2026 年政府信息公开工作年度报告"));
        assert_eq!(r.meta.published_on, None);
        assert!(r.sections.preamble.as_deref().unwrap().contains("自2026年1月1日起至2026年12月31日止"));
        assert_eq!(r.sections.overview, None);
        assert_eq!(r.number(request_cell(row::CARRIED_OVER, 0)), Decimal::from(3));
        assert_eq!(r.number(request_cell(row::CARRIED_OVER, REQUEST_TOTAL_COLUMN)), Decimal::from(3));
        assert_eq!(r.value(request_cell(row::CARRIED_OVER, 1)), &Value::Number(0.into()), "last year's 0 carries");
        let carried = |c: CellId| crate::layout::request_position(c).map(|p| p.0) == Some(row::CARRIED_OVER);
        let filled: Vec<CellId> =
            crate::layout::all_cells().filter(|&c| !r.value(c).is_blank() && !carried(c)).collect();
        assert!(filled.is_empty(), "every other figure empty, not 0: {filled:?}");
        let normative = next.in_force.iter().find(|b| b.in_force == active::NORMATIVE_IN_FORCE).unwrap();
        assert_eq!(normative.last_year, Decimal::from(27));
        assert_eq!(normative.expected(r), None);
    }

    #[test]
    fn last_years_text_is_a_reference_with_the_sentences_to_change() {
        let next = new_year(&sample());
        assert!(next.references.iter().any(|r| r.section == SectionKey::Overview));
        for reference in &next.references {
            let text: String = reference.sentences.iter().map(|s| s.text.as_str()).collect();
            assert_eq!(Some(text.as_str()), sample().sections.get(reference.section), "nothing lost");
        }
        let overview = &next.references.iter().find(|r| r.section == SectionKey::Overview).unwrap().sentences;
        let first = overview.iter().find(|s| s.text.contains("主动公开政府信息 6767 条")).unwrap();
        assert_eq!(first.changes, [Change::Year(2025), Change::Figure("6767".into())]);
        let preamble = &next.references.iter().find(|r| r.section == SectionKey::Preamble).unwrap().sentences;
        assert!(preamble[0].text.contains("国办公开办函〔2021〕30号"));
        assert_eq!(
            preamble[0].changes,
            [Change::Year(2025)],
            "the document number is no figure, a date goes with its year"
        );
        let problems = &next.references.iter().find(|r| r.section == SectionKey::Problems).unwrap().sentences;
        assert!(problems.iter().any(|s| s.changes.contains(&Change::LastYearsProblems)));
        assert!(Change::Year(2025).label().contains("2025"));
    }

    /// A report written from last year's, its figures consistent and its
    /// prose this year's own: none of the cross-year findings.
    #[test]
    fn written_from_last_years_no_x4_x5_x9() {
        let mut checked = 0;
        for index in 0..40 {
            let last = synthetic::report(19, index, 2024);
            let next = new_year(&last);
            let mut report = next.report.clone();
            // This year's figures as the author fills them in: the
            // carried-over requests kept, 现行有效 from last year's.
            let this_year = synthetic::report(19, index + 1000, 2025);
            for cell in crate::layout::all_cells() {
                if report.value(cell).is_blank() {
                    report.set(cell, this_year.value(cell).clone());
                }
            }
            for base in &next.in_force {
                if let Some(n) = base.expected(&report) {
                    report.set(base.in_force, Value::Number(n));
                }
            }
            let drafted: String = crate::authoring::sentences::draft(&report).iter().map(|d| d.text()).collect();
            report.sections.overview = Some(format!(
                "本年度，本机关围绕重点工作推进政务公开，完善信息发布审核流程，优化政府网站栏目设置。{drafted}"
            ));
            report.sections.problems = Some("本年度对上年报告提出的政策解读形式单一问题已完成整改，新增图解和视频解读。目前仍存在基层公开人员业务能力不足的问题，下一步将分批组织专题培训，建立以案促学机制。".into());
            report.sections.other = Some("本年度未收取信息处理费。".into());
            let findings = crate::check(&report, &CheckOptions::with_previous(Some(&last)));
            let cross: Vec<_> =
                findings.iter().filter(|f| matches!(f.rule, RuleCode::X4 | RuleCode::X5 | RuleCode::X9)).collect();
            assert!(cross.is_empty(), "report {index}: {cross:#?}");
            checked += 1;
        }
        assert_eq!(checked, 40);
    }
}
