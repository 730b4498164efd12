//! Shared plumbing of the Office formats (DOCX, XLSX): both are zip
//! archives of XML parts.
//!
//! - [`zip_read`] / [`Zip::part`]: reading an untrusted archive with limits
//!   on the number of entries and on the size of every part (no zip bomb).
//! - [`zip_write`]: a deterministic archive (fixed 1980 timestamps: the
//!   clock is never read, it panics on wasm32).
//! - [`parse_xml`]: a small element tree of one part, with depth and size
//!   limits; names are local names (prefixes dropped).
//! - [`esc`]: XML escaping for everything written, dropping the characters
//!   XML 1.0 cannot carry.
//!
//! Writers build XML as strings: every piece of text goes through [`esc`].

pub mod xlsx;

use crate::error::ImportError;
use std::io::{Read, Write};

use crate::limits::{
    MAX_INFLATED_BYTES, MAX_OFFICE_ENTRIES as MAX_ENTRIES, MAX_PART_BYTES, MAX_XML_DEPTH as MAX_DEPTH,
    MAX_XML_ELEMENTS as MAX_ELEMENTS,
};

/// An opened zip archive.
pub struct Zip<'a> {
    archive: zip::ZipArchive<std::io::Cursor<&'a [u8]>>,
    /// Bytes inflated so far, bounded by [`MAX_INFLATED_BYTES`] (a part
    /// read twice counts twice).
    inflated: u64,
}

/// Opens a zip archive; `what` names the format for messages (`Word 文档`).
pub fn zip_read<'a>(bytes: &'a [u8], what: &str) -> Result<Zip<'a>, ImportError> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| {
        ImportError::new(format!("{what}已损坏或不完整（无法作为 zip 压缩包打开），请在 Office/WPS 中另存后重试"))
    })?;
    if archive.len() > MAX_ENTRIES {
        return Err(ImportError::new(format!("{what}包含的部件过多（{} 个），不像是正常的文件", archive.len())));
    }
    if let Some(name) = duplicate_entry(bytes, archive.central_directory_start()) {
        return Err(ImportError::at(
            name,
            format!("{what}中有两个同名的部件，无法确定该读哪一个（文件可能被篡改或已损坏）"),
        ));
    }
    Ok(Zip { archive, inflated: 0 })
}

impl Zip<'_> {
    /// The part as UTF-8 text, `None` when absent. Bounded by [`MAX_PART_BYTES`].
    pub fn part(&mut self, name: &str) -> Result<Option<String>, ImportError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self
            .archive
            .by_index(index)
            .map_err(|_| ImportError::at(name, "文件内部部件无法解压（可能已损坏或已加密）"))?;
        let mut bytes = Vec::new();
        let left = MAX_INFLATED_BYTES - self.inflated;
        entry
            .take(MAX_PART_BYTES.min(left) + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| ImportError::at(name, "文件内部部件解压失败（文件可能已损坏）"))?;
        if bytes.len() as u64 > MAX_PART_BYTES {
            return Err(ImportError::at(name, "文件内部部件过大，超过处理上限"));
        }
        if bytes.len() as u64 > left {
            return Err(ImportError::at(
                name,
                format!("文件解压后的内容合计超过 {} MB，超过处理上限", MAX_INFLATED_BYTES / 1024 / 1024),
            ));
        }
        self.inflated += bytes.len() as u64;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok(Some(text.to_string())),
            Err(_) => {
                // UTF-16 parts exist in the wild (rare); decode them too.
                let (text, _, bad) = if bytes.starts_with(b"\xFF\xFE") {
                    encoding_rs::UTF_16LE.decode(bytes)
                } else if bytes.starts_with(b"\xFE\xFF") {
                    encoding_rs::UTF_16BE.decode(bytes)
                } else {
                    return Err(ImportError::at(name, "文件内部部件不是 UTF-8 编码的 XML"));
                };
                if bad {
                    return Err(ImportError::at(name, "文件内部部件编码错误"));
                }
                Ok(Some(text.into_owned()))
            }
        }
    }
}

/// The first entry name an archive's central directory holds twice. The
/// zip crate keeps only the last entry of a name, silently, so which copy a
/// reader would see is hidden from the person who made the file.
pub fn duplicate_entry(bytes: &[u8], directory_start: u64) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let mut at = usize::try_from(directory_start).ok()?;
    // Central directory headers: signature, fixed 46 bytes, name, extra, comment.
    while bytes.get(at..at + 4) == Some(b"PK\x01\x02") {
        let u16_at = |o: usize| bytes.get(at + o..at + o + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize);
        let (name_len, extra_len, comment_len) = (u16_at(28)?, u16_at(30)?, u16_at(32)?);
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        if !seen.insert(name) {
            return Some(match std::str::from_utf8(name) {
                Ok(name) => name.to_string(),
                Err(_) => encoding_rs::GB18030.decode(name).0.into_owned(),
            });
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    None
}

/// Writes a zip archive of `(name, content)` parts, deflated, with fixed
/// timestamps so the same report gives the same bytes.
pub fn zip_write<C: AsRef<[u8]>>(parts: &[(&str, C)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, content) in parts {
        writer.start_file(*name, options).expect("writing a zip to memory cannot fail");
        writer.write_all(content.as_ref()).expect("writing a zip to memory cannot fail");
    }
    writer.finish().expect("writing a zip to memory cannot fail").into_inner()
}

/// Whether `c` may appear in an XML 1.0 document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for XML element content and attribute values. Characters
/// XML cannot carry (control characters) are dropped; `\r` is kept as a
/// character reference so it survives parsing.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// One XML element: local name, attributes (local names), children.
#[derive(Clone, Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

/// A child of an element.
#[derive(Clone, Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of the attribute with this local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements of this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element of this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first descendant (depth first, self included) of this name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(name))
    }

    /// All text below this element, concatenated.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

