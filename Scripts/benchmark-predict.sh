#!/usr/bin/env bash
# Whole-process prediction throughput of stance-predict against its peers, measured in one run (issue 11):
#   1. given targets: NewsMTSC train repeated 5 times (each line a sentence with its targets,
#      43,695 targets): stance-predict --jobs 1 and --jobs N (stance AND sentiment, JSONL with
#      probabilities) against two Python peer processes fitted once on NewsMTSC train
#      (Scripts/predict_peers.py: scikit-learn TF-IDF + LR and fastText on the target-marked text
#      of Scripts/compare_sentiment.py; each loads its model, reads the file, predicts the
#      probabilities of every target and writes JSONL),
#   2. raw articles: TrainingData/train.jsonl repeated 5 times with distinct ids, stance-predict
#      --jobs 1 against --jobs N (the peers cannot find actors, so they have no raw-article run),
#   3. one long article: the train texts joined into one 15 MB JSONL line (near the 16 MiB line
#      limit), once per program, for the memory budget (peak RSS <= 100 MB on any input).
# Every run writes its JSONL to a file, is timed with /usr/bin/time -v (wall time, peak RSS), and
# runs are interleaved. Prints the best of REPEAT per program, rows/s, peak RSS and the ratios.
#
# Usage: Scripts/benchmark-predict.sh [JOBS] [REPEAT]    (JOBS default 2, REPEAT default 3)
#   STANCE_PREDICT=/path/to/stance-predict   use that binary instead of building one (release)
#   BENCH_DATA=DIR                           where inputs, fitted peers and outputs go (default .build-bench-data/predict)
#   NO_PEERS=1                               time stance-predict only (no Python virtual environment)
# NewsMTSC comes from ../shared/data/newsmtsc/train.jsonl, else TrainingData/newsmtsc/train.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
repeat=${2:-3}
processors=$(nproc)
if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time for peak-RSS measurement" >&2
    apt-get install -y time >&2
fi
predictor=${STANCE_PREDICT:-}
if [[ -z "$predictor" ]]; then
    swift build -c release --scratch-path .build-release --product stance-predict >&2
    predictor=$(swift build -c release --scratch-path .build-release --show-bin-path)/stance-predict
fi
newsmtsc=../shared/data/newsmtsc/train.jsonl
[[ -f "$newsmtsc" ]] || newsmtsc=TrainingData/newsmtsc/train.jsonl
data=${BENCH_DATA:-.build-bench-data/predict}
mkdir -p "$data"
targets="$data/newsmtsc-train-x5.jsonl"
articles="$data/articles-x5.jsonl"
long="$data/long-article.jsonl"
python3 - "$newsmtsc" "$targets" "$articles" "$long" <<'PY'
import json, sys
src, targets, articles, long = sys.argv[1:]
lines = [l for l in open(src, encoding="utf-8") if l.strip()]
with open(targets, "w", encoding="utf-8") as out:
    for _ in range(5): out.writelines(lines)
docs = [json.loads(l) for l in open("TrainingData/train.jsonl", encoding="utf-8") if l.strip()]
with open(articles, "w", encoding="utf-8") as out:
    for r in range(5):
        for d in docs:
            out.write(json.dumps({"id": f"{d.get('id', 'a')}-{r}", "title": d.get("title"), "date": d.get("date"),
                                  "text": d["text"]}, ensure_ascii=False) + "\n")
pieces, size = [], 0
while size < 15_000_000:
    for d in docs:
        pieces.append(d["text"])
        size += len(d["text"].encode("utf-8")) + 2
        if size >= 15_000_000: break
with open(long, "w", encoding="utf-8") as out:
    out.write(json.dumps({"id": "long", "text": "\n\n".join(pieces)}, ensure_ascii=False) + "\n")
PY

peers=()
if [[ -z "${NO_PEERS:-}" ]]; then
    STANCE_TRAIN=skip
    source Scripts/sklearn-env.sh
    "$venv/bin/python" -c "import fasttext" 2>/dev/null || {
        echo "installing fasttext-wheel into $venv" >&2
        "$venv/bin/pip" install --quiet fasttext-wheel
    }
    # One thread each, like stance-predict --jobs 1.
    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
    fitted="$data/peers"
    if [[ ! -f "$fitted/sklearn.pickle" || ! -f "$fitted/fasttext.bin" || "$newsmtsc" -nt "$fitted/sklearn.pickle" ]]; then
        echo "fitting the peers on $newsmtsc (once)" >&2
        mkdir -p "$fitted"
        "$venv/bin/python" Scripts/predict_peers.py fit "$newsmtsc" "$fitted"
    fi
    peers=(sklearn fasttext)
