//! Letter classes and confusion costs, read from `data/letters.tsv`,
//! `data/costs.tsv` and `data/params.tsv`.

use std::io::BufRead;
use std::sync::{Arc, LazyLock};

use crate::error::{DataError, Error, Result};
use crate::normalize::{CHAR_MASK, PREFIX_FLAG};
use crate::tsv::{TsvReader, required};

/// Every letter [`normalize`](crate::normalize) can output, besides "other"
/// letters of scripts the crate does not model, and the three weak letters
/// ([`WEAK`]) that only the romaniser writes. Its order fixes letter ids.
pub(crate) const ALPHABET: &str = "ءاويبپتثطجگغقكحخهدذضظرزژسصشچعفڤڥلمن\u{0670}\u{06E5}\u{06E6}abcdefghijklmnopqrstuvwxyz0123456789 ";

/// Weak vowel letters and the letters they stand for: a vowel of a
/// romanised Latin name that Arabic spellings leave out about as often as
/// they write it (superscript alef, small waw, small ya: the marks Arabic itself
/// uses for a vowel not written as a letter). The normaliser drops these
/// marks from text, so only the romaniser writes them. A weak letter costs
/// what its letter costs against every letter, and nothing against its own
/// letter, unless a cost table lists the pair (`data/costs_latin.tsv`
/// prices writing and dropping one).
pub(crate) const WEAK: [(char, char); 3] =
    [('\u{0670}', 'ا'), ('\u{06E5}', 'و'), ('\u{06E6}', 'ي')];

/// Id of letters outside [`ALPHABET`].
pub(crate) const OTHER: u8 = ALPHABET_LEN as u8;
/// Number of letters in [`ALPHABET`].
const ALPHABET_LEN: usize = 35 + 3 + 26 + 10 + 1;
/// Rows and columns of the cost matrix: the alphabet plus "other".
pub(crate) const N: usize = ALPHABET_LEN + 1;

/// Letter ids for code points below U+0700 (ASCII and the Arabic block),
/// made at compile time: a lazy table paid a check on every letter the
/// distance reads (resolving the dev.arabres queries took 3.78G
/// instructions with it, 3.61G without).
static IDS: [u8; 0x700] = ids();

/// [`IDS`]: the position of each letter of [`ALPHABET`]. Its letters must
/// be below U+0700 (one or two bytes of UTF-8): another letter stops the
/// build.
const fn ids() -> [u8; 0x700] {
    let mut ids = [OTHER; 0x700];
    let bytes = ALPHABET.as_bytes();
    let (mut at, mut id) = (0, 0u8);
    while at < bytes.len() {
        let b = bytes[at] as usize;
        let c = if b < 0x80 {
            at += 1;
            b
        } else {
            assert!(
                b >= 0xC0 && b < 0xE0,
                "ALPHABET letters are one or two bytes"
            );
            at += 2;
            ((b & 0x1F) << 6) | (bytes[at - 1] as usize & 0x3F)
        };
        assert!(c < 0x700, "ALPHABET letters are below U+0700");
        ids[c] = id;
        id += 1;
    }
    ids
}

#[inline]
fn id_of(symbol: u32) -> usize {
    let c = (symbol & CHAR_MASK) as usize;
    if c < 0x700 {
        IDS[c] as usize
    } else {
        OTHER as usize
    }
}

fn label(id: usize) -> String {
    match ALPHABET.chars().nth(id) {
        Some(' ') => "<space>".to_string(),
        Some(c) => c.to_string(),
        None => "<other>".to_string(),
    }
}

fn parse_label(s: &str) -> Option<usize> {
    match s {
        "<space>" => Some(ALPHABET_LEN - 1),
        "<other>" => Some(OTHER as usize),
        _ => {
            let mut it = s.chars();
            let c = it.next()?;
            if it.next().is_some() {
                return None;
            }
            ALPHABET.chars().position(|a| a == c)
        }
    }
}

/// Letter classes and edit costs: what makes two spellings close.
///
/// The shipped table ([`Costs::shipped`]) encodes the confusions real Arabic
/// spellings show: ح/ه/خ, ت/ط/ث, د/ذ/ض/ظ, س/ص/ش, ق/ك/غ/ج/گ, ب/پ, ف/ڤ,
/// ع/ء/ا, and cheap long vowels ا و ي. Every cost lies in [0, 1]; unrelated
/// letters cost 1 to substitute. A linguist edits the TSV files in `data/`;
/// a user may load their own with [`Costs::from_tsv`].
///
/// Memory: one 76×76 matrix of `f32` (about 23 KiB). Shared behind an `Arc`,
/// so cloning is cheap.
///
/// ```
/// use asmaa::{Costs, normalize};
///
/// let costs = Costs::shipped();
/// assert!(costs.substitution('ج', 'غ') < 0.5);
/// assert_eq!(costs.substitution('ج', 'م'), 1.0);
/// assert_eq!(costs.class('ث'), Some('T'));
/// ```
#[derive(Clone, Debug)]
pub struct Costs {
    inner: Arc<Table>,
}

