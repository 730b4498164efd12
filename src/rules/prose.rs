//! X1, X2, X3, X7: the prose against the tables and the notice.

use super::scan::{Cuts, Ends, Words};
use super::wording::{digit_value, excerpt, is_digit};
use super::{Context, Rule};
use crate::bytes::has;
use crate::finding::{Finding, Location, RuleCode, Severity};
use crate::layout::{
    active, request_cell, request_row as row, review_cell, CellId, REQUEST_TOTAL_COLUMN, REVIEW_TOTAL_COLUMN,
};
use crate::model::{OrganKind, Report, SectionKey};
use rust_decimal::Decimal;
use std::sync::LazyLock;

pub const X1: Rule = Rule {
    code: RuleCode::X1,
    severity: Severity::Warning,
    title: "“一、总体情况”中的数字与表格一致",
    doc: "总体情况里写到的申请件数、上年结转、办结、结转下年度、新制发行政规范性文件件数，\
          以及“无行政复议/行政诉讼”之类的说法，应与表二、表三、表四一致。\
          如正文只统计了本机关本级等较窄范围，应写明口径。",
    basis: "国办公开办函〔2021〕30号：发布内容不准确不全面的，追究责任",
    example: "正文称“无因依申请公开引发的行政复议案件”，表四行政复议却有 2 件。",
    also: &[],
    from_year: None,
    check: check_x1,
};

pub const X2: Rule = Rule {
    code: RuleCode::X2,
    severity: Severity::Warning,
    title: "有“逾期未缴费”的申请时，第六部分应报告信息处理费",
    doc: "表三“申请人逾期未按收费通知要求缴纳费用”大于 0，说明本年发出过收费通知；\
          第六部分应报告收费通知的件数、金额和实际收取的信息处理费。",
    basis: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    example: "表三逾期未缴费 2 件，第六部分却只写“无”。",
    also: &[],
    from_year: Some(crate::rules::format_2019::FIRST_YEAR_2021),
    check: check_x2,
};

pub const X3: Rule = Rule {
    code: RuleCode::X3,
    severity: Severity::Warning,
    title: "第六部分应报告信息处理费的收取情况",
    doc: "按通行做法，“六、其他需要报告的事项”应写明本年度信息处理费的收取情况，没有收取的写“未收取信息处理费”。\
          信息处理费自《政府信息公开信息处理费管理办法》（2020 年 11 月）施行起收取，本规则只检查 2021 年度起的报告。",
    basis: "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；国办公开办函〔2021〕30号",
    example: "第六部分只写了政务公开工作要点落实情况，未提信息处理费。",
    also: &[],
    from_year: Some(crate::rules::format_2019::FIRST_YEAR_2021),
    check: check_x3,
};

pub const X7: Rule = Rule {
    code: RuleCode::X7,
    severity: Severity::Warning,
    title: "人民政府的年报应写考核、社会评议和责任追究情况",
    doc: "条例第五十条第四项：各级人民政府的年报应包括政府信息公开工作考核、社会评议和责任追究结果情况，\
          通常写在“一、总体情况（五）监督保障”中。政府部门不要求。",
    basis: "《中华人民共和国政府信息公开条例》第五十条",
    example: "某县人民政府年报的总体情况和第五部分都没有提到考核、社会评议或责任追究。",
    also: &[],
    from_year: None,
    check: check_x7,
};

pub const X8: Rule = Rule {
    code: RuleCode::X8,
    severity: Severity::Info,
    title: "第五部分应写改进情况（或上年问题的整改情况）",
    doc: "“五、存在的主要问题及改进情况”按标题应写两样：存在的问题，以及改进情况——下一步的改进措施，或上一年度年报所列问题的整改情况。\
          第五部分只列了问题，完全没有写改进、整改或下一步措施时给出提示。",
    basis: "国办公开办函〔2021〕30号（第五部分标题“存在的主要问题及改进情况”）",
    example: "第五部分只写了“政策解读形式单一，政务新媒体更新不及时”，没有写怎么改。",
    also: &[],
    from_year: None,
    check: check_x8,
};

