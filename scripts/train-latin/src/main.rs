//! Fits `data/costs_latin.tsv`: substitution costs for comparing a
//! romanised Latin name with an Arabic spelling, by a structured perceptron
//! over the resolver's errors on the training folds. With `--prior`, fits
//! the resolver's prior instead: `data/prior_latin.tsv` on the same split,
//! or with `--arabic` `data/prior_arabic.tsv` on the Arabic→Arabic split
//! (`SPLITS/PREFIX.arabres.*`); see `fit_prior`. `--dump FILE` writes every
//! query's best ten candidates, priors off, for study.
//!
//! ```text
//! python3 ../shared/eval/tools/make_splits.py ../shared/eval/dev.tsv /tmp/splits_full dev
//! printf 'a\tb\tcost\tnote\n' > data/costs_latin.tsv   # start from the plain costs
//! cargo run --release --manifest-path scripts/train-latin/Cargo.toml -- \
//!     /tmp/splits_full dev --rounds 14 --lr 0.04 --write
//! ```
//!
//! `SPLITS/PREFIX.xres.*` is the Latin→Arabic resolve split (all Latin
//! spellings as queries, the first Arabic spelling of every cluster as the
//! table). A cluster is in the held-out fold when
//! `sha1(cluster_id) % 5 == --holdout` (default 0), as for
//! `scripts/train_costs.py`. Each round resolves every query with the
//! current pairs; for each wrong answer of a training cluster whose right
//! entity is among the top 50, it aligns the query with the right and the
//! wrong spelling: substitutions of the right alignment get cheaper, those
//! of the wrong one dearer (with `--indels`, insertions and deletions too),
//! by one bounded step per letter pair over the round. Costs stay in
//! [0.05, 1]. The round with the best training accuracy is kept; the
//! held-out accuracy of every round is printed, and only it is evidence.
//! Only letter pairs are written, never names. Each round takes about 13 s
//! on 2 cores for the 88,608 queries.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

use asmaa::{AliasTable, Costs, Op, Resolver};

const TOP: usize = 50;
const FLOOR: f32 = 0.05;

fn fold(cluster: &str) -> u32 {
    let d = sha1_smol::Sha1::from(cluster).digest().bytes();
    // The digest as a big-endian integer, mod 5.
    d.iter().fold(0u32, |m, &b| (m * 256 + b as u32) % 5)
}

/// An indel of `a` is the key `(a, INDEL)`, written `a<TAB>-`.
const INDEL: char = '-';

fn pairs_tsv(pairs: &Pairs) -> String {
    let mut s = String::from("a\tb\tcost\tnote\n");
    for (&(a, b), &v) in pairs {
        let _ = writeln!(s, "{a}\t{b}\t{v:.2}\ttrained");
    }
    s
}

/// The cost of `k` in `costs`.
fn cost_of(costs: &Costs, k: (char, char)) -> f32 {
    if k.1 == INDEL {
        costs.indel(k.0)
    } else {
        costs.substitution(k.0, k.1)
    }
}

fn read_pairs(path: &PathBuf) -> Pairs {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for l in text.lines().skip(1) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let (Some(a), Some(b)) = (f[0].chars().next(), f[1].chars().next()) else {
            continue;
        };
        if let Ok(v) = f[2].parse::<f32>() {
            out.insert(if b == INDEL { (a, b) } else { key(a, b) }, v);
        }
    }
    out
}

/// Letter pairs (or an indel: `(a, INDEL)`) and their costs.
type Pairs = BTreeMap<(char, char), f32>;

/// Per query: in a training fold, answered right, the edits of the right
/// alignment, the edits of the wrong one.
type Outcome = (bool, bool, Vec<(char, char)>, Vec<(char, char)>);

