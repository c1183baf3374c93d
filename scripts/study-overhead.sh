#!/usr/bin/env bash
# Issue 16: the store's time per trial (claim = expire leases + claim or propose and create; record = the result's
# transaction), SQLite and PostgreSQL, with 1, 4 and 16 concurrent worker processes, each trial answered at once by
# `echo`, so the workers contend for the store as hard as they can. The random strategy; each worker prints its means.
# Usage: scripts/study-overhead.sh [OUT_DIR] [TRIALS_PER_WORKER]   (STUDY_POSTGRES, NASSHARP_CLI as in study-faults.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/study-overhead}
per=${2:-25}
pg=${STUDY_POSTGRES:-postgresql://nassharp:nassharp@localhost/nassharp_test}
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
# STUDY_OVERHEAD_CASES="postgresql:16 sqlite:1" runs only those cases (store:workers), into the same folder.
cases=${STUDY_OVERHEAD_CASES:-}
[ -n "$cases" ] || rm -rf "$out"
mkdir -p "$out"
stamp=$(date +%Y%m%d%H%M%S)
echo "store workers trials finished claim_ms record_ms (mean over workers of each worker's median) load_average"
for storage in "sqlite:$out/overhead.db" "$pg"; do
  tag=${storage%%:*}
  for workers in 1 4 16; do
    [ -z "$cases" ] || [[ " $cases " == *" $tag:$workers "* ]] || continue
    name="overhead-$workers-$stamp"
    "$cli" study create --storage "$storage" --name "$name" --space nb201 --strategy random --budget $((workers * per)) --seed 0 >/dev/null
    pids=()
    for w in $(seq 1 "$workers"); do
      "$cli" worker --storage "$storage" --study "$name" --worker "w$w" --poll 100ms --out-dir "$out/$tag-$workers/w$w" -- echo '{"value": {trial}}' \
        >"$out/$tag-$workers-w$w.log" 2>&1 &
      pids+=($!)
    done
    # A worker that stopped on a store error leaves no figures; the others' still count (and the count is printed).
    wait "${pids[@]}" || true
    grep -h "store time per trial" "$out"/$tag-$workers-w*.log | python3 -c "
import re, sys
rows = [tuple(map(float, re.search(r'claim ([0-9.]+) ms, record ([0-9.]+) ms', l).groups())) for l in sys.stdin]
print('$tag', $workers, $((workers * per)), f'{len(rows)} of $workers workers', round(sum(r[0] for r in rows) / len(rows), 1), round(sum(r[1] for r in rows) / len(rows), 1), open('/proc/loadavg').read().split()[0])"
  done
done
