#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# End-to-end test of nvswitchctl against the nvswitch module: every command,
# its JSON, and the kernel's own extended-ACK messages. Needs the module, so
# it runs in a VM:
#
#   tools/nvswitch-vm -- tools/nvswitchctl/test_e2e.sh
#
# Everything happens in a fresh netns entered with -n, which is removed on exit.
set -u

ctl=${NVSWITCHCTL:-$(cd "$(dirname "$0")" && pwd)/nvswitchctl}
ns=nvctl-e2e-$$
fails=0 n=0

# Loaded by hand: the VM does not autoload modules for "ip link add".
modprobe veth 2>/dev/null || true
if [ ! -d /sys/module/nvswitch ] && ! modprobe nvswitch 2>/dev/null; then
	echo "SKIP: the nvswitch module cannot be loaded"
	exit 4
fi

cleanup() {
	ip netns del "$ns" 2>/dev/null
}
trap cleanup EXIT
ip netns add "$ns" || exit 1
ip -n "$ns" link set lo up
ip -n "$ns" link add v0 type veth peer name v1 || exit 1

c() {
	"$ctl" -n "$ns" "$@"
}

failed() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# ok ARGS...: the command succeeds.
ok() {
	local out
	n=$((n + 1))
	out=$(c "$@" 2>&1) || failed "nvswitchctl $*: exit $?: $out"
}

# rejects RC STDERR-SUBSTRING ARGS...: the command fails with that message.
rejects() {
	local rc=$1 msg=$2 out got
	shift 2
	n=$((n + 1))
	out=$(c "$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" != "$rc" ] || [[ "$out" != *"$msg"* ]]; then
		failed "nvswitchctl $*: exit $got, want $rc; stderr: $out (want: $msg)"
	fi
}

# same WHAT GOT WANT
same() {
	n=$((n + 1))
	[ "$2" = "$3" ] || failed "$1: got '$2', want '$3'"
}

# py EXPR ARGS...: EXPR evaluated with d = the JSON that `c ARGS` prints.
py() {
	local expr=$1
	shift
	c "$@" | python3 -c "import json, sys; d = json.load(sys.stdin); print($expr)"
}

# Switches.
ok switch add sw0
ok switch add sw1 flowid zero
rejects 1 "Error: " switch add sw0
same "switches" "$(py 'sorted(s["ifname"] for s in d)' -j switch show)" "['sw0', 'sw1']"
same "sw1 flowid" "$(py 'd[0]["flowid"]' -j switch show sw1)" zero
same "sw0 keys" "$(py 'sorted(d[0])' -j switch show sw0)" \
	"['flowid', 'ifindex', 'ifname', 'lookups', 'pa', 'ports']"
same "sw0 ifindex" "$(py 'd[0]["ifindex"]' -j switch show sw0)" \
	"$(ip -n "$ns" -j link show sw0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')"
ok switch set sw0 flowid zero
same "sw0 flowid after set" "$(py 'd[0]["flowid"]' -j switch show sw0)" zero
ok switch set sw0 flowid hash
rejects 1 "is not an nvswitch" switch set v0 flowid zero

# Provider addresses.
ok pa add sw0 192.0.2.1
ok pa add sw0 192.0.2.11
rejects 1 "Error: NVSW_A_PA_IPV4" pa add sw0 192.0.2.1
rejects 1 "Error: NVSW_A_PA_IPV4" pa add sw1 192.0.2.1
rejects 1 "Error: " pa add sw0 224.0.0.1
same "PAs" "$(c -j pa show sw0)" '["192.0.2.1","192.0.2.11"]'
same "PAs, human" "$(c pa show sw0 | tr '\n' ' ')" "192.0.2.1 192.0.2.11 "
ok pa del sw0 192.0.2.11
rejects 1 "Error: " pa del sw0 192.0.2.11
same "no PAs" "$(c -j pa show sw1)" '[]'

# Ports.
ok port add sw0 dev v0 vsid 5001
rejects 1 "Error: " port add sw0 dev v0 vsid 5001
rejects 1 "Error: " port add sw1 dev v0 vsid 5001
same "ports" "$(py '[(p["dev"], p["vsid"]) for p in d]' -j port show sw0)" "[('v0', 5001)]"
same "port ifindex" "$(py 'd[0]["ifindex"]' -j port show sw0)" \
	"$(ip -n "$ns" -j link show v0 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["ifindex"])')"
same "port, human" "$(c port show sw0 | cut -d' ' -f1-3)" "v0 vsid 5001"

