#!/usr/bin/env bash
# Compares stance-train with scikit-learn's multinomial LogisticRegression on generated data:
# same objective to 1e-5 relative and >= 99.5 % identical test predictions, or exit 1.
#
# Usage: Scripts/check-against-sklearn.sh
#   STANCE_TRAIN=/path/to/stance-train  use that binary instead of building one (release).
set -euo pipefail
cd "$(dirname "$0")/.."

source Scripts/sklearn-env.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/stance-sklearn-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
PYTHONPATH=Scripts "$venv/bin/python" Scripts/check_against_sklearn.py "$binary" "$work"
