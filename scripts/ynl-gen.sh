#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Renders, from the netlink spec, the files it is the single source of:
#   include/uapi/linux/nvswitch.h   the uapi header
#   kmod/netlink-gen.c, .h          the kernel's policy and op table
# with the kernel's own generator (tools/net/ynl/ynl-gen-c.py, from the
# linux-source-6.12 package, extracted by scripts/fetch-kselftest.sh).
#
#   ynl-gen.sh DIR    writes them under DIR, in the tree's layout
#
# The generator looks for the kernel tree (a MAINTAINERS file) above the
# spec to name it in the "do not edit" banner, and for the schema next to
# specs/: it runs on a copy laid out that way, so the banner names
# Documentation/netlink/specs/nvswitch.yaml.
set -euo pipefail

src=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: ynl-gen.sh DIR}
ynl=$src/.cache/kselftest/tools/net/ynl/ynl-gen-c.py
schema=$src/.cache/kselftest/Documentation/netlink/genetlink-legacy.yaml
spec=Documentation/netlink/specs/nvswitch.yaml

if [ ! -f "$ynl" ] || [ ! -f "$schema" ]; then
	"$src/scripts/fetch-kselftest.sh"
fi

tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree/Documentation/netlink/specs"
: >"$tree/MAINTAINERS"
cp "$schema" "$tree/Documentation/netlink/"
cp "$src/$spec" "$tree/$spec"

mkdir -p "$out/include/uapi/linux" "$out/kmod"
gen() {
	(cd "$tree" && python3 "$ynl" --spec "$spec" "$@")
}
gen --mode uapi --header -o "$tree/nvswitch.h"
gen --mode kernel --header -o "$tree/netlink-gen.h"
gen --mode kernel --source -o "$tree/netlink-gen.c"
cp "$tree/nvswitch.h" "$out/include/uapi/linux/nvswitch.h"
cp "$tree/netlink-gen.h" "$tree/netlink-gen.c" "$out/kmod/"
