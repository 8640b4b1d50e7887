#!/usr/bin/env bash
# One command for the asmaa vs rapidfuzz comparison, from a fresh clone:
#
#     bash benches/compare/run.sh [compare.py options]     e.g. --quick, --timeout 300
#
# 1. creates benches/compare/.venv (python3 -m venv) with pinned RapidFuzz,
#    numpy, matplotlib and jellyfish;
# 2. builds asmaa's examples (cargo build --release --examples);
# 3. runs benches/compare/compare.py, which writes benches/compare/out/
#    results.tsv, results.md and scaling.png.
#
# Environment: PYTHON (default python3) picks the interpreter for the venv;
# SKIP_BUILD=1 skips step 2 (use the binaries already in target/release/examples).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

# Pinned versions of the baseline's packages (a change here rebuilds the venv).
requirements=(
    "RapidFuzz==3.14.6"
    "numpy==2.4.6"
    "matplotlib==3.11.2"
    "jellyfish==1.3.0"
)

stamp="$venv/.requirements"
if [[ ! -x "$venv/bin/python" ]] || [[ "$(cat "$stamp" 2>/dev/null)" != "${requirements[*]}" ]]; then
    echo "== creating $venv" >&2
    rm -rf "$venv"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${requirements[@]}"
    printf '%s' "${requirements[*]}" > "$stamp"
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== cargo build --release --examples" >&2
    # A failed build is reported in the results (and the asmaa rows say which
    # binary is missing); the rapidfuzz side still runs.
    if (cd "$repo" && cargo build --release --examples); then
        export ASMAA_BUILD_STATUS="ok"
    else
        export ASMAA_BUILD_STATUS="FAILED (binaries, if any, are from an earlier build)"
        echo "WARNING: cargo build --release --examples failed; continuing" >&2
    fi
fi

echo "== benches/compare/compare.py $*" >&2
cd "$repo"
exec "$venv/bin/python" "$here/compare.py" "$@"
