//! X6, X10: the report year and the publication date.

use super::{deadline, Context, Rule};
use crate::finding::{Finding, Location, RuleCode, Severity};
use crate::model::{MetaField, OrganKind, SectionKey};

pub const X6: Rule = Rule {
    code: RuleCode::X6,
    severity: Severity::Warning,
    title: "标题年份、统计期限与报告年度一致",
    doc: "标题“××××年政府信息公开工作年度报告”的年份、正文统计期限（××××年1月1日至12月31日）与报告年度应一致；统计期限应为整个自然年。",
    basis: "《中华人民共和国政府信息公开条例》第四十九条、第五十条；国办公开办函〔2021〕30号",
    example: "2025 年度报告的导语写“统计数据从 2024 年 1 月 1 日至 12 月 31 日”。",
    also: &[],
    from_year: None,
    check: check_x6,
};

pub const X10: Rule = Rule {
    code: RuleCode::X10,
    severity: Severity::Warning,
    title: "按时公布：政府部门 1 月 31 日前，人民政府 3 月 31 日前",
    doc: "县级以上人民政府部门应于每年 1 月 31 日前公布上一年度的年报，县级以上地方人民政府应于 3 月 31 日前公布本级政府的年报。\
          仅在知道公布日期（meta.published_on）时检查；乡镇、街道等按本地要求，不检查。",
    basis: "《中华人民共和国政府信息公开条例》第四十九条",
    example: "某局 2025 年度年报于 2026 年 2 月 10 日公布。",
    also: &[],
    from_year: None,
    check: check_x10,
};

fn check_x6(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    // A missing year is S7's.
    let Some(year) = report.meta.year else { return };
    if let Some(title) = &report.meta.title {
        if let Some(said) = years_in(title).into_iter().find(|&y| y != year) {
            findings.push(
                Finding::new(
                    RuleCode::X6,
                    Severity::Warning,
                    format!("标题中的年份是 {said} 年，而报告年度是 {year} 年。请统一。"),
                )
                .cells([MetaField::Title, MetaField::Year])
                .expected(year)
                .actual(said),
            );
        }
    }
    for key in [SectionKey::Preamble, SectionKey::Overview] {
        let Some(text) = report.sections.get(key) else { continue };
        if let Some((from, to)) = statistics_period(text) {
            if from.0 != year || to.0.unwrap_or(from.0) != year || from.1 != (1, 1) || to.1 != (12, 31) {
                let shown = format!(
                    "{}年{}月{}日至{}年{}月{}日",
                    from.0,
                    from.1 .0,
                    from.1 .1,
                    to.0.unwrap_or(from.0),
                    to.1 .0,
                    to.1 .1
                );
                findings.push(
                    Finding::new(
                        RuleCode::X6,
                        Severity::Warning,
                        format!("统计期限写的是 {shown}，与报告年度 {year} 年不符：应为 {year}年1月1日至12月31日。"),
                    )
                    .cells([Location::Section(key), Location::Meta(MetaField::Year)])
                    .expected(format!("{year}年1月1日至12月31日"))
                    .actual(shown),
                );
            }
            break;
        }
    }
}

/// Four-digit years (1990–2099) written in `text`, with or without spaces before 年.
fn years_in(text: &str) -> Vec<i32> {
    let bytes = text.as_bytes();
    let mut years = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        // Exactly four digits, then 年 (spaces between allowed).
        if i - start != 4 || !text[i..].trim_start().starts_with('年') {
            continue;
        }
        match text[start..i].parse() {
            Ok(year) if (1990..2100).contains(&year) => years.push(year),
            _ => {}
        }
    }
    years
}

type DayOfYear = (u32, u32);

/// A date as written: the year may be left out (`至12月31日`).
type WrittenDate = (Option<i32>, DayOfYear);

/// `2025 年 1 月 1 日至 12 月 31 日` → ((2025, (1, 1)), (None, (12, 31))).
/// Spaces between the figures do not matter; only the few characters
/// around each 至 are read (not a copy of the whole text without spaces).
fn statistics_period(text: &str) -> Option<((i32, DayOfYear), WrittenDate)> {
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    text.match_indices('至').find_map(|(at, _)| {
        let before: String = text[..at].chars().rev().filter(|c| !c.is_whitespace()).take(DATE_ENDING_CHARS).collect();
        let before: String = before.chars().rev().collect();
        let (from_year, from_day) = date_ending(&before)?;
        let after = &text[at + '至'.len_utf8()..];
        let day = after.find('日')?;
        let to = date_starting(&compact(&after[..day + '日'.len_utf8()]))?;
        Some(((from_year?, from_day), to))
    })
}

