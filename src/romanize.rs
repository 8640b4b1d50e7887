//! Romanisation: Latin spellings mapped onto Arabic letters so that one
//! distance compares Haftar, Hifter and حفتر.
//!
//! The mapping is data (`data/romanize.tsv`): Latin sound units (kh, sh, th,
//! ou, ...) and the Arabic letters they stand for, by position in the word.
//! Letters written in parentheses there (short vowels) are *soft*: cheap to
//! drop, since Arabic usually leaves short vowels unwritten. An e in a
//! closed syllable (Wes-ton, Her-z) is the *weak* ya ۦ instead: Arabic
//! spellings leave it out about as often as they write it, so the Latin
//! costs charge the same for both (`data/costs_latin.tsv`), where a soft ي
//! written costs nothing. Explanations show it as ۦ.
//! Rows at the position `alt` are second guesses: another language's
//! reading of a unit (Spanish j as خ), which the resolver also tries.

use crate::index::Map;
use std::sync::LazyLock;

use crate::error::Result;
use crate::normalize::{Name, Part, romanized_part};
use crate::tsv::{TsvReader, required};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Where {
    Word,
    Initial,
    Medial,
    /// Medial, in a closed syllable: before two consonants, or before one
    /// that ends the word (Wes-ton, Ber-lin-ger). A doubled consonant or a
    /// digraph (ll, sh) counts as one, as Arabic writes it once.
    Closed,
    Final,
    Any,
    /// A second guess for the unit anywhere (Spanish j as خ): see
    /// [`Romanizer::alternatives`].
    Alt,
}

#[derive(Debug)]
struct Rule {
    /// Output letters and whether each is soft.
    out: Vec<(char, bool)>,
    at: Where,
}

/// A unit to read another way, and the letters to read it as.
type Alt<'a> = Option<(&'a str, &'a [(char, bool)])>;

#[derive(Debug)]
pub(crate) struct Romanizer {
    rules: Map<String, Vec<Rule>>,
    longest: usize,
}

static ROMANIZER: LazyLock<Romanizer> = LazyLock::new(|| {
    Romanizer::from_tsv(include_str!("../data/romanize.tsv").as_bytes()).unwrap_or_else(|e| {
        panic!("shipped romanisation table is invalid (a test guards this): {e}")
    })
});

pub(crate) fn shipped() -> &'static Romanizer {
    &ROMANIZER
}

fn parse_arabic(s: &str) -> Option<Vec<(char, bool)>> {
    let mut out = Vec::new();
    let mut soft = false;
    for c in s.chars() {
        match c {
            '(' if !soft => soft = true,
            ')' if soft => soft = false,
            c if ('\u{0621}'..='\u{06FF}').contains(&c) => out.push((c, soft)),
            _ => return None,
        }
    }
    (!soft).then_some(out)
}

impl Romanizer {
    pub(crate) fn from_tsv(src: impl std::io::BufRead) -> Result<Romanizer> {
        let mut r = TsvReader::new(src, "data/romanize.tsv")?;
        let (cl, ca, cw) = (r.column("latin")?, r.column("arabic")?, r.column("where")?);
        let origin = r.origin().to_string();
        let mut rules: Map<String, Vec<Rule>> = Map::default();
        let mut longest = 1;
        while let Some((line, f)) = r.next_row()? {
            let bad = |col: usize, column: &'static str, expected: &'static str| {
                crate::tsv::bad_value(&origin, line, &f, col, column, expected)
            };
            let latin = required(&f, cl, "latin", &origin, line)?;
            if !latin.chars().all(|c| c.is_ascii_lowercase()) {
                return Err(bad(cl, "latin", "lower-case ASCII letters"));
            }
            let arabic = required(&f, ca, "arabic", &origin, line)?;
            let out = parse_arabic(arabic)
                .ok_or_else(|| bad(ca, "arabic", "Arabic letters, soft ones in parentheses"))?;
            let at = match f[cw].trim() {
                "word" => Where::Word,
                "initial" => Where::Initial,
                "medial" => Where::Medial,
                "closed" => Where::Closed,
                "final" => Where::Final,
                "any" => Where::Any,
                "alt" => Where::Alt,
                _ => {
                    return Err(bad(
                        cw,
                        "where",
                        "word, initial, medial, closed, final, any or alt",
                    ));
                }
            };
            let list = rules.entry(latin.to_string()).or_default();
            if at != Where::Alt && list.iter().any(|r| r.at == at) {
                return Err(bad(cl, "latin", "one rule per unit and position"));
            }
            if at == Where::Alt && !list.iter().any(|r| r.at != Where::Word) {
                return Err(bad(
                    cl,
                    "latin",
                    "a unit with a rule of its own before its `alt` rows",
                ));
            }
            if at != Where::Word {
                longest = longest.max(latin.len());
            }
            list.push(Rule { out, at });
        }
        Ok(Romanizer { rules, longest })
    }

