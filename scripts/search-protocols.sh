#!/usr/bin/env bash
# The papers' search protocols on NB201 (10 runs per dataset): HyperNAS App. C.1 (a predictor trained once on 156
# random cells, evolution on its predictions, then the 10 best predicted measured: 166 queries) with HyperNAS-P and NP,
# and MP-NAS Table 5 (a meta-trained predictor adapted to the queries so far, 30 queries) next to random search and
# REA on the same seeds. The MP-NAS models are meta-trained leaving the target task out (mp-nas Table 5's setting).
# Usage: scripts/search-protocols.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/search-protocols}
# NASSHARP_CLI: a built nassharp to use instead of building this clone (e.g. a copy, so the clone can be rebuilt meanwhile).
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
for dataset in cifar10 cifar100 imagenet16; do
  for predictor in hypernas-p np; do
    "$cli" search --space nb201 --target "$dataset" --strategy hypernas --predictor "$predictor" --predictor-epochs 300 \
      --budget 166 --runs 10 --seed 0 --jobs 2 --no-progress --out "$out/hypernas-$predictor-$dataset"
  done
done
for dataset in cifar10 cifar100 imagenet16; do
  model="runs/mpnas-search/mpnas-not-$dataset.model"
  [ -f "$model" ] || "$cli" meta-train --exclude "nb201/$dataset" --model "$model" --seed 0 --no-progress
  "$cli" search --space nb201 --target "$dataset" --strategy mpnas,random,rea --predictor mp-nas --meta-model "$model" \
    --budget 30 --runs 10 --seed 0 --jobs 2 --no-progress --out "$out/mpnas-$dataset"
done
