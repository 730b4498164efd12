//! 整改通知: after the review, one notice per report whose findings the
//! reviewer confirmed — each problem in plain words (no rule codes), where
//! it is, what to correct, the reviewer's note — with the date by which the
//! unit must reply; and the list of which units were notified and why the
//! others were not (no confirmed finding, findings not yet reviewed, a file
//! that could not be read).
//!
//! Plain data: [`crate::render::notice_docx`] writes each notice as Word,
//! [`Notices::zip`] puts them all in one zip with the list.

use super::review::{mark_key, Mark};
use super::Checked;
use crate::finding::Finding;
use crate::model::Date;
pub use crate::summary::notice::{Notice, NoticeItem};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What the reviewer sets for every notice.
#[derive(Clone, Debug)]
pub struct NoticeOptions {
    /// The last day for the unit's reply (改正后的报告与整改情况).
    pub reply_by: Date,
    /// Who sends the notices (the reviewing office); empty leaves a line
    /// to fill in.
    pub issuer: String,
    /// The date written under the issuer; none leaves it to fill in.
    pub issued_on: Option<Date>,
}

/// How many days a unit has to reply when the reviewer sets no date.
pub const DEFAULT_REPLY_DAYS: i64 = 15;

/// A row of the list of notices: one per report of the batch.
#[derive(Clone, Debug, Serialize)]
pub struct Notified {
    pub unit: String,
    pub year: Option<i32>,
    pub source: String,
    pub confirmed: usize,
    pub dismissed: usize,
    /// Findings with no mark yet.
    pub unreviewed: usize,
    /// The notice's file name; none when no notice was made.
    pub file: Option<String>,
    /// Why not, or what to watch (未复核的问题没有写入通知).
    pub note: String,
}

/// The notices of a batch and the list.
#[derive(Clone, Debug, Serialize)]
pub struct Notices {
    pub notices: Vec<Notice>,
    pub list: Vec<Notified>,
}

/// The notices from a checked batch and the review marks
/// (`identities[i]` is report i's [`super::review::report_identity`]).
pub fn notices(
    checked: &Checked,
    identities: &[String],
    marks: &HashMap<String, Mark>,
    options: &NoticeOptions,
) -> Notices {
    let mut out = Notices { notices: Vec::new(), list: Vec::new() };
    let mut files = HashSet::new();
    for (i, report) in checked.reports.iter().enumerate() {
        let unit = report
            .organ
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map_or_else(|| report.source.clone(), str::to_string);
        let mut row = Notified {
            unit: unit.clone(),
            year: report.year,
            source: report.source.clone(),
            confirmed: 0,
            dismissed: 0,
            unreviewed: 0,
            file: None,
            note: String::new(),
        };
        let Some(findings) = &report.findings else {
            row.note = "文件无法读取，未发通知（请先让该单位重新报送）".to_string();
            out.list.push(row);
            continue;
        };
        let identity = identities.get(i).map(String::as_str).unwrap_or_default();
        let mut items = Vec::new();
        for f in findings {
            let mark = marks.get(&mark_key(identity, f));
            match mark.map(|m| m.status.as_str()) {
                Some("confirmed") => {
                    row.confirmed += 1;
                    items.push(item(f, mark.map_or("", |m| m.note.trim())));
                }
                Some("dismissed") => row.dismissed += 1,
                _ => row.unreviewed += 1,
            }
        }
        let unreviewed = if row.unreviewed > 0 {
            format!("；另有 {} 条问题未复核，未写入通知", row.unreviewed)
        } else {
            String::new()
        };
        if items.is_empty() {
            row.note = if findings.is_empty() {
                "未发现问题，无需通知".to_string()
            } else {
                format!("没有已确认的问题，未发通知{unreviewed}")
            };
            out.list.push(row);
            continue;
        }
        let file = unique_file_name(&unit, report.year, &mut files);
        row.note = format!("已生成整改通知（{} 条）{unreviewed}", items.len());
        row.file = Some(file.clone());
        out.list.push(row);
        out.notices.push(Notice {
            unit,
            year: report.year,
            source: report.source.clone(),
            file,
            items,
            reply_by: options.reply_by.chinese(),
            issuer: options.issuer.trim().to_string(),
            issued_on: options.issued_on.map(Date::chinese),
        });
    }
    out
}

fn item(f: &Finding, note: &str) -> NoticeItem {
    let place = crate::output::place(f);
    let mut correction = f.message.trim().to_string();
    match (&f.expected, &f.actual) {
        (Some(e), Some(a)) => correction += &format!("（应为 {e}，现为 {a}）"),
        (Some(e), None) => correction += &format!("（应为 {e}）"),
        _ => {}
    }
    NoticeItem {
        severity: f.severity,
        what: crate::rules::rule(f.rule.as_str()).map_or_else(|| f.message.clone(), |r| r.title.to_string()),
        place: if place.is_empty() { "全文".to_string() } else { place },
        correction,
        note: note.to_string(),
    }
}

/// At most this many characters of a unit's name in a file name.
const NAME_CHARS: usize = 60;

/// `某某局-2025年度-整改通知.docx`: characters no file system takes (and
/// control characters, path separators, leading dots) replaced, the name
/// cut to [`NAME_CHARS`], a number added when two units' names meet.
fn unique_file_name(unit: &str, year: Option<i32>, taken: &mut HashSet<String>) -> String {
    let mut safe: String = unit
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .filter(|c| !matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .take(NAME_CHARS)
        .collect();
    safe = safe.trim().trim_start_matches('.').trim().to_string();
    if safe.is_empty() {
        safe = "未写明机关".to_string();
    }
    let year = year.map(|y| format!("-{y}年度")).unwrap_or_default();
    let mut name = format!("{safe}{year}-整改通知.docx");
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{safe}{year}-整改通知（{n}）.docx");
        n += 1;
    }
    name
}

