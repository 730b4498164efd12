//! The three official tables as data (FORMAT.md §2–§4, DATA-MODEL.md).
//!
//! Everything that knows where a cell is — the JSON and CSV addresses, the
//! renderers' merged cells, the importers' label matching, the rules'
//! operands — derives it from the definitions in this module. A new revision
//! of the national format is a new set of definitions, not edits scattered
//! over the code.

use std::sync::LazyLock;

/// The three statistical tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableId {
    /// 二、主动公开政府信息情况
    Active,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    ReviewLitigation,
}

impl TableId {
    pub const ALL: [TableId; 3] = [TableId::Active, TableId::Requests, TableId::ReviewLitigation];

    /// The DATA-MODEL key of the table (`active`, `requests`, `review_litigation`).
    pub fn key(self) -> &'static str {
        match self {
            TableId::Active => "active",
            TableId::Requests => "requests",
            TableId::ReviewLitigation => "review_litigation",
        }
    }

    /// The canonical section heading the table stands under.
    pub fn heading(self) -> &'static str {
        match self {
            TableId::Active => "二、主动公开政府信息情况",
            TableId::Requests => "三、收到和处理政府信息公开申请情况",
            TableId::ReviewLitigation => "四、政府信息公开行政复议、行政诉讼情况",
        }
    }

    /// The short name users call it by (表二, 表三, 表四).
    pub fn short_name(self) -> &'static str {
        match self {
            TableId::Active => "表二",
            TableId::Requests => "表三",
            TableId::ReviewLitigation => "表四",
        }
    }

    fn range(self) -> std::ops::Range<u16> {
        match self {
            TableId::Active => 0..ACTIVE_COUNT as u16,
            TableId::Requests => REQUESTS_START..REVIEW_START,
            TableId::ReviewLitigation => REVIEW_START..CELL_COUNT as u16,
        }
    }

    /// The value cells of the table, in layout order.
    pub fn cells(self) -> impl Iterator<Item = CellId> {
        self.range().map(CellId)
    }
}

/// What a cell holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    /// A whole number of 件 (or cases, decisions) ≥ 0.
    Count,
    /// 本年收费金额（单位：万元）: an exact decimal ≥ 0.
    Money,
}

/// One value cell of the tables, identified by its position in layout order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId(u16);

impl CellId {
    pub fn index(self) -> usize {
        self.0 as usize
    }

    pub fn def(self) -> &'static CellDef {
        &CELLS[self.index()]
    }

    /// The DATA-MODEL address, e.g. `requests.new_received.total`.
    pub fn address(self) -> &'static str {
        &self.def().address
    }

    pub fn table(self) -> TableId {
        self.def().table
    }

    pub fn kind(self) -> CellKind {
        self.def().kind
    }

    /// A Chinese description for messages: `表三「一、本年新收政府信息公开申请数量」行「总计」列`.
    pub fn label(self) -> &'static str {
        &self.def().label
    }

    /// The cell with this DATA-MODEL address.
    pub fn from_address(address: &str) -> Option<CellId> {
        match AddressNode::walk(address)? {
            AddressStep::Cell(id) => Some(id),
            AddressStep::Group(_) => None,
        }
    }

    /// Whether `address` names a group of cells (a table, row or block),
    /// e.g. `requests.results.withheld`.
    #[cfg(test)]
    fn is_group_address(address: &str) -> bool {
        matches!(AddressNode::walk(address), Some(AddressStep::Group(node)) if node != AddressNode::ROOT)
    }
}

impl std::fmt::Display for CellId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.address())
    }
}

/// The definition of one value cell.
#[derive(Debug)]
pub struct CellDef {
    pub address: String,
    pub table: TableId,
    pub kind: CellKind,
    /// Human description used in messages.
    pub label: String,
}

// ---------------------------------------------------------------------------
// 表二 主动公开政府信息情况

