//! Reads how a Word draft is typeset ([`Typeset`]) for the 版式 rules
//! ([`crate::rules::typesetting`]): runs, line spacing, sections' page
//! setup, and a PAGE field in the headers and footers the sections use.
//!
//! A run's look is resolved in Word's order: the document defaults, the
//! table's style, the paragraph's style and the styles it is based on, the
//! run's character style, then the run's own properties — each property
//! apart (a style naming only the Latin font keeps the Chinese font from
//! below). The Chinese font is `w:eastAsia`; a theme font
//! (`w:eastAsiaTheme`) is whatever the theme says (等线 in recent Word).

use super::docx::children_through_controls;
use crate::error::ImportError;
use crate::office::{parse_xml, relationships, Element, Zip};
use std::collections::HashMap;

pub use crate::typeset::{Font, LineSpacing, Look, PageSetup, Paragraph, Run, Typeset};

/// Style chains deeper than this (or circular) are cut: Word's own are 3–4.
const MAX_STYLE_DEPTH: usize = 16;
/// At most this many headers and footers are read for a PAGE field.
const MAX_HEADERS_AND_FOOTERS: usize = 24;

/// The styles part: each style's look and line spacing with its base
/// styles', and the defaults.
struct Styles {
    defaults: Look,
    default_line: Option<LineSpacing>,
    default_paragraph: Option<String>,
    by_id: HashMap<String, StyleDef>,
}

struct StyleDef {
    based_on: Option<String>,
    look: Look,
    line: Option<LineSpacing>,
}

impl Styles {
    fn read(root: Option<&Element>) -> Styles {
        let mut styles =
            Styles { defaults: Look::default(), default_line: None, default_paragraph: None, by_id: HashMap::new() };
        let Some(root) = root else { return styles };
        if let Some(defaults) = root.child("docDefaults") {
            styles.defaults = look_of(defaults.child("rPrDefault").and_then(|d| d.child("rPr")));
            styles.default_line = line_of(defaults.child("pPrDefault").and_then(|d| d.child("pPr")));
        }
        for style in root.children_named("style") {
            let Some(id) = style.attr("styleId") else { continue };
            if style.attr("type") == Some("paragraph") && matches!(style.attr("default"), Some("1" | "true" | "on")) {
                styles.default_paragraph = Some(id.to_string());
            }
            let def = StyleDef {
                based_on: style.child("basedOn").and_then(|b| b.attr("val")).map(str::to_string),
                look: look_of(style.child("rPr")),
                line: line_of(style.child("pPr")),
            };
            styles.by_id.entry(id.to_string()).or_insert(def);
        }
        styles
    }

    /// A style's look and line spacing with what its base styles set.
    fn resolved(&self, id: &str) -> (Look, Option<LineSpacing>) {
        let mut look = Look::default();
        let mut line = None;
        let mut next = Some(id);
        for _ in 0..MAX_STYLE_DEPTH {
            let Some(def) = next.and_then(|id| self.by_id.get(id)) else { break };
            look = look.over(&def.look);
            line = line.or(def.line);
            next = def.based_on.as_deref();
        }
        (look, line)
    }
}

/// Reads the typesetting of the body. A styles part or header that cannot
/// be read leaves its share out; the report itself was read.
pub fn read(zip: &mut Zip, body: &Element) -> Result<Typeset, ImportError> {
    let styles_xml = zip.part("word/styles.xml")?;
    let styles_root = styles_xml.as_deref().and_then(|x| parse_xml(x, "word/styles.xml").ok());
    let styles = Styles::read(styles_root.as_ref());
    let mut typeset = Typeset::default();
    let mut walker = Walker { styles: &styles, typeset: &mut typeset, references: Vec::new() };
    walker.blocks(body, None);
    let references = std::mem::take(&mut walker.references);
    typeset.page_numbers = page_numbers(zip, &references)?;
    mark_furniture(&mut typeset.paragraphs);
    Ok(typeset)
}

/// Marks what a web page saved as Word has around the report: its menus
/// and links, and everything from its footer (after the last heading) on.
fn mark_furniture(paragraphs: &mut [Paragraph]) {
    let last_heading = paragraphs.iter().rposition(|p| !p.in_table && super::document::heading(&p.text).is_some());
    let mut ended = false;
    for (i, p) in paragraphs.iter_mut().enumerate().filter(|(_, p)| !p.in_table) {
        let text = p.text.trim();
        ended |= last_heading.is_some_and(|h| i > h) && super::furniture::ends_report(text);
        p.furniture = ended || super::furniture::is_furniture(text);
    }
}

struct Walker<'a> {
    styles: &'a Styles,
    typeset: &'a mut Typeset,
    /// The relationship ids of the headers and footers the sections use.
    references: Vec<String>,
}

