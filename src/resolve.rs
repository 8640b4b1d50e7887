//! The resolver: ties any spelling to a known entity, with a score and an
//! explanation.

use std::collections::HashMap;
use std::sync::Arc;

use crate::alias::{AliasTable, Entity};
use crate::distance::Alignment;
use crate::distance::Profile;
use crate::error::{Error, Result};
use crate::forms::Forms;
use crate::index::{Chains, MIN_DELETION_SKELETON, Map, PartIndex};
use crate::letters::Costs;
use crate::lexicon::{self, Lexicon};
use crate::normalize::{Name, normalize};
use crate::prior::Prior;
use crate::romanize;

/// Longest query or spelling, in chars, that the resolver and the clusterer
/// accept. No real name comes near it; the limit keeps the cost of one
/// call bounded (distance is quadratic in length).
pub const MAX_NAME_CHARS: usize = 256;

/// The default abstention threshold of [`Resolver`]: matches scoring below
/// it are not returned. Chosen on development data (see DESIGN.md).
pub const DEFAULT_RESOLVE_THRESHOLD: f32 = 0.75;

/// Least similarity for two parts to count as the same part.
const PART_MIN: f32 = 0.5;
/// Cost of a table part with no counterpart in the query (a family name
/// alone still resolves). After a title (الملك سلمان, الشيخ تميم), a share
/// of the score instead: see [`Pass::titled`]; a state form that opens the
/// spelling (جمهورية غامبيا), [`PLACE_WORD_SKIP`] of it.
const SKIP_TABLE_PART: f32 = 0.05;
/// After a title, what each table part left out past the first costs, as
/// a share of the first's cost (see [`Pass::titled`]).
const TITLED_SKIP_MORE: f32 = 0.1;
/// What the query's first part pays, as a share of its weight, when it
/// matches the part after a row's بن or بنت (which the query then lacks):
/// زايد alone is not محمد بن زايد.
const PATRONYMIC_ONLY: f32 = 0.5;
/// Cost of a query middle part with no counterpart (nasab chains are often
/// shortened in tables).
const SKIP_QUERY_MIDDLE: f32 = 0.5;
/// The least score that answers a query of titles and common words only
/// (a role: الرئيس الأمريكي, الأمين العام, ولي العهد السعودي). Such
/// queries found near spellings of other names at 0.78-0.951 (the State
/// Department for وزير الخارجية الأمريكي, Shin Bet, the Popular
/// Mobilization Forces); a garbled table name that reads as a title
/// (الملكة المغربية for المملكة المغربية, مجلس السيدة) scores 0.975 or
/// more.
const ROLE_ONLY_MIN: f32 = 0.96;
/// A Latin query of this many letters or fewer answers only an exact hit
/// of its romanised form: q and ab had answered acronyms (ISIS-K, AKP)
/// at 0.82.
const MAX_EXACT_ONLY_LATIN: usize = 2;
/// Weight of particles (بن, بنت) in the score.
const PARTICLE_WEIGHT: f32 = 0.2;

/// Weight of a query part that is a word of official place names
/// (`data/place_words.tsv`), or a common word of an Arabic query outside
/// its name proper (see [`Lexicon::name_range`]: a leading غير or مجلس
/// that no title introduces, a trailing nisba).
const PLACE_WORD_WEIGHT: f32 = 0.2;
/// Share of its weight that a place word (or common word) of the query
/// costs when the table spelling leaves it out (جمهورية ألبانيا against
/// ألبانيا); also the share of [`SKIP_TABLE_PART`] that a state form
/// opening a table spelling costs when the query leaves it out (غامبيا
/// against جمهورية غامبيا, see [`Lexicon::is_state_form_text`]).
const PLACE_WORD_SKIP: f32 = 0.25;

/// A resolved name: which entity, through which spelling, how sure, and why.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Match {
    /// The entity.
    pub entity: Entity,
    /// The table spelling that matched best.
    pub matched: String,
    /// Score in [0, 1]; 1 for an exact match of comparison forms. The best
    /// few matches' scores include a learned prior
    /// ([`ResolverBuilder::prior`]), capped at the best distance
    /// score: a match the prior lifts over the best ties with it (see
    /// `ties`) and comes first.
    pub score: f32,
    /// Ids of other entities that score the same (homonyms, or spellings
    /// the table lists under several entities). Empty when the match is
    /// unique.
    pub ties: Vec<String>,
    /// Letter alignment between the query's name proper and the matched
    /// spelling (both in comparison form; Latin romanised; a garbled
    /// compound head joined to its name when that search found the match,
    /// as عبد القادر is one part). Worked out when first read, on the
    /// reading thread (see [`Alignment`]).
    pub alignment: Alignment,
}

/// The Latin costs a builder uses: `latin` if given (its classes must be
/// those of `costs`: the skeleton index assumes one class map), else
/// `costs` with the shipped Latin pairs over them.
pub(crate) fn latin_costs_for(costs: &Costs, latin: Option<Costs>) -> Result<Costs> {
    match latin {
        None => Ok(costs.with_shipped_latin_pairs()),
        Some(l) if l.same_classes(costs) => Ok(l),
        Some(_) => Err(Error::Option {
            option: "latin_costs",
            reason: "its letter classes differ from those of the letter costs".into(),
        }),
    }
}

/// Options for a [`Resolver`].
///
/// ```
/// use asmaa::{AliasTable, Resolver};
///
/// let table = AliasTable::from_tsv_str("entity\tname\nq1\tحفتر\n")?;
/// let r = Resolver::builder().builtin(false).table(table).threshold(0.8).build()?;
/// assert_eq!(r.resolve("هفتر")?.unwrap().entity.id, "q1");
/// # Ok::<(), asmaa::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ResolverBuilder {
    tables: Vec<AliasTable>,
    builtin: bool,
    threshold: f32,
    costs: Costs,
    latin_costs: Option<Costs>,
    prior: bool,
}

impl Default for ResolverBuilder {
    fn default() -> Self {
        ResolverBuilder {
            tables: Vec::new(),
            builtin: cfg!(feature = "builtin-aliases"),
            threshold: DEFAULT_RESOLVE_THRESHOLD,
            costs: Costs::shipped(),
            latin_costs: None,
            prior: true,
        }
    }
}

impl ResolverBuilder {
    /// Adds a table (merged with the others). Default: none besides the builtin.
    pub fn table(mut self, table: AliasTable) -> Self {
        self.tables.push(table);
        self
    }

    /// Whether to include the shipped table. Default: `true` when the
    /// `builtin-aliases` feature is on (it is by default). Turning it off
    /// gives a resolver over your tables alone.
    pub fn builtin(mut self, yes: bool) -> Self {
        self.builtin = yes;
        self
    }

    /// Abstain below this score, in [0, 1]. Default
    /// [`DEFAULT_RESOLVE_THRESHOLD`]. Lower answers more, and more wrongly.
    pub fn threshold(mut self, t: f32) -> Self {
        self.threshold = t;
        self
    }

    /// The letter costs. Default: [`Costs::shipped`]. Unless
    /// [`ResolverBuilder::latin_costs`] is set too, Latin queries use these
    /// with the shipped Latin pairs (`data/costs_latin.tsv`) over them.
    pub fn costs(mut self, costs: Costs) -> Self {
        self.costs = costs;
        self
    }

    /// The letter costs for a Latin query, compared romanised with the
    /// table's spellings (Arabic ones and romanised Latin ones alike), and
    /// for an Arabic query against a Latin spelling of the table (in its
    /// second pass, see [`Resolver::resolve`]). Default: the letter costs
    /// ([`ResolverBuilder::costs`]) with the shipped Latin pairs over them; with the shipped costs, that is
    /// [`Costs::shipped_latin`]. Must put letters in the same classes as
    /// the letter costs (see [`ResolverBuilder::build`]).
    ///
    /// ```
    /// use asmaa::{AliasTable, Costs, Resolver};
    ///
    /// let table = AliasTable::from_tsv_str("entity\tname\nq1\tخيريز\n")?;
    /// let plain = Resolver::builder().builtin(false).table(table.clone());
    /// let costs = Costs::shipped().with_pairs("a\tb\tcost\nج\tخ\t0.01\n".as_bytes())?;
    /// let r = plain.clone().latin_costs(costs).threshold(0.9).build()?;
    /// assert_eq!(r.resolve("Jerez")?.unwrap().entity.id, "q1");
    /// # Ok::<(), asmaa::Error>(())
    /// ```
    pub fn latin_costs(mut self, costs: Costs) -> Self {
        self.latin_costs = Some(costs);
        self
    }

