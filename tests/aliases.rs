//! The shipped alias table, loading user tables (and their errors), and the
//! resolver behaviours users rely on.
#![cfg(feature = "builtin-aliases")]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

use asmaa::{AliasTable, Clusterer, DataError, Error, Kind, Resolver, Script};

const ALIASES: &str = include_str!("../data/aliases.tsv");

static RESOLVER: LazyLock<Resolver> = LazyLock::new(Resolver::new);

/// One row of `data/aliases.tsv`, parsed independently of the crate.
#[derive(Debug)]
struct RawRow {
    line: usize,
    entity: String,
    name: String,
    script: String,
    kind: String,
    canonical: bool,
    ambiguous: bool,
}

fn raw_rows() -> Vec<RawRow> {
    let mut lines = ALIASES.lines().enumerate();
    let (_, header) = lines.next().expect("aliases.tsv has a header");
    let header: Vec<&str> = header.trim_start_matches('\u{FEFF}').split('\t').collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .unwrap_or_else(|| panic!("aliases.tsv lacks column {name}"))
    };
    let (ce, cn, cs, ck, cc, ca) = (
        col("entity"),
        col("name"),
        col("script"),
        col("kind"),
        col("canonical"),
        col("ambiguous"),
    );
    let mut rows = Vec::new();
    for (i, line) in lines {
        let line_no = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            header.len(),
            "aliases.tsv line {line_no}: field count"
        );
        rows.push(RawRow {
            line: line_no,
            entity: f[ce].trim().to_string(),
            name: f[cn].trim().to_string(),
            script: f[cs].trim().to_string(),
            kind: f[ck].trim().to_string(),
            canonical: f[cc].trim() == "1",
            ambiguous: f[ca].trim() == "1",
        });
    }
    rows
}

fn report(what: &str, failures: &[String]) {
    for f in failures {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{} {what} (listed above)",
        failures.len()
    );
}

// ---------------------------------------------------------------------------
// The shipped table.

#[test]
fn builtin_table_parses() {
    let t = AliasTable::builtin();
    let raw = raw_rows();
    assert!(!t.is_empty());
    assert_eq!(
        t.len(),
        raw.len(),
        "every row of data/aliases.tsv is loaded"
    );
    let ids: BTreeSet<&str> = raw.iter().map(|r| r.entity.as_str()).collect();
    assert_eq!(t.entities().len(), ids.len());
    for (got, want) in t.spellings().zip(raw.iter()) {
        assert_eq!(
            got,
            (want.entity.as_str(), want.name.as_str()),
            "line {}",
            want.line
        );
    }
    for id in ids {
        assert!(t.entity(id).is_some(), "{id}");
    }
    // The raw columns hold only documented values.
    let mut failures = Vec::new();
    for r in &raw {
        if !matches!(r.script.as_str(), "arab" | "latn") {
            failures.push(format!("line {}: script {:?}", r.line, r.script));
        }
        if !matches!(r.kind.as_str(), "person" | "place" | "org" | "other") {
            failures.push(format!("line {}: kind {:?}", r.line, r.kind));
        }
        let guessed = match Script::of(&r.name) {
            Script::Arabic => "arab",
            Script::Latin => "latn",
        };
        if guessed != r.script {
            failures.push(format!(
                "line {}: {:?} is marked {} but looks {guessed}",
                r.line, r.name, r.script
            ));
        }
    }
    report("bad column values", &failures);
}

#[test]
fn builtin_entities_carry_their_kind_and_canonicals() {
    let t = AliasTable::builtin();
    let e = t.entity("khalifa-haftar").expect("khalifa-haftar");
    assert_eq!(e.kind, Some(Kind::Person));
    assert_eq!(e.canonical_arabic.as_deref(), Some("خليفة حفتر"));
    assert_eq!(e.canonical_latin.as_deref(), Some("Khalifa Haftar"));
    assert_eq!(e.canonical(), "خليفة حفتر");
    assert_eq!(
        t.entity("benghazi").map(|e| e.kind),
        Some(Some(Kind::Place))
    );
    assert!(t.entity("no-such-entity").is_none());
}

#[test]
fn builtin_has_no_duplicate_rows() {
    let t = AliasTable::builtin();
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    let mut failures = Vec::new();
    for (i, (entity, name)) in t.spellings().enumerate() {
        if let Some(first) = seen.insert((entity, name), i) {
            failures.push(format!(
                "({entity}, {name:?}) at rows {} and {}",
                first + 1,
                i + 1
            ));
        }
    }
    report("duplicate (entity, name) rows", &failures);
}

#[test]
fn builtin_shared_spellings_are_marked_ambiguous() {
    let mut by_name: BTreeMap<&str, Vec<&RawRow>> = BTreeMap::new();
    let raw = raw_rows();
    for r in &raw {
        by_name.entry(r.name.as_str()).or_default().push(r);
    }
    let mut failures = Vec::new();
    for (name, rows) in by_name {
        let entities: BTreeSet<&str> = rows.iter().map(|r| r.entity.as_str()).collect();
        if entities.len() > 1 {
            for r in rows.iter().filter(|r| !r.ambiguous) {
                failures.push(format!(
                    "line {}: {name:?} of {} is shared by {entities:?} but not marked ambiguous",
                    r.line, r.entity
                ));
            }
        }
    }
    report("shared spellings not marked ambiguous", &failures);
}

#[test]
fn builtin_has_one_canonical_per_entity_and_script() {
    let mut count: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let raw = raw_rows();
    for r in &raw {
        *count
            .entry((r.entity.as_str(), r.script.as_str()))
            .or_default() += usize::from(r.canonical);
    }
    let failures: Vec<String> = count
        .iter()
        .filter(|&(_, &n)| n != 1)
        .map(|((e, s), n)| format!("{e} has {n} canonical {s} rows"))
        .collect();
    report(
        "entity/script pairs without exactly one canonical row",
        &failures,
    );

    // The loaded entities agree with the canonical column.
    let t = AliasTable::builtin();
    let mut failures = Vec::new();
    for r in raw.iter().filter(|r| r.canonical) {
        let e = t.entity(&r.entity).expect("entity loaded");
        let got = if r.script == "arab" {
            &e.canonical_arabic
        } else {
            &e.canonical_latin
        };
        if got.as_deref() != Some(r.name.as_str()) {
            failures.push(format!(
                "{}: canonical {} is {got:?}, table says {:?}",
                r.entity, r.script, r.name
            ));
        }
    }
    report("canonical spellings not loaded as canonical", &failures);
}

#[test]
fn every_canonical_arabic_spelling_resolves_to_its_entity() {
    let mut failures = Vec::new();
    let raw = raw_rows();
    let mut checked = 0;
    for r in raw.iter().filter(|r| r.canonical && r.script == "arab") {
        checked += 1;
        match RESOLVER.resolve(&r.name) {
            Ok(Some(m)) if m.entity.id == r.entity && m.score == 1.0 => {}
            Ok(Some(m)) => failures.push(format!(
                "line {}: {:?} ({}) -> {} via {:?}, score {}, ties {:?}",
                r.line, r.name, r.entity, m.entity.id, m.matched, m.score, m.ties
            )),
            Ok(None) => failures.push(format!(
                "line {}: {:?} ({}) -> abstained",
                r.line, r.name, r.entity
            )),
            Err(e) => failures.push(format!(
                "line {}: {:?} ({}) -> error {e}",
                r.line, r.name, r.entity
            )),
        }
    }
    assert!(checked > 100, "only {checked} canonical Arabic spellings");
    report(
        "canonical Arabic spellings that do not resolve to themselves",
        &failures,
    );
}

// ---------------------------------------------------------------------------
// Loading errors.

