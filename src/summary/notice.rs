//! 整改通知 of one unit, as plain data: what [`crate::batch::notices`]
//! makes from the review and [`crate::render::notice_docx`] writes as Word
//! (here, apart from both, so that neither depends on the other).

use crate::finding::Severity;
use serde::Serialize;

/// One unit's notice.
#[derive(Clone, Debug, Serialize)]
pub struct Notice {
    /// The organ as its report names it (or the file, when it does not).
    pub unit: String,
    pub year: Option<i32>,
    pub source: String,
    /// The file name in the zip: the unit's name made safe, `.docx`.
    pub file: String,
    pub items: Vec<NoticeItem>,
    /// In Chinese: `2027年1月15日`.
    pub reply_by: String,
    pub issuer: String,
    pub issued_on: Option<String>,
}

impl Notice {
    /// `《某某局2025年政府信息公开工作年度报告》`.
    pub fn report_title(&self) -> String {
        let year = self.year.map(|y| format!("{y}年")).unwrap_or_default();
        format!("《{}{year}政府信息公开工作年度报告》", self.unit)
    }
}

/// One confirmed finding, as the unit reads it.
#[derive(Clone, Debug, Serialize)]
pub struct NoticeItem {
    pub severity: Severity,
    /// What is wrong, in a few words (the rule's title, as on the 体检摘要).
    pub what: String,
    /// Where, in Chinese: 表三「…」行「…」列, 一、总体情况, or 全文.
    pub place: String,
    /// What exactly and how to correct it (the finding's message), with
    /// the value the tables imply and the one written, when known.
    pub correction: String,
    /// The reviewer's note on it, if any.
    pub note: String,
}
