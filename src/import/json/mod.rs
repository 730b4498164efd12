//! The canonical JSON (DATA-MODEL.md), read strictly: an unknown key or a
//! value of the wrong type is an error naming its key path, so a typo never
//! silently drops a figure.

mod direct;

use super::{encoding::decode_text_borrowed, Format, Imported};
use crate::error::ImportError;
use crate::layout::{AddressNode, AddressStep};
use crate::model::{Date, OrganKind, Report, SectionKey, Value, SCHEMA_2021};
use serde_json::Value as Json;

/// Reads the canonical JSON document, streaming: the tables are walked
/// without building a JSON tree (a report is ~250 keys), only the leaves
/// and the small `meta`/`sections` objects are materialised.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    read(bytes, Prose::Kept)
}

/// [`import`] without keeping the prose: the sections are read and checked
/// as `import` checks them (keys, strings or `null`, escapes), so it fails
/// exactly when `import` fails, but their text is not kept. A batch's first
/// pass needs only the organ, the year and the figures.
pub fn import_without_prose(bytes: &[u8]) -> Result<Imported, ImportError> {
    read(bytes, Prose::Dropped)
}

/// Whether the sections' text is kept in the report.
#[derive(Clone, Copy, PartialEq)]
enum Prose {
    Kept,
    Dropped,
}

fn read(bytes: &[u8], prose: Prose) -> Result<Imported, ImportError> {
    // The direct reader fails on any NUL (it is no JSON outside strings and
    // a raw control character in one), so a text it reads needs no search
    // for NUL; anything else is decoded as every text is, NUL rejected.
    let utf8 = crate::import::encoding::utf8_text(bytes);
    if let Some(report) = utf8.and_then(|text| direct::read(text, prose)) {
        return Ok(Imported::whole(report, Format::Json));
    }
    let text = decode_text_borrowed(bytes)?;
    // A UTF-8 text the direct reader gave way on goes to serde; one decoded
    // from another encoding is first tried directly.
    match utf8.is_none().then(|| direct::read(&text, prose)).flatten() {
        Some(report) => Ok(Imported::whole(report, Format::Json)),
        None => read_with_serde(&text, prose),
    }
}

/// The reader of every document, errors included (the direct reader gives
/// way to it on anything unusual).
fn read_with_serde(text: &str, prose: Prose) -> Result<Imported, ImportError> {
    let mut state = Reader {
        prose,
        report: Report::new(),
        path: String::with_capacity(96),
        error: None,
        seen: Seen {
            groups: vec![false; AddressNode::count()],
            cells: vec![false; crate::layout::CELL_COUNT],
            fields: Vec::new(),
        },
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed =
        serde::de::DeserializeSeed::deserialize(Root(&mut state), &mut deserializer).and_then(|()| deserializer.end());
    match (parsed, state.error) {
        (Ok(()), _) => Ok(Imported::whole(state.report, Format::Json)),
        (Err(_), Some(error)) => Err(error),
        (Err(e), None) => Err(ImportError::at(
            // serde_json counts a position just after a line break as column 0.
            format!("第 {} 行第 {} 列", e.line(), e.column().max(1)),
            format!("JSON 格式错误：{}", json_error_zh(&e)),
        )),
    }
}

/// The state of a streaming read: the report so far, the key path of the
/// value being read, and the first semantic error (serde only carries a
/// string, so the error with its path is kept here).
struct Reader {
    prose: Prose,
    report: Report,
    path: String,
    error: Option<ImportError>,
    seen: Seen,
}

/// The keys read so far: a key written twice is an error (serde_json lets
/// the last one win silently, which would hide the first figure).
struct Seen {
    groups: Vec<bool>,
    cells: Vec<bool>,
    /// `schema`, `meta`, `sections` and their fields (a few dozen at most).
    fields: Vec<String>,
}

impl Reader {
    fn fail<E: serde::de::Error>(&mut self, error: ImportError) -> E {
        self.error.get_or_insert(error);
        E::custom("nianbao")
    }

    /// An error when the key at `self.path` was read before.
    fn first_time<E: serde::de::Error>(&mut self, step: Option<AddressStep>) -> Result<(), E> {
        let again = match step {
            Some(AddressStep::Cell(id)) => std::mem::replace(&mut self.seen.cells[id.index()], true),
            Some(AddressStep::Group(node)) => std::mem::replace(&mut self.seen.groups[node.index()], true),
            None if self.seen.fields.contains(&self.path) => true,
            None => {
                self.seen.fields.push(self.path.clone());
                false
            }
        };
        if again {
            let e = ImportError::at(self.path.clone(), "这个键出现了两次，无法确定以哪一个为准，请删去多余的一个");
            return Err(self.fail(e));
        }
        Ok(())
    }
}

struct Root<'a>(&'a mut Reader);

