#!/usr/bin/env bash
# HyperNAS ablations on NB201 CIFAR-10 (issue 3, item 7). Every experiment is one `nassharp` command whose results
# land in runs/ablate/<name>/rank.json (resumable: rerun the script to continue). Budget: n = 39 and 3 seeds per
# setting, because each HyperNAS run costs minutes on 2 CPU cores; docs/RESULTS.md records what was run.
#   NASSHARP="dotnet /path/to/nassharp.dll" scripts/hypernas-ablations.sh [q|aggregation|context|target]
set -euo pipefail
NASSHARP=${NASSHARP:-"dotnet run --project src/NasSharp.Cli -c Release --"}
COMMON=(--space nb201 --target cifar10 --train 39 --seeds 3 --seed 0 --no-progress)
what=${1:-all}

if [[ $what == all || $what == q ]]; then
  # q = 1.5 is the main table's HyperNAS run (runs/nb201-hypernas, same seeds).
  for q in 1 3 1.25 2; do
    $NASSHARP rank "${COMMON[@]}" --predictor hypernas --q "$q" --out "runs/ablate/q-$q"
  done
fi
if [[ $what == all || $what == aggregation ]]; then
  for p in hypernas-p hypernas; do
    $NASSHARP rank "${COMMON[@]}" --predictor "$p" --aggregation Concatenate --out "runs/ablate/concat-$p"
  done
fi
if [[ $what == all || $what == context ]]; then
  for p in hypernas-p hypernas; do
    $NASSHARP rank "${COMMON[@]}" --predictor "$p" --context PositionEmbedding --out "runs/ablate/position-$p"
  done
fi
if [[ $what == all || $what == target ]]; then
  # Target-network accuracy of generated weights, no training: HyperNAS-H vs HyperNAS trained on the same cells
  # (TARGET_TRAIN of them, default 156).
  n=${TARGET_TRAIN:-156}
  out=runs/ablate/target-$n
  mkdir -p "$out"
  for p in hypernas-h hypernas; do
    [[ -f $out/$p.model ]] || \
      $NASSHARP train --space nb201 --predictor "$p" --train "$n" --seed 0 --model "$out/$p.model" --no-progress
  done
  # Five fixed cells chosen by hand, from all-3×3-convolution to mostly pooling/skip cells.
  for arch in \
    '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|' \
    '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|' \
    '|nor_conv_1x1~0|+|skip_connect~0|nor_conv_3x3~1|+|avg_pool_3x3~0|nor_conv_1x1~1|nor_conv_3x3~2|' \
    '|avg_pool_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|nor_conv_1x1~0|nor_conv_3x3~1|skip_connect~2|' \
    '|skip_connect~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_1x1~2|'; do
    for p in hypernas-h hypernas; do
      echo "== $p $arch"
      $NASSHARP init-weights --arch "$arch" --model "$out/$p.model" --out "$out/last.weights"
    done
  done | tee "$out/accuracy.log"
fi
