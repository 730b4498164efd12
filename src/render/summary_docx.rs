//! 体检摘要 as a Word document, in the same 公文 look as the report's Word
//! export ([`super::docx`]: its styles, fonts, page and footer): title in
//! 方正小标宋, headings in 黑体, tables in 宋体. Every text is escaped.

use super::docx::{paragraph, runs, APP, DOCUMENT_RELS, FONT_TABLE, FOOTER, SETTINGS, STYLES, TEXT_WIDTH};
use super::summary::years_text;
use crate::formats::docx::{STYLE_BODY, STYLE_HEADING, STYLE_TABLE, STYLE_TITLE};
use crate::office::{esc, zip_write};
use crate::summary::region::RegionSummary;
use crate::summary::Summary;

/// The card as a DOCX file.
pub fn to_docx(summary: &Summary) -> Vec<u8> {
    package(&format!("体检摘要 · {}", summary.title), document(summary))
}

/// The region's card as a DOCX file.
pub fn region_to_docx(summary: &RegionSummary) -> Vec<u8> {
    package(&format!("体检摘要 · {}", summary.name), region_document(summary))
}

/// A Word package around `document` (the body from [`wrap`]), titled
/// `title` in its properties; the 对照 document ([`crate::compare::docx`]) is
/// packed the same way.
pub(crate) fn package(title: &str, document: String) -> Vec<u8> {
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>nianbao</dc:creator></cp:coreProperties>"#,
        esc(title)
    );
    let parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/app.xml", APP.to_string()),
        ("docProps/core.xml", core),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document),
        ("word/styles.xml", STYLES.to_string()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/footer1.xml", FOOTER.to_string()),
    ];
    zip_write(&parts)
}

fn document(s: &Summary) -> String {
    let mut body = String::new();
    paragraph(&mut body, STYLE_TITLE, "体检摘要");
    centred(&mut body, &s.title);
    let mut facts = vec![format!("机关：{}", s.organ)];
    if let Some(kind) = s.organ_kind {
        facts.push(format!("类型：{kind}"));
    }
    facts.push(s.year.map_or("统计年度：未写明".to_string(), |y| format!("统计年度：{y} 年")));
    paragraph(&mut body, STYLE_BODY, &facts.join("　"));
    paragraph(&mut body, STYLE_BODY, &format!("公布期限：{}", s.deadline.text));
    paragraph(
        &mut body,
        STYLE_BODY,
        &format!(
            "检查结论：{}（错误 {}、警告 {}、提示 {}）",
            s.verdict, s.counts.error, s.counts.warning, s.counts.info
        ),
    );

    paragraph(&mut body, STYLE_HEADING, "一、最需要关注的问题");
    if s.top.is_empty() {
        paragraph(&mut body, STYLE_BODY, "未发现问题。");
    } else {
        let rows: Vec<Vec<String>> = s
            .top
            .iter()
            .enumerate()
            .map(|(i, k)| {
                vec![
                    format!("{}", i + 1),
                    k.severity.label().to_string(),
                    format!("{}\n{}", k.what, k.detail),
                    k.place.clone(),
                ]
            })
            .collect();
        table(&mut body, &["序号", "级别", "问题", "位置"], &[700, 900, 5045, 2200], &rows);
    }

    paragraph(&mut body, STYLE_HEADING, "二、核心数据");
    let this_year = s.year.map_or("本年".to_string(), |y| format!("{y} 年"));
    let rows: Vec<Vec<String>> = s
        .figures
        .iter()
        .map(|f| {
            let value = |v: &Option<String>| {
                v.as_ref().map_or("—".to_string(), |v| format!("{v}{}", if f.unit == "%" { "%" } else { "" }))
            };
            let mut row = vec![format!("{}（{}）", f.label, f.unit), value(&f.this_year)];
            if s.has_previous {
                row.push(value(&f.last_year));
                row.push(f.change.clone().unwrap_or_else(|| "—".to_string()));
            }
            row
        })
        .collect();
    if s.has_previous {
        let last_year = s.previous_year.map_or("上年".to_string(), |y| format!("{y} 年"));
        table(&mut body, &["指标", &this_year, &last_year, "变化"], &[4045, 1400, 1400, 2000], &rows);
    } else {
        table(&mut body, &["指标", &this_year], &[6045, 2800], &rows);
        paragraph(&mut body, STYLE_BODY, "未载入上年报告，未做同比。");
    }

    // The lists to tick are tables in the tables' size, as on the printed
    // card: in the body's 三号 they took the card over two more pages.
    paragraph(&mut body, STYLE_HEADING, "三、发布前须改正");
    if s.to_fix.is_empty() {
        paragraph(&mut body, STYLE_BODY, "没有必须改正的错误。");
    } else {
        let rows: Vec<Vec<String>> = s
            .to_fix
            .iter()
            .map(|item| {
                let more =
                    if item.count > item.places.len() { format!(" 等 {} 处", item.count) } else { String::new() };
                vec!["□".to_string(), item.what.clone(), format!("{}{more}", item.places.join("；"))]
            })
            .collect();
        table(&mut body, &[TICK, "问题", "位置"], &[700, 4645, 3500], &rows);
        if s.more_to_fix > 0 {
            paragraph(&mut body, STYLE_BODY, &format!("另有 {} 处错误，见完整检查结果。", s.more_to_fix));
        }
    }

    paragraph(&mut body, STYLE_HEADING, "四、发布前核对（☑ 已做到 ☒ 未做到 □ 由撰写人核对）");
    let rows: Vec<Vec<String>> = s
        .checklist
        .iter()
        .map(|item| vec![item.status.mark().to_string(), item.what.to_string(), item.detail.clone()])
        .collect();
    table(&mut body, &[TICK, "事项", "说明"], &[700, 3645, 4500], &rows);
    wrap(&body)
}

