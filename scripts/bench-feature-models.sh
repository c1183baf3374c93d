#!/usr/bin/env bash
# Seconds to fit a feature model at n = 156 NB201 cells (with the default 5-fold cross-validation over the training
# cells, and with fixed settings, --no-cv) and to score all 15,625 NB201 cells (featurize + predict), one process,
# median of --repeats after a warm-up scoring call. Usage: scripts/bench-feature-models.sh [OUT_DIR] [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bench-feature-models}
repeats=${2:-3}
# NASSHARP_CLI: a built nassharp to use instead of building this clone (e.g. a copy, so the clone can be rebuilt meanwhile).
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
mkdir -p "$out"
uptime
variant() {
  local name=$1; shift
  "$cli" bench --space nb201 --target cifar10 --train 156 --repeats "$repeats" --seed 0 --threads 1 --out "$out/$name.json" "$@" \
    > "$out/$name.log" 2>&1
  echo "$name ($*):"
  grep -E "train|predict" "$out/$name.log"
}
variant lgbm-cv --predictor lgbm
variant lgbm-fixed --predictor lgbm --no-cv
variant boost-fixed --predictor boost --no-cv
variant forest-fixed --predictor forest --no-cv
uptime
