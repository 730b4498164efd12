//! Small helpers the reviewer's rules (R1–R8) share for reading prose:
//! which texts to read, sentences, excerpts and years written in them.

use crate::model::{Report, SectionKey};

/// The prose the reviewer's rules read, in document order: the preamble,
/// 一, the notes beside 二、三、四, 五 and 六.
pub const READ: [SectionKey; 7] = [
    SectionKey::Preamble,
    SectionKey::Overview,
    SectionKey::ActiveNote,
    SectionKey::RequestsNote,
    SectionKey::ReviewNote,
    SectionKey::Problems,
    SectionKey::Other,
];

/// Each present, non-empty text of `keys` with its key.
pub fn texts<'r>(report: &'r Report, keys: &'r [SectionKey]) -> impl Iterator<Item = (SectionKey, &'r str)> + 'r {
    keys.iter().filter_map(|&k| report.sections.get(k).filter(|t| super::scan::not_blank(t)).map(|t| (k, t)))
}

/// Sentences: split at 。；！？ and line breaks.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    super::scan::Ends::new(text).into_pieces(text, false).filter(|s| super::scan::not_blank(s))
}

/// Whether `text` holds an ASCII or full-width digit.
pub fn has_digit(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Full-width ０–９: U+FF10–FF19, EF BC 90–99.
    bytes.iter().enumerate().any(|(i, &b)| {
        b.is_ascii_digit()
            || (b == 0xef && bytes.get(i + 1) == Some(&0xbc) && matches!(bytes.get(i + 2), Some(0x90..=0x99)))
    })
}

/// A piece of text shortened for a message.
pub fn excerpt(text: &str) -> String {
    const MAX: usize = 40;
    let trimmed = text.trim().trim_matches('*');
    if trimmed.chars().count() > MAX {
        format!("{}…", trimmed.chars().take(MAX).collect::<String>())
    } else {
        trimmed.to_string()
    }
}

/// Whether `c` is an ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The value of a digit character (ASCII or full-width).
pub fn digit_value(c: char) -> Option<u32> {
    c.to_digit(10).or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
}

/// A year written in the text: its value and byte range (the four digits,
/// not part of a longer number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearAt {
    pub year: i32,
    pub start: usize,
    pub end: usize,
}

/// Every four-digit number between 1990 and 2099 followed by 年 (spaces
/// allowed), as in “2023年”, “2023 年度”.
///
/// Read backwards from each 年, which a SIMD search finds: most of a
/// report's prose is neither a digit nor 年, and stepping through it
/// character by character was most of R1's time.
pub fn years(text: &str) -> Vec<YearAt> {
    let bytes = text.as_bytes();
    crate::bytes::each_match(bytes, "年")
        .filter_map(|nian| {
            let end = space_before(bytes, nian);
            let (mut start, mut digits, mut value, mut scale) = (end, 0, 0i32, 1i32);
            while let Some((digit, len)) = digit_before(bytes, start) {
                digits += 1;
                if digits > 4 {
                    return None; // part of a longer number
                }
                value += digit * scale;
                scale *= 10;
                start -= len;
            }
            (digits == 4 && (1990..=2099).contains(&value)).then_some(YearAt { year: value, start, end })
        })
        .collect()
}

/// Where the spaces (ASCII, ideographic, no-break) that end at byte `end`
/// begin.
fn space_before(bytes: &[u8], mut end: usize) -> usize {
    loop {
        // A lead byte followed by its continuation bytes is one whole
        // character, so these tails are the spaces themselves.
        let len = match bytes[..end] {
            [.., b' '] => 1,
            [.., 0xc2, 0xa0] => 2,
            [.., 0xe3, 0x80, 0x80] => 3,
            _ => return end,
        };
        end -= len;
    }
}

/// The digit (ASCII or full-width) that ends at byte `end`: its value and
/// length.
fn digit_before(bytes: &[u8], end: usize) -> Option<(i32, usize)> {
    match bytes[..end] {
        [.., b @ b'0'..=b'9'] => Some((i32::from(b - b'0'), 1)),
        [.., 0xef, 0xbc, b @ 0x90..=0x99] => Some((i32::from(b - 0x90), 3)),
        _ => None,
    }
}

