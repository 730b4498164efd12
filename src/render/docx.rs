//! The report as a Word document ready to publish (WordprocessingML).
//!
//! Layout after GB/T 9704 (党政机关公文格式): A4, margins 37/35/28/26 mm,
//! title 二号方正小标宋简体 centred, headings 三号黑体 (一、) and 楷体 (（一）),
//! body 三号仿宋_GB2312 with 2-character indent and a fixed 28.95 pt line,
//! page numbers “— 1 —” at the foot. The fonts name Windows fonts with
//! fallbacks in the font table (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋,
//! 楷体_GB2312 → 楷体) so Word and WPS pick what exists.
//!
//! The three tables take their merged cells (gridSpan, vMerge) and labels
//! from [`layout::grid`]. The meta is also kept as custom document
//! properties (`nianbao.*`), so [`crate::import::docx`] reads back exactly
//! the report that was written. Every text goes through [`esc`].

use crate::formats::docx::{PROPERTY_PREFIX, STYLE_BODY, STYLE_HEADING, STYLE_SIGNATURE, STYLE_TABLE, STYLE_TITLE};
use crate::layout::placed;
use crate::layout::{self, Role, TableId};
use crate::model::{Report, SectionKey};
use crate::office::{esc, zip_write};

/// Text width in twips: A4 (210 mm) less 28 mm and 26 mm margins = 156 mm.
pub(crate) const TEXT_WIDTH: u32 = 8845;

/// A blank report template: every heading, empty tables, no prose.
pub fn template() -> Vec<u8> {
    let mut report = Report::new();
    for key in SectionKey::HEADED {
        *report.sections.get_mut(key) = Some(String::new());
    }
    to_docx(&report)
}

/// The report as a DOCX file.
pub fn to_docx(report: &Report) -> Vec<u8> {
    let parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/app.xml", APP.to_string()),
        ("docProps/core.xml", core(report)),
        ("docProps/custom.xml", custom(report)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document(report)),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/footer1.xml", FOOTER.to_string()),
    ];
    zip_write(&parts)
}

fn document(report: &Report) -> String {
    let mut body = String::new();
    paragraph(&mut body, STYLE_TITLE, &crate::model::title(report));
    if let Some(preamble) = &report.sections.preamble {
        prose(&mut body, &super::rejoin_broken_paragraphs(preamble));
    }
    section(&mut body, report, SectionKey::Overview);
    for table in TableId::ALL {
        paragraph(&mut body, STYLE_HEADING, table.heading());
        if let Some(note) = report.sections.get(SectionKey::note_of(table)) {
            prose(&mut body, note);
        }
        table_xml(&mut body, report, table);
    }
    section(&mut body, report, SectionKey::Problems);
    section(&mut body, report, SectionKey::Other);
    let organ = report.meta.organ.trim();
    if !organ.is_empty() || report.meta.published_on.is_some() {
        // Blank line, then the organ and the date at the right (落款).
        body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr></w:p>"#));
        if !organ.is_empty() {
            paragraph(&mut body, STYLE_SIGNATURE, organ);
        }
        if let Some(d) = report.meta.published_on {
            paragraph(&mut body, STYLE_SIGNATURE, &d.chinese());
        }
    }
    if body.ends_with("</w:tbl>") {
        // Word expects a paragraph after a table at the end of the body.
        body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr></w:p>"#));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr></w:body></w:document>"#
    )
}

/// A part of the report: its heading always (a missing part is an S1 error,
/// and the 公文 keeps its six headings), then its text with paragraphs a
/// page break cut in two joined again, or an empty paragraph to write in.
fn section(body: &mut String, report: &Report, key: SectionKey) {
    paragraph(body, STYLE_HEADING, key.heading());
    match report.sections.get(key).filter(|t| !t.trim().is_empty()) {
        Some(text) => prose(body, &super::rejoin_broken_paragraphs(text)),
        None => body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr></w:p>"#)),
    }
}

/// Prose: paragraphs split at blank lines (`\n\n`), a single `\n` a line
/// break inside the paragraph; empty text gives no paragraph.
fn prose(body: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    for para in text.split("\n\n") {
        body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/></w:pPr>"#));
        // A second-level heading at the start (（一）……。) is set in 楷体.
        match kai_prefix(para) {
            Some(n) => {
                runs(
                    body,
                    &para[..n],
                    Some(r#"<w:rFonts w:ascii="楷体_GB2312" w:hAnsi="楷体_GB2312" w:eastAsia="楷体_GB2312"/>"#),
                );
                runs(body, &para[n..], None);
            }
            None => runs(body, para, None),
        }
        body.push_str("</w:p>");
    }
}

/// The byte length of a leading `（一）……。` heading, when the paragraph has one.
fn kai_prefix(para: &str) -> Option<usize> {
    let rest = para.strip_prefix('（')?;
    let close = rest.find('）')?;
    let number = &rest[..close];
    if number.is_empty() || !number.chars().all(|c| "一二三四五六七八九十".contains(c)) {
        return None;
    }
    let end = para.find('。')? + '。'.len_utf8();
    (para[..end].chars().count() <= 40 && !para[..end].contains('\n')).then_some(end)
}

pub(crate) fn paragraph(body: &mut String, style: &str, text: &str) {
    // Alignment also as direct formatting: it survives editors that rename styles.
    let jc = match style {
        STYLE_TITLE => r#"<w:jc w:val="center"/>"#,
        STYLE_SIGNATURE => r#"<w:jc w:val="right"/>"#,
        _ => "",
    };
    body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>"#));
    runs(body, text, None);
    body.push_str("</w:p>");
}

/// Text as runs: `\n` a line break, `\t` a tab, everything escaped.
pub(crate) fn runs(body: &mut String, text: &str, rpr: Option<&str>) {
    if text.is_empty() {
        return;
    }
    body.push_str("<w:r>");
    if let Some(rpr) = rpr {
        body.push_str(&format!("<w:rPr>{rpr}</w:rPr>"));
    }
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            body.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                body.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                body.push_str(&format!(r#"<w:t xml:space="preserve">{}</w:t>"#, esc(piece)));
            }
        }
    }
    body.push_str("</w:r>");
}

