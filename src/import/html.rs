//! Web pages: a whole saved page of a published report (with the site's
//! navigation around it), Word/WPS-exported HTML (`mso-*` styles,
//! conditional comments), and the `text/html` the clipboard carries when a
//! user copies a table.
//!
//! A small tolerant parser (no crate: an HTML5 parser such as html5ever
//! would add several hundred KB to the wasm module for what a report page
//! needs): tags, attributes, entities, implied end tags of `p`/`td`/`tr`/`li`,
//! `rowspan`/`colspan`. Tables that hold other tables are page layout, not
//! data: their cells are read as text. The report is the part of the page
//! that holds its headings and tables (their nearest common container);
//! menus and footers outside it are dropped.

use super::css::GeneratedContent;
use super::document::{assemble, heading, Block};
use super::{Format, Imported};
use crate::error::ImportError;
use crate::layout::Slot;
use std::borrow::Cow;

use crate::limits::{
    MAX_HTML_DEPTH as MAX_DEPTH, MAX_HTML_NODES as MAX_NODES, MAX_HTML_SPAN as MAX_SPAN, MAX_TABLE_COLUMNS,
    MAX_TABLE_ROWS, MAX_TABLE_SLOTS as MAX_SLOTS, MAX_TEXT_LINES,
};
use std::rc::Rc;

/// Reads a saved web page.
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = decode(bytes)?;
    import_str(&text)
}

/// Reads HTML from a string (the clipboard's `text/html`).
pub fn import_str(html: &str) -> Result<Imported, ImportError> {
    let page = read_page(html)?;
    let mut imported = assemble(&page.blocks, Format::Html, "网页")?;
    // One warning for all that no cell can name.
    if page.generated_outside_cells
        && !imported.findings.iter().any(|f| f.rule == crate::RuleCode::S8 && f.cells.is_empty())
    {
        imported.findings.push(crate::rules::structure::hidden_elsewhere());
    }
    Ok(imported)
}

/// Decodes a page: UTF-8, else the charset its `<meta>` names (GBK pages
/// are common on older government sites).
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    #[cfg(not(feature = "encodings"))]
    return Err(ImportError::new("网页不是 UTF-8 编码：此版本未包含 GBK 等编码的支持"));
    #[cfg(feature = "encodings")]
    {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
        let label = head.split("charset=").nth(1).map(|rest| {
            rest.trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        });
        let encoding =
            label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::GB18030);
        let (text, _, _) = encoding.decode(bytes);
        Ok(Cow::Owned(text.into_owned()))
    }
}

/// A node of the parsed page. Names, attribute values and text borrow from
/// the page unless lower-casing or entities changed them.
#[derive(Debug)]
enum Node<'a> {
    Element { name: Cow<'a, str>, attrs: Vec<Attr<'a>>, children: Vec<usize> },
    Text(Cow<'a, str>),
}

type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

struct Tree<'a> {
    nodes: Vec<Node<'a>>,
    /// The text of the page's `<style>` elements.
    style_sheets: Vec<&'a str>,
}

/// The name of element `id` (empty for text).
fn name_of<'t>(nodes: &'t [Node], id: usize) -> &'t str {
    match &nodes[id] {
        Node::Element { name, .. } => name,
        Node::Text(_) => "",
    }
}

/// `s` in ASCII lower case, borrowed when it already is.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];
const RAW: &[&str] = &["script", "style", "textarea", "title", "xml", "noscript"];

