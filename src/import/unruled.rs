//! Tables printed without ruling lines (a web page whose table has no
//! borders, a Word table with its borders removed, the text a PDF tool
//! lays out with spaces): no grid to rebuild, but the official layout
//! fixes how many figures each row holds and in which order. Under a
//! table's heading, the lines' figures are taken in reading order and
//! must fill the official rows exactly — each line ending where a row
//! ends, every row complete. A blank cell (a row one or more figures
//! short) is placed by where the figures stand: each table column's
//! middle is where the complete rows print it, and every figure of the
//! short row must stand at one. Anything else (a stray number, a row too
//! wide, a figure between columns) reads nothing: the table stays unread
//! (S2), never guessed.

use super::document::{heading, Block, Part};
use super::{Imported, Unread};
use crate::error::ImportError;
use crate::layout::{normalize_label, official_slots, placed, Slot};
use crate::layout::{CellId, Role, TableId};

/// A line under a table heading: its words with their middles in x.
#[derive(Clone)]
pub struct Line {
    pub words: Vec<(String, f64)>,
    /// The page it is on, where positions compare only within a page (text
    /// laid out page by page); 0 for all of a PDF's lines.
    pub page: usize,
}

/// How far the order of the lines can be trusted.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// As the page shows them (a PDF's lines, placed by where they stand).
    #[cfg_attr(not(feature = "pdf"), allow(dead_code))]
    Shown,
    /// As a tool wrote them out (text): possibly in the order the producer
    /// drew them, labels apart from their figures. Each row must then be
    /// one line of figures with its label's beginning beside, above or
    /// below it, or nothing is read.
    Written,
}

/// What a reader meets going down the pages.
pub enum Seen<'a> {
    /// A line of text and its words with their middles in x.
    Line(&'a str, &'a [(String, f64)]),
    /// A table drawn with rules (read as a grid, not here).
    RuledTable,
    /// A new page whose positions do not compare with the page before.
    PageBreak,
}

/// The lines under each table heading, for the tables drawn without a
/// ruled table under their heading.
pub fn regions<'a>(seen: impl IntoIterator<Item = Seen<'a>>) -> Vec<(TableId, Vec<Line>)> {
    let mut out: Vec<(TableId, Vec<Line>)> = Vec::new();
    let mut current: Option<usize> = None;
    let mut page = 0;
    for item in seen {
        match item {
            Seen::Line(text, words) => match heading(text) {
                Some((Part::Table(t), _)) => {
                    out.push((t, Vec::new()));
                    current = Some(out.len() - 1);
                }
                Some(_) => current = None,
                None => {
                    if let Some(i) = current {
                        out[i].1.push(Line { words: words.to_vec(), page });
                    }
                }
            },
            Seen::PageBreak => page += 1,
            Seen::RuledTable => {
                // A ruled table under the heading: read as such.
                if let Some(i) = current.take() {
                    out.remove(i);
                }
            }
        }
    }
    out
}

/// The report assembled from `blocks`, with the tables that assembly did
/// not find read from the lines under their headings ([`regions`], asked
/// for only then): each put, as the official grid, under its heading and
/// the whole assembled again.
pub fn assemble_with_unruled(
    mut blocks: Vec<Block>,
    regions: impl FnOnce() -> Vec<(TableId, Vec<Line>)>,
    order: Order,
    assemble: &dyn Fn(&[Block]) -> Result<Imported, ImportError>,
) -> Result<Imported, ImportError> {
    let first = assemble(&blocks);
    let unread = |table: TableId| match &first {
        Ok(imported) => imported.unread.iter().any(|u| u.table == table && u.why == Unread::NotFound),
        Err(_) => true,
    };
    if !TableId::ALL.into_iter().any(unread) {
        return first;
    }
    let mut added = false;
    for (table, lines) in regions() {
        let Some(rows) = unread(table).then(|| read(table, &lines, order)).flatten() else { continue };
        let under_heading = blocks.iter().position(|b| {
            matches!(b, Block::Paragraph { text, .. } if heading(text).is_some_and(|(p, _)| p == Part::Table(table)))
        });
        if let Some(at) = under_heading {
            blocks.insert(at + 1, Block::Table(rows));
            added = true;
        }
    }
    if added {
        return assemble(&blocks);
    }
    first
}

