"""Times stance-train against scikit-learn on the same LIBSVM files.

Usage:
  python benchmark_training.py generate DATA_DIR
  python benchmark_training.py sklearn-fit FILE L2 TOL OUT_NPZ     (one timed scikit-learn process)
  python benchmark_training.py run STANCE_TRAIN DATA_DIR RUNS LABEL  (all timings, prints the table)

"Whole process" is the wall time of the complete command (start-up, reading the file,
fitting, for stance-train also the training metrics) measured with /usr/bin/time -v, which
also gives the peak resident set size. "Fit" is the time each process reports for the fit alone.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np

# lambda per file (scikit-learn C = 1 / lambda): 1 (C = 1, scikit-learn's default) for the
# NewsMTSC-sized file; 100 for the million-row file, i.e. the same penalty per row as
# lambda = 1 on 10,000 rows -- with lambda = 1 a million rows leave the problem so weakly
# regularized that both solvers need 500+ iterations, which measures patience, not speed.
PENALTIES = {"newsmtsc-sized.libsvm": 1.0, "synthetic-1m.libsvm": 100.0}
SKLEARN_TOLERANCE = 1e-6   # tight enough that both reach the same objective (checked in the table)
# stance-train stops by scikit-learn's own rule (--stop gradient-max: the largest gradient entry of
# the mean objective <= tol, or its relative decrease <= ftol = 64 eps, as scikit-learn 1.9 passes to
# SciPy's L-BFGS-B), so both stop at the same objective. BENCH_STOP=relative-norm times stance-train's
# default stop instead (tolerance 1e-6 relative to the starting gradient norm, objective tolerance 1e-12).
STOP_ARGS = {
    "gradient-max": ["--stop", "gradient-max", "--tolerance", repr(SKLEARN_TOLERANCE), "--objective-tolerance", repr(float(64 * np.finfo(float).eps))],
    "relative-norm": ["--stop", "relative-norm", "--tolerance", "1e-6"],
}
# The brief's bound: stance-train may end above scikit-learn's objective by at most this, relatively.
WORSE_LIMIT = 1e-8
RSS_LIMIT_KB = 2 * 1024 * 1024  # 2 GB ceiling for the 1M-row file (brief)

NEWSMTSC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "newsmtsc", "train.jsonl")


def generate(data_dir):
    from sklearn.datasets import dump_svmlight_file
    from stance_sklearn_common import synthetic_dataset
    os.makedirs(data_dir, exist_ok=True)
    news_path = os.path.join(data_dir, "newsmtsc-sized.libsvm")
    if not os.path.exists(news_path):
        if os.path.exists(NEWSMTSC):
            # Real sentences vectorized at run time (nothing from the data set enters the repo):
            # one row per (sentence, target), word 1-2-grams plus target words, TF-IDF.
            from sklearn.feature_extraction.text import TfidfVectorizer
            texts, labels = [], []
            with open(NEWSMTSC) as handle:
                for line in handle:
                    record = json.loads(line)
                    for target in record["targets"]:
                        mention = " ".join("target_" + w for w in target["mention"].split())
                        texts.append(record["sentence_normalized"] + " " + mention)
                        labels.append(int(target["polarity"]))
            X = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit_transform(texts)
            y = np.array(labels)
            source = "NewsMTSC train.jsonl, one row per target, TF-IDF word 1-2-grams"
        else:
            X, y = synthetic_dataset(9000, 150000, 3, 40, seed=101, signal=3.0)
            source = "synthetic (NewsMTSC not found)"
        dump_svmlight_file(X, y, news_path, zero_based=False)
        with open(news_path + ".source", "w") as handle:
            handle.write(source + "\n")
    big_path = os.path.join(data_dir, "synthetic-1m.libsvm")
    if not os.path.exists(big_path):
        X, y = synthetic_dataset(1_000_000, 100_000, 3, 60, seed=202, signal=3.0, decimals=3, zipf_offset=200.0)
        dump_svmlight_file(X, y, big_path, zero_based=False)
        with open(big_path + ".source", "w") as handle:
            handle.write("synthetic, 1,000,000 rows, ~60 Zipf-distributed features per row, log-count values L2-normalized to 3 decimals, 3 classes\n")


def sklearn_fit(path, l2, tol, out_npz):
    from sklearn.datasets import load_svmlight_file
    from sklearn.linear_model import LogisticRegression
    started = time.perf_counter()
    X, y = load_svmlight_file(path)
    loaded = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(C=1.0 / float(l2), solver="lbfgs", tol=float(tol), max_iter=10000).fit(X, y)
    fitted = time.perf_counter()
    np.savez(out_npz, coef=model.coef_, intercept=model.intercept_, classes=model.classes_)
    print(json.dumps({"load_seconds": loaded - started, "fit_seconds": fitted - loaded, "iterations": int(np.max(model.n_iter_))}))


def timed(command):
    """Runs command under /usr/bin/time -v; returns (stdout, wall seconds, peak RSS kB)."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {' '.join(command)}\n{result.stderr[-2000:]}")
    rss = next(int(line.split(":")[1]) for line in result.stderr.splitlines() if "Maximum resident set size" in line)
    return result.stdout, wall, rss


