//! 整改通知 as a Word document, in the 公文 look of the project's other
//! Word output (the report export's styles, A4 page and footer, through
//! [`super::summary_docx`]'s helpers): title in 方正小标宋, the unit
//! addressed, the confirmed problems in a table, the reply deadline, the
//! issuer and date. Every text is escaped.

use super::docx::paragraph;
use super::summary_docx::{package, table, wrap};
use crate::formats::docx::{STYLE_BODY, STYLE_HEADING, STYLE_SIGNATURE, STYLE_TITLE};
use crate::summary::notice::Notice;

/// The notice as a DOCX file.
pub fn to_docx(notice: &Notice) -> Vec<u8> {
    package(&format!("整改通知 · {}", notice.unit), document(notice))
}

fn document(n: &Notice) -> String {
    let mut body = String::new();
    paragraph(&mut body, STYLE_TITLE, "政府信息公开工作年度报告整改通知");
    addressee(&mut body, &format!("{}：", n.unit));
    paragraph(
        &mut body,
        STYLE_BODY,
        &format!("经审核，你单位报送的{}存在以下 {} 个问题，请逐项核实改正。", n.report_title(), n.items.len()),
    );
    paragraph(&mut body, STYLE_HEADING, "一、需要改正的问题");
    let rows: Vec<Vec<String>> = n
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut correction = item.correction.clone();
            if !item.note.is_empty() {
                correction += &format!("\n审核意见：{}", item.note);
            }
            vec![format!("{}", i + 1), item.what.clone(), item.place.clone(), correction]
        })
        .collect();
    table(&mut body, &["序号", "问题", "位置", "改正要求"], &[700, 2000, 2300, 3845], &rows);
    paragraph(&mut body, STYLE_HEADING, "二、整改要求");
    paragraph(
        &mut body,
        STYLE_BODY,
        &format!(
            "请于{}前完成改正，将改正后的年度报告和整改情况说明（逐项说明改正内容，未改正的说明理由）一并报送；已在政府网站公开的，同步更新公开版本。",
            n.reply_by
        ),
    );
    let issuer = if n.issuer.is_empty() { "（审核单位）" } else { n.issuer.as_str() };
    paragraph(&mut body, STYLE_SIGNATURE, issuer);
    paragraph(&mut body, STYLE_SIGNATURE, n.issued_on.as_deref().unwrap_or("　　年　　月　　日"));
    wrap(&body)
}

/// The addressee line (主送): flush left, no first-line indent.
fn addressee(body: &mut String, text: &str) {
    body.push_str(&format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{STYLE_BODY}"/><w:ind w:firstLine="0" w:firstLineChars="0"/></w:pPr>"#
    ));
    super::docx::runs(body, text, None);
    body.push_str("</w:p>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::summary::notice::NoticeItem;
    use crate::Severity;

    #[test]
    fn a_notice_is_a_word_document_with_every_text_escaped() {
        let notice = Notice {
            unit: "某某<局>".into(),
            year: Some(2025),
            source: "a.json".into(),
            file: "x.docx".into(),
            items: vec![NoticeItem {
                severity: Severity::Error,
                what: "表三合计".into(),
                place: "表三「…」".into(),
                correction: "应为 3 & 4".into(),
                note: "=请核实".into(),
            }],
            reply_by: "2027年1月15日".into(),
            issuer: String::new(),
            issued_on: None,
        };
        let bytes = to_docx(&notice);
        let text = crate::office::zip_read(&bytes, "Word").unwrap().part("word/document.xml").unwrap().unwrap();
        assert!(text.contains("某某&lt;局&gt;：") && text.contains("3 &amp; 4"), "{text}");
        assert!(text.contains("2027年1月15日前") && text.contains("（审核单位）"), "{text}");
    }
}
