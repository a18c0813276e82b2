#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host-side test of tools/nvswitch-vm's choice of accelerator (tools/vm/accel.sh):
# KVM when the device opens read-write, TCG otherwise, and what
# NVSWITCH_VM_ACCEL and NVSWITCH_VM_CLOCK change.  The machines this project
# is tested on have no /dev/kvm: stand-ins take its place.  Run by make check.
set -u

here=$(dirname "$(readlink -f "$0")")
# shellcheck source=tools/vm/accel.sh
source "$here/accel.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
usable=$tmp/kvm            # a file that opens read-write
: >"$usable"
missing=$tmp/none          # no such file
closed=$tmp/dir            # exists, but cannot be opened for writing
mkdir "$closed"

fails=0 n=0
# expect WANT CLOCK DEV RC OUTPUT [PROBE]: vm_accel's status and what it
# printed (tabs written as " | "); PROBE (default true) stands for QEMU
# running a guest under KVM.
expect() {
	local out rc
	n=$((n + 1))
	out=$(vm_accel "$1" "$2" "$3" "${6:-true}")
	rc=$?
	out=${out//$'\t'/ | }
	if [ "$rc" != "$4" ] || [ "$out" != "$5" ]; then
		echo "FAIL: vm_accel $1 $2 ${3#"$tmp"/} ${6:-true}: exit $rc, printed '$out'; want $4, '$5'"
		fails=$((fails + 1))
	fi
}

expect auto wall "$usable" 0 "kvm | $usable"
expect auto wall "$missing" 0 "tcg | no $missing"
expect auto wall "$closed" 0 "tcg | $closed does not open read-write"
expect kvm wall "$usable" 0 "kvm | $usable"
expect kvm wall "$missing" 1 "NVSWITCH_VM_ACCEL=kvm, but there is no $missing"
expect kvm wall "$closed" 1 "NVSWITCH_VM_ACCEL=kvm, but $closed does not open read-write"
expect auto wall "$usable" 0 "tcg | QEMU cannot run a guest on $usable" false
expect kvm wall "$usable" 1 "NVSWITCH_VM_ACCEL=kvm, but QEMU cannot run a guest on $usable" false
expect tcg wall "$usable" 0 "tcg | NVSWITCH_VM_ACCEL=tcg"
expect auto icount "$usable" 0 "tcg | NVSWITCH_VM_CLOCK=icount"
expect tcg icount "$usable" 0 "tcg | NVSWITCH_VM_CLOCK=icount"
expect kvm icount "$usable" 1 "NVSWITCH_VM_CLOCK=icount needs TCG, but NVSWITCH_VM_ACCEL=kvm"
expect fast wall "$usable" 1 "NVSWITCH_VM_ACCEL must be auto, kvm or tcg, not 'fast'"
# The probe's guest does exit as the probe expects: shown under TCG, which
# every host has.
n=$((n + 1))
vm_guest_runs tcg max || { echo "FAIL: the probe guest does not exit 3 under TCG"; fails=$((fails + 1)); }
# The check never creates the device it looks for.
[ ! -e "$missing" ] || { echo "FAIL: vm_accel created $missing"; fails=$((fails + 1)); }

echo "test_accel: $((n - fails)) of $n passed"
[ "$fails" = 0 ]
