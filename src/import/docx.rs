//! Word drafts (`.docx`): the whole report — title, the six headings with
//! their prose, the three tables with merged cells (gridSpan, vMerge).
//!
//! Headings are recognised by their text (the canonical headings of
//! FORMAT.md §1, with or without the `一、` numbering, which Word may keep
//! in a list instead of the text); the tables by their labels
//! ([`crate::office::grid`]). The meta comes from nianbao's custom document
//! properties when the file was written by nianbao, else from the closing
//! lines (organ, date) and the title.

use super::{Format, Imported};
use crate::error::ImportError;
use crate::finding::{Finding, Severity};
use crate::layout::{normalize_label, TableId};
use crate::model::{OrganKind, Report, SectionKey, Value, SCHEMA_2021};
use crate::office::grid::{find_table, Grid, Slot};
use crate::office::{parse_xml, zip_read, Element, Zip};
use crate::render::docx::{PROPERTY_PREFIX, STYLE_SIGNATURE, STYLE_TITLE};

/// Widest table accepted (grid columns); the official ones have at most 15.
const MAX_TABLE_COLUMNS: usize = 200;
const MAX_TABLE_ROWS: usize = 5_000;

/// A block of the document body, in order.
#[derive(Debug)]
enum Block {
    Paragraph { text: String, style: String, right: bool, center: bool },
    Table(Vec<Vec<Slot>>),
}

/// What a heading paragraph opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Section(SectionKey),
    Table(TableId),
}

/// Reads a DOCX report.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let mut zip = zip_read(bytes, "Word 文档")?;
    let xml =
        zip.part("word/document.xml")?.ok_or_else(|| ImportError::new("不是 Word 文档：缺少 word/document.xml"))?;
    let root = parse_xml(&xml, "word/document.xml")?;
    let body = root.child("body").ok_or_else(|| ImportError::at("word/document.xml", "Word 文档没有正文"))?;
    let mut blocks = Vec::new();
    collect_blocks(body, &mut blocks)?;
    let mut report = Report::new();
    let mut findings = Vec::new();
    let tables = read_tables(&blocks, &mut report, &mut findings).map_err(|e| {
        let texts = blocks.iter().flat_map(|b| match b {
            Block::Paragraph { text, .. } => vec![text.as_str()],
            Block::Table(rows) => rows.iter().flatten().map(|s| s.text.as_str()).collect(),
        });
        crate::office::grid::outdated_template_error(texts).unwrap_or(e)
    })?;
    let signature = read_prose(&blocks, &mut report, &mut findings);
    let headings = SectionKey::ALL.into_iter().any(|k| k != SectionKey::Preamble && report.sections.get(k).is_some());
    if !tables && !headings {
        return Err(ImportError::new(
            "在 Word 文档中没有找到年度报告的标题（如“一、总体情况”）或官方格式的表二、表三、表四：请确认这是政府信息公开工作年度报告",
        ));
    }
    let title = signature.title.clone();
    // nianbao's properties hold the meta exactly, as long as the title and
    // closing lines still say what nianbao wrote; once a person has edited
    // them (e.g. filled in the blank template), the document says better.
    let mut with_properties = report.clone();
    let trusted = read_properties(&mut zip, &mut with_properties)? && {
        let organ = with_properties.meta.organ.trim();
        title.as_deref() == Some(crate::render::title(&with_properties).as_str())
            && signature.lines.first().is_none_or(|line| organ.is_empty() || line == organ)
    };
    if trusted {
        report = with_properties;
    } else {
        derive_meta(&mut report, title.as_deref(), &signature);
    }
    Ok(Imported { report, findings, format: Format::Docx })
}

fn collect_blocks(parent: &Element, blocks: &mut Vec<Block>) -> Result<(), ImportError> {
    for el in parent.elements() {
        match el.name.as_str() {
            "p" => {
                let ppr = el.child("pPr");
                let style = ppr.and_then(|p| p.child("pStyle")).and_then(|s| s.attr("val")).unwrap_or_default();
                let jc = ppr.and_then(|p| p.child("jc")).and_then(|j| j.attr("val")).unwrap_or_default();
                blocks.push(Block::Paragraph {
                    text: paragraph_text(el),
                    style: style.to_string(),
                    right: jc == "right" || jc == "end",
                    center: jc == "center",
                });
            }
            "tbl" => blocks.push(Block::Table(table_grid(el, blocks.len())?)),
            // Content controls and custom XML wrap ordinary blocks.
            "sdt" | "sdtContent" | "customXml" | "smartTag" => collect_blocks(el, blocks)?,
            _ => {}
        }
    }
    Ok(())
}

