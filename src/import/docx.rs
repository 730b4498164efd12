//! Word drafts (`.docx`): the whole report — title, the six headings with
//! their prose, the three tables with merged cells (gridSpan, vMerge).
//!
//! Headings are recognised by their text (the canonical headings of
//! FORMAT.md §1, with or without the `一、` numbering, which Word may keep
//! in a list instead of the text); the tables by their labels
//! ([`crate::import::grid`]). The meta comes from nianbao's custom document
//! properties when the file was written by nianbao, else from the closing
//! lines (organ, date) and the title.

use super::document::{derive_meta, read_prose, read_tables, Block};
use super::{Format, Imported};
use crate::error::ImportError;
use crate::formats::docx::{PROPERTY_PREFIX, STYLE_SIGNATURE, STYLE_TITLE};
use crate::layout::Slot;
use crate::model::{OrganKind, Report, SectionKey, SCHEMA_2021};
use crate::office::{parse_xml, zip_read, Element, Zip};

use crate::limits::{MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, MAX_TABLE_SLOTS};

/// Reads a Word document: the body's paragraphs and tables, in order, are
/// read like any document (tables by their labels, prose by its headings);
/// the meta comes from nianbao's document properties while the title and
/// closing lines still say what nianbao wrote.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let mut zip = zip_read(bytes, "Word 文档")?;
    let xml =
        zip.part("word/document.xml")?.ok_or_else(|| ImportError::new("不是 Word 文档：缺少 word/document.xml"))?;
    let root = parse_xml(&xml, "word/document.xml")?;
    let body = root.child("body").ok_or_else(|| ImportError::at("word/document.xml", "Word 文档没有正文"))?;
    // The 版式 (F rules) is read apart: a part it cannot read leaves it out.
    let typeset = super::docx_typeset::read(&mut zip, body).ok();
    let mut blocks = Vec::new();
    let mut slots_left = MAX_TABLE_SLOTS;
    collect_blocks(body, &mut blocks, &mut slots_left)?;
    super::document::fold_blocks(&mut blocks);
    let mut report = Report::new();
    let mut findings = Vec::new();
    let tables = read_tables(&blocks, &mut report, &mut findings).map_err(|e| {
        let texts = blocks.iter().flat_map(|b| match b {
            Block::Paragraph { text, .. } => vec![text.as_str()],
            Block::Table(rows) => rows.iter().flatten().map(|s| s.text.as_str()).collect(),
        });
        crate::import::grid::outdated_template_error(texts).unwrap_or(e)
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
        title.as_deref() == Some(crate::model::title(&with_properties).as_str())
            && signature.lines.first().is_none_or(|line| organ.is_empty() || line == organ)
    };
    if trusted {
        report = with_properties;
    } else {
        derive_meta(&mut report, title.as_deref(), &signature);
    }
    if let Some(typeset) = typeset {
        findings.extend(crate::rules::typesetting::check(&typeset));
    }
    Ok(Imported { report, findings, format: Format::Docx, tables: Vec::new(), unread: Vec::new() })
}

/// The body's paragraphs and tables in order; `slots_left` bounds the table
/// slots of the whole document (many tables of empty rows cost as much as
/// one huge table).
fn collect_blocks(parent: &Element, blocks: &mut Vec<Block>, slots_left: &mut usize) -> Result<(), ImportError> {
    for el in parent.elements() {
        match el.name.as_str() {
            "p" => {
                let ppr = el.child("pPr");
                let style = ppr.and_then(|p| p.child("pStyle")).and_then(|s| s.attr("val")).unwrap_or_default();
                let jc = ppr.and_then(|p| p.child("jc")).and_then(|j| j.attr("val")).unwrap_or_default();
                blocks.push(Block::Paragraph {
                    text: paragraph_text(el),
                    title: style == STYLE_TITLE,
                    signature: style == STYLE_SIGNATURE,
                    right: jc == "right" || jc == "end",
                    center: jc == "center",
                });
            }
            "tbl" => blocks.push(Block::Table(table_grid(el, blocks.len(), slots_left)?)),
            // Content controls and custom XML wrap ordinary blocks.
            "sdt" | "sdtContent" | "customXml" | "smartTag" => collect_blocks(el, blocks, slots_left)?,
            _ => {}
        }
    }
    Ok(())
}

/// The visible text of a paragraph: text runs, tabs, line breaks; not
/// deleted text (tracked changes), field codes, or text boxes.
fn paragraph_text(p: &Element) -> String {
    visible_text(p).0
}

