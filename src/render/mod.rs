//! Renderers: the report in the official layout (HTML, Markdown) and in the
//! data formats (JSON, CSV).

pub mod csv;
#[cfg(feature = "office")]
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
#[cfg(feature = "office")]
pub mod notice_docx;
pub mod summary;
#[cfg(feature = "office")]
pub mod summary_docx;
#[cfg(feature = "office")]
pub mod xlsx;

pub use csv::to_csv;
pub use json::{to_json, to_json_string};

use std::borrow::Cow;

/// Prose with the paragraphs a page break cut in two joined again
/// (“其中区本级¶受理依申请公开事项 8 项”): a paragraph that stops without
/// closing punctuation, is not a heading (（一）…, 一、…) and is followed by
/// one that does not start a new item (一是、（二）、2.…) goes on in it.
pub fn rejoin_broken_paragraphs(text: &str) -> Cow<'_, str> {
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    if paragraphs.len() < 2 {
        return Cow::Borrowed(text);
    }
    let mut out: Vec<String> = Vec::with_capacity(paragraphs.len());
    let mut joined = false;
    for para in paragraphs {
        if let Some(last) = out.last_mut() {
            if cut_off(last) && !starts_item(para) && !para.trim().is_empty() {
                last.push_str(para.trim_start());
                joined = true;
                continue;
            }
        }
        out.push(para.to_string());
    }
    if joined {
        Cow::Owned(out.join("\n\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a paragraph stops mid-sentence: it ends in a Chinese character or
/// a figure, and is not a heading (a short numbered line).
fn cut_off(para: &str) -> bool {
    let trimmed = para.trim_end();
    let Some(last) = trimmed.chars().last() else { return false };
    let mid_sentence = ('\u{4e00}'..='\u{9fff}').contains(&last) || last.is_ascii_digit();
    let heading = starts_item(trimmed) && trimmed.chars().count() <= 30;
    mid_sentence && !heading && !trimmed.contains('\n')
}

/// Whether a paragraph starts a heading or a numbered item.
fn starts_item(para: &str) -> bool {
    let p = para.trim_start().trim_start_matches('*');
    let mut chars = p.chars();
    let first = chars.next();
    let second = chars.next();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    match (first, second) {
        (Some('（' | '('), _) => true,
        (Some(c), Some('、' | '是' | '.' | '．')) if numeral(c) || c.is_ascii_digit() => true,
        (Some('第'), Some(c)) if numeral(c) => true,
        (Some(c), _) if c.is_ascii_digit() => {
            p.trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(['.', '．', '、'])
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_cut_by_a_page_break_are_joined() {
        let cut = "共收到申请 34 件，其中区本级\n\n受理依申请公开事项 8 项。\n\n（二）规范管理。";
        assert_eq!(
            rejoin_broken_paragraphs(cut),
            "共收到申请 34 件，其中区本级受理依申请公开事项 8 项。\n\n（二）规范管理。"
        );
        // Headings, items and whole sentences stay apart.
        for kept in
            ["（一）存在的主要问题\n\n政策解读不够。", "工作如下\n\n一是加强培训。", "已办结。\n\n下一步将改进。"]
        {
            assert_eq!(rejoin_broken_paragraphs(kept), kept);
        }
    }
}
