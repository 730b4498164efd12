//! The document pipeline shared by the importers of documents (Word, web
//! pages, plain text and Markdown, PDF): each turns its source into a
//! sequence of [`Block`]s — paragraphs and tables as grids of slots — and
//! this module finds the title, the six sections and the three official
//! tables in them ([`crate::import::grid`]), with the structure findings
//! (S1 heading aliases, S2 missing tables, S3 altered labels, S5 2019
//! layout).

use crate::error::ImportError;
use crate::finding::{Finding, RuleCode, Severity};
use crate::import::flow::FlowTable;
use crate::import::furniture;
use crate::import::grid::{find_table, SlotGrid};
use crate::import::{ReadMethod, TableReading, Unread, UnreadTable};
use crate::layout::Slot;
use crate::layout::{normalize_label, TableId};
use crate::model::{Date, OrganKind, Report, SectionKey, Value};

/// A block of a document body, in order.
#[derive(Clone, Debug)]
pub enum Block {
    /// A paragraph (a line of text). `title`/`signature`: marked as the
    /// title or closing lines by the source (nianbao's Word styles, a
    /// Markdown `#` heading); `right`/`center`: its alignment.
    Paragraph {
        text: String,
        title: bool,
        signature: bool,
        right: bool,
        center: bool,
    },
    Table(Vec<Vec<Slot>>),
}

impl Block {
    /// A plain paragraph.
    pub fn para(text: impl Into<String>) -> Block {
        Block::Paragraph { text: text.into(), title: false, signature: false, right: false, center: false }
    }
}

/// The blocks with their text as a reader sees it
/// ([`crate::fold::fold_display`]: 一 and 行, never ⼀ and ⾏), so that
/// the prose, the meta and the findings quoting the source all read right;
/// borrowed when no text changes.
fn folded_blocks(blocks: &[Block]) -> std::borrow::Cow<'_, [Block]> {
    use crate::fold::fold_display;
    let changes = |t: &str| matches!(fold_display(t), std::borrow::Cow::Owned(_));
    let any = blocks.iter().any(|b| match b {
        Block::Paragraph { text, .. } => changes(text),
        Block::Table(rows) => rows.iter().flatten().any(|s| changes(&s.text)),
    });
    if !any {
        return std::borrow::Cow::Borrowed(blocks);
    }
    let mut blocks = blocks.to_vec();
    fold_blocks(&mut blocks);
    std::borrow::Cow::Owned(blocks)
}

/// [`folded_blocks`] in place.
pub fn fold_blocks(blocks: &mut [Block]) {
    use crate::fold::fold_string;
    for block in blocks {
        match block {
            Block::Paragraph { text, .. } => fold_string(text),
            Block::Table(rows) => rows.iter_mut().flatten().for_each(|s| fold_string(&mut s.text)),
        }
    }
}

/// What a heading paragraph opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Section(SectionKey),
    Table(TableId),
}

/// Reads the official tables from a Word document's tables; whether any
/// was there.
#[cfg(feature = "office")]
pub fn read_tables(blocks: &[Block], report: &mut Report, findings: &mut Vec<Finding>) -> Result<bool, ImportError> {
    let mut any = false;
    let units = table_units(blocks);
    let units: Vec<(&TableUnit, SlotGrid)> = units.iter().map(|unit| (unit, unit.grid())).collect();
    for table in TableId::ALL {
        any |= read_one(&units, table, report, findings)?;
    }
    findings.extend(hidden_elsewhere(blocks, findings));
    Ok(any)
}