/// [`paragraph_text`], and whether the paragraph has hidden text that was
/// not read (S8 when it is in a table).
fn visible_text(p: &Element) -> (String, bool) {
    let mut out = String::new();
    let mut hidden = false;
    fn walk(el: &Element, out: &mut String, hidden: &mut bool) {
        for child in el.elements() {
            match child.name.as_str() {
                // Hidden text (w:vanish) is not what a reader sees: a hidden
                // “2” before a visible “0” is 0, not 20.
                "r" if hidden_run(child) => {
                    *hidden |= child.children_named("t").any(|t| !t.text().trim().is_empty());
                }
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
                _ => walk(child, out, hidden),
            }
        }
    }
    walk(p, &mut out, &mut hidden);
    (out, hidden)
}

/// Whether a run is hidden text (`<w:rPr><w:vanish/>`, not `w:val="0"`).
fn hidden_run(r: &Element) -> bool {
    r.child("rPr")
        .and_then(|p| p.child("vanish").or_else(|| p.child("specVanish")))
        .is_some_and(|v| !matches!(v.attr("val"), Some("0" | "false" | "off")))
}

/// A table cell as a slot: its paragraphs joined by line breaks, marked
/// `hidden` when it holds hidden text (S8: the figure shown may differ).
fn cell_slot(tc: &Element) -> Slot {
    let mut paragraphs = Vec::new();
    let mut hidden = false;
    fn walk(el: &Element, out: &mut Vec<String>, hidden: &mut bool) {
        for child in el.elements() {
            match child.name.as_str() {
                "p" => {
                    let (text, concealed) = visible_text(child);
                    out.push(text);
                    *hidden |= concealed;
                }
                "sdt" | "sdtContent" | "customXml" => walk(child, out, hidden),
                _ => {}
            }
        }
    }
    walk(tc, &mut paragraphs, &mut hidden);
    while paragraphs.last().is_some_and(|p| p.trim().is_empty()) {
        paragraphs.pop();
    }
    let mut slot = Slot::text(paragraphs.join("\n"));
    slot.hidden = hidden;
    slot
}

/// A Word table as a physical grid: gridSpan covers columns, vMerge
/// continuations are covered slots. Grid columns that no cell starts at
/// (Word adds them when borders do not line up) are folded away.
fn table_grid(tbl: &Element, index: usize, slots_left: &mut usize) -> Result<Vec<Vec<Slot>>, ImportError> {
    struct Cell {
        col: usize,
        span: usize,
        slot: Slot,
        continues: bool,
    }
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let row_elements = children_through_controls(tbl, "tr");
    let too_big = || ImportError::at(format!("第 {} 个表格", index + 1), "表格过大，超过处理上限");
    for tr in row_elements.into_iter().take(MAX_TABLE_ROWS) {
        let mut col = tr
            .child("trPr")
            .and_then(|p| p.child("gridBefore"))
            .and_then(|g| g.attr("val"))
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        let mut cells = Vec::new();
        for tc in children_through_controls(tr, "tc") {
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
            cells.push(Cell { col, span, slot: if continues { Slot::default() } else { cell_slot(tc) }, continues });
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
    *slots_left = slots_left.checked_sub(folded_width * rows.len()).ok_or_else(|| {
        ImportError::at(
            format!("第 {} 个表格", index + 1),
            format!("文档中表格的单元格合计超过 {} 万个，超过处理上限", MAX_TABLE_SLOTS / 10_000),
        )
    })?;
    let mut grid = vec![vec![Slot::default(); folded_width]; rows.len()];
    for (r, cells) in rows.iter().enumerate() {
        for cell in cells {
            let first = map[cell.col];
            let last = map[cell.col + cell.span - 1];
            for (i, slot) in grid[r][first..=last].iter_mut().enumerate() {
                *slot = if i == 0 && !cell.continues { cell.slot.clone() } else { Slot::covered() };
            }
        }
    }
    Ok(grid)
}

/// Reads the meta from nianbao's custom document properties (`nianbao.*`);
/// whether there were any.
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
            "year" => report.meta.year = crate::model::parse_year(&value),
            "title" => report.meta.title = Some(value),
            "published_on" => report.meta.published_on = crate::model::Date::parse_iso(&value),
            _ => {}
        }
    }
    Ok(found)
}

/// The children of `el` named `name` (a table's rows, a row's cells), looking
/// through the content controls and custom XML that Word may wrap them in.
pub(super) fn children_through_controls<'a>(el: &'a Element, name: &str) -> Vec<&'a Element> {
    fn walk<'a>(el: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
        for child in el.elements() {
            match child.name.as_str() {
                n if n == name => out.push(child),
                "sdt" | "sdtContent" | "customXml" => walk(child, name, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(el, name, &mut out);
    out
}
