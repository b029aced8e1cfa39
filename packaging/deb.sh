#!/usr/bin/env bash
# make deb: the binary packages libauthlete0, libauthlete-dev and authlete-emulator for Debian 12, from a tree that
# `make stage` laid out with PREFIX=/usr. Debian has no Swift, so there is no source package: a debian/ folder is
# made here only for dpkg-shlibdeps (Depends from the ELF files) and dpkg-gencontrol (the control files).
# usage: deb.sh VERSION STAGE OUTDIR
set -euo pipefail
umask 022
version=$1
stage=$(realpath "$2")
out=$(realpath -m "$3")
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
: "${SOURCE_DATE_EPOCH:?}"
debversion=$version-1
multiarch=x86_64-linux-gnu
libdir=usr/lib/$multiarch
work=$out/work
rm -rf "$work" "$out"/*.deb
mkdir -p "$work/debian"
cd "$work"
cp "$here/debian/control" debian/control
sed -e "s/@DEBVERSION@/$debversion/" -e "s/@VERSION@/$version/" \
    -e "s/@DATE@/$(LC_ALL=C date -u -R -d "@$SOURCE_DATE_EPOCH")/" "$here/debian/changelog.in" > debian/changelog

# put PACKAGE MODE SOURCE DEST: one file into a package's tree.
put() { install -D -m "$2" "$3" "debian/$1/$4"; }

# Every package: copyright, changelog, the notices of what the binaries embed, lintian's explained overrides.
docs() {
  local package=$1
  put "$package" 0644 "$here/debian/copyright" "usr/share/doc/$package/copyright"
  put "$package" 0644 "$root/THIRD_PARTY_NOTICES.md" "usr/share/doc/$package/THIRD_PARTY_NOTICES.md"
  gzip -9n < debian/changelog > debian/changelog.gz
  put "$package" 0644 debian/changelog.gz "usr/share/doc/$package/changelog.Debian.gz"
  if [ -f "$here/debian/$package.lintian-overrides" ]; then
    put "$package" 0644 "$here/debian/$package.lintian-overrides" "usr/share/lintian/overrides/$package"
  fi
}

# libauthlete0: the .so and its SONAME link; shlibs and symbols (from the version script) for dependants.
package=libauthlete0
put $package 0644 "$stage/$libdir/libauthlete.so.$version" "$libdir/libauthlete.so.$version"
ln -s "libauthlete.so.$version" "debian/$package/$libdir/libauthlete.so.0"
docs $package
mkdir -p "debian/$package/DEBIAN"
echo "libauthlete 0 libauthlete0 (>= $version)" > "debian/$package/DEBIAN/shlibs"
python3 "$here/symbols.py" "$root/Sources/Authlete/exports.map" $package > "debian/$package/DEBIAN/symbols"
echo "activate-noawait ldconfig" > "debian/$package/DEBIAN/triggers"
dpkg-shlibdeps -Tdebian/$package.substvars "debian/$package/$libdir/libauthlete.so.$version"

# libauthlete-dev: headers, authlete.pc, the link-time symlink.
package=libauthlete-dev
mkdir -p "debian/$package/$libdir"
ln -s libauthlete.so.0 "debian/$package/$libdir/libauthlete.so"
put $package 0644 "$stage/$libdir/pkgconfig/authlete.pc" "$libdir/pkgconfig/authlete.pc"
put $package 0644 "$stage/usr/include/authlete.h" usr/include/authlete.h
for header in "$stage"/usr/include/authlete/*.h; do
  put $package 0644 "$header" "usr/include/authlete/$(basename "$header")"
done
docs $package
: > debian/$package.substvars

# authlete-emulator: the binary and a manual page made from its --help.
package=authlete-emulator
put $package 0755 "$stage/usr/bin/authlete-emulator" usr/bin/authlete-emulator
help2man --no-info --version-string="$version" \
  --name="local emulator of Authlete's CIBA API family, for tests and offline CI" \
  "debian/$package/usr/bin/authlete-emulator" | gzip -9n > debian/authlete-emulator.1.gz
put $package 0644 debian/authlete-emulator.1.gz usr/share/man/man1/authlete-emulator.1.gz
docs $package
dpkg-shlibdeps -Tdebian/$package.substvars "debian/$package/usr/bin/authlete-emulator"

# gzip: xz takes minutes on the 70 MB emulator.
for package in libauthlete0 libauthlete-dev authlete-emulator; do
  echo "misc:Depends=" >> debian/$package.substvars
  mkdir -p "debian/$package/DEBIAN"
  dpkg-gencontrol -p$package -Pdebian/$package -Tdebian/$package.substvars -v"$debversion"
  (cd "debian/$package" && find usr -type f | LC_ALL=C sort | xargs -d '\n' md5sum > DEBIAN/md5sums)
  find "debian/$package" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  dpkg-deb --root-owner-group -Zgzip -z9 --build "debian/$package" "$out/${package}_${debversion}_amd64.deb" >/dev/null
  echo "$out/${package}_${debversion}_amd64.deb"
done
