//! Findings: what the rules (and the importers) tell the user.

use serde::{Deserialize, Serialize};

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
}

impl RuleCode {
    /// Every code, in the order of the enum.
    pub const ALL: [RuleCode; 34] = [
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
    ];

    /// The code written as `text`, if it is one.
    pub fn from_text(text: &str) -> Option<RuleCode> {
        RuleCode::ALL.into_iter().find(|code| code.as_str() == text)
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
    /// The cells (DATA-MODEL addresses) or sections (`sections.overview`)
    /// the finding is about; the first is the one most likely to fix.
    pub cells: Vec<String>,
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

    pub fn cells<I, S>(mut self, cells: I) -> Finding
    where
        I: IntoIterator<Item = S>,
        S: ToString,
    {
        self.cells.extend(cells.into_iter().map(|c| c.to_string()));
        self
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
