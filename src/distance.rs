//! Weighted optimal-string-alignment distance over normalised letters.
//!
//! Costs come from [`Costs`]; the DP is the textbook OSA recurrence
//! (Damerau–Levenshtein without repeated edits of a substring) with
//! per-letter substitution, insertion/deletion and a transposition cost.

use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::letters::{BagMasks, Costs, N, OTHER};
use crate::normalize::{CHAR_MASK, Name, PREFIX_FLAG, normalize};

/// Names are compared on at most this many letters; longer comparison forms
/// are cut there, so that one pathological input cannot cost quadratic time.
/// (A real name is under 100 letters.)
pub const MAX_DISTANCE_LETTERS: usize = 1024;

/// What one step of an [`Alignment`] does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Op {
    /// The letters are equal (cost 0).
    Match,
    /// One letter stands for another.
    Substitute,
    /// A letter of the second name has no counterpart in the first.
    Insert,
    /// A letter of the first name has no counterpart in the second.
    Delete,
    /// Two neighbouring letters are swapped.
    Transpose,
}

/// One step of an alignment: the letters of each side and what it cost.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Step {
    /// The operation.
    pub op: Op,
    /// Letters taken from the first name (empty for an insertion).
    pub a: String,
    /// Letters taken from the second name (empty for a deletion).
    pub b: String,
    /// The cost of this step.
    pub cost: f32,
}

/// Why two names are as far apart as they are: the cheapest alignment.
///
/// An alignment that [`crate::Resolver`] attaches to a [`crate::Match`] is
/// worked out when first read ([`Alignment::steps`], [`Alignment::cost`],
/// printing, comparing, `Debug`, serialising), once per value (a clone
/// made before that works it out again): a search that only wants the
/// entity and the score does not pay for it (about half an exact query's
/// work).
///
/// ```
/// let al = asmaa::explain("غوتيريس", "جوتيريش");
/// let paid: Vec<String> = al
///     .steps()
///     .iter()
///     .filter(|s| s.cost > 0.0)
///     .map(|s| format!("{}→{}", s.a, s.b))
///     .collect();
/// assert_eq!(paid, ["غ→ج", "س→ش"]);
/// assert!((al.cost() - asmaa::distance("غوتيريس", "جوتيريش")).abs() < 1e-6);
/// ```
#[derive(Clone, Default)]
pub struct Alignment {
    /// The steps and their total, once worked out.
    done: OnceLock<(Vec<Step>, f32)>,
    /// What to work them out from, for an alignment made to be read later
    /// (none: `done` is set, or the alignment is empty).
    todo: Option<Arc<Pending>>,
}

/// The two names of an alignment not yet worked out, and their costs.
struct Pending {
    costs: Costs,
    /// The query, shared with the search's candidates (its letters are
    /// read, cut, when the steps are worked out).
    a: Arc<Name>,
    b: Vec<u32>,
}

impl Alignment {
    /// The alignment of `a` and the letters `b` under `costs`, worked out
    /// on first read.
    pub(crate) fn later(costs: &Costs, a: &Arc<Name>, mut b: Vec<u32>) -> Alignment {
        b.truncate(MAX_DISTANCE_LETTERS);
        Alignment {
            done: OnceLock::new(),
            todo: Some(Arc::new(Pending {
                costs: costs.clone(),
                a: Arc::clone(a),
                b,
            })),
        }
    }

    fn get(&self) -> &(Vec<Step>, f32) {
        self.done.get_or_init(|| match &self.todo {
            Some(p) => p.costs.align(cut(p.a.symbols()), &p.b),
            None => (Vec::new(), 0.0),
        })
    }

    /// The steps, first letters first.
    ///
    /// Cost: O(n·m) for names of n and m letters the first time an
    /// alignment is read, O(1) after.
    pub fn steps(&self) -> &[Step] {
        &self.get().0
    }

    /// The total cost: the distance.
    pub fn cost(&self) -> f32 {
        self.get().1
    }
}

impl PartialEq for Alignment {
    fn eq(&self, other: &Alignment) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for Alignment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Alignment")
            .field("steps", &self.steps())
            .field("cost", &self.cost())
            .finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Alignment {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = ser.serialize_struct("Alignment", 2)?;
        st.serialize_field("steps", self.steps())?;
        st.serialize_field("cost", &self.cost())?;
        st.end()
    }
}

impl fmt::Display for Alignment {
    /// One step per token: `=x` match, `x→y` substitution, `+y` insertion,
    /// `-x` deletion, `xy↔yx` transposition, each with its cost.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.steps().iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            let show = |t: &str| {
                if t == " " {
                    "␣".to_string()
                } else {
                    t.to_string()
                }
            };
            match s.op {
                Op::Match => write!(f, "={}", show(&s.a))?,
                Op::Substitute => write!(f, "{}→{}({:.2})", show(&s.a), show(&s.b), s.cost)?,
                Op::Insert => write!(f, "+{}({:.2})", show(&s.b), s.cost)?,
                Op::Delete => write!(f, "-{}({:.2})", show(&s.a), s.cost)?,
                Op::Transpose => write!(f, "{}↔{}({:.2})", show(&s.a), show(&s.b), s.cost)?,
            }
        }
        write!(f, " = {:.2}", self.cost())
    }
}

