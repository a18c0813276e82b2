#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Crafted packets from the underlay towards a switch:
#
#   evil 192.0.2.2 (frames) == underlay == hv1 ul0 192.0.2.1, sw0 PA 192.0.2.1
#                                            +-- red1  10.0.0.1 VSID 5001
#                                            +-- blue1 10.0.0.1 VSID 6001
#   records on hv1: red1 and blue1 local, red2 (10.0.0.2) remote at 192.0.2.2
#
# The inner source is red2 (its MAC, at its PA 192.0.2.2), except in the
# spoof_* cases: another outer source PA, a MAC without a record, an IPv4
# source that is not red2's CA.
#
# Each kind of bad packet is sent three times. nvswitch drops it and counts
# the reason; packets the kernel's GRE receive already rejects (wrong
# version, truncated header, bad checksum) never reach nvswitch and move no
# counter. Nothing but the positive control reaches a VM.
#
# Each drop is also seen where an operator would look: as an nvswitch:drop
# tracepoint with its reason, as skb:kfree_skb with the kernel's drop
# reason nvswitch gives it (what dropwatch and pwru show), in ethtool -S
# and by perf record.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

# As in nvsw_badpackets_frames.py, which builds the frames.
RED=5001
BLUE=6001
RED1_MAC=02:00:00:00:50:01
RED2_MAC=02:00:00:00:50:02
BLUE1_MAC=02:00:00:00:60:01

# Every case: NAME, the counters it must move ("" for a kernel drop, "a|b"
# when either is right), built by nvsw_badpackets_frames.py. ip_gre itself
# drops a C-bit packet on a tunnel without "csum" (ip_tunnel_rcv), so the
# collect_md device may never hand one to nvswitch.
CASES=(
	"positive|rx_packets=3"
	"flowid_any|rx_packets=3"
	"gre_version1|"
	"csum_bad|"
	"truncated_gre|"
	"truncated_key|"
	"truncated_inner||drops.malformed=3"
	"csum_ok||drops.bad_gre=3"
	"seq|drops.bad_gre=3"
	"seq_key_is_header|drops.bad_gre=3"
	"no_key|drops.bad_gre=3"
	"routing|"
	"unknown_vsid|drops.unknown_vsid=3"
	"vsid_0|drops.reserved_vsid=3"
	"vsid_4095|drops.reserved_vsid=3"
	"vsid_ffffff|drops.reserved_vsid=3"
	"vlan|drops.vlan_tagged=3"
	"qinq|drops.vlan_tagged=3"
	"no_record|drops.no_record=3"
	"other_tenant|drops.no_record=3"
	"not_local|drops.not_local=3"
	"broadcast|drops.broadcast=3"
	"spoof_pa|drops.spoofed=3"
	"spoof_mac|drops.spoofed=3"
	"spoof_ca|drops.spoofed=3"
)
if [ ! -r "$NVSW_SELFTESTS/nvsw_badpackets.frames" ]; then
	ktap_print_header
	ktap_skip_all "nvsw_badpackets.frames missing: build it with make -C selftests"
	exit "$ksft_skip"
