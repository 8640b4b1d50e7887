"""Mixed-script clustering against a transliterate-and-Jaro-Winkler baseline.

    benches/compare/.venv/bin/python benches/compare/mixed_script.py ../shared/eval/dev.tsv OUTDIR \
        [--clusters 3000] [--seed 1] [--bin target/release/examples/cluster]

Samples whole gold clusters that hold both Arabic and Latin spellings (names
listed under two clusters are left out), writes OUTDIR/mixed.{gold.tsv,names.txt},
then clusters the names twice:

- asmaa: `cluster --no-aliases` (its output is OUTDIR/mixed.asmaa.tsv);
- baseline: Arabic spellings transliterated to ASCII with compare.py's letter
  map, Latin ones folded to ASCII, all pairs scored with RapidFuzz's
  Jaro-Winkler (= jellyfish's), pairs at or over a threshold joined by
  union-find; the best of a few thresholds is kept (OUTDIR/mixed.jw.T.tsv).

All-pairs scoring is why this is a sample: the whole dev set is 219k names.
Scores are B-cubed P/R/F1 as in ../shared/eval/tools/score.py, printed one line
per system. Run benches/compare/run.sh once first: it makes the venv.
"""

import argparse
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
from rapidfuzz import process  # noqa: E402
from rapidfuzz.distance import JaroWinkler  # noqa: E402

from compare import arabic_to_ascii, bcubed, latin_fold  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("out", type=Path)
    ap.add_argument("--clusters", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=str(HERE.parent.parent / "target/release/examples/cluster"))
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)

    rows = []
    with open(a.gold, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {h: i for i, h in enumerate(header)}
        for line in f:
            x = line.rstrip("\n").split("\t")
            rows.append((x[col["cluster_id"]], x[col["name"]], x[col["script"]], x[col["kind"]]))
    owners = defaultdict(set)
    for c, n, _, _ in rows:
        owners[n].add(c)
    by_cluster = defaultdict(list)
    for c, n, s, k in rows:
        if len(owners[n]) == 1:
            by_cluster[c].append((n, s, k))
    mixed = sorted(c for c, v in by_cluster.items() if {s for _, s, _ in v} >= {"arab", "latn"})
    random.Random(a.seed).shuffle(mixed)
    chosen = mixed[: a.clusters]
    gold = {}
    for c in chosen:
        for n, _, _ in by_cluster[c]:
            gold[n] = c
    names = list(gold)
    random.Random(a.seed).shuffle(names)
    (a.out / "mixed.names.txt").write_text("".join(n + "\n" for n in names), encoding="utf-8")
    with open(a.out / "mixed.gold.tsv", "w", encoding="utf-8") as f:
        f.write("cluster_id\tname\tscript\tkind\n")
        for c in chosen:
            for n, s, k in by_cluster[c]:
                f.write(f"{c}\t{n}\t{s}\t{k}\n")
    print(f"sample: {len(chosen)} of {len(mixed)} mixed-script clusters, {len(names)} names (seed {a.seed})")

    def report(system: str, pred: dict) -> float:
        p, r, f1 = bcubed(gold, pred)
        print(f"{system}\tbcubed_p={p:.4f}\tbcubed_r={r:.4f}\tbcubed_f1={f1:.4f}")
        return f1

    out = a.out / "mixed.asmaa.tsv"
    with open(out, "w", encoding="utf-8") as f:
        subprocess.run([a.bin, "--no-aliases", str(a.out / "mixed.names.txt")], stdout=f, check=True)
    pred = {}
    with open(out, encoding="utf-8") as f:
        f.readline()
        for line in f:
            x = line.rstrip("\n").split("\t")
            pred[x[0]] = x[1]
    report("asmaa cluster --no-aliases", pred)

    folded = [arabic_to_ascii(n) if any("\u0600" <= ch <= "\u06ff" for ch in n) else latin_fold(n) for n in names]
    mat = process.cdist(folded, folded, scorer=JaroWinkler.normalized_similarity, dtype=np.float32, workers=-1)
    best = None
    for t in (0.85, 0.88, 0.9, 0.92, 0.94, 0.96):
        parent = list(range(len(names)))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        r, c = np.nonzero(mat >= t)
        for i, j in zip(r.tolist(), c.tolist()):
            if j > i:
                x, y = find(i), find(j)
                if x != y:
                    parent[max(x, y)] = min(x, y)
        pred = {n: f"c{find(i)}" for i, n in enumerate(names)}
        with open(a.out / f"mixed.jw.{t}.tsv", "w", encoding="utf-8") as f:
            f.write("name\tcluster\n")
            for n, cl in pred.items():
                f.write(f"{n}\t{cl}\n")
        f1 = report(f"baseline translit+Jaro-Winkler >= {t}", pred)
        best = max(best or (f1, t), (f1, t))
    print(f"baseline best: threshold {best[1]}, bcubed_f1={best[0]:.4f}")


if __name__ == "__main__":
    main()
