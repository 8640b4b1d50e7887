//! One search pass over the index: the candidates its query parts reach,
//! pruned by the best score so far, and their rows scored, best row per
//! entity.

use std::sync::Arc;

use crate::index::Map;
use crate::letters::Costs;
use crate::normalize::Name;

use super::acronym::Acronyms;
use super::build::Index;
use super::scratch::{SCRATCH, Scratch};
use super::{NAME_KEY_SURE, PART_MIN, SKIP_QUERY_MIDDLE};

#[cfg(doc)]
use super::{
    SKIP_TABLE_PART, TITLED_SKIP_MORE, acronym::is_acronym, build::LATIN_PREFIX_INDEL,
    query::QueryCtx, rerank::Window,
};

/// How a search pass reads its query.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Pass {
    /// The query was Latin (romanised): see [`LATIN_PREFIX_INDEL`].
    pub(super) latin: bool,
    /// Second readings of Latin rows count, and Latin rows' parts are
    /// priced with the Latin costs (see [`QueryCtx::alts`]).
    pub(super) alts: bool,
    /// A title went before the name (الملك سلمان, الشيخ تميم, President
    /// Putin): the name is likely one or two parts of a person's full
    /// name, often a given name that many table rows share. The table
    /// name parts the query lacks then cost [`SKIP_TABLE_PART`] for the
    /// first (when the row has more name parts than the query; else the
    /// lesser cost), [`TITLED_SKIP_MORE`] of that for each other (a
    /// particle, بن, بنت or ال, nothing), of the query's weight when that
    /// is under 1: a
    /// given name leaves out a whole nasab (قابوس بن سعيد آل سعيد), and a common one
    /// weighs little, so the per-part cost sank every row of a full name
    /// under a near spelling of another (السلطان قابوس went to قابس,
    /// الملك سلمان to السليمانية, الشيخ تميم to تمام سلام).
    pub(super) titled: bool,
    /// Which Latin acronym rows (see [`is_acronym`]) may match.
    pub(super) acronyms: Acronyms,
    /// Only an exact hit or the rows under the query's name key (see
    /// `NAME_KEY_SURE`); when none of these is sure, no answer at all
    /// (the rows scored are dropped), and no search through the
    /// candidates.
    pub(super) key_only: bool,
    /// The search through the candidates scores at most this many rows
    /// (see `JOINED_MAX_ROWS`; [`MAX_PASS_ROWS`] when `None`): no longer
    /// exact past it, the best found so far stands.
    pub(super) max_rows: Option<usize>,
    /// The query's name proper (see `Lexicon::name_range`), when the
    /// caller has read it already.
    pub(super) proper: Option<(usize, usize)>,
}

/// A search pass scores at most this many rows (a joined compound's,
/// fewer: see `JOINED_MAX_ROWS`); past it, the best found so far stands.
/// A garbled name of a common part whose best answer is weak (مهظ اليمني,
/// under 0.875) reached the rows of every near spelling of the common
/// part (6,000 rows, each comparing the other query part with a part that
/// is no candidate of it: a DP each), and two such of the bench's 1,000
/// fuzzy queries took a quarter of their instructions. At 3,000, no output
/// line moved on 2,000 generated queries against the 100k table, the
/// bench's 1,000, 300 against a 1M table, five sets of 20,000 garbled
/// shipped spellings, dev.arabres or dev.xres, and the bench's 1,000 took
/// 79.1M → 72.3M instructions (72.7M in the trial that read the cap from
/// the environment; 70.2M there at 2,000, where one garbled answer moved).
pub(super) const MAX_PASS_ROWS: usize = 3_000;

/// How far under the best score so far a single answer's search still
/// looks ([`Window::slack`]), while that best is under `until`; from
/// there on it looks at the best only.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slack {
    pub(super) width: f32,
    pub(super) until: f32,
}

