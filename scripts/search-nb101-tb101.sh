#!/usr/bin/env bash
# Issue 14 acceptance on NB101 (oracle and candidates: the 10,000-cell table, val-acc-108) and TB101 (its 711 cells,
# 7 tasks, each task's validation metric): 10 runs of 150 queries per strategy (TB101_RUNS per TB101 task, default 10).
# Usage: scripts/search-nb101-tb101.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/search-nb101-tb101}
# NASSHARP_CLI: a built nassharp to use instead of building this clone (e.g. a copy, so the clone can be rebuilt meanwhile).
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
"$cli" search --space nb101 --target cifar10 --strategy random,rea,ls,npenas --predictor np \
  --budget 150 --runs 10 --seed 0 --jobs 2 --no-progress --out "$out/nb101"
for task in class_scene class_object room_layout jigsaw segmentsemantic normal autoencoder; do
  "$cli" search --space tb101 --target "$task" --strategy random,rea,ls,npenas --predictor np \
    --budget 150 --runs "${TB101_RUNS:-10}" --seed 0 --jobs 2 --no-progress --out "$out/tb101-$task"
done
