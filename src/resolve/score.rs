//! Scoring one table row against a query: part similarities, the
//! alignment of the query's parts with the row's, and what the row pays
//! for parts left out, second readings and Latin rows.

use crate::normalize::Name;

use super::build::{Index, PARTICLE_PART};
use super::query::QueryCtx;
use super::scratch::Sims;
use super::{
    ALT_PENALTY, PART_MIN, PATRONYMIC_ONLY, PLACE_WORD_SKIP, SKIP_TABLE_PART, TITLED_SKIP_MORE,
};

/// What an Arabic query's match with a Latin spelling in the second pass
/// (the Latin costs and the romanised readings: see
/// [`Index::score_normalized`]) costs when the entity also has an Arabic
/// spelling: that spelling is the better witness, and a Latin reading that
/// beats it is mostly a garble read as another name (ابو مرل as Abu Ammar,
/// الوساد as Assad). Taken inside the search ([`Index::scored_row`]). Chosen on one set of 20,000 random edits of the shipped
/// spellings (`scripts/garble_shipped.py 2`: right answers 17,616 at 0,
/// 17,674 at 0.04, 17,683 at 0.06, 17,685 at 0.12); held out, the other
/// three sets gained 68–81 answers each (0.895/0.897/0.899 ->
/// 0.898/0.900/0.902). Entities with Latin spellings only are not touched.
const LATIN_ROW_PENALTY: f32 = 0.06;

/// Score taken off a part match whose consonant-class skeleton differs
/// from the query part's.
const SKELETON_MISMATCH: f32 = 0.02;

/// A row scoring's buffers, reused from row to row.
#[derive(Default)]
pub(super) struct RowBuf {
    /// The alignment's cells: (cost, a non-particle part matched).
    dp: Vec<(f32, bool)>,
    /// Query part `i` and row part `j`'s similarity at `i * parts + j`.
    sim: Vec<f32>,
}

/// The least similarity at which a query part matches a table part that
/// the part index does not offer as its candidate (more than one class
/// edit apart, or met only through a deletion key shared too widely); a
/// candidate matches from [`PART_MIN`]. Such pairs were mostly chance
/// matches of a row reached through another part. Chosen among 0.5 (no
/// own floor), 0.65, 0.75 and 0.85 on the generated 100k table's 2,000
/// queries (acc@1 0.919, 0.936, 0.944, 0.945) and 20,000 random edits of
/// the shipped table's Arabic spellings (`scripts/garble_shipped.py 1`:
/// 0.839, 0.839, 0.834, 0.814). Checked at 0.65 on other data: the
/// generated 10k table 0.956 -> 0.961, another 20,000 edits (seed 2)
/// 0.839 -> 0.840; dev.arabres and dev.xres answers and `evaluate`'s
/// clusters unchanged.
pub(super) const NOT_CANDIDATE_MIN: f32 = 0.65;

impl Index {
    /// [`Index::row_score`], less [`ALT_PENALTY`] for a second reading,
    /// and in an Arabic query's second pass (`ctx.alts`) less
    /// [`LATIN_ROW_PENALTY`] for a Latin row of an entity with an Arabic
    /// spelling. (Inside the search, so that its pruning sees the score
    /// the answer will have.) Exact at or above `need`.
    pub(super) fn scored_row(
        &self,
        q: &Name,
        row: u32,
        sims: &mut Sims,
        ctx: &QueryCtx,
        buf: &mut RowBuf,
        need: f32,
    ) -> f32 {
        let Some(pen) = self.row_penalty(row, ctx) else {
            return 0.0;
        };
        // (Exact at `need + pen` is exact after the penalty at `need`.)
        (self.row_score(q, row, sims, ctx, buf, need + pen) - pen).max(0.0)
    }

    /// [`Index::scored_row`] of an exact hit's row, exact whatever it is.
    /// Its parts mostly pair in order at no cost: scored at a need of 1,
    /// the parts that differ are not paired; a row that does not score 1
    /// (a romanised prefix's skeleton mismatch, say) is scored in full.
    pub(super) fn scored_exact_row(
        &self,
        q: &Name,
        row: u32,
        sims: &mut Sims,
        ctx: &QueryCtx,
        buf: &mut RowBuf,
    ) -> f32 {
        let Some(pen) = self.row_penalty(row, ctx) else {
            return 0.0;
        };
        let mut s = self.row_score(q, row, sims, ctx, buf, 1.0);
        if s < 1.0 {
            s = self.row_score(q, row, sims, ctx, buf, 0.0);
        }
        (s - pen).max(0.0)
    }

