//! One root cause, one finding: the stage after every rule has run that
//! drops what another finding already says. Each suppression, and why:
//!
//! | dropped | when | why |
//! |---|---|---|
//! | any rule's finding on a part (first location) | S1 reports the part missing | without 六、 there is nothing to ask for 信息处理费 (X2, X3), without 一、 nothing for 考核 (X7): the S1 error says to write the part, the rules look at it once it is written |
//! | D1 "left blank" on cells | every cell is in a table the importer could not read, or is a blank an importer's S5 explains | the S2 finding says why the table was not read; S5 says a 2019 （六）其他处理 row leaves two sub-rows blank |
//! | S2 "table left blank" | the importer could not read that table | its own S2 finding says why, and better |
//! | S5's general note on an old year (`meta.year`) | an importer's S5 already names the 2019 layout it saw | one note, the one that says what was seen |
//! | S1 "part missing" errors | the format holds no prose at all (a tables-only sheet) | its import summary says so; nothing is missing |
//!
//! The first applies to every check ([`crate::check`]); the others to a
//! report read from a file, where an importer has spoken first
//! ([`crate::check_imported`]). They are applied in that order.
//!
//! Some rules also leave alone what another rule reports, but inside the
//! rule, because what they leave out changes what they can judge or how
//! their one finding reads, not which finding to keep:
//!
//! - A1–A4 judge no identity through a cell D1 reports as not a count
//!   (`Identity::applies` in `arithmetic.rs`);
//! - X1 compares no figure whose cell is text (D1's), and compares the
//!   prose with the corrected figure of a cell A1–A4 report
//!   (`Context::arithmetic`);
//! - X3 leaves to X2 a 六、 whose silence on fees X2 reports (`prose.rs`);
//! - R2 leaves to X1 a denial of cases in 一、 (`happened.rs`), R6 to X5 a
//!   现行有效 figure X5 reports (`year_over_year.rs`);
//! - S7 reports an empty report alone (S1, S2 wait for it: `structure.rs`);
//! - the document importers drop the S3 labels of a table reading they
//!   abandon (`import/document.rs`).

use crate::finding::{Finding, Location, RuleCode, Severity};
use crate::layout::TableId;
use crate::model::MetaField;

/// What an importer said about the source, as the suppressions need it.
pub struct FromImporter<'a> {
    /// Its findings (S1 aliases, S2, S3, S5, S6, S8).
    pub findings: &'a [Finding],
    /// The tables it could not read.
    pub unread: &'a [TableId],
    /// Whether the format can hold prose at all.
    pub carries_prose: bool,
}

/// Drops from the rules' `findings` what another finding already says
/// (the table above); `importer` is what the importer said, for a report
/// read from a file. The importer's own findings are not touched.
pub fn suppress(findings: &mut Vec<Finding>, importer: Option<&FromImporter>) {
    drop_findings_on_missing_parts(findings);
    if let Some(importer) = importer {
        findings.retain(|f| !said_by_importer(f, importer));
    }
}

/// A part S1 reports missing has no text for another rule to fault.
fn drop_findings_on_missing_parts(findings: &mut Vec<Finding>) {
    let missing: Vec<Location> = findings
        .iter()
        .filter(|f| f.rule == RuleCode::S1 && f.severity == Severity::Error)
        .flat_map(|f| f.cells.iter().copied())
        .collect();
    if missing.is_empty() {
        return;
    }
    findings.retain(|f| f.rule == RuleCode::S1 || f.first().is_none_or(|first| !missing.contains(&first)));
}