/// The list's file name in the zip.
#[cfg(feature = "office")]
const LIST_FILE: &str = "整改通知清单.csv";
/// The same list as an Excel workbook, beside the CSV (offices keep such
/// lists in Excel; the CSV stays for other tools).
#[cfg(feature = "office")]
const LIST_XLSX_FILE: &str = "整改通知清单.xlsx";

/// The list's columns: header, width in Excel.
#[cfg(feature = "office")]
const LIST_COLUMNS: [(&str, f64); 9] = [
    ("单位", 26.0),
    ("年度", 8.0),
    ("文件", 28.0),
    ("已确认", 8.0),
    ("不采纳", 8.0),
    ("未复核", 8.0),
    ("是否发通知", 10.0),
    ("通知文件", 34.0),
    ("说明", 44.0),
];

impl Notices {
    /// The list as CSV (formula-safe, with a BOM): which units were
    /// notified, with how many confirmed problems, and why the others not.
    #[cfg(feature = "office")]
    fn list_csv(&self) -> String {
        use crate::formats::csv::{escape_text, write_rows};
        let header = LIST_COLUMNS.map(|(h, _)| h);
        let rows: Vec<[String; 9]> = self
            .list
            .iter()
            .map(|r| {
                [
                    escape_text(&r.unit),
                    r.year.map(|y| y.to_string()).unwrap_or_default(),
                    escape_text(&r.source),
                    r.confirmed.to_string(),
                    r.dismissed.to_string(),
                    r.unreviewed.to_string(),
                    if r.file.is_some() { "是" } else { "否" }.to_string(),
                    escape_text(r.file.as_deref().unwrap_or_default()),
                    escape_text(&r.note),
                ]
            })
            .collect();
        write_rows(&header, rows.iter().map(|r| r.each_ref().map(String::as_str)))
    }

    /// The list as an Excel workbook: the same columns as the CSV, numbers
    /// as numbers, text as text (never a formula).
    #[cfg(feature = "office")]
    fn list_xlsx(&self) -> Vec<u8> {
        use crate::office::xlsx::{write_workbook, Content, Sheet, Style};
        let text = |s: &str| if s.is_empty() { Content::Empty } else { Content::Text(s.to_string()) };
        let number = |n: usize| Content::Number(n.to_string());
        let mut sheet = Sheet::new("整改通知清单");
        for (c, (header, width)) in LIST_COLUMNS.iter().enumerate() {
            sheet.text(0, c as u32, header, Style::Header);
            sheet.width(c as u32, *width);
        }
        for (i, r) in self.list.iter().enumerate() {
            let row = 1 + i as u32;
            let cells = [
                (text(&r.unit), Style::Label),
                (r.year.map_or(Content::Empty, |y| Content::Number(y.to_string())), Style::Value),
                (text(&r.source), Style::Label),
                (number(r.confirmed), Style::Value),
                (number(r.dismissed), Style::Value),
                (number(r.unreviewed), Style::Value),
                (text(if r.file.is_some() { "是" } else { "否" }), Style::Label),
                (text(r.file.as_deref().unwrap_or_default()), Style::Label),
                (text(&r.note), Style::Prose),
            ];
            for (c, (content, style)) in cells.into_iter().enumerate() {
                sheet.set(row, c as u32, content, style);
            }
        }
        write_workbook(&[sheet])
    }

    /// Every notice as Word, and the list (CSV and Excel), in one zip.
    #[cfg(feature = "office")]
    pub fn zip(&self) -> Vec<u8> {
        let mut parts: Vec<(&str, Vec<u8>)> =
            self.notices.iter().map(|n| (n.file.as_str(), crate::render::notice_docx::to_docx(n))).collect();
        parts.push((LIST_FILE, self.list_csv().into_bytes()));
        parts.push((LIST_XLSX_FILE, self.list_xlsx()));
        crate::office::zip_write(&parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_across_months_and_leap_years() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        assert_eq!(d(2026, 12, 20).plus_days(15), Some(d(2027, 1, 4)));
        assert_eq!(d(2028, 2, 20).plus_days(15), Some(d(2028, 3, 6)));
        assert_eq!(d(2027, 2, 20).plus_days(15), Some(d(2027, 3, 7)));
        assert_eq!(Date::from_unix_days(0), Some(d(1970, 1, 1)));
        assert_eq!(d(2200, 12, 31).plus_days(1), None, "beyond the dates a report may carry");
    }

    #[test]
    fn file_names_are_safe_and_never_meet() {
        let mut taken = HashSet::new();
        assert_eq!(unique_file_name("某某局", Some(2025), &mut taken), "某某局-2025年度-整改通知.docx");
        assert_eq!(unique_file_name("某某局", Some(2025), &mut taken), "某某局-2025年度-整改通知（2）.docx");
        assert_eq!(unique_file_name("../a/b:c\u{202e}", None, &mut taken), "_a_b_c-整改通知.docx");
        assert_eq!(unique_file_name(" . ", None, &mut taken), "未写明机关-整改通知.docx");
        let long = "很".repeat(200);
        assert!(unique_file_name(&long, None, &mut taken).chars().count() < 80);
    }
}