impl<'de> serde::de::DeserializeSeed<'de> for Root<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Root<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a report object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        while map.next_key_seed(Key(&mut state.path, true))?.is_some() {
            let key = state.path.clone();
            state.first_time(AddressNode::ROOT.child(&key))?;
            match key.as_str() {
                "schema" => {
                    let value: Json = map.next_value()?;
                    if let Err(e) = read_schema(&value) {
                        return Err(state.fail(e));
                    }
                }
                "meta" | "sections" => map.next_value_seed(Fields(state))?,
                table => match AddressNode::ROOT.child(table) {
                    Some(AddressStep::Group(node)) => map.next_value_seed(Table(state, node))?,
                    _ => {
                        let e = unknown_key(table);
                        return Err(state.fail(e));
                    }
                },
            }
        }
        Ok(())
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.0.fail(not_an_object()))
    }
}

fn not_an_object() -> ImportError {
    ImportError::new("JSON 顶层应为对象 {…}，请使用 nianbao 的年度报告 JSON 格式")
}

/// Reads an object key, appending it to the path (after a `.` unless `first`).
struct Key<'a>(&'a mut String, bool);

impl<'de> serde::de::DeserializeSeed<'de> for Key<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Key<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<(), E> {
        if self.1 {
            self.0.clear();
        } else {
            self.0.push('.');
        }
        self.0.push_str(key);
        Ok(())
    }
}

/// The visitor methods of a reader of objects (`Table`, `Fields`) for every
/// other JSON value but `null`: an error at `state.path` saying `$message`.
macro_rules! reject_non_objects {
    ($message:literal) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
            Err(not_object(self.0, $message))
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
            Err(not_object(self.0, $message))
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
            Err(not_object(self.0, $message))
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
            Err(not_object(self.0, $message))
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
            Err(not_object(self.0, $message))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
            Err(not_object(self.0, $message))
        }
    };
}

/// A table, row or block object at `state.path` (the group `AddressNode`):
/// nested objects down to the cells.
struct Table<'a>(&'a mut Reader, AddressNode);

impl<'de> serde::de::DeserializeSeed<'de> for Table<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Table<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Table(state, node) = self;
        let parent = state.path.len();
        let mut next = 0;
        while map.next_key_seed(Key(&mut state.path, false))?.is_some() {
            let key = state.path.get(parent + 1..).unwrap_or_default();
            let step = node.child_after(key, &mut next);
            if step.is_some() {
                state.first_time(step)?;
            }
            match step {
                Some(AddressStep::Cell(id)) => {
                    let leaf: &serde_json::value::RawValue = map.next_value()?;
                    match raw_cell_text(leaf.get(), &state.path) {
                        Ok(None) => state.report.set(id, Value::Blank),
                        // As written, so that a blank's mark (“/”) is kept.
                        Ok(Some(text)) => state.report.set_parsed(id, &text),
                        Err(e) => return Err(state.fail(e)),
                    }
                }
                Some(AddressStep::Group(child)) => map.next_value_seed(Table(state, child))?,
                None => {
                    let e = unknown_key(&state.path);
                    return Err(state.fail(e));
                }
            }
            state.path.truncate(parent);
        }
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Ok(()) // `null` for a whole row or table: left blank.
    }

    reject_non_objects!("应为对象 {…}（这一层下还有各列）");
}

/// The `meta` or `sections` object at `state.path`: each field is read as
/// it comes (no map is built) and checked for its key and type.
struct Fields<'a>(&'a mut Reader);

impl<'de> serde::de::DeserializeSeed<'de> for Fields<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Fields<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        let parent = state.path.len();
        while map.next_key_seed(Key(&mut state.path, false))?.is_some() {
            state.first_time(None)?;
            let read = match state.path.split_once('.') {
                Some(("sections", key)) if state.prose == Prose::Dropped => {
                    let is_text = map.next_value_seed(TextOrNull)?;
                    section_key(key, &state.path)
                        .and_then(|_| is_text.then_some(()).ok_or_else(|| not_a_string(&state.path)))
                }
                split => {
                    let value: Json = map.next_value()?;
                    let report = &mut state.report;
                    match split {
                        Some(("meta", key)) => read_meta_field(key, value, &state.path, report),
                        Some((_, key)) => read_section(key, value, &state.path, report),
                        None => Ok(()),
                    }
                }
            };
            if let Err(e) = read {
                return Err(state.fail(e));
            }
            state.path.truncate(parent);
        }
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        Err(not_object(self.0, "应为对象 {…}"))
    }
    reject_non_objects!("应为对象 {…}");
}

