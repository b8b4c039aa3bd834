#!/usr/bin/env bash
# Target-dependent sentiment on real news: stance's training tooling with default settings
# (`stance-train --format newsmtsc --task sentiment`, λ chosen by grouped cross-validation)
# beside scikit-learn TF-IDF + LR, fastText and VADER, all trained on NewsMTSC's train file
# and scored on the same files in one run. Prints one Markdown table on stdout.
#
#   bash Scripts/compare-sentiment.sh            # the paper's test portions (rw_test, mt_test)
#   bash Scripts/compare-sentiment.sh dev        # the dev portions (rw_dev, mt_dev), for choosing settings
#
# Needs ../shared/data/newsmtsc (or NEWSMTSC_DIR). Python packages come from PyPI into the
# virtual environment of Scripts/sklearn-env.sh (scikit-learn, plus vaderSentiment and fasttext-wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NEWSMTSC_DIR:-../shared/data/newsmtsc}"
[ -f "$data/train.jsonl" ] || { echo "compare-sentiment: $data/train.jsonl not found; set NEWSMTSC_DIR" >&2; exit 1; }
portion="${1:-test}"
case "$portion" in test|dev) ;; *) echo "compare-sentiment: expected 'test' or 'dev', got '$portion'" >&2; exit 64 ;; esac
bash Scripts/install-deps.sh
STANCE_TRAIN=skip
source Scripts/sklearn-env.sh
"$venv/bin/python" -c "import vaderSentiment, fasttext" 2>/dev/null || {
    echo "installing vaderSentiment and fasttext-wheel into $venv" >&2
    "$venv/bin/pip" install --quiet vaderSentiment fasttext-wheel
}
swift build -c release --scratch-path .build-release >&2
bindir="$(swift build -c release --scratch-path .build-release --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "training stance (default settings)" >&2
start=$(date +%s)
"$bindir/stance-train" --format newsmtsc --task sentiment --data "$data/train.jsonl" \
    --output "$work/model.json" --report json --quiet > "$work/train.json"
seconds=$(( $(date +%s) - start ))
note=$("$venv/bin/python" -c "import json,sys; r=json.load(open(sys.argv[1])); print(f\"λ {r['l2_penalty']:g} by grouped 5-fold CV ({max(c['macro_f1_mean'] for c in r['cross_validation']):.3f}), {r['features']} features, {sys.argv[2]} s with CV\")" "$work/train.json" "$seconds")
tests=() stance=()
for split in rw mt; do
    file="$data/paper_split/${split}_$portion.jsonl"
    "$bindir/stance-eval" --model "$work/model.json" --worst 0 --format json "$file" > "$work/$split.json"
    tests+=(--test "${split}_$portion=$file")
    stance+=(--stance "${split}_$portion=$work/$split.json")
done
"$venv/bin/python" Scripts/compare_sentiment.py "$data/train.jsonl" "${tests[@]}" "${stance[@]}" --stance-note "$note"
