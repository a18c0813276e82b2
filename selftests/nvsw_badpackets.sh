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
nvsw_begin $((${#CASES[@]} + 1))

underlay_create
hv_create hv1 192.0.2.1
vm_create hv1 red1 $RED 10.0.0.1 $RED1_MAC
vm_create hv1 blue1 $BLUE 10.0.0.1 $BLUE1_MAC
records_push
ctl hv1 lookup add sw0 vsid $RED ca 10.0.0.2 mac $RED2_MAC pa 192.0.2.2
ns_create evil
underlay_attach evil 192.0.2.2
# The outer MACs of the frames sent below.
nq evil ip link set ul0 address 02:00:00:00:ee:02
nq hv1 ip link set ul0 address 02:00:00:00:ee:01

# Let both ports learn their VM's MAC.
n red1 ping -c 1 -W 1 10.0.0.2 >/dev/null || true
n blue1 ping -c 1 -W 1 10.0.0.9 >/dev/null 2>&1 || true

# The frames were built with scapy on the host (make -C selftests:
# nvsw_badpackets_frames.py says what each one is), addressed from and to
# the underlay MACs set above.
frames_start evil ul0 "$NVSW_SELFTESTS/nvsw_badpackets.frames"

ul0_rx() {
	nq hv1 cat /sys/class/net/ul0/statistics/rx_packets
}

# moved_counters: what moved since $BEFORE, byte counters left out.
BEFORE=$NVSW_TMP/before
moved_counters() {
	stats_delta hv1 "$BEFORE" | tr ' ' '\n' | grep -v '_bytes=' | paste -sd' ' -
}

one_case() {
	local name=$1 want=$2 rx moved
	stats_save hv1 "$BEFORE"
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

nvsw_finish
