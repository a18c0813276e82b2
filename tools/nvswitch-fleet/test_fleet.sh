#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# nvswitch-fleet against a real etcd (Debian's etcd-server), started here on
# 127.0.0.1 with free ports and a temporary data directory, stopped by its
# PID on any exit. Needs no kernel module, so it runs on the host, in
# seconds. The agents' part is played by etcdctl: it writes each host's
# status key under a lease, as an agent would. KTAP output; exit 0 when
# every subtest passed, 1 otherwise, 4 (skip) without etcd.
set -u

here=$(cd "$(dirname "$0")" && pwd)
fleet_bin=${NVSWITCH_FLEET:-$here/nvswitch-fleet}
P=/nvswitch/v1

echo "TAP version 13"
for tool in etcd etcdctl jq curl python3; do
	command -v "$tool" >/dev/null || {
		echo "1..0 # SKIP $tool not found (scripts/install-deps.sh installs it)"
		exit 4
	}
done

tmp=$(mktemp -d /tmp/nvswitch-fleet-test.XXXXXX)
etcd_pid=
bg_pids=()
cleanup() {
	local p
	for p in "${bg_pids[@]}" $etcd_pid; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A port nobody listens on now (the kernel picks it; etcd binds it next).
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# until_true SECONDS COMMAND...: polls COMMAND every 50 ms.
until_true() {
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.05
	done
}

# Three tries: another process may take a port between free_port and etcd.
start_etcd() {
	for _ in 1 2 3; do
		cport=$(free_port) pport=$(free_port)
		EP=http://127.0.0.1:$cport
		rm -rf "$tmp/data"
		etcd --name fleet-test --data-dir "$tmp/data" \
			--listen-client-urls "$EP" --advertise-client-urls "$EP" \
			--listen-peer-urls "http://127.0.0.1:$pport" \
			--initial-advertise-peer-urls "http://127.0.0.1:$pport" \
			--initial-cluster "fleet-test=http://127.0.0.1:$pport" \
			>"$tmp/etcd.log" 2>&1 &
		etcd_pid=$!
		if until_true 20 etcd_ready; then
			return 0
		fi
		kill "$etcd_pid" 2>/dev/null; wait "$etcd_pid" 2>/dev/null
		etcd_pid=
	done
	return 1
}

etcd_ready() {
	kill -0 "$etcd_pid" 2>/dev/null || return 1
	curl -sf --noproxy '*' "$EP/health" 2>/dev/null | grep -q '"health":"true"'
}

if ! start_etcd; then
	echo "1..0 # SKIP etcd did not start: $(tail -n 3 "$tmp/etcd.log" | tr '\n' ' ')"
	exit 4
fi

# The test's own config file: nothing of /etc/nvswitch/fleet.conf is used.
printf 'endpoints = %s\ntimeout = 5\n' "$EP" >"$tmp/fleet.conf"

fleet() {
	"$fleet_bin" -c "$tmp/fleet.conf" "$@"
}

ectl() {
	ETCDCTL_API=3 etcdctl --endpoints="$EP" "$@"
}

# The store's revision now.
store_rev() {
	ectl get / --prefix --keys-only --limit 1 -w json | jq -r '.header.revision'
}

mod_rev() {
	ectl get "$1" -w json | jq -r '.kvs[0].mod_revision // 0'
}

# --- KTAP -------------------------------------------------------------------
n_tests=0 n_failed=0 failed=0
fail() {
	echo "# FAIL: $*"
	failed=1
}

# expect RC STDERR-SUBSTRING ARGS...: fleet exits RC and says that on stderr.
expect() {
	local rc=$1 msg=$2 out got
	shift 2
	out=$(fleet "$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" != "$rc" ] || [[ "$out" != *"$msg"* ]]; then
		fail "nvswitch-fleet $*: exit $got, want $rc; stderr: $out (want: $msg)"
	fi
}

# same VALUE WANT WHAT: a comparison, reported when it fails.
same() {
	[ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"
}

run_test() {
	local name=$1
	failed=0
	n_tests=$((n_tests + 1))
	"$name"
	if [ "$failed" = 0 ]; then
		echo "ok $n_tests $name"
	else
		echo "not ok $n_tests $name"
		n_failed=$((n_failed + 1))
	fi
}

# --- the tests --------------------------------------------------------------

# Three tenants, each a routing domain with one VSID whose VMs use the same
# CAs as the others' (10.0.0.1, 10.0.0.2): read back as they were written.
three_tenants() {
	local t vsid rd h
	for h in 1 2 3; do
		fleet host add hv$h pa 192.0.2.$h || fail "host add hv$h"
	done
	fleet host replace hv3 pa 192.0.2.3 pa 2001:db8::3 switch nvsw0 || fail "host replace hv3"
	rd=0
	for t in red blue green; do
		rd=$((rd + 1)) vsid=$((4001 + rd * 1000))
		fleet rdomain add $rd name "tenant $t" || fail "rdomain add $rd"
		fleet vsid add $vsid bum replicate rate 1000 name $t || fail "vsid add $vsid"
		fleet vsubnet add vsid $vsid prefix 10.0.0.0/24 rdid $rd gateway 10.0.0.254 ||
			fail "vsubnet add $vsid"
		fleet route add rdid $rd prefix 0.0.0.0/0 nexthop 10.0.0.253 metric 10 ||
			fail "route add $rd"
		fleet vm add $t-a vsid $vsid mac 02:00:00:00:0$rd:01 ca 10.0.0.1 ca 2001:DB8:0:0::1 host hv1 ||
			fail "vm add $t-a"
		fleet vm add $t-b vsid $vsid mac 02:00:00:00:0$rd:02 ca 10.0.0.2 host hv$((rd % 3 + 1)) ||
			fail "vm add $t-b"
	done
	same "$(fleet -j vm show | jq length)" 6 "VMs"
	same "$(fleet -j vm show ca 10.0.0.1 | jq -r '[.[].vsid] | sort | join(",")')" \
		5001,6001,7001 "VSIDs of the VMs with CA 10.0.0.1"
	# Stored normalized: the IPv6 CA as inet_ntop prints it, MACs lower case.
	same "$(fleet -j vm show blue-a | jq -c '.[0] | del(.mod_revision)')" \
		'{"name":"blue-a","vsid":6001,"mac":"02:00:00:00:02:01","cas":["10.0.0.1","2001:db8::1"],"host":"hv1"}' \
		"vm blue-a"
	same "$(fleet vm show green-b)" "green-b vsid 7001 mac 02:00:00:00:03:02 ca 10.0.0.2 host hv1" \
		"vm show green-b (text)"
	same "$(fleet -j host show hv3 | jq -c '.[0] | del(.mod_revision)')" \
		'{"name":"hv3","pas":["192.0.2.3","2001:db8::3"],"switch":"nvsw0"}' "host hv3"
	same "$(fleet -j vsid show | jq -c '[.[] | [.vsid, .bum, .rate]]')" \
		'[[5001,"replicate",1000],[6001,"replicate",1000],[7001,"replicate",1000]]' "vsids"
	same "$(fleet -j vsubnet show rdid 2 | jq -c '[.[] | [.vsid, .prefix, .gateway]]')" \
		'[[6001,"10.0.0.0/24","10.0.0.254"]]' "vsubnets of rdid 2"
	same "$(fleet route show rdid 3)" "rdid 3 prefix 0.0.0.0/0 nexthop 10.0.0.253 metric 10" "routes of rdid 3"
	same "$(fleet -j vm show host hv1 | jq -r '[.[].name] | sort | join(",")')" \
		"blue-a,green-a,green-b,red-a" "VMs on hv1"
	# The key schema as documented: one key per VM, the value its JSON.
	same "$(ectl get $P/desired/vms/red-b --print-value-only | jq -r .host)" hv2 "red-b's key"
	same "$(ectl get $P/index/ca/5001/10.0.0.2 --print-value-only | jq -r .vm)" red-b "CA index"
}

# Every bad word refused, quoted, with exit 2, before etcd is asked; every
# refused change (exit 1) leaves the store as it was.
bad_input() {
	local before
	before=$(store_rev)
	expect 2 'invalid VSID "4095": must be 4096-16777214' vsid add 4095
	expect 2 'invalid VSID "16777215": must be 4096-16777214' vm add x vsid 16777215 mac 02:00:00:00:00:01 ca 10.0.0.9 host hv1
	expect 2 'invalid MAC address "zz:00:00:00:00:01"' vm add x vsid 5001 mac zz:00:00:00:00:01 ca 10.0.0.9 host hv1
	expect 2 'invalid MAC address "01:00:00:00:00:01": must be unicast' vm add x vsid 5001 mac 01:00:00:00:00:01 ca 10.0.0.9 host hv1
	expect 2 'invalid address "10.0.0.300": expected IPv4 or IPv6' vm add x vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.300 host hv1
	expect 2 'invalid address "2001:db8:::1"' host add hv9 pa 2001:db8:::1
	expect 2 'invalid prefix "10.0.0.1/24": host bits set past /24' vsubnet add vsid 5001 prefix 10.0.0.1/24 rdid 1
	expect 2 'invalid prefix "2001:db8::/129": LEN must be 0-128 for IPv6' route add rdid 1 prefix 2001:db8::/129 nexthop 2001:db8::1
	expect 2 'invalid RDID "0"' rdomain add 0
	expect 2 'invalid prefix "10.9.0.0/31": LEN of a virtual subnet must be 1-30 for IPv4' vsubnet add vsid 5001 prefix 10.9.0.0/31 rdid 1
	expect 2 'invalid prefix "::/0": LEN of a virtual subnet must be 1-127 for IPv6' vsubnet add vsid 5001 prefix ::/0 rdid 1
	expect 2 'invalid bum mode "flood": must be drop or replicate' vsid add 5002 bum flood
	expect 2 'invalid rate "0": must be 1-1000000 frames per second' vsid add 5002 rate 0
	expect 2 'invalid host name "-hv"' host add -hv pa 192.0.2.9
	expect 2 'missing keyword "host"' vm add x vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9
	expect 2 'missing keyword "pa"' host add hv9
	expect 2 'unknown keyword "vsdi"' vm add x vsdi 5001
	expect 2 'keyword "mac" given twice' vm add x vsid 5001 mac 02:00:00:00:00:09 mac 02:00:00:00:00:08 ca 10.0.0.9 host hv1
	expect 2 'ca "10.0.0.9" given twice' vm add x vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 ca 10.0.0.9 host hv1
	expect 2 'keyword "ca" needs a value' vm add x vsid 5001 ca
	expect 2 'unknown keyword "mac"' vm del red-a mac 02:00:00:00:01:01
	expect 2 'unknown object "bogus"' bogus
	expect 2 'unknown command "frob" for "vm"' vm frob
	expect 2 'unknown command "replace" for "vm"' vm replace red-a vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 host hv1
	expect 2 'unknown command "mo" for "host"' host mo hv1 hv2
	expect 2 'missing HOST' vm move red-a
	expect 2 'invalid revision "x"' vm move red-a hv2 if-rev x
	expect 2 'invalid revision "0"' wait 0
	expect 2 'invalid timeout "-1"' wait 5 timeout -1
	expect 2 'unknown option "-x"' -x vm show
	expect 2 'unknown option "--bogus"' --bogus vm show
	expect 2 'option "-e" needs an argument' -e
	expect 2 'option "--cacert" needs an argument' --cacert
	expect 2 'invalid revision "99999999999999999999"' vm move red-a hv2 if-rev 99999999999999999999
	expect 1 'cannot open "/nonexistent"' rbac host hv1 password-file /nonexistent
	expect 2 'invalid endpoint "ftp://x"' -e ftp://x vm show
	expect 2 'unexpected argument "x"' status x
	# Well-formed, refused by what the store holds.
	expect 1 'vm "red-a" already exists' vm add red-a vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 host hv1
	expect 1 'ca 10.0.0.1 is already used in its vsid by vm "red-a"' vm add x vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 ca 10.0.0.1 host hv1
	expect 1 'mac 02:00:00:00:01:01 is already used in its vsid by vm "red-a"' vm add x vsid 5001 mac 02:00:00:00:01:01 ca 10.0.0.9 host hv1
	expect 1 'vsid 5002 is not defined' vm add x vsid 5002 mac 02:00:00:00:00:09 ca 10.0.0.9 host hv1
	expect 1 'host hv9 is not defined' vm add x vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 host hv9
	expect 1 'host hv9 is not defined' vm move red-a hv9
	expect 1 'rdid 9 is not defined' vsubnet add vsid 5001 prefix 10.1.0.0/24 rdid 9
	expect 1 'vsid "5001" is in use by vm "red-a" and others' vsid del 5001
	expect 1 'host "hv1" is in use by vm' host del hv1
	expect 1 'rdomain "1" is in use by vsubnet' rdomain del 1
	expect 1 'vm "nosuch" does not exist' vm del nosuch
	expect 1 'vm "nosuch" does not exist' vm show nosuch
	expect 1 'cannot reach etcd at http://127.0.0.1:1' -e 127.0.0.1:1 vm show
	same "$(store_rev)" "$before" "store revision after refused commands"
	# The CA freed by a deleted VM can be taken again; help changes nothing.
	fleet vm add tmp vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 host hv1 || fail "vm add tmp"
	fleet vm del tmp || fail "vm del tmp"
	fleet vm add tmp2 vsid 5001 mac 02:00:00:00:00:09 ca 10.0.0.9 host hv1 || fail "CA 10.0.0.9 not freed"
	fleet vm del tmp2 || fail "vm del tmp2"
	same "$(ectl get $P/index/ca/5001/10.0.0.9 --print-value-only)" "" "index after del"
	# A MAC is one VM's in its VSID; another VSID may reuse it, and a deleted
	# VM frees it.
	fleet vm add tmp3 vsid 6001 mac 02:00:00:00:01:01 ca 10.0.0.9 host hv1 ||
		fail "MAC of red-a refused in another VSID"
	fleet vm del tmp3 || fail "vm del tmp3"
	same "$(ectl get $P/index/mac/6001/02:00:00:00:01:01 --print-value-only)" "" "MAC index after del"
	same "$(ectl get $P/index/mac/5001/02:00:00:00:01:01 --print-value-only)" '{"vm":"red-a"}' \
		"MAC index of red-a"
	before=$(store_rev)
	fleet vm add help >/dev/null || fail "vm add help"
	fleet vm move red-a hv2 -h >/dev/null || fail "vm move -h"
	same "$(store_rev)" "$before" "store revision after help"
}

# A move is one transaction: one new revision, at which the VM key and the
# desired-state revision marker both changed.
vm_move_one_txn() {
	local before after out
	before=$(store_rev)
	out=$(fleet -j vm move red-a hv3) || fail "vm move red-a hv3"
	after=$(store_rev)
	same "$after" $((before + 1)) "revisions a move takes"
	same "$(jq -c . <<<"$out")" "{\"vm\":\"red-a\",\"from\":\"hv1\",\"to\":\"hv3\",\"revision\":$after,\"conflicts\":0}" "move's JSON"
	same "$(mod_rev $P/desired/vms/red-a)" "$after" "VM key's mod revision"
	same "$(mod_rev $P/desired/revision)" "$after" "marker's mod revision"
	same "$(fleet -j vm show red-a | jq -r '.[0].host')" hv3 "red-a's host"
	# Moving where it is writes nothing.
	fleet vm move red-a hv3 || fail "move to the same host"
	same "$(store_rev)" "$after" "revision after a move to where it is"
}

# The VM changes between the CLI's read and its transaction (a concurrent
# writer, run from the CLI's test hook in exactly that window): the guard
# on the VM's mod revision catches it; the move is done again on the new
# value, whose change is kept; with if-rev it is refused instead.
vm_move_conflict() {
	local out rc before new='{"name":"red-b","vsid":5001,"mac":"02:00:00:00:01:99","cas":["10.0.0.2"],"host":"hv2"}'
	out=$(NVSWITCH_FLEET_TEST_RACE="ETCDCTL_API=3 etcdctl --endpoints=$EP put $P/desired/vms/red-b '$new' >/dev/null" \
		fleet -j vm move red-b hv3 2>"$tmp/err")
	rc=$?
	same "$rc" 0 "exit of a move with a conflict"
	grep -q 'changed while moving it (revision conflict)' "$tmp/err" ||
		fail "no conflict reported: $(cat "$tmp/err")"
	same "$(jq -r .conflicts <<<"$out")" 1 "conflicts counted"
	same "$(ectl get $P/desired/vms/red-b --print-value-only | jq -r '.mac + " " + .host')" \
		"02:00:00:00:01:99 hv3" "red-b: the concurrent change kept, and moved"
	# if-rev: refused when the VM is no longer at that revision.
	rev=$(fleet -j vm show red-b | jq -r '.[0].mod_revision')
	ectl put $P/desired/vms/red-b "$new" >/dev/null
	before=$(store_rev)
	expect 1 "vm \"red-b\" changed at revision $((rev + 1)), after $rev: not moved" vm move red-b hv1 if-rev "$rev"
	same "$(store_rev)" "$before" "revision after a refused if-rev move"
	# ... and in the window between read and transaction too.
	rev=$(mod_rev $P/desired/vms/red-b)
	NVSWITCH_FLEET_TEST_RACE="ETCDCTL_API=3 etcdctl --endpoints=$EP put $P/desired/vms/red-b '$new' >/dev/null" \
		fleet vm move red-b hv1 if-rev "$rev" 2>"$tmp/err"
	same "$?" 1 "exit of an if-rev move with a conflict"
	grep -q 'revision conflict): not moved' "$tmp/err" || fail "if-rev conflict: $(cat "$tmp/err")"
	same "$(ectl get $P/desired/vms/red-b --print-value-only | jq -r .host)" hv2 "red-b after the refused move"
}

# put_status HOST LEASE APPLIED: what an agent writes.
put_status() {
	ectl put --lease="$2" "$P/status/$1/state" "{\"applied\":$3,\"errors\":[]}" >/dev/null
}

lease() {
	ectl lease grant "$1" | awk '{ print $2 }'
}

host_live() {
	[ "$(fleet -j status | jq -r --arg h "$1" '.hosts[] | select(.host == $h) | .live')" = "$2" ]
}

# Agents report under leases: status shows applied and lag; wait blocks
# until every live host applied the revision; an expired lease is a dead
# host, not waited for.
status_and_wait() {
	local l1 l3 desired st pid rc
	l1=$(lease 60) l3=$(lease 1)
	desired=$(mod_rev $P/desired/revision)
	put_status hv1 "$l1" "$desired"
	put_status hv2 "$l1" $((desired - 3))
	put_status hv3 "$l3" $((desired - 9))
	# A status key without a lease (left over, never expires) is not live.
	ectl put $P/status/ghost/state '{"applied":1}' >/dev/null
	st=$(fleet -j status) || fail "status"
	same "$(jq -r .desired_revision <<<"$st")" "$desired" "desired revision"
	same "$(jq -c '[.hosts[] | select(.host == "hv1" or .host == "hv2") | [.host, .live, .applied, .lag]]' <<<"$st")" \
		"[[\"hv1\",true,$desired,0],[\"hv2\",true,$((desired - 3)),3]]" "hv1 and hv2"
	same "$(jq -c '.hosts[] | select(.host == "ghost") | [.defined, .live]' <<<"$st")" '[false,false]' "ghost"
	fleet status | grep -qE '^hv2 +live +[0-9]+ +3 +0$' || fail "status text: $(fleet status)"
	# hv3's lease runs out (etcd's minimum TTL is about 2 s): down.
	until_true 15 host_live hv3 false || fail "hv3 still live after its lease expired"
	fleet status | grep -qE '^hv3 +down +- +- +-$' || fail "status text for hv3: $(fleet status)"
	# hv2 is behind: wait times out and names it; hv3, dead, is not waited for.
	fleet wait "$desired" timeout 0.5 2>"$tmp/err"
	same "$?" 1 "exit of wait on a lagging host"
	grep -q "timed out after 0.5 s waiting for revision $desired: hv2 at $((desired - 3))" "$tmp/err" ||
		fail "wait's timeout message: $(cat "$tmp/err")"
	grep -q "host hv3 has no live agent: not waited for" "$tmp/err" || fail "wait names hv3: $(cat "$tmp/err")"
	# Blocks until hv2 catches up (without REV: the latest change); that it
	# does not return before is what the timeout above showed.
	fleet wait timeout 30 2>/dev/null &
	pid=$!
	bg_pids+=("$pid")
	put_status hv2 "$l1" "$desired"
	wait "$pid"
	rc=$?
	same "$rc" 0 "exit of wait once hv2 applied"
	# A change after that: not applied by anyone yet.
	fleet vm move red-a hv1 || fail "vm move red-a hv1"
	fleet wait timeout 0.2 2>/dev/null
	same "$?" 1 "wait after a new change"
	# Lag counts the store's revisions (status writes too) since what a host applied.
	same "$(fleet -j status | jq -c '[.hosts[] | select(.live) | .lag]')" \
		"[$(($(mod_rev $P/desired/revision) - desired)),$(($(mod_rev $P/desired/revision) - desired))]" \
		"lag after one change"
}

# A tenant taken down in the only order the references allow; nothing of
# it is left, the CA index included.
teardown() {
	expect 1 'rdomain "3" is in use by vsubnet' rdomain del 3
	fleet vm del green-a || fail "vm del green-a"
	fleet vm del green-b || fail "vm del green-b"
	fleet vsubnet del vsid 7001 prefix 10.0.0.0/24 || fail "vsubnet del"
	expect 1 'rdomain "3" is in use by route' rdomain del 3
	fleet route del rdid 3 prefix 0.0.0.0/0 nexthop 10.0.0.253 || fail "route del"
	fleet vsid del 7001 || fail "vsid del 7001"
	fleet rdomain del 3 || fail "rdomain del 3"
	fleet host add hv4 pa 192.0.2.4 || fail "host add hv4"
	fleet host del hv4 || fail "host del hv4"
	same "$(ectl get $P/ --prefix --keys-only | grep -cE '/7001|/rdomains/3|/routes/3/|green|hv4')" 0 \
		"keys of the deleted tenant"
	same "$(fleet -j vm show | jq length)" 4 "VMs left"
}

# Two endpoints, the first dead: the second answers.
failover() {
	"$fleet_bin" -c /dev/null -e "127.0.0.1:1,$EP" vm show red-a >/dev/null ||
		fail "vm show with a dead first endpoint"
	printf 'endpoints = http://127.0.0.1:1 , %s\n' "$EP" >"$tmp/two.conf"
	"$fleet_bin" -c "$tmp/two.conf" host show hv1 >/dev/null || fail "endpoints from the config file"
	expect 2 'unknown key "endpoint"' -c <(echo 'endpoint = x') vm show
}

# Roles: a host's credentials read the desired state and write only their
# own status; the manager writes the desired state; nobody else anything.
rbac() {
	local before
	echo "hostpw" >"$tmp/hv1.pw"
	fleet rbac init root-password rootpw manager-password-file <(echo managerpw) ||
		fail "rbac init"
	fleet -u root:rootpw rbac init root-password rootpw manager-password managerpw ||
		fail "rbac init, again, as root"
	fleet -u root:rootpw rbac host hv1 password-file "$tmp/hv1.pw" || fail "rbac host hv1"
	fleet -u root:rootpw rbac host hv1 password-file "$tmp/hv1.pw" || fail "rbac host hv1, again"
	fleet -u nvswitch-manager:managerpw vm add late vsid 5001 mac 02:00:00:00:00:10 ca 10.0.0.10 host hv2 ||
		fail "the manager adds a VM"
	fleet -u nvswitch-manager:managerpw status >/dev/null || fail "the manager reads status"
	before=$(ectl --user root:rootpw get / --prefix --keys-only --limit 1 -w json | jq -r .header.revision)
	expect 1 'permission denied' -u nvswitch-host-hv1 --password-file "$tmp/hv1.pw" vm move late hv1
	expect 1 'permission denied' -u nvswitch-host-hv1:hostpw host add evil pa 192.0.2.66
	expect 1 'permission denied' -u nvswitch-host-hv1:hostpw rbac host hv1 password x
	expect 1 'cannot log in to etcd as "nvswitch-host-hv1"' -u nvswitch-host-hv1:wrong vm show
	expect 1 'user name is empty' vm show
	ectl --user nvswitch-host-hv1:hostpw put $P/desired/vms/late '{}' >/dev/null 2>&1 &&
		fail "etcdctl as hv1 wrote the desired state"
	ectl --user nvswitch-host-hv1:hostpw put $P/status/hv2/state '{"applied":1}' >/dev/null 2>&1 &&
		fail "etcdctl as hv1 wrote hv2's status"
	same "$(ectl --user root:rootpw get / --prefix --keys-only --limit 1 -w json | jq -r .header.revision)" \
		"$before" "revision after denied writes"
	# What a host may do.
	fleet -u nvswitch-host-hv1:hostpw vm show late >/dev/null || fail "hv1 reads the desired state"
	ectl --user nvswitch-host-hv1:hostpw put $P/status/hv1/state '{"applied":1}' >/dev/null ||
		fail "hv1 writes its own status"
	ectl --user nvswitch-host-hv1:hostpw get $P/status/hv2/state >/dev/null 2>&1 &&
		fail "hv1 reads hv2's status"
	# The config file's user and password file.
	echo managerpw >"$tmp/mgr.pw"
	printf 'endpoints = %s\nuser = nvswitch-manager\npassword-file = %s\n' "$EP" "$tmp/mgr.pw" >"$tmp/mgr.conf"
	"$fleet_bin" -c "$tmp/mgr.conf" vm del late || fail "vm del with the config file's credentials"
}

echo "1..8"
run_test three_tenants
run_test bad_input
run_test vm_move_one_txn
run_test vm_move_conflict
run_test status_and_wait
run_test teardown
run_test failover
run_test rbac
echo "# test_fleet: $n_tests tests, $n_failed failed"
[ "$n_failed" = 0 ]
