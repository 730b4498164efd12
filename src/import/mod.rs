//! Importers: bytes in, a [`Report`] out, plus findings about the source
//! itself (non-canonical labels, aliases, blanks found while reading).
//!
//! Every importer treats its input as untrusted: it returns an
//! [`ImportError`] with a Chinese message and a location, never panics, and
//! allocates in proportion to the input, which is capped at
//! [`MAX_INPUT_BYTES`].

pub mod csv;
#[cfg(feature = "office")]
pub mod docx;
pub mod encoding;
pub mod json;
#[cfg(feature = "office")]
pub mod xlsx;

use crate::error::ImportError;
use crate::finding::Finding;
use crate::model::Report;

/// Largest input accepted (a report PDF is a few MB; a JSON a few KB).
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// A report read from a source, with what the reading itself found.
#[derive(Clone, Debug)]
pub struct Imported {
    pub report: Report,
    /// Findings about the source (e.g. a non-canonical label), merged with
    /// the rule findings by [`crate::check_imported`].
    pub findings: Vec<Finding>,
    /// Which importer read it (`json`, `csv`, …).
    pub format: Format,
}

/// The input formats nianbao reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    /// A CSV laid out like the official tables (exported from a sheet).
    CsvGrid,
    Xlsx,
    Docx,
}

impl Format {
    pub fn key(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::CsvGrid => "csv-grid",
            Format::Xlsx => "xlsx",
            Format::Docx => "docx",
        }
    }
}

/// Guesses the format from the content first, the file name second.
pub fn detect(bytes: &[u8], name: Option<&str>) -> Option<Format> {
    #[cfg(feature = "office")]
    if let Some(kind) = crate::office::office_kind(bytes) {
        return Some(match kind {
            crate::office::OfficeKind::Docx => Format::Docx,
            crate::office::OfficeKind::Xlsx => Format::Xlsx,
        });
    }
    let text_start: Vec<u8> = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(bytes)
        .iter()
        .copied()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(64)
        .collect();
    if text_start.starts_with(b"{") {
        return Some(Format::Json);
    }
    if text_start.starts_with(b"address,value") || text_start.starts_with(b"\"address\",\"value\"") {
        return Some(Format::Csv);
    }
    let ext = name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => Some(Format::Json),
        Some("csv") => Some(Format::Csv),
        Some("xlsx") => Some(Format::Xlsx),
        Some("docx") => Some(Format::Docx),
        _ => None,
    }
}

/// Reads a report in any supported format, picked by [`detect`].
pub fn import(bytes: &[u8], name: Option<&str>) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ImportError::new(format!(
            "文件过大（{} 字节），超过上限 {} MB，请确认文件是否正确",
            bytes.len(),
            MAX_INPUT_BYTES / 1024 / 1024
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::new("文件为空，没有可读取的内容"));
    }
    match detect(bytes, name) {
        Some(Format::Json) => json::import(bytes),
        Some(Format::Csv | Format::CsvGrid) => csv::import(bytes),
        #[cfg(feature = "office")]
        Some(Format::Xlsx) => xlsx::import(bytes),
        #[cfg(feature = "office")]
        Some(Format::Docx) => docx::import(bytes),
        #[cfg(not(feature = "office"))]
        Some(Format::Xlsx | Format::Docx) => Err(ImportError::new("此版本未包含 Word/Excel 支持（office 功能未启用）")),
        None => {
            Err(ImportError::new("无法识别的文件格式：请提供 JSON、CSV、Excel（.xlsx）或 Word（.docx）格式的年度报告"))
        }
    }
}
