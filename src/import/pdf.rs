//! PDF with a text layer (exported from Word, WPS or LibreOffice, printed
//! by a browser): the text of each character with its position, and the
//! ruling lines of the tables. lopdf parses the file; the pages' content
//! is walked by [`extract`] under the file's [`budget`] (hostile files
//! cost bounded work and memory, and cannot crash the reader).
//!
//! Tables are rebuilt from their ruling lines: the distinct x of the
//! vertical lines and y of the horizontal ones make a fine grid; two
//! neighbouring slots with no line between them are one merged cell; each
//! character goes to the cell holding its centre. A row-group label written
//! vertically one character per line is then simply the text of its
//! merged cell. Page numbers (“- 4 -”) and running headers and footers
//! (a short line at the same height on several pages) are dropped, and a
//! table continued on the next page is joined to its first part: both
//! parts put on one set of columns (a label column merged on one page,
//! split on the other), header rows repeated there dropped, a label cut
//! by the page break rejoined when the two pieces make an official label,
//! and a spanning cell's text a browser draws below the last rule taken
//! back into its cell. The prose is rebuilt from the lines
//! outside the tables. A table printed without ruling lines is read by the
//! official rows' widths ([`super::unruled`]). The document pipeline
//! ([`super::document`]) does the rest.

mod budget;
mod extract;
mod font;
#[cfg(test)]
mod hostile;
mod lexer;

use super::document::{assemble, Block};
use super::unruled;
use super::{Format, Imported};
use crate::error::ImportError;
use crate::layout::normalize_label;
use crate::layout::Slot;
use budget::{Budget, Exceeded};

#[derive(Clone, Debug)]
struct Char {
    x: f64,
    y: f64,
    /// Advance width.
    w: f64,
    size: f64,
    text: String,
}

/// A horizontal (`y` fixed, from `a` to `b` in x) or vertical (`x` fixed)
/// ruling segment.
#[derive(Clone, Copy, Debug)]
struct Segment {
    horizontal: bool,
    at: f64,
    a: f64,
    b: f64,
}

#[derive(Default)]
struct Page {
    chars: Vec<Char>,
    segments: Vec<Segment>,
}

/// Reads a PDF report.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let pages = read_pages(bytes)?;
    let chars: usize = pages.iter().map(|p| p.chars.len()).sum();
    if chars == 0 {
        return Err(ImportError::new(
            "PDF 中没有可读取的文字（可能是扫描件或图片）：请提供带文字层的 PDF（由 Word/WPS 导出），或年报的网页、Word 文件",
        ));
    }
    let items = page_items(&pages);
    let seen = items.iter().filter_map(|item| match item {
        Item::Line { text, words, .. } => Some(unruled::Seen::Line(text, words)),
        Item::Table(..) => Some(unruled::Seen::RuledTable),
        Item::PageBreak => None,
    });
    let regions = unruled::regions(seen);
    // Tables drawn without ruling lines, under their headings: read by the
    // official rows' widths when the ruled reading found nothing there.
    let assemble = |blocks: &[Block]| assemble(blocks, Format::Pdf, "PDF");
    unruled::assemble_with_unruled(blocks_of(items), || regions, unruled::Order::Shown, &assemble)
}

/// A stream's bytes with its filters undone, charged to the budget. A
/// filter nianbao does not decode (images' DCT, JBIG2…) gives nothing.
fn stream_bytes(stream: &lopdf::Stream, budget: &mut Budget) -> Result<Vec<u8>, Exceeded> {
    let filters: Vec<Vec<u8>> = match stream.dict.get(b"Filter") {
        Ok(lopdf::Object::Name(n)) => vec![n.clone()],
        Ok(lopdf::Object::Array(a)) => a.iter().filter_map(|o| o.as_name().ok().map(<[u8]>::to_vec)).collect(),
        _ => Vec::new(),
    };
    if filters.len() > 4 {
        return Ok(Vec::new());
    }
    let mut data = std::borrow::Cow::Borrowed(stream.content.as_slice());
    for filter in filters {
        data = std::borrow::Cow::Owned(match filter.as_slice() {
            b"FlateDecode" | b"Fl" => budget::inflate(&data, budget)?,
            b"ASCIIHexDecode" | b"AHx" => {
                let out = ascii_hex(&data);
                budget.charge(out.len())?;
                out
            }
            _ => return Ok(Vec::new()),
        });
    }
    if let std::borrow::Cow::Borrowed(raw) = data {
        budget.charge(raw.len())?;
        return Ok(raw.to_vec());
    }
    Ok(data.into_owned())
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> =
        data.iter().take_while(|&&b| b != b'>').filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8)).collect();
    digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect()
}

fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, ImportError> {
    let damaged = || ImportError::new("PDF 文件已损坏或不完整，无法读取：请重新下载或另存为 PDF 后重试");
    let too_much = |e: Exceeded| ImportError::new(e.message());
    let mut budget = Budget::default();
    budget::check_streams_lopdf_inflates(bytes, &mut budget).map_err(too_much)?;
    // lopdf is not written for every hostile input: a panic inside it is
    // a damaged file, not a crash (where unwinding is available; the
    // interpretation of the pages is nianbao's own and does not panic).
    let load = move || lopdf::Document::load_mem(bytes);
    #[cfg(not(target_arch = "wasm32"))]
    let doc = std::panic::catch_unwind(load).map_err(|_| damaged())?.map_err(|_| damaged())?;
    #[cfg(target_arch = "wasm32")]
    let doc = load().map_err(|_| damaged())?;
    if doc.is_encrypted() {
        return Err(ImportError::new("PDF 文件已加密，无法读取文字：请提供未加密的 PDF"));
    }
    let mut extractor = extract::Extractor::new(&doc);
    extractor.budget = budget;
    extractor.run().map_err(too_much)?;
    Ok(extractor.pages)
}

/// Values within `tol` of each other, merged (sorted).
fn cluster(mut values: Vec<f64>, tol: f64) -> Vec<f64> {
    values.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((mean, n)) if (v - *mean / *n as f64).abs() <= tol => {
                *mean += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f64).collect()
}

/// A table found on a page: its grid and its vertical extent.
struct PageTable {
    top: f64,
    bottom: f64,
    left: f64,
    right: f64,
    /// The column rules, left to right (one more than the columns).
    xs: Vec<f64>,
    rows: Vec<Vec<Slot>>,
}

const TOL: f64 = 2.0;

/// Left, right, bottom, top.
type Bounds = (f64, f64, f64, f64);