/// The 10 cells of 表二, in layout order.
pub mod active {
    use super::CellId;
    pub const RULES_ISSUED: CellId = CellId(0);
    pub const RULES_REPEALED: CellId = CellId(1);
    pub const RULES_IN_FORCE: CellId = CellId(2);
    pub const NORMATIVE_ISSUED: CellId = CellId(3);
    pub const NORMATIVE_REPEALED: CellId = CellId(4);
    pub const NORMATIVE_IN_FORCE: CellId = CellId(5);
    pub const LICENSING: CellId = CellId(6);
    pub const PENALTIES: CellId = CellId(7);
    pub const COERCIVE_MEASURES: CellId = CellId(8);
    pub const FEES: CellId = CellId(9);
}

const ACTIVE_COUNT: usize = 10;

/// One block of 表二: caption, header columns after 信息内容, and data rows.
pub struct ActiveBlock {
    /// `第二十条第（一）项` …
    pub caption: &'static str,
    /// The header labels after `信息内容`; one label spans all three value columns.
    pub columns: &'static [&'static str],
    /// Row label and its cells (one cell spans three columns when the block has one column).
    pub rows: &'static [(&'static str, &'static str, &'static [CellId])],
}

/// The four blocks of 表二 (FORMAT.md §2). Each row: (label, address key, cells).
pub const ACTIVE_BLOCKS: [ActiveBlock; 4] = [
    ActiveBlock {
        caption: "第二十条第（一）项",
        columns: &["本年制发件数", "本年废止件数", "现行有效件数"],
        rows: &[
            ("规章", "rules", &[active::RULES_ISSUED, active::RULES_REPEALED, active::RULES_IN_FORCE]),
            (
                "行政规范性文件",
                "normative_documents",
                &[active::NORMATIVE_ISSUED, active::NORMATIVE_REPEALED, active::NORMATIVE_IN_FORCE],
            ),
        ],
    },
    ActiveBlock {
        caption: "第二十条第（五）项",
        columns: &["本年处理决定数量"],
        rows: &[("行政许可", "licensing", &[active::LICENSING])],
    },
    ActiveBlock {
        caption: "第二十条第（六）项",
        columns: &["本年处理决定数量"],
        rows: &[
            ("行政处罚", "penalties", &[active::PENALTIES]),
            ("行政强制", "coercive_measures", &[active::COERCIVE_MEASURES]),
        ],
    },
    ActiveBlock {
        caption: "第二十条第（八）项",
        columns: &["本年收费金额（单位：万元）"],
        rows: &[("行政事业性收费", "fees", &[active::FEES])],
    },
];

/// The address keys of the three columns of block (一).
const ACTIVE_DOC_COLUMNS: [&str; 3] = ["issued", "repealed", "in_force"];

/// The header cell that starts every block's header row.
const ACTIVE_HEADER_FIRST: &str = "信息内容";

// ---------------------------------------------------------------------------
// 表三 收到和处理政府信息公开申请情况

/// One row of 表三: its address key below `requests.` and its label path
/// (level-1 label, then level-2 and level-3 labels where the row has them).
pub struct RequestRow {
    pub key: &'static str,
    pub path: &'static [&'static str],
}

const RESULTS: &str = "三、本年度办理结果";
const WITHHELD: &str = "（三）不予公开";
const UNAVAILABLE: &str = "（四）无法提供";
const NOT_PROCESSED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";

