//! Clustering: group spellings that no table knows.
//!
//! 1. Distinct spellings are normalised; equal comparison forms are one node
//!    (a Latin acronym as written is one of its own: PKK and BBC romanise alike).
//! 2. With an alias table, nodes that resolve to an entity are anchored to it:
//!    nodes of one entity are joined, nodes of two entities never are.
//! 3. Candidate pairs come from blocking keys: one-deletion neighbourhoods of
//!    the letter-class skeleton (robust to a wrong or extra first letter, a
//!    dropped long vowel, the article). Never all pairs.
//! 4. Pairs within the threshold are merged best first, and two groups join
//!    only when the *average* similarity over all their cross pairs stays at
//!    or above the threshold (average linkage): a chain of near neighbours
//!    cannot glue distinct names together.
//!
//! A Latin spelling is romanised onto Arabic letters to meet Arabic ones,
//! with the Latin costs; its second readings (Chiesa also as كييزا, see
//! `where = alt` in `data/romanize.tsv`) get blocking keys of their own and
//! count 0.015 less. Two Latin spellings compare as Latin.

use std::cell::RefCell;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use crate::alias::Entity;
use crate::distance::Op;
use crate::error::{Error, Result};
use crate::index::{KeyMap, Map, keys, skeleton};
use crate::letters::Costs;
use crate::lexicon;
use crate::normalize::{CHAR_MASK, Name, PREFIX_FLAG};
use crate::par::{concat, par_map, par_sort_unstable, par_sort_unstable_by};
use crate::prior;
use crate::resolve::{ALT_PENALTY, MAX_NAME_CHARS, Resolver, match_form_of};

/// Default similarity threshold of [`Clusterer`], chosen on development data
/// (see DESIGN.md).
pub const DEFAULT_CLUSTER_THRESHOLD: f32 = 0.93;

/// Similarity taken off two names whose consonant-class skeletons differ
/// (dev B-cubed F1 0.923 -> 0.926 at threshold 0.93; generated 100k 0.925).
const SKELETON_MISMATCH: f32 = 0.02;

/// The shipped Arabic prior's weight for a pair of one-part names (the
/// mean of both directions, see [`ClustererBuilder::prior`]) is added to
/// their similarity less this, so that the prior lifts a pair with the
/// edits real spellings of one name make and lowers one with the edits
/// that set two names apart. Chosen on dev.arabhard (B-cubed F1 at 0.01,
/// 0.02, 0.03, 0.04: 0.9395, 0.9399, 0.9383, 0.9370).
const PRIOR_OFFSET: f32 = 0.02;

/// The most the prior moves a similarity, either way (0.03, 0.05, 0.08
/// and 0.1 gave the same F1 on dev.arabhard; a wider reach bounds the
/// distance less).
const PRIOR_REACH: f32 = 0.03;

/// The least similarity (before the prior) at which the prior weighs a
/// pair. It was fitted on near candidates, and between names that differ
/// by many edits its weights add up to chance: on the development set a
/// floor of 0 or 0.80 scored the same to the fourth decimal, 0.84 to 0.87
/// within 0.0006 of 0.85, and from 0.81, where two names that are
/// each other's nearest neighbours merge, it joined hundreds of pairs of
/// the shipped table's one-part names of two entities (القذافي and
/// القضارف, المنفي and اليمن).
const PRIOR_FROM: f32 = 0.85;

/// How far below the threshold two mutual nearest neighbours may still merge.
const MUTUAL_MARGIN: f32 = 0.12;

/// Largest block paired in full (small inputs); larger ones are paired only
/// within a sorted window. See `PAIR_BUDGET`.
const BLOCK_CAP: usize = 128;
/// The cap never goes below this, however large the input.
const MIN_BLOCK_CAP: usize = 16;
/// Pairs budget that sets the cap: cap = PAIR_BUDGET / names, within bounds.
const PAIR_BUDGET: usize = 4_000_000;
/// From this many nodes on, the forms are freed on another core while the
/// clusters are assembled.
const PARALLEL_DROP: usize = 50_000;
/// Window (in positions) within which members of a large block are paired.
const WINDOW: usize = 8;
/// The window never goes below this, however large the input.
const MIN_WINDOW: usize = 4;
/// Pairs budget that sets the window: WINDOW_BUDGET / distinct forms, within
/// bounds (8 up to 312k forms, 4 from 625k on). At 1M generated names a window of
/// 4 instead of 8 took the time from 13.9 s to 11.9 s (two interleaved runs
/// each) and B-cubed F1 from 0.905 to 0.902.
const WINDOW_BUDGET: usize = 2_500_000;

/// Sorts of at least this many keys or pairs run on all cores.
const SORT_MIN: usize = 100_000;

/// One spelling in a [`Cluster`], with how often it was seen.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Member {
    /// The spelling exactly as given.
    pub name: String,
    /// How many times it occurred in the input.
    pub count: usize,
}

/// A group of spellings of one name.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Cluster {
    /// Index of the cluster in [`Clustering::clusters`].
    pub id: usize,
    /// The representative spelling: the alias table's canonical Arabic
    /// spelling when the group is anchored, else the most frequent member
    /// (ties: the first in code-point order).
    pub representative: String,
    /// The members, most frequent first (ties in code-point order).
    pub members: Vec<Member>,
    /// The entity, when the alias table anchors the group.
    pub entity: Option<Entity>,
    /// Average similarity between members, in [0, 1] (1 for a singleton).
    pub cohesion: f32,
}

/// The result of [`Clusterer::cluster`].
#[derive(Clone, Debug, Default)]
pub struct Clustering {
    clusters: Vec<Cluster>,
    /// Distinct input names in first-seen order, with their cluster.
    names: Vec<(String, usize)>,
    /// Name → index in `names`, built on the first [`Clustering::cluster_of`]
    /// (most users only list the clusters).
    lookup: OnceLock<Map<String, usize>>,
}

/// Iterator over the clusters of a [`Clustering`], from [`Clustering::clusters`].
#[derive(Clone, Debug)]
pub struct Clusters<'a>(std::slice::Iter<'a, Cluster>);

impl<'a> Iterator for Clusters<'a> {
    type Item = &'a Cluster;
    fn next(&mut self) -> Option<&'a Cluster> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for Clusters<'_> {}

impl Clustering {
    /// The clusters, ordered by the first appearance of a member in the input.
    pub fn clusters(&self) -> Clusters<'_> {
        Clusters(self.clusters.iter())
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    /// True when the input was empty.
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    /// Cluster by index.
    pub fn get(&self, id: usize) -> Option<&Cluster> {
        self.clusters.get(id)
    }

    /// Distinct input names in first-seen order, each with its cluster.
    pub fn names(&self) -> impl ExactSizeIterator<Item = (&str, &Cluster)> + '_ {
        self.names
            .iter()
            .map(|(n, c)| (n.as_str(), &self.clusters[*c]))
    }

    /// Distinct input names in first-seen order, each with its cluster's
    /// index (its [`Cluster::id`], for [`Clustering::get`]): for callers
    /// that keep their own per-cluster data, such as a formatted row, and
    /// need not read the cluster itself for every name.
    ///
    /// ```
    /// let c = asmaa::Clusterer::new().cluster(["حفتر", "حفطر", "غوتيريش"]);
    /// let ids: Vec<(&str, usize)> = c.name_ids().collect();
    /// assert_eq!(ids[0], ("حفتر", 0));
    /// assert_eq!(ids[1].1, ids[0].1);
    /// assert_eq!(c.get(ids[2].1).unwrap().members[0].name, "غوتيريش");
    /// ```
    pub fn name_ids(&self) -> impl ExactSizeIterator<Item = (&str, usize)> + '_ {
        self.names.iter().map(|(n, c)| (n.as_str(), *c))
    }

    /// The cluster of a spelling that was in the input: a hash lookup (the
    /// first call builds the index of the names, O(N)).
    pub fn cluster_of(&self, name: &str) -> Option<&Cluster> {
        self.lookup
            .get_or_init(|| {
                self.names
                    .iter()
                    .enumerate()
                    .map(|(i, (n, _))| (n.clone(), i))
                    .collect()
            })
            .get(name)
            .map(|&i| &self.clusters[self.names[i].1])
    }
}