/// Unpacks a data error, checking that its message names line and column.
fn data_error(e: Error) -> (usize, usize, DataError) {
    let msg = e.to_string();
    match e {
        Error::Data {
            origin,
            line,
            column,
            reason,
        } => {
            let prefix = format!("{origin}:{line}:{column}: ");
            assert!(
                msg.starts_with(&prefix),
                "{msg:?} does not start with {prefix:?}"
            );
            assert!(
                msg.ends_with(&reason.to_string()),
                "{msg:?} lacks the reason"
            );
            (line, column, reason)
        }
        other => panic!("expected Error::Data, got {other:?}"),
    }
}

#[test]
fn missing_name_column() {
    let e = AliasTable::from_tsv_str("entity\tspelling\nq1\tحفتر\n").unwrap_err();
    assert!(e.to_string().starts_with("<str>:1:"), "{e}");
    let (line, _column, reason) = data_error(e);
    assert_eq!(line, 1);
    assert_eq!(reason, DataError::MissingColumn("name"));

    let e = AliasTable::from_tsv_str("name\nحفتر\n").unwrap_err();
    let (line, _, reason) = data_error(e);
    assert_eq!(line, 1);
    assert_eq!(reason, DataError::MissingColumn("entity"));
}

#[test]
fn empty_field() {
    let e = AliasTable::from_tsv_str("entity\tname\nq1\t\n").unwrap_err();
    assert_eq!(e.to_string(), "<str>:2:2: empty field `name`");
    assert_eq!(data_error(e), (2, 2, DataError::EmptyField("name")));

    let e = AliasTable::from_tsv_str("entity\tname\nq1\tحفتر\n \tحفتر\n").unwrap_err();
    assert_eq!(data_error(e), (3, 1, DataError::EmptyField("entity")));
}

