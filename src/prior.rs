//! A learned prior over how Latin names are written in Arabic script
//! (`data/prior_latin.tsv`): it reorders a Latin query's best few
//! candidates.
//!
//! The letter costs price each aligned letter on its own. Whether a
//! spelling is the one Arabic writers use for a given Latin name also shows
//! in the whole: which Arabic letters stand beside which Latin ones (v
//! written ف, g written غ or ج), how the first and last letters are written,
//! how many letters the spelling has for the Latin letters, whether the
//! table spelling carries an article the query lacks. Each such fact is a
//! feature; the prior adds the weights of a candidate's features to its
//! score, relative to the best candidate's. The weights are fitted on the
//! training folds of real Latin–Arabic spelling pairs by
//! `scripts/train-latin` (`--prior`); `data/README.md` has the provenance.
//!
//! Cost: one pass over both names and one hash lookup per (Latin letter,
//! Arabic letter) pair present, about 200 per candidate.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::error::{DataError, Error, Result};
use crate::tsv::{TsvReader, bad_value, required};

/// The kinds of feature, as named in the `feature` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// The Latin letter occurs in the query and the Arabic one in the
    /// candidate.
    Pair,
    /// The Arabic letter's share of the candidate's letters.
    Letter,
    /// The query's first letter and the candidate's first letter.
    First,
    /// The query's last letter and the candidate's last letter.
    Last,
    /// A candidate part carries the article ال and the query has none.
    ArticleTable,
    /// As `ArticleTable`, and the query's last word ends in i (a nisba:
    /// Zaoui, الزاوي).
    ArticleTableNisba,
    /// The query has an article word (al, el, ad, ash ...) and no
    /// candidate part carries ال.
    ArticleQuery,
    /// The candidate's letters per query letter.
    Length,
}

const KINDS: [(&str, Kind); 8] = [
    ("pair", Kind::Pair),
    ("letter", Kind::Letter),
    ("first", Kind::First),
    ("last", Kind::Last),
    ("article_table", Kind::ArticleTable),
    ("article_table_nisba", Kind::ArticleTableNisba),
    ("article_query", Kind::ArticleQuery),
    ("length", Kind::Length),
];

/// A feature: its kind and the letters it is about (`-` where none).
pub(crate) type Feature = (Kind, char, char);

/// Latin spellings of the article and its assimilated forms, as words
/// of their own after normalisation.
const ARTICLES: [&str; 20] = [
    "al", "el", "il", "ul", "ad", "ed", "ar", "er", "as", "es", "ash", "esh", "at", "et", "az",
    "ez", "an", "en", "adh", "ath",
];

/// Calls `emit` with each feature of the Latin query `latin` (comparison
/// form: lower-case words) against the Arabic comparison form `arabic`,
/// and its value.
pub(crate) fn features(latin: &str, arabic: &str, mut emit: impl FnMut(Feature, f32)) {
    let words: Vec<&str> = latin.split(' ').filter(|w| !w.is_empty()).collect();
    let parts: Vec<&str> = arabic.split(' ').filter(|w| !w.is_empty()).collect();
    let (Some(first_word), Some(last_word)) = (words.first(), words.last()) else {
        return;
    };
    let (Some(first_part), Some(last_part)) = (parts.first(), parts.last()) else {
        return;
    };
    let latin_letters: Vec<char> = latin.chars().filter(char::is_ascii_lowercase).collect();
    let arabic_letters: Vec<char> = arabic.chars().filter(|&c| c != ' ').collect();
    if latin_letters.is_empty() || arabic_letters.is_empty() {
        return;
    }
    // A standalone article word, not the whole name.
    let query_article = words.len() > 1
        && words[..words.len() - 1]
            .iter()
            .any(|w| ARTICLES.contains(w));
    let table_article = parts
        .iter()
        .any(|p| p.starts_with("ال") && p.chars().count() > 3);
    if table_article && !query_article {
        emit((Kind::ArticleTable, '-', '-'), 1.0);
        if last_word.ends_with('i') {
            emit((Kind::ArticleTableNisba, '-', '-'), 1.0);
        }
    }
    if query_article && !table_article {
        emit((Kind::ArticleQuery, '-', '-'), 1.0);
    }
    let mut seen_latin = [false; 26];
    for &c in &latin_letters {
        seen_latin[(c as u8 - b'a') as usize] = true;
    }
    let mut arabic_set: Vec<(char, u32)> = Vec::new();
    for &c in &arabic_letters {
        match arabic_set.iter_mut().find(|(a, _)| *a == c) {
            Some(slot) => slot.1 += 1,
            None => arabic_set.push((c, 1)),
        }
    }
    let n = arabic_letters.len() as f32;
    for &(a, count) in &arabic_set {
        emit((Kind::Letter, '-', a), count as f32 / n);
        for (i, _) in seen_latin.iter().enumerate().filter(|(_, s)| **s) {
            emit((Kind::Pair, (b'a' + i as u8) as char, a), 1.0);
        }
    }
    if let (Some(l), Some(a)) = (first_word.chars().next(), first_part.chars().next()) {
        emit((Kind::First, l, a), 1.0);
    }
    if let (Some(l), Some(a)) = (last_word.chars().last(), last_part.chars().last()) {
        emit((Kind::Last, l, a), 1.0);
    }
    emit((Kind::Length, '-', '-'), n / latin_letters.len() as f32);
}

