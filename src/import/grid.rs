//! Finding the official tables in a grid of cells (a spreadsheet, a CSV, a
//! Word table): the labels of [`layout::grid`] must stand where the official
//! layout puts them, relative to one origin; the values are read from the
//! value positions. Labels are compared with [`layout::normalize_label`],
//! never re-typed here.
//!
//! A grid is physical: one slot per row and column. A merged region has its
//! text in its top-left slot and the others `covered`. Sources without
//! merges (CSV, sheets people made) leave the other slots empty or repeat
//! the label; both are accepted.

use crate::error::ImportError;
use crate::finding::Finding;
use crate::layout::{self, normalize_label, placed, CellId, PlacedCell, Role, Slot, TableId};

/// A grid of slots with a way to name a position for messages, and the
/// normalised text of every slot: computed once when the grid is made, not
/// once per table searched.
pub struct SlotGrid<'a> {
    pub rows: &'a [Vec<Slot>],
    /// Names a (row, column) position, e.g. `表三!B7` or `第 2 个表格第 5 行第 3 列`.
    pub locate: Box<dyn Fn(usize, usize) -> String + 'a>,
    norm: Vec<Vec<std::borrow::Cow<'a, str>>>,
}

impl<'a> SlotGrid<'a> {
    pub fn new(rows: &'a [Vec<Slot>], locate: impl Fn(usize, usize) -> String + 'a) -> SlotGrid<'a> {
        let norm = rows.iter().map(|row| row.iter().map(|s| layout::normalized_label(&s.text)).collect()).collect();
        SlotGrid { rows, locate: Box::new(locate), norm }
    }

    /// The normalised text at (r, c); empty outside the grid.
    fn norm_at(&self, r: usize, c: usize) -> &str {
        self.norm.get(r).and_then(|row| row.get(c)).map(|text| text.as_ref()).unwrap_or("")
    }

    fn at(&self, r: usize, c: usize) -> Option<&Slot> {
        self.rows.get(r).and_then(|row| row.get(c))
    }

    fn text(&self, r: usize, c: usize) -> &str {
        self.at(r, c).map(|s| s.text.as_str()).unwrap_or("")
    }
}

/// Per table: its placed official cells, and the checked labels among them
/// (index, normalised text), computed once rather than on every search.
type Official = (&'static [PlacedCell], Vec<(usize, String)>);

static OFFICIAL: std::sync::LazyLock<Vec<Official>> = std::sync::LazyLock::new(|| {
    TableId::ALL
        .iter()
        .map(|&table| {
            let cells = placed(table);
            let labels = cells
                .iter()
                .enumerate()
                .filter(|(_, p)| checked(p.cell))
                .map(|(i, p)| (i, normalize_label(p.cell.text)))
                .collect();
            (cells, labels)
        })
        .collect()
});

/// Whether an official label is checked when matching. The corner cell of
/// 表三 (a long note on the identity) is often shortened or left out.
fn checked(cell: &layout::GridCell) -> bool {
    !matches!(cell.role, Role::Value(_)) && cell.text != layout::REQUESTS_CORNER
}

/// A table found in a grid: its origin and the raw text of every value cell
/// with the position it was read from.
#[derive(Clone, Debug)]
pub struct FoundTable {
    pub origin: (usize, usize),
    pub values: Vec<(CellId, String, (usize, usize))>,
    /// Labels that differ from the official text (accepted, reported as S3).
    pub label_diffs: Vec<LabelDiff>,
    /// 表三's （六）其他处理 was one row without its three sub-rows (the
    /// 2019 layout): its figures were read into the last sub-row.
    pub collapsed_other: bool,
}

/// An altered label: where, the official text, what the source has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelDiff {
    pub location: String,
    pub expected: &'static str,
    pub actual: String,
}

impl LabelDiff {
    /// The S3 finding (FORMAT.md §8: label text differences → warning).
    pub fn finding(&self, table: TableId) -> Finding {
        let cells = row_cells(table, self.expected);
        crate::rules::structure::altered_label(table, &self.location, self.expected, &self.actual, cells)
    }
}