/// How many characters (spaces left out) before 至 a date is read from.
const DATE_ENDING_CHARS: usize = 12;

fn date_ending(text: &str) -> Option<WrittenDate> {
    let tail: String = text.chars().rev().take(DATE_ENDING_CHARS).collect::<Vec<_>>().into_iter().rev().collect();
    let day_at = tail.rfind('日')?;
    let tail = &tail[..day_at];
    let (year_part, md) = tail.rsplit_once('年')?;
    let year: String =
        year_part.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    let (m, d) = md.split_once('月')?;
    Some((year.parse().ok(), (m.parse().ok()?, d.parse().ok()?)))
}

fn date_starting(text: &str) -> Option<WrittenDate> {
    let day_at = text.find('日')?;
    let head = &text[..day_at];
    let (year, md) = match head.split_once('年') {
        Some((y, md)) => (y.parse().ok(), md),
        None => (None, head),
    };
    let (m, d) = md.split_once('月')?;
    Some((year, (m.parse().ok()?, d.parse().ok()?)))
}

fn check_x10(context: &Context, findings: &mut Vec<Finding>) {
    let report = context.report;
    let (Some(published), Some(year)) = (report.meta.published_on, report.meta.year) else { return };
    let government = match report.meta.organ_kind {
        Some(OrganKind::Government) => true,
        Some(OrganKind::Department) => false,
        _ => return,
    };
    let Some(due) = deadline(year, government) else { return };
    if published > due {
        let who = if government { "人民政府的年报" } else { "政府部门的年报" };
        findings.push(
            Finding::new(
                RuleCode::X10,
                Severity::Warning,
                format!("本报告于 {published} 公布，晚于{who}的法定期限 {due}（条例第四十九条）。"),
            )
            .cells([MetaField::PublishedOn])
            .expected(format!("不晚于 {due}"))
            .actual(published),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Report};
    use crate::rules::testing::{filled, findings_of};

    fn report(year: i32) -> Report {
        let mut r = filled();
        r.meta.year = Some(year);
        r
    }

    #[test]
    fn x6_title_and_period() {
        let mut r = report(2025);
        r.meta.title = Some("红寺堡区 2025 年政府信息公开工作年度报告".into());
        r.sections.preamble = Some("本报告统计数据从 2025 年 1 月 1 日至 12 月 31 日。".into());
        assert!(findings_of(&r, "X6").is_empty());
        r.sections.preamble = Some("统计期限为2024年1月1日至2024年12月31日。".into());
        assert_eq!(findings_of(&r, "X6").len(), 1);
        r.sections.preamble = None;
        r.meta.title = Some("某局2024年政府信息公开工作年度报告".into());
        let f = findings_of(&r, "X6");
        assert_eq!(f[0].actual.as_deref(), Some("2024"));
    }

    /// [`statistics_period`] as it was: the whole text copied without spaces.
    fn period_of_compact_text(text: &str) -> Option<((i32, DayOfYear), WrittenDate)> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        compact.match_indices('至').find_map(|(at, _)| {
            let (from_year, from_day) = date_ending(&compact[..at])?;
            let to = date_starting(&compact[at + '至'.len_utf8()..])?;
            Some(((from_year?, from_day), to))
        })
    }

    #[test]
    fn reading_around_each_至_finds_the_same_period() {
        let fragments =
            ["2025年1月1日至12月31日", "2024 年 1 月 1 日 至 2024 年 12 月 31 日", "至", "日", "年 ", "下一年"];
        let mut periods = 0;
        for text in crate::rules::scan::tests::jumbled(&fragments) {
            let expected = period_of_compact_text(&text);
            assert_eq!(statistics_period(&text), expected, "{text}");
            periods += usize::from(expected.is_some());
        }
        assert!(periods > 50, "{periods}");
    }

    #[test]
    fn x10_deadline_by_kind() {
        let mut r = report(2025);
        r.meta.organ_kind = Some(OrganKind::Department);
        r.meta.published_on = Date::new(2026, 1, 31);
        assert!(findings_of(&r, "X10").is_empty());
        r.meta.published_on = Date::new(2026, 2, 10);
        assert_eq!(findings_of(&r, "X10").len(), 1);
        r.meta.organ_kind = Some(OrganKind::Government);
        assert!(findings_of(&r, "X10").is_empty());
        r.meta.published_on = Date::new(2026, 4, 1);
        assert_eq!(findings_of(&r, "X10").len(), 1);
        r.meta.organ_kind = Some(OrganKind::Township);
        assert!(findings_of(&r, "X10").is_empty());
    }
}