/// The smaller of two costs. Costs are never NaN, so this skips the NaN
/// handling of `f32::min`, which doubles the DP's inner loop.
#[inline(always)]
fn fmin(a: f32, b: f32) -> f32 {
    if a < b { a } else { b }
}

#[inline]
fn same(a: u32, b: u32) -> bool {
    (a ^ b) & CHAR_MASK == 0
}

fn cut(s: &[u32]) -> &[u32] {
    &s[..s.len().min(MAX_DISTANCE_LETTERS)]
}

fn sym_str(s: &[u32]) -> String {
    s.iter()
        .filter_map(|&x| char::from_u32(x & CHAR_MASK))
        .collect()
}

impl Costs {
    /// The weighted OSA distance between two normalised names.
    ///
    /// Symmetric; 0 exactly when the comparison forms are equal (for names
    /// within [`MAX_DISTANCE_LETTERS`]); at most the longer name's length.
    /// Not a metric with the shipped table: the triangle inequality fails
    /// where cheap confusions chain (d(محشر, مزار) = 1.39 but
    /// d(محشر, مهسر) + d(مهسر, مزار) = 0.86), as the letter costs themselves
    /// do not obey it. It is a ranking score.
    /// Cost: O(n·m) time for names of n and m letters, O(m) memory, no heap
    /// allocation when the second name has under 64 letters.
    ///
    /// ```
    /// use asmaa::{Costs, normalize};
    /// let c = Costs::shipped();
    /// let d = c.distance(&normalize("هوتر"), &normalize("حفتر"));
    /// assert!(d < c.distance(&normalize("هوتر"), &normalize("غوتيري")));
    /// ```
    pub fn distance(&self, a: &Name, b: &Name) -> f32 {
        self.osa(cut(a.symbols()), cut(b.symbols()), f32::INFINITY)
            .unwrap_or(f32::INFINITY)
    }

    /// [`Costs::distance`] on two strings, normalising both first.
    pub fn distance_str(&self, a: &str, b: &str) -> f32 {
        self.distance(&normalize(a), &normalize(b))
    }

    /// The distance if it is at most `max`, else `None`, giving up as soon
    /// as every alignment costs more than `max` (the hot path of search).
    ///
    /// Whenever the full distance is at most `max`, returns exactly it.
    /// Cost: O(n·m) worst case, usually far less: a length difference alone
    /// that costs more than `max` is rejected in O(1), and the DP stops at
    /// the first row whose bound (least cell plus the length difference
    /// still to pay) exceeds `max` while the previous row's, plus a
    /// transposition, does too.
    ///
    /// ```
    /// use asmaa::{Costs, normalize};
    /// let c = Costs::shipped();
    /// let (a, b) = (normalize("حفتر"), normalize("غوتيريش"));
    /// assert_eq!(c.distance_within(&a, &b, 0.5), None);
    /// assert!(c.distance_within(&a, &normalize("حفطر"), 0.5).is_some());
    /// ```
    pub fn distance_within(&self, a: &Name, b: &Name, max: f32) -> Option<f32> {
        self.osa(cut(a.symbols()), cut(b.symbols()), max)
    }

    /// Similarity in [0, 1]: `1 - distance / max(len a, len b)`; 1 for two
    /// empty names. Every cost is at most 1, so the distance never exceeds
    /// the longer length.
    ///
    /// ```
    /// use asmaa::{Costs, normalize};
    /// let c = Costs::shipped();
    /// assert_eq!(c.similarity(&normalize("القذافي"), &normalize("القذافى")), 1.0);
    /// assert!(c.similarity(&normalize("غوتيريس"), &normalize("جوتيريش")) > 0.9);
    /// ```
    pub fn similarity(&self, a: &Name, b: &Name) -> f32 {
        self.symbol_similarity(a.symbols(), b.symbols())
    }

    /// [`Costs::similarity`] of two names' symbols (or two parts').
    pub(crate) fn symbol_similarity(&self, a: &[u32], b: &[u32]) -> f32 {
        let (sa, sb) = (cut(a), cut(b));
        let len = sa.len().max(sb.len());
        if len == 0 {
            return 1.0;
        }
        let d = self.osa(sa, sb, f32::INFINITY).unwrap_or(f32::INFINITY);
        (1.0 - d / len as f32).clamp(0.0, 1.0)
    }

    /// The cheapest alignment of two names, step by step.
    ///
    /// Cost: O(n·m) time and memory (a full matrix is kept for the
    /// backtrace); use it to show a result, not to search.
    pub fn explain(&self, a: &Name, b: &Name) -> Alignment {
        Alignment {
            done: OnceLock::from(self.align(cut(a.symbols()), cut(b.symbols()))),
            todo: None,
        }
    }