/// The smallest insertion/deletion cost a table allows (for bounds).
fn min_indel(indel: &[f32], prefix_indel: f32, final_vowel_indel: Option<f32>) -> f32 {
    indel
        .iter()
        .copied()
        .fold(prefix_indel, f32::min)
        .min(final_vowel_indel.unwrap_or(1.0))
}

#[derive(Debug)]
struct Table {
    /// Letters grouped for [`Costs::bags`], derived from the costs below.
    bags: Bags,
    sub: Vec<f32>,
    indel: [f32; N],
    class: [char; N],
    transpose: f32,
    prefix_indel: f32,
    /// Insertion/deletion cost of a vowel letter ending a part, if set.
    final_vowel_indel: Option<f32>,
    /// The smallest insertion/deletion cost of any letter, kept for bounds.
    min_indel: f32,
    /// The costs a table listed for weak letters (`b == N`: an indel), kept
    /// so that an overlay re-derives the rest without losing them.
    weak: Vec<(usize, usize, f32)>,
}

impl Table {
    /// A table of these costs, with what is derived from them.
    #[allow(clippy::too_many_arguments)] // the table's own fields, named at each call
    fn new(
        sub: Vec<f32>,
        indel: [f32; N],
        class: [char; N],
        transpose: f32,
        prefix_indel: f32,
        final_vowel_indel: Option<f32>,
        weak: Vec<(usize, usize, f32)>,
    ) -> Table {
        Table {
            bags: Bags::new(&sub, &indel, &class, prefix_indel, final_vowel_indel),
            min_indel: min_indel(&indel, prefix_indel, final_vowel_indel),
            sub,
            indel,
            class,
            transpose,
            prefix_indel,
            final_vowel_indel,
            weak,
        }
    }
}

/// Substitutions cheaper than this join their letters in one group of
/// [`Bags`]. Of the 1.69M part distances that resolving the dev.arabres
/// queries asks for, a first version of the bound (with every letter's
/// count and cost on both sides) settled 1.04M at 0.2, 0.99–1.03M at
/// 0.1–0.18 and 0.25, and 0.31M with every letter alone.
const BAG_JOIN: f32 = 0.2;

/// Letters in groups, one bit of a `u64` each, and what changing a
/// group's letter count costs at least: the *bag bound* on a distance.
///
/// Every edit changes the count of letters of a group by at most one on
/// each side: an insertion or deletion of one of its letters, or a
/// substitution across groups. Transpositions and substitutions within a
/// group change no count. So if `a` has `e` more letters of group `g` than
/// `b`, turning `a` into `b` takes `e` edits that each remove one, each
/// costing at least `cost[g]` (the least deletion of a letter of `g`, or
/// substitution of one by a letter outside `g`); and likewise for the
/// letters `b` has more of. The larger of the two sums bounds the distance
/// from below. Letters outside the alphabet share one id, so one group
/// (two different ones are counted as the same letter), which only lowers
/// the bound, as does sharing a bit: a table of more than 64 groups puts
/// the last ones in bit 63.
#[derive(Debug)]
pub(crate) struct Bags {
    /// Letter id → its group's bit.
    pub(crate) bit: [u8; N],
    /// Bit → the least cost of an edit that changes its count.
    pub(crate) cost: [f32; 64],
    /// As `cost`, for a letter of a removable prefix (cheaper to delete).
    pub(crate) prefix_cost: [f32; 64],
}

/// A name's letter groups under one [`Bags`] (see [`Bags::masks`]), one
/// bit per group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct BagMasks {
    /// The groups the name has a letter of.
    pub(crate) has: u64,
    /// The groups it has two or more letters of.
    pub(crate) multi: u64,
    /// The groups it has a letter of a removable prefix of.
    pub(crate) prefix: u64,
}

