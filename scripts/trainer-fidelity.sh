#!/usr/bin/env bash
# Issue 16 acceptance: the built-in trainer's fidelity. A random study (budget 32, seed 0) over the NB201 cells that
# the benchmark measured on CIFAR-10, on SQLite; two local workers answer every trial with
# `nassharp evaluate --dataset cifar10` at the trainer's defaults (seed 0, one thread each); then `study correlate`
# ranks the trained accuracies against NB201's 200-epoch cifar10-valid validation and cifar10-test accuracies.
# The random strategy proposes each isomorphism class at most once, so the cells are distinct networks.
# Usage: scripts/trainer-fidelity.sh [OUT_DIR] [BUDGET]   (NASSHARP_CLI: a built nassharp instead of building this clone)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-runs/trainer-fidelity}
budget=${2:-32}
cli=${NASSHARP_CLI:-src/NasSharp.Cli/bin/Release/net10.0/nassharp}
[ -n "${NASSHARP_CLI:-}" ] || dotnet build src/NasSharp.Cli -c Release -v q >/dev/null
mkdir -p "$out"
storage="sqlite:$out/study.db"
name=fidelity
"$cli" study create --storage "$storage" --name $name --space nb201 --domain cifar10 --strategy random --budget "$budget" --seed 0 ||
  echo "(study exists: continuing it)"
echo "start $(date -u +%FT%TZ); load: $(uptime)"
start=$(date +%s)
for w in 1 2; do
  nice -n 10 "$cli" worker --storage "$storage" --study $name --worker w$w --timeout 20m --threads 1 --out-dir "$out/trials" -- \
    "$cli" evaluate --space nb201 --arch {arch} --dataset cifar10 --seed 0 --threads 1 --out {out} >"$out/worker-$w.log" 2>&1 &
done
wait
echo "end $(date -u +%FT%TZ); $(( $(date +%s) - start )) s wall; load: $(uptime)"
"$cli" study status --storage "$storage" --study $name
"$cli" study export --storage "$storage" --study $name --out "$out/export" >/dev/null
"$cli" study correlate --storage "$storage" --study $name --target cifar10 --out "$out/correlation.json"
