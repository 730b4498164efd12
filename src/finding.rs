//! Findings: what the rules (and the importers) tell the user.

use crate::layout::CellId;
use crate::model::{MetaField, SectionKey};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// How serious a finding is (FORMAT.md §8: E / W / I).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// 错误 / 警告 / 提示.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    /// ✖ / ⚠ / ℹ: the mark beside the label, in the CLI's text and on the page.
    pub fn icon(self) -> &'static str {
        match self {
            Severity::Error => "✖",
            Severity::Warning => "⚠",
            Severity::Info => "ℹ",
        }
    }
}

/// The stable code of a rule (`A4`): what users, exports and the tests name
/// a rule by. A code is never reused: S4 is retired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleCode {
    S1,
    S2,
    S3,
    S5,
    S6,
    S7,
    S8,
    D1,
    D2,
    A1,
    A2,
    A3,
    A4,
    X1,
    X2,
    X3,
    X4,
    X5,
    X6,
    X7,
    X8,
    X9,
    X10,
    X11,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    R9,
    R10,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
}

impl RuleCode {
    /// Every code, in the order of the enum.
    pub const ALL: [RuleCode; 43] = [
        RuleCode::S1,
        RuleCode::S2,
        RuleCode::S3,
        RuleCode::S5,
        RuleCode::S6,
        RuleCode::S7,
        RuleCode::S8,
        RuleCode::D1,
        RuleCode::D2,
        RuleCode::A1,
        RuleCode::A2,
        RuleCode::A3,
        RuleCode::A4,
        RuleCode::X1,
        RuleCode::X2,
        RuleCode::X3,
        RuleCode::X4,
        RuleCode::X5,
        RuleCode::X6,
        RuleCode::X7,
        RuleCode::X8,
        RuleCode::X9,
        RuleCode::X10,
        RuleCode::X11,
        RuleCode::R1,
        RuleCode::R2,
        RuleCode::R3,
        RuleCode::R4,
        RuleCode::R5,
        RuleCode::R6,
        RuleCode::R7,
        RuleCode::R8,
        RuleCode::R9,
        RuleCode::R10,
        RuleCode::F1,
        RuleCode::F2,
        RuleCode::F3,
        RuleCode::F4,
        RuleCode::F5,
        RuleCode::F6,
        RuleCode::F7,
        RuleCode::F8,
        RuleCode::F9,
    ];

    /// The code written as `text`, if it is one.
    pub fn from_text(text: &str) -> Option<RuleCode> {
        RuleCode::ALL.into_iter().find(|code| code.as_str() == text)
    }

    /// Whether the rule judges the 版式 of a Word draft (the F family):
    /// how the document looks, not what it says; the page and the CLI list
    /// these apart from the content findings.
    pub const fn is_typesetting(self) -> bool {
        matches!(
            self,
            RuleCode::F1
                | RuleCode::F2
                | RuleCode::F3
                | RuleCode::F4
                | RuleCode::F5
                | RuleCode::F6
                | RuleCode::F7
                | RuleCode::F8
                | RuleCode::F9
        )
    }

