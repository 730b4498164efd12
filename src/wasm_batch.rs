//! WebAssembly binding of batch work (the reviewers' page, `www/batch.html`):
//! many reports checked at once with year-over-year pairing, coverage of a
//! list of units, aggregation with a cell-by-cell comparison, a per-organ
//! history, and the charts (SVG from the core). Thin wrappers over
//! [`crate::batch`]; results are plain JavaScript objects (JSON-compatible).

use crate::batch::{self, aggregate as agg, charts, coverage};
use crate::output::CheckedReport;
use crate::render::{html, json};
use crate::rules::CheckOptions;
use crate::Report;
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&format!("内部错误：结果无法转换（{e}）")))
}

fn read(name: &str, file: &js_sys::Uint8Array) -> Result<crate::Imported, crate::ImportError> {
    crate::import(&file.to_vec(), Some(name))
}

/// What the batch page shows. (Its CSV and Excel downloads are made when
/// asked for, with the reviewer's marks: [`batch_export`].) The page puts
/// the same together from the workers' shares ([`Share`]) and the
/// assembly ([`Assembly`]).
#[derive(Serialize)]
struct BatchView<'a> {
    reports: &'a [CheckedReport],
    /// Per report: its [`batch::review::report_identity`], the key of its review marks.
    identities: Vec<String>,
    #[serde(flatten)]
    assembly: Assembly,
}

/// What is said of the batch as a whole: all the page shows beside the
/// reports themselves.
#[derive(Serialize)]
struct Assembly {
    /// Per report: the position of last year's report it was checked
    /// against (names may repeat, positions do not).
    previous_index: Vec<Option<usize>>,
    coverage: Option<Vec<coverage::YearCoverage>>,
    /// Organs with more than one report for a year.
    duplicates: Vec<batch::Duplicate>,
    /// Share of reports with findings, by rule. (Figures are charted only
    /// for what is chosen: an organ's own history, or the selected units
    /// of one year in the aggregate — never all organs added up.)
    rule_chart: String,
}

impl Assembly {
    fn of(batch: &batch::Batch) -> Assembly {
        let reports = batch.reports();
        Assembly {
            previous_index: reports.iter().map(|r| r.previous_index).collect(),
            rule_chart: charts::rule_share(reports),
            coverage: batch.coverage.clone(),
            duplicates: batch.duplicates.clone(),
        }
    }
}

/// Checks every file; reports of the same organ for consecutive years are
/// paired (X4, X5, X9 with `copy_threshold`). `units`: the expected units,
/// one a line or CSV (empty for none). Only summaries are kept. (The page
/// spreads the same work over Web Workers with [`batch_glance`],
/// [`batch_plan`], [`batch_check_share`] and [`batch_assemble`].)
#[wasm_bindgen(js_name = checkBatch)]
pub fn check_batch(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    units: &str,
    copy_threshold: u8,
) -> Result<JsValue, JsValue> {
    if names.len() != files.len() {
        return Err(JsValue::from_str("文件名与文件数量不一致"));
    }
    let units = coverage::parse_units(units);
    let options = batch::Options::page(&units, copy_threshold);
    let load = |i: usize| batch::Entry { source: names[i].clone(), imported: read(&names[i], &files[i]) };
    let checked = batch::run(names.len(), load, &options, |report| report);
    to_js(&view(identities(&files, &checked.checked), &checked))
}

/// What the page shows of a checked batch.
fn view(identities: Vec<String>, batch: &batch::Batch) -> BatchView<'_> {
    BatchView { reports: batch.reports(), identities, assembly: Assembly::of(batch) }
}

fn json_error(e: serde_json::Error) -> JsValue {
    JsValue::from_str(&format!("内部错误：批量检查的中间结果无法读取（{e}）"))
}

/// A Web Worker's share of the batch's first pass: each file's glance
/// (organ, year, figures for finding copies), as JSON. Read as the CLI's
/// first pass reads ([`crate::import::import_without_prose`]): a JSON
/// report's prose is checked, not kept, until the second pass.
#[wasm_bindgen(js_name = batchGlance)]
pub fn batch_glance(names: Vec<String>, bytes: &[u8], lengths: Vec<u32>) -> Result<String, JsValue> {
    let files = unpack(bytes, &lengths, names.len())?;
    glance_share(&names, &files).map_err(json_error)
}

