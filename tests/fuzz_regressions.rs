//! Every crash input the fuzzers found (tests/data/fuzz-regressions/, named
//! after their target) replayed through the invariant its target checks.
//! Each was a panic or a broken invariant before its fix.

use std::collections::HashMap;

use asmaa::{AliasTable, Clusterer, Costs, MAX_NAME_CHARS, Resolver, Scanner, normalize};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz-regressions");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("regression folder exists")
        .filter_map(|e| e.ok())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let bytes = std::fs::read(e.path()).expect("readable");
            (name, bytes)
        })
        .collect();
    out.sort();
    out
}

fn check_normalize(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let n = normalize(&s);
    assert_eq!(normalize(n.as_str()), n, "not idempotent on {s:?}");
}

fn check_distance(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let (ra, rb) = match rest.iter().position(|&b| b == 0xFF) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => rest.split_at(rest.len() / 2),
    };
    let (a, b) = (
        normalize(&String::from_utf8_lossy(ra)),
        normalize(&String::from_utf8_lossy(rb)),
    );
    let c = Costs::shipped();
    let d = c.distance(&a, &b);
    assert!((d - c.distance(&b, &a)).abs() < 1e-3);
    assert!((c.explain(&a, &b).cost() - d).abs() < 1e-3);
    for max in [f32::from(sel) / 16.0, d, d + 0.01] {
        match c.distance_within(&a, &b, max) {
            Some(v) => assert!((v - d).abs() < 1e-3 && v <= max + 1e-3),
            None => assert!(d > max - 1e-3, "within({max}) gave up on distance {d}"),
        }
    }
}

fn check_resolve(data: &[u8]) {
    let q = String::from_utf8_lossy(data);
    let r = Resolver::new();
    match r.resolve_top(&q, 3) {
        Ok(ms) => assert!(ms.iter().all(|m| (0.0..=1.0).contains(&m.score))),
        Err(_) => assert!(q.chars().count() > MAX_NAME_CHARS),
    }
}

fn check_cluster(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let names: Vec<&str> = text.split('\n').collect();
    let g = Clusterer::builder()
        .anchors(false)
        .build()
        .unwrap()
        .cluster(&names);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in g.clusters() {
        for m in &c.members {
            *seen.entry(m.name.as_str()).or_default() += 1;
        }
    }
    for n in &names {
        assert_eq!(seen.get(n), Some(&1), "{n:?} not in exactly one cluster");
    }
}

fn check_table(data: &[u8]) {
    if let Ok(t) = AliasTable::from_reader(data, "fuzz") {
        let spellings: Vec<String> = t.spellings().map(|(_, n)| n.to_string()).collect();
        let r = Resolver::builder().builtin(false).table(t).build();
        if let Ok(r) = r {
            for s in spellings.iter().take(8) {
                let _ = r.resolve(s);
            }
        }
    }
}

fn check_scan(data: &[u8]) {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let scanner = if sel & 1 == 0 {
        Scanner::new()
    } else {
        Scanner::builder().no_aliases().build().expect("builds")
    };
    let scan = scanner.scan(&text);
    let chars: Vec<char> = text.chars().collect();
    let mut prev_end = 0;
    for m in scan.mentions() {
        assert!(m.start >= prev_end && m.start < m.end && m.end <= chars.len());
        assert_eq!(m.surface, chars[m.start..m.end].iter().collect::<String>());
        assert!(m.group < scan.groups().len());
        prev_end = m.end;
    }
}

#[test]
fn every_fuzz_regression_input_holds() {
    let all = inputs();
    assert!(!all.is_empty());
    for (name, data) in all {
        match name.split('-').next() {
            Some("normalize") => check_normalize(&data),
            Some("distance") => check_distance(&data),
            Some("resolve") => check_resolve(&data),
            Some("cluster") => check_cluster(&data),
            Some("table") => check_table(&data),
            Some("scan") => check_scan(&data),
            _ => panic!("{name}: name it after its fuzz target"),
        }
    }
}