/// The value cells of the official row (or rows, for a group label) that a
/// row label names: where an S3 finding points. For a column header, the
/// first value row's cells under it (so the finding belongs to its table
/// and the preview shows the columns).
fn row_cells(table: TableId, label: &str) -> Vec<CellId> {
    let rows = &layout::grid(table).rows;
    let Some((r, span)) = rows.iter().enumerate().find_map(|(r, row)| {
        row.iter().find(|c| matches!(c.role, Role::RowLabel) && c.text == label).map(|c| (r, c.rowspan))
    }) else {
        return header_cells(table, label);
    };
    rows[r..(r + span).min(rows.len())]
        .iter()
        .flatten()
        .filter_map(|c| match c.role {
            Role::Value(id) => Some(id),
            _ => None,
        })
        .collect()
}

/// The value cells of the first row that has values under the columns a
/// header label spans.
fn header_cells(table: TableId, label: &str) -> Vec<CellId> {
    let cells = placed(table);
    let Some(header) = cells.iter().find(|p| matches!(p.cell.role, Role::Header) && p.cell.text == label) else {
        return Vec::new();
    };
    let columns = header.col..header.col + header.cell.colspan;
    let under: Vec<&PlacedCell> =
        cells.iter().filter(|p| matches!(p.cell.role, Role::Value(_)) && columns.contains(&p.col)).collect();
    let Some(first_row) = under.first().map(|p| p.row) else { return Vec::new() };
    under
        .iter()
        .filter(|p| p.row == first_row)
        .filter_map(|p| match p.cell.role {
            Role::Value(id) => Some(id),
            _ => None,
        })
        .collect()
}

/// At most this many altered labels are accepted in one table.
const MAX_LABEL_DIFFS: usize = 3;

/// Looks for `table` in the grid. `Ok(None)` when nothing like it is there;
/// an error when a table is there but its labels or values do not fit the
/// official layout (naming the first position that differs), or when it is
/// there twice.
pub fn find_table(grid: &SlotGrid, table: TableId) -> Result<Option<FoundTable>, ImportError> {
    let (cells, labels) = &OFFICIAL[table as usize];
    let labels: Vec<(&PlacedCell, &str)> = labels.iter().map(|&(i, ref text)| (&cells[i], text.as_str())).collect();
    let (anchor, anchor_text) = &labels[0];
    let norm_at = |r: usize, c: usize| grid.norm_at(r, c);
    let mut found: Vec<FoundTable> = Vec::new();
    let mut best_miss: Option<(usize, ImportError)> = None;
    for (r, row) in grid.rows.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            if slot.covered || norm_at(r, c) != *anchor_text {
                continue;
            }
            let (Some(r0), Some(c0)) = (r.checked_sub(anchor.row), c.checked_sub(anchor.col)) else {
                continue;
            };
            let mut matched = 0;
            let mut misses = Vec::new();
            for (p, want) in &labels {
                let (rr, cc) = (r0 + p.row, c0 + p.col);
                // A label may stand in another slot of its span (a header
                // cell split in two by the author, the text in one part).
                if norm_at(rr, cc) == *want
                    || (norm_at(rr, cc).is_empty() && (1..p.cell.colspan).any(|dc| norm_at(rr, cc + dc) == *want))
                {
                    matched += 1;
                } else {
                    misses.push((rr, cc, p.cell.text));
                }
            }
            // A few altered labels in an otherwise official table (typos seen
            // in real reports) are a warning (FORMAT.md S3); more is another layout.
            if misses.len() <= MAX_LABEL_DIFFS && matched * 10 >= labels.len() * 9 {
                let mut table_found = read_values(grid, cells, (r0, c0))?;
                table_found.label_diffs = misses
                    .iter()
                    .map(|&(rr, cc, want)| LabelDiff {
                        location: (grid.locate)(rr, cc),
                        expected: want,
                        actual: grid.text(rr, cc).trim().to_string(),
                    })
                    .collect();
                found.push(table_found);
                continue;
            }
            let (rr, cc, want) = misses[0];
            // A table that is mostly there but differs is an error, not "absent".
            if matched * 3 > labels.len() && best_miss.as_ref().is_none_or(|(m, _)| matched > *m) {
                let got = grid.text(rr, cc).trim();
                let got = if got.is_empty() { "空白".to_string() } else { format!("“{got}”") };
                best_miss = Some((
                    matched,
                    ImportError::at(
                        (grid.locate)(rr, cc),
                        format!(
                            "{}的这一格应为“{want}”，实际为{got}。请按官方格式（国办公开办函〔2021〕30号）排列表格，不要增删行列",
                            table.short_name()
                        ),
                    ),
                ));
            }
        }
    }
    match found.len() {
        0 => match find_table_by_rows(grid, table) {
            Some(by_rows) => Ok(Some(by_rows)),
            None => match best_miss {
                Some((_, e)) => Err(e),
                None => Ok(None),
            },
        },
        1 => Ok(found.pop()),
        _ => Err(ImportError::at(
            (grid.locate)(found[1].origin.0, found[1].origin.1),
            format!("{}出现了不止一次，无法确定该读哪一个；请只保留一个", table.short_name()),
        )),
    }
}

