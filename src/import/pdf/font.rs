//! What a font says about the bytes of a shown string: how they split into
//! character codes, the Unicode text of each code (ToUnicode CMap first,
//! then the font's encoding) and its advance width. Composite fonts
//! (Type0: Identity-H from Word, WPS, Chromium and LibreOffice; the GB
//! CMaps) and simple fonts (WinAnsi, Differences) are covered. Nothing here
//! trusts the file: ranges stay ranges (never expanded), indexes are
//! checked.

use super::budget::{Budget, Exceeded};
use super::lexer::{Lexer, Operand, Token};
use super::stream_bytes;
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// How the bytes of a string become codes.
#[derive(Clone, Debug)]
enum Codes {
    /// One byte per code (simple fonts).
    OneByte,
    /// Two bytes per code (Identity-H/V, UCS-2 CMaps).
    TwoBytes,
    /// One byte below 0x81, else two (GBK-EUC, GBK2K as far as it matters).
    Gbk,
    /// The code space ranges of an embedded CMap: (length, low, high).
    Ranges(Vec<(u8, u32, u32)>),
}

/// How codes become text when there is no ToUnicode entry.
#[derive(Clone, Debug)]
enum Fallback {
    /// A simple font's 256 entries.
    Table(Box<[Option<char>; 256]>),
    /// UCS-2/UTF-16 code units (UniGB-UCS2-H, UniGB-UTF16-H).
    Utf16,
    /// GBK double-byte codes.
    Gbk,
    None,
}

/// A font as far as text extraction needs it.
#[derive(Debug)]
pub struct Font {
    codes: Codes,
    to_unicode: Option<ToUnicode>,
    fallback: Fallback,
    widths: Widths,
    /// Glyph space to text space for widths (1/1000, or a Type3 FontMatrix).
    width_scale: f64,
}

#[derive(Debug, Default)]
struct Widths {
    default: f64,
    /// Simple fonts: FirstChar and its widths.
    first: u32,
    simple: Vec<f64>,
    /// Composite fonts: single codes, and (first, last, width) ranges.
    single: HashMap<u32, f64>,
    ranges: Vec<(u32, u32, f64)>,
}

impl Widths {
    fn get(&self, code: u32) -> f64 {
        if let Some(i) = code.checked_sub(self.first).map(|i| i as usize) {
            if let Some(w) = self.simple.get(i) {
                return *w;
            }
        }
        if let Some(w) = self.single.get(&code) {
            return *w;
        }
        self.ranges.iter().find(|(a, b, _)| (*a..=*b).contains(&code)).map_or(self.default, |r| r.2)
    }
}

/// One shown code: its text (possibly empty), its width in text space
/// units per unit of font size, and whether it is the single-byte code 32
/// (which takes the word spacing).
pub struct Glyph {
    pub text: String,
    pub width: f64,
    pub space: bool,
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    deref(doc, dict.get(key).ok()?)
}

