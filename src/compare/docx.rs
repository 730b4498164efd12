//! 对照 as a Word document in the 体检摘要's 公文 look
//! ([`crate::render::summary_docx`]: its page, styles and tables). Each table of the
//! layout becomes a table whose rows and columns are the layout's
//! ([`crate::layout`]: 表二's blocks, 表三's rows and applicant columns, 表四's
//! groups and columns); every value cell holds the later value, the earlier
//! one and the change, one above the other. Every text is escaped.

use super::{Comparison, Mode, SectionComparison, SentenceStatus};
use crate::formats::docx::{STYLE_BODY, STYLE_HEADING, STYLE_TITLE};
use crate::layout::{request_cell, review_cell, CellId, TableId, ACTIVE_BLOCKS, REQUEST_COLUMNS, REQUEST_ROWS};
use crate::layout::{REVIEW_COLUMNS, REVIEW_GROUPS};
use crate::model::SectionKey;
use crate::render::docx::{paragraph, runs, TEXT_WIDTH};
use crate::render::summary_docx::{centred, package, shaded_table, table, wrap};

const BLANK: &str = "—";

/// The comparison as a DOCX file.
pub fn to_docx(c: &Comparison) -> Vec<u8> {
    package(&format!("{} · {}", c.mode.title(), c.title_b), document(c))
}

fn document(c: &Comparison) -> String {
    let (col_a, col_b) = c.mode.columns();
    let mut body = String::new();
    paragraph(&mut body, STYLE_TITLE, c.mode.title());
    centred(&mut body, &c.organ);
    let year = |y: i32, col: &str| match c.mode {
        Mode::YearOverYear => format!("{y} 年（{col}）"),
        Mode::Versions => col.to_string(),
    };
    paragraph(&mut body, STYLE_BODY, &format!("{}：{}", year(c.year_a, col_a), c.title_a));
    paragraph(&mut body, STYLE_BODY, &format!("{}：{}", year(c.year_b, col_b), c.title_b));
    paragraph(&mut body, STYLE_BODY, &format!("对照结论：{}", c.verdict));
    if let Some(note) = &c.organ_note {
        paragraph(&mut body, STYLE_BODY, note);
    }
    let same = if c.mode == Mode::YearOverYear { "与上年相同" } else { "与原版相同" };
    paragraph(
        &mut body,
        STYLE_BODY,
        &format!(
            "说明：表中每格自上而下为{col_b}、{col_a}、增减，两份不同的格有底色，{BLANK} 为空白（未填，不等于 0）；正文中灰色文字的句子{same}。"
        ),
    );

    let mut number = 0;
    let mut heading = |body: &mut String, text: &str| {
        const NUMERALS: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];
        let numeral = NUMERALS.get(number).copied().unwrap_or("");
        paragraph(body, STYLE_HEADING, &format!("{numeral}、{text}"));
        number += 1;
    };
    if c.mode == Mode::Versions {
        heading(&mut body, "改动清单");
        let mut rows: Vec<Vec<String>> =
            c.meta_changes.iter().map(|m| vec![m.label.to_string(), m.a.clone(), m.b.clone(), String::new()]).collect();
        rows.extend(c.cells.iter().filter(|x| x.changed).map(|x| {
            vec![
                x.label.to_string(),
                x.a.clone().unwrap_or_else(|| BLANK.into()),
                x.b.clone().unwrap_or_else(|| BLANK.into()),
                x.change.clone().unwrap_or_default(),
            ]
        }));
        if rows.is_empty() {
            paragraph(&mut body, STYLE_BODY, "表格数据和标题信息均未改动。");
        } else {
            table(&mut body, &["位置", "原版", "修改版", "增减"], &[4645, 1400, 1400, 1400], &rows);
        }
    }
    let section = |key: SectionKey| c.sections.iter().find(|s| s.key == key.key());
    for key in [SectionKey::Preamble, SectionKey::Overview] {
        if let Some(s) = section(key) {
            if key != SectionKey::Preamble {
                heading(&mut body, short_heading(s.heading));
            }
            prose(&mut body, s, c.mode);
        }
    }
    for t in TableId::ALL {
        heading(&mut body, short_heading(t.heading()));
        if let Some(s) = section(SectionKey::note_of(t)) {
            prose(&mut body, s, c.mode);
        }
        layout_table(&mut body, c, t);
    }
    for key in [SectionKey::Problems, SectionKey::Other] {
        if let Some(s) = section(key) {
            heading(&mut body, short_heading(s.heading));
            prose(&mut body, s, c.mode);
        }
    }
    wrap(&body)
}

/// A heading without its own numeral (`二、主动公开…` → `主动公开…`): the
/// document numbers its parts itself.
fn short_heading(heading: &str) -> &str {
    heading.split_once('、').map_or(heading, |(_, rest)| rest)
}

/// A cell's three lines: later value, earlier value, change.
fn stacked(c: &Comparison, id: CellId) -> String {
    let x = &c.cells[id.index()];
    format!(
        "{}\n{}\n{}",
        x.b.as_deref().unwrap_or(BLANK),
        x.a.as_deref().unwrap_or(BLANK),
        x.change.as_deref().unwrap_or(" ")
    )
}

