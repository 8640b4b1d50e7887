//! Names per second for `asmaa::normalize` on 10k generated names (Arabic
//! given, family and foreign names with spelling noise).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;
#[path = "gen/mod.rs"]
mod synth;

use synth::Gen;

fn bench(c: &mut Criterion) {
    let n = if common::measuring() { 10_000 } else { 1_000 };
    let names = Gen::new(42).names(n);
    // Check once before timing: every generated name has letters, so none
    // normalises to nothing, and folding is idempotent.
    for s in &names {
        let f = asmaa::normalize(s);
        assert!(!f.is_empty(), "{s} normalised to nothing");
        assert_eq!(asmaa::normalize(f.as_str()).as_str(), f.as_str(), "{s}");
    }
    let letters: usize = names.iter().map(|s| s.chars().count()).sum();
    println!(
        "normalize: {n} names, {:.1} chars on average",
        letters as f64 / n as f64
    );

    let mut g = c.benchmark_group("normalize");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function(format!("{} generated names", common::label(n)), |b| {
        b.iter(|| {
            names
                .iter()
                .map(|s| asmaa::normalize(black_box(s)).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(8));
    targets = bench
}
criterion_main!(benches);