impl Bags {
    fn new(
        sub: &[f32],
        indel: &[f32; N],
        class: &[char; N],
        prefix_indel: f32,
        final_vowel_indel: Option<f32>,
    ) -> Bags {
        // Groups by union-find over the cheap substitutions...
        let mut root: [usize; N] = std::array::from_fn(|i| i);
        fn find(root: &[usize; N], mut x: usize) -> usize {
            while root[x] != x {
                x = root[x];
            }
            x
        }
        for a in 0..N {
            for b in 0..N {
                if a != b && sub[a * N + b] < BAG_JOIN {
                    let (ra, rb) = (find(&root, a), find(&root, b));
                    root[ra] = rb;
                }
            }
        }
        // ...numbered in order of their first letter.
        let mut bit = [0u8; N];
        let mut of_root = [u8::MAX; N];
        let mut next = 0u8;
        for (a, b) in bit.iter_mut().enumerate() {
            let r = find(&root, a);
            if of_root[r] == u8::MAX {
                of_root[r] = next.min(63);
                next = next.saturating_add(1);
            }
            *b = of_root[r];
        }
        let mut cost = [f32::INFINITY; 64];
        for a in 0..N {
            // A vowel letter ending a part takes `final_vowel_indel`.
            let mut h = match final_vowel_indel {
                Some(f) if class[a] == '-' => indel[a].min(f),
                _ => indel[a],
            };
            for b in (0..N).filter(|&b| bit[b] != bit[a]) {
                h = h.min(sub[a * N + b]).min(sub[b * N + a]);
            }
            let g = bit[a] as usize;
            cost[g] = cost[g].min(h);
        }
        let prefix_cost = cost.map(|c| c.min(prefix_indel));
        Bags {
            bit,
            cost,
            prefix_cost,
        }
    }

    /// The bit of a symbol's group, and whether it is a prefix letter.
    #[inline]
    pub(crate) fn of(&self, symbol: u32) -> (u64, bool) {
        (
            1 << self.bit[id_of(symbol)],
            symbol & crate::normalize::PREFIX_FLAG != 0,
        )
    }

    /// The groups `symbols` has letters of, those it has several of, and
    /// those it has a letter of a removable prefix of: what
    /// [`crate::distance::Profile`]'s bag bound reads of a candidate.
    /// Cost: a few steps per letter.
    #[inline]
    pub(crate) fn masks(&self, symbols: &[u32]) -> BagMasks {
        let (mut has, mut multi, mut prefix) = (0u64, 0u64, 0u64);
        for &s in symbols {
            let (bit, p) = self.of(s);
            multi |= has & bit;
            has |= bit;
            if p {
                prefix |= bit;
            }
        }
        BagMasks { has, multi, prefix }
    }
}

static SHIPPED: LazyLock<Costs> = LazyLock::new(|| {
    Costs::from_tsv(
        include_str!("../data/letters.tsv").as_bytes(),
        include_str!("../data/costs.tsv").as_bytes(),
        include_str!("../data/params.tsv").as_bytes(),
    )
    .unwrap_or_else(|e| panic!("shipped letter tables are invalid (a test guards this): {e}"))
});

static LATIN_PAIRS: LazyLock<Vec<(usize, usize, f32)>> = LazyLock::new(|| {
    read_pairs(
        include_str!("../data/costs_latin.tsv").as_bytes(),
        "data/costs_latin.tsv",
        true,
    )
    .unwrap_or_else(|e| panic!("shipped Latin costs are invalid (a test guards this): {e}"))
});

static SHIPPED_LATIN: LazyLock<Costs> = LazyLock::new(|| SHIPPED.with_shipped_latin_pairs());

impl Default for Costs {
    fn default() -> Self {
        Costs::shipped()
    }
}

impl PartialEq for Costs {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
            || (self.inner.sub == other.inner.sub
                && self.inner.indel == other.inner.indel
                && self.inner.transpose == other.inner.transpose
                && self.inner.prefix_indel == other.inner.prefix_indel)
    }
}

/// The letter id a weak letter stands for (any other id: itself).
fn base_id(id: usize) -> usize {
    WEAK.iter()
        .find(|(w, _)| id_of(*w as u32) == id)
        .map_or(id, |(_, b)| id_of(*b as u32))
}

/// Whether a listed cost (`b == N`: an indel) concerns a weak letter.
fn is_weak_entry(&(a, b, _): &(usize, usize, f32)) -> bool {
    base_id(a) != a || (b != N && base_id(b) != b)
}

/// Gives each weak letter its letter's costs (and nothing against its own
/// letter), then the costs `listed` gives weak letters explicitly.
fn follow_bases(sub: &mut [f32], indel: &mut [f32; N], listed: &[(usize, usize, f32)]) {
    for &(w, _) in &WEAK {
        let p = id_of(w as u32);
        let b = base_id(p);
        for x in 0..N {
            let bx = base_id(x);
            let v = if bx == b { 0.0 } else { sub[b * N + bx] };
            sub[p * N + x] = v;
            sub[x * N + p] = v;
        }
        indel[p] = indel[b];
    }
    for &(a, c, v) in listed.iter().filter(|e| is_weak_entry(e)) {
        if c == N {
            indel[a] = v;
        } else {
            sub[a * N + c] = v;
            sub[c * N + a] = v;
        }
    }
}

