#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every wrong request is refused with a clear message, and changes nothing.
#
#   hv1: sw0 (PA 192.0.2.1, port p0 in VSID 5001, one record)
#        sw1 (PA 192.0.2.5, port p1)
#        br0 (a plain bridge with port b0), lo, veths p2 p3 free
#
# The CLI checks what it can (exit 2, quoting the bad token); the kernel
# checks everything again (exit 1, its extack message printed): with
# NVSWITCHCTL_NO_CHECK=1 the CLI sends the bad value as is, and the kernel
# must refuse it itself, naming the attribute.
set -e
source "$(dirname "$(readlink -f "$0")")/lib.sh"

nvsw_begin 11

ns_create hv1
n hv1 ip link add dummy0 type dummy 2>/dev/null || n hv1 ip link add dummy0 type veth peer name dummy1
n hv1 ip addr add 192.0.2.1/24 dev dummy0
n hv1 ip addr add 192.0.2.5/24 dev dummy0
ctl hv1 switch add sw0
ctl hv1 switch add sw1
ctl hv1 pa add sw0 192.0.2.1
ctl hv1 pa add sw1 192.0.2.5
for dev in p0 p1 p2 p3 b0; do
	n hv1 ip link add $dev type veth peer name "v${dev}"
done
ctl hv1 port add sw0 dev p0 vsid 5001
ctl hv1 port add sw1 dev p1 vsid 5001
n hv1 ip link add br0 type bridge
n hv1 ip link set b0 master br0
ctl hv1 record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1

# The whole configuration, as the CLI shows it (one batch: this runs around
# every case, and each process costs under emulation).
state() {
	nvswitchctl -n "$(ns hv1)" -j -b - <<-EOF
		switch show
		pa show sw0
		port show sw0
		record show sw0
		pa show sw1
		port show sw1
		record show sw1
	EOF
	echo
	ip -n "$(ns hv1)" -o link show | sed 's/^[0-9]*: //; s/ state .*//'
}

STATE=$NVSW_TMP/state
state >"$STATE"

# same_state [WHAT]: the configuration is the one saved at the start.
same_state() {
	local changed
	changed=$(state | diff -u "$STATE" -) && return 0
	echo "# ${1:-something} changed the configuration:"
	sed 's/^/# /' <<<"$changed"
	return 1
}

# refused CODE REGEX ARGS...: nvswitchctl ARGS in hv1 exits CODE, says REGEX,
# and, when the request reached the kernel, the configuration is unchanged
# (a parse error cannot change anything: checked once per group, by checked).
refused() {
	local code=$1 re=$2
	shift 2
	expect_fail "$code" "$re" nvswitchctl -n "$(ns hv1)" "$@" || return 1
	[ "$code" = 2 ] || same_state "'nvswitchctl $*'"
}

# checked FUNCTION: a group of cases, then the configuration is unchanged.
checked() {
	local rc=0
	"$@" || rc=1
	same_state "$1" || rc=1
	return $rc
}

# kernel_refuses REGEX ARGS...: the same with the CLI's checks off.
kernel_refuses() {
	local re=$1
	shift
	NVSWITCHCTL_NO_CHECK=1 refused 1 "$re" "$@"
}

bad_vsids_cli() {
	local v fail=0
	for v in 0 4095 16777215 16777216 5001x; do
		refused 2 "\"?$v\"?" port add sw0 dev p2 vsid "$v" || fail=1
		refused 2 "\"?$v\"?" record add sw0 vsid "$v" ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
	done
	refused 2 '16777215' record show sw0 vsid 16777215 || fail=1
	return $fail
}

bad_vsids_kernel() {
	local v fail=0
	for v in 0 4095 16777215 16777216; do
		kernel_refuses 'vsid' port add sw0 dev p2 vsid "$v" || fail=1
		kernel_refuses 'vsid' record add sw0 vsid "$v" ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
	done
	return $fail
}

