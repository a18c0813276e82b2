#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Debian packages as a host gets them: the module DKMS built from
# nvswitch-dkms loads, says the package's version, and nvswitchctl from
# nvswitch-tools drives it through a switch's whole life.  Skips unless the
# nvswitch that modprobe finds is DKMS's and nvswitchctl is installed:
# make deb-check installs the packages and boots the VM with
# `tools/nvswitch-vm --module dkms` (Documentation/packaging.rst).
set -e
# The package's nvswitchctl, not the checkout's that the VM puts first.
PATH=/usr/sbin:$PATH
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ko=$(modinfo -n nvswitch 2>/dev/null || true)
if [[ $ko != "/lib/modules/$(uname -r)/updates/dkms/nvswitch.ko"* ]] ||
	[ ! -x /usr/sbin/nvswitchctl ]; then
	ktap_print_header
	ktap_skip_all "the packaged module and nvswitchctl are not installed (modprobe finds '${ko:-nothing}')"
	exit "$ksft_skip"
fi
version=$(dpkg-query -W -f='${Version}' nvswitch-dkms)

nvsw_begin 3

the_dkms_module_is_loaded() {
	check_eq "module file" "$(modinfo -n nvswitch)" "$ko"
	check_eq "version of the module file" "$(modinfo -F version nvswitch)" "$version"
	check_eq "version of the loaded module" "$(cat /sys/module/nvswitch/version)" "$version"
	echo "# $ko, signer: $(modinfo -F signer nvswitch || true)"
}

nvswitchctl_is_the_package_one() {
	check_eq "nvswitchctl" "$(command -v nvswitchctl)" /usr/sbin/nvswitchctl
	dpkg-query -S /usr/sbin/nvswitchctl | grep -q '^nvswitch-tools:'
	check_eq "nvswitchctl --version" "$(nvswitchctl --version | cut -d' ' -f1-2)" "nvswitchctl $version"
}

a_switch_lives_and_dies() {
	ns_create h
	ctl h switch add sw0
	n h ip link add p0 type veth peer name v0
	n h ip addr add 192.0.2.1/24 dev v0
	ctl h pa add sw0 192.0.2.1
	ctl h port add sw0 dev p0 vsid 5001
	ctl h record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2
	ctl h switch show
	ctl h record show sw0
	check_eq "switches" "$(ctl h -j switch show | json_len)" 1
	check_eq "PAs" "$(ctl h -j pa show sw0 | tr -d ' \n')" '["192.0.2.1"]'
	check_eq "ports" "$(ctl h -j port show sw0 | json_get vsid)" 5001
	check_eq "record's PA" "$(ctl h -j record show sw0 vsid 5001 | json_get pa)" 192.0.2.2
	ctl h switch del sw0
	check_eq "switches after del" "$(ctl h -j switch show | json_len)" 0
	! n h ip link show sw0 2>/dev/null
}

run_test "modprobe loads DKMS's nvswitch.ko, version $version" the_dkms_module_is_loaded
run_test "nvswitchctl is nvswitch-tools' /usr/sbin/nvswitchctl" nvswitchctl_is_the_package_one
run_test "switch, PA, port and record added, shown, switch deleted" a_switch_lives_and_dies

nvsw_finish