    /// Whether a query's best few candidates are reordered by the shipped
    /// priors, learned from real spelling pairs: for a Latin query, over
    /// how Latin names are written in Arabic script
    /// (`data/prior_latin.tsv`); for an Arabic one, over how two Arabic
    /// spellings of one name differ (`data/prior_arabic.tsv`). Default:
    /// `true`.
    ///
    /// A prior weighs what the letter costs, one aligned letter at a time,
    /// cannot see. Latin: which Arabic letters a spelling uses beside the
    /// query's Latin letters, its first and last letters, its length for
    /// the Latin letters, an article on one side only. Arabic: which
    /// letters one side has more of, the kinds of aligned edit and whether
    /// they fall on the first or last letter, the difference in length, an
    /// article on one side only. Its weights are added to the candidates'
    /// scores, less the best one's, capped at the best score; a candidate
    /// it lifts to the cap comes first. Only the best 5 (Latin) or 10
    /// (Arabic) within 0.03 (Latin) or 0.06 (Arabic) of the best score take
    /// part. The Arabic prior was fitted on single names: it reorders only
    /// one-part queries, and among their candidates only Arabic spellings
    /// of as many parts as the best one.
    ///
    /// Fitted on training folds of the dev splits, held-out accuracy@1
    /// rose from 0.845 to 0.859 (Latin→Arabic) and from 0.613 to 0.683
    /// (Arabic→Arabic; 0.599 to 0.652 over five folds when fitted, 0.602
    /// to 0.662 re-measured in December 2026); `data/README.md`
    /// has the figures. Cost: Arabic queries search within the slack of
    /// the best (which also finds candidates that the single answer's
    /// pruning misses on queries of several parts), and the `resolve`
    /// example's whole run over the dev Arabic split took 0.56 s against
    /// 0.35 s (Latin: 0.34 s against 0.31 s), measured before the query
    /// profile made every distance cheaper.
    /// On 20,000 uniformly random letter edits of the shipped table's
    /// spellings, noise unlike the variation it was fitted on, right answers
    /// went from 14,322 to 14,471, and on the generated queries of
    /// `benches/compare` acc@1 from 0.955 / 0.920 to 0.956 / 0.919.
    ///
    /// ```
    /// use asmaa::{AliasTable, Resolver};
    ///
    /// // A nisba without its article (Zaoui) and a near name (ساوي).
    /// let table = AliasTable::from_tsv_str("entity\tname\nzawi\tالزاوي\nsawi\tساوي\n")?;
    /// let b = Resolver::builder().builtin(false).table(table);
    /// let off = b.clone().prior(false).build()?;
    /// assert_eq!(off.resolve("Zaoui")?.unwrap().entity.id, "sawi");
    /// let on = b.build()?;
    /// assert_eq!(on.resolve("Zaoui")?.unwrap().entity.id, "zawi");
    /// # Ok::<(), asmaa::Error>(())
    /// ```
    pub fn prior(mut self, yes: bool) -> Self {
        self.prior = yes;
        self
    }

    /// Builds the index. Cost: O(rows), on rows already normalised as the
    /// table was read: about 0.05 s for the 87k one- and two-part dev
    /// spellings, 0.57–0.59 s for a million generated two-word names (2
    /// cores, 2026-12-03). A Latin spelling is indexed with its second
    /// readings too: the 125k Latin dev spellings built in 0.40–0.55 s and
    /// took 160 MB, against 0.25–0.34 s and 113 MB without them (2026-12-02,
    /// normalising in the build).
    ///
    /// # Errors
    ///
    /// [`Error::Option`] for a threshold outside [0, 1], or Latin costs
    /// whose letter classes differ from the letter costs';
    /// [`Error::TooLong`] for a table spelling over [`MAX_NAME_CHARS`].
    pub fn build(self) -> Result<Resolver> {
        if !(0.0..=1.0).contains(&self.threshold) {
            return Err(Error::Option {
                option: "threshold",
                reason: format!("{} is not in [0, 1]", self.threshold),
            });
        }
        let mut table = AliasTable::new();
        #[cfg(feature = "builtin-aliases")]
        if self.builtin {
            table = AliasTable::builtin();
        }
        for t in self.tables {
            table.merge(t);
        }
        let latin_costs = latin_costs_for(&self.costs, self.latin_costs)?;
        let index = Index::build(table, self.costs, latin_costs)?;
        Ok(Resolver {
            inner: Arc::new(Inner {
                index,
                threshold: self.threshold,
                prior: self.prior,
            }),
        })
    }
}

/// Resolves spellings against an alias table.
///
/// Exact comparison forms are a hash lookup; other queries go through a
/// candidate index over letter-class skeletons (see the crate docs) and
/// the bounded distance, never a scan of the table. Titles before a name,
/// with the common words around them (الرئيس الليبي ...), are dropped;
/// an Arabic query's other common words weigh little; multi-part names
/// are aligned part by part, so a family name alone finds the full name,
/// and after a title a given name finds the one person who has it (الشيخ
/// تميم), or answers one of several with the others as ties (الملك
/// سلمان). A query whose first part matches the part after a row's بن
/// pays half that part's weight: زايد alone is not محمد بن زايد (nor, by
/// the same cost, علي the family name of زين العابدين بن علي).
///
/// `Send + Sync`; clones share one index.
///
/// ```
/// use asmaa::Resolver;
///
/// let r = Resolver::new();
/// let m = r.resolve("الرئيس الليبي معمر القذافى")?.expect("known");
/// assert_eq!(m.entity.id, "muammar-gaddafi");
/// let m = r.resolve("غوتيريس")?.expect("known");
/// assert_eq!(m.entity.id, "antonio-guterres");
/// let m = r.resolve("الشيخ تميم")?.expect("known");
/// assert_eq!(m.entity.id, "tamim-bin-hamad-al-thani");
/// # Ok::<(), asmaa::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Resolver {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    index: Index,
    threshold: f32,
    /// Whether the shipped priors reorder the best candidates.
    prior: bool,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver::new()
    }
}

impl Resolver {
    /// A resolver over the shipped table with default options (an empty
    /// table without the `builtin-aliases` feature).
    pub fn new() -> Resolver {
        ResolverBuilder::default().build().unwrap_or_else(|e| {
            panic!("the shipped alias table is invalid (a test guards this): {e}")
        })
    }

    /// Options: tables, threshold, costs.
    pub fn builder() -> ResolverBuilder {
        ResolverBuilder::default()
    }

    /// The table this resolver searches.
    pub fn table(&self) -> &AliasTable {
        &self.inner.index.table
    }

    /// The abstention threshold in force.
    pub fn threshold(&self) -> f32 {
        self.inner.threshold
    }

    /// The best match for `query`, or `None` when nothing scores at least
    /// the threshold.
    ///
    /// Cost: an exact hit is one hash lookup; a fuzzy query computes the
    /// bounded distance against the parts sharing a skeleton key with its
    /// parts (about 450 for a one-word query against the 87k dev
    /// spellings, 97% of them ruled out within a few DP rows), so time
    /// does not grow with the table size except through those candidates.
    /// A Latin query is searched again per second guess at its reading,
    /// an Arabic query with a likely garbled compound head (ابد القادر)
    /// once more with the head joined to its name, and an Arabic query
    /// against a table with Latin spellings once more with those priced as
    /// Latin (all these passes pruned by the best score so far).
    ///
    /// Memory: each thread that resolves keeps its scratch between
    /// queries: row marks of 16 bytes per indexed spelling (a Latin row's
    /// second readings count too) and, once it has searched fuzzily,
    /// cells of 32 bytes per distinct name part, for the largest table it
    /// searched, allocated zeroed so that only the pages its queries reach
    /// are touched, and the rows and part pairs its last query reached.
    /// [`Resolver::resolve_many`] runs on fresh threads each call.
    ///
    /// # Errors
    ///
    /// [`Error::TooLong`] for a query over [`MAX_NAME_CHARS`] chars.
    pub fn resolve(&self, query: &str) -> Result<Option<Match>> {
        Ok(self.resolve_top(query, 1)?.into_iter().next())
    }

    /// [`Resolver::resolve`] for every query, in order, spread over the
    /// machine's cores (up to 8) when there are enough queries to pay for
    /// the threads. The answers are the same as one call per query.
    ///
    /// A query that recurs (names in running text do: a column of mentions
    /// names the same few people again and again) is resolved once, and
    /// its later copies get a clone of the answer.
    ///
    /// Cost: the sum of the distinct queries' costs, divided by the cores,
    /// plus a hash lookup per query and a clone per repeated answer.
    ///
    /// ```
    /// use asmaa::Resolver;
    ///
    /// let r = Resolver::new();
    /// let answers = r.resolve_many(&["حفتر", "Guterres", "xyzzy"]);
    /// let ids: Vec<Option<String>> = answers
    ///     .into_iter()
    ///     .map(|a| a.ok().flatten().map(|m| m.entity.id))
    ///     .collect();
    /// assert_eq!(ids[0], r.resolve("حفتر").unwrap().map(|m| m.entity.id));
    /// assert!(ids[1].is_some());
    /// assert_eq!(ids.len(), 3);
    /// ```
    pub fn resolve_many<S: AsRef<str> + Sync>(&self, queries: &[S]) -> Vec<Result<Option<Match>>> {
        // Each query's slot among the distinct ones, and how many copies
        // each distinct query has.
        let mut slots: Map<&str, usize> = Map::default();
        let mut distinct: Vec<&str> = Vec::new();
        let mut copies: Vec<usize> = Vec::new();
        let slot: Vec<usize> = queries
            .iter()
            .map(|q| {
                let q = q.as_ref();
                let at = *slots.entry(q).or_insert_with(|| {
                    distinct.push(q);
                    copies.push(0);
                    distinct.len() - 1
                });
                copies[at] += 1;
                at
            })
            .collect();
        drop(slots);
        let answers = crate::par::par_map_balanced(&distinct, 64, |chunk: &[&str]| {
            chunk.iter().map(|q| self.resolve(q)).collect()
        });
        if distinct.len() == queries.len() {
            return answers;
        }
        // The last copy takes the answer; the others clone it (an error,
        // a query over the length limit, is made again: `Error` is not
        // `Clone`).
        let mut answers: Vec<Option<Result<Option<Match>>>> =
            answers.into_iter().map(Some).collect();
        slot.into_iter()
            .map(|at| {
                copies[at] -= 1;
                if copies[at] == 0 {
                    if let Some(a) = answers[at].take() {
                        return a;
                    }
                }
                match &answers[at] {
                    Some(Ok(m)) => Ok(m.clone()),
                    _ => self.resolve(distinct[at]),
                }
            })
            .collect()
    }

