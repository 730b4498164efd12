//! The report as an Excel workbook, and the blank fill-in template.
//!
//! One sheet per official table, laid out cell for cell like the official
//! tables ([`layout::grid`]): the labels locked, the value cells unlocked
//! (pale yellow) and limited to numbers by data validation, the sheet
//! protected without a password. A 基本信息 sheet holds the meta, a 正文
//! sheet the prose (report export only), a 问题清单 sheet the findings.
//! [`crate::import::xlsx`] reads all of it back.

use crate::finding::{Finding, Location, Severity};
use crate::formats::xlsx::{
    section_label, table_sheet_name, FINDINGS_SHEET, META_KIND, META_ORGAN, META_PUBLISHED, META_SHEET, META_TITLE,
    META_YEAR, PROSE_CHUNK, PROSE_SHEET, SIGNATURE_LABEL,
};
use crate::layout::placed;
use crate::layout::{self, CellId, CellKind, Role, TableId};
use crate::model::{OrganKind, Report, SectionKey, Value};
use crate::office::xlsx::{cell_ref, write_workbook, Content, Sheet, Style, Validation};

/// The blank fill-in template: the meta, the three tables and the 正文
/// sheet with a box for each prose part, so a report made from it is whole.
pub fn template() -> Vec<u8> {
    workbook(&Report::new(), None)
}

/// The report (meta, prose, the three tables) and its findings as a workbook.
pub fn to_xlsx(report: &Report, findings: &[Finding]) -> Vec<u8> {
    workbook(report, Some(findings))
}

fn workbook(report: &Report, findings: Option<&[Finding]>) -> Vec<u8> {
    let mut sheets = vec![meta_sheet(report)];
    sheets.extend(TableId::ALL.map(|t| table_sheet(report, t, findings.unwrap_or_default())));
    sheets.push(prose_sheet(report));
    if let Some(findings) = findings {
        sheets.push(findings_sheet(findings));
    }
    write_workbook(&sheets)
}

fn meta_sheet(report: &Report) -> Sheet {
    let meta = &report.meta;
    let mut s = Sheet::new(META_SHEET);
    s.protect = true;
    s.width(0, 14.0);
    s.width(1, 48.0);
    s.width(2, 48.0);
    s.text(0, 0, "政府信息公开工作年度报告 填报表（国办公开办函〔2021〕30号格式）", Style::Title);
    s.text(
        1,
        0,
        "填写方法：在黄色格子中填写。各表的标签格已锁定（保护无密码），请不要增删行列。填好后在 nianbao 中上传本文件即可检查。",
        Style::Note,
    );
    s.merge(1, 0, 1, 3, Style::Note);
    s.height(1, 30.0);
    let kinds: Vec<&str> = OrganKind::ALL.iter().map(|k| k.label()).collect();
    let rows: [(&str, Content, &str); 5] = [
        (META_ORGAN, text_or_empty(&meta.organ), "如：某某区人民政府"),
        (
            META_KIND,
            meta.organ_kind.map(|k| Content::Text(k.label().to_string())).unwrap_or(Content::Empty),
            "从下拉列表选择：人民政府、政府部门、乡镇/街道、其他",
        ),
        (
            META_YEAR,
            meta.year.map(|y| Content::Number(y.to_string())).unwrap_or(Content::Empty),
            "报告所统计的年度，如 2025",
        ),
        (
            META_TITLE,
            meta.title.as_deref().map(text_or_empty).unwrap_or(Content::Empty),
            "可不填：默认为“机关名称+年度+政府信息公开工作年度报告”",
        ),
        (
            META_PUBLISHED,
            meta.published_on.map(|d| Content::Text(d.to_string())).unwrap_or(Content::Empty),
            "可不填：格式 2026-01-31",
        ),
    ];
    for (i, (label, content, note)) in rows.into_iter().enumerate() {
        let r = 3 + i as u32;
        s.text(r, 0, label, Style::Label);
        s.set(r, 1, content, Style::InputText);
        s.text(r, 2, note, Style::Note);
    }
    s.validations.push(Validation {
        sqref: cell_ref(4, 1),
        kind: "list",
        operator: "",
        formula: format!("\"{}\"", kinds.join(",")),
        prompt: "请从列表中选择机关类型".into(),
        error: "请从列表中选择：人民政府、政府部门、乡镇/街道、其他".into(),
    });
    s
}