/// A label of an official row: normalised (`None` when unchecked) and as written.
type RowLabel = (Option<String>, &'static str);

/// An official row: the labels starting there (normalised; `None` for the
/// unchecked corner) and its value cells.
type OfficialRow = (Vec<RowLabel>, Vec<CellId>);

/// Per table, its official rows. Built once.
static OFFICIAL_ROWS: std::sync::LazyLock<Vec<Vec<OfficialRow>>> = std::sync::LazyLock::new(|| {
    TableId::ALL
        .iter()
        .map(|&table| {
            layout::grid(table)
                .rows
                .iter()
                .map(|row| {
                    let labels = row
                        .iter()
                        .filter(|c| !matches!(c.role, Role::Value(_)))
                        .map(|c| (checked(c).then(|| normalize_label(c.text)), c.text))
                        .collect();
                    let values = row
                        .iter()
                        .filter_map(|c| match c.role {
                            Role::Value(id) => Some(id),
                            _ => None,
                        })
                        .collect();
                    (labels, values)
                })
                .collect()
        })
        .collect()
});

/// The fallback for Word tables whose grid columns do not line up (tables
/// converted from web pages, an extra empty cell in a header row): row by
/// row, ignoring columns. Each header row must show its labels in order
/// (blank cells skipped); each data row must hold exactly its labels and
/// then its values. A few altered labels are accepted, as above.
fn find_table_by_rows(grid: &SlotGrid, table: TableId) -> Option<FoundTable> {
    let g = layout::grid(table);
    let official = &OFFICIAL_ROWS[table as usize];
    let first: Vec<&str> = official[0].0.iter().filter_map(|(n, _)| n.as_deref()).collect();
    // 表三 may come without the three sub-rows of （六） (see `read_data_row`).
    let shortest = if table == TableId::Requests { g.rows.len() - 2 } else { g.rows.len() };
    let mut result = None;
    for u0 in 0..grid.rows.len() {
        if u0 + shortest > grid.rows.len() || !in_order(&first, &entries(grid, u0)) {
            continue;
        }
        if let Some(found) = rows_from(grid, table, u0) {
            if result.is_some() {
                return None; // twice: ambiguous, leave it to the positional error
            }
            result = Some(found);
        }
    }
    result
}

/// The non-covered slots of a grid row: (column, normalised text).
fn entries<'g>(grid: &'g SlotGrid, r: usize) -> Vec<(usize, &'g str)> {
    grid.rows[r].iter().enumerate().filter(|(_, s)| !s.covered).map(|(c, _)| (c, grid.norm[r][c].as_ref())).collect()
}

/// Whether the labels `want` stand in this order among the non-empty entries.
fn in_order(want: &[&str], have: &[(usize, &str)]) -> bool {
    let mut it = have.iter().filter(|(_, t)| !t.is_empty());
    want.iter().all(|w| it.any(|(_, t)| t == w))
}

