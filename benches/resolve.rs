//! Queries per second of `Resolver::resolve` against tables of 10k, 100k and
//! (with `ASMAA_BENCH_LARGE=1`) 1M generated spellings, exact and fuzzy; the
//! time to build the index for 10k and 100k spellings, with the resident
//! memory it adds; and, when `../shared/eval/dev.tsv` exists, real
//! Arabic → Arabic queries against a table made from it.
//!
//! Synthetic tables: entities `e0, e1, ...` with one or two spellings each
//! (a generated base name, and half the time a noisy variant of it), in an
//! `AliasTable::from_tsv_str` table with header `entity\tname`; the resolver
//! is `Resolver::builder().builtin(false).table(t).build()`. Exact queries
//! are table spellings; fuzzy queries are fresh noisy variants of the base
//! names (never a table spelling).
//!
//! Memory: this bench counts heap bytes with a wrapper around the system
//! allocator, switched on only while a table is parsed and indexed (one
//! relaxed atomic load per allocation otherwise), and prints the bytes the
//! table and the index hold.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::{HashMap, HashSet};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

use asmaa::{AliasTable, Resolver};

mod common;
#[path = "gen/mod.rs"]
mod synth;

use synth::Gen;

/// The system allocator, counting the net bytes allocated while `COUNTING`.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static NET: AtomicIsize = AtomicIsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counters only observe the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            NET.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract for `alloc` is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNTING.load(Ordering::Relaxed) {
            NET.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract for `dealloc` is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            NET.fetch_add(
                new_size as isize - layout.size() as isize,
                Ordering::Relaxed,
            );
        }
        // SAFETY: the caller's contract for `realloc` is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its result with the net heap bytes it allocated
/// (what the result still holds, when `f` frees its temporaries).
fn heap_bytes<T>(f: impl FnOnce() -> T) -> (T, isize) {
    NET.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    let out = f();
    COUNTING.store(false, Ordering::SeqCst);
    (out, NET.load(Ordering::SeqCst))
}

/// A generated table and queries against it.
struct Synthetic {
    /// `entity\tname` TSV.
    tsv: String,
    /// Exact queries (table spellings) with their entity id.
    exact: Vec<(String, String)>,
    /// Fuzzy queries (noisy variants, not in the table) with their entity id.
    fuzzy: Vec<(String, String)>,
}

/// A table of `rows` spellings, `n_exact` exact and `n_fuzzy` fuzzy queries
/// spread evenly over the entities.
fn synthetic(seed: u64, rows: usize, n_exact: usize, n_fuzzy: usize) -> Synthetic {
    let mut g = Gen::new(seed);
    let mut tsv = String::with_capacity(rows * 40);
    tsv.push_str("entity\tname\n");
    let mut seen: HashSet<String> = HashSet::with_capacity(rows * 2);
    let mut bases: Vec<String> = Vec::with_capacity(rows);
    let mut spellings: Vec<(String, usize)> = Vec::with_capacity(rows);
    while spellings.len() < rows {
        let base = g.base_name();
        if !seen.insert(base.clone()) {
            continue;
        }
        let e = bases.len();
        spellings.push((base.clone(), e));
        if spellings.len() < rows && g.chance(1, 2) {
            let v = g.noisy(&base);
            if seen.insert(v.clone()) {
                spellings.push((v, e));
            }
        }
        bases.push(base);
    }
    for (s, e) in &spellings {
        tsv.push_str(&format!("e{e}\t{s}\n"));
    }
    let step = (rows / n_exact.max(1)).max(1);
    let exact = spellings
        .iter()
        .step_by(step)
        .take(n_exact)
        .map(|(s, e)| (s.clone(), format!("e{e}")))
        .collect();
    let step = (bases.len() / n_fuzzy.max(1)).max(1);
    let mut fuzzy = Vec::with_capacity(n_fuzzy);
    for (e, base) in bases.iter().enumerate().step_by(step).take(n_fuzzy) {
        for _ in 0..20 {
            let v = g.noisy(base);
            if !seen.contains(&v) {
                fuzzy.push((v, format!("e{e}")));
                break;
            }
        }
    }
    Synthetic { tsv, exact, fuzzy }
}

