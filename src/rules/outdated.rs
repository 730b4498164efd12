//! R3: statistics of the superseded formats in the prose; R4: the
//! superseded 条例 or format cited as in force.

use super::scan::{Cuts, Ends, Words};
use super::wording::{excerpt, texts, READ};
use super::{Context, Rule};
use crate::bytes::has;
use crate::finding::{Finding, RuleCode, Severity};
use crate::model::SectionKey;
use std::sync::LazyLock;

pub const R3: Rule = Rule {
    code: RuleCode::R3,
    severity: Severity::Warning,
    also: &[],
    from_year: Some(2021),
    title: "正文用了旧格式的统计口径",
    doc: "2021 年格式不再统计“依申请公开信息数”“制作、获取政府信息总数”或按“机构职能类”等类别统计的主动公开信息数。\
          正文写这些数字，读者会拿它们和表二、表三比，却比不上：口径已变。应按新格式写收到和处理申请的件数、\
          表二的制发、废止、现行有效件数等；确需写旧口径的，应说明口径与表格不同。\
          旧格式表格栏目（如“本年新制作数量”）出现在正文中由 S5 报告。",
    basis: "国办公开办函〔2021〕30号（替代国办公开办函〔2019〕60号及更早的统计口径）",
    example: "2025 年度报告二的表外说明写“2024年制作、获取政府信息总数467条”。",
    check: check_r3,
};

pub const R4: Rule = Rule {
    code: RuleCode::R4,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "引用了已修订的条例或已替代的年报格式",
    doc: "《中华人民共和国政府信息公开条例》2019 年修订（国务院令第711号），2008 年施行的旧条例（国务院令第492号）\
          不应作为现行依据引用（写明“2019年4月3日国务院令第711号修订”的完整沿革不算）；\
          2021 年度起年报格式依据国办公开办函〔2021〕30号，不应再以国办公开办函〔2019〕60号为编制依据。",
    basis: "国务院令第711号；国办公开办函〔2021〕30号",
    example: "2023 年度报告导语写“根据《中华人民共和国政府信息公开条例》（国务院令第492号）和国办公开办函〔2019〕60号要求编制”。",
    check: check_r4,
};

/// Statistics that only the 2019 (and older) formats had: (wording, what it was).
const OLD_STATISTICS: &[(&str, &str)] = &[
    ("依申请公开信息数", "2019 年格式的“依申请公开信息数”"),
    ("依申请公开政府信息数", "2019 年格式的“依申请公开信息数”"),
    ("依申请公开信息总数", "2019 年格式的“依申请公开信息数”"),
    ("制作、获取政府信息总数", "旧格式的“制作、获取政府信息总数”"),
    ("制作和获取政府信息总数", "旧格式的“制作、获取政府信息总数”"),
    ("制作、获取的政府信息总数", "旧格式的“制作、获取政府信息总数”"),
    ("获取政府信息总数", "旧格式的“制作、获取政府信息总数”"),
    ("制作政府信息总数", "旧格式的“制作、获取政府信息总数”"),
    ("机构职能类信息", "按旧类别（机构职能类等）统计的主动公开信息数"),
    ("机构职能类政府信息", "按旧类别（机构职能类等）统计的主动公开信息数"),
];

/// [`OLD_STATISTICS`]' wordings searched for in one pass.
static OLD_WORDINGS: LazyLock<Words> =
    LazyLock::new(|| Words::new(&OLD_STATISTICS.iter().map(|(wording, _)| *wording).collect::<Vec<_>>()));

fn check_r3(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let mut hits: Vec<(SectionKey, &str, &str)> = Vec::new();
    for (section, text) in texts(report, &READ) {
        let ends = context.ends(section);
        for (wording, sentence) in old_wordings(text, ends) {
            let what = OLD_STATISTICS[wording].1;
            if !hits.iter().any(|(_, _, w)| *w == what) {
                hits.push((section, sentence, what));
            }
        }
    }
    let Some(&(section, sentence, what)) = hits.first() else { return };
    let mut sections: Vec<SectionKey> = hits.iter().map(|(s, _, _)| *s).collect();
    sections.dedup();
    let others = if hits.len() > 1 {
        format!("（另有{}）", hits[1..].iter().map(|(_, _, w)| *w).collect::<Vec<_>>().join("、"))
    } else {
        String::new()
    };
    findings.push(
        Finding::new(
            RuleCode::R3,
            Severity::Warning,
            format!(
                "「{}」用了{what}（“{}”）{others}。口径已变：2021 年格式统计的是收到和处理申请的件数、表二的制发和现行有效件数等，旧口径的数字与表格对不上。请改按新格式的口径写，确需保留的请注明与表格口径不同。",
                section.label(),
                excerpt(sentence)
            ),
        )
        .cells(sections)
        .expected("2021 年格式的统计口径")
        .actual(what),
    );
}

/// Each sentence of `text` (cut at `ends`) holding an old wording, in
/// order, with the first wording of the list it holds (no wording holds a
/// sentence end): the wordings found in one pass, each looked up in its
/// sentence.
fn old_wordings<'t>(text: &'t str, ends: &Ends) -> Vec<(usize, &'t str)> {
    let sentences = Cuts::of(text, ends, false);
    let mut by_sentence: Vec<(usize, usize, &str)> = OLD_WORDINGS
        .occurrences(text)
        .into_iter()
        .map(|(wording, at)| {
            let (n, _, sentence) = sentences.piece_at(at);
            (n, wording, sentence)
        })
        .collect();
    by_sentence.sort_unstable_by_key(|&(n, wording, _)| (n, wording));
    by_sentence.dedup_by_key(|&mut (n, _, _)| n);
    by_sentence.into_iter().map(|(_, wording, sentence)| (wording, sentence)).collect()
}