/// Reads substitution costs in the format of `data/costs.tsv` (`a`, `b`,
/// `cost`): letter ids and costs, each pair once (in either order). With
/// `indels`, a `b` of `-` gives the cost of inserting or deleting `a`
/// (returned as `b == N`).
fn read_pairs(
    pairs: impl BufRead,
    default_origin: &str,
    indels: bool,
) -> Result<Vec<(usize, usize, f32)>> {
    let mut out = Vec::new();
    let mut seen = vec![0usize; N * (N + 1)];
    let mut r = TsvReader::new(pairs, default_origin)?;
    let (ca, cb, cv) = (r.column("a")?, r.column("b")?, r.column("cost")?);
    let origin = r.origin().to_string();
    while let Some((line, f)) = r.next_row()? {
        let mut ids = [0usize; 2];
        for (k, col) in [ca, cb].into_iter().enumerate() {
            let v = required(&f, col, if k == 0 { "a" } else { "b" }, &origin, line)?;
            if k == 1 && indels && v == "-" {
                ids[k] = N;
                continue;
            }
            ids[k] = parse_label(v).ok_or_else(|| {
                bad(
                    &origin,
                    line,
                    col + 1,
                    DataError::BadValue {
                        column: if k == 0 { "a" } else { "b" },
                        value: v.to_string(),
                        expected: if indels {
                            "a letter of the normaliser's alphabet, or `-` in column `b`"
                        } else {
                            "a letter of the normaliser's alphabet"
                        },
                    },
                )
            })?;
        }
        let [a, b] = ids;
        if a == b {
            return Err(bad(
                &origin,
                line,
                cb + 1,
                DataError::BadValue {
                    column: "b",
                    value: f[cb].to_string(),
                    expected: "a letter different from `a`",
                },
            ));
        }
        if seen[a * (N + 1) + b] != 0 {
            return Err(bad(
                &origin,
                line,
                ca + 1,
                DataError::Duplicate(seen[a * (N + 1) + b]),
            ));
        }
        let v = cost_value(f[cv].trim(), "cost", &origin, line, cv + 1)?;
        if v == 0.0 {
            return Err(bad(
                &origin,
                line,
                cv + 1,
                DataError::BadValue {
                    column: "cost",
                    value: f[cv].to_string(),
                    expected: "a cost above 0 (distinct letters never match for free)",
                },
            ));
        }
        out.push((a, b, v));
        seen[a * (N + 1) + b] = line;
        if b < N {
            seen[b * (N + 1) + a] = line;
        }
    }
    Ok(out)
}

fn bad(origin: &str, line: usize, column: usize, reason: DataError) -> Error {
    Error::Data {
        origin: origin.to_string(),
        line,
        column,
        reason,
    }
}

fn cost_value(s: &str, column: &'static str, origin: &str, line: usize, col: usize) -> Result<f32> {
    match s.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(bad(
            origin,
            line,
            col,
            DataError::BadValue {
                column,
                value: s.to_string(),
                expected: "a number in [0, 1]",
            },
        )),
    }
}

impl Costs {
    /// The shipped table (parsed once, on first use).
    pub fn shipped() -> Costs {
        SHIPPED.clone()
    }

    /// All costs 1: plain optimal-string-alignment distance (what strsim's
    /// `osa_distance` computes), with prefixes priced like other letters.
    ///
    /// ```
    /// let unit = asmaa::Costs::unit();
    /// assert_eq!(unit.distance_str("حفتر", "حفطر"), 1.0);
    /// ```
    pub fn unit() -> Costs {
        let mut sub = vec![1.0; N * N];
        for i in 0..N {
            sub[i * N + i] = 1.0;
        }
        Costs {
            inner: Arc::new(Table::new(
                sub,
                [1.0; N],
                ['?'; N],
                1.0,
                1.0,
                None,
                Vec::new(),
            )),
        }
    }