/// A share's files as the page hands them over: one buffer, the files one
/// after another, and each file's length. (Posting a hundred small arrays
/// to a worker kept the page's thread busier than the workers reading
/// them; one buffer is one copy, and one copy into the module.)
fn unpack<'a>(bytes: &'a [u8], lengths: &[u32], count: usize) -> Result<Vec<&'a [u8]>, JsValue> {
    let mismatch = || JsValue::from_str("文件名、文件长度与数据不一致");
    if lengths.len() != count {
        return Err(mismatch());
    }
    let mut files = Vec::with_capacity(count);
    let mut rest = bytes;
    for &length in lengths {
        let (file, after) = rest.split_at_checked(length as usize).ok_or_else(mismatch)?;
        files.push(file);
        rest = after;
    }
    if !rest.is_empty() {
        return Err(mismatch());
    }
    Ok(files)
}

#[inline(never)] // as check_share
fn glance_share(names: &[String], files: &[&[u8]]) -> serde_json::Result<String> {
    let glances: Vec<batch::Glance> = names
        .iter()
        .zip(files)
        .map(|(name, file)| {
            let imported = crate::import::import_without_prose(file, Some(name));
            batch::Glance::of(&batch::Entry { source: name.clone(), imported })
        })
        .collect();
    serde_json::to_string(&glances)
}

#[derive(Serialize)]
struct PlanView {
    /// Per file, the position of last year's report it is checked against.
    previous: Vec<Option<usize>>,
    /// The whole plan, as JSON, for [`batch_assemble`].
    plan: String,
    /// Each share's plan ([`batch::SharePlan`]), as JSON, for the workers'
    /// [`batch_check_share`].
    shares: Vec<String>,
}

/// The batch's plan from every share's glances (the JSON [`batch_glance`]
/// gave, shares in order); `share`: the files of a share (the last one may
/// have fewer).
#[wasm_bindgen(js_name = batchPlan)]
pub fn batch_plan(shares: Vec<String>, share: u32) -> Result<JsValue, JsValue> {
    let mut glances = Vec::new();
    for share in &shares {
        glances.extend(serde_json::from_str::<Vec<batch::Glance>>(share).map_err(json_error)?);
    }
    let (count, share) = (glances.len(), share.max(1) as usize);
    let plan = batch::Plan::of(glances);
    let shares = (0..count)
        .step_by(share)
        .map(|start| serde_json::to_string(&plan.for_reports(start..count.min(start + share))))
        .collect::<serde_json::Result<_>>()
        .map_err(json_error)?;
    to_js(&PlanView {
        previous: plan.previous.clone(),
        plan: serde_json::to_string(&plan).map_err(json_error)?,
        shares,
    })
}

/// A Web Worker's share of the check as the page shows it: the reports
/// and their identities.
#[derive(Serialize)]
struct Share<'a> {
    reports: &'a [CheckedReport],
    identities: &'a [String],
}

/// A share's results as JSON: the page's [`Share`] (text: the worker
/// decodes it, the page only parses it), and the assembly's digest (UTF-8
/// bytes, handed over and on, never decoded on the way) — each report with
/// its findings cut to their rule and severity, all that the coverage,
/// duplicates and rule chart of [`batch_assemble`] read. (The assembly once
/// read and wrote the batch's megabytes of messages again, on one worker,
/// while the other waited.)
struct CheckedShare {
    page: String,
    digest: Vec<u8>,
}

