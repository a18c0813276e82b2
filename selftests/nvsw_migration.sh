#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Live migration: red2 moves from hv2 to hv3, a host on another physical
# subnet, and keeps its address while red1 pings it every 10 ms and sends
# it a TCP stream.
#
#   hv1 192.0.2.1        hv2 192.0.2.2             hv3 198.51.100.3
#   red1 10.0.0.1        red2 10.0.0.2  --move-->  red2, red3 10.0.0.3
#        \________________ underlay: ul routes between ________/
#                          192.0.2.0/24 and 198.51.100.0/24
#
# The move, as an orchestrator and a controller do it: at the switchover,
# at the same time, the VM's port goes to hv3 and the records are replaced
# on hv3 and hv2 (the two ends); hv1 gets its update MOVE_LAG later, as a
# peer far from the controller would. Meanwhile hv2 forwards what hv1 still
# sends it to hv3 and hv1 still takes red2's frames from hv2's PA
# (make-before-break); hv3 announces red2 to red3 with a gratuitous ARP
# made from policy.
#
# The figures (pings lost at 10 ms, longest TCP stall) are printed and kept
# in $NVSWITCH_VM_OUT/migration.txt when run in the VM.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

RED=5001
RED2_MAC=02:00:00:00:50:02
MOVE_LAG=0.5
PINGS=800	# 8 s at 10 ms

nvsw_begin 6

underlay_create
# ul is the router between the two physical subnets.
n ul ip addr add 192.0.2.254/24 dev br0
n ul ip addr add 198.51.100.254/24 dev br0
n ul sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.send_redirects=0 \
	net.ipv4.conf.br0.send_redirects=0
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
hv_create hv3 198.51.100.3
for hv in hv1 hv2; do
	n $hv ip route add 198.51.100.0/24 via 192.0.2.254
done
n hv3 ip route add 192.0.2.0/24 via 198.51.100.254
vm_create hv1 red1 $RED 10.0.0.1 02:00:00:00:50:01
vm_create hv2 red2 $RED 10.0.0.2 $RED2_MAC
vm_create hv3 red3 $RED 10.0.0.3 02:00:00:00:50:03
records_push
ping_ok red1 10.0.0.2
ping_ok red3 10.0.0.2

# A TCP receiver in red2: counts the bytes and the longest gap between two
# arrivals once data flows; prints "bytes gap_ms" when the sender closes.
tcp_sink() {
	n red2 $PYTHON -u -c '
import socket, sys, time
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("10.0.0.2", 9000))
ls.listen(1)
print("listening", flush=True)
c, _ = ls.accept()
total, gap, last = 0, 0.0, None
while True:
    b = c.recv(65536)
    now = time.monotonic()
    if not b:
        break
    if last is not None:
        gap = max(gap, now - last)
    last = now
    total += len(b)
print(total, int(gap * 1000), flush=True)
'
}

# A TCP sender in red1: 16 KiB every 10 ms for SECONDS; prints the bytes
# sent, or fails if the connection broke.
tcp_source() {
	n red1 $PYTHON -c '
import socket, sys, time
s = socket.create_connection(("10.0.0.2", 9000), timeout=60)
end = time.monotonic() + float(sys.argv[1])
sent = 0
chunk = b"m" * 16384
while time.monotonic() < end:
    s.sendall(chunk)
    sent += len(chunk)
    time.sleep(0.01)
s.shutdown(socket.SHUT_WR)
s.settimeout(120)
s.recv(1)
print(sent)
' "$1"
}

# move_red2: what the orchestrator and the controller do. The VM stops on
# hv2 first: a VM still sending there once hv2's record says hv3 has its
# frames dropped as spoofed. Make before break: both ends learn the move
# before red2's port appears on hv3, or its first frames there would not
# be red2's own yet, on hv3 or on hv2 (its broadcasts, spoofed); the new
# host before the old one, which forwards to hv3 as soon as it knows, and
# hv3 takes a forwarded frame only once it knows of the move too (else
# spoofed). The peer's host learns MOVE_LAG later.
move_red2() {
	local pids=()
	nq hv2 ip link set p-red2 netns "$(ns hv3)"
	(
		ctl hv3 record replace sw0 vsid $RED ca 10.0.0.2 mac $RED2_MAC pa 198.51.100.3
		ctl hv2 record replace sw0 vsid $RED ca 10.0.0.2 mac $RED2_MAC pa 198.51.100.3
		nq hv3 ip link set p-red2 up
		ctl hv3 port add sw0 dev p-red2 vsid $RED
	) &
	pids+=($!)
	sleep $MOVE_LAG
	ctl hv1 record replace sw0 vsid $RED ca 10.0.0.2 mac $RED2_MAC pa 198.51.100.3
	wait "${pids[@]}"
}