#[test]
fn wrong_number_of_fields() {
    let e = AliasTable::from_tsv_str("entity\tname\nq1\tحفتر\textra\n").unwrap_err();
    let (line, column, reason) = data_error(e);
    assert_eq!(line, 2);
    assert!(column >= 1);
    assert_eq!(
        reason,
        DataError::FieldCount {
            expected: 2,
            found: 3
        }
    );

    let e = AliasTable::from_tsv_str("entity\tname\nq1\tحفتر\nq2\n").unwrap_err();
    let (line, column, reason) = data_error(e);
    assert_eq!((line, column), (3, 2));
    assert_eq!(
        reason,
        DataError::FieldCount {
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn invalid_utf8() {
    let bytes: &[u8] = b"entity\tname\nq1\t\xd8\xad\xff\xfe\n";
    let e = AliasTable::from_reader(bytes, "bytes.tsv").unwrap_err();
    assert_eq!(e.to_string(), "bytes.tsv:2:2: invalid UTF-8");
    assert_eq!(data_error(e), (2, 2, DataError::InvalidUtf8));
}

#[test]
fn spelling_that_normalises_to_nothing() {
    let e = AliasTable::from_tsv_str("entity\tname\nq1\tحفتر\nq2\t!!!\n").unwrap_err();
    let (line, column, reason) = data_error(e);
    assert_eq!((line, column), (3, 2));
    assert_eq!(reason, DataError::EmptyName("!!!".to_string()));

    // Only harakat and tatweel: nothing left either.
    let e = AliasTable::from_tsv_str("entity\tname\nq1\t\u{064E}\u{0640}\n").unwrap_err();
    assert!(matches!(data_error(e), (2, 2, DataError::EmptyName(_))));
}

#[test]
fn a_spelling_of_particles_alone_is_found_as_written() {
    // آل ("the family of") is a particle: it loads, and the exact spelling
    // finds it (found by the property a_table_spelling_finds_its_own_entity).
    let t = AliasTable::from_tsv_str("entity\tname\nq1\tآل\nq2\tحفتر\n").unwrap();
    let r = Resolver::builder().builtin(false).table(t).build().unwrap();
    let m = r.resolve("آل").unwrap().expect("found");
    assert_eq!((m.entity.id.as_str(), m.score), ("q1", 1.0));
}

#[test]
fn bad_script_value() {
    let e = AliasTable::from_tsv_str("entity\tname\tscript\nq1\tحفتر\tcyrl\n").unwrap_err();
    let (line, column, reason) = data_error(e);
    assert_eq!((line, column), (2, 3));
    assert!(
        matches!(reason, DataError::BadValue { column: "script", ref value, .. } if value == "cyrl"),
        "{reason:?}"
    );
}

#[test]
fn bad_kind_and_flag_values() {
    let e = AliasTable::from_tsv_str("entity\tname\tkind\nq1\tحفتر\tgod\n").unwrap_err();
    assert!(matches!(
        data_error(e),
        (2, 3, DataError::BadValue { column: "kind", .. })
    ));
    let e = AliasTable::from_tsv_str("entity\tname\tcanonical\nq1\tحفتر\tyes\n").unwrap_err();
    assert!(matches!(
        data_error(e),
        (
            2,
            3,
            DataError::BadValue {
                column: "canonical",
                ..
            }
        )
    ));
    let e = AliasTable::from_tsv_str("entity\tname\tambiguous\nq1\tحفتر\t2\n").unwrap_err();
    assert!(matches!(
        data_error(e),
        (
            2,
            3,
            DataError::BadValue {
                column: "ambiguous",
                ..
            }
        )
    ));
}

#[test]
fn header_only_loads_empty() {
    let t = AliasTable::from_tsv_str("entity\tname\n").unwrap();
    assert!(t.is_empty());
    assert_eq!(t.len(), 0);
    assert!(t.entities().is_empty());
    let t = AliasTable::from_tsv_str("entity\tname\tscript\tkind\tcanonical\tambiguous").unwrap();
    assert!(t.is_empty());
    // Nothing at all is an error: no header.
    let e = AliasTable::from_tsv_str("").unwrap_err();
    assert_eq!(data_error(e).2, DataError::NoHeader);
}

#[test]
fn bom_and_crlf_load() {
    let t = AliasTable::from_tsv_str(
        "\u{FEFF}entity\tname\tkind\r\nhaftar\tحفتر\tperson\r\n\r\nhaftar\tHaftar\tperson\r\n",
    )
    .unwrap();
    let rows: Vec<(&str, &str)> = t.spellings().collect();
    assert_eq!(rows, [("haftar", "حفتر"), ("haftar", "Haftar")]);
    let e = t.entity("haftar").expect("id without BOM or CR");
    assert_eq!(e.kind, Some(Kind::Person));
    assert_eq!(e.canonical_arabic.as_deref(), Some("حفتر"));
    assert_eq!(e.canonical_latin.as_deref(), Some("Haftar"));
}

#[test]
fn other_columns_are_ignored_and_order_is_free() {
    let t = AliasTable::from_tsv_str("note\tname\tentity\nwhatever\tحفتر\tq1\n").unwrap();
    assert_eq!(t.spellings().collect::<Vec<_>>(), [("q1", "حفتر")]);
}

#[test]
fn missing_file_is_an_io_error() {
    let path = std::env::temp_dir().join("asmaa-tests-no-such-dir/aliases.tsv");
    let e = AliasTable::from_path(&path).unwrap_err();
    assert!(matches!(e, Error::Io { .. }), "{e:?}");
    assert!(e.to_string().contains("aliases.tsv"), "{e}");
    assert!(
        std::error::Error::source(&e).is_some(),
        "the io::Error is chained"
    );
}

#[test]
fn from_path_reads_a_file() {
    let dir = std::env::temp_dir().join(format!("asmaa-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("aliases.tsv");
    std::fs::write(&path, "entity\tname\nq1\tحفتر\nq1\tHaftar\n").unwrap();
    let t = AliasTable::from_path(&path).unwrap();
    assert_eq!(t.len(), 2);
    // Errors name the file.
    std::fs::write(&path, "entity\tname\nq1\t\n").unwrap();
    let e = AliasTable::from_path(&path).unwrap_err();
    assert!(
        e.to_string()
            .starts_with(&format!("{}:2:2:", path.display())),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn homonyms_load_and_resolve_as_a_tie() {
    let t =
        AliasTable::from_tsv_str("entity\tname\nali-1\tمحمد علي\nali-2\tمحمد علي\nother\tحفتر\n")
            .unwrap();
    assert_eq!(t.len(), 3);
    assert_eq!(t.entities().len(), 3);
    let r = Resolver::builder().builtin(false).table(t).build().unwrap();
    let top = r.resolve_top("محمد علي", 5).unwrap();
    assert_eq!(top.len(), 2, "{top:?}");
    let ids: BTreeSet<&str> = top.iter().map(|m| m.entity.id.as_str()).collect();
    assert_eq!(ids, BTreeSet::from(["ali-1", "ali-2"]));
    for m in &top {
        assert_eq!(m.score, 1.0);
        let other = if m.entity.id == "ali-1" {
            "ali-2"
        } else {
            "ali-1"
        };
        assert_eq!(m.ties, [other], "{m:?}");
    }
    let m = r.resolve("محمد علي").unwrap().expect("resolves");
    assert_eq!(m.ties.len(), 1);
    assert!(m.ties[0] != m.entity.id);
    // A unique match has no ties.
    let m = r.resolve("حفتر").unwrap().expect("resolves");
    assert_eq!(m.entity.id, "other");
    assert!(m.ties.is_empty());
}

#[test]
fn of_entities_that_tie_the_one_spelled_more_ways_comes_first() {
    // Table order does not decide: ali-2, listed second, has two
    // spellings, so the table knows it better.
    let t = AliasTable::from_tsv_str(
        "entity\tname\nali-1\tمحمد علي\nali-2\tمحمد علي\nali-2\tمحمد علي باشا\n",
    )
    .unwrap();
    let r = Resolver::builder().builtin(false).table(t).build().unwrap();
    let m = r.resolve("محمد علي").unwrap().expect("resolves");
    assert_eq!(
        (m.entity.id.as_str(), m.ties.as_slice()),
        ("ali-2", &["ali-1".to_string()][..])
    );
    let top = r.resolve_top("محمد علي", 2).unwrap();
    let ids: Vec<&str> = top.iter().map(|m| m.entity.id.as_str()).collect();
    assert_eq!(ids, ["ali-2", "ali-1"]);
}

#[test]
fn merging_tables() {
    let mut a = AliasTable::from_tsv_str("entity\tname\nhaftar\tحفتر\n").unwrap();
    let b = AliasTable::from_tsv_str(
        "entity\tname\tkind\nhaftar\tهفتر\tperson\nsisi\tالسيسي\tperson\nhaftar\tHaftar\tperson\n",
    )
    .unwrap();
    a.merge(b);
    assert_eq!(a.len(), 4);
    assert_eq!(a.entities().len(), 2);
    let h = a.entity("haftar").unwrap();
    assert_eq!(
        h.canonical_arabic.as_deref(),
        Some("حفتر"),
        "the first table's canonical is kept"
    );
    assert_eq!(
        h.canonical_latin.as_deref(),
        Some("Haftar"),
        "a missing one is filled"
    );
    assert_eq!(h.kind, Some(Kind::Person));
    let rows: Vec<(&str, &str)> = a.spellings().collect();
    assert_eq!(
        rows,
        [
            ("haftar", "حفتر"),
            ("haftar", "هفتر"),
            ("sisi", "السيسي"),
            ("haftar", "Haftar")
        ]
    );
    // Merging into an empty table gives the same rows.
    let mut empty = AliasTable::new();
    empty.merge(a.clone());
    assert_eq!(empty.spellings().collect::<Vec<_>>(), rows);

    // A resolver over several tables merges them.
    let r = Resolver::builder()
        .builtin(false)
        .table(AliasTable::from_tsv_str("entity\tname\nq1\tحفتر\n").unwrap())
        .table(AliasTable::from_tsv_str("entity\tname\nq2\tغوتيريش\n").unwrap())
        .build()
        .unwrap();
    assert_eq!(r.table().len(), 2);
    assert_eq!(r.resolve("حفتر").unwrap().unwrap().entity.id, "q1");
    assert_eq!(r.resolve("غوتيريس").unwrap().unwrap().entity.id, "q2");
}

#[test]
fn user_table_on_top_of_the_builtin() {
    let t = AliasTable::from_tsv_str("entity\tname\nmy-person\tزيد بن عمرو الكذا\n").unwrap();
    let r = Resolver::builder().table(t).build().unwrap();
    assert_eq!(r.table().len(), AliasTable::builtin().len() + 1);
    assert_eq!(
        r.resolve("زيد بن عمرو الكذا").unwrap().unwrap().entity.id,
        "my-person"
    );
    assert_eq!(
        r.resolve("خليفة حفتر").unwrap().unwrap().entity.id,
        "khalifa-haftar"
    );
}

// ---------------------------------------------------------------------------
// Resolver behaviours.

fn resolved(q: &str) -> Option<String> {
    RESOLVER
        .resolve(q)
        .unwrap_or_else(|e| panic!("resolve({q:?}): {e}"))
        .map(|m| m.entity.id)
}

fn check_all(cases: &[(&str, Option<&str>)]) {
    let mut failures = Vec::new();
    for &(q, want) in cases {
        let got = resolved(q);
        if got.as_deref() != want {
            let top = RESOLVER.resolve_top(q, 3).unwrap_or_default();
            let top: Vec<String> = top
                .iter()
                .map(|m| format!("{} {:.3} via {:?}", m.entity.id, m.score, m.matched))
                .collect();
            failures.push(format!(
                "{q:?}: expected {want:?}, got {got:?}; top 3: {top:?}"
            ));
        }
    }
    report("queries resolved wrongly", &failures);
}

#[test]
fn titled_given_names_answer_the_person_news_means() {
    // A title and a given name that several table people share
    // (tests/data/titled_given_names.tsv: each has one referent a reader
    // of Arabic news takes first).
    let tsv = include_str!("data/titled_given_names.tsv");
    let cases: Vec<(&str, Option<&str>)> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(q, e)| (q, Some(e)))
        .collect();
    assert!(cases.len() >= 19);
    check_all(&cases);
}

#[test]
fn haftar_resolves() {
    check_all(&[
        ("خليفة حفتر", Some("khalifa-haftar")),
        ("حفتر", Some("khalifa-haftar")),
        ("المشير خليفة بلقاسم حفتر", Some("khalifa-haftar")),
        ("Haftar", Some("khalifa-haftar")),
    ]);
}

#[test]
fn hifter_alone_resolves() {
    // The table lists only "Khalifa Hifter"; the family name alone must find it.
    check_all(&[("Hifter", Some("khalifa-haftar"))]);
}

#[test]
fn mohammed_bin_salman_is_not_his_father() {
    check_all(&[("محمد بن سلمان", Some("mohammed-bin-salman"))]);
    let top = RESOLVER.resolve_top("محمد بن سلمان", 5).unwrap();
    assert_eq!(top[0].entity.id, "mohammed-bin-salman");
    assert_eq!(top[0].score, 1.0);
    assert!(top[0].ties.is_empty(), "{:?}", top[0].ties);
    for m in &top[1..] {
        assert!(m.score < top[0].score, "{} ties with MBS", m.entity.id);
    }
}

#[test]
fn a_title_and_a_given_name_find_the_person() {
    // News names rulers by title and given name; the table has their full
    // names, nasab and all. (Before, the first three went to تمام سلام,
    // قابس and a son of Zayed.)
    check_all(&[
        ("الشيخ تميم", Some("tamim-bin-hamad-al-thani")),
        ("السلطان قابوس", Some("qaboos-bin-said")),
        ("الشيخ زايد", Some("zayed-bin-sultan-al-nahyan")),
        ("الرئيس قيس", Some("kais-saied")),
        // In Latin script too.
        ("Sheikh Tamim", Some("tamim-bin-hamad-al-thani")),
        ("Emir Tamim", Some("tamim-bin-hamad-al-thani")),
        ("Sultan Qaboos", Some("qaboos-bin-said")),
    ]);
    // A title word that is also a given name, before بن, is the name.
    check_all(&[
        ("الأمير سلطان بن عبد العزيز", Some("sultan-bin-abdulaziz")),
        ("Prince Sultan bin Abdulaziz", Some("sultan-bin-abdulaziz")),
        ("Sultan bin Abdelaziz", Some("sultan-bin-abdulaziz")),
    ]);
    // The particle a titled query leaves out costs nothing: the full name
    // less بن is a full match.
    let m = RESOLVER
        .resolve("الشيخ تميم حمد")
        .unwrap()
        .expect("answered");
    assert_eq!(m.entity.id, "tamim-bin-hamad-al-thani");
    assert_eq!(m.score, 1.0);
    // A given name several people share resolves with the others as ties,
    // never to a son who has it as his father's name: first to one who
    // holds a role of the title (data/roles.tsv), then to the one the
    // table spells more ways.
    let tie = |q: &str, first: &str, other: &str| {
        let m = RESOLVER.resolve(q).unwrap().expect("answered");
        assert_eq!(m.entity.id, first, "{q}: ties {:?}", m.ties);
        assert!(m.ties.iter().any(|t| t == other), "{q}: ties {:?}", m.ties);
        assert!(!m.ties.iter().any(|t| t == "mohammed-bin-salman"), "{q}");
    };
    // A president before a militia leader, a field marshal before two
    // Gulf rulers.
    tie("الرئيس قيس", "kais-saied", "qais-al-khazali");
    tie(
        "المشير خليفة",
        "khalifa-haftar",
        "khalifa-bin-zayed-al-nahyan",
    );
    // السيد is an honorific, of no role: the table's better-known Hassan.
    tie("السيد حسن", "hassan-nasrallah", "jafar-hassan");
    tie(
        "الأمير سلمان",
        "salman-bin-abdulaziz",
        "salman-bin-hamad-al-khalifa",
    );
}

#[test]
fn a_title_and_a_given_name_cluster_with_the_person() {
    // The clusterer anchors a spelling that lost a title as the resolver
    // reads it: الشيخ تميم joins تميم بن حمد under Tamim bin Hamad; الملك
    // سلمان, a name several rulers share, gets no entity.
    let c = Clusterer::new().cluster(["الشيخ تميم", "تميم بن حمد", "الملك سلمان"]);
    let tamim = c.cluster_of("الشيخ تميم").expect("clustered");
    assert_eq!(
        tamim.entity.as_ref().map(|e| e.id.as_str()),
        Some("tamim-bin-hamad-al-thani")
    );
    assert_eq!(c.cluster_of("تميم بن حمد").map(|x| x.id), Some(tamim.id));
    let salman = c.cluster_of("الملك سلمان").expect("clustered");
    assert!(salman.entity.is_none(), "{:?}", salman.entity);
}

#[test]
fn a_name_alone_is_not_the_son_of_its_bearer() {
    // The father's row and the son's have as many parts: before the rule,
    // the two tied. (A low threshold: in a table this small, زايد is a
    // common part, and a part alone scores low.)
    let t = AliasTable::from_tsv_str(
        "entity\tname\n\
         mbz\tمحمد بن زايد آل نهيان\n\
         zayed\tزايد بن سلطان آل نهيان\n",
    )
    .unwrap();
    let r = Resolver::builder()
        .builtin(false)
        .table(t)
        .threshold(0.5)
        .build()
        .unwrap();
    let m = r.resolve("زايد").unwrap().expect("answered");
    assert_eq!(m.entity.id, "zayed");
    assert!(m.ties.is_empty(), "{:?}", m.ties);
    let id = |q: &str| r.resolve(q).unwrap().map(|m| m.entity.id);
    // With the particle, the query names the son.
    assert_eq!(id("بن زايد").as_deref(), Some("mbz"));
    assert_eq!(id("محمد زايد").as_deref(), Some("mbz"));
}

#[test]
fn gaddafi_resolves() {
    check_all(&[
        ("الرئيس الليبي معمر القذافى", Some("muammar-gaddafi")),
        ("Gaddafi", Some("muammar-gaddafi")),
        ("Qadhafi", Some("muammar-gaddafi")),
        ("Kadhafi", Some("muammar-gaddafi")),
        ("القذافي", Some("muammar-gaddafi")),
    ]);
}

#[test]
fn guterres_resolves() {
    check_all(&[
        ("غوتيريس", Some("antonio-guterres")),
        ("جوتيريس", Some("antonio-guterres")),
        ("غوتيريش", Some("antonio-guterres")),
        ("Guterres", Some("antonio-guterres")),
    ]);
}

#[test]
fn sisi_and_benghazi_resolve() {
    check_all(&[
        ("Abdel Fattah el-Sisi", Some("abdel-fattah-el-sisi")),
        ("عبد الفتاح السيسي", Some("abdel-fattah-el-sisi")),
        ("Benghazi", Some("benghazi")),
        ("Banghazi", Some("benghazi")),
        ("بنغازي", Some("benghazi")),
    ]);
}

#[test]
fn garbage_abstains() {
    check_all(&[
        ("زززززززززز", None),
        ("qxqxqxqxzzv", None),
        ("!!!", None),
        ("", None),
        ("12345", None),
    ]);
}

#[test]
fn matches_explain_themselves() {
    let m = RESOLVER.resolve("المشير خليفة حفتر").unwrap().unwrap();
    assert!((0.0..=1.0).contains(&m.score));
    assert!(m.score >= RESOLVER.threshold());
    assert!(
        RESOLVER
            .table()
            .spellings()
            .any(|(e, n)| e == m.entity.id && n == m.matched)
    );
    let paid: f32 = m.alignment.steps().iter().map(|s| s.cost).sum();
    assert!((paid - m.alignment.cost()).abs() < 1e-3);
    let exact = RESOLVER.resolve("خليفة حفتر").unwrap().unwrap();
    assert_eq!(exact.score, 1.0);
    assert_eq!(exact.alignment.cost(), 0.0);
}

#[test]
fn a_matchs_alignment_is_the_distance_modules_whenever_it_is_read() {
    let m = RESOLVER.resolve("هفتر").unwrap().unwrap();
    let want = asmaa::explain("هفتر", &m.matched);
    assert!(want.cost() > 0.0, "{want}");
    // Read first by two threads at once, then here; and through a clone.
    let copy = m.clone();
    let (c1, c2) = std::thread::scope(|s| {
        let a = s.spawn(|| m.alignment.cost());
        let b = s.spawn(|| m.alignment.steps().len());
        (a.join().unwrap(), b.join().unwrap())
    });
    assert_eq!(c1, want.cost());
    assert_eq!(c2, want.steps().len());
    assert_eq!(m.alignment, want);
    assert_eq!(copy.alignment, want);
    assert_eq!(m.alignment.to_string(), want.to_string());
    assert_eq!(m.clone(), m);
    assert_eq!(asmaa::Alignment::default().steps(), &[]);
}

#[test]
fn too_long_query_is_an_error() {
    let q = "ح".repeat(asmaa::MAX_NAME_CHARS + 1);
    match RESOLVER.resolve(&q) {
        Err(Error::TooLong { len, max }) => {
            assert_eq!(len, asmaa::MAX_NAME_CHARS + 1);
            assert_eq!(max, asmaa::MAX_NAME_CHARS);
        }
        other => panic!("expected TooLong, got {other:?}"),
    }
    let q = "ح".repeat(asmaa::MAX_NAME_CHARS);
    assert!(RESOLVER.resolve(&q).is_ok());
}

#[test]
fn threshold_outside_unit_interval_is_an_option_error() {
    for t in [1.5, -0.1, f32::NAN, f32::INFINITY] {
        match Resolver::builder().builtin(false).threshold(t).build() {
            Err(Error::Option { option, .. }) => assert_eq!(option, "threshold"),
            other => panic!("threshold {t}: expected Error::Option, got {other:?}"),
        }
        match Clusterer::builder().anchors(false).threshold(t).build() {
            Err(e @ Error::Option { .. }) => assert!(e.to_string().contains("threshold"), "{e}"),
            other => panic!("cluster threshold {t}: expected Error::Option, got {other:?}"),
        }
    }
    for t in [0.0, 0.5, 1.0] {
        let r = Resolver::builder()
            .builtin(false)
            .threshold(t)
            .build()
            .unwrap();
        assert_eq!(r.threshold(), t);
        assert!(
            Clusterer::builder()
                .anchors(false)
                .threshold(t)
                .build()
                .is_ok()
        );
    }
    assert_eq!(
        Resolver::new().threshold(),
        asmaa::DEFAULT_RESOLVE_THRESHOLD
    );
}

// ---------------------------------------------------------------------------
// Threads.

const fn assert_send_sync<T: Send + Sync>() {}
const _: () = {
    assert_send_sync::<Resolver>();
    assert_send_sync::<Clusterer>();
    assert_send_sync::<AliasTable>();
    assert_send_sync::<asmaa::Costs>();
    assert_send_sync::<asmaa::Name>();
    assert_send_sync::<asmaa::Match>();
    assert_send_sync::<asmaa::Clustering>();
};

const QUERIES: &[&str] = &[
    "خليفة حفتر",
    "حفتر",
    "المشير خليفة بلقاسم حفتر",
    "محمد بن سلمان",
    "الرئيس الليبي معمر القذافى",
    "غوتيريس",
    "جوتيريس",
    "Haftar",
    "Gaddafi",
    "Kadhafi",
    "Benghazi",
    "بنغازي",
    "عبد الفتاح السيسي",
    "زززززززززز",
    "",
];

fn resolve_all(r: &Resolver) -> Vec<Option<(String, String, u32)>> {
    QUERIES
        .iter()
        .map(|q| {
            r.resolve(q)
                .unwrap()
                .map(|m| (m.entity.id, m.matched, m.score.to_bits()))
        })
        .collect()
}

fn grouping(c: &Clusterer) -> BTreeSet<BTreeSet<String>> {
    c.cluster(
        QUERIES
            .iter()
            .chain(["حفطر", "هفتر", "غوتيريش", "القذافي"].iter()),
    )
    .clusters()
    .map(|cl| cl.members.iter().map(|m| m.name.clone()).collect())
    .collect()
}

#[test]
fn shared_resolver_and_clusterer_across_threads() {
    let resolver = RESOLVER.clone();
    let clusterer = Clusterer::builder()
        .resolver(resolver.clone())
        .build()
        .unwrap();
    let want_r = resolve_all(&resolver);
    let want_c = grouping(&clusterer);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    for _ in 0..3 {
                        out.push((resolve_all(&resolver), grouping(&clusterer)));
                    }
                    out
                })
            })
            .collect();
        for h in handles {
            for (r, c) in h.join().expect("thread panicked") {
                assert_eq!(r, want_r);
                assert_eq!(c, want_c);
            }
        }
    });
}

