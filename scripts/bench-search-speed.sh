#!/usr/bin/env bash
# Seconds per predictor-guided NB201 run (npenas + NP, 150 queries, a refit every 10), one process, one torch
# thread: the paper schedule (300 epochs from scratch every refit) against warm starts and shorter refits, on the
# same seeds, with the quality each reaches. Usage: scripts/bench-search-speed.sh [OUT_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bench-search-speed}
runs=${2:-3}
# NASSHARP_CLI: a built nassharp to use instead of building this clone (e.g. a copy, so the clone can be rebuilt meanwhile).
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
mkdir -p "$out"
uptime
variant() {
  local name=$1; shift
  rm -rf "$out/$name"
  local start=$(date +%s%N)
  "$cli" search --space nb201 --target cifar10 --strategy npenas --predictor np --budget 150 --runs "$runs" --seed 0 \
    --jobs 1 --threads 1 --no-progress --out "$out/$name" "$@" > "$out/$name.log" 2>&1
  local ms=$(( ($(date +%s%N) - start) / 1000000 ))
  echo "$name ($*): $(( ms / runs )) ms per run over $runs runs"
  grep "│ npenas" "$out/$name.log" || true
  # The search metric (validation accuracy) of the incumbent, what a choice between the variants may look at.
  python3 scripts/search-validation.py "$out/$name/search.json"
}
variant scratch300
variant warm50 --warm-start 50
variant warm100 --warm-start 100
variant scratch100 --predictor-epochs 100
uptime