RESULTS=$NVSW_TMP/figures
for hv in hv1 hv2 hv3; do
	stats_save $hv "$NVSW_TMP/$hv.before"
done
cap_start red3 red3 eth0 arp

coproc SINK { tcp_sink; }
exec 7<&"${SINK[0]}"
read -r -t 60 ready <&7
[ "$ready" = listening ]
n red1 ping -q -i 0.01 -c $PINGS -W 1 10.0.0.2 >"$NVSW_TMP/ping.out" 2>&1 &
PING_PID=$!
tcp_source 10 >"$NVSW_TMP/source.out" 2>&1 &
SOURCE_PID=$!
sleep 2
move_red2
wait $PING_PID || true
SOURCE_RC=0
wait $SOURCE_PID || SOURCE_RC=$?
read -r -t 120 SINK_BYTES SINK_GAP <&7 || true
cap_stop red3

ping_sent_lost() {
	awk '/packets transmitted/ { print $1, $1 - $4 }' "$NVSW_TMP/ping.out"
}
read -r PING_SENT PING_LOST < <(ping_sent_lost) || true
{
	echo "kernel $(uname -r)"
	echo "pings every 10 ms: ${PING_SENT:-?} sent, ${PING_LOST:-?} lost (peer update lag ${MOVE_LAG} s)"
	echo "TCP: ${SINK_BYTES:-?} bytes received of $(cat "$NVSW_TMP/source.out"), longest stall ${SINK_GAP:-?} ms"
	echo "hv1 (updated last) dropped as spoofed: $(counter hv1 drops.spoofed) frames from red2's new host"
} >"$RESULTS"
sed 's/^/# /' "$RESULTS"
if [ -n "${NVSWITCH_VM_OUT:-}" ] && [ -d "$NVSWITCH_VM_OUT" ]; then
	cp "$RESULTS" "$NVSWITCH_VM_OUT/migration-$(uname -r).txt"
fi

tcp_survived() {
	check_eq "sender exit" "$SOURCE_RC" 0
	check_eq "bytes received" "${SINK_BYTES:-none}" "$(cat "$NVSW_TMP/source.out")"
}

pings_follow_the_vm() {
	[ -n "$PING_SENT" ] && ((PING_LOST < PING_SENT / 2)) ||
		{ cat "$NVSW_TMP/ping.out" | sed 's/^/# /'; return 1; }
	# After the move, red2 answers from hv3, with the same address.
	ping_all red1 10.0.0.2 3
	ping_all red3 10.0.0.2 3
	check_eq "hv3 port of red2" \
		"$(ctl hv3 -j port show sw0 | json_flat | grep -c 'dev=p-red2')" 1
	check_eq "hv2 ports" "$(ctl hv2 -j switch show sw0 | json_get ports)" 0
}

old_host_forwarded() {
	local hv moved
	for hv in hv1 hv2 hv3; do
		echo "# $hv: $(stats_delta $hv "$NVSW_TMP/$hv.before")"
	done
	moved=$(stats_delta hv2 "$NVSW_TMP/hv2.before")
	[[ $moved =~ (^| )forwarded_packets=([0-9]+) ]] && ((BASH_REMATCH[2] > 0))
	# The two ends take nothing for spoofed. hv1 may: until its update,
	# red2's replies come from hv3, not the PA its record says (the cost
	# of the lag, reported with the figures).
	for hv in hv2 hv3; do
		moved=$(stats_delta $hv "$NVSW_TMP/$hv.before")
		[[ $moved != *drops.spoofed* ]] || { echo "# $hv took frames for spoofed"; return 1; }
	done
}

