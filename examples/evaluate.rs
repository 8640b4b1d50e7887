//! Score clustering against gold clusters: B-cubed and pairwise P/R/F1.
//!
//! ```text
//! cargo run --release --example evaluate -- GOLD.tsv [--no-aliases] [--script arab|latn] [--kind KIND] [--threshold T]
//! ```
//!
//! GOLD.tsv has the header `cluster_id<TAB>name<TAB>script<TAB>kind` (the
//! format of the shared dev set). All its names (after the `--script` and
//! `--kind` filters) are clustered in one run; names listed under two gold
//! clusters are left out and counted. Prints B-cubed and pairwise
//! precision, recall and F1 overall and per kind and script, and for
//! mixed-script gold clusters; the last line is
//! `bcubed_p=… bcubed_r=… bcubed_f1=… pairwise_f1=… n=…`.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::BufWriter;
use std::process::ExitCode;

use asmaa::Clusterer;
use common::{Args, emit, fail, finish, lines, read_input};

/// Scores of one subset.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Scores {
    bp: f64,
    br: f64,
    pp: f64,
    pr: f64,
    n: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// B-cubed and pairwise scores of `pred` against `gold` over the items
/// `keep` (labels are per item; the whole labelling counts for cluster sizes
/// only through the kept items).
fn score(gold: &[usize], pred: &[usize], keep: &[usize]) -> Scores {
    let mut g: HashMap<usize, usize> = HashMap::new();
    let mut p: HashMap<usize, usize> = HashMap::new();
    let mut gp: HashMap<(usize, usize), usize> = HashMap::new();
    for &i in keep {
        *g.entry(gold[i]).or_default() += 1;
        *p.entry(pred[i]).or_default() += 1;
        *gp.entry((gold[i], pred[i])).or_default() += 1;
    }
    let n = keep.len();
    let (mut bp, mut br) = (0.0, 0.0);
    for &i in keep {
        let both = gp[&(gold[i], pred[i])] as f64;
        bp += both / p[&pred[i]] as f64;
        br += both / g[&gold[i]] as f64;
    }
    let tp = pairs(gp.values());
    let (pp_den, pr_den) = (pairs(p.values()), pairs(g.values()));
    Scores {
        bp: if n == 0 { 1.0 } else { bp / n as f64 },
        br: if n == 0 { 1.0 } else { br / n as f64 },
        pp: if pp_den == 0.0 { 1.0 } else { tp / pp_den },
        pr: if pr_den == 0.0 { 1.0 } else { tp / pr_den },
        n,
    }
}

/// Number of pairs within groups of the given sizes.
fn pairs<'a>(sizes: impl Iterator<Item = &'a usize>) -> f64 {
    sizes.map(|&c| (c * c.saturating_sub(1) / 2) as f64).sum()
}