fn parse<'a>(html: &'a str) -> Result<Tree<'a>, ImportError> {
    let mut nodes = vec![Node::Element { name: "#root".into(), attrs: Vec::new(), children: Vec::new() }];
    let mut style_sheets = Vec::new();
    let mut stack: Vec<usize> = vec![0];
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let push = |nodes: &mut Vec<Node<'a>>, stack: &Vec<usize>, node: Node<'a>| -> Result<usize, ImportError> {
        if nodes.len() >= MAX_NODES {
            return Err(ImportError::new("网页过于复杂（元素过多），超过处理上限"));
        }
        let id = nodes.len();
        nodes.push(node);
        let parent = *stack.last().expect("root");
        if let Node::Element { children, .. } = &mut nodes[parent] {
            children.push(id);
        }
        Ok(id)
    };
    let flush_text =
        |nodes: &mut Vec<Node<'a>>, stack: &Vec<usize>, from: usize, to: usize| -> Result<(), ImportError> {
            if to > from {
                let raw = &html[from..to];
                if !raw.is_empty() {
                    push(nodes, stack, Node::Text(unescape(raw)))?;
                }
            }
            Ok(())
        };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            i = html[i..].find('<').map_or(bytes.len(), |next| i + next);
            continue;
        }
        // A comment, a doctype, a CDATA section or a Word conditional.
        if html[i..].starts_with("<!--") {
            flush_text(&mut nodes, &stack, text_start, i)?;
            let end = html[i + 4..].find("-->").map(|e| i + 4 + e + 3).unwrap_or(bytes.len());
            i = end;
            text_start = i;
            continue;
        }
        if html[i..].starts_with("<!") || html[i..].starts_with("<?") {
            flush_text(&mut nodes, &stack, text_start, i)?;
            let end = html[i..].find('>').map(|e| i + e + 1).unwrap_or(bytes.len());
            i = end;
            text_start = i;
            continue;
        }
        let closing = bytes.get(i + 1) == Some(&b'/');
        let name_start = if closing { i + 2 } else { i + 1 };
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b':' || *b == b'-' || *b == b'_')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i += 1; // a lone '<' in text
            continue;
        }
        flush_text(&mut nodes, &stack, text_start, i)?;
        let raw_name = &html[name_start..name_start + name_len];
        // Namespaced Word tags (o:p, v:shape, w:sdt) count by their local name.
        let local = raw_name.bytes().rposition(|b| b == b':').map_or(raw_name, |colon| &raw_name[colon + 1..]);
        let name = lowercase(local);
        let (attrs, end, self_closing) = attributes(html, name_start + name_len);
        i = end;
        text_start = i;
        if closing {
            // Close the nearest open element of that name (ignored if none,
            // or if a table boundary is in between for cell-level tags).
            let barrier = |n: &str| matches!(n, "table") && name != "table";
            let mut found = None;
            for (k, id) in stack.iter().enumerate().rev().take(stack.len() - 1) {
                let n = name_of(&nodes, *id);
                if n == name {
                    found = Some(k);
                    break;
                }
                if barrier(n) {
                    break;
                }
            }
            if let Some(k) = found {
                stack.truncate(k);
            }
            continue;
        }
        // Implied end tags.
        let implied: &[&str] = match name.as_ref() {
            "td" | "th" => &["td", "th", "p", "span", "font", "b", "strong"],
            "tr" => &["tr", "td", "th", "p", "span", "font", "b", "strong"],
            "tbody" | "thead" | "tfoot" => &["tbody", "thead", "tfoot", "tr", "td", "th", "p", "span", "font"],
            "li" => &["li", "p"],
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table" | "ul" | "ol" => &["p"],
            _ => &[],
        };
        if !implied.is_empty() {
            // Pop the elements the new tag closes, never past the innermost
            // table (cells of an outer table stay open around an inner one).
            let table_at = stack.iter().rposition(|id| name_of(&nodes, *id) == "table").unwrap_or(0);
            let mut k = stack.len();
            while k > 1 && k - 1 > table_at && implied.contains(&name_of(&nodes, stack[k - 1])) {
                k -= 1;
            }
            stack.truncate(k);
        }
        let raw = RAW.contains(&name.as_ref());
        let void = self_closing || VOID.contains(&name.as_ref());
        let id = push(&mut nodes, &stack, Node::Element { name, attrs, children: Vec::new() })?;
        if raw {
            // Skip to the closing tag; the content is not text of the page.
            let close = format!("</{}", raw_name.to_ascii_lowercase());
            let end = find_ci(html, i, &close).unwrap_or(bytes.len());
            if raw_name.eq_ignore_ascii_case("style") {
                style_sheets.push(&html[i..end]);
            }
            i = html[end..].find('>').map(|e| end + e + 1).unwrap_or(bytes.len());
            text_start = i;
            continue;
        }
        if !void && stack.len() < MAX_DEPTH {
            stack.push(id);
        }
    }
    flush_text(&mut nodes, &stack, text_start, bytes.len())?;
    Ok(Tree { nodes, style_sheets })
}