    /// Loads a table from three TSV sources, in the formats of the shipped
    /// `data/letters.tsv` (`letter`, `class`, `indel`), `data/costs.tsv`
    /// (`a`, `b`, `cost`; symmetric, unlisted pairs cost 1) and
    /// `data/params.tsv` (`param`, `value`: `transpose`, `prefix_indel`).
    ///
    /// # Errors
    ///
    /// [`Error::Data`] naming the line and column of any malformed row, a
    /// cost outside [0, 1], a letter the normaliser never outputs, a pair
    /// listed twice, or a letter of the alphabet without a row (the weak
    /// letters ٰ ۥ ۦ of romanised names need none: each then takes the row of
    /// ا و ي).
    pub fn from_tsv(
        letters: impl BufRead,
        pairs: impl BufRead,
        params: impl BufRead,
    ) -> Result<Costs> {
        let mut indel = [f32::NAN; N];
        let mut class = ['?'; N];
        let mut r = TsvReader::new(letters, "data/letters.tsv")?;
        let (cl, cc, ci) = (r.column("letter")?, r.column("class")?, r.column("indel")?);
        let origin = r.origin().to_string();
        while let Some((line, f)) = r.next_row()? {
            let l = required(&f, cl, "letter", &origin, line)?;
            let id = parse_label(l).ok_or_else(|| {
                bad(
                    &origin,
                    line,
                    cl + 1,
                    DataError::BadValue {
                        column: "letter",
                        value: l.to_string(),
                        expected: "a letter of the normaliser's alphabet, <space> or <other>",
                    },
                )
            })?;
            if !indel[id].is_nan() {
                return Err(bad(&origin, line, cl + 1, DataError::Duplicate(0)));
            }
            let c = required(&f, cc, "class", &origin, line)?;
            class[id] = c.chars().next().unwrap_or('?');
            indel[id] = cost_value(f[ci].trim(), "indel", &origin, line, ci + 1)?;
        }
        // A weak letter without a row of its own is its letter's twin; one
        // with a row keeps its indel cost, and takes its letter's class.
        let mut weak: Vec<(usize, usize, f32)> = Vec::new();
        for &(w, _) in &WEAK {
            let (p, b) = (id_of(w as u32), base_id(id_of(w as u32)));
            if indel[p].is_nan() {
                indel[p] = indel[b];
            } else {
                weak.push((p, N, indel[p]));
            }
            class[p] = class[b];
        }
        if let Some(missing) = indel.iter().position(|v| v.is_nan()) {
            return Err(bad(&origin, 0, 0, DataError::MissingLetter(label(missing))));
        }
        let mut sub = vec![1.0f32; N * N];
        let listed = read_pairs(pairs, "data/costs.tsv", false)?;
        for &(a, b, v) in &listed {
            sub[a * N + b] = v;
            sub[b * N + a] = v;
        }
        weak.extend(listed.iter().filter(|e| is_weak_entry(e)));
        follow_bases(&mut sub, &mut indel, &weak);
        let (mut transpose, mut prefix_indel, mut final_vowel_indel) = (None, None, None);
        let mut r = TsvReader::new(params, "data/params.tsv")?;
        let (cp, cv) = (r.column("param")?, r.column("value")?);
        let origin = r.origin().to_string();
        while let Some((line, f)) = r.next_row()? {
            let p = required(&f, cp, "param", &origin, line)?;
            let v = cost_value(f[cv].trim(), "value", &origin, line, cv + 1)?;
            let slot = match p {
                "transpose" => &mut transpose,
                "prefix_indel" => &mut prefix_indel,
                "final_vowel_indel" => &mut final_vowel_indel,
                _ => {
                    return Err(bad(
                        &origin,
                        line,
                        cp + 1,
                        DataError::BadValue {
                            column: "param",
                            value: p.to_string(),
                            expected: "`transpose`, `prefix_indel` or `final_vowel_indel`",
                        },
                    ));
                }
            };
            if slot.replace(v).is_some() {
                return Err(bad(&origin, line, cp + 1, DataError::Duplicate(0)));
            }
        }
        let transpose = transpose
            .ok_or_else(|| bad(&origin, 0, 0, DataError::MissingLetter("transpose".into())))?;
        let prefix_indel = prefix_indel.ok_or_else(|| {
            bad(
                &origin,
                0,
                0,
                DataError::MissingLetter("prefix_indel".into()),
            )
        })?;
        if transpose == 0.0
            || indel.contains(&0.0)
            || prefix_indel == 0.0
            || final_vowel_indel == Some(0.0)
        {
            return Err(bad(
                &origin,
                0,
                0,
                DataError::BadValue {
                    column: "value",
                    value: "0".into(),
                    expected: "costs above 0",
                },
            ));
        }
        Ok(Costs {
            inner: Arc::new(Table::new(
                sub,
                indel,
                class,
                transpose,
                prefix_indel,
                final_vowel_indel,
                weak,
            )),
        })
    }

    /// The same table with another cost for a removable prefix letter (the
    /// article ال or a clitic), above 0.
    pub(crate) fn with_prefix_indel(&self, cost: f32) -> Costs {
        let t = &self.inner;
        let cost = cost.max(f32::MIN_POSITIVE);
        Costs {
            inner: Arc::new(Table::new(
                t.sub.clone(),
                t.indel,
                t.class,
                t.transpose,
                cost,
                t.final_vowel_indel,
                t.weak.clone(),
            )),
        }
    }

    /// This table with the costs of `pairs` in place of its own: a TSV in
    /// the format of `data/costs.tsv` (`a`, `b`, `cost`; symmetric), where a
    /// listed pair takes the listed cost and every other cost stays; a `b`
    /// of `-` sets the cost of inserting or deleting `a`.
    /// [`Costs::shipped_latin`] is the shipped table with
    /// `data/costs_latin.tsv` over it. Cost: one copy of the table.
    ///
    /// ```
    /// use asmaa::Costs;
    ///
    /// let base = Costs::shipped();
    /// let over = base.with_pairs("a\tb\tcost\nج\tخ\t0.3\n".as_bytes())?;
    /// assert_eq!(over.substitution('خ', 'ج'), 0.3);
    /// assert_eq!(over.substitution('ب', 'م'), base.substitution('ب', 'م'));
    /// let over = base.with_pairs("a\tb\tcost\nو\t-\t0.1\n".as_bytes())?;
    /// assert_eq!(over.indel('و'), 0.1);
    /// # Ok::<(), asmaa::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Data`] naming the line and column of a malformed row, a
    /// letter outside the alphabet, a cost outside (0, 1] or a pair listed
    /// twice.
    pub fn with_pairs(&self, pairs: impl BufRead) -> Result<Costs> {
        Ok(self.overlay(&read_pairs(pairs, "substitution pairs", true)?))
    }