fn resolver(table: AliasTable) -> Resolver {
    Resolver::builder()
        .builtin(false)
        .table(table)
        .build()
        .expect("valid table")
}

/// Resolves every query once: the share resolved to its entity (a tie
/// that includes it counts as wrong), the share answered, and the wall time
/// of this one pass.
fn check(r: &Resolver, queries: &[(String, String)]) -> (f64, f64, Duration) {
    let t = Instant::now();
    let (mut right, mut answered) = (0usize, 0usize);
    for (q, want) in queries {
        if let Some(m) = r.resolve(q).expect("query under the length limit") {
            answered += 1;
            if m.entity.id == *want && m.ties.is_empty() {
                right += 1;
            }
        }
    }
    let n = queries.len().max(1) as f64;
    (right as f64 / n, answered as f64 / n, t.elapsed())
}

/// Times one pass over `queries`; `one_pass` (the checked pass) sets the
/// measurement time.
fn time_queries(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    r: &Resolver,
    queries: &[(String, String)],
    one_pass: Duration,
) {
    g.measurement_time(common::measurement_time(one_pass, Duration::from_secs(5)));
    g.throughput(Throughput::Elements(queries.len() as u64));
    g.bench_function(name, |b| {
        b.iter(|| {
            queries
                .iter()
                .filter(|(q, _)| r.resolve(black_box(q)).ok().flatten().is_some())
                .count()
        })
    });
}

fn queries(c: &mut Criterion) {
    let measuring = common::measuring();
    let sizes = common::sizes("the 1M-spelling table", "resolve");
    let mut g = c.benchmark_group("resolve queries");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    for &n in &sizes {
        // Fuzzy queries cost more than exact ones, and a few of them (a
        // garbled name of common parts whose best answer is weak) cost a
        // hundred times the others: 1,000 per pass, so that the sample
        // holds its share of those (100 queries of this generator gave
        // 111,000 per second where 1,000 gave a third of that; see
        // BENCHMARKS). Fewer against 1M rows, where each costs more.
        let n_fuzzy = if !measuring {
            20
        } else if n > 100_000 {
            200
        } else {
            1_000
        };
        let s = synthetic(42, n, 1_000.min(n), n_fuzzy);
        let t = Instant::now();
        let table = AliasTable::from_tsv_str(&s.tsv).expect("valid TSV");
        let r = resolver(table);
        let built = t.elapsed();
        // Check before timing: exact queries find their entity, fuzzy ones
        // mostly do.
        let (acc_e, cov_e, te) = check(&r, &s.exact);
        let (acc_f, cov_f, tf) = check(&r, &s.fuzzy);
        println!(
            "resolve {}: parse+build {:.2} s; exact acc@1 {acc_e:.3} (answered {cov_e:.3}, {:.1} µs/query), fuzzy acc@1 {acc_f:.3} (answered {cov_f:.3}, {:.0} µs/query) on {} + {} queries",
            common::label(n),
            built.as_secs_f64(),
            te.as_secs_f64() * 1e6 / s.exact.len() as f64,
            tf.as_secs_f64() * 1e6 / s.fuzzy.len() as f64,
            s.exact.len(),
            s.fuzzy.len(),
        );
        assert!(acc_e >= 0.99, "exact queries: acc@1 {acc_e}");
        assert!(acc_f >= 0.5, "fuzzy queries: acc@1 {acc_f}");
        let label = common::label(n);
        time_queries(&mut g, &format!("exact/{label}"), &r, &s.exact, te);
        time_queries(&mut g, &format!("fuzzy/{label}"), &r, &s.fuzzy, tf);
    }
    g.finish();
}

