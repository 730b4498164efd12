//! Prose scanned once for all the words a rule looks for (one Teddy
//! searcher per word list, built once), instead of one search per word: a
//! real 总体情况 is about 1,300 characters, and a batch has 100,000 of
//! them. Natively Teddy is aho-corasick's; in the batch page's SIMD wasm
//! module it is [`teddy`]'s. Where there is none (the MVP wasm builds;
//! without the `fast-search` feature, as in the first-load wasm module,
//! which checks one report at a time and must stay small) the words are
//! looked for one by one, with the same results.

#[cfg(any(all(target_arch = "wasm32", target_feature = "simd128"), test))]
mod teddy;

/// A fixed list of words, searched for together.
pub struct Words {
    search: Search,
    words: Vec<&'static str>,
}

/// How a list's words are searched for: together where SIMD can be had,
/// else one by one. (aho-corasick's automaton picks its own prefilter by
/// the byte frequencies of English text: for Chinese words it stopped at
/// bytes found everywhere in Chinese prose, three times slower than a
/// search word by word for R3's words.)
enum Search {
    /// aho-corasick's Teddy: natively, on x86-64 and AArch64.
    #[cfg(feature = "fast-search")]
    Packed(aho_corasick::packed::Searcher),
    /// Teddy in WebAssembly SIMD: the batch page's module (natively, the
    /// same steps on plain arrays, for the tests).
    #[cfg(any(all(target_arch = "wasm32", target_feature = "simd128"), test))]
    Simd128(teddy::Teddy),
    /// Each word by its last byte ([`crate::bytes::find`]): without SIMD,
    /// or with a word shorter than three bytes.
    OneByOne,
}

impl Words {
    pub fn new(words: &[&'static str]) -> Words {
        #[cfg(feature = "fast-search")]
        if let Some(packed) = aho_corasick::packed::Config::new()
            .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
            .only_teddy(true)
            .builder()
            .extend(words)
            .build()
        {
            return Words { search: Search::Packed(packed), words: words.to_vec() };
        }
        #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
        if let Some(teddy) = teddy::Teddy::new(words) {
            return Words { search: Search::Simd128(teddy), words: words.to_vec() };
        }
        Words::one_by_one(words)
    }

    fn one_by_one(words: &[&'static str]) -> Words {
        Words { search: Search::OneByOne, words: words.to_vec() }
    }

    /// Whether `text` holds any of the words.
    pub fn any_in(&self, text: &str) -> bool {
        self.first_from(text, 0).is_some()
    }

    /// Where the first occurrence of any of the words at or after byte
    /// `from` of `text` starts (`from` a character boundary).
    pub fn first_from(&self, text: &str, from: usize) -> Option<usize> {
        match &self.search {
            #[cfg(feature = "fast-search")]
            Search::Packed(packed) => {
                packed.find_in(text, aho_corasick::Span::from(from..text.len())).map(|m| m.start())
            }
            #[cfg(any(all(target_arch = "wasm32", target_feature = "simd128"), test))]
            Search::Simd128(teddy) => teddy.each_from(text.as_bytes(), from, &self.words, |_, _| true),
            Search::OneByOne => {
                self.words.iter().filter_map(|w| crate::bytes::find(&text[from..], w)).min().map(|at| from + at)
            }
        }
    }

    /// Every occurrence of every word (overlapping ones too), by start,
    /// then by the word's place in the list: (index of the word in the
    /// list, byte offset in `text`).
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        match &self.search {
            #[cfg(feature = "fast-search")]
            Search::Packed(_) => {
                let mut from = 0;
                while let Some(at) = self.first_from(text, from) {
                    // One search reports one word per start: a word that is a
                    // prefix of another starts there too.
                    let rest = &text.as_bytes()[at..];
                    found.extend(
                        self.words
                            .iter()
                            .enumerate()
                            .filter(|(_, w)| rest.starts_with(w.as_bytes()))
                            .map(|(n, _)| (n, at)),
                    );
                    from = at + crate::fold::char_len(rest[0]);
                }
            }
            #[cfg(any(all(target_arch = "wasm32", target_feature = "simd128"), test))]
            Search::Simd128(teddy) => {
                teddy.each_from(text.as_bytes(), 0, &self.words, |at, here| {
                    found.extend(here.iter().map(|&n| (n, at)));
                    false
                });
            }
            Search::OneByOne => {
                // Word by word: each word's occurrences, then all in order
                // (linear in the text for each word).
                for (n, word) in self.words.iter().enumerate() {
                    let mut from = 0;
                    while let Some(at) = crate::bytes::find(&text[from..], word).map(|i| from + i) {
                        found.push((n, at));
                        from = at + crate::fold::char_len(text.as_bytes()[at]);
                    }
                }
                found.sort_unstable_by_key(|&(n, at)| (at, n));
            }
        }
        found
    }
}

/// The sentence and clause ends of a text (its 。；;！？ and line breaks,
/// and its ，and ,), found in one pass: the rules cut the same texts into
/// sentences and clauses again and again, and finding the ends was a tenth
/// of a report's check.
pub struct Ends {
    /// Byte offset and length of each end, and whether it is a comma.
    all: Vec<(usize, usize, bool)>,
}

/// The ends of a section without text.
pub static NO_ENDS: Ends = Ends { all: Vec::new() };

impl Ends {
    /// Every end starts with one of five bytes that are whole characters
    /// or first bytes (; \n , E3 EF), so a byte scan finds them all, in
    /// order, without decoding the text.
    pub fn new(text: &str) -> Ends {
        let bytes = text.as_bytes();
        let mut all = Vec::with_capacity(bytes.len() / 16);
        crate::bytes::first_in([0xe3, 0xef, b'\n', b';', b','], bytes, |at| {
            let lead = bytes[at];
            if lead < 0x80 {
                all.push((at, 1, lead == b','));
                return false;
            }
            // The character's three bytes as one number: one branch per
            // end, where a match of the bytes took several.
            let byte = |n: usize| u32::from(bytes.get(at + n).copied().unwrap_or(0));
            match u32::from(lead) << 16 | byte(1) << 8 | byte(2) {
                // 。 U+3002; ；！？ U+FF1B, U+FF01, U+FF1F
                0xe3_80_82 | 0xef_bc_9b | 0xef_bc_81 | 0xef_bc_9f => all.push((at, 3, false)),
                // ， U+FF0C
                0xef_bc_8c => all.push((at, 3, true)),
                _ => {}
            }
            false
        });
        Ends { all }
    }

