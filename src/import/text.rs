//! Plain text and Markdown: a report pasted from a draft or a web page, or
//! saved as `.txt`/`.md`. Paragraphs are lines (Markdown `#` marks and
//! `**bold**` dropped); tables are runs of tab-separated lines (as a copied
//! Word or web table pastes) or `|`-separated lines (Markdown), with the
//! merged-cell labels spread over lines and columns as they come. The
//! document pipeline ([`super::document`]) finds the sections and the
//! official tables by their labels.

use super::document::{assemble_with, Block};
use super::flow::{self, Stream};
use super::unruled::Order;
use super::{Format, Imported};
use crate::error::ImportError;
use crate::layout::Slot;
use crate::layout::{normalize_label, TableId};

use crate::limits::{MAX_TABLE_COLUMNS as MAX_COLUMNS, MAX_TABLE_SLOTS, MAX_TEXT_LINES as MAX_LINES};

/// Whether bytes look like a text report: decodable text naming a part of
/// the report (a heading or a table label).
pub fn looks_like_report(text: &str) -> bool {
    let head: String = text.chars().take(200_000).collect();
    ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开工作年度报告", "行政复议"]
        .iter()
        .any(|k| head.contains(k))
}

/// Reads a text or Markdown report.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = super::encoding::decode_text_borrowed(bytes)?;
    import_str(&text)
}

/// Reads a text or Markdown report from a string (pasted text).
pub fn import_str(text: &str) -> Result<Imported, ImportError> {
    let folded = crate::fold::fold_display(text);
    let (header, body) = crawler_header(&folded);
    let body = &*without_page_numbers(body);
    let blocks = blocks(body)?;
    // Tables whose cells are not in tab-separated rows (a browser's plain
    // copy, a crawler's run-together text) are read from the running text.
    let stream = std::cell::OnceCell::new();
    let prose = std::cell::OnceCell::new();
    let running = |table: TableId| {
        let stream = stream.get_or_init(|| Stream::new(body));
        let prose = prose.get_or_init(|| flow::ProseFigures::of(body));
        flow::read(stream, table, prose)
    };
    // Text a PDF tool laid out with spaces (`pdftotext -layout`, a viewer's
    // copy): a row's label may wrap around its figures; the figures are
    // read by the official rows, as a PDF table without rules.
    let assemble = |blocks: &[Block]| assemble_with(blocks, Format::Text, "文本", &running);
    let mut imported = super::unruled::assemble_with_unruled(blocks, || laid_out(body), Order::Written, &assemble)?;
    header.apply(&mut imported.report);
    Ok(imported)
}

/// The lines under each table heading of a text, each word placed at the
/// column its middle stands in (a line holding tabs or Markdown cells is a
/// table of its own).
fn laid_out(body: &str) -> Vec<(TableId, Vec<super::unruled::Line>)> {
    use super::unruled::Seen;
    let words: Vec<Vec<(String, f64)>> = body.lines().map(words_at_columns).collect();
    // pdftotext lays out each page on a grid of its own: a form feed starts one.
    super::unruled::regions(body.lines().zip(&words).flat_map(|(line, words)| {
        let page = line.starts_with('\u{c}').then_some(Seen::PageBreak);
        let text = line.trim();
        let seen =
            if text.contains('\t') || text.starts_with('|') { Seen::RuledTable } else { Seen::Line(text, words) };
        page.into_iter().chain([seen])
    }))
}

/// The words of a line, each with the character column its middle stands in.
fn words_at_columns(line: &str) -> Vec<(String, f64)> {
    let mut words = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (column, (at, c)) in line.char_indices().chain([(line.len(), ' ')]).enumerate() {
        match (start, c.is_whitespace()) {
            (None, false) => start = Some((column, at)),
            (Some((first, from)), true) => {
                words.push((line[from..at].to_string(), (first + column) as f64 / 2.0));
                start = None;
            }
            _ => {}
        }
    }
    words
}

/// The text without its pages' numbers: pdftotext starts each page with
/// a form feed, and a number with only blank lines between it and a form
/// feed is the page's (at its foot or head), not a figure of a table.
fn without_page_numbers(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\u{c}') {
        return std::borrow::Cow::Borrowed(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let blank = |l: &&&str| l.trim().is_empty() && !l.contains('\u{c}');
    let page_number = |i: usize| {
        let line = lines[i];
        if !super::furniture::is_page_number(line.trim_start_matches('\u{c}')) {
            return false;
        }
        let foot = lines[i + 1..].iter().find(|l| !blank(l)).is_none_or(|l| l.starts_with('\u{c}'));
        // (At a page's head: the form feed on the line or on a line of its own above.)
        let head = line.starts_with('\u{c}')
            || lines[..i].iter().rev().find(|l| !blank(l)).is_some_and(|l| l.trim().is_empty());
        foot || head
    };
    let kept: Vec<&str> = (0..lines.len())
        .map(|i| {
            if page_number(i) {
                if lines[i].starts_with('\u{c}') {
                    "\u{c}"
                } else {
                    ""
                }
            } else {
                lines[i]
            }
        })
        .collect();
    std::borrow::Cow::Owned(kept.join("\n"))
}

/// The fields a crawler writes above the text it kept (`标题: …`,
/// `发布时间: …`, then a `==== 正文 ====` line).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CrawlerHeader {
    pub title: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
}