impl Walker<'_> {
    /// Paragraphs, tables and section properties below `parent`; `table`
    /// is the look of the table style around them.
    fn blocks(&mut self, parent: &Element, table: Option<&(Look, Option<LineSpacing>)>) {
        for el in parent.elements() {
            match el.name.as_str() {
                "p" => self.paragraph(el, table),
                "tbl" => {
                    let style = el.child("tblPr").and_then(|p| p.child("tblStyle")).and_then(|s| s.attr("val"));
                    let look = style.map(|id| self.styles.resolved(id)).unwrap_or_default();
                    for tr in children_through_controls(el, "tr") {
                        for tc in children_through_controls(tr, "tc") {
                            self.blocks(tc, Some(&look));
                        }
                    }
                }
                "sectPr" => self.section(el),
                "sdt" | "sdtContent" | "customXml" | "smartTag" | "ins" => self.blocks(el, table),
                _ => {}
            }
        }
    }

    fn section(&mut self, sect: &Element) {
        let size = sect.child("pgSz");
        let margins = sect.child("pgMar");
        let twips =
            |el: Option<&Element>, name: &str| el.and_then(|e| e.attr(name)).and_then(|v| v.trim().parse().ok());
        let grid =
            sect.child("docGrid").filter(|g| matches!(g.attr("type"), Some("lines" | "linesAndChars" | "snapToChars")));
        self.typeset.pages.push(PageSetup {
            width: twips(size, "w").and_then(|v: i64| u32::try_from(v).ok()),
            height: twips(size, "h").and_then(|v: i64| u32::try_from(v).ok()),
            top: twips(margins, "top"),
            bottom: twips(margins, "bottom"),
            left: twips(margins, "left"),
            right: twips(margins, "right"),
            line_pitch: twips(grid, "linePitch").and_then(|v: i64| u32::try_from(v).ok()).filter(|v| *v > 0),
        });
        for reference in sect.elements().filter(|e| e.name == "footerReference" || e.name == "headerReference") {
            if let Some(id) = reference.attr("id") {
                self.references.push(id.to_string());
            }
        }
    }

    fn paragraph(&mut self, p: &Element, table: Option<&(Look, Option<LineSpacing>)>) {
        let ppr = p.child("pPr");
        if let Some(sect) = ppr.and_then(|p| p.child("sectPr")) {
            self.section(sect);
        }
        let style = ppr.and_then(|p| p.child("pStyle")).and_then(|s| s.attr("val")).map(str::to_string);
        let style_id = style.or_else(|| self.styles.default_paragraph.clone()).unwrap_or_default();
        let (style_look, style_line) = self.styles.resolved(&style_id);
        let (table_look, table_line) = table.cloned().unwrap_or_default();
        let base = style_look.over(&table_look.over(&self.styles.defaults));
        let line = line_of(ppr).or(style_line).or(table_line).or(self.styles.default_line);
        let mut runs = Vec::new();
        self.runs(p, &base, &mut runs);
        let text: String = runs.iter().map(|r: &Run| r.text.as_str()).collect();
        if text.trim().is_empty() {
            return;
        }
        let jc = ppr.and_then(|p| p.child("jc")).and_then(|j| j.attr("val")).unwrap_or_default();
        let snaps = ppr
            .and_then(|p| p.child("snapToGrid"))
            .is_none_or(|s| !matches!(s.attr("val"), Some("0" | "false" | "off")));
        let number = self.typeset.paragraphs.len() as u32 + 1;
        self.typeset.paragraphs.push(Paragraph {
            number,
            text,
            runs,
            in_table: table.is_some(),
            line,
            snaps_to_grid: snaps,
            centred: jc == "center",
            furniture: false,
        });
    }

    /// The visible text runs below `parent` (hyperlinks, insertions,
    /// content controls), with their looks over `base`.
    fn runs(&self, parent: &Element, base: &Look, out: &mut Vec<Run>) {
        for el in parent.elements() {
            match el.name.as_str() {
                "r" => {
                    let rpr = el.child("rPr");
                    if rpr
                        .and_then(|p| p.child("vanish"))
                        .is_some_and(|v| !matches!(v.attr("val"), Some("0" | "false" | "off")))
                    {
                        continue;
                    }
                    let character = rpr.and_then(|p| p.child("rStyle")).and_then(|s| s.attr("val"));
                    let character = character.map(|id| self.styles.resolved(id).0).unwrap_or_default();
                    let look = look_of(rpr).over(&character.over(base));
                    let mut text = String::new();
                    for child in el.elements() {
                        match child.name.as_str() {
                            "t" => text.push_str(&child.text()),
                            "tab" => text.push('\t'),
                            _ => {}
                        }
                    }
                    if !text.is_empty() {
                        out.push(Run { text, look });
                    }
                }
                "hyperlink" | "ins" | "smartTag" | "sdt" | "sdtContent" | "customXml" | "fldSimple" | "moveTo" => {
                    self.runs(el, base, out)
                }
                _ => {}
            }
        }
    }
}

