//! Normalisation rules, driven by `tests/data/normalize.tsv`, and the
//! part/prefix API.
//!
//! The TSV has the header `input<TAB>expected<TAB>rule`; invisible characters
//! are written as `\u{XXXX}` escapes. Every failing row is reported, each with
//! the code points of its input, expected and actual output.

use asmaa::{Name, normalize};

const CASES: &str = include_str!("data/normalize.tsv");

/// Replaces `\u{XXXX}` escapes (and `\\`) with the characters they name.
fn unescape(s: &str, line: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('\\') {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos + 1..];
        if let Some(t) = tail.strip_prefix('\\') {
            out.push('\\');
            rest = t;
            continue;
        }
        let body = tail
            .strip_prefix("u{")
            .unwrap_or_else(|| panic!("normalize.tsv line {line}: bad escape in {s:?}"));
        let end = body
            .find('}')
            .unwrap_or_else(|| panic!("normalize.tsv line {line}: unterminated escape in {s:?}"));
        let code = u32::from_str_radix(&body[..end], 16)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or_else(|| panic!("normalize.tsv line {line}: bad code point in {s:?}"));
        out.push(code);
        rest = &body[end + 1..];
    }
    out.push_str(rest);
    out
}

fn code_points(s: &str) -> String {
    if s.is_empty() {
        return "(empty)".to_string();
    }
    s.chars()
        .map(|c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(" ")
}

struct Case {
    line: usize,
    input: String,
    expected: String,
    rule: String,
}

fn cases() -> Vec<Case> {
    let mut lines = CASES.lines().enumerate();
    let (_, header) = lines.next().expect("normalize.tsv has a header");
    assert_eq!(header, "input\texpected\trule", "normalize.tsv header");
    let mut out = Vec::new();
    for (i, raw) in lines {
        let line = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        assert_eq!(
            fields.len(),
            3,
            "normalize.tsv line {line}: expected 3 fields, found {}",
            fields.len()
        );
        out.push(Case {
            line,
            input: unescape(fields[0], line),
            expected: unescape(fields[1], line),
            rule: fields[2].to_string(),
        });
    }
    out
}

#[test]
fn tsv_cases_cover_every_rule() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    for needle in [
        "nfkc",
        "bom",
        "mark U+064B",
        "mark U+065F",
        "mark U+0670",
        "mark U+06D6",
        "mark U+06ED",
        "tatweel",
        "control U+200B",
        "control U+202A",
        "control U+2066",
        "control U+061C",
        "fold",
        "digits",
        "keep",
        "separates",
        "latin",
        "compound",
        "ابن",
    ] {
        assert!(
            cases.iter().any(|c| c.rule.contains(needle)),
            "no normalize.tsv row for rule {needle:?}"
        );
    }
}

#[test]
fn tsv_cases() {
    let mut failures = Vec::new();
    let cases = cases();
    for c in &cases {
        let actual = normalize(&c.input);
        if actual.as_str() != c.expected {
            failures.push(format!(
                "line {} [{}]\n    input    {:?} = {}\n    expected {:?} = {}\n    actual   {:?} = {}",
                c.line,
                c.rule,
                c.input,
                code_points(&c.input),
                c.expected,
                code_points(&c.expected),
                actual.as_str(),
                code_points(actual.as_str()),
            ));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} normalize.tsv rows failed (listed above)",
        failures.len(),
        cases.len()
    );
}

#[test]
fn tsv_expected_forms_are_fixed_points() {
    // Each expected output is already normal: normalising it changes nothing.
    let mut failures = Vec::new();
    for c in cases() {
        let again = normalize(&c.expected);
        if again.as_str() != c.expected {
            failures.push(format!(
                "line {} [{}]: {:?} -> {:?} ({} -> {})",
                c.line,
                c.rule,
                c.expected,
                again.as_str(),
                code_points(&c.expected),
                code_points(again.as_str())
            ));
        }
    }
    for f in &failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} rows not idempotent",
        failures.len()
    );
}