    /// Bounded OSA over symbol slices. `None` when the distance exceeds `max`.
    pub(crate) fn osa(&self, a: &[u32], b: &[u32], max: f32) -> Option<f32> {
        const EPS: f32 = 1e-4;
        const STACK: usize = 64;
        const SMALL: usize = 16;
        let (n, m) = (a.len(), b.len());
        if max.is_finite() && (n.abs_diff(m) as f32) * self.min_indel() > max + EPS {
            return None;
        }
        let w = m + 1;
        // Per-letter ids and insertion costs of `b`, and three DP rows: on
        // the stack for names under 64 letters, so the hot path never allocates.
        // Zeroing a buffer costs as much as a short DP: size it to the name.
        let mut small_f = [0f32; 4 * SMALL];
        let mut small_u = [0u8; SMALL];
        let (mut big_f, mut big_u);
        let (mut heap_f, mut heap_u);
        let (fbuf, bid): (&mut [f32], &mut [u8]) = if w <= SMALL {
            (&mut small_f[..4 * w], &mut small_u[..m])
        } else if w <= STACK {
            big_f = [0f32; 4 * STACK];
            big_u = [0u8; STACK];
            (&mut big_f[..4 * w], &mut big_u[..m])
        } else {
            heap_f = vec![0f32; 4 * w];
            heap_u = vec![0u8; m];
            (&mut heap_f, &mut heap_u)
        };
        let (ins, rest) = fbuf.split_at_mut(w);
        let (p2, rest) = rest.split_at_mut(w);
        let (p1, cur) = rest.split_at_mut(w);
        let (mut p2, mut p1, mut cur) = (p2, p1, cur);
        for j in 0..m {
            bid[j] = Costs::id(b[j]) as u8;
            ins[j + 1] = self.indel_at(b, j);
        }
        p1[0] = 0.0;
        for j in 1..w {
            p1[j] = p1[j - 1] + ins[j];
        }
        let t = self.transposition();
        // A path through cell (i, j) still needs |(n - i) - (m - j)|
        // insertions or deletions: with `gap` the smallest indel cost, the
        // bound on a row is its least cell plus that many gaps.
        let gap = if max.is_finite() {
            self.min_indel()
        } else {
            0.0
        };
        let mut prev_min = 0.0f32;
        // Exclusive ranges: an inclusive one checks a flag on every step
        // (resolving the dev.arabres queries took 4.45G instructions with
        // inclusive ones, 3.78G with these).
        for i in 1..n + 1 {
            let sa = a[i - 1];
            let row = self.sub_row(Costs::id(sa));
            let del = self.indel_at(a, i - 1);
            cur[0] = p1[0] + del;
            let left = (n - i) as isize - m as isize;
            let mut row_min = cur[0] + left.unsigned_abs() as f32 * gap;
            // The cell's remaining length gap, |left + j|, counted in f32
            // (exact for these small integers): no conversion per cell.
            let mut off = left as f32;
            // Equal lengths up front let the compiler drop the bounds checks.
            let (r1, c, r2, ins) = (&p1[..w], &mut cur[..w], &p2[..w], &ins[..w]);
            let (bid, b) = (&bid[..m], &b[..m]);
            // Whether letter i - 1 of `a` exists, for the transposition.
            let prev_a = if i > 1 { a[i - 2] } else { u32::MAX };
            for j in 1..w {
                let sb = b[j - 1];
                let eq = same(sa, sb);
                let sub = if eq { 0.0 } else { row[bid[j - 1] as usize] };
                let mut v = fmin(fmin(r1[j - 1] + sub, r1[j] + del), c[j - 1] + ins[j]);
                if j > 1 && !eq && i > 1 && same(sa, b[j - 2]) && same(prev_a, sb) {
                    v = fmin(v, r2[j - 2] + t);
                }
                c[j] = v;
                off += 1.0;
                row_min = fmin(row_min, v + off.abs() * gap);
            }
            // Every alignment passes through this row, or over it by a
            // transposition from the row above, which costs `t` more than
            // that row's bound.
            // (Pruning waits for twice the tolerance: a bound sums its
            // gaps in another order than the cells, and may be a few ulps
            // above the distance it bounds.)
            if row_min > max + 2.0 * EPS && prev_min + t > max + 2.0 * EPS {
                return None;
            }
            prev_min = row_min;
            std::mem::swap(&mut p2, &mut p1);
            std::mem::swap(&mut p1, &mut cur);
        }
        let d = p1[m];
        (d <= max + EPS).then_some(d)
    }

    /// The cheapest alignment of two symbol slices, with each step's
    /// letters as strings (see [`Costs::trace`]).
    fn align(&self, a: &[u32], b: &[u32]) -> (Vec<Step>, f32) {
        let mut steps = Vec::with_capacity(a.len().max(b.len()));
        let cost = self.trace(a, b, |op, x, y, cost| {
            steps.push(Step {
                op,
                a: sym_str(x),
                b: sym_str(y),
                cost,
            })
        });
        steps.reverse();
        (steps, cost)
    }

    /// The first letter of each side of every step of the cheapest
    /// alignment of `a` and `b` (`-` for none), in order: what the Arabic
    /// prior reads of an [`Alignment`], without its strings (a search
    /// explains several candidates of every query). `out` is cleared first.
    pub(crate) fn explain_letters(&self, a: &Name, b: &[u32], out: &mut Vec<(Op, char, char)>) {
        self.explain_symbols(a.symbols(), b, out);
    }

    /// As [`Costs::explain_letters`], for two symbol slices.
    pub(crate) fn explain_symbols(&self, a: &[u32], b: &[u32], out: &mut Vec<(Op, char, char)>) {
        out.clear();
        let first = |s: &[u32]| {
            s.first()
                .and_then(|&x| char::from_u32(x & CHAR_MASK))
                .unwrap_or('-')
        };
        self.trace(cut(a), cut(b), |op, x, y, _| {
            out.push((op, first(x), first(y)))
        });
        out.reverse();
    }