    /// The code as written: `A4`.
    pub const fn as_str(self) -> &'static str {
        match self {
            RuleCode::S1 => "S1",
            RuleCode::S2 => "S2",
            RuleCode::S3 => "S3",
            RuleCode::S5 => "S5",
            RuleCode::S6 => "S6",
            RuleCode::S7 => "S7",
            RuleCode::S8 => "S8",
            RuleCode::D1 => "D1",
            RuleCode::D2 => "D2",
            RuleCode::A1 => "A1",
            RuleCode::A2 => "A2",
            RuleCode::A3 => "A3",
            RuleCode::A4 => "A4",
            RuleCode::X1 => "X1",
            RuleCode::X2 => "X2",
            RuleCode::X3 => "X3",
            RuleCode::X4 => "X4",
            RuleCode::X5 => "X5",
            RuleCode::X6 => "X6",
            RuleCode::X7 => "X7",
            RuleCode::X8 => "X8",
            RuleCode::X9 => "X9",
            RuleCode::X10 => "X10",
            RuleCode::X11 => "X11",
            RuleCode::R1 => "R1",
            RuleCode::R2 => "R2",
            RuleCode::R3 => "R3",
            RuleCode::R4 => "R4",
            RuleCode::R5 => "R5",
            RuleCode::R6 => "R6",
            RuleCode::R7 => "R7",
            RuleCode::R8 => "R8",
            RuleCode::R9 => "R9",
            RuleCode::R10 => "R10",
            RuleCode::F1 => "F1",
            RuleCode::F2 => "F2",
            RuleCode::F3 => "F3",
            RuleCode::F4 => "F4",
            RuleCode::F5 => "F5",
            RuleCode::F6 => "F6",
            RuleCode::F7 => "F7",
            RuleCode::F8 => "F8",
            RuleCode::F9 => "F9",
        }
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Codes sort as their text (`X10` before `X2`), as they always have in
/// lists and exports.
impl Ord for RuleCode {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for RuleCode {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<&str> for RuleCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<RuleCode> for &str {
    fn eq(&self, other: &RuleCode) -> bool {
        *self == other.as_str()
    }
}

/// Written as its text in JSON: `"rule": "A4"`.
impl Serialize for RuleCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Read back from its text (a finding handed from the page's Web Workers
/// to the page's instance): only a code of the catalogue.
impl<'de> Deserialize<'de> for RuleCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<RuleCode, D::Error> {
        let text = String::deserialize(deserializer)?;
        RuleCode::from_text(&text).ok_or_else(|| serde::de::Error::custom(format!("未知的规则 {text}")))
    }
}

/// Where a finding points: a value cell of the tables, a part of the prose,
/// a field of `meta`, or a paragraph of the Word draft it was read from.
/// Written as its DATA-MODEL address (`requests.new_received.total`,
/// `sections.overview`, `meta.year`, `document.paragraph.12`) only at the
/// edges (JSON, the page, the exports); inside, code matches on it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Location {
    Cell(CellId),
    Section(SectionKey),
    Meta(MetaField),
    /// The n-th paragraph (from 1) of a Word draft that has text, tables'
    /// paragraphs included: where a 版式 finding (F family) is. Only the
    /// source document has it, not the report read from it.
    Paragraph(u32),
}

/// The address prefix of [`Location::Paragraph`].
const PARAGRAPH_PREFIX: &str = "document.paragraph.";

impl Location {
    /// The DATA-MODEL address: `review_litigation.review.total`.
    pub fn address(self) -> Cow<'static, str> {
        match self {
            Location::Cell(id) => Cow::Borrowed(id.address()),
            Location::Section(key) => Cow::Borrowed(key.address()),
            Location::Meta(field) => Cow::Borrowed(field.address()),
            Location::Paragraph(n) => Cow::Owned(format!("{PARAGRAPH_PREFIX}{n}")),
        }
    }

    /// The location at a DATA-MODEL address, if it is one a finding can name.
    pub fn from_address(address: &str) -> Option<Location> {
        if let Some(n) = address.strip_prefix(PARAGRAPH_PREFIX) {
            // Only as written: `12`, not `012` or `+12`.
            return n.parse::<u32>().ok().filter(|v| *v > 0 && v.to_string() == n).map(Location::Paragraph);
        }
        if let Some(key) = SectionKey::from_address(address) {
            return Some(Location::Section(key));
        }
        if let Some(field) = MetaField::from_address(address) {
            return Some(Location::Meta(field));
        }
        CellId::from_address(address).map(Location::Cell)
    }

    /// The cell, when the location is one.
    pub fn cell(self) -> Option<CellId> {
        match self {
            Location::Cell(id) => Some(id),
            _ => None,
        }
    }

    /// Its place in the report's order, to sort by: meta first, then the
    /// parts and the cells as the document reads (a note just before its
    /// table's first cell).
    pub fn report_order(self) -> usize {
        let cell_order = |id: CellId| 11 + 2 * id.index();
        match self {
            Location::Meta(_) => 1,
            Location::Section(SectionKey::Preamble) => 2,
            Location::Section(SectionKey::Overview) => 3,
            Location::Cell(id) => cell_order(id),
            Location::Section(SectionKey::Problems) => 10_000,
            Location::Section(SectionKey::Other) => 10_001,
            Location::Paragraph(n) => 20_000 + n as usize,
            Location::Section(note) => {
                note.table().and_then(|t| t.cells().next()).map_or(10_002, |first| cell_order(first) - 1)
            }
        }
    }

    /// The part of the prose, when the location is one.
    pub fn section(self) -> Option<SectionKey> {
        match self {
            Location::Section(key) => Some(key),
            _ => None,
        }
    }
}

impl From<CellId> for Location {
    fn from(id: CellId) -> Location {
        Location::Cell(id)
    }
}

impl From<SectionKey> for Location {
    fn from(key: SectionKey) -> Location {
        Location::Section(key)
    }
}

impl From<MetaField> for Location {
    fn from(field: MetaField) -> Location {
        Location::Meta(field)
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.address())
    }
}

/// As its address, quoted: test failures read as the JSON does.
impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.address(), f)
    }
}

impl PartialEq<str> for Location {
    fn eq(&self, other: &str) -> bool {
        self.address() == other
    }
}

impl PartialEq<&str> for Location {
    fn eq(&self, other: &&str) -> bool {
        self.address() == *other
    }
}

impl PartialEq<String> for Location {
    fn eq(&self, other: &String) -> bool {
        self.address() == other.as_str()
    }
}

/// Written as its address in JSON: `"cells": ["sections.overview"]`.
impl Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.address())
    }
}

