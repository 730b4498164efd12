//! nianbao checks and renders 政府信息公开工作年度报告 in the national format
//! of 国办公开办函〔2021〕30号.
//!
//! The flow is a handful of plain functions, used alike by the CLI
//! (`src/main.rs`) and the WebAssembly binding (`src/wasm.rs`):
//!
//! ```text
//! bytes ──import──▶ Report (+ findings about the source)
//! Report ──check──▶ findings (rule, severity, cells, expected, actual, message)
//! Report + findings ──render──▶ HTML / Markdown / JSON / CSV
//! ```
//!
//! The official tables are defined once, as data, in [`layout`]; addresses,
//! rendering, importing and the rules all derive from that definition.

pub mod authoring;
pub mod batch;
mod bytes;
pub mod certificate;
pub mod compare;
pub(crate) mod error;
pub(crate) mod finding;
pub(crate) mod fold;
pub mod formats;
pub mod import;
pub mod layout;
pub mod limits;
pub mod model;
#[cfg(feature = "office")]
pub mod office;
pub mod output;
pub mod render;
pub mod rules;
pub mod summary;
#[cfg_attr(not(feature = "office"), allow(dead_code))]
pub(crate) mod typeset;

#[cfg(target_arch = "wasm32")]
mod wasm;
// Batch work is for the reviewers' page, which loads the full module: kept
// out of the first-load module.
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_batch;
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_certificate;
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_compare;
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_office;
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_summary;

pub use error::ImportError;
pub use finding::{Finding, Location, RuleCode, Severity, Tally};
pub use import::{import, import_pasted, Imported};
pub use model::{Report, Value};
pub use rules::CheckOptions;

/// Runs every rule on a report.
pub fn check(report: &Report, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = rules::run(report, options);
    sort_findings(&mut findings);
    findings
}

/// The findings of an imported report: what the importer found about the
/// source, then every rule, less what the importer already said
/// ([`rules::root_causes`]).
pub fn check_imported(imported: &Imported, options: &CheckOptions) -> Vec<Finding> {
    let unread: Vec<layout::TableId> = imported.unread.iter().map(|u| u.table).collect();
    let importer = rules::root_causes::FromImporter {
        findings: &imported.findings,
        unread: &unread,
        carries_prose: imported.format.carries_prose(),
    };
    let mut findings = imported.findings.clone();
    findings.extend(rules::run_after_import(&imported.report, options, &importer));
    sort_findings(&mut findings);
    findings
}

/// Errors first, then warnings, then infos; within a severity, in the order
/// of the report (by the first location; none first), stable otherwise.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, f.first().map_or(0, Location::report_order)));
}