    /// The cheapest alignment of `a` and `b`: its steps, last first, each
    /// given to `step` with the letters it takes from each side and its
    /// cost; returns the distance.
    fn trace(&self, a: &[u32], b: &[u32], mut step: impl FnMut(Op, &[u32], &[u32], f32)) -> f32 {
        let (n, m) = (a.len(), b.len());
        let w = m + 1;
        // The matrix, then each letter's insertion/deletion cost, in one
        // buffer; and `b`'s letter ids (a row of costs is `a`'s letter's).
        let mut d = vec![0f32; (n + 1) * w + n + m];
        let (d, indels) = d.split_at_mut((n + 1) * w);
        let (ia, ib) = indels.split_at_mut(n);
        for (i, x) in ia.iter_mut().enumerate() {
            *x = self.indel_at(a, i);
        }
        for (j, x) in ib.iter_mut().enumerate() {
            *x = self.indel_at(b, j);
        }
        let bid: Vec<usize> = b.iter().map(|&s| Costs::id(s)).collect();
        for j in 1..=m {
            d[j] = d[j - 1] + ib[j - 1];
        }
        let t = self.transposition();
        for i in 1..=n {
            let del = ia[i - 1];
            let sa = a[i - 1];
            let row = self.sub_row(Costs::id(sa));
            d[i * w] = d[(i - 1) * w] + del;
            for j in 1..=m {
                // As `sub_cost`: the same letter costs nothing.
                let sub = if (sa ^ b[j - 1]) & CHAR_MASK == 0 {
                    0.0
                } else {
                    row[bid[j - 1]]
                };
                let mut v = (d[(i - 1) * w + j - 1] + sub)
                    .min(d[(i - 1) * w + j] + del)
                    .min(d[i * w + j - 1] + ib[j - 1]);
                if i > 1
                    && j > 1
                    && same(a[i - 1], b[j - 2])
                    && same(a[i - 2], b[j - 1])
                    && !same(a[i - 1], b[j - 1])
                {
                    v = v.min(d[(i - 2) * w + j - 2] + t);
                }
                d[i * w + j] = v;
            }
        }
        let close = |x: f32, y: f32| (x - y).abs() <= 1e-4;
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            let here = d[i * w + j];
            if i > 0 && j > 0 {
                let c = self.sub_cost(a[i - 1], b[j - 1]);
                if close(here, d[(i - 1) * w + j - 1] + c) {
                    // Equal letters match; a weak letter against its own
                    // letter may cost 0 and is still a substitution.
                    let op = if same(a[i - 1], b[j - 1]) {
                        Op::Match
                    } else {
                        Op::Substitute
                    };
                    step(op, &a[i - 1..i], &b[j - 1..j], c);
                    i -= 1;
                    j -= 1;
                    continue;
                }
            }
            if i > 1
                && j > 1
                && same(a[i - 1], b[j - 2])
                && same(a[i - 2], b[j - 1])
                && !same(a[i - 1], b[j - 1])
                && close(here, d[(i - 2) * w + j - 2] + t)
            {
                step(Op::Transpose, &a[i - 2..i], &b[j - 2..j], t);
                i -= 2;
                j -= 2;
                continue;
            }
            if i > 0 && close(here, d[(i - 1) * w + j] + self.indel_at(a, i - 1)) {
                step(Op::Delete, &a[i - 1..i], &[], self.indel_at(a, i - 1));
                i -= 1;
                continue;
            }
            // Otherwise it must be an insertion.
            let c = if j > 0 { self.indel_at(b, j - 1) } else { 0.0 };
            step(Op::Insert, &[], &b[j.saturating_sub(1)..j], c);
            if j == 0 {
                // Unreachable with a consistent matrix; stop rather than loop.
                break;
            }
            j -= 1;
        }
        d[n * w + m]
    }
}

/// Whether a symbol lies in a removable prefix.
#[allow(dead_code)]
pub(crate) fn is_prefix(sym: u32) -> bool {
    sym & PREFIX_FLAG != 0
}

/// The distance between two spellings under the shipped costs.
///
/// Normalises both (see [`normalize`]) and runs [`Costs::distance`].
///
/// ```
/// use asmaa::distance;
/// // A garbled Haftar is closer to حفتر than to a garbled Guterres.
/// assert!(distance("هوتر", "حفتر") < distance("هوتر", "غوتيري"));
/// assert!(distance("دهثر", "حفتر") < distance("حفتر", "غوتيريش"));
/// assert_eq!(distance("أحمد", "احمد"), 0.0);
/// ```
pub fn distance(a: &str, b: &str) -> f32 {
    Costs::shipped().distance_str(a, b)
}

/// The similarity in [0, 1] between two spellings under the shipped costs
/// (see [`Costs::similarity`]).
///
/// ```
/// assert!(asmaa::similarity("غوتيريش", "جوتيريس") > asmaa::similarity("غوتيريش", "هوتر"));
/// ```
pub fn similarity(a: &str, b: &str) -> f32 {
    Costs::shipped().similarity(&normalize(a), &normalize(b))
}

