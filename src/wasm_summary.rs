//! WebAssembly binding of 体检摘要 ([`crate::summary`]), in the full module
//! (loaded when the user first asks for a card, like the Word export): the
//! first-load module stays as it is.
//!
//! Every function takes the report's bytes and file name, and optionally
//! last year's (for the figures' comparison and the cross-year rules); a
//! file that cannot be read throws its Chinese import error.

use crate::summary::Summary;
use wasm_bindgen::prelude::*;

fn read(bytes: &[u8], name: &str) -> Result<crate::Imported, String> {
    crate::import(bytes, Some(name)).map_err(|e| e.to_string())
}

fn summary_of(
    bytes: &[u8],
    name: &str,
    previous: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<Summary, JsValue> {
    let imported = read(bytes, name).map_err(|e| JsValue::from_str(&e))?;
    let previous = match previous {
        Some(prev) => {
            let prev_name = previous_name.unwrap_or_default();
            let read = read(&prev, &prev_name)
                .map_err(|e| JsValue::from_str(&format!("上年报告「{prev_name}」无法读取：{e}")))?;
            Some(read.report)
        }
        None => None,
    };
    Ok(crate::summary::of_imported(&imported, previous.as_ref()))
}

/// The card as an HTML fragment (`<article class="nb-card">`) for the page.
#[wasm_bindgen(js_name = summaryCard)]
pub fn summary_card(
    bytes: &[u8],
    name: &str,
    previous: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<String, JsValue> {
    Ok(crate::render::summary::card(&summary_of(bytes, name, previous, previous_name)?))
}

/// The card as a complete HTML document (the download).
#[wasm_bindgen(js_name = summaryDocument)]
pub fn summary_document(
    bytes: &[u8],
    name: &str,
    previous: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<String, JsValue> {
    Ok(crate::render::summary::document(&summary_of(bytes, name, previous, previous_name)?))
}

/// The card as a Word document (`.docx`).
#[wasm_bindgen(js_name = summaryDocx)]
pub fn summary_docx(
    bytes: &[u8],
    name: &str,
    previous: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<Vec<u8>, JsValue> {
    Ok(crate::render::summary_docx::to_docx(&summary_of(bytes, name, previous, previous_name)?))
}

/// The region's card (体检摘要 of a batch) from the batch's files and the
/// list of units (may be empty): `{card, document}` — the fragment for the
/// page and the complete HTML document to download or print — or its Word
/// document with `to` = `docx` (`{docx}`).
#[wasm_bindgen(js_name = regionSummary)]
pub fn region_summary(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    units: &str,
    name: &str,
    copy_threshold: u8,
    to: &str,
) -> Result<js_sys::Object, JsValue> {
    use crate::batch::{self, coverage};
    let load = |i: usize| batch::Entry {
        source: names[i].clone(),
        imported: crate::import(&files[i].to_vec(), Some(&names[i])),
    };
    let units = coverage::parse_units(units);
    let card = batch::run(names.len(), load, &batch::Options::page(&units, copy_threshold), |r| r).region_summary(name);
    let out = js_sys::Object::new();
    if to == "docx" {
        let docx = crate::render::summary_docx::region_to_docx(&card);
        js_sys::Reflect::set(&out, &"docx".into(), &js_sys::Uint8Array::from(docx.as_slice()).into())?;
    } else {
        js_sys::Reflect::set(&out, &"card".into(), &crate::render::summary::region_card(&card).into())?;
        js_sys::Reflect::set(&out, &"document".into(), &crate::render::summary::region_document(&card).into())?;
    }
    Ok(out)
}
