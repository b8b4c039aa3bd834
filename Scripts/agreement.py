#!/usr/bin/env python3
"""Inter-annotator agreement between the corpus labels and a blind second annotation.

Reads TrainingData/agreement/second-annotator.jsonl (one {"article", "start", "end",
"stance", "sentiment"} per line; stance null when none), joins each line to the
first annotator's mention in TrainingData/source/*.txt by (article, start, end),
and prints percent agreement, Cohen's kappa and confusion matrices for stance
(four labels including null; and restricted to items both gave a stance) and
for sentiment.

Usage:
  python3 Scripts/agreement.py [SECOND_ANNOTATION.jsonl]
      compare (default file: TrainingData/agreement/second-annotator.jsonl)
  python3 Scripts/agreement.py sample --count N --seed S --out ITEMS.jsonl FILE...
      draw N labeled mentions at random from the source FILEs and write the items a blind
      second annotator sees: article, start, end, actor and the paragraph with the mention
      between [[ and ]], never the labels
"""
import argparse
import json
import os
import random
import sys

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, SCRIPTS)
import trainingdata as td  # noqa: E402

DEFAULT = os.path.join(td.DATA, "agreement", "second-annotator.jsonl")
STANCE_LABELS = ["open", "skeptical", "hardline", "null"]
STANCE3 = ["open", "skeptical", "hardline"]
SENT_LABELS = ["positive", "neutral", "negative"]


def cohen_kappa(pairs, labels):
    n = len(pairs)
    if n == 0:
        return float("nan")
    po = sum(a == b for a, b in pairs) / n
    pe = sum((sum(a == l for a, _ in pairs) / n) * (sum(b == l for _, b in pairs) / n) for l in labels)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")


def percent(pairs):
    return 100.0 * sum(a == b for a, b in pairs) / len(pairs) if pairs else float("nan")


def confusion(pairs, labels, title):
    w = max(10, max(len(l) for l in labels) + 1)
    print(f"\n{title} (rows: first annotator, columns: second annotator)")
    print(" " * w + "".join(f"{l:>{w}}" for l in labels) + f"{'total':>{w}}")
    for r in labels:
        row = [sum(1 for a, b in pairs if a == r and b == c) for c in labels]
        print(f"{r:<{w}}" + "".join(f"{x:>{w}}" for x in row) + f"{sum(row):>{w}}")
    cols = [sum(1 for _, b in pairs if b == c) for c in labels]
    print(f"{'total':<{w}}" + "".join(f"{x:>{w}}" for x in cols) + f"{len(pairs):>{w}}")


def report(name, pairs, labels):
    print(f"{name}: {percent(pairs):.1f}% agreement, Cohen's kappa {cohen_kappa(pairs, labels):.3f} (n={len(pairs)})")


def sample(argv):
    parser = argparse.ArgumentParser(prog="agreement.py sample", description="Draw blind items for a second annotator.")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    count, seed, out, files = args.count, args.seed, args.out, args.files
    mentions = [(a, m) for a in td.load_all(files) for m in a["mentions"]]
    random.Random(seed).shuffle(mentions)
    items = []
    for a, m in sorted(mentions[:count], key=lambda am: (am[0]["id"], am[1]["start"])):
        text = a["text"]
        start = text.rfind("\n", 0, m["start"]) + 1
        end = text.find("\n", m["end"])
        end = len(text) if end < 0 else end
        paragraph = text[start:m["start"]] + "[[" + text[m["start"]:m["end"]] + "]]" + text[m["end"]:end]
        items.append({"article": a["id"], "start": m["start"], "end": m["end"], "actor": m["actor"],
                      "headline": a["title"], "paragraph": paragraph})
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
    print(f"{len(items)} items from {len(mentions)} labeled mentions in {len(files)} files -> {out}")
    return 0


def main(argv):
    if len(argv) > 1 and argv[1] == "sample":
        return sample(argv[2:])
    return compare(argv[1] if len(argv) > 1 else DEFAULT)


def compare(path):
    first = {}
    for a in td.load_all():
        for m in a["mentions"]:
            first[(a["id"], m["start"], m["end"])] = m
    second = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                second.append(json.loads(line))

    joined, missing = [], []
    for s in second:
        m = first.get((s["article"], s["start"], s["end"]))
        if m is None:
            missing.append(s)
        else:
            joined.append((m, s))

    print(f"second annotation: {len(second)} items; joined to corpus: {len(joined)}; not found: {len(missing)}")
    for s in missing:
        print(f"  not found: {s['article']} {s['start']}-{s['end']}")
    if not joined:
        return 1

    stance = [(m["stance"] or "null", s["stance"] or "null") for m, s in joined]
    both = [(a, b) for a, b in stance if a != "null" and b != "null"]
    sent = [(m["sentiment"], s["sentiment"]) for m, s in joined]
    null_agree = sum((a == "null") == (b == "null") for a, b in stance)

    print()
    report("stance (open/skeptical/hardline/null)", stance, STANCE_LABELS)
    print(f"stance given vs null: {100.0 * null_agree / len(stance):.1f}% agreement "
          f"(first null {sum(a == 'null' for a, _ in stance)}, second null {sum(b == 'null' for _, b in stance)})")
    report("stance where both gave one (open/skeptical/hardline)", both, STANCE3)
    report("sentiment (positive/neutral/negative)", sent, SENT_LABELS)

    confusion(stance, STANCE_LABELS, "Stance confusion matrix")
    confusion(sent, SENT_LABELS, "Sentiment confusion matrix")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
