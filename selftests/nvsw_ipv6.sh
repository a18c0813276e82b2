#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# IPv6 customer addresses: two tenants with the same IPv6 CAs, two hosts.
#
#   hv1 (PA 192.0.2.1)                          hv2 (PA 192.0.2.2)
#   red1  2001:db8::1 10.0.0.1 VSID 5001         red2  2001:db8::2 10.0.0.2 VSID 5001
#   red3  2001:db8::3 10.0.0.3 VSID 5001         blue2 2001:db8::2 10.0.0.2 VSID 6001
#   blue1 2001:db8::1 10.0.0.1 VSID 6001
#        \____ sw0 ____ ul0 === underlay === ul0 ____ sw0 ____/
#
# Every VM has an IPv4 and an IPv6 record (one MAC, two CAs). Neighbor
# Solicitations are answered by the switch from the records of the VM's
# VSID; none crosses the underlay, none reaches another VM. VMs take their
# addresses with nodad, and no DAD for their link-local one, to stay fast.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001
BLUE=6001

declare -A VM_CA6

nvsw_begin 11

# vm6 HV VM VSID CA CA6 MAC: vm_create, plus IPv6 (off in ns_create) on eth0.
vm6() {
	local hv=$1 vm=$2 vsid=$3 ca=$4 ca6=$5 mac=$6
	vm_create "$hv" "$vm" "$vsid" "$ca" "$mac"
	nq "$vm" sysctl -qw net.ipv6.conf.eth0.accept_dad=0 \
		net.ipv6.conf.eth0.disable_ipv6=0
	n "$vm" ip addr add "$ca6/64" dev eth0 nodad
	VM_CA6[$vm]=$ca6
}

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
vm6 hv1 red1 $RED 10.0.0.1 2001:db8::1 02:00:00:00:50:01
vm6 hv2 red2 $RED 10.0.0.2 2001:db8::2 02:00:00:00:50:02
vm6 hv1 red3 $RED 10.0.0.3 2001:db8::3 02:00:00:00:50:03
vm6 hv1 blue1 $BLUE 10.0.0.1 2001:db8::1 02:00:00:00:60:01
vm6 hv2 blue2 $BLUE 10.0.0.2 2001:db8::2 02:00:00:00:60:02
records_push
for hv in hv1 hv2; do
	for vm in "${!VM_CA6[@]}"; do
		ctl "$hv" record add sw0 vsid "${VM_VSID[$vm]}" ca "${VM_CA6[$vm]}" \
			mac "${VM_MAC[$vm]}" pa "${HV_PA[${VM_HV[$vm]}]}"
	done
done

records_of_both_families() {
	local hv
	for hv in hv1 hv2; do
		check_eq "$hv records" "$(ctl "$hv" -j record show sw0 | json_len)" 10
		check_eq "$hv Red records" "$(ctl "$hv" -j record show sw0 vsid $RED | json_len)" 6
		check_eq "$hv record count" "$(ctl "$hv" -j switch show sw0 | json_get records)" 10
	done
	check_eq "get 2001:db8::2 in Blue" \
		"$(ctl hv1 -j record get sw0 vsid $BLUE ca 2001:db8::2 | json_get mac)" 02:00:00:00:60:02
	ctl hv1 -j record get sw0 vsid $BLUE ca 2001:db8:0:0::2 | grep -q '"ca":"2001:db8::2"'
	# An IPv6 CA that exists nowhere, and addresses no VM can have.
	expect_fail 1 "No record for this VSID and CA" ctl hv1 record get sw0 vsid $RED ca 2001:db8::99
	expect_fail 1 "invalid \"ca\": A customer address must be unicast" \
		ctl hv1 record add sw0 vsid $RED ca ff02::1 mac 02:00:00:00:50:09 pa 192.0.2.1
	expect_fail 2 "\"::ffff:10.0.0.9\": IPv4-mapped" \
		ctl hv1 record add sw0 vsid $RED ca ::ffff:10.0.0.9 mac 02:00:00:00:50:09 pa 192.0.2.1
	expect_fail 1 "exists" \
		ctl hv1 record add sw0 vsid $RED ca 2001:db8::1 mac 02:00:00:00:50:01 pa 192.0.2.1
	check_kernel_log
}

