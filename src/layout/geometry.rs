//! The official tables' geometry: where each cell of [`grid`] stands once
//! its row and column spans are laid out, and the physical grid of slots
//! (a spreadsheet's, a CSV's, a Word or web table's) that readers search
//! and writers fill. Shared by the importers and the renderers.

use super::{grid, CellId, GridCell, Role, TableId};

/// One slot of a grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slot {
    pub text: String,
    /// Inside a merged region, not its top-left slot.
    pub covered: bool,
    /// The source hides text here (Word's hidden text, a web page's
    /// `display:none` or zero font size) or a style sheet adds text a
    /// reader sees: the figure shown may differ from `text` (S8).
    pub hidden: bool,
}

impl Slot {
    pub fn text(text: impl Into<String>) -> Slot {
        Slot { text: text.into(), covered: false, hidden: false }
    }

    /// A slot inside a merged region.
    pub fn covered() -> Slot {
        Slot { text: String::new(), covered: true, hidden: false }
    }
}

/// One official cell placed at its top-left (row, column) within the table.
#[derive(Debug)]
pub struct PlacedCell {
    pub row: usize,
    pub col: usize,
    pub cell: &'static GridCell,
}

/// The official cells of a table with their positions (the occupancy walk
/// of an HTML table), computed once per table.
pub fn placed(table: TableId) -> &'static [PlacedCell] {
    static PLACED: std::sync::LazyLock<[Vec<PlacedCell>; 3]> =
        std::sync::LazyLock::new(|| TableId::ALL.map(place_cells));
    &PLACED[table as usize]
}

fn place_cells(table: TableId) -> Vec<PlacedCell> {
    let g = grid(table);
    let mut out = Vec::new();
    let mut carry = vec![0usize; g.columns];
    for (r, row) in g.rows.iter().enumerate() {
        let mut col = 0;
        let mut cells = row.iter();
        while col < g.columns {
            if carry[col] > 0 {
                carry[col] -= 1;
                col += 1;
                continue;
            }
            let Some(cell) = cells.next() else { break };
            for slot in &mut carry[col..(col + cell.colspan).min(g.columns)] {
                *slot = cell.rowspan - 1;
            }
            out.push(PlacedCell { row: r, col, cell });
            col += cell.colspan;
        }
    }
    out
}

/// The official table as a grid of slots (labels in place, values from
/// `value`), for tests and for writers that want the physical layout.
pub fn official_slots(table: TableId, value: &dyn Fn(CellId) -> String) -> Vec<Vec<Slot>> {
    let g = grid(table);
    let mut rows = vec![vec![Slot::covered(); g.columns]; g.rows.len()];
    for p in placed(table) {
        for row in &mut rows[p.row..p.row + p.cell.rowspan] {
            for slot in &mut row[p.col..p.col + p.cell.colspan] {
                *slot = Slot::covered();
            }
        }
        rows[p.row][p.col] = Slot::text(match p.cell.role {
            Role::Value(id) => value(id),
            _ => p.cell.text.to_string(),
        });
    }
    rows
}
