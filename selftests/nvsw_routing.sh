#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The distributed router: two routing domains with the same prefixes, two
# hypervisors. Every switch has the same gateway MAC (02:00:00:00:00:01).
#
#   routing domain A (RDID 1)          routing domain B (RDID 2)
#   VSID 5001 10.1.0.0/24 gw .1        VSID 6001 10.1.0.0/24 gw .1
#   VSID 5002 10.2.0.0/24 gw .1        VSID 6002 10.2.0.0/24 gw .1
#   172.16.0.0/16 via 10.2.0.13
#
#   hv1 (PA 192.0.2.1)                     hv2 (PA 192.0.2.2)
#   a1 10.1.0.11 VSID 5001                 a3 10.2.0.13 VSID 5002 (+172.16.0.1)
#   a2 10.2.0.12 VSID 5002                 b2 10.2.0.13 VSID 6002
#   b1 10.1.0.11 VSID 6001
#        \____ sw0 ____ ul0 === underlay === ul0 ____ sw0 ____/
#
# VMs send everything off-subnet to their gateway; the switch routes it
# within the VM's routing domain, decrementing the TTL, and never into the
# other domain, although both use the same addresses.
#
# Then the same VMs get IPv6 addresses and the vsubnets IPv6 prefixes
# (dual stack), with the same prefixes in both domains:
#
#   RDID 1: VSID 5001 2001:db8:1::/64 gw ::1   RDID 2: VSID 6001 2001:db8:1::/64
#           VSID 5002 2001:db8:2::/64 gw ::1           VSID 6002 2001:db8:2::/64
#           2001:db8:172::/48 via 2001:db8:2::13
#   a1 2001:db8:1::11  a2 2001:db8:2::12  a3 2001:db8:2::13 (+2001:db8:172::1)
#   b1 2001:db8:1::11  b2 2001:db8:2::13
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

GW_MAC=02:00:00:00:00:01

nvsw_begin 27

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
vm_create hv1 a1 5001 10.1.0.11 02:00:00:00:50:11
vm_create hv1 a2 5002 10.2.0.12 02:00:00:00:50:12
vm_create hv2 a3 5002 10.2.0.13 02:00:00:00:50:13
vm_create hv1 b1 6001 10.1.0.11 02:00:00:00:60:11
vm_create hv2 b2 6002 10.2.0.13 02:00:00:00:60:13

# records_push, one batch per host: every process start counts under TCG.
for hv in hv1 hv2; do
	for vm in "${!VM_HV[@]}"; do
		echo "record add sw0 vsid ${VM_VSID[$vm]} ca ${VM_CA[$vm]}" \
			"mac ${VM_MAC[$vm]} pa ${HV_PA[${VM_HV[$vm]}]}"
	done | ctl $hv -b -
done

for vm in a1 b1; do n $vm ip route add default via 10.1.0.1; done
for vm in a2 a3 b2; do n $vm ip route add default via 10.2.0.1; done
# a3 is also the router of 172.16.0.0/16 (an appliance VM).
n a3 ip addr add 172.16.0.1/32 dev lo

for hv in hv1 hv2; do
	n $hv ip link set sw0 address $GW_MAC
	ctl $hv -b - <<-EOF
	vsubnet add sw0 vsid 5001 rdid 1 prefix 10.1.0.0/24 gateway 10.1.0.1
	vsubnet add sw0 vsid 5002 rdid 1 prefix 10.2.0.0/24
	vsubnet add sw0 vsid 6001 rdid 2 prefix 10.1.0.0/24
	vsubnet add sw0 vsid 6002 rdid 2 prefix 10.2.0.0/24
	route add sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.2.0.13 metric 10
	EOF
done

config_in_place() {
	check_eq "vsubnets" "$(ctl hv1 -j vsubnet show sw0 | json_len)" 4
	check_eq "vsubnets of RD 2" "$(ctl hv1 -j vsubnet show sw0 rdid 2 | json_len)" 2
	check_eq "gateway of 5002" \
		"$(ctl hv1 vsubnet show sw0 rdid 1 | grep 'vsid 5002')" \
		"vsid 5002 rdid 1 prefix 10.2.0.0/24 gateway 10.2.0.1"
	check_eq "routes" "$(ctl hv1 route show sw0)" \
		"rdid 1 prefix 172.16.0.0/16 nexthop 10.2.0.13 metric 10"
	check_eq "routes of RD 2" "$(ctl hv1 -j route show sw0 rdid 2)" "[]"
}

