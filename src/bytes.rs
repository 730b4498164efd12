//! Byte searches over text: by the `memchr` crate (SIMD natively) with the
//! `fast-search` feature, by plain loops without it (the first-load wasm
//! module, which checks one report at a time and must stay small).
//!
//! Every byte searched for is a whole character or a character's first
//! byte, so an offset found is where a character starts.

#[cfg(feature = "fast-search")]
pub use native::*;
#[cfg(not(feature = "fast-search"))]
pub use plain::*;

/// Whether `text` holds `word` (see [`find`]).
pub fn has(text: &str, word: &str) -> bool {
    find(text, word).is_some()
}

/// The first offset of a byte of `set` at which `stop` says true, each
/// such offset given to `stop` in order until then; for bytes that occur
/// every few characters (punctuation in Chinese prose), where a SIMD
/// search set up again after each hit costs more than the hit. Here 64
/// bytes at a time become a bit mask, by comparisons the compiler makes
/// vector instructions of (on any target), and the hits are the mask's
/// bits, taken in a plain loop (an iterator's state machine cost more
/// than the search).
pub fn first_in<const N: usize>(set: [u8; N], haystack: &[u8], mut stop: impl FnMut(usize) -> bool) -> Option<usize> {
    for (n, chunk) in haystack.chunks(64).enumerate() {
        let mut mask = match <&[u8; 64]>::try_from(chunk) {
            Ok(whole) => mask_of(&set, whole),
            Err(_) => {
                // The last, short chunk, padded with bytes outside `set`.
                let mut padded = [0; 64];
                padded[..chunk.len()].copy_from_slice(chunk);
                mask_of(&set, &padded) & (u64::MAX >> (64 - chunk.len()))
            }
        };
        while mask != 0 {
            let at = n * 64 + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if stop(at) {
                return Some(at);
            }
        }
    }
    None
}

