#!/usr/bin/env bash
# Prints the shipped models' real-news figures that Models/README.md reports: mention
# detection on the 45 labeled real articles, stance on the real-news and NewsMTSC dev
# splits (positions = 3-class macro-F1 on mentions with a stance; none F1; 4-class), the
# corpus test split, sentiment on NewsMTSC devtest_rw and the real-news dev split, and stance
# on the real-news dev articles handed to stance-predict whole with their mentions given,
# each with its bootstrap 5th percentile (the floors in Tests/StanceKitTests).
#
#   bash Scripts/real-news-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product stance-eval >&2
swift build -c release --product stance-predict >&2
eval_bin="$(swift build -c release --show-bin-path)/stance-eval"
predict_bin="$(swift build -c release --show-bin-path)/stance-predict"
echo "== mention detection, all 45 articles"
"$eval_bin" --mentions --task stance --worst 0 TrainingData/realnews/train.jsonl TrainingData/realnews/dev.jsonl | sed -n '/== mentions/,$p'
for f in TrainingData/realnews/dev.jsonl TrainingData/newsmtsc-stance/dev.jsonl TrainingData/test.jsonl; do
    echo "== stance on $f"
    "$eval_bin" --task stance --format json --worst 0 "$f" | python3 Scripts/bootstrap_floor.py
done
for f in ../shared/data/newsmtsc/devtest_rw.jsonl TrainingData/realnews/dev.jsonl TrainingData/test.jsonl; do
    echo "== sentiment on $f"
    "$eval_bin" --task sentiment --format json --worst 0 "$f" | python3 Scripts/bootstrap_floor.py
    "$eval_bin" --task sentiment --worst 0 "$f" | sed -n '2,5p'
done
echo "== stance with the mentions given in whole articles (text + targets lines), real-news dev"
python3 Scripts/given_mentions_figures.py "$predict_bin"
