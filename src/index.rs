//! The candidate index over an alias table: exact forms in a hash map, and
//! deletion neighbourhoods of letter-class skeletons for fuzzy lookups.
//!
//! A part's *skeleton* is the string of phonetic classes of its consonants
//! (vowel letters ا و ي, hamza and the removable prefix dropped), so that
//! حفتر, حفطر and هفتر share one skeleton `HFTR`. Every skeleton is indexed
//! with its one-deletion variants (for skeletons of three classes or more),
//! so a query finds any part within one class-level edit on each side:
//! a wrong first letter, an extra or missing consonant, a confusion across
//! classes. A part with the article is also filed under its skeleton with
//! the article's letters (إلياس, read as ال and ياس, meets ايلياس), and a
//! part of a short skeleton (three classes at most) under its letters with
//! the vowels (إثيوبيا, skeleton ث ب, meets إثيويا; كاكويه meets كاكوي,
//! whose shared key is too common to read). Distances are then computed on
//! candidates only.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use crate::forms::Forms;
use crate::letters::{BagMasks, Costs};
use crate::normalize::CHAR_MASK;

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

/// Ids `0, 1, 2, …` grouped by a 64-bit hash of their key, the keys kept
/// elsewhere (in a flat array the ids index): a hash map from keys to ids
/// without a second copy of every key. Ids with the same hash (one key, or
/// a rare collision) form a chain in id order; callers compare keys.
#[derive(Clone, Debug, Default)]
pub(crate) struct Chains {
    /// Hash → (first, last) id of its chain.
    heads: KeyMap<(u32, u32)>,
    /// Id → the next id with the same hash.
    next: Vec<u32>,
    hasher: foldhash::fast::RandomState,
}

/// The end of a chain.
const NONE: u32 = u32::MAX;

impl Chains {
    /// Room for `n` more ids.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.heads.reserve(n);
        self.next.reserve(n);
    }

    /// The hash keys are grouped by.
    pub(crate) fn hash<K: std::hash::Hash + ?Sized>(&self, key: &K) -> u64 {
        self.hasher.hash_one(key)
    }

    /// Adds the next id under hash `h` and returns it.
    pub(crate) fn push(&mut self, h: u64) -> u32 {
        let id = self.next.len() as u32;
        self.next.push(NONE);
        match self.heads.get_mut(&h) {
            Some(head) => {
                self.next[head.1 as usize] = id;
                head.1 = id;
            }
            None => {
                self.heads.insert(h, (id, id));
            }
        }
        id
    }

    /// The first id under hash `h` for which `is` holds, with `false`;
    /// else a new id added under `h`, with `true`. One hash probe either
    /// way (looking up, then adding, took three).
    pub(crate) fn find_or_push(&mut self, h: u64, is: impl Fn(u32) -> bool) -> (u32, bool) {
        use std::collections::hash_map::Entry;
        let id = self.next.len() as u32;
        match self.heads.entry(h) {
            Entry::Occupied(mut e) => {
                let mut at = e.get().0;
                while at != NONE {
                    if is(at) {
                        return (at, false);
                    }
                    at = self.next[at as usize];
                }
                let last = e.get().1 as usize;
                self.next[last] = id;
                e.get_mut().1 = id;
            }
            Entry::Vacant(e) => {
                e.insert((id, id));
            }
        }
        self.next.push(NONE);
        (id, true)
    }

    /// The ids under hash `h`, in order.
    pub(crate) fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&h).map_or(NONE, |head| head.0);
        std::iter::from_fn(move || {
            let id = at;
            if id == NONE {
                return None;
            }
            at = self.next[id as usize];
            Some(id)
        })
    }

    /// Trims spare capacity.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.heads.shrink_to_fit();
        self.next.shrink_to_fit();
    }
}

/// Item `i`'s run in a flat list: `items[starts[i]..starts[i + 1]]` (the
/// layout of every per-part and per-row list of the index).
#[inline]
pub(crate) fn run<'a, T>(items: &'a [T], starts: &[u32], i: usize) -> &'a [T] {
    &items[starts[i] as usize..starts[i + 1] as usize]
}

/// Longest skeleton that gets deletion variants (longer ones are rare and
/// get only their first 12 classes indexed).
const MAX_SKELETON: usize = 12;

/// The class skeleton of a part's core letters.
pub(crate) fn skeleton(costs: &Costs, symbols: &[u32], out: &mut Vec<u8>) {
    skeleton_of(costs, symbols, Letters::Core, out)
}

/// Which letters a skeleton keeps (see [`skeleton_of`]).
#[derive(Clone, Copy, PartialEq)]
enum Letters {
    /// The consonants, without the article's letters (a clitic's stay):
    /// [`skeleton`].
    Core,
    /// The consonants with the article's letters: [`article_skeleton`].
    Article,
    /// The consonants and the vowel letters, each vowel its own byte:
    /// [`vowel_skeleton`].
    Vowels,
}

/// The byte of a vowel letter in a [`Letters::Vowels`] skeleton: ا و ي and
/// ء their own (the weak ٰ ۥ ۦ those of ا و ي), other vowels one shared.
/// (Class bytes are upper-case ASCII, unknown letters' at or above 0x80.)
fn vowel_byte(s: u32) -> u8 {
    match char::from_u32(s & CHAR_MASK) {
        Some('ا' | '\u{0670}') => b'a',
        Some('و' | '\u{06E5}') => b'w',
        Some('ي' | '\u{06E6}') => b'y',
        Some('ء') => b'q',
        _ => b'v',
    }
}

