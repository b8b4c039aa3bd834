#!/usr/bin/env bash
# Whole-process throughput of stance-predict --jobs 1 against --jobs N (issue 11):
#   1. given targets: NewsMTSC train repeated 5 times (each line a sentence with its targets),
#   2. raw articles: TrainingData/train.jsonl repeated 5 times with distinct ids,
# each run JSONL with probabilities to /dev/null, timed with /usr/bin/time -v (wall time,
# peak RSS), runs interleaved. Prints rows/s per run, the best of REPEAT, and the speed-up.
#
# Usage: Scripts/benchmark-predict.sh [JOBS] [REPEAT]    (JOBS default 2, REPEAT default 3)
#   STANCE_PREDICT=/path/to/stance-predict   use that binary instead of building one (release)
#   BENCH_DATA=DIR                           where generated inputs go (default .build-bench-data/predict)
# NewsMTSC comes from ../shared/data/newsmtsc/train.jsonl, else TrainingData/newsmtsc/train.jsonl.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${1:-2}
repeat=${2:-3}
if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time for peak-RSS measurement" >&2
    apt-get install -y time >&2
fi
binary=${STANCE_PREDICT:-}
if [[ -z "$binary" ]]; then
    swift build -c release --product stance-predict >&2
    binary=.build/release/stance-predict
fi
newsmtsc=../shared/data/newsmtsc/train.jsonl
[[ -f "$newsmtsc" ]] || newsmtsc=TrainingData/newsmtsc/train.jsonl
data=${BENCH_DATA:-.build-bench-data/predict}
mkdir -p "$data"
targets="$data/newsmtsc-train-x5.jsonl"
articles="$data/articles-x5.jsonl"
python3 - "$newsmtsc" "$targets" "$articles" <<'PY'
import json, sys
src, targets, articles = sys.argv[1:]
lines = [l for l in open(src, encoding="utf-8") if l.strip()]
with open(targets, "w", encoding="utf-8") as out:
    for _ in range(5): out.writelines(lines)
docs = [json.loads(l) for l in open("TrainingData/train.jsonl", encoding="utf-8") if l.strip()]
with open(articles, "w", encoding="utf-8") as out:
    for r in range(5):
        for d in docs:
            out.write(json.dumps({"id": f"{d.get('id', 'a')}-{r}", "title": d.get("title"), "date": d.get("date"),
                                  "text": d["text"]}, ensure_ascii=False) + "\n")
PY

# One run: prints "seconds peak_kb rows".
run() {
    local input=$1 n=$2 log
    log=$(mktemp)
    /usr/bin/time -v -o "$log" "$binary" --quiet --format jsonl --jobs "$n" "$input" > "$data/out-$n.jsonl"
    local wall rss rows
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
    rows=$(wc -l < "$data/out-$n.jsonl")
    rm -f "$log"
    echo "$wall $rss $rows"
}

echo "stance-predict $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) processors, best of $repeat"
printf '%-14s %6s %10s %9s %12s %10s\n' input jobs rows seconds rows/s "peak MB"
for input in "$targets" "$articles"; do
    name=$(basename "$input" .jsonl)
    best1=""; bestn=""; rss1=0; rssn=0; rows=0
    for ((i = 0; i < repeat; i++)); do
        for n in 1 "$jobs"; do
            read -r wall rss rows < <(run "$input" "$n")
            if [[ $n == 1 ]]; then
                if [[ -z "$best1" ]] || awk "BEGIN {exit !($wall < $best1)}"; then best1=$wall; rss1=$rss; fi
            else
                if [[ -z "$bestn" ]] || awk "BEGIN {exit !($wall < $bestn)}"; then bestn=$wall; rssn=$rss; fi
            fi
        done
    done
    cmp -s "$data/out-1.jsonl" "$data/out-$jobs.jsonl" || { echo "FAIL: --jobs $jobs output differs from --jobs 1 on $name" >&2; exit 1; }
    for pair in "1 $best1 $rss1" "$jobs $bestn $rssn"; do
        read -r n wall rss <<< "$pair"
        awk -v name="$name" -v n="$n" -v rows="$rows" -v wall="$wall" -v rss="$rss" \
            'BEGIN {printf "%-14s %6d %10d %9.2f %12.0f %10.1f\n", substr(name, 1, 14), n, rows, wall, rows / wall, rss / 1024}'
    done
    awk -v a="$best1" -v b="$bestn" -v n="$jobs" -v name="$name" 'BEGIN {printf "%s: --jobs %d is %.2fx --jobs 1 (output identical)\n", name, n, a / b}'
done
rm -f "$data"/out-*.jsonl
