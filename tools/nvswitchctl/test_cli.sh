#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host-side test of nvswitchctl's command line: help, usage errors and their
# exit codes, and a clean failure when the module is not loaded. Needs no
# kernel module, so it runs at every build.
set -u

ctl=${NVSWITCHCTL:-$(dirname "$0")/nvswitchctl}
fails=0 n=0 out=

# expect RC STDERR-SUBSTRING ARGS...
expect() {
	local rc=$1 msg=$2 out got
	shift 2
	n=$((n + 1))
	out=$("$ctl" "$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" != "$rc" ] || [[ "$out" != *"$msg"* ]]; then
		echo "FAIL: nvswitchctl $*: exit $got, want $rc; stderr: $out (want: $msg)"
		fails=$((fails + 1))
	fi
}

# expect_help ARGS...: prints the usage on stdout, exits 0, sends nothing
# (the module need not be loaded: a request would fail).
expect_help() {
	local out got
	n=$((n + 1))
	out=$("$ctl" "$@" 2>/dev/null)
	got=$?
	if [ "$got" != 0 ] || [[ "$out" != Usage:* ]]; then
		echo "FAIL: nvswitchctl $*: exit $got, want 0 and the usage; stdout: $out"
		fails=$((fails + 1))
	fi
}

record="record add lo vsid 5001 ca 10.0.0.1 mac 02:00:00:00:00:01 pa 192.168.0.1"

expect 0 "" --help
expect 0 "" help
expect 0 "" --version
expect 0 "" record help
expect 0 "" switch help
expect 2 "" 
expect 2 'unknown object "bogus"' bogus
expect 2 'unknown command "frob" for "port"' port frob lo
expect 2 'unknown option "-x"' -x switch show
expect 2 'option "-n" needs an argument' -n
expect 2 'missing SWITCH' pa show
expect 2 'invalid VSID "4095": must be 4096-16777214' record add lo vsid 4095 ca 10.0.0.1 mac 02:00:00:00:00:01 pa 1.1.1.1
expect 2 'invalid MAC address "zz:00:00:00:00:01"' record add lo vsid 5001 ca 10.0.0.1 mac zz:00:00:00:00:01 pa 1.1.1.1
expect 2 'invalid address "10.0.0.300": expected IPv4 or IPv6' record add lo vsid 5001 ca 10.0.0.300 mac 02:00:00:00:00:01 pa 1.1.1.1
expect 2 'invalid address "2001:db8::g"' record add lo vsid 5001 ca 2001:db8::g mac 02:00:00:00:00:01 pa 1.1.1.1
expect 0 "" vsubnet help
expect 2 'invalid prefix "2001:db8:1::1/64": host bits set past /64' vsubnet add lo vsid 5001 rdid 1 prefix 2001:db8:1::1/64
expect 2 'invalid prefix "2001:db8::/129": LEN must be 0-128 for IPv6' route add lo rdid 1 prefix 2001:db8::/129 nexthop 2001:db8::1
expect 2 'invalid address "2001:db8::zz"' vsubnet add lo vsid 5001 rdid 1 prefix 2001:db8:1::/64 gateway 2001:db8::zz
expect 2 'invalid prefix "10.9.0.0/33": LEN must be 0-32 for IPv4' vsubnet del lo vsid 5001 prefix 10.9.0.0/33
expect 2 'invalid address "2001:db8:::1"' record del lo vsid 5001 ca 2001:db8:::1
expect 2 'invalid address "2001:db8::zz": expected IPv4 or IPv6' record add lo vsid 5001 ca 2001:db8::2 mac 02:00:00:00:00:01 pa 2001:db8::zz
expect 2 'missing keyword "ca"' record get lo vsid 5001
expect 2 'unknown keyword "vsdi"' record del lo vsdi 5001 ca 10.0.0.1
expect 2 'keyword "ca" given twice' record del lo vsid 5001 ca 10.0.0.1 ca 10.0.0.2
expect 2 'missing keyword "pa"' record add lo vsid 5001 ca 10.0.0.1 mac 02:00:00:00:00:01
expect 2 'unexpected argument "x"' pa add lo 10.0.0.1 x
expect 2 'invalid flowid mode "fast"' switch add sw0 flowid fast
expect 2 'switch set needs address, flowid, move-grace, dscp, default-vsid or a max-* limit' switch set lo
expect 2 'missing FILE' sync lo
expect 2 'unexpected argument "extra"' sync lo /dev/null extra
expect 2 'save prints commands, not JSON' -j save
expect 2 'invalid count "0": must be 1-4294967295' switch set lo max-records 0
expect 2 'invalid count "4294967296": must be 1-4294967295' switch add sw0 max-routes 4294967296
expect 2 'keyword "max-pas" needs a value' switch add sw0 max-pas
expect 2 'invalid time "600001": must be 0-600000 milliseconds' switch set lo move-grace 600001
expect 1 'device "nosuch" does not exist' port add lo dev nosuch vsid 5001
expect 2 'port add takes one of "dev IFNAME" or "internal NAME"' port add lo vsid 5001
expect 2 'port add takes one of "dev IFNAME" or "internal NAME"' port add lo dev lo internal x0 vsid 5001
expect 2 'invalid MAC address "01:00:00:00:00:01": must be unicast' port add lo dev lo vsid 5001 mac 01:00:00:00:00:01
expect 2 'invalid device name "0123456789abcdefXYZ"' port add lo internal 0123456789abcdefXYZ vsid 5001
expect 2 'missing keyword "vsid"' port add lo internal x0
expect 2 'unknown keyword "vsid"' port del lo dev lo vsid 5001
expect 1 'device "nosuch" does not exist' stats show nosuch
expect 1 'cannot open network namespace "nvsw-nosuch"' -n nvsw-nosuch switch show
expect 0 "" monitor help
expect 0 "" explain help
expect 2 'invalid VSID "12": must be 4096-16777214' switch set lo default-vsid 12
expect 2 'invalid destination "10.0.0.256": expected an IPv4 or IPv6 address or a MAC' explain lo dev lo dst 10.0.0.256
expect 2 'invalid size "70000": must be 20-65535 bytes' explain lo dev lo dst 10.0.0.1 size 70000
expect 2 'missing keyword "dst"' explain lo dev lo
expect 2 'unknown group "conf"' monitor conf
expect 2 'invalid count "0"' monitor config count 0
expect 2 'keyword "count" needs a value' monitor count
expect 2 'invalid VSID "1"' record flush lo vsid 1
expect 2 'invalid address "x": expected IPv4 or IPv6' record show lo pa x
expect 2 'give "vsid" or "dev", not both' stats show lo vsid 5001 dev lo
expect 2 'unexpected argument "x"' port show lo stats x
expect 2 'unknown keyword "dev"' vsid show lo dev lo
expect 2 'vsid set needs bum or rate' vsid set lo vsid 5001
expect 2 'missing keyword "vsid"' vsid set lo bum drop
expect 2 'invalid bum mode "flood": must be drop or replicate' vsid set lo vsid 5001 bum flood
expect 2 'invalid rate "0": must be 1-1000000 frames per second' vsid set lo vsid 5001 rate 0

