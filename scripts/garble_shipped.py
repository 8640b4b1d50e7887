#!/usr/bin/env python3
"""Garbled spellings of the shipped table's Arabic names, to check the resolver.

    garble_shipped.py SEED OUT_DIR

Writes OUT_DIR/q.txt (20,000 queries, one per line) and OUT_DIR/gold.tsv
(`cluster_id name script kind`, the format of ../shared/eval/tools/score.py).
Each query is a random Arabic spelling of data/aliases.tsv (not one listed
under two entities) with one edit, or two a third of the time: a letter
replaced by a random Arabic letter, dropped, or a random letter inserted.
Only the shipped table is read, never evaluation data. The resolver's notes
quote seeds 1, 2 and 3:

    python3 scripts/garble_shipped.py 1 /tmp/garble1
    cargo run --release --example resolve -- /tmp/garble1/q.txt > P
    python3 ../shared/eval/tools/score.py resolve /tmp/garble1/gold.tsv P
"""
import os
import random
import sys

seed, out_dir = int(sys.argv[1]), sys.argv[2]
random.seed(seed)
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "data", "aliases.tsv"), encoding="utf-8") as f:
    rows = [line.rstrip("\n").split("\t") for line in f][1:]
arabic = [(r[0], r[1]) for r in rows if r[2] == "arab"]
entities = {}
for e, n in arabic:
    entities.setdefault(n, set()).add(e)
letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
out = []
while len(out) < 20000:
    e, n = random.choice(arabic)
    if len(entities[n]) > 1:
        continue
    s = list(n)
    for _ in range(random.choice([1, 1, 2])):
        idx = [i for i, c in enumerate(s) if c != " "]
        i = random.choice(idx)
        op = random.random()
        if op < 0.5:
            s[i] = random.choice(letters)
        elif op < 0.75 and len(idx) > 3:
            del s[i]
        else:
            s.insert(i, random.choice(letters))
    q = "".join(s).strip()
    if q == n or not q:
        continue
    out.append((q, e))
os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "q.txt"), "w", encoding="utf-8") as f:
    for q, _ in out:
        f.write(q + "\n")
with open(os.path.join(out_dir, "gold.tsv"), "w", encoding="utf-8") as f:
    f.write("cluster_id\tname\tscript\tkind\n")
    seen = set()
    for q, e in out:
        if (q, e) not in seen:
            seen.add((q, e))
            f.write(f"{e}\t{q}\tarab\tx\n")
