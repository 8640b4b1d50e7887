//! The scanner against the whole shipped table: every place,
//! organisation and person the table spells in Arabic, alone or behind a
//! clitic (و, ب, ل), in one plain sentence, is found as that entity.

#![cfg(feature = "builtin-aliases")]

use std::collections::HashMap;

use asmaa::{AliasTable, Kind, Scanner};

/// `name` behind `clitic`: ل before the article contracts (للرياض).
fn behind(clitic: &str, name: &str) -> String {
    match name.strip_prefix('ا') {
        Some(rest) if clitic == "ل" && name.starts_with("ال") => format!("ل{rest}"),
        _ => format!("{clitic}{name}"),
    }
}

/// Scans one sentence per Arabic spelling of `kinds` in the shipped table
/// (one listed under one entity only), behind each clitic, and fails when
/// more than `most` percent of one clitic's sentences miss the entity.
fn found_behind_each_clitic(kinds: &[Kind], most: usize) {
    let table = AliasTable::builtin();
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for (_, name) in table.spellings() {
        *owners.entry(name).or_default() += 1;
    }
    let names: Vec<(&str, &str)> = table
        .spellings()
        .filter(|&(id, name)| {
            owners[name] == 1
                && name
                    .chars()
                    .next()
                    .is_some_and(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
                && table
                    .entity(id)
                    .is_some_and(|e| e.kind.is_some_and(|k| kinds.contains(&k)))
        })
        .collect();
    assert!(names.len() > 2_000, "{} names", names.len());
    let scanner = Scanner::new();
    for clitic in ["", "و", "ب", "ل"] {
        // One sentence per line; a mention's line is found by its start.
        let mut text = String::new();
        let mut starts = Vec::with_capacity(names.len());
        for (_, name) in &names {
            starts.push(text.chars().count());
            text.push_str(&format!("تحدث التقرير عن {} أمس.\n", behind(clitic, name)));
        }
        let scan = scanner.scan(&text);
        let mut found = vec![false; names.len()];
        for m in scan.mentions() {
            let line = starts.partition_point(|&s| s <= m.start) - 1;
            if m.entity.as_ref().is_some_and(|e| e.id == names[line].0) {
                found[line] = true;
            }
        }
        let missed: Vec<String> = names
            .iter()
            .zip(&found)
            .filter(|(_, f)| !**f)
            .map(|((_, n), _)| behind(clitic, n))
            .collect();
        assert!(
            missed.len() * 100 <= names.len() * most,
            "clitic {clitic:?}: {} of {} missed: {missed:?}",
            missed.len(),
            names.len()
        );
    }
}

#[test]
fn table_places_and_organisations_are_found_behind_each_clitic() {
    // (Misses, 28 to 33 of 3,038 for each clitic, are mostly names that
    // are everyday words, which need a cue: مشهد, العقبة, تدمر, فتح.)
    found_behind_each_clitic(&[Kind::Place, Kind::Org], 2);
}

#[test]
fn table_people_are_found_behind_each_clitic() {
    // (Misses, 5 to 22 of 2,812 for each clitic, are mostly ب before a
    // kunya written without its hamza, بابو, which may be Babu.)
    found_behind_each_clitic(&[Kind::Person], 1);
}
