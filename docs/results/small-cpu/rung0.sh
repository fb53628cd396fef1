#!/usr/bin/env bash
# Rung 0 of the ladder (LADDER.md), from an empty folder: record the expert, train a `small` policy that reads the
# simulator's privileged state, evaluate it on langtable-spatial's held-in split (20 episodes per task, seed 100000)
# with the whole chunk and with 4 actions per query, and measure its open-loop agreement with the expert.
#   ./docs/results/small-cpu/rung0.sh OUT [STEPS] [EPISODES] [NOISE] [VISION_AND_LM] [TRAIN OPTION...]
#   OUT            folder for the dataset, the run and the evaluations (created)
#   STEPS          training steps of batch 32 (default 1500)
#   EPISODES       expert episodes recorded over every suite (default 2000; langtable-long chains count once)
#   NOISE          DART action noise while recording, metres (default 0: clean demonstrations)
#   VISION_AND_LM  full (train them, the default) or frozen (train the head and projectors only, ~2x faster)
#   TRAIN OPTION   more `vla4j train` options, e.g. --set proprio_in_latent=false (the upstream head of earlier rows)
# Results: OUT/ladder.txt (one line per evaluation), OUT/eval-*/eval_info.json and charts, OUT/run/learning_curve.png.
set -euo pipefail
out="${1:?usage: rung0.sh OUT [STEPS] [EPISODES] [NOISE] [VISION_AND_LM]}"
steps="${2:-1500}"
episodes="${3:-2000}"
noise="${4:-0}"
mode="${5:-full}"
shift $(( $# < 5 ? $# : 5 ))
warmup=$(( steps < 50 ? steps : 50 ))
vla4j="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)/vla4j"
mkdir -p "$out"

"$vla4j" sim record --suite all --episodes "$episodes" --threads 2 --noise "$noise" --out "$out/data"
"$vla4j" train --dataset "$out/data" --config small --out "$out/run" --set steps="$steps" --set warmup_steps="$warmup" \
    --set checkpoint_every=500 --set log_every=50 --set crop_area=1.0 --set 'hide_state=[2,3]' \
    --set privileged_state=true --set vision="$mode" --set lm="$mode" "$@"
policy="$out/run/checkpoints/last"
for execution in "" "--execute-steps 4"; do
    name="eval${execution:+-k4}"
    # shellcheck disable=SC2086 # $execution is empty or one option with its value
    "$vla4j" sim eval --suite langtable-spatial --policy "$policy" --episodes-per-task 20 --seed 100000 \
        --split held-in --batch 32 --threads 2 $execution --out "$out/$name" | grep overall | sed "s/^/$name /" \
        | tee -a "$out/ladder.txt"
done
"$vla4j" sim agreement --suite langtable-spatial --policy "$policy" --episodes-per-task 4 | tee -a "$out/ladder.txt"
