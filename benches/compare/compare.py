#!/usr/bin/env python3
"""Side-by-side comparison of asmaa's example binaries with the rapidfuzz
solution a user would write, on synthetic (seeded) and, when present, real data.

    python3 benches/compare/compare.py [options]        # normally via run.sh

For every task and input size it runs each tool as a separate process and
records the wall time (time.perf_counter around the process), the CPU time and
peak resident memory of that process (os.wait4 rusage), the throughput, the
quality where a gold standard exists (B-cubed P/R/F1 for clustering, acc@1,
coverage and precision for resolve; same definitions as
../shared/eval/tools/score.py) and the ratios asmaa / rapidfuzz.

Tasks
  cluster  synthetic: N names forming ~N/3 clusters of confusion-group noise
           (default N = 10k, 20k, 100k for both tools, 1M for asmaa only;
           rapidfuzz's all-pairs cdist is quadratic, so it runs up to --rf-max).
           real: dev.arabhard (every Arabic spelling of the hard clusters).
           growth: asmaa's 100k and 1M runs again, back to back, --growth-rounds
           times; the growth is read within each round (the machine's speed
           drifts over minutes) and the median reported.
  resolve  synthetic: 2,000 noisy queries against a 10k / 100k spellings table.
           real: dev.arabres (Arabic -> Arabic) and dev.xres (Latin -> Arabic,
           the fixed 5,000-query sample).

The rapidfuzz baseline is implemented in this file (subcommand `rf`, run in its
own process so it is measured exactly like asmaa):
  cluster: light Arabic folding (NFKC, harakat/tatweel removed, أإآٱ→ا, ى→ي,
           ة→ه), exact duplicates merged, then process.cdist with
           Levenshtein.normalized_similarity >= 0.82 (row-chunked, workers=-1)
           and union-find (single link).
  resolve: the same folding, process.extractOne with
           Levenshtein.normalized_similarity and score_cutoff 0.66.
  xres:    Latin query folded to ASCII, Arabic table transliterated with a
           letter map, process.extractOne with JaroWinkler (the same metric as
           jellyfish.jaro_winkler_similarity, checked at start-up), no cutoff.

A run under 10 s (of either tool) is made --repeat times (default 3) and the
run with the median wall time kept: short runs are where the shared machine's
noise weighs most. Longer runs are made once.

Outputs (in --out, default benches/compare/out/): results.tsv, results.md,
scaling.png, and the inputs/predictions/stderr of every run under data/ and
runs/.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
GEN_RS = REPO / "benches" / "gen" / "mod.rs"
GEN_VERSION = "1"  # bump when the Python generator changes its output

RF_CLUSTER_THRESHOLD = 0.82
RF_RESOLVE_CUTOFF = 0.66
RF_XRES_CUTOFF = 0.0


def log(*a) -> None:
    print(time.strftime("[%H:%M:%S]"), *a, file=sys.stderr, flush=True)


# =========================================================================
# light Arabic folding (as ../shared/eval/tools/_common.simple_arabic_normalize)

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_WS = re.compile(r"\s+")


def simple_arabic_normalize(s: str) -> str:
    """NFKC, strip diacritics + tatweel, أإآٱ→ا, ى→ي, ة→ه, casefold, collapse spaces."""
    s = unicodedata.normalize("NFKC", s)
    s = _AR_DIACRITICS.sub("", s)
    s = s.translate(_AR_MAP)
    s = s.casefold()
    return _WS.sub(" ", s).strip()


# Arabic -> ASCII letter map for the Latin->Arabic baseline. و and ي are
# consonants (w, y) at the start of a word and vowels (u, i) elsewhere.
_TRANSLIT = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i",
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z",
    "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "ة": "a", "ى": "a", "پ": "p", "ڤ": "v", "گ": "g", "چ": "ch", "ک": "k", "ی": "i",
}


def arabic_to_ascii(s: str) -> str:
    out = []
    for word in simple_arabic_normalize(s).split(" "):
        w = []
        for i, c in enumerate(word):
            if c == "و":
                w.append("w" if i == 0 else "u")
            elif c == "ي":
                w.append("y" if i == 0 else "i")
            elif c in _TRANSLIT:
                w.append(_TRANSLIT[c])
            elif c.isascii() and c.isalnum():
                w.append(c)
        out.append("".join(w))
    return " ".join(x for x in out if x)


def latin_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = re.sub(r"[^a-z0-9]+", " ", s.replace("'", "").replace("\u2019", ""))
    return s.strip()


# =========================================================================
# TSV I/O and scoring (same definitions as ../shared/eval/tools/score.py)


def read_tsv(path: Path, required: Sequence[str]) -> List[Dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    while lines and lines[0].strip() == "":
        lines.pop(0)
    if not lines:
        raise ValueError(f"{path}: empty file (no header)")
    header = [h.strip() for h in lines[0].lstrip("\ufeff").split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise ValueError(f"{path}: header {header!r} lacks column(s) {missing!r}")
    rows = []
    for line in lines[1:]:
        if line.strip() == "":
            continue
        cells = line.rstrip("\r").split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells)})
    return rows


def load_gold_clusters(path: Path) -> Dict[str, str]:
    owners: Dict[str, set] = defaultdict(set)
    for r in read_tsv(path, ["cluster_id", "name"]):
        if r["name"]:
            owners[r["name"]].add(r["cluster_id"])
    return {n: next(iter(cs)) for n, cs in owners.items() if len(cs) == 1}


def bcubed(gold: Dict[str, str], pred: Dict[str, str]) -> Tuple[float, float, float]:
    items = list(gold)
    if not items:
        return 1.0, 1.0, 1.0
    g_size = Counter(gold[i] for i in items)
    p_size = Counter(pred[i] for i in items)
    joint = Counter((pred[i], gold[i]) for i in items)
    p_sum = r_sum = 0.0
    for i in items:
        inter = joint[(pred[i], gold[i])]
        p_sum += inter / p_size[pred[i]]
        r_sum += inter / g_size[gold[i]]
    p, r = p_sum / len(items), r_sum / len(items)
    return p, r, (2 * p * r / (p + r) if p + r > 0 else 0.0)


def score_cluster(gold_path: Path, pred_path: Path) -> Dict[str, float]:
    gold = load_gold_clusters(gold_path)
    pred_all: Dict[str, str] = {}
    for r in read_tsv(pred_path, ["name", "cluster"]):
        if r["name"] and r["name"] not in pred_all:
            pred_all[r["name"]] = r["cluster"]
    missing = sum(1 for n in gold if n not in pred_all)
    pred = {n: ("p:" + pred_all[n]) if n in pred_all else ("missing:" + n) for n in gold}
    p, r, f = bcubed(gold, pred)
    return {"bcubed_p": p, "bcubed_r": r, "bcubed_f1": f, "n_scored": len(gold),
            "missing": missing, "pred_clusters": len(set(pred.values()))}


def score_resolve(gold_path: Path, pred_path: Path) -> Dict[str, float]:
    rows = read_tsv(gold_path, ["cluster_id", "name"])
    ents: Dict[str, set] = defaultdict(set)
    for r in rows:
        if r["name"]:
            ents[r["name"]].add(r["cluster_id"])
    gold_rows = [(r["name"], r["cluster_id"]) for r in rows if r["name"] and len(ents[r["name"]]) == 1]
    queue: Dict[str, List[str]] = defaultdict(list)
    for r in read_tsv(pred_path, ["query", "entity"]):
        queue[r["query"]].append(r["entity"])
    pos: Dict[str, int] = defaultdict(int)
    answers, missing = [], 0
    for q, _g in gold_rows:
        lst = queue.get(q)
        if not lst:
            missing += 1
            answers.append("")
            continue
        answers.append(lst[min(pos[q], len(lst) - 1)])
        pos[q] += 1
    n = len(gold_rows)
    answered = sum(1 for a in answers if a)
    correct = sum(1 for (_q, g), a in zip(gold_rows, answers) if a and a == g)
    return {"acc1": correct / n if n else 0.0, "coverage": answered / n if n else 0.0,
            "precision": correct / answered if answered else 1.0, "n_scored": n, "missing": missing}


def cross_check(task: str, gold: Path, pred: Path, mine: Dict[str, float], shared: Optional[Path]) -> str:
    """Re-score with the shared score.py when it is there; return a note on disagreement."""
    if shared is None or not (shared / "eval/tools/score.py").exists():
        return ""
    try:
        res = subprocess.run([sys.executable, str(shared / "eval/tools/score.py"), task, str(gold), str(pred)],
                             capture_output=True, text=True, timeout=600)
        last = res.stdout.strip().splitlines()[-1]
        kv = dict(x.split("=", 1) for x in last.split() if "=" in x)
        key, mkey = ("bcubed_f1", "bcubed_f1") if task == "cluster" else ("acc1", "acc1")
        if abs(float(kv[key]) - mine[mkey]) > 0.0015:
            return f"score.py disagrees: {key}={kv[key]} vs {mine[mkey]:.4f}"
        return ""
    except Exception as e:  # noqa: BLE001 - a failed cross-check is only a note
        return f"score.py cross-check failed: {e}"


# =========================================================================
# seeded synthetic data (same lists and noise model as benches/gen/mod.rs)

CONFUSION_GROUPS = ["حهخ", "تطث", "دذضظ", "سصش", "قكغج", "بپ", "فڤ", "عءا"]
LONG_VOWELS = "اوي"
HARAKAT = "\u064e\u064f\u0650\u0652\u0651"
TATWEEL = "\u0640"
NON_JOINING = set("اأإآدذرزوؤةءى")
ALEFS = "اأإ"


def is_letter(c: str) -> bool:
    o = ord(c)
    return 0x0621 <= o <= 0x063A or 0x0641 <= o <= 0x064A or c in "پڤ"


def load_rust_lists(path: Path) -> Dict[str, List[str]]:
    """The word lists of benches/gen/mod.rs (`const NAME: &[&str] = &[...];`)."""
    src = path.read_text(encoding="utf-8")
    lists = {m.group(1): re.findall(r'"([^"]*)"', m.group(2))
             for m in re.finditer(r"const ([A-Z_]+): &\[&str\] = &\[(.*?)\];", src, re.S)}
    need = ["GIVEN_MALE", "GIVEN_FEMALE", "FAMILY_AL", "FAMILY", "FOREIGN_GIVEN", "FOREIGN_FAMILY",
            "SYL_CONS", "SYL_VOWEL", "SYL_END"]
    missing = [k for k in need if not lists.get(k)]
    if missing:
        raise SystemExit(f"{path}: could not read the word list(s) {missing}")
    return lists


class SynthGen:
    """Python twin of benches/gen's Gen (same lists and edit kinds, own PRNG)."""

    def __init__(self, seed: int, lists: Dict[str, List[str]]):
        self.r = random.Random(seed)
        self.L = lists

    def chance(self, num: int, den: int) -> bool:
        return self.r.randrange(den) < num

    def word(self, name: str) -> str:
        return self.r.choice(self.L[name])

    def synthetic_word(self) -> str:
        n = 2 if self.chance(2, 3) else 3
        s = ""
        for i in range(n):
            s += self.word("SYL_CONS")
            v = self.word("SYL_VOWEL")
            if not (v == "" and i + 1 == n):
                s += v
        end = self.word("SYL_END")
        if not (s[-1:] in LONG_VOWELS and s[-1:] and end[:1] in LONG_VOWELS and end[:1]):
            s += end
        return s

    def given(self) -> str:
        return self.word("GIVEN_MALE" if self.chance(4, 5) else "GIVEN_FEMALE")

    def family_part(self) -> str:
        k = self.r.randrange(10)
        if k <= 4:
            return self.word("FAMILY_AL")
        if k <= 8:
            return self.word("FAMILY")
        return "ال" + self.synthetic_word().rstrip("يا") + "ي"

    def base_name(self) -> str:
        k = self.r.randrange(100)
        if k <= 2:
            parts = [self.given()]
        elif k <= 5:
            parts = [self.family_part()]
        elif k <= 9:
            parts = [self.word("FOREIGN_FAMILY")]
        elif k <= 13:
            parts = [self.synthetic_word()]
        elif k <= 37:
            parts = [self.given(), self.family_part()]
        elif k <= 45:
            parts = [self.given(), self.word("GIVEN_MALE")]
        elif k <= 57:
            parts = [self.word("FOREIGN_GIVEN"), self.word("FOREIGN_FAMILY")]
        elif k <= 67:
            parts = [self.word("FOREIGN_GIVEN"), self.synthetic_word()]
        elif k <= 71:
            parts = [self.synthetic_word(), self.synthetic_word()]
        elif k <= 93:
            parts = [self.given(), self.word("GIVEN_MALE"), self.family_part()]
        else:
            parts = [self.word("FOREIGN_GIVEN"), self.synthetic_word(), self.word("FOREIGN_FAMILY")]
        return " ".join(parts)

    # ---- noise
    def noisy(self, base: str) -> str:
        orig = list(base)
        if not any(is_letter(c) for c in orig):
            return base
        for _ in range(64):
            s = orig[:]
            edits = 1 if self.chance(2, 3) else 2
            done = tries = 0
            while done < edits and tries < 64:
                tries += 1
                if self._edit(s):
                    done += 1
            if done and s != orig:
                return "".join(s)
        return base + "\u064e"

    def _edit(self, s: List[str]) -> bool:
        k = self.r.randrange(100)
        if k <= 33:
            return self._confusion(s)
        if k <= 55:
            return self._long_vowel(s)
        if k <= 62:
            return _edit_final(s, "ة", "ه")
        if k <= 67:
            return _edit_final(s, "ى", "ي")
        if k <= 75:
            return self._hamza(s)
        if k <= 83:
            return self._article(s)
        if k <= 89:
            i = next((j for j, c in enumerate(s) if is_letter(c)), None)
            if i is None:
                return False
            s.insert(i, "و" if self.chance(1, 2) else "ب")
            return True
        if k <= 94:
            cand = [i for i in range(len(s) - 1) if is_letter(s[i]) and s[i] not in NON_JOINING and is_letter(s[i + 1])]
            if not cand:
                return False
            i = self.r.choice(cand)
            s[i + 1:i + 1] = [TATWEEL] * (2 if self.chance(1, 4) else 1)
            return True
        cand = [i for i in range(len(s)) if is_letter(s[i]) and (i + 1 == len(s) or s[i + 1] not in HARAKAT)]
        if not cand:
            return False
        s.insert(self.r.choice(cand) + 1, self.r.choice(HARAKAT))
        return True

    def _confusion(self, s: List[str]) -> bool:
        cand = [i for i, c in enumerate(s)
                if any(c in g for g in CONFUSION_GROUPS)
                and (c != "ا" or (_wend(s, i) and not _wstart(s, i)))
                and (c != "ء" or _wend(s, i))]
        if not cand:
            return False
        i = self.r.choice(cand)
        g = next(g for g in CONFUSION_GROUPS if s[i] in g)
        others = [c for c in g if c != s[i] and (c != "ء" or _wend(s, i))]
        s[i] = self.r.choice(others)
        return True

    def _long_vowel(self, s: List[str]) -> bool:
        if self.chance(1, 2):
            cand = [i for i, c in enumerate(s) if is_letter(c) and c not in LONG_VOWELS
                    and (i + 1 == len(s) or s[i + 1] not in LONG_VOWELS)]
            if not cand:
                return False
            s.insert(self.r.choice(cand) + 1, self.r.choice(LONG_VOWELS))
            return True
        cand = [i for i, c in enumerate(s) if c in LONG_VOWELS and not _wstart(s, i) and _wlen(s, i) >= 4]
        if not cand:
            return False
        del s[self.r.choice(cand)]
        return True

    def _hamza(self, s: List[str]) -> bool:
        cand = [i for i, c in enumerate(s) if c in ALEFS and (_wstart(s, i) or c == "أ")]
        if not cand:
            return False
        i = self.r.choice(cand)
        s[i] = self.r.choice([c for c in ALEFS if c != s[i]])
        return True

    def _article(self, s: List[str]) -> bool:
        starts = [i for i in range(len(s)) if s[i] != " " and _wstart(s, i)]
        has = lambda i: s[i:i + 2] == ["ا", "ل"]  # noqa: E731
        word = lambda i: "".join(s[i:]).split(" ", 1)[0]  # noqa: E731
        with_ = [i for i in starts if has(i) and _wlen(s, i) >= 5]
        without = [i for i in starts if not has(i) and _wlen(s, i) >= 3 and word(i) not in ("عبد", "أبو", "بن", "آل")]
        if with_ and (not without or self.chance(1, 2)):
            i = self.r.choice(with_)
            del s[i:i + 2]
            return True
        if without:
            i = self.r.choice(without)
            if self.chance(1, 2):
                i = without[-1]
            s[i:i] = ["ا", "ل"]
            return True
        return False

    # ---- data sets
    def labelled(self, n: int) -> List[Tuple[str, int]]:
        out: List[Tuple[str, int]] = []
        seen, bases = set(), set()
        cluster = 0
        while len(out) < n:
            base = self.base_name()
            if base in bases or base in seen:
                continue
            bases.add(base)
            size = min(self.r.randint(1, 5), n - len(out))
            members = 0
            if self.chance(1, 2):
                seen.add(base)
                out.append((base, cluster))
                members += 1
            tries = 0
            while members < size and tries < 4 * size:
                tries += 1
                v = self.noisy(base)
                if v in bases or v in seen:
                    continue
                seen.add(v)
                out.append((v, cluster))
                members += 1
            if members:
                cluster += 1
        self.r.shuffle(out)
        return out

    def resolve_set(self, table: int, queries: int):
        """(aliases [(entity, name)], queries [(query, entity)]): entities with 1–2
        table spellings; queries are fresh noisy spellings of random entities."""
        aliases: List[Tuple[str, str]] = []
        bases: List[str] = []
        seen = set()
        while len(aliases) < table:
            b = self.base_name()
            if b in seen:
                continue
            seen.add(b)
            e = f"E{len(bases):06d}"
            bases.append(b)
            aliases.append((e, b))
            if self.chance(1, 3) and len(aliases) < table:
                v = self.noisy(b)
                if v not in seen:
                    seen.add(v)
                    aliases.append((e, v))
        qs: List[Tuple[str, str]] = []
        qseen = set()
        while len(qs) < queries:
            k = self.r.randrange(len(bases))
            q = self.noisy(bases[k])
            if q in seen or q in qseen:
                continue
            qseen.add(q)
            qs.append((q, f"E{k:06d}"))
        return aliases, qs