/// The cheapest alignment of two spellings under the shipped costs
/// (see [`Costs::explain`]).
///
/// ```
/// let al = asmaa::explain("حفتر", "حفطر");
/// let shown = al.to_string();
/// assert!(shown.starts_with("=ح =ف ت→ط("), "{shown}");
/// assert!(al.cost() < 0.5);
/// ```
pub fn explain(a: &str, b: &str) -> Alignment {
    Costs::shipped().explain(&normalize(a), &normalize(b))
}

/// One side of many bounded distances, prepared once: a search compares a
/// query part with hundreds of candidate parts, and [`Profile::osa`] gives
/// exactly what [`Costs::osa`] gives with the query first, for less.
///
/// The query's letters run along the DP's columns, so each candidate letter
/// (a row) finds its substitution costs against every query letter in one
/// contiguous row made here ([`N`] rows of `n + 1`), where the plain DP
/// looks each cell's up through the candidate's letter ids. A row is then
/// two loops: the diagonal and upper moves, which depend only on the row
/// above and which the compiler vectorises, and the left moves, a running
/// minimum. The query's insertion costs and the DP's first row are made
/// here too, and whether a candidate letter equals each query letter is a
/// bit mask per letter id, which makes transpositions a mask test.
pub(crate) struct Profile {
    costs: Costs,
    /// The query's symbols.
    a: Vec<u32>,
    /// `ins[j]`: cost of query letter `j - 1` left unmatched (`ins[0]` = 0).
    ins: Vec<f32>,
    /// The DP's first row: the running sums of `ins`.
    first: Vec<f32>,
    /// `sub[c * (n + 1) + j]`: cost of candidate letter id `c` against query
    /// letter `j - 1` (0 where they are the same letter).
    sub: Vec<f32>,
    /// Bit `j` of `eq[c]`: query letter `j` has letter id `c`.
    eq: [u64; N],
    /// `gaps[k + PROFILE_MAX]`: `|k|` times the least insertion or deletion
    /// cost, the bound on what a length difference of `k` still costs.
    gaps: Vec<f32>,
    /// The bag bound's groups the query has letters of (see
    /// [`crate::letters::Bags`]), and those it has two or more of.
    bag: u64,
    bag_multi: u64,
    /// Per group: what the query's letters of it cost if the candidate has
    /// none (their costs' sum), and if it has one (all but the dearest).
    bag_missing: [f32; 64],
    bag_extra: [f32; 64],
}

/// Queries and candidates of at most this many letters use a [`Profile`];
/// longer ones fall back to [`Costs::osa`] (masks are one `u64`).
const PROFILE_MAX: usize = 63;

/// Rows of a query part under this many letters fit the small buffers.
const SHORT: usize = 16;

impl Profile {
    /// Prepares query `a` for [`Profile::osa`] under `costs`.
    ///
    /// Cost: O(N · n) for a query of n letters (about 600 steps for a
    /// six-letter part), once per query part.
    pub(crate) fn new(costs: &Costs, a: &[u32]) -> Profile {
        let n = a.len();
        let w = n + 1;
        let mut ins = vec![0.0f32; w];
        let mut first = vec![0.0f32; w];
        let mut eq = [0u64; N];
        let mut sub = Vec::new();
        let mut gaps = Vec::new();
        let (mut bag, mut bag_multi) = (0u64, 0u64);
        let (mut bag_missing, mut bag_extra) = ([0f32; 64], [0f32; 64]);
        if n <= PROFILE_MAX {
            let bags = costs.bags();
            let mut dearest = [0f32; 64];
            for &s in a {
                let (bit, prefix) = bags.of(s);
                let g = bit.trailing_zeros() as usize;
                bag_multi |= bag & bit;
                bag |= bit;
                let c = if prefix {
                    bags.prefix_cost[g]
                } else {
                    bags.cost[g]
                };
                bag_missing[g] += c;
                dearest[g] = dearest[g].max(c);
            }
            for g in 0..64 {
                bag_extra[g] = bag_missing[g] - dearest[g];
            }
            let mut ids = [0usize; PROFILE_MAX];
            for j in 1..w {
                ins[j] = costs.indel_at(a, j - 1);
                first[j] = first[j - 1] + ins[j];
                ids[j - 1] = Costs::id(a[j - 1]);
                eq[ids[j - 1]] |= 1 << (j - 1);
            }
            let ids = &ids[..n];
            sub = vec![0.0f32; N * w];
            for (c, out) in sub.chunks_exact_mut(w).enumerate() {
                let row = costs.sub_row(c);
                for (o, &id) in out[1..].iter_mut().zip(ids) {
                    *o = row[id];
                }
                // The same letter costs nothing. "Other" letters are
                // compared as symbols in `run`, never through this row.
                if c != OTHER as usize {
                    let mut same = eq[c];
                    while same != 0 {
                        out[same.trailing_zeros() as usize + 1] = 0.0;
                        same &= same - 1;
                    }
                }
            }
            let gap = costs.min_indel();
            gaps = (0..=2 * PROFILE_MAX)
                .map(|k| k.abs_diff(PROFILE_MAX) as f32 * gap)
                .collect();
        }
        Profile {
            costs: costs.clone(),
            a: a.to_vec(),
            ins,
            first,
            sub,
            eq,
            gaps,
            bag,
            bag_multi,
            bag_missing,
            bag_extra,
        }
    }