/// Options for a [`Clusterer`].
#[derive(Clone, Debug)]
pub struct ClustererBuilder {
    threshold: f32,
    anchors: Option<Resolver>,
    use_anchors: bool,
    costs: Costs,
    latin_costs: Option<Costs>,
    prior: bool,
}

impl Default for ClustererBuilder {
    fn default() -> Self {
        ClustererBuilder {
            threshold: DEFAULT_CLUSTER_THRESHOLD,
            anchors: None,
            use_anchors: cfg!(feature = "builtin-aliases"),
            costs: Costs::shipped(),
            latin_costs: None,
            prior: true,
        }
    }
}

impl ClustererBuilder {
    /// Least average similarity, in [0, 1], for two groups to merge.
    /// Default [`DEFAULT_CLUSTER_THRESHOLD`]. Higher splits more.
    pub fn threshold(mut self, t: f32) -> Self {
        self.threshold = t;
        self
    }

    /// Whether an alias table anchors the groups. Default: on when the
    /// `builtin-aliases` feature is (with the shipped table, or the
    /// resolver given to [`ClustererBuilder::resolver`]).
    pub fn anchors(mut self, yes: bool) -> Self {
        self.use_anchors = yes;
        self
    }

    /// The resolver whose table anchors the groups (implies `anchors(true)`).
    pub fn resolver(mut self, r: Resolver) -> Self {
        self.anchors = Some(r);
        self.use_anchors = true;
        self
    }

    /// The letter costs. Default: [`Costs::shipped`]. Unless
    /// [`ClustererBuilder::latin_costs`] is set too, a Latin spelling and an
    /// Arabic one are compared with these with the shipped Latin pairs
    /// (`data/costs_latin.tsv`) over them.
    pub fn costs(mut self, costs: Costs) -> Self {
        self.costs = costs;
        self
    }

    /// The letter costs between a Latin spelling (romanised) and an Arabic
    /// one; two Latin spellings keep the letter costs. Default: the letter
    /// costs with the shipped Latin pairs over them ([`Costs::shipped_latin`]
    /// with the shipped costs). Must put letters in the same classes as the
    /// letter costs. Weak letters (the ۦ of a Latin e in a closed syllable)
    /// are priced as their letters here, whatever these costs list for them:
    /// written or left out at one price, they made Hifter as close to حفتر
    /// as Haftar, and average linkage then kept Haftar out.
    ///
    /// ```
    /// use asmaa::{Clusterer, Costs};
    ///
    /// let c = Clusterer::builder()
    ///     .anchors(false)
    ///     .latin_costs(Costs::shipped_latin())
    ///     .build()?;
    /// let g = c.cluster(["Haftar", "حفتر", "Guterres"]);
    /// let id = |n: &str| g.cluster_of(n).map(|c| c.id);
    /// assert_eq!(id("Haftar"), id("حفتر"));
    /// assert_ne!(id("Haftar"), id("Guterres"));
    /// # Ok::<(), asmaa::Error>(())
    /// ```
    pub fn latin_costs(mut self, costs: Costs) -> Self {
        self.latin_costs = Some(costs);
        self
    }

    /// Whether the learned prior of whole spellings (the resolver's, see
    /// [`ResolverBuilder::prior`](crate::ResolverBuilder::prior)) weighs
    /// pairs of one-part names, compared in Arabic letters (a Latin
    /// spelling romanised). Default: on.
    ///
    /// The letter costs price each edit alone; the prior knows which edits
    /// tell two spellings of one name from two names: a vowel letter
    /// written or not, a first or last letter changed, one name longer. It
    /// moves the similarity of a pair at 0.85 or more by at most 0.03
    /// either way. On the development set's hard split (7,482 Arabic
    /// spellings of names written two or more ways, no table) B-cubed F1
    /// went from 0.934 to 0.940, and on the fifth of it the prior was not
    /// fitted on from 0.939 to 0.946; on all of the development set (219k
    /// names, both scripts) from 0.814 to 0.837. A weighed pair costs one
    /// alignment more.
    ///
    /// ```
    /// use asmaa::Clusterer;
    ///
    /// // Kenya and Ukraine: two letters and a vowel letter apart.
    /// let names = ["كينيا", "أوكرانيا"];
    /// let b = Clusterer::builder().anchors(false);
    /// assert_eq!(b.clone().build()?.cluster(names).len(), 2);
    /// assert_eq!(b.prior(false).build()?.cluster(names).len(), 1);
    /// # Ok::<(), asmaa::Error>(())
    /// ```
    pub fn prior(mut self, yes: bool) -> Self {
        self.prior = yes;
        self
    }

    /// Builds the clusterer.
    ///
    /// # Errors
    ///
    /// [`Error::Option`] for a threshold outside [0, 1], or Latin costs
    /// whose letter classes differ from the letter costs'.
    pub fn build(self) -> Result<Clusterer> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::Option {
                option: "threshold",
                reason: format!("{} is not in [0, 1]", self.threshold),
            });
        }
        let anchors = match (self.use_anchors, self.anchors) {
            (false, _) => None,
            (true, Some(r)) => Some(r),
            (true, None) => Some(Resolver::new()),
        };
        Ok(Clusterer {
            threshold: self.threshold,
            anchors,
            // Weak vowels are priced for ranking a query's candidates; here
            // they cost what their letters cost (see `Costs::weak_as_letters`).
            latin_costs: crate::resolve::latin_costs_for(&self.costs, self.latin_costs)?
                .weak_as_letters(),
            costs: self.costs,
            prior: self.prior,
        })
    }
}

/// Groups spellings of the same name.
///
/// Deterministic: the same groups for any input order. `Send + Sync`.
/// Cost: O(N·k) distance computations for N distinct spellings and k
/// candidate pairs per spelling (about ten, bounded by the blocking caps),
/// scored on all cores; memory is O(N), about 1.1 KB per distinct spelling
/// (1M generated names: 1.1 GB peak, whole `cluster` process).
///
/// ```
/// use asmaa::Clusterer;
///
/// let c = Clusterer::builder().anchors(false).build()?;
/// let g = c.cluster(["غوتيريش", "جوتيريس", "غوتيريس", "حفتر", "حفطر", "هفتر"]);
/// assert_eq!(g.len(), 2);
/// assert_eq!(g.cluster_of("جوتيريس").unwrap().id, g.cluster_of("غوتيريش").unwrap().id);
/// assert_ne!(g.cluster_of("حفتر").unwrap().id, g.cluster_of("غوتيريش").unwrap().id);
/// # Ok::<(), asmaa::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Clusterer {
    threshold: f32,
    anchors: Option<Resolver>,
    costs: Costs,
    /// For a Latin spelling against an Arabic one.
    latin_costs: Costs,
    /// See [`ClustererBuilder::prior`].
    prior: bool,
}

impl Default for Clusterer {
    fn default() -> Self {
        Clusterer::new()
    }
}

/// Distinct names in first-seen order, with their counts. Keyed by a 64-bit
/// `hash` that points into the list (one copy of each name, small entries);
/// two names with one hash, rare, are told apart in a map of their own.
/// The entity of a node whose form lost a title (الشيخ تميم, form تميم):
/// the best person at 0.9 or above that ties with no other, by the
/// resolver's titled search ([`Resolver::titled_person`]), when one of its
/// spellings `raw` began with a title. A node's form of two parts at most
/// only, and a spelling of more words than the form: most nodes pay one
/// part count.
fn titled_anchor<'a>(
    r: &Resolver,
    lex: &lexicon::Lexicon,
    form: &Name,
    mut raw: impl Iterator<Item = &'a str>,
) -> Option<u32> {
    if form.parts().len() > 2 {
        return None;
    }
    let words = form.parts().len();
    let titled = raw.any(|s| {
        s.split_whitespace().count() > words && {
            let n = crate::normalize::normalize(s);
            lex.titled_start(&n) > 0
        }
    });
    if !titled {
        return None;
    }
    r.titled_person(form, TITLED_ANCHOR_THRESHOLD, 0)
}

/// Least score for a node whose spellings lost a title to be anchored to a
/// person (see [`titled_anchor`]); the scanner's bar for a name after a
/// title.
const TITLED_ANCHOR_THRESHOLD: f32 = 0.9;