/// The skeleton of `symbols` keeping `letters`, into `out` (at most
/// [`MAX_SKELETON`] bytes).
fn skeleton_of(costs: &Costs, symbols: &[u32], letters: Letters, out: &mut Vec<u8>) {
    out.clear();
    out.extend(skeleton_steps(costs, symbols, letters).map(|(b, _)| b));
}

/// Each byte of the skeleton of `symbols` keeping `letters` (at most
/// [`MAX_SKELETON`]), with the symbol it stands for.
fn skeleton_steps<'a>(
    costs: &'a Costs,
    symbols: &'a [u32],
    letters: Letters,
) -> impl Iterator<Item = (u8, u32)> + 'a {
    symbols
        .iter()
        .filter_map(move |&s| {
            let flagged = s & crate::normalize::PREFIX_FLAG != 0;
            // The removable prefix, and in the vowel form a romanised name's
            // soft vowels too (the core skeleton drops them as vowels).
            let skip = match letters {
                Letters::Core => flagged && is_prefix_letter(s),
                Letters::Article => false,
                Letters::Vowels => flagged,
            };
            if skip {
                return None;
            }
            let b = match costs.class_of(s) {
                '-' | '_' if letters == Letters::Vowels => vowel_byte(s),
                '-' | '_' => return None,
                '?' | '#' => {
                    // Digits and unknown letters stand for themselves.
                    let ch = s & CHAR_MASK;
                    (ch % 251) as u8 | 0x80
                }
                c => c as u8,
            };
            Some((b, s))
        })
        .take(MAX_SKELETON)
}

/// The letters behind the bytes of `symbols`' [`skeleton`], into `out`.
pub(crate) fn skeleton_letters(costs: &Costs, symbols: &[u32], out: &mut Vec<u32>) {
    out.clear();
    out.extend(skeleton_steps(costs, symbols, Letters::Core).map(|(_, s)| s));
}

/// The class skeleton of a part's letters with its article (ال, flagged
/// removable), into `out`; false, leaving `out` empty, for a part without
/// one (its skeleton is [`skeleton`]'s).
///
/// The part index files a table part with the article under the keys of
/// this skeleton too: a name that only begins like the article (إلياس,
/// folded to الياس: ال and ياس) then meets a spelling without it
/// (ايلياس), and so does a garbled article (اخلمتحدة for المتحدة). On
/// three sets of 20,000 random edits of the shipped table's Arabic
/// spellings acc@1 went 0.858 / 0.857 / 0.858 → 0.871 each; dev.arabres
/// 0.674 → 0.675, dev.xres 0.867 → 0.868, the generated 100k table 0.956
/// → 0.957; 2% more instructions per query on both the generated 100k
/// table and dev.arabres. A query with the article looking its part up
/// with it too gained 0.001–0.003 more on the edits, for 9% more
/// instructions per query rather than 2%. (Lists that the new keys grow
/// past `MAX_DELETION_POSTINGS` are skipped: these figures include it.)
fn article_skeleton(costs: &Costs, symbols: &[u32], out: &mut Vec<u8>) -> bool {
    out.clear();
    let article = symbols
        .iter()
        .any(|&s| s & crate::normalize::PREFIX_FLAG != 0 && s & CHAR_MASK == 'ل' as u32);
    if article {
        skeleton_of(costs, symbols, Letters::Article, out);
    }
    article
}

/// For a part whose skeleton (of `skeleton_len` classes) has at most
/// [`MIN_DELETION_SKELETON`] classes: the classes of its letters with its
/// vowel letters (each its own byte, [`vowel_byte`]), into `out`; false,
/// leaving `out` empty, for any other part.
///
/// The part index files such a part under the keys of this string too,
/// and a query part of a short skeleton looks them up: إثيويا (ث) meets
/// إثيوبيا (ث ب), whose skeletons alone share no key; كاكويه (ك ك ه) meets
/// كاكوي (ك ك), whose shared deletion key lists more parts than a search
/// reads ([`MAX_DELETION_POSTINGS`]), and عكيفا meets اكيفا.
///
/// With skeletons of three classes too (the first version had only those
/// of one or two): dev.arabres acc@1 0.676 → 0.677 (10 answers better, 4
/// worse), dev.xres 5,000 queries 4 better, the generated 100k table 0.973
/// → 0.975, the edits unchanged; 6% more instructions per query on the
/// generated 100k table, 3% on dev.arabres; dev.arabres's resolver 4 MB
/// larger (resident, 88 → 92 MB). A query part of three classes looks its
/// vowel keys up only when one of its deletion lists is too long to read:
/// the same outputs on every set; 1,000 edits against the shipped table
/// took 607M → 592M instructions, dev.arabres's and the generated queries
/// moved within callgrind's run-to-run spread here (about ±1%: the hash
/// seeds differ per process). The first version, on four sets of
/// 20,000 random edits of the shipped table's Arabic spellings acc@1
/// went 0.871–0.872 → 0.876–0.879; dev.arabres 0.675 → 0.676 (4 answers
/// better, none worse), dev.xres 0.868 → 0.869 (2 better, 1 worse); the
/// generated tables 0.957 → 0.959 (100k) and 0.980 → 0.979 (10k).
/// Instructions per query: +2.8% on the generated 100k table's, +0.4% on
/// dev.arabres's.
fn vowel_skeleton(costs: &Costs, symbols: &[u32], skeleton_len: usize, out: &mut Vec<u8>) -> bool {
    out.clear();
    let short = skeleton_len <= MIN_DELETION_SKELETON;
    if short {
        skeleton_of(costs, symbols, Letters::Vowels, out);
    }
    short
}