/// Whether a rule's finding says again what the importer said (or what
/// the format makes moot).
fn said_by_importer(f: &Finding, importer: &FromImporter) -> bool {
    let unread = |location: &Location| location.cell().is_some_and(|id| importer.unread.contains(&id.table()));
    let explained_blank =
        |location: &Location| importer.findings.iter().any(|i| i.rule == RuleCode::S5 && i.cells.contains(location));
    match f.rule {
        RuleCode::D1 => f.cells.iter().all(|c| unread(c) || explained_blank(c)),
        RuleCode::S2 => f.first().is_some_and(|c| unread(&c)),
        RuleCode::S5 => {
            importer.findings.iter().any(|i| i.rule == RuleCode::S5) && f.cells == [Location::Meta(MetaField::Year)]
        }
        RuleCode::S1 => {
            !importer.carries_prose && f.severity == Severity::Error && f.cells.iter().all(|c| c.section().is_some())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{request_cell, request_row, REQUEST_TOTAL_COLUMN};
    use crate::model::{OrganKind, Report, SectionKey, Value};
    use crate::rules::{run, testing, CheckOptions};

    /// A report without 一、 and 六、: S1 names both, and no rule faults
    /// their absent text (X2/X3 信息处理费, X7 考核, X1, X8).
    #[test]
    fn a_missing_part_is_one_finding() {
        let mut r = testing::filled();
        r.meta.organ = "青山县人民政府".into();
        r.meta.organ_kind = Some(OrganKind::Government);
        r.meta.year = Some(2025);
        r.sections.problems = Some("存在问题：解读形式单一。".into());
        r.set(request_cell(request_row::OVERDUE_FEE, REQUEST_TOTAL_COLUMN), Value::Number(1.into()));
        let on_parts = |r: &Report| -> Vec<(&str, String)> {
            run(r, &CheckOptions::default())
                .into_iter()
                .filter(|f| f.first().is_some_and(|c| c.section().is_some()))
                .map(|f| (f.rule.as_str(), f.cells[0].to_string()))
                .collect()
        };
        assert_eq!(on_parts(&r), [("S1", "sections.overview".to_string()), ("X8", "sections.problems".to_string())]);
        // Blank text is as missing as none.
        r.sections.overview = Some(" ".into());
        r.sections.other = Some("\n".into());
        assert_eq!(on_parts(&r), [("S1", "sections.overview".to_string()), ("X8", "sections.problems".to_string())]);
        // Once written, the parts are checked: X2 and X7 fire.
        r.sections.overview = Some("工作有序开展。".into());
        r.sections.other = Some("无。".into());
        let codes: Vec<&str> = on_parts(&r).into_iter().map(|(code, _)| code).collect();
        assert_eq!(codes, ["X2", "X7", "X8"]);
    }

    fn finding(rule: RuleCode, severity: Severity, cells: impl IntoIterator<Item = Location>) -> Finding {
        Finding::new(rule, severity, "m").cells(cells)
    }

    fn kept(mut findings: Vec<Finding>, importer: &FromImporter) -> Vec<RuleCode> {
        suppress(&mut findings, Some(importer));
        findings.into_iter().map(|f| f.rule).collect()
    }

    /// A table the importer could not read: no "left blank" for its cells
    /// (D1) nor for the table (S2); the cells of another table still are.
    #[test]
    fn an_unread_table_is_not_left_blank() {
        let unread_cells: Vec<Location> = TableId::Requests.cells().map(Location::Cell).collect();
        let other_cell = Location::Cell(TableId::Active.cells().next().unwrap());
        let importer = FromImporter { findings: &[], unread: &[TableId::Requests], carries_prose: true };
        let findings = vec![
            finding(RuleCode::S2, Severity::Error, TableId::Requests.cells().map(Location::Cell)),
            finding(RuleCode::D1, Severity::Warning, unread_cells.clone()),
            finding(RuleCode::D1, Severity::Warning, unread_cells.into_iter().chain([other_cell])),
            finding(RuleCode::S2, Severity::Error, TableId::Active.cells().map(Location::Cell)),
        ];
        assert_eq!(kept(findings, &importer), [RuleCode::D1, RuleCode::S2]);
    }

    /// Blanks the importer's S5 explains (a 2019 （六）其他处理 row), and the
    /// general old-year note when the importer named the layout it saw.
    #[test]
    fn what_the_importers_s5_says_is_not_said_again() {
        let explained = Location::Cell(request_cell(request_row::LAST_RESULT - 1, 0));
        let other = Location::Cell(request_cell(request_row::NEW_RECEIVED, 0));
        let s5 = [finding(RuleCode::S5, Severity::Info, [explained])];
        let importer = FromImporter { findings: &s5, unread: &[], carries_prose: true };
        let year = Location::Meta(MetaField::Year);
        let findings = vec![
            finding(RuleCode::D1, Severity::Warning, [explained]),
            finding(RuleCode::D1, Severity::Warning, [explained, other]),
            finding(RuleCode::S5, Severity::Info, [year]),
        ];
        assert_eq!(kept(findings.clone(), &importer), [RuleCode::D1]);
        // Without the importer's S5, all stay.
        let silent = FromImporter { findings: &[], unread: &[], carries_prose: true };
        assert_eq!(kept(findings, &silent).len(), 3);
    }

    /// A tables-only format: no S1 error for the prose it cannot hold.
    #[test]
    fn a_tables_only_format_lacks_no_part() {
        let parts = [Location::Section(SectionKey::Overview), Location::Section(SectionKey::Other)];
        let findings = || {
            vec![
                finding(RuleCode::S1, Severity::Error, parts),
                finding(RuleCode::S1, Severity::Info, [Location::Section(SectionKey::Problems)]),
            ]
        };
        let sheet = FromImporter { findings: &[], unread: &[], carries_prose: false };
        assert_eq!(kept(findings(), &sheet), [RuleCode::S1]);
        let document = FromImporter { findings: &[], unread: &[], carries_prose: true };
        assert_eq!(kept(findings(), &document), [RuleCode::S1, RuleCode::S1]);
    }
}
