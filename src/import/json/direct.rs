//! The canonical JSON read directly from its bytes, for the documents that
//! nianbao and other tools write: objects of known keys down to the cells.
//!
//! Why a second reader: in a batch of real-sized reports, serde's visitor
//! calls per key (about 250 keys, each a cell) were most of the import,
//! several times the cost of reading the bytes. This reader walks the
//! layout's address tree as it reads, in about a fifth of the instructions.
//!
//! It reads only what it is sure of. Anything else (every error, and
//! the rare shapes: an escaped key, a key written twice, a cell that is
//! `true` or an array) gives `None`, and the serde reader in the parent
//! module reads the document again and says what is wrong. So there is one
//! reader of errors and one set of messages; the tests check that whatever
//! this reader accepts, the serde reader accepts as the same report.

use super::{read_meta_field, section_key, Prose};
use crate::layout::{AddressNode, AddressStep, CELL_COUNT};
use crate::model::{Report, Value, SCHEMA_2021};
use std::borrow::Cow;

/// The report in `text`, or `None` when the serde reader must read it.
pub(super) fn read(text: &str, prose: Prose) -> Option<Report> {
    let mut reader = Reader {
        text: Cursor { text, at: 0 },
        prose,
        report: Report::new(),
        groups: vec![false; AddressNode::count()],
        cells: vec![false; CELL_COUNT],
        fields: Vec::new(),
    };
    reader.root()?;
    reader.text.skip_space();
    (reader.text.at == text.len()).then_some(reader.report)
}

struct Reader<'t> {
    text: Cursor<'t>,
    prose: Prose,
    report: Report,
    /// The groups and cells read so far: a key written twice is for the
    /// serde reader to report.
    groups: Vec<bool>,
    cells: Vec<bool>,
    /// The root's, `meta`'s and `sections`' keys read so far, by object.
    fields: Vec<(Object, &'t str)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Object {
    Root,
    Meta,
    Sections,
}

impl<'t> Reader<'t> {
    fn root(&mut self) -> Option<()> {
        let mut members = self.text.object()?;
        while members.next(&mut self.text)? {
            let key = self.text.key()?;
            match key {
                "schema" | "meta" | "sections" => {
                    self.first_field(Object::Root, key)?;
                    match key {
                        "schema" => (self.text.plain_string()? == SCHEMA_2021).then_some(())?,
                        "meta" => self.fields(Object::Meta)?,
                        _ => self.fields(Object::Sections)?,
                    }
                }
                table => match AddressNode::ROOT.child(table)? {
                    AddressStep::Group(node) => {
                        first_time(&mut self.groups, node.index())?;
                        self.table(node)?;
                    }
                    AddressStep::Cell(_) => return None,
                },
            }
        }
        Some(())
    }

    fn first_field(&mut self, object: Object, key: &'t str) -> Option<()> {
        if self.fields.contains(&(object, key)) {
            return None;
        }
        self.fields.push((object, key));
        Some(())
    }

    /// A table, row or block (`node`): nested objects down to the cells,
    /// or `null`, left blank.
    fn table(&mut self, node: AddressNode) -> Option<()> {
        if self.text.null() {
            return Some(());
        }
        let mut members = self.text.object()?;
        let mut next = 0;
        while members.next(&mut self.text)? {
            let step = match node.child_at(next) {
                Some((key, step)) if self.text.key_is(key) => {
                    next += 1;
                    step
                }
                _ => node.child_after(self.text.key()?, &mut next)?,
            };
            match step {
                AddressStep::Cell(id) => {
                    first_time(&mut self.cells, id.index())?;
                    match self.text.cell()? {
                        Cell::Null => self.report.set(id, Value::Blank),
                        // What `Value::parse` makes of the digits, without reading them again.
                        Cell::Count(n) => self.report.set(id, Value::Number(n.into())),
                        Cell::Written(written) => self.report.set_parsed(id, &written),
                    }
                }
                AddressStep::Group(child) => {
                    first_time(&mut self.groups, child.index())?;
                    self.table(child)?;
                }
            }
        }
        Some(())
    }

    /// The `meta` or `sections` object.
    fn fields(&mut self, object: Object) -> Option<()> {
        let mut members = self.text.object()?;
        while members.next(&mut self.text)? {
            let key = self.text.key()?;
            self.first_field(object, key)?;
            if object == Object::Meta {
                // A few short values: read as the serde reader reads them.
                let value = serde_json::from_str(self.text.scalar()?).ok()?;
                read_meta_field(key, value, key, &mut self.report).ok()?;
                continue;
            }
            let section = section_key(key, key).ok()?;
            let text = if self.text.null() { None } else { Some(self.text.string()?) };
            if self.prose == Prose::Kept {
                *self.report.sections.get_mut(section) = text.map(Cow::into_owned);
            }
        }
        Some(())
    }
}

