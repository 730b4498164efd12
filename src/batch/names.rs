//! An index of organ names for near-name matching at scale.
//!
//! [`coverage::name_match`](super::coverage::name_match) says whether two
//! names are the same organ: equal after normalisation, or the shorter one
//! the longer one with characters left out and the same last character.
//! Comparing every name with every other is quadratic (a province's five
//! years, 100,000 reports, would take minutes); the index answers "which
//! names match this one" by looking names up instead:
//!
//! - equal names by their normalised key;
//! - longer names that contain the query as a subsequence: only names of the
//!   query's abbreviation class (same last character) that contain the
//!   query's rarest character in that class can, so only they are compared;
//! - shorter names the query contains as a subsequence: each name is filed
//!   under its own rarest character, which the query must contain, so only
//!   the names filed under the query's characters are compared.
//!
//! Each name is normalised once, when it is added. The answers are exactly
//! those of [`name_match`](super::coverage::name_match) over all names
//! (a test compares them on generated batches).

use crate::limits::MAX_NAME_CHARS;
use std::collections::HashMap;

/// Shortest name a near match may use (`局` alone matches nothing).
const MIN_NEAR_CHARS: usize = 3;

/// A name as matching sees it: letters and digits only, short forms written
/// out ([`super::abbreviations`]), at most
/// [`MAX_NAME_CHARS`] of them (matching a hostile name costs no more than a
/// real one).
pub fn normalized(name: &str) -> Vec<char> {
    let plain: Vec<char> = name.chars().filter(|c| c.is_alphanumeric()).take(MAX_NAME_CHARS).collect();
    // Short names staff use (卫健委, 管委会 …) in their full form.
    let mut full = super::abbreviations::expanded(&plain);
    full.truncate(MAX_NAME_CHARS);
    full
}

/// `Some(true)` for the same normalised name, `Some(false)` for a near
/// match (see the module documentation), `None` otherwise.
pub fn normalized_match(a: &[char], b: &[char]) -> Option<bool> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    if a == b {
        return Some(true);
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let abbreviated = short.len() >= MIN_NEAR_CHARS && short.last() == long.last() && is_subsequence(short, long);
    abbreviated.then_some(false)
}

/// Whether `short` is `long` with some characters left out.
fn is_subsequence(short: &[char], long: &[char]) -> bool {
    let mut rest = long.iter();
    short.iter().all(|c| rest.any(|l| l == c))
}

/// Names of one abbreviation class: the same last character.
#[derive(Default)]
struct Class {
    /// Items whose name contains the character (each item once per character).
    containing: HashMap<char, Vec<u32>>,
    /// Items of at least [`MIN_NEAR_CHARS`] characters, under their rarest
    /// character in this class.
    by_rarest: HashMap<char, Vec<u32>>,
}

impl Class {
    /// The character of `name` fewest items of the class contain (the first
    /// of equals); `None` when some character is in none of them.
    fn rarest(&self, name: &[char]) -> Option<char> {
        let mut best: Option<(usize, char)> = None;
        for &c in name {
            let n = self.containing.get(&c).map_or(0, Vec::len);
            if best.is_none_or(|(m, _)| n < m) {
                best = Some((n, c));
            }
        }
        best.filter(|&(n, _)| n > 0).map(|(_, c)| c)
    }
}

/// Names (items `0..len`, in the order added) looked up by name.
pub struct NameIndex {
    names: Vec<Vec<char>>,
    exact: HashMap<Vec<char>, Vec<u32>>,
    classes: HashMap<char, Class>,
}

