#!/usr/bin/env bash
# Issue 14 acceptance on NB201: 10 runs of 150 queries per strategy and dataset, search on validation accuracy,
# report the test accuracy of the best by validation (SEARCH.md §1). Usage: scripts/search-nb201.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/search-nb201}
# NASSHARP_CLI: a built nassharp to use instead of building this clone (e.g. a copy, so the clone can be rebuilt meanwhile).
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
for dataset in cifar10 cifar100 imagenet16; do
  "$cli" search --space nb201 --target "$dataset" --strategy random,rea,ls,npenas,bananas --predictor np \
    --budget 150 --runs 10 --seed 0 --jobs 2 --no-progress --out "$out/$dataset"
done