/// A skeleton (at most [`MAX_SKELETON`] bytes) as one number: its bytes,
/// then its length. Two skeletons are equal exactly when their packed
/// forms are.
pub(crate) fn packed(skel: &[u8]) -> u128 {
    const _: () = assert!(MAX_SKELETON < 16, "a byte is left for the length");
    let mut v = (skel.len() as u128) << 120;
    for (i, &b) in skel.iter().take(MAX_SKELETON).enumerate() {
        v |= (b as u128) << (8 * i);
    }
    v
}

/// The bytes of a [`packed`] skeleton, in the first `len` places of the
/// array, and `len`.
pub(crate) fn unpacked(k: u128) -> ([u8; MAX_SKELETON], usize) {
    let len = ((k >> 120) as usize).min(MAX_SKELETON);
    let mut bytes = [0u8; MAX_SKELETON];
    for (i, b) in bytes.iter_mut().enumerate().take(len) {
        *b = (k >> (8 * i)) as u8;
    }
    (bytes, len)
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
/// has at least [`MIN_DELETION_SKELETON`] classes. `out` is cleared first.
pub(crate) fn keys(skel: &[u8], out: &mut Vec<u64>) {
    out.clear();
    push_keys(skel, out);
}

/// The first of a skeleton's [`keys`]: its own, under which the parts of
/// that very skeleton are filed (see [`Lookup`]).
pub(crate) fn own_key(skel: &[u8]) -> u64 {
    fnv(skel, 0)
}

/// [`keys`], appended to `out`.
fn push_keys(skel: &[u8], out: &mut Vec<u64>) {
    out.push(own_key(skel));
    if skel.len() >= MIN_DELETION_SKELETON {
        // Skeletons are at most MAX_SKELETON bytes: the variant is built on
        // the stack (a heap buffer per call was a tenth of this function).
        debug_assert!(skel.len() <= MAX_SKELETON, "a skeleton is cut there");
        let mut tmp = [0u8; MAX_SKELETON];
        let len = skel.len().min(MAX_SKELETON);
        let skel = &skel[..len];
        for i in 0..len {
            if i > 0 && skel[i] == skel[i - 1] {
                continue; // same variant as deleting i-1
            }
            tmp[..i].copy_from_slice(&skel[..i]);
            tmp[i..len - 1].copy_from_slice(&skel[i + 1..]);
            out.push(fnv(&tmp[..len - 1], 0));
        }
    }
}

/// The keys a part of these `symbols`, of skeleton `skel`, is filed under,
/// into `out` (cleared first; `tmp` is scratch), in no set order and
/// perhaps repeated: its skeleton's [`keys`], and for a part with the
/// article those of its [`article_skeleton`], for a part of a short
/// skeleton those of its [`vowel_skeleton`].
fn filed_keys(costs: &Costs, symbols: &[u32], skel: &[u8], tmp: &mut Vec<u8>, out: &mut Vec<u64>) {
    keys(skel, out);
    if article_skeleton(costs, symbols, tmp) {
        push_keys(tmp, out);
    }
    if vowel_skeleton(costs, symbols, skel.len(), tmp) {
        push_keys(tmp, out);
    }
}

/// The skeleton keys whose parts are a query part's candidates (see
/// [`PartIndex::lookup`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Lookup {
    /// The part's own skeleton key: its parts come first.
    own: u64,
    /// The other keys whose lists are read, sorted.
    others: Vec<u64>,
}

/// A class is weak in a table part when an edit that takes it out of the
/// skeleton (see [`Costs::class_losses`]) costs at most this: ع (written ا
/// for 0.17), ه (dropped for 0.18), ج and ت (dropped for 0.26, 0.28).
/// A row is also filed with each weak class deleted.
///
/// 2,000 generated queries against the 100k table, alternating runs: mean
/// 37.3 → 34.9 µs, as 41 more queries of several parts (of 2,000) were
/// answered by the name key; the resolver holds 32 bytes more per
/// spelling (505 → 537). On five sets of garbled shipped spellings, three
/// answers better, one worse.
pub(crate) const WEAK_CLASS: f32 = 0.3;

