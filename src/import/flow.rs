//! The official tables read from running text, where the cells are not in
//! rows and columns any more: a browser's plain copy (cells on lines of
//! their own, tabs, blank lines), text laid out with runs of spaces, and the
//! text content a crawler keeps, where the cells run together
//! (`一、本年新收政府信息公开申请数量21710000218` is 217, 1, 0, 0, 0, 0, 218).
//!
//! The reading is anchored on the official row labels, found in their
//! order; what stands between one row's label and the next is that row's
//! figures. Figures kept apart by spaces, tabs or line breaks are taken as
//! they are. A run of figures is cut into the row's cells with what is
//! known: how many cells the row has, no leading zeros, each 表三 row's 总计
//! = the sum of its six applicant columns, each 表四 group's 总计 = the sum
//! of its four results, 表三's column identities across rows, and the
//! figures the prose names. Where one cutting satisfies them it is taken;
//! where several do, or none does (the report's own arithmetic is wrong),
//! the most plausible is taken and said: a [`Doubt`] names the cells and
//! the other readings.

use crate::layout::{self, normalize_label, request_cell, review_cell, CellId, CellKind, TableId};
use std::collections::HashMap;

/// How many cuttings of one run are looked at, at most (a run of 40 digits
/// into 15 cells has millions): the budget bounds the work on any input.
const CUT_BUDGET: usize = 400_000;
/// Readings kept per row to choose from.
const KEEP: usize = 24;
/// Longest run of figures cut (longer is not a row of a report).
const MAX_RUN: usize = 64;

/// Text with its whitespace taken out and its characters folded as labels
/// are ([`layout::normalized_label`]), remembering where whitespace was: a
/// figure never spans it.
pub struct Stream {
    norm: String,
    /// Byte offsets into `norm` that whitespace stood before.
    breaks: Vec<usize>,
    /// How many tabs the whitespace at each break held: a plain copy
    /// puts one between cells, so two mean a blank cell between.
    tabs: Vec<u16>,
    /// Whether the whitespace at each break held an ordinary space, a line
    /// break or a tab, as text keeps cells apart (laid out in columns, a
    /// cell per line, words on a line); a crawler's padding within a cell
    /// is no-break spaces.
    apart: Vec<bool>,
}

impl Stream {
    pub fn new(text: &str) -> Stream {
        let mut norm = String::with_capacity(text.len());
        let mut breaks = Vec::new();
        let mut tabs = Vec::new();
        let mut apart = Vec::new();
        let mut pending_break = false;
        let mut pending_tabs = 0u16;
        let mut pending_apart = false;
        let mut previous = ' ';
        for c in text.chars() {
            if crate::fold::is_any_space(c) {
                pending_break = true;
                pending_tabs = pending_tabs.saturating_add(u16::from(c == '\t'));
                pending_apart |= matches!(c, ' ' | '\n' | '\r' | '\t');
                continue;
            }
            let Some(c) = crate::fold::fold_label_char(c) else { continue };
            let c = layout::label_punctuation(c);
            // “2、重复申请”: the sub-item mark as in the official “2.重复申请”.
            let c = if c == '、' && previous.is_ascii_digit() { '.' } else { c };
            if pending_break && !norm.is_empty() {
                breaks.push(norm.len());
                tabs.push(pending_tabs);
                apart.push(pending_apart);
            }
            pending_break = false;
            pending_tabs = 0;
            pending_apart = false;
            norm.push(c);
            previous = c;
        }
        if pending_break && !norm.is_empty() {
            breaks.push(norm.len());
            tabs.push(pending_tabs);
            apart.push(pending_apart);
        }
        Stream { norm, breaks, tabs, apart }
    }

    /// Where `label` (normalised) starts at or after `from`, within `window` bytes.
    fn find(&self, label: &str, from: usize, window: usize) -> Option<usize> {
        let end = floor_char(&self.norm, (from + window + label.len()).min(self.norm.len()));
        self.norm.get(from..end)?.find(label).map(|i| from + i)
    }

    fn broken_at(&self, at: usize) -> bool {
        self.breaks.binary_search(&at).is_ok()
    }