/// Reads one official table from the table units; whether it was there.
fn read_one(
    units: &[(&TableUnit, SlotGrid)],
    table: TableId,
    report: &mut Report,
    findings: &mut Vec<Finding>,
) -> Result<bool, ImportError> {
    let mut found_in: Option<usize> = None;
    let mut hidden = Vec::new();
    for (unit, grid) in units {
        let Some(found) = find_table(grid, table)? else { continue };
        let at = unit.origin.get(found.origin.0).map(|(t, _)| *t).unwrap_or(unit.first);
        if let Some(first) = found_in {
            return Err(ImportError::at(
                format!("第 {} 个表格", at + 1),
                format!(
                    "{}在第 {} 个和第 {} 个表格中都出现了，无法确定该读哪一个；请只保留一个",
                    table.short_name(),
                    first + 1,
                    at + 1
                ),
            ));
        }
        found_in = Some(at);
        findings.extend(found.label_diffs.iter().map(|d| d.finding(table)));
        if found.collapsed_other {
            findings.push(crate::rules::format_2019::collapsed_other(report.meta.year));
        }
        for (id, text, (r, c)) in found.values {
            if unit.rows.get(r).and_then(|row| row.get(c)).is_some_and(|slot| slot.hidden) {
                hidden.push((id, text.clone()));
            }
            report.set_parsed(id, &text);
        }
    }
    if !hidden.is_empty() {
        findings.push(crate::rules::structure::hidden_in_cells(&hidden));
    }
    Ok(found_in.is_some())
}

/// Hidden slots in the blocks' tables that no S8 cell finding names.
fn hidden_elsewhere(blocks: &[Block], findings: &[Finding]) -> Option<Finding> {
    let all = blocks
        .iter()
        .map(|b| match b {
            Block::Table(rows) => rows.iter().flatten().filter(|s| s.hidden).count(),
            Block::Paragraph { .. } => 0,
        })
        .sum::<usize>();
    let named = findings.iter().filter(|f| f.rule == RuleCode::S8).map(|f| f.cells.len()).sum::<usize>();
    (all > named).then(crate::rules::structure::hidden_elsewhere)
}

/// A title names the place (“红寺堡区 2025 年…”), the text the organ:
/// when the report speaks of “红寺堡区人民政府”, that is the organ.
fn complete_organ(report: &mut Report) {
    let organ = report.meta.organ.trim().to_string();
    if organ.is_empty() || OrganKind::guess(&organ).is_some() {
        return;
    }
    let full = format!("{organ}人民政府");
    let said = SectionKey::ALL.into_iter().filter_map(|k| report.sections.get(k)).any(|t| t.contains(&full));
    if said {
        report.meta.organ = full;
        report.meta.organ_kind = OrganKind::guess(&report.meta.organ);
    }
}

/// Reads what it can of a published document (text, web page, PDF): a
/// table that cannot be matched to the official layout is reported missing
/// (S2) with the reason, never guessed; tables in the 2019 layout are named
/// (S5). `what` names the source for messages (`网页`, `文本`, `PDF`).
pub fn assemble(
    blocks: &[Block],
    format: crate::import::Format,
    what: &str,
) -> Result<crate::import::Imported, ImportError> {
    assemble_with(blocks, format, what, &|_| None)
}

