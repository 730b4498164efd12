//! Teddy for the batch page's SIMD module: the words' first three bytes as
//! fingerprints, sixteen text positions at a time, by nibble tables
//! (`i8x16.swizzle`). aho-corasick's Teddy is for x86-64 and AArch64 only;
//! without it the page looked for each word of a list on its own, and the
//! prose rules' lists were a fifth of its check. Natively (for the tests)
//! the same steps run on plain arrays.
//!
//! Each word falls in one of eight buckets (words of the same first three
//! bytes in the same one). Table `k` gives, for a byte's low and for its
//! high nibble, the buckets having a word whose byte `k` has that nibble; a
//! position where bytes 0, 1 and 2 all pass for a bucket is a candidate,
//! and its bucket's words are compared there. The first byte of a Chinese
//! character (E4–E9) is never a later byte of one (80–BF), so few positions
//! inside a character pass.

use vector::V;

/// Bytes of each word taken as its fingerprint.
const FINGERPRINT: usize = 3;
const BUCKETS: usize = 8;

pub struct Teddy {
    /// Per fingerprint byte: the buckets by low nibble, by high nibble.
    tables: [(V, V); FINGERPRINT],
    /// The words (their places in the list) of each bucket, in list order.
    buckets: [Vec<usize>; BUCKETS],
}

impl Teddy {
    /// `None` when a word is shorter than the fingerprint (or there are
    /// no words): such lists are searched word by word.
    pub fn new(words: &[&str]) -> Option<Teddy> {
        if words.is_empty() || words.iter().any(|w| w.len() < FINGERPRINT) {
            return None;
        }
        let mut fingerprints: Vec<&[u8]> = Vec::new();
        let mut buckets: [Vec<usize>; BUCKETS] = Default::default();
        let mut tables = [([0u8; 16], [0u8; 16]); FINGERPRINT];
        for (n, word) in words.iter().enumerate() {
            let fingerprint = &word.as_bytes()[..FINGERPRINT];
            let kind = fingerprints.iter().position(|f| *f == fingerprint).unwrap_or_else(|| {
                fingerprints.push(fingerprint);
                fingerprints.len() - 1
            });
            let bucket = kind % BUCKETS;
            buckets[bucket].push(n);
            for (table, &byte) in tables.iter_mut().zip(fingerprint) {
                table.0[usize::from(byte & 0x0f)] |= 1 << bucket;
                table.1[usize::from(byte >> 4)] |= 1 << bucket;
            }
        }
        Some(Teddy { tables: tables.map(|(low, high)| (V::from(low), V::from(high))), buckets })
    }

    /// Each start at or after `from` where a word of the list occurs, in
    /// order, with the words (places in `words`, the list given to
    /// [`Teddy::new`]) that occur there, in list order, until `found`
    /// says stop: where it stopped.
    pub fn each_from(
        &self,
        haystack: &[u8],
        from: usize,
        words: &[&str],
        mut found: impl FnMut(usize, &[usize]) -> bool,
    ) -> Option<usize> {
        let mut here = Vec::new();
        let mut at = from;
        // The last chunks, short of bytes for three loads, padded with zero
        // bytes (no word's byte has a zero high nibble).
        let mut padded = [0u8; 16 + FINGERPRINT - 1];
        while at < haystack.len() {
            let (chunk, whole) = match haystack.get(at..at + 16 + FINGERPRINT - 1) {
                Some(chunk) => (chunk, true),
                None => {
                    let rest = &haystack[at..];
                    padded.fill(0);
                    padded[..rest.len()].copy_from_slice(rest);
                    (&padded[..], false)
                }
            };
            let candidates = self.candidates(chunk);
            let mut passed = candidates.nonzero_lanes();
            if !whole {
                passed &= (1u32 << (haystack.len() - at).min(16)) - 1;
            }
            // Each position's buckets (only when one passes: rare).
            let lanes = if passed == 0 { [0; 16] } else { candidates.bytes() };
            while passed != 0 {
                let lane = passed.trailing_zeros() as usize;
                passed &= passed - 1;
                let start = at + lane;
                let rest = &haystack[start..];
                let buckets = lanes[lane];
                here.clear();
                for bucket in (0..BUCKETS).filter(|b| buckets & (1 << b) != 0) {
                    here.extend(self.buckets[bucket].iter().filter(|&&n| rest.starts_with(words[n].as_bytes())));
                }
                if here.is_empty() {
                    continue;
                }
                here.sort_unstable();
                if found(start, &here) {
                    return Some(start);
                }
            }
            at += 16;
        }
        None
    }

    /// Per position of the chunk, the buckets whose fingerprint its three
    /// bytes pass for.
    fn candidates(&self, chunk: &[u8]) -> V {
        let mut all = V::load(chunk, 0).buckets(&self.tables[0]);
        for k in 1..FINGERPRINT {
            all = all.and(V::load(chunk, k).buckets(&self.tables[k]));
        }
        all
    }
}