bad_macs() {
	local m fail=0
	for m in 01:00:5e:00:00:01 ff:ff:ff:ff:ff:ff 00:00:00:00:00:00; do
		refused 2 "$m" record add sw0 vsid 5001 ca 10.0.0.2 mac "$m" pa 192.0.2.2 || fail=1
		kernel_refuses 'mac' record add sw0 vsid 5001 ca 10.0.0.2 mac "$m" pa 192.0.2.2 || fail=1
	done
	for m in 02:00:00:00:50 02:00:00:00:50:02:03 zz:00:00:00:50:02 garbage ""; do
		refused 2 "\"$m\"|mac" record add sw0 vsid 5001 ca 10.0.0.2 mac "$m" pa 192.0.2.2 || fail=1
		NVSWITCHCTL_NO_CHECK=1 refused 2 "\"$m\"|mac" record add sw0 vsid 5001 ca 10.0.0.2 mac "$m" pa 192.0.2.2 || fail=1
	done
	return $fail
}

bad_ips() {
	local ip fail=0
	for ip in 10.0.0.256 10.0.0 abc 10.0.0.1/24 "" 2001:db8:::1 2001:db8::1/64 2001:db8::g; do
		refused 2 "\"$ip\"|address" record add sw0 vsid 5001 ca "$ip" mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
		refused 2 "\"$ip\"|address" record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa "$ip" || fail=1
		refused 2 "\"$ip\"|address" pa add sw0 "$ip" || fail=1
	done
	# IPv6 addresses that parse but cannot be a CA: the kernel points at the attribute.
	for ip in :: ::1 ff02::1; do
		refused 1 'Error: invalid "ca": A customer address must be unicast' record add sw0 vsid 5001 ca "$ip" mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
	done
	# IPv4-mapped is how the netlink API carries IPv4: the CLI will not guess.
	refused 2 '"::ffff:10.0.0.2": IPv4-mapped' record add sw0 vsid 5001 ca ::ffff:10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
	refused 2 '"::ffff:192.0.2.9": IPv4-mapped' pa add sw0 ::ffff:192.0.2.9 || fail=1
	refused 2 '"::ffff:192.0.2.9": IPv4-mapped' record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa ::ffff:192.0.2.9 || fail=1
	# Addresses that parse but cannot be a PA; refused IPv6 ones make no
	# nvsw_gre6 either (same_state sees every device).
	for ip in 0.0.0.0 255.255.255.255 224.0.0.1; do
		refused '1|2' 'pa|address' pa add sw0 "$ip" || fail=1
	done
	for ip in :: ::1 fe80::1 ff02::1; do
		refused 1 'Error: invalid "pa": An IPv6 provider address must be global unicast' pa add sw0 "$ip" || fail=1
		refused 1 'Error: invalid "pa": An IPv6 provider address must be global unicast' record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa "$ip" || fail=1
	done
	# A good IPv6 PA of a switch that does not exist: refused, no device made.
	refused 1 'nosuch' pa add nosuch 2001:db8:ff::1 || fail=1
	return $fail
}

unknown_objects() {
	local fail=0
	refused 1 'nosuch' record add nosuch vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
	refused 1 'nosuch' port add nosuch dev p2 vsid 5001 || fail=1
	refused 1 'nosuch' pa add nosuch 192.0.2.9 || fail=1
	refused 1 'nosuch' stats show nosuch || fail=1
	refused 1 'nosuch' switch del nosuch || fail=1
	refused 1 'nosuchdev' port add sw0 dev nosuchdev vsid 5001 || fail=1
	# A device that is not a switch is not a switch.
	refused 1 'p2|switch|nvswitch' port add p2 dev p3 vsid 5001 || fail=1
	refused 1 '.' port del sw0 dev p2 || fail=1
	refused 1 '.' record del sw0 vsid 5001 ca 10.0.0.99 || fail=1
	refused 1 '.' record change sw0 vsid 5001 ca 10.0.0.99 mac 02:00:00:00:50:63 pa 192.0.2.2 || fail=1
	refused 1 '.' record get sw0 vsid 5001 ca 10.0.0.99 || fail=1
	refused 1 '.' pa del sw0 192.0.2.77 || fail=1
	refused 2 'frobnicate' switch frobnicate || fail=1
	refused 2 'frobnicate' frobnicate show || fail=1
	refused 2 'bogus' record add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:50:02 pa 192.0.2.2 bogus || fail=1
	refused 2 'flowid|sometimes' switch add sw9 flowid sometimes || fail=1
	return $fail
}