rejected() {
	expect_fail 1 'invalid "gateway": The gateway must be a host address inside the prefix' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 7001 rdid 3 prefix 10.9.0.0/24 gateway 10.8.0.1
	expect_fail 1 'The VSID already has a virtual subnet' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 5001 rdid 3 prefix 10.9.0.0/24
	expect_fail 1 'overlaps' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 5003 rdid 1 prefix 10.1.0.0/16
	expect_fail 1 'No virtual subnet of this routing domain' \
		nvswitchctl -n "$(ns hv1)" route add sw0 rdid 9 prefix 0.0.0.0/0 nexthop 10.1.0.2
	expect_fail 1 'The next hop is in no virtual subnet of this routing domain' \
		nvswitchctl -n "$(ns hv1)" route add sw0 rdid 1 prefix 0.0.0.0/0 nexthop 10.7.0.2
	expect_fail 2 '"10.9.0.1/24"' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 7001 rdid 3 prefix 10.9.0.1/24
	NVSWITCHCTL_NO_CHECK=1 expect_fail 1 'invalid "prefix": The prefix has host bits' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 7001 rdid 3 prefix 10.9.0.1/24
}

same_host() {
	local before=$NVSW_TMP/same.before moved
	stats_save hv1 "$before"
	cap_start same-wire hv1 ul0 ip proto 47
	ping_all a1 10.2.0.12 3
	cap_stop same-wire
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	check_eq "NVGRE on the wire for a same-host route" "$(cap_count same-wire)" 0
	[[ $moved =~ routed_packets=([0-9]+) ]] && ((BASH_REMATCH[1] >= 6))
	[[ $moved != *drops* ]]
	check_eq "a1's gateway" \
		"$(n a1 ip -j neigh show 10.1.0.1 dev eth0 | json_get lladdr)" $GW_MAC
}

across_hosts_ttl() {
	local out seen
	cap_start a3-in a3 eth0 icmp
	out=$(n a1 ping -c 2 -i 0.2 -W 2 10.2.0.13)
	cap_stop a3-in
	# a3 answers with TTL 64: one hop (hv2's switch) makes it 63.
	grep -q "ttl=63" <<<"$out" || { echo "# $out"; return 1; }
	# The request left a1 with TTL 64 and reached a3 with 63, from the
	# gateway MAC.
	seen=$(cap_read a3-in | grep 'echo request')
	grep -q "$GW_MAC > 02:00:00:00:50:13.* ttl 63," <<<"$seen" ||
		{ sed 's/^/# /' <<<"$seen"; return 1; }
}

ttl_exceeded() {
	local before=$NVSW_TMP/ttl.before out moved
	stats_save hv1 "$before"
	out=$(n a1 ping -c 1 -t 1 -W 2 10.2.0.13 2>&1) || true
	moved=$(stats_delta hv1 "$before")
	grep -q "From 10.1.0.1 .*Time to live exceeded" <<<"$out" || { echo "# $out"; return 1; }
	[[ $moved =~ drops.ttl_exceeded=1( |$) ]] || { echo "# hv1: $moved"; return 1; }
}

domains_apart() {
	local before=$NVSW_TMP/apart.before moved
	# Both domains ping the same address from the same address; B's
	# echo requests are 300 bytes of IP, A's 84.
	cap_start a3-watch a3 eth0 icmp
	cap_start b2-watch b2 eth0 icmp
	n b1 ping -q -c 3 -s 272 -i 0.2 -W 2 10.2.0.13 | grep -q " 3 received"
	ping_all a1 10.2.0.13 3
	cap_stop a3-watch
	cap_stop b2-watch
	# Each VM saw its own domain's requests, never the other's.
	check_eq "B's requests at a3" "$(cap_count a3-watch 'icmp and ip[2:2] == 300')" 0
	check_eq "A's requests at b2" "$(cap_count b2-watch 'icmp and ip[2:2] == 84')" 0
	check_eq "A's requests at a3" "$(cap_count a3-watch 'icmp[0] == 8 and ip[2:2] == 84')" 3
	check_eq "B's requests at b2" "$(cap_count b2-watch 'icmp[0] == 8 and ip[2:2] == 300')" 3
	# 10.2.0.12 exists only in A: from B it has no record.
	stats_save hv1 "$before"
	ping_fail b1 10.2.0.12
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.no_record=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1: $moved"; return 1; }
	[[ $moved != *tx_packets* ]] || { echo "# left hv1: $moved"; return 1; }
	# Nor does A's customer route exist in B.
	ping_fail b1 172.16.0.1
}

# A routed frame too big for the underlay gets "fragmentation needed" back
# from the gateway MAC, so the VM learns the path MTU.
routed_too_big() {
	local before=$NVSW_TMP/big.before moved out
	n hv1 ip link set ul0 mtu 1400
	stats_save hv1 "$before"
	out=$(n a1 ping -c 1 -M do -s 1400 -W 2 10.2.0.13 2>&1) || true
	moved=$(stats_delta hv1 "$before")
	n hv1 ip link set ul0 mtu "$NVSW_UL_MTU"
	[[ $moved =~ drops.too_big=1( |$) ]] || { echo "# hv1: $moved"; return 1; }
	# 1400 less the 42 bytes of NVGRE.
	n a1 ip route get 10.2.0.13 | grep -q "mtu 1358" ||
		{ echo "# $out"; n a1 ip route get 10.2.0.13 | sed 's/^/# /'; return 1; }
	n a1 ip route flush cache
}

