#!/usr/bin/env python3
"""Latin letter groups behind wrong answers, and how Arabic spellings write them.

The rows ight and ier and the second guesses ey ي, aa ا and dh د of
data/romanize.tsv (December 2026) were found with these two reports; the
rows themselves were written by hand and kept only when held-out answers
improved.

    latin_groups.py enriched GOLD PRED [--table TABLE] [--min N]

GOLD is a gold file of ../shared/eval/tools/score.py (`cluster_id name ...`),
PRED the `resolve` example's output for its queries. For every letter group
of two to four letters (`^` and `$` mark the word's ends), it counts the
queries whose Latin spelling has it, and how many of them were answered
wrongly; it prints the groups with the most wrong answers beyond the
overall rate (the 60 with the most, among groups of at least --min
queries, default 150). With --table (an `entity<TAB>name` table of Latin
spellings, one per entity), the groups are read from the right entity's
spelling in it instead: for Arabic queries against Latin spellings.

    latin_groups.py written EVAL_TSV REGEX ARABIC[,ARABIC...]

For every cluster of EVAL_TSV with a one-word Latin spelling matching REGEX,
counts its one-word Arabic spellings by which of the ARABIC strings they
contain (or, for a REGEX ending in `$`, end with: the first that matches,
so list longer endings first). For example `latin_groups.py written
dev.tsv 'ey$' اي,ي` gave ي 1,477, اي 33 and other 7.

Run `enriched` on training queries only (the dev splits' queries outside
their 5,000-query samples), and check a row on the samples. `written`
reads the whole eval file, the samples' clusters included.
"""
import collections
import re
import sys
import unicodedata


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def groups(name):
    out = set()
    for w in fold(name).split():
        w = "^" + w + "$"
        for n in (2, 3, 4):
            for i in range(len(w) - n + 1):
                out.add(w[i : i + n])
    return out


def rows(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f.read().splitlines()[1:] if l.strip()]


def enriched(gold_path, pred_path, table_path, least):
    gold = collections.defaultdict(set)
    for r in rows(gold_path):
        gold[r[1]].add(r[0])
    pred = {r[0]: r[1] for r in rows(pred_path) if len(r) >= 2}
    table = {r[0]: r[1] for r in rows(table_path)} if table_path else None
    seen, wrong = collections.Counter(), collections.Counter()
    n = bad = 0
    for q, entities in gold.items():
        if len(entities) != 1:
            continue
        (e,) = entities
        ok = pred.get(q, "") == e
        n += 1
        bad += not ok
        spelling = table.get(e, "") if table is not None else q
        for g in groups(spelling):
            seen[g] += 1
            wrong[g] += not ok
    if n == 0:
        print("no queries", file=sys.stderr)
        return 2
    rate = bad / n
    print(f"queries {n}, wrong {bad} ({rate:.4f})")
    print("group\tqueries\twrong\trate\texcess")
    ranked = sorted(
        (g for g in seen if seen[g] >= least),
        key=lambda g: -(wrong[g] - rate * seen[g]),
    )
    for g in ranked[:60]:
        print(f"{g}\t{seen[g]}\t{wrong[g]}\t{wrong[g] / seen[g]:.3f}\t{wrong[g] - rate * seen[g]:.0f}")
    return 0


def written(eval_path, pattern, arabic):
    clusters = collections.defaultdict(lambda: ([], []))
    for r in rows(eval_path):
        if len(r) >= 3:
            clusters[r[0]][0 if r[2] == "latn" else 1].append(r[1])
    pat = re.compile(pattern)
    final = pattern.endswith("$")
    counts = collections.Counter()
    for latin, arab in clusters.values():
        if not any(len(x.split()) == 1 and pat.search(fold(x)) for x in latin):
            continue
        for a in arab:
            if len(a.split()) != 1:
                continue
            if final:
                key = next((s for s in arabic if a.endswith(s)), "other")
            else:
                key = "+".join(s for s in arabic if s in a) or "none"
            counts[key] += 1
    for key, c in counts.most_common():
        print(f"{key}\t{c}")
    return 0


def main():
    a = sys.argv[1:]
    try:
        if a and a[0] == "enriched" and len(a) >= 3:
            table = a[a.index("--table") + 1] if "--table" in a else None
            least = int(a[a.index("--min") + 1]) if "--min" in a else 150
            return enriched(a[1], a[2], table, least)
        if a and a[0] == "written" and len(a) == 4:
            return written(a[1], a[2], a[3].split(","))
    except (OSError, ValueError, IndexError, re.error) as e:
        print(f"latin_groups.py: {e}", file=sys.stderr)
        return 2
    print(__doc__.strip().splitlines()[0], file=sys.stderr)
    print("usage: latin_groups.py enriched GOLD PRED [--table TABLE] [--min N]", file=sys.stderr)
    print("       latin_groups.py written EVAL_TSV REGEX ARABIC[,ARABIC...]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
