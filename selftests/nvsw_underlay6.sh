#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# NVGRE over an IPv6 underlay, and IPv4 and IPv6 PAs mixed on one switch:
#
#   hv1: PA 2001:db8:ff::1             vm1 10.0.0.1  VSID 5001
#   hv2: PAs 2001:db8:ff::2, 192.0.2.2 vm2 10.0.0.2  VSID 5001
#   hv3: PA 192.0.2.3                  vm3 10.0.0.3  VSID 5001
#        \___ ul0 ___ ul0 ___ ul0 ___ one underlay bridge ___/
#
# A record's PA decides the family of the outer header: hv1 and hv2 talk
# over IPv6, hv2 and hv3 over IPv4, and hv1, which has no IPv4 PA, cannot
# reach hv3 at all. Each host's records name the PA of the other host that
# it can reach: hv1 knows vm2 at 2001:db8:ff::2, hv3 at 192.0.2.2.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

VSID=5001
KEY=$((VSID << 8))

nvsw_begin 10

# hv6_create NAME ADDR4 ADDR6: a hypervisor whose ul0 has both families,
# with a switch sw0 that has no PA yet.
hv6_create() {
	local name=$1 addr4=$2 addr6=$3
	ns_create "$name"
	underlay_attach "$name" "$addr4"
	nq "$name" sysctl -qw net.ipv6.conf.ul0.disable_ipv6=0 \
		net.ipv6.conf.ul0.accept_dad=0
	n "$name" ip addr add "$addr6/64" dev ul0 nodad
	ctl "$name" switch add sw0
	n "$name" ip link set sw0 up
}

# record HV VM PA: HV learns that VM lives at PA.
record() {
	ctl "$1" record add sw0 vsid $VSID ca "${VM_CA[$2]}" mac "${VM_MAC[$2]}" pa "$3"
}

underlay_create
hv6_create hv1 192.0.2.1 2001:db8:ff::1
hv6_create hv2 192.0.2.2 2001:db8:ff::2
hv6_create hv3 192.0.2.3 2001:db8:ff::3
ctl hv1 pa add sw0 2001:db8:ff::1
ctl hv2 pa add sw0 2001:db8:ff::2
ctl hv2 pa add sw0 192.0.2.2
ctl hv3 pa add sw0 192.0.2.3
vm_create hv1 vm1 $VSID 10.0.0.1 02:00:00:00:50:01
vm_create hv2 vm2 $VSID 10.0.0.2 02:00:00:00:50:02
vm_create hv3 vm3 $VSID 10.0.0.3 02:00:00:00:50:03
record hv1 vm1 2001:db8:ff::1
record hv1 vm2 2001:db8:ff::2
record hv1 vm3 192.0.2.3
record hv2 vm1 2001:db8:ff::1
record hv2 vm2 2001:db8:ff::2
record hv2 vm3 192.0.2.3
record hv3 vm1 2001:db8:ff::1
record hv3 vm2 192.0.2.2
record hv3 vm3 192.0.2.3

# The first IPv6 PA of a netns brought the external ip6gretap device.
pas_and_device() {
	local hv
	for hv in hv1 hv2; do
		n "$hv" ip -d link show nvsw_gre6 | grep -q 'ip6gretap external'
	done
	! nq hv3 ip link show nvsw_gre6 >/dev/null 2>&1
	check_eq "hv2 PAs" "$(ctl hv2 pa show sw0 | tr '\n' ' ')" "2001:db8:ff::2 192.0.2.2 "
	ctl hv2 switch show sw0 | grep -q ' pa 2001:db8:ff::2,192.0.2.2 '
	check_eq "hv1 record of vm2" \
		"$(ctl hv1 -j record get sw0 vsid $VSID ca 10.0.0.2 | json_get pa)" 2001:db8:ff::2
	check_eq "hv1 records at 2001:db8:ff::2" \
		"$(ctl hv1 -j record show sw0 pa 2001:db8:ff::2 | json_len)" 1
}

# vm1 -> vm2 crosses the underlay as NVGRE in IPv6: the K bit, 0x6558, the
# VSID in the key, hv1's and hv2's IPv6 PAs outside, nothing in IPv4.
ipv6_underlay_on_the_wire() {
	cap_start v6 hv1 ul0 'ip6 proto 47 or proto 47'
	ping_all vm1 10.0.0.2 5
	cap_stop v6
	local fields
	fields=$(cap_fields v6 "gre" ipv6.src ipv6.dst gre.flags_and_version gre.proto gre.key | sort -u)
	echo "$fields" | sed 's/^/# /'
	check_eq "IPv4 GRE frames" "$(cap_count v6 'ip and proto 47')" 0
	grep -qE '^2001:db8:ff::1\|2001:db8:ff::2\|0x2000\|0x6558\|0x0*'"$(printf '%x' $((KEY >> 8)))"'[0-9a-f]{2}$' <<<"$fields"
	grep -qE '^2001:db8:ff::2\|2001:db8:ff::1\|0x2000\|0x6558\|' <<<"$fields"
	! grep -qvE '\|0x2000\|0x6558\|' <<<"$fields"
}

