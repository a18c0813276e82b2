#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# End-to-end test of nvswitchctl against the nvswitch module: every command,
# its JSON, and the kernel's own extended-ACK messages. Needs the module, so
# it runs in a VM:
#
#   tools/nvswitch-vm --kernel 6.12 sh -c 'cd tools/nvswitchctl && ./test_e2e.sh'
#
# Everything happens in a fresh netns entered with -n, which is removed on
# exit; two more play the VMs behind the ports for the traffic checks.
set -u

ctl=${NVSWITCHCTL:-$(cd "$(dirname "$0")" && pwd)/nvswitchctl}
ns=nvctl-e2e-$$
vm1=nvctl-e2e-vm1-$$ vm2=nvctl-e2e-vm2-$$
mon=$(mktemp)
fails=0 n=0

# Loaded by hand: the VM does not autoload modules for "ip link add".
modprobe veth 2>/dev/null || true
if [ ! -d /sys/module/nvswitch ] && ! modprobe nvswitch 2>/dev/null; then
	echo "SKIP: the nvswitch module cannot be loaded"
	exit 4
fi

cleanup() {
	ip netns del "$vm1" 2>/dev/null
	ip netns del "$vm2" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	rm -f "$mon"
}
trap cleanup EXIT
ip netns add "$ns" || exit 1
ip -n "$ns" link set lo up
ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
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

# listen ARGS...: starts "nvswitchctl ARGS" (a monitor) into $mon, in the
# background for at most 60 s (a loaded host is slow), and returns once it has joined its group.
listen() {
	timeout 60 "$ctl" -n "$ns" "$@" >"$mon" &
	mpid=$!
	joined
}

# joined: a netlink socket in $ns is in a multicast group, or 5 s passed
# (Groups shows the first 32 groups only: then the wait is all there is).
joined() {
	local i
	for i in $(seq 50); do
		ip netns exec "$ns" awk 'NR > 1 && $2 == 16 && $4 != "00000000" { f = 1 }
			END { exit !f }' /proc/net/netlink && return
		sleep 0.1
	done
}

# heard: the monitor saw all its events and exited on its own.
heard() {
	local rc
	n=$((n + 1))
	wait "$mpid"
	rc=$?
	[ $rc = 0 ] || failed "monitor: exit $rc (124: too few events); got: $(cat "$mon")"
}

