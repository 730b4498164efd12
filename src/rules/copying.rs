//! X9: prose copied from last year's report (the notice's 内容雷同).
//!
//! Similarity is the share of this year's prose characters covered by
//! passages of at least [`SHINGLE`] characters that also occur in last
//! year's prose. Digits are compared as one symbol, so a paragraph copied
//! with only its numbers updated still counts as copied.

use super::{Context, Rule};
use crate::finding::{Finding, RuleCode, Severity};
use crate::model::{Report, SectionKey};

/// Length of the passages compared, in characters.
const SHINGLE: usize = 12;
/// Passages shorter than this are not shown to the user.
const SHOWN_PASSAGE: usize = 24;
/// How many repeated passages a finding quotes.
const QUOTED: usize = 3;
/// How many characters of each it quotes.
const QUOTE_CHARS: usize = 40;
/// Prose shorter than this is not judged (a one-line §6 is always "copied").
const MIN_CHARS: usize = 80;

/// The default threshold of X9, in percent.
pub const DEFAULT_THRESHOLD: u8 = 50;

pub const X9: Rule = Rule {
    code: RuleCode::X9,
    severity: Severity::Warning,
    title: "正文与上年报告雷同",
    doc: "给出上一年度的报告时，比较两年的“总体情况”“存在的主要问题及改进情况”“其他需要报告的事项”。\
          本年文字中与上年相同的段落所占比例超过阈值（默认 50%，只改了数字的也算相同）时给出警告，并列出重复的段落。",
    basis: "国办公开办函〔2021〕30号：对内容雷同、敷衍塞责的，追究责任",
    example: "2025 年报告的“存在的主要问题及改进情况”与 2024 年几乎一字不差。",
    also: &[],
    from_year: None,
    check: check_x9,
};

const COMPARED: [SectionKey; 3] = [SectionKey::Overview, SectionKey::Problems, SectionKey::Other];

/// How much of one section repeats last year's prose.
#[derive(Clone, Debug, PartialEq)]
pub struct Repetition {
    pub section: SectionKey,
    /// Characters compared (whitespace and markup excluded).
    pub chars: usize,
    /// Of which covered by passages found in last year's prose.
    pub repeated: usize,
    /// The longest repeated passages (positions in the normalized text),
    /// longest first: made into text only for a finding ([`Self::passages`]).
    longest: Vec<std::ops::Range<usize>>,
}

impl Repetition {
    pub fn percent(&self) -> u32 {
        (self.repeated * 100).checked_div(self.chars).unwrap_or(0) as u32
    }

    /// The beginning of each of the longest repeated passages of
    /// `report`'s section, as shown: [`QUOTE_CHARS`] characters and one
    /// more when the passage goes on (a passage may be the whole section;
    /// only its beginning is quoted).
    fn passages(&self, report: &Report) -> Vec<String> {
        let Some(text) = report.sections.get(self.section) else { return Vec::new() };
        let quoted = |r: &std::ops::Range<usize>| r.start..r.end.min(r.start + QUOTE_CHARS + 1);
        // The text as shown (whitespace dropped) has the positions of the
        // normalized text unless markup (* # |) was dropped too: then the
        // normalized text is quoted. (Above U+3000 no character is whitespace.)
        let source: Vec<char> = if text.contains(['*', '#', '|']) {
            normalized(text)
        } else {
            let needed = self.longest.iter().map(|r| quoted(r).end).max().unwrap_or(0);
            text.chars().filter(|&c| c > '\u{3000}' || !c.is_whitespace()).take(needed).collect()
        };
        self.longest.iter().filter_map(|r| source.get(quoted(r))).map(|p| p.iter().collect()).collect()
    }
}

/// Prose as X9 compares it: whitespace and markup dropped, every digit one
/// symbol. 对照 ([`crate::compare`]) compares sentences the same way.
pub(crate) fn normalized(text: &str) -> Vec<char> {
    // Room for every character at once (a filtered iterator gives no size).
    let mut chars = Vec::with_capacity(text.len());
    push_normalized(text, &mut chars);
    chars
}

