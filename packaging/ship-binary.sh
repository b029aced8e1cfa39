#!/usr/bin/env bash
# Makes built ELF files fit to ship: symbols not needed at run time stripped (as Debian's dh_strip does), and no
# RUNPATH (the build's $ORIGIN means nothing on a user's machine; the Swift runtime is linked in statically).
# usage: ship-binary.sh FILE...
set -euo pipefail
for file in "$@"; do
  strip --strip-unneeded --remove-section=.comment --remove-section=.note "$file"
  patchelf --remove-rpath "$file"
  if readelf -d "$file" | grep -Eq '\((RUNPATH|RPATH)\)'; then
    echo "$file still has a RUNPATH" >&2
    exit 1
  fi
done
