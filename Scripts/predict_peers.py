#!/usr/bin/env python3
"""The Python peers of Scripts/benchmark-predict.sh: fit once, then predict as whole processes.

  predict_peers.py fit TRAIN.jsonl DIR          writes DIR/sklearn.pickle and DIR/fasttext.bin
  predict_peers.py sklearn DIR/sklearn.pickle IN.jsonl OUT.jsonl
  predict_peers.py fasttext DIR/fasttext.bin IN.jsonl OUT.jsonl

Both peers read the same target-aware text as Scripts/compare_sentiment.py (stance_sklearn_common.marked:
the sentence with the target as one token plus a +-5 word window) and are fitted on NewsMTSC train:
scikit-learn TF-IDF (1-2 grams, sublinear) + multinomial LogisticRegression (C 3, one thread), and
fastText supervised (25 epochs, lr 0.5, word bigrams, dim 50, one thread, seed 0).

A predict process does what `stance-predict --format jsonl` does for given targets: loads the model,
reads the NewsMTSC-shaped JSONL file, predicts the class probabilities of every target and writes one
JSON line per target (document, mention, start, end, sentiment, sentiment_probabilities).
"""
import json
import os
import sys

from stance_sklearn_common import marked, read_newsmtsc


def targets(path):
    """(document id, sentence, from, to) per target of a NewsMTSC-shaped JSONL file, in file order."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            sentence = record.get("sentence_normalized") or record["text"]
            document = record.get("primary_gid") or record.get("id", "")
            for target in record["targets"]:
                rows.append((document, sentence, target["from"], target["to"]))
    return rows


def write_rows(path, rows, labels, probabilities):
    """One JSON line per target: its span, the most probable label and every label's probability."""
    with open(path, "w", encoding="utf-8") as out:
        for (document, sentence, start, end), p in zip(rows, probabilities):
            best = max(range(len(labels)), key=lambda k: p[k])
            out.write(json.dumps({"document": document, "mention": sentence[start:end], "start": start, "end": end,
                                  "sentiment": labels[best],
                                  "sentiment_probabilities": {label: float(v) for label, v in zip(labels, p)}},
                                 ensure_ascii=False, sort_keys=True) + "\n")


def fit(train_path, directory):
    import pickle

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    import fasttext

    train = read_newsmtsc(train_path)
    texts = [marked(s, a, b) for s, a, b, _, _ in train]
    labels = [y for _, _, _, y, _ in train]
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"\S+")
    model = LogisticRegression(C=3, max_iter=2000)
    model.fit(vectorizer.fit_transform(texts), labels)
    with open(os.path.join(directory, "sklearn.pickle"), "wb") as handle:
        pickle.dump((vectorizer, model), handle, protocol=pickle.HIGHEST_PROTOCOL)
    text_path = os.path.join(directory, "fasttext-train.txt")
    with open(text_path, "w", encoding="utf-8") as handle:
        for text, y in zip(texts, labels):
            handle.write(f"__label__{y} {text}\n")
    ft = fasttext.train_supervised(text_path, epoch=25, lr=0.5, wordNgrams=2, dim=50, thread=1, seed=0, verbose=0)
    ft.save_model(os.path.join(directory, "fasttext.bin"))
    os.unlink(text_path)


def predict_sklearn(model_path, input_path, output_path):
    import pickle

    with open(model_path, "rb") as handle:
        vectorizer, model = pickle.load(handle)
    rows = targets(input_path)
    probabilities = model.predict_proba(vectorizer.transform([marked(s, a, b) for _, s, a, b in rows]))
    write_rows(output_path, rows, [str(c) for c in model.classes_], probabilities.tolist())


def predict_fasttext(model_path, input_path, output_path):
    import fasttext

    model = fasttext.load_model(model_path)
    labels = sorted(label.replace("__label__", "") for label in model.labels)
    rows = targets(input_path)
    probabilities = []
    for _, s, a, b in rows:
        # model.f.predict is the binding's own call: FastText.predict breaks on NumPy 2 (copy=False).
        scored = {label.replace("__label__", ""): p for p, label in model.f.predict(marked(s, a, b) + "\n", -1, 0.0, "strict")}
        probabilities.append([scored.get(label, 0.0) for label in labels])
    write_rows(output_path, rows, labels, probabilities)


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"fit": fit, "sklearn": predict_sklearn, "fasttext": predict_fasttext}[command](*arguments)