customer_route() {
	local before=$NVSW_TMP/route.before moved
	ping_all a1 172.16.0.1 3
	ctl hv1 route del sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.2.0.13
	stats_save hv1 "$before"
	ping_fail a1 172.16.0.1
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.no_ca_route=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1: $moved"; return 1; }
	ctl hv1 route add sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.2.0.13
	ping_ok a1 172.16.0.1
}

# explain_is HV WANT ARGS...: "nvswitchctl explain sw0 ARGS" on HV says WANT.
explain_is() {
	local hv=$1 want=$2 got
	shift 2
	got=$(ctl "$hv" explain sw0 "$@")
	check_eq "explain $*" "$got" "$want"
}

# What the switch would do with a frame, told without one: switched or
# routed, to a port here or a host there, or dropped and why; no counter
# moves. The NVGRE headers take 42 bytes of the underlay's MTU.
explain_tells() {
	local before=$NVSW_TMP/explain.before moved mtu=$((NVSW_UL_MTU - 42))
	local a2=02:00:00:00:50:12 a3=02:00:00:00:50:13
	stats_save hv1 "$before"
	explain_is hv1 "deliver routed vsid 5002 ca 10.2.0.12 mac $a2 dev p-a2 mtu 1500" \
		dev p-a1 dst 10.2.0.12
	explain_is hv1 "encap routed vsid 5002 ca 10.2.0.13 mac $a3 pa 192.0.2.2 mtu $mtu" \
		dev p-a1 dst 10.2.0.13
	explain_is hv1 "encap vsid 5002 ca 10.2.0.13 mac $a3 pa 192.0.2.2 mtu $mtu" \
		dev p-a2 dst 10.2.0.13
	# A customer route: to its next hop, a3.
	explain_is hv1 "encap routed vsid 5002 ca 10.2.0.13 mac $a3 pa 192.0.2.2 mtu $mtu" \
		dev p-a1 dst 172.16.9.9
	explain_is hv1 "encap vsid 5002 mac $a3 pa 192.0.2.2 mtu $mtu" dev p-a2 dst $a3
	# The gateway's ARP is the switch's; a packet to it is routed, to
	# a record nobody pushed.
	explain_is hv1 "drop no_record routed vsid 5001 ca 10.1.0.1" dev p-a1 dst 10.1.0.1
	explain_is hv1 "drop no_record vsid 5002 ca 10.2.0.99" dev p-a2 dst 10.2.0.99
	explain_is hv1 "drop no_ca_route routed vsid 5001 ca 192.168.1.1" \
		dev p-a1 dst 192.168.1.1
	explain_is hv1 "drop too_big routed vsid 5002 ca 10.2.0.13 mac $a3 pa 192.0.2.2 mtu $mtu" \
		dev p-a1 dst 10.2.0.13 size $((mtu + 1))
	explain_is hv1 "drop broadcast vsid 5002 mac ff:ff:ff:ff:ff:ff" \
		dev p-a2 dst ff:ff:ff:ff:ff:ff
	# b1 is in the other domain: its 10.2.0.12 is b2, on hv2.
	explain_is hv1 "encap routed vsid 6002 ca 10.2.0.13 mac 02:00:00:00:60:13 pa 192.0.2.2 mtu $mtu" \
		dev p-b1 dst 10.2.0.13
	check_eq "JSON verdict" \
		"$(ctl hv1 -j explain sw0 dev p-a1 dst 10.2.0.12 | json_get verdict)" deliver
	# Not arp_replies: the VMs' own neighbour entries go stale during
	# the seconds this takes under emulation, and the switch answers
	# their ARP refresh from policy (the test failed so, once in a while).
	# explain answers no ARP; every counter its verdicts name is checked.
	moved=$(stats_delta hv1 "$before" | sed -E 's/(^| )arp_replies=-?[0-9]+//; s/^ //')
	check_eq "counters moved by explain" "$moved" ""
	expect_fail 2 'invalid destination "10.2.0.300"' \
		ctl hv1 explain sw0 dev p-a1 dst 10.2.0.300
	expect_fail 2 'invalid size "19"' ctl hv1 explain sw0 dev p-a1 dst 10.2.0.13 size 19
	expect_fail 1 'is not a port of this switch' ctl hv1 explain sw0 dev ul0 dst 10.2.0.13
}