impl Font {
    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary, budget: &mut Budget) -> Result<Font, Exceeded> {
        let subtype = get(doc, dict, b"Subtype").and_then(|o| o.as_name().ok()).unwrap_or(b"");
        let to_unicode = match get(doc, dict, b"ToUnicode") {
            Some(Object::Stream(s)) => Some(ToUnicode::parse(&stream_bytes(s, budget)?)),
            _ => None,
        };
        if subtype == b"Type0" {
            return Self::composite(doc, dict, to_unicode, budget);
        }
        let mut widths = Widths { default: 0.0, ..Widths::default() };
        let first = get(doc, dict, b"FirstChar").and_then(number).unwrap_or(0.0);
        if (0.0..=255.0).contains(&first) {
            widths.first = first as u32;
            if let Some(Object::Array(ws)) = get(doc, dict, b"Widths") {
                widths.simple = ws.iter().take(256).map(|w| deref(doc, w).and_then(number).unwrap_or(0.0)).collect();
            }
        }
        let descriptor = get(doc, dict, b"FontDescriptor").and_then(|o| o.as_dict().ok());
        widths.default = descriptor.and_then(|d| get(doc, d, b"MissingWidth")).and_then(number).unwrap_or(0.0);
        let mut width_scale = 0.001;
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = get(doc, dict, b"FontMatrix") {
                width_scale = m.first().and_then(|o| deref(doc, o)).and_then(number).unwrap_or(0.001);
            }
        }
        if widths.simple.is_empty() && widths.default == 0.0 {
            // A standard font without widths: a plausible average.
            widths.default = 550.0;
        }
        Ok(Font {
            codes: Codes::OneByte,
            to_unicode,
            fallback: Fallback::Table(Box::new(simple_encoding(doc, dict))),
            widths,
            width_scale,
        })
    }

    fn composite(
        doc: &Document,
        dict: &Dictionary,
        to_unicode: Option<ToUnicode>,
        budget: &mut Budget,
    ) -> Result<Font, Exceeded> {
        let (codes, fallback) = match get(doc, dict, b"Encoding") {
            Some(Object::Name(name)) => {
                let name = String::from_utf8_lossy(name);
                if name.starts_with("Identity") {
                    (Codes::TwoBytes, Fallback::None)
                } else if name.contains("UCS2") || name.contains("UTF16") {
                    (Codes::TwoBytes, Fallback::Utf16)
                } else if name.starts_with("GB") {
                    (Codes::Gbk, Fallback::Gbk)
                } else {
                    (Codes::TwoBytes, Fallback::None)
                }
            }
            Some(Object::Stream(s)) => {
                let ranges = ToUnicode::parse(&stream_bytes(s, budget)?).code_space;
                (if ranges.is_empty() { Codes::TwoBytes } else { Codes::Ranges(ranges) }, Fallback::None)
            }
            _ => (Codes::TwoBytes, Fallback::None),
        };
        let mut widths = Widths { default: 1000.0, ..Widths::default() };
        widths.first = u32::MAX;
        let descendant = match get(doc, dict, b"DescendantFonts") {
            Some(Object::Array(a)) => a.first().and_then(|o| deref(doc, o)).and_then(|o| o.as_dict().ok()),
            _ => None,
        };
        if let Some(cid) = descendant {
            if let Some(dw) = get(doc, cid, b"DW").and_then(number) {
                widths.default = dw;
            }
            if let Some(Object::Array(w)) = get(doc, cid, b"W") {
                read_cid_widths(doc, w, &mut widths);
            }
        }
        Ok(Font { codes, to_unicode, fallback, widths, width_scale: 0.001 })
    }

    /// The glyphs of a shown string.
    pub fn glyphs(&self, bytes: &[u8], mut each: impl FnMut(Glyph)) {
        let mut i = 0;
        while i < bytes.len() {
            let len = match &self.codes {
                Codes::OneByte => 1,
                Codes::TwoBytes => 2,
                Codes::Gbk => {
                    if bytes[i] >= 0x81 {
                        2
                    } else {
                        1
                    }
                }
                Codes::Ranges(ranges) => code_length(ranges, &bytes[i..]),
            };
            let end = (i + len).min(bytes.len());
            let code = bytes[i..end].iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
            let len = end - i;
            i = end;
            let text = self.text_of(code, len);
            let width = self.widths.get(code) * self.width_scale;
            each(Glyph { text, width: if width.is_finite() { width } else { 0.0 }, space: code == 32 && len == 1 });
        }
    }

    fn text_of(&self, code: u32, len: usize) -> String {
        if let Some(text) = self.to_unicode.as_ref().and_then(|t| t.get(code, len)) {
            return text;
        }
        match &self.fallback {
            Fallback::Table(table) => table[(code & 0xff) as usize].map(String::from).unwrap_or_default(),
            Fallback::Utf16 => char::from_u32(code).map(String::from).unwrap_or_default(),
            Fallback::Gbk => gbk(code, len),
            Fallback::None => String::new(),
        }
    }
}

#[cfg(feature = "encodings")]
fn gbk(code: u32, len: usize) -> String {
    let bytes: Vec<u8> = if len == 2 { vec![(code >> 8) as u8, code as u8] } else { vec![code as u8] };
    let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
    if bad {
        String::new()
    } else {
        text.into_owned()
    }
}

#[cfg(not(feature = "encodings"))]
fn gbk(code: u32, len: usize) -> String {
    if len == 1 {
        char::from_u32(code).filter(char::is_ascii).map(String::from).unwrap_or_default()
    } else {
        String::new()
    }
}

/// The byte length of the code starting `bytes`, by the code space ranges.
fn code_length(ranges: &[(u8, u32, u32)], bytes: &[u8]) -> usize {
    for len in 1..=4usize {
        if len > bytes.len() {
            break;
        }
        let code = bytes[..len].iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
        if ranges.iter().any(|&(l, lo, hi)| usize::from(l) == len && (lo..=hi).contains(&code)) {
            return len;
        }
    }
    ranges.iter().map(|r| usize::from(r.0)).min().unwrap_or(1).max(1)
}