    /// Each end that cuts sentences, or with `commas` clauses: its byte
    /// offset and length.
    pub fn of(&self, commas: bool) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.all.iter().filter(move |e| commas || !e.2).map(|&(at, len, _)| (at, len))
    }

    /// The pieces of `text` (the text these are the ends of) between the
    /// ends, as [`str::split`] cuts them.
    pub fn pieces<'t>(&self, text: &'t str, commas: bool) -> impl Iterator<Item = &'t str> + use<'t, '_> {
        pieces_between(text, self.of(commas))
    }

    /// The sentences of `text` that hold more than spaces.
    pub fn sentences<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + use<'t, '_> {
        self.pieces(text, false).filter(|s| not_blank(s))
    }

    /// The clauses of `text` (sentences cut at commas too) that hold more
    /// than spaces. (The rules look up the clauses of the words they find,
    /// with [`Cuts`]; this says what those are.)
    #[cfg(test)]
    pub fn clauses<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + use<'t, '_> {
        self.pieces(text, true).filter(|s| not_blank(s))
    }

    /// As [`Ends::pieces`], keeping the ends (for a text cut only once).
    pub fn into_pieces(self, text: &str, commas: bool) -> impl Iterator<Item = &str> {
        pieces_between(text, self.all.into_iter().filter(move |e| commas || !e.2).map(|(at, len, _)| (at, len)))
    }
}

/// Whether `piece` holds more than spaces, as `!piece.trim().is_empty()`
/// says, from its first character on (trimming both ends of every clause
/// of every text was a twentieth of a report's check).
pub fn not_blank(piece: &str) -> bool {
    piece.chars().any(|c| !c.is_whitespace())
}

/// The pieces of `text` between `ends` (byte offset and length of each,
/// in order), as [`str::split`] cuts them.
fn pieces_between(text: &str, mut ends: impl Iterator<Item = (usize, usize)>) -> impl Iterator<Item = &str> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start > text.len() {
            return None;
        }
        let (piece, next) = match ends.next() {
            Some((at, len)) => (&text[start..at], at + len),
            None => (&text[start..], text.len() + 1),
        };
        start = next;
        Some(piece)
    })
}

/// A text cut at separator characters, as [`str::split`] cuts it, where
/// the piece holding a byte offset is found without splitting again.
pub struct Cuts<'t> {
    text: &'t str,
    /// Byte offset of each separator, ascending.
    separators: Vec<usize>,
}