fn distinct<I, S>(names: I, hash: impl Fn(&str) -> u64) -> (Vec<String>, Vec<usize>)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut order: Vec<String> = Vec::new();
    let mut count: Vec<usize> = Vec::new();
    let mut seen: KeyMap<usize> = KeyMap::default();
    let mut clash: Map<String, usize> = Map::default();
    for n in names {
        let n = n.as_ref();
        let i = match seen.entry(hash(n)) {
            Entry::Vacant(v) => *v.insert(order.len()),
            Entry::Occupied(o) if order[*o.get()] == n => *o.get(),
            Entry::Occupied(_) => *clash.entry(n.to_string()).or_insert(order.len()),
        };
        if i == order.len() {
            order.push(n.to_string());
            count.push(1);
        } else {
            count[i] += 1;
        }
    }
    (order, count)
}

/// Tags a blocking posting that comes from a second reading (node ranks
/// stay far below it).
const ALT_POST: u32 = 1 << 31;

/// Similarities computed so far, by [`pair_key`], in two halves by one bit
/// of the key, so that two cores can fill them.
#[derive(Default)]
struct Known([HashMap<u64, f32, std::hash::BuildHasherDefault<crate::index::PreHashed>>; 2]);

impl Known {
    /// The half of `key`: a bit that neither the bucket (low bits) nor the
    /// tag (top seven) of the hash table reads.
    fn half(key: u64) -> usize {
        (key >> 40) as usize & 1
    }

    /// Every scored pair, each half filled on its own core. The pairs must
    /// be distinct.
    fn of(scored: &[(f32, u32, u32)]) -> Known {
        // Two threads pay only for many pairs (a scan links a few names).
        let min = if scored.len() >= SORT_MIN { 1 } else { 3 };
        let halves = par_map(&[0, 1], min, |which: &[usize]| {
            which
                .iter()
                .map(|&h| {
                    let mut m = HashMap::default();
                    m.reserve(scored.len() / 2 + scored.len() / 16);
                    for &(s, a, b) in scored {
                        let key = pair_key(a, b);
                        if Known::half(key) == h {
                            m.insert(key, s);
                        }
                    }
                    m
                })
                .collect()
        });
        let mut known = Known::default();
        for (slot, m) in known.0.iter_mut().zip(halves) {
            *slot = m;
        }
        known
    }

    /// The similarity of pair `key`, computed by `f` and kept if unknown.
    fn get_or(&mut self, key: u64, f: impl FnOnce() -> f32) -> f32 {
        *self.0[Known::half(key)].entry(key).or_insert_with(f)
    }
}

/// Key of an unordered pair of node indices (smaller first), mixed for hashing.
fn pair_key(a: u32, b: u32) -> u64 {
    ((a as u64) << 32 | b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Part core → weight (see [`part_weights`]), borrowed from the forms.
type Weights<'a> = Map<&'a str, f32>;

/// Most distance (per letter) for a part of the shorter name to count as
/// contained in the longer one.
const CONTAINED_PART: f32 = 0.2;

/// A part found in more input names than this weighs less, in proportion.
const COMMON_PART_DF: f32 = 8.0;

/// Weights of the parts of `forms`: 1, or COMMON_PART_DF / the number of
/// forms with the part when that is larger.
fn part_weights<'a>(forms: &[&'a Name]) -> Weights<'a> {
    // Counted per chunk on all cores, then summed (counts are exact in f32
    // up to 2^24 names).
    let sum = |maps: Vec<Weights<'a>>| {
        let mut maps = maps.into_iter();
        let mut total = maps.next().unwrap_or_default();
        for m in maps {
            for (c, n) in m {
                *total.entry(c).or_default() += n;
            }
        }
        total
    };
    let mut df = sum(par_map(forms, 65_536, |c: &[&'a Name]| {
        let mut df: Weights<'a> = Map::default();
        let mut seen: Vec<&str> = Vec::new();
        for f in c {
            if f.parts().len() > 1 {
                seen.clear();
                seen.extend(f.parts().iter().map(|p| p.core()));
                seen.sort_unstable();
                seen.dedup();
                for &c in &seen {
                    *df.entry(c).or_default() += 1.0;
                }
            }
        }
        vec![df]
    }));
    let singles = sum(par_map(forms, 65_536, |c: &[&'a Name]| {
        let mut more: Weights<'a> = Map::default();
        for f in c {
            if let [p] = f.parts() {
                if let Some((&c, _)) = df.get_key_value(p.core()) {
                    *more.entry(c).or_default() += 1.0;
                }
            }
        }
        vec![more]
    }));
    for (c, n) in singles {
        *df.entry(c).or_default() += n;
    }
    // Variants of one name share their unchanged parts, so only parts far
    // more frequent than a cluster is large count as common.
    for n in df.values_mut() {
        *n = (COMMON_PART_DF / *n).min(1.0);
    }
    df
}

/// A skeleton (at most 12 bytes, none of them zero for the shipped
/// classes) as one number: its bytes, zero-padded, and its length in the
/// last byte, big-endian, so that numbers are equal when the skeletons
/// are, and compare as they do.
fn whole_key(skel: &[u8]) -> u128 {
    let mut key = [0u8; 16];
    let k = skel.len().min(15);
    key[..k].copy_from_slice(&skel[..k]);
    key[15] = k as u8;
    u128::from_be_bytes(key)
}

/// Most that a word of official place names (جمهورية, المملكة) costs as
/// an extra part of the longer name: the share of its weight that the
/// resolver charges a query's place word that the table spelling leaves
/// out (0.25 of 0.2). dev.arabhard B-cubed F1 (with the stem blocking
/// below) 0.9316 with no such cap, 0.9327 at 0.1, 0.9336 at 0.05 and at
/// 0.02.
const PLACE_EXTRA: f32 = 0.05;

/// Whether `name` reads as an official place name: it has a place word
/// that is a noun (جمهورية, المملكة, جزر), not only adjectives (الجزيرة
/// العربية is the Arabian Peninsula, not الجزيرة; الجامعة العربية is no
/// الجامعة).
fn is_official(name: &Name, lex: &lexicon::Lexicon) -> bool {
    name.parts().iter().any(|p| lex.is_place_noun(p))
}

/// Least weight for a part of a multi-part name to get blocking keys of its own.
const RARE_PART: f32 = 0.2;

/// The forms being linked, packed for pair scoring: every entry's symbols
/// in one arena and its parts as ranges with their weight, so that scoring
/// a pair touches two contiguous slices instead of two scattered names.
#[derive(Default)]
struct Packed {
    symbols: Vec<u32>,
    /// Per entry: its symbol range and its range in `parts`.
    entries: Vec<[u32; 4]>,
    parts: Vec<PackedPart>,
    /// Per node: the entry of its Latin form, or `u32::MAX`.
    latin: Vec<u32>,
    /// Per node: the entry of its form.
    entry_of: Vec<u32>,
    /// Node `i`'s second readings (a Latin node's) are the entries
    /// `alts[alt_start[i]..alt_start[i + 1]]`.
    alts: Vec<u32>,
    alt_start: Vec<u32>,
    /// Per node: a Latin acronym read letter by letter (see
    /// [`spelled_out`]), which meets no Arabic node by its spelling.
    spelled: Vec<bool>,
}

/// One part of a [`Packed`] entry.
struct PackedPart {
    /// Symbol range in the arena.
    start: u32,
    end: u32,
    /// Weight (see [`part_weights`]).
    weight: f32,
    /// What the part costs as an extra part of the longer name (see
    /// [`Packed::part_meta`]).
    extra: f32,
}

impl PackedPart {
    /// The mean total weight of two names' parts: what a part alignment's
    /// cost is divided by.
    fn total(a: &[PackedPart], b: &[PackedPart]) -> f32 {
        (a.iter().map(|x| x.weight).sum::<f32>() + b.iter().map(|x| x.weight).sum::<f32>()) / 2.0
    }
}