    /// This table with each weak letter (see [`WEAK`]) priced as its
    /// letter, whatever the table listed for it: the clusterer's Latin
    /// costs. A weak e (written or left out at one price) ranks a Latin
    /// query's candidates better, but between two spellings it makes Hifter
    /// as close to حفتر as Haftar is, and average linkage then keeps Haftar
    /// out (DESIGN.md, "Romanisation").
    pub(crate) fn weak_as_letters(&self) -> Costs {
        self.overlay_keeping(&[], false)
    }

    /// This table with `pairs` (from [`read_pairs`]) over it.
    fn overlay(&self, pairs: &[(usize, usize, f32)]) -> Costs {
        self.overlay_keeping(pairs, true)
    }

    /// [`Costs::overlay`]; `keep_weak`: whether the weak letters keep the
    /// costs this table listed for them (those `pairs` lists replace them),
    /// or take their letters' costs.
    fn overlay_keeping(&self, pairs: &[(usize, usize, f32)], keep_weak: bool) -> Costs {
        let t = &self.inner;
        let mut sub = t.sub.clone();
        let mut indel = t.indel;
        for &(a, b, v) in pairs {
            if b == N {
                indel[a] = v;
            } else {
                sub[a * N + b] = v;
                sub[b * N + a] = v;
            }
        }
        let same = |x: &(usize, usize, f32), y: &(usize, usize, f32)| {
            (x.0, x.1) == (y.0, y.1) || (x.0, x.1) == (y.1, y.0)
        };
        let mut weak: Vec<(usize, usize, f32)> = if keep_weak {
            t.weak
                .iter()
                .filter(|w| !pairs.iter().any(|p| same(w, p)))
                .copied()
                .collect()
        } else {
            Vec::new()
        };
        weak.extend(pairs.iter().filter(|e| is_weak_entry(e)));
        follow_bases(&mut sub, &mut indel, &weak);
        Costs {
            inner: Arc::new(Table::new(
                sub,
                indel,
                t.class,
                t.transpose,
                t.prefix_indel,
                t.final_vowel_indel,
                weak,
            )),
        }
    }

    /// This table with the shipped Latin pairs (`data/costs_latin.tsv`)
    /// over it: the Latin costs the builders use for a table of the user's
    /// when they are given no Latin costs of their own.
    pub(crate) fn with_shipped_latin_pairs(&self) -> Costs {
        self.overlay(&LATIN_PAIRS)
    }

    /// Whether two tables put every letter in the same class (the skeleton
    /// index assumes one class map).
    pub(crate) fn same_classes(&self, other: &Costs) -> bool {
        self.inner.class == other.inner.class
    }

    /// The costs for comparing a romanised Latin name with an Arabic one:
    /// the shipped table with `data/costs_latin.tsv` over it (see
    /// [`Costs::with_pairs`]). Those pairs were fitted on how Latin
    /// spellings of names line up with their Arabic spellings (ج stands for
    /// a Spanish j that Arabic writes خ, for one); they would be wrong
    /// between two Arabic spellings.
    ///
    /// ```
    /// let latin = asmaa::Costs::shipped_latin();
    /// assert!(latin.substitution('ج', 'غ') < 0.5);
    /// ```
    pub fn shipped_latin() -> Costs {
        SHIPPED_LATIN.clone()
    }

    /// Cost of substituting one letter for another (0 when equal, and
    /// between a weak letter and its own letter unless the table prices
    /// them, as the Latin costs do for ۦ and ي). Letters outside the
    /// alphabet cost 1 against anything else.
    pub fn substitution(&self, a: char, b: char) -> f32 {
        self.sub_cost(a as u32, b as u32)
    }

    /// Cost of inserting or deleting a letter (outside any prefix).
    pub fn indel(&self, a: char) -> f32 {
        self.indel_cost(a as u32)
    }

    /// Cost of swapping two neighbouring letters.
    pub fn transposition(&self) -> f32 {
        self.inner.transpose
    }

    /// The phonetic class of a letter of the alphabet (`-` for the vowel
    /// letters, which skeletons drop), or `None` for letters outside it.
    pub fn class(&self, a: char) -> Option<char> {
        let id = id_of(a as u32);
        (id != OTHER as usize).then(|| self.inner.class[id])
    }