/// A figure as printed in a cell: digits, with a decimal point or
/// thousands separators.
fn is_figure(token: &str) -> bool {
    // (“1.” is a label's numbering: “1. 属于国家秘密”.)
    token.chars().any(|c| c.is_ascii_digit())
        && token.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !token.ends_with('.')
}

/// Figures read into value cells.
type Values = Vec<(CellId, String)>;

/// A column of a table's rows as wide, on a page: (page, width, column).
type ColumnPlace = (usize, usize, usize);

/// The official value cells of a table, row by row.
fn value_rows(table: TableId) -> Vec<Vec<CellId>> {
    let mut cells: Vec<(usize, usize, CellId)> = placed(table)
        .iter()
        .filter_map(|p| match p.cell.role {
            Role::Value(id) => Some((p.row, p.col, id)),
            _ => None,
        })
        .collect();
    cells.sort_by_key(|&(row, col, _)| (row, col));
    let mut rows: Vec<Vec<CellId>> = Vec::new();
    for (i, &(row, _, id)) in cells.iter().enumerate() {
        if i == 0 || cells[i - 1].0 != row {
            rows.push(Vec::new());
        }
        rows.last_mut().expect("pushed").push(id);
    }
    rows
}

/// The table as the official grid: the lines' figures fill its rows in
/// order, or, with blank cells, each line is a row and its figures stand
/// in their columns.
pub fn read(table: TableId, lines: &[Line], order: Order) -> Option<Vec<Vec<Slot>>> {
    let rows = value_rows(table);
    let values = match order {
        Order::Shown => filled_in_order(&rows, lines).or_else(|| placed_by_column(&rows, lines))?,
        Order::Written => {
            let lines = rows_rejoined(&rows, lines);
            labelled_lines(table, &lines)?;
            let values = placed_by_column(&rows, &lines)?;
            // Text with one space between words does not stand in columns:
            // a short row's blanks could not be placed.
            let whole = values.len() == rows.iter().map(Vec::len).sum::<usize>();
            if !whole && !in_columns(&lines) {
                return None;
            }
            values
        }
    };
    let value = |id: CellId| values.iter().find(|(cell, _)| *cell == id).map(|(_, v)| v.clone()).unwrap_or_default();
    Some(official_slots(table, &value))
}

/// The lines with a row's figures put on one line where a tool wrote
/// them on two (the first figure a little higher than the others): a
/// line short of its row's figures, and the next line of figures (a line
/// or two of label text between) holding the rest, further right.
fn rows_rejoined(rows: &[Vec<CellId>], lines: &[Line]) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut row = 0;
    let mut i = 0;
    while i < lines.len() {
        let here = figures(&lines[i]);
        if here.is_empty() {
            out.push(lines[i].clone());
            i += 1;
            continue;
        }
        let want = rows.get(row).map_or(0, Vec::len);
        // The next line of figures, a line or two of label text between.
        let next = (i + 1..lines.len().min(i + 4)).find(|&j| !figures(&lines[j]).is_empty());
        let rest = next.map(|j| figures(&lines[j])).unwrap_or_default();
        let rest_of_row = here.len() < want
            && here.len() + rest.len() == want
            && here.last().zip(rest.first()).is_some_and(|((_, a), (_, b))| a < b);
        if let (true, Some(j)) = (rest_of_row, next) {
            let mut joined = lines[i].clone();
            joined.words.extend(lines[j].words.iter().cloned());
            out.push(joined);
            out.extend(lines[i + 1..j].iter().cloned());
            i = j + 1;
        } else {
            out.push(lines[i].clone());
            i += 1;
        }
        row += 1;
    }
    out
}

