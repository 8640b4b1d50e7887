//! Property tests: totality and idempotence of normalisation, the metric
//! laws of the distance, bounded == full, the unit-cost oracle (strsim's
//! OSA), and the resolver and clusterer on arbitrary input.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use asmaa::{Clusterer, Costs, Error, MAX_NAME_CHARS, Resolver, normalize};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// Every letter `normalize` may output besides letters of other scripts.
const ALPHABET: &str = "ءاويبپتثطجگغقكحخهدذضظرزژسصشچعفڤڥلمنabcdefghijklmnopqrstuvwxyz0123456789 ";

static RESOLVER: LazyLock<Resolver> = LazyLock::new(Resolver::new);
static CLUSTERER: LazyLock<Clusterer> = LazyLock::new(|| {
    Clusterer::builder()
        .resolver(RESOLVER.clone())
        .build()
        .expect("default threshold is valid")
});
static PLAIN_CLUSTERER: LazyLock<Clusterer> = LazyLock::new(|| {
    Clusterer::builder()
        .anchors(false)
        .build()
        .expect("default threshold is valid")
});

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

/// One character: mostly Arabic letters, with harakat, Persian/Urdu
/// letters, Latin, spaces, punctuation, invisible controls and anything.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => proptest::char::range('\u{0621}', '\u{064A}'),
        2 => proptest::char::range('\u{064B}', '\u{065F}'),
        2 => prop::sample::select(vec![
            'گ', 'پ', 'چ', 'ژ', 'ڤ', 'ڥ', 'ک', 'ڪ', 'ی', 'ې', 'ۍ', 'ے', 'ہ', 'ھ', 'ە', 'ۀ',
            'ٱ', 'ٲ', 'ٳ', '\u{0670}', '\u{06D6}', '\u{06ED}', '٣', '۴', 'ﻻ', 'ﺍ', '\u{FEFF}',
        ]),
        3 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('A', 'Z'),
        1 => prop::sample::select(vec!['é', 'ü', 'ñ', 'ß', 'Æ', 'Ḥ', 'ı', 'İ', 'ø', 'Ł']),
        3 => Just(' '),
        1 => prop::sample::select(vec![
            '-', '.', ',', '،', '؟', '!', '(', ')', '«', '»', '\'', '’', '\t', '\n', '\u{00A0}',
            '/', '_', '0', '7',
        ]),
        1 => prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202E}',
            '\u{2066}', '\u{2069}', '\u{061C}', '\u{0640}',
        ]),
        2 => any::<char>(),
    ]
}

fn name_of(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// A name made of Arabic words only (more realistic for distance laws).
fn arabic_name() -> impl Strategy<Value = String> {
    let word = prop::collection::vec(
        prop_oneof![
            6 => proptest::char::range('\u{0621}', '\u{063A}'),
            4 => proptest::char::range('\u{0641}', '\u{064A}'),
            1 => prop::sample::select(vec!['گ', 'پ', 'چ', 'ژ', 'ڤ']),
        ],
        1..8,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    prop::collection::vec(word, 1..4).prop_map(|w| w.join(" "))
}

/// A name and a neighbour of it: adjacent letters swapped, one letter
/// changed, dropped or added.
fn name_pair() -> impl Strategy<Value = (String, String)> {
    (
        arabic_name(),
        any::<usize>(),
        0u8..4,
        proptest::char::range('\u{0621}', '\u{064A}'),
    )
        .prop_map(|(a, pos, op, c)| {
            let mut v: Vec<char> = a.chars().collect();
            let i = pos % v.len();
            match op {
                0 if v.len() > 1 => {
                    let j = if i + 1 < v.len() { i } else { i - 1 };
                    v.swap(j, j + 1);
                }
                1 => v[i] = c,
                2 if v.len() > 1 => {
                    v.remove(i);
                }
                _ => v.insert(i, c),
            }
            (a, v.into_iter().collect())
        })
}

/// A name whose words are each in one script: Arabic (with harakat,
/// tatweel, Persian letters) or Latin (with diacritics), separated by spaces
/// and punctuation. No word mixes a Latin letter with another script's.
fn clean_name() -> impl Strategy<Value = String> {
    let arabic = prop::collection::vec(
        prop_oneof![
            8 => proptest::char::range('\u{0621}', '\u{064A}'),
            2 => proptest::char::range('\u{064B}', '\u{065F}'),
            2 => prop::sample::select(vec![
                'گ', 'پ', 'چ', 'ژ', 'ڤ', 'ڥ', 'ک', 'ڪ', 'ی', 'ې', 'ۍ', 'ے', 'ہ', 'ھ', 'ە', 'ۀ',
                'ٱ', 'ٲ', 'ٳ', '\u{0670}', '\u{06D6}', '\u{06ED}', 'ﻻ', 'ﺍ', '\u{200F}',
            ]),
        ],
        1..8,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    let latin = prop::collection::vec(
        prop_oneof![
            6 => proptest::char::range('a', 'z'),
            2 => proptest::char::range('A', 'Z'),
            1 => prop::sample::select(vec!['é', 'ü', 'ñ', 'ß', 'Æ', 'Ḥ', 'ø', 'Ł', '\'']),
        ],
        1..9,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    let digits = proptest::string::string_regex("[0-9٠-٩]{1,4}").expect("valid regex");
    let word = prop_oneof![5 => arabic, 3 => latin, 1 => digits];
    let sep = prop::sample::select(vec![" ", "  ", "-", ", ", "، ", ".", " (", ") ", "\t"]);
    prop::collection::vec((word, sep), 0..5).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (w, s))| if i == 0 { w } else { format!("{s}{w}") })
            .collect()
    })
}

