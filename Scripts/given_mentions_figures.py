#!/usr/bin/env python3
"""Stance with the mention given, the way a user hands stance-predict a whole article with
its known mentions: one JSONL line per real-news article, `{"id", "text", "targets": [{"from",
"to"}]}` (bare spans, no actor names), scored against the project's labels.

Prints positions (3-class macro-F1 over mentions whose gold label is a stance, likeliest of
open/skeptical/hardline), `none` F1 and 4-class macro-F1, each with the 5th percentile of
2,000 seeded bootstrap resamples of the mentions. The article texts are read from
../shared/data/realnews/articles and written only to a temporary file (they may not be
copied into the repository).

  python3 Scripts/given_mentions_figures.py STANCE_PREDICT [LABELS.jsonl] [-- EXTRA FLAGS]

LABELS defaults to TrainingData/realnews/dev.jsonl; flags after `--` go to stance-predict
(for example `--per-mention`).
"""
import json
import os
import random
import subprocess
import sys
import tempfile

POSITIONS = ["open", "skeptical", "hardline"]
LABELS = POSITIONS + ["none"]


def macro_f1(pairs, classes):
    scores = []
    for c in classes:
        tp = sum(1 for g, p in pairs if g == c and p == c)
        denominator = sum(1 for g, _ in pairs if g == c) + sum(1 for _, p in pairs if p == c)
        scores.append(0.0 if denominator == 0 else 2 * tp / denominator)
    return sum(scores) / len(scores)


def main():
    arguments = sys.argv[1:]
    extra = []
    if "--" in arguments:
        extra = arguments[arguments.index("--") + 1:]
        arguments = arguments[:arguments.index("--")]
    if not arguments:
        sys.exit(__doc__)
    predictor = arguments[0]
    labels = arguments[1] if len(arguments) > 1 else "TrainingData/realnews/dev.jsonl"
    articles = os.environ.get("STANCE_REALNEWS_ARTICLES") or os.path.join(
        os.path.dirname(os.path.abspath(labels)), "..", "..", "..", "shared", "data", "realnews", "articles")
    gold = {}
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as lines:
        for line in open(labels, encoding="utf-8"):
            labeled = json.loads(line)
            text = open(os.path.join(articles, labeled["article"]), encoding="utf-8").read()
            spans = [{"from": m["start"], "to": m["end"]} for m in labeled["mentions"]]
            lines.write(json.dumps({"id": labeled["article"], "text": text, "targets": spans}, ensure_ascii=False) + "\n")
            gold[labeled["article"]] = [m["stance"] or "none" for m in labeled["mentions"]]
        path = lines.name
    try:
        output = subprocess.run(
            [predictor, "--quiet", "--format", "jsonl", *extra, path], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(path)
    rows = {}
    for line in output.splitlines():
        row = json.loads(line)
        rows.setdefault(row["document"], []).append(row["stance_probabilities"])
    positions, four = [], []
    for article, stances in gold.items():
        predicted = rows.get(article, [])
        if len(predicted) != len(stances):  # a line gives one row per target, in order
            sys.exit(f"{article}: {len(predicted)} rows for {len(stances)} targets")
        for stance, probabilities in zip(stances, predicted):
            four.append((stance, max(LABELS, key=lambda c: probabilities.get(c, 0))))
            if stance != "none":
                positions.append((stance, max(POSITIONS, key=lambda c: probabilities.get(c, 0))))
    none = [("none" if g == "none" else "stance", "none" if p == "none" else "stance") for g, p in four]
    random.seed(0)
    for name, pairs, score in [
        ("positions", positions, lambda s: macro_f1(s, POSITIONS)),
        ("none F1", none, lambda s: macro_f1(s, ["none"])),
        ("4-class", four, lambda s: macro_f1(s, LABELS)),
    ]:
        resampled = sorted(score([random.choice(pairs) for _ in pairs]) for _ in range(2000))
        print(f"{name:10} {score(pairs):.3f}  (n {len(pairs)}, bootstrap 5th percentile {resampled[100]:.3f})")


if __name__ == "__main__":
    main()