fn key(a: char, b: char) -> (char, char) {
    if a <= b { (a, b) } else { (b, a) }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: &str| -> String {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| default.to_string())
    };
    let pos: Vec<&String> = args
        .iter()
        .enumerate()
        .filter(|&(i, a)| {
            !a.starts_with("--")
                && (i == 0
                    || ![
                        "--rounds",
                        "--lr",
                        "--holdout",
                        "--dump",
                        "--epochs",
                        "--depth",
                        "--slack",
                        "--skip",
                        "--scale",
                    ]
                    .contains(&args[i - 1].as_str()))
        })
        .map(|(_, a)| a)
        .collect();
    if pos.len() != 2 {
        eprintln!(
            "usage: train-latin SPLITS PREFIX [--rounds N] [--lr X] [--holdout F] [--indels] [--write] [--prior [--arabic] [--epochs N] [--depth N] [--slack X] [--skip KINDS] [--scale X]] [--dump FILE]"
        );
        std::process::exit(2);
    }
    let (dir, pre) = (pos[0], pos[1]);
    let rounds: usize = flag("--rounds", "8").parse().expect("--rounds: a number");
    let lr: f32 = flag("--lr", "0.03").parse().expect("--lr: a number");
    let holdout: u32 = flag("--holdout", "0").parse().expect("--holdout: a number");
    let write = args.iter().any(|a| a == "--write");
    let indels = args.iter().any(|a| a == "--indels");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1).cloned());

    // --arabic: the Arabic->Arabic split (for --prior), else Latin->Arabic.
    let arabic = args.iter().any(|a| a == "--arabic");
    let set = if arabic { "arabres" } else { "xres" };
    let table = AliasTable::from_path(format!("{dir}/{pre}.{set}.aliases.tsv")).expect("table");
    let queries: Vec<String> = std::fs::read_to_string(format!("{dir}/{pre}.{set}.queries.txt"))
        .expect("queries")
        .lines()
        .map(str::to_string)
        .collect();
    let gold: HashMap<String, String> =
        std::fs::read_to_string(format!("{dir}/{pre}.{set}.gold.tsv"))
            .expect("gold")
            .lines()
            .skip(1)
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                (f.len() >= 2).then(|| (f[1].to_string(), f[0].to_string()))
            })
            .collect();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/costs_latin.tsv");
    if args.iter().any(|a| a == "--prior") {
        // 3 and 4 epochs did best on the training folds (Latin, Arabic).
        let epochs: usize = flag("--epochs", if arabic { "4" } else { "3" })
            .parse()
            .expect("--epochs: a number");
        let (depth, slack) = asmaa::prior_window(!arabic);
        let depth: usize = flag("--depth", &depth.to_string())
            .parse()
            .expect("--depth: a number");
        let slack: f32 = flag("--slack", &slack.to_string())
            .parse()
            .expect("--slack: a number");
        let out = if arabic {
            "prior_arabic.tsv"
        } else {
            "prior_latin.tsv"
        };
        let skip = flag("--skip", "");
        let scale: f32 = flag("--scale", "1").parse().expect("--scale: a number");
        let fit = Fit {
            holdout,
            epochs,
            depth,
            slack,
            skip: skip
                .split(',')
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect(),
            scale,
        };
        fit_prior(&table, &queries, &gold, &fit, write.then_some(out));
        return;
    }
    if let Some(path) = dump {
        dump_top(&table, &queries, &gold, holdout, &path);
        return;
    }
    let mut pairs = read_pairs(&data);
    let base = Costs::shipped();
    let mut best: Option<(f64, f64, usize, Pairs)> = None;
    for round in 0..=rounds {
        let latin = base
            .with_pairs(pairs_tsv(&pairs).as_bytes())
            .expect("pairs");
        let r_costs = &latin;
        let r = Resolver::builder()
            .builtin(false)
            .table(table.clone())
            .latin_costs(latin.clone())
            .build()
            .expect("resolver");
        // (is_train, right, gold alignment ops, wrong alignment ops)
        let results: Vec<Outcome> = std::thread::scope(|s| {
            let chunks: Vec<_> = queries
                .chunks(queries.len().div_ceil(2).max(1))
                .map(|chunk| {
                    let r = &r;
                    let gold = &gold;
                    s.spawn(move || {
                        let mut out = Vec::new();
                        let latin = r_costs;
                        for q in chunk {
                            let Some(g) = gold.get(q) else { continue };
                            let train = fold(g) != holdout;
                            let top = r
                                .resolve_top(q, if train { TOP } else { 1 })
                                .unwrap_or_default();
                            let right = top.first().is_some_and(|m| &m.entity.id == g);
                            let (mut good, mut bad) = (Vec::new(), Vec::new());
                            let found = (train && !right)
                                .then(|| top.iter().find(|m| &m.entity.id == g))
                                .flatten();
                            if let Some(gm) = found {
                                // Substitutions, and indels priced at the
                                // letter's own cost (not a soft or prefix one).
                                let subs = |m: &asmaa::Match| {
                                    m.alignment
                                        .steps()
                                        .iter()
                                        .filter_map(|s| {
                                            let a = s.a.chars().next();
                                            let b = s.b.chars().next();
                                            match s.op {
                                                Op::Substitute => Some(key(a?, b?)),
                                                Op::Insert | Op::Delete if indels => {
                                                    let c = a.or(b)?;
                                                    ((s.cost - latin.indel(c)).abs() < 1e-4)
                                                        .then_some((c, INDEL))
                                                }
                                                _ => None,
                                            }
                                        })
                                        .collect::<Vec<_>>()
                                };
                                good = subs(gm);
                                bad = subs(&top[0]);
                            }
                            out.push((train, right, good, bad));
                        }
                        out
                    })
                })
                .collect();
            chunks
                .into_iter()
                .flat_map(|h| h.join().expect("worker"))
                .collect()
        });
        let (mut n, mut ok) = ([0usize; 2], [0usize; 2]);
        let mut net: HashMap<(char, char), i64> = HashMap::new();
        let mut updates = 0usize;
        for (train, right, good, bad) in &results {
            let i = *train as usize;
            n[i] += 1;
            ok[i] += *right as usize;
            if !good.is_empty() || !bad.is_empty() {
                updates += 1;
            }
            for k in good {
                *net.entry(*k).or_default() -= 1;
            }
            for k in bad {
                *net.entry(*k).or_default() += 1;
            }
        }
        let tr = ok[1] as f64 / n[1].max(1) as f64;
        let ho = ok[0] as f64 / n[0].max(1) as f64;
        eprintln!(
            "round {round}: train acc@1 {tr:.4} (n={}), held-out acc@1 {ho:.4} (n={}), {updates} errors with the right entity in the top {TOP}, {} pairs",
            n[1],
            n[0],
            pairs.len()
        );
        if best.as_ref().is_none_or(|b| tr > b.0) {
            best = Some((tr, ho, round, pairs.clone()));
        }
        if round == rounds {
            break;
        }
        // One bounded step per pair: a batch of thousands of errors must not
        // swing a cost end to end.
        let m = updates.max(1) as f32;
        for (k, c) in net {
            let step = (c as f32 * 20.0 / m * lr).clamp(-lr, lr);
            let now = pairs.get(&k).copied().unwrap_or_else(|| cost_of(&base, k));
            let v = (now + step).clamp(FLOOR, 1.0);
            if (v - cost_of(&base, k)).abs() < 0.005 {
                pairs.remove(&k);
            } else {
                pairs.insert(k, v);
            }
        }
    }
    let (tr, ho, round, pairs) = best.expect("one round");
    eprintln!(
        "kept round {round}: train {tr:.4}, held-out {ho:.4}, {} pairs",
        pairs.len()
    );
    if write {
        std::fs::write(&data, pairs_tsv(&pairs)).expect("write data/costs_latin.tsv");
        eprintln!("wrote {}", data.display());
    } else {
        print!("{}", pairs_tsv(&pairs));
    }
}

