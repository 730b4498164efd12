//! PDF with a text layer.

use super::Imported;
use crate::error::ImportError;

/// Reads a PDF report.
pub fn import(_bytes: &[u8]) -> Result<Imported, ImportError> {
    Err(ImportError::new("暂不支持读取 PDF"))
}
