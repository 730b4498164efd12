//! The little of CSS the web importer needs: which elements a page's style
//! sheets add text to (`::before`/`::after` with a `content:`) that could
//! change how a figure reads — a digit, a sign, a decimal point, a Chinese
//! numeral, an attribute's value or a counter — so that a table cell whose
//! displayed figure a style sheet may change is flagged (S8) instead of
//! silently read as its text. (A mark such as nianbao's own “✖ ” before a
//! cell with a finding changes no figure.)
//!
//! Not a CSS engine: of each selector only the element the pseudo-element
//! belongs to is matched (its tag, id, classes and attributes), whatever
//! stands around it (`.report td.n::before` matches every `td` of class
//! `n`). That errs towards flagging a cell, never towards missing one.
//! The work is linear in the style sheets' length and in the elements
//! matched.

use std::collections::HashMap;

/// The elements (by tag, id and classes) a style sheet generates text for.
#[derive(Default)]
pub struct GeneratedContent {
    compounds: Vec<Compound>,
    /// Compound indices by the one part every element it matches has:
    /// `#id`, else the first `.class`, else the tag, else `*` (any element).
    index: HashMap<String, Vec<usize>>,
}

/// The element part of a selector: `td.n.red#x[data-v="1"]` (lower case).
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    /// `[name]` (None) or `[name=value]`; other operators (`^=`, `~=`…)
    /// are taken as `[name]`.
    attributes: Vec<(String, Option<String>)>,
}

impl GeneratedContent {
    /// The selectors of `sheets` that give an element generated text.
    pub fn of(sheets: &[&str]) -> GeneratedContent {
        let mut generated = GeneratedContent::default();
        for sheet in sheets {
            for (selectors, declarations) in rules(sheet) {
                if !adds_visible_text(&declarations) {
                    continue;
                }
                for selector in selectors.split(',') {
                    if let Some(compound) = generating_compound(selector) {
                        generated.add(compound);
                    }
                }
            }
        }
        generated
    }

    pub fn is_empty(&self) -> bool {
        self.compounds.is_empty()
    }

    fn add(&mut self, compound: Compound) {
        let key = match (&compound.id, compound.classes.first(), &compound.tag) {
            (Some(id), _, _) => format!("#{id}"),
            (None, Some(class), _) => format!(".{class}"),
            (None, None, Some(tag)) => tag.clone(),
            (None, None, None) => "*".to_string(),
        };
        self.index.entry(key).or_default().push(self.compounds.len());
        self.compounds.push(compound);
    }

    /// Whether a style sheet adds text to an element with this tag (lower
    /// case) and attributes (`attribute(name)`, names in lower case).
    pub fn matches<'v>(&self, tag: &str, attribute: impl Fn(&str) -> Option<&'v str>) -> bool {
        if self.is_empty() {
            return false;
        }
        let id = attribute("id").map(|i| i.trim().to_ascii_lowercase());
        let classes: Vec<String> = attribute("class")
            .map(|c| c.split_ascii_whitespace().map(str::to_ascii_lowercase).collect())
            .unwrap_or_default();
        let fits = |k: &usize| {
            let c = &self.compounds[*k];
            c.tag.as_deref().is_none_or(|t| t == tag)
                && c.id.as_deref().is_none_or(|i| id.as_deref() == Some(i))
                && c.classes.iter().all(|wanted| classes.contains(wanted))
                && c.attributes.iter().all(|(name, value)| match (attribute(name), value) {
                    (None, _) => false,
                    (Some(_), None) => true,
                    (Some(have), Some(wanted)) => have.trim().eq_ignore_ascii_case(wanted),
                })
        };
        let candidates = |key: &str| self.index.get(key).is_some_and(|ks| ks.iter().any(fits));
        candidates("*")
            || candidates(tag)
            || id.as_ref().is_some_and(|i| candidates(&format!("#{i}")))
            || classes.iter().any(|c| candidates(&format!(".{c}")))
    }
}

