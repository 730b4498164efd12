//! WebAssembly binding of the Office formats (feature `office`): thin
//! wrappers over the core, kept apart from `src/wasm.rs` so the page can
//! ship a first-load module without them (`--no-default-features`) and
//! load the module built with `office` on demand.
//!
//! Every function takes the report as the bytes of any supported input
//! (the canonical JSON, a CSV, an uploaded DOCX/XLSX) with its file name,
//! and returns the file's bytes (a `Uint8Array` in JavaScript); a file that
//! cannot be read gives the Chinese import error as the exception.

use wasm_bindgen::prelude::*;

fn read(bytes: &[u8], name: &str) -> Result<crate::Imported, JsValue> {
    crate::import(bytes, Some(name)).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The blank Excel fill-in template (`.xlsx`).
#[wasm_bindgen(js_name = officeTemplateXlsx)]
pub fn office_template_xlsx() -> Vec<u8> {
    crate::render::xlsx::template()
}

/// The blank Word report template (`.docx`).
#[wasm_bindgen(js_name = officeTemplateDocx)]
pub fn office_template_docx() -> Vec<u8> {
    crate::render::docx::template()
}

/// The report as a publish-ready Word document (`.docx`).
#[wasm_bindgen(js_name = officeReportDocx)]
pub fn office_report_docx(bytes: &[u8], name: &str) -> Result<Vec<u8>, JsValue> {
    Ok(crate::render::docx::to_docx(&read(bytes, name)?.report))
}

/// The report's tables in the official layout, its prose and its findings
/// as an Excel workbook (`.xlsx`). With last year's report (as the page
/// paired it), the findings include the cross-year ones, as on screen.
#[wasm_bindgen(js_name = officeReportXlsx)]
pub fn office_report_xlsx(
    bytes: &[u8],
    name: &str,
    previous_bytes: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    let imported = read(bytes, name)?;
    let findings = crate::wasm::findings_shown(&imported, previous_bytes, previous_name)?;
    Ok(crate::render::xlsx::to_xlsx(&imported.report, &findings))
}

/// Whether these bytes need the office module to be read (a DOCX or XLSX).
#[wasm_bindgen(js_name = isOfficeFile)]
pub fn is_office_file(bytes: &[u8]) -> bool {
    crate::office::office_kind(bytes).is_some()
}
