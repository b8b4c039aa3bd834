#!/usr/bin/env bash
# Time and peak RSS of stance-predict on pathological and large inputs (issue 12):
#   1. a 10 MB article without punctuation or line breaks,
#   2. the same at 100 MB (time ratio 100/10 MB should be <= 12x: linear time),
#   3. a 300 MB JSONL corpus on stdin,
#   4. --summary over the same 300 MB corpus,
# each with peak RSS <= 200 MB. Prints one table and PASS/FAIL per bound.
#
# Usage: Scripts/benchmark-robustness.sh [SCALE]     (SCALE 1 = the sizes above; 0.1 for a quick check)
#   STANCE_PREDICT=/path/to/stance-predict   use that binary instead of building one (release)
#   BENCH_DATA=DIR                           where generated inputs are cached (default .build-bench-data/robustness)
# The article text is TrainingData prose with every punctuation mark and line break removed,
# so actors are as frequent as in real news; the corpus repeats TrainingData articles with
# distinct ids and dates. Runs under `nice`; the machine is shared, so times are indicative.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-1}
if [[ ! -x /usr/bin/time ]]; then
    echo "installing GNU time for peak-RSS measurement" >&2
    apt-get install -y time >&2
fi
binary=${STANCE_PREDICT:-}
if [[ -z "$binary" ]]; then
    nice -n 10 swift build -c release --product stance-predict >&2
    binary=.build/release/stance-predict
fi
data=${BENCH_DATA:-.build-bench-data/robustness}
mkdir -p "$data"

python3 - "$data" "$scale" <<'PY'
import json, os, re, sys
data, scale = sys.argv[1], float(sys.argv[2])
articles = [json.loads(line) for line in open("TrainingData/train.jsonl", encoding="utf-8")]
prose = " ".join(re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", a["text"])) for a in articles)
def article(path, size):
    if os.path.exists(path) and os.path.getsize(path) == size: return
    with open(path, "w", encoding="utf-8") as out:
        written = 0
        while written < size:
            chunk = prose[: size - written]
            out.write(chunk); written += len(chunk.encode("utf-8"))
    with open(path, "r+b") as out: out.truncate(size)
def corpus(path, size):
    if os.path.exists(path) and os.path.getsize(path) >= size: return
    with open(path, "w", encoding="utf-8") as out:
        written, n = 0, 0
        while written < size:
            a = articles[n % len(articles)]
            line = json.dumps({"id": f"a{n}", "date": f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}", "title": a.get("title"), "text": a["text"]}) + "\n"
            out.write(line); written += len(line.encode("utf-8")); n += 1
mb = 1_000_000
article(f"{data}/article-10mb.txt", int(10 * mb * scale))
article(f"{data}/article-100mb.txt", int(100 * mb * scale))
corpus(f"{data}/corpus-300mb.jsonl", int(300 * mb * scale))
PY

run() {  # name, input bytes, command...
    local name=$1 bytes=$2; shift 2
    local stats
    /usr/bin/time -o "$data/time.out" -f '%e %M' nice -n 10 "$@" >/dev/null 2>"$data/stderr-$name.txt"
    stats=$(tail -1 "$data/time.out")
    local seconds=${stats% *} kb=${stats#* }
    printf '%-34s %9.1f %9.1f %8.2f %10.1f\n' "$name" "$(echo "$bytes / 1000000" | bc -l)" "$seconds" \
        "$(echo "$bytes / 1000000 / $seconds" | bc -l)" "$(echo "$kb / 1024" | bc -l)"
    echo "$seconds $kb" > "$data/last-$name.stats"
}
size() { stat -c %s "$1"; }
a10=$data/article-10mb.txt; a100=$data/article-100mb.txt; c300=$data/corpus-300mb.jsonl
printf '%-34s %9s %9s %8s %10s\n' case MB seconds "MB/s" "peak MB"
run article-10mb "$(size "$a10")" "$binary" --model-dir Models --format jsonl "$a10"
run article-100mb "$(size "$a100")" "$binary" --model-dir Models --format jsonl "$a100"
run corpus-300mb-stdin "$(size "$c300")" sh -c "\"$binary\" --model-dir Models --format jsonl - < \"$c300\""
run corpus-300mb-summary "$(size "$c300")" "$binary" --model-dir Models --format jsonl --summary "$c300"

t10=$(cut -d' ' -f1 "$data/last-article-10mb.stats"); t100=$(cut -d' ' -f1 "$data/last-article-100mb.stats")
ratio=$(echo "$t100 / $t10" | bc -l)
printf 'time ratio 100 MB / 10 MB article: %.2fx (bound 12x): %s\n' "$ratio" "$( (( $(echo "$ratio <= 12" | bc) )) && echo PASS || echo FAIL)"
worst=0
for f in "$data"/last-*.stats; do kb=$(cut -d' ' -f2 "$f"); (( kb > worst )) && worst=$kb; done
printf 'largest peak RSS: %.1f MB (bound 200 MB): %s\n' "$(echo "$worst / 1024" | bc -l)" "$( (( worst <= 204800 )) && echo PASS || echo FAIL)"