/// A Web Worker's share of the check: the files at `positions` of the
/// batch (packed as [`unpack`] reads them) and their plan (`plan`, see
/// [`batch_plan`]), each with last year's file the plan pairs it with (an
/// empty name and file where there is none, or where that file is in this
/// share: it is read from there). The share's JSON
/// for the page (a string) and its digest for [`batch_assemble`] (bytes):
/// see [`CheckedShare`].
#[wasm_bindgen(js_name = batchCheckShare)]
#[allow(clippy::too_many_arguments)]
pub fn batch_check_share(
    plan: &str,
    positions: Vec<u32>,
    names: Vec<String>,
    bytes: &[u8],
    lengths: Vec<u32>,
    previous_names: Vec<String>,
    previous_bytes: &[u8],
    previous_lengths: Vec<u32>,
    copy_threshold: u8,
) -> Result<js_sys::Array, JsValue> {
    let plan: batch::SharePlan = serde_json::from_str(plan).map_err(json_error)?;
    let count = positions.len();
    if [names.len(), previous_names.len(), plan.previous.len(), plan.copies.len()].iter().any(|&n| n != count) {
        return Err(JsValue::from_str("文件名与文件数量不一致"));
    }
    let files = unpack(bytes, &lengths, count)?;
    let previous_files = unpack(previous_bytes, &previous_lengths, count)?;
    let previous = |k: usize| batch::Entry {
        source: previous_names[k].clone(),
        imported: crate::import(previous_files[k], Some(&previous_names[k])),
    };
    let share = check_share(&plan, &positions, &names, &files, &previous, copy_threshold).map_err(json_error)?;
    Ok([JsValue::from_str(&share.page), js_sys::Uint8Array::from(&share.digest[..]).into()].iter().collect())
}

/// [`batch_check_share`] on plain bytes; `previous(k)` reads last year's
/// file of the `k`th file when it is not in this share. Never inlined: the
/// page's call and [`batch_warm_up`] must run the same code for the
/// warm-up to warm it.
#[inline(never)]
fn check_share(
    plan: &batch::SharePlan,
    positions: &[u32],
    names: &[String],
    files: &[&[u8]],
    previous: &dyn Fn(usize) -> batch::Entry,
    copy_threshold: u8,
) -> serde_json::Result<CheckedShare> {
    let count = positions.len();
    let (mut reports, mut identities) = (Vec::with_capacity(count), Vec::with_capacity(count));
    let hashes = batch::review::content_hashes(files);
    let entries: Vec<batch::Entry> = names
        .iter()
        .zip(files)
        .map(|(name, bytes)| batch::Entry { source: name.clone(), imported: crate::import(bytes, Some(name)) })
        .collect();
    for k in 0..count {
        let paired = plan.previous.get(k).copied().flatten();
        // Last year's report is read again only when it is not in this
        // share (an organ's years usually lie side by side).
        let read_again;
        let last_year = match paired {
            Some(p) => match positions.iter().position(|&q| q as usize == p) {
                Some(j) => Some((p, &entries[j])),
                None => {
                    read_again = previous(k);
                    Some((p, &read_again))
                }
            },
            None => None,
        };
        let copies = plan.copies.get(k).map_or(&[][..], Vec::as_slice);
        let report = batch::check_entry(&entries[k], last_year, copies, copy_threshold);
        identities.push(batch::review::identity_of(hashes[k], report.organ.as_deref(), report.year));
        reports.push(report);
    }
    let digest: Vec<CheckedReport> = reports.iter().map(digest).collect();
    Ok(CheckedShare {
        page: serde_json::to_string(&Share { reports: &reports, identities: &identities })?,
        digest: serde_json::to_vec(&digest)?,
    })
}

/// A checked report for the assembly: its findings only by rule and
/// severity (see [`CheckedShare`]).
fn digest(report: &CheckedReport) -> CheckedReport {
    CheckedReport {
        source: report.source.clone(),
        status: report.status,
        format: report.format,
        organ: report.organ.clone(),
        organ_kind: report.organ_kind,
        year: report.year,
        previous: report.previous.clone(),
        previous_index: None,
        counts: report.counts,
        findings: report.findings.as_ref().map(|findings| {
            findings.iter().map(|f| crate::finding::Finding::new(f.rule, f.severity, String::new())).collect()
        }),
        error: report.error.clone(),
    }
}

/// What the page shows of the batch beside its reports ([`Assembly`]), as
/// JSON text, from the digests of the workers' shares (in order, packed as
/// [`unpack`] reads them) and the plan. The page puts it together with the
/// shares' reports and identities into what [`check_batch`] gives.
#[wasm_bindgen(js_name = batchAssemble)]
pub fn batch_assemble(bytes: &[u8], lengths: Vec<u32>, plan: &str, units: &str) -> Result<String, JsValue> {
    let digests = unpack(bytes, &lengths, lengths.len())?;
    let plan: batch::Plan = serde_json::from_str(plan).map_err(json_error)?;
    assemble(&digests, &plan, units).map_err(json_error)
}

