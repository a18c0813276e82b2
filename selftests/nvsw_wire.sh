#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What nvswitch puts on the wire, decoded by tshark and tcpdump:
#
#   red1 -- hv1 sw0 (PA 192.0.2.1) ==== underlay ==== hv2 sw0 (PA 192.0.2.2) -- red2
#
# RFC 7637: GRE with only the K bit (flags 0x2000), protocol 0x6558
# (transparent Ethernet bridging), key = VSID << 8 | FlowID, inner frame
# untagged. The FlowID is a stable per-flow hash ("flowid hash") or 0
# ("flowid zero").
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001

nvsw_begin 10

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
vm_create hv1 red1 $RED 10.0.0.1 02:00:00:00:50:01
vm_create hv2 red2 $RED 10.0.0.2 02:00:00:00:50:02
records_push
ping_ok red1 10.0.0.2	# resolve ARP before measuring

# send_flows VM DST FLOWS: FLOWS UDP flows (source ports 40000..) of 3
# datagrams each, plus 4 pings (one ICMP flow).
send_flows() {
	n "$1" $PYTHON - "$2" "$3" <<-'EOF'
		import socket, sys, time
		dst, flows = sys.argv[1], int(sys.argv[2])
		for i in range(flows):
		    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
		    s.bind(("", 40000 + i))
		    for _ in range(3):
		        s.sendto(b"nvsw-flow-%d" % i, (dst, 9000))
		    s.close()
		    time.sleep(0.01)
	EOF
	n "$1" ping -q -c 4 -i 0.2 -W 2 "$2" >/dev/null
}

# capture_flows ID: capture hv1's NVGRE towards hv2 while red1 sends flows.
capture_flows() {
	cap_start "$1" hv1 ul0 ip proto 47 and src host 192.0.2.1
	send_flows red1 10.0.0.2 16
	cap_stop "$1"
	cap_read "$1" >"$NVSW_TMP/$1.txt"
	local count
	count=$(wc -l <"$NVSW_TMP/$1.txt")
	((count >= 16 * 3 + 4)) || {
		echo "# only $count NVGRE packets captured, counters:"
		stats_flat hv1 | grep -v '=0$' | sed 's/^/#   /'
		return 1
	}
}

# One packet as tcpdump -e -v prints it, outer and inner frames.
NVGRE_RE='proto GRE \(47\).* ([0-9.]+) > ([0-9.]+): GREv([0-9]+), Flags \[([^]]*)\], key=0x([0-9a-f]+), proto [^ ]+ \((0x[0-9a-f]+)\), length [0-9]+[[:space:]]+([0-9a-f:]+) > ([0-9a-f:]+), ethertype [^(]*\((0x[0-9a-f]+)\)(.*)$'

