//! Excel workbooks (`.xlsx`): nianbao's fill-in template and report export,
//! and sheets people made themselves that are laid out like the official
//! tables. Each table is found by its labels ([`crate::import::grid`]) on
//! any sheet; the meta by its labels (`机关名称` …) with the value in the
//! next cell (or after a colon in the same cell); the prose from the 正文
//! sheet.

use super::{Format, Imported};
use crate::error::ImportError;
use crate::finding::Finding;
use crate::formats::xlsx::{
    section_label, FINDINGS_SHEET, META_KIND, META_ORGAN, META_PUBLISHED, META_SHEET, META_TITLE, META_YEAR,
    PROSE_SHEET,
};
use crate::import::grid::{find_table, SlotGrid};
use crate::layout::Slot;
use crate::layout::{normalize_label, TableId};
use crate::model::{OrganKind, Report, SectionKey};
use crate::office::xlsx::{cell_ref, read_workbook, ReadSheet};

/// Reads an XLSX workbook.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let sheets = read_workbook(bytes)?;
    let sheets: Vec<&ReadSheet> = sheets.iter().filter(|s| s.name != FINDINGS_SHEET).collect();
    let named: Vec<(String, &[Vec<Slot>])> = sheets.iter().map(|s| (s.name.clone(), s.rows.as_slice())).collect();
    let mut report = Report::new();
    let mut findings = Vec::new();
    let any = read_tables(&named, &mut report, &mut findings).map_err(|e| {
        let texts = sheets.iter().flat_map(|s| s.rows.iter().flatten().map(|slot| slot.text.as_str()));
        crate::import::grid::outdated_template_error(texts).unwrap_or(e)
    })?;
    let meta_found = read_meta(&named, &mut report)?;
    let prose = sheets.iter().find(|s| s.name == PROSE_SHEET);
    if let Some(prose) = prose {
        read_prose(&prose.rows, &mut report);
    }
    if !any && !meta_found {
        return Err(ImportError::new(
            "在工作簿中没有找到官方格式的表二、表三或表四：请使用 nianbao 的填报模板，或按官方表格的行列排列（标签文字与官方一致）",
        ));
    }
    let format = if prose.is_some() { Format::Xlsx } else { Format::XlsxTables };
    Ok(Imported { report, findings, format, tables: Vec::new(), unread: Vec::new() })
}

/// Finds the three tables on the sheets and fills the report, adding an S3
/// finding for each altered label; whether any table was found.
pub fn read_tables(
    sheets: &[(String, &[Vec<Slot>])],
    report: &mut Report,
    findings: &mut Vec<Finding>,
) -> Result<bool, ImportError> {
    let mut any = false;
    let grids: Vec<(&String, SlotGrid)> =
        sheets.iter().map(|(name, rows)| (name, SlotGrid::new(rows, move |r, c| sheet_location(name, r, c)))).collect();
    for table in TableId::ALL {
        let mut found_on: Option<String> = None;
        for (name, grid) in &grids {
            let Some(found) = find_table(grid, table)? else { continue };
            if let Some(first) = &found_on {
                return Err(ImportError::at(
                    sheet_location(name, found.origin.0, found.origin.1),
                    format!(
                        "{}在工作表“{first}”和“{name}”中都出现了，无法确定该读哪一个；请只保留一个",
                        table.short_name()
                    ),
                ));
            }
            found_on = Some(name.to_string());
            findings.extend(found.label_diffs.iter().map(|d| d.finding(table)));
            for (id, text, _) in found.values {
                report.set_parsed(id, &text);
            }
            any = true;
        }
    }
    Ok(any)
}

/// `工作表“表三”D7`, or `第 7 行第 4 列` for a sheet without a name (CSV).
fn sheet_location(name: &str, r: usize, c: usize) -> String {
    if name.is_empty() {
        format!("第 {} 行第 {} 列", r + 1, c + 1)
    } else {
        format!("工作表“{name}”{}", cell_ref(r as u32, c as u32))
    }
}

/// The value written after a meta label: the next non-covered slot to the
/// right, or the text after a colon in the label's own slot.
fn labelled(rows: &[Vec<Slot>], label: &str) -> Option<(String, (usize, usize))> {
    let want = normalize_label(label);
    for (r, row) in rows.iter().enumerate() {
        for (c, slot) in row.iter().enumerate() {
            let norm = normalize_label(&slot.text);
            if norm == want {
                let value = row[c + 1..].iter().find(|s| !s.covered).map(|s| s.text.clone()).unwrap_or_default();
                return Some((value, (r, c + 1)));
            }
            if let Some(rest) = norm.strip_prefix(&want).and_then(|r| r.strip_prefix('：')) {
                let _ = rest;
                let raw = slot.text.trim();
                let after = raw.split_once([':', '：']).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
                return Some((after, (r, c)));
            }
        }
    }
    None
}