    /// The figures at the start of `[from, to)`: (end of the figures, the
    /// tokens between whitespace).
    fn figures(&self, from: usize, to: usize) -> (usize, Vec<&str>) {
        let bytes = self.norm.as_bytes();
        let mut end = from;
        while end < to && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
            end += 1;
        }
        // A point closing the run is the next label's (“…0.”) or a full stop.
        while end > from && bytes[end - 1] == b'.' {
            end -= 1;
        }
        let mut tokens = Vec::new();
        let mut start = from;
        for at in from + 1..end {
            if self.broken_at(at) {
                tokens.push(&self.norm[start..at]);
                start = at;
            }
        }
        if start < end {
            tokens.push(&self.norm[start..end]);
        }
        (end, tokens)
    }

    /// Whether every gap between `tokens` (figures of this stream) keeps
    /// cells apart: figures standing as cells, not run together.
    fn apart_as_cells(&self, tokens: &[&str]) -> bool {
        let base = self.norm.as_ptr() as usize;
        tokens[1..].iter().all(|t| {
            let at = t.as_ptr() as usize - base;
            self.breaks.binary_search(&at).is_ok_and(|i| self.apart[i])
        })
    }

    fn tabs_at(&self, at: usize) -> usize {
        self.breaks.binary_search(&at).map_or(0, |i| usize::from(self.tabs[i]))
    }

    /// The figures of `[from, end)` with the blank cells that tabs show
    /// (two tabs between figures: a blank cell between them), when that
    /// makes `n` cells.
    fn with_blanks(&self, from: usize, end: usize, tokens: &[&str], n: usize) -> Option<Vec<String>> {
        let base = self.norm.as_ptr() as usize;
        let mut parts: Vec<String> = Vec::with_capacity(n);
        for (k, token) in tokens.iter().enumerate() {
            let at = token.as_ptr() as usize - base;
            let blanks = self.tabs_at(if k == 0 { from } else { at }).saturating_sub(1);
            parts.extend(std::iter::repeat_n(String::new(), blanks.min(n)));
            parts.push(token.to_string());
        }
        parts.extend(std::iter::repeat_n(String::new(), self.tabs_at(end).min(n)));
        (!tokens.is_empty() && parts.len() == n).then_some(parts)
    }
}

/// The figures of a text, each with the words before it, for the prose
/// tiebreak. A figure backs a cutting of a 表二 row only where the words
/// before it name the row's subject (“制发规范性文件623件”), not wherever
/// the same digits occur: a crawler's run-together “5040” was cut 50, 4, 0
/// because the prose said “申请50件”.
#[derive(Debug, Default)]
pub struct ProseFigures(HashMap<String, Vec<String>>);

/// The characters before a figure kept as its context.
const CONTEXT_CHARS: usize = 20;

impl ProseFigures {
    pub fn of(text: &str) -> ProseFigures {
        let mut figures: HashMap<String, Vec<String>> = HashMap::new();
        let mut start = None;
        for (at, c) in text.char_indices().chain([(text.len(), ' ')]) {
            if c.is_ascii_digit() || c == '.' {
                start.get_or_insert(at);
                continue;
            }
            let Some(from) = start.take() else { continue };
            let figure = text[from..at].trim_matches('.');
            if figure.len() < 2 || figure.starts_with('0') {
                continue;
            }
            // The words before it, back to the sentence's start (looked for
            // only that far back: a text of figures and no sentence ends
            // would be read again for each figure).
            let before = &text[floor_char(text, from.saturating_sub(CONTEXT_CHARS * 4))..from];
            let sentence = before.rfind(['。', '；', '\n']).map_or(before, |end| &before[end..]);
            let skip = sentence.chars().count().saturating_sub(CONTEXT_CHARS);
            let context: String = sentence.chars().skip(skip).collect();
            figures.entry(figure.to_string()).or_default().push(context);
        }
        ProseFigures(figures)
    }

    /// Whether the prose states `figure`, after words naming `subject`
    /// when there is one.
    fn back(&self, figure: &str, subject: Option<&str>) -> bool {
        self.0.get(figure).is_some_and(|before| subject.is_none_or(|s| before.iter().any(|b| b.contains(s))))
    }
}