fn push_normalized(text: &str, chars: &mut Vec<char>) {
    for c in text.chars() {
        // Above U+3000 (the last whitespace) nothing is dropped: the common
        // case of Chinese text, without the Unicode whitespace lookup.
        if c > '\u{3000}' {
            chars.push(if ('０'..='９').contains(&c) { '0' } else { c });
        } else if !c.is_whitespace() && !matches!(c, '*' | '#' | '|') {
            chars.push(if c.is_ascii_digit() { '0' } else { c });
        }
    }
}

fn all_prose(report: &Report) -> Vec<char> {
    let texts = COMPARED.map(|key| report.sections.get(key));
    let mut chars = Vec::with_capacity(texts.iter().flatten().map(|t| t.len() + 1).sum());
    for text in texts.into_iter().flatten() {
        push_normalized(text, &mut chars);
        chars.push('\n');
    }
    chars
}

/// Each compared section of `report` against all of `previous`'s prose.
fn repetition(report: &Report, previous: &Report) -> Vec<Repetition> {
    let before = all_prose(previous);
    let known = Windows::new(&before);
    let mut out = Vec::new();
    for key in COMPARED {
        let Some(text) = report.sections.get(key) else { continue };
        let chars = normalized(text);
        // The runs of characters covered by windows found last year
        // (overlapping or touching windows make one run).
        let mut covered: Vec<std::ops::Range<usize>> = Vec::new();
        // Where last year's prose holds the window before this one: copied
        // text runs on, so the next window is most often the next one
        // there, known by comparing one character instead of a lookup.
        let mut last: Option<usize> = None;
        for (i, hash) in rolling_hashes(&chars).enumerate() {
            last = match last {
                Some(at) if before.get(at + SHINGLE) == Some(&chars[i + SHINGLE - 1]) => Some(at + 1),
                _ => known.find(hash, &chars[i..i + SHINGLE]),
            };
            if last.is_some() {
                match covered.last_mut() {
                    Some(run) if i <= run.end => run.end = i + SHINGLE,
                    _ => covered.push(i..i + SHINGLE),
                }
            }
        }
        let repeated = covered.iter().map(ExactSizeIterator::len).sum();
        // The longest runs are quoted (a run's length is its passage's
        // characters): only they are made into text.
        covered.retain(|r| r.len() >= SHOWN_PASSAGE);
        covered.sort_by_key(|r| std::cmp::Reverse(r.len()));
        covered.truncate(QUOTED);
        out.push(Repetition { section: key, chars: chars.len(), repeated, longest: covered });
    }
    out
}

/// Last year's passages of [`SHINGLE`] characters, found by a rolling hash
/// (one multiplication per character, where hashing each window anew cost a
/// third of a batch's time) and compared character by character: exact.
/// The windows sit in an open-addressing table keyed by their hash (a
/// lookup is a probe or two, where a sorted list took a sort and a binary
/// search per window: X9 was a quarter of a five-year batch's time);
/// repeated windows are kept once.
struct Windows<'a> {
    chars: &'a [char],
    /// `(top half of the hash, start + 1)` per slot; 0 marks an empty
    /// slot. (Half the hash tells windows apart well enough: a match is
    /// confirmed character by character.)
    slots: Vec<(u32, u32)>,
    /// The slot index is the top bits of the mixed hash.
    shift: u32,
}

