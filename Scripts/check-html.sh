#!/usr/bin/env bash
# Renders stance-predict's HTML report with headless Chromium so a person can look at it:
# builds stance-predict (release), writes the report of an article with --explain 3, and
# prints the paths of three screenshots: the page as loaded (1200x1400), the same page with
# the first mention's hover card forced open, and the whole page (tall window) including
# the actor table at the end.
#
# Usage: Scripts/check-html.sh [ARTICLE]        (default Examples/articles/summit-talks.txt)
#   STANCE_PREDICT=/path/to/stance-predict   use that binary instead of building one
#   SCRATCH=DIR                              swift build --scratch-path (default .build)
#   OUT=DIR                                  where report.html and the PNGs go (default: a new temp dir)
#   STANCE_MODELS=DIR                        model directory (default ./Models)
set -euo pipefail
cd "$(dirname "$0")/.."
article=${1:-Examples/articles/summit-talks.txt}
[[ -f "$article" ]] || { echo "check-html.sh: $article: no such file" >&2; exit 1; }

source Scripts/browser-check-lib.sh
stance_predict_binary
headless_browser

out=${OUT:-$(mktemp -d -t stance-html.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$binary" --format html --explain 3 --output "$out/report.html" "$article"

# The page must not fetch anything: a screenshot of a page that loads remote assets
# would depend on the network.
if grep -Eiq '(src|href)[[:space:]]*=[[:space:]]*["'"'"']?(https?:)?//' "$out/report.html"; then
    echo "check-html.sh: $out/report.html references a remote resource" >&2
    exit 1
fi

# Hover cannot be triggered from the command line; show the first card the way :hover would.
sed '0,/<span class="card">/s//<span class="card" style="display:block">/' "$out/report.html" > "$out/report-hover.html"

shoot() {  # shoot HTML PNG WIDTH,HEIGHT
    "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --screenshot="$2" \
        --window-size="$3" "file://$1" >>"$out/chromium.log" 2>&1
    [[ -s "$2" ]] || { echo "check-html.sh: Chromium wrote no $2 (see $out/chromium.log)" >&2; exit 1; }
}
shoot "$out/report.html" "$out/report.png" 1200,1400
shoot "$out/report-hover.html" "$out/report-hover.png" 1200,1400
shoot "$out/report.html" "$out/report-full.png" 1200,6000

echo "$out/report.png"
echo "$out/report-hover.png"
echo "$out/report-full.png"
