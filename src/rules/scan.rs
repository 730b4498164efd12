//! Prose scanned once for all the words a rule looks for (one automaton
//! per word list, built once), instead of one search per word: a real
//! 总体情况 is about 1,300 characters, and a batch has 100,000 of them.

use aho_corasick::AhoCorasick;

/// A fixed list of words, searched for together.
pub struct Words {
    automaton: AhoCorasick,
}

impl Words {
    pub fn new(words: &[&str]) -> Words {
        // The words are a handful of fixed literals: building cannot fail.
        Words { automaton: AhoCorasick::new(words).expect("a small list of literal words") }
    }

    /// Whether `text` holds any of the words.
    pub fn any_in(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }

    /// Every occurrence of every word (overlapping ones too), by start:
    /// (index of the word in the list, byte offset in `text`).
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        self.automaton.find_overlapping_iter(text).map(|m| (m.pattern().as_usize(), m.start())).collect()
    }
}

/// A text cut at separator characters, as [`str::split`] cuts it, where
/// the piece holding a byte offset is found without splitting again.
pub struct Cuts<'t> {
    text: &'t str,
    /// Byte offset of each separator, ascending.
    separators: Vec<usize>,
}

impl<'t> Cuts<'t> {
    /// The cuts of `text` at `separators`, as `text.match_indices` finds
    /// them, but read by lead bytes: the separators' UTF-8 is compared only
    /// where a character's first byte can start one (decoding every
    /// character and comparing it with each separator was a tenth of a
    /// batch's time).
    pub fn new(text: &'t str, separators: &[char]) -> Cuts<'t> {
        let mut starts = [false; 256];
        let encoded: Vec<([u8; 4], usize)> = separators
            .iter()
            .map(|c| {
                let mut bytes = [0; 4];
                let len = c.encode_utf8(&mut bytes).len();
                starts[usize::from(bytes[0])] = true;
                (bytes, len)
            })
            .collect();
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // `i` moves by whole characters: a match is a whole separator.
            let len = if starts[usize::from(bytes[i])] {
                encoded.iter().find(|(e, len)| bytes[i..].starts_with(&e[..*len])).map(|(_, len)| *len)
            } else {
                None
            };
            match len {
                Some(len) => {
                    found.push(i);
                    i += len;
                }
                None => i += crate::fold::char_len(bytes[i]),
            }
        }
        Cuts { text, separators: found }
    }

    /// The piece holding byte `at` (which is not a separator): its number
    /// among the pieces, its byte offset and its text.
    pub fn piece_at(&self, at: usize) -> (usize, usize, &'t str) {
        let n = self.separators.partition_point(|&s| s < at);
        let start = n.checked_sub(1).map_or(0, |p| {
            let sep = self.separators[p];
            sep + self.text[sep..].chars().next().map_or(0, char::len_utf8)
        });
        let end = self.separators.get(n).copied().unwrap_or(self.text.len());
        (n, start, &self.text[start..end])
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Texts made of `fragments` (words the rules look for, figures,
    /// separators, spaces) in random order, plus real-length generated
    /// prose: the inputs on which a faster scan must find what the former
    /// one found.
    pub(crate) fn jumbled(fragments: &[&str]) -> Vec<String> {
        const COMMON: &[&str] = &[
            "。",
            "，",
            "；",
            "\n",
            " ",
            "\u{3000}",
            "件",
            "起",
            "1",
            "2",
            "0",
            "十二",
            "“三",
            "其中",
            "申请",
            "年",
            "月",
            "日",
            "至",
            "12",
            "31",
            "2025",
            "（",
            "）",
            "、",
            "无",
            "未发生",
            "数",
            "的",
            "公开",
        ];
        let mut rng = crate::batch::synthetic::Rng::new(11);
        let mut texts: Vec<String> = (0..400)
            .map(|_| {
                let len = 1 + rng.below(60);
                (0..len)
                    .map(|_| {
                        let from = if rng.below(3) == 0 { fragments } else { COMMON };
                        from[rng.below(from.len() as u64) as usize]
                    })
                    .collect()
            })
            .collect();
        for i in 0..50 {
            let r = crate::batch::synthetic::report(5, i, 2020 + (i % 6) as i32);
            texts.extend(
                [r.sections.preamble, r.sections.overview, r.sections.problems, r.sections.other].into_iter().flatten(),
            );
        }
        texts
    }

    #[test]
    fn cuts_where_match_indices_does() {
        let ends: &[char] = &['。', '；', ';', '！', '？', '\n', '，', ','];
        for text in jumbled(&["。", "；", ";", "！", "？", "，", ",", "、", "：", "\u{feff}"]) {
            let expected: Vec<usize> = text.match_indices(ends).map(|(at, _)| at).collect();
            assert_eq!(Cuts::new(&text, ends).separators, expected, "{text}");
        }
    }

    #[test]
    fn finds_every_word_and_its_piece() {
        let words = Words::new(&["上年结转", "结转下年", "办结"]);
        let text = "上年结转下年度2件。办结3件；办结";
        assert!(words.any_in(text) && !words.any_in("无"));
        let found = words.occurrences(text);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 1, 2, 2]);
        let cuts = Cuts::new(text, &['。', '；']);
        let pieces: Vec<&str> = text.split(['。', '；']).collect();
        for (_, at) in found {
            let (n, start, piece) = cuts.piece_at(at);
            assert_eq!(piece, pieces[n]);
            assert!(at >= start && text[start..].starts_with(piece));
        }
    }
}