def _wstart(s, i):
    return i == 0 or s[i - 1] == " "


def _wend(s, i):
    return i + 1 == len(s) or s[i + 1] == " "


def _wlen(s, i):
    j = i
    while j > 0 and s[j - 1] != " ":
        j -= 1
    k = j
    while k < len(s) and s[k] != " ":
        k += 1
    return k - j


def _edit_final(s, a, b) -> bool:
    for i in range(len(s) - 1, -1, -1):
        if not _wend(s, i) or _wlen(s, i) < 3:
            continue
        if s[i] == a:
            s[i] = b
            return True
        if s[i] == b:
            s[i] = a
            return True
    return False


GOLD_HEADER = "cluster_id\tname\tscript\tkind\n"


def make_synthetic(out: Path, seed: int, cluster_sizes: List[int], tables: List[int], queries: int) -> Dict:
    """Write the synthetic inputs (cached: regenerated when the generator changes)."""
    stamp_src = GEN_VERSION + hashlib.sha1(GEN_RS.read_bytes()).hexdigest()
    d = out / "data" / f"synthetic-seed{seed}"
    d.mkdir(parents=True, exist_ok=True)
    stamp = d / "STAMP"
    if not stamp.exists() or stamp.read_text() != stamp_src:
        for f in d.iterdir():
            f.unlink()
        stamp.write_text(stamp_src)
    lists = load_rust_lists(GEN_RS)
    sets: Dict = {"cluster": {}, "resolve": {}}
    for n in cluster_sizes:
        names, gold = d / f"cluster.{n}.names.txt", d / f"cluster.{n}.gold.tsv"
        if not (names.exists() and gold.exists()):
            t0 = time.perf_counter()
            rows = SynthGen(seed * 1_000_003 + n, lists).labelled(n)
            with open(gold, "w", encoding="utf-8") as g, open(names, "w", encoding="utf-8") as f:
                g.write(GOLD_HEADER)
                for name, c in rows:
                    f.write(name + "\n")
                    g.write(f"s{c}\t{name}\tarab\tperson\n")
            log(f"generated synthetic cluster set n={n} in {time.perf_counter() - t0:.1f}s")
        sets["cluster"][n] = (names, gold)
    for t in tables:
        base = d / f"resolve.{t}x{queries}"
        al, qf, gf = Path(f"{base}.aliases.tsv"), Path(f"{base}.queries.txt"), Path(f"{base}.gold.tsv")
        if not (al.exists() and qf.exists() and gf.exists()):
            aliases, qs = SynthGen(seed * 1_000_003 + 7 * t + queries, lists).resolve_set(t, queries)
            with open(al, "w", encoding="utf-8") as f:
                f.write("entity\tname\n")
                f.writelines(f"{e}\t{n}\n" for e, n in aliases)
            with open(qf, "w", encoding="utf-8") as f, open(gf, "w", encoding="utf-8") as g:
                g.write(GOLD_HEADER)
                for q, e in qs:
                    f.write(q + "\n")
                    g.write(f"{e}\t{q}\tarab\tperson\n")
            log(f"generated synthetic resolve set table={t} queries={queries}")
        sets["resolve"][t] = (al, qf, gf)
    return sets