/// `W` of a CIDFont: `c [w1 w2 …]` and `first last w`.
fn read_cid_widths(doc: &Document, w: &[Object], widths: &mut Widths) {
    let items: Vec<&Object> = w.iter().filter_map(|o| deref(doc, o)).collect();
    let mut i = 0;
    while i < items.len() {
        let Some(first) = number(items[i]).filter(|v| (0.0..=f64::from(u32::MAX)).contains(v)) else {
            i += 1;
            continue;
        };
        let first = first as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, w) in list.iter().enumerate().take(65_536) {
                    let Some(code) = first.checked_add(k as u32) else { break };
                    if let Some(w) = deref(doc, w).and_then(number) {
                        widths.single.insert(code, w);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last).filter(|v| (0.0..=f64::from(u32::MAX)).contains(v));
                let w = items.get(i + 2).and_then(|o| number(o));
                if let (Some(last), Some(w)) = (last, w) {
                    if widths.ranges.len() < 65_536 {
                        widths.ranges.push((first, last as u32, w));
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// A ToUnicode CMap: single codes and ranges, never expanded.
#[derive(Debug, Default)]
pub struct ToUnicode {
    /// (code length, code) → text.
    single: HashMap<(usize, u32), String>,
    /// (code length, low, high, target): the target is the text of `low`
    /// (its last UTF-16 unit counts up) or one text per code.
    ranges: Vec<(usize, u32, u32, RangeTarget)>,
    code_space: Vec<(u8, u32, u32)>,
}

#[derive(Debug)]
enum RangeTarget {
    Start(Vec<u16>),
    List(Vec<String>),
}

/// Most entries read from one CMap.
const MAX_CMAP_ENTRIES: usize = 200_000;

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { u16::from(c[0]) }).collect()
}

fn code(bytes: &[u8]) -> Option<(usize, u32)> {
    (1..=4).contains(&bytes.len()).then(|| (bytes.len(), bytes.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b))))
}

