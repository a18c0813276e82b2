#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# deb-build.sh OUTDIR: build the Debian packages nvswitch-dkms and
# nvswitch-tools from a clean copy of this tree (the files git tracks or
# would track: nothing built, nothing ignored) and check them with lintian.
# The .deb files, the .changes and lintian.txt land in OUTDIR.  Fails when
# the build fails or lintian reports an error; warnings are printed.
set -euo pipefail

out=${1:?usage: deb-build.sh OUTDIR}
src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
version=$(cat "$src/VERSION")

mkdir -p "$out"
out=$(cd "$out" && pwd -P)
rm -rf "$out/build"
rm -f "$out"/nvswitch*.deb "$out"/nvswitch*.changes "$out"/nvswitch*.buildinfo "$out/lintian.txt"
tree=$out/build/nvswitch-$version
mkdir -p "$tree"
# A tracked file deleted in the work tree is simply not there.
(cd "$src" && git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do
		[ ! -e "$f" ] || cp --parents -P --preserve=mode "$f" "$tree"
	done)

echo "deb-build: dpkg-buildpackage -us -uc -b in $tree"
(cd "$tree" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "deb-build: dpkg-buildpackage failed (log: $out/build.log)" >&2
	exit 1
}
mv "$out"/build/nvswitch*.deb "$out"/build/nvswitch*.changes "$out"/build/nvswitch*.buildinfo "$out/"

# Lintian as Debian's tools run it: every tag above pedantic, on the
# packages and the changes file.
changes=$(ls "$out"/nvswitch_"${version}"_*.changes)
lintian --info --display-info --tag-display-limit 0 "$changes" >"$out/lintian.txt" 2>&1 || true
for deb in "$out"/nvswitch*.deb; do
	printf 'deb-build: %s, %s bytes\n' "${deb##*/}" "$(stat -c %s "$deb")"
done
if grep -q '^E: ' "$out/lintian.txt"; then
	grep -E '^[EW]: ' "$out/lintian.txt" >&2
	echo "deb-build: lintian reports errors ($out/lintian.txt)" >&2
	exit 1
fi
if grep -qE '^[WI]: ' "$out/lintian.txt"; then
	echo "deb-build: lintian's warnings and notes:"
	grep -E '^[WI]: ' "$out/lintian.txt" | sed 's/^/  /'
fi
echo "deb-build: OK, packages in $out"