/// The article's ل in a part joined from عبد and a name with the article
/// (عبدالعزيز), as a bit by skeleton position (see [`WEAK_CLASS`]), given
/// the part's `symbols` and its skeleton's `letters`; 0 for another part.
/// A spelling without the article (عبد عزيز, joined to عبدعزيز) loses
/// that class: the row is also filed without it. On 2,000 generated
/// queries against the 100k table, 6 more search passes were answered by
/// the name key (1,567 → 1,573: سهى عبد عزيز, راشد عبد قادر), every
/// answer the same; of the bench's 1,000 fuzzy queries one answer moved,
/// to the right entity (عبد حميد الوعربي: its key's row at 0.928, where
/// the search had found another entity at 0.948), and they took 4.6%
/// fewer instructions (86.7M → 82.7M); five sets of garbled shipped
/// spellings, dev.arabres and dev.xres did not move.
fn compound_article(symbols: &[u32], letters: &[u32]) -> u16 {
    let ch = |s: u32| char::from_u32(s & crate::normalize::CHAR_MASK);
    let head = ['ع', 'ب', 'د', 'ا', 'ل'];
    if symbols.len() <= head.len() || !head.iter().zip(symbols).all(|(&c, &s)| ch(s) == Some(c)) {
        return 0;
    }
    // (عبد has no ل: the first in the skeleton is the article's.)
    match letters.iter().position(|&l| ch(l) == Some('ل')) {
        Some(i) if i < 16 => 1 << i,
        _ => 0,
    }
}

/// One-deletion posting lists longer than this are not read by the
/// resolver (dev Arabic acc@1 0.594 -> 0.593, query time halved).
const MAX_DELETION_POSTINGS: usize = 500;

/// Distinct parts of the table, with the rows that contain them. Every
/// per-part list is one flat array with offsets: loading a table makes a
/// few large allocations, not several per part.
#[derive(Debug, Default)]
pub(crate) struct PartIndex {
    /// Part `id`'s symbols (letters with their prefix and soft flags: the
    /// same letters from a romanised Latin name are another part) are
    /// `sym[sym_start[id]..sym_start[id + 1]]`.
    sym: Vec<u32>,
    sym_start: Vec<u32>,
    /// Part `id`'s class skeleton, packed (see [`packed`]): comparing it
    /// with a query part's is one load and one compare (as bytes, it was
    /// a call to `memcmp` and a twentieth of a query's time).
    skel: Vec<u128>,
    /// Part `id`'s letter groups under the costs and the Latin costs given
    /// to [`PartIndex::build`], for the bag bound (see
    /// [`crate::letters::Bags::masks`]).
    masks: Vec<[BagMasks; 2]>,
    /// Part `id`'s weak classes, as bits by skeleton position: those an
    /// edit takes out of the skeleton for at most
    /// [`WEAK_CLASS`] (see [`Costs::class_losses`]).
    weak: Vec<u16>,
    /// Parts by a hash of their symbols.
    by_hash: Chains,
    /// Part `id`'s (row, position) pairs are `occ[occ_start[id]..occ_start[id + 1]]`.
    occ: Vec<(u32, u16)>,
    occ_start: Vec<u32>,
    /// Skeleton key → its range in `posted` (the parts with that key, in
    /// id order).
    postings: KeyMap<(u32, u32)>,
    posted: Vec<u32>,
}

