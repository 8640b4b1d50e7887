//! A query as the search reads it: its comparison form, which of its parts
//! are particles, and its per-search context (part weights, skip shares,
//! skeletons, profiles and candidates).

use std::cell::{Cell, OnceCell, RefCell};

use crate::distance::Profile;
use crate::index::{Lookup, MIN_DELETION_SKELETON};
use crate::letters::Costs;
use crate::lexicon::Lexicon;
use crate::normalize::Name;
use crate::romanize;

use super::acronym::Acronyms;
use super::build::Index;
use super::scratch::Sims;
use super::{PARTICLE_WEIGHT, PLACE_WORD_SKIP, PLACE_WORD_WEIGHT, SKIP_QUERY_MIDDLE};

#[cfg(doc)]
use super::{PART_MIN, build::LATIN_PREFIX_INDEL, score::NOT_CANDIDATE_MIN, search::Pass};
#[cfg(doc)]
use crate::index::PartIndex;

/// Per-query data: part weights, skip shares, skeletons and, for a fuzzy
/// search, profiles and candidates.
#[derive(Default)]
pub(super) struct QueryCtx {
    /// Per query part: its weight (see [`Index::weight`]).
    pub(super) w: Vec<f32>,
    /// Per query part: its skeleton, [`packed`](crate::index::packed).
    pub(super) skels: Vec<u128>,
    /// The query was Latin (romanised): see [`LATIN_PREFIX_INDEL`].
    pub(super) latin: bool,
    /// Per query part: a particle (بن, بنت, ال).
    pub(super) particle: Vec<bool>,
    /// Per query part but particles: its [`Profile`] under the query's
    /// costs (the Latin ones for a Latin query), for the bounded distance to
    /// candidates. Made for a fuzzy search only; an exact hit's rows take
    /// the plain distance.
    pub(super) profiles: Vec<OnceCell<Option<Profile>>>,
    /// In an Arabic query's second pass (`alts`), the same under the Latin
    /// costs, for the parts only Latin rows have (see [`Index::part_sim`]).
    pub(super) latin_profiles: Vec<OnceCell<Option<Profile>>>,
    /// Second readings of Latin rows count (see [`Index::alt_of`]), and
    /// Latin rows' parts are priced with the Latin costs; not for
    /// anchoring and scanning, which keep to the spelling as written.
    pub(super) alts: bool,
    /// Per query part (empty for particles), in a fuzzy search: the table
    /// parts the part index offers as its candidates, as two sorted runs
    /// (see [`PartIndex::candidates`]; the split is the second field).
    /// These match the query part from [`PART_MIN`], others from
    /// [`NOT_CANDIDATE_MIN`]. Empty for an exact hit, whose rows take every
    /// pair from [`PART_MIN`]. Until `read`, only the first run.
    pub(super) cands: Vec<(Vec<u32>, usize)>,
    /// `cands` holds both runs (see [`Index::read_candidates`]).
    pub(super) read: bool,
    /// Buffers for telling a candidate from its keys before they are read
    /// (see [`QueryCtx::may_match`]).
    pub(super) key_scratch: RefCell<(Vec<u8>, Vec<u64>)>,
    /// Per query part (a default one for particles), in a fuzzy search:
    /// the skeleton keys that hold its candidates, looked up on first use
    /// (see [`QueryCtx::look`]).
    pub(super) looks: Vec<OnceCell<Lookup>>,
    /// The sum of `w`.
    pub(super) total: f32,
    /// Per query part: the share of its weight that leaving it out costs
    /// (see [`SKIP_QUERY_MIDDLE`], [`PLACE_WORD_SKIP`]).
    pub(super) skip: Vec<f32>,
    /// Per query part: the query's name parts before and after it, and
    /// the least any of them costs left out (`w` times `skip`), for the
    /// order bound of `row_score`.
    pub(super) sides: Vec<Sides>,
    /// Per query part, in a fuzzy search: its skeleton's own key (see
    /// [`crate::index::own_key`]).
    owns: Vec<u64>,
    /// The query parts, heaviest first (ties in order).
    pub(super) by_weight: Vec<usize>,
    /// A title went before the name: see [`Pass::titled`].
    pub(super) titled: bool,
    /// The query's parts that are no particle.
    pub(super) names: usize,
    /// Which Latin acronyms may match (see [`Pass::acronyms`]; once the
    /// search starts, `Auto` is an Arabic pass's: none).
    pub(super) acronyms: Acronyms,
}

