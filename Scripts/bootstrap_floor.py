#!/usr/bin/env python3
"""Lower confidence bound of a held-out macro-F1, for setting test floors.

Reads `stance-eval --format json` output on stdin, rebuilds the (gold, predicted)
pairs from each report's confusion matrix, resamples them 2,000 times (seeded) and
prints the observed macro-F1 with the 5th percentile of the resampled ones: a floor
set there trips on a real regression, not on the luck of one split.

  stance-eval --format json --worst 0 DATA.jsonl | python3 Scripts/bootstrap_floor.py
"""
import json, random, sys


def macro_f1(pairs, k):
    tp = [0] * k; fp = [0] * k; fn = [0] * k
    for g, p in pairs:
        if g == p: tp[g] += 1
        else: fp[p] += 1; fn[g] += 1
    f1 = []
    for c in range(k):
        if tp[c] + fp[c] + fn[c] == 0: continue
        denom = 2 * tp[c] + fp[c] + fn[c]
        f1.append(0.0 if denom == 0 else 2 * tp[c] / denom)
    return sum(f1) / len(f1)


def class_f1(pairs, c):
    tp = sum(1 for g, p in pairs if g == c and p == c)
    denom = sum(1 for g, p in pairs if g == c) + sum(1 for g, p in pairs if p == c)
    return 0.0 if denom == 0 else 2 * tp / denom


def bound(metrics, name, rng):
    labels = metrics["labels"]
    confusion, k = metrics["confusion"], len(labels)
    pairs = [(g, p) for g in range(k) for p in range(k) for _ in range(confusion[g][p])]
    resamples = [[rng.choice(pairs) for _ in pairs] for _ in range(2000)]
    samples = sorted(macro_f1(r, k) for r in resamples)
    print(f"{name}: macro-F1 {macro_f1(pairs, k):.4f}, bootstrap 5th percentile {samples[100]:.4f} (n={len(pairs)})")
    if "none" in labels:
        c = labels.index("none")
        samples = sorted(class_f1(r, c) for r in resamples)
        print(f"{name}: none F1 {class_f1(pairs, c):.4f}, bootstrap 5th percentile {samples[100]:.4f}")


def main():
    data = json.load(sys.stdin)
    reports = data["models"] if isinstance(data, dict) else data
    rng = random.Random(0)
    for r in reports:
        bound(r["metrics"], f"{r['task']} ({len(r['metrics']['labels'])} classes)", rng)
        if r.get("positions"):
            bound(r["positions"], f"{r['task']} positions (3 classes)", rng)


if __name__ == "__main__":
    main()