/// [`assemble`], with a second way to read a table that is not found in
/// the blocks' tables: `running` reads it from the running text
/// ([`crate::import::flow`]).
pub fn assemble_with(
    blocks: &[Block],
    format: crate::import::Format,
    what: &str,
    running: &dyn Fn(TableId) -> Option<FlowTable>,
) -> Result<crate::import::Imported, ImportError> {
    let blocks = &*folded_blocks(blocks);
    let mut report = Report::new();
    let mut findings = Vec::new();
    let signature = read_prose(blocks, &mut report, &mut findings);
    derive_meta(&mut report, signature.title.as_deref(), &signature);
    // “淮安市人民政府” on the line above “2024年政府信息公开工作年度报告”.
    if let (true, Some(above), Some(title)) = (report.meta.organ.is_empty(), &signature.above_title, &report.meta.title)
    {
        if above.chars().count() <= 30 && OrganKind::guess(above).is_some() && !title.contains(above.as_str()) {
            report.meta.title = Some(format!("{above}{title}"));
            report.meta.organ = above.clone();
            report.meta.organ_kind = OrganKind::guess(above);
        }
    }
    complete_organ(&mut report);
    let headings = SectionKey::ALL.into_iter().any(|k| k != SectionKey::Preamble && report.sections.get(k).is_some());
    let units = table_units(blocks);
    let units: Vec<(&TableUnit, SlotGrid)> = units.iter().map(|unit| (unit, unit.grid())).collect();
    let mut table_texts: Vec<&str> = Vec::new();
    for block in blocks {
        if let Block::Table(rows) = block {
            table_texts.extend(rows.iter().flatten().map(|s| s.text.as_str()));
        }
    }
    // Text whose tables are not in table blocks (plain text): what stands
    // under the tables' headings is their text.
    let mut under_table = false;
    for block in blocks.iter().filter(|_| format == crate::import::Format::Text) {
        if let Block::Paragraph { text, .. } = block {
            match heading(text) {
                Some((part, _)) => under_table = matches!(part, Part::Table(_)),
                None if under_table => table_texts.push(text),
                None => {}
            }
        }
    }
    let mut old: Vec<&'static str> = Vec::new();
    for text in &table_texts {
        for f in crate::rules::format_2019::fingerprints_in(text) {
            if !old.contains(&f) {
                old.push(f);
            }
        }
    }
    let mut any = false;
    let mut missing = Vec::new();
    let mut readings = Vec::new();
    for table in TableId::ALL {
        let before = findings.len();
        let read = match read_one(&units, table, &mut report, &mut findings) {
            Ok(true) => Ok(true),
            other => match running(table) {
                Some(flow) => {
                    drop_label_diffs_since(&mut findings, before);
                    readings.push(apply_flow(&flow, &mut report, &mut findings));
                    Ok(true)
                }
                None => other,
            },
        };
        match read {
            Ok(true) => any = true,
            Ok(false) => missing.push((table, None)),
            Err(e) => {
                // Nothing half-read: the table's cells stay blank.
                for id in table.cells() {
                    report.set(id, Value::Blank);
                }
                drop_label_diffs_since(&mut findings, before);
                missing.push((table, Some(e)));
            }
        }
    }
    findings.extend(hidden_elsewhere(blocks, &findings));
    if !any && !headings {
        if let Some(e) = crate::import::grid::outdated_template_error(table_texts.iter().copied()) {
            return Err(e);
        }
        return Err(ImportError::new(format!(
            "在{what}中没有找到年度报告的标题（如“一、总体情况”）或官方格式的表二、表三、表四：请确认这是政府信息公开工作年度报告，且内容完整"
        )));
    }
    let old_year = report.meta.year.is_some_and(|y| y < crate::rules::format_2019::FIRST_YEAR_2021);
    if !old.is_empty() {
        findings.push(crate::rules::format_2019::outdated_template(report.meta.year, &old, &[]));
    }
    let mut unread = Vec::new();
    for (table, error) in missing {
        unread.push(UnreadTable {
            table,
            why: match &error {
                Some(_) => Unread::Misfit,
                None if !old.is_empty() => Unread::Outdated,
                None => Unread::NotFound,
            },
        });
        let severity = if old_year && !old.is_empty() { Severity::Info } else { Severity::Error };
        let reason = match &error {
            Some(e) => format!("表格与官方格式对不上：{e}"),
            None if !old.is_empty() => "表格是 2019 年试行格式，与 2021 年格式的行列不同".to_string(),
            None => format!("{what}中没有找到这张表（按官方的行、列标签查找）"),
        };
        findings.push(crate::rules::structure::table_not_read(table, severity, &reason));
    }
    Ok(crate::import::Imported { report, findings, format, tables: readings, unread })
}