    /// The rule for `unit` at the start of a word (`initial`) or inside
    /// it, followed by the letters `rest` (empty when it ends the word).
    fn rule(&self, unit: &str, initial: bool, rest: &str) -> Option<&Rule> {
        let list = self.rules.get(unit)?;
        let last = rest.is_empty();
        let wanted = |w: Where| match w {
            Where::Word | Where::Alt => false,
            Where::Initial => initial,
            Where::Final => last && !initial,
            Where::Medial => !initial && !last,
            Where::Closed => !initial && !last && closes(rest),
            Where::Any => true,
        };
        // A positional rule wins over `any`, and `closed` over `medial`
        // whatever their order in the table.
        list.iter()
            .find(|r| r.at == Where::Closed && wanted(r.at))
            .or_else(|| list.iter().find(|r| r.at != Where::Any && wanted(r.at)))
            .or_else(|| list.iter().find(|r| r.at == Where::Any))
    }

    /// Romanises one Latin word: Arabic letters with soft flags, and the
    /// Latin unit each letter came from. `alt`: a unit read otherwise.
    fn word(&self, w: &str, out: &mut Vec<(char, bool)>, units: &mut Vec<String>, alt: Alt) {
        if let Some(r) = self
            .rules
            .get(w)
            .and_then(|l| l.iter().find(|r| r.at == Where::Word))
        {
            for &(c, s) in &r.out {
                out.push((c, s));
                units.push(w.to_string());
            }
            return;
        }
        let b = w.as_bytes();
        let mut i = 0;
        let mut last_unit = String::new();
        // The one hard consonant the previous unit of this word wrote, if so.
        let mut last_single: Option<char> = None;
        while i < b.len() {
            if !b[i].is_ascii_lowercase() {
                // Digits and other letters pass through unchanged.
                let c = w[i..].chars().next().unwrap_or(' ');
                out.push((c, false));
                units.push(c.to_string());
                i += c.len_utf8();
                last_single = None;
                continue;
            }
            let mut step = 1;
            let mut found = None;
            for len in (1..=self.longest.min(b.len() - i)).rev() {
                if !w.is_char_boundary(i + len) {
                    continue;
                }
                let unit = &w[i..i + len];
                if !unit.bytes().all(|c| c.is_ascii_lowercase()) {
                    continue;
                }
                if let Some(r) = self.rule(unit, i == 0, &w[i + len..]) {
                    found = Some(r);
                    step = len;
                    break;
                }
            }
            let unit = &w[i..i + step];
            if let Some(r) = found {
                let (letters, guessed) = match alt {
                    Some((u, letters)) if u == unit => (letters, true),
                    _ => (&r.out[..], false),
                };
                // A doubled consonant (shadda) is written once: the same
                // unit twice, or a second guess that reads a unit as the
                // letter before it (d and dh guessed as د: Buddha بودا).
                let hard = letters.iter().all(|&(_, s)| !s) && !is_vowel_unit(unit);
                let single = match letters {
                    [(c, _)] if hard => Some(*c),
                    _ => None,
                };
                let doubled = hard
                    && (unit == last_unit
                        || (guessed && single.is_some() && single == last_single));
                if !doubled {
                    for &(c, s) in letters {
                        out.push((c, s));
                        units.push(unit.to_string());
                    }
                }
                last_single = single;
            } else {
                last_single = None;
            }
            last_unit = unit.to_string();
            i += step;
        }
    }