/// The table read row by row from grid row `u0`: each block of official
/// header rows, then each data row in turn. `None` as soon as one does not fit.
fn rows_from(grid: &SlotGrid, table: TableId, u0: usize) -> Option<FoundTable> {
    let official = &OFFICIAL_ROWS[table as usize];
    let mut found = FoundTable { origin: (u0, 0), values: Vec::new(), label_diffs: Vec::new(), collapsed_other: false };
    let (mut u, mut r) = (u0, 0);
    while r < official.len() {
        if u >= grid.rows.len() {
            return None;
        }
        if official[r].1.is_empty() {
            let k = official[r..].iter().take_while(|(_, ids)| ids.is_empty()).count();
            if !header_rows_fit(grid, table, &official[r..r + k], u) {
                return None;
            }
            r += k;
            u += k;
        } else {
            r += read_data_row(grid, official, r, u, &mut found)?;
            u += 1;
        }
    }
    Some(found)
}

/// A block of header rows from grid row `u`: every official label is there,
/// on whichever of its lines (a text or a PDF may put 总计 on the first line
/// of the header, not the second); left over at most the corner note.
fn header_rows_fit(grid: &SlotGrid, table: TableId, block: &[OfficialRow], u: usize) -> bool {
    let k = block.len();
    if u + k > grid.rows.len() {
        return false;
    }
    let mut have: Vec<&str> =
        (u..u + k).flat_map(|r| entries(grid, r)).map(|(_, t)| t).filter(|t| !t.is_empty()).collect();
    let mut missing = 0;
    for (want, _) in block.iter().flat_map(|(labels, _)| labels.iter()) {
        let Some(want) = want else { continue };
        match have.iter().position(|t| t == want) {
            Some(i) => {
                have.remove(i);
            }
            None => missing += 1,
        }
    }
    missing == 0 && have.len() <= usize::from(table == TableId::Requests)
}

/// Grid row `u` as the official data row `r`: its labels compared (an
/// altered one noted), its values taken into `found`. How many official
/// rows it stood for (3 for a collapsed （六）), `None` when it does not fit
/// or too many labels are altered.
fn read_data_row(
    grid: &SlotGrid,
    official: &[OfficialRow],
    r: usize,
    u: usize,
    found: &mut FoundTable,
) -> Option<usize> {
    let (labels, ids) = &official[r];
    let mut row = entries(grid, u);
    while row.last().is_some_and(|(_, t)| t.is_empty()) {
        row.pop();
    }
    if !labels.is_empty() {
        let lead = row.iter().take_while(|(_, t)| t.is_empty()).count();
        row.drain(..lead);
    }
    // A group label repeated where its merged cell was cut short
    // (a rowspan smaller than the group): dropped.
    while row.len() > labels.len() + ids.len()
        && row.first().is_some_and(|(_, t)| {
            !t.is_empty()
                && labels.first().and_then(|(n, _)| n.as_deref()) != Some(*t)
                && official[..r].iter().any(|(ls, _)| ls.iter().any(|(n, _)| n.as_deref() == Some(*t)))
        })
    {
        row.remove(0);
    }
    // The 2019 layout (and reports copied from it) has （六）其他处理 as one
    // row without its three sub-rows: read as such and said so.
    static OTHER: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| normalize_label(layout::REQUEST_ROWS[layout::request_row::LAST_RESULT].path[1]));
    let other = OTHER.as_str();
    let (mut labels, mut ids, mut step) = (labels.as_slice(), ids.as_slice(), 1);
    if labels.len() == 2
        && labels[0].0.as_deref() == Some(other)
        && row.first().is_some_and(|(_, t)| *t == other)
        && row.get(1).is_some_and(|(_, t)| !matches!(crate::model::Value::parse(t), crate::model::Value::Text(_)))
        && r + 2 < official.len()
    {
        // One row for （六）: its figures are those of the group; they
        // are kept in its last sub-row (3.其他), and the importer says so.
        found.collapsed_other = true;
        labels = &labels[..1];
        ids = official[r + 2].1.as_slice();
        for skipped in &official[r..r + 2] {
            for id in &skipped.1 {
                found.values.push((*id, String::new(), (u, 0)));
            }
        }
        step = 3;
    }
    // Empty slots between the labels and the values (a label merged
    // over more columns than the official one): dropped.
    while row.len() > labels.len() + ids.len() && row.get(labels.len()).is_some_and(|(_, t)| t.is_empty()) {
        row.remove(labels.len());
    }
    if row.len() > labels.len() + ids.len() || row.len() < labels.len() {
        return None;
    }
    for ((want, text), (c, got)) in labels.iter().zip(&row) {
        if want.as_deref().is_some_and(|want| want != *got) {
            found.label_diffs.push(LabelDiff {
                location: (grid.locate)(u, *c),
                expected: text,
                actual: grid.rows[u][*c].text.trim().to_string(),
            });
        }
    }
    for (i, id) in ids.iter().enumerate() {
        let (text, at) = match row.get(labels.len() + i) {
            Some(&(c, _)) => (grid.rows[u][c].text.clone(), (u, c)),
            None => (String::new(), (u, 0)),
        };
        found.values.push((*id, text, at));
    }
    (found.label_diffs.len() <= MAX_LABEL_DIFFS).then_some(step)
}

