#!/usr/bin/env bash
# Issue 13 acceptance: two concurrent `train --train 156` processes each finish within 1.5x of one alone.
# Builds once, then times `train` alone and two at once, for each torch thread count given (default: 1 2).
# Usage: scripts/bench-concurrent-train.sh [THREADS...]   (NASSHARP_DATA or ../shared/data must hold the tables)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/NasSharp.Cli -c Release -v quiet -nologo >/dev/null
bin=src/NasSharp.Cli/bin/Release/net10.0/nassharp
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { # threads seed -> prints wall seconds
    local start end
    start=$(date +%s.%N)
    "$bin" train --space nb201 --target cifar10 --predictor np --train 156 --seed "$2" --threads "$1" \
        --model "$out/t$1-s$2.model" --no-progress >"$out/t$1-s$2.log" 2>&1
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }' 
}
echo "date: $(date -u +%FT%TZ); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2)
for threads in "${counts[@]}"; do
    alone=$(run "$threads" 0)
    run "$threads" 1 >"$out/a" & run "$threads" 2 >"$out/b" & wait
    a=$(cat "$out/a"); b=$(cat "$out/b")
    ratio=$(awk -v a="$a" -v b="$b" -v c="$alone" 'BEGIN { printf "%.2f", (a > b ? a : b) / c }')
    echo "threads $threads: alone $alone s; two at once $a s and $b s; slowest/alone $ratio"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