fn main() -> ExitCode {
    let args = match Args::parse(&["no-aliases", "help"], &["script", "kind", "threshold"]) {
        Ok(a) => a,
        Err(e) => return fail(e),
    };
    if args.has("help") {
        println!(
            "usage: evaluate GOLD.tsv [--no-aliases] [--script arab|latn] [--kind KIND] [--threshold T]"
        );
        return ExitCode::SUCCESS;
    }
    if let Err(e) = args.at_most(1) {
        return fail(e);
    }
    let Some(path) = args.positional.first() else {
        return fail("missing GOLD.tsv");
    };
    let script = args.value("script");
    if script.is_some_and(|s| s != "arab" && s != "latn") {
        return fail("--script takes arab or latn");
    }
    let kind = args.value("kind");
    let text = match read_input(Some(path)) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    // Gold rows.
    let mut rows = lines(&text)
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = rows.next() else {
        return fail(format!("{path}: empty file (no header)"));
    };
    let cols: Vec<&str> = header
        .trim_start_matches('\u{FEFF}')
        .split('\t')
        .map(str::trim)
        .collect();
    let col = |name: &str| cols.iter().position(|c| *c == name);
    let (Some(ci), Some(ni), Some(si), Some(ki)) =
        (col("cluster_id"), col("name"), col("script"), col("kind"))
    else {
        return fail(format!(
            "{path}: header must have cluster_id, name, script and kind"
        ));
    };
    let mut entries: Vec<(String, String, String, String)> = Vec::new();
    for (lineno, line) in rows {
        let f: Vec<&str> = line.split('\t').collect();
        let need = ci.max(ni).max(si).max(ki);
        if f.len() <= need {
            return fail(format!(
                "{path}:{}: expected {} fields, found {}",
                lineno + 1,
                cols.len(),
                f.len()
            ));
        }
        let (c, n, s, k) = (f[ci].trim(), f[ni].trim(), f[si].trim(), f[ki].trim());
        if c.is_empty() || n.is_empty() {
            return fail(format!("{path}:{}: empty cluster_id or name", lineno + 1));
        }
        if script.is_some_and(|x| x != s) || kind.is_some_and(|x| x != k) {
            continue;
        }
        entries.push((c.to_string(), n.to_string(), s.to_string(), k.to_string()));
    }
    // Names under two gold clusters are left out.
    let mut owners: HashMap<&str, Vec<&str>> = HashMap::new();
    for (c, n, _, _) in &entries {
        let o = owners.entry(n.as_str()).or_default();
        if !o.contains(&c.as_str()) {
            o.push(c.as_str());
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut items: Vec<(&str, &str, &str, &str)> = Vec::new();
    let mut dropped = 0usize;
    for (c, n, s, k) in &entries {
        if owners[n.as_str()].len() > 1 {
            dropped += usize::from(!seen.contains_key(n.as_str()));
            seen.insert(n.as_str(), usize::MAX);
            continue;
        }
        if seen.contains_key(n.as_str()) {
            continue;
        }
        seen.insert(n.as_str(), items.len());
        items.push((c.as_str(), n.as_str(), s.as_str(), k.as_str()));
    }
    let mut builder = Clusterer::builder().anchors(!args.has("no-aliases"));
    match args.threshold() {
        Ok(Some(t)) => builder = builder.threshold(t),
        Ok(None) => {}
        Err(e) => return fail(e),
    }
    let clusterer = match builder.build() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let started = std::time::Instant::now();
    let clustering = clusterer.cluster(items.iter().map(|x| x.1));
    let elapsed = started.elapsed();
    let mut gold_ids: HashMap<&str, usize> = HashMap::new();
    let gold: Vec<usize> = items
        .iter()
        .map(|x| {
            let next = gold_ids.len();
            *gold_ids.entry(x.0).or_insert(next)
        })
        .collect();
    let pred: Vec<usize> = items
        .iter()
        .map(|x| clustering.cluster_of(x.1).map_or(usize::MAX, |c| c.id))
        .collect();
    // Subsets: all, per kind, per script, and mixed-script gold clusters.
    let mut subsets: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut scripts_of: HashMap<usize, (bool, bool)> = HashMap::new();
    for (i, x) in items.iter().enumerate() {
        subsets.entry("all".into()).or_default().push(i);
        subsets.entry(format!("kind={}", x.3)).or_default().push(i);
        subsets
            .entry(format!("script={}", x.2))
            .or_default()
            .push(i);
        let e = scripts_of.entry(gold[i]).or_default();
        if x.2 == "arab" {
            e.0 = true;
        } else {
            e.1 = true;
        }
    }
    for i in 0..items.len() {
        if scripts_of[&gold[i]] == (true, true) {
            subsets
                .entry("mixed-script clusters".into())
                .or_default()
                .push(i);
        }
    }
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut w = |line: std::fmt::Arguments<'_>| emit(&mut out, line);
    let r = (|| -> Result<(), ExitCode> {
        w(format_args!(
            "# {} names, {} gold clusters, {} predicted; {} names under two gold clusters left out; clustering took {:.2}s\n",
            items.len(),
            gold_ids.len(),
            clustering.len(),
            dropped,
            elapsed.as_secs_f64()
        ))?;
        w(format_args!(
            "subset\tn\tbcubed_p\tbcubed_r\tbcubed_f1\tpairwise_p\tpairwise_r\tpairwise_f1\n"
        ))?;
        for (name, keep) in &subsets {
            let s = score(&gold, &pred, keep);
            w(format_args!(
                "{name}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\n",
                s.n,
                s.bp,
                s.br,
                f1(s.bp, s.br),
                s.pp,
                s.pr,
                f1(s.pp, s.pr)
            ))?;
        }
        let s = score(
            &gold,
            &pred,
            &subsets.get("all").cloned().unwrap_or_default(),
        );
        w(format_args!(
            "bcubed_p={:.3} bcubed_r={:.3} bcubed_f1={:.3} pairwise_f1={:.3} n={}\n",
            s.bp,
            s.br,
            f1(s.bp, s.br),
            f1(s.pp, s.pr),
            s.n
        ))
    })();
    if let Err(code) = r {
        return code;
    }
    finish(&mut out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_cases() {
        // gold {a,b,c} {d}; pred {a,b} {c,d}
        let gold = [0, 0, 0, 1];
        let pred = [0, 0, 1, 1];
        let s = score(&gold, &pred, &[0, 1, 2, 3]);
        // B-cubed P: a 2/2, b 2/2, c 1/2, d 1/2 → 3/4; R: a 2/3, b 2/3, c 1/3, d 1 → 2/3
        assert!((s.bp - 0.75).abs() < 1e-9 && (s.br - 2.0 / 3.0).abs() < 1e-9);
        // Pairwise: predicted pairs ab, cd; gold pairs ab, ac, bc; tp = ab
        assert!((s.pp - 0.5).abs() < 1e-9 && (s.pr - 1.0 / 3.0).abs() < 1e-9);
        // All singletons: pairwise P vacuous 1, R 0.
        let s = score(&gold, &[0, 1, 2, 3], &[0, 1, 2, 3]);
        assert_eq!((s.pp, s.pr), (1.0, 0.0));
        assert!((s.bp - 1.0).abs() < 1e-9 && (s.br - 0.5).abs() < 1e-9);
    }
}
