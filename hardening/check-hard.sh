#!/usr/bin/env bash
# make check-hard: the reliability and security legs of libauthlete, bounded for CI.
#   1. the library built with ASan+UBSan (.build-asan), TSan (.build-tsan) and fuzzing coverage (.build-fuzz)
#   2. the C hosts and fuzzers (hardening/Makefile, into .build-hard)
#   3. pytest hardening/tests: ASan/UBSan + TSan hosts, valgrind, fault matrix, soak, fork, process state, TLS
#      through nginx, secrets in errors and logs (the emulator is started and stopped by the root conftest.py)
#   4. each libFuzzer target for HARD_FUZZ_SECONDS (default 36: five targets in the three minutes that three took)
#      from its committed corpus; a crash fails
# Needs `make lib emulator` first (the Makefile's check-hard target does it). Knobs: HARD_FUZZ_SECONDS,
# HARD_SOAK_CALLS (default 20000), PYTHON. The long runs recorded in SECURITY.md: hardening/record.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
FUZZ_SECONDS=${HARD_FUZZ_SECONDS:-36}
SWIFT=${SWIFT:-swift}
started=$(date +%s)
step() { echo "== check-hard [$(( $(date +%s) - started )) s]: $*"; }

step "library with AddressSanitizer (Swift, C) + UndefinedBehaviorSanitizer (C) -> .build-asan"
"$SWIFT" build -c debug --scratch-path .build-asan --product authlete --sanitize=address \
  -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
step "library with ThreadSanitizer -> .build-tsan"
"$SWIFT" build -c debug --scratch-path .build-tsan --product authlete --sanitize=thread
step "library with libFuzzer coverage + ASan/UBSan -> .build-fuzz"
"$SWIFT" build -c debug --scratch-path .build-fuzz --product authlete --sanitize=address \
  -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
  -Xcc -fsanitize=fuzzer-no-link,undefined -Xcc -fno-sanitize-recover=undefined

step "hosts and fuzzers -> .build-hard"
make --no-print-directory -C hardening plain asan tsan fuzz

step "pytest hardening/tests"
"$PYTHON" -m pytest --version >/dev/null 2>&1 || "$PYTHON" -m pip install -q pytest
"$PYTHON" -m pytest -q -p no:cacheprovider -rA hardening/tests 2>&1 | grep -vE "^PASSED " || exit 1

# The Swift backtracer of the dynamic Swift runtime would catch the fuzzers' crash signals before libFuzzer.
export SWIFT_BACKTRACE=enable=no
for target in request response config ciba_request ciba_response; do
  step "fuzz_$target for $FUZZ_SECONDS s"
  work=.build-hard/fuzz-work/$target
  mkdir -p "$work" .build-hard/fuzz-artifacts
  if ! .build-hard/fuzz/fuzz_$target -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=4096 \
      -dict=hardening/fuzz/$target.dict -artifact_prefix=.build-hard/fuzz-artifacts/$target- -print_final_stats=1 \
      "$work" hardening/corpus/$target > .build-hard/fuzz-$target.log 2>&1; then
    tail -60 .build-hard/fuzz-$target.log
    echo "check-hard: fuzz_$target found a crash: the input is in .build-hard/fuzz-artifacts/ (reproduce:" \
         ".build-hard/fuzz/fuzz_$target <file>)" >&2
    exit 1
  fi
  grep -E "^Done|stat::number_of_executed_units" .build-hard/fuzz-$target.log | tr '\n' ' '; echo
done
step "all hardening legs passed"
