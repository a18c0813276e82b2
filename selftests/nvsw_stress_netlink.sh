#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stress (make stress, Documentation/reliability.rst): the netlink API
# against random and mutated requests, and against allocation failures.
#
#   namespace "fz": veths fp0 and fp1 (ports to be); nvsw_fuzz_netlink
#   creates the switch sw0 itself and sends, from a seed:
#     - NVSWITCH_STRESS_NETLINK requests (default 100000) over every
#       command of the family and the nvswitch link kind;
#     - every request of its scenario once per allocation it makes, that
#       allocation failing (fail_nth; the debug kernel only).
#
# Then: the namespace deletes, a fresh pair of hypervisors delivers, the
# module unloads and the kernel log is clean (nvsw_finish).
#
# NVSWITCH_STRESS_SEED picks the seed (default: the time); the seed is
# printed, and the same seed sends the same requests again.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

FUZZ=$NVSW_SELFTESTS/nvsw_fuzz_netlink
COUNT=${NVSWITCH_STRESS_NETLINK:-100000}
SEED=${NVSWITCH_STRESS_SEED:-$(date +%s)}

if [ ! -x "$FUZZ" ]; then
	ktap_print_header
	ktap_skip_all "nvsw_fuzz_netlink missing: build it with make -C selftests"
	exit "$ksft_skip"
fi
nvsw_begin 3

ns_create fz
nq fz ip link add fp0 type veth peer name fp0p
nq fz ip link add fp1 type veth peer name fp1p
for dev in fp0 fp0p fp1 fp1p; do
	nq fz ip link set "$dev" up
done

fuzz_requests() {
	echo "# seed $SEED (NVSWITCH_STRESS_SEED=$SEED repeats this run)"
	nq fz timeout 3000 "$FUZZ" fuzz "$SEED" "$COUNT"
	# Where the VM's CPU went meanwhile.
	ps -eo comm,time --sort=-time | head -n 6 | sed 's/^/# cpu: /'
}
run_test "$COUNT random and mutated requests, the kernel answers each" fuzz_requests

fail_each_allocation() {
	local rc=0
	# ip netns exec mounts the namespace's own /sys, without debugfs and
	# its failslab knobs: mounted again in that exec's mount namespace.
	nq fz sh -c 'mountpoint -q /sys/kernel/debug ||
		mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
		exec timeout 3000 "$0" failnth' "$FUZZ" || rc=$?
	return $rc
}
run_test "every request of the scenario with each allocation failing once (fail_nth)" \
	fail_each_allocation

# What fuzzing left behind goes with the namespace; the switches of a new
# one forward.
delivery_after() {
	ns_del fz
	underlay_create
	hv_create hv1 192.0.2.1
	hv_create hv2 192.0.2.2
	vm_create hv1 red1 5001 10.0.0.1 02:00:00:00:50:01
	vm_create hv2 red2 5001 10.0.0.2 02:00:00:00:50:02
	records_push
	ping_all red1 10.0.0.2 5
}
run_test "afterwards, two new switches deliver" delivery_after

nvsw_finish
