#!/usr/bin/env bash
# Rebuilds the shipped models, Models/stance.json and Models/sentiment.json, each from the
# sources listed in Models/training/TASK-data.txt (the corpus's train+dev, the real-news
# labels' train splits, and for sentiment NewsMTSC's train file in TrainingData/newsmtsc/).
# The sentiment model's penalty is chosen by 5-fold cross-validation with folds
# grouped by setting (NewsMTSC: by article), never on test; the stance model's is the one its
# configuration records, chosen on the real-news dev splits (its cross-validation is printed
# for the record). The held-out test split is scored at the end for the record. Training is deterministic: a rerun gives byte-identical files.
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
# Each model's sources are listed in Models/training/TASK-data.txt. They include the real
# news this project labeled, whose text is read from ../shared at training time: the train
# splits of the 45 real articles and of the NewsMTSC stance labels. Their dev splits are
# never trained on; they choose the model (Models/README.md).
[ -d ../shared/data/realnews ] || [ -n "${STANCE_REALNEWS_ARTICLES:-}" ] || {
    echo "train-models: ../shared/data/realnews not found: the real-news labels need their texts (set STANCE_REALNEWS_ARTICLES)" >&2; exit 1; }
# Word clusters for the cl: features, learned from the training side's unlabeled text (sources in
# Models/training/word-clusters-sources.txt) before any model is fit, into the lexicon directory
# each model copies from; a model uses them only when its configuration turns on
# actorContext.wordClusters. Deterministic: a rerun writes the same file.
swift build -c release --product stance-clusters >&2
cluster_args=()
while read -r flag value; do cluster_args+=("$flag" "$value"); done < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' Models/training/word-clusters-sources.txt)
"$(swift build -c release --show-bin-path)/stance-clusters" "${cluster_args[@]}" --output Models/lexicons/word-clusters.tsv --quiet
for task in ${tasks[@]}; do
    echo "== $task model" >&2
    data=()
    while read -r source; do data+=(--data "$source"); done < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "Models/training/$task-data.txt")
    task_grid="$grid"
    [[ "$task" == sentiment ]] && task_grid="${STANCE_L2_GRID:-0.3,1,3,10,30,100}"
    if [[ "$task" == stance ]]; then
        # The stance model is chosen by real news (issue 9), not by the written corpus: its λ
        # is the one in training/stance-config.json, picked on the real-news dev splits
        # (Models/README.md). The corpus's grouped cross-validation is printed for the record
        # only; it preferred 3 over 10 by 0.002 (less than one sd) after the d8 articles,
        # while real-news dev positions fell from 0.652 to 0.600 at 3.
        "$bin" --format trainingdata --task "$task" \
            --config "Models/training/$task-config.json" \
            "${data[@]}" \
            --cv 5 --l2-grid "$task_grid" --quiet
        "$bin" --format trainingdata --task "$task" \
            --config "Models/training/$task-config.json" \
            "${data[@]}" \
            --test TrainingData/test.jsonl \
            --output "Models/$task.json" --quiet
        continue
    fi
    "$bin" --format trainingdata --task "$task" \
        --config "Models/training/$task-config.json" \
        "${data[@]}" \
        --cv 5 --l2-grid "$task_grid" \
        --test TrainingData/test.jsonl \
        --output "Models/$task.json" --quiet
done
