#!/usr/bin/env bash
# How many of NPENAS's 200 candidates should be random architectures (0, 50, 100)? Chosen on the search metric only
# (the incumbent's validation accuracy), on seeds 100-109 of NB201 CIFAR-10, which no reported run uses.
# Usage: scripts/tune-npenas-candidates.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/tune-npenas}
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
for random in 0 50 100; do
  "$cli" search --space nb201 --target cifar10 --strategy npenas --predictor np --random-candidates "$random" \
    --budget 150 --runs 10 --seed 100 --jobs 2 --no-progress --out "$out/random$random" > "$out/random$random.log" 2>&1
  python3 scripts/search-validation.py "$out/random$random/search.json"
done