impl<'t> Cuts<'t> {
    /// `text` cut into sentences (at 。；;！？ and line breaks) or, with
    /// `commas`, into clauses (at ，and , too). `ends`: the text's
    /// [`Ends`], found once for all the rules.
    pub fn of(text: &'t str, ends: &Ends, commas: bool) -> Cuts<'t> {
        // Sized for every end at once: collecting from the filter grew the
        // vector a dozen times per report.
        let mut separators = Vec::with_capacity(ends.all.len());
        separators.extend(ends.of(commas).map(|(at, _)| at));
        Cuts { text, separators }
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

    #[test]
    fn not_blank_is_what_trimming_says() {
        let spaces = [" ", "\u{3000}", "\u{a0}", "\t", "\n", "\u{2028}"];
        for text in ["", "申", " 申", "申 ", "a", "，"].iter().flat_map(|t| spaces.map(|s| format!("{s}{t}{s}"))) {
            assert_eq!(not_blank(&text), !text.trim().is_empty(), "{text:?}");
        }
    }

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
        let sentence_ends: &[char] = &['。', '；', ';', '！', '？', '\n'];
        let clause_ends: &[char] = &['。', '；', ';', '！', '？', '\n', '，', ','];
        for text in jumbled(&["。", "；", ";", "！", "？", "，", ",", "、", "：", "\u{feff}", "\u{3001}", "\u{ff0d}"])
        {
            let at = |ends: &[char]| text.match_indices(ends).map(|(at, _)| at).collect::<Vec<usize>>();
            let ends = Ends::new(&text);
            assert_eq!(Cuts::of(&text, &ends, false).separators, at(sentence_ends), "{text}");
            assert_eq!(Cuts::of(&text, &ends, true).separators, at(clause_ends), "{text}");
            assert_eq!(ends.pieces(&text, false).collect::<Vec<_>>(), text.split(sentence_ends).collect::<Vec<_>>());
            assert_eq!(ends.pieces(&text, true).collect::<Vec<_>>(), text.split(clause_ends).collect::<Vec<_>>());
        }
    }

    #[test]
    fn finds_every_occurrence_a_naive_search_finds() {
        // Words that overlap, and one a prefix of another.
        let list = ["上年结转", "结转下年", "办结", "办结率", "结转", "。", "无", "无法"];
        // Each way of searching: natively Teddy (where the processor has
        // it), WebAssembly's (on arrays here), one word after the other.
        let ways = [Words::new(&list), Words::simd128(&list), Words::one_by_one(&list)];
        for (text, words) in jumbled(&["上年结转", "结转下年", "办结率", "结转", "无法", "上年结转下年", "办结办结"])
            .iter()
            .flat_map(|t| ways.iter().map(move |w| (t, w)))
        {
            let text = text.clone();
            let expected: Vec<(usize, usize)> = text
                .char_indices()
                .flat_map(|(at, _)| {
                    let text = &text;
                    list.iter().enumerate().filter(move |(_, w)| text[at..].starts_with(**w)).map(move |(n, _)| (n, at))
                })
                .collect();
            assert_eq!(words.occurrences(&text), expected, "{text}");
            assert_eq!(words.any_in(&text), !expected.is_empty(), "{text}");
            for (from, _) in text.char_indices() {
                let first = expected.iter().map(|&(_, at)| at).find(|&at| at >= from);
                assert_eq!(words.first_from(&text, from), first, "{text} from {from}");
            }
        }
    }

    impl Words {
        fn simd128(words: &[&'static str]) -> Words {
            let search = teddy::Teddy::new(words).map_or(Search::OneByOne, Search::Simd128);
            Words { search, words: words.to_vec() }
        }
    }

    #[test]
    fn finds_every_word_and_its_piece() {
        let words = Words::new(&["上年结转", "结转下年", "办结"]);
        let text = "上年结转下年度2件。办结3件；办结";
        assert!(words.any_in(text) && !words.any_in("无"));
        let found = words.occurrences(text);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [0, 1, 2, 2]);
        let cuts = Cuts::of(text, &Ends::new(text), false);
        let pieces: Vec<&str> = text.split(['。', '；']).collect();
        for (_, at) in found {
            let (n, start, piece) = cuts.piece_at(at);
            assert_eq!(piece, pieces[n]);
            assert!(at >= start && text[start..].starts_with(piece));
        }
    }
}
