#!/usr/bin/env bash
# make test-packaging: the artifact tests, then the shipped emulator's start-up figures. The tests install the
# Debian packages; they are purged on any exit (the tests' fixture does it too).
set -euo pipefail
cd "$(dirname "$0")/../.."
trap 'python3 Tests/packaging/debs.py purge' EXIT
start=$(date +%s)
python3 -m pytest -q -p no:cacheprovider Tests/packaging "$@"
python3 Tests/packaging/startup.py build/dist/libauthlete-*-linux-x86_64.tar.gz 20
echo "test-packaging: $(( $(date +%s) - start )) s"
