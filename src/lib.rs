//! asmaa (أسماء, "names") finds out which spellings of a name mean the same
//! person, place or organisation in Arabic text. Machine-translated news
//! spells the Libyan general Khalifa Haftar حفتر, هفتر and حفطر, and the UN
//! Secretary-General Guterres غوتيريش, غوتيريس and جوتيريس; asmaa folds Arabic
//! letter variants, compares names with an edit distance whose costs know
//! which letters get confused, resolves names against a curated alias table,
//! clusters spellings that no table knows, and finds and groups the names in
//! running text. Latin spellings (Haftar, Hifter, Gaddafi, Kadhafi) are
//! romanised onto Arabic letters (with second guesses for other languages'
//! readings: Spanish j as خ, Italian ch as ك, for Latin queries, Latin
//! table rows and clustering alike) and compared with costs of their own
//! ([`Costs::shipped_latin`]). Priors learned from real spelling pairs
//! reorder a query's best few candidates ([`ResolverBuilder::prior`]) and
//! weigh near pairs of one-part names when clustering
//! ([`ClustererBuilder::prior`]).
//!
//! # Overview
//!
//! - [`normalize`] turns any spelling into a [`Name`]: its comparison form and
//!   its [`Part`]s, with the article ال and clitics recorded as removable.
//! - [`distance`], [`similarity`] and [`explain`] compare two spellings with
//!   the shipped [`Costs`]; [`Costs`] has the bounded form for search.
//! - [`AliasTable`] holds entities and their spellings (the shipped table has
//!   2,642 entities: leaders, past figures, countries, cities, regions,
//!   organisations, armed groups, state bodies, news agencies and outlets).
//! - [`Resolver`] ties a spelling to an entity, with a score and an
//!   [`Alignment`] that shows why.
//! - [`Clusterer`] groups spellings that no table knows.
//! - [`Scanner`] finds every name mention in running text and groups them.
//!
//! Start with [`Scanner`] for articles, [`Resolver`] for a list of names, and
//! [`Clusterer`] for a bag of spellings.
//!
//! # Example: resolve garbled spellings
//!
//! ```
//! use asmaa::Resolver;
//!
//! let r = Resolver::new();
//! for q in ["حفتر", "هفتر", "المشير خليفة بلقاسم حفتر", "Hifter"] {
//!     let m = r.resolve(q)?.expect("a spelling of Haftar");
//!     assert_eq!(m.entity.id, "khalifa-haftar");
//! }
//! let m = r.resolve("جوتيريس")?.unwrap();
//! assert_eq!(m.entity.canonical_latin.as_deref(), Some("António Guterres"));
//! # Ok::<(), asmaa::Error>(())
//! ```
//!
//! # Example: the letter costs at work
//!
//! ```
//! use asmaa::distance;
//!
//! // A corrupted Haftar is closer to حفتر than to a corrupted Guterres.
//! assert!(distance("هوتر", "حفتر") < distance("هوتر", "غوتيري"));
//! assert!(distance("دهثر", "حفتر") < distance("حفتر", "غوتيريش"));
//! // Folding: hamza seats, ى/ي, ة/ه, harakat and tatweel do not count.
//! assert_eq!(distance("أسامة", "اسامه"), 0.0);
//! ```
//!
//! # Example: cluster unknown spellings
//!
//! ```
//! use asmaa::Clusterer;
//!
//! let c = Clusterer::builder().anchors(false).build()?;
//! let g = c.cluster(["غوتيريش", "غوتيريس", "جوتيريس", "حفتر", "حفطر", "هفتر"]);
//! assert_eq!(g.len(), 2);
//! assert_eq!(g.cluster_of("حفطر").unwrap().id, g.cluster_of("هفتر").unwrap().id);
//! # Ok::<(), asmaa::Error>(())
//! ```
//!
//! # Example: names in running text
//!
//! ```
//! use asmaa::Scanner;
//!
//! let scan = Scanner::new().scan("التقى الأمين العام غوتيريش في بنغازي المشير حفتر، وقال جوتيريس إن هفتر وعد بالتهدئة.");
//! let guterres: Vec<_> = scan.mentions().iter().filter(|m| m.entity.as_ref().is_some_and(|e| e.id == "antonio-guterres")).collect();
//! assert_eq!(guterres.len(), 2);
//! assert_eq!(guterres[0].group, guterres[1].group);
//! ```
//!
//! # Normalization
//!
//! [`normalize`] applies, in order:
//! - Presentation forms U+FB50–U+FDFF and U+FE70–U+FEFE through NFKC (only
//!   when present); U+FEFF removed.
//! - Removed: harakat and marks U+0610–U+061A, U+064B–U+065F, U+0670,
//!   U+06D6–U+06ED; tatweel U+0640; zero-width and bidi controls
//!   U+200B–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C; soft hyphen U+00AD.
//! - Folded: أ إ آ ٱ ٲ ٳ ٵ → ا; ى ئ ی ې ۍ ے ۓ ێ → ي; ة ہ ھ ە ۀ ۃ → ه;
//!   ؤ ۆ ۇ ۈ ۋ → و; ک ڪ → ك; ڨ ڭ → گ; ڢ → ف; ڧ → ق; ٹ ڈ ڑ ں → ت د ر ن;
//!   Eastern Arabic (U+0660–0669) and Persian (U+06F0–06F9) digits → 0–9.
//!   گ پ چ ژ ڤ ڥ stay distinct letters: the cost table makes them cheap
//!   against their Arabic neighbours.
//! - Latin letters are lower-cased and stripped of diacritics (NFD); ß æ œ þ
//!   ø đ ł ı are spelled out, and so are the letters Arabic writes with its
//!   own: č ć → tch, š ş ș → sh, ž → zh (Krešić → kreshitch, كريشيتش),
//!   and ç → s (França, فرانسا);
//!   apostrophes and ʿ ʾ join letters.
//! - Spaces and punctuation between parts collapse to one space, trimmed.
//! - Parts follow Unicode word boundaries (UAX #29). عبد and أبو join the
//!   next part (عبد الله = عبدالله); ابن → بن; آل joins the next part.
//!   Written with پ, these words (عپد الله, اپو زيد, and بن, ابن, بنت
//!   between two words) read as with ب: they have no p.
//! - Each Arabic part records a leading article ال (when three letters or
//!   more follow: الله stays whole) and a clitic و ف ب ك ل, or لل (when four
//!   letters follow, or the article: بلال stays whole). They stay in the
//!   text; the distance charges little for an article on one side only.
//!
//! # Performance
//!
//! Costs, and what was measured (`cargo bench` medians on this project's
//! shared, busy 2-core machine; BENCHMARKS.md has the method, every figure and
//! the comparison with RapidFuzz):
//!
//! - **Distance**: O(n·m) for names of n and m letters, no heap allocation
//!   under 64 letters; the bounded form stops at the first DP row over the
//!   cutoff, unless a transposition from the row before could still jump
//!   it. About 0.6 µs per pair of realistic names.
//! - **normalize**: O(n); about 0.7 million names per second.
//! - **Resolver**: an exact query is one hash lookup (about 2 µs, flat
//!   from 10k to 100k spellings; its answer's alignment is worked out only
//!   if read). An Arabic query of several name parts first scores the
//!   rows under its name key (every part's consonant classes) and stops
//!   there when one scores 0.875 (about 10 µs). Otherwise a fuzzy query
//!   costs a bounded distance per candidate part sharing a skeleton key (a
//!   query part is prepared once for all of them); candidates grow with
//!   the table, so fuzzy time does too (about 0.08 ms of one core per
//!   one-word query against 87k real spellings, over all 3,813 dev
//!   queries). Generated queries of one to five parts against 100k
//!   spellings: 23 µs each on average over 1,000 (criterion, 2026-12-05),
//!   half of it in the one in twenty that search thousands of rows. A
//!   table's rows are normalised as it is read, on another core, and
//!   [`Resolver::resolve_many`] answers a batch on all cores, each distinct
//!   query once: the `resolve` example loads the 87k-spelling dev table
//!   and answers its 3,813 Arabic queries in 0.19–0.36 s all told, 0.1 s
//!   of it the loading (2 cores, shared machine whose
//!   speed drifts); a 1M-row table loads and is indexed in 1.1–1.6 s.
//!   Resolver memory (table and index): about 540 bytes per spelling on
//!   the generated 100k table, including 48 bytes per distinct name part
//!   for its letter groups (the distance's bound) and about 60 per
//!   spelling for the name keys; each thread
//!   that resolves reserves 16 more per spelling and, for fuzzy queries,
//!   32 per distinct part, touched only where its queries reach.
//! - **Clusterer**: near-linear in distinct spellings (blocking, about ten
//!   candidate pairs each, scored on all cores; its large sorts too):
//!   whole `cluster` runs on generated names take 0.04–0.12 s for 10k,
//!   0.5–1.2 s for 100k and 6.3–13.5 s for 1M (1.1 GB) on a 2-core shared
//!   machine whose speed drifts (2026-12-03).
//! - **Scanner**: linear in the words, plus one fuzzy lookup per distinct
//!   candidate word, and per distinct name after a title whose parts the
//!   table has (both cached); texts are read in 256 KB segments. 1.4–3 MB/s;
//!   a 100 MB text took 23 s and 0.6 GB.
//!
//! # Crate features
//!
//! - `builtin-aliases` (default): embeds `data/aliases.tsv` as the default
//!   table of [`Resolver::new`], [`Clusterer::new`] and [`Scanner::new`].
//! - `serde`: `Serialize` on the result types.
//!
//! Names longer than [`MAX_NAME_CHARS`] are rejected by the resolver with
//! [`Error::TooLong`] and left alone by the clusterer; the distance compares
//! at most [`MAX_DISTANCE_LETTERS`] letters of a name.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod alias;
mod cluster;
mod distance;
mod error;
mod forms;
mod index;
mod letters;
mod lexicon;
mod normalize;
mod par;
mod prior;
mod resolve;
mod roles;
mod romanize;
mod scan;
mod tsv;

pub use alias::{AliasTable, Entity, Kind, Script};
pub use cluster::{
    Cluster, Clusterer, ClustererBuilder, Clustering, Clusters, DEFAULT_CLUSTER_THRESHOLD, Member,
};
pub use distance::{Alignment, MAX_DISTANCE_LETTERS, Op, Step, distance, explain, similarity};
pub use error::{DataError, Error, Result};
pub use letters::Costs;
pub use normalize::{Name, Part, normalize};
#[doc(hidden)]
pub use prior::{prior_features, prior_query};
#[doc(hidden)]
pub use resolve::prior_window;
pub use resolve::{DEFAULT_RESOLVE_THRESHOLD, MAX_NAME_CHARS, Match, Resolver, ResolverBuilder};
pub use scan::{Mention, Scan, Scanner, ScannerBuilder};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
