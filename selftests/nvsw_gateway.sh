#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A gateway to the physical network: internal ports, a VRF and NAT per
# tenant, and a site-to-site WireGuard tunnel (Documentation/gateway.rst).
# Red (VSID 5001, RDID 1) and Blue (VSID 6001, RDID 2) use the same
# addresses; both send everything off-subnet to the gateway CA 10.0.0.254.
#
#   hv1 (PA 192.0.2.1)   hv2 (PA 192.0.2.2)   gw (PA 192.0.2.3)
#   r1 10.0.0.10 Red     r2 10.0.0.20 Red     sw0 internal ports:
#   b1 10.0.0.10 Blue    b2 10.0.0.20 Blue      red0  10.0.0.254 in vrf-red
#        |                    |                 blue0 10.0.0.254 in vrf-blue
#   ====================== underlay ======================|
#                                                 gw: up0 --- phy: eth0 203.0.113.1
#                                                     red-up  203.0.113.11 (macvlan, vrf-red)
#                                                     blue-up 203.0.113.12 (macvlan, vrf-blue)
#                                                 gw: wan0 198.51.100.1 --- site: 198.51.100.2
#                                                     wg-red 10.99.0.1 (vrf-red) === wg0, lan0 172.16.0.1/24
#
# Each tenant's connections are tracked in its own conntrack zone, chosen by
# the interface they enter on, so the same 5-tuple from Red and Blue never
# meet, and each leaves NATed to its tenant's own address.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

GW_MAC=02:00:00:00:00:01
RED_GW_MAC=02:00:00:00:50:fe
BLUE_GW_MAC=02:00:00:00:60:fe
WG_PORT=51820

# What the gateway host uses besides the switch.
skip_all() {
	ktap_print_header
	ktap_skip_all "$1"
	rm -rf "$NVSW_TMP"
	exit "$ksft_skip"
}
for tool in nft wg socat; do
	command -v $tool >/dev/null || skip_all "$tool not found (scripts/install-deps.sh)"
done
modprobe -a vrf macvlan wireguard nf_conntrack nf_nat nf_tables nft_ct \
	nft_nat nft_chain_nat nft_masq 2>"$NVSW_TMP/modprobe.err" ||
	skip_all "$(head -n1 "$NVSW_TMP/modprobe.err")"

nvsw_begin 11

underlay_create
# A ping for the whole run keeps the kernel's timestamp static key on:
# every ping that starts or ends as the only timestamp user otherwise
# patches the receive path while other CPUs run it, which QEMU's TCG was
# seen to trip on ("Oops: int3" in netif_rx_internal).
n ul ping -q -i 10 127.0.0.1 >/dev/null &
disown
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
hv_create gw 192.0.2.3
vm_create hv1 r1 5001 10.0.0.10 02:00:00:00:50:10
vm_create hv2 r2 5001 10.0.0.20 02:00:00:00:50:20
vm_create hv1 b1 6001 10.0.0.10 02:00:00:00:60:10
vm_create hv2 b2 6001 10.0.0.20 02:00:00:00:60:20

# The gateway joins each tenant's subnet through an internal port.
ctl gw port add sw0 internal red0 vsid 5001 mac $RED_GW_MAC
ctl gw port add sw0 internal blue0 vsid 6001 mac $BLUE_GW_MAC