/// Words that show §5 says how the problems are (or were) being fixed:
/// next year's measures or the rectification of last year's problems.
const IMPROVES: &[&str] = &[
    "改进",
    "整改",
    "改正",
    "下一步",
    "下步",
    "下阶段",
    "措施",
    "针对",
    "将进一步",
    "将继续",
    "将加强",
    "上年",
    "上一年",
    "去年",
];

fn check_x8(context: &Context, findings: &mut Vec<Finding>) {
    let Some(problems) = context.report.sections.problems.as_deref() else { return };
    static WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(IMPROVES));
    if !problems.trim().is_empty() && !WORDS.any_in(problems) {
        findings.push(
            Finding::new(
                RuleCode::X8,
                Severity::Info,
                "「五、存在的主要问题及改进情况」只写了存在的问题，没有写改进情况（下一步措施，或上一年度所列问题的整改情况）。建议补充。",
            )
            .cells([SectionKey::Problems]),
        );
    }
}

/// A figure the overview may state, and the cell it must equal.
struct Stated {
    what: &'static str,
    cells: &'static [fn() -> CellId],
    /// Words that introduce the figure.
    anchors: &'static [&'static str],
    /// Words that must come between anchor and figure.
    require: &'static [&'static str],
    /// Words that, between anchor and figure, mean it is another figure.
    forbid: &'static [&'static str],
    /// How many characters may separate anchor and figure.
    gap: usize,
}

const STATED: &[Stated] = &[
    Stated {
        what: "收到政府信息公开申请",
        cells: &[|| request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN)],
        anchors: &["收到", "新收", "接收", "受理"],
        require: &["申请"],
        forbid: &["结转", "办结", "答复", "信箱", "事项", "咨询", "其中", "留言"],
        gap: 30,
    },
    Stated {
        what: "上年结转的申请",
        cells: &[|| request_cell(row::CARRIED_OVER, REQUEST_TOTAL_COLUMN)],
        anchors: &["上年结转", "上年度结转"],
        require: &[],
        forbid: &["其中"],
        gap: 15,
    },
    Stated {
        what: "办结的申请",
        cells: &[|| request_cell(row::RESULTS_TOTAL, REQUEST_TOTAL_COLUMN)],
        anchors: &["办结"],
        require: &[],
        forbid: &["其中", "结转", "%", "率"],
        gap: 15,
    },
    Stated {
        what: "结转下年度继续办理的申请",
        cells: &[|| request_cell(row::CARRIED_FORWARD, REQUEST_TOTAL_COLUMN)],
        anchors: &["结转下年", "结转至下年", "结转到下年", "转入下年"],
        require: &[],
        forbid: &["其中"],
        gap: 15,
    },
    Stated {
        what: "新制发的行政规范性文件",
        cells: &[|| active::NORMATIVE_ISSUED],
        anchors: &[
            "制发行政规范性文件",
            "发布行政规范性文件",
            "印发行政规范性文件",
            "出台行政规范性文件",
            "制定行政规范性文件",
            "制发规范性文件",
            "印发规范性文件",
        ],
        require: &[],
        forbid: &["其中", "现行有效", "废止"],
        gap: 6,
    },
    Stated {
        what: "行政复议案件",
        cells: &[|| review_cell(0, REVIEW_TOTAL_COLUMN)],
        anchors: &["行政复议"],
        require: &[],
        forbid: &["诉讼", "其中"],
        gap: 8,
    },
    Stated {
        what: "行政诉讼案件",
        cells: &[|| review_cell(1, REVIEW_TOTAL_COLUMN), || review_cell(2, REVIEW_TOTAL_COLUMN)],
        anchors: &["行政诉讼"],
        require: &[],
        forbid: &["复议", "其中"],
        gap: 8,
    },
];

