//! Import errors: a clear Chinese message and where in the input it is.

/// An input that cannot be read as a report. Never a panic: every importer
/// returns this with a location the user can find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// What is wrong and what to do, in Chinese.
    pub message: String,
    /// Where: `第 3 行`, a JSON key path, a cell address, a page.
    pub location: Option<String>,
}

impl ImportError {
    pub fn new(message: impl Into<String>) -> ImportError {
        ImportError { message: message.into(), location: None }
    }

    pub fn at(location: impl Into<String>, message: impl Into<String>) -> ImportError {
        ImportError { message: message.into(), location: Some(location.into()) }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.location {
            Some(loc) => write!(f, "{loc}：{}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ImportError {}
