//! Renderers: the report in the official layout (HTML, Markdown) and in the
//! data formats (JSON, CSV).

pub mod csv;
#[cfg(feature = "office")]
pub mod docx;
pub mod html;
pub mod json;
pub mod markdown;
#[cfg(feature = "office")]
pub mod xlsx;

pub use csv::to_csv;
pub use json::{to_json, to_json_string};

use crate::model::Report;

/// The title as published, or the conventional one built from organ and year.
pub fn title(report: &Report) -> String {
    if let Some(title) = report.meta.title.as_deref().filter(|t| !t.trim().is_empty()) {
        return title.trim().to_string();
    }
    let organ = report.meta.organ.trim();
    let organ = if organ.is_empty() { "〔机关名称〕" } else { organ };
    match report.meta.year {
        Some(year) => format!("{organ}{year}年政府信息公开工作年度报告"),
        None => format!("{organ}政府信息公开工作年度报告"),
    }
}
