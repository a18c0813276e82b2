#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Stress (make stress, Documentation/reliability.rst): fuzzed underlay
# frames towards a switch.
#
#   hv2 192.0.2.2, 2001:db8:ff::2 (sends the frames) == underlay == hv1
#   192.0.2.1, 2001:db8:ff::1: sw0 with an IPv4 and an IPv6 PA
#     hv1: red1 10.0.0.1 VSID 5001, blue1 10.0.0.1 VSID 6001
#     hv2: red2 10.0.0.2 VSID 5001
#
# nvsw_fuzz_frames sends NVSWITCH_STRESS_FRAMES frames (default 100000)
# from hv2's underlay port, built from a seed: NVGRE over IPv4 and IPv6,
# truncated, with odd GRE flags, wrong keys, tagged inner frames, IPv6
# extension chains, fragments, neighbour discovery junk (the program says
# what).  Its inner frames come from red2's MAC, blue's VSID or others:
# blue1 has no peer, so nothing may reach it.  Afterwards red1 and red2
# still talk, the module unloads and the kernel log is clean.
#
# NVSWITCH_STRESS_SEED picks the seed (default: the time), printed.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

FUZZ=$NVSW_SELFTESTS/nvsw_fuzz_frames
COUNT=${NVSWITCH_STRESS_FRAMES:-100000}
SEED=${NVSWITCH_STRESS_SEED:-$(date +%s)}

if [ ! -x "$FUZZ" ]; then
	ktap_print_header
	ktap_skip_all "nvsw_fuzz_frames missing: build it with make -C selftests"
	exit "$ksft_skip"
fi
nvsw_begin 4

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
# The MACs and IPv6 addresses the frames are built with.
nq hv1 ip link set ul0 address 02:00:00:00:ee:01
nq hv2 ip link set ul0 address 02:00:00:00:ee:02
for hv in hv1 hv2; do
	nq $hv sysctl -qw net.ipv6.conf.ul0.disable_ipv6=0 net.ipv6.conf.ul0.accept_dad=0
done
n hv1 ip addr add 2001:db8:ff::1/64 dev ul0 nodad
n hv2 ip addr add 2001:db8:ff::2/64 dev ul0 nodad
ctl hv1 pa add sw0 2001:db8:ff::1
vm_create hv1 red1 5001 10.0.0.1 02:00:00:00:50:01
vm_create hv1 blue1 6001 10.0.0.1 02:00:00:00:60:01
vm_create hv2 red2 5001 10.0.0.2 02:00:00:00:50:02
records_push
ping_all red1 10.0.0.2 3

ul0_rx() {
	nq hv1 cat /sys/class/net/ul0/statistics/rx_packets
}

BEFORE=$NVSW_TMP/before
OUT=$NVSW_TMP/fuzz.out
RX0=$(ul0_rx)
stats_save hv1 "$BEFORE"
cap_start blue1 blue1 eth0 -Q in

send_frames() {
	echo "# seed $SEED (NVSWITCH_STRESS_SEED=$SEED repeats this run)"
	nq hv2 timeout 3000 "$FUZZ" ul0 "$SEED" "$COUNT" | tee "$OUT"
	local sent rx
	sent=$(sed -n 's/.*: \([0-9]*\) frames sent.*/\1/p' "$OUT")
	# Each one crossed the underlay: hv1 saw it, whatever became of it.
	slowwait 30 eval '(($(ul0_rx) - RX0 >= sent))' || true
	rx=$(($(ul0_rx) - RX0))
	echo "# hv1's ul0 received $rx frames"
	((sent >= COUNT * 9 / 10)) || { echo "# only $sent of $COUNT sent"; return 1; }
	((rx >= sent * 95 / 100)) || { echo "# hv1 received $rx of $sent"; return 1; }
}
run_test "$COUNT fuzzed frames sent to the switch" send_frames

# The switch counted what it dropped, by reason.
drops_counted() {
	local moved reasons
	moved=$(stats_delta hv1 "$BEFORE" | tr ' ' '\n' | grep -v '_bytes=')
	sed 's/^/# moved: /' <<<"$moved"
	reasons=$(grep -c '^drops\.' <<<"$moved" || true)
	((reasons >= 5)) || { echo "# only $reasons drop reasons moved"; return 1; }
}
run_test "the switch counted its drops by reason" drops_counted

nothing_to_blue() {
	cap_stop blue1
	check_eq "frames at blue1" "$(cap_count blue1)" 0
}
run_test "no fuzzed frame reached the tenant that has no peer" nothing_to_blue

delivery_after() {
	ping_all red1 10.0.0.2 5
	ping_all red2 10.0.0.1 5
}
run_test "afterwards, red1 and red2 still talk" delivery_after

nvsw_finish
