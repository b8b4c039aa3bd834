# Sourced by the scikit-learn check and benchmark: sets `venv` (a virtual environment
# with scikit-learn, NumPy and SciPy, created on first use) and `binary` (stance-train:
# $STANCE_TRAIN, or a release build in .build-release).
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