impl NameIndex {
    /// The index of `names` (item `i` is `names[i]`).
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameIndex {
        let names: Vec<Vec<char>> = names.into_iter().map(normalized).collect();
        let mut exact: HashMap<Vec<char>, Vec<u32>> = HashMap::new();
        let mut classes: HashMap<char, Class> = HashMap::new();
        let mut distinct = Vec::new();
        for (item, name) in names.iter().enumerate() {
            let Some(&last) = name.last() else { continue };
            exact.entry(name.clone()).or_default().push(item as u32);
            distinct.clear();
            distinct.extend_from_slice(name);
            distinct.sort_unstable();
            distinct.dedup();
            let class = classes.entry(last).or_default();
            for &c in &distinct {
                class.containing.entry(c).or_default().push(item as u32);
            }
        }
        for (item, name) in names.iter().enumerate() {
            if name.len() < MIN_NEAR_CHARS {
                continue;
            }
            let Some(class) = name.last().and_then(|last| classes.get_mut(last)) else { continue };
            if let Some(rarest) = class.rarest(name) {
                class.by_rarest.entry(rarest).or_default().push(item as u32);
            }
        }
        NameIndex { names, exact, classes }
    }

    /// Every item whose name matches `name`, in item order, with whether
    /// the match is exact: `name_match(name, item)` for each item, without
    /// comparing with each.
    pub fn matches(&self, name: &str) -> Vec<(usize, bool)> {
        self.matches_normalized(&normalized(name))
    }

    /// [`Self::matches`] of a name already normalised.
    pub fn matches_normalized(&self, query: &[char]) -> Vec<(usize, bool)> {
        let Some(last) = query.last() else { return Vec::new() };
        let mut found: Vec<(usize, bool)> =
            self.exact.get(query).into_iter().flatten().map(|&i| (i as usize, true)).collect();
        let Some(class) = self.classes.get(last) else { return found };
        // Longer names holding the query as a subsequence.
        if query.len() >= MIN_NEAR_CHARS {
            if let Some(rarest) = class.rarest(query) {
                for &item in &class.containing[&rarest] {
                    let name = &self.names[item as usize];
                    if name.len() > query.len() && is_subsequence(query, name) {
                        found.push((item as usize, false));
                    }
                }
            }
        }
        // Shorter names the query holds as a subsequence.
        let mut seen: Vec<char> = Vec::with_capacity(query.len());
        for &c in query {
            if seen.contains(&c) {
                continue;
            }
            seen.push(c);
            for &item in class.by_rarest.get(&c).into_iter().flatten() {
                let name = &self.names[item as usize];
                if name.len() < query.len() && is_subsequence(name, query) {
                    found.push((item as usize, false));
                }
            }
        }
        found.sort_unstable();
        found
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::batch::synthetic::Rng;

    /// Names drawn from few characters, so that many are abbreviations of
    /// others (and many nearly are).
    pub(crate) fn near_names(seed: u64, count: usize) -> Vec<String> {
        const CHARS: &[char] = &['红', '寺', '堡', '区', '统', '计', '局', '审', '财', '政', ' ', '（', '1'];
        const LASTS: &[char] = &['局', '府', '局', '委'];
        let mut rng = Rng::new(seed);
        (0..count)
            .map(|_| {
                let len = rng.below(7) as usize;
                let mut name: String = (0..len).map(|_| CHARS[rng.below(CHARS.len() as u64) as usize]).collect();
                name.push(LASTS[rng.below(LASTS.len() as u64) as usize]);
                name
            })
            .collect()
    }

    #[test]
    fn finds_what_comparing_every_pair_finds() {
        for seed in 0..20 {
            let names = near_names(seed, 300);
            let index = NameIndex::new(names.iter().map(String::as_str));
            for query in near_names(seed + 1000, 100).iter().chain(&names) {
                let q = normalized(query);
                let brute: Vec<(usize, bool)> = names
                    .iter()
                    .enumerate()
                    .filter_map(|(i, n)| normalized_match(&q, &normalized(n)).map(|exact| (i, exact)))
                    .collect();
                assert_eq!(index.matches(query), brute, "{query} in seed {seed}");
            }
        }
    }

    #[test]
    fn empty_and_short_names() {
        let index = NameIndex::new(["", "局", "统计局", "——"]);
        assert_eq!(index.matches(""), []);
        assert_eq!(index.matches("局"), [(1, true)]);
        assert_eq!(index.matches("区统计局"), [(2, false)]);
        assert_eq!(index.matches("计局"), []);
    }
}