/// Drops the altered labels (S3) a table's attempted reading found since
/// `since`: the table was read another way, or not at all.
fn drop_label_diffs_since(findings: &mut Vec<Finding>, since: usize) {
    let mut index = 0;
    findings.retain(|f| {
        index += 1;
        index <= since || f.rule != RuleCode::S3
    });
}

/// Puts a table read from running text into the report: its figures, its
/// altered labels (S3) and its uncertain cuttings (S6).
fn apply_flow(flow: &FlowTable, report: &mut Report, findings: &mut Vec<Finding>) -> TableReading {
    let table = flow.table;
    for (id, text) in &flow.values {
        report.set(*id, Value::parse(text));
    }
    for (expected, actual) in &flow.label_diffs {
        let diff = crate::import::grid::LabelDiff {
            location: format!("「{expected}」这一行的标签"),
            expected,
            actual: actual.clone(),
        };
        findings.push(diff.finding(table));
    }
    if flow.collapsed_other {
        findings.push(crate::rules::format_2019::collapsed_other(report.meta.year));
    }
    for doubt in &flow.doubts {
        findings.push(doubt.finding(table));
    }
    let method = if flow.split { ReadMethod::Split } else { ReadMethod::TextColumns };
    let note = (!flow.doubts.is_empty()).then(|| {
        let rows: Vec<String> = flow.doubts.iter().map(|d| format!("「{}」", d.row)).collect();
        format!("{} 行的数字可以有不止一种拆法：{}，已按最可能的读取，请核对", rows.len(), rows.join("、"))
    });
    TableReading { table: table.key(), method, certain: flow.doubts.is_empty(), note }
}

/// Word tables that follow each other with only empty paragraphs between
/// are one table split by hand (a page break): joined, without the header
/// rows the continuation repeats.
struct TableUnit {
    rows: Vec<Vec<Slot>>,
    /// For each row: (table number in the document, row in that table).
    origin: Vec<(usize, usize)>,
    first: usize,
}

impl TableUnit {
    /// The unit as a grid whose positions are named by the document's tables.
    fn grid(&self) -> SlotGrid<'_> {
        SlotGrid::new(&self.rows, |r, c| {
            let (t, row) = self.origin.get(r).copied().unwrap_or((self.first, r));
            format!("第 {} 个表格第 {} 行第 {} 列", t + 1, row + 1, c + 1)
        })
    }
}

fn table_units(blocks: &[Block]) -> Vec<TableUnit> {
    let texts = |row: &[Slot]| -> Vec<String> { row.iter().map(|s| normalize_label(&s.text)).collect() };
    let mut units: Vec<TableUnit> = Vec::new();
    let mut joinable = false;
    let mut number = 0;
    for block in blocks {
        match block {
            Block::Paragraph { text, .. } => joinable &= text.trim().is_empty(),
            Block::Table(rows) => {
                match units.last_mut().filter(|_| joinable) {
                    Some(unit) => {
                        let repeated = rows
                            .iter()
                            .zip(&unit.rows)
                            .take_while(|(a, b)| texts(a) == texts(b) && a.iter().any(|s| !s.text.trim().is_empty()))
                            .count();
                        for (r, row) in rows.iter().enumerate().skip(repeated) {
                            unit.rows.push(row.clone());
                            unit.origin.push((number, r));
                        }
                    }
                    None => units.push(TableUnit {
                        rows: rows.clone(),
                        origin: (0..rows.len()).map(|r| (number, r)).collect(),
                        first: number,
                    }),
                }
                number += 1;
                joinable = true;
            }
        }
    }
    units
}