#[test]
fn an_overlong_name_is_rejected_with_its_line() {
    let long = "ب".repeat(asmaa::MAX_NAME_CHARS + 1);
    let src = format!("entity\tname\nq1\tحفتر\nq2\t{long}\n");
    let err = asmaa::AliasTable::from_tsv_str(&src).unwrap_err();
    match err {
        asmaa::Error::Data { line, column, .. } => assert_eq!((line, column), (3, 2)),
        other => panic!("{other}"),
    }
}

/// A 1 GB table streams through the loader (run by hand: `cargo test
/// --release --test aliases -- --ignored`; it takes about a minute and a few
/// GB of memory for the 27 million rows).
#[test]
#[ignore = "large: about a minute in release mode"]
fn a_one_gigabyte_table_loads_row_by_row() {
    use std::io::Read;
    struct Rows {
        i: u64,
        buf: Vec<u8>,
        pos: usize,
        left: u64,
    }
    impl Read for Rows {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            if self.pos == self.buf.len() {
                if self.left == 0 {
                    return Ok(0);
                }
                self.buf.clear();
                if self.i == 0 {
                    self.buf.extend_from_slice(b"entity\tname\n");
                }
                self.i += 1;
                self.buf.extend_from_slice(
                    format!("e{}\tحفتر {}\n", self.i % 100_000, self.i).as_bytes(),
                );
                self.pos = 0;
                self.left = self.left.saturating_sub(self.buf.len() as u64);
            }
            let n = out.len().min(self.buf.len() - self.pos);
            out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
            self.pos += n;
            Ok(n)
        }
    }
    let reader = std::io::BufReader::new(Rows {
        i: 0,
        buf: Vec::new(),
        pos: 0,
        left: 1 << 30,
    });
    let t = asmaa::AliasTable::from_reader(reader, "1 GB").unwrap();
    assert!(t.len() > 40_000_000 / 2);
}

