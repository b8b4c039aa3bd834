#!/usr/bin/env bash
# Code-shape checks run by .ci/run before the tests:
#   - swift-format lint (configuration in .swift-format) over Sources, Tests and Fuzz;
#   - no file in Sources longer than 400 lines;
#   - at most 40 public declarations per library module (the API each Sources/*/README.md lists).
# Prints every violation and exits 1 when there is one.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
if ! swift format lint --strict --parallel --recursive Sources Tests Fuzz/Sources Package.swift; then
    echo "lint: swift-format found the problems above (fix them, or run: swift format --in-place --recursive Sources Tests Fuzz/Sources)" >&2
    status=1
fi
while read -r lines file; do
    [ "$file" = total ] && continue
    if [ "$lines" -gt 400 ]; then echo "lint: $file has $lines lines (limit 400): split it" >&2; status=1; fi
done < <(find Sources -name '*.swift' -print0 | xargs -0 wc -l)
for module in Sources/*/; do
    count=$(grep -rhE '^\s*(@[A-Za-z]+(\([^)]*\))?\s+)*(public|open)\s' "$module" --include='*.swift' | grep -vcE '^\s*(public|open)\s+(extension|import)\b')
    if [ "$count" -gt 40 ]; then echo "lint: $module has $count public declarations (limit 40): make the rest package or internal" >&2; status=1; fi
done
[ $status -eq 0 ] && echo "lint: clean"
exit $status
