#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Extract, once, the kernel's own test and lint tools from the linux-source
# tarball into .cache/kselftest/, keeping the kernel tree's layout:
#
#   tools/testing/selftests/kselftest/     runner.sh, ktap_helpers.sh, prefix.pl
#   tools/testing/selftests/kselftest{,_harness}.h
#   tools/testing/selftests/net/lib.sh, net/lib/
#   scripts/checkpatch.pl, spelling.txt, const_structs.checkpatch
#   scripts/extract-vmlinux                (used by tools/nvswitch-vm)
#   tools/net/ynl/, Documentation/netlink/ (the ynl CLI and the schemas it
#                                           validates specs against)
#
# Decompressing the tarball takes about 15 s, so this runs only when the
# tarball is newer than the last extraction.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.12.tar.xz
dest=$src/.cache/kselftest
stamp=$dest/.extracted

[ -r "$tarball" ] || "$src/scripts/install-deps.sh"
[ -r "$tarball" ] || {
	echo "fetch-kselftest: $tarball is missing (package linux-source-6.12)" >&2
	exit 1
}
if [ -e "$stamp" ] && [ "$stamp" -nt "$tarball" ]; then
	exit 0
fi

top=linux-source-6.12
paths=(
	"$top/tools/testing/selftests/kselftest/*"
	"$top/tools/testing/selftests/kselftest.h"
	"$top/tools/testing/selftests/kselftest_harness.h"
	"$top/tools/testing/selftests/net/lib.sh"
	"$top/tools/testing/selftests/net/lib/*"
	"$top/scripts/checkpatch.pl"
	"$top/scripts/spelling.txt"
	"$top/scripts/const_structs.checkpatch"
	"$top/scripts/extract-vmlinux"
	"$top/tools/net/ynl/*"
	"$top/Documentation/netlink/*"
)

echo "fetch-kselftest: extracting the kernel's selftest and lint tools into $dest (once)" >&2
mkdir -p "$src/.cache"
tmp=$(mktemp -d "$src/.cache/.kselftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tar -xJf "$tarball" -C "$tmp" --strip-components=1 --wildcards "${paths[@]}"
rm -rf "$dest"
mv "$tmp" "$dest"
trap - EXIT
touch "$stamp"
