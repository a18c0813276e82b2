#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# DHCP guard and router guard per port (Documentation/extensions.rst): off
# by default, so a rogue DHCP server or router VM is heard by the VMs of
# its subnet; turned on, it is silenced, each frame dropped counted by its
# reason, while everything else the VM sends still passes.
#
#   hv1 (PA 192.0.2.1): sw0, VSID 5001 replicating broadcast
#     p-rogue  -- rogue  10.0.0.1, fe80::1 (frames crafted with scapy on the
#                 host, nvsw_port_guard_frames.py), runs busybox udhcpd
#     p-victim -- victim 10.0.0.50 in policy but no address: it asks DHCP;
#                 IPv6 on, taking Router Advertisements (SLAAC)
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001
FRAMES=$NVSW_SELFTESTS/nvsw_port_guard.frames

nvsw_begin 6

underlay_create
hv_create hv1 192.0.2.1
vm_create hv1 rogue $RED 10.0.0.1 02:00:00:00:50:01
vm_create hv1 victim $RED 10.0.0.50 02:00:00:00:50:50
records_push
ctl hv1 vsid set sw0 vsid $RED bum replicate
nq victim ip addr flush dev eth0
nq victim sysctl -qw net.ipv6.conf.eth0.accept_dad=0 \
	net.ipv6.conf.eth0.accept_ra=1 net.ipv6.conf.eth0.disable_ipv6=0
# One sender for every subtest: python starts slowly under emulation.
[ -r "$FRAMES" ] && frames_start rogue eth0 "$FRAMES"

# guard PORT KEY: "true" or "false", as port show -j says KEY of PORT.
guard() {
	nq hv1 nvswitchctl -j port show sw0 | json_flat |
		awk -F'[.=]' -v p="$1" -v k="$2" '$2 == "dev" { dev[$1] = $3 }
			$2 == k { v[$1] = $3 }
			END { for (i in dev) if (dev[i] == p) print v[i] }'
}

# guards PORT: "DHCP ROUTER", each true or false.
guards() {
	echo "$(guard "$1" dhcp_guard) $(guard "$1" router_guard)"
}

# victim_tx: frames the switch delivered to the victim so far.
victim_tx() {
	nq hv1 nvswitchctl -j port get sw0 dev p-victim | json_get tx_packets
}

defaults_off() {
	check_eq "rogue's guards" "$(guards p-rogue)" "false false"
	check_eq "victim's guards" "$(guards p-victim)" "false false"
	! ctl hv1 port show sw0 | grep -q guard
}

# lease TRIES: the victim asks DHCP, TRIES discovers a second apart.
lease() {
	n victim timeout 60 busybox udhcpc -i eth0 -f -n -q -t "$1" -T 1 \
		-s "$NVSW_TMP/udhcpc.script" >"$NVSW_TMP/udhcpc.log" 2>&1
}

victim_addr() {
	nq victim ip -j -4 addr show dev eth0 | json_get local || true
}

# The rogue's server hands out 10.0.0.50; the guard decides who hears it.
dhcp_guard() {
	local before=$NVSW_TMP/dhcp.before moved
	dhcp_server rogue 10.0.0.50

	# Off: the rogue's lease reaches the victim.
	lease 5 || { sed 's/^/# udhcpc: /' "$NVSW_TMP/udhcpc.log"; return 1; }
	check_eq "victim's address, guard off" "$(victim_addr)" 10.0.0.50
	nq victim ip -4 addr flush dev eth0

	# On: no OFFER leaves the switch; the victim's DISCOVERs still do.
	ctl hv1 port set sw0 dev p-rogue dhcp-guard on
	stats_save hv1 "$before"
	cap_start dhcp-victim hv1 p-victim udp src port 67
	cap_start dhcp-rogue hv1 p-rogue udp src port 68 and udp dst port 67
	if lease 2; then
		echo "# the victim got a lease with the guard on"
		return 1
	fi
	cap_stop dhcp-victim
	cap_stop dhcp-rogue
	check_eq "victim's address, guard on" "$(victim_addr)" ""
	check_eq "server messages to the victim" "$(cap_count dhcp-victim)" 0
	(($(cap_count dhcp-rogue) >= 2)) || { echo "# DISCOVERs to the rogue: $(cap_count dhcp-rogue)"; return 1; }
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.dhcp_guard=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2))
	kill "$(cat "$NVSW_TMP/udhcpd.pid")"
	check_kernel_log
}

# default_route: the victim's IPv6 default route, if it took one.
default_route() {
	nq victim ip -6 route show default
}

# A rogue RA, plain or behind a Destination Options header, installs no
# route with the guard on; with it off, the victim takes the rogue for its
# router and a SLAAC address from its prefix.
router_guard_ra() {
	local before=$NVSW_TMP/ra.before moved tx
	[ -r "$FRAMES" ] || { echo "# $FRAMES missing: make -C selftests"; return 1; }
	ctl hv1 port set sw0 dev p-rogue router-guard on
	stats_save hv1 "$before"
	tx=$(victim_tx)
	frames_send ra_rg 3
	frames_send ra_dstopt_rg 3
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.router_guard=6( |$) ]]
	check_eq "RAs delivered to the victim" $(($(victim_tx) - tx)) 0
	check_eq "victim's default route, guard on" "$(default_route)" ""

	ctl hv1 port set sw0 dev p-rogue router-guard off
	frames_send ra_dstopt_rg 1
	slowwait 10 eval 'default_route | grep -q "via fe80::1 "' ||
		{ echo "# victim's default route, guard off: '$(default_route)'"; return 1; }
	slowwait 10 eval 'nq victim ip -6 addr show dev eth0 | grep -q "inet6 2001:db8:1:"'
	check_kernel_log
}

