//! 对照 as HTML (`<article class="nb-cmp">`, styled by `www/compare.css`
//! and the report's table style): the three tables on their official grids
//! with both values and the change in every value cell, the prose with the
//! sentences written before in grey. Printable on A4; every text escaped.

use super::{CellChange, Comparison, Mode, SectionComparison, SentenceStatus};
use crate::layout::TableId;
use crate::model::SectionKey;
use crate::render::html::{escape, grid_rows};
use std::fmt::Write;

/// The view's own stylesheet (screen and A4 print), shared with the page.
const COMPARE_CSS: &str = include_str!("../../www/compare.css");

/// How a blank cell is shown: blank, not 0.
const BLANK: &str = "—";

/// A complete HTML document with the comparison, ready to open or print.
pub fn document(c: &Comparison) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
    let _ = writeln!(out, "<title>{} · {}</title>", c.mode.title(), escape(&c.title_b));
    let _ = writeln!(out, "<style>\n{}{COMPARE_CSS}</style>\n</head>\n<body>", crate::render::html::REPORT_CSS);
    out.push_str(&article(c));
    out.push_str("</body>\n</html>\n");
    out
}

/// The year as a column heading: `2024 年（本年）`.
fn column(mode: Mode, year: i32, later: bool) -> String {
    let (a, b) = mode.columns();
    match mode {
        Mode::YearOverYear => format!("{year} 年（{}）", if later { b } else { a }),
        Mode::Versions => (if later { b } else { a }).to_string(),
    }
}

/// The comparison as an `<article class="nb-cmp">` fragment (for the page).
pub fn article(c: &Comparison) -> String {
    let (col_a, col_b) = c.mode.columns();
    let mode_key = match c.mode {
        Mode::YearOverYear => "year_over_year",
        Mode::Versions => "versions",
    };
    let mut out = String::new();
    let _ = writeln!(out, "<article class=\"nb-cmp\" data-mode=\"{mode_key}\">");
    out.push_str("<header class=\"nb-cmp-head\">\n");
    let _ = writeln!(out, "<p class=\"nb-cmp-kicker\">政府信息公开工作年度报告 · {}</p>", c.mode.title());
    let _ = writeln!(out, "<h1>{}</h1>", escape(&c.organ));
    let _ = writeln!(
        out,
        "<p class=\"nb-cmp-facts\"><span>{}：{}</span><span>{}：{}</span></p>",
        escape(&column(c.mode, c.year_a, false)),
        escape(&c.title_a),
        escape(&column(c.mode, c.year_b, true)),
        escape(&c.title_b)
    );
    let _ = writeln!(out, "<p class=\"nb-cmp-verdict\">{}</p>", escape(&c.verdict));
    if let Some(note) = &c.organ_note {
        let _ = writeln!(out, "<p class=\"nb-cmp-note\">{}</p>", escape(note));
    }
    let _ = writeln!(
        out,
        "<p class=\"nb-cmp-legend\">表中每格：<b>{col_b}</b>（粗体）、{col_a}（灰字）、增减；<span class=\"nb-cmp-key-changed\">底色</span>为两份不同的格，{BLANK} 为空白（未填，不等于 0）。正文中<span class=\"nb-cmp-same\">灰字</span>的句子{}，黑字为{}。</p>",
        match c.mode {
            Mode::YearOverYear => "与上年相同",
            Mode::Versions => "与原版相同",
        },
        match c.mode {
            Mode::YearOverYear => "本年新写",
            Mode::Versions => "<span class=\"nb-cmp-new\">新增或改写</span>",
        }
    );
    out.push_str("</header>\n");

    if c.mode == Mode::Versions {
        changes_list(&mut out, c);
    }
    let section = |key: SectionKey| c.sections.iter().find(|s| s.key == key.key());
    for key in [SectionKey::Preamble, SectionKey::Overview] {
        if let Some(s) = section(key) {
            prose(&mut out, s, c.mode, true);
        }
    }
    for table in TableId::ALL {
        let _ = writeln!(out, "<section class=\"nb-cmp-section\" id=\"nb-cmp-{}\">", table.key());
        let _ = writeln!(out, "<h2>{}</h2>", table.heading());
        if let Some(s) = section(SectionKey::note_of(table)) {
            prose(&mut out, s, c.mode, false);
        }
        table_html(&mut out, c, table);
        out.push_str("</section>\n");
    }
    for key in [SectionKey::Problems, SectionKey::Other] {
        if let Some(s) = section(key) {
            prose(&mut out, s, c.mode, true);
        }
    }
    out.push_str("<footer class=\"nb-cmp-foot\">由 nianbao 在本机对照生成 · 表格按国办公开办函〔2021〕30号格式逐格对照</footer>\n");
    out.push_str("</article>\n");
    out
}

