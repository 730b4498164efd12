//! The review workflow: a reviewer marks each finding of a batch as
//! confirmed or dismissed, with a note; the marks go into the exports so a
//! list of problems can be sent back to each unit.

use super::Checked;
use crate::finding::Finding;
use crate::formats::csv::{escape_text, write_rows};
use crate::output::FindingColumn;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A reviewer's decision on one finding.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// `confirmed`, `dismissed`, or empty (not reviewed yet).
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub note: String,
}

impl Mark {
    pub fn label(&self) -> &'static str {
        match self.status.as_str() {
            "confirmed" => "确认",
            "dismissed" => "不采纳",
            _ => "未复核",
        }
    }
}

/// Which report a mark belongs to: a hash of the file's content, its organ
/// and its year, never its name (two units both hand in `年报.json`, and a
/// corrected file keeps its name). Marks are kept under this, so they follow
/// the report, not the file name.
pub fn report_identity(bytes: &[u8], organ: Option<&str>, year: Option<i32>) -> String {
    identity_of(fnv1a(FNV_OFFSET, bytes), organ, year)
}

/// [`report_identity`] of a file whose [`content_hashes`] is `hash`.
pub fn identity_of(hash: u64, organ: Option<&str>, year: Option<i32>) -> String {
    format!("{hash:016x}|{}|{}", organ.unwrap_or_default(), year.map(|y| y.to_string()).unwrap_or_default())
}

// FNV-1a, 64 bits: stable across versions and platforms (the page keeps the
// keys), enough to tell a batch's files apart.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| fnv1a_step(h, b))
}

#[inline(always)]
fn fnv1a_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
}

/// The content hash of [`report_identity`] of each file, eight files of
/// about the same length at a time: FNV-1a waits for each byte's
/// multiplication before the next, and eight files' hashes side by side
/// keep the processor busy meanwhile (a share's hashes one file after the
/// other were a tenth of the batch page's check).
pub fn content_hashes(files: &[&[u8]]) -> Vec<u64> {
    const LANES: usize = 8;
    let mut hashes = vec![0; files.len()];
    // By length: the bytes past the group's shortest file are hashed one
    // file at a time.
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&i| files[i].len());
    for group in order.chunks(LANES) {
        let mut h = [FNV_OFFSET; LANES];
        let mut done = 0;
        if let Ok(group) = <&[usize; LANES]>::try_from(group) {
            done = files[group[0]].len();
            let lanes = group.map(|i| &files[i][..done]);
            for i in 0..done {
                for (hash, lane) in h.iter_mut().zip(lanes) {
                    *hash = fnv1a_step(*hash, lane[i]);
                }
            }
        }
        for (&i, hash) in group.iter().zip(h) {
            hashes[i] = fnv1a(hash, &files[i][done..]);
        }
    }
    hashes
}

/// The key of a finding's mark: the report's [`report_identity`], the rule
/// and the first cell; stable across re-checks of the same report.
pub fn mark_key(identity: &str, finding: &Finding) -> String {
    format!("{identity}|{}|{}", finding.rule, finding.first().map(|l| l.address()).unwrap_or_default())
}

/// Every finding of the batch, one row each, with the reviewer's mark
/// (`identities[i]` is report i's [`report_identity`]):
/// (source, organ, year, finding, mark).
pub fn rows<'a>(
    checked: &'a Checked,
    identities: &'a [String],
    marks: &'a HashMap<String, Mark>,
) -> impl Iterator<Item = (&'a str, &'a str, Option<i32>, &'a Finding, Mark)> + 'a {
    checked.reports.iter().enumerate().flat_map(move |(i, r)| {
        let identity = identities.get(i).map(String::as_str).unwrap_or_default();
        r.findings.iter().flatten().map(move |f| {
            let mark = marks.get(&mark_key(identity, f)).cloned().unwrap_or_default();
            (r.source.as_str(), r.organ.as_deref().unwrap_or_default(), r.year, f, mark)
        })
    })
}

/// The columns a finding contributes to the review exports, after the file,
/// organ and year and before the reviewer's mark and note.
const REVIEW_COLUMNS: [FindingColumn; 6] = {
    use FindingColumn::*;
    [Rule, Severity, Message, Place, Expected, Actual]
};

/// The review exports' header: file, organ, year, the finding, the mark, the
/// cell addresses.
fn review_header() -> Vec<&'static str> {
    ["文件", "机关", "年度"]
        .into_iter()
        .chain(REVIEW_COLUMNS.map(FindingColumn::header))
        .chain(["复核", "复核意见", FindingColumn::Addresses.header()])
        .collect()
}