/// Column widths in twips (summing to [`TEXT_WIDTH`]).
fn column_widths(table: TableId) -> Vec<u32> {
    match table {
        TableId::Active => vec![2245, 2200, 2200, 2200],
        TableId::Requests => [vec![560, 1000, 3085], vec![600; 7]].concat(),
        TableId::ReviewLitigation => {
            let mut w = vec![589; 15];
            w[0] += TEXT_WIDTH - 589 * 15;
            w
        }
    }
}

fn table_xml(body: &mut String, report: &Report, table: TableId) {
    let g = layout::grid(table);
    let widths = column_widths(table);
    debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    let size = if table == TableId::Active { 21 } else { 18 };
    body.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
    ));
    for w in &widths {
        body.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    body.push_str("</w:tblGrid>");
    let cells = placed(table);
    let header_rows = match table {
        TableId::Requests => 3,
        TableId::ReviewLitigation => 3,
        TableId::Active => 0,
    };
    for r in 0..g.rows.len() {
        body.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if r < header_rows {
            body.push_str("<w:tblHeader/>");
        }
        body.push_str("</w:trPr>");
        // Cells starting in this row, and continuations of cells merged from above.
        let mut row: Vec<(usize, &crate::layout::PlacedCell, bool)> =
            cells.iter().filter(|p| p.row <= r && r < p.row + p.cell.rowspan).map(|p| (p.col, p, p.row == r)).collect();
        row.sort_by_key(|(c, _, _)| *c);
        for (col, p, starts) in row {
            let cell = p.cell;
            let width: u32 = widths[col..col + cell.colspan].iter().sum();
            body.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#));
            if cell.colspan > 1 {
                body.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.colspan));
            }
            if cell.rowspan > 1 {
                body.push_str(if starts { r#"<w:vMerge w:val="restart"/>"# } else { "<w:vMerge/>" });
            }
            body.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
            let (text, jc, bold) = match cell.role {
                Role::Value(id) => (report.value(id).to_string(), "center", false),
                Role::Caption => (cell.text.to_string(), "left", true),
                Role::Header => (cell.text.to_string(), "center", true),
                Role::RowLabel if table == TableId::Requests && cell.rowspan == 1 => {
                    (cell.text.to_string(), "left", false)
                }
                Role::RowLabel => (cell.text.to_string(), "center", false),
            };
            body.push_str(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_TABLE}"/><w:jc w:val="{jc}"/></w:pPr>"#));
            if starts {
                let rpr =
                    format!(r#"{}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#, if bold { "<w:b/>" } else { "" });
                runs(body, &text, Some(&rpr));
            }
            body.push_str("</w:p></w:tc>");
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
}

fn core(report: &Report) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        esc(&crate::model::title(report)),
        esc(report.meta.organ.trim())
    )
}

/// The meta as custom properties, read back by the importer.
fn custom(report: &Report) -> String {
    let meta = &report.meta;
    let mut props: Vec<(&str, String)> = vec![("schema", report.schema.clone()), ("organ", meta.organ.clone())];
    if let Some(kind) = meta.organ_kind {
        props.push(("organ_kind", kind.key().to_string()));
    }
    if let Some(year) = meta.year {
        props.push(("year", year.to_string()));
    }
    if let Some(title) = &meta.title {
        props.push(("title", title.clone()));
    }
    if let Some(date) = meta.published_on {
        props.push(("published_on", date.to_string()));
    }
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#,
    );
    for (i, (name, value)) in props.iter().enumerate() {
        x.push_str(&format!(
            r#"<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{}" name="{PROPERTY_PREFIX}{name}"><vt:lpwstr>{}</vt:lpwstr></property>"#,
            i + 2,
            esc(value)
        ));
    }
    x.push_str("</Properties>");
    x
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"#;

pub(super) const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

pub(super) const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>nianbao</Application></Properties>"#;

pub(super) const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/></w:compat></w:settings>"#;

/// Fonts with the fallbacks Word and WPS use when one is not installed.
pub(super) const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/><w:panose1 w:val="02010609030101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font><w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:panose1 w:val="02000000000000000000"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

pub(super) const FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

/// GB/T 9704 styles: 三号 = 16 pt (sz 32), 二号 = 22 pt (sz 44).
pub(super) const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="nbTitle"><w:name w:val="报告标题"/><w:basedOn w:val="Normal"/><w:next w:val="nbBody"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="579" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="nbHeading1"><w:name w:val="一级标题"/><w:basedOn w:val="Normal"/><w:next w:val="nbBody"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="黑体"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="nbBody"><w:name w:val="正文段落"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="nbTable"><w:name w:val="表格文字"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="300" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="nbSignature"><w:name w:val="落款"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:line="579" w:lineRule="exact"/><w:ind w:right="1280"/><w:jc w:val="right"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kai_prefix_only_for_numbered_subheadings() {
        assert_eq!(kai_prefix("（一）主动公开方面。正文"), Some("（一）主动公开方面。".len()));
        assert_eq!(kai_prefix("（2025）年。"), None);
        assert_eq!(kai_prefix("正文。"), None);
    }
}