# events: the monitor's NDJSON, one line per event, values only, without
# the switch's counters, which depend on what happened before.
events() {
	python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    print(" ".join(str(v) for k, v in d.items()
                   if k not in ("ifindex", "flowid", "ports", "lookups")))' <"$mon"
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
rejects 1 "Error: IPv4 pa is already a provider address" pa add sw0 192.0.2.1
rejects 1 "Error: IPv4 pa is already a provider address" pa add sw1 192.0.2.1
rejects 1 "Error: " pa add sw0 224.0.0.1
same "PAs" "$(c -j pa show sw0)" '["192.0.2.1","192.0.2.11"]'
same "PAs, human" "$(c pa show sw0 | tr '\n' ' ')" "192.0.2.1 192.0.2.11 "
same "PA get" "$(c pa get sw0 192.0.2.11)" "192.0.2.11"
same "PA get, JSON" "$(c -j pa get sw0 192.0.2.1)" '{"pa":"192.0.2.1"}'
rejects 1 "Error: IPv4 pa is not a provider address of this switch" pa get sw1 192.0.2.1
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
same "port get" "$(py '(d["dev"], d["vsid"], "rx_packets" in d["stats"])' -j port get sw0 dev v0)" \
	"('v0', 5001, True)"
same "port get, human" "$(c port get sw0 dev v0 | head -1 | cut -d' ' -f1-3)" "v0 vsid 5001"
rejects 1 "Error: dev is not a port of this switch" port get sw1 dev v0

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
	"['arp_replies', 'local_bytes', 'local_packets', 'routed_bytes', 'routed_packets', 'rx_bytes', 'rx_packets', 'tx_bytes', 'tx_packets']"
# As many as the uapi header has reasons (less UNSPEC and PAD): none forgotten.
ndrops=$(($(grep -c '^[[:space:]]*NVSW_DROP_A_[A-Z_]*,' "$(dirname "$0")/../../include/uapi/linux/nvswitch.h") - 2))
same "drop keys" "$(py 'len(d["drops"])' -j stats show sw0)" $ndrops
same "stats, human" "$(c stats show sw0 | grep -c '^drop_[a-z_]* [0-9]*$')" $ndrops
same "pretty" "$(c -p stats show sw0 | python3 -c 'import json,sys; print(type(json.load(sys.stdin)).__name__)')" dict

# Monitor: every change is announced as the NEW/DEL that makes it; a
# replace is an add. The last change is a sentinel: nothing came in between.
listen -j monitor config count 10
ok switch add sw2
ok pa add sw2 192.0.2.31
ok port add sw2 dev v1 vsid 5002
ok lookup add sw2 vsid 5002 ca 10.0.2.1 mac 02:00:00:00:02:01 pa 192.0.2.32
ok lookup replace sw2 vsid 5002 ca 10.0.2.1 mac 02:00:00:00:02:02 pa 192.0.2.33
ok lookup del sw2 vsid 5002 ca 10.0.2.1
ok port del sw2 dev v1
ok pa del sw2 192.0.2.31
ok switch del sw2
ok pa add sw0 192.0.2.41
heard
same "config events" "$(events)" "switch add sw2
pa add sw2 192.0.2.31
port add sw2 v1 5002
lookup add sw2 5002 10.0.2.1 02:00:00:00:02:01 192.0.2.32
lookup add sw2 5002 10.0.2.1 02:00:00:00:02:02 192.0.2.33
lookup del sw2 5002 10.0.2.1 02:00:00:00:02:02 192.0.2.33
port del sw2 v1 5002
pa del sw2 192.0.2.31
switch del sw2
pa add sw0 192.0.2.41"
same "switch event keys" "$(head -1 "$mon" | python3 -c 'import json,sys; print(sorted(json.load(sys.stdin)))')" \
	"['action', 'event', 'flowid', 'ifindex', 'lookups', 'ports', 'switch']"

listen monitor config count 2
ok pa del sw0 192.0.2.41
ok lookup add sw0 vsid 5001 ca 10.0.0.7 mac 02:00:00:00:00:07 pa 192.0.2.2
heard
same "events, human" "$(cat "$mon")" "[pa] del sw0 192.0.2.41
[lookup] add sw0 vsid 5001 ca 10.0.0.7 mac 02:00:00:00:00:07 pa 192.0.2.2"
ok lookup del sw0 vsid 5001 ca 10.0.0.7

# Two VMs behind ports p1 and p2 of sw0, in subnet 5001, on this host's PA.
# No IPv6: its router solicitations would move the counters between reads.
ip netns add "$vm1" && ip netns add "$vm2" || exit 1
for i in 1 2; do
	vm=vm$i
	ip netns exec "${!vm}" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	ip -n "$ns" link add p$i type veth peer name eth0 netns "${!vm}" || exit 1
	ip -n "${!vm}" link set eth0 address 02:00:00:00:01:0$i
	ip -n "${!vm}" addr add 10.0.0.$i/24 dev eth0
	ip -n "${!vm}" link set eth0 up
	ip -n "$ns" link set p$i up
	ok port add sw0 dev p$i vsid 5001
done
ip -n "$ns" link set sw0 up

# A VM asking for an address without a record: a miss on the "miss" group.
listen -j monitor miss count 1
ip netns exec "$vm1" ping -c 1 -W 1 10.0.0.99 >/dev/null 2>&1
heard
same "miss" "$(events)" "miss sw0 arp 5001 10.0.0.99 p1"
same "miss, no record" "$(py 'd["drops"]["no_record"] > 0' -j stats show sw0 dev p1)" True

# Counters: p1 to p2 is switched locally, the ARP answered from policy.
ok lookup replace sw0 vsid 5001 ca 10.0.0.1 mac 02:00:00:00:01:01 pa 192.0.2.1
ok lookup add sw0 vsid 5001 ca 10.0.0.2 mac 02:00:00:00:01:02 pa 192.0.2.1
n=$((n + 1))
ip netns exec "$vm1" ping -c 3 -i 0.2 -W 1 10.0.0.2 >/dev/null || failed "ping 10.0.0.2 from vm1"
same "p1 counters" "$(py 'd["rx_packets"] >= 4 and d["tx_packets"] >= 3' -j stats show sw0 dev p1)" True
same "p2 counters" "$(py 'd["rx_packets"] >= 3 and d["tx_packets"] >= 3' -j stats show sw0 dev p2)" True
same "5001 counters" \
	"$(py 'd["local_packets"] >= 6 and d["arp_replies"] >= 1' -j stats show sw0 vsid 5001)" True
same "6001 has no port" "$(c -j vsid show sw0 vsid 6001)" "[]"
rejects 1 "Error: " stats show sw0 vsid 6001
rejects 1 'device "v1" is not a port of "sw0"' stats show sw0 dev v1
same "vsids" "$(py '[(v["vsid"], v["ports"]) for v in d]' -j vsid show sw0)" "[(5001, 3)]"
same "vsid keys" "$(py 'sorted(d[0]["stats"])' -j vsid show sw0)" "$(py 'sorted(d)' -j stats show sw0)"
same "vsid = stats vsid" "$(py 'd[0]["stats"]' -j vsid show sw0 vsid 5001)" \
	"$(py 'd' -j stats show sw0 vsid 5001)"
same "vsid, human" "$(c vsid show sw0 | cut -d' ' -f1-9)" "vsid 5001 ports 3 bum drop rate 1000 tx_packets"
same "port stats keys" "$(py 'sorted(d[0]["stats"])' -j port show sw0)" \
	"['drops', 'rx_bytes', 'rx_packets', 'tx_bytes', 'tx_packets']"
same "port = stats dev" "$(py '[p["stats"]["rx_packets"] for p in d if p["dev"] == "p2"][0]' -j port show sw0)" \
	"$(py 'd["rx_packets"]' -j stats show sw0 dev p2)"
same "port -s" "$(c -s port show sw0 | grep -c '^    rx_packets [0-9]* rx_bytes [0-9]* tx_packets [0-9]* tx_bytes [0-9]* drops [0-9]*$')" 3
same "port stats" "$(c port show sw0 stats | wc -l)" 6
same "port, no stats" "$(c port show sw0 | wc -l)" 3

# Flush removes what the filter names, and only that; each removal is announced.
ok lookup add sw0 vsid 5001 ca 10.0.0.3 mac 02:00:00:00:00:03 pa 192.0.2.3
ok lookup add sw0 vsid 6001 ca 10.0.0.3 mac 02:00:00:00:00:63 pa 192.0.2.3
ok lookup add sw0 vsid 7001 ca 10.0.0.3 mac 02:00:00:00:00:73 pa 192.0.2.3
ok lookup add sw0 vsid 7001 ca 10.0.0.4 mac 02:00:00:00:00:74 pa 192.0.2.2
records() {
	py '" ".join(sorted("%d/%s" % (r["vsid"], r["ca"]) for r in d))' -j lookup show sw0 "$@"
}
same "all records" "$(records)" "5001/10.0.0.1 5001/10.0.0.2 5001/10.0.0.3 6001/10.0.0.1 6001/10.0.0.3 7001/10.0.0.3 7001/10.0.0.4"
same "records of pa" "$(records pa 192.0.2.3)" "5001/10.0.0.3 6001/10.0.0.3 7001/10.0.0.3"
same "records of vsid and pa" "$(records vsid 7001 pa 192.0.2.2)" "7001/10.0.0.4"
listen -j monitor config count 2
same "flush vsid" "$(c lookup flush sw0 vsid 6001)" "flushed 2"
heard
same "flush events" "$(events | sort)" "lookup del sw0 6001 10.0.0.1 02:00:00:00:00:61 192.0.2.2
lookup del sw0 6001 10.0.0.3 02:00:00:00:00:63 192.0.2.3"
same "after flush vsid" "$(records)" "5001/10.0.0.1 5001/10.0.0.2 5001/10.0.0.3 7001/10.0.0.3 7001/10.0.0.4"
same "flush pa" "$(c -j lookup flush sw0 pa 192.0.2.3)" '{"flushed":2}'
same "after flush pa" "$(records)" "5001/10.0.0.1 5001/10.0.0.2 7001/10.0.0.4"
same "flush vsid and pa" "$(c lookup flush sw0 vsid 7001 pa 192.0.2.3)" "flushed 0"
same "after nothing flushed" "$(records)" "5001/10.0.0.1 5001/10.0.0.2 7001/10.0.0.4"
same "switch lookups" "$(py 'd[0]["lookups"]' -j switch show sw0)" 3
same "flush all" "$(c lookup flush sw0)" "flushed 3"
same "no records" "$(c -j lookup show sw0)" "[]"
rejects 2 'invalid VSID "1"' lookup flush sw0 vsid 1

# A listener that cannot keep up hears that it lost events, and goes on.
seq 1 2000 | awk '{ printf "lookup add sw0 vsid 8001 ca 10.1.%d.%d mac 02:00:00:01:%02x:%02x pa 192.0.2.9\n",
	int($1 / 256), $1 % 256, int($1 / 256), $1 % 256 }' | c -b - || failed "batch of 2000 records"