    /// Up to `k` matches at or above the threshold, best first, one per entity.
    ///
    /// The best few scores include a prior ([`ResolverBuilder::prior`]),
    /// which also orders the matches it brings level with the best. With
    /// `k >= 2` the search is exhaustive above the threshold in the first
    /// pass, as far as the candidate index reaches (matches through an Arabic
    /// query's pass over Latin spellings must reach threshold + 0.4 × (1 −
    /// threshold), after their penalty). With `k == 1`
    /// ([`Resolver::resolve`]) it prunes by the best score so far, less the
    /// prior's slack (a Latin query's second guesses at a reading and an
    /// Arabic query's pass over Latin spellings must beat the best
    /// outright, and its pass with a compound head joined must reach it;
    /// an Arabic query of several parts takes the slack only while its best
    /// so far is under 0.9), so on rare queries its answer differs from
    /// the first of a larger `k`: another match, never one of a higher
    /// score, and one exactly when a larger `k` finds one (what the fuzz
    /// target and the property tests check). In an Arabic query's pass over Latin
    /// spellings, a Latin spelling of an entity that also has an Arabic one
    /// counts 0.06 less.
    ///
    /// # Errors
    ///
    /// [`Error::TooLong`] for a query over [`MAX_NAME_CHARS`] chars.
    pub fn resolve_top(&self, query: &str, k: usize) -> Result<Vec<Match>> {
        let len = query.chars().count();
        if len > MAX_NAME_CHARS {
            return Err(Error::TooLong {
                len,
                max: MAX_NAME_CHARS,
            });
        }
        let idx = &self.inner.index;
        let scored = idx.score(query, self.inner.threshold, k, self.inner.prior);
        let mut out = Vec::new();
        for (i, s) in scored.iter().enumerate().take(k) {
            let ties = scored
                .iter()
                .enumerate()
                .filter(|&(j, t)| j != i && (t.score - s.score).abs() < 1e-5)
                .map(|(_, t)| idx.table.entities[t.entity as usize].id.clone())
                .collect();
            let row = &idx.table.rows[idx.table_row(s.row)];
            let mut letters = Vec::new();
            idx.forms.symbols(s.row as usize, &mut letters);
            let alignment = Alignment::later(idx.costs_of(s), &s.query, letters);
            out.push(Match {
                entity: idx.table.entities[row.entity as usize].clone(),
                matched: row.name.clone(),
                score: s.score,
                ties,
                alignment,
            });
        }
        Ok(out)
    }
}

/// Score taken off an answer found through a second guess at a Latin
/// query's or a Latin row's reading (an `alt` row of `data/romanize.tsv`).
pub(crate) const ALT_PENALTY: f32 = 0.015;

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

/// How a search pass reads its query.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Pass {
    /// The query was Latin (romanised): see [`LATIN_PREFIX_INDEL`].
    latin: bool,
    /// Second readings of Latin rows count, and Latin rows' parts are
    /// priced with the Latin costs (see [`QueryCtx::alts`]).
    alts: bool,
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
    titled: bool,
    /// Which Latin acronym rows (see [`is_acronym`]) may match.
    acronyms: Acronyms,
}

/// Which Latin acronym rows (see [`is_acronym`]) a search may match.
/// Acronyms romanise alike (PKK and BBC both read بك), so an acronym
/// query meets only the table's acronym of its own text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Acronyms {
    /// Every one for a Latin pass, none for an Arabic one.
    #[default]
    Auto,
    /// Every one: a Latin query, or a clusterer's form of a Latin
    /// spelling (romanised, compared with the Arabic costs).
    Any,
    /// Only the acronym of this id ([`NOT_ACRONYM`]: none): the query is
    /// an acronym as written.
    Only(u32),
}

/// The acronym id of a row that is no acronym, and of a query acronym the
/// table lacks.
const NOT_ACRONYM: u32 = u32::MAX;

impl Acronyms {
    /// Whether a row of acronym id `id` (not [`NOT_ACRONYM`]) may match.
    fn allows(self, id: u32) -> bool {
        match self {
            Acronyms::Any => true,
            Acronyms::Only(x) => x == id,
            Acronyms::Auto => false,
        }
    }
}

/// How far under the best score so far a single answer's search still
/// looks ([`Window::slack`]), while that best is under `until`; from
/// there on it looks at the best only.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slack {
    width: f32,
    until: f32,
}

