#!/usr/bin/env bash
# A reproducible tarball of STAGE/NAME: SHA256SUMS of every file inside, names sorted, every mtime
# SOURCE_DATE_EPOCH, owner and group 0, modes without group/other write, gzip without name or time.
# usage: tarball.sh STAGE NAME OUT.tar.gz
set -euo pipefail
umask 022
stage=$(realpath "$1") name=$2 out=$(realpath -m "$3")
: "${SOURCE_DATE_EPOCH:?}"
cd "$stage/$name"
rm -f SHA256SUMS
find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum > ../SHA256SUMS.tmp
mv ../SHA256SUMS.tmp SHA256SUMS
cd "$stage"
find "$name" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
mkdir -p "$(dirname "$out")"
tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner --mode=go-w --mtime="@$SOURCE_DATE_EPOCH" \
  -cf - "$name" | gzip -9n > "$out.tmp"
mv "$out.tmp" "$out"