ping6_everywhere() {
	local before=$NVSW_TMP/nd.before moved
	stats_save hv1 "$before"
	cap_start nd-wire hv1 ul0
	ping_ok red1 2001:db8::2
	ping_ok red2 2001:db8::1
	ping_ok blue1 2001:db8::2
	ping_ok blue2 2001:db8::1
	ping_all red1 2001:db8::3 3
	# IPv4 still works for the same VMs.
	ping_ok red1 10.0.0.2
	cap_stop nd-wire
	check_eq "red1 neighbour 2001:db8::2" \
		"$(n red1 ip -j neigh show 2001:db8::2 dev eth0 | json_get lladdr)" 02:00:00:00:50:02
	check_eq "blue1 neighbour 2001:db8::2" \
		"$(n blue1 ip -j neigh show 2001:db8::2 dev eth0 | json_get lladdr)" 02:00:00:00:60:02
	check_eq "red1 neighbour 2001:db8::3" \
		"$(n red1 ip -j neigh show 2001:db8::3 dev eth0 | json_get lladdr)" 02:00:00:00:50:03
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	# red1 asked for ::2 and ::3, blue1 for ::2, red3 for ::1 (at least).
	[[ $moved =~ (^| )arp_replies=([0-9]+) ]] && ((BASH_REMATCH[2] >= 4))
	[[ $moved =~ (^| )tx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 6))
	# No solicitation crossed the underlay, bare or in NVGRE.
	check_eq "ND on the underlay" "$(cap_read nd-wire | grep -iE 'neighbor (solicitation|advertisement)' || true)" ""
	check_kernel_log
}

tenants_never_meet() {
	local vm
	for vm in blue1 blue2; do cap_start "vm-$vm" "$vm" eth0; done
	# 2001:db8::3 exists only in Red; Red's VMs ping each other meanwhile.
	ping_fail blue2 2001:db8::3
	ping_ok red2 2001:db8::1
	ping_ok red2 2001:db8::3
	for vm in blue1 blue2; do cap_stop "vm-$vm"; done
	for vm in blue1 blue2; do
		if cap_read "vm-$vm" | grep -q '02:00:00:00:50:'; then
			echo "# $vm saw Red's frames:"
			cap_read "vm-$vm" | grep '02:00:00:00:50:' | head -3 | sed 's/^/#   /'
			return 1
		fi
	done
	check_kernel_log
}

# A solicitation for a CA without a record: a miss to the controller, a
# no_record drop, and no advertisement.
nd_miss() {
	local before=$NVSW_TMP/miss.before moved out=$NVSW_TMP/miss.out
	nq hv1 nvswitchctl monitor miss >"$out" 2>&1 &
	local mon=$!
	sleep 0.5
	stats_save hv1 "$before"
	cap_start miss-vm red1 eth0 icmp6
	ping_fail red1 2001:db8::99
	cap_stop miss-vm
	kill "$mon" 2>/dev/null || true
	wait "$mon" 2>/dev/null || true
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.no_record=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1))
	grep -q "nd vsid $RED ca 2001:db8::99 port p-red1" "$out" ||
		{ echo "# monitor said: $(cat "$out")"; return 1; }
	check_eq "advertisements to red1" \
		"$(cap_read miss-vm | grep -ic 'neighbor advertisement' || true)" 0
	n red1 ip neigh flush dev eth0
	check_kernel_log
}

# spoof6 VM DST SRC: pings from SRC never leave hv1, counted spoofed.
spoof6() {
	local before=$NVSW_TMP/spoof.before moved
	stats_save hv1 "$before"
	! n "$1" ping -q -c 2 -i 0.2 -W 1 -I "$3" "$2" >/dev/null
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.spoofed=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# from $3: hv1 counters moved: $moved"; return 1; }
	[[ $moved != *tx_packets* && $moved != *local_packets* ]] ||
		{ echo "# from $3 got through: $moved"; return 1; }
}