/// The rules of a style sheet as (selectors, declarations), at any depth of
/// `@media` nesting; comments removed.
fn rules(sheet: &str) -> Vec<(String, String)> {
    let mut text = String::with_capacity(sheet.len());
    let mut rest = sheet;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start + 2..].find("*/").map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    text.push_str(rest);
    let mut out = Vec::new();
    // Each `}` closes the block after the nearest `{`; what stands between
    // the previous brace and that `{` is its selector (or an @-rule).
    let mut prelude_from = 0;
    let mut open: Option<usize> = None;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' => {
                open = Some(i);
                if text[prelude_from..i].trim_start().starts_with('@') {
                    prelude_from = i + 1;
                    open = None;
                }
            }
            b'}' => {
                if let Some(o) = open.take() {
                    out.push((text[prelude_from..o].to_string(), text[o + 1..i].to_string()));
                }
                prelude_from = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// Whether declarations give generated text a reader sees: a `content:` of
/// a non-blank string, an attribute's value or a counter, not hidden by
/// the same rule (the “clearfix” `content:"."` with `visibility:hidden`).
fn adds_visible_text(declarations: &str) -> bool {
    let mut content = None;
    let mut hidden = false;
    for declaration in declarations.split(';') {
        let Some((property, value)) = declaration.split_once(':') else { continue };
        let property = property.trim().to_ascii_lowercase();
        let value = value.trim().to_ascii_lowercase().replace(' ', "");
        match property.as_str() {
            "content" => content = Some(value),
            "display" => hidden |= value.starts_with("none"),
            "visibility" => hidden |= value.starts_with("hidden"),
            "font-size" => {
                let number: String = value.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                hidden |= number.contains('0') && number.chars().all(|c| c == '0' || c == '.');
            }
            _ => {}
        }
    }
    let Some(content) = content else { return false };
    !hidden && (content.contains("attr(") || content.contains("counter") || has_figure_string(&content))
}

/// Whether a character can change how a figure reads.
fn figure_like(c: char) -> bool {
    c.is_numeric() || "+-−－—.．,，%％〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟".contains(c)
}

/// Whether a `content` value holds a quoted string with a character that
/// can change a figure once CSS escapes (`"\30"`, `"\A"`) are decoded.
fn has_figure_string(value: &str) -> bool {
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '"' && c != '\'' {
            continue;
        }
        let quote = c;
        while let Some(c) = chars.next() {
            match c {
                _ if c == quote => break,
                '\\' => {
                    let hex: String = chars.clone().take_while(char::is_ascii_hexdigit).take(6).collect();
                    if hex.is_empty() {
                        chars.next();
                        continue;
                    }
                    for _ in 0..hex.len() {
                        chars.next();
                    }
                    let decoded = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32).unwrap_or(' ');
                    if figure_like(decoded) {
                        return true;
                    }
                }
                c if figure_like(c) => return true,
                _ => {}
            }
        }
    }
    false
}