/// Finds `needle` (ASCII, starting with `<`) case-insensitively from `from`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let mut at = from;
    while let Some(next) = hay.get(at..)?.find('<') {
        let k = at + next;
        if h.get(k..k + n.len()).is_some_and(|w| w.eq_ignore_ascii_case(n)) {
            return Some(k);
        }
        at = k + 1;
    }
    None
}

/// Parses the attributes after a tag name: (attributes, end of the tag, self-closing).
fn attributes(html: &str, mut i: usize) -> (Vec<Attr<'_>>, usize, bool) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            if b[i] == b'/' {
                self_closing = true;
            }
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len(), self_closing);
        }
        if b[i] == b'>' {
            return (attrs, i + 1, self_closing);
        }
        self_closing = false;
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = lowercase(&html[start..i]);
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = Cow::Borrowed("");
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let end = html[i + 1..].bytes().position(|c| c == q).map(|e| i + 1 + e).unwrap_or(b.len());
                value = unescape(&html[i + 1..end]);
                i = (end + 1).min(b.len());
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = unescape(&html[start..i]);
            }
        }
        if attrs.len() < 64 && !key.is_empty() {
            attrs.push((key, value));
        }
    }
}

/// Decodes character references.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..].find(|c: char| c == ';' || !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1);
        let (name, consumed) = match end {
            Some(e) if rest.as_bytes().get(e) == Some(&b';') => (&rest[1..e], e + 1),
            Some(e) => (&rest[1..e], e),
            None => (&rest[1..], rest.len()),
        };
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.and_then(char::from_u32).map(String::from)
        } else {
            match name {
                "nbsp" | "ensp" | "emsp" | "thinsp" => Some(" ".into()),
                "amp" => Some("&".into()),
                "lt" => Some("<".into()),
                "gt" => Some(">".into()),
                "quot" => Some("\"".into()),
                "apos" => Some("'".into()),
                "ldquo" => Some("“".into()),
                "rdquo" => Some("”".into()),
                "lsquo" => Some("‘".into()),
                "rsquo" => Some("’".into()),
                "mdash" => Some("—".into()),
                "ndash" => Some("–".into()),
                "hellip" => Some("…".into()),
                "middot" => Some("·".into()),
                "times" => Some("×".into()),
                "yen" => Some("¥".into()),
                _ => None,
            }
        };
        match decoded {
            Some(d) if !name.is_empty() => {
                out.push_str(&d);
                rest = &rest[consumed..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "form",
    "center",
    "address",
    "aside",
    "main",
    "caption",
    "hr",
    "body",
    "html",
    "tbody",
    "thead",
    "tfoot",
];

/// A block with the elements it lies in (for finding the report's container).
/// (Shared: the lines of one element hold one copy, not one each — 250
/// nested spans around 490 000 `<br>`s once cost a gigabyte.)
struct Placed {
    block: Block,
    ancestors: Rc<[usize]>,
}

struct Walker<'a> {
    tree: &'a Tree<'a>,
    /// The elements the page's style sheets add text to.
    generated: GeneratedContent,
    /// Whether a style sheet adds text to a row or a whole data table.
    generated_outside_cells: bool,
    /// For each node: whether a table lies inside it.
    has_table: Vec<bool>,
    /// Grid slots made so far (bounded: colspans can multiply cells).
    slots: usize,
    out: Vec<Placed>,
    line: String,
    line_align: (bool, bool),
    ancestors: Vec<usize>,
    /// `ancestors` as shared by the lines placed since it last changed.
    shared_ancestors: Option<Rc<[usize]>>,
    line_ancestors: Rc<[usize]>,
}

fn attr<'a>(attrs: &'a [Attr], key: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_ref())
}