fi
nvsw_begin $((${#CASES[@]} + 5))

underlay_create
hv_create hv1 192.0.2.1
vm_create hv1 red1 $RED 10.0.0.1 $RED1_MAC
vm_create hv1 blue1 $BLUE 10.0.0.1 $BLUE1_MAC
records_push
ctl hv1 record add sw0 vsid $RED ca 10.0.0.2 mac $RED2_MAC pa 192.0.2.2
ns_create evil
underlay_attach evil 192.0.2.2
# The outer MACs of the frames sent below.
nq evil ip link set ul0 address 02:00:00:00:ee:02
nq hv1 ip link set ul0 address 02:00:00:00:ee:01

# The kernel's drop reason for nvswitch's (kmod/drop.c), where one fits.
declare -A KERNEL_REASON=(
	[bad_gre]=UNHANDLED_PROTO [vlan_tagged]=UNHANDLED_PROTO
	[malformed]=HDR_TRUNC [not_local]=OTHERHOST
)
# skb:kfree_skb only where nvsw_drop() frees: its return address (location)
# lies between nvsw_drop and the next symbol of the module.
read -r DROP_START DROP_END < <(grep '\[nvswitch\]$' /proc/kallsyms | sort |
	awk 'start { print "0x" start, "0x" $1; exit } $3 == "nvsw_drop" { start = $1 }')
trace_start nvswitch:drop nvswitch:miss nvswitch:encap nvswitch:decap skb:kfree_skb
trace_filter skb:kfree_skb "location >= $DROP_START && location < $DROP_END"

# Let both ports learn their VM's MAC. 10.0.0.9 has no record: blue1
# would go on asking for it for seconds, and a request during the first
# case moved its counters (drops.no_record), so its entry is forgotten.
n red1 ping -c 1 -W 1 10.0.0.2 >/dev/null || true
ping_fail blue1 10.0.0.9 || true

# The frames were built with scapy on the host (make -C selftests:
# nvsw_badpackets_frames.py says what each one is), addressed from and to
# the underlay MACs set above.
frames_start evil ul0 "$NVSW_SELFTESTS/nvsw_badpackets.frames"

# red1's echo request to red2, 98 bytes from 192.0.2.1 to its PA.
ENCAPS=$(trace_read | grep -c ' encap: dev=sw0 vsid=5001 flowid=[0-9]* len=98 src=::ffff:192.0.2.1 dst=::ffff:192.0.2.2$' || true)

ul0_rx() {
	nq hv1 cat /sys/class/net/ul0/statistics/rx_packets
}

# moved_counters: what moved since $BEFORE, byte counters left out.
BEFORE=$NVSW_TMP/before
moved_counters() {
	stats_delta hv1 "$BEFORE" | tr ' ' '\n' | grep -v '_bytes=' | paste -sd' ' -
}

# traced_count REGEX: how many events of the case matched.
traced_count() {
	trace_read | grep -cE "$1" || true
}

# traced NAME MOVED: the tracepoints saw what the counters MOVED say.
traced() {
	local word reason n kernel rc=0 got want
	for word in $2; do
		reason=${word%=*} n=${word#*=}
		case $reason in
		drops.*)
			reason=${reason#drops.}
			got=$(traced_count " drop: dev=sw0 vsid=[0-9]+ port=0 from=underlay reason=$reason\$")
			check_eq "$1: nvswitch:drop reason=$reason" "$got" "$n" || rc=1
			kernel=${KERNEL_REASON[$reason]:-NOT_SPECIFIED}
			got=$(traced_count " kfree_skb: .* reason: $kernel\$")
			check_eq "$1: skb:kfree_skb from nvsw_drop, reason $kernel" "$got" "$n" || rc=1
			;;
		rx_packets)
			got=$(traced_count " decap: dev=sw0 vsid=$RED flowid=[0-9]+ len=[0-9]+ src=::ffff:192.0.2.2 dst=::ffff:192.0.2.1\$")
			check_eq "$1: nvswitch:decap" "$got" "$n" || rc=1
			;;
		esac
	done
	case $1 in
	no_record|other_tenant)
		want=" miss: dev=sw0 vsid=[0-9]+ port=0 source=underlay ca=:: mac=[0-9a-f:]+ pa=::ffff:192.0.2.2\$"
		check_eq "$1: nvswitch:miss" "$(traced_count "$want")" 3 || rc=1
		;;
	esac
	return $rc
}

one_case() {
	local name=$1 want=$2 rx moved
	stats_save hv1 "$BEFORE"
	trace_clear
	rx=$(ul0_rx)
	frames_send "$name" 3
	# The packets arrived at hv1 (whoever dropped them).
	slowwait 5 eval '(($(ul0_rx) - rx >= 3))'
	sleep 0.2
	moved=$(moved_counters)
	if ! [[ "|$want|" == *"|$moved|"* ]]; then
		echo "# $name: counters moved '$moved', want '${want//|/' or '}'"
		return 1
	fi
	traced "$name" "$moved"
}

cap_start red1 red1 eth0
cap_start blue1 blue1 eth0
RESULTS=$NVSW_TMP/results
for c in "${CASES[@]}"; do
	name=${c%%|*}
	if (set -e; one_case "$name" "${c#*|}"); then
		echo "$name ok"
	else
		echo "$name fail"
	fi
done >"$RESULTS"
cap_stop red1
cap_stop blue1

# markers VM: the case marker of every frame VM got, one per line. tcpdump
# also hex-dumps frames of unknown ethertypes (lines "\t0x0000: ..." that
# wrap every 16 bytes); only its ASCII line per frame counts.
markers() {
	tcpdump -r "$(cap_file "$1")" -n -A 2>/dev/null | grep -v $'^\t0x' |
		grep -oE 'nvsw-case-[a-z0-9_]+$' || true
}

markers red1 >"$NVSW_TMP/red1.markers"
markers blue1 >"$NVSW_TMP/blue1.markers"

# delivered VM NAME: how many frames of case NAME reached VM.
delivered() {
	grep -cx "nvsw-case-$2" "$NVSW_TMP/$1.markers" || true
}

check_case() {
	local name=$1 want_red1=0
	grep -q "^$name ok$" "$RESULTS"
	case $name in
	positive|flowid_any) want_red1=3 ;;
	esac
	check_eq "$name frames at red1" "$(delivered red1 "$name")" $want_red1
	check_eq "$name frames at blue1" "$(delivered blue1 "$name")" 0
}

cat "$RESULTS" | sed 's/^/# /'
for c in "${CASES[@]}"; do
	name=${c%%|*}
	want=${c#*|}
	run_test "$name: ${want:-dropped by the kernel, no counter}, delivered only if valid" check_case "$name"
done
only_positives() {
	check_eq "crafted frames at red1" \
		"$(sort "$NVSW_TMP/red1.markers" | uniq -c | paste -sd' ' | tr -s ' ')" \
		" 3 nvsw-case-flowid_any 3 nvsw-case-positive"
	check_eq "crafted frames at blue1" \
		"$(grep -c . "$NVSW_TMP/blue1.markers" || true)" 0
}
run_test "nothing but the positive controls reached a VM" only_positives

run_test "a frame sent to a remote VM is traced as nvswitch:encap" \
	check_eq "encap events" "$ENCAPS" 1

ethtool_names_driver() {
	check_eq "driver" "$(nq hv1 ethtool -i sw0 | sed -n 's/^driver: //p')" nvswitch
}
run_test "ethtool -i sw0 names the nvswitch driver" ethtool_names_driver

# ethtool -S sw0 as "key=value" lines, named as nvswitchctl stats names them.
ethtool_flat() {
	nq hv1 ethtool -S sw0 | awk -F': *' 'NR > 1 { sub(/^ */, "", $1)
		sub(/^drop_/, "drops.", $1); print $1 "=" $2 }' | sort
}
ethtool_equals_stats() {
	local ctl
	ctl=$(stats_flat hv1 | grep -Ev '^(rx|tx)_dropped=')
	check_eq "ethtool -S sw0" "$(ethtool_flat)" "$ctl"
}
run_test "ethtool -S sw0 gives every counter and drop reason of nvswitchctl stats" \
	ethtool_equals_stats

# perf record, around three frames the host itself sends on the switch
# device (dropped as host_tx before dev_queue_xmit() returns).
perf_sees_drops() {
	local data=$NVSW_TMP/perf.data
	perf record -q -e nvswitch:drop -a -o "$data" -- \
		ip netns exec "$(ns hv1)" $PYTHON -c 'import socket
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("sw0", 0))
for _ in range(3):
    s.send(bytes.fromhex("ffffffffffff020000000001" "0800") + bytes(46))' \
		2>"$NVSW_TMP/perf.err" || { sed 's/^/# /' "$NVSW_TMP/perf.err"; return 1; }
	check_eq "perf script" "$(perf script -i "$data" 2>/dev/null |
		grep -c 'nvswitch:drop: dev=sw0 vsid=0 port=0 from=port reason=host_tx$')" 3
}
run_test "perf record -e nvswitch:drop sees each drop with its reason" perf_sees_drops

nvsw_finish