/// Whether text lines stand in columns: most lines of figures have a gap
/// of two characters or more between two of their words (the words of
/// text lines are placed at their character columns).
fn in_columns(lines: &[Line]) -> bool {
    let with_figures: Vec<&Line> = lines.iter().filter(|l| !figures(l).is_empty()).collect();
    let spaced = with_figures
        .iter()
        .filter(|line| {
            line.words.windows(2).any(|w| {
                let half = |word: &str| word.chars().count() as f64 / 2.0;
                (w[1].1 - half(&w[1].0)) - (w[0].1 + half(&w[0].0)) >= 2.0
            })
        })
        .count();
    spaced * 2 > with_figures.len()
}

/// Whether each row's figures stand on a line of their own near the
/// beginning of the row's label, the labels in the rows' order: at most
/// two lines of figures away (a label may wrap around its figures, two
/// short labels may stand over their two lines of figures).
fn labelled_lines(table: TableId, lines: &[Line]) -> Option<()> {
    let with_figures: Vec<usize> = (0..lines.len()).filter(|&i| !figures(&lines[i]).is_empty()).collect();
    let labels = row_labels(table);
    if with_figures.len() != labels.len() {
        return None;
    }
    // The lines' words that are not figures, normalised, one after another.
    let mut words = String::new();
    let mut starts = Vec::with_capacity(lines.len() + 1);
    for line in lines {
        starts.push(words.len());
        let text: String = line.words.iter().filter(|(w, _)| !is_figure(w)).map(|(w, _)| w.as_str()).collect();
        words.push_str(&numbered(&normalize_label(&text)));
    }
    starts.push(words.len());
    let mut after = 0; // where the label of the row before ends
    for (k, label) in labels.iter().enumerate() {
        let Some(label) = label else { continue };
        let from = starts[k.checked_sub(2).map_or(0, |j| with_figures[j] + 1)].max(after);
        let to = starts[with_figures.get(k + 2).copied().unwrap_or(lines.len())];
        let near = words.get(from..to.max(from))?;
        // (The numbering may stand apart: “属于行政查询事” over “8.项”.)
        let unnumbered = label.split_once('.').map_or(label.as_str(), |(_, rest)| rest);
        let (at, len) = near
            .find(label.as_str())
            .map(|at| (at, label.len()))
            .or_else(|| near.find(unnumbered).map(|at| (at, unnumbered.len())))?;
        after = from + at + len;
    }
    Some(())
}

/// “1、申请人…” with the sub-item mark of the official “1.申请人…”.
fn numbered(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digit_before = false;
    for c in text.chars() {
        out.push(if c == '、' && digit_before { '.' } else { c });
        digit_before = c.is_ascii_digit();
    }
    out
}

/// The beginning of each value row's own label (normalised, at most five
/// characters: enough to tell the rows apart, short enough to survive a
/// wrap), `None` for a row without one (表四's).
fn row_labels(table: TableId) -> Vec<Option<String>> {
    let cells = placed(table);
    let mut value_rows: Vec<usize> =
        cells.iter().filter(|p| matches!(p.cell.role, Role::Value(_))).map(|p| p.row).collect();
    value_rows.sort_unstable();
    value_rows.dedup();
    value_rows
        .into_iter()
        .map(|r| {
            // The rightmost label starting in the row is the row's own.
            let own =
                cells.iter().filter(|p| p.row == r && !matches!(p.cell.role, Role::Value(_))).max_by_key(|p| p.col);
            own.map(|p| normalize_label(p.cell.text).chars().take(5).collect())
        })
        .collect()
}

/// The figures of a line, with their middles in x.
fn figures(line: &Line) -> Vec<(String, f64)> {
    line.words.iter().filter(|(w, _)| is_figure(w)).map(|(w, x)| (w.replace(',', ""), *x)).collect()
}

/// The rows filled by the figures in reading order, when they fill every
/// row exactly (a row may go on over lines).
fn filled_in_order(rows: &[Vec<CellId>], lines: &[Line]) -> Option<Values> {
    let mut values = Values::new();
    let mut row = 0;
    let mut filled = 0;
    for line in lines {
        let figures = figures(line);
        if figures.is_empty() {
            continue;
        }
        let cells = rows.get(row)?;
        if filled + figures.len() > cells.len() {
            return None;
        }
        let count = figures.len();
        for (id, (figure, _)) in cells[filled..].iter().zip(figures) {
            values.push((*id, figure));
        }
        filled += count;
        if filled == cells.len() {
            row += 1;
            filled = 0;
        }
    }
    (row == rows.len() && filled == 0).then_some(values)
}

