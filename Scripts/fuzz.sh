#!/usr/bin/env bash
# Runs every libFuzzer target of Fuzz/ for SECONDS each and prints executions and findings.
#
#   bash Scripts/fuzz.sh [SECONDS] [TARGET ...]     (default 60 s, every target)
#   JOBS=2 bash Scripts/fuzz.sh 600                 (two targets at a time, one core each)
#
# Builds Fuzz/ with `-sanitize=fuzzer,address` (skip with NO_BUILD=1), grows a working
# corpus per target in Fuzz/.build/corpus/TARGET from the seeds in Fuzz/Corpus/TARGET, and
# writes crashing, leaking, slow or memory-hungry inputs to Fuzz/Findings/ (limits: 30 s of wall time
# and 2 GB per input; TIMEOUT=N changes the first). Every finding is meant to become a regression test (see
# Tests/*/FuzzRegressionTests.swift) and its file removed. Runs under `nice`; the machine
# is shared. Exit status 1 when any target left a finding.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(splitter tokenizer mentions features jsonl libsvm model)

if [ "${NO_BUILD:-0}" != 1 ]; then
  # -enable-testing: the harnesses check internal invariants through `@testable import`.
  (cd Fuzz && nice -n 10 swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing >/dev/null)
fi
bin=Fuzz/.build/release
# Swift's crash backtracer would race AddressSanitizer's report; libFuzzer prints its own.
export SWIFT_BACKTRACE=enable=no
mkdir -p Fuzz/Findings
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
# One target for SECONDS; its table line goes to $results/TARGET.
run_target() {
  local target=$1
  local work=Fuzz/.build/corpus/$target
  mkdir -p "$work"
  local log=Fuzz/.build/fuzz-$target.log
  local before
  before=$(ls Fuzz/Findings | grep -c "^$target-" || true)
  # Model seeds are whole model files (~16 KB); text and line inputs stay short for speed.
  local max_len=${MAX_LEN:-4096}
  [ "$target" = model ] && max_len=${MAX_LEN:-20000}
  # -fork=0: one process; the final statistics give the execution count. -timeout is wall
  # time: at load 8 on 2 cores a 1.4 KB list of 200 "Putin"s (0.2 s in a release build, about
  # 1 s of CPU under ASan) passed 10 s, so the limit is 30 s, half of what issue 12 calls a hang.
  nice -n 10 "$bin/fuzz-$target" "$work" "Fuzz/Corpus/$target" -max_total_time="$seconds" \
    -artifact_prefix="Fuzz/Findings/$target-" -print_final_stats=1 -timeout="${TIMEOUT:-30}" -rss_limit_mb=2048 \
    -max_len="$max_len" >"$log" 2>&1 || true
  local executions rate after
  executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o "[0-9]*$" | tail -1 || true)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o "[0-9]*$" | tail -1 || true)
  after=$(ls Fuzz/Findings | grep -c "^$target-" || true)
  echo "$target ${executions:-0} ${rate:-0} $(ls "$work" | wc -l) $((after - before))" >"$results/$target"
}
# JOBS targets at a time (default 1); each libFuzzer process uses one core.
jobs=${JOBS:-1}
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$target" &
done
wait
printf '%-10s %14s %10s %10s %9s\n' target executions "exec/s" corpus findings
total=0
status=0
for target in "${targets[@]}"; do
  read -r name executions rate corpus findings <"$results/$target"
  [ "$findings" -gt 0 ] && status=1
  printf '%-10s %14s %10s %10s %9s\n' "$name" "$executions" "$rate" "$corpus" "$findings"
  total=$((total + executions))
done
outstanding=$(ls Fuzz/Findings | wc -l)
printf '%-10s %14s\n' total "$total"
echo "findings outstanding in Fuzz/Findings: $outstanding"
exit $status