#[test]
fn latin_letters_outside_the_folded_ranges() {
    let mut failures = Vec::new();
    for (input, expected) in [
        ("\u{212B}ngstr\u{F6}m", "angstrom"),
        ("\u{212B}", "a"),
        ("STRA\u{1E9E}E", "strasse"),
        ("\u{1E9E}", "ss"),
        ("\u{212A}elvin", "kelvin"),
    ] {
        let actual = normalize(input);
        if actual.as_str() != expected {
            failures.push(format!(
                "{input:?} = {}: expected {expected:?}, got {:?} = {}",
                code_points(input),
                actual.as_str(),
                code_points(actual.as_str())
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn name_new_equals_normalize() {
    for s in ["المُشِير خليفة حفتـــر", "Haftar", "", "!!!"] {
        assert_eq!(Name::new(s), normalize(s));
        assert_eq!(normalize(s).to_string(), normalize(s).as_str());
        assert_eq!(AsRef::<str>::as_ref(&normalize(s)), normalize(s).as_str());
    }
}

#[test]
fn empty_names() {
    for s in ["", "   ", "!!!", "\u{064E}\u{0640}\u{200F}", "-.-"] {
        let n = normalize(s);
        assert!(n.is_empty(), "{s:?} -> {:?}", n.as_str());
        assert_eq!(n.len(), 0);
        assert!(n.parts().is_empty());
    }
    assert!(!normalize("حفتر").is_empty());
}

#[test]
fn parts_are_split_on_spaces() {
    let n = normalize("المُشِير خليفة حفتـــر");
    assert_eq!(n.as_str(), "المشير خليفه حفتر");
    let parts: Vec<&str> = n.parts().iter().map(|p| p.as_str()).collect();
    assert_eq!(parts, ["المشير", "خليفه", "حفتر"]);
    let cores: Vec<&str> = n.parts().iter().map(|p| p.core()).collect();
    assert_eq!(cores, ["مشير", "خليفه", "حفتر"]);
    assert_eq!(n.core(), "مشير خليفه حفتر");
    // len counts chars of the comparison form, spaces included.
    assert_eq!(n.len(), n.as_str().chars().count());
}

#[test]
fn article_is_recorded_as_removable() {
    let n = normalize("البرادعي");
    assert_eq!(n.as_str(), "البرادعي", "the article stays in the text");
    let p = &n.parts()[0];
    assert_eq!(p.as_str(), "البرادعي");
    assert_eq!(p.core(), "برادعي");
    assert_eq!(p.prefix(), "ال");
    assert!(p.has_article());
    assert_eq!(p.clitic(), None);
    assert_eq!(n.core(), "برادعي");
}

#[test]
fn clitic_with_article() {
    let n = normalize("والقذافي");
    let p = &n.parts()[0];
    assert_eq!(n.as_str(), "والقذافي");
    assert_eq!(p.core(), "قذافي");
    assert_eq!(p.prefix(), "وال");
    assert!(p.has_article());
    assert_eq!(p.clitic(), Some('و'));

    let n = normalize("للقذافي");
    let p = &n.parts()[0];
    assert_eq!(p.core(), "قذافي");
    assert_eq!(p.prefix(), "لل");
    assert!(p.has_article());
    assert_eq!(p.clitic(), Some('ل'));

    for (word, clitic) in [("بالقذافي", 'ب'), ("فالقذافي", 'ف'), ("كالقذافي", 'ك')]
    {
        let n = normalize(word);
        let p = &n.parts()[0];
        assert_eq!(p.core(), "قذافي", "{word}");
        assert_eq!(p.clitic(), Some(clitic), "{word}");
        assert!(p.has_article(), "{word}");
    }
}

#[test]
fn bare_clitic() {
    let n = normalize("وبنغازي");
    let p = &n.parts()[0];
    assert_eq!(n.as_str(), "وبنغازي");
    assert_eq!(p.core(), "بنغازي");
    assert_eq!(p.prefix(), "و");
    assert_eq!(p.clitic(), Some('و'));
    assert!(!p.has_article());
    assert_eq!(n.core(), "بنغازي");
}

#[test]
fn words_that_only_look_prefixed_are_not_mangled() {
    for word in ["الله", "بلال", "وليد", "فالح", "الي"] {
        let n = normalize(word);
        let p = &n.parts()[0];
        assert_eq!(p.prefix(), "", "{word}: prefix");
        assert_eq!(p.core(), word, "{word}: core");
        assert!(!p.has_article(), "{word}: article");
        assert_eq!(p.clitic(), None, "{word}: clitic");
        assert_eq!(n.core(), word);
    }
    // The article is split off البرادعي but the name itself is intact.
    assert_eq!(normalize("البرادعي").as_str(), "البرادعي");
    // A compound keeps its head.
    let n = normalize("عبد الله");
    assert_eq!(n.parts().len(), 1);
    assert_eq!(n.parts()[0].prefix(), "");
    assert_eq!(n.parts()[0].core(), "عبدالله");
    let n = normalize("أبو بكر");
    assert_eq!(n.parts()[0].prefix(), "");
    assert_eq!(n.parts()[0].core(), "ابوبكر");
}

#[test]
fn latin_parts_have_no_prefix() {
    let n = normalize("Al-Qaddafi wal Bilal");
    for p in n.parts() {
        assert_eq!(p.prefix(), "", "{}", p.as_str());
        assert!(!p.has_article());
        assert_eq!(p.clitic(), None);
        assert!(p.is_latin());
    }
    assert!(n.is_latin());
    assert!(!normalize("القذافي").is_latin());
}