impl ToUnicode {
    pub fn parse(data: &[u8]) -> ToUnicode {
        let mut map = ToUnicode::default();
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        let mut entries = 0usize;
        while let Some(token) = lexer.next_token() {
            match token {
                Token::Operand(op) => {
                    if operands.len() < 3 * 10_000 {
                        operands.push(op)
                    }
                }
                Token::Operator(op) => {
                    let ops = std::mem::take(&mut operands);
                    entries += ops.len();
                    if entries > MAX_CMAP_ENTRIES {
                        break;
                    }
                    match op {
                        b"endbfchar" => {
                            for pair in ops.chunks(2) {
                                if let [Operand::Str(src), Operand::Str(dst)] = pair {
                                    if let Some(c) = code(src) {
                                        map.single.insert(c, String::from_utf16_lossy(&utf16(dst)));
                                    }
                                }
                            }
                        }
                        b"endbfrange" => {
                            for triple in ops.chunks(3) {
                                let [Operand::Str(lo), Operand::Str(hi), target] = triple else { continue };
                                let (Some((len, lo)), Some((_, hi))) = (code(lo), code(hi)) else { continue };
                                if hi < lo {
                                    continue;
                                }
                                let target = match target {
                                    Operand::Str(dst) => RangeTarget::Start(utf16(dst)),
                                    Operand::Array(list) => RangeTarget::List(
                                        list.iter()
                                            .map(|o| match o {
                                                Operand::Str(d) => String::from_utf16_lossy(&utf16(d)),
                                                _ => String::new(),
                                            })
                                            .collect(),
                                    ),
                                    _ => continue,
                                };
                                map.ranges.push((len, lo, hi, target));
                            }
                        }
                        b"endcodespacerange" => {
                            for pair in ops.chunks(2) {
                                if let [Operand::Str(lo), Operand::Str(hi)] = pair {
                                    if let (Some((len, lo)), Some((_, hi))) = (code(lo), code(hi)) {
                                        map.code_space.push((len as u8, lo, hi));
                                    }
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        map
    }

    fn get(&self, code: u32, len: usize) -> Option<String> {
        if let Some(t) = self.single.get(&(len, code)) {
            return Some(t.clone());
        }
        // Later entries win, as in readers; ranges are few.
        for (l, lo, hi, target) in self.ranges.iter().rev() {
            if *l != len || code < *lo || code > *hi {
                continue;
            }
            let offset = code - lo;
            return Some(match target {
                RangeTarget::Start(units) => {
                    let mut units = units.clone();
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(offset as u16);
                    }
                    String::from_utf16_lossy(&units)
                }
                RangeTarget::List(list) => list.get(offset as usize).cloned().unwrap_or_default(),
            });
        }
        None
    }
}

/// The 256 characters of a simple font: its base encoding (WinAnsi when
/// not said, as for TrueType fonts) with the Differences applied.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> [Option<char>; 256] {
    let mut table = [None; 256];
    let (base, differences) = match get(doc, dict, b"Encoding") {
        Some(Object::Name(n)) => (n.as_slice(), None),
        Some(Object::Dictionary(d)) => (
            get(doc, d, b"BaseEncoding").and_then(|o| o.as_name().ok()).unwrap_or(b"WinAnsiEncoding"),
            get(doc, d, b"Differences").and_then(|o| o.as_array().ok()),
        ),
        _ => (&b"WinAnsiEncoding"[..], None),
    };
    for (code, slot) in table.iter_mut().enumerate() {
        *slot = base_char(base, code as u8);
    }
    if let Some(list) = differences {
        let mut code: Option<usize> = None;
        for item in list.iter().take(4096) {
            match deref(doc, item) {
                Some(Object::Integer(i)) => code = usize::try_from(*i).ok(),
                Some(Object::Name(name)) => {
                    if let Some(c) = code.filter(|c| *c < 256) {
                        table[c] = glyph_char(name);
                        code = Some(c + 1);
                    }
                }
                _ => {}
            }
        }
    }
    table
}

fn base_char(base: &[u8], code: u8) -> Option<char> {
    match code {
        0x20..=0x7e => Some(match (base, code) {
            (b"StandardEncoding", b'\'') => '’',
            (b"StandardEncoding", b'`') => '‘',
            _ => code as char,
        }),
        0x80..=0x9f if base == b"WinAnsiEncoding" => {
            const CP1252: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
            CP1252.chars().nth(usize::from(code - 0x80)).filter(|c| !c.is_control())
        }
        0xa0..=0xff if base != b"MacRomanEncoding" => Some(char::from(code)),
        _ => None,
    }
}

/// The character of a glyph name (the Adobe names a report's fonts use:
/// `uniXXXX`, `uXXXX`, letters, digits and punctuation).
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Ok(v) = u32::from_str_radix(&hex[..hex.len().min(6)], 16) {
                return char::from_u32(v);
            }
        }
    }
    if name.len() == 1 {
        return name.chars().next();
    }
    const NAMES: [(&str, char); 40] = [
        ("space", ' '),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '−'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("percent", '%'),
        ("slash", '/'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("quoteleft", '‘'),
        ("quoteright", '’'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("endash", '–'),
        ("emdash", '—'),
        ("plus", '+'),
        ("equal", '='),
        ("underscore", '_'),
        ("ampersand", '&'),
        ("numbersign", '#'),
        ("asterisk", '*'),
        ("bullet", '•'),
        ("ellipsis", '…'),
        ("periodcentered", '·'),
    ];
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_ranges_and_chars() {
        let cmap = ToUnicode::parse(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0010> <4E00> endbfchar\n\
              2 beginbfrange <0020> <0029> <0030> <0100> <0102> [<2F00> <D840DC00> <0041>] endbfrange",
        );
        assert_eq!(cmap.get(0x10, 2).as_deref(), Some("一"));
        assert_eq!(cmap.get(0x23, 2).as_deref(), Some("3"));
        assert_eq!(cmap.get(0x100, 2).as_deref(), Some("⼀"));
        assert_eq!(cmap.get(0x101, 2).as_deref(), Some("\u{20000}"));
        assert_eq!(cmap.get(0x23, 1), None);
        assert_eq!(cmap.code_space, vec![(2, 0, 0xffff)]);
    }

    #[test]
    fn huge_width_ranges_are_not_expanded() {
        let doc = Document::new();
        let mut widths = Widths::default();
        let w = vec![Object::Integer(0), Object::Integer(u32::MAX as i64), Object::Integer(500)];
        read_cid_widths(&doc, &w, &mut widths);
        assert_eq!(widths.get(123_456_789), 500.0);
        widths.first = u32::MAX;
        widths.simple = vec![1.0];
        assert_eq!(widths.get(u32::MAX), 1.0);
        assert_eq!(widths.get(0), 500.0);
    }
}