    /// A bag bound (see [`crate::letters::Bags`]) on the distance from
    /// the query to a candidate: what the letters of groups one side has
    /// and the other lacks cost at least, and the letters one side has
    /// more of where the other has one. The candidate's letters are counted as
    /// none, one or several per group, in its [`BagMasks`].
    ///
    /// Cost: a few steps per group either side has. Resolving the dev.arabres
    /// queries, it settles 58% of the candidates that pass the length
    /// check (944k of 1.64M) before their DP; the groups alone settled
    /// 43%, the candidate's full counts 59% for more work than that saved.
    #[inline]
    fn bag_bound(&self, masks: BagMasks) -> f32 {
        let bags = self.costs.bags();
        let BagMasks { has, multi, prefix } = masks;
        let cost = |g: usize| {
            if prefix >> g & 1 != 0 {
                bags.prefix_cost[g]
            } else {
                bags.cost[g]
            }
        };
        // The query's letters of groups the candidate lacks, and all but
        // one of those it has one letter of.
        let mut only_a = 0.0f32;
        let mut x = self.bag & !has;
        while x != 0 {
            only_a += self.bag_missing[x.trailing_zeros() as usize];
            x &= x - 1;
        }
        let mut x = self.bag_multi & has & !multi;
        while x != 0 {
            only_a += self.bag_extra[x.trailing_zeros() as usize];
            x &= x - 1;
        }
        // The candidate's letters of groups the query lacks (two or more
        // where it has several), and one of a group it has several of
        // where the query has one.
        let mut only_b = 0.0f32;
        let mut x = has & !self.bag;
        while x != 0 {
            let g = x.trailing_zeros() as usize;
            let c = cost(g);
            only_b += if multi >> g & 1 != 0 { c + c } else { c };
            x &= x - 1;
        }
        let mut x = multi & self.bag & !self.bag_multi;
        while x != 0 {
            only_b += cost(x.trailing_zeros() as usize);
            x &= x - 1;
        }
        only_a.max(only_b)
    }

    /// Exactly [`Costs::osa`]`(a, b, max)` for the profile's query `a`.
    ///
    /// Cost: O(n · m) worst case; like [`Costs::osa`] it stops at the first
    /// row whose bound exceeds `max` when the row before it, plus a
    /// transposition, does too. The 1.6M distances that resolving the
    /// dev.arabres queries computes took 2.28G instructions in the plain DP
    /// and 1.65G in this one (callgrind, both stopping after two rows over
    /// the bound); 1.27G with the stopping rule above and row buffers sized
    /// to the query.
    ///
    /// `masks`: `b`'s [`BagMasks`] under the profile's costs, if known (an
    /// index keeps them per part: reading them costs less than the pass
    /// over `b` that computes them here; the first 1,000 dev.arabres
    /// queries took 438M instructions in `resolve_top`, 488M without).
    pub(crate) fn osa(&self, b: &[u32], masks: Option<BagMasks>, max: f32) -> Option<f32> {
        const EPS: f32 = 1e-4;
        let costs = &self.costs;
        let (n, m) = (self.a.len(), b.len());
        if n > PROFILE_MAX || m > PROFILE_MAX || !max.is_finite() {
            return costs.osa(&self.a, b, max);
        }
        if (n.abs_diff(m) as f32) * costs.min_indel() > max + EPS {
            return None;
        }
        // (With twice the tolerance, as the DP's rows: the bound sums in
        // another order than the DP.)
        let masks = masks.unwrap_or_else(|| costs.bags().masks(b));
        if self.bag_bound(masks) > max + 2.0 * EPS {
            return None;
        }
        // Parts of up to 12 letters (nearly all) take a DP whose row length
        // is a constant, so that its loops over a row unroll; longer ones
        // buffers of 16 or 64 cells (zeroing a row buffer costs as much as
        // a short DP: they are sized to the query).
        match n {
            1 => self.dp::<2, true>(b, max),
            2 => self.dp::<3, true>(b, max),
            3 => self.dp::<4, true>(b, max),
            4 => self.dp::<5, true>(b, max),
            5 => self.dp::<6, true>(b, max),
            6 => self.dp::<7, true>(b, max),
            7 => self.dp::<8, true>(b, max),
            8 => self.dp::<9, true>(b, max),
            9 => self.dp::<10, true>(b, max),
            10 => self.dp::<11, true>(b, max),
            11 => self.dp::<12, true>(b, max),
            12 => self.dp::<13, true>(b, max),
            _ if n < SHORT => self.dp::<SHORT, false>(b, max),
            _ => self.dp::<{ PROFILE_MAX + 1 }, false>(b, max),
        }
    }

