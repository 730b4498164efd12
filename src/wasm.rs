//! The WebAssembly binding: a thin layer over the core for the page.
//!
//! Every function returns plain JavaScript values (serde-wasm-bindgen with
//! `json_compatible()`, so objects are plain objects and the shapes are
//! those of the CLI's `--json`), or throws a Chinese message. The release
//! build uses `panic = abort` (it is built with `-Zbuild-std=std,panic_abort`
//! for old browsers), so a panic in the core traps the instance: the panic
//! hook logs it and the page's loader (`www/engine.js`) turns the trap into
//! a Chinese error and starts a fresh instance.

use crate::authoring::form::FormDraft;
use crate::finding::Finding;
use crate::model::Report;
use crate::output::{placement, CheckedReport, Placement};
use crate::render::{csv, html, json, markdown};
use crate::rules::{CheckOptions, RULES};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Talc instead of Rust's default wasm allocator (dlmalloc): a batch
/// imports thousands of reports, each many small strings, and allocation was
/// a large part of the page's core time (natively the CLI uses mimalloc for
/// the same reason). The page's instances are single-threaded.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The sample report (红寺堡区 2025), for the page's 示例 button.
const SAMPLE: &str = include_str!("../tests/fixtures/hongsibao-2025.json");

pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("内部错误：结果无法转换（{e}）")))
}

fn read(bytes: &[u8], name: &str) -> Result<crate::Imported, JsValue> {
    crate::import(bytes, Some(name)).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Logs a panic's message to the console before the instance traps.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&JsValue::from_str(&format!("nianbao 内部错误：{info}")));
    }));
}

/// The version of the core, shown in the page's footer.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Everything the page shows for one input.
#[derive(Serialize)]
struct FileView {
    #[serde(flatten)]
    summary: CheckedReport,
    /// Per finding (same order), which table it belongs to.
    places: Vec<Placement>,
    /// The report in the official layout, faulty cells marked.
    html: String,
    /// How each table was read and how sure the reading is.
    readings: Vec<Reading>,
}

/// One table's reading, in the words the page shows.
#[derive(Serialize)]
struct Reading {
    /// 表二, 表三, 表四.
    table: &'static str,
    how: &'static str,
    certain: bool,
    note: Option<String>,
}

impl FileView {
    /// The view of `imported` (named `name`) checked with `findings`.
    fn of(name: &str, imported: &crate::Imported, findings: Vec<Finding>) -> FileView {
        FileView {
            html: html::article(&imported.report, &findings),
            places: findings.iter().map(placement).collect(),
            readings: readings(imported),
            summary: CheckedReport::checked(name, imported.format.key(), &imported.report, findings),
        }
    }
}

fn readings(imported: &crate::import::Imported) -> Vec<Reading> {
    crate::import::summary(imported)
        .readings
        .into_iter()
        .map(|r| Reading {
            table: crate::layout::TableId::ALL.iter().find(|t| t.key() == r.table).map_or("", |t| t.short_name()),
            how: r.method.text(),
            certain: r.certain,
            note: r.note,
        })
        .collect()
}

/// Reads and checks one file (`name` helps pick the format). Throws the
/// import error (Chinese, with its location) when the file cannot be read.
#[wasm_bindgen(js_name = checkFile)]
pub fn check_file(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    let imported = read(bytes, name)?;
    let findings = crate::check_imported(&imported, &CheckOptions::default());
    to_js(&FileView::of(name, &imported, findings))
}

/// As [`check_file`], with last year's report of the same organ for the
/// cross-year rules (X4 上年结转, X5 现行有效件数, X9 雷同), as the batch
/// page pairs them. Throws when either file cannot be read (the message
/// names which).
#[wasm_bindgen(js_name = checkFileWithPrevious)]
pub fn check_file_with_previous(
    bytes: &[u8],
    name: &str,
    previous_bytes: &[u8],
    previous_name: &str,
) -> Result<JsValue, JsValue> {
    let imported = read(bytes, name)?;
    let previous = read_previous(previous_bytes, previous_name)?;
    let findings = crate::check_imported(&imported, &CheckOptions::with_previous(Some(&previous.report)));
    to_js(&FileView::of(name, &imported, findings))
}

/// Reads the report given as last year's (上年报告); the error names it.
pub(crate) fn read_previous(bytes: &[u8], name: &str) -> Result<crate::Imported, JsValue> {
    read(bytes, name)
        .map_err(|e| JsValue::from_str(&format!("上年报告「{name}」无法读取：{}", e.as_string().unwrap_or_default())))
}