fn check_r4(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let year = report.meta.year;
    let mut old_regulation = None;
    let mut old_format = None;
    for (section, text) in texts(report, &READ) {
        if !has(text, "492") && !has(text, "60") {
            continue;
        }
        // Both citations end in 号: a sentence without it is not copied
        // without its spaces.
        for sentence in context.ends(section).sentences(text).filter(|s| has(s, "号")) {
            let plain: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
            if old_regulation.is_none()
                && (has(&plain, "令第492号") || has(&plain, "令492号"))
                && !has(&plain, "711")
                && !["修订", "废止", "原条例", "旧条例"].iter().any(|w| has(&plain, w))
            {
                old_regulation = Some((section, sentence));
            }
            if old_format.is_none() && year.is_none_or(|y| y >= 2021) && cites_2019_format(&plain) {
                old_format = Some((section, sentence));
            }
        }
    }
    if let Some((section, sentence)) = old_regulation {
        findings.push(
            Finding::new(
                RuleCode::R4,
                Severity::Warning,
                format!(
                    "「{}」把 2007 年公布的旧条例（国务院令第492号）作为依据（“{}”）。条例已于 2019 年修订（国务院令第711号），请改引现行条例。",
                    section.label(),
                    excerpt(sentence)
                ),
            )
            .cells([section])
            .expected("国务院令第711号")
            .actual("国务院令第492号"),
        );
    }
    if let Some((section, sentence)) = old_format {
        let y = year.map_or_else(|| "本".to_string(), |y| format!("{y} "));
        findings.push(
            Finding::new(
                RuleCode::R4,
                Severity::Warning,
                format!(
                    "「{}」以国办公开办函〔2019〕60号为编制依据（“{}”）。{y}年度的报告应依据国办公开办函〔2021〕30号的格式，请改正依据并核对是否仍在用旧模板。",
                    section.label(),
                    excerpt(sentence)
                ),
            )
            .cells([section])
            .expected("国办公开办函〔2021〕30号")
            .actual("国办公开办函〔2019〕60号"),
        );
    }
}

/// Whether a sentence (spaces removed) names 国办公开办函〔2019〕60号 and
/// not the 2021 format beside it.
fn cites_2019_format(plain: &str) -> bool {
    let names_2019 = plain.match_indices("60号").any(|(at, _)| {
        let before: String = plain[..at].chars().rev().take(12).collect::<Vec<_>>().into_iter().rev().collect();
        has(&before, "2019") && has(&before, "办函")
    });
    names_2019 && !has(plain, "30号")
}

#[cfg(test)]
mod tests {
    use crate::model::Report;
    use crate::rules::testing::{filled, findings_of};

    fn report(year: i32, preamble: &str) -> Report {
        let mut r = filled();
        r.meta.year = Some(year);
        r.sections.preamble = Some(preamble.into());
        r
    }

    /// The same sentences and wordings as trying every wording in every
    /// sentence (as R3 once did).
    #[test]
    fn old_wordings_as_trying_each_in_each_sentence() {
        let mut fragments: Vec<&str> = super::OLD_STATISTICS.iter().map(|(w, _)| *w).collect();
        fragments.extend(["信息数", "机构职能类", "政府", "，", "。", "\n", "制作、"]);
        for text in crate::rules::scan::tests::jumbled(&fragments) {
            let ends = crate::rules::scan::Ends::new(&text);
            let tried: Vec<(usize, &str)> = ends
                .sentences(&text)
                .filter_map(|sentence| {
                    let first = super::OLD_STATISTICS.iter().position(|(w, _)| sentence.contains(w));
                    first.map(|wording| (wording, sentence))
                })
                .collect();
            assert_eq!(super::old_wordings(&text, &ends), tried, "{text}");
        }
    }

    #[test]
    fn old_statistics() {
        let mut r = report(2025, "");
        r.sections.active_note = Some("2025年制作、获取政府信息总数467条。".into());
        let f = findings_of(&r, "R3");
        assert_eq!((f.len(), &*f[0].cells[0].address()), (1, "sections.active_note"));
        r.sections.overview = Some("依申请公开信息数245条。".into());
        assert_eq!(findings_of(&r, "R3").len(), 1, "one finding per report");
        r.meta.year = Some(2020);
        assert!(findings_of(&r, "R3").is_empty(), "a 2020 report used the old format rightly");
        assert!(findings_of(&report(2025, "主动公开政府信息6767条。"), "R3").is_empty());
    }

    #[test]
    fn outdated_citations() {
        let f = findings_of(&report(2023, "根据《条例》（国务院令第492号）和国办公开办函〔2019〕60号要求编制。"), "R4");
        assert_eq!(f.len(), 2);
        for ok in [
            "根据《条例》（2007年4月5日国务院令第492号公布，2019年4月3日国务院令第711号修订）编制。",
            "根据《条例》（国令第711号）和国办公开办函〔2021〕30号要求编制。",
        ] {
            assert!(findings_of(&report(2023, ok), "R4").is_empty(), "{ok}");
        }
        assert!(findings_of(&report(2020, "根据国办公开办函〔2019〕60号要求编制。"), "R4").is_empty());
    }
}