fn floor_char(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A table read from running text.
#[derive(Clone, Debug)]
pub struct FlowTable {
    pub table: TableId,
    /// The raw text of every value cell.
    pub values: Vec<(CellId, String)>,
    /// Some row's figures ran together and were cut by arithmetic.
    pub split: bool,
    /// Cuttings that are not certain.
    pub doubts: Vec<Doubt>,
    /// Row labels written otherwise: (official label, as written).
    pub label_diffs: Vec<(&'static str, String)>,
    /// 表三's （六）其他处理 was one row (the 2019 layout): read into its
    /// last sub-row.
    pub collapsed_other: bool,
}

/// A run of figures that could be cut in more than one way, or in no way
/// that satisfies the report's arithmetic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doubt {
    /// The row's official label.
    pub row: &'static str,
    pub cells: Vec<CellId>,
    /// The figures as they ran together.
    pub run: String,
    pub chosen: Vec<String>,
    /// Other readings, most plausible first.
    pub alternatives: Vec<Vec<String>>,
    /// Whether the chosen reading satisfies the row's own sums.
    pub consistent: bool,
}

impl Doubt {
    /// Its S6 finding (made in `rules/structure.rs`).
    pub fn finding(&self, table: TableId) -> crate::finding::Finding {
        crate::rules::structure::figures_in_doubt(&crate::rules::structure::FiguresInDoubt {
            table,
            row: self.row,
            cells: &self.cells,
            run: &self.run,
            chosen: &self.chosen,
            alternatives: &self.alternatives,
            consistent: self.consistent,
        })
    }
}

/// What the cells of a row must satisfy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Nothing within the row (表二).
    Free,
    /// Groups of `n` cells whose last is the sum of the others (表三's
    /// seven columns, 表四's three groups of five).
    Sums(usize),
}

/// A row of a table as read: its label, its cells and its figures.
struct RowSpec {
    label: &'static str,
    norm: String,
    cells: Vec<CellId>,
    rule: Rule,
}

fn row_specs(table: TableId) -> Vec<RowSpec> {
    let spec =
        |label: &'static str, cells: Vec<CellId>, rule| RowSpec { label, norm: normalize_label(label), cells, rule };
    match table {
        TableId::Active => layout::ACTIVE_BLOCKS
            .iter()
            .flat_map(|b| b.rows.iter())
            .map(|(label, _, cells)| spec(label, cells.to_vec(), Rule::Free))
            .collect(),
        TableId::Requests => layout::REQUEST_ROWS
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let label = row.path.last().copied().unwrap_or_default();
                spec(label, (0..7).map(|c| request_cell(r, c)).collect(), Rule::Sums(7))
            })
            .collect(),
        TableId::ReviewLitigation => {
            vec![spec("复议后起诉", (0..15).map(|i| review_cell(i / 5, i % 5)).collect(), Rule::Sums(5))]
        }
    }
}

/// The label that starts the table in the text.
fn anchor(table: TableId) -> &'static str {
    match table {
        TableId::Active => layout::ACTIVE_BLOCKS[0].caption,
        TableId::Requests => "本年新收政府信息公开申请数量",
        TableId::ReviewLitigation => "未经复议直接起诉",
    }
}

/// The header labels of 表四 that stand between its anchor and its figures,
/// whole or as the pieces of labels wrapped in their cells (text laid out
/// as the page shows it has the lines of neighbouring cells interleaved:
/// “结果 结果 其他 尚未” over “维持 纠正 结果 审结”).
const REVIEW_HEADERS: [&str; 15] = [
    "行政复议",
    "行政诉讼",
    "未经复议直接起诉",
    "复议后起诉",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "其他",
    "结果",
    "维持",
    "纠正",
    "尚未",
    "审结",
];

/// How far around a table's first row its column labels are looked for.
const HEADER_WINDOW: usize = 900;

/// The column labels (normalised) a table's text shows before its rows.
fn header_labels(table: TableId) -> Vec<String> {
    match table {
        TableId::Active => layout::ACTIVE_BLOCKS[0].columns.iter().map(|c| normalize_label(c)).collect(),
        TableId::Requests => layout::REQUEST_COLUMNS[..5].iter().map(|(_, l)| normalize_label(l)).collect(),
        TableId::ReviewLitigation => Vec::new(),
    }
}

/// Whether a table's header text shows a column label: whole, or wrapped
/// inside its cell and interleaved with its neighbours' lines as a PDF's
/// laid-out text has it (“商业 科研” over “企业 机构”): every two
/// characters of it there.
fn header_shows(header: &str, label: &str) -> bool {
    if header.contains(label) {
        return true;
    }
    let chars: Vec<char> = label.chars().collect();
    chars.len() >= 4 && chars.chunks(2).all(|piece| header.contains(&piece.iter().collect::<String>()))
}

/// Most text between two row labels (captions, headers, a row's figures).
const ROW_WINDOW: usize = 600;

