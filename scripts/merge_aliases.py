#!/usr/bin/env python3
"""Merge curated alias fragments into data/aliases.tsv.

    merge_aliases.py OUT.tsv FRAGMENT.tsv [FRAGMENT.tsv ...]

Each fragment has the header `entity name script kind canonical` (an
`ambiguous` column is optional). Rows are kept in fragment order; exact
duplicate (entity, name) rows are merged; a spelling found under two
entities is reported and marked `ambiguous=1` on both rows so that a
reviewer sees it in the diff. Fragments are written by hand (curated from
general knowledge), never derived from evaluation data.
"""
import collections, sys

out, frags = sys.argv[1], sys.argv[2:]
rows, seen = [], set()
for path in frags:
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        idx = {h: i for i, h in enumerate(head)}
        for n, line in enumerate(f, 2):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            c = line.split("\t")
            get = lambda k: c[idx[k]].strip() if k in idx and idx[k] < len(c) else ""
            key = (get("entity"), get("name"))
            if key in seen:
                continue
            seen.add(key)
            rows.append([get("entity"), get("name"), get("script"), get("kind"), get("canonical"), get("ambiguous")])
# One canonical spelling per entity and script: the first one marked wins.
canon = set()
for r in rows:
    if r[4] == "1":
        if (r[0], r[2]) in canon:
            r[4] = ""
        canon.add((r[0], r[2]))
owners = collections.defaultdict(set)
for r in rows:
    owners[r[1]].add(r[0])
shared = {n for n, o in owners.items() if len(o) > 1}
for n in sorted(shared):
    print(f"shared spelling {n!r}: {sorted(owners[n])}", file=sys.stderr)
with open(out, "w", encoding="utf-8") as f:
    f.write("entity\tname\tscript\tkind\tcanonical\tambiguous\n")
    for r in rows:
        if r[1] in shared:
            r[5] = "1"
        f.write("\t".join(r) + "\n")
print(f"{len(rows)} rows, {len({r[0] for r in rows})} entities", file=sys.stderr)