/// Sixteen bytes: WebAssembly's `v128` in the SIMD build, an array
/// elsewhere (the same steps, for the tests).
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod vector {
    use core::arch::wasm32::*;

    #[derive(Clone, Copy)]
    pub struct V(v128);

    impl From<[u8; 16]> for V {
        fn from(bytes: [u8; 16]) -> V {
            V(u8x16(
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15],
            ))
        }
    }

    impl V {
        /// The sixteen bytes of `chunk` from `at` (which has them).
        #[inline]
        pub fn load(chunk: &[u8], at: usize) -> V {
            let bytes = &chunk[at..at + 16];
            // SAFETY: `bytes` is 16 readable bytes; v128_load takes any alignment.
            V(unsafe { v128_load(bytes.as_ptr().cast()) })
        }

        /// Each byte's buckets by the tables (low nibble, high nibble).
        #[inline]
        pub fn buckets(self, (low, high): &(V, V)) -> V {
            let lows = u8x16_swizzle(low.0, v128_and(self.0, u8x16_splat(0x0f)));
            let highs = u8x16_swizzle(high.0, u8x16_shr(self.0, 4));
            V(v128_and(lows, highs))
        }

        #[inline]
        pub fn and(self, other: V) -> V {
            V(v128_and(self.0, other.0))
        }

        /// Bit `i` set when byte `i` is not zero.
        #[inline]
        pub fn nonzero_lanes(self) -> u32 {
            if !v128_any_true(self.0) {
                return 0;
            }
            u32::from(u8x16_bitmask(u8x16_ne(self.0, u8x16_splat(0))))
        }

        pub fn bytes(self) -> [u8; 16] {
            let mut bytes = [0u8; 16];
            // SAFETY: 16 writable bytes.
            unsafe { v128_store(bytes.as_mut_ptr().cast(), self.0) };
            bytes
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod vector {
    #[derive(Clone, Copy)]
    pub struct V([u8; 16]);

    impl From<[u8; 16]> for V {
        fn from(bytes: [u8; 16]) -> V {
            V(bytes)
        }
    }

    impl V {
        pub fn load(chunk: &[u8], at: usize) -> V {
            V(chunk[at..at + 16].try_into().unwrap_or([0; 16]))
        }

        pub fn buckets(self, (low, high): &(V, V)) -> V {
            V(self.0.map(|b| low.0[usize::from(b & 0x0f)] & high.0[usize::from(b >> 4)]))
        }

        pub fn and(self, other: V) -> V {
            V(std::array::from_fn(|i| self.0[i] & other.0[i]))
        }

        pub fn nonzero_lanes(self) -> u32 {
            self.0.iter().enumerate().filter(|(_, &b)| b != 0).fold(0, |mask, (i, _)| mask | 1 << i)
        }

        pub fn bytes(self) -> [u8; 16] {
            self.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every start of every word, by trying each word at each position.
    fn every_start(text: &str, words: &[&str]) -> Vec<(usize, Vec<usize>)> {
        (0..text.len())
            .map(|at| {
                (at, (0..words.len()).filter(|&n| text.as_bytes()[at..].starts_with(words[n].as_bytes())).collect())
            })
            .filter(|(_, here): &(usize, Vec<usize>)| !here.is_empty())
            .collect()
    }

    #[test]
    fn finds_every_start_of_every_word_and_stops_when_told() {
        // More fingerprints than buckets; words sharing a fingerprint; a
        // word inside another; ASCII words.
        let words = [
            "依申请公开",
            "依申请",
            "政府信息公开",
            "政府网站",
            "信息公开工作",
            "主动公开",
            "行政复议",
            "行政诉讼",
            "年度报告",
            "不予公开",
            "收费",
            "abc申请",
            "申请人",
        ];
        let teddy = Teddy::new(&words).unwrap();
        let texts = crate::rules::scan::tests::jumbled(&[
            "依申请公开",
            "政府信息公开工作",
            "行政复议",
            "abc申请人",
            "年度",
            "报告",
            "，",
            "。",
            "a",
            "收费",
        ]);
        for text in &texts {
            for long in [text.clone(), text.repeat(7)] {
                let mut seen = Vec::new();
                let end = teddy.each_from(long.as_bytes(), 0, &words, |at, here| {
                    seen.push((at, here.to_vec()));
                    false
                });
                assert_eq!(end, None);
                let expected = every_start(&long, &words);
                assert_eq!(seen, expected, "{long}");
                // From a later start, and stopping at the second.
                if let Some(&(second, _)) = expected.get(1) {
                    assert_eq!(teddy.each_from(long.as_bytes(), 0, &words, |at, _| at == second), Some(second));
                    assert_eq!(teddy.each_from(long.as_bytes(), second, &words, |_, _| true), Some(second));
                }
            }
        }
        assert!(Teddy::new(&["年"]).is_some() && Teddy::new(&["ab"]).is_none() && Teddy::new(&[]).is_none());
    }
}