/// Reads `table` from the stream; `None` when its labels are not there in order.
pub fn read(stream: &Stream, table: TableId, prose: &ProseFigures) -> Option<FlowTable> {
    let specs = row_specs(table);
    let start = stream.norm.find(&normalize_label(anchor(table)))?;
    // Each row: where its figures start and where its segment ends.
    // Each row: where its figures start and end, and the figures.
    let mut rows: Vec<(usize, usize, Vec<&str>)> = Vec::with_capacity(specs.len());
    let mut label_diffs = Vec::new();
    let mut collapsed_other = false;
    match table {
        TableId::ReviewLitigation => {
            let mut at = start;
            'headers: loop {
                for h in REVIEW_HEADERS {
                    if stream.norm[at..].starts_with(h) {
                        at += h.len();
                        continue 'headers;
                    }
                }
                break;
            }
            let (end, tokens) = stream.figures(at, stream.norm.len());
            if tokens.is_empty() {
                return None;
            }
            rows.push((at, end, tokens));
        }
        _ => {
            // The table's own column labels (most of them: one may be
            // written otherwise) stand near its first row: a table of
            // another layout (the 2019 one) with the same row labels is not
            // read as this one.
            let header_from = floor_char(&stream.norm, start.saturating_sub(HEADER_WINDOW));
            let header_to = floor_char(&stream.norm, stream.norm.len().min(start + HEADER_WINDOW));
            let header = &stream.norm[header_from..header_to];
            let labels = header_labels(table);
            if labels.iter().filter(|l| header_shows(header, l)).count() * 2 < labels.len() {
                return None;
            }
            // The first row's label may carry its numbering before the anchor.
            let mut at = floor_char(&stream.norm, start.saturating_sub(12));
            let mut found: Vec<Option<(usize, usize)>> = Vec::with_capacity(specs.len());
            for spec in &specs {
                match stream.find(&spec.norm, at, ROW_WINDOW) {
                    Some(p) => {
                        found.push(Some((p, p + spec.norm.len())));
                        at = p + spec.norm.len();
                    }
                    None => found.push(None),
                }
            }
            // The 2019 layout's single （六）其他处理 row: its figures are
            // read into the last sub-row, the other two left blank.
            if table == TableId::Requests {
                use layout::request_row::{LAST_RESULT, RESULTS_TOTAL};
                let subrows = LAST_RESULT - 2..=LAST_RESULT;
                if subrows.clone().all(|r| found[r].is_none()) {
                    let before = found[LAST_RESULT - 3].map(|(_, e)| e);
                    let after = found[RESULTS_TOTAL].map(|(s, _)| s);
                    let other = normalize_label(layout::REQUEST_ROWS[LAST_RESULT].path[1]);
                    if let (Some(before), Some(after)) = (before, after) {
                        if let Some(p) = stream.find(&other, before, after.saturating_sub(before)) {
                            found[LAST_RESULT] = Some((p, p + other.len()));
                            collapsed_other = true;
                        }
                    }
                }
            }
            // A row whose label is written otherwise lies between its
            // neighbours: the figures of the row before, the label, its figures.
            for i in 0..specs.len() {
                if collapsed_other
                    && (layout::request_row::LAST_RESULT - 2..layout::request_row::LAST_RESULT).contains(&i)
                {
                    continue;
                }
                if found[i].is_some() {
                    continue;
                }
                let before = i.checked_sub(1).and_then(|j| found[j]);
                let after = found.get(i + 1).copied().flatten();
                let (Some((_, prev_end)), Some((next_start, _))) = (before, after) else { return None };
                let (label_start, label_end) = altered_label(stream, &specs[i].norm, prev_end, next_start)?;
                label_diffs.push((specs[i].label, stream.norm[label_start..label_end].to_string()));
                found[i] = Some((label_start, label_end));
            }
            for i in 0..specs.len() {
                let Some((_, label_end)) = found[i] else {
                    rows.push((0, 0, Vec::new())); // a collapsed sub-row: blank
                    continue;
                };
                let limit = found.get(i + 1).copied().flatten().map(|(s, _)| s).unwrap_or(stream.norm.len());
                let (end, tokens) = stream.figures(label_end, limit.max(label_end));
                rows.push((label_end, end, tokens));
            }
        }
    }
    let mut candidates: Vec<Vec<Reading>> = Vec::with_capacity(specs.len());
    let mut split = false;
    for (spec, (from, end, tokens)) in specs.iter().zip(&rows) {
        let money: Vec<bool> = spec.cells.iter().map(|id| id.kind() == CellKind::Money).collect();
        if tokens.is_empty() && collapsed_other {
            let blank = vec![String::new(); spec.cells.len()];
            candidates.push(vec![Reading { parts: blank, broken: 0, deviation: 0, plausibility: 0 }]);
            continue;
        }
        if tokens.len() == spec.cells.len() {
            // Kept apart by the source: as written.
            let parts: Vec<String> = tokens.iter().map(|t| t.to_string()).collect();
            candidates.push(vec![Reading::new(parts, spec, &money, prose)]);
            continue;
        }
        if let Some(parts) = stream.with_blanks(*from, *end, tokens, spec.cells.len()) {
            candidates.push(vec![Reading::new(parts, spec, &money, prose)]);
            continue;
        }
        // Figures the text keeps apart as cells (by spaces, line breaks or
        // tabs), fewer than the row's cells: blank cells (whose places only
        // a laid-out text's columns show, read from its lines by
        // [`super::unruled`]) or figures standing elsewhere, not figures to
        // cut. (A crawler's “200\u{a0}000121” has figures run together on
        // both sides of its gap.)
        if tokens.is_empty()
            || tokens.len() > 1 && stream.apart_as_cells(tokens)
            || tokens.len() > spec.cells.len()
            || tokens.iter().map(|t| t.len()).sum::<usize>() > MAX_RUN
        {
            return None;
        }
        split = true;
        let mut readings = cut_readings(tokens, spec, &money, prose);
        if readings.is_empty() {
            // Too few figures for the row: a blank cell, which run-together
            // figures cannot show. Each place for it that makes the row add
            // up is a reading (表三's column identities choose among them;
            // S6 names the others), rather than the whole table unread.
            readings = readings_with_a_blank(tokens, spec, &money, prose);
        }
        if readings.is_empty() {
            return None;
        }
        candidates.push(readings);
    }
    if table == TableId::Requests {
        resolve_by_columns(&mut candidates);
    }
    let mut values = Vec::new();
    let mut doubts = Vec::new();
    for ((spec, (_, _, tokens)), pool) in specs.iter().zip(&rows).zip(&candidates) {
        let chosen = &pool[0];
        values.extend(spec.cells.iter().copied().zip(chosen.parts.iter().cloned()));
        if pool.len() > 1 || !chosen.consistent() {
            doubts.push(Doubt {
                row: spec.label,
                cells: spec.cells.clone(),
                run: tokens.join(" "),
                chosen: chosen.parts.clone(),
                alternatives: pool[1..].iter().take(3).map(|r| r.parts.clone()).collect(),
                consistent: chosen.consistent(),
            });
        }
    }
    // A row that is not consistent but was cut in one way only is a sum
    // the report got wrong, not a doubt about the cutting.
    doubts.retain(|d| !d.alternatives.is_empty());
    Some(FlowTable { table, values, split, doubts, label_diffs, collapsed_other })
}