# hv2 reaches hv1 over IPv6 and hv3 over IPv4, from the PA of each family.
mixed_pas_on_one_switch() {
	cap_start mix hv2 ul0 'proto 47 or ip6 proto 47'
	ping_all vm2 10.0.0.1 3
	ping_all vm2 10.0.0.3 3
	cap_stop mix
	check_eq "IPv4 GRE hv2 -> hv3" \
		"$(cap_count mix 'src host 192.0.2.2 and dst host 192.0.2.3 and proto 47')" 3
	check_eq "IPv4 GRE hv3 -> hv2" \
		"$(cap_count mix 'src host 192.0.2.3 and dst host 192.0.2.2 and proto 47')" 3
	check_eq "IPv6 GRE hv2 -> hv1" \
		"$(cap_count mix 'src host 2001:db8:ff::2 and dst host 2001:db8:ff::1')" 3
}

# hv1 has no IPv4 PA: what it would send to hv3 is dropped as no_pa.
no_pa_of_the_family() {
	local before=$NVSW_TMP/nopa.before moved
	stats_save hv1 "$before"
	ping_fail vm1 10.0.0.3
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.no_pa=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2))
}

# A frame claiming vm2's MAC from an IPv6 host that is not vm2's PA is
# dropped as spoofed; vm1 never sees it.
spoofed_over_ipv6() {
	ns_create rogue
	underlay_attach rogue 192.0.2.9
	nq rogue sysctl -qw net.ipv6.conf.ul0.disable_ipv6=0 net.ipv6.conf.ul0.accept_dad=0
	n rogue ip addr add 2001:db8:ff::9/64 dev ul0 nodad
	n rogue ip link add g6 type ip6gretap local 2001:db8:ff::9 remote 2001:db8:ff::1 key $KEY
	nq rogue ip link set g6 address 02:00:00:00:50:02 up
	n rogue ip addr add 10.0.0.2/24 dev g6
	n rogue ip neigh add 10.0.0.1 lladdr 02:00:00:00:50:01 dev g6
	local before=$NVSW_TMP/spoof.before moved
	stats_save hv1 "$before"
	cap_start spoof vm1 eth0 'icmp'
	n rogue ping -q -c 3 -i 0.2 -W 1 10.0.0.1 >/dev/null 2>&1 || true
	cap_stop spoof
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	ns_del rogue
	check_eq "ICMP at vm1" "$(cap_count spoof)" 0
	[[ $moved =~ drops.spoofed=([0-9]+) ]] && ((BASH_REMATCH[1] >= 3))
}

# NVGRE over IPv6 adds 62 bytes: with an underlay MTU of 1500, a full-size
# frame gets "fragmentation needed" back, and TCP in the VM completes.
mtu_1500_tcp_completes() {
	local before=$NVSW_TMP/mtu.before moved
	underlay_mtu 1500 hv1 hv2
	stats_save hv1 "$before"
	tcp_copy vm1 vm2 10.0.0.2
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.too_big=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1))
	n vm1 ip route get 10.0.0.2 | grep -q 'mtu 1438'
}

# The last IPv6 PA gone, the switch lets go of the device; added again, it
# receives over IPv6 again, even after the operator deleted the device.
ipv6_pa_comes_and_goes() {
	nq hv1 ip link add brx type bridge
	# Attached: the rx handler slot is the switch's, a bridge cannot have it.
	! nq hv1 ip link set nvsw_gre6 master brx 2>/dev/null
	# Nor can a switch have it as a port, and it says why.
	expect_fail 1 'is an underlay device' ctl hv1 port add sw0 dev nvsw_gre6 vsid $VSID
	ctl hv1 pa del sw0 2001:db8:ff::1
	ping_fail vm2 10.0.0.1
	# Detached: the slot is free again.
	n hv1 ip link set nvsw_gre6 master brx
	n hv1 ip link set nvsw_gre6 nomaster
	nq hv1 ip link del brx
	n hv1 ip link del nvsw_gre6
	ctl hv1 pa add sw0 2001:db8:ff::1
	n hv1 ip -d link show nvsw_gre6 | grep -q 'ip6gretap external'
	ping_ok vm2 10.0.0.1
}