#[inline(never)] // as check_share
fn assemble(digests: &[&[u8]], plan: &batch::Plan, units: &str) -> serde_json::Result<String> {
    let mut reports = Vec::new();
    for digest in digests {
        reports.extend(serde_json::from_slice::<Vec<CheckedReport>>(digest)?);
    }
    for (i, report) in reports.iter_mut().enumerate() {
        report.previous_index = report.previous.as_ref().and(plan.previous.get(i).copied().flatten());
    }
    let units = coverage::parse_units(units);
    let batch = batch::Batch::of(
        batch::Checked { reports },
        &batch::Options::page(&units, crate::rules::copying::DEFAULT_THRESHOLD),
    );
    serde_json::to_string(&Assembly::of(&batch))
}

/// Runs a small batch of made-up reports (two years of `organs` organs)
/// through the workers' steps, as a Web Worker does when the batch page
/// opens: the engine compiles the module's busiest functions to fast code
/// only once they have run a while, and that compiling, done during the
/// user's first batch, took a core for seconds and the batch a quarter
/// longer. Done while the user is still choosing files, it costs nothing.
#[wasm_bindgen(js_name = batchWarmUp)]
pub fn batch_warm_up(organs: u32) -> Result<(), JsValue> {
    let count = organs.min(1000) as usize * 2;
    let names: Vec<String> = (0..count).map(|i| format!("{i}.json")).collect();
    let files: Vec<Vec<u8>> = (0..count)
        .map(|i| {
            let year = if i % 2 == 0 { 2024 } else { 2025 };
            crate::render::to_json_string(&batch::synthetic::report(2026, i / 2, year)).into_bytes()
        })
        .collect();
    let files: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let glances = glance_share(&names, &files).map_err(json_error)?;
    let glances: Vec<batch::Glance> = serde_json::from_str(&glances).map_err(json_error)?;
    let plan = batch::Plan::of(glances);
    let positions: Vec<u32> = (0..count as u32).collect();
    let unused = |_| batch::Entry { source: String::new(), imported: crate::import(b"", None) };
    let share_plan = plan.for_reports(0..count);
    let share = check_share(&share_plan, &positions, &names, &files, &unused, crate::rules::copying::DEFAULT_THRESHOLD)
        .map_err(json_error)?;
    assemble(&[&share.digest], &plan, "").map_err(json_error)?;
    Ok(())
}

/// Each report's [`batch::review::report_identity`].
fn identities(files: &[js_sys::Uint8Array], checked: &batch::Checked) -> Vec<String> {
    files
        .iter()
        .zip(&checked.reports)
        .map(|(file, r)| batch::review::report_identity(&file.to_vec(), r.organ.as_deref(), r.year))
        .collect()
}

#[derive(Serialize)]
struct ReportView {
    #[serde(flatten)]
    summary: CheckedReport,
    /// Per finding (in the order of `findings`): where it points, in Chinese.
    places: Vec<crate::output::Placement>,
    html: String,
    json: String,
}

/// One report of the batch, checked against last year's when given: the
/// findings and the report in the official layout with its cells marked.
#[wasm_bindgen(js_name = batchReport)]
pub fn batch_report(
    name: &str,
    file: js_sys::Uint8Array,
    previous_name: Option<String>,
    previous: Option<js_sys::Uint8Array>,
    copy_threshold: u8,
) -> Result<JsValue, JsValue> {
    let imported = read(name, &file).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let previous = match (&previous_name, &previous) {
        (Some(n), Some(f)) => read(n, f).ok(),
        _ => None,
    };
    let options = CheckOptions { previous: previous.as_ref().map(|p| &p.report), copy_threshold };
    let findings = crate::check_imported(&imported, &options);
    let html = html::article(&imported.report, &findings);
    let places = findings.iter().map(crate::output::placement).collect();
    let mut summary = CheckedReport::checked(name, imported.format.key(), &imported.report, findings);
    summary.previous = previous.and(previous_name);
    to_js(&ReportView { summary, places, html, json: json::to_json_string(&imported.report) })
}

