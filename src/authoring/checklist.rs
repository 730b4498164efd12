//! The checklist before publishing (issue 19 point 4): what the format and
//! the 条例 require that no cell of the report shows — published by the
//! deadline, on the portal's 年报 column, 落款 and date, all six parts,
//! the 信息处理费 reported, last year's problems addressed.
//!
//! The tool ticks an item when the report tells (a date, a section's
//! text); an item it cannot see (the portal, the 落款 as printed) is left
//! to the author, who ticks it on the form or on the printed 体检摘要.

use crate::layout::TableId;
use crate::model::{OrganKind, Report, SectionKey};
use serde::Serialize;

/// Who says whether an item is done, and what they say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The report shows it is done.
    Done,
    /// The report shows it is not done.
    NotDone,
    /// Only the author can tell.
    Author,
}

impl Status {
    /// `done`, `not_done`, `author` (as serialized).
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::NotDone => "not_done",
            Status::Author => "author",
        }
    }

    /// The box printed before the item: ☑ done, ☒ not done, □ for the author.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Done => "☑",
            Status::NotDone => "☒",
            Status::Author => "□",
        }
    }
}

/// One item of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable key (`deadline`, `portal`, `signature`, `sections`, `fees`,
    /// `last_years_problems`): the form remembers the author's ticks by it.
    pub key: &'static str,
    /// What is required.
    pub what: &'static str,
    pub status: Status,
    /// What the tool saw, or what the author should look at.
    pub detail: String,
}

/// The checklist of `report`.
pub fn checklist(report: &Report) -> Vec<Item> {
    vec![deadline(report), portal(), signature(report), sections(report), fees(report), last_years_problems(report)]
}

/// The same deadline as X10 and the 体检摘要 (条例第四十九条).
fn deadline(report: &Report) -> Item {
    let what = "按期公布（政府部门次年1月31日前，人民政府次年3月31日前）";
    let government = match report.meta.organ_kind {
        Some(OrganKind::Government) => Some(true),
        Some(OrganKind::Department) => Some(false),
        _ => None,
    };
    let due = report.meta.year.zip(government).and_then(|(year, g)| crate::rules::deadline(year, g));
    let (status, detail) = match (due, report.meta.published_on) {
        (Some(due), Some(on)) if on <= due => (Status::Done, format!("{on} 公布，期限 {due}。")),
        (Some(due), Some(on)) => (Status::NotDone, format!("{on} 公布，晚于期限 {due}。")),
        (Some(due), None) => (Status::Author, format!("未写明发布日期：应于 {due} 前公布。")),
        (None, _) => (Status::Author, "机关类型或年度未写明，期限未判断。".to_string()),
    };
    Item { key: "deadline", what, status, detail }
}

fn portal() -> Item {
    Item {
        key: "portal",
        what: "在本机关门户网站“政府信息公开年报”栏目发布",
        status: Status::Author,
        detail: "发布后打开栏目核对：标题、年度正确，全文和表格完整可读。".to_string(),
    }
}

fn signature(report: &Report) -> Item {
    let mut missing = Vec::new();
    if report.meta.organ.trim().is_empty() {
        missing.push("机关名称");
    }
    if report.meta.published_on.is_none() {
        missing.push("发布日期");
    }
    let (status, detail) = if missing.is_empty() {
        (Status::Author, "请核对文末落款的机关名称和日期与上面填写的一致。".to_string())
    } else {
        (Status::NotDone, format!("报告没有写明{}：文末应有落款（机关名称）和日期。", missing.join("、")))
    };
    Item { key: "signature", what: "文末有落款（机关名称）和日期", status, detail }
}

fn sections(report: &Report) -> Item {
    let mut missing: Vec<&str> = Vec::new();
    let has_text = |key| report.sections.get(key).is_some_and(|t| !t.trim().is_empty());
    let has_figures = |table: TableId| table.cells().any(|c| !report.value(c).is_blank());
    for part in [SectionKey::Overview] {
        if !has_text(part) {
            missing.push(part.heading());
        }
    }
    for table in TableId::ALL {
        if !has_figures(table) {
            missing.push(table.heading());
        }
    }
    for part in [SectionKey::Problems, SectionKey::Other] {
        if !has_text(part) {
            missing.push(part.heading());
        }
    }
    let (status, detail) = if missing.is_empty() {
        (Status::Done, "六个部分都有内容。".to_string())
    } else {
        (Status::NotDone, format!("缺少：{}。", missing.join("；")))
    };
    Item {
        key: "sections", what: "六个部分齐全（一、总体情况至六、其他需要报告的事项）", status, detail
    }
}

