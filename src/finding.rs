//! Findings: what the rules (and the importers) tell the user.

use serde::Serialize;

/// How serious a finding is (FORMAT.md §8: E / W / I).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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

/// One problem found in a report. The same shape everywhere: CLI `--json`,
/// the page, the exports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The stable rule code, e.g. `A4`.
    pub rule: &'static str,
    pub severity: Severity,
    /// What is wrong and how to fix it, in Chinese.
    pub message: String,
    /// The cells (DATA-MODEL addresses) or sections (`sections.overview`)
    /// the finding is about; the first is the one most likely to fix.
    pub cells: Vec<String>,
    /// The value the format implies, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The value found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>) -> Finding {
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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
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