/// Versions: every changed cell and heading field, one row each.
fn changes_list(out: &mut String, c: &Comparison) {
    out.push_str("<section class=\"nb-cmp-changes\">\n<h2>改动清单</h2>\n");
    let changed: Vec<&CellChange> = c.cells.iter().filter(|x| x.changed).collect();
    if changed.is_empty() && c.meta_changes.is_empty() {
        out.push_str("<p class=\"nb-cmp-none\">表格数据和标题信息均未改动。</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"nb-cmp-list\">\n<thead><tr><th>位置</th><th>原版</th><th>修改版</th><th>增减</th></tr></thead>\n<tbody>\n");
    for m in &c.meta_changes {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td></td></tr>",
            m.label,
            escape(&m.a),
            escape(&m.b)
        );
    }
    for x in changed {
        let _ = writeln!(
            out,
            "<tr data-cell=\"{}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
            x.address,
            escape(x.label),
            escape(x.a.as_deref().unwrap_or(BLANK)),
            escape(x.b.as_deref().unwrap_or(BLANK)),
            escape(x.change.as_deref().unwrap_or(""))
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn prose(out: &mut String, s: &SectionComparison, mode: Mode, headed: bool) {
    let _ = writeln!(out, "<section class=\"nb-cmp-prose\" data-section=\"{}\">", s.key);
    if headed {
        let _ = writeln!(out, "<h2>{}</h2>", escape(s.heading));
    }
    if s.absent {
        let _ = writeln!(
            out,
            "<p class=\"nb-cmp-none\">{}没有这部分文字。</p>",
            if mode == Mode::YearOverYear { "本年报告" } else { "修改版" }
        );
    }
    for p in &s.paragraphs {
        out.push_str("<p>");
        for sentence in p {
            let label = sentence.status.label(mode);
            match (sentence.status, &sentence.before) {
                (SentenceStatus::New, _) => {
                    let _ =
                        write!(out, "<span class=\"nb-cmp-new\" title=\"{label}\">{}</span>", escape(&sentence.text));
                }
                (status, before) => {
                    let class =
                        if status == SentenceStatus::Same { "nb-cmp-same" } else { "nb-cmp-same nb-cmp-figures" };
                    let title = match before {
                        Some(b) if mode == Mode::Versions => format!("{label}；原为：{b}"),
                        Some(b) => format!("{label}；上年为：{b}"),
                        None => label.to_string(),
                    };
                    let _ = write!(
                        out,
                        "<span class=\"{class}\" title=\"{}\">{}</span>",
                        escape(&title),
                        escape(&sentence.text)
                    );
                    if let (Some(b), Mode::Versions) = (before, mode) {
                        let _ = write!(out, "<span class=\"nb-cmp-was\">（原为：{}）</span>", escape(b));
                    }
                }
            }
        }
        out.push_str("</p>\n");
    }
    if !s.removed.is_empty() {
        out.push_str("<div class=\"nb-cmp-removed\"><p class=\"nb-cmp-removed-head\">原版中删去的句子：</p>\n");
        for r in &s.removed {
            let _ = writeln!(out, "<p><del>{}</del></p>", escape(r));
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
}

/// A table on its official grid, each value cell with both values and the change.
fn table_html(out: &mut String, c: &Comparison, table: TableId) {
    let _ = writeln!(out, "<table class=\"nb-table nb-cmp-table nb-{}\">", table.key());
    grid_rows(out, table, |out, id, spans| {
        let x = &c.cells[id.index()];
        let changed = if x.changed { " data-changed=\"true\"" } else { "" };
        let (col_a, col_b) = c.mode.columns();
        let title = format!(
            "{}：{col_b} {}，{col_a} {}{}",
            x.label,
            x.b.as_deref().unwrap_or("空白"),
            x.a.as_deref().unwrap_or("空白"),
            x.change.as_deref().map_or(String::new(), |d| format!("，增减 {d}"))
        );
        let change_class = match x.change.as_deref() {
            Some(d) if d.starts_with('+') => " nb-cmp-up",
            Some(d) if d.starts_with('−') => " nb-cmp-down",
            _ => "",
        };
        let _ = write!(
            out,
            "<td class=\"nb-cmp-v\" data-cell=\"{}\" title=\"{}\"{changed}{spans}><span class=\"nb-cmp-b\">{}</span><span class=\"nb-cmp-a\">{}</span><span class=\"nb-cmp-d{change_class}\">{}</span></td>",
            id.address(),
            escape(&title),
            escape(x.b.as_deref().unwrap_or(BLANK)),
            escape(x.a.as_deref().unwrap_or(BLANK)),
            // An unchanged number shows no change: the eye goes to the others.
            escape(x.change.as_deref().filter(|d| *d != "0").unwrap_or(""))
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::CellId;
    use crate::model::{Report, Value};

    fn pair() -> (Report, Report) {
        let mut a = crate::rules::testing::filled();
        a.meta.organ = "<script>alert(1)</script>局".into();
        a.meta.year = Some(2023);
        let mut b = a.clone();
        b.meta.year = Some(2024);
        b.sections.overview = Some("<b>新</b>的一年。".into());
        b.set(CellId::from_address("requests.new_received.total").unwrap(), Value::Number(5.into()));
        (a, b)
    }

    #[test]
    fn escaped_and_drawn_on_the_official_grid() {
        let (a, b) = pair();
        let html = article(&super::super::compare(&a, &b).unwrap());
        assert!(!html.contains("<script>") && !html.contains("<b>新"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        // Every value cell once, the changed one marked with its change.
        assert_eq!(html.matches("class=\"nb-cmp-v\"").count(), crate::layout::CELL_COUNT);
        assert!(html.contains(
            "data-cell=\"requests.new_received.total\" title=\"表三「一、本年新收政府信息公开申请数量」行「总计」列：本年 5，上年 0，增减 +5\" data-changed=\"true\""
        ), "{html}");
        assert!(html.contains("<span class=\"nb-cmp-d nb-cmp-up\">+5</span>"));
        assert!(!html.contains("改动清单"), "year over year lists no changes");
    }

    #[test]
    fn versions_list_every_changed_cell() {
        let (a, mut b) = pair();
        b.meta.year = Some(2023);
        let c = super::super::compare(&a, &b).unwrap();
        let html = document(&c);
        assert!(html.contains("改动清单") && html.contains("报告发布后被修改"), "{html}");
        assert!(html.contains("<td>0</td><td>5</td><td>+5</td>"), "{html}");
    }
}
