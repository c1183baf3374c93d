#!/bin/bash
# Zero-cost proxies of the whole NB201 space on N cores: split the cells into N files of whole isomorphism classes
# (each distinct network is computed once), run one `nassharp proxies --arch-file` per file, then merge the parts.
# Rerunning the same command resumes every part from its last checkpoint.
# Usage: scripts/proxies-parallel.sh N OUT.csv [more 'nassharp proxies' options, e.g. --proxies naswot,synflow --seed 0]
# Environment: NASSHARP_DATA (data root, default ../shared/data), NASSHARP (the command, default nassharp).
set -euo pipefail
n=$1; out=$2; shift 2
data=${NASSHARP_DATA:-../shared/data}
tool=${NASSHARP:-nassharp}
python3 "$(dirname "$0")/split-nb201-by-class.py" "$data/nb201/nb201.csv" "$n" "$out.part"
pids=()
for ((i = 0; i < n; i++)); do
  "$tool" proxies --space nb201 --arch-file "$out.part$i.txt" --out "$out.part$i.csv" --threads 1 --no-progress "$@" \
    > "$out.part$i.log" 2>&1 &
  pids+=($!)
done
for ((i = 0; i < n; i++)); do
  wait "${pids[$i]}" || { echo "part $i failed, see $out.part$i.log" >&2; exit 1; }
done
{ head -n 1 "$out.part0.csv"; for ((i = 0; i < n; i++)); do tail -n +2 "$out.part$i.csv"; done; } > "$out.tmp"
mv "$out.tmp" "$out"
cp "$out.part0.csv.settings.json" "$out.settings.json"
echo "wrote $out ($(($(wc -l < "$out") - 1)) architectures); report: $tool proxies --space nb201 --out $out --report"