vsubnet_del() {
	local before=$NVSW_TMP/del.before moved
	ctl hv1 vsubnet del sw0 vsid 5002
	# Its domain's route to a next hop in it stays, but leads nowhere.
	stats_save hv1 "$before"
	ping_fail a1 10.2.0.13
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.no_ca_route=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1: $moved"; return 1; }
	ping_fail a1 172.16.0.1
	# The last subnet of a domain takes the domain and its routes along.
	ctl hv1 vsubnet del sw0 vsid 5001
	check_eq "routes after RD 1 is gone" "$(ctl hv1 -j route show sw0 rdid 1)" "[]"
	ctl hv1 vsubnet add sw0 vsid 5001 rdid 1 prefix 10.1.0.0/24
	ctl hv1 vsubnet add sw0 vsid 5002 rdid 1 prefix 10.2.0.0/24
	ping_ok a1 10.2.0.13
}

# IPv6: the VMs' addresses (off in ns_create), without DAD or router
# solicitations to stay quiet; IPv6 records beside the IPv4 ones; the IPv6
# prefixes joining the vsubnets vsubnet_del left in place.
declare -A VM_CA6=([a1]=2001:db8:1::11 [a2]=2001:db8:2::12 [a3]=2001:db8:2::13
		   [b1]=2001:db8:1::11 [b2]=2001:db8:2::13)

ipv6_setup() {
	local vm hv
	for vm in "${!VM_CA6[@]}"; do
		nq "$vm" sysctl -qw net.ipv6.conf.eth0.accept_dad=0 \
			net.ipv6.conf.eth0.router_solicitations=0 \
			net.ipv6.conf.eth0.disable_ipv6=0
		n "$vm" ip -batch - <<-EOF
		addr add ${VM_CA6[$vm]}/64 dev eth0 nodad
		route add ::/0 via ${VM_CA6[$vm]%::*}::1
		EOF
	done
	nq a3 sysctl -qw net.ipv6.conf.lo.disable_ipv6=0
	n a3 ip addr add 2001:db8:172::1/128 dev lo
	for hv in hv1 hv2; do
		{
			for vm in "${!VM_CA6[@]}"; do
				echo "record add sw0 vsid ${VM_VSID[$vm]} ca ${VM_CA6[$vm]}" \
					"mac ${VM_MAC[$vm]} pa ${HV_PA[${VM_HV[$vm]}]}"
			done
			cat <<-EOF
			vsubnet add sw0 vsid 5001 rdid 1 prefix 2001:db8:1::/64 gateway 2001:db8:1::1
			vsubnet add sw0 vsid 5002 rdid 1 prefix 2001:db8:2::/64
			vsubnet add sw0 vsid 6001 rdid 2 prefix 2001:db8:1::/64
			vsubnet add sw0 vsid 6002 rdid 2 prefix 2001:db8:2::/64
			route add sw0 rdid 1 prefix 2001:db8:172::/48 nexthop 2001:db8:2::13
			EOF
		} | ctl $hv -b -
	done
	check_eq "dual-stack 5002" "$(ctl hv1 vsubnet show sw0 rdid 1 | grep 'vsid 5002')" \
		"vsid 5002 rdid 1 prefix 10.2.0.0/24 gateway 10.2.0.1
vsid 5002 rdid 1 prefix 2001:db8:2::/64 gateway 2001:db8:2::1"
	check_eq "vsubnets" "$(ctl hv2 vsubnet show sw0 | wc -l)" 8
	check_eq "IPv6 route" "$(ctl hv1 route show sw0 rdid 1 | grep 2001)" \
		"rdid 1 prefix 2001:db8:172::/48 nexthop 2001:db8:2::13 metric 0"
	expect_fail 1 'The VSID already has a virtual subnet with an IPv6 prefix' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 5001 rdid 1 prefix 2001:db8:9::/64
	expect_fail 1 'in another routing domain' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 5001 rdid 2 prefix 2001:db8:9::/64
	expect_fail 1 'The prefix overlaps a virtual subnet of this routing domain' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 7001 rdid 1 prefix 2001:db8::/32
	expect_fail 1 'invalid "gateway": The gateway must be a host address inside the prefix' \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 7001 rdid 3 prefix 2001:db8:9::/64 gateway 2001:db8:8::1
	expect_fail 1 "invalid \"gateway\": The gateway must be of the prefix's family" \
		nvswitchctl -n "$(ns hv1)" vsubnet add sw0 vsid 7001 rdid 3 prefix 2001:db8:9::/64 gateway 10.9.0.1
	expect_fail 1 'The next hop is in no virtual subnet' \
		nvswitchctl -n "$(ns hv1)" route add sw0 rdid 1 prefix ::/0 nexthop 2001:db8:7::1
}