/// A query part's name parts either side (see [`QueryCtx::sides`]).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Sides {
    /// The query's name parts before this part, and after it.
    pub(super) before: u8,
    pub(super) after: u8,
    /// The least that leaving out one of those before it costs, and one
    /// of those after it (infinite when there is none).
    pub(super) before_min: f32,
    pub(super) after_min: f32,
}

impl Sides {
    /// Each part's sides into `out` (cleared first), for a query whose
    /// parts are `particle` or not, of weights `w` and skip shares `skip`.
    /// O(parts²).
    fn fill(particle: &[bool], w: &[f32], skip: &[f32], out: &mut Vec<Sides>) {
        let cost = |k: usize| w[k] * skip[k];
        out.clear();
        out.extend((0..particle.len()).map(|i| {
            let names = |r: std::ops::Range<usize>| r.filter(|&k| !particle[k]);
            let side =
                |r: std::ops::Range<usize>| names(r.clone()).count().min(u8::MAX as usize) as u8;
            let least =
                |r: std::ops::Range<usize>| names(r).map(cost).fold(f32::INFINITY, f32::min);
            Sides {
                before: side(0..i),
                after: side(i + 1..particle.len()),
                before_min: least(0..i),
                after_min: least(i + 1..particle.len()),
            }
        }));
    }

    /// A lower bound on what an alignment that pairs this query part with
    /// a row's name part costs in query name parts left out, when the row
    /// has `before` name parts before that one and `after` after it: the
    /// alignment keeps the order, so the query's name parts on a side past
    /// the row's count there are left out. O(1).
    pub(super) fn left_out(&self, before: usize, after: usize) -> f32 {
        let over = |q: u8, r: usize| (q as usize).saturating_sub(r) as f32;
        let mut c = 0.0;
        if self.before as usize > before {
            c += over(self.before, before) * self.before_min;
        }
        if self.after as usize > after {
            c += over(self.after, after) * self.after_min;
        }
        c
    }
}

impl QueryCtx {
    /// Query part `i`'s [`Profile`] under `costs`, which are the Latin
    /// ones when `latin_costs` (a Latin row's part in an Arabic query's
    /// second pass) and the query's own otherwise; made on first use from
    /// the part's `symbols`. None for a particle, or where the context
    /// keeps no profiles (an exact hit's rows take the plain distance).
    pub(super) fn profile(
        &self,
        i: usize,
        latin_costs: bool,
        costs: &Costs,
        symbols: &[u32],
    ) -> Option<&Profile> {
        let cells = if latin_costs == self.latin {
            &self.profiles
        } else {
            &self.latin_profiles
        };
        cells
            .get(i)?
            .get_or_init(|| (!self.particle[i]).then(|| Profile::new(costs, symbols)))
            .as_ref()
    }

    /// Table part `pid` matches query part `i` from [`PART_MIN`]: it is
    /// among the part's candidates, the part's skeleton is too short for
    /// the index to find its near spellings, or the search is not gated by
    /// candidates (an exact hit). A read of `sims`, where the search noted
    /// the candidates, or two binary searches; before the candidates are
    /// read, one binary search and, for a part not among the near ones,
    /// the part's keys (see [`PartIndex::is_candidate`]).
    pub(super) fn may_match(&self, q: &Name, i: usize, pid: u32, sims: &Sims, idx: &Index) -> bool {
        match self.cands.get(i) {
            // A skeleton too short for deletion variants finds fewer of its
            // near spellings (its vowel form's keys find some: السيي,
            // skeleton س, finds السيسي through them).
            Some((c, split)) if self.skels[i] >> 120 >= MIN_DELETION_SKELETON as u128 => {
                if !self.read {
                    if c.binary_search(&pid).is_ok() {
                        return true;
                    }
                    let look = self.look(q, i, idx);
                    let (tmp, ks) = &mut *self.key_scratch.borrow_mut();
                    return idx.parts.is_candidate(&idx.costs, look, pid, tmp, ks);
                }
                sims.candidate(i, pid).unwrap_or_else(|| {
                    c[..*split].binary_search(&pid).is_ok()
                        || c[*split..].binary_search(&pid).is_ok()
                })
            }
            _ => true,
        }
    }

