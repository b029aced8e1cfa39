#!/usr/bin/env bash
# A short scripted demo of the sample hosts against the local emulator (127.0.0.1 only): the CLI rejects a request
# for two reasons, then the C server answers curl for three. Every process is stopped by pid on exit.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
EMULATOR=${AUTHLETE_EMULATOR:-$ROOT/.build/release/authlete-emulator}
CLI=c/build/ciba-fail
SERVER=c/build/backchannel-server
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY

[ -x "$EMULATOR" ] || { echo "demo: $EMULATOR is missing: run 'make emulator' at the top first" >&2; exit 1; }
[ -x "$CLI" ] && [ -x "$SERVER" ] || { echo "demo: run 'make -C examples' first" >&2; exit 1; }

# Starts "$@" in the background, waits (10 s at most) for its {"event":"listening",...,"port":N} line and sets
# PORT to N. Not called in $(...): the pid must reach PIDS of this shell.
start() {
  local out="$WORK/$1.out"
  shift
  "$@" >"$out" 2>>"$WORK/stderr.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    if grep -q '"port"' "$out" 2>/dev/null; then
      PORT=$(sed -n 's/.*"port":[ ]*\([0-9]*\).*/\1/p' "$out" | head -1)
      return
    fi
    sleep 0.1
  done
  echo "demo: $1 did not start; its log:" >&2; cat "$WORK/stderr.log" >&2; exit 1
}
curl_() { curl --silent --show-error --max-time 10 --noproxy '*' "$@"; }
ticket() { curl_ -X POST -H 'Content-Type: application/json' -d '{"serviceId":"1000"}' \
  "http://127.0.0.1:$EMULATOR_PORT/_emulator/tickets" | sed -n 's/.*"ticket":"\([^"]*\)".*/\1/p'; }

start emulator "$EMULATOR" --port 0
EMULATOR_PORT=$PORT
export AUTHLETE_BASE_URL="http://127.0.0.1:$EMULATOR_PORT" AUTHLETE_BEARER=emulator-token
echo "== emulator on $AUTHLETE_BASE_URL (service 1000, token emulator-token)"

T=$(ticket)
echo; echo "== ciba-fail --service-id 1000 --ticket $T --reason ACCESS_DENIED"
"$CLI" --service-id 1000 --ticket "$T" --reason ACCESS_DENIED
echo "   ticket still known to Authlete? $(curl_ "$AUTHLETE_BASE_URL/_emulator/tickets/$T")"
echo; echo "== ciba-fail --json --service-id 1000 --reason UNKNOWN_USER_ID --description 'no such user'"
"$CLI" --json --service-id 1000 --reason UNKNOWN_USER_ID --description 'no such user'
echo; echo "== ciba-fail --service-id 1000 --reason NOPE   (a failure: exit status = libauthlete status)"
"$CLI" --service-id 1000 --reason NOPE || echo "   exit status $?"

start server "$SERVER" --port 0 --service-id 1000 --users c/users.txt
SERVER_PORT=$PORT
echo; echo "== backchannel-server on 127.0.0.1:$SERVER_PORT"
for form in "login_hint=nobody" "login_hint=alice" "login_hint=bob&user_code=5678"; do
  echo; echo "-- curl -d '$form&ticket=...' /backchannel/authentication"
  curl_ -i -d "$form&ticket=$(ticket)" "http://127.0.0.1:$SERVER_PORT/backchannel/authentication" | tr -d '\r' |
    grep -v '^Date:'
  echo
done
echo; echo "== done: stopping the server and the emulator"