fn mixed_name() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => name_of(24),
        3 => arabic_name(),
        1 => any::<String>(),
    ]
}

fn allowed_output(c: char, costs: &Costs) -> bool {
    ALPHABET.contains(c) || (c.is_alphabetic() && costs.class(c).is_none())
}

fn check_normal_form(s: &str) -> Result<(), TestCaseError> {
    let costs = Costs::shipped();
    let n = normalize(s);
    let out = n.as_str();
    for c in out.chars() {
        prop_assert!(
            allowed_output(c, &costs),
            "normalize({s:?}) = {out:?} outputs U+{:04X}",
            c as u32
        );
    }
    prop_assert!(
        !out.starts_with(' ') && !out.ends_with(' '),
        "untrimmed {out:?}"
    );
    prop_assert!(!out.contains("  "), "double space in {out:?}");
    let again = normalize(out);
    prop_assert_eq!(again.as_str(), out, "not idempotent on {:?}", s);
    prop_assert_eq!(&again, &n, "parts differ on renormalising {:?}", s);
    prop_assert_eq!(n.len(), out.chars().count());
    let joined: Vec<&str> = n.parts().iter().map(|p| p.as_str()).collect();
    prop_assert_eq!(joined.join(" "), out);
    for p in n.parts() {
        prop_assert_eq!(format!("{}{}", p.prefix(), p.core()), p.as_str());
    }
    Ok(())
}

/// The two code points known to break idempotence (ANGSTROM SIGN, CAPITAL
/// SHARP S; see the ignored BUG tests) taken out, so that the tests below keep
/// checking everything else on arbitrary text.
fn without_unstable_latin(s: &str) -> String {
    s.replace(['\u{212B}', '\u{1E9E}'], "")
}