fn local(name: &[u8]) -> String {
    let local = match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

/// Parses one XML part into an element tree. `part` names it in errors.
pub fn parse_xml(xml: &str, part: &str) -> Result<Element, ImportError> {
    use quick_xml::events::Event;
    let bad = |what: &str| ImportError::at(part, format!("XML 格式错误（{what}），文件可能已损坏"));
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut count = 0usize;
    let start = |e: &quick_xml::events::BytesStart| -> Result<Element, ImportError> {
        let mut attrs = Vec::new();
        for a in e.attributes() {
            let a = a.map_err(|_| bad("属性"))?;
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|_| bad("属性值"))?;
            attrs.push((local(a.key.as_ref()), value.into_owned()));
        }
        Ok(Element { name: local(e.name().as_ref()), attrs, children: Vec::new() })
    };
    let push_text = |stack: &mut Vec<Element>, text: &str| {
        let top = stack.last_mut().expect("the root stays on the stack");
        if let Some(Node::Text(t)) = top.children.last_mut() {
            t.push_str(text);
        } else {
            top.children.push(Node::Text(text.to_string()));
        }
    };
    loop {
        let event = reader.read_event().map_err(|e| bad(&format!("位置 {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(e) => {
                count += 1;
                if stack.len() > MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(ImportError::at(part, "XML 嵌套过深或元素过多，超过处理上限"));
                }
                stack.push(start(&e)?);
            }
            Event::Empty(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(ImportError::at(part, "XML 元素过多，超过处理上限"));
                }
                let el = start(&e)?;
                stack.last_mut().expect("root").children.push(Node::Element(el));
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(bad("多余的结束标签"));
                }
                let el = stack.pop().expect("checked");
                stack.last_mut().expect("root").children.push(Node::Element(el));
            }
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|_| bad("文字编码"))?;
                push_text(&mut stack, &text);
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|_| bad("CDATA"))?;
                push_text(&mut stack, &text);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|_| bad("字符引用"))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|_| bad("实体"))?;
                        // Only the five predefined entities: no DTD, no external entities.
                        quick_xml::escape::resolve_predefined_entity(&name).ok_or_else(|| bad("未知实体"))?.to_string()
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            // Declarations, comments, processing instructions, DOCTYPE: ignored
            // (a DOCTYPE's entities are never expanded).
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err(bad("缺少结束标签"));
    }
    let root = stack.pop().expect("checked");
    root.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| bad("没有根元素"))
}

/// Which Office format a zip archive is, from its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficeKind {
    Docx,
    Xlsx,
}

/// Looks into a zip archive's directory for `word/document.xml` or
/// `xl/workbook.xml` (content first: the name may lie).
pub fn office_kind(bytes: &[u8]) -> Option<OfficeKind> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    if zip.index_for_name("word/document.xml").is_some() {
        Some(OfficeKind::Docx)
    } else if zip.index_for_name("xl/workbook.xml").is_some() {
        Some(OfficeKind::Xlsx)
    } else {
        None
    }
}

/// Reads a relationships part into (id, target) pairs.
pub fn relationships(zip: &mut Zip, part: &str) -> Result<Vec<(String, String, String)>, ImportError> {
    let Some(xml) = zip.part(part)? else {
        return Ok(Vec::new());
    };
    let root = parse_xml(&xml, part)?;
    Ok(root
        .children_named("Relationship")
        .map(|r| {
            (
                r.attr("Id").unwrap_or_default().to_string(),
                r.attr("Target").unwrap_or_default().to_string(),
                r.attr("TargetMode").unwrap_or_default().to_string(),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_parses_back() {
        let hostile = "<w:t>&amp;\"'\u{1}\r\n]]>";
        let xml = format!("<a x=\"{0}\"><b>{0}</b></a>", esc(hostile));
        let root = parse_xml(&xml, "t").unwrap();
        // Attribute values normalise a literal newline to a space; text keeps it.
        assert_eq!(root.attr("x"), Some("<w:t>&amp;\"'\r ]]>"));
        assert_eq!(root.child("b").unwrap().text(), "<w:t>&amp;\"'\r\n]]>");
    }

    #[test]
    fn rejects_unknown_entities_and_bad_xml() {
        assert!(parse_xml("<!DOCTYPE a [<!ENTITY x \"boom\">]><a>&x;</a>", "t").is_err());
        assert!(parse_xml("<a><b></a>", "t").is_err());
        assert!(parse_xml("", "t").is_err());
        let deep = "<a>".repeat(500) + &"</a>".repeat(500);
        assert!(parse_xml(&deep, "t").is_err());
    }

    #[test]
    fn zip_round_trips_and_is_deterministic() {
        let parts = [("a.xml", "<a/>".to_string()), ("b/c.xml", "中文".repeat(1000))];
        let bytes = zip_write(&parts);
        assert_eq!(bytes, zip_write(&parts));
        let mut zip = zip_read(&bytes, "测试").unwrap();
        assert_eq!(zip.part("b/c.xml").unwrap().unwrap(), "中文".repeat(1000));
        assert!(zip.part("missing").unwrap().is_none());
        assert!(zip_read(b"PK\x03\x04garbage", "测试").is_err());
    }
}