fn check_x1(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let Some(overview) = report.sections.overview.as_deref() else { return };
    // One pass over the overview finds every anchor of every figure.
    let found = ANCHORS.words.occurrences(overview);
    let ends = context.ends(SectionKey::Overview);
    let sentences = Cuts::of(overview, ends, false);
    for (n, stated) in STATED.iter().enumerate() {
        let anchored: Vec<(usize, usize)> = found
            .iter()
            .filter(|(word, _)| ANCHORS.of[*word].0 == n)
            .map(|&(word, at)| (ANCHORS.of[word].1, at))
            .collect();
        // Most reports state few of these figures: skip a figure whose
        // words do not occur at all.
        if anchored.is_empty() {
            continue;
        }
        let cells: Vec<CellId> = stated.cells.iter().map(|f| f()).collect();
        // Nothing to compare with, or a cell D1 already reports as not a number.
        if cells.iter().all(|&id| report.value(id).is_blank())
            || cells.iter().any(|&id| matches!(report.value(id), crate::model::Value::Text(_)))
        {
            continue;
        }
        let table: Decimal = cells.iter().map(|&id| report.number(id)).sum();
        let Some((said, sentence)) = first_stated(&sentences, stated, &anchored).filter(|(said, _)| *said != table)
        else {
            continue;
        };
        // A table figure that is itself in error (A1–A4 say what it should
        // be) is compared by its corrected value: prose that already states
        // the right figure is not to be changed.
        let fixes = context.arithmetic();
        let corrected: Decimal = cells
            .iter()
            .map(|&id| fixes.corrections().find(|(cell, _)| *cell == id).map_or(report.number(id), |(_, value)| value))
            .sum();
        if said == corrected {
            continue;
        }
        let in_table = if corrected == table {
            format!("表格中为 {table} 件")
        } else {
            format!("表格中填的 {table} 件本身有误，按明细应为 {corrected} 件")
        };
        let named = cells.iter().map(|id| id.label()).collect::<Vec<_>>().join("、");
        let at =
            std::iter::once(Location::Section(SectionKey::Overview)).chain(cells.iter().map(|&id| Location::Cell(id)));
        findings.push(
            Finding::new(
                RuleCode::X1,
                Severity::Warning,
                format!(
                    "「一、总体情况」称{}{said} 件（“{}”），但{in_table}（{named}）。请统一正文与表格；如正文统计口径不同（如只含本级），请在正文写明。",
                    stated.what,
                    excerpt(sentence),
                ),
            )
            .cells(at)
            .expected(corrected)
            .actual(said),
        );
    }
    denied_cases(report, overview, ends, &found, findings);
}

/// Every anchor of [`STATED`] in one automaton, and which figure and anchor
/// each word is.
struct Anchors {
    words: Words,
    /// Per word: (index in [`STATED`], index in its `anchors`).
    of: Vec<(usize, usize)>,
    texts: Vec<&'static str>,
}

static ANCHORS: LazyLock<Anchors> = LazyLock::new(|| {
    let mut of = Vec::new();
    let mut texts = Vec::new();
    for (n, stated) in STATED.iter().enumerate() {
        for (a, anchor) in stated.anchors.iter().enumerate() {
            of.push((n, a));
            texts.push(*anchor);
        }
    }
    Anchors { words: Words::new(&texts), of, texts }
});

/// "无…行政复议" / "未发生…行政诉讼" while 表四 counts cases.
/// `found`: the anchors in the overview ([`ANCHORS`], which hold both terms).
fn denied_cases(report: &Report, overview: &str, ends: &Ends, found: &[(usize, usize)], findings: &mut Vec<Finding>) {
    let kinds: [(&str, &[usize]); 2] = [("行政复议", &[0]), ("行政诉讼", &[1, 2])];
    let clauses = Cuts::of(overview, ends, true);
    for (term, groups) in kinds {
        let Some(clause) = denying_clause(&clauses, found, term) else { continue };
        let mut cells = Vec::new();
        let mut count = Decimal::ZERO;
        for &g in groups {
            let total = report.number(review_cell(g, REVIEW_TOTAL_COLUMN));
            let parts: Decimal = (0..REVIEW_TOTAL_COLUMN).map(|c| report.number(review_cell(g, c))).sum();
            count += total.max(parts);
            cells.push(review_cell(g, REVIEW_TOTAL_COLUMN));
            cells
                .extend((0..REVIEW_TOTAL_COLUMN).map(|c| review_cell(g, c)).filter(|&id| !report.number(id).is_zero()));
        }
        if count.is_zero() {
            continue;
        }
        findings.push(
            Finding::new(
                RuleCode::X1,
                Severity::Warning,
                format!(
                    "「一、总体情况」称没有{term}案件（“{}”），但表四{term}共有 {count} 件。请核对后统一正文与表四。",
                    excerpt(clause)
                ),
            )
            .cells(
                std::iter::once(Location::Section(SectionKey::Overview))
                    .chain(cells.iter().map(|&id| Location::Cell(id))),
            )
            .expected(count)
            .actual("0（正文称无）"),
        );
    }
}