/// The compound a `::before`/`::after` of `selector` belongs to, if it has
/// one: `table .n:first-child::after` → `.n`.
fn generating_compound(selector: &str) -> Option<Compound> {
    let lower = selector.trim().to_ascii_lowercase();
    let at = [":before", ":after"].iter().filter_map(|p| lower.find(p)).min()?;
    let head = lower[..at].trim_end_matches(':');
    let start = head.rfind(|c: char| c.is_whitespace() || matches!(c, '>' | '+' | '~')).map_or(0, |k| k + 1);
    let mut compound = Compound { tag: None, id: None, classes: Vec::new(), attributes: Vec::new() };
    // tag, then .class / #id / [attribute] / :pseudo-class parts.
    let part = &head[start..];
    let name_end = part.find(['.', '#', '[', ':']).unwrap_or(part.len());
    let tag = &part[..name_end];
    if !tag.is_empty() && tag != "*" {
        compound.tag = Some(tag.rsplit('|').next().unwrap_or(tag).to_string());
    }
    let mut rest = &part[name_end..];
    while let Some(kind) = rest.chars().next() {
        let body = &rest[1..];
        let end = body.find(['.', '#', '[', ':']).unwrap_or(body.len());
        match kind {
            '.' => compound.classes.push(body[..end].to_string()),
            '#' => compound.id = Some(body[..end].to_string()),
            '[' => {
                let close = body.find(']').unwrap_or(body.len());
                let test = &body[..close];
                compound.attributes.push(match test.split_once('=') {
                    Some((name, value)) if !name.ends_with(['~', '|', '^', '$', '*']) => {
                        (name.trim().to_string(), Some(value.trim().trim_matches(['"', '\'']).to_string()))
                    }
                    Some((name, _)) => (name.trim_end_matches(['~', '|', '^', '$', '*']).trim().to_string(), None),
                    None => (test.trim().to_string(), None),
                });
                rest = body.get(close + 1..).unwrap_or("");
                continue;
            }
            _ => {
                // A pseudo-class (`:first-child`, `:nth-child(2n)`): skipped.
                let close = if body[..end].contains('(') || body.get(end..).is_some_and(|b| b.starts_with('(')) {
                    body.find(')').map_or(body.len(), |k| k + 1)
                } else {
                    end
                };
                rest = &body[close..];
                continue;
            }
        }
        rest = &body[end..];
    }
    Some(compound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generated(css: &str) -> GeneratedContent {
        GeneratedContent::of(&[css])
    }

    impl GeneratedContent {
        fn for_element(&self, tag: &str, attributes: &[(&str, &str)]) -> bool {
            self.matches(tag, |name| attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| *v))
        }
    }

    #[test]
    fn generated_text_is_found_by_its_element() {
        let g = generated(
            "/* a */ .n::before { content: \"0\" } @media print { td.x:after{content:'1'} } \
             #a > span:first-child::after { content: attr(data-v) }",
        );
        assert!(g.for_element("span", &[("class", "big n")]));
        assert!(g.for_element("td", &[("class", "X")]));
        assert!(!g.for_element("th", &[("class", "x")]));
        assert!(!g.for_element("td", &[("class", "y")]));
        assert!(g.for_element("span", &[]), "the context `#a >` is not matched: flag rather than miss");
        assert!(!g.for_element("b", &[]));
        assert!(generated("::before{content:'2'}").for_element("td", &[]));
        let by_attribute = generated("td[data-v=\"1\"]::after { content: '1' } [data-w]::after { content: '-' }");
        assert!(by_attribute.for_element("td", &[("data-v", "1")]));
        assert!(!by_attribute.for_element("td", &[("data-v", "2")]));
        assert!(by_attribute.for_element("span", &[("data-w", "")]));
        assert!(!by_attribute.for_element("span", &[]));
    }

    #[test]
    fn empty_or_hidden_generated_content_is_not_text() {
        for css in [
            ".clearfix:after { content: \".\"; display: block; height: 0; visibility: hidden }",
            ".c::before { content: \"\" }",
            ".c::before { content: '\\20' }",
            ".c::after { content: none }",
            ".c::before { color: red }",
            ".c:hover { content: \"1\" }",
            ".c::before { content: \"1\"; font-size: 0 }",
            // Marks that change no figure: nianbao's own, an icon font's.
            "td[data-severity=\"error\"]::before { content: \"✖ \"; color: #c5221f }",
            "td.nb-blank[data-severity]::after { content: \"空\" }",
            ".icon-print:before { content: \"\\e600\" }",
        ] {
            assert!(generated(css).is_empty(), "{css}");
        }
        assert!(!generated(".c::before { content: counter(row) }").is_empty());
        assert!(!generated(".c::before { content: \"\\4E00\" }").is_empty(), "一");
        assert!(!generated(".c::before { content: \"\\30 \" }").is_empty(), "0");
    }
}
