//! R2: the prose against the tables (or itself) about whether anything
//! happened at all — “未收到申请” beside 新收 3, “均已办结” beside 结转 2,
//! “未发生行政复议” under 四 beside a table with cases, “未收取信息处理费”
//! beside applications dropped for unpaid fees.
//!
//! X1 already compares the figures 一、总体情况 states and its “无行政复议”;
//! R2 reads the rest (the notes beside the tables, 六, the preamble) and the
//! wordings X1 does not read, so one sentence never gives two findings.

use super::scan::{Cuts, Words};
use super::wording::{excerpt, has_digit, is_digit, number_at, texts, READ};
use super::{Context, Rule};
use crate::bytes::{find, has};
use crate::finding::{Finding, Location, RuleCode, Severity};
use crate::layout::{request_cell, request_row as row, review_cell, CellId, REQUEST_TOTAL_COLUMN, REVIEW_TOTAL_COLUMN};
use crate::model::{Report, SectionKey};
use rust_decimal::Decimal;

pub const R2: Rule = Rule {
    code: RuleCode::R2,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "正文说“没有”或“全部办结”，表格却不然（或反之）",
    doc: "正文关于有没有发生的说法应与表格一致：称“未收到政府信息公开申请”，表三新收就应为 0；\
          写了收到若干申请，表三就不应全为 0；称申请“均已办结”，结转下年度就应为 0；\
          表外说明称“未发生行政复议、行政诉讼”，表四就应为 0；称“未收取信息处理费”而表三有逾期未缴费的申请，\
          说明发过收费通知，应写明收费通知情况。一、总体情况中的件数和“无行政复议”由 X1 核对。",
    basis: "国办公开办函〔2021〕30号：发布内容不准确不全面的，追究责任",
    example: "三的表外说明写“本年度未收到政府信息公开申请”，表三新收却有 3 件。",
    check: check_r2,
};

/// Words that deny something happened, before the thing denied.
const NEGATIONS: &[&str] = &["未收到", "没有收到", "未接到", "未发生", "未出现", "没有", "未有", "无"];

/// Words of a negation that do not deny (无法提供, 无正当理由…).
const NOT_NEGATIONS: &[&str] = &[
    "无法",
    "无正当",
    "无需",
    "无须",
    "无论",
    "无关",
    "无误",
    "无一",
    "无纸",
    "无差别",
    "无障碍",
    "无缝",
    "无感",
    "无接触",
    "无偿",
    "无条件",
];

fn check_r2(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let read = Read::of(context);
    received(report, &read, findings);
    all_done(report, &read, findings);
    denied_cases(report, &read, findings);
    if report.meta.year.is_none_or(|y| y >= 2021) {
        fee(report, &read, findings);
    }
}

/// The words R2 asks clauses about, found in one pass over each text.
/// None holds a clause end, so an occurrence never spans two clauses.
#[derive(Clone, Copy)]
enum Word {
    Applications,
    Done,
    Review,
    Litigation,
    Fee,
}

const WORDS: [&str; 5] = ["申请", "办结", "行政复议", "行政诉讼", "信息处理费"];

static WORD_SEARCH: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words::new(&WORDS));

