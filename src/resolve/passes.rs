//! A query's search passes: its exact hit, its name proper after titles,
//! the whole query again, a garbled compound head joined, the Latin pass
//! of an Arabic query and a Latin query's second guesses, merged.

use crate::normalize::{Name, normalize};
use crate::romanize;

use super::acronym::Acronyms;
use super::build::Index;
use super::query::{is_particle, match_form_of};
use super::rerank::{ARABIC_WINDOW, LATIN_WINDOW};
use super::search::{Pass, Scored, Slack};
use super::{ALT_PENALTY, MAX_EXACT_ONLY_LATIN, ROLE_ONLY_MIN};

/// An answer that only the Latin pass finds for an Arabic query (see
/// [`Index::score_normalized`]) must clear the threshold by this share of what is left
/// above it (0.85 at the default 0.75): Latin rows priced leniently
/// otherwise answered garbled spellings of other entities. On 20,677
/// garbled Arabic spellings of the shipped table (threshold 0.75), right /
/// wrong / abstained: one pass 14,068 / 2,857 / 3,075; share 0: 14,252 /
/// 2,673 / 3,075; 0.2: 14,315 / 2,427 / 3,258; 0.4: 14,321 / 2,394 / 3,285
/// (without the Latin pass: 14,249 / 2,459 / 3,292). Arabic queries against
/// the first Latin spelling of every dev cluster: acc@1 0.796 at each.
const LATIN_PASS_SHARE: f32 = 0.4;

/// An Arabic query of several parts, whose single answer the prior leaves
/// as it is, searches within the prior's slack only while its best score
/// so far is under this. The wider search finds answers the narrower
/// one's pruning misses, but on four sets of 20,000 random edits of the
/// shipped spellings (about 13,000 queries of several parts each) only
/// where the narrower best scored under 0.85 (41–75 answers per set
/// differed, all there; at 0.85, three answers kept their entity with a
/// lower score). Searched without the slack first and again within it
/// when the best was under 0.9, every output line of the four sets, the
/// generated 10k and 100k tables and dev.arabres was the same as with the
/// slack throughout; but a garbled query's best is often under 0.9, and
/// searching twice made 1,000 edits against the shipped table cost 815M
/// instructions against 697M. One search that drops the slack once its
/// best reaches 0.9 gives the same outputs (and on one line of the edits
/// the wider search's higher score, where searching twice had kept the
/// narrower one's) for less: callgrind, those 1,000 edits 760M → 612M,
/// 300 generated queries against the 100k table 404M → 398M (500M with
/// the slack throughout).
const WIDE_BELOW: f32 = 0.9;

/// Least similarity to عبد or ابو of a query part of 2–5 letters before a
/// part with the article (or الله) for the resolver to also search the two
/// joined (see [`Index::joined_compound`]). Chosen among 0.5, 0.6 and 0.7
/// on the generated 100k table's queries (acc@1 0.944 without the joined
/// search; 0.956 at each) and the edits of `scripts/garble_shipped.py 2`
/// (0.849; 0.856, 0.856, 0.855). Held out at 0.6: edits of seeds 1 and 3
/// 0.850 -> 0.857 each, the generated 10k table 0.961 -> 0.979; dev.xres
/// answers unchanged, one dev.arabres score moved (a wrong answer's). With
/// الله too: 0.858, 0.857, 0.858 and 0.980. Insertions and deletions are
/// cheap, so real names pass too (سعد, عادل, احمد, انور near ابو): their
/// joined search rarely finds anything. Limiting it to parts the table
/// lacks lost the generated tables' gain (0.956 -> 0.944), whose tables
/// list garbled spellings too.
const COMPOUND_HEAD_MIN: f32 = 0.6;

