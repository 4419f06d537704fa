#!/bin/sh
# mkdeb.sh (make deb): builds build/kpi_<version>_<arch>.deb with dpkg-deb,
# offline, from the kpi.so that make just built. The package installs:
#   /usr/lib/<multiarch>/kpi.so   a default directory of the dynamic loader,
#                                 so `.load kpi` finds it with no path and
#                                 no ld.so.cache entry (see Makefile)
#   /usr/share/kpi/               sql/ (schema, views, imports), examples/
#   /usr/share/doc/kpi/           README.md, docs/*.md
# Depends: the libc and zlib versions dpkg-shlibdeps reads off kpi.so when
# dpkg-dev is there (unversioned otherwise), and libsqlite3-0 >= 3.40, the
# SQLite kpi targets (SPEC: Debian 12's).
set -eu
cd "$(dirname "$0")/.."
version=$(cat VERSION)
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null ||
  ${CC:-cc} -print-multiarch)
maintainer=${DEB_MAINTAINER:-kpi maintainers <kpi@localhost>}
stage=build/deb/kpi_${version}_${arch}
out=build/kpi_${version}_${arch}.deb

rm -rf "$stage"
make -s install DESTDIR="$PWD/$stage" PREFIX=/usr \
  LIBDIR="/usr/lib/$multiarch" LIBLINK=

libs="libc6, zlib1g"
if command -v dpkg-shlibdeps >/dev/null 2>&1; then
  # dpkg-shlibdeps wants a debian/control beside it: give it a minimal one.
  work=build/deb/shlibdeps
  rm -rf "$work"
  mkdir -p "$work/debian"
  printf 'Source: kpi\n\nPackage: kpi\nArchitecture: any\n' \
    >"$work/debian/control"
  # (its warning that kpi.so is not installed yet is expected here)
  deps=$(cd "$work" &&
    dpkg-shlibdeps -O "$OLDPWD/$stage/usr/lib/$multiarch/kpi.so" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p') || deps=
  [ -z "$deps" ] || libs=$deps
  rm -rf "$work"
fi

mkdir -p "$stage/DEBIAN"
size=$(du -sk "$stage/usr" | cut -f1)
cat >"$stage/DEBIAN/control" <<CONTROL
Package: kpi
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $libs, libsqlite3-0 (>= 3.40)
Section: database
Priority: optional
Description: social-media and support KPIs as a SQLite extension
 kpi adds marketing ratios, response and handling times, business hours,
 quantiles, A/B test readouts and a CSV reader for platform exports to
 SQLite, as SQL functions and virtual tables. After installing it,
 ".load kpi" in the sqlite3 shell (or load_extension('kpi') anywhere
 SQLite runs) loads it without a path. The SQL layer (canonical tables,
 import files, weekly views) is in /usr/share/kpi/sql.
CONTROL
dpkg-deb --root-owner-group --build "$stage" "$out" >/dev/null
echo "$out"