/// Heading aliases seen in real reports (FORMAT.md §1): accepted, and
/// reported as non-canonical (S1, info).
pub(crate) const HEADING_ALIASES: [(Part, &str); 7] = [
    (Part::Section(SectionKey::Overview), "一、概述"),
    (Part::Table(TableId::ReviewLitigation), "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    (Part::Table(TableId::ReviewLitigation), "四、政府信息公开工作行政复议、行政诉讼情况"),
    (Part::Table(TableId::ReviewLitigation), "四、被申请行政复议、提起行政诉讼情况"),
    (Part::Table(TableId::ReviewLitigation), "四、政府信息公开行政复议和行政诉讼情况"),
    (Part::Section(SectionKey::Problems), "五、政府信息公开工作存在的主要问题及改进情况"),
    (Part::Section(SectionKey::Problems), "五、存在问题及改进情况"),
];

impl Part {
    fn heading(self) -> &'static str {
        match self {
            Part::Section(key) => key.heading(),
            Part::Table(table) => table.heading(),
        }
    }
}

/// The part a heading paragraph opens, if it is one, and whether it is
/// written as an alias. The numbering may be missing from the text (Word
/// keeps automatic numbering apart).
pub fn heading(text: &str) -> Option<(Part, bool)> {
    // A paragraph of prose is not a heading: decided before normalising it.
    if text.chars().filter(|c| !c.is_whitespace()).nth(40).is_some() {
        return None;
    }
    let norm = normalize_label(text);
    if norm.is_empty() {
        return None;
    }
    let norm = norm.trim_end_matches(['：', ':']);
    HEADINGS.iter().find(|(_, _, full, bare)| norm == full || norm == bare).map(|(part, alias, _, _)| (*part, *alias))
}

/// Every heading (canonical first, then the aliases): the part, whether it
/// is an alias, its normalised text, and that text without its numbering.
static HEADINGS: std::sync::LazyLock<Vec<(Part, bool, String, String)>> = std::sync::LazyLock::new(|| {
    let canonical = SectionKey::ALL
        .into_iter()
        .filter(|k| !k.is_optional())
        .map(Part::Section)
        .chain(TableId::ALL.map(Part::Table))
        .map(|p| (p, false, p.heading()));
    let aliases = HEADING_ALIASES.iter().map(|(p, alias)| (*p, true, *alias));
    canonical
        .chain(aliases)
        .map(|(part, alias, text)| {
            let full = normalize_label(text);
            let bare = full.split_once('、').map(|(_, rest)| rest.to_string()).unwrap_or_default();
            (part, alias, full, bare)
        })
        .collect()
});

/// The closing lines (落款) that were taken off the prose.
#[derive(Debug, Default)]
pub struct Signature {
    pub lines: Vec<String>,
    /// The title line, when there is one.
    pub title: Option<String>,
    /// The line just above the title (often the organ, the title being
    /// set over two lines).
    pub above_title: Option<String>,
}