/// A value read only to know that it is a string or `null` (a section's
/// text when the prose is dropped): an escaped string is decoded and
/// checked as for a kept one, an unescaped one is not copied.
struct TextOrNull;

impl<'de> serde::de::DeserializeSeed<'de> for TextOrNull {
    type Value = bool;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for TextOrNull {
    type Value = bool;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<bool, E> {
        Ok(false)
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<bool, E> {
        Ok(false)
    }
    /// A number too (serde_json's exact numbers come as a map).
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
        Ok(false)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(false)
    }
}

fn not_object<E: serde::de::Error>(state: &mut Reader, message: &str) -> E {
    let e = ImportError::at(state.path.clone(), message);
    state.fail(e)
}

fn read_schema(value: &Json) -> Result<(), ImportError> {
    let schema = value.as_str().ok_or_else(|| ImportError::at("schema", "应为字符串"))?;
    if schema != SCHEMA_2021 {
        return Err(ImportError::at(
            "schema",
            format!("不支持的格式版本“{schema}”，本工具检查 {SCHEMA_2021}（国办公开办函〔2021〕30号）格式"),
        ));
    }
    Ok(())
}

fn json_error_zh(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "文件在中途结束（可能被截断）".to_string(),
        Category::Syntax => format!("语法错误（{e}）"),
        Category::Data => format!("数据类型错误（{e}）"),
        Category::Io => format!("读取失败（{e}）"),
    }
}

fn unknown_key(path: &str) -> ImportError {
    ImportError::at(path, "未知的键：请检查拼写（键名见 README 中的 JSON 格式说明）")
}

fn optional_string(value: Json, path: &str) -> Result<Option<String>, ImportError> {
    match value {
        Json::Null => Ok(None),
        Json::String(s) => Ok(Some(s)),
        _ => Err(not_a_string(path)),
    }
}

fn not_a_string(path: &str) -> ImportError {
    ImportError::at(path, "应为字符串或 null")
}

/// One field of `meta`; `path` is its key path for messages.
fn read_meta_field(key: &str, value: Json, path: &str, report: &mut Report) -> Result<(), ImportError> {
    let meta = &mut report.meta;
    match key {
        "organ" => meta.organ = optional_string(value, path)?.unwrap_or_default(),
        "organ_kind" => {
            meta.organ_kind = match optional_string(value, path)? {
                None => None,
                Some(kind) => Some(OrganKind::from_key(&kind).ok_or_else(|| {
                    ImportError::at(
                        path,
                        format!("“{kind}”不是有效的机关类型，应为 government、department、township 或 other"),
                    )
                })?),
            }
        }
        "year" => meta.year = read_year(&value, path)?,
        "title" => meta.title = optional_string(value, path)?,
        "published_on" => {
            meta.published_on = match optional_string(value, path)? {
                None => None,
                Some(s) if s.trim().is_empty() => None,
                Some(s) => Some(Date::parse_iso(&s).ok_or_else(|| {
                    ImportError::at(path, format!("“{s}”不是有效日期，应为 YYYY-MM-DD 格式，如 2026-01-31"))
                })?),
            }
        }
        _ => return Err(unknown_key(path)),
    }
    Ok(())
}

/// Reads a report year: an integer (or a string of digits) from 2000 to 2100.
fn read_year(value: &Json, path: &str) -> Result<Option<i32>, ImportError> {
    let text = match value {
        Json::Null => return Ok(None),
        Json::Number(n) => n.to_string(),
        Json::String(s) if s.trim().is_empty() => return Ok(None),
        Json::String(s) => s.trim().to_string(),
        _ => return Err(ImportError::at(path, "年度应为整数，如 2025")),
    };
    crate::model::parse_year(&text)
        .map(Some)
        .ok_or_else(|| ImportError::at(path, format!("“{text}”不是有效年度，应为 2000 至 2100 之间的整数")))
}

/// One field of `sections`; `path` is its key path for messages.
fn read_section(key: &str, value: Json, path: &str, report: &mut Report) -> Result<(), ImportError> {
    let section = section_key(key, path)?;
    *report.sections.get_mut(section) = optional_string(value, path)?;
    Ok(())
}

fn section_key(key: &str, path: &str) -> Result<SectionKey, ImportError> {
    SectionKey::ALL.into_iter().find(|s| s.key() == key).ok_or_else(|| unknown_key(path))
}