    /// Whether row `row`'s entity may be a person: it is one, or its kind
    /// is unknown (a user table may give none).
    pub(super) fn may_be_person(&self, row: u32) -> bool {
        let e = self.table.rows[self.table_row(row)].entity;
        self.table.entities[e as usize]
            .kind
            .is_none_or(|k| k == crate::Kind::Person)
    }

    /// What [`Index::scored_row`] takes off a row's score; `None` for a
    /// second reading outside a pass that reads them, and after a title
    /// for a row of an entity of another kind than a person (a place, an
    /// organisation, other): every title names a person's role (Prince
    /// Bandar is no port).
    fn row_penalty(&self, row: u32, ctx: &QueryCtx) -> Option<f32> {
        let second = (row as usize) >= self.table.rows.len();
        if second && !ctx.alts {
            return None;
        }
        if self.any_acronym && !self.acronym_allowed(row, ctx.acronyms) {
            return None;
        }
        if ctx.titled && !self.may_be_person(row) {
            return None;
        }
        let mut pen = if second { ALT_PENALTY } else { 0.0 };
        if ctx.alts && self.latin_row[row as usize] {
            let e = self.table.rows[self.table_row(row)].entity;
            if self.arabic_entity[e as usize] {
                pen += LATIN_ROW_PENALTY;
            }
        }
        Some(pen)
    }

    /// Similarity of query part `qi` and table part `pid`; 0 below `floor`.
    pub(super) fn part_sim(
        &self,
        q: &Name,
        qi: usize,
        pid: u32,
        floor: f32,
        ctx: &QueryCtx,
    ) -> f32 {
        let qskel = ctx.skels[qi];
        // In an Arabic query's second pass (`ctx.alts`), a part only Latin
        // rows have is priced with the Latin costs (Arabic->Latin acc@1
        // 0.781 -> 0.784). Anchoring keeps the Arabic costs: with the Latin
        // ones, anchored clustering's pairwise F1 fell 0.496 -> 0.494.
        let latin_costs = ctx.latin || (ctx.alts && self.latin_part[pid as usize]);
        let costs = if latin_costs {
            &self.latin_costs
        } else {
            &self.costs
        };
        let a = q.part_symbols(qi);
        let b = self.parts.symbols(pid);
        // Normalised by the mean length: by the longer one, a longer
        // candidate with one extra letter beats a shorter one missing one
        // (dev acc@1: 0.577 by the longer, 0.583 by the mean).
        let len = (a.len() + b.len()) as f32 / 2.0;
        if len == 0.0 {
            return 1.0;
        }
        // Spellings of one name mostly keep their consonant classes; a
        // candidate whose skeleton differs pays SKELETON_MISMATCH (dev
        // acc@1 0.583 -> 0.593, Latin->Arabic 0.808 -> 0.810).
        let same_skeleton = self.parts.skeleton(pid) == qskel;
        // The same letters (and marks) cost nothing: no DP. (An exact
        // query's parts, and a fuzzy one's parts the table has, mostly.)
        if same_skeleton && a == b {
            return 1.0;
        }
        // Below the floor, a value is as good as 0 to every caller: a
        // mismatched skeleton's bound includes its penalty.
        let max = if same_skeleton {
            (1.0 - floor) * len
        } else {
            (1.0 - floor - SKELETON_MISMATCH) * len
        };
        // The query's profile answers as `costs.osa` would, for less: the
        // one under the query's costs, or in an Arabic query's second pass
        // the one under the Latin costs for a Latin row's part.
        let masks = Some(self.parts.masks(pid, latin_costs));
        debug_assert_eq!(masks, Some(costs.bags().masks(b)), "{pid}");
        // A profile pays for itself over many candidates; before the search
        // reads them (a query that its name key answers, comparing a few
        // parts), the plain distance, which gives the same.
        let profile = if ctx.read {
            ctx.profile(qi, latin_costs, costs, a)
        } else {
            None
        };
        let d = match profile {
            Some(p) => p.osa(b, masks, max),
            None => costs.osa(a, b, max),
        };
        match d {
            Some(d) => {
                let s = (1.0 - d / len).clamp(0.0, 1.0);
                if same_skeleton {
                    s
                } else {
                    (s - SKELETON_MISMATCH).max(0.0)
                }
            }
            None => 0.0,
        }
    }