spoofing_dropped() {
	n red1 ip neigh replace 2001:db8::2 lladdr 02:00:00:00:50:02 dev eth0 nud permanent
	# red3's address, and one that is nobody's.
	n red1 ip addr add 2001:db8::3/128 dev eth0 nodad
	spoof6 red1 2001:db8::2 2001:db8::3
	n red1 ip addr del 2001:db8::3/128 dev eth0
	n red1 ip addr add 2001:db8::77/128 dev eth0 nodad
	spoof6 red1 2001:db8::2 2001:db8::77
	n red1 ip addr del 2001:db8::77/128 dev eth0
	n red1 ip neigh del 2001:db8::2 dev eth0
	# Its own address passes, and so does its link-local one, which ND
	# resolves once policy has records for link-local addresses too.
	ping_ok red1 2001:db8::2
	ctl hv1 record add sw0 vsid $RED ca fe80::ff:fe00:5001 mac 02:00:00:00:50:01 pa 192.0.2.1
	ctl hv1 record add sw0 vsid $RED ca fe80::ff:fe00:5003 mac 02:00:00:00:50:03 pa 192.0.2.1
	ping_ok red1 "fe80::ff:fe00:5003%eth0"
	ctl hv1 record del sw0 vsid $RED ca fe80::ff:fe00:5001
	ctl hv1 record del sw0 vsid $RED ca fe80::ff:fe00:5003
	check_kernel_log
}

# A VM that takes an address policy gives to another fails DAD: the switch
# answers its probe. Its own address passes DAD: that probe is not answered.
dad_from_policy() {
	nq red1 sysctl -qw net.ipv6.conf.eth0.accept_dad=1
	n red1 ip addr add 2001:db8::3/128 dev eth0
	n red1 ip addr del 2001:db8::1/64 dev eth0
	n red1 ip addr add 2001:db8::1/64 dev eth0
	slowwait 10 eval "ip -n $(ns red1) addr show dev eth0 | grep -q 'inet6 2001:db8::3/128.*dadfailed'"
	slowwait 10 eval "! ip -n $(ns red1) addr show dev eth0 | grep -q 'inet6 2001:db8::1/64.*tentative'"
	ip -n "$(ns red1)" addr show dev eth0 | grep 'inet6 2001:db8::1/64' | grep -qv dadfailed
	n red1 ip addr del 2001:db8::3/128 dev eth0
	nq red1 sysctl -qw net.ipv6.conf.eth0.accept_dad=0
	ping_ok red1 2001:db8::2
	check_kernel_log
}

# A new MAC for red2's IPv6 record (replace) is what red1 resolves next;
# red2's IPv4 record, same VM, keeps its MAC.
replace_reflected() {
	ctl hv1 record replace sw0 vsid $RED ca 2001:db8::2 mac 02:00:00:00:50:22 pa 192.0.2.2
	check_eq "replaced" \
		"$(ctl hv1 -j record get sw0 vsid $RED ca 2001:db8::2 | json_get mac)" 02:00:00:00:50:22
	check_eq "IPv4 record kept" \
		"$(ctl hv1 -j record get sw0 vsid $RED ca 10.0.0.2 | json_get mac)" 02:00:00:00:50:02
	n red1 ip neigh flush dev eth0
	ping_fail red1 2001:db8::2
	check_eq "red1 neighbour 2001:db8::2" \
		"$(n red1 ip -j neigh show 2001:db8::2 dev eth0 | json_get lladdr)" 02:00:00:00:50:22
	ctl hv1 record replace sw0 vsid $RED ca 2001:db8::2 mac 02:00:00:00:50:02 pa 192.0.2.2
	n red1 ip neigh flush dev eth0
	ping_ok red1 2001:db8::2
	ping_ok red1 10.0.0.2
	check_kernel_log
}

# red2's records moving to hv1 (as a migration would): hv1 announces its
# IPv6 address to the VMs of its VSID there with an unsolicited NA, which
# updates the entry red1 already has. Then back to hv2.
arrival_announced() {
	local before=$NVSW_TMP/ann.before moved
	ping_ok red1 2001:db8::2
	stats_save hv1 "$before"
	cap_start ann red1 eth0 icmp6
	ctl hv1 record replace sw0 vsid $RED ca 2001:db8::2 mac 02:00:00:00:50:02 pa 192.0.2.1
	cap_stop ann
	ctl hv1 record replace sw0 vsid $RED ca 2001:db8::2 mac 02:00:00:00:50:02 pa 192.0.2.2
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	# red1 and red3, not red2's MAC's own port (none here) nor Blue's.
	[[ $moved =~ (^| )announces=2( |$) ]]
	cap_read ann | grep -i 'neighbor advertisement' | grep -q 'tgt is 2001:db8::2' ||
		{ cap_read ann | sed 's/^/#   /'; return 1; }
	ping_ok red1 2001:db8::2
	check_kernel_log
}

