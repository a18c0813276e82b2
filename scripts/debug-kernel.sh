#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debug-kernel.sh: builds, once, the debug kernel that `make check-debug`
# and `tools/nvswitch-vm --kernel debug` boot: Debian's linux-source-6.12
# with KASAN, lockdep, kmemleak and the rest of scripts/debug-kernel.config,
# and prints the folder that holds it.
#
# The build takes about 10 minutes on two cores (7 with nothing else
# running), so it is kept outside the checkout, where every clone on the
# machine finds it:
#   ${NVSWITCH_CACHE_DIR:-${XDG_CACHE_HOME:-~/.cache}/nvswitch}/debug-kernel/KEY/
# KEY names the source package version and a hash of the config fragment
# and of the recipe below (bump recipe when changing how the kernel is
# built), so a change to either builds a new kernel rather than reusing a
# stale one.  The folder holds:
#   release            the kernel release (uname -r), which carries KEY's hash
#   root/boot/vmlinuz-RELEASE
#   root/lib/modules/RELEASE/   modules_install's tree, depmod run; its
#                      build link is the build tree below, for M= builds
#   build/             the O= build tree (make modules_prepare and more)
#   build.log, build-time.txt   the log and what the build cost
# See Documentation/reliability.rst.
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
fragment=$src/scripts/debug-kernel.config
tarball=/usr/src/linux-source-6.12.tar.xz

die() {
	echo "debug-kernel: $*" >&2
	exit 1
}

# Only this path needs libelf (objtool) and time; plain make check does not
# pay for them.
"$src/scripts/install-deps.sh" libelf-dev libssl-dev time ||
	die "installing the build dependencies failed"
[ -r "$tarball" ] || die "$tarball is missing (package linux-source-6.12)"

recipe=1
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
hash=$( (cat "$fragment" && echo "recipe $recipe") | sha256sum | cut -c1-8)
key=6.12-$(echo "$srcver" | tr -c 'A-Za-z0-9.\n' '-')-$hash
root=${NVSWITCH_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/nvswitch}/debug-kernel
dir=$root/$key
# The release names the build: an M= module built for one debug kernel is
# never taken for another's.
localversion=-nvsw-debug-$hash
mkdir -p "$root"

# Two runs (two checkouts, two engineers) build it once between them.
exec {lockfd}>"$dir.lock"
if ! flock -n "$lockfd"; then
	echo "debug-kernel: another run is building $dir; waiting" >&2
	flock "$lockfd"
fi
if [ -e "$dir/.done" ]; then
	echo "$dir"
	exit 0
fi

rm -rf "$dir"
mkdir -p "$dir"
log=$dir/build.log
echo "debug-kernel: building the debug kernel in $dir (log: $log)" >&2
echo "debug-kernel: about 10 minutes on two cores, once per machine" >&2

kmake() {
	nice -n 19 make -C "$dir/src" O="$dir/build" LOCALVERSION="$localversion" "$@"
}

build() {
	tar -xJf "$tarball" -C "$dir"
	mv "$dir/linux-source-6.12" "$dir/src"
	mkdir -p "$dir/build"
	# allnoconfig with the fragment on top: what the fragment does not ask
	# for is off.
	kmake KCONFIG_ALLCONFIG="$fragment" allnoconfig
	# Kconfig drops a request whose dependencies are not met without a
	# word: check that every line of the fragment made it.
	local line sym want got bad=0
	while IFS= read -r line; do
		sym=${line%%=*}
		want=${line#*=}
		got=$(grep -E "^$sym=" "$dir/build/.config" || true)
		if [ "$want" = n ]; then
			[ -z "$got" ] && continue
		else
			[ "$got" = "$line" ] && continue
		fi
		echo "debug-kernel: $line did not take (got '${got:-unset}')" >&2
		bad=1
	done < <(grep -E '^CONFIG_' "$fragment")
	[ "$bad" = 0 ] || return 1
	/usr/bin/time -f '%e s wall, %U s user, %S s sys' -o "$dir/build-time.txt" \
		nice -n 19 make -C "$dir/src" O="$dir/build" LOCALVERSION="$localversion" \
		-j"$(nproc)" bzImage modules
	kmake INSTALL_MOD_PATH="$dir/root" modules_install
	local rel
	rel=$(kmake -s kernelrelease)
	install -D -m 0644 "$dir/build/arch/x86/boot/bzImage" "$dir/root/boot/vmlinuz-$rel"
	# modules_install points build at the build tree already; say it
	# plainly in case a version does not.
	ln -sfn "$dir/build" "$dir/root/lib/modules/$rel/build"
	echo "$rel" >"$dir/release"
}

if ! build >"$log" 2>&1; then
	tail -n 30 "$log" >&2
	die "the debug kernel did not build (log: $log)"
fi
touch "$dir/.done"
echo "debug-kernel: built $(cat "$dir/release") in $(cat "$dir/build-time.txt")" >&2
echo "$dir"