    /// Aligns query parts with a row's parts (order kept) and returns the
    /// score: exact when it is at least `need`, else at most the exact one
    /// (0 when the row plainly cannot reach `need`).
    ///
    /// A query part matched at similarity s costs w (1 - s) and skipped
    /// costs w times its skip share, and a row at `need` spends at most
    /// (1 - need) total. The parts are paired with the row's heaviest
    /// first: each pairing's bounded distance stops at what the budget
    /// left by the heavier parts' least costs allows, and a row whose least
    /// costs already overrun it ends there. What a pairing learns is kept
    /// in `sims`: a similarity, or the negated floor it fell below.
    fn row_score(
        &self,
        q: &Name,
        row: u32,
        sims: &mut Sims,
        ctx: &QueryCtx,
        buf: &mut RowBuf,
        need: f32,
    ) -> f32 {
        let w = &ctx.w;
        let form = row as usize;
        let pids = crate::index::run(&self.row_parts, &self.row_start, row as usize);
        let (k, l) = (q.parts().len(), pids.len());
        if k == 0 || l == 0 {
            return 0.0;
        }
        let total = ctx.total;
        // (A hair over, so that rounding never cuts a row at `need`, nor
        // one that ties with it as `Resolver::resolve_top` counts ties.)
        let budget = (1.0 - need + 1e-5) * total;
        if self.least_table_skip(pids, ctx) > budget {
            return 0.0;
        }
        let sim = &mut buf.sim;
        sim.clear();
        sim.resize(k * l, 0.0);
        let row_names = pids.iter().filter(|&&p| p != PARTICLE_PART).count();
        let mut spent = 0.0f32;
        for &i in &ctx.by_weight {
            let qp = &q.parts()[i];
            let mut best = 0.0f32;
            if ctx.particle[i] {
                for j in 0..l {
                    if qp.as_str() == self.forms.part_str(form, j) {
                        sim[i * l + j] = 1.0;
                    }
                }
                continue;
            }
            let bar = (1.0 - (budget - spent) / w[i]).max(PART_MIN);
            // The row's name parts before part j.
            let mut before = 0usize;
            for (j, &pid) in pids.iter().enumerate() {
                let s = if pid == PARTICLE_PART {
                    if qp.as_str() == self.forms.part_str(form, j) {
                        1.0
                    } else {
                        0.0
                    }
                } else {
                    // A pairing that leaves out query name parts for the
                    // order's sake pays for them too (a query's given name
                    // against a row's family name, mostly): past the
                    // budget, it is not compared. (Another lower bound on
                    // the same cost as `spent`'s: the larger counts.)
                    let after = row_names - before - 1;
                    before += 1;
                    let out = ctx.sides[i].left_out(before - 1, after);
                    let bar = bar.max(1.0 - (budget - out) / w[i]);
                    if bar > 1.0 {
                        0.0
                    } else {
                        self.pair_sim(q, i, pid, bar, sims, ctx)
                    }
                };
                sim[i * l + j] = s;
                best = best.max(s);
            }
            spent += w[i] * ctx.skip[i].min(1.0 - best);
            if spent > budget {
                return 0.0;
            }
        }
        // dp[i][j]: cost of aligning q[..i] with form[..j]; `hit` tracks
        // whether a non-particle part matched. After a title, the first
        // table name part left out costs SKIP_TABLE_PART (of the query's
        // weight when under 1; charged after the DP, when the row has more
        // name parts than the query), each other a tenth of that, and a
        // particle (بن, بنت, ال) nothing (see `Pass::titled`).
        let titled_skip = SKIP_TABLE_PART * total.min(1.0);
        let skip_table = |j: usize| {
            if !ctx.titled {
                if j == 0 && pids[j] != PARTICLE_PART && self.state_part[pids[j] as usize] {
                    SKIP_TABLE_PART * PLACE_WORD_SKIP
                } else {
                    SKIP_TABLE_PART
                }
            } else if pids[j] == PARTICLE_PART {
                0.0
            } else {
                titled_skip * TITLED_SKIP_MORE
            }
        };
        // A query that begins with the part after بن in the row names the
        // son of that part's bearer (زايد is not محمد بن زايد). (Not a
        // later query part: a garbled particle before it, اب عوف for ابن
        // عوف, stands for بن.)
        let patronymic = |i: usize, j: usize| {
            i == 0
                && j > 0
                && pids[j - 1] == PARTICLE_PART
                && self.forms.part_str(form, j - 1) != "ال"
        };
        let width = l + 1;
        let dp = &mut buf.dp;
        dp.clear();
        dp.resize((k + 1) * width, (f32::INFINITY, false));
        dp[0] = (0.0, false);
        for i in 0..=k {
            for j in 0..=l {
                let (here, hit) = dp[i * width + j];
                if !here.is_finite() {
                    continue;
                }
                let mut relax = |ii: usize, jj: usize, c: f32, h: bool| {
                    let cell = &mut dp[ii * width + jj];
                    let v = here + c;
                    if v < cell.0 - 1e-7 || ((v - cell.0).abs() <= 1e-7 && h && !cell.1) {
                        *cell = (v, h);
                    }
                };
                if j < l {
                    relax(i, j + 1, skip_table(j), hit);
                }
                if i < k {
                    relax(i + 1, j, w[i] * ctx.skip[i], hit);
                    if j < l {
                        let s = sim[i * l + j];
                        if s >= PART_MIN {
                            let first = !hit && !ctx.particle[i];
                            let c = if first && patronymic(i, j) {
                                w[i] * (1.0 - s + PATRONYMIC_ONLY)
                            } else {
                                w[i] * (1.0 - s)
                            };
                            relax(i + 1, j + 1, c, hit || !ctx.particle[i]);
                        }
                    }
                }
            }
        }
        let (mut cost, hit) = dp[k * width + l];
        if !hit {
            return 0.0;
        }
        // (A row with more name parts than the query leaves one out; a
        // table name part pairs only with a query name part.)
        if ctx.titled {
            let row_names = pids.iter().filter(|&&p| p != PARTICLE_PART).count();
            let query_names = ctx.particle.iter().filter(|&&p| !p).count();
            if row_names > query_names {
                cost += titled_skip * (1.0 - TITLED_SKIP_MORE);
            }
        }
        (1.0 - cost / total).clamp(0.0, 1.0)
    }

