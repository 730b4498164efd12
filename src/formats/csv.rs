//! CSV as nianbao writes and reads it: a BOM and a header (Excel opens it
//! as UTF-8), proper quoting, and text kept inert in a spreadsheet.

/// Writes CSV rows (with a BOM and a header) using proper quoting; every row
/// has as many fields as the header.
pub fn write_rows<Row, Field>(header: &[&str], rows: impl IntoIterator<Item = Row>) -> String
where
    Row: IntoIterator<Item = Field>,
    Field: AsRef<[u8]>,
{
    // The BOM first, in the buffer the rows are written to (no copy after).
    let mut writer = ::csv::WriterBuilder::new().from_writer("\u{feff}".as_bytes().to_vec());
    writer.write_record(header).expect("writing to memory cannot fail");
    for row in rows {
        writer.write_record(row).expect("writing to memory cannot fail");
    }
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

/// Makes text inert in a spreadsheet: a leading `=`, `+`, `-`, `@`, tab or
/// CR would start a formula, so such text gets a leading `'`, which Excel
/// and WPS show as plain text. [`unescape_text`] undoes it on import.
pub fn escape_text(text: &str) -> String {
    if starts_like_formula(text) || (text.starts_with('\'') && starts_like_formula(&text[1..])) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The inverse of [`escape_text`].
pub fn unescape_text(text: &str) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) || (rest.starts_with('\'') && starts_like_formula(&rest[1..])) => {
            rest.to_string()
        }
        _ => text.to_string(),
    }
}

fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_inert_and_round_trip() {
        for text in ["=HYPERLINK(\"x\")", "+1", "@SUM(A1)", "'=x", "正常文字", "-", "'plain"] {
            let escaped = escape_text(text);
            assert!(!starts_like_formula(&escaped), "{escaped}");
            assert_eq!(unescape_text(&escaped), text);
        }
    }
}
