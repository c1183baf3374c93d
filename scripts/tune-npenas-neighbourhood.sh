#!/usr/bin/env bash
# Should NPENAS measure the incumbent's neighbourhood first (--best-neighbourhood-first)? Chosen on the search metric
# only (the incumbent's validation accuracy), on seeds 100-109 of NB201 CIFAR-10 and CIFAR-100, which no reported run
# uses. Usage: scripts/tune-npenas-neighbourhood.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/tune-npenas}
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
for dataset in cifar10 cifar100; do
  for variant in plain neighbourhood-first; do
    flag=(); [ "$variant" = plain ] || flag=(--best-neighbourhood-first)
    "$cli" search --space nb201 --target "$dataset" --strategy npenas --predictor np "${flag[@]}" \
      --budget 150 --runs 10 --seed 100 --jobs 2 --no-progress --out "$out/$dataset-$variant" > "$out/$dataset-$variant.log" 2>&1
    python3 scripts/search-validation.py "$out/$dataset-$variant/search.json"
  done
done
