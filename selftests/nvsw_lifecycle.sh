#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Switches are born and die in every way a user can make them: with ip and
# with nvswitchctl, in several namespaces at once, by deleting their
# namespace with ports inside, by deleting a port's device, and by unloading
# the module while switches still exist. Nothing may be left behind.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

nvsw_begin 8

switch_count() {
	nq "$1" ip -o link show type nvswitch | wc -l
}

has_gre() {
	nq "$1" ip link show nvsw_gre >/dev/null 2>&1
}

module_pulls_ip_gre() {
	[ -d /sys/module/nvswitch ]
	[ -d /sys/module/ip_gre ]
}

many_switches_many_netns() {
	local i
	for i in 1 2 3; do
		ns_create "t$i"
		n "t$i" ip link add sw0 type nvswitch
		ctl "t$i" switch add sw1
		ctl "t$i" switch add sw2 flowid zero
	done
	for i in 1 2 3; do
		check_eq "switches in t$i" "$(switch_count "t$i")" 3
		check_eq "switches listed in t$i" "$(ctl "t$i" -j switch show | json_len)" 3
		# One underlay device per netns, shared by its switches.
		check_eq "external gretap devices in t$i" "$(nq "t$i" ip -d -o link show type gretap | grep -c external)" 1
		has_gre "t$i"
	done
	ctl t1 -j switch show sw2 | grep -q '"flowid": *"zero"'
	ctl t1 -j switch show sw1 | grep -q '"flowid": *"hash"'
	# Deleting switches one by one: nvsw_gre goes with the last one only.
	n t1 ip link del sw0
	ctl t1 switch del sw1
	has_gre t1
	ctl t1 switch del sw2
	check_eq "switches in t1" "$(switch_count t1)" 0
	! has_gre t1
	# The others were not disturbed.
	check_eq "switches in t2" "$(switch_count t2)" 3
	# A switch comes back in a netns that had them all deleted.
	ctl t1 switch add sw0
	has_gre t1
}

netns_deletion_cleans_up() {
	local i
	for i in 1 2 3; do
		ns_create "d$i"
		ctl "d$i" switch add sw0
		n "d$i" ip link set sw0 up
		n "d$i" ip link add p0 type veth peer name v0
		n "d$i" ip link add p1 type veth peer name v1
		ctl "d$i" port add sw0 dev p0 vsid 5001
		ctl "d$i" port add sw0 dev p1 vsid 6001
		n "d$i" ip addr add "192.0.2.$i/24" dev v0
		ctl "d$i" pa add sw0 "192.0.2.$i"
		ctl "d$i" record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa "192.0.2.$i"
		ctl "d$i" record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.99
	done
	# A veth pair straddling two of them, one end a port in each.
	n d1 ip link add px type veth peer name py netns "$(ns d2)"
	ctl d1 port add sw0 dev px vsid 5001
	ctl d2 port add sw0 dev py vsid 5001
	for i in 1 2 3; do
		ns_del "d$i"
	done
	# Teardown of a netns is asynchronous; a leaked device reference shows
	# as "unregister_netdevice: waiting for ..." in the kernel log and as a
	# module that cannot unload (checked at the end).
	sleep 1
	for i in 1 2 3; do
		! ip netns list | grep -q "^$(ns "d$i")\b"
	done
}

port_detaches_with_its_device() {
	ns_create p
	ctl p switch add sw0
	n p ip link add p0 type veth peer name v0
	n p ip link add p1 type veth peer name v1
	ctl p port add sw0 dev p0 vsid 5001
	ctl p port add sw0 dev p1 vsid 5001
	n p ip -o link show p0 | grep -q 'master sw0'
	check_eq "ports" "$(ctl p -j port show sw0 | json_len)" 2
	# Deleting the peer deletes the pair.
	n p ip link del v0
	check_eq "ports after veth delete" "$(ctl p -j port show sw0 | json_len)" 1
	ctl p -j port show sw0 | grep -q '"dev": *"p1"'
	# Moving the device to another netns detaches it too.
	ns_create p2
	n p ip link set p1 netns "$(ns p2)"
	check_eq "ports after netns move" "$(ctl p -j port show sw0 | json_len)" 0
	! n p2 ip -o link show p1 | grep -q master
	# port del gives the device back, free to join again.
	n p ip link add p3 type veth peer name v3
	ctl p port add sw0 dev p3 vsid 5001
	ctl p port del sw0 dev p3
	! n p ip -o link show p3 | grep -q master
	ctl p port add sw0 dev p3 vsid 6001
	# Deleting the switch frees its ports.
	ctl p switch del sw0
	! n p ip -o link show p3 | grep -q master
	n p ip link set p3 up
}

