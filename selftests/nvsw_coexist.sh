#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A user's own keyed gretap tunnel shares the netns with a switch:
#
#   hv1: ut gretap key 0x1b5942 172.16.0.1 ==\          /== hv2: ut 172.16.0.2
#        sw0 PA 192.0.2.1 -- red1 10.0.0.1  == underlay == sw0 PA 192.0.2.2 -- red2
#
# nvswitch receives GRE through ip_gre's collect_md device, which only gets
# what no configured tunnel claims. The user's key even looks like NVGRE
# (VSID 7001, FlowID 0x42); it stays the user's, before, during and after
# the switch.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001
USER_KEY=$(((7001 << 8) | 0x42))

nvsw_begin 5

underlay_create
ns_create hv1
ns_create hv2
underlay_attach hv1 192.0.2.1
underlay_attach hv2 192.0.2.2
n hv1 ip link add ut type gretap local 192.0.2.1 remote 192.0.2.2 key $USER_KEY
n hv2 ip link add ut type gretap local 192.0.2.2 remote 192.0.2.1 key $USER_KEY
n hv1 ip addr add 172.16.0.1/24 dev ut
n hv2 ip addr add 172.16.0.2/24 dev ut
n hv1 ip link set ut up
n hv2 ip link set ut up

user_tunnel_before() {
	ping_all hv1 172.16.0.2 3
}

both_at_once() {
	local hv
	for hv in hv1 hv2; do
		ctl $hv switch add sw0
		n $hv ip link set sw0 up
	done
	ctl hv1 pa add sw0 192.0.2.1
	ctl hv2 pa add sw0 192.0.2.2
	HV_PA=([hv1]=192.0.2.1 [hv2]=192.0.2.2)
	vm_create hv1 red1 $RED 10.0.0.1 02:00:00:00:50:01
	vm_create hv2 red2 $RED 10.0.0.2 02:00:00:00:50:02
	records_push
	local before=$NVSW_TMP/both.before ut_rx moved
	stats_save hv2 "$before"
	ut_rx=$(nq hv2 cat /sys/class/net/ut/statistics/rx_packets)
	n red1 ping -q -c 10 -i 0.2 -W 2 10.0.0.2 >"$NVSW_TMP/red.ping" &
	local pid=$!
	ping_all hv1 172.16.0.2 10
	wait $pid
	grep -q ' 10 received' "$NVSW_TMP/red.ping"
	(($(nq hv2 cat /sys/class/net/ut/statistics/rx_packets) - ut_rx >= 10))
	# The user's packets never reached the switch.
	moved=$(stats_delta hv2 "$before")
	echo "# hv2: $moved"
	[[ $moved != *drops* ]]
	[[ $moved =~ (^| )rx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 10 && BASH_REMATCH[2] < 20))
}

# GRE to an address of hv1 that is no PA: ip_gre hands it to nvsw_gre (no
# tunnel of hv1 has that local address), which must not pass the inner
# frame to hv1's stack. Before, hv1 answered ARP for its own 10.9.9.1
# through the tunnel and replied to the pings.
other_address_stays_out() {
	local dropped
	n hv1 ip addr add 192.0.2.77/24 dev ul0
	n hv1 ip addr add 10.9.9.1/32 dev lo
	n hv2 ip link add gt9 type gretap local 192.0.2.2 remote 192.0.2.77 key 5
	n hv2 ip addr add 10.9.9.2/24 dev gt9
	n hv2 ip link set gt9 up
	dropped=$(nq hv1 cat /sys/class/net/nvsw_gre/statistics/rx_dropped)
	ping_fail hv2 10.9.9.1
	# The ARP requests reached nvsw_gre and went no further.
	(($(nq hv1 cat /sys/class/net/nvsw_gre/statistics/rx_dropped) - dropped >= 1))
	check_eq "hv2's neighbour 10.9.9.1" \
		"$(nq hv2 ip neigh show 10.9.9.1 dev gt9 | grep -c lladdr)" 0
	n hv2 ip link del gt9
	n hv1 ip addr del 10.9.9.1/32 dev lo
	n hv1 ip addr del 192.0.2.77/24 dev ul0
}

user_tunnel_after_switch_delete() {
	ctl hv1 switch del sw0
	! n hv1 ip link show nvsw_gre >/dev/null 2>&1
	ping_all hv1 172.16.0.2 3
	ping_all hv2 172.16.0.1 3
}

user_tunnel_after_rmmod() {
	# rmmod, not modprobe -r: that would also unload the then unused
	# ip_gre, and with it every gretap device, the user's included.
	timeout 60 rmmod nvswitch
	[ -d /sys/module/ip_gre ]
	ping_all hv2 172.16.0.1 3
	modprobe nvswitch
}

run_test "the user's gretap works before any switch" user_tunnel_before
run_test "user tunnel and nvswitch traffic at the same time" both_at_once
run_test "GRE to another address of the host does not reach its stack" other_address_stays_out
run_test "the user's gretap works after the switch is deleted" user_tunnel_after_switch_delete
run_test "the user's gretap works after nvswitch is unloaded" user_tunnel_after_rmmod

nvsw_finish