fn text_or_empty(text: &str) -> Content {
    if text.is_empty() {
        Content::Empty
    } else {
        Content::Text(text.to_string())
    }
}

/// Rough display width of text in Excel's character units (CJK counts double).
fn display_width(text: &str) -> f64 {
    text.chars().map(|c| if (c as u32) < 0x2E80 { 1.1 } else { 2.05 }).sum()
}

/// Column widths of the tables, in Excel's character units.
fn column_widths(table: TableId) -> Vec<f64> {
    match table {
        TableId::Active => vec![20.0, 18.0, 18.0, 18.0],
        TableId::Requests => [vec![9.0, 12.0, 40.0], vec![9.5; 7]].concat(),
        TableId::ReviewLitigation => vec![8.5; 15],
    }
}

/// The row where a table's grid starts on its sheet (after title and note).
pub const TABLE_ORIGIN_ROW: u32 = 3;

/// The most serious finding on a cell, if any.
fn severity_of(findings: &[Finding], id: CellId) -> Option<Severity> {
    findings.iter().filter(|f| f.cells.contains(&Location::Cell(id))).map(|f| f.severity).min()
}

fn table_sheet(report: &Report, table: TableId, findings: &[Finding]) -> Sheet {
    let g = layout::grid(table);
    let mut s = Sheet::new(table_sheet_name(table));
    s.protect = true;
    s.landscape = table != TableId::Active;
    let widths = column_widths(table);
    for (c, w) in widths.iter().enumerate() {
        s.width(c as u32, *w);
    }
    s.text(0, 0, table.heading(), Style::Title);
    s.merge(0, 0, 1, g.columns as u32, Style::Title);
    s.height(0, 24.0);
    let note = match table {
        TableId::Active => "黄色格子填写数字：件数填整数，收费金额单位为万元（可带小数）；没有的填 0。",
        _ => "黄色格子填写件数（整数），没有的填 0。各行各列的合计关系见表头说明。",
    };
    s.text(1, 0, note, Style::Note);
    s.merge(1, 0, 1, g.columns as u32, Style::Note);
    let origin = TABLE_ORIGIN_ROW;
    let mut lines = vec![1.0f64; g.rows.len()];
    let (mut counts, mut money) = (Vec::new(), Vec::new());
    for p in placed(table) {
        let (r, c) = (origin + p.row as u32, p.col as u32);
        let cell = p.cell;
        let style = match cell.role {
            Role::Caption => Style::Caption,
            Role::Header => Style::Header,
            Role::RowLabel => Style::Label,
            Role::Value(id) => {
                let content = match report.value(id) {
                    // What the blank held (“/”), read back as the same blank.
                    Value::Blank => report.blank_mark(id).map_or(Content::Empty, |m| Content::Text(m.to_string())),
                    Value::Number(n) => Content::Number(n.to_string()),
                    Value::Text(t) => Content::Text(t.clone()),
                };
                // Cells with a finding stand out: red for an error, orange for a warning.
                let style = match severity_of(findings, id) {
                    Some(Severity::Error) => Style::InputError,
                    Some(Severity::Warning) => Style::InputWarning,
                    _ => Style::Input,
                };
                s.set(r, c, content, style);
                s.merge(r, c, cell.rowspan as u32, cell.colspan as u32, style);
                match id.kind() {
                    CellKind::Count => counts.push(cell_ref(r, c)),
                    CellKind::Money => money.push(cell_ref(r, c)),
                }
                continue;
            }
        };
        s.text(r, c, cell.text, style);
        s.merge(r, c, cell.rowspan as u32, cell.colspan as u32, style);
        // Estimate wrapped lines for the row height (Excel does not grow
        // rows for merged cells by itself).
        let width: f64 = widths[p.col..p.col + cell.colspan].iter().sum::<f64>() - 1.0;
        let needed = (display_width(cell.text) / width).ceil() / cell.rowspan as f64;
        lines[p.row] = lines[p.row].max(needed);
    }
    for (i, n) in lines.iter().enumerate() {
        if *n > 1.0 {
            s.height(origin + i as u32, (n.ceil() * 15.0).min(400.0));
        }
    }
    if !counts.is_empty() {
        s.validations.push(Validation {
            sqref: counts.join(" "),
            kind: "whole",
            operator: "greaterThanOrEqual",
            formula: "0".into(),
            prompt: "填写件数：0 或正整数".into(),
            error: "这里只能填写 0 或正整数（件数）".into(),
        });
    }
    if !money.is_empty() {
        s.validations.push(Validation {
            sqref: money.join(" "),
            kind: "decimal",
            operator: "greaterThanOrEqual",
            formula: "0".into(),
            prompt: "填写金额，单位：万元（可带小数）".into(),
            error: "这里只能填写不小于 0 的数字，单位万元".into(),
        });
    }
    s
}

