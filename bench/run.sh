#!/usr/bin/env bash
# `make bench`: libauthlete side by side with a raw libcurl client, Authlete's Python SDK and requests.Session.
# Builds the C clients, makes a virtualenv with authlete==1.3.0 (PyPI), runs bench/bench.py against nginx and the
# emulator on 127.0.0.1 (server on CPU 1, clients on CPU 0) and prints bench/report.py's table.
# Needs `make lib emulator` first (the Makefile's bench target does that).
# Environment: BENCH_ROUNDS (5), BENCH_SECONDS per client run (1.2), BENCH_TARGETS (nginx,nginx-tls,emulator),
#              BENCH_ONLY (comma-separated client keys), BENCH_OUT (build/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${BENCH_ROUNDS:-5}
seconds=${BENCH_SECONDS:-1.2}
targets=${BENCH_TARGETS:-nginx,nginx-tls,emulator}
out=${BENCH_OUT:-build/bench}
library=build/lib/libauthlete.so.0
emulator=.build/release/authlete-emulator
[ -e "$library" ] && [ -x "$emulator" ] || { echo "run 'make lib emulator' first" >&2; exit 1; }

scripts/ensure-deps.sh nginx-light libcurl4-openssl-dev libcjson-dev pkg-config valgrind openssl

# The C clients, strict and optimised like a release build of a host would be.
mkdir -p "$out/bin"
strict=(-std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -g)
export PKG_CONFIG_PATH="$PWD/build/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
# shellcheck disable=SC2046  # pkg-config's flags are meant to split
cc "${strict[@]}" $(pkg-config --cflags authlete) -o "$out/bin/bench-libauthlete" bench/clients/host.c \
  bench/clients/driver.c $(pkg-config --libs authlete) -Wl,-rpath,"$(pkg-config --variable=libdir authlete)" -lpthread
# shellcheck disable=SC2046
cc "${strict[@]}" $(pkg-config --cflags libcurl libcjson) -o "$out/bin/bench-raw-libcurl" bench/clients/raw.c \
  bench/clients/driver.c $(pkg-config --libs libcurl libcjson) -lpthread

# Authlete's own SDK and requests, in a virtualenv of their own (pip talks to the package index only).
venv="$out/venv"
if ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("authlete") == "1.3.0"' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check authlete==1.3.0
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
results="$out/results-$stamp.json"
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) (another job on this machine makes figures noisy)" >&2
python3 bench/bench.py --host "$out/bin/bench-libauthlete" --raw "$out/bin/bench-raw-libcurl" \
  --python "$venv/bin/python" --emulator "$emulator" --library "$(readlink -f "$library")" \
  --rounds "$rounds" --seconds "$seconds" --targets "$targets" ${BENCH_ONLY:+--only "$BENCH_ONLY"} --out "$results"
python3 bench/report.py "$results" | tee "$out/report-$stamp.md"
ln -sf "report-$stamp.md" "$out/report.md"
ln -sf "results-$stamp.json" "$out/results.json"