fn region_document(s: &RegionSummary) -> String {
    let mut body = String::new();
    paragraph(&mut body, STYLE_TITLE, "体检摘要");
    centred(&mut body, &format!("{}（{}，共 {} 份报告）", s.name, years_text(&s.years), s.reports));
    paragraph(
        &mut body,
        STYLE_BODY,
        &format!(
            "检查结论：{}（通过 {}、有警告 {}、有错误 {}、无法读取 {}）",
            s.verdict, s.passed, s.warnings, s.errors, s.unreadable
        ),
    );
    let mut number = 0;
    let mut heading = |body: &mut String, text: &str| {
        const NUMERALS: [&str; 4] = ["一", "二", "三", "四"];
        paragraph(body, STYLE_HEADING, &format!("{}、{text}", NUMERALS[number]));
        number += 1;
    };
    if !s.coverage.is_empty() {
        heading(&mut body, "报送情况");
        let rows: Vec<Vec<String>> = s
            .coverage
            .iter()
            .map(|c| vec![c.year_text(), c.listed.to_string(), c.handed_in.to_string(), c.missing_text()])
            .collect();
        table(&mut body, &["年度", "名单单位", "已报送", "未报送"], &[1400, 1400, 1400, 4645], &rows);
    }
    heading(&mut body, "最常见的问题");
    if s.common.is_empty() {
        paragraph(&mut body, STYLE_BODY, "未发现错误或警告。");
    } else {
        let rows: Vec<Vec<String>> = s
            .common
            .iter()
            .enumerate()
            .map(|(i, c)| {
                vec![format!("{}", i + 1), c.severity.label().to_string(), c.what.clone(), format!("{} 份", c.reports)]
            })
            .collect();
        table(&mut body, &["序号", "级别", "问题", "报告数"], &[700, 900, 5645, 1600], &rows);
    }
    heading(&mut body, "需跟进的单位");
    if s.follow_up.is_empty() {
        paragraph(&mut body, STYLE_BODY, "没有需要跟进的单位。");
    } else {
        let rows: Vec<Vec<String>> = s
            .follow_up
            .iter()
            .map(|f| {
                let year = f.year.map_or(String::new(), |y| format!("{y} 年"));
                vec!["□".to_string(), f.unit.clone(), year, f.reason.clone()]
            })
            .collect();
        table(&mut body, &[TICK, "单位", "年度", "情况"], &[700, 2645, 1000, 4500], &rows);
        if s.more_follow_up > 0 {
            paragraph(&mut body, STYLE_BODY, &format!("另有 {} 个单位，见批量检查结果。", s.more_follow_up));
        }
    }
    wrap(&body)
}