/// The first clause that says there was no case of `term`: only the
/// clauses holding the term (`found` in the overview) can.
fn denying_clause<'t>(clauses: &Cuts<'t>, found: &[(usize, usize)], term: &str) -> Option<&'t str> {
    let mut at: Vec<usize> = found.iter().filter(|(word, _)| ANCHORS.texts[*word] == term).map(|&(_, at)| at).collect();
    at.sort_unstable();
    at.into_iter().map(|at| clauses.piece_at(at).2).find(|c| denies(c, term))
}

/// Whether a clause says there was no case of `term`.
fn denies(clause: &str, term: &str) -> bool {
    let Some(at) = clause.find(term) else { return false };
    let before = &clause[..at];
    let negated = ["无", "未发生", "未出现", "没有", "未收到", "未引发", "未被", "零"].iter().any(|n| {
        before.match_indices(n).any(|(i, _)| !before[i..].starts_with("无法") && !before[i..].starts_with("无正当"))
    });
    negated && !clause.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// The first figure stated as `stated` describes, with its sentence:
/// sentence by sentence, in each the anchors in their order, each where it
/// occurs. `anchored`: (index in `stated.anchors`, byte offset) of each
/// anchor found in the text `sentences` cuts.
fn first_stated<'t>(sentences: &Cuts<'t>, stated: &Stated, anchored: &[(usize, usize)]) -> Option<(Decimal, &'t str)> {
    let mut tries: Vec<(usize, usize, usize, usize, &str)> = anchored
        .iter()
        .map(|&(anchor, at)| {
            let (n, start, sentence) = sentences.piece_at(at);
            (n, anchor, at - start, start, sentence)
        })
        .collect();
    tries.sort_unstable_by_key(|&(n, anchor, at, _, _)| (n, anchor, at));
    for (_, anchor, at, _, sentence) in tries {
        let rest = &sentence[at + stated.anchors[anchor].len()..];
        if let Some((between, n)) = figure_after(rest, stated.gap) {
            if stated.require.iter().all(|w| has(between, w)) && !stated.forbid.iter().any(|w| has(between, w)) {
                return Some((n, sentence));
            }
        }
    }
    None
}

/// The first `N件`/`N起` within `gap` characters: the text before it and N.
fn figure_after(text: &str, gap: usize) -> Option<(&str, Decimal)> {
    let mut prev = ' ';
    for (count, (at, c)) in text.char_indices().enumerate() {
        if count > gap {
            return None;
        }
        // “三个一” is the name of a practice, not a count.
        let quoted = matches!(prev, '“' | '"' | '「' | '‘' | '《');
        prev = c;
        if quoted && is_chinese_digit(c) {
            continue;
        }
        if is_digit(c) || is_chinese_digit(c) {
            let (n, len) = number_at(&text[at..])?;
            let after = text[at + len..].trim_start();
            if after.starts_with(['件', '起', '宗', '个']) {
                return Some((&text[..at], n));
            }
            if is_digit(c) {
                return None; // another figure (e.g. a percentage) comes first
            }
        }
    }
    None
}

/// A character of a Chinese numeral (零〇一二两三四五六七八九十百千), tested
/// for each character after an anchor: a match, not a search of a string.
fn is_chinese_digit(c: char) -> bool {
    matches!(c, '零' | '〇' | '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千')
}

/// A whole number at the start of `text` (Arabic, full-width or Chinese
/// numerals, thousands separators allowed) and its length in bytes.
fn number_at(text: &str) -> Option<(Decimal, usize)> {
    let first = text.chars().next()?;
    if is_digit(first) {
        let mut value = Decimal::ZERO;
        let mut len = 0;
        for c in text.chars() {
            if let Some(d) = digit_value(c) {
                value = value.checked_mul(Decimal::TEN)?.checked_add(Decimal::from(d))?;
            } else if c != ',' || !thousands_group(&text[len + 1..]) {
                break;
            }
            len += c.len_utf8();
        }
        return Some((value, len));
    }
    super::wording::chinese_number_at(text).map(|(n, len)| (Decimal::from(n), len))
}

