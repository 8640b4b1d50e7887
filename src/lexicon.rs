//! Word lists that shape how names are read: titles and roles
//! (`data/titles.tsv`), common words that are never names
//! (`data/stopwords.tsv`) and given names (`data/given_names.tsv`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::error::{DataError, Error, Result};
use crate::normalize::{Name, normalize};
use crate::tsv::{TsvReader, required};

/// The lists are fixed and every name is looked up in them: a fast hash.
type Fast = foldhash::fast::RandomState;

#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Title (its part cores joined by spaces) → role.
    titles: HashMap<String, String, Fast>,
    /// Titles (as keyed in `titles`) that are also everyday nouns (الفريق,
    /// the team; السير, traffic; المهندس, the engineer): `titles.tsv`'s
    /// `common` column says `yes`.
    common_titles: HashSet<String, Fast>,
    /// Given names that are also everyday words (سعيد, happy; حياة, life):
    /// `given_names.tsv`'s `meaning` column gives the word's meaning.
    everyday_given: HashSet<String, Fast>,
    /// First part cores of the titles: most names start with none of them.
    title_heads: HashSet<String, Fast>,
    /// First part cores of the titles written without the article (رئيس,
    /// وزير): a head written with it (الصحفي) opens no title without it
    /// in running text (مؤتمر صحفي, a press conference).
    bare_heads: HashSet<String, Fast>,
    longest_title: usize,
    /// Cores of common words.
    stop: HashSet<String, Fast>,
    /// Cores of the common words that take the article: not verbs,
    /// particles or pronouns (الابدي is a name, not the verb أبدى).
    nominal: HashSet<String, Fast>,
    /// Cores of adjectives that may stand between a title and a name
    /// (الرئيس الليبي ...): stop words noted `nisba` or `adj`.
    between: HashSet<String, Fast>,
    /// Stop words noted `verb speech` (قال, وأضاف, أكدت), as normalised:
    /// the verbs of reported speech, whose subject is a speaker.
    speech: HashSet<String, Fast>,
    /// Cores of the stop words noted `nisba` (الإيراني, سوداني): after a
    /// given name, a family name (محمد إسلامي, محمد شياع السوداني).
    nisba: HashSet<String, Fast>,
    /// Cores of the common nouns that name a kind of place before its
    /// name (العاصمة, مدينة, محافظة): stop words noted `noun place`.
    descriptor: HashSet<String, Fast>,
    /// Cores of given names.
    given: HashSet<String, Fast>,
    /// First words of the given names of two words (شمس of شمس الدين).
    given_pair_first: HashSet<String, Fast>,
    /// Cores of the words of official place names that many places share
    /// (جمهورية, مملكة, الديمقراطية ...).
    place: HashSet<String, Fast>,
    /// Place words noted as a state form (جمهورية, مملكة, سلطنة), which
    /// stand before a state's name in its official one.
    state_form: HashSet<String, Fast>,
    /// Cores of the place words that are nouns (state forms and
    /// territories: جمهورية, المملكة, جزر), not adjectives (العربية).
    place_noun: HashSet<String, Fast>,
    /// Cores of the common words of news text that the scanner never
    /// takes for names (`data/common_words.tsv`), `[without, with]` the
    /// article; the resolver and the clusterer do not read them: table
    /// names and queries hold such words (حزب العمال الكردستاني).
    common: [HashSet<String, Fast>; 2],
    /// Table spellings that are everyday words (القاعدة, مشهد), by their
    /// core with the article if they have it.
    everyday_names: HashSet<String, Fast>,
    /// Fixed expressions of everyday words that hold a table name (أذان
    /// المغرب, the sunset call to prayer; القوة القاهرة, force majeure):
    /// by their first word's core, every word's core and whether it has
    /// the article (`common_words.tsv`'s rows noted `expression`).
    expressions: HashMap<String, Vec<Vec<(String, bool)>>, Fast>,
}