/// Total on anything: no panic, and only letters, digits and spaces come out.
fn check_total(s: &str) -> Result<(), TestCaseError> {
    let costs = Costs::shipped();
    let n = normalize(s);
    for c in n.as_str().chars() {
        prop_assert!(
            allowed_output(c, &costs),
            "normalize({s:?}) = {:?} outputs U+{:04X}",
            n.as_str(),
            c as u32
        );
    }
    prop_assert_eq!(n.len(), n.as_str().chars().count());
    let _ = normalize(n.as_str());
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn normalize_is_total_on_arbitrary_strings(s in any::<String>()) {
        check_total(&s)?;
    }

    #[test]
    fn normalize_is_total_on_mixed_text(s in mixed_name()) {
        check_total(&s)?;
    }

    #[test]
    fn normalize_is_idempotent_on_name_text(s in clean_name()) {
        check_normal_form(&s)?;
    }

    #[test]
    fn normalize_is_idempotent_with_controls_and_punctuation(s in name_of(30).prop_filter(
        "no letters of other scripts",
        |s| s.chars().all(|c| c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c)
            || "éüñßÆḤıİøŁ’«»\u{00A0}\u{FEFF}ﻻﺍ".contains(c)
            || ('\u{2000}'..='\u{206F}').contains(&c)),
    )) {
        check_normal_form(&s)?;
    }

    #[test]
    fn normalize_is_idempotent_and_trimmed_on_arbitrary_strings(s in any::<String>()) {
        check_normal_form(&without_unstable_latin(&s))?;
    }

    #[test]
    fn normalize_is_idempotent_and_trimmed_on_mixed_text(s in mixed_name()) {
        check_normal_form(&without_unstable_latin(&s))?;
    }

    #[test]
    fn normalize_is_idempotent_on_every_string(
        (s, c, at) in (any::<String>(), prop::sample::select(vec!['\u{212B}', '\u{1E9E}']), any::<usize>())
    ) {
        // Arbitrary text with one of the two known offenders somewhere in it.
        let mut v: Vec<char> = s.chars().collect();
        v.insert(at % (v.len() + 1), c);
        check_normal_form(&v.into_iter().collect::<String>())?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn distance_laws(a in mixed_name(), b in mixed_name()) {
        let costs = Costs::shipped();
        let (na, nb) = (normalize(&a), normalize(&b));
        let d = costs.distance(&na, &nb);
        let back = costs.distance(&nb, &na);
        prop_assert!(d.is_finite() && d >= 0.0, "d({a:?}, {b:?}) = {d}");
        prop_assert!((d - back).abs() < 1e-4, "asymmetric: {d} vs {back} for {a:?}, {b:?}");
        prop_assert_eq!(d == 0.0, na.as_str() == nb.as_str(), "d = {} for {:?}, {:?}", d, na.as_str(), nb.as_str());
        prop_assert_eq!(costs.distance(&na, &na), 0.0);
        let longer = na.len().max(nb.len()) as f32;
        prop_assert!(d <= longer + 1e-3, "d = {d} exceeds the longer length {longer}");
        prop_assert!((asmaa::distance(&a, &b) - d).abs() < 1e-6);
        prop_assert!((costs.distance_str(&a, &b) - d).abs() < 1e-6);
    }

    #[test]
    fn distance_laws_on_neighbours((a, b) in name_pair()) {
        let costs = Costs::shipped();
        let (na, nb) = (normalize(&a), normalize(&b));
        let d = costs.distance(&na, &nb);
        prop_assert!((d - costs.distance(&nb, &na)).abs() < 1e-4);
        prop_assert_eq!(d == 0.0, na.as_str() == nb.as_str());
        prop_assert!(d <= 2.0 + 1e-4, "one edit costs at most 2 (a swap at most two substitutions): {d} for {a:?} {b:?}");
    }

    #[test]
    fn unit_costs_equal_strsim_osa(a in mixed_name(), b in mixed_name()) {
        let (na, nb) = (normalize(&a), normalize(&b));
        let d = Costs::unit().distance(&na, &nb);
        let oracle = strsim::osa_distance(na.as_str(), nb.as_str()) as f32;
        prop_assert!((d - oracle).abs() < 1e-3, "unit {d} vs osa {oracle} on {:?} / {:?}", na.as_str(), nb.as_str());
    }

    #[test]
    fn unit_costs_equal_strsim_osa_on_neighbours((a, b) in name_pair()) {
        let (na, nb) = (normalize(&a), normalize(&b));
        let d = Costs::unit().distance(&na, &nb);
        let oracle = strsim::osa_distance(na.as_str(), nb.as_str()) as f32;
        prop_assert!((d - oracle).abs() < 1e-3, "unit {d} vs osa {oracle} on {:?} / {:?}", na.as_str(), nb.as_str());
    }

    #[test]
    fn similarity_in_unit_interval(a in mixed_name(), b in mixed_name()) {
        let costs = Costs::shipped();
        let s = costs.similarity(&normalize(&a), &normalize(&b));
        prop_assert!((0.0..=1.0).contains(&s), "similarity {s}");
        prop_assert!((asmaa::similarity(&a, &b) - s).abs() < 1e-6);
        prop_assert_eq!(costs.similarity(&normalize(&a), &normalize(&a)), 1.0);
    }

    #[test]
    fn explain_cost_is_the_distance(a in mixed_name(), b in mixed_name()) {
        let costs = Costs::shipped();
        let (na, nb) = (normalize(&a), normalize(&b));
        let d = costs.distance(&na, &nb);
        let al = costs.explain(&na, &nb);
        prop_assert!((al.cost() - d).abs() < 1e-3, "explain {} vs distance {d}", al.cost());
        let sum: f32 = al.steps().iter().map(|s| s.cost).sum();
        prop_assert!((sum - d).abs() < 1e-3, "steps sum {sum} vs distance {d}: {al}");
        let left: String = al.steps().iter().map(|s| s.a.as_str()).collect();
        let right: String = al.steps().iter().map(|s| s.b.as_str()).collect();
        prop_assert_eq!(left.as_str(), na.as_str());
        prop_assert_eq!(right.as_str(), nb.as_str());
    }
}