taken_devices() {
	local fail=0
	# A bridge port, a port of another switch, a port of this switch.
	refused 1 'busy|enslaved|master|already|use' port add sw0 dev b0 vsid 5001 || fail=1
	refused 1 'busy|enslaved|master|already|use' port add sw0 dev p1 vsid 5001 || fail=1
	refused 1 'exist|already|busy' port add sw0 dev p0 vsid 6001 || fail=1
	# Things that are not Ethernet ports of a VM.
	refused 1 '.' port add sw0 dev sw0 vsid 5001 || fail=1
	refused 1 '.' port add sw0 dev sw1 vsid 5001 || fail=1
	refused 1 '.' port add sw0 dev lo vsid 5001 || fail=1
	refused 1 '.' port add sw0 dev br0 vsid 5001 || fail=1
	refused 1 '.' port add sw0 dev nvsw_gre vsid 5001 || fail=1
	return $fail
}

duplicates() {
	local fail=0
	refused 1 'exist' record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1 || fail=1
	refused 1 'exist' record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:07 pa 192.0.2.2 || fail=1
	refused 1 'exist|already' pa add sw0 192.0.2.1 || fail=1
	refused 1 'exist|already|use|another' pa add sw0 192.0.2.5 || fail=1
	refused 1 'exist|already|use|another' pa add sw1 192.0.2.1 || fail=1
	refused 1 'exist' switch add sw1 || fail=1
	return $fail
}

# in_cli_words REGEX ARGS...: the kernel refuses ARGS (exit 1) saying
# REGEX, in the words of the command line: no uapi attribute name.
in_cli_words() {
	local re=$1 out rc
	shift
	out=$(nvswitchctl -n "$(ns hv1)" "$@" 2>&1) && rc=0 || rc=$?
	[ "$rc" = 1 ] && grep -qE -- "$re" <<<"$out" && ! grep -q 'NVSW_A_' <<<"$out" && return 0
	echo "# 'nvswitchctl $*' exited $rc, said: $out (want /$re/, no NVSW_A_)"
	return 1
}

kernel_words() {
	local fail=0
	in_cli_words '^nvswitchctl: Error: invalid "dev": The device is not a port of this switch' \
		port del sw0 dev p2 || fail=1
	in_cli_words '^nvswitchctl: Error: A record for this VSID and CA exists' \
		record add sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1 || fail=1
	in_cli_words '^nvswitchctl: Error: No record for this VSID and CA' \
		record get sw0 vsid 5001 ca 2001:db8::99 || fail=1
	in_cli_words '^nvswitchctl: Error: invalid "pa": The address is already a provider address of this switch' \
		pa add sw0 192.0.2.1 || fail=1
	in_cli_words '^nvswitchctl: Error: invalid "pa": An IPv6 provider address must be global unicast' \
		pa add sw0 fe80::1 || fail=1
	in_cli_words '^nvswitchctl: Error: invalid "ca": A customer address must be unicast' \
		record add sw0 vsid 5001 ca ff02::1 mac 02:00:00:00:50:02 pa 192.0.2.2 || fail=1
	in_cli_words '^nvswitchctl: Error: (dev|invalid "dev")' port add sw0 dev p1 vsid 5001 || fail=1
	# A policy's message names nothing: the attribute it points at gives the word.
	NVSWITCHCTL_NO_CHECK=1 in_cli_words '^nvswitchctl: Error: invalid "vsid": .*4096-16777214' \
		port add sw0 dev p2 vsid 1 || fail=1
	return $fail
}

