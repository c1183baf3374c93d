#!/usr/bin/env bash
# Issue 16 acceptance, faults on both stores: 8 concurrent worker processes x 200 trials (no trial claimed twice, none
# lost); kill -9 of a worker mid-trial (the trial is re-run after its lease and counted once); a locked or deleted
# SQLite file, a refused PostgreSQL connection and a study of another space (clear errors, nothing corrupted).
# Usage: scripts/study-faults.sh [OUT_DIR]   (STUDY_POSTGRES: the PostgreSQL store, default the test database;
# NASSHARP_CLI: a built nassharp to use instead of building this clone.)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/study-faults}
pg=${STUDY_POSTGRES:-postgresql://nassharp:nassharp@localhost/nassharp_test}
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
[ "${STUDY_FAULTS_ONLY:-}" = errors ] || rm -rf "$out"
mkdir -p "$out"
stamp=$(date +%Y%m%d%H%M%S)
answer='sleep 0.2; echo "{\"value\": {trial}}"'

check() { # check.py-style assertions on an exported trials.json: FILE EXPECTED_COMPLETE WHAT
  python3 - "$@" <<'PY'
import json, sys
path, expected, what = sys.argv[1], int(sys.argv[2]), sys.argv[3]
trials = json.load(open(path))["trials"]
done = [t for t in trials if t["state"] == "complete"]
keys = {t["arch"] for t in trials}
completions = sorted(t["completion"] for t in done)
problems = []
if len(done) != expected: problems.append(f"{len(done)} complete, expected {expected}")
if len(keys) != len(trials): problems.append("an architecture is two trials")
if completions != list(range(1, len(done) + 1)): problems.append("completion numbers are not 1..n once each")
if what == "concurrent" and any(t["attempt"] != 1 for t in trials): problems.append("a trial was claimed more than once")
workers = {}
for t in done: workers[t["worker"]] = workers.get(t["worker"], 0) + 1
print(f"  {what}: {len(trials)} trials, {len(done)} complete, attempts {sorted({t['attempt'] for t in trials})}, "
      f"per worker {dict(sorted(workers.items()))}: {'OK' if not problems else 'FAILED: ' + '; '.join(problems)}")
sys.exit(1 if problems else 0)
PY
}

expect_error() { # expect_error WHAT PATTERN COMMAND...: the command exits 2 with PATTERN on stderr
  local what=$1 pattern=$2; shift 2
  local err code=0
  err=$("$@" 2>&1 >/dev/null) || code=$?
  if [ "$code" = 2 ] && grep -q -- "$pattern" <<<"$err"; then echo "  $what: OK ($err)"; else echo "  $what: FAILED (exit $code: $err)"; return 1; fi
}

# STUDY_FAULTS_ONLY=errors runs only the last part (the errors).
stores=("sqlite:$out/faults.db" "$pg")
[ "${STUDY_FAULTS_ONLY:-}" != errors ] || stores=()
for storage in "${stores[@]}"; do
  tag=${storage%%:*}
  echo "== $tag"
  # 1. Eight workers, 200 trials.
  name="crowd-$stamp"
  "$cli" study create --storage "$storage" --name "$name" --space nb201 --strategy random --budget 200 --seed 0 >/dev/null
  start=$(date +%s.%N)
  pids=()
  for w in 1 2 3 4 5 6 7 8; do
    "$cli" worker --storage "$storage" --study "$name" --worker "w$w" --poll 200ms --out-dir "$out/$tag-crowd/w$w" -- sh -c "$answer" \
      >"$out/$tag-crowd-w$w.log" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}"
  echo "  8 workers x 200 trials: $(python3 -c "import sys; print(round($(date +%s.%N) - $start, 1))") s wall"
  "$cli" study export --storage "$storage" --study "$name" --out "$out/$tag-crowd" >/dev/null
  check "$out/$tag-crowd/trials.json" 200 concurrent
  grep -h "done:" "$out"/$tag-crowd-w*.log | sed 's/^/    /'

  # 2. kill -9 of a worker mid-trial: its trial comes back after the 3 s lease and counts once.
  name="kill-$stamp"
  "$cli" study create --storage "$storage" --name "$name" --space nb201 --strategy random --budget 3 --seed 0 >/dev/null
  "$cli" worker --storage "$storage" --study "$name" --worker doomed --lease 3s --out-dir "$out/$tag-kill/doomed" -- sh -c 'sleep 20; echo "{\"value\": -1}"' \
    >"$out/$tag-kill-doomed.log" 2>&1 &
  doomed=$!
  until grep -q "trial 1 (attempt 1)" "$out/$tag-kill-doomed.log" 2>/dev/null; do sleep 0.2; done
  kill -9 "$doomed"
  "$cli" worker --storage "$storage" --study "$name" --worker rescuer --lease 3s --poll 500ms --out-dir "$out/$tag-kill/rescuer" -- sh -c "$answer" \
    >"$out/$tag-kill-rescuer.log" 2>&1
  "$cli" study export --storage "$storage" --study "$name" --out "$out/$tag-kill" >/dev/null
  check "$out/$tag-kill/trials.json" 3 killed
  python3 - "$out/$tag-kill/trials.json" <<'PY'
