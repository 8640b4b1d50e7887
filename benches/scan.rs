//! Megabytes per second of `Scanner::scan` on generated news-like text of
//! 100 KB and 1 MB, with the shipped alias table (`Scanner::new()`) and
//! without it (`Scanner::builder().no_aliases()`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use asmaa::Scanner;

mod common;
#[path = "gen/mod.rs"]
mod synth;

use synth::Gen;

fn bench(c: &mut Criterion) {
    let sizes: &[usize] = if common::measuring() {
        &[100_000, 1_000_000]
    } else {
        &[10_000]
    };
    let with = Scanner::new();
    let without = Scanner::builder()
        .no_aliases()
        .build()
        .expect("valid options");
    let mut g = c.benchmark_group("scan");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for &bytes in sizes {
        let text = Gen::new(42).text(bytes);
        let label = if bytes >= 1_000_000 {
            format!("{} MB", bytes / 1_000_000)
        } else {
            format!("{} KB", bytes / 1_000)
        };
        for (name, s) in [("aliases", &with), ("no aliases", &without)] {
            // Check once before timing: the generated text names people, so
            // mentions are found and grouped, and every mention's span is
            // inside the text.
            let t = Instant::now();
            let scan = s.scan(&text);
            let took = t.elapsed();
            let chars = text.chars().count();
            assert!(!scan.mentions().is_empty(), "no mention in {label}");
            assert!(scan.groups().len() <= scan.mentions().len());
            assert!(
                scan.mentions()
                    .iter()
                    .all(|m| m.start < m.end && m.end <= chars && m.group < scan.groups().len())
            );
            println!(
                "scan {label} ({name}): {} mentions in {} groups, {:.2} s",
                scan.mentions().len(),
                scan.groups().len(),
                took.as_secs_f64()
            );
            g.measurement_time(common::measurement_time(took, Duration::from_secs(8)));
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function(format!("{name}/{label}"), |b| {
                b.iter(|| s.scan(black_box(&text)).mentions().len())
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
