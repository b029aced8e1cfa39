#!/usr/bin/env bash
# The long runs whose figures SECURITY.md records, done once (not in CI): a 200,000-call soak in one process and
# each libFuzzer target for 10 minutes. Run after `make check-hard` (which builds everything):
#   make check-hard-record            or   hardening/record.sh [SOAK_CALLS] [FUZZ_SECONDS]
# RECORD_TARGETS (default: all five) picks the fuzzers; SOAK_CALLS 0 skips the soak.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
SOAK_CALLS=${1:-200000}
FUZZ_SECONDS=${2:-600}
out=.build-hard/record
mkdir -p "$out"

if [ "$SOAK_CALLS" -gt 0 ]; then
  echo "== soak: $SOAK_CALLS calls"
  HARD_SOAK_CALLS=$SOAK_CALLS "$PYTHON" -m pytest -q -s -p no:cacheprovider hardening/tests/test_soak.py | tee "$out/soak.log"
fi

export SWIFT_BACKTRACE=enable=no
for target in ${RECORD_TARGETS:-request response config ciba_request ciba_response}; do
  echo "== fuzz_$target: $FUZZ_SECONDS s"
  mkdir -p "$out/corpus-$target"
  .build-hard/fuzz/fuzz_$target -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
    -dict=hardening/fuzz/$target.dict -artifact_prefix="$out/$target-" -print_final_stats=1 \
    "$out/corpus-$target" hardening/corpus/$target > "$out/fuzz-$target.log" 2>&1
  grep -E "^Done|DONE|stat::" "$out/fuzz-$target.log"
done