impl Packed {
    /// The weight of each part of `name`, and what it costs as an extra
    /// part of the longer name of a pair: its weight, but never less than
    /// 1 for a given name (محمد الطالباني and حسن الطالباني are two people,
    /// however common محمد is), and at most [`PLACE_EXTRA`] for a word of
    /// official place names (مملكة البحرين is البحرين, however rare مملكة
    /// is in the input), when the name is an official place name (see
    /// [`is_official`]).
    fn part_meta<'n>(
        name: &'n Name,
        weights: &'n Weights,
        lex: &'n lexicon::Lexicon,
    ) -> impl Iterator<Item = (f32, f32)> + 'n {
        let official = is_official(name, lex);
        name.parts().iter().map(move |part| {
            let weight = weights.get(part.core()).copied().unwrap_or(1.0);
            let extra = if lex.is_given(part) {
                1.0
            } else if official && lex.is_place_word(part) {
                weight.min(PLACE_EXTRA)
            } else {
                weight
            };
            (weight, extra)
        })
    }

    /// Appends `name` with its parts' [`Packed::part_meta`]; returns its
    /// entry index.
    fn push(&mut self, name: &Name, meta: impl Iterator<Item = (f32, f32)>) -> usize {
        let base = self.symbols.len() as u32;
        self.symbols.extend_from_slice(name.symbols());
        let first = self.parts.len() as u32;
        for (i, (weight, extra)) in meta.enumerate() {
            let (a, b) = name.part_span(i);
            self.parts.push(PackedPart {
                start: base + a as u32,
                end: base + b as u32,
                weight,
                extra,
            });
        }
        let end = self.symbols.len() as u32;
        self.entries
            .push([base, end, first, self.parts.len() as u32]);
        self.entries.len() - 1
    }

    /// The entries to compare for nodes `a` and `b`: two Latin spellings
    /// compare as Latin (romanised, their vowels are soft and distinct names
    /// such as Salman, Selman, Solomon draw together); else the forms. The
    /// flag says whether one node is Latin and the other not (the pair is
    /// then priced with the Latin costs).
    fn pick(&self, a: usize, b: usize) -> (usize, usize, bool) {
        match (self.latin[a], self.latin[b]) {
            (x, y) if x != u32::MAX && y != u32::MAX => (x as usize, y as usize, false),
            (x, y) => (
                self.entry_of[a] as usize,
                self.entry_of[b] as usize,
                (x == u32::MAX) != (y == u32::MAX),
            ),
        }
    }

    fn symbols(&self, e: usize) -> &[u32] {
        let [a, b, _, _] = self.entries[e];
        &self.symbols[a as usize..b as usize]
    }

    fn parts(&self, e: usize) -> &[PackedPart] {
        let [_, _, a, b] = self.entries[e];
        &self.parts[a as usize..b as usize]
    }

    fn part_symbols(&self, p: &PackedPart) -> &[u32] {
        &self.symbols[p.start as usize..p.end as usize]
    }
}

/// What the shipped Arabic prior adds to the similarity of the one-part
/// names `x` and `y` (see [`ClustererBuilder::prior`]): within
/// ±[`PRIOR_REACH`]. Cost: one alignment (a full DP) and a few dozen
/// hash lookups.
fn prior_shift(costs: &Costs, x: &[u32], y: &[u32]) -> f32 {
    // The weights are the same both ways round, but an alignment may break
    // a tie another way, and their sum may round another way: one order
    // for a pair, whichever node comes first.
    let (x, y) = if x <= y { (x, y) } else { (y, x) };
    // The name proper: an article or clitic the costs already price as a
    // removable prefix is no edit for the prior to weigh (dev.arabhard
    // B-cubed F1 0.9398 -> 0.9404, generated 10k 0.9332 -> 0.9337).
    fn proper(s: &[u32]) -> &[u32] {
        let n = s.iter().take_while(|&&c| c & PREFIX_FLAG != 0).count();
        if n < s.len() { &s[n..] } else { s }
    }
    let (x, y) = (proper(x), proper(y));
    type Buffers = (Vec<char>, Vec<char>, Vec<(Op, char, char)>);
    thread_local! {
        static BUFFERS: RefCell<Buffers> = RefCell::default();
    }
    BUFFERS.with_borrow_mut(|(a, b, steps)| {
        for (out, s) in [(&mut *a, x), (&mut *b, y)] {
            out.clear();
            out.extend(s.iter().filter_map(|&c| char::from_u32(c & CHAR_MASK)));
        }
        costs.explain_symbols(x, y, steps);
        let w = prior::shipped_arabic_pairs().weigh_arabic_pair(a, b, steps);
        (w - PRIOR_OFFSET).clamp(-PRIOR_REACH, PRIOR_REACH)
    })
}

/// An upper bound on [`Clusterer::parts_sim`] of entries `a` and `b`, in
/// O(parts) and without any distance: the longer name's extra parts each
/// cost at least its cheapest part.
fn parts_bound(p: &Packed, a: usize, b: usize) -> f32 {
    let (a, b) = (p.parts(a), p.parts(b));
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let total = PackedPart::total(a, b);
    if total <= 0.0 {
        return 0.0;
    }
    let cheapest = b.iter().map(|x| x.extra).fold(f32::INFINITY, f32::min);
    (1.0 - (b.len() - a.len()) as f32 * cheapest / total).clamp(0.0, 1.0)
}

/// Union-find over nodes whose groups also list their members, in merge
/// order, as linked lists threaded through one array (a root is its own
/// list's head): no allocation per node, O(1) to join two lists.
struct Dsu {
    parent: Vec<usize>,
    /// Next member of the same group, or `NONE`.
    next: Vec<u32>,
    /// Per root: the last member of its list, and the group's size.
    tail: Vec<u32>,
    size: Vec<u32>,
    entity: Vec<Option<u32>>,
}

/// End of a list threaded through an array (a group's members, the
/// one-part names of a core).
const NONE: u32 = u32::MAX;

impl Dsu {
    fn new(entities: &[Option<u32>]) -> Dsu {
        let n = entities.len();
        Dsu {
            parent: (0..n).collect(),
            next: vec![NONE; n],
            tail: (0..n as u32).collect(),
            size: vec![1; n],
            entity: entities.to_vec(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    /// Joins roots `a` and `b`; the larger keeps its members first.
    fn union(&mut self, a: usize, b: usize) {
        let (big, small) = if self.size[a] >= self.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small] = big;
        self.next[self.tail[big] as usize] = small as u32;
        self.tail[big] = self.tail[small];
        self.size[big] += self.size[small];
        if self.entity[big].is_none() {
            self.entity[big] = self.entity[small];
        }
    }

    /// The members of root `r`'s group, from `r`, in merge order.
    fn members(&self, r: usize) -> impl Iterator<Item = usize> + Clone + '_ {
        std::iter::successors(Some(r), |&x| {
            let n = self.next[x];
            (n != NONE).then_some(n as usize)
        })
    }
}

impl Clusterer {
    /// A clusterer with default options (anchored by the shipped table when
    /// the `builtin-aliases` feature is on).
    pub fn new() -> Clusterer {
        Clusterer {
            threshold: DEFAULT_CLUSTER_THRESHOLD,
            anchors: cfg!(feature = "builtin-aliases").then(Resolver::new),
            costs: Costs::shipped(),
            latin_costs: Costs::shipped_latin().weak_as_letters(),
            prior: true,
        }
    }

    /// Options: threshold, anchors, costs, prior.
    pub fn builder() -> ClustererBuilder {
        ClustererBuilder::default()
    }

    /// Similarity of nodes `a` and `b` ([`Clusterer::sim`] of the entries
    /// [`Packed::pick`] chooses); for a Latin node against an Arabic one,
    /// also of each second reading of the Latin node, ALT_PENALTY less.
    /// Under `floor`, some value under `floor`.
    fn node_sim(&self, p: &Packed, a: usize, b: usize, floor: f32, same: Option<bool>) -> f32 {
        // CBL romanises as كبل, which is no spelling of it: an acronym read
        // letter by letter meets an Arabic node through an anchor only.
        let arabic = |i: usize| p.latin[i] == u32::MAX;
        if p.spelled[a] && arabic(b) || p.spelled[b] && arabic(a) {
            return 0.0;
        }
        let pair = p.pick(a, b);
        let mut s = self.sim(p, pair, floor, same);
        if !pair.2 {
            return s;
        }
        // A Latin node against an Arabic one: its second readings too, each
        // ALT_PENALTY less (as in the resolver).
        let (latin, other) = if p.latin[a] != u32::MAX {
            (a, pair.1)
        } else {
            (b, pair.0)
        };
        let readings = p
            .alts
            .get(p.alt_start[latin] as usize..p.alt_start[latin + 1] as usize);
        for &e in readings.unwrap_or_default() {
            let need = floor.max(s) + ALT_PENALTY;
            if need > 1.0 {
                break;
            }
            let t = self.sim(p, (e as usize, other, true), need, None) - ALT_PENALTY;
            if t > s {
                s = t;
            }
        }
        s
    }