/// A query with a likely garbled compound head (see [`COMPOUND_HEAD_MIN`])
/// is searched joined only while its best answer so far scores under
/// this (it was: under 1). A name near a head (عبير, سعد) is mostly no
/// garbled head, and its joined search, through one long part's
/// candidates, cost more than the name-key lookup that had answered the
/// query: 2,000 generated queries against the 100k table took a mean 42
/// µs at 1, 34.5 at 0.95 and 34.2 at 0.9, acc@1 0.980 at each. On five
/// sets of 20,000 garbled shipped spellings, 2–6 lines each moved at 0.95
/// (a score a hair lower, the entity the same: عز الدين الحداد 0.9804 →
/// 0.9800), and at 0.9 one answer went wrong; dev.arabres and dev.xres
/// did not move.
const JOINED_BELOW: f32 = 0.95;

/// The joined search of a garbled compound head scores at most this many
/// rows. Its query's other parts are those of the first pass, which has
/// searched their rows already; a joined part the table does not hold
/// (راشد بدرالمشر, بدر near عبد) left it to score the rows of the common
/// one (10,703 for راشد, against the generated 100k table: half of the
/// slowest of the 100 fuzzy queries criterion then timed, 2.4 ms).
/// callgrind, those
/// 100 queries three times: 103M instructions with no cap, 85M at 2,000,
/// 83M at 1,000, 82M at 500 (81M at 1,000 once the cap also stops
/// reading candidates). At 1,000 no output line moved on 2,000 generated
/// queries against the 100k table, five sets of garbled shipped spellings,
/// dev.arabres or dev.xres.
const JOINED_MAX_ROWS: usize = 1000;

/// Adds `more` (each `penalty` less) to `out`, one per entity (the better
/// score; the earlier on a tie), best first. Not cut to k: the caller
/// reports ties from the whole list.
fn merge(idx: &Index, out: &mut Vec<Scored>, more: Vec<Scored>, penalty: f32) {
    for mut s in more {
        s.score -= penalty;
        match out.iter_mut().find(|o| o.entity == s.entity) {
            Some(o) if o.score >= s.score => {}
            Some(o) => *o = s,
            None => out.push(s),
        }
    }
    out.sort_by(|a, b| idx.tie_order(a, b));
}

impl Index {
    /// Candidates at or above `threshold`, best first, one per entity;
    /// with `prior`, the best few are reordered by the shipped prior of the
    /// query's script.
    pub(crate) fn score(&self, query: &str, threshold: f32, k: usize, prior: bool) -> Vec<Scored> {
        let mut out = self.score_prior(query, normalize(query), threshold, k, prior);
        self.by_title_role(&mut out, query);
        out
    }