fn prose_sheet(report: &Report) -> Sheet {
    let mut s = Sheet::new(PROSE_SHEET);
    s.width(0, 30.0);
    s.width(1, 100.0);
    s.text(0, 0, "正文（各部分文字；表二、表三、表四见各表工作表）", Style::Title);
    s.text(
        1,
        0,
        "在右侧格子中填写各部分文字（段落之间可按 Alt+Enter 换行）。一、五、六部分缺一不可，没有可写的事项也请写明“无”。",
        Style::Note,
    );
    s.merge(1, 0, 1, 1, Style::Note);
    let mut r = 2;
    for key in SectionKey::ALL {
        let text = report.sections.get(key).unwrap_or_default();
        s.text(r, 0, section_label(key), Style::Label);
        let chars: Vec<char> = text.chars().collect();
        if chars.is_empty() {
            s.set(r, 1, Content::Empty, Style::InputText);
        }
        for (i, chunk) in chars.chunks(PROSE_CHUNK).enumerate() {
            s.text(r, 1 + i as u32, &chunk.iter().collect::<String>(), Style::Prose);
        }
        let lines = (display_width(text) / 98.0).ceil() + text.matches('\n').count() as f64;
        s.height(r, (lines.max(4.0) * 15.0).min(409.0));
        r += 1;
    }
    s.text(r, 0, SIGNATURE_LABEL, Style::Label);
    s.text(r, 1, "机关名称和发布日期，取自“基本信息”工作表；输出 Word 时自动排在文末右下方。", Style::Note);
    s
}

fn findings_sheet(findings: &[Finding]) -> Sheet {
    let mut s = Sheet::new(FINDINGS_SHEET);
    s.landscape = true;
    use crate::output::FindingColumn::{self, *};
    const COLUMNS: [FindingColumn; 7] = [Rule, Severity, Message, Place, Expected, Actual, Addresses];
    for (c, (column, w)) in COLUMNS.iter().zip([8.0, 8.0, 70.0, 36.0, 14.0, 14.0, 36.0]).enumerate() {
        s.text(0, c as u32, column.header(), Style::Header);
        s.width(c as u32, w);
    }
    if findings.is_empty() {
        s.text(1, 0, "未发现问题。", Style::Default);
    }
    for (i, f) in findings.iter().enumerate() {
        let r = 1 + i as u32;
        for (c, column) in COLUMNS.iter().enumerate() {
            s.set(r, c as u32, text_or_empty(&column.text(f, "\n")), Style::Prose);
        }
        let lines = (display_width(&f.message) / 68.0).ceil().max(f.cells.len() as f64).max(1.0);
        s.height(r, (lines * 15.0).min(409.0));
    }
    s
}