/// (right, center) alignment of an element.
fn alignment(attrs: &[Attr]) -> (bool, bool) {
    let align = attr(attrs, "align").unwrap_or("").to_ascii_lowercase();
    let style = attr(attrs, "style").unwrap_or("").to_ascii_lowercase().replace(' ', "");
    (align == "right" || style.contains("text-align:right"), align == "center" || style.contains("text-align:center"))
}

/// Whether a reader does not see the element: not content (scripts,
/// forms), or hidden by its own style — `display:none`,
/// `visibility:hidden`, a zero font size — or the `hidden` attribute. A
/// figure hidden so (`<span style="font-size:0">2</span>`) is not read: the
/// checker reads what a reader sees. (Text a style sheet generates, CSS
/// `::before`/`::after` content, is not in the page's text and not read
/// either.) In a table cell either is flagged (S8, [`cell_text`]): the
/// figure shown may not be the one read.
fn hidden(name: &str, attrs: &[Attr]) -> bool {
    matches!(name, "head" | "select" | "option" | "button" | "iframe" | "svg" | "object")
        || RAW.contains(&name)
        || hidden_by_style(attrs)
}

/// Whether the element's own style or `hidden` attribute hides it.
fn hidden_by_style(attrs: &[Attr]) -> bool {
    if attr(attrs, "hidden").is_some() {
        return true;
    }
    let Some(style) = attr(attrs, "style") else { return false };
    let style = style.to_ascii_lowercase().replace([' ', '\t', '\n', '\r'], "");
    style.contains("display:none") || style.contains("visibility:hidden") || zero_font_size(&style)
}

/// `font-size:0`, `0px`, `0pt`, `0em`, `0%`… (and `.0`), in a style
/// without spaces.
fn zero_font_size(style: &str) -> bool {
    style.split(';').any(|decl| {
        decl.strip_prefix("font-size:").is_some_and(|value| {
            let number: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            !number.is_empty() && number.chars().all(|c| c == '0' || c == '.') && number.contains('0')
        })
    })
}

