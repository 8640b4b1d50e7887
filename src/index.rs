//! The candidate index over an alias table: exact forms in a hash map, and
//! deletion neighbourhoods of letter-class skeletons for fuzzy lookups.
//!
//! A part's *skeleton* is the string of phonetic classes of its consonants
//! (vowel letters ا و ي, hamza and the removable prefix dropped), so that
//! حفتر, حفطر and هفتر share one skeleton `HFTR`. Every skeleton is indexed
//! with its one-deletion variants (for skeletons of three classes or more),
//! so a query finds any part within one class-level edit on each side:
//! a wrong first letter, an extra or missing consonant, a confusion across
//! classes. Distances are then computed on candidates only.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::letters::Costs;
use crate::normalize::{CHAR_MASK, Name};

/// A hasher for keys that are already well-mixed `u64` hashes.
#[derive(Default)]
pub(crate) struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// The crate's hash map for other keys (strings, letter sequences, ids):
/// foldhash, fast on short keys and seeded at random per process.
pub(crate) type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
/// The set counterpart of [`Map`].
pub(crate) type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// Longest skeleton that gets deletion variants (longer ones are rare and
/// get only their first 12 classes indexed).
const MAX_SKELETON: usize = 12;

/// The class skeleton of a part's core letters.
pub(crate) fn skeleton(costs: &Costs, symbols: &[u32], out: &mut Vec<u8>) {
    out.clear();
    for &s in symbols {
        if s & crate::normalize::PREFIX_FLAG != 0 && is_prefix_letter(s) {
            continue;
        }
        let c = costs.class_of(s);
        match c {
            '-' | '_' => {}
            '?' | '#' => {
                // Digits and unknown letters stand for themselves.
                let ch = s & CHAR_MASK;
                out.push((ch % 251) as u8 | 0x80);
            }
            c => out.push(c as u8),
        }
        if out.len() == MAX_SKELETON {
            break;
        }
    }
}

fn is_prefix_letter(s: u32) -> bool {
    // Letters of ال and the clitics; soft romanised vowels have class '-'
    // and are dropped anyway.
    matches!(
        char::from_u32(s & CHAR_MASK),
        Some('ا' | 'ل' | 'و' | 'ف' | 'ب' | 'ك')
    )
}

