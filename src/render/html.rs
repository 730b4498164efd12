//! The report in the official layout as HTML: the six headings in order,
//! the prose, and the three tables with the exact labels and merged cells.
//!
//! Every value cell carries its DATA-MODEL address as `data-cell`; a cell
//! that a finding names carries `data-severity` and the finding's message
//! as `title`. Every piece of report text is escaped.

use crate::finding::{Finding, Location, RuleCode, Severity};
use crate::layout::{grid, CellId, Role, TableId};
use crate::model::{title, Report, SectionKey, Value};
use std::collections::HashMap;
use std::fmt::Write;

/// The stylesheet of the rendered report (screen and A4 print), shared with the page.
pub const REPORT_CSS: &str = include_str!("../../www/report.css");

/// A complete HTML document, ready to open, print or publish.
pub fn document(report: &Report, findings: &[Finding]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&title(report)));
    let _ = writeln!(out, "<style>\n{REPORT_CSS}</style>\n</head>\n<body>");
    out.push_str(&article(report, findings));
    out.push_str("</body>\n</html>\n");
    out
}

/// The report as an `<article class="nb-report">` fragment (for the page's preview).
pub fn article(report: &Report, findings: &[Finding]) -> String {
    let marks = Marks::new(findings);
    let mut out = String::new();
    out.push_str("<article class=\"nb-report\">\n");
    let _ = writeln!(out, "<h1 class=\"nb-title\">{}</h1>", escape(&title(report)));
    if let Some(preamble) = report.sections.preamble.as_deref() {
        prose(&mut out, SectionKey::Preamble, preamble, &marks);
    }
    section(&mut out, report, SectionKey::Overview, &marks);
    for table in TableId::ALL {
        let _ = writeln!(out, "<section class=\"nb-section\" id=\"nb-{}\">", table.key());
        let _ = writeln!(out, "<h2>{}</h2>", table.heading());
        let note = SectionKey::note_of(table);
        if let Some(text) = report.sections.get(note).filter(|t| !t.trim().is_empty()) {
            prose(&mut out, note, text, &marks);
        }
        table_html(&mut out, report, table, &marks);
        out.push_str("</section>\n");
    }
    section(&mut out, report, SectionKey::Problems, &marks);
    section(&mut out, report, SectionKey::Other, &marks);
    out.push_str("</article>\n");
    out
}

/// How each location is marked: the worst severity of the findings whose
/// cell to fix it is (`data-severity`), or of those that merely name it as
/// a related cell (`data-related`), with the messages for a tooltip.
struct Marks<'a> {
    by_location: HashMap<Location, Mark<'a>>,
}

#[derive(Default)]
struct Mark<'a> {
    primary: Option<Severity>,
    related: Option<Severity>,
    messages: Vec<&'a str>,
}

/// The cells a finding asks to change: the first one, or all of them for
/// a finding that lists cells alike (D1's blank cells, X4's columns).
fn cells_to_fix(finding: &Finding) -> usize {
    match finding.rule {
        RuleCode::D1 | RuleCode::X4 => finding.cells.len(),
        _ => 1,
    }
}

fn worst(a: Option<Severity>, b: Severity) -> Option<Severity> {
    Some(a.map_or(b, |a| a.min(b)))
}