/// Whether `text` starts with exactly three digits (after a thousands comma).
fn thousands_group(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits == 3
}

fn mentions_fee(text: &str) -> bool {
    has(text, "信息处理费")
}

/// 表三's applications dropped for an unpaid fee: fee notices were sent.
fn overdue_fee_cell() -> CellId {
    request_cell(row::OVERDUE_FEE, REQUEST_TOTAL_COLUMN)
}

/// X2's case: fee notices were sent (表三) and 六、 says nothing of fees
/// or notices.
fn fee_notices_unreported(report: &Report) -> bool {
    let other = report.sections.other.as_deref().unwrap_or("");
    report.number(overdue_fee_cell()) > Decimal::ZERO && !mentions_fee(other) && !has(other, "收费通知")
}

fn check_x2(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    if !has_prose(report) || !fee_notices_unreported(report) {
        return;
    }
    let overdue_fee = overdue_fee_cell();
    findings.push(
        Finding::new(
            RuleCode::X2,
            Severity::Warning,
            format!(
                "表三有 {} 件申请因逾期未缴纳信息处理费而不再处理，说明发出过收费通知，但「六、其他需要报告的事项」没有报告信息处理费或收费通知。请补充收费通知件数、金额和实际收取情况。",
                report.number(overdue_fee)
            ),
        )
        .cells([Location::Section(SectionKey::Other), Location::Cell(overdue_fee)]),
    );
}

/// A 六、 without text is S1's (`root_causes` keeps that one finding); one
/// whose silence on fees X2 reports is not reported again.
fn check_x3(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let other = report.sections.other.as_deref().unwrap_or("");
    if !has_prose(report) || mentions_fee(other) || fee_notices_unreported(report) {
        return;
    }
    findings.push(
        Finding::new(
            RuleCode::X3,
            Severity::Warning,
            "「六、其他需要报告的事项」没有提到信息处理费。请写明本年度信息处理费的收取情况（未收取的写“未收取信息处理费”）。",
        )
        .cells([SectionKey::Other]),
    );
}

/// Whether the report has any prose: a tables-only input is not faulted
/// for the prose it does not claim to contain.
fn has_prose(report: &Report) -> bool {
    let s = &report.sections;
    s.overview.is_some() || s.problems.is_some() || s.other.is_some()
}