#[derive(Serialize)]
struct AggregateView {
    json: String,
    html: String,
    findings: Vec<crate::Finding>,
    /// Per finding: where it points, in Chinese.
    places: Vec<crate::output::Placement>,
    results_chart: String,
    /// Cells where the stated report (e.g. the district's own) differs.
    differences: Vec<agg::Difference>,
    units: Vec<String>,
    skipped: Vec<String>,
    /// Values the sum could not add (text in a number cell): unit and place.
    left_out: Vec<agg::LeftOut>,
}

/// Sums the files into one report named `organ`. The file at
/// `stated_index`, if any, is left out of the sum and compared with it.
#[wasm_bindgen]
pub fn aggregate(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    organ: &str,
    stated_index: Option<usize>,
) -> Result<JsValue, JsValue> {
    let mut reports = Vec::new();
    let mut stated = None;
    let mut skipped = Vec::new();
    for (i, (name, file)) in names.iter().zip(&files).enumerate() {
        match read(name, file) {
            Ok(imported) if Some(i) == stated_index => stated = Some(imported.report),
            Ok(imported) => reports.push(imported.report),
            Err(_) => skipped.push(name.clone()),
        }
    }
    if reports.is_empty() {
        return Err(JsValue::from_str("没有可以汇总的报告"));
    }
    let refs: Vec<&Report> = reports.iter().collect();
    let compared: Vec<&Report> = refs.iter().copied().chain(stated.as_ref()).collect();
    if let Some(refusal) = agg::mixed_years(&compared) {
        return Err(JsValue::from_str(&format!(
            "{refusal}，不同年度的数字不能相加。请只勾选同一年度的报告（可先用“年度”筛选）。"
        )));
    }
    let sum = agg::aggregate(&refs, organ);
    let year = sum.meta.year.map(|y| format!("{y} 年度，")).unwrap_or_default();
    let scope = format!("{year}所选 {} 份报告汇总", reports.len());
    let findings = crate::check(&sum, &CheckOptions::default());
    to_js(&AggregateView {
        json: json::to_json_string(&sum),
        html: html::article(&sum, &findings),
        results_chart: charts::results_distribution(&sum, &scope),
        differences: stated.as_ref().map(|s| agg::compare(s, &sum)).unwrap_or_default(),
        units: reports.iter().map(|r| r.meta.organ.clone()).collect(),
        left_out: agg::left_out(&refs),
        places: findings.iter().map(crate::output::placement).collect(),
        findings,
        skipped,
    })
}

/// Each figure of one organ's reports across the years (the files given
/// are that organ's), with the change from year to year.
#[wasm_bindgen(js_name = organHistory)]
pub fn organ_history(names: Vec<String>, files: Vec<js_sys::Uint8Array>) -> Result<JsValue, JsValue> {
    let reports: Vec<Report> =
        names.iter().zip(&files).filter_map(|(n, f)| read(n, f).ok().map(|i| i.report)).collect();
    to_js(&batch::history::history(reports))
}

/// The files inside a zip of reports: an array of `{name, bytes}` with
/// `bytes` a `Uint8Array`. Throws a Chinese message for a broken zip or one
/// that unpacks too large.
#[wasm_bindgen(js_name = zipFiles)]
pub fn zip_files(bytes: &[u8]) -> Result<js_sys::Array, JsValue> {
    let files = batch::unzip::files(bytes).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let out = js_sys::Array::new();
    for (name, data) in files {
        let entry = js_sys::Object::new();
        js_sys::Reflect::set(&entry, &"name".into(), &name.into())?;
        js_sys::Reflect::set(&entry, &"bytes".into(), &js_sys::Uint8Array::from(data.as_slice()).into())?;
        out.push(&entry);
    }
    Ok(out)
}

/// The batch's exports with the reviewer's marks (`{key: {status, note}}`,
/// key = `report identity|rule|first cell`, see `batch::review::mark_key`): `summary-csv`, `findings-csv` or
/// `xlsx` (both tables). Returns the file's bytes.
#[wasm_bindgen(js_name = batchExport)]
pub fn batch_export(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    copy_threshold: u8,
    marks: JsValue,
    to: &str,
) -> Result<Vec<u8>, JsValue> {
    let marks = marks_of(marks)?;
    let load = |i: usize| batch::Entry { source: names[i].clone(), imported: read(&names[i], &files[i]) };
    let checked = batch::run(names.len(), load, &batch::Options::page(&[], copy_threshold), |report| report).checked;
    Ok(match to {
        "summary-csv" => checked.summary_csv().into_bytes(),
        "findings-csv" => batch::review::findings_csv(&checked, &identities(&files, &checked), &marks).into_bytes(),
        "xlsx" => batch::review::xlsx(&checked, &identities(&files, &checked), &marks),
        _ => return Err(JsValue::from_str("不支持的导出格式")),
    })
}