/// Reads the meta labels on any sheet (the 基本信息 sheet first); whether any was there.
pub fn read_meta(sheets: &[(String, &[Vec<Slot>])], report: &mut Report) -> Result<bool, ImportError> {
    let mut ordered: Vec<&(String, &[Vec<Slot>])> = sheets.iter().filter(|(n, _)| n == META_SHEET).collect();
    ordered.extend(sheets.iter().filter(|(n, _)| n != META_SHEET));
    // nianbao's label first, then what people write in sheets they make.
    let find = |label: &str| {
        let aliases: &[&str] = match label {
            META_ORGAN => &[META_ORGAN, "单位名称", "填报单位", "报送单位", "机关"],
            META_YEAR => &[META_YEAR, "报告年度", "年度"],
            META_KIND => &[META_KIND],
            META_TITLE => &[META_TITLE],
            _ => &[META_PUBLISHED],
        };
        aliases.iter().find_map(|label| {
            ordered.iter().find_map(|(name, rows)| labelled(rows, label).map(|(v, at)| (v, name, at)))
        })
    };
    let mut any = false;
    if let Some((organ, _, _)) = find(META_ORGAN) {
        report.meta.organ = organ.trim().to_string();
        any = true;
    }
    if let Some((kind, name, (r, c))) = find(META_KIND) {
        let kind = kind.trim();
        report.meta.organ_kind = if kind.is_empty() {
            None
        } else {
            Some(
                OrganKind::ALL
                    .into_iter()
                    .find(|k| {
                        k.label() == kind || k.key() == kind || normalize_label(k.label()) == normalize_label(kind)
                    })
                    .ok_or_else(|| {
                        ImportError::at(
                            sheet_location(name, r, c),
                            format!("“{kind}”不是有效的机关类型，应为人民政府、政府部门、乡镇/街道或其他"),
                        )
                    })?,
            )
        };
        any = true;
    }
    if let Some((year, name, (r, c))) = find(META_YEAR) {
        let y = year.trim().trim_end_matches(['年', '度']).trim_end_matches('年');
        report.meta.year = if y.is_empty() {
            None
        } else {
            Some(crate::model::parse_year(y).ok_or_else(|| {
                ImportError::at(sheet_location(name, r, c), format!("“{year}”不是有效年度，应为如 2025 的整数"))
            })?)
        };
        any = true;
    }
    if let Some((title, _, _)) = find(META_TITLE) {
        report.meta.title = (!title.trim().is_empty()).then_some(title);
    }
    if let Some((date, name, (r, c))) = find(META_PUBLISHED) {
        let text = date.trim();
        report.meta.published_on = if text.is_empty() {
            None
        } else {
            Some(parse_date(text).ok_or_else(|| {
                ImportError::at(sheet_location(name, r, c), format!("“{text}”不是有效日期，应为如 2026-01-31 的日期"))
            })?)
        };
    }
    Ok(any)
}

pub use super::document::parse_date;

/// The 正文 sheet: a row per present section, label then its text (in one
/// or more cells).
fn read_prose(rows: &[Vec<Slot>], report: &mut Report) {
    for key in SectionKey::ALL {
        let want = normalize_label(section_label(key));
        // Workbooks exported before the preamble was called 开头段落 say 导语.
        let older = (key == SectionKey::Preamble).then(|| normalize_label("导语"));
        for row in rows {
            let named = |text: &str| {
                let label = normalize_label(text);
                label == want || older.as_ref() == Some(&label)
            };
            let Some(pos) = row.iter().position(|s| !s.covered && named(&s.text)) else { continue };
            let text: String = row[pos + 1..].iter().filter(|s| !s.covered).map(|s| s.text.as_str()).collect();
            // An empty box of the template is a missing part (S1), as in any format.
            *report.sections.get_mut(key) = (!text.trim().is_empty()).then_some(text);
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn parses_dates_as_typed() {
        assert_eq!(parse_date("2026-01-31"), Date::new(2026, 1, 31));
        assert_eq!(parse_date("2026/1/31"), Date::new(2026, 1, 31));
        assert_eq!(parse_date("2026年1月31日"), Date::new(2026, 1, 31));
        assert_eq!(parse_date("46053"), Date::new(2026, 1, 31));
        assert_eq!(parse_date("46053.5"), Date::new(2026, 1, 31));
        assert_eq!(parse_date("昨天"), None);
    }
}