/// The findings the page shows for `imported`: every rule, and the
/// cross-year ones when last year's report is given (bytes and name), so
/// a download carries exactly what is on screen.
pub(crate) fn findings_shown(
    imported: &crate::Imported,
    previous_bytes: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<Vec<Finding>, JsValue> {
    let previous = match previous_bytes {
        Some(bytes) => Some(read_previous(&bytes, previous_name.as_deref().unwrap_or(""))?),
        None => None,
    };
    Ok(crate::check_imported(imported, &CheckOptions::with_previous(previous.as_ref().map(|p| &p.report))))
}

/// Reads and checks what the user pasted: the clipboard's `text/html`
/// flavour when it holds the report's tables (copied from a web page, Word
/// or WPS), else the plain text (report text, Markdown, JSON). Besides the
/// result of [`check_file`], gives `json`, the canonical JSON of what was
/// read, which the page keeps as the report's bytes for the downloads.
#[wasm_bindgen(js_name = checkPasted)]
pub fn check_pasted(text: Option<String>, html: Option<String>) -> Result<JsValue, JsValue> {
    let imported = crate::import::import_pasted(text.as_deref(), html.as_deref())
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let findings = crate::check_imported(&imported, &CheckOptions::default());
    let json = json::to_json_string(&imported.report);
    to_js(&Pasted { checked: FileView::of("粘贴的内容", &imported, findings), json })
}

#[derive(Serialize)]
struct Pasted {
    #[serde(flatten)]
    checked: FileView,
    json: String,
}

/// The report read from `bytes`, exported as `to`: `json`, `csv`, `html`
/// (a complete document with the findings marked), `md`, or `findings-csv`.
/// With last year's report (`previous_bytes`, `previous_name`, as the page
/// paired it), the findings include the cross-year ones, as on screen.
#[wasm_bindgen(js_name = exportFile)]
pub fn export_file(
    bytes: &[u8],
    name: &str,
    to: &str,
    previous_bytes: Option<Vec<u8>>,
    previous_name: Option<String>,
) -> Result<String, JsValue> {
    let imported = read(bytes, name)?;
    let report = &imported.report;
    Ok(match to {
        "json" => json::to_json_string(report),
        "csv" => csv::to_csv(report),
        "md" => markdown::to_markdown(report),
        "html" => html::document(report, &findings_shown(&imported, previous_bytes, previous_name)?),
        "findings-csv" => crate::output::findings_csv(name, &findings_shown(&imported, previous_bytes, previous_name)?),
        other => return Err(JsValue::from_str(&format!("不支持的导出格式：{other}"))),
    })
}

/// The report read from `bytes` (or the blank report when `bytes` is
/// empty) as the form's fields, each value's exact text
/// ([`crate::authoring::form::FormDraft`]).
#[wasm_bindgen(js_name = draftOf)]
pub fn draft_of(bytes: &[u8], name: &str) -> Result<JsValue, JsValue> {
    let report = if bytes.is_empty() { Report::new() } else { read(bytes, name)?.report };
    to_js(&FormDraft::of(&report))
}

/// The form's draft as it arrives from the page, read field by field (a
/// serde deserializer for it would add to the first-load module what the
/// few fields do not need). A field of the wrong type reads as empty.
pub(crate) fn form_draft(draft: JsValue) -> Result<FormDraft, JsValue> {
    if !draft.is_object() {
        return Err(JsValue::from_str("草稿无法读取：不是对象"));
    }
    let field = |key: &str| js_sys::Reflect::get(&draft, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let text = |key: &str| field(key).as_string().unwrap_or_default();
    let map = |key: &str| -> std::collections::BTreeMap<String, String> {
        let object = field(key);
        if !object.is_object() {
            return Default::default();
        }
        js_sys::Object::entries(&object.unchecked_into())
            .iter()
            .filter_map(|entry| {
                let pair: js_sys::Array = entry.unchecked_into();
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect()
    };
    Ok(FormDraft {
        organ: text("organ"),
        organ_kind: text("organ_kind"),
        year: text("year"),
        title: text("title"),
        published_on: text("published_on"),
        sections: map("sections"),
        cells: map("cells"),
        money: Vec::new(),
    })
}

/// The canonical JSON of the form's draft: the core's writer, so the
/// form's downloads and checks read exactly as a file would.
#[wasm_bindgen(js_name = draftJson)]
pub fn draft_json(draft: JsValue) -> Result<String, JsValue> {
    Ok(json::to_json_string(&form_draft(draft)?.to_report()))
}

/// The checklist before publishing of the form's draft: `[{key, what,
/// status: done|not_done|author, detail}]`.
#[wasm_bindgen(js_name = draftChecklist)]
pub fn draft_checklist(draft: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::authoring::checklist::checklist(&form_draft(draft)?.to_report()))
}

/// The blank template as `json` or `csv`: every cell present and empty.
#[wasm_bindgen]
pub fn template(to: &str) -> Result<String, JsValue> {
    let blank = Report::new();
    match to {
        "json" => Ok(json::to_json_string(&blank)),
        "csv" => Ok(csv::to_csv(&blank)),
        other => Err(JsValue::from_str(&format!("不支持的模板格式：{other}"))),
    }
}

/// The rule catalogue: `[{code, severity, title, doc, basis, example}]`.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsValue> {
    to_js(RULES)
}

/// The words the page shows for the core's keys, so page, CLI and exports
/// say the same: `{severity, status, organ_kind, table}`, each a list in
/// the order to show them: `[key, label, icon]` of severities and statuses,
/// `[key, label]` of organ kinds and tables (`table`: the findings' group
/// title of each table, such as `表二 主动公开政府信息情况`).
#[wasm_bindgen]
pub fn labels() -> Result<JsValue, JsValue> {
    use crate::finding::Severity;
    use crate::layout::TableId;
    use crate::model::OrganKind;
    use crate::output::Status;
    #[derive(Serialize)]
    struct Labels {
        severity: Vec<(&'static str, &'static str, &'static str)>,
        status: Vec<(&'static str, &'static str, &'static str)>,
        organ_kind: Vec<(&'static str, &'static str)>,
        table: Vec<(&'static str, String)>,
    }
    // 表二 and the heading without its number: 二、主动公开… → 主动公开….
    let title = |t: TableId| {
        let heading = t.heading().split_once('、').map_or(t.heading(), |(_, words)| words);
        format!("{} {heading}", t.short_name())
    };
    to_js(&Labels {
        severity: [Severity::Error, Severity::Warning, Severity::Info].map(|s| (s.key(), s.label(), s.icon())).to_vec(),
        status: Status::ALL.map(|s| (s.key(), s.label(), s.icon())).to_vec(),
        organ_kind: OrganKind::ALL.map(|k| (k.key(), k.label())).to_vec(),
        table: TableId::ALL.map(|t| (t.key(), title(t))).to_vec(),
    })
}

/// The sample report's JSON text (红寺堡区 2025年度).
#[wasm_bindgen]
pub fn sample() -> String {
    SAMPLE.to_string()
}

/// Traps on purpose (a stand-in for a bug in the core), so the tests can
/// check that the page survives a panic.
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test() {
    panic!("测试用的内部错误");
}

/// The binding in a real browser (`scripts/test-web`: wasm-bindgen-test in
/// headless Chromium).
#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn get(value: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
    }

    #[wasm_bindgen_test]
    fn labels_are_the_cores() {
        let labels = labels().unwrap();
        let kinds: Vec<(String, String)> = serde_wasm_bindgen::from_value(get(&labels, "organ_kind")).unwrap();
        assert!(kinds.contains(&("township".to_string(), crate::model::OrganKind::Township.label().to_string())));
        let status: Vec<(String, String, String)> = serde_wasm_bindgen::from_value(get(&labels, "status")).unwrap();
        assert_eq!(status.len(), 4);
        let tables: Vec<(String, String)> = serde_wasm_bindgen::from_value(get(&labels, "table")).unwrap();
        assert_eq!(tables[0], ("active".to_string(), "表二 主动公开政府信息情况".to_string()));
        assert_eq!(tables[2].1, "表四 政府信息公开行政复议、行政诉讼情况");
        let severity: Vec<(String, String, String)> = serde_wasm_bindgen::from_value(get(&labels, "severity")).unwrap();
        assert_eq!(severity[0], ("error".to_string(), "错误".to_string(), "✖".to_string()));
    }

    #[wasm_bindgen_test]
    fn checks_the_sample_like_the_cli() {
        let checked = check_file(SAMPLE.as_bytes(), "hongsibao-2025.json").unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&js_sys::JSON::stringify(&checked).unwrap().as_string().unwrap()).unwrap();
        assert_eq!(json["format"], "json");
        assert_eq!(json["counts"]["error"], 1);
        let a4 = json["findings"].as_array().unwrap().iter().position(|f| f["rule"] == "A4").unwrap();
        assert_eq!(json["findings"][a4]["cells"][0], "review_litigation.review.total");
        assert_eq!(json["findings"][a4]["expected"], "2");
        assert_eq!(json["places"][a4]["group"], "review_litigation");
        assert!(json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "X1" && f["cells"][0] == "sections.overview"));
        let html = json["html"].as_str().unwrap();
        assert!(html.contains("data-cell=\"review_litigation.review.total\" data-label=\"表四「行政复议」的「总计」\" data-severity=\"error\""));
        // Plain objects, not Maps (json_compatible).
        assert!(get(&checked, "counts").is_object());
    }

    #[wasm_bindgen_test]
    fn unreadable_input_is_a_chinese_error() {
        let err = check_file(b"{\"schema\": 5", "bad.json").unwrap_err().as_string().unwrap();
        assert!(err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{err}");
        let err = check_file(b"   ", "empty.txt").unwrap_err().as_string().unwrap();
        assert!(err.contains("文件为空"), "{err}");
    }

    #[wasm_bindgen_test]
    fn the_form_gets_exact_texts() {
        let draft = draft_of(SAMPLE.as_bytes(), "a.json").unwrap();
        let cells = get(&draft, "cells");
        assert_eq!(get(&cells, "active.fees").as_string().unwrap(), "1271.38998");
        assert_eq!(get(&cells, "review_litigation.review.total").as_string().unwrap(), "0");
        assert_eq!(get(&draft, "organ_kind").as_string().unwrap(), "government");
        let blank = draft_of(&[], "").unwrap();
        assert_eq!(get(&get(&blank, "cells"), "requests.new_received.total").as_string().unwrap(), "");
        let money: js_sys::Array = get(&blank, "money").dyn_into().unwrap();
        assert!(money.includes(&JsValue::from_str("active.fees"), 0));
    }

    #[wasm_bindgen_test]
    fn the_forms_json_is_the_cores() {
        let json = draft_json(draft_of(SAMPLE.as_bytes(), "a.json").unwrap()).unwrap();
        let read = crate::import(SAMPLE.as_bytes(), Some("a.json")).unwrap();
        assert_eq!(json, json::to_json_string(&read.report));
        let mut draft = crate::authoring::form::FormDraft::of(&read.report);
        draft.year = "2026".into();
        let draft = to_js(&draft).unwrap();
        js_sys::Reflect::set(&draft, &JsValue::from_str("last_year"), &JsValue::from_str("ignored")).unwrap();
        assert!(draft_json(draft).unwrap().contains("\"year\": 2026"), "extra keys are ignored");
    }

    #[wasm_bindgen_test]
    fn pasted_text_is_read() {
        let checked = check_pasted(Some(SAMPLE.to_string()), None).unwrap();
        let json = get(&checked, "json").as_string().unwrap();
        assert!(json.contains("红寺堡区人民政府"));
        assert!(get(&checked, "html").as_string().unwrap().contains("data-severity=\"error\""));
        assert!(check_pasted(None, None).is_err());
    }

    #[wasm_bindgen_test]
    fn exports_templates_and_rules() {
        let bytes = SAMPLE.as_bytes();
        assert!(export_file(bytes, "a.json", "json", None, None).unwrap().contains("\"organ\": \"红寺堡区人民政府\""));
        assert!(export_file(bytes, "a.json", "csv", None, None).unwrap().starts_with("\u{feff}address,value"));
        assert!(export_file(bytes, "a.json", "md", None, None).unwrap().starts_with("# 红寺堡区"));
        assert!(export_file(bytes, "a.json", "html", None, None).unwrap().contains("data-severity=\"error\""));
        assert!(export_file(bytes, "a.json", "findings-csv", None, None).unwrap().contains("A4,错误"));
        assert!(export_file(bytes, "a.json", "exe", None, None).is_err());
        // Paired with last year's report, the findings downloaded are those shown (X4).
        let mut last: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
        last["meta"]["year"] = 2024.into();
        last["requests"]["carried_forward"]["total"] = 3.into();
        last["requests"]["carried_forward"]["natural_person"] = 3.into();
        let last = serde_json::to_vec(&last).unwrap();
        let paired = export_file(bytes, "a.json", "findings-csv", Some(last.clone()), Some("b.json".into())).unwrap();
        assert!(paired.contains("X4,"), "{paired}");
        assert!(!export_file(bytes, "a.json", "findings-csv", None, None).unwrap().contains("X4,"));
        let err = export_file(bytes, "a.json", "html", Some(b"{".to_vec()), Some("b.json".into())).unwrap_err();
        assert!(err.as_string().unwrap().contains("上年报告「b.json」"));
        let blank = template("json").unwrap();
        assert!(crate::import(blank.as_bytes(), Some("t.json")).is_ok());
        let csv = template("csv").unwrap();
        assert!(crate::import(csv.as_bytes(), Some("t.csv")).is_ok());
        let rules = rules().unwrap();
        let list: js_sys::Array = rules.dyn_into().unwrap();
        assert_eq!(list.length() as usize, RULES.len());
        assert_eq!(get(&list.get(0), "code").as_string().unwrap(), RULES[0].code.as_str());
    }
}
