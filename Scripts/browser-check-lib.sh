# Shared by check-html.sh and check-charts.sh (sourced, not run).

# Sets $binary: $STANCE_PREDICT, else a release build of stance-predict (SCRATCH= scratch path).
stance_predict_binary() {
    binary=${STANCE_PREDICT:-}
    [[ -n "$binary" ]] && return 0
    local scratch=(--scratch-path "${SCRATCH:-.build}")
    echo "building stance-predict (release)" >&2
    nice -n 10 swift build -c release --product stance-predict "${scratch[@]}" >&2
    binary="$(swift build -c release "${scratch[@]}" --show-bin-path)/stance-predict"
}

# Sets $browser: a headless-capable Chromium, installed from Debian's packages when missing.
headless_browser() {
    browser=""
    local candidate
    for candidate in chromium chromium-browser google-chrome; do
        if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; return 0; fi
    done
    local sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
    echo "installing chromium" >&2
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >&2
    browser=chromium
}