/// Marks `index` as read; `None` when it was read before.
fn first_time(seen: &mut [bool], index: usize) -> Option<()> {
    let again = std::mem::replace(seen.get_mut(index)?, true);
    (!again).then_some(())
}

/// A cell's value as it is written.
enum Cell<'t> {
    Null,
    Count(u64),
    /// Any other number's digits, or a string's content.
    Written(Cow<'t, str>),
}

/// A number as it is written.
enum Number<'t> {
    /// A whole number without sign, fraction or exponent, of at most 15
    /// digits: its value is as `Value::parse` reads it.
    Count(u64),
    Written(&'t str),
}

/// The members of an object being read (see [`Cursor::object`]).
struct Members {
    first: bool,
}

impl Members {
    /// Moves to the next member's key: `Some(false)` after the object's `}`.
    fn next(&mut self, text: &mut Cursor) -> Option<bool> {
        match text.peek()? {
            b'}' => {
                text.at += 1;
                return Some(false);
            }
            b',' if !self.first => text.at += 1,
            _ if self.first => {}
            _ => return None,
        }
        self.first = false;
        Some(true)
    }
}

/// A position in the text; every method reads JSON's own grammar (RFC 8259)
/// and gives `None` where the text does not follow it.
struct Cursor<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t [u8] {
        &self.text.as_bytes()[self.at..]
    }

    fn byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.byte() {
            self.at += 1;
        }
    }

    /// The next byte that is not white space (the cursor moved to it).
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.byte()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// `null`, read when it is next.
    fn null(&mut self) -> bool {
        self.skip_space();
        let is_null = self.rest().starts_with(b"null");
        if is_null {
            self.at += 4;
        }
        is_null
    }

    /// The object that comes next: its members are read one by one, the
    /// cursor at each member's key.
    fn object(&mut self) -> Option<Members> {
        self.eat(b'{')?;
        Some(Members { first: true })
    }

    /// A member's key, up to its `:`.
    fn key(&mut self) -> Option<&'t str> {
        let key = self.plain_string()?;
        self.eat(b':')?;
        Some(key)
    }

    /// Reads the key `expected` (and its `:`) when it is the one that comes.
    /// An export's keys come in the layout's order: one comparison each.
    fn key_is(&mut self, expected: &str) -> bool {
        self.skip_space();
        let rest = self.rest();
        let len = expected.len();
        let is = rest.len() > len + 2
            && rest[0] == b'"'
            && rest[len + 1] == b'"'
            && rest[len + 2] == b':'
            && crate::layout::same_key(&rest[1..=len], expected.as_bytes());
        if is {
            self.at += len + 3;
        }
        is
    }

    /// A string without escapes, without its quotes: a key or a short
    /// value, so a plain loop (a SIMD search costs more to set up).
    fn plain_string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let (start, bytes) = (self.at, self.text.as_bytes());
        let mut end = start;
        while bytes.get(end).is_some_and(|&b| PLAIN[usize::from(b)]) {
            end += 1;
        }
        if bytes.get(end) != Some(&b'"') {
            return None;
        }
        self.at = end + 1;
        self.text.get(start..end)
    }

    /// A string, its escapes decoded.
    fn string(&mut self) -> Option<Cow<'t, str>> {
        self.eat(b'"')?;
        let start = self.at;
        let mut decoded: Option<String> = None;
        loop {
            let rest = self.rest();
            let end = crate::bytes::each_of2(b'"', b'\\', rest).next()?;
            if has_control(&rest[..end]) {
                return None;
            }
            let piece = &self.text[self.at..self.at + end];
            self.at += end + 1;
            if rest[end] == b'"' {
                return Some(match decoded {
                    None => Cow::Borrowed(&self.text[start..self.at - 1]),
                    Some(mut decoded) => {
                        decoded.push_str(piece);
                        Cow::Owned(decoded)
                    }
                });
            }
            let decoded = decoded.get_or_insert_with(String::new);
            decoded.push_str(piece);
            decoded.push(self.escape()?);
        }
    }

    /// The character an escape (after its `\`) stands for.
    fn escape(&mut self) -> Option<char> {
        let letter = *self.rest().first()?;
        self.at += 1;
        Some(match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF => {
                        // A pair of escapes for one character beyond the BMP.
                        if !self.rest().starts_with(b"\\u") {
                            return None;
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return None;
                        }
                        char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                    }
                    _ => char::from_u32(unit)?,
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.rest().get(..4)?;
        let mut unit = 0;
        for &d in digits {
            unit = unit * 16 + (d as char).to_digit(16)?;
        }
        self.at += 4;
        Some(unit)
    }

    /// The number at the cursor, checked against JSON's grammar.
    fn number(&mut self) -> Option<Number<'t>> {
        let (bytes, start) = (self.text.as_bytes(), self.at);
        // A count (nearly every cell): digits only, at most 15.
        let mut count = 0u64;
        let mut end = start;
        while let Some(&digit @ b'0'..=b'9') = bytes.get(end) {
            count = count.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
            end += 1;
        }
        let digits = end - start;
        let leading_zero = digits > 1 && bytes[start] == b'0';
        if (1..=15).contains(&digits) && !leading_zero && !matches!(bytes.get(end), Some(b'.' | b'e' | b'E')) {
            self.at = end;
            return Some(Number::Count(count));
        }
        let digits_from = |mut at: usize| {
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            at
        };
        let whole = start + usize::from(bytes.get(start) == Some(&b'-'));
        let mut end = digits_from(whole);
        match end - whole {
            0 => return None,
            1 => {}
            _ if bytes[whole] == b'0' => return None,
            _ => {}
        }
        if bytes.get(end) == Some(&b'.') {
            let fraction = digits_from(end + 1);
            if fraction == end + 1 {
                return None;
            }
            end = fraction;
        }
        if let Some(b'e' | b'E') = bytes.get(end) {
            let sign = end + 1 + usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
            end = digits_from(sign);
            if end == sign {
                return None;
            }
        }
        self.at = end;
        Some(Number::Written(&self.text[start..end]))
    }

    /// A cell's value: `null`, a number or a string.
    fn cell(&mut self) -> Option<Cell<'t>> {
        Some(match self.peek()? {
            b'"' => Cell::Written(self.string()?),
            b'n' if self.null() => Cell::Null,
            _ => match self.number()? {
                Number::Count(count) => Cell::Count(count),
                Number::Written(written) => Cell::Written(Cow::Borrowed(written)),
            },
        })
    }

    /// A string, number, `true`, `false` or `null`, as written.
    fn scalar(&mut self) -> Option<&'t str> {
        let first = self.peek()?;
        let start = self.at;
        match first {
            b'"' => {
                self.string()?;
            }
            b'-' | b'0'..=b'9' => {
                self.number()?;
            }
            _ => {
                let word = ["null", "true", "false"].into_iter().find(|w| self.rest().starts_with(w.as_bytes()))?;
                self.at += word.len();
            }
        }
        Some(&self.text[start..self.at])
    }
}