    /// Which keys hold query part `i`'s candidates (see
    /// [`PartIndex::lookup`]), looked up on first use: a query that its
    /// name key answers mostly needs only each part's own key, which
    /// `query_ctx` takes from the skeleton (the lookups were a tenth of
    /// such a query's instructions). A fuzzy search's only.
    fn look(&self, q: &Name, i: usize, idx: &Index) -> &Lookup {
        self.looks[i].get_or_init(|| {
            if self.particle[i] {
                return Lookup::default();
            }
            let (skel, ks) = &mut *self.key_scratch.borrow_mut();
            idx.parts.lookup(&idx.costs, q.part_symbols(i), skel, ks)
        })
    }
}

impl Index {
    /// Reads each query part's candidates past the near ones into
    /// `ctx.cands` (see [`QueryCtx::read`]), once.
    pub(super) fn read_candidates(&self, ctx: &mut QueryCtx, q: &Name) {
        if ctx.read {
            return;
        }
        for i in 0..ctx.looks.len() {
            if !ctx.particle[i] {
                ctx.look(q, i, self);
                let look = ctx.looks[i].get().expect("looked up just now");
                let (c, split) = &mut ctx.cands[i];
                *split = self.parts.read(look, c);
            }
        }
        ctx.read = true;
    }
}

/// The comparison form of a name already normalised: Latin romanised, and
/// the name proper only (titles and common words dropped).
pub(crate) fn match_form_of(lex: &Lexicon, n: Name) -> Name {
    let n = if n.is_latin() {
        romanize::romanize(&n)
    } else {
        n
    };
    let r = lex.name_range(&n);
    if r.len() == n.parts().len() {
        n
    } else {
        n.slice(r)
    }
}

pub(super) fn is_particle(p: &crate::Part) -> bool {
    is_particle_text(p.as_str())
}

/// [`is_particle`] of a part's text.
pub(super) fn is_particle_text(p: &str) -> bool {
    matches!(p, "بن" | "بنت" | "ال")
}

impl Index {
    /// How much a query part counts: particles little, and parts that many
    /// table rows share (جمهورية, مملكة, محمد) less than rare ones.
    /// `place`: the part is a word of official place names
    /// (`data/place_words.tsv`) or a common word outside the name proper
    /// (see [`PLACE_WORD_WEIGHT`]). A part the table lacks, or that only
    /// second readings of Latin rows have (they are not counted in
    /// `part_df`), counts as the commonest of `near`, the table parts filed
    /// under its skeleton key (its skeleton or one class longer, or a part
    /// with the article whose skeleton with the article's letters is so;
    /// none: as a part of one row): a garbled common name is still common.
    ///
    /// Chosen on one set of 20,000 random edits of the shipped table's
    /// Arabic spellings (`scripts/garble_shipped.py 2`; acc@1 0.840 ->
    /// 0.849 with the commonest, 0.852
    /// with the sum of their rows, 0.849 with only the parts of the same
    /// skeleton) and the generated 100k table's queries (0.936 -> 0.944
    /// either way), where a garbled given name had weighed as a rare one;
    /// the commonest kept dev.arabres at 0.674 (the sum: 0.673). Held out:
    /// two other sets of edits (seeds 1 and 3) 0.839 -> 0.850 each;
    /// dev.xres stayed at 0.867 (queries of one part, whose weight
    /// cancels, are most of both dev sets).
    fn weight(&self, q: &Name, i: usize, place: bool, near: &[u32]) -> f32 {
        if is_particle(&q.parts()[i]) {
            return PARTICLE_WEIGHT;
        }
        // جمهورية ألبانيا is ألبانيا: the state form weighs little, however
        // rare it is in the table (which may list only short forms).
        if place {
            return PLACE_WORD_WEIGHT;
        }
        // A part that only second readings have (df 0) is no rarer for
        // that: it is weighed by its neighbours, as a part the table lacks.
        let df = match self
            .parts
            .get(q.part_symbols(i))
            .map(|id| self.part_df[id as usize])
        {
            Some(df) if df > 0 => df,
            _ => near
                .iter()
                .map(|&p| self.part_df[p as usize])
                .max()
                .unwrap_or(1),
        };
        1.0 / (1.0 + (df.max(1) as f32).ln())
    }