    /// Similarity of packed entries `a` and `b`; a similarity under `floor`
    /// comes back as some value under `floor` (callers drop those).
    /// Names of several parts are aligned part by part, each part weighted
    /// by how rare it is in the input (see [`part_weights`]), so that
    /// جمهورية البيرو meets البيرو while محمد علي and محمد حسن stay apart.
    /// `same` says whether the skeletons are equal, when the caller knows;
    /// `mixed`, whether one is a romanised Latin spelling and the other
    /// Arabic (see [`Costs::shipped_latin`]).
    fn sim(
        &self,
        p: &Packed,
        (a, b, mixed): (usize, usize, bool),
        floor: f32,
        same: Option<bool>,
    ) -> f32 {
        let costs = if mixed {
            &self.latin_costs
        } else {
            &self.costs
        };
        // Names with different numbers of parts: the better of the
        // whole-string similarity and the containment of the shorter in the
        // longer (a common part missing on one side costs little there).
        let parts = if p.parts(a).len() != p.parts(b).len() && parts_bound(p, a, b) + 1e-4 >= floor
        {
            self.parts_sim(p, a, b, costs)
        } else {
            0.0
        };
        let (x, y) = (p.symbols(a), p.symbols(b));
        let len = x.len().max(y.len());
        if len == 0 {
            return 1.0;
        }
        let lenf = len as f32;
        // The whole string matters only where it beats the parts, or where
        // the prior may lift it there.
        let need = floor.max(parts);
        let prior = self.prior && p.parts(a).len() == 1 && p.parts(b).len() == 1;
        let reach = if prior { PRIOR_REACH } else { 0.0 };
        let max = (1.0 - need + reach) * lenf;
        let mut whole = match costs.osa(x, y, max) {
            Some(d) => (1.0 - d / lenf).max(0.0),
            None => 0.0,
        };
        if prior && whole >= PRIOR_FROM {
            whole = (whole + prior_shift(costs, x, y)).clamp(0.0, 1.0);
        }
        // Spellings of one name mostly keep their consonant classes (as in
        // the resolver): another skeleton costs SKELETON_MISMATCH.
        if whole > 0.0 {
            let same = same.unwrap_or_else(|| {
                let (mut sx, mut sy) = (Vec::new(), Vec::new());
                skeleton(costs, x, &mut sx);
                skeleton(costs, y, &mut sy);
                sx == sy
            });
            if !same {
                whole = (whole - SKELETON_MISMATCH).max(0.0);
            }
        }
        whole.max(parts)
    }

    /// Containment similarity of multi-part names: every part of the shorter
    /// name matches a part of the longer one in order, and the longer one's
    /// extra parts cost their weight (a common part little, a rare one
    /// much; a given name 1; a place word of an official name at most
    /// [`PLACE_EXTRA`]: see [`Packed::part_meta`]). 0 when the shorter
    /// name is not contained.
    fn parts_sim(&self, p: &Packed, a: usize, b: usize, costs: &Costs) -> f32 {
        let (a, b) = if p.parts(a).len() <= p.parts(b).len() {
            (p.parts(a), p.parts(b))
        } else {
            (p.parts(b), p.parts(a))
        };
        let total = PackedPart::total(a, b);
        if total <= 0.0 {
            return 0.0;
        }
        let (k, l) = (a.len(), b.len());
        let width = l + 1;
        // The DP table on the stack for names of up to 15 parts.
        let mut small = [f32::INFINITY; 16 * 16];
        let mut big = Vec::new();
        let dp: &mut [f32] = if (k + 1) * width <= small.len() {
            &mut small[..(k + 1) * width]
        } else {
            big.resize((k + 1) * width, f32::INFINITY);
            &mut big
        };
        dp[0] = 0.0;
        for i in 0..=k {
            for j in 0..=l {
                let here = dp[i * width + j];
                if !here.is_finite() {
                    continue;
                }
                if j < l {
                    // An extra part of the longer name (see `Packed::part_meta`).
                    let c = &mut dp[i * width + j + 1];
                    *c = c.min(here + b[j].extra);
                }
                if i < k && j < l {
                    let (x, y) = (p.part_symbols(&a[i]), p.part_symbols(&b[j]));
                    let len = x.len().max(y.len()).max(1) as f32;
                    if let Some(d) = costs.osa(x, y, CONTAINED_PART * len) {
                        let c = &mut dp[(i + 1) * width + j + 1];
                        *c = c.min(here + (a[i].weight + b[j].weight) / 2.0 * (d / len));
                    }
                }
            }
        }
        (1.0 - dp[k * width + l] / total).clamp(0.0, 1.0)
    }

