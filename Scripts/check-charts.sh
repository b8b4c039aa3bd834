#!/usr/bin/env bash
# Renders the HTML report's charts for a dated multi-article input in headless Chromium and
# saves screenshots: the stance-over-time small multiples and the actor x article overview.
#
# Checks on the page: no <script>, no remote resource, an inline SVG chart in both the
# "over-time" and "overview" sections. The PNGs go to docs/ (referenced from README.md).
#
# Usage: Scripts/check-charts.sh [INPUT]      (default Examples/dated/korea-dmz-talks.jsonl)
#   STANCE_PREDICT=/path/to/stance-predict   use that binary instead of building one
#   SCRATCH=DIR                              swift build --scratch-path (default .build)
#   DOCS=DIR                                 where the PNGs go (default docs)
#   STANCE_MODELS=DIR                        model directory (default ./Models)
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-Examples/dated/korea-dmz-talks.jsonl}
[[ -f "$input" ]] || { echo "check-charts.sh: $input: no such file" >&2; exit 1; }
docs=${DOCS:-docs}
mkdir -p "$docs"
docs=$(cd "$docs" && pwd)

source Scripts/browser-check-lib.sh
stance_predict_binary
headless_browser

work=$(mktemp -d -t stance-charts.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$binary" --format html --output "$work/report.html" "$input"

fail() { echo "check-charts.sh: $work/report.html: $1" >&2; trap - EXIT; exit 1; }
grep -qi '<script' "$work/report.html" && fail "contains a <script> element (the charts must be plain SVG)"
if grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//' "$work/report.html"; then
    fail "references a remote resource"
fi
for section in over-time overview; do
    awk -v id="$section" 'index($0, "<section id=\"" id "\"") { found = 1 } found && /<svg/ { ok = 1; exit } END { exit !ok }' \
        "$work/report.html" || fail "no <svg> chart in section #$section (does the input carry dates and several articles?)"
done

# Each screenshot shows one chart section: the others are hidden with one extra style rule.
shoot() {  # shoot CSS-TO-HIDE PNG WIDTH,HEIGHT
    sed "s|</style>|$1{display:none}</style>|" "$work/report.html" > "$work/page.html"
    local tmp="$work/shot.png"
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$tmp" \
        --window-size="$3" "file://$work/page.html" >>"$work/chromium.log" 2>&1
    [[ -s "$tmp" ]] || { cat "$work/chromium.log" >&2; fail "Chromium wrote no screenshot"; }
    mv -f "$tmp" "$2"
    echo "$2"
}
shoot 'section.article,#actors,#overview' "$docs/stance-over-time.png" 1000,1110
shoot 'section.article,#actors,#over-time' "$docs/actor-overview.png" 1000,800
