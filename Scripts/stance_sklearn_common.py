"""Shared helpers for the scikit-learn comparison and benchmark scripts.

The objective is evaluated with ONE formula for both libraries:
    f(W, b) = sum_i w_i * (logsumexp(W x_i + b) - (W x_i + b)[y_i]) + (lambda / 2) * ||W||^2
which is what stance-train minimizes and what scikit-learn's multinomial
LogisticRegression minimizes up to the constant factor C = 1 / lambda.
"""
import json
import re

import numpy as np

# NewsMTSC polarity codes, and the target-aware text both Python peers read (compare-sentiment.sh
# and benchmark-predict.sh): the sentence with the target as one token plus a +-5 word window.
LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
ORDER = ["negative", "neutral", "positive"]
WINDOW = 5
TOKEN = re.compile(r"\w+(?:'\w+)?|[^\w\s]", re.UNICODE)


def read_newsmtsc(path):
    """(sentence, from, to, label, article) per target of a NewsMTSC-shaped JSONL file."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            sentence = record["sentence_normalized"]
            article = "_".join(record["primary_gid"].split("_")[:2])
            for target in record["targets"]:
                rows.append((sentence, target["from"], target["to"], LABELS[target["polarity"]], article))
    return rows


def marked(sentence, start, end):
    """The sentence with the target as TARGETTOKEN, then L1_w.. R5_w window words."""
    left = TOKEN.findall(sentence[:start].lower())
    right = TOKEN.findall(sentence[end:].lower())
    window = [f"l{i + 1}_{w}" for i, w in enumerate(reversed(left[-WINDOW:]))]
    window += [f"r{i + 1}_{w}" for i, w in enumerate(right[:WINDOW])]
    text = " ".join(left + ["targettoken"] + right)
    return text + " " + " ".join(window)


def objective(X, y_index, coef, intercept, l2_penalty, row_weights=None):
    """Penalized weighted softmax cross-entropy; coef is (K, F), y_index in 0..K-1."""
    from scipy.special import logsumexp

    scores = np.asarray(X @ coef.T) + intercept[None, :]
    losses = logsumexp(scores, axis=1) - scores[np.arange(scores.shape[0]), y_index]
    if row_weights is not None:
        losses = losses * row_weights
    return float(np.sum(losses) + 0.5 * l2_penalty * np.sum(coef * coef))


def balanced_weights(y):
    """scikit-learn's class_weight='balanced': n / (K_present * n_c) per row."""
    classes, counts = np.unique(y, return_counts=True)
    per_class = len(y) / (len(classes) * counts)
    lookup = dict(zip(classes.tolist(), per_class.tolist()))
    return np.array([lookup[v] for v in y.tolist()])


def load_stance_model(path, n_features):
    """Reads a stance model file; returns (labels, coef (K, n_features), intercept)."""
    with open(path) as handle:
        model = json.load(handle)
    classifier = model["classifier"]
    K, F = classifier["classCount"], classifier["featureCount"]
    weights = np.array(classifier["weights"], dtype=np.float64).reshape(F, K)
    coef = np.zeros((K, n_features))
    coef[:, :F] = weights.T  # columns never seen in training carry weight zero
    return model["labels"], coef, np.array(classifier["biases"], dtype=np.float64)


def synthetic_dataset(n_rows, n_features, n_classes, nonzeros_per_row, seed, signal=1.0, counts=False, decimals=6, zipf_offset=20.0):
    """Sparse rows with Zipf-like feature frequencies (as in text) and labels drawn from a
    random softmax model, so classes overlap and the penalized optimum is finite."""
    import scipy.sparse as sp

    rng = np.random.default_rng(seed)
    ranks = np.arange(1, n_features + 1, dtype=np.float64)
    popularity = 1.0 / (ranks + zipf_offset)
    popularity /= popularity.sum()
    columns = rng.choice(n_features, size=(n_rows, nonzeros_per_row), p=popularity).astype(np.int32)
    rows = np.repeat(np.arange(n_rows, dtype=np.int64), nonzeros_per_row)
    X = sp.csr_matrix((np.ones(rows.size), (rows, columns.ravel())), shape=(n_rows, n_features))
    X.sum_duplicates()
    if not counts:
        X.data = 1.0 + np.log(X.data)
        norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
        X = sp.diags(1.0 / np.maximum(norms, 1e-12)) @ X
        X = X.tocsr()
        X.data = np.round(X.data, decimals)  # short values keep the files small
    true_coef = rng.normal(0.0, signal, size=(n_features, n_classes))
    scores = np.asarray(X @ true_coef)
    scores -= scores.max(axis=1, keepdims=True)
    probabilities = np.exp(scores)
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    draws = rng.random(n_rows)[:, None]
    y = (draws > np.cumsum(probabilities, axis=1)).sum(axis=1) + 1
    y = np.minimum(y, n_classes)
    X.sort_indices()
    return X.astype(np.float64), y.astype(np.int64)
