//! Importers: bytes in, a [`Report`] out, plus findings about the source
//! itself (non-canonical labels, aliases, blanks found while reading).
//!
//! Every importer treats its input as untrusted: it returns an
//! [`ImportError`] with a Chinese message and a location, never panics, and
//! bounds the work and memory it spends by the limits of [`crate::limits`].

mod css;
pub mod csv;
pub(crate) mod document;
#[cfg(feature = "office")]
pub mod docx;
#[cfg(feature = "office")]
pub(crate) mod docx_typeset;
pub mod encoding;
pub(crate) mod flow;
pub(crate) mod furniture;
pub(crate) mod grid;
pub mod html;
pub mod json;
pub(crate) mod mhtml;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod text;
pub(crate) mod unruled;
#[cfg(feature = "office")]
pub mod xlsx;

use crate::error::ImportError;
use crate::finding::{Finding, RuleCode};
use crate::model::Report;

pub use crate::limits::MAX_INPUT_BYTES;

/// A report read from a source, with what the reading itself found.
#[derive(Clone, Debug)]
pub struct Imported {
    pub report: Report,
    /// Findings about the source (e.g. a non-canonical label), merged with
    /// the rule findings by [`crate::check_imported`].
    pub findings: Vec<Finding>,
    /// Which importer read it (`json`, `csv`, …).
    pub format: Format,
    /// How tables were read where the format does not say it all (figures
    /// cut by arithmetic, …); a table not listed was read the format's way
    /// ([`ReadMethod::of_format`]).
    pub tables: Vec<TableReading>,
    /// The tables the importer could not read: an S2 finding tells the
    /// user why; the rules do not report their cells as left blank.
    pub unread: Vec<UnreadTable>,
}

/// A table the importer could not read, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnreadTable {
    pub table: crate::layout::TableId,
    pub why: Unread,
}

/// Why a table was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unread {
    /// Nothing like it under the official labels.
    NotFound,
    /// A table is there, but its labels or values do not fit the official layout.
    Misfit,
    /// The table is in the outdated 2019 试行 layout.
    Outdated,
}

impl Imported {
    /// A report as read from a format that names every field (nothing unread, no finding).
    pub fn whole(report: Report, format: Format) -> Imported {
        Imported { report, findings: Vec::new(), format, tables: Vec::new(), unread: Vec::new() }
    }

    /// Whether the importer could not read `table`.
    fn is_unread(&self, table: crate::layout::TableId) -> bool {
        self.unread.iter().any(|u| u.table == table)
    }
}

/// How one table was read, and how sure the reading is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TableReading {
    /// `active`, `requests`, `review_litigation`.
    pub table: &'static str,
    pub method: ReadMethod,
    /// No cell of the table is in doubt.
    pub certain: bool,
    /// What is uncertain, in a sentence (Chinese), when not certain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The ways a table is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReadMethod {
    /// Named fields (nianbao's JSON, the address CSV).
    Fields,
    /// The cells of a table (Word, Excel, a web page, a CSV laid out as the table).
    Cells,
    /// Rebuilt from the positions of the text on the page (PDF).
    Positions,
    /// Text whose cells are kept apart by tabs, line breaks or spaces.
    TextColumns,
    /// Text whose figures ran together, cut into cells by the table's arithmetic.
    Split,
}

impl ReadMethod {
    /// How a format's tables are read, unless an importer says otherwise.
    fn of_format(format: Format) -> ReadMethod {
        match format {
            Format::Json | Format::Csv => ReadMethod::Fields,
            Format::CsvGrid | Format::Xlsx | Format::XlsxTables | Format::Docx | Format::Html => ReadMethod::Cells,
            Format::Pdf => ReadMethod::Positions,
            Format::Text => ReadMethod::TextColumns,
        }
    }