    /// Romanises a normalised name: Latin parts become Arabic letters
    /// (articles al-/el-/ad-/... glued to the next part as ال, bin/ibn → بن,
    /// abu/abdel/abdul joined to the next part); Arabic parts are kept.
    /// Returns the name and, per symbol, the Latin unit it came from.
    pub(crate) fn romanize(&self, name: &Name) -> (Name, Vec<String>) {
        self.romanize_with(name, None)
    }

    /// Second guesses at a Latin name: one romanisation per unit of the name
    /// that has `alt` rows in the table and per such row, with every
    /// occurrence of the unit read that way (Jerez as خيريز). `first` and
    /// `units` are what [`Romanizer::romanize`] returned for `name`. Forms
    /// equal to the first reading or to each other are left out. Empty for a
    /// name with no such unit, and for an Arabic name.
    pub(crate) fn alternatives(&self, name: &Name, first: &Name, units: &[String]) -> Vec<Name> {
        if !name.is_latin() {
            return Vec::new();
        }
        let mut seen: Vec<&str> = Vec::new();
        let mut out: Vec<Name> = Vec::new();
        for u in units {
            if seen.contains(&u.as_str()) {
                continue;
            }
            seen.push(u);
            let Some(list) = self.rules.get(u.as_str()) else {
                continue;
            };
            for r in list.iter().filter(|r| r.at == Where::Alt) {
                let (n, _) = self.romanize_with(name, Some((u.as_str(), &r.out)));
                if n.as_str() != first.as_str() && out.iter().all(|m| m.as_str() != n.as_str()) {
                    out.push(n);
                }
            }
        }
        out
    }

    fn romanize_with(&self, name: &Name, alt: Alt) -> (Name, Vec<String>) {
        if !name.is_latin() {
            let units = name.as_str().chars().map(|c| c.to_string()).collect();
            return (name.clone(), units);
        }
        let parts = name.parts();
        let mut out_parts: Vec<Part> = Vec::with_capacity(parts.len());
        let mut all_units: Vec<String> = Vec::new();
        let mut i = 0;
        while i < parts.len() {
            let w = parts[i].as_str();
            let has_next = i + 1 < parts.len();
            if !parts[i].is_latin() {
                out_parts.push(parts[i].clone());
                if !all_units.is_empty() {
                    all_units.push(" ".into());
                }
                all_units.extend(w.chars().map(|c| c.to_string()));
                i += 1;
                continue;
            }
            let mut letters: Vec<(char, bool)> = Vec::new();
            let mut units: Vec<String> = Vec::new();
            let mut prefix_len = 0;
            let push_fixed =
                |s: &str, unit: &str, letters: &mut Vec<(char, bool)>, units: &mut Vec<String>| {
                    for c in s.chars() {
                        letters.push((c, false));
                        units.push(unit.to_string());
                    }
                };
            // Heads that join the next part.
            let mut j = i;
            if has_next
                && matches!(
                    w,
                    "abd" | "abdel" | "abdul" | "abdal" | "abdol" | "abdoul" | "abdelal" | "abdil"
                )
            {
                push_fixed("عبد", w, &mut letters, &mut units);
                if w != "abd" {
                    push_fixed("ال", w, &mut letters, &mut units);
                }
                j += 1;
            } else if has_next && matches!(w, "abu" | "abou" | "abo" | "aboul" | "abul") {
                push_fixed("ابو", w, &mut letters, &mut units);
                if w.ends_with('l') {
                    push_fixed("ال", w, &mut letters, &mut units);
                }
                j += 1;
            }
            let word = parts[j].as_str();
            let next_exists = j + 1 < parts.len();
            // English function words of official names are not written.
            if j == i && parts.len() > 1 && matches!(word, "of" | "the") {
                i = j + 1;
                continue;
            }
            if matches!(word, "bin" | "ibn" | "ben" | "bn" | "ebn") && (next_exists || j > 0) {
                push_fixed("بن", word, &mut letters, &mut units);
            } else if is_article(word) && next_exists && parts[j + 1].is_latin() {
                // al-Qaddafi, el-Sisi, ash-Shara: the article joins the next word.
                if letters.is_empty() {
                    prefix_len = "ال".len();
                }
                push_fixed("ال", word, &mut letters, &mut units);
                j += 1;
                self.word(parts[j].as_str(), &mut letters, &mut units, alt);
            } else if let Some(rest) = glued_article(word).filter(|_| letters.is_empty()) {
                // elyounoussi, alhashimi: an article written on the word.
                prefix_len = "ال".len();
                push_fixed("ال", &word[..2], &mut letters, &mut units);
                self.word(rest, &mut letters, &mut units, alt);
            } else {
                self.word(word, &mut letters, &mut units, alt);
            }
            i = j + 1;
            if letters.is_empty() {
                continue;
            }
            let text: String = letters.iter().map(|&(c, _)| c).collect();
            let soft = letters
                .iter()
                .enumerate()
                .filter(|&(k, &(_, s))| s && k < 64)
                .fold(0u64, |m, (k, _)| m | (1 << k));
            if !out_parts.is_empty() {
                all_units.push(" ".into());
            }
            all_units.extend(units);
            out_parts.push(romanized_part(text, prefix_len, soft));
        }
        (Name::from_parts(out_parts), all_units)
    }
}