    /// Among entities that score the same, those that hold a role of the
    /// query's titles (see `crate::roles`) come first, the order otherwise
    /// kept (see [`Index::tie_order`]): الرئيس قيس is Kais Saied, a head
    /// of state, before Qais al-Khazali. Scores do not change. Nothing to
    /// do unless the best answers tie; then the query's titles are read
    /// and `out` sorted (stable).
    fn by_title_role(&self, out: &mut [Scored], query: &str) {
        if out.len() < 2 || out[0].score != out[1].score {
            return;
        }
        let roles = self.lexicon.leading_title_roles(&normalize(query));
        if roles == 0 {
            return;
        }
        let holds = |s: &Scored| self.roles[s.entity as usize] & roles != 0;
        out.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| holds(b).cmp(&holds(a)))
        });
    }

    /// [`Index::score`] before the titles' roles order its ties.
    fn score_prior(
        &self,
        query: &str,
        normalized: Name,
        threshold: f32,
        k: usize,
        prior: bool,
    ) -> Vec<Scored> {
        let acronyms = self.acronym_rule(query);
        if !prior {
            return self.score_normalized(normalized, threshold, k, Slack::NONE, acronyms);
        }
        let latin = normalized.is_latin();
        // Every Arabic query's answer is as if searched within the slack,
        // though the prior reorders one-part queries only (see `rerank`):
        // the wider search also finds candidates that the single answer's
        // pruning misses on queries of several parts (which search within
        // it only while unsure: see WIDE_BELOW). On 20,000 random letter
        // edits of the shipped table's spellings, right answers were
        // 14,471 so and 14,271 with queries of several parts searched as
        // without the prior (14,322 without the priors), and the answer
        // differed from the first of the top 5 on 42 queries against 255;
        // criterion's fuzzy queries (mostly several parts) took 759 against
        // 552 µs per query at 100k spellings (before WIDE_BELOW).
        let (p, window) = if latin {
            (crate::prior::shipped_latin(), LATIN_WINDOW)
        } else {
            (crate::prior::shipped_arabic(), ARABIC_WINDOW)
        };
        if p.is_empty() {
            return self.score_normalized(normalized, threshold, k, Slack::NONE, acronyms);
        }
        // A Latin query's titles are not read (see `read_query`).
        let text = crate::prior::read_query_text(&normalized);
        // An Arabic query of several parts, whose answer the prior leaves
        // as it is, searches within the slack only while its best is
        // unsure (see WIDE_BELOW).
        let several = !latin && text.trim().contains(' ');
        let slack = Slack {
            width: window.slack,
            until: if several { WIDE_BELOW } else { f32::INFINITY },
        };
        let mut out = self.score_normalized(normalized, threshold, k, slack, acronyms);
        self.rerank(&mut out, &text, latin, p, window, threshold);
        out
    }

    /// [`Index::score`] without the prior, for a normalised query. With
    /// `k == 1`, the first pass finds every candidate within `slack` of
    /// the best too (second guesses must beat the best).
    fn score_normalized(
        &self,
        normalized: Name,
        threshold: f32,
        k: usize,
        slack: Slack,
        acronyms: Acronyms,
    ) -> Vec<Scored> {
        // A table spelling that begins with a common word (جنوب السودان,
        // مدينة الداخلة) is found whole before titles go (and a Latin
        // query's common words).
        let latin = normalized.is_latin();
        // A Latin query keeps its Latin form and units for the second guesses.
        let (whole, latin_source) = if latin {
            let (whole, units) = romanize::romanize_units(&normalized);
            (whole, Some((normalized, units)))
        } else {
            (normalized, None)
        };
        let exact_rule = match acronyms {
            Acronyms::Auto if latin => Acronyms::Any,
            rule => rule,
        };
        if self.exact_rows(whole.as_str(), exact_rule).next().is_some() {
            let pass = Pass {
                latin,
                acronyms,
                ..Pass::default()
            };
            return self.score_form_k(whole, threshold, k, pass, slack);
        }
        // A role alone (الرئيس الأمريكي, الأمين العام: see
        // `Lexicon::is_role_only`) names no one the table can tell; only a
        // near spelling of a table name answers it (الملكة المغربية for
        // المملكة المغربية).
        let unromanised = latin_source.as_ref().map_or(&whole, |(n, _)| n);
        // Two Latin letters or fewer (q, ab) say too little to be spelt
        // otherwise: only an exact hit (UK, above) answers them.
        if latin
            && unromanised
                .as_str()
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count()
                <= MAX_EXACT_ONLY_LATIN
        {
            return Vec::new();
        }
        // (For an Arabic query, `unromanised` is `whole`, whose titles go
        // below: one reading of its leading words for both.)
        let (cut, role_only, proper) = self.lexicon.titled_start_of(unromanised);
        let threshold = if role_only {
            threshold.max(ROLE_ONLY_MIN)
        } else {
            threshold
        };
        // A Latin query's titles (President, General, Secretary-General)
        // are Latin words: they go before it is romanised.
        // The query as it was before a title went, kept for a second search
        // (see below) only when one did.
        let mut full: Option<Name> = None;
        let (whole, latin_source) = match latin_source {
            Some((n, units)) => {
                let r = self.lexicon.name_range(&n);
                if r.len() == n.parts().len() {
                    (whole, Some((n, units)))
                } else {
                    if self.lexicon.titled_start(&n) > 0 {
                        full = Some(whole);
                    }
                    let proper = n.slice(r);
                    let (whole, units) = romanize::romanize_units(&proper);
                    (whole, Some((proper, units)))
                }
            }
            None => (whole, None),
        };
        let guesses = latin_source.map_or_else(Vec::new, |(n, units)| {
            romanize::alternatives(&n, &whole, &units)
        });
        // The name proper of the form just made (romanised already). An
        // Arabic query loses its titles only: its other common words stay,
        // weighed lightly (see `query_ctx`).
        let form = if latin {
            match_form_of(self.lexicon, whole)
        } else {
            debug_assert_eq!(cut, self.lexicon.titled_start(&whole));
            if cut == 0 {
                whole
            } else {
                let proper = whole.slice(cut..whole.parts().len());
                full = Some(whole);
                proper
            }
        };
        // An Arabic query without titles is searched whole first: the name
        // proper read above is its form's (see `Pass::proper`).
        let form_proper = (!latin && cut == 0).then_some((proper.start, proper.end));
        let pass = Pass {
            latin,
            alts: false,
            titled: full.is_some(),
            acronyms,
            key_only: false,
            max_rows: None,
            proper: None,
        };
        // A likely garbled compound head (ابد القادر): the joined query's
        // name key is looked up first (see `Pass::key_only`); a sure answer
        // there is the first pass's floor, which leaves it less to search,
        // and the joined query is not searched again below. (2,000
        // generated queries against the 100k table, alternating runs: mean
        // 36.6 -> 32.0 µs; five sets of garbled shipped spellings: 1-5
        // lines each moved, a score, no answer.)
        let joined = if latin {
            None
        } else {
            self.joined_compound(&form)
        };
        let probe = match (&joined, k) {
            (Some(j), 1) => {
                let key_only = Pass {
                    key_only: true,
                    ..pass
                };
                self.score_form_k(j.clone(), threshold, k, key_only, slack)
            }
            _ => Vec::new(),
        };
        let first_floor = probe.first().map_or(threshold, |b| b.score.max(threshold));
        // (The form is kept for the Latin pass below only: a copy of a name
        // is a few allocations, which add up over short queries.)
        let latin_pass = !latin && self.any_latin;
        let kept = latin_pass.then(|| form.clone());
        // After a sure answer there, the query as written is looked up by
        // its exact form and name key only: its full search, at the
        // probe's score as its floor, found nothing on 2,000 generated
        // queries against the 100k table, five sets of garbled shipped
        // spellings, dev.arabres or dev.xres (no output line moved), and
        // cost 70-140 µs a query (ابد الله's parts have thousands of
        // candidates): 6.7% of the instructions of the bench's 1,000.
        let first = Pass {
            key_only: !probe.is_empty(),
            proper: form_proper,
            ..pass
        };
        let mut out = self.score_form_k(form, first_floor, k, first, slack);
        // The first pass's answer came from its name key: its parts met a
        // row's part for part, and no joined form is searched below (on
        // five sets of garbled shipped spellings, 2 lines moved, one answer
        // better; 2,000 generated queries against the 100k table, mean 24.8
        // -> 22.1 µs, acc@1 the same; criterion's 100, 12.6 -> 9.2 µs, one
        // run each of a scratch harness).
        let by_key = k == 1 && out.first().is_some_and(|b| b.by_key);
        let probed = !probe.is_empty();
        merge(self, &mut out, probe, 0.0);
        // A title word may be a name part (Sultan bin Abdulaziz, سلطان
        // الجابر, Sheikh Hasina): the query is also searched whole, and an
        // answer at least as good as the titled pass's counts.
        if let Some(full) = full {
            let floor = match (k, out.first()) {
                (1, Some(best)) => best.score.max(threshold),
                _ => threshold,
            };
            let whole_pass = Pass {
                latin,
                acronyms,
                ..Pass::default()
            };
            let more = self.score_form_k(full, floor, k, whole_pass, slack);
            merge(self, &mut out, more, 0.0);
        }
        // A garbled compound head (ابد القادر for عبد القادر) is not joined
        // to its name as normalisation joins عبد القادر: the query is also
        // searched with it joined, and an answer at least as good as the
        // first pass's counts. (Names near a head, سعد or عادل, are
        // searched joined too, for nothing: see COMPOUND_HEAD_MIN; not
        // when the first pass is sure, see JOINED_BELOW, nor when the
        // joined query's name key answered it above.)
        let sure =
            probed || by_key || (k == 1 && out.first().is_some_and(|b| b.score >= JOINED_BELOW));
        if !latin && !sure {
            if let Some(joined) = joined {
                let floor = match (k, out.first()) {
                    (1, Some(best)) => best.score.max(threshold),
                    _ => threshold,
                };
                let pass = Pass {
                    max_rows: Some(JOINED_MAX_ROWS),
                    ..pass
                };
                let more = self.score_form_k(joined, floor, k, pass, slack);
                merge(self, &mut out, more, 0.0);
            }
        }
        // An Arabic query against a table with Latin rows: a second pass
        // prices them with the Latin costs and adds their second readings.
        // Only an answer that beats the first pass's counts: in one pass, a
        // Latin row that the lenient costs lifted early cut the search short
        // of the right Arabic row (right answers on 20,677 garbled shipped
        // spellings fell 14,249 -> 14,068; see LATIN_PASS_SHARE).
        if let Some(form) = kept {
            let bar = threshold + (1.0 - threshold) * LATIN_PASS_SHARE;
            let floor = match (k, out.first()) {
                (1, Some(best)) => best.score.max(bar),
                _ => bar,
            };
            // (A Latin row of an entity with an Arabic spelling counts
            // LATIN_ROW_PENALTY less here: see `scored_row`.)
            let pass = Pass { alts: true, ..pass };
            let more = self.score_form_k(form, floor, k, pass, Slack::NONE);
            merge(self, &mut out, more, 0.0);
        }
        // Second guesses at a Latin name (Spanish j as خ, Italian ch as ك)
        // count ALT_PENALTY less; with k == 1 only one that beats the best
        // answer so far matters, which prunes its search.
        for alt in guesses {
            let floor = match (k, out.first()) {
                (1, Some(best)) => best.score.max(threshold),
                _ => threshold,
            };
            if floor + ALT_PENALTY > 1.0 {
                break;
            }
            let q = match_form_of(self.lexicon, alt);
            let more = self.score_form_k(q, floor + ALT_PENALTY, k, pass, slack);
            merge(self, &mut out, more, ALT_PENALTY);
        }
        out
    }

    /// `q` with its first likely garbled compound head (a part with a
    /// similarity of at least [`COMPOUND_HEAD_MIN`] to عبد or ابو, before a
    /// part with the article or الله) joined to the next part, as
    /// normalisation joins عبد القادر; `None` when it has none.
    fn joined_compound(&self, q: &Name) -> Option<Name> {
        static HEADS: std::sync::LazyLock<[Name; 2]> =
            std::sync::LazyLock::new(|| [normalize("عبد"), normalize("ابو")]);
        let parts = q.parts();
        let i = (0..parts.len().saturating_sub(1)).find(|&i| {
            let (p, next) = (&parts[i], &parts[i + 1]);
            let n = p.as_str().chars().count();
            // (الله is too short for the article's split.)
            (2..=5).contains(&n)
                && (next.has_article() || next.as_str() == "الله")
                && !is_particle(p)
                && HEADS.iter().any(|h| {
                    // (The part's symbols are those of the part alone.)
                    debug_assert_eq!(q.slice(i..i + 1).symbols(), q.part_symbols(i));
                    self.costs.symbol_similarity(q.part_symbols(i), h.symbols())
                        >= COMPOUND_HEAD_MIN
                })
        })?;
        let mut joined: Vec<crate::Part> = Vec::with_capacity(parts.len() - 1);
        joined.extend(parts[..i].iter().cloned());
        joined.push(crate::normalize::make_part(format!(
            "{}{}",
            parts[i].as_str(),
            parts[i + 1].as_str()
        )));
        joined.extend(parts[i + 2..].iter().cloned());
        Some(Name::from_parts(joined))
    }
}