/// The rows read one per line of figures, a short row's figures put in
/// the columns they stand in: each column's middle is the mean of where
/// the complete rows print it, and a figure must be nearer to it than a
/// third of the narrowest gap between columns. The cells left are blank.
fn placed_by_column(rows: &[Vec<CellId>], lines: &[Line]) -> Option<Values> {
    let (pages, lines): (Vec<usize>, Vec<Vec<(String, f64)>>) =
        lines.iter().filter_map(|line| Some(figures(line)).filter(|f| !f.is_empty()).map(|f| (line.page, f))).unzip();
    if lines.len() != rows.len() {
        return None;
    }
    // Each column's middle, from the complete rows as wide on the page
    // (表二's rows of three figures and of one are printed in different
    // columns): the sum of the middles and how many, by place.
    let mut middles: Vec<(ColumnPlace, (f64, usize))> = Vec::new();
    for ((cells, figures), &page) in rows.iter().zip(&lines).zip(&pages) {
        if figures.len() == cells.len() {
            for (column, (_, x)) in figures.iter().enumerate() {
                let key = (page, cells.len(), column);
                match middles.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, (sum, n))) => {
                        *sum += x;
                        *n += 1;
                    }
                    None => middles.push((key, (*x, 1))),
                }
            }
        }
    }
    let middle = |page: usize, width: usize, column: usize| {
        middles.iter().find(|(k, _)| *k == (page, width, column)).map(|(_, (sum, n))| sum / *n as f64)
    };
    let mut values = Values::new();
    for ((cells, figures), &page) in rows.iter().zip(&lines).zip(&pages) {
        if figures.len() > cells.len() {
            return None;
        }
        if figures.len() == cells.len() {
            for (id, (figure, _)) in cells.iter().zip(figures) {
                values.push((*id, figure.clone()));
            }
            continue;
        }
        let xs: Vec<f64> = (0..cells.len()).map(|column| middle(page, cells.len(), column)).collect::<Option<_>>()?;
        let narrowest = xs.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
        if narrowest <= 0.0 {
            return None;
        }
        let mut next = 0;
        for (figure, x) in figures {
            let (at, distance) =
                xs.iter().enumerate().map(|(i, middle)| (i, (middle - x).abs())).min_by(|a, b| a.1.total_cmp(&b.1))?;
            if at < next || distance >= narrowest / 3.0 {
                return None;
            }
            values.push((cells[at], figure.clone()));
            next = at + 1;
        }
    }
    Some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line: its label at the left, then its figures at `xs`.
    fn line(label: &str, figures: &[(&str, f64)]) -> Line {
        let mut words = vec![(label.to_string(), 40.0)];
        words.extend(figures.iter().map(|&(f, x)| (f.to_string(), x)));
        Line { words, page: 0 }
    }

    fn active(issued_line: Line) -> Vec<Line> {
        let mut lines = vec![line("信息内容 本年制发件数 本年废止件数 现行有效件数", &[])];
        lines.push(line("规章", &[("1", 200.0), ("0", 300.0), ("11", 400.0)]));
        lines.push(issued_line);
        for (label, v) in
            [("行政许可", "447,228"), ("行政处罚", "3985758"), ("行政强制", "88283"), ("行政事业性收费", "96171.6")]
        {
            lines.push(line(label, &[(v, 300.0)]));
        }
        lines
    }

    fn read_shown(table: TableId, lines: &[Line]) -> Option<Vec<Vec<Slot>>> {
        read(table, lines, Order::Shown)
    }

    fn texts(rows: &[Vec<Slot>]) -> Vec<&str> {
        rows.iter().flatten().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn figures_fill_the_official_rows_in_order() {
        let rows =
            read_shown(TableId::Active, &active(line("行政规范性文件", &[("8", 200.0), ("26", 300.0), ("66", 400.0)])))
                .expect("read");
        assert!(texts(&rows).contains(&"447228") && texts(&rows).contains(&"96171.6"), "{:?}", texts(&rows));
        // A row may go on over two lines.
        let mut lines = active(line("行政规范性文件", &[("8", 200.0), ("26", 300.0)]));
        lines.insert(3, line("（续）", &[("66", 400.0)]));
        assert!(read_shown(TableId::Active, &lines).is_some());
    }

    #[test]
    fn a_blank_cell_is_placed_by_where_the_figures_stand() {
        use crate::layout::active::{NORMATIVE_IN_FORCE, NORMATIVE_ISSUED, NORMATIVE_REPEALED};
        let by_cell = |lines: &[Line]| {
            let rows = read_shown(TableId::Active, lines)?;
            let text = |id: CellId| {
                let p = placed(TableId::Active).iter().find(|p| p.cell.role == Role::Value(id)).unwrap();
                rows[p.row][p.col].text.clone()
            };
            Some([NORMATIVE_ISSUED, NORMATIVE_REPEALED, NORMATIVE_IN_FORCE].map(text))
        };
        // 26 left blank: 8 and 66 stand in the first and third columns.
        let row = by_cell(&active(line("行政规范性文件", &[("8", 203.0), ("66", 398.0)]))).expect("read");
        assert_eq!(row, ["8", "", "66"]);
        // A figure between two columns, or more figures than the row has: nothing is read.
        assert!(by_cell(&active(line("行政规范性文件", &[("8", 203.0), ("66", 350.0)]))).is_none());
        let four = [("8", 200.0), ("1", 250.0), ("26", 300.0), ("66", 400.0)];
        assert!(by_cell(&active(line("行政规范性文件", &four))).is_none());
    }

    /// Text in the order a tool wrote it: rows whose lines come in another
    /// order than their labels' are not read, though each line holds a
    /// whole row near a label.
    #[test]
    fn written_rows_must_come_in_their_labels_order() {
        let lines = active(line("行政规范性文件", &[("8", 200.0), ("26", 300.0), ("66", 400.0)]));
        assert!(read(TableId::Active, &lines, Order::Written).is_some());
        let mut swapped = active(line("行政规范性文件", &[("8", 200.0), ("26", 300.0), ("66", 400.0)]));
        swapped.swap(1, 2);
        assert!(read(TableId::Active, &swapped, Order::Shown).is_some(), "as shown, the figures fill the rows");
        assert!(read(TableId::Active, &swapped, Order::Written).is_none());
    }

    /// Text laid out page by page (pdftotext): the columns of 表三's part
    /// on the next page stand elsewhere than on the first; a row with a
    /// blank cell there is placed by its own page's complete rows.
    #[test]
    fn a_short_row_is_placed_by_the_columns_of_its_own_page() {
        let labels = row_labels(TableId::Requests);
        let lines = |short: usize| -> Vec<Line> {
            labels
                .iter()
                .enumerate()
                .map(|(k, label)| {
                    let page = usize::from(k >= 12);
                    let left = if page == 0 { 100.0 } else { 140.0 };
                    let mut words = vec![(label.clone().unwrap_or_default(), 10.0)];
                    for column in 0..7 {
                        if k == short && column == 2 {
                            continue; // the blank cell
                        }
                        words.push(((k % 5).to_string(), left + 30.0 * column as f64));
                    }
                    Line { words, page }
                })
                .collect()
        };
        let rows = read(TableId::Requests, &lines(20), Order::Written).expect("read");
        let blank = placed(TableId::Requests)
            .iter()
            .find(|p| p.cell.role == Role::Value(crate::layout::request_cell(20, 2)))
            .map(|p| rows[p.row][p.col].text.clone());
        assert_eq!(blank.as_deref(), Some(""));
        // Placed by all the pages' rows together, the columns would be off.
        let one_grid: Vec<Line> = lines(20).into_iter().map(|l| Line { page: 0, ..l }).collect();
        assert!(read(TableId::Requests, &one_grid, Order::Written).is_none());
    }
}