/// All findings with their marks as CSV (formula-safe, with a BOM).
pub fn findings_csv(checked: &Checked, identities: &[String], marks: &HashMap<String, Mark>) -> String {
    let lines = rows(checked, identities, marks).map(|(source, organ, year, f, mark)| {
        [escape_text(source), escape_text(organ), year.map(|y| y.to_string()).unwrap_or_default()]
            .into_iter()
            .chain(REVIEW_COLUMNS.map(|c| escape_text(&c.text(f, " "))))
            .chain([mark.label().to_string(), escape_text(&mark.note), FindingColumn::Addresses.text(f, " ")])
    });
    write_rows(&review_header(), lines)
}

/// The summary table and all findings with their marks as an Excel workbook.
#[cfg(feature = "office")]
pub fn xlsx(checked: &Checked, identities: &[String], marks: &HashMap<String, Mark>) -> Vec<u8> {
    use crate::office::xlsx::{write_workbook, Content, Sheet, Style};
    let text = |s: &str| if s.is_empty() { Content::Empty } else { Content::Text(s.to_string()) };
    let mut summary = Sheet::new("汇总");
    let header = ["文件", "机关", "类型", "年度", "状态", "错误", "警告", "提示", "对比的上年报告", "无法读取的原因"];
    for (c, (h, w)) in header.iter().zip([28.0, 24.0, 10.0, 8.0, 10.0, 7.0, 7.0, 7.0, 28.0, 40.0]).enumerate() {
        summary.text(0, c as u32, h, Style::Header);
        summary.width(c as u32, w);
    }
    for (i, r) in checked.reports.iter().enumerate() {
        let row = 1 + i as u32;
        let kind = r.organ_kind.and_then(crate::model::OrganKind::from_key).map(|k| k.label()).unwrap_or_default();
        let counts = r.counts.map(|c| [c.error, c.warning, c.info]);
        summary.set(row, 0, text(&r.source), Style::Label);
        summary.set(row, 1, text(r.organ.as_deref().unwrap_or_default()), Style::Label);
        summary.set(row, 2, text(kind), Style::Label);
        summary.set(row, 3, r.year.map(|y| Content::Number(y.to_string())).unwrap_or(Content::Empty), Style::Value);
        summary.set(row, 4, text(r.status.label()), Style::Label);
        for (k, n) in counts.unwrap_or_default().iter().enumerate() {
            let content = if r.counts.is_some() { Content::Number(n.to_string()) } else { Content::Empty };
            summary.set(row, 5 + k as u32, content, Style::Value);
        }
        summary.set(row, 8, text(r.previous.as_deref().unwrap_or_default()), Style::Label);
        summary.set(row, 9, text(r.error.as_deref().unwrap_or_default()), Style::Prose);
    }
    let mut all = Sheet::new("问题清单");
    all.landscape = true;
    let header = review_header();
    let widths = [24.0, 20.0, 7.0, 6.0, 6.0, 60.0, 30.0, 10.0, 10.0, 8.0, 24.0, 30.0];
    for (c, (h, w)) in header.iter().zip(widths).enumerate() {
        all.text(0, c as u32, h, Style::Header);
        all.width(c as u32, w);
    }
    for (i, (source, organ, year, f, mark)) in rows(checked, identities, marks).enumerate() {
        let row = 1 + i as u32;
        let cells = [text(source), text(organ), year.map(|y| Content::Number(y.to_string())).unwrap_or(Content::Empty)]
            .into_iter()
            .chain(REVIEW_COLUMNS.map(|c| text(&c.text(f, "\n"))))
            .chain([text(mark.label()), text(&mark.note), text(&FindingColumn::Addresses.text(f, "\n"))]);
        for (c, content) in cells.into_iter().enumerate() {
            all.set(row, c as u32, content, Style::Prose);
        }
    }
    write_workbook(&[summary, all])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::tests::entry;

    #[test]
    fn marks_go_into_the_exports_and_text_stays_inert() {
        let entries = vec![entry("=a.json", "某某局", 2025, 0), entry("a-2024.json", "某某局", 2024, 3)];
        let checked = super::super::check(&entries, 50);
        let in_a_table = |f: &&crate::Finding| f.first().is_some_and(|c| c.cell().is_some());
        let first = checked.reports[0].findings.as_ref().unwrap().iter().find(in_a_table).unwrap().clone();
        let identities: Vec<String> =
            ["甲", "乙"].map(|content| report_identity(content.as_bytes(), Some("某某局"), Some(2025))).into();
        let mut marks = HashMap::new();
        marks.insert(mark_key(&identities[0], &first), Mark { status: "confirmed".into(), note: "+请改正".into() });
        let csv = findings_csv(&checked, &identities, &marks);
        assert!(csv.contains("'=a.json") && csv.contains("确认") && csv.contains("'+请改正"), "{csv}");
        // Where each finding is, in Chinese; the cell addresses only in the last column, for programs.
        assert!(csv.lines().next().unwrap().contains("说明,位置,应为"), "{csv}");
        assert!(csv.lines().next().unwrap().ends_with(crate::output::ADDRESS_COLUMN), "{csv}");
        assert!(csv.contains(&crate::output::place(&first)) && crate::output::place(&first).starts_with('表'), "{csv}");
        #[cfg(feature = "office")]
        {
            let bytes = xlsx(&checked, &identities, &marks);
            assert_eq!(&bytes[..2], b"PK");
            let back = crate::office::xlsx::read_workbook(&bytes).unwrap();
            assert_eq!(back.len(), 2);
        }
    }

    /// Issue 14 item 12: two units' `年报.json` never share a mark, and a
    /// mark follows its report whatever the file is called.
    #[test]
    fn marks_belong_to_a_report_not_to_a_file_name() {
        let entries = vec![entry("年报.json", "甲局", 2025, 0), entry("年报.json", "乙局", 2025, 0)];
        let checked = super::super::check(&entries, 50);
        let identities =
            vec![report_identity(b"{a}", Some("甲局"), Some(2025)), report_identity(b"{b}", Some("乙局"), Some(2025))];
        assert_ne!(identities[0], identities[1]);
        let first = checked.reports[0].findings.as_ref().unwrap()[0].clone();
        assert_eq!(first.rule, checked.reports[1].findings.as_ref().unwrap()[0].rule, "the same finding in both");
        let mut marks = HashMap::new();
        marks.insert(mark_key(&identities[0], &first), Mark { status: "dismissed".into(), note: "甲的意见".into() });
        let csv = findings_csv(&checked, &identities, &marks);
        assert_eq!(csv.matches("不采纳").count(), 1, "{csv}");
        assert_eq!(csv.matches("甲的意见").count(), 1, "{csv}");
        // The same content, organ and year is the same report, however named.
        assert_eq!(report_identity(b"x", Some("甲局"), Some(2025)), report_identity(b"x", Some("甲局"), Some(2025)));
        assert_ne!(report_identity(b"x", Some("甲局"), Some(2025)), report_identity(b"x", Some("甲局"), Some(2024)));
    }

    /// The hashes taken several files at a time are each file's own,
    /// whatever the lengths (the page keeps marks under them).
    #[test]
    fn content_hashes_are_each_files_hash() {
        // FNV-1a 64 of "a", as published.
        assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
        let texts: Vec<Vec<u8>> = (0..19).map(|n| (0..n * 7).map(|i| (i * 31 + n) as u8).collect()).collect();
        for count in 0..texts.len() {
            let files: Vec<&[u8]> = texts[..count].iter().rev().map(Vec::as_slice).collect();
            let each: Vec<u64> = files.iter().map(|f| fnv1a(FNV_OFFSET, f)).collect();
            assert_eq!(content_hashes(&files), each, "{count} files");
        }
        assert_eq!(
            identity_of(content_hashes(&[b"x"])[0], Some("甲局"), None),
            report_identity(b"x", Some("甲局"), None)
        );
    }
}