impl<'a> Marks<'a> {
    fn new(findings: &'a [Finding]) -> Marks<'a> {
        let mut by_location: HashMap<Location, Mark> = HashMap::new();
        for f in findings {
            let fix = cells_to_fix(f);
            for (i, &location) in f.cells.iter().enumerate() {
                let mark = by_location.entry(location).or_default();
                if i < fix {
                    mark.primary = worst(mark.primary, f.severity);
                } else {
                    mark.related = worst(mark.related, f.severity);
                }
                mark.messages.push(&f.message);
            }
        }
        Marks { by_location }
    }

    /// ` data-severity="…"` (or ` data-related="…"`) and a `title` for a
    /// marked location, else nothing.
    fn attributes(&self, location: impl Into<Location>) -> String {
        let Some(mark) = self.by_location.get(&location.into()) else { return String::new() };
        let (attribute, severity) = match (mark.primary, mark.related) {
            (Some(s), _) => ("data-severity", s),
            (None, Some(s)) => ("data-related", s),
            (None, None) => return String::new(),
        };
        format!(
            " {attribute}=\"{}\" title=\"{}\"",
            severity.key(),
            escape(&format!("{}：{}", severity.label(), mark.messages.join("\n")))
        )
    }
}

fn section(out: &mut String, report: &Report, key: SectionKey, marks: &Marks) {
    let text = report.sections.get(key).unwrap_or("");
    prose(out, key, text, marks);
}

fn prose(out: &mut String, key: SectionKey, text: &str, marks: &Marks) {
    let address = key.address();
    // A note sits inside its table's section, under the table's heading.
    let class = if key.table().is_some() { "nb-note nb-prose" } else { "nb-section nb-prose" };
    let _ = writeln!(
        out,
        "<section class=\"{class}\" id=\"nb-{}\" data-cell=\"{address}\"{}>",
        key.key(),
        marks.attributes(key)
    );
    if !key.is_optional() {
        let _ = writeln!(out, "<h2>{}</h2>", key.heading());
    }
    // As in the Word output: paragraphs a page break cut are joined again.
    let text = super::rejoin_broken_paragraphs(text);
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    if paragraphs.is_empty() && !key.is_optional() {
        out.push_str("<p class=\"nb-empty\">（本部分未填写）</p>\n");
    }
    for p in paragraphs {
        let lines: Vec<String> = p.lines().map(|l| escape(l.trim())).collect();
        let _ = writeln!(out, "<p>{}</p>", lines.join("<br>"));
    }
    out.push_str("</section>\n");
}

fn table_html(out: &mut String, report: &Report, table: TableId, marks: &Marks) {
    let _ = writeln!(out, "<table class=\"nb-table nb-{}\">", table.key());
    grid_rows(out, table, |out, id, spans| {
        let value = report.value(id);
        let class = match value {
            Value::Blank => "nb-v nb-blank",
            Value::Text(_) => "nb-v nb-text",
            Value::Number(_) => "nb-v",
        };
        // `data-label`: the cell's place in Chinese, for what people
        // read and hear (the address is for programs).
        let _ = write!(
            out,
            "<td class=\"{class}\" data-cell=\"{}\" data-label=\"{}\"{spans}{}>{}</td>",
            id.address(),
            escape(id.label()),
            marks.attributes(id),
            escape(&value.to_string())
        );
    });
}

/// The rows of a table on its official grid, to the table's end: headers,
/// captions and row labels as the official form has them, each value cell
/// written by `value` (given the cell and its ` rowspan=… colspan=…`). The
/// report and the comparison of two reports (`compare::html`) share it.
pub(crate) fn grid_rows(out: &mut String, table: TableId, mut value: impl FnMut(&mut String, CellId, &str)) {
    let grid = grid(table);
    // The leading rows of column headers go in <thead>: a printed table that
    // runs over a page repeats them, as the Word output does.
    let headers =
        grid.rows.iter().take_while(|row| row.iter().all(|c| matches!(c.role, Role::Header | Role::Caption))).count();
    for (r, row) in grid.rows.iter().enumerate() {
        if r == 0 && headers > 0 {
            out.push_str("<thead>");
        }
        if r == headers {
            out.push_str("<tbody>");
        }
        out.push_str("<tr>");
        for cell in row {
            let spans = spans(cell.rowspan, cell.colspan);
            match cell.role {
                Role::Value(id) => value(out, id, &spans),
                Role::Caption => {
                    let _ = write!(out, "<th class=\"nb-caption\"{spans}>{}</th>", cell.text);
                }
                Role::Header => {
                    let _ = write!(out, "<th{spans}>{}</th>", cell.text);
                }
                Role::RowLabel => {
                    let class = if cell.rowspan > 2 && cell.colspan == 1 { "nb-group" } else { "nb-label" };
                    let _ = write!(out, "<th scope=\"row\" class=\"{class}\"{spans}>{}</th>", cell.text);
                }
            }
        }
        out.push_str("</tr>\n");
        if r + 1 == headers {
            out.push_str("</thead>\n");
        }
    }
    out.push_str("</tbody>\n</table>\n");
}

fn spans(rowspan: usize, colspan: usize) -> String {
    let mut s = String::new();
    if rowspan > 1 {
        let _ = write!(s, " rowspan=\"{rowspan}\"");
    }
    if colspan > 1 {
        let _ = write!(s, " colspan=\"{colspan}\"");
    }
    s
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
