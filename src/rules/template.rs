//! S5: fingerprints of the outdated 2019 试行 template (FORMAT.md §10).
//!
//! The importers of published text call [`fingerprints_in`] on the labels
//! they read; the rule itself looks at what the model keeps (prose, title,
//! year).

use super::{Context, Rule};
use crate::finding::{Finding, Severity};
use crate::layout::normalize_label;
use crate::model::SectionKey;

/// First year the 2021 format applies to.
pub const FIRST_YEAR_2021: i32 = 2021;

/// Labels that exist only in the 2019 试行 format.
pub const FINGERPRINTS: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "其他对外管理服务事项",
    "第二十条第（九）项",
    "政府集中采购",
    "采购项目数量",
    "采购总金额",
];

pub const S5: Rule = Rule {
    code: "S5",
    severity: Severity::Error,
    title: "使用了已废止的 2019 年试行格式",
    doc: "2021 年度起，年报应使用国办公开办函〔2021〕30号的格式。出现“本年新制作数量”“对外公开总数量”“上一年项目数量”\
          “本年增/减”“第二十条第（九）项”“政府集中采购”等 2019 年试行格式才有的栏目，或“（六）其他处理”没有三个子项，\
          说明套用了旧模板。2020 年度及以前的报告按当时的 2019 年格式编制，本工具按 2021 格式检查时给出提示。",
    basis: "国办公开办函〔2021〕30号；国办公开办函〔2019〕60号（已被替代）",
    example: "2023 年度报告的表二仍有“第二十条第（九）项 政府集中采购”。",
    also: &[Severity::Info],
    from_year: None,
    check: check_s5,
};

/// [`FINGERPRINTS`] after label normalisation, computed once.
static NORMALIZED: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| FINGERPRINTS.iter().map(|f| normalize_label(f)).collect());

/// Pieces of which every fingerprint contains one, to skip the
/// normalisation of text that cannot contain any.
const PIECES: &[&str] = &["制作", "公开数量", "总数", "上一年", "增", "管理服务", "九", "采购"];

/// The 2019-only labels found in `text` (after label normalisation).
pub fn fingerprints_in(text: &str) -> Vec<&'static str> {
    // Most table slots are figures: ASCII cannot hold a (Chinese) piece.
    if text.is_ascii() || !PIECES.iter().any(|p| text.contains(p)) {
        return Vec::new();
    }
    let normalized = normalize_label(text);
    FINGERPRINTS
        .iter()
        .zip(NORMALIZED.iter())
        .filter(|(_, n)| normalized.contains(n.as_str()))
        .map(|(f, _)| *f)
        .collect()
}

/// The finding for a report of `year` showing `found` fingerprints; `where_`
/// names the cells or sections that show them.
pub fn outdated_template(year: Option<i32>, found: &[&str], where_: &[String]) -> Finding {
    let listed = found.iter().map(|f| format!("“{f}”")).collect::<Vec<_>>().join("、");
    match year {
        Some(y) if y < FIRST_YEAR_2021 => Finding::new(
            "S5",
            Severity::Info,
            format!("这是 {y} 年度的报告，按当时有效的 2019 年试行格式编制（出现 {listed}）。本工具按 2021 年格式检查，旧格式特有的栏目不参与核对。"),
        ),
        _ => Finding::new(
            "S5",
            Severity::Error,
            format!("报告套用了已废止的 2019 年试行格式（出现 {listed}）。2021 年度起应使用国办公开办函〔2021〕30号的格式，请换用新模板重新填报。"),
        ),
    }
    .cells(where_.iter())
    .expected("2021 年格式")
    .actual("2019 年试行格式")
}

fn check_s5(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let mut found = Vec::new();
    let mut places = Vec::new();
    for key in SectionKey::ALL {
        if let Some(text) = report.sections.get(key) {
            let here = fingerprints_in(text);
            if !here.is_empty() {
                places.push(key.address());
                found.extend(here);
            }
        }
    }
    found.sort();
    found.dedup();
    if !found.is_empty() {
        findings.push(outdated_template(report.meta.year, &found, &places));
    } else if let Some(y) = report.meta.year.filter(|&y| y < FIRST_YEAR_2021) {
        findings.push(
            Finding::new(
                "S5",
                Severity::Info,
                format!("这是 {y} 年度的报告。2020 年度及以前的年报按 2019 年试行格式编制，与 2021 年格式的栏目不完全相同；本工具按 2021 年格式检查，请留意差异。"),
            )
            .cells(["meta.year"]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{filled, findings_of};

    #[test]
    fn finds_fingerprints_after_normalising() {
        assert_eq!(fingerprints_in("第二十条 第(九)项 政府集中采购"), ["第二十条第（九）项", "政府集中采购"]);
        assert!(fingerprints_in("第二十条第（八）项 本年收费金额").is_empty());
    }

    #[test]
    fn s5_on_prose_and_old_years() {
        let mut r = filled();
        r.meta.year = Some(2023);
        assert!(findings_of(&r, "S5").is_empty());
        r.sections.overview = Some("本年新制作数量 3 件".into());
        let f = findings_of(&r, "S5");
        assert_eq!((f.len(), f[0].severity), (1, Severity::Error));
        r.sections.overview = None;
        r.meta.year = Some(2020);
        assert_eq!(findings_of(&r, "S5")[0].severity, Severity::Info);
    }
}
