#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A switch's configuration saved and restored: nvswitchctl save prints it as
# commands, "-b" replays them on a host without the switch, and sync makes
# an existing switch what a file says by difference, without a flush.
#
#   hv1 (PA 192.0.2.1)                        hv2 (PA 192.0.2.2)
#   a1 10.1.0.11 VSID 5001 (pinned port)      a2 10.1.0.12 VSID 5001
#   gw0: internal port, VSID 5001
#   every setting of the switch, a VSID's BUM setting, dual-stack
#   vsubnets, a route, IPv4 and IPv6 records
#        \____ sw0 ____ ul0 === underlay === ul0 ____ sw0 ____/
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

nvsw_begin 9

underlay_create
hv_create hv1 192.0.2.1
hv_create hv2 192.0.2.2
vm_create hv1 a1 5001 10.1.0.11 02:00:00:00:50:11
vm_create hv2 a2 5001 10.1.0.12 02:00:00:00:50:12
records_push

# Everything save has to say, on hv1.
nq hv1 ip link add p-x type veth peer name p-y
ctl hv1 -b - <<EOF
switch set sw0 address 02:00:00:00:00:01 move-grace 5000 dscp inherit default-vsid 6001 max-records 20000 max-routes 100
port del sw0 dev p-a1
port add sw0 dev p-a1 vsid 5001 mac 02:00:00:00:50:11
port add sw0 dev p-x vsid 6001
port add sw0 internal gw0 vsid 5001 mac 02:00:00:00:50:fe
vsid set sw0 vsid 7001 bum replicate rate 200
vsubnet add sw0 vsid 5001 rdid 1 prefix 10.1.0.0/24
vsubnet add sw0 vsid 5001 rdid 1 prefix 2001:db8:1::/64 gateway 2001:db8:1::fe
vsubnet add sw0 vsid 5002 rdid 1 prefix 10.2.0.0/24
route add sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.2.0.13 metric 10
record add sw0 vsid 5001 ca 2001:db8:1::11 mac 02:00:00:00:50:11 pa 192.0.2.1
record add sw0 vsid 5002 ca 10.2.0.13 mac 02:00:00:00:50:13 pa 192.0.2.2
EOF

save() { ctl hv1 save sw0 >"$NVSW_TMP/$1"; }

# save_says LINE...: each LINE is a line of save's output.
save_says() {
	local line out
	out=$(ctl hv1 save sw0)
	for line in "$@"; do
		grep -qxF -- "$line" <<<"$out" || {
			echo "# save lacks: $line"
			sed 's/^/#   /' <<<"$out"
			return 1
		}
	done
}

says_everything() {
	save_says \
		"switch add sw0 address 02:00:00:00:00:01 flowid hash move-grace 5000 dscp inherit default-vsid 6001 max-records 20000 max-ports 1024 max-pas 64 max-vsubnets 4096 max-routes 100" \
		"pa add sw0 192.0.2.1" \
		"port add sw0 dev p-a1 vsid 5001 mac 02:00:00:00:50:11" \
		"port add sw0 dev p-x vsid 6001" \
		"port add sw0 internal gw0 vsid 5001 mac 02:00:00:00:50:fe" \
		"vsid set sw0 vsid 7001 bum replicate rate 200" \
		"vsubnet add sw0 vsid 5001 rdid 1 prefix 10.1.0.0/24 gateway 10.1.0.1" \
		"vsubnet add sw0 vsid 5001 rdid 1 prefix 2001:db8:1::/64 gateway 2001:db8:1::fe" \
		"route add sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.2.0.13 metric 10" \
		"record add sw0 vsid 5001 ca 10.1.0.12 mac 02:00:00:00:50:12 pa 192.0.2.2" \
		"record add sw0 vsid 5001 ca 2001:db8:1::11 mac 02:00:00:00:50:11 pa 192.0.2.1"
	# Sorted, so that two saves of one configuration are the same text.
	check_eq "save sorted" "$(ctl hv1 save sw0 | grep '^record' | head -n1)" \
		"record add sw0 vsid 5001 ca 10.1.0.11 mac 02:00:00:00:50:11 pa 192.0.2.1"
}
run_test "save prints every object and setting, sorted" says_everything

# The switch deleted, then made again from the file: the same text, and
# the VMs talk again.
round_trip() {
	local how=$1
	save before
	ctl hv1 switch del sw0
	case $how in
	batch) ctl hv1 -b "$NVSW_TMP/before" ;;
	sync) ctl hv1 sync sw0 "$NVSW_TMP/before" ;;
	esac
	n hv1 ip link set sw0 up
	save after
	diff -u "$NVSW_TMP/before" "$NVSW_TMP/after" | sed 's/^/# /'
	cmp -s "$NVSW_TMP/before" "$NVSW_TMP/after"
	ping_ok a1 10.1.0.12
}
run_test "save, delete, replay with -b, save again: identical, VMs talk" round_trip batch
run_test "save, delete, sync onto no switch, save again: identical" round_trip sync

