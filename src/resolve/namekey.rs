//! Rows by the consonant-class skeletons of all their name parts, in
//! order: the name key. A query of several parts that keeps every part's
//! skeleton (a vowel written or not, ة for ه, a letter of the same class,
//! the article), or drops one class from one part, finds its likeliest rows
//! with a few hash lookups, before any part's candidates are read (see
//! [`NAME_KEY_SURE`]).

use crate::index::{Chains, packed};

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
    /// Files each row of `skeletons` (its name parts' packed skeletons;
    /// rows of fewer than two are left out). Cost: one hash and one map
    /// insertion per row.
    pub(crate) fn build<I, S>(skeletons: I) -> NameKeys
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u128]>,
    {
        let mut nk = NameKeys::default();
        for (row, sk) in skeletons.into_iter().enumerate() {
            let sk = sk.as_ref();
            if sk.len() >= 2 {
                let h = nk.keys.hash(sk);
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
            let len = (sk >> 120) as usize;
            let bytes: Vec<u8> = (0..len).map(|i| (sk >> (8 * i)) as u8).collect();
            let mut less = Vec::with_capacity(len);
            for i in 0..len {
                if i > 0 && bytes[i] == bytes[i - 1] {
                    continue; // the same variant as deleting i - 1
                }
                less.clear();
                less.extend_from_slice(&bytes[..i]);
                less.extend_from_slice(&bytes[i + 1..]);
                key[j] = packed(&less);
                read(&key, out);
            }
            key[j] = sk;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sk(s: &str) -> u128 {
        packed(s.as_bytes())
    }

    #[test]
    fn a_name_is_found_by_its_key_and_by_one_class_less() {
        let rows = vec![
            vec![sk("KLF"), sk("HFTR")],
            vec![sk("HFTR")],
            vec![sk("KLF"), sk("HFR")],
            vec![sk("MHMD"), sk("HFTR")],
        ];
        let nk = NameKeys::build(&rows);
        let mut out = Vec::new();
        nk.rows_into(&[sk("KLF"), sk("HFTR")], false, &mut out);
        assert_eq!(out, vec![0]);
        // The query's extra class (T) in its second part is dropped.
        out.clear();
        nk.rows_into(&[sk("KLF"), sk("HFTR")], true, &mut out);
        assert_eq!(out, vec![2]);
        // A row is listed once, and a one-part query finds nothing.
        nk.rows_into(&[sk("KLF"), sk("HFTR")], true, &mut out);
        assert_eq!(out, vec![2]);
        out.clear();
        nk.rows_into(&[sk("HFTR")], false, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_crowded_key_is_skipped() {
        let rows: Vec<Vec<u128>> = (0..=MAX_KEY_ROWS)
            .map(|_| vec![sk("MHMD"), sk("ALY")])
            .collect();
        let nk = NameKeys::build(&rows);
        let mut out = Vec::new();
        nk.rows_into(&[sk("MHMD"), sk("ALY")], false, &mut out);
        assert!(out.is_empty());
        let nk = NameKeys::build(&rows[1..]);
        nk.rows_into(&[sk("MHMD"), sk("ALY")], false, &mut out);
        assert_eq!(out.len(), MAX_KEY_ROWS);
    }
}