fn fnv(bytes: &[u8], salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (bytes.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Skeletons shorter than this get no deletion variants (a one-class key
/// would be shared by most names). Short skeletons still meet longer ones
/// through the longer one's variants.
pub(crate) const MIN_DELETION_SKELETON: usize = 3;

/// The keys of a skeleton: itself, and its one-deletion variants when it
/// has at least [`MIN_DELETION_SKELETON`] classes.
pub(crate) fn keys(skel: &[u8], out: &mut Vec<u64>) {
    out.clear();
    out.push(fnv(skel, 0));
    if skel.len() >= MIN_DELETION_SKELETON {
        let mut tmp = Vec::with_capacity(skel.len());
        for i in 0..skel.len() {
            if i > 0 && skel[i] == skel[i - 1] {
                continue; // same variant as deleting i-1
            }
            tmp.clear();
            tmp.extend_from_slice(&skel[..i]);
            tmp.extend_from_slice(&skel[i + 1..]);
            out.push(fnv(&tmp, 0));
        }
    }
}

/// One-deletion posting lists longer than this are not read by the
/// resolver (dev Arabic acc@1 0.594 -> 0.593, query time halved).
const MAX_DELETION_POSTINGS: usize = 500;

/// Distinct parts of the table, with the rows that contain them.
#[derive(Debug, Default)]
pub(crate) struct PartIndex {
    /// Each distinct part as a one-part name.
    pub(crate) parts: Vec<Name>,
    /// Each distinct part's class skeleton.
    pub(crate) skels: Vec<Box<[u8]>>,
    /// A part's symbols (letters with their prefix and soft flags: the same
    /// letters from a romanised Latin name are another part) → id.
    part_of: Map<Box<[u32]>, u32>,
    /// (row, position) pairs per part.
    pub(crate) occurrences: Vec<Vec<(u32, u16)>>,
    /// Skeleton key → its range in `posted` (the parts with that key, in
    /// id order). Built by [`PartIndex::shrink`] from `pending`.
    postings: KeyMap<(u32, u32)>,
    posted: Vec<u32>,
    /// (key, part) pairs added since the last `shrink`: one flat list
    /// sorted once, instead of a growing list per key.
    pending: Vec<(u64, u32)>,
}

impl PartIndex {
    /// Adds every part of `name` (row `row`) and pushes their ids, in
    /// order, onto `ids`.
    pub(crate) fn add(
        &mut self,
        costs: &Costs,
        name: &Name,
        row: u32,
        skel: &mut Vec<u8>,
        ks: &mut Vec<u64>,
        ids: &mut Vec<u32>,
    ) {
        for pos in 0..name.parts().len() {
            let id = match self.part_of.get(name.part_symbols(pos)) {
                Some(&id) => id,
                None => {
                    let id = self.parts.len() as u32;
                    let one = name.slice(pos..pos + 1);
                    skeleton(costs, one.symbols(), skel);
                    keys(skel, ks);
                    self.pending.extend(ks.iter().map(|&k| (k, id)));
                    self.parts.push(one);
                    self.skels.push(skel.as_slice().into());
                    self.occurrences.push(Vec::new());
                    self.part_of.insert(name.part_symbols(pos).into(), id);
                    id
                }
            };
            self.occurrences[id as usize].push((row, pos.min(u16::MAX as usize) as u16));
            ids.push(id);
        }
    }

    /// Parts sharing a skeleton key with `part`, deduplicated: those with
    /// the same skeleton first (the likeliest matches, so that a search for
    /// the best one can tighten its bound early), then the rest.
    pub(crate) fn candidates(
        &self,
        costs: &Costs,
        part: &Name,
        skel: &mut Vec<u8>,
        ks: &mut Vec<u64>,
        out: &mut Vec<u32>,
    ) {
        out.clear();
        skeleton(costs, part.symbols(), skel);
        keys(skel, ks);
        let mut first = 0;
        for (n, k) in ks.iter().enumerate() {
            if let Some(&(a, b)) = self.postings.get(k) {
                let list = &self.posted[a as usize..b as usize];
                // The same-skeleton list is always read; a one-deletion list
                // shared by hundreds of parts is too weak a cue to pay for.
                if n == 0 || list.len() <= MAX_DELETION_POSTINGS {
                    out.extend_from_slice(list);
                }
            }
            if n == 0 {
                out.sort_unstable();
                out.dedup();
                first = out.len();
            }
        }
        let (head, tail) = out.split_at_mut(first);
        tail.sort_unstable();
        let head: &[u32] = head;
        let mut rest: Vec<u32> = Vec::with_capacity(tail.len());
        let mut last = None;
        for &x in tail.iter() {
            if last != Some(x) && head.binary_search(&x).is_err() {
                rest.push(x);
            }
            last = Some(x);
        }
        out.truncate(first);
        out.extend_from_slice(&rest);
    }

    /// The id of a part with exactly this text.
    pub(crate) fn get(&self, symbols: &[u32]) -> Option<u32> {
        self.part_of.get(symbols).copied()
    }

    /// Finishes the index after the last [`PartIndex::add`]: builds the
    /// posting ranges and trims spare capacity. Parts added after this are
    /// not found by their keys until the next call.
    pub(crate) fn shrink(&mut self) {
        for o in &mut self.occurrences {
            o.shrink_to_fit();
        }
        // Merge the new pairs with the existing lists, then rebuild the ranges.
        let mut all = std::mem::take(&mut self.pending);
        for (&k, &(a, b)) in &self.postings {
            all.extend(
                self.posted[a as usize..b as usize]
                    .iter()
                    .map(|&id| (k, id)),
            );
        }
        all.sort_unstable();
        all.dedup();
        self.posted = all.iter().map(|&(_, id)| id).collect();
        self.postings = KeyMap::default();
        self.postings.reserve(all.len() / 4);
        let mut start = 0;
        for run in all.chunk_by(|x, y| x.0 == y.0) {
            let end = start + run.len();
            self.postings.insert(run[0].0, (start as u32, end as u32));
            start = end;
        }
    }
}