impl Walker<'_> {
    fn end_line(&mut self) {
        let text = clean_text(&self.line);
        if !text.is_empty() {
            let (right, center) = self.line_align;
            self.out.push(Placed {
                block: Block::Paragraph { text, title: false, signature: false, right, center },
                ancestors: std::mem::replace(&mut self.line_ancestors, Rc::from([])),
            });
        }
        self.line.clear();
        self.line_align = (false, false);
    }

    fn walk(&mut self, id: usize) -> Result<(), ImportError> {
        match &self.tree.nodes[id] {
            Node::Text(t) => {
                if self.line.trim().is_empty() && !t.trim().is_empty() {
                    if self.out.len() >= MAX_TEXT_LINES {
                        return Err(ImportError::new("网页的段落过多（超过 20 万段），超过处理上限"));
                    }
                    let ancestors = &self.ancestors;
                    self.line_ancestors =
                        self.shared_ancestors.get_or_insert_with(|| Rc::from(ancestors.as_slice())).clone();
                }
                self.line.push_str(t);
            }
            Node::Element { name, attrs, children } => {
                if hidden(name, attrs) {
                    return Ok(());
                }
                if name == "br" {
                    self.end_line();
                    return Ok(());
                }
                if name == "table" && !self.has_table[id] {
                    self.end_line();
                    let grid = self.table_grid(id)?;
                    if !grid.is_empty() {
                        let mut ancestors = self.ancestors.clone();
                        ancestors.push(id);
                        self.out.push(Placed { block: Block::Table(grid), ancestors: ancestors.into() });
                    }
                    return Ok(());
                }
                let block = BLOCKS.contains(&name.as_ref());
                let align = if block { alignment(attrs) } else { (false, false) };
                if block {
                    self.end_line();
                    if align != (false, false) {
                        self.line_align = align;
                    }
                }
                self.ancestors.push(id);
                self.shared_ancestors = None;
                for &child in children {
                    self.walk(child)?;
                }
                self.ancestors.pop();
                self.shared_ancestors = None;
                if block {
                    if align != (false, false) {
                        self.line_align = align;
                    }
                    self.end_line();
                }
            }
        }
        Ok(())
    }

    /// Whether a style sheet adds text to element `id`.
    fn generated_for(&self, id: usize) -> bool {
        match &self.tree.nodes[id] {
            Node::Element { name, attrs, .. } => self.generated.matches(name, |key| attr(attrs, key)),
            Node::Text(_) => false,
        }
    }

    /// A data table as a physical grid (rowspan/colspan as covered slots).
    fn table_grid(&mut self, table: usize) -> Result<Vec<Vec<Slot>>, ImportError> {
        // Rows: tr elements under the table (through tbody/thead/tfoot).
        // (A row inside a hidden row group is hidden with it.)
        let mut rows: Vec<(usize, bool)> = Vec::new();
        let mut todo: Vec<(usize, bool)> = vec![(table, false)];
        while let Some((id, hidden_above)) = todo.pop() {
            if let Node::Element { name, attrs, children } = &self.tree.nodes[id] {
                if self.generated_for(id) && !matches!(name.as_ref(), "td" | "th") {
                    self.generated_outside_cells = true;
                }
                let hidden_here = hidden_above || (id != table && hidden_by_style(attrs));
                if name == "tr" && id != table {
                    rows.push((id, hidden_here));
                    continue;
                }
                for &c in children.iter().rev() {
                    todo.push((c, hidden_here));
                }
            }
        }
        let too_big = || ImportError::new("网页中的表格过大，超过处理上限");
        if rows.len() > MAX_TABLE_ROWS {
            return Err(too_big());
        }
        let mut grid: Vec<Vec<Slot>> = Vec::new();
        // carry[c] = rows still covered in column c.
        let mut carry: Vec<usize> = Vec::new();
        for &(tr, row_hidden) in &rows {
            let Node::Element { children, .. } = &self.tree.nodes[tr] else { continue };
            let mut row: Vec<Slot> = Vec::new();
            let mut col = 0;
            let cells: Vec<usize> = children
                .iter()
                .copied()
                .filter(|&c| matches!(&self.tree.nodes[c], Node::Element { name, .. } if name == "td" || name == "th"))
                .collect();
            let skip_carried = |col: &mut usize, row: &mut Vec<Slot>, carry: &mut Vec<usize>| {
                while *col < carry.len() && carry[*col] > 0 {
                    carry[*col] -= 1;
                    row.push(Slot::covered());
                    *col += 1;
                }
            };
            for cell in cells {
                skip_carried(&mut col, &mut row, &mut carry);
                let Node::Element { attrs, .. } = &self.tree.nodes[cell] else { continue };
                let span = |k: &str| {
                    attr(attrs, k).and_then(|v| v.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, MAX_SPAN)
                };
                let (rowspan, colspan) = (span("rowspan"), span("colspan"));
                if col + colspan > MAX_TABLE_COLUMNS {
                    return Err(too_big());
                }
                let mut text = Some(if row_hidden {
                    // What a hidden row holds is not seen: not read, flagged.
                    Slot { hidden: has_text(self.tree, cell), ..Slot::default() }
                } else {
                    cell_text(self.tree, cell, &self.generated)
                });
                for k in 0..colspan {
                    row.push(match text.take() {
                        Some(slot) => slot,
                        None => Slot::covered(),
                    });
                    if carry.len() <= col + k {
                        carry.resize(col + k + 1, 0);
                    }
                    carry[col + k] = rowspan - 1;
                }
                col += colspan;
            }
            skip_carried(&mut col, &mut row, &mut carry);
            self.slots += row.len();
            if self.slots > MAX_SLOTS {
                return Err(too_big());
            }
            grid.push(row);
        }
        // Rows spanning past the end of the table leave nothing to fill.
        let width = grid.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut grid {
            row.resize(width, Slot::default());
        }
        grid.retain(|row| !row.is_empty());
        Ok(grid)
    }
}