# Lookup records: add, change and replace honour EXCL, CREATE and REPLACE.
rec="vsid 5001 ca 10.0.0.1 mac 02:00:00:00:00:01 pa 192.0.2.2"
ok lookup add sw0 $rec
rejects 1 "Error: " lookup add sw0 $rec
rejects 1 "Error: " lookup change sw0 vsid 5001 ca 10.0.0.9 mac 02:00:00:00:00:09 pa 192.0.2.2
ok lookup replace sw0 vsid 5001 ca 10.0.0.9 mac 02:00:00:00:00:09 pa 192.0.2.2
ok lookup change sw0 vsid 5001 ca 10.0.0.9 mac 02:00:00:00:00:0a pa 192.0.2.3
ok lookup add sw0 vsid 6001 ca 10.0.0.1 mac 02:00:00:00:00:61 pa 192.0.2.2
same "get" "$(c lookup get sw0 ca 10.0.0.9 vsid 5001)" \
	"vsid 5001 ca 10.0.0.9 mac 02:00:00:00:00:0a pa 192.0.2.3"
same "get, JSON" "$(c -j lookup get sw0 vsid 5001 ca 10.0.0.1)" \
	'{"vsid":5001,"ca":"10.0.0.1","mac":"02:00:00:00:00:01","pa":"192.0.2.2"}'
same "records" "$(py 'len(d)' -j lookup show sw0)" 3
same "records of 5001" "$(py 'sorted(r["ca"] for r in d)' -j lookup show sw0 vsid 5001)" \
	"['10.0.0.1', '10.0.0.9']"
same "records of 7001" "$(c -j lookup show sw0 vsid 7001)" "[]"
ok lookup del sw0 vsid 5001 ca 10.0.0.9
rejects 1 "Error: " lookup get sw0 vsid 5001 ca 10.0.0.9
rejects 1 "Error: " lookup del sw0 vsid 5001 ca 10.0.0.9
same "switch line" "$(c switch show sw0)" "sw0: flowid hash pa 192.0.2.1 ports 1 lookups 2"

# The kernel validates on its own, with its own message.
export NVSWITCHCTL_NO_CHECK=1
rejects 1 "Error: " lookup add sw0 vsid 4095 ca 10.0.0.5 mac 02:00:00:00:00:05 pa 192.0.2.2
rejects 1 "Error: " lookup add sw0 vsid 16777215 ca 10.0.0.5 mac 02:00:00:00:00:05 pa 192.0.2.2
rejects 1 "Error: " lookup add sw0 vsid 5001 ca 10.0.0.5 mac 01:00:5e:00:00:05 pa 192.0.2.2
rejects 1 "Error: " lookup add sw0 vsid 5001 ca 10.0.0.5 mac 00:00:00:00:00:00 pa 192.0.2.2
rejects 1 "Error: " port add sw1 dev v1 vsid 1
rejects 1 "Error: " pa show nosuch
unset NVSWITCHCTL_NO_CHECK

# Stats: every counter, and every drop reason, is a key.
same "stats keys" "$(py 'sorted(k for k in d if k != "drops")' -j stats show sw0)" \
	"['arp_replies', 'local_bytes', 'local_packets', 'rx_bytes', 'rx_packets', 'tx_bytes', 'tx_packets']"
same "drop keys" "$(py 'len(d["drops"])' -j stats show sw0)" 15
same "stats, human" "$(c stats show sw0 | grep -c '^drop_[a-z_]* [0-9]*$')" 15
same "pretty" "$(c -p stats show sw0 | python3 -c 'import json,sys; print(type(json.load(sys.stdin)).__name__)')" dict

# A batch goes on after a failing line and says which.
n=$((n + 1))
out=$(printf 'pa add sw1 192.0.2.21\n# comment\n\npa add sw1 192.0.2.21\npa add sw1 192.0.2.22\n' |
	c -b - 2>&1)
rc=$?
[ $rc = 1 ] && [[ "$out" == *"line 4: Error: "* ]] || failed "batch: exit $rc: $out"
same "PAs after batch" "$(c -j pa show sw1)" '["192.0.2.21","192.0.2.22"]'

# Deleting checks the kind first: v0 survives.
rejects 1 "is not an nvswitch" switch del v0
n=$((n + 1))
ip -n "$ns" link show v0 >/dev/null 2>&1 || failed "switch del v0 deleted v0"
ok switch del sw0
ok switch del sw1
same "no switches" "$(c -j switch show)" "[]"
rejects 1 'device "sw0" does not exist' switch del sw0

echo "test_e2e: $n checks, $fails failed"
[ $fails = 0 ]
