//! The resolver: ties any spelling to a known entity, with a score and an
//! explanation.

use std::sync::Arc;

use crate::alias::{AliasTable, Entity};
use crate::distance::Alignment;
use crate::error::{Error, Result};
use crate::index::Map;
use crate::letters::Costs;

mod acronym;
mod build;
mod lookups;
mod namekey;
mod passes;
mod query;
mod rerank;
mod score;
mod scratch;
mod search;

pub(crate) use acronym::is_acronym;
use build::Index;
pub(crate) use query::match_form_of;
pub use rerank::prior_window;

#[cfg(doc)]
use crate::lexicon::Lexicon;
#[cfg(doc)]
use search::Pass;

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
/// A query of two name parts or more (an Arabic one, for the single best
/// answer) first scores the rows under its name key (see
/// `namekey::NameKeys`: every part's consonant classes, or one class
/// less in one part); when one of them reaches this, that is the answer
/// and the search through the parts' candidates is not made. Else that
/// search runs as it would have.
///
/// The search it skips finds the best row wherever it is; a row outside
/// the key that beats one at this score within it is rare. Against 0.9
/// (the first choice: `WIDE_BELOW` in `passes`, the best score from which
/// a several-part query's search looks at the best only), on five sets of
/// 20,000 garbled shipped spellings, answers better / worse: 0.88 1 / 5,
/// 0.875 2 / 5, 0.86 2 / 6, 0.85 2 / 11; 2,000 generated queries against
/// the 100k table, acc@1 0.980 → 0.9815 (0.875, 0.88) or 0.982 (0.85,
/// 0.86), mean 27 → 22–24 µs; the 100 fuzzy queries criterion then
/// timed, 0.98 → 1.0 and a mean of 37 → 12–13 µs (their slowest, راشد بدر المشر, meets راشد
/// بدر المصري at 0.889 under its key: two edits, ش for ص and the final ي
/// dropped, and had searched 5,752 rows for it). dev.arabres and dev.xres
/// (one part, or Latin), the scanner's samples and probes and anchored
/// clustering do not move. Against the search before the name key: 8–13
/// lines per garbled set moved at 0.9 (five answers better, one worse).
const NAME_KEY_SURE: f32 = 0.875;
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
    /// unique. Of entities that tie, the match is the first: after a
    /// title, one that holds a role of the title (`data/roles.tsv`: الرئيس
    /// قيس is Kais Saied, a head of state, before Qais al-Khazali); then
    /// the one the table lists more spellings for; then table order.
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
    /// to 0.662 re-measured in December 2026, 0.668 with the context of
    /// inserted and deleted letters); `data/README.md`
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
/// تميم), or answers one of several with the others as ties (الرئيس قيس:
/// first one who holds the title's role, see [`Match::ties`]). A query
/// whose first part matches the part after a row's بن pays half that
/// part's weight: زايد alone is not محمد بن زايد (nor, by
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
/// // Two Qais: the president first, the militia leader a tie.
/// let m = r.resolve("الرئيس قيس")?.expect("known");
/// assert_eq!(m.entity.id, "kais-saied");
/// assert_eq!(m.ties, ["qais-al-khazali"]);
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
    /// Cost: an exact hit is one hash lookup. An Arabic query of several
    /// name parts first scores the few rows under its name key (the
    /// consonant classes of all its parts: a hash lookup per part class),
    /// and when one of them scores 0.875 that is the answer (a median 5–7
    /// µs against 100k generated spellings). Otherwise a fuzzy query computes
    /// the bounded distance against the parts sharing a skeleton key with
    /// its parts (about 450 for a one-word query against the 87k dev
    /// spellings, 97% of them ruled out within a few DP rows), so time
    /// does not grow with the table size except through those candidates;
    /// a garbled name of common parts whose best answer scores under
    /// 0.875 may score thousands of rows (at most 3,000 per search pass,
    /// past which the best found stands: about 1 ms).
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
    /// are touched, the rows and part pairs its last query reached, and
    /// the buffers of its last search context.
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
