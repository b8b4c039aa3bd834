#!/usr/bin/env bash
# Builds a sentiment model from NewsMTSC's training file alone (real US news, crowd-labeled
# target sentiment) with stance-train's default settings (λ by 5-fold cross-validation
# grouped by article), and scores it on the paper's test portions from ../shared/data/newsmtsc.
# The shipped Models/sentiment.json learns from this file plus the corpus; this model is
# the tooling figure the README compares with the paper's peers.
#
#   bash Scripts/train-newsmtsc-sentiment.sh [OUTPUT]     (default Models/newsmtsc-sentiment.json)
#   stance-predict --sentiment-model Models/newsmtsc-sentiment.json article.txt
set -euo pipefail
cd "$(dirname "$0")/.."
data="${NEWSMTSC_DIR:-../shared/data/newsmtsc}"
out="${1:-Models/newsmtsc-sentiment.json}"
[ -f "$data/train.jsonl" ] || { echo "train-newsmtsc-sentiment: $data/train.jsonl not found; set NEWSMTSC_DIR" >&2; exit 1; }
bash Scripts/install-deps.sh
swift build -c release >&2
bindir="$(swift build -c release --show-bin-path)"
"$bindir/stance-train" --format newsmtsc --task sentiment --data "$data/train.jsonl" \
    --output "$out" --quiet >/dev/null
echo "wrote $out; scores on the paper's test portions:" >&2
for split in rw_test mt_test; do
    "$bindir/stance-eval" --model "$out" --worst 0 "$data/paper_split/$split.jsonl"
done