# Underlay and VMs at MTU 1500: a full-size IPv6 frame gets ICMPv6 Packet
# Too Big from the switch, and TCP over IPv6 adapts and completes.
mtu_1500_tcp6_completes() {
	local before=$NVSW_TMP/mtu.before moved
	underlay_mtu 1500 hv1 hv2
	stats_save hv1 "$before"
	head -c 1048576 /dev/urandom >"$NVSW_TMP/in6"
	nq red2 socat -u TCP6-LISTEN:5006,reuseaddr "OPEN:$NVSW_TMP/out6,creat,trunc" &
	local pid=$!
	slowwait 10 eval "ss -N $(ns red2) -tlnH 'sport = :5006' | grep -q ."
	n red1 timeout "$NVSW_HANG_TIMEOUT" socat -u "OPEN:$NVSW_TMP/in6" "TCP6:[2001:db8::2]:5006"
	wait $pid
	check_eq "bytes red1 -> red2" "$(sha256sum <"$NVSW_TMP/out6")" \
		"$(sha256sum <"$NVSW_TMP/in6")"
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.too_big=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1))
	# 1500 minus NVGRE's 42 bytes.
	n red1 ip route get 2001:db8::2 | grep -q 'mtu 1458'
	for dev in hv1 hv2; do
		nq ul ip link set "$dev" mtu "$NVSW_UL_MTU"
		nq "$dev" ip link set ul0 mtu "$NVSW_UL_MTU"
	done
	check_kernel_log
}

# red1 claims red3's address in Neighbor Advertisements hidden behind
# extension headers or in a fragment (nvsw_ipv6_frames.py), sent to red2 on
# hv2: each is dropped as spoofed on hv1, as the plain one is, and red2
# never takes red1's MAC for red3's address.  red1's own address, behind
# the same header, passes.
nd_behind_extension_headers() {
	local before=$NVSW_TMP/nd.before frames=$NVSW_SELFTESTS/nvsw_ipv6.frames moved c
	[ -r "$frames" ] || { echo "# $frames missing: make -C selftests"; return 1; }
	frames_start red1 eth0 "$frames"
	for c in na_plain na_dstopt na_hbh_dstopt na_frag ns_frag; do
		stats_save hv1 "$before"
		frames_send "$c" 3
		moved=$(stats_delta hv1 "$before")
		[[ $moved =~ drops.spoofed=3( |$) && $moved != *tx_packets* ]] ||
			{ echo "# $c: hv1 counters moved: $moved"; return 1; }
	done
	stats_save hv1 "$before"
	frames_send own_na_dstopt 3
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ (^| )tx_packets=([0-9]+) ]] && ((BASH_REMATCH[2] >= 3)) &&
		[[ $moved != *spoofed* ]] ||
		{ echo "# own_na_dstopt: hv1 counters moved: $moved"; return 1; }
	! n red2 ip -6 neigh show 2001:db8::3 | grep -q 02:00:00:00:50:01
}

# Flush by VSID takes both families; dump and counts follow.
flush_both_families() {
	check_eq "flushed" "$(ctl hv2 -j record flush sw0 vsid $BLUE | json_get flushed)" 4
	check_eq "hv2 records" "$(ctl hv2 -j record show sw0 | json_len)" 6
	ctl hv2 record del sw0 vsid $RED ca 2001:db8::3
	check_eq "hv2 record count" "$(ctl hv2 -j switch show sw0 | json_get records)" 5
	check_eq "flushed" "$(ctl hv2 -j record flush sw0 | json_get flushed)" 5
	check_kernel_log
}

run_test "IPv4 and IPv6 records side by side; bad IPv6 CAs refused" records_of_both_families
run_test "ping6 across hosts and locally, ND answered from policy" ping6_everywhere
run_test "Red's IPv6 traffic never reaches Blue" tenants_never_meet
run_test "a solicitation without a record: miss, no_record, no answer" nd_miss
run_test "a spoofed IPv6 source is dropped as spoofed" spoofing_dropped
run_test "ND claims behind extension headers or in fragments are dropped as spoofed" nd_behind_extension_headers
run_test "DAD fails for another VM's address, passes for the own" dad_from_policy
run_test "a replaced MAC is what the VM resolves" replace_reflected
run_test "a VM arriving is announced with an unsolicited NA" arrival_announced
run_test "underlay MTU 1500, VM MTU 1500: TCP over IPv6 completes" mtu_1500_tcp6_completes
run_test "flush and del take IPv6 records too" flush_both_families

nvsw_finish