#[test]
fn resolve_many_answers_like_one_call_per_query_in_order() {
    let r = Resolver::new();
    // Enough queries to be split over threads: table spellings, their
    // misspellings (a letter dropped), noise and an over-long query.
    let mut queries: Vec<String> = Vec::new();
    for row in raw_rows().iter().take(300) {
        queries.push(row.name.clone());
        let mut chars: Vec<char> = row.name.chars().collect();
        if chars.len() > 3 {
            chars.remove(chars.len() / 2);
        }
        queries.push(chars.into_iter().collect());
    }
    queries.push(String::new());
    queries.push("xyzzy".to_string());
    queries.push("ب".repeat(300));
    // Repeated queries (resolved once, their answers copied), the
    // over-long one among them.
    let again: Vec<String> = queries.iter().step_by(3).cloned().collect();
    queries.extend(again);
    queries.push("ب".repeat(300));
    let many = r.resolve_many(&queries);
    assert_eq!(many.len(), queries.len());
    for (q, got) in queries.iter().zip(&many) {
        let one = r.resolve(q);
        if let (Ok(got), Ok(one)) = (got, &one) {
            assert_eq!(got, one, "{q}");
        }
        let key = |x: &Result<Option<asmaa::Match>, Error>| match x {
            Ok(m) => Ok(m
                .as_ref()
                .map(|m| (m.entity.id.clone(), m.matched.clone(), m.score))),
            Err(e) => Err(e.to_string()),
        };
        assert_eq!(key(got), key(&one), "{q}");
    }
}

