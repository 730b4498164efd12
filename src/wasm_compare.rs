//! WebAssembly binding of 对照 ([`crate::compare`]), in the full module
//! (loaded when first asked for, like 体检摘要): the first-load module stays
//! as it is.
//!
//! Every function takes the earlier report's bytes and name (last year's,
//! or the published version) and the later one's; a file that cannot be
//! read, or two reports that cannot be compared, throw a Chinese error.

use crate::compare::Comparison;
use wasm_bindgen::prelude::*;

fn comparison(a: &[u8], a_name: &str, b: &[u8], b_name: &str) -> Result<Comparison, JsValue> {
    let read = |bytes: &[u8], name: &str| {
        crate::import(bytes, Some(name))
            .map(|i| i.report)
            .map_err(|e| JsValue::from_str(&format!("「{name}」无法读取：{e}")))
    };
    crate::compare::compare(&read(a, a_name)?, &read(b, b_name)?).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The view as an HTML fragment (`<article class="nb-cmp">`) for the page.
#[wasm_bindgen(js_name = compareView)]
pub fn compare_view(a: &[u8], a_name: &str, b: &[u8], b_name: &str) -> Result<String, JsValue> {
    Ok(crate::compare::html::article(&comparison(a, a_name, b, b_name)?))
}

/// The view as a complete HTML document (the download).
#[wasm_bindgen(js_name = compareDocument)]
pub fn compare_document(a: &[u8], a_name: &str, b: &[u8], b_name: &str) -> Result<String, JsValue> {
    Ok(crate::compare::html::document(&comparison(a, a_name, b, b_name)?))
}

/// The view as a Word document (`.docx`).
#[wasm_bindgen(js_name = compareDocx)]
pub fn compare_docx(a: &[u8], a_name: &str, b: &[u8], b_name: &str) -> Result<Vec<u8>, JsValue> {
    Ok(crate::compare::docx::to_docx(&comparison(a, a_name, b, b_name)?))
}
