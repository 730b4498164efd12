//! The one JSON shape of a checked report, shared by the CLI's `--json`
//! and the page.

use crate::finding::{Finding, Location, Tally};
use crate::model::Report;
use serde::{Deserialize, Serialize};

/// The verdict on one input, for batch tables and filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// 通过: no error, no warning.
    Passed,
    /// 有警告
    Warnings,
    /// 有错误
    Errors,
    /// 无法读取
    Unreadable,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Errors, Status::Warnings, Status::Passed, Status::Unreadable];

    /// The key in JSON (`errors`, `warnings`, `passed`, `unreadable`).
    pub fn key(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Warnings => "warnings",
            Status::Errors => "errors",
            Status::Unreadable => "unreadable",
        }
    }

    pub fn of(counts: Tally) -> Status {
        if counts.error > 0 {
            Status::Errors
        } else if counts.warning > 0 {
            Status::Warnings
        } else {
            Status::Passed
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Passed => "通过",
            Status::Warnings => "有警告",
            Status::Errors => "有错误",
            Status::Unreadable => "无法读取",
        }
    }

    /// ✔ / ⚠ / ✖: the mark beside the label in the batch page's table.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Passed => "✔",
            Status::Warnings => "⚠",
            Status::Errors | Status::Unreadable => "✖",
        }
    }
}

/// One checked input: `{"source", "status", "organ", "year", "counts", "findings"}`,
/// or `{"source", "status", "error"}` when it could not be read. Read back
/// where the page's Web Workers hand their results to the page's instance.
#[derive(Clone, Debug, Serialize)]
pub struct CheckedReport {
    pub source: String,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organ: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organ_kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The source of last year's report the cross-year rules compared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// Its position in the batch (sources may repeat: two `年报.json`).
    #[serde(skip)]
    pub previous_index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counts: Option<Tally>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<Vec<Finding>>,
    /// Why the input could not be read (with its location).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A checked report as read, before its format and organ kind are found
/// among the known keys.
#[derive(Deserialize)]
struct CheckedReportRead {
    source: String,
    status: Status,
    #[serde(default)]
    format: Option<String>,
    #[serde(default)]
    organ: Option<String>,
    #[serde(default)]
    organ_kind: Option<String>,
    #[serde(default)]
    year: Option<i32>,
    #[serde(default)]
    previous: Option<String>,
    #[serde(default)]
    counts: Option<Tally>,
    #[serde(default)]
    findings: Option<Vec<Finding>>,
    #[serde(default)]
    error: Option<String>,
}

// By hand: a derived impl would tie `'de` to the `'static` of `format`.
impl<'de> Deserialize<'de> for CheckedReport {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CheckedReport, D::Error> {
        let read = CheckedReportRead::deserialize(d)?;
        read.try_into().map_err(serde::de::Error::custom)
    }
}

impl TryFrom<CheckedReportRead> for CheckedReport {
    type Error = String;

    fn try_from(read: CheckedReportRead) -> Result<CheckedReport, String> {
        let format = match read.format {
            None => None,
            Some(key) => Some(
                crate::import::Format::ALL
                    .into_iter()
                    .map(crate::import::Format::key)
                    .find(|k| *k == key)
                    .ok_or_else(|| format!("未知的格式 {key}"))?,
            ),
        };
        let organ_kind = match read.organ_kind {
            None => None,
            Some(key) => {
                Some(crate::model::OrganKind::from_key(&key).ok_or_else(|| format!("未知的机关类型 {key}"))?.key())
            }
        };
        let CheckedReportRead { source, status, organ, year, previous, counts, findings, error, .. } = read;
        Ok(CheckedReport {
            source,
            status,
            format,
            organ,
            organ_kind,
            year,
            previous,
            previous_index: None,
            counts,
            findings,
            error,
        })
    }
}

impl CheckedReport {
    pub fn checked(source: impl Into<String>, format: &'static str, report: &Report, findings: Vec<Finding>) -> Self {
        CheckedReport {
            source: source.into(),
            status: Status::of(Tally::of(&findings)),
            format: Some(format),
            organ: Some(report.meta.organ.clone()),
            organ_kind: report.meta.organ_kind.map(|k| k.key()),
            year: report.meta.year,
            previous: None,
            previous_index: None,
            counts: Some(Tally::of(&findings)),
            findings: Some(findings),
            error: None,
        }
    }