impl PartIndex {
    /// Indexes the parts of the rows of `forms`. Returns the
    /// index and each row's part ids, flat: row `r`'s are
    /// `ids[starts[r]..starts[r + 1]]`.
    ///
    /// Skeletons and keys are taken under `costs`; each part's letter
    /// groups under `costs` and `latin_costs` (the resolver's, with its
    /// prefix cost), 48 bytes per part.
    ///
    /// Cost: one hash lookup per part occurrence; skeletons, keys and
    /// letter groups are computed once per distinct part, on all cores.
    pub(crate) fn build(
        costs: &Costs,
        latin_costs: &Costs,
        forms: &Forms,
    ) -> (PartIndex, Vec<u32>, Vec<u32>) {
        let mut ix = PartIndex::default();
        let total: usize = (0..forms.len()).map(|r| forms.part_count(r)).sum();
        let mut ids = Vec::with_capacity(total);
        let mut starts = Vec::with_capacity(forms.len() + 1);
        starts.push(0u32);
        ix.sym_start.push(0);
        ix.by_hash.reserve(total / 2);
        let mut letters = Vec::new();
        for r in 0..forms.len() {
            for pos in 0..forms.part_count(r) {
                forms.part_symbols(r, pos, &mut letters);
                let id = ix.intern(&letters);
                ids.push(id);
            }
            starts.push(ids.len() as u32);
        }
        let n_parts = ix.sym_start.len() - 1;
        // Parts are numbered in the order of their skeletons, so that a
        // query's candidates (the parts of one skeleton, and of skeletons
        // one class apart) lie near one another in every per-part array.
        // (Each part's skeleton is kept in its sort key: the key pass
        // below reads it back rather than computing it again.)
        let (order, lex): (Vec<u32>, Vec<u128>) = {
            let ids: Vec<u32> = (0..n_parts as u32).collect();
            let mut keyed = crate::par::par_map(&ids, 4096, |chunk: &[u32]| {
                let mut sk = Vec::new();
                chunk
                    .iter()
                    .map(|&id| {
                        skeleton(costs, ix.symbols(id), &mut sk);
                        // The skeleton's bytes first to last, then its length:
                        // numbers in the order of the byte strings.
                        let mut key = 0u128;
                        for (i, &b) in sk.iter().enumerate() {
                            key |= (b as u128) << (120 - 8 * i);
                        }
                        (key | sk.len() as u128, id)
                    })
                    .collect()
            });
            keyed.sort_unstable();
            keyed.into_iter().map(|(key, id)| (id, key)).unzip()
        };
        let mut new_of = vec![0u32; n_parts];
        for (new, &old) in order.iter().enumerate() {
            new_of[old as usize] = new as u32;
        }
        {
            let mut sym = Vec::with_capacity(ix.sym.len());
            let mut sym_start = Vec::with_capacity(n_parts + 1);
            let mut by_hash = Chains::default();
            by_hash.reserve(n_parts);
            sym_start.push(0);
            for &old in &order {
                let symbols = ix.symbols(old);
                sym.extend_from_slice(symbols);
                sym_start.push(sym.len() as u32);
                by_hash.push(by_hash.hash(symbols));
            }
            ix.sym = sym;
            ix.sym_start = sym_start;
            ix.by_hash = by_hash;
        }
        for id in &mut ids {
            *id = new_of[*id as usize];
        }
        // Occurrences by counting sort over the rows' part ids.
        let mut count = vec![0u32; n_parts + 1];
        for &id in &ids {
            count[id as usize + 1] += 1;
        }
        for i in 0..n_parts {
            count[i + 1] += count[i];
        }
        ix.occ_start = count.clone();
        ix.occ = vec![(0, 0); ids.len()];
        for (row, w) in starts.windows(2).enumerate() {
            for (pos, &id) in ids[w[0] as usize..w[1] as usize].iter().enumerate() {
                let slot = &mut count[id as usize];
                ix.occ[*slot as usize] = (row as u32, pos.min(u16::MAX as usize) as u16);
                *slot += 1;
            }
        }
        // Skeletons and their keys, per distinct part, on all cores.
        let part_ids: Vec<u32> = (0..n_parts as u32).collect();
        // One result per chunk of ids: its packed skeletons, and its (key,
        // part) pairs, each as one number: the key above the part id, so
        // that they sort as the pairs would, for less (indexing dev.arabres's
        // 87k rows took 36M fewer instructions than with tuples).
        let loss = costs.class_losses();
        let chunks = crate::par::par_map(&part_ids, 4096, |chunk: &[u32]| {
            let (mut sk, mut ks) = (Vec::new(), Vec::new());
            let (mut packs, mut pairs) = (Vec::with_capacity(chunk.len()), Vec::new());
            let mut masks = Vec::with_capacity(chunk.len());
            let mut weak = Vec::with_capacity(chunk.len());
            let mut letters = Vec::new();
            let mut full = Vec::new();
            for &id in chunk {
                let key = lex[id as usize];
                sk.clear();
                sk.extend((0..(key & 0xFF) as usize).map(|i| (key >> (120 - 8 * i)) as u8));
                packs.push(packed(&sk));
                let symbols = run(&ix.sym, &ix.sym_start, id as usize);
                masks.push([
                    costs.bags().masks(symbols),
                    latin_costs.bags().masks(symbols),
                ]);
                // A part with the article is also filed with it, and a part
                // of a short skeleton (three classes at most) with its vowels.
                skeleton_letters(costs, symbols, &mut letters);
                weak.push(
                    letters.iter().enumerate().fold(0u16, |m, (i, &l)| {
                        if loss[Costs::id(l)] <= WEAK_CLASS {
                            m | 1 << i
                        } else {
                            m
                        }
                    }) | compound_article(symbols, &letters),
                );
                filed_keys(costs, symbols, &sk, &mut full, &mut ks);
                pairs.extend(ks.iter().map(|&k| (k as u128) << 32 | id as u128));
            }
            // Sorted here, on this chunk's core; merged below.
            pairs.sort_unstable();
            pairs.dedup();
            vec![(packs, masks, weak, pairs)]
        });
        ix.skel.reserve_exact(n_parts);
        ix.masks.reserve_exact(n_parts);
        let mut pending: Vec<u128> = Vec::new();
        ix.weak.reserve_exact(n_parts);
        for (packs, masks, weak, pairs) in chunks {
            ix.skel.extend_from_slice(&packs);
            ix.masks.extend_from_slice(&masks);
            ix.weak.extend_from_slice(&weak);
            pending = merge_sorted(pending, pairs);
        }
        let key = |p: &u128| (p >> 32) as u64;
        ix.posted = pending.iter().map(|&p| p as u32).collect();
        ix.postings.reserve(pending.len() / 4);
        let mut start = 0;
        for run in pending.chunk_by(|x, y| key(x) == key(y)) {
            let end = start + run.len();
            ix.postings.insert(key(&run[0]), (start as u32, end as u32));
            start = end;
        }
        ix.by_hash.shrink_to_fit();
        ix.sym.shrink_to_fit();
        (ix, ids, starts)
    }

    /// The id of a part with these symbols, adding it if new.
    fn intern(&mut self, symbols: &[u32]) -> u32 {
        let h = self.by_hash.hash(symbols);
        let (sym, starts) = (&self.sym, &self.sym_start);
        let (id, new) = self
            .by_hash
            .find_or_push(h, |id| run(sym, starts, id as usize) == symbols);
        if new {
            self.sym.extend_from_slice(symbols);
            self.sym_start.push(self.sym.len() as u32);
        }
        id
    }

    fn get_hashed(&self, h: u64, symbols: &[u32]) -> Option<u32> {
        self.by_hash.get(h).find(|&id| self.symbols(id) == symbols)
    }