/// The 25 rows of 表三 in the official order (FORMAT.md §3.2).
pub const REQUEST_ROWS: [RequestRow; 25] = [
    RequestRow { key: "new_received", path: &["一、本年新收政府信息公开申请数量"] },
    RequestRow { key: "carried_over", path: &["二、上年结转政府信息公开申请数量"] },
    RequestRow { key: "results.granted", path: &[RESULTS, "（一）予以公开"] },
    RequestRow {
        key: "results.partly_granted",
        path: &[RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"],
    },
    RequestRow { key: "results.withheld.state_secret", path: &[RESULTS, WITHHELD, "1.属于国家秘密"] },
    RequestRow {
        key: "results.withheld.prohibited_by_law", path: &[RESULTS, WITHHELD, "2.其他法律行政法规禁止公开"]
    },
    RequestRow {
        key: "results.withheld.security_stability", path: &[RESULTS, WITHHELD, "3.危及“三安全一稳定”"]
    },
    RequestRow {
        key: "results.withheld.third_party_rights", path: &[RESULTS, WITHHELD, "4.保护第三方合法权益"]
    },
    RequestRow {
        key: "results.withheld.internal_affairs", path: &[RESULTS, WITHHELD, "5.属于三类内部事务信息"]
    },
    RequestRow {
        key: "results.withheld.process_information", path: &[RESULTS, WITHHELD, "6.属于四类过程性信息"]
    },
    RequestRow { key: "results.withheld.enforcement_files", path: &[RESULTS, WITHHELD, "7.属于行政执法案卷"] },
    RequestRow { key: "results.withheld.query_matter", path: &[RESULTS, WITHHELD, "8.属于行政查询事项"] },
    RequestRow {
        key: "results.unavailable.not_held", path: &[RESULTS, UNAVAILABLE, "1.本机关不掌握相关政府信息"]
    },
    RequestRow {
        key: "results.unavailable.needs_creation",
        path: &[RESULTS, UNAVAILABLE, "2.没有现成信息需要另行制作"],
    },
    RequestRow {
        key: "results.unavailable.still_unclear", path: &[RESULTS, UNAVAILABLE, "3.补正后申请内容仍不明确"]
    },
    RequestRow {
        key: "results.not_processed.petition", path: &[RESULTS, NOT_PROCESSED, "1.信访举报投诉类申请"]
    },
    RequestRow { key: "results.not_processed.duplicate", path: &[RESULTS, NOT_PROCESSED, "2.重复申请"] },
    RequestRow {
        key: "results.not_processed.publication", path: &[RESULTS, NOT_PROCESSED, "3.要求提供公开出版物"]
    },
    RequestRow {
        key: "results.not_processed.excessive", path: &[RESULTS, NOT_PROCESSED, "4.无正当理由大量反复申请"]
    },
    RequestRow {
        key: "results.not_processed.confirmation",
        path: &[RESULTS, NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"],
    },
    RequestRow {
        key: "results.other.overdue_correction",
        path: &[RESULTS, OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"],
    },
    RequestRow {
        key: "results.other.overdue_fee",
        path: &[RESULTS, OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"],
    },
    RequestRow { key: "results.other.misc", path: &[RESULTS, OTHER, "3.其他"] },
    RequestRow { key: "results.total", path: &[RESULTS, "（七）总计"] },
    RequestRow { key: "carried_forward", path: &["四、结转下年度继续办理"] },
];

/// Row indexes into [`REQUEST_ROWS`] that the rules name.
pub mod request_row {
    pub const NEW_RECEIVED: usize = 0;
    pub const CARRIED_OVER: usize = 1;
    /// First result row, （一）予以公开.
    pub const FIRST_RESULT: usize = 2;
    /// 2.申请人逾期未按收费通知要求缴纳费用…
    pub const OVERDUE_FEE: usize = 21;
    /// Last result row before the total, （六）3.其他.
    pub const LAST_RESULT: usize = 22;
    pub const RESULTS_TOTAL: usize = 23;
    pub const CARRIED_FORWARD: usize = 24;
}

/// The seven 申请人情况 columns: (address key, label).
pub const REQUEST_COLUMNS: [(&str, &str); 7] = [
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
];

/// Index of the 总计 column in [`REQUEST_COLUMNS`].
pub const REQUEST_TOTAL_COLUMN: usize = 6;

/// The corner cell of 表三, stating its identity.
pub const REQUESTS_CORNER: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
const REQUESTS_APPLICANTS: &str = "申请人情况";
pub const REQUESTS_ORGANISATIONS: &str = "法人或其他组织";

const REQUESTS_START: u16 = ACTIVE_COUNT as u16;
const REVIEW_START: u16 = REQUESTS_START + 25 * 7;

/// The 表三 cell at `row` (index into [`REQUEST_ROWS`]) and `column` (into [`REQUEST_COLUMNS`]).
pub fn request_cell(row: usize, column: usize) -> CellId {
    assert!(row < 25 && column < 7, "表三 has 25 rows and 7 columns");
    CellId(REQUESTS_START + (row * 7 + column) as u16)
}

/// For a 表三 cell, its (row, column) indexes.
pub fn request_position(id: CellId) -> Option<(usize, usize)> {
    let i = id.0.checked_sub(REQUESTS_START)?;
    (i < 175).then_some(((i / 7) as usize, (i % 7) as usize))
}

// ---------------------------------------------------------------------------
// 表四 政府信息公开行政复议、行政诉讼情况

/// The three groups of 表四: (address key, label path).
pub const REVIEW_GROUPS: [(&str, &[&str]); 3] = [
    ("review", &["行政复议"]),
    ("litigation_direct", &["行政诉讼", "未经复议直接起诉"]),
    ("litigation_after_review", &["行政诉讼", "复议后起诉"]),
];

/// The five columns of each group: (address key, label).
pub const REVIEW_COLUMNS: [(&str, &str); 5] = [
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
];

/// Index of 总计 in [`REVIEW_COLUMNS`].
pub const REVIEW_TOTAL_COLUMN: usize = 4;

/// The 表四 cell of `group` (index into [`REVIEW_GROUPS`]) and `column`.
pub fn review_cell(group: usize, column: usize) -> CellId {
    assert!(group < 3 && column < 5, "表四 has 3 groups of 5 columns");
    CellId(REVIEW_START + (group * 5 + column) as u16)
}

// ---------------------------------------------------------------------------
// All cells

/// 10 + 175 + 15 value cells.
pub const CELL_COUNT: usize = ACTIVE_COUNT + 25 * 7 + 15;

/// Every value cell, in layout order (表二, 表三 row by row, 表四).
pub fn all_cells() -> impl Iterator<Item = CellId> {
    (0..CELL_COUNT as u16).map(CellId)
}

static CELLS: LazyLock<Vec<CellDef>> = LazyLock::new(build_cells);

/// The addresses as a tree of key segments (`requests` → `results` →
/// `withheld` → `state_secret` …), so that a reader of nested objects (the
/// JSON import) finds each key among a handful of siblings instead of
/// hashing whole paths, and a full address is found by walking it.
static ADDRESS_TREE: LazyLock<Vec<Vec<(String, AddressStep)>>> = LazyLock::new(|| {
    let mut nodes: Vec<Vec<(String, AddressStep)>> = vec![Vec::new()];
    for (index, def) in CELLS.iter().enumerate() {
        let mut node = 0;
        let mut segments = def.address.split('.').peekable();
        while let Some(segment) = segments.next() {
            if segments.peek().is_none() {
                nodes[node].push((segment.to_string(), AddressStep::Cell(CellId(index as u16))));
                break;
            }
            let existing = nodes[node].iter().find_map(|(key, step)| match step {
                AddressStep::Group(group) if key == segment => Some(group.0 as usize),
                _ => None,
            });
            node = existing.unwrap_or_else(|| {
                let group = nodes.len();
                nodes.push(Vec::new());
                nodes[node].push((segment.to_string(), AddressStep::Group(AddressNode(group as u16))));
                group
            });
        }
    }
    nodes
});

/// `a == b` for short keys, inline: a call into libc's `memcmp` per key
/// cost more than the comparison itself (a few percent of the JSON
/// import). Eight bytes at a time, the last eight (or four) read where
/// they end, overlapping what was compared: no byte-by-byte tail.
pub(crate) fn same_key(a: &[u8], b: &[u8]) -> bool {
    fn word8(bytes: &[u8]) -> u64 {
        u64::from_le_bytes(bytes.try_into().unwrap_or_default())
    }
    fn word4(bytes: &[u8]) -> u32 {
        u32::from_le_bytes(bytes.try_into().unwrap_or_default())
    }
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0..=3 => a.iter().zip(b).all(|(x, y)| x == y),
        4..=7 => word4(&a[..4]) == word4(&b[..4]) && word4(&a[n - 4..]) == word4(&b[n - 4..]),
        _ => {
            let whole = (n - 1) / 8 * 8; // every eight but the last (which may be short)
            (0..whole).step_by(8).all(|i| word8(&a[i..i + 8]) == word8(&b[i..i + 8]))
                && word8(&a[n - 8..]) == word8(&b[n - 8..])
        }
    }
}

/// A group of cells in the address tree: the root, a table, a row or a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AddressNode(u16);

/// What a key under an [`AddressNode`] leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddressStep {
    Cell(CellId),
    Group(AddressNode),
}

impl AddressNode {
    /// Above the tables: its keys are `active`, `requests` and `review_litigation`.
    pub const ROOT: AddressNode = AddressNode(0);

    /// A number from 0 to [`AddressNode::count`], one per group.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// How many groups the address tree has.
    pub fn count() -> usize {
        ADDRESS_TREE.len()
    }

    /// The cell or group under this node's key `key`.
    pub fn child(self, key: &str) -> Option<AddressStep> {
        self.child_after(key, &mut 0)
    }

    /// The child at `index` in the layout's order, with its key: the key
    /// that a reader of an export expects next.
    pub fn child_at(self, index: usize) -> Option<(&'static str, AddressStep)> {
        let children: &'static [(String, AddressStep)] = &ADDRESS_TREE[self.0 as usize];
        children.get(index).map(|(key, step)| (key.as_str(), *step))
    }

    /// [`AddressNode::child`] for keys read in order: the search starts
    /// at `next`, the position after the previous key found, which is where
    /// the key is when the source follows the layout (as exports do).
    pub fn child_after(self, key: &str, next: &mut usize) -> Option<AddressStep> {
        let children = &ADDRESS_TREE[self.0 as usize];
        let start = (*next).min(children.len());
        let find =
            |mut range: std::ops::Range<usize>| range.find(|&i| same_key(children[i].0.as_bytes(), key.as_bytes()));
        let index = find(start..children.len()).or_else(|| find(0..start))?;
        *next = index + 1;
        Some(children[index].1)
    }

    /// The step that a whole dotted address leads to from the root.
    fn walk(address: &str) -> Option<AddressStep> {
        let mut step = AddressStep::Group(AddressNode::ROOT);
        for segment in address.split('.') {
            let AddressStep::Group(node) = step else { return None };
            step = node.child(segment)?;
        }
        Some(step)
    }
}

fn build_cells() -> Vec<CellDef> {
    let mut cells = Vec::with_capacity(CELL_COUNT);
    for block in &ACTIVE_BLOCKS {
        for (label, key, ids) in block.rows {
            for (i, id) in ids.iter().enumerate() {
                debug_assert_eq!(id.index(), cells.len());
                let (address, column) = if ids.len() == 3 {
                    (format!("active.{key}.{}", ACTIVE_DOC_COLUMNS[i]), block.columns[i])
                } else {
                    (format!("active.{key}"), block.columns[0])
                };
                cells.push(CellDef {
                    address,
                    table: TableId::Active,
                    kind: if *key == "fees" { CellKind::Money } else { CellKind::Count },
                    label: format!("表二「{label}」行「{column}」列"),
                });
            }
        }
    }
    for row in &REQUEST_ROWS {
        let row_label = match row.path {
            [only] => only.to_string(),
            [_, rest @ ..] => rest.join(" "),
            [] => unreachable!(),
        };
        for (key, label) in REQUEST_COLUMNS {
            cells.push(CellDef {
                address: format!("requests.{}.{key}", row.key),
                table: TableId::Requests,
                kind: CellKind::Count,
                label: format!("表三「{row_label}」行「{label}」列"),
            });
        }
    }
    for (group, path) in REVIEW_GROUPS {
        for (key, label) in REVIEW_COLUMNS {
            cells.push(CellDef {
                address: format!("review_litigation.{group}.{key}"),
                table: TableId::ReviewLitigation,
                kind: CellKind::Count,
                label: format!("表四「{}」的「{label}」", path.join("·")),
            });
        }
    }
    debug_assert_eq!(cells.len(), CELL_COUNT);
    cells
}

// ---------------------------------------------------------------------------
// Grids: the merged-cell layout that renderers draw and importers match.

mod geometry;
pub use geometry::{official_slots, placed, PlacedCell, Slot};

/// What a grid cell is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A caption spanning the table (表二's `第二十条第（一）项`).
    Caption,
    /// A column header (or 表三's corner cell).
    Header,
    /// A row label.
    RowLabel,
    /// A value cell.
    Value(CellId),
}

/// One cell of a table grid, placed like an HTML `<td>`: it starts in the
/// row it is listed in and covers `rowspan` × `colspan` positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GridCell {
    pub text: &'static str,
    pub role: Role,
    pub rowspan: usize,
    pub colspan: usize,
}

