#!/usr/bin/env python3
"""Fit letter substitution and insertion/deletion costs from name clusters.

    fit_costs.py DEV.tsv [--rounds 3] [--holdout 0] [--write]

Reads gold clusters (header `cluster_id name script kind`), keeps the
Arabic spellings, and for every pair of distinct spellings of one cluster
computes the cheapest alignment under the current costs (data/letters.tsv,
data/costs.tsv, data/params.tsv). It counts how often each letter is
substituted for another and how often it is inserted or deleted, relative
to how often it occurs, and turns those rates into costs:

    cost = clamp(-ln(rate) / ln(RATE_ONE), FLOOR, 1)

so that an edit seen once in RATE_ONE occurrences costs 1 and frequent
confusions are cheap. Counts are blended with the hand-written prior
(PRIOR_WEIGHT pseudo-observations at the prior cost), so rare pairs keep
their linguist-set cost. Clusters whose sha1(cluster_id) % 5 == --holdout
are left out of fitting (kept for honest evaluation).

With --write, rewrites data/costs.tsv (the `cost` column of listed pairs
and fitted pairs with enough evidence) and the `indel` column of
data/letters.tsv, keeping classes and notes. Only statistics (rates per
letter pair) enter the tables, never names.
"""
import argparse, collections, hashlib, math, os, re, sys

ROOT = os.path.join(os.path.dirname(__file__), "..")
RATE_ONE = 400.0      # an edit seen once per 400 occurrences costs 1
FLOOR = 0.1
PRIOR_WEIGHT = 20.0   # pseudo-count weight of the hand-written cost
MIN_EVIDENCE = 8      # fitted pairs not in the hand table need this many events
# Machine translation drops and adds consonants far more often than the human
# transliterations of the development data do (حفتر → دهثر, هوتر): consonant
# insertions/deletions are capped so that one such edit stays cheaper than an
# unrelated substitution plus a vowel.
MAX_CONSONANT_INDEL = 0.4

MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و"})


def norm(s):
    s = MARKS.sub("", s).translate(FOLD)
    return " ".join(re.sub(r"[^\w]", " ", s).split())


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        return head, [l.rstrip("\n").split("\t") for l in f if l.strip()]


def load_costs():
    lh, letters = read_tsv(os.path.join(ROOT, "data/letters.tsv"))
    ch, pairs = read_tsv(os.path.join(ROOT, "data/costs.tsv"))
    _, params = read_tsv(os.path.join(ROOT, "data/params.tsv"))
    indel = {r[0]: float(r[2]) for r in letters}
    indel[" "] = indel.pop("<space>")
    sub = {}
    for a, b, c, *_ in pairs:
        sub[(a, b)] = sub[(b, a)] = float(c)
    p = {r[0]: float(r[1]) for r in params}
    return lh, letters, ch, pairs, indel, sub, p