fn read_values(grid: &SlotGrid, cells: &[PlacedCell], (r0, c0): (usize, usize)) -> Result<FoundTable, ImportError> {
    let mut values = Vec::new();
    for p in cells {
        let Role::Value(id) = p.cell.role else { continue };
        // The value is in the top-left slot; a sheet without merges may
        // hold it in another slot of the span.
        let mut hits = Vec::new();
        for dc in 0..p.cell.colspan {
            let (rr, cc) = (r0 + p.row, c0 + p.col + dc);
            match grid.at(rr, cc) {
                Some(slot) if !slot.covered && !slot.text.trim().is_empty() => hits.push((slot.text.clone(), (rr, cc))),
                _ => {}
            }
        }
        let (text, at) = match hits.len() {
            0 => (String::new(), (r0 + p.row, c0 + p.col)),
            1 => hits.pop().expect("one"),
            _ => {
                let (_, (rr, cc)) = &hits[1];
                return Err(ImportError::at(
                    (grid.locate)(*rr, *cc),
                    format!("{} 的一个数值占了多格：请只在一格中填写", id.label()),
                ));
            }
        };
        values.push((id, text, at));
    }
    Ok(FoundTable { origin: (r0, c0), values, label_diffs: Vec::new(), collapsed_other: false })
}

