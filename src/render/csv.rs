//! The CSV long format (`address,value`), safe to open in a spreadsheet.

use crate::formats::csv::{escape_text, write_rows};
use crate::layout::all_cells;
use crate::model::{MetaField, Report, SectionKey, Value};

/// The report as CSV long format, UTF-8 with BOM so Excel reads the Chinese.
pub fn to_csv(report: &Report) -> String {
    let mut rows: Vec<(String, String)> = vec![("schema".into(), report.schema.clone())];
    let meta = &report.meta;
    rows.push((MetaField::Organ.address().into(), escape_text(&meta.organ)));
    rows.push((
        MetaField::OrganKind.address().into(),
        meta.organ_kind.map(|k| k.key().to_string()).unwrap_or_default(),
    ));
    rows.push((MetaField::Year.address().into(), meta.year.map(|y| y.to_string()).unwrap_or_default()));
    if let Some(title) = &meta.title {
        rows.push((MetaField::Title.address().into(), escape_text(title)));
    }
    if let Some(date) = meta.published_on {
        rows.push((MetaField::PublishedOn.address().into(), date.to_string()));
    }
    for key in SectionKey::ALL {
        if let Some(text) = report.sections.get(key) {
            rows.push((key.address().into(), escape_text(text)));
        }
    }
    for id in all_cells() {
        let value = match report.value(id) {
            // What the blank held (“/”), which reads back as the same blank.
            Value::Blank => report.blank_mark(id).map(escape_text).unwrap_or_default(),
            Value::Number(n) => n.to_string(),
            Value::Text(t) => escape_text(t),
        };
        rows.push((id.address().to_string(), value));
    }
    write_rows(&["address", "value"], rows.iter().map(|(a, v)| [a.as_str(), v.as_str()]))
}