/// The visible text of a paragraph: text runs, tabs, line breaks; not
/// deleted text (tracked changes), field codes, or text boxes.
fn paragraph_text(p: &Element) -> String {
    let mut out = String::new();
    fn walk(el: &Element, out: &mut String) {
        for child in el.elements() {
            match child.name.as_str() {
                "t" => out.push_str(&child.text()),
                "tab" if el.name == "r" => out.push('\t'),
                "br" if el.name == "r" => {
                    if child.attr("type").is_none_or(|t| t == "textWrapping") {
                        out.push('\n')
                    }
                }
                "cr" => out.push('\n'),
                "noBreakHyphen" => out.push('-'),
                "del" | "moveFrom" | "pPr" | "rPr" | "instrText" | "delText" | "drawing" | "pict" | "object"
                | "txbxContent" | "footnoteReference" | "endnoteReference" => {}
                _ => walk(child, out),
            }
        }
    }
    walk(p, &mut out);
    out
}

/// The text of a table cell: its paragraphs joined by line breaks.
fn cell_text(tc: &Element) -> String {
    let mut paragraphs = Vec::new();
    fn walk(el: &Element, out: &mut Vec<String>) {
        for child in el.elements() {
            match child.name.as_str() {
                "p" => out.push(paragraph_text(child)),
                "sdt" | "sdtContent" | "customXml" => walk(child, out),
                _ => {}
            }
        }
    }
    walk(tc, &mut paragraphs);
    while paragraphs.last().is_some_and(|p| p.trim().is_empty()) {
        paragraphs.pop();
    }
    paragraphs.join("\n")
}