/// Groups the page's segments into tables (connected sets of lines).
fn tables_on(page: &Page) -> Vec<(Vec<Segment>, Bounds)> {
    let segs = &page.segments;
    let n = segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touches = |s: &Segment, t: &Segment| -> bool {
        match (s.horizontal, t.horizontal) {
            (true, false) | (false, true) => {
                let (h, v) = if s.horizontal { (s, t) } else { (t, s) };
                v.at >= h.a - TOL && v.at <= h.b + TOL && h.at >= v.a - TOL && h.at <= v.b + TOL
            }
            _ => (s.at - t.at).abs() <= TOL && s.a <= t.b + TOL && t.a <= s.b + TOL,
        }
    };
    // Quadratic, bounded by MAX_SEGMENTS per page; sorted sweep keeps it cheap in practice.
    let mut order: Vec<usize> = (0..n).collect();
    let lo = |s: &Segment| if s.horizontal { s.a } else { s.at };
    order.sort_by(|&i, &j| lo(&segs[i]).total_cmp(&lo(&segs[j])));
    for (k, &i) in order.iter().enumerate() {
        let hi_i = if segs[i].horizontal { segs[i].b } else { segs[i].at };
        for &j in &order[k + 1..] {
            if lo(&segs[j]) > hi_i + TOL {
                break;
            }
            if touches(&segs[i], &segs[j]) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<Segment>> = Default::default();
    for (i, seg) in segs.iter().enumerate() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(*seg);
    }
    groups
        .into_values()
        .filter(|g| g.iter().filter(|s| s.horizontal).count() >= 2 && g.iter().filter(|s| !s.horizontal).count() >= 2)
        .map(|g| {
            let left = g.iter().map(|s| if s.horizontal { s.a } else { s.at }).fold(f64::MAX, f64::min);
            let right = g.iter().map(|s| if s.horizontal { s.b } else { s.at }).fold(f64::MIN, f64::max);
            let bottom = g.iter().map(|s| if s.horizontal { s.at } else { s.a }).fold(f64::MAX, f64::min);
            let top = g.iter().map(|s| if s.horizontal { s.at } else { s.b }).fold(f64::MIN, f64::max);
            (g, (left, right, bottom, top))
        })
        .filter(|(_, (l, r, b, t))| r - l > 20.0 && t - b > 10.0)
        .collect()
}

/// The grid of one ruled table, with the page's characters placed in it.
fn build_table(segs: &[Segment], bounds: Bounds, chars: &[&Char]) -> Option<PageTable> {
    let (left, right, bottom, top) = bounds;
    // The outer edges count as rules even where a border is not drawn (a
    // row running on to the next page has no bottom line).
    let xs = cluster(segs.iter().filter(|s| !s.horizontal).map(|s| s.at).chain([left, right]).collect(), TOL);
    let mut ys = cluster(segs.iter().filter(|s| s.horizontal).map(|s| s.at).chain([bottom, top]).collect(), TOL);
    ys.reverse(); // top first
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 300 || ys.len() > 3000 {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    // The segments on each rule position, so a test looks at its own line only.
    let nearest = |values: &[f64], at: f64| -> Option<usize> {
        let (i, d) = values.iter().enumerate().map(|(i, v)| (i, (v - at).abs())).min_by(|a, b| a.1.total_cmp(&b.1))?;
        (d <= TOL).then_some(i)
    };
    let mut on_x: Vec<Vec<(f64, f64)>> = vec![Vec::new(); xs.len()];
    let mut on_y: Vec<Vec<(f64, f64)>> = vec![Vec::new(); ys.len()];
    for s in segs {
        let (values, lines) = if s.horizontal { (&ys, &mut on_y) } else { (&xs, &mut on_x) };
        if let Some(i) = nearest(values, s.at) {
            lines[i].push((s.a, s.b));
        }
    }
    // Whether rule `i` (of xs or ys) is drawn across the middle of `from..to`.
    let covered = |horizontal: bool, i: usize, from: f64, to: f64| {
        let mid = (from + to) / 2.0;
        let lines = if horizontal { &on_y } else { &on_x };
        lines[i].iter().any(|&(a, b)| a <= mid + 0.5 && b >= mid - 0.5)
    };
    // Union-find over fine slots: neighbours without a rule between are one cell.
    let idx = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    fn find(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for r in 0..nr {
        for c in 0..nc {
            if c + 1 < nc && !covered(false, c + 1, ys[r + 1], ys[r]) {
                let (a, b) = (find(&mut parent, idx(r, c)), find(&mut parent, idx(r, c + 1)));
                parent[b.max(a)] = a.min(b);
            }
            if r + 1 < nr && !covered(true, r + 1, xs[c], xs[c + 1]) {
                let (a, b) = (find(&mut parent, idx(r, c)), find(&mut parent, idx(r + 1, c)));
                parent[b.max(a)] = a.min(b);
            }
        }
    }
    // Characters to cells by their centre.
    let mut texts: std::collections::HashMap<usize, Vec<&Char>> = Default::default();
    for ch in chars {
        let cx = ch.x + ch.w / 2.0;
        let cy = ch.y + ch.size * 0.35;
        // xs ascend, ys descend: binary searches.
        let c = xs.partition_point(|&x| x <= cx);
        let r = ys.partition_point(|&y| y >= cy);
        let (Some(c), Some(r)) = (c.checked_sub(1).filter(|&c| c < nc), r.checked_sub(1).filter(|&r| r < nr)) else {
            continue;
        };
        let root = find(&mut parent, idx(r, c));
        texts.entry(root).or_default().push(ch);
    }
    let mut rows = vec![vec![Slot::covered(); nc]; nr];
    for (r, row) in rows.iter_mut().enumerate() {
        for (c, slot) in row.iter_mut().enumerate() {
            let root = find(&mut parent, idx(r, c));
            if root == idx(r, c) {
                *slot = Slot::text(texts.get(&root).map(|cs| lines_text(cs)).unwrap_or_default());
            }
        }
    }
    // A slot whose root is not top-left of the region (irregular shapes) stays covered.
    Some(PageTable { top, bottom, left, right, xs, rows })
}

/// The text of characters: lines top to bottom, each left to right; a
/// number split over lines rejoined.
fn lines_text(chars: &[&Char]) -> String {
    let lines = group_lines(chars.to_vec());
    let text: Vec<String> = lines.iter().map(|l| line_string(l)).collect();
    let joined = text.join("\n");
    let compact: String = joined.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-')) {
        compact
    } else {
        joined
    }
}

/// Characters grouped into lines (top first), each sorted left to right.
fn group_lines(mut chars: Vec<&Char>) -> Vec<Vec<&Char>> {
    chars.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Char>> = Vec::new();
    for ch in chars {
        match lines.last_mut() {
            Some(line) if (line[0].y - ch.y).abs() <= line[0].size.min(ch.size) * 0.5 => line.push(ch),
            _ => lines.push(vec![ch]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A line's text, with a space at each gap between words ([`is_word_gap`]).
fn line_string(line: &[&Char]) -> String {
    let mut out = String::new();
    let mut end: Option<f64> = None;
    for ch in line {
        if let Some(e) = end {
            if is_word_gap(e, ch) && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out.push_str(&ch.text);
        end = Some(ch.x + ch.w);
    }
    out.trim().to_string()
}

/// Whether `ch`, after a character ending at `end`, starts a new word:
/// a gap wider than a third of its size is a space a reader sees.
fn is_word_gap(end: f64, ch: &Char) -> bool {
    ch.x - end > ch.size * 0.33
}

/// The line's words (runs of characters between gaps, as [`line_string`]
/// spaces them) with the middle of each in x: where a figure stands says
/// its column in a table drawn without rules.
fn line_words(line: &[&Char]) -> Vec<(String, f64)> {
    let mut words: Vec<(String, f64, f64)> = Vec::new();
    let mut end: Option<f64> = None;
    for ch in line {
        let gap = end.is_none_or(|e| is_word_gap(e, ch));
        for (i, piece) in ch.text.split(' ').enumerate() {
            match words.last_mut() {
                Some((word, _, right)) if !gap && i == 0 && !word.is_empty() => {
                    word.push_str(piece);
                    *right = ch.x + ch.w;
                }
                _ => words.push((piece.to_string(), ch.x, ch.x + ch.w)),
            }
        }
        end = Some(ch.x + ch.w);
    }
    words.into_iter().filter(|(w, ..)| !w.is_empty()).map(|(w, left, right)| (w, (left + right) / 2.0)).collect()
}

enum Item {
    Line {
        text: String,
        /// Its words with their middles in x ([`line_words`]).
        words: Vec<(String, f64)>,
        x: f64,
        end: f64,
        size: f64,
    },
    /// A table's rows and column rules.
    Table(Vec<Vec<Slot>>, Vec<f64>),
    PageBreak,
}

#[cfg(test)]
fn page_blocks(pages: &[Page]) -> Vec<Block> {
    blocks_of(page_items(pages))
}

/// The pages' lines (page furniture dropped) and ruled tables, in reading order.
fn page_items(pages: &[Page]) -> Vec<Item> {
    let mut placed_pages: Vec<Vec<(f64, Item)>> = Vec::new();
    for page in pages {
        let found = tables_on(page);
        let chars: Vec<&Char> = page.chars.iter().collect();
        let mut tables: Vec<PageTable> = Vec::new();
        for (segs, bounds) in &found {
            let (l, r, b, t) = *bounds;
            let inside: Vec<&Char> = chars
                .iter()
                .copied()
                .filter(|c| {
                    let (cx, cy) = (c.x + c.w / 2.0, c.y + c.size * 0.35);
                    cx >= l - 1.0 && cx <= r + 1.0 && cy >= b - 1.0 && cy <= t + 1.0
                })
                .collect();
            if let Some(table) = build_table(segs, *bounds, &inside) {
                tables.push(table);
            }
        }
        let outside: Vec<&Char> = chars
            .iter()
            .copied()
            .filter(|c| {
                let (cx, cy) = (c.x + c.w / 2.0, c.y + c.size * 0.35);
                !tables
                    .iter()
                    .any(|t| cx >= t.left - 1.0 && cx <= t.right + 1.0 && cy >= t.bottom - 1.0 && cy <= t.top + 1.0)
            })
            .collect();
        let outside = take_overflow(&mut tables, outside);
        // Lines and tables in reading order (top first).
        let mut placed: Vec<(f64, Item)> = Vec::new();
        for line in group_lines(outside) {
            let text = line_string(&line);
            if text.is_empty() || super::furniture::is_page_number(&text) {
                continue;
            }
            let x = line[0].x;
            let last = line[line.len() - 1];
            let words = line_words(&line);
            placed.push((line[0].y, Item::Line { text, words, x, end: last.x + last.w, size: line[0].size }));
        }
        for t in tables {
            placed.push((t.top, Item::Table(t.rows, t.xs)));
        }
        placed.sort_by(|a, b| b.0.total_cmp(&a.0));
        placed_pages.push(placed);
    }
    drop_running_lines(&mut placed_pages);
    let mut items: Vec<Item> = Vec::new();
    for placed in placed_pages {
        items.extend(placed.into_iter().map(|(_, i)| i));
        items.push(Item::PageBreak);
    }
    items
}

/// Lines joined into paragraphs, tables continued over pages joined.
fn blocks_of(items: Vec<Item>) -> Vec<Block> {
    // Prose: lines joined into paragraphs. A line starts a paragraph when
    // it is indented, a heading, or the line before ended short.
    let (mut left, mut right) = (f64::MAX, f64::MIN);
    for item in &items {
        if let Item::Line { x, end, .. } = item {
            left = left.min(*x);
            right = right.max(*end);
        }
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut para = String::new();
    let mut para_center = false;
    let mut prev_end = f64::MAX;
    let mut prev_size = 12.0;
    // The table a page break may continue: its index in blocks, its column rules.
    let mut last_table: Option<(usize, Vec<f64>)> = None;
    let flush = |para: &mut String, center: bool, blocks: &mut Vec<Block>| {
        if !para.trim().is_empty() {
            let mut b = Block::para(std::mem::take(para).trim().to_string());
            if let Block::Paragraph { center: c, .. } = &mut b {
                *c = center;
            }
            blocks.push(b);
        }
        para.clear();
    };
    for item in items {
        match item {
            Item::PageBreak => {
                // Prose continues across a page break; a table may too.
                continue;
            }
            Item::Line { text, x, end, size, .. } => {
                let indented = x > left + size * 1.2;
                let centered = (x - left) > size * 3.0 && ((right - end) - (x - left)).abs() < size * 2.0;
                let is_heading = super::document::heading(&text).is_some();
                let short_before = prev_end < right - prev_size * 2.0;
                // A title set larger than the text under it (a page laid out
                // without its centring): a size change starts a paragraph.
                let resized = (size - prev_size).abs() > prev_size.min(size) * 0.2;
                // A title over two centred lines (the organ, then “2024年…年度报告”).
                // (The first line may fill the width, and so not look centred.)
                let title_rest = centered && {
                    let joined = format!("{para}{text}");
                    // (The break may fall anywhere: “…政府信息公” / “开工作年度报告”,
                    // “…2024年政” / “府信息公开…”.)
                    (para_center || blocks.is_empty() && joined.contains("政府信息"))
                        && !para.contains("年度报告")
                        && (text.contains("年度报告") && !para.contains("报告")
                            // The title's last characters alone (“告”, “度报告”).
                            || text.chars().count() <= 12 && joined.trim_end().ends_with("年度报告"))
                        && para.chars().count() <= 40
                        && !blocks
                            .iter()
                            .any(|b| matches!(b, Block::Paragraph { text, .. } if text.contains("年度报告")))
                };
                if !title_rest
                    && (para.is_empty() || indented || is_heading || short_before || centered || para_center || resized)
                {
                    flush(&mut para, para_center, &mut blocks);
                    para_center = centered;
                }
                // A heading is a paragraph of its own.
                para.push_str(&text);
                if is_heading {
                    flush(&mut para, false, &mut blocks);
                    prev_end = f64::MIN;
                } else {
                    prev_end = end;
                }
                prev_size = size;
                if !text.trim().is_empty() {
                    last_table = None;
                }
            }
            Item::Table(mut rows, xs) => {
                flush(&mut para, para_center, &mut blocks);
                prev_end = f64::MAX;
                match &mut last_table {
                    Some((i, first_xs)) if *i + 1 == blocks.len() => {
                        if let Block::Table(first) = &mut blocks[*i] {
                            // The two parts on one set of columns: a
                            // column split on one page only (a label
                            // column merged above, split below) is split
                            // on both.
                            if let Some(all) = common_columns(first_xs, &xs) {
                                *first = regrid(std::mem::take(first), first_xs, &all);
                                rows = regrid(rows, &xs, &all);
                                *first_xs = all;
                            }
                            join_continued(first, rows);
                        }
                    }
                    _ => {
                        blocks.push(Block::Table(rows));
                        last_table = Some((blocks.len() - 1, xs));
                    }
                }
            }
        }
    }
    flush(&mut para, para_center, &mut blocks);
    blocks
}

/// Running headers and footers (the organ's name or the title at the top
/// of every page, “第 3 页 共 6 页”): a short line at the same height on
/// several pages, its digits aside. Dropped, so that they neither enter
/// the prose nor cut a table continued on the next page.
fn drop_running_lines(pages: &mut [Vec<(f64, Item)>]) {
    if pages.len() < 2 {
        return;
    }
    let key = |y: f64, text: &str| -> Option<(i64, String)> {
        let bare: String = text.chars().filter(|c| !c.is_ascii_digit() && !c.is_whitespace()).collect();
        (text.chars().count() <= 40).then(|| ((y / 3.0).round() as i64, bare))
    };
    // Only the two first and two last lines of a page can be running lines.
    let edges = |page: &[(f64, Item)]| -> Vec<bool> {
        let lines = page.iter().filter(|(_, it)| matches!(it, Item::Line { .. })).count();
        let mut n = 0;
        page.iter()
            .map(|(_, it)| {
                let line = matches!(it, Item::Line { .. });
                let at = n;
                n += usize::from(line);
                line && (at < 2 || at + 2 >= lines)
            })
            .collect()
    };
    let mut seen: std::collections::HashMap<(i64, String), usize> = Default::default();
    for page in pages.iter() {
        let edge = edges(page);
        let mut on_page: Vec<(i64, String)> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| edge[*i])
            .filter_map(|(_, (y, item))| match item {
                Item::Line { text, .. } => key(*y, text),
                _ => None,
            })
            .collect();
        on_page.sort();
        on_page.dedup();
        for k in on_page {
            *seen.entry(k).or_default() += 1;
        }
    }
    for page in pages.iter_mut() {
        let edge = edges(page);
        let running: Vec<bool> = page
            .iter()
            .enumerate()
            .map(|(i, (y, item))| match item {
                Item::Line { text, .. } => {
                    edge[i] && key(*y, text).is_some_and(|k| seen.get(&k).copied().unwrap_or(0) >= 2)
                }
                _ => false,
            })
            .collect();
        let mut flags = running.into_iter();
        page.retain(|_| !flags.next().unwrap_or(false));
    }
}

/// A browser draws the text of a cell spanning rows (a row-group label
/// written vertically) in the middle of the whole cell, also where the
/// page breaks it: its last characters fall below the table's last rule.
/// Lines just below the lowest table of a page, all inside the one column
/// whose last slot continues a cell from above, are that cell's text.
/// Returns the characters left outside.
fn take_overflow<'a>(tables: &mut [PageTable], outside: Vec<&'a Char>) -> Vec<&'a Char> {
    let Some(table) = tables.iter_mut().min_by(|a, b| a.bottom.total_cmp(&b.bottom)) else { return outside };
    let centre = |c: &Char| (c.x + c.w / 2.0, c.y + c.size * 0.35);
    let (below, rest): (Vec<&Char>, Vec<&Char>) = outside.into_iter().partition(|c| centre(c).1 < table.bottom);
    let lines: Vec<Vec<&Char>> =
        group_lines(below.clone()).into_iter().filter(|l| !super::furniture::is_page_number(&line_string(l))).collect();
    let column = |c: &Char| table.xs.partition_point(|&x| x <= centre(c).0).checked_sub(1);
    let Some(first) = lines.first().and_then(|l| l.first()) else { return rest.into_iter().chain(below).collect() };
    let col = column(first);
    let near = table.bottom - first.y < first.size * 2.5;
    let one_column = lines.iter().flatten().all(|c| column(c) == col && centre(c).0 >= table.left);
    let continues = col.and_then(|c| table.rows.last().and_then(|r| r.get(c))).is_some_and(|s| s.covered);
    let Some(col) = col.filter(|_| near && one_column && continues) else {
        return rest.into_iter().chain(below).collect();
    };
    let owner = (0..table.rows.len()).rev().find(|&r| table.rows[r].get(col).is_some_and(|s| !s.covered));
    let Some(owner) = owner else { return rest.into_iter().chain(below).collect() };
    let taken: Vec<&Char> = lines.iter().flatten().copied().collect();
    let slot = &mut table.rows[owner][col];
    slot.text.push('\n');
    slot.text.push_str(&lines_text(&taken));
    let kept: Vec<&Char> = below.into_iter().filter(|c| !taken.iter().any(|t| std::ptr::eq(*t, *c))).collect();
    rest.into_iter().chain(kept).collect()
}

/// The column rules of two parts of one table (the same outer edges):
/// all of their rules, merged where they coincide.
fn common_columns(a: &[f64], b: &[f64]) -> Option<Vec<f64>> {
    let (a0, a1, b0, b1) = (a.first()?, a.last()?, b.first()?, b.last()?);
    if (a0 - b0).abs() > 3.0 || (a1 - b1).abs() > 3.0 {
        return None;
    }
    let all = cluster(a.iter().chain(b).copied().collect(), TOL);
    (all.len() > a.len().min(b.len())).then_some(all)
}

/// Rows on columns `xs` put on the finer columns `all`: a slot's text goes
/// to the first fine column it covers, the others are covered by it.
fn regrid(rows: Vec<Vec<Slot>>, xs: &[f64], all: &[f64]) -> Vec<Vec<Slot>> {
    // For each fine column, the column of `xs` holding its middle, and
    // whether it starts there.
    let map: Vec<(usize, bool)> = all
        .windows(2)
        .map(|w| {
            let mid = (w[0] + w[1]) / 2.0;
            let c = xs.partition_point(|&x| x <= mid).saturating_sub(1);
            let starts = xs.get(c).is_some_and(|&x| (x - w[0]).abs() <= TOL * 2.0);
            (c, starts)
        })
        .collect();
    rows.into_iter()
        .map(|row| {
            map.iter()
                .map(|&(c, starts)| match row.get(c) {
                    Some(slot) if starts => slot.clone(),
                    _ => Slot::covered(),
                })
                .collect()
        })
        .collect()
}

/// Appends the part of a table continued on the next page: header rows
/// repeated there are dropped; a label cut by the page break (its first
/// characters at the bottom of the page, the rest at the top of the next)
/// is rejoined when the two pieces make an official label.
fn join_continued(first: &mut Vec<Vec<Slot>>, mut rest: Vec<Vec<Slot>>) {
    let texts = |row: &[Slot]| -> Vec<String> {
        row.iter().map(|s| normalize_label(&s.text)).filter(|t| !t.is_empty()).collect()
    };
    let repeated =
        rest.iter().zip(first.iter()).take_while(|(a, b)| texts(a) == texts(b) && !texts(a).is_empty()).count();
    rest.drain(..repeated);
    // A row holding no text at all, where cells cut by the page break go
    // on (LibreOffice draws their rest as a row of its own): dropped.
    let blank = |row: &[Slot]| row.iter().all(|s| s.covered || s.text.trim().is_empty());
    while rest.first().is_some_and(|top| blank(top)) {
        rest.remove(0);
    }
    let labels = crate::layout::official_labels();
    let mut moved = false;
    if let Some(top) = rest.first_mut() {
        let width = first.iter().map(Vec::len).max().unwrap_or(0);
        for c in 0..top.len().min(width) {
            let piece = normalize_label(&top[c].text);
            if piece.is_empty() || top[c].covered || labels.contains(&piece) {
                continue;
            }
            // The nearest text above in that column.
            let Some(r) = (0..first.len()).rev().find(|&r| first[r].get(c).is_some_and(|s| !s.covered)) else {
                continue;
            };
            let joined = normalize_label(&format!("{}{}", first[r][c].text, top[c].text));
            if labels.contains(&joined) {
                let piece = std::mem::take(&mut top[c].text);
                first[r][c].text.push_str(&piece);
                top[c].covered = true;
                moved = true;
            }
        }
    }
    // A row that held only the ends of labels (a header row cut by the
    // page break: “社会公益” / “组织”) is gone once they are rejoined.
    if moved && rest.first().is_some_and(|top| blank(top)) {
        rest.remove(0);
    }
    first.extend(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["- 4 -", "-3-", "— 12 —", "第 2 页", "5"] {
            assert!(crate::import::furniture::is_page_number(t), "{t}");
        }
        for t in ["2024年", "一、总体情况", "- a -", "12345"] {
            assert!(!crate::import::furniture::is_page_number(t), "{t}");
        }
    }

    #[test]
    fn garbage_is_a_clear_error() {
        let e = import(b"%PDF-1.4\n garbage").unwrap_err();
        assert!(e.message.contains("PDF"), "{e}");
        let e = import(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF").unwrap_err();
        assert!(e.message.contains("PDF"), "{e}");
    }

    use crate::layout::CellId;
    use crate::layout::{placed, Role, TableId};

    /// 表三 drawn as a producer would, ruled, from `top` down: rows
    /// `rows` of the official grid (header rows `0..3` first when
    /// `header`), each slot 30 wide and 30 high, characters 4 wide.
    /// Merged cells are cut at the part's edges.
    fn draw_requests(
        page: &mut Page,
        rows: std::ops::Range<usize>,
        header: bool,
        top: f64,
        value: &dyn Fn(CellId) -> String,
    ) {
        let parts: Vec<usize> = if header { (0..3).chain(rows.clone()).collect() } else { rows.collect() };
        let y_of = |k: usize| top - 30.0 * k as f64;
        for p in placed(TableId::Requests) {
            let (first, last) = (p.row, p.row + p.cell.rowspan - 1);
            let shown: Vec<usize> = (0..parts.len()).filter(|&k| (first..=last).contains(&parts[k])).collect();
            let (Some(&k0), Some(&k1)) = (shown.first(), shown.last()) else { continue };
            let (x0, x1) = (50.0 + 30.0 * p.col as f64, 50.0 + 30.0 * (p.col + p.cell.colspan) as f64);
            let (y0, y1) = (y_of(k0), y_of(k1 + 1));
            for (horizontal, at, a, b) in
                [(true, y0, x0, x1), (true, y1, x0, x1), (false, x0, y1, y0), (false, x1, y1, y0)]
            {
                page.segments.push(Segment { horizontal, at, a, b });
            }
            // The text once, in the part holding the cell's first row.
            let text = match p.cell.role {
                _ if parts[k0] != p.row => String::new(),
                Role::Value(id) => value(id),
                _ => p.cell.text.to_string(),
            };
            // Wrapped at 6 characters a line (narrow columns), from the
            // cell's top.
            let chars: Vec<char> = text.chars().collect();
            for (i, piece) in chars.chunks(6).enumerate() {
                let y = y0 - 4.0 - 3.0 * i as f64;
                for (j, ch) in piece.iter().enumerate() {
                    let x = x0 + 2.0 + 4.0 * j as f64;
                    page.chars.push(Char { x, y, w: 4.0, size: 2.5, text: ch.to_string() });
                }
            }
        }
    }

    fn line(page: &mut Page, text: &str, x: f64, y: f64) {
        for (i, ch) in text.chars().enumerate() {
            page.chars.push(Char { x: x + 12.0 * i as f64, y, w: 12.0, size: 12.0, text: ch.to_string() });
        }
    }

    #[test]
    fn a_table_continued_under_running_lines_and_page_numbers_is_one_table() {
        let value = |id: CellId| (id.index() % 7).to_string();
        let mut pages = vec![Page::default(), Page::default()];
        for (n, page) in pages.iter_mut().enumerate() {
            line(page, "某某县人民政府办公室", 200.0, 800.0);
            line(page, &format!("- {} -", n + 1), 280.0, 30.0);
        }
        line(&mut pages[0], "三、收到和处理政府信息公开申请情况", 50.0, 760.0);
        draw_requests(&mut pages[0], 3..12, true, 740.0, &value);
        // The rest on the next page, its three header rows repeated.
        draw_requests(&mut pages[1], 12..28, true, 760.0, &value);
        let blocks = page_blocks(&pages);
        let tables: Vec<&Vec<Vec<Slot>>> =
            blocks.iter().filter_map(|b| if let Block::Table(rows) = b { Some(rows) } else { None }).collect();
        assert_eq!(tables.len(), 1, "{blocks:#?}");
        let prose: Vec<&str> = blocks
            .iter()
            .filter_map(|b| if let Block::Paragraph { text, .. } = b { Some(text.as_str()) } else { None })
            .collect();
        assert!(!prose.iter().any(|t| t.contains("办公室") || t.contains('-')), "{prose:?}");
        let imported = assemble(&blocks, Format::Pdf, "PDF").unwrap();
        for id in TableId::Requests.cells() {
            assert_eq!(imported.report.value(id), &crate::model::Value::parse(&value(id)), "{}", id.address());
        }
    }

    #[test]
    fn a_title_wrapped_before_its_last_character_is_one_line() {
        let mut page = Page::default();
        // The first line fills the width; the last character, centred, below.
        line(&mut page, "红寺堡区大河乡2024年政府信息公开工作年度报", 50.0, 800.0);
        line(&mut page, "告", 272.0, 780.0);
        line(&mut page, "本报告统计期限为2024年1月1日至12月31日。本报告统计期限为2024", 50.0, 750.0);
        line(&mut page, "一、总体情况", 50.0, 720.0);
        let blocks = page_blocks(&[page]);
        let Some(Block::Paragraph { text, .. }) = blocks.first() else { panic!("{blocks:#?}") };
        assert_eq!(text, "红寺堡区大河乡2024年政府信息公开工作年度报告");
    }

    #[test]
    fn a_title_wrapped_inside_a_word_is_one_line() {
        // LibreOffice's PDF of a Word export with a long organ name.
        let mut page = Page::default();
        line(&mut page, "银川市红寺堡区人民政府 2024 年政府信息公", 50.0, 800.0);
        line(&mut page, "开工作年度报告", 230.0, 780.0);
        line(&mut page, "本报告统计期限为2024年1月1日至12月31日。本报告统计期限为2024", 50.0, 750.0);
        line(&mut page, "一、总体情况", 50.0, 720.0);
        let blocks = page_blocks(&[page]);
        let Some(Block::Paragraph { text, .. }) = blocks.first() else { panic!("{blocks:#?}") };
        assert_eq!(text, "银川市红寺堡区人民政府 2024 年政府信息公开工作年度报告");
    }

    /// The break inside 政府信息 itself, where Chromium and LibreOffice
    /// wrapped long organ names (the pdf-zoo's generated reports).
    #[test]
    fn a_title_wrapped_inside_its_government_information_is_one_line() {
        for (first, rest) in [
            ("银川市红寺堡区人力资源和社会保障局2024年政", "府信息公开工作年度报告"),
            ("银川市红寺堡区人力资源和社会保障局 2024 年政府信", "息公开工作年度报告"),
            ("银川市红寺堡区人力资源和社会保障局 2024 年政府", "信息公开工作年度报告"),
            ("银川市红寺堡区人力资源和社会保障局 2024 年", "政府信息公开工作年度报告"),
        ] {
            let mut page = Page::default();
            let body = "本报告统计期限为2024年1月1日至12月31日。本报告统计期限为2024";
            // The rest centred under the body's width.
            let centred = 50.0 + 6.0 * (body.chars().count() - rest.chars().count()) as f64;
            line(&mut page, first, 50.0, 800.0);
            line(&mut page, rest, centred, 780.0);
            line(&mut page, body, 50.0, 750.0);
            line(&mut page, "一、总体情况", 50.0, 720.0);
            let blocks = page_blocks(&[page]);
            let Some(Block::Paragraph { text, .. }) = blocks.first() else { panic!("{blocks:#?}") };
            assert_eq!(*text, format!("{first}{rest}"));
        }
    }

    /// LibreOffice's layout of a web page: 表三's third header row cut by
    /// the page break (“社会公益” / “组织”), and a row of nothing where
    /// cells cut by a later break go on.
    #[test]
    fn a_header_row_cut_by_the_page_break_and_a_blank_row_are_rejoined() {
        let row = |texts: &[&str]| -> Vec<Slot> {
            texts.iter().map(|t| if *t == "^" { Slot::covered() } else { Slot::text(*t) }).collect()
        };
        let mut first = vec![row(&["申请人情况", "^", "^"]), row(&["商业\n企业", "社会\n公益", "其他"])];
        let rest = vec![row(&["", "组织", ""]), row(&["1", "2", "3"]), row(&["", "", "^"]), row(&["4", "5", "6"])];
        join_continued(&mut first, rest);
        let texts: Vec<Vec<&str>> =
            first.iter().map(|r| r.iter().map(|s| if s.covered { "^" } else { s.text.as_str() }).collect()).collect();
        // (A blank row inside the part is the part's own: kept.)
        assert_eq!(
            texts,
            [
                vec!["申请人情况", "^", "^"],
                vec!["商业\n企业", "社会\n公益组织", "其他"],
                vec!["1", "2", "3"],
                vec!["", "", "^"],
                vec!["4", "5", "6"]
            ]
        );
        // A part beginning with a row of nothing: the row is dropped.
        let mut first = vec![row(&["商业企业", "其他"]), row(&["1", "2"])];
        join_continued(&mut first, vec![row(&["", "^"]), row(&["3", "4"])]);
        assert_eq!(first.len(), 3);
        assert_eq!(first[2][0].text, "3");
    }
}