    /// Part `id`'s symbols.
    pub(crate) fn symbols(&self, id: u32) -> &[u32] {
        run(&self.sym, &self.sym_start, id as usize)
    }

    /// Part `id`'s class skeleton, [`packed`].
    #[inline]
    pub(crate) fn skeleton(&self, id: u32) -> u128 {
        self.skel[id as usize]
    }

    /// Part `id`'s letter groups under the costs given to
    /// [`PartIndex::build`], or with `latin` under its Latin costs.
    #[inline]
    pub(crate) fn masks(&self, id: u32, latin: bool) -> BagMasks {
        self.masks[id as usize][usize::from(latin)]
    }

    /// Part `id`'s weak classes (see [`PartIndex::weak`]'s field).
    #[inline]
    pub(crate) fn weak(&self, id: u32) -> u16 {
        self.weak[id as usize]
    }

    /// The number of distinct parts.
    pub(crate) fn len(&self) -> usize {
        self.sym_start.len().saturating_sub(1)
    }

    /// The (row, position) pairs where part `id` occurs.
    pub(crate) fn occurrences(&self, id: u32) -> &[(u32, u16)] {
        run(&self.occ, &self.occ_start, id as usize)
    }

    /// Parts sharing a skeleton key with `part`, deduplicated: those filed
    /// under the part's own skeleton key first (the same skeleton or one
    /// class longer, or a part with the article whose skeleton with the
    /// article's letters is so: the likeliest matches, so that a search for
    /// the best one can tighten its bound early), then the rest (one-class
    /// edits, and for a short skeleton the vowel forms' keys; a list shared
    /// by more than `MAX_DELETION_POSTINGS` parts is skipped). Returns how
    /// many come first: `out[..n]` and `out[n..]` are each sorted.
    ///
    /// [`PartIndex::lookup`] then [`PartIndex::read`]; a search that may
    /// need only the first ones takes [`PartIndex::near`] instead of
    /// reading the rest.
    #[cfg(test)]
    pub(crate) fn candidates(
        &self,
        costs: &Costs,
        part: &[u32],
        skel: &mut Vec<u8>,
        ks: &mut Vec<u64>,
        out: &mut Vec<u32>,
    ) -> usize {
        let look = self.lookup(costs, part, skel, ks);
        self.read(&look, out)
    }

    /// The parts filed under key `k`, sorted.
    fn list(&self, k: u64) -> &[u32] {
        self.postings
            .get(&k)
            .map_or(&[][..], |&(a, b)| &self.posted[a as usize..b as usize])
    }

    /// Which keys hold the candidates of `part` (see
    /// [`PartIndex::candidates`]). Cost: a hash lookup per key (about a
    /// dozen), no list read.
    pub(crate) fn lookup(
        &self,
        costs: &Costs,
        part: &[u32],
        skel: &mut Vec<u8>,
        ks: &mut Vec<u64>,
    ) -> Lookup {
        skeleton(costs, part, skel);
        keys(skel, ks);
        let Some(&own) = ks.first() else {
            return Lookup::default();
        };
        // A short skeleton also looks for parts by their vowels (a vowel
        // form without vowels is the skeleton, whose keys are read already);
        // one of three classes only when a deletion list is too long to
        // read, which the vowel keys stand in for.
        let crowded = skel.len() < MIN_DELETION_SKELETON
            || ks[1..]
                .iter()
                .any(|&k| self.list(k).len() > MAX_DELETION_POSTINGS);
        let mut vowels = Vec::new();
        if crowded && vowel_skeleton(costs, part, skel.len(), &mut vowels) && vowels != *skel {
            let mut more = Vec::new();
            keys(&vowels, &mut more);
            for k in more {
                if !ks.contains(&k) {
                    ks.push(k);
                }
            }
        }
        // The one-deletion and vowel lists a search pays for: a list shared
        // by hundreds of parts is too weak a cue.
        let mut others: Vec<u64> = ks[1..]
            .iter()
            .copied()
            .filter(|&k| (1..=MAX_DELETION_POSTINGS).contains(&self.list(k).len()))
            .collect();
        others.sort_unstable();
        others.dedup();
        Lookup { own, others }
    }

    /// The parts under the query part's own skeleton key: the first run of
    /// [`PartIndex::candidates`], as the index holds it (no copy).
    pub(crate) fn near(&self, look: &Lookup) -> &[u32] {
        self.list(look.own)
    }

    /// [`PartIndex::near`] by the part's own key (see [`own_key`]), before
    /// its other keys are looked up.
    pub(crate) fn near_key(&self, own: u64) -> &[u32] {
        self.list(own)
    }

