#!/usr/bin/env bash
# Compares stance-train with scikit-learn's multinomial LogisticRegression on generated data:
# same objective to 1e-5 relative and >= 99.5 % identical test predictions, or exit 1.
#
# Usage: Scripts/check-against-sklearn.sh
#   STANCE_TRAIN=/path/to/stance-train  use that binary instead of building one (release).
set -euo pipefail
cd "$(dirname "$0")/.."

venv=Scripts/.venv
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv (scikit-learn, numpy, scipy)" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet scikit-learn numpy scipy
fi

binary=${STANCE_TRAIN:-}
if [[ -z "$binary" ]]; then
    echo "building stance-train (release)" >&2
    swift build -c release --scratch-path .build-release --product stance-train >&2
    binary=$(swift build -c release --scratch-path .build-release --show-bin-path)/stance-train
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/stance-sklearn-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
PYTHONPATH=Scripts "$venv/bin/python" Scripts/check_against_sklearn.py "$binary" "$work"