impl GridCell {
    fn new(text: &'static str, role: Role, rowspan: usize, colspan: usize) -> GridCell {
        GridCell { text, role, rowspan, colspan }
    }
}

/// A table's official layout: rows of cells with their spans.
#[derive(Clone, Debug)]
pub struct Grid {
    pub table: TableId,
    pub columns: usize,
    pub rows: Vec<Vec<GridCell>>,
}

static GRIDS: LazyLock<[Grid; 3]> = LazyLock::new(|| [active_grid(), requests_grid(), review_grid()]);

/// The official grid of a table.
pub fn grid(table: TableId) -> &'static Grid {
    &GRIDS[table as usize]
}

static LABELS: LazyLock<std::collections::HashSet<String>> = LazyLock::new(|| {
    TableId::ALL
        .into_iter()
        .flat_map(|t| grid(t).rows.iter().flatten())
        .filter(|c| !matches!(c.role, Role::Value(_)) && !c.text.is_empty())
        .map(|c| normalize_label(c.text))
        .collect()
});

/// Every label of the official tables (captions, headers, row labels),
/// normalised ([`normalize_label`]).
pub fn official_labels() -> &'static std::collections::HashSet<String> {
    &LABELS
}

fn active_grid() -> Grid {
    use Role::*;
    let mut rows = Vec::new();
    for block in &ACTIVE_BLOCKS {
        rows.push(vec![GridCell::new(block.caption, Caption, 1, 4)]);
        let span = 4 - block.columns.len();
        let mut header = vec![GridCell::new(ACTIVE_HEADER_FIRST, Header, 1, 1)];
        header.extend(block.columns.iter().map(|c| GridCell::new(c, Header, 1, span)));
        rows.push(header);
        for (label, _, ids) in block.rows {
            let mut row = vec![GridCell::new(label, RowLabel, 1, 1)];
            row.extend(ids.iter().map(|&id| GridCell::new("", Value(id), 1, span)));
            rows.push(row);
        }
    }
    Grid { table: TableId::Active, columns: 4, rows }
}