const SLACK: f32 = 1e-3;

/// `distance_within` never invents a distance: `Some` only with the full
/// distance, `None` whenever the full distance exceeds the bound.
fn check_within_sound(na: &asmaa::Name, nb: &asmaa::Name, extra: f32) -> Result<(), TestCaseError> {
    let costs = Costs::shipped();
    let d = costs.distance(na, nb);
    for max in [
        extra,
        d,
        d + 0.01,
        d + 0.3,
        d * 0.5,
        (d - 0.01).max(0.0),
        d * 2.0,
        0.0,
    ] {
        let got = costs.distance_within(na, nb, max);
        if let Some(v) = got {
            prop_assert!(
                (v - d).abs() < SLACK,
                "within({:?}, {:?}, {max}) = {v}, full distance {d}",
                na.as_str(),
                nb.as_str()
            );
        }
        if d > max + SLACK {
            prop_assert!(
                got.is_none(),
                "within({:?}, {:?}, {max}) = {got:?}, but the full distance is {d}",
                na.as_str(),
                nb.as_str()
            );
        }
    }
    Ok(())
}

/// ... and finds the distance whenever it is within the bound.
fn check_within_complete(
    na: &asmaa::Name,
    nb: &asmaa::Name,
    extra: f32,
) -> Result<(), TestCaseError> {
    check_within_sound(na, nb, extra)?;
    let costs = Costs::shipped();
    let d = costs.distance(na, nb);
    for max in [extra, d + 0.01, d + 0.3, d * 2.0] {
        if d <= max - SLACK {
            prop_assert!(
                costs.distance_within(na, nb, max).is_some(),
                "within({:?}, {:?}, {max}) = None, but the full distance is {d}",
                na.as_str(),
                nb.as_str()
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn distance_within_is_sound(a in mixed_name(), b in mixed_name(), max in 0.0f32..6.0) {
        check_within_sound(&normalize(&a), &normalize(&b), max)?;
    }

    #[test]
    fn distance_within_is_sound_on_neighbours((a, b) in name_pair(), max in 0.0f32..3.0) {
        check_within_sound(&normalize(&a), &normalize(&b), max)?;
    }

    #[test]
    fn distance_within_equals_distance_when_in_bound(a in mixed_name(), b in mixed_name(), max in 0.0f32..6.0) {
        check_within_complete(&normalize(&a), &normalize(&b), max)?;
    }

    #[test]
    fn distance_within_equals_distance_on_neighbours((a, b) in name_pair(), max in 0.0f32..3.0) {
        check_within_complete(&normalize(&a), &normalize(&b), max)?;
    }
}

/// The resolver and the clusterer are exercised on fewer cases: each call
/// does real work (index lookups, alignments) in a debug build.
fn check_resolve(q: &str) -> Result<(), TestCaseError> {
    let len = q.chars().count();
    match RESOLVER.resolve(q) {
        Ok(m) => {
            prop_assert!(len <= MAX_NAME_CHARS, "{len} chars accepted");
            if let Some(m) = m {
                prop_assert!(
                    m.score >= RESOLVER.threshold() && m.score <= 1.0,
                    "score {}",
                    m.score
                );
                prop_assert!(RESOLVER.table().entity(&m.entity.id).is_some());
                // The alignment, worked out here on first read, adds up.
                let paid: f32 = m.alignment.steps().iter().map(|s| s.cost).sum();
                prop_assert!(m.alignment.cost().is_finite());
                prop_assert!((paid - m.alignment.cost()).abs() < 1e-3, "{}", m.alignment);
            }
        }
        Err(Error::TooLong { len: l, max }) => {
            prop_assert_eq!(l, len);
            prop_assert_eq!(max, MAX_NAME_CHARS);
            prop_assert!(len > MAX_NAME_CHARS, "{len} chars rejected");
        }
        Err(e) => prop_assert!(false, "resolve({q:?}) failed: {e}"),
    }
    match RESOLVER.resolve_top(q, 3) {
        Ok(ms) => {
            prop_assert!(ms.len() <= 3);
            // A single answer's search prunes, so it may be another match
            // than the first of three, never a better-scored one.
            let one = RESOLVER.resolve(q).unwrap_or_default();
            prop_assert_eq!(one.is_some(), !ms.is_empty(), "answering {:?}", q);
            if let (Some(one), Some(first)) = (&one, ms.first()) {
                prop_assert!(
                    one.score <= first.score + 1e-5,
                    "{} over {}",
                    one.score,
                    first.score
                );
            }
            for w in ms.windows(2) {
                prop_assert!(w[0].score >= w[1].score, "not best first");
                prop_assert_ne!(&w[0].entity.id, &w[1].entity.id);
            }
        }
        Err(Error::TooLong { .. }) => prop_assert!(len > MAX_NAME_CHARS),
        Err(e) => prop_assert!(false, "resolve_top({q:?}) failed: {e}"),
    }
    Ok(())
}

/// Long queries are slow to score in a debug build: a few, near the limit.
fn long_clean_name() -> impl Strategy<Value = String> {
    prop::collection::vec(clean_name(), 8..30).prop_map(|v| v.join(" "))
}

// The resolver and the clusterer are exercised on fewer cases: each call
// does real work (index lookups, alignments) in a debug build.
proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn resolve_never_panics_on_name_text(q in prop_oneof![30 => clean_name(), 1 => long_clean_name()]) {
        check_resolve(&q)?;
    }

    /// A table's own spelling, queried as written, finds its entity at
    /// score 1 (with any other entity that lists a spelling of the same
    /// form as a tie), in tables that mix Arabic and Latin rows. (Second
    /// readings never reach the exact lookup, so they cannot change this.)
    #[test]
    fn a_table_spelling_finds_its_own_entity(names in prop::collection::vec(clean_name(), 1..8)) {
        let mut tsv = String::from("entity\tname\n");
        let mut rows = Vec::new();
        for (i, n) in names.iter().enumerate() {
            let n = n.replace(['\t', '\n', '\r'], " ");
            if !normalize(&n).is_empty() {
                tsv.push_str(&format!("e{i}\t{n}\n"));
                rows.push((format!("e{i}"), n));
            }
        }
        let t = asmaa::AliasTable::from_tsv_str(&tsv);
        prop_assert!(t.is_ok(), "{tsv:?}: {t:?}");
        if let Ok(t) = t {
            let r = Resolver::builder().builtin(false).table(t).build().unwrap();
            for (e, n) in &rows {
                let m = r.resolve(n).unwrap();
                prop_assert!(m.is_some(), "{n:?} not found");
                let m = m.unwrap();
                prop_assert!(m.score > 0.9999, "{n:?} scored {}", m.score);
                prop_assert!(
                    &m.entity.id == e || m.ties.contains(e),
                    "{n:?} found {} (ties {:?}), not {e}", m.entity.id, m.ties
                );
            }
        }
    }

    #[test]
    fn resolve_never_panics_on_arbitrary_strings(q in prop_oneof![
        12 => mixed_name(),
        1 => name_of(320),
        4 => any::<String>(),
    ]) {
        check_resolve(&q)?;
    }
}

type Grouping = BTreeSet<BTreeSet<String>>;

fn check_clustering(c: &Clusterer, names: &[String]) -> Result<Grouping, TestCaseError> {
    let g = c.cluster(names);
    let mut occurrences: BTreeMap<&str, usize> = BTreeMap::new();
    for n in names {
        *occurrences.entry(n.as_str()).or_default() += 1;
    }
    // Every distinct name in exactly one cluster, with its count.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut grouping = Grouping::new();
    for (i, cl) in g.clusters().enumerate() {
        prop_assert_eq!(cl.id, i);
        prop_assert!(!cl.members.is_empty(), "empty cluster");
        prop_assert!(
            (0.0..=1.0 + 1e-5).contains(&cl.cohesion),
            "cohesion {}",
            cl.cohesion
        );
        let mut set = BTreeSet::new();
        for m in &cl.members {
            let before = seen.insert(m.name.clone(), cl.id);
            prop_assert!(before.is_none(), "{:?} in two clusters", m.name);
            prop_assert_eq!(
                Some(&m.count),
                occurrences.get(m.name.as_str()),
                "count of {:?}",
                m.name
            );
            set.insert(m.name.clone());
        }
        grouping.insert(set);
    }
    prop_assert_eq!(
        seen.len(),
        occurrences.len(),
        "distinct names vs clustered names"
    );
    for n in occurrences.keys() {
        prop_assert!(seen.contains_key(*n), "{n:?} in no cluster");
        let cl = g.cluster_of(n);
        prop_assert!(cl.is_some());
        prop_assert_eq!(cl.map(|c| c.id), seen.get(*n).copied());
    }
    prop_assert_eq!(g.names().len(), occurrences.len());
    prop_assert_eq!(g.is_empty(), names.is_empty());
    Ok(grouping)
}

fn pool() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "غوتيريش",
        "جوتيريس",
        "غوتيريس",
        "حفتر",
        "حفطر",
        "هفتر",
        "خليفة حفتر",
        "القذافي",
        "القذافى",
        "Gaddafi",
        "Qaddafi",
        "بنغازي",
        "Benghazi",
        "السيسي",
    ])
    .prop_map(str::to_string)
}