    /// [`Index::query_ctx_in`], reading the name proper itself.
    #[cfg(test)]
    pub(super) fn query_ctx(&self, q: &Name, latin: bool, alts: bool, fuzzy: bool) -> QueryCtx {
        self.query_ctx_in(q, latin, alts, fuzzy, None)
    }

    /// A query's weights, skip shares and skeletons; with `fuzzy`, also
    /// its parts' profiles and candidates (see [`QueryCtx::cands`]).
    /// `proper`: `q`'s name proper when the caller has read it already
    /// (`Lexicon::name_range`, a few hash probes per part), else read here.
    pub(super) fn query_ctx_in(
        &self,
        q: &Name,
        latin: bool,
        alts: bool,
        fuzzy: bool,
        proper: Option<(usize, usize)>,
    ) -> QueryCtx {
        // Into the buffers of this thread's last context (see
        // `QueryCtx::recycle`): a context is a dozen short lists, whose
        // allocations were a tenth of a query its name key answers.
        let mut c = SPARE
            .try_with(Cell::take)
            .ok()
            .flatten()
            .unwrap_or_default();
        let k_parts = q.parts().len();
        c.particle.clear();
        c.particle.extend(q.parts().iter().map(is_particle));
        // Each part's skeleton, packed, and in a fuzzy search its own key.
        c.skels.clear();
        c.owns.clear();
        {
            let (skel, _) = c.key_scratch.get_mut();
            for i in 0..k_parts {
                crate::index::skeleton(&self.costs, q.part_symbols(i), skel);
                if fuzzy {
                    c.owns.push(crate::index::own_key(skel));
                }
                c.skels.push(crate::index::packed(skel));
            }
        }
        // The parts under each part's own key (its near candidates); the
        // keys of the rest are looked up, and their lists read, when a
        // search needs them (see `QueryCtx::look`,
        // `Index::read_candidates`): a query that a whole-name key answers
        // never reads them (a third of its time did).
        let fuzzy_parts = c.owns.len();
        c.cands.truncate(fuzzy_parts);
        c.cands.resize_with(fuzzy_parts, Default::default);
        for (i, (near, split)) in c.cands.iter_mut().enumerate() {
            near.clear();
            if !c.particle[i] {
                near.extend_from_slice(self.parts.near_key(c.owns[i]));
            }
            *split = near.len();
        }
        c.looks.clear();
        c.looks.resize_with(fuzzy_parts, OnceCell::new);
        // Common words outside the name proper (those titles did not take
        // away: see `score_normalized`) weigh as place words do, and are
        // left out as they are.
        let proper = proper.map_or_else(|| self.lexicon.name_range(q), |(a, b)| a..b);
        debug_assert_eq!(proper, self.lexicon.name_range(q));
        c.w.clear();
        c.skip.clear();
        for (i, p) in q.parts().iter().enumerate() {
            let place = self.lexicon.is_place_word(p) || !proper.contains(&i);
            let near = c.cands.get(i).map_or(&[][..], |(v, split)| &v[..*split]);
            c.w.push(self.weight(q, i, place, near));
            c.skip.push(if place {
                PLACE_WORD_SKIP
            } else if i > 0 && i + 1 < k_parts {
                SKIP_QUERY_MIDDLE
            } else {
                1.0
            });
        }
        Sides::fill(&c.particle, &c.w, &c.skip, &mut c.sides);
        c.by_weight.clear();
        c.by_weight.extend(0..k_parts);
        let w = &c.w;
        c.by_weight
            .sort_by(|&a, &b| w[b].total_cmp(&w[a]).then(a.cmp(&b)));
        // Made when first used (see `QueryCtx::profile`): a query that its
        // name key answers compares few parts.
        let cells = |v: &mut Vec<OnceCell<Option<Profile>>>, on: bool| {
            v.clear();
            if on {
                v.resize_with(k_parts, OnceCell::new);
            }
        };
        cells(&mut c.latin_profiles, fuzzy && alts && !latin);
        cells(&mut c.profiles, fuzzy);
        c.names = c.particle.iter().filter(|&&p| !p).count();
        c.total = c.w.iter().sum();
        c.latin = latin;
        c.alts = alts;
        c.read = !fuzzy;
        c.titled = false;
        c.acronyms = if latin { Acronyms::Any } else { Acronyms::Auto };
        c
    }
}

