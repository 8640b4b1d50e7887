#!/usr/bin/env python3
"""Tune letter costs for ranking, by a structured perceptron over resolver errors.

    train_costs.py SPLITS_DIR PREFIX [--rounds 4] [--lr 0.02] [--holdout 0]

SPLITS_DIR/PREFIX.arabres.* are the Arabic->Arabic resolve split cut by
../shared/eval/tools/make_splits.py. Each round builds the `resolve`
example with the current tables (data/letters.tsv, data/costs.tsv), runs
it, and for every query of a *training* cluster (sha1(cluster_id) % 5 !=
--holdout) whose answer is wrong, aligns the query with the right table
spelling and with the wrong one under the current costs: edits used in the
right alignment get cheaper by --lr, edits used in the wrong one dearer.
Costs stay in [0.05, 1], symmetric; consonant insertions/deletions stay at
or under MAX_CONSONANT_INDEL (see fit_costs.py). After the last round the
tables of the round with the best training accuracy are kept, and the
held-out accuracy of every round is printed: only held-out figures are
evidence. Only per-letter costs are written, never names.
"""
import argparse, collections, hashlib, os, subprocess, sys

sys.path.insert(0, os.path.dirname(__file__))
import fit_costs as fc  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")


def write_tables(lh, letters, ch, hand_pairs, indel, sub):
    with open(os.path.join(ROOT, "data/letters.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(lh) + "\n")
        for r in letters:
            key = " " if r[0] == "<space>" else r[0]
            r = list(r)
            r[2] = f"{round(indel[key], 2):g}"
            f.write("\t".join(r) + "\n")
    notes = {(r[0], r[1]): (r[3] if len(r) > 3 else "") for r in hand_pairs}
    done = set()
    keys = [(r[0], r[1]) for r in hand_pairs] + sorted(k for k in sub if k not in notes and (k[1], k[0]) not in notes)
    with open(os.path.join(ROOT, "data/costs.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(ch) + "\n")
        for a, b in keys:
            if (a, b) in done or (b, a) in done or a == b:
                continue
            done.add((a, b))
            v = round(sub.get((a, b), 1.0), 2)
            if v >= 1.0 and (a, b) not in notes:
                continue
            f.write(f"{a}\t{b}\t{v:g}\t{notes.get((a, b), 'trained')}\n")


def run_resolver(d, pre):
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "resolve"], cwd=ROOT, check=True)
    out = subprocess.run(
        [os.path.join(ROOT, "target/release/examples/resolve"), "--no-builtin", "--aliases",
         f"{d}/{pre}.arabres.aliases.tsv", f"{d}/{pre}.arabres.queries.txt"],
        capture_output=True, text=True, check=True).stdout.splitlines()[1:]
    return [l.split("\t") for l in out]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("splits")
    ap.add_argument("prefix")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--lr", type=float, default=0.02)
    ap.add_argument("--holdout", type=int, default=0)
    a = ap.parse_args()
    first = {}
    for l in open(f"{a.splits}/{a.prefix}.arabres.aliases.tsv", encoding="utf-8").read().splitlines()[1:]:
        e, n = l.split("\t")
        first.setdefault(e, n)
    gold = {}
    for l in open(f"{a.splits}/{a.prefix}.arabres.gold.tsv", encoding="utf-8").read().splitlines()[1:]:
        c = l.split("\t")
        gold[c[1]] = c[0]
    fold = lambda cid: int(hashlib.sha1(cid.encode()).hexdigest(), 16) % 5
    best = None
    for rnd in range(a.rounds + 1):
        lh, letters, ch, hand_pairs, indel, sub, params = fc.load_costs()
        rows = run_resolver(a.splits, a.prefix)
        stats = collections.Counter()
        updates = []
        for q, e, _can, _s in rows:
            g = gold.get(q.strip())
            if g is None:
                continue
            part = "heldout" if fold(g) == a.holdout else "train"
            stats[part] += 1
            stats[part + "_ok"] += e == g
            if part == "train" and e != g and e:
                updates.append((fc.norm(q), fc.norm(first[g]), fc.norm(first[e])))
        tr = stats["train_ok"] / max(1, stats["train"])
        ho = stats["heldout_ok"] / max(1, stats["heldout"])
        print(f"round {rnd}: train acc@1 {tr:.3f} (n={stats['train']}), held-out acc@1 {ho:.3f} (n={stats['heldout']}), {len(updates)} errors", file=sys.stderr)
        if best is None or tr > best[0]:
            best = (tr, ho, rnd, dict(indel), dict(sub))
        if rnd == a.rounds:
            break
        # Net direction per cost over all errors, then one bounded step each:
        # a batch of a thousand errors must not swing a cost end to end.
        net_sub, net_indel = collections.Counter(), collections.Counter()
        for q, good, bad in updates:
            for sign, other in ((-1, good), (1, bad)):
                for op, x, y in fc.align(q, other, indel, sub, params["transpose"]):
                    if op == "s" and x != y:
                        net_sub[tuple(sorted((x, y)))] += sign
                    elif op == "d":
                        net_indel[x] += sign
        n = max(1, len(updates))
        step = lambda c: max(-a.lr, min(a.lr, c * 20.0 / n * a.lr))
        for (x, y), c in net_sub.items():
            v = min(1.0, max(0.05, sub.get((x, y), 1.0) + step(c)))
            sub[(x, y)] = sub[(y, x)] = v
        for x, c in net_indel.items():
            indel[x] = min(1.0, max(0.05, indel[x] + step(c)))
        for c in indel:
            if "\u0621" <= c <= "\u06ff" and c not in "اويءعه":
                indel[c] = min(indel[c], fc.MAX_CONSONANT_INDEL)
        write_tables(lh, letters, ch, hand_pairs, indel, sub)
    tr, ho, rnd, indel, sub = best
    lh, letters, ch, hand_pairs, _, _, _ = fc.load_costs()
    write_tables(lh, letters, ch, hand_pairs, indel, sub)
    print(f"kept round {rnd}: train {tr:.3f}, held-out {ho:.3f}", file=sys.stderr)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--example", "resolve"], cwd=ROOT, check=True)


if __name__ == "__main__":
    main()