impl Slack {
    /// No slack: the search looks at the best so far.
    pub(super) const NONE: Slack = Slack {
        width: 0.0,
        until: f32::INFINITY,
    };

    /// The score a row must reach, at the best score so far `top`.
    fn need(self, top: f32, threshold: f32) -> f32 {
        if top >= self.until {
            top.max(threshold)
        } else {
            (top - self.width).max(threshold)
        }
    }
}

/// One scored candidate, best row of its entity.
#[derive(Debug)]
pub(crate) struct Scored {
    pub(crate) entity: u32,
    pub(crate) row: u32,
    pub(crate) score: f32,
    /// The query as scored, shared by its candidates (a copy each was a
    /// tenth of the time resolving spent in `malloc`).
    pub(crate) query: Arc<Name>,
    /// The query was Latin (romanised).
    pub(crate) latin: bool,
    /// Found by the pass that prices Latin rows with the Latin costs.
    pub(crate) alts: bool,
    /// The search's answer came from the query's name key (see
    /// `NAME_KEY_SURE`): its candidates were not searched.
    pub(crate) by_key: bool,
}

impl Index {
    /// The costs a candidate was scored with.
    pub(crate) fn costs_of(&self, s: &Scored) -> &Costs {
        if s.latin || (s.alts && self.latin_row[s.row as usize]) {
            &self.latin_costs
        } else {
            &self.costs
        }
    }

    /// As [`Index::score`], for a query already in match form.
    pub(crate) fn score_form(&self, q: Name, threshold: f32) -> Vec<Scored> {
        self.score_form_k(q, threshold, usize::MAX, Pass::default(), Slack::NONE)
    }

