//! The work one PDF may cost: bytes inflated, content operators run,
//! pages read, nesting of forms. A small file can ask for unbounded work
//! (a stream inflating to a gigabyte, a form drawing itself, a hundred
//! pages sharing one stream of 200 000 operators); every such request
//! stops at these limits with a Chinese reason instead of exhausting the
//! memory or the time of the machine (or of the browser tab). The limits
//! themselves are in [`crate::limits`].

use std::io::Read;

pub use crate::limits::{
    PDF_MAX_FORM_DEPTH as MAX_FORM_DEPTH, PDF_MAX_INFLATED_BYTES as MAX_INFLATED_BYTES,
    PDF_MAX_OPERATORS as MAX_OPERATORS, PDF_MAX_PAGES as MAX_PAGES, PDF_MAX_SAVED_STATES as MAX_SAVED_STATES,
};

/// Why reading stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    Inflated,
    Operators,
    Pages,
}

impl Exceeded {
    pub fn message(self) -> String {
        match self {
            Exceeded::Inflated => format!(
                "PDF 文件解压后的内容超过 {} MB 的处理上限（文件可能被构造成“压缩炸弹”），无法读取",
                MAX_INFLATED_BYTES / 1024 / 1024
            ),
            Exceeded::Operators => format!(
                "PDF 页面的绘制指令超过 {} 万条的处理上限（正常的年度报告远少于此），无法读取",
                MAX_OPERATORS / 10_000
            ),
            Exceeded::Pages => format!("PDF 超过 {MAX_PAGES} 页的处理上限，无法读取"),
        }
    }
}

/// What is left of the file's budget.
#[derive(Debug)]
pub struct Budget {
    inflated: u64,
    operators: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget { inflated: MAX_INFLATED_BYTES, operators: MAX_OPERATORS }
    }
}

impl Budget {
    /// One more operator.
    pub fn operator(&mut self) -> Result<(), Exceeded> {
        self.operators = self.operators.checked_sub(1).ok_or(Exceeded::Operators)?;
        Ok(())
    }

    /// Reads `reader` to its end (or to its first error: what came
    /// before is kept, as readers do with a corrupt tail), charging the
    /// bytes to the budget.
    fn read_all(&mut self, mut reader: impl Read) -> Result<Vec<u8>, Exceeded> {
        let mut out = Vec::new();
        let mut chunk = [0u8; 32 * 1024];
        loop {
            match reader.read(&mut chunk) {
                Ok(0) | Err(_) => return Ok(out),
                Ok(n) => {
                    self.charge(n)?;
                    out.extend_from_slice(&chunk[..n]);
                }
            }
        }
    }

    /// Charges bytes decoded without a reader.
    pub fn charge(&mut self, n: usize) -> Result<(), Exceeded> {
        self.inflated = self.inflated.checked_sub(n as u64).ok_or(Exceeded::Inflated)?;
        Ok(())
    }
}

/// Inflates a zlib (or raw deflate) buffer under the budget.
pub fn inflate(data: &[u8], budget: &mut Budget) -> Result<Vec<u8>, Exceeded> {
    let out = budget.read_all(flate2::read::ZlibDecoder::new(data))?;
    if out.is_empty() {
        return budget.read_all(flate2::read::DeflateDecoder::new(data));
    }
    Ok(out)
}

/// Before lopdf loads the file: the streams it inflates while loading
/// (object streams and cross-reference streams) are measured here, under
/// the budget, so a bomb hidden in one stops before lopdf inflates it
/// without a limit.
pub fn check_streams_lopdf_inflates(bytes: &[u8], budget: &mut Budget) -> Result<(), Exceeded> {
    let mut from = 0;
    while let Some(at) = find(&bytes[from..], b"stream").map(|i| i + from) {
        from = at + 6;
        if at >= 3 && &bytes[at - 3..at] == b"end" {
            continue;
        }
        // The stream's dictionary: back to the last `obj`.
        let back = &bytes[at.saturating_sub(2048)..at];
        let dict = match rfind(back, b" obj") {
            Some(i) => &back[i..],
            None => back,
        };
        let inflated_at_load = find(dict, b"/ObjStm").is_some() || find(dict, b"/XRef").is_some();
        if !inflated_at_load || find(dict, b"/FlateDecode").is_none() {
            continue;
        }
        let mut start = at + 6;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |i| start + i);
        let mut sink = std::io::sink();
        let mut counted = flate2::read::ZlibDecoder::new(&bytes[start..end]).take(MAX_INFLATED_BYTES + 1);
        let n = std::io::copy(&mut counted, &mut sink).unwrap_or(0);
        budget.charge(n as usize)?;
        from = end;
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