/// Read back from its address (a finding handed from the page's Web
/// Workers to the page's instance): only an address a finding can name.
impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let text = String::deserialize(deserializer)?;
        Location::from_address(&text).ok_or_else(|| serde::de::Error::custom(format!("未知的位置 {text}")))
    }
}

/// One problem found in a report. The same shape everywhere: CLI `--json`,
/// the page, the exports. Read back where the page's Web Workers hand
/// their results to the page's own instance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable rule code, e.g. `A4`.
    pub rule: RuleCode,
    pub severity: Severity,
    /// What is wrong and how to fix it, in Chinese.
    pub message: String,
    /// The cells, sections or `meta` fields the finding is about; the
    /// first is the one most likely to fix. (`cells` for its JSON name.)
    pub cells: Vec<Location>,
    /// The value the format implies, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The value found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
}

impl Finding {
    pub fn new(rule: RuleCode, severity: Severity, message: impl Into<String>) -> Finding {
        Finding { rule, severity, message: message.into(), cells: Vec::new(), expected: None, actual: None }
    }

    /// Adds the locations the finding is about, the one to fix first.
    pub fn cells<I>(mut self, cells: I) -> Finding
    where
        I: IntoIterator,
        I::Item: Into<Location>,
    {
        self.cells.extend(cells.into_iter().map(Into::into));
        self
    }

    /// The first location: the one most likely to fix.
    pub fn first(&self) -> Option<Location> {
        self.cells.first().copied()
    }

    /// The DATA-MODEL addresses of its locations, for the text outputs.
    pub fn addresses(&self) -> impl Iterator<Item = Cow<'static, str>> + '_ {
        self.cells.iter().map(|l| l.address())
    }

    pub fn expected(mut self, value: impl ToString) -> Finding {
        self.expected = Some(value.to_string());
        self
    }

    pub fn actual(mut self, value: impl ToString) -> Finding {
        self.actual = Some(value.to_string());
        self
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

impl Tally {
    pub fn of(findings: &[Finding]) -> Tally {
        let mut t = Tally::default();
        for f in findings {
            match f.severity {
                Severity::Error => t.error += 1,
                Severity::Warning => t.warning += 1,
                Severity::Info => t.info += 1,
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every location a finding can name reads back from its address, and
    /// is written as that address in JSON.
    #[test]
    fn locations_round_trip_through_their_addresses() {
        let every = crate::layout::all_cells()
            .map(Location::Cell)
            .chain(SectionKey::ALL.map(Location::Section))
            .chain(MetaField::ALL.map(Location::Meta))
            .chain([1, 12, u32::MAX].map(Location::Paragraph));
        for location in every {
            assert_eq!(Location::from_address(&location.address()), Some(location));
            let json = serde_json::to_string(&location).unwrap();
            assert_eq!(json, format!("\"{}\"", location.address()));
            assert_eq!(serde_json::from_str::<Location>(&json).unwrap(), location);
        }
        assert_eq!(Location::from_address("sections.overview"), Some(Location::Section(SectionKey::Overview)));
        assert_eq!(Location::from_address("meta.year"), Some(Location::Meta(MetaField::Year)));
        // A group of cells, a table, or nothing known is not a location.
        assert_eq!(Location::from_address("document.paragraph.12"), Some(Location::Paragraph(12)));
        for address in [
            "requests.results.withheld",
            "requests",
            "sections.",
            "meta",
            "",
            "document.paragraph.0",
            "document.paragraph.012",
            "document.paragraph.+1",
            "document.paragraph.",
        ] {
            assert_eq!(Location::from_address(address), None, "{address}");
        }
        assert!(serde_json::from_str::<Location>("\"requests\"").is_err());
    }

    /// Locations sort as a reader meets them: meta, 导语, 一, then each
    /// table's note and cells, then 五 and 六.
    #[test]
    fn locations_sort_in_the_report_order() {
        use crate::layout::TableId;
        let first = |t: TableId| Location::Cell(t.cells().next().unwrap());
        let last = |t: TableId| Location::Cell(t.cells().last().unwrap());
        let order = [
            Location::Meta(MetaField::Year),
            Location::Section(SectionKey::Preamble),
            Location::Section(SectionKey::Overview),
            Location::Section(SectionKey::ActiveNote),
            first(TableId::Active),
            last(TableId::Active),
            Location::Section(SectionKey::RequestsNote),
            first(TableId::Requests),
            last(TableId::Requests),
            Location::Section(SectionKey::ReviewNote),
            first(TableId::ReviewLitigation),
            last(TableId::ReviewLitigation),
            Location::Section(SectionKey::Problems),
            Location::Section(SectionKey::Other),
        ];
        let keys: Vec<usize> = order.iter().map(|l| l.report_order()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{order:?}: {keys:?}");
    }
}