/// Where the label of a row stands between the figures of the row before
/// (from `from`) and the next row's label (at `to`), when it is not the
/// official text: (start, end).
fn altered_label(stream: &Stream, official: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let bytes = stream.norm.as_bytes();
    let mut raw_end = from;
    while raw_end < to && (bytes[raw_end].is_ascii_digit() || bytes[raw_end] == b'.') {
        raw_end += 1;
    }
    // “…00000002.其他法律行政止公开”: the “2.” is the label's numbering.
    let numbering = official.as_bytes().get(..2).filter(|n| n[0].is_ascii_digit() && n[1] == b'.');
    let start = match numbering {
        Some(n) if raw_end >= from + 2 && &bytes[raw_end - 2..raw_end] == n => raw_end - 2,
        _ => {
            let after = stream.figures(from, to).0;
            // A group label standing before it (“三、本年度办理结果2.其他…”,
            // text laid out as the page shows it): the label starts at its numbering.
            let numbered = numbering.and_then(|n| {
                (after..to.saturating_sub(2)).find(|&k| &bytes[k..k + 2] == n && !bytes[k + 2].is_ascii_digit())
            });
            numbered.unwrap_or(after)
        }
    };
    let skip = if numbering.is_some() { 2 } else { 0 };
    let end = (start + skip..to).find(|&k| bytes[k].is_ascii_digit())?;
    (end > start + skip).then_some((start, end))
}

/// One way to read a row's figures, with what makes it plausible.
#[derive(Clone, Debug)]
struct Reading {
    parts: Vec<String>,
    /// How many of the row's sums do not add up (0: every sum holds).
    broken: usize,
    /// How far the sums are off (0 when consistent).
    deviation: u128,
    /// Higher is more plausible (prose figures, the usual shape of a row).
    plausibility: i64,
}