import json, sys
t = next(t for t in json.load(open(sys.argv[1]))["trials"] if t["number"] == 1)
ok = t["state"] == "complete" and t["attempt"] == 2 and t["failures"] == 1 and t["worker"] == "rescuer" and t["values"] == [1]
print(f"  killed trial 1: state {t['state']}, attempt {t['attempt']}, failures {t['failures']}, worker {t['worker']}, value {t['values']}: {'OK' if ok else 'FAILED'}")
sys.exit(0 if ok else 1)
PY

  # 3. A study of another space: the name is taken, and a command answering for another space fails the trial with its reason.
  expect_error "same name, another space" "exists already in .* (space nb201" "$cli" study create --storage "$storage" --name "$name" --space nb101 --strategy random --budget 3
  name="space-$stamp"
  "$cli" study create --storage "$storage" --name "$name" --space nb201 --strategy random --budget 1 --seed 0 >/dev/null
  "$cli" worker --storage "$storage" --study "$name" --retries 0 --out-dir "$out/$tag-space" -- \
    "$cli" evaluate --from-table --space nb101 --arch {arch} --out {out} >"$out/$tag-space.log" 2>&1
  grep -q "failed: exit code 2; stderr: error:" "$out/$tag-space.log" && echo "  another space's evaluation: OK ($(grep -o 'failed: .*' "$out/$tag-space.log" | head -1 | cut -c1-160))" \
    || { echo "  another space's evaluation: FAILED"; exit 1; }
  "$cli" study status --storage "$storage" --study "crowd-$stamp" >/dev/null && echo "  store still reads after the faults: OK"
done

echo "== errors"
expect_error "refused connection" "Cannot reach the study store" "$cli" study status --storage postgresql://nassharp@127.0.0.1:1/none --study x
db="$out/errors.db"
"$cli" study create --storage "sqlite:$db" --name errors --space nb201 --strategy random --budget 1 >/dev/null
# A process holding the write lock longer than the 30 s busy timeout: the next write fails clearly, nothing is written.
python3 -c "import sqlite3, time; c = sqlite3.connect('$db', isolation_level=None); c.execute('BEGIN IMMEDIATE'); open('$out/locked', 'w').close(); time.sleep(35)" &
holder=$!
until [ -e "$out/locked" ]; do sleep 0.1; done
"$cli" study create --storage "sqlite:$db" --name "locked" --space nb201 --strategy random --budget 1 >/dev/null 2>"$out/locked.err" || true
grep -q "stayed locked by another process" "$out/locked.err" && echo "  locked file: OK ($(cat "$out/locked.err"))" || { echo "  locked file: FAILED ($(cat "$out/locked.err"))"; exit 1; }
wait "$holder"
python3 -c "import sqlite3; c = sqlite3.connect('$db'); print('  after the lock: studies', [r[0] for r in c.execute('select name from studies')], '- integrity_check:', c.execute('pragma integrity_check').fetchone()[0])"
rm -f "$db" "$db-wal" "$db-shm"
expect_error "deleted file" "does not exist" "$cli" study status --storage "sqlite:$db" --study errors
