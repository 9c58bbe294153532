#!/usr/bin/env bash
# Runs every fuzz target for a fixed time and prints its executions.
#
#   fuzz/run.sh [seconds per target, default 60] [target ...]
#
# Needs `cargo install cargo-fuzz`. The machine has only a stable toolchain:
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz use the nightly-only sanitizer flags.
# Corpora start from the vendor documentation's fixtures (tests/fixtures of
# each client); crashes land in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(autengo_vehicle_list autengo_query line5_loan_document keyloop_contract_page promotions_list autoloan_webhook token_responses)
fi
export RUSTC_BOOTSTRAP=1

seed() { # seed <target> <fixture files...>
    local dir="corpus/$1"; shift
    mkdir -p "$dir"
    for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/" ; done
}
seed autengo_vehicle_list ../autengo-client/tests/fixtures/vehicle_list_response.json ../autengo-client/tests/fixtures/schema_vehicle_list.json
seed line5_loan_document ../line5-client/tests/fixtures/loan_get_response.json ../line5-client/tests/fixtures/finalize_response.json
seed keyloop_contract_page ../keyloop-contracts-client/tests/fixtures/contract_list.json
seed promotions_list ../promotions-client/tests/fixtures/promotions_for_application_response.json ../promotions-client/tests/fixtures/search_promotions_response.json
seed autoloan_webhook ../autoloan-client/tests/fixtures/status_webhook.json
seed token_responses ../keyloop-contracts-client/tests/fixtures/token_response.json ../autengo-client/tests/fixtures/auth_token_response.json ../keyloop-contracts-client/tests/fuzz_seeds/token_responses/*
mkdir -p corpus/autengo_query

cargo fuzz build
status=0
printf '%-24s %12s %10s  %s\n' target executions exec/s result
for t in "${targets[@]}"; do
    log="$(mktemp)"
    if cargo fuzz run "$t" -- -max_total_time="$secs" -print_final_stats=1 >"$log" 2>&1; then
        result=ok
    else
        result="CRASH (see fuzz/artifacts/$t/)"
        status=1
    fi
    execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
    printf '%-24s %12s %10s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$result"
    if [ "$result" != ok ]; then grep -E 'panicked|ERROR|SUMMARY' "$log" | head -5; fi
    rm -f "$log"
done
exit $status
