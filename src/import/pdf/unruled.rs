//! Tables printed without ruling lines (a web page whose table has no
//! borders, a Word table with its borders removed): no grid to rebuild,
//! but the official layout fixes how many figures each row holds and in
//! which order. Under a table's heading, the lines' figures are taken in
//! reading order and must fill the official rows exactly — each line
//! ending where a row ends, every row complete. Anything else (a blank
//! cell, a stray number, a row of the wrong width) reads nothing: the
//! table stays unread (S2), never guessed.

use super::Item;
use crate::import::document::{heading, Part};
use crate::layout::{official_slots, placed, Slot};
use crate::layout::{CellId, Role, TableId};
use std::collections::HashMap;

/// The lines under each table heading, for the tables drawn without a
/// ruled table under their heading.
pub fn regions(items: &[Item]) -> Vec<(TableId, Vec<String>)> {
    let mut out: Vec<(TableId, Vec<String>)> = Vec::new();
    let mut current: Option<usize> = None;
    for item in items {
        match item {
            Item::Line { text, .. } => match heading(text) {
                Some((Part::Table(t), _)) => {
                    out.push((t, Vec::new()));
                    current = Some(out.len() - 1);
                }
                Some(_) => current = None,
                None => {
                    if let Some(i) = current {
                        out[i].1.push(text.clone());
                    }
                }
            },
            Item::Table(..) => {
                // A ruled table under the heading: read as such.
                if let Some(i) = current.take() {
                    out[i].1.clear();
                    out.remove(i);
                }
            }
            Item::PageBreak => {}
        }
    }
    out
}

/// A figure as printed in a cell: digits, with a decimal point or
/// thousands separators.
fn is_figure(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit()) && token.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// The official value cells of a table, row by row.
fn value_rows(table: TableId) -> Vec<Vec<CellId>> {
    let mut rows: HashMap<usize, Vec<(usize, CellId)>> = HashMap::new();
    for p in placed(table) {
        if let Role::Value(id) = p.cell.role {
            rows.entry(p.row).or_default().push((p.col, id));
        }
    }
    let mut keys: Vec<usize> = rows.keys().copied().collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|k| {
            let mut cells = rows.remove(&k).unwrap_or_default();
            cells.sort_by_key(|(c, _)| *c);
            cells.into_iter().map(|(_, id)| id).collect()
        })
        .collect()
}

/// The table as the official grid, when the lines' figures fill its rows
/// exactly.
pub fn read(table: TableId, lines: &[String]) -> Option<Vec<Vec<Slot>>> {
    let rows = value_rows(table);
    let mut values: HashMap<CellId, String> = HashMap::new();
    let mut row = 0;
    let mut filled = 0;
    for line in lines {
        let figures: Vec<&str> = line.split_whitespace().filter(|t| is_figure(t)).collect();
        if figures.is_empty() {
            continue;
        }
        let cells = rows.get(row)?;
        if filled + figures.len() > cells.len() {
            return None;
        }
        for (id, figure) in cells[filled..].iter().zip(&figures) {
            values.insert(*id, figure.replace(',', ""));
        }
        filled += figures.len();
        if filled == cells.len() {
            row += 1;
            filled = 0;
        }
    }
    (row == rows.len() && filled == 0)
        .then(|| official_slots(table, &|id| values.get(&id).cloned().unwrap_or_default()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_fill_the_official_rows_or_nothing_is_read() {
        let mut lines = vec!["信息内容 本年制发件数 本年废止件数 现行有效件数".to_string()];
        lines.push("规章 1 0 11".into());
        lines.push("行政规范性文件 8 26 66".into());
        for (label, v) in
            [("行政许可", "447,228"), ("行政处罚", "3985758"), ("行政强制", "88283"), ("行政事业性收费", "96171.6")]
        {
            lines.push(format!("{label} {v}"));
        }
        let rows = read(TableId::Active, &lines).expect("read");
        let texts: Vec<&str> = rows.iter().flatten().map(|s| s.text.as_str()).collect();
        assert!(texts.contains(&"447228") && texts.contains(&"96171.6"), "{texts:?}");
        // A blank cell: the figures no longer fill the rows.
        lines[2] = "行政规范性文件 8 66".into();
        assert!(read(TableId::Active, &lines).is_none());
    }
}