# A help word anywhere prints the usage and creates nothing.
expect_help switch add help
expect_help switch add -h
expect_help switch add sw0 --help
expect_help record add nosuch vsid 1 help
expect_help port del lo dev lo -h
expect_help monitor config help
expect_help pa help add
expect_help explain lo dev lo dst 10.0.0.1 help
expect 2 'invalid device name "-x": must not start with "-"' switch add -x
expect 2 'invalid device name "-p0": must not start with "-"' port add lo internal -p0 vsid 5001

# Every word is checked before the switch or a device is looked up.
expect 2 'invalid VSID "1"' record add nosuch vsid 1 ca 10.0.0.1 mac 02:00:00:00:00:01 pa 1.1.1.1
expect 2 'invalid MAC address "zz"' record add nosuch vsid 5001 ca 10.0.0.1 mac zz pa 1.1.1.1
expect 2 'invalid VSID "1"' port add nosuch dev lo vsid 1
expect 2 'invalid VSID "1"' port add lo dev nosuchdev vsid 1
expect 2 'missing keyword "vsid"' port add nosuch dev nosuchdev
expect 2 'invalid address "10.0.0.300"' pa add nosuch 10.0.0.300
expect 2 'unexpected argument "x"' pa show nosuch x
expect 2 'invalid VSID "1"' stats show nosuch vsid 1
expect 2 'invalid time "600001"' switch set nosuch move-grace 600001
expect 2 'unexpected argument "x"' switch del nosuch x
expect 2 'invalid rate "0"' vsid set nosuch vsid 5001 rate 0
expect 2 'invalid prefix "10.0.0.1/8"' route add nosuch rdid 1 prefix 10.0.0.1/8 nexthop 10.0.0.2
expect 1 'device "nosuch" does not exist' vsid show nosuch

