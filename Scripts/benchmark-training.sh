#!/usr/bin/env bash
# Times stance-train against scikit-learn's L-BFGS LogisticRegression on the same LIBSVM
# files (a NewsMTSC-sized file and a synthetic 1,000,000-row file), several runs each;
# prints medians, speed ratios, objectives and peak RSS.
#
# Usage: Scripts/benchmark-training.sh [RUNS]          (default 3 runs)
#   STANCE_TRAIN=/path/to/stance-train   use that binary instead of building one (release)
#   BENCH_DATA=DIR                       where generated files are cached (default .build-bench-data)
#   BENCH_RERUN_SKLEARN=1                re-time scikit-learn even when cached timings exist
#   BENCH_BIG_RUNS=N                     runs on the million-row file (default RUNS)
#   BENCH_STOP=gradient-max|relative-norm  stance-train's stop: scikit-learn's own rule (default, so both
#                                        stop at the same objective) or stance-train's default stop
#   BENCH_STANCE_ARGS="..."              extra stance-train flags, e.g. "--jobs 1"
# Runs alternate between stance-train and scikit-learn (when re-timed); the table gives medians,
# both objectives and the load average over the runs, and the script fails when stance-train
# ends more than 1e-8 (relative) above scikit-learn's objective.
# scikit-learn timings do not depend on the system BLAS (NumPy/SciPy wheels bundle their own),
# so they are cached and reused when the script is rerun after switching libblas.so.3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}

source Scripts/sklearn-env.sh
if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time for peak-RSS measurement" >&2
    apt-get install -y time >&2
fi

blas=$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)
data=${BENCH_DATA:-.build-bench-data}
echo "generating data in $data (cached between runs)" >&2
PYTHONPATH=Scripts "$venv/bin/python" Scripts/benchmark_training.py generate "$data"
for file in "$data"/*.libsvm; do echo "$(basename "$file"): $(cat "$file.source") ($(du -h "$file" | cut -f1))"; done
PYTHONPATH=Scripts "$venv/bin/python" Scripts/benchmark_training.py run "$binary" "$data" "$runs" "$blas"