/// Bit `i` set when `chunk[i]` is in `set`: one byte per comparison (0 or
/// 1), then each eight of them packed into eight bits by one multiplication
/// (byte `k` of the product's top byte sums to bit `k`; no carries).
#[inline]
fn mask_of<const N: usize>(set: &[u8; N], chunk: &[u8; 64]) -> u64 {
    let mut hits = [0u8; 64];
    for (hit, &byte) in hits.iter_mut().zip(chunk) {
        *hit = set.iter().fold(0, |hit, &s| hit | u8::from(s == byte));
    }
    let mut mask = 0;
    for (n, eight) in hits.chunks_exact(8).enumerate() {
        let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        mask |= (eight.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (n * 8);
    }
    mask
}

#[cfg(feature = "fast-search")]
mod native {
    /// Where byte `a` first is in `haystack`.
    pub fn find_byte(a: u8, haystack: &[u8]) -> Option<usize> {
        memchr::memchr(a, haystack)
    }

    /// Every offset of byte `a` or `b`, in order.
    pub fn each_of2(a: u8, b: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr2_iter(a, b, haystack)
    }

    /// Every offset of byte `a`, `b` or `c`, in order.
    pub fn each_of3(a: u8, b: u8, c: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        memchr::memchr3_iter(a, b, c, haystack)
    }

    /// Every offset of `needle` (not overlapping), in order.
    pub fn each_match<'h>(haystack: &'h [u8], needle: &'h str) -> impl Iterator<Item = usize> + 'h {
        memchr::memmem::find_iter(haystack, needle.as_bytes())
    }

    /// Where `word` first occurs in `text`, as `str::find` says. (The
    /// standard library sets up a Two-Way searcher per call, and memchr's
    /// `memmem::find` a searcher too: for the rules' thousands of short
    /// words in short clauses per report the set-up cost more than the
    /// search.) Candidates are where the word's last byte is: in UTF-8
    /// Chinese a last byte is one of 64 values, a first byte one of a few.
    pub fn find(text: &str, word: &str) -> Option<usize> {
        let (hay, needle) = (text.as_bytes(), word.as_bytes());
        let Some((&last, head)) = needle.split_last() else { return Some(0) };
        // A match's last byte at `head.len() + i` means a match starting at `i`.
        let ends = hay.get(head.len()..)?;
        memchr::memchr_iter(last, ends).find(|&start| &hay[start..start + head.len()] == head)
    }
}

#[cfg(any(not(feature = "fast-search"), test))]
mod plain {
    pub fn find_byte(a: u8, haystack: &[u8]) -> Option<usize> {
        haystack.iter().position(|&x| x == a)
    }

    pub fn each_of2(a: u8, b: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        haystack.iter().enumerate().filter(move |&(_, &x)| x == a || x == b).map(|(i, _)| i)
    }

    pub fn each_of3(a: u8, b: u8, c: u8, haystack: &[u8]) -> impl Iterator<Item = usize> + '_ {
        haystack.iter().enumerate().filter(move |&(_, &x)| x == a || x == b || x == c).map(|(i, _)| i)
    }

    /// Without building a searcher, as the native `find`: the rules look
    /// for short words in short clauses, thousands of times per report.
    pub fn find(text: &str, word: &str) -> Option<usize> {
        let (hay, needle) = (text.as_bytes(), word.as_bytes());
        let Some((&last, head)) = needle.split_last() else { return Some(0) };
        let ends = hay.get(head.len()..)?;
        // A match of valid UTF-8 in valid UTF-8 starts on a character boundary.
        (0..ends.len()).find(|&start| ends[start] == last && &hay[start..start + head.len()] == head)
    }

    pub fn each_match<'h>(haystack: &'h [u8], needle: &'h str) -> impl Iterator<Item = usize> + 'h {
        let needle = needle.as_bytes();
        let mut from = 0;
        std::iter::from_fn(move || {
            if needle.is_empty() || from + needle.len() > haystack.len() {
                return None;
            }
            let at = from + haystack[from..].windows(needle.len()).position(|w| w == needle)?;
            from = at + needle.len();
            Some(at)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    /// The plain loops find what the `memchr` searches find.
    #[test]
    fn plain_loops_find_what_native_searches_find() {
        let texts = crate::rules::scan::tests::jumbled(&["年", "\n", ";", ",", "，", "。", "\0", "申请申请"]);
        for text in &texts {
            let b = text.as_bytes();
            assert_eq!(plain::find_byte(0, b), super::find_byte(0, b));
            assert!(plain::each_of2(b';', b',', b).eq(super::each_of2(b';', b',', b)));
            assert!(plain::each_of3(0xe3, 0xef, b'\n', b).eq(super::each_of3(0xe3, 0xef, b'\n', b)));
            // Over several 64-byte chunks, the last one short.
            let long = text.repeat(9);
            let l = long.as_bytes();
            let mut all = Vec::new();
            assert_eq!(
                super::first_in([0xe3, 0xef, b'\n'], l, |at| {
                    all.push(at);
                    false
                }),
                None
            );
            assert!(plain::each_of3(0xe3, 0xef, b'\n', l).eq(all));
            let mut all = Vec::new();
            assert_eq!(
                super::first_in([b';', b','], l, |at| {
                    all.push(at);
                    false
                }),
                None
            );
            assert!(plain::each_of2(b';', b',', l).eq(all));
            let second = plain::each_of2(b';', b',', l).nth(1);
            assert_eq!(super::first_in([b';', b','], l, |at| Some(at) == second), second);
            for needle in ["年", "申请", "申请申请", "。"] {
                assert!(plain::each_match(b, needle).eq(super::each_match(b, needle)), "{text} {needle}");
            }
            for word in ["年", "申请", "申请申请", "。", "申请。", ""] {
                assert_eq!(plain::find(text, word), text.find(word), "{text} {word}");
                assert_eq!(super::find(text, word), text.find(word), "{text} {word}");
            }
        }
    }
}