fn clean_name_list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(prop_oneof![3 => clean_name(), 2 => pool()], 0..14)
}

fn name_list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        prop_oneof![
            12 => mixed_name(),
            8 => pool(),
            // Over the length limit: stays alone.
            1 => prop::collection::vec(any_char(), 257..300).prop_map(|v| v.into_iter().collect()),
        ],
        0..14,
    )
}

fn check_cluster_order(names: &[String], shuffled: &[String]) -> Result<(), TestCaseError> {
    for c in [&*CLUSTERER, &*PLAIN_CLUSTERER] {
        let a = check_clustering(c, names)?;
        let b = check_clustering(c, shuffled)?;
        prop_assert_eq!(a, b, "grouping changed with the input order");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn clustering_partitions_and_ignores_order(
        (names, shuffled) in clean_name_list().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        check_cluster_order(&names, &shuffled)?;
    }

    #[test]
    fn clustering_arbitrary_names_partitions_and_ignores_order(
        (names, shuffled) in name_list().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle()))
    ) {
        check_cluster_order(&names, &shuffled)?;
    }
}

/// A very long input, separately: total, idempotent, and bounded in time.
#[test]
fn huge_input() {
    let unit = "المُشِير خليفة حفتـــر، Khalifa Haftar ٢٠٢٤ ﻻ\u{200F}!? ";
    let mut s = String::new();
    while s.chars().count() < 100_000 {
        s.push_str(unit);
    }
    let s: String = s.chars().take(100_000).collect();
    assert_eq!(s.chars().count(), 100_000);
    let n = normalize(&s);
    assert!(!n.is_empty());
    assert!(
        normalize(n.as_str()).as_str() == n.as_str(),
        "not idempotent"
    );
    let costs = Costs::shipped();
    for c in n.as_str().chars() {
        assert!(allowed_output(c, &costs), "U+{:04X}", c as u32);
    }
    // The distance is computed on a bounded prefix; it must finish and be finite.
    let half: String = s.chars().take(50_000).collect();
    let d = costs.distance(&n, &normalize(&half));
    assert!(d.is_finite());
    assert_eq!(costs.distance(&n, &n), 0.0);
    match RESOLVER.resolve(&s) {
        Err(Error::TooLong { len, max }) => {
            assert_eq!(len, 100_000);
            assert_eq!(max, MAX_NAME_CHARS);
        }
        other => panic!("expected TooLong, got {other:?}"),
    }
    let g = PLAIN_CLUSTERER.cluster([s.as_str(), "حفتر", s.as_str()]);
    assert_eq!(g.len(), 2);
    assert_eq!(g.cluster_of(&s).map(|c| c.members.len()), Some(1));

    // Code points from all over Unicode: total, only allowed letters out,
    // and single spaces (idempotence: `huge_noise_is_idempotent`).
    let n = normalize(&noise());
    let bad = n.as_str().chars().find(|&c| !allowed_output(c, &costs));
    assert_eq!(bad, None);
    assert!(
        !n.as_str().contains("  "),
        "double space in the noise's form"
    );
    let clean = normalize(&without_unstable_latin(&noise()));
    assert!(
        normalize(clean.as_str()).as_str() == clean.as_str(),
        "not idempotent on the noise"
    );
    let marks = "\u{064E}".repeat(100_000);
    assert!(normalize(&marks).is_empty());
}

/// 100,000 code points from all over Unicode.
fn noise() -> String {
    (0..100_000u32)
        .filter_map(|i| char::from_u32((i * 7919) % 0x3_0000))
        .collect()
}

#[test]
fn huge_noise_is_idempotent() {
    let n = normalize(&noise());
    let again = normalize(n.as_str());
    assert!(again.as_str() == n.as_str(), "not idempotent on the noise");
}