    /// A lower bound on what a row with parts `pids` pays for the table
    /// parts that no query part pairs with: a query name part pairs with one
    /// table name part at most, a particle with one particle, so a row with
    /// more name parts (or particles) than the query leaves the rest out, at
    /// the costs of [`Index::row_score`]'s alignment (a state form opening
    /// the row the least). O(row parts); lets a row that cannot reach a need
    /// go before any of its parts is compared (a one-part query reaches the
    /// hundreds of rows that hold a common name beside others).
    fn least_table_skip(&self, pids: &[u32], ctx: &QueryCtx) -> f32 {
        let row_particles = pids.iter().filter(|&&p| p == PARTICLE_PART).count();
        let row_names = pids.len() - row_particles;
        let extra_names = row_names.saturating_sub(ctx.names);
        let extra_particles = row_particles.saturating_sub(ctx.particle.len() - ctx.names);
        let lb = if ctx.titled {
            if extra_names == 0 {
                return 0.0;
            }
            let titled_skip = SKIP_TABLE_PART * ctx.total.min(1.0);
            extra_names as f32 * titled_skip * TITLED_SKIP_MORE
                + titled_skip * (1.0 - TITLED_SKIP_MORE)
        } else {
            let state_first =
                extra_names > 0 && pids[0] != PARTICLE_PART && self.state_part[pids[0] as usize];
            let mut lb = (extra_names + extra_particles) as f32 * SKIP_TABLE_PART;
            if state_first {
                lb -= SKIP_TABLE_PART * (1.0 - PLACE_WORD_SKIP);
            }
            lb
        };
        // (A hair under: the alignment sums the same costs in its order.)
        lb - 1e-6
    }