# Every host: where every VM and the gateway CA live, the subnets, and the
# customer routes that send the tenants' off-subnet traffic to the gateway.
for hv in hv1 hv2 gw; do
	n $hv ip link set sw0 address $GW_MAC
	{
		for vm in "${!VM_HV[@]}"; do
			echo "record add sw0 vsid ${VM_VSID[$vm]} ca ${VM_CA[$vm]}" \
				"mac ${VM_MAC[$vm]} pa ${HV_PA[${VM_HV[$vm]}]}"
		done
		cat <<-EOF
		record add sw0 vsid 5001 ca 10.0.0.254 mac $RED_GW_MAC pa 192.0.2.3
		record add sw0 vsid 6001 ca 10.0.0.254 mac $BLUE_GW_MAC pa 192.0.2.3
		vsubnet add sw0 vsid 5001 rdid 1 prefix 10.0.0.0/24 gateway 10.0.0.1
		vsubnet add sw0 vsid 6001 rdid 2 prefix 10.0.0.0/24 gateway 10.0.0.1
		route add sw0 rdid 1 prefix 0.0.0.0/0 nexthop 10.0.0.254
		route add sw0 rdid 1 prefix 172.16.0.0/24 nexthop 10.0.0.254
		route add sw0 rdid 2 prefix 0.0.0.0/0 nexthop 10.0.0.254
		EOF
	} | ctl $hv -b -
done
for vm in r1 r2 b1 b2; do n $vm ip route add default via 10.0.0.1; done

# The physical network: one host, one segment.
ns_create phy
nq gw ip link add up0 type veth peer name eth0 netns "$(ns phy)"
n phy ip addr add 203.0.113.1/24 dev eth0
nq phy ip link set eth0 up
nq gw ip link set up0 up

# The remote site: a WireGuard peer with the LAN 172.16.0.0/24 behind it.
ns_create site
nq gw ip link add wan0 type veth peer name wan0 netns "$(ns site)"
n gw ip addr add 198.51.100.1/24 dev wan0
n site ip addr add 198.51.100.2/24 dev wan0
nq gw ip link set wan0 up
nq site ip link set wan0 up
n site ip link add lan0 type dummy
n site ip addr add 172.16.0.1/24 dev lan0
nq site ip link set lan0 up

# The gateway: a VRF per tenant, holding its internal port, its own
# address on the physical network and, for Red, the tunnel to the site.
n gw sysctl -qw net.ipv4.ip_forward=1
tenant_vrf() {
	local t=$1 table=$2 up=$3
	n gw ip link add vrf-$t type vrf table "$table"
	nq gw ip link set vrf-$t up
	n gw ip link set ${t}0 master vrf-$t up
	n gw ip addr add 10.0.0.254/24 dev ${t}0
	n gw ip link add $t-up link up0 type macvlan mode private
	n gw ip link set $t-up master vrf-$t up
	n gw ip addr add "$up/24" dev $t-up
	n gw ip route add default via 203.0.113.1 dev $t-up vrf vrf-$t
}
tenant_vrf red 10 203.0.113.11
tenant_vrf blue 20 203.0.113.12

n gw nft -f - <<-EOF
table inet nvsw_gw {
	# Conntrack zone by tenant, before conntrack sees the packet.
	chain zone {
		type filter hook prerouting priority raw; policy accept;
		ct zone set iifname map { "red0" : 1, "red-up" : 1, "wg-red" : 1,
					  "blue0" : 2, "blue-up" : 2 }
	}
	chain nat {
		type nat hook postrouting priority srcnat; policy accept;
		oifname { "red-up", "blue-up" } masquerade
	}
}
EOF

wg_up() {
	local gw_key site_key
	gw_key=$(wg genkey)
	site_key=$(wg genkey)
	n gw ip link add wg-red type wireguard
	n gw wg set wg-red listen-port $WG_PORT private-key <(echo "$gw_key") \
		peer "$(wg pubkey <<<"$site_key")" endpoint 198.51.100.2:$WG_PORT \
		allowed-ips 172.16.0.0/24,10.99.0.0/30
	n gw ip link set wg-red master vrf-red up
	n gw ip addr add 10.99.0.1/30 dev wg-red
	n gw ip route add 172.16.0.0/24 dev wg-red vrf vrf-red
	n site ip link add wg0 type wireguard
	n site wg set wg0 listen-port $WG_PORT private-key <(echo "$site_key") \
		peer "$(wg pubkey <<<"$gw_key")" endpoint 198.51.100.1:$WG_PORT \
		allowed-ips 10.0.0.0/24,10.99.0.0/30
	n site ip addr add 10.99.0.2/30 dev wg0
	nq site ip link set wg0 up
	n site ip route add 10.0.0.0/24 dev wg0
}
wg_up