impl CrawlerHeader {
    /// The title, year and organ from 标题 (unless the text has its own
    /// title), the publication date from 发布时间.
    fn apply(&self, report: &mut crate::model::Report) {
        if let (None, Some(title)) = (&report.meta.title, &self.title) {
            let signature = super::document::Signature::default();
            super::document::derive_meta(report, Some(title), &signature);
        }
        if report.meta.organ.is_empty() {
            if let Some(publisher) = &self.publisher {
                report.meta.organ = publisher.clone();
                report.meta.organ_kind = crate::model::OrganKind::guess(publisher);
            }
        }
        if report.meta.published_on.is_none() {
            let date = self.published.as_deref().and_then(|p| p.split_whitespace().next());
            report.meta.published_on = date.and_then(super::document::parse_date);
        }
    }
}

/// Splits a crawler's header from the text; no header: the whole text.
fn crawler_header(text: &str) -> (CrawlerHeader, &str) {
    let mut header = CrawlerHeader::default();
    let first = text.trim_start_matches('\u{feff}').lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if !(first.trim_start().starts_with("标题:") || first.trim_start().starts_with("标题：")) {
        return (header, text);
    }
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        let trimmed = line.trim();
        if n > 40 {
            break;
        }
        // ==================== 正文 ====================
        if trimmed.starts_with("===") && trimmed.trim_matches(|c: char| c == '=' || c.is_whitespace()).len() <= 12 {
            return (header, &text[offset..]);
        }
        let Some((key, value)) = trimmed.split_once([':', '：']) else { continue };
        let value = value.trim();
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.trim() {
            "标题" => header.title = value,
            "发布时间" | "发布日期" | "成文日期" => header.published = header.published.take().or(value),
            "发布机构" | "发文机关" => header.publisher = value,
            _ => {}
        }
    }
    (CrawlerHeader::default(), text)
}

/// The headings of the report, as they stand in running text.
static RUNNING_HEADINGS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut headings: Vec<&'static str> = crate::model::SectionKey::ALL
        .into_iter()
        .filter(|k| *k != crate::model::SectionKey::Preamble)
        .map(|k| k.heading())
        .chain(TableId::ALL.map(|t| t.heading()))
        .chain(super::document::HEADING_ALIASES.iter().map(|(_, h)| *h))
        .collect();
    // The longest first, so that an alias that extends another wins.
    headings.sort_by_key(|h| std::cmp::Reverse(h.len()));
    headings
});