    /// The similarity of query part `i` and table part `pid` if it is at
    /// least `bar` (or was found before), else 0; a table part that is not
    /// the query part's candidate needs [`NOT_CANDIDATE_MIN`] too. Kept in
    /// `sims`: the similarity, or the negated floor it fell below.
    fn pair_sim(
        &self,
        q: &Name,
        i: usize,
        pid: u32,
        bar: f32,
        sims: &mut Sims,
        ctx: &QueryCtx,
    ) -> f32 {
        let known = sims.get(i, pid);
        match known {
            Some(v) if v >= 0.0 => return v,
            // Below a floor at or under this one.
            Some(v) if -v <= bar => return 0.0,
            _ => {}
        }
        // Before the candidates are read, telling a candidate costs more
        // than most comparisons (the table part's keys are made and
        // looked up): the part is compared at `bar` first, and told only
        // when it falls between that and NOT_CANDIDATE_MIN (in name key
        // lookups of 933 generated queries, 3,226 tellings took 5.7M
        // instructions, a tenth of the queries' time).
        if !ctx.read && bar < NOT_CANDIDATE_MIN {
            let s = self.part_sim(q, i, pid, bar, ctx);
            let s = if s < bar {
                -bar
            } else if s < NOT_CANDIDATE_MIN && !ctx.may_match(q, i, pid, sims, self) {
                -NOT_CANDIDATE_MIN
            } else {
                s
            };
            sims.insert(i, pid, s);
            return s.max(0.0);
        }
        // (Once read: `may_match` tells the others apart.)
        if ctx.read {
            sims.note_candidates(&ctx.cands);
        }
        let floor = if bar >= NOT_CANDIDATE_MIN || ctx.may_match(q, i, pid, sims, self) {
            bar
        } else {
            bar.max(NOT_CANDIDATE_MIN)
        };
        if known.is_some_and(|v| -v <= floor) {
            return 0.0;
        }
        let s = self.part_sim(q, i, pid, floor, ctx);
        let s = if s >= floor { s } else { -floor };
        sims.insert(i, pid, s);
        s.max(0.0)
    }
}

#[cfg(all(test, feature = "builtin-aliases"))]
mod tests {
    use super::*;
    use crate::alias::AliasTable;
    use crate::normalize::normalize;
    use crate::resolve::{Resolver, match_form_of};

