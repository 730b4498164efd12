//! Plain text and Markdown: a report pasted from a draft or a web page, or
//! saved as `.txt`/`.md`. Paragraphs are lines (Markdown `#` marks and
//! `**bold**` dropped); tables are runs of tab-separated lines (as a copied
//! Word or web table pastes) or `|`-separated lines (Markdown), with the
//! merged-cell labels spread over lines and columns as they come. The
//! document pipeline ([`super::document`]) finds the sections and the
//! official tables by their labels.

use super::document::{assemble, Block};
use super::grid::Slot;
use super::{Format, Imported};
use crate::error::ImportError;
use crate::layout::{normalize_label, Role, TableId};

/// Most lines read (a long report has a few hundred).
const MAX_LINES: usize = 200_000;
/// Widest table row accepted.
const MAX_COLUMNS: usize = 200;

/// Whether bytes look like a text report: decodable text naming a part of
/// the report (a heading or a table label).
pub fn looks_like_report(text: &str) -> bool {
    let head: String = text.chars().take(200_000).collect();
    ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开工作年度报告", "行政复议"]
        .iter()
        .any(|k| head.contains(k))
}

/// The normalised labels of the official tables: a line holding one alone
/// is a table row.
static LABELS: std::sync::LazyLock<std::collections::HashSet<String>> = std::sync::LazyLock::new(|| {
    TableId::ALL
        .into_iter()
        .flat_map(|t| crate::layout::grid(t).rows.iter().flatten())
        .filter(|c| !matches!(c.role, Role::Value(_)) && !c.text.is_empty())
        .map(|c| normalize_label(c.text))
        .collect()
});

/// Reads a text or Markdown report.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = super::encoding::decode_text_borrowed(bytes)?;
    import_str(&text)
}

/// Reads a text or Markdown report from a string (pasted text).
pub fn import_str(text: &str) -> Result<Imported, ImportError> {
    let blocks = blocks(text)?;
    assemble(&blocks, Format::Text, "文本")
}

/// The blocks of a text: paragraphs and tables.
pub fn blocks(text: &str) -> Result<Vec<Block>, ImportError> {
    let mut blocks = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let flush = |table: &mut Vec<Vec<String>>, blocks: &mut Vec<Block>| {
        match table.len() {
            0 => {}
            // One line with a tab is prose (an indented paragraph), not a table.
            1 => {
                let cells = std::mem::take(table).pop().unwrap_or_default();
                let text = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    blocks.push(Block::para(text.replace("**", "")));
                }
            }
            _ => blocks.push(Block::Table(to_grid(std::mem::take(table)))),
        }
    };
    for (n, line) in text.lines().enumerate() {
        if n >= MAX_LINES {
            return Err(ImportError::at(format!("第 {} 行", n + 1), "文本过长，超过处理上限"));
        }
        let line = line.trim_end_matches('\r');
        // A row of one merged cell (“第二十条第（一）项”) copied from a
        // browser has no tab: an official table label alone on its line is
        // a table row.
        let single = || {
            let t = line.trim();
            (!t.is_empty() && t.chars().nth(40).is_none() && LABELS.contains(&normalize_label(t)))
                .then(|| vec![t.to_string()])
        };
        if let Some(cells) = table_row(line).or_else(single) {
            if cells.len() > MAX_COLUMNS {
                return Err(ImportError::at(format!("第 {} 行", n + 1), "表格列数过多，超过处理上限"));
            }
            if !cells.is_empty() {
                table.push(cells);
            }
            continue;
        }
        flush(&mut table, &mut blocks);
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (text, title) = match trimmed.strip_prefix('#') {
            Some(rest) => {
                let level = 1 + rest.chars().take_while(|c| *c == '#').count();
                (rest.trim_start_matches('#').trim(), level == 1)
            }
            None => (trimmed, false),
        };
        let text = text.strip_prefix("> ").unwrap_or(text).replace("**", "").replace("__", "");
        blocks.push(Block::Paragraph { text, title, signature: false, right: false, center: title });
    }
    flush(&mut table, &mut blocks);
    Ok(blocks)
}