impl Reading {
    fn new(parts: Vec<String>, spec: &RowSpec, money: &[bool], prose: &ProseFigures) -> Reading {
        let rule = spec.rule;
        let numbers: Vec<Option<u128>> = parts.iter().map(|p| figure_value(p)).collect();
        let (broken, deviation) = match rule {
            Rule::Free => (0, 0),
            Rule::Sums(n) => numbers.chunks(n).fold((0, 0u128), |(broken, dev), group| {
                let (total, items) = group.split_last().unwrap_or((&None, &[]));
                match (total, items.iter().copied().sum::<Option<u128>>()) {
                    (Some(t), Some(s)) => (broken + usize::from(t != &s), dev.saturating_add(t.abs_diff(s))),
                    _ => (broken + 1, u128::MAX / 4),
                }
            }),
        };
        // 表二's rows are named in the prose by their subject (规范性文件,
        // 许可…); 表三's and 表四's figures by words too varied to require.
        let subject = match rule {
            Rule::Free => Some(spec.label.strip_prefix("行政").unwrap_or(spec.label)),
            Rule::Sums(_) => None,
        };
        let mut plausibility = 0i64;
        for (i, p) in parts.iter().enumerate() {
            if !money.get(i).copied().unwrap_or(false) && p.len() >= 2 && prose.back(p, subject) {
                plausibility += 100;
            }
        }
        plausibility += match (rule, numbers.as_slice()) {
            // 表二 (一): in force ≥ issued, and a few times as many.
            (Rule::Free, [Some(issued), Some(repealed), Some(in_force)]) => {
                let mut score = 0i64;
                if in_force < issued {
                    score -= 50;
                }
                if repealed > &(in_force + issued) {
                    score -= 20;
                }
                let ratio = (*in_force as f64 + 1.0) / (*issued as f64 + 1.0);
                score - (ratio.ln() - 5f64.ln()).abs().min(20.0) as i64 * 2
            }
            // 表三: most applicants are natural persons; research bodies,
            // public-welfare groups and legal services rarely apply.
            // Most rows have few applicant kinds (many zeros).
            (Rule::Sums(7), [a, b, c, d, e, f, _]) => {
                let weight = [2, 3, 5, 5, 4, 3];
                let rare: i64 = [a, b, c, d, e, f]
                    .iter()
                    .zip(weight)
                    .map(|(n, w)| if n.is_some_and(|n| n > 0) { w } else { 0 })
                    .sum();
                -rare
            }
            _ => 0,
        };
        Reading { parts, broken, deviation, plausibility }
    }

    /// Every sum of the row holds.
    fn consistent(&self) -> bool {
        self.broken == 0
    }

    /// Consistent first; else the fewest broken sums (a source whose own
    /// arithmetic is off in one place is read so, not as off in three with
    /// the same total difference), then the smallest difference.
    fn rank(&self) -> (bool, usize, u128, i64) {
        (!self.consistent(), self.broken, self.deviation, -self.plausibility)
    }
}

/// The readings of a run, most plausible first: the consistent ones if
/// any, else the closest.
fn cut_readings(tokens: &[&str], spec: &RowSpec, money: &[bool], prose: &ProseFigures) -> Vec<Reading> {
    let mut readings: Vec<Reading> = Vec::new();
    let mut budget = CUT_BUDGET;
    let mut parts: Vec<&str> = Vec::with_capacity(spec.cells.len());
    cut(tokens, 0, 0, spec.cells.len(), money, &mut parts, &mut budget, &mut |parts| {
        keep(&mut readings, Reading::new(parts.iter().map(|p| p.to_string()).collect(), spec, money, prose));
    });
    readings.sort_by_key(Reading::rank);
    if readings.iter().any(Reading::consistent) {
        readings.retain(Reading::consistent);
    }
    readings.truncate(KEEP);
    readings
}

/// [`cut_readings`] for a row with one blank cell: the figures cut into
/// one cell fewer, the blank put in each place in turn.
fn readings_with_a_blank(tokens: &[&str], spec: &RowSpec, money: &[bool], prose: &ProseFigures) -> Vec<Reading> {
    let n = spec.cells.len();
    let mut readings: Vec<Reading> = Vec::new();
    let mut budget = CUT_BUDGET;
    for blank in 0..n {
        let money_of_figures: Vec<bool> =
            money.iter().enumerate().filter(|&(i, _)| i != blank).map(|(_, &m)| m).collect();
        let mut parts: Vec<&str> = Vec::with_capacity(n);
        cut(tokens, 0, 0, n - 1, &money_of_figures, &mut parts, &mut budget, &mut |parts| {
            let mut with_blank: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            with_blank.insert(blank, String::new());
            keep(&mut readings, Reading::new(with_blank, spec, money, prose));
        });
    }
    // Only where the blank makes the row add up: a blank in a row whose
    // own sums are off would be placed by guesswork (the table stays
    // unread, S2).
    readings.retain(Reading::consistent);
    readings.sort_by_key(Reading::rank);
    readings.truncate(KEEP);
    readings
}

