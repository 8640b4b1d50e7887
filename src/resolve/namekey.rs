//! Rows by the consonant-class skeletons of all their name parts, in
//! order: the name key. A query of several parts that keeps every part's
//! skeleton (a vowel written or not, ة for ه, a letter of the same class,
//! the article), gains one class in one part, or loses a weak one (ع
//! written ا: see [`WEAK_CLASS`]), finds its likeliest rows with a few
//! hash lookups, before any part's candidates are read (see
//! [`NAME_KEY_SURE`]).

#[cfg(doc)]
use crate::index::WEAK_CLASS;
use crate::index::{Chains, packed, unpacked};
#[cfg(doc)]
use crate::letters::Costs;

#[cfg(doc)]
use super::NAME_KEY_SURE;

/// A name key holding more rows than this is not read: a pair of common
/// parts (محمد علي) says too little to stand in for the search.
const MAX_KEY_ROWS: usize = 64;

/// The rows of the index with at least two name parts, by name key.
#[derive(Debug, Default)]
pub(crate) struct NameKeys {
    /// Chains of entries of one key: entry `i` is row `rows[i]`.
    keys: Chains,
    rows: Vec<u32>,
}

impl NameKeys {
    /// Files each of `rows` rows, whose name parts `names` lists (per
    /// name part: its packed skeleton and
    /// the classes, as bits by position, that an edit takes out cheaply:
    /// see [`WEAK_CLASS`]) under its name key, and under the keys with one
    /// of those classes deleted (ع written ا, ه dropped: the query lost a
    /// class). Rows of fewer than two name parts are left out. Cost: one
    /// hash and one map insertion per key, a row's weak classes and one.
    pub(crate) fn build(
        rows: usize,
        mut names: impl FnMut(usize, &mut Vec<(u128, u16)>),
    ) -> NameKeys {
        let mut nk = NameKeys::default();
        nk.keys.reserve(rows);
        let (mut key, mut hashes, mut parts) = (Vec::new(), Vec::new(), Vec::new());
        for row in 0..rows {
            parts.clear();
            names(row, &mut parts);
            if parts.len() < 2 {
                continue;
            }
            key.clear();
            key.extend(parts.iter().map(|&(sk, _)| sk));
            hashes.clear();
            hashes.push(nk.keys.hash(&key[..]));
            for (j, &(sk, weak)) in parts.iter().enumerate() {
                for_each_deletion(sk, |run, less| {
                    if weak & run != 0 {
                        key[j] = less;
                        hashes.push(nk.keys.hash(&key[..]));
                    }
                });
                key[j] = sk;
            }
            hashes.sort_unstable();
            hashes.dedup();
            for &h in &hashes {
                nk.keys.push(h);
                nk.rows.push(row as u32);
            }
        }
        nk.keys.shrink_to_fit();
        nk.rows.shrink_to_fit();
        nk
    }

    /// The rows under the key of `skeletons` (with `variants`, under the
    /// keys of each one-class deletion from one part's skeleton instead)
    /// that `out` does not hold yet, appended to it; a key holding more
    /// than [`MAX_KEY_ROWS`] is skipped. Cost: one hash lookup per key
    /// (one, or one per class of the query's skeletons) and one step per
    /// row found.
    pub(crate) fn rows_into(&self, skeletons: &[u128], variants: bool, out: &mut Vec<u32>) {
        if skeletons.len() < 2 {
            return;
        }
        let read = |key: &[u128], out: &mut Vec<u32>| {
            let h = self.keys.hash(key);
            if self.keys.get(h).nth(MAX_KEY_ROWS).is_some() {
                return;
            }
            for id in self.keys.get(h) {
                let row = self.rows[id as usize];
                if !out.contains(&row) {
                    out.push(row);
                }
            }
        };
        if !variants {
            read(skeletons, out);
            return;
        }
        let mut key = skeletons.to_vec();
        for (j, &sk) in skeletons.iter().enumerate() {
            for_each_deletion(sk, |_, less| {
                key[j] = less;
                read(&key, out);
            });
            key[j] = sk;
        }
    }
}

/// Calls `f` with the skeleton of each class deleted from packed skeleton
/// `sk`, once per distinct result (a run of one class gives one), and the
/// positions it stands for as bits (the run's).
fn for_each_deletion(sk: u128, mut f: impl FnMut(u16, u128)) {
    let (bytes, len) = unpacked(sk);
    let mut less = bytes;
    let mut i = 0;
    while i < len {
        let run = bytes[i..len].iter().take_while(|&&b| b == bytes[i]).count();
        less[..i].copy_from_slice(&bytes[..i]);
        less[i..len - 1].copy_from_slice(&bytes[i + 1..len]);
        f((((1u32 << run) - 1) << i) as u16, packed(&less[..len - 1]));
        i += run;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part of this skeleton, no class weak.
    fn sk(s: &str) -> (u128, u16) {
        (packed(s.as_bytes()), 0)
    }

    fn build(rows: &[Vec<(u128, u16)>]) -> NameKeys {
        NameKeys::build(rows.len(), |r, out| out.extend_from_slice(&rows[r]))
    }

    fn query(parts: &[&str]) -> Vec<u128> {
        parts.iter().map(|p| sk(p).0).collect()
    }

    #[test]
    fn a_name_is_found_by_its_key_and_by_one_class_less() {
        let rows = vec![
            vec![sk("KLF"), sk("HFTR")],
            vec![sk("HFTR")],
            vec![sk("KLF"), sk("HFR")],
            vec![sk("MHMD"), sk("HFTR")],
        ];
        let nk = build(&rows);
        let mut out = Vec::new();
        nk.rows_into(&query(&["KLF", "HFTR"]), false, &mut out);
        assert_eq!(out, vec![0]);
        // The query's extra class (T) in its second part is dropped.
        out.clear();
        nk.rows_into(&query(&["KLF", "HFTR"]), true, &mut out);
        assert_eq!(out, vec![2]);
        // A row is listed once, and a one-part query finds nothing.
        nk.rows_into(&query(&["KLF", "HFTR"]), true, &mut out);
        assert_eq!(out, vec![2]);
        out.clear();
        nk.rows_into(&query(&["HFTR"]), false, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_query_that_lost_a_weak_class_finds_its_row() {
        // عماد التونسي (E M D, T N S) with ع weak; اماد (M D) lost it.
        let rows = vec![
            vec![(packed(b"EMD"), 0b001), sk("TNS")],
            vec![sk("EMD"), sk("TNS")],
            vec![sk("EMD"), (packed(b"TNSS"), 0b1000)],
        ];
        let nk = build(&rows);
        let mut out = Vec::new();
        nk.rows_into(&query(&["MD", "TNS"]), false, &mut out);
        assert_eq!(out, vec![0]);
        // Row 2's second S is weak: deleting the first is the same.
        out.clear();
        nk.rows_into(&query(&["EMD", "TNS"]), false, &mut out);
        assert_eq!(out, vec![0, 1, 2]);
    }

    #[test]
    fn a_crowded_key_is_skipped() {
        let rows: Vec<Vec<(u128, u16)>> = (0..=MAX_KEY_ROWS)
            .map(|_| vec![sk("MHMD"), sk("ALY")])
            .collect();
        let nk = build(&rows);
        let mut out = Vec::new();
        nk.rows_into(&query(&["MHMD", "ALY"]), false, &mut out);
        assert!(out.is_empty());
        let nk = build(&rows[1..]);
        nk.rows_into(&query(&["MHMD", "ALY"]), false, &mut out);
        assert_eq!(out.len(), MAX_KEY_ROWS);
    }
}