fn fees(report: &Report) -> Item {
    let what = "报告信息处理费的收取情况（2021 年度起，写在第六部分）";
    let first = crate::rules::format_2019::FIRST_YEAR_2021;
    let (status, detail) = match report.meta.year {
        Some(year) if year < first => (Status::Done, format!("{year} 年度不要求。")),
        None => (Status::Author, "年度未写明：2021 年度起须在第六部分写明信息处理费的收取情况。".to_string()),
        Some(_) if report.sections.other.as_deref().is_some_and(|t| t.contains("信息处理费")) => {
            (Status::Done, "第六部分写到了信息处理费。".to_string())
        }
        Some(_) => (
            Status::NotDone,
            "第六部分没有写信息处理费：收取的写明件数和金额，没有收取的写“未收取信息处理费”。".to_string(),
        ),
    };
    Item { key: "fees", what, status, detail }
}

/// Words that say last year's problems were taken up this year.
const ADDRESSED: [&str; 6] = ["上年", "上一年", "去年", "上年度", "往年", "以前年度"];
const REMEDIED: [&str; 5] = ["整改", "改进", "落实", "解决", "完成"];

fn last_years_problems(report: &Report) -> Item {
    let text = report.sections.problems.as_deref().unwrap_or("");
    let said = ADDRESSED.iter().any(|w| text.contains(w)) && REMEDIED.iter().any(|w| text.contains(w));
    let (status, detail) = if said {
        (Status::Done, "第五部分写到了上年度问题的整改情况，请核实是否逐条回应。".to_string())
    } else {
        (Status::NotDone, "第五部分没有写上年度报告所列问题的整改情况：应逐条说明改进了什么。".to_string())
    };
    Item { key: "last_years_problems", what: "写明上年度问题的整改情况（第五部分）", status, detail }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, OrganKind};

    fn status(report: &Report, key: &str) -> Status {
        checklist(report).into_iter().find(|i| i.key == key).unwrap().status
    }

    #[test]
    fn the_tool_ticks_what_the_report_shows() {
        let mut r = crate::rules::testing::filled();
        r.meta.organ = "某某县交通运输局".into();
        r.meta.organ_kind = Some(OrganKind::Department);
        r.meta.year = Some(2025);
        assert_eq!(status(&r, "deadline"), Status::Author, "no publication date");
        assert_eq!(status(&r, "signature"), Status::NotDone);
        r.meta.published_on = Date::new(2026, 1, 20);
        assert_eq!(status(&r, "deadline"), Status::Done);
        assert_eq!(status(&r, "signature"), Status::Author);
        r.meta.published_on = Date::new(2026, 2, 20);
        assert_eq!(status(&r, "deadline"), Status::NotDone);
        assert_eq!(status(&r, "portal"), Status::Author);
        assert_eq!(status(&r, "sections"), Status::NotDone);
        r.sections.overview = Some("本年度……".into());
        r.sections.problems = Some("上年度报告所列问题已完成整改。".into());
        r.sections.other = Some("本年度未收取信息处理费。".into());
        assert_eq!(status(&r, "sections"), Status::Done);
        assert_eq!(status(&r, "fees"), Status::Done);
        assert_eq!(status(&r, "last_years_problems"), Status::Done);
        r.sections.other = Some("无。".into());
        assert_eq!(status(&r, "fees"), Status::NotDone);
        r.meta.year = Some(2020);
        assert_eq!(status(&r, "fees"), Status::Done);
        r.sections.problems = Some("人员不足。".into());
        assert_eq!(status(&r, "last_years_problems"), Status::NotDone);
        let blank = checklist(&Report::new());
        assert!(blank.iter().find(|i| i.key == "sections").unwrap().detail.contains("二、主动公开政府信息情况"));
    }
}