/// One cell's text from its JSON, read in place: `None` for `null`; a
/// number's exact digits; a string as written (read like a cell of a
/// published table). The common cases (a number, `null`, a string without
/// escapes) need no JSON tree.
fn raw_cell_text<'a>(raw: &'a str, path: &str) -> Result<Option<std::borrow::Cow<'a, str>>, ImportError> {
    use std::borrow::Cow;
    match raw.as_bytes().first() {
        Some(b'n') if raw == "null" => Ok(None),
        Some(b'-' | b'0'..=b'9') => Ok(Some(Cow::Borrowed(raw))),
        Some(b'"') if !raw.contains('\\') => Ok(Some(Cow::Borrowed(&raw[1..raw.len() - 1]))),
        _ => match serde_json::from_str(raw).map_err(|_| ImportError::at(path, "单元格的值无法读取"))? {
            Json::Null => Ok(None),
            // With arbitrary_precision the number's text is exactly as written.
            Json::Number(n) => Ok(Some(Cow::Owned(n.as_str().to_string()))),
            Json::String(s) => Ok(Some(Cow::Owned(s))),
            _ => Err(ImportError::at(path, "单元格的值应为数字、字符串或 null")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{active, review_cell};

    #[test]
    fn reads_exact_money_and_blanks() {
        let r =
            import(br#"{"active":{"fees":1271.38998,"licensing":null},"review_litigation":{"review":{"total":"0"}}}"#)
                .unwrap()
                .report;
        assert_eq!(r.value(active::FEES).to_string(), "1271.38998");
        assert!(r.value(active::LICENSING).is_blank());
        assert_eq!(r.value(review_cell(0, 4)).to_string(), "0");
    }

    #[test]
    fn rejects_unknown_keys_with_their_path() {
        let e = import(br#"{"requests":{"new_recieved":{"total":1}}}"#).unwrap_err();
        assert_eq!(e.location.as_deref(), Some("requests.new_recieved"));
        let e = import(r#"{"meta":{"year":"二〇二五"}}"#.as_bytes()).unwrap_err();
        assert_eq!(e.location.as_deref(), Some("meta.year"));
        let e = import(br#"{"requests":{"new_received":3}}"#).unwrap_err();
        assert!(e.message.contains("应为对象"), "{e}");
    }

    #[test]
    fn without_prose_fails_when_import_fails_and_keeps_the_rest() {
        let inputs: [&str; 12] = [
            r#"{"meta":{"organ":"甲　局","year":2025},"sections":{"overview":"概\u8ff0","problems":null},"active":{"fees":"1.50"}}"#,
            r#"{"sections":{"overview":"x","overview":"y"}}"#,
            r#"{"sections":{"overveiw":"x"}}"#,
            r#"{"sections":{"overview":1}}"#,
            r#"{"sections":{"overview":1.5e3}}"#,
            r#"{"sections":{"overview":true}}"#,
            r#"{"sections":{"overview":["x"]}}"#,
            r#"{"sections":{"overview":{"x":"y"}}}"#,
            r#"{"sections":{"overview":"\ud800"}}"#,
            r#"{"sections":{"overview":"\q"}}"#,
            r#"{"sections":{"overview":"x"}"#,
            r#"{"sections":null}"#,
        ];
        for input in inputs {
            let (whole, glance) = (import(input.as_bytes()), import_without_prose(input.as_bytes()));
            assert_eq!(whole.is_ok(), glance.is_ok(), "{input}");
            if let (Ok(whole), Ok(glance)) = (whole, glance) {
                assert_eq!(whole.report.meta, glance.report.meta);
                assert!(crate::layout::all_cells().all(|id| whole.report.value(id) == glance.report.value(id)));
                assert_eq!(glance.report.sections, crate::model::Sections::default());
            }
        }
    }

    #[test]
    fn reports_syntax_errors_with_line() {
        let e = import(b"{\n\"meta\": {\n").unwrap_err();
        assert!(e.to_string().contains("第 3 行第 1 列"), "{e}");
        assert!(import(b"[1,2]").unwrap_err().message.contains("顶层应为对象"));
        assert!(import(b"{\"meta\":{}} trailing").is_err());
        let e = import(br#"{"meta":null}"#).unwrap_err();
        assert_eq!((e.location.as_deref(), e.message.as_str()), (Some("meta"), "应为对象 {…}"));
        let e = import(r#"{"meta":{"organ":"甲"},"sections":{"overview":"x","summary":"y"}}"#.as_bytes()).unwrap_err();
        assert_eq!(e.location.as_deref(), Some("sections.summary"));
        let e = import(r#"{"meta":{"organ":["甲"]}}"#.as_bytes()).unwrap_err();
        assert_eq!((e.location.as_deref(), e.message.as_str()), (Some("meta.organ"), "应为字符串或 null"));
        let e = import(br#"{"active":{"rules":{"issued":{"x":1}}}}"#).unwrap_err();
        assert_eq!(e.location.as_deref(), Some("active.rules.issued"));
    }
}
