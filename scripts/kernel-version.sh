#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kernel-version.sh SERIES: print the Debian kernel version string (the
# /lib/modules directory name, e.g. 6.1.0-56-amd64) of a supported series
# (6.1 or 6.12).
#
# The ABI number moves whenever Debian updates the kernel, so it is resolved
# from the meta package rather than written down anywhere.  Without apt lists
# (a machine where install-deps.sh never ran) fall back to the newest headers
# installed for that series.
set -euo pipefail

series=${1:?usage: kernel-version.sh 6.1|6.12}
case $series in
6.1) meta=linux-image-amd64 ;;
6.12) meta=linux-image-6.12-amd64 ;;
*)
	echo "kernel-version.sh: unsupported kernel series '$series' (want 6.1 or 6.12)" >&2
	exit 2
	;;
esac

# apt-cache takes over a second here (no binary package cache), so remember
# the answer until the apt lists change.
memo="$(cd "$(dirname "$0")/.." && pwd)/.cache/kernels/version-$series"
if [ -s "$memo" ] && [ "$memo" -nt /var/lib/apt/lists ]; then
	cat "$memo"
	exit 0
fi

# "Depends: linux-image-6.1.0-56-amd64" -> 6.1.0-56-amd64
kver=$(apt-cache depends "$meta" 2>/dev/null |
	awk -v pfx="linux-image-$series." '$1 == "Depends:" && index($2, pfx) == 1 {
		sub(/^linux-image-/, "", $2); print $2; exit }')

if [ -z "$kver" ]; then
	# Not remembered: the lists may appear later.
	memo=
	kver=$(find /lib/modules -mindepth 1 -maxdepth 1 -name "$series.*-amd64" \
		-exec test -e '{}/build' ';' -printf '%f\n' 2>/dev/null | sort -V | tail -n1)
fi
if [ -z "$kver" ]; then
	echo "kernel-version.sh: cannot resolve the Debian $series kernel (run scripts/install-deps.sh)" >&2
	exit 1
fi
if [ -n "$memo" ]; then
	mkdir -p "${memo%/*}"
	echo "$kver" >"$memo.$$" && mv "$memo.$$" "$memo"
fi
echo "$kver"