/// The texts R2 reads and their clauses that hold any of [`WORDS`], each
/// with its section, cut once for the four checks (each reads only the
/// clauses holding its word).
struct Read<'r> {
    texts: Vec<(SectionKey, &'r str)>,
    clauses: Vec<(SectionKey, &'r str)>,
    /// Per clause, which [`WORDS`] it holds (bit `n` for word `n`): one
    /// search of each text for all of them, where a search per word (and
    /// before that per clause) was most of R2's time.
    holds: Vec<u8>,
}

impl<'r> Read<'r> {
    fn of(context: &'r Context) -> Read<'r> {
        let texts: Vec<(SectionKey, &str)> = read(context.report).collect();
        let (mut clauses, mut holds) = (Vec::new(), Vec::new());
        for &(section, text) in &texts {
            let found = WORD_SEARCH.occurrences(text);
            if found.is_empty() {
                continue;
            }
            // Each occurrence's clause, looked up: the clauses between
            // (most of a text) are never visited.
            let cuts = Cuts::of(text, context.ends(section), true);
            let mut last = None;
            for (n, at) in found {
                let (piece, _, clause) = cuts.piece_at(at);
                if last.replace(piece) != Some(piece) {
                    clauses.push((section, clause));
                    holds.push(0);
                }
                if let Some(words) = holds.last_mut() {
                    *words |= 1 << n;
                }
            }
        }
        Read { texts, clauses, holds }
    }

    /// Per clause, whether it holds `word`.
    fn holding(&self, word: Word) -> impl Iterator<Item = bool> + '_ {
        self.holds.iter().map(move |&words| words >> word as u8 & 1 == 1)
    }
}

/// The sections a claim is read from: all but 五 (its 问题 are not facts
/// of the year's figures), and 一 only for what X1 does not read.
fn read(report: &Report) -> impl Iterator<Item = (SectionKey, &str)> {
    texts(report, &READ).filter(|(k, _)| *k != SectionKey::Problems)
}

/// Whether `clause` denies `thing` (a negation before it, not 无法…).
fn denies(clause: &str, thing: &str) -> bool {
    let Some(at) = find(clause, thing) else { return false };
    let before = &clause[..at];
    NEGATIONS.iter().any(|n| {
        let mut from = 0;
        while let Some(i) = find(&before[from..], n).map(|i| from + i) {
            if !NOT_NEGATIONS.iter().any(|x| before[i..].starts_with(x)) {
                return true;
            }
            from = i + n.len();
        }
        false
    })
}

/// A table figure for a message and a comparison: the total, or the sum
/// of its parts when larger (A1–A4 report the difference).
fn count(report: &Report, cells: &[CellId]) -> Decimal {
    cells.iter().map(|&id| report.number(id)).sum()
}

fn requests_total(report: &Report, row: usize) -> Decimal {
    let total = report.number(request_cell(row, REQUEST_TOTAL_COLUMN));
    let parts: Decimal = (0..REQUEST_TOTAL_COLUMN).map(|c| report.number(request_cell(row, c))).sum();
    total.max(parts)
}

/// A clause about 政府信息公开申请 (not 复议/诉讼 申请, not 收费).
fn about_applications(clause: &str) -> bool {
    has(clause, "申请")
        && ["公开申请", "依申请", "申请公开", "信息公开"].iter().any(|w| has(clause, w))
        && !["复议", "诉讼", "咨询", "信箱", "留言"].iter().any(|w| has(clause, w))
}

/// The figure after 申请 in “收到…申请 N 件/条”, if any.
fn stated_applications(clause: &str) -> Option<u64> {
    let verb = ["收到", "受理", "新收", "接收"].iter().filter_map(|v| find(clause, v)).min()?;
    let rest = &clause[verb..];
    let after = &rest[find(rest, "申请")? + "申请".len()..];
    let digits_at = after.char_indices().take(12).find(|(_, c)| is_digit(*c) || *c == '零').map(|(i, _)| i)?;
    let (n, len) = number_at(&after[digits_at..])?;
    let unit = after[digits_at + len..].trim_start();
    unit.starts_with(['件', '条', '个', '份', '次']).then_some(n)
}

fn received(report: &Report, read: &Read, findings: &mut Vec<Finding>) {
    if report.table_is_blank(crate::layout::TableId::Requests) {
        return;
    }
    let new = requests_total(report, row::NEW_RECEIVED);
    let carried = requests_total(report, row::CARRIED_OVER);
    let cell = request_cell(row::NEW_RECEIVED, REQUEST_TOTAL_COLUMN);
    let applications = read.holding(Word::Applications);
    let about = read.clauses.iter().zip(applications).filter(|(_, holds)| *holds).map(|(clause, _)| clause);
    for &(section, clause) in about.filter(|(_, c)| about_applications(c)) {
        // X1 reads the figures of 一; R2 reads its wordings without figures.
        let stated = stated_applications(clause).filter(|_| section != SectionKey::Overview);
        let none = stated == Some(0) || (!has_digit(clause) && denies(clause, "申请"));
        if none && new > Decimal::ZERO {
            findings.push(
                Finding::new(
                    RuleCode::R2,
                    Severity::Warning,
                    format!(
                        "{}称没有收到政府信息公开申请（“{}”），但表三“本年新收政府信息公开申请数量”为 {new} 件。请核对后统一正文与表三。",
                        place(section),
                        excerpt(clause)
                    ),
                )
                .cells([Location::Section(section), Location::Cell(cell)])
                .expected(new)
                .actual("0（正文称未收到）"),
            );
            return;
        }
        if let Some(n) = stated.filter(|&n| n > 0) {
            if new.is_zero() && carried.is_zero() {
                findings.push(
                    Finding::new(
                        RuleCode::R2,
                        Severity::Warning,
                        format!(
                            "{}称收到政府信息公开申请 {n} 件（“{}”），但表三新收和上年结转都是 0。请核对后统一正文与表三。",
                            place(section),
                            excerpt(clause)
                        ),
                    )
                    .cells([Location::Cell(cell), Location::Section(section)])
                    .expected(n)
                    .actual(new),
                );
                return;
            }
        }
    }
}

/// “均已办结 / 全部按时办结” while applications are carried forward.
fn all_done(report: &Report, read: &Read, findings: &mut Vec<Finding>) {
    let forward = requests_total(report, row::CARRIED_FORWARD);
    if forward.is_zero() {
        return;
    }
    let done = read.holding(Word::Done);
    for &(section, clause) in read.clauses.iter().zip(done).filter(|(_, holds)| *holds).map(|(clause, _)| clause) {
        let Some(at) = find(clause, "办结") else { continue };
        let before = &clause[..at];
        let all = ["均", "全部", "所有", "全数", "一律"].iter().any(|w| has(before, w));
        let other = ["上年", "结转", "率", "复议", "诉讼", "信箱", "留言", "问题", "投诉", "咨询", "建议", "提案"]
            .iter()
            .any(|w| has(clause, w));
        let applications = has(clause, "申请") || section == SectionKey::RequestsNote;
        if all && applications && !other && !has_digit(clause) {
            let cell = request_cell(row::CARRIED_FORWARD, REQUEST_TOTAL_COLUMN);
            findings.push(
                Finding::new(
                    RuleCode::R2,
                    Severity::Warning,
                    format!(
                        "{}称申请均已办结（“{}”），但表三“四、结转下年度继续办理”为 {forward} 件。请改正说法（如“除 {forward} 件结转下年度外均已办结”）或核对表三。",
                        place(section),
                        excerpt(clause)
                    ),
                )
                .cells([Location::Section(section), Location::Cell(cell)])
                .expected(format!("除 {forward} 件结转外均已办结"))
                .actual("均已办结"),
            );
            return;
        }
    }
}

/// “未发生行政复议/行政诉讼” outside 一 (X1 reads 一) while 表四 counts
/// cases: one finding for the clause, naming each kind it wrongly denies.
fn denied_cases(report: &Report, read: &Read, findings: &mut Vec<Finding>) {
    const KINDS: [(Word, &[usize]); 2] = [(Word::Review, &[0]), (Word::Litigation, &[1, 2])];
    let mut kinds: Vec<(&str, Decimal, Vec<CellId>)> = Vec::new();
    for (word, groups) in KINDS {
        let term = WORDS[word as usize];
        let mut overview =
            read.clauses.iter().zip(read.holding(word)).filter(|((k, _), holds)| *holds && *k == SectionKey::Overview);
        if overview.any(|((_, c), _)| denies(c, term) && !has_digit(c)) {
            continue; // X1 reports it: one root cause, one finding
        }
        let mut cells = Vec::new();
        let mut cases = Decimal::ZERO;
        for &g in groups {
            let total = review_cell(g, REVIEW_TOTAL_COLUMN);
            let parts: Vec<CellId> = (0..REVIEW_TOTAL_COLUMN).map(|c| review_cell(g, c)).collect();
            cases += report.number(total).max(count(report, &parts));
            cells.push(total);
        }
        if !cases.is_zero() {
            kinds.push((term, cases, cells));
        }
    }
    if kinds.is_empty() {
        return;
    }
    // Only a clause holding one of the terms can deny it.
    let any_term = read.holding(Word::Review).zip(read.holding(Word::Litigation)).map(|(r, l)| r || l);
    let candidates = read.clauses.iter().zip(any_term).filter(|(_, any)| *any).map(|(clause, _)| clause);
    for &(section, clause) in candidates.filter(|(k, c)| *k != SectionKey::Overview && !has_digit(c)) {
        let denied: Vec<&(&str, Decimal, Vec<CellId>)> =
            kinds.iter().filter(|(term, _, _)| denies(clause, term)).collect();
        if denied.is_empty() {
            continue;
        }
        let said: Vec<String> = denied.iter().map(|(term, n, _)| format!("{term}共有 {n} 件")).collect();
        let total: Decimal = denied.iter().map(|(_, n, _)| *n).sum();
        findings.push(
            Finding::new(
                RuleCode::R2,
                Severity::Warning,
                format!(
                    "{}称没有{}（“{}”），但表四{}。请核对后统一正文与表四。",
                    place(section),
                    denied.iter().map(|(t, _, _)| *t).collect::<Vec<_>>().join("、"),
                    excerpt(clause),
                    said.join("，")
                ),
            )
            .cells(
                std::iter::once(Location::Section(section))
                    .chain(denied.iter().flat_map(|(_, _, cells)| cells.iter().map(|&c| Location::Cell(c)))),
            )
            .expected(total)
            .actual("0（正文称没有）"),
        );
        return;
    }
}

/// “未收取信息处理费” while applications were dropped for unpaid fees
/// (fee notices were sent) and no word of the notices.
fn fee(report: &Report, read: &Read, findings: &mut Vec<Finding>) {
    let overdue = requests_total(report, row::OVERDUE_FEE);
    if overdue.is_zero() {
        return;
    }
    // The first clause, in document order, saying no fee was charged
    // (the clauses naming the fee found with one search per text).
    let naming = read.holding(Word::Fee);
    let mut candidates = read.clauses.iter().zip(naming).filter(|(_, names)| *names).map(|(clause, _)| clause);
    let no_fee =
        candidates.find(|(_, c)| ["未收取", "没有收取", "不收取", "未产生", "未发生", "无"].iter().any(|w| has(c, w)));
    // Unless the notices are written of somewhere (缴费 is in 缴费通知 too).
    let notices = || read.texts.iter().any(|(_, t)| ["收费通知", "缴费"].iter().any(|w| has(t, w)));
    if let Some(&(section, clause)) = no_fee.filter(|_| !notices()) {
        let cell = request_cell(row::OVERDUE_FEE, REQUEST_TOTAL_COLUMN);
        findings.push(
            Finding::new(
                RuleCode::R2,
                Severity::Warning,
                format!(
                    "{}称未收取信息处理费（“{}”），但表三有 {overdue} 件申请因申请人逾期未缴费而不再处理，说明本年发出过收费通知。请写明收费通知的件数、金额和实际收取情况。",
                    place(section),
                    excerpt(clause)
                ),
            )
            .cells([Location::Section(section), Location::Cell(cell)])
            .expected(format!("说明 {overdue} 件收费通知"))
            .actual("未收取信息处理费"),
        );
    }
}

/// 「…」 for a message.
fn place(section: SectionKey) -> String {
    format!("「{}」", section.label())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;
    use crate::rules::testing::{filled, findings_of};

    fn base() -> Report {
        let mut r = filled();
        r.meta.year = Some(2024);
        r.sections.overview = Some("工作有序开展。".into());
        r.sections.other = Some("本年度未收取信息处理费。".into());
        r
    }

    fn set(r: &mut Report, id: CellId, n: i64) {
        r.set(id, Value::Number(Decimal::from(n)));
    }

    #[test]
    fn clauses_holding_a_word_as_searching_each_finds() {
        for i in 0..50 {
            let mut r = crate::batch::synthetic::report(5, i, 2020 + (i % 6) as i32);
            r.sections.review_note =
                Some("未发生行政复议，行政复议行政诉讼；无申请。申请申请，办结；信息处理费".into());
            let context = Context::new(&r, &crate::rules::CheckOptions::default());
            let read = Read::of(&context);
            // The clauses holding any word, in the texts' order.
            let holding_any = |clause: &str| WORDS.iter().any(|w| clause.contains(w));
            let all: Vec<(SectionKey, &str)> = read
                .texts
                .iter()
                .flat_map(|&(k, text)| context.ends(k).clauses(text).filter(|c| holding_any(c)).map(move |c| (k, c)))
                .collect();
            assert_eq!(read.clauses, all);
            for (word, n) in
                [Word::Applications, Word::Done, Word::Review, Word::Litigation, Word::Fee].into_iter().zip(0..)
            {
                assert_eq!(WORDS[word as usize], WORDS[n]);
                let expected: Vec<bool> = read.clauses.iter().map(|(_, c)| c.contains(WORDS[n])).collect();
                assert_eq!(read.holding(word).collect::<Vec<_>>(), expected, "{}", WORDS[n]);
            }
        }
    }

    #[test]
    fn no_applications_beside_new_ones() {
        let mut r = base();
        r.sections.requests_note = Some("本年度未收到政府信息公开申请。".into());
        assert!(findings_of(&r, "R2").is_empty());
        set(&mut r, request_cell(0, 0), 3);
        set(&mut r, request_cell(0, 6), 3);
        let f = findings_of(&r, "R2");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].cells, ["sections.requests_note", "requests.new_received.total"]);
        r.sections.requests_note = Some("2024年，共收到政府信息公开申请0条。".into());
        assert_eq!(findings_of(&r, "R2").len(), 1);
        r.sections.requests_note = Some("2024年，共收到政府信息公开申请3条，无法提供1件。".into());
        assert!(findings_of(&r, "R2").is_empty());
    }

    #[test]
    fn applications_beside_an_empty_table() {
        let mut r = base();
        r.sections.requests_note = Some("全年共受理政府信息公开申请5件。".into());
        assert_eq!(findings_of(&r, "R2")[0].actual.as_deref(), Some("0"));
    }

    #[test]
    fn all_done_beside_carried_forward() {
        let mut r = base();
        r.sections.overview = Some("所有申请均已按时办结。上年结转申请均已办结。".into());
        assert!(findings_of(&r, "R2").is_empty());
        set(&mut r, request_cell(row::CARRIED_FORWARD, 6), 2);
        assert_eq!(findings_of(&r, "R2").len(), 1);
        r.sections.overview = Some("12345热线工单均已办结。实现无纸化申请。".into());
        assert!(findings_of(&r, "R2").is_empty(), "not about applications");
    }

    #[test]
    fn denied_cases_outside_the_overview_once() {
        let mut r = base();
        r.sections.review_note = Some("本年度未发生行政复议、行政诉讼案件。".into());
        set(&mut r, review_cell(0, 0), 1);
        set(&mut r, review_cell(0, 4), 1);
        set(&mut r, review_cell(1, 0), 1);
        set(&mut r, review_cell(1, 4), 1);
        let f = findings_of(&r, "R2");
        assert_eq!(f.len(), 1, "one clause, one finding");
        assert_eq!(
            f[0].cells[1..],
            [
                "review_litigation.review.total",
                "review_litigation.litigation_direct.total",
                "review_litigation.litigation_after_review.total"
            ]
        );
        // The overview says it too: X1 reports it, R2 does not repeat it.
        r.sections.overview = Some("无因依申请公开引发的行政复议案件。".into());
        assert_eq!(
            findings_of(&r, "R2")[0].cells[1..],
            ["review_litigation.litigation_direct.total", "review_litigation.litigation_after_review.total"]
        );
        assert_eq!(findings_of(&r, "X1").len(), 1);
        r.sections.overview = Some("无因依申请公开引发的行政复议案件、行政诉讼案件。".into());
        assert!(findings_of(&r, "R2").is_empty());
    }

    #[test]
    fn no_fee_beside_unpaid_fee_notices() {
        let mut r = base();
        set(&mut r, request_cell(row::OVERDUE_FEE, 6), 1);
        set(&mut r, request_cell(row::OVERDUE_FEE, 0), 1);
        assert_eq!(findings_of(&r, "R2").len(), 1);
        r.sections.other = Some("发出收费通知1件，申请人未缴费，未收取信息处理费。".into());
        assert!(findings_of(&r, "R2").is_empty());
    }
}