# verdict FRAME WANT: three copies of FRAME from the rogue are delivered to
# the victim (WANT pass), or dropped and counted as WANT, and only so.
verdict() {
	local before=$NVSW_TMP/verdict.before moved tx ok=1
	stats_save hv1 "$before"
	tx=$(victim_tx)
	frames_send "$1" 3
	moved=$(stats_delta hv1 "$before")
	tx=$(($(victim_tx) - tx))
	if [ "$2" = pass ]; then
		# More when the victim's answer brought an ARP reply back.
		[[ $moved != *guard* ]] && ((tx >= 3)) || ok=0
	else
		[[ $moved =~ drops.$2=3( |$) && $moved != *drops.*guard=*drops.*guard=* ]] &&
			((tx == 0)) || ok=0
	fi
	((ok)) || echo "# $1, want $2: delivered $tx, hv1 counters moved: $moved"
	((ok))
}

frame_names() {
	cut -d' ' -f1 "$FRAMES"
}

# Each crafted frame (nvsw_port_guard_frames.py: *_rg for the router
# guard, *_dg for the DHCP guard, *_ok for neither): all pass with the
# guards off; with them on, each is dropped by its own guard or passes.
frames_by_reason() {
	local name want failed=0
	[ -r "$FRAMES" ] || { echo "# $FRAMES missing: make -C selftests"; return 1; }
	ctl hv1 port set sw0 dev p-rogue dhcp-guard off router-guard off
	for name in $(frame_names); do
		verdict "$name" pass || failed=1
	done
	ctl hv1 port set sw0 dev p-rogue dhcp-guard on router-guard on
	for name in $(frame_names); do
		case $name in
		*_rg) want=router_guard ;;
		*_dg) want=dhcp_guard ;;
		*) want=pass ;;
		esac
		verdict "$name" "$want" || failed=1
	done
	ctl hv1 port set sw0 dev p-rogue dhcp-guard off router-guard off
	return "$failed"
}

# port set changes the guards it names and keeps the other; port add
# takes them; save says them; monitor hears each set.
set_round_trip() {
	local mon out=$NVSW_TMP/set.mon
	nq hv1 nvswitchctl monitor config >"$out" 2>&1 &
	mon=$!
	sleep 0.5
	ctl hv1 port set sw0 dev p-victim dhcp-guard on
	check_eq "after dhcp-guard on" "$(guards p-victim)" "true false"
	ctl hv1 port show sw0 | grep -q "^p-victim .* dhcp-guard on$"
	ctl hv1 port set sw0 dev p-victim router-guard on dhcp-guard off
	check_eq "after router-guard on dhcp-guard off" "$(guards p-victim)" "false true"
	ctl hv1 port set sw0 dev p-victim router-guard off
	check_eq "after router-guard off" "$(guards p-victim)" "false false"
	nq hv1 ip link add p-tmp type veth peer name p-tmp-peer
	ctl hv1 port add sw0 dev p-tmp vsid 9001 dhcp-guard on router-guard on
	check_eq "added with both on" "$(guards p-tmp)" "true true"
	ctl hv1 save sw0 | grep -qxF "port add sw0 dev p-tmp vsid 9001 dhcp-guard on router-guard on"
	ctl hv1 port del sw0 dev p-tmp
	nq hv1 ip link del p-tmp
	kill "$mon"
	wait "$mon" 2>/dev/null || true
	check_eq "[port] set events" "$(grep -c '^\[port\] set sw0 dev p-victim ' "$out")" 3
	grep '^\[port\] set' "$out" | head -1 | grep -q "dhcp-guard on$"
	check_kernel_log
}

# Refused, naming what is wrong, and nothing changes.
bad_input() {
	local c
	c=(nvswitchctl -n "$(ns hv1)")
	expect_fail 2 'invalid dhcp-guard "yes": must be on or off' \
		"${c[@]}" port set sw0 dev p-victim dhcp-guard yes
	expect_fail 2 'port set needs dhcp-guard, router-guard or both' \
		"${c[@]}" port set sw0 dev p-victim
	nq hv1 ip link add p-none type dummy
	expect_fail 1 'not a port of this switch' \
		"${c[@]}" port set sw0 dev p-none router-guard on
	ctl hv1 port add sw0 internal gw0 vsid $RED
	expect_fail 1 "dhcp-guard.*internal port is the host's own" \
		"${c[@]}" port set sw0 dev gw0 dhcp-guard on
	expect_fail 1 "router-guard.*internal port is the host's own" \
		"${c[@]}" port add sw0 internal gw1 vsid $RED router-guard on
	if nq hv1 ip link show gw1 >/dev/null 2>&1; then
		echo "# gw1 was made"
		return 1
	fi
	check_eq "gw0's guards" "$(guards gw0)" "false false"
	check_eq "victim's guards" "$(guards p-victim)" "false false"
	ctl hv1 port del sw0 dev gw0
	nq hv1 ip link del p-none
	check_kernel_log
}

run_test "a new port has both guards off" defaults_off
run_test "dhcp-guard: a rogue server's lease reaches a VM when off, not when on" dhcp_guard
run_test "router-guard: a rogue RA, also behind Destination Options, installs no route" router_guard_ra
run_test "each guard drops only its frames, each counted by its reason" frames_by_reason
run_test "port set changes one guard and keeps the other; add, save, monitor" set_round_trip
run_test "bad input is refused by name, and nothing changes" bad_input

nvsw_finish
