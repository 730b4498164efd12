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
pub mod certificate;
pub mod compare;
pub mod error;
pub mod finding;
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

#[cfg(target_arch = "wasm32")]
mod wasm;
// Batch work is for the reviewers' page, which loads the full module: kept
// out of the first-load module.
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_batch;
#[cfg(all(target_arch = "wasm32", feature = "office"))]
mod wasm_certificate;
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
/// source, then every rule.
pub fn check_imported(imported: &Imported, options: &CheckOptions) -> Vec<Finding> {
    let mut findings = imported.findings.clone();
    // A table the importer could not read (S2) is not "left blank" (D1).
    let unread: Vec<layout::TableId> = imported.unread.iter().map(|u| u.table).collect();
    // Blanks the importer already explained (S5: a single （六）其他处理 row
    // leaves its first two sub-rows blank) are not reported again.
    let explained = |c: &Location| imported.findings.iter().any(|f| f.rule == RuleCode::S5 && f.cells.contains(c));
    // An old year's general note on the 2019 layout (S5 on `meta.year`) says
    // less than the importer's, which names what it saw: one note, not two.
    let layout_named = imported.findings.iter().any(|f| f.rule == RuleCode::S5);
    let run = rules::run(&imported.report, options);
    // A part a report lacks is one error (S1) wherever it comes from, unless
    // the format holds no prose at all (a tables-only sheet: its import
    // summary says so).
    let prose_missing = |f: &Finding| {
        f.rule == RuleCode::S1 && f.severity == Severity::Error && f.cells.iter().all(|c| c.section().is_some())
    };
    let tables_only = !imported.format.carries_prose();
    findings.extend(run.into_iter().filter(|f| {
        let unread_blank = f.rule == RuleCode::D1
            && f.cells.iter().all(|c| c.cell().is_some_and(|id| unread.contains(&id.table())) || explained(c));
        let old_year_note =
            f.rule == RuleCode::S5 && layout_named && f.cells == [Location::Meta(model::MetaField::Year)];
        // The importer said why it could not read the table (S2): not again as "left blank".
        let unread_again = f.rule == RuleCode::S2
            && f.cells.first().and_then(|c| c.cell()).is_some_and(|id| unread.contains(&id.table()));
        let no_prose_here = tables_only && prose_missing(f);
        !(unread_blank || old_year_note || unread_again || no_prose_here)
    }));
    sort_findings(&mut findings);
    findings
}

/// Errors first, then warnings, then infos; within a severity, in the order
/// of the report (by the first cell's position), stable otherwise.
fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_key(|f| (f.severity, output::position_key(f.first())));
}