    /// The DP of [`Profile::osa`], with rows of at most `S` cells.
    #[inline(always)]
    fn dp<const S: usize, const EXACT: bool>(&self, b: &[u32], max: f32) -> Option<f32> {
        const EPS: f32 = 1e-4;
        let costs = &self.costs;
        let (n, m) = (self.a.len(), b.len());
        // With EXACT, the query has S - 1 letters.
        let w = if EXACT { S } else { n + 1 };
        let [mut p2, mut p1, mut cur, mut t] = [[0f32; S]; 4];
        let (mut p2, mut p1, mut cur, t) = (&mut p2[..w], &mut p1[..w], &mut cur[..w], &mut t[..w]);
        p1.copy_from_slice(&self.first);
        let ins = &self.ins[..w];
        let tcost = costs.transposition();
        let mut other = [0f32; S];
        let (mut prev_min, mut prev_eq) = (0.0f32, 0u64);
        for i in 1..m + 1 {
            let sb = b[i - 1];
            let c = Costs::id(sb);
            let del = costs.indel_at(b, i - 1);
            // The candidate letter's costs against every query letter, and
            // where it equals one.
            let (row, eqm): (&[f32], u64) = if c != OTHER as usize {
                (&self.sub[c * w..(c + 1) * w], self.eq[c])
            } else {
                let srow = costs.sub_row(c);
                let mut eqm = 0u64;
                for (j, (o, &sa)) in other[1..w].iter_mut().zip(&self.a).enumerate() {
                    *o = if same(sa, sb) {
                        eqm |= 1 << j;
                        0.0
                    } else {
                        srow[Costs::id(sa)]
                    };
                }
                (&other[..w], eqm)
            };
            // Diagonal and upper moves: from the row above only.
            {
                let (r1, t, row) = (&p1[..w], &mut t[..w], &row[..w]);
                for j in 1..w {
                    t[j] = fmin(r1[j - 1] + row[j], r1[j] + del);
                }
            }
            // Transpositions into column j: candidate letter i - 1 is query
            // letter j - 2, letter i - 2 is query letter j - 1, and letter
            // i - 1 is not query letter j - 1.
            let mut tm = (eqm << 2) & (prev_eq << 1) & !(eqm << 1);
            while tm != 0 {
                let j = tm.trailing_zeros() as usize;
                if j < w {
                    t[j] = fmin(t[j], p2[j - 2] + tcost);
                }
                tm &= tm - 1;
            }
            // Left moves, and the row's bound: the least cell plus what its
            // remaining length difference costs at least.
            cur[0] = p1[0] + del;
            let base = PROFILE_MAX + m - i - n;
            let gaps = &self.gaps[base..base + w];
            let mut row_min = cur[0] + gaps[0];
            {
                let (c, t) = (&mut cur[..w], &t[..w]);
                for j in 1..w {
                    let v = fmin(t[j], c[j - 1] + ins[j]);
                    c[j] = v;
                    row_min = fmin(row_min, v + gaps[j]);
                }
            }
            // Every alignment passes through this row, or over it by a
            // transposition from the row above, which costs `tcost` more
            // than that row's bound.
            // (With twice the tolerance, as in `Costs::osa`.)
            if row_min > max + 2.0 * EPS && prev_min + tcost > max + 2.0 * EPS {
                return None;
            }
            prev_min = row_min;
            prev_eq = eqm;
            std::mem::swap(&mut p2, &mut p1);
            std::mem::swap(&mut p1, &mut cur);
        }
        let d = p1[n];
        (d <= max + EPS).then_some(d)
    }
}

#[cfg(test)]
mod profile_tests {
    use super::*;
    use proptest::prelude::*;

