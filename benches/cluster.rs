//! Time to cluster 10k and 100k generated spellings (1M with
//! `ASMAA_BENCH_LARGE=1`, timed once outside criterion: a run takes about a
//! minute) with `Clusterer::builder().anchors(false)`, and,
//! when `../shared/eval/dev.tsv` exists, the Arabic spellings of its clusters
//! with at least two distinct Arabic spellings.
//!
//! The synthetic sets come from `Gen::labelled`: `n` distinct spellings in
//! about `n / 3` gold clusters of 1–5 spellings. Before timing, each set is
//! clustered once and its B-cubed F1 against the gold printed and checked.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use asmaa::{Clusterer, Clustering};

mod common;
#[path = "gen/mod.rs"]
mod synth;

use synth::Gen;

fn clusterer() -> Clusterer {
    Clusterer::builder()
        .anchors(false)
        .build()
        .expect("default options are valid")
}

/// Clusters once, checks that every name lands in one cluster, prints and
/// returns the B-cubed F1 against `gold` (name → gold label) and the time of
/// this run.
fn check<G: Eq + std::hash::Hash + Clone>(
    what: &str,
    c: &Clusterer,
    names: &[String],
    gold: &HashMap<String, G>,
) -> (f64, Duration) {
    let t = Instant::now();
    let out: Clustering = c.cluster(names);
    let took = t.elapsed();
    let pred: HashMap<String, usize> = out.names().map(|(n, cl)| (n.to_string(), cl.id)).collect();
    assert_eq!(pred.len(), names.len(), "every distinct name is clustered");
    let members: usize = out.clusters().map(|cl| cl.members.len()).sum();
    assert_eq!(members, names.len(), "every name is in exactly one cluster");
    let (p, r, f1) = common::bcubed(gold, &pred);
    println!(
        "cluster {what}: {} names -> {} clusters in {:.2} s; B-cubed P {p:.3} R {r:.3} F1 {f1:.3}; peak RSS so far {:.0} MB",
        names.len(),
        out.len(),
        took.as_secs_f64(),
        common::peak_rss_bytes().map_or(f64::NAN, common::mb),
    );
    (f1, took)
}

fn synthetic(c: &mut Criterion) {
    let sizes = common::sizes("clustering 1M names", "cluster");
    let cl = clusterer();
    let mut g = c.benchmark_group("cluster synthetic");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    for n in sizes {
        let rows = Gen::new(42).labelled(n);
        let gold: HashMap<String, usize> = rows.iter().cloned().collect();
        let names: Vec<String> = rows.into_iter().map(|(s, _)| s).collect();
        let (f1, took) = check(&common::label(n), &cl, &names, &gold);
        // A sanity bound on the result, not a quality target (the quality
        // figures are the printed ones and the comparison's).
        assert!(f1 >= 0.5, "B-cubed F1 {f1} on {n} generated names");
        if n >= 1_000_000 {
            // One run takes about a minute and criterion needs at least 10
            // samples: the checked run above is the measurement (one run).
            println!("cluster 1M: timed once (the run above), not by criterion");
            continue;
        }
        g.measurement_time(common::measurement_time(took, Duration::from_secs(10)));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(common::label(n), |b| {
            b.iter(|| cl.cluster(black_box(&names)).len())
        });
    }
    g.finish();
}

fn real(c: &mut Criterion) {
    let Some(rows) = common::dev_rows() else {
        return;
    };
    let mut multi = common::dev_multi_arabic(&rows);
    if !common::measuring() {
        multi.truncate(300);
    }
    // A spelling listed under several clusters keeps its first one as gold.
    let mut gold: HashMap<String, String> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    for (id, spellings) in &multi {
        for s in spellings {
            if !gold.contains_key(s) {
                gold.insert(s.clone(), id.clone());
                names.push(s.clone());
            }
        }
    }
    let cl = clusterer();
    let (f1, took) = check(
        &format!(
            "dev.tsv ({} clusters with >= 2 Arabic spellings)",
            multi.len()
        ),
        &cl,
        &names,
        &gold,
    );
    assert!(f1 >= 0.5, "B-cubed F1 {f1} on dev.tsv");
    let mut g = c.benchmark_group("cluster real dev.tsv");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(common::measurement_time(took, Duration::from_secs(5)));
    g.throughput(Throughput::Elements(names.len() as u64));
    g.bench_function(format!("multi-arabic/{}", names.len()), |b| {
        b.iter(|| cl.cluster(black_box(&names)).len())
    });
    g.finish();
}

criterion_group!(benches, synthetic, real);
criterion_main!(benches);
