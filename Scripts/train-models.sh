#!/usr/bin/env bash
# Rebuilds the shipped models, Models/stance.json and Models/sentiment.json, from
# TrainingData/ alone. The penalty is chosen by 5-fold cross-validation on train+dev
# with folds grouped by setting (never on test); the held-out test split is scored
# at the end for the record. Training is deterministic: a rerun gives byte-identical files.
#
#   bash Scripts/train-models.sh            # both models
#   bash Scripts/train-models.sh stance     # one of them
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/install-deps.sh
swift build -c release --product stance-train >&2
bin="$(swift build -c release --show-bin-path)/stance-train"
grid="${STANCE_L2_GRID:-1,3,10,30}"
tasks=("${@:-stance sentiment}")
# Real news the project labeled (its text is read from ../shared at training time):
# the train split of the 45 real articles and of the NewsMTSC stance labels. Their dev
# splits are never trained on; they choose the model (Models/README.md).
real=(--data TrainingData/realnews/train.jsonl --data TrainingData/newsmtsc-stance/train.jsonl)
if [ ! -d ../shared/data/realnews ] && [ -z "${STANCE_REALNEWS_ARTICLES:-}" ]; then
    echo "train-models: ../shared/data (the real news texts) is missing; training on TrainingData's own text only" >&2
    real=()
fi
for task in ${tasks[@]}; do
    echo "== $task model" >&2
    "$bin" --format trainingdata --task "$task" \
        --config "Models/training/$task-config.json" \
        --data TrainingData/train.jsonl --data TrainingData/dev.jsonl "${real[@]}" \
        --cv 5 --l2-grid "${grid}" \
        --test TrainingData/test.jsonl \
        --output "Models/$task.json" --quiet
done
