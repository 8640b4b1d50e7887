//! Names in running text: find every mention and group the spellings of
//! each entity within the document.
//!
//! Mentions are found six ways, in this order at each word:
//! 0. a name in Latin letters (Emmanuel Macron, Bashar al-Assad): a run
//!    of capitalised words resolved whole (after a title, too);
//! 1. a spelling of the alias table, matched as whole words on the parts'
//!    cores (so clitics و ب ل ف ك لل and the article are tolerated);
//! 2. a title or role (الرئيس, المشير, الأمين العام, ... from `data/titles.tsv`),
//!    possibly followed by common words such as a nationality (الليبي), then
//!    the name that follows it;
//! 3. a known given name followed by another name word (and nasab/kunya
//!    chains: بن, ابن, أبو, عبد ال...; a third word after two given names
//!    or before إن/أن), a compound of عبد alone, or آل and a family;
//! 4. any other word that the resolver ties to an entity at a high score
//!    (spelling variation of a known name);
//! 5. the one word between a verb of reported speech and إن or أن (وقال
//!    فكي إن): a speaker's name.
//!
//! A second pass (echoes) then finds a name part found elsewhere in the
//! text: a family name again, perhaps spelled another way (حفطر after
//! خليفة حفتر), and a given name alone that opens one person's full name
//! in the text (نيجيرفان after نيجيرفان بارزاني).
//!
//! Words of `data/stopwords.tsv` never start or continue a name, but a
//! nisba as a family name after a given name (محمد إسلامي, محمد شياع
//! السوداني); words of `data/common_words.tsv` neither, but as a family
//! name after a given name (آدم رجال) or, in a nisba's shape with the
//! article, after another name word (رشاد العلمي). A one-word table
//! spelling must match the article as written (السيول is no سيول), and a
//! lone word with the article gets no fuzzy lookup (4.).
//! Mentions are then grouped by entity, by spelling (the clusterer's
//! average linkage) and by context: a family name alone joins the full name
//! that ends with it; mentions under the same kind of title with close
//! names join; mentions whose titles name different roles stay apart.

use crate::index::Map;
use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use crate::alias::{Entity, Kind};
use crate::cluster::{Cluster, Clusterer, Member};
use crate::error::Result;
use crate::lexicon::{self, Lexicon};
use crate::normalize::{Name, Part, normalize};
use crate::resolve::{MAX_NAME_CHARS, Resolver};

/// Least score for a word with no cue to count as a spelling of a known name.
const FUZZY_WORD_THRESHOLD: f32 = 0.9;
/// The same for places and organisations, whose names machine translation
/// garbles less and which common words resemble more.
const FUZZY_OTHER_THRESHOLD: f32 = 0.95;
/// Least score for a run of name words with no title to count as a spelling
/// of a known person's name: every part must be close (رجب طيب إردوجان,
/// 0.997; خليفة هفتر, 0.985; عبد الله حمدوق, 0.967), as a common given name
/// with a family name near the table's is another person (أنس العبيدي is
/// no أنس العبدة, 0.952). Measured per sentence (وقال ... إن) on one
/// confusion edit (ت ط, س ص ث, ق غ ج ك, a long vowel ...) of each table
/// person's name, and on 6,000 unknown names (a common given name and a
/// one-word name of the development clusters): from 0.97, 0.96 linked
/// 108 more of 1,164 garbled names and 2 more unknown ones (57 in all);
/// 0.95 another 44, and no more unknown ones.
const RUN_THRESHOLD: f32 = 0.96;
/// Least score for a run of name words after a title to count as a
/// spelling of a known person who holds a role of the title, where
/// [`RUN_THRESHOLD`] found nobody. Measured per sentence (وأكد <title>
/// ... أن): of 861 table people with one confusion edit after a title of
/// their role, 0.95 linked 34 more (0.94: 48, 0.93: 56), none wrong; of
/// 6,000 unknown names after a random title (a given name and a one-word
/// name of the development clusters), none more (0.94: 1, 0.93: 2, such
/// as اللواء حافظ إيلياس for Hafez al-Assad).
const ROLE_RUN_THRESHOLD: f32 = 0.95;
/// Most letters of a short word, which the fuzzy lookup of a lone word
/// takes only at [`FUZZY_OTHER_THRESHOLD`].
const SHORT_WORD: usize = 4;
/// Least letters in a word for the fuzzy lookup (short words are too often
/// common words).
const FUZZY_MIN_LETTERS: usize = 4;
/// Most steps taken as a title's complement, each one word or و and a
/// noun before one with the article (وزيرة التخطيط والتنمية الاقتصادية
/// والتعاون الدولي).
const MAX_COMPLEMENT: usize = 6;
/// Longest name, in words, taken after a cue.
const MAX_NAME_WORDS: usize = 4;
/// Least similarity for two mentions under the same kind of title to join.
const SAME_TITLE_SIM: f32 = 0.65;
/// How many people's names before a speaker of reported speech its source
/// is looked for among (see `Scanner::echoes`).
const SPEAKER_REACH: usize = 64;
/// Least similarity for a word to be taken as a spelling of a name found
/// elsewhere in the same document (second pass). Respellings of one name
/// that machine translation makes are at 0.86 or more (هوتر and حفتر
/// 0.86, عراقتشي and عراقجي 0.87, most above 0.95); words between 0.78
/// and 0.85 on the probe articles were all other words (أرسلان from
/// بارزاني, إيران, سوريا, باكو from براك).
const ECHO_SIM: f32 = 0.85;
/// Least similarity for a word two long vowels longer or shorter than the
/// name to be taken as its spelling in the second pass (حافتار for حفتر,
/// 0.94; not ميدانيا for فيدان, 0.79).
const ECHO_LONG_SIM: f32 = 0.9;
/// Least letters in a word for the second pass.
const ECHO_MIN_LETTERS: usize = 4;
/// Prepositions whose folded forms are names (على folds to علي; لصالح, in
/// favour of, reads as ل and صالح): compared as written, before folding.
const RAW_STOP: [&str; 8] = [
    "على",
    "وعلى",
    "فعلى",
    "الى",
    "إلى",
    "إلي",
    "لصالح",
    "ولصالح",
];

/// Least similarity for a family name alone to join a full name.
const FAMILY_SIM: f32 = 0.85;

/// One mention of a name in the text.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Mention {
    /// Char offset of the first char of the mention (after any title).
    pub start: usize,
    /// Char offset one past the last char (exclusive).
    pub end: usize,
    /// The text of the mention as written (clitic included).
    pub surface: String,
    /// The name inside it, without a leading clitic.
    pub name: String,
    /// The title or role before it, as written, if any.
    pub title: Option<String>,
    /// Index of the mention's group in [`Scan::groups`].
    pub group: usize,
    /// The entity, when known (shared by the mentions of one entity).
    pub entity: Option<Arc<Entity>>,
}

/// The result of [`Scanner::scan`]: mentions in text order, and their groups.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    mentions: Vec<Mention>,
    groups: Vec<Cluster>,
}

impl Scan {
    /// The mentions, in text order.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    /// The groups, in order of first mention. Each group's members are the
    /// distinct names with their counts; `entity` is set when known.
    pub fn groups(&self) -> &[Cluster] {
        &self.groups
    }
}

/// Options for a [`Scanner`].
#[derive(Clone, Debug, Default)]
pub struct ScannerBuilder {
    no_aliases: bool,
    resolver: Option<Resolver>,
    clusterer: Option<Clusterer>,
}

impl ScannerBuilder {
    /// Scan without any alias table: names are found from cues only and
    /// grouped by spelling and context. Default: with the shipped table.
    pub fn no_aliases(mut self) -> Self {
        self.no_aliases = true;
        self
    }

    /// The resolver (and so the table) to use. Default: [`Resolver::new`].
    pub fn resolver(mut self, r: Resolver) -> Self {
        self.resolver = Some(r);
        self.no_aliases = false;
        self
    }

    /// The clusterer for spelling groups (its anchors are ignored: the
    /// scanner anchors with its own resolver). Default: default options.
    pub fn clusterer(mut self, c: Clusterer) -> Self {
        self.clusterer = Some(c);
        self
    }

    /// Builds the scanner and its phrase index. Cost: O(table rows).
    ///
    /// # Errors
    ///
    /// None at present; the `Result` leaves room for options that can fail.
    pub fn build(self) -> Result<Scanner> {
        let resolver = if self.no_aliases {
            None
        } else {
            Some(self.resolver.unwrap_or_default())
        };
        let mut phrases: Map<String, Vec<Phrase>> = Map::default();
        if let Some(r) = &resolver {
            let lexicon = lexicon::shipped();
            for (form, entity, latin) in r.forms() {
                let cores: Vec<String> =
                    form.parts().iter().map(|p| p.core().to_string()).collect();
                if cores.is_empty() || cores.iter().any(String::is_empty) {
                    continue;
                }
                // A Latin spelling read in Arabic letters whose later word
                // is a particle (Mohammed VI, محمد في: in) reads running
                // text that no Arabic spelling would (محمد في بيان).
                let particle = |p: &Part| lexicon.is_stop(p) && !lexicon.is_nominal(p);
                if latin && form.parts().iter().skip(1).any(particle) {
                    continue;
                }
                let first = form.parts()[0].as_str().to_string();
                let article = form.parts()[0].has_article();
                let list = phrases.entry(cores[0].clone()).or_default();
                if !list
                    .iter()
                    .any(|(c, e, f, _, _)| *c == cores && *e == entity && *f == first)
                {
                    list.push((cores, entity, first, article, latin));
                }
            }
        }
        // Longest phrases first, so the first match found is the longest.
        for list in phrases.values_mut() {
            list.sort_by(|a, b| {
                b.0.len()
                    .cmp(&a.0.len())
                    .then(a.1.cmp(&b.1))
                    .then(a.2.cmp(&b.2))
            });
        }
        let clusterer = self.clusterer.unwrap_or_else(|| {
            Clusterer::builder()
                .anchors(false)
                .build()
                .unwrap_or_default()
        });
        Ok(Scanner {
            resolver,
            phrases,
            clusterer,
            lexicon: lexicon::shipped(),
        })
    }
}

/// A table phrase under its first word's core: every word's core, the
/// entity, the first word as the table writes it, whether that word
/// carries the article, and whether the phrase is a Latin row read in
/// Arabic letters.
type Phrase = (Vec<String>, u32, String, bool, bool);

/// Finds and groups the names in running text.
///
/// `Send + Sync`. Cost: one pass over the words with hash lookups, a fuzzy
/// lookup per distinct candidate word or garbled run (cached per segment
/// of about 256 KB), the echo pass (a skeleton-keyed lookup per word
/// against the segment's person names), and clustering over the distinct
/// mention names: near linear in the text for news, where the names per
/// segment are few.
///
/// ```
/// use asmaa::Scanner;
///
/// let s = Scanner::new();
/// let scan = s.scan("قال المشير خليفة حفتر إن قواته تقدمت، وأكد هفتر أن الأمين العام غوتيريش دعا إلى الهدوء.");
/// let names: Vec<&str> = scan.mentions().iter().map(|m| m.name.as_str()).collect();
/// assert!(names.contains(&"خليفة حفتر") && names.contains(&"هفتر"));
/// let haftar = &scan.mentions()[0];
/// assert_eq!(haftar.entity.as_ref().unwrap().id, "khalifa-haftar");
/// assert_eq!(haftar.title.as_deref(), Some("المشير"));
/// let hifter = scan.mentions().iter().find(|m| m.name == "هفتر").unwrap();
/// assert_eq!(hifter.group, haftar.group);
/// ```
#[derive(Clone, Debug)]
pub struct Scanner {
    resolver: Option<Resolver>,
    /// First part core → (all part cores, entity) of table spellings.
    phrases: Map<String, Vec<Phrase>>,
    clusterer: Clusterer,
    lexicon: &'static Lexicon,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new()
    }
}

/// A word of the text.
struct Word<'t> {
    text: &'t str,
    byte: (usize, usize),
    chars: (usize, usize),
    part: Option<Part>,
    /// Only white space (no line break or punctuation) separates it from
    /// the previous word, or a hyphen that touches both, Latin words
    /// (al-Assad).
    joined: bool,
}

/// A mention before grouping.
struct Found {
    words: (usize, usize),
    /// For a second-pass mention: the first word of the mention it echoes.
    echo: Option<usize>,
    /// Whether the first word's clitic is a clitic (not part of the name).
    strip: bool,
    title: Option<(usize, usize, String)>,
    entity: Option<u32>,
    /// Its entity came from the fuzzy lookup of a lone word.
    lone: bool,
    /// Found as the speaker of reported speech (see [`Scanner::speaker_at`]).
    speaker: bool,
}

impl Found {
    /// A mention of words `words` found in the first pass (no echo).
    fn new(
        words: (usize, usize),
        strip: bool,
        title: Option<(usize, usize, String)>,
        entity: Option<u32>,
    ) -> Found {
        Found {
            words,
            echo: None,
            strip,
            title,
            entity,
            lone: false,
            speaker: false,
        }
    }
}

/// A lone word's best table spelling (see [`Scanner::fuzzy_word`]).
#[derive(Clone, Copy)]
struct Hit {
    entity: u32,
    score: f32,
    /// The spelling is one word.
    one_word: bool,
    /// The spelling is Latin (romanised).
    latin: bool,
    /// The word has the spelling's shape (see [`shaped_as`]).
    ends_so: bool,
    /// The spelling opens with the article.
    article: bool,
}

impl Scanner {
    /// A scanner with the shipped alias table.
    pub fn new() -> Scanner {
        ScannerBuilder::default()
            .build()
            .unwrap_or_else(|e| panic!("default scanner cannot fail: {e}"))
    }

    /// Options.
    pub fn builder() -> ScannerBuilder {
        ScannerBuilder::default()
    }