/// A table cell as a slot: its paragraphs on lines; a number split
/// across spans (`<span>2</span> <span>0</span>`) joined. Text hidden by a
/// style is not read, and the slot is marked `hidden` when the cell holds
/// some, or when a style sheet adds text to the cell or an element in it:
/// what a reader sees may not be what is read (S8).
fn cell_text(tree: &Tree, cell: usize, generated: &GeneratedContent) -> Slot {
    let generated_for = |name: &str, attrs: &[Attr]| generated.matches(name, |key| attr(attrs, key));
    // Most cells hold one plain text node.
    if let Node::Element { name, attrs, children } = &tree.nodes[cell] {
        if let [only] = children[..] {
            if let Node::Text(t) = &tree.nodes[only] {
                if !hidden(name, attrs) && !generated_for(name, attrs) {
                    return Slot::text(compact_number(clean_text(t)));
                }
            }
        }
    }
    let mut lines: Vec<String> = vec![String::new()];
    let mut concealed = false;
    walk_cell(tree, cell, &mut lines, &mut concealed, &generated_for);
    let lines: Vec<String> = lines.iter().map(|l| clean_text(l)).filter(|l| !l.is_empty()).collect();
    let mut slot = Slot::text(compact_number(lines.join("\n")));
    slot.hidden = concealed;
    slot
}

/// [`cell_text`]'s walk: the text of `id` onto `lines`; `concealed` set
/// when text is hidden or generated.
fn walk_cell(
    tree: &Tree,
    id: usize,
    lines: &mut Vec<String>,
    concealed: &mut bool,
    generated_for: &dyn Fn(&str, &[Attr]) -> bool,
) {
    match &tree.nodes[id] {
        Node::Text(t) => lines.last_mut().expect("one line").push_str(t),
        Node::Element { name, attrs, children } => {
            if hidden(name, attrs) {
                *concealed |= hidden_by_style(attrs) && has_text(tree, id);
                return;
            }
            *concealed |= generated_for(name, attrs);
            let block = name == "br" || name == "p" || name == "div" || name == "li";
            if block && !lines.last().expect("one line").trim().is_empty() {
                lines.push(String::new());
            }
            for &c in children {
                walk_cell(tree, c, lines, concealed, generated_for);
            }
            if block && !lines.last().expect("one line").trim().is_empty() {
                lines.push(String::new());
            }
        }
    }
}

/// Whether any text under `id` is more than white space.
fn has_text(tree: &Tree, id: usize) -> bool {
    let mut todo = vec![id];
    while let Some(id) = todo.pop() {
        match &tree.nodes[id] {
            Node::Text(t) => {
                if t.chars().any(|c| !c.is_whitespace() && c != '\u{a0}' && c != '\u{200b}' && c != '\u{feff}') {
                    return true;
                }
            }
            Node::Element { children, .. } => todo.extend(children),
        }
    }
    false
}