    /// Garbled spellings of the shipped table's Arabic names: one letter
    /// replaced, dropped or doubled, picked by a fixed LCG.
    fn garbled(r: &Resolver, n: usize) -> Vec<String> {
        let names: Vec<String> = r
            .inner
            .index
            .table
            .rows
            .iter()
            .map(|row| row.name.to_string())
            .filter(|n| n.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)))
            .collect();
        let mut x: u64 = 42;
        let mut next = |m: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % m.max(1)
        };
        let letters: Vec<char> = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي".chars().collect();
        (0..n)
            .map(|_| {
                let mut c: Vec<char> = names[next(names.len())].chars().collect();
                let i = next(c.len());
                match next(3) {
                    0 => c[i] = letters[next(letters.len())],
                    1 if c.len() > 3 => {
                        c.remove(i);
                    }
                    _ => c.insert(i, c[i]),
                }
                c.into_iter().collect()
            })
            .collect()
    }

    /// For `n` garbled shipped spellings: the text, its match form, its
    /// fuzzy search context and rows its candidates reach (a few per
    /// candidate).
    fn garbled_reached(r: &Resolver, n: usize) -> Vec<(String, Name, QueryCtx, Vec<u32>)> {
        let idx = &r.inner.index;
        let mut out = Vec::new();
        for text in garbled(r, n) {
            let q = match_form_of(idx.lexicon, normalize(&text));
            if q.is_empty() {
                continue;
            }
            let mut ctx = idx.query_ctx(&q, false, false, true);
            idx.read_candidates(&mut ctx, &q);
            let rows: Vec<u32> = ctx
                .cands
                .iter()
                .flat_map(|(c, _)| c.iter().take(20))
                .flat_map(|&pid| idx.parts.occurrences(pid).iter().take(5))
                .map(|&(row, _)| row)
                .collect();
            out.push((text, q, ctx, rows));
        }
        out
    }

    /// An exact hit's rows, scored cheaply, score what a search without a
    /// bound gives them: every shipped spelling (Latin ones romanised), in
    /// both passes (second readings and Latin-row penalties), and Latin
    /// queries whose romanised form is an Arabic row's (a prefix whose
    /// skeleton differs: such rows score under 1).
    #[test]
    fn exact_rows_score_as_unbounded_rows_do() {
        let shipped = Resolver::new();
        let spellings: Vec<String> = shipped
            .table()
            .spellings()
            .map(|(_, s)| s.to_string())
            .collect();
        let small = Resolver::builder()
            .builtin(false)
            .table(
                AliasTable::from_tsv_str("entity\tname\na\tالبار\nb\tكاليليغوا\nc\tكالزاتي\n")
                    .unwrap(),
            )
            .build()
            .unwrap();
        let latin: Vec<String> = ["Albar", "Calilegua", "calzati"].map(String::from).to_vec();
        let (mut checked, mut below_one) = (0, 0);
        for (r, queries) in [(&shipped, &spellings), (&small, &latin)] {
            let idx = &r.inner.index;
            let mut buf = RowBuf::default();
            for text in queries {
                let n = normalize(text);
                let is_latin = n.is_latin();
                let q = match_form_of(idx.lexicon, n);
                if q.is_empty() {
                    continue;
                }
                for alts in [false, true] {
                    let ctx = idx.query_ctx(&q, is_latin, alts, false);
                    for row in idx.exact_rows(q.as_str(), ctx.acronyms) {
                        let cheap =
                            idx.scored_exact_row(&q, row, &mut Sims::default(), &ctx, &mut buf);
                        let full =
                            idx.scored_row(&q, row, &mut Sims::default(), &ctx, &mut buf, 0.0);
                        assert_eq!(cheap, full, "{text}: row {row}, alts {alts}");
                        checked += 1;
                        below_one += usize::from(full < 1.0);
                    }
                }
            }
        }
        assert!(checked > 10_000, "only {checked} rows checked");
        // Rows the cheap path must score again in full are among them.
        assert!(below_one >= 3, "{below_one} exact rows scored under 1");
    }

    #[test]
    fn rows_never_score_over_what_their_left_out_parts_allow() {
        let r = Resolver::new();
        let idx = &r.inner.index;
        let mut buf = RowBuf::default();
        let (mut bounded, mut tight) = (0, 0);
        for (text, q, mut ctx, rows) in garbled_reached(&r, 800) {
            for titled in [false, true] {
                ctx.titled = titled;
                for &row in &rows {
                    let pids = crate::index::run(&idx.row_parts, &idx.row_start, row as usize);
                    let least = idx.least_table_skip(pids, &ctx);
                    if least <= 0.0 {
                        continue;
                    }
                    bounded += 1;
                    // (Scores are clamped at 0.)
                    let bound = (1.0 - least / ctx.total).max(0.0);
                    let full = idx.row_score(&q, row, &mut Sims::default(), &ctx, &mut buf, 0.0);
                    assert!(full <= bound + 1e-5, "{text}: row {row}: {full} > {bound}");
                    if full > 0.0 && full >= bound - 1e-4 {
                        tight += 1;
                    }
                }
            }
        }
        // Rows with more parts than their query, some scoring the bound
        // itself (each part matched, the rest left out).
        assert!(
            bounded > 500 && tight > 10,
            "bounded {bounded}, tight {tight}"
        );
    }

    #[test]
    fn row_scores_are_exact_at_need_and_never_above_below_it() {
        let r = Resolver::new();
        let idx = &r.inner.index;
        let mut buf = RowBuf::default();
        let mut checked = 0;
        for (text, q, mut ctx, rows) in garbled_reached(&r, 150) {
            // Read plainly and as after a title (cheaper table parts left out).
            for titled in [false, true] {
                ctx.titled = titled;
                // One store across rising needs, as a search keeps it: its
                // cells (a fresh `Sims` is a map alone).
                let mut shared = Sims::default();
                shared.start(idx.parts.len());
                for &row in &rows {
                    // The reference: scored with no bound from the order
                    // of the parts (see `Sides`).
                    let sides = std::mem::replace(
                        &mut ctx.sides,
                        vec![super::super::query::Sides::default(); q.parts().len()],
                    );
                    let full = idx.row_score(&q, row, &mut Sims::default(), &ctx, &mut buf, 0.0);
                    ctx.sides = sides;
                    for need in [0.6, 0.75, 0.9] {
                        let fresh =
                            idx.row_score(&q, row, &mut Sims::default(), &ctx, &mut buf, need);
                        let kept = idx.row_score(&q, row, &mut shared, &ctx, &mut buf, need);
                        for got in [fresh, kept] {
                            if full >= need {
                                assert_eq!(got, full, "{text}: row {row} at need {need}");
                            } else {
                                assert!(got <= full, "{text}: row {row}: {got} > {full}");
                            }
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 2000, "only {checked} rows checked");
    }
}