    pub fn unreadable(source: impl Into<String>, error: impl ToString) -> Self {
        CheckedReport {
            source: source.into(),
            status: Status::Unreadable,
            format: None,
            organ: None,
            organ_kind: None,
            year: None,
            previous: None,
            previous_index: None,
            counts: None,
            findings: None,
            error: Some(error.to_string()),
        }
    }
}

/// The header of the column of cell addresses in the findings exports: for
/// programs, so last, after everything a person reads.
pub const ADDRESS_COLUMN: &str = "单元格地址（程序用）";

/// One column a finding contributes to a findings table: the one finding →
/// row conversion behind every export (the CSV of one report, the workbook's
/// 检查结果 sheet, the batch review's CSV and workbook). Each export only
/// chooses its order and adds its own columns (file, organ, review mark).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingColumn {
    Rule,
    Severity,
    Message,
    Place,
    Expected,
    Actual,
    /// The cell addresses, for programs.
    Addresses,
}

impl FindingColumn {
    /// The column's header, in Chinese.
    pub fn header(self) -> &'static str {
        match self {
            FindingColumn::Rule => "规则",
            FindingColumn::Severity => "级别",
            FindingColumn::Message => "说明",
            FindingColumn::Place => "位置",
            FindingColumn::Expected => "应为",
            FindingColumn::Actual => "实际",
            FindingColumn::Addresses => ADDRESS_COLUMN,
        }
    }

    /// The finding's text in this column, unescaped (each writer escapes for
    /// its format); the cell addresses are joined by `separator` (a space in
    /// CSV, a line break inside a spreadsheet cell).
    pub fn text(self, finding: &Finding, separator: &str) -> String {
        match self {
            FindingColumn::Rule => finding.rule.to_string(),
            FindingColumn::Severity => finding.severity.label().to_string(),
            FindingColumn::Message => finding.message.clone(),
            FindingColumn::Place => place(finding),
            FindingColumn::Expected => finding.expected.clone().unwrap_or_default(),
            FindingColumn::Actual => finding.actual.clone().unwrap_or_default(),
            FindingColumn::Addresses => finding.addresses().collect::<Vec<_>>().join(separator),
        }
    }
}

/// Where a finding points, in Chinese, for people who do not read cell
/// addresses: its first cell (`表三「…」行「…」列`), the section's heading,
/// or the `meta` field.
pub fn place(finding: &Finding) -> String {
    match finding.first() {
        None => String::new(),
        Some(Location::Cell(id)) => {
            let cells = finding.cells.iter().filter(|l| l.cell().is_some()).count();
            if cells > 1 {
                format!("{} 等 {cells} 格", id.label())
            } else {
                id.label().to_string()
            }
        }
        Some(Location::Section(key)) => key.label().to_string(),
        Some(Location::Meta(field)) => field.label().to_string(),
        Some(location @ Location::Paragraph(_)) => place_of(location),
    }
}

/// A location of a Word draft in words: `第 12 段`; others by address.
pub fn place_of(location: Location) -> String {
    match location {
        Location::Paragraph(n) => format!("第 {n} 段"),
        other => other.address().into_owned(),
    }
}

/// Where a finding points, for the page: the part of the report it
/// belongs to (to group findings) and the first cell's name.
#[derive(Debug, Serialize)]
pub struct Placement {
    /// `active`, `requests`, `review_litigation`, `sections` or `meta`;
    /// `typesetting` for the 版式 of a Word draft (F family), which the
    /// page lists apart from what the report says.
    pub group: &'static str,
    /// The Chinese name of the first cell, e.g. `表四「…」行「…」列`.
    pub label: String,
}