/// Writes the top candidates of every query, for studying a reranker:
/// `train query gold rank entity matched score` (train: 1 in a training fold).
fn dump_top(
    table: &AliasTable,
    queries: &[String],
    gold: &HashMap<String, String>,
    holdout: u32,
    path: &str,
) {
    let r = plain_resolver(table);
    let rows: Vec<String> = on_both_cores(queries, gold, |q, g| {
        let train = u8::from(fold(g) != holdout);
        let top = r.resolve_top(q, 10).unwrap_or_default();
        let mut s = String::new();
        for (i, m) in top.iter().enumerate() {
            let _ = writeln!(
                s,
                "{train}\t{q}\t{g}\t{i}\t{}\t{}\t{:.5}",
                m.entity.id, m.matched, m.score
            );
        }
        if top.is_empty() {
            let _ = writeln!(s, "{train}\t{q}\t{g}\t-1\t\t\t0");
        }
        s
    });
    let mut text = String::from("train\tquery\tgold\trank\tentity\tmatched\tscore\n");
    for r in rows {
        text.push_str(&r);
    }
    std::fs::write(path, text).expect("write dump");
}

/// A feature of a prior: its kind and letters, as in `data/prior_*.tsv`.
type Feat = (&'static str, char, char);

/// One query's candidates for the prior: in a training fold, the right
/// candidate's place, and each candidate's score and features.
type PriorCase = (bool, Option<usize>, Vec<(f32, Vec<(Feat, f32)>)>);

/// How to fit a prior: the held-out fold, perceptron epochs, and the
/// resolver's window (how many candidates, within what of the best).
struct Fit {
    holdout: u32,
    epochs: usize,
    depth: usize,
    slack: f32,
    /// Feature kinds left out (`--skip a,b`), to measure what each adds.
    skip: Vec<String>,
    /// Factor on the fitted weights (`--scale`, default 1).
    scale: f32,
}

/// Fits `data/prior_latin.tsv` (Latin->Arabic split) or, with `--arabic`,
/// `data/prior_arabic.tsv` (Arabic->Arabic split): the weights by which the
/// resolver reorders a query's best candidates (at most `depth`, within
/// `slack` of the best; `--depth` and `--slack` try other values than the
/// resolver's). An averaged perceptron over the training folds raises the
/// right candidate over every other one that scores within a small margin
/// of it. Prints accuracy@1 with and without the prior for both folds;
/// with `--write`, writes the weights to `data/OUT`.
fn fit_prior(
    table: &AliasTable,
    queries: &[String],
    gold: &HashMap<String, String>,
    fit: &Fit,
    out: Option<&str>,
) {
    let Fit {
        holdout,
        epochs,
        depth,
        slack,
        ..
    } = *fit;
    let skip = &fit.skip;
    const LR: f32 = 0.002;
    const MARGIN: f32 = 0.002;
    let r = plain_resolver(table);
    let cases: Vec<PriorCase> = on_both_cores(queries, gold, |q, g| {
        // The candidates the resolver reorders: the best few, within the
        // slack of the best.
        let mut top = r.resolve_top(q, depth).unwrap_or_default();
        let best = top.first().map_or(0.0, |m| m.score);
        top.retain(|m| m.score >= best - slack);
        // As the resolver: for an Arabic query of one part, only Arabic
        // spellings of as many parts as the best take part; other queries
        // keep the best.
        let nq = asmaa::normalize(q);
        if !nq.is_latin() {
            let parts = |m: &asmaa::Match| asmaa::normalize(&m.matched).parts().len();
            let want = top.first().map_or(0, parts);
            let arabic = |m: &asmaa::Match| !asmaa::normalize(&m.matched).is_latin();
            if asmaa::prior_query(q).contains(' ') || !top.first().is_some_and(arabic) {
                top.truncate(1);
            }
            top.retain(|m| parts(m) == want && arabic(m));
        }
        let right = top.iter().position(|m| m.entity.id == g);
        let cands = top
            .iter()
            .map(|m| {
                let f = asmaa::prior_features(q, m)
                    .into_iter()
                    .filter(|(k, ..)| !skip.iter().any(|s| s == k))
                    .map(|(k, l, a, v)| ((k, l, a), v))
                    .collect();
                (m.score, f)
            })
            .collect();
        (fold(g) != holdout, right, cands)
    });
    type W = HashMap<Feat, f32>;
    let score = |w: &W, c: &(f32, Vec<(Feat, f32)>)| -> f32 {
        c.0 + c
            .1
            .iter()
            .map(|(f, v)| w.get(f).copied().unwrap_or(0.0) * v)
            .sum::<f32>()
    };
    let accuracy = |w: &W, train: bool| -> f64 {
        let (mut n, mut ok) = (0usize, 0usize);
        for (t, right, cands) in &cases {
            if *t != train {
                continue;
            }
            n += 1;
            // The first of the best, as the resolver's stable sort keeps it.
            let mut best: Option<(usize, f32)> = None;
            for (i, c) in cands.iter().enumerate() {
                let s = score(w, c);
                if best.is_none_or(|(_, b)| s > b) {
                    best = Some((i, s));
                }
            }
            ok += usize::from(best.map(|b| b.0) == *right && right.is_some());
        }
        ok as f64 / n.max(1) as f64
    };
    let none = W::new();
    eprintln!(
        "without the prior: train acc@1 {:.4}, held-out {:.4}",
        accuracy(&none, true),
        accuracy(&none, false)
    );
    let mut train: Vec<&PriorCase> = cases
        .iter()
        .filter(|(t, right, c)| *t && right.is_some() && c.len() > 1)
        .collect();
    let (mut w, mut wsum) = (W::new(), W::new());
    let mut step = 0f32;
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut avg = W::new();
    for epoch in 0..epochs {
        // A seeded Fisher-Yates shuffle.
        for i in (1..train.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            train.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for (_, right, cands) in &train {
            step += 1.0;
            let g = right.expect("filtered");
            for (i, c) in cands.iter().enumerate() {
                if i == g || score(&w, c) < score(&w, &cands[g]) - MARGIN {
                    continue;
                }
                for (f, v) in &cands[g].1 {
                    *w.entry(*f).or_default() += LR * v;
                    *wsum.entry(*f).or_default() += step * LR * v;
                }
                for (f, v) in &c.1 {
                    *w.entry(*f).or_default() -= LR * v;
                    *wsum.entry(*f).or_default() -= step * LR * v;
                }
            }
        }
        avg = w.iter().map(|(f, v)| (*f, v - wsum[f] / step)).collect();
        eprintln!(
            "epoch {epoch}: train acc@1 {:.4}, held-out {:.4}, {} features",
            accuracy(&avg, true),
            accuracy(&avg, false),
            avg.len()
        );
    }
    let mut rows: Vec<(Feat, f32)> = avg
        .into_iter()
        .map(|(f, v)| (f, (v * fit.scale * 10_000.0).round() / 10_000.0))
        .filter(|(_, v)| v.abs() >= 0.0005)
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::from("feature\tquery\ttable\tweight\n");
    for ((k, l, a), v) in &rows {
        let _ = writeln!(text, "{k}\t{l}\t{a}\t{v}");
    }
    let rounded: W = rows.into_iter().collect();
    eprintln!(
        "rounded weights: train acc@1 {:.4}, held-out {:.4}",
        accuracy(&rounded, true),
        accuracy(&rounded, false)
    );
    if let Some(out) = out {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../data")
            .join(out);
        std::fs::write(&path, text).expect("write the prior");
        eprintln!("wrote {}", path.display());
    }
}

/// A resolver over `table` alone, the priors off.
fn plain_resolver(table: &AliasTable) -> Resolver {
    Resolver::builder()
        .builtin(false)
        .table(table.clone())
        .prior(false)
        .build()
        .expect("resolver")
}

/// `each(query, gold entity)` for every query with a gold entity, in
/// order, on two threads.
fn on_both_cores<T: Send>(
    queries: &[String],
    gold: &HashMap<String, String>,
    each: impl Fn(&str, &str) -> T + Sync,
) -> Vec<T> {
    std::thread::scope(|s| {
        let each = &each;
        let hs: Vec<_> = queries
            .chunks(queries.len().div_ceil(2).max(1))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|q| gold.get(q).map(|g| each(q, g)))
                        .collect::<Vec<T>>()
                })
            })
            .collect();
        hs.into_iter()
            .flat_map(|h| h.join().expect("worker"))
            .collect()
    })
}
