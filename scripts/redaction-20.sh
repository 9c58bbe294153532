#!/usr/bin/env bash
# Runs the redaction and secret-edge tests of every crate N times in a row
# (default 20) and stops at the first failure. Not called from .ci/run: it
# checks that no redaction test can fail by chance (issue 14, finding 13).
#
#   scripts/redaction-20.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
# crate, then its test targets
suites=(
    "forecourt-core secrets secret_prop"
    "autoloan-client redaction secret_edges"
    "promotions-client redaction secret_edges"
    "line5-client redaction secret_edges"
    "keyloop-contracts-client redaction secret_edges token_cache_failures"
    "autengo-client redaction secret_edges"
)
run_all() {
    local s crate t
    for s in "${suites[@]}"; do
        set -- $s
        crate="$1"; shift
        local args=(-p "$crate")
        for t in "$@"; do args+=(--test "$t"); done
        cargo test --all-features "${args[@]}" --quiet "${@:0:0}" 2>&1 || return 1
    done
}
# build once
run_all >/dev/null 2>&1 || true
for i in $(seq 1 "$runs"); do
    if ! out=$(run_all); then
        echo "$out"
        echo "run $i of $runs FAILED"
        exit 1
    fi
    echo "run $i of $runs: ok ($(grep -c '^test result: ok' <<<"$out") test binaries passed)"
done
echo "all $runs runs passed"