    fn word() -> impl Strategy<Value = String> {
        let letters = prop::sample::select(vec![
            "ا", "أ", "و", "ي", "ى", "ه", "ة", "ت", "ط", "ث", "س", "ص", "ش", "ج", "غ", "ق", "ك",
            "ح", "خ", "ع", "ر", "ل", "ال", "م", "ن", "ف", "ب", "د", "ذ", "گ", "پ", "x", "q", "Z",
            "中", "é", "7", " ",
        ]);
        prop::collection::vec(letters, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]
        /// The letters the Arabic prior reads are the first letters of the
        /// public alignment's steps, in order (`-` for an empty side).
        #[test]
        fn explain_letters_reads_explain(a in word(), b in word()) {
            let costs = Costs::shipped();
            let (na, nb) = (normalize(&a), normalize(&b));
            let first = |t: &str| t.chars().next().unwrap_or('-');
            let want: Vec<(Op, char, char)> = costs
                .explain(&na, &nb)
                .steps()
                .iter()
                .map(|s| (s.op, first(&s.a), first(&s.b)))
                .collect();
            let mut got = vec![(Op::Match, 'x', 'x')];
            costs.explain_letters(&na, nb.symbols(), &mut got);
            prop_assert_eq!(want, got, "{} / {}", a, b);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The profile's DP answers exactly as the plain one, bounded or not,
        /// and both give the full distance whenever it is within the bound.
        #[test]
        fn same_as_osa(a in word(), b in word(), max in 0.0f32..4.0) {
            for costs in [Costs::shipped(), Costs::shipped_latin(), Costs::unit()] {
                let (na, nb) = (normalize(&a), normalize(&b));
                let p = Profile::new(&costs, na.symbols());
                let full = costs.osa(na.symbols(), nb.symbols(), f32::INFINITY);
                let d = full.unwrap_or(f32::INFINITY);
                for m in [max, f32::INFINITY, d, d + 0.01, (d - 0.01).max(0.0), d + 0.5] {
                    // Both DPs give the full distance exactly when it is
                    // within the bound, and nothing otherwise.
                    let want = full.filter(|&d| d <= m + 1e-4);
                    let plain = costs.osa(na.symbols(), nb.symbols(), m);
                    let got = p.osa(nb.symbols(), None, m);
                    let masks = Some(costs.bags().masks(nb.symbols()));
                    prop_assert_eq!(p.osa(nb.symbols(), masks, m), got);
                    prop_assert_eq!(want.map(f32::to_bits), plain.map(f32::to_bits), "plain {} / {} max {}", a, b, m);
                    prop_assert_eq!(want.map(f32::to_bits), got.map(f32::to_bits), "{} / {} max {}", a, b, m);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The bag bound never exceeds the distance it bounds, whatever the
        /// letters (Arabic, Latin, prefixes, letters outside the alphabet).
        #[test]
        fn bag_bound_is_below_the_distance(a in mixed_word(), b in mixed_word()) {
            let cheap = Costs::shipped()
                .with_pairs("a\tb\tcost\nب\tم\t0.05\nر\t-\t0.05\n".as_bytes())
                .unwrap();
            for costs in [Costs::shipped(), Costs::shipped_latin(), Costs::unit(), cheap] {
                let (na, nb) = (normalize(&a), normalize(&b));
                if na.symbols().len() > PROFILE_MAX || nb.symbols().len() > PROFILE_MAX {
                    continue;
                }
                let p = Profile::new(&costs, na.symbols());
                let d = costs.osa(na.symbols(), nb.symbols(), f32::INFINITY).unwrap();
                let bound = p.bag_bound(costs.bags().masks(nb.symbols()));
                prop_assert!(bound <= d + 1e-5, "{} / {}: bound {} over {}", a, b, bound, d);
            }
        }
    }

    fn mixed_word() -> impl Strategy<Value = String> {
        prop_oneof![
            word(),
            "[a-z ]{0,12}",
            (word(), "[a-zé]{0,5}").prop_map(|(a, b)| format!("{a} {b}")),
        ]
    }

    /// What the bag bound sees: letters one substitution apart cheaply
    /// (ت/ط) share a group, so a spelling with one for the other costs
    /// nothing; a name of other letters costs at least their groups.
    #[test]
    fn bag_bound_groups_cheap_confusions() {
        let costs = Costs::shipped();
        let bound = |a: &str, b: &str| {
            let b = normalize(b);
            Profile::new(&costs, normalize(a).symbols()).bag_bound(costs.bags().masks(b.symbols()))
        };
        assert_eq!(bound("حفتر", "حفطر"), 0.0);
        assert_eq!(bound("حفتر", "هفتر"), 0.0);
        let far = bound("حفتر", "سلمان");
        let d = costs.distance_str("حفتر", "سلمان");
        assert!(far > 0.5 && far <= d, "{far} {d}");
    }

    /// A bound at exactly the distance of a swap: the only alignment that
    /// costs that little passes over a row by a transposition, so a row
    /// alone over the bound must not end the search.
    #[test]
    fn transposition_over_a_row_is_kept() {
        for costs in [Costs::shipped(), Costs::unit()] {
            for (a, b) in [
                ("بر", "رب"),
                ("حفتر", "حتفر"),
                ("زكس", "كزس"),
                ("xq", "qx"),
                ("abqz", "abzq"),
            ] {
                let (na, nb) = (normalize(a), normalize(b));
                let d = costs.osa(na.symbols(), nb.symbols(), f32::INFINITY);
                let Some(d) = d else { panic!("{a} {b}") };
                assert_eq!(d, costs.transposition(), "{a} {b}");
                let p = Profile::new(&costs, na.symbols());
                assert_eq!(costs.osa(na.symbols(), nb.symbols(), d), Some(d), "{a} {b}");
                assert_eq!(p.osa(nb.symbols(), None, d), Some(d), "{a} {b}");
            }
        }
    }

    /// Parts under 16 letters take the small buffers, 16 to 63 the larger
    /// ones, longer ones the plain DP: each gives the full distance within
    /// the bound, and nothing below it; a swap of the last two letters of a
    /// 63-letter part is found at exactly its cost.
    #[test]
    fn every_length_gives_the_full_distance() {
        let costs = Costs::shipped();
        let cases: Vec<(String, String)> = [3, 5, 15, 20]
            .iter()
            .map(|&k| ("حفتر".repeat(k), "حفطر".repeat(k)))
            .chain(std::iter::once((
                format!("{}بر", "س".repeat(61)),
                format!("{}رب", "س".repeat(61)),
            )))
            .collect();
        for (a, b) in &cases {
            let (na, nb) = (normalize(a), normalize(b));
            let p = Profile::new(&costs, na.symbols());
            let d = costs
                .osa(na.symbols(), nb.symbols(), f32::INFINITY)
                .unwrap();
            for max in [0.0, d - 0.01, d, d + 0.01, 3.0, 10.0] {
                let want = (d <= max + 1e-4).then_some(d);
                assert_eq!(
                    p.osa(nb.symbols(), None, max),
                    want,
                    "{} letters, max {max}",
                    na.symbols().len()
                );
                assert_eq!(costs.osa(na.symbols(), nb.symbols(), max), want);
            }
            assert_eq!(p.osa(na.symbols(), None, 0.0), Some(0.0));
        }
        let swap = &cases[4];
        let (na, nb) = (normalize(&swap.0), normalize(&swap.1));
        assert_eq!(na.symbols().len(), 63);
        let t = costs.transposition();
        assert_eq!(
            Profile::new(&costs, na.symbols()).osa(nb.symbols(), None, t),
            Some(t)
        );
    }
}