pub fn placement(finding: &Finding) -> Placement {
    if finding.rule.is_typesetting() {
        return Placement { group: "typesetting", label: place(finding) };
    }
    match finding.first() {
        Some(Location::Cell(id)) => Placement { group: id.table().key(), label: id.label().to_string() },
        Some(Location::Section(_)) => Placement { group: "sections", label: String::new() },
        Some(Location::Meta(_) | Location::Paragraph(_)) | None => Placement { group: "meta", label: String::new() },
    }
}

/// The findings as CSV (rule, severity, place, expected, actual, message,
/// then the cell addresses for programs), with a BOM so Excel opens it as
/// UTF-8; text is formula-safe.
pub fn findings_csv(source: &str, findings: &[Finding]) -> String {
    findings_csv_of([(source, findings)])
}

/// [`findings_csv`] of several files' findings, in one table.
pub fn findings_csv_of<'a>(files: impl IntoIterator<Item = (&'a str, &'a [Finding])>) -> String {
    use crate::formats::csv::{escape_text, write_rows};
    use FindingColumn::*;
    const COLUMNS: [FindingColumn; 7] = [Rule, Severity, Place, Expected, Actual, Message, Addresses];
    let header: Vec<&str> = std::iter::once("文件").chain(COLUMNS.map(FindingColumn::header)).collect();
    let rows = files.into_iter().flat_map(|(source, findings)| {
        findings
            .iter()
            .map(move |f| std::iter::once(escape_text(source)).chain(COLUMNS.map(|c| escape_text(&c.text(f, " ")))))
    });
    write_rows(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn at(address: &str) -> Location {
        Location::from_address(address).unwrap()
    }

    #[test]
    fn checked_reports_read_back_as_written() {
        let report = crate::batch::synthetic::report(2026, 7, 2025);
        let mut findings = crate::check(&report, &Default::default());
        findings.push(
            Finding::new(crate::finding::RuleCode::R9, Severity::Warning, "表四与某局相同")
                .cells([at("review_litigation.review.total")]),
        );
        let checked = CheckedReport::checked("a.json", "json", &report, findings);
        let json = serde_json::to_string(&checked).unwrap();
        let back: CheckedReport = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
        let unreadable = CheckedReport::unreadable("b.txt", crate::ImportError::new("不是年度报告"));
        let json = serde_json::to_string(&unreadable).unwrap();
        assert_eq!(serde_json::to_string(&serde_json::from_str::<CheckedReport>(&json).unwrap()).unwrap(), json);
        // Only the catalogue's codes, formats and kinds are read back.
        let fake = r#"{"source":"a","status":"errors","findings":[{"rule":"Z9","severity":"error","message":"m"}]}"#;
        assert!(serde_json::from_str::<CheckedReport>(fake).is_err());
        assert!(serde_json::from_str::<CheckedReport>(r#"{"source":"a","status":"passed","format":"exe"}"#).is_err());
    }

    #[test]
    fn places_are_said_in_chinese() {
        let place_of = |cells: &[&str]| {
            place(&Finding::new(crate::RuleCode::X1, Severity::Info, "m").cells(cells.iter().map(|c| at(c))))
        };
        assert_eq!(place_of(&["review_litigation.review.total"]), "表四「行政复议」的「总计」");
        assert_eq!(place_of(&["sections.overview", "requests.new_received.total"]), "一、总体情况");
        assert_eq!(place_of(&["sections.preamble"]), "导语");
        assert_eq!(place_of(&["meta.year"]), "统计年度");
        assert_eq!(place_of(&[]), "");
        let csv = findings_csv(
            "a.json",
            &[Finding::new(crate::RuleCode::A4, Severity::Error, "m").cells([at("review_litigation.review.total")])],
        );
        assert!(csv.contains("A4,错误,表四「行政复议」的「总计」,,,m,review_litigation.review.total"), "{csv}");
        assert!(csv.starts_with("\u{feff}文件,规则,级别,位置,应为,实际,说明,单元格地址（程序用）"), "{csv}");
        let s5 = Finding::new(crate::RuleCode::S5, Severity::Error, "m")
            .cells(["requests.new_received.total", "requests.carried_over.total"].map(at));
        assert!(place(&s5).ends_with("等 2 格"), "{}", place(&s5));
    }
}
