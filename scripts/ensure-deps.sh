#!/usr/bin/env bash
# Makes sure the Debian packages the project needs are present: installs them when run as root, else prints the
# exact command and fails. Usage: scripts/ensure-deps.sh [package...] (default: what building the library needs).
set -euo pipefail
packages=("$@")
[ ${#packages[@]} -gt 0 ] || packages=(libcurl4-openssl-dev libcjson-dev pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "installing ${missing[*]}" >&2
  stamp=/tmp/.libauthlete-apt-updated
  [ -e "$stamp" ] || { apt-get update -qq >&2 && touch "$stamp"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "missing Debian packages; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