/// A line of running text (a crawler's, where headings run into the text)
/// cut before and after each heading it holds: a line that starts with a
/// heading or holds several. `None`: not running text.
fn split_at_headings(line: &str) -> Option<Vec<&str>> {
    // Every heading starts with 一、 … 六、: only there is one looked for.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for (mark, _) in line.match_indices('、') {
        let Some(at) = mark.checked_sub(3).filter(|&at| at >= from && line.is_char_boundary(at)) else { continue };
        if !matches!(&line[at..mark], "一" | "二" | "三" | "四" | "五" | "六") {
            continue;
        }
        if let Some(h) = RUNNING_HEADINGS.iter().find(|h| line[at..].starts_with(*h)) {
            cuts.push((at, at + h.len()));
            from = at + h.len();
        }
    }
    // One heading inside a paragraph is a quotation of it, not a heading.
    let leading = line.len() - line.trim_start().len();
    if cuts.is_empty() || (cuts.len() == 1 && cuts[0].0 != leading) {
        return None;
    }
    let mut parts = Vec::with_capacity(2 * cuts.len() + 1);
    let mut at = 0;
    for (s, e) in cuts {
        parts.push(&line[at..s]);
        parts.push(&line[s..e]);
        at = e;
    }
    parts.push(&line[at..]);
    parts.retain(|p| !p.trim().is_empty());
    Some(parts)
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
    let mut raw = text.lines();
    // The rest of a line of running text, cut at its headings (reversed).
    let mut pieces: Vec<&str> = Vec::new();
    // All tables together (a line is at most MAX_COLUMNS cells).
    let mut cells_left = MAX_TABLE_SLOTS;
    let mut n = 0;
    loop {
        let line = match pieces.pop() {
            Some(piece) => piece,
            None => {
                let Some(line) = raw.next() else { break };
                // A long line holding headings is running text: cut at them.
                let long = line.len() > 120 && !line.contains('\t') && !line.trim_start().starts_with('|');
                match if long { split_at_headings(line) } else { None } {
                    Some(mut cut) => {
                        cut.reverse();
                        pieces = cut;
                        continue;
                    }
                    None => line,
                }
            }
        };
        n += 1;
        let n = n - 1;
        if n >= MAX_LINES {
            return Err(ImportError::at(format!("第 {} 行", n + 1), "文本过长，超过处理上限"));
        }
        let line = line.trim_end_matches('\r');
        // A row of one merged cell (“第二十条第（一）项”) copied from a
        // browser has no tab: an official table label alone on its line is
        // a table row.
        let single = || {
            let t = line.trim();
            (!t.is_empty()
                && t.chars().nth(40).is_none()
                && crate::layout::official_labels().contains(&normalize_label(t)))
            .then(|| vec![t.to_string()])
        };
        if let Some(cells) = table_row(line).or_else(single) {
            if cells.len() > MAX_COLUMNS {
                return Err(ImportError::at(format!("第 {} 行", n + 1), "表格列数过多，超过处理上限"));
            }
            cells_left = cells_left.checked_sub(cells.len()).ok_or_else(|| {
                ImportError::at(format!("第 {} 行", n + 1), "表格的单元格合计过多（超过 100 万个），超过处理上限")
            })?;
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
        // One more than the widest row accepted is enough to refuse it
        // (20 MB of `|` is not 20 million cells).
        let cells: Vec<String> = inner.split('|').take(MAX_COLUMNS + 1).map(|c| without_markup(c.trim())).collect();
        if cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))) {
            return Some(Vec::new());
        }
        return Some(cells);
    }
    if line.contains('\t') {
        let cells: Vec<String> = line.split('\t').take(MAX_COLUMNS + 1).map(|c| c.trim().to_string()).collect();
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
fn to_grid(rows: Vec<Vec<String>>) -> Vec<Vec<Slot>> {
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

#[cfg(test)]
mod running_text_tests {
    use super::*;

    #[test]
    fn headings_are_cut_out_of_running_text_but_not_out_of_a_quotation() {
        let crawler = "本报告根据条例编制。一、总体情况 2024年，本机关……二、主动公开政府信息情况第二十条第（一）项";
        assert_eq!(
            split_at_headings(crawler).unwrap(),
            [
                "本报告根据条例编制。",
                "一、总体情况",
                " 2024年，本机关……",
                "二、主动公开政府信息情况",
                "第二十条第（一）项"
            ]
        );
        let quoted = "有关数据详见“三、收到和处理政府信息公开申请情况”中的表格，这里不再重复列出。";
        assert_eq!(split_at_headings(quoted), None);
        assert_eq!(
            split_at_headings("六、其他需要报告的事项2024年无收费。").unwrap(),
            ["六、其他需要报告的事项", "2024年无收费。"]
        );
    }

    #[test]
    fn a_title_wrapped_over_two_lines_gives_the_organ_and_year() {
        let title = "银川市红寺堡区人民政府2024年政府信息公开工作年度报告";
        let chars: Vec<char> = title.chars().collect();
        // Wherever a PDF viewer's copy breaks it, inside the organ's name too.
        for at in [3, 5, 7, 9, 10, 11, 14, 18, 22, 24, 26] {
            let (first, second): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
            let text = format!(
                "{first}\n{second}\n本报告统计期限为2024年1月1日至12月31日。\n一、总体情况\n本机关全年公开信息。"
            );
            let meta = crate::import::import(text.as_bytes(), Some("r.txt")).unwrap().report.meta;
            assert_eq!(
                (meta.title.as_deref(), meta.organ.as_str(), meta.year),
                (Some(title), "银川市红寺堡区人民政府", Some(2024)),
                "{first} / {second}"
            );
        }
    }

    #[test]
    fn a_line_above_the_title_that_is_no_part_of_the_organ_stays_apart() {
        for above in ["政府信息公开", "红寺堡区人民政府", "附件1", "首页 > 政务公开", "2025年1月20日"]
        {
            let text = format!(
                "{above}\n红寺堡区人民政府2024年政府信息公开工作年度报告\n本报告统计期限为2024年1月1日至12月31日。\n一、总体情况\n本机关全年公开信息。"
            );
            let meta = crate::import::import(text.as_bytes(), Some("r.txt")).unwrap().report.meta;
            assert_eq!(meta.organ, "红寺堡区人民政府", "{above}");
        }
    }

    #[test]
    fn a_crawler_header_gives_the_title_and_date() {
        let (header, body) = crawler_header(
            "标题: 某某局2025年政府信息公开工作年度报告\n发布时间: 2026-01-20 09:00\n文号: \n==== 正文 ====\n正文",
        );
        assert_eq!(header.title.as_deref(), Some("某某局2025年政府信息公开工作年度报告"));
        assert_eq!(header.published.as_deref(), Some("2026-01-20 09:00"));
        assert_eq!(body, "正文");
        let (none, all) = crawler_header("一、总体情况\n标题: x");
        assert_eq!((none, all), (CrawlerHeader::default(), "一、总体情况\n标题: x"));
    }
}