    /// Groups the names. Every input name (duplicates included) lands in
    /// exactly one cluster; names over [`MAX_NAME_CHARS`] chars, or with no
    /// letters, stay alone.
    pub fn cluster<I, S>(&self, names: I) -> Clustering
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Distinct spellings, first-seen order, with counts.
        let hasher = foldhash::fast::RandomState::default();
        let (order, count) = distinct(names, |n| hasher.hash_one(n));
        // Nodes: distinct comparison forms (and Latin acronyms as written),
        // numbered in form order so that input order cannot change any
        // decision.
        let lex = lexicon::shipped();
        let mut alone: Vec<usize> = Vec::new();
        // Normalising every spelling is the largest serial step: spread it
        // over the cores (the result does not depend on the split).
        let form_of = |s: &String| {
            (s.chars().count() <= MAX_NAME_CHARS).then(|| {
                let n = crate::normalize::normalize(s);
                // A Latin spelling keeps its Latin form too (see the nodes'
                // `latin` below), boxed: most spellings have none, and a
                // slot of two inline names is 144 bytes, of one 80.
                let latin = n.is_latin().then(|| {
                    let r = lex.name_range(&n);
                    Box::new(if r.len() == n.parts().len() {
                        n.clone()
                    } else {
                        n.slice(r)
                    })
                });
                (match_form_of(lex, n), latin)
            })
        };
        let mut all_forms: Vec<Option<(Name, Option<Box<Name>>)>> =
            par_map(&order, 16_384, |c: &[String]| {
                c.iter().map(form_of).collect()
            });
        let mut kept: Vec<usize> = Vec::with_capacity(order.len());
        for (i, f) in all_forms.iter_mut().enumerate() {
            match f {
                Some(g) if !g.0.is_empty() => kept.push(i),
                _ => {
                    alone.push(i);
                    *f = None;
                }
            }
        }
        // Spellings sorted by form (then acronym text, then input order); a
        // run of one form and acronym text is a node.
        let form_str = |i: usize| all_forms[i].as_ref().map_or("", |f| f.0.as_str());
        // Sorting a million forms by string chased a pointer per comparison:
        // sort by the first 16 bytes held inline (the same order, as a
        // shorter prefix pads with zeros), comparing whole strings on ties.
        let mut by_prefix: Vec<(u128, usize)> = kept
            .iter()
            .map(|&i| {
                let mut head = [0u8; 16];
                let bytes = form_str(i).as_bytes();
                let n = bytes.len().min(16);
                head[..n].copy_from_slice(&bytes[..n]);
                (u128::from_be_bytes(head), i)
            })
            .collect();
        // Latin acronyms romanise alike (PKK and BBC both as بك): one as
        // written is a node of its own, which may anchor apart.
        let acronym = |i: usize| {
            let t = order[i].trim();
            if crate::resolve::is_acronym(t) { t } else { "" }
        };
        par_sort_unstable_by(&mut by_prefix, SORT_MIN, &|x, y| {
            x.0.cmp(&y.0)
                .then_with(|| form_str(x.1).cmp(form_str(y.1)))
                .then_with(|| acronym(x.1).cmp(acronym(y.1)))
                .then(x.1.cmp(&y.1))
        });
        kept.clear();
        kept.extend(by_prefix.into_iter().map(|(_, i)| i));
        // A run of one form (and acronym text) is a node: its spellings,
        // and the forms it is compared by, borrowed from its spellings' own
        // (moving a million names into nodes cost a fresh copy of every
        // name's inline part).
        let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
        let mut start = 0;
        for run in kept.chunk_by(|&a, &b| form_str(a) == form_str(b) && acronym(a) == acronym(b)) {
            spans.push(start..start + run.len());
            start += run.len();
        }
        // `kept` holds only spellings with a non-empty form, so `empty` is
        // never read; it stands in to keep the lookup total.
        let empty = Name::default();
        let forms: Vec<&Name> = spans
            .iter()
            .map(|s| all_forms[kept[s.start]].as_ref().map_or(&empty, |f| &f.0))
            .collect();
        // The node's Latin form, whatever the input order: the least of its
        // spellings' Latin forms (spellings of one form may differ in
        // script: Haftar and هافتار), the first spelling's on a tie.
        let latin: Vec<Option<&Name>> = spans
            .iter()
            .map(|s| {
                let mut least: Option<&Name> = None;
                for &i in &kept[s.start + 1..s.end] {
                    if let Some((_, Some(l))) = &all_forms[i] {
                        if least.is_none_or(|m| l.as_str() < m.as_str()) {
                            least = Some(l);
                        }
                    }
                }
                let first = all_forms[kept[s.start]]
                    .as_ref()
                    .and_then(|f| f.1.as_deref());
                match (first, least) {
                    (Some(f), Some(l)) if l.as_str() < f.as_str() => Some(l),
                    (f, l) => f.or(l),
                }
            })
            .collect();
        // Anchors.
        let entities: Vec<Option<u32>> = match &self.anchors {
            Some(r) => forms
                .iter()
                .zip(&spans)
                .map(|(f, s)| {
                    // A node of Latin spellings may anchor to a Latin
                    // acronym, an acronym's only to its own (PKK and BBC
                    // romanise alike; an acronym is a node of its own).
                    let first = kept[s.start];
                    let latin = kept[s.clone()]
                        .iter()
                        .all(|&i| all_forms[i].as_ref().is_some_and(|f| f.1.is_some()));
                    let rule = r.acronym_rule(order[first].as_str(), latin);
                    r.anchor(f, rule).or_else(|| {
                        let raw = kept[s.clone()].iter().map(|&i| order[i].as_str());
                        titled_anchor(r, lex, f, raw)
                    })
                })
                .collect(),
            None => vec![None; forms.len()],
        };
        // A Latin node's second readings (Jerez also as خيريز), which meet
        // Arabic nodes as in the resolver: on all cores.
        let alts: Vec<Vec<Name>> = par_map(&latin, 16_384, |c: &[Option<&Name>]| {
            c.iter()
                .map(|l| {
                    l.map_or_else(Vec::new, |l| {
                        let (first, units) = crate::romanize::romanize_units(l);
                        crate::romanize::alternatives(l, &first, &units)
                            .into_iter()
                            .map(|a| match_form_of(lex, a))
                            .filter(|a| !a.is_empty())
                            .collect()
                    })
                })
                .collect()
        });
        // The nodes of a Latin acronym read letter by letter (see
        // `spelled_out`).
        let spelled: Vec<bool> = spans
            .iter()
            .map(|s| spelled_out(acronym(kept[s.start])))
            .collect();
        let (mut dsu, mut known, packed) = self.link(&forms, &latin, &alts, &entities, &spelled);
        drop((forms, latin, alts, entities));
        let assemble = |spans: &[std::ops::Range<usize>]| {
            self.assemble(
                order,
                &count,
                (spans, &kept),
                &alone,
                (&mut dsu, &mut known, &packed),
            )
        };
        if spans.len() < PARALLEL_DROP {
            return assemble(&spans);
        }
        // Freeing a million forms (several allocations each) took half a
        // second; the assembly is serial, so another core frees them
        // meanwhile. Both are done when this returns.
        std::thread::scope(|s| {
            s.spawn(move || drop((all_forms, empty)));
            assemble(&spans)
        })
    }

    /// Links forms into groups: entity must-links and cannot-links, blocking,
    /// best-first average linkage. Forms must be in a deterministic order.
    /// Returns each form's group: the index of its group's root form.
    pub(crate) fn link_forms(&self, forms: &[&Name], entities: &[Option<u32>]) -> Vec<usize> {
        let none = vec![None; forms.len()];
        let (mut dsu, _, _) = self.link(
            forms,
            &none,
            &vec![Vec::new(); forms.len()],
            entities,
            &vec![false; forms.len()],
        );
        (0..forms.len()).map(|i| dsu.find(i)).collect()
    }