/// A figure split by spaces (`2 0`) joined; any other text as it is.
fn compact_number(text: String) -> String {
    let numeric = text.chars().all(|c| c.is_whitespace() || c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        && text.chars().any(|c| c.is_ascii_digit());
    if numeric && text.contains(char::is_whitespace) {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        text
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}' | '\u{2018}'..='\u{201d}')
}

/// Collapses HTML whitespace; a line break in the source between two
/// Chinese characters is no space at all.
/// (A space typed between a Chinese character and a figure, “红寺堡区 2025
/// 年”, is what a reader sees and is kept: only line breaks are dropped.)
fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Whitespace since the last character: none, spaces only, or a line break.
    let mut pending: Option<bool> = None;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}' || c == '\u{feff}' {
            if !out.is_empty() {
                let line_break = matches!(c, '\n' | '\r');
                pending = Some(pending.unwrap_or(false) || line_break);
            }
            continue;
        }
        if let Some(line_break) = pending.take() {
            let prev = out.chars().last().unwrap_or(' ');
            if !(line_break && (is_cjk(prev) || is_cjk(c))) {
                out.push(' ');
            }
        }
        out.push(c);
    }
    out
}

/// A page as read: its blocks, and what about its tables it cannot put on
/// a cell.
struct Page {
    blocks: Vec<Block>,
    /// A style sheet adds text to a row or a whole data table (S8).
    generated_outside_cells: bool,
}

/// The blocks of a page: the part that holds the report's headings and
/// tables, with the title line before it.
pub fn blocks(html: &str) -> Result<Vec<Block>, ImportError> {
    read_page(html).map(|page| page.blocks)
}