    #[inline]
    pub(crate) fn sub_cost(&self, a: u32, b: u32) -> f32 {
        if (a ^ b) & CHAR_MASK == 0 {
            return 0.0;
        }
        self.inner.sub[id_of(a) * N + id_of(b)]
    }

    #[inline]
    pub(crate) fn indel_cost(&self, a: u32) -> f32 {
        let c = self.inner.indel[id_of(a)];
        if a & PREFIX_FLAG != 0 {
            c.min(self.inner.prefix_indel)
        } else {
            c
        }
    }

    /// The letter id of a symbol (row of the cost matrix).
    #[inline]
    pub(crate) fn id(symbol: u32) -> usize {
        id_of(symbol)
    }

    /// The substitution costs from letter id `a` to every letter id.
    #[inline]
    pub(crate) fn sub_row(&self, a: usize) -> &[f32] {
        &self.inner.sub[a * N..(a + 1) * N]
    }

    /// Insertion/deletion cost of letter `i` of `s`: a vowel letter that
    /// ends a part costs `final_vowel_indel` when the table sets it (a final
    /// vowel added or dropped changes the name more often than a medial one).
    #[inline(always)] // in the distance's set-up loops; a call cost a tenth of it
    pub(crate) fn indel_at(&self, s: &[u32], i: usize) -> f32 {
        let sym = s[i];
        let id = id_of(sym);
        let base = self.inner.indel[id];
        if sym & PREFIX_FLAG != 0 {
            return base.min(self.inner.prefix_indel);
        }
        match self.inner.final_vowel_indel {
            Some(f)
                if self.inner.class[id] == '-'
                    && s.get(i + 1).is_none_or(|&n| n & CHAR_MASK == ' ' as u32) =>
            {
                f
            }
            _ => base,
        }
    }

    /// Per letter id: the least cost of an edit that takes the letter's
    /// consonant class out of a skeleton: deleting it, or writing a letter
    /// of another class (a vowel letter too) for it. ع is written ا for
    /// 0.17, ه is dropped for 0.18. Cost: the alphabet's size squared
    /// (about 15,000 steps).
    pub(crate) fn class_losses(&self) -> Vec<f32> {
        (0..N).map(|id| self.class_loss_of(id)).collect()
    }

    /// [`Costs::class_losses`] of letter `a`.
    #[cfg(test)]
    pub(crate) fn class_loss(&self, a: u32) -> f32 {
        self.class_loss_of(id_of(a))
    }

    fn class_loss_of(&self, id: usize) -> f32 {
        let class = self.inner.class[id];
        let row = self.sub_row(id);
        (0..N)
            .filter(|&b| self.inner.class[b] != class)
            .map(|b| row[b])
            .fold(self.inner.indel[id], f32::min)
    }

    #[inline]
    pub(crate) fn class_of(&self, a: u32) -> char {
        self.inner.class[id_of(a)]
    }

    /// The smallest insertion/deletion cost of any letter (for lower bounds).
    #[inline]
    pub(crate) fn min_indel(&self) -> f32 {
        self.inner.min_indel
    }

    /// The letter groups of the bag bound (see [`Bags`]).
    #[inline]
    pub(crate) fn bags(&self) -> &Bags {
        &self.inner.bags
    }

