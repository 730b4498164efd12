//! A small XLSX (SpreadsheetML) writer and reader.
//!
//! Writer: sheets of cells with a fixed set of styles, merged regions,
//! column widths, data validations and sheet protection (no password).
//! Text is always written as an inline string (`t="inlineStr"`), so text
//! that starts with `=`, `+`, `-` or `@` is text, never a formula; no cell
//! has a formula, and nothing links outside the file.
//!
//! Reader: every sheet as a grid of [`Slot`]s (merged regions marked),
//! numbers as their exact decimal text, shared and inline strings, cached
//! values of formulas.

use super::{esc, parse_xml, relationships, zip_read, zip_write, Element};
use crate::error::ImportError;
use crate::layout::Slot;

/// The styles of [`STYLES_XML`], by index into `cellXfs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Default = 0,
    /// Centered header label, bold, bordered, locked.
    Header = 1,
    /// Row label, left, bordered, wrapped, locked.
    Label = 2,
    /// An input cell: bordered, unlocked, pale yellow.
    Input = 3,
    /// A sheet title: bold 14 pt.
    Title = 4,
    /// Wrapped text, top-aligned (prose, findings), unlocked.
    Prose = 5,
    /// A note in grey italics.
    Note = 6,
    /// Input cell for text (number format `@`), unlocked, left.
    InputText = 7,
    /// A bordered value cell that is not an input (report export).
    Value = 8,
    /// Caption of a block (表二's 第二十条第（一）项), bold, left, bordered.
    Caption = 9,
    /// An input cell with an error finding: red fill, bold.
    InputError = 10,
    /// An input cell with a warning finding: orange fill.
    InputWarning = 11,
}

const STYLES_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="4"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="14"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><i/><sz val="10"/><color rgb="FF666666"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts><fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFF8DC"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFF8A80"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFFFB74D"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="12"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" vertical="center"/><protection locked="0"/></xf><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="left" vertical="top" wrapText="1"/><protection locked="0"/></xf><xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="left" vertical="center" wrapText="1"/><protection locked="0"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="left" vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="3" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" vertical="center"/><protection locked="0"/></xf><xf numFmtId="0" fontId="0" fillId="4" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment horizontal="center" vertical="center"/><protection locked="0"/></xf></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

/// What a cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Empty,
    /// Text, written as an inline string: never a formula.
    Text(String),
    /// A number as exact decimal text (`1271.38998`).
    Number(String),
}

/// A data validation on a range.
#[derive(Clone, Debug)]
pub struct Validation {
    /// `A1:B2 C3` style ranges.
    pub sqref: String,
    /// `whole`, `decimal` or `list`.
    pub kind: &'static str,
    /// For whole/decimal: `greaterThanOrEqual`; unused for lists.
    pub operator: &'static str,
    /// The formula (`0`, or `"a,b"` for a list).
    pub formula: String,
    pub prompt: String,
    pub error: String,
}

/// One worksheet being built.
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    cells: std::collections::BTreeMap<(u32, u32), (Content, Style)>,
    merges: Vec<(u32, u32, u32, u32)>,
    widths: Vec<(u32, f64)>,
    heights: Vec<(u32, f64)>,
    pub validations: Vec<Validation>,
    /// Protect the sheet (no password): locked cells cannot be edited.
    pub protect: bool,
    /// Landscape page setup for printing.
    pub landscape: bool,
}

impl Sheet {
    pub fn new(name: &str) -> Sheet {
        Sheet { name: name.to_string(), ..Sheet::default() }
    }

    /// Sets a cell (0-based row and column).
    pub fn set(&mut self, row: u32, col: u32, content: Content, style: Style) {
        self.cells.insert((row, col), (content, style));
    }

    pub fn text(&mut self, row: u32, col: u32, text: &str, style: Style) {
        self.set(row, col, Content::Text(text.to_string()), style);
    }

    /// Merges a region; its other cells get `style` so borders show.
    pub fn merge(&mut self, row: u32, col: u32, rows: u32, cols: u32, style: Style) {
        if rows <= 1 && cols <= 1 {
            return;
        }
        for r in row..row + rows {
            for c in col..col + cols {
                if (r, c) != (row, col) {
                    self.cells.insert((r, c), (Content::Empty, style));
                }
            }
        }
        self.merges.push((row, col, row + rows - 1, col + cols - 1));
    }

    pub fn width(&mut self, col: u32, width: f64) {
        self.widths.push((col, width));
    }