# "nvswitchctl show": each switch with its PAs, record count, ports,
# VSIDs, vsubnets and routes, in text and JSON.
show_everything() {
	local text json
	ctl hv1 vsubnet add sw0 vsid 5001 rdid 1 prefix 10.0.0.0/24
	ctl hv1 route add sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.0.0.1
	text=$(ctl hv1 show)
	json=$(ctl hv1 -j show sw0)
	ctl hv1 route del sw0 rdid 1 prefix 172.16.0.0/16 nexthop 10.0.0.1
	ctl hv1 vsubnet del sw0 vsid 5001
	grep -qE '^sw0: flowid hash move-grace [0-9]+ dscp 0 pa 192.0.2.1 ports 1 records 1( |$)' <<<"$text" &&
	grep -qE '^sw1: .* pa 192.0.2.5 ports 1 records 0( |$)' <<<"$text" &&
	grep -qE '^    port p0 vsid 5001( |$)' <<<"$text" &&
	grep -qE '^    port p1 vsid 5001( |$)' <<<"$text" &&
	grep -qE '^    vsid 5001 ports 1 bum drop rate [0-9]+$' <<<"$text" &&
	grep -qx '    vsubnet vsid 5001 rdid 1 prefix 10.0.0.0/24 gateway 10.0.0.1' <<<"$text" &&
	grep -qx '    route rdid 1 prefix 172.16.0.0/16 nexthop 10.0.0.1 metric 0' <<<"$text" ||
		{ echo "# show: lines missing from:"; sed 's/^/# /' <<<"$text"; return 1; }
	python3 -c '
import json, sys
[sw] = json.loads(sys.argv[1])
assert sw["ifname"] == "sw0" and sw["pa"] == ["192.0.2.1"] and sw["records"] == 1, sw
assert [(p["dev"], p["vsid"]) for p in sw["ports"]] == [("p0", 5001)], sw["ports"]
assert [(v["vsid"], v["ports"], v["bum"]) for v in sw["vsids"]] == [(5001, 1, "drop")], sw["vsids"]
assert [(v["vsid"], v["rdid"], v["prefix"]) for v in sw["vsubnets"]] == [(5001, 1, "10.0.0.0/24")]
assert [(r["prefix"], r["nexthop"]) for r in sw["routes"]] == [("172.16.0.0/16", "10.0.0.1")]
' "$json" || { echo "# show -j: $json"; return 1; }
}

changes_that_work() {
	# The same commands, right this time, do change things: the state
	# comparison above would have noticed a no-op CLI.
	ctl hv1 record replace sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:07 pa 192.0.2.2
	ctl hv1 record get sw0 vsid 5001 ca 10.0.0.1 | grep -q 02:00:00:00:50:07
	ctl hv1 record change sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:50:01 pa 192.0.2.1
	ctl hv1 -j record get sw0 vsid 5001 ca 10.0.0.1 | grep -q '192.0.2.1"'
	ctl hv1 port add sw0 dev p2 vsid 16777214
	ctl hv1 port add sw0 dev p3 vsid 4096
	ctl hv1 port del sw0 dev p2
	ctl hv1 port del sw0 dev p3
	ctl hv1 pa add sw0 192.0.2.9
	ctl hv1 pa del sw0 192.0.2.9
	check_eq "state after undoing" "$(state | diff "$STATE" - || true)" ""
}

run_test "VSIDs out of range or garbage: the CLI refuses, quoting them" checked bad_vsids_cli
run_test "VSIDs out of range: the kernel refuses them too, naming the attribute" checked bad_vsids_kernel
run_test "multicast, zero and garbage MACs" checked bad_macs
run_test "bad IPv4 and IPv6 addresses" checked bad_ips
run_test "unknown switches, devices, records, commands" checked unknown_objects
run_test "devices already taken or not Ethernet ports" checked taken_devices
run_test "duplicate records, PAs, switches" checked duplicates
run_test "kernel errors name the CLI's keywords, not uapi attributes" checked kernel_words
run_test "show: every switch at a glance, text and JSON" checked show_everything
run_test "replace, change, port and PA round trips work" changes_that_work
run_test "nothing changed along the way" eval 'state | diff -u "$STATE" -'

nvsw_finish