/// The bytes that a string holds as they are: all but its end (`"`), an
/// escape's start and the control characters.
const PLAIN: [bool; 256] = {
    let mut plain = [true; 256];
    let mut b = 0;
    while b < 0x20 {
        plain[b] = false;
        b += 1;
    }
    plain[b'"' as usize] = false;
    plain[b'\\' as usize] = false;
    plain
};

/// Whether a string's bytes hold a control character, which JSON does not
/// allow unescaped. Without an early exit, so that it is vectorised.
fn has_control(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| found | (b < 0x20))
}

#[cfg(test)]
mod tests {
    use super::super::read_with_serde;
    use super::*;

    /// Whatever the direct reader reads, the serde reader reads as the
    /// same report (with the prose kept or dropped).
    fn agrees(text: &str) -> bool {
        let direct = read(text, Prose::Kept);
        if let Some(report) = &direct {
            let by_serde = read_with_serde(text, Prose::Kept);
            assert_eq!(Some(report), by_serde.as_ref().ok().map(|i| &i.report), "{text}");
            // Numbers equal as values are also written alike (`1` is not `1.0`).
            let shown = |r: &Report| crate::layout::all_cells().map(|id| r.value(id).to_string()).collect::<Vec<_>>();
            assert_eq!(shown(report), shown(&by_serde.unwrap().report), "{text}");
        }
        let glance = read(text, Prose::Dropped);
        assert_eq!(glance.is_some(), direct.is_some(), "{text}");
        if let (Some(glance), Some(whole)) = (glance, direct.as_ref()) {
            let mut without_prose = whole.clone();
            without_prose.sections = Default::default();
            assert_eq!(glance, without_prose, "{text}");
        }
        direct.is_some()
    }

    /// A NUL anywhere in an export makes the direct reader give way
    /// ([`super::read`] relies on it to skip the search for NUL).
    #[test]
    fn gives_way_on_a_nul_anywhere() {
        for text in exported(11) {
            let bytes = text.as_bytes();
            for at in (0..=bytes.len()).step_by(7) {
                let with_nul = [&bytes[..at], b"\0", &bytes[at..]].concat();
                if let Ok(text) = std::str::from_utf8(&with_nul) {
                    assert!(read(text, Prose::Kept).is_none(), "NUL at {at}");
                    assert!(read(text, Prose::Dropped).is_none(), "NUL at {at}");
                }
            }
        }
    }