/// A Word table as a physical grid: gridSpan covers columns, vMerge
/// continuations are covered slots. Grid columns that no cell starts at
/// (Word adds them when borders do not line up) are folded away.
fn table_grid(tbl: &Element, index: usize) -> Result<Vec<Vec<Slot>>, ImportError> {
    struct Cell {
        col: usize,
        span: usize,
        text: String,
        continues: bool,
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row_elements = Vec::new();
    fn rows_of<'a>(el: &'a Element, out: &mut Vec<&'a Element>) {
        for child in el.elements() {
            match child.name.as_str() {
                "tr" => out.push(child),
                "sdt" | "sdtContent" | "customXml" => rows_of(child, out),
                _ => {}
            }
        }
    }
    rows_of(tbl, &mut row_elements);
    let too_big = || ImportError::at(format!("第 {} 个表格", index + 1), "表格过大，超过处理上限");
    for tr in row_elements.into_iter().take(MAX_TABLE_ROWS) {
        let mut col = tr
            .child("trPr")
            .and_then(|p| p.child("gridBefore"))
            .and_then(|g| g.attr("val"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut cells = Vec::new();
        let mut tcs = Vec::new();
        fn tcs_of<'a>(el: &'a Element, out: &mut Vec<&'a Element>) {
            for child in el.elements() {
                match child.name.as_str() {
                    "tc" => out.push(child),
                    "sdt" | "sdtContent" | "customXml" => tcs_of(child, out),
                    _ => {}
                }
            }
        }
        tcs_of(tr, &mut tcs);
        for tc in tcs {
            let pr = tc.child("tcPr");
            let span = pr
                .and_then(|p| p.child("gridSpan"))
                .and_then(|g| g.attr("val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .max(1);
            let continues =
                pr.and_then(|p| p.child("vMerge")).is_some_and(|v| v.attr("val").is_none_or(|val| val == "continue"));
            if col.saturating_add(span) > MAX_TABLE_COLUMNS {
                return Err(too_big());
            }
            cells.push(Cell { col, span, text: if continues { String::new() } else { cell_text(tc) }, continues });
            col += span;
        }
        rows.push(cells);
    }
    let width = rows.iter().flat_map(|r| r.iter().map(|c| c.col + c.span)).max().unwrap_or(0);
    let mut starts = vec![false; width + 1];
    for cell in rows.iter().flatten() {
        starts[cell.col] = true;
    }
    // map[c] = folded column of physical column c.
    let mut map = Vec::with_capacity(width + 1);
    let mut folded = 0usize;
    for (c, s) in starts.iter().enumerate() {
        if *s && c > 0 {
            folded += 1;
        }
        map.push(folded);
    }
    let folded_width = map.get(width.saturating_sub(1)).map(|m| m + 1).unwrap_or(0);
    let mut grid = vec![vec![Slot::default(); folded_width]; rows.len()];
    for (r, cells) in rows.iter().enumerate() {
        for cell in cells {
            let first = map[cell.col];
            let last = map[cell.col + cell.span - 1];
            for (i, slot) in grid[r][first..=last].iter_mut().enumerate() {
                *slot = if i == 0 && !cell.continues {
                    Slot::text(cell.text.clone())
                } else {
                    Slot { text: String::new(), covered: true }
                };
            }
        }
    }
    Ok(grid)
}

/// Reads the official tables from the Word tables; whether any was there.
fn read_tables(blocks: &[Block], report: &mut Report, findings: &mut Vec<Finding>) -> Result<bool, ImportError> {
    let mut any = false;
    let units = table_units(blocks);
    for table in TableId::ALL {
        let mut found_in: Option<usize> = None;
        for unit in &units {
            let locate = |r: usize, c: usize| {
                let (t, row) = unit.origin.get(r).copied().unwrap_or((unit.first, r));
                format!("第 {} 个表格第 {} 行第 {} 列", t + 1, row + 1, c + 1)
            };
            let grid = Grid { rows: &unit.rows, locate: &locate };
            let Some(found) = find_table(&grid, table)? else { continue };
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
            any = true;
            findings.extend(found.label_diffs.iter().map(|d| d.finding(table)));
            for (id, text, _) in found.values {
                report.set(id, Value::parse(&text));
            }
        }
    }
    Ok(any)
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
const HEADING_ALIASES: [(Part, &str); 7] = [
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
fn heading(text: &str) -> Option<(Part, bool)> {
    let norm = normalize_label(text);
    if norm.is_empty() || norm.chars().count() > 40 {
        return None;
    }
    let norm = norm.trim_end_matches(['：', ':']);
    let matches = |h: &str| {
        let h = normalize_label(h);
        let bare = h.split_once('、').map(|(_, rest)| rest.to_string()).unwrap_or_default();
        norm == h || norm == bare
    };
    let canonical = SectionKey::ALL
        .into_iter()
        .filter(|k| *k != SectionKey::Preamble)
        .map(Part::Section)
        .chain(TableId::ALL.map(Part::Table))
        .find(|p| matches(p.heading()));
    match canonical {
        Some(part) => Some((part, false)),
        None => HEADING_ALIASES.iter().find(|(_, alias)| matches(alias)).map(|(part, _)| (*part, true)),
    }
}

/// The closing lines (落款) that were taken off the prose.
#[derive(Debug, Default)]
struct Signature {
    lines: Vec<String>,
    /// The title line, when there is one.
    title: Option<String>,
}

/// Splits the paragraphs into the title, the preamble and the sections.
fn read_prose(blocks: &[Block], report: &mut Report, findings: &mut Vec<Finding>) -> Signature {
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
            Block::Paragraph { text, style, right, .. }
                if style == STYLE_SIGNATURE || (*right && text.trim().chars().count() <= 40) =>
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
    let named = blocks[..first_heading].iter().position(|b| {
        matches!(b, Block::Paragraph { text, .. } if text.contains("年度报告") && text.trim().chars().count() <= 80)
    });
    let start = match named {
        Some(i) => {
            title_seen = true;
            if let Block::Paragraph { text, .. } = &blocks[i] {
                signature.title = Some(text.trim().to_string());
            }
            i + 1
        }
        None => 0,
    };
    for block in &blocks[start..end] {
        let Block::Paragraph { text, style, center, .. } = block else { continue };
        if let Some((part, alias)) = heading(text) {
            if alias {
                let cells = match part {
                    Part::Section(key) => vec![key.address()],
                    Part::Table(_) => Vec::new(),
                };
                findings.push(
                    Finding::new(
                        "S1",
                        Severity::Info,
                        format!(
                            "标题“{}”不是规范写法，规范标题为“{}”（国办公开办函〔2021〕30号）。",
                            text.trim(),
                            part.heading()
                        ),
                    )
                    .cells(cells)
                    .expected(part.heading())
                    .actual(text.trim()),
                );
            }
            current = Some(part);
            if let Part::Section(key) = part {
                sections.push((key, Vec::new()));
            }
            continue;
        }
        match current {
            None if !title_seen => {
                if !text.trim().is_empty() {
                    title_seen = true;
                    // A first line that is not a title (not centred, no 报告) is the preamble.
                    if style == STYLE_TITLE || *center || text.contains("报告") {
                        signature.title = Some(text.trim().to_string());
                    } else {
                        preamble.push(text);
                    }
                }
            }
            None => preamble.push(text),
            Some(Part::Section(_)) => sections.last_mut().expect("pushed with the heading").1.push(text),
            Some(Part::Table(_)) => {} // notes under a table are not part of the model
        }
    }
    let join = |paras: &[&str]| -> String {
        let start = paras.iter().position(|p| !p.trim().is_empty()).unwrap_or(paras.len());
        let end = paras.iter().rposition(|p| !p.trim().is_empty()).map(|e| e + 1).unwrap_or(start);
        paras[start..end.max(start)].join("\n\n")
    };
    let preamble = join(&preamble);
    report.sections.preamble = (!preamble.is_empty()).then_some(preamble);
    for (key, paras) in sections {
        let text = join(&paras);
        // A heading twice: keep both texts.
        let slot = report.sections.get_mut(key);
        *slot = Some(match slot.take() {
            Some(before) if !before.is_empty() => format!("{before}\n\n{text}"),
            _ => text,
        });
    }
    signature
}

/// nianbao's custom properties; whether they were there.
fn read_properties(zip: &mut Zip, report: &mut Report) -> Result<bool, ImportError> {
    let Some(xml) = zip.part("docProps/custom.xml")? else { return Ok(false) };
    let root = parse_xml(&xml, "docProps/custom.xml")?;
    let mut found = false;
    for prop in root.children_named("property") {
        let Some(name) = prop.attr("name").and_then(|n| n.strip_prefix(PROPERTY_PREFIX)) else { continue };
        let value = prop.elements().next().map(|v| v.text()).unwrap_or_default();
        found = true;
        let at = || format!("文档属性 {PROPERTY_PREFIX}{name}");
        match name {
            "schema" if value == SCHEMA_2021 || value.is_empty() => {}
            "schema" => return Err(ImportError::at(at(), format!("不支持的格式版本“{value}”"))),
            "organ" => report.meta.organ = value,
            "organ_kind" => report.meta.organ_kind = OrganKind::from_key(&value),
            "year" => report.meta.year = crate::import::json::parse_year(&value),
            "title" => report.meta.title = Some(value),
            "published_on" => report.meta.published_on = crate::model::Date::parse_iso(&value),
            _ => {}
        }
    }
    Ok(found)
}

/// Meta of a draft without nianbao's properties: the organ and date from
/// the closing lines, the year and (failing the closing lines) the organ
/// from the title.
fn derive_meta(report: &mut Report, title: Option<&str>, signature: &Signature) {
    for line in &signature.lines {
        if let Some(date) = crate::import::xlsx::parse_date(line).filter(|_| line.contains('年') || line.contains('-'))
        {
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
        report.meta.year = digits.parse().ok();
        if report.meta.organ.is_empty() {
            report.meta.organ = chars[..i].iter().collect::<String>().trim().to_string();
        }
        break;
    }
    if report.meta.organ_kind.is_none() {
        report.meta.organ_kind = OrganKind::guess(&report.meta.organ);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_split_by_hand_is_joined() {
        use crate::office::grid::official_slots;
        let slots = official_slots(TableId::Requests, &|id| id.index().to_string());
        let (head, tail) = slots.split_at(15);
        let mut second = slots[..3].to_vec(); // the header repeated on the next page
        second.extend_from_slice(tail);
        let blocks = vec![
            Block::Table(head.to_vec()),
            Block::Paragraph { text: String::new(), style: String::new(), right: false, center: false },
            Block::Table(second),
        ];
        let mut report = Report::new();
        let mut findings = Vec::new();
        assert!(read_tables(&blocks, &mut report, &mut findings).unwrap());
        for id in TableId::Requests.cells() {
            assert_eq!(report.value(id).to_string(), id.index().to_string());
        }
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