/// When a table cannot be read, whether the source uses the outdated 2019
/// 试行 template (FORMAT.md §10): that is the better error to give.
pub fn outdated_template_error<'a>(texts: impl Iterator<Item = &'a str>) -> Option<ImportError> {
    let mut found: Vec<&'static str> = Vec::new();
    for text in texts {
        for f in crate::rules::format_2019::fingerprints_in(text) {
            if !found.contains(&f) {
                found.push(f);
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let listed = found.iter().map(|f| format!("“{f}”")).collect::<Vec<_>>().join("、");
    Some(ImportError::new(format!(
        "表格套用了已废止的 2019 年试行格式（出现 {listed}），无法按 2021 年格式读取。2021 年度起应使用国办公开办函〔2021〕30号的格式，请换用新模板（nianbao 可下载 Excel 填报模板和 Word 模板）重新填报"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{active, official_slots, request_cell, review_cell};

    #[test]
    fn an_altered_column_header_points_into_its_table() {
        // S3 on 表三's header 法人或其他组织: grouped under 表三, its five columns shown.
        let cells = row_cells(TableId::Requests, crate::layout::REQUESTS_ORGANISATIONS);
        assert_eq!(cells.len(), 5, "{cells:?}");
        assert!(cells.iter().all(|id| id.table() == TableId::Requests));
        assert_eq!(cells[0], request_cell(0, 1));
    }

    fn locate(r: usize, c: usize) -> String {
        format!("R{}C{}", r + 1, c + 1)
    }

    fn shifted(rows: Vec<Vec<Slot>>, dr: usize, dc: usize) -> Vec<Vec<Slot>> {
        let mut out = vec![vec![Slot::default(); 3]; dr];
        for row in rows {
            let mut r = vec![Slot::default(); dc];
            r.extend(row);
            out.push(r);
        }
        out
    }

    #[test]
    fn finds_every_table_anywhere_and_reads_values() {
        for table in TableId::ALL {
            let rows = shifted(official_slots(table, &|id| id.index().to_string()), 4, 2);
            let grid = SlotGrid::new(&rows, locate);
            let found = find_table(&grid, table).unwrap().expect("found");
            assert_eq!(found.origin, (4, 2));
            assert_eq!(found.values.len(), table.cells().count());
            for (id, text, _) in &found.values {
                assert_eq!(text, &id.index().to_string());
            }
            // The other tables are not there.
            for other in TableId::ALL.into_iter().filter(|t| *t != table) {
                assert!(find_table(&grid, other).unwrap().is_none());
            }
        }
    }

    #[test]
    fn accepts_sheets_without_merges_and_half_width_labels() {
        // Uncover every slot (no merges), value of 行政许可 typed in the second column of its span.
        let mut rows =
            official_slots(TableId::Active, &|id| if id == active::LICENSING { String::new() } else { "1".into() });
        for row in &mut rows {
            for slot in row.iter_mut() {
                slot.covered = false;
                slot.text = slot.text.replace('（', "(").replace('）', ")");
            }
        }
        rows[6][2].text = "7".into();
        let grid = SlotGrid::new(&rows, locate);
        let found = find_table(&grid, TableId::Active).unwrap().unwrap();
        let licensing = found.values.iter().find(|(id, _, _)| *id == active::LICENSING).unwrap();
        assert_eq!(licensing.1, "7");
    }

    #[test]
    fn an_altered_label_is_a_warning_and_a_shifted_layout_an_error() {
        let mut rows = official_slots(TableId::Requests, &|_| "0".into());
        rows[3 + 4][2].text = "1.属于国家机密".into();
        let grid = SlotGrid::new(&rows, locate);
        let found = find_table(&grid, TableId::Requests).unwrap().unwrap();
        assert_eq!(
            found.label_diffs,
            vec![LabelDiff {
                location: "R8C3".into(), expected: "1.属于国家秘密", actual: "1.属于国家机密".into()
            }]
        );
        assert_eq!(found.label_diffs[0].finding(TableId::Requests).rule, "S3");
        // An extra row in the middle shifts every label below it: not the official layout.
        let mut rows = official_slots(TableId::Requests, &|_| "0".into());
        let extra = rows[8].clone();
        rows.insert(8, extra);
        let grid = SlotGrid::new(&rows, locate);
        let e = find_table(&grid, TableId::Requests).unwrap_err();
        assert_eq!(e.location.as_deref(), Some("R10C3"), "{e}");
        assert!(e.message.contains("3.危及“三安全一稳定”"), "{e}");
        let _ = (request_cell(0, 0), review_cell(0, 0));
    }

    #[test]
    fn word_tables_with_misaligned_columns_are_read_row_by_row() {
        // As pingtan-2021 converted to Word: an extra empty cell in the third
        // header row of 表三 and every value row one column wider.
        let official = official_slots(TableId::Requests, &|id| id.index().to_string());
        let mut rows: Vec<Vec<Slot>> = Vec::new();
        for (r, row) in official.iter().enumerate() {
            let mut out = row.clone();
            if r == 2 {
                out.insert(3, Slot::text("\u{a0}"));
            } else if r >= 3 {
                // An extra covered slot after the first value (a gridSpan of 2).
                let first_value = out.iter().rposition(|s| !s.covered && s.text.parse::<u32>().is_err()).unwrap() + 2;
                out.insert(first_value.min(out.len()), Slot::covered());
            } else {
                out.push(Slot::covered());
            }
            rows.push(out);
        }
        let grid = SlotGrid::new(&rows, locate);
        let found = find_table(&grid, TableId::Requests).unwrap().expect("read row by row");
        assert!(found.label_diffs.is_empty());
        for (id, text, _) in &found.values {
            assert_eq!(text, &id.index().to_string());
        }
    }

    #[test]
    fn a_table_twice_is_ambiguous() {
        let mut rows = official_slots(TableId::ReviewLitigation, &|_| "0".into());
        rows.extend(official_slots(TableId::ReviewLitigation, &|_| "1".into()));
        let grid = SlotGrid::new(&rows, locate);
        assert!(find_table(&grid, TableId::ReviewLitigation).unwrap_err().message.contains("不止一次"));
    }
}