    /// The method in a few Chinese words.
    pub fn text(self) -> &'static str {
        match self {
            ReadMethod::Fields => "按数据字段读取",
            ReadMethod::Cells => "按表格单元格读取",
            ReadMethod::Positions => "按文字在页面上的位置重建表格",
            ReadMethod::TextColumns => "按文本中的分隔（制表符、换行、空格）分列",
            ReadMethod::Split => "数字连写在一起，按表格的勾稽关系拆分",
        }
    }
}

/// The input formats nianbao reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    /// A CSV laid out like the official tables (exported from a sheet).
    CsvGrid,
    Xlsx,
    /// An Excel workbook with the tables only: no 正文 sheet, so no prose.
    XlsxTables,
    Docx,
    /// Plain text or Markdown (pasted or saved).
    Text,
    /// A web page (saved, or the clipboard's `text/html`).
    Html,
    /// A PDF with a text layer.
    Pdf,
}

impl Format {
    pub const ALL: [Format; 9] = [
        Format::Json,
        Format::Csv,
        Format::CsvGrid,
        Format::Xlsx,
        Format::XlsxTables,
        Format::Docx,
        Format::Text,
        Format::Html,
        Format::Pdf,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::CsvGrid => "csv-grid",
            Format::Xlsx => "xlsx",
            Format::XlsxTables => "xlsx-tables",
            Format::Docx => "docx",
            Format::Text => "text",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

impl Format {
    /// Whether the format can hold the prose sections (一、五、六): a sheet
    /// laid out like the official tables holds the tables only, and its
    /// summary says so instead of the prose being reported missing (S1).
    pub fn carries_prose(self) -> bool {
        !matches!(self, Format::CsvGrid | Format::XlsxTables)
    }
}

/// Guesses the format from the content first, the file name second.
fn detect(bytes: &[u8], name: Option<&str>) -> Option<Format> {
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
    if text_start.starts_with(b"%PDF")
        || bytes.len() > 5 && bytes[..bytes.len().min(1024)].windows(5).any(|w| w == b"%PDF-")
    {
        return Some(Format::Pdf);
    }
    if text_start.starts_with(b"<") || mhtml::is_mhtml(bytes) {
        return Some(Format::Html);
    }
    let ext = name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("json") => Some(Format::Json),
        Some("csv") => Some(Format::Csv),
        Some("xlsx") => Some(Format::Xlsx),
        Some("docx") => Some(Format::Docx),
        Some("html" | "htm" | "xhtml" | "mht" | "mhtml") => Some(Format::Html),
        Some("pdf") => Some(Format::Pdf),
        Some("txt" | "md" | "markdown" | "text") => Some(Format::Text),
        _ => match encoding::decode_text_borrowed(&bytes[..bytes.len().min(256 * 1024)]) {
            Ok(text) if text::looks_like_report(&text) => Some(Format::Text),
            _ => None,
        },
    }
}

/// Reads a report in any supported format, picked by [`detect`].
pub fn import(bytes: &[u8], name: Option<&str>) -> Result<Imported, ImportError> {
    import_as(bytes, name, json::import)
}

/// [`import`] for a batch's first pass, which keeps only the organ, the
/// year and the figures: a JSON report's prose is checked but not kept
/// (the whole report is read once more when it is checked). Fails exactly
/// when `import` fails; other formats are read whole.
pub fn import_without_prose(bytes: &[u8], name: Option<&str>) -> Result<Imported, ImportError> {
    import_as(bytes, name, json::import_without_prose)
}

fn import_as(
    bytes: &[u8],
    name: Option<&str>,
    import_json: fn(&[u8]) -> Result<Imported, ImportError>,
) -> Result<Imported, ImportError> {
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
    let mut imported = match detect(bytes, name) {
        Some(Format::Json) => import_json(bytes),
        Some(Format::Csv | Format::CsvGrid) => csv::import(bytes),
        #[cfg(feature = "office")]
        Some(Format::Xlsx | Format::XlsxTables) => xlsx::import(bytes),
        #[cfg(feature = "office")]
        Some(Format::Docx) => docx::import(bytes),
        #[cfg(not(feature = "office"))]
        Some(Format::Xlsx | Format::XlsxTables | Format::Docx) => {
            Err(ImportError::new("此版本未包含 Word/Excel 支持（office 功能未启用）"))
        }
        Some(Format::Text) => text::import(bytes),
        Some(Format::Html) if mhtml::is_mhtml(bytes) => {
            #[cfg(feature = "mhtml")]
            return html::import(&mhtml::page(bytes)?);
            #[cfg(not(feature = "mhtml"))]
            return Err(ImportError::new(
                "此版本未包含单个文件网页（MHTML）的支持：请另存为“网页，全部”或“网页，仅 HTML”",
            ));
        }
        Some(Format::Html) => html::import(bytes),
        #[cfg(feature = "pdf")]
        Some(Format::Pdf) => pdf::import(bytes),
        #[cfg(not(feature = "pdf"))]
        Some(Format::Pdf) => Err(ImportError::new("此版本未包含 PDF 支持（pdf 功能未启用）")),
        None => Err(unrecognised(bytes, name)),
    }?;
    fold_report(&mut imported.report);
    Ok(imported)
}

/// Why a file is not read, saying what to give instead: an old binary
/// Office file (.doc, .xls, WPS's .wps and .et: OLE compound documents,
/// still common on office PCs) is named as such, with the format to save
/// it as, and so is an OFD (published beside the PDF on many sites).
fn unrecognised(bytes: &[u8], name: Option<&str>) -> ImportError {
    const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(OLE) {
        let ext = name.and_then(|n| n.rsplit_once('.')).map(|(_, e)| e.to_ascii_lowercase());
        let (what, save_as) = match ext.as_deref() {
            Some("xls" | "et") => ("旧版 Excel/WPS 表格文件", "Excel 工作簿（.xlsx）"),
            _ => ("旧版 Word/WPS 文字文件", "Word 文档（.docx）或 PDF"),
        };
        return ImportError::new(format!(
            "这是{what}（.doc、.xls、.wps、.et 等旧格式），不能直接读取：请在 Word、Excel 或 WPS 中打开，“另存为”{save_as}后再试"
        ));
    }
    // An OFD (版式文档, GB/T 33190): a zip package whose root is OFD.xml.
    if bytes.starts_with(b"PK\x03\x04") && bytes.windows(7).any(|w| w == b"OFD.xml") {
        return ImportError::new(
            "这是 OFD 版式文件，本工具暂不能读取：请提供同一报告的 PDF、网页或 Word 文件（网站多同时发布 PDF 版；OFD 阅读器也可“打印”为 PDF）",
        );
    }
    ImportError::new(
        "无法识别的文件格式：请提供 JSON、CSV、Excel（.xlsx）、Word（.docx）、网页（.html、.mhtml）、PDF 或文本（.txt/.md）格式的年度报告",
    )
}

/// Reads what the clipboard holds when a user pastes into the page: the
/// `text/html` flavour when it has a table or a heading of the report
/// (copied from a web page, Word or WPS), else the plain text.
pub fn import_pasted(text: Option<&str>, html: Option<&str>) -> Result<Imported, ImportError> {
    let mut imported = read_pasted(text, html)?;
    fold_report(&mut imported.report);
    Ok(imported)
}

fn read_pasted(text: Option<&str>, html: Option<&str>) -> Result<Imported, ImportError> {
    let text = text.filter(|t| !t.trim().is_empty());
    let html = html.filter(|h| !h.trim().is_empty());
    let too_big = || ImportError::new("粘贴的内容过大，超过处理上限");
    let from_text = |text: &str| -> Result<Imported, ImportError> {
        if text.len() > MAX_INPUT_BYTES {
            return Err(too_big());
        }
        // Pasted JSON (nianbao's own format) is read as such.
        if text.trim_start().starts_with('{') {
            json::import(text.as_bytes())
        } else {
            text::import_str(text)
        }
    };
    let Some(html) = html else {
        return match text {
            Some(text) => from_text(text),
            None => Err(ImportError::new("粘贴板是空的：请先复制年度报告的文字或表格")),
        };
    };
    if html.len() > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    // Windows' CF_HTML carries a header (Version:… StartHTML:…) before the markup.
    let html = match (html.trim_start().starts_with("Version:"), html.find('<')) {
        (true, Some(at)) => &html[at..],
        _ => html,
    };
    let from_html = html::import_str(html);
    let Some(text) = text else { return from_html };
    // Both flavours: the one that read more tables (the markup on a tie).
    let read = |i: &Imported| summary(i).tables_found.len();
    match (from_html, from_text(text)) {
        (Ok(h), Ok(t)) => Ok(if read(&t) > read(&h) { t } else { h }),
        (Ok(h), Err(_)) => Ok(h),
        (Err(_), t) => t,
    }
}

/// What an import found, for a reviewer to judge how far to trust it:
/// which sections and tables were read, which labels were not the official
/// ones, which cells were blank.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Summary {
    pub format: &'static str,
    /// Section keys (`overview`, `problems`, `other`) with text.
    pub sections_found: Vec<&'static str>,
    pub sections_missing: Vec<&'static str>,
    /// Table keys (`active`, `requests`, `review_litigation`) read.
    pub tables_found: Vec<&'static str>,
    /// Tables not found, not readable (S2) or entirely blank.
    pub tables_missing: Vec<&'static str>,
    /// Headings and labels that differ from the official text (S1, S3).
    pub nonstandard_labels: Vec<NonstandardLabel>,
    /// Addresses of the blank cells of the tables that were read.
    pub blank_cells: Vec<&'static str>,
    /// How each table that was read was read, and how sure it is.
    pub readings: Vec<TableReading>,
    /// Whether the whole report was read: all sections and tables, and no
    /// table left unread.
    pub complete: bool,
    /// Whether the format can hold prose at all ([`Format::carries_prose`]).
    pub carries_prose: bool,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct NonstandardLabel {
    pub rule: RuleCode,
    pub expected: String,
    pub actual: String,
}

/// The [`Summary`] of an import.
pub fn summary(imported: &Imported) -> Summary {
    use crate::model::SectionKey;
    let report = &imported.report;
    let (mut sections_found, mut sections_missing) = (Vec::new(), Vec::new());
    for key in SectionKey::HEADED {
        if report.sections.get(key).is_some_and(|t| !t.trim().is_empty()) {
            sections_found.push(key.key());
        } else {
            sections_missing.push(key.key());
        }
    }
    let (mut tables_found, mut tables_missing, mut blank_cells) = (Vec::new(), Vec::new(), Vec::new());
    for table in crate::layout::TableId::ALL {
        if imported.is_unread(table) || report.table_is_blank(table) {
            tables_missing.push(table.key());
        } else {
            tables_found.push(table.key());
            blank_cells.extend(table.cells().filter(|id| report.value(*id).is_blank()).map(|id| id.address()));
        }
    }
    let nonstandard_labels = imported
        .findings
        .iter()
        .filter(|f| matches!(f.rule, RuleCode::S1 | RuleCode::S3))
        .map(|f| NonstandardLabel {
            rule: f.rule,
            expected: f.expected.clone().unwrap_or_default(),
            actual: f.actual.clone().unwrap_or_default(),
        })
        .collect();
    let readings = tables_found
        .iter()
        .map(|key| {
            imported.tables.iter().find(|t| t.table == *key).cloned().unwrap_or(TableReading {
                table: key,
                method: ReadMethod::of_format(imported.format),
                certain: true,
                note: None,
            })
        })
        .collect();
    let complete = sections_missing.is_empty() && tables_missing.is_empty();
    Summary {
        format: imported.format.key(),
        sections_found,
        sections_missing,
        tables_found,
        tables_missing,
        nonstandard_labels,
        blank_cells,
        readings,
        complete,
        carries_prose: imported.format.carries_prose(),
    }
}

impl Summary {
    /// The summary in a few Chinese lines (for the CLI's stderr).
    pub fn to_text(&self) -> String {
        use crate::layout::TableId;
        use crate::model::SectionKey;
        let section =
            |k: &str| SectionKey::ALL.into_iter().find(|s| s.key() == k).map(|s| s.heading()).unwrap_or("").to_string();
        let table = |k: &str| TableId::ALL.into_iter().find(|t| t.key() == k).map(|t| t.short_name()).unwrap_or("");
        let list = |v: Vec<String>| if v.is_empty() { "无".to_string() } else { v.join("、") };
        let mut out = format!("读取格式：{}\n", self.format);
        if !self.carries_prose {
            out += "此文件只有表格，没有正文：一、五、六部分无从检查，请另行核对正文（nianbao 的 Excel 填报模板有“正文”工作表）。\n";
        }
        out += &format!("已读取的部分：{}\n", list(self.sections_found.iter().map(|k| section(k)).collect()));
        if !self.sections_missing.is_empty() {
            out += &format!("没有内容的部分：{}\n", list(self.sections_missing.iter().map(|k| section(k)).collect()));
        }
        out += &format!("已读取的表格：{}\n", list(self.tables_found.iter().map(|k| table(k).to_string()).collect()));
        if !self.tables_missing.is_empty() {
            out += &format!(
                "未读取或空白的表格：{}\n",
                list(self.tables_missing.iter().map(|k| table(k).to_string()).collect())
            );
        }
        for r in &self.readings {
            let sure = if r.certain { "读取可靠" } else { "有不确定之处" };
            out += &format!("{}：{}，{sure}", table(r.table), r.method.text());
            if let Some(note) = &r.note {
                out += &format!("（{note}）");
            }
            out += "\n";
        }
        for l in &self.nonstandard_labels {
            let actual = if l.actual.is_empty() { "空白".to_string() } else { format!("“{}”", l.actual) };
            out += &format!("非规范写法（{}）：{actual}，规范为“{}”\n", l.rule, l.expected);
        }
        if !self.blank_cells.is_empty() {
            out += &format!("空白单元格 {} 个：{}\n", self.blank_cells.len(), self.blank_cells.join("、"));
        }
        out += if self.complete {
            "报告各部分均已读取。\n"
        } else {
            "注意：报告没有完整读取，请核对上面列出的缺失部分。\n"
        };
        out
    }
}

/// The report's prose and meta as a reader sees it ([`crate::fold::fold_display`]):
/// applied to every import, whatever read it.
fn fold_report(report: &mut crate::model::Report) {
    use crate::model::SectionKey;
    crate::fold::fold_string(&mut report.meta.organ);
    if let Some(title) = &mut report.meta.title {
        crate::fold::fold_string(title);
    }
    for key in SectionKey::ALL {
        if let Some(text) = report.sections.get_mut(key) {
            crate::fold::fold_string(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_old_office_file_or_an_ofd_is_named_with_what_to_give_instead() {
        let ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x3E\x00\x03\x00\xFE\xFF";
        let word = import(ole, Some("年报.doc")).map(|_| ()).unwrap_err().message;
        assert!(word.contains("旧版 Word") && word.contains(".docx"), "{word}");
        let sheet = import(ole, Some("表格.XLS")).map(|_| ()).unwrap_err().message;
        assert!(sheet.contains("旧版 Excel") && sheet.contains(".xlsx"), "{sheet}");
        let ofd = import(b"PK\x03\x04\x14\x00\x00\x00\x08\x00OFD.xml<ofd:OFD/>", Some("r.ofd"))
            .map(|_| ())
            .unwrap_err()
            .message;
        assert!(ofd.contains("OFD") && ofd.contains("PDF"), "{ofd}");
        let other = import(b"\x01\x02\x03garbage", Some("a.bin")).map(|_| ()).unwrap_err().message;
        assert!(other.contains("无法识别的文件格式"), "{other}");
    }
}
