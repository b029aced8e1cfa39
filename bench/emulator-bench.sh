#!/usr/bin/env bash
# Load test of the emulator: starts the release build with --quiet on a free port, runs wrk with
# bench/emulator-fail.lua (keep-alive, one thread, 32 connections), prints wrk's figures and the emulator's CPU time
# per call (a figure that other load on the machine disturbs less than calls/s).
# Usage: bench/emulator-bench.sh [SECONDS] [CONNECTIONS]   (build first: swift build -c release --product authlete-emulator)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
bin=${EMULATOR_BIN:-$(ls -t .build-emulator/release/authlete-emulator .build/release/authlete-emulator 2>/dev/null | head -1 || true)}
out=$(mktemp)
"$bin" --port 0 --quiet >"$out" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do [ -s "$out" ] && break; sleep 0.02; done
port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$out")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
echo "wrk -t1 -c$connections -d${seconds}s -s bench/emulator-fail.lua http://127.0.0.1:$port"
wrk -t1 -c"$connections" -d"${seconds}s" -s bench/emulator-fail.lua "http://127.0.0.1:$port" | tee /tmp/emulator-wrk.txt
after=$(ticks)
calls=$(curl -s "http://127.0.0.1:$port/_emulator/stats" | sed -n 's/.*"requests":\([0-9]*\).*/\1/p')
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" -v n="$calls" \
    'BEGIN { printf "emulator CPU: %.2f s for %d calls = %.1f us/call\n", t / hz, n, (t / hz) * 1e6 / n }'