internal_ports() {
	check_eq "gw ports" "$(ctl gw port show sw0 | cut -d' ' -f1-4 | sort | paste -sd,)" \
		"blue0 vsid 6001 internal,red0 vsid 5001 internal"
	check_eq "red0 JSON" "$(ctl gw -j port get sw0 dev red0 | json_get internal)" true
	check_eq "red0 MAC" "$(n gw ip -j link show red0 | json_get address)" $RED_GW_MAC
	check_eq "red0 master" "$(n gw ip -j link show red0 | json_get master)" vrf-red
	# Its switch, records and PAs are here: it stays, and only port del
	# (or the switch going) removes it, as Open vSwitch's internal ports.
	expect_fail 2 'not supported' ip -n "$(ns gw)" link del red0
	expect_fail 2 '.' ip -n "$(ns gw)" link set red0 netns "$(ns phy)"
	n gw ip link show red0 >/dev/null
}

rejected() {
	expect_fail 1 'invalid "internal": A device of that name exists' \
		nvswitchctl -n "$(ns gw)" port add sw0 internal up0 vsid 5001
	NVSWITCHCTL_NO_CHECK=1 expect_fail 1 'invalid "mac": The MAC address must be unicast' \
		nvswitchctl -n "$(ns gw)" port add sw0 internal x0 vsid 5001 mac 01:00:5e:00:00:01
	expect_fail 2 'one of "dev IFNAME" or "internal NAME"' \
		nvswitchctl -n "$(ns gw)" port add sw0 dev up0 internal x0 vsid 5001
	expect_fail 2 '"0123456789abcdefXYZ"' \
		nvswitchctl -n "$(ns gw)" port add sw0 internal 0123456789abcdefXYZ vsid 5001
	NVSWITCHCTL_NO_CHECK=1 expect_fail 1 '.' \
		nvswitchctl -n "$(ns gw)" port add sw0 internal 0123456789abcdefXYZ vsid 5001
	# The internal port of one switch is no port for another.
	expect_fail 1 'already a port' \
		nvswitchctl -n "$(ns gw)" port add sw0 dev red0 vsid 5001
	check_eq "ports after rejections" "$(ctl gw -j port show sw0 | json_len)" 2
	! n gw ip link show x0 2>/dev/null
}

# Red and Blue, from both hypervisors, with the same addresses, reach the
# physical host; it sees each tenant as its own NAT address.
to_physical() {
	cap_start phy-in phy eth0 icmp
	ping_all r1 203.0.113.1 3
	ping_all r2 203.0.113.1 3
	n b1 ping -q -c 3 -s 272 -i 0.2 -W 2 203.0.113.1 | grep -q " 3 received"
	n b2 ping -q -c 3 -s 272 -i 0.2 -W 2 203.0.113.1 | grep -q " 3 received"
	cap_stop phy-in
	check_eq "Red's requests from 203.0.113.11" \
		"$(cap_count phy-in 'icmp[0] == 8 and ip[2:2] == 84 and src host 203.0.113.11')" 6
	check_eq "Blue's requests from 203.0.113.12" \
		"$(cap_count phy-in 'icmp[0] == 8 and ip[2:2] == 300 and src host 203.0.113.12')" 6
	check_eq "requests from tenant addresses" "$(cap_count phy-in 'net 10.0.0.0/24')" 0
	# The gateway's switch counted both directions on the internal ports.
	[ "$(ctl gw -j port get sw0 dev red0 | json_get rx_packets)" -ge 6 ]
	[ "$(ctl gw -j port get sw0 dev blue0 | json_get tx_packets)" -ge 6 ]
}

tcp_to_physical() {
	tcp_copy r1 phy 203.0.113.1
	tcp_copy b2 phy 203.0.113.1
}