fn build(c: &mut Criterion) {
    let measuring = common::measuring();
    let sizes: &[usize] = if measuring {
        &[10_000, 100_000]
    } else {
        &[1_000]
    };
    let mut g = c.benchmark_group("resolve index build");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    for &n in sizes {
        let s = synthetic(7, n, 0, 0);
        // Memory: heap bytes held by the parsed table alone, and by a
        // resolver (table + index) built from the same TSV. A small resolver
        // is built first so that lazily loaded shipped data are not counted.
        let _ = resolver(AliasTable::from_tsv_str("entity\tname\nx\tحفتر\n").expect("valid"));
        let (table, table_bytes) =
            heap_bytes(|| AliasTable::from_tsv_str(&s.tsv).expect("valid TSV"));
        let t = Instant::now();
        let (r, resolver_bytes) =
            heap_bytes(|| resolver(AliasTable::from_tsv_str(&s.tsv).expect("valid TSV")));
        let one_run = t.elapsed();
        assert_eq!(r.table().len(), n);
        println!(
            "resolve index {}: heap {:.1} MB for the parsed table alone, {:.1} MB for the resolver (table + index; {:.0} bytes per spelling); TSV {:.1} MB",
            common::label(n),
            common::mb(table_bytes.max(0) as u64),
            common::mb(resolver_bytes.max(0) as u64),
            resolver_bytes as f64 / n as f64,
            common::mb(s.tsv.len() as u64),
        );
        drop(r);
        g.measurement_time(common::measurement_time(one_run, Duration::from_secs(5)));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("parse tsv/{}", common::label(n)), |b| {
            b.iter(|| AliasTable::from_tsv_str(black_box(&s.tsv)).map(|t| t.len()))
        });
        g.bench_function(format!("build index/{}", common::label(n)), |b| {
            b.iter_batched(|| table.clone(), resolver, BatchSize::LargeInput)
        });
    }
    g.finish();
}

/// Real data: for every cluster of `dev.tsv` with at least two distinct
/// Arabic spellings, the first spelling goes in the table and the second is
/// the query (Arabic → Arabic); the other clusters' first Arabic spelling
/// fills the table as distractors.
fn real(c: &mut Criterion) {
    let Some(rows) = common::dev_rows() else {
        return;
    };
    let measuring = common::measuring();
    let multi = common::dev_multi_arabic(&rows);
    let multi_ids: HashSet<&str> = multi.iter().map(|(c, _)| c.as_str()).collect();
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for r in rows.iter().filter(|r| r.arabic) {
        if !first.contains_key(r.cluster.as_str()) {
            first.insert(&r.cluster, &r.name);
            order.push(&r.cluster);
        }
    }
    // Test mode: only the clusters with a query (a small table).
    let mut tsv = String::from("entity\tname\n");
    let mut rows_in = 0;
    for id in order {
        if measuring || multi_ids.contains(id) {
            tsv.push_str(&format!("{id}\t{}\n", first[id]));
            rows_in += 1;
        }
    }
    let n_queries = if measuring { 500 } else { 20 };
    let step = (multi.len() / n_queries).max(1);
    let queries: Vec<(String, String)> = multi
        .iter()
        .step_by(step)
        .take(n_queries)
        .map(|(id, names)| (names[1].clone(), id.clone()))
        .collect();
    let r = resolver(AliasTable::from_tsv_str(&tsv).expect("dev.tsv spellings are valid"));
    let (acc, cov, t) = check(&r, &queries);
    println!(
        "resolve real: table of {rows_in} Arabic spellings (one per dev.tsv cluster), {} queries (second Arabic spelling of multi-Arabic clusters): acc@1 {acc:.3}, answered {cov:.3}, {:.0} µs/query",
        queries.len(),
        t.as_secs_f64() * 1e6 / queries.len() as f64
    );
    // A sanity bound, not a quality target: many real clusters share an
    // Arabic spelling (ties count as wrong here), and the table holds one
    // spelling per cluster.
    assert!(acc >= 0.15, "real queries: acc@1 {acc}");
    let mut g = c.benchmark_group("resolve real dev.tsv");
    g.sample_size(10).warm_up_time(Duration::from_secs(1));
    time_queries(
        &mut g,
        &format!("arab→arab/{}", common::label(rows_in)),
        &r,
        &queries,
        t,
    );
    g.finish();
}

criterion_group!(benches, queries, build, real);
criterion_main!(benches);