/// Adds `reading` to `readings`, keeping the best [`KEEP`] once there are
/// many (a run may be cut in millions of ways).
fn keep(readings: &mut Vec<Reading>, reading: Reading) {
    readings.push(reading);
    if readings.len() > KEEP * 64 {
        readings.sort_by_key(Reading::rank);
        readings.truncate(KEEP);
    }
}

/// A cell's figure as a count for the sums: a blank counts 0 (as the
/// arithmetic rules count it).
fn figure_value(figure: &str) -> Option<u128> {
    if figure.is_empty() {
        Some(0)
    } else {
        figure.parse().ok()
    }
}

/// Every way to cut the tokens (runs of figures between whitespace) into
/// `n` figures: a figure never spans tokens, has no leading zero (a lone
/// `0` or `0.5` is fine) and has a decimal point only in a money cell.
#[allow(clippy::too_many_arguments)]
fn cut<'a>(
    tokens: &[&'a str],
    token: usize,
    offset: usize,
    n: usize,
    money: &[bool],
    parts: &mut Vec<&'a str>,
    budget: &mut usize,
    visit: &mut dyn FnMut(&[&'a str]),
) {
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    if token == tokens.len() {
        if parts.len() == n {
            visit(parts);
        }
        return;
    }
    let text = tokens[token];
    let rest = &text[offset..];
    let left = n - parts.len();
    // Each later token needs a figure of its own.
    let later_tokens = tokens.len() - token - 1;
    if left <= later_tokens {
        return;
    }
    let later_bytes: usize = tokens[token + 1..].iter().map(|t| t.len()).sum();
    if rest.len() + later_bytes < left {
        return;
    }
    let cell_is_money = money.get(parts.len()).copied().unwrap_or(false);
    // The last cell takes the whole rest.
    let shortest = if left == 1 { rest.len() } else { 1 };
    for len in shortest..=rest.len() {
        let figure = &rest[..len];
        let last_here = len == rest.len();
        if !valid_figure(figure, cell_is_money) || (!last_here && rest.as_bytes()[len] == b'.') {
            continue;
        }
        parts.push(figure);
        if last_here {
            cut(tokens, token + 1, 0, n, money, parts, budget, visit);
        } else {
            cut(tokens, token, offset + len, n, money, parts, budget, visit);
        }
        parts.pop();
        if figure == "0" && !cell_is_money {
            break; // nothing longer starts with 0
        }
        if left == 1 {
            break;
        }
    }
}

fn valid_figure(f: &str, money: bool) -> bool {
    let points = f.bytes().filter(|b| *b == b'.').count();
    if points > usize::from(money) || f.starts_with('.') || f.ends_with('.') {
        return false;
    }
    !(f.len() > 1 && f.starts_with('0') && !f.starts_with("0."))
}

/// 表三's column identities across rows (一 + 二 = （七）总计 + 四 and
/// （七）总计 = the sum of the result rows, in every column): a row still
/// read in several ways keeps the readings that make them hold, where the
/// other rows are settled.
fn resolve_by_columns(pools: &mut [Vec<Reading>]) {
    use layout::request_row::{CARRIED_FORWARD, CARRIED_OVER, FIRST_RESULT, LAST_RESULT, NEW_RECEIVED, RESULTS_TOTAL};
    if pools.len() != 25 {
        return;
    }
    // (rows added, rows added on the other side)
    let identities: [(Vec<usize>, Vec<usize>); 2] = [
        (vec![NEW_RECEIVED, CARRIED_OVER], vec![RESULTS_TOTAL, CARRIED_FORWARD]),
        ((FIRST_RESULT..=LAST_RESULT).collect(), vec![RESULTS_TOTAL]),
    ];
    for _ in 0..4 {
        let mut changed = false;
        for (left, right) in &identities {
            let rows: Vec<usize> = left.iter().chain(right).copied().collect();
            let open: Vec<usize> = rows.iter().copied().filter(|&r| pools[r].len() > 1).collect();
            let combos = open.iter().try_fold(1usize, |n, &r| n.checked_mul(pools[r].len()));
            if open.is_empty() || combos.is_none_or(|n| n > 20_000) {
                continue;
            }
            // Every choice of readings of the open rows; keep the readings
            // that take part in a choice satisfying the identity in all columns.
            let mut choice = vec![0usize; open.len()];
            let mut used: Vec<Vec<bool>> = open.iter().map(|&r| vec![false; pools[r].len()]).collect();
            loop {
                let pick = |r: usize| -> &Reading {
                    match open.iter().position(|&o| o == r) {
                        Some(k) => &pools[r][choice[k]],
                        None => &pools[r][0],
                    }
                };
                let holds = (0..7).all(|c| {
                    let sum = |rows: &[usize]| -> Option<u128> {
                        rows.iter().map(|&r| figure_value(pick(r).parts.get(c)?)).sum()
                    };
                    matches!((sum(left), sum(right)), (Some(a), Some(b)) if a == b)
                });
                if holds {
                    for (k, &i) in choice.iter().enumerate() {
                        used[k][i] = true;
                    }
                }
                // Next choice (an odometer).
                let mut k = 0;
                while k < choice.len() {
                    choice[k] += 1;
                    if choice[k] < pools[open[k]].len() {
                        break;
                    }
                    choice[k] = 0;
                    k += 1;
                }
                if k == choice.len() {
                    break;
                }
            }
            for (k, &r) in open.iter().enumerate() {
                if used[k].iter().any(|u| *u) && used[k].iter().any(|u| !*u) {
                    let kept = pools[r].iter().zip(&used[k]).filter(|(_, u)| **u).map(|(r, _)| r.clone()).collect();
                    pools[r] = kept;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_cuts(run: &str, n: usize) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut budget = CUT_BUDGET;
        cut(&[run], 0, 0, n, &[], &mut Vec::new(), &mut budget, &mut |p| {
            out.push(p.iter().map(|s| s.to_string()).collect())
        });
        out
    }

    #[test]
    fn cuts_have_no_leading_zeros() {
        assert_eq!(all_cuts("000", 3), vec![vec!["0", "0", "0"]]);
        assert_eq!(all_cuts("105", 2), vec![vec!["10", "5"]]);
        assert_eq!(all_cuts("1000", 2), vec![vec!["100", "0"]]);
        assert!(all_cuts("0010", 2).is_empty());
    }

    #[test]
    fn reads_the_crawler_rows_of_table_three() {
        let text = "一、本年新收政府信息公开申请数量21710000218二、上年结转政府信息公开申请数量0000000";
        let stream = Stream::new(text);
        let t = read(&stream, TableId::Requests, &ProseFigures::default());
        assert!(t.is_none(), "the other rows are not there");
        let specs = row_specs(TableId::Requests);
        let (_, tokens) = stream.figures(stream.norm.find("21710").unwrap(), stream.norm.len());
        let r = cut_readings(&tokens, &specs[0], &[false; 7], &ProseFigures::default());
        assert_eq!(r[0].parts, ["217", "1", "0", "0", "0", "0", "218"]);
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn the_next_labels_number_is_not_a_figure() {
        let stream = Stream::new("1.属于国家秘密40000042.其他法律行政法规禁止公开0000000");
        let at = stream.find("2.其他法律行政法规禁止公开", 0, 200).unwrap();
        let (end, tokens) = stream.figures(stream.norm.find("4000004").unwrap(), at);
        assert_eq!(tokens, ["4000004"]);
        assert_eq!(end, at);
    }

    #[test]
    fn separated_figures_are_taken_as_written() {
        let stream = Stream::new("规章\t0\n\n0\t 0\n行政规范性文件  62  33  440");
        let (_, tokens) = stream.figures(stream.norm.find('0').unwrap(), stream.norm.find('行').unwrap());
        assert_eq!(tokens, ["0", "0", "0"]);
    }

    #[test]
    fn the_prose_breaks_a_tie() {
        let spec = &row_specs(TableId::Active)[1];
        let plain = cut_readings(&["6233440"], spec, &[false; 3], &ProseFigures::default());
        assert_eq!(plain[0].parts, ["62", "33", "440"]);
        let prose = ProseFigures::of("2024年，制发行政规范性文件623件，废止3件。");
        let said = cut_readings(&["6233440"], spec, &[false; 3], &prose);
        assert_eq!(said[0].parts[0], "623");
        // The same digits about something else do not back a cutting.
        let elsewhere = ProseFigures::of("规范性文件见附件。2024年共收到申请623件，12月31日前办结。");
        assert_eq!(cut_readings(&["6233440"], spec, &[false; 3], &elsewhere)[0].parts, ["62", "33", "440"]);
    }
}
