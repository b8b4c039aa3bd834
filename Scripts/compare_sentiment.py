#!/usr/bin/env python3
"""Trains and scores the classic target-dependent sentiment peers on the same NewsMTSC
files as stance, in one run, and prints one table with stance's own figures beside them.

Peers (all CPU, one thread):
- scikit-learn TF-IDF (1-2 grams, sublinear) + multinomial LogisticRegression on the
  sentence with the target replaced by a token plus position-tagged words of a +-5 window
  (target-aware); C chosen from 1, 3, 10 by 3-fold cross-validation grouped by article on
  the training file, as stance chooses its penalty (5 folds and a wider grid took 20 minutes
  on the shared machine);
- the same on the sentence alone (target-blind);
- fastText supervised on the same marked text (25 epochs, lr 0.5, word bigrams, dim 50,
  one thread, seed 0);
- VADER's compound score of the sentence with the +-0.05 thresholds of its readme
  (no training).

Usage: compare_sentiment.py TRAIN.jsonl --test NAME=FILE ... [--stance NAME=REPORT.json ...]
  REPORT.json is `stance-eval --format json` output for the test file NAME.
"""
import argparse
import json
import os
import random
import sys
import tempfile
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, accuracy_score
from sklearn.model_selection import GroupKFold

from stance_sklearn_common import ORDER, TOKEN, marked, read_newsmtsc

C_GRID = [1, 3, 10]
FOLDS = 3
read = read_newsmtsc


def blind(sentence, start, end):
    return " ".join(TOKEN.findall(sentence.lower()))


def scores(truth, predicted):
    return f1_score(truth, predicted, labels=ORDER, average="macro"), accuracy_score(truth, predicted)


def tfidf_lr(train, tests, text_of):
    x_train = [text_of(s, a, b) for s, a, b, _, _ in train]
    y_train = np.array([y for *_, y, _ in train])
    groups = [g for *_, g in train]

    def fit(texts, labels, c):
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"\S+")
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(vectorizer.fit_transform(texts), labels)
        return vectorizer, model

    best, best_score = None, -1.0
    for c in C_GRID:
        fold_scores = []
        for train_index, test_index in GroupKFold(n_splits=FOLDS).split(x_train, y_train, groups):
            vectorizer, model = fit([x_train[i] for i in train_index], y_train[train_index], c)
            predicted = model.predict(vectorizer.transform([x_train[i] for i in test_index]))
            fold_scores.append(f1_score(y_train[test_index], predicted, labels=ORDER, average="macro"))
        if np.mean(fold_scores) > best_score:
            best, best_score = c, float(np.mean(fold_scores))
    vectorizer, model = fit(x_train, y_train, best)
    results = {}
    for name, rows in tests.items():
        predicted = model.predict(vectorizer.transform([text_of(s, a, b) for s, a, b, _, _ in rows]))
        results[name] = scores([y for *_, y, _ in rows], predicted)
    return results, f"C {best} by grouped {FOLDS}-fold CV ({best_score:.3f})"


def fasttext_peer(train, tests):
    import fasttext

    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
        for s, a, b, y, _ in train:
            handle.write(f"__label__{y} {marked(s, a, b)}\n")
        path = handle.name
    try:
        model = fasttext.train_supervised(path, epoch=25, lr=0.5, wordNgrams=2, dim=50, thread=1, seed=0, verbose=0)
    finally:
        os.unlink(path)
    results = {}
    for name, rows in tests.items():
        # model.f.predict is the binding's own call: FastText.predict breaks on NumPy 2 (copy=False).
        predicted = [model.f.predict(marked(s, a, b) + "\n", 1, 0.0, "strict")[0][1].replace("__label__", "")
                     for s, a, b, _, _ in rows]
        results[name] = scores([y for *_, y, _ in rows], predicted)
    return results, "25 epochs, lr 0.5, bigrams, dim 50"


def vader_peer(tests):
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    results = {}
    for name, rows in tests.items():
        cache = {}
        predicted = []
        for s, _, _, _, _ in rows:
            if s not in cache:
                compound = analyzer.polarity_scores(s)["compound"]
                cache[s] = "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"
            predicted.append(cache[s])
        results[name] = scores([y for *_, y, _ in rows], predicted)
    return results, "sentence compound, +-0.05"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train")
    parser.add_argument("--test", action="append", default=[], metavar="NAME=FILE")
    parser.add_argument("--stance", action="append", default=[], metavar="NAME=REPORT.json")
    parser.add_argument("--stance-note", default="")
    args = parser.parse_args()
    random.seed(0)
    np.random.seed(0)
    train = read(args.train)
    tests = {}
    for item in args.test:
        name, _, path = item.partition("=")
        tests[name] = read(path)

    table = []
    if args.stance:
        results = {}
        for item in args.stance:
            name, _, path = item.partition("=")
            report = json.load(open(path, encoding="utf-8"))[0]
            results[name] = (report["metrics"]["macroF1"], report["metrics"]["accuracy"])
        table.append(("stance (this project), default settings", results, args.stance_note, None))
    for label, run in [
        ("scikit-learn TF-IDF + LR, target token + +-5 window", lambda: tfidf_lr(train, tests, marked)),
        ("scikit-learn TF-IDF + LR, sentence only", lambda: tfidf_lr(train, tests, blind)),
        ("fastText, target token + +-5 window", lambda: fasttext_peer(train, tests)),
        ("VADER (no training)", lambda: vader_peer(tests)),
    ]:
        start = time.time()
        try:
            results, note = run()
        except ImportError as error:
            print(f"compare-sentiment: skipping {label}: {error}", file=sys.stderr)
            continue
        table.append((label, results, note, time.time() - start))

    names = list(tests)
    header = "| model | " + " | ".join(f"{n} macro-F1 / acc" for n in names) + " | settings | seconds |"
    print(header)
    print("|" + "---|" * (len(names) + 3))
    for label, results, note, seconds in table:
        cells = [f"{100 * results[n][0]:.1f} / {100 * results[n][1]:.1f}" if n in results else "-" for n in names]
        print(f"| {label} | " + " | ".join(cells) + f" | {note} | " + (f"{seconds:.1f}" if seconds is not None else "") + " |")


if __name__ == "__main__":
    main()
