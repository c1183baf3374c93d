#!/usr/bin/env bash
# The README's main job with --jobs 1 and --jobs 2 into fresh folders: wall times, and whether the recorded numbers
# agree (everything but train_seconds). Usage: scripts/bench-rank-jobs.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/bench-rank-jobs}
dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
cli=src/NasSharp.Cli/bin/Release/net10.0/nassharp
rm -rf "$out"; mkdir -p "$out"
uptime
for jobs in 1 2; do
  start=$(date +%s%N)
  "$cli" rank --space nb201 --target cifar10 --predictor np --train 39,78,156,469 --seeds 5 --seed 0 \
    --jobs "$jobs" --no-progress --out "$out/jobs$jobs" > "$out/jobs$jobs.log" 2>&1
  echo "jobs $jobs: $(( ($(date +%s%N) - start) / 1000000 )) ms wall"
done
strip() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; [x.pop("train_seconds") for x in r]; print(json.dumps(r))' "$1"; }
if [ "$(strip "$out/jobs1/rank.json")" = "$(strip "$out/jobs2/rank.json")" ]; then echo "rank.json numbers identical"; else echo "rank.json numbers DIFFER"; fi
uptime
