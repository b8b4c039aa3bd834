#!/usr/bin/env bash
# Runs stance on Apache Spark in local[2] mode and checks the results against direct runs:
#
#  1. prediction: a JSONL corpus (Examples/articles and TrainingData/test.jsonl) is piped
#     through stance-predict with RDD.pipe, the rows are written as Parquet, read back and
#     compared with a direct `stance-predict --format jsonl` run, row for row;
#  2. training: `stance-train --export-libsvm` writes the stance features of
#     TrainingData/train.jsonl + dev.jsonl, MLlib's multinomial LogisticRegression trains on
#     them (regParam = λ / rows, elasticNetParam 0, standardization off), `stance-train
#     --import-weights` turns the coefficients into a model file, and its stance-predict
#     output on TrainingData/test.jsonl must agree with a natively trained model's on >= 99 %
#     of the mentions.
#
# Installs what it needs when missing: Java 17 (openjdk-17-jre-headless, from Debian) and
# pyspark (from PyPI, into the virtual environment Scripts/.venv, never committed).
#
# Usage: Scripts/check-spark.sh
#   SCRATCH=DIR   swift build --scratch-path (default .build)
#   OUT=DIR       keep the work files there (default: a new temp dir)
#   VENV=DIR      virtual environment (default Scripts/.venv)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
if ! command -v java >/dev/null 2>&1 || [[ "$(java_major)" -lt 17 ]]; then
    sudo=""; [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    echo "installing Java 17 (openjdk-17-jre-headless)" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >&2
fi
if [[ -z "${JAVA_HOME:-}" ]]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    export JAVA_HOME
fi

venv=${VENV:-Scripts/.venv}
if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv" >&2
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import pyspark, numpy" 2>/dev/null; then
    echo "installing pyspark and numpy into $venv" >&2
    "$venv/bin/pip" install -q pyspark numpy >&2   # pyspark.ml needs numpy
fi
python="$venv/bin/python"
export PYSPARK_PYTHON="$root/$venv/bin/python" PYSPARK_DRIVER_PYTHON="$root/$venv/bin/python"
[[ "$venv" = /* ]] && export PYSPARK_PYTHON="$venv/bin/python" PYSPARK_DRIVER_PYTHON="$venv/bin/python"

scratch=(--scratch-path "${SCRATCH:-.build}")
echo "building stance-predict and stance-train (release)" >&2
nice -n 10 swift build -c release "${scratch[@]}" --product stance-predict >&2
nice -n 10 swift build -c release "${scratch[@]}" --product stance-train >&2
bin=$(swift build -c release "${scratch[@]}" --show-bin-path)

out=${OUT:-$(mktemp -d -t stance-spark.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
export SPARK_LOCAL_DIRS="$out/spark-local"
log="$out/spark.log"
echo "work files in $out (Spark's log: $log)" >&2

echo "== prediction with RDD.pipe"
"$python" Scripts/spark_stance.py corpus "$out/corpus.jsonl"
"$bin/stance-predict" --model-dir Models --format jsonl "$out/corpus.jsonl" > "$out/direct.jsonl"
"$python" Scripts/spark_stance.py pipe --predict "$bin/stance-predict" --model-dir Models --corpus "$out/corpus.jsonl" \
    --parquet "$out/rows.parquet" --direct "$out/direct.jsonl" 2>>"$log"

echo "== training with MLlib"
lambda=$("$python" -c "import json; print(json.load(open('Models/stance.json'))['training']['configuration']['l2Penalty'])")
train=(--format trainingdata --task stance --config Models/training/stance-config.json
       --data TrainingData/train.jsonl --data TrainingData/dev.jsonl --l2-penalty "$lambda" --quiet)
"$bin/stance-train" "${train[@]}" --test TrainingData/test.jsonl --export-libsvm "$out/export"
"$python" Scripts/spark_stance.py mllib --export "$out/export" 2>>"$log"
"$bin/stance-train" --import-weights "$out/export/mllib-weights.json" --output "$out/mllib-stance.json"
"$bin/stance-train" "${train[@]}" --output "$out/native-stance.json" > "$out/native-train.txt"
for kind in native mllib; do
    mkdir -p "$out/$kind-models"
    cp Models/sentiment.json Models/actors.json "$out/$kind-models/"
    cp "$out/$kind-stance.json" "$out/$kind-models/stance.json"
    "$bin/stance-predict" --model-dir "$out/$kind-models" --format jsonl TrainingData/test.jsonl > "$out/$kind-rows.jsonl"
done
"$python" Scripts/spark_stance.py agree "$out/native-rows.jsonl" "$out/mllib-rows.jsonl"
echo "check-spark.sh: passed"