/// Splits the paragraphs into the title, the preamble and the sections.
pub fn read_prose(blocks: &[Block], report: &mut Report, findings: &mut Vec<Finding>) -> Signature {
    let mut current: Option<Part> = None;
    let mut title_seen = false;
    let mut preamble: Vec<&str> = Vec::new();
    let mut sections: Vec<(SectionKey, Vec<&str>)> = Vec::new();
    let mut signature = Signature::default();
    // The closing lines: trailing right-aligned short paragraphs (or nianbao's 落款 style).
    let mut end = blocks.len();
    while end > 0 {
        match &blocks[end - 1] {
            Block::Paragraph { text, .. } if text.trim().is_empty() => end -= 1,
            Block::Paragraph { text, signature: marked, right, .. }
                if *marked || (*right && text.trim().chars().count() <= 40) =>
            {
                signature.lines.insert(0, text.trim().to_string());
                end -= 1;
            }
            _ => break,
        }
    }
    // The title: before the first heading, the line naming the 年度报告
    // (what comes before it — a cover, a web page's menus — is not the
    // report); else the first line if it looks like a title.
    let first_heading = blocks[..end]
        .iter()
        .position(|b| matches!(b, Block::Paragraph { text, .. } if heading(text).is_some()))
        .unwrap_or(end);
    let line = |j: usize| match &blocks[j] {
        Block::Paragraph { text, .. } => Some(text.trim()),
        _ => None,
    };
    let named = blocks[..first_heading]
        .iter()
        .position(|b| {
            matches!(b, Block::Paragraph { text, .. }
            if text.contains("年度报告") && text.trim().chars().count() <= 80 && !furniture::is_furniture(text))
        })
        .or_else(|| {
            // “年度” / “报告” on two lines: the second is where the title ends.
            (1..first_heading).find(|&j| {
                line(j - 1).zip(line(j)).is_some_and(|(above, this)| {
                    format!("{above}{this}").contains("政府信息公开工作年度报告")
                        && above.chars().count() + this.chars().count() <= 80
                })
            })
        });
    // After the last heading, a portal's links and footer end the report.
    let last_heading =
        blocks[..end].iter().rposition(|b| matches!(b, Block::Paragraph { text, .. } if heading(text).is_some()));
    if let Some(last_heading) = last_heading {
        if let Some(footer) = blocks[last_heading..end]
            .iter()
            .position(|b| matches!(b, Block::Paragraph { text, .. } if furniture::ends_report(text)))
        {
            end = last_heading + footer;
        }
    }
    let start = match named {
        Some(i) => {
            title_seen = true;
            let mut first = i;
            if let Some(title) = line(i) {
                signature.title = Some(title.to_string());
                // A title wrapped over two lines (text copied from a PDF):
                // “…2024年政府信息公开工” / “作年度报告”, “…202” / “4年…”.
                let wrapped = i.checked_sub(1).and_then(line).filter(|above| {
                    const NAME: &str = "政府信息公开工作年度报告";
                    let year_cut = above.ends_with(|c: char| c.is_ascii_digit())
                        && title.starts_with(|c: char| c.is_ascii_digit());
                    (!title.contains(NAME) || year_cut)
                        && format!("{above}{title}").contains(NAME)
                        && above.chars().count() <= 60
                        && !above.contains(['。', '；', '：'])
                        || organ_cut(above, title)
                });
                if let Some(above) = wrapped {
                    signature.title = Some(format!("{above}{title}"));
                    first = i - 1;
                }
            }
            if let Some(above) = first.checked_sub(1).and_then(line) {
                signature.above_title = Some(above.to_string());
            }
            i + 1
        }
        None => 0,
    };
    for block in &blocks[start..end] {
        let Block::Paragraph { text, title, center, .. } = block else { continue };
        if let Some((part, alias)) = heading(text) {
            if alias {
                let section = match part {
                    Part::Section(key) => Some(key),
                    Part::Table(_) => None,
                };
                findings.push(crate::rules::structure::heading_alias(text.trim(), part.heading(), section));
            }
            current = Some(part);
            let key = match part {
                Part::Section(key) => key,
                Part::Table(table) => SectionKey::note_of(table),
            };
            sections.push((key, Vec::new()));
            continue;
        }
        match current {
            None if !title_seen => {
                if !text.trim().is_empty() && !furniture::is_furniture(text) {
                    title_seen = true;
                    // A first line that is not a title (not centred, no 报告,
                    // or a whole paragraph) is the preamble.
                    if *title || *center || (text.contains("报告") && text.trim().chars().nth(80).is_none()) {
                        signature.title = Some(text.trim().to_string());
                    } else {
                        preamble.push(text);
                    }
                }
            }
            // The preamble starts at the report's own first sentence.
            None if preamble.iter().all(|p| p.trim().is_empty()) && furniture::is_furniture(text) => {}
            None => preamble.push(text),
            // Text under 二、三、四 beside a table goes to the table's note.
            Some(_) => sections.last_mut().expect("pushed with the heading").1.push(text),
        }
    }
    let join = |paras: &[&str]| -> String {
        let start = paras.iter().position(|p| !p.trim().is_empty()).unwrap_or(paras.len());
        let end = paras.iter().rposition(|p| !p.trim().is_empty()).map(|e| e + 1).unwrap_or(start);
        paras[start..end.max(start)].join("\n\n")
    };
    let preamble = join(&preamble);
    report.sections.preamble = (!preamble.is_empty()).then_some(preamble);
    for (key, mut paras) in sections {
        if key.table().is_some() {
            // Under a table heading, only sentences are a note: a table
            // read from text leaves its labels and figures as lines.
            paras.retain(|p| is_sentence(p));
        }
        let text = join(&paras);
        if key.is_optional() && text.is_empty() {
            continue; // a note is absent unless there is text
        }
        // A heading twice: keep both texts.
        let slot = report.sections.get_mut(key);
        *slot = Some(match slot.take() {
            Some(before) if !before.is_empty() => format!("{before}\n\n{text}"),
            _ => text,
        });
    }
    signature
}