rmmod_with_switches() {
	local i
	for i in 1 2; do
		ns_create "r$i"
		ctl "r$i" switch add sw0
		n "r$i" ip link add sw1 type nvswitch
		n "r$i" ip link set sw0 up
		n "r$i" ip link add p0 type veth peer name v0
		ctl "r$i" port add sw0 dev p0 vsid 5001
		ctl "r$i" record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1
	done
	timeout 60 modprobe -r nvswitch
	[ ! -d /sys/module/nvswitch ]
	for i in 1 2; do
		check_eq "switches in r$i after rmmod" "$(switch_count "r$i")" 0
		! has_gre "r$i"
		# The former port is an ordinary veth again.
		! n "r$i" ip -o link show p0 | grep -q master
		n "r$i" ip link show p0 >/dev/null
	done
	# So are the switches of the earlier subtests.
	check_eq "switches in t2 after rmmod" "$(switch_count t2)" 0
}

# The module loaded ip_gre and ip6_gre; unloading it leaves them, and the
# host's own tunnels, alone.  With ip_gre a link-time dependency,
# `modprobe -r nvswitch` removed ip_gre and every gretap with it.
user_tunnels_survive_unload() {
	modprobe nvswitch
	[ -d /sys/module/ip6_gre ]
	ns_create u
	n u ip link add ut type gretap local 192.0.2.9 remote 192.0.2.10 key 7
	ctl u switch add sw0
	has_gre u
	timeout 60 modprobe -r nvswitch
	[ ! -d /sys/module/nvswitch ]
	[ -d /sys/module/ip_gre ]
	[ -d /sys/module/ip6_gre ]
	n u ip link show ut >/dev/null
	! has_gre u
}

reload_works() {
	modprobe nvswitch
	ns_create again
	n again ip link add sw0 type nvswitch
	n again ip link add p0 type veth peer name v0
	ctl again port add sw0 dev p0 vsid 5001
	check_eq "ports" "$(ctl again -j port show sw0 | json_len)" 1
	n again ip link del sw0
	! has_gre again
}

the_kernel_rejects_netns_of_a_live_port() {
	# A port's device moved away is detached (above); a switch moved to
	# another netns must either refuse or take nothing stale with it.
	ns_create m1
	ns_create m2
	ctl m1 switch add sw0
	n m1 ip link add p0 type veth peer name v0
	ctl m1 port add sw0 dev p0 vsid 5001
	if n m1 ip link set sw0 netns "$(ns m2)" 2>/dev/null; then
		# Moved: it cannot keep a port in the old netns.
		check_eq "ports of the moved switch" "$(ctl m2 -j port show sw0 | json_len)" 0
		! n m1 ip -o link show p0 | grep -q master
	else
		n m1 ip -o link show p0 | grep -q 'master sw0'
	fi
}

run_test "modprobe loads nvswitch and pulls in ip_gre" module_pulls_ip_gre
run_test "switches via ip and nvswitchctl in three netns, one nvsw_gre each" many_switches_many_netns
run_test "deleting netns with switches, ports, PAs and records inside" netns_deletion_cleans_up
run_test "a port detaches when its device goes away or leaves the netns" port_detaches_with_its_device
run_test "moving a switch to another netns leaves no stale port" the_kernel_rejects_netns_of_a_live_port
run_test "rmmod with switches in several netns removes them all" rmmod_with_switches
run_test "modprobe -r nvswitch leaves ip_gre, ip6_gre and the host's own tunnels" user_tunnels_survive_unload
run_test "the module loads again and works" reload_works

nvsw_finish