impl<'a> Windows<'a> {
    fn new(chars: &'a [char]) -> Windows<'a> {
        let count = chars.len().saturating_sub(SHINGLE - 1);
        // At most half full: probes stay short.
        let size = (count * 2).next_power_of_two().max(16);
        let mut windows = Windows { chars, slots: vec![(0, 0); size], shift: 64 - size.trailing_zeros() };
        for (start, hash) in rolling_hashes(chars).enumerate() {
            let window = &chars[start..start + SHINGLE];
            let tag = (hash >> 32) as u32;
            let mut slot = windows.first_slot(hash);
            loop {
                match windows.slots[slot] {
                    (_, 0) => {
                        // A report's prose is far below 4 G characters (limits.rs).
                        windows.slots[slot] = (tag, start as u32 + 1);
                        break;
                    }
                    (t, s) if t == tag && windows.window(s) == window => break,
                    _ => slot = (slot + 1) & (size - 1),
                }
            }
        }
        windows
    }

    fn first_slot(&self, hash: u64) -> usize {
        // The polynomial hash's low bits are weak: spread it, take the top.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    fn window(&self, start_plus_one: u32) -> &[char] {
        let start = start_plus_one as usize - 1;
        &self.chars[start..start + SHINGLE]
    }

    /// Where last year's prose holds `window` (whose hash is `hash`).
    fn find(&self, hash: u64, window: &[char]) -> Option<usize> {
        let mut slot = self.first_slot(hash);
        let tag = (hash >> 32) as u32;
        loop {
            match self.slots[slot] {
                (_, 0) => return None,
                (t, s) if t == tag && self.window(s) == window => return Some(s as usize - 1),
                _ => slot = (slot + 1) & (self.slots.len() - 1),
            }
        }
    }
}

/// The hash of each window of [`SHINGLE`] characters, in order: a
/// polynomial in a base drawn once per process (so that no text can be made
/// to collide on purpose).
fn rolling_hashes(chars: &[char]) -> impl Iterator<Item = u64> + '_ {
    static BASE: std::sync::LazyLock<u64> = std::sync::LazyLock::new(|| {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(0x006e_6961_6e62_616f_u64) | 1
    });
    let base = *BASE;
    let top = (1..SHINGLE).fold(1u64, |p, _| p.wrapping_mul(base));
    let mut hash = 0u64;
    chars.iter().enumerate().filter_map(move |(i, &c)| {
        if i >= SHINGLE {
            hash = hash.wrapping_sub((chars[i - SHINGLE] as u64).wrapping_mul(top));
        }
        hash = hash.wrapping_mul(base).wrapping_add(c as u64);
        (i + 1 >= SHINGLE).then_some(hash)
    })
}

