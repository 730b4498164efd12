//! The standard figure sentences of 一、总体情况, drafted from the tables.
//!
//! Most prose figures that contradict the tables (X1) were right once and
//! went stale after an edit. The sentences drafted here quote the tables'
//! current figures in the wording published reports use (“共收到政府信息公开
//! 申请34件，其中自然人33件…”), so they pass X1 by construction; each
//! remembers the figures it quoted, so a later change of a cell shows which
//! sentences have gone stale.

use crate::layout::{
    active, request_cell, request_row as row, review_cell, CellId, TableId, REQUEST_COLUMNS, REQUEST_TOTAL_COLUMN,
    REVIEW_TOTAL_COLUMN,
};
use crate::model::{Report, Value};
use rust_decimal::Decimal;

/// One figure a sentence quotes: the cell and the figure as it was quoted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    pub cell: CellId,
    pub figure: Decimal,
}

/// One drafted sentence and the cells whose figures it quotes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub quotes: Vec<Quote>,
}

/// The staleness the page's form marks as the author types
/// (`staleSentences` in `www/form.js`), stated here once and tested.
#[cfg(test)]
impl Sentence {
    /// The quoted cells whose figure is no longer the one quoted: the
    /// sentence must be drafted again (or edited) when any is.
    fn stale_cells(&self, report: &Report) -> Vec<CellId> {
        self.quotes.iter().filter(|q| figure(report, q.cell) != Some(q.figure)).map(|q| q.cell).collect()
    }

    fn is_stale(&self, report: &Report) -> bool {
        !self.stale_cells(report).is_empty()
    }
}

/// The sentences drafted from one table, for the part of 一、总体情况 that
/// reports on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drafted {
    /// The table the figures come from.
    pub table: TableId,
    /// The part of 一、总体情况 where reports write these sentences.
    pub part: &'static str,
    pub sentences: Vec<Sentence>,
    /// Cells a sentence needs that hold no usable count (blank, text, not a
    /// whole number ≥ 0): the sentence is left out until they are filled.
    pub missing: Vec<CellId>,
    /// Cells the arithmetic rules (A1–A4) say are wrong: a sentence quoting
    /// them would spread the error into the prose, so it waits until the
    /// table is corrected.
    pub in_error: Vec<CellId>,
}

impl Drafted {
    /// The sentences as one paragraph.
    pub fn text(&self) -> String {
        self.sentences.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The figure sentences for each table, in the order of the report's parts:
/// 主动公开 (表二), 依申请公开 (表三), 行政复议和行政诉讼 (表四).
pub fn draft(report: &Report) -> Vec<Drafted> {
    TableId::ALL.iter().map(|&table| draft_table(report, table)).collect()
}

/// `nianbao draft`: the drafted sentences part by part, each under its
/// 【part】, with the cells that held a sentence back.
pub fn draft_text(report: &Report) -> String {
    let mut out = String::new();
    for drafted in draft(report) {
        out += &format!("【{}】\n", drafted.part);
        if !drafted.sentences.is_empty() {
            out += &format!("{}\n", drafted.text());
        }
        if !drafted.missing.is_empty() {
            let cells: Vec<&str> = drafted.missing.iter().map(|c| c.label()).collect();
            out += &format!("（以下单元格未填或不是件数，相关句子未起草：{}）\n", cells.join("、"));
        }
        if !drafted.in_error.is_empty() {
            let cells: Vec<&str> = drafted.in_error.iter().map(|c| c.label()).collect();
            out += &format!("（以下单元格与表内勾稽关系不符，请先改正表格，相关句子未起草：{}）\n", cells.join("、"));
        }
    }
    out
}

/// The figure sentences drafted from one table.
fn draft_table(report: &Report, table: TableId) -> Drafted {
    let corrected = crate::rules::arithmetic::Diagnosis::of(report).corrections().map(|(cell, _)| cell).collect();
    let mut writer = Writer { report, corrected, sentences: Vec::new(), missing: Vec::new(), in_error: Vec::new() };
    let part = match table {
        TableId::Active => {
            writer.active();
            "主动公开"
        }
        TableId::Requests => {
            writer.requests();
            "依申请公开"
        }
        TableId::ReviewLitigation => {
            writer.review();
            "行政复议和行政诉讼"
        }
    };
    for cells in [&mut writer.missing, &mut writer.in_error] {
        cells.sort_unstable();
        cells.dedup();
    }
    Drafted { table, part, sentences: writer.sentences, missing: writer.missing, in_error: writer.in_error }
}

/// A cell's figure when it is a count a sentence can quote: a whole number
/// ≥ 0 (anything else is for the table rules to report first).
fn figure(report: &Report, cell: CellId) -> Option<Decimal> {
    match report.value(cell) {
        Value::Number(n) if n.fract().is_zero() && !n.is_sign_negative() => Some(n.normalize()),
        _ => None,
    }
}

/// 不予公开, 无法提供, 不予处理, 其他处理: the 表三 result groups a sentence
/// names by their sum, as (name, first row, last row).
const RESULT_GROUPS: [(&str, usize, usize); 6] = [
    ("予以公开", row::FIRST_RESULT, row::FIRST_RESULT),
    ("部分公开", row::FIRST_RESULT + 1, row::FIRST_RESULT + 1),
    ("不予公开", row::FIRST_RESULT + 2, row::FIRST_RESULT + 9),
    ("无法提供", row::FIRST_RESULT + 10, row::FIRST_RESULT + 12),
    ("不予处理", row::FIRST_RESULT + 13, row::FIRST_RESULT + 17),
    ("其他处理", row::FIRST_RESULT + 18, row::LAST_RESULT),
];

/// An applicant column of 表三 as prose names it: “其他” alone is unclear
/// outside the table's 法人或其他组织 header.
fn applicant(column: usize) -> &'static str {
    match REQUEST_COLUMNS[column].0 {
        "other_org" => "其他法人或其他组织",
        _ => REQUEST_COLUMNS[column].1,
    }
}

/// 表四's groups: 行政复议, then the two kinds of 行政诉讼.
const REVIEW: usize = 0;
const LITIGATION: [usize; 2] = [1, 2];

/// Collects the sentences of one table and what they quoted.
struct Writer<'r> {
    report: &'r Report,
    /// The cells A1–A4 say to change.
    corrected: Vec<CellId>,
    sentences: Vec<Sentence>,
    missing: Vec<CellId>,
    in_error: Vec<CellId>,
}