fn read_page(html: &str) -> Result<Page, ImportError> {
    let tree = parse(html)?;
    // Children come after their parent in the arena: one backward pass.
    let mut has_table = vec![false; tree.nodes.len()];
    for id in (0..tree.nodes.len()).rev() {
        if let Node::Element { children, .. } = &tree.nodes[id] {
            has_table[id] = children
                .iter()
                .any(|&c| has_table[c] || matches!(&tree.nodes[c], Node::Element { name, .. } if name == "table"));
        }
    }
    let mut walker = Walker {
        tree: &tree,
        generated: GeneratedContent::of(&tree.style_sheets),
        generated_outside_cells: false,
        has_table,
        slots: 0,
        out: Vec::new(),
        line: String::new(),
        line_align: (false, false),
        ancestors: Vec::new(),
        shared_ancestors: None,
        line_ancestors: Rc::from([]),
    };
    walker.walk(0)?;
    walker.end_line();
    let placed = walker.out;
    let generated_outside_cells = walker.generated_outside_cells;
    // The report's container: the deepest element holding every heading
    // and every table.
    let marks: Vec<&Placed> = placed
        .iter()
        .filter(|p| match &p.block {
            Block::Paragraph { text, .. } => heading(text).is_some(),
            Block::Table(_) => true,
        })
        .collect();
    let Some(first) = marks.first() else {
        return Ok(Page { blocks: placed.into_iter().map(|p| p.block).collect(), generated_outside_cells });
    };
    let mut common: Vec<usize> = first.ancestors.to_vec();
    for m in &marks[1..] {
        let n = common.iter().zip(m.ancestors.iter()).take_while(|(a, b)| a == b).count();
        common.truncate(n);
    }
    let inside = |p: &Placed| p.ancestors.len() >= common.len() && p.ancestors[..common.len()] == common[..];
    let start = placed.iter().position(&inside).unwrap_or(0);
    let mut out = Vec::new();
    // The title often stands just above the article body (an h1 of the page).
    // (A body line “政府信息公开工作年度报告” without the year and organ does
    // not count.)
    let titled = |p: &&Placed| {
        matches!(&p.block, Block::Paragraph { text, .. }
            if text.contains("年度报告") && text.chars().count() <= 80 && text.chars().any(|c| c.is_ascii_digit()))
    };
    let body_has_title = placed.iter().filter(|p| inside(p)).take(3).any(|p| titled(&p));
    if !body_has_title {
        if let Some(t) = placed[..start].iter().rev().find(titled) {
            if let Block::Paragraph { text, .. } = &t.block {
                out.push(Block::Paragraph {
                    text: text.clone(),
                    title: true,
                    signature: false,
                    right: false,
                    center: true,
                });
            }
        }
    }
    out.extend(placed.into_iter().filter(|p| inside(p)).map(|p| p.block));
    Ok(Page { blocks: out, generated_outside_cells })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_whitespace() {
        assert_eq!(unescape("a&nbsp;b&amp;c&#20108;&#x4E09;&bogus;"), "a b&c二三&bogus;");
        // A line break between Chinese characters is no space; a typed space is kept.
        assert_eq!(clean_text(" 收到\n  申请 12 件 "), "收到申请 12 件");
        assert_eq!(clean_text("红寺堡区 2025 年"), "红寺堡区 2025 年");
        assert_eq!(clean_text("a  b"), "a b");
    }

    #[test]
    fn spans_merge_and_split_numbers() {
        let html = "<table><tr><td rowspan=2>A</td><td colspan=2>B</td></tr><tr><td><span>2</span>\n<span>0</span></td><td>&nbsp;<font>0</font></td></tr></table>";
        let blocks = blocks(html).unwrap();
        let Block::Table(g) = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(g.len(), 2);
        assert_eq!(g[0][0].text, "A");
        assert!(g[0][2].covered);
        assert!(g[1][0].covered);
        assert_eq!(g[1][1].text, "20");
        assert_eq!(g[1][2].text, "0");
    }

    #[test]
    fn upper_case_and_namespaced_tags_and_raw_text() {
        let html = "<HTML><STYLE>td { x: '<td>' }</Style><BODY><P ALIGN=CENTER>一、总体情况<o:p></o:p></P>\
                    <TABLE><TR><TD COLSPAN=\"2\">A&amp;B</TD></TR><TR><TD>1<TD>2</TABLE><script>a<b</SCRIPT>";
        let blocks = blocks(html).unwrap();
        assert!(
            matches!(&blocks[0], Block::Paragraph { text, center: true, .. } if text == "一、总体情况"),
            "{blocks:?}"
        );
        let Block::Table(g) = &blocks[1] else { panic!("{blocks:?}") };
        assert_eq!((g[0][0].text.as_str(), g[0][1].covered, g[1][1].text.as_str()), ("A&B", true, "2"));
        assert_eq!(blocks.len(), 2, "{blocks:?}");
    }

    #[test]
    fn implied_end_tags_and_layout_tables() {
        let html = "<table><tr><td><p>menu<table><tr><td>x<td>y</table></td></tr></table><p>一、总体情况<p>正文";
        let blocks = blocks(html).unwrap();
        assert!(
            blocks.iter().any(|b| matches!(b, Block::Table(g) if g[0].len() == 2 && g[0][1].text == "y")),
            "{blocks:?}"
        );
    }

    #[test]
    fn span_floods_are_bounded() {
        let row = "<tr><td colspan=99>a<td colspan=99 rowspan=99>b<td colspan=99>c";
        let html = format!("<table>{}</table>", row.repeat(4_000)).repeat(5);
        let e = import_str(&html).unwrap_err();
        assert!(e.message.contains("上限"), "{e}");
        let nested = format!("{}一、总体情况", "<table><tr><td>".repeat(5_000));
        assert!(import_str(&nested).is_ok());
    }

    #[test]
    fn hidden_text_is_not_read() {
        let hidden = |style: &str| super::hidden("span", &[(Cow::Borrowed("style"), Cow::Owned(style.to_string()))]);
        for style in [
            "font-size:0",
            "font-size: 0px",
            "FONT-SIZE:0.0em",
            "color:red;font-size:0pt",
            "display: none",
            "visibility:hidden",
        ] {
            assert!(hidden(style), "{style}");
        }
        for style in ["font-size:0.5em", "font-size:10px", "font-size:12pt;color:red", "visibility:visible"] {
            assert!(!hidden(style), "{style}");
        }
    }

    #[test]
    fn unrelated_pages_are_an_error() {
        let e = import_str("<html><body><p>欢迎访问</p></body></html>").unwrap_err();
        assert!(e.message.contains("没有找到年度报告"), "{e}");
    }
}
