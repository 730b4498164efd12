//! The canonical JSON (DATA-MODEL.md), keys in the official order.

use crate::layout::{all_cells, CellId};
use crate::model::{Report, SectionKey, Value};
use serde_json::{Map, Value as Json};

/// The report as a JSON value; numbers keep their exact digits.
pub fn to_json(report: &Report) -> Json {
    let mut root = Map::new();
    root.insert("schema".into(), Json::String(report.schema.clone()));
    let meta = &report.meta;
    let mut m = Map::new();
    m.insert("organ".into(), Json::String(meta.organ.clone()));
    m.insert("organ_kind".into(), meta.organ_kind.map_or(Json::Null, |k| Json::String(k.key().into())));
    m.insert("year".into(), meta.year.map_or(Json::Null, |y| Json::Number(y.into())));
    if let Some(title) = &meta.title {
        m.insert("title".into(), Json::String(title.clone()));
    }
    if let Some(date) = meta.published_on {
        m.insert("published_on".into(), Json::String(date.to_string()));
    }
    root.insert("meta".into(), Json::Object(m));
    let mut sections = Map::new();
    for key in SectionKey::ALL {
        match report.sections.get(key) {
            Some(text) => {
                sections.insert(key.key().into(), Json::String(text.to_string()));
            }
            None if key.is_optional() => {}
            None => {
                sections.insert(key.key().into(), Json::Null);
            }
        }
    }
    root.insert("sections".into(), Json::Object(sections));
    for id in all_cells() {
        insert_path(&mut root, id.address(), cell_json(report, id));
    }
    Json::Object(root)
}

/// The report as pretty-printed JSON text.
pub fn to_json_string(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(&to_json(report)).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// A cell: `null` when blank, or what the blank held (“/”, “—”), which
/// reads back as the same blank; a number with its exact digits; text.
fn cell_json(report: &Report, id: CellId) -> Json {
    match report.value(id) {
        Value::Blank => report.blank_mark(id).map_or(Json::Null, |mark| Json::String(mark.to_string())),
        // Decimal's text is exact; arbitrary_precision keeps it so in the output.
        Value::Number(n) => n
            .to_string()
            .parse::<serde_json::Number>()
            .map(Json::Number)
            .unwrap_or_else(|_| Json::String(n.to_string())),
        Value::Text(t) => Json::String(t.clone()),
    }
}

fn insert_path(root: &mut Map<String, Json>, address: &str, value: Json) {
    let mut parts = address.split('.').peekable();
    let mut node = root;
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            node.insert(part.to_string(), value);
            return;
        }
        let child = node.entry(part.to_string()).or_insert_with(|| Json::Object(Map::new()));
        node = match child {
            Json::Object(map) => map,
            _ => unreachable!("cell addresses never nest under a value"),
        };
    }
}