#[test]
fn an_official_long_form_finds_the_short_name() {
    // The table lists short names; the state form (جمهورية, مملكة ...)
    // weighs little and costs little to leave out, so the long form finds
    // its state rather than another state with the same form.
    let t = AliasTable::from_tsv_str(
        "entity\tname\n\
         albania\tألبانيا\n\
         spain\tمملكة إسبانيا\n\
         bahrain\tالبحرين\n\
         angola\tأنغولا\n\
         guatemala\tجمهورية غواتيمالا\n\
         china\tالصين\n\
         sanmarino\tجمهورية سان مارينو\n",
    )
    .unwrap();
    let r = Resolver::builder().builtin(false).table(t).build().unwrap();
    for (q, want) in [
        ("جمهورية ألبانيا", "albania"),
        ("مملكة البحرين", "bahrain"),
        ("جمهوريّة أنغولا", "angola"),
        ("جمهورية الصين الشعبية", "china"),
    ] {
        assert_eq!(
            r.resolve(q).unwrap().map(|m| m.entity.id).as_deref(),
            Some(want),
            "{q}"
        );
    }
}

#[test]
fn a_short_name_finds_the_official_long_form() {
    // The other way round: the table lists a state only as جمهورية غامبيا.
    // A state form that opens a spelling costs a quarter of a left-out
    // part, so the short name beats a one-letter neighbour (غامبا).
    let r = resolver_over(
        "entity\tname\n\
         gambia\tجمهورية غامبيا\n\
         gamba\tغامبا\n\
         namibia\tجمهوريّة ناميبيا\n\
         nambia\tنامبيا\n",
    );
    for (q, want) in [("غامبيا", "gambia"), ("ناميبيا", "namibia")] {
        assert_eq!(
            r.resolve(q).unwrap().map(|m| m.entity.id).as_deref(),
            Some(want),
            "{q}"
        );
    }
}

#[test]
fn a_role_alone_names_no_one() {
    // Titles and common words only: no near spelling of another name
    // answers (the State Department, Shin Bet); a title with a name does.
    check_all(&[
        ("الرئيس الأمريكي", None),
        ("الأمين العام", None),
        ("ولي العهد السعودي", None),
        ("وزير الخارجية الأمريكي", None),
        ("الملك الأردني", None),
        (
            "الرئيس التركي رجب طيب أردوغان",
            Some("recep-tayyip-erdogan"),
        ),
    ]);
    // A table name garbled into a title still answers when near enough.
    let r = resolver_over("entity\tname\nmorocco\tالمملكة المغربية\n");
    let m = r
        .resolve("الملكة المغربية")
        .unwrap()
        .expect("near the table name");
    assert_eq!(m.entity.id, "morocco");
}

#[test]
fn english_and_french_titles_with_their_adjectives_go_before_the_name() {
    // As English and French news write them: a nationality or *former*
    // before the title, an article, a group before a leader's title. All
    // had answered nothing.
    check_all(&[
        ("French President Emmanuel Macron", Some("emmanuel-macron")),
        ("Turkish President Erdogan", Some("recep-tayyip-erdogan")),
        ("Russian President Vladimir Putin", Some("vladimir-putin")),
        (
            "Israeli Prime Minister Benjamin Netanyahu",
            Some("benjamin-netanyahu"),
        ),
        ("Libyan strongman Khalifa Haftar", Some("khalifa-haftar")),
        ("the general Haftar", Some("khalifa-haftar")),
        (
            "Saudi Crown Prince Mohammed bin Salman",
            Some("mohammed-bin-salman"),
        ),
        (
            "former Sudanese President Omar al-Bashir",
            Some("omar-al-bashir"),
        ),
        ("Hamas leader Ismail Haniyeh", Some("ismail-haniyeh")),
        ("le président Macron", Some("emmanuel-macron")),
        // A title that is a name part, and adjectives that open a name or
        // end one, stay (Kim Jong Un, Le Drian, La Haye).
        ("Hassan Sheikh Mohamud", Some("hassan-sheikh-mohamud")),
        ("Saudi Arabia", Some("saudi-arabia")),
        ("The Hague", Some("the-hague")),
        ("Kim Jung Un", Some("kim-jong-un")),
        ("Le Drian", Some("jean-yves-le-drian")),
    ]);
}

#[test]
fn initials_and_possessives_are_not_name_parts() {
    // R. T. Erdogan had answered Joe Biden, M. Macron Umm al-Quwain.
    check_all(&[
        ("R. T. Erdogan", Some("recep-tayyip-erdogan")),
        ("M. Macron", Some("emmanuel-macron")),
        ("Haftar's", Some("khalifa-haftar")),
        ("Ra's al-Khaimah", Some("ras-al-khaimah")),
    ]);
    let m = RESOLVER.resolve("Haftar’s").unwrap().expect("Haftar");
    assert_eq!(m.score, 1.0, "the possessive costs nothing");
}

#[test]
fn an_english_role_alone_names_no_one() {
    // These had answered Port Sudan, Great Britain, Northern Cyprus and a
    // Muslim Brotherhood leader.
    check_all(&[
        ("president", None),
        ("the president", None),
        ("US president", None),
        ("Egyptian President", None),
        ("the Turkish president", None),
        ("the prime minister", None),
    ]);
}

#[test]
fn a_place_noun_and_its_adjective_go_before_the_place() {
    // As Arabic news writes a capital or a province: these had answered
    // the Al-Aqsa Mosque, Algeria, Pope Leo XIV, Anbar.
    check_all(&[
        ("العاصمة الروسية موسكو", Some("moscow")),
        ("العاصمة المصرية القاهرة", Some("cairo")),
        ("العاصمة الفرنسية باريس", Some("paris")),
        ("العاصمة السودانية الخرطوم", Some("khartoum")),
        ("محافظة إدلب", Some("idlib")),
        ("مدينة بنغازي الليبية", Some("benghazi")),
    ]);
}

#[test]
fn an_arabic_query_never_matches_a_latin_acronym() {
    // Romanised, CBL reads كبل and PJD بجد: Arabic spellings of Kabul and
    // Baghdad garbled by one letter had answered them. A Latin query still
    // finds the acronym, and an Arabic one the Arabic name.
    let r = resolver_over(
        "entity\tname\n\
         cbl\tCBL\n\
         cbl\tمصرف ليبيا المركزي\n\
         pjd\tPJD\n\
         kabul\tكابل\n\
         baghdad\tبغداد\n",
    );
    // Acronyms that romanise alike (PKK, BBC: بك) meet as written.
    let m = RESOLVER.resolve("PKK").unwrap().expect("PKK");
    assert_eq!((m.entity.id.as_str(), m.ties.len()), ("pkk", 0));
    let m = RESOLVER.resolve("BBC").unwrap().expect("BBC");
    assert_eq!((m.entity.id.as_str(), m.ties.len()), ("bbc", 0));
    // Written small, a word with no vowel is read as the acronym.
    let m = RESOLVER.resolve("pkk").unwrap().expect("pkk");
    assert_eq!((m.entity.id.as_str(), m.ties.len()), ("pkk", 0));
    // An acronym the table lacks meets no other acronym (PPK reads بك too).
    let top = RESOLVER.resolve_top("PPK", 5).unwrap();
    assert!(
        top.iter()
            .all(|m| m.entity.id != "pkk" && m.entity.id != "bbc"),
        "{top:?}"
    );
    resolves_to(
        &r,
        &[
            ("كبل", "kabul"),
            ("بغاد", "baghdad"),
            ("CBL", "cbl"),
            ("PJD", "pjd"),
            ("مصرف ليبيا المركزي", "cbl"),
        ],
    );
}

#[test]
fn two_latin_letters_answer_only_an_exact_spelling() {
    // q and ab had answered acronyms (ISIS-K, AKP) at 0.82; UK and UN are
    // table spellings.
    check_all(&[
        ("q", None),
        ("ab", None),
        ("x", None),
        ("UK", Some("united-kingdom")),
        ("UN", Some("united-nations")),
    ]);
}