def align(a, b, indel, sub, t):
    n, m = len(a), len(b)
    ind = lambda c: indel.get(c, 1.0)
    sc = lambda x, y: 0.0 if x == y else sub.get((x, y), 1.0)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + ind(b[j - 1])
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + ind(a[i - 1])
        for j in range(1, m + 1):
            v = min(d[i - 1][j - 1] + sc(a[i - 1], b[j - 1]), d[i - 1][j] + ind(a[i - 1]), d[i][j - 1] + ind(b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and a[i - 1] != b[j - 1]:
                v = min(v, d[i - 2][j - 2] + t)
            d[i][j] = v
    ops = []
    i, j = n, m
    while i > 0 or j > 0:
        h = d[i][j]
        if i > 0 and j > 0 and abs(h - (d[i - 1][j - 1] + sc(a[i - 1], b[j - 1]))) < 1e-9:
            ops.append(("s", a[i - 1], b[j - 1])); i -= 1; j -= 1
        elif i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and abs(h - (d[i - 2][j - 2] + t)) < 1e-9:
            ops.append(("t", a[i - 1], b[j - 1])); i -= 2; j -= 2
        elif i > 0 and abs(h - (d[i - 1][j] + ind(a[i - 1]))) < 1e-9:
            ops.append(("d", a[i - 1], None)); i -= 1
        else:
            ops.append(("d", b[j - 1], None)); j -= 1
    return ops


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dev")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--holdout", type=int, default=0)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    _, rows = read_tsv(args.dev)
    clusters = collections.defaultdict(set)
    owners = collections.defaultdict(set)
    for cid, name, script, kind, *_ in rows:
        owners[name].add(cid)
    for cid, name, script, kind, *_ in rows:
        if script != "arab" or len(owners[name]) > 1:
            continue
        if int(hashlib.sha1(cid.encode()).hexdigest(), 16) % 5 == args.holdout:
            continue
        clusters[cid].add(norm(name))
    pairs = []
    for names in clusters.values():
        names = sorted(n for n in names if n)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                if abs(len(names[i]) - len(names[j])) <= 6 and len(names[i]) < 40:
                    pairs.append((names[i], names[j]))
    print(f"{len(clusters)} training clusters, {len(pairs)} pairs", file=sys.stderr)
    lh, letters, ch, hand_pairs, indel, sub, params = load_costs()
    prior_sub, prior_indel = dict(sub), dict(indel)
    for rnd in range(args.rounds):
        occ = collections.Counter()
        subs = collections.Counter()
        dels = collections.Counter()
        for a, b in pairs:
            for c in a + b:
                occ[c] += 1
            for op, x, y in align(a, b, indel, sub, params["transpose"]):
                if op == "s" and x != y:
                    subs[tuple(sorted((x, y)))] += 1
                elif op == "d":
                    dels[x] += 1
        def fitted(events, exposure, prior):
            rate = events / max(exposure, 1.0)
            c = 1.0 if rate <= 0 else min(1.0, max(FLOOR, -math.log(rate) / math.log(RATE_ONE)))
            return (events * c + PRIOR_WEIGHT * prior) / (events + PRIOR_WEIGHT)
        new_indel = dict(indel)
        for c in indel:
            if c in occ:
                new_indel[c] = round(fitted(dels[c], occ[c], prior_indel[c]), 2)
        new_sub = {}
        for (x, y), k in subs.items():
            prior = prior_sub.get((x, y), 1.0)
            if (x, y) not in prior_sub and k < MIN_EVIDENCE:
                continue
            exposure = min(occ[x], occ[y])
            v = round(fitted(k, exposure, prior), 2)
            new_sub[(x, y)] = new_sub[(y, x)] = v
        for (x, y), v in prior_sub.items():
            new_sub.setdefault((x, y), v)
        for c in new_indel:
            if "\u0621" <= c <= "\u06ff" and c not in "اويءعه":
                new_indel[c] = min(new_indel[c], MAX_CONSONANT_INDEL)
        indel, sub = new_indel, new_sub
        print(f"round {rnd}: {sum(subs.values())} substitutions, {sum(dels.values())} indels", file=sys.stderr)
    top = sorted({tuple(sorted(k)) for k in sub}, key=lambda k: sub[k])[:40]
    print("cheapest pairs:", " ".join(f"{a}{b}={sub[(a, b)]}" for a, b in top), file=sys.stderr)
    print("indel:", " ".join(f"{c}={indel[c]}" for c in sorted(indel, key=indel.get)[:20]), file=sys.stderr)
    if not args.write:
        return
    with open(os.path.join(ROOT, "data/letters.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(lh) + "\n")
        for r in letters:
            key = " " if r[0] == "<space>" else r[0]
            if key in indel:
                r[2] = f"{indel[key]:g}"
            f.write("\t".join(r) + "\n")
    notes = {(r[0], r[1]): r[3] if len(r) > 3 else "" for r in hand_pairs}
    done = set()
    with open(os.path.join(ROOT, "data/costs.tsv"), "w", encoding="utf-8") as f:
        f.write("\t".join(ch) + "\n")
        keys = [(r[0], r[1]) for r in hand_pairs] + sorted(k for k in sub if k not in notes and (k[1], k[0]) not in notes)
        for a, b in keys:
            if (a, b) in done or (b, a) in done:
                continue
            done.add((a, b))
            note = notes.get((a, b), "fitted")
            f.write(f"{a}\t{b}\t{sub[(a, b)]:g}\t{note}\n")


if __name__ == "__main__":
    main()