    /// Whether the whole table is symmetric and in range (always true for
    /// tables this crate builds; kept for tests).
    #[cfg(test)]
    fn check(&self) -> bool {
        let t = &self.inner;
        (0..N).all(|i| {
            (0..N).all(|j| {
                t.sub[i * N + j] == t.sub[j * N + i] && (0.0..=1.0).contains(&t.sub[i * N + j])
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_time_ids_are_alphabet_positions() {
        for (i, c) in ALPHABET.chars().enumerate() {
            assert_eq!(id_of(c as u32), i, "{c:?}");
        }
        assert_eq!(id_of('Z' as u32), OTHER as usize);
        assert_eq!(id_of('\u{4E2D}' as u32), OTHER as usize);
    }

    #[test]
    fn a_class_is_lost_by_its_cheapest_edit_out_of_it() {
        let c = Costs::shipped();
        let loss = |ch: char| c.class_loss(ch as u32);
        // ع written ا; ه dropped; a vowel letter is in no class of the
        // skeleton, so writing one for ب costs what the table says.
        assert_eq!(loss('ع'), c.substitution('ع', 'ا'));
        assert_eq!(loss('ه'), c.indel('ه'));
        assert!(
            loss('ب') > 0.3 && loss('م') > 0.3,
            "{} {}",
            loss('ب'),
            loss('م')
        );
        // Letters of one class (ت ط) do not take the class out.
        assert!(loss('ت') <= c.indel('ت') && loss('ت') > c.substitution('ت', 'ط'));
    }

    #[test]
    fn shipped_table_parses_is_symmetric_and_covers_the_alphabet() {
        let c = Costs::shipped();
        assert!(c.check());
        assert_eq!(ALPHABET.chars().count(), ALPHABET_LEN);
        for ch in ALPHABET.chars() {
            assert!(c.indel(ch) > 0.0 && c.indel(ch) <= 1.0, "{ch}");
        }
    }

    #[test]
    fn shipped_latin_costs_parse_and_change_only_their_rows() {
        let (base, latin) = (Costs::shipped(), Costs::shipped_latin());
        assert!(latin.check());
        let rows = include_str!("../data/costs_latin.tsv");
        let mut listed = std::collections::HashSet::new();
        for l in rows.lines().skip(1) {
            let f: Vec<&str> = l.split('\t').collect();
            let a = f[0].chars().next().unwrap();
            let v: f32 = f[2].parse().unwrap();
            if f[1] == "-" {
                assert_eq!(latin.indel(a), v);
                listed.insert((a, '-'));
            } else {
                let b = f[1].chars().next().unwrap();
                assert_eq!(latin.substitution(a, b), v);
                assert_eq!(latin.substitution(b, a), v);
                listed.insert((a, b));
                listed.insert((b, a));
            }
        }
        // A weak letter follows its letter (ۦ takes ي's Latin costs).
        let base_of = |c: char| WEAK.iter().find(|w| w.0 == c).map_or(c, |w| w.1);
        let changed = |a: char, b: char| {
            listed.contains(&(a, b)) || listed.contains(&(base_of(a), base_of(b)))
        };
        for a in ALPHABET.chars() {
            if !changed(a, '-') {
                assert_eq!(latin.indel(a), base.indel(a), "{a}");
            }
            for b in ALPHABET.chars() {
                if !changed(a, b) {
                    assert_eq!(latin.substitution(a, b), base.substitution(a, b), "{a}{b}");
                }
            }
        }
    }

    #[test]
    fn a_weak_letter_costs_what_its_letter_costs_unless_listed() {
        let (base, latin) = (Costs::shipped(), Costs::shipped_latin());
        let weak_ya = '\u{06E6}';
        assert_eq!(base.substitution(weak_ya, 'ي'), 0.0);
        assert_eq!(base.substitution(weak_ya, 'ا'), base.substitution('ي', 'ا'));
        assert_eq!(
            latin.substitution(weak_ya, 'ا'),
            latin.substitution('ي', 'ا')
        );
        assert_eq!(base.indel(weak_ya), base.indel('ي'));
        // data/costs_latin.tsv prices writing and leaving out a weak ya.
        assert!(latin.substitution(weak_ya, 'ي') > 0.0);
        // An overlay of other pairs keeps them.
        let over = latin
            .with_pairs("a\tb\tcost\nج\tخ\t0.3\n".as_bytes())
            .unwrap();
        assert_eq!(
            over.substitution(weak_ya, 'ي'),
            latin.substitution(weak_ya, 'ي')
        );
        assert_eq!(over.indel(weak_ya), latin.indel(weak_ya));
        let plain = latin.weak_as_letters();
        assert_eq!(plain.substitution(weak_ya, 'ي'), 0.0);
        assert_eq!(plain.indel(weak_ya), latin.indel('ي'));
    }

    #[test]
    fn bad_overlay_rows_are_named() {
        let base = Costs::shipped();
        let e = base
            .with_pairs("a\tb\tcost\nج\tخ\t0.3\nخ\tج\t0.2\n".as_bytes())
            .unwrap_err();
        assert_eq!(e.to_string(), "substitution pairs:3:1: repeats line 2");
        for (rows, want) in [
            ("ج\t?\t0.3", "substitution pairs:2:2: bad `b` value"),
            ("ج\t-\t0", "substitution pairs:2:3: bad `cost`"),
        ] {
            let e = base
                .with_pairs(format!("a\tb\tcost\n{rows}\n").as_bytes())
                .unwrap_err();
            assert!(e.to_string().starts_with(want), "{e}");
        }
        let e = base.with_pairs("a\tcost\nج\t0.3\n".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("`b`"), "{e}");
        // An indel row is only for the overlay: data/costs.tsv keeps indels
        // in data/letters.tsv.
        let e = Costs::from_tsv(
            include_str!("../data/letters.tsv").as_bytes(),
            "a\tb\tcost\nو\t-\t0.3\n".as_bytes(),
            include_str!("../data/params.tsv").as_bytes(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("data/costs.tsv:2:2: bad `b` value"),
            "{e}"
        );
    }

    #[test]
    fn bad_rows_are_named() {
        let e = Costs::from_tsv(
            "letter\tclass\tindel\nء\t-\t2\n".as_bytes(),
            "a\tb\tcost\n".as_bytes(),
            "param\tvalue\n".as_bytes(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "data/letters.tsv:2:3: bad `indel` value \"2\": expected a number in [0, 1]"
        );
    }
}