/// Whether `above` is the beginning of the organ's name that the title
/// line under it goes on with (“银川市红寺堡区人力资源和社会” / “保障局2024年
/// 政府信息公开工作年度报告”): a short line of words, no organ's name by
/// itself, that makes one with the title's words before its year.
fn organ_cut(above: &str, title: &str) -> bool {
    let rest = title.split(|c: char| c.is_ascii_digit()).next().unwrap_or("").trim();
    let punctuated = |c: char| c.is_ascii_punctuation() || "。，、；：？！“”‘’（）《》〈〉【】—…·".contains(c);
    title.contains("政府信息公开工作年度报告")
        && !rest.is_empty()
        && above.chars().count() <= 30
        && !above.chars().any(|c| c.is_ascii_digit() || punctuated(c))
        && !["公开", "年报", "报告", "网", "专栏"].iter().any(|w| above.contains(w))
        && OrganKind::guess(above).is_none()
        && OrganKind::guess(&format!("{above}{rest}")).is_some()
}

/// Whether a paragraph under a table heading is prose (a note) rather than
/// a label or figure of the table: it has a full stop, or it is a longer
/// clause with commas that does not open like a table label “（…”.
fn is_sentence(paragraph: &str) -> bool {
    let p = paragraph.trim();
    (p.contains('。')
        || (p.chars().count() >= 15 && p.contains('，') && !p.starts_with(['（', '(']) && !p.contains('\t')))
        && !is_label_piece(p)
}

/// Whether a line is a piece of an official label wrapped in its cell,
/// with the row's figures if any (“加第二项之和，等于第三项加第四”, “理的，只计
/// 这一情形，不 0 0 0 0 0 0 0”): a borderless table's text, not a note.
fn is_label_piece(line: &str) -> bool {
    let words: String =
        line.split_whitespace().filter(|w| !w.bytes().all(|b| b.is_ascii_digit() || b == b'.')).collect();
    let piece = normalize_label(&words);
    piece.chars().count() >= 4 && crate::layout::official_labels().iter().any(|label| label.contains(&piece))
}

/// Meta of a draft without nianbao's properties: the organ and date from
/// the closing lines, the year and (failing the closing lines) the organ
/// from the title.
pub fn derive_meta(report: &mut Report, title: Option<&str>, signature: &Signature) {
    for line in &signature.lines {
        if let Some(date) = parse_date(line).filter(|_| line.contains('年') || line.contains('-')) {
            report.meta.published_on = Some(date);
        } else if report.meta.organ.is_empty() {
            report.meta.organ = line.clone();
        }
    }
    let Some(title) = title.filter(|t| t.contains("报告")) else { return };
    report.meta.title = Some(title.to_string());
    // “某某区人民政府2025年政府信息公开工作年度报告”
    let chars: Vec<char> = title.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        if !digits.chars().all(|c| c.is_ascii_digit()) || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let after = chars[i + 4..].iter().collect::<String>();
        if !after.trim_start().starts_with('年') {
            continue;
        }
        // “4050年” in a title is no report's year: look further.
        let Some(year) = crate::model::parse_year(&digits) else { continue };
        report.meta.year = Some(year);
        if report.meta.organ.is_empty() {
            report.meta.organ = chars[..i].iter().collect::<String>().trim().to_string();
        }
        break;
    }
    if report.meta.organ_kind.is_none() {
        report.meta.organ_kind = OrganKind::guess(&report.meta.organ);
    }
}

