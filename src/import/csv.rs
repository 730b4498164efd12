//! The CSV long format: header `address,value`, one value a line.
//! UTF-8 (with or without BOM) or GBK/GB18030.

use super::{encoding::decode_text_borrowed, Format, Imported};
use crate::error::ImportError;
use crate::formats::csv::unescape_text;
use crate::layout::CellId;
use crate::model::parse_year;
use crate::model::{Date, MetaField, OrganKind, Report, SectionKey, SCHEMA_2021};

/// Reads the CSV long format.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = decode_text_borrowed(bytes)?;
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut report = Report::new();
    let mut seen = std::collections::HashMap::new();
    let mut header_seen = false;
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(index as u64 + 1);
            ImportError::at(format!("第 {line} 行"), "CSV 格式错误（引号不匹配或编码错误）")
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(index as u64 + 1);
        let at = || format!("第 {line} 行");
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            let header: Vec<&str> = record.iter().map(str::trim).collect();
            if header.first() != Some(&"address") || header.get(1) != Some(&"value") {
                #[cfg(feature = "office")]
                if let Some(imported) = import_grid(&text)? {
                    return Ok(imported);
                }
                return Err(ImportError::at(
                    at(),
                    "第一行应为表头 address,value（每行一个地址和它的值），或按官方表格排列（从 Excel/WPS 另存的表格）",
                ));
            }
            header_seen = true;
            continue;
        }
        if record.len() != 2 {
            return Err(ImportError::at(
                at(),
                format!("应有 2 列（address,value），实际 {} 列；含逗号的文字请用英文双引号括起来", record.len()),
            ));
        }
        let address = record[0].trim();
        let raw = unescape_text(&record[1]);
        if let Some(first) = seen.insert(address.to_string(), line) {
            return Err(ImportError::at(at(), format!("地址 {address} 重复（第 {first} 行已出现）")));
        }
        apply(&mut report, address, &raw)
            .map_err(|message| ImportError::at(format!("{}（{address}）", at()), message))?;
    }
    if !header_seen {
        return Err(ImportError::new("CSV 为空：第一行应为表头 address,value"));
    }
    Ok(Imported::whole(report, Format::Csv))
}

/// A CSV saved from a sheet laid out like the official tables (Excel and
/// WPS write GBK on Chinese Windows): the rows are a grid; the tables and
/// meta labels are found as in an XLSX. `None` when no table is there.
#[cfg(feature = "office")]
fn import_grid(text: &str) -> Result<Option<Imported>, ImportError> {
    use crate::layout::Slot;
    use crate::limits::{MAX_TABLE_COLUMNS as MAX_COLS, MAX_TABLE_ROWS as MAX_ROWS};
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows: Vec<Vec<Slot>> = Vec::new();
    for (index, record) in reader.records().enumerate().take(MAX_ROWS) {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(index as u64 + 1);
            ImportError::at(format!("第 {line} 行"), "CSV 格式错误（引号不匹配或编码错误）")
        })?;
        rows.push(record.iter().take(MAX_COLS).map(|f| Slot::text(unescape_text(f))).collect());
    }
    let sheets = [(String::new(), rows.as_slice())];
    let mut report = Report::new();
    let mut findings = Vec::new();
    let tables = crate::import::xlsx::read_tables(&sheets, &mut report, &mut findings)?;
    if !tables {
        return Ok(None);
    }
    crate::import::xlsx::read_meta(&sheets, &mut report)?;
    Ok(Some(Imported { report, findings, format: Format::CsvGrid, tables: Vec::new(), unread: Vec::new() }))
}

/// Sets one address of the report from its text value.
pub fn apply(report: &mut Report, address: &str, raw: &str) -> Result<(), String> {
    if let Some(id) = CellId::from_address(address) {
        report.set_parsed(id, raw);
        return Ok(());
    }
    let text = raw.trim();
    // Text is kept exactly as written, so every export re-imports unchanged.
    let optional = || (!raw.is_empty()).then(|| raw.to_string());
    if address == "schema" {
        if text.is_empty() || text == SCHEMA_2021 {
            return Ok(());
        }
        return Err(format!("不支持的格式版本“{text}”，应为 {SCHEMA_2021}"));
    }
    let Some(field) = MetaField::from_address(address) else {
        let section = address
            .strip_prefix("sections.")
            .and_then(|key| SectionKey::ALL.into_iter().find(|s| s.key() == key))
            .ok_or_else(|| "未知的地址：请检查拼写（地址见 README 中的 CSV 格式说明）".to_string())?;
        *report.sections.get_mut(section) = Some(raw.to_string());
        return Ok(());
    };
    match field {
        MetaField::Organ => report.meta.organ = raw.to_string(),
        MetaField::OrganKind if text.is_empty() => report.meta.organ_kind = None,
        MetaField::OrganKind => {
            report.meta.organ_kind =
                Some(OrganKind::from_key(text).ok_or_else(|| {
                    format!("“{text}”不是有效的机关类型，应为 government、department、township 或 other")
                })?)
        }
        MetaField::Year if text.is_empty() => report.meta.year = None,
        MetaField::Year => {
            report.meta.year =
                Some(parse_year(text).ok_or_else(|| format!("“{text}”不是有效年度，应为如 2025 的整数"))?)
        }
        MetaField::Title => report.meta.title = optional(),
        MetaField::PublishedOn if text.is_empty() => report.meta.published_on = None,
        MetaField::PublishedOn => {
            report.meta.published_on =
                Some(Date::parse_iso(text).ok_or_else(|| format!("“{text}”不是有效日期，应为 YYYY-MM-DD"))?)
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{active, request_cell};

    #[test]
    #[cfg(feature = "encodings")]
    fn reads_long_format_in_gbk() {
        let text = "address,value\nmeta.organ,红寺堡区人民政府\nrequests.new_received.total,34\nactive.fees,1271.38998\nactive.licensing,—\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let r = import(&gbk).unwrap().report;
        assert_eq!(r.meta.organ, "红寺堡区人民政府");
        assert_eq!(r.value(request_cell(0, 6)).to_string(), "34");
        assert_eq!(r.value(active::FEES).to_string(), "1271.38998");
        assert!(r.value(active::LICENSING).is_blank());
    }

    #[test]
    fn errors_name_the_line() {
        let e = import(b"address,value\nrequests.new_received.total,1\nrequests.bogus,2\n").unwrap_err();
        assert!(e.to_string().starts_with("第 3 行"), "{e}");
        let e = import(b"address,value\nactive.fees,1\nactive.fees,2\n").unwrap_err();
        assert!(e.message.contains("重复"), "{e}");
        let e = import(b"foo,bar\n").unwrap_err();
        assert!(e.message.contains("表头"), "{e}");
    }
}