#[test]
fn a_several_part_name_found_by_its_name_key_answers_as_a_full_search() {
    // A query of several name parts first scores the rows that keep every
    // part's consonant classes; one of them answers only if it clears 0.9
    // and the pass's own floor. A later pass (the query whole after a
    // title, a garbled compound head joined) whose floor is over 0.9 still
    // searches: while it did not, these went to another entity (عادل
    // الجبير at 0.90 for سلطان الجلبر, محمد صباح السالم الصباح).
    check_all(&[
        ("سلطان الجلبر", Some("sultan-al-jaber")),
        ("سلطان أحمد الجابفر", Some("sultan-al-jaber")),
        ("محمد عبا السلام", Some("mohammed-abdulsalam")),
        ("مجلس السيدة السوداي", Some("sovereignty-council")),
        ("خليفه حفطر", Some("khalifa-haftar")),
        ("عبد الفتاخ السيسي", Some("abdel-fattah-el-sisi")),
        // Its key (with ه dropped) holds هو جينتاو, at 0.845 under the
        // key's 0.875; the search does not reach it otherwise (once went
        // to another entity at 0.8425, while the key's rows were scored
        // only from 0.875).
        ("نو جينتاو", Some("hu-jintao")),
    ]);
}

#[test]
fn a_compound_without_its_article_is_answered_as_the_full_search_answers() {
    // عبد عزيز (joined to عبدعزيز) lacks the ل of عبدالعزيز: the name key
    // also files a row without it, so the single answer comes from the key;
    // it is the full search's (top 3 take no key), entity and score.
    for (q, want) in [
        ("عبد عزيز بوتفليقة", "abdelaziz-bouteflika"),
        ("سلمان بن عبد عزيز", "salman-bin-abdulaziz"),
        ("عبد ملك الحوثي", "abdul-malik-al-houthi"),
        ("عبد فتاح السيسي", "abdel-fattah-el-sisi"),
    ] {
        let one = RESOLVER.resolve(q).unwrap().expect(q);
        let top = RESOLVER.resolve_top(q, 3).unwrap();
        assert_eq!(one.entity.id, want, "{q}");
        assert_eq!(top[0].entity.id, want, "{q}");
        assert!(
            (one.score - top[0].score).abs() < 1e-6,
            "{q}: {} {}",
            one.score,
            top[0].score
        );
    }
}

#[test]
fn a_garbled_compound_head_still_meets_its_name() {
    // Normalisation joins عبد القادر into one part; a garbled head (ابد)
    // is not joined, and the resolver searches the query joined too.
    let tsv = "entity\tname\nsaniora\tعبد القادر السنيورة\nsistani\tعبد القادر السيستاني\n\
               other\tعبد الرحمن السنيورة\nking\tعبد الله الثاني\nprince\tعبد الرحمن الثاني\n";
    let r = resolver_over(tsv);
    for (q, want) in [
        ("ابد القادر السنيورة", "saniora"),
        ("عبذ القادر السنيورة", "saniora"),
        ("ابد الله الثاني", "king"),
    ] {
        let m = r.resolve(q).unwrap().expect(q);
        assert_eq!(m.entity.id, want, "{q}");
        assert!(m.ties.is_empty(), "{q}: {:?}", m.ties);
    }
}

#[test]
fn a_name_that_begins_like_the_article_meets_a_spelling_without_it() {
    // إلياس folds to الياس, taken for the article and ياس; ايلياس has no
    // article. The index files a part with the article under its letters
    // with it too, so the one finds the other.
    let tsv = "entity\tname\nelias\tإلياس\nyasin\tياسين\nlinda\tليندا\n\
               aliyev\tإلهام علييف\n";
    let r = resolver_over(tsv);
    resolves_to(&r, &[("ايلياس", "elias"), ("إيلياس", "elias")]);
}

#[test]
fn a_short_name_missing_a_consonant_is_found() {
    // إثيوبيا's consonants are two classes (ث, ب), too few for deletion
    // variants; the index also files such a part by its letters with the
    // vowels, whose deletion variants meet إثيويا.
    let tsv = "entity\tname\nethiopia\tإثيوبيا\nbahia\tباهيا\niran\tإيران\n\
               tunis\tتونس\n";
    let r = resolver_over(tsv);
    resolves_to(&r, &[("إثيويا", "ethiopia"), ("إيرا", "iran")]);
}

#[test]
fn common_words_in_a_query_weigh_lightly_rather_than_go() {
    // A trailing nisba (الفلسطيني) and a leading common word (غير, مجلس)
    // were dropped from the query, so a table name that has them paid for
    // a part the query seemed to lack. They stay, weighed as little as a
    // place word: a garbled name part that reads as a common word (غير for
    // كير) still counts, and a common word before a name costs little.
    // (مدينة العيون is where مجلس الألن went with مجلس dropped.)
    let tsv = "entity\tname\nsaid-othman\tسعيد عثمان\n\
               said-othman-p\tسعيد عثمان الفلسطيني\nborrell\tبوريل\n\
               keir-borrell\tكير بوريل\nsecurity-council\tمجلس الأمن\n\
               ayoun\tمدينة العيون\nhaftar\tحفتر\n";
    let r = resolver_over(tsv);
    resolves_to(
        &r,
        &[
            ("سعيد عثيمان الفلسطيني", "said-othman-p"),
            ("سعيد عثيمان", "said-othman"),
            ("غير بوريل", "keir-borrell"),
            ("مجلس الألن", "security-council"),
            ("قال حفتر", "haftar"),
            ("الرئيس اليمني حفتر", "haftar"),
        ],
    );
    // A title still goes whole: the name proper is an exact match.
    let m = r.resolve("المشير حفتر").unwrap().unwrap();
    assert_eq!(m.score, 1.0);
}

#[test]
fn a_light_common_word_does_not_hide_a_row_one_part_reaches() {
    // For مجلس سالم حفتر the search scores only rows that two query parts
    // lead to when no row can reach the threshold through one part. The
    // bound behind that took every other part to cost half its weight when
    // left out; مجلس costs a quarter of a light weight, so حفتر alone
    // (0.77) was never scored.
    let tsv = "entity\tname\nhaftar\tحفتر\nkhalifa-haftar\tخليفة حفتر\n\
               s1\tسالم الغويل\ns2\tسالم حسن\ns3\tسالم علي\n";
    let r = resolver_over(tsv);
    resolves_to(&r, &[("مجلس سالم حفتر", "haftar")]);
}

#[test]
fn an_arabic_spelling_outweighs_a_latin_reading_of_the_same_entity() {
    // الوساد (a garbled الموساد) reads as "Assad" through romanisation,
    // closer than it is to الموساد; but Assad's entity has Arabic
    // spellings, which the query does not resemble, so its Latin reading
    // counts LATIN_ROW_PENALTY less.
    let tsv = "entity\tname\nassad\tبشار الأسد\nassad\tAssad\n\
               mossad\tالموساد\nmossad\tMossad\nobama\tObama\n";
    let r = resolver_over(tsv);
    resolves_to(&r, &[("الوساد", "mossad")]);
    // An entity with Latin spellings only is found through them as before.
    resolves_to(&r, &[("أوباما", "obama")]);
    let top = r.resolve_top("الوساد", 5).unwrap();
    assert!(top.iter().any(|m| m.entity.id == "assad"), "{top:?}");
}