    /// [`Clusterer::link_forms`] with the nodes' Latin forms, second
    /// readings and acronyms read letter by letter: returns the union-find, the similarities known (every
    /// scored pair and those the merging computed) and the packed forms,
    /// which the assembly reads for the clusters' cohesion.
    #[allow(clippy::needless_range_loop)] // indices tie nodes, entities and the union-find
    fn link(
        &self,
        forms: &[&Name],
        latin: &[Option<&Name>],
        alts: &[Vec<Name>],
        entities: &[Option<u32>],
        spelled: &[bool],
    ) -> (Dsu, Known, Packed) {
        let n = forms.len();
        let mut dsu = Dsu::new(entities);
        // Nodes of one entity are one group.
        let mut first_of: Map<u32, usize> = Map::default();
        for i in 0..n {
            if let Some(e) = entities[i] {
                match first_of.get(&e) {
                    Some(&j) => {
                        let (a, b) = (dsu.find(i), dsu.find(j));
                        if a != b {
                            dsu.union(a, b);
                        }
                    }
                    None => {
                        first_of.insert(e, i);
                    }
                }
            }
        }
        // Candidate pairs from blocking keys.
        let weights = part_weights(forms);
        let lex = lexicon::shipped();
        // The parts' weights and flags are hash lookups: on all cores.
        let meta: Vec<(f32, f32)> = par_map(forms, 16_384, |c: &[&Name]| {
            c.iter()
                .flat_map(|f| Packed::part_meta(f, &weights, lex))
                .collect()
        });
        // Skeletons and blocking keys of every form (on all cores), then the
        // blocks: runs of one key in the (key, form) list sorted by key.
        let idx: Vec<u32> = (0..forms.len() as u32).collect();
        // Also, for an official place name (one with a place noun:
        // جمهورية, المملكة, جزر; see `is_official`), the skeleton of its
        // parts other than place words (its stem).
        let chunks = par_map(&idx, 16_384, |c: &[u32]| {
            let (mut skel, mut ks) = (Vec::new(), Vec::new());
            let mut wholes = Vec::with_capacity(c.len());
            let mut posts = Vec::with_capacity(c.len() * 6);
            let mut stems = Vec::new();
            for &i in c {
                let f = forms[i as usize];
                skeleton(&self.costs, f.symbols(), &mut skel);
                keys(&skel, &mut ks);
                wholes.push(whole_key(&skel));
                posts.extend(ks.iter().map(|&k| (k, i)));
                if f.parts().len() > 1 && is_official(f, lex) {
                    let stem: Vec<_> = f
                        .parts()
                        .iter()
                        .filter(|p| !lex.is_place_word(p))
                        .cloned()
                        .collect();
                    if !stem.is_empty() {
                        skeleton(&self.costs, Name::from_parts(stem).symbols(), &mut skel);
                        stems.push((whole_key(&skel), i));
                    }
                }
                // Second readings block with the forms they read as, tagged:
                // they pair with Arabic nodes only.
                for a in &alts[i as usize] {
                    skeleton(&self.costs, a.symbols(), &mut skel);
                    keys(&skel, &mut ks);
                    posts.extend(ks.iter().map(|&k| (k, i | ALT_POST)));
                }
            }
            vec![(wholes, (posts, stems))]
        });
        // Concatenated into the first chunk's buffers (see `concat`).
        let (whole, postings): (Vec<_>, Vec<_>) = chunks.into_iter().unzip();
        let (postings, stems): (Vec<_>, Vec<_>) = postings.into_iter().unzip();
        let (whole, mut postings): (Vec<u128>, Vec<(u64, u32)>) = (concat(whole), concat(postings));
        let mut stems: Vec<(u128, u32)> = concat(stems);
        // Memory follows the skeleton order (rank): the entries of names
        // that get compared sit together, which keeps the scoring of a
        // million names' pairs in cache. Ranks only lay out memory and order
        // the work; every decision is made on node ids as before.
        let mut by_skel: Vec<(u128, u32)> = whole
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        // The large sorts of a million names' keys and pairs run on all
        // cores (see `par_sort_unstable`; the order is the sequential one).
        par_sort_unstable(&mut by_skel, SORT_MIN);
        let node_of: Vec<u32> = by_skel.iter().map(|&(_, i)| i).collect();
        drop(by_skel);
        let mut rank_of = vec![0u32; n];
        for (r, &i) in node_of.iter().enumerate() {
            rank_of[i as usize] = r as u32;
        }
        let mut packed = Packed::default();
        // Sized up front for every form, Latin form and second reading it
        // will hold: grown by doubling, a million names' arena was copied
        // and its fresh pages faulted in again and again.
        let held = || {
            forms
                .iter()
                .copied()
                .chain(latin.iter().flatten().copied())
                .chain(alts.iter().flatten())
        };
        packed
            .symbols
            .reserve(held().map(|f| f.symbols().len()).sum());
        packed.parts.reserve(held().map(|f| f.parts().len()).sum());
        packed.entries.reserve(held().count());
        let mut metas: Vec<&[(f32, f32)]> = Vec::with_capacity(n);
        let mut at = 0;
        for f in forms {
            metas.push(&meta[at..at + f.parts().len()]);
            at += f.parts().len();
        }
        packed.spelled = spelled.to_vec();
        packed.entry_of = vec![0; n];
        for &i in &node_of {
            let f = forms[i as usize];
            packed.entry_of[i as usize] = packed.push(f, metas[i as usize].iter().copied()) as u32;
        }
        packed.latin = latin
            .iter()
            .map(|l| {
                l.map_or(u32::MAX, |l| {
                    packed.push(l, Packed::part_meta(l, &weights, lex)) as u32
                })
            })
            .collect();
        packed.alt_start.push(0);
        for a in alts {
            for f in a {
                let e = packed.push(f, Packed::part_meta(f, &weights, lex)) as u32;
                packed.alts.push(e);
            }
            packed.alt_start.push(packed.alts.len() as u32);
        }
        let whole: Vec<u128> = node_of.iter().map(|&i| whole[i as usize]).collect();
        for p in &mut postings {
            p.1 = rank_of[(p.1 & !ALT_POST) as usize] | (p.1 & ALT_POST);
        }
        // Per rank: a Latin node.
        let latin_rank: Vec<bool> = node_of
            .iter()
            .map(|&i| latin[i as usize].is_some())
            .collect();
        // A second reading's posting pairs with an Arabic node's first
        // reading only (two Latin spellings compare as Latin).
        let pairs_with = |a: u32, b: u32| match (a & ALT_POST != 0, b & ALT_POST != 0) {
            (false, false) => true,
            (true, false) => !latin_rank[b as usize] && a & !ALT_POST != b,
            (false, true) => !latin_rank[a as usize] && b & !ALT_POST != a,
            (true, true) => false,
        };
        par_sort_unstable(&mut postings, SORT_MIN);
        postings.dedup();
        // Blocks are paired in full up to a cap that shrinks as the input
        // grows (128 for a few thousand names, 16 from 250k on), and larger
        // blocks within a window that shrinks too (8, then 4 from 625k forms on),
        // so that the pairs stay near-linear in the number of names.
        let cap = (PAIR_BUDGET / forms.len().max(1)).clamp(MIN_BLOCK_CAP, BLOCK_CAP);
        let window = (WINDOW_BUDGET / forms.len().max(1)).clamp(MIN_WINDOW, WINDOW);
        let mut pairs: Vec<u64> = Vec::new();
        let pair = |a: u32, b: u32| {
            let (a, b) = (a & !ALT_POST, b & !ALT_POST);
            (a.min(b) as u64) << 32 | a.max(b) as u64
        };
        let mut sorted: Vec<u32> = Vec::new();
        for block in postings.chunk_by(|x, y| x.0 == y.0) {
            // Second readings do not make a block crowded.
            let firsts = block.iter().filter(|p| p.1 & ALT_POST == 0).count();
            if firsts <= cap {
                for (x, &(_, a)) in block.iter().enumerate() {
                    for &(_, b) in &block[x + 1..] {
                        if pairs_with(a, b) {
                            pairs.push(pair(a, b));
                        }
                    }
                }
            } else {
                // A crowded block: order it by whole-name skeleton, which
                // brings the vowel variants of one name together, and pair
                // near neighbours only.
                sorted.clear();
                sorted.extend(block.iter().map(|&(_, i)| i));
                // Ranks follow (skeleton, node): rank order is that order
                // (a second reading sits after its node's first).
                sorted.sort_unstable_by_key(|&i| (i & !ALT_POST, i & ALT_POST));
                for (x, &a) in sorted.iter().enumerate() {
                    for &b in sorted[x + 1..].iter().take(window) {
                        if pairs_with(a, b) {
                            pairs.push(pair(a, b));
                        }
                    }
                }
            }
        }
        drop(postings);
        // A rare part of a multi-part name meets the one-part names equal to
        // it, so that a name meets its longer official form (اليمن,
        // جمهورية اليمن) however crowded its skeleton's block is.
        // The one-part names of a core are a list threaded through `chain`
        // (rank, next): no allocation per core.
        let mut single: Map<&str, u32> = Map::default();
        let mut chain: Vec<(u32, u32)> = Vec::new();
        for (i, f) in forms.iter().enumerate() {
            if let [p] = f.parts() {
                let head = single.entry(p.core()).or_insert(NONE);
                chain.push((rank_of[i], *head));
                *head = (chain.len() - 1) as u32;
            }
        }
        for (i, f) in forms.iter().enumerate() {
            if f.parts().len() > 1 {
                for (part, &(weight, _)) in f.parts().iter().zip(metas[i]) {
                    if weight >= RARE_PART {
                        let mut at = single.get(part.core()).copied().unwrap_or(NONE);
                        while let Some(&(j, next)) = chain.get(at as usize) {
                            pairs.push(pair(rank_of[i], j));
                            at = next;
                        }
                    }
                }
            }
        }
        // An official place name meets the names whose skeleton is its
        // stem's, and the names whose stem's skeleton is
        // its stem's (جمهورية ساحل العاج, ساحل العاج; جزر المارشال, جمهورية
        // جزر المارشال): the whole-name blocks rarely pair them.
        for s in &mut stems {
            s.1 = rank_of[s.1 as usize];
        }
        stems.sort_unstable();
        for (x, &(key, a)) in stems.iter().enumerate() {
            let from = whole.partition_point(|&w| w < key);
            let to = from + whole[from..].partition_point(|&w| w == key);
            let others = stems[x + 1..].iter().take_while(|s| s.0 == key);
            for b in (from..to)
                .map(|r| r as u32)
                .chain(others.map(|s| s.1))
                .take(cap)
            {
                if a != b {
                    pairs.push(pair(a, b));
                }
            }
        }
        par_sort_unstable(&mut pairs, SORT_MIN);
        pairs.dedup();
        let t = self.threshold;
        let low = t - MUTUAL_MARGIN;
        // Scoring the pairs is most of the work: split it over the cores.
        let score = |part: &[u64]| -> Vec<(f32, u32, u32)> {
            part.iter()
                .filter_map(|&p| {
                    let (ra, rb) = ((p >> 32) as usize, p as u32 as usize);
                    let (a, b) = (node_of[ra], node_of[rb]);
                    let same = latin[a as usize].is_none() || latin[b as usize].is_none();
                    let same = same.then(|| whole[ra] == whole[rb]);
                    let s = self.node_sim(&packed, a as usize, b as usize, low, same);
                    (s >= low).then_some((s, a.min(b), a.max(b)))
                })
                .collect()
        };
        let scored: Vec<(f32, u32, u32)> = par_map(&pairs, 4096, score);
        drop(pairs);
        // Each form's nearest neighbour (ties: the lower index).
        let mut nearest: Vec<(f32, u32)> = vec![(0.0, u32::MAX); n];
        for &(s, a, b) in &scored {
            for (x, y) in [(a, b), (b, a)] {
                let slot = &mut nearest[x as usize];
                if s > slot.0 || (s == slot.0 && y < slot.1) {
                    *slot = (s, y);
                }
            }
        }
        // An edge over the threshold, or between mutual nearest neighbours
        // within MUTUAL_MARGIN below it: a name's closest spelling is usually
        // its own variant, a merely close one often another name.
        // Every scored similarity is kept, edge or not: merging groups
        // needs the similarity of every pair across them, nearly all of
        // which were scored (at a million names, 332k of the 354k it
        // computed otherwise).
        let mut known = Known::of(&scored);
        let mut edges: Vec<(f32, u32, u32, f32)> = scored
            .into_iter()
            .filter_map(|(s, a, b)| {
                let mutual = nearest[a as usize].1 == b && nearest[b as usize].1 == a;
                if s >= t {
                    Some((s, a, b, t))
                } else if mutual {
                    Some((s, a, b, low))
                } else {
                    None
                }
            })
            .collect();
        // Pairs are distinct, so this order has no ties.
        par_sort_unstable_by(&mut edges, SORT_MIN, &|x, y| {
            y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2))
        });
        // Best-first merging with average linkage and cannot-link.
        for &(s, a, b, t) in &edges {
            debug_assert!(s >= t);
            let (ra, rb) = (dsu.find(a as usize), dsu.find(b as usize));
            if ra == rb {
                continue;
            }
            if let (Some(x), Some(y)) = (dsu.entity[ra], dsu.entity[rb]) {
                if x != y {
                    continue;
                }
            }
            // Two single nodes: their one pair is this edge, whose score
            // is at least its bar (no lookup in `known`).
            if dsu.size[ra] == 1 && dsu.size[rb] == 1 {
                dsu.union(ra, rb);
                continue;
            }
            let cross = (dsu.size[ra] as usize * dsu.size[rb] as usize) as f32;
            let mut total = 0.0f32;
            // Give up early once the average cannot reach t.
            let mut left = cross;
            let mut ok = true;
            for x in dsu.members(ra) {
                for y in dsu.members(rb) {
                    let key = (x.min(y) as u32, x.max(y) as u32);
                    let s = known.get_or(pair_key(key.0, key.1), || {
                        self.node_sim(&packed, key.0 as usize, key.1 as usize, 0.0, None)
                    });
                    total += s;
                    left -= 1.0;
                    if total + left < t * cross {
                        ok = false;
                        break;
                    }
                }
                if !ok {
                    break;
                }
            }
            if ok && total >= t * cross - 1e-4 {
                dsu.union(ra, rb);
            }
        }
        (dsu, known, packed)
    }

    #[allow(clippy::needless_range_loop)] // node indices are the union-find's
    fn assemble(
        &self,
        order: Vec<String>,
        count: &[usize],
        (spans, kept): (&[std::ops::Range<usize>], &[usize]),
        alone: &[usize],
        (dsu, known, packed): (&mut Dsu, &mut Known, &Packed),
    ) -> Clustering {
        // Group spellings by root (or alone).
        let mut group_of_spelling = vec![usize::MAX; order.len()];
        let mut groups: Vec<(Vec<usize>, Option<u32>, f32)> = Vec::new();
        let mut root_group: Vec<usize> = vec![usize::MAX; spans.len()];
        for i in 0..spans.len() {
            let r = dsu.find(i);
            if root_group[r] == usize::MAX {
                root_group[r] = groups.len();
                groups.push((Vec::new(), None, 1.0));
            }
            let g = root_group[r];
            groups[g].1 = dsu.entity[r];
            for &s in &kept[spans[i].clone()] {
                groups[g].0.push(s);
                group_of_spelling[s] = g;
            }
        }
        for (r, &g) in root_group.iter().enumerate() {
            if g != usize::MAX && dsu.size[r] > 1 {
                let mut total = 0.0;
                let mut k = 0usize;
                let mut rest = dsu.members(r);
                while let Some(a) = rest.next() {
                    for b in rest.clone().take(16) {
                        let key = (a.min(b) as u32, a.max(b) as u32);
                        total += known.get_or(pair_key(key.0, key.1), || {
                            self.node_sim(packed, key.0 as usize, key.1 as usize, 0.0, None)
                        });
                        k += 1;
                    }
                }
                groups[g].2 = total / k.max(1) as f32;
            }
        }
        for &s in alone {
            groups.push((vec![s], None, 1.0));
            group_of_spelling[s] = groups.len() - 1;
        }
        // Number groups by first appearance in the input.
        let mut renumber = vec![usize::MAX; groups.len()];
        let mut next = 0;
        for &g in &group_of_spelling {
            if renumber[g] == usize::MAX {
                renumber[g] = next;
                next += 1;
            }
        }
        let table = self.anchors.as_ref().map(|r| r.table());
        let mut clusters: Vec<Option<Cluster>> = vec![None; groups.len()];
        for (g, (mut spellings, entity, cohesion)) in groups.into_iter().enumerate() {
            spellings.sort_by(|&a, &b| count[b].cmp(&count[a]).then(order[a].cmp(&order[b])));
            let entity = entity.and_then(|e| table.map(|t| t.entities[e as usize].clone()));
            let representative = entity
                .as_ref()
                .and_then(|e| e.canonical_arabic.clone())
                .unwrap_or_else(|| order[spellings[0]].clone());
            let id = renumber[g];
            clusters[id] = Some(Cluster {
                id,
                representative,
                members: spellings
                    .iter()
                    .map(|&s| Member {
                        name: order[s].clone(),
                        count: count[s],
                    })
                    .collect(),
                entity,
                cohesion,
            });
        }
        Clustering {
            clusters: clusters.into_iter().flatten().collect(),
            names: order
                .into_iter()
                .enumerate()
                .map(|(i, n)| (n, renumber[group_of_spelling[i]]))
                .collect(),
            lookup: OnceLock::new(),
        }
    }
}