# A file with a line in each kind changed, one record gone and one new:
# after sync, save prints the file (in its own spelling: sorted, canonical).
sync_differences() {
	save base
	sed -e 's/move-grace 5000/move-grace 7000/' \
		-e 's/vsid 7001 bum replicate rate 200/vsid 7001 bum replicate rate 300/' \
		-e 's/gateway 2001:db8:1::fe/gateway 2001:db8:1::fd/' \
		-e 's/nexthop 10.2.0.13 metric 10/nexthop 10.2.0.13 metric 20/' \
		-e '/port add sw0 dev p-x /s/vsid 6001/vsid 6002/' \
		-e '/ca 10.2.0.13 /d' \
		"$NVSW_TMP/base" >"$NVSW_TMP/want"
	# Spelled otherwise: keyword order, upper case, long IPv6.
	echo "record add sw0 pa 192.0.2.2 mac 02:00:00:00:50:AA ca 2001:0db8:0001:0000:0000:0000:0000:00aa vsid 5001" \
		>>"$NVSW_TMP/want"
	ctl hv1 sync sw0 "$NVSW_TMP/want"
	save got
	sed -i 's/2001:0db8:0001:0000:0000:0000:0000:00aa/2001:db8:1::aa/; s/02:00:00:00:50:AA/02:00:00:00:50:aa/' \
		"$NVSW_TMP/want"
	sed -i 's/^record add sw0 pa 192.0.2.2 mac 02:00:00:00:50:aa ca 2001:db8:1::aa vsid 5001$/record add sw0 vsid 5001 ca 2001:db8:1::aa mac 02:00:00:00:50:aa pa 192.0.2.2/' \
		"$NVSW_TMP/want"
	diff -u <(sort "$NVSW_TMP/want") <(sort "$NVSW_TMP/got") | sed 's/^/# /'
	cmp -s <(sort "$NVSW_TMP/want") <(sort "$NVSW_TMP/got")
	# And back: sync is idempotent from either side.
	ctl hv1 sync sw0 "$NVSW_TMP/base"
	save back
	cmp -s "$NVSW_TMP/base" "$NVSW_TMP/back"
}
run_test "sync adds, changes and removes what the file says" sync_differences

# A bad line anywhere: nothing changes, the line is named.
sync_bad_file() {
	save base
	{
		echo "record add sw0 vsid 5001 ca 10.1.0.77 mac 02:00:00:00:50:77 pa 192.0.2.2"
		echo "record add sw0 vsid 5001 ca 10.1.0.78 mac 02:00:00:00:50:zz pa 192.0.2.2"
	} >"$NVSW_TMP/bad"
	expect_fail 2 'bad:2: invalid MAC address "02:00:00:00:50:zz"' \
		ctl hv1 sync sw0 "$NVSW_TMP/bad"
	printf 'record add sw1 vsid 5001 ca 10.1.0.77 mac 02:00:00:00:50:77 pa 192.0.2.2\n' \
		>"$NVSW_TMP/bad"
	expect_fail 2 'bad:1: names switch "sw1", not "sw0"' ctl hv1 sync sw0 "$NVSW_TMP/bad"
	grep '^record' "$NVSW_TMP/base" | sed -n 1p >"$NVSW_TMP/bad"
	grep '^record' "$NVSW_TMP/base" | sed -n 1p | sed 's/pa 192.0.2.1/pa 192.0.2.2/' >>"$NVSW_TMP/bad"
	expect_fail 2 'bad:2: record of line 1 again' ctl hv1 sync sw0 "$NVSW_TMP/bad"
	save after
	cmp -s "$NVSW_TMP/base" "$NVSW_TMP/after"
}
run_test "sync of a bad file says which line and changes nothing" sync_bad_file

# monitor_start FILE: "nvswitchctl monitor config" of hv1 appending to
# FILE in the background, as nvswitchctl itself (not through n(): its pid,
# $MON_PID, is what kill -STOP must stop), once it hears a change of its
# own: from then on it hears every change.
monitor_start() {
	local i
	nvswitchctl -n "$(ns hv1)" monitor config >>"$1" &
	MON_PID=$!
	for ((i = 0; i < 100; i++)); do
		ctl hv1 vsid set sw0 vsid 7002 bum drop rate 999
		grep -q 'vsid 7002' "$1" && return 0
		sleep 0.1
	done
	echo "# the monitor heard nothing"
	return 1
}

# monitor_stop FILE: stops the monitor of monitor_start once it has heard
# everything before: a change of this function's own (a PA added and
# removed), which comes after.
monitor_stop() {
	local i
	ctl hv1 pa add sw0 192.0.2.44
	for ((i = 0; i < 100; i++)); do
		grep -q '^\[pa\] add sw0 192.0.2.44$' "$1" && break
		sleep 0.1
	done
	kill "$MON_PID"
	wait "$MON_PID" 2>/dev/null || true
	ctl hv1 pa del sw0 192.0.2.44
}