fn check_x7(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    if report.meta.organ_kind != Some(OrganKind::Government) || !has_prose(report) {
        return;
    }
    static WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(&["考核", "社会评议", "责任追究"]));
    let sections = [SectionKey::Overview, SectionKey::Problems, SectionKey::Other];
    if !sections.iter().filter_map(|&k| report.sections.get(k)).any(|text| WORDS.any_in(text)) {
        findings.push(
            Finding::new(
                RuleCode::X7,
                Severity::Warning,
                "本报告是人民政府的年报，但没有提到政府信息公开工作考核、社会评议和责任追究结果情况（条例第五十条）。请在「一、总体情况」的监督保障部分补充。",
            )
            .cells([SectionKey::Overview]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::rules::testing::{filled, findings_of};

    const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '？', '\n'];
    const CLAUSE_ENDS: &[char] = &['。', '；', ';', '！', '？', '\n', '，', ','];

    /// [`first_stated`] and the denied clause as they were: every anchor
    /// searched for in every sentence, every term in every clause.
    fn stated_sentence_by_sentence<'t>(text: &'t str, stated: &Stated) -> Option<(Decimal, &'t str)> {
        for sentence in text.split(SENTENCE_ENDS).filter(|s| !s.trim().is_empty()) {
            for anchor in stated.anchors {
                for (at, _) in sentence.match_indices(anchor) {
                    let rest = &sentence[at + anchor.len()..];
                    if let Some((between, n)) = figure_after(rest, stated.gap) {
                        if stated.require.iter().all(|w| between.contains(w))
                            && !stated.forbid.iter().any(|w| between.contains(w))
                        {
                            return Some((n, sentence));
                        }
                    }
                }
            }
        }
        None
    }

    #[test]
    fn one_scan_finds_what_searching_each_anchor_found() {
        let mut fragments: Vec<&str> = STATED.iter().flat_map(|s| s.anchors.iter().copied()).collect();
        fragments.extend(STATED.iter().flat_map(|s| s.forbid.iter().copied()));
        fragments.extend(["34件", "三个一", "无因依申请公开引发的行政复议", "无法", "100%", "1,234"]);
        let (mut stated_found, mut denied_found) = (0, 0);
        for text in crate::rules::scan::tests::jumbled(&fragments) {
            let found = ANCHORS.words.occurrences(&text);
            let sentences = Cuts::of(&text, &Ends::new(&text), false);
            for (n, stated) in STATED.iter().enumerate() {
                let anchored: Vec<(usize, usize)> = found
                    .iter()
                    .filter(|(word, _)| ANCHORS.of[*word].0 == n)
                    .map(|&(word, at)| (ANCHORS.of[word].1, at))
                    .collect();
                let expected = stated_sentence_by_sentence(&text, stated);
                assert_eq!(first_stated(&sentences, stated, &anchored), expected, "{text}");
                stated_found += usize::from(expected.is_some());
            }
            let clauses = Cuts::of(&text, &Ends::new(&text), true);
            for term in ["行政复议", "行政诉讼"] {
                let expected = text.split(CLAUSE_ENDS).filter(|s| !s.trim().is_empty()).find(|c| denies(c, term));
                assert_eq!(denying_clause(&clauses, &found, term), expected, "{text}");
                denied_found += usize::from(expected.is_some());
            }
        }
        assert!(stated_found > 100 && denied_found > 10, "{stated_found} figures, {denied_found} denials");
    }

    fn with_overview(text: &str) -> Report {
        let mut r = filled();
        r.meta.year = Some(2025);
        r.sections.overview = Some(text.to_string());
        r.sections.other = Some("未收取信息处理费。".to_string());
        r
    }

    #[test]
    fn reads_figures() {
        assert_eq!(number_at("34件"), Some((Decimal::from(34), 2)));
        assert_eq!(number_at("３４件").map(|n| n.0), Some(Decimal::from(34)));
        assert_eq!(number_at("1,234件").map(|n| n.0), Some(Decimal::from(1234)));
        assert_eq!(number_at("十二件").map(|n| n.0), Some(Decimal::from(12)));
        assert_eq!(number_at("二十件").map(|n| n.0), Some(Decimal::from(20)));
        assert_eq!(number_at("一百零五件").map(|n| n.0), Some(Decimal::from(105)));
        assert_eq!(number_at("两件").map(|n| n.0), Some(Decimal::from(2)));
    }

    #[test]
    fn x1_received_matches_or_not() {
        // A consistent table: every received request granted.
        let received = |r: &mut Report, v: i64| {
            for row in [row::NEW_RECEIVED, row::FIRST_RESULT, row::RESULTS_TOTAL] {
                for col in [0, 6] {
                    r.set(request_cell(row, col), Value::Number(Decimal::from(v)));
                }
            }
        };
        let mut r = with_overview("全区共收到政府信息公开申请 34 件，其中区本级受理依申请公开事项 8 项。");
        received(&mut r, 34);
        assert!(findings_of(&r, "X1").is_empty());
        received(&mut r, 30);
        let f = findings_of(&r, "X1");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].cells, ["sections.overview", "requests.new_received.total"]);
        assert_eq!((f[0].expected.as_deref(), f[0].actual.as_deref()), (Some("30"), Some("34")));
    }

    #[test]
    fn x1_compares_with_the_corrected_total() {
        // 本年新收 总计 typed 16 for 15: A1/A3 say "改为 15"; prose saying 15 is right.
        let mut r = with_overview("全年共收到政府信息公开申请 15 件。");
        let n = |v: i64| Value::Number(Decimal::from(v));
        for (row, col, v) in [
            (row::NEW_RECEIVED, 0, 15),
            (row::NEW_RECEIVED, 6, 16),
            (row::FIRST_RESULT, 0, 15),
            (row::FIRST_RESULT, 6, 15),
        ] {
            r.set(request_cell(row, col), n(v));
        }
        r.set(request_cell(row::RESULTS_TOTAL, 0), n(15));
        r.set(request_cell(row::RESULTS_TOTAL, 6), n(15));
        let all = crate::rules::testing::codes(&r);
        assert!(all.contains(&"A1") || all.contains(&"A3"), "{all:?}");
        assert!(findings_of(&r, "X1").is_empty(), "{:#?}", findings_of(&r, "X1"));
        r.sections.overview = Some("全年共收到政府信息公开申请 14 件。".into());
        let f = findings_of(&r, "X1");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].expected.as_deref(), Some("15"), "compared with the corrected value, not the typed 16");
        assert!(f[0].message.contains("按明细应为 15 件"), "{}", f[0].message);
    }

    #[test]
    fn x1_ignores_quoted_names() {
        let r = with_overview("坚持第一时间登记受理、第一时间回复申请的“三个一”工作机制。");
        assert!(findings_of(&r, "X1").is_empty(), "{:?}", findings_of(&r, "X1"));
    }

    #[test]
    fn x1_ignores_other_counts() {
        let r = with_overview("全年受理“区长信箱”125 件，办结率 100%，答复咨询 600 余次。");
        assert!(findings_of(&r, "X1").is_empty());
    }

    #[test]
    fn x1_normative_documents() {
        let mut r = with_overview("新公开发布行政规范性文件 8 件，并对现行有效的 33 件行政规范性文件进行了清理。");
        r.set(active::NORMATIVE_ISSUED, Value::Number(Decimal::from(8)));
        assert!(findings_of(&r, "X1").is_empty());
        r.set(active::NORMATIVE_ISSUED, Value::Number(Decimal::from(7)));
        assert_eq!(findings_of(&r, "X1")[0].cells[1], "active.normative_documents.issued");
    }

    #[test]
    fn x1_denied_review_cases() {
        let mut r = with_overview("所有申请均依法按时办结，无因依申请公开引发的行政复议案件、行政诉讼案件。");
        assert!(findings_of(&r, "X1").is_empty());
        r.set(review_cell(0, 2), Value::Number(Decimal::from(2)));
        let f = findings_of(&r, "X1");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].expected.as_deref(), Some("2"));
        assert!(f[0].cells.iter().any(|c| c == "review_litigation.review.other"));
        assert!(!denies("无法提供的申请与行政复议无关", "行政复议"));
    }

    #[test]
    fn x2_x3_fee_reporting() {
        let mut r = with_overview("");
        assert!(findings_of(&r, "X").is_empty());
        r.sections.other = Some("无。".into());
        assert_eq!(findings_of(&r, "X")[0].rule, "X3");
        r.set(request_cell(row::OVERDUE_FEE, 6), Value::Number(Decimal::ONE));
        let f = findings_of(&r, "X");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rule, "X2");
        r.sections.other = Some("发出收费通知 1 件，未收取信息处理费。".into());
        assert!(findings_of(&r, "X").is_empty());
        assert!(findings_of(&filled(), "X").is_empty(), "tables-only input has no prose findings");
    }

    #[test]
    fn x8_improvements_or_rectification() {
        let mut r = with_overview("");
        r.sections.problems = Some("存在问题：解读形式单一，政务新媒体更新不及时。".into());
        assert_eq!(findings_of(&r, "X8").len(), 1);
        r.sections.problems = Some("存在问题：解读不够。下一步将加强。".into());
        assert!(findings_of(&r, "X8").is_empty(), "the next year's measures are the 改进情况");
        r.sections.problems = Some("上年度年报所列问题已全部整改。".into());
        assert!(findings_of(&r, "X8").is_empty());
        r.sections.problems = None;
        assert!(findings_of(&r, "X8").is_empty());
    }

    #[test]
    fn x7_government_accountability() {
        let mut r = with_overview("工作有序开展。");
        r.meta.organ_kind = Some(OrganKind::Government);
        assert_eq!(findings_of(&r, "X7").len(), 1);
        r.sections.overview = Some("将信息公开纳入年度绩效考核。".into());
        assert!(findings_of(&r, "X7").is_empty());
        r.meta.organ_kind = Some(OrganKind::Department);
        r.sections.overview = Some("工作有序开展。".into());
        assert!(findings_of(&r, "X7").is_empty());
    }
}
