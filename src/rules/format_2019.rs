//! S5: fingerprints of the outdated 2019 试行 template (FORMAT.md §10).
//!
//! The importers of published text call [`fingerprints_in`] on the labels
//! they read; the rule itself looks at what the model keeps (prose, title,
//! year).

use super::scan::Words;
use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::normalize_label;
use crate::model::{MetaField, SectionKey};

/// First year the 2021 format applies to.
pub const FIRST_YEAR_2021: i32 = 2021;

/// Labels that exist only in the 2019 试行 format.
const FINGERPRINTS: &[&str] = &[
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
    code: RuleCode::S5,
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

/// [`PIECES`] searched for in one pass.
static PIECE_WORDS: std::sync::LazyLock<Words> = std::sync::LazyLock::new(|| Words::new(PIECES));

/// The characters of the normalised fingerprints, sorted, and the length
/// of the shortest.
static FINGERPRINT_CHARS: std::sync::LazyLock<(Vec<char>, usize)> = std::sync::LazyLock::new(|| {
    let mut chars: Vec<char> = NORMALIZED.iter().flat_map(|n| n.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    (chars, NORMALIZED.iter().map(|n| n.chars().count()).min().unwrap_or(0))
});

/// The 2019-only labels found in `text` (after label normalisation).
pub fn fingerprints_in(text: &str) -> Vec<&'static str> {
    // Most table slots are figures: ASCII cannot hold a (Chinese) piece.
    if text.is_ascii() {
        return Vec::new();
    }
    let mut found = [false; FINGERPRINTS.len()];
    for run in fingerprint_runs(text) {
        let normalized = normalize_label(run);
        for (found, n) in found.iter_mut().zip(NORMALIZED.iter()) {
            *found |= normalized.contains(n.as_str());
        }
    }
    FINGERPRINTS.iter().zip(found).filter(|(_, found)| *found).map(|(f, _)| *f).collect()
}

/// The parts of `text` a fingerprint can be in: the runs of characters
/// that are, once normalised, in some fingerprint, or that normalisation
/// drops (spaces), around each of the [`PIECES`] (every fingerprint holds
/// one, written whole). Normalisation maps each character on its own, so a
/// fingerprint in the normalised text lies within one run: normalising the
/// runs around the pieces finds what normalising the whole text finds,
/// without reading prose far from a word as common as 增 or 总数.
fn fingerprint_runs(text: &str) -> Vec<&str> {
    let shortest = FINGERPRINT_CHARS.1;
    let mut runs: Vec<&str> = Vec::new();
    let mut from = 0; // after the last run: the next piece is searched from there
    while let Some(at) = PIECE_WORDS.first_from(text, from) {
        let start = text[..at].char_indices().rev().take_while(|&(_, c)| in_run(c)).last().map_or(at, |(i, _)| i);
        let end = text[at..].char_indices().find(|&(_, c)| !in_run(c)).map_or(text.len(), |(i, _)| at + i);
        from = end.max(at + crate::fold::char_len(text.as_bytes()[at]));
        let run = &text[start..end];
        if run.chars().nth(shortest.saturating_sub(1)).is_some() {
            runs.push(run);
        }
    }
    runs
}

/// Whether `c` may be in a run of [`fingerprint_runs`]: looked up in
/// [`IN_RUN`] for the Basic Multilingual Plane (a text's characters are
/// tested one by one, and folding each was a twentieth of a batch's work).
fn in_run(c: char) -> bool {
    match IN_RUN.get(c as usize / 64) {
        Some(bits) => bits >> (c as usize % 64) & 1 == 1,
        None => may_be_in_run(c),
    }
}

/// [`may_be_in_run`] of each character from U+0000 to U+FFFF, one bit each.
static IN_RUN: std::sync::LazyLock<Vec<u64>> = std::sync::LazyLock::new(|| {
    (0..0x10000 / 64)
        .map(|word: u32| {
            (0..64).fold(0u64, |bits, bit| {
                let c = char::from_u32(word * 64 + bit);
                bits | u64::from(c.is_some_and(may_be_in_run)) << bit
            })
        })
        .collect()
});

/// A character that is, once normalised, in some fingerprint, or that
/// normalisation drops (spaces).
fn may_be_in_run(c: char) -> bool {
    use crate::fold::{fold_label_char, is_any_space};
    use crate::layout::label_punctuation;
    let chars = &FINGERPRINT_CHARS.0;
    is_any_space(c) || fold_label_char(c).is_none_or(|f| chars.binary_search(&label_punctuation(f)).is_ok())
}

/// The finding for a report of `year` showing `found` fingerprints; `where_`
/// names the cells or sections that show them.
pub fn outdated_template(year: Option<i32>, found: &[&str], where_: &[SectionKey]) -> Finding {
    let listed = found.iter().map(|f| format!("“{f}”")).collect::<Vec<_>>().join("、");
    match year {
        Some(y) if y < FIRST_YEAR_2021 => Finding::new(
            RuleCode::S5,
            Severity::Info,
            format!("这是 {y} 年度的报告，按当时有效的 2019 年试行格式编制（出现 {listed}）。本工具按 2021 年格式检查，旧格式特有的栏目不参与核对。"),
        ),
        _ => Finding::new(
            RuleCode::S5,
            Severity::Error,
            format!("报告套用了已废止的 2019 年试行格式（出现 {listed}）。2021 年度起应使用国办公开办函〔2021〕30号的格式，请换用新模板重新填报。"),
        ),
    }
    .cells(where_.iter().copied())
    .expected("2021 年格式")
    .actual("2019 年试行格式")
}

/// S5 for a 表三 whose （六）其他处理 is one row (the 2019 layout), as
/// the importers read it: its figures in the last sub-row.
pub fn collapsed_other(year: Option<i32>) -> Finding {
    let other = crate::layout::REQUEST_ROWS[crate::layout::request_row::LAST_RESULT].path[1];
    let last = crate::layout::REQUEST_ROWS[crate::layout::request_row::LAST_RESULT].path[2];
    let cells: Vec<crate::layout::CellId> = crate::layout::TableId::Requests
        .cells()
        .filter(|id| {
            // The three sub-rows: the first two left blank, the last holding the row.
            crate::layout::request_position(*id).is_some_and(|(r, _)| {
                (crate::layout::request_row::LAST_RESULT - 2..=crate::layout::request_row::LAST_RESULT).contains(&r)
            })
        })
        .collect();
    let read = format!("这一行的数字已按“{last}”读取，前两个子项留空");
    let (severity, message) = match year {
        // Right for its time: nothing to fix.
        Some(y) if y < FIRST_YEAR_2021 => (
            Severity::Info,
            format!("这是 {y} 年度的报告，按当时的 2019 年试行格式，表三的“{other}”只有一行。{read}。"),
        ),
        _ => (
            Severity::Error,
            format!(
                "表三的“{other}”只有一行，没有 2021 年格式的三个子项，是已废止的 2019 年试行格式的写法。{read}；请按国办公开办函〔2021〕30号的格式分项填报。"
            ),
        ),
    };
    Finding::new(RuleCode::S5, severity, message)
        .cells(cells)
        .expected("（六）其他处理分三个子项")
        .actual("（六）其他处理只有一行")
}

fn check_s5(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let mut found = Vec::new();
    let mut places = Vec::new();
    for key in SectionKey::ALL {
        if let Some(text) = report.sections.get(key) {
            let here = fingerprints_in(text);
            if !here.is_empty() {
                places.push(key);
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
                RuleCode::S5,
                Severity::Info,
                format!("这是 {y} 年度的报告。2020 年度及以前的年报按 2019 年试行格式编制，与 2021 年格式的栏目不完全相同；本工具按 2021 年格式检查，请留意差异。"),
            )
            .cells([MetaField::Year]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{filled, findings_of};

    /// [`fingerprints_in`] as it was: the whole text normalised.
    fn fingerprints_by_normalising_all(text: &str) -> Vec<&'static str> {
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

    #[test]
    fn the_lookup_of_run_characters_is_the_test_itself() {
        let astral = ['\u{10000}', '\u{2F800}', '\u{1F600}', '\u{10FFFF}'];
        for c in (0..0x10000).filter_map(char::from_u32).chain(astral) {
            assert_eq!(in_run(c), may_be_in_run(c), "{c:?}");
        }
    }

    #[test]
    fn normalising_runs_finds_what_normalising_all_finds() {
        let mut fragments: Vec<&str> = FINGERPRINTS.to_vec();
        fragments.extend([
            "第二十条 第(九)项",
            "本年 增／减",
            "政府 集中 采购",
            "采购总 金额",
            "九",
            "增",
            "总数",
            "\u{200b}",
        ]);
        let texts = crate::rules::scan::tests::jumbled(&fragments);
        let mut found = 0;
        for text in &texts {
            let expected = fingerprints_by_normalising_all(text);
            assert_eq!(fingerprints_in(text), expected, "{text}");
            found += expected.len();
        }
        assert!(found > 100, "{found}");
    }

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
