//! The learned priors' part in an answer: which of a query's best
//! candidates they reorder (the window), and the reordering.

use crate::prior::Prior;

use super::build::Index;
use super::search::Scored;

#[cfg(doc)]
use super::ResolverBuilder;

/// Which of a query's best candidates a prior reorders
/// ([`ResolverBuilder::prior`]): at most `depth`, within `slack` of the
/// best score, so that a single answer's search still prunes the rest.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window {
    pub(crate) depth: usize,
    pub(crate) slack: f32,
}

/// For a Latin query. Before the prior, the right entity was among the best
/// 3 for 0.917 of the dev Latin→Arabic training queries, the best 5 for
/// 0.932 and the best 10 for 0.942; fitted and measured with 3, 5 and 10
/// (`scripts/train-latin --prior --depth N`), held-out accuracy@1 was
/// 0.8574, 0.8595 and 0.8589. Slack 0.03 gave 0.8595, 0.05 0.8586; with no
/// bound it was 0.8601, but the search could not prune: the `resolve`
/// example took 0.90 s over the 5,000 Latin sample queries against 0.31 s
/// without the prior. A second guess at a Latin reading must still beat
/// the best score outright (held-out 0.8593; whole runs, median of six:
/// 0.34 s, against 0.42 s when second guesses searched within the slack).
pub(crate) const LATIN_WINDOW: Window = Window {
    depth: 5,
    slack: 0.03,
};

/// For an Arabic query. Before the prior, the right entity was among the
/// best 2 for 0.728 of the dev.arabres queries, the best 5 for 0.832 and
/// the best 10 for 0.871. Five-fold cross-validated accuracy@1
/// (`scripts/train-latin --prior --arabic --holdout F --slack X`, each fold
/// fitted on the other four; 0.599 without the prior): slack 0.04, 0.05,
/// 0.06, 0.08, 0.10 gave 0.644, 0.649, 0.656, 0.655, 0.657. The slack costs
/// time, since the single answer's search prunes less: the `resolve`
/// example over dev.arabres (87k spellings, 3,813 queries) took 0.35 s
/// without the prior, 0.56 s at 0.06 and 0.62 s at 0.08 (medians of seven
/// interleaved runs). Depth 10 did better than 5 with an earlier feature
/// set (0.661 against 0.657). These were measured before the prior was
/// limited to one-part queries; with that limit, 0.652 at 0.06.
pub(crate) const ARABIC_WINDOW: Window = Window {
    depth: 10,
    slack: 0.06,
};

/// The window of the prior for a Latin (`true`) or an Arabic query, as
/// `(depth, slack)`. For `scripts/train-latin`; not part of the stable API.
#[doc(hidden)]
pub fn prior_window(latin: bool) -> (usize, f32) {
    let w = if latin { LATIN_WINDOW } else { ARABIC_WINDOW };
    (w.depth, w.slack)
}

impl Index {
    /// Reorders the best `window.depth` candidates within `window.slack`
    /// of the best by their score plus `prior`'s weights, less the best
    /// one's. A candidate's score becomes that sum, at most the best score:
    /// one the prior lifts over the best ties with it and comes first; one
    /// it sinks scores less, and goes if that is below `threshold`.
    /// `query`: the query's comparison form; `latin`: it is Latin.
    pub(super) fn rerank(
        &self,
        out: &mut Vec<Scored>,
        query: &str,
        latin: bool,
        prior: &Prior,
        window: Window,
        threshold: f32,
    ) {
        let Some(best) = out.first().map(|s| s.score) else {
            return;
        };
        let n = out
            .iter()
            .take(window.depth)
            .take_while(|s| s.score >= best - window.slack)
            .count();
        // The Arabic prior was fitted on single names written in Arabic
        // (98% of its queries one part): a query of several parts (a given
        // and a family name, where candidates differ by a whole part), a
        // Latin row (Arabic->Latin acc@1 fell 0.797 -> 0.784) or a table
        // name of another part count than the best (a long organisation
        // name for a garbled short one) is left where the distance put it.
        let parts = self.forms.part_count(out[0].row as usize);
        let fits = |s: &Scored| {
            latin
                || (!self.latin_row[s.row as usize]
                    && self.forms.part_count(s.row as usize) == parts)
        };
        let single = latin || !query.trim().contains(' ');
        if n < 2 || !single || !fits(&out[0]) || !out[1..n].iter().any(fits) {
            return;
        }
        let (mut letters, mut symbols) = (Vec::new(), Vec::new());
        let mut weigh = |s: &Scored| {
            let form = self.forms.as_str(s.row as usize);
            if latin {
                prior.weigh_latin(query, form)
            } else {
                self.forms.symbols(s.row as usize, &mut symbols);
                self.costs_of(s)
                    .explain_letters(&s.query, &symbols, &mut letters);
                prior.weigh_arabic(query, form, &letters)
            }
        };
        let base = weigh(&out[0]);
        // Each candidate's change: none for the best (exactly, so that its
        // score stays as it was) and for those that do not take part.
        let deltas: Vec<Option<f32>> = out[..n]
            .iter()
            .enumerate()
            .map(|(i, s)| (i > 0 && fits(s)).then(|| weigh(s) - base))
            .collect();
        // (score, then the uncapped sum among those the cap brings level)
        let mut keyed: Vec<(f32, f32, Scored)> = out
            .drain(..)
            .enumerate()
            .map(|(i, mut s)| {
                let sum = match deltas.get(i).copied().flatten() {
                    Some(d) => s.score + d,
                    None => s.score,
                };
                s.score = sum.min(best).max(0.0);
                (s.score, sum, s)
            })
            .filter(|(score, _, _)| *score >= threshold && *score > 0.0)
            .collect();
        // Stable: equal keys keep the distance's order.
        keyed.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
        out.extend(keyed.into_iter().map(|(_, _, s)| s));
    }
}