impl Slack {
    /// No slack: the search looks at the best so far.
    const NONE: Slack = Slack {
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

/// Per-query data: part weights, skip shares, skeletons and, for a fuzzy
/// search, profiles and candidates.
struct QueryCtx {
    /// Per query part: its weight (see [`Index::weight`]).
    w: Vec<f32>,
    /// Per query part: its skeleton, [`packed`](crate::index::packed).
    skels: Vec<u128>,
    /// The query was Latin (romanised): see [`LATIN_PREFIX_INDEL`].
    latin: bool,
    /// Per query part: a particle (بن, بنت, ال).
    particle: Vec<bool>,
    /// Per query part but particles: its [`Profile`] under the query's
    /// costs (the Latin ones for a Latin query), for the bounded distance to
    /// candidates. Made for a fuzzy search only; an exact hit's rows take
    /// the plain distance.
    profiles: Vec<Option<Profile>>,
    /// In an Arabic query's second pass (`alts`), the same under the Latin
    /// costs, for the parts only Latin rows have (see [`Index::part_sim`]).
    latin_profiles: Vec<Option<Profile>>,
    /// Second readings of Latin rows count (see [`Index::alt_of`]), and
    /// Latin rows' parts are priced with the Latin costs; not for
    /// anchoring and scanning, which keep to the spelling as written.
    alts: bool,
    /// Per query part (empty for particles), in a fuzzy search: the table
    /// parts the part index offers as its candidates, as two sorted runs
    /// (see [`PartIndex::candidates`]; the split is the second field).
    /// These match the query part from [`PART_MIN`], others from
    /// [`NOT_CANDIDATE_MIN`]. Empty for an exact hit, whose rows take every
    /// pair from [`PART_MIN`].
    cands: Vec<(Vec<u32>, usize)>,
    /// The sum of `w`.
    total: f32,
    /// Per query part: the share of its weight that leaving it out costs
    /// (see [`SKIP_QUERY_MIDDLE`], [`PLACE_WORD_SKIP`]).
    skip: Vec<f32>,
    /// The query parts, heaviest first (ties in order).
    by_weight: Vec<usize>,
    /// A title went before the name: see [`Pass::titled`].
    titled: bool,
    /// The query's parts that are no particle.
    names: usize,
    /// Which Latin acronyms may match (see [`Pass::acronyms`]; once the
    /// search starts, `Auto` is an Arabic pass's: none).
    acronyms: Acronyms,
}

/// A row scoring's buffers, reused from row to row.
#[derive(Default)]
struct RowBuf {
    /// The alignment's cells: (cost, a non-particle part matched).
    dp: Vec<(f32, bool)>,
    /// Query part `i` and row part `j`'s similarity at `i * parts + j`.
    sim: Vec<f32>,
}

impl QueryCtx {
    /// Table part `pid` matches query part `i` from [`PART_MIN`]: it is
    /// among the part's candidates, the part's skeleton is too short for
    /// the index to find its near spellings, or the search is not gated by
    /// candidates (an exact hit). A read of `sims`, where the search noted
    /// the candidates, or two binary searches.
    fn may_match(&self, i: usize, pid: u32, sims: &Sims) -> bool {
        match self.cands.get(i) {
            // A skeleton too short for deletion variants finds fewer of its
            // near spellings (its vowel form's keys find some: السيي,
            // skeleton س, finds السيسي through them).
            Some((c, split)) if self.skels[i] >> 120 >= MIN_DELETION_SKELETON as u128 => {
                sims.candidate(i, pid).unwrap_or_else(|| {
                    c[..*split].binary_search(&pid).is_ok()
                        || c[*split..].binary_search(&pid).is_ok()
                })
            }
            _ => true,
        }
    }
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
const NOT_CANDIDATE_MIN: f32 = 0.65;

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

/// Cost of a table spelling's article or clitic letter against a Latin
/// query: Latin spellings of Arabic names mostly leave the article out
/// (Tillisi for التليسي, Mhiri for المهيري), so the usual prefix cost
/// ranked a near spelling without it first. Chosen on all 88,608 dev Latin
/// queries against the first Arabic spelling of each cluster (acc@1 at
/// 0.15, the Arabic cost: 0.8208; 0.12: 0.8242; 0.10: 0.8240; 0.08: 0.8235;
/// 0.05: 0.8198).
const LATIN_PREFIX_INDEL: f32 = 0.12;

/// Rows from which a resolver's exact-lookup chains are built on another
/// core, beside the part index (a thread costs tens of microseconds).
const EXACT_ON_ANOTHER_CORE: usize = 16_384;

/// Query parts whose similarities [`Sims`] keeps in its dense cells; a
/// later part's go to its map.
const SIM_SLOTS: usize = 4;

/// Part similarities of one query, by (query part, table part): a
/// similarity, or the negated floor it fell below; and which table parts
/// are a query part's candidates.
///
/// The first [`SIM_SLOTS`] query parts' are kept in cells indexed by table
/// part, stamped with the query that wrote them (so that a query starts
/// clean without clearing them), the query parts of one table part side by
/// side: a row's scoring reads a cell per (query part, row part) pair.
/// (300 generated queries against the 100k table took 363M instructions,
/// 397M with a hash map and binary searches over the candidates.) Later
/// parts' similarities, and all of a `Sims` that was never
/// [started](Sims::start), are kept in a map, as are those of table parts
/// past the cells (a thread's cells are sized for the largest table it
/// has searched fuzzily: 32 bytes per distinct part, 32 MB for a million).
#[derive(Default)]
struct Sims {
    /// The query's stamp, shifted left by [`SIM_FLAGS`].
    stamp: u32,
    /// Per table part and query part: the stamp of the query that wrote
    /// the cell with its flags ([`SIM_KNOWN`], [`SIM_CANDIDATE`]), and the
    /// value known.
    cells: Vec<(u32, f32)>,
    /// What the cells do not hold: later query parts', and table parts'
    /// past the cells.
    more: HashMap<u64, f32, std::hash::BuildHasherDefault<crate::index::PreHashed>>,
    /// This query's candidates are noted (see [`Sims::note_candidates`]).
    noted: bool,
}

/// Bits of a cell's tag below the stamp.
const SIM_FLAGS: u32 = 2;
/// The cell holds a value.
const SIM_KNOWN: u32 = 1;
/// The table part is the query part's candidate.
const SIM_CANDIDATE: u32 = 2;

impl Sims {
    /// Starts a query against a table of `parts` distinct parts (0: keep
    /// the cells as they are, the map holds what they cannot): every
    /// similarity and candidate is forgotten.
    fn start(&mut self, parts: usize) {
        self.stamp = self.stamp.wrapping_add(1 << SIM_FLAGS);
        if self.stamp == 0 {
            // After 2^30 queries: stamps of old queries could repeat.
            self.cells.iter_mut().for_each(|c| c.0 = 0);
            self.stamp = 1 << SIM_FLAGS;
        }
        if self.cells.len() < parts * SIM_SLOTS {
            // Zeroed (stamp 0 is no query's), not copied.
            self.cells = vec![(0, 0.0); parts * SIM_SLOTS];
        }
        self.more.clear();
        self.noted = false;
    }

    /// Query part `i`'s cell for table part `pid`, if it has one.
    #[inline]
    fn cell(&self, i: usize, pid: u32) -> Option<(u32, f32)> {
        if i < SIM_SLOTS {
            let (tag, s) = *self.cells.get(pid as usize * SIM_SLOTS + i)?;
            Some(if tag >> SIM_FLAGS == self.stamp >> SIM_FLAGS {
                (tag, s)
            } else {
                (0, 0.0)
            })
        } else {
            None
        }
    }

    /// What is known of query part `i` and table part `pid`.
    #[inline]
    fn get(&self, i: usize, pid: u32) -> Option<f32> {
        match self.cell(i, pid) {
            Some((tag, s)) => (tag & SIM_KNOWN != 0).then_some(s),
            None => self.more.get(&key(i, pid)).copied(),
        }
    }

    /// Keeps what is known of query part `i` and table part `pid`.
    #[inline]
    fn insert(&mut self, i: usize, pid: u32, s: f32) {
        match self.cell(i, pid) {
            Some((tag, _)) => {
                let flags = tag & SIM_CANDIDATE | SIM_KNOWN;
                self.cells[pid as usize * SIM_SLOTS + i] = (self.stamp | flags, s);
            }
            None => {
                self.more.insert(key(i, pid), s);
            }
        }
    }

    /// Notes each query part's candidates (`cands[i]`), once per query:
    /// when a row's scoring first asks (most single-part queries never do).
    fn note_candidates(&mut self, cands: &[(Vec<u32>, usize)]) {
        if self.noted {
            return;
        }
        self.noted = true;
        for (i, (c, _)) in cands.iter().enumerate().take(SIM_SLOTS) {
            for &pid in c {
                if let Some((tag, s)) = self.cell(i, pid) {
                    let flags = tag & SIM_KNOWN | SIM_CANDIDATE;
                    self.cells[pid as usize * SIM_SLOTS + i] = (self.stamp | flags, s);
                }
            }
        }
    }

    /// Whether table part `pid` is query part `i`'s candidate, if this
    /// `Sims` keeps that (see [`Sims::note_candidates`]).
    #[inline]
    fn candidate(&self, i: usize, pid: u32) -> Option<bool> {
        if !self.noted {
            return None;
        }
        self.cell(i, pid).map(|(tag, _)| tag & SIM_CANDIDATE != 0)
    }
}

/// What a query fills (part similarities, row marks), kept per thread and
/// reused.
#[derive(Default)]
struct Scratch {
    sims: Sims,
    rows: RowMarks,
}

/// Per-row marks of one search, indexed by row: the rows a search has
/// scored, or the query parts that lead to each row and the weight they
/// match with. Each mark is stamped with the search that wrote it, so that
/// a search starts from clean marks without clearing them. (A hash map of
/// the rows reached, rehashed as it grew and then read back in full, was
/// about a sixth of the instructions of 300 generated queries of several
/// parts against the 100k table; with the marks they took 458M instead of
/// 505M.)
#[derive(Default)]
struct RowMarks {
    stamp: u32,
    /// Per row: the stamp of the search that wrote the mark; the query
    /// parts that lead to the row (high half) and the rank of the last of
    /// them (low half); the bits of the weight the earlier parts match with,
    /// and of the last part's. Plain numbers, so that a table's worth of
    /// them is allocated zeroed: a thread's pages are touched only where
    /// its queries reach (each `resolve_many` runs on fresh threads).
    marks: Vec<[u32; 4]>,
    /// The rows marked in this search, in the order first marked.
    touched: Vec<u32>,
}

/// A fresh mark's rank: none yet.
const NO_RANK: u32 = 0xFFFF;

impl RowMarks {
    /// Starts a search over `rows` rows: every mark is cleared.
    fn start(&mut self, rows: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // After 2^32 searches: stamps of old searches could repeat.
            self.marks.iter_mut().for_each(|m| m[0] = 0);
            self.stamp = 1;
        }
        if self.marks.len() < rows {
            // Zeroed (stamp 0 is no search's), not copied.
            self.marks = vec![[0; 4]; rows];
        }
        self.touched.clear();
    }

    /// Row `row`'s mark, fresh (no parts, no rank) if this search has not
    /// marked it.
    fn mark(&mut self, row: u32) -> &mut [u32; 4] {
        let m = &mut self.marks[row as usize];
        if m[0] != self.stamp {
            *m = [self.stamp, NO_RANK, 0, 0];
            self.touched.push(row);
        }
        m
    }

    /// Marks `row`; true if this search had not marked it.
    fn insert(&mut self, row: u32) -> bool {
        let n = self.touched.len();
        self.mark(row);
        self.touched.len() > n
    }

    /// Notes that the query part of rank `rank` leads to `row` with weight
    /// `gain`: a part's best gain counts, once.
    fn hit(&mut self, row: u32, rank: u16, gain: f32) {
        let m = self.mark(row);
        Self::note(m, rank, gain);
    }

    /// As [`RowMarks::hit`] for a row this search has marked; other rows
    /// stay unmarked. (A row first reached by the last query part searched
    /// is reached by that part alone.)
    fn hit_marked(&mut self, row: u32, rank: u16, gain: f32) {
        let m = &mut self.marks[row as usize];
        if m[0] == self.stamp {
            Self::note(m, rank, gain);
        }
    }

    /// [`RowMarks::hit`] on a current mark.
    fn note(m: &mut [u32; 4], rank: u16, gain: f32) {
        let (parts, last_rank) = (m[1] >> 16, m[1] & 0xFFFF);
        let last = f32::from_bits(m[3]);
        if last_rank != u32::from(rank) {
            m[1] = (parts + 1).min(0xFFFF) << 16 | u32::from(rank);
            m[2] = (f32::from_bits(m[2]) + last).to_bits();
            m[3] = gain.to_bits();
        } else {
            m[3] = last.max(gain).to_bits();
        }
    }

    /// The rows that at least two query parts lead to, with the weight
    /// their parts match with, in the order first marked.
    fn reached_twice(&self) -> impl Iterator<Item = (f32, u32)> + '_ {
        self.touched.iter().filter_map(|&r| {
            let m = &self.marks[r as usize];
            (m[1] >> 16 >= 2).then(|| (f32::from_bits(m[2]) + f32::from_bits(m[3]), r))
        })
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::new(Scratch::default());
}

/// Key of (query part, table part) in [`Sims`], mixed for the hash table.
fn key(i: usize, pid: u32) -> u64 {
    ((i as u64) << 32 | pid as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Least score for the clusterer to anchor a spelling to an entity: near
/// exact. An anchor is a must-link to the entity's other spellings and a
/// cannot-link to other entities', so a fuzzy one glues a different name to
/// a known entity. On the whole dev set (evaluate, all scripts) 0.9 gave
/// B-cubed F1 0.787 against 0.806 without anchors; 0.97 gives 0.805, and the
/// dev hard Arabic split goes 0.921 -> 0.931.
const ANCHOR_THRESHOLD: f32 = 0.97;

impl Resolver {
    /// What a spelling as written lets a clusterer's node anchor to of the
    /// table's Latin acronyms (see [`Acronyms`]): an acronym only its own
    /// text (PKK, not BBC, which romanises alike); another Latin spelling
    /// any; an Arabic one none.
    pub(crate) fn acronym_rule(&self, spelling: &str, latin: bool) -> Acronyms {
        match self.inner.index.acronym_rule(spelling) {
            Acronyms::Auto if latin => Acronyms::Any,
            rule => rule,
        }
    }

    /// The entity a clusterer anchors a form to: the unique best match
    /// scoring at least [`ANCHOR_THRESHOLD`] (and the resolver's threshold).
    /// `acronyms`: which Latin acronyms it may anchor to (see
    /// [`Resolver::acronym_rule`]).
    pub(crate) fn anchor(&self, form: &Name, acronyms: Acronyms) -> Option<u32> {
        let idx = &self.inner.index;
        let t = ANCHOR_THRESHOLD.max(self.inner.threshold);
        let pass = Pass {
            acronyms,
            ..Pass::default()
        };
        let scored = idx.score_form_k(form.clone(), t, usize::MAX, pass, Slack::NONE);
        unique_best(&scored).map(|s| s.entity)
    }
}

/// The best of `scored` (best first) unless the second ties with it.
fn unique_best(scored: &[Scored]) -> Option<&Scored> {
    match scored {
        [] => None,
        [one] => Some(one),
        [a, b, ..] => ((a.score - b.score).abs() > 1e-5).then_some(a),
    }
}

impl Resolver {
    /// Every row's match form with its entity index (for phrase matching
    /// in Arabic text), but Latin acronyms' (see [`is_acronym`]: WAM reads
    /// وام, which is وأم, and mother).
    pub(crate) fn forms(&self) -> impl Iterator<Item = (Name, u32)> + '_ {
        let idx = &self.inner.index;
        idx.table
            .rows
            .iter()
            .enumerate()
            .filter(|&(i, _)| idx.acronym_id[i] == NOT_ACRONYM)
            .map(|(i, r)| (idx.forms.name(i), r.entity))
    }

    /// The person that a name after a title names (see [`Pass::titled`]:
    /// الشيخ تميم): the best entity at `threshold` or above, if it ties
    /// with no other and is a person; `None` too when a part of the name
    /// is no table row's part as written (a hash lookup per part, before
    /// any search: most names after titles in running text are people the
    /// table does not know).
    pub(crate) fn titled_person(&self, form: &Name, threshold: f32) -> Option<u32> {
        let idx = &self.inner.index;
        let known = (0..form.parts().len()).all(|i| {
            is_particle(&form.parts()[i])
                || idx
                    .parts
                    .get(form.part_symbols(i))
                    .is_some_and(|id| idx.part_df[id as usize] > 0)
        });
        if !known || form.is_empty() {
            return None;
        }
        let t = threshold.max(self.inner.threshold);
        let pass = Pass {
            titled: true,
            ..Pass::default()
        };
        let scored = idx.score_form_k(form.clone(), t, usize::MAX, pass, Slack::NONE);
        let e = unique_best(&scored)?.entity;
        (idx.table.entities[e as usize].kind == Some(crate::Kind::Person)).then_some(e)
    }

    /// Best unique entity for a form at `threshold` or above (ties abstain).
    pub(crate) fn entity_for(&self, form: &Name, threshold: f32) -> Option<(u32, f32, usize)> {
        let t = threshold.max(self.inner.threshold);
        let idx = &self.inner.index;
        let scored = idx.score_form(form.clone(), t);
        // Parts of the matched spelling; 0 for a Latin one (romanised forms
        // are too loose a match for a lone Arabic word).
        let parts = |s: &Scored| match idx.table.rows[idx.table_row(s.row)].script {
            crate::alias::Script::Latin => 0,
            crate::alias::Script::Arabic => idx.forms.part_count(s.row as usize),
        };
        unique_best(&scored).map(|s| (s.entity, s.score, parts(s)))
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
}

/// Everything the resolver precomputes over a table.
#[derive(Debug)]
pub(crate) struct Index {
    pub(crate) table: AliasTable,
    pub(crate) costs: Costs,
    /// The Latin costs with [`LATIN_PREFIX_INDEL`], for Latin queries.
    latin_costs: Costs,
    /// Per row: the comparison form (Latin romanised), whole (titles and
    /// common words are cut from queries only).
    pub(crate) forms: Forms,
    /// Rows by their form's text ([`Index::exact_rows`]).
    exact: Chains,
    parts: PartIndex,
    /// Row `r`'s part ids are `row_parts[row_start[r]..row_start[r + 1]]`,
    /// [`PARTICLE_PART`] for a particle: no hashing in [`Index::row_score`].
    row_parts: Vec<u32>,
    row_start: Vec<u32>,
    /// Per part: every row it occurs in was a Latin spelling (romanised),
    /// so an Arabic query is compared with it with the Latin costs too.
    latin_part: Vec<bool>,
    /// Per part: a state form (جمهورية, مملكة: see
    /// [`Lexicon::is_state_form_text`]), which a query may leave out at
    /// [`PLACE_WORD_SKIP`] of the usual cost when it opens the spelling.
    state_part: Vec<bool>,
    /// Per row: a Latin spelling.
    latin_row: Vec<bool>,
    /// Per form row (a second reading as its table row): the id of its
    /// Latin acronym text (see [`is_acronym`]; [`NOT_ACRONYM`] for other
    /// rows), which only [`Acronyms`] that allow it match.
    acronym_id: Vec<u32>,
    /// Some row is a Latin acronym.
    any_acronym: bool,
    /// Acronym ids by text as written (PKK, BBC).
    acronym_ids: HashMap<String, u32>,
    /// Some row is a Latin spelling.
    any_latin: bool,
    /// Per entity: it has a spelling in Arabic script.
    arabic_entity: Vec<bool>,
    /// Per part: the number of table rows (second readings not counted)
    /// it occurs in, for [`Index::weight`].
    part_df: Vec<u32>,
    /// Rows from `table.rows.len()` on are second readings of Latin
    /// spellings (Jerez as خيريز, see `where = alt` in
    /// `data/romanize.tsv`): row `table.rows.len() + i` reads row
    /// `alt_of[i]` otherwise and scores [`ALT_PENALTY`] less. They are
    /// found through their parts, never by the exact lookup.
    alt_of: Vec<u32>,
    lexicon: &'static Lexicon,
}

/// The id [`Index::row_parts`] gives a particle (بن, بنت, ال).
const PARTICLE_PART: u32 = u32::MAX;

/// Whether a table spelling is a Latin acronym (PKK, CBL, UNICEF, G7): one
/// word of two to seven capitals and digits (a hyphen between; one capital
/// with digits will do), as written. Its romanised reading spells a word
/// (كبل for CBL, بجد for PJD) that Arabic text writes otherwise (the
/// letters' names, or the full name), and that garbled Arabic names met:
/// an Arabic query never matches one. A Latin query does, read as the
/// acronym is, and so does a clusterer's Latin spelling. (An acronym said
/// as a word mostly has its Arabic spelling as a row of its own, ناتو or
/// أوبك; إرنا is found through وكالة إرنا.)
pub(crate) fn is_acronym(name: &str) -> bool {
    let t = name.trim();
    let caps = t.chars().filter(|c| c.is_ascii_uppercase()).count();
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    (2..=7).contains(&t.chars().count())
        && (caps >= 2 || caps == 1 && digits > 0)
        && t.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
        && !t.starts_with('-')
        && !t.ends_with('-')
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

/// Adds `more` (each `penalty` less) to `out`, one per entity (the better
/// score; the earlier on a tie), best first. Not cut to k: the caller
/// reports ties from the whole list.
fn merge(out: &mut Vec<Scored>, more: Vec<Scored>, penalty: f32) {
    for mut s in more {
        s.score -= penalty;
        match out.iter_mut().find(|o| o.entity == s.entity) {
            Some(o) if o.score >= s.score => {}
            Some(o) => *o = s,
            None => out.push(s),
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.row.cmp(&b.row)));
}

fn is_particle(p: &crate::Part) -> bool {
    is_particle_text(p.as_str())
}

/// [`is_particle`] of a part's text.
fn is_particle_text(p: &str) -> bool {
    matches!(p, "بن" | "بنت" | "ال")
}

/// A Latin row's romanised first reading and its second readings.
type Readings = Vec<(usize, Name, Vec<Name>)>;

/// The index's forms: the rows `read`, each Latin one (`readings`, in row
/// order) as its first reading, then every second reading; with which
/// forms are Latin readings, and the row each second reading reads.
/// (`read` is dropped here, before the part index is built.)
fn with_readings(read: Forms, readings: Readings) -> (Forms, Vec<bool>, Vec<u32>) {
    let n_rows = read.len();
    let mut latin_row = vec![false; n_rows];
    if readings.is_empty() {
        return (read, latin_row, Vec::new());
    }
    let mut forms = Forms::default();
    let (bytes, parts) = read.size();
    let alts: usize = readings.iter().map(|(_, _, a)| a.len()).sum();
    forms.reserve(n_rows + alts, bytes, parts);
    let mut next = readings.iter().peekable();
    for (r, latin) in latin_row.iter_mut().enumerate() {
        match next.next_if(|(i, _, _)| *i == r) {
            Some((_, first, _)) => {
                forms.push(first);
                *latin = true;
            }
            None => forms.push_row(&read, r),
        }
    }
    debug_assert!(next.peek().is_none(), "readings out of row order");
    let mut alt_of = Vec::with_capacity(alts);
    for (i, _, second) in &readings {
        alt_of.extend(std::iter::repeat_n(*i as u32, second.len()));
        for a in second {
            forms.push(a);
        }
    }
    latin_row.resize(forms.len(), true);
    (forms, latin_row, alt_of)
}

impl Index {
    pub(crate) fn build(mut table: AliasTable, costs: Costs, latin_costs: Costs) -> Result<Index> {
        let lexicon = lexicon::shipped();
        for row in &table.rows {
            // A name of at most MAX_NAME_CHARS bytes has no more chars.
            if row.name.len() > MAX_NAME_CHARS {
                let len = row.name.chars().count();
                if len > MAX_NAME_CHARS {
                    return Err(Error::TooLong {
                        len,
                        max: MAX_NAME_CHARS,
                    });
                }
            }
        }
        // Normalising the rows is most of the work: done while the table
        // was read, or here on all cores.
        let n_rows = table.rows.len();
        let read: Forms = match table.forms.take() {
            Some(forms) if forms.len() == n_rows => forms,
            _ => Forms::concat(crate::par::par_map_balanced(
                &table.rows,
                4096,
                |rows: &[crate::alias::Row]| {
                    let mut forms = Forms::default();
                    for row in rows {
                        forms.push(&normalize(&row.name));
                    }
                    vec![forms]
                },
            )),
        };
        // A Latin row's form is its first romanised reading, and it brings
        // its second readings, as an Arabic query would meet them: on all
        // cores too.
        let latin: Vec<usize> = (0..n_rows).filter(|&i| read.is_latin(i)).collect();
        let readings = crate::par::par_map_balanced(&latin, 256, |chunk: &[usize]| {
            chunk
                .iter()
                .map(|&i| {
                    let n = read.name(i);
                    let (first, units) = romanize::romanize_units(&n);
                    let alts = romanize::alternatives(&n, &first, &units);
                    (i, first, alts)
                })
                .collect()
        });
        let (forms, latin_row, alt_of) = with_readings(read, readings);
        // Rows by their form's text, for exact lookups: on the other core
        // while the part index's first, one-core steps run (building the
        // index on dev.arabres's 87k rows: 7 ms of its 70).
        let latin_costs = latin_costs.with_prefix_indel(LATIN_PREFIX_INDEL);
        let (exact, (parts, mut row_parts, row_start)) = crate::par::join(
            n_rows,
            EXACT_ON_ANOTHER_CORE,
            || {
                let mut exact = Chains::default();
                exact.reserve(n_rows);
                for r in 0..n_rows {
                    exact.push(exact.hash(forms.as_str(r)));
                }
                exact
            },
            || PartIndex::build(&costs, &latin_costs, &forms),
        );
        let part_df: Vec<u32> = (0..parts.len() as u32)
            .map(|id| {
                let occ = parts.occurrences(id);
                occ.iter().filter(|&&(r, _)| (r as usize) < n_rows).count() as u32
            })
            .collect();
        let latin_part: Vec<bool> = (0..parts.len() as u32)
            .map(|id| {
                parts
                    .occurrences(id)
                    .iter()
                    .all(|&(r, _)| latin_row[r as usize])
            })
            .collect();
        let state_part: Vec<bool> = (0..parts.len() as u32)
            .map(|id| {
                parts.occurrences(id).first().is_some_and(|&(r, j)| {
                    lexicon.is_state_form_text(forms.part_str(r as usize, j as usize))
                })
            })
            .collect();
        for r in 0..forms.len() {
            let ids = &mut row_parts[row_start[r] as usize..row_start[r + 1] as usize];
            for (j, id) in ids.iter_mut().enumerate().take(forms.part_count(r)) {
                if is_particle_text(forms.part_str(r, j)) {
                    *id = PARTICLE_PART;
                }
            }
        }
        // Per form row (second readings take their row's).
        let mut acronym_ids: HashMap<String, u32> = HashMap::new();
        let acronym_id: Vec<u32> = (0..forms.len())
            .map(|r| {
                let t = if r < n_rows {
                    r
                } else {
                    alt_of[r - n_rows] as usize
                };
                let text = table.rows[t].name.trim();
                if is_acronym(text) {
                    let next = acronym_ids.len() as u32;
                    *acronym_ids.entry(text.to_string()).or_insert(next)
                } else {
                    NOT_ACRONYM
                }
            })
            .collect();
        let any_acronym = !acronym_ids.is_empty();
        let mut arabic_entity = vec![false; table.entities.len()];
        for (r, (row, &latin)) in table.rows.iter().zip(&latin_row).enumerate() {
            // (A row of digits alone, Arabic-Indic ones too, is neither.)
            if !latin && crate::alias::Script::of(forms.as_str(r)) == crate::alias::Script::Arabic {
                arabic_entity[row.entity as usize] = true;
            }
        }
        Ok(Index {
            table,
            latin_costs,
            costs,
            forms,
            exact,
            parts,
            row_parts,
            row_start,
            latin_part,
            state_part,
            any_latin: latin_row.iter().any(|&l| l),
            arabic_entity,
            latin_row,
            acronym_id,
            any_acronym,
            acronym_ids,
            part_df,
            alt_of,
            lexicon,
        })
    }

    /// The table row that `row` is (a second reading is its row's).
    fn table_row(&self, row: u32) -> usize {
        let n = self.table.rows.len();
        let r = row as usize;
        if r < n {
            r
        } else {
            self.alt_of[r - n] as usize
        }
    }

    /// [`Index::row_score`], less [`ALT_PENALTY`] for a second reading,
    /// and in an Arabic query's second pass (`ctx.alts`) less
    /// [`LATIN_ROW_PENALTY`] for a Latin row of an entity with an Arabic
    /// spelling. (Inside the search, so that its pruning sees the score
    /// the answer will have.) Exact at or above `need`.
    fn scored_row(
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
    fn scored_exact_row(
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

    /// What [`Index::scored_row`] takes off a row's score; `None` for a
    /// second reading outside a pass that reads them.
    fn row_penalty(&self, row: u32, ctx: &QueryCtx) -> Option<f32> {
        let second = (row as usize) >= self.table.rows.len();
        if second && !ctx.alts {
            return None;
        }
        if self.any_acronym && !self.acronym_allowed(row, ctx.acronyms) {
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

    /// The rows whose form is exactly `text`, in order; Latin acronyms
    /// (see [`is_acronym`]) only as `acronyms` allows.
    fn exact_rows<'a>(
        &'a self,
        text: &'a str,
        acronyms: Acronyms,
    ) -> impl Iterator<Item = u32> + 'a {
        self.exact.get(self.exact.hash(text)).filter(move |&r| {
            self.forms.as_str(r as usize) == text && self.acronym_allowed(r, acronyms)
        })
    }

    /// Whether form row `row` may match under `acronyms` (a row that is no
    /// acronym always may).
    fn acronym_allowed(&self, row: u32, acronyms: Acronyms) -> bool {
        let id = self.acronym_id[row as usize];
        id == NOT_ACRONYM || acronyms.allows(id)
    }

    /// What a query or spelling as written allows of the table's acronyms:
    /// an acronym only its own text, anything else `Auto`.
    ///
    /// Written in small letters, a word of two to five Latin letters with
    /// no vowel (pkk, bbc) is no English or French word: it is read as the
    /// acronym in capitals when the table has that one.
    pub(crate) fn acronym_rule(&self, text: &str) -> Acronyms {
        let t = text.trim_matches(|c: char| c.is_whitespace() || crate::normalize::is_dropped(c));
        if is_acronym(t) {
            return Acronyms::Only(self.acronym_ids.get(t).copied().unwrap_or(NOT_ACRONYM));
        }
        let consonants = (2..=5).contains(&t.len())
            && t.bytes()
                .all(|b| b.is_ascii_alphabetic() && !b"aeiouyAEIOUY".contains(&b));
        match consonants.then(|| self.acronym_ids.get(&t.to_ascii_uppercase())) {
            Some(Some(&id)) => Acronyms::Only(id),
            _ => Acronyms::Auto,
        }
    }

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

    /// Similarity of query part `qi` and table part `pid`; 0 below `floor`.
    fn part_sim(&self, q: &Name, qi: usize, pid: u32, floor: f32, ctx: &QueryCtx) -> f32 {
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
        let profile = if latin_costs == ctx.latin {
            ctx.profiles.get(qi)
        } else {
            ctx.latin_profiles.get(qi)
        };
        let masks = Some(self.parts.masks(pid, latin_costs));
        debug_assert_eq!(masks, Some(costs.bags().masks(b)), "{pid}");
        let d = match profile {
            Some(Some(p)) => p.osa(b, masks, max),
            _ => costs.osa(a, b, max),
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
            for (j, &pid) in pids.iter().enumerate() {
                let s = if pid == PARTICLE_PART {
                    if qp.as_str() == self.forms.part_str(form, j) {
                        1.0
                    } else {
                        0.0
                    }
                } else {
                    self.pair_sim(q, i, pid, bar, sims, ctx)
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
        sims.note_candidates(&ctx.cands);
        let floor = if ctx.may_match(i, pid, sims) {
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

    /// Candidates at or above `threshold`, best first, one per entity;
    /// with `prior`, the best few are reordered by the shipped prior of the
    /// query's script.
    pub(crate) fn score(&self, query: &str, threshold: f32, k: usize, prior: bool) -> Vec<Scored> {
        let acronyms = self.acronym_rule(query);
        let normalized = normalize(query);
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
        let text = crate::prior::read_query(&normalized).as_str().to_string();
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

    /// The costs a candidate was scored with.
    pub(crate) fn costs_of(&self, s: &Scored) -> &Costs {
        if s.latin || (s.alts && self.latin_row[s.row as usize]) {
            &self.latin_costs
        } else {
            &self.costs
        }
    }

    /// Reorders the best `window.depth` candidates within `window.slack`
    /// of the best by their score plus `prior`'s weights, less the best
    /// one's. A candidate's score becomes that sum, at most the best score:
    /// one the prior lifts over the best ties with it and comes first; one
    /// it sinks scores less, and goes if that is below `threshold`.
    /// `query`: the query's comparison form; `latin`: it is Latin.
    fn rerank(
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
        let threshold = if self.lexicon.is_role_only(unromanised) {
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
            let cut = self.lexicon.titled_start(&whole);
            if cut == 0 {
                whole
            } else {
                let proper = whole.slice(cut..whole.parts().len());
                full = Some(whole);
                proper
            }
        };
        let pass = Pass {
            latin,
            alts: false,
            titled: full.is_some(),
            acronyms,
        };
        let mut out = self.score_form_k(form.clone(), threshold, k, pass, slack);
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
            merge(&mut out, more, 0.0);
        }
        // A garbled compound head (ابد القادر for عبد القادر) is not joined
        // to its name as normalisation joins عبد القادر: the query is also
        // searched with it joined, and an answer at least as good as the
        // first pass's counts. (Names near a head, سعد or عادل, are
        // searched joined too, for nothing: see COMPOUND_HEAD_MIN.)
        let perfect = k == 1 && out.first().is_some_and(|b| b.score >= 1.0);
        if !latin && !perfect {
            if let Some(joined) = self.joined_compound(&form) {
                let floor = match (k, out.first()) {
                    (1, Some(best)) => best.score.max(threshold),
                    _ => threshold,
                };
                let more = self.score_form_k(joined, floor, k, pass, slack);
                merge(&mut out, more, 0.0);
            }
        }
        // An Arabic query against a table with Latin rows: a second pass
        // prices them with the Latin costs and adds their second readings.
        // Only an answer that beats the first pass's counts: in one pass, a
        // Latin row that the lenient costs lifted early cut the search short
        // of the right Arabic row (right answers on 20,677 garbled shipped
        // spellings fell 14,249 -> 14,068; see LATIN_PASS_SHARE).
        if !latin && self.any_latin {
            let bar = threshold + (1.0 - threshold) * LATIN_PASS_SHARE;
            let floor = match (k, out.first()) {
                (1, Some(best)) => best.score.max(bar),
                _ => bar,
            };
            // (A Latin row of an entity with an Arabic spelling counts
            // LATIN_ROW_PENALTY less here: see `scored_row`.)
            let pass = Pass { alts: true, ..pass };
            let more = self.score_form_k(form, floor, k, pass, Slack::NONE);
            merge(&mut out, more, 0.0);
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
            merge(&mut out, more, ALT_PENALTY);
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
                && HEADS
                    .iter()
                    .any(|h| self.costs.similarity(&q.slice(i..i + 1), h) >= COMPOUND_HEAD_MIN)
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

    /// A query's weights, skip shares and skeletons; with `fuzzy`, also
    /// its parts' profiles and candidates (see [`QueryCtx::cands`]).
    fn query_ctx(&self, q: &Name, latin: bool, alts: bool, fuzzy: bool) -> QueryCtx {
        let k_parts = q.parts().len();
        let particle: Vec<bool> = q.parts().iter().map(is_particle).collect();
        let (mut skel, mut ks) = (Vec::new(), Vec::new());
        let cands: Vec<(Vec<u32>, usize)> = if fuzzy {
            (0..k_parts)
                .map(|i| {
                    let mut c = Vec::new();
                    let split = if particle[i] {
                        0
                    } else {
                        self.parts.candidates(
                            &self.costs,
                            q.part_symbols(i),
                            &mut skel,
                            &mut ks,
                            &mut c,
                        )
                    };
                    (c, split)
                })
                .collect()
        } else {
            Vec::new()
        };
        // Common words outside the name proper (those titles did not take
        // away: see `score_normalized`) weigh as place words do.
        let proper = self.lexicon.name_range(q);
        let place: Vec<bool> = q
            .parts()
            .iter()
            .enumerate()
            .map(|(i, p)| self.lexicon.is_place_word(p) || !proper.contains(&i))
            .collect();
        let w: Vec<f32> = (0..k_parts)
            .map(|i| {
                let near = cands.get(i).map_or(&[][..], |(c, split)| &c[..*split]);
                self.weight(q, i, place[i], near)
            })
            .collect();
        let skip = (0..k_parts)
            .map(|i| {
                if place[i] {
                    PLACE_WORD_SKIP
                } else if i > 0 && i + 1 < k_parts {
                    SKIP_QUERY_MIDDLE
                } else {
                    1.0
                }
            })
            .collect();
        let mut by_weight: Vec<usize> = (0..k_parts).collect();
        by_weight.sort_by(|&a, &b| w[b].total_cmp(&w[a]).then(a.cmp(&b)));
        let costs = if latin {
            &self.latin_costs
        } else {
            &self.costs
        };
        let latin_profiles = if fuzzy && alts && !latin {
            (0..k_parts)
                .map(|i| (!particle[i]).then(|| Profile::new(&self.latin_costs, q.part_symbols(i))))
                .collect()
        } else {
            Vec::new()
        };
        let profiles = if fuzzy {
            (0..k_parts)
                .map(|i| (!particle[i]).then(|| Profile::new(costs, q.part_symbols(i))))
                .collect()
        } else {
            Vec::new()
        };
        let names = particle.iter().filter(|&&p| !p).count();
        QueryCtx {
            total: w.iter().sum(),
            skip,
            by_weight,
            w,
            skels: (0..k_parts)
                .map(|i| {
                    crate::index::skeleton(&self.costs, q.part_symbols(i), &mut skel);
                    crate::index::packed(&skel)
                })
                .collect(),
            latin,
            particle,
            profiles,
            latin_profiles,
            alts,
            cands,
            titled: false,
            names,
            acronyms: if latin { Acronyms::Any } else { Acronyms::Auto },
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
        } = pass;
        let acronyms = match acronyms {
            Acronyms::Auto if latin => Acronyms::Any,
            rule => rule,
        };
        let exact = self.exact_rows(q.as_str(), acronyms).next().is_some();
        let mut ctx = self.query_ctx(&q, latin, alts, !exact);
        ctx.titled = titled;
        ctx.acronyms = acronyms;
        let mut buf = RowBuf::default();
        // The per-query cells and marks come from this thread's scratch: a
        // query fills hundreds of entries, and growing fresh maps each time
        // cost a tenth of a query. (An exact hit's few rows need no cells.)
        let mut scratch = SCRATCH.with(|s| s.take());
        scratch.sims.start(if exact { 0 } else { self.parts.len() });
        let Scratch { sims, rows: marks } = &mut scratch;
        let mut best: Map<u32, (f32, u32)> = Map::default();
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
        if exact {
            for row in self.exact_rows(q.as_str(), acronyms) {
                // A spelling of particles alone (آل) has no part the
                // alignment can score; its exact form is a full match.
                let s = match self.scored_exact_row(&q, row, sims, &ctx, &mut buf) {
                    s if s > 0.0 => s,
                    _ => 1.0,
                };
                consider(row, s, &mut best);
            }
        } else {
            let ctx = &ctx;
            // A row reached through query part i with part similarity s scores
            // at most 1 - w_i (1 - s) / total, so a part below
            // 1 - (1 - need) total / w_i cannot lead to a row at `need`: the
            // bounded distance cuts it. `need` is the threshold, or for the
            // top match only the best score so far; the heaviest (rarest)
            // parts go first, so the best score rises early.
            let total = ctx.total;
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
                        let s = self.scored_row(&q, row, sims, ctx, &mut buf, need_at(top));
                        top = top.max(s);
                        consider(row, s, &mut best);
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
                if 1.0 - unseen_cost / total < need {
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
                    loop {
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
                                    if marks.insert(row) {
                                        let need = need_at(top);
                                        let s = self.scored_row(&q, row, sims, ctx, &mut buf, need);
                                        top = top.max(s);
                                        consider(row, s, &mut best);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        SCRATCH.with(|s| s.set(scratch));
        let q = Arc::new(q);
        let mut out: Vec<Scored> = best
            .into_iter()
            .map(|(entity, (score, row))| Scored {
                entity,
                row,
                score,
                query: q.clone(),
                latin,
                alts,
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.row.cmp(&b.row)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_marks_start_clean_each_search_and_after_the_stamp_wraps() {
        let mut m = RowMarks::default();
        m.start(5);
        assert!(m.insert(0));
        assert!(m.insert(2));
        assert!(!m.insert(2));
        // Two parts lead to row 3, the second twice: its best gain counts.
        m.hit(3, 0, 0.5);
        m.hit(3, 1, 0.25);
        m.hit(3, 1, 0.125);
        m.hit(1, 1, 0.5);
        assert_eq!(m.touched, [0, 2, 3, 1]);
        assert_eq!(m.reached_twice().collect::<Vec<_>>(), [(0.75, 3)]);
        // The last part adds to rows marked before, and marks no other.
        m.hit_marked(1, 2, 0.25);
        m.hit_marked(4, 2, 0.25);
        m.hit_marked(0, 2, 0.25);
        assert_eq!(m.touched, [0, 2, 3, 1]);
        assert_eq!(
            m.reached_twice().collect::<Vec<_>>(),
            [(0.75, 3), (0.75, 1)]
        );
        m.start(4);
        assert!(m.touched.is_empty());
        m.hit(3, 1, 0.5);
        assert_eq!(
            m.reached_twice().count(),
            0,
            "a new search sees no old mark"
        );
        assert!(m.insert(2));
        // The last stamp before wrapping, then a search after it.
        m.stamp = u32::MAX;
        m.hit(1, 0, 0.5);
        m.hit(1, 1, 0.5);
        m.start(4);
        m.hit(1, 2, 0.5);
        assert_eq!(
            m.reached_twice().count(),
            0,
            "marks are cleared when the stamp wraps"
        );
        // Row 0's mark is the first search's, whose stamp comes round again.
        assert!(m.insert(0), "a mark from before the wrap is not current");
        // A larger table's search.
        m.start(6);
        assert!(m.insert(5) && m.insert(1));
    }

    #[test]
    fn sims_start_clean_each_query_and_after_the_stamp_wraps() {
        let mut s = Sims::default();
        // Never started: kept in the map.
        s.insert(0, 7, 0.5);
        assert_eq!(s.get(0, 7), Some(0.5));
        assert_eq!(s.candidate(0, 7), None);
        s.start(10);
        assert_eq!(s.get(0, 7), None, "a new query knows nothing");
        s.insert(0, 7, 0.9);
        s.insert(SIM_SLOTS, 7, 0.8);
        assert_eq!(s.get(0, 7), Some(0.9));
        assert_eq!(s.get(SIM_SLOTS, 7), Some(0.8), "a later part's is mapped");
        assert_eq!(s.get(1, 7), None);
        assert_eq!(s.candidate(0, 7), None, "candidates not noted yet");
        s.note_candidates(&[(vec![3, 7], 1), (vec![3], 1)]);
        assert_eq!(s.candidate(0, 7), Some(true));
        assert_eq!(s.candidate(0, 5), Some(false));
        assert_eq!(s.candidate(1, 3), Some(true));
        assert_eq!(s.candidate(SIM_SLOTS, 3), None);
        assert_eq!(s.get(0, 7), Some(0.9), "noting keeps what is known");
        s.insert(1, 3, -0.7);
        assert_eq!(s.candidate(1, 3), Some(true), "a value keeps the note");
        assert_eq!(s.get(1, 3), Some(-0.7));
        // A table part past the cells (a larger table's) is mapped.
        s.insert(0, 99, 0.4);
        assert_eq!(s.get(0, 99), Some(0.4));
        s.start(10);
        assert_eq!(s.get(0, 7), None);
        assert_eq!(s.get(0, 99), None);
        assert_eq!(s.candidate(0, 7), None);
        // The last stamp before wrapping, then a query after it.
        s.stamp = u32::MAX << SIM_FLAGS;
        s.insert(0, 1, 0.3);
        s.note_candidates(&[(vec![1], 1)]);
        s.start(10);
        assert_eq!(s.get(0, 1), None, "cells are cleared when the stamp wraps");
        s.note_candidates(&[]);
        assert_eq!(s.candidate(0, 1), Some(false));
        // A larger table's query.
        s.start(200);
        s.insert(3, 150, 0.6);
        assert_eq!(s.get(3, 150), Some(0.6));
    }

    #[cfg(feature = "builtin-aliases")]
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
            let ctx = idx.query_ctx(&q, false, false, true);
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

    /// The index's forms: Arabic rows as read, Latin rows as their first
    /// romanised reading, then every Latin row's second readings in row
    /// order, each pointing back at its row.
    #[test]
    fn latin_rows_forms_and_second_readings_keep_their_rows() {
        let text =
            "entity\tname\na\tحفتر\nb\tJerez\nc\tغوتيريش\nd\tLucchese\ne\tالسيسي\nf\tJuan Carlos\n";
        let r = Resolver::builder()
            .builtin(false)
            .table(AliasTable::from_tsv_str(text).unwrap())
            .build()
            .unwrap();
        let idx = &r.inner.index;
        let names: Vec<Name> = text.lines().skip(1).map(|l| normalize(&l[2..])).collect();
        let mut want: Vec<Name> = Vec::new();
        let mut want_alt: Vec<u32> = Vec::new();
        let mut seconds: Vec<Name> = Vec::new();
        for (i, n) in names.iter().enumerate() {
            if n.is_latin() {
                let (first, units) = romanize::romanize_units(n);
                let alts = romanize::alternatives(n, &first, &units);
                want_alt.extend(std::iter::repeat_n(i as u32, alts.len()));
                seconds.extend(alts);
                want.push(first);
            } else {
                want.push(n.clone());
            }
        }
        assert!(!seconds.is_empty(), "no second readings to check");
        want.extend(seconds);
        assert_eq!(idx.forms.len(), want.len());
        for (row, w) in want.iter().enumerate() {
            assert_eq!(idx.forms.name(row), *w, "row {row}");
            assert_eq!(
                idx.latin_row[row],
                row >= names.len() || names[row].is_latin()
            );
        }
        assert_eq!(idx.alt_of, want_alt);
    }

    /// An exact hit's rows, scored cheaply, score what a search without a
    /// bound gives them: every shipped spelling (Latin ones romanised), in
    /// both passes (second readings and Latin-row penalties), and Latin
    /// queries whose romanised form is an Arabic row's (a prefix whose
    /// skeleton differs: such rows score under 1).
    #[test]
    #[cfg(feature = "builtin-aliases")]
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
        for (text, q, mut ctx, rows) in garbled_reached(&r, 150) {
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
    #[cfg(feature = "builtin-aliases")]
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
                    let full = idx.row_score(&q, row, &mut Sims::default(), &ctx, &mut buf, 0.0);
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