fn requests_grid() -> Grid {
    use Role::*;
    let mut rows = vec![
        vec![GridCell::new(REQUESTS_CORNER, Header, 3, 3), GridCell::new(REQUESTS_APPLICANTS, Header, 1, 7)],
        vec![
            GridCell::new(REQUEST_COLUMNS[0].1, Header, 2, 1),
            GridCell::new(REQUESTS_ORGANISATIONS, Header, 1, 5),
            GridCell::new(REQUEST_COLUMNS[6].1, Header, 2, 1),
        ],
        REQUEST_COLUMNS[1..6].iter().map(|(_, label)| GridCell::new(label, Header, 1, 1)).collect(),
    ];
    for (r, row) in REQUEST_ROWS.iter().enumerate() {
        let mut cells = Vec::new();
        for (level, label) in row.path.iter().enumerate() {
            // A label starts a cell only where the row above does not share it.
            let shared_above = r > 0 && REQUEST_ROWS[r - 1].path.get(..=level) == Some(&row.path[..=level]);
            if shared_above {
                continue;
            }
            let rowspan = REQUEST_ROWS[r..]
                .iter()
                .take_while(|other| other.path.get(..=level) == Some(&row.path[..=level]))
                .count();
            let colspan = if level + 1 == row.path.len() { 3 - level } else { 1 };
            cells.push(GridCell::new(label, RowLabel, rowspan, colspan));
        }
        cells.extend((0..7).map(|c| GridCell::new("", Value(request_cell(r, c)), 1, 1)));
        rows.push(cells);
    }
    Grid { table: TableId::Requests, columns: 10, rows }
}