/// A part's core, with the article before it if it has one (no clitic).
fn article_core(p: &crate::Part) -> String {
    if p.has_article() {
        format!("ال{}", p.core())
    } else {
        p.core().to_string()
    }
}

static SHIPPED: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::from_tsv(
        include_str!("../data/titles.tsv").as_bytes(),
        include_str!("../data/stopwords.tsv").as_bytes(),
        include_str!("../data/given_names.tsv").as_bytes(),
        include_str!("../data/place_words.tsv").as_bytes(),
    )
    .and_then(|mut lex| {
        lex.read_common(include_str!("../data/common_words.tsv").as_bytes())?;
        Ok(lex)
    })
    .unwrap_or_else(|e| panic!("shipped word lists are invalid (a test guards this): {e}"))
});

pub(crate) fn shipped() -> &'static Lexicon {
    &SHIPPED
}

fn cores(n: &Name) -> Vec<String> {
    n.parts().iter().map(|p| p.core().to_string()).collect()
}

fn read_list(
    src: impl std::io::BufRead,
    origin: &'static str,
    col: &'static str,
    mut each: impl FnMut(Name, crate::tsv::Fields<'_>, usize) -> Result<()>,
) -> Result<()> {
    let mut r = TsvReader::new(src, origin)?;
    let c = r.column(col)?;
    while let Some((line, f)) = r.next_row()? {
        let v = required(&f, c, col, origin, line)?;
        let n = normalize(v);
        if n.is_empty() {
            return Err(Error::Data {
                origin: origin.into(),
                line,
                column: c + 1,
                reason: DataError::EmptyName(v.into()),
            });
        }
        each(n, f, line)?;
    }
    Ok(())
}

impl Lexicon {
    pub(crate) fn from_tsv(
        titles: impl std::io::BufRead,
        stop: impl std::io::BufRead,
        given: impl std::io::BufRead,
        place: impl std::io::BufRead,
    ) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        let mut role_col = None;
        read_list(titles, "data/titles.tsv", "title", |n, f, _| {
            let role = f.get(*role_col.get_or_insert(1)).map_or("", |s| s.trim());
            let key = cores(&n);
            lex.longest_title = lex.longest_title.max(key.len());
            lex.title_heads.insert(key[0].clone());
            if n.parts().first().is_some_and(|p| !p.has_article()) {
                lex.bare_heads.insert(key[0].clone());
            }
            if f.get(2).is_some_and(|s| s.trim() == "yes") {
                lex.common_titles.insert(key.join(" "));
            }
            lex.titles
                .entry(key.join(" "))
                .or_insert_with(|| role.to_string());
            Ok(())
        })?;
        read_list(stop, "data/stopwords.tsv", "word", |n, f, _| {
            if n.parts().len() == 1 {
                lex.stop.insert(n.parts()[0].core().to_string());
                lex.stop.insert(n.parts()[0].as_str().to_string());
                // (The note's first word is the part of speech: `verb
                // speech`, `noun place`.)
                let kind = f.get(1).and_then(|s| s.split_whitespace().next());
                if !matches!(kind, Some("verb" | "particle" | "pronoun")) {
                    lex.nominal.insert(n.parts()[0].core().to_string());
                }
                if f.get(1).is_some_and(|s| s.trim() == "verb speech") {
                    lex.speech.insert(n.as_str().to_string());
                }
                if matches!(f.get(1).map(|s| s.trim()), Some("nisba" | "adj")) {
                    lex.between.insert(n.parts()[0].core().to_string());
                }
                if f.get(1).is_some_and(|s| s.trim() == "nisba") {
                    lex.nisba.insert(n.parts()[0].core().to_string());
                }
                if f.get(1).is_some_and(|s| s.trim() == "noun place") {
                    lex.descriptor.insert(n.parts()[0].core().to_string());
                }
            }
            Ok(())
        })?;
        read_list(given, "data/given_names.tsv", "name", |n, f, _| {
            if let [first, _] = n.parts() {
                lex.given_pair_first.insert(first.core().to_string());
            }
            if f.get(2).is_some_and(|s| !s.trim().is_empty()) {
                lex.everyday_given.insert(n.as_str().to_string());
            }
            lex.given.insert(n.as_str().to_string());
            Ok(())
        })?;
        read_list(place, "data/place_words.tsv", "word", |n, f, _| {
            let note = f.get(1).map_or("", |s| s.trim());
            let state = note.starts_with("state form");
            let noun = state
                || (note.starts_with("territory") && !note.starts_with("territory adjective"));
            for p in n.parts() {
                lex.place.insert(p.core().to_string());
                if state && !p.has_article() {
                    lex.state_form.insert(p.core().to_string());
                }
                if noun {
                    lex.place_noun.insert(p.core().to_string());
                }
            }
            Ok(())
        })?;
        Ok(lex)
    }

    /// Length in parts of the title starting at part `i` of `name`, if any
    /// (longest match), with its role.
    pub(crate) fn title_at(&self, name: &Name, i: usize) -> Option<(usize, &str)> {
        self.title_in(&name.parts()[i.min(name.parts().len())..])
    }

    /// Whether a word of running text may open a title: its core opens
    /// one, and it has the article if every title it opens is written
    /// with it (صحفي is no الصحفي; رئيس is a title as written).
    pub(crate) fn may_open_title(&self, part: &crate::Part) -> bool {
        self.title_heads.contains(part.core())
            && (part.has_article() || part.is_latin() || self.bare_heads.contains(part.core()))
    }

    /// Length of the title at the start of `parts` (longest match), with its role.
    pub(crate) fn title_in(&self, parts: &[crate::Part]) -> Option<(usize, &str)> {
        let max = self.longest_title.min(parts.len());
        if max == 0 || !self.title_heads.contains(parts[0].core()) {
            return None;
        }
        // The cores joined by spaces, and where each prefix of parts ends.
        let mut key = String::new();
        let mut ends = Vec::with_capacity(max);
        for p in &parts[..max] {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(p.core());
            ends.push(key.len());
        }
        // A one-word title that is also a given name, before a nasab
        // particle, is the given name: الأمير سلطان بن عبد العزيز, Prince
        // Sultan bin Abdulaziz (not a prince Sultan, then بن عبد العزيز);
        // so before خان, which closes given names of Persian, Pashto and
        // Urdu (أمير خان متقي, not a prince Khan Muttaqi).
        let named = parts.get(1).is_some_and(|p| {
            matches!(
                p.core(),
                "بن" | "بنت" | "ابن" | "bin" | "bint" | "ibn" | "ben" | "خان" | "khan"
            )
        }) && (self.given.contains(parts[0].core())
            || self.given.contains(parts[0].as_str()));
        (1..=max).rev().find_map(|len| {
            if len == 1 && named {
                return None;
            }
            self.titles
                .get(&key[..ends[len - 1]])
                .map(|r| (len, r.as_str()))
        })
    }

    /// Whether the title of the first `len` of `parts` (as [`Lexicon::title_in`]
    /// finds it) is also an everyday noun (الفريق, the team, or a
    /// lieutenant general): after it, an unknown word is a name only with
    /// more of a cue.
    pub(crate) fn is_common_title(&self, parts: &[crate::Part], len: usize) -> bool {
        let key: Vec<&str> = parts.iter().take(len).map(|p| p.core()).collect();
        self.common_titles.contains(&key.join(" "))
    }

    /// Reads the scanner's list of common words (header `word`).
    /// Rows noted `name` are table spellings that are everyday words too
    /// (القاعدة, the rule, and al-Qaeda; مشهد, a scene, and Mashhad): see
    /// [`Lexicon::is_everyday_name`]. Rows noted `expression` are fixed
    /// expressions of several words that hold a table name as an everyday
    /// word (أذان المغرب): see [`Lexicon::expression_at`].
    pub(crate) fn read_common(&mut self, src: impl std::io::BufRead) -> Result<()> {
        read_list(src, "data/common_words.tsv", "word", |n, f, _| {
            if f.get(1).is_some_and(|s| s.trim() == "expression") {
                let words: Vec<(String, bool)> = n
                    .parts()
                    .iter()
                    .map(|p| (p.core().to_string(), p.has_article()))
                    .collect();
                let list = self.expressions.entry(words[0].0.clone()).or_default();
                list.push(words);
                // Longest first: the first that matches is the longest.
                list.sort_by_key(|w| std::cmp::Reverse(w.len()));
            } else if let [p] = n.parts() {
                if f.get(1).is_some_and(|s| s.trim() == "name") {
                    // (With its clitic if it has one: بحماس, with
                    // enthusiasm, is listed and حماس is not.)
                    let clitic = p.clitic().map(String::from).unwrap_or_default();
                    self.everyday_names.insert(clitic + &article_core(p));
                } else {
                    self.common[usize::from(p.has_article())].insert(p.core().to_string());
                }
            }
            Ok(())
        })
    }

    /// Whether a word (with any clitic) is a table spelling that is also
    /// an everyday word (`common_words.tsv`'s rows noted `name`): alone,
    /// with no cue, the scanner takes it for that name only where the
    /// text names the entity otherwise too. A row written with a clitic
    /// (بحماس, with enthusiasm) matches only with it (حماس is Hamas).
    pub(crate) fn is_everyday_name(&self, part: &crate::Part) -> bool {
        if self.everyday_names.is_empty() {
            return false;
        }
        let plain = article_core(part);
        self.everyday_names.contains(&plain)
            || part
                .clitic()
                .is_some_and(|c| self.everyday_names.contains(&format!("{c}{plain}")))
    }

    /// The length in words of the longest fixed expression (see
    /// [`Lexicon::read_common`]) that the words `part(0), part(1), ...`
    /// open with, if any. The first word may carry a clitic (وصلاة
    /// المغرب), the others none; each has the article as the expression
    /// has it. One hash probe, with no allocation, when no expression
    /// opens with the first word's core.
    pub(crate) fn expression_at<'p>(
        &self,
        part: impl Fn(usize) -> Option<&'p crate::Part>,
    ) -> Option<usize> {
        let first = part(0)?;
        let list = self.expressions.get(first.core())?;
        list.iter()
            .find(|words| {
                words[0].1 == first.has_article()
                    && words[1..].iter().enumerate().all(|(k, (core, article))| {
                        part(k + 1).is_some_and(|p| {
                            p.clitic().is_none() && p.has_article() == *article && p.core() == core
                        })
                    })
            })
            .map(Vec::len)
    }

    /// Whether a part (by its core or whole text) is one of the scanner's
    /// common words of news text (see [`Lexicon::read_common`]).
    /// A word matches an entry with its core and with the article as the
    /// entry has it or not (السيول, torrents, is listed; سيول, Seoul, is
    /// not), whatever clitic it carries (والسيول).
    /// (Two hash probes at most, no allocation: the scanner asks for
    /// every word, many times.)
    pub(crate) fn is_common(&self, part: &crate::Part) -> bool {
        let article = part.has_article();
        self.common[usize::from(article)].contains(part.core())
            || !article && self.common[0].contains(part.as_str())
    }

    /// Whether a part (by its core or whole text) is a common word.
    pub(crate) fn is_stop(&self, part: &crate::Part) -> bool {
        if self.stop.contains(part.as_str()) {
            return true;
        }
        // A verb, particle or pronoun never takes the article.
        if part.has_article() {
            self.nominal.contains(part.core())
        } else {
            self.stop.contains(part.core())
        }
    }

    /// Whether a part is an adjective that may follow a title before the
    /// name (a nationality: الليبي, السوري).
    pub(crate) fn is_between(&self, part: &crate::Part) -> bool {
        self.between.contains(part.core())
    }

    /// Whether a word, as written, is a verb of reported speech (`verb
    /// speech` in `data/stopwords.tsv`), with or without a glued و or ف:
    /// قال, وقالت, فأضاف.
    pub(crate) fn is_speech(&self, text: &str) -> bool {
        let listed = |t: &str| {
            let n = normalize(t);
            !n.is_empty() && self.speech.contains(n.as_str())
        };
        listed(text) || text.strip_prefix(['و', 'ف']).is_some_and(listed)
    }

    /// Whether a part is a stop word noted other than a verb, particle
    /// or pronoun (a noun, an adjective, a nisba, a time word ...).
    pub(crate) fn is_nominal(&self, part: &crate::Part) -> bool {
        self.nominal.contains(part.core())
    }

    /// Whether a part is a stop word noted `nisba` (a nationality or
    /// origin: الإيراني, سوداني), which after a given name is the family
    /// name (محمد إسلامي).
    pub(crate) fn is_nisba(&self, part: &crate::Part) -> bool {
        self.nisba.contains(part.core())
    }

    /// Whether a part is a common noun that names a kind of place before
    /// its name (مدينة, العاصمة, محافظة: stop words noted `noun place`).
    pub(crate) fn is_descriptor(&self, part: &crate::Part) -> bool {
        self.descriptor.contains(part.core())
    }

    /// Whether a part is a word of official place names that many places
    /// share (جمهورية, المملكة, الشعبية).
    pub(crate) fn is_place_word(&self, part: &crate::Part) -> bool {
        self.place.contains(part.core())
    }

    /// Whether a part is a place word that is a noun, a state form or a
    /// territory (جمهورية, المملكة, جزر, إقليم), not an adjective
    /// (العربية, الإسلامية): an official place name has one.
    pub(crate) fn is_place_noun(&self, part: &crate::Part) -> bool {
        self.place_noun.contains(part.core())
    }

    /// Whether a part's text, as written in a comparison form, is a state
    /// form without the article, as it opens a state's official name
    /// (جمهورية in جمهورية غامبيا, not الجمهورية in الجمهورية اليمنية,
    /// where the name is the adjective after it). A hash probe: a text
    /// with the article or a clitic is not in the set.
    pub(crate) fn is_state_form_text(&self, text: &str) -> bool {
        self.state_form.contains(text)
    }

    /// Whether a part is a known given name.
    pub(crate) fn is_given(&self, part: &crate::Part) -> bool {
        self.given.contains(part.as_str()) || self.given.contains(part.core())
    }

    /// Whether two parts make a given name of two words in
    /// `data/given_names.tsv` (شمس الدين, ذبيح الله): the first by its core
    /// (a clitic on it is allowed), the second as written, with the
    /// article, or without it after a first word that is no given name
    /// alone (غلام رضا, شاه محمود; محمد رضا is two given names already).
    pub(crate) fn is_given_pair(&self, first: &crate::Part, second: &crate::Part) -> bool {
        if first.has_article()
            || !self.given_pair_first.contains(first.core())
            || !second.as_str().starts_with("ال") && self.is_given(first)
        {
            return false;
        }
        let mut key = String::with_capacity(first.core().len() + 1 + second.as_str().len());
        key.push_str(first.core());
        key.push(' ');
        key.push_str(second.as_str());
        self.given.contains(key.as_str())
    }

    /// Whether a part (by its core or whole text) is a given name that is
    /// also an everyday word of news text (سعيد, happy; حياة, life).
    pub(crate) fn is_everyday_given(&self, part: &crate::Part) -> bool {
        self.everyday_given.contains(part.as_str()) || self.everyday_given.contains(part.core())
    }

    /// Whether a part as written, with any clitic letter it opens with,
    /// is a known given name (وليام; not وساديو, و and ساديو).
    pub(crate) fn is_given_as_written(&self, part: &crate::Part) -> bool {
        self.given.contains(part.as_str())
    }

    /// How many leading parts are titles and common words (as
    /// [`Lexicon::name_range`] drops them), whether a title is among them,
    /// and whether a place noun is (العاصمة الروسية موسكو: the adjective
    /// after it goes too). Adjectives (a nationality, *former*) go after a
    /// title, or before one as English and French put them (French
    /// President Emmanuel Macron, the late King Hussein, l'ancien
    /// président).
    fn leading(&self, name: &Name) -> (usize, bool, bool) {
        let parts = name.parts();
        let mut i = 0;
        let mut titled = false;
        let mut described = false;
        while i < parts.len() {
            if let Some((len, _)) = self.title_at(name, i) {
                i += len;
                titled = true;
            } else if self.is_stop(&parts[i])
                && (titled || described || !self.is_between(&parts[i]))
            {
                described |= self.descriptor.contains(parts[i].core());
                i += 1;
            } else if name.is_latin()
                && i + 1 < parts.len()
                && parts[i].as_str().chars().count() == 1
                && parts[i].as_str().chars().all(char::is_alphabetic)
            {
                // An initial (R. T. Erdogan) or M. for Monsieur (M. Macron).
                i += 1;
            } else if i == 0
                && self
                    .leader_title_end(name)
                    .is_some_and(|end| end < parts.len())
            {
                // Hamas leader Ismail Haniyeh, Wagner chief Yevgeny
                // Prigozhin: a group's name before a leader's title.
                i = 1;
            } else if self.is_between(&parts[i]) {
                // Adjectives (and common words) up to a title go with it.
                // (General is an adjective too: UN General Assembly loses
                // UN General here; the resolver also searches a query whole
                // when a title went, and finds its exact spelling first.)
                let mut j = i + 1;
                while j < parts.len() && self.title_at(name, j).is_none() && self.is_stop(&parts[j])
                {
                    j += 1;
                }
                if j < parts.len() && self.title_at(name, j).is_some() {
                    i = j;
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        (i, titled, described)
    }

    /// Where a leader's title (leader, chief) that opens a Latin name's
    /// second part ends: its first part names the group led, as English
    /// puts it before the title (Hezbollah leader Hassan Nasrallah). Other
    /// titles there are a name part (Hassan Sheikh Mohamud).
    fn leader_title_end(&self, name: &Name) -> Option<usize> {
        if !name.is_latin() {
            return None;
        }
        match self.title_at(name, 1) {
            Some((len, "leader")) => Some(1 + len),
            _ => None,
        }
    }

    /// How many leading parts go when they include a title (الرئيس
    /// اليمني مراد: two), else 0 (also when nothing would remain): the
    /// common words before a name that no title introduces may be a
    /// garbled name part (غير for كير), which the resolver weighs lightly
    /// instead (see [`Lexicon::name_range`]).
    pub(crate) fn titled_start(&self, name: &Name) -> usize {
        self.titled_start_of(name).0
    }

    /// [`Lexicon::titled_start`], whether the name is a role only
    /// (`Lexicon::is_role_only`) and its [`Lexicon::name_range`], for the
    /// one reading of its leading words all three make.
    pub(crate) fn titled_start_of(&self, name: &Name) -> (usize, bool, std::ops::Range<usize>) {
        let lead = self.leading(name);
        let start = match lead {
            (i, true, _) if i < name.parts().len() => i,
            _ => 0,
        };
        (
            start,
            self.role_only_given(name, lead),
            self.name_range_given(name, lead),
        )
    }

    /// The role classes (see `crate::roles`) of the titles that open
    /// `name`, before its name proper (الرئيس التونسي قيس: head of
    /// state); 0 for a name that opens with none.
    pub(crate) fn leading_title_roles(&self, name: &Name) -> u16 {
        let (end, titled, _) = self.leading(name);
        let mut roles = 0;
        let mut i = 0;
        while titled && i < end {
            match self.title_at(name, i) {
                Some((len, role)) => {
                    roles |= crate::roles::bit(role).unwrap_or(0);
                    i += len;
                }
                None => i += 1,
            }
        }
        roles
    }

    /// Whether a name is titles and common words only, a title among them
    /// (الرئيس الأمريكي, الأمين العام, ولي العهد السعودي, the French
    /// president): a role, not a name. An Arabic one needs two parts or
    /// more: one word alone may be a garbled name (الملكة for المملكة); a
    /// Latin word is an English or French one as written (president). A
    /// group's name before a leader's title (Hamas leader) is a role too.
    /// (The resolver reads it with the titles: see
    /// `Lexicon::titled_start_of`.)
    #[cfg(test)]
    pub(crate) fn is_role_only(&self, name: &Name) -> bool {
        self.role_only_given(name, self.leading(name))
    }

    /// `Lexicon::is_role_only` of a name whose [`Lexicon::leading`] is
    /// `lead`.
    fn role_only_given(&self, name: &Name, lead: (usize, bool, bool)) -> bool {
        let n = name.parts().len();
        self.leader_title_end(name) == Some(n)
            || (n >= 2 || n == 1 && name.is_latin()) && matches!(lead, (i, true, _) if i == n)
    }

    /// The first and last part of the name once leading titles, common
    /// words and trailing common words are dropped (the name proper).
    /// A leading nisba (اليمني, العربي) is dropped only after a title
    /// (الرئيس اليمني): elsewhere it is a name part, often a given name
    /// (العربي شريف); a trailing one only from names of three parts or
    /// more (it is a family name in مراد اليمني).
    /// Returns the full range when nothing would remain.
    pub(crate) fn name_range(&self, name: &Name) -> std::ops::Range<usize> {
        self.name_range_given(name, self.leading(name))
    }

    /// [`Lexicon::name_range`] of a name whose [`Lexicon::leading`] is
    /// `lead`.
    fn name_range_given(&self, name: &Name, lead: (usize, bool, bool)) -> std::ops::Range<usize> {
        let parts = name.parts();
        let (i, _, described) = lead;
        let mut j = parts.len();
        // A trailing nisba stays in a two-part name (مراد اليمني: a family
        // name) and goes from a longer one (جمهورية أفغانستان الإسلامية:
        // an official long form, whose adjective other states share).
        // After a place noun, a trailing nisba is the place's (مدينة حلب
        // السورية). A Latin name keeps its trailing adjectives: English
        // puts them first, and un ends Kim Jong Un.
        let latin = name.is_latin();
        while j > i
            && self.is_stop(&parts[j - 1])
            && (!self.is_between(&parts[j - 1]) || !latin && (j - i > 2 || described))
        {
            j -= 1;
        }
        if i >= j { 0..parts.len() } else { i..j }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name proper of `s` (see [`Lexicon::name_range`]).
    fn proper(s: &str) -> String {
        let n = normalize(s);
        n.slice(shipped().name_range(&n)).as_str().to_string()
    }

    #[test]
    fn shipped_lists_parse_and_strip_titles() {
        let lex = shipped();
        let n = normalize("الرئيس الليبي معمر القذافى");
        let r = lex.name_range(&n);
        assert_eq!(n.slice(r).as_str(), "معمر القذافي");
        let n = normalize("المشير خليفة بلقاسم حفتر");
        assert_eq!(n.slice(lex.name_range(&n)).as_str(), "خليفه بلقاسم حفتر");
    }

    #[test]
    fn an_expression_matches_with_a_clitic_on_its_first_word_only() {
        let lex = shipped();
        let at = |s: &str| {
            let n = normalize(s);
            lex.expression_at(|k| n.parts().get(k))
        };
        assert_eq!(at("أذان المغرب"), Some(2));
        assert_eq!(at("وأذان المغرب اليوم"), Some(2));
        // The article as listed, and no clitic past the first word.
        assert_eq!(at("أذان مغرب"), None);
        assert_eq!(at("أذان والمغرب"), None);
        assert_eq!(at("أذان"), None);
        assert_eq!(at("المغرب"), None);
    }

    #[test]
    fn common_words_keep_their_article_as_listed() {
        let lex = shipped();
        let part = |s: &str| normalize(s).parts()[0].clone();
        // السيول (torrents) is listed; سيول (Seoul) is not, but the
        // listed word takes a clitic (والسيول).
        assert!(lex.is_common(&part("السيول")));
        assert!(lex.is_common(&part("والسيول")));
        assert!(!lex.is_common(&part("سيول")));
        // A name-like word of news text (المتوسط, medium) is listed; a
        // given name is not.
        assert!(lex.is_common(&part("المتوسط")));
        assert!(!lex.is_common(&part("محمد")));
        // A bad list is a typed error naming the file and line.
        let mut bad = Lexicon::default();
        let err = bad.read_common("word\tnote\n\u{64B}\tcommon\n".as_bytes());
        assert!(
            err.as_ref()
                .is_err_and(|e| e.to_string().contains("common_words.tsv")),
            "{err:?}"
        );
    }

    #[test]
    fn a_nisba_is_dropped_only_after_a_title() {
        assert_eq!(proper("الرئيس اليمني مراد"), "مراد");
        assert_eq!(proper("مراد اليمني"), "مراد اليمني");
        // ... but not from a longer official form.
        assert_eq!(proper("جمهورية باكستان الاسلامية"), "جمهوريه باكستان");
        assert_eq!(proper("العربي شريف"), "العربي شريف");
        // A trailing common word that is not a nisba still goes.
        assert_eq!(proper("حفتر قال"), "حفتر");
        assert_eq!(proper("حفتر وقال"), "حفتر");
        // A verb never takes the article: الابدي is a name, not أبدى.
        assert_eq!(proper("فاطمة الابدي"), "فاطمه الابدي");
    }

    #[test]
    fn english_adjectives_before_a_title_go_with_it() {
        let lex = shipped();
        assert_eq!(
            proper("French President Emmanuel Macron"),
            "emmanuel macron"
        );
        assert_eq!(proper("the late former President Morsi"), "morsi");
        assert_eq!(
            proper("Hezbollah leader Hassan Nasrallah"),
            "hassan nasrallah"
        );
        // No title after them: the adjective opens a name.
        assert_eq!(proper("Saudi Arabia"), "saudi arabia");
        assert_eq!(proper("French Guiana"), "french guiana");
        // A title word inside a name, not a leader's: kept.
        assert_eq!(proper("Hassan Sheikh Mohamud"), "hassan sheikh mohamud");
        // A leader's title with no name after it: nothing to keep.
        assert_eq!(proper("Hamas leader"), "hamas leader");
        // An article opens a name unless a title follows; an adjective
        // ends one (un, a nisba here, ends Kim Jong Un).
        assert_eq!(proper("Le Drian"), "le drian");
        assert_eq!(proper("the general Haftar"), "haftar");
        assert_eq!(proper("Kim Jong Un"), "kim jong un");
        // Digits are no initials.
        assert_eq!(proper("M. Macron"), "macron");
        assert_eq!(proper("7 Macron"), "7 macron");
        assert!(lex.is_role_only(&normalize("the Egyptian president")));
        assert!(lex.is_role_only(&normalize("president")));
        assert!(!lex.is_role_only(&normalize("Macron")));
        assert!(lex.is_role_only(&normalize("Hamas leader")));
        assert!(!lex.is_role_only(&normalize("Hamas leader Ismail Haniyeh")));
    }

    #[test]
    fn a_nisba_after_a_place_noun_is_the_places() {
        assert_eq!(proper("العاصمة الروسية موسكو"), "موسكو");
        assert_eq!(proper("مدينة بنغازي الليبية"), "بنغازي");
        // Without a place noun, a two-part name keeps its nisba.
        assert_eq!(proper("مراد اليمني"), "مراد اليمني");
    }
}
