"""Fits scikit-learn and stance-train on the same generated data and compares them.

Usage: python check_against_sklearn.py STANCE_TRAIN_BINARY WORK_DIR
Checks, per case: relative objective difference <= 1e-5 (both objectives computed with
the same numpy formula) and test-prediction agreement >= 99.5 %. Exit 1 if any fails.
"""
import json
import subprocess
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import dump_svmlight_file
from sklearn.linear_model import LogisticRegression

from stance_sklearn_common import balanced_weights, load_stance_model, objective, synthetic_dataset

OBJECTIVE_LIMIT = 1e-5    # relative objective difference allowed (brief: 1e-5)
AGREEMENT_FLOOR = 0.995   # fraction of identical test predictions required (brief: 99.5 %)

CASES = [
    # name, rows (train+test), features, classes, nonzeros/row, lambda, solver, class weight
    ("sparse-60k-features", 8000, 60000, 3, 40, 1.0, "lbfgs", "none"),
    ("five-classes", 6000, 300, 5, 25, 0.5, "lbfgs", "none"),
    ("five-classes-balanced-newton", 6000, 300, 5, 25, 2.0, "newton", "balanced"),
]


def run_case(binary, work, name, n_rows, n_features, n_classes, nnz, l2, solver, class_weight, seed):
    X, y = synthetic_dataset(n_rows, n_features, n_classes, nnz, seed=seed, signal=3.0)
    n_train = n_rows * 3 // 4
    X_train, y_train, X_test, y_test = X[:n_train], y[:n_train], X[n_train:], y[n_train:]
    train_path, test_path = f"{work}/{name}-train.txt", f"{work}/{name}-test.txt"
    dump_svmlight_file(X_train, y_train, train_path, zero_based=False)
    dump_svmlight_file(X_test, y_test, test_path, zero_based=False)

    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reference = LogisticRegression(C=1.0 / l2, solver="lbfgs", tol=1e-10, max_iter=20000,
                                       class_weight="balanced" if class_weight == "balanced" else None)
        reference.fit(X_train, y_train)
    sklearn_seconds = time.perf_counter() - started

    model_path, predictions_path = f"{work}/{name}-model.json", f"{work}/{name}-predictions.txt"
    command = [binary, "--data", train_path, "--format", "libsvm", "--l2-penalty", repr(l2), "--solver", solver,
               "--class-weight", class_weight, "--tolerance", "1e-9", "--max-iterations", "5000",
               "--output", model_path, "--test", test_path, "--predictions", predictions_path, "--report", "json", "--quiet"]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    stance_seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(f"{name}: stance-train failed ({result.returncode}): {result.stderr.strip()}")
        return None
    report = json.loads(result.stdout)

    row_weights = balanced_weights(y_train) if class_weight == "balanced" else None
    classes = [str(c) for c in reference.classes_]
    f_sklearn = objective(X_train, np.searchsorted(reference.classes_, y_train), reference.coef_, reference.intercept_, l2, row_weights)
    labels, coef, intercept = load_stance_model(model_path, X_train.shape[1])
    label_index = {label: k for k, label in enumerate(labels)}
    f_stance = objective(X_train, np.array([label_index[str(v)] for v in y_train]), coef, intercept, l2, row_weights)
    relative = abs(f_stance - f_sklearn) / abs(f_sklearn)

    with open(predictions_path) as handle:
        ours = [line.strip() for line in handle]
    theirs = [str(v) for v in reference.predict(X_test)]
    agreement = float(np.mean([a == b for a, b in zip(ours, theirs)])) if len(ours) == len(theirs) else 0.0
    sklearn_accuracy = float(np.mean(reference.predict(X_test) == y_test))
    return {
        "case": name, "rows": f"{n_train}+{n_rows - n_train}", "features": n_features, "classes": n_classes,
        "solver": solver, "weights": class_weight, "lambda": l2,
        "f_sklearn": f_sklearn, "f_stance": f_stance, "f_stance_reported": report["objective"], "relative": relative,
        "agreement": agreement, "acc_sklearn": sklearn_accuracy, "acc_stance": report["test_accuracy"],
        "iter_sklearn": int(np.max(reference.n_iter_)), "iter_stance": report["iterations"], "converged": report["converged"],
        "s_sklearn": sklearn_seconds, "s_stance": stance_seconds, "classes_match": sorted(classes) == sorted(labels),
    }


def main():
    binary, work = sys.argv[1], sys.argv[2]
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}; stance-train {binary}")
    rows, failed = [], False
    for seed, case in enumerate(CASES, start=1):
        row = run_case(binary, work, *case, seed=seed)
        if row is None:
            failed = True
            continue
        row["ok"] = (row["relative"] <= OBJECTIVE_LIMIT and row["agreement"] >= AGREEMENT_FLOOR
                     and row["converged"] and row["classes_match"])
        failed |= not row["ok"]
        rows.append(row)
    header = (f"{'case':<30}{'rows':>12}{'feat':>7}{'K':>3} {'solver':<7}{'weights':<9}{'λ':>4}"
              f"{'objective sklearn':>21}{'objective stance':>21}{'rel diff':>10}{'agree':>8}"
              f"{'acc skl':>8}{'acc st':>8}{'it skl':>7}{'it st':>6}{'s skl':>7}{'s st':>7}  ok")
    print(header)
    print("-" * len(header))
    for r in rows:
        print(f"{r['case']:<30}{r['rows']:>12}{r['features']:>7}{r['classes']:>3} {r['solver']:<7}{r['weights']:<9}{r['lambda']:>4g}"
              f"{r['f_sklearn']:>21.12f}{r['f_stance']:>21.12f}{r['relative']:>10.2e}{100 * r['agreement']:>7.2f}%"
              f"{r['acc_sklearn']:>8.4f}{r['acc_stance']:>8.4f}{r['iter_sklearn']:>7}{r['iter_stance']:>6}"
              f"{r['s_sklearn']:>7.2f}{r['s_stance']:>7.2f}  {'yes' if r['ok'] else 'NO'}")
    for r in rows:
        drift = abs(r["f_stance"] - r["f_stance_reported"]) / abs(r["f_stance"])
        if drift > 1e-9:
            print(f"{r['case']}: reported objective {r['f_stance_reported']} differs from recomputed {r['f_stance']} ({drift:.1e})")
            failed = True
    print(f"checks: relative objective difference <= {OBJECTIVE_LIMIT:g}, test prediction agreement >= {100 * AGREEMENT_FLOOR:g} %, converged")
    print("RESULT: " + ("FAIL" if failed else "PASS"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