/// A date as typed in a sheet: `2026-01-31`, `2026/1/31`, `2026年1月31日`,
/// or an Excel date serial number (days since 1899-12-30).
pub fn parse_date(text: &str) -> Option<Date> {
    if let Some(d) = Date::parse_iso(text) {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    if let [y, m, d] = parts.as_slice() {
        if y.len() == 4 && !text.contains('.') {
            return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
    }
    let serial: i64 = text.split('.').next()?.parse().ok()?;
    if !(1..=120_000).contains(&serial) {
        return None;
    }
    // Excel counts days from 1899-12-30: serial 25569 is 1970-01-01.
    Date::from_unix_days(serial - 25_569)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "office")]
    fn a_table_split_by_hand_is_joined() {
        use crate::layout::official_slots;
        let slots = official_slots(TableId::Requests, &|id| id.index().to_string());
        let (head, tail) = slots.split_at(15);
        let mut second = slots[..3].to_vec(); // the header repeated on the next page
        second.extend_from_slice(tail);
        let blocks = vec![Block::Table(head.to_vec()), Block::para(""), Block::Table(second)];
        let mut report = Report::new();
        let mut findings = Vec::new();
        assert!(read_tables(&blocks, &mut report, &mut findings).unwrap());
        for id in TableId::Requests.cells() {
            assert_eq!(report.value(id).to_string(), id.index().to_string());
        }
    }

    #[test]
    fn portal_furniture_is_not_the_report() {
        let blocks: Vec<Block> = [
            "首页 > 政务公开 > 政府信息公开年报",
            "某某局2025年政府信息公开工作年度报告",
            "来源：某某局 时间：2026-01-20 09:00",
            "微信 微博 QQ空间",
            "全真版",
            "文字版",
            "字号：大 中 小",
            "本报告根据《中华人民共和国政府信息公开条例》编制。",
            "一、总体情况",
            "2025年，本局认真落实条例。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
            "【打印本页】 【关闭窗口】",
            "主办单位：某某局",
        ]
        .into_iter()
        .map(Block::para)
        .collect();
        let mut report = Report::new();
        let signature = read_prose(&blocks, &mut report, &mut Vec::new());
        assert_eq!(signature.title.as_deref(), Some("某某局2025年政府信息公开工作年度报告"));
        assert_eq!(report.sections.preamble.as_deref(), Some("本报告根据《中华人民共和国政府信息公开条例》编制。"));
        assert_eq!(report.sections.other.as_deref(), Some("本年度未收取信息处理费。"));
    }

    #[test]
    fn recognises_headings_with_or_without_numbers() {
        assert_eq!(heading("一、总体情况"), Some((Part::Section(SectionKey::Overview), false)));
        assert_eq!(heading("总体情况："), Some((Part::Section(SectionKey::Overview), false)));
        assert_eq!(
            heading("四、政府信息公开行政复议、行政诉讼情况"),
            Some((Part::Table(TableId::ReviewLitigation), false))
        );
        assert_eq!(heading(" 五、存在的主要问题及改进情况 "), Some((Part::Section(SectionKey::Problems), false)));
        assert_eq!(heading("五、存在问题及改进情况"), Some((Part::Section(SectionKey::Problems), true)));
        assert_eq!(heading("一、概述"), Some((Part::Section(SectionKey::Overview), true)));
        assert_eq!(heading("2025年总体情况良好"), None);
    }
}