/// 整改通知 from the batch and the reviewer's marks (as [`batch_export`]
/// takes them): `{zip: Uint8Array, list: [...], notices: n}` — every
/// notice as Word and the list (CSV) in one zip, and the list for the
/// page. `reply_by`, `issued_on`: `YYYY-MM-DD` (`issued_on` may be empty).
#[wasm_bindgen(js_name = batchNotices)]
#[allow(clippy::too_many_arguments)]
pub fn batch_notices(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    copy_threshold: u8,
    marks: JsValue,
    reply_by: &str,
    issuer: &str,
    issued_on: &str,
) -> Result<js_sys::Object, JsValue> {
    let marks = marks_of(marks)?;
    let reply_by = crate::model::Date::parse_iso(reply_by)
        .ok_or_else(|| JsValue::from_str("请填写回复期限（日期，如 2027-01-15）"))?;
    let options = batch::notices::NoticeOptions {
        reply_by,
        issuer: issuer.to_string(),
        issued_on: crate::model::Date::parse_iso(issued_on),
    };
    let load = |i: usize| batch::Entry { source: names[i].clone(), imported: read(&names[i], &files[i]) };
    let checked = batch::run(names.len(), load, &batch::Options::page(&[], copy_threshold), |r| r).checked;
    let notices = batch::notices::notices(&checked, &identities(&files, &checked), &marks, &options);
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"zip".into(), &js_sys::Uint8Array::from(notices.zip().as_slice()).into())?;
    js_sys::Reflect::set(&out, &"list".into(), &to_js(&notices.list)?)?;
    js_sys::Reflect::set(&out, &"notices".into(), &JsValue::from(notices.notices.len() as u32))?;
    Ok(out)
}

/// The page's review marks (`{key: {status, note}}`), none when absent.
fn marks_of(marks: JsValue) -> Result<std::collections::HashMap<String, batch::review::Mark>, JsValue> {
    if marks.is_undefined() || marks.is_null() {
        return Ok(Default::default());
    }
    serde_wasm_bindgen::from_value(marks).map_err(|e| JsValue::from_str(&format!("复核记录无法读取：{e}")))
}

/// The region as a tree (`units`: the list with a column 上级单位): each
/// parent's report against the sum of its children's for `year` (0: the
/// latest year of the reports), every cell with each child's share.
/// `null` when the list gives no parents.
#[wasm_bindgen(js_name = regionTree)]
pub fn region_tree(
    names: Vec<String>,
    files: Vec<js_sys::Uint8Array>,
    units: &str,
    year: i32,
) -> Result<JsValue, JsValue> {
    let units = batch::tree::parse_unit_tree(units);
    if units.iter().all(|u| u.parent.is_none()) {
        return Ok(JsValue::NULL);
    }
    let reports: Vec<(&str, Report)> =
        names.iter().zip(&files).filter_map(|(n, f)| Some((n.as_str(), read(n, f).ok()?.report))).collect();
    let pairs: Vec<(&str, &Report)> = reports.iter().map(|(s, r)| (*s, r)).collect();
    to_js(&batch::tree::tree_under_review(&units, &pairs, (year != 0).then_some(year)))
}