thread_local! {
    /// This thread's last spent query context (see [`QueryCtx::recycle`]).
    static SPARE: Cell<Option<QueryCtx>> = const { Cell::new(None) };
}

impl QueryCtx {
    /// Hands the context's buffers to the next [`Index::query_ctx_in`] on
    /// this thread (its profiles and lookups go).
    pub(super) fn recycle(self) {
        let _ = SPARE.try_with(|s| s.set(Some(self)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alias::AliasTable;
    use crate::normalize::normalize;
    use crate::resolve::Resolver;

    #[test]
    fn a_pairing_out_of_order_leaves_out_the_query_parts_past_the_row() {
        // محمد بن علي حسن: weights 1, 0.1 (بن), 0.5, 0.25; skips 1, 0.5,
        // 0.5, 1.
        let particle = [false, true, false, false];
        let mut sides = Vec::new();
        Sides::fill(
            &particle,
            &[1.0, 0.1, 0.5, 0.25],
            &[1.0, 0.5, 0.5, 1.0],
            &mut sides,
        );
        assert_eq!((sides[0].before, sides[0].after), (0, 2));
        assert_eq!((sides[2].before, sides[2].after), (1, 1));
        // محمد with a row's last name part: علي and حسن are left out, the
        // cheaper at least twice.
        assert_eq!(sides[0].left_out(1, 0), 2.0 * 0.25);
        // With its first of two: حسن still finds a part after it.
        assert_eq!(sides[0].left_out(0, 1), 0.25);
        assert_eq!(sides[0].left_out(0, 3), 0.0);
        // علي with a row's first name part: محمد is left out.
        assert_eq!(sides[2].left_out(0, 2), 1.0);
        // The particle counts on no side.
        assert_eq!(sides[3].before, 2);
    }

    #[test]
    fn a_garbled_common_name_weighs_as_the_common_name() {
        let families = [
            "حداد",
            "نصار",
            "خوري",
            "حجازي",
            "شحادة",
            "عواد",
            "سلامة",
            "منصور",
        ];
        let mut tsv = String::from("entity\tname\n");
        for (i, f) in families.iter().enumerate() {
            tsv.push_str(&format!("e{i}\tمحمد {f}\n"));
        }
        let r = Resolver::builder()
            .builtin(false)
            .table(AliasTable::from_tsv_str(&tsv).unwrap())
            .build()
            .unwrap();
        let idx = &r.inner.index;
        let weights = |text: &str| {
            let q = match_form_of(idx.lexicon, normalize(text));
            idx.query_ctx(&q, false, false, true).w
        };
        // محامد has محمد's skeleton; زقزوق is no part of the table.
        let garbled = weights("محامد زقزوق");
        let right = weights("محمد زقزوق");
        assert_eq!(garbled[0], right[0]);
        assert!(garbled[0] < 0.5, "{garbled:?}");
        assert_eq!(garbled[1], 1.0);
    }
}