# check_headers ID: every packet is RFC 7637 NVGRE of VSID 5001 from the
# first PA, K bit only, inner frame untagged.
check_headers() {
	local line key
	while read -r line; do
		if ! [[ $line =~ $NVGRE_RE ]]; then
			echo "# not NVGRE: $line"
			return 1
		fi
		key=$((16#${BASH_REMATCH[5]}))
		check_eq "outer source" "${BASH_REMATCH[1]}" 192.0.2.1
		check_eq "GRE version" "${BASH_REMATCH[3]}" 0
		check_eq "GRE flags" "${BASH_REMATCH[4]}" "key present"
		check_eq "GRE protocol" "${BASH_REMATCH[6]}" 0x6558
		check_eq "VSID" $((key >> 8)) $RED
		check_eq "inner ethertype" "${BASH_REMATCH[9]}" 0x0800
	done <"$NVSW_TMP/$1.txt"
}

headers_are_rfc7637() {
	capture_flows hash
	check_headers hash
	# tshark reads the same bits: flags and version 0x2000, TEB.
	check_eq "tshark: GRE flags|protocol" \
		"$(cap_fields hash gre gre.flags_and_version gre.proto | sort -u)" "0x2000|0x6558"
	head -n 1 "$NVSW_TMP/hash.txt" | sed 's/^/# /'
}

# flowids ID: "sport flowid" for each UDP packet, "icmp flowid" for pings.
flowids() {
	local line flowid
	while read -r line; do
		[[ $line =~ $NVGRE_RE ]] || continue
		flowid=$((16#${BASH_REMATCH[5]} & 255))
		if [[ $line =~ 10\.0\.0\.1\.([0-9]+)\ \>\ 10\.0\.0\.2\.9000 ]]; then
			echo "${BASH_REMATCH[1]} $flowid"
		elif [[ $line == *"ICMP echo request"* ]]; then
			echo "icmp $flowid"
		fi
	done <"$NVSW_TMP/$1.txt" | sort -u
}

hash_is_stable_per_flow() {
	local ids per_flow distinct
	ids=$(flowids hash)
	# One FlowID per flow...
	per_flow=$(awk '{ print $1 }' <<<"$ids" | uniq -d)
	check_eq "flows with more than one FlowID" "$per_flow" ""
	# ...and 17 flows do not all hash to the same one.
	distinct=$(awk '{ print $2 }' <<<"$ids" | sort -u | wc -l)
	echo "# 17 flows got $distinct distinct FlowIDs"
	((distinct >= 2))
}

first_pa_is_the_source() {
	# A second PA, added later, is not used as the source.
	n hv1 ip addr add 192.0.2.11/24 dev ul0
	ctl hv1 pa add sw0 192.0.2.11
	check_eq "PAs" "$(ctl hv1 -j pa show sw0 | tr -d ' \n')" '["192.0.2.1","192.0.2.11"]'
	cap_start second-pa hv1 ul0 ip proto 47
	ping_all red1 10.0.0.2 3
	cap_stop second-pa
	check_eq "outer sources" \
		"$(cap_read second-pa dst host 192.0.2.2 | grep -oE '[0-9.]+ > 192\.0\.2\.2: GRE' | sort -u)" \
		"192.0.2.1 > 192.0.2.2: GRE"
}

flowid_zero() {
	ctl hv1 switch set sw0 flowid zero
	ctl hv1 -j switch show sw0 | grep -q '"flowid": *"zero"'
	capture_flows zero
	check_headers zero
	local keys
	keys=$(grep -oE 'key=0x[0-9a-f]+' "$NVSW_TMP/zero.txt" | sort -u)
	check_eq "keys with flowid zero" "$keys" "$(printf 'key=0x%x' $((RED << 8)))"
}

receive_accepts_any_flowid() {
	# hv2 is still hashing: its replies carry FlowIDs other than 0 and
	# reach red1 anyway (and hv1 in flowid zero mode sends 0 to hv2).
	cap_start back hv1 ul0 ip proto 47 and src host 192.0.2.2
	ping_all red1 10.0.0.2 3
	cap_stop back
	local key
	for key in $(cap_read back | grep -oE 'key=0x[0-9a-f]+' | sort -u); do
		key=${key#key=}
		echo "# hv2 sent FlowID $((key & 255))"
	done
	ctl hv2 switch set sw0 flowid zero
	ping_all red1 10.0.0.2 3
	ctl hv2 switch set sw0 flowid hash
	ping_all red1 10.0.0.2 3
}

run_test "NVGRE headers: K bit only, TEB, VSID in the key, untagged" headers_are_rfc7637
run_test "flowid hash: one FlowID per flow, different flows differ" hash_is_stable_per_flow
run_test "the first PA is the outer source" first_pa_is_the_source
run_test "flowid zero: key is VSID << 8" flowid_zero
run_test "receive accepts any FlowID" receive_accepts_any_flowid
no_drops() {
	local drops
	drops=$( (stats_flat hv1 | sed 's/^/hv1 /'; stats_flat hv2 | sed 's/^/hv2 /') | grep 'drops\..*=[1-9]' || true)
	check_eq "drops" "$drops" ""
}

run_test "no drops on either host" no_drops

# outer_tos ID: the outer IPv4 DS field of each captured NVGRE packet.
outer_tos() {
	cap_read "$1" | awk 'match($0, /tos 0x[0-9a-f]+/) { print substr($0, RSTART + 4, RLENGTH - 4) }'
}

# dscp_case ID INNER OUTER: red1 pings with DS field INNER, and hv1's
# NVGRE carries OUTER.
dscp_case() {
	cap_start "$1" hv1 ul0 ip proto 47 and src host 192.0.2.1
	n red1 ping -q -c 2 -i 0.2 -Q "$2" 10.0.0.2 >/dev/null
	cap_stop "$1"
	check_eq "$1: outer DS field for inner $2" "$(outer_tos "$1" | sort -u)" "$3"
}

# ECN always follows RFC 6040's normal mode (CE copied too). The DSCP is
# the switch's, 0 unless set, as the kernel's own tunnels do: a tenant does
# not choose its class in the provider network. As tcpdump prints them:
# EF + ECT(1), CE, best effort.
dscp_is_the_switchs() {
	dscp_case default-ef 0xb9 0x1 &&
		dscp_case default-ce 0x3 0x3 &&
		dscp_case default-be 0x0 0x0 &&
		check_eq "shown" "$(ctl hv1 -j switch show sw0 | json_get dscp)" 0 &&
		ctl hv1 switch set sw0 dscp 10 &&
		dscp_case af11-ef 0xb9 0x29 &&
		dscp_case af11-be 0x0 0x28
	local rc=$?
	ctl hv1 switch set sw0 dscp 0
	return $rc
}

# dscp inherit: DiffServ's uniform model, the outer DS field is the inner one.
dscp_inherit() {
	ctl hv1 switch set sw0 dscp inherit &&
		check_eq "shown" "$(ctl hv1 -j switch show sw0 | json_get dscp)" inherit &&
		dscp_case inherit-ef 0xb9 0xb9 &&
		dscp_case inherit-ce 0x3 0x3 &&
		dscp_case inherit-be 0x0 0x0
	local rc=$?
	ctl hv1 switch set sw0 dscp 0
	return $rc
}

# An underlay router marks CE on the outer header (tc pedit on hv2's
# ul0): the VM gets the mark on the inner header, its DSCP untouched.
ce_reaches_the_vm() {
	n hv2 tc qdisc add dev ul0 clsact
	n hv2 tc filter add dev ul0 ingress protocol ip u32 match ip protocol 47 0xff \
		action pedit ex munge ip tos set 0xbb pipe action csum ip
	cap_start ce red2 eth0 icmp
	n red1 ping -q -c 2 -i 0.2 -Q 0xba 10.0.0.2 >/dev/null
	cap_stop ce
	n hv2 tc qdisc del dev ul0 clsact
	check_eq "inner DS field at red2" \
		"$(cap_read ce 'icmp[icmptype] == icmp-echo' | grep -oE 'tos 0x[0-9a-f]+' | sort -u)" "tos 0xbb"
}

# RFC 7637 forbids fragmenting NVGRE: with an underlay MTU of 1500 and VMs
# at 1500, a full-size frame gets ICMP "fragmentation needed" back, and TCP
# in the VM adapts and completes.
mtu_1500_tcp_completes() {
	local before=$NVSW_TMP/mtu.before
	underlay_mtu 1500 hv1 hv2
	stats_save hv1 "$before"
	tcp_copy red1 red2 10.0.0.2
	local moved
	moved=$(stats_delta hv1 "$before")
	echo "# hv1: $moved"
	[[ $moved =~ drops.too_big=([0-9]+) ]] && ((BASH_REMATCH[1] >= 1))
	# red1 learnt the path MTU: 1500 minus NVGRE's 42 bytes.
	n red1 ip route get 10.0.0.2 | grep -q 'mtu 1458'
}

run_test "outer DSCP the switch's (0, then 10), ECN copied from the inner header" dscp_is_the_switchs
run_test "dscp inherit: outer DS field copied from the inner header" dscp_inherit
run_test "CE marked on the underlay reaches the VM" ce_reaches_the_vm
run_test "underlay MTU 1500, VM MTU 1500: TCP completes" mtu_1500_tcp_completes

nvsw_finish
