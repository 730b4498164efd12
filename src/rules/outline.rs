//! R7: the numbering of the text's headings (a second “一、”, 二–六
//! shifted to 一–五, 总体情况's sub-topics set as top-level headings);
//! R8: 一、总体情况 that leaves out an aspect the format asks for.

use super::wording::{excerpt, texts, READ};
use super::{Context, Rule};
use crate::bytes::has;
use crate::finding::{Finding, RuleCode, Severity};
use crate::layout::{normalize_label, TableId};
use crate::model::SectionKey;

pub const R7: Rule = Rule {
    code: RuleCode::R7,
    severity: Severity::Warning,
    also: &[],
    from_year: None,
    title: "正文标题编号重复、错位或层级不对",
    doc: "年报的一级标题是“一、总体情况”至“六、其他需要报告的事项”，各部分内的小标题用“（一）（二）”。\
          正文中再出现“一、”“二、”开头的标题，说明编号重新开始或错位（如把二至六写成了一至五），\
          或把总体情况的小标题（主动公开、依申请公开等）提升成了一级标题。请按格式重新编号。",
    basis: "国办公开办函〔2021〕30号附件（年报的六个部分及其顺序）",
    example: "“一、总体情况”下写“一、主动公开情况”“二、依申请公开情况”，与一级标题的编号重复。",
    check: check_r7,
};

pub const R8: Rule = Rule {
    code: RuleCode::R8,
    severity: Severity::Info,
    also: &[],
    from_year: Some(2021),
    title: "“一、总体情况”应写到主动公开、依申请公开、政府信息管理、平台建设、监督保障",
    doc: "2021 年格式的“一、总体情况”通常分主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面写。\
          总体情况完全没有提到其中某一方面时给出提示（只看有没有写到，不要求小标题）。",
    basis: "国办公开办函〔2021〕30号附件（总体情况的写法，各地年报通行的五个方面）",
    example: "总体情况写了主动公开和依申请公开，没有一句提到政府网站、政务新媒体等公开平台。",
    check: check_r8,
};

/// A heading-like paragraph: short, opening with a top-level number “一、”.
fn top_level_number(paragraph: &str) -> Option<(&str, &str)> {
    let text = paragraph.trim().trim_start_matches(['*', '#', ' ', '\u{3000}']);
    // The numeral first: most paragraphs are prose, and are left at once.
    let numeral: usize = text.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).map(char::len_utf8).sum();
    let (number, rest) = (&text[..numeral], text[numeral..].strip_prefix('、')?);
    (numeral > 0 && number.chars().count() <= 2 && text.chars().count() <= 40).then_some((number, rest))
}

/// The six top-level headings without their numbers, normalised: (number,
/// text). Made once: normalising them for every report was a twentieth of
/// a report's check.
static CANONICAL: std::sync::LazyLock<Vec<(&str, String)>> = std::sync::LazyLock::new(|| {
    let headings = [SectionKey::Overview.heading()]
        .into_iter()
        .chain(TableId::ALL.map(|t| t.heading()))
        .chain([SectionKey::Problems.heading(), SectionKey::Other.heading()]);
    headings.filter_map(|h| h.split_once('、')).map(|(n, rest)| (n, normalize_label(rest))).collect()
});

/// The six parts by number and the words their headings (in any wording) have.
const PARTS: &[(&str, &[&str])] = &[
    ("一", &["总体情况", "概述"]),
    ("二", &["主动公开政府信息"]),
    ("三", &["收到和处理", "依申请公开政府信息情况"]),
    ("四", &["行政复议", "行政诉讼"]),
    ("五", &["存在的主要问题", "存在问题", "改进情况"]),
    ("六", &["其他需要报告", "其他事项"]),
];

/// The aspects of 总体情况 (FORMAT.md §1): name and the words that show it.
const ASPECTS: &[(&str, &[&str])] = &[
    ("主动公开", &["主动公开"]),
    ("依申请公开", &["依申请", "公开申请", "申请公开"]),
    ("政府信息管理", &["信息管理", "规范性文件", "审查", "审核", "公开属性", "源头", "目录", "发布"]),
    ("政府信息公开平台建设", &["平台", "网站", "新媒体", "公报", "专栏", "公开栏", "政务公开专区"]),
    ("监督保障", &["监督", "保障", "考核", "培训", "督查", "问责", "责任追究", "评议"]),
];