#[test]
fn a_latin_reading_is_priced_with_its_penalty_inside_the_search() {
    // صباح علأسمد الصباح is a garbled صباح الأحمد الصباح (0.87). صباح is
    // also a common word (data/stopwords.tsv), so the query's first and
    // last parts weigh lightly and علأسمد is searched first, alone: a row
    // it does not lead to (the index does not offer الأحمد for it) is
    // scored only while the search's bar stays at what leaving علأسمد out
    // allows. Saleh al-Sammad's spellings read close to علأسمد and raise
    // that bar in the first pass, so only the pass over Latin spellings
    // finds Sabah. There Saleh's Latin spelling scores 0.86 before the
    // penalty of an entity with an Arabic spelling and 0.80 after. Taken
    // after the search, the unpenalised 0.86 raised the bar there too,
    // Sabah's row was never scored, and the first pass's answer (Saleh's)
    // stood. (If صباح leaves the common words, this test no longer
    // reaches that bound.)
    let tsv = "entity\tname\nsabah\tصباح الأحمد الصباح\n\
               saleh\tصالح الصماد\nsaleh\tSaleh al-Sammad\n";
    let r = resolver_over(tsv);
    resolves_to(&r, &[("صباح علأسمد الصباح", "sabah")]);
    // Without the single answer's pruning both are found, Sabah first.
    let top = r.resolve_top("صباح علأسمد الصباح", 2).unwrap();
    let ids: Vec<&str> = top.iter().map(|m| m.entity.id.as_str()).collect();
    assert_eq!(ids, ["sabah", "saleh"], "{top:?}");
}

#[test]
fn a_part_only_a_second_reading_has_is_not_the_rarest_part() {
    // Asaad's second reading (aa as ا) is اساد, a part no row of the table
    // has. A query part equal to it was weighed as the rarest part there
    // is, outweighing علاوي (which three rows share), so اساد علاوي went to
    // أسعد علي. It is weighed by its near parts (أسعد, in five rows), as a
    // part the table lacks.
    let tsv = "entity\tname\nayad\tإياد علاوي\nayad\tاياد علاوي\nayad\tعلاوي\n\
               ayad\tAyad Allawi\nasaad\tأسعد الشيباني\nasaad\tأسعد حسن الشيباني\n\
               asaad\tAsaad al-Shaibani\nomar\tأسعد عمر\nsaleh\tأسعد صالح\n\
               ali\tأسعد علي\n";
    let r = resolver_over(tsv);
    resolves_to(&r, &[("اساد علاوي", "ayad")]);
}

#[test]
fn a_name_one_letter_off_is_found_under_a_crowded_key() {
    // كاكويه's consonants (ك ك ه) less one are كاكوي's (ك ك); hundreds of
    // table names share that key, more than a search reads, so the index
    // also files such names by their letters with the vowels. (That the
    // key is crowded is asserted next to the index, in src/index.rs.)
    // كاكوي and 680 made-up names of the letters ك ك and one other.
    let tsv = include_str!("data/crowded_key.tsv");
    assert!(tsv.lines().count() > 600);
    let r = resolver_over(tsv);
    resolves_to(&r, &[("كاكويه", "kakoui")]);
}

/// A resolver over a `entity<TAB>name` table alone.
fn resolver_over(tsv: &str) -> Resolver {
    Resolver::builder()
        .builtin(false)
        .table(AliasTable::from_tsv_str(tsv).unwrap())
        .build()
        .unwrap()
}

/// Asserts that each query resolves to its entity.
fn resolves_to(r: &Resolver, cases: &[(&str, &str)]) {
    for (q, want) in cases {
        let m = r.resolve(q).unwrap().expect(q);
        assert_eq!(m.entity.id, *want, "{q}");
    }
}

/// A thread keeps its search scratch between queries, sized for the
/// largest table it has searched: answers must not depend on what the
/// thread searched before. Two resolvers of different sizes are used in
/// turn from one thread, each way round, and compared with each query
/// answered on a fresh thread.
#[test]
fn one_thread_alternating_two_tables_answers_as_threads_of_one() {
    let rows: Vec<(&str, &str)> = ALIASES
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect();
    let tsv = |rows: &[(&str, &str)]| {
        let mut t = String::from("entity\tname\n");
        for (e, n) in rows {
            t.push_str(&format!("{e}\t{n}\n"));
        }
        t
    };
    let table = |text: &str| AliasTable::from_tsv_str(text).expect("a valid table");
    let small = Resolver::builder()
        .builtin(false)
        .table(table(&tsv(&rows[..rows.len() / 5])))
        .build()
        .expect("builds");
    let large = Resolver::builder()
        .builtin(false)
        .table(table(&tsv(&rows)))
        .build()
        .expect("builds");
    // Arabic spellings, some exact, most with their second letter dropped.
    let queries: Vec<String> = rows
        .iter()
        .step_by(23)
        .filter(|(_, n)| n.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .enumerate()
        .map(|(i, (_, n))| {
            if i % 4 == 0 {
                n.to_string()
            } else {
                n.chars()
                    .enumerate()
                    .filter(|&(k, _)| k != 1)
                    .map(|(_, c)| c)
                    .collect()
            }
        })
        .collect();
    assert!(queries.len() > 100, "{} queries", queries.len());
    type Top = Vec<(String, u32)>;
    let top = |r: &Resolver, q: &str| -> Top {
        r.resolve_top(q, 3)
            .expect("resolves")
            .into_iter()
            .map(|m| (m.entity.id.clone(), m.score.to_bits()))
            .collect()
    };
    // Each query on a fresh thread: a clean scratch.
    let alone = |r: &Resolver| -> Vec<Top> {
        queries
            .iter()
            .map(|q| std::thread::scope(|s| s.spawn(|| top(r, q)).join().expect("no panic")))
            .collect()
    };
    let (want_small, want_large) = (alone(&small), alone(&large));
    for first_large in [false, true] {
        std::thread::scope(|s| {
            s.spawn(|| {
                for (i, q) in queries.iter().enumerate() {
                    let (a, b) = if first_large {
                        (top(&large, q), top(&small, q))
                    } else {
                        (top(&small, q), top(&large, q))
                    };
                    let (got_small, got_large) = if first_large { (b, a) } else { (a, b) };
                    assert_eq!(got_small, want_small[i], "small table, {q}");
                    assert_eq!(got_large, want_large[i], "large table, {q}");
                }
            })
            .join()
            .expect("no panic");
        });
    }
    // The queries are not trivial: most answer, and the tables differ.
    let answered = want_large.iter().filter(|t| !t.is_empty()).count();
    assert!(answered * 2 > queries.len(), "{answered} answered");
    assert_ne!(want_small, want_large);
}

// ---------------------------------------------------------------------------
// The optional exonym table (`data/extra/exonyms.tsv`, not embedded).

/// Every row of the exonym table adds a spelling to an entity of the
/// shipped table, of the same kind, so that merged with it French, Spanish,
/// German, Italian and Turkish names answer the shipped entities.
#[test]
fn extra_exonyms_extend_shipped_entities() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/extra/exonyms.tsv");
    let extra = AliasTable::from_path(path).expect("data/extra/exonyms.tsv loads");
    let builtin = AliasTable::builtin();
    assert!(extra.len() > 1_000, "{} rows", extra.len());
    for e in extra.entities() {
        let shipped = builtin
            .entity(&e.id)
            .unwrap_or_else(|| panic!("{}: not a shipped entity", e.id));
        assert_eq!(e.kind, shipped.kind, "{}", e.id);
    }
    let r = Resolver::builder().table(extra).build().expect("resolver");
    for (q, want) in [
        ("Allemagne", "germany"),
        ("États-Unis", "united-states"),
        ("Le Caire", "cairo"),
        ("OTAN", "nato"),
        ("Almanya", "germany"),
    ] {
        let m = r.resolve(q).expect("resolves").expect("answers");
        assert_eq!(m.entity.id, want, "{q}");
    }
}