/// Feature weights.
#[derive(Debug, Default)]
pub(crate) struct Prior {
    weights: HashMap<Feature, f32, foldhash::fast::RandomState>,
}

static SHIPPED: LazyLock<Prior> = LazyLock::new(|| {
    Prior::from_tsv(
        include_str!("../data/prior_latin.tsv"),
        "data/prior_latin.tsv",
    )
    .unwrap_or_else(|e| panic!("shipped prior is invalid (a test guards this): {e}"))
});

/// The shipped prior.
pub(crate) fn shipped() -> &'static Prior {
    &SHIPPED
}

impl Prior {
    /// Parses a `feature<TAB>latin<TAB>arabic<TAB>weight` table (more
    /// columns allowed); `latin` and `arabic` are one letter or `-`.
    pub(crate) fn from_tsv(text: &str, origin: &str) -> Result<Prior> {
        let mut r = TsvReader::new(text.as_bytes(), origin.to_string())?;
        let (cf, cl, ca, cw) = (
            r.column("feature")?,
            r.column("latin")?,
            r.column("arabic")?,
            r.column("weight")?,
        );
        let origin = r.origin().to_string();
        let mut weights = HashMap::default();
        let mut lines: HashMap<Feature, usize> = HashMap::new();
        while let Some((line, f)) = r.next_row()? {
            let origin = origin.as_str();
            let name = required(&f, cf, "feature", origin, line)?;
            let Some(&(_, kind)) = KINDS.iter().find(|(k, _)| *k == name) else {
                return Err(bad_value(origin, line, &f, cf, "feature", "a feature kind"));
            };
            let letter = |col: usize, column: &'static str| -> Result<char> {
                let v = required(&f, col, column, origin, line)?;
                let mut cs = v.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(bad_value(origin, line, &f, col, column, "one letter or -")),
                }
            };
            let (l, a) = (letter(cl, "latin")?, letter(ca, "arabic")?);
            let w: f32 = required(&f, cw, "weight", origin, line)?
                .parse()
                .ok()
                .filter(|w: &f32| w.is_finite())
                .ok_or_else(|| bad_value(origin, line, &f, cw, "weight", "a number"))?;
            if let Some(&first) = lines.get(&(kind, l, a)) {
                return Err(Error::Data {
                    origin: origin.to_string(),
                    line,
                    column: 0,
                    reason: DataError::Duplicate(first),
                });
            }
            lines.insert((kind, l, a), line);
            weights.insert((kind, l, a), w);
        }
        Ok(Prior { weights })
    }

    /// Whether the prior has no weights (it then changes nothing).
    pub(crate) fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The sum of the weights of the features of `latin` against `arabic`.
    pub(crate) fn weigh(&self, latin: &str, arabic: &str) -> f32 {
        let mut sum = 0.0;
        features(latin, arabic, |f, v| {
            if let Some(w) = self.weights.get(&f) {
                sum += w * v;
            }
        });
        sum
    }
}

