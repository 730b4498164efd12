//! The report as Markdown: headings, prose and the three tables as pipe
//! tables, with merged labels repeated on every row they cover so each row
//! reads on its own (and reads back unambiguously).

use crate::layout::{grid, Role, TableId};
use crate::model::{title, Report, SectionKey};

/// The whole report as Markdown.
pub fn to_markdown(report: &Report) -> String {
    let mut out = format!("# {}\n\n", inline(&title(report)));
    if let Some(preamble) = report.sections.preamble.as_deref() {
        prose(&mut out, preamble);
    }
    section(&mut out, report, SectionKey::Overview);
    for table in TableId::ALL {
        out.push_str(&format!("## {}\n\n", table.heading()));
        if let Some(note) = report.sections.get(SectionKey::note_of(table)) {
            prose(&mut out, note);
        }
        table_markdown(&mut out, report, table);
    }
    section(&mut out, report, SectionKey::Problems);
    section(&mut out, report, SectionKey::Other);
    out
}

fn section(out: &mut String, report: &Report, key: SectionKey) {
    out.push_str(&format!("## {}\n\n", key.heading()));
    prose(out, report.sections.get(key).unwrap_or(""));
}

fn prose(out: &mut String, text: &str) {
    for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let lines: Vec<String> = p.lines().map(|l| inline(l.trim())).collect();
        out.push_str(&lines.join("  \n"));
        out.push_str("\n\n");
    }
}

/// Expands the grid to a full matrix (merged cells repeated) and writes it as a pipe table.
fn table_markdown(out: &mut String, report: &Report, table: TableId) {
    let g = grid(table);
    let mut matrix: Vec<Vec<Option<String>>> = vec![vec![None; g.columns]; g.rows.len()];
    for (r, row) in g.rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while matrix[r][col].is_some() {
                col += 1;
            }
            let text = match cell.role {
                Role::Value(id) => report.value(id).to_string(),
                _ => cell.text.to_string(),
            };
            for line in &mut matrix[r..r + cell.rowspan] {
                for (offset, slot) in line[col..col + cell.colspan].iter_mut().enumerate() {
                    // Values fill only their first column; labels repeat over their span.
                    let repeat = !matches!(cell.role, Role::Value(_)) || offset == 0;
                    *slot = Some(if repeat { text.clone() } else { String::new() });
                }
            }
            col += cell.colspan;
        }
    }
    for (i, row) in matrix.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|c| cell_text(c.as_deref().unwrap_or(""))).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            out.push_str(&format!("|{}\n", "---|".repeat(g.columns)));
        }
    }
    out.push('\n');
}

fn cell_text(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// Escapes what Markdown would otherwise act on: raw HTML and leading markers.
fn inline(text: &str) -> String {
    let escaped = text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    match escaped.chars().next() {
        Some('#' | '>' | '-' | '+' | '*' | '=' | '`') => format!("\\{escaped}"),
        _ => escaped,
    }
}