fn check_x9(context: &Context, findings: &mut Vec<Finding>) {
    let Some(previous) = context.previous else { return };
    let threshold = u32::from(context.copy_threshold);
    let sections = repetition(context.report, previous);
    let chars: usize = sections.iter().map(|s| s.chars).sum();
    let repeated: usize = sections.iter().map(|s| s.repeated).sum();
    if chars < MIN_CHARS {
        return;
    }
    let percent = (repeated * 100 / chars) as u32;
    if percent <= threshold {
        return;
    }
    let copied: Vec<&Repetition> = sections.iter().filter(|s| s.chars > 0 && s.percent() > threshold).collect();
    let per_section: Vec<String> = copied.iter().map(|s| format!("{} {}%", s.section.heading(), s.percent())).collect();
    let quoted: Vec<String> = copied
        .iter()
        .flat_map(|s| s.passages(context.report))
        .take(QUOTED)
        .map(|p| {
            let short: String = p.chars().take(QUOTE_CHARS).collect();
            format!("“{short}{}”", if p.chars().count() > QUOTE_CHARS { "…" } else { "" })
        })
        .collect();
    findings.push(
        Finding::new(
            RuleCode::X9,
            Severity::Warning,
            format!(
                "正文有 {percent}% 的文字与上年报告相同（{}），超过 {threshold}% 的阈值，可能照抄了上年报告。重复的段落如：{}。请根据本年度实际情况重写。",
                per_section.join("，"),
                quoted.join("；")
            ),
        )
        .cells(copied.iter().map(|s| s.section))
        .expected(format!("不超过 {threshold}%"))
        .actual(format!("{percent}%")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_hashes_find_the_windows_a_set_of_windows_finds() {
        for i in 0..60 {
            let this = crate::batch::synthetic::report(3, i, 2025);
            let last = crate::batch::synthetic::report(3, i, 2024);
            let before = all_prose(&last);
            let set: std::collections::HashSet<&[char]> = before.windows(SHINGLE).collect();
            let known = Windows::new(&before);
            let now = all_prose(&this);
            for (k, hash) in rolling_hashes(&now).enumerate() {
                let window = &now[k..k + SHINGLE];
                let found = known.find(hash, window);
                assert_eq!(found.is_some(), set.contains(window));
                assert!(found.is_none_or(|at| &before[at..at + SHINGLE] == window));
            }
        }
    }

    /// The share repeated, counted from every window looked up in a set.
    #[test]
    fn repetition_counts_what_a_set_of_windows_finds() {
        for i in 0..60 {
            let this = crate::batch::synthetic::report(3, i, 2025);
            let last = crate::batch::synthetic::report(3, i, 2024);
            let before = all_prose(&last);
            let set: std::collections::HashSet<&[char]> = before.windows(SHINGLE).collect();
            for r in repetition(&this, &last) {
                let chars = normalized(this.sections.get(r.section).unwrap());
                let mut covered = vec![false; chars.len()];
                for (k, window) in chars.windows(SHINGLE).enumerate() {
                    if set.contains(window) {
                        covered[k..k + SHINGLE].iter_mut().for_each(|c| *c = true);
                    }
                }
                assert_eq!(r.repeated, covered.iter().filter(|&&c| c).count(), "report {i} {:?}", r.section);
                let passages = r.passages(&this);
                assert!(passages.windows(2).all(|p| p[0].chars().count() >= p[1].chars().count()));
                assert!(passages.iter().all(|p| p.chars().count() >= SHOWN_PASSAGE));
            }
        }
    }
    use crate::rules::testing::filled;
    use crate::rules::{run, CheckOptions};

    const LAST: &str =
        "2024年，我局坚持以人民为中心，认真贯彻落实政府信息公开条例，围绕中心工作，深化重点领域信息公开，\
                        全年主动公开政府信息1200条，政策解读30篇。进一步规范依申请公开办理流程，做到依法按时答复。";

    fn reports(this_year: &str) -> (Report, Report) {
        let mut last = filled();
        last.sections.overview = Some(LAST.into());
        let mut this = filled();
        this.sections.overview = Some(this_year.into());
        (this, last)
    }

    fn x9(this: &Report, last: &Report, threshold: u8) -> Vec<Finding> {
        let options = CheckOptions { previous: Some(last), copy_threshold: threshold };
        run(this, &options).into_iter().filter(|f| f.rule == RuleCode::X9).collect()
    }

    #[test]
    fn copied_with_new_numbers_is_found() {
        let (this, last) = reports(&LAST.replace("2024", "2025").replace("1200", "1350"));
        let f = x9(&this, &last, DEFAULT_THRESHOLD);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].cells, ["sections.overview"]);
        assert_eq!(f[0].actual.as_deref(), Some("100%"));
    }

    #[test]
    fn rewritten_text_passes_and_threshold_is_respected() {
        let (this, last) = reports(
            "本年度，本局聚焦优化营商环境，新建政策文件库，上线智能问答，开展政府开放日活动6场，\
             收集意见建议42条，逐条反馈办理结果。依申请公开方面，推行全流程电子化登记。",
        );
        assert!(x9(&this, &last, DEFAULT_THRESHOLD).is_empty());
        let first_half: String = LAST.chars().take(LAST.chars().count() / 2).collect();
        let half =
            format!("{first_half}{}", "本年度新建政策文件库，上线智能问答，开展政府开放日活动6场，收集意见建议42条。");
        let (this, last) = reports(&half);
        assert!(x9(&this, &last, 90).is_empty());
    }
}
