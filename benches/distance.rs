//! ns per pair for the full, bounded and explained distance on realistic
//! names, beside strsim's Levenshtein on the same pairs.

use criterion::{Criterion, black_box, criterion_group, criterion_main};

use asmaa::{Costs, normalize};

const PAIRS: [(&str, &str); 8] = [
    ("هوتر", "حفتر"),
    ("غوتيريش", "جوتيريس"),
    ("عبد الفتاح السيسي", "عبدالفتاح السيسى"),
    ("القذافي", "القذافى"),
    ("نتنياهو", "نتانياهو"),
    ("رادوسافلييفيتش", "رادوسافيليفيتش"),
    ("ستولتنبرغ", "ستولتنبيرغ"),
    ("محمد بن سلمان", "سلمان بن عبد العزيز"),
];

fn bench(c: &mut Criterion) {
    let costs = Costs::shipped();
    let names: Vec<_> = PAIRS
        .iter()
        .map(|(a, b)| (normalize(a), normalize(b)))
        .collect();
    // Check the result once before timing: the garbled Haftar is nearer
    // حفتر than a Guterres spelling, and bounded equals full under the cutoff.
    let d = costs.distance(&names[0].0, &names[0].1);
    assert!(d < costs.distance(&names[0].0, &names[1].1));
    assert_eq!(
        costs.distance_within(&names[0].0, &names[0].1, d + 0.01),
        Some(d)
    );
    let mut g = c.benchmark_group("distance per pair");
    g.bench_function("asmaa full", |b| {
        b.iter(|| {
            names
                .iter()
                .map(|(x, y)| costs.distance(black_box(x), black_box(y)))
                .sum::<f32>()
        })
    });
    g.bench_function("asmaa bounded 1.0", |b| {
        b.iter(|| {
            names
                .iter()
                .filter_map(|(x, y)| costs.distance_within(black_box(x), black_box(y), 1.0))
                .count()
        })
    });
    g.bench_function("asmaa explained", |b| {
        b.iter(|| {
            names
                .iter()
                .map(|(x, y)| costs.explain(black_box(x), black_box(y)).cost())
                .sum::<f32>()
        })
    });
    g.bench_function("strsim levenshtein", |b| {
        b.iter(|| {
            PAIRS
                .iter()
                .map(|(x, y)| strsim::levenshtein(black_box(x), black_box(y)))
                .sum::<usize>()
        })
    });
    g.bench_function("asmaa normalize both + full", |b| {
        b.iter(|| {
            PAIRS
                .iter()
                .map(|(x, y)| asmaa::distance(black_box(x), black_box(y)))
                .sum::<f32>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