# =========================================================================
# rapidfuzz baseline (runs as `compare.py rf ...` in its own process)


def rf_main(argv: List[str]) -> None:
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import JaroWinkler, Levenshtein

    ap = argparse.ArgumentParser(prog="compare.py rf")
    ap.add_argument("task", choices=["cluster", "resolve", "xres"])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--threshold", type=float, default=None)
    a = ap.parse_args(argv)
    out = sys.stdout
    t0 = time.perf_counter()

    def read_lines(p, distinct):
        xs = [ln.strip() for ln in open(p, encoding="utf-8")]
        xs = [x for x in xs if x]
        return list(dict.fromkeys(xs)) if distinct else xs

    def clean(s):
        return s.replace("\t", " ")

    if a.task == "cluster":
        thr = RF_CLUSTER_THRESHOLD if a.threshold is None else a.threshold
        names = read_lines(a.inputs[0], True)
        norm_of = [simple_arabic_normalize(n) for n in names]
        uniq: Dict[str, int] = {}
        for s in norm_of:
            uniq.setdefault(s, len(uniq))
        norms = list(uniq)
        m = len(norms)
        parent = list(range(m))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        rows = max(1, min(m, 20_000_000 // max(1, m)))
        pairs = 0
        for start in range(0, m, rows):
            mat = process.cdist(norms[start:start + rows], norms[start:], scorer=Levenshtein.normalized_similarity,
                                score_cutoff=thr, dtype=np.float32, workers=-1)
            r, c = np.nonzero(mat >= thr)
            keep = c > r
            for ri, ci in zip(r[keep].tolist(), c[keep].tolist()):
                x, y = find(start + ri), find(start + ci)
                if x != y:
                    parent[max(x, y)] = min(x, y)
                pairs += 1
        out.write("name\tcluster\n")
        for n, s in zip(names, norm_of):
            out.write(f"{clean(n)}\tc{find(uniq[s])}\n")
        log(f"[rf cluster] names={len(names)} folded={m} pairs>={thr}={pairs} {time.perf_counter() - t0:.2f}s")
        return

    cut = (RF_RESOLVE_CUTOFF if a.task == "resolve" else RF_XRES_CUTOFF) if a.threshold is None else a.threshold
    fold_table = simple_arabic_normalize if a.task == "resolve" else arabic_to_ascii
    fold_query = simple_arabic_normalize if a.task == "resolve" else latin_fold
    scorer = Levenshtein.normalized_similarity if a.task == "resolve" else JaroWinkler.normalized_similarity
    entity_of: Dict[str, str] = {}
    with open(a.inputs[0], encoding="utf-8") as fh:
        header = fh.readline().rstrip("\r\n").lstrip("\ufeff").split("\t")
        ie, iname = header.index("entity"), header.index("name")
        for line in fh:
            cells = line.rstrip("\r\n").split("\t")
            if len(cells) > max(ie, iname) and cells[ie].strip() and cells[iname].strip():
                entity_of.setdefault(fold_table(cells[iname].strip()), cells[ie].strip())
    choices = list(entity_of)
    ents = [entity_of[c] for c in choices]
    queries = read_lines(a.inputs[1], False)
    answer: Dict[str, Tuple[str, float]] = {}
    for q in dict.fromkeys(queries):
        best = process.extractOne(fold_query(q), choices, scorer=scorer, score_cutoff=cut)
        answer[q] = ("", 0.0) if best is None else (ents[best[2]], best[1])
    out.write("query\tentity\tscore\n")
    for q in queries:
        e, s = answer[q]
        out.write(f"{clean(q)}\t{e}\t{s:.4f}\n")
    log(f"[rf {a.task}] table={len(choices)} queries={len(queries)} {time.perf_counter() - t0:.2f}s")


def check_jellyfish_agrees() -> str:
    """rapidfuzz's JaroWinkler must be jellyfish's jaro_winkler_similarity."""
    try:
        import jellyfish
        from rapidfuzz.distance import JaroWinkler
    except ImportError as e:
        return f"jellyfish check skipped ({e})"
    r = random.Random(1)
    words = ["muhammad", "mohamed", "mhmd", "gaddafi", "qdhafi", "washington", "washinghtun", "netanyahu",
             "ntnyahu", "siemens", "symns", "thiago", "tyagu", "ziering", "zirng", "alqdhafi", "abbas", "abas"]
    worst = 0.0
    for _ in range(300):
        a, b = r.choice(words), r.choice(words)
        worst = max(worst, abs(jellyfish.jaro_winkler_similarity(a, b) - JaroWinkler.normalized_similarity(a, b)))
    if worst > 1e-9:
        return f"WARNING: rapidfuzz JaroWinkler differs from jellyfish by up to {worst:.4f}"
    return "rapidfuzz JaroWinkler == jellyfish.jaro_winkler_similarity on 300 test pairs"


# =========================================================================
# measured runs


class Run:
    def __init__(self, status: str, wall: float, cpu: float, peak_mb: float, rc: int, stderr_tail: str):
        self.status, self.wall, self.cpu, self.peak_mb, self.rc, self.stderr_tail = status, wall, cpu, peak_mb, rc, stderr_tail
        self.runs = 1


def launch_main(argv: List[str]) -> None:
    """`compare.py _launch RESULT.json STDOUT STDERR CMD...`: run CMD and write its
    wall time, exit code and os.wait4 rusage to RESULT.json.

    Measuring through this small, freshly exec'd launcher matters: on Linux a
    child's ru_maxrss starts from the RSS high-water mark of the process it was
    forked from (it survives exec), so a command forked straight from
    compare.py, which holds the generated data and parsed outputs, would report
    compare.py's own peak memory instead of its own.
    """
    res, out, err, cmd = argv[0], argv[1], argv[2], argv[3:]
    with open(out, "wb") as o, open(err, "wb") as e:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(cmd, stdout=o, stderr=e, stdin=subprocess.DEVNULL)
        except OSError as ex:
            e.write(f"cannot start {cmd[0]}: {ex}\n".encode())
            Path(res).write_text(json.dumps({"rc": 127, "wall": 0.0, "cpu": 0.0, "maxrss_kb": 0}))
            return
        _pid, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4
    Path(res).write_text(json.dumps({"rc": p.returncode, "wall": wall, "cpu": ru.ru_utime + ru.ru_stime,
                                     "maxrss_kb": ru.ru_maxrss}))


def run_measured(cmd: List[str], stdout_path: Path, timeout: float) -> Run:
    """Run `cmd` with stdout to a file, through the launcher (see launch_main):
    wall time, CPU time and peak RSS of the command's own process (os.wait4);
    the launcher's process group is killed after `timeout` s."""
    err_path = stdout_path.with_suffix(stdout_path.suffix + ".stderr")
    res_path = stdout_path.with_suffix(stdout_path.suffix + ".rusage.json")
    res_path.unlink(missing_ok=True)
    launcher = [sys.executable, str(HERE / "compare.py"), "_launch", str(res_path), str(stdout_path), str(err_path)]
    t0 = time.perf_counter()
    p = subprocess.Popen(launcher + cmd, stdin=subprocess.DEVNULL, start_new_session=True)
    fired = threading.Event()

    def kill():
        fired.set()
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        p.wait()
    except BaseException:
        kill()
        raise
    finally:
        timer.cancel()
    outer_wall = time.perf_counter() - t0
    tail = " | ".join(err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]) \
        if err_path.exists() else ""
    if fired.is_set() or not res_path.exists():
        st = f"timeout >{timeout:g} s" if fired.is_set() else f"launcher failed (exit {p.returncode})"
        return Run(st, outer_wall, float("nan"), float("nan"), -1, tail)
    r = json.loads(res_path.read_text())
    st = "ok" if r["rc"] == 0 else f"error (exit {r['rc']})"
    return Run(st, r["wall"], r["cpu"], r["maxrss_kb"] / 1024.0, r["rc"], tail)


def run_median(cmd: List[str], stdout_path: Path, timeout: float, repeat: int) -> Run:
    """`run_measured`, and for a run under SHORT_RUN seconds `repeat - 1` more
    times: the run with the median wall time is kept (its CPU time and peak
    memory too), with `runs` set. Short runs are where the shared machine's
    noise (tens of ms of start-up and scheduling) weighs most."""
    first = run_measured(cmd, stdout_path, timeout)
    first.runs = 1
    if first.status != "ok" or first.wall >= SHORT_RUN or repeat <= 1:
        return first
    runs = [first]
    for _ in range(repeat - 1):
        r = run_measured(cmd, stdout_path.with_suffix(".again" + stdout_path.suffix), timeout)
        if r.status != "ok":
            return first
        runs.append(r)
    runs.sort(key=lambda r: r.wall)
    best = runs[len(runs) // 2]
    best.runs = len(runs)
    return best


# Runs shorter than this (seconds) are repeated (--repeat) and their median kept.
SHORT_RUN = 10.0


COLUMNS = ["task", "dataset", "size", "tool", "status", "wall_s", "cpu_s", "peak_rss_mb", "throughput_per_s",
           "bcubed_p", "bcubed_r", "bcubed_f1", "acc1", "coverage", "precision",
           "time_ratio", "mem_ratio", "quality_ratio", "command", "note"]


class Bench:
    def __init__(self, args):
        self.args = args
        self.out: Path = args.out
        self.rows: List[Dict] = []
        self.bin_dir: Path = args.bin_dir
        self.shared: Optional[Path] = args.shared if args.shared and args.shared.exists() else None
        self.growth_rounds: List = []
        self.growth_sizes = None

    def asmaa_bin(self, name: str) -> Optional[Path]:
        p = self.bin_dir / name
        return p if p.is_file() and os.access(p, os.X_OK) else None

    def record(self, task, dataset, size, tool, cmd, run: Optional[Run], n_items, quality, note=""):
        row = {k: "" for k in COLUMNS}
        row.update(task=task, dataset=dataset, size=size, tool=tool, note=note,
                   command=" ".join(str(c) for c in cmd) if cmd else "")
        if run is None:
            row["status"] = note or "not run"
            row["note"] = ""
        else:
            row.update(status=run.status, wall_s=f"{run.wall:.3f}",
                       cpu_s=f"{run.cpu:.2f}" if run.cpu == run.cpu else "",
                       peak_rss_mb=f"{run.peak_mb:.1f}" if run.peak_mb == run.peak_mb else "")
            if run.status == "ok":
                row["throughput_per_s"] = f"{n_items / run.wall:.1f}" if run.wall > 0 else ""
                for k, v in (quality or {}).items():
                    if k in row:
                        row[k] = f"{v:.4f}"
            elif run.stderr_tail:
                row["note"] = (row["note"] + " " if row["note"] else "") + "stderr: " + run.stderr_tail[:300]
        self.rows.append(row)
        self.write_tsv()
        q = {k: row[k] for k in ("bcubed_f1", "acc1", "coverage") if row[k]}
        log(f"{task:8s} {dataset:24s} {str(size):>8s} {tool:10s} {row['status']:16s} "
            f"wall={row['wall_s'] or '-'}s peak={row['peak_rss_mb'] or '-'}MB {q}")

    # ---------------------------------------------------------------- tasks
    def cluster(self, dataset: str, size, names: Path, gold: Optional[Path], n_items: int, rf_ok: bool = True,
                rf_skip_note: str = ""):
        runs = self.out / "runs"
        tag = f"cluster.{dataset}.{size}"
        for tool in self.args.tools:
            if tool == "asmaa":
                b = self.asmaa_bin("cluster")
                cmd = [str(b or self.bin_dir / "cluster"), "--no-aliases", str(names)]
                if b is None:
                    self.record("cluster", dataset, size, tool, cmd, None, n_items, None,
                                note=f"missing binary {self.bin_dir / 'cluster'}")
                    continue
            else:
                cmd = [sys.executable, str(HERE / "compare.py"), "rf", "cluster", str(names)]
                if not rf_ok:
                    self.record("cluster", dataset, size, tool, cmd, None, n_items, None, note=rf_skip_note)
                    continue
            pred = runs / f"{tag}.{tool}.tsv"
            run = run_median(cmd, pred, self.args.timeout, self.args.repeat)
            quality, note = None, ("" if run.runs == 1 else f"time: median of {run.runs} runs")
            if run.status == "ok" and gold is not None:
                try:
                    quality = score_cluster(gold, pred)
                    if quality["missing"]:
                        note = f"{quality['missing']} gold names missing from output"
                    if n_items <= 200_000:
                        note = " ".join(x for x in (note, cross_check("cluster", gold, pred, quality, self.shared)) if x)
                except ValueError as e:
                    run.status, note = "bad output", str(e)
            self.record("cluster", dataset, size, tool, cmd, run, n_items, quality, note)

    def resolve(self, dataset: str, size, aliases: Path, queries: Path, gold: Path, n_queries: int,
                rf_task: str = "resolve"):
        runs = self.out / "runs"
        tag = f"resolve.{dataset}.{size}"
        for tool in self.args.tools:
            if tool == "asmaa":
                b = self.asmaa_bin("resolve")
                cmd = [str(b or self.bin_dir / "resolve"), "--aliases", str(aliases), "--no-builtin", str(queries)]
                if b is None:
                    self.record("resolve", dataset, size, tool, cmd, None, n_queries, None,
                                note=f"missing binary {self.bin_dir / 'resolve'}")
                    continue
            else:
                cmd = [sys.executable, str(HERE / "compare.py"), "rf", rf_task, str(aliases), str(queries)]
            pred = runs / f"{tag}.{tool}.tsv"
            run = run_median(cmd, pred, self.args.timeout, self.args.repeat)
            quality, note = None, ("" if run.runs == 1 else f"time: median of {run.runs} runs")
            if run.status == "ok":
                try:
                    quality = score_resolve(gold, pred)
                    if quality["missing"]:
                        note = f"{quality['missing']} queries missing from output"
                    note = " ".join(x for x in (note, cross_check("resolve", gold, pred, quality, self.shared)) if x)
                except ValueError as e:
                    run.status, note = "bad output", str(e)
            self.record("resolve", dataset, size, tool, cmd, run, n_queries, quality, note)

    def growth(self, small: int, large: int, files: Dict[int, Path], rounds: int):
        """asmaa's clustering of `small` then `large` names, back to back, `rounds`
        times: the machine's speed drifts over minutes, so the growth from one size
        to the other is read within a round, and the median round reported."""
        b = self.asmaa_bin("cluster")
        if b is None or rounds <= 0:
            return
        runs = self.out / "runs"
        for r in range(rounds):
            times = {}
            for n in (small, large):
                run = run_measured([str(b), "--no-aliases", str(files[n])],
                                   runs / f"growth.{n}.{r}.tsv", self.args.timeout)
                times[n] = run.wall if run.status == "ok" else float("nan")
            ratio = times[large] / times[small]
            self.growth_rounds.append((times[small], times[large], ratio))
            log(f"growth   round {r + 1}: {small} names {times[small]:.3f} s, {large} names "
                f"{times[large]:.3f} s: x{ratio:.1f}")
        self.growth_sizes = (small, large)

    # ---------------------------------------------------------------- real data
    def real_splits(self) -> Optional[Path]:
        if self.shared is None or not (self.shared / "eval/dev.tsv").exists():
            log("no ../shared/eval/dev.tsv: real-data tasks skipped (synthetic only)")
            return None
        tools = self.shared / "eval/tools"
        d = self.out / "data" / "splits"
        d.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(tools / "make_splits.py"), str(self.shared / "eval/dev.tsv"), str(d), "dev"],
                       check=True)
        subprocess.run([sys.executable, str(tools / "sample_xres.py"), str(d), "dev"], check=True)
        n = self.args.real_queries
        if n:  # cut the query lists (and gold, same order) for a quick run
            for split in ("arabres", "xres"):
                q = (d / f"dev.{split}.queries.txt").read_text(encoding="utf-8").splitlines()[:n]
                g = (d / f"dev.{split}.gold.tsv").read_text(encoding="utf-8").splitlines()
                (d / f"dev.{split}.queries.txt").write_text("\n".join(q) + "\n", encoding="utf-8")
                (d / f"dev.{split}.gold.tsv").write_text("\n".join(g[:n + 1]) + "\n", encoding="utf-8")
        return d

    # ---------------------------------------------------------------- ratios and reports
    def add_ratios(self):
        by = defaultdict(dict)
        for r in self.rows:
            by[(r["task"], r["dataset"], r["size"])][r["tool"]] = r
        for pair in by.values():
            a, f = pair.get("asmaa"), pair.get("rapidfuzz")
            if not a or not f or a["status"] != "ok" or f["status"] != "ok":
                continue
            a["time_ratio"] = f"{float(a['wall_s']) / float(f['wall_s']):.3f}"
            a["mem_ratio"] = f"{float(a['peak_rss_mb']) / float(f['peak_rss_mb']):.3f}"
            key = "bcubed_f1" if a["task"] == "cluster" else "acc1"
            if a[key] and f[key] and float(f[key]) > 0:
                a["quality_ratio"] = f"{float(a[key]) / float(f[key]):.3f}"

    def write_tsv(self):
        with open(self.out / "results.tsv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                               escapechar="\\")
            w.writeheader()
            for r in self.rows:
                w.writerow({k: str(v).replace("\t", " ").replace("\n", " ") for k, v in r.items()})

    def write_md(self, env: Dict[str, str]):
        def fmt_time(r):
            return f"{float(r['wall_s']):.2f} s" if r["wall_s"] and r["status"] == "ok" else r["status"]

        lines = ["# asmaa vs rapidfuzz", "",
                 "Generated by `bash benches/compare/run.sh` (benches/compare/compare.py). "
                 "Wall time is the whole process (start-up and input reading included); "
                 "peak memory is the process's maximum resident set (os.wait4); "
                 "throughput is input names (cluster) or queries (resolve) per second of wall time; "
                 "ratios are asmaa / rapidfuzz (time and memory: lower is better for asmaa; quality: higher is better).",
                 "", "## Setup", ""]
        lines += [f"- {k}: {v}" for k, v in env.items()]
        for task, title, qcols in (
                ("cluster", "Clustering", [("bcubed_p", "B³ P"), ("bcubed_r", "B³ R"), ("bcubed_f1", "B³ F1")]),
                ("resolve", "Resolve", [("acc1", "acc@1"), ("coverage", "coverage"), ("precision", "precision")])):
            rows = [r for r in self.rows if r["task"] == task]
            if not rows:
                continue
            lines += ["", f"## {title}", "",
                      "| dataset | size | tool | time | CPU s | peak MB | items/s | " + " | ".join(q[1] for q in qcols)
                      + " | time ratio | mem ratio | quality ratio |",
                      "|---|---:|---|---:|---:|---:|---:|" + "---:|" * len(qcols) + "---:|---:|---:|"]
            for r in rows:
                lines.append("| " + " | ".join([r["dataset"], str(r["size"]), r["tool"], fmt_time(r), r["cpu_s"],
                                                 r["peak_rss_mb"], r["throughput_per_s"]]
                                                + [r[q[0]] for q in qcols]
                                                + [r["time_ratio"], r["mem_ratio"], r["quality_ratio"]]) + " |")
        if self.growth_rounds:
            small, large = self.growth_sizes
            ratios = sorted(g[2] for g in self.growth_rounds)
            lines += ["", "## Growth (asmaa clustering, interleaved rounds)", "",
                      f"asmaa's clustering of {small} and then {large} synthetic names, back to back, "
                      f"{len(self.growth_rounds)} times (the machine's speed drifts over minutes; the table "
                      "above measured the two sizes minutes apart). Whole-process wall time.", "",
                      f"| round | {small} names | {large} names | growth |", "|---:|---:|---:|---:|"]
            for i, (a, b, r) in enumerate(self.growth_rounds, 1):
                lines.append(f"| {i} | {a:.3f} s | {b:.3f} s | {r:.1f}x |")
            lines += ["", f"Median growth from {small} to {large} names: **{ratios[len(ratios) // 2]:.1f}x** "
                      f"(range {ratios[0]:.1f}x-{ratios[-1]:.1f}x)."]
        notes = [f"- {r['task']} {r['dataset']} {r['size']} {r['tool']}: {r['note']}" for r in self.rows if r["note"]]
        if notes:
            lines += ["", "## Notes", ""] + notes
        lines += ["", "## Baseline definitions", "",
                  f"- cluster: light folding (NFKC, harakat and tatweel removed, أإآٱ→ا, ى→ي, ة→ه), "
                  f"`process.cdist` with `Levenshtein.normalized_similarity`, score_cutoff {RF_CLUSTER_THRESHOLD}, "
                  "row-chunked (20M cells), `workers=-1`, then union-find (single link).",
                  f"- resolve (Arabic→Arabic): same folding, `process.extractOne` with "
                  f"`Levenshtein.normalized_similarity`, score_cutoff {RF_RESOLVE_CUTOFF}.",
                  "- resolve (Latin→Arabic, dev.xres): Latin folded to ASCII, Arabic table transliterated with a "
                  "letter map, `process.extractOne` with `JaroWinkler.normalized_similarity` (= jellyfish's "
                  "Jaro-Winkler), no cutoff.",
                  "- asmaa: `target/release/examples/cluster --no-aliases FILE` and "
                  "`target/release/examples/resolve --aliases TABLE --no-builtin FILE`.", ""]
        (self.out / "results.md").write_text("\n".join(lines), encoding="utf-8")

    def plot(self):
        try:
            import matplotlib
            matplotlib.use("Agg")
            import matplotlib.pyplot as plt
        except ImportError:
            log("matplotlib missing: no scaling.png")
            return
        fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
        style = {"asmaa": ("tab:blue", "o"), "rapidfuzz": ("tab:orange", "s")}
        for tool in self.args.tools:
            pts = [r for r in self.rows if r["task"] == "cluster" and r["dataset"] == "synthetic" and r["tool"] == tool]
            ok = sorted((int(r["size"]), float(r["wall_s"])) for r in pts if r["status"] == "ok")
            color, marker = style.get(tool, ("gray", "x"))
            if ok:
                ax.plot([p[0] for p in ok], [p[1] for p in ok], marker=marker, color=color, label=tool)
            for r in pts:
                if r["status"].startswith("timeout"):
                    ax.scatter([int(r["size"])], [float(r["wall_s"])], marker="^", color=color, s=70)
                    ax.annotate(r["status"], (int(r["size"]), float(r["wall_s"])), fontsize=7,
                                textcoords="offset points", xytext=(4, 4))
            real = [r for r in self.rows if r["task"] == "cluster" and r["dataset"] != "synthetic"
                    and r["tool"] == tool and r["status"] == "ok"]
            for r in real:
                ax.scatter([int(r["size"])], [float(r["wall_s"])], marker="*", color=color, s=110,
                           label=f"{tool} ({r['dataset']})")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("names to cluster")
        ax.set_ylabel("wall time (s, whole process)")
        ax.set_title("Clustering time against input size (log-log)")
        ax.grid(True, which="both", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=8)
        fig.tight_layout()
        fig.savefig(self.out / "scaling.png")
        plt.close(fig)


def environment(args) -> Dict[str, str]:
    env = {"date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": f"{platform.machine()}, {os.cpu_count()} CPUs"}
    try:
        with open("/proc/meminfo") as fh:
            env["memory"] = fh.readline().split(":", 1)[1].strip()
    except OSError:
        pass
    try:
        env["load average at start (1/5/15 min)"] = " ".join(Path("/proc/loadavg").read_text().split()[:3]) + \
            f" on {os.cpu_count()} CPUs (other work on the machine slows both tools and adds noise)"
    except OSError:
        pass
    env["python"] = platform.python_version()
    from importlib import metadata
    for dist in ("RapidFuzz", "numpy", "jellyfish", "matplotlib"):
        try:
            env[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            env[dist] = "not installed"
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True)
        env["asmaa commit"] = rev.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        pass
    for b in ("cluster", "resolve"):
        p = args.bin_dir / b
        env[f"asmaa {b} binary"] = (f"{p} (built {time.strftime('%Y-%m-%d %H:%M', time.localtime(p.stat().st_mtime))})"
                                    if p.exists() else f"MISSING ({p})")
    if os.environ.get("ASMAA_BUILD_STATUS"):
        env["cargo build --release --examples"] = os.environ["ASMAA_BUILD_STATUS"]
    env["timeout per run"] = f"{args.timeout:g} s"
    env["seed"] = str(args.seed)
    env["jaro-winkler check"] = check_jellyfish_agrees()
    return env


def parse_sizes(s: str) -> List[int]:
    out = []
    for x in s.split(","):
        x = x.strip().lower()
        if not x:
            continue
        mult = 1_000_000 if x.endswith("m") else 1_000 if x.endswith("k") else 1
        out.append(int(float(x.rstrip("mk")) * mult))
    return out


def main(argv: Optional[List[str]] = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["rf"]:
        rf_main(argv[1:])
        return
    if argv[:1] == ["_launch"]:
        launch_main(argv[1:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE / "out", help="output folder (default: %(default)s)")
    ap.add_argument("--bin-dir", type=Path, default=REPO / "target/release/examples",
                    help="where the asmaa example binaries are (default: %(default)s)")
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                    help="shared folder holding eval/dev.tsv and eval/tools (default: %(default)s)")
    ap.add_argument("--cluster-sizes", default=None, help="synthetic clustering sizes (default: 10k,20k,100k,1m)")
    ap.add_argument("--rf-max", type=parse_sizes, default=[100_000],
                    help="largest clustering size given to rapidfuzz's quadratic cdist (default: 100k)")
    ap.add_argument("--resolve-tables", default=None, help="synthetic resolve table sizes (default: 10k,100k)")
    ap.add_argument("--queries", type=int, default=None, help="synthetic resolve queries (default: 2000)")
    ap.add_argument("--timeout", type=float, default=None, help="per-run time bound in s (default: 600)")
    ap.add_argument("--seed", type=int, default=42, help="synthetic data seed (default: %(default)s)")
    ap.add_argument("--tools", default="asmaa,rapidfuzz", help="comma list of asmaa,rapidfuzz (default: both)")
    ap.add_argument("--tasks", default="cluster,resolve,real", help="comma list of cluster,resolve,real (default: all)")
    ap.add_argument("--real-queries", type=int, default=None, help="cut the real resolve query lists to N (0 = all)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of either tool shorter than 10 s are repeated this many times in all and "
                         "the median kept (default: %(default)s; 1 = once)")
    ap.add_argument("--growth-rounds", type=int, default=5,
                    help="interleaved asmaa rounds of the 100k and 1M clustering, for the growth figure "
                         "(default: %(default)s; 0 = none; needs both sizes)")
    ap.add_argument("--quick", action="store_true",
                    help="smoke test: defaults become sizes 2k,5k, table 5k, 300 queries, 500 real queries, "
                         "timeout 120 s (options given explicitly still win)")
    args = ap.parse_args(argv)
    defaults = ({"cluster_sizes": "2k,5k", "resolve_tables": "5k", "queries": 300, "real_queries": 500, "timeout": 120}
                if args.quick else
                {"cluster_sizes": "10k,20k,100k,1m", "resolve_tables": "10k,100k", "queries": 2000,
                 "real_queries": 0, "timeout": 600})
    for k, v in defaults.items():
        if getattr(args, k) is None:
            setattr(args, k, v)
    args.tools = [t for t in args.tools.split(",") if t]
    bad = [t for t in args.tools if t not in ("asmaa", "rapidfuzz")]
    if bad:
        ap.error(f"unknown tool(s) {bad}")
    tasks = set(args.tasks.split(","))
    args.rf_max = args.rf_max[0]
    args.out = args.out.resolve()
    (args.out / "runs").mkdir(parents=True, exist_ok=True)
    if "rapidfuzz" in args.tools:
        try:
            import rapidfuzz  # noqa: F401
            import numpy  # noqa: F401
        except ImportError as e:
            raise SystemExit(f"{e}: run through benches/compare/run.sh (it creates the virtual environment)")

    bench = Bench(args)
    for b in ("cluster", "resolve"):
        if "asmaa" in args.tools and bench.asmaa_bin(b) is None:
            log(f"WARNING: asmaa binary {args.bin_dir / b} is missing: its rows will say so "
                "(build with `cargo build --release --examples`)")
    env = environment(args)
    log(env["jaro-winkler check"])
    t_start = time.perf_counter()

    sizes = parse_sizes(args.cluster_sizes) if "cluster" in tasks else []
    tables = parse_sizes(args.resolve_tables) if "resolve" in tasks else []
    synth = make_synthetic(args.out, args.seed, sizes, tables, args.queries)

    for n in sizes:
        names, gold = synth["cluster"][n]
        bench.cluster("synthetic", n, names, gold, n, rf_ok=n <= args.rf_max,
                      rf_skip_note=f"not run: {n} > --rf-max {args.rf_max} (all-pairs cdist is quadratic)")
    if "asmaa" in args.tools and 100_000 in sizes and 1_000_000 in sizes:
        bench.growth(100_000, 1_000_000, {n: synth["cluster"][n][0] for n in (100_000, 1_000_000)},
                     args.growth_rounds)
    for t in tables:
        al, qf, gf = synth["resolve"][t]
        bench.resolve("synthetic", t, al, qf, gf, args.queries)

    if "real" in tasks:
        d = bench.real_splits()
        if d is not None:
            names = d / "dev.arabhard.names.txt"
            n = sum(1 for ln in open(names, encoding="utf-8") if ln.strip())
            bench.cluster("dev.arabhard", n, names, d / "dev.arabhard.gold.tsv", n)
            for split, rf_task in (("arabres", "resolve"), ("xres", "xres")):
                al, qf, gf = (d / f"dev.{split}.aliases.tsv", d / f"dev.{split}.queries.txt", d / f"dev.{split}.gold.tsv")
                nq = sum(1 for ln in open(qf, encoding="utf-8") if ln.strip())
                nt = sum(1 for _ in open(al, encoding="utf-8")) - 1
                bench.resolve(f"dev.{split} (table {nt})", nq, al, qf, gf, nq, rf_task=rf_task)

    bench.add_ratios()
    bench.write_tsv()
    env["total time of this comparison"] = f"{time.perf_counter() - t_start:.0f} s"
    try:
        env["load average at end"] = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        pass
    bench.write_md(env)
    bench.plot()
    log(f"wrote {args.out / 'results.tsv'}, {args.out / 'results.md'}, {args.out / 'scaling.png'}")
    print((args.out / "results.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