/// The cells of a table line: tab-separated, or a Markdown `| a | b |`
/// line (`Some(vec![])` for its `|---|` separator line).
fn table_row(line: &str) -> Option<Vec<String>> {
    let trimmed = line.trim();
    if trimmed.starts_with('|') && trimmed.len() > 1 {
        let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let cells: Vec<String> = inner.split('|').map(|c| without_markup(c.trim())).collect();
        if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            return Some(Vec::new());
        }
        return Some(cells);
    }
    if line.contains('\t') {
        let cells: Vec<String> = line.split('\t').map(|c| c.trim().to_string()).collect();
        // An indented paragraph: one long text, nothing else.
        let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        if filled.len() == 1 && filled[0].chars().count() > 30 {
            return None;
        }
        return Some(cells);
    }
    None
}

/// A Markdown cell's text: `<br>` as a line break, `**` bold marks dropped.
fn without_markup(cell: &str) -> String {
    let mut text = cell.to_string();
    if text.contains("<br>") {
        text = text.replace("<br>", "\n");
    }
    if text.contains("**") {
        text = text.replace("**", "");
    }
    text
}

/// Rows of cells as a grid (rows padded to the widest).
pub fn to_grid(rows: Vec<Vec<String>>) -> Vec<Vec<Slot>> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    rows.into_iter()
        .map(|row| {
            let mut slots: Vec<Slot> = row.into_iter().map(Slot::text).collect();
            slots.resize(width, Slot::default());
            slots
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_tab_rows() {
        assert_eq!(table_row("| a | b |"), Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(table_row("|---|:--:|"), Some(vec![]));
        assert_eq!(table_row("规章\t2\t0"), Some(vec!["规章".to_string(), "2".to_string(), "0".to_string()]));
        assert_eq!(table_row("一、总体情况"), None);
    }

    #[test]
    fn a_single_tabbed_line_is_a_paragraph() {
        let blocks = blocks("一、总体情况\n\t2025年，本机关依法受理并办结了全部政府信息公开申请，共收到申请 3 件。\n规章\t1\n规范性文件\t2\n\n\t另起一行\n").unwrap();
        assert!(
            matches!(&blocks[1], Block::Paragraph { text, .. } if text.ends_with("共收到申请 3 件。")),
            "{blocks:?}"
        );
        assert!(matches!(&blocks[2], Block::Table(rows) if rows.len() == 2));
        assert!(matches!(&blocks[3], Block::Paragraph { text, .. } if text == "另起一行"), "{blocks:?}");
    }

    #[test]
    fn unrelated_text_is_an_error() {
        let e = import_str("今天天气很好。\n明天也不错。").unwrap_err();
        assert!(e.message.contains("没有找到年度报告"), "{e}");
    }
}

#[cfg(test)]
mod fold_tests {
    /// A report whose text spells 一 人 行 日 with Kangxi radicals (as a
    /// PDF's text layer does) reads like the plain one, and the prose
    /// reads 一 and 行.
    #[test]
    fn radicals_in_the_text_read_as_unified_ideographs() {
        let report = crate::batch::synthetic::report(7, 3, 2025);
        let text = crate::render::markdown::to_markdown(&report);
        let odd: String = text
            .chars()
            .map(|c| match c {
                '一' => '⼀',
                '人' => '⼈',
                '行' => '⾏',
                '日' => '⽇',
                '长' => '⻓',
                c => c,
            })
            .collect();
        assert_ne!(odd, text);
        let plain = super::import_str(&text).unwrap();
        let folded = super::import_str(&odd).unwrap();
        assert_eq!(folded.report, plain.report);
        assert_eq!(folded.findings.len(), plain.findings.len());
        let prose = folded.report.sections.overview.clone().unwrap_or_default();
        assert!(!prose.contains(['⼀', '⾏', '⼈']), "{prose}");
    }
}
