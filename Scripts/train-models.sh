#!/usr/bin/env bash
# Rebuilds the shipped models, Models/stance.json and Models/sentiment.json. The stance
# model learns from TrainingData/ train+dev; the sentiment model from the sources listed
# in Models/training/sentiment-data.txt (NewsMTSC's train file, TrainingData/newsmtsc/,
# and TrainingData train+dev). The penalty is chosen by 5-fold cross-validation with folds
# grouped by setting (NewsMTSC: by article), never on test; the held-out test split is
# scored at the end for the record. Training is deterministic: a rerun gives byte-identical files.
#
#   bash Scripts/train-models.sh            # both models
#   bash Scripts/train-models.sh stance     # one of them
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-deps.sh
swift build -c release --product stance-train >&2
bin="$(swift build -c release --show-bin-path)/stance-train"
grid="${STANCE_L2_GRID:-0.3,1,3,10,30}"
tasks=("${@:-stance sentiment}")
for task in ${tasks[@]}; do
    echo "== $task model" >&2
    data=(--data TrainingData/train.jsonl --data TrainingData/dev.jsonl)
    task_grid="$grid"
    if [[ "$task" == sentiment ]]; then
        data=()
        while read -r source; do data+=(--data "$source"); done < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' Models/training/sentiment-data.txt)
        task_grid="${STANCE_L2_GRID:-0.3,1,3,10,30,100}"
    fi
    "$bin" --format trainingdata --task "$task" \
        --config "Models/training/$task-config.json" \
        "${data[@]}" \
        --cv 5 --l2-grid "$task_grid" \
        --test TrainingData/test.jsonl \
        --output "Models/$task.json" --quiet
done
