#!/usr/bin/env bash
# The emulator's full-flow figure and its start-up time. Start-up: launches the release build RUNS times and times
# launch -> the listening line on stdout. Load: starts it with --quiet on a free port and runs wrk with
# bench/emulator-flow.lua (authentication + issue + complete per flow; one connection per wrk thread), then
# prints flows/s, calls/s and the emulator's CPU time per flow. Bounded: RUNS launches, one wrk run of SECONDS.
# Usage: bench/emulator-flow.sh [SECONDS] [CONNECTIONS] [poll|push]
#        (build first: swift build -c release --product authlete-emulator; wrk from Debian: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-4}
mode=${3:-poll}
runs=${RUNS:-20}
bin=${EMULATOR_BIN:-$(ls -t .build/release/authlete-emulator 2>/dev/null | head -1 || true)}
[ -x "$bin" ] || { echo "no release build: swift build -c release --product authlete-emulator" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

python3 - "$bin" "$runs" <<'PY'
import statistics, subprocess, sys, time
binary, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen([binary, "--port", "0", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = p.stdout.readline()
    times.append((time.perf_counter() - start) * 1000)
    p.terminate()
    p.wait(timeout=10)
    assert b'"event":"listening"' in line, line
print(f"start-up to the listening line, {runs} launches: min {min(times):.1f} ms, "
      f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms")
PY

out=$(mktemp)
"$bin" --port 0 --quiet >"$out" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.02; done
port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$out")
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
before=$(ticks)
echo "FLOW_MODE=$mode wrk -t$connections -c$connections -d${seconds}s -s bench/emulator-flow.lua http://127.0.0.1:$port"
FLOW_MODE=$mode wrk -t"$connections" -c"$connections" -d"${seconds}s" -s bench/emulator-flow.lua "http://127.0.0.1:$port"
after=$(ticks)
completes=$(curl -s "http://127.0.0.1:$port/_emulator/stats" | sed -n 's/.*"complete":\([0-9]*\).*/\1/p')
hz=$(getconf CLK_TCK)
awk -v t=$((after - before)) -v hz="$hz" -v n="$completes" \
    'BEGIN { printf "emulator CPU: %.2f s for %d flows = %.1f us/flow\n", t / hz, n, (t / hz) * 1e6 / n }'