# Objects and commands by any prefix, as in ip; where several fit, the
# first of the table: the object listed first, and show before set.
expect 2 'missing keyword "mac"' rec a lo vsid 5001 ca 10.0.0.1
expect 2 'missing keyword "mac"' r a lo vsid 5001 ca 10.0.0.1
expect 2 'unexpected argument "x"' sw sh lo x
expect 2 'unexpected argument "x"' sw s lo x
expect 2 'unknown keyword "vsid"' po d lo dev lo vsid 5001
expect 2 'invalid RDID "0"' vsu s lo rdid 0
expect 2 'unknown keyword "rdid"' vs s lo rdid 1
expect 2 'invalid RDID "0"' ro ls lo rdid 0
expect 2 'unexpected argument "x"' pa ls lo x
expect 2 'give "vsid" or "dev", not both' st sh lo vsid 5001 dev lo
expect 2 'unknown group "x"' mon x
expect 2 'unknown command "x" for "switch"' switch x
expect 2 'unknown object "x"' x
# The object is a record, as in the kernel and the uapi; "lookup" is no other
# name of it.
expect 2 'unknown object "lookup", try "nvswitchctl help"' lookup add lo vsid 5001 ca 10.0.0.1 mac 02:00:00:00:00:01 pa 1.1.1.1

# show: everything at a glance, for one switch or all.
expect_help show help
expect_help show lo -h
expect 2 'unexpected argument "x"' show lo x
expect 2 'invalid device name "0123456789abcdefXYZ"' show 0123456789abcdefXYZ
expect 1 'device "nosuch" does not exist' show nosuch

# A batch stops at the first failed line, as ip -batch, and says where.
# batch RC ARGS... < LINES: the batch exits RC; its stderr is in $out.
batch() {
	local rc=$1 got
	shift
	n=$((n + 1))
	out=$("$ctl" "$@" 2>&1 >/dev/null)
	got=$?
	[ "$got" = "$rc" ] && return 0
	echo "FAIL: batch $*: exit $got, want $rc; stderr: $out"
	fails=$((fails + 1))
	return 1
}
# said PATTERN: the batch's stderr matches the glob; or a failure.
said() {
	[[ "$out" == $1 ]] && return 0
	echo "FAIL: batch stderr: $out (want: $1)"
	fails=$((fails + 1))
}
lines='# c\n\nrecord del lo vsid 1 ca 10.0.0.1\nhelp\nport frob\n'
batch 2 -b - < <(printf "$lines") && said '*line 3: invalid VSID*Command failed -:3'
[[ "$out" == *"line 5"* ]] && { echo "FAIL: batch went on after line 3: $out"; fails=$((fails + 1)); }
printf "$lines" >"${TMPDIR:-/tmp}/nvswitchctl-test-$$.batch"
batch 2 -batch "${TMPDIR:-/tmp}/nvswitchctl-test-$$.batch" && said '*Command failed /*nvswitchctl-test-*.batch:3'
rm -f "${TMPDIR:-/tmp}/nvswitchctl-test-$$.batch"
# -force goes on, and the status is still the worst line's.
batch 2 -force -b - < <(printf "$lines") &&
	said '*line 3: invalid VSID*Command failed -:3*line 5: unknown command*Command failed -:5'
batch 2 -b - -f < <(printf 'help\nrecord del lo vsid 1 ca 10.0.0.1\n') && said '*Command failed -:2'
batch 0 -b - < <(printf 'help\nswitch help\n')
batch 2 -force switch show && said '*-force goes with -b FILE*'

if [ ! -d /sys/module/nvswitch ]; then
	msg='the nvswitch module is not loaded (generic netlink family "nvswitch" not found)'
	expect 1 "$msg" switch show
	expect 1 "$msg" -j pa show lo
	expect 1 "$msg" $record
	expect 1 "$msg" record replace lo vsid 5001 ca 2001:db8::1 mac 02:00:00:00:00:01 pa 192.168.0.1
	expect 1 "$msg" -j record get lo vsid 5001 ca 2001:db8::1
	expect 1 "$msg" switch del lo
	# With the range checks off, the CLI passes bad values on to the kernel.
	n=$((n + 1))
	out=$(NVSWITCHCTL_NO_CHECK=1 "$ctl" record add lo vsid 1 ca 10.0.0.1 mac ff:ff:ff:ff:ff:ff pa 1.1.1.1 2>&1)
	[[ "$out" == *"$msg"* ]] || { echo "FAIL: NO_CHECK: $out"; fails=$((fails + 1)); }
fi

echo "test_cli: $n checks, $fails failed"
[ $fails = 0 ]
