//! WebAssembly binding of 检查凭证 ([`crate::certificate`]), in the full
//! module (SHA-256 and the certificate stay out of the first-load module).

use crate::certificate::{self, Certificate};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("内部错误：{e}")))
}

#[derive(Serialize)]
struct Certified {
    text: String,
    json: String,
    certificate: Certificate,
}

/// The certificate of a file as loaded on the page: `{text, json, certificate}`.
/// Throws the Chinese import error when the file cannot be read.
#[wasm_bindgen(js_name = certifyFile)]
pub fn certify_file(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    let imported = crate::import(bytes, Some(name)).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let findings = crate::check_imported(&imported, &crate::CheckOptions::default());
    let certificate = certificate::certify(name, bytes, &imported.report, crate::Tally::of(&findings));
    to_js(&Certified { text: certificate.text(), json: certificate.to_json(), certificate })
}

/// Verifies a received file against a certificate (its JSON or its text
/// block): `{matches, same_rules, text, …}`. Throws when the certificate
/// cannot be read.
#[wasm_bindgen(js_name = verifyFile)]
pub fn verify_file(bytes: &[u8], name: &str, certificate: &[u8]) -> Result<JsValue, JsValue> {
    let certificate = Certificate::parse(certificate).map_err(|e| JsValue::from_str(&e))?;
    let counts_now = crate::import(bytes, Some(name))
        .ok()
        .map(|imported| crate::Tally::of(&crate::check_imported(&imported, &crate::CheckOptions::default())));
    to_js(&certificate::verify(bytes, certificate, counts_now))
}

/// Every certificate received with a batch (the batch page's reports and
/// the certificates picked beside them): `{certificates: [{certificate,
/// file, matches, text}], without: [report names]}`
/// ([`certificate::verify_batch`]).
#[wasm_bindgen(js_name = verifyBatch)]
pub fn verify_batch(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    certificate_names: Vec<String>,
    certificates: Vec<js_sys::Uint8Array>,
) -> Result<JsValue, JsValue> {
    let files: Vec<Vec<u8>> = files.iter().map(js_sys::Uint8Array::to_vec).collect();
    let certificates: Vec<Vec<u8>> = certificates.iter().map(js_sys::Uint8Array::to_vec).collect();
    let reports: Vec<(&str, &[u8])> = names.iter().map(String::as_str).zip(files.iter().map(Vec::as_slice)).collect();
    let received: Vec<(&str, &[u8])> =
        certificate_names.iter().map(String::as_str).zip(certificates.iter().map(Vec::as_slice)).collect();
    to_js(&certificate::verify_batch(&reports, &received))
}