    fn exported(seed: u64) -> Vec<String> {
        (0..4)
            .map(|i| crate::batch::synthetic::report(seed, i, 2025))
            .flat_map(|r| {
                let json = crate::render::to_json(&r);
                [json.to_string(), serde_json::to_string_pretty(&json).unwrap()]
            })
            .collect()
    }

    #[test]
    fn reads_every_exported_report_as_serde_does() {
        for text in exported(7) {
            assert!(agrees(&text), "the direct reader gave way on an export:\n{text}");
        }
    }

    #[test]
    fn gives_way_on_what_it_does_not_read() {
        let cases: [&str; 22] = [
            r#"{"meta":{"organ":"甲"},"meta":{}}"#,
            r#"{"active":{"fees":1},"active":{}}"#,
            r#"{"active":{"fees":1,"fees":2}}"#,
            r#"{"active":{"fee\u0073":1}}"#,
            r#"{"active":{"fees":01}}"#,
            r#"{"active":{"fees":1.}}"#,
            r#"{"active":{"fees":-}}"#,
            r#"{"active":{"fees":1e}}"#,
            r#"{"active":{"fees":true}}"#,
            r#"{"active":{"fees":[1]}}"#,
            r#"{"active":{"fees":1,}}"#,
            r#"{"active":{"fees":1} "meta":{}}"#,
            r#"{"active":{"fees":1}} x"#,
            r#"{"active":{"feez":1}}"#,
            r#"{"schema":"x"}"#,
            r#"{"meta":{"year":"二〇二五"}}"#,
            r#"{"meta":{"organ":["甲"]}}"#,
            r#"{"meta":null}"#,
            r#"{"sections":{"overview":"\ud800"}}"#,
            r#"{"sections":{"overview":"\q"}}"#,
            "{\"sections\":{\"overview\":\"a\u{1}b\"}}",
            "[]",
        ];
        for text in cases {
            assert!(!agrees(text), "{text}");
        }
        let schema = format!(r#"{{"schema":"{SCHEMA_2021}","active":{{"fees":0}}}}"#);
        let read_alike: [&str; 8] = [
            r#"{}"#,
            " {\n\t\"active\" : { \"fees\" : -1.5E+3 } } \r\n",
            r#"{"active":null,"requests":{"new_received":null}}"#,
            r#"{"active":{"fees":"1,271.5"},"review_litigation":{"review":{"total":"\u2014"}}}"#,
            r#"{"sections":{"overview":"第一行\n\"引号\"\\ \/ \ud83d\ude00 \u00e9","problems":null}}"#,
            r#"{"meta":{"organ":"甲\u3000局","year":2025,"organ_kind":"department","published_on":""}}"#,
            r#"{"meta":{"year":"2025","title":null}}"#,
            &schema,
        ];
        for text in read_alike {
            assert!(agrees(text), "{text}");
        }
    }

    /// Exports with random edits (bytes that JSON gives meaning to, and
    /// copied pieces): the direct reader never reads one otherwise than
    /// the serde reader.
    #[test]
    fn never_reads_an_edited_export_otherwise_than_serde() {
        const PIECES: [&str; 22] = [
            "\"",
            "\\",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            " ",
            "0",
            "-",
            ".",
            "e",
            "E+",
            "null",
            "true",
            "\\u",
            "d800",
            "\n",
            "\u{1}",
            "\"fees\":1,",
            "\"total\":",
        ];
        let mut rng = crate::batch::synthetic::Rng::new(19);
        let mut random = move |below: usize| rng.below(below as u64) as usize;
        let boundary = |text: &str, mut at: usize| {
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let mut read_directly = 0;
        for (n, export) in exported(11).iter().cycle().take(400).enumerate() {
            let mut text = export.clone();
            for _ in 0..1 + n % 3 {
                let at = boundary(&text, random(text.len() + 1));
                match random(3) {
                    0 => text.insert_str(at, PIECES[random(PIECES.len())]),
                    1 => {
                        let end = text[at..].char_indices().nth(1).map_or(text.len(), |(i, _)| at + i);
                        text.replace_range(at..end, "");
                    }
                    _ => {
                        let from = boundary(&text, at.saturating_sub(random(40)));
                        let piece = text[from..at].to_string();
                        text.insert_str(at, &piece);
                    }
                }
            }
            read_directly += usize::from(agrees(&text));
        }
        // Some edits leave a readable report (a digit added, a space): the
        // comparison above is then of two reports.
        assert!(read_directly > 40, "{read_directly}");
    }
}