    pub fn height(&mut self, row: u32, height: f64) {
        self.heights.push((row, height));
    }

    fn xml(&self) -> String {
        let mut x = String::from(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25"/>"#,
        );
        if !self.widths.is_empty() {
            x.push_str("<cols>");
            let mut widths = self.widths.clone();
            widths.sort_by_key(|(c, _)| *c);
            widths.dedup_by_key(|(c, _)| *c);
            for (c, w) in widths {
                x.push_str(&format!(r#"<col min="{0}" max="{0}" width="{w}" customWidth="1"/>"#, c + 1));
            }
            x.push_str("</cols>");
        }
        x.push_str("<sheetData>");
        let mut current: Option<u32> = None;
        for (&(r, c), (content, style)) in &self.cells {
            if current != Some(r) {
                if current.is_some() {
                    x.push_str("</row>");
                }
                match self.heights.iter().rev().find(|(hr, _)| *hr == r) {
                    Some((_, h)) => x.push_str(&format!(r#"<row r="{}" ht="{h}" customHeight="1">"#, r + 1)),
                    None => x.push_str(&format!(r#"<row r="{}">"#, r + 1)),
                }
                current = Some(r);
            }
            let at = cell_ref(r, c);
            let s = *style as u32;
            match content {
                Content::Empty => x.push_str(&format!(r#"<c r="{at}" s="{s}"/>"#)),
                Content::Number(n) => x.push_str(&format!(r#"<c r="{at}" s="{s}"><v>{}</v></c>"#, esc(n))),
                Content::Text(t) => x.push_str(&format!(
                    r#"<c r="{at}" s="{s}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    esc(t)
                )),
            }
        }
        if current.is_some() {
            x.push_str("</row>");
        }
        x.push_str("</sheetData>");
        if self.protect {
            x.push_str(r#"<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>"#);
        }
        if !self.merges.is_empty() {
            x.push_str(&format!(r#"<mergeCells count="{}">"#, self.merges.len()));
            for (r1, c1, r2, c2) in &self.merges {
                x.push_str(&format!(r#"<mergeCell ref="{}:{}"/>"#, cell_ref(*r1, *c1), cell_ref(*r2, *c2)));
            }
            x.push_str("</mergeCells>");
        }
        if !self.validations.is_empty() {
            x.push_str(&format!(r#"<dataValidations count="{}">"#, self.validations.len()));
            for v in &self.validations {
                let operator = if v.kind == "list" { String::new() } else { format!(r#" operator="{}""#, v.operator) };
                x.push_str(&format!(
                    r#"<dataValidation type="{}"{operator} allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="{}" error="{}" promptTitle="{}" prompt="{}" sqref="{}"><formula1>{}</formula1></dataValidation>"#,
                    v.kind,
                    esc("输入有误"),
                    esc(&v.error),
                    esc("填写说明"),
                    esc(&v.prompt),
                    esc(&v.sqref),
                    esc(&v.formula)
                ));
            }
            x.push_str("</dataValidations>");
        }
        x.push_str(r#"<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#);
        x.push_str(&format!(
            r#"<pageSetup paperSize="9" orientation="{}" fitToWidth="1" fitToHeight="0"/>"#,
            if self.landscape { "landscape" } else { "portrait" }
        ));
        x.push_str("</worksheet>");
        x
    }
}

/// `A1` style reference of a 0-based (row, column).
pub fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", col_name(col), row + 1)
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
pub fn col_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII")
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect()
}

/// Writes a workbook of these sheets.
pub fn write_workbook(sheets: &[Sheet]) -> Vec<u8> {
    let mut parts: Vec<(&str, String)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView activeTab="0"/></bookViews><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let names: Vec<String> = (1..=sheets.len()).map(|i| format!("xl/worksheets/sheet{i}.xml")).collect();
    for (i, sheet) in sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        book.push_str(&format!(r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#, esc(&sheet_name(&sheet.name))));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#
        ));
    }
    let styles_id = sheets.len() + 1;
    rels.push_str(&format!(
        r#"<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    ));
    book.push_str("</sheets></workbook>");
    types.push_str("</Types>");
    parts.push(("[Content_Types].xml", types));
    parts.push((
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#
            .to_string(),
    ));
    parts.push((
        "docProps/app.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao</Application></Properties>"#
            .to_string(),
    ));
    parts.push(("xl/workbook.xml", book));
    parts.push(("xl/_rels/workbook.xml.rels", rels));
    parts.push(("xl/styles.xml", STYLES_XML.to_string()));
    for (sheet, name) in sheets.iter().zip(&names) {
        parts.push((name.as_str(), sheet.xml()));
    }
    zip_write(&parts)
}

// ---------------------------------------------------------------------------
// Reading

use crate::limits::{MAX_TABLE_COLUMNS as MAX_COLS, MAX_TABLE_ROWS as MAX_ROWS, MAX_TABLE_SLOTS};

/// One sheet read back: its name and grid.
#[derive(Clone, Debug)]
pub struct ReadSheet {
    pub name: String,
    pub rows: Vec<Vec<Slot>>,
}

/// Parses `B12` into a 0-based (row, column).
fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let r = r.trim().trim_start_matches('$');
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col = 0usize;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    let row: usize = digits.parse().ok()?;
    (row >= 1).then_some((row - 1, col - 1))
}

/// Reads every worksheet of an XLSX file as a grid.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<ReadSheet>, ImportError> {
    let mut zip = zip_read(bytes, "Excel 文件")?;
    let book_xml =
        zip.part("xl/workbook.xml")?.ok_or_else(|| ImportError::new("不是 Excel 工作簿：缺少 xl/workbook.xml"))?;
    let book = parse_xml(&book_xml, "xl/workbook.xml")?;
    let rels = relationships(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let shared = match zip.part("xl/sharedStrings.xml")? {
        Some(xml) => {
            let root = parse_xml(&xml, "xl/sharedStrings.xml")?;
            root.children_named("si").map(string_item).collect()
        }
        None => Vec::new(),
    };
    let mut sheets = Vec::new();
    // One budget for the whole workbook: N sheets may all name one worksheet.
    let mut budget = SlotBudget::default();
    let Some(list) = book.child("sheets") else {
        return Err(ImportError::at("xl/workbook.xml", "工作簿中没有工作表"));
    };
    for sheet in list.children_named("sheet") {
        let name = sheet.attr("name").unwrap_or_default().to_string();
        let id = sheet.attr("id").unwrap_or_default();
        let Some((_, target, _)) = rels.iter().find(|(rid, _, _)| rid == id) else { continue };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = zip.part(&path)? else { continue };
        let root = parse_xml(&xml, &path)?;
        if root.name != "worksheet" {
            continue; // chart sheets and dialogs hold no cells
        }
        sheets.push(ReadSheet { rows: sheet_grid(&root, &shared, &name, &mut budget)?, name });
    }
    Ok(sheets)
}

/// The text of a shared or inline string item: its `t` runs, without the
/// phonetic guides (`rPh`).
fn string_item(si: &Element) -> String {
    let mut out = String::new();
    for child in si.elements() {
        match child.name.as_str() {
            "t" => out.push_str(&child.text()),
            "r" => {
                for t in child.children_named("t") {
                    out.push_str(&t.text());
                }
            }
            _ => {}
        }
    }
    out
}

/// What the sheets of one workbook may cost together: slots built, and
/// slots visited while marking merged regions (overlapping merges revisit).
struct SlotBudget {
    slots: usize,
    merge_work: usize,
}

impl Default for SlotBudget {
    fn default() -> SlotBudget {
        SlotBudget { slots: MAX_TABLE_SLOTS, merge_work: 2 * MAX_TABLE_SLOTS }
    }
}

fn too_many_cells(name: &str) -> ImportError {
    ImportError::at(
        format!("工作表“{name}”"),
        format!("工作簿的单元格（含合并单元格）合计超过 {} 万个，超过处理上限", MAX_TABLE_SLOTS / 10_000),
    )
}

fn sheet_grid(
    root: &Element,
    shared: &[String],
    name: &str,
    budget: &mut SlotBudget,
) -> Result<Vec<Vec<Slot>>, ImportError> {
    let mut rows: Vec<Vec<Slot>> = Vec::new();
    let mut put = |rows: &mut Vec<Vec<Slot>>, r: usize, c: usize, slot: Slot| -> Result<(), ImportError> {
        if r >= MAX_ROWS || c >= MAX_COLS {
            return Ok(());
        }
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        if rows[r].len() <= c {
            let grown = c + 1 - rows[r].len();
            budget.slots = budget.slots.checked_sub(grown).ok_or_else(|| too_many_cells(name))?;
            rows[r].resize(c + 1, Slot::default());
        }
        rows[r][c] = slot;
        Ok(())
    };
    if let Some(data) = root.child("sheetData") {
        let mut next_row = 0usize;
        for row in data.children_named("row") {
            let r = row
                .attr("r")
                .and_then(|v| v.parse::<usize>().ok())
                .filter(|&r| r >= 1)
                .map(|r| r - 1)
                .unwrap_or(next_row);
            next_row = r + 1;
            if r >= MAX_ROWS {
                break;
            }
            let mut next_col = 0usize;
            for cell in row.children_named("c") {
                let (rr, c) = cell.attr("r").and_then(parse_ref).unwrap_or((r, next_col));
                next_col = c + 1;
                let text = cell_text(cell, shared)
                    .map_err(|m| ImportError::at(format!("{name}!{}", cell_ref(rr as u32, c as u32)), m))?;
                put(&mut rows, rr, c, Slot::text(text))?;
            }
        }
    }
    if let Some(merges) = root.child("mergeCells") {
        for m in merges.children_named("mergeCell") {
            let Some((a, b)) = m.attr("ref").and_then(|r| r.split_once(':')) else { continue };
            let (Some((r1, c1)), Some((r2, c2))) = (parse_ref(a), parse_ref(b)) else { continue };
            let (r2, c2) = (r2.min(MAX_ROWS - 1), c2.min(MAX_COLS - 1));
            let area = (r2 + 1).saturating_sub(r1) * (c2 + 1).saturating_sub(c1);
            // Bounded work however many (overlapping) merges a hostile file lists.
            budget.merge_work = budget
                .merge_work
                .checked_sub(area)
                .ok_or_else(|| ImportError::at(format!("工作表“{name}”"), "合并单元格过多或过大，超过处理上限"))?;
            for r in r1..=r2 {
                for c in c1..=c2 {
                    if (r, c) != (r1, c1) {
                        put(&mut rows, r, c, Slot::covered())?;
                    }
                }
            }
        }
    }
    Ok(rows)
}

/// The text of one cell: strings as they are, numbers as exact decimal text.
fn cell_text(cell: &Element, shared: &[String]) -> Result<String, String> {
    let v = cell.child("v").map(|v| v.text()).unwrap_or_default();
    match cell.attr("t").unwrap_or("n") {
        "s" => {
            let i: usize = v.trim().parse().map_err(|_| "共享字符串编号无效".to_string())?;
            shared.get(i).cloned().ok_or_else(|| "共享字符串编号超出范围".to_string())
        }
        "inlineStr" => Ok(cell.child("is").map(string_item).unwrap_or_default()),
        "str" | "e" => Ok(v),
        "b" => Ok(if v.trim() == "1" { "TRUE".into() } else { "FALSE".into() }),
        _ => Ok(number_text(v.trim())),
    }
}

/// Spreadsheet numbers may be written `1.5E-3`; the model reads plain decimals.
fn number_text(v: &str) -> String {
    if v.contains(['E', 'e']) {
        if let Ok(d) = rust_decimal::Decimal::from_scientific(v) {
            return d.normalize().to_string();
        }
    }
    v.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_and_names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(cell_ref(9, 27), "AB10");
        assert_eq!(parse_ref("AB10"), Some((9, 27)));
        assert_eq!(parse_ref("$C$3"), Some((2, 2)));
        assert_eq!(parse_ref("3"), None);
        assert_eq!(number_text("1.5E-3"), "0.0015");
        assert_eq!(number_text("1271.38998"), "1271.38998");
    }

    #[test]
    fn writes_and_reads_back_text_numbers_and_merges() {
        let mut sheet = Sheet::new("表[1]");
        sheet.text(0, 0, "=HYPERLINK(\"http://x\")", Style::Label);
        sheet.set(0, 1, Content::Number("1271.38998".into()), Style::Input);
        sheet.text(1, 0, "合并", Style::Header);
        sheet.merge(1, 0, 2, 3, Style::Header);
        let bytes = write_workbook(&[sheet]);
        let sheets = read_workbook(&bytes).unwrap();
        assert_eq!(sheets[0].name, "表1");
        let rows = &sheets[0].rows;
        assert_eq!(rows[0][0].text, "=HYPERLINK(\"http://x\")");
        assert_eq!(rows[0][1].text, "1271.38998");
        assert_eq!(rows[1][0].text, "合并");
        assert!(rows[2][2].covered && !rows[1][0].covered);
        let mut zip = zip_read(&bytes, "t").unwrap();
        let xml = zip.part("xl/worksheets/sheet1.xml").unwrap().unwrap();
        assert!(!xml.contains("<f>") && xml.contains("t=\"inlineStr\""));
    }
}
