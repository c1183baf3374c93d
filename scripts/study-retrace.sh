#!/usr/bin/env bash
# Issue 16 acceptance: a study answered by `evaluate --from-table` (one worker) retraces the in-memory `search` with
# the same strategy, predictor and seed, on SQLite and on PostgreSQL. NB201 CIFAR-10, npenas + np, budget 100, seed 0.
# Usage: scripts/study-retrace.sh [OUT_DIR]   (STUDY_POSTGRES: the PostgreSQL store, default the test database;
# NASSHARP_CLI: a built nassharp to use instead of building this clone.)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/study-retrace}
pg=${STUDY_POSTGRES:-postgresql://nassharp:nassharp@localhost/nassharp_test}
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
mkdir -p "$out"
budget=100 seed=0
start=$(date +%s)
"$cli" search --space nb201 --target cifar10 --strategy npenas --predictor np --budget $budget --runs 1 --seed $seed \
  --threads 1 --jobs 1 --no-progress --out "$out/search" >"$out/search.log"
echo "search: $(( $(date +%s) - start )) s"
stamp=$(date +%Y%m%d%H%M%S)
for storage in "sqlite:$out/study.db" "$pg"; do
  tag=${storage%%:*}
  name="retrace-$stamp"
  start=$(date +%s)
  "$cli" study create --storage "$storage" --name "$name" --space nb201 --domain cifar10 --strategy npenas --predictor np \
    --budget $budget --seed $seed
  "$cli" worker --storage "$storage" --study "$name" --threads 1 --out-dir "$out/$tag-trials" -- \
    "$cli" evaluate --from-table --space nb201 --target cifar10 --arch {arch} --out {out} >"$out/$tag-worker.log"
  tail -1 "$out/$tag-worker.log"
  "$cli" study export --storage "$storage" --study "$name" --out "$out/$tag" >/dev/null
  echo "$tag study: $(( $(date +%s) - start )) s"
  python3 - "$out/search/search.json" "$out/$tag/trials.json" "$tag" <<'PY'
import json, sys
search = json.load(open(sys.argv[1]))["runs"][0]["trajectory"]
trials = [t for t in json.load(open(sys.argv[2]))["trials"] if t["state"] == "complete"]
trials.sort(key=lambda t: t["completion"])
same = [s["arch"] == t["arch"] and abs(s["search_value"] - t["values"][0]) < 1e-9 for s, t in zip(search, trials)]
first = next((i + 1 for i, ok in enumerate(same) if not ok), None)
best = max(t["values"][0] for t in trials)
print(f"{sys.argv[3]}: {len(trials)} trials, {sum(same)} of {len(search)} queries identical to search"
      + (f", first difference at query {first}" if first else "") + f"; best cifar10-valid {best:.3f}")
sys.exit(0 if first is None and len(trials) == len(search) else 1)
PY
done