impl Writer<'_> {
    /// The sum of `cells` when every one is a usable count the arithmetic
    /// rules accept; noted missing or in error otherwise.
    fn sum(&mut self, cells: &[CellId], quotes: &mut Vec<Quote>) -> Option<Decimal> {
        let mut total = Decimal::ZERO;
        let mut complete = true;
        for &cell in cells {
            if self.corrected.contains(&cell) {
                self.in_error.push(cell);
                complete = false;
                continue;
            }
            match figure(self.report, cell) {
                Some(n) => {
                    total += n;
                    quotes.push(Quote { cell, figure: n });
                }
                None => {
                    self.missing.push(cell);
                    complete = false;
                }
            }
        }
        complete.then_some(total)
    }

    fn push(&mut self, text: String, quotes: Vec<Quote>) {
        self.sentences.push(Sentence { text, quotes });
    }

    /// “{year}年”, or “本年度” when the report names no year.
    fn year(&self) -> String {
        self.report.meta.year.map_or("本年度".to_string(), |y| format!("{y}年"))
    }

    /// 表二: the documents issued, repealed and in force.
    fn active(&mut self) {
        let kinds = [
            (
                "新制发行政规范性文件",
                [active::NORMATIVE_ISSUED, active::NORMATIVE_REPEALED, active::NORMATIVE_IN_FORCE],
            ),
            ("制定规章", [active::RULES_ISSUED, active::RULES_REPEALED, active::RULES_IN_FORCE]),
        ];
        for (n, (what, cells)) in kinds.into_iter().enumerate() {
            let mut quotes = Vec::new();
            let figures: Vec<Option<Decimal>> = cells.iter().map(|&c| self.sum(&[c], &mut quotes)).collect();
            let [Some(issued), Some(repealed), Some(in_force)] = figures[..] else { continue };
            // Most organs make no 规章: reports mention them only when they do.
            let is_rules = n == 1;
            if is_rules && issued.is_zero() && repealed.is_zero() && in_force.is_zero() {
                continue;
            }
            let when = if is_rules { "本年" } else { &self.year() };
            self.push(format!("{when}{what}{issued}件，废止{repealed}件，现行有效{in_force}件。"), quotes);
        }
    }

    /// 表三: received (by applicant), carried over, results, carried forward.
    fn requests(&mut self) {
        let total = |r: usize| request_cell(r, REQUEST_TOTAL_COLUMN);
        let mut quotes = Vec::new();
        if let Some(received) = self.sum(&[total(row::NEW_RECEIVED)], &mut quotes) {
            let mut text = format!("{}，本机关共收到政府信息公开申请{received}件", self.year());
            if !received.is_zero() {
                let by_applicant = self.nonzero(
                    (0..REQUEST_TOTAL_COLUMN).map(|c| (applicant(c), vec![request_cell(row::NEW_RECEIVED, c)])),
                    &mut quotes,
                );
                if let Some(parts) = by_applicant.filter(|p| !p.is_empty()) {
                    text += &format!("，其中{parts}");
                }
            }
            if let Some(over) = self.sum(&[total(row::CARRIED_OVER)], &mut quotes) {
                text += &format!("；上年结转政府信息公开申请{over}件");
            }
            self.push(text + "。", quotes);
        } else if let Some(over) = self.sum(&[total(row::CARRIED_OVER)], &mut quotes) {
            self.push(format!("上年结转政府信息公开申请{over}件。"), quotes);
        }

        let mut quotes = Vec::new();
        let mut text = String::new();
        if let Some(done) = self.sum(&[total(row::RESULTS_TOTAL)], &mut quotes) {
            text = format!("本年度共办结政府信息公开申请{done}件");
            if !done.is_zero() {
                let groups = RESULT_GROUPS
                    .iter()
                    .map(|&(name, first, last)| (name, (first..=last).map(total).collect::<Vec<_>>()));
                if let Some(parts) = self.nonzero(groups, &mut quotes).filter(|p| !p.is_empty()) {
                    text += &format!("，其中{parts}");
                }
            }
        }
        if let Some(forward) = self.sum(&[total(row::CARRIED_FORWARD)], &mut quotes) {
            text += &format!("{}结转下年度继续办理{forward}件", if text.is_empty() { "" } else { "；" });
        }
        if !text.is_empty() {
            self.push(text + "。", quotes);
        }
    }

    /// “A 3件、B 2件” for the groups with a non-zero figure, or `None` when
    /// a figure is missing (a breakdown with a gap would mislead).
    fn nonzero(
        &mut self,
        groups: impl Iterator<Item = (&'static str, Vec<CellId>)>,
        quotes: &mut Vec<Quote>,
    ) -> Option<String> {
        let mut parts = Vec::new();
        let mut complete = true;
        for (name, cells) in groups {
            match self.sum(&cells, quotes) {
                Some(n) if !n.is_zero() => parts.push(format!("{name}{n}件")),
                Some(_) => {}
                None => complete = false,
            }
        }
        complete.then(|| parts.join("、"))
    }

    /// 表四: 行政复议 and 行政诉讼, with their results; “未发生…” for none.
    fn review(&mut self) {
        let mut quotes = Vec::new();
        let review = self.sum(&[review_cell(REVIEW, REVIEW_TOTAL_COLUMN)], &mut quotes);
        let litigation = self.sum(&LITIGATION.map(|g| review_cell(g, REVIEW_TOTAL_COLUMN)), &mut quotes);
        let (Some(review), Some(litigation)) = (review, litigation) else {
            // One sentence names both: drafted when both are known.
            return;
        };
        const CAUSE: &str = "因政府信息公开申请引发";
        let when = self.year();
        let text = match (review.is_zero(), litigation.is_zero()) {
            (true, true) => format!("{when}，本机关未发生{CAUSE}的行政复议、行政诉讼案件。"),
            (review_none, litigation_none) => {
                let review_text = if review_none {
                    format!("未发生{CAUSE}的行政复议案件")
                } else {
                    let results = self.results(&[REVIEW], &mut quotes);
                    format!("{CAUSE}行政复议{review}件{results}")
                };
                let litigation_text = if litigation_none {
                    format!("未发生{CAUSE}的行政诉讼案件")
                } else {
                    let kinds = self.nonzero(
                        [("未经复议直接起诉", LITIGATION[0]), ("复议后起诉", LITIGATION[1])]
                            .into_iter()
                            .map(|(name, g)| (name, vec![review_cell(g, REVIEW_TOTAL_COLUMN)])),
                        &mut quotes,
                    );
                    let kinds = kinds.map_or(String::new(), |k| format!("（{k}）"));
                    let results = self.results(&LITIGATION, &mut quotes);
                    format!("{CAUSE}行政诉讼{litigation}件{kinds}{results}")
                };
                format!("{when}，本机关{review_text}；{litigation_text}。")
            }
        };
        self.push(text, quotes);
    }

    /// “，其中结果维持1件、尚未审结1件” over the groups' result columns.
    fn results(&mut self, groups: &[usize], quotes: &mut Vec<Quote>) -> String {
        let columns = crate::layout::REVIEW_COLUMNS[..REVIEW_TOTAL_COLUMN].iter().enumerate();
        let parts = self.nonzero(
            columns.map(|(c, (_, name))| (*name, groups.iter().map(|&g| review_cell(g, c)).collect())),
            quotes,
        );
        parts.filter(|p| !p.is_empty()).map_or(String::new(), |p| format!("，其中{p}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::synthetic;
    use crate::finding::{Finding, RuleCode, Severity};

    fn x1(report: &Report) -> Vec<Finding> {
        crate::check(report, &Default::default()).into_iter().filter(|f| f.rule == RuleCode::X1).collect()
    }

    /// The report with its 一、总体情况 replaced by every drafted sentence.
    fn written(mut report: Report) -> (Report, Vec<Drafted>) {
        let drafted = draft(&report);
        report.sections.overview = Some(drafted.iter().map(Drafted::text).collect());
        (report, drafted)
    }

    fn set(report: &mut Report, cell: CellId, n: i64) {
        report.set(cell, Value::Number(Decimal::from(n)));
    }

    /// Adds `n` to each cell (a consistent change: a column cell and its total).
    fn add(report: &mut Report, cells: &[CellId], n: i64) {
        for &cell in cells {
            let value = report.number(cell) + Decimal::from(n);
            report.set(cell, Value::Number(value));
        }
    }

    /// A report with figures like the sample's (红寺堡区 2025).
    fn sample() -> Report {
        let mut r = crate::rules::testing::filled();
        r.meta.year = Some(2025);
        set(&mut r, active::NORMATIVE_ISSUED, 8);
        set(&mut r, active::NORMATIVE_REPEALED, 5);
        set(&mut r, active::NORMATIVE_IN_FORCE, 27);
        for (row_index, column, n) in [
            (row::NEW_RECEIVED, 0, 33),
            (row::NEW_RECEIVED, 1, 1),
            (row::FIRST_RESULT, 0, 20),
            (row::FIRST_RESULT + 12, 0, 11),
            (row::FIRST_RESULT + 12, 1, 1),
            (row::FIRST_RESULT + 18, 0, 2),
            (row::RESULTS_TOTAL, 0, 33),
            (row::RESULTS_TOTAL, 1, 1),
        ] {
            set(&mut r, request_cell(row_index, column), n);
            add(&mut r, &[request_cell(row_index, REQUEST_TOTAL_COLUMN)], n);
        }
        r
    }

    #[test]
    fn drafts_the_sentences_reports_write() {
        let texts: Vec<String> = draft(&sample()).iter().map(Drafted::text).collect();
        assert_eq!(
            texts,
            [
                "2025年新制发行政规范性文件8件，废止5件，现行有效27件。",
                "2025年，本机关共收到政府信息公开申请34件，其中自然人33件、商业企业1件；上年结转政府信息公开申请0件。\
                 本年度共办结政府信息公开申请34件，其中予以公开20件、无法提供12件、其他处理2件；结转下年度继续办理0件。",
                "2025年，本机关未发生因政府信息公开申请引发的行政复议、行政诉讼案件。",
            ]
        );
    }

    #[test]
    fn drafts_review_and_litigation_with_results() {
        let mut r = sample();
        set(&mut r, review_cell(REVIEW, 0), 1);
        set(&mut r, review_cell(REVIEW, 3), 1);
        set(&mut r, review_cell(REVIEW, REVIEW_TOTAL_COLUMN), 2);
        let text = draft_table(&r, TableId::ReviewLitigation).text();
        assert_eq!(
            text,
            "2025年，本机关因政府信息公开申请引发行政复议2件，其中结果维持1件、尚未审结1件；未发生因政府信息公开申请引发的行政诉讼案件。"
        );
        set(&mut r, review_cell(LITIGATION[1], 1), 1);
        set(&mut r, review_cell(LITIGATION[1], REVIEW_TOTAL_COLUMN), 1);
        let text = draft_table(&r, TableId::ReviewLitigation).text();
        assert!(text.ends_with("；因政府信息公开申请引发行政诉讼1件（复议后起诉1件），其中结果纠正1件。"), "{text}");
        assert!(x1(&written(r).0).is_empty());
    }

    #[test]
    fn leaves_out_what_the_tables_do_not_say() {
        let mut r = sample();
        r.set(request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN), Value::Blank);
        r.set(request_cell(row::NEW_RECEIVED, 1), Value::Text("一".into()));
        r.set(active::NORMATIVE_IN_FORCE, Value::Number(Decimal::new(15, 1)));
        let drafted = draft(&r);
        assert!(drafted[0].sentences.is_empty(), "1.5 documents is not a count to quote");
        assert_eq!(drafted[0].missing, [active::NORMATIVE_IN_FORCE]);
        assert_eq!(drafted[1].sentences[0].text, "上年结转政府信息公开申请0件。");
        assert_eq!(drafted[1].missing, [request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN)]);
        let drafted = draft(&Report::new());
        assert!(drafted.iter().all(|d| d.sentences.is_empty() && !d.missing.is_empty()));
        assert!(draft(&crate::rules::testing::filled())[1].text().starts_with("本年度，本机关共收到"));
    }

    /// A total the arithmetic rules say is wrong is not quoted (the sample:
    /// 表四 复议 总计 0 while its results add up to 2).
    #[test]
    fn waits_for_a_table_in_error() {
        let mut r = sample();
        set(&mut r, review_cell(REVIEW, 0), 2);
        let drafted = draft_table(&r, TableId::ReviewLitigation);
        assert!(drafted.sentences.is_empty(), "{}", drafted.text());
        assert_eq!(drafted.in_error, [review_cell(REVIEW, REVIEW_TOTAL_COLUMN)]);
        set(&mut r, review_cell(REVIEW, REVIEW_TOTAL_COLUMN), 2);
        let drafted = draft_table(&r, TableId::ReviewLitigation);
        assert!(drafted.in_error.is_empty() && drafted.text().contains("行政复议2件，其中结果维持2件"));
    }

    /// Generated reports of every kind: the drafted sentences give X1
    /// nothing to say, even where the tables are themselves in error.
    #[test]
    fn drafted_sentences_pass_x1() {
        for index in 0..300 {
            let (report, drafted) = written(synthetic::report(19, index, 2025));
            assert!(x1(&report).is_empty(), "{:#?}\n{:#?}", report.sections.overview, x1(&report));
            assert!(drafted.iter().all(|d| d.sentences.iter().all(|s| !s.is_stale(&report))));
        }
    }

    /// A figure changed after drafting: X1 names its cell and the
    /// sentence quoting it is stale; the other sentences are not.
    #[test]
    fn a_changed_figure_makes_x1_fire() {
        let total = |r: usize| request_cell(r, REQUEST_TOTAL_COLUMN);
        // (what changes, the cells changed together, the cell X1 names)
        let changes: [(&str, Vec<CellId>, CellId); 5] = [
            (
                "one more request granted",
                [row::NEW_RECEIVED, row::FIRST_RESULT, row::RESULTS_TOTAL]
                    .iter()
                    .flat_map(|&r| [request_cell(r, 0), total(r)])
                    .collect(),
                total(row::NEW_RECEIVED),
            ),
            (
                "one more carried forward",
                [row::NEW_RECEIVED, row::CARRIED_FORWARD]
                    .iter()
                    .flat_map(|&r| [request_cell(r, 0), total(r)])
                    .collect(),
                total(row::CARRIED_FORWARD),
            ),
            ("one more document", vec![active::NORMATIVE_ISSUED, active::NORMATIVE_IN_FORCE], active::NORMATIVE_ISSUED),
            (
                "one more review",
                vec![review_cell(REVIEW, 0), review_cell(REVIEW, REVIEW_TOTAL_COLUMN)],
                review_cell(REVIEW, REVIEW_TOTAL_COLUMN),
            ),
            (
                "one more lawsuit",
                vec![review_cell(LITIGATION[0], 3), review_cell(LITIGATION[0], REVIEW_TOTAL_COLUMN)],
                review_cell(LITIGATION[0], REVIEW_TOTAL_COLUMN),
            ),
        ];
        let mut checked = 0;
        for index in 0..120 {
            let (report, drafted) = written(synthetic::report(19, index, 2025));
            // Reports whose tables are in error: X1 compares with the
            // corrected figures there, a case of its own tests.
            if crate::check(&report, &Default::default()).iter().any(|f| f.severity == Severity::Error) {
                continue;
            }
            for (what, cells, named) in &changes {
                let mut changed = report.clone();
                add(&mut changed, cells, 1);
                let fired = x1(&changed);
                assert!(
                    fired.iter().any(|f| f.cells.contains(&crate::finding::Location::Cell(*named))),
                    "{what}: X1 should name {named:?}\n{:?}\n{fired:#?}",
                    changed.sections.overview
                );
                let stale: Vec<&Sentence> =
                    drafted.iter().flat_map(|d| &d.sentences).filter(|s| s.is_stale(&changed)).collect();
                assert!(stale.iter().any(|s| s.stale_cells(&changed).contains(named)), "{what}");
                assert!(stale.len() < drafted.iter().map(|d| d.sentences.len()).sum::<usize>(), "{what}");
            }
            checked += 1;
        }
        assert!(checked > 50, "only {checked} error-free reports");
    }
}