fn review_grid() -> Grid {
    use Role::*;
    let labels = || REVIEW_COLUMNS.iter().map(|(_, l)| GridCell::new(l, Header, 1, 1));
    let mut second: Vec<GridCell> = REVIEW_COLUMNS.iter().map(|(_, l)| GridCell::new(l, Header, 2, 1)).collect();
    second.push(GridCell::new(REVIEW_GROUPS[1].1[1], Header, 1, 5));
    second.push(GridCell::new(REVIEW_GROUPS[2].1[1], Header, 1, 5));
    Grid {
        table: TableId::ReviewLitigation,
        columns: 15,
        rows: vec![
            vec![GridCell::new("行政复议", Header, 1, 5), GridCell::new("行政诉讼", Header, 1, 10)],
            second,
            labels().chain(labels()).collect(),
            (0..15).map(|i| GridCell::new("", Value(review_cell(i / 5, i % 5)), 1, 1)).collect(),
        ],
    }
}

// ---------------------------------------------------------------------------
// Label normalisation (FORMAT.md §8 S3)

/// Normalises a label for matching: look-alike code points folded
/// ([`crate::fold`]: Kangxi radicals, compatibility ideographs,
/// zero-width characters; full-width letters and digits as ASCII),
/// half-width punctuation to full-width (parentheses, colon, quotes), spaces
/// of every kind removed, `.`/`、`/`．` after a sub-item number unified to
/// `.`. Two labels that normalise equal are the same label as far as the
/// format is concerned.
pub fn normalize_label(s: &str) -> String {
    normalized_label(s).into_owned()
}