    fn words<'t>(&self, text: &'t str) -> Vec<Word<'t>> {
        let mut out = Vec::new();
        let mut chars = 0usize;
        let mut joined = false;
        // Where a hyphen that touches a Latin word ends (al-Assad): the
        // next word stays joined only if it starts there and is Latin.
        let mut hyphen_end: Option<usize> = None;
        for (b, seg) in text.split_word_bound_indices() {
            let n = seg.chars().count();
            if seg.chars().any(char::is_alphanumeric) {
                if hyphen_end
                    .take()
                    .is_some_and(|e| e != b || !latin_word(seg))
                {
                    joined = false;
                }
                let norm = normalize(seg);
                let part = (norm.parts().len() == 1).then(|| norm.parts()[0].clone());
                out.push(Word {
                    text: seg,
                    byte: (b, b + seg.len()),
                    chars: (chars, chars + n),
                    part,
                    joined,
                });
                joined = true;
            } else {
                let space = seg
                    .chars()
                    .all(|c| c == ' ' || c == '\u{A0}' || c == '\t' || is_mark_or_control(c));
                // A hyphen inside a Latin name (al-Assad) joins.
                let hyphen = seg == "-"
                    && hyphen_end.is_none()
                    && out
                        .last()
                        .is_some_and(|w: &Word<'_>| w.byte.1 == b && latin_word(w.text));
                if hyphen {
                    hyphen_end = Some(b + seg.len());
                } else if !space {
                    joined = false;
                    hyphen_end = None;
                }
            }
            chars += n;
        }
        // Compounds are one word, as normalize makes them one part:
        // عبد الفتاح, أبو مازن, آل سعود, and with a clitic on the head,
        // وأبو مهدي.
        let mut merged: Vec<Word<'t>> = Vec::with_capacity(out.len());
        let mut it = out.into_iter().peekable();
        while let Some(w) = it.next() {
            // (ب before أبو written with its hamza is a clitic, بأبو مازن,
            // which the normaliser cannot tell from بابو, Babu, once the
            // hamza is folded.)
            let b_kunya = ["بأبو", "بأبي"].iter().any(|h| {
                w.text
                    .strip_prefix(h)
                    .is_some_and(|rest| rest.chars().all(crate::normalize::is_dropped))
            });
            let head = b_kunya
                || w.part.as_ref().is_some_and(|p| {
                    matches!(p.as_str(), "عبد" | "ابو" | "ابي" | "ابا" | "بو" | "ال")
                        || crate::normalize::clitic_on_head(p.as_str())
                });
            if head {
                // (Not a head written with the madda before a stop word:
                // آبي of شينزو آبي أمس, Abe, folds to the head ابي, and
                // ابيامس names no one. أبو الأعلى and آل ثاني stay.)
                let kunya = w.text.starts_with('آ')
                    && w.part
                        .as_ref()
                        .is_some_and(|p| matches!(p.as_str(), "ابو" | "ابي" | "ابا"));
                if let Some(next) = it.peek().filter(|n| {
                    n.joined
                        && n.part.as_ref().is_some_and(|p| !p.is_latin())
                        && !(kunya && self.is_stop(n))
                }) {
                    let span = &text[w.byte.0..next.byte.1];
                    let norm = if b_kunya {
                        normalize(&span['ب'.len_utf8()..])
                    } else {
                        normalize(span)
                    };
                    if let [p] = norm.parts() {
                        let part = Some(if b_kunya {
                            crate::normalize::make_part(format!("ب{}", p.as_str()))
                        } else {
                            p.clone()
                        });
                        let (byte, chars) = ((w.byte.0, next.byte.1), (w.chars.0, next.chars.1));
                        it.next();
                        merged.push(Word {
                            text: span,
                            byte,
                            chars,
                            part,
                            joined: w.joined,
                        });
                        continue;
                    }
                }
            }
            merged.push(w);
        }
        merged
    }

    /// Whether word `w` is a common word: a stop word, a common word of
    /// news text (`data/common_words.tsv`), one of [`RAW_STOP`], a Latin
    /// word of one letter, or one written with the tanween of the
    /// accusative (مالياً, مشيراً: an adverb or an indefinite noun, never
    /// a name).
    fn is_stop(&self, w: &Word<'_>) -> bool {
        RAW_STOP.contains(&w.text)
            || w.text.contains('\u{064B}')
            || w.part.as_ref().is_none_or(|p| {
                self.lexicon.is_stop(p)
                    || self.lexicon.is_common(p)
                    || p.is_latin() && p.as_str().len() < 2
            })
    }

    /// Drops each one-word mention with no title that is a table spelling
    /// and an everyday word too (القاعدة, the rule; مشهد, a scene; see
    /// [`Lexicon::is_everyday_name`]), unless another mention in the text
    /// names its entity (تنظيم القاعدة ... القاعدة), a noun of a kind of
    /// place stands before it (مدينة الزاوية) or و joins it to the mention
    /// before it (مصراتة والزاوية): alone, it is mostly the word (حجر
    /// الزاوية, من هذه الزاوية). Linear in the mentions.
    fn drop_everyday_alone(&self, words: &[Word<'_>], found: &mut Vec<Found>) {
        // (`find` gives the mentions in text order. A name joined by و to
        // the mention just before it, مصراتة والزاوية, is of a list of
        // names.)
        let alone: Vec<bool> = found
            .iter()
            .enumerate()
            .map(|(x, f)| {
                let (a, b) = f.words;
                let everyday = b - a == 1
                    && f.title.is_none()
                    && f.entity.is_some()
                    && words[a]
                        .part
                        .as_ref()
                        .is_some_and(|p| self.lexicon.is_everyday_name(p));
                let listed = || {
                    x > 0
                        && found[x - 1].words.1 == a
                        && words[a]
                            .part
                            .as_ref()
                            .is_some_and(|p| p.clitic() == Some('و'))
                };
                let described = || {
                    a.checked_sub(1)
                        .and_then(|k| words[k].part.as_ref())
                        .is_some_and(|q| self.lexicon.is_descriptor(q))
                };
                everyday && !listed() && !described()
            })
            .collect();
        if !alone.contains(&true) {
            return;
        }
        let named: std::collections::HashSet<u32> = found
            .iter()
            .zip(&alone)
            .filter(|&(_, &a)| !a)
            .filter_map(|(f, _)| f.entity)
            .collect();
        let mut k = 0;
        found.retain(|f| {
            let keep = !alone[k] || f.entity.is_some_and(|e| named.contains(&e));
            k += 1;
            keep
        });
    }

    /// Drops the runs that no cue supports and that open with a given
    /// name that is an everyday word: no title, no table entity, a second
    /// word that is no given name, nisba (in ي) or craft's name and has
    /// the shape of an adjective (see [`adjective_shape`]; كريم بنزيما
    /// stays); no verb of speech or nisba before it (الجزائري رياض محرز)
    /// and no إن/أن after it (قال سالم معافى إن would name a speaker), no
    /// و joining it to the mention before it (سمير جعجع ووليد جنبلاط), no
    /// nisba right after it (مني أركو مناوي); and its last word nowhere
    /// else in the segment but after the same first word (a person named
    /// so is mostly named again). نسيم عليل (a gentle breeze), إيمان راسخ
    /// (firm faith), سالم معافى (safe and sound) go. Linear in the words.
    fn drop_uncued_everyday(&self, words: &[Word<'_>], found: &mut Vec<Found>) {
        let family = |w: &Word<'_>| {
            written_nisba(w.text)
                || w.part
                    .as_ref()
                    .is_some_and(|p| self.lexicon.is_given(p) || craft_noun(p.core()))
        };
        let doubtful: Vec<bool> = found
            .iter()
            .enumerate()
            .map(|(x, f)| {
                let (a, b) = f.words;
                if f.entity.is_some() || f.title.is_some() || f.speaker || b - a < 2 {
                    return false;
                }
                let Some(first) = words[a].part.as_ref() else {
                    return false;
                };
                if !self.lexicon.is_everyday_given(first)
                    || family(&words[a + 1])
                    || !words[a + 1]
                        .part
                        .as_ref()
                        .is_some_and(|p| adjective_shape(p.core()))
                {
                    return false;
                }
                // (A nisba before it is the person's nationality.)
                let spoken = a > 0
                    && words[a].joined
                    && (self.lexicon.is_speech(words[a - 1].text)
                        || words[a - 1]
                            .part
                            .as_ref()
                            .is_some_and(|p| self.lexicon.is_nisba(p)))
                    || self.speech_end(words, b);
                let listed = x > 0 && found[x - 1].words.1 == a && first.clitic() == Some('و');
                let longer = words
                    .get(b)
                    .is_some_and(|n| n.joined && written_nisba(n.text) && !self.is_stop(n));
                !spoken && !listed && !longer
            })
            .collect();
        if !doubtful.contains(&true) {
            return;
        }
        // Where each word's core stands.
        let core = |j: usize| words[j].part.as_ref().map(Part::core);
        let mut at: Map<&str, Vec<usize>> = Map::default();
        for j in 0..words.len() {
            if let Some(c) = core(j) {
                at.entry(c).or_default().push(j);
            }
        }
        let mut x = 0;
        found.retain(|f| {
            x += 1;
            if !doubtful[x - 1] {
                return true;
            }
            let (a, b) = f.words;
            let first = core(a);
            core(b - 1).and_then(|c| at.get(c)).is_some_and(|js| {
                js.iter()
                    .any(|&j| j != b - 1 && (j == 0 || core(j - 1) != first))
            })
        });
    }

    /// Takes into a one-word mention of a person the table knows, when
    /// that word is the family name of the person's canonical Arabic
    /// spelling, the word before it that spells the canonical given name,
    /// or the part before the family name, another way (حاقان فيدان for
    /// هاكان فيدان, شياع السودانی for محمد شياع السوداني, at
    /// [`FAMILY_SIM`]): an untitled, joined word of three letters or more
    /// that no mention holds and that is no stop or common word, title or
    /// verb.
    fn given_before_family(&self, words: &[Word<'_>], found: &mut [Found]) {
        let Some(r) = &self.resolver else { return };
        let costs = crate::letters::Costs::shipped();
        for x in 0..found.len() {
            let f = &found[x];
            let (a, b) = f.words;
            if b - a != 1 || a == 0 || f.title.is_some() || !words[a].joined {
                continue;
            }
            if x > 0 && found[x - 1].words.1 == a {
                continue;
            }
            let Some(e) = f.entity.filter(|&e| is_person(r, e)) else {
                continue;
            };
            let (Some(given), Some(family)) = (&words[a - 1].part, &words[a].part) else {
                continue;
            };
            let prev = &words[a - 1];
            if self.is_stop(prev)
                || self.lexicon.is_common(given)
                || self.title_at(words, a - 1).is_some()
                || verb_like(prev.text)
                || given.core().chars().count() < 3
            {
                continue;
            }
            let Some(canonical) = r.table().entities[e as usize].canonical_arabic.as_deref() else {
                continue;
            };
            let full = normalize(canonical);
            let parts = full.parts();
            if parts.len() < 2 || parts[parts.len() - 1].core() != family.core() {
                continue;
            }
            // (The given name, or the part just before the family name:
            // شياع of محمد شياع السوداني.)
            let given = normalize(given.core());
            let near = |q: &Part| costs.similarity(&given, &normalize(q.core())) >= FAMILY_SIM;
            if near(&parts[0]) || near(&parts[parts.len() - 2]) {
                found[x].words.0 = a - 1;
                found[x].strip = self.strips_name(prev);
            }
        }
    }

    /// Drops the untitled mentions whose words all lie in a fixed
    /// expression of everyday words (`common_words.tsv`'s rows noted
    /// `expression`): المغرب of أذان المغرب is the sunset, القاهرة of القوة
    /// القاهرة overwhelming, مسقط of مسقط رأسه a birthplace. Linear in the
    /// words.
    fn drop_in_expressions(&self, words: &[Word<'_>], found: &mut Vec<Found>) {
        if found.is_empty() {
            return;
        }
        let mut inside = vec![false; words.len()];
        let mut j = 0;
        while j < words.len() {
            // (Joined words only: an expression does not run across
            // punctuation.)
            let part = |k: usize| {
                let w = words.get(j + k)?;
                (k == 0 || w.joined).then_some(w.part.as_ref()).flatten()
            };
            match self.lexicon.expression_at(part) {
                Some(n) => {
                    inside[j..j + n].iter_mut().for_each(|x| *x = true);
                    j += n;
                }
                None => j += 1,
            }
        }
        found.retain(|f| f.title.is_some() || !inside[f.words.0..f.words.1].iter().all(|&x| x));
    }

    /// Gives a one-word, untitled mention of a table person (مبارك, Hosni
    /// Mubarak's; الصدر, Muqtada al-Sadr's) to the person named before it
    /// in full whose last word it is (جمال مبارك, موسى الصدر), when that
    /// is one person only and the text does not name the table's person
    /// in full: an article on Gamal Mubarak means him by مبارك. So too a
    /// lone word that the fuzzy lookup gave a place or an organisation,
    /// written as that last word is (ديبي of إدريس ديبي is no Dubai). (A
    /// place's own table name stays the place's: مظلوم كوباني is named
    /// after Kobani.)
    fn antecedents(&self, words: &[Word<'_>], found: &mut [Found]) {
        let Some(r) = &self.resolver else {
            return;
        };
        let last_core = |f: &Found| {
            words[f.words.1 - 1]
                .part
                .as_ref()
                .map(|p| p.core().to_string())
        };
        let written = |f: &Found| words[f.words.1 - 1].text;
        let full: Vec<(usize, u32, Option<String>, &str)> = found
            .iter()
            .filter(|f| f.words.1 - f.words.0 >= 2)
            .filter_map(|f| Some((f.words.0, f.entity?, last_core(f), written(f))))
            .filter(|&(_, e, _, _)| is_person(r, e))
            .collect();
        for f in found.iter_mut() {
            let Some(e) = f.entity else {
                continue;
            };
            if f.words.1 - f.words.0 != 1 || f.title.is_some() || f.echo.is_some() {
                continue;
            }
            let person = is_person(r, e);
            if full.iter().any(|g| g.1 == e) {
                continue;
            }
            let core = last_core(f);
            let mut before = full
                .iter()
                .filter(|g| g.0 < f.words.0 && g.2.is_some() && g.2 == core)
                .filter(|g| person || f.lone && g.3 == written(f))
                .map(|g| g.1);
            if let Some(first) = before.next() {
                if before.all(|other| other == first) {
                    f.entity = Some(first);
                }
            }
        }
    }

    /// Second pass: a word that is not yet in a mention but spells a name
    /// part found elsewhere in the document (a family name, or a one-word
    /// name under a title) is a mention too — one article often spells one
    /// person several ways, and only some spellings carry a cue.
    fn echoes(&self, words: &[Word<'_>], found: &mut Vec<Found>) {
        let costs = crate::letters::Costs::shipped();
        // People only: a person's name is what gets respelled, and the
        // last words of places and organisations are common words.
        // (An entity of no kind, from a user's table, is judged as a
        // name the table does not know.)
        let is_person_found = |f: &Found| match (f.entity, &self.resolver) {
            (Some(e), Some(r)) if kind_of(r, e).is_some() => is_person(r, e),
            _ => f.title.is_some() || f.words.1 - f.words.0 >= 2,
        };
        // The last words of the people's names found (given names too,
        // which `parts` leaves out: منير of عاصم منير), for the speakers.
        let last_names: Vec<(Name, usize, Name)> = if found.iter().any(|f| f.speaker) {
            found
                .iter()
                .enumerate()
                .filter(|(_, f)| !f.speaker && is_person_found(f))
                .filter_map(|(k, f)| {
                    let p = words[f.words.1 - 1].part.as_ref()?;
                    (p.core().chars().count() >= 3)
                        .then(|| (normalize(p.core()), k, normalize(stem(p))))
                })
                .collect()
        } else {
            Vec::new()
        };
        // A speaker of reported speech (see `speaker_at`) is a person whom
        // the text may name elsewhere: the last word of a person's name
        // within a letter of its length at ECHO_SIM is its source, given
        // names included (وقال منير إن after عاصم منير). (At
        // SAME_TITLE_SIM, as under a title, the probes' three links below
        // ECHO_SIM were one right, دهثر to حفتر at 0.70, and two wrong:
        // بوتن to هوتر, 0.67, and بنسعيد to الأشعري, 0.68.)
        // (Compared by the core, without a clitic, and as written: the
        // ب of برهان is its own, and ويتكوف keeps its و, while وحفتر is و
        // and حفتر. As written matches as well, the mention keeps its first
        // letter.)
        let mut spoken: Vec<(usize, usize, bool)> = Vec::new();
        for (x, f) in found.iter().enumerate() {
            if !f.speaker {
                continue;
            }
            let Some(p) = &words[f.words.0].part else {
                continue;
            };
            let (one, written) = (normalize(p.core()), normalize(stem(p)));
            let near = |a: &Name, b: &Name| {
                if a.len().abs_diff(b.len()) <= 1 {
                    costs.similarity(a, b)
                } else {
                    0.0
                }
            };
            // (The people named before it, the nearest SPEAKER_REACH
            // names back: a speaker is someone the text has just named,
            // and the cost stays linear in the text.)
            let before = last_names.partition_point(|(_, k, _)| *k < x);
            let best = last_names[..before]
                .iter()
                .rev()
                .take(SPEAKER_REACH)
                .map(|(n, k, n_written)| {
                    let (by_core, as_written) = (near(&one, n), near(&written, n_written));
                    (by_core.max(as_written), *k, as_written >= by_core)
                })
                .filter(|&(sim, _, _)| sim >= ECHO_SIM)
                .max_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            if let Some((_, k, keep)) = best {
                spoken.push((x, k, keep));
            }
        }
        // Parts worth echoing: the last part of every mention (not a particle,
        // not a given name), by their comparison forms.
        let mut parts: Vec<(Name, usize, bool, Name)> = Vec::new();
        for (k, f) in found.iter().enumerate() {
            if !is_person_found(f) {
                continue;
            }
            if self.doubtful_source(words, f) {
                continue;
            }
            let w = &words[f.words.1 - 1];
            let Some(p) = &w.part else { continue };
            // (Nor the second word of a given name of two words: الله of
            // نجيب الله.)
            if self.lexicon.is_given(p)
                || p.core().chars().count() < ECHO_MIN_LETTERS
                || f.words.1 - f.words.0 >= 2 && self.compound_given(words, f.words.1 - 2)
            {
                continue;
            }
            if !parts
                .iter()
                .any(|(n, _, _, _)| n.parts()[0].core() == p.core())
            {
                // (Whether it has the article, or a ل that may be one.)
                let article = p.has_article() || p.prefix() == "ل";
                parts.push((normalize(p.core()), k, article, normalize(stem(p))));
            }
        }
        // A titled family name, which the table gave one of its bearers or
        // none, is the person the text named last with the very family
        // name (a given name may be one, and is then no echo source):
        // السيد سلام after نواف سلام is not تمام سلام, whom the text names
        // later.
        let is_person_entity = |e: u32| self.resolver.as_ref().is_some_and(|r| is_person(r, e));
        for x in 0..found.len() {
            let f = &found[x];
            if f.title.is_none()
                || f.words.1 - f.words.0 != 1
                || f.entity.is_some_and(|e| !is_person_entity(e))
            {
                continue;
            }
            let Some(p) = &words[f.words.0].part else {
                continue;
            };
            // (The nearest SPEAKER_REACH mentions back: linear in the text.)
            let named = (0..x).rev().take(SPEAKER_REACH).find(|&k| {
                let (a, b) = found[k].words;
                b - a >= 2
                    && found[k]
                        .entity
                        .is_some_and(|e| Some(e) != f.entity && is_person_entity(e))
                    && words[b - 1]
                        .part
                        .as_ref()
                        .is_some_and(|q| q.core() == p.core())
            });
            if let Some(k) = named {
                found[x].entity = found[k].entity;
                found[x].echo = Some(found[k].words.0);
            }
        }
        // The given names that open or close people's names of two words
        // or more, or are a titled person's one word, each with the people
        // whose names hold them (by entity, or by name when the table
        // knows none): a given name alone elsewhere in the text, of one
        // person only, is that person (فيصل after فيصل بن فرحان, نيجيرفان
        // after نيجيرفان بارزاني, يعقوب after آدم يعقوب; not مسعود after
        // both مسعود بارزاني and مسعود بزشكيان). Not a given name that is
        // an everyday word (صالح, suitable), nor the first word of a
        // compound (عبد), nor a father's name after بن.
        let mut first_names: Map<&str, (usize, bool, bool)> = Map::default();
        for (k, f) in found.iter().enumerate() {
            let (a, b) = f.words;
            if f.speaker || !is_person_found(f) || b - a < 2 && f.title.is_none() {
                continue;
            }
            let same = |m: usize| match (found[m].entity, f.entity) {
                (Some(x), Some(y)) => x == y,
                _ => {
                    run_name(&words[found[m].words.0..found[m].words.1], false)
                        == run_name(&words[a..b], false)
                }
            };
            let nasab = b - a >= 2
                && words[b - 2]
                    .part
                    .as_ref()
                    .is_some_and(|q| matches!(q.as_str(), "بن" | "بنت" | "ابن" | "ابو"));
            let mut at = vec![];
            if !self.compound_given(words, a) {
                at.push(a);
            }
            if b - a >= 2 && !nasab {
                at.push(b - 1);
            }
            for x in at {
                let Some(p) = &words[x].part else { continue };
                if !self.lexicon.is_given(p)
                    || x == a && self.lexicon.is_everyday_given(p)
                    || p.core().chars().count() < ECHO_MIN_LETTERS
                {
                    continue;
                }
                let entry = first_names
                    .entry(p.core())
                    .or_insert((k, true, p.has_article()));
                if entry.0 != k && !same(entry.0) {
                    entry.1 = false;
                }
            }
        }
        // Family names of three letters (بري, عون, دار) of people the
        // table knows, by core: too short for the fuzzy echo, and mostly
        // everyday words too (عون, help). Alone, one is the person only
        // where the text says so (see below); two people with it make it
        // nobody's.
        let mut short: Map<&str, Option<usize>> = Map::default();
        let mut name_cores: std::collections::HashSet<&str> = Default::default();
        for (k, f) in found.iter().enumerate() {
            let (a, b) = f.words;
            if b - a < 2 || !f.entity.is_some_and(is_person_entity) {
                continue;
            }
            name_cores.extend(
                words[a..b]
                    .iter()
                    .filter_map(|w| w.part.as_ref())
                    .map(Part::core),
            );
            let Some(p) = &words[b - 1].part else {
                continue;
            };
            if p.core().chars().count() != 3 || p.has_article() || self.lexicon.is_given(p) {
                continue;
            }
            let slot = short.entry(p.core()).or_insert(Some(k));
            if slot.is_some_and(|x| found[x].entity != f.entity) {
                *slot = None;
            }
        }
        if parts.is_empty() && first_names.is_empty() && short.is_empty() {
            self.link_speakers(words, found, &spoken);
            return;
        }
        let mut index: crate::index::KeyMap<Vec<usize>> = Default::default();
        let (mut skel, mut ks) = (Vec::new(), Vec::new());
        for (i, (n, _, _, _)) in parts.iter().enumerate() {
            crate::index::skeleton(&costs, n.symbols(), &mut skel);
            crate::index::keys(&skel, &mut ks);
            for &k in &ks {
                index.entry(k).or_default().push(i);
            }
        }
        let mut taken = vec![false; words.len()];
        for f in found.iter() {
            for t in &mut taken[f.words.0..f.words.1] {
                *t = true;
            }
        }
        // The part of `parts` that one-word `p` echoes best, if any; only
        // parts of mentions with an entity when `known`.
        let mut best_echo = |p: &Part, known: bool, skip: usize| {
            let letters = p.core().chars().count();
            let one = normalize(p.core());
            let one_stem = normalize(stem(p));
            // Whether part `i` opens with a letter of its own that the
            // normaliser reads as a clitic (the ب of بيدرسون, Pedersen: a
            // table spelling, or no mention's first word, keeps it) and `p`,
            // shorter as written, lacks it: يدرسون, they study, is the
            // name's core, not the name. (An own ل may read as the
            // article: العمامرة for لعمامرة.)
            let lacks_own_letter = |i: usize| {
                let (core, written) = (parts[i].0.as_str(), parts[i].3.as_str());
                let (a, b) = found[parts[i].1].words;
                let own = written.len() > core.len() && (b - a >= 2 || !found[parts[i].1].strip);
                own && !(p.has_article() && written.starts_with('ل'))
                    && one_stem.as_str().chars().count() < written.chars().count()
                    && written.chars().next() != one_stem.as_str().chars().next()
            };
            crate::index::skeleton(&costs, one.symbols(), &mut skel);
            crate::index::keys(&skel, &mut ks);
            let mut best: Option<(f32, usize)> = None;
            for k in &ks {
                for &i in index.get(k).map_or(&[][..], Vec::as_slice) {
                    // (A word with the article is no spelling of a name
                    // without one, unless the name's own ل reads as it,
                    // العمامرة for لعمامرة: الحارس, the goalkeeper, is
                    // no محرز.)
                    // (The reassignment of a lone word's entity reads no
                    // other lone word: a second بيرنس is no source.)
                    if parts[i].1 == skip
                        || skip != usize::MAX && found[parts[i].1].lone
                        || known && found[parts[i].1].entity.is_none()
                        || !shaped_as(p, parts[i].0.as_str())
                        || p.core().strip_suffix('ا') == Some(parts[i].0.as_str())
                        || p.has_article() && !parts[i].2
                    {
                        continue;
                    }
                    // Spellings of one name differ by a letter or so in
                    // length; a longer word that merely contains the
                    // name is another word (ميدانيا, فيدان). Long vowels
                    // written in (حافتار for حفتر) may make two, at a
                    // closer match.
                    let core = parts[i].0.parts()[0].core();
                    let other = core.chars().count();
                    let vowels_only = consonants(p.core()) == consonants(core);
                    if letters.abs_diff(other) > if vowels_only { 2 } else { 1 } {
                        continue;
                    }
                    if !skeletons_close(&costs, &one, &parts[i].0) || lacks_own_letter(i) {
                        continue;
                    }
                    // (Also as written, but for the article: the first
                    // letter of برهان or فرحان is no clitic.)
                    let s = costs
                        .similarity(&one, &parts[i].0)
                        .max(costs.similarity(&one_stem, &parts[i].3));
                    let least = if letters.abs_diff(other) > 1 {
                        ECHO_LONG_SIM
                    } else {
                        ECHO_SIM
                    };
                    if s >= least && best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, i));
                    }
                }
            }
            best.map(|(_, i)| parts[i].1)
        };
        // A one-word name after a title that no entity took (السيد هوتر,
        // a garbled حفتر) takes the entity of the person it echoes; so
        // does a lone word that the table's fuzzy lookup gave another
        // person: the person the text names is likelier (بيرنس after
        // وليام بيرنز is Burns, not بنس, Pence).
        let mut echoed: Vec<(usize, u32, usize)> = Vec::new();
        for (x, f) in found.iter().enumerate() {
            let untitled = f.entity.is_none() && f.title.is_some();
            let lone_person = f.lone
                && match (f.entity, &self.resolver) {
                    (Some(e), Some(r)) => is_person(r, e),
                    _ => false,
                };
            if !(untitled || lone_person) || f.words.1 - f.words.0 != 1 {
                continue;
            }
            let Some(p) = &words[f.words.0].part else {
                continue;
            };
            if p.core().chars().count() < ECHO_MIN_LETTERS || self.lexicon.is_given(p) {
                continue;
            }
            if let Some(k) = best_echo(p, true, x) {
                if let Some(e) = found[k].entity.filter(|&e| Some(e) != f.entity) {
                    echoed.push((x, e, found[k].words.0));
                }
            }
        }
        let mut more = Vec::new();
        let mut cache: Map<&str, Option<usize>> = Map::default();
        for (j, w) in words.iter().enumerate() {
            if taken[j] || self.title_at(words, j).is_some() {
                continue;
            }
            let Some(p) = &w.part else { continue };
            if self.is_stop(w) {
                // A nisba that is a person's family name found in the
                // document (السوداني of محمد شياع السوداني) is the person
                // again, not the adjective, when no definite noun or title
                // goes before it (وتعهد السوداني, حكومة السوداني; not
                // الجيش السوداني, الرئيس السوداني).
                let after_noun = || {
                    j > 0
                        && words[j].joined
                        && (words[j - 1].part.as_ref().is_none_or(Part::has_article)
                            || self.title_at(words, j - 1).is_some())
                };
                // (The cheap test first: most stop words are neither.)
                let listed = self.lexicon.is_between(p)
                    || self.lexicon.is_common(p) && !self.lexicon.is_stop(p);
                let echo = (listed && !w.text.contains('\u{064B}'))
                    .then(|| {
                        parts.iter().find(|(n, _, article, _)| {
                            n.as_str() == p.core() && *article == p.has_article()
                        })
                    })
                    .flatten()
                    .map(|&(_, k, _, _)| k);
                if let Some(k) = echo.filter(|_| !after_noun()) {
                    more.push((j, strips(Some(p)), k));
                }
                continue;
            }
            // (A short family name alone (see `short`), as the speaker
            // (وقال بري إن, عن بري قوله), in a list of the text's names
            // (جوزاف عون وسلام وبري) or closing a clause after مع or عن.)
            if let Some(&Some(k)) = short.get(p.core()) {
                let joined = j > 0 && w.joined;
                let next = words.get(j + 1).filter(|n| n.joined);
                let said = next.is_some_and(|n| matches!(n.text, "قوله" | "قولها"))
                    || self.speech_end(words, j + 1)
                    || joined && self.lexicon.is_speech(words[j - 1].text);
                let listed = joined
                    && p.clitic() == Some('و')
                    && (taken[j - 1]
                        || words[j - 1]
                            .part
                            .as_ref()
                            .is_some_and(|q| name_cores.contains(q.core())));
                let closing = joined && matches!(words[j - 1].text, "مع" | "عن") && next.is_none();
                if p.clitic().is_none_or(|c| c == 'و') && (said || listed || closing) {
                    more.push((j, strips(Some(p)), k));
                    continue;
                }
            }
            // (A given name alone, of one person named in full; see
            // `first_names`. Not after a particle: محمد بن فيصل; nor with
            // the article the name lacks: القاسم المشترك, the common
            // denominator, is no قاسم.)
            if let Some(&(k, true, _)) =
                first_names.get(p.core()).filter(|n| n.2 == p.has_article())
            {
                let particle = j > 0
                    && words[j - 1].part.as_ref().is_some_and(|q| {
                        matches!(q.as_str(), "بن" | "بنت" | "ابو" | "عبد" | "ابن")
                    });
                // (Nor after a common word, or with و after a word of no
                // name: an adjective or a noun of the prose, مستقبل منير,
                // a bright future; بحكمة ورشاد, with wisdom and guidance.)
                let prose = j > 0
                    && w.joined
                    && !taken[j - 1]
                    && (p.clitic() == Some('و')
                        || words[j - 1]
                            .part
                            .as_ref()
                            .is_some_and(|q| self.lexicon.is_common(q)));
                if !particle && !prose && self.lexicon.is_given(p) {
                    more.push((j, strips(Some(p)), k));
                    continue;
                }
            }
            // A known given name is a word of its own (بالسلام, peace, is
            // no garbled سلامي).
            if p.core().chars().count() < ECHO_MIN_LETTERS
                || parts
                    .first()
                    .is_none_or(|q| p.is_latin() != q.0.is_latin() && p.is_latin())
                || self.lexicon.is_given(p)
                || self.pronoun_on_common(w)
                || self.nisba_after_noun(words, j)
            {
                continue;
            }
            let hit = *cache
                .entry(p.as_str())
                .or_insert_with(|| best_echo(p, false, usize::MAX));
            if let Some(k) = hit {
                // (A clitic letter that the name's own last part opens
                // with too is the name's: ويكوف after جورج ويكوف.)
                let own = own_letter(p, words[found[k].words.1 - 1].part.as_ref());
                more.push((j, strips(Some(p)) && !own, k));
            }
        }
        for (x, e, source) in echoed {
            found[x].entity = Some(e);
            found[x].echo = Some(source);
        }
        // An echo of a full name's last part, after a word that spells the
        // name's first part another way (وقال حاقان فيدان after هاكان
        // فيدان), takes that word in: the full name again.
        let echo_at: std::collections::HashSet<usize> = more.iter().map(|m| m.0).collect();
        // (Not after an echo whose و is a clitic: حاقان وفيدان is two.)
        let first_again = |j: usize, k: usize, strip: bool| -> bool {
            let (a, b) = found[k].words;
            if j == 0
                || b - a < 2
                || !words[j].joined
                || strip
                || taken[j - 1]
                || echo_at.contains(&(j - 1))
            {
                return false;
            }
            let Some(p) = &words[j - 1].part else {
                return false;
            };
            // (Its first part, or the one before its last: شياع
            // السودانی after محمد شياع السوداني.)
            let before = normalize(p.core());
            let near = |i: usize| {
                words[i]
                    .part
                    .as_ref()
                    .is_some_and(|q| costs.similarity(&before, &normalize(q.core())) >= FAMILY_SIM)
            };
            !self.is_stop(&words[j - 1])
                && self.title_at(words, j - 1).is_none()
                && p.core().chars().count() >= 3
                && (near(a) || b - a >= 3 && near(b - 2))
        };
        // An echo of a name's last part that follows بن there (لخضر بن
        // عمارة), after بن, is the family name with it: بن عمارة; so with
        // a foreign name's particle (دي ميستورا).
        let ben_again = |j: usize, k: usize, strip: bool| -> bool {
            let (a, b) = found[k].words;
            let ben = |w: &Word<'_>| {
                w.text == "بن"
                    || w.part
                        .as_ref()
                        .is_some_and(|p| is_foreign_particle(p.as_str()))
            };
            j > 0
                && !strip
                && words[j].joined
                && !taken[j - 1]
                && !echo_at.contains(&(j - 1))
                && ben(&words[j - 1])
                && b - a >= 3
                && ben(&words[b - 2])
        };
        // (After the titled names took theirs: a later هوتر that echoes
        // السيد هوتر takes the entity that one echoed.)
        let more: Vec<Found> = more
            .iter()
            .map(|&(j, strip, k)| {
                let (start, strip) = if first_again(j, k, strip) {
                    // (A clitic letter that the first part carries too,
                    // as وليام does, is the name's own.)
                    let p = words[j - 1].part.as_ref();
                    let own =
                        p.is_some_and(|p| own_letter(p, words[found[k].words.0].part.as_ref()));
                    (j - 1, self.strips_name(&words[j - 1]) && !own)
                } else if ben_again(j, k, strip) {
                    (j - 1, false)
                } else {
                    (j, strip)
                };
                Found {
                    words: (start, j + 1),
                    strip,
                    title: None,
                    entity: found[k].entity,
                    echo: Some(found[k].words.0),
                    lone: false,
                    speaker: false,
                }
            })
            .collect();
        found.extend(more);
        self.link_speakers(words, found, &spoken);
        found.sort_by_key(|f| f.words.0);
    }

    /// Whether mention `f`, which the table does not know, reads as prose
    /// rather than as a name, so that its last word is no echo source:
    /// an untitled run opened by a given name that is an everyday word
    /// and closed by a word that is no nisba (in ي) or craft's name
    /// (وأنيس الليالي الطويلة, الطيب نعمة; سامي النجار, سالم الورفلي stay),
    /// or a run after titles that are everyday nouns with no given name to
    /// open it (اللواء مراحل التمرين, the brigade ... the exercise; العميد
    /// يحيى سريع stays). Its echoes were a third of the false mentions in five
    /// name-free news texts of 5,000 words each.
    fn doubtful_source(&self, words: &[Word<'_>], f: &Found) -> bool {
        if f.entity.is_some() || f.speaker {
            return false;
        }
        let first = words[f.words.0].part.as_ref();
        match &f.title {
            None => {
                let last = &words[f.words.1 - 1];
                let craft = last.part.as_ref().is_some_and(|p| craft_noun(p.core()));
                first.is_some_and(|p| self.lexicon.is_everyday_given(p))
                    && !written_nisba(last.text)
                    && !craft
            }
            Some((a, b, _)) => {
                self.common_title(words, *a, *b) && !first.is_some_and(|p| self.lexicon.is_given(p))
            }
        }
    }

    /// How many words at `j` go on a title's complement (see `find`): a
    /// word with the article, or و and the article (الثقافة, والثقافة),
    /// or و and a noun before one with the article (وتقنية المعلومات);
    /// none at a table spelling's start.
    fn complement_at(&self, words: &[Word<'_>], j: usize) -> Option<usize> {
        let definite = |k: usize| {
            words.get(k).is_some_and(|w| {
                w.joined
                    && w.part.as_ref().is_some_and(|p| {
                        p.has_article() && matches!(p.clitic(), None | Some('و' | 'ل'))
                    })
                    && self.phrase_at(words, k).is_none()
            })
        };
        let and_bare = words[j].part.as_ref().is_some_and(|p| {
            p.clitic() == Some('و') && !p.has_article() && !self.lexicon.is_given(p)
        }) && self.phrase_at(words, j).is_none();
        if definite(j) {
            Some(1)
        } else if and_bare && definite(j + 1) {
            Some(2)
        } else {
            None
        }
    }

    /// The role of the title that the title at words `last` makes with
    /// word `j` after them, if any (المتحدث باسم, with العسكري between).
    fn title_past(&self, words: &[Word<'_>], last: (usize, usize), j: usize) -> Option<String> {
        let parts: Vec<Part> = words[last.0..last.1]
            .iter()
            .chain(std::iter::once(&words[j]))
            .map(|w| w.part.clone())
            .collect::<Option<_>>()?;
        self.lexicon
            .title_in(&parts)
            .filter(|&(len, _)| len == parts.len())
            .map(|(_, role)| role.to_string())
    }

    fn title_at(&self, words: &[Word<'_>], i: usize) -> Option<(usize, String)> {
        // (وإلى, and to, folds to والي, a governor.)
        if RAW_STOP.contains(&words[i].text)
            || words[i].text.contains('إ') && words[i].text.ends_with('ى')
        {
            return None;
        }
        if !words[i]
            .part
            .as_ref()
            .is_some_and(|p| self.lexicon.may_open_title(p))
        {
            return None;
        }
        let mut parts = Vec::new();
        for (k, w) in words[i..].iter().enumerate().take(6) {
            if k > 0 && !w.joined {
                break;
            }
            match &w.part {
                Some(p) => parts.push(p.clone()),
                None => break,
            }
        }
        self.lexicon
            .title_in(&parts)
            .map(|(len, role)| (len, role.to_string()))
    }

    /// Whether the titles from word `from` to word `to` (a title and the
    /// words that lead from it to a name) are all everyday nouns (see
    /// [`Lexicon::is_common_title`]): مستشار الرئيس is a title.
    fn common_title(&self, words: &[Word<'_>], from: usize, to: usize) -> bool {
        let mut any = false;
        for k in from..to.min(words.len()) {
            let Some((len, _)) = self.title_at(words, k) else {
                continue;
            };
            let parts: Vec<Part> = words[k..k + len]
                .iter()
                .filter_map(|w| w.part.clone())
                .collect();
            if parts.len() != len || !self.lexicon.is_common_title(&parts, len) {
                return false;
            }
            any = true;
        }
        any
    }

    /// The longest table phrase starting at word `i`, and whether the
    /// word's first letter is a clitic outside it.
    fn phrase_at(&self, words: &[Word<'_>], i: usize) -> Option<(usize, u32, bool)> {
        self.phrase_read(words, i)
            .map(|(len, entity, strip, _)| (len, entity, strip))
    }

    /// [`Scanner::phrase_at`], and whether the word's لل is ل before a
    /// name that opens with ل (للبنان), not ل and the article.
    fn phrase_read(&self, words: &[Word<'_>], i: usize) -> Option<(usize, u32, bool, bool)> {
        let part = words.get(i)?.part.as_ref()?;
        let whole =
            self.phrase_from(words, i, part.core(), None, |_| true)
                .map(|(len, entity, first)| {
                    // The clitic is one when the table spelling does not carry
                    // it (وبغداد, not بغداد; ببليز and ووادي البقاع, whose table
                    // words open with the clitic's letter but are not split by
                    // it).
                    let strip = part.clitic().is_some() && part.as_str() != first;
                    (len, entity, strip, false)
                });
        // The longer of the two readings: بليز تروس is ب and Liz Truss,
        // not Belize.
        match whole {
            Some(hit) if hit.0 > 1 => Some(hit),
            Some(hit) => Some(
                self.phrase_after_clitic(words, i, part)
                    .filter(|after| after.0 > 1)
                    .unwrap_or(hit),
            ),
            None => self.phrase_after_clitic(words, i, part),
        }
    }

    /// The longest table phrase at word `i` read with its first letter
    /// (or its لل's first ل) as a clitic outside it, where the core of
    /// `part` (word `i`'s) would not find it.
    fn phrase_after_clitic(
        &self,
        words: &[Word<'_>],
        i: usize,
        part: &Part,
    ) -> Option<(usize, u32, bool, bool)> {
        // The clitic letter and the name the text writes after it, when
        // the table's first word is not the core just looked up:
        // normalisation keeps و ب ل ف on a word of four letters (وليد,
        // بلال), and on a shorter one (وتل of وتل أبيب); and a table word
        // that begins with a clitic letter itself is filed under the rest
        // (برلين under رلين), which one clitic before it hides (لبرلين,
        // لبرنامج الأغذية العالمي).
        // The normaliser reads ل before a name that opens with ل as ل and
        // the article with its alef elided (للبنان, لليبيا, للاهاي,
        // وللبنان): no article is written there.
        let prefix = part.prefix().chars().count();
        let elided = part.has_article() && part.prefix().ends_with(ELIDED) && prefix <= 3;
        let text = part.as_str();
        let mut chars = text.chars();
        let mut c = chars.next()?;
        if elided && prefix == 3 {
            c = chars.next()?;
        }
        let rest = chars.as_str();
        let letters = rest.chars().count();
        // (The rest as the table would read it, for the checks of a
        // one-word name: لبنان of للبنان has no article.)
        let mut read = None;
        let key = if part.prefix().is_empty() {
            // Written so, with no article: ورفح, وخان يونس, بغزة, not ورقة
            // for الرقة. Two letters only before a table name of several
            // words (وتل أبيب; ولد, a boy, is no لد).
            if !matches!(c, 'و' | 'ب' | 'ل' | 'ف') || !(2..=3).contains(&letters) {
                return None;
            }
            // (ابن is بن to the normaliser: لابن خلدون.)
            if rest == "ابن" {
                "بن".to_string()
            } else {
                rest.to_string()
            }
        } else {
            if !elided && (part.has_article() || part.clitic() != Some(c))
                || !rest.starts_with(['و', 'ف', 'ب', 'ك', 'ل'])
            {
                return None;
            }
            let name = normalize(rest);
            let key = match name.parts() {
                [p] if !p.core().is_empty() && (elided || p.core() != rest) => p.core().to_string(),
                _ => return None,
            };
            read = name.parts().first().cloned();
            key
        };
        // A common word so read names no one after ب, ل or ف (بفتح, by
        // opening; لفتح), nor after و before a noun with the article
        // (وفتح المعابر, and opening the crossings): a verbal noun, not
        // Fatah. (حماس وفتح stays.)
        let verbal = self.one_word_common(rest) == Some(true)
            && (c != 'و'
                || words
                    .get(i + 1)
                    .is_some_and(|n| n.joined && n.part.as_ref().is_some_and(Part::has_article)));
        self.phrase_from(words, i, &key, read.as_ref(), |first| {
            first == rest || first == key && rest == "ابن"
        })
        .filter(|&(len, _, _)| len > 1 || !verbal && letters > 2)
        .map(|(len, entity, _)| (len, entity, true, elided))
    }

    /// The longest table phrase whose first word's core is `key` (word
    /// `i`'s, or a part of it) and whose first word as the table writes it
    /// passes `first_ok`, with that first word. `read`: the first word as
    /// the checks of a one-word name read it, if not as word `i`'s part.
    fn phrase_from(
        &self,
        words: &[Word<'_>],
        i: usize,
        key: &str,
        read: Option<&Part>,
        first_ok: impl Fn(&str) -> bool,
    ) -> Option<(usize, u32, &str)> {
        let list = self.phrases.get(key)?;
        'phrases: for (cores, entity, first, article, latin) in list {
            if i + cores.len() > words.len() || !first_ok(first) {
                continue;
            }
            for (k, core) in cores.iter().enumerate().skip(1) {
                let w = &words[i + k];
                if !w.joined || w.part.as_ref().is_none_or(|p| p.core() != core) {
                    continue 'phrases;
                }
            }
            // A one-word phrase that is also a common word is not a mention,
            // nor one whose article the text adds or drops: a name keeps
            // its article or its lack of one (السيول, torrents, is no سيول,
            // Seoul; أسد, a lion, no الأسد). Nor one whose first letter the
            // normaliser read as a clitic when the text lacks that letter:
            // the letter is the name's own (يدرسون, they study, is no
            // بيدرسون, Pedersen). Nor a nisba after a noun with the
            // article: التصعيد الحوثي is the Houthi escalation. Nor a
            // Latin spelling read as a common word in the accusative (جيدا,
            // well, is no Jidda; ألمانيا is Germany and no German). Nor a
            // Latin spelling read in Arabic letters, a loose reading,
            // under a clitic the text's word may not have: باراك
            // (Barrack) is no ب and Arak.
            if cores.len() == 1
                && (self.is_stop(&words[i])
                    || self.nisba_after_noun(words, i)
                    || *latin && self.accusative_common(&words[i])
                    || read.or(words[i].part.as_ref()).is_some_and(|p| {
                        p.has_article() != *article
                            || lacks_table_letter(p, first, key)
                            || *latin && p.clitic().is_some()
                    }))
            {
                continue;
            }
            return Some((cores.len(), *entity, first.as_str()));
        }
        None
    }

    /// Whether word `k` is a family name after the name word at word `i`
    /// though a common word of `data/common_words.tsv` (رجال of آدم رجال,
    /// العلمي of رشاد العلمي; one with the article only in the shape of a
    /// nisba, ending in ي: وأضاف مالكوم الهدف الثالث, Malcom added the
    /// third goal, names no الهدف), or, after a given name, a nisba of
    /// `data/stopwords.tsv` without the article (محمد إسلامي): joined, no stop word
    /// of `data/stopwords.tsv`, no clitic, not opening like a verb; after a
    /// given name, or with the article (a nisba-like family name) after a
    /// word that is no common word (الرئيس رشاد العلمي; not ترامب مستعد,
    /// Trump is ready).
    fn family_word(&self, words: &[Word<'_>], i: usize, k: usize) -> bool {
        let given = words[i]
            .part
            .as_ref()
            .is_some_and(|p| !p.has_article() && self.lexicon.is_given(p));
        let Some(w) = words.get(k) else {
            return false;
        };
        let nisba_like = !self.is_stop(&words[i]) && w.part.as_ref().is_some_and(Part::has_article);
        (given || nisba_like)
            && w.joined
            && !RAW_STOP.contains(&w.text)
            && !w.text.contains('\u{064B}')
            && w.part.as_ref().is_some_and(|p| {
                p.clitic().is_none()
                    && (!verb_like(w.text)
                        && !self.lexicon.is_stop(p)
                        && self.lexicon.is_common(p)
                        && (!p.has_article() || p.as_str().ends_with('ي'))
                        || !p.has_article() && self.plain_given(&words[i]) && self.family_nisba(p))
            })
    }

    /// Whether word `i` has the shape of a nisba with the article (ال…ي,
    /// no clitic) and follows, joined, a noun with the article that is no
    /// title (nor a verb that opens like the article: التقى): an
    /// adjective (التصعيد الحوثي, المذهب المالكي), not the family name
    /// alone (خطاب الحوثي, الزعيم الحوثي, التقى الشيباني).
    fn nisba_after_noun(&self, words: &[Word<'_>], i: usize) -> bool {
        let nisba = words[i]
            .part
            .as_ref()
            .is_some_and(|p| p.has_article() && p.clitic().is_none() && p.as_str().ends_with('ي'));
        nisba
            && words[i].joined
            && i.checked_sub(1).is_some_and(|k| {
                words[k].part.as_ref().is_some_and(|p| {
                    p.has_article() && (!self.lexicon.is_stop(p) || self.lexicon.is_nominal(p))
                }) && self.title_at(words, k).is_none()
            })
    }

    /// Whether a part is a nisba in the form family names take, the
    /// masculine singular (السوداني, إسلامي; not الفلسطينية, the
    /// Palestinian woman, nor الفلسطينيين).
    fn family_nisba(&self, p: &Part) -> bool {
        self.lexicon.is_nisba(p) && p.as_str().ends_with('ي')
    }

    /// Whether a name that opens with word `w` drops its first letter as
    /// a clitic ([`strips`]): not a given name's own letter (وليام,
    /// William, is no و and ليام).
    fn strips_name(&self, w: &Word<'_>) -> bool {
        strips(w.part.as_ref()) && !self.given_as_written(w)
    }

    /// Links each speaker (see [`Scanner::speaker_at`]) of `spoken` to its
    /// source, `(speaker, source, keeps its first letter)`, indices into
    /// `found`; then leaves out the speakers that are a given name and
    /// echo no one: قال محمد إن names someone the text may not.
    fn link_speakers(
        &self,
        words: &[Word<'_>],
        found: &mut Vec<Found>,
        spoken: &[(usize, usize, bool)],
    ) {
        for &(x, k, keep) in spoken {
            found[x].entity = found[k].entity;
            found[x].echo = Some(found[k].words.0);
            found[x].strip &= !keep;
        }
        found.retain(|f| {
            !(f.speaker
                && f.echo.is_none()
                && words[f.words.0]
                    .part
                    .as_ref()
                    .is_some_and(|p| self.lexicon.is_given(p)))
        });
    }

    /// Whether word `k` opens the reported speech after its speaker, in
    /// the same sentence: إن, أن, إنه or أنه.
    fn speech_end(&self, words: &[Word<'_>], k: usize) -> bool {
        words.get(k).is_some_and(|n| {
            n.joined && matches!(n.text, "إن" | "أن" | "ان" | "إنه" | "أنه" | "انه")
        })
    }

    /// Whether word `j` is the speaker of reported speech: joined between
    /// a verb of speech (`verb speech` in `data/stopwords.tsv`) and إن,
    /// أن, إنه or أنه, and shaped as a name: no stop or common word, no
    /// article, no plural or verb shape, no pronoun or clitic on a common
    /// word (قال مسؤول إن, قال ناشطون إن, قال يجب أن name no one). A given
    /// name so placed stays a mention only if it echoes a person's last
    /// part in the text (وقال منير إن after عاصم منير; see `echoes`).
    fn speaker_at(&self, words: &[Word<'_>], j: usize) -> bool {
        let (Some(prev), Some(w), Some(next)) = (
            j.checked_sub(1).and_then(|k| words.get(k)),
            words.get(j),
            words.get(j + 1),
        ) else {
            return false;
        };
        w.joined
            && next.joined
            && self.speech_end(words, j + 1)
            && self.lexicon.is_speech(prev.text)
            && self.speaker_word(w, false)
    }

    /// Whether words `j` and `j + 1` may be a speaker's name of two words
    /// between a verb of speech and إن or أن (وقال بلنت أجاويد إن, a given
    /// name the table lacks or garbled): each shaped as a name (see
    /// [`Scanner::speaker_at`]), the second with the article only as a
    /// nisba ending in ي (وقال أهمد البلتاجي إن; not وقال مصدر أمني إن,
    /// whose مصدر is a common word).
    fn speaker_pair_at(&self, words: &[Word<'_>], j: usize) -> bool {
        let (Some(prev), Some(a), Some(b), Some(next)) = (
            j.checked_sub(1).and_then(|k| words.get(k)),
            words.get(j),
            words.get(j + 1),
            words.get(j + 2),
        ) else {
            return false;
        };
        a.joined
            && b.joined
            && next.joined
            && self.speech_end(words, j + 2)
            && self.lexicon.is_speech(prev.text)
            && self.speaker_word(a, false)
            && self.speaker_word(b, true)
    }

    /// Whether the `len` words from `j` stand between a verb of speech and
    /// إن or أن (وقال ... إن), all joined.
    fn speech_frame(&self, words: &[Word<'_>], j: usize, len: usize) -> bool {
        j.checked_sub(1)
            .and_then(|k| words.get(k))
            .is_some_and(|prev| self.lexicon.is_speech(prev.text))
            && words
                .get(j..j + len + 1)
                .is_some_and(|ws| ws.iter().all(|w| w.joined))
            && self.speech_end(words, j + len)
    }

    /// Whether word `w` is shaped as a speaker's name word: no stop or
    /// common word, no article (but, with `nisba`, a nisba's: البلتاجي),
    /// no plural or verb shape, no pronoun or clitic on a common word.
    fn speaker_word(&self, w: &Word<'_>, nisba: bool) -> bool {
        let Some(p) = &w.part else { return false };
        let article = p.has_article() || p.as_str().starts_with("ال");
        !self.is_stop(w)
            && (!article || nisba && p.clitic().is_none() && p.as_str().ends_with('ي'))
            && !p.is_latin()
            && p.core().chars().count() >= 3
            && !verb_like(w.text)
            && !["ون", "ين", "ات"].iter().any(|e| w.text.ends_with(e))
            && (!participle(w.text) || self.lexicon.is_given(p))
            && !self.pronoun_on_common(w)
            && !self.clitic_on_common(w.text)
            && (self.lexicon.is_given(p) || self.given_as_written(w) || !speech_manner(p, w.text))
    }

    /// Whether a text reads as a clitic letter (و ف ب ك ل) on a common or
    /// stop word: باسم (ب and اسم), فأكد (ف and أكد), كمال (ك and مال).
    fn clitic_on_common(&self, text: &str) -> bool {
        let mut chars = text.chars();
        if !chars.next().is_some_and(|c| "وفبكل".contains(c)) {
            return false;
        }
        self.one_word_common(chars.as_str()) == Some(true)
    }

    /// Whether words `k` and `k + 1` make a given name of two words
    /// (شمس الدين كباشي, ذبيح الله مجاهد): one name word for a name's
    /// cues, though شمس alone is a common word.
    fn compound_given(&self, words: &[Word<'_>], k: usize) -> bool {
        let (Some(a), Some(b)) = (words.get(k), words.get(k + 1)) else {
            return false;
        };
        b.joined
            && match (&a.part, &b.part) {
                (Some(p), Some(q)) => q.clitic().is_none() && self.lexicon.is_given_pair(p, q),
                _ => false,
            }
    }

    /// Whether a word is a common or stop word in the accusative, its
    /// tanween's alif written without the mark (وفدا, هدفا, بيانا), and
    /// no given name as written: an object after a name (استقبل الرئيس
    /// محمد وفدا), never its family name.
    fn accusative_common(&self, w: &Word<'_>) -> bool {
        w.text.strip_suffix('ا').is_some_and(|stem| {
            stem.chars().count() >= 2
                && !self.given_as_written(w)
                && self.one_word_common(stem) == Some(true)
        })
    }

    /// Whether word `w` is a known given name as written, with any clitic
    /// letter it opens with (وليام, بلال).
    fn given_as_written(&self, w: &Word<'_>) -> bool {
        w.part
            .as_ref()
            .is_some_and(|p| self.lexicon.is_given_as_written(p))
    }

    /// Whether a word is ب, ل or ف glued on a common or stop word and no
    /// given name as written: بفتح (by opening), لفتح; not بلال.
    /// No name word, after a title either (الوزير بفتح المعابر).
    fn preposition_on_common(&self, w: &Word<'_>) -> bool {
        w.text.starts_with(['ب', 'ل', 'ف'])
            && !self.given_as_written(w)
            && self.clitic_on_common(w.text)
    }

    /// Whether `text`, if it normalises to one word, is a common or stop
    /// word (`None` if it does not make one word).
    fn one_word_common(&self, text: &str) -> Option<bool> {
        match normalize(text).parts() {
            [p] => Some(self.lexicon.is_common(p) || self.lexicon.is_stop(p)),
            _ => None,
        }
    }

    /// Whether a word is a common word with a possessive pronoun glued on
    /// (قوله, his saying; أرضه, his land; مواقفهم): no name part, however
    /// near a name it is spelled (أرضه and عواضه).
    fn pronoun_on_common(&self, w: &Word<'_>) -> bool {
        // (Not a given name that ends so: أيهم, ناديه.)
        if self.given_as_written(w) {
            return false;
        }
        let Some(stem) = ["هما", "ها", "هم", "ه"]
            .into_iter()
            .find_map(|e| w.text.strip_suffix(e))
        else {
            return false;
        };
        if stem.chars().count() < 2 {
            return false;
        }
        // (A ta marbuta is written ت before the pronoun: خارجيته, his
        // foreign ministry, is خارجية and ه.)
        self.one_word_common(stem) == Some(true)
            || stem.strip_suffix('ت').is_some_and(|s| {
                s.chars().count() >= 2 && self.one_word_common(&format!("{s}ة")) == Some(true)
            })
    }

    /// Whether a word is a known given name without the article that is
    /// no common word of news text (محمد, not أمل, hope): after it, a
    /// nisba without the article is the family name (محمد إسلامي), and
    /// one with it after a second name word (محمد شياع السوداني).
    fn plain_given(&self, w: &Word<'_>) -> bool {
        w.part.as_ref().is_some_and(|p| {
            !p.has_article() && self.lexicon.is_given(p) && !self.lexicon.is_common(p)
        })
    }

    /// Whether the table phrase `hit` at word `i + 1` is a person's
    /// one-word name after the given name at word `i`: the family name of
    /// the name that `i` opens.
    fn family_after_given(&self, words: &[Word<'_>], i: usize, hit: (usize, u32, bool)) -> bool {
        let given =
            self.given_cue(words, i) && words[i].part.as_ref().is_some_and(|p| !p.has_article());
        let person = self
            .resolver
            .as_ref()
            .is_some_and(|r| kind_of(r, hit.1).is_none_or(|k| k == Kind::Person));
        given && hit.0 == 1 && person
    }

    /// Whether word `k` is a known given name that opens a name. A given
    /// name that also reads as a clitic and a common word (باسم, Basem, or
    /// ب and اسم, in the name of; كمال, or ك and مال) opens one only at
    /// the start of a sentence or after a verb, particle or pronoun
    /// (وقال باسم نعيم), not after a noun (متحدث باسم دقلو, المعروف باسم
    /// حميدتي).
    fn given_cue(&self, words: &[Word<'_>], k: usize) -> bool {
        let Some(p) = words.get(k).and_then(|w| w.part.as_ref()) else {
            return false;
        };
        if self.compound_given(words, k) {
            return true;
        }
        // (A given name takes no article but as the list writes it:
        // الصادق, not السلام of حفظ السلام, peacekeeping.)
        let given = if p.has_article() {
            self.lexicon.is_given_as_written(p)
        } else {
            self.lexicon.is_given(p)
        };
        if !given {
            return false;
        }
        // (An everyday word after a preposition is that word: لحياة
        // كريمة, for a decent life.)
        if matches!(p.clitic(), Some('ب' | 'ل' | 'ك')) && self.lexicon.is_everyday_given(p) {
            return false;
        }
        if k == 0 || !words[k].joined || !self.clitic_on_common(p.as_str()) {
            return true;
        }
        let prev = &words[k - 1];
        verb_like(prev.text)
            || prev
                .part
                .as_ref()
                .is_some_and(|q| self.lexicon.is_stop(q) && !self.lexicon.is_nominal(q))
    }

    /// The title a mention at word `j` of `entity` keeps: none where the
    /// title, an everyday noun (see [`Scanner::common_title`]), stands
    /// before a place or an organisation. The title is then the everyday
    /// noun, and the name stands alone, judged as a name alone is (الفريق
    /// بحماس, the team ... with enthusiasm; فاز الفريق الأهلي keeps الأهلي).
    fn title_of_person(
        &self,
        words: &[Word<'_>],
        title: Option<(usize, usize, String)>,
        j: usize,
        entity: Option<u32>,
    ) -> Option<(usize, usize, String)> {
        let place = |e: u32| {
            self.resolver
                .as_ref()
                .is_some_and(|r| kind_of(r, e).is_some_and(|k| k != Kind::Person))
        };
        title.filter(|t| !(entity.is_some_and(place) && self.common_title(words, t.0, j)))
    }

    /// Whether entity `e` is a person whom the table knows roles of, none
    /// of them `role` (a title's role class, `data/titles.tsv`).
    fn lacks_role(&self, role: &str, e: u32) -> bool {
        let bits = crate::roles::bit(role).unwrap_or(0);
        bits != 0 && self.resolver.as_ref().and_then(|r| r.holds_role(e, bits)) == Some(false)
    }

    /// Whether a word after a title is a noun or adjective in ية without
    /// the article (رئيس تعاونية, the head of a cooperative): five letters
    /// or more, no given name (رقية, فوزية).
    fn noun_in_iya(&self, w: &Word<'_>) -> bool {
        w.part.as_ref().is_some_and(|p| {
            let text = w.text.trim_end_matches(is_mark_or_control);
            !p.has_article()
                && text.ends_with("ية")
                && text.chars().count() >= 5
                && !self.lexicon.is_given(p)
        })
    }

    /// Whether a word after a title is a participle with the article that
    /// qualifies it (زعيم الحزب المسجون, the jailed party leader; الرئيس
    /// المشارك, the co-chair): the article, then م, five letters or more,
    /// and no nisba's ي at the end (المالكي, المصري are names), nor a known
    /// given name.
    fn participle_after_title(&self, w: &Word<'_>) -> bool {
        w.part.as_ref().is_some_and(|p| {
            let core = p.core();
            p.has_article()
                && core.starts_with('م')
                && core.chars().count() >= 5
                && !core.ends_with('ي')
                && !self.lexicon.is_given(p)
        })
    }

    /// Whether word `k`, after a given name that is also an everyday word
    /// (سعيد, happy; حياة, life; كريم, generous), reads as the prose it
    /// mostly is there, not as a family name: a noun with the article that
    /// is no nisba or craft's name (فرح الأمهات, رفيق الطالب; النجار and
    /// الحسيني are family names) or a common word (عمر ناهز), a feminine nisba or
    /// adjective in ية (بشرى حقيقية), a verb in the imperfect (عادل
    /// يكفي), a noun with the pronoun ها or هم (حياة ساكنيها), a common
    /// word with a clitic (كريم وغير معتاد). A given name or a table name
    /// there is a name (حافظ الأسد). With `framed` (the two words stand
    /// between a verb of speech and إن, where a verb cannot), a word that
    /// opens like a verb is a name (وقال سعيد تشوكارين إن).
    fn ordinary_after_given(&self, words: &[Word<'_>], k: usize, framed: bool) -> bool {
        let Some(w) = words.get(k) else {
            return false;
        };
        let Some(p) = &w.part else {
            return false;
        };
        if !w.joined || self.lexicon.is_given(p) || self.phrase_at(words, k).is_some() {
            return false;
        }
        let core = p.core();
        let letters = core.chars().count();
        // (A noun with the article after such a name is the prose's, but a
        // nisba (الحسيني) or a craft's name (النجار, الحداد: four
        // letters, ا third) is a family name.)
        let (craft, nisba) = (craft_noun(core), written_nisba(w.text));
        let article = p.has_article() && !nisba && !craft || self.lexicon.is_common(p);
        // (After a feminine name, a feminine word: حياة سعيدة.)
        let feminine = words[k - 1]
            .part
            .as_ref()
            .is_some_and(|g| g.core().ends_with(['ه', 'ى']));
        let adjective = core.ends_with("يه") || feminine && core.ends_with('ه');
        let verb = !framed
            && !p.has_article()
            && p.clitic().is_none()
            && letters >= 4
            && w.text.starts_with(['ي', 'ت']);
        let pronoun = letters >= 5 && ["ها", "هم", "هما"].iter().any(|e| core.ends_with(e));
        // (And a common word with a clitic that the normaliser kept, as it
        // keeps the و of a word of four letters: كريم وغير معتاد.)
        article || adjective || verb || pronoun || self.clitic_on_common(w.text)
    }

    /// Name words from `i` after a cue (a title when `titled`): non-stop words (a common word as
    /// the family name, see [`Scanner::family_word`]), nasab particles
    /// inside.
    fn name_run(&self, words: &[Word<'_>], i: usize, titled: bool) -> usize {
        let mut len = 0;
        let compound = self.compound_given(words, i);
        while i + len < words.len() && len < MAX_NAME_WORDS {
            let w = &words[i + len];
            if len > 0 && !w.joined {
                break;
            }
            // (And after a name word, the particles of foreign names: دي
            // ميستورا, فان خال, فون دير لاين, دا سيلفا.)
            let particle = w.part.as_ref().is_some_and(|p| {
                matches!(p.as_str(), "بن" | "بنت" | "ابو" | "عبد" | "ال")
                    || len > 0 && is_foreign_particle(p.as_str())
            });
            if particle {
                // A particle must be followed by a name word (فون دير, von
                // der, by one after دير).
                let der = w.text == "فون"
                    && words
                        .get(i + len + 1)
                        .is_some_and(|n| n.joined && n.text == "دير");
                let skip = if der { 2 } else { 1 };
                let next = words.get(i + len + skip);
                if next.is_some_and(|n| n.joined && !self.is_stop(n)) {
                    len += skip + 1;
                    continue;
                }
                break;
            }
            // (After a given name, a common word of news text that is no
            // stop word is the family name: آدم رجال; see `family_word`.)
            // (A nisba with the article after a given name and a family
            // name is the name's last part too: محمد شياع السوداني.)
            // (A given name of two words is the name's first word, and the
            // word after it is taken as the word after a given name is.)
            if len == 0 && compound {
                len = 2;
                continue;
            }
            // (A house's name, آل and its word, one word here, closes the
            // name: محمد بن عبد الرحمن آل ثاني, though آل ثاني folds to
            // الثاني, a stop word.)
            let house = w
                .text
                .strip_prefix("آل")
                .is_some_and(|rest| rest.starts_with(char::is_whitespace));
            if len > 0 && house {
                len += 1;
                break;
            }
            if self.pronoun_on_common(w)
                || self.preposition_on_common(w)
                || (len > 0 || titled) && self.accusative_common(w)
                || len == 0 && titled && self.participle_after_title(w)
                || len == 0 && titled && preposition_and_article(w.text)
                || len == 0 && titled && participle(w.text) && !self.given_as_written(w)
                || len == 0 && titled && self.noun_in_iya(w)
                || len > 0 && preposition_on_hamza(w.text)
            {
                break;
            }
            let family = len == 1 && self.family_word(words, i, i + 1)
                || len == 2
                    && self.plain_given(&words[i])
                    && !self.is_stop(&words[i + 1])
                    && w.joined
                    && w.part.as_ref().is_some_and(|p| {
                        p.has_article() && p.clitic().is_none() && self.family_nisba(p)
                    });
            if self.is_stop(w) && !family || self.title_at(words, i + len).is_some() {
                break;
            }
            // "and" glued to a later word starts another name (غوتيريش وجوتيريس),
            // and a known name starts its own mention (حفطر ... القاهرة),
            // but for a person's one-word name after a given name, or
            // after two: that is the family name (رانيا المشاط is no
            // المشاط, Mahdi al-Mashat; عباس علي آبادي no آبادي, al-Abadi,
            // whose Latin row romanises so; see `find` for its entity).
            // (Not a given name as written, و and all: طارق وليام صعب; nor
            // the family name of a given name before إن or أن, a speaker's
            // name after a verb of speech or a title: وقال ستيف ويتكوف إن.
            // Two people would be two given names: قال محمد وأحمد إن.)
            let speaker_end = len == 1
                && self.plain_given(&words[i])
                && self.speech_end(words, i + 2)
                && (titled
                    || i.checked_sub(1)
                        .is_some_and(|k| words[i].joined && self.lexicon.is_speech(words[k].text)))
                && w.part.as_ref().is_some_and(|p| {
                    !self.lexicon.is_given(p) && !self.is_stop(w) && !self.clitic_on_common(w.text)
                });
            // (A word of four letters keeps its و through normalisation,
            // وبري; after a name whose first word has the clitic و, it is
            // "and" again: وسلام وبري is two names. Nor is a table name
            // read with its first letter as a clitic a family name.)
            let and_again = w.text.starts_with('و')
                && words[i]
                    .part
                    .as_ref()
                    .is_some_and(|p| p.clitic() == Some('و'));
            if len > 0
                && (w.part.as_ref().is_some_and(|p| {
                    (p.clitic() == Some('و') || and_again)
                        && !self.lexicon.is_given_as_written(p)
                        && !speaker_end
                }) || self.phrase_at(words, i + len).is_some_and(|hit| {
                    hit.2
                        || !(len == 1 && self.family_after_given(words, i, hit)
                            || len == 2
                                && self.plain_given(&words[i])
                                && self.family_after_given(words, i + 1, hit))
                }))
            {
                break;
            }
            // (After a given name that is also an everyday word, the
            // second word must look like a family name: see
            // `ordinary_after_given`.)
            if len == 1
                && !titled
                && words[i]
                    .part
                    .as_ref()
                    .is_some_and(|p| self.lexicon.is_everyday_given(p))
                && self.ordinary_after_given(words, i + 1, self.speech_frame(words, i, 2))
            {
                break;
            }
            // The second word: after a given name it is the family name; after
            // a family name (المشير حفطر) a word opening like a verb in the
            // imperfect or future (يؤكد, سيزور) is not a name.
            if len == 1 {
                let first_given = words[i]
                    .part
                    .as_ref()
                    .is_some_and(|p| self.lexicon.is_given(p));
                let name_like = w
                    .part
                    .as_ref()
                    .is_some_and(|p| p.has_article() || self.lexicon.is_given(p));
                if !name_like && (!first_given && verb_like(w.text) || plural_verb(w.text)) {
                    break;
                }
            }
            // Two words (given and family name) are taken as they come; a
            // third only when it looks like a name part: a known given name
            // (a nasab), a word with the article (a nisba such as الشيباني),
            // or after a particle. Otherwise the verb after the name would be
            // taken in (بشار الأسد يقيم), or a noun after a preposition
            // glued on (محمد عواد للكرة: a nisba takes no clitic). (After
            // two given names, `find` takes a third that makes a known
            // person's name.)
            if len >= 2 && !(len == 2 && compound) {
                let name_like = w.part.as_ref().is_some_and(|p| {
                    p.has_article() && p.clitic().is_none() || self.lexicon.is_given(p)
                });
                let after_particle = words[i + len - 1].part.as_ref().is_some_and(|p| {
                    matches!(p.as_str(), "بن" | "بنت" | "ابو" | "عبد" | "ال")
                        || is_foreign_particle(p.as_str())
                });
                // (After two given names, a third word is the family name:
                // محمد حمدان دقلو; not an object in the accusative: سجل
                // محمد صلاح هدفا.)
                let shape = !self.clitic_on_common(w.text)
                    && !w.text.ends_with('ا')
                    && w.part.as_ref().is_some_and(|p| p.clitic().is_none());
                let after_given =
                    len == 2 && self.plain_given(&words[i]) && self.plain_given(&words[i + 1]);
                // (Or after a given name, a word that ends the clause before
                // إن or أن, as reported speech goes: قال تايي أتسكي
                // سيلاسي إن; an object mostly has more words after it.)
                let closed =
                    (titled || self.plain_given(&words[i])) && self.speech_end(words, i + len + 1);
                // (Before إن a word opening with أ is a name, أوريبي, more
                // likely than a verb in the first person.)
                let verb = verb_like(w.text) && !(closed && w.text.starts_with('أ'));
                if !name_like && !after_particle && !(shape && !verb && (after_given || closed)) {
                    break;
                }
            }
            len += 1;
        }
        len.min(MAX_NAME_WORDS + 1)
    }

    /// The entity a lone word of [`FUZZY_MIN_LETTERS`] letters or more
    /// resolves to at a high score ([`FUZZY_WORD_THRESHOLD`] for a person,
    /// [`FUZZY_OTHER_THRESHOLD`] else and for a word of [`SHORT_WORD`]
    /// letters or fewer; a place or organisation whose spelling has the
    /// article only for a word with it), through a one-word Arabic table
    /// spelling (a lone word matching one part of a longer name is too weak
    /// a cue, and a romanised Latin spelling too loose a match), or with
    /// `latin` a one-word Latin one too (after a title: السيد غوتيرس meets
    /// Guterres before غوتيريس). The resolver's answer is cached per word.
    fn fuzzy_word(
        &self,
        r: &Resolver,
        p: &Part,
        latin: bool,
        cache: &mut Map<String, Option<Hit>>,
    ) -> Option<u32> {
        if p.core().chars().count() < FUZZY_MIN_LETTERS {
            return None;
        }
        let hit = *cache.entry(p.as_str().to_string()).or_insert_with(|| {
            let form = Name::from_parts(vec![p.clone()]);
            r.entity_for(&form, FUZZY_WORD_THRESHOLD).map(|l| Hit {
                entity: l.entity,
                score: l.score,
                one_word: l.parts == 1,
                latin: l.latin,
                ends_so: shaped_as(p, l.form),
                article: l.form.starts_with("ال"),
            })
        });
        let hit = hit?;
        let person = is_person(r, hit.entity);
        // (A word of four letters is one edit from many names: كوبر
        // from كوبلر, Kobler, at 0.91; هفتر from حفتر is at 0.97.)
        let least = if person && p.core().chars().count() > SHORT_WORD {
            FUZZY_WORD_THRESHOLD
        } else {
            FUZZY_OTHER_THRESHOLD
        };
        // (A place or organisation keeps its article: قاعدة, a base, is no
        // القاعدة, al-Qaeda; a family name may lose it in translation.)
        let article = person || !hit.article || p.has_article();
        let spelling = hit.one_word && (!hit.latin || latin);
        (spelling && article && hit.ends_so && hit.score >= least).then_some(hit.entity)
    }

    /// A run of Latin words from word `i` that opens with a capital and
    /// ends with one (lower-case particles such as al, bin, de between):
    /// its length, and the entity the resolver gives it at
    /// [`FUZZY_WORD_THRESHOLD`] or above, untied. A run that resolves to
    /// nothing is a mention only after a title (`titled`): capitals open
    /// English sentences too (In March, The Guardian).
    fn latin_run(
        &self,
        words: &[Word<'_>],
        i: usize,
        titled: bool,
        cache: &mut Map<String, Option<(u32, f32)>>,
    ) -> Option<(usize, Option<u32>, bool)> {
        // The first word may carry an Arabic clitic (وMohammed).
        let (first, strip) = latin_body(words[i].text);
        if !capital_text(first) {
            return None;
        }
        let particle = |w: &Word<'_>| {
            matches!(
                w.text.trim_matches(is_mark_or_control),
                "al" | "el"
                    | "bin"
                    | "ibn"
                    | "bint"
                    | "ben"
                    | "abu"
                    | "de"
                    | "da"
                    | "di"
                    | "du"
                    | "van"
                    | "von"
                    | "der"
                    | "la"
                    | "le"
            )
        };
        let mut len = 1;
        let mut end = 1;
        while i + len < words.len() && len < 2 * MAX_NAME_WORDS {
            let w = &words[i + len];
            if !w.joined || !(capital_text(w.text) || particle(w)) {
                break;
            }
            len += 1;
            if capital_text(w.text) {
                end = len;
            }
        }
        let len = end;
        let text = std::iter::once(first)
            .chain(words[i + 1..i + len].iter().map(|w| w.text))
            .collect::<Vec<_>>()
            .join(" ");
        // A one-word run with no title needs a closer match: a capital
        // opens English sentences, and a common word may be a part of a
        // longer name (May, Rice).
        let least = if len == 1 && !titled {
            FUZZY_OTHER_THRESHOLD
        } else {
            FUZZY_WORD_THRESHOLD
        };
        let entity = match &self.resolver {
            Some(r) => *cache.entry(text).or_insert_with_key(|text| {
                let m = r.resolve(text).ok().flatten()?;
                if !m.ties.is_empty() {
                    return None;
                }
                Some((r.table().index_of(&m.entity.id)?, m.score))
            }),
            None => None,
        }
        .and_then(|(e, score)| (score >= least).then_some(e));
        (entity.is_some() || titled).then_some((len, entity, strip))
    }

    fn find(&self, words: &[Word<'_>]) -> Vec<Found> {
        let mut found = Vec::new();
        let mut fuzzy_cache: Map<String, Option<Hit>> = Map::default();
        let mut titled_cache: Map<(String, u16), Option<u32>> = Map::default();
        let mut run_cache: Map<String, Option<u32>> = Map::default();
        // A Latin run's untied entity and score, by its text.
        let mut latin_cache: Map<String, Option<(u32, f32)>> = Map::default();
        let mut i = 0;
        // A title that an organisation or place after it did not use up,
        // for the words after that (see below).
        let mut carry: Option<(usize, usize, String)> = None;
        while i < words.len() {
            let carried = carry.take();
            // Latin names written into Arabic text (قال Emmanuel Macron):
            // a run of capitalised Latin words, resolved whole.
            // (A Latin title opens no run: the title path reads the run
            // after it. The title is looked up only for a capital.)
            let run =
                if capital_text(latin_body(words[i].text).0) && self.title_at(words, i).is_none() {
                    self.latin_run(words, i, false, &mut latin_cache)
                } else {
                    None
                };
            if let Some((len, entity, strip)) = run {
                found.push(Found::new((i, i + len), strip, None, entity));
                i += len;
                continue;
            }
            // A title (possibly with common words such as a nationality after it).
            let from_before = carried.is_some();
            let mut title = carried;
            let mut j = i;
            // Where the title's own words end (its complement apart).
            let mut title_end = i;
            // Where the first title of a chain ends.
            let mut first_end = i;
            // A place or an organisation whose table name opens with a
            // title word (الشيخ جراح, الشيخ زويد) is named, not titled.
            let named = |len: usize| {
                self.phrase_at(words, i).is_some_and(|(n, e, _)| {
                    n > len
                        && self
                            .resolver
                            .as_ref()
                            .is_some_and(|r| kind_of(r, e).is_some_and(|k| k != Kind::Person))
                })
            };
            if let Some((len, role)) = title
                .is_none()
                .then(|| self.title_at(words, i))
                .flatten()
                .filter(|(len, _)| !named(*len))
            {
                title = Some((i, i + len, role));
                title_end = i + len;
                first_end = i + len;
                j = i + len;
                // Titles chain (رئيس مجلس السيادة الفريق أول) and may be
                // followed by up to two common words (الليبي).
                let mut skipped = 0;
                // The words of the last title in the chain.
                let mut last = (i, j);
                // Words taken as the complement of a title that ends in a
                // noun without the article (وزير الثقافة, وزيرة التخطيط
                // والتنمية الاقتصادية, مستشار الأمن القومي): the
                // portfolio or office, no name. Up to MAX_COMPLEMENT,
                // each with the article (or و and the article), and no
                // table spelling's start (سفير السعودية, قائد الجيش
                // الوطني الليبي keep theirs).
                let bare = |end: usize| {
                    words[end - 1]
                        .part
                        .as_ref()
                        .is_some_and(|p| !p.has_article() && !p.is_latin())
                };
                // (Or one whose next word is of the article and the
                // preposition ل, the genitive: المدير العام للوكالة
                // الدولية للطاقة الذرية.)
                let genitive = |k: usize| {
                    words.get(k).is_some_and(|w| {
                        w.joined
                            && w.part
                                .as_ref()
                                .is_some_and(|p| p.has_article() && p.clitic() == Some('ل'))
                            && self.phrase_at(words, k).is_none()
                    })
                };
                let mut complement = bare(j) || genitive(j);
                let mut complements = 0;
                while j < words.len() && words[j].joined {
                    if let Some((len, role)) = self.title_at(words, j) {
                        title = Some((i, j + len, role));
                        last = (j, j + len);
                        j += len;
                        title_end = j;
                        complement = skipped == 0 && (bare(j) || genitive(j));
                    } else if let Some(n) = complement
                        .then(|| self.complement_at(words, j))
                        .flatten()
                        .filter(|_| complements < MAX_COMPLEMENT)
                    {
                        if let Some(t) = &mut title {
                            t.1 = j + n;
                        }
                        j += n;
                        complements += 1;
                    } else if let Some(role) = (skipped > 0)
                        .then(|| self.title_past(words, last, j))
                        .flatten()
                    {
                        // A title that goes on past the common words
                        // (المتحدث العسكري باسم: المتحدث باسم) takes in
                        // its word: باسم is no given name there.
                        title = Some((i, j + 1, role));
                        last = (j, j + 1);
                        j += 1;
                        title_end = j;
                    } else if words[j]
                        .part
                        .as_ref()
                        .is_some_and(|p| self.lexicon.is_between(p))
                        && skipped < 2
                        && self.phrase_at(words, j).is_none()
                    {
                        j += 1;
                        skipped += 1;
                        complement = false;
                    } else {
                        break;
                    }
                }
            }
            // A table spelling of a person that holds the title (الملك
            // سلمان, الإمام علي, الملا عمر, or a title word that is the
            // given name: سلطان الجابر) names that person, when it covers
            // what the title took (الجابر as its complement), the name
            // after the title's own words ends with it and no table name
            // starts there that goes further: the title alone would
            // leave one given name to a fuzzy lookup (سلمان as Soleimani).
            if let Some((ti, _, _)) = title.as_ref().filter(|_| !from_before && j > i) {
                let (ti, own) = (*ti, title_end);
                // (A one-word title that is a given name is the person's:
                // سلطان of سلطان الجابر.)
                let given = own == ti + 1
                    && words[ti]
                        .part
                        .as_ref()
                        .is_some_and(|p| !p.has_article() && self.lexicon.is_given(p));
                let held = self.phrase_at(words, ti).filter(|&(n, e, _)| {
                    ti + n > own
                        && ti + n >= j
                        && self.resolver.as_ref().is_some_and(|r| is_person(r, e))
                        && self.phrase_at(words, own).is_none_or(|(m, _, _)| own + m < ti + n)
                        && own + self.name_run(words, own, true) <= ti + n
                        // (A later word of a table name is matched by its
                        // core: قائد لصالح is no قايد صالح.)
                        && words[own..ti + n]
                            .iter()
                            .all(|w| w.part.as_ref().is_some_and(|p| p.clitic().is_none()))
                });
                if let Some((n, entity, _)) = held {
                    let from = if given { ti } else { own };
                    let strip = self.strips_name(&words[from]);
                    let t = title
                        .take()
                        .filter(|_| !given)
                        .map(|(a, _, role)| (a, own, role));
                    found.push(Found::new((from, ti + n), strip, t, Some(entity)));
                    i = ti + n;
                    continue;
                }
                // (So may a garbled one: سلطان العراضة, when the title
                // word, a given name, and its complement resolve to a
                // table person as a run of name words does.)
                if let Some(r) = self.resolver.as_ref().filter(|_| given && j > own) {
                    let strip = self.strips_name(&words[ti]);
                    if let Some(entity) = run_person(r, &words[ti..j], strip, &mut run_cache) {
                        found.push(Found::new((ti, j), strip, None, Some(entity)));
                        i = j;
                        continue;
                    }
                }
            }
            // A title that ends with an organisation's own first word
            // (رئيس حركة before النهضة, of حركة النهضة; المتحدث باسم الجيش
            // before الوطني الليبي, of الجيش الوطني الليبي) gives the word
            // back when a table spelling starts there and goes on past it;
            // one that ends with a whole organisation's name (الأمين العام
            // للأمم المتحدة) names it too, and so does the first title of a
            // chain (رئيس مجلس السيادة الفريق أول). The earliest such
            // spelling wins.
            if let Some((ti, tj, role)) = title.as_ref().filter(|_| !from_before) {
                // (The title's own words: a complement after them, as
                // للشؤون الإنسانية after الأمين العام للأمم المتحدة, is
                // no part of the organisation.)
                let tj = title_end.clamp(ti + 1, *tj);
                let ti = *ti;
                let org = (ti + 1..tj).find_map(|at| {
                    self.phrase_at(words, at)
                        .filter(|&(len, _, _)| {
                            len >= 2 && (at + len >= tj || at + len == first_end)
                        })
                        .map(|hit| (at, hit))
                });
                if let Some((at, (len, entity, strip))) = org {
                    found.push(Found::new(
                        (at, at + len),
                        strip,
                        Some((ti, at, role.clone())),
                        Some(entity),
                    ));
                    // The person the title names may follow
                    // (رئيس البرلمان المصري نيمار ...): the
                    // title stays for the name after it.
                    j = j.max(at + len);
                }
            }
            // A title with no word after it in its sentence names no one.
            if title.is_some() && (j >= words.len() || !words[j].joined) {
                i = j.max(i + 1);
                continue;
            }
            // (A one-word table name that is a given name, before another
            // given name or a family name, opens a person's name of its
            // own: عباس كمال is no عباس, Mahmoud Abbas; رانيا المشاط no
            // رانيا, Queen Rania.)
            let given = |k: usize| {
                words.get(k).is_some_and(|w| {
                    !self.is_stop(w)
                        && w.part
                            .as_ref()
                            .is_some_and(|p| !p.has_article() && self.lexicon.is_given(p))
                })
            };
            // (So before any word that may be a family name: no stop
            // word, no clitic, not opening like a verb, not ending in the
            // pronoun ه, no table name's start: عباس عواضة, عباس عرقجي;
            // not عباس رفضه, Abbas his refusal.)
            let family = |k: usize| {
                words.get(k).is_some_and(|w| {
                    w.joined
                        && !self.is_stop(w)
                        && !verb_like(w.text)
                        && !w.text.ends_with('ه')
                        && self.title_at(words, k).is_none()
                        && self
                            .phrase_at(words, k)
                            .is_none_or(|hit| self.family_after_given(words, j, hit))
                        && w.part.as_ref().is_some_and(|p| p.clitic().is_none())
                })
            };
            let phrase = self
                .phrase_at(words, j)
                .filter(|&(len, _, _)| len > 1 || !(given(j) && family(j + 1)));
            if let Some((len, entity, strip)) = phrase {
                // A title before an organisation or a place names the person
                // after it (قائد القيادة المركزية الأمريكية براد كوبر): the
                // title stays for the words that follow, if any do, read
                // afresh from there (a table name, a name run).
                let next = j + len;
                // (Not before a preposition glued on: مدير منظمة الصحة
                // العالمية لشرق المتوسط names a region first.)
                let keep = title.is_some()
                    && next < words.len()
                    && words[next].joined
                    && words[next]
                        .part
                        .as_ref()
                        .is_some_and(|p| p.clitic().is_none())
                    && self
                        .resolver
                        .as_ref()
                        .is_some_and(|r| kind_of(r, entity).is_some_and(|k| k != Kind::Person));
                // (A title that is an everyday noun titles no one-word
                // place or organisation, see `title_of_person`; it still
                // carries to a name after it.)
                let own = if keep { title.clone() } else { title.take() };
                let t = if keep && len > 1 {
                    own
                } else {
                    self.title_of_person(words, own, j, Some(entity))
                };
                found.push(Found::new((j, next), strip, t, Some(entity)));
                if keep {
                    carry = title.take();
                }
                i = next;
                continue;
            }
            if j > i {
                if let Some((len, entity, strip)) =
                    self.latin_run(words, j, title.is_some(), &mut latin_cache)
                {
                    found.push(Found::new((j, j + len), strip, title.take(), entity));
                    i = j + len;
                    continue;
                }
            }
            // (آل, the house of, opens a family's name, one word with it:
            // آل جابر, آل ثاني.)
            // (The word after آل is tested alone: آل ثاني merges into
            // الثاني, a stop word, and آل سعود into a given name's core.)
            let house = words[j]
                .text
                .strip_prefix("آل")
                .and_then(|rest| rest.strip_prefix(char::is_whitespace))
                .is_some_and(|rest| self.one_word_common(rest) == Some(false));
            if title.is_some() || house || self.given_cue(words, j) {
                // (A house's name is its one merged word: آل سعود تحكم.)
                let mut len = if house && title.is_none() {
                    1
                } else {
                    self.name_run(words, j, title.is_some())
                };
                // Two given names and a word the run left out (رجب طيب
                // إردوجان): the word is the family name when the three
                // make a known person's name (see `run_person`).
                let mut known = None;
                if let Some(r) = &self.resolver {
                    let given = |k: usize| {
                        words[k]
                            .part
                            .as_ref()
                            .is_some_and(|p| self.lexicon.is_given(p))
                    };
                    let next = || {
                        words.get(j + 2).is_some_and(|w| {
                            w.joined && !self.is_stop(w) && self.title_at(words, j + 2).is_none()
                        })
                    };
                    if len == 2 && given(j) && given(j + 1) && next() {
                        let strip = self.strips_name(&words[j]);
                        known = run_person(r, &words[j..j + 3], strip, &mut run_cache);
                        if known.is_some() {
                            len = 3;
                        }
                    }
                }
                // (A compound given name of عبد stands alone for its
                // bearer: عن عبد السلام قوله, عبدالسلام.)
                let compound =
                    words[j].part.as_ref().is_some_and(|p| {
                        p.core().starts_with("عبد") && p.core().chars().count() > 4
                    }) && self.given_cue(words, j);
                let min = if title.is_some() || house || compound {
                    1
                } else {
                    2
                };
                if len >= min {
                    let strip = self.strips_name(&words[j]);
                    // A name after a title is a person's, often one part of
                    // the full name (الشيخ تميم): the best person the table
                    // has for it, untied, is its entity.
                    // A garbled one-word name the table lacks as written
                    // (الجنرال هفتر) is then looked up as a lone word is,
                    // a person only.
                    let entity = match (&title, &self.resolver) {
                        (Some((_, _, role)), Some(r)) => {
                            titled_person(r, &words[j..j + len], strip, role, &mut titled_cache)
                                .or_else(|| match &words[j].part {
                                    // (A known given name is left to
                                    // `titled_person`, which answers only
                                    // when one person has it; a word with
                                    // the article is a lone word's
                                    // likeliest common one: اللاعب الأبرز,
                                    // the main player, is no Albares.)
                                    Some(p)
                                        if len == 1
                                            && !self.lexicon.is_given(p)
                                            && !p.has_article() =>
                                    {
                                        self.fuzzy_word(r, p, true, &mut fuzzy_cache).filter(|&e| {
                                            kind_of(r, e).is_none_or(|k| k == Kind::Person)
                                        })
                                    }
                                    _ => None,
                                })
                        }
                        _ => None,
                    };
                    // A run of two words or more that the table knows,
                    // whole, as a person's name of as many parts (رجب طيب
                    // إردوجان, a garbled أردوغان after two given names).
                    let entity = entity.or(known).or_else(|| match &self.resolver {
                        Some(r) if len >= 2 => {
                            run_person(r, &words[j..j + len], strip, &mut run_cache).or_else(|| {
                                let role = title.as_ref().map(|t| t.2.as_str())?;
                                role_person(r, &words[j..j + len], strip, role)
                            })
                        }
                        _ => None,
                    });
                    // A given name and a person's one-word table name (see
                    // `name_run`): that person's, if the whole run
                    // resolves to them (رجب أردوغان), else nobody's (رانيا
                    // المشاط).
                    let entity = entity.or_else(|| {
                        let r = self.resolver.as_ref().filter(|_| len == 2)?;
                        let hit = self
                            .phrase_at(words, j + 1)
                            .filter(|&hit| self.family_after_given(words, j, hit))?;
                        let name = run_name(&words[j..j + 2], strip);
                        let whole = r.entity_for(&normalize(&name), FUZZY_WORD_THRESHOLD)?;
                        (whole.entity == hit.1).then_some(hit.1)
                    });
                    // After a title that is also an everyday noun (الفريق,
                    // the team; المهندس, the engineer; السير, traffic), one
                    // word, or words opening with the article, that name
                    // no entity and are no known given name are no name:
                    // الفريق يضم, المهندس المشرف, السير السائقين, الفريق
                    // الضيف استياءه.
                    // (So is a word that names a person who holds no role
                    // of the title, when the table knows their roles:
                    // الفريق الضيف, the visiting team, is no Mohammed
                    // Deif; and an unknown verb or plural: الحارس تصدى,
                    // المدرب تغييرين.)
                    let first = &words[j];
                    let shaped = len == 1
                        || first.part.as_ref().is_some_and(|p| p.has_article())
                        || verb_like(first.text)
                        || ["ين", "ون", "ات"].iter().any(|e| first.text.ends_with(e));
                    let unfit = |e: u32| {
                        len == 1 && title.as_ref().is_some_and(|t| self.lacks_role(&t.2, e))
                    };
                    let bare = entity.is_none_or(unfit)
                        && (entity.is_some() || shaped)
                        && title
                            .as_ref()
                            .is_some_and(|t| self.common_title(words, t.0, j))
                        && (entity.is_some()
                            || !words[j]
                                .part
                                .as_ref()
                                .is_some_and(|p| self.lexicon.is_given(p)));
                    if bare {
                        i = j + 1;
                        continue;
                    }
                    let title = self.title_of_person(words, title.take(), j, entity);
                    found.push(Found::new((j, j + len), strip, title, entity));
                    i = j + len;
                    continue;
                }
            }
            if title.is_some() {
                i = j.max(i + 1);
                continue;
            }
            // A speaker's name of two words (see `speaker_pair_at`) that
            // the table knows a person by (see `run_person`). (Two words
            // of no entity there are as often prose: وقال صاحب مخبز إن,
            // a baker said.)
            if self.speaker_pair_at(words, j) {
                let strip = self.strips_name(&words[j]);
                let entity = self
                    .resolver
                    .as_ref()
                    .and_then(|r| run_person(r, &words[j..j + 2], strip, &mut run_cache));
                if entity.is_some() {
                    found.push(Found::new((j, j + 2), strip, None, entity));
                    i = j + 2;
                    continue;
                }
            }
            // A lone word that resolves to a known name at a high score;
            // not one with the article, which the exact lookup above had
            // its chance at: near a name with it stand many common nouns
            // and adjectives (الظواهر, phenomena, by الظواهري; الملكي,
            // royal, by المالكي; السدود, dams, by أسدود), while a garbled
            // family name mostly comes after its given name or a title.
            if let (Some(r), Some(p)) = (&self.resolver, &words[j].part) {
                // (Nor one that opens with ال as the article does, which
                // the normaliser leaves on a short word: السد, the dam, is
                // no الأسد.)
                if !self.is_stop(&words[j]) && !p.has_article() && !p.as_str().starts_with("ال") {
                    // (A known given name as written is no garbled place
                    // or organisation: يزيد is no يزد, Yazd. Nor is a
                    // common word with a pronoun a name: اعتبره, he deemed
                    // it, is no عطبرة. Both asked of a hit only.)
                    if let Some(e) = self.fuzzy_word(r, p, false, &mut fuzzy_cache).filter(|&e| {
                        (!self.lexicon.is_given(p)
                            || kind_of(r, e).is_none_or(|k| k == Kind::Person))
                            && !self.pronoun_on_common(&words[j])
                    }) {
                        let mut f = Found::new((j, j + 1), strips(Some(p)), None, Some(e));
                        f.lone = true;
                        found.push(f);
                        i = j + 1;
                        continue;
                    }
                }
            }
            // The speaker of reported speech: one word between a verb of
            // speech and إن or أن (وقال فكي إن, وأكد كاقنز أن) is a
            // person's name, of no entity unless an echo gives it one.
            // (Whether its first letter is a clitic, the name it echoes
            // tells: see `echoes`.)
            if self.speaker_at(words, j) {
                let mut f = Found::new((j, j + 1), self.strips_name(&words[j]), None, None);
                f.speaker = true;
                found.push(f);
            }
            i = j + 1;
        }
        found
    }

    /// Scans `text`: every mention, and the groups they form.
    ///
    /// Total: any `&str` gives a result, possibly empty.
    pub fn scan(&self, text: &str) -> Scan {
        let table = self.resolver.as_ref().map(|r| r.table());
        // Mention names (without clitic) and their comparison forms.
        let mut mentions: Vec<Mention> = Vec::new();
        // Distinct comparison forms, and each mention's index into them.
        let mut distinct: Vec<Name> = Vec::new();
        let mut form_id: Map<String, usize> = Map::default();
        let mut form_of: Vec<usize> = Vec::new();
        let mut shared: Map<u32, Arc<Entity>> = Map::default();
        let mut roles: Vec<Option<String>> = Vec::new();
        let mut entities: Vec<Option<u32>> = Vec::new();
        let mut links: Vec<(usize, usize)> = Vec::new();
        // Long texts are read a segment (about SEGMENT bytes, cut at a line
        // end) at a time, so that memory stays a small multiple of the
        // mentions, not of the text.
        let mut char_base = 0;
        for seg in segments(text) {
            let words = self.words(seg);
            let mut found = self.find(&words);
            self.given_before_family(&words, &mut found);
            self.drop_in_expressions(&words, &mut found);
            self.drop_uncued_everyday(&words, &mut found);
            self.drop_everyday_alone(&words, &mut found);
            self.echoes(&words, &mut found);
            self.antecedents(&words, &mut found);
            let base = mentions.len();
            for f in &found {
                let (a, b) = f.words;
                let (wa, wb) = (&words[a], &words[b - 1]);
                let surface = &seg[wa.byte.0..wb.byte.1];
                let name = if f.strip {
                    // (لبنان of للبنان: no article to restore.)
                    let elided = wa
                        .part
                        .as_ref()
                        .is_some_and(|p| p.prefix().ends_with(ELIDED))
                        && self
                            .phrase_read(&words, a)
                            .is_some_and(|(len, _, _, elided)| elided && a + len == b);
                    strip_clitic(surface, wa.part.as_ref(), elided)
                } else {
                    surface.to_string()
                };
                let form = normalize(&name);
                let next = distinct.len();
                let id = *form_id.entry(form.as_str().to_string()).or_insert(next);
                if id == next {
                    distinct.push(form);
                }
                form_of.push(id);
                let title = f
                    .title
                    .as_ref()
                    .map(|(x, y, _)| seg[words[*x].byte.0..words[*y - 1].byte.1].to_string());
                roles.push(f.title.as_ref().map(|t| t.2.clone()));
                entities.push(f.entity);
                mentions.push(Mention {
                    start: char_base + wa.chars.0,
                    end: char_base + wb.chars.1,
                    surface: surface.to_string(),
                    name,
                    title,
                    group: 0,
                    entity: f.entity.and_then(|e| {
                        table.map(|t| {
                            shared
                                .entry(e)
                                .or_insert_with(|| Arc::new(t.entities[e as usize].clone()))
                                .clone()
                        })
                    }),
                });
            }
            // Second-pass mentions join the mention they echo.
            let start_of: Map<usize, usize> = found
                .iter()
                .enumerate()
                .map(|(i, f)| (f.words.0, i))
                .collect();
            links.extend(found.iter().enumerate().filter_map(|(i, f)| {
                f.echo
                    .and_then(|w| start_of.get(&w))
                    .map(|&k| (base + i, base + k))
            }));
            char_base += seg.chars().count();
        }
        let titles: Vec<Option<String>> = mentions
            .iter()
            .map(|m| m.title.as_ref().map(|t| normalize(t).core()))
            .collect();
        drop((form_id, shared));
        let forms: Vec<&Name> = form_of.iter().map(|&i| &distinct[i]).collect();
        let groups = self.group(&mentions, &forms, &roles, &titles, &entities, &links);
        let mut scan = Scan {
            mentions,
            groups: Vec::new(),
        };
        // Number groups by first mention.
        let mut ids: Map<usize, usize> = Map::default();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (i, g) in groups.iter().enumerate() {
            let id = *ids.entry(*g).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            scan.mentions[i].group = id;
            members[id].push(i);
        }
        for (id, ms) in members.into_iter().enumerate() {
            let mut counts: Vec<(String, usize)> = Vec::new();
            let mut at: Map<&str, usize> = Map::default();
            for &m in &ms {
                let n = scan.mentions[m].name.as_str();
                match at.get(n) {
                    Some(&k) => counts[k].1 += 1,
                    None => {
                        at.insert(n, counts.len());
                        counts.push((n.to_string(), 1));
                    }
                }
            }
            drop(at);
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let entity = ms.iter().find_map(|&m| scan.mentions[m].entity.clone());
            for &m in &ms {
                if scan.mentions[m].entity.is_none() {
                    scan.mentions[m].entity.clone_from(&entity);
                }
            }
            let representative = entity
                .as_ref()
                .and_then(|e| e.canonical_arabic.clone())
                .unwrap_or_else(|| counts[0].0.clone());
            let entity = entity.map(|e| (*e).clone());
            scan.groups.push(Cluster {
                id,
                representative,
                members: counts
                    .into_iter()
                    .map(|(name, count)| Member { name, count })
                    .collect(),
                entity,
                cohesion: 1.0,
            });
        }
        scan
    }

    /// Group label per mention.
    #[allow(clippy::needless_range_loop)] // node indices are the union-find's
    fn group(
        &self,
        mentions: &[Mention],
        forms: &[&Name],
        roles: &[Option<String>],
        titles: &[Option<String>],
        entities: &[Option<u32>],
        links: &[(usize, usize)],
    ) -> Vec<usize> {
        // Distinct (form, entity) nodes in a deterministic order.
        let mut keys: Vec<(String, Option<u32>)> = forms
            .iter()
            .zip(entities)
            .map(|(f, e)| (f.as_str().to_string(), *e))
            .collect();
        keys.sort();
        keys.dedup();
        let node_of = |i: usize| {
            keys.binary_search(&(forms[i].as_str().to_string(), entities[i]))
                .unwrap_or(0)
        };
        let node_forms: Vec<Name> = keys.iter().map(|(f, _)| normalize(f)).collect();
        let node_entities: Vec<Option<u32>> = keys.iter().map(|(_, e)| *e).collect();
        let refs: Vec<&Name> = node_forms.iter().collect();
        let mut labels = self.clusterer.link_forms(&refs, &node_entities);
        // A one-word name that the table gives a person (عباس, Mahmoud
        // Abbas) and that opens a longer name of no entity (عباس عواضة)
        // names another man: the clusterer's containment had joined them,
        // and the group took the table person. It leaves that group.
        // (The longer names by group and first part, then each one-word
        // name looked up: linear in the nodes.)
        let mut opened: std::collections::HashSet<(usize, &str)> = Default::default();
        for (b, form) in node_forms.iter().enumerate() {
            if let [first, .., last] = form.parts() {
                if node_entities[b].is_none() && first.core() != last.core() {
                    opened.insert((labels[b], first.core()));
                }
            }
        }
        let leave: Vec<usize> = (0..node_forms.len())
            .filter(|&a| match node_forms[a].parts() {
                [pa] => node_entities[a].is_some() && opened.contains(&(labels[a], pa.core())),
                _ => false,
            })
            .collect();
        isolate(&mut labels, &leave);
        // A name of no entity (found by its cues: a title, a given name,
        // an echo) is a person's or an unknown one's, not a spelling of a
        // place or an organisation the table knows: the clusterer joined
        // قداره, of فرحات بن قدارة, with القاهرة. It leaves such a group.
        let other_kind = |e: Option<u32>| match (e, &self.resolver) {
            (Some(e), Some(r)) => kind_of(r, e).is_some_and(|k| k != Kind::Person),
            _ => false,
        };
        let placed: std::collections::HashSet<usize> = (0..node_forms.len())
            .filter(|&a| other_kind(node_entities[a]))
            .map(|a| labels[a])
            .collect();
        let unknown: Vec<usize> = (0..node_forms.len())
            .filter(|&a| node_entities[a].is_none() && placed.contains(&labels[a]))
            .collect();
        isolate(&mut labels, &unknown);
        // A one-word name of no entity that echoes a name in another
        // group leaves its group for the one it echoes (the clusterer put
        // نواف, after نواف سلام, with جان إيف, and the roles of the two
        // groups refused the echo's link).
        let astray: Vec<usize> = links
            .iter()
            .map(|&(i, k)| (node_of(i), node_of(k)))
            .filter(|&(a, b)| {
                labels[a] != labels[b]
                    && node_entities[a].is_none()
                    && node_forms[a].parts().len() == 1
            })
            .map(|(a, _)| a)
            .collect();
        isolate(&mut labels, &astray);
        let n = keys.len();
        let mut parent: Vec<usize> = labels;
        fn find(p: &mut [usize], mut x: usize) -> usize {
            while p[x] != x {
                p[x] = p[p[x]];
                x = p[x];
            }
            x
        }
        // Entity and role of each group, to refuse conflicting joins.
        let mut ent: Vec<Option<u32>> = vec![None; n];
        let mut role: Vec<Option<String>> = vec![None; n];
        for i in 0..mentions.len() {
            let r = find(&mut parent, node_of(i));
            if ent[r].is_none() {
                ent[r] = entities[i];
            }
            if role[r].is_none() {
                role[r].clone_from(&roles[i]);
            }
        }
        let costs = crate::letters::Costs::shipped();
        let join = |parent: &mut Vec<usize>,
                    a: usize,
                    b: usize,
                    ent: &mut Vec<Option<u32>>,
                    role: &mut Vec<Option<String>>| {
            let (ra, rb) = (find(parent, a), find(parent, b));
            if ra == rb {
                return;
            }
            if let (Some(x), Some(y)) = (ent[ra], ent[rb]) {
                if x != y {
                    return;
                }
            }
            if let (Some(x), Some(y)) = (&role[ra], &role[rb]) {
                if x != y {
                    return;
                }
            }
            parent[rb] = ra;
            if ent[ra].is_none() {
                ent[ra] = ent[rb];
            }
            if role[ra].is_none() {
                role[ra] = role[rb].take();
            }
        };
        for &(i, k) in links {
            join(&mut parent, node_of(k), node_of(i), &mut ent, &mut role);
        }
        // Context: a name of two words that opens one longer name of the
        // text, word for word as folded, is that name cut short (منى اركو
        // and مني أركو مناوي); not when two longer names open so.
        // (The second word with its article: محمد العلي opens no محمد علي
        // حسن.)
        let mut by_first_two: Map<(&str, &str, bool), Vec<usize>> = Map::default();
        for (b, fb) in node_forms.iter().enumerate() {
            if let [x, y, _, ..] = fb.parts() {
                by_first_two
                    .entry((x.core(), y.core(), y.has_article()))
                    .or_default()
                    .push(b);
            }
        }
        for (a, fa) in node_forms.iter().enumerate() {
            let [x, y] = fa.parts() else { continue };
            if matches!(x.as_str(), "بن" | "بنت") || matches!(y.as_str(), "بن" | "بنت") {
                continue;
            }
            if let Some(longer) = by_first_two.get(&(x.core(), y.core(), y.has_article())) {
                let mut roots: Vec<usize> = longer.iter().map(|&b| find(&mut parent, b)).collect();
                roots.sort_unstable();
                roots.dedup();
                if let [r] = roots[..] {
                    join(&mut parent, r, a, &mut ent, &mut role);
                }
            }
        }
        // Context: a family name alone joins the full name ending with it
        // (not after بن: that is the father's name). Full names are indexed
        // by the skeleton of their last part, so this stays linear.
        let mut by_last: crate::index::KeyMap<Vec<(usize, Name)>> = Default::default();
        let (mut skel, mut ks) = (Vec::new(), Vec::new());
        for (b, fb) in node_forms.iter().enumerate() {
            let pb = fb.parts();
            if pb.len() >= 2 && !matches!(pb[pb.len() - 2].as_str(), "بن" | "بنت") {
                // Compared without the article, which costs little and would
                // make البرهان near any four letters.
                let last = normalize(pb[pb.len() - 1].core());
                crate::index::skeleton(&costs, last.symbols(), &mut skel);
                crate::index::keys(&skel, &mut ks);
                for &k in &ks {
                    by_last.entry(k).or_default().push((b, last.clone()));
                }
            }
        }
        // (A place or an organisation the table knows is no family name:
        // ولبنان, Lebanon, is no نهيان of شخبوط بن نهيان آل نهيان; nor
        // its last word a person's: هامر, Mike Hammer, is no الأحمر of
        // البحر الأحمر.)
        for (a, fa) in node_forms.iter().enumerate() {
            let [pa] = fa.parts() else { continue };
            if other_kind(node_entities[a]) {
                continue;
            }
            let alone = normalize(pa.core());
            crate::index::skeleton(&costs, alone.symbols(), &mut skel);
            crate::index::keys(&skel, &mut ks);
            let mut seen = Vec::new();
            for k in &ks {
                for (b, last) in by_last.get(k).map_or(&[][..], Vec::as_slice) {
                    if seen.contains(b) {
                        continue;
                    }
                    seen.push(*b);
                    if !other_kind(node_entities[*b])
                        && alone.len().abs_diff(last.len()) <= 1
                        && costs.similarity(&alone, last) >= FAMILY_SIM
                    {
                        join(&mut parent, *b, a, &mut ent, &mut role);
                    }
                }
            }
        }
        // Each node's bare one word, for the garbled family names under
        // titles of one kind below (four letters or more, no clitic, no
        // article, as a garbled family name is written: لأدنوك or الري
        // after a title names no one), and each longer name's last part.
        let bare_one: Vec<Option<Name>> = node_forms
            .iter()
            .map(|f| match f.parts() {
                [p] if p.prefix().is_empty()
                    && !p.as_str().starts_with("ال")
                    && p.core().chars().count() >= ECHO_MIN_LETTERS =>
                {
                    Some(normalize(p.core()))
                }
                _ => None,
            })
            .collect();
        let last: Vec<Option<Name>> = node_forms
            .iter()
            .map(|f| match f.parts() {
                [_, .., q] => Some(normalize(q.core())),
                _ => None,
            })
            .collect();
        for i in 0..mentions.len() {
            for j in i + 1..mentions.len() {
                // The same title as written (المشير and المشير), not just the
                // same kind of role: military covers too many people (but
                // for a garbled one-word family name, below).
                if let (Some(x), Some(y)) = (&titles[i], &titles[j]) {
                    let (a, b) = (node_of(i), node_of(j));
                    let (fa, fb) = (&node_forms[a], &node_forms[b]);
                    // (Not a person's name and a place or organisation
                    // the title was carried to.)
                    let mixed = other_kind(node_entities[a]) != other_kind(node_entities[b]);
                    let same = x == y
                        && !mixed
                        && costs.similarity(fa, fb) >= SAME_TITLE_SIM
                        && parts_close(&costs, fa, fb);
                    // Else, under titles of one kind of role (the same
                    // title too), a one-word name and the other's last
                    // part, at that similarity and within a letter of
                    // length: the family name garbled again (المشير خليفة
                    // حفتر, الجنرال دهثر or المشير دهثر: 0.70, which no
                    // echo reaches). People's names only: a title carried
                    // to an organisation names it too.
                    let garbled = |one: usize, full: usize| match (&bare_one[one], &last[full]) {
                        (Some(x), Some(y)) => {
                            x.len().abs_diff(y.len()) <= 1
                                && costs.similarity(x, y) >= SAME_TITLE_SIM
                        }
                        _ => false,
                    };
                    let people = !other_kind(node_entities[a]) && !other_kind(node_entities[b]);
                    let kin = !same
                        && people
                        && roles[i].is_some()
                        && roles[i] == roles[j]
                        && (garbled(a, b) || garbled(b, a));
                    if same || kin {
                        join(&mut parent, a, b, &mut ent, &mut role);
                    }
                }
                if j > i + 64 {
                    break;
                }
            }
        }
        (0..mentions.len())
            .map(|i| find(&mut parent, node_of(i)))
            .collect()
    }
}

fn is_mark_or_control(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{FEFF}')
}

/// Bytes of text read at a time by [`Scanner::scan`].
const SEGMENT: usize = 1 << 18;

/// `text` cut into pieces of about [`SEGMENT`] bytes, each ending at a line
/// end where there is one within another segment's length (else at a space,
/// else at a char boundary).
fn segments(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if rest.len() <= SEGMENT {
            return Some(std::mem::take(&mut rest));
        }
        let window = {
            let mut e = (2 * SEGMENT).min(rest.len());
            while !rest.is_char_boundary(e) {
                e -= 1;
            }
            &rest[..e]
        };
        let mut cut = SEGMENT;
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let end = window[cut..]
            .find('\n')
            .or_else(|| window[cut..].find(' '))
            .map_or(cut, |k| cut + k + 1);
        let (seg, tail) = rest.split_at(end);
        rest = tail;
        Some(seg)
    })
}

/// Whether a word after a name opens like a verb (the imperfect or the
/// future: يؤكد, سيزور; or أ: أعلن), with four letters or more (marks not
/// counted), but a long word opening with أ (see below).
fn verb_like(text: &str) -> bool {
    let n = text.chars().filter(|c| !is_mark_or_control(*c)).count();
    // (أ opens a past verb of four letters, أعلن, أصدر, or of five with
    // the ت or وا of its subject, أعلنت; a longer word opening with it is
    // a name more often: أتسكي, أموريم, أوربان.)
    let long_name =
        text.starts_with('أ') && n >= 5 && !text.ends_with('ت') && !text.ends_with("وا");
    text.starts_with(['ي', 'ت', 'ن', 'س', 'أ']) && n >= 4 && !long_name
}

/// Whether a table word `first`, whose core is `core`, opens with a letter
/// that the normaliser read as a clitic (ب of بيدرسون, Pedersen, core
/// يدرسون) and the text's word `p` lacks it: `p` is written without the
/// table word's letters before the article and core.
fn lacks_table_letter(p: &Part, first: &str, core: &str) -> bool {
    let table_prefix = first.strip_suffix(core).unwrap_or("");
    let clitic = table_prefix.strip_suffix("ال").unwrap_or(table_prefix);
    !clitic.is_empty() && !p.as_str().ends_with(first)
}

/// Whether a comparison form is a particle of foreign names as Arabic
/// writes it: de, van, von, da, du, del (دي, فان, فون, دا, دو, ديل).
fn is_foreign_particle(form: &str) -> bool {
    matches!(form, "دي" | "فان" | "فون" | "دا" | "دو" | "ديل")
}

/// A craft's name as a family name: four letters, ا third (النجار,
/// الحداد, without the article), and no hamza last: السماء, الهواء,
/// الشتاء are the sky, the air, the winter.
fn craft_noun(core: &str) -> bool {
    let c: Vec<char> = core.chars().take(5).collect();
    c.len() == 4 && c[2] == 'ا' && c[3] != 'ء'
}

/// Whether a word without the article has a shape of Arabic adjectives
/// and participles, which foreign family names mostly lack: three
/// letters (خير), فعيل (عليل, ضئيل), فاعل (راسخ) or an opening م of
/// five or six letters (معافى, مضاعف); not بنزيما, جنبلاط or محرز.
fn adjective_shape(core: &str) -> bool {
    let c: Vec<char> = core.chars().take(7).collect();
    match c.len() {
        3 => true,
        4 => c[2] == 'ي' || c[1] == 'ا',
        5 | 6 => c[0] == 'م',
        _ => false,
    }
}

/// Whether a word between a verb of speech and إن/أن reads as the
/// speech's manner or as a group of people rather than as a name: a noun
/// with a hamza before the pronoun (زملاؤه, أعضاؤها: his colleagues, its
/// members), a noun in ة after ب (بحسرة, بصراحة: with regret, frankly)
/// or a plural of the shape أساتذة, صيادلة (six letters, ا third, ة last).
fn speech_manner(p: &Part, text: &str) -> bool {
    let text = text.trim_end_matches(is_mark_or_control);
    let core: Vec<char> = p.core().chars().take(7).collect();
    ["ؤه", "ؤها", "ؤهم", "ائه", "ائها", "ائهم"]
        .iter()
        .any(|e| text.ends_with(e))
        || p.clitic() == Some('ب') && text.ends_with('ة')
        || core.len() == 6 && core[2] == 'ا' && text.ends_with('ة')
}

/// A nisba's ي as written: ى folds to it, and المسعى, the endeavour, is
/// no nisba.
fn written_nisba(text: &str) -> bool {
    text.trim_end_matches(is_mark_or_control).ends_with('ي')
}

/// Whether a word opens with a preposition and the article (بالقطاع,
/// للصيادين, كالعادة): after a title it is the title's complement, never
/// the name (الوزير المكلف بالقطاع).
fn preposition_and_article(text: &str) -> bool {
    ["بال", "لل", "كال", "وبال", "ولل", "فبال", "فلل"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// Whether a word opens with the preposition ل or ب on a hamza (لأبنائنا,
/// for our children; بإشراف): no name goes on with such a word.
fn preposition_on_hamza(text: &str) -> bool {
    ["لأ", "لإ", "لآ", "بأ", "بإ", "بآ"]
        .iter()
        .any(|p| text.starts_with(p))
}

/// Whether a word has the shape of an active participle that says how
/// one spoke (وأضافت مبتسمة أن, she added, smiling, that; مؤكدا, موضحة):
/// five letters or more (marks not counted), م first, ة or ا last.
fn participle(text: &str) -> bool {
    let n = text.chars().filter(|c| !is_mark_or_control(*c)).count();
    n >= 5 && text.starts_with('م') && text.ends_with(['ة', 'ا'])
}

/// Whether a word has the shape of a verb in the imperfect with a dual or
/// plural subject (يستقبلان, they both receive; يرفضون, تبحثان): ي or ت,
/// six letters or more (marks not counted), ان or ون at the end. After a
/// given name it is the verb of the sentence, not a family name (عون
/// وسلام يستقبلان). (Names of that shape that end in يان, يعقوبيان, are
/// left to the table.)
fn plural_verb(text: &str) -> bool {
    let n = text.chars().filter(|c| !is_mark_or_control(*c)).count();
    text.starts_with(['ي', 'ت'])
        && n >= 6
        && (text.ends_with("ون") || text.ends_with("ان") && !text.ends_with("يان"))
}

/// Whether the clitic letter that `p` opens with is the name's own: the
/// part `source` of the name it spells opens with it too, and `p`'s core
/// does not (ويكوف after جورج ويكوف, وليام after وليام بيرنز; not
/// ووويكوف, whose first و is "and").
fn own_letter(p: &Part, source: Option<&Part>) -> bool {
    p.clitic().is_some_and(|c| {
        !p.core().starts_with(c) && source.is_some_and(|q| q.as_str().starts_with(c))
    })
}

/// Takes nodes `out` out of their groups in `labels` (each node's group
/// root), each alone: the other members keep their group, under a new
/// root (the first that stays) where the root left. Linear in the nodes.
fn isolate(labels: &mut [usize], out: &[usize]) {
    if out.is_empty() {
        return;
    }
    let leaving: std::collections::HashSet<usize> = out.iter().copied().collect();
    let mut new_root: Map<usize, usize> = Map::default();
    for (x, &r) in labels.iter().enumerate() {
        if leaving.contains(&r) && !leaving.contains(&x) {
            new_root.entry(r).or_insert(x);
        }
    }
    for (x, l) in labels.iter_mut().enumerate() {
        if leaving.contains(&x) {
            *l = x;
        } else if let Some(&r) = new_root.get(l) {
            *l = r;
        }
    }
}

/// Whether a lone word may be a garbled spelling of `name` (a comparison
/// form) by its shape: it ends as `name` does ([`ends_as`]), and it is not
/// `name` after a prefix of the imperfect verb (يفتح, opens, is no فتح)
/// nor `name` with the accusative's alif (مباركا).
/// (A word whose first letter the normaliser took for a clitic, as in
/// بيزشكيان, is no verb.)
fn shaped_as(word: &Part, name: &str) -> bool {
    let text = word.as_str();
    let verb = word.prefix().is_empty()
        && (text
            .strip_prefix(['ي', 'ت', 'ن'])
            .is_some_and(|rest| rest == name)
            || opens_as_verb(text, name));
    // (Nor is the name with the accusative's alif: عيدا مباركا, a blessed
    // feast, is no مبارك.)
    let bare = name.strip_prefix("ال").unwrap_or(name);
    let accusative = word.core().strip_suffix('ا') == Some(bare);
    ends_as(word.core(), name) && !verb && !accusative
}

/// Whether `word` opens with the ي or ت of a verb's imperfect where `name`
/// opens otherwise (يعادل, equalises, is no عواد; تعاني, suffers, could be
/// تاياني, and ت may stand for ط: تنطاوي for طنطاوي).
fn opens_as_verb(word: &str, name: &str) -> bool {
    let first = name.chars().next();
    match word.chars().next() {
        Some('ي') => first != Some('ي'),
        Some('ت') => !matches!(first, Some('ت' | 'ط')),
        _ => false,
    }
}

/// Whether a lone word may be a garbled spelling of `name` by its ending:
/// a word ending in ta marbuta (folded to ه), in the feminine nisba or
/// masdar's ية, in a plural's ات, ون or ين (a plural nisba's يين, يون) or
/// a verb's ون that `name` lacks is mostly a noun, an adjective or a verb
/// (العالمية, حماية, الرياضة, السلامة; بيانات, يريدون, السودانيين), not a
/// garbled name (العليمي, حماة, الرياض, سلامي; بينيت, أردوغان, السوداني).
/// The other way round, a name in ta marbuta keeps it, or writes ا for it
/// (ونجح, succeeded, is no النتيجة, the result). A word ending in the
/// pronouns ها or هم (قرارها, her decision) spells no name that does not.
fn ends_as(word: &str, name: &str) -> bool {
    let word_so = ["يين", "يون", "يه", "ات", "ون", "ين", "ها", "هم", "ه"]
        .into_iter()
        .find(|&e| word.ends_with(e))
        .is_none_or(|e| name.ends_with(e));
    word_so && (!name.ends_with('ه') || word.ends_with(['ه', 'ا']))
}

/// Whether a text is a Latin word that opens with a capital.
fn capital_text(text: &str) -> bool {
    text.trim_start_matches(is_mark_or_control)
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() && !crate::alias::is_arabic_script(c))
        && latin_word(text)
}

/// A word's Latin body, and whether an Arabic clitic (و ف ب ل ك) was
/// glued before it (وMohammed); the word itself otherwise.
fn latin_body(text: &str) -> (&str, bool) {
    let mut chars = text.chars();
    match chars.next() {
        Some('و' | 'ف' | 'ب' | 'ل' | 'ك') => {
            let rest = chars
                .as_str()
                .trim_start_matches(crate::normalize::is_dropped);
            if latin_word(rest) {
                (rest, true)
            } else {
                (text, false)
            }
        }
        _ => (text, false),
    }
}

/// Whether a word is written in Latin letters (and digits).
fn latin_word(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_alphabetic())
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || c.is_alphabetic() && !crate::alias::is_arabic_script(c)
                || matches!(c, '\'' | '’')
                || is_mark_or_control(c)
        })
}

/// The letters of a word other than the long vowels ا و ي ى.
fn consonants(word: &str) -> usize {
    word.chars()
        .filter(|c| !matches!(c, 'ا' | 'و' | 'ي' | 'ى'))
        .count()
}

/// The kind of entity `e` of `r`'s table, if the table gives one.
fn kind_of(r: &Resolver, e: u32) -> Option<Kind> {
    r.table().entities[e as usize].kind
}

/// Whether entity `e` of `r`'s table is a person.
fn is_person(r: &Resolver, e: u32) -> bool {
    kind_of(r, e) == Some(Kind::Person)
}

/// The words of `run` joined by spaces, without the first word's clitic
/// when `strip`.
fn run_name(run: &[Word<'_>], strip: bool) -> String {
    let text = run.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
    match run.first() {
        Some(w) if strip => strip_clitic(&text, w.part.as_ref(), false),
        _ => text,
    }
}

/// The person that the words `run` after a title name: the best entity at
/// [`FUZZY_WORD_THRESHOLD`] or above (see [`Resolver::titled_person`]) if
/// it ties with no other and is a person; remembered per name in
/// `cache`.
fn titled_person(
    r: &Resolver,
    run: &[Word<'_>],
    strip: bool,
    role: &str,
    cache: &mut Map<(String, u16), Option<u32>>,
) -> Option<u32> {
    let roles = crate::roles::bit(role).unwrap_or(0);
    *cache
        .entry((run_name(run, strip), roles))
        .or_insert_with_key(|(name, roles)| {
            r.titled_person(&normalize(name), FUZZY_WORD_THRESHOLD, *roles)
        })
}

/// The person that a run of name words `run` (with no title, or one that
/// [`titled_person`] found nobody for) names: the resolver's best entity
/// at [`RUN_THRESHOLD`] or above, untied, a person (or of no kind)
/// through a spelling of as many parts as the run; remembered per name in
/// `cache`.
fn run_person(
    r: &Resolver,
    run: &[Word<'_>],
    strip: bool,
    cache: &mut Map<String, Option<u32>>,
) -> Option<u32> {
    let name = run_name(run, strip);
    *cache.entry(name).or_insert_with_key(|name| {
        let form = normalize(name);
        // One part the table lacks as written, the garbled one: a run of
        // parts it all knows is no table spelling, so another combination
        // of known names (another person), and one with two garbled
        // parts is seldom close enough. (A hash lookup per part saves the
        // search for most runs.)
        if r.unknown_parts(&form) != 1 {
            return None;
        }
        let hit = r.entity_for(&form, RUN_THRESHOLD)?;
        let person = kind_of(r, hit.entity).is_none_or(|k| k == Kind::Person);
        (person && hit.parts == form.parts().len()).then_some(hit.entity)
    })
}

/// The person that a run of name words after a title of `role` names
/// when [`run_person`] found nobody: the resolver's best entity at
/// [`ROLE_RUN_THRESHOLD`] or above, untied, a person holding a role of
/// the title, through a spelling of as many parts as the run, with one
/// part the table lacks as written (الدكتور أحمد ذويل, 0.955, Ahmed
/// Zewail).
fn role_person(r: &Resolver, run: &[Word<'_>], strip: bool, role: &str) -> Option<u32> {
    let bits = crate::roles::bit(role)?;
    let form = normalize(&run_name(run, strip));
    if r.unknown_parts(&form) != 1 {
        return None;
    }
    let hit = r.entity_for(&form, ROLE_RUN_THRESHOLD)?;
    (is_person(r, hit.entity)
        && hit.parts == form.parts().len()
        && r.holds_role(hit.entity, bits) == Some(true))
    .then_some(hit.entity)
}

/// A word as written but for the article (and the clitic before it): the
/// normaliser takes the first letter of برهان, فرحان or بزشكيان for a
/// clitic, which a name's first letter more often is.
fn stem(p: &Part) -> &str {
    if p.has_article() {
        p.core()
    } else {
        p.as_str()
    }
}

/// Whether two one-part names' consonant skeletons are within one edit
/// (هوتر HTR and حفتر HFTR are; عبدي and زعبي, two edits apart, are not).
fn skeletons_close(costs: &crate::letters::Costs, a: &Name, b: &Name) -> bool {
    let (mut x, mut y) = (Vec::new(), Vec::new());
    crate::index::skeleton(costs, a.symbols(), &mut x);
    crate::index::skeleton(costs, b.symbols(), &mut y);
    let (short, long) = if x.len() <= y.len() {
        (&x, &y)
    } else {
        (&y, &x)
    };
    match long.len() - short.len() {
        0 => {
            short
                .iter()
                .zip(long.iter())
                .filter(|(p, q)| p != q)
                .count()
                <= 1
        }
        1 => (0..long.len()).any(|k| long[..k] == short[..k] && long[k + 1..] == short[k..]),
        _ => false,
    }
}

/// Whether each name part of the name with fewer parts has a part of the
/// other within one skeleton edit ([`skeletons_close`]): الملك سلمان
/// shortens الملك سلمان بن عبد العزيز, and المشير هوتر garbles المشير حفتر,
/// but الملك عبد الله is another king, however near its letters are
/// (compounds share عبد and the article: عبدالله is 0.75 similar to سلمان
/// بن عبدالعزيز).
fn parts_close(costs: &crate::letters::Costs, a: &Name, b: &Name) -> bool {
    let names = |n: &Name| -> Vec<Name> {
        n.parts()
            .iter()
            .filter(|p| !matches!(p.as_str(), "بن" | "بنت" | "ال"))
            .map(|p| Name::from_parts(vec![p.clone()]))
            .collect()
    };
    let (pa, pb) = (names(a), names(b));
    let (short, long) = if pa.len() <= pb.len() {
        (&pa, &pb)
    } else {
        (&pb, &pa)
    };
    !short.is_empty()
        && short
            .iter()
            .all(|p| long.iter().any(|q| skeletons_close(costs, p, q)))
}

/// Whether a word's clitic is taken as one outside the table: و (and) and
/// لل (for the) are; ب ل ف ك begin too many names (بنغازي, ليبيا, فرنسا).
fn strips(p: Option<&Part>) -> bool {
    p.is_some_and(|p| p.clitic() == Some('و') || p.prefix() == "لل")
}

/// The name without a leading clitic: وحفتر → حفتر, للقذافي → القذافي;
/// `elided`: لل is ل before a name that opens with ل (للبنان → لبنان).
fn strip_clitic(surface: &str, first: Option<&Part>, elided: bool) -> String {
    let Some(p) = first else {
        return surface.to_string();
    };
    // (A word with no clitic recorded comes here only when the clitic is
    // one that normalisation kept: see `Scanner::phrase_at`.)
    let mut chars = surface.chars();
    // Skip the clitic letter and whatever normalisation drops after it
    // (marks, tatweel); a second clitic before the article too (وبالرياض
    // → الرياض, وللرياض → الرياض).
    let dropped = |c: &char| crate::normalize::is_dropped(*c);
    chars.next();
    let mut rest: String = chars.skip_while(dropped).collect();
    let prefix = p.prefix();
    let contracted = prefix == ELIDED || prefix.ends_with(ELIDED) && prefix.chars().count() == 3;
    // (وللبنان: و and ل go, لبنان stays.)
    let two = prefix.chars().count() == 4 || contracted && prefix.chars().count() == 3;
    let contracted = contracted && !elided;
    if two {
        let mut chars = rest.chars();
        chars.next();
        rest = chars.skip_while(dropped).collect();
    }
    if contracted {
        format!("ا{rest}")
    } else {
        rest
    }
}

/// ل and the article with its alef elided (للرياض), as a word's prefix.
const ELIDED: &str = "لل";

const _: () = assert!(MAX_NAME_CHARS > MAX_NAME_WORDS);