listen -j monitor config
kill -STOP "$mpid"
same "flush 2000" "$(c lookup flush sw0 vsid 8001)" "flushed 2000"
kill -CONT "$mpid"
ok pa add sw0 192.0.2.43
sleep 1
kill "$mpid"
wait "$mpid"
same "overrun" "$(grep -c '^{"event":"overrun"}$' "$mon")" 1
same "events after overrun" "$(events | tail -1)" "pa add sw0 192.0.2.43"
ok pa del sw0 192.0.2.43

# A batch stops at a failing line and says which, as ip -batch; -force goes on.
n=$((n + 1))
lines='pa add sw1 192.0.2.21\n# comment\n\npa add sw1 192.0.2.21\npa add sw1 192.0.2.22\n'
out=$(printf "$lines" | c -b - 2>&1)
rc=$?
[ $rc = 1 ] && [[ "$out" == *"line 4: Error: "*"Command failed -:4" ]] || failed "batch: exit $rc: $out"
same "PAs after batch" "$(c -j pa show sw1)" '["192.0.2.21"]'
n=$((n + 1))
out=$(printf "$lines" | c -force -b - 2>&1)
rc=$?
[ $rc = 1 ] && [[ "$out" == *"line 1: Error: "*"Command failed -:1"*"line 4: Error: "* ]] ||
	failed "batch -force: exit $rc: $out"
same "PAs after batch -force" "$(c -j pa show sw1)" '["192.0.2.21","192.0.2.22"]'

# A batch checks a switch's name once, and again after a "switch" line.
n=$((n + 1))
out=$(printf 'switch add sw9
pa add sw9 192.0.2.91
switch del sw9
pa add sw9 192.0.2.92
' |
	c -b - 2>&1)
rc=$?
[ $rc = 1 ] && [ "$out" = 'nvswitchctl: line 4: device "sw9" does not exist
Command failed -:4' ] ||
	failed "batch after switch del: exit $rc: $out"

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