fn check_r7(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let canonical = &*CANONICAL;
    let mut first: Option<(SectionKey, &str, String)> = None;
    let mut sections: Vec<SectionKey> = Vec::new();
    for (section, text) in texts(report, &READ) {
        for paragraph in text.split('\n') {
            let Some((number, rest)) = top_level_number(paragraph) else { continue };
            let bare = normalize_label(rest.trim_end_matches(['。', '：', ':']));
            let part = PARTS.iter().find(|(_, words)| words.iter().any(|w| has(rest, w))).map(|(n, _)| *n);
            let why = if let Some((right, _)) = canonical.iter().find(|(n, c)| *c == bare && *n != number) {
                format!("标题编号错位：“{}”应为“{right}、{}”", paragraph.trim(), rest.trim())
            } else if section == SectionKey::Overview
                && ASPECTS.iter().any(|(_, words)| words.iter().any(|w| has(rest, w)))
            {
                format!(
                    "“一、总体情况”的小标题“{}”写成了一级标题，应写作“（{number}）{}”",
                    excerpt(paragraph),
                    rest.trim()
                )
            } else if part == Some(number) {
                continue; // the right part's heading in other words (S1 names it)
            } else if let Some(right) = part {
                format!("标题编号错位：“{}”应为“{right}、{}”", paragraph.trim(), rest.trim())
            } else {
                format!("「{}」中出现一级编号“{}”，与六个部分的编号重复", section.label(), excerpt(paragraph))
            };
            if first.is_none() {
                first = Some((section, paragraph, why));
            }
            if !sections.contains(&section) {
                sections.push(section);
            }
        }
    }
    let Some((_, paragraph, why)) = first else { return };
    findings.push(
        Finding::new(
            RuleCode::R7,
            Severity::Warning,
            format!("{why}。年报的一级标题只有“一、总体情况”至“六、其他需要报告的事项”，各部分内用“（一）（二）”。请重新编号。"),
        )
        .cells(sections)
        .expected("一级标题一至六，部分内用（一）（二）")
        .actual(excerpt(paragraph)),
    );
}

/// The shortest 总体情况 R8 judges: a few lines of summary say too little to
/// tell an aspect left out from one merely not spelt out.
const MIN_OVERVIEW: usize = 300;

fn check_r8(context: &Context, findings: &mut Vec<Finding>) {
    let Some(overview) = context.report.sections.overview.as_deref() else { return };
    if overview.chars().count() < MIN_OVERVIEW {
        return;
    }
    let missing: Vec<&str> =
        ASPECTS.iter().filter(|(_, words)| !words.iter().any(|w| has(overview, w))).map(|(name, _)| *name).collect();
    if missing.is_empty() {
        return;
    }
    findings.push(
        Finding::new(
            RuleCode::R8,
            Severity::Info,
            format!(
                "「一、总体情况」没有写到{}方面的情况。总体情况通常分主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面写，请补充。",
                missing.join("、")
            ),
        )
        .cells([SectionKey::Overview])
        .expected("五个方面")
        .actual(format!("缺{}", missing.join("、"))),
    );
}

#[cfg(test)]
mod tests {
    use crate::model::Report;
    use crate::rules::testing::{filled, findings_of};

    /// The numeral read first finds the headings that cutting at the first
    /// 、 and testing what is before it found.
    #[test]
    fn top_level_numbers_as_cutting_at_the_first_comma_finds() {
        fn by_cutting(paragraph: &str) -> Option<(&str, &str)> {
            let text = paragraph.trim().trim_start_matches(['*', '#', ' ', '\u{3000}']);
            let (number, rest) = text.split_once('、')?;
            let numeral = !number.is_empty() && number.chars().all(|c| "一二三四五六七八九十".contains(c));
            (numeral && number.chars().count() <= 2 && text.chars().count() <= 40).then_some((number, rest))
        }
        let fragments = ["一", "二", "十", "十二", "、", "二、", "## ", "*", "\u{3000}", "总体情况", "x"];
        let mut headings = 0;
        for text in crate::rules::scan::tests::jumbled(&fragments) {
            for paragraph in text.split(['\n', '。']) {
                assert_eq!(super::top_level_number(paragraph), by_cutting(paragraph), "{paragraph:?}");
                headings += usize::from(by_cutting(paragraph).is_some());
            }
        }
        assert!(headings > 10, "{headings}");
    }

    fn report(overview: &str) -> Report {
        let mut r = filled();
        r.meta.year = Some(2024);
        r.sections.overview = Some(overview.into());
        r
    }

    #[test]
    fn r7_numbering() {
        let f = findings_of(&report("概述。\n\n一、主动公开情况\n\n公开信息100条。"), "R7");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("（一）主动公开情况"), "{}", f[0].message);
        let f = findings_of(&report("概述。\n\n一、主动公开政府信息情况\n\n见下表。"), "R7");
        assert!(f[0].message.contains("应为“二、主动公开政府信息情况”"), "{}", f[0].message);
        // A heading of the right part in other words: S1's, not a numbering fault.
        let mut r = report("概述。");
        r.sections.review_note = Some("五、存在的主要问题和改进措施\n人员不足。".into());
        assert!(findings_of(&r, "R7").is_empty());
        r.sections.review_note = Some("四、存在的主要问题和改进措施\n人员不足。".into());
        assert!(findings_of(&r, "R7")[0].message.contains("应为“五、"));
        let mut r = report("（一）主动公开方面。公开信息100条。");
        r.sections.problems = Some("一是解读不够。二是队伍不稳。".into());
        assert!(findings_of(&r, "R7").is_empty());
    }

    #[test]
    fn r8_aspects() {
        let full =
            "（一）主动公开方面。公开信息100条。（二）依申请公开方面。规范办理。（三）政府信息管理方面。严格审查。\
                    （四）平台建设方面。优化政府网站。（五）监督保障方面。加强考核培训。这是一段足够长的总体情况，\
                    用来确认规则只在足够长的文字上判断是否写到了各个方面。"
                .repeat(3);
        assert!(findings_of(&report(&full), "R8").is_empty());
        let partial = full.replace("（四）平台建设方面。优化政府网站。", "");
        let f = findings_of(&report(&partial), "R8");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("政府信息公开平台建设"), "{}", f[0].message);
    }
}