new_host_announced() {
	local moved garp
	moved=$(stats_delta hv3 "$NVSW_TMP/hv3.before")
	[[ $moved =~ (^| )announces=([0-9]+) ]] && ((BASH_REMATCH[2] > 0)) ||
		{ echo "# hv3: $moved"; return 1; }
	# A request for 10.0.0.2 from 10.0.0.2, red2's MAC, broadcast.
	garp=$(cap_read red3 | grep -cE "$RED2_MAC > ff:ff:ff:ff:ff:ff.*Request who-has 10\.0\.0\.2 tell 10\.0\.0\.2" || true)
	((garp >= 1)) || { cap_read red3 | sed 's/^/# /'; return 1; }
}

# The new host's grace matters too: with move-grace 0 it keeps no record of
# the move, and takes what the old host forwards for spoofed.
no_grace_no_forwarding() {
	local before=$NVSW_TMP/grace0
	ctl hv2 switch set sw0 move-grace 0
	check_eq "move-grace" "$(ctl hv2 -j switch show sw0 | json_get move_grace_ms)" 0
	# red2 goes back to hv2 on hv2 and hv3 only: hv1 still sends to hv3.
	nq hv3 ip link set p-red2 netns "$(ns hv2)"
	n hv2 ip link set p-red2 up
	ctl hv2 port add sw0 dev p-red2 vsid $RED
	for hv in hv2 hv3; do
		ctl $hv record replace sw0 vsid $RED ca 10.0.0.2 mac $RED2_MAC pa 192.0.2.2
	done
	stats_save hv3 "$before"
	ping_fail red1 10.0.0.2
	local moved
	moved=$(stats_delta hv3 "$before")
	echo "# hv3: $moved"
	# hv3 keeps the default grace: it forwards to hv2 after all...
	[[ $moved =~ (^| )forwarded_packets= ]]
	# ...where hv2, told nothing about a move from hv3 (grace 0), takes
	# the frames from hv3 as spoofed: red1 is at hv1, not hv3.
	[[ $(counter hv2 drops.spoofed) -gt 0 ]]
}

# Stale records on several hosts must not pass a frame around until the
# grace ends. hv1 still sends red1's frames for red2 to hv3; hv3, which red2
# has just left for hv2, forwards them there (straight from red1's host:
# once is fine). hv2 is told red2 has just left it for hv1, and that red1
# came from hv3 (a move that lets hv2 take red1's own frames from hv3):
# that frame from hv3 is a forwarded one all the same, and goes no further.
forwarded_once() {
	local red1="vsid $RED ca 10.0.0.1 mac 02:00:00:00:50:01"
	local red2="vsid $RED ca 10.0.0.2 mac $RED2_MAC" moved3 moved2
	ctl hv2 switch set sw0 move-grace 10000
	ctl hv3 record replace sw0 $red2 pa 198.51.100.3
	ctl hv3 record replace sw0 $red2 pa 192.0.2.2
	ctl hv2 record replace sw0 $red2 pa 192.0.2.1
	ctl hv2 record replace sw0 $red1 pa 198.51.100.3
	ctl hv2 record replace sw0 $red1 pa 192.0.2.1
	stats_save hv3 "$NVSW_TMP/once3"
	stats_save hv2 "$NVSW_TMP/once2"
	ping_fail red1 10.0.0.2
	moved3=$(stats_delta hv3 "$NVSW_TMP/once3")
	moved2=$(stats_delta hv2 "$NVSW_TMP/once2")
	echo "# hv3: $moved3"
	echo "# hv2: $moved2"
	[[ $moved3 =~ (^| )forwarded_packets=[1-9] ]]
	[[ $moved2 != *forwarded_packets* ]] || { echo "# hv2 forwarded again"; return 1; }
	[[ $moved2 =~ drops.not_local=[1-9] ]]
}

run_test "TCP connection survives the move, every byte arrives" tcp_survived
run_test "pings follow the VM to its new host" pings_follow_the_vm
run_test "the old host forwarded late frames, the ends took none for spoofed" old_host_forwarded
run_test "the new host announced the VM from policy" new_host_announced
run_test "move-grace 0 on the new host: forwarded frames are refused" no_grace_no_forwarding
run_test "a forwarded frame is not forwarded again" forwarded_once

nvsw_finish