    /// The candidates of `look` into `out`, as [`PartIndex::candidates`]
    /// gives them. Cost: linear in the lists' lengths (up to a few
    /// thousand parts).
    pub(crate) fn read(&self, look: &Lookup, out: &mut Vec<u32>) -> usize {
        out.clear();
        // Every posting list is sorted and without repeats: the
        // same-skeleton list is the head as it is, and the other lists are
        // merged (sorting their concatenation took half the time of
        // [`PartIndex::candidates`]).
        out.extend_from_slice(self.near(look));
        let first = out.len();
        let lists: Vec<&[u32]> = look.others.iter().map(|&k| self.list(k)).collect();
        // Room for all of them at once (growing as they merged was a tenth
        // of this function's time).
        let room = lists.iter().map(|l| l.len()).sum();
        let mut merged: Vec<u32> = Vec::with_capacity(room);
        let mut spare: Vec<u32> = Vec::with_capacity(room);
        out.reserve(room);
        for l in lists {
            spare.clear();
            merge_distinct(&merged, l, &mut spare);
            std::mem::swap(&mut merged, &mut spare);
        }
        // Those not in the head, in order.
        let mut h = 0;
        for &x in &merged {
            while h < first && out[h] < x {
                h += 1;
            }
            if h < first && out[h] == x {
                continue;
            }
            out.push(x);
        }
        first
    }

    /// Whether part `pid` is among the candidates of `look` ([`PartIndex::read`]
    /// would list it), without reading any list: whether a key the part is
    /// filed under is one of them. `tmp` and `ks` are scratch. Cost: the
    /// part's keys (a few dozen byte hashes).
    pub(crate) fn is_candidate(
        &self,
        costs: &Costs,
        look: &Lookup,
        pid: u32,
        tmp: &mut Vec<u8>,
        ks: &mut Vec<u64>,
    ) -> bool {
        let (sk, len) = unpacked(self.skel[pid as usize]);
        filed_keys(costs, self.symbols(pid), &sk[..len], tmp, ks);
        ks.iter()
            .any(|&k| k == look.own || look.others.binary_search(&k).is_ok())
    }

    /// The id of a part with exactly these symbols.
    pub(crate) fn get(&self, symbols: &[u32]) -> Option<u32> {
        self.get_hashed(self.by_hash.hash(symbols), symbols)
    }
}