# Addresses that cannot name a host are refused, naming the attribute.
bad_pas_refused() {
	expect_fail 1 'invalid "pa": An IPv6 provider address must be global unicast' ctl hv1 pa add sw0 fe80::1
	expect_fail 1 'invalid "pa": An IPv6 provider address must be global unicast' ctl hv1 pa add sw0 ff02::1
	expect_fail 2 '"::ffff:192.0.2.9": IPv4-mapped' \
		ctl hv1 record add sw0 vsid $VSID ca 10.0.0.9 mac 02:00:00:00:50:09 pa ::ffff:192.0.2.9
	expect_fail 1 'invalid "pa": The address is already a provider address of this switch' \
		ctl hv1 pa add sw0 2001:db8:ff::1
	expect_fail 1 'invalid "pa": The address is not a provider address' ctl hv1 pa get sw0 2001:db8:ff::7
	expect_fail 2 "invalid address \"2001:db8::zz\"" ctl hv1 pa add sw0 2001:db8::zz
}

# Notifications name IPv6 PAs; a record moved from an IPv4 PA to an IPv6
# one (vm3, as if it had moved) takes the traffic with it.
monitor_and_family_change() {
	local out=$NVSW_TMP/mon.out mon
	nq hv3 nvswitchctl monitor config count 2 >"$out" 2>&1 &
	mon=$!
	sleep 0.5
	ctl hv3 pa add sw0 2001:db8:ff::3
	ctl hv3 record replace sw0 vsid $VSID ca 10.0.0.2 mac 02:00:00:00:50:02 pa 2001:db8:ff::2
	timeout 10 tail --pid=$mon -f /dev/null || kill $mon 2>/dev/null || true
	wait $mon || true
	sed 's/^/# /' "$out"
	grep -q "pa.*2001:db8:ff::3" "$out"
	grep -q "ca 10.0.0.2 mac 02:00:00:00:50:02 pa 2001:db8:ff::2" "$out"
	ctl hv2 record replace sw0 vsid $VSID ca 10.0.0.3 mac 02:00:00:00:50:03 pa 2001:db8:ff::3
	cap_start fam hv2 ul0 'ip6 proto 47 or proto 47'
	ping_all vm2 10.0.0.3 3
	cap_stop fam
	check_eq "IPv6 GRE hv2 -> hv3" \
		"$(cap_count fam 'src host 2001:db8:ff::2 and dst host 2001:db8:ff::3')" 3
	check_eq "IPv4 GRE" "$(cap_count fam 'ip and proto 47')" 0
}

# A PA the host does not have (a typo): nothing leaves with it as the
# source, what would have is counted no_route, as over IPv4. vm1's record
# follows the PA, as a controller's would: a VM stays this host's (and
# may send) only while policy places it at a PA of the switch.
pa_not_on_this_host() {
	local before=$NVSW_TMP/notlocal.before moved rc=0
	ctl hv1 pa del sw0 2001:db8:ff::1
	ctl hv1 pa add sw0 2001:db8:ff::11
	ctl hv1 record replace sw0 vsid $VSID ca 10.0.0.1 mac 02:00:00:00:50:01 pa 2001:db8:ff::11
	stats_save hv1 "$before"
	cap_start notlocal hv1 ul0 'ip6 proto 47'
	ping_fail vm1 10.0.0.2
	cap_stop notlocal
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	check_eq "NVGRE from 2001:db8:ff::11" \
		"$(cap_count notlocal 'src host 2001:db8:ff::11')" 0 || rc=1
	[[ $moved =~ drops.no_route=([0-9]+) ]] && ((BASH_REMATCH[1] >= 2)) || rc=1
	ctl hv1 pa del sw0 2001:db8:ff::11
	ctl hv1 pa add sw0 2001:db8:ff::1
	ctl hv1 record replace sw0 vsid $VSID ca 10.0.0.1 mac 02:00:00:00:50:01 pa 2001:db8:ff::1
	ping_ok vm1 10.0.0.2 && return $rc
}

run_test "IPv6 PAs: device, PA and record shown" pas_and_device
run_test "vm1 -> vm2 is NVGRE over IPv6 on the wire" ipv6_underlay_on_the_wire
run_test "one switch with IPv4 and IPv6 PAs reaches both" mixed_pas_on_one_switch
run_test "no PA of the record's family: dropped no_pa" no_pa_of_the_family
run_test "spoofed source over IPv6 dropped" spoofed_over_ipv6
run_test "IPv6 underlay MTU 1500, VM MTU 1500: TCP completes" mtu_1500_tcp_completes
run_test "IPv6 PA removed and added back, device re-created" ipv6_pa_comes_and_goes
run_test "bad IPv6 PAs refused with the attribute named" bad_pas_refused
run_test "notifications carry IPv6 PAs; a record changes family" monitor_and_family_change
run_test "an IPv6 PA the host does not have sends nothing" pa_not_on_this_host
nvsw_finish