# The very same flow, 10.0.0.10:7000 -> 203.0.113.1:6000 UDP, from Red then
# Blue: in one conntrack zone Blue's datagram would be taken for Red's and
# leave as Red's address; in a zone each, each leaves as its own.
same_flow_both_tenants() {
	local vm
	cap_start phy-udp phy eth0 udp dst port 6000
	for vm in r1 b1; do
		echo "$vm" | n $vm socat -u - UDP:203.0.113.1:6000,sourceport=7000
		sleep 0.5
	done
	cap_stop phy-udp
	check_eq "Red's datagram" "$(cap_count phy-udp 'src host 203.0.113.11')" 1
	check_eq "Blue's datagram" "$(cap_count phy-udp 'src host 203.0.113.12')" 1
}

tenants_apart() {
	cap_start b2-watch b2 eth0 icmp
	cap_start r2-watch r2 eth0 icmp
	ping_all r1 10.0.0.20 3
	cap_stop b2-watch
	cap_stop r2-watch
	check_eq "Red's requests at b2" "$(cap_count b2-watch)" 0
	check_eq "Red's requests at r2" "$(cap_count r2-watch 'icmp[0] == 8')" 3
	# Blue has no tunnel: the site is not Blue's to reach.
	ping_fail b1 172.16.0.1
}

# Red reaches the remote site through its VRF's WireGuard tunnel; on the
# wire between the gateway and the site there is only encrypted UDP.
site_to_site() {
	cap_start wan gw wan0
	ping_all r1 172.16.0.1 3
	ping_all r2 172.16.0.1 3
	cap_stop wan
	[ "$(cap_count wan "udp port $WG_PORT")" -ge 12 ]
	check_eq "clear ICMP on the WAN" "$(cap_count wan icmp)" 0
	tcp_copy site r1 10.0.0.10
}

port_del() {
	ctl gw port del sw0 dev blue0
	! n gw ip link show blue0 2>/dev/null
	check_eq "vrf-blue's slaves" "$(n gw ip -o link show master vrf-blue | awk '{print $2}')" "blue-up@up0:"
	ping_fail b1 203.0.113.1
	ping_ok r1 203.0.113.1
	# Made again, it works again.
	ctl gw port add sw0 internal blue0 vsid 6001 mac $BLUE_GW_MAC
	n gw ip link set blue0 master vrf-blue up
	n gw ip addr add 10.0.0.254/24 dev blue0
	ping_ok b1 203.0.113.1
}

# A netns that goes with its switch and an internal port in a VRF.
netns_del() {
	ns_create tmp
	ctl tmp switch add sw0
	ctl tmp port add sw0 internal i0 vsid 5001
	n tmp ip link add vrf-t type vrf table 10
	n tmp ip link set i0 master vrf-t up
	ns_del tmp
}

switch_del() {
	ctl gw switch del sw0
	check_eq "internal ports after switch del" \
		"$(n gw ip -o link show | grep -cE ': (red0|blue0)[:@]')" 0
	check_eq "vrf-red's slaves" "$(n gw ip -o link show master vrf-red | awk '{print $2}' | paste -sd,)" \
		"red-up@up0:,wg-red:"
}

run_test "internal ports: made by the switch, in a VRF, refuse ip link del and netns moves" internal_ports
run_test "bad internal ports are refused, naming the attribute or token" rejected
run_test "both tenants, same addresses, reach the physical host NATed to their own address" to_physical
run_test "TCP from both tenants to the physical host" tcp_to_physical
run_test "the same UDP flow from both tenants: a conntrack zone each, two NAT sources" same_flow_both_tenants
run_test "Red never reaches Blue" tenants_apart
run_test "Red reaches the remote site over WireGuard, encrypted on the wire" site_to_site
run_test "port del removes the internal port, port add brings it back" port_del
run_test "a netns with a switch and an internal port in a VRF goes cleanly" netns_del
run_test "switch del removes its internal ports" switch_del
run_test "kernel log clean after the gateway scenarios" check_kernel_log

nvsw_finish
