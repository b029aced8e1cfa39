#!/usr/bin/env bash
# The whole CIBA flow on 127.0.0.1: the emulator (the local Authlete), the C sample server (backchannel endpoint and
# simulated authentication device) and the client application (python/ciba_client.py, with its notification
# listener). Poll, ping and push flows, then each rejection reason; every HTTP exchange is printed. Every process
# started here is stopped by pid on exit.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd .. && pwd)
EMULATOR=${AUTHLETE_EMULATOR:-$ROOT/.build/release/authlete-emulator}
SERVER=c/build/backchannel-server
PYTHON=${PYTHON:-python3}
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
[ -x "$SERVER" ] || { echo "demo: run 'make -C examples' first" >&2; exit 1; }

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
section() { printf '\n==== %s\n' "$*"; }

start emulator "$EMULATOR" --port 0 --quiet
ADMIN="http://127.0.0.1:$PORT/_emulator"
export AUTHLETE_BASE_URL="http://127.0.0.1:$PORT" AUTHLETE_BEARER=emulator-token
section "emulator on $AUTHLETE_BASE_URL (service 1000, token emulator-token)"

# The client application's notification listener: a free loopback port, registered before any flow starts.
LISTEN=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
NOTIFY="http://127.0.0.1:$LISTEN/ciba/notification"
register() {
  echo ">>> PUT $ADMIN/services/1000/clients/$1  $2"
  printf '<<< %s\n' "$(curl --silent --show-error --max-time 10 --noproxy '*' -X PUT -H 'Content-Type: application/json' \
    -d "$2" -w ' (HTTP %{http_code})' "$ADMIN/services/1000/clients/$1")"
}
section "register the clients: ping and push notify the client application at $NOTIFY"
register 1002 '{"clientIdAlias":"ping-client","clientSecret":"ping-secret","authMethod":"CLIENT_SECRET_BASIC","deliveryMode":"PING","notificationEndpoint":"'"$NOTIFY"'"}'
register 1003 '{"clientIdAlias":"push-client","clientSecret":"push-secret","authMethod":"CLIENT_SECRET_POST","deliveryMode":"PUSH","notificationEndpoint":"'"$NOTIFY"'"}'
register 1005 '{"clientIdAlias":"untrusted-client","clientSecret":"untrusted-secret","authMethod":"CLIENT_SECRET_BASIC","deliveryMode":"POLL"}'

start server "$SERVER" --port 0 --service-id 1000 --users c/users.txt
URL="http://127.0.0.1:$PORT"
section "backchannel-server on $URL (users: c/users.txt)"

poll=(--client-id 9007199254740993 --client-secret poll-secret)
ping=(--client-id 1002 --client-secret ping-secret --listen-port "$LISTEN")
push=(--client-id 1003 --client-secret push-secret --auth post --listen-port "$LISTEN")
client() { "$PYTHON" python/ciba_client.py --server "$URL" "$@"; }
refused() { # a request the server refuses: the client application exits 1
  local title=$1
  shift
  section "$title"
  client "$@" && { echo "demo: expected a refusal" >&2; exit 1; } || [ $? -eq 1 ]
}

section "poll: alice (by email, with her user code) approves on her device"
client "${poll[@]}" --login-hint alice@example.com --user-code 1234 --binding-message "Pay 5 EUR to Shop" --decide approve
section "ping: carol approves; the client application is pinged"
client "${ping[@]}" --login-hint carol --decide approve
section "push: carol (by login_hint_token) approves; the tokens arrive in the notification"
client "${push[@]}" --login-hint-token lht-carol --decide approve
section "push: carol denies"
client "${push[@]}" --login-hint carol --decide deny

refused "UNKNOWN_USER_ID: no user for login_hint=zed" "${poll[@]}" --login-hint zed
refused "SERVER_ERROR: the user store fails for erin" "${poll[@]}" --login-hint erin
refused "EXPIRED_LOGIN_HINT_TOKEN" "${poll[@]}" --login-hint-token lht-carol-expired
refused "MISSING_USER_CODE: alice has a user code" "${poll[@]}" --login-hint alice
refused "INVALID_USER_CODE" "${poll[@]}" --login-hint +14155550101 --user-code 9999
refused "INVALID_BINDING_MESSAGE: a link" "${poll[@]}" --login-hint carol --binding-message "see https://pay.example"
refused "UNAUTHORIZED_CLIENT: client 1005 is denied" --client-id 1005 --client-secret untrusted-secret --login-hint carol
refused "INVALID_TARGET: a resource not served here" "${poll[@]}" --login-hint carol --resource https://other.example/
refused "ACCESS_DENIED: bob is blocked" "${poll[@]}" --login-hint bob --user-code 5678
refused "Authlete's own refusal: a wrong client secret (401)" --client-id 1002 --client-secret nope --login-hint carol

section "done: stopping the server and the emulator"
