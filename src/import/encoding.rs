//! Text decoding: UTF-8 with or without BOM, else GBK/GB18030 (what Excel
//! and WPS write on Chinese Windows).

use crate::error::ImportError;

/// Decodes bytes to text. Rejects binary data instead of guessing.
pub fn decode_text(bytes: &[u8]) -> Result<String, ImportError> {
    decode_text_borrowed(bytes).map(std::borrow::Cow::into_owned)
}

/// [`decode_text`] without copying input that is already UTF-8.
pub fn decode_text_borrowed(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, ImportError> {
    let bytes = without_bom(bytes);
    if crate::bytes::find_byte(0, bytes).is_some() {
        return Err(ImportError::new("文件包含二进制数据，不是文本文件"));
    }
    if let Some(text) = valid_utf8(bytes) {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    let at = std::str::from_utf8(bytes).err().map(|e| e.valid_up_to()).unwrap_or(0);
    #[cfg(feature = "encodings")]
    {
        let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
        if had_errors {
            return Err(ImportError::at(format!("第 {} 字节", at + 1), "文本编码无法识别：请另存为 UTF-8 或 GBK 编码"));
        }
        Ok(std::borrow::Cow::Owned(text.into_owned()))
    }
    #[cfg(not(feature = "encodings"))]
    Err(ImportError::at(
        format!("第 {} 字节", at + 1),
        "文本不是 UTF-8 编码：请另存为 UTF-8（此版本未包含 GBK 等编码的支持）",
    ))
}

/// `bytes` (after a byte-order mark) as they are when they are UTF-8,
/// NUL and all: for a reader that rejects NUL itself (the direct JSON
/// reader: JSON has no raw control characters), so the text is not
/// searched for NUL first (a tenth of a JSON report's import).
pub fn utf8_text(bytes: &[u8]) -> Option<&str> {
    valid_utf8(without_bom(bytes))
}

/// `bytes` after their UTF-8 byte-order mark, if they start with one.
fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// `bytes` as text when they are UTF-8. With SIMD (natively, and in the
/// batch page's SIMD build of the wasm module) the SIMD validator: the
/// standard one reads Chinese text byte by byte, and was a twentieth of a
/// batch's instructions. In the MVP wasm builds the standard one (no added
/// code).
#[cfg(any(not(target_arch = "wasm32"), target_feature = "simd128"))]
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "simd128")))]
fn valid_utf8(bytes: &[u8]) -> Option<&str> {
    std::str::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "encodings")]
    fn decodes_utf8_bom_and_gbk() {
        assert_eq!(decode_text("\u{feff}总计".as_bytes()).unwrap(), "总计");
        let (gbk, _, _) = encoding_rs::GBK.encode("行政复议,2");
        assert_eq!(decode_text(&gbk).unwrap(), "行政复议,2");
        assert!(decode_text(b"\x00\x01").is_err());
    }
}