def run(binary, data_dir, runs, label):
    from sklearn.datasets import load_svmlight_file
    from stance_sklearn_common import objective
    files = list(PENALTIES)
    cache_path = os.path.join(data_dir, "sklearn-timings.json")
    cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
    stop = os.environ.get("BENCH_STOP", "gradient-max")
    if stop not in STOP_ARGS:
        sys.exit(f"BENCH_STOP must be one of {', '.join(STOP_ARGS)}, got {stop}")
    rows = []
    loads = [os.getloadavg()[0]]
    for name in files:
        path = os.path.join(data_dir, name)
        l2 = PENALTIES[name]
        file_runs = runs if name != "synthetic-1m.libsvm" else int(os.environ.get("BENCH_BIG_RUNS", runs))
        key = f"{name}:{os.path.getsize(path)}:{l2}:{SKLEARN_TOLERANCE}"
        rerun = not (key in cache and len(cache[key]["runs"]) >= file_runs and os.environ.get("BENCH_RERUN_SKLEARN") != "1")
        if not rerun:
            sk = cache[key]
            print(f"{name}: reusing {len(sk['runs'])} cached scikit-learn runs (BENCH_RERUN_SKLEARN=1 to redo)", file=sys.stderr)
        else:
            sk = {"runs": []}
        npz = os.path.join(data_dir, name + ".sklearn.npz")
        stance = []
        # Runs alternate (stance, scikit-learn, stance, ...) so a burst of load on the shared
        # machine hits both sides alike; the table takes medians.
        for _ in range(file_runs):
            extra = os.environ.get("BENCH_STANCE_ARGS", "").split()
            out, wall, rss = timed([binary, "--data", path, "--l2-penalty", str(l2), "--report", "json", "--quiet"] + STOP_ARGS[stop] + extra)
            report = json.loads(out)
            stance.append((wall, report["fit_seconds"], rss, report))
            loads.append(os.getloadavg()[0])
            if rerun:
                out, wall, rss = timed([sys.executable, os.path.abspath(__file__), "sklearn-fit", path, str(l2), str(SKLEARN_TOLERANCE), npz])
                inner = json.loads(out)
                sk["runs"].append({"wall": wall, "fit": inner["fit_seconds"], "rss": rss, "iterations": inner["iterations"]})
                loads.append(os.getloadavg()[0])
        if rerun:
            X, y = load_svmlight_file(path)
            fitted = np.load(npz)
            y_index = np.searchsorted(fitted["classes"], y)
            sk["objective"] = objective(X, y_index, fitted["coef"], fitted["intercept"], l2)
            sk["shape"] = [int(X.shape[0]), int(X.shape[1]), int(X.nnz)]
            cache[key] = sk
            json.dump(cache, open(cache_path, "w"), indent=1)
        report = stance[0][3]
        rows.append({
            "name": name, "l2": l2, "runs": f"{file_runs}/{len(sk['runs'])}", "shape": sk["shape"], "classes": len(report["classes"]),
            "stance_wall": statistics.median(s[0] for s in stance), "stance_fit": statistics.median(s[1] for s in stance),
            "stance_load": statistics.median(s[3]["load_seconds"] for s in stance), "stance_evals": report["evaluations"],
            "stance_walls": [s[0] for s in stance], "sk_walls": [r["wall"] for r in sk["runs"]],
            "stance_rss": max(s[2] for s in stance), "stance_iter": report["iterations"], "stance_obj": report["objective"],
            "stance_converged": all(s[3]["converged"] for s in stance),
            "sk_wall": statistics.median(r["wall"] for r in sk["runs"]), "sk_fit": statistics.median(r["fit"] for r in sk["runs"]),
            "sk_rss": max(r["rss"] for r in sk["runs"]), "sk_iter": sk["runs"][0]["iterations"], "sk_obj": sk["objective"],
        })
    print(f"\nBLAS: {label}; medians over runs (stance/sklearn counts in 'runs'); stance {' '.join(STOP_ARGS[stop])} {os.environ.get('BENCH_STANCE_ARGS', '')}, "
          f"sklearn tol={SKLEARN_TOLERANCE}; 1-minute load average {min(loads):.1f}–{max(loads):.1f} (median {statistics.median(loads):.1f}) over the runs on {os.cpu_count()} cores")
    header = (f"{'data':<24}{'runs':>5}{'λ':>5}{'rows':>9}{'features':>10}{'nnz':>11}{'stance s':>10}{'sklearn s':>10}{'ratio':>7}"
              f"{'fit st':>8}{'fit skl':>9}{'ratio':>7}{'it st':>7}{'it skl':>7}{'obj rel diff':>13}{'RSS st':>9}{'RSS skl':>9}")
    print(header)
    print("-" * len(header))
    failed = False
    for r in rows:
        relative = (r["stance_obj"] - r["sk_obj"]) / abs(r["sk_obj"])
        print(f"{r['name']:<24}{r['runs']:>5}{r['l2']:>5g}{r['shape'][0]:>9}{r['shape'][1]:>10}{r['shape'][2]:>11}{r['stance_wall']:>10.2f}{r['sk_wall']:>10.2f}"
              f"{r['sk_wall'] / r['stance_wall']:>6.1f}x{r['stance_fit']:>8.2f}{r['sk_fit']:>9.2f}{r['sk_fit'] / r['stance_fit']:>6.1f}x"
              f"{r['stance_iter']:>7}{r['sk_iter']:>7}{relative:>13.1e}{r['stance_rss'] / 1024:>7.0f}MB{r['sk_rss'] / 1024:>7.0f}MB")
        if not r["stance_converged"]:
            print(f"  {r['name']}: stance-train did not converge")
            failed = True
    print()
    for r in rows:
        relative = (r["stance_obj"] - r["sk_obj"]) / abs(r["sk_obj"])
        verdict = "lower or equal" if relative <= 0 else ("higher, within" if relative <= WORSE_LIMIT else "HIGHER, beyond")
        print(f"{r['name']}: objective stance {r['stance_obj']:.10f}, sklearn {r['sk_obj']:.10f}, (stance − sklearn)/sklearn {relative:+.2e} "
              f"({verdict} the {WORSE_LIMIT:g} bound); stance {r['stance_evals']} evaluations, load {r['stance_load']:.2f} s of "
              f"{r['stance_wall']:.2f} s; wall times stance {', '.join(f'{w:.1f}' for w in r['stance_walls'])} s, "
              f"sklearn {', '.join(f'{w:.1f}' for w in r['sk_walls'])} s")
        if relative > WORSE_LIMIT:
            failed = True
    big = rows[-1]
    within = big["stance_rss"] < RSS_LIMIT_KB
    print(f"peak RSS of stance-train on {big['name']}: {big['stance_rss'] / 1024:.0f} MB ({'<' if within else '>='} 2 GB: {'OK' if within else 'FAIL'})")
    print("obj rel diff = (stance − sklearn) / sklearn, both objectives computed with the same formula (negative: stance lower)")
    sys.exit(1 if failed or not within else 0)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(sys.argv[2])
    elif command == "sklearn-fit":
        sklearn_fit(*sys.argv[2:6])
    elif command == "run":
        run(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(f"unknown command {command}")
