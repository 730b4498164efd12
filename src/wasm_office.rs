//! WebAssembly binding of the Office formats (feature `office`): thin
//! wrappers over the core, kept apart from `src/wasm.rs` so the page can
//! ship a first-load module without them (`--no-default-features`) and
//! load the module built with `office` on demand.
//!
//! Every function takes the report as the bytes of any supported input
//! (the canonical JSON, a CSV, an uploaded DOCX/XLSX) with its file name,
//! and returns the file's bytes (a `Uint8Array` in JavaScript); a file that
//! cannot be read gives the Chinese import error as the exception.

use crate::authoring::form::FormDraft;
use crate::render::json;
use crate::wasm::{form_draft, read_previous, to_js};
use serde::Serialize;
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

// Writing this year's report (issue 19): called on the author's demand,
// so kept out of the first-load module.

/// The figure sentences drafted from the draft's tables, one entry per
/// table: `{table, part, note, text, sentences: [{text, quotes: [{cell,
/// figure}]}], missing, in_error}` (`note` is the section key of the
/// table's 表外说明; `missing` and `in_error` are the cells' labels).
#[wasm_bindgen(js_name = draftSentences)]
pub fn draft_sentences(draft: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Quoted {
        cell: &'static str,
        figure: String,
    }
    #[derive(Serialize)]
    struct Drafted {
        text: String,
        quotes: Vec<Quoted>,
    }
    #[derive(Serialize)]
    struct Part {
        table: &'static str,
        part: &'static str,
        note: &'static str,
        text: String,
        sentences: Vec<Drafted>,
        missing: Vec<&'static str>,
        in_error: Vec<&'static str>,
    }
    let report = form_draft(draft)?.to_report();
    let parts: Vec<Part> = crate::authoring::sentences::draft(&report)
        .into_iter()
        .map(|d| Part {
            table: d.table.key(),
            part: d.part,
            note: crate::model::SectionKey::note_of(d.table).key(),
            text: d.text(),
            sentences: d
                .sentences
                .into_iter()
                .map(|s| Drafted {
                    text: s.text,
                    quotes: s
                        .quotes
                        .iter()
                        .map(|q| Quoted { cell: q.cell.address(), figure: q.figure.to_string() })
                        .collect(),
                })
                .collect(),
            missing: d.missing.iter().map(|c| c.label()).collect(),
            in_error: d.in_error.iter().map(|c| c.label()).collect(),
        })
        .collect();
    to_js(&parts)
}

/// This year's draft started from last year's report (`bytes`, any input
/// format): the form's fields (as [`draft_of`]) and `last_year`: `{year,
/// sections: {key: [{text, changes}]}, in_force: [{cell, issued,
/// repealed, figure}], json}`: last year's text cut into sentences with
/// the reasons each must change (`changes: [{kind, label}]`), the 现行有效
/// this year's follows from, and last year's report as canonical JSON.
#[wasm_bindgen(js_name = newYear)]
pub fn new_year(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    use std::collections::BTreeMap;
    #[derive(Serialize)]
    struct Change {
        kind: &'static str,
        label: String,
    }
    #[derive(Serialize)]
    struct Sentence {
        text: String,
        changes: Vec<Change>,
    }
    #[derive(Serialize)]
    struct Base {
        cell: &'static str,
        issued: &'static str,
        repealed: &'static str,
        figure: String,
    }
    #[derive(Serialize)]
    struct LastYear {
        year: Option<i32>,
        sections: BTreeMap<&'static str, Vec<Sentence>>,
        in_force: Vec<Base>,
        /// Last year's report as canonical JSON: the form checks the draft
        /// against it (X4, X5, X9) without keeping the original file.
        json: String,
    }
    let last = read_previous(bytes, name)?;
    let next = crate::authoring::new_year::new_year(&last.report);
    let sections = next
        .references
        .into_iter()
        .map(|r| {
            let sentences = r
                .sentences
                .into_iter()
                .map(|s| Sentence {
                    text: s.text,
                    changes: s.changes.iter().map(|c| Change { kind: c.key(), label: c.label() }).collect(),
                })
                .collect();
            (r.section.key(), sentences)
        })
        .collect();
    let in_force = next
        .in_force
        .iter()
        .map(|b| Base {
            cell: b.in_force.address(),
            issued: b.issued.address(),
            repealed: b.repealed.address(),
            figure: b.last_year.to_string(),
        })
        .collect();
    let draft = to_js(&FormDraft::of(&next.report))?;
    let last_year = LastYear { year: next.last_year, sections, in_force, json: json::to_json_string(&last.report) };
    js_sys::Reflect::set(&draft, &JsValue::from_str("last_year"), &to_js(&last_year)?)?;
    Ok(draft)
}
