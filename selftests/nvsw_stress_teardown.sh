#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stress (make stress, Documentation/reliability.rst): a switch torn down
# while traffic crosses it, NVSWITCH_STRESS_ROUNDS times (default 50) each
# way:
#
#   - ip link del sw0            (the operator deletes the switch)
#   - ip netns del hv1           (the container holding it goes away)
#   - modprobe -r nvswitch       (the module goes, switches and all)
#
# Each round builds hypervisor hv1 from nothing, its VM red1 (10.0.0.1)
# talking to red2 (10.0.0.2) on hv2 in VSID 5001, starts pings both ways
# every 10 ms and, once they are answered, tears down.  After each round:
# what was torn down is gone and its ports are free, hv2 holds its one
# switch (made again after the module came back) and nothing else holds
# one once hv1 is deleted, and the kernel log is clean.  After all rounds, a new
# pair of switches delivers, the module unloads and kmemleak (where the
# kernel has it) finds nothing (nvsw_finish).
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

ROUNDS=${NVSWITCH_STRESS_ROUNDS:-50}

nvsw_begin 4

# Built once: the underlay, hv2 with red2 (10.0.0.2), and red1's namespace.
underlay_create
ns_create hv2
underlay_attach hv2 192.0.2.2
ns_create red2
nq hv2 ip link add p-red2 type veth peer name eth0 netns "$(ns red2)"
nq red2 ip link set eth0 address 02:00:00:00:50:02
nq red2 ip addr add 10.0.0.2/24 dev eth0
nq red2 ip link set eth0 up
nq hv2 ip link set p-red2 up
ns_create red1

# switch_up HV PA PORT: HV's sw0 with PA, PORT in VSID 5001 and the two
# VMs' records.
switch_up() {
	ctl "$1" switch add sw0
	nq "$1" ip link set sw0 up
	ctl "$1" -b - <<-EOF
	pa add sw0 $2
	port add sw0 dev $3 vsid 5001
	record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1
	record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2
	EOF
}

# switch_hv2: hv2's switch (again after the module came back).
switch_hv2() {
	switch_up hv2 192.0.2.2 p-red2
}
switch_hv2

# build: hv1 from nothing with red1 (10.0.0.1) on its switch, and pings
# both ways every 10 ms, answered.
build() {
	ns_create hv1
	underlay_attach hv1 192.0.2.1
	nq red1 ip link add eth0 address 02:00:00:00:50:01 type veth peer name p-red1 \
		netns "$(ns hv1)"
	nq red1 ip addr add 10.0.0.1/24 dev eth0
	nq red1 ip link set eth0 up
	nq hv1 ip link set p-red1 up
	switch_up hv1 192.0.2.1 p-red1
	slowwait 20 ping_ok red1 10.0.0.2 1
	nq red1 ping -q -i 0.01 10.0.0.2 >/dev/null 2>&1 &
	nq red2 ping -q -i 0.01 10.0.0.1 >/dev/null 2>&1 &
	# Traffic crosses hv1's switch both ways right now.
	local rx tx
	rx=$(counter hv1 rx_packets) tx=$(counter hv1 tx_packets)
	slowwait 10 eval "((\$(counter hv1 rx_packets) > $rx + 5 && \$(counter hv1 tx_packets) > $tx + 5))"
}

# teardown_hv1: the pings stopped and hv1 deleted (if it is still there);
# then red1's end is gone, hv2 holds its one switch, nothing else holds
# one, and the kernel log is clean.
teardown_hv1() {
	local name
	for name in red1 red2; do
		ip netns pids "$(ns $name)" | xargs -r kill 2>/dev/null || true
	done
	wait 2>/dev/null || true
	ip netns del "$(ns hv1)" 2>/dev/null || true
	# The namespace's devices go in the background (cleanup_net).
	slowwait 30 eval "! nq red1 ip link show eth0 >/dev/null 2>&1"
	check_eq "switches on hv2" "$(nq hv2 ip -o link show type nvswitch | cut -d' ' -f2)" "sw0:"
	check_eq "switches in the initial netns" "$(ip -o link show type nvswitch)" ""
	check_kernel_log_quick
}

# The kernel log since the test began, without a kmemleak scan (slow): the
# scan runs once, at the end.
check_kernel_log_quick() {
	local bad
	bad=$(kernel_log_since_mark |
		grep -iE 'WARNING:|BUG:|BUG |refcount_t|general protection|KASAN|UBSAN|Oops|Call Trace|kernel BUG|unregister_netdevice: waiting|rcu.*stall|blocked for more than|list_(add|del) corruption' |
		grep -viE 'module verification failed|taints kernel' || true)
	[ -z "$bad" ] || { sed 's/^/# kernel: /' <<<"$bad" | head -40; return 1; }
}

# gone NAME DEV: no DEV in namespace NAME.
gone() {
	if nq "$1" ip link show "$2" >/dev/null 2>&1; then
		echo "# $2 still in $1"
		return 1
	fi
}

# rounds HOW: ROUNDS rounds of build, tear down HOW, check.
rounds() {
	local how=$1 i start=$SECONDS
	trap 'echo "# stopped in round $i of $how"' ERR
	for ((i = 1; i <= ROUNDS; i++)); do
		build
		case $how in
		link)
			nq hv1 ip link del sw0
			gone hv1 sw0
			# Its port is an ordinary veth again.
			nq hv1 ip -o link show p-red1 | grep -vq master
			;;
		netns)
			ip netns del "$(ns hv1)"
			;;
		module)
			timeout 60 modprobe -r nvswitch || {
				echo "# round $i: modprobe -r nvswitch failed: $(cat /sys/module/nvswitch/refcnt 2>/dev/null) references"
				return 1
			}
			[ ! -d /sys/module/nvswitch ]
			gone hv2 sw0
			gone hv1 sw0
			nq hv1 ip -o link show p-red1 | grep -vq master
			modprobe nvswitch
			switch_hv2
			;;
		esac
		teardown_hv1
	done
	echo "# $ROUNDS rounds in $((SECONDS - start)) s"
}

run_test "$ROUNDS rounds: ip link del sw0 under traffic" rounds link
run_test "$ROUNDS rounds: ip netns del of the switch's namespace under traffic" rounds netns
run_test "$ROUNDS rounds: modprobe -r nvswitch under traffic" rounds module

delivery_after() {
	build
	ping_all red1 10.0.0.2 5
	teardown_hv1
}
run_test "afterwards, two new switches deliver" delivery_after

nvsw_finish
