#!/usr/bin/env python3
"""Arabic queries against a Latin-only table: the mirror of the dev.xres split.

The table holds the first Latin spelling of every cluster of an eval file
(names listed under two clusters left out); the queries are the Arabic
spellings of the clusters that have a Latin one, a seeded sample of 5,000.
It measures how the resolver meets Latin table rows from Arabic queries
(issue 8); nothing is fitted on it.

    python3 scripts/arabic_to_latin_split.py ../shared/eval/dev.tsv /tmp/ar2la
    target/release/examples/resolve --no-builtin --aliases /tmp/ar2la/aliases.tsv \
        /tmp/ar2la/queries.txt > /tmp/ar2la/pred.tsv
    python3 ../shared/eval/tools/score.py resolve /tmp/ar2la/gold.tsv /tmp/ar2la/pred.tsv
"""
import collections
import random
import sys
from pathlib import Path


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: arabic_to_latin_split.py EVAL_TSV OUT_DIR", file=sys.stderr)
        return 2
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    lines = src.open(encoding="utf-8", newline="").read().splitlines()[1:]
    # The resolve example loads names of up to 256 characters.
    rows = [r for r in (l.split("\t") for l in lines if l.strip()) if len(r) >= 3 and len(r[1]) <= 256]
    owners = collections.defaultdict(set)
    for cluster, name, *_ in rows:
        owners[name].add(cluster)
    first_latin, arabic = {}, collections.defaultdict(list)
    for cluster, name, script, *_ in rows:
        if len(owners[name]) > 1:
            continue
        if script == "latn" and cluster not in first_latin:
            first_latin[cluster] = name
        elif script == "arab":
            arabic[cluster].append(name)
    queries = [(c, n) for c, names in arabic.items() if c in first_latin for n in names]
    random.Random(11).shuffle(queries)
    queries = queries[:5000]
    out.mkdir(parents=True, exist_ok=True)
    with (out / "aliases.tsv").open("w", encoding="utf-8") as f:
        f.write("entity\tname\n")
        for c, n in first_latin.items():
            f.write(f"{c}\t{n}\n")
    with (out / "queries.txt").open("w", encoding="utf-8") as f:
        for _, n in queries:
            f.write(n + "\n")
    with (out / "gold.tsv").open("w", encoding="utf-8") as f:
        f.write("cluster_id\tname\tscript\tkind\n")
        for c, n in queries:
            f.write(f"{c}\t{n}\tarab\t\n")
    print(f"{len(first_latin)} Latin table spellings, {len(queries)} Arabic queries in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