# 10,000 records; the file changes one. A VM pinging another every 10 ms
# across the sync loses nothing, and the switch announces one change only:
# sync replaced one record, it did not flush and reload.
sync_without_loss() {
	local mon mon_pid ping_pid out changed
	# With the 4 records there are, 10,000.
	awk 'BEGIN {
		for (i = 0; i < 9996; i++)
			printf "record add sw0 vsid 8001 ca 10.%d.%d.1 mac 02:00:00:01:%02x:%02x pa 192.0.2.2\n",
				int(i / 250), i % 250, int(i / 256), i % 256
	}' | ctl hv1 -b -

	mon=$NVSW_TMP/monitor
	monitor_start "$mon"
	mon_pid=$MON_PID

	save base
	check_eq "records" "$(grep -c '^record' "$NVSW_TMP/base")" 10000
	sed 's/^\(record add sw0 vsid 8001 ca 10.7.7.1 .*\) pa 192.0.2.2$/\1 pa 192.0.2.1/' \
		"$NVSW_TMP/base" >"$NVSW_TMP/want"
	changed=$(diff "$NVSW_TMP/base" "$NVSW_TMP/want" | sed -n 's/^> //p')
	check_eq "lines changed" "$(wc -l <<<"$changed")" 1
	: >"$mon"

	n a1 ping -q -c 400 -i 0.01 -W 1 10.1.0.12 >"$NVSW_TMP/ping" &
	ping_pid=$!
	ctl hv1 sync sw0 "$NVSW_TMP/want"
	kill -0 "$ping_pid" 2>/dev/null ||
		{ echo "# ping ended before sync did: the test proved nothing"; return 1; }
	wait "$ping_pid" || true
	out=$(cat "$NVSW_TMP/ping")
	grep -q " 400 received" <<<"$out" || { echo "# $out"; return 1; }
	# The kernel sends the event before it answers sync's request.
	# A record that exists changes: "change", as the command that would.
	check_eq "changes announced" "$(cat "$mon")" "[record] change ${changed#record add }"
	kill "$mon_pid"
	wait "$mon_pid" 2>/dev/null || true
	save got
	cmp -s "$NVSW_TMP/want" "$NVSW_TMP/got"
}
run_test "sync changes 1 of 10,000 records, a 10 ms ping loses nothing" sync_without_loss

# A port's device may come later (libvirt's hook attaches VMs when they
# start): sync says so and goes on.
sync_missing_port() {
	save base
	sed 's/^port add sw0 dev p-x /port add sw0 dev vnet9 /' "$NVSW_TMP/base" >"$NVSW_TMP/want"
	ctl hv1 sync sw0 "$NVSW_TMP/want" 2>"$NVSW_TMP/err"
	grep -q 'port "vnet9" skipped: no such device' "$NVSW_TMP/err"
	if ctl hv1 port show sw0 | grep -q '^p-x '; then
		echo "# p-x is still a port"
		return 1
	fi
	ctl hv1 sync sw0 "$NVSW_TMP/base"
	ctl hv1 port show sw0 | grep -q '^p-x vsid 6001'
}
run_test "sync skips a port whose device does not exist" sync_missing_port

# Only a port's guards changed: sync turns them with port set, in place. A
# port made again would lose its VM's frames meanwhile, and its MAC claim.
sync_port_guards() {
	local mon=$NVSW_TMP/guards
	save base
	sed '/^port add sw0 dev p-a1 /s/$/ dhcp-guard on/' "$NVSW_TMP/base" >"$NVSW_TMP/want"
	monitor_start "$mon"
	ctl hv1 sync sw0 "$NVSW_TMP/want"
	monitor_stop "$mon"
	grep '^\[port\]' "$mon" | sed 's/^/# /'
	check_eq "port events" "$(grep -c '^\[port\]' "$mon")" 1
	grep -q '^\[port\] set sw0 dev p-a1 .*dhcp-guard on' "$mon"
	save got
	cmp -s "$NVSW_TMP/want" "$NVSW_TMP/got"
	ctl hv1 sync sw0 "$NVSW_TMP/base"
	save back
	cmp -s "$NVSW_TMP/base" "$NVSW_TMP/back"
}
run_test "sync turns a port's guards in place, with port set" sync_port_guards

# A listener that cannot keep up (stopped while the 9,996 records of VSID
# 8001 are flushed) hears that it lost events, and goes on with what comes
# after: the kernel's ENOBUFS, said once, as "[overrun]".
monitor_overrun() {
	local mon=$NVSW_TMP/overrun
	monitor_start "$mon"
	kill -STOP "$MON_PID"
	check_eq "flush" "$(ctl hv1 record flush sw0 vsid 8001)" "flushed 9996"
	kill -CONT "$MON_PID"
	monitor_stop "$mon"
	check_eq "overruns said" "$(grep -c '^\[overrun\] events were lost$' "$mon")" 1
	check_eq "the event after" "$(tail -1 "$mon")" "[pa] add sw0 192.0.2.44"
}
run_test "a monitor that falls behind says it lost events, then goes on" monitor_overrun

nvsw_finish