fi

# One run of program $1 on input $2: prints "seconds peak_kb rows".
run() {
    local program=$1 input=$2 out="$data/out-$1.jsonl" log
    log=$(mktemp)
    case $program in
        jobs-*) /usr/bin/time -v -o "$log" "$predictor" --quiet --format jsonl --jobs "${program#jobs-}" "$input" > "$out" ;;
        sklearn) /usr/bin/time -v -o "$log" "$venv/bin/python" Scripts/predict_peers.py sklearn "$data/peers/sklearn.pickle" "$input" "$out" ;;
        fasttext) /usr/bin/time -v -o "$log" "$venv/bin/python" Scripts/predict_peers.py fasttext "$data/peers/fasttext.bin" "$input" "$out" 2> /dev/null ;;
    esac
    local wall rss rows
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    rows=$(wc -l < "$out")
    rm -f "$log"
    echo "$wall $rss $rows"
}

echo "$predictor (worktree at $(git rev-parse --short HEAD 2>/dev/null || echo "?")), $processors processors, best of $repeat, whole processes, JSONL to a file"
printf '%-22s %-24s %8s %9s %10s %9s %s\n' input program rows seconds rows/s "peak MB" "ratio"
for input in "$targets" "$articles" "$long"; do
    name=$(basename "$input" .jsonl)
    programs=(jobs-1 "jobs-$jobs")
    [[ $input == "$targets" ]] && programs+=("${peers[@]}")
    runs=$repeat
    [[ $input == "$long" ]] && runs=1
    declare -A best=() rss=() rows=()
    for ((i = 0; i < runs; i++)); do
        for program in "${programs[@]}"; do
            read -r w r n < <(run "$program" "$input")
            if [[ -z "${best[$program]:-}" ]] || awk "BEGIN {exit !($w < ${best[$program]})}"; then best[$program]=$w; rss[$program]=$r; fi
            rows[$program]=$n
        done
    done
    cmp -s "$data/out-jobs-1.jsonl" "$data/out-jobs-$jobs.jsonl" || { echo "FAIL: --jobs $jobs output differs from --jobs 1 on $name" >&2; exit 1; }
    for program in "${programs[@]}"; do
        case $program in
            jobs-*) label="stance-predict --jobs ${program#jobs-}" ;;
            sklearn) label="scikit-learn TF-IDF + LR" ;;
            fasttext) label="fastText" ;;
        esac
        ratio=""
        if [[ $program == jobs-* && ${#peers[@]} -gt 0 && $input == "$targets" ]]; then
            ratio=$(awk -v s="${best[sklearn]}" -v f="${best[fasttext]}" -v w="${best[$program]}" \
                'BEGIN {printf "%.1fx scikit-learn, %.1fx fastText", s / w, f / w}')
        fi
        awk -v name="$name" -v label="$label" -v rows="${rows[$program]}" -v wall="${best[$program]}" -v rss="${rss[$program]}" -v ratio="$ratio" \
            'BEGIN {printf "%-22s %-24s %8d %9.2f %10.0f %9.1f %s\n", substr(name, 1, 22), label, rows, wall, rows / wall, rss / 1024, ratio}'
    done
    awk -v a="${best[jobs-1]}" -v b="${best[jobs-$jobs]}" -v n="$jobs" -v name="$name" 'BEGIN {printf "%s: --jobs %d is %.2fx --jobs 1 (output identical)\n", name, n, a / b}'
    if [[ $input == "$long" ]]; then
        awk -v a="${rss[jobs-1]}" -v b="${rss[jobs-$jobs]}" 'BEGIN {m = (a > b ? a : b) / 1024; printf "%s: peak RSS %.1f MB against the 100 MB budget: %s\n", "long-article", m, (m <= 100 ? "within" : "OVER")}'
    fi
    unset best rss rows
done
rm -f "$data"/out-*.jsonl