/// A shaded cell's ground: the page's colour for a changed cell (compare.css).
const SHADE: &str = r#"<w:shd w:val="clear" w:color="auto" w:fill="FFF3C4"/>"#;

/// The head of a column of boxes to tick (□, ☑, ☒), centred.
const TICK: &str = "核对";

/// The body in a document with the report export's A4 page and footer.
pub(crate) fn wrap(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{body}<w:sectPr><w:footerReference w:type="default" r:id="rId4"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr></w:body></w:document>"#
    )
}

/// A centred line in 楷体 under the title (the report's own title).
pub(crate) fn centred(body: &mut String, text: &str) {
    body.push_str(&format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>"#
    ));
    runs(body, text, Some(r#"<w:rFonts w:ascii="楷体_GB2312" w:hAnsi="楷体_GB2312" w:eastAsia="楷体_GB2312"/>"#));
    body.push_str("</w:p>");
}

/// A simple bordered table in the report's table style (宋体 10.5 pt), the
/// header row bold and repeated on each page.
pub(crate) fn table(body: &mut String, header: &[&str], widths: &[u32], rows: &[Vec<String>]) {
    shaded_table(body, header, widths, rows, |_, _| false);
}

/// [`table`] with the cells `shaded(row, column)` says on a pale yellow
/// ground (the 对照's changed cells, as on the page).
pub(crate) fn shaded_table(
    body: &mut String,
    header: &[&str],
    widths: &[u32],
    rows: &[Vec<String>],
    shaded: impl Fn(usize, usize) -> bool,
) {
    debug_assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    let border = r#"w:val="single" w:sz="4" w:space="0" w:color="000000""#;
    body.push_str(&format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/><w:insideH {border}/><w:insideV {border}/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>"#
    ));
    for w in widths {
        body.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    body.push_str("</w:tblGrid>");
    let row = |body: &mut String, cells: &[&str], head: bool, r: usize| {
        body.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if head {
            body.push_str("<w:tblHeader/>");
        }
        body.push_str("</w:trPr>");
        for (i, (text, w)) in cells.iter().zip(widths).enumerate() {
            // Labels and the problems' words read from the left; figures are centred.
            let words = ["问题", "改正要求", "事项", "说明", "单位", "情况"].contains(&header[i]);
            let jc = if !head && ((i == 0 && header[0] != TICK) || words) { "left" } else { "center" };
            let shade = if !head && shaded(r, i) { SHADE } else { "" };
            body.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{shade}<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="{STYLE_TABLE}"/><w:jc w:val="{jc}"/></w:pPr>"#
            ));
            let rpr = if head {
                r#"<w:b/><w:sz w:val="21"/><w:szCs w:val="21"/>"#
            } else {
                r#"<w:sz w:val="21"/><w:szCs w:val="21"/>"#
            };
            runs(body, text, Some(rpr));
            body.push_str("</w:p></w:tc>");
        }
        body.push_str("</w:tr>");
    };
    row(body, header, true, 0);
    for (r, cells) in rows.iter().enumerate() {
        let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
        row(body, &cells, false, r);
    }
    body.push_str("</w:tbl>");
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;