/// [`normalize_label`] without a copy when there is nothing to change, as
/// for the figures that fill most slots of a table.
pub fn normalized_label(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let chars = s.chars().filter(|c| !crate::fold::is_any_space(*c));
    for (i, c) in chars.filter_map(crate::fold::fold_label_char).enumerate() {
        // "1、属于国家秘密" is the same sub-item label as "1.属于…".
        if i == 1 && c == '、' && out.len() == 1 && out.as_bytes()[0].is_ascii_digit() {
            out.push('.');
            continue;
        }
        out.push(label_punctuation(c));
    }
    std::borrow::Cow::Owned(out)
}

/// Punctuation as labels are compared: parentheses, colon, comma and
/// semicolon full-width, quotes plain, a full stop or full-width point `.`.
pub fn label_punctuation(c: char) -> char {
    match c {
        '(' => '（',
        ')' => '）',
        ':' => '：',
        ',' => '，',
        ';' => '；',
        '"' | '＂' | '”' | '“' => '"',
        '．' | '。' => '.',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`same_key`] is `==`, for every length up to 40 and a difference at
    /// any byte.
    #[test]
    fn same_key_is_byte_equality() {
        for n in 0..40 {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_key(&a, &a.clone()), "{n}");
            for at in 0..n {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_key(&a, &b), "{n} {at}");
            }
            assert!(!same_key(&a, &a[..n.saturating_sub(1)]) || n == 0, "{n}");
        }
    }

    #[test]
    fn there_are_200_cells_with_unique_addresses() {
        assert_eq!(CELL_COUNT, 200);
        for id in all_cells() {
            assert_eq!(CellId::from_address(id.address()), Some(id), "{id}");
        }
        assert!(CellId::is_group_address("requests.results.withheld"));
        assert!(CellId::is_group_address("active"));
        assert!(!CellId::is_group_address(""));
        assert!(!CellId::is_group_address("requests.new_received.total"));
        assert_eq!(CellId::from_address("requests.results"), None);
        assert_eq!(CellId::from_address("requests.results.withheld.nope"), None);
        assert_eq!(active::FEES.address(), "active.fees");
        assert_eq!(active::NORMATIVE_IN_FORCE.address(), "active.normative_documents.in_force");
        assert_eq!(request_cell(0, 6).address(), "requests.new_received.total");
        assert_eq!(request_cell(11, 0).address(), "requests.results.withheld.query_matter.natural_person");
        assert_eq!(review_cell(0, 4).address(), "review_litigation.review.total");
        assert_eq!(review_cell(2, 0).address(), "review_litigation.litigation_after_review.upheld");
        assert_eq!(CellId::from_address("requests.carried_forward.other_org"), Some(request_cell(24, 5)));
        assert_eq!(request_position(request_cell(24, 5)), Some((24, 5)));
        assert_eq!(request_position(review_cell(0, 0)), None);
    }

    #[test]
    fn every_grid_covers_its_columns_and_every_cell_once() {
        let mut seen = vec![0; CELL_COUNT];
        for table in TableId::ALL {
            let grid = grid(table);
            // Occupancy check: every row is exactly `columns` wide once spans are counted.
            let mut carry = vec![0usize; grid.columns];
            for row in &grid.rows {
                let mut col = 0;
                let mut cells = row.iter();
                while col < grid.columns {
                    if carry[col] > 0 {
                        carry[col] -= 1;
                        col += 1;
                        continue;
                    }
                    let cell = cells.next().expect("row too narrow");
                    for slot in &mut carry[col..col + cell.colspan] {
                        *slot = cell.rowspan - 1;
                    }
                    if let Role::Value(id) = cell.role {
                        seen[id.index()] += 1;
                        assert_eq!(id.table(), table);
                    }
                    col += cell.colspan;
                }
                assert_eq!(col, grid.columns);
                assert!(cells.next().is_none(), "row too wide");
            }
        }
        assert!(seen.iter().all(|&n| n == 1));
    }

    #[test]
    fn requests_grid_has_the_official_spans() {
        let g = grid(TableId::Requests);
        let results = &g.rows[5][0];
        assert_eq!((results.text, results.rowspan), ("三、本年度办理结果", 22));
        let withheld = &g.rows[7][0];
        assert_eq!((withheld.text, withheld.rowspan, withheld.colspan), ("（三）不予公开", 8, 1));
        assert_eq!(g.rows[3][0].colspan, 3);
        assert_eq!(g.rows[26][0].text, "（七）总计");
        assert_eq!(g.rows[26][0].colspan, 2);
    }

    #[test]
    fn normalises_labels() {
        assert_eq!(normalize_label("第二十条 第(一)项"), "第二十条第（一）项");
        assert_eq!(normalize_label("商业 企业"), "商业企业");
        assert_eq!(normalize_label("1、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(normalize_label("3. 危及\"三安全一稳定\""), normalize_label("3.危及“三安全一稳定”"));
        // Look-alike code points, full-width digits and every kind of space.
        assert_eq!(normalize_label("（⼀）予以公开"), "（一）予以公开");
        assert_eq!(normalize_label("⾏政\u{200B}复议"), "行政复议");
        assert_eq!(normalize_label("１、属于国家秘密"), "1.属于国家秘密");
        assert_eq!(normalize_label("商业\u{3000}企业\u{A0}"), "商业企业");
        assert_eq!(normalize_label("第\u{2002}二十条"), "第二十条");
    }
}