/// The features of a Latin query against a table spelling, as the resolver
/// computes them (both in comparison form), named as in `data/prior_latin.tsv`: `(feature, latin, arabic,
/// value)`. For `scripts/train-latin`, which fits the weights; not part of
/// the stable API.
#[doc(hidden)]
pub fn prior_features(query: &str, spelling: &str) -> Vec<(&'static str, char, char, f32)> {
    let q = crate::normalize(query);
    // As the resolver's index forms a row.
    let n = crate::normalize(spelling);
    let s = if n.is_latin() {
        crate::romanize::romanize_units(&n).0
    } else {
        n
    };
    let mut out = Vec::new();
    features(q.as_str(), s.as_str(), |(k, l, a), v| {
        let name = KINDS
            .iter()
            .find(|(_, kk)| *kk == k)
            .map_or("", |(n, _)| *n);
        out.push((name, l, a, v));
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(l: &str, a: &str) -> Vec<Feature> {
        let mut v = Vec::new();
        features(l, a, |f, _| v.push(f));
        v
    }

    #[test]
    fn the_shipped_prior_parses() {
        let p = Prior::from_tsv(
            include_str!("../data/prior_latin.tsv"),
            "data/prior_latin.tsv",
        );
        assert!(p.is_ok_and(|p| !p.is_empty()));
    }

    #[test]
    fn article_on_one_side() {
        let f = feats("zaoui", "الزاوي");
        assert!(f.contains(&(Kind::ArticleTable, '-', '-')));
        assert!(f.contains(&(Kind::ArticleTableNisba, '-', '-')));
        let f = feats("el sisi", "سيسي");
        assert!(f.contains(&(Kind::ArticleQuery, '-', '-')));
        let f = feats("el sisi", "السيسي");
        assert!(
            !f.iter()
                .any(|k| matches!(k.0, Kind::ArticleQuery | Kind::ArticleTable))
        );
    }

    #[test]
    fn letters_first_last_and_length() {
        let f = feats("haftar", "حفتر");
        assert!(f.contains(&(Kind::Pair, 'h', 'ح')));
        assert!(f.contains(&(Kind::First, 'h', 'ح')));
        assert!(f.contains(&(Kind::Last, 'r', 'ر')));
        let mut len = 0.0;
        features("haftar", "حفتر", |k, v| {
            if k.0 == Kind::Length {
                len = v;
            }
        });
        assert!((len - 4.0 / 6.0).abs() < 1e-6);
        assert!(feats("", "حفتر").is_empty());
        assert!(feats("123", "حفتر").is_empty());
    }

    #[test]
    fn bad_rows_are_typed_errors() {
        let h = "feature\tlatin\tarabic\tweight\n";
        let e = Prior::from_tsv(&format!("{h}pear\ta\tب\t0.1\n"), "<t>").unwrap_err();
        assert_eq!(
            e.to_string(),
            "<t>:2:1: bad `feature` value \"pear\": expected a feature kind"
        );
        let e = Prior::from_tsv(&format!("{h}pair\tab\tب\t0.1\n"), "<t>").unwrap_err();
        assert!(e.to_string().starts_with("<t>:2:2:"), "{e}");
        let e = Prior::from_tsv(&format!("{h}pair\ta\tب\tx\n"), "<t>").unwrap_err();
        assert!(e.to_string().starts_with("<t>:2:4:"), "{e}");
        let e =
            Prior::from_tsv(&format!("{h}pair\ta\tب\t0.1\npair\ta\tب\t0.2\n"), "<t>").unwrap_err();
        assert_eq!(e.to_string(), "<t>:3:0: repeats line 2");
        assert!(Prior::from_tsv("feature\tlatin\n", "<t>").is_err());
    }
}
