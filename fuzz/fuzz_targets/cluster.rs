//! Clustering (anchors off) puts every distinct input name in exactly one
//! cluster, with counts that add up to the input.
//!
//! Input: lines of (lossy) UTF-8, one name per line.
#![no_main]

use std::collections::HashMap;
use std::sync::LazyLock;

use asmaa::Clusterer;
use libfuzzer_sys::fuzz_target;

mod known;

static CLUSTERER: LazyLock<Clusterer> = LazyLock::new(|| {
    Clusterer::builder()
        .anchors(false)
        .build()
        .expect("default options are valid")
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let names: Vec<&str> = text.split('\n').collect();
    let g = CLUSTERER.cluster(&names);

    let mut expected: HashMap<&str, usize> = HashMap::new();
    for n in &names {
        *expected.entry(n).or_default() += 1;
    }

    // Each distinct name is a member of exactly one cluster, with its count.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in g.clusters().enumerate() {
        assert_eq!(c.id, i, "cluster ids out of order");
        assert!(!c.members.is_empty(), "empty cluster {i}");
        assert!(
            (0.0..=1.0).contains(&c.cohesion),
            "cohesion {} out of [0, 1]",
            c.cohesion
        );
        assert!(
            c.members.iter().any(|m| m.name == c.representative) || c.entity.is_some(),
            "representative {:?} is not a member",
            c.representative
        );
        for m in &c.members {
            let Some(&want) = expected.get(m.name.as_str()) else {
                panic!("member {:?} was not in the input", m.name);
            };
            assert_eq!(m.count, want, "count of {:?}", m.name);
            if let Some(prev) = seen.insert(m.name.as_str(), i) {
                panic!("{:?} is in clusters {prev} and {i}", m.name);
            }
        }
    }
    assert_eq!(seen.len(), expected.len(), "some names are in no cluster");
    assert_eq!(g.names().len(), expected.len());
    for (n, c) in g.names() {
        assert_eq!(seen.get(n), Some(&c.id), "names() disagrees for {n:?}");
        assert_eq!(g.cluster_of(n).map(|c| c.id), Some(c.id));
    }
});