/// The rest of a word that starts with the article written on it (al or
/// el, then a consonant, and at least four letters more: alhashimi,
/// elyounoussi); the article is then a prefix, cheap to drop, as ال is.
fn glued_article(w: &str) -> Option<&str> {
    let rest = w.strip_prefix("al").or_else(|| w.strip_prefix("el"))?;
    let first = rest.bytes().next()?;
    (rest.len() >= 4 && first.is_ascii_lowercase() && !b"aeiou".contains(&first)).then_some(rest)
}

/// Whether the letters after a vowel close its syllable: one consonant
/// (a digraph or a doubled letter counting as one) and then the end of the
/// word or another consonant.
fn closes(rest: &str) -> bool {
    let b = rest.as_bytes();
    let consonant =
        |c: u8| c.is_ascii_lowercase() && !matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    if !b.first().is_some_and(|&c| consonant(c)) {
        return false;
    }
    let one = match b {
        [x, y, ..] if x == y => 2,
        [
            b'c' | b's' | b't' | b'k' | b'g' | b'd' | b'p' | b'z',
            b'h',
            ..,
        ] => 2,
        [b'c', b'k', ..] => 2,
        _ => 1,
    };
    b.get(one).is_none_or(|&c| consonant(c))
}

fn is_vowel_unit(u: &str) -> bool {
    u.bytes()
        .all(|c| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u'))
}

fn is_article(w: &str) -> bool {
    matches!(
        w,
        "al" | "el"
            | "ul"
            | "ad"
            | "ed"
            | "ar"
            | "er"
            | "as"
            | "es"
            | "ash"
            | "esh"
            | "at"
            | "et"
            | "az"
            | "ez"
            | "an"
            | "en"
            | "adh"
            | "ath"
            | "ud"
            | "ur"
            | "us"
            | "un"
            | "ut"
    )
}

/// Romanises with the shipped table (see [`Romanizer::romanize`]).
pub(crate) fn romanize(name: &Name) -> Name {
    shipped().romanize(name).0
}

/// Romanises with the shipped table, with the Latin unit of each symbol
/// (see [`Romanizer::romanize`]).
pub(crate) fn romanize_units(name: &Name) -> (Name, Vec<String>) {
    shipped().romanize(name)
}

/// Second guesses with the shipped table (see [`Romanizer::alternatives`]).
pub(crate) fn alternatives(name: &Name, first: &Name, units: &[String]) -> Vec<Name> {
    shipped().alternatives(name, first, units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    fn r(s: &str) -> String {
        romanize(&normalize(s)).as_str().to_string()
    }

    #[test]
    fn shipped_rules() {
        assert_eq!(r("Haftar"), "هافتار");
        assert_eq!(r("Gaddafi"), "غادافي");
        assert_eq!(r("Abdel Fattah el-Sisi"), "عبدالفاتاه السيسي");
        assert_eq!(r("Mohammed bin Salman"), "محمد بن سالمان");
    }

    #[test]
    fn an_english_igh_before_t_is_a_long_i() {
        // The gh is silent: Bright is برايت, not بريغت.
        assert_eq!(r("Bright"), "برايت");
        assert_eq!(r("Knight"), r("Knayt"));
        assert!(!r("Albright").contains('غ'), "{}", r("Albright"));
        // Other gh is غ.
        assert!(r("Ghani").starts_with('غ'));
    }

    #[test]
    fn an_e_of_a_closed_syllable_is_weak() {
        // Before two consonants or a final one: the weak ya.
        for (rest, closed) in [
            ("ston", true),
            ("z", true),
            ("r", true),
            ("rk", true),
            ("lo", false),
            ("llo", false),
            ("sha", false),
            ("ll", true),
            ("a", false),
            ("", false),
        ] {
            assert_eq!(closes(rest), closed, "{rest}");
        }
        assert_eq!(r("Weston"), "و\u{06E6}ستون");
        assert_eq!(r("Herz"), "ه\u{06E6}رز");
        // An open syllable keeps the soft ya: Angelo, Gerety.
        assert_eq!(r("Angelo"), "انغيلو");
        assert!(!r("Gerety").starts_with("غ\u{06E6}"));
    }

    #[test]
    fn second_guesses_read_one_unit_otherwise() {
        let alts = |s: &str| -> Vec<String> {
            let n = normalize(s);
            let (first, units) = romanize_units(&n);
            alternatives(&n, &first, &units)
                .iter()
                .map(|n| n.as_str().to_string())
                .collect()
        };
        // Spanish and German j; every j of the name is read the same way.
        let j = alts("Jorge Juan");
        assert!(j.contains(&"خورغي خوان".to_string()), "{j:?}");
        assert!(j.contains(&"يورغي يوان".to_string()), "{j:?}");
        // (The medial e is a weak ya: see `WEAK` in letters.rs.)
        assert!(alts("Charles").contains(&"تشارل\u{06E6}س".to_string()));
        // A long aa as ا (Maghreb aa is ع first), Indian dh as د, ey as ي,
        // French final ier as ييه.
        for (name, guess) in [
            ("Haas", "هاس"),
            ("Dhoni", "دوني"),
            // d, then dh guessed as د: one د, as a doubled letter.
            ("Buddha", "بودا"),
            ("Disney", "ديسني"),
            ("Olivier", "اوليفييه"),
        ] {
            let a = alts(name);
            assert!(a.iter().any(|g| g == guess), "{name}: {a:?}");
        }
        // An initial or final aa is two a's, not the unit aa: no guess.
        assert!(alts("Aalto").is_empty(), "{:?}", alts("Aalto"));
        assert!(alts("Kumaa").is_empty(), "{:?}", alts("Kumaa"));
        // No unit with a second guess, or an Arabic name: none.
        assert!(alts("Haftar").is_empty());
        assert!(alts("حفتر").is_empty());
        // Never the first reading again.
        let first = r("Chiesa");
        assert!(!alts("Chiesa").contains(&first));
    }

    #[test]
    fn an_alt_row_needs_a_rule_of_its_own_first() {
        let e = Romanizer::from_tsv("latin\tarabic\twhere\nq\tك\talt\n".as_bytes()).unwrap_err();
        assert!(e.to_string().starts_with("data/romanize.tsv:2:1:"), "{e}");
        let ok = Romanizer::from_tsv(
            "latin\tarabic\twhere\nq\tق\tany\nq\tك\talt\nq\tغ\talt\n".as_bytes(),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn an_article_written_on_the_word_is_a_prefix() {
        let n = romanize(&normalize("elyounoussi"));
        assert!(n.as_str().starts_with("ال"), "{}", n.as_str());
        assert!(n.parts()[0].has_article());
        // Not before a vowel, and not in a short word.
        assert!(!romanize(&normalize("Alexander")).parts()[0].has_article());
        assert!(!romanize(&normalize("Alan")).parts()[0].has_article());
    }
}