/// The first whole number (ASCII, full-width or simple Chinese numerals)
/// right at the start of `text`, and its length in bytes.
pub fn number_at(text: &str) -> Option<(u64, usize)> {
    let first = text.chars().next()?;
    if is_digit(first) {
        let mut value: u64 = 0;
        let mut len = 0;
        for c in text.chars() {
            match digit_value(c) {
                Some(d) => value = value.checked_mul(10)?.checked_add(u64::from(d))?,
                None if c == ',' => {}
                None => break,
            }
            len += c.len_utf8();
        }
        return Some((value, len));
    }
    chinese_number_at(text)
}

/// A whole number in simple Chinese numerals (一百零五, 两, 十二) at the
/// start of `text`, and its length in bytes.
pub fn chinese_number_at(text: &str) -> Option<(u64, usize)> {
    let mut total = 0u64;
    let mut digit = 0u64;
    let mut len = 0;
    for c in text.chars() {
        let d = match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += if digit == 0 { 1 } else { digit } * unit;
                digit = 0;
                len += c.len_utf8();
                continue;
            }
            _ => break,
        };
        digit = d;
        len += c.len_utf8();
    }
    (len > 0).then_some((total + digit, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts with every kind of end, ASCII and full-width, at the start,
    /// doubled and at the end, and real-length prose.
    fn samples() -> Vec<String> {
        let mut texts: Vec<String> = [
            "一、总体情况。2025年，我局收到申请３件；办结3件！其他？无\n第二行，逗号,英文;分号",
            "",
            "。。；；",
            "结尾没有句号",
            "，开头是逗号,,\n\n",
            "混合１２，；。",
        ]
        .map(String::from)
        .to_vec();
        let report = crate::batch::synthetic::report(2026, 5, 2025);
        texts.extend(READ.iter().filter_map(|&k| report.sections.get(k).map(String::from)));
        texts
    }

    #[test]
    fn cuts_as_str_split_does() {
        for text in samples() {
            let split = |ends: &[char]| -> Vec<&str> { text.split(ends).filter(|s| !s.trim().is_empty()).collect() };
            assert_eq!(sentences(&text).collect::<Vec<_>>(), split(&['。', '；', ';', '！', '？', '\n']));
        }
    }

    #[test]
    fn finds_words_and_digits_as_str_does() {
        for text in samples() {
            for word in ["申请", "。", "2025", "无", "", "结尾没有句号还更长", "３"] {
                assert_eq!(crate::bytes::find(&text, word), text.find(word), "{word} in {text}");
            }
            assert_eq!(has_digit(&text), text.chars().any(is_digit), "{text}");
        }
    }

    #[test]
    fn finds_years() {
        let ys: Vec<i32> =
            years("2023年，共收到；2024 年度报告；编号12345年；〔2019〕60号").iter().map(|y| y.year).collect();
        assert_eq!(ys, [2023, 2024]);
        let text = "本单位２０２２年度";
        let y = years(text)[0];
        assert_eq!((y.year, &text[y.start..y.end]), (2022, "２０２２"));
    }

    /// What [`years`] found when it collected the characters first.
    fn years_by_chars(text: &str) -> Vec<YearAt> {
        let mut found = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            if !is_digit(chars[i].1) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && is_digit(chars[i].1) {
                i += 1;
            }
            if i - start != 4 {
                continue;
            }
            let value = chars[start..i].iter().fold(0i32, |v, &(_, c)| v * 10 + digit_value(c).unwrap_or(0) as i32);
            let end = chars.get(i).map_or(text.len(), |&(at, _)| at);
            let after = text[end..].trim_start_matches([' ', '\u{3000}', '\u{a0}']);
            if (1990..=2099).contains(&value) && after.starts_with('年') {
                found.push(YearAt { year: value, start: chars[start].0, end });
            }
        }
        found
    }

    #[test]
    fn finds_years_as_reading_characters_did() {
        let fragments = ["2023", "２０２４", "1989", "2100", "年", " ", "\u{3000}", "\u{a0}", "12345", "１", "9", "度"];
        for text in crate::rules::scan::tests::jumbled(&fragments).iter().chain(&samples()) {
            assert_eq!(years(text), years_by_chars(text), "{text}");
        }
    }

    #[test]
    fn reads_numbers() {
        assert_eq!(number_at("34件"), Some((34, 2)));
        assert_eq!(number_at("二十件").map(|n| n.0), Some(20));
        assert_eq!(number_at("零件").map(|n| n.0), Some(0));
        assert_eq!(number_at("件"), None);
    }
}
