//! The workbook nianbao writes ([`crate::render::xlsx`]) and reads back
//! ([`crate::import::xlsx`]): its sheet names and the labels the reader
//! looks for.

use crate::layout::TableId;
use crate::model::{MetaField, SectionKey};

/// The sheets besides the tables'.
pub const META_SHEET: &str = "基本信息";
pub const PROSE_SHEET: &str = "正文";
pub const FINDINGS_SHEET: &str = "问题清单";
pub const META_ORGAN: &str = MetaField::Organ.label();
pub const META_KIND: &str = MetaField::OrganKind.label();
pub const META_YEAR: &str = MetaField::Year.label();
pub const META_TITLE: &str = MetaField::Title.label();
pub const META_PUBLISHED: &str = MetaField::PublishedOn.label();
/// The label of the preamble row in the 正文 sheet (the other sections use their headings).
const PREAMBLE_LABEL: &str = "开头段落";
/// The label of the closing row of the 正文 sheet: the organ and date of the
/// 基本信息 sheet, which the Word output sets at the foot.
pub const SIGNATURE_LABEL: &str = "落款";

/// Excel keeps at most 32,767 characters in a cell; longer prose goes on in
/// the next cells of the row.
pub const PROSE_CHUNK: usize = 30_000;

/// The sheet name of a table.
pub fn table_sheet_name(table: TableId) -> &'static str {
    match table {
        TableId::Active => "表二 主动公开",
        TableId::Requests => "表三 依申请公开",
        TableId::ReviewLitigation => "表四 复议诉讼",
    }
}

/// The label of a section row in the 正文 sheet.
pub fn section_label(key: SectionKey) -> &'static str {
    match key {
        SectionKey::Preamble => PREAMBLE_LABEL,
        other => other.label(),
    }
}
