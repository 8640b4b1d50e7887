//! Helpers shared by the criterion benches (std only): run mode, memory
//! readings, the optional real data set and B-cubed scores.
//!
//! Include it from a bench with `mod common;` (cargo does not build
//! `benches/common/mod.rs` as a bench of its own: only `benches/*.rs` and
//! `benches/*/main.rs` are discovered).
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::PathBuf;

/// True under `cargo bench` (criterion's measuring mode); false under
/// `cargo test --benches` (criterion's test mode runs every bench once) and
/// `cargo bench -- --test`. Benches use it to keep their setup small in test
/// mode: large inputs are only generated when they are timed.
pub fn measuring() -> bool {
    let mut bench = false;
    let mut test = false;
    for a in std::env::args() {
        bench |= a == "--bench";
        test |= a == "--test";
    }
    bench && !test
}

/// True when `ASMAA_BENCH_LARGE=1`: the million-name inputs are opt-in.
pub fn large() -> bool {
    std::env::var("ASMAA_BENCH_LARGE").is_ok_and(|v| v == "1")
}

/// Input sizes of a bench: 10k and 100k when measuring (1M too with
/// `ASMAA_BENCH_LARGE=1`, else a note saying how), 1k in test mode.
pub fn sizes(what: &str, bench: &str) -> Vec<usize> {
    if !measuring() {
        return vec![1_000];
    }
    let mut sizes = vec![10_000, 100_000];
    if large() {
        sizes.push(1_000_000);
    } else {
        println!("note: {what} is opt-in: ASMAA_BENCH_LARGE=1 cargo bench --bench {bench}");
    }
    sizes
}

/// A measurement time for criterion's 10 samples of a routine that took
/// `one_run` once: at least `floor`, and long enough for 10 runs plus a margin
/// (criterion warns and stretches the time otherwise).
pub fn measurement_time(
    one_run: std::time::Duration,
    floor: std::time::Duration,
) -> std::time::Duration {
    floor.max(one_run.mul_f64(12.0))
}

/// `n` as a short label: 10k, 100k, 1M.
pub fn label(n: usize) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 {
        format!("{}M", n / 1_000_000)
    } else if n >= 1_000 && n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// The process's resident set in bytes (`/proc/self/statm`), when readable.
pub fn rss_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// The process's peak resident set in bytes (`VmHWM` of `/proc/self/status`).
pub fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Megabytes, for printing.
pub fn mb(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

/// One row of `../shared/eval/dev.tsv`.
#[derive(Clone, Debug)]
pub struct DevRow {
    pub cluster: String,
    pub name: String,
    pub arabic: bool,
}

/// Where the real data set would be: `../shared/eval/dev.tsv` from the crate
/// root.
pub fn dev_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/dev.tsv")
}

/// The rows of `dev.tsv` (columns `cluster_id name script kind`), or `None`
/// with a printed note when it is absent or unreadable.
pub fn dev_rows() -> Option<Vec<DevRow>> {
    let path = dev_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            println!(
                "note: {} not readable ({e}); real-data benches skipped",
                path.display()
            );
            return None;
        }
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next()?.split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let (Some(cc), Some(cn), Some(cs)) = (col("cluster_id"), col("name"), col("script")) else {
        println!(
            "note: {} lacks cluster_id/name/script columns; real-data benches skipped",
            path.display()
        );
        return None;
    };
    let rows = lines
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Some(DevRow {
                cluster: f.get(cc)?.to_string(),
                name: f.get(cn)?.to_string(),
                arabic: *f.get(cs)? == "arab",
            })
        })
        .collect();
    Some(rows)
}

/// The real clusters with at least two distinct Arabic spellings, as
/// (cluster id, its distinct Arabic spellings in file order).
pub fn dev_multi_arabic(rows: &[DevRow]) -> Vec<(String, Vec<String>)> {
    let mut order: Vec<String> = Vec::new();
    let mut by: HashMap<&str, Vec<String>> = HashMap::new();
    for r in rows.iter().filter(|r| r.arabic) {
        let v = by.entry(r.cluster.as_str()).or_insert_with(|| {
            order.push(r.cluster.clone());
            Vec::new()
        });
        if !v.contains(&r.name) {
            v.push(r.name.clone());
        }
    }
    order
        .into_iter()
        .filter_map(|c| {
            let v = by.remove(c.as_str())?;
            (v.len() >= 2).then_some((c, v))
        })
        .collect()
}

/// B-cubed precision, recall and F1 of a predicted clustering against a gold
/// one, both given as item → cluster label, over the gold items.
pub fn bcubed<G, P>(gold: &HashMap<String, G>, pred: &HashMap<String, P>) -> (f64, f64, f64)
where
    G: Eq + std::hash::Hash + Clone,
    P: Eq + std::hash::Hash + Clone,
{
    let mut gsize: HashMap<G, f64> = HashMap::new();
    let mut psize: HashMap<P, f64> = HashMap::new();
    let mut both: HashMap<(G, P), f64> = HashMap::new();
    for (item, g) in gold {
        let p = pred
            .get(item)
            .unwrap_or_else(|| panic!("{item} has no predicted cluster"))
            .clone();
        *gsize.entry(g.clone()).or_default() += 1.0;
        *psize.entry(p.clone()).or_default() += 1.0;
        *both.entry((g.clone(), p)).or_default() += 1.0;
    }
    let n = gold.len().max(1) as f64;
    let (mut precision, mut recall) = (0.0, 0.0);
    for ((g, p), k) in &both {
        // each of the k items sees k correct items in its predicted cluster
        precision += k * k / psize[p];
        recall += k * k / gsize[g];
    }
    let (precision, recall) = (precision / n, recall / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}