/// Widths: the label column `first`, the rest shared (the sum is the text width).
fn widths(first: u32, columns: usize) -> Vec<u32> {
    let rest = (TEXT_WIDTH - first) / columns as u32;
    let mut w = vec![first];
    w.extend(std::iter::repeat_n(rest, columns));
    w[0] += TEXT_WIDTH - w.iter().sum::<u32>();
    w
}

fn layout_table(body: &mut String, c: &Comparison, t: TableId) {
    match t {
        TableId::Active => {
            let mut rows = Vec::new();
            for block in &ACTIVE_BLOCKS {
                for (label, _, ids) in block.rows {
                    for (column, &id) in block.columns.iter().zip(ids.iter()) {
                        let x = &c.cells[id.index()];
                        rows.push(vec![
                            format!("{label}：{column}"),
                            x.b.clone().unwrap_or_else(|| BLANK.into()),
                            x.a.clone().unwrap_or_else(|| BLANK.into()),
                            x.change.clone().unwrap_or_default(),
                        ]);
                    }
                }
            }
            let changed: Vec<bool> = ACTIVE_BLOCKS
                .iter()
                .flat_map(|block| block.rows.iter().flat_map(|(_, _, ids)| ids.iter().take(block.columns.len())))
                .map(|&id| c.cells[id.index()].changed)
                .collect();
            let (a, b) = c.mode.columns();
            shaded_table(body, &["项目", b, a, "增减"], &widths(4645, 3), &rows, |r, col| col > 0 && changed[r]);
        }
        TableId::Requests => {
            let mut header = vec!["项目"];
            header.extend(REQUEST_COLUMNS.iter().map(|(_, label)| *label));
            let rows: Vec<Vec<String>> = REQUEST_ROWS
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    let mut cells = vec![row.path.join("")];
                    cells.extend((0..REQUEST_COLUMNS.len()).map(|col| stacked(c, request_cell(r, col))));
                    cells
                })
                .collect();
            let changed = |r: usize, col: usize| col > 0 && c.cells[request_cell(r, col - 1).index()].changed;
            shaded_table(body, &header, &widths(2600, REQUEST_COLUMNS.len()), &rows, changed);
        }
        TableId::ReviewLitigation => {
            let mut header = vec!["项目"];
            header.extend(REVIEW_COLUMNS.iter().map(|(_, label)| *label));
            let rows: Vec<Vec<String>> = REVIEW_GROUPS
                .iter()
                .enumerate()
                .map(|(g, (_, path))| {
                    let mut cells = vec![path.join("：")];
                    cells.extend((0..REVIEW_COLUMNS.len()).map(|col| stacked(c, review_cell(g, col))));
                    cells
                })
                .collect();
            let changed = |g: usize, col: usize| col > 0 && c.cells[review_cell(g, col - 1).index()].changed;
            shaded_table(body, &header, &widths(2245, REVIEW_COLUMNS.len()), &rows, changed);
        }
    }
}

/// The prose: sentences written before in grey, new ones in black; in
/// versions, new and changed ones underlined and the removed ones struck out.
fn prose(body: &mut String, s: &SectionComparison, mode: Mode) {
    if s.absent {
        let whose = if mode == Mode::YearOverYear { "本年报告" } else { "修改版" };
        paragraph(body, STYLE_BODY, &format!("（{whose}没有这部分文字。）"));
    }
    const GREY: &str = r#"<w:color w:val="808080"/>"#;
    const MARKED: &str = r#"<w:u w:val="single"/>"#;
    for p in &s.paragraphs {
        body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr>"#));
        for sentence in p {
            let rpr = match (sentence.status, mode) {
                (SentenceStatus::Same, _) | (SentenceStatus::Figures, Mode::YearOverYear) => Some(GREY),
                (_, Mode::Versions) => Some(MARKED),
                (SentenceStatus::New, Mode::YearOverYear) => None,
            };
            runs(body, &sentence.text, rpr);
            if let (Some(before), Mode::Versions) = (&sentence.before, mode) {
                runs(body, &format!("（原为：{before}）"), Some(r#"<w:color w:val="A50E0E"/>"#));
            }
        }
        body.push_str("</w:p>");
    }
    if !s.removed.is_empty() {
        paragraph(body, STYLE_BODY, "原版中删去的句子：");
        for r in &s.removed {
            body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr>"#));
            runs(body, r, Some(r#"<w:strike/><w:color w:val="A50E0E"/>"#));
            body.push_str("</w:p>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_document_with_the_layout_tables_escaped() {
        let mut a = crate::rules::testing::filled();
        a.meta.organ = "某某市<财政>局".into();
        a.meta.year = Some(2024);
        let mut b = a.clone();
        b.sections.problems = Some("问题 & 改进。".into());
        let licensing = CellId::from_address("active.licensing").unwrap();
        b.set(licensing, crate::model::Value::Number(12.into()));
        let c = super::super::compare(&a, &b).unwrap();
        let xml = document(&c);
        // The changed cell is shaded in 表二 (本年, 上年, 增减) as on the page;
        // 改动清单, where every row is a change, is not.
        assert_eq!(xml.matches("FFF3C4").count(), 3, "{xml}");
        assert!(xml.contains("某某市&lt;财政&gt;局") && xml.contains("问题 &amp; 改进。"), "{xml}");
        assert!(xml.contains("改动清单") && xml.contains("本年新收政府信息公开申请数量"));
        // 表三 has a row per layout row: 25 rows and its header.
        assert!(to_docx(&c).starts_with(b"PK"));
    }
}