/// Two sorted lists of distinct items as one sorted list of distinct
/// items, appended to `out`, in O(a + b). (Items in both are kept once.)
fn merge_distinct<T: Ord + Copy>(a: &[T], b: &[T], out: &mut Vec<T>) {
    out.reserve(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        out.push(x.min(y));
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
}

/// [`merge_distinct`] of two owned lists of (key, part) pairs. (The
/// index's chunks hold distinct part ids, so a pair is never in both;
/// one in both would be kept once.)
///
/// In place: `a` is grown (a large buffer is remapped, not copied) and
/// merged into from the back, so that no third buffer of the whole size
/// is written (indexing dev.arabres's 87k rows took 11,000 page faults
/// with one, 10,200 without).
fn merge_sorted<T: Ord + Copy>(mut a: Vec<T>, b: Vec<T>) -> Vec<T> {
    if a.is_empty() {
        return b;
    }
    let (na, nb) = (a.len(), b.len());
    a.extend_from_slice(&b);
    // The merged tail grows down from the end; `w` never passes below
    // `i + j`, so unread items of `a` are never overwritten.
    let (mut i, mut j, mut w) = (na, nb, na + nb);
    while j > 0 {
        w -= 1;
        let y = b[j - 1];
        if i > 0 && a[i - 1] >= y {
            if a[i - 1] == y {
                j -= 1;
            }
            a[w] = a[i - 1];
            i -= 1;
        } else {
            a[w] = y;
            j -= 1;
        }
    }
    // `a[..i]` stands where it was; an item in both left a gap before the
    // merged tail.
    if w > i {
        a.copy_within(w.., i);
        a.truncate(i + (na + nb - w));
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Name;
    use proptest::prelude::*;

    proptest! {
        /// Merging two sorted, deduplicated lists gives what sorting and
        /// deduplicating both together gives.
        #[test]
        fn merge_sorted_is_sort_and_dedup(
            mut a in prop::collection::vec((0u64..50, 0u32..5), 0..60),
            mut b in prop::collection::vec((0u64..50, 0u32..5), 0..60),
        ) {
            let mut want: Vec<_> = a.iter().chain(&b).copied().collect();
            want.sort_unstable();
            want.dedup();
            for v in [&mut a, &mut b] {
                v.sort_unstable();
                v.dedup();
            }
            prop_assert_eq!(merge_sorted(a, b), want);
        }

        /// Merging two sorted lists of distinct ids gives their sorted union.
        #[test]
        fn merge_distinct_is_the_union(
            a in prop::collection::btree_set(0u32..80, 0..40),
            b in prop::collection::btree_set(0u32..80, 0..40),
        ) {
            let want: Vec<u32> = a.union(&b).copied().collect();
            let (a, b): (Vec<u32>, Vec<u32>) = (a.into_iter().collect(), b.into_iter().collect());
            let mut got = vec![7];
            merge_distinct(&a, &b, &mut got);
            prop_assert_eq!(got[0], 7);
            prop_assert_eq!(&got[1..], &want[..]);
        }
    }

    /// Each part keeps its own letter groups (the build renumbers parts
    /// after reading them).
    #[test]
    fn each_part_keeps_its_own_letter_groups() {
        let costs = Costs::shipped();
        let names: Vec<Name> = [
            "خليفة حفتر",
            "انطونيو غوتيريش",
            "الامم المتحدة",
            "ابو بكر",
            "ي",
        ]
        .iter()
        .map(|n| crate::normalize(n))
        .collect();
        let latin = Costs::shipped_latin();
        let (ix, _, _) = PartIndex::build(&costs, &latin, &Forms::from_names(&names));
        assert!(ix.len() >= 7, "{} parts", ix.len());
        for id in 0..ix.len() as u32 {
            let symbols = ix.symbols(id);
            assert_eq!(ix.masks(id, false), costs.bags().masks(symbols), "{id}");
            assert_eq!(ix.masks(id, true), latin.bags().masks(symbols), "{id}");
        }
        let distinct: std::collections::HashSet<u64> = (0..ix.len() as u32)
            .map(|id| ix.masks(id, false).has)
            .collect();
        assert!(distinct.len() > 5, "{distinct:?}");
    }

    /// كاكويه (ك ك ه) and كاكوي (ك ك) share only the deletion key ك ك;
    /// with more parts under it than a search reads, the vowel forms'
    /// keys still bring them together.
    #[test]
    fn a_crowded_deletion_key_is_bypassed_by_the_vowel_forms() {
        let costs = Costs::shipped();
        // كاكوي first, then 680 made-up names of the letters ك ك and one
        // other (the table of a_name_one_letter_off_is_found_under_a_crowded_key
        // in tests/aliases.rs).
        let names: Vec<Name> = include_str!("../tests/data/crowded_key.tsv")
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').nth(1))
            .map(crate::normalize)
            .collect();
        assert_eq!(names[0].as_str(), "كاكوي");
        let (ix, _, _) = PartIndex::build(&costs, &costs, &Forms::from_names(&names));
        let (mut skel, mut ks, mut out) = (Vec::new(), Vec::new(), Vec::new());
        let target = ix.get(names[0].symbols()).expect("indexed");
        skeleton(&costs, names[0].symbols(), &mut skel);
        keys(&skel, &mut ks);
        let crowded = ix.postings.get(&ks[0]).map_or(0, |&(a, b)| b - a) as usize;
        assert!(crowded > MAX_DELETION_POSTINGS, "{crowded} parts under ك ك");
        let query = crate::normalize("كاكويه");
        ix.candidates(&costs, query.symbols(), &mut skel, &mut ks, &mut out);
        assert!(out.contains(&target));
    }

    /// Telling a candidate from its keys agrees with reading the lists:
    /// every part of the shipped table's Arabic spellings, against queries
    /// made of those spellings' parts with a letter dropped, doubled or
    /// changed (near keys, one-deletion keys, crowded keys, articles).
    #[test]
    fn the_article_of_a_joined_abd_compound_is_a_weak_class() {
        let costs = Costs::shipped();
        let bit = |text: &str| {
            let n = crate::normalize(text);
            let mut letters = Vec::new();
            skeleton_letters(&costs, n.part_symbols(0), &mut letters);
            let mut skel = Vec::new();
            skeleton(&costs, n.part_symbols(0), &mut skel);
            (compound_article(n.part_symbols(0), &letters), skel)
        };
        // عبد العزيز is one part, عبدالعزيز: its ل is the fourth class.
        let (b, skel) = bit("عبد العزيز");
        assert_eq!(b, 1 << 3, "{skel:?}");
        // Without that class, its skeleton is عبد عزيز's.
        let mut less = skel.clone();
        less.remove(3);
        assert_eq!(less, bit("عبد عزيز").1);
        for other in ["عبد عزيز", "عبدالله", "خليل", "العزيز", "ابو العباس"]
        {
            let (b, _) = bit(other);
            if other == "عبدالله" {
                // (عبد الله is joined too: its article's ل, the first.)
                assert_eq!(b, 1 << 3, "{other}");
            } else {
                assert_eq!(b, 0, "{other}");
            }
        }
    }

    #[test]
    fn a_candidate_is_told_by_its_keys_as_by_the_lists() {
        let costs = Costs::shipped();
        let names: Vec<Name> = include_str!("../data/aliases.tsv")
            .lines()
            .skip(1)
            .filter(|l| l.split('\t').nth(2) == Some("arab"))
            .filter_map(|l| l.split('\t').nth(1))
            .map(crate::normalize)
            .collect();
        let (ix, _, _) = PartIndex::build(&costs, &costs, &Forms::from_names(&names));
        let (mut skel, mut ks, mut out, mut tmp, mut ks2) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut checked, mut far) = (0, 0);
        for (n, name) in names.iter().enumerate().step_by(37) {
            let text: Vec<char> = name.parts()[0].as_str().chars().collect();
            let k = n % text.len().max(1);
            let mut edited = text.clone();
            match n % 3 {
                0 => {
                    edited.remove(k);
                }
                1 => edited.insert(k, text[k]),
                _ => edited[k] = 'ق',
            }
            let query = crate::normalize(&edited.iter().collect::<String>());
            if query.parts().is_empty() {
                continue;
            }
            let look = ix.lookup(&costs, query.part_symbols(0), &mut skel, &mut ks);
            let first = ix.read(&look, &mut out);
            far += out.len() - first;
            for pid in 0..ix.len() as u32 {
                let listed = out.contains(&pid);
                assert_eq!(
                    ix.is_candidate(&costs, &look, pid, &mut tmp, &mut ks2),
                    listed,
                    "{query:?} and part {pid}"
                );
                checked += usize::from(listed);
            }
        }
        assert!(
            checked > 1000 && far > 100,
            "{checked} candidates, {far} past the near ones"
        );
    }
}