# a1 resolves its IPv6 gateway: the switch answers as a router (R flag)
# with the gateway MAC; a1 -> a2 stays on hv1.
gateway_nd_same_host() {
	local before=$NVSW_TMP/gw6.before moved
	stats_save hv1 "$before"
	ping_all a1 2001:db8:2::12 3
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	n a1 ip -6 neigh show 2001:db8:1::1 dev eth0 | grep -q "lladdr $GW_MAC router" ||
		{ n a1 ip -6 neigh show dev eth0 | sed 's/^/# /'; return 1; }
	[[ $moved =~ arp_replies=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2))
	[[ $moved =~ routed_packets=([0-9]+) ]] && ((BASH_REMATCH[1] >= 6))
	[[ $moved != *tx_packets* ]]
}

across_hosts_hop_limit() {
	local before=$NVSW_TMP/hl.before out moved
	stats_save hv2 "$before"
	cap_start a3-in6 a3 eth0 icmp6
	out=$(n a1 ping -c 2 -i 0.2 -W 2 2001:db8:2::13)
	cap_stop a3-in6
	moved=$(stats_delta hv2 "$before")
	# a3 answers with hop limit 64: hv2's switch makes it 63.
	grep -q "ttl=63" <<<"$out" || { echo "# $out"; return 1; }
	# The requests left a1 with 64 and reached a3 with 63, from the gateway MAC.
	check_eq "requests at a3 with hop limit 63 from the gateway MAC" \
		"$(cap_count a3-in6 "ether src $GW_MAC and icmp6 and ip6[40] == 128 and ip6[7] == 63")" 2
	check_eq "requests at a3 with another hop limit" \
		"$(cap_count a3-in6 'icmp6 and ip6[40] == 128 and ip6[7] != 63')" 0
	# hv2 took hv1's routed frames as routed, not as spoofed.
	[[ $moved != *spoofed* ]] || { echo "# hv2: $moved"; return 1; }
}

hop_limit_exceeded() {
	local before=$NVSW_TMP/hl1.before out moved
	stats_save hv1 "$before"
	out=$(n a1 ping -c 1 -t 1 -W 2 2001:db8:2::13 2>&1) || true
	moved=$(stats_delta hv1 "$before")
	grep -q "From 2001:db8:1::1 .*Time exceeded" <<<"$out" || { echo "# $out"; return 1; }
	[[ $moved =~ drops.ttl_exceeded=1( |$) ]] || { echo "# hv1: $moved"; return 1; }
}