/// For reports already checked on the page (`organs[i]`, `years[i]`, 0 when
/// unknown), the index of last year's report of the same organ, or -1: the
/// batch's pairing ([`crate::batch::pairing_of`]), so that 洪泽区人民政府 and
/// 淮安市洪泽区人民政府 are paired here as they are in a batch. In the full
/// module: the name index stays out of the first-load one.
#[wasm_bindgen(js_name = pairYears)]
pub fn pair_years(organs: Vec<String>, years: Vec<i32>) -> Vec<i32> {
    let reports = organs.iter().enumerate().map(|(i, organ)| {
        let year = years.get(i).copied().filter(|&y| y != 0);
        (organ.as_str(), year)
    });
    crate::batch::pairing_of(reports).into_iter().map(|p| p.and_then(|i| i32::try_from(i).ok()).unwrap_or(-1)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// The workers' steps (two shares, an organ's two years split between
    /// them) give the batch `checkBatch` gives in one call, asking for last
    /// year's file only when it is not in the share; the warm-up runs.
    #[wasm_bindgen_test]
    fn the_workers_steps_give_the_one_call_batch() {
        batch_warm_up(2).unwrap();
        let names: Vec<String> = (0..6).map(|i| format!("{i}.json")).collect();
        let files: Vec<Vec<u8>> = (0..6)
            .map(|i| {
                let report = batch::synthetic::report(7, i / 2, 2024 + (i % 2) as i32);
                crate::render::to_json_string(&report).into_bytes()
            })
            .collect();
        let packed: Vec<u8> = files.concat();
        let lengths: Vec<u32> = files.iter().map(|f| f.len() as u32).collect();
        let slices = unpack(&packed, &lengths, 6).unwrap();
        assert!(slices.iter().zip(&files).all(|(s, f)| s == f));
        let glances: Vec<batch::Glance> = serde_json::from_str(&glance_share(&names, &slices).unwrap()).unwrap();
        let plan = batch::Plan::of(glances);
        assert_eq!(plan.previous[3], Some(2));
        let previous = |k: usize| {
            let p = plan.previous[k].unwrap();
            batch::Entry { source: names[p].clone(), imported: crate::import(&files[p], Some(&names[p])) }
        };
        let shares: Vec<CheckedShare> = [0..3, 3..6]
            .into_iter()
            .map(|range| {
                let positions: Vec<u32> = range.clone().map(|k| k as u32).collect();
                let start = range.start;
                let previous = |j: usize| {
                    // The page sends last year's file only when it is not in the share.
                    assert!(!range.contains(&plan.previous[start + j].unwrap()), "asked for a file of the share");
                    previous(start + j)
                };
                let share_plan = plan.for_reports(range.clone());
                check_share(&share_plan, &positions, &names[range.clone()], &slices[range.clone()], &previous, 80)
                    .unwrap()
            })
            .collect();
        // Put together as the page does (batch.js, checkAll): the shares'
        // reports and identities one after another, and the assembly.
        let digests: Vec<&[u8]> = shares.iter().map(|s| s.digest.as_slice()).collect();
        let mut assembled: serde_json::Value = serde_json::from_str(&assemble(&digests, &plan, "").unwrap()).unwrap();
        for key in ["reports", "identities"] {
            let parts = shares.iter().flat_map(|s| {
                let page: serde_json::Value = serde_json::from_str(&s.page).unwrap();
                page[key].as_array().unwrap().clone()
            });
            assembled[key] = parts.collect();
        }
        let arrays: Vec<js_sys::Uint8Array> = files.iter().map(|f| js_sys::Uint8Array::from(&f[..])).collect();
        let one_call = check_batch(names.clone(), arrays, "", 80).unwrap();
        let one_call: serde_json::Value =
            serde_json::from_str(&js_sys::JSON::stringify(&one_call).unwrap().as_string().unwrap()).unwrap();
        assert_eq!(assembled["reports"].as_array().unwrap().len(), 6);
        assert_eq!(assembled["reports"][3]["previous"], "2.json");
        assert_eq!(assembled, one_call);
    }

    /// Packed files whose lengths do not add up are refused, not misread.
    #[wasm_bindgen_test]
    fn packed_files_must_add_up() {
        assert_eq!(unpack(b"abcde", &[2, 3], 2).unwrap(), [&b"ab"[..], &b"cde"[..]]);
        assert_eq!(unpack(b"", &[], 0).unwrap(), Vec::<&[u8]>::new());
        for (lengths, count) in [(&[2, 2][..], 2), (&[2, 4][..], 2), (&[5][..], 2), (&[u32::MAX][..], 1)] {
            let e = unpack(b"abcde", lengths, count).unwrap_err();
            assert!(e.as_string().unwrap().contains("不一致"));
        }
    }
}