/// Whether one of the headers and footers `references` names (relationship
/// ids of the document part) holds a PAGE field.
fn page_numbers(zip: &mut Zip, references: &[String]) -> Result<bool, ImportError> {
    if references.is_empty() {
        return Ok(false);
    }
    let targets = relationships(zip, "word/_rels/document.xml.rels")?;
    let mut parts: Vec<String> = targets
        .into_iter()
        .filter(|(id, _, mode)| references.contains(id) && mode != "External")
        .map(|(_, target, _)| match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("word/{target}"),
        })
        .collect();
    parts.sort();
    parts.dedup();
    for part in parts.iter().take(MAX_HEADERS_AND_FOOTERS) {
        let Some(xml) = zip.part(part)? else { continue };
        let Ok(root) = parse_xml(&xml, part) else { continue };
        if has_page_field(&root) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A PAGE field: `w:fldSimple w:instr="PAGE"` or `w:instrText` ` PAGE `
/// (not NUMPAGES alone).
fn has_page_field(el: &Element) -> bool {
    let is_page = |instr: &str| instr.split_whitespace().next().is_some_and(|word| word.eq_ignore_ascii_case("PAGE"));
    match el.name.as_str() {
        "fldSimple" if el.attr("instr").is_some_and(is_page) => true,
        "instrText" if is_page(&el.text()) => true,
        _ => el.elements().any(has_page_field),
    }
}

/// The look a `w:rPr` sets.
fn look_of(rpr: Option<&Element>) -> Look {
    let Some(rpr) = rpr else { return Look::default() };
    let east_asia = rpr.child("rFonts").and_then(|f| {
        if f.attr("eastAsiaTheme").is_some() {
            Some(Font::Theme)
        } else {
            f.attr("eastAsia").map(|name| Font::Named(name.trim().to_string()))
        }
    });
    let half_points = rpr.child("sz").and_then(|s| s.attr("val")).and_then(|v| v.parse().ok());
    Look { east_asia, half_points }
}

/// The line spacing a `w:pPr` sets.
fn line_of(ppr: Option<&Element>) -> Option<LineSpacing> {
    let spacing = ppr?.child("spacing")?;
    let line: u32 = spacing.attr("line")?.trim().parse().ok()?;
    Some(match spacing.attr("lineRule") {
        Some("exact") => LineSpacing::Exact(line),
        Some("atLeast") => LineSpacing::AtLeast(line),
        _ => LineSpacing::Multiple(line),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::RuleCode;
    use crate::office::zip_read;

    fn typesetting_of(bytes: &[u8]) -> Vec<RuleCode> {
        let mut zip = zip_read(bytes, "t").unwrap();
        let xml = zip.part("word/document.xml").unwrap().unwrap();
        let root = parse_xml(&xml, "word/document.xml").unwrap();
        let typeset = read(&mut zip, root.child("body").unwrap()).unwrap();
        crate::rules::typesetting::check(&typeset).into_iter().map(|f| f.rule).collect()
    }

    /// nianbao's 体检摘要 in Word is set as its reports are: the same page,
    /// page numbers, text and tables. It is a card, not a 公文: its
    /// subtitle naming the report is in 楷体 (read as the title, F1) and it
    /// has no 落款 (F9).
    #[test]
    fn the_summary_word_file_is_in_the_official_format() {
        let report = crate::batch::synthetic::report(2026, 7, 2025);
        let findings = crate::check(&report, &Default::default());
        let card = crate::summary::summarize(&report, &findings, None);
        assert_eq!(typesetting_of(&crate::render::summary_docx::to_docx(&card)), [RuleCode::F1, RuleCode::F9]);
    }

    /// A style chain that loops, or is very deep, ends; a theme font and
    /// a style's Latin-only font resolve as Word shows them.
    #[test]
    fn style_chains_resolve_property_by_property_and_end() {
        let styles = r#"<w:styles xmlns:w="w"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/><w:rPr><w:sz w:val="24"/></w:rPr></w:style>
            <w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/></w:rPr></w:style></w:styles>"#;
        let root = parse_xml(styles, "styles").unwrap();
        let styles = Styles::read(Some(&root));
        assert_eq!(styles.default_paragraph.as_deref(), Some("Normal"));
        let (normal, _) = styles.resolved("Normal");
        assert_eq!(
            normal.over(&styles.defaults),
            Look { east_asia: Some(Font::Named("仿宋_GB2312".into())), half_points: Some(32) }
        );
        let (looped, _) = styles.resolved("A");
        assert_eq!(looped, Look { east_asia: Some(Font::Theme), half_points: Some(24) });
    }
}