domains_apart6() {
	local before=$NVSW_TMP/apart6.before moved
	# B's echo requests carry 280 bytes of payload, A's 64.
	cap_start a3-watch6 a3 eth0 icmp6
	cap_start b2-watch6 b2 eth0 icmp6
	n b1 ping -q -c 3 -s 272 -i 0.2 -W 2 2001:db8:2::13 | grep -q " 3 received"
	ping_all a1 2001:db8:2::13 3
	cap_stop a3-watch6
	cap_stop b2-watch6
	# Both were answered, and by their own domain's VM only.
	check_eq "B's requests at a3" "$(cap_count a3-watch6 'ip6[40] == 128 and ip6[4:2] == 280')" 0
	check_eq "A's requests at b2" "$(cap_count b2-watch6 'ip6[40] == 128 and ip6[4:2] == 64')" 0
	# 2001:db8:2::12 exists only in A; A's customer route not in B.
	stats_save hv1 "$before"
	ping_fail b1 2001:db8:2::12
	ping_fail b1 2001:db8:172::1
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.no_record=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1: $moved"; return 1; }
	[[ $moved =~ drops.no_ca_route=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1: $moved"; return 1; }
	[[ $moved != *tx_packets* ]] || { echo "# left hv1: $moved"; return 1; }
}

# a3 answers from 2001:db8:172::1, an address no record has: its switch
# and a1's accept it as sent by the route's next hop.
customer_route6() {
	ping_all a1 2001:db8:172::1 3
	ctl hv1 route del sw0 rdid 1 prefix 2001:db8:172::/48 nexthop 2001:db8:2::13
	# (That a deleted route stops routing, the IPv4 case showed.)
	check_eq "IPv6 routes after del" "$(ctl hv1 route show sw0 rdid 1 | grep 2001 || true)" ""
	ctl hv1 route add sw0 rdid 1 prefix 2001:db8:172::/48 nexthop 2001:db8:2::13
	ping_ok a1 2001:db8:172::1
}

explain_tells6() {
	local mtu=$((NVSW_UL_MTU - 42))
	explain_is hv1 "encap routed vsid 5002 ca 2001:db8:2::13 mac 02:00:00:00:50:13 pa 192.0.2.2 mtu $mtu" \
		dev p-a1 dst 2001:db8:2::13
	explain_is hv1 "encap routed vsid 5002 ca 2001:db8:2::13 mac 02:00:00:00:50:13 pa 192.0.2.2 mtu $mtu" \
		dev p-a1 dst 2001:db8:172::5
	explain_is hv1 "drop no_record routed vsid 5001 ca 2001:db8:1::1" dev p-a1 dst 2001:db8:1::1
	explain_is hv1 "drop no_record vsid 5002 ca 2001:db8:2::99" dev p-a2 dst 2001:db8:2::99
}

# One family of a dual-stack vsubnet goes; the other keeps routing.
vsubnet_del6() {
	local before=$NVSW_TMP/del6.before moved
	ctl hv1 vsubnet del sw0 vsid 5002 prefix 2001:db8:2::/64
	check_eq "5002 after" "$(ctl hv1 vsubnet show sw0 rdid 1 | grep 'vsid 5002')" \
		"vsid 5002 rdid 1 prefix 10.2.0.0/24 gateway 10.2.0.1"
	stats_save hv1 "$before"
	ping_fail a1 2001:db8:2::12
	moved=$(stats_delta hv1 "$before")
	[[ $moved =~ drops.no_ca_route=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) ||
		{ echo "# hv1: $moved"; return 1; }
	ping_ok a1 10.2.0.12
	ctl hv1 vsubnet add sw0 vsid 5002 rdid 1 prefix 2001:db8:2::/64
	ping_ok a1 2001:db8:2::12
}

# Longest-prefix match among thousands of routes (lookup in kmod/lpm.c).
# hv1 gets about 2000 IPv4 and 1200 IPv6 routes in RDID 1, nested four
# deep, whose next hops alternate between a2 (on hv1: the routed packet
# is delivered there, local_packets) and a3 (on hv2: NVGRE, tx_packets):
#
#   100.64.0.0/10                          via a3  (all of 100.64-100.127)
#   100.X.Y.0/20      1024 of them         via a2  (all of the /10)
#   100.X.Y+1.0/24    768                  via a3
#   100.X.Y+1.77/32   200                  via a2
#
# and the same shape in IPv6 under 2001:db8:100::/40 (/48s, /64s, /128s).
# The VMs have none of these addresses: packets go one way, and where
# hv1 sent them tells which route won.

# lpm_counts: what hv1 delivered here, sent to another host, and dropped
# for want of a route. Read in bash: a check costs three processes.
lpm_counts() {
	local json
	json=$(nq hv1 nvswitchctl -j stats show sw0) || return
	[[ $json =~ \"local_packets\":([0-9]+) ]] || return
	echo -n "${BASH_REMATCH[1]} "
	[[ $json =~ \"tx_packets\":([0-9]+) ]] || return
	echo -n "${BASH_REMATCH[1]} "
	[[ $json =~ \"no_ca_route\":([0-9]+) ]] || return
	echo "${BASH_REMATCH[1]}"
}

# lpm_where BEFORE: where hv1 sent the two packets routed since BEFORE
# (lpm_counts): to a2, to a3, or nowhere.
lpm_where() {
	local l0 t0 d0 l t d
	read -r l0 t0 d0 <<<"$1"
	read -r l t d <<<"$(lpm_counts)"
	case $((l - l0)),$((t - t0)),$((d - d0)) in
	2,0,0) echo a2 ;;
	0,2,0) echo a3 ;;
	0,0,2) echo none ;;
	*) echo "local +$((l - l0)) tx +$((t - t0)) no_ca_route +$((d - d0))"; return 1 ;;
	esac
}

# lpm_goes VM DST WANT: two packets from VM to DST reach WANT (a2, a3 or
# none: dropped as no_ca_route).
lpm_goes() {
	local before got
	before=$(lpm_counts)
	nq "$1" ping -q -c 2 -i 0.05 -W 0.1 "$2" >/dev/null 2>&1 || true
	got=$(slowwait 5 lpm_where "$before") || true
	check_eq "$1 -> $2" "$got" "$3"
}

lpm_routes_add() {
	local before
	before=$(ctl hv1 route show sw0 rdid 1 | wc -l)
	awk 'BEGIN {
		print "route add sw0 rdid 1 prefix 100.64.0.0/10 nexthop 10.2.0.13"
		for (i = 0; i < 1024; i++)
			printf "route add sw0 rdid 1 prefix 100.%d.%d.0/20 nexthop 10.2.0.12\n",
				64 + int(i / 16), i % 16 * 16
		for (i = 0; i < 768; i++)
			printf "route add sw0 rdid 1 prefix 100.%d.%d.0/24 nexthop 10.2.0.13\n",
				64 + int(i / 12), i % 12 * 16 + 1
		for (i = 0; i < 200; i++)
			printf "route add sw0 rdid 1 prefix 100.%d.%d.77/32 nexthop 10.2.0.12\n",
				64 + int(i / 4), i % 4 * 16 + 1
		print "route add sw0 rdid 1 prefix 2001:db8:100::/40 nexthop 2001:db8:2::13"
		for (i = 0; i < 256; i++)
			printf "route add sw0 rdid 1 prefix 2001:db8:1%02x::/48 nexthop 2001:db8:2::12\n", i
		for (i = 0; i < 768; i++)
			printf "route add sw0 rdid 1 prefix 2001:db8:1%02x:%x::/64 nexthop 2001:db8:2::13\n",
				int(i / 3), i % 3 + 1
		for (i = 0; i < 200; i++)
			printf "route add sw0 rdid 1 prefix 2001:db8:1%02x:1::77/128 nexthop 2001:db8:2::12\n", i
	}' | ctl hv1 -b -
	check_eq "routes of RD 1" "$(ctl hv1 route show sw0 rdid 1 | wc -l)" \
		$((before + 1993 + 1225))
}

lpm_longest() {
	lpm_goes a1 100.64.1.77 a2		# /32
	lpm_goes a1 100.64.1.78 a3		# /24
	lpm_goes a1 100.64.2.1 a2		# /20
	lpm_goes a1 100.127.177.77 a3	# the last /24, which no /32 is in
	# Deleting the more specific route moves the traffic to the next one.
	ctl hv1 route del sw0 rdid 1 prefix 100.64.1.77/32 nexthop 10.2.0.12
	lpm_goes a1 100.64.1.77 a3		# /24
	ctl hv1 route del sw0 rdid 1 prefix 100.64.1.0/24 nexthop 10.2.0.13
	lpm_goes a1 100.64.1.77 a2		# /20
	ctl hv1 route del sw0 rdid 1 prefix 100.64.0.0/20 nexthop 10.2.0.12
	lpm_goes a1 100.64.1.77 a3		# /10
	ctl hv1 route del sw0 rdid 1 prefix 100.64.0.0/10 nexthop 10.2.0.13
	lpm_goes a1 100.64.1.77 none
	lpm_goes a1 100.64.16.1 a2		# the next /20 stays
}

# A subnet's own route beats the domain's of the same prefix, for that
# subnet's VMs only; a longer route of the domain still beats it.
lpm_scoped() {
	ctl hv1 route add sw0 rdid 1 vsid 5001 prefix 100.65.1.0/24 nexthop 10.2.0.12
	lpm_goes a1 100.65.1.1 a2		# 5001's own /24
	lpm_goes a2 100.65.1.1 a3		# the domain's /24
	ctl hv1 route add sw0 rdid 1 vsid 5001 prefix 100.66.0.0/20 nexthop 10.2.0.13 metric 99
	lpm_goes a1 100.66.2.1 a3		# own /20: scope first, metric after
	lpm_goes a1 100.66.1.77 a2		# the domain's /32
	ctl hv1 route del sw0 rdid 1 vsid 5001 prefix 100.65.1.0/24 nexthop 10.2.0.12
	lpm_goes a1 100.65.1.1 a3
}

# Routes of one prefix: the lowest metric; of equal metrics, the oldest.
lpm_metric() {
	ctl hv1 -b - <<-EOF
	route add sw0 rdid 1 prefix 198.18.0.0/24 nexthop 10.2.0.13 metric 20
	route add sw0 rdid 1 prefix 198.18.0.0/24 nexthop 10.2.0.12 metric 10
	route add sw0 rdid 1 prefix 198.18.1.0/24 nexthop 10.2.0.13 metric 5
	route add sw0 rdid 1 prefix 198.18.1.0/24 nexthop 10.2.0.12 metric 5
	EOF
	lpm_goes a1 198.18.0.1 a2
	lpm_goes a1 198.18.1.1 a3
	ctl hv1 route del sw0 rdid 1 prefix 198.18.0.0/24 nexthop 10.2.0.12
	ctl hv1 route del sw0 rdid 1 prefix 198.18.1.0/24 nexthop 10.2.0.13
	lpm_goes a1 198.18.0.1 a3
	lpm_goes a1 198.18.1.1 a2
}

# A subnet beats a route of its own prefix, not a longer one.
lpm_subnet() {
	ctl hv1 -b - <<-EOF
	route add sw0 rdid 1 prefix 10.2.0.0/24 nexthop 10.2.0.13
	route add sw0 rdid 1 prefix 10.2.0.99/32 nexthop 10.2.0.13
	EOF
	lpm_goes a1 10.2.0.99 a3
	ping_all a1 10.2.0.12 2
	ctl hv1 route del sw0 rdid 1 prefix 10.2.0.99/32 nexthop 10.2.0.13
	ctl hv1 route del sw0 rdid 1 prefix 10.2.0.0/24 nexthop 10.2.0.13
}

lpm_longest6() {
	lpm_goes a1 2001:db8:100:1::77 a2	# /128
	lpm_goes a1 2001:db8:100:1::78 a3	# /64
	lpm_goes a1 2001:db8:100:4::1 a2	# /48
	ctl hv1 route del sw0 rdid 1 prefix 2001:db8:100:1::77/128 nexthop 2001:db8:2::12
	lpm_goes a1 2001:db8:100:1::77 a3	# /64
	ctl hv1 route del sw0 rdid 1 prefix 2001:db8:100:1::/64 nexthop 2001:db8:2::13
	lpm_goes a1 2001:db8:100:1::77 a2	# /48
	ctl hv1 route del sw0 rdid 1 prefix 2001:db8:100::/48 nexthop 2001:db8:2::12
	lpm_goes a1 2001:db8:100:1::77 a3	# /40
	ctl hv1 route del sw0 rdid 1 prefix 2001:db8:100::/40 nexthop 2001:db8:2::13
	lpm_goes a1 2001:db8:100:1::77 none
}

lpm_scoped_metric6() {
	ctl hv1 -b - <<-EOF
	route add sw0 rdid 1 vsid 5001 prefix 2001:db8:101:1::/64 nexthop 2001:db8:2::12
	route add sw0 rdid 1 prefix 2001:db8:198::/64 nexthop 2001:db8:2::13 metric 20
	route add sw0 rdid 1 prefix 2001:db8:198::/64 nexthop 2001:db8:2::12 metric 10
	EOF
	lpm_goes a1 2001:db8:101:1::1 a2	# 5001's own /64
	lpm_goes a2 2001:db8:101:1::1 a3	# the domain's /64
	lpm_goes a1 2001:db8:198::1 a2		# metric 10
	ctl hv1 route del sw0 rdid 1 prefix 2001:db8:198::/64 nexthop 2001:db8:2::12
	lpm_goes a1 2001:db8:198::1 a3
}

# Every route goes with the domain's last subnet; the tries with them
# (rdom_put() warns if not, and kmemleak would see the nodes).
lpm_flush() {
	ctl hv1 vsubnet del sw0 vsid 5001
	ctl hv1 vsubnet del sw0 vsid 5002
	check_eq "routes of RD 1" "$(ctl hv1 -j route show sw0 rdid 1)" "[]"
}

# Deleting a switch with routing state frees it (kmemleak, where on, and
# the module unload at the end check the rest).
switch_del() {
	ctl hv2 switch del sw0
	check_eq "switches on hv2" "$(n hv2 ip -o link show type nvswitch)" ""
}

run_test "vsubnets and routes are in place" config_in_place
run_test "bad vsubnets and routes are refused, naming the attribute" rejected
run_test "routed between subnets on one host, gateway ARP is the switch's MAC" same_host
run_test "routed across hosts, TTL down by exactly one" across_hosts_ttl
run_test "TTL 1 gets time exceeded from the gateway" ttl_exceeded
run_test "routing domains with the same prefixes never meet" domains_apart
run_test "a routed frame too big for the underlay gets its path MTU" routed_too_big
run_test "a customer route reaches its next hop, and goes" customer_route
run_test "explain tells what a frame would meet: port, host, route, drop" explain_tells
run_test "vsubnet del removes reachability" vsubnet_del
run_test "IPv6 prefixes make the vsubnets dual-stack; bad ones are refused" ipv6_setup
run_test "the IPv6 gateway is answered by ND with the switch MAC as a router; routed on one host" gateway_nd_same_host
run_test "IPv6 routed across hosts, hop limit down by exactly one" across_hosts_hop_limit
run_test "hop limit 1 gets ICMPv6 time exceeded from the gateway" hop_limit_exceeded
run_test "IPv6 routing domains with the same prefixes never meet" domains_apart6
run_test "an IPv6 customer route reaches its next hop, and goes" customer_route6
run_test "explain tells the same for IPv6" explain_tells6
run_test "vsubnet del of the IPv6 prefix leaves IPv4 routed" vsubnet_del6
run_test "about 3200 routes of assorted prefix lengths go in" lpm_routes_add
run_test "the longest prefix wins among 2000 IPv4 routes; deleting it falls back to the next" lpm_longest
run_test "a subnet's own route beats the domain's of equal length, not a longer one" lpm_scoped
run_test "among routes of one prefix the lowest metric wins, then the oldest" lpm_metric
run_test "a subnet beats a route of its prefix, not a longer one" lpm_subnet
run_test "the longest prefix wins among 1200 IPv6 routes; deleting it falls back to the next" lpm_longest6
run_test "IPv6: a subnet's own route beats the domain's; the lowest metric wins" lpm_scoped_metric6
run_test "the domain's last subnet takes its thousands of routes along" lpm_flush
run_test "a switch with routing state deletes cleanly" switch_del

nvsw_finish