    /// As [`Index::score_form`]; with `k == 1` only the best entities are
    /// sure to be exact (candidates that cannot beat the best so far are
    /// pruned by the bounded distance), and those within `slack` of them.
    pub(crate) fn score_form_k(
        &self,
        q: Name,
        threshold: f32,
        k: usize,
        pass: Pass,
        slack: Slack,
    ) -> Vec<Scored> {
        if q.is_empty() {
            return Vec::new();
        }
        let Pass {
            latin,
            alts,
            titled,
            acronyms,
            key_only,
            ..
        } = pass;
        let acronyms = match acronyms {
            Acronyms::Auto if latin => Acronyms::Any,
            rule => rule,
        };
        // After a title, only a person's spelling (or one of no kind) is
        // a hit (see `row_penalty`); else the search goes on fuzzily.
        let allowed = |row: &u32| !titled || self.may_be_person(*row);
        let exact = self.exact_rows(q.as_str(), acronyms).any(|r| allowed(&r));
        let mut ctx = self.query_ctx_in(&q, latin, alts, !exact, pass.proper);
        ctx.titled = titled;
        ctx.acronyms = acronyms;
        // The per-query cells and marks come from this thread's scratch: a
        // query fills hundreds of entries, and growing fresh maps each time
        // cost a tenth of a query. (An exact hit's few rows need no cells.)
        let mut scratch = SCRATCH.with(|s| s.take());
        scratch.sims.start(if exact { 0 } else { self.parts.len() });
        let Scratch {
            sims,
            rows: marks,
            buf,
            best,
            key_rows: rows,
            key_skels: skeletons,
        } = &mut scratch;
        best.clear();
        let mut top = threshold;
        let consider = |row: u32, s: f32, best: &mut Map<u32, (f32, u32)>| {
            if s < threshold || s <= 0.0 {
                return;
            }
            let e = self.table.rows[self.table_row(row)].entity;
            let slot = best.entry(e).or_insert((s, row));
            if s > slot.0 || (s == slot.0 && row < slot.1) {
                *slot = (s, row);
            }
        };
        // A query of several name parts is first looked up by its name key
        // (see NAME_KEY_SURE); when that answers it, no candidate is read.
        let mut sure = false;
        if !exact && k == 1 && !latin && !alts && ctx.names >= 2 {
            // A row under the key answers only from NAME_KEY_SURE: scored
            // exactly from there (tighter bars, DPs that end sooner; 8.7%
            // of the instructions of the generated queries their key
            // answers), under it at most as high as it is. When none
            // answers, they are scored again at the threshold below, as
            // the search may not reach them all (هو جينتاو for نو جينتاو,
            // through its key with ه dropped).
            let key_need = threshold.max(NAME_KEY_SURE);
            skeletons.clear();
            skeletons.extend(
                (0..ctx.skels.len())
                    .filter(|&i| !ctx.particle[i])
                    .map(|i| ctx.skels[i]),
            );
            rows.clear();
            // The best of these rows that reaches the threshold. (The
            // search's own best so far stays as it was: were the search to
            // run, a higher one would not shorten it, as its bound on rows
            // that its heavier parts did not reach weakens as the need
            // rises; some generated queries took four times as long.)
            let mut found = 0.0f32;
            for variants in [false, true] {
                if found >= NAME_KEY_SURE {
                    break;
                }
                let from = rows.len();
                self.names.rows_into(skeletons, variants, rows);
                for &row in rows[from..].iter().filter(|r| allowed(r)) {
                    let s = self.scored_row(&q, row, sims, &ctx, buf, key_need);
                    if s >= threshold {
                        found = found.max(s);
                    }
                    consider(row, s, best);
                }
            }
            sure = found >= NAME_KEY_SURE;
            if !sure && !key_only && key_need > threshold {
                for &row in rows.iter().filter(|r| allowed(r)) {
                    let s = self.scored_row(&q, row, sims, &ctx, buf, threshold);
                    consider(row, s, best);
                }
            }
        }
        if key_only && !sure && !exact {
            // Nothing sure: the caller searches otherwise.
            best.clear();
        } else if sure {
            // Answered by the name key.
        } else if exact {
            for row in self.exact_rows(q.as_str(), acronyms).filter(allowed) {
                // A spelling of particles alone (آل) has no part the
                // alignment can score; its exact form is a full match.
                let s = match self.scored_exact_row(&q, row, sims, &ctx, buf) {
                    s if s > 0.0 => s,
                    _ => 1.0,
                };
                consider(row, s, best);
            }
        } else {
            self.read_candidates(&mut ctx, &q);
            let ctx = &ctx;
            // A row reached through query part i with part similarity s scores
            // at most 1 - w_i (1 - s) / total, so a part below
            // 1 - (1 - need) total / w_i cannot lead to a row at `need`: the
            // bounded distance cuts it. `need` is the threshold, or for the
            // top match only the best score so far; the heaviest (rarest)
            // parts go first, so the best score rises early.
            let total = ctx.total;
            let max_rows = pass.max_rows.unwrap_or(MAX_PASS_ROWS);
            let mut scored = 0usize;
            // The need at the best score so far, and query part i's floor at
            // a need.
            let need_at = |top: f32| {
                if k == 1 {
                    slack.need(top, threshold)
                } else {
                    threshold
                }
            };
            // (A hair under, as `row_score`'s budget is a hair over, so
            // that a row that ties with the best is never cut; the bound on
            // what an unreached row pays, below, takes the floor itself.)
            let bound_at =
                |i: usize, need: f32| (1.0 - (1.0 - need) * total / ctx.w[i]).max(PART_MIN);
            let floor_at =
                |i: usize, need: f32| (1.0 - (1.0 - need + 1e-5) * total / ctx.w[i]).max(PART_MIN);
            let mut order: Vec<usize> = ctx
                .by_weight
                .iter()
                .copied()
                .filter(|&i| !ctx.particle[i])
                .collect();
            // When no row can reach the threshold by matching one query part
            // alone (the others skipped cost at least half their weight, a
            // place or common word's its own skip share), only rows that two
            // query parts lead to are scored: for a several-part query this
            // skips the thousands of rows that merely share a common given
            // or family name.
            let least_skip: f32 = (0..ctx.w.len())
                .map(|j| ctx.w[j] * ctx.skip[j].min(SKIP_QUERY_MIDDLE))
                .sum();
            let two = order.len() >= 2
                && order.iter().all(|&i| {
                    let others = least_skip - ctx.w[i] * ctx.skip[i].min(SKIP_QUERY_MIDDLE);
                    1.0 - others / total < threshold
                });
            if two {
                // Twice: first through each part's near candidates (those
                // under its own skeleton key), whose rows raise the best
                // score, so that the floors of the second search, through
                // every candidate, are those of that score and end most
                // DPs early (8% fewer instructions for generated queries
                // against the 100k table, answers the same). A row at
                // `need` pairs each query part it matches at or over the
                // part's floor at `need`, and the best score only rises
                // (a row that pairs a part that is no candidate, from
                // NOT_CANDIDATE_MIN, may have been reached before through a
                // weaker candidate that the higher floor now skips).
                // (With k > 1 the floors stay the threshold's: one search.)
                for near_only in [true, false] {
                    if near_only && k != 1 {
                        continue;
                    }
                    marks.start(self.forms.len());
                    // Per row: the query parts that reach it, the rank of the
                    // last one, and the weight its best parts match with (the
                    // last part's apart), to score the likeliest rows first.
                    for (rank, &i) in order.iter().enumerate() {
                        let last = rank + 1 == order.len();
                        let rank = rank.min(u16::MAX as usize - 1) as u16;
                        let floor = floor_at(i, need_at(top));
                        let (cands, split) = &ctx.cands[i];
                        let cands = if near_only {
                            &cands[..*split]
                        } else {
                            &cands[..]
                        };
                        for &pid in cands {
                            // (The first search's similarities, and floors
                            // a part fell below, hold.)
                            let s = match sims.get(i, pid) {
                                Some(v) if v >= 0.0 => v,
                                Some(v) if -v <= floor => continue,
                                _ => self.part_sim(&q, i, pid, floor, ctx),
                            };
                            if s < floor || s <= 0.0 {
                                continue;
                            }
                            sims.insert(i, pid, s);
                            let gain = ctx.w[i] * s;
                            for &(row, _) in self.parts.occurrences(pid) {
                                if last {
                                    marks.hit_marked(row, rank, gain);
                                } else {
                                    marks.hit(row, rank, gain);
                                }
                            }
                        }
                    }
                    let mut rows: Vec<(f32, u32)> = marks.reached_twice().collect();
                    // The best score rises early, and with it the need that
                    // ends the other rows' pairings (see `row_score`).
                    rows.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    for (_, row) in rows {
                        scored += 1;
                        if scored > max_rows {
                            break;
                        }
                        let s = self.scored_row(&q, row, sims, ctx, buf, need_at(top));
                        top = top.max(s);
                        consider(row, s, best);
                    }
                }
                order.clear();
            }
            // A row not reached through the heavier parts already searched
            // pays for each of them at least w_j (1 - floor_j) (a worse
            // match) or its skip, w_j times its skip share (a place word's
            // is a quarter): once that alone sinks it below `need`, the
            // lighter (commoner) parts, whose candidates are many, are not
            // searched. (A heuristic bound: a table part the index does not
            // offer may still match from NOT_CANDIDATE_MIN.)
            let mut unseen_cost = 0.0f32;
            let mut passing: Vec<(f32, u32)> = Vec::new();
            let several = order.len() >= 2;
            // The rows scored.
            marks.start(self.forms.len());
            for i in order {
                let need = need_at(top);
                if 1.0 - unseen_cost / total < need || scored > max_rows {
                    break;
                }
                let first_floor = bound_at(i, need);
                unseen_cost += ctx.w[i] * ctx.skip[i].min(1.0 - first_floor);
                // The candidates under the part's own skeleton key (its
                // skeleton or one class longer, or with the article), then
                // the rest. For a query
                // of several parts, each group's parts above the floor have
                // their rows scored best part first, so that the best score
                // rises early and the rows of weaker parts end at the
                // heavier parts' bound (the rows of a common given name,
                // mostly). For one part, each part's rows are scored as it
                // is found: the floor of the next rises sooner.
                let (cands, split) = &ctx.cands[i];
                // The near candidates of the query's other parts (under
                // their own skeleton keys): of a candidate's rows, those
                // that hold one are scored first (محمد الحسيني before the
                // hundreds of other rows with الحسيني), so that the best
                // score, and with it the floor that ends the other rows'
                // pairings, rises before them. Only the order changes: a row
                // scored later is scored at a need no lower. (8% fewer
                // instructions for generated queries, answers the same.
                // For the single answer only: with k > 1 the need is the
                // threshold's throughout.)
                let near_other: Vec<u32> = if several && k == 1 {
                    let mut v: Vec<u32> = (0..ctx.cands.len())
                        .filter(|&j| j != i)
                        .flat_map(|j| ctx.cands[j].0[..ctx.cands[j].1].iter().copied())
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                } else {
                    Vec::new()
                };
                for group in [&cands[..*split], &cands[*split..]] {
                    let mut pending = group.iter();
                    while scored <= max_rows {
                        passing.clear();
                        for &pid in pending.by_ref() {
                            let floor = floor_at(i, need_at(top));
                            let s = self.part_sim(&q, i, pid, floor, ctx);
                            // A part below the floor is not kept: a row whose
                            // best alignment uses it scores under `need`
                            // whatever its value, and 97% of the candidates
                            // of dev.arabres queries end here (keeping them
                            // cost 4% of a query).
                            if s < floor || s <= 0.0 {
                                continue;
                            }
                            sims.insert(i, pid, s);
                            passing.push((s, pid));
                            if !several {
                                break;
                            }
                        }
                        if passing.is_empty() {
                            break;
                        }
                        // Stable: equal parts keep the index's order.
                        passing.sort_by(|a, b| b.0.total_cmp(&a.0));
                        for first in [true, false] {
                            if first && near_other.is_empty() {
                                continue;
                            }
                            for &(s, pid) in &passing {
                                if s < floor_at(i, need_at(top)) {
                                    break;
                                }
                                for &(row, _) in self.parts.occurrences(pid) {
                                    if first
                                        && !crate::index::run(
                                            &self.row_parts,
                                            &self.row_start,
                                            row as usize,
                                        )
                                        .iter()
                                        .any(|p| near_other.binary_search(p).is_ok())
                                    {
                                        continue;
                                    }
                                    if scored > max_rows {
                                        break;
                                    }
                                    if marks.insert(row) {
                                        scored += 1;
                                        let need = need_at(top);
                                        let s = self.scored_row(&q, row, sims, ctx, buf, need);
                                        top = top.max(s);
                                        consider(row, s, best);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        ctx.recycle();
        let q = Arc::new(q);
        let mut out: Vec<Scored> = scratch
            .best
            .drain()
            .map(|(entity, (score, row))| Scored {
                entity,
                row,
                score,
                query: q.clone(),
                latin,
                alts,
                by_key: sure,
            })
            .collect();
        SCRATCH.with(|s| s.set(scratch));
        out.sort_by(|a, b| self.tie_order(a, b));
        out
    }

    /// Best first: by score, then, among entities that score the same,
    /// the one the table spells more ways first (the curated table lists
    /// more spellings for the people news names more: السيد حسن is
    /// Nasrallah before Jafar Hassan), then by table order.
    pub(crate) fn tie_order(&self, a: &Scored, b: &Scored) -> std::cmp::Ordering {
        let many = |s: &Scored| self.spellings[s.entity as usize];
        b.score
            .total_cmp(&a.score)
            .then_with(|| many(b).cmp(&many(a)))
            .then_with(|| a.row.cmp(&b.row))
    }
}