/// Whether a Latin acronym as written (see [`crate::resolve::is_acronym`];
/// `""` for none) is read letter by letter: it has no vowel (CBL, PKK:
/// سي بي إل), so its romanised form (كبل) is no spelling of it. One with a
/// vowel is mostly read as a word (NATO: الناتو; OPEC: أوبك) and meets its
/// Arabic spellings as any Latin name does.
fn spelled_out(acronym: &str) -> bool {
    !acronym.is_empty() && !acronym.contains(['A', 'E', 'I', 'O', 'U'])
}

#[cfg(test)]
mod tests {
    use super::{PRIOR_REACH, distinct, prior_shift};
    use crate::{Costs, normalize};
    use proptest::prelude::*;

    proptest! {
        /// The prior moves a pair the same whichever name comes first, and
        /// never by more than its reach.
        #[test]
        fn the_prior_shift_is_symmetric_and_bounded(
            a in "[ابتجحدرسشصطعغفقكلمنهوي]{1,10}",
            b in "[ابتجحدرسشصطعغفقكلمنهوي]{1,10}",
        ) {
            let costs = Costs::shipped();
            let (x, y) = (normalize(&a), normalize(&b));
            let there = prior_shift(&costs, x.symbols(), y.symbols());
            let back = prior_shift(&costs, y.symbols(), x.symbols());
            prop_assert_eq!(there, back);
            prop_assert!(there.abs() <= PRIOR_REACH);
        }
    }

    #[test]
    fn distinct_keeps_first_seen_order_and_counts() {
        let names = ["b", "a", "b", "c", "a", "b"];
        let hasher = foldhash::fast::RandomState::default();
        let (order, count) = distinct(names, |n| std::hash::BuildHasher::hash_one(&hasher, n));
        assert_eq!(order, ["b", "a", "c"]);
        assert_eq!(count, [3, 2, 1]);
    }

    #[test]
    fn distinct_tells_apart_names_with_one_hash() {
        // Every name hashes alike: all but the first go through the clash map.
        let names = ["b", "a", "b", "c", "a", "b", "c"];
        let (order, count) = distinct(names, |_| 7);
        assert_eq!(order, ["b", "a", "c"]);
        assert_eq!(count, [3, 2, 2]);
    }
}
